"""Fail loudly when a testable catalogue clause has no conformance test.

Checked only when the run collects a whole suite: a run of chosen files or node ids
(``pytest conformance/test_utrn.py``, ``path::test``) is a partial run on purpose.
``--clause`` and ``--device-model`` select after the check, so they do not hide a gap;
``--allow-missing-clauses`` turns the failure into a note in the summary.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from s1sr.pytest_plugin.state import PluginState

ITEM_NAME = "s1sr-clause-coverage"


class ClauseCoverageGap(Exception):
    pass


class ClauseCoverageItem(pytest.Item):
    """A test of its own, so the gap fails the run under xdist too, named in the summary."""

    def __init__(self, *, missing: tuple[str, ...], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.missing = missing

    def runtest(self) -> None:
        raise ClauseCoverageGap(message(self.missing))

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: object = None
    ) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, ITEM_NAME


def message(missing: tuple[str, ...]) -> str:
    return (
        f"{len(missing)} testable catalogue clause(s) have no conformance test "
        f"(@pytest.mark.clause): {', '.join(missing)}"
    )


def partial_selection(config: pytest.Config) -> bool:
    for arg in config.args:
        text = str(arg)
        if "::" in text:
            return True
        path = Path(config.invocation_params.dir, text)
        if path.suffix == ".py" or path.is_file():
            return True
    return False


def check_clause_coverage(
    session: pytest.Session, config: pytest.Config, state: PluginState, covered: set[str]
) -> ClauseCoverageItem | None:
    if partial_selection(config):
        state.notes.append("clause coverage not checked: a partial selection of the suite")
        return None
    missing = tuple(c.id for c in state.catalogue.testable if c.id not in covered)
    if not missing:
        return None
    if state.settings.allow_missing:
        state.notes.append(message(missing))
        return None
    return ClauseCoverageItem.from_parent(session, name=ITEM_NAME, missing=missing)
