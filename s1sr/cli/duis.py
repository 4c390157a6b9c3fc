"""``s1sr duis decode|encode|validate``: DUIS XML to and from the typed models.

Errors are one line naming the element path. The DUIS schema is SEC's and is never
bundled: ``--schema DIR`` or ``S1SR_DUIS_SCHEMA`` points at the folder holding it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from s1sr.cli.output import fail, print_json
from s1sr.codecs.duis import (
    CodecError,
    CommandVariant,
    DuisSchema,
    KeyStore,
    SchemaNotFound,
    decode_request,
    encode_request,
    sign,
    verify,
)
from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.request import request_from_element
from s1sr.codecs.duis.response import response_from_element
from s1sr.codecs.duis.safe import parse_document
from s1sr.codecs.duis.signature import load_certificate, load_private_key
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.duis.views import Framing, Fuel, from_model, to_model, typed
from s1sr.models import EUI64, DeviceType, ModelError, Request
from s1sr.models.jsonview import JsonViewError, from_jsonable, to_jsonable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("duis", help="DUIS XML: decode, encode, validate, sign, verify")
    actions = parser.add_subparsers(dest="duis_command", metavar="ACTION", required=True)

    decode = actions.add_parser("decode", help="print a DUIS request or response as JSON")
    decode.add_argument("file", type=Path, help="an sr:Request or sr:Response document")
    decode.add_argument("--model", action="store_true", help="print the typed project model")
    decode.add_argument("--verify", action="store_true", help="verify the signature first")
    decode.add_argument("--keys", type=Path, help="key folder (certificates by issuer+serial)")
    decode.add_argument("--at", help="when the certificate must be valid (ISO date-time)")
    decode.add_argument(
        "--typed",
        action="store_true",
        help="print the typed model and the framing (what DUIS says beyond the model)",
    )
    decode.add_argument(
        "--device-type",
        choices=[t.value for t in DeviceType],
        help="the device's type, which 8.11 needs and DUIS does not say",
    )
    _schema_option(decode)
    decode.set_defaults(handler=_decode)

    encode = actions.add_parser("encode", help="a typed Request (JSON view) as DUIS XML")
    encode.add_argument("json", type=Path, help="a JSON file holding a Request ('-': stdin)")
    encode.add_argument("--command-variant", type=int, help="default: the SRV's usual one")
    encode.add_argument("--sign-key", type=Path, help="the DCC User's PKCS#8 EC key")
    encode.add_argument("--cert", type=Path, help="its certificate (named in KeyInfo)")
    encode.add_argument("--fuel", choices=[f.value for f in Fuel], help="Elec*/Gas* body form")
    encode.add_argument("--addressee", help="the header's target when not the device (11.1)")
    encode.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="NAME=TEXT",
        help="a DUIS-only leaf the model has no place for (repeatable), see docs/duis.md",
    )
    _schema_option(encode)
    encode.set_defaults(handler=_encode)

    keygen = actions.add_parser(
        "keygen", help="write a throwaway test PKI (DCC Boxed's key-folder layout) into DIR"
    )
    keygen.add_argument("dir", type=Path, help="the key folder to write (created if need be)")
    keygen.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="EUI",
        help="a DCC User to make a pair for (repeatable; default: every user of every "
        "installation the DMVES builds)",
    )
    keygen.add_argument("--dmves", type=Path, metavar="FILE", help="DMVES file for the default")
    keygen.set_defaults(handler=_keygen)

    validate = actions.add_parser("validate", help="validate a document against the schema")
    validate.add_argument("file", type=Path)
    _schema_option(validate, required=True)
    validate.set_defaults(handler=_validate)


def _schema_option(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "--schema",
        type=Path,
        help="folder holding SEC's DUIS schema (default: $S1SR_DUIS_SCHEMA)"
        + ("" if required else "; without it, only the structure is checked"),
    )
    parser.set_defaults(schema_required=required)


def _schema(args: argparse.Namespace) -> DuisSchema | None:
    if args.schema is None and not args.schema_required:
        try:
            return DuisSchema()
        except SchemaNotFound:
            return None
    return DuisSchema(args.schema)


def _tree(element: XmlElement) -> Any:
    if element.text is not None or not element.children:
        value: Any = element.text
    else:
        value = [{child.name: _tree(child)} for child in element.children]
    if element.attributes:
        return {"@": dict(element.attributes), "value": value}
    return value


def _decode(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
        schema = _schema(args)
        root = parse_document(data)
        if schema is not None:
            schema.check(root)
        if args.verify:
            if args.keys is None:
                return fail("--verify needs --keys DIR")
            at = datetime.fromisoformat(args.at) if args.at else None
            root = verify(data, KeyStore(args.keys), at=at or _stamp(root)).signed
        if root.tag == f"{{{SR}}}Request":
            request = request_from_element(root)
            device_type = DeviceType(args.device_type) if args.device_type else None
            if args.typed:
                view = typed(request, device_type=device_type)
                framing = view.framing
                print_json(
                    {
                        "model": to_jsonable(view.model),
                        "framing": {
                            "fuel": framing.fuel.value if framing.fuel else None,
                            "addressee": str(framing.addressee) if framing.addressee else None,
                            "extras": dict(framing.extras),
                        },
                    }
                )
            elif args.model:
                print_json(to_jsonable(to_model(request, device_type=device_type)))
            else:
                h = request.header
                print_json(
                    {
                        "request_id": str(h.request_id),
                        "command_variant": int(h.command_variant),
                        "srv": h.srv,
                        "body": {request.body.name: _tree(request.body)},
                    }
                )
            return 0
        response = response_from_element(root)
        if args.model:
            print_json(to_jsonable(response.to_model()))
        else:
            h = response.header
            print_json(
                {
                    "request_id": str(h.request_id) if h.request_id else None,
                    "code": h.code,
                    "at": h.at.isoformat(),
                    "body": {response.kind: _tree(response.body)},
                }
            )
        return 0
    except (CodecError, ModelError) as exc:
        return fail(_one_line(exc))
    except (OSError, ValueError) as exc:
        return fail(_one_line(exc))


def _stamp(root: Any) -> datetime | None:
    """The document's own date-time: when its signer's certificate had to be valid."""
    from s1sr.codecs.duis.response import parse_datetime

    for name in ("ResponseDateTime", "DateTime"):
        found = root.find(f".//{{{SR}}}{name}")
        if found is not None and found.text:
            try:
                return parse_datetime(found.text, "")
            except CodecError:
                return None
    return None


def _encode(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read() if str(args.json) == "-" else args.json.read_text()
        model = from_jsonable(json.loads(text))
        if not isinstance(model, Request):
            return fail(f"expected a Request, got {type(model).__name__}")
        extras = []
        for item in args.extra:
            name, sep, value = item.partition("=")
            if not sep:
                return fail(f"--extra {item!r}: expected NAME=TEXT")
            extras.append((name, value))
        framing = Framing(
            Fuel(args.fuel) if args.fuel else None,
            EUI64.parse(args.addressee) if args.addressee else None,
            tuple(extras),
        )
        variant = None if args.command_variant is None else CommandVariant(args.command_variant)
        data = encode_request(from_model(model, variant, framing))
        if (args.sign_key is None) != (args.cert is None):
            return fail("--sign-key and --cert go together")
        if args.sign_key is not None:
            data = sign(data, load_private_key(args.sign_key), load_certificate(args.cert))
        schema = _schema(args)
        if schema is not None:
            decode_request(data, schema)
        sys.stdout.buffer.write(data)
        return 0
    except (CodecError, ModelError, JsonViewError) as exc:
        return fail(_one_line(exc))
    except (OSError, ValueError) as exc:
        return fail(_one_line(exc))


def _validate(args: argparse.Namespace) -> int:
    try:
        schema = _schema(args)
        schema.check(parse_document(args.file.read_bytes()))
    except CodecError as exc:
        return fail(_one_line(exc))
    except (OSError, ValueError) as exc:
        return fail(_one_line(exc))
    print(f"{args.file}: valid")
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from s1sr.codecs.duis.pki import write_test_pki
    from s1sr.dmves import load_dmves
    from s1sr.emulator.duis.pki import default_users

    try:
        users = [EUI64.parse(text) for text in args.user]
        if not users:
            users = default_users(load_dmves(args.dmves))
        names = write_test_pki(args.dir, users)
    except (ModelError, ValueError, OSError) as exc:
        return fail(_one_line(exc))
    print(f"{args.dir}: {len(names)} key pairs ({', '.join(names)})")
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
