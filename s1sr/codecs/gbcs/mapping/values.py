"""Wire values <-> model values: money, execution times, calendar dates, energy.

Conventions the mapping relies on, in one place:

* Money: GBCS counts currency in 1/100000 of a pound (millipence), on ESME and GSME
  alike. Registers, balances, UTRN credit and the 2.1 credit thresholds are
  ``s1sr.models.Money`` (whole pence): a wire amount that is not a whole number of pence
  is refused there (``CodecError`` naming the field), never rounded. The disablement
  threshold (1.6), the debt recovery rate cap (2.1) and the debt payments (4.4.4) are
  ``FineMoney``, which holds the wire's thousandths as they are.
* Execution times: GBCS "now" (DLMS date-time all zero, ZCL time 0) is the model's
  ``None`` ("immediately"); GBCS "never" (DLMS all 0xFF, ZCL 0xFFFFFFFF, the CS06
  GeneralizedTime 9999-12-31T23:59:59Z) is ``CANCEL``, the last instant a GBCS time can
  carry (2136-02-07T06:28:14Z, ZCL 0xFFFFFFFE, which the RTDS also uses to cancel). DUIS
  writes "cancel" as 3000-12-31, but model instants end where GBCS time ends. Anything
  else is the instant itself; a value equal to the template's keeps its wire form.
* Dates that recur (DLMS year 0xFFFF, ZCL year 0xFF) are ``PartialDate`` with no year;
  other wildcards (last day of month, DST months, "any month") have no model form.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.cosem_time import AxdrDate, AxdrDateTime, AxdrTime
from s1sr.codecs.primitives.epoch2000 import EPOCH_2000
from s1sr.codecs.primitives.values import ZclDate
from s1sr.models import INDEFINITE, FineMoney, Indefinite, ModelError, Money, PartialDate
from s1sr.models.money import MILLIPENCE_PER_PENNY

CANCEL = datetime(2136, 2, 7, 6, 28, 14, tzinfo=UTC)  # "cancel / never": the last GBCS instant
DER_NEVER = "99991231235959Z"  # CS06 "never" activation time
_YEAR_ANY = 0xFFFF
_OCTET_ANY = 0xFF


def money_from_wire(raw: int, path: str) -> Money:
    """A GBCS amount (1/100000 GBP) as whole pence, refusing sub-penny amounts."""
    pence, rest = divmod(raw, MILLIPENCE_PER_PENNY)
    if rest:
        raise CodecError(
            f"{raw} (1/1000 p) is not whole pence; s1sr.models.Money holds whole pence", path
        )
    try:
        return Money(pence)
    except ModelError as exc:
        raise CodecError(str(exc), path) from exc


def money_to_wire(value: Money) -> int:
    return value.pence * MILLIPENCE_PER_PENNY


def fine_money_from_wire(raw: int, path: str) -> FineMoney:
    """A GBCS amount (1/100000 GBP) as it is: every integer field fits ``FineMoney``."""
    try:
        return FineMoney(raw)
    except ModelError as exc:
        raise CodecError(str(exc), path) from exc


def fine_money_to_wire(value: FineMoney) -> int:
    return value.millipence


# --- execution times ---------------------------------------------------------------------


def execution_from_axdr(value: AxdrDateTime, path: str) -> datetime | None:
    if value.is_now:
        return None
    if value.is_never:
        return CANCEL
    instant = value.to_datetime()
    if instant is None:
        raise CodecError(f"execution time {value.to_bytes().hex()} is not an instant", path)
    return instant


def execution_to_axdr(value: datetime | None, like: AxdrDateTime | None = None) -> AxdrDateTime:
    """The DLMS form of an execution time, in the style of ``like`` (a template's value)."""
    if like is not None and _same_execution(like, value):
        return like
    status = (like.deviation, like.clock_status) if like is not None else (-0x8000, 0xFF)
    if value is None:
        return AxdrDateTime(AxdrDate(0, 0, 0, 0), AxdrTime(0, 0, 0, 0), *status)
    if value == CANCEL:
        never = AxdrDate(_YEAR_ANY, _OCTET_ANY, _OCTET_ANY, _OCTET_ANY)
        return AxdrDateTime(never, AxdrTime(0xFF, 0xFF, 0xFF, 0xFF), *status)
    return instant_to_axdr(value, like)


def instant_to_axdr(value: datetime, like: AxdrDateTime | None = None) -> AxdrDateTime:
    """A UTC instant as a DLMS date-time, keeping ``like``'s weekday / hundredths style."""
    built = AxdrDateTime.from_datetime(value)
    if like is None:
        return replace(built, date=replace(built.date, day_of_week=_OCTET_ANY))
    dow = like.date.day_of_week if like.date.day_of_week == _OCTET_ANY else value.isoweekday()
    hundredths = like.time.hundredths if like.time.hundredths == _OCTET_ANY else 0
    return AxdrDateTime(
        replace(built.date, day_of_week=dow),
        replace(built.time, hundredths=hundredths),
        like.deviation,
        like.clock_status,
    )


def instant_from_axdr(value: AxdrDateTime, path: str) -> datetime:
    instant = value.to_datetime()
    if instant is None:
        raise CodecError(f"date-time {value.to_bytes().hex()} is not an instant", path)
    return instant


def execution_from_zcl(value: datetime | Indefinite) -> datetime | None:
    if isinstance(value, Indefinite):
        return CANCEL
    return None if value == EPOCH_2000 else value


def execution_to_zcl(
    value: datetime | None, like: datetime | Indefinite | None = None
) -> datetime | Indefinite:
    if like is not None and execution_from_zcl(like) == value:
        return like
    if value is None:
        return EPOCH_2000
    return INDEFINITE if value == CANCEL else value


def _same_execution(like: AxdrDateTime, value: datetime | None) -> bool:
    try:
        return execution_from_axdr(like, "") == value
    except CodecError:
        return False


def execution_from_der(text: str, path: str) -> datetime:
    if text == DER_NEVER:
        return CANCEL
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise CodecError(f"not a GeneralizedTime: {text!r}", path) from None


def execution_to_der(value: datetime) -> str:
    return DER_NEVER if value == CANCEL else value.strftime("%Y%m%d%H%M%SZ")


def zcl_instant(value: datetime | Indefinite, path: str) -> datetime:
    if isinstance(value, Indefinite):
        raise CodecError("0xFFFFFFFF ('never') where an instant is needed", path)
    return value


# --- dates and times of day --------------------------------------------------------------


def partial_from_axdr(value: AxdrDate, path: str) -> PartialDate:
    """A DLMS date with a concrete month and day; the year may be 'every year'."""
    year = None if value.year == _YEAR_ANY else value.year
    try:
        return PartialDate(year, value.month, value.day)
    except ModelError as exc:
        raise CodecError(f"date {value.to_bytes().hex()}: {exc}", path) from exc


def partial_to_axdr(value: PartialDate, like: AxdrDate | None = None) -> AxdrDate:
    year = _YEAR_ANY if value.year is None else value.year
    dow = _OCTET_ANY
    if like is not None and like.day_of_week != _OCTET_ANY and value.year is not None:
        dow = datetime(value.year, value.month, value.day).isoweekday()
    return AxdrDate(year, value.month, value.day, dow)


def partial_from_zcl(value: ZclDate, path: str) -> PartialDate:
    if value.month is None or value.day is None:
        raise CodecError("a date with 'any' month or day has no model form", path)
    try:
        return PartialDate(value.year, value.month, value.day)
    except ModelError as exc:
        raise CodecError(str(exc), path) from exc


def partial_to_zcl(value: PartialDate, like: ZclDate | None = None) -> ZclDate:
    weekday = None
    if like is not None and like.weekday is not None and value.year is not None:
        weekday = datetime(value.year, value.month, value.day).isoweekday()
    return ZclDate(value.year, value.month, value.day, weekday)


def time_from_axdr(value: AxdrTime, path: str) -> time:
    hundredths = 0 if value.hundredths == _OCTET_ANY else value.hundredths
    if hundredths or not (value.hour < 24 and value.minute < 60 and value.second < 60):
        raise CodecError(f"time of day {value.to_bytes().hex()} is not whole seconds", path)
    return time(value.hour, value.minute, value.second)


def time_to_axdr(value: time, like: AxdrTime | None = None) -> AxdrTime:
    hundredths = like.hundredths if like is not None and like.hundredths == _OCTET_ANY else 0
    return AxdrTime(value.hour, value.minute, value.second, hundredths)
