"""construct Adapters for the primitive wire types the SRV codecs are built from.

Each ``...Field`` is a ready-made construct (``"when" / ZclUtcTimeField``); the
``...Adapter`` classes take parameters (width, byte order, unit, enum). All of them
refuse bad values with ``FieldError`` at construct's field path, which
``s1sr.codecs.strict.parse_strict`` turns into ``CodecError``.
"""

from s1sr.codecs.primitives.base import FieldError, StrictAdapter, int_field, int_range
from s1sr.codecs.primitives.bounded import BoundedBytes, BoundedTuple
from s1sr.codecs.primitives.dlms_datetime import (
    DlmsDateAdapter,
    DlmsDateField,
    DlmsDateTimeAdapter,
    DlmsDateTimeField,
    DlmsTimeAdapter,
    DlmsTimeField,
)
from s1sr.codecs.primitives.dlms_values import (
    ZERO_DATE,
    DaySpecial,
    DlmsDate,
    DlmsDateTime,
    DlmsTime,
    MonthSpecial,
)
from s1sr.codecs.primitives.end_date import (
    CalendarDateAdapter,
    CalendarDateField,
    EndDateField,
    IndefiniteDateAdapter,
)
from s1sr.codecs.primitives.energy import (
    ENERGY_UNIT_CODES,
    EncodedUnitEnergyAdapter,
    EncodedUnitEnergyField,
    EnergyAdapter,
    EnergyKwhField,
    EnergyM3Field,
)
from s1sr.codecs.primitives.enums import EnumAdapter
from s1sr.codecs.primitives.epoch2000 import (
    EPOCH_2000,
    LATEST,
    NEVER,
    Epoch2000Time,
    GbzTimeField,
    GbzTimestampField,
    ZclUtcTimeField,
    ZclUtcTimestampField,
)
from s1sr.codecs.primitives.eui64 import Eui64Adapter, Eui64Field
from s1sr.codecs.primitives.money import (
    MoneyAdapter,
    MoneyInt32sbField,
    MoneyInt32slField,
    MoneyInt32ubField,
    MoneyInt32ulField,
)
from s1sr.codecs.primitives.text import BoundedText
from s1sr.codecs.primitives.values import ZclDate
from s1sr.codecs.primitives.zcl_date import ZclDateAdapter, ZclDateField

__all__ = [
    "ENERGY_UNIT_CODES",
    "EPOCH_2000",
    "LATEST",
    "NEVER",
    "ZERO_DATE",
    "BoundedBytes",
    "BoundedText",
    "BoundedTuple",
    "CalendarDateAdapter",
    "CalendarDateField",
    "DaySpecial",
    "DlmsDate",
    "DlmsDateAdapter",
    "DlmsDateField",
    "DlmsDateTime",
    "DlmsDateTimeAdapter",
    "DlmsDateTimeField",
    "DlmsTime",
    "DlmsTimeAdapter",
    "DlmsTimeField",
    "EncodedUnitEnergyAdapter",
    "EncodedUnitEnergyField",
    "EndDateField",
    "EnergyAdapter",
    "EnergyKwhField",
    "EnergyM3Field",
    "EnumAdapter",
    "Epoch2000Time",
    "Eui64Adapter",
    "Eui64Field",
    "FieldError",
    "GbzTimeField",
    "GbzTimestampField",
    "IndefiniteDateAdapter",
    "MoneyAdapter",
    "MoneyInt32sbField",
    "MoneyInt32slField",
    "MoneyInt32ubField",
    "MoneyInt32ulField",
    "MonthSpecial",
    "StrictAdapter",
    "ZclDate",
    "ZclDateAdapter",
    "ZclDateField",
    "ZclUtcTimeField",
    "ZclUtcTimestampField",
    "int_field",
    "int_range",
]
