"""The fault catalogue: named ways real firmware might break one clause, as knob values.

A fault is data (``s1sr/emulator/data/faults_<side>.toml``, one file per side)::

    [[fault]]
    name = "accepts-fractional-pounds"        # unique over every file
    clause = "18.6(b)"                        # the testable clause it breaks
    description = "..."
    side = "installation"                     # the <side> of its file
    set = { s1sp_pennies_utrn = "forward" }   # knob = value, at least one

Every knob must exist on one side (``meter_knobs()`` or the installation's behaviours) and
its value must be one it can take; a fault may set knobs of both sides (e.g. a meter that
credits a duplicate UTRN and an S1SP that does not stop it). When an installation is built
with a fault, its knob values are laid over the behaviour of every component whose Device
Model carries the fault's clause: a fault breaks a clause where the clause applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from s1sr.catalogue import DataFileError, UnknownEntryError, load_catalogue
from s1sr.catalogue.records import Record, check_top_level, entry_label, read_toml, table_array
from s1sr.emulator.han import ChfBehaviour, FirmwareBehaviour, KnobError, PpmidBehaviour
from s1sr.emulator.han.knobs import coerce, knob_names
from s1sr.emulator.s1sp import S1spBehaviour

DATA_DIR = Path(__file__).with_name("data")
FILE_PATTERN = "faults_*.toml"
FAULT_NAME = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
SIDES = ("meter", "installation")
INSTALLATION_BEHAVIOURS: tuple[type, ...] = (
    S1spBehaviour,
    ChfBehaviour,
    FirmwareBehaviour,
    PpmidBehaviour,
)


@dataclass(frozen=True)
class Fault:
    name: str
    clause: str
    description: str
    side: str
    knobs: tuple[tuple[str, object], ...]  # (knob, value) as the data file gives them
    source: str = field(default="", compare=False)  # the file it was read from

    @property
    def overrides(self) -> dict[str, object]:
        return dict(self.knobs)


def installation_knobs() -> frozenset[str]:
    """Every knob of the installation side (S1SP, CHF, firmware, PPMID)."""
    names: set[str] = set()
    for cls in INSTALLATION_BEHAVIOURS:
        names |= knob_names(cls)
    return frozenset(names)


def installation_behaviour_of(knob: str) -> type:
    for cls in INSTALLATION_BEHAVIOURS:
        if knob in knob_names(cls):
            return cls
    raise KnobError(f"{knob}: not an installation knob")


def meter_knobs() -> frozenset[str]:
    """The METERS side's knobs (empty until its package is importable)."""
    checker = _meter_side()
    return checker[0]() if checker else frozenset()


def all_knobs() -> frozenset[str]:
    return installation_knobs() | meter_knobs()


def check_knob(name: str, value: object) -> object:
    """``value`` as knob ``name`` holds it, whichever side owns it; KnobError if unfit."""
    if name in installation_knobs():
        return coerce(installation_behaviour_of(name), name, value)
    checker = _meter_side()
    if checker is not None and name in checker[0]():
        return checker[1](name, value)
    raise KnobError(f"{name}: no such knob (known: {', '.join(sorted(all_knobs()))})")


@cache
def load_faults() -> tuple[Fault, ...]:
    """Every fault shipped in the package, validated once per process."""
    return read_faults(DATA_DIR)


def read_faults(data_dir: Path) -> tuple[Fault, ...]:
    """Read and validate every ``faults_*.toml`` in ``data_dir`` (no cache)."""
    faults: list[Fault] = []
    seen: dict[str, str] = {}
    for path in sorted(data_dir.glob(FILE_PATTERN)):
        for fault, record in _read_file(path):
            if fault.name in seen:
                raise record.error("name", f"fault {fault.name!r} is defined in {seen[fault.name]}")
            seen[fault.name] = str(path)
            faults.append(fault)
    return tuple(faults)


def fault(name: str) -> Fault:
    for candidate in load_faults():
        if candidate.name == name:
            return candidate
    raise UnknownEntryError("fault", name)


def faults_for(clause_id: str) -> tuple[Fault, ...]:
    return tuple(f for f in load_faults() if f.clause == clause_id)


def _read_file(path: Path) -> list[tuple[Fault, Record]]:
    file = str(path)
    side = path.stem.removeprefix("faults_")
    if side not in SIDES:
        raise DataFileError(
            file, None, None, f"fault files are faults_<side>.toml, side in {SIDES}"
        )
    document = read_toml(path)
    check_top_level({"schema": 1, **document}, file, {"schema", "fault"})  # schema optional
    catalogue = load_catalogue()
    result = []
    for index, data in enumerate(table_array(document, "fault", file)):
        record = Record(data, file, entry_label("fault", data, index, key="name"))
        record.check_fields(("name", "clause", "description", "side", "set"))
        name = record.text("name")
        if not FAULT_NAME.match(name):
            raise record.error("name", f"{name!r} is not a fault name (a-z, 0-9, '-', '.')")
        clause = record.text("clause")
        if not catalogue.has_clause(clause):
            raise record.error("clause", f"unknown clause {clause!r}")
        if not catalogue.clause(clause).testable:
            raise record.error("clause", f"{clause} has nothing to test, so nothing to break")
        if record.text("side") != side:
            raise record.error("side", f"must be {side!r}, the side of its file")
        knobs = read_knobs(record)
        result.append((Fault(name, clause, record.text("description"), side, knobs, file), record))
    return result


def read_knobs(record: Record) -> tuple[tuple[str, object], ...]:
    """An entry's ``set`` table of knob = value, each checked (a fault's or a variant's)."""
    values = record.data["set"]
    if not isinstance(values, Mapping) or not values:
        raise record.error("set", "must be a table of at least one knob = value")
    for knob, value in values.items():
        try:
            check_knob(knob, value)
        except (KnobError, ValueError) as exc:
            raise record.error(f"set.{knob}", str(exc)) from None
    return tuple(sorted(values.items()))


MeterSide = tuple[Callable[[], frozenset[str]], Callable[[str, object], object]]


@cache
def _meter_side() -> MeterSide | None:
    try:
        from s1sr.emulator.meter.behaviour import check_knob as meter_check
        from s1sr.emulator.meter.behaviour import meter_knobs as meter_names
    except ImportError:
        return None
    return (meter_names, meter_check)
