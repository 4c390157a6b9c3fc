"""The evidence log: one JSON object per line, appended and flushed as the run goes.

Every line is written with a single ``write`` on a file opened for appending and flushed at
once, so a crash loses nothing already recorded (at worst a last line cut short, which
``read_evidence`` reports and skips). Several pytest-xdist workers share one file: each
line is written under an exclusive ``flock`` where the platform has one (O_APPEND alone
already keeps whole lines apart on local Linux file systems). Each line has an ``id``
(``<source>-<n>``: the worker and its count) that verdict records point to.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

try:  # POSIX only; elsewhere O_APPEND is all there is
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

EVIDENCE_FILE = "evidence.jsonl"
# For launchers that run several pytest processes into one run folder (s1sr.dut.launcher):
RUN_DIR_ENV = "S1SR_RUN_DIR"  # the run folder every process appends to
SOURCE_ENV = "S1SR_EVIDENCE_SOURCE"  # a prefix that keeps each process's line ids apart


class EvidenceError(ValueError):
    pass


class EvidenceLog:
    def __init__(self, path: Path, *, source: str = "main", run: str = "") -> None:
        self.path = Path(path)
        self.source = source
        self.run = run
        self._count = 0
        self._file: TextIO | None = None
        self._lock = threading.Lock()

    def append(self, kind: str, payload: Mapping[str, Any]) -> str:
        """Write one line now; its evidence id."""
        with self._lock:
            self._count += 1
            line_id = f"{self.source}-{self._count}"
            record = {"id": line_id, "kind": kind, "run": self.run, **payload}
            text = _encode(record) + "\n"
            handle = self._open()
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                handle.write(text)
                handle.flush()
            finally:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            return line_id

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def _open(self) -> TextIO:
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One write per line, no Python-side buffering across lines.
            self._file = open(self.path, "a", encoding="utf-8", buffering=1 << 16)
        return self._file

    def __enter__(self) -> EvidenceLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_evidence(path: Path, *, kind: str | None = None) -> Iterator[dict[str, Any]]:
    """Every whole line of an evidence log; a cut-short last line (a crash) is skipped.

    ``kind``: only the lines of that kind, as ``EvidenceLog`` writes them; the others are
    passed over undecoded (a whole-matrix log is thousands of frames, and a reader after
    its verdicts has no use for them; ``s1sr.report`` reads and checks every line).
    """
    with open(path, encoding="utf-8") as handle:
        lines = handle.readlines()
    marker = None if kind is None else _kind_marker(kind)
    for number, line in enumerate(lines, 1):
        if not line.endswith("\n"):
            return  # the line a crash cut short: everything before it stands
        if marker is not None and marker not in line:
            continue  # not written as a line of that kind: never one
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvidenceError(f"{path}:{number}: not JSON: {exc}") from exc
        if not isinstance(record, dict) or "id" not in record or "kind" not in record:
            raise EvidenceError(f"{path}:{number}: not an evidence record")
        if kind is None or record["kind"] == kind:
            yield record


def _kind_marker(kind: str) -> str:
    """The text every line of that kind holds, as ``EvidenceLog.append`` encodes it."""
    return _encode({"kind": kind})[1:-1]


def _encode(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
