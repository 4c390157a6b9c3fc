"""Credit and debt, in whole pence: the meter balance and what moves it.

Only three things move the balance: top-ups (2.2), charges (consumption at the tariff
price and the daily standing charge, in prepayment mode) and debt recovered (a share of
each top-up for payment-based debt; a rate per hour or day for the two time-based debts).
Each keeps a running total, so ``balance == topped_up - charged - recovered`` holds
exactly at every instant. Fractions of a penny are never rounded away: consumption cost,
standing charge and time-based recovery each carry their remainder to the next charge.

The debt recovery rate cap (2.1) is ``FineMoney`` (1/1000 p, as GBCS sets it); recovery
moves whole pence, so a cap window recovers at most the cap's whole pence. Its windows
are counted from 2000-01-01T00:00Z: hours, UTC days, and weeks from Saturday 00:00 UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import floor, lcm

from s1sr.models import DebtRecovery, DebtRecoveryRateCap, Money
from s1sr.models.money import MILLIPENCE_PER_PENNY

PERCENT_HUNDREDTHS = 10000


@dataclass(frozen=True)
class CreditTotals:
    """Everything that ever moved the balance, in pence."""

    topped_up: int
    charged: int
    recovered: int


class Account:
    def __init__(self) -> None:
        self.balance = 0
        self.time_debts = [0, 0]
        self.payment_debt = 0
        self.recovery_per_payment = 0  # hundredths of a percent of each top-up
        self.recoveries: list[DebtRecovery | None] = [None, None]
        self.cap: DebtRecoveryRateCap | None = None
        self.topped_up = 0
        self.charged = 0
        self.recovered = 0
        # consumption cost not yet charged, in 1/cost_denominator pence
        self.cost_remainder = 0
        self.cost_denominator = 1000
        # standing charge not yet charged: _standing_owed / _standing_per pence, below 1p
        self._standing_owed = 0
        self._standing_per = 1
        self._recovery_owed = [Fraction(0), Fraction(0)]
        self._cap_window = -1
        self._cap_used = 0

    @property
    def totals(self) -> CreditTotals:
        return CreditTotals(self.topped_up, self.charged, self.recovered)

    @property
    def recovering(self) -> bool:
        """Whether any time-based debt is being recovered (so hour boundaries matter)."""
        (first, second), (debt_1, debt_2) = self.recoveries, self.time_debts  # asked hourly
        return bool(
            (first is not None and first.rate and debt_1 > 0)
            or (second is not None and second.rate and debt_2 > 0)
        )

    def charge(self, pence: int) -> None:
        self.balance -= pence
        self.charged += pence

    def rebase_cost(self, denominator: int) -> None:
        """A new tariff's price resolution; the remainder is kept to the finer of the two."""
        self.cost_remainder = self.cost_remainder * denominator // self.cost_denominator
        self.cost_denominator = denominator

    def charge_standing(self, per_day: Fraction) -> None:
        """A day's standing charge (once a day per prepayment meter: kept in integers over
        the tariffs' common denominator, not ``Fraction`` arithmetic)."""
        per = self._standing_per
        if per_day.denominator != per:  # a tariff of another resolution: a common one
            common = lcm(per, per_day.denominator)
            self._standing_owed *= common // per
            self._standing_per = per = common
        owed = self._standing_owed + per_day.numerator * (per // per_day.denominator)
        whole, self._standing_owed = divmod(owed, per)
        self.charge(whole)

    def top_up(self, amount: int) -> int:
        """Credit ``amount``; return the payment-based debt recovered from it."""
        self.balance += amount
        self.topped_up += amount
        share = amount * self.recovery_per_payment // PERCENT_HUNDREDTHS
        recovered = max(0, min(self.payment_debt, share))
        self.payment_debt -= recovered
        self._recover(recovered)
        return recovered

    def recover_time_debt(self, seconds: int) -> None:
        """Recover what is due for every recovery period ending ``seconds`` after the epoch."""
        for index, rate in enumerate(self.recoveries):
            if rate is None or self.time_debts[index] <= 0 or seconds % rate.period.seconds:
                continue
            self._recovery_owed[index] += Fraction(rate.pence_per_period)
            whole = floor(self._recovery_owed[index])
            self._recovery_owed[index] -= whole
            take = min(whole, self.time_debts[index], self._cap_left(seconds))
            if take > 0:
                self.time_debts[index] -= take
                self._cap_used += take
                self._recover(take)

    def debts(self) -> tuple[Money, Money, Money]:
        return Money(self.time_debts[0]), Money(self.time_debts[1]), Money(self.payment_debt)

    def _cap_left(self, seconds: int) -> int:
        if self.cap is None:
            return self.time_debts[0] + self.time_debts[1]
        window = (seconds - 1) // self.cap.period.seconds
        if window != self._cap_window:
            self._cap_window, self._cap_used = window, 0
        return max(0, self.cap.amount.millipence // MILLIPENCE_PER_PENNY - self._cap_used)

    def _recover(self, pence: int) -> None:
        self.balance -= pence
        self.recovered += pence
