"""Echoing input back in a message: cut to a readable length.

A message that repeats what it was given (an id, a field, a line of a file) must stay
readable whatever it was given: a 100,000-character id is shown by its start and its length.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

ECHO_LIMIT = 80


def clip(text: object, limit: int = ECHO_LIMIT) -> str:
    """``text`` as a string of at most about ``limit`` characters, saying how long it was."""
    shown = str(text)
    if len(shown) <= limit:
        return shown
    return f"{shown[:limit]}...({len(shown)} characters)"


def near_names(name: str, known: Iterable[str], count: int = 3) -> list[str]:
    """The known names closest to a mistyped one (none when nothing is close)."""
    return difflib.get_close_matches(name, list(known), n=count, cutoff=0.6)


def no_such(kind: str, unknown: Iterable[str], known: Iterable[str], listing: str = "") -> str:
    """``no such fault: 'x' (did you mean 'y'?)``, each unknown name cut and matched alone.

    ``listing`` names the command that lists them all, for when no name is close.
    """
    known = list(known)
    parts = []
    for name in unknown:
        near = near_names(name, known)
        hint = f" (did you mean {' or '.join(repr(n) for n in near)}?)" if near else ""
        parts.append(f"{clip(name)!r}{hint}")
    message = f"no such {kind}: {', '.join(parts)}"
    return f"{message}; `{listing}` lists them" if listing else message
