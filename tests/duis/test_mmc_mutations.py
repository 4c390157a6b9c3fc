"""Mutated and truncated MMC read-log answers and device alerts raise only CodecError.

Seeds: the hand-written answer of each read-log SRV and the hand-written device alert.
Byte mutations exercise the parser; leaf mutations (a value, an index, an element dropped
or repeated) get past it into the typed views, with and without the schema.
"""

from __future__ import annotations

import copy

from hypothesis import event, given
from hypothesis import strategies as st
from lxml import etree

from s1sr.codecs.duis import CodecError
from s1sr.codecs.duis.response import decode_response
from tests.duis.mmc_documents import alert_document, answer_document
from tests.duis.test_mmc_alert import CONTENT
from tests.duis.test_mmc_logs import EXAMPLES

SEEDS = [answer_document(srv, rsp) for srv, rsp, _ in EXAMPLES]
SEEDS.append(alert_document("2.2", CONTENT))
INSERTS = [b"<", b">", b"&", b"</ra:LogEntry>", b"\x00", b"0", b"9", b"-", b".", b" ", b"Z"]
LEAF_TEXT = st.text(st.sampled_from("0123456789-+.:TZ xAFe"), max_size=24)


def _decode(data: bytes, schema) -> None:
    stage = "unchecked" if schema is None else "valid"
    try:
        decoded = decode_response(data, schema)
    except CodecError:
        event(f"{stage}: refused while decoding")
        return
    try:
        decoded.to_model()
        event(f"{stage}: typed")
    except CodecError:
        event(f"{stage}: typed view refused")


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        at = draw(st.integers(0, len(data) - 1)) if data else 0
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        else:
            del data[at:]
    return bytes(data)


@st.composite
def leaf_mutated(draw) -> bytes:
    root = etree.fromstring(draw(st.sampled_from(SEEDS)))
    body = root.find(".//{*}SMETS1Response/{*}Body")
    for _ in range(draw(st.integers(1, 3))):
        elements = [e for e in body.iter() if isinstance(e.tag, str) and e is not body]
        element = draw(st.sampled_from(elements))
        kind = draw(st.sampled_from(["text", "index", "drop", "duplicate"]))
        parent = element.getparent()
        if kind == "text" and not len(element):
            element.text = draw(LEAF_TEXT)
        elif kind == "index":
            element.set("index", draw(st.sampled_from(["0", "1", "2", "2.0", "9", "x", ""])))
        elif kind == "drop" and parent is not None and parent is not body:
            parent.remove(element)
        elif kind == "duplicate" and parent is not None:
            parent.insert(parent.index(element), copy.deepcopy(element))
    return etree.tostring(root)


@given(mutated())
def test_mutated_mmc_answers_raise_only_codec_error(schema, data):
    _decode(data, None)
    _decode(data, schema)


@given(leaf_mutated())
def test_leaf_mutated_mmc_answers_raise_only_codec_error(schema, data):
    _decode(data, None)
    _decode(data, schema)


def test_every_seed_types_unmutated(schema):
    for seed in SEEDS:
        assert decode_response(seed, schema).to_model() is not None
