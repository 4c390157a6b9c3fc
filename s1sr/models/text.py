"""Echoing input back in a message: cut to a readable length.

A message that repeats what it was given (an id, a field, a line of a file) must stay
readable whatever it was given: a 100,000-character id is shown by its start and its length.
"""

from __future__ import annotations

ECHO_LIMIT = 80


def clip(text: object, limit: int = ECHO_LIMIT) -> str:
    """``text`` as a string of at most about ``limit`` characters, saying how long it was."""
    shown = str(text)
    if len(shown) <= limit:
        return shown
    return f"{shown[:limit]}...({len(shown)} characters)"
