"""``s1sr requirements``: what a bench needs, kept honest against runs without it.

The clock-control entry is checked by running the suite on the emulator with clock control
taken away: every clause listed goes INCONCLUSIVE on a model it applies to, and a clause not
listed does not.
"""

from __future__ import annotations

import json

import pytest

from s1sr.catalogue import load_catalogue
from s1sr.dmves import load_dmves
from s1sr.pytest_plugin.requirements import REQUIREMENTS, requirements_of
from tests.suite.conftest import DMVES_FILE, REPO

pytest_plugins = ["pytester"]

NO_CLOCK = """
from s1sr.dut import Capability
from s1sr.dut.emulator import EmulatorDut


class NoClock(EmulatorDut):
    capabilities = frozenset({Capability.RESET})


def factory(model, context):
    return NoClock(context.dmves, model)
"""


def test_every_listed_clause_is_in_the_catalogue():
    catalogue = load_catalogue()
    for requirement in REQUIREMENTS:
        assert requirement.clauses and requirement.provide
        assert all(catalogue.has_clause(c) for c in requirement.clauses), requirement.name


def test_requirements_per_model_keep_only_the_pairs_that_apply(s1sr_cli):
    catalogue, dmves = load_catalogue(), load_dmves()
    ppmid = next(m for m in dmves.models if m.device_type.value == "PPMID")
    names = {r.name for r, _ in requirements_of(ppmid, catalogue)}
    done = s1sr_cli("requirements", "--device-model", ppmid.id, "--format", "json")
    assert done.code == 0
    (row,) = done.json()
    assert row["model"] == ppmid.id
    assert {r["name"] for r in row["requirements"]} == names
    assert "spare-ppmid" in names
    text = s1sr_cli("requirements")
    assert text.code == 0 and all(m.id in text.out for m in dmves.models)
    typo = s1sr_cli("requirements", "--device-model", ppmid.id + "x")
    assert typo.code == 2 and f"did you mean '{ppmid.id}'" in typo.err


def test_without_clock_control_the_listed_clauses_end_inconclusive(pytester):
    clock = next(r for r in REQUIREMENTS if r.name == "clock-control")
    listed = ["18.1(v)", "18.22(b)", "18.21(f)"]
    assert set(listed) <= set(clock.clauses)
    unlisted = "18.64(a)"
    assert unlisted not in clock.clauses
    pytester.makepyfile(no_clock=NO_CLOCK)
    pytester.syspathinsert()  # --dut=python:no_clock:factory imports it from there
    args = [f"--clause={c}" for c in [*listed, unlisted]]
    result = pytester.runpytest(
        str(REPO / "conformance"),
        "-p",
        "s1sr.pytest_plugin",
        "-p",
        "no:cacheprovider",
        f"--dmves={DMVES_FILE}",
        "--dut=python:no_clock:factory",
        "--allow-missing-clauses",
        f"--report-dir={pytester.path / 'reports'}",
        *args,
    )
    (results_file,) = pytester.path.glob("reports/*/results.json")
    pairs = json.loads(results_file.read_text(encoding="utf-8"))["results"]
    verdicts: dict[str, set[str]] = {}
    for pair in pairs:
        verdicts.setdefault(pair["clause"], set()).add(pair["verdict"])
    for clause in listed:
        assert "INCONCLUSIVE" in verdicts[clause], (clause, result.stdout.str()[-2000:])
        assert not verdicts[clause] & {"FAIL", "ERROR"}
    assert "INCONCLUSIVE" not in verdicts[unlisted]


@pytest.fixture
def s1sr_cli(capsys, monkeypatch):
    from s1sr.cli import main
    from tests.cli.conftest import Run

    monkeypatch.delenv("S1SR_DMVES", raising=False)

    def run(*argv):
        code = main(list(argv))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_docs_list_the_same_requirements():
    text = (REPO / "docs" / "suite.md").read_text(encoding="utf-8")
    for requirement in REQUIREMENTS:
        (row,) = [line for line in text.splitlines() if line.startswith(f"| {requirement.name} |")]
        assert row.rstrip(" |").split("|")[-1].strip() == ", ".join(requirement.clauses)
