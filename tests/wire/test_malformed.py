"""Each kind of malformed frame is refused with ``CodecError`` naming the field at fault."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import MAX_PAYLOAD_BYTES, decode_message, encode_message
from s1sr.models import (
    SRV,
    ProfileDataResponse,
    Request,
    Response,
    ResponseCode,
    UpdateFirmwareRequest,
    ota_image,
)
from s1sr.models.firmware import MAX_IMAGE_BYTES, FirmwareVersion
from tests.wire.frames import payload_of, reseal, with_byte, with_payload, with_payload_length
from tests.wire.samples import (
    CONTROL_REFUSED,
    DAILY_LOG_REQUEST,
    DAILY_LOG_RESPONSE,
    ESME,
    INVENTORY,
    SET_CLOCK,
    TARIFF,
    TIMEOUT,
    TOP_UP,
    UNSOLICITED,
    USER,
)


def _frame(message) -> bytes:
    return encode_message(message)


def _payload_edit(message, edit: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    """A resealed frame whose payload is ``edit(payload)``: past the CRC, into the body."""

    def make() -> bytes:
        frame = _frame(message)
        return with_payload(frame, edit(payload_of(frame)))

    return make


def _set(offset: int, value: bytes) -> Callable[[bytes], bytes]:
    return lambda p: p[:offset] + value + p[offset + len(value) :]


def _lying_image_length(length: int) -> bytes:
    """An 11.1 request whose image length field says ``length`` but carries 56 bytes."""
    image = ota_image(FirmwareVersion(1))
    frame = _frame(_request(UpdateFirmwareRequest(image)))
    payload = payload_of(frame)
    return with_payload(frame, payload[:8] + length.to_bytes(4, "big") + payload[12:])


def _request(body) -> Request:
    return Request(1, USER, ESME, body)


EMPTY_PROFILE = Response(
    1, ESME, SRV.READ_ACTIVE_IMPORT_PROFILE_DATA, ResponseCode.I0, ProfileDataResponse(())
)


# (id, frame maker, expected path, fragment of the reason)
CASES: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("empty", lambda: b"", "header", "truncated"),
    ("shorter-than-header", lambda: _frame(TOP_UP)[:27], "header", "truncated"),
    ("truncated-payload", lambda: _frame(TOP_UP)[:-1], "payload", "truncated"),
    ("trailing-byte", lambda: _frame(TOP_UP) + b"\0", "checksum", "trailing"),
    ("bad-magic", lambda: with_byte(_frame(TOP_UP), 0, 0x73), "header.magic", "expected 5331"),
    ("bad-version", lambda: with_byte(_frame(TOP_UP), 2, 2), "header.version", "version 2"),
    ("kind-zero", lambda: with_byte(_frame(TOP_UP), 3, 0), "header.kind", "undefined kind 0"),
    ("kind-seven", lambda: with_byte(_frame(TOP_UP), 3, 7), "header.kind", "undefined kind 7"),
    (
        "length-over-maximum",
        lambda: with_payload_length(_frame(TOP_UP), MAX_PAYLOAD_BYTES + 1),
        "header.payload_length",
        "maximum",
    ),
    (
        "length-lie-longer",
        lambda: with_payload_length(_frame(TOP_UP), 17),
        "payload",
        "truncated",
    ),
    (
        "length-lie-shorter",
        lambda: with_payload_length(_frame(TOP_UP), 15),
        "checksum",
        "trailing",
    ),
    (
        "bad-checksum",
        lambda: with_byte(_frame(TOP_UP), 47, _frame(TOP_UP)[47] ^ 0x01),
        "checksum",
        "CRC-32 mismatch",
    ),
    (
        "request-without-srv-flag",
        lambda: reseal(with_byte(_frame(TOP_UP), 4, 0x01)),
        "header.flags",
        "needs flags 0x03",
    ),
    (
        "undefined-flag-bit",
        lambda: reseal(with_byte(_frame(UNSOLICITED), 4, 0x04)),
        "header.flags",
        "undefined flag bits",
    ),
    (
        "undefined-srv",
        lambda: reseal(with_byte(_frame(TOP_UP), 5, 0x09)),
        "header.srv",
        "undefined SRV code 0x090200",
    ),
    (
        "absent-srv-not-zero",
        lambda: reseal(with_byte(_frame(UNSOLICITED), 7, 0x01)),
        "header.srv",
        "SRV flag clear",
    ),
    (
        "absent-request-id-not-zero",
        lambda: reseal(with_byte(_frame(UNSOLICITED), 15, 0x01)),
        "header.request_id",
        "request id flag clear",
    ),
    (
        "undefined-response-code",
        _payload_edit(DAILY_LOG_RESPONSE, _set(0, b"\x01")),
        "payload.code",
        "undefined ResponseCode code 1",
    ),
    (
        "presence-byte-two",
        _payload_edit(DAILY_LOG_RESPONSE, _set(1, b"\x02")),
        "payload.body",
        "presence byte must be 0 or 1",
    ),
    (
        "count-over-model-maximum",
        _payload_edit(DAILY_LOG_RESPONSE, _set(2, (732).to_bytes(2, "big"))),
        "payload.body.entries",
        "count 732 is outside 0..731",
    ),
    (
        "count-lie",
        _payload_edit(DAILY_LOG_RESPONSE, _set(2, (731).to_bytes(2, "big"))),
        "payload.body.entries[2].timestamp",
        "expected 4",
    ),
    (
        "never-where-a-time-happened",
        _payload_edit(DAILY_LOG_RESPONSE, _set(4, b"\xff\xff\xff\xff")),
        "payload.body.entries[0].timestamp",
        "never",
    ),
    (
        "undefined-energy-unit",
        _payload_edit(DAILY_LOG_RESPONSE, _set(8, b"\x02")),
        "payload.body.entries[0].import_register",
        "undefined EnergyUnit code 2",
    ),
    (
        "energy-over-int63",
        _payload_edit(DAILY_LOG_RESPONSE, _set(9, b"\x80")),
        "payload.body.entries[0].import_register",
        "beyond the energy range",
    ),
    (
        "payload-extra-byte",
        _payload_edit(DAILY_LOG_RESPONSE, lambda p: p + b"\0"),
        "payload",
        "trailing bytes",
    ),
    (
        "payload-empty",
        _payload_edit(DAILY_LOG_RESPONSE, lambda p: b""),
        "payload.code",
        "expected 1",
    ),
    (
        "period-ends-before-start",
        _payload_edit(DAILY_LOG_REQUEST, lambda p: p[:8] + p[12:16] + p[8:12]),
        "payload.body",
        "is before start",
    ),
    (
        "utrn-undefined-value-class",
        _payload_edit(TOP_UP, lambda p: p[:10] + bytes([p[10] | 0x40]) + p[11:]),
        "payload.body.utrn",
        "value_class",
    ),
    (
        "utrn-top-bits-set",
        _payload_edit(TOP_UP, _set(8, b"\x02")),
        "payload.body.utrn",
        "top 7 bits",
    ),
    (
        "season-name-not-ascii",
        _payload_edit(TARIFF, _set(10, b"\x07")),
        "payload.body.seasons[0]",
        "printable ASCII",
    ),
    (
        "season-start-february-30",
        _payload_edit(TARIFF, _set(20, b"\x02\x1e")),
        "payload.body.seasons[0].start",
        "day",
    ),
    (
        "switch-time-24h",
        _payload_edit(TARIFF, _set(35, b"\x18")),
        "payload.body.day_profiles[0].switches[0].start",
        "not a time of day",
    ),
    (
        "undefined-rate-kind",
        _payload_edit(TARIFF, _set(38, b"\x02")),
        "payload.body.day_profiles[0].switches[0].kind",
        "undefined RateKind code 2",
    ),
    (
        "week-profile-names-missing-day-profile",
        _payload_edit(TARIFF, _set(25, b"\x05")),
        "payload.body",
        "day profiles [5] missing",
    ),
    (
        "alert-code-lower-case",
        _payload_edit(TIMEOUT, _set(5, b"s")),
        "payload.code",
        "not an alert code",
    ),
    (
        "alert-detail-not-utf8",
        _payload_edit(TIMEOUT, lambda p: p[:-1] + b"\xff"),
        "payload.detail",
        "utf-8",
    ),
    (
        "undefined-control-action",
        _payload_edit(SET_CLOCK, _set(0, b"\x09")),
        "payload.action",
        "undefined control action code 0x09",
    ),
    (
        "control-reason-not-printable",
        _payload_edit(CONTROL_REFUSED, lambda p: p[:-1] + b"\x07"),
        "payload.reason",
        "printable ASCII",
    ),
    (
        "control-response-trailing-byte",
        _payload_edit(CONTROL_REFUSED, lambda p: p + b"\x00"),
        "payload",
        "trailing bytes",
    ),
    (
        "inventory-without-devices",
        _payload_edit(INVENTORY, _set(4, b"\x00")),
        "payload.inventory.devices",
        "outside 1..64",
    ),
    (
        "inventory-on-han-not-boolean",
        # the last device's on_han: before one user (1 + 8 bytes) and the timeout (4)
        _payload_edit(INVENTORY, lambda p: p[:-14] + b"\x02" + p[-13:]),
        "payload.inventory.devices[1].on_han",
        "must be 0 or 1",
    ),
    (
        "inventory-supplier-of-a-ppmid",
        # the first device (supplied) becomes a PPMID: only meters have suppliers
        _payload_edit(INVENTORY, _set(13, b"\x03")),
        "payload.inventory.devices[0]",
        "only a meter has a supplier",
    ),
    (
        "inventory-device-twice",
        # the first device (31 bytes from offset 5) written over the second (16 bytes)
        _payload_edit(INVENTORY, lambda p: p[:5] + p[5:36] * 2 + p[52:]),
        "payload.inventory",
        "more than once",
    ),
    (
        "image-length-lie",
        lambda: _lying_image_length(MAX_IMAGE_BYTES),
        "payload.body.image",
        "only 56 bytes left",
    ),
    (
        "image-length-over-maximum",
        lambda: _lying_image_length(MAX_IMAGE_BYTES + 1),
        "payload.body.image",
        "outside",
    ),
]


@pytest.mark.parametrize(
    ("make", "path", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_malformed_frame_is_refused_at_its_field(make, path: str, reason: str) -> None:
    with pytest.raises(CodecError) as refused:
        decode_message(make())
    assert refused.value.path == path
    assert reason in refused.value.reason


def test_checksum_is_verified_before_the_body() -> None:
    # A body error and a bad checksum together: the checksum is what is reported.
    frame = _payload_edit(DAILY_LOG_RESPONSE, _set(0, b"\x01"))()
    broken = with_byte(frame, len(frame) - 1, frame[-1] ^ 0xFF)
    with pytest.raises(CodecError) as refused:
        decode_message(broken)
    assert refused.value.path == "checksum"


def test_a_lying_image_length_allocates_nothing_near_it() -> None:
    frame = _lying_image_length(MAX_IMAGE_BYTES)
    tracemalloc.start()
    try:
        with pytest.raises(CodecError):
            decode_message(frame)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_IMAGE_BYTES // 16


def test_a_lying_count_of_fixed_size_entries_is_refused_before_reading_them() -> None:
    lie = _payload_edit(EMPTY_PROFILE, _set(2, (19056).to_bytes(2, "big")))()
    with pytest.raises(CodecError) as refused:
        decode_message(lie)
    assert refused.value.path == "payload.body.entries"
    assert "count 19056 needs" in refused.value.reason


@pytest.mark.parametrize("value", [None, "53 31", 1234, ["S1"]], ids=repr)
def test_decoding_something_that_is_not_bytes_is_a_type_error(value) -> None:
    with pytest.raises(TypeError):
        decode_message(value)
