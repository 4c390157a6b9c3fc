"""The s1sr pytest plugin: the conformance suite's options, parametrisation and verdicts.

Registered by the ``pytest11`` entry point, so any project that installs s1sr gets it.
A conformance test asks for the ``case`` fixture and names its clauses::

    @pytest.mark.clause("18.6(b)")
    def test_utrn_not_in_whole_pounds(case):
        ex = case.exchange(TopUpDeviceRequest(utrn=...))
        case.expect(..., expected="S1SP alert ...", observed=ex.summary())

The plugin runs it once per (clause, selected Device Model) with ids like
``18.6(b)-EX-ESME-1``, records a verdict per pair (PASS, FAIL, INCONCLUSIVE,
NOT_APPLICABLE, ERROR) and every frame as evidence. See docs/suite.md.
"""

from s1sr.dut import Capability, DutError
from s1sr.pytest_plugin.case import Case
from s1sr.pytest_plugin.exchange import Exchange
from s1sr.pytest_plugin.hooks import (
    case,
    pytest_addoption,
    pytest_cmdline_main,
    pytest_collection_finish,
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_configure_node,
    pytest_generate_tests,
    pytest_pyfunc_call,
    pytest_report_teststatus,
    pytest_runtest_makereport,
    pytest_runtest_protocol,
    pytest_runtest_setup,
    pytest_unconfigure,
    pytest_xdist_make_scheduler,
)
from s1sr.pytest_plugin.outcomes import ConformanceFailure, IdentityMismatch, Inconclusive

__all__ = [
    "Capability",
    "Case",
    "ConformanceFailure",
    "DutError",
    "Exchange",
    "IdentityMismatch",
    "Inconclusive",
    "case",
    "pytest_addoption",
    "pytest_cmdline_main",
    "pytest_collection_finish",
    "pytest_collection_modifyitems",
    "pytest_configure",
    "pytest_configure_node",
    "pytest_generate_tests",
    "pytest_pyfunc_call",
    "pytest_report_teststatus",
    "pytest_runtest_makereport",
    "pytest_runtest_protocol",
    "pytest_runtest_setup",
    "pytest_unconfigure",
    "pytest_xdist_make_scheduler",
]
