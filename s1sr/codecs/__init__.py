"""Sans-I/O codecs: bytes to typed SRV models and back, nothing else."""

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import (
    MAX_FRAME_BYTES,
    FrameReader,
    WireMessage,
    decode_message,
    encode_message,
)

__all__ = [
    "MAX_FRAME_BYTES",
    "CodecError",
    "FrameReader",
    "WireMessage",
    "decode_message",
    "encode_message",
]
