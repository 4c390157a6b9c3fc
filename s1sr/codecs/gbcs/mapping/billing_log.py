"""SRVs 4.4.2, 4.4.3 and 4.4.4: the billing data logs.

* 4.4.2 change of mode / tariff triggered: ECS20b (DLMS protected read of
  0-0:98.1.2.255), GCS15b (GBZ prepay and metering snapshots, cause 0x6008).
* 4.4.3 billing calendar triggered: ECS20c (protected read of 0-0:98.1.0 / 98.1.1),
  GCS15c (snapshots, cause 0x0002).
* 4.4.4 payment-based debt payments: ECS20a, a plain GET with a range selection of the
  profile 0-0:98.1.4.255 (from / to as seconds since 2000, the restricting object a
  UTC-time data object); its rows are (time, amount) and readable, so the response
  carries them. GCS15d reads the ZSE debt repayment log (encrypted).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs.dlms_apdu import AccessKind, DlmsPayload
from s1sr.codecs.gbcs.dlms_data import CompactArray, DlmsData, DlmsType
from s1sr.codecs.gbcs.mapping import dlms_access as dlms
from s1sr.codecs.gbcs.mapping import protected_read, snapshot_read
from s1sr.codecs.gbcs.mapping.outcome import Outcome
from s1sr.codecs.gbcs.mapping.period import empty_when_not_found, period_use_case
from s1sr.codecs.gbcs.mapping.values import fine_money_from_wire, fine_money_to_wire
from s1sr.codecs.gbcs.message import GbcsMessage
from s1sr.codecs.gbcs.payload import Payload
from s1sr.codecs.primitives.epoch2000 import EPOCH_2000
from s1sr.models import (
    SRV,
    BillingCalendarBillingLogRequest,
    BillingCalendarBillingLogResponse,
    ChangeOfModeBillingLogRequest,
    ChangeOfModeBillingLogResponse,
    DebtPayment,
    DebtPaymentsBillingLogRequest,
    DebtPaymentsBillingLogResponse,
    ModelError,
    ResponseBody,
)

DEBT_PAYMENTS_LOG = "0-0:98.1.4.255"
PROFILE_CLASS = 7


def _seconds(value: DlmsData, path: str) -> datetime:
    return EPOCH_2000 + timedelta(seconds=dlms.read_int(value, path, DlmsType.DOUBLE_LONG_UNSIGNED))


def _since_epoch(value: datetime) -> int:
    seconds = (value - EPOCH_2000) // timedelta(seconds=1)
    if not 0 <= seconds < 1 << 32:
        raise ModelError(f"{value.isoformat()} is outside the uint32 seconds since 2000")
    return seconds


def _ecs20a_spec(message: GbcsMessage, path: str) -> tuple[int, DlmsData]:
    apdu = dlms.command_apdu(message)
    for index, spec in enumerate(apdu.specs):
        d = spec.descriptor
        if (
            spec.kind is AccessKind.GET_WITH_SELECTION
            and d.class_id == PROFILE_CLASS
            and str(d.instance_id) == DEBT_PAYMENTS_LOG
        ):
            return index, spec.selective_access.parameters  # type: ignore[union-attr]
    raise CodecError(f"expected a selective read of {DEBT_PAYMENTS_LOG}", path)


def read_ecs20a_period(message: GbcsMessage) -> tuple[datetime, datetime]:
    _, params = _ecs20a_spec(message, "payload")
    path = "payload.selection"
    _restricting, start, end, _columns = dlms.read_struct(params, path, 4)
    return _seconds(start, f"{path}.from"), _seconds(end, f"{path}.to")


def write_ecs20a_period(template: GbcsMessage, start: datetime, end: datetime) -> Payload:
    index, params = _ecs20a_spec(template, "template")
    restricting, old_start, old_end, columns = params.items
    new = DlmsData.structure(
        restricting,
        dlms.like(old_start, _since_epoch(start)),
        dlms.like(old_end, _since_epoch(end)),
        columns,
    )
    apdu = dlms.command_apdu(template)
    spec = apdu.specs[index]
    access = replace(spec.selective_access, parameters=new)  # type: ignore[type-var]
    specs = list(apdu.specs)
    specs[index] = replace(spec, selective_access=access)
    return DlmsPayload(replace(apdu, specs=tuple(specs)))


def read_ecs20a_response(message: GbcsMessage, outcome: Outcome) -> ResponseBody | None:
    apdu = dlms.response_apdu(message)
    if len(apdu.data) != 1:
        raise CodecError(f"expected one read result, got {len(apdu.data)}", "payload.data")
    entries = []
    for n, row in enumerate(dlms.read_array(apdu.data[0], "payload.data[0]")):
        path = f"payload.entries[{n}]"
        stamp, amount = dlms.read_struct(row, path, 2)
        raw = dlms.read_int(amount, f"{path}.amount")
        amount_of = fine_money_from_wire(raw, f"{path}.amount")
        entries.append(DebtPayment(_seconds(stamp, f"{path}.timestamp"), amount_of))
    return DebtPaymentsBillingLogResponse(tuple(entries))


def write_ecs20a_response(body: ResponseBody, template: GbcsMessage) -> Payload:
    if not isinstance(body, DebtPaymentsBillingLogResponse):
        raise ModelError(f"body: expected DebtPaymentsBillingLogResponse, got {type(body)}")
    apdu = dlms.response_apdu(template)
    if len(apdu.data) != 1 or apdu.data[0].type not in (DlmsType.ARRAY, DlmsType.COMPACT_ARRAY):
        raise ModelError("template: not a successful read of the log")
    old = apdu.data[0]
    like_row = old.items[0].items if old.items else None
    rows = []
    for entry in body.entries:
        stamp, amount = _since_epoch(entry.timestamp), fine_money_to_wire(entry.amount)
        if like_row is None:
            members = (
                DlmsData(DlmsType.DOUBLE_LONG_UNSIGNED, stamp),
                DlmsData(DlmsType.DOUBLE_LONG_UNSIGNED, amount),
            )
        else:
            members = (dlms.like(like_row[0], stamp), dlms.like(like_row[1], amount))
        rows.append(DlmsData.structure(*members))
    if old.type is DlmsType.COMPACT_ARRAY:
        new = DlmsData(DlmsType.COMPACT_ARRAY, CompactArray(old.value.description, tuple(rows)))
    else:
        new = DlmsData.array(*rows)
    return DlmsPayload(replace(apdu, data=(new,)))


_COM_EMPTY = empty_when_not_found(ChangeOfModeBillingLogResponse)
_CAL_EMPTY = empty_when_not_found(BillingCalendarBillingLogResponse)
_DEBT_EMPTY = empty_when_not_found(DebtPaymentsBillingLogResponse)

ECS20A = period_use_case(
    "ECS20a",
    SRV.RETRIEVE_DEBT_PAYMENTS_BILLING_LOG,
    DebtPaymentsBillingLogRequest,
    read_ecs20a_period,
    write_ecs20a_period,
    read_response=read_ecs20a_response,
    write_response=write_ecs20a_response,
)
ECS20B = replace(
    period_use_case(
        "ECS20b",
        SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG,
        ChangeOfModeBillingLogRequest,
        protected_read.read_period,
        protected_read.write_period,
    ),
    sync_envelope=protected_read.sync_protection,
)
ECS20C = replace(
    period_use_case(
        "ECS20c",
        SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG,
        BillingCalendarBillingLogRequest,
        protected_read.read_period,
        protected_read.write_period,
    ),
    sync_envelope=protected_read.sync_protection,
)
GCS15B = period_use_case(
    "GCS15b",
    SRV.RETRIEVE_CHANGE_OF_MODE_TARIFF_BILLING_LOG,
    ChangeOfModeBillingLogRequest,
    snapshot_read.read_snapshot_period,
    snapshot_read.write_snapshot_period,
    read_response=_COM_EMPTY[0],
    write_response=_COM_EMPTY[1],
)
GCS15C = period_use_case(
    "GCS15c",
    SRV.RETRIEVE_BILLING_CALENDAR_BILLING_LOG,
    BillingCalendarBillingLogRequest,
    snapshot_read.read_snapshot_period,
    snapshot_read.write_snapshot_period,
    read_response=_CAL_EMPTY[0],
    write_response=_CAL_EMPTY[1],
)
GCS15D = period_use_case(
    "GCS15d",
    SRV.RETRIEVE_DEBT_PAYMENTS_BILLING_LOG,
    DebtPaymentsBillingLogRequest,
    snapshot_read.read_debt_log_period,
    snapshot_read.write_debt_log_period,
    read_response=_DEBT_EMPTY[0],
    write_response=_DEBT_EMPTY[1],
)
USE_CASES = (ECS20A, ECS20B, ECS20C, GCS15B, GCS15C, GCS15D)
