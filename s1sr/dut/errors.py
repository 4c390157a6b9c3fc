"""What a device-under-test adapter raises.

``DutError`` is the transport's failure (connection lost, no final answer in time, a frame
that does not decode): the suite records ERROR, never FAIL, because nothing was learnt
about the device's conformance. ``MissingCapability`` is a test asking for something the
DUT cannot do (move its clock, reset): the suite records INCONCLUSIVE with that reason.
``CannotCarry`` is a request the suite built that the DUT's transport has no form for (a
DUIS user cannot send it): the device was never asked, so nothing was learnt about it and
nothing failed, and the suite records INCONCLUSIVE with the transport's reason.
"""

from __future__ import annotations

from s1sr.dut.capability import Capability


class DutError(Exception):
    """The DUT could not be driven to an answer (transport failure, timeout, bad frame)."""


class MissingCapability(Exception):
    """A test needed a capability this DUT does not declare."""

    def __init__(self, capability: Capability, dut: str = "") -> None:
        self.capability = capability
        where = f" ({dut})" if dut else ""
        super().__init__(f"the DUT{where} does not offer {capability.value}")


class CannotCarry(Exception):
    """The transport has no form for a request the suite built: it was never sent."""
