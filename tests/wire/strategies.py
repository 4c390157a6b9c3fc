"""Hypothesis strategies the shared ones (tests/strategies.py) do not have: control messages."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from s1sr.models import (
    AdvanceClock,
    ControlOutcome,
    ControlRequest,
    ControlResponse,
    DeviceType,
    FirmwareVersion,
    InstallationInventory,
    InventoryDevice,
    InventoryResponse,
    ReadClock,
    ReadInventory,
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
        st.just(ReadInventory()),
    )


def control_requests() -> st.SearchStrategy[ControlRequest]:
    return st.builds(ControlRequest, request_ids(), eui64s(), control_actions())


@st.composite
def inventory_devices(draw: st.DrawFn) -> InventoryDevice:
    device_type = draw(st.sampled_from(DeviceType))
    metered = device_type in (DeviceType.ESME, DeviceType.GSME)
    model_ids = st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=64
    )
    return InventoryDevice(
        draw(eui64s()),
        device_type,
        draw(st.none() | model_ids),
        FirmwareVersion(draw(st.integers(0, (1 << 32) - 1))),
        draw(st.none() | eui64s()) if metered else None,
        draw(st.booleans()),
    )


def inventories() -> st.SearchStrategy[InstallationInventory]:
    return st.builds(
        InstallationInventory,
        st.lists(inventory_devices(), min_size=1, max_size=5, unique_by=lambda d: d.device).map(
            tuple
        ),
        st.lists(eui64s(), min_size=1, max_size=16, unique=True).map(tuple),
        st.integers(1, (1 << 32) - 1),
    )


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


def inventory_responses() -> st.SearchStrategy[InventoryResponse]:
    return st.builds(InventoryResponse, request_ids(), eui64s(), clock_instants(), inventories())


def wire_messages() -> st.SearchStrategy:
    """Anything ``encode_message`` takes."""
    return st.one_of(messages(), control_requests(), control_responses(), inventory_responses())
