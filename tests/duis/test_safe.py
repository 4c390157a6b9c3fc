"""Hostile or malformed XML raises only CodecError, naming where."""

from __future__ import annotations

import pytest

from s1sr.codecs.duis import CodecError, decode_request
from s1sr.codecs.duis.constants import MAX_DEPTH, MAX_DOCUMENT_BYTES

HEAD = (
    b'<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" '
    b'schemaVersion="5.4"><sr:Header><sr:RequestID>90-B3-D5-1F-30-01-00-00:'
    b"00-DB-12-34-56-78-90-A1:1</sr:RequestID><sr:CommandVariant>1</sr:CommandVariant>"
    b"<sr:ServiceReference>2.2</sr:ServiceReference>"
    b"<sr:ServiceReferenceVariant>2.2</sr:ServiceReferenceVariant></sr:Header><sr:Body>"
)
TAIL = b"</sr:Body></sr:Request>"
TOP_UP = b"<sr:TopUpDevice><sr:UTRN>73943333457189043313</sr:UTRN></sr:TopUpDevice>"


def test_a_minimal_request_decodes():
    assert decode_request(HEAD + TOP_UP + TAIL).header.srv == "2.2"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>' + HEAD + TOP_UP + TAIL,
        b'<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">' + HEAD + TOP_UP + TAIL,
        b"<a>" * 10_000 + b"</a>" * 10_000,
        b"not xml",
        b"",
        HEAD + TOP_UP,
        b"\xff\xfe<" + HEAD + TOP_UP + TAIL,
    ],
    ids=["entity", "external-dtd", "deep", "garbage", "empty", "truncated", "bad-encoding"],
)
def test_hostile_documents_raise_codec_error(data):
    with pytest.raises(CodecError):
        decode_request(data)


def test_depth_and_size_bounds():
    deep = HEAD + b"<sr:TopUpDevice>" + b"<sr:X>" * MAX_DEPTH + b"</sr:X>" * MAX_DEPTH
    with pytest.raises(CodecError, match="deeper"):
        decode_request(deep + b"</sr:TopUpDevice>" + TAIL)
    with pytest.raises(CodecError, match="bound"):
        decode_request(b" " * (MAX_DOCUMENT_BYTES + 1))


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        (b":1</sr:RequestID>", b":x</sr:RequestID>", "/sr:Request/sr:Header/sr:RequestID"),
        (b">1</sr:CommandVariant>", b">9</sr:CommandVariant>", "sr:CommandVariant"),
        (b">2.2</sr:ServiceReference>", b">2.3</sr:ServiceReference>", "sr:ServiceReference"),
        (b"<sr:TopUpDevice>", b"<sr:UpdateDebt><sr:TopUpDevice>", "/sr:Request/sr:Body"),
    ],
)
def test_errors_name_the_element(old, new, path):
    data = (HEAD + TOP_UP + TAIL).replace(old, new, 1)
    if b"<sr:UpdateDebt>" in new:
        data = data.replace(b"</sr:TopUpDevice>", b"</sr:TopUpDevice></sr:UpdateDebt>")
    with pytest.raises(CodecError) as caught:
        decode_request(data)
    assert path in caught.value.path


def test_schema_errors_name_the_element(schema):
    data = HEAD + TOP_UP.replace(b"7394333345718904331", b"739433334571890433X") + TAIL
    with pytest.raises(CodecError) as caught:
        decode_request(data, schema)
    assert caught.value.path.endswith("sr:UTRN")


@pytest.mark.parametrize("text", ["--0", "+-1", "1-", "١", " ", "0x1"])
def test_a_malformed_integer_in_a_typed_body_is_a_codec_error(text):
    """Found by the leaf mutations: ``--0`` passed a lstrip/isdigit check, then int()."""
    from s1sr.codecs.duis.views import typed
    from tests.duis.conftest import template

    path = template("ECS01a_1.1.1_IMMEDIATE_BLOCK")
    data = path.read_bytes().replace(
        b'<sr:ReferencedDayName index="1">1<', f'<sr:ReferencedDayName index="1">{text}<'.encode()
    )
    with pytest.raises(CodecError) as caught:
        typed(decode_request(data))
    assert "ReferencedDayName" in caught.value.path or "WeekProfile" in caught.value.path
