"""SRV 2.1 Update Prepay Configuration: ECS08 / ECS08a (ESME) and GCS05 (GSME), with the NDC.

ESME settings are GBCS extended data objects (class 9000): value active (attribute 2,
set at once) or value passive (attribute 4) with its activation time (attribute 6):

=====================  ==================  =======================================
model setting          OBIS                wire
=====================  ==================  =======================================
max_meter_balance      0-0:94.44.2.20      double-long-unsigned, 1/1000 p
max_credit_threshold   0-0:94.44.2.10      double-long-unsigned, 1/1000 p
low_credit_threshold   0-0:94.44.128.9     double-long-unsigned, 1/1000 p
emergency_credit_limit 0-0:94.44.128.2     double-long-unsigned, 1/1000 p
emergency_credit_thr.  0-0:94.44.128.3     double-long-unsigned, 1/1000 p
debt_recovery_rate_cap 0-0:94.44.128.12    amount, 1/1000 p (``FineMoney``)
                       0-0:94.44.128.13    period, seconds (3600, 86400 or 604800)
=====================  ==================  =======================================

plus the Non-Disablement Calendar (``ndc_dlms``), whose activation times are those of
0-0:94.44.128.28 and 0-0:94.44.128.31. Every activation time in one command must be the
same: it is the model's single ``execute_at``.

GSME (GCS05), ZSE Prepayment cluster commands: Emergency Credit Setup (limit and
threshold), Set Low Credit Warning Level, Set Maximum Credit Limit (maximum credit
level -> ``max_meter_balance``, maximum credit per top-up -> ``max_credit_threshold``),
Set Overall Debt Cap (not in the model: kept from the template), and the friendly-credit
calendar (``ndc_gbz``). Their start / implementation / from times are ``execute_at``.

The RTDS ESME debt recovery rate cap is 30 (1/1000 p) per week (604800 s): a
``FineMoney`` amount and a ``DebtRecoveryCapPeriod``. The five credit thresholds are
``Money`` (whole pence) and a sub-penny one is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.dlms_apdu import AccessRequest, CosemAttributeDescriptor
from s1sr.codecs.gbcs.dlms_data import DlmsData
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import gbz_access as gbz
from s1sr.codecs.gbcs.mapping import ndc_dlms, ndc_gbz
from s1sr.codecs.gbcs.mapping.usecase import UseCase
from s1sr.codecs.gbcs.mapping.values import (
    execution_from_axdr,
    execution_from_zcl,
    execution_to_axdr,
    execution_to_zcl,
    fine_money_from_wire,
    fine_money_to_wire,
    money_from_wire,
    money_to_wire,
)
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.codecs.gbcs.zcl import CALENDAR, PREPAYMENT
from s1sr.models import (
    SRV,
    DebtRecoveryCapPeriod,
    DebtRecoveryRateCap,
    ModelError,
    PrepaySettings,
    RequestBody,
    UpdatePrepayConfigurationRequest,
)

EXTENDED_DATA = 9000
VALUE_ACTIVE, VALUE_PASSIVE, ACTIVATION = 2, 4, 6
_MONEY_OBIS = {
    "max_meter_balance": "0-0:94.44.2.20",
    "max_credit_threshold": "0-0:94.44.2.10",
    "low_credit_threshold": "0-0:94.44.128.9",
    "emergency_credit_limit": "0-0:94.44.128.2",
    "emergency_credit_threshold": "0-0:94.44.128.3",
}
CAP_AMOUNT = "0-0:94.44.128.12"
CAP_PERIOD = "0-0:94.44.128.13"
CAP_PERIODS = {period.seconds: period for period in DebtRecoveryCapPeriod}


def _value_index(apdu: AccessRequest, obis: str) -> int | None:
    for attribute in (VALUE_ACTIVE, VALUE_PASSIVE):
        index = dlms.find(apdu, dlms.Address(EXTENDED_DATA, obis, attribute))
        if index is not None:
            return index
    return None


def _activation_indexes(apdu: AccessRequest) -> list[int]:
    out = []
    for index, spec in enumerate(apdu.specs):
        d = spec.descriptor
        if (
            isinstance(d, CosemAttributeDescriptor)
            and d.class_id == EXTENDED_DATA
            and d.attribute_id == ACTIVATION
        ):
            out.append(index)
    return out


def _read_execution(apdu: AccessRequest) -> datetime | None:
    times = set()
    for index in _activation_indexes(apdu):
        path = f"payload.data[{index}]"
        times.add(execution_from_axdr(dlms.read_datetime(apdu.data[index], path), path))
    if len(times) > 1:
        raise CodecError("the settings activate at different times", "payload.execute_at")
    return times.pop() if times else None


def read_dlms(message: GbcsMessage) -> UpdatePrepayConfigurationRequest:
    apdu = dlms.command_apdu(message)
    values: dict[str, object] = {}
    for name, obis in _MONEY_OBIS.items():
        index = _value_index(apdu, obis)
        if index is not None:
            path = f"payload.{name}"
            values[name] = money_from_wire(dlms.read_int(apdu.data[index], path), path)
    amount_at, period_at = _value_index(apdu, CAP_AMOUNT), _value_index(apdu, CAP_PERIOD)
    if (amount_at is None) != (period_at is None):
        raise CodecError("the cap needs amount and period", "payload.debt_recovery_rate_cap")
    if amount_at is not None and period_at is not None:
        path = "payload.debt_recovery_rate_cap"
        amount_path = f"{path}.amount"
        amount = fine_money_from_wire(dlms.read_int(apdu.data[amount_at], path), amount_path)
        seconds = dlms.read_int(apdu.data[period_at], f"{path}.period")
        if seconds not in CAP_PERIODS:
            raise CodecError(f"{seconds} s is not an hour, a day or a week", f"{path}.period")
        values["debt_recovery_rate_cap"] = DebtRecoveryRateCap(amount, CAP_PERIODS[seconds])
    values["non_disablement_calendar"] = ndc_dlms.read_ndc(apdu, "payload.non_disablement_calendar")
    settings = PrepaySettings(**values)  # type: ignore[arg-type]
    return UpdatePrepayConfigurationRequest(settings, _read_execution(apdu))


def _body(body: RequestBody) -> UpdatePrepayConfigurationRequest:
    if not isinstance(body, UpdatePrepayConfigurationRequest):
        raise ModelError(f"body: expected UpdatePrepayConfigurationRequest, got {type(body)}")
    return body


def _place(apdu: AccessRequest, obis: str, value: object, field: str) -> int | None:
    index = _value_index(apdu, obis)
    if (index is None) != (value is None):
        state = "sets" if index is not None else "has no place for"
        raise ModelError(f"{field}: the template {state} it; use a template of the same shape")
    return index


def write_dlms(body: RequestBody, template: GbcsMessage) -> Payload:
    request = _body(body)
    settings = request.settings
    apdu = dlms.command_apdu(template)
    changes: dict[int, DlmsData] = {}
    for name, obis in _MONEY_OBIS.items():
        value = getattr(settings, name)
        index = _place(apdu, obis, value, name)
        if index is not None:
            changes[index] = dlms.like(apdu.data[index], money_to_wire(value))
    cap = settings.debt_recovery_rate_cap
    amount_at = _place(apdu, CAP_AMOUNT, cap, "debt_recovery_rate_cap")
    period_at = _place(apdu, CAP_PERIOD, cap, "debt_recovery_rate_cap")
    if cap is not None and amount_at is not None and period_at is not None:
        changes[amount_at] = dlms.like(apdu.data[amount_at], fine_money_to_wire(cap.amount))
        changes[period_at] = dlms.like(apdu.data[period_at], cap.period.seconds)
    ndc_dlms.write_ndc(apdu, settings.non_disablement_calendar, changes)
    for index in _activation_indexes(apdu):
        old = dlms.read_datetime(apdu.data[index], "template")
        changes[index] = DlmsData.octet_string(
            execution_to_axdr(request.execute_at, old).to_bytes()
        )
    return dlms.payload_of(dlms.with_data(apdu, changes))


# --- GCS05 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Command:
    command_id: int
    time_field: str | None  # None: the GBZ from-date-time carries the time
    settings: tuple[tuple[str, str], ...]  # (model setting, ZCL field)


_GBZ_COMMANDS = (
    _Command(
        0x03,
        "start_time",
        (
            ("emergency_credit_limit", "emergency_credit_limit"),
            ("emergency_credit_threshold", "emergency_credit_threshold"),
        ),
    ),
    _Command(0x09, None, (("low_credit_threshold", "low_credit_warning_level"),)),
    _Command(
        0x0B,
        "implementation_date_time",
        (
            ("max_meter_balance", "maximum_credit_level"),
            ("max_credit_threshold", "maximum_credit_per_top_up"),
        ),
    ),
    _Command(0x0C, "implementation_date_time", ()),  # overall debt cap: not modelled
)
_CALENDAR_TIMES = {0x00: "start_time", 0x04: "start_time"}


def read_gbz(message: GbcsMessage) -> UpdatePrepayConfigurationRequest:
    payload = gbz.gbz_payload(message)
    values: dict[str, object] = {}
    times = set()
    for command in _GBZ_COMMANDS:
        for index in gbz.find_commands(payload, PREPAYMENT, command.command_id):
            path = f"payload.components[{index}]"
            component = payload.components[index]
            zcl = gbz.zcl_of(component, path)
            for name, field in command.settings:
                values[name] = money_from_wire(zcl[field], f"{path}.{field}")
            when = zcl[command.time_field] if command.time_field else component.from_date_time
            if when is not None:
                times.add(execution_from_zcl(when))
    for command_id, field in _CALENDAR_TIMES.items():
        for index in gbz.find_commands(payload, CALENDAR, command_id, to_client=True):
            zcl = gbz.zcl_of(payload.components[index], f"payload.components[{index}]")
            times.add(execution_from_zcl(zcl[field]))
    values["non_disablement_calendar"] = ndc_gbz.read_calendar(payload)
    if len(times) > 1:
        raise CodecError("the settings take effect at different times", "payload.execute_at")
    settings = PrepaySettings(**values)  # type: ignore[arg-type]
    return UpdatePrepayConfigurationRequest(settings, times.pop() if times else None)


def write_gbz(body: RequestBody, template: GbcsMessage) -> Payload:
    request = _body(body)
    settings = request.settings
    payload = gbz.gbz_payload(template)
    changes = ndc_gbz.write_calendar(payload, settings.non_disablement_calendar)
    placed: set[str] = set()
    for command in _GBZ_COMMANDS:
        for index in gbz.find_commands(payload, PREPAYMENT, command.command_id):
            component = changes.get(index, payload.components[index])
            zcl = component.zcl
            if zcl is None:
                raise ModelError("template: a prepayment command does not decode")
            values: dict[str, object] = {}
            for name, field in command.settings:
                value = getattr(settings, name)
                if value is None:
                    raise ModelError(f"{name}: the template sets it")
                values[field] = money_to_wire(value)
                placed.add(name)
            if command.time_field:
                old = zcl[command.time_field]
                values[command.time_field] = execution_to_zcl(request.execute_at, old)
            component = gbz.with_fields(component, values)
            if command.time_field is None and component.from_date_time is not None:
                when = execution_to_zcl(request.execute_at, component.from_date_time)
                component = replace(component, from_date_time=when)
            changes[index] = component
    for command_id, field in _CALENDAR_TIMES.items():
        for index in gbz.find_commands(payload, CALENDAR, command_id, to_client=True):
            component = changes.get(index, payload.components[index])
            old = component.zcl[field] if component.zcl is not None else None
            when = execution_to_zcl(request.execute_at, old)
            changes[index] = gbz.with_fields(component, {field: when})
    for f in fields(PrepaySettings):
        if f.name in _MONEY_OBIS and getattr(settings, f.name) is not None and f.name not in placed:
            raise ModelError(f"{f.name}: the template has no place for it")
    if settings.debt_recovery_rate_cap is not None:
        raise ModelError("debt_recovery_rate_cap: GCS05 has no place for it")
    return gbz.with_components(payload, changes)


ECS08 = UseCase("ECS08", SRV.UPDATE_PREPAY_CONFIGURATION, read_dlms, write_dlms)
ECS08A = UseCase("ECS08a", SRV.UPDATE_PREPAY_CONFIGURATION, read_dlms, write_dlms)
GCS05 = UseCase("GCS05", SRV.UPDATE_PREPAY_CONFIGURATION, read_gbz, write_gbz)
USE_CASES = (ECS08, ECS08A, GCS05)
