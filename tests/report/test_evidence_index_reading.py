"""The evidence index reads the log in one go, yet gives exactly what reading it line by line
with ``read_evidence`` gives: the same lines, in the same order, and the same problem."""

from __future__ import annotations

import json

import pytest

from s1sr.evidence import EvidenceError, read_evidence
from s1sr.report.evidence_index import index_evidence

GOOD = [
    {"id": "main-1", "kind": "check", "run": "r", "passed": True, "note": "a\u2028b"},
    {"id": "main-2", "kind": "frame", "decoded": {"type": "Response", "values": [1, 2.5]}},
]


def _log(*rows: str) -> bytes:
    return "".join(rows).encode("utf-8")


def _good(row: int) -> str:
    return json.dumps(GOOD[row], ensure_ascii=False, separators=(",", ":")) + "\n"


CASES = {
    "as-written": _log(_good(0), _good(1)),
    "cut-short-last-line": _log(_good(0), '{"id": "main-2", "kind": "fr'),
    "empty": b"",
    "spaces-between-tokens": _log(json.dumps(GOOD[0]) + "\n", _good(1)),
    "leading-and-trailing-spaces": _log("  " + _good(0).rstrip("\n") + " \t\n", _good(1)),
    "blank-line": _log(_good(0), "\n", _good(1)),
    "object-over-two-lines": _log('{"id":"main-1",\n"kind":"check"}\n', _good(1)),
    "two-objects-on-a-line": _log('{"id":"a","kind":"x"} {"id":"b","kind":"x"}\n'),
    "not-an-object": _log(_good(0), "[1, 2]\n", _good(1)),
    "no-id": _log(_good(0), '{"kind":"check"}\n', _good(1)),
    "no-kind": _log('{"id":"main-1"}\n', _good(1)),
    "not-json": _log(_good(0), "not json\n", _good(1)),
    "byte-order-mark": b"\xef\xbb\xbf" + _log(_good(0), _good(1)),
    "not-utf-8": _log(_good(0)) + b'{"id":"\xff","kind":"x"}\n',
    "crlf-line-ends": _log(_good(0).replace("\n", "\r\n"), _good(1).replace("\n", "\r\n")),
    "a-lone-cr-ends-a-line": _log(_good(0).replace("\n", "\r"), _good(1)),
    "duplicate-keys-and-nan": _log('{"id":"main-1","kind":"a","kind":"b","v":NaN}\n'),
    "number-ids": _log('{"id":7,"kind":"check"}\n{"id":"7","kind":"frame"}\n'),
}


def _line_by_line(path):
    """What the index held when it called ``json.loads`` on each line."""
    lines, problem = {}, None
    try:
        for line in read_evidence(path):
            lines[str(line["id"])] = line
    except (EvidenceError, OSError, UnicodeDecodeError) as exc:
        problem = f"{path.name}: {exc}"
    return lines, problem


@pytest.mark.parametrize("content", CASES.values(), ids=CASES.keys())
def test_the_index_holds_what_reading_line_by_line_gives(tmp_path, content):
    path = tmp_path / "evidence.jsonl"
    path.write_bytes(content)
    lines, problem = _line_by_line(path)
    index = index_evidence(path)
    assert list(index.lines.items()) == list(lines.items())
    assert index.problem == problem


def test_a_log_too_deeply_nested_fails_as_it_did(tmp_path):
    path = tmp_path / "evidence.jsonl"
    path.write_text('{"id":"main-1","kind":"x","v":' + "[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(RecursionError):
        _line_by_line(path)
    with pytest.raises(RecursionError):
        index_evidence(path)
