"""What a meter measures, and how its registers become kWh.

The ESME measures energy (Wh). The GSME measures volume (litres, thousandths of m3) and
converts to kWh for prices and for block counters reported in kWh (18.14(a), 18.17(b),
18.18(a)); reported in m3, a counter is the volume itself. Conversion is applied to
cumulative values, never summed increments, so it never drifts (``gas_conversion``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from s1sr.emulator.gas_conversion import GasConversion
from s1sr.emulator.meter.behaviour import KnobError
from s1sr.models import Energy, EnergyUnit


class Measure(ABC):
    unit: EnergyUnit

    @abstractmethod
    def wh(self, native: int) -> int:
        """Thousandths of a kWh for a cumulative register in thousandths of ``unit``."""

    @abstractmethod
    def native(self, wh: int) -> int:
        """The least register (thousandths of ``unit``) whose energy reaches ``wh``."""

    @abstractmethod
    def in_unit(self, native: int, unit: EnergyUnit) -> Energy:
        """A register in ``unit``."""

    def check_unit(self, unit: EnergyUnit, knob: str) -> None:
        try:
            self.in_unit(0, unit)
        except KnobError as exc:
            raise KnobError(f"{knob}: {exc}") from None


class Electricity(Measure):
    unit = EnergyUnit.KWH

    def wh(self, native: int) -> int:
        return native

    def native(self, wh: int) -> int:
        return wh

    def in_unit(self, native: int, unit: EnergyUnit) -> Energy:
        if unit is not EnergyUnit.KWH:
            raise KnobError(f"an electricity meter has no {unit} registers")
        return Energy(native, EnergyUnit.KWH)


class Gas(Measure):
    unit = EnergyUnit.M3

    def __init__(self, conversion: GasConversion | None = None) -> None:
        self.conversion = conversion or GasConversion()
        factor = self.conversion.wh_per_litre
        self._numerator, self._denominator = factor.numerator, factor.denominator

    def wh(self, native: int) -> int:
        return native * self._numerator // self._denominator

    def native(self, wh: int) -> int:
        return -(-wh * self._denominator // self._numerator)

    def in_unit(self, native: int, unit: EnergyUnit) -> Energy:
        if unit is EnergyUnit.M3:
            return Energy(native, EnergyUnit.M3)
        return Energy(self.wh(native), EnergyUnit.KWH)
