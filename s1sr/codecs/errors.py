"""The one exception every decoder raises for malformed input."""

from __future__ import annotations


class CodecError(ValueError):
    """Malformed bytes, with the path of the field where decoding failed.

    Every public decode entry point converts construct's errors, ``struct.error``,
    ``IndexError`` and model validation errors into this, so callers handle one type.
    """

    def __init__(self, message: str, path: str = "") -> None:
        self.reason = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)
