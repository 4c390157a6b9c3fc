"""docs/ci.md's GitHub Actions and GitLab CI examples: YAML that parses (PyYAML, a test extra) into a matrix of shards, a merge and a gate, and every ``s1sr`` command in them
accepted by s1sr's own parsers (``s1sr run``'s options by the suite plugin's)."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest
import yaml

from s1sr.cli import build_parser
from s1sr.pytest_plugin.options import add_options
from s1sr.pytest_plugin.sharding import ShardSpec

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```yaml\n(.*?)^```", DOC, re.S | re.M)
# The values CI gives the placeholders, for one shard job (shard 2 of 4) with signing on.
PLACEHOLDERS = {
    "${{ matrix.shard }}": "2",
    "$CI_NODE_INDEX": "2",
    "$CI_NODE_TOTAL": "4",
    "$SIGN": "--sign-key=key.pem",
    "$TRUST": "--trust=ci/s1sr-lab.pub.pem",
}
PYTEST_OPTIONS = {"-n"}  # pytest-xdist's, which the examples use besides the suite's


def test_there_is_a_github_and_a_gitlab_example():
    assert len(BLOCKS) == 2
    assert "jobs:" in BLOCKS[0] and "parallel:" in BLOCKS[1]


def commands(block: str) -> list[list[str]]:
    """Every s1sr command of a block, folded (YAML ``>-``) and with placeholders filled."""
    lines = block.splitlines()
    found = []
    while lines:
        line = lines.pop(0)
        text = line.strip()
        if text.endswith(">-"):  # a folded scalar: its more indented lines, joined by spaces
            indent = len(line) - len(line.lstrip())
            parts = []
            while lines and len(lines[0]) - len(lines[0].lstrip()) > indent:
                parts.append(lines.pop(0).strip())
            text = " ".join(parts)
        match = re.search(r"^(?:run: |- )?(s1sr .*)$", text)
        if match is None:
            continue
        command = match.group(1).split(" || ")[0]
        for name, value in PLACEHOLDERS.items():
            command = command.replace(name, value)
        found.append(shlex.split(command))
    return found


def suite_options() -> set[str]:
    class Group:
        def __init__(self) -> None:
            self.names: set[str] = set()

        def getgroup(self, *args: object, **kwargs: object) -> Group:
            return self

        def addoption(self, *names: str, **kwargs: object) -> None:
            self.names.update(names)

    group = Group()
    add_options(group)  # type: ignore[arg-type]
    return group.names


@pytest.mark.parametrize("index", [0, 1], ids=["github", "gitlab"])
def test_every_s1sr_command_of_the_example_is_a_real_one(index, capsys):
    found = commands(BLOCKS[index])
    assert [words[1] for words in found] == ["run", "report", "gate"]
    known = suite_options() | PYTEST_OPTIONS
    run = found[0]
    options = [w.split("=")[0] for w in run if w.startswith("-")]
    assert set(options) <= known, set(options) - known
    assert ShardSpec.parse(run[run.index("--shard") + 1]) == ShardSpec(2, 4)
    assert importlib.util.find_spec("xdist") is not None  # -n: pytest-xdist, in the test extra
    for words in found[1:]:
        build_parser().parse_args(words[1:])  # SystemExit (a failure here) if not
    merge = found[1]
    assert merge[1:4] == ["report", "merge", "merged"]
    assert "--trust=ci/s1sr-lab.pub.pem" in merge and "--sign-key=key.pem" in merge
    assert found[2][1:3] == ["gate", "merged"]
    assert capsys.readouterr().err == ""


def test_the_yaml_parses_into_shards_a_merge_and_a_gate():
    github, gitlab = (yaml.safe_load(block) for block in BLOCKS)
    shard = github["jobs"]["shard"]
    assert shard["strategy"]["matrix"]["shard"] == [1, 2, 3, 4]
    assert shard["strategy"]["fail-fast"] is False
    uploads = [s for s in shard["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "reports/"
    final = github["jobs"]["merge-and-gate"]
    assert final["needs"] == "shard" and final["if"] == "always()"
    runs = " ".join(s.get("run", "") for s in final["steps"])
    assert "s1sr report merge merged" in runs and "s1sr gate merged" in runs
    assert gitlab["shard"]["parallel"] == 4
    assert gitlab["shard"]["artifacts"]["paths"] == ["reports/"]
    decide = gitlab["merge-and-gate"]
    assert decide["when"] == "always" and decide["stage"] == "decide"
    assert decide["artifacts"]["reports"]["junit"] == "merged/junit.xml"
    assert gitlab["stages"] == ["conformance", "decide"]
