"""``s1sr faults`` and ``s1sr variants``: the catalogues ``--fault`` and ``--variant`` name;
``s1sr requirements``: what a bench must provide for full coverage.

A fault is a seeded break of one clause the suite must FAIL; a variant is a correct device
that reads the clauses another allowed way, which the suite must not FAIL. Listing them is
how a newcomer finds a name without reading the data files.
"""

from __future__ import annotations

import argparse
from pathlib import Path
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
    register_requirements(subparsers)


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


def register_requirements(subparsers: argparse._SubParsersAction) -> None:
    requirements = subparsers.add_parser(
        "requirements",
        help="what a bench must provide for full coverage of each Device Model",
        description="For each Device Model: what the bench must provide (clock control, "
        "reset, a second supplier, a second meter on the HAN, a spare PPMID, prepayment "
        "preconditions) and which of its (model, clause) pairs end INCONCLUSIVE without it.",
    )
    requirements.add_argument(
        "--device-model",
        action="append",
        default=[],
        metavar="ID",
        help="only this Device Model (repeatable; default: every model of the DMVES)",
    )
    requirements.add_argument(
        "--dmves",
        type=Path,
        metavar="FILE",
        help="the DMVES (default: $S1SR_DMVES, else the one shipped with s1sr)",
    )
    add_format_option(requirements)
    requirements.set_defaults(handler=_requirements)


def _requirements(args: argparse.Namespace) -> int:
    from s1sr.dmves import DataFileError, load_dmves
    from s1sr.pytest_plugin.requirements import requirements_of

    try:
        dmves = load_dmves(args.dmves)
    except DataFileError as exc:
        return fail(str(exc))
    known = [m.id for m in dmves.models]
    unknown = [m for m in args.device_model if m not in known]
    if unknown:
        return fail(no_such("Device Model", unknown, known, listing="s1sr models"), code=2)
    catalogue = load_catalogue()
    chosen = [m for m in dmves.models if not args.device_model or m.id in args.device_model]
    rows = [
        {
            "model": model.id,
            "device_type": model.device_type.value,
            "requirements": [
                {"name": r.name, "provide": r.provide, "inconclusive_without": list(clauses)}
                for r, clauses in requirements_of(model, catalogue)
            ],
        }
        for model in chosen
    ]
    if args.format == "json":
        print_json(rows)
        return 0
    for row in rows:
        print(f"{row['model']} ({row['device_type']})")
        if not row["requirements"]:
            print("  nothing beyond answering requests")
        for item in row["requirements"]:
            print(f"  {item['name']}: {item['provide']}")
            print(f"    INCONCLUSIVE without it: {', '.join(item['inconclusive_without'])}")
    return 0
