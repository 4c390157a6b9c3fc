"""Register snapshots shared by the billing data logs (SRV 4.4.2 and 4.4.3).

Every energy value carries its unit: 18.14(a)/18.17(b)/18.18(a) say a gas meter
returns block counters in kWh, so a counter in m3 must be representable (it is what a
faulty device returns) and visible to the test that looks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from s1sr.models.checks import (
    check_energy,
    check_optional_money,
    check_timestamp,
    check_tuple,
)
from s1sr.models.energy import Energy, EnergyUnit
from s1sr.models.money import Money

MAX_TOU_REGISTERS = 48
MAX_BLOCK_COUNTERS = 32  # 8 block tariffs x 4 price bands on ESME; 4 on GSME


@dataclass(frozen=True)
class BillingSnapshot:
    """One billing data log entry: registers at ``timestamp``.

    ``block_counters`` are row-major (block tariff, then band). Balances and debts are
    optional because a credit-mode meter may report none of them.
    """

    timestamp: datetime
    import_register: Energy
    tou_registers: tuple[Energy, ...] = ()
    block_counters: tuple[Energy, ...] = ()
    meter_balance: Money | None = None
    emergency_credit_balance: Money | None = None
    accumulated_debt: Money | None = None
    payment_debt: Money | None = None
    time_debt_1: Money | None = None
    time_debt_2: Money | None = None

    def __post_init__(self) -> None:
        check_timestamp(self.timestamp, "timestamp")
        check_energy(self.import_register, "import_register")
        check_tuple(self.tou_registers, "tou_registers", Energy, 0, MAX_TOU_REGISTERS)
        check_tuple(self.block_counters, "block_counters", Energy, 0, MAX_BLOCK_COUNTERS)
        check_optional_money(self.meter_balance, "meter_balance")
        for name in _DEBTS:
            check_optional_money(getattr(self, name), name, non_negative=True)

    @property
    def block_counter_units(self) -> frozenset[EnergyUnit]:
        return frozenset(counter.unit for counter in self.block_counters)


_DEBTS = (
    "emergency_credit_balance",
    "accumulated_debt",
    "payment_debt",
    "time_debt_1",
    "time_debt_2",
)
