"""``s1sr utrn parse|build``: read and make the 20-digit UTRNs of GBCS section 14."""

from __future__ import annotations

import argparse
import re
from typing import Any

from s1sr.cli.output import fail, print_json
from s1sr.models.errors import ModelError
from s1sr.models.utrn import Utrn, ValueClass

_HEX = re.compile(r"(?:0[xX])?[0-9A-Fa-f]{1,8}")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("utrn", help="parse or build a UTRN (GBCS section 14)")
    actions = parser.add_subparsers(dest="utrn_command", metavar="ACTION", required=True)

    parse = actions.add_parser("parse", help="decode a UTRN and print its fields as JSON")
    parse.add_argument("utrn", metavar="UTRN", help="20 decimal digits")
    parse.set_defaults(handler=_parse)

    build = actions.add_parser("build", help="print the 20-digit UTRN for the given fields")
    build.add_argument("--counter", type=int, required=True, help="UTRN counter, 0-1023")
    value = build.add_mutually_exclusive_group(required=True)
    value.add_argument("--pounds", type=int, metavar="VALUE", help="value in whole pounds")
    value.add_argument("--pennies", type=int, metavar="VALUE", help="value in pennies")
    build.add_argument(
        "--tag", required=True, metavar="HEX", help="32-bit GMAC tag part, up to 8 hex digits"
    )
    build.set_defaults(handler=_build)


def utrn_fields(utrn: Utrn) -> dict[str, Any]:
    """What ``utrn parse`` prints: the fields a test engineer checks by eye."""
    return {
        "utrn": utrn.digits,
        "counter": utrn.counter,
        "value_class": utrn.value_class.value,
        "value": utrn.value,
        "amount_pence": utrn.amount.pence,
        "tag": f"{utrn.tag:08X}",
        "check_digit": utrn.check_digit,
        "whole_pounds": utrn.is_whole_pounds,
    }


def _parse(args: argparse.Namespace) -> int:
    try:
        utrn = Utrn.parse(args.utrn)
    except ModelError as exc:
        return fail(f"invalid UTRN ({type(exc).__name__}): {exc}")
    print_json(utrn_fields(utrn))
    return 0


def _build(args: argparse.Namespace) -> int:
    if not _HEX.fullmatch(args.tag):
        return fail(f"--tag must be up to 8 hex digits, got {args.tag!r}")
    value_class = ValueClass.POUNDS if args.pounds is not None else ValueClass.PENNIES
    value = args.pounds if args.pounds is not None else args.pennies
    try:
        utrn = Utrn(args.counter, value_class, value, int(args.tag, 16))
    except ModelError as exc:
        return fail(f"cannot build a UTRN: {exc}")
    print(utrn.digits)
    return 0
