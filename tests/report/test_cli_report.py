"""``s1sr report verify`` and ``s1sr report diff``: exit codes and what they print."""

from __future__ import annotations

import json

from s1sr.report import JUNIT_FILE, RESULTS_FILE
from tests.report.builders import record, write_folder


def test_verify_an_intact_folder(s1sr, tmp_path):
    folder = write_folder(tmp_path / "run").folder
    code, out, _ = s1sr("report", "verify", folder)
    assert code == 0 and out.splitlines() == [
        f"{folder}: intact (5 files match manifest.sha256; 2 verdicts agree with evidence.jsonl)",
        "  not signed",
    ]


def test_verify_names_each_file_altered_added_or_missing(s1sr, tmp_path):
    folder = write_folder(tmp_path / "run").folder
    with open(folder / RESULTS_FILE, "ab") as handle:
        handle.write(b" ")
    (folder / JUNIT_FILE).unlink()
    (folder / "notes.md").write_text("mine")
    code, out, _ = s1sr("report", "verify", folder)
    assert code == 1
    assert out.splitlines() == [
        f"{folder}: does NOT match manifest.sha256",
        "  altered: results.json",
        "  added: notes.md",
        "  missing: junit.xml",
    ]
    code, out, _ = s1sr("report", "verify", folder, "--format", "json")
    data = json.loads(out)
    assert (data["ok"], data["altered"], data["added"], data["missing"]) == (
        False,
        ["results.json"],
        ["notes.md"],
        ["junit.xml"],
    )


def test_verify_without_a_manifest_is_not_a_report(s1sr, tmp_path):
    code, _, err = s1sr("report", "verify", tmp_path)
    assert code == 2 and "manifest.sha256: missing" in err


def test_diff_of_two_runs(s1sr, tmp_path):
    a = write_folder(
        tmp_path / "a", [record("EX-ESME-1", "18.6(b)"), record("EX-GSME-1", "18.6(b)")]
    )
    b = write_folder(
        tmp_path / "b",
        [record("EX-ESME-1", "18.6(b)", "FAIL", "now refused"), record("EX-CHF-1", "18.62(f)")],
    )
    code, out, _ = s1sr("report", "diff", a.folder, b.folder)
    assert code == 1
    assert "  EX-ESME-1  18.6(b)  PASS -> FAIL [regression]: now refused" in out
    assert "pairs only in B (1):\n  EX-CHF-1  18.62(f)  PASS" in out
    assert "pairs only in A (1):\n  EX-GSME-1  18.6(b)  PASS" in out
    assert "metadata changes" not in out  # same DMVES, options, firmware
    code, out, _ = s1sr("report", "diff", a.folder, b.folder, "--format", "json")
    assert json.loads(out)["verdict_changes"][0]["regression"] is True


def test_diff_of_a_run_with_itself_is_no_change(s1sr, tmp_path):
    folder = write_folder(tmp_path / "a").folder
    code, out, _ = s1sr("report", "diff", folder, folder)
    assert code == 0 and "no change: 2 pairs with the same verdict" in out


def test_diff_refuses_a_tampered_folder(s1sr, tmp_path):
    a = write_folder(tmp_path / "a").folder
    b = write_folder(tmp_path / "b").folder
    (b / "extra").write_text("x")
    code, _, err = s1sr("report", "diff", a, b)
    assert code == 2 and "added: extra" in err
