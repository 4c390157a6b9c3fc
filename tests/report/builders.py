"""Builders for report and gate tests: verdict records, metadata, evidence, run folders."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from s1sr.catalogue import Catalogue, load_catalogue
from s1sr.dmves import Dmves, load_dmves
from s1sr.evidence import EVIDENCE_FILE, EvidenceLog
from s1sr.report import RunMetadata, RunOptions, RunResults, WrittenReport, write_run
from s1sr.report.build import build_results
from s1sr.report.evidence_index import EvidenceIndex
from s1sr.verdicts import Verdict, VerdictRecord

REPO = Path(__file__).resolve().parents[2]
DMVES_FILE = REPO / "device_models" / "dmves.toml"
STARTED = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
RUN = "20261123T120000Z-abc123"


@functools.cache
def catalogue() -> Catalogue:
    return load_catalogue()


@functools.cache
def dmves() -> Dmves:
    return load_dmves(DMVES_FILE, catalogue())


def metadata(**changes: Any) -> RunMetadata:
    base = RunMetadata(
        run=RUN,
        suite_version="0.1.0",
        started=STARTED,
        finished=STARTED + timedelta(seconds=7),
        dut="emulator",
        dmves_source="device_models/dmves.toml",
        dmves_sha256="ab" * 32,
        options=RunOptions(),
        exit_status=0,
        python="3.11.7",
        platform="Linux",
    )
    return replace(base, **changes)


def record(
    model: str,
    clause: str,
    verdict: Verdict | str = Verdict.PASS,
    reason: str = "",
    *,
    evidence: Sequence[str] = (),
    node: str | None = None,
    expectation: str = "behaviour",
    srv: str | None = "2.2",
) -> VerdictRecord:
    return VerdictRecord(
        model_id=model,
        clause_id=clause,
        expectation=expectation,
        verdict=Verdict(verdict),
        reason=reason,
        srv=srv,
        node_id=node or f"conformance/test_x.py::test_x[{clause}-{model}]",
        evidence=tuple(evidence),
    )


def results(
    records: Iterable[VerdictRecord],
    meta: RunMetadata | None = None,
    evidence: EvidenceIndex | None = None,
) -> RunResults:
    return build_results(
        records,
        metadata=meta or metadata(),
        catalogue=catalogue(),
        dmves=dmves(),
        evidence=evidence or EvidenceIndex(),
    )


def frame(
    direction: str = "out",
    hex_: str = "5331010103",
    *,
    purpose: str = "",
    request_id: int = 1,
    srv: str = "2.2",
    decoded: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "node_id": "n",
        "model": "m",
        "clause": "c",
        "purpose": purpose,
        "request_id": request_id,
        "srv": srv,
        "seq": 0,
        "direction": direction,
        "hex": hex_,
        "decoded": decoded if decoded is not None else {"type": "Request", "request_id": 1},
        "virtual_time": "2024-01-15T12:00:00Z",
        "wall_time": "2026-11-23T12:00:01Z",
    }


def firmware_response(value: int | None, code: str = "I0") -> dict[str, Any]:
    body = (
        {
            "type": "ReadFirmwareVersionResponse",
            "version": {"type": "FirmwareVersion", "value": value},
        }
        if value is not None
        else None
    )
    return {"type": "Response", "request_id": 1, "code": code, "body": body}


def write_folder(
    folder: Path,
    records: Sequence[VerdictRecord] | None = None,
    *,
    lines: Sequence[tuple[str, dict[str, Any]]] = (),
    meta: RunMetadata | None = None,
) -> WrittenReport:
    """A run folder as the plugin leaves it: evidence lines (``main-1``, ...), a verdict line
    per record, then the report.

    Without ``records``: EX-ESME-1 fails 18.6(b) with evidence ``main-1..3`` and passes 18.1(v).
    """
    if records is None:
        lines = [
            ("frame", frame("out", "AA01", request_id=49)),
            (
                "frame",
                frame("in", "BB02", request_id=49, decoded={"type": "Response", "code": "I0"}),
            ),
            (
                "check",
                {
                    "passed": False,
                    "expected": "S1SP alert S1PX01",
                    "observed": "2.2 -> response I0",
                },
            ),
        ]
        records = [
            record(
                "EX-ESME-1",
                "18.6(b)",
                "FAIL",
                "expected S1PX01; observed I0",
                evidence=("main-1", "main-2", "main-3"),
            ),
            record("EX-ESME-1", "18.1(v)", "PASS", srv="1.1.1"),
        ]
    folder.mkdir(parents=True, exist_ok=True)
    with EvidenceLog(folder / EVIDENCE_FILE, source="main", run=folder.name) as log:
        if not lines:
            log.append("session", {"s1sr_version": "0.1.0"})
        for kind, payload in lines:
            log.append(kind, payload)
        for verdict in records:  # as the plugin records them, each as its test ends
            log.append("verdict", verdict.to_json())
    return write_run(
        folder, records, meta or metadata(run=folder.name), catalogue=catalogue(), dmves=dmves()
    )
