"""Originator counters that only go up: across exchanges, restarts and parallel workers.

A DCC refuses a RequestID whose counter it has seen for that originator, so the counter
is kept in a small JSON file (``{"<originator EUI>": last}``) updated under an exclusive
OS file lock: two pytest-xdist workers, or a suite restarted tomorrow, never reuse one.
The next value is also at least the current time in microseconds, so a lost file still
gives counters above any a DCC has seen from this machine before.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

from s1sr.models import EUI64

COUNTER_FILE_NAME = "duis-counters.json"
MAX_COUNTER = (1 << 64) - 1


def default_counter_file() -> Path:
    """Under the user's state folder (``$XDG_STATE_HOME``, else ``~/.local/state``)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "s1sr" / COUNTER_FILE_NAME


class OriginatorCounters:
    """``next(originator)``: a counter greater than every one handed out before."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_counter_file()

    def next(self, originator: EUI64) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+", encoding="utf-8") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                handle.seek(0)
                text = handle.read()
                try:
                    seen = json.loads(text) if text.strip() else {}
                except json.JSONDecodeError:
                    seen = {}  # a torn file: the clock floor below still keeps counters up
                if not isinstance(seen, dict):
                    seen = {}
                key = str(originator)
                last = seen.get(key, 0)
                last = last if isinstance(last, int) and not isinstance(last, bool) else 0
                value = max(last + 1, time.time_ns() // 1000)
                if value > MAX_COUNTER:
                    raise OverflowError(f"the originator counter of {key} is exhausted")
                seen[key] = value
                handle.seek(0)
                handle.truncate()
                handle.write(json.dumps(seen, sort_keys=True))
                handle.flush()
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return value
