"""SRV 6.8 Update Device Configuration (Billing Calendar): ECS30 / ECS30a and GCS25 / GCS25a.

ESME (ECS30, ECS30a): the execution times (attribute 4) of the single action schedule
0-0:15.0.0.255 (class 22), a list of (time, date) patterns with wildcards: every day,
a day of every month, the same day in months three (or six) apart, one day a year, a
weekday. That is a recurring schedule with no start, while the model's
``BillingCalendar`` is a first billing instant and a periodicity. The mapping reads the
pattern as the first instant it matches on or after 2000-01-01T00:00Z (the GBCS epoch),
which generates the same billing instants from then on, and writes any calendar back
from its start's fields (time of day, day, month or weekday).

GSME (GCS25, GCS25a): ZSE Publish Billing Period (Price cluster, 0x09) with a start
time, a duration and a duration type (low nibble: 0 minutes, 1 days, 2 weeks, 3
months), repeated in Publish Block Period (0x01). Durations map to periodicities:
1 day, 1 week, 1, 3, 6 or 12 months.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.cosem_time import AxdrDate
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.mapping.values import time_from_axdr, time_to_axdr, zcl_instant
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.codecs.gbcs.zcl import PRICE
from s1sr.models import (
    SRV,
    BillingCalendar,
    BillingPeriodicity,
    ModelError,
    RequestBody,
    UpdateBillingCalendarRequest,
)

SCHEDULE = dlms.Address(22, "0-0:15.0.0.255", 4)
ANY_YEAR, ANY = 0xFFFF, 0xFF
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
PUBLISH_BILLING_PERIOD = 0x09
PUBLISH_BLOCK_PERIOD = 0x01
DAYS, WEEKS, MONTHS = 1, 2, 3
_DURATIONS = {
    (DAYS, 1): BillingPeriodicity.DAILY,
    (WEEKS, 1): BillingPeriodicity.WEEKLY,
    (MONTHS, 1): BillingPeriodicity.MONTHLY,
    (MONTHS, 3): BillingPeriodicity.QUARTERLY,
    (MONTHS, 6): BillingPeriodicity.SIX_MONTHLY,
    (MONTHS, 12): BillingPeriodicity.ANNUALLY,
}
_BY_PERIODICITY = {v: k for k, v in _DURATIONS.items()}
_MONTH_STEP = {
    BillingPeriodicity.QUARTERLY: 3,
    BillingPeriodicity.SIX_MONTHLY: 6,
    BillingPeriodicity.ANNUALLY: 12,
}
_STEP_BY_COUNT = {4: 3, 2: 6, 1: 12}  # execution dates a year -> months between them


def _body(body: RequestBody) -> BillingCalendar:
    if not isinstance(body, UpdateBillingCalendarRequest):
        raise ModelError(f"body: expected UpdateBillingCalendarRequest, got {type(body).__name__}")
    return body.calendar


# --- ESME --------------------------------------------------------------------------------


def _first(at: time, matches: Callable[[date], bool], path: str) -> datetime:
    """The first instant on or after the epoch whose date ``matches``, at time ``at``.

    Every valid pattern matches within four years (29 February); one that does not
    names a date that never comes (day 31 of a 30-day month, weekday 9).
    """
    day = EPOCH.date()
    for _ in range(4 * 366):
        if matches(day):
            return datetime.combine(day, at, tzinfo=UTC)
        day += timedelta(days=1)
    raise CodecError("the billing date never comes", path)


def _spaced(first_month: int, step: int) -> list[int]:
    return sorted((first_month - 1 + step * k) % 12 + 1 for k in range(12 // step))


def _pattern(entries: list[tuple[time, AxdrDate]], path: str) -> BillingCalendar:
    times = {t for t, _ in entries}
    if len(times) != 1:
        raise CodecError("the execution times differ in time of day", path)
    at = times.pop()
    dates = [d for _, d in entries]
    if any(d.year != ANY_YEAR for d in dates):
        raise CodecError("a billing date with a year does not recur", path)
    first = dates[0]
    days = {d.day for d in dates}
    if len(dates) == 1 and first.month == ANY and first.day == ANY:
        if first.day_of_week == ANY:
            return BillingCalendar(_first(at, lambda d: True, path), BillingPeriodicity.DAILY)
        dow = first.day_of_week
        return BillingCalendar(
            _first(at, lambda d: d.isoweekday() == dow, path), BillingPeriodicity.WEEKLY
        )
    if any(d.day_of_week != ANY for d in dates) or len(days) != 1 or ANY in days:
        raise CodecError("not a daily, weekly or monthly billing pattern", path)
    day = days.pop()
    if len(dates) == 1 and first.month == ANY:
        return BillingCalendar(_first(at, lambda d: d.day == day, path), BillingPeriodicity.MONTHLY)
    months = sorted(d.month for d in dates)
    step = _STEP_BY_COUNT.get(len(months))
    if step is None or ANY in months or months != _spaced(months[0], step):
        raise CodecError(f"months {months} are not evenly spaced", path)
    month_set = set(months)
    start = _first(at, lambda d: d.month in month_set and d.day == day, path)
    periodicity = {v: k for k, v in _MONTH_STEP.items()}[step]
    return BillingCalendar(start, periodicity)


def read_ecs30(message: GbcsMessage) -> UpdateBillingCalendarRequest:
    path = "payload.calendar"
    value = dlms.data_at(dlms.command_apdu(message), SCHEDULE, path)
    entries = []
    for n, entry in enumerate(dlms.read_array(value, path)):
        at, on = dlms.read_struct(entry, f"{path}[{n}]", 2)
        entries.append(
            (
                time_from_axdr(dlms.read_time(at, f"{path}[{n}].time"), f"{path}[{n}].time"),
                dlms.read_date(on, f"{path}[{n}].date"),
            )
        )
    if not entries:
        raise CodecError("no billing execution time", path)
    return UpdateBillingCalendarRequest(_pattern(entries, path))


def _dates(calendar: BillingCalendar) -> list[AxdrDate]:
    s, p = calendar.start, calendar.periodicity
    if p is BillingPeriodicity.DAILY:
        return [AxdrDate(ANY_YEAR, ANY, ANY, ANY)]
    if p is BillingPeriodicity.WEEKLY:
        return [AxdrDate(ANY_YEAR, ANY, ANY, s.isoweekday())]
    if p is BillingPeriodicity.MONTHLY:
        return [AxdrDate(ANY_YEAR, ANY, s.day, ANY)]
    months = _spaced(s.month, _MONTH_STEP[p])
    return [AxdrDate(ANY_YEAR, m, s.day, ANY) for m in months]


def write_ecs30(body: RequestBody, template: GbcsMessage) -> Payload:
    calendar = _body(body)
    apdu = dlms.command_apdu(template)
    old = dlms.data_at(apdu, SCHEDULE, "template").items
    like = dlms.read_time(old[0].items[0], "template") if old else None
    at = DlmsData.octet_string(time_to_axdr(calendar.start.time(), like).to_bytes())
    entries = [
        DlmsData.structure(at, DlmsData.octet_string(d.to_bytes())) for d in _dates(calendar)
    ]
    return dlms.payload_of(dlms.set_data(apdu, SCHEDULE, DlmsData.array(*entries)))


# --- GSME --------------------------------------------------------------------------------

_PERIOD_FIELDS = {
    PUBLISH_BILLING_PERIOD: (
        "billing_period_start_time",
        "billing_period_duration",
        "billing_period_duration_type",
    ),
    PUBLISH_BLOCK_PERIOD: (
        "block_period_start_time",
        "block_period_duration",
        "block_period_duration_type",
    ),
}


def read_gcs25(message: GbcsMessage) -> UpdateBillingCalendarRequest:
    payload = gbz.gbz_payload(message)
    index = gbz.one_command(payload, PRICE, PUBLISH_BILLING_PERIOD, "payload", to_client=True)
    path = f"payload.components[{index}]"
    zcl = gbz.zcl_of(payload.components[index], path)
    start_name, duration_name, type_name = _PERIOD_FIELDS[PUBLISH_BILLING_PERIOD]
    unit = zcl[type_name] & 0x0F
    key = (unit, zcl[duration_name])
    if key not in _DURATIONS:
        raise CodecError(f"a duration of {key[1]} (unit {unit}) is no periodicity", path)
    start = zcl_instant(zcl[start_name], f"{path}.{start_name}")
    return UpdateBillingCalendarRequest(BillingCalendar(start, _DURATIONS[key]))


def write_gcs25(body: RequestBody, template: GbcsMessage) -> Payload:
    calendar = _body(body)
    unit, duration = _BY_PERIODICITY[calendar.periodicity]
    payload = gbz.gbz_payload(template)
    changes = {}
    for command, (start_name, duration_name, type_name) in _PERIOD_FIELDS.items():
        for index in gbz.find_commands(payload, PRICE, command, to_client=True):
            component = payload.components[index]
            zcl = component.zcl
            if zcl is None:
                raise ModelError("template: a period command does not decode")
            values = {
                start_name: calendar.start,
                duration_name: duration,
                type_name: (zcl[type_name] & 0xF0) | unit,
            }
            changes[index] = gbz.with_fields(component, values)
    return gbz.with_components(payload, changes)


ECS30 = UseCase("ECS30", SRV.UPDATE_BILLING_CALENDAR, read_ecs30, write_ecs30)
ECS30A = UseCase("ECS30a", SRV.UPDATE_BILLING_CALENDAR, read_ecs30, write_ecs30)
GCS25 = UseCase("GCS25", SRV.UPDATE_BILLING_CALENDAR, read_gcs25, write_gcs25)
GCS25A = UseCase("GCS25a", SRV.UPDATE_BILLING_CALENDAR, read_gcs25, write_gcs25)
USE_CASES = (ECS30, ECS30A, GCS25, GCS25A)
