"""The variant catalogue: correct devices that read the clauses another allowed way.

Faults prove the suite has teeth; variants prove it does not bite a correct device. Each
variant is an emulator configuration the catalogue allows but the default emulator does not
use: another S1SP timeout, the S1SP's own alert codes where the catalogue's are
project-defined, another unit where nothing fixes one. The whole matrix run against a
variant must give no FAIL and no ERROR (``s1sr sensitivity`` checks it). A variant is data
(``s1sr/emulator/data/variants.toml``)::

    [[variant]]
    name = "s1sp-timeout-30s"                 # unique; not the name of a fault
    description = "..."
    allows = "..."                            # the latitude it exercises, and where it is written
    s1sp_timeout = 30                         # optional: seconds, 30 s to 24 h
    alert_codes = { S1PX01 = "S1ZZ01" }       # optional: project-defined codes renamed
    response_codes = { E12 = "E17" }          # optional: refusal codes renamed (none is named)
    start = 2024-07-15T12:00:00Z              # optional: the clock after a reset (UTC)
    acknowledge = true                        # optional: an I99 before every answer
    set = { knob = "value" }                  # optional: knob values on every component
    without = ["reset"]                       # optional: DUT capabilities taken away
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from s1sr.catalogue import UnknownEntryError, load_catalogue
from s1sr.catalogue.records import Record, check_top_level, entry_label, read_toml, table_array
from s1sr.dut.capability import Capability
from s1sr.emulator.faults import load_faults, read_knobs
from s1sr.models import Message, Request, ResponseCode
from s1sr.models.envelope import Alert, Response

VARIANTS_FILE = Path(__file__).with_name("data") / "variants.toml"
VARIANT_NAME = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
ALERT_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
SHORTEST_TIMEOUT = timedelta(seconds=30)
LONGEST_TIMEOUT = timedelta(hours=24)


@dataclass(frozen=True)
class Variant:
    name: str
    description: str
    allows: str
    s1sp_timeout: timedelta | None = None
    alert_codes: tuple[tuple[str, str], ...] = ()  # (catalogue code, the S1SP's own code)
    response_codes: tuple[tuple[ResponseCode, ResponseCode], ...] = ()  # refusals renamed
    start: datetime | None = None  # the device's clock after a reset
    acknowledge: bool = False  # the DCC acknowledges each request (I99) before its answer
    knobs: tuple[tuple[str, object], ...] = ()
    without: frozenset[Capability] = frozenset()  # what the DUT cannot do (a real bench)
    source: str = field(default="", compare=False)

    @property
    def overrides(self) -> dict[str, object]:
        return dict(self.knobs)


@dataclass(frozen=True)
class VariantSettings:
    """What a set of variants asks of one emulated installation, merged."""

    s1sp_timeout: timedelta | None = None
    alert_codes: Mapping[str, str] = field(default_factory=dict)
    response_codes: Mapping[ResponseCode, ResponseCode] = field(default_factory=dict)
    start: datetime | None = None
    overrides: Mapping[str, object] = field(default_factory=dict)
    acknowledge: bool = False
    without: frozenset[Capability] = frozenset()

    def acknowledgement(self, request: Request) -> list[Message]:
        """What the DCC says at once on taking ``request``: I99, or nothing."""
        if not self.acknowledge:
            return []
        return [Response(request.request_id, request.target, request.srv, ResponseCode.I99)]

    def rename(self, message: Message) -> Message:
        """``message`` as this S1SP would send it: its own code for a renamed alert or refusal."""
        if isinstance(message, Alert) and message.code in self.alert_codes:
            return replace(message, code=self.alert_codes[message.code])
        if isinstance(message, Response) and message.code in self.response_codes:
            return replace(message, code=self.response_codes[message.code])
        return message


def merge(variants: Iterable[Variant]) -> VariantSettings:
    """One installation's settings; later variants win where two set the same thing."""
    timeout: timedelta | None = None
    start: datetime | None = None
    codes: dict[str, str] = {}
    refusals: dict[ResponseCode, ResponseCode] = {}
    overrides: dict[str, object] = {}
    variants = tuple(variants)
    for item in variants:
        timeout = item.s1sp_timeout or timeout
        start = item.start or start
        codes.update(item.alert_codes)
        refusals.update(item.response_codes)
        overrides.update(item.knobs)
    acknowledge = any(item.acknowledge for item in variants)
    without = frozenset().union(*(item.without for item in variants))
    return VariantSettings(timeout, codes, refusals, start, overrides, acknowledge, without)


@cache
def load_variants() -> tuple[Variant, ...]:
    """Every variant shipped in the package, validated once per process."""
    return read_variants(VARIANTS_FILE)


def variant(name: str) -> Variant:
    for candidate in load_variants():
        if candidate.name == name:
            return candidate
    raise UnknownEntryError("variant", name)


def unknown_variants(names: Iterable[str]) -> list[str]:
    known = {v.name for v in load_variants()}
    return [name for name in names if name not in known]


