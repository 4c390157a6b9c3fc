"""How the launchers start what they run (the tests of the launchers themselves fork those
processes prewarmed): a server is a fresh process, stdin from /dev/null and both output
streams into its log; a model's pytest run is a fresh process with the given environment,
its output captured and its exit code kept."""

from __future__ import annotations

import sys
from pathlib import Path

from s1sr.dut.launcher import run_suite, start_server

SERVER = """
import sys
print("stdin", repr(sys.stdin.read()), flush=True)
print("to stderr", file=sys.stderr, flush=True)
sys.exit(7)
"""


def test_a_server_reads_nothing_and_logs_both_streams(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    process = start_server([sys.executable, "-c", SERVER], log)
    assert process.wait(60) == 7
    assert log.read_text(encoding="utf-8") == "stdin ''\nto stderr\n"


def test_a_suite_run_gets_its_environment_and_its_output_is_kept() -> None:
    probe = (
        "import os, sys; print(os.environ['S1SR_PROBE']); print('e', file=sys.stderr); sys.exit(3)"
    )
    done = run_suite([sys.executable, "-c", probe], {"S1SR_PROBE": "seen"})
    assert (done.returncode, done.stdout, done.stderr) == (3, "seen\n", "e\n")
