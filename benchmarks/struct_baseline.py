"""A hand-written ``struct`` codec of four frames, the yardstick for the construct codec.

Top-up request and response (SRV 2.2) and daily read log request and response (SRV
4.6.1), byte for byte the frames ``s1sr.codecs.wire`` writes (tests/wire checks that),
to and from the same models. It checks what a lean hand-written decoder would (magic,
version, kind, flags, SRV, length, CRC, counts, presence bytes, enum codes) and leaves
the rest to the models' own constructors, as the construct codec does. It knows these
four frames only: that, and every field written out twice by hand, is what the
construct codec saves.
"""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime, timedelta

from s1sr.models import (
    EUI64,
    SRV,
    DailyReading,
    DailyReadLogRequest,
    DailyReadLogResponse,
    Energy,
    EnergyUnit,
    Money,
    Request,
    Response,
    ResponseCode,
    TopUpDeviceRequest,
    TopUpDeviceResponse,
    Utrn,
)

HEADER = struct.Struct(">2sBBB3sQQI")
CRC = struct.Struct(">I")
U64 = struct.Struct(">Q")
I32 = struct.Struct(">i")
PERIOD = struct.Struct(">II")
ENTRY = struct.Struct(">IBQB")
ENERGY = struct.Struct(">BQ")
COUNT = struct.Struct(">H")

MAGIC, VERSION = b"S1", 1
REQUEST, RESPONSE = 1, 2
BOTH_FLAGS = 0x03
TOP_UP, DAILY_LOG = b"\x02\x02\x00", b"\x04\x06\x01"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SECOND = timedelta(seconds=1)
UNITS = (EnergyUnit.KWH, EnergyUnit.M3)
UNIT_CODES = {EnergyUnit.KWH: 0, EnergyUnit.M3: 1}
CODES = {ResponseCode.I0: 0x00}
RESPONSE_CODES = {0x00: ResponseCode.I0}


class BaselineError(ValueError):
    pass


def _frame(kind: int, srv: bytes, request_id: int, target: EUI64, payload: bytes) -> bytes:
    head = HEADER.pack(
        MAGIC, VERSION, kind, BOTH_FLAGS, srv, request_id, target.value, len(payload)
    )
    frame = head + payload
    return frame + CRC.pack(zlib.crc32(frame))


def _open(data: bytes, kind: int, srv: bytes) -> tuple[int, EUI64, memoryview]:
    if len(data) < 32:
        raise BaselineError("truncated")
    magic, version, got_kind, flags, got_srv, request_id, target, length = HEADER.unpack_from(data)
    if magic != MAGIC or version != VERSION or got_kind != kind or flags != BOTH_FLAGS:
        raise BaselineError("bad header")
    if got_srv != srv:
        raise BaselineError("unexpected SRV")
    if len(data) != 32 + length:
        raise BaselineError("length")
    if CRC.unpack_from(data, len(data) - 4)[0] != zlib.crc32(memoryview(data)[:-4]):
        raise BaselineError("checksum")
    return request_id, EUI64(target), memoryview(data)[28:-4]


def _seconds(when: datetime) -> int:
    return (when - EPOCH) // SECOND


def _time(seconds: int) -> datetime:
    if seconds == 0xFFFFFFFF:
        raise BaselineError("never")
    return EPOCH + timedelta(seconds=seconds)


def _energy(unit: int, milli: int) -> Energy:
    if unit > 1 or milli >= 1 << 63:
        raise BaselineError("energy")
    return Energy(milli, UNITS[unit])


def encode_top_up_request(message: Request) -> bytes:
    payload = U64.pack(message.user_id.value) + U64.pack(message.body.utrn.ptut)
    return _frame(REQUEST, TOP_UP, message.request_id, message.target, payload)


