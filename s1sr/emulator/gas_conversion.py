"""Gas volume to energy, the way GB gas meters and bills convert it.

    kWh = m3 x volume correction factor x calorific value (MJ/m3) / 3.6 (MJ per kWh)

The correction factor 1.02264 brings metered volume to standard temperature and pressure;
the default calorific value 39.5 MJ/m3 is a typical GB figure. Thousandths in, thousandths
out (litres to Wh, since the two factors of 1000 cancel), rounded down so converted
energy never runs ahead of measured volume. Convert cumulative registers, not increments:
summing converted increments drifts by the rounding of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from s1sr.models.energy import Energy, EnergyUnit
from s1sr.models.errors import ModelError

VOLUME_CORRECTION = Decimal("1.02264")
DEFAULT_CALORIFIC_VALUE = Decimal("39.5")
MJ_PER_KWH = Decimal("3.6")


@dataclass(frozen=True)
class GasConversion:
    """A calorific value (MJ/m3) and correction factor; both exact decimals."""

    calorific_value: Decimal = DEFAULT_CALORIFIC_VALUE
    correction_factor: Decimal = VOLUME_CORRECTION

    def __post_init__(self) -> None:
        for name in ("calorific_value", "correction_factor"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
                raise ModelError(f"{name} must be a positive finite Decimal, got {value!r}")

    @property
    def wh_per_litre(self) -> Fraction:
        """The exact factor from thousandths of m3 to thousandths of kWh."""
        return (
            Fraction(self.correction_factor) * Fraction(self.calorific_value) / Fraction(MJ_PER_KWH)
        )

    def kwh_milli(self, litres: int) -> int:
        """Wh for a volume in litres (thousandths of m3), rounded down."""
        if isinstance(litres, bool) or not isinstance(litres, int) or litres < 0:
            raise ModelError(f"volume must be a non-negative int of litres, got {litres!r}")
        factor = self.wh_per_litre
        return litres * factor.numerator // factor.denominator

    def to_kwh(self, volume: Energy) -> Energy:
        """A gas volume register as energy."""
        if not isinstance(volume, Energy) or volume.unit is not EnergyUnit.M3:
            raise ModelError(f"expected a volume in m3, got {volume!r}")
        return Energy(self.kwh_milli(volume.milli), EnergyUnit.KWH)
