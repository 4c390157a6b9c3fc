"""The proof on a subset: over DUIS + test hooks (`s1sr run-duis`, real `s1sr emulate
--duis` servers) every (model, clause) verdict is the in-process run's, except the pairs
``s1sr.dut.duis.unsendable`` lists: each INCONCLUSIVE over DUIS, saying which request the
DUIS form cannot express (never ERROR, never hidden); and the rule that judges that."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from s1sr.cli import main
from s1sr.dut.duis.compare import Difference, compare, unexplained, verdicts
from s1sr.dut.duis.unsendable import CANNOT_EXPRESS, UNSENDABLE
from tests.prewarmed import run_module

# a whole model over DUIS and HTTP, and in process: handed out first
pytestmark = pytest.mark.heavy

MODELS = ("EX-ESME-1",)


def _results(report_dir: Path, output: str) -> Path:
    found = list(report_dir.glob("*/results.json"))
    assert len(found) == 1, output[-6000:]
    return found[0]


@pytest.mark.usefixtures("prewarmed_launches")
def test_verdicts_over_duis_are_the_in_process_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    models = [f"--device-model={m}" for m in MODELS]
    # ``s1sr run`` starts pytest in its process: a process of its own, forked prewarmed.
    done = run_module(
        "s1sr.cli",
        *["run", *models, "--report-dir", str(tmp_path / "in-process"), "-p", "no:randomly"],
        cwd=Path.cwd(),
        env=os.environ,
        timeout=600,
    )
    in_process = _results(tmp_path / "in-process", done.stdout + done.stderr)
    # ``s1sr run-duis`` here: its ``s1sr emulate --duis`` server and suite process are
    # processes of their own (forked prewarmed), speaking signed DUIS over HTTP. They start
    # in this folder, so they import the s1sr it holds, not this process's (under tox, the
    # installed wheel, whose suite is s1sr.conformance): the suite is the folder's too.
    argv = ["run-duis", "--jobs", "1", *models, "--report-dir", str(tmp_path / "duis")]
    if (Path.cwd() / "s1sr").is_dir():
        argv += ["--suite", str(Path.cwd() / "conformance")]
    main([*argv, "--", "-p", "no:randomly"])
    over_duis = _results(tmp_path / "duis", "".join(capsys.readouterr()))
    both, differences = compare(in_process, over_duis)
    assert both >= 30
    judged = set(verdicts(in_process)) & set(verdicts(over_duis))
    assert unexplained(differences, judged) == [], [d.line() for d in differences]
    # EX-ESME-1's one unsendable pair (18.27(q)'s caps) is among those compared.
    assert {(d.model, d.clause) for d in differences} == {
        pair for pair in UNSENDABLE if pair[0] in MODELS
    }


CAP = UNSENDABLE[("EX-ESME-1", "18.27(q)")]


def _difference(model: str, clause: str, right: str, reason: str) -> Difference:
    return Difference(model, clause, "PASS", right, reason)


def test_a_listed_pair_inconclusive_for_its_reason_is_explained():
    reason = f"{CANNOT_EXPRESS} 39 (2.1), so it was never sent: {CAP}"
    difference = _difference("EX-ESME-1", "18.27(q)", "INCONCLUSIVE", reason)
    assert unexplained([difference], {("EX-ESME-1", "18.27(q)")}) == []


def test_anything_else_that_differs_is_not():
    reason = f"{CANNOT_EXPRESS} 39 (2.1), so it was never sent: {CAP}"
    judged = {("EX-ESME-1", "18.27(q)"), ("EX-ESME-1", "18.6(b)")}
    problems = unexplained(
        [
            _difference("EX-ESME-1", "18.27(q)", "FAIL", reason),
            _difference("EX-ESME-1", "18.6(b)", "INCONCLUSIVE", reason),
        ],
        judged,
    )
    assert [p.split(":")[0] for p in problems] == ["not explained", "not explained"]
    wrong = _difference("EX-ESME-1", "18.27(q)", "INCONCLUSIVE", "the device refused it")
    assert unexplained([wrong], judged)[0].startswith("listed, but not for this reason")


def test_a_listed_pair_judged_alike_is_a_stale_entry():
    problems = unexplained([], {("EX-ESME-1", "18.27(q)")})
    assert problems == ["listed as unsendable, yet judged alike: EX-ESME-1 18.27(q)"]
