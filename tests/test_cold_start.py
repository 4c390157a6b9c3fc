"""``tests/cold_start``: the xdist workers' import orders, which split a cold start's work."""

from __future__ import annotations

import pytest

from tests import cold_start
from tests.cold_start import import_ahead, module_names, share_of


@pytest.mark.parametrize("workers", [2, 3, 5])
def test_each_worker_imports_every_module_once_from_its_own_start(workers):
    names = [f"tests.test_{i:02d}" for i in range(23)]
    orders = [share_of(names, worker, workers) for worker in range(workers)]
    assert orders[0] == names  # gw0's is pytest's own order
    for worker, order in enumerate(orders):
        assert sorted(order) == names
        assert order[0] == names[len(names) * worker // workers]
    assert len({order[0] for order in orders}) == workers


def test_the_modules_are_the_test_modules_of_packages(tmp_path):
    root = tmp_path / "tests"
    for folder, files in {
        root: ["__init__.py", "test_top.py", "helpers.py"],
        root / "wire": ["__init__.py", "test_frames.py", "conftest.py"],
        root / "loose": ["test_no_package.py"],
        root / "wire" / "__pycache__": ["test_frames.py"],
    }.items():
        folder.mkdir(parents=True, exist_ok=True)
        for name in files:
            (folder / name).write_text("", encoding="utf-8")
    assert module_names(root) == ["tests.test_top", "tests.wire.test_frames"]


def test_the_suite_has_test_modules_to_share():
    names = module_names()
    assert len(names) > 100 and "tests.wire.test_one_byte_changes" in names


@pytest.fixture
def imported(monkeypatch):
    seen: list[str] = []

    def fake(name):
        seen.append(name)
        if name.endswith("test_broken"):
            raise ImportError(name)
        if name.endswith("test_skipped"):
            pytest.skip("module level", allow_module_level=True)

    names = ["tests.test_a", "tests.test_broken", "tests.test_skipped", "tests.test_z"]
    monkeypatch.setattr(cold_start, "module_names", lambda: names)
    monkeypatch.setattr(cold_start.importlib, "import_module", fake)
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    return seen, names, monkeypatch


def test_a_worker_imports_its_share_and_leaves_failures_to_collection(imported):
    seen, names, _ = imported
    import_ahead(1, 2)
    assert seen == share_of(names, 1, 2) == names[2:] + names[:2]


def test_gw0_a_lone_worker_and_no_bytecode_import_nothing(imported):
    seen, _, monkeypatch = imported
    import_ahead(0, 2)
    import_ahead(0, 1)
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # nothing written: nothing to share
    import_ahead(1, 2)
    assert seen == []


def test_an_interrupt_is_not_swallowed(imported, monkeypatch):
    def interrupted(name):
        raise KeyboardInterrupt

    monkeypatch.setattr(cold_start.importlib, "import_module", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_ahead(1, 2)
