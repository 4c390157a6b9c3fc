"""What a bench must provide for full coverage, and which pairs end INCONCLUSIVE without it.

A conformance test never FAILs a device for what its bench lacks: it ends INCONCLUSIVE with
the reason. So a manufacturer needs to know, before a long run, what to set up: this table
is that list. Each entry names the clauses whose tests need it; ``s1sr requirements`` shows
them per Device Model (only the pairs that apply to it), and docs/suite.md says the same.
The clock-control and reset entries were measured by running the suite on the emulator
with that capability taken away; tests/suite/test_requirements.py keeps them honest.
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.catalogue import Catalogue
from s1sr.dmves import DeviceModel
from s1sr.pytest_plugin.pairs import NOT_APPLICABLE, expectation_of


@dataclass(frozen=True)
class BenchRequirement:
    name: str
    provide: str  # what the bench must offer, in the adapter's terms
    clauses: tuple[str, ...]  # the clauses whose tests end INCONCLUSIVE without it


REQUIREMENTS: tuple[BenchRequirement, ...] = (
    BenchRequirement(
        "clock-control",
        "the device's clock can be set and advanced (Capability.CLOCK_CONTROL: now, "
        "set_clock, advance): seasons, logs over days, BST changes and billing dates",
        (
            "18.1(v)",
            "18.5(ee)",
            "18.5(gg)",
            "18.5(hh)",
            "18.14(a)",
            "18.17(b)",
            "18.18(a)",
            "18.18(f)",
            "18.21(e)",
            "18.21(f)",
            "18.22(b)",
            "18.22(c)",
            "18.22(d)",
            "18.23",
            "18.24",
            "18.27(q)",
            "scope:opt-in-out-tactical-fix",
        ),
    ),
    BenchRequirement(
        "reset",
        "the installation returns to its commissioned state before each test "
        "(Capability.RESET: reset): preconditions such as 'never topped up' or 'no image "
        "distributed' hold only on a fresh device, and a scenario set at a fixed instant "
        "needs it when that instant is in the device's past",
        (
            "18.1(v)",
            "18.5(ee)",
            "18.5(gg)",
            "18.5(hh)",
            "18.6(b)",
            "18.14(a)",
            "18.17(b)",
            "18.17(i)",
            "18.18(a)",
            "18.18(f)",
            "18.21(e)",
            "18.21(f)",
            "18.22(b)",
            "18.22(c)",
            "18.22(d)",
            "18.23",
            "18.24",
            "18.27(q)",
            "18.65(c)",
            "18.65(d)",
            "scope:duplicate-utrn",
            "scope:opt-in-out-tactical-fix",
            "scope:ppmid-firmware-update",
            "scope:ppmid-swap-out",
        ),
    ),
    BenchRequirement(
        "second-supplier",
        "a second DCC User that supplies the other meter of the installation (split supply), "
        "listed in the inventory's users and as that meter's supplier",
        ("scope:split-supplier-certificates",),
    ),
    BenchRequirement(
        "second-meter-on-han",
        "a second meter on the same HAN (an ESME and a GSME), so that a second firmware "
        "upgrade can be started while the first is pending",
        ("18.65(d)",),
    ),
    BenchRequirement(
        "spare-ppmid",
        "a spare PPMID known to the S1SP but off the HAN (inventory on_han=false), and a CHF "
        "whose Device Model the DMVES holds, to swap it in",
        ("scope:ppmid-swap-out",),
    ),
    BenchRequirement(
        "prepayment-preconditions",
        "a prepayment meter that accepts top-ups (2.2) and whose disablement threshold and "
        "debt can be set (2.1, 2.3): the balance must be driven below and above the threshold",
        (
            "18.5(ee)",
            "18.5(gg)",
            "18.5(hh)",
            "18.6(b)",
            "18.27(q)",
            "18.27(r)",
            "scope:duplicate-utrn",
            "scope:split-supplier-certificates",
        ),
    ),
)


def requirements_of(
    model: DeviceModel, catalogue: Catalogue
) -> list[tuple[BenchRequirement, tuple[str, ...]]]:
    """Each requirement with the clauses of it that apply to ``model`` (none: left out)."""
    found = []
    for requirement in REQUIREMENTS:
        clauses = tuple(
            c
            for c in requirement.clauses
            if expectation_of(catalogue.clause(c), model) != NOT_APPLICABLE
        )
        if clauses:
            found.append((requirement, clauses))
    return found
