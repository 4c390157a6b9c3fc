"""Typed DUIS bodies for the configuration SRVs: 1.6, 2.3, 6.8, 8.11 and 11.1.

Each SRV has a reader (``XmlElement`` -> the project's request body) and a writer (the
body -> the ``XmlElement`` children). What the DUIS body says that the project's model has
no place for goes into ``Framing``: which fuel's elements it uses, the header's addressee
where it is not the device, and DUIS-only leaves by name (``extras``). A writer refuses, with
``ModelError``, a model it cannot write exactly, or a DUIS-required value that neither the
model nor the framing gives: nothing is invented.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from s1sr.codecs.duis.constants import SR
from s1sr.codecs.duis.response import parse_datetime
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    EUI64,
    BillingCalendar,
    BillingPeriodicity,
    DebtRecovery,
    DebtRecoveryRatePeriod,
    DeviceType,
    FineMoney,
    HanAction,
    ModelError,
    Money,
    PaymentMode,
    RequestBody,
    UpdateBillingCalendarRequest,
    UpdateDebtRequest,
    UpdateFirmwareRequest,
    UpdateHanDeviceLogRequest,
    UpdatePaymentModeRequest,
)
from s1sr.models.dates import EARLIEST_INSTANT, LATEST_INSTANT

NEVER = datetime(3000, 12, 31, tzinfo=UTC)  # DUIS's ExecutionDateTime of a cancellation
MILLIPENCE = 1000  # DUIS amounts are 1/1000 p (1/100000 GBP), as GBCS carries them
INTEGER = re.compile(r"[+-]?[0-9]+")  # an xs:integer lexical form, ASCII digits only
_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?")
_BOOLEAN = {"true": True, "1": True, "false": False, "0": False}


class Fuel(StrEnum):
    """Which of a body's Elec*/Gas* element families it uses (the target's fuel)."""

    ELECTRICITY = "electricity"
    GAS = "gas"


@dataclass(frozen=True)
class Framing:
    """What a DUIS body says beyond the project's model (see the module docstring).

    ``addressee`` is the header's target where that is not the device the model targets
    (11.1 travels to the DCC, the devices listed in ``DeviceIDList``).
    """

    fuel: Fuel | None = None
    addressee: EUI64 | None = None
    extras: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.fuel is not None and not isinstance(self.fuel, Fuel):
            raise ModelError(f"fuel: must be a Fuel, got {self.fuel!r}")
        if self.addressee is not None and not isinstance(self.addressee, EUI64):
            raise ModelError("addressee: must be an EUI64")
        names = [name for name, _ in self.extras]
        if len(set(names)) != len(names) or not all(
            isinstance(name, str) and isinstance(text, str) for name, text in self.extras
        ):
            raise ModelError("extras: (name, text) pairs with distinct names")

    def extra(self, name: str) -> str | None:
        return dict(self.extras).get(name)


@dataclass
class Reading:
    """The framing a reader collects while it reads one body."""

    path: str
    device_type: DeviceType | None = None
    fuel: Fuel | None = None
    extras: dict[str, str] = field(default_factory=dict)

    def framing(self, addressee: EUI64 | None = None) -> Framing:
        return Framing(self.fuel, addressee, tuple(self.extras.items()))


# --- reading helpers (every failure is a CodecError naming the element) -----------------


def leaf(name: str, text: str) -> XmlElement:
    return XmlElement(SR, name, text)


def node(name: str, *children: XmlElement) -> XmlElement:
    return XmlElement(SR, name, None, tuple(children))


# Elements a DUIS body may repeat (side by side); any other appears at most once.
REPEATED = frozenset(
    {
        "DayProfile",
        "ProfileSchedule",
        "ReferencedDayName",
        "WeekProfile",
        "Season",
        "SpecialDay",
        "Thresholds",
        "BlockThreshold",
        "BlockPrices",
        "BlockPrice",
        "TOUPrice",
        "TimeStartAction",
        "GasNonDisablementDayProfile",
        "ElectricityNonDisablementSchedule",
        "SpecialDayApplicability",
        "DayOfWeekApplicability",
    }
)


def only(element: XmlElement, allowed: tuple[str, ...], path: str) -> None:
    """Every child is one of ``allowed``, in that order (as the schema says), and only
    the ``REPEATED`` ones more than once."""
    names = [child.name for child in element.children]
    positions = []
    for name in names:
        if name not in allowed:
            raise CodecError(f"sr:{name} has no place here", path)
        positions.append(allowed.index(name))
    repeats = [a for a, b in itertools.pairwise(names) if a == b]
    if positions != sorted(positions) or any(name not in REPEATED for name in repeats):
        raise CodecError(f"children out of order or repeated: {', '.join(names)}", path)


def child(element: XmlElement, name: str, path: str) -> XmlElement:
    found = element.find(name)
    if found is None:
        raise CodecError(f"sr:{name} missing", path)
    return found


def text(element: XmlElement, name: str, path: str) -> str:
    found = child(element, name, path)
    if found.children or found.text is None or not found.text.strip():
        raise CodecError("needs a text value", f"{path}/sr:{name}")
    return found.text.strip()


def integer(element: XmlElement, name: str, path: str, lo: int, hi: int) -> int:
    raw = text(element, name, path)
    if not INTEGER.fullmatch(raw):
        raise CodecError(f"not an integer: {raw!r:.40}", f"{path}/sr:{name}")
    value = int(raw)
    if not lo <= value <= hi:
        raise CodecError(f"{value} is outside {lo}..{hi}", f"{path}/sr:{name}")
    return value


def boolean_text(element: XmlElement, name: str, path: str) -> str:
    raw = text(element, name, path)
    if raw not in _BOOLEAN:
        raise CodecError(f"not a boolean: {raw!r:.20}", f"{path}/sr:{name}")
    return raw


def empty(element: XmlElement, name: str, path: str) -> None:
    found = child(element, name, path)
    if found.children or (found.text and found.text.strip()):
        raise CodecError("must be empty", f"{path}/sr:{name}")


def format_datetime(value: datetime) -> str:
    """As the DCC's templates write request date-times: centiseconds and ``Z``."""
    value = value.astimezone(UTC)
    stamp = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond % 10_000 == 0:
        return f"{stamp}.{value.microsecond // 10_000:02d}Z"
    return f"{stamp}.{value.microsecond:06d}Z"


