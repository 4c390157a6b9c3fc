"""The report seam: at the end of a run, write its report folder (``s1sr.report.write_run``).

Registered next to ``ResultCollector`` in the controlling process only (not in pytest-xdist
workers), it takes the verdicts the collector gathered, adds what only the controller
knows (start and end, options, pytest's exit status, tests that failed without a verdict,
durations) and prints the folder's path as the summary's last line.
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest

import s1sr
from s1sr.report import MATRIX_FILE, SUMMARY_FILE, RunMetadata, RunOptions, write_run

if TYPE_CHECKING:
    from s1sr.pytest_plugin.hooks import ResultCollector
    from s1sr.pytest_plugin.state import PluginState

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class RunReporter:
    def __init__(
        self, state: PluginState, collector: ResultCollector, clock: Clock = utc_now
    ) -> None:
        self.state = state
        self.collector = collector
        self.clock = clock
        self.started: datetime | None = None
        self.durations: dict[str, float] = {}
        self.other_failures: list[str] = []
        self.written: str | None = None
        self.problem: str | None = None

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.started = self.clock()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.other_failures.append(f"collecting {report.nodeid or '.'}")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.durations[report.nodeid] = self.durations.get(report.nodeid, 0.0) + report.duration
        no_verdict = not isinstance(getattr(report, "s1sr_verdict", None), dict)
        if report.failed and no_verdict and report.nodeid not in self.other_failures:
            self.other_failures.append(report.nodeid)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        records = list(self.collector.records.values())
        state = self.state
        if not records and not state.run_dir.exists():
            return  # no conformance test ran: no folder (see run.py)
        try:
            report = write_run(
                state.run_dir,
                records,
                self._metadata(session, int(exitstatus)),
                catalogue=state.catalogue,
                dmves=state.dmves,
                durations=self.durations,
            )
        except Exception as exc:  # the run's verdicts stand; say loudly that its report does not
            self.problem = f"{type(exc).__name__}: {exc}"
            return
        self.written = str(report.folder)

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.problem is not None:
            terminalreporter.write_line(
                f"report NOT written to {self.state.run_dir}: {self.problem}", red=True
            )
        elif self.written is not None:
            terminalreporter.write_line(
                f"report: {self.written} (open {MATRIX_FILE}; {SUMMARY_FILE}; "
                f"check it with `s1sr report verify`, gate it with `s1sr gate`)"
            )

    def _metadata(self, session: pytest.Session, exitstatus: int) -> RunMetadata:
        state = self.state
        settings = state.settings
        finished = self.clock()
        workers = getattr(session.config.option, "numprocesses", None)
        timeout = settings.s1sp_timeout
        return RunMetadata(
            run=state.run_dir.name,
            suite_version=s1sr.__version__,
            started=self.started or finished,
            finished=finished,
            dut=str(settings.dut),
            dmves_source=state.dmves.source,
            dmves_sha256=state.dmves.sha256,
            options=RunOptions(
                device_models=settings.models,
                clauses=settings.clauses,
                faults=settings.faults,
                variants=settings.variants,
                strict=settings.strict,
                s1sp_timeout=None if timeout is None else timeout.total_seconds(),
                dut_inventory=None if settings.inventory is None else str(settings.inventory),
                workers=workers if isinstance(workers, int) else 0,
            ),
            exit_status=exitstatus,
            other_failures=tuple(self.other_failures),
            python=platform.python_version(),
            platform=platform.platform(),
        )
