"""Two runs' verdicts, pair by pair: the proof that DUIS over HTTP judges as in process.

Reads two ``results.json`` files and lists every (Device Model, clause) pair whose
verdict differs, or that only one run judged. Reasons are not compared (they name the
transport), verdicts are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from s1sr.dut.duis.unsendable import CANNOT_EXPRESS, UNSENDABLE

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


def unexplained(
    differences: list[Difference],
    judged: set[Pair],
    allowed: Mapping[Pair, str] = UNSENDABLE,
) -> list[str]:
    """What the proof cannot accept: a difference that is not a listed pair INCONCLUSIVE over
    DUIS with its listed reason, and a listed pair both runs judged alike (a stale entry)."""
    problems = []
    found = {(d.model, d.clause): d for d in differences}
    for pair, difference in found.items():
        why = allowed.get(pair)
        reason = difference.right_reason
        if why is None or difference.right != "INCONCLUSIVE":
            problems.append(f"not explained: {difference.line()}")
        elif not (reason.startswith(CANNOT_EXPRESS) and why in reason):
            problems.append(f"listed, but not for this reason ({why}): {difference.line()}")
    for pair in sorted(set(allowed) & judged - set(found)):
        problems.append(f"listed as unsendable, yet judged alike: {pair[0]} {pair[1]}")
    return problems