def format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}.00Z"


def parse_time(raw: str, path: str) -> time:
    """An xs:time as a UTC wall-clock time to the second (no zone: UTC, as DUIS means it)."""
    match = _TIME.fullmatch(raw.strip())
    if match is None:
        raise CodecError(f"not a time: {raw!r:.40}", path)
    hour, minute, second = (int(match.group(i)) for i in (1, 2, 3))
    if hour > 23 or minute > 59 or second > 59:
        raise CodecError(f"not a time of day: {raw!r:.40}", path)
    if match.group(4) and int(match.group(4)):
        raise CodecError("a time to a fraction of a second has no place in the model", path)
    zone = match.group(5)
    offset = 0
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        offset = sign * (int(zone[1:3]) * 60 + int(zone[4:6]))
    minutes = (hour * 60 + minute - offset) % (24 * 60)
    return time(minutes // 60, minutes % 60, second)


def execution(body: XmlElement, reading: Reading) -> datetime | None:
    """The optional ExecutionDateTime; a cancellation (3000-12-31T00:00:00Z) is the
    model's "never", ``LATEST_INSTANT``, as the GBCS view reads the same RTDS cases."""
    found = body.find("ExecutionDateTime")
    if found is None:
        return None
    where = f"{reading.path}/sr:ExecutionDateTime"
    when = parse_datetime(found.text or "", where)
    if when == NEVER:
        return LATEST_INSTANT
    if when == LATEST_INSTANT:
        raise CodecError("this instant is the model's 'never'; DUIS writes 3000-12-31", where)
    return when


def execution_leaves(execute_at: datetime | None) -> tuple[XmlElement, ...]:
    if execute_at is None:
        return ()
    when = NEVER if execute_at == LATEST_INSTANT else execute_at
    return (leaf("ExecutionDateTime", format_datetime(when)),)


def required_extra(framing: Framing, name: str, srv: str) -> str:
    value = framing.extra(name)
    if value is None:
        raise ModelError(
            f"extras: SRV {srv} needs sr:{name}, which the project's model has no place for"
        )
    return value


def money_of(raw: int, path: str) -> Money:
    pence, rest = divmod(raw, MILLIPENCE)
    if rest:
        raise CodecError(f"{raw} (1/1000 p) is not whole pence, which the model holds", path)
    return Money(pence)


# --- 1.6 Update Payment Mode ---------------------------------------------------------------

_INT32 = (-(1 << 31), (1 << 31) - 1)


def read_payment_mode(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    only(body, ("ExecutionDateTime", "Credit", "Prepayment"), path)
    execute_at = execution(body, reading)
    if (body.find("Credit") is None) == (body.find("Prepayment") is None):
        raise CodecError("needs exactly one of sr:Credit and sr:Prepayment", path)
    if body.find("Credit") is not None:
        empty(body, "Credit", path)
        return UpdatePaymentModeRequest(PaymentMode.CREDIT, None, execute_at)
    prepayment = child(body, "Prepayment", path)
    where = f"{path}/sr:Prepayment"
    names = ("SuspendDebtDisabled", "SuspendDebtEmergency", "DisablementThreshold")
    only(prepayment, names, where)
    for name in names[:2]:
        reading.extras[name] = boolean_text(prepayment, name, where)
    threshold = integer(prepayment, "DisablementThreshold", where, *_INT32)
    return UpdatePaymentModeRequest(PaymentMode.PREPAYMENT, FineMoney(threshold), execute_at)


def write_payment_mode(model: UpdatePaymentModeRequest, framing: Framing) -> list[XmlElement]:
    children = list(execution_leaves(model.execute_at))
    if model.mode is PaymentMode.CREDIT:
        children.append(node("Credit"))
        return children
    if model.disablement_threshold is None:
        raise ModelError("disablement_threshold: DUIS 1.6 to prepayment requires one")
    threshold = model.disablement_threshold.millipence
    if not _INT32[0] <= threshold <= _INT32[1]:
        raise ModelError(f"disablement_threshold: {threshold} is not an xs:int")
    flags = [
        leaf(name, required_extra(framing, name, "1.6"))
        for name in ("SuspendDebtDisabled", "SuspendDebtEmergency")
    ]
    children.append(node("Prepayment", *flags, leaf("DisablementThreshold", str(threshold))))
    return children


# --- 2.3 Update Debt ---------------------------------------------------------------------

_PERIODS = {"HOURLY": DebtRecoveryRatePeriod.HOURLY, "DAILY": DebtRecoveryRatePeriod.DAILY}
_PERIOD_NAMES = {period: name for name, period in _PERIODS.items()}
_REGISTERS = (
    ("TimeDebtRegister1", "time_debt_1"),
    ("TimeDebtRegister2", "time_debt_2"),
    ("PaymentDebtRegister", "payment_debt"),
)
# The elec rate is DLMS's charge in pounds * 10**scale; the model counts pence.
_ELEC_SCALE_SHIFT = 2
_GAS_SCALE = -3  # the gas rate is in 1/1000 p


def _period(element: XmlElement, path: str) -> DebtRecoveryRatePeriod:
    raw = text(element, "DebtRecoveryRatePeriod", path)
    try:
        return _PERIODS[raw]
    except KeyError:
        raise CodecError(f"not HOURLY or DAILY: {raw!r:.20}", path) from None


def _read_recovery(element: XmlElement, fuel: Fuel, path: str) -> DebtRecovery:
    if fuel is Fuel.ELECTRICITY:
        names = ("DebtRecoveryRate", "DebtRecoveryRatePriceScale", "DebtRecoveryRatePeriod")
        only(element, names, path)
        rate = integer(element, "DebtRecoveryRate", path, -(1 << 15), (1 << 15) - 1)
        scale = integer(element, "DebtRecoveryRatePriceScale", path, -128, 127)
        return DebtRecovery(rate, scale + _ELEC_SCALE_SHIFT, _period(element, path))
    only(element, ("DebtRecoveryRate", "DebtRecoveryRatePeriod"), path)
    rate = integer(element, "DebtRecoveryRate", path, *_INT32)
    return DebtRecovery(rate, _GAS_SCALE, _period(element, path))


def read_debt(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    names = [name for name, _ in _REGISTERS] + ["DebtRecoveryPerPayment"]
    recoveries = ("ElecDebtRecovery1", "ElecDebtRecovery2", "GasDebtRecovery1", "GasDebtRecovery2")
    only(body, (*names, *recoveries), path)
    values = {
        attr: money_of(integer(body, name, path, *_INT32), f"{path}/sr:{name}")
        for name, attr in _REGISTERS
    }
    per_payment = integer(body, "DebtRecoveryPerPayment", path, 0, 10000)
    fuel = Fuel.ELECTRICITY if body.find("ElecDebtRecovery1") is not None else Fuel.GAS
    prefix = "Elec" if fuel is Fuel.ELECTRICITY else "Gas"
    found = [child.name for child in body.children if child.name in recoveries]
    if found != [f"{prefix}DebtRecovery1", f"{prefix}DebtRecovery2"]:
        raise CodecError("needs DebtRecovery1 and 2, both Elec or both Gas", path)
    reading.fuel = fuel
    recovery = [
        _read_recovery(child(body, f"{prefix}DebtRecovery{n}", path), fuel, f"{path}/sr:{name}")
        for n, name in ((1, f"{prefix}DebtRecovery1"), (2, f"{prefix}DebtRecovery2"))
    ]
    return UpdateDebtRequest(
        values["time_debt_1"],
        values["time_debt_2"],
        values["payment_debt"],
        per_payment,
        recovery[0],
        recovery[1],
    )


def _write_recovery(recovery: DebtRecovery, fuel: Fuel, name: str) -> XmlElement:
    period = leaf("DebtRecoveryRatePeriod", _PERIOD_NAMES[recovery.period])
    if fuel is Fuel.ELECTRICITY:
        scale = recovery.scale - _ELEC_SCALE_SHIFT
        if recovery.rate > (1 << 15) - 1 or not -128 <= scale <= 127:
            raise ModelError(f"{name}: rate {recovery.rate} or scale does not fit DUIS's elec form")
        return node(
            f"Elec{name}",
            leaf("DebtRecoveryRate", str(recovery.rate)),
            leaf("DebtRecoveryRatePriceScale", str(scale)),
            period,
        )
    if recovery.scale != _GAS_SCALE or recovery.rate > _INT32[1]:
        raise ModelError(f"{name}: DUIS's gas form is an xs:int of 1/1000 p (scale -3)")
    return node(f"Gas{name}", leaf("DebtRecoveryRate", str(recovery.rate)), period)


def write_debt(model: UpdateDebtRequest, framing: Framing) -> list[XmlElement]:
    if framing.fuel is None:
        raise ModelError("fuel: DUIS 2.3 has an electricity and a gas form; say which")
    children = []
    for name, attr in _REGISTERS:
        value = getattr(model, attr)
        if value is None:
            raise ModelError(f"{attr}: DUIS 2.3 requires every register")
        children.append(leaf(name, str(value.pence * MILLIPENCE)))
    if model.recovery_per_payment is None or model.recovery_1 is None or model.recovery_2 is None:
        raise ModelError("recovery_per_payment: DUIS 2.3 requires it and both recoveries")
    children.append(leaf("DebtRecoveryPerPayment", str(model.recovery_per_payment)))
    children.append(_write_recovery(model.recovery_1, framing.fuel, "DebtRecovery1"))
    children.append(_write_recovery(model.recovery_2, framing.fuel, "DebtRecovery2"))
    return children


# --- 6.8 Update Billing Calendar -------------------------------------------------------------

_GAS_PERIODICITY = {
    "Daily": BillingPeriodicity.DAILY,
    "Weekly": BillingPeriodicity.WEEKLY,
    "Monthly": BillingPeriodicity.MONTHLY,
    "Quarterly": BillingPeriodicity.QUARTERLY,
    "SixMonthly": BillingPeriodicity.SIX_MONTHLY,
    "Yearly": BillingPeriodicity.ANNUALLY,
}
_PERIODICITY_NAMES = {value: name for name, value in _GAS_PERIODICITY.items()}
_MONTH_FORMS = ("Quarterly", "SixMonthly", "Yearly")


def electricity_start(
    periodicity: BillingPeriodicity, at: time, day: int = 1, month: int = 1
) -> datetime:
    """The model's start for an electricity calendar: its first instant from 2000-01-01.

    DUIS's electricity calendar recurs and names no year (``day`` is the ISO weekday for
    weekly, the day of the month otherwise); this is the one start that writes it exactly.
    """
    base = EARLIEST_INSTANT.date()
    if periodicity is BillingPeriodicity.DAILY:
        first = base
    elif periodicity is BillingPeriodicity.WEEKLY:
        first = base + timedelta(days=(day - base.isoweekday()) % 7)
    elif periodicity is BillingPeriodicity.MONTHLY:
        first = date(base.year, 1, day)
    else:
        first = date(base.year, month, day)
    return datetime.combine(first, at, tzinfo=UTC)


def read_billing_calendar(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    only(body, ("ElectricityBillingCalendar", "GasBillingCalendar"), path)
    if len(body.children) != 1:
        raise CodecError("needs one of the electricity and gas calendars", path)
    form = body.children[0]
    where = f"{path}/sr:{form.name}"
    if form.name == "GasBillingCalendar":
        reading.fuel = Fuel.GAS
        only(form, ("BillingPeriodStart", "Periodicity"), where)
        start = parse_datetime(text(form, "BillingPeriodStart", where), where)
        name = text(form, "Periodicity", where)
        if name not in _GAS_PERIODICITY:
            raise CodecError(f"unknown Periodicity {name!r:.20}", f"{where}/sr:Periodicity")
        return UpdateBillingCalendarRequest(BillingCalendar(start, _GAS_PERIODICITY[name]))
    reading.fuel = Fuel.ELECTRICITY
    forms = ("Daily", "Weekly", "Monthly", *_MONTH_FORMS)
    only(form, ("BillingTime", *forms), where)
    at = parse_time(text(form, "BillingTime", where), f"{where}/sr:BillingTime")
    chosen = [c for c in form.children if c.name in forms]
    if len(chosen) != 1:
        raise CodecError("needs one periodicity", where)
    kind = chosen[0]
    periodicity = _GAS_PERIODICITY["Yearly" if kind.name == "Yearly" else kind.name]
    if kind.name == "Daily":
        empty(form, "Daily", where)
        start = electricity_start(periodicity, at)
    elif kind.name == "Weekly":
        start = electricity_start(periodicity, at, integer(form, "Weekly", where, 1, 7))
    elif kind.name == "Monthly":
        start = electricity_start(periodicity, at, integer(form, "Monthly", where, 1, 28))
    else:
        inner = f"{where}/sr:{kind.name}"
        only(kind, ("DayOfMonth", "BillingPeriodStartMonth"), inner)
        day = integer(kind, "DayOfMonth", inner, 1, 28)
        month = integer(kind, "BillingPeriodStartMonth", inner, 1, 12)
        start = electricity_start(periodicity, at, day, month)
    return UpdateBillingCalendarRequest(BillingCalendar(start, periodicity))


def write_billing_calendar(model: UpdateBillingCalendarRequest, framing: Framing) -> list:
    calendar_ = model.calendar
    periodicity = calendar_.periodicity
    if framing.fuel is Fuel.GAS:
        return [
            node(
                "GasBillingCalendar",
                leaf("BillingPeriodStart", format_datetime(calendar_.start)),
                leaf("Periodicity", _PERIODICITY_NAMES[periodicity]),
            )
        ]
    if framing.fuel is not Fuel.ELECTRICITY:
        raise ModelError("fuel: DUIS 6.8 has an electricity and a gas form; say which")
    start = calendar_.start.astimezone(UTC)
    at = start.time().replace(tzinfo=None)
    day = start.isoweekday() if periodicity is BillingPeriodicity.WEEKLY else start.day
    if day > 28 and periodicity is not BillingPeriodicity.WEEKLY:
        raise ModelError("calendar: DUIS's electricity calendar bills on day 1 to 28")
    if start != electricity_start(periodicity, at, day, start.month):
        raise ModelError(
            "calendar: DUIS's electricity calendar recurs with no start date; its start must "
            "be electricity_start(...), the first matching instant from 2000-01-01"
        )
    name = _PERIODICITY_NAMES[periodicity]
    if periodicity is BillingPeriodicity.DAILY:
        kind = node("Daily")
    elif periodicity in (BillingPeriodicity.WEEKLY, BillingPeriodicity.MONTHLY):
        kind = leaf(name, str(day))
    else:
        kind = node(
            name, leaf("DayOfMonth", str(day)), leaf("BillingPeriodStartMonth", str(start.month))
        )
    return [node("ElectricityBillingCalendar", leaf("BillingTime", format_time(at)), kind)]


# --- 8.11 Update HAN Device Log ----------------------------------------------------------------

_ACTIONS = {"Add": HanAction.ADD, "Remove": HanAction.REMOVE}
_ACTION_NAMES = {value: name for name, value in _ACTIONS.items()}
_WHITELIST_EXTRAS = ("JoinTimePeriod", "ImportMPxN", "SecondaryImportMPAN", "ExportMPAN")


def read_han_device_log(body: XmlElement, reading: Reading) -> RequestBody:
    path = reading.path
    only(body, ("ExecutionDateTime", "DeviceID", "RequestType", "AddDeviceToCHFWhitelist"), path)
    if body.find("ExecutionDateTime") is not None:
        raise CodecError("a future-dated 8.11 has no place in the project's model", path)
    device = _eui(text(body, "DeviceID", path), f"{path}/sr:DeviceID")
    action_name = text(body, "RequestType", path)
    if action_name not in _ACTIONS:
        raise CodecError(f"not Add or Remove: {action_name!r:.20}", f"{path}/sr:RequestType")
    if reading.device_type is None:
        raise CodecError(
            "DUIS 8.11 does not say the device's type, which the model needs: pass "
            "device_type (the DCC's inventory knows it)",
            f"{path}/sr:DeviceID",
        )
    install_code = None
    whitelist = body.find("AddDeviceToCHFWhitelist")
    if whitelist is not None:
        where = f"{path}/sr:AddDeviceToCHFWhitelist"
        only(whitelist, ("JoinTimePeriod", "InstallCode", *_WHITELIST_EXTRAS[1:]), where)
        reading.extras["JoinTimePeriod"] = str(integer(whitelist, "JoinTimePeriod", where, 1, 3600))
        try:
            install_code = bytes.fromhex(text(whitelist, "InstallCode", where))
        except ValueError:
            raise CodecError("InstallCode is not hex", f"{where}/sr:InstallCode") from None
        for name in _WHITELIST_EXTRAS[1:]:
            if whitelist.find(name) is not None:
                reading.extras[name] = text(whitelist, name, where)
    return UpdateHanDeviceLogRequest(
        _ACTIONS[action_name], device, reading.device_type, install_code
    )


def write_han_device_log(model: UpdateHanDeviceLogRequest, framing: Framing) -> list:
    children = [
        leaf("DeviceID", str(model.device)),
        leaf("RequestType", _ACTION_NAMES[model.action]),
    ]
    if model.install_code is None:
        extra = [name for name in _WHITELIST_EXTRAS if framing.extra(name) is not None]
        if extra:
            raise ModelError(f"extras: {extra[0]} needs an install code to go with")
        return children
    whitelist = [leaf("JoinTimePeriod", required_extra(framing, "JoinTimePeriod", "8.11"))]
    whitelist.append(leaf("InstallCode", model.install_code.hex().upper()))
    whitelist += [
        leaf(name, framing.extra(name))
        for name in _WHITELIST_EXTRAS[1:]
        if framing.extra(name) is not None
    ]
    children.append(node("AddDeviceToCHFWhitelist", *whitelist))
    return children


# --- 11.1 Update Firmware ------------------------------------------------------------------------


def _eui(raw: str, path: str) -> EUI64:
    try:
        return EUI64.parse(raw)
    except (ModelError, ValueError) as exc:
        raise CodecError(f"not an EUI-64: {exc}", path) from None


def read_firmware_image(body: XmlElement, reading: Reading, extra_names: tuple = ()) -> tuple:
    """The image, the single device it is for, and the version as written."""
    path = reading.path
    names = ("FirmwareImage", "FirmwareVersion", "DeviceIDList")
    only(body, (*names[:2], *extra_names, names[2]), path)
    raw = "".join(text(body, "FirmwareImage", path).split())
    try:
        image = base64.b64decode(raw.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise CodecError("FirmwareImage is not base64", f"{path}/sr:FirmwareImage") from None
    version = text(body, "FirmwareVersion", path)
    devices = text(body, "DeviceIDList", path).split(",")
    if len(devices) != 1:
        raise CodecError(
            "the project's model targets one device; DeviceIDList lists several",
            f"{path}/sr:DeviceIDList",
        )
    return image, version, _eui(devices[0], f"{path}/sr:DeviceIDList")


def read_update_firmware(body: XmlElement, reading: Reading) -> tuple[RequestBody, EUI64]:
    image, version, device = read_firmware_image(body, reading)
    model = UpdateFirmwareRequest(image)
    if version != str(model.version):
        reading.extras["FirmwareVersion"] = version
    return model, device


def firmware_leaves(image: bytes, version: str, device: EUI64) -> tuple[XmlElement, ...]:
    return (
        leaf("FirmwareImage", base64.b64encode(image).decode("ascii")),
        leaf("FirmwareVersion", version),
        leaf("DeviceIDList", str(device)),
    )


def write_update_firmware(model: UpdateFirmwareRequest, framing: Framing, device: EUI64) -> list:
    version = framing.extra("FirmwareVersion") or str(model.version)
    return list(firmware_leaves(model.image, version, device))


Reader = Callable[[XmlElement, Reading], RequestBody]
