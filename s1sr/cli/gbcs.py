"""``s1sr gbcs decode|coverage``: read GBCS messages (RTDS files or hex) as JSON.

``decode --model`` prints the typed SRV model of the message (``s1sr.models`` JSON view).
"""

from __future__ import annotations

import argparse
import string
from pathlib import Path

from s1sr.cli.output import fail, print_json
from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import GbcsMessage, decode_gbcs
from s1sr.codecs.gbcs.coverage import main as coverage_main
from s1sr.codecs.gbcs.jsonable import to_jsonable
from s1sr.codecs.gbcs.mapping import to_model
from s1sr.codecs.gbcs.rtds import read_hex
from s1sr.models.jsonview import to_jsonable as model_jsonable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gbcs", help="decode GBCS messages (framing, GBZ, DLMS, DER)")
    actions = parser.add_subparsers(dest="gbcs_command", metavar="ACTION", required=True)

    decode = actions.add_parser("decode", help="print a GBCS message as JSON (bytes as hex)")
    decode.add_argument(
        "message", metavar="FILE|HEX", help="a file holding the message (hex or binary), or hex"
    )
    decode.add_argument(
        "--lenient",
        action="store_true",
        help="keep a payload that does not decode as raw bytes instead of failing",
    )
    decode.add_argument(
        "--model",
        action="store_true",
        help="print the typed SRV model (Request / Response / Alert) instead of the structure",
    )
    decode.set_defaults(handler=_decode)

    coverage = actions.add_parser("coverage", help="decode coverage of a folder of *.HEX files")
    coverage.add_argument("directory", nargs="?", help="default: $S1SR_GBCS_RTDS or the RTDS")
    coverage.set_defaults(handler=_coverage)


def message_bytes(argument: str) -> bytes:
    """The bytes named on the command line: a file's content, else the argument as hex."""
    path = Path(argument)
    if path.is_file():
        raw = path.read_bytes()
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError:
            return raw
        # Hex, even an odd-length one (which read_hex names), is never read as binary.
        return read_hex(text) if _looks_like_hex(text) else raw
    return read_hex(argument)


def _looks_like_hex(text: str) -> bool:
    """Only hex digits and whitespace (a leading 0x allowed): meant as hex, not binary."""
    cleaned = "".join(text.split())
    if cleaned[:2].lower() == "0x":
        cleaned = cleaned[2:]
    return bool(cleaned) and all(c in string.hexdigits for c in cleaned)


def _decode(args: argparse.Namespace) -> int:
    try:
        message = decode_gbcs(message_bytes(args.message), strict=not args.lenient)
    except CodecError as exc:
        return fail(f"malformed GBCS message: {exc}")
    except OSError as exc:
        return fail(f"cannot read {args.message}: {exc}")
    if args.model:
        return _print_model(message)
    print_json(to_jsonable(message))
    return 0


def _print_model(message: GbcsMessage) -> int:
    try:
        model = to_model(message)
    except CodecError as exc:
        return fail(f"no typed model for this message: {exc}")
    print_json(model_jsonable(model))
    return 0


def _coverage(args: argparse.Namespace) -> int:
    return coverage_main([args.directory] if args.directory else [])
