"""Two runs' verdicts, pair by pair: the proof that DUIS over HTTP judges as in process.

Reads two ``results.json`` files and lists every (Device Model, clause) pair whose
verdict differs, or that only one run judged. Reasons are not compared (they name the
transport), verdicts are.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

Pair = tuple[str, str]


@dataclass(frozen=True)
class Difference:
    model: str
    clause: str
    left: str  # the verdict, or "-" when that run did not judge the pair
    right: str
    right_reason: str = ""

    def line(self) -> str:
        why = f" ({self.right_reason})" if self.right_reason else ""
        return f"{self.model} {self.clause}: {self.left} vs {self.right}{why}"


def verdicts(path: Path) -> dict[Pair, tuple[str, str]]:
    """(model, clause) -> (verdict, reason) of a results.json (or the folder holding one)."""
    path = Path(path)
    if path.is_dir():
        path = path / "results.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        (r["model"], r["clause"]): (r["verdict"], r.get("reason", "")) for r in document["results"]
    }


def compare(left: Path, right: Path) -> tuple[int, list[Difference]]:
    """How many pairs both judged, and every pair whose verdicts are not identical."""
    a, b = verdicts(left), verdicts(right)
    differences = []
    for pair in sorted(set(a) | set(b)):
        va, vb = a.get(pair, ("-", "")), b.get(pair, ("-", ""))
        if va[0] != vb[0]:
            differences.append(Difference(pair[0], pair[1], va[0], vb[0], vb[1]))
    return len(set(a) & set(b)), differences
