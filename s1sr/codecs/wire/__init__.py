"""The s1sr wire format: any model in a checksummed frame (specified in docs/wire-format.md).

``encode_message`` / ``decode_message`` convert between a model (``Request``,
``Response``, ``Alert``, ``ControlRequest``, ``ControlResponse``) and one frame;
``FrameReader`` splits a byte stream into frames.
"""

from s1sr.codecs.wire.checksum import crc32
from s1sr.codecs.wire.codec import WireMessage, decode_header, decode_message, encode_message
from s1sr.codecs.wire.constants import (
    CHECKSUM_SIZE,
    HEADER_SIZE,
    MAGIC,
    MAX_FRAME_BYTES,
    MAX_PAYLOAD_BYTES,
    VERSION,
    Kind,
)
from s1sr.codecs.wire.header import FrameHeader
from s1sr.codecs.wire.reader import FrameReader

__all__ = [
    "CHECKSUM_SIZE",
    "HEADER_SIZE",
    "MAGIC",
    "MAX_FRAME_BYTES",
    "MAX_PAYLOAD_BYTES",
    "VERSION",
    "FrameHeader",
    "FrameReader",
    "Kind",
    "WireMessage",
    "crc32",
    "decode_header",
    "decode_message",
    "encode_message",
]
