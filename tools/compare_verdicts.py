"""Compare two runs' verdicts pair by pair: exit 0 when every (model, clause) is identical,
or differs only as ``s1sr.dut.duis.unsendable`` lists (a request no DUIS user can send).

python tools/compare_verdicts.py IN_PROCESS/results.json OVER_DUIS/results.json
"""

from __future__ import annotations

import sys
from pathlib import Path

from s1sr.dut.duis.compare import compare, unexplained, verdicts


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    left, right = Path(argv[0]), Path(argv[1])
    both, differences = compare(left, right)
    for difference in differences:
        print(difference.line())
    problems = unexplained(differences, set(verdicts(left)) & set(verdicts(right)))
    for problem in problems:
        print(problem)
    allowed = len(differences) - sum(
        p.startswith(("not explained", "listed, but")) for p in problems
    )
    print(
        f"{both} pairs judged by both; {len(differences)} differ, {allowed} of them as a"
        f" request no DUIS user can send (s1sr.dut.duis.unsendable); {len(problems)} problem(s)"
    )
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
