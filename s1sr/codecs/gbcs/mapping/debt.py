"""SRV 2.3 Update Debt: ECS07 (ESME, DLMS) and GCS04 (GSME, GBZ).

ECS07 works on the three Charge objects (class 113): time-based debt 1 and 2
(0-0:19.20.1.255, 0-0:19.20.2.255) and payment-based debt (0-0:19.20.3.255).

* attribute 6 (unit_charge_passive) of debt 1 / 2: the recovery rate, one charge of
  ``charge * 10**price_scale`` pounds per period; the model's ``DebtRecovery`` counts
  pence, so its scale is the wire's plus two;
* attribute 8 (period) of debt 1 / 2: seconds per period, 3600 (hourly) or 86400 (daily);
* attribute 13 (proportion) of the payment-based debt: hundredths of a percent of each
  payment, the model's ``recovery_per_payment``;
* method 4 (update_total_amount_remaining) of each: the amount added to the register.

GCS04 sends one ZSE Change Debt (Prepayment cluster, command 0x02) per register, the
debt amount type saying which (1: time debt 1, 3: time debt 2, 5: payment debt; all
incremental), with the recovery as an amount per frequency (0 hourly, 1 daily) or a
percentage of each top-up. Amounts are in 1/1000 p, so a recovery rate is read as that
amount with scale -3: nothing is rounded.

Gap: the model's ``UpdateDebtRequest`` says its registers are "new register values",
but both GBCS use cases (and DUIS 2.3) carry adjustments added to the registers; the
mapping carries the adjustment in those fields, and a negative one is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.dlms_apdu import AccessRequest
from s1sr.codecs.gbcs.dlms_data import DlmsData, DlmsType
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.mapping.values import money_from_wire, money_to_wire
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.models import (
    SRV,
    DebtRecovery,
    DebtRecoveryRatePeriod,
    ModelError,
    Money,
    RequestBody,
    UpdateDebtRequest,
)

PENCE_PER_POUND_EXPONENT = 2  # model scale = wire price scale + 2
MILLIPENCE_EXPONENT = -3
PERIOD_SECONDS = {3600: DebtRecoveryRatePeriod.HOURLY, 86400: DebtRecoveryRatePeriod.DAILY}
ZCL_FREQUENCY = {0: DebtRecoveryRatePeriod.HOURLY, 1: DebtRecoveryRatePeriod.DAILY}
PREPAYMENT = 0x0705
CHANGE_DEBT = 0x02
TIME_BASED, PERCENTAGE_BASED = 0, 1


@dataclass(frozen=True)
class _Charge:
    field: str  # model field of the register
    recovery: str | None  # model field of its time-based recovery
    obis: str


_CHARGES = (
    _Charge("time_debt_1", "recovery_1", "0-0:19.20.1.255"),
    _Charge("time_debt_2", "recovery_2", "0-0:19.20.2.255"),
    _Charge("payment_debt", None, "0-0:19.20.3.255"),
)
_PAYMENT_OBIS = "0-0:19.20.3.255"


def _unit_charge(obis: str) -> dlms.Address:
    return dlms.Address(113, obis, 6)


def _period(obis: str) -> dlms.Address:
    return dlms.Address(113, obis, 8)


def _adjust(obis: str) -> dlms.Address:
    return dlms.Address(113, obis, 4, method=True)


PROPORTION = dlms.Address(113, _PAYMENT_OBIS, 13)


def _non_negative(raw: int, path: str) -> Money:
    if raw < 0:
        raise CodecError(f"a negative adjustment ({raw}) has no model form", path)
    return money_from_wire(raw, path)


def _rate_struct(value: DlmsData, path: str) -> tuple[int, int]:
    """(charge per unit, price scale) of a unit charge with a single charge."""
    scaling, _commodity, table = dlms.read_struct(value, path, 3)
    _, price_scale = dlms.read_struct(scaling, f"{path}.scaling", 2)
    entries = dlms.read_array(table, f"{path}.charge_table")
    if len(entries) != 1:
        raise CodecError(f"expected one charge, got {len(entries)}", f"{path}.charge_table")
    _index, charge = dlms.read_struct(entries[0], f"{path}.charge_table[0]", 2)
    return (
        dlms.read_int(charge, f"{path}.charge_table[0]"),
        dlms.read_int(price_scale, f"{path}.scaling", DlmsType.INTEGER),
    )


def _read_recovery(apdu: AccessRequest, obis: str, path: str) -> DebtRecovery | None:
    charge = dlms.optional_data(apdu, _unit_charge(obis))
    period = dlms.optional_data(apdu, _period(obis))
    if charge is None and period is None:
        return None
    if charge is None or period is None:
        raise CodecError("a recovery rate needs both unit charge and period", path)
    rate, scale = _rate_struct(charge, f"{path}.rate")
    seconds = dlms.read_int(period, f"{path}.period")
    if seconds not in PERIOD_SECONDS:
        raise CodecError(f"a period of {seconds} s is neither hourly nor daily", f"{path}.period")
    if rate < 0:
        raise CodecError(f"a negative recovery rate ({rate})", f"{path}.rate")
    return DebtRecovery(rate, scale + PENCE_PER_POUND_EXPONENT, PERIOD_SECONDS[seconds])


def read_ecs07(message: GbcsMessage) -> UpdateDebtRequest:
    apdu = dlms.command_apdu(message)
    fields: dict[str, object] = {}
    for charge in _CHARGES:
        path = f"payload.{charge.field}"
        adjust = dlms.optional_data(apdu, _adjust(charge.obis))
        if adjust is not None:
            raw = dlms.read_int(adjust, path, DlmsType.DOUBLE_LONG)
            fields[charge.field] = _non_negative(raw, path)
        if charge.recovery is not None:
            fields[charge.recovery] = _read_recovery(
                apdu, charge.obis, f"payload.{charge.recovery}"
            )
    proportion = dlms.optional_data(apdu, PROPORTION)
    if proportion is not None:
        fields["recovery_per_payment"] = dlms.read_int(proportion, "payload.recovery_per_payment")
    return UpdateDebtRequest(**fields)  # type: ignore[arg-type]


def _body(body: RequestBody) -> UpdateDebtRequest:
    if not isinstance(body, UpdateDebtRequest):
        raise ModelError(f"body: expected UpdateDebtRequest, got {type(body).__name__}")
    return body


def _place(apdu: AccessRequest, address: dlms.Address, value: object, field: str) -> int | None:
    """Index of ``address`` in the template; presence must agree with the model's value."""
    index = dlms.find(apdu, address)
    if (index is None) != (value is None):
        state = "sets" if index is not None else "has no place for"
        raise ModelError(f"{field}: the template {state} it; use a template of the same shape")
    return index


