"""Payload schemas of the control kinds (test hooks): an action in, an outcome and the clock out.

``ReadInventory`` is answered by a message of its own kind (``INVENTORY``): the clock and
the installation's inventory.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from construct import (
    Construct,
    Int8ub,
    Int32ub,
    Terminated,
    stream_read,
    stream_write,
)

from s1sr.codecs.primitives import Eui64Field, FieldError, StrictAdapter
from s1sr.codecs.wire.fields import (
    ModelAdapter,
    Presence,
    Timestamp,
    ascii_text,
    enum_field,
    tuple_of,
)
from s1sr.codecs.wire.firmware import FirmwareVersionField
from s1sr.codecs.wire.record import Record
from s1sr.models.control import (
    MAX_INVENTORY_DEVICES,
    MAX_INVENTORY_USERS,
    MAX_MODEL_ID,
    MAX_REASON,
    AdvanceClock,
    ControlOutcome,
    InstallationInventory,
    InventoryDevice,
    ReadClock,
    ReadInventory,
    ResetInstallation,
    SetClock,
)
from s1sr.models.device_type import DeviceType


class BooleanAdapter(StrictAdapter):
    """One byte, 0 (false) or 1 (true); anything else is refused (one encoding per value)."""

    def __init__(self) -> None:
        super().__init__(Int8ub)

    def decode(self, raw: int) -> bool:
        if raw > 1:
            raise ValueError(f"a boolean byte must be 0 or 1, got 0x{raw:02X}")
        return raw == 1

    def encode(self, value: bool) -> int:
        if not isinstance(value, bool):
            raise TypeError(f"expected a bool, got {type(value).__name__}")
        return int(value)


InventoryDeviceField = ModelAdapter(
    InventoryDevice,
    "device" / Eui64Field,
    "device_type" / enum_field(DeviceType),
    "model_id" / Presence(ascii_text(MAX_MODEL_ID)),
    "firmware_version" / FirmwareVersionField,
    "supplier" / Presence(Eui64Field),
    "on_han" / BooleanAdapter(),
)

InventoryField = ModelAdapter(
    InstallationInventory,
    "devices" / tuple_of(InventoryDeviceField, MAX_INVENTORY_DEVICES, min_count=1),
    "users" / tuple_of(Eui64Field, MAX_INVENTORY_USERS, min_count=1),
    "s1sp_timeout" / Int32ub,
)

ACTION_CODES: Mapping[int, ModelAdapter] = {
    0x01: ModelAdapter(ReadClock),
    0x02: ModelAdapter(SetClock, "instant" / Timestamp),
    0x03: ModelAdapter(AdvanceClock, "seconds" / Int32ub),
    0x04: ModelAdapter(ResetInstallation),
    0x05: ModelAdapter(ReadInventory),
}
_CODE_OF = {schema.model: code for code, schema in ACTION_CODES.items()}


class ControlActionConstruct(Construct):
    """An action code byte, then that action's fields."""

    def _parse(self, stream: Any, context: Any, path: str) -> Any:
        code = stream_read(stream, 1, path)[0]
        schema = ACTION_CODES.get(code)
        if schema is None:
            raise FieldError(f"undefined control action code 0x{code:02X}", path)
        return schema._parsereport(stream, context, path)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> Any:
        code = _CODE_OF.get(type(obj))
        if code is None:
            raise FieldError(f"not a control action: {type(obj).__name__}", path)
        stream_write(stream, bytes((code,)), 1, path)
        return ACTION_CODES[code]._build(obj, stream, context, path)


CONTROL_REQUEST_PAYLOAD = Record("action" / ControlActionConstruct(), Terminated)

CONTROL_RESPONSE_PAYLOAD = Record(
    "outcome" / enum_field(ControlOutcome),
    "clock" / Timestamp,
    "reason" / ascii_text(MAX_REASON),
    Terminated,
)

INVENTORY_PAYLOAD = Record("clock" / Timestamp, "inventory" / InventoryField, Terminated)
