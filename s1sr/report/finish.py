"""Finish a run folder that several pytest processes wrote into: its end-of-run files, once.

A launcher (``s1sr run-tcp``, and any other that runs one pytest process per Device Model
into one shared run folder through ``S1SR_RUN_DIR``) must not let each process write
results.json, junit.xml, summary.md, matrix.html and the manifest at its end: the last one
would win with only its own model's verdicts, while evidence.jsonl holds every model's, and
``s1sr report verify`` and ``s1sr gate`` would rightly refuse the folder. So the launcher
gives each process a part file (``S1SR_RUN_PART``): the plugin then writes there what only
that process knows (its RunMetadata and test durations) instead of the report files, and
once every process has ended ``finish_run`` builds the files ONCE from the whole evidence
log with ``write_run``, the code a single run uses at its end, and signs the folder if asked.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import s1sr
from s1sr.catalogue import Catalogue
from s1sr.dmves import Dmves
from s1sr.evidence import EVIDENCE_FILE
from s1sr.report.errors import ReportError
from s1sr.report.jsonread import Fields
from s1sr.report.load import sign_run
from s1sr.report.metadata import INCOMPLETE_EXIT, RunMetadata, RunOptions
from s1sr.report.recorded import recorded_verdicts
from s1sr.report.write import WrittenReport, write_run

PART_ENV = "S1SR_RUN_PART"  # set by a launcher: write this part file, not the report files
_NO_TESTS = 5  # pytest's "no tests collected": that process judged nothing, which is no failure


@dataclass(frozen=True)
class RunPart:
    """What one process of a multi-process run knows that the evidence log does not."""

    metadata: RunMetadata
    durations: Mapping[str, float]

    def to_json(self) -> dict[str, Any]:
        return {"metadata": self.metadata.to_json(), "durations": dict(self.durations)}

    @classmethod
    def read(cls, path: Path) -> RunPart:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReportError(f"cannot be read: {exc}", str(path)) from exc
        top = Fields(data, str(path), "")
        durations = top.child("durations").data
        if not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in durations.values()
        ):
            raise ReportError("must map node ids to seconds", str(path), "durations")
        return cls(
            RunMetadata.from_fields(top.child("metadata")),
            {str(k): float(v) for k, v in durations.items()},
        )

    def write(self, path: Path) -> Path:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(json.dumps(self.to_json()), encoding="utf-8")
        os.replace(temporary, path)
        return path


@dataclass(frozen=True)
class ProcessEnd:
    """One process of the run as the launcher saw it end: its part file, if it wrote one."""

    name: str  # e.g. the Device Model it ran
    exit_code: int
    part: Path


def finish_run(
    run_dir: Path,
    ends: Sequence[ProcessEnd],
    *,
    dut: str,
    device_models: Sequence[str],
    started: datetime,
    finished: datetime,
    catalogue: Catalogue,
    dmves: Dmves,
    sign_key: Ed25519PrivateKey | None = None,
) -> WrittenReport | None:
    """Write ``run_dir``'s report files from its whole evidence log once every process in
    ``ends`` has finished, then sign it with ``sign_key`` if given. None when no process
    wrote any evidence (no conformance test ran: no folder, as with one run). ReportError
    when a part cannot be read or the folder cannot be signed."""
    if not (run_dir / EVIDENCE_FILE).is_file():
        return None
    parts = [RunPart.read(end.part) for end in ends if end.part.is_file()]
    records = recorded_verdicts(run_dir).tests.values()
    durations: dict[str, float] = {}
    for part in parts:
        durations.update(part.durations)
    metadata = whole_run_metadata(
        run_dir.name,
        ends,
        [p.metadata for p in parts],
        dut=dut,
        device_models=device_models,
        started=started,
        finished=finished,
        dmves=dmves,
    )
    report = write_run(
        run_dir, records, metadata, catalogue=catalogue, dmves=dmves, durations=durations
    )
    if sign_key is not None:
        sign_run(report.folder, sign_key)
    return report


def whole_run_metadata(
    run: str,
    ends: Sequence[ProcessEnd],
    parts: Sequence[RunMetadata],
    *,
    dut: str,
    device_models: Sequence[str],
    started: datetime,
    finished: datetime,
    dmves: Dmves,
) -> RunMetadata:
    """The metadata of the whole run: its models, the DUT of every process, the options the
    processes shared, and an exit status that is incomplete if any process's was."""
    options = parts[0].options if parts else RunOptions()
    options = replace(
        options,
        device_models=tuple(device_models),
        workers=max((p.options.workers for p in parts), default=0),
    )
    missing = [e for e in ends if not e.part.is_file()]
    return RunMetadata(
        run=run,
        suite_version=s1sr.__version__,
        started=started,
        finished=finished,
        dut=dut,
        dmves_source=dmves.source,
        dmves_sha256=dmves.sha256,
        options=options,
        exit_status=whole_exit_status([e.exit_code for e in ends]),
        other_failures=tuple(
            dict.fromkeys(
                [f for p in parts for f in p.other_failures]
                + [
                    f"{e.name}: pytest ended (exit code {e.exit_code}) before its end"
                    for e in missing
                ]
            )
        ),
        python=_joined([p.python for p in parts] or [platform.python_version()]),
        platform=_joined([p.platform for p in parts] or [platform.platform()]),
    )


def whole_exit_status(codes: Sequence[int]) -> int:
    """pytest's exit status for the whole run: incomplete (2, 3, 4) if any process was, a
    process killed or crashed counting as an internal error (3); else 1 if any failed."""
    for code in codes:
        if code in INCOMPLETE_EXIT:
            return code
    if any(code not in (0, 1, _NO_TESTS) for code in codes):
        return 3
    return 1 if 1 in codes else 0


def _joined(values: Sequence[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))
