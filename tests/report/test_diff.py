"""diff_runs: verdict changes, pairs judged in one run only, metadata changes."""

from __future__ import annotations

from s1sr.report import RunOptions, diff_runs
from s1sr.report.evidence_index import EvidenceIndex
from s1sr.verdicts import Verdict
from tests.report.builders import metadata, record, results

BEFORE = [
    record("EX-ESME-1", "18.6(b)", "PASS"),
    record("EX-ESME-1", "18.1(v)", "PASS", srv="1.1.1"),
    record("EX-GSME-1", "18.6(b)", "FAIL", "x"),
    record("EX-CHF-1", "18.62(f)", "PASS", srv="8.11"),
]


def test_the_same_run_twice_is_no_change():
    run = results(BEFORE)
    diff = diff_runs(run, run)
    assert not diff.changed and diff.unchanged == 4


def test_verdict_changes_are_listed_with_regressions_and_fixes():
    after = [
        record("EX-ESME-1", "18.6(b)", "FAIL", "now refused"),
        record("EX-ESME-1", "18.1(v)", "PASS", srv="1.1.1"),
        record("EX-GSME-1", "18.6(b)", "PASS"),
        record("EX-CHF-1", "18.62(f)", "PASS", srv="8.11"),
    ]
    diff = diff_runs(results(BEFORE), results(after))
    changes = {(c.model, c.clause): c for c in diff.verdicts}
    assert set(changes) == {("EX-ESME-1", "18.6(b)"), ("EX-GSME-1", "18.6(b)")}
    worse = changes[("EX-ESME-1", "18.6(b)")]
    assert (worse.before, worse.after, worse.regression, worse.reason) == (
        Verdict.PASS,
        Verdict.FAIL,
        True,
        "now refused",
    )
    assert changes[("EX-GSME-1", "18.6(b)")].fixed
    assert diff.unchanged == 2


def test_pairs_judged_in_one_run_only():
    after = [*BEFORE[:3], record("EX-PPMID-1", "18.64(a)", "PASS", srv="11.2")]
    diff = diff_runs(results(BEFORE), results(after))
    assert [(p.model, p.clause) for p in diff.added] == [("EX-PPMID-1", "18.64(a)")]
    assert [(p.model, p.clause, p.verdict) for p in diff.removed] == [
        ("EX-CHF-1", "18.62(f)", Verdict.PASS)
    ]


def test_metadata_changes_name_the_dmves_hash_options_and_firmware():
    before = results(BEFORE, evidence=EvidenceIndex(firmware={"EX-ESME-1": ("04020B00",)}))
    meta = metadata(
        run="20261124T000000Z-ffffff",
        dmves_sha256="cd" * 32,
        options=RunOptions(faults=("accepts-fractional-pounds",)),
    )
    after = results(BEFORE, meta, EvidenceIndex(firmware={"EX-ESME-1": ("04020C00",)}))
    diff = diff_runs(before, after)
    changes = {c.field: (c.before, c.after) for c in diff.metadata}
    assert changes == {
        "dmves.sha256": ("ab" * 32, "cd" * 32),
        "options.faults": ("-", "accepts-fractional-pounds"),
        "firmware_read[EX-ESME-1]": ("04020B00", "04020C00"),
    }
    assert diff.changed and not diff.verdicts
    assert diff.to_json()["metadata_changes"][0]["field"] == "dmves.sha256"


def test_times_and_run_ids_are_not_changes():
    later = metadata(
        run="other",
        started=metadata().started.replace(day=24),
        finished=metadata().finished.replace(day=24),
    )
    assert not diff_runs(results(BEFORE), results(BEFORE, later)).changed
