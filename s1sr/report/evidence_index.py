"""The evidence log, indexed for the report: lines by id, and the firmware each device gave.

The firmware a device reported is read back from the identity checks the plugin records
(frames whose purpose is ``identity check of <model>``): the report states what the device
said, from the same frames the evidence shows, not from what the plugin concluded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from s1sr.evidence import EvidenceError, read_evidence

IDENTITY_PURPOSE = "identity check of "


@dataclass(frozen=True)
class EvidenceIndex:
    lines: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> line
    firmware: dict[str, tuple[str, ...]] = field(default_factory=dict)  # model -> reads
    problem: str | None = None  # why (part of) the log could not be read

    def get(self, line_id: str) -> dict[str, Any] | None:
        return self.lines.get(line_id)


def index_evidence(path: Path) -> EvidenceIndex:
    if not path.exists():
        return EvidenceIndex(problem=f"{path.name} is missing")
    problem = None
    lines = _whole_lines(path)
    if lines is None:  # not a log of plain one-object lines: the reader says what is wrong
        lines = {}
        try:
            for line in read_evidence(path):
                lines[str(line["id"])] = line
        except (EvidenceError, OSError, UnicodeDecodeError) as exc:
            problem = f"{path.name}: {exc}"
    return EvidenceIndex(lines, firmware_reads(lines.values()), problem)


_scan = json.JSONDecoder().scan_once  # what json.loads runs once past leading whitespace


def _whole_lines(path: Path) -> dict[str, dict[str, Any]] | None:
    """Lines by id when every whole line is one JSON object from ``{`` to ``}`` holding an
    id and a kind, as ``EvidenceLog`` writes them; None for anything else.

    The same records as ``read_evidence`` gives (same decoding, same newlines, a cut-short
    last line skipped), parsed in place in the text read at once, with no per-line copy or
    ``json.loads`` wrapping: the log of a whole-matrix run has thousands of lines. Anything
    unusual goes to ``read_evidence``, which states exactly what is wrong."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    lines: dict[str, dict[str, Any]] = {}
    start, stop = 0, text.rfind("\n") + 1  # after the last newline: a cut-short line, skipped
    while start < stop:
        if text[start] != "{":
            return None
        try:
            record, end = _scan(text, start)
        except Exception:  # whatever it is, read_evidence reports it
            return None
        # The object must end where its line does (a value may not run on to the next).
        if end != text.find("\n", start) or "id" not in record or "kind" not in record:
            return None
        lines[str(record["id"])] = record
        start = end + 1
    return lines


def firmware_reads(lines: Any) -> dict[str, tuple[str, ...]]:
    """Model id -> what each identity check read ("02030100", "not readable (response E11)")."""
    requests: dict[tuple[str, str, Any], str] = {}  # (writer, model, request id) -> outcome
    for line in lines:
        purpose = line.get("purpose")
        if line.get("kind") != "frame" or not isinstance(purpose, str):
            continue
        if not purpose.startswith(IDENTITY_PURPOSE):
            continue
        model = purpose[len(IDENTITY_PURPOSE) :]
        writer = str(line.get("id", "")).rsplit("-", 1)[0]
        key = (writer, model, line.get("request_id"))
        requests.setdefault(key, "not readable (no response)")
        if line.get("direction") == "in":
            outcome = _outcome(line.get("decoded"))
            if outcome is not None:
                requests[key] = outcome
    result: dict[str, list[str]] = {}
    for (_, model, _), outcome in requests.items():
        reads = result.setdefault(model, [])
        if outcome not in reads:
            reads.append(outcome)
    return {model: tuple(reads) for model, reads in result.items()}


def _outcome(decoded: object) -> str | None:
    if not isinstance(decoded, dict) or decoded.get("type") != "Response":
        return None
    body = decoded.get("body")
    if isinstance(body, dict) and body.get("type") == "ReadFirmwareVersionResponse":
        version = body.get("version")
        value = version.get("value") if isinstance(version, dict) else version
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1 << 32:
            return f"{value:08X}"
        return f"unreadable version {value!r}"
    return f"not readable (response {decoded.get('code', '?')})"
