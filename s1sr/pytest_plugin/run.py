"""The run folder and the evidence log a process of the run writes to.

The controlling process names the run ``<UTC timestamp>-<short id>`` once; pytest-xdist
workers receive that name, so every process appends to the same
``<report-dir>/<run>/evidence.jsonl`` (each line carries its writer in its id). Nothing is
created until the first line is written: a pytest run with no conformance test leaves no
folder behind.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import s1sr
from s1sr.dut import DutExchange
from s1sr.evidence import EVIDENCE_FILE, EvidenceLog
from s1sr.verdicts import VerdictRecord


def new_run_name(now: datetime | None = None) -> str:
    instant = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{instant:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class TestContext:
    node_id: str
    model_id: str
    clause_id: str
    evidence: list[str] = field(default_factory=list)


class RunRecorder:
    """Appends frames, checks and verdicts of this process to the run's evidence log."""

    def __init__(self, run_dir: Path, *, source: str, metadata: dict[str, Any]) -> None:
        self.run_dir = run_dir
        self.log = EvidenceLog(run_dir / EVIDENCE_FILE, source=source, run=run_dir.name)
        self._metadata = metadata
        self._started = False
        self.current: TestContext | None = None

    def _line(self, kind: str, payload: dict[str, Any], *, attach: bool = True) -> str:
        self.start()
        line_id = self.log.append(kind, payload)
        if attach and self.current is not None:
            self.current.evidence.append(line_id)
        return line_id

    def _where(self) -> dict[str, Any]:
        context = self.current
        if context is None:
            return {"node_id": None, "model": None, "clause": None}
        return {
            "node_id": context.node_id,
            "model": context.model_id,
            "clause": context.clause_id,
        }

    def start(self) -> None:
        """Write the session line now if nothing has yet (a run that judges nothing)."""
        if not self._started:
            self._started = True
            self.log.append("session", {"s1sr_version": s1sr.__version__, **self._metadata})

    def frames(self, exchange: DutExchange, purpose: str = "") -> None:
        for seq, item in enumerate(exchange.frames):
            payload = {
                **self._where(),
                "purpose": purpose,
                "request_id": exchange.request.request_id,
                "srv": exchange.request.srv.value,
                "seq": seq,
                **item.to_json(),
            }
            self._line("frame", payload)

    def check(self, passed: bool, expected: str, observed: str) -> None:
        self._line(
            "check", {**self._where(), "passed": passed, "expected": expected, "observed": observed}
        )

    def verdict(self, record: VerdictRecord) -> None:
        self._line("verdict", record.to_json(), attach=False)

    def close(self) -> None:
        self.log.close()
