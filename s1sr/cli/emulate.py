"""``s1sr emulate``: serve one emulated installation over TCP in the s1sr wire format.

The installation is a DMVES example HAN (``--han``) or one built around a Device Model
(``--model``), with optional faults. With ``--test-hooks`` it runs on a virtual clock that
only control messages move (set, advance, reset), so S1CE20 arrives when a client advances
past the S1SP timeout; without, it runs on the host's clock with a real S1SP timeout, and
control messages that would change anything are refused. ``--port 0`` lets the system pick
a port: it is printed and, with ``--port-file``, written to a file a launcher can wait for.
SIGINT and SIGTERM stop the server cleanly.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from s1sr.catalogue import DataFileError, UnknownEntryError
from s1sr.cli.output import fail
from s1sr.dmves import Dmves, load_dmves
from s1sr.dut.emulator import fault_names, installation_of, unknown_faults
from s1sr.emulator import DEFAULT_TIMEOUT, InstallationError
from s1sr.emulator.server import (
    DEFAULT_START,
    EmulatorServer,
    InstallationHost,
    Limits,
    factory_for,
)
from s1sr.models.text import no_such

DEFAULTS = Limits()


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "emulate", help="serve an emulated SMETS1 installation over TCP (the s1sr wire format)"
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--model", metavar="ID", help="an installation around this Device Model")
    which.add_argument("--han", metavar="HAN_ID", help="the DMVES example installation HAN_ID")
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME", help="a fault (repeatable)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, required=True, metavar="N", help="0: any free port")
    parser.add_argument("--port-file", type=Path, metavar="PATH", help="write the bound port here")
    parser.add_argument(
        "--test-hooks",
        action="store_true",
        help="virtual clock moved by control messages; allow set/advance clock and reset",
    )
    parser.add_argument(
        "--s1sp-timeout",
        type=_positive_int,
        default=int(DEFAULT_TIMEOUT.total_seconds()),
        metavar="SECONDS",
        help="how long the S1SP waits for a device before S1CE20 (default %(default)s)",
    )
    parser.add_argument(
        "--start",
        type=_instant,
        default=DEFAULT_START,
        metavar="ISO",
        help="where the virtual clock starts (test hooks only; default %(default)s)",
    )
    parser.add_argument(
        "--dmves",
        type=Path,
        metavar="FILE",
        help="DMVES file (default: $S1SR_DMVES, else the device_models/dmves.toml shipped with s1sr)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=float,
        default=DEFAULTS.idle_timeout,
        metavar="SECONDS",
        help="close a connection silent this long while it awaits nothing (default %(default)s)",
    )
    parser.add_argument(
        "--frame-timeout",
        type=float,
        default=DEFAULTS.frame_timeout,
        metavar="SECONDS",
        help="close a connection whose frame is not whole this long after its first byte "
        "(default %(default)s)",
    )
    parser.add_argument(
        "--max-connections",
        type=_positive_int,
        default=DEFAULTS.max_connections,
        metavar="N",
        help="connections served at once; past it a newcomer sheds the connection idle "
        "longest with no request in flight (default %(default)s)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every connection")
    duis = parser.add_argument_group(
        "DUIS", "--duis: serve DCC Boxed-shaped DUIS endpoints over HTTP instead (docs/duis.md)"
    )
    duis.add_argument("--duis", action="store_true", help="serve DUIS over HTTP, not the wire")
    duis.add_argument("--callback", metavar="URL", help="the DCC User's endpoint for results")
    duis.add_argument("--keys", type=Path, metavar="DIR", help="trusted key folder (keygen's)")
    duis.add_argument("--sign-key", type=Path, metavar="KEY", help="the DCC's PKCS#8 key")
    duis.add_argument("--sign-cert", type=Path, metavar="CERT", help="its certificate")
    duis.add_argument("--schema", type=Path, metavar="DIR", help="SEC's DUIS schema folder")
    duis.add_argument(
        "--variant", action="append", default=[], metavar="NAME", help="a variant (repeatable)"
    )
    duis.add_argument(
        "--max-body",
        type=_positive_int,
        metavar="BYTES",
        help="largest request body (default: the DUIS codec's 8 MiB bound)",
    )
    parser.set_defaults(handler=_emulate)


def loopback_warning(address: str) -> str | None:
    """The warning to print when ``address`` exposes the emulator beyond this machine."""
    if address == "localhost":
        return None
    try:
        if ipaddress.ip_address(address).is_loopback:
            return None
    except ValueError:
        pass  # a host name: it may resolve to anything
    return (
        f"warning: binding {address}, not loopback: anyone who can reach this port can drive "
        "the emulator"
    )


def _emulate(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="s1sr emulate: %(levelname)s %(name)s: %(message)s",
    )
    if not 0 <= args.port <= 65535:
        return fail(f"--port must be 0-65535, got {args.port}", code=2)
    for option in ("idle_timeout", "frame_timeout"):
        if not getattr(args, option) > 0:  # NaN too
            return fail(f"--{option.replace('_', '-')} must be positive", code=2)
    unknown = unknown_faults(args.fault)
    if unknown:
        return fail(no_such("fault", unknown, fault_names(), listing="s1sr faults"), code=2)
    if args.duis:
        from s1sr.cli.emulate_duis import serve_duis

        return serve_duis(args)
    for option in ("callback", "keys", "sign_key", "sign_cert", "schema", "max_body"):
        if getattr(args, option) is not None:
            return fail(f"--{option.replace('_', '-')} goes with --duis", code=2)
    if args.variant:
        return fail("--variant goes with --duis", code=2)
    try:
        dmves = load_dmves(args.dmves)
        where = _where(dmves, args)
        factory = factory_for(
            dmves,
            faults=tuple(args.fault),
            s1sp_timeout=timedelta(seconds=args.s1sp_timeout),
            **where,
        )
        host = InstallationHost(factory, test_hooks=args.test_hooks, start=args.start)
    except DataFileError as exc:
        return fail(str(exc))
    except (InstallationError, UnknownEntryError) as exc:
        return fail(str(exc), code=2)
    warning = loopback_warning(args.host)
    if warning:
        sys.stderr.write(f"s1sr emulate: {warning}\n")
    limits = Limits(
        idle_timeout=args.idle_timeout,
        frame_timeout=args.frame_timeout,
        max_connections=args.max_connections,
    )
    try:
        return asyncio.run(_serve(host, args, limits))
    except OSError as exc:
        return fail(f"cannot listen on {args.host}:{args.port}: {exc}")


async def _serve(host: InstallationHost, args: argparse.Namespace, limits: Limits) -> int:
    server = EmulatorServer(host, address=args.host, port=args.port, limits=limits)
    await server.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):  # no signal handlers on this platform
            pass
    port = server.port
    if args.port_file is not None:
        _write_port(args.port_file, port)
    what = f"HAN {args.han}" if args.han else f"Device Model {args.model}"
    hooks = "on (virtual clock)" if args.test_hooks else "off (host clock)"
    sys.stdout.write(f"s1sr emulate: {what} on {args.host}:{port}, test hooks {hooks}\n")
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await server.close()
        if args.port_file is not None:
            args.port_file.unlink(missing_ok=True)
    sys.stdout.write("s1sr emulate: stopped\n")
    return 0


def _where(dmves: Dmves, args: argparse.Namespace) -> dict[str, str]:
    """The installation to serve: ``--han`` as given; ``--model`` as the in-process emulator
    builds it (the model's example HAN when it has one), so TCP and in-process agree."""
    if args.han:
        return {"han_id": args.han}
    return installation_of(dmves.model(args.model))


def _write_port(path: Path, port: int) -> None:
    """Write the port so that a reader never sees a partial file (rename is atomic)."""
    partial = path.with_name(path.name + f".{os.getpid()}.tmp")
    partial.write_text(f"{port}\n", encoding="ascii")
    partial.replace(path)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 instant: {text!r}") from exc
    if value.tzinfo is None or value.utcoffset() != timedelta(0):
        raise argparse.ArgumentTypeError(f"give a UTC instant (ending Z), got {text!r}")
    return value.astimezone(UTC).replace(microsecond=0)
