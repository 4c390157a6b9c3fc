"""The import rules of docs/architecture.md, checked on the source with ``ast``.

Models import nothing of s1sr; codecs never import the emulator; conformance tests never
import the emulator (their expectations come from the catalogue and the DMVES); only the
emulator adapter of ``s1sr.dut`` imports the emulator; the plugin reaches the emulator only
through ``s1sr.dut``. Imports inside functions count: a rule is about what a part may know.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "s1sr"


@cache
def parsed(path: Path) -> ast.Module:
    """Each file parsed once per test process: several rules read the same files."""
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports_of(path: Path, root: Path = REPO) -> Iterator[tuple[int, str]]:
    """Every absolute module name ``path`` imports (relative imports resolved), with line."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from _names(node, package)


def _names(node: ast.Import | ast.ImportFrom, package: str) -> Iterator[tuple[int, str]]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield node.lineno, alias.name
        return
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


# What the package's own dependencies do not bring (pyproject's extras): an installed s1sr
# runs its commands and its plugin without them, so they are imported only inside functions
# that need them, never on the way in.
OPTIONAL = ("xdist", "hypothesis", "freezegun", "yaml")
ENTRY_POINTS = ("s1sr.cli", "s1sr.pytest_plugin")


def module_file(module: str, root: Path = REPO) -> Path | None:
    base = root.joinpath(*module.split("."))
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


def top_level_imports(path: Path, root: Path = REPO) -> Iterator[tuple[int, str]]:
    """The imports importing the module runs: those ``imports_of`` finds outside any
    function (module level, in its ``if``/``try`` blocks and class bodies)."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    statements = list(parsed(path).body)
    while statements:
        node = statements.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from _names(node, package)
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for block in ("body", "orelse", "finalbody", "handlers", "cases"):
                statements.extend(getattr(node, block, None) or ())


def optional_imports_on_the_way_in(entry_points: tuple[str, ...], root: Path = REPO) -> list[str]:
    """Every optional dependency imported at module level by the entry points or by an s1sr
    module they import at module level, however deep."""
    found: dict[str, str] = {}  # "file:line" -> the module it names first
    seen: set[Path] = set()
    todo = list(entry_points)
    while todo:
        path = module_file(todo.pop(), root)
        if path is None or path in seen:
            continue
        seen.add(path)
        for line, module in top_level_imports(path, root):
            if module.split(".")[0] in OPTIONAL:
                found.setdefault(f"{path.relative_to(root)}:{line}", module)
            elif module.startswith("s1sr."):
                todo.append(module)
    return sorted(f"{where} imports {module}" for where, module in found.items())


def test_the_cli_and_the_plugin_import_no_optional_dependency_on_the_way_in():
    assert not optional_imports_on_the_way_in(ENTRY_POINTS)


def test_the_optional_import_checker_follows_module_imports_not_function_ones(tmp_path):
    pkg = tmp_path / "s1sr"
    (pkg / "cli").mkdir(parents=True)
    (pkg / "cli" / "__init__.py").write_text("from s1sr import plan\n", encoding="utf-8")
    (pkg / "plan.py").write_text(
        "from .deep import sched\ndef later():\n    import hypothesis\n", encoding="utf-8"
    )
    (pkg / "deep").mkdir()
    (pkg / "deep" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "deep" / "sched.py").write_text("from xdist.scheduler import X\n", encoding="utf-8")
    (pkg / "unreached.py").write_text("import freezegun\n", encoding="utf-8")
    found = optional_imports_on_the_way_in(("s1sr.cli",), root=tmp_path)
    assert found == ["s1sr/deep/sched.py:1 imports xdist.scheduler"]
