"""Hypothesis strategies the shared ones (tests/strategies.py) do not have: control messages."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from s1sr.models import (
    AdvanceClock,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    ReadClock,
    ResetInstallation,
    SetClock,
)
from tests.strategies import eui64s, messages, request_ids

CLOCK_MAX = datetime(2136, 2, 7, 6, 28, 14)


def clock_instants() -> st.SearchStrategy[datetime]:
    """The whole range the clock can be set to, not just this century."""
    return st.datetimes(min_value=datetime(2000, 1, 1), max_value=CLOCK_MAX).map(
        lambda d: d.replace(microsecond=0, tzinfo=UTC)
    )


def control_actions() -> st.SearchStrategy:
    return st.one_of(
        st.just(ReadClock()),
        st.builds(SetClock, clock_instants()),
        st.builds(AdvanceClock, st.integers(0, (1 << 32) - 1)),
        st.just(ResetInstallation()),
    )


def control_requests() -> st.SearchStrategy[ControlRequest]:
    return st.builds(ControlRequest, request_ids(), eui64s(), control_actions())


def control_responses() -> st.SearchStrategy[ControlResponse]:
    reasons = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=255)
    return st.builds(
        ControlResponse,
        request_ids(),
        eui64s(),
        st.sampled_from(ControlOutcome),
        clock_instants(),
        reasons,
    )


def wire_messages() -> st.SearchStrategy:
    """Anything ``encode_message`` takes."""
    return st.one_of(messages(), control_requests(), control_responses())
