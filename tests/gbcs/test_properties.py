"""Properties: whatever the bytes, decoding raises CodecError or gives a message that
re-encodes to exactly those bytes; generated models survive encode -> decode."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from s1sr.codecs.errors import CodecError
from s1sr.codecs.gbcs import (
    AccessKind,
    AccessRequest,
    AccessRequestSpec,
    AxdrDateTime,
    CipheringEnvelope,
    CosemAttributeDescriptor,
    CraFlag,
    DerNode,
    DerPayload,
    DlmsData,
    DlmsPayload,
    DlmsType,
    GbcsMessage,
    GbzComponent,
    GbzPayload,
    GroupingHeader,
    Obis,
    OtherInfo,
    decode_dlms_data,
    decode_gbcs,
    encode_dlms_data,
    encode_gbcs,
)
from s1sr.models import EUI64


def decodes_canonically(data: bytes, strict: bool) -> bool:
    """False only if a decoded message re-encodes differently (CodecError is fine)."""
    try:
        message = decode_gbcs(data, strict=strict)
    except CodecError:
        return True
    return encode_gbcs(message) == data


def mutate(data: bytearray, draw) -> bytes:
    """Flip, set, insert or delete a few octets, or cut the message short."""
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate"]))
        if action == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "set":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data.insert(at, draw(st.integers(0, 255)))
        elif action == "delete":
            del data[at]
        else:
            del data[at:]
    return bytes(data)


def test_mutated_rtds_frames_fail_cleanly_or_round_trip(rtds_corpus):
    names = sorted(rtds_corpus)

    @given(st.data(), st.booleans())
    def check(data, strict):
        name = data.draw(st.sampled_from(names), label="file")
        mutated = mutate(bytearray(rtds_corpus[name]), data.draw)
        assert decodes_canonically(mutated, strict)

    check()


@given(
    st.sampled_from([b"\xdd", b"\xdf", b"\xdd\x00\x00\x00\x00\x00\x00"]), st.binary(max_size=200)
)
def test_random_bytes_after_a_frame_tag_fail_cleanly_or_round_trip(prefix, tail):
    assert decodes_canonically(prefix + tail, strict=True)
    assert decodes_canonically(prefix + tail, strict=False)


@given(st.binary(max_size=64))
def test_random_a_xdr_fails_cleanly_or_round_trips(raw):
    try:
        value = decode_dlms_data(raw)
    except CodecError:
        return
    assert encode_dlms_data(value) == raw


def scalars() -> st.SearchStrategy[DlmsData]:
    return st.one_of(
        st.just(DlmsData.null()),
        st.booleans().map(lambda b: DlmsData(DlmsType.BOOLEAN, b)),
        st.integers(0, 0xFFFF).map(lambda n: DlmsData(DlmsType.LONG_UNSIGNED, n)),
        st.integers(-(1 << 31), (1 << 31) - 1).map(lambda n: DlmsData(DlmsType.DOUBLE_LONG, n)),
        st.integers(0, (1 << 64) - 1).map(lambda n: DlmsData(DlmsType.LONG64_UNSIGNED, n)),
        st.integers(0, 255).map(lambda n: DlmsData(DlmsType.ENUM, n)),
        st.binary(max_size=300).map(DlmsData.octet_string),
        st.text(max_size=20).map(lambda t: DlmsData(DlmsType.UTF8_STRING, t)),
        st.floats(allow_nan=False, width=32).map(lambda f: DlmsData(DlmsType.FLOAT32, f)),
    )


dlms_data = st.recursive(
    scalars(),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: DlmsData.structure(*xs)),
        st.lists(inner, max_size=4).map(lambda xs: DlmsData.array(*xs)),
    ),
    max_leaves=12,
)


@given(dlms_data)
def test_generated_a_xdr_round_trips(value):
    assert decode_dlms_data(encode_dlms_data(value)) == value


eui = st.integers(0, (1 << 64) - 1).map(EUI64)


@st.composite
def headers(draw, message_code: int, with_date_time: bool) -> GroupingHeader:
    when = None
    if with_date_time:
        instant = draw(
            st.datetimes(
                min_value=datetime(2000, 1, 1),
                max_value=datetime(2099, 12, 31),
                timezones=st.just(UTC),
            )
        )
        when = AxdrDateTime.from_datetime(instant.replace(microsecond=0))
    return GroupingHeader(
        CraFlag.RESPONSE,
        draw(st.integers(0, (1 << 64) - 1)),
        draw(eui),
        draw(eui),
        OtherInfo(message_code),
        when,
    )


gbz_components = st.builds(
    GbzComponent,
    control=st.sampled_from([0x00, 0x01]),
    cluster_id=st.sampled_from([0x0700, 0x0702, 0x0705, 0x0707]),
    frame_control=st.sampled_from([0x00, 0x01, 0x08, 0x09, 0x19]),
    transaction_seq=st.integers(0, 255),
    command_id=st.integers(0, 255),
    zcl_payload=st.binary(max_size=80),
)
der_nodes = st.recursive(
    st.binary(max_size=40).map(lambda b: DerNode(0x04, b)) | st.integers().map(DerNode.integer),
    lambda inner: st.lists(inner, max_size=4).map(lambda xs: DerNode.sequence(*xs)),
    max_leaves=8,
)
dlms_requests = st.builds(
    AccessRequest,
    st.integers(0, (1 << 32) - 1),
    st.lists(
        st.builds(
            AccessRequestSpec,
            st.sampled_from([AccessKind.GET, AccessKind.SET]),
            st.builds(
                CosemAttributeDescriptor,
                st.integers(0, 0xFFFF),
                st.binary(min_size=6, max_size=6).map(Obis.from_bytes),
                st.integers(-128, 127),
            ),
        ),
        max_size=3,
    ).map(tuple),
    st.lists(dlms_data, max_size=3).map(tuple),
)
# (message code, payload) pairs a decoder dispatches back to the same kind
coded_payloads = st.one_of(
    st.tuples(
        st.just(0x006E), st.lists(gbz_components, max_size=4).map(lambda cs: GbzPayload(tuple(cs)))
    ),
    st.tuples(st.just(0x0012), der_nodes.map(DerPayload)),
    st.tuples(st.just(0x001F), dlms_requests.map(DlmsPayload)),
)


@given(
    coded_payloads.flatmap(
        lambda pair: (
            st.tuples(st.just(pair[1]), headers(pair[0], with_date_time=True))
            | st.tuples(st.just(pair[1]), headers(pair[0], with_date_time=False))
        )
    ),
    st.binary(max_size=70),
    st.none() | st.binary(min_size=12, max_size=12).map(CipheringEnvelope),
)
def test_generated_messages_round_trip(payload_and_header, signature, ciphering):
    payload, header = payload_and_header
    message = GbcsMessage(header, payload, signature, ciphering)
    data = encode_gbcs(message)
    assert decode_gbcs(data) == message
