"""The one encoding of each model type on the wire; every body schema is built from these.

Big-endian throughout. Times are uint32 seconds since 2000-01-01T00:00Z (the GBZ header
time of GBCS); no model time means "never", so 0xFFFFFFFF is refused. Optional values
have a presence byte (0 absent, 1 present, anything else refused), tuples a count with
the model's maximum, so that every valid model has exactly one encoding and a decoded
frame re-encodes to the same bytes.
"""

from __future__ import annotations

import dataclasses
import io
import struct
from datetime import time
from enum import Enum
from typing import Any

from construct import (
    Array,
    Bytes,
    Construct,
    Int8ub,
    Int16ub,
    Int64sb,
    RangeError,
    SizeofError,
    Subconstruct,
    stream_read,
    stream_write,
)

from s1sr.codecs.primitives import (
    BoundedText,
    BoundedTuple,
    EnumAdapter,
    FieldError,
    GbzTimestampField,
    MoneyInt32sbField,
    StrictAdapter,
)
from s1sr.codecs.primitives.direct import builder, context_free, parser
from s1sr.codecs.primitives.layout import fixed_layout
from s1sr.codecs.wire.codes import ENUM_TABLES
from s1sr.codecs.wire.record import Record
from s1sr.models.calendar import PartialDate
from s1sr.models.dates import INDEFINITE, Indefinite
from s1sr.models.energy import MAX_MILLI, Energy, EnergyUnit
from s1sr.models.money import FineMoney

Timestamp = GbzTimestampField
"""uint32 BE seconds since 2000-01-01T00:00Z <-> aware UTC datetime."""

MoneyField = MoneyInt32sbField
"""int32 BE pence <-> Money."""


UNSPECIFIED_YEAR = 0xFFFF
_ABSENT, _PRESENT = b"\x00", b"\x01"


def enum_field(enum_type: type[Enum]) -> Construct:
    """One byte, coded by the enum's table in ``codes``."""
    return EnumAdapter(Int8ub, enum_type, ENUM_TABLES[enum_type])


def tuple_of(subcon: Construct, max_count: int, *, min_count: int = 0) -> Construct:
    """A count (uint8, or uint16 when the model allows more than 255) then the elements."""
    count = Int8ub if max_count <= 0xFF else Int16ub
    return BoundedTuple(count, subcon, max_count, min_count=min_count)


def ascii_text(max_bytes: int) -> Construct:
    """uint8 length then the bytes; the model decides which characters it accepts."""
    return BoundedText(Int8ub, max_bytes)


class Presence(Subconstruct):
    """A presence byte (0: ``None``; 1: the value follows), for a model's optional field."""

    def __init__(self, subcon: Construct) -> None:
        super().__init__(subcon)
        self._subparse = parser(subcon)
        self._subbuild = builder(subcon)
        self.context_free = context_free(subcon)

    def _parse(self, stream: Any, context: Any, path: str) -> Any:
        flag = stream_read(stream, 1, path)[0]
        if flag == 0:
            return None
        if flag != 1:
            raise FieldError(f"presence byte must be 0 or 1, got 0x{flag:02X}", path)
        return self._subparse(stream, context, path)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> Any:
        if obj is None:
            stream_write(stream, _ABSENT, 1, path)
            return None
        stream_write(stream, _PRESENT, 1, path)
        return self._subbuild(obj, stream, context, path)

    def _sizeof(self, context: Any, path: str) -> int:
        raise SizeofError("an optional field's size depends on its presence byte", path=path)


class EnergyAdapter(StrictAdapter):
    """Unit byte, then uint64 BE thousandths of the unit (at most 2**63 - 1) <-> ``Energy``.

    The same bytes as the primitive ``EncodedUnitEnergyAdapter(8)``, read with one
    precompiled ``struct`` instead of a nested ``Struct``: 3x faster, and logs are made
    of little else (a 12-snapshot billing log holds over a hundred energies).
    """

    _LAYOUT = struct.Struct(">BQ")

    def __init__(self) -> None:
        super().__init__(Bytes(self._LAYOUT.size))
        self.units = dict(ENUM_TABLES[EnergyUnit])
        self.codes = {unit: code for code, unit in self.units.items()}

    def decode(self, raw: bytes) -> Energy:
        code, milli = self._LAYOUT.unpack(raw)
        unit = self.units.get(code)
        if unit is None:
            raise ValueError(f"undefined EnergyUnit code {code} (0x{code:02X})")
        if milli > MAX_MILLI:
            raise ValueError(f"{milli} thousandths is beyond the energy range")
        return Energy(milli, unit)

    def encode(self, value: Energy) -> bytes:
        if not isinstance(value, Energy):
            raise TypeError(f"expected Energy, got {type(value).__name__}")
        return self._LAYOUT.pack(self.codes[value.unit], value.milli)


