"""Best-effort decoding of ZCL payloads inside GBZ components.

The raw ZCL payload bytes stay the source of truth (that is what round-trips); this
module reads the commands GBCS uses for the gas use cases in scope into named fields,
and writes them back, so mapping code does not count octets. A command it does not
know, or a payload that does not fit its schema, decodes to ``None``, never an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from construct import (
    Array,
    BytesInteger,
    Construct,
    ConstructError,
    Container,
    Error,
    GreedyBytes,
    GreedyRange,
    If,
    Int8sl,
    Int8ul,
    Int16sl,
    Int16ul,
    Int24ul,
    Int32sl,
    Int32ul,
    ListContainer,
    Prefixed,
    Struct,
    Switch,
    Terminated,
    this,
)

from s1sr.codecs.gbcs._construct import build_with
from s1sr.codecs.primitives import ZclDateField, ZclUtcTimeField
from s1sr.models import ModelError

if TYPE_CHECKING:
    from s1sr.codecs.gbcs.gbz import GbzComponent

PRICE = 0x0700
METERING = 0x0702
PREPAYMENT = 0x0705
CALENDAR = 0x0707

U8 = Int8ul
U16 = Int16ul
U24 = Int24ul
U32 = Int32ul
U48 = BytesInteger(6, swapped=True)
I32 = Int32sl
ENUM8 = Int8ul
BITMAP8 = Int8ul
BITMAP16 = Int16ul
BITMAP32 = Int32ul
UTC = ZclUtcTimeField  # datetime, or INDEFINITE for 0xFFFFFFFF ("never / cancel")
DATE = ZclDateField
OCTSTR = Prefixed(Int8ul, GreedyBytes)

# ZCL attribute data types met in GBCS read-attribute responses
_ATTRIBUTE_TYPES: dict[int, Construct] = {
    0x10: Int8ul,  # boolean
    0x18: Int8ul,  # bitmap8
    0x19: Int16ul,  # bitmap16
    0x1B: Int32ul,  # bitmap32
    0x20: Int8ul,
    0x21: Int16ul,
    0x22: Int24ul,
    0x23: Int32ul,
    0x25: U48,
    0x28: Int8sl,
    0x29: Int16sl,
    0x2B: Int32sl,
    0x30: Int8ul,  # enum8
    0x31: Int16ul,  # enum16
    0x41: OCTSTR,  # octet string
    0x42: OCTSTR,  # character string (kept as bytes)
    0xE2: UTC,
}


@dataclass(frozen=True)
class ZclRecord:
    """Named fields in wire order; repeated groups are tuples of records."""

    items: tuple[tuple[str, Any], ...]

    def __getitem__(self, name: str) -> Any:
        for key, value in self.items:
            if key == name:
                return value
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items)


@dataclass(frozen=True)
class ZclKey:
    cluster_id: int | None  # None: a profile-wide (general) command
    to_client: bool | None  # None: either direction
    command_id: int


@dataclass(frozen=True)
class ZclCommand:
    key: ZclKey
    name: str
    record: ZclRecord

    def __getitem__(self, name: str) -> Any:
        return self.record[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.record.get(name, default)

    def to_bytes(self) -> bytes:
        return encode_zcl(self)


def _command(*fields: Construct) -> Construct:
    return Struct(*fields, Terminated)


_ISSUED = ("provider_id" / U32, "issuer_event_id" / U32)
_CALENDAR_IDS = (*_ISSUED, "issuer_calendar_id" / U32)
_SNAPSHOT_HEADER = (
    "snapshot_id" / U32,
    "snapshot_time" / UTC,
    "total_snapshots_found" / U8,
    "command_index" / U8,
    "total_commands" / U8,
    "snapshot_cause" / BITMAP32,
    "snapshot_payload_type" / ENUM8,
    "snapshot_payload" / GreedyBytes,
)

_ATTRIBUTE_RECORD = Struct(
    "attribute_id" / U16,
    "status" / ENUM8,
    "data_type" / If(this.status == 0, U8),
    "value" / If(this.status == 0, Switch(this.data_type, _ATTRIBUTE_TYPES, default=Error)),
)

_GENERAL: dict[int, tuple[str, Construct]] = {
    0x00: ("Read Attributes", _command("attribute_ids" / GreedyRange(U16))),
    0x01: ("Read Attributes Response", _command("records" / GreedyRange(_ATTRIBUTE_RECORD))),
    0x0B: ("Default Response", _command("command_id" / U8, "status" / ENUM8)),
}

_TO_SERVER: dict[tuple[int, int], tuple[str, Construct]] = {
    (METERING, 0x06): (
        "Get Snapshot",
        _command(
            "earliest_start_time" / UTC,
            "latest_end_time" / UTC,
            "snapshot_offset" / U8,
            "snapshot_cause" / BITMAP32,
        ),
    ),
    (METERING, 0x08): (
        "Get Sampled Data",
        _command(
            "sample_id" / U16,
            "earliest_sample_time" / UTC,
            "sample_type" / ENUM8,
            "number_of_samples" / U16,
        ),
    ),
    (PREPAYMENT, 0x00): (
        "Select Available Emergency Credit",
        _command("command_issue_date_time" / UTC, "originating_device" / ENUM8),
    ),
    (PREPAYMENT, 0x02): (
        "Change Debt",
        _command(
            "issuer_event_id" / U32,
            "debt_label" / OCTSTR,
            "debt_amount" / I32,
            "debt_recovery_method" / ENUM8,
            "debt_amount_type" / ENUM8,
            "debt_recovery_start_time" / UTC,
            "debt_recovery_collection_time" / U16,
            "debt_recovery_frequency" / ENUM8,
            "debt_recovery_amount" / I32,
            "debt_recovery_balance_percentage" / U16,
        ),
    ),
    (PREPAYMENT, 0x03): (
        "Emergency Credit Setup",
        _command(
            "issuer_event_id" / U32,
            "start_time" / UTC,
            "emergency_credit_limit" / U32,
            "emergency_credit_threshold" / U32,
        ),
    ),
    (PREPAYMENT, 0x04): (
        "Consumer Top Up",
        _command("originating_device" / ENUM8, "top_up_code" / OCTSTR),
    ),
    (PREPAYMENT, 0x05): (
        "Credit Adjustment",
        _command(
            "issuer_event_id" / U32,
            "start_time" / UTC,
            "credit_adjustment_type" / ENUM8,
            "credit_adjustment_value" / I32,
        ),
    ),
    (PREPAYMENT, 0x06): (
        "Change Payment Mode",
        _command(
            *_ISSUED,
            "implementation_date_time" / UTC,
            "proposed_payment_control_configuration" / BITMAP16,
            "cut_off_value" / I32,
        ),
    ),
    (PREPAYMENT, 0x07): (
        "Get Prepay Snapshot",
        _command(
            "earliest_start_time" / UTC,
            "latest_end_time" / UTC,
            "snapshot_offset" / U8,
            "snapshot_cause" / BITMAP32,
        ),
    ),
    (PREPAYMENT, 0x08): (
        "Get Top Up Log",
        _command("latest_end_time" / UTC, "number_of_records" / U8),
    ),
    (PREPAYMENT, 0x09): (
        "Set Low Credit Warning Level",
        _command("low_credit_warning_level" / U32),
    ),
    (PREPAYMENT, 0x0A): (
        "Get Debt Repayment Log",
        _command("latest_end_time" / UTC, "number_of_debts" / U8, "debt_type" / ENUM8),
    ),
    (PREPAYMENT, 0x0B): (
        "Set Maximum Credit Limit",
        _command(
            *_ISSUED,
            "implementation_date_time" / UTC,
            "maximum_credit_level" / U32,
            "maximum_credit_per_top_up" / U32,
        ),
    ),
    (PREPAYMENT, 0x0C): (
        "Set Overall Debt Cap",
        _command(*_ISSUED, "implementation_date_time" / UTC, "overall_debt_cap" / I32),
    ),
}

_TO_CLIENT: dict[tuple[int, int], tuple[str, Construct]] = {
    (PRICE, 0x01): (
        "Publish Block Period",
        _command(
            *_ISSUED,
            "block_period_start_time" / UTC,
            "block_period_duration" / U24,
            "block_period_control" / BITMAP8,
            "block_period_duration_type" / BITMAP8,
            "tariff_type" / BITMAP8,
            "tariff_resolution_period" / ENUM8,
        ),
    ),
    (PRICE, 0x04): (
        "Publish Tariff Information",
        _command(
            *_ISSUED,
            "issuer_tariff_id" / U32,
            "start_time" / UTC,
            "tariff_type" / BITMAP8,
            "tariff_label" / OCTSTR,
            "number_of_price_tiers_in_use" / U8,
            "number_of_block_thresholds_in_use" / U8,
            "unit_of_measure" / ENUM8,
            "currency" / U16,
            "price_trailing_digit" / BITMAP8,
            "standing_charge" / U32,
            "tier_block_mode" / U8,
            "block_threshold_multiplier" / U24,
            "block_threshold_divisor" / U24,
        ),
    ),
    (PRICE, 0x05): (
        "Publish Price Matrix",
        _command(
            *_ISSUED,
            "start_time" / UTC,
            "issuer_tariff_id" / U32,
            "command_index" / U8,
            "total_commands" / U8,
            "sub_payload_control" / BITMAP8,
            "entries" / GreedyRange(Struct("tier_block_id" / U8, "price" / U32)),
        ),
    ),
    (PRICE, 0x06): (
        "Publish Block Thresholds",
        _command(
            *_ISSUED,
            "start_time" / UTC,
            "issuer_tariff_id" / U32,
            "command_index" / U8,
            "total_commands" / U8,
            "sub_payload_control" / BITMAP8,
            "tiers"
            / GreedyRange(
                Struct(
                    "tier_and_count" / BITMAP8,
                    "thresholds" / Array(this.tier_and_count & 0x0F, U48),
                )
            ),
        ),
    ),
    (PRICE, 0x09): (
        "Publish Billing Period",
        _command(
            *_ISSUED,
            "billing_period_start_time" / UTC,
            "billing_period_duration" / U24,
            "billing_period_duration_type" / BITMAP8,
            "tariff_type" / BITMAP8,
        ),
    ),
    (METERING, 0x06): ("Publish Snapshot", _command(*_SNAPSHOT_HEADER)),
    (METERING, 0x07): (
        "Get Sampled Data Response",
        _command(
            "sample_id" / U16,
            "sample_start_time" / UTC,
            "sample_type" / ENUM8,
            "sample_request_interval" / U16,
            "number_of_samples" / U16,
            "samples" / Array(this.number_of_samples, U24),
        ),
    ),
    (PREPAYMENT, 0x01): ("Publish Prepay Snapshot", _command(*_SNAPSHOT_HEADER)),
    (PREPAYMENT, 0x02): (
        "Change Payment Mode Response",
        _command(
            "friendly_credit" / BITMAP8,
            "friendly_credit_calendar_id" / U32,
            "emergency_credit_limit" / U32,
            "emergency_credit_threshold" / U32,
        ),
    ),
    (PREPAYMENT, 0x03): (
        "Consumer Top Up Response",
        _command(
            "result_type" / ENUM8,
            "top_up_value" / I32,
            "source_of_top_up" / ENUM8,
            "credit_remaining" / I32,
        ),
    ),
    (PREPAYMENT, 0x05): (
        "Publish Top Up Log",
        _command(
            "command_index" / U8,
            "total_commands" / U8,
            "entries"
            / GreedyRange(
                Struct("top_up_code" / OCTSTR, "top_up_amount" / I32, "top_up_time" / UTC)
            ),
        ),
    ),
    (PREPAYMENT, 0x06): (
        "Publish Debt Log",
        _command(
            "command_index" / U8,
            "total_commands" / U8,
            "entries"
            / GreedyRange(
                Struct(
                    "collection_time" / UTC,
                    "amount_collected" / U32,
                    "debt_type" / ENUM8,
                    "outstanding_debt" / U32,
                )
            ),
        ),
    ),
    (CALENDAR, 0x00): (
        "Publish Calendar",
        _command(
            *_CALENDAR_IDS,
            "start_time" / UTC,
            "calendar_type" / ENUM8,
            "calendar_time_reference" / U8,
            "calendar_name" / OCTSTR,
            "number_of_seasons" / U8,
            "number_of_week_profiles" / U8,
            "number_of_day_profiles" / U8,
        ),
    ),
    (CALENDAR, 0x01): (
        "Publish Day Profile",
        _command(
            *_CALENDAR_IDS,
            "day_id" / U8,
            "total_number_of_schedule_entries" / U8,
            "command_index" / U8,
            "total_commands" / U8,
            "calendar_type" / ENUM8,
            # start time in minutes after midnight; value = price tier or friendly credit
            "entries" / GreedyRange(Struct("start_time" / U16, "value" / U8)),
        ),
    ),
    (CALENDAR, 0x02): (
        "Publish Week Profile",
        _command(
            *_CALENDAR_IDS,
            "week_id" / U8,
            "day_id_refs" / Array(7, U8),  # Monday to Sunday
        ),
    ),
    (CALENDAR, 0x03): (
        "Publish Seasons",
        _command(
            *_CALENDAR_IDS,
            "command_index" / U8,
            "total_commands" / U8,
            "entries" / GreedyRange(Struct("season_start_date" / DATE, "week_id_ref" / U8)),
        ),
    ),
    (CALENDAR, 0x04): (
        "Publish Special Days",
        _command(
            *_CALENDAR_IDS,
            "start_time" / UTC,
            "calendar_type" / ENUM8,
            "total_number_of_special_days" / U8,
            "command_index" / U8,
            "total_commands" / U8,
            "entries" / GreedyRange(Struct("special_day_date" / DATE, "day_id_ref" / U8)),
        ),
    ),
}


def _lookup(key: ZclKey) -> tuple[str, Construct] | None:
    if key.cluster_id is None:
        return _GENERAL.get(key.command_id)
    table = _TO_CLIENT if key.to_client else _TO_SERVER
    return table.get((key.cluster_id, key.command_id))


def key_of(component: GbzComponent) -> ZclKey:
    """Profile-wide commands are keyed by id alone; cluster commands by direction too."""
    if (component.frame_control & 0x03) == 0:
        return ZclKey(None, None, component.command_id)
    return ZclKey(component.cluster_id, component.to_client, component.command_id)


def decode_zcl(component: GbzComponent) -> ZclCommand | None:
    """The component's ZCL payload by name, or ``None`` (encrypted, unknown, malformed)."""
    if component.encrypted or component.manufacturer_code is not None:
        return None
    key = key_of(component)
    known = _lookup(key)
    if known is None:
        return None
    name, schema = known
    try:
        parsed = schema.parse(component.zcl_payload)
    except (ConstructError, ModelError, ValueError, OverflowError):
        return None
    return ZclCommand(key, name, _record(parsed))


def encode_zcl(command: ZclCommand) -> bytes:
    """ZCL payload bytes for a decoded (or hand-built) command."""
    known = _lookup(command.key)
    if known is None:
        raise ModelError(f"no ZCL schema for {command.key}")
    return build_with(known[1], _plain(command.record))


def _record(value: Any) -> Any:
    if isinstance(value, Container):
        return ZclRecord(tuple((k, _record(v)) for k, v in value.items() if not k.startswith("_")))
    if isinstance(value, ListContainer | list):
        return tuple(_record(v) for v in value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, ZclRecord):
        return {k: _plain(v) for k, v in value.items}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
