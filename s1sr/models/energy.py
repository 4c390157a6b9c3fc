"""Energy and volume quantities that carry their unit.

Values are integers in thousandths of the unit (Wh for kWh, litres for m3) so that
registers round-trip exactly; 18.14(a)/18.17(b)/18.18(a) are about the unit, so the
unit is never implicit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from s1sr.models.errors import ModelError

MAX_MILLI = (1 << 63) - 1


class EnergyUnit(StrEnum):
    KWH = "kWh"
    M3 = "m3"


@dataclass(frozen=True, order=True)
class Energy:
    milli: int
    unit: EnergyUnit

    def __post_init__(self) -> None:
        if isinstance(self.milli, bool) or not isinstance(self.milli, int):
            raise ModelError(f"energy is an int of thousandths, got {type(self.milli).__name__}")
        if not 0 <= self.milli <= MAX_MILLI:
            raise ModelError(f"energy out of range: {self.milli}")
        if not isinstance(self.unit, EnergyUnit):
            raise ModelError(f"energy unit must be an EnergyUnit, got {self.unit!r}")

    @classmethod
    def kwh(cls, value: Decimal | int | str) -> Energy:
        return cls(_to_milli(value), EnergyUnit.KWH)

    @classmethod
    def m3(cls, value: Decimal | int | str) -> Energy:
        return cls(_to_milli(value), EnergyUnit.M3)

    @property
    def value(self) -> Decimal:
        return Decimal(self.milli) / 1000

    def __add__(self, other: Energy) -> Energy:
        if other.unit is not self.unit:
            raise ModelError(f"cannot add {other.unit} to {self.unit}")
        return Energy(self.milli + other.milli, self.unit)

    def __str__(self) -> str:
        return f"{self.value} {self.unit}"


def _to_milli(value: Decimal | int | str) -> int:
    milli = Decimal(value) * 1000
    if milli != milli.to_integral_value():
        raise ModelError(f"energy {value} has more than 3 decimal places")
    return int(milli)
