"""The README's quick start is exactly two one-line commands, and CI runs the test one."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest

from s1sr.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
MAIN_JOB = "python -m pip install tox tox-uv && python -m tox -e conformance"
TEST_COMMAND = "python -m pip install tox tox-uv && python -m tox"


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def code_lines(text: str) -> list[str]:
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_quick_start_is_the_main_job_then_the_tests():
    assert code_lines(section("Quick start")) == [MAIN_JOB, TEST_COMMAND]


def test_ci_runs_the_readme_test_command_verbatim():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if not line.startswith("#")]
    assert TEST_COMMAND in commands
    assert "set -euo pipefail" in commands  # any failure exits non-zero


def test_layout_names_only_folders_that_exist():
    folders = re.findall(r"^\s*- `([^`]+/)`", section("Layout"), re.M)
    assert "device_models/" in folders
    assert [f for f in folders if not (REPO / f).is_dir()] == []


@pytest.mark.parametrize(
    "command", [c.strip("`") for c in re.findall(r"`s1sr [^`]+`", section("The command line"))]
)
def test_documented_commands_exist(command, capsys):
    words = shlex.split(command.replace("\\|", "|"))
    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args([words[1], "--help"])
    assert caught.value.code == 0
    assert f"usage: s1sr {words[1]}" in capsys.readouterr().out


def test_the_test_command_runs_the_main_jobs_matrix_with_its_checks():
    """``tox`` leaves the ``conformance`` environment (the main job) out because the
    sensitivity run's fault-free run is that whole matrix with the same checks: so the
    sensitivity environment is in the list, runs the whole suite, and keeps the
    clause-coverage check on; the main job's environment still runs the suite."""
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(REPO / "tox.ini", encoding="utf-8")
    env_list = tox["tox"]["env_list"].split()
    assert {"lint", "py", "sensitivity"} <= set(env_list)
    sensitivity = tox["testenv:sensitivity"]["commands"]
    assert "s1sr sensitivity" in sensitivity and "--suite {toxinidir}/conformance" in sensitivity
    assert "--allow-missing-clauses" not in sensitivity and "--fault" not in sensitivity
    assert tox["testenv:conformance"]["commands"].split()[:2] == ["pytest", "conformance"]
