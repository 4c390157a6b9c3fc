"""The one interface the suite drives a device under test through.

An adapter declares its capabilities, lists the devices it holds (``inventory``), and
exchanges one SRV request for the messages that finally answer it (a response, alerts, or
S1CE20 once the S1SP timeout has passed). Clock control and reset are optional: a test that
needs one the DUT lacks ends INCONCLUSIVE, never FAIL. A manufacturer who can hand a request
model to their device and get models back subclasses ``MessageDut`` (messages.py) instead,
which does the framing and evidence for them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from s1sr.dut.capability import Capability
from s1sr.dut.errors import MissingCapability
from s1sr.dut.frames import Frame
from s1sr.dut.inventory import Inventory
from s1sr.models import Message, Request

# Where every test starts on a DUT with clock control: a winter weekday, GMT.
DEFAULT_START = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class DutExchange:
    """What one request produced: every message the DUT sent back, and the frames carried."""

    request: Request
    messages: tuple[Message, ...]
    frames: tuple[Frame, ...]


class DeviceUnderTest(ABC):
    capabilities: frozenset[Capability] = frozenset()
    name: str = "dut"
    # The S1SP request timeout of this installation, when the adapter knows it: S1CE20 is
    # then judged as raised no later than this after the request. `--s1sp-timeout` wins;
    # None means not declared, judged against the longest allowed (24 h).
    s1sp_timeout: timedelta | None = None

    def open(self) -> None:  # noqa: B027 - optional hook
        """Connect or build; called once before the first use."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release what ``open`` took; called once at the end of the run."""

    @abstractmethod
    def inventory(self) -> Inventory:
        """The devices of the installation and the DCC Users that may command them."""

    @abstractmethod
    def exchange(self, request: Request) -> DutExchange:
        """Send ``request`` and return once it has its final answer (or raise ``DutError``)."""

    def now(self) -> datetime:
        """The DUT's current instant; the host's clock unless the DUT has its own."""
        return datetime.now(UTC)

    def set_clock(self, instant: datetime) -> None:
        raise MissingCapability(Capability.CLOCK_CONTROL, self.name)

    def advance(self, delta: timedelta) -> None:
        raise MissingCapability(Capability.CLOCK_CONTROL, self.name)

    def reset(self) -> None:
        """Commissioned state with the clock at ``DEFAULT_START`` (when it has a clock)."""
        raise MissingCapability(Capability.RESET, self.name)

    def has(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def __enter__(self) -> DeviceUnderTest:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
