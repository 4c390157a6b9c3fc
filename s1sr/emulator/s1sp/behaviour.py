"""The S1SP's checks for one meter, as knobs set from the meter's Device Model.

The S1SP holds the DMVES, so what it does before forwarding a request depends on the
target's Device Model, mapped here and nowhere else:

- 18.6(b): a UTRN of the pennies value class is rejected with S1PX01 (baseline: forwarded).
- scope:duplicate-utrn: a UTRN the meter has already credited is rejected with S1PX02
  before it reaches the device (baseline: forwarded; the meter refuses it itself). The
  S1SP reads the meter's record where it can, so a meter that keeps none fools it. A UTRN
  that was rejected, never credited, is no duplicate: it goes through every check again.
- scope:split-supplier-certificates: each supplier is accepted on its own meter only, for
  reads and writes alike (baseline: only the ESME's supplier, on either meter); others get
  S1PX03.
- 18.17(i), 18.18(g), 18.19(a): a silent device's request ends in S1CE20 once the S1SP's
  request timeout has elapsed; no clause changes that, faults give up early or late.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from s1sr.dmves import DeviceModel
from s1sr.emulator.han.knobs import set_by

WHOLE_POUNDS = "18.6(b)"
DUPLICATE_UTRN = "scope:duplicate-utrn"
SPLIT_SUPPLY = "scope:split-supplier-certificates"
TIMEOUT_CLAUSES = ("18.17(i)", "18.18(g)", "18.19(a)")


class PenniesUtrn(StrEnum):
    """What the S1SP does with a 2.2 whose UTRN is of the pennies value class."""

    REJECT_WITH_ALERT = "reject-with-alert"  # 18.6(b): S1PX01, nothing reaches the meter
    FORWARD = "forward"  # baseline: the meter credits it
    REJECT_FRACTIONAL_AMOUNT = "reject-fractional-amount"  # fault: judges the amount, not class
    REFUSE_WITHOUT_ALERT = "refuse-without-alert"  # fault: a non-success response, no alert
    FORWARD_ZERO_VALUE = "forward-zero-value"  # fault: a value of 0 is let through as harmless
    CLASS_BIT_MISREAD = "class-bit-misread"  # fault: class read one bit low (value bit 12)
    ALERT_AND_APPLY = "alert-and-apply"  # fault: S1PX01 raised, but the top-up already queued


class DuplicateUtrn(StrEnum):
    REJECT_WITH_ALERT = "reject-with-alert"  # S1PX02, nothing reaches the meter
    FORWARD = "forward"  # baseline: the meter refuses it (non-success, no alert)
    LAST_ONLY = "last-only"  # fault: compares with the meter's latest accepted UTRN only
    RETRY_UNACCEPTED = "retry-unaccepted"  # fault: a UTRN seen but not credited skips checks


class SupplierRule(StrEnum):
    """Which DCC Users the S1SP lets through to this meter."""

    OWN_SUPPLIER = "own-supplier"  # split supply: the meter's own supplier only
    ESME_SUPPLIER_ONLY = "esme-supplier-only"  # baseline: the installation's ESME supplier
    ANY_SUPPLIER = "any-supplier"  # fault: any supplier of the installation
    OWN_SUPPLIER_WRITES_ONLY = "own-supplier-writes-only"  # fault: reads from any supplier


class SilenceTimeout(StrEnum):
    """How long the S1SP waits for a silent device before it raises S1CE20."""

    CONFIGURED = "configured"  # the S1SP's request timeout
    ONE_SECOND = "one-second"  # fault: gives up after a second, long before any real timeout
    TWENTY_FIVE_HOURS = "twenty-five-hours"  # fault: waits longer than a day


@dataclass(frozen=True)
class S1spBehaviour:
    s1sp_pennies_utrn: PenniesUtrn = field(metadata=set_by(WHOLE_POUNDS))
    s1sp_duplicate_utrn: DuplicateUtrn = field(metadata=set_by(DUPLICATE_UTRN))
    s1sp_supplier_rule: SupplierRule = field(metadata=set_by(SPLIT_SUPPLY))
    s1sp_silence_timeout: SilenceTimeout = field(
        default=SilenceTimeout.CONFIGURED, metadata=set_by(*TIMEOUT_CLAUSES)
    )

    @classmethod
    def from_model(cls, model: DeviceModel) -> S1spBehaviour:
        return cls(
            s1sp_pennies_utrn=(
                PenniesUtrn.REJECT_WITH_ALERT
                if model.applies(WHOLE_POUNDS)
                else PenniesUtrn.FORWARD
            ),
            s1sp_duplicate_utrn=(
                DuplicateUtrn.REJECT_WITH_ALERT
                if model.applies(DUPLICATE_UTRN)
                else DuplicateUtrn.FORWARD
            ),
            s1sp_supplier_rule=(
                SupplierRule.OWN_SUPPLIER
                if model.applies(SPLIT_SUPPLY)
                else SupplierRule.ESME_SUPPLIER_ONLY
            ),
        )
