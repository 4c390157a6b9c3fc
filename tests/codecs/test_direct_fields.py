"""``parser``/``builder``: the one-call form of a field does exactly what construct does.

For construct's ``FormatField``s the direct form is a reimplementation, so it is compared
with construct's own ``_parsereport`` and ``_build`` on any bytes (short ones included)
and any value (out of range, of the wrong type): the same value or bytes, or the same
exception (type, message, path).
"""

from __future__ import annotations

import io
import struct

import pytest
from construct import (
    Bytes,
    Construct,
    Container,
    Float32b,
    Int8sb,
    Int8ub,
    Int16sb,
    Int16ub,
    Int16ul,
    Int32sb,
    Int32ub,
    Int32ul,
    Int64sb,
    Int64ub,
    Int64ul,
    Struct,
)
from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.primitives import Eui64Field, StrictAdapter
from s1sr.codecs.primitives.direct import builder, parser

FORMAT_FIELDS = [
    Int8ub,
    Int8sb,
    Int16ub,
    Int16sb,
    Int16ul,
    Int32ub,
    Int32sb,
    Int32ul,
    Int64ub,
    Int64sb,
    Int64ul,
    Float32b,
]
PATH = "(parsing) -> body -> [2] -> x"


def _outcome(call) -> tuple[str, object]:
    try:
        value = call()
    except Exception as exc:  # the exception itself is what is compared
        return type(exc).__name__, (str(exc), getattr(exc, "path", None))
    if isinstance(value, float):  # by its bits: a NaN is never equal to another NaN
        return "float", struct.pack(">d", value)
    return "value", value


def _parse_with(parse, data: bytes) -> tuple[tuple[str, object], int]:
    stream = io.BytesIO(data)
    outcome = _outcome(lambda: parse(stream, Container(), PATH))
    return outcome, stream.tell()


def _build_with(build, value: object) -> tuple[tuple[str, object], bytes]:
    stream = io.BytesIO()
    outcome = _outcome(lambda: build(value, stream, Container(), PATH))
    return outcome, stream.getvalue()


@pytest.mark.parametrize("field", FORMAT_FIELDS, ids=lambda f: f.fmtstr)
@given(data=st.binary(max_size=10))
def test_a_format_field_parses_as_construct_does(field: Construct, data: bytes) -> None:
    direct = parser(field)
    assert direct is not field._parse  # the reimplementation is what is under test
    assert _parse_with(direct, data) == _parse_with(field._parsereport, data)


@pytest.mark.parametrize("field", FORMAT_FIELDS, ids=lambda f: f.fmtstr)
@given(
    value=st.one_of(
        st.integers(-(2**65), 2**65),
        st.booleans(),
        st.floats(allow_nan=False),
        st.none(),
        st.text(max_size=2),
        st.binary(max_size=2),
    )
)
def test_a_format_field_builds_as_construct_does(field: Construct, value: object) -> None:
    direct = builder(field)
    assert _build_with(direct, value) == _build_with(field._build, value)


@pytest.mark.parametrize("length", [0, 1, 3, 9])
@given(data=st.binary(max_size=12))
def test_fixed_bytes_parse_as_construct_does(length: int, data: bytes) -> None:
    field = Bytes(length)
    direct = parser(field)
    assert direct is not field._parse
    assert _parse_with(direct, data) == _parse_with(field._parsereport, data)


def test_short_bytes_fail_with_constructs_message_and_path() -> None:
    (kind, (message, path)), _ = _parse_with(parser(Int32ub), b"\x01\x02")
    assert kind == "StreamError"
    assert "expected 4, found 2" in message
    assert path == PATH


def test_a_parsed_hook_is_still_called() -> None:
    seen: list[object] = []
    field = Int16ub * (lambda obj, ctx: seen.append(obj))
    assert _parse_with(parser(field), b"\x01\x02")[0] == ("value", 0x0102)
    assert seen == [0x0102]


def test_other_constructs_run_their_own_code() -> None:
    computed = Bytes(lambda ctx: 2)
    assert parser(computed) == computed._parse
    assert parser(Eui64Field) == Eui64Field.direct_parse  # tested below
    assert builder(Eui64Field) == Eui64Field._build
    over_a_record = StrictAdapter.__new__(StrictAdapter)
    StrictAdapter.__init__(over_a_record, Struct("a" / Int8ub))
    assert over_a_record.direct_parse is None
    assert parser(over_a_record) == over_a_record._parse


def _adapters():
    from s1sr.codecs.primitives import GbzTimestampField
    from s1sr.codecs.wire import fields
    from s1sr.models.tariff import RateKind

    return {
        "timestamp": GbzTimestampField,  # over Int32ub
        "enum": fields.enum_field(RateKind),  # over Int8ub
        "time of day": fields.TimeOfDayField,  # over Bytes(3)
        "partial date": fields.PartialDateField,  # over Bytes(4)
        "energy": fields.EnergyField,  # over Bytes(9)
        "eui64": Eui64Field,
    }


@pytest.mark.parametrize("name", sorted(_adapters()))
@given(data=st.binary(max_size=12))
def test_an_adapter_over_a_fixed_field_parses_as_its_two_calls_do(name: str, data: bytes) -> None:
    adapter = _adapters()[name]
    direct = parser(adapter)
    assert direct is adapter.direct_parse  # the one-call form is what is under test
    assert _parse_with(direct, data) == _parse_with(adapter._parsereport, data)
