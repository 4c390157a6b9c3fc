"""parse_strict / build_strict: every malformation is a CodecError with the field path."""

from __future__ import annotations

import struct

import pytest
from construct import (
    Adapter,
    Check,
    Const,
    Error,
    Int8ub,
    Int16ub,
    Mapping,
    OneOf,
    PaddedString,
    Struct,
    Terminated,
    this,
)
from primitive_support import as_message

from s1sr.codecs.errors import CodecError
from s1sr.codecs.primitives import Eui64Field, FieldError, ZclUtcTimeField
from s1sr.codecs.strict import EncodeError, build_strict, field_path, parse_strict
from s1sr.models import EUI64, ModelError, utc


class Raising(Adapter):
    """A plain (not strict) adapter raising a foreign exception, as a careless one might."""

    def __init__(self, exc: Exception) -> None:
        super().__init__(Int8ub)
        self.exc = exc

    def _decode(self, obj, context, path):
        raise self.exc

    def _encode(self, obj, context, path):
        raise self.exc


HEADER = Struct("kind" / Int8ub, "target" / Eui64Field, "sent_at" / ZclUtcTimeField)
FRAME = Struct("magic" / Const(b"\xdd"), "header" / HEADER, Terminated)
GOOD = bytes.fromhex("dd" + "01" + "00db1234567890a0" + "01000000")


def test_a_good_frame_decodes():
    frame = parse_strict(FRAME, GOOD)
    assert frame.header.target == EUI64.parse("00-DB-12-34-56-78-90-A0")
    assert frame.header.sent_at == utc(2000, 1, 1, 0, 0, 1)
    assert build_strict(FRAME, frame) == GOOD


@pytest.mark.parametrize(
    ("data", "path", "reason"),
    [
        pytest.param(b"", "magic", "StreamError", id="empty"),
        pytest.param(b"\xdf" + GOOD[1:], "magic", "ConstError", id="bad-magic"),
        pytest.param(GOOD[:5], "header.target", "StreamError", id="truncated-in-target"),
        pytest.param(GOOD[:-1], "header.sent_at", "StreamError", id="truncated-in-time"),
        pytest.param(GOOD + b"\x00", "", "trailing bytes", id="trailing-byte"),
    ],
)
def test_malformed_frames_name_the_field(data, path, reason):
    with pytest.raises(CodecError, match=reason) as caught:
        parse_strict(FRAME, data)
    assert caught.value.path == path


def test_path_prefix_is_prepended():
    with pytest.raises(CodecError) as caught:
        parse_strict(FRAME, GOOD[:5], path="payload")
    assert caught.value.path == "payload.header.target"
    assert str(caught.value).startswith("payload.header.target: ")


def test_trailing_bytes_are_refused_even_without_terminated():
    loose = Struct("kind" / Int8ub)
    with pytest.raises(CodecError, match=r"2 trailing byte\(s\) after offset 1") as caught:
        parse_strict(loose, b"\x01\x02\x03", path="body")
    assert caught.value.path == "body"


@pytest.mark.parametrize(
    ("field", "data", "reason"),
    [
        pytest.param(OneOf(Int8ub, [1, 2]), b"\x03", "ValidationError", id="validation"),
        pytest.param(Mapping(Int8ub, {"a": 1}), b"\x02", "MappingError", id="mapping"),
        pytest.param(Error, b"", "ExplicitError", id="explicit"),
        pytest.param(PaddedString(2, "utf8"), b"\xff\xfe", "to decode", id="undecodable-string"),
    ],
)
def test_construct_failures_become_codec_errors(field, data, reason):
    with pytest.raises(CodecError, match=reason) as caught:
        parse_strict(Struct("n" / Int8ub, "field" / field), b"\x00" + data)
    assert caught.value.path == "field"


def test_check_failure_becomes_a_codec_error():
    schema = Struct("count" / Int8ub, Check(this.count < 5))
    with pytest.raises(CodecError, match="CheckError"):
        parse_strict(schema, b"\x09")


