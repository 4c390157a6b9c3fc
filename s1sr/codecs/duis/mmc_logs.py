"""The MMC read logs (4.4.2, 4.4.3, 4.4.4, 4.6.1, 4.8.1) as the project's response bodies.

Both ways, element by element (docs/duis.md has the table). What one side holds and the
other cannot is a ``CodecError`` naming the element, never dropped: a secondary (twin
element) register, TOU registers in a daily reading, a sparse matrix, a prepayment entry
at a time no register entry has; and the other way, more entries than MMC allows, a
register in a unit MMC does not give it, two log fuels in one 4.4.2/4.4.3 answer.

The fuel is the unit of the import register (kWh: ``Electricity``, m3: ``Gas``). MMC
names no unit for a gas meter's TOU registers and block counters: the view reads them as
the S1SR says the meter keeps them, TOU registers in m3 beside the m3 consumption
register, block counters in kWh (18.14(a), 18.17(b), 18.18(a)); a m3 block counter has
no MMC form. An empty 4.4.2/4.4.3 log has no fuel to keep; it is written ``Electricity``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from s1sr.codecs.duis import mmc_values as v
from s1sr.codecs.duis.constants import RA
from s1sr.codecs.duis.tree import XmlElement
from s1sr.codecs.errors import CodecError
from s1sr.models import (
    BillingCalendarBillingLogResponse,
    BillingSnapshot,
    ChangeOfModeBillingLogResponse,
    DailyReading,
    DailyReadLogResponse,
    DebtPayment,
    DebtPaymentsBillingLogResponse,
    Energy,
    EnergyUnit,
    ModelError,
    ProfileDataResponse,
    ProfileEntry,
)
from s1sr.models.envelope import ResponseBody

GAS_TOU_UNIT = EnergyUnit.M3
GAS_BLOCK_UNIT = EnergyUnit.KWH
ELEC_BANDS = 4  # TariffTOUBlock1..4RegisterMatrixValue: the price bands of a block tariff
MAX_SNAPSHOTS = 12
MAX_DEBT_PAYMENTS = 10
MAX_DAILY_ENTRIES = 31
MAX_PROFILE_ENTRIES = 19056
GAS_MATRIX = 4
_ELEC_BLOCKS = tuple(f"TariffTOUBlock{band}RegisterMatrixValue" for band in range(1, 5))
# PrepaymentOperationalDataType, in schema order, and the snapshot field of each.
_PREPAY = (
    ("AccumulatedDebtRegister", "accumulated_debt"),
    ("EmergencyCreditBalance", "emergency_credit_balance"),
    ("MeterBalance", "meter_balance"),
    ("PaymentDebtRegister", "payment_debt"),
    ("TimeDebtRegisters1", "time_debt_1"),
    ("TimeDebtRegisters2", "time_debt_2"),
)
_SECONDARY = frozenset(
    {
        "SecondaryActiveImportRegisterConsumption",
        "SecondaryActiveImportRegisterValueConsumption",
        "SecondaryTariffTOURegisterMatrixValue",
        "SecondaryValue",
    }
)


@dataclass(frozen=True)
class _Layout:
    """One register entry type: its element order, and the role of each element."""

    gas: bool
    order: tuple[str, ...]
    timestamp: str = "Timestamp"

    def role(self, name: str) -> str:
        if name == self.timestamp:
            return "timestamp"
        if name in _SECONDARY:
            return "secondary"
        if name in _ELEC_BLOCKS or name in ("BlockRegisterMatrixValue", "TariffBlockCounterMatrix"):
            return "blocks"
        if name.startswith("TariffTOURegisterMatrix"):
            return "tou"
        return "import"


_ELEC_TAIL = (
    "TariffTOURegisterMatrixValue",
    *_ELEC_BLOCKS,
    "SecondaryActiveImportRegisterConsumption",
    "SecondaryTariffTOURegisterMatrixValue",
)
# SRV -> fuel -> (register entry, prepayment entry, layout)
_SNAPSHOT_LOGS = {
    "4.4.2": {
        "Electricity": (
            "LogEntryConsumptionAndTariffRegistersData",
            "LogEntryPrepaymentData",
            _Layout(False, ("ActiveImportRegisterConsumption", *_ELEC_TAIL, "Timestamp")),
        ),
        "Gas": (
            "LogEntryConsumptionRegister",
            "LogEntryPrepaymentData",
            _Layout(
                True,
                (
                    "ConsumptionRegister",
                    "Timestamp",
                    "TariffTOURegisterMatrixValue",
                    "BlockRegisterMatrixValue",
                ),
            ),
        ),
    },
    "4.4.3": {
        "Electricity": (
            "ESMEBillingDataLogEntry",
            "ESMEBillingPrepaymentDataLogEntry",
            _Layout(
                False,
                (
                    "Timestamp",
                    "ActiveImportRegisterValueConsumption",
                    "SecondaryActiveImportRegisterValueConsumption",
                    "TariffTOURegisterMatrixValue",
                    "SecondaryTariffTOURegisterMatrixValue",
                    *_ELEC_BLOCKS,
                ),
            ),
        ),
        "Gas": (
            "GSMEBillingDataLogEntry",
            "GSMEBillingPrepaymentDataLogEntry",
            _Layout(
                True,
                (
                    "Timestamp",
                    "ActiveImportRegisterValueConsumption",
                    "BlockRegisterMatrixValue",
                    "TariffTOURegisterMatrixValue",
                ),
            ),
        ),
    },
}
_DAILY = {
    "Electricity": _Layout(
        False,
        (
            "ElecActiveImportRegisterConsumption",
            "SecondaryActiveImportRegisterConsumption",
            "SecondaryTariffTOURegisterMatrixValue",
            "TariffTOURegisterMatrixValue",
            *_ELEC_BLOCKS,
        ),
    ),
    "Gas": _Layout(
        True,
        (
            "GasActiveImportRegisterConsumption",
            "TariffBlockCounterMatrix",
            "TariffTOURegisterMatrix",
        ),
    ),
}
_SNAPSHOT_BODY = {
    "4.4.2": ChangeOfModeBillingLogResponse,
    "4.4.3": BillingCalendarBillingLogResponse,
}
LOG_SRVS = ("4.4.2", "4.4.3", "4.4.4", "4.6.1", "4.8.1")


def _el(name: str, *children: XmlElement) -> XmlElement:
    return XmlElement(RA, name, None, children)


def _check_children(element: XmlElement, allowed: tuple[str, ...], path: str) -> None:
    for child in element.children:
        if child.namespace != RA or child.name not in allowed:
            raise CodecError(f"{child.name} has no place here", path)


def _single(element: XmlElement, name: str, path: str) -> XmlElement | None:
    found = element.find_all(name)
    if len(found) > 1:
        raise CodecError(f"ra:{name} repeated", path)
    return found[0] if found else None


def _too_many(count: int, limit: int, what: str, path: str) -> None:
    if count > limit:
        raise CodecError(f"{count} {what}: MMC holds at most {limit}", path)


# --- registers: one entry's import register, TOU registers and block counters ---------------


@dataclass(frozen=True)
class _Registers:
    timestamp: datetime | None  # a 4.6.1 entry keeps its time outside the fuel element
    import_register: Energy
    tou: tuple[Energy, ...]
    blocks: tuple[Energy, ...]


def _read_registers(element: XmlElement, layout: _Layout, path: str) -> _Registers:
    _check_children(element, layout.order, path)
    found: dict[str, list] = {"timestamp": [], "import": [], "tou": [], "blocks": []}
    seen: dict[str, int] = {}
    for child in element.children:
        where = f"{path}/ra:{child.name}"
        role = layout.role(child.name)
        if role == "secondary":
            raise CodecError("the model holds no secondary (twin element) register", where)
        seen[child.name] = seen.get(child.name, 0) + 1
        if role in ("timestamp", "import"):
            if seen[child.name] > 1:
                raise CodecError(f"ra:{child.name} repeated", path)
            if role == "timestamp":
                found[role].append(v.instant(child, where))
            elif layout.gas:
                found[role].append(v.in_unit(child, EnergyUnit.M3, where))
            else:
                found[role].append(v.wh(child, where))
            continue
        index = v.index_of(child, seen[child.name], where)
        if layout.gas:
            unit = GAS_BLOCK_UNIT if role == "blocks" else GAS_TOU_UNIT
            value = v.in_unit(child, unit, where)
            position = index - 1
        else:
            value = v.wh(child, where)
            position = index - 1
            if role == "blocks":
                position = (index - 1) * ELEC_BANDS + _ELEC_BLOCKS.index(child.name)
        found[role].append((position, value))
    if not found["import"]:
        raise CodecError("the model's reading needs its import register", path)
    return _Registers(
        found["timestamp"][0] if found["timestamp"] else None,
        found["import"][0],
        v.dense(found["tou"], f"{path}/TariffTOURegisterMatrix"),
        v.dense(found["blocks"], f"{path}/block counters"),
    )


def _write_registers(
    layout: _Layout, registers: _Registers, path: str, timestamp: bool = True
) -> tuple[XmlElement, ...]:
    if layout.gas:
        _too_many(len(registers.tou), GAS_MATRIX, "gas TOU registers", path)
        _too_many(len(registers.blocks), GAS_MATRIX, "gas block counters", path)
    written: dict[str, list[XmlElement]] = {}

    def put(name: str, text: str, index: int | None = None) -> None:
        attributes = () if index is None else (("index", str(index)),)
        written.setdefault(name, []).append(v.leaf(name, text, attributes))

    for name in layout.order:
        role = layout.role(name)
        if role == "timestamp" and timestamp:
            written[name] = [v.write_instant(name, registers.timestamp)]
        elif role == "import":
            put(name, _energy_text(registers.import_register, layout, EnergyUnit.M3, path))
        elif role == "tou":
            for index, value in enumerate(registers.tou, 1):
                put(name, _energy_text(value, layout, GAS_TOU_UNIT, path), index)
    blocks = [name for name in layout.order if layout.role(name) == "blocks"]
    for position, value in enumerate(registers.blocks):
        if layout.gas:
            put(blocks[0], _energy_text(value, layout, GAS_BLOCK_UNIT, path), position + 1)
        else:
            tariff, band = divmod(position, ELEC_BANDS)
            put(_ELEC_BLOCKS[band], v.write_wh(value, path), tariff + 1)
    return tuple(element for name in layout.order for element in written.get(name, ()))


def _energy_text(value: Energy, layout: _Layout, gas_unit: EnergyUnit, path: str) -> str:
    return v.write_in_unit(value, gas_unit, path) if layout.gas else v.write_wh(value, path)


def _fuel_of(energy: Energy) -> str:
    return "Gas" if energy.unit is EnergyUnit.M3 else "Electricity"


# --- 4.4.2 and 4.4.3: register snapshots with their prepayment data ----------------------------


def _read_prepay(element: XmlElement, path: str) -> tuple:
    names = (*(name for name, _ in _PREPAY), "Timestamp")
    _check_children(element, names, path)
    stamp = _single(element, "Timestamp", path)
    if stamp is None:
        raise CodecError("a prepayment entry without Timestamp pairs with no register entry", path)
    values = {}
    for name, attr in _PREPAY:
        found = _single(element, name, path)
        if found is not None:
            where = f"{path}/ra:{name}"
            values[attr] = v.money(found, where, non_negative=attr != "meter_balance")
    return v.instant(stamp, f"{path}/ra:Timestamp"), values


def _has_prepay(snapshot: BillingSnapshot) -> bool:
    return any(getattr(snapshot, attr) is not None for _, attr in _PREPAY)


def _pair(stamps: list, prepay_stamps: list) -> list[int | None]:
    """Which prepayment entry each register entry takes: the next one, at its time."""
    taken, following = [], 0
    for stamp in stamps:
        if following < len(prepay_stamps) and prepay_stamps[following] == stamp:
            taken.append(following)
            following += 1
        else:
            taken.append(None)
    return taken


def _read_snapshots(srv: str, rsp: XmlElement, path: str) -> ResponseBody:
    _check_children(rsp, ("Electricity", "Gas"), path)
    if len(rsp.children) != 1:
        raise CodecError("one of ra:Electricity or ra:Gas needed", path)
    fuel = rsp.children[0]
    entry_name, prepay_name, layout = _SNAPSHOT_LOGS[srv][fuel.name]
    where = f"{path}/ra:{fuel.name}"
    _check_children(fuel, (entry_name, prepay_name), where)
    entries = fuel.find_all(entry_name)
    prepays = fuel.find_all(prepay_name)
    _too_many(len(entries), MAX_SNAPSHOTS, entry_name, where)
    _too_many(len(prepays), MAX_SNAPSHOTS, prepay_name, where)
    registers = []
    for number, entry in enumerate(entries, 1):
        at = f"{where}/ra:{entry_name}[{number}]"
        found = _read_registers(entry, layout, at)
        if found.timestamp is None:
            raise CodecError("the model's snapshot needs its Timestamp", at)
        registers.append(found)
    read = [
        _read_prepay(entry, f"{where}/ra:{prepay_name}[{number}]")
        for number, entry in enumerate(prepays, 1)
    ]
    pairing = _pair([r.timestamp for r in registers], [stamp for stamp, _ in read])
    used = sum(1 for index in pairing if index is not None)
    if used != len(read):
        raise CodecError(
            f"ra:{prepay_name}[{used + 1}] is at a time no register entry (in order) has", where
        )
    snapshots = []
    for found, index in zip(registers, pairing, strict=True):
        extra = read[index][1] if index is not None else {}
        snapshots.append(
            BillingSnapshot(
                found.timestamp, found.import_register, found.tou, found.blocks, **extra
            )
        )
    return _SNAPSHOT_BODY[srv](tuple(snapshots))


def _write_snapshots(srv: str, body: ResponseBody, path: str) -> tuple[XmlElement, ...]:
    entries = body.entries
    fuels = {_fuel_of(entry.import_register) for entry in entries} or {"Electricity"}
    if len(fuels) > 1:
        raise CodecError("an MMC billing log is of one fuel; this one mixes kWh and m3", path)
    fuel = fuels.pop()
    entry_name, prepay_name, layout = _SNAPSHOT_LOGS[srv][fuel]
    stamps = [entry.timestamp for entry in entries]
    with_prepay = [entry for entry in entries if _has_prepay(entry)]
    expected = []
    following = 0
    for entry in entries:
        expected.append(following if _has_prepay(entry) else None)
        following += _has_prepay(entry)
    if _pair(stamps, [entry.timestamp for entry in with_prepay]) != expected:
        raise CodecError(
            "MMC pairs prepayment data with registers by Timestamp: entries at the same "
            "time, some with prepayment data, read back otherwise",
            path,
        )
    registers = [
        _write_registers(
            layout,
            _Registers(e.timestamp, e.import_register, e.tou_registers, e.block_counters),
            f"{path}/ra:{fuel}/ra:{entry_name}[{number}]",
        )
        for number, e in enumerate(entries, 1)
    ]
    prepays = []
    for entry in with_prepay:
        children = [
            v.leaf(name, v.write_money(getattr(entry, attr)))
            for name, attr in _PREPAY
            if getattr(entry, attr) is not None
        ]
        children.append(v.write_instant("Timestamp", entry.timestamp))
        prepays.append(_el(prepay_name, *children))
    return (
        _el(
            fuel,
            *(_el(entry_name, *children) for children in registers),
            *prepays,
        ),
    )


# --- 4.4.4 debt payments, 4.6.1 daily reads, 4.8.1 profile data ------------------------------


def _entry_parts(entry: XmlElement, names: tuple[str, ...], path: str) -> dict[str, XmlElement]:
    _check_children(entry, names, path)
    parts = {}
    for name in names:
        found = _single(entry, name, path)
        if found is not None:
            parts[name] = found
    return parts


def _read_debt_payments(rsp: XmlElement, path: str) -> ResponseBody:
    _check_children(rsp, ("PaymentBasedDebtRepayment",), path)
    log = _single(rsp, "PaymentBasedDebtRepayment", path)
    entries = ()
    if log is not None:
        where = f"{path}/ra:PaymentBasedDebtRepayment"
        _check_children(log, ("LogEntry",), where)
        _too_many(len(log.children), MAX_DEBT_PAYMENTS, "log entries", where)
        payments = []
        for number, entry in enumerate(log.children, 1):
            at = f"{where}/ra:LogEntry[{number}]"
            parts = _entry_parts(entry, ("Amount", "Timestamp"), at)
            if len(parts) != 2:
                raise CodecError("a debt payment needs its Amount and Timestamp", at)
            amount = v.fine_money(parts["Amount"], f"{at}/ra:Amount")
            stamp = v.instant(parts["Timestamp"], f"{at}/ra:Timestamp")
            payments.append(_made(lambda s=stamp, a=amount: DebtPayment(s, a), at))
        entries = tuple(payments)
    return DebtPaymentsBillingLogResponse(entries)


def _write_debt_payments(body: DebtPaymentsBillingLogResponse, path: str) -> tuple:
    if not body.entries:
        return ()
    _too_many(len(body.entries), MAX_DEBT_PAYMENTS, "debt payments", path)
    entries = (
        _el(
            "LogEntry",
            v.leaf("Amount", str(entry.amount.millipence)),
            v.write_instant("Timestamp", entry.timestamp),
        )
        for entry in body.entries
    )
    return (_el("PaymentBasedDebtRepayment", *entries),)


def _one_fuel(entry: XmlElement, path: str) -> XmlElement | None:
    fuels = [child for child in entry.children if child.name in ("Electricity", "Gas")]
    if len(fuels) > 1:
        raise CodecError("one of ra:Electricity or ra:Gas", path)
    return fuels[0] if fuels else None


def _timed_entries(
    rsp: XmlElement, most: int, what: str, path: str
) -> Iterator[tuple[str, XmlElement, XmlElement]]:
    """Each ``ra:LogEntry`` of a daily or profile log: its path, Timestamp and one fuel."""
    _check_children(rsp, ("LogEntry",), path)
    _too_many(len(rsp.children), most, "log entries", path)
    for number, entry in enumerate(rsp.children, 1):
        at = f"{path}/ra:LogEntry[{number}]"
        _check_children(entry, ("Timestamp", "Electricity", "Gas"), at)
        stamp = _single(entry, "Timestamp", at)
        fuel = _one_fuel(entry, at)
        if stamp is None or fuel is None:
            raise CodecError(f"{what} needs its Timestamp and a fuel", at)
        yield at, stamp, fuel


def _read_daily(rsp: XmlElement, path: str) -> ResponseBody:
    readings = []
    for at, stamp, fuel in _timed_entries(rsp, MAX_DAILY_ENTRIES, "a daily reading", path):
        where = f"{at}/ra:{fuel.name}"
        found = _read_registers(fuel, _DAILY[fuel.name], where)
        if found.tou:
            raise CodecError("the model's daily reading holds no TOU registers", where)
        moment = v.instant(stamp, f"{at}/ra:Timestamp")
        readings.append(
            _made(lambda m=moment, f=found: DailyReading(m, f.import_register, f.blocks), at)
        )
    return DailyReadLogResponse(tuple(readings))


def _write_daily(body: DailyReadLogResponse, path: str) -> tuple:
    _too_many(len(body.entries), MAX_DAILY_ENTRIES, "daily readings", path)
    entries = []
    for number, reading in enumerate(body.entries, 1):
        fuel = _fuel_of(reading.import_register)
        registers = _Registers(None, reading.import_register, (), reading.block_counters)
        children = _write_registers(
            _DAILY[fuel], registers, f"{path}/ra:LogEntry[{number}]/ra:{fuel}", False
        )
        entries.append(
            _el("LogEntry", v.write_instant("Timestamp", reading.timestamp), _el(fuel, *children))
        )
    return tuple(entries)


def _read_profile(rsp: XmlElement, path: str) -> ResponseBody:
    entries = []
    for at, stamp, fuel in _timed_entries(rsp, MAX_PROFILE_ENTRIES, "a profile entry", path):
        where = f"{at}/ra:{fuel.name}"
        allowed = ("PrimaryValue", "SecondaryValue") if fuel.name == "Electricity" else ()
        parts = _entry_parts(fuel, allowed or ("PrimaryValue",), where)
        if "SecondaryValue" in parts:
            raise CodecError("the model holds no secondary (twin element) value", where)
        if "PrimaryValue" not in parts:
            raise CodecError("the model's profile entry needs its PrimaryValue", where)
        value_at = f"{where}/ra:PrimaryValue"
        if fuel.name == "Gas":
            value = v.in_unit(parts["PrimaryValue"], EnergyUnit.M3, value_at)
        else:
            value = v.wh(parts["PrimaryValue"], value_at)
        moment = v.instant(stamp, f"{at}/ra:Timestamp")
        entries.append(_made(lambda m=moment, e=value: ProfileEntry(m, e), at))
    return ProfileDataResponse(tuple(entries))


def _write_profile(body: ProfileDataResponse, path: str) -> tuple:
    entries = []
    for number, entry in enumerate(body.entries, 1):
        fuel = _fuel_of(entry.consumption)
        at = f"{path}/ra:LogEntry[{number}]/ra:{fuel}"
        if fuel == "Gas":
            text = v.write_in_unit(entry.consumption, EnergyUnit.M3, at)
        else:
            text = v.write_wh(entry.consumption, at)
        entries.append(
            _el(
                "LogEntry",
                v.write_instant("Timestamp", entry.timestamp),
                _el(fuel, v.leaf("PrimaryValue", text)),
            )
        )
    return tuple(entries)


def _made(build, path: str):  # noqa: ANN001, ANN202 (a model constructor and its result)
    try:
        return build()
    except ModelError as exc:
        raise CodecError(str(exc), path) from None


# --- the two entry points ----------------------------------------------------------------------


def read_log(srv: str, rsp: XmlElement, path: str) -> ResponseBody:
    """The response body of a read-log SRV's ``ra:<Service>Rsp`` element."""
    try:
        if srv in _SNAPSHOT_LOGS:
            return _read_snapshots(srv, rsp, path)
        if srv == "4.4.4":
            return _read_debt_payments(rsp, path)
        if srv == "4.6.1":
            return _read_daily(rsp, path)
        if srv == "4.8.1":
            return _read_profile(rsp, path)
    except ModelError as exc:
        raise CodecError(str(exc), path) from None
    raise CodecError(f"SRV {srv} has no MMC read log", path)


def log_children(body: ResponseBody, path: str = "ra:SMETSData") -> tuple[XmlElement, ...]:
    """The children of the ``ra:<Service>Rsp`` element that carries ``body``."""
    srv = str(body.srv)
    if srv in _SNAPSHOT_LOGS:
        return _write_snapshots(srv, body, path)
    writers = {
        "4.4.4": _write_debt_payments,
        "4.6.1": _write_daily,
        "4.8.1": _write_profile,
    }
    if srv not in writers:
        raise CodecError(f"SRV {srv} has no MMC read log", path)
    return writers[srv](body, path)
