"""How a test ends decides its verdict, and pytest shows and counts it that way."""

from __future__ import annotations

import json

from tests.suite.adapters import fake_adapter
from tests.suite.conftest import evidence_lines, verdicts_of

pytest_plugins = ["pytester"]

ONE_PPMID = ("--device-model", "EX-PPMID-1")

BRANCHES = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest, ResponseCode

@pytest.mark.clause("18.64(a)")
def test_read(case):
    ex = case.exchange(ReadFirmwareVersionRequest())
    outcome = {outcome!r}
    if outcome == "fail":
        case.expect(ex.response_code == ResponseCode.E11, expected="response E11 (refused)",
                    observed=ex.summary())
    elif outcome == "assert":
        assert ex.response_code == ResponseCode.E11
    elif outcome == "inconclusive":
        case.inconclusive("cannot tell", observed=ex.summary())
    elif outcome == "crash":
        raise KeyError("oops")
    elif outcome == "skip":
        pytest.skip("not today")
"""


def run_branch(pytester, run_suite, outcome, *args):
    pytester.makepyfile(BRANCHES.format(outcome=outcome))
    return run_suite(*ONE_PPMID, *args)


def test_a_test_that_runs_to_its_end_passes(pytester, run_suite):
    result = run_branch(pytester, run_suite, "pass")
    assert result.ret == 0
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "PASS"}


def test_a_failed_expectation_names_clause_srv_expected_observed_and_frames(pytester, run_suite):
    result = run_branch(pytester, run_suite, "fail")
    assert result.ret == 1
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "FAIL"}
    text = result.stdout.str()
    assert "18.64(a) on EX-PPMID-1 (SRV 11.2, behaviour" in text
    assert "expected: response E11 (refused)" in text
    assert "observed: 11.2 -> response I0" in text
    frames = [f["hex"] for f in evidence_lines(pytester.path) if f["kind"] == "frame"]
    assert frames and all(f"> {h}" in text or f"< {h}" in text for h in frames[-2:])


def test_a_plain_assert_is_a_fail_too(pytester, run_suite):
    assert run_branch(pytester, run_suite, "assert").ret == 1
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "FAIL"}


def test_inconclusive_passes_unless_strict(pytester, run_suite):
    result = run_branch(pytester, run_suite, "inconclusive")
    assert result.ret == 0
    assert result.parseoutcomes()["inconclusive"] == 1
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "INCONCLUSIVE"}
    assert run_suite(*ONE_PPMID, "--strict").ret == 1


def test_a_skip_is_inconclusive_never_silent(pytester, run_suite):
    result = run_branch(pytester, run_suite, "skip")
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "INCONCLUSIVE"}
    assert "skipped: not today" in result.stdout.str()


def test_any_other_exception_is_an_error(pytester, run_suite):
    result = run_branch(pytester, run_suite, "crash")
    assert result.ret == 1
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "ERROR"}
    assert "KeyError: 'oops'" in result.stdout.str()


def test_an_uncertain_clause_that_passes_is_an_error_of_the_test(pytester, run_suite):
    pytester.makepyfile(
        """
import pytest

@pytest.mark.clause("18.64(b)")
def test_uncertain(case):
    pass
"""
    )
    result = run_suite("--device-model", "EX-PPMID-2")
    assert verdicts_of(pytester.path) == {"18.64(b)-EX-PPMID-2": "ERROR"}
    assert "uncertain clause gives only INCONCLUSIVE" in result.stdout.str()


def test_a_missing_capability_is_inconclusive(pytester, run_suite):
    pytester.makepyfile(adapter_caps=fake_adapter())
    pytester.makepyfile(
        """
import datetime, pytest

@pytest.mark.clause("18.64(a)")
def test_needs_clock(case):
    case.advance(datetime.timedelta(hours=1))
"""
    )
    result = run_suite(*ONE_PPMID, "--dut", "python:adapter_caps:factory")
    assert result.ret == 0
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "INCONCLUSIVE"}
    assert "does not offer clock control" in result.stdout.str()


def test_a_request_the_transport_cannot_carry_is_inconclusive_with_its_reason(pytester, run_suite):
    pytester.makepyfile(
        """
import pytest
from s1sr.dut import CannotCarry

