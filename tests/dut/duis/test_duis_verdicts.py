"""The proof on a subset: over DUIS + test hooks (`s1sr run-duis`, real `s1sr emulate
--duis` servers) every (model, clause) verdict is the in-process run's, except the pairs
listed in ``UNSENDABLE``: each INCONCLUSIVE over DUIS, saying which request the DUIS form
cannot express (never ERROR, never hidden)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from s1sr.dut.duis.compare import compare

MODELS = ("EX-ESME-1",)
# The only pair allowed to differ, INCONCLUSIVE over DUIS with this reason (docs/duis.md,
# "Testing through DCC Boxed"): 18.27(q) needs 2.1 caps (hourly, daily, £100) that DUIS's
# electricity 2.1 cannot express (weekly, 65.535 p at most).
CANNOT_EXPRESS = "the DUIS form cannot express request"
UNSENDABLE = {
    ("EX-ESME-1", "18.27(q)"): "(2.1), so it was never sent: debt_recovery_rate_cap: DUIS's",
}


def _run(command: list[str], report_dir: Path) -> Path:
    models = [f"--device-model={m}" for m in MODELS]
    done = subprocess.run(
        [sys.executable, "-m", "s1sr.cli", *command, *models, "--report-dir", str(report_dir)]
        + (["--", "-p", "no:randomly"] if command[0] == "run-duis" else ["-p", "no:randomly"]),
        capture_output=True,
        text=True,
        timeout=600,
    )
    found = list(report_dir.glob("*/results.json"))
    assert len(found) == 1, done.stdout[-3000:] + done.stderr[-3000:]
    return found[0]


def test_verdicts_over_duis_are_the_in_process_ones(tmp_path: Path) -> None:
    in_process = _run(["run"], tmp_path / "in-process")
    over_duis = _run(["run-duis", "--jobs", "1"], tmp_path / "duis")
    both, differences = compare(in_process, over_duis)
    assert both >= 30
    found = {(d.model, d.clause): d for d in differences}
    assert set(found) == set(UNSENDABLE), [d.line() for d in differences]
    for pair, why in UNSENDABLE.items():
        difference = found[pair]
        assert difference.right == "INCONCLUSIVE", difference.line()
        assert difference.right_reason.startswith(CANNOT_EXPRESS), difference.line()
        assert why in difference.right_reason, difference.line()
