"""``s1sr emulate --duis``: the emulated installation behind DCC Boxed-shaped DUIS endpoints.

Requests arrive signed on ``/api/v1/serviceS|D|T``; results and alerts go to ``--callback``
signed with the DCC's key (``--sign-key``/``--sign-cert``, else the folder's
``dcc-xml-sign-ds`` pair). ``--keys`` is the trusted folder (``s1sr duis keygen`` writes
one). ``--test-hooks`` adds the non-DUIS ``/s1sr/test-hooks/`` paths (virtual clock).
SIGINT and SIGTERM stop the server once the callback queue is drained.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from datetime import timedelta

from s1sr.catalogue import DataFileError, UnknownEntryError
from s1sr.cli.emulate import _where, _write_port, loopback_warning
from s1sr.cli.output import fail
from s1sr.codecs.duis import DuisSchema, KeyStore, SchemaNotFound
from s1sr.codecs.duis.signature import load_certificate, load_private_key
from s1sr.dmves import load_dmves
from s1sr.dut.emulator import unknown_variants, variant_names
from s1sr.emulator import InstallationError
from s1sr.emulator.duis import DuisServer, HttpLimits, SigningPair, build_endpoint
from s1sr.emulator.duis.callback import callback_url
from s1sr.emulator.server import InstallationHost, factory_for
from s1sr.emulator.variants import merge, variant
from s1sr.models.text import no_such


def serve_duis(args: argparse.Namespace) -> int:
    if args.callback is None or args.keys is None:
        return fail("--duis needs --callback URL and --keys DIR", code=2)
    try:
        callback_url(args.callback)
    except ValueError as exc:
        return fail(str(exc), code=2)
    if (args.sign_key is None) != (args.sign_cert is None):
        return fail("--sign-key and --sign-cert go together", code=2)
    unknown = unknown_variants(args.variant)
    if unknown:
        return fail(no_such("variant", unknown, variant_names(), listing="s1sr variants"), code=2)
    settings = merge(variant(name) for name in args.variant)
    try:
        keys = KeyStore(args.keys)
        pair = None
        if args.sign_key is not None:
            pair = SigningPair(
                load_private_key(args.sign_key), load_certificate(args.sign_cert), "--sign-key"
            )
        schema = None
        if args.schema is not None:
            schema = DuisSchema(args.schema)
        else:
            try:
                schema = DuisSchema()
            except SchemaNotFound:
                schema = None
    except (OSError, ValueError) as exc:
        return fail(str(exc), code=2)
    try:
        dmves = load_dmves(args.dmves)
        timeout = settings.s1sp_timeout or timedelta(seconds=args.s1sp_timeout)
        factory = factory_for(
            dmves,
            faults=tuple(args.fault),
            s1sp_timeout=timeout,
            overrides=dict(settings.overrides),
            **_where(dmves, args),
        )
        host = InstallationHost(
            factory, test_hooks=args.test_hooks, start=settings.start or args.start
        )
        endpoint = build_endpoint(
            host,
            keys,
            args.callback,
            schema=schema,
            pair=pair,
            max_body=args.max_body,
            rename=settings.rename,
            renamed_alerts=dict(settings.alert_codes),
        )
    except DataFileError as exc:
        return fail(str(exc))
    except (InstallationError, UnknownEntryError) as exc:
        return fail(str(exc), code=2)
    except (OSError, ValueError) as exc:
        return fail(str(exc), code=2)
    warning = loopback_warning(args.host)
    if warning:
        sys.stderr.write(f"s1sr emulate: {warning}\n")
    limits = HttpLimits(
        max_connections=args.max_connections,
        **({"max_body": args.max_body} if args.max_body is not None else {}),
    )
    try:
        server = DuisServer(endpoint, address=args.host, port=args.port, limits=limits)
    except OSError as exc:
        endpoint.close()
        return fail(f"cannot listen on {args.host}:{args.port}: {exc}")
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server.start()
    if args.port_file is not None:
        _write_port(args.port_file, server.port)
    what = f"HAN {args.han}" if args.han else f"Device Model {args.model}"
    hooks = "on (virtual clock)" if args.test_hooks else "off (host clock)"
    sys.stdout.write(
        f"s1sr emulate: {what} as DUIS on http://{args.host}:{server.port}, callback "
        f"{args.callback}, schema {'on' if schema else 'off'}, test hooks {hooks}\n"
    )
    sys.stdout.flush()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        if args.port_file is not None:
            args.port_file.unlink(missing_ok=True)
    sys.stdout.write("s1sr emulate: stopped\n")
    return 0