class FineMoneyAdapter(StrictAdapter):
    """i64 BE thousandths of a penny <-> ``FineMoney``: the model's own range, so any fits."""

    def __init__(self) -> None:
        super().__init__(Int64sb)

    def decode(self, raw: int) -> FineMoney:
        return FineMoney(raw)

    def encode(self, value: FineMoney) -> int:
        if not isinstance(value, FineMoney):
            raise TypeError(f"expected FineMoney, got {type(value).__name__}")
        return value.millipence


class TimeOfDayAdapter(StrictAdapter):
    """Three bytes, hour (0-23), minute (0-59), second (0-59) <-> a naive ``time``."""

    def __init__(self) -> None:
        super().__init__(Bytes(3))

    def decode(self, raw: bytes) -> time:
        hour, minute, second = raw
        if hour > 23 or minute > 59 or second > 59:
            raise ValueError(f"{hour:02d}:{minute:02d}:{second:02d} is not a time of day")
        return time(hour, minute, second)

    def encode(self, value: time) -> bytes:
        if not isinstance(value, time) or value.tzinfo is not None or value.microsecond:
            raise ValueError(f"expected a naive time of whole seconds, got {value!r}")
        return bytes((value.hour, value.minute, value.second))


class PartialDateAdapter(StrictAdapter):
    """Year uint16 BE (0xFFFF: every year), month, day <-> ``PartialDate``."""

    def __init__(self) -> None:
        super().__init__(Bytes(4))

    def decode(self, raw: bytes) -> PartialDate:
        year = (raw[0] << 8) | raw[1]
        return PartialDate(None if year == UNSPECIFIED_YEAR else year, raw[2], raw[3])

    def encode(self, value: PartialDate) -> bytes:
        if not isinstance(value, PartialDate):
            raise TypeError(f"expected a PartialDate, got {type(value).__name__}")
        year = UNSPECIFIED_YEAR if value.year is None else value.year
        return year.to_bytes(2, "big") + bytes((value.month, value.day))


INDEFINITE_PARTIAL = PartialDate(3000, 12, 31)


class NdcEndDateAdapter(StrictAdapter):
    """A ``PartialDate`` field in which 3000-12-31 is ``INDEFINITE`` (18.5(hh))."""

    def __init__(self) -> None:
        super().__init__(PartialDateField)

    def decode(self, raw: PartialDate) -> PartialDate | Indefinite:
        return INDEFINITE if raw == INDEFINITE_PARTIAL else raw

    def encode(self, value: PartialDate | Indefinite) -> PartialDate:
        if isinstance(value, Indefinite):
            return INDEFINITE_PARTIAL
        if value == INDEFINITE_PARTIAL:
            raise ValueError("3000-12-31 means 'indefinitely': pass INDEFINITE")
        return value


