"""``s1sr faults`` and ``s1sr variants``: the catalogues ``--fault`` and ``--variant`` name.

A fault is a seeded break of one clause the suite must FAIL; a variant is a correct device
that reads the clauses another allowed way, which the suite must not FAIL. Listing them is
how a newcomer finds a name without reading the data files.
"""

from __future__ import annotations

import argparse
from typing import Any

from s1sr.catalogue import load_catalogue
from s1sr.cli.output import add_format_option, fail, print_json, print_table
from s1sr.models.text import no_such


def register(subparsers: argparse._SubParsersAction) -> None:
    faults = subparsers.add_parser(
        "faults",
        help="list the emulator's seeded faults (the names --fault takes)",
        description="The fault catalogue: each fault breaks one clause of the emulator the "
        "way real firmware might; `s1sr sensitivity` checks the suite FAILs each.",
    )
    faults.add_argument("--clause", metavar="ID", help="only the faults of this clause")
    add_format_option(faults)
    faults.set_defaults(handler=_faults)

    variants = subparsers.add_parser(
        "variants",
        help="list the emulator's allowed variants (the names --variant takes)",
        description="The variant catalogue: correct devices that read the clauses another "
        "allowed way; `s1sr sensitivity` checks the suite gives none of them a FAIL or ERROR.",
    )
    add_format_option(variants)
    variants.set_defaults(handler=_variants)


def _faults(args: argparse.Namespace) -> int:
    from s1sr.emulator import load_faults

    chosen = load_faults()
    if args.clause:
        catalogue = load_catalogue()
        if not catalogue.has_clause(args.clause):
            ids = [c.id for c in catalogue.clauses]
            return fail(no_such("clause", [args.clause], ids, listing="s1sr clauses"), code=2)
        chosen = tuple(f for f in chosen if f.clause == args.clause)
    rows: list[dict[str, Any]] = [
        {
            "name": f.name,
            "clause": f.clause,
            "side": f.side,
            "description": f.description,
            "set": {knob: value for knob, value in f.knobs},
        }
        for f in chosen
    ]
    if args.format == "json":
        print_json(rows)
    else:
        print_table(rows, ("name", "clause", "side", "description"))
    return 0


def _variants(args: argparse.Namespace) -> int:
    from s1sr.emulator.variants import load_variants

    rows: list[dict[str, Any]] = []
    for v in load_variants():
        rows.append(
            {
                "name": v.name,
                "description": v.description,
                "allows": v.allows,
                "s1sp_timeout_s": (
                    None if v.s1sp_timeout is None else int(v.s1sp_timeout.total_seconds())
                ),
                "alert_codes": dict(v.alert_codes),
                "response_codes": {a.value: b.value for a, b in v.response_codes},
                "start": None if v.start is None else v.start.isoformat(),
                "acknowledge": v.acknowledge,
                "set": dict(v.knobs),
            }
        )
    if args.format == "json":
        print_json(rows)
    else:
        print_table(rows, ("name", "description"))
    return 0
