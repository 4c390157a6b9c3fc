"""Discoverability: the fault and variant catalogues are listed, a mistyped name gets the near
names, and every option of ``s1sr sensitivity`` and ``s1sr run-tcp`` says what it does."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from s1sr.cli import build_parser
from s1sr.emulator import load_faults
from s1sr.emulator.variants import load_variants
from tests.in_process import suite_modules_dropped

REPO = Path(__file__).resolve().parents[2]


def test_faults_lists_the_whole_catalogue(s1sr):
    done = s1sr("faults", "--format", "json")
    assert done.code == 0
    listed = done.json()
    assert [f["name"] for f in listed] == [f.name for f in load_faults()]
    first = load_faults()[0]
    assert listed[0]["clause"] == first.clause
    assert listed[0]["set"] == dict(first.knobs)
    text = s1sr("faults")
    assert text.code == 0
    assert all(f.name in text.out for f in load_faults())


def test_faults_of_one_clause(s1sr):
    wanted = {f.name for f in load_faults() if f.clause == "18.6(b)"}
    assert wanted
    done = s1sr("faults", "--clause", "18.6(b)", "--format", "json")
    assert done.code == 0
    assert {f["name"] for f in done.json()} == wanted


def test_faults_of_an_unknown_clause_is_a_usage_error(s1sr):
    done = s1sr("faults", "--clause", "18.6(c)x")
    assert done.code == 2
    assert "no such clause" in done.err


def test_variants_lists_the_whole_catalogue(s1sr):
    done = s1sr("variants", "--format", "json")
    assert done.code == 0
    assert [v["name"] for v in done.json()] == [v.name for v in load_variants()]
    assert all(v["allows"] for v in done.json())


def test_an_unknown_fault_gets_the_near_names(s1sr):
    name = load_faults()[0].name
    typo = name[:-1]
    done = s1sr("sensitivity", "--fault", typo, "--report-dir", "unused")
    assert done.code == 1
    assert f"did you mean '{name}'" in done.err and "s1sr faults" in done.err
    variant = load_variants()[0].name
    done = s1sr("sensitivity", "--variant", variant + "x", "--report-dir", "unused")
    assert f"did you mean '{variant}'" in done.err
    done = s1sr("emulate", "--model", "EX-ESME-1", "--port", "0", "--fault", typo)
    assert done.code == 2
    assert f"did you mean '{name}'" in done.err


def test_an_unknown_fault_in_the_suite_is_a_usage_error_with_the_near_names(
    tmp_path, capsys, monkeypatch
):
    """``pytest conformance --fault TYPO`` in this process (it stops before collecting), from
    an empty folder and without S1SR_* variables, as a process of its own would run."""
    for variable in [v for v in os.environ if v.startswith("S1SR_")]:
        monkeypatch.delenv(variable)
    monkeypatch.chdir(tmp_path)
    name = load_faults()[0].name
    with suite_modules_dropped():
        code = pytest.main(
            [str(REPO / "conformance"), "-p", "no:cacheprovider", "--fault", name[:-1]]
        )
    captured = capsys.readouterr()
    assert code == 4
    assert f"did you mean '{name}'" in captured.out + captured.err


@pytest.mark.parametrize("command", ["sensitivity", "run-tcp", "faults", "variants"])
def test_every_option_is_described(command):
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    sub = subparsers.choices[command]
    undescribed = [
        action.dest
        for action in sub._actions
        if action.option_strings and not (action.help and action.help.strip())
    ]
    assert not undescribed
    assert sub.description
