"""``s1sr clauses``, ``s1sr srvs`` and ``s1sr alerts``: the catalogues, filtered."""

from __future__ import annotations

import argparse
from typing import Any

from s1sr.catalogue import UnknownEntryError, load_catalogue
from s1sr.catalogue.views import alert_view, clause_view, srv_view
from s1sr.cli.output import add_format_option, fail, print_json, print_table
from s1sr.models import DeviceType


def register(subparsers: Any) -> None:
    clauses = subparsers.add_parser(
        "clauses", help="list the S1SR clauses of FOC Uplift 2.1 and the scope items"
    )
    clauses.add_argument(
        "--device-type", choices=[t.value for t in DeviceType], help="only clauses for this type"
    )
    clauses.add_argument("--srv", metavar="N", help="only clauses a test of SRV N sends")
    clauses.add_argument("--family", metavar="SLUG", help="only clauses of this family")
    add_format_option(clauses)
    clauses.set_defaults(handler=_clauses)

    srvs = subparsers.add_parser("srvs", help="list the SRVs in scope and their GBCS use cases")
    add_format_option(srvs)
    srvs.set_defaults(handler=_srvs)

    alerts = subparsers.add_parser("alerts", help="list the alert codes (S1CE20, project-defined)")
    add_format_option(alerts)
    alerts.set_defaults(handler=_alerts)


def _clauses(args: argparse.Namespace) -> int:
    catalogue = load_catalogue()
    selected = catalogue.clauses
    try:
        if args.device_type:
            selected = tuple(
                c for c in selected if c in catalogue.for_device_type(DeviceType(args.device_type))
            )
        if args.srv:
            selected = tuple(c for c in selected if c in catalogue.for_srv(args.srv))
        if args.family:
            selected = tuple(c for c in selected if c in catalogue.for_family(args.family))
    except UnknownEntryError as exc:
        return fail(str(exc), code=2)
    views = [clause_view(c) for c in selected]
    if args.format == "json":
        print_json(views)
    else:
        print_table(views, ("id", "kind", "family", "device_types", "srvs", "testable"))
    return 0


def _srvs(args: argparse.Namespace) -> int:
    views = [srv_view(info) for info in load_catalogue().srvs]
    if args.format == "json":
        print_json(views)
    else:
        print_table(views, ("number", "name", "use_cases", "device_types"))
    return 0


def _alerts(args: argparse.Namespace) -> int:
    views = [alert_view(info) for info in load_catalogue().alerts]
    if args.format == "json":
        print_json(views)
    else:
        print_table(views, ("code", "name", "project_defined", "clauses"))
    return 0
