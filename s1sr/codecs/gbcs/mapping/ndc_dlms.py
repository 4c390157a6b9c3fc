"""The ESME Non-Disablement Calendar (ECS08 / ECS08a) <-> ``NonDisablementCalendar``.

Two COSEM objects carry it:

* special days: Special Days Table (class 11) 0-1:11.0.2.255, attribute 2, entries
  ``{index, date, day_id}``. The model numbers special days by position, so entry ``n``
  must have index and day id ``n + 1``;
* the schedule: Schedule (class 10) 0-1:12.0.1.255, attribute 2, entries ``{index,
  enable, script logical name, script selector, switch time, validity window,
  exec_weekdays (7 bits, Monday first), exec_specdays (a bit per special day id),
  begin date, end date}``. Script selector 32 starts a non-disablement period and 33
  stops it (the RTDS schedules open one overnight and at weekends: 22:00 -> 32,
  09:30 -> 33); an end date of 31/12/3000 is ``INDEFINITE`` (18.5(hh)).

Not modelled, and so taken from the template entry at the same position (or its first
entry, or GBCS's usual values): the script logical name (the disconnect control script
table 0-0:10.0.106.255), the validity window, and the length of the special-days bit
string. A disabled entry has no model form.
"""

from __future__ import annotations

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.cosem_time import AxdrDate
from s1sr.codecs.gbcs.dlms_apdu import AccessRequest
from s1sr.codecs.gbcs.dlms_data import BitString, DlmsData, DlmsType
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping.values import (
    partial_from_axdr,
    partial_to_axdr,
    time_from_axdr,
    time_to_axdr,
)
from s1sr.models import (
    INDEFINITE,
    INDEFINITE_DATE,
    Indefinite,
    ModelError,
    NdcScheduleEntry,
    NdcScript,
    NonDisablementCalendar,
    PartialDate,
    Weekday,
)

SPECIAL_DAYS = dlms.Address(11, "0-1:11.0.2.255", 2)
SCHEDULE = dlms.Address(10, "0-1:12.0.1.255", 2)
SCRIPTS = {32: NdcScript.START, 33: NdcScript.STOP}
SELECTORS = {v: k for k, v in SCRIPTS.items()}
DISCONNECT_SCRIPT_TABLE = bytes([0, 0, 10, 0, 106, 255])
ANY_VALIDITY = 0xFFFF
SPECDAY_BITS = 5  # the RTDS length; longer when the calendar has more special days
ENTRY_MEMBERS = 10


def present(apdu: AccessRequest) -> bool:
    return dlms.find(apdu, SCHEDULE) is not None or dlms.find(apdu, SPECIAL_DAYS) is not None


def _bits(value: DlmsData, path: str) -> str:
    if value.type is not DlmsType.BIT_STRING:
        raise CodecError(f"expected bit-string, got {value.type.name.lower()}", path)
    return value.value.bits()


