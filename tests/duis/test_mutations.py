"""Mutated and truncated DUIS documents raise only CodecError (or decode).

The CI profile runs a few hundred mutations; ``HYPOTHESIS_PROFILE=nightly`` with
``S1SR_DUIS_MUTATIONS`` counts many more (the closing note's figure comes from there).
"""

from __future__ import annotations

import copy
import os

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError, RequestId, decode_request
from s1sr.codecs.duis.response import (
    DuisResponse,
    ResponseHeader,
    S1SPAlert,
    decode_response,
    encode_response,
    s1sp_alert_body,
)
from s1sr.codecs.duis.smets1 import MmcHeader, Smets1Response, rsp_element, smets1_response_body
from s1sr.codecs.duis.views import typed
from s1sr.models import DeviceType, FirmwareVersion, utc
from tests.duis.conftest import duis_dir, template_files

SEEDS = [path.read_bytes() for path in template_files()]
RESPONSES = (
    sorted((duis_dir() / "responses").glob("*")) if (duis_dir() / "responses").is_dir() else []
)
SEEDS += [path.read_bytes() for path in RESPONSES]


def _built_responses() -> list[bytes]:
    """A SMETS1 MMC answer and an S1SP alert, as the codec builds them (no real ones exist)."""
    request = RequestId.parse("90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-B1:41")
    header = MmcHeader(request.target, request.originator, 9, "11.2", utc(2026, 1, 5))
    answer = Smets1Response(
        header, "11.2", True, rsp_element("11.2", True, FirmwareVersion(0x01020304))
    )
    alert = S1SPAlert("S1PX06", utc(2026, 1, 5), request, None, "x", "73947252416745201637")
    return [
        encode_response(DuisResponse(ResponseHeader("I0", utc(2026, 1, 5), request), body))
        for body in (smets1_response_body(answer), s1sp_alert_body(alert))
    ]


SEEDS += _built_responses()
INSERTS = [b"<", b">", b"&", b"<!DOCTYPE a>", b"</sr:Body>", b"\x00", b"&amp;", b"]]>"]
INSERTS += [b"0", b"9", b"-", b"Z", b"x", b" "]  # plausible text: reaches the typed views
MUTATIONS = int(os.environ.get("S1SR_DUIS_MUTATIONS", "300"))


def _decode(data: bytes, schema) -> None:
    decoder = decode_response if b"sr:Response" in data[:400] else decode_request
    stage = "valid" if schema is not None else "unchecked"
    try:
        decoded = decoder(data, schema)
    except CodecError:
        event(f"{stage}: refused while decoding")
        return
    try:
        if hasattr(decoded, "to_model"):
            decoded.to_model()
        else:  # a request: its typed view, for every SRV that has one
            typed(decoded, device_type=DeviceType.PPMID)
        event(f"{stage}: decoded to the typed model")
    except CodecError:
        event(f"{stage}: decoded, typed view refused")


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        else:
            del data[at:]
    return bytes(data)


@pytest.mark.skipif(not SEEDS, reason="DUIS reference material absent (set S1SR_DUIS_DIR)")
@settings(max_examples=MUTATIONS)
@given(mutated())
def test_mutations_raise_only_codec_error(schema, data):
    _decode(data, None)
    _decode(data, schema)


LEAF_TEXT = st.text(st.sampled_from("0123456789-+.:TZ xAF"), max_size=24)


@st.composite
def leaf_mutated(draw):
    """A well-formed document with leaf texts, attributes or elements changed: these get
    past the XML parser and into the header, body and typed-view readers."""
    root = etree.fromstring(draw(st.sampled_from(SEEDS)))
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    for _ in range(draw(st.integers(1, 3))):
        element = draw(st.sampled_from(elements))
        kind = draw(st.sampled_from(["text", "index", "drop", "duplicate"]))
        parent = element.getparent()
        if kind == "text" and not len(element):
            element.text = draw(LEAF_TEXT)
        elif kind == "index":
            element.set("index", draw(st.sampled_from(["0", "1", "2", "9", "x", ""])))
        elif kind == "drop" and parent is not None:
            parent.remove(element)
            elements = [e for e in root.iter() if isinstance(e.tag, str)]
        elif kind == "duplicate" and parent is not None:
            parent.insert(parent.index(element), copy.deepcopy(element))
            elements = [e for e in root.iter() if isinstance(e.tag, str)]
    return etree.tostring(root)


@pytest.mark.skipif(not SEEDS, reason="DUIS reference material absent (set S1SR_DUIS_DIR)")
@settings(max_examples=MUTATIONS)
@given(leaf_mutated())
def test_leaf_mutations_raise_only_codec_error(schema, data):
    _decode(data, None)
    _decode(data, schema)