@pytest.mark.clause("18.64(a)")
def test_unsendable(case):
    raise CannotCarry("the DUIS form cannot express request 3 (2.1): no such cap")
"""
    )
    result = run_suite(*ONE_PPMID)
    assert result.ret == 0
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "INCONCLUSIVE"}
    assert "the DUIS form cannot express request 3 (2.1): no such cap" in result.stdout.str()


def test_a_transport_failure_is_an_error_not_a_fail(pytester, run_suite):
    pytester.makepyfile(adapter_down=fake_adapter(link_down=True))
    pytester.makepyfile(BRANCHES.format(outcome="pass"))
    result = run_suite(*ONE_PPMID, "--dut", "python:adapter_down:factory")
    assert result.ret == 1
    assert verdicts_of(pytester.path) == {"18.64(a)-EX-PPMID-1": "ERROR"}
    assert "DUT: link down" in result.stdout.str()


def test_the_summary_counts_verdicts_and_lists_what_needs_a_look(pytester, run_suite):
    result = run_branch(pytester, run_suite, "fail", "--device-model", "EX-ESME-1")
    text = result.stdout.str()
    assert "2 verdicts over 2 (Device Model, clause) pairs: 1 FAIL, 0 ERROR" in text
    assert "1 NOT_APPLICABLE" in text
    lines = [line for line in result.outlines if line.startswith("FAIL ")]
    assert lines and "EX-PPMID-1" in lines[0] and "expected response E11" in lines[0]


def test_a_long_failing_test_shows_its_last_frames_and_says_the_rest_are_in_evidence(
    pytester, run_suite
):
    pytester.makepyfile(
        """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
def test_many(case):
    for _ in range(25):
        ex = case.exchange(ReadFirmwareVersionRequest())
    case.expect(False, expected="nothing", observed=ex.summary())
"""
    )
    result = run_suite(*ONE_PPMID)
    text = result.stdout.str()
    assert "(10 earlier frame(s) omitted: all are in the evidence log)" in text
    frames = [f["hex"] for f in evidence_lines(pytester.path) if f["kind"] == "frame"]
    assert len(frames) == 2 + 50  # the identity check, then 25 exchanges
    assert f"< {frames[-1]}" in text


def test_a_teardown_that_fails_after_a_pass_turns_the_verdict_into_an_error(pytester, run_suite):
    pytester.makepyfile(
        """
import pytest

@pytest.fixture
def leaky():
    yield
    raise RuntimeError("could not restore the bench")

@pytest.mark.clause("18.64(a)")
def test_passes_then_leaks(case, leaky):
    pass
"""
    )
    result = run_suite(*ONE_PPMID)
    assert result.ret == 1
    lines = [line for line in evidence_lines(pytester.path) if line["kind"] == "verdict"]
    assert [line["verdict"] for line in lines] == ["PASS", "ERROR"]  # the last one stands
    assert "teardown: RuntimeError: could not restore the bench" in lines[-1]["reason"]
    assert "0 PASS" in result.stdout.str() and "1 ERROR" in result.stdout.str()


LONG_REASON = """
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
def test_long(case):
    ex = case.exchange(ReadFirmwareVersionRequest())
    case.expect(False, expected="x" * 400, observed="THE-OBSERVED-PART " + ex.summary())
"""


def test_a_long_reason_is_kept_whole_in_the_report_and_cut_only_on_the_terminal(
    pytester, run_suite
):
    pytester.makepyfile("import pytest\n" + LONG_REASON)
    result = run_suite(*ONE_PPMID)
    assert result.ret == 1
    (results_file,) = pytester.path.glob("reports/*/results.json")
    (pair,) = json.loads(results_file.read_text(encoding="utf-8"))["results"]
    assert len(pair["reason"]) > 400
    assert "THE-OBSERVED-PART 11.2 -> response" in pair["reason"]
    (verdict,) = [line for line in evidence_lines(pytester.path) if line["kind"] == "verdict"]
    assert verdict["reason"] == pair["reason"]
    summary = [line for line in result.stdout.lines if line.startswith("FAIL ")]
    assert summary and all(len(line) < 400 for line in summary)
    assert "whole reason in results.json" in summary[0]
