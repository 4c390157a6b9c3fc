"""Money in whole pence: the unit every SMETS1 register and UTRN resolves to."""

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
