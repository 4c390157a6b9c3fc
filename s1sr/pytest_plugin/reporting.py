"""The report seam: at the end of a run, write its report folder (``s1sr.report.write_run``).

Registered next to ``ResultCollector`` in the controlling process only (not in pytest-xdist
workers), it takes the verdicts the collector gathered, adds what only the controller
knows (start and end, options, pytest's exit status, tests that failed without a verdict,
durations) and prints the folder's path as the summary's last line. With ``--sign-key``
it signs the folder's manifest once written and cross-checked (``s1sr.report.sign_run``).
In a launcher's multi-process run (``S1SR_RUN_PART`` set) it writes only its part, and the
launcher finishes the folder once every process has ended (``s1sr.report.finish``).
"""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import s1sr
from s1sr.report import (
    MATRIX_FILE,
    SIGNATURE_FILE,
    SUMMARY_FILE,
    ReportError,
    RunMetadata,
    RunOptions,
    ShardInfo,
    fingerprint,
    load_private_key,
    sign_run,
    write_run,
)
from s1sr.report.finish import PART_ENV, RunPart

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
        self.sign_key = _sign_key(state)  # loaded now: a bad key is a usage error, not a late one
        self.signed: str | None = None  # the signing key's fingerprint, once signed
        self.sign_problem: str | None = None
        self.part: str | None = None  # the part file written instead of the report files

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
        part = os.environ.get(PART_ENV)
        if part:  # one process of a launcher's run: the launcher writes the report once
            metadata = self._metadata(session, int(exitstatus))
            self.part = str(RunPart(metadata, dict(self.durations)).write(Path(part)))
            return
        if state.settings.shard is not None:
            # A shard owning no model (N above the models) is still a valid part of the run:
            # its folder is written and its job succeeds, so the merge gets all N of them.
            if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
                exitstatus = session.exitstatus = pytest.ExitCode.OK
            if not records and not state.run_dir.exists():
                state.recorder.start()  # its session line: what ran, with which options
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
        if self.sign_key is not None:
            try:
                sign_run(report.folder, self.sign_key)
            except ReportError as exc:  # written, cross-checked or not, but NOT signed
                self.sign_problem = str(exc)
            else:
                self.signed = fingerprint(self.sign_key.public_key())

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.problem is not None:
            terminalreporter.write_line(
                f"report NOT written to {self.state.run_dir}: {self.problem}", red=True
            )
        if self.sign_problem is not None:
            terminalreporter.write_line(f"report NOT signed: {self.sign_problem}", red=True)
        elif self.signed is not None:
            terminalreporter.write_line(f"report signed: {SIGNATURE_FILE} by key {self.signed}")
        elif self.part is not None:
            terminalreporter.write_line(
                f"report part: {self.part} (the launcher writes {self.state.run_dir}'s report)"
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
                clause_faults=settings.clause_faults,
                mapped_only=settings.mapped_only,
            ),
            exit_status=exitstatus,
            other_failures=tuple(self.other_failures),
            python=platform.python_version(),
            platform=platform.platform(),
            shard=self._shard(),
        )

    def _shard(self) -> ShardInfo | None:
        spec = self.state.settings.shard
        if spec is None:
            return None
        return ShardInfo(spec.index, spec.count, tuple(self.state.shard_models or ()))


def _sign_key(state: PluginState) -> Ed25519PrivateKey | None:
    path = state.settings.sign_key
    if path is None:
        return None
    if not path.is_absolute():
        path = Path(state.config.invocation_params.dir) / path
    try:
        return load_private_key(path)
    except ReportError as exc:
        raise pytest.UsageError(f"--sign-key: {exc}") from None
