"""The built-in DUT: the installation of one Device Model, emulated in process on virtual time.

The installation is the model's example HAN from the DMVES (so split supply has both
suppliers), or one synthesised around the model. Variants of the run (correct devices that
read the clauses another allowed way) configure it; faults are laid over it where their
clause applies; a fault whose clause no model of this installation carries changes
nothing there and is left out. Messages still go through the wire codec both ways, so the
evidence holds the bytes a TCP DUT would have carried. Reset rebuilds the installation on a
new virtual clock at ``DEFAULT_START``; setting the clock back is allowed only before the
first request after a reset (by rebuilding at that instant), since device logs only move on.
A reset of an installation nothing has touched since it was built at the start (a model's
first test, after the inventory was read) keeps it: building is deterministic, so a rebuild
would give the same devices in the same state.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from s1sr.dmves import DeviceModel, Dmves
from s1sr.dut.base import DEFAULT_START, DeviceUnderTest, DutExchange
from s1sr.dut.capability import Capability
from s1sr.dut.errors import DutError, MissingCapability
from s1sr.dut.final import is_final
from s1sr.dut.frames import Direction, Frame, carry
from s1sr.dut.inventory import DeviceEntry, Inventory
from s1sr.emulator import (
    DEFAULT_TIMEOUT,
    Fault,
    Installation,
    VirtualClock,
    build_installation,
    fault,
    load_faults,
    plan_installation,
    supplier_user_id,
)
from s1sr.emulator.factory import SYNTHESISED_SUPPLIER
from s1sr.emulator.variants import Variant, load_variants, merge, variant
from s1sr.emulator.variants import unknown_variants as _unknown_variants
from s1sr.models import Message, Request


class EmulatorDut(DeviceUnderTest):
    capabilities = frozenset({Capability.CLOCK_CONTROL, Capability.RESET})
    name = "emulator"

    def __init__(
        self,
        dmves: Dmves,
        model: DeviceModel,
        *,
        faults: Iterable[str | Fault] = (),
        variants: Iterable[str | Variant] = (),
        s1sp_timeout: timedelta | None = None,
        start: datetime = DEFAULT_START,
        overrides: dict[str, object] | None = None,
    ) -> None:
        self._dmves = dmves
        self._model = model
        self._where = installation_of(model)
        plan = plan_installation(dmves, **self._where)
        chosen = [f if isinstance(f, Fault) else fault(f) for f in faults]
        self.faults = tuple(f for f in chosen if any(m.applies(f.clause) for m in plan.models))
        self.variants = tuple(v if isinstance(v, Variant) else variant(v) for v in variants)
        self._variant = merge(self.variants)
        self._timeout = s1sp_timeout or self._variant.s1sp_timeout or DEFAULT_TIMEOUT
        self._start = self._variant.start or start
        self._overrides = {**self._variant.overrides, **(overrides or {})}
        # per instance: a variant may take a capability away, as a real bench may lack it
        self.capabilities = type(self).capabilities - self._variant.without
        self._installation: Installation | None = None
        self._pristine = True  # no request since the last build: the clock may still go back
        # Built at the start and untouched since: every path that can change the installation
        # (exchange, set_clock, advance, handing it out) clears this, so reset may keep it.
        self._as_built = False
        self._queued: list[Message] = []  # what moving the clock raised, for the next exchange

    @property
    def installation(self) -> Installation:
        """The emulated installation; whoever holds it may change it, so a reset rebuilds."""
        installation = self._current()
        self._as_built = False
        return installation

    def _current(self) -> Installation:
        """The installation, for the reads and the paths that clear ``_as_built`` themselves."""
        if self._installation is None:
            self.open()
        assert self._installation is not None
        return self._installation

    def open(self) -> None:
        if self._installation is None:
            self._build(self._start)

    def close(self) -> None:
        self._installation = None

    def inventory(self) -> Inventory:
        installation = self._current()  # only reads: plan, identities, suppliers
        plan = installation.plan
        on_han = {m.id for m in plan.on_han}
        devices = []
        for model in plan.models:
            device_id = installation.device_id(model.id)
            supplier = installation.supplier_of(device_id) if model.id in on_han else None
            devices.append(
                DeviceEntry(device_id, model.device_type, model.id, supplier, model.id in on_han)
            )
        users = tuple(installation.suppliers.values()) or (supplier_user_id(SYNTHESISED_SUPPLIER),)
        return Inventory(tuple(devices), users)

    def exchange(self, request: Request) -> DutExchange:
        installation = self._current()
        self._pristine = False
        self._as_built = False
        clock = installation.clock
        sent, carried = carry(Direction.OUT, request, virtual_time=clock.now())
        frames: list[Frame] = [sent]
        acknowledgement = self._variant.acknowledgement(request)
        answers = (
            self._queued
            + acknowledgement
            + installation.exchange(carried)  # type: ignore[arg-type]
            + installation.poll()
        )
        self._queued = []
        messages: list[Message] = []
        for answer in answers:
            message = self._variant.rename(answer)
            item, received = carry(Direction.IN, message, virtual_time=clock.now())
            messages.append(received)  # type: ignore[arg-type]
            frames.append(item)
        if not any(is_final(m, request) for m in messages):
            raise DutError(f"the emulator gave no final answer to request {request.request_id}")
        return DutExchange(request, tuple(messages), tuple(frames))

    def now(self) -> datetime:
        return self._current().clock.now()

    def set_clock(self, instant: datetime) -> None:
        if not self.has(Capability.CLOCK_CONTROL):
            raise MissingCapability(Capability.CLOCK_CONTROL, self.name)
        installation = self._current()
        self._as_built = False  # moving the clock runs the devices' timers (a rebuild sets it)
        if instant >= installation.clock.now():
            self._queued += installation.run_until(instant)
        elif self._pristine:
            self._build(instant)
        else:
            raise DutError(
                f"the emulator's clock cannot go back to {instant.isoformat()} after requests "
                f"were made at {installation.clock.now().isoformat()}: set it first"
            )

    def advance(self, delta: timedelta) -> None:
        if not self.has(Capability.CLOCK_CONTROL):
            raise MissingCapability(Capability.CLOCK_CONTROL, self.name)
        installation = self._current()
        self._as_built = False
        self._queued += installation.advance(delta)

    def reset(self) -> None:
        if not self.has(Capability.RESET):
            raise MissingCapability(Capability.RESET, self.name)
        if self._as_built and self._installation is not None:
            self._queued = []  # nothing can have been queued: moving the clock clears _as_built
            return
        self._build(self._start)

    def _build(self, start: datetime) -> None:
        self._installation = build_installation(
            self._dmves,
            clock=VirtualClock(start),
            faults=self.faults,
            s1sp_timeout=self._timeout,
            overrides=self._overrides,
            **self._where,
        )
        self._pristine = True
        self._as_built = start == self._start
        self._queued = []


def installation_of(model: DeviceModel) -> dict[str, str]:
    """Where a Device Model is emulated, whatever the transport: its example HAN when the
    DMVES gives one, else an installation synthesised around it. ``s1sr emulate --model``
    builds the same, so a run over TCP meets the devices an in-process run meets."""
    return {"han_id": model.han_id} if model.han_id else {"model_id": model.id}


def unknown_variants(names: Iterable[str]) -> list[str]:
    """The names that are not in the emulator's variant catalogue."""
    return _unknown_variants(names)


def fault_names() -> list[str]:
    """Every fault of the emulator's catalogue, for suggestions and listings."""
    return [f.name for f in load_faults()]


def variant_names() -> list[str]:
    """Every allowed variant of the emulator's catalogue."""
    return [v.name for v in load_variants()]


def fault_clause(name: str) -> str:
    """The clause a catalogued fault breaks (``UnknownEntryError`` for another name)."""
    return fault(name).clause


def unknown_faults(names: Iterable[str]) -> list[str]:
    """The names that are not in the emulator's fault catalogue."""
    known = {f.name for f in load_faults()}
    return [name for name in names if name not in known]
