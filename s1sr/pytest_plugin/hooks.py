"""The pytest hooks of the suite: options, parametrisation, fixtures, verdicts, summary."""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from s1sr.dmves import ENV_VAR as DMVES_ENV_VAR
from s1sr.dut import DutKind, DutSpec, DutSpecError
from s1sr.pytest_plugin.case import Case
from s1sr.pytest_plugin.coverage import check_clause_coverage
from s1sr.pytest_plugin.groups import GROUPS_KEY, write_groups
from s1sr.pytest_plugin.options import add_options
from s1sr.pytest_plugin.pairs import PairParam
from s1sr.pytest_plugin.reporting import RunReporter
from s1sr.pytest_plugin.run import TestContext
from s1sr.pytest_plugin.state import RUN_KEY, PluginState
from s1sr.pytest_plugin.summary import write_summary
from s1sr.pytest_plugin.verdicting import (
    STATUS,
    for_display,
    one_line,
    outcome_of,
    report_outcome,
)
from s1sr.verdicts import Verdict, VerdictRecord

STATE = pytest.StashKey[PluginState]()
MARKERS = (
    "clause(*ids): the S1SR clause ids (or scope items) a conformance test checks; the "
    "s1sr plugin runs it once per (clause, Device Model)",
    "srv(*numbers): the SRVs a conformance test sends (documentation and selection)",
    "xdist_group(name): pytest-xdist keeps a group's tests on one worker (--dist loadgroup)",
)


class NotApplicable(pytest.skip.Exception):
    """Raised before a NOT_APPLICABLE pair's fixtures are set up: its body never runs.

    A skip to pytest, so its setup report is one line rather than a formatted traceback (that
    formatting was a sixth of a suite run) and ``--pdb`` does not stop on it; the report is
    turned into a pass by ``pytest_runtest_makereport``.
    """


def state_of(config: pytest.Config) -> PluginState:
    return config.stash[STATE]


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    state = PluginState(config)
    config.stash[STATE] = state
    if getattr(config, "workerinput", None) is None:
        collector = ResultCollector(state)
        config.pluginmanager.register(collector, "s1sr-results")
        # The report folder (results, junit, summary, matrix, manifest): see reporting.py.
        config.pluginmanager.register(RunReporter(state, collector), "s1sr-report")
    settings = state.settings
    if (
        settings.models
        or settings.clauses
        or settings.faults
        or settings.clause_faults
        or settings.variants
        or settings.dmves
        or os.environ.get(DMVES_ENV_VAR)  # a bad file is a usage error, not 13 collection errors
    ):
        state.validate()


@pytest.hookimpl(wrapper=True)
def pytest_cmdline_main(config: pytest.Config) -> Generator[None, object, object]:
    """``-n N`` without ``--dist``: group by Device Model (one DUT per model per worker).

    A wrapper, so it runs before pytest-xdist's own hook turns "no" into "load". Another
    ``--dist`` would hand one model's tests to several workers at once: each builds its own
    emulator, but a device behind TCP, DUIS or an adapter is one device, which would get
    two tests' requests interleaved (and the same UTRN counters twice): refused for those.
    Over DUIS the DCC calls back one URL, so more than one worker is refused at all.
    """
    option = config.option
    workers = getattr(option, "numprocesses", None)
    if workers:
        kind = _dut_kind(config)
        if kind is DutKind.DUIS and workers != 1:
            raise pytest.UsageError(
                f"-n {workers} with --dut {config.getoption('dut')}: the DCC sends its callbacks "
                "to one URL, which one process can listen on; run without -n (`s1sr run-duis "
                "--jobs N` runs Device Models side by side, one server and callback port each)"
            )
        dist = getattr(option, "dist", None)
        if dist == "no":
            option.dist = "loadgroup"
        elif dist != "loadgroup" and kind not in (None, DutKind.EMULATOR):
            raise pytest.UsageError(
                f"--dist {dist} would send one Device Model's tests to several workers at once, "
                f"and --dut {config.getoption('dut')} is one device per model: leave --dist "
                "out (or --dist loadgroup) to keep each model's tests on one worker"
            )
    return (yield)


