"""The one outcome every malformed-input test allows: a model, or ``CodecError`` and nothing else."""

from __future__ import annotations

from s1sr.codecs.errors import CodecError
from s1sr.codecs.wire import decode_message, encode_message


def decode_or_none(frame: bytes):
    """The decoded model, or ``None`` when refused; any other exception fails the test."""
    try:
        message = decode_message(frame)
    except CodecError as exc:
        assert exc.reason, "a refusal must say why"
        return None
    # Whatever decodes is canonical: it re-encodes to exactly the bytes it came from.
    assert encode_message(message) == frame
    return message
