"""What a HAN device does with 11.1, 11.2 and 11.3, as knobs set from its Device Model.

The one place firmware clauses become knobs (``FirmwareBehaviour.from_model``):

- 18.63(b), 18.64(a), 18.65(c) (and scope:ppmid-firmware-update, which is the three
  composed) lift the PPMID's restrictions; an unmapped PPMID refuses each SRV. Meters and
  the CHF were never restricted.
- 18.65(d) is mapped on the Device Model of the device whose upgrade a second one would
  stop: ``upgrade_conflict`` is that device's rule, consulted by the HAN's coordinator.
- 18.63(c) and 18.64(b) are uncertain: on a mapped bilingual Device Model the outcome is
  a knob among plausible ones (default: as any PPMID), so a run can pick one and a test
  records what happened; unmapped, the knob is unset and the PPMID behaves as any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from s1sr.dmves import DeviceModel
from s1sr.emulator.han.knobs import set_by
from s1sr.models import DeviceType

PPMID_UPDATE = ("18.63(b)", "scope:ppmid-firmware-update")
PPMID_READ = ("18.64(a)", "scope:ppmid-firmware-update")
PPMID_ACTIVATE = ("18.65(c)", "scope:ppmid-firmware-update")
SECOND_UPGRADE = "18.65(d)"
BILINGUAL_UPGRADE = "18.63(c)"
BILINGUAL_READ = "18.64(b)"


class FirmwareUpdate(StrEnum):
    ACCEPTS = "accepts"  # 11.1 accepted and the image held for 11.3
    REFUSES = "refuses"  # 11.1 refused (the PPMID baseline)
    ACCEPTS_THEN_DISCARDS = "accepts-then-discards"  # fault: acknowledged, image lost
    RUNS_ON_RECEIPT = "runs-on-receipt"  # fault: runs the image at once, 11.3 or not


class FirmwareRead(StrEnum):
    REPORTS_RUNNING = "reports-running"
    REFUSES = "refuses"  # 11.2 refused (the PPMID baseline)
    REPORTS_FACTORY = "reports-factory"  # fault: a stale version after an upgrade


class FirmwareActivate(StrEnum):
    ACTIVATES = "activates"
    REFUSES = "refuses"  # 11.3 refused (the PPMID baseline)
    ACKNOWLEDGES_WITHOUT_SWITCHING = "acknowledges-without-switching"  # fault
    ACKNOWLEDGES_UNKNOWN_IMAGE = "acknowledges-unknown-image"  # fault: I0 with no image held


class UpgradeConflict(StrEnum):
    """What a second 11.1 on the same HAN does to this device's upgrade under way."""

    STOP_FIRST = "stop-first"  # 18.65(d): this one stops with S1PX04, the second proceeds
    REFUSE_SECOND = "refuse-second"  # baseline: the second is refused, this one completes
    BOTH_PROCEED = "both-proceed"  # fault: both upgrades succeed
    STOP_FIRST_SILENTLY = "stop-first-silently"  # fault: stopped, but no failure returned
    FAIL_FIRST_KEEP_IMAGE = "fail-first-keep-image"  # fault: failure returned, image kept


class BilingualUpgrade(StrEnum):
    """Plausible outcomes of 11.1 on a bilingual PPMID (18.63(c) is uncertain)."""

    APPLIES = "applies"  # as any PPMID
    REJECTED = "rejected"  # 11.1 refused
    DISPLAY_ENGLISH_ONLY = "display-english-only"  # upgrades, the display loses Welsh
    NO_RESPONSE = "no-response"  # never answers: S1CE20


class BilingualRead(StrEnum):
    """Plausible outcomes of 11.2 on a bilingual PPMID (18.64(b) is uncertain)."""

    REPORTS_NEW = "reports-new"  # the running version, as any PPMID
    REPORTS_OLD = "reports-old"  # the version before the last activation
    NO_RESPONSE = "no-response"  # never answers: S1CE20


@dataclass(frozen=True)
class FirmwareBehaviour:
    firmware_update: FirmwareUpdate = field(metadata=set_by(*PPMID_UPDATE))
    firmware_read: FirmwareRead = field(metadata=set_by(*PPMID_READ))
    firmware_activate: FirmwareActivate = field(metadata=set_by(*PPMID_ACTIVATE))
    upgrade_conflict: UpgradeConflict = field(metadata=set_by(SECOND_UPGRADE))
    bilingual_firmware_outcome: BilingualUpgrade | None = field(metadata=set_by(BILINGUAL_UPGRADE))
    bilingual_read_firmware: BilingualRead | None = field(metadata=set_by(BILINGUAL_READ))

    @classmethod
    def from_model(cls, model: DeviceModel) -> FirmwareBehaviour:
        restricted = model.device_type is DeviceType.PPMID

        def lifted(clauses: tuple[str, ...]) -> bool:
            return not restricted or any(model.applies(c) for c in clauses)

        bilingual = model.bilingual
        return cls(
            firmware_update=(
                FirmwareUpdate.ACCEPTS if lifted(PPMID_UPDATE) else FirmwareUpdate.REFUSES
            ),
            firmware_read=(
                FirmwareRead.REPORTS_RUNNING if lifted(PPMID_READ) else FirmwareRead.REFUSES
            ),
            firmware_activate=(
                FirmwareActivate.ACTIVATES if lifted(PPMID_ACTIVATE) else FirmwareActivate.REFUSES
            ),
            upgrade_conflict=(
                UpgradeConflict.STOP_FIRST
                if model.applies(SECOND_UPGRADE)
                else UpgradeConflict.REFUSE_SECOND
            ),
            bilingual_firmware_outcome=(
                BilingualUpgrade.APPLIES if bilingual and model.applies(BILINGUAL_UPGRADE) else None
            ),
            bilingual_read_firmware=(
                BilingualRead.REPORTS_NEW if bilingual and model.applies(BILINGUAL_READ) else None
            ),
        )
