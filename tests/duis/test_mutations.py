"""Mutated and truncated DUIS documents raise only CodecError (or decode).

The CI profile runs a few hundred mutations; ``HYPOTHESIS_PROFILE=nightly`` with
``S1SR_DUIS_MUTATIONS`` counts many more (the closing note's figure comes from there).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from s1sr.codecs.duis import CodecError, decode_request
from s1sr.codecs.duis.response import decode_response
from tests.duis.conftest import duis_dir, template_files

SEEDS = [path.read_bytes() for path in template_files()[:12]]
RESPONSES = (
    sorted((duis_dir() / "responses").glob("*")) if (duis_dir() / "responses").is_dir() else []
)
SEEDS += [path.read_bytes() for path in RESPONSES]
MUTATIONS = int(os.environ.get("S1SR_DUIS_MUTATIONS", "300"))


def _decode(data: bytes, schema) -> None:
    decoder = decode_response if b"sr:Response" in data[:400] else decode_request
    try:
        decoded = decoder(data, schema)
    except CodecError:
        return
    if hasattr(decoded, "to_model"):
        try:
            decoded.to_model()
        except CodecError:
            pass


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
            data[at:at] = draw(
                st.sampled_from(
                    [b"<", b">", b"&", b"<!DOCTYPE a>", b"</sr:Body>", b"\x00", b"&amp;", b"]]>"]
                )
            )
        else:
            del data[at:]
    return bytes(data)


@pytest.mark.skipif(not SEEDS, reason="DUIS reference material absent (set S1SR_DUIS_DIR)")
@settings(max_examples=MUTATIONS)
@given(mutated())
def test_mutations_raise_only_codec_error(schema, data):
    _decode(data, None)
    _decode(data, schema)
