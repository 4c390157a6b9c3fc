"""Parametrisation over (clause x Device Model): ids, markers, NOT_APPLICABLE, selection."""

from __future__ import annotations

from s1sr.dmves import load_dmves
from s1sr.report import load_run
from tests.suite.conftest import DMVES_FILE, evidence_lines, verdicts_of

pytest_plugins = ["pytester"]

PASSING = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
@pytest.mark.srv("11.2")
def test_read(case):
    case.exchange(ReadFirmwareVersionRequest())
"""

MUST_NOT_RUN = """
import pytest

@pytest.mark.clause("18.27(p)", "18.62(f)")
def test_body(case):
    if case.model.device_type != "CHF":
        raise RuntimeError("the body of a NOT_APPLICABLE pair ran")
    case.expect(case.clause.id == "18.62(f)", expected="18.62(f)", observed=case.clause.id)
"""


def test_ids_read_clause_then_model_for_every_model(pytester, run_suite):
    pytester.makepyfile(PASSING)
    result = run_suite("--collect-only", "-q")
    ids = [line for line in result.outlines if "::test_read[" in line]
    assert len(ids) == 16
    assert any(line.endswith("::test_read[18.64(a)-EX-PPMID-1]") for line in ids)
    assert any(line.endswith("::test_read[18.64(a)-EX-ESME-D1]") for line in ids)


def test_pairs_of_another_device_type_pass_as_not_applicable(pytester, run_suite):
    pytester.makepyfile(PASSING)
    result = run_suite()
    result.assert_outcomes(passed=4)  # the four PPMIDs; the other twelve are N/A
    assert result.parseoutcomes()["not"] == 12  # "12 not applicable"
    verdicts = verdicts_of(pytester.path)
    assert verdicts["18.64(a)-EX-ESME-1"] == "NOT_APPLICABLE"
    assert verdicts["18.64(a)-EX-PPMID-1"] == "PASS"


def test_a_not_applicable_body_never_runs(pytester, run_suite):
    pytester.makepyfile(MUST_NOT_RUN)
    result = run_suite()
    assert result.ret == 0
    verdicts = verdicts_of(pytester.path)
    assert verdicts["18.27(p)-EX-ESME-1"] == "NOT_APPLICABLE"  # removed clause
    assert verdicts["18.62(f)-EX-CHF-1"] == "PASS"
    assert verdicts["18.62(f)-EX-GSME-1"] == "NOT_APPLICABLE"


def test_markers_are_declared_and_each_model_is_an_xdist_group(pytester, run_suite):
    pytester.makepyfile(
        PASSING
        + """
def test_groups(request):
    pass
"""
    )
    pytester.makeconftest(
        """
def pytest_collection_finish(session):
    for item in session.items:
        if "case" in getattr(item, "fixturenames", ()):
            group = item.get_closest_marker("xdist_group").args[0]
            assert item.callspec.id.endswith(group), item.nodeid
