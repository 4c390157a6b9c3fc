"""Energy on the wire: an unsigned integer of thousandths, with its unit fixed or encoded.

18.14(a), 18.17(b) and 18.18(a) are about which unit a gas meter returns, so a fixed-unit
field refuses to encode an ``Energy`` of another unit (it never converts), and the
encoded-unit variant carries the unit in a byte before the value.
"""

from __future__ import annotations

from typing import Any

from construct import Int8ub, Struct

from s1sr.codecs.primitives.base import ByteOrder, StrictAdapter, int_field, int_range
from s1sr.codecs.primitives.enums import EnumAdapter
from s1sr.models.energy import MAX_MILLI, Energy, EnergyUnit

ENERGY_UNIT_CODES: dict[int, EnergyUnit] = {0: EnergyUnit.KWH, 1: EnergyUnit.M3}


def _check_energy(value: object, high: int, kind: str) -> Energy:
    if not isinstance(value, Energy):
        raise TypeError(f"expected Energy, got {type(value).__name__}")
    if value.milli > high:
        raise ValueError(f"{value} does not fit a {kind} field of thousandths")
    return value


class EnergyAdapter(StrictAdapter):
    """Unsigned thousandths <-> ``Energy`` in the one unit this field is defined in."""

    def __init__(self, unit: EnergyUnit, size: int = 4, *, byteorder: ByteOrder = "big") -> None:
        super().__init__(int_field(size, signed=False, byteorder=byteorder))
        if not isinstance(unit, EnergyUnit):
            raise TypeError(f"unit must be an EnergyUnit, got {unit!r}")
        self.unit = unit
        self.high = min(int_range(size, signed=False)[1], MAX_MILLI)
        self.kind = f"{8 * size}-bit {unit}"

    def decode(self, raw: int) -> Energy:
        if raw > self.high:
            raise ValueError(f"{raw} thousandths is beyond the energy range")
        return Energy(raw, self.unit)

    def encode(self, value: Energy) -> int:
        energy = _check_energy(value, self.high, self.kind)
        if energy.unit is not self.unit:
            raise ValueError(f"this field holds {self.unit}, got {energy} (no silent conversion)")
        return energy.milli


class EncodedUnitEnergyAdapter(StrictAdapter):
    """A unit byte (0 = kWh, 1 = m3) then unsigned thousandths <-> ``Energy``."""

    def __init__(self, size: int = 4, *, byteorder: ByteOrder = "big") -> None:
        super().__init__(
            Struct(
                "unit" / EnumAdapter(Int8ub, EnergyUnit, ENERGY_UNIT_CODES),
                "milli" / int_field(size, signed=False, byteorder=byteorder),
            )
        )
        self.high = min(int_range(size, signed=False)[1], MAX_MILLI)
        self.kind = f"{8 * size}-bit"

    def decode(self, raw: Any) -> Energy:
        if raw.milli > self.high:
            raise ValueError(f"{raw.milli} thousandths is beyond the energy range")
        return Energy(raw.milli, raw.unit)

    def encode(self, value: Energy) -> dict[str, Any]:
        energy = _check_energy(value, self.high, self.kind)
        return {"unit": energy.unit, "milli": energy.milli}


EnergyKwhField = EnergyAdapter(EnergyUnit.KWH)
EnergyM3Field = EnergyAdapter(EnergyUnit.M3)
EncodedUnitEnergyField = EncodedUnitEnergyAdapter()
