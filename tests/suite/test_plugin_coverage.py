"""A testable clause with no conformance test fails the run, loudly and by name."""

from __future__ import annotations

pytest_plugins = ["pytester"]

TEST = """
import pytest

@pytest.mark.clause("18.64(a)")
def test_one(case):
    pass
"""


def test_a_whole_suite_missing_clauses_fails_naming_them(pytester, run_suite):
    pytester.makepyfile(TEST)
    result = run_suite("--device-model", "EX-PPMID-1", coverage=True)
    assert result.ret == 1
    text = result.stdout.str()
    assert "32 testable catalogue clause(s) have no conformance test" in text
    assert "18.21(f)" in text and "scope:duplicate-utrn" in text


def test_a_chosen_file_is_a_partial_run_and_is_not_held_to_coverage(pytester, run_suite):
    path = pytester.makepyfile(TEST)
    result = run_suite(str(path.name), "--device-model", "EX-PPMID-1", coverage=True)
    assert result.ret == 0
    assert "clause coverage not checked" in result.stdout.str()


def test_the_gap_can_be_allowed_and_is_then_a_note(pytester, run_suite):
    pytester.makepyfile(TEST)
    result = run_suite("--device-model", "EX-PPMID-1")
    assert result.ret == 0
    assert "note: 32 testable catalogue clause(s)" in result.stdout.str()
