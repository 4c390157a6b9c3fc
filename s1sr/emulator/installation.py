"""One emulated SMETS1 Installation: its HAN behind its S1SP, on one clock.

``build_installation`` (``factory``) decides which Device Models make the installation
(an ``InstallationPlan``) and assembles it. The ``Installation`` is the S1SP's endpoint for
every device of the HAN and what a test or the TCP server drives: requests go in through
the S1SP (``submit``, ``exchange``), alerts that fall due come out of ``poll``, virtual
time moves with ``advance``. ``reset`` rebuilds every device from the plan at the current
instant and makes the S1SP forget what it saw, so a run can start again from factory state.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from s1sr.dmves import DeviceModel
from s1sr.emulator.clock import Clock
from s1sr.emulator.device import Device, Outcome
from s1sr.emulator.faults import Fault
from s1sr.emulator.han import Chf, FirmwareSlot, Han
from s1sr.emulator.han.knobs import describe
from s1sr.emulator.s1sp import S1SP, PendingRequest
from s1sr.models import EUI64, DeviceType, Message, Request, Utrn

HanBuilder = Callable[[datetime], Han]
_METERS = frozenset({DeviceType.ESME, DeviceType.GSME})


@dataclass(frozen=True)
class InstallationPlan:
    """The Device Models of one installation, and who supplies its meters."""

    han_id: str | None  # the DMVES example installation, None when synthesised
    on_han: tuple[DeviceModel, ...]  # the CHF first, then the devices on its log
    spares: tuple[DeviceModel, ...]  # PPMIDs known to the S1SP, not on the HAN (swap-in)
    suppliers: Mapping[str, str] = field(default_factory=dict)  # meter model id -> supplier
    synthesised: bool = False

    def __post_init__(self) -> None:
        if not self.on_han or self.on_han[0].device_type is not DeviceType.CHF:
            raise ValueError("an installation plan starts with its CHF")
        counts: dict[DeviceType, int] = {}
        for model in self.on_han:
            counts[model.device_type] = counts.get(model.device_type, 0) + 1
        for device_type in (DeviceType.CHF, DeviceType.ESME, DeviceType.GSME, DeviceType.PPMID):
            if counts.get(device_type, 0) > 1:
                raise ValueError(f"an installation has at most one {device_type}")
        ids = [m.id for m in self.models]
        if len(set(ids)) != len(ids):
            raise ValueError("a Device Model appears twice in the installation")
        if any(m.device_type is not DeviceType.PPMID for m in self.spares):
            raise ValueError("only PPMIDs are spares (to swap in)")

    @property
    def models(self) -> tuple[DeviceModel, ...]:
        return self.on_han + self.spares

    @property
    def chf(self) -> DeviceModel:
        return self.on_han[0]

    def of_type(self, device_type: DeviceType) -> DeviceModel | None:
        return next((m for m in self.on_han if m.device_type is device_type), None)


class Installation:
    def __init__(
        self,
        plan: InstallationPlan,
        *,
        clock: Clock,
        s1sp: S1SP,
        build_han: HanBuilder,
        device_ids: Mapping[str, EUI64],
        user_ids: Mapping[str, EUI64],
        faults: tuple[Fault, ...] = (),
    ) -> None:
        if s1sp.clock is not clock:
            raise ValueError("the installation and its S1SP must share one clock")
        self.plan = plan
        self.clock = clock
        self.s1sp = s1sp
        self.faults = faults
        self._build_han = build_han
        self._device_ids = dict(device_ids)
        self._models = {self._device_ids[m.id]: m for m in plan.models}
        self._user_ids = dict(user_ids)
        self._han = build_han(clock.now())

    # --- who is who -----------------------------------------------------------------

    @property
    def han_id(self) -> str | None:
        return self.plan.han_id

    @property
    def han(self) -> Han:
        return self._han

    @property
    def chf(self) -> Chf:
        return self._han.chf

    def device_id(self, model_id: str) -> EUI64:
        """The EUI-64 of the device of Device Model ``model_id`` in this installation."""
        return self._device_ids[model_id]

    def model(self, device: EUI64) -> DeviceModel:
        return self._models[device]

    def device(self, device: EUI64) -> Device:
        return self._han.member(device).device

    def device_of(self, device_type: DeviceType) -> EUI64 | None:
        """The device of that type on the plan's HAN (at build time), if any."""
        model = self.plan.of_type(device_type)
        return None if model is None else self._device_ids[model.id]

    @property
    def suppliers(self) -> Mapping[str, EUI64]:
        """Supplier name (DMVES ``supplier``) to the DCC User id its requests carry."""
        return dict(self._user_ids)

    def user_id(self, supplier: str) -> EUI64:
        return self._user_ids[supplier]

    def supplier_of(self, meter: EUI64) -> EUI64 | None:
        name = self.plan.suppliers.get(self._models[meter].id)
        return None if name is None else self._user_ids[name]

    def firmware(self, device: EUI64) -> FirmwareSlot:
        self._han.firmware.catch_up(self.clock.now())
        return self._han.firmware.slot(device)

    def on_han(self, device: EUI64) -> bool:
        return self._han.on_han(device)

    def behaviours(self) -> dict[str, dict[str, object]]:
        """Every component's knob values by Device Model id: evidence of what was emulated."""
        result: dict[str, dict[str, object]] = {}
        for model in self.plan.models:
            device = self._device_ids[model.id]
            member = self._han.member(device)
            knobs = (
                describe(self.s1sp.route(device).behaviour) if model.device_type in _METERS else {}
            )
            for part in (
                getattr(member.device, "behaviour", None),
                member.ppmid,
                self._han.firmware.slot(device).behaviour,
            ):
                if part is not None and dataclasses.is_dataclass(part):
                    knobs.update(describe(part))
            result[model.id] = knobs
        return result

    # --- the S1SP's endpoint --------------------------------------------------------

    def handle(self, request: Request, now: datetime) -> Outcome:
        return self._han.handle(request, now)

    def has_applied_utrn(self, target: EUI64, utrn: Utrn) -> bool | None:
        """The meter's own record of credited UTRNs, for the S1SP's duplicate check."""
        try:
            device = self._han.member(target).device
        except KeyError:
            return None
        reader = getattr(device, "has_applied_utrn", None)
        return None if reader is None else bool(reader(utrn))

    # --- driving it -----------------------------------------------------------------

    def submit(self, request: Request) -> list[Message]:
        return self.s1sp.submit(request)

    def exchange(self, request: Request, *, wait: bool = True) -> list[Message]:
        return self.s1sp.exchange(request, wait=wait)

    def poll(self) -> list[Message]:
        return self.s1sp.poll()

    def pending(self) -> tuple[PendingRequest, ...]:
        return self.s1sp.pending()

    def advance(self, delta: timedelta) -> list[Message]:
        return self.s1sp.advance(delta)

    def run_until(self, instant: datetime) -> list[Message]:
        return self.s1sp.run_until(instant)

    def catch_up(self) -> None:
        """Bring every device's time-driven state to now (before reading it directly)."""
        self._han.catch_up(self.clock.now())

    def reset(self) -> None:
        """Factory state at the current instant: devices rebuilt, the S1SP's memory cleared."""
        self.s1sp.reset()
        self._han = self._build_han(self.clock.now())
