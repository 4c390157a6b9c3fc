"""``s1sr models`` and ``s1sr dmves check|import|export``: the Device Model matrix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from s1sr.catalogue import DataFileError, UnknownEntryError, load_catalogue
from s1sr.cli.output import add_format_option, fail, print_json, print_table
from s1sr.dmves import (
    coverage_gaps,
    dump_toml,
    export_csv,
    export_xlsx,
    import_table,
    load_dmves,
)
from s1sr.dmves.table import SUFFIXES
from s1sr.dmves.views import model_view
from s1sr.models import DeviceType


def register(subparsers: Any) -> None:
    models = subparsers.add_parser("models", help="list the Device Models of the DMVES")
    _add_dmves_option(models)
    models.add_argument("--device-type", choices=[t.value for t in DeviceType])
    models.add_argument("--clause", metavar="ID", help="only Device Models the clause applies to")
    add_format_option(models)
    models.set_defaults(handler=_models)

    dmves = subparsers.add_parser("dmves", help="check, import or export a DMVES")
    actions = dmves.add_subparsers(dest="action", metavar="ACTION", required=True)

    check = actions.add_parser("check", help="validate a DMVES file (.toml, .csv or .xlsx)")
    check.add_argument("file", type=Path)
    check.add_argument(
        "--coverage",
        action="store_true",
        help="also require every testable clause on 2+ Device Models and absent from one",
    )
    check.set_defaults(handler=_check)

    imp = actions.add_parser("import", help="convert a CSV/XLSX matrix to DMVES TOML")
    imp.add_argument("file", type=Path)
    imp.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    imp.set_defaults(handler=_import)

    exp = actions.add_parser("export", help="write the DMVES as a CSV/XLSX matrix")
    _add_dmves_option(exp)
    exp.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    exp.add_argument("-o", "--output", type=Path, help="write here instead of stdout (csv)")
    exp.set_defaults(handler=_export)


def _add_dmves_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dmves",
        type=Path,
        metavar="FILE",
        help="DMVES file (default: $S1SR_DMVES, else the device_models/dmves.toml shipped with s1sr)",
    )


def _models(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    try:
        dmves = load_dmves(args.dmves)
        selected = dmves.models
        if args.device_type:
            selected = tuple(m for m in selected if m.device_type == args.device_type)
        if args.clause:
            chosen = dmves.models_for(args.clause)
            selected = tuple(m for m in selected if m in chosen)
    except DataFileError as exc:
        return fail(str(exc))
    except UnknownEntryError as exc:
        return fail(str(exc), code=2)
    views = [model_view(m, catalogue) for m in selected]
    if args.format == "json":
        print_json(views)
    else:
        for view in views:
            view["clauses"] = len(view["clauses"])
        print_table(
            views,
            ("id", "device_type", "group_id", "bilingual", "han_id", "supplier", "clauses"),
        )
    return 0


def _check(args: argparse.Namespace) -> int:
    try:
        dmves = load_dmves(args.file)
    except DataFileError as exc:
        return fail(str(exc))
    if args.coverage:
        gaps = coverage_gaps(dmves, load_catalogue())
        if gaps:
            return fail(f"{args.file}: coverage: " + "; ".join(gaps))
    sys.stdout.write(f"{args.file}: OK: {len(dmves.models)} Device Models, sha256 {dmves.sha256}\n")
    return 0


def _import(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() not in SUFFIXES:
        return fail(f"{args.file}: import reads .csv or .xlsx files", code=2)
    try:
        dmves = import_table(args.file)
    except DataFileError as exc:
        return fail(str(exc))
    text = dump_toml(
        dmves, load_catalogue(), header=f"Imported from {args.file.name} by s1sr dmves import."
    )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _export(args: argparse.Namespace) -> int:
    try:
        dmves = load_dmves(args.dmves)
    except DataFileError as exc:
        return fail(str(exc))
    if args.format == "xlsx":
        if args.output is None:
            return fail("xlsx export needs -o FILE", code=2)
        export_xlsx(dmves, args.output)
        return 0
    text = export_csv(dmves)
    if args.output:
        args.output.write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return 0
