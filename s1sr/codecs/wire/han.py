"""SRV 8.11 Update HAN Device Log."""

from __future__ import annotations

from construct import Int8ub

from s1sr.codecs.primitives import BoundedBytes, Eui64Field
from s1sr.codecs.wire.fields import ModelAdapter, Presence, enum_field, tuple_of
from s1sr.models.device_type import DeviceType
from s1sr.models.han import (
    INSTALL_CODE_LENGTHS,
    MAX_HAN_LOG_ENTRIES,
    HanAction,
    HanLogEntry,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
)

REQUEST = ModelAdapter(
    UpdateHanDeviceLogRequest,
    "action" / enum_field(HanAction),
    "device" / Eui64Field,
    "device_type" / enum_field(DeviceType),
    "install_code" / Presence(BoundedBytes(Int8ub, max(INSTALL_CODE_LENGTHS))),
)

HanLogEntryField = ModelAdapter(
    HanLogEntry,
    "device" / Eui64Field,
    "device_type" / enum_field(DeviceType),
)

RESPONSE = ModelAdapter(
    UpdateHanDeviceLogResponse,
    "entries" / tuple_of(HanLogEntryField, MAX_HAN_LOG_ENTRIES),
)