def _write_rate(template: DlmsData, recovery: DebtRecovery) -> DlmsData:
    scaling, commodity, table = template.items
    commodity_scale, price_scale = scaling.items
    index, charge = table.items[0].items
    new_scale = DlmsData(price_scale.type, recovery.scale - PENCE_PER_POUND_EXPONENT)
    entry = DlmsData.structure(index, dlms.like(charge, recovery.rate))
    return DlmsData.structure(
        DlmsData.structure(commodity_scale, new_scale), commodity, DlmsData.array(entry)
    )


def write_ecs07(body: RequestBody, template: GbcsMessage) -> Payload:
    request = _body(body)
    apdu = dlms.command_apdu(template)
    changes: dict[int, DlmsData] = {}
    for charge in _CHARGES:
        amount: Money | None = getattr(request, charge.field)
        index = _place(apdu, _adjust(charge.obis), amount, charge.field)
        if index is not None and amount is not None:
            changes[index] = dlms.like(apdu.data[index], money_to_wire(amount))
        if charge.recovery is None:
            continue
        recovery: DebtRecovery | None = getattr(request, charge.recovery)
        rate_at = _place(apdu, _unit_charge(charge.obis), recovery, charge.recovery)
        period_at = _place(apdu, _period(charge.obis), recovery, charge.recovery)
        if recovery is not None and rate_at is not None and period_at is not None:
            changes[rate_at] = _write_rate(apdu.data[rate_at], recovery)
            changes[period_at] = dlms.like(apdu.data[period_at], recovery.period.seconds)
    share = request.recovery_per_payment
    index = _place(apdu, PROPORTION, share, "recovery_per_payment")
    if index is not None and share is not None:
        changes[index] = dlms.like(apdu.data[index], share)
    return dlms.payload_of(dlms.with_data(apdu, changes))


