"""results.json: one verdict per (model, clause), read back strictly."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from s1sr.models import ModelError
from s1sr.report import ReportError, RunOptions, RunResults, read_results
from s1sr.verdicts import Verdict
from tests.report.builders import STARTED, metadata, record, results


def test_round_trips_through_json():
    run = results(
        [
            record("EX-ESME-1", "18.6(b)", "FAIL", "expected x; observed y", evidence=("main-1",)),
            record("EX-GSME-1", "18.14(a)", "PASS", srv="4.6.1"),
            record("EX-CHF-1", "18.6(b)", "NOT_APPLICABLE", "not its type", expectation="n/a"),
        ]
    )
    again = RunResults.from_json(json.loads(run.dumps()))
    assert again == run
    assert again.pair("EX-ESME-1", "18.6(b)").tests[0].evidence == ("main-1",)


def test_the_options_round_trip_and_a_file_without_the_newer_ones_reads_their_defaults():
    options = RunOptions(
        faults=("a",), clause_faults=("b", "c"), variants=("v",), workers=2, mapped_only=True
    )
    run = results([record("EX-ESME-1", "18.6(b)")], metadata(options=options))
    data = json.loads(run.dumps())
    assert data["metadata"]["options"]["clause_faults"] == ["b", "c"]
    assert RunResults.from_json(data).metadata.options == options
    for name in ("clause_faults", "mapped_only"):  # written before the options existed
        del data["metadata"]["options"][name]
    assert RunResults.from_json(data).metadata.options == RunOptions(
        faults=("a",), variants=("v",), workers=2
    )


def test_faults_read_apart_from_those_in_one_clause_only():
    assert RunOptions().faults_text() == "none"
    assert RunOptions(faults=("a", "b")).faults_text() == "a; b"
    assert (
        RunOptions(faults=("a",), clause_faults=("b", "c")).faults_text()
        == "a; each in its own clause's tests only: b, c"
    )


def test_a_pair_judged_by_several_tests_shows_the_worst_verdict_and_its_reason():
    run = results(
        [
            record("EX-ESME-1", "18.6(b)", "PASS", node="t.py::a[18.6(b)-EX-ESME-1]"),
            record("EX-ESME-1", "18.6(b)", "INCONCLUSIVE", "no hook", node="t.py::b[...]"),
            record("EX-ESME-1", "18.6(b)", "FAIL", "wrong code", node="t.py::c[...]"),
        ]
    )
    (pair,) = run.pairs
    assert pair.verdict is Verdict.FAIL and pair.reason == "wrong code"
    assert [t.verdict for t in pair.tests] == [Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.FAIL]


def test_pairs_follow_dmves_then_catalogue_order_and_list_every_model_and_clause():
    run = results(
        [
            record("EX-GSME-1", "18.6(b)"),
            record("EX-ESME-1", "18.6(b)"),
            record("EX-ESME-1", "18.1(v)", srv="1.1.1"),
        ]
    )
    assert [p.key for p in run.pairs] == [
        ("EX-ESME-1", "18.1(v)"),
        ("EX-ESME-1", "18.6(b)"),
        ("EX-GSME-1", "18.6(b)"),
    ]
    assert len(run.models) == 16 and len(run.clauses) == 35
    assert run.counts()[Verdict.PASS] == 3


def _data():
    return json.loads(results([record("EX-ESME-1", "18.6(b)", "FAIL", "r")]).dumps())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other/1"), "format: expected 's1sr-results/1'"),
        (lambda d: d["results"][0].update(verdict="MAYBE"), "results[0].verdict: not a verdict"),
        (lambda d: d["results"][0].pop("clause"), "results[0].clause: missing"),
        (lambda d: d["results"][0].update(model="EX-NOPE"), "Device Model 'EX-NOPE' is not listed"),
        (lambda d: d["results"].append(dict(d["results"][0])), "appears twice"),
        (
            lambda d: d["metadata"].update(started="2026-11-23T12:00:00"),
            "metadata.started: must be in UTC",
        ),
        (
            lambda d: d["metadata"]["options"].update(strict="yes"),
            "metadata.options.strict: must be true",
        ),
        (
            lambda d: d["results"][0]["tests"][0].update(evidence="main-1"),
            "tests[0].evidence: must be a list",
        ),
        (lambda d: d["results"][0].update(verdict="PASS"), "is not the worst of its tests"),
    ],
    ids=[
        "format",
        "verdict",
        "missing",
        "unknown-model",
        "duplicate",
        "naive-time",
        "options",
        "evidence",
        "verdict-vs-tests",
    ],
)
def test_a_damaged_results_file_is_refused_naming_the_field(mutate, message):
    data = _data()
    mutate(data)
    with pytest.raises(ReportError, match=re.escape(message)):
        RunResults.from_json(data, "results.json")


def test_read_results_names_the_file_when_it_is_not_json(tmp_path):
    path = tmp_path / "results.json"
    path.write_bytes(b"{not json")
    with pytest.raises(ReportError, match=r"results\.json: not JSON"):
        read_results(path)


def test_metadata_refuses_local_times_and_an_end_before_the_start():
    with pytest.raises(ModelError, match="started must be an aware UTC"):
        metadata(started=datetime(2026, 11, 23, 12, 0))
    with pytest.raises(ModelError, match="finished must not be before started"):
        metadata(finished=STARTED.replace(hour=11))


@pytest.mark.parametrize(
    ("status", "incomplete"), [(0, None), (1, None), (2, "interrupted"), (3, "internal error")]
)
def test_metadata_knows_an_incomplete_run_by_pytests_exit_status(status, incomplete):
    assert metadata(exit_status=status).incomplete == incomplete