class ModelAdapter(Record):
    """A ``Record`` whose fields are a model dataclass's fields, in wire order <-> the model.

    The model's own checks run on decoding, so a value the model refuses (a reference
    to a missing day profile, a period that ends before it starts) is a ``CodecError``
    at this record's path.
    """

    def __init__(self, model: type, *fields: Construct) -> None:
        super().__init__(*fields)
        names = tuple(f.name for f in dataclasses.fields(model))
        if sorted(names) != sorted(self.names):
            raise TypeError(f"{model.__name__}: wire fields {self.names} are not {names}")
        self.model = model
        # Fields that never read or write the context (most records: a timestamp and an
        # energy) are read straight into the model's arguments, without a record context.
        self._direct = all(name is not None and context_free(sc) for name, sc in self.fields)
        # Fields that read no context but this record's own values (a count given by an
        # earlier field, ``OwnCount``) need a record context, but not the parent's: such a
        # record is context-free to its parent, and its own context is a bare one.
        # All of fixed size (a switch time, a special day): one read and one unpack
        self._layout = fixed_layout(self.fields)
        self.context_free = self._direct or all(
            name is not None and (context_free(sc) or getattr(sc, "own_record", False) is True)
            for name, sc in self.fields
        )

    def _parse(self, stream: Any, context: Any, path: str) -> Any:
        layout = self._layout
        if layout is not None and type(stream) is io.BytesIO:
            here = stream.tell()
            data = stream.read(layout.size)
            if len(data) == layout.size:
                try:
                    return self.model(**layout.values(data, path))
                except (ValueError, OverflowError) as exc:
                    raise FieldError(str(exc), path) from exc
            stream.seek(here)  # too short: the field-by-field path says where
        if self._direct:
            values = {
                name: parse(stream, context, f"{path} -> {name}") for name, parse in self._parsers
            }
        else:
            record = super()._parse(stream, context, path)
            values = {name: record[name] for name in self.names}
        try:
            return self.model(**values)
        except (ValueError, OverflowError) as exc:
            raise FieldError(str(exc), path) from exc

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> Any:
        if type(obj) is not self.model:
            raise FieldError(f"expected a {self.model.__name__}, got {type(obj).__name__}", path)
        layout = self._layout
        if layout is not None:
            data = layout.packed(obj.__getattribute__)
            if data is not None and type(stream) is io.BytesIO:
                stream.write(data)
                return obj
        if self._direct:
            for name, build in self._builders:
                build(getattr(obj, name), stream, context, f"{path} -> {name}")
            return obj
        super()._build({name: getattr(obj, name) for name in self.names}, stream, context, path)
        return obj


EnergyField = EnergyAdapter()
FineMoneyField = FineMoneyAdapter()
TimeOfDayField = TimeOfDayAdapter()
PartialDateField = PartialDateAdapter()
NdcEndDateField = NdcEndDateAdapter()


class OwnCount:
    """An ``ArrayTuple`` count read from an earlier field of the same record:
    ``len(this.<name>) + extra``. Unlike a lambda it says that it reads nothing else,
    so the record holding it needs no parent context (see ``ModelAdapter``)."""

    def __init__(self, name: str, extra: int = 0) -> None:
        self.name = name
        self.extra = extra

    def __call__(self, this: Any) -> int:
        return len(getattr(this, self.name)) + self.extra


class ArrayTuple(StrictAdapter):
    """``count`` elements with no count on the wire (the count is fixed or implied) <-> tuple.

    ``count`` is an int or a function of the enclosing struct's context, as construct's
    ``Array`` takes it. The loop is ``Array``'s own (its checks and messages), run
    here with the element's direct parser; elements that never read the context get
    no ``_index``, so a fixed count of them is context-free.
    """

    def __init__(self, count: Any, subcon: Construct) -> None:
        super().__init__(Array(count, subcon))
        self.count = count
        self._parse_item = parser(subcon)
        self._build_item = builder(subcon)
        self._items_free = context_free(subcon)
        self.context_free = type(count) is int and self._items_free
        # reads only its own record's values: those of the record it is a field of
        self.own_record = self._items_free and type(count) in (int, OwnCount)

    def _count(self, context: Any, path: str) -> int:
        count = self.count(context) if callable(self.count) else self.count
        if not 0 <= count:
            raise RangeError(f"invalid count {count}", path=path)
        return count

    def _parse(self, stream: Any, context: Any, path: str) -> Any:
        count = self._count(context, path)
        parse = self._parse_item
        if self._items_free:
            return tuple([parse(stream, context, path) for _ in range(count)])
        items = []
        for index in range(count):
            context["_index"] = index  # as Container.__setattr__ does
            items.append(parse(stream, context, path))
        return tuple(items)

    def _build(self, obj: Any, stream: Any, context: Any, path: str) -> Any:
        try:
            raw = self.encode(obj)
        except (ValueError, TypeError, OverflowError) as exc:
            raise FieldError(str(exc), path) from exc
        count = self._count(context, path)
        if not len(raw) == count:
            raise RangeError(f"expected {count:d} elements, found {len(raw):d}", path=path)
        build = self._build_item
        for index, item in enumerate(raw):
            if not self._items_free:
                context["_index"] = index
            build(item, stream, context, path)
        return obj

    def decode(self, raw: list[Any]) -> tuple[Any, ...]:
        return tuple(raw)

    def encode(self, value: tuple[Any, ...]) -> list[Any]:
        if not isinstance(value, tuple):
            raise TypeError(f"expected a tuple, got {type(value).__name__}")
        return list(value)