def decode_top_up_request(data: bytes) -> Request:
    request_id, target, payload = _open(data, REQUEST, TOP_UP)
    if len(payload) != 16:
        raise BaselineError("payload size")
    user, ptut = struct.unpack_from(">QQ", payload)
    return Request(request_id, EUI64(user), target, TopUpDeviceRequest(Utrn.from_ptut(ptut)))


def encode_top_up_response(message: Response) -> bytes:
    body = message.body
    payload = bytes((CODES[message.code], 1)) + I32.pack(body.credit_applied.pence)
    if body.meter_balance is None:
        payload += b"\x00"
    else:
        payload += b"\x01" + I32.pack(body.meter_balance.pence)
    return _frame(RESPONSE, TOP_UP, message.request_id, message.target, payload)


def decode_top_up_response(data: bytes) -> Response:
    request_id, target, payload = _open(data, RESPONSE, TOP_UP)
    if len(payload) not in (7, 11) or payload[1] != 1:
        raise BaselineError("payload size")
    credit = I32.unpack_from(payload, 2)[0]
    balance = None
    if payload[6] == 1 and len(payload) == 11:
        balance = Money(I32.unpack_from(payload, 7)[0])
    elif payload[6] != 0 or len(payload) != 7:
        raise BaselineError("presence")
    body = TopUpDeviceResponse(Money(credit), balance)
    return Response(request_id, target, SRV.TOP_UP_DEVICE, RESPONSE_CODES[payload[0]], body)


def encode_daily_log_request(message: Request) -> bytes:
    body = message.body
    payload = U64.pack(message.user_id.value) + PERIOD.pack(
        _seconds(body.start), _seconds(body.end)
    )
    return _frame(REQUEST, DAILY_LOG, message.request_id, message.target, payload)


def decode_daily_log_request(data: bytes) -> Request:
    request_id, target, payload = _open(data, REQUEST, DAILY_LOG)
    if len(payload) != 16:
        raise BaselineError("payload size")
    user = U64.unpack_from(payload)[0]
    start, end = PERIOD.unpack_from(payload, 8)
    body = DailyReadLogRequest(_time(start), _time(end))
    return Request(request_id, EUI64(user), target, body)


def encode_daily_log_response(message: Response) -> bytes:
    entries = message.body.entries
    parts = [bytes((CODES[message.code], 1)), COUNT.pack(len(entries))]
    for entry in entries:
        energy, counters = entry.import_register, entry.block_counters
        parts.append(
            ENTRY.pack(
                _seconds(entry.timestamp), UNIT_CODES[energy.unit], energy.milli, len(counters)
            )
        )
        parts.extend(ENERGY.pack(UNIT_CODES[c.unit], c.milli) for c in counters)
    return _frame(RESPONSE, DAILY_LOG, message.request_id, message.target, b"".join(parts))


def decode_daily_log_response(data: bytes) -> Response:
    request_id, target, payload = _open(data, RESPONSE, DAILY_LOG)
    if len(payload) < 4 or payload[1] != 1:
        raise BaselineError("payload")
    count = COUNT.unpack_from(payload, 2)[0]
    if count > 731 or len(payload) < 4 + count * ENTRY.size:
        raise BaselineError("count")
    entries, offset = [], 4
    for _ in range(count):
        seconds, unit, milli, counter_count = ENTRY.unpack_from(payload, offset)
        offset += ENTRY.size
        if counter_count > 32 or len(payload) < offset + counter_count * ENERGY.size:
            raise BaselineError("block counter count")
        counters = []
        for _ in range(counter_count):
            counters.append(_energy(*ENERGY.unpack_from(payload, offset)))
            offset += ENERGY.size
        reading = DailyReading(_time(seconds), _energy(unit, milli), tuple(counters))
        entries.append(reading)
    if offset != len(payload):
        raise BaselineError("trailing bytes")
    body = DailyReadLogResponse(tuple(entries))
    return Response(
        request_id, target, SRV.RETRIEVE_IMPORT_DAILY_READ_LOG, RESPONSE_CODES[payload[0]], body
    )
