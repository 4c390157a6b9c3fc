"""``s1sr run-tcp``'s launcher: real ``s1sr emulate`` processes, one run folder, all stopped.
Its servers and pytest runs are processes of their own, forked prewarmed."""

from __future__ import annotations

import pytest

from s1sr.dut.launcher import Servers, run_over_tcp
from tests.dut.conftest import DMVES_FILE

pytestmark = [pytest.mark.heavy, pytest.mark.usefixtures("prewarmed_launches")]

SUITE_TEST = """
import pytest
from s1sr.models import ReadFirmwareVersionRequest

@pytest.mark.clause("18.64(a)")
def test_read(case):
    case.exchange(ReadFirmwareVersionRequest())
"""


def test_each_model_runs_against_its_own_server_into_one_run_folder(dmves, tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_launched.py").write_text(SUITE_TEST, encoding="utf-8")
    result = run_over_tcp(
        dmves,
        DMVES_FILE,
        suite=suite,
        report_dir=tmp_path / "reports",
        run_name="run-1",
        models=["EX-PPMID-1", "EX-ESME-2"],
        pytest_args=["--allow-missing-clauses"],
    )
    assert result.exit_code == 0, [r.output for r in result.runs]
    assert {r.model_id for r in result.runs} == {"EX-PPMID-1", "EX-ESME-2"}
    assert len({r.dut for r in result.runs}) == 2
    verdicts = {(r.model_id, r.verdict.value) for r in result.records}
    assert verdicts == {("EX-PPMID-1", "PASS"), ("EX-ESME-2", "NOT_APPLICABLE")}
    assert result.run_dir == (tmp_path / "reports" / "run-1").resolve()


def test_the_servers_it_started_are_stopped(dmves, tmp_path):
    with Servers(DMVES_FILE, [dmves.model("EX-PPMID-4")], tmp_path) as servers:
        processes = list(servers.processes.values())
        assert servers.ports["EX-PPMID-4"] > 0
        assert all(p.poll() is None for p in processes)
    assert all(p.poll() is not None for p in processes)