# --- GCS04 -------------------------------------------------------------------------------

_AMOUNT_TYPES = {1: _CHARGES[0], 3: _CHARGES[1], 5: _CHARGES[2]}  # incremental types


def _gcs04_components(message: GbcsMessage) -> dict[int, tuple[int, _Charge]]:
    """Change Debt components by amount type: index and register."""
    payload = gbz.gbz_payload(message)
    found: dict[int, tuple[int, _Charge]] = {}
    for index in gbz.find_commands(payload, PREPAYMENT, CHANGE_DEBT):
        path = f"payload.components[{index}]"
        kind = gbz.zcl_of(payload.components[index], path)["debt_amount_type"]
        if kind not in _AMOUNT_TYPES:
            raise CodecError(f"debt amount type {kind} is not an incremental one", path)
        if kind in found:
            raise CodecError(f"debt amount type {kind} appears twice", path)
        found[kind] = (index, _AMOUNT_TYPES[kind])
    if not found:
        raise CodecError("no Change Debt command", "payload")
    return found


def read_gcs04(message: GbcsMessage) -> UpdateDebtRequest:
    payload = gbz.gbz_payload(message)
    fields: dict[str, object] = {}
    for index, charge in _gcs04_components(message).values():
        path = f"payload.components[{index}]"
        zcl = gbz.zcl_of(payload.components[index], path)
        fields[charge.field] = _non_negative(zcl["debt_amount"], f"{path}.debt_amount")
        method = zcl["debt_recovery_method"]
        if method == TIME_BASED and charge.recovery is not None:
            frequency = zcl["debt_recovery_frequency"]
            if frequency not in ZCL_FREQUENCY:
                raise CodecError(f"recovery frequency {frequency}", f"{path}.frequency")
            amount = zcl["debt_recovery_amount"]
            if amount < 0:
                raise CodecError("a negative recovery amount", f"{path}.debt_recovery_amount")
            fields[charge.recovery] = DebtRecovery(
                amount, MILLIPENCE_EXPONENT, ZCL_FREQUENCY[frequency]
            )
        elif method == PERCENTAGE_BASED and charge.recovery is None:
            fields["recovery_per_payment"] = zcl["debt_recovery_balance_percentage"]
        else:
            raise CodecError(f"recovery method {method} for {charge.field}", f"{path}.method")
    return UpdateDebtRequest(**fields)  # type: ignore[arg-type]


def _millipence(recovery: DebtRecovery) -> int:
    exponent = recovery.scale - MILLIPENCE_EXPONENT
    if exponent < 0:
        whole, rest = divmod(recovery.rate, 10**-exponent)
        if rest:
            raise ModelError(f"rate: {recovery.pence_per_period} p is finer than 1/1000 p")
        return whole
    return recovery.rate * 10**exponent


def write_gcs04(body: RequestBody, template: GbcsMessage) -> Payload:
    request = _body(body)
    payload = gbz.gbz_payload(template)
    found = _gcs04_components(template)
    placed = {charge.field for _, charge in found.values()}
    for charge in _CHARGES:
        if (getattr(request, charge.field) is not None) != (charge.field in placed):
            raise ModelError(f"{charge.field}: the template's Change Debt commands differ")
    changes = {}
    for index, charge in found.values():
        values: dict[str, object] = {"debt_amount": money_to_wire(getattr(request, charge.field))}
        if charge.recovery is not None:
            recovery: DebtRecovery | None = getattr(request, charge.recovery)
            if recovery is None:
                raise ModelError(f"{charge.recovery}: the template sets it")
            frequency = {v: k for k, v in ZCL_FREQUENCY.items()}[recovery.period]
            values.update(
                debt_recovery_frequency=frequency, debt_recovery_amount=_millipence(recovery)
            )
        else:
            if request.recovery_per_payment is None:
                raise ModelError("recovery_per_payment: the template sets it")
            values["debt_recovery_balance_percentage"] = request.recovery_per_payment
        changes[index] = gbz.with_fields(payload.components[index], values)
    return gbz.with_components(payload, changes)


ECS07 = UseCase("ECS07", SRV.UPDATE_DEBT, read_ecs07, write_ecs07)
GCS04 = UseCase("GCS04", SRV.UPDATE_DEBT, read_gcs04, write_gcs04)
USE_CASES = (ECS07, GCS04)