def read_variants(path: Path) -> tuple[Variant, ...]:
    """Read and validate a variants file (no cache); errors name file, entry and field."""
    file = str(path)
    document = read_toml(path)
    check_top_level({"schema": 1, **document}, file, {"schema", "variant"})
    fault_names = {f.name for f in load_faults()}
    project_codes = {a.code for a in load_catalogue().alerts if a.project_defined}
    variants: list[Variant] = []
    for index, data in enumerate(table_array(document, "variant", file)):
        record = Record(data, file, entry_label("variant", data, index, key="name"))
        record.check_fields(
            ("name", "description", "allows"),
            (
                "s1sp_timeout",
                "alert_codes",
                "response_codes",
                "start",
                "acknowledge",
                "set",
                "without",
            ),
        )
        name = record.text("name")
        if not VARIANT_NAME.match(name):
            raise record.error("name", f"{name!r} is not a variant name (a-z, 0-9, '-', '.')")
        if name in fault_names or any(v.name == name for v in variants):
            raise record.error("name", f"{name!r} is already the name of a fault or variant")
        item = Variant(
            name,
            record.text("description"),
            record.text("allows"),
            _timeout(record),
            _codes(record, project_codes),
            _refusals(record),
            _start(record),
            record.flag("acknowledge") if "acknowledge" in record.data else False,
            _knobs(record),
            _without(record),
            file,
        )
        if not (
            item.s1sp_timeout
            or item.alert_codes
            or item.response_codes
            or item.start
            or item.acknowledge
            or item.knobs
            or item.without
        ):
            raise record.error(
                None,
                "changes nothing: give s1sp_timeout, alert_codes, response_codes, start, "
                "acknowledge, set or without",
            )
        variants.append(item)
    return tuple(variants)


def _timeout(record: Record) -> timedelta | None:
    if "s1sp_timeout" not in record.data:
        return None
    seconds = record.data["s1sp_timeout"]
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise record.error("s1sp_timeout", "must be a number of seconds")
    timeout = timedelta(seconds=seconds)
    if not SHORTEST_TIMEOUT <= timeout <= LONGEST_TIMEOUT:
        raise record.error("s1sp_timeout", "must be from 30 s to 24 h (86400 s)")
    return timeout


def _codes(record: Record, project_codes: set[str]) -> tuple[tuple[str, str], ...]:
    if "alert_codes" not in record.data:
        return ()
    codes = record.data["alert_codes"]
    if not isinstance(codes, Mapping) or not codes:
        raise record.error("alert_codes", "must be a table of catalogue code = own code")
    for old, new in codes.items():
        if old not in project_codes:
            raise record.error(
                f"alert_codes.{old}",
                "only a project-defined code may be renamed (S1CE20 is public and exact)",
            )
        if not isinstance(new, str) or not ALERT_CODE.match(new) or new in project_codes:
            raise record.error(f"alert_codes.{old}", f"{new!r} is not a fresh alert code")
    if len(set(codes.values())) != len(codes):
        raise record.error("alert_codes", "two catalogue codes renamed to the same code")
    return tuple(sorted(codes.items()))


def _refusals(record: Record) -> tuple[tuple[ResponseCode, ResponseCode], ...]:
    if "response_codes" not in record.data:
        return ()
    codes = record.data["response_codes"]
    if not isinstance(codes, Mapping) or not codes:
        raise record.error("response_codes", "must be a table of response code = response code")
    renamed = []
    for old, new in codes.items():
        try:
            pair = (ResponseCode(old), ResponseCode(new))
        except ValueError:
            raise record.error(f"response_codes.{old}", "not a DUIS response code") from None
        if any(code in (ResponseCode.I0, ResponseCode.I99) for code in pair):
            raise record.error(f"response_codes.{old}", "only refusal (E) codes may be renamed")
        renamed.append(pair)
    return tuple(sorted(renamed))


def _start(record: Record) -> datetime | None:
    if "start" not in record.data:
        return None
    start = record.data["start"]
    if not isinstance(start, datetime) or start.utcoffset() != timedelta(0):
        raise record.error("start", "must be a TOML date-time in UTC, e.g. 2024-07-15T12:00:00Z")
    return start.astimezone(UTC)


def _knobs(record: Record) -> tuple[tuple[str, object], ...]:
    return read_knobs(record) if "set" in record.data else ()


def _without(record: Record) -> frozenset[Capability]:
    """Capabilities a real bench may lack; a correct device without them must not FAIL."""
    if "without" not in record.data:
        return frozenset()
    names = record.data["without"]
    known = ", ".join(repr(c.name.lower()) for c in Capability)
    if not isinstance(names, list) or not names:
        raise record.error("without", f"must be a list of capabilities ({known})")
    taken: set[Capability] = set()
    for name in names:
        found = next(
            (c for c in Capability if isinstance(name, str) and name == c.name.lower()), None
        )
        if found is None:
            raise record.error("without", f"{name!r} is not a capability ({known})")
        if found in taken:
            raise record.error("without", f"{name!r} named twice")
        taken.add(found)
    return frozenset(taken)


__all__ = [
    "Variant",
    "VariantSettings",
    "load_variants",
    "merge",
    "read_variants",
    "unknown_variants",
    "variant",
]
