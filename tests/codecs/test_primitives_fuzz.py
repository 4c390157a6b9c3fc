"""All primitives in one message: random and mutated bytes raise only CodecError.

Any change to a valid message either decodes to a different value (which re-encodes to
exactly the changed bytes: every primitive has one encoding per value) or is refused.
"""

from __future__ import annotations

from enum import IntEnum

import pytest
from construct import Int8ub, Struct, Terminated
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import (
    BoundedText,
    BoundedTuple,
    DlmsDate,
    DlmsDateField,
    DlmsDateTime,
    DlmsDateTimeField,
    DlmsTime,
    DlmsTimeField,
    EncodedUnitEnergyField,
    EndDateField,
    EnergyKwhField,
    EnumAdapter,
    Eui64Field,
    GbzTimestampField,
    MoneyInt32sbField,
    MoneyInt32ubField,
    MoneyInt32ulField,
    ZclDate,
    ZclDateField,
    ZclUtcTimeField,
)
from s1sr.codecs.strict import build_strict, parse_strict
from s1sr.models import EUI64, INDEFINITE, Energy, Money, utc


class Kind(IntEnum):
    REQUEST = 1
    RESPONSE = 2
    ALERT = 3


MESSAGE = Struct(
    "kind" / EnumAdapter(Int8ub, Kind),
    "target" / Eui64Field,
    "sent_at" / GbzTimestampField,
    "execute_at" / ZclUtcTimeField,
    "special_day" / ZclDateField,
    "start" / DlmsDateTimeField,
    "from_date" / DlmsDateField,
    "switch" / DlmsTimeField,
    "end" / EndDateField,
    "balance" / MoneyInt32sbField,
    "price" / MoneyInt32ulField,
    "counter" / EncodedUnitEnergyField,
    "register" / EnergyKwhField,
    "prices" / BoundedTuple(Int8ub, MoneyInt32ubField, 4),
    "detail" / BoundedText(Int8ub, 32),
    Terminated,
)

VALUE = {
    "kind": Kind.RESPONSE,
    "target": EUI64.parse("00-DB-12-34-56-78-90-A0"),
    "sent_at": utc(2024, 10, 27, 1, 30),
    "execute_at": INDEFINITE,
    "special_day": ZclDate(None, 12, 25),
    "start": DlmsDateTime(DlmsDate(2030, 1, 15), DlmsTime(9, 0, 0, 0)),
    "from_date": DlmsDate(None, 10, 27),
    "switch": DlmsTime(23, 0, 0, 0),
    "end": INDEFINITE,
    "balance": Money(-250),
    "price": Money(1999),
    "counter": Energy.kwh("12.345"),
    "register": Energy.kwh(0),
    "prices": (Money(10), Money(20)),
    "detail": "S1CE20",
}
VALID = build_strict(MESSAGE, VALUE)
FIELDS = {sc.name for sc in MESSAGE.subcons if sc.name}


def _decodes_differently_or_is_refused(data: bytes) -> None:
    try:
        decoded = parse_strict(MESSAGE, data)
    except CodecError as exc:
        head = exc.path.split(".")[0].split("[")[0]
        assert head in FIELDS or "trailing" in exc.reason, exc
        return
    assert build_strict(MESSAGE, decoded) == data
    if data != VALID:
        assert {k: decoded[k] for k in VALUE} != VALUE


def test_valid_message_round_trips():
    decoded = parse_strict(MESSAGE, VALID)
    assert {k: decoded[k] for k in VALUE} == VALUE


def test_every_truncation_is_refused():
    for length in range(len(VALID)):
        with pytest.raises(CodecError):
            parse_strict(MESSAGE, VALID[:length])


def test_every_single_bit_flip_decodes_differently_or_is_refused():
    for index in range(len(VALID)):
        for bit in range(8):
            mutated = bytearray(VALID)
            mutated[index] ^= 1 << bit
            _decodes_differently_or_is_refused(bytes(mutated))


@given(st.integers(0, len(VALID) - 1), st.integers(0, 255))
def test_any_single_byte_change_decodes_differently_or_is_refused(index, octet):
    mutated = bytearray(VALID)
    mutated[index] = octet
    _decodes_differently_or_is_refused(bytes(mutated))


@given(st.binary(max_size=2 * len(VALID)))
def test_random_bytes_raise_only_codec_error(data):
    _decodes_differently_or_is_refused(data)


@given(st.integers(0, len(VALID)), st.binary(min_size=1, max_size=8))
def test_inserted_bytes_raise_only_codec_error(index, extra):
    _decodes_differently_or_is_refused(VALID[:index] + extra + VALID[index:])
