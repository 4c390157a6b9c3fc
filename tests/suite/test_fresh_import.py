"""``suite_imported_afresh``: an in-process run sees none of the suite's modules an earlier
run imported, and what was imported before the block is back after it."""

from __future__ import annotations

import importlib
import sys

from s1sr.sensitivity.fresh import suite_imported_afresh


def test_the_suites_modules_are_imported_afresh_inside_and_put_back_after(tmp_path, monkeypatch):
    suite = tmp_path / "suite_fresh"
    suite.mkdir()
    (suite / "fresh_state.py").write_text("RUNS = []\n", encoding="utf-8")
    (tmp_path / "fresh_other.py").write_text("RUNS = []\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(suite))
    monkeypatch.syspath_prepend(str(tmp_path))
    before = importlib.import_module("fresh_state")
    before.RUNS.append("earlier run")
    other = importlib.import_module("fresh_other")  # beside the suite, not in it
    try:
        for _ in range(2):
            with suite_imported_afresh(suite):
                assert "fresh_state" not in sys.modules
                assert sys.modules["fresh_other"] is other
                inside = importlib.import_module("fresh_state")
                assert inside is not before and inside.RUNS == []
                inside.RUNS.append("this run")
            assert sys.modules["fresh_state"] is before and before.RUNS == ["earlier run"]
    finally:
        sys.modules.pop("fresh_state", None)
        sys.modules.pop("fresh_other", None)


def test_a_suite_reached_through_a_symbolic_link_is_still_the_suite(tmp_path, monkeypatch):
    suite = tmp_path / "real_suite"
    suite.mkdir()
    (suite / "fresh_linked.py").write_text("X = 1\n", encoding="utf-8")
    link = tmp_path / "linked_suite"
    link.symlink_to(suite, target_is_directory=True)
    monkeypatch.syspath_prepend(str(suite))
    importlib.import_module("fresh_linked")
    try:
        with suite_imported_afresh(link):
            assert "fresh_linked" not in sys.modules
        assert "fresh_linked" in sys.modules
    finally:
        sys.modules.pop("fresh_linked", None)
