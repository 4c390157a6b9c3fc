"""The CHF and its device log (8.11: CCS01 add, CCS02 remove).

The log holds at most one ESME, GSME and PPMID (a HAN has at most one of each) and any
number of other devices. The restriction 18.62(f) lifts is read, as the catalogue does, as
"a PPMID can be added only as the first PPMID the log ever held": the CHF remembers whether
its log has ever held a PPMID, so a PPMID swap-out (remove the old, add the new) works only
on a CHF whose Device Model carries 18.62(f) or scope:ppmid-swap-out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from s1sr.dmves import DeviceModel
from s1sr.emulator.device import Device, Outcome
from s1sr.emulator.han import codes
from s1sr.emulator.han.knobs import set_by
from s1sr.emulator.han.replies import ok, refused
from s1sr.models import (
    EUI64,
    DeviceType,
    HanAction,
    HanLogEntry,
    Request,
    UpdateHanDeviceLogRequest,
    UpdateHanDeviceLogResponse,
)

PPMID_REPLACEMENT = ("18.62(f)", "scope:ppmid-swap-out")
SWAP_OUT = "scope:ppmid-swap-out"
ONE_PER_HAN = frozenset({DeviceType.ESME, DeviceType.GSME, DeviceType.PPMID})


class PpmidReplacement(StrEnum):
    """An 8.11 add of a PPMID when the log has held one before (a replacement)."""

    ALLOWED = "allowed"  # 18.62(f) / swap-out: added like a first PPMID
    REFUSED = "refused"  # baseline: a PPMID cannot be replaced
    ACKNOWLEDGED_ONLY = "acknowledged-only"  # fault: success, but the log is unchanged
    ONCE = "once"  # fault: one replacement allowed, the next refused (a one-shot flag)


class DeviceRemoval(StrEnum):
    REMOVES = "removes"
    ACKNOWLEDGED_ONLY = "acknowledged-only"  # fault: success, but the entry stays


@dataclass(frozen=True)
class ChfBehaviour:
    chf_ppmid_replacement: PpmidReplacement = field(metadata=set_by(*PPMID_REPLACEMENT))
    chf_device_removal: DeviceRemoval = field(metadata=set_by(SWAP_OUT))

    @classmethod
    def from_model(cls, model: DeviceModel) -> ChfBehaviour:
        replaceable = any(model.applies(c) for c in PPMID_REPLACEMENT)
        return cls(
            chf_ppmid_replacement=(
                PpmidReplacement.ALLOWED if replaceable else PpmidReplacement.REFUSED
            ),
            chf_device_removal=DeviceRemoval.REMOVES,
        )


class Chf(Device):
    device_type = DeviceType.CHF

    def __init__(
        self, device_id: EUI64, behaviour: ChfBehaviour, entries: Iterable[HanLogEntry]
    ) -> None:
        self.device_id = device_id
        self.behaviour = behaviour
        self._entries: list[HanLogEntry] = []
        for entry in entries:
            if self._conflict(entry) is not None:
                raise ValueError(f"device log cannot start with {entry}: {self._conflict(entry)}")
            self._entries.append(entry)
        self.ever_held_ppmid = any(e.device_type is DeviceType.PPMID for e in self._entries)
        self.replacements = 0  # PPMIDs added in place of an earlier one

    @property
    def entries(self) -> tuple[HanLogEntry, ...]:
        return tuple(self._entries)

    def holds(self, device: EUI64) -> bool:
        return any(e.device == device for e in self._entries)

    def is_replacement(self, entry: HanLogEntry) -> bool:
        """Whether adding ``entry`` now would replace a PPMID the log held before."""
        return entry.device_type is DeviceType.PPMID and self.ever_held_ppmid

    def handle(self, request: Request, now: datetime) -> Outcome:
        body = request.body
        if not isinstance(body, UpdateHanDeviceLogRequest):
            return refused(request, codes.NOT_SUPPORTED)
        entry = HanLogEntry(body.device, body.device_type)
        if body.action is HanAction.ADD:
            return self._add(request, entry)
        return self._remove(request, entry)

    def _add(self, request: Request, entry: HanLogEntry) -> Outcome:
        if self._conflict(entry) is not None:
            return refused(request, codes.REFUSED)
        if self.is_replacement(entry):
            rule = self.behaviour.chf_ppmid_replacement
            if rule is PpmidReplacement.REFUSED or (
                rule is PpmidReplacement.ONCE and self.replacements
            ):
                return refused(request, codes.REFUSED)
            if rule is PpmidReplacement.ACKNOWLEDGED_ONLY:
                return self._log(request)
        if self.is_replacement(entry):
            self.replacements += 1
        self._entries.append(entry)
        if entry.device_type is DeviceType.PPMID:
            self.ever_held_ppmid = True
        return self._log(request)

    def _remove(self, request: Request, entry: HanLogEntry) -> Outcome:
        if entry not in self._entries:
            return refused(request, codes.REFUSED)
        if self.behaviour.chf_device_removal is DeviceRemoval.REMOVES:
            self._entries.remove(entry)
        return self._log(request)

    def _conflict(self, entry: HanLogEntry) -> str | None:
        if self.holds(entry.device):
            return "already in the device log"
        if entry.device_type in ONE_PER_HAN and any(
            e.device_type is entry.device_type for e in self._entries
        ):
            return f"the log already holds a {entry.device_type}"
        return None

    def _log(self, request: Request) -> Outcome:
        return ok(request, UpdateHanDeviceLogResponse(self.entries))