@pytest.mark.parametrize(
    "exc",
    [
        pytest.param(struct.error("unpack requires a buffer"), id="struct-error"),
        pytest.param(IndexError("index out of range"), id="index-error"),
        pytest.param(ValueError("bad value"), id="value-error"),
        pytest.param(OverflowError("too big"), id="overflow-error"),
        pytest.param(ModelError("money out of range"), id="model-error"),
        pytest.param(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid"), id="unicode-error"),
    ],
)
def test_foreign_exceptions_become_codec_errors_with_the_path(exc):
    schema = Struct("outer" / Struct("inner" / Raising(exc)))
    with pytest.raises(CodecError, match=type(exc).__name__) as caught:
        parse_strict(schema, b"\x00", path="body")
    assert caught.value.path == "body.outer.inner"
    assert caught.value.__cause__ is exc


def test_schema_bugs_are_not_disguised_as_malformed_input():
    schema = Struct("field" / Raising(KeyError("no such key")))
    with pytest.raises(KeyError):
        parse_strict(schema, b"\x00")


def test_compiled_schemas_are_refused():
    with pytest.raises(TypeError, match="interpreted mode"):
        parse_strict(Struct("a" / Int16ub).compile(), b"\x00\x01")


def test_non_bytes_input_is_a_type_error():
    with pytest.raises(TypeError, match="must be bytes"):
        parse_strict(FRAME, GOOD.hex())


def test_bytearray_and_memoryview_are_accepted():
    assert parse_strict(FRAME, bytearray(GOOD)).header.kind == 1
    assert parse_strict(FRAME, memoryview(GOOD)).header.kind == 1


def test_codec_error_carries_reason_and_path_separately():
    with pytest.raises(CodecError) as caught:
        parse_strict(as_message(ZclUtcTimeField, "t"), b"\x00")
    assert caught.value.path == "t"
    assert caught.value.reason.startswith("StreamError: ")
    assert "Error in path" not in caught.value.reason


def test_field_error_is_a_construct_error_with_its_reason():
    error = FieldError("nope", "(parsing) -> a")
    assert error.reason == "nope"
    assert error.path == "(parsing) -> a"


@pytest.mark.parametrize(
    ("construct_path", "prefix", "expected"),
    [
        pytest.param("(parsing) -> header -> time", "", "header.time", id="nested"),
        pytest.param("(parsing) -> items -> [2] -> price", "", "items[2].price", id="index"),
        pytest.param("(parsing) -> [0] -> [1]", "", "[0][1]", id="bare-indexes"),
        pytest.param("(building) -> a", "", "a", id="building"),
        pytest.param("(parsing)", "body", "body", id="root-with-prefix"),
        pytest.param(None, "", "", id="no-path"),
        pytest.param("(parsing) -> [3]", "body", "body[3]", id="index-after-prefix"),
    ],
)
def test_field_path(construct_path, prefix, expected):
    assert field_path(construct_path, prefix) == expected


@pytest.mark.parametrize(
    ("value", "path", "reason"),
    [
        pytest.param(
            {"kind": 1, "target": "x", "sent_at": utc(2024, 1, 1)},
            "header.target",
            "expected an EUI64",
            id="wrong-type",
        ),
        pytest.param(
            {"kind": 256, "target": EUI64(1), "sent_at": utc(2024, 1, 1)},
            "header.kind",
            "FormatFieldError",
            id="out-of-range-int",
        ),
        pytest.param({"kind": 1, "target": EUI64(1)}, "header", "KeyError", id="missing-field"),
    ],
)
def test_build_strict_raises_encode_error_with_the_path(value, path, reason):
    with pytest.raises(EncodeError, match=reason) as caught:
        build_strict(FRAME, {"header": value})
    assert caught.value.path == path
    assert not isinstance(caught.value, CodecError)


def test_foreign_exceptions_while_building_carry_the_path():
    schema = Struct("outer" / Struct("inner" / Raising(ValueError("cannot"))))
    with pytest.raises(EncodeError, match="ValueError: cannot") as caught:
        build_strict(schema, {"outer": {"inner": 1}})
    assert caught.value.path == "outer.inner"
