"""Payload schemas of the control kinds (test hooks): an action in, an outcome and the clock out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from construct import Construct, Int32ub, Terminated, stream_read, stream_write

from s1sr.codecs.primitives import FieldError
from s1sr.codecs.wire.fields import ModelAdapter, Timestamp, ascii_text, enum_field
from s1sr.codecs.wire.record import Record
from s1sr.models.control import (
    MAX_REASON,
    AdvanceClock,
    ControlOutcome,
    ReadClock,
    ResetInstallation,
    SetClock,
)

ACTION_CODES: Mapping[int, ModelAdapter] = {
    0x01: ModelAdapter(ReadClock),
    0x02: ModelAdapter(SetClock, "instant" / Timestamp),
    0x03: ModelAdapter(AdvanceClock, "seconds" / Int32ub),
    0x04: ModelAdapter(ResetInstallation),
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
