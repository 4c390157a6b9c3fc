"""Errors of the S1SP layer's own use (not DUIS outcomes, which are messages)."""


class S1spError(RuntimeError):
    """The S1SP was asked something it cannot do (e.g. wait without a way to wait)."""