def _dut_kind(config: pytest.Config) -> DutKind | None:
    """The DUT's kind; None when ``--dut`` does not parse (the plugin's option check then
    says what is wrong with it)."""
    try:
        return DutSpec.parse(config.getoption("dut")).kind
    except DutSpecError:
        return None


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist: every worker appends to the controller's run folder, and says which
    tests are grouped (see scheduling)."""
    state = state_of(node.config)
    node.workerinput[RUN_KEY] = str(state.run_dir)
    node.workerinput[GROUPS_KEY] = str(state.groups_file(str(node.gateway.id)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadgroup``: keep each Device Model's tests on one worker (see scheduling),
    and with a DUT outside the process each installation's: its models share the device's
    clock and state, which two workers would move at once."""
    if getattr(config.option, "dist", None) != "loadgroup":
        return None
    from s1sr.pytest_plugin.scheduling import ModelScheduling

    state = state_of(config)
    return ModelScheduling(
        config,
        log,
        models=state.model_ids(),
        groups_files=state.groups_files,
        scopes=state.installation_scopes(),
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """A pytest-xdist worker writes its ``xdist_group`` marks for the controller's scheduler
    before it reports its collection (pytest-xdist's own hook, which runs after this one)."""
    path = getattr(session.config, "workerinput", {}).get(GROUPS_KEY)
    if path:
        write_groups(session.items, Path(path))


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(STATE, None)
    if state is not None:
        state.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" not in metafunc.fixturenames:
        return
    clause_ids: list[str] = []
    for marker in metafunc.definition.iter_markers("clause"):
        clause_ids.extend(str(c) for c in marker.args)
    clause_ids = list(dict.fromkeys(clause_ids))
    if not clause_ids:
        raise pytest.UsageError(
            f"{metafunc.definition.nodeid}: a test using the 'case' fixture needs "
            "@pytest.mark.clause('<clause id>', ...)"
        )
    state = state_of(metafunc.config)
    for clause_id in clause_ids:
        if not state.catalogue.has_clause(clause_id):
            raise pytest.UsageError(
                f"{metafunc.definition.nodeid}: clause {clause_id!r} is not in the catalogue"
            )
    params = [
        pytest.param(
            PairParam(clause_id, model.id),
            id=f"{clause_id}-{model.id}",
            marks=pytest.mark.xdist_group(model.id),
        )
        for clause_id in clause_ids
        for model in state.dmves.models
    ]
    metafunc.parametrize("case", params, indirect=True)


def pair_param(item: pytest.Item) -> PairParam | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    param = callspec.params.get("case")
    return param if isinstance(param, PairParam) else None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    params = [(item, pair_param(item)) for item in items]
    if not any(param is not None for _, param in params):
        return
    state = state_of(config)
    covered = {param.clause_id for _, param in params if param is not None}
    gap = check_clause_coverage(session, config, state, covered)
    keep = [item for item, param in params if param is None or state.selected(param)]
    dropped = [item for item, param in params if param is not None and not state.selected(param)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    if gap is not None:
        keep.append(gap)
    items[:] = keep


@pytest.fixture
def case(request: pytest.FixtureRequest) -> Case:
    """The (clause, Device Model) pair under test, with its DUT: see s1sr.pytest_plugin."""
    param = getattr(request, "param", None)
    if not isinstance(param, PairParam):
        raise pytest.UsageError(
            f"{request.node.nodeid}: the 'case' fixture needs @pytest.mark.clause(...)"
        )
    state = state_of(request.config)
    pair = state.pair(param)
    session = state.sessions.get(pair.model, state.clause_faults.get(pair.clause.id))
    session.fresh()
    recorder = state.recorder
    return Case(
        pair,
        catalogue=state.catalogue,
        dmves=state.dmves,
        session=session,
        record=recorder.frames,
        record_check=recorder.check,
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """A NOT_APPLICABLE pair (two thirds of the matrix) is reported without running its
    phases when none of them would do anything: no fixture or body runs for it, and its
    teardown would tear nothing down (the next test shares everything set up). Its three
    reports are made directly (the same outcomes, verdict and summary line), sparing
    pytest's capture, logging and exception handling of each phase. Otherwise (a module's
    last test, an xfail mark, ``--setup-only``) it takes the usual path, which
    ``pytest_runtest_setup`` and ``pytest_pyfunc_call`` keep N/A.
    """
    param = pair_param(item)
    if param is None or state_of(item.config).pair(param).applicable:
        return None
    if not _nothing_to_tear_down(item, nextitem):
        return None
    if item.get_closest_marker("xfail") is not None or item.config.getoption("setuponly", False):
        return None
    ihook = item.ihook
    ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    for when in ("setup", "call", "teardown"):
        call = pytest.CallInfo.from_call(_nothing, when=when)  # type: ignore[arg-type]
        report = ihook.pytest_runtest_makereport(item=item, call=call)
        ihook.pytest_runtest_logreport(report=report)
    ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def _nothing_to_tear_down(item: pytest.Item, nextitem: pytest.Item | None) -> bool:
    """Whether the teardown after ``item`` would end nothing: every node pytest has set up
    (its SetupState) is one the next test needs. Unknown (another pytest) counts as no."""
    stack = getattr(getattr(item.session, "_setupstate", None), "stack", None)
    if not isinstance(stack, dict):
        return False
    if not stack:
        return True
    if nextitem is None or item.session.shouldfail or item.session.shouldstop:
        return False
    needed = set(nextitem.listchain())
    return all(node in needed for node in stack)


def _nothing() -> None:
    """Each phase of a NOT_APPLICABLE pair."""


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    param = pair_param(item)
    if param is None:
        return
    state = state_of(item.config)
    pair = state.pair(param)
    if not pair.applicable:
        raise NotApplicable(pair.not_applicable_reason())
    state.recorder.current = TestContext(item.nodeid, param.model_id, param.clause_id)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """A NOT_APPLICABLE pair passes without running its body (shown as N/A, not skipped)."""
    param = pair_param(pyfuncitem)
    if param is not None and not state_of(pyfuncitem.config).pair(param).applicable:
        return True
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    param = pair_param(item)
    if param is None:
        return report
    state = state_of(item.config)
    pair = state.pair(param)
    if call.when == "teardown":
        if call.excinfo is not None and pair.applicable:  # after the call was judged
            reason = one_line(
                f"teardown: {type(call.excinfo.value).__name__}: {call.excinfo.value}"
            )
            _verdict(state, item, report, pair, Verdict.ERROR, reason)
        state.recorder.current = None
        return report
    if not pair.applicable:
        report.outcome = "passed"
        report.longrepr = None
        if call.when == "call":
            _verdict(
                state, item, report, pair, Verdict.NOT_APPLICABLE, pair.not_applicable_reason()
            )
        return report
    if call.when == "setup" and call.excinfo is None:
        return report
    result = outcome_of(call.excinfo, pair.clause)
    new = report_outcome(result.verdict, strict=state.settings.strict)
    if call.when == "setup" and new == "passed":
        new = "skipped"  # its fixtures did not all set up: the body must not run
        shown = for_display(result.reason)
        report.longrepr = (str(item.path), 0, f"{result.verdict.value}: {shown}")
    elif new == "passed":
        report.longrepr = None
    elif report.outcome != "failed" or result.verdict is Verdict.INCONCLUSIVE:
        report.longrepr = f"{result.verdict.value}: {for_display(result.reason)}"
    report.outcome = new  # type: ignore[assignment]
    _verdict(state, item, report, pair, result.verdict, result.reason)
    return report


def _verdict(
    state: PluginState,
    item: pytest.Item,
    report: pytest.TestReport,
    pair: Any,
    verdict: Verdict,
    reason: str,
) -> None:
    context = state.recorder.current
    evidence = tuple(context.evidence) if context is not None else ()
    record = VerdictRecord(
        model_id=pair.model.id,
        clause_id=pair.clause.id,
        expectation=pair.expectation,
        verdict=verdict,
        reason=reason,
        srv=pair.srv,
        node_id=item.nodeid,
        evidence=evidence,
    )
    state.recorder.verdict(record)
    report.s1sr_verdict = record.to_json()  # type: ignore[attr-defined]
    report.user_properties.extend(
        [
            ("clause", pair.clause.id),
            ("model", pair.model.id),
            ("expectation", pair.expectation),
            ("verdict", verdict.value),
        ]
    )


def pytest_report_teststatus(
    report: pytest.TestReport, config: pytest.Config
) -> tuple[str, str, Any] | None:
    data = getattr(report, "s1sr_verdict", None)
    if not isinstance(data, dict):
        return None
    verdict = Verdict(data["verdict"])
    category, letter, word = STATUS[verdict]
    if report.failed and verdict is Verdict.INCONCLUSIVE:
        category = "failed"  # --strict
    colour = {"passed": "green", "failed": "red", "error": "red"}.get(category, "yellow")
    return category, letter, (word, {colour: True})


class ResultCollector:
    """Registered per run: gathers every verdict the reports carry (from xdist workers
    too) and prints the summary at the end."""

    def __init__(self, state: PluginState) -> None:
        self.state = state
        self.records: dict[str, VerdictRecord] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "s1sr_verdict", None)
        if isinstance(data, dict):
            self.records[report.nodeid] = VerdictRecord.from_json(data)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.records or self.state.notes:
            write_summary(terminalreporter, self.state, list(self.records.values()))
