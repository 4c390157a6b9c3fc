"""The release decision: what blocks, what a waiver covers, what is only listed."""

from __future__ import annotations

from datetime import date

import pytest

from s1sr.gate import Kind, Waiver, decide
from tests.report.builders import metadata, record, results

TODAY = date(2026, 11, 23)


def waiver(model="EX-ESME-1", clause="18.6(b)", expires=date(2026, 12, 31)):
    return Waiver(clause, model, "ticket SUP-1", expires)


def run(*records, **meta):
    return results(records, metadata(**meta))


def kinds(findings):
    return [(f.kind, f.model, f.clause) for f in findings]


def test_all_pass_passes():
    decision = decide(run(record("EX-ESME-1", "18.6(b)")), today=TODAY)
    assert decision.passed and decision.exit_code == 0 and not decision.blocking


@pytest.mark.parametrize("verdict", ["FAIL", "ERROR"])
def test_fail_and_error_block(verdict):
    decision = decide(run(record("EX-ESME-1", "18.6(b)", verdict, "why")), today=TODAY)
    assert not decision.passed and decision.exit_code == 1
    assert kinds(decision.blocking) == [(Kind(verdict), "EX-ESME-1", "18.6(b)")]
    assert decision.blocking[0].message == "why"


def test_a_waiver_covers_its_pair_only():
    current = run(record("EX-ESME-1", "18.6(b)", "FAIL"), record("EX-GSME-1", "18.6(b)", "ERROR"))
    decision = decide(current, today=TODAY, waivers=[waiver()])
    assert kinds(decision.waived) == [(Kind.FAIL, "EX-ESME-1", "18.6(b)")]
    assert decision.waived[0].waiver == waiver()
    assert kinds(decision.blocking) == [(Kind.ERROR, "EX-GSME-1", "18.6(b)")]


def test_an_expired_waiver_blocks_and_waives_nothing():
    current = run(record("EX-ESME-1", "18.6(b)", "FAIL"))
    decision = decide(current, today=date(2027, 1, 1), waivers=[waiver()])
    assert kinds(decision.blocking) == [
        (Kind.EXPIRED_WAIVER, "EX-ESME-1", "18.6(b)"),
        (Kind.FAIL, "EX-ESME-1", "18.6(b)"),
    ]
    assert "expired" in decision.blocking[0].message and not decision.waived


def test_an_expired_waiver_blocks_even_when_its_pair_passes():
    decision = decide(
        run(record("EX-ESME-1", "18.6(b)")), today=date(2027, 1, 1), waivers=[waiver()]
    )
    assert kinds(decision.blocking) == [(Kind.EXPIRED_WAIVER, "EX-ESME-1", "18.6(b)")]


def test_a_waiver_holds_on_its_last_day():
    current = run(record("EX-ESME-1", "18.6(b)", "FAIL"))
    assert decide(current, today=date(2026, 12, 31), waivers=[waiver()]).passed


def test_inconclusive_is_listed_and_blocks_only_when_strict():
    current = run(record("EX-PPMID-1", "18.63(c)", "INCONCLUSIVE", "uncertain", srv="11.1"))
    relaxed = decide(current, today=TODAY)
    assert relaxed.passed and kinds(relaxed.inconclusive) == [
        (Kind.INCONCLUSIVE, "EX-PPMID-1", "18.63(c)")
    ]
    strict = decide(current, today=TODAY, strict=True)
    assert not strict.passed and kinds(strict.blocking) == kinds(strict.inconclusive)
    waived = decide(current, today=TODAY, strict=True, waivers=[waiver("EX-PPMID-1", "18.63(c)")])
    assert waived.passed and kinds(waived.waived) == kinds(strict.blocking)


@pytest.mark.parametrize(
    ("now", "kind"),
    [("FAIL", Kind.FAIL), ("INCONCLUSIVE", Kind.INCONCLUSIVE), ("NOT_APPLICABLE", Kind.REGRESSION)],
)
def test_what_passed_in_the_baseline_must_pass_now(now, kind):
    baseline = run(record("EX-ESME-1", "18.6(b)"), run="base")
    current = run(record("EX-ESME-1", "18.6(b)", now, "r"))
    decision = decide(current, today=TODAY, baseline=baseline)
    assert kinds(decision.blocking) == [(kind, "EX-ESME-1", "18.6(b)")]
    assert decision.blocking[0].regression
    assert decision.blocking[0].message.startswith(f"PASS in the baseline, {now} now")


def test_a_pair_the_baseline_passed_and_this_run_did_not_judge_is_a_regression():
    baseline = run(record("EX-ESME-1", "18.6(b)"), record("EX-GSME-1", "18.6(b)"), run="base")
    decision = decide(run(record("EX-ESME-1", "18.6(b)")), today=TODAY, baseline=baseline)
    assert kinds(decision.blocking) == [(Kind.REGRESSION, "EX-GSME-1", "18.6(b)")]
    assert "not judged in this run" in decision.blocking[0].message


def test_a_waiver_covers_a_regression_too():
    baseline = run(record("EX-ESME-1", "18.6(b)"), run="base")
    current = run(record("EX-ESME-1", "18.6(b)", "FAIL"))
    decision = decide(current, today=TODAY, baseline=baseline, waivers=[waiver()])
    assert decision.passed and decision.waived[0].regression


def test_what_failed_before_and_fails_now_is_no_regression_but_still_blocks():
    baseline = run(record("EX-ESME-1", "18.6(b)", "FAIL"), run="base")
    decision = decide(run(record("EX-ESME-1", "18.6(b)", "FAIL")), today=TODAY, baseline=baseline)
    assert not decision.blocking[0].regression and not decision.passed


def test_an_incomplete_run_a_failure_without_verdict_and_an_empty_run_block():
    decision = decide(
        run(
            record("EX-ESME-1", "18.6(b)"), exit_status=2, other_failures=("s1sr-clause-coverage",)
        ),
        today=TODAY,
    )
    assert [f.kind for f in decision.blocking] == [Kind.INCOMPLETE_RUN, Kind.NO_VERDICT_FAILURE]
    assert "s1sr-clause-coverage" in decision.blocking[1].message
    empty = decide(run(), today=TODAY)
    assert [f.kind for f in empty.blocking] == [Kind.NO_VERDICTS]


def test_notes_say_which_waivers_waive_nothing_and_what_differs_from_the_baseline():
    baseline = run(record("EX-ESME-1", "18.6(b)"), run="base", dmves_sha256="cd" * 32)
    decision = decide(
        run(record("EX-ESME-1", "18.6(b)")),
        today=TODAY,
        baseline=baseline,
        waivers=[waiver(), waiver("EX-GSME-1")],
    )
    assert decision.passed
    assert (
        "waiver 18.6(b) / EX-ESME-1 (until 2026-12-31) waives nothing: PASS now" in decision.notes
    )
    assert any("EX-GSME-1" in n and "not judged in this run" in n for n in decision.notes)
    assert any(n.startswith("the baseline ran on another DMVES") for n in decision.notes)


def test_json_view():
    decision = decide(
        run(record("EX-ESME-1", "18.6(b)", "FAIL", "r")), today=TODAY, waivers=[waiver()]
    )
    data = decision.to_json()
    assert data["passed"] is True and data["exit_code"] == 0
    assert data["waived"][0]["waiver"] == {"reason": "ticket SUP-1", "expires": "2026-12-31"}
