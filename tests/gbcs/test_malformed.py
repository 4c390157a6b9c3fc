"""Malformed GBCS raises CodecError (with the field path), never anything else.

RTDS-based cases skip where the RTDS is absent; the encoder-built ones always run.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import RawPayload, decode_gbcs, encode_gbcs
from s1sr.codecs.gbcs._construct import encode_length
from tests.gbcs import samples

TRUNCATED = [
    "CS01a_2.2_ERROR_COMMAND_GBCS.HEX",  # DD wrapper, DLMS action
    "GCS15d_4.4.4_SUCCESS_RESPONSE_GBCS.HEX",  # encrypted GBZ component
    "CS06_11.3_8F66_FUTURE_DATED_SUCCESS_ALERT_GBCS.HEX",  # DER alert, signed
    "GCS05_2.1_IMMEDIATE_SUCCESS_PRECOMMAND_GBCS.HEX",  # pre-command, many components
    "ECS20a_4.4.4_SUCCESS_RESPONSE_GBCS.HEX",  # DLMS compact array
    "ECS08_2.1_IMMEDIATE_SUCCESS_RESPONSE_GBCS.HEX",  # bare signed response
]


@pytest.mark.parametrize("name", TRUNCATED)
def test_every_truncation_raises_codec_error(rtds_corpus, name):
    data = rtds_corpus[name]
    for cut in range(len(data)):
        with pytest.raises(CodecError):
            decode_gbcs(data[:cut], strict=False)


@cache  # each message is lied about twice (longer, shorter): decoded and re-encoded once
def content_length_offset(data: bytes) -> int:
    """Offset of the last octet of the general-signing content length field."""
    message = decode_gbcs(data)
    signed = encode_gbcs(replace(message, ciphering=None))
    start = data.index(signed)
    header = message.header
    dt = b"" if header.date_time is None else header.date_time.to_bytes()
    info = header.other_info.to_bytes()
    fields = 1 + 10 + 9 + 9 + len(encode_length(len(dt))) + len(dt)
    fields += len(encode_length(len(info))) + len(info)
    content = len(message.payload.to_bytes())
    return start + fields + len(encode_length(content)) - 1


@pytest.mark.parametrize("delta", [1, -1], ids=["longer", "shorter"])
def test_a_lying_content_length_raises(rtds_bytes, delta):
    data = bytearray(rtds_bytes)
    data[content_length_offset(rtds_bytes)] += delta
    with pytest.raises(CodecError):
        decode_gbcs(bytes(data))


def test_a_lying_ciphering_length_raises(rtds_corpus):
    wrapped = {name: data for name, data in rtds_corpus.items() if data[0] == 0xDD}
    assert wrapped
    for name, original in wrapped.items():
        at = 7 if original[7] < 0x80 else 7 + (original[7] & 0x7F)
        for delta in (1, -1):
            data = bytearray(original)
            data[at] += delta
            with pytest.raises(CodecError) as caught:
                decode_gbcs(bytes(data), strict=False)
            assert caught.value.path.startswith("ciphering"), name


def test_appended_bytes_raise(rtds_bytes):
    message = decode_gbcs(rtds_bytes)
    if message.is_precommand:
        # a pre-command may gain a signature field (that is how it gets signed) ...
        assert decode_gbcs(rtds_bytes + b"\x00").signature == b""
        # ... but not one that runs past the end
        junk = b"\x05\x00"
    else:
        junk = b"\x00"
    with pytest.raises(CodecError):
        decode_gbcs(rtds_bytes + junk, strict=False)


# --- encoder-built: always run ---------------------------------------------------------


def test_empty_input_is_refused_at_the_tag():
    with pytest.raises(CodecError) as caught:
        decode_gbcs(b"")
    assert caught.value.path == "tag"


def test_an_unknown_frame_tag_is_refused():
    with pytest.raises(CodecError) as caught:
        decode_gbcs(b"\x30\x00")
    assert caught.value.path == "tag"
    assert "DD or DF" in caught.value.reason


def test_non_bytes_input_is_a_codec_error():
    with pytest.raises(CodecError):
        decode_gbcs("DF0901")  # type: ignore[arg-type]


def test_a_bad_cra_flag_is_refused_with_its_path():
    data = bytearray(encode_gbcs(samples.dlms_response()))
    data[2] = 0x04
    with pytest.raises(CodecError) as caught:
        decode_gbcs(bytes(data))
    assert caught.value.path == "header.cra_flag"


def test_a_wrong_transaction_id_length_is_refused():
    data = bytearray(encode_gbcs(samples.dlms_response()))
    data[1] = 0x08
    with pytest.raises(CodecError) as caught:
        decode_gbcs(bytes(data))
    assert caught.value.path == "header.transaction_id_length"


def test_non_empty_general_ciphering_header_fields_are_refused():
    data = bytearray(encode_gbcs(samples.gbz_top_up_command()))
    data[3] = 0x01
    with pytest.raises(CodecError) as caught:
        decode_gbcs(bytes(data))
    assert caught.value.path == "ciphering.empty_header_fields"


def test_a_ciphering_wrapper_must_hold_a_general_signing_block():
    inner = b"\x30\x00"
    data = bytes([0xDD]) + bytes(6) + bytes([len(inner) + 17, 0x11]) + bytes(4) + inner
    with pytest.raises(CodecError) as caught:
        decode_gbcs(data + samples.MAC)
    assert caught.value.path == "ciphering.content"


def test_a_non_minimal_length_is_refused():
    data = encode_gbcs(samples.der_activate_firmware_precommand())
    content = samples.der_activate_firmware_precommand().payload.to_bytes()
    at = data.index(content) - 1
    assert data[at] == len(content) < 0x80
    padded = data[:at] + b"\x81" + data[at:]
    with pytest.raises(CodecError) as caught:
        decode_gbcs(padded)
    assert "non-minimal" in caught.value.reason


def test_a_lying_gbz_component_length_is_refused_in_the_payload():
    message = samples.gbz_top_up_command()
    data = bytearray(encode_gbcs(message))
    content = message.payload.to_bytes()
    at = data.index(content) + 3 + 1 + 2 + 1  # profile, count, control, cluster, length hi
    data[at] += 1
    with pytest.raises(CodecError) as caught:
        decode_gbcs(bytes(data))
    assert caught.value.path.startswith("payload.gbz")


def test_a_wrong_gbz_profile_is_not_a_gbz_payload():
    message = samples.gbz_top_up_command()
    content = bytearray(message.payload.to_bytes())
    content[1] = 0x08
    odd = replace(message, payload=RawPayload(bytes(content)))
    decoded = decode_gbcs(encode_gbcs(odd))
    assert isinstance(decoded.payload, RawPayload)
    assert decoded.payload.reason == "unknown payload kind"


def test_a_lying_dlms_octet_string_length_is_refused():
    message = samples.dlms_top_up_command()
    data = bytearray(encode_gbcs(message))
    at = data.index(samples.UTRN) - 1
    data[at] -= 1
    with pytest.raises(CodecError) as caught:
        decode_gbcs(bytes(data))
    assert caught.value.path.startswith("payload.dlms")


def test_non_strict_decoding_keeps_a_broken_payload_raw_and_round_trips():
    message = samples.dlms_top_up_command()
    broken = message.payload.to_bytes()[:-1]
    data = encode_gbcs(replace(message, payload=RawPayload(broken)))
    with pytest.raises(CodecError):
        decode_gbcs(data)
    lenient = decode_gbcs(data, strict=False)
    assert isinstance(lenient.payload, RawPayload)
    assert lenient.payload.reason.startswith("payload.dlms")
    assert encode_gbcs(lenient) == data


def test_a_response_without_a_signature_field_is_refused():
    message = samples.dlms_response()
    data = encode_gbcs(message)
    cut = data[: -len(samples.SIGNATURE) - 1]
    with pytest.raises(CodecError) as caught:
        decode_gbcs(cut)
    assert caught.value.path == "signature"
