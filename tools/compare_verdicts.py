"""Compare two runs' verdicts pair by pair: exit 0 when every (model, clause) is identical.

python tools/compare_verdicts.py IN_PROCESS/results.json OVER_DUIS/results.json
"""

from __future__ import annotations

import sys
from pathlib import Path

from s1sr.dut.duis.compare import compare


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    both, differences = compare(Path(argv[0]), Path(argv[1]))
    for difference in differences:
        print(difference.line())
    print(f"{both} pairs judged by both; {len(differences)} differ")
    return 0 if not differences else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