"""
    )
    result = run_suite("--strict-markers", "--collect-only", "-q")
    assert result.ret == 0


def test_clause_and_device_model_options_select(pytester, run_suite):
    pytester.makepyfile(MUST_NOT_RUN)
    result = run_suite("--clause", "18.62(f)", "--device-model", "EX-CHF-2")
    result.assert_outcomes(passed=1, deselected=31)
    assert verdicts_of(pytester.path) == {"18.62(f)-EX-CHF-2": "PASS"}


def test_mapped_only_runs_the_pairs_the_dmves_maps_and_says_so(pytester, run_suite):
    """EX-PPMID-4 is a PPMID without 18.64(a) mapped (a baseline pair): not run, like the
    twelve NOT_APPLICABLE pairs of other device types."""
    pytester.makepyfile(PASSING)
    mapped = {m.id for m in load_dmves(DMVES_FILE).models if m.applies("18.64(a)")}
    assert mapped and "EX-PPMID-4" not in mapped
    result = run_suite("--mapped-only")
    result.assert_outcomes(passed=len(mapped), deselected=16 - len(mapped))
    assert verdicts_of(pytester.path) == {f"18.64(a)-{m}": "PASS" for m in mapped}
    (folder,) = (pytester.path / "reports").iterdir()
    options = load_run(folder).results.metadata.options
    assert options.mapped_only and options.pairs_text().startswith("mapped in the DMVES only")
    assert "mapped in the DMVES only" in (folder / "matrix.html").read_text(encoding="utf-8")


def test_unknown_ids_in_options_are_usage_errors(pytester, run_suite):
    pytester.makepyfile(PASSING)
    assert run_suite("--device-model", "NOPE").ret == 4
    assert run_suite("--clause", "18.99(z)").ret == 4
    result = run_suite("--fault", "no-such-fault")
    assert result.ret == 4
    assert "no-such-fault" in result.stderr.str()
    result = run_suite("--variant", "no-such-variant")
    assert result.ret == 4
    assert "no-such-variant" in result.stderr.str()
    result = run_suite("--variant", "s1sp-timeout-30s", "--dut", "tcp://127.0.0.1:9")
    assert result.ret == 4
    assert "--variant needs the emulator" in result.stderr.str()


def test_a_case_test_without_a_clause_marker_is_a_collection_error(pytester, run_suite):
    pytester.makepyfile("def test_nothing(case):\n    pass\n")
    result = run_suite()
    assert result.ret != 0
    assert "needs @pytest.mark.clause" in result.stdout.str()


def test_a_run_without_conformance_tests_leaves_no_report_folder(pytester, run_suite):
    pytester.makepyfile("def test_plain():\n    assert 1\n")
    assert run_suite().ret == 0
    assert not (pytester.path / "reports").exists()


BILINGUAL_ONLY = """
import pytest

@pytest.mark.clause("18.64(b)")
def test_bilingual_read(case):
    if not case.model.bilingual:
        raise RuntimeError("the body ran for a PPMID that is not bilingual")
    case.inconclusive("recorded, not judged")
"""


def test_a_bilingual_only_clause_is_not_applicable_on_a_model_that_is_not_bilingual(
    pytester, run_suite
):
    pytester.makepyfile(BILINGUAL_ONLY)
    run_suite("--strict")
    verdicts = verdicts_of(pytester.path)
    assert verdicts["18.64(b)-EX-PPMID-3"] == "NOT_APPLICABLE"  # not bilingual
    assert verdicts["18.64(b)-EX-PPMID-1"] == "INCONCLUSIVE"  # bilingual, mapped
    assert verdicts["18.64(b)-EX-PPMID-4"] == "INCONCLUSIVE"  # bilingual, not mapped
    reasons = {
        line["model"]: line["reason"]
        for line in evidence_lines(pytester.path)
        if line["kind"] == "verdict"
    }
    assert "bilingual devices only" in reasons["EX-PPMID-3"]
    assert "EX-PPMID-3 is not bilingual" in reasons["EX-PPMID-3"]


SHARED_FIXTURE = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

def note(event):
    with open("events.txt", "a", encoding="utf-8") as handle:
        handle.write(event + "\\n")

@pytest.fixture(scope="module")
def shared():
    note("setup")
    yield
    note("teardown")

@pytest.mark.clause("18.64(a)")
def test_read(case, shared):
    case.exchange(ReadFirmwareVersionRequest())
    note("body " + case.model.id)
"""


def test_not_applicable_pairs_after_a_module_fixture_leave_its_teardown_in_place(
    pytester, run_suite
):
    # The IHDs (N/A) follow the PPMIDs that set the module fixture up: the first is reported
    # without its phases (nothing to tear down yet), the module's last tears the fixture down.
    pytester.makepyfile(
        test_a=SHARED_FIXTURE,
        test_b="def test_after():\n    open('events.txt', 'a').write('after\\n')\n",
    )
    result = run_suite("-p", "no:randomly")
    result.assert_outcomes(passed=5)
    assert result.parseoutcomes()["not"] == 12
    events = (pytester.path / "events.txt").read_text(encoding="utf-8").split()
    bodies = [f"body EX-PPMID-{n}" for n in range(1, 5)]
    assert " ".join(events) == " ".join(["setup", *bodies, "teardown", "after"])
    verdicts = verdicts_of(pytester.path)
    assert verdicts["18.64(a)-EX-IHD-1"] == verdicts["18.64(a)-EX-IHD-2"] == "NOT_APPLICABLE"
    assert verdicts["18.64(a)-EX-ESME-1"] == "NOT_APPLICABLE"
