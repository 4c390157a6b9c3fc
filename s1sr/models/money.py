"""Money in whole pence, and the finer money GBCS configures and logs in 1/1000 p.

``Money`` (whole pence) is the unit every SMETS1 register, balance and UTRN resolves to.
``FineMoney`` (thousandths of a penny) is a distinct type, for the few amounts GBCS
carries in 1/1000 p that real messages set to sub-penny values (a disablement threshold
of 556677, a debt recovery rate cap of 30 a week, a debt payment of 95). The two never
mix implicitly: they do not compare or add, so a ``Money(1234)`` is never silently read
as 1234 thousandths; ``FineMoney.from_money`` and ``to_money_exact`` convert.
"""

from __future__ import annotations

from dataclasses import dataclass

from s1sr.models.errors import ModelError

# Registers on the wire are signed 32-bit; anything outside is a modelling error.
MIN_PENCE = -(1 << 31)
MAX_PENCE = (1 << 31) - 1


@dataclass(frozen=True, order=True)
class Money:
    pence: int

    def __post_init__(self) -> None:
        if isinstance(self.pence, bool) or not isinstance(self.pence, int):
            raise ModelError(f"money is whole pence (int), got {type(self.pence).__name__}")
        if not MIN_PENCE <= self.pence <= MAX_PENCE:
            raise ModelError(f"money out of range: {self.pence} pence")

    @classmethod
    def pounds(cls, pounds: int) -> Money:
        return cls(pounds * 100)

    @property
    def is_whole_pounds(self) -> bool:
        return self.pence % 100 == 0

    def __add__(self, other: Money) -> Money:
        return Money(self.pence + other.pence)

    def __sub__(self, other: Money) -> Money:
        return Money(self.pence - other.pence)

    def __neg__(self) -> Money:
        return Money(-self.pence)

    def __str__(self) -> str:
        sign = "-" if self.pence < 0 else ""
        whole, frac = divmod(abs(self.pence), 100)
        return f"{sign}£{whole}.{frac:02d}"


MILLIPENCE_PER_PENNY = 1000
# Signed 64-bit: every Money converts (2**31 pence is 2.1e12 thousandths, beyond 32 bits),
# and both GBCS forms fit (int32 disablement threshold, uint32 cap and payment amounts).
MIN_MILLIPENCE = -(1 << 63)
MAX_MILLIPENCE = (1 << 63) - 1


@dataclass(frozen=True, order=True)
class FineMoney:
    millipence: int

    def __post_init__(self) -> None:
        if isinstance(self.millipence, bool) or not isinstance(self.millipence, int):
            raise ModelError(
                f"fine money is thousandths of a penny (int), got {type(self.millipence).__name__}"
            )
        if not MIN_MILLIPENCE <= self.millipence <= MAX_MILLIPENCE:
            raise ModelError(f"fine money out of range: {self.millipence} thousandths of a penny")

    @classmethod
    def from_money(cls, money: Money) -> FineMoney:
        """The same amount, exactly: always possible."""
        if not isinstance(money, Money):
            raise ModelError(f"from_money needs Money, got {type(money).__name__}")
        return cls(money.pence * MILLIPENCE_PER_PENNY)

    @property
    def is_whole_pence(self) -> bool:
        return self.millipence % MILLIPENCE_PER_PENNY == 0

    def to_money_exact(self) -> Money:
        """The same amount in whole pence; refused (never rounded) when it has a fraction."""
        pence, rest = divmod(self.millipence, MILLIPENCE_PER_PENNY)
        if rest:
            raise ModelError(f"{self.millipence} thousandths of a penny is not whole pence")
        return Money(pence)

    def __str__(self) -> str:
        sign = "-" if self.millipence < 0 else ""
        whole, frac = divmod(abs(self.millipence), 100 * MILLIPENCE_PER_PENNY)
        return f"{sign}£{whole}.{frac:05d}"
