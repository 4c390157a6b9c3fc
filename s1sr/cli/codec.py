"""``s1sr decode HEX`` and ``s1sr encode [FILE]``: wire frames to JSON models and back.

For a test engineer with a frame from a device log, or a model to send by hand. The
JSON is the models' JSON view (``s1sr.models.jsonview``); the frame is the s1sr wire
format (docs/wire-format.md).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import get_args

from s1sr.cli.output import fail, print_json
from s1sr.codecs.errors import CodecError
from s1sr.codecs.strict import EncodeError
from s1sr.codecs.wire import WireMessage, decode_message, encode_message
from s1sr.models.jsonview import JsonViewError, from_jsonable, to_jsonable

_SEPARATORS = re.compile(r"[\s:_-]+")
_WIRE_TYPES: tuple[type, ...] = get_args(WireMessage)


def register(subparsers: argparse._SubParsersAction) -> None:
    decode = subparsers.add_parser(
        "decode", help="decode a wire frame (hex) and print its model as JSON"
    )
    decode.add_argument(
        "hex",
        metavar="HEX",
        help="the frame in hex (spaces, colons and a 0x prefix allowed); '-' reads stdin",
    )
    decode.set_defaults(handler=_decode)

    encode = subparsers.add_parser(
        "encode", help="encode a model given as JSON and print the wire frame in hex"
    )
    encode.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        default="-",
        help="the model's JSON (as 's1sr decode' prints it); default or '-': stdin",
    )
    encode.set_defaults(handler=_encode)


def parse_hex(text: str) -> bytes:
    """Hex as people paste it: any case, separated or not, with or without 0x."""
    cleaned = _SEPARATORS.sub("", text.strip())
    if cleaned[:2] in ("0x", "0X"):
        cleaned = cleaned[2:]
    return bytes.fromhex(cleaned)


def _decode(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.hex == "-" else args.hex
    try:
        data = parse_hex(text)
    except ValueError:
        return fail("HEX is not hexadecimal", 2)
    try:
        message = decode_message(data)
    except CodecError as exc:
        where = f" at {exc.path}" if exc.path else ""
        return fail(f"malformed frame{where}: {exc.reason}")
    print_json(to_jsonable(message))
    return 0


def _encode(args: argparse.Namespace) -> int:
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        return fail(f"cannot read {args.file}: {exc.strerror}", 2)
    try:
        model = from_jsonable(json.loads(text))
    except json.JSONDecodeError as exc:
        return fail(f"not JSON: {exc}")
    except JsonViewError as exc:
        return fail(f"not a valid model: {exc}")
    if not isinstance(model, _WIRE_TYPES):
        names = ", ".join(cls.__name__ for cls in _WIRE_TYPES)
        return fail(f"a {type(model).__name__} is not a message; expected one of {names}")
    try:
        frame = encode_message(model)
    except EncodeError as exc:
        return fail(f"the wire format cannot carry this model: {exc}")
    print(frame.hex().upper())
    return 0
