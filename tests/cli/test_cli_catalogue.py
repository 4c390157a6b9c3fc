"""``s1sr clauses``, ``srvs`` and ``alerts``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from s1sr.catalogue import load_catalogue
from s1sr.models import SRV


def test_clauses_json_lists_the_30_references_and_5_scope_items(s1sr):
    run = s1sr("clauses", "--format", "json")
    assert run.code == 0
    entries = run.json()
    assert len(entries) == 35
    assert [e["id"] for e in entries] == list(load_catalogue().clause_ids)
    assert sum(e["scope_item"] for e in entries) == 5
    assert set(entries[0]) >= {"change", "kind", "interpretation", "baseline", "verdicts"}


def test_clauses_json_entry_shape(s1sr):
    entry = next(e for e in s1sr("clauses", "--format", "json").json() if e["id"] == "18.63(c)")
    assert entry["kind"] == "uncertain"
    assert entry["verdicts"] == ["INCONCLUSIVE", "NOT_APPLICABLE"]
    assert entry["device_types"] == ["PPMID"]
    assert entry["srvs"] == ["11.1"]
    assert entry["bilingual_only"] is True


def test_clauses_text_is_a_table_of_every_id(s1sr):
    run = s1sr("clauses")
    lines = run.out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "FAMILY", "DEVICE_TYPES", "SRVS", "TESTABLE"]
    assert [line.split()[0] for line in lines[1:]] == list(load_catalogue().clause_ids)


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("--device-type", "CHF"), ["18.62(f)", "scope:ppmid-swap-out"]),
        (("--srv", "4.6.1"), ["18.14(a)", "18.21(e)", "18.21(f)"]),
        (("--family", "block-counters"), ["18.14(a)", "18.17(b)", "18.18(a)"]),
        (
            ("--device-type", "ESME", "--srv", "2.2"),
            ["18.6(b)", "18.19(a)", "scope:duplicate-utrn", "scope:split-supplier-certificates"],
        ),
        (("--device-type", "IHD"), []),
    ],
    ids=["chf", "srv-4.6.1", "family", "esme-and-srv", "ihd"],
)
def test_clauses_filters(s1sr, args, ids):
    run = s1sr("clauses", *args, "--format", "json")
    assert run.code == 0
    assert [e["id"] for e in run.json()] == ids


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--srv", "9.9"), "unknown SRV: 9.9"), (("--family", "nope"), "unknown clause family: nope")],
)
def test_clauses_unknown_filter_is_a_usage_error(s1sr, args, message):
    run = s1sr("clauses", *args)
    assert run.code == 2
    assert message in run.err
    assert run.out == ""


def test_srvs(s1sr):
    entries = s1sr("srvs", "--format", "json").json()
    assert [e["number"] for e in entries] == [str(srv) for srv in SRV]
    assert len(entries) == 21
    top_up = next(e for e in entries if e["number"] == "2.2")
    assert top_up["use_cases"] == ["CS01a", "CS01b"]
    assert "Top Up Device" in s1sr("srvs").out


def test_alerts(s1sr):
    entries = {e["code"]: e for e in s1sr("alerts", "--format", "json").json()}
    assert entries["S1CE20"]["project_defined"] is False
    assert all(e["project_defined"] for code, e in entries.items() if code != "S1CE20")


def test_the_module_entry_point_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "s1sr.cli", "clauses", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 35
