"""SRV 8.6 Service Opt In."""

from __future__ import annotations

from datetime import date

from construct import Bytes

from s1sr.codecs.primitives import StrictAdapter
from s1sr.codecs.wire.fields import ModelAdapter, Presence, ascii_text, enum_field
from s1sr.models.credentials import MAX_MPXN
from s1sr.models.device_type import DeviceType
from s1sr.models.opt_in import MPAN_DIGITS, ServiceOptInRequest, ServiceOptInResponse


class CalendarDateAdapter(StrictAdapter):
    """Year uint16 BE, month, day <-> a ``date`` (every part given; an impossible day refused)."""

    def __init__(self) -> None:
        super().__init__(Bytes(4))

    def decode(self, raw: bytes) -> date:
        return date((raw[0] << 8) | raw[1], raw[2], raw[3])

    def encode(self, value: date) -> bytes:
        if not isinstance(value, date):
            raise TypeError(f"expected a date, got {type(value).__name__}")
        return value.year.to_bytes(2, "big") + bytes((value.month, value.day))


REQUEST = ModelAdapter(
    ServiceOptInRequest,
    "device_type" / enum_field(DeviceType),
    "import_mpxn" / ascii_text(MAX_MPXN),
    "opt_in_date" / CalendarDateAdapter(),
    "secondary_import_mpan" / Presence(ascii_text(MPAN_DIGITS)),
    "export_mpan" / Presence(ascii_text(MPAN_DIGITS)),
)
RESPONSE = ModelAdapter(ServiceOptInResponse)