def _bit_string(flags: list[bool]) -> BitString:
    length = len(flags)
    raw = int("".join("1" if f else "0" for f in flags).ljust(8 * ((length + 7) // 8), "0"), 2)
    return BitString(length, raw.to_bytes((length + 7) // 8, "big") if length else b"")


def _end(value: AxdrDate, path: str) -> PartialDate | Indefinite:
    if (value.year, value.month, value.day) == (
        INDEFINITE_DATE.year,
        INDEFINITE_DATE.month,
        INDEFINITE_DATE.day,
    ):
        return INDEFINITE
    return partial_from_axdr(value, path)


def read_special_days(value: DlmsData, path: str) -> tuple[PartialDate, ...]:
    days = []
    for n, entry in enumerate(dlms.read_array(value, path)):
        at = f"{path}[{n}]"
        index, when, day_id = dlms.read_struct(entry, at, 3)
        if dlms.read_int(index, at) != n + 1 or dlms.read_int(day_id, at) != n + 1:
            raise CodecError("special day n needs index and day id n (by position)", at)
        days.append(partial_from_axdr(dlms.read_date(when, f"{at}.date"), f"{at}.date"))
    return tuple(days)


def read_schedule(value: DlmsData, path: str) -> tuple[NdcScheduleEntry, ...]:
    entries = []
    for n, entry in enumerate(dlms.read_array(value, path)):
        at = f"{path}[{n}]"
        members = dlms.read_struct(entry, at, ENTRY_MEMBERS)
        index, enable, _script, selector, switch, _window, weekdays, specdays, begin, end = members
        if dlms.read_int(index, at) != n + 1:
            raise CodecError(f"entry {n} has index {index.value}, not {n + 1}", at)
        if not dlms.read_bool(enable, f"{at}.enable"):
            raise CodecError("a disabled schedule entry has no model form", f"{at}.enable")
        raw_selector = dlms.read_int(selector, f"{at}.script")
        if raw_selector not in SCRIPTS:
            raise CodecError(f"script selector {raw_selector} is not 32 or 33", f"{at}.script")
        days = _bits(weekdays, f"{at}.weekdays")
        if len(days) != len(Weekday):
            raise CodecError("exec_weekdays is 7 bits", f"{at}.weekdays")
        try:
            entries.append(
                NdcScheduleEntry(
                    script=SCRIPTS[raw_selector],
                    switch_time=time_from_axdr(dlms.read_time(switch, f"{at}.time"), f"{at}.time"),
                    start=partial_from_axdr(dlms.read_date(begin, f"{at}.start"), f"{at}.start"),
                    end=_end(dlms.read_date(end, f"{at}.end"), f"{at}.end"),
                    weekdays=tuple(Weekday(i + 1) for i, bit in enumerate(days) if bit == "1"),
                    special_days=tuple(
                        i + 1
                        for i, bit in enumerate(_bits(specdays, f"{at}.special_days"))
                        if bit == "1"
                    ),
                )
            )
        except ModelError as exc:
            raise CodecError(str(exc), at) from exc
    return tuple(entries)


def read_ndc(apdu: AccessRequest, path: str) -> NonDisablementCalendar | None:
    """The calendar a command sets, or ``None`` when it sets neither object."""
    if not present(apdu):
        return None
    special = read_special_days(dlms.data_at(apdu, SPECIAL_DAYS, path), f"{path}.special_days")
    schedule = read_schedule(dlms.data_at(apdu, SCHEDULE, path), f"{path}.schedule")
    try:
        return NonDisablementCalendar(special, schedule)
    except ModelError as exc:
        raise CodecError(str(exc), path) from exc


def _special_days_data(days: tuple[PartialDate, ...], template: DlmsData) -> DlmsData:
    old = template.items
    entries = []
    for n, day in enumerate(days):
        like = dlms.read_date(old[min(n, len(old) - 1)].items[1], "template") if old else None
        number = DlmsData(DlmsType.LONG_UNSIGNED, n + 1)
        day_id = DlmsData(DlmsType.UNSIGNED, n + 1)
        entries.append(
            DlmsData.structure(
                number, DlmsData.octet_string(partial_to_axdr(day, like).to_bytes()), day_id
            )
        )
    return DlmsData.array(*entries)


def _end_bytes(end: PartialDate | Indefinite, like: AxdrDate | None) -> bytes:
    if isinstance(end, Indefinite):
        value = INDEFINITE_DATE
        return AxdrDate(value.year, value.month, value.day, 0xFF).to_bytes()
    return partial_to_axdr(end, like).to_bytes()


def _schedule_data(entries: tuple[NdcScheduleEntry, ...], template: DlmsData) -> DlmsData:
    old = template.items
    built = []
    for n, entry in enumerate(entries):
        model = old[min(n, len(old) - 1)].items if old else None
        script = model[2] if model else DlmsData.octet_string(DISCONNECT_SCRIPT_TABLE)
        window = model[5] if model else DlmsData(DlmsType.LONG_UNSIGNED, ANY_VALIDITY)
        spec_length = max(SPECDAY_BITS, *entry.special_days, 0)
        if model:
            spec_length = max(model[7].value.length, *entry.special_days, 0)
        like_time = dlms.read_time(model[4], "template") if model else None
        like_begin = dlms.read_date(model[8], "template") if model else None
        like_end = dlms.read_date(model[9], "template") if model else None
        built.append(
            DlmsData.structure(
                DlmsData(DlmsType.LONG_UNSIGNED, n + 1),
                DlmsData(DlmsType.BOOLEAN, True),
                script,
                DlmsData(DlmsType.LONG_UNSIGNED, SELECTORS[entry.script]),
                DlmsData.octet_string(time_to_axdr(entry.switch_time, like_time).to_bytes()),
                window,
                DlmsData(
                    DlmsType.BIT_STRING,
                    _bit_string([Weekday(i + 1) in entry.weekdays for i in range(7)]),
                ),
                DlmsData(
                    DlmsType.BIT_STRING,
                    _bit_string([i + 1 in entry.special_days for i in range(spec_length)]),
                ),
                DlmsData.octet_string(partial_to_axdr(entry.start, like_begin).to_bytes()),
                DlmsData.octet_string(_end_bytes(entry.end, like_end)),
            )
        )
    return DlmsData.array(*built)


def write_ndc(
    apdu: AccessRequest, calendar: NonDisablementCalendar | None, changes: dict[int, DlmsData]
) -> None:
    """Add to ``changes`` the data that sets ``calendar`` in the template ``apdu``."""
    if calendar is None:
        if present(apdu):
            raise ModelError("non_disablement_calendar: the template sets one")
        return
    special_at = dlms.find(apdu, SPECIAL_DAYS)
    schedule_at = dlms.find(apdu, SCHEDULE)
    if special_at is None or schedule_at is None:
        raise ModelError("non_disablement_calendar: the template has no place for it")
    changes[special_at] = _special_days_data(calendar.special_days, apdu.data[special_at])
    changes[schedule_at] = _schedule_data(calendar.schedule, apdu.data[schedule_at])
