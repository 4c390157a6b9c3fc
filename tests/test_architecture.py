"""The import rules of docs/architecture.md, checked on the source with ``ast``.

Models import nothing of s1sr; codecs never import the emulator; conformance tests never
import the emulator (their expectations come from the catalogue and the DMVES); only the
emulator adapter of ``s1sr.dut`` imports the emulator; the plugin reaches the emulator only
through ``s1sr.dut``. Imports inside functions count: a rule is about what a part may know.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "s1sr"


def imports_of(path: Path, root: Path = REPO) -> Iterator[tuple[int, str]]:
    """Every absolute module name ``path`` imports (relative imports resolved), with line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # `from s1sr import emulator`
                yield node.lineno, f"{module}.{alias.name}"


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def offences(files: list[Path], forbidden: tuple[str, ...], root: Path = REPO) -> list[str]:
    found = []
    for path in files:
        for line, module in imports_of(path, root):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return found


def test_models_import_nothing_of_s1sr():
    files = python_files(PACKAGE / "models")
    found = [
        f"{path.relative_to(REPO)}:{line} imports {module}"
        for path in files
        for line, module in imports_of(path)
        if (module == "s1sr" or module.startswith("s1sr.")) and not module.startswith("s1sr.models")
    ]
    assert not found


def test_codecs_never_import_the_emulator():
    assert not offences(python_files(PACKAGE / "codecs"), ("s1sr.emulator",))


def test_conformance_tests_never_import_the_emulator():
    # The suite lives in conformance/; a packaged copy would be s1sr/conformance/.
    folders = [REPO / "conformance", PACKAGE / "conformance"]
    files = [p for folder in folders if folder.is_dir() for p in python_files(folder)]
    assert files, "the conformance suite is missing"
    assert not offences(files, ("s1sr.emulator", "s1sr.dut.emulator"))


def test_only_the_emulator_adapter_of_the_dut_imports_the_emulator():
    files = [p for p in python_files(PACKAGE / "dut") if p.name != "emulator.py"]
    assert not offences(files, ("s1sr.emulator",))


@pytest.mark.parametrize("part", ["pytest_plugin", "verdicts", "evidence"])
def test_the_suite_reaches_the_emulator_only_through_the_dut(part):
    assert not offences(python_files(PACKAGE / part), ("s1sr.emulator",))


def test_the_checker_sees_imports_in_functions_and_relative_ones(tmp_path):
    probe = tmp_path / "s1sr" / "codecs" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "from .. import models\n"
        "def f():\n"
        "    from ..emulator import clock\n"
        "    import s1sr.emulator.faults\n",
        encoding="utf-8",
    )
    found = offences([probe], ("s1sr.emulator",), root=tmp_path)
    assert found == [
        "s1sr/codecs/probe.py:3 imports s1sr.emulator",
        "s1sr/codecs/probe.py:3 imports s1sr.emulator.clock",
        "s1sr/codecs/probe.py:4 imports s1sr.emulator.faults",
    ]
