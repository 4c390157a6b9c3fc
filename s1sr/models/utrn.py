"""The UTRN (Unique Transaction Reference Number) of GBCS section 14.

Twenty decimal digits: a 19-digit PPTD and a check digit. PPTD = ``PPTD_OFFSET`` +
PTUT, and the 64-bit PTUT is, most significant first: 7 zero bits, a 10-bit counter,
a 2-bit value class (00 pennies, 01 pounds), a 13-bit value, and 32 bits of GMAC tag.
"Whole pounds" (18.6(b)) therefore has a wire meaning: the pounds value class.

The check digit is the GBCS 14.8 Verhoeff variant with its own inverse table, spelled
out in domain-notes section 5. Each kind of malformed UTRN has its own error class so
callers (and the S1SP layer) can tell a typo from an unsupported value class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from s1sr.models.checks import check_enum, check_int
from s1sr.models.errors import ModelError
from s1sr.models.money import Money

UTRN_DIGITS = 20
PPTD_DIGITS = 19
PPTD_OFFSET = 7394156990786306048
PTUT_MAX = (1 << 64) - 1
COUNTER_MAX = (1 << 10) - 1
VALUE_MAX = (1 << 13) - 1
TAG_MAX = (1 << 32) - 1

# GBCS 14.8a: permutation rows, applied with k = 4, 5, 6, 7, 0, 1, ... across the PPTD.
_P = tuple(
    tuple(int(d) for d in row)
    for row in (
        "0123456789 1576283094 5803796142 8916043527 9453126870 4286573901 2793806415 7046913258"
    ).split()
)
# GBCS 14.8b: multiplication table of the dihedral group D5.
_D = tuple(
    tuple(int(d) for d in row)
    for row in (
        "0123456789 1234067895 2340178956 3401289567 4012395678 "
        "5987604321 6598710432 7659821043 8765932104 9876543210"
    ).split()
)
# GBCS 14.8c: the check-digit table (not the textbook Verhoeff inverse).
_I = (1, 2, 6, 7, 5, 8, 3, 0, 9, 4)
_FIRST_K = 4
_DIGITS = re.compile(r"[0-9]*")


class UtrnError(ModelError):
    """A UTRN refused for any reason; the subclasses say which."""


class UtrnLengthError(UtrnError):
    """Not 20 digits (or, for a PPTD, not 19)."""


class UtrnDigitsError(UtrnError):
    """Something other than ASCII 0-9."""


class UtrnCheckDigitError(UtrnError):
    """The check digit does not match the PPTD: a mistyped or corrupted UTRN."""


class UtrnValueClassError(UtrnError):
    """Value class bits 10 or 11, which GBCS leaves undefined."""


class UtrnRangeError(UtrnError):
    """A PPTD outside offset..offset+2^64-1, non-zero top bits, or a field too large."""


class ValueClass(StrEnum):
    PENNIES = "pennies"
    POUNDS = "pounds"

    @property
    def bits(self) -> int:
        return 0b01 if self is ValueClass.POUNDS else 0b00

    @classmethod
    def from_bits(cls, bits: int) -> ValueClass:
        if bits == 0b00:
            return cls.PENNIES
        if bits == 0b01:
            return cls.POUNDS
        raise UtrnValueClassError(f"value_class: bits {bits:02b} are undefined")


def _require_digits(text: str, length: int, what: str) -> None:
    if not isinstance(text, str):
        raise UtrnDigitsError(f"{what}: must be a str, got {type(text).__name__}")
    if len(text) != length:
        raise UtrnLengthError(f"{what}: needs {length} digits, got {len(text)} characters")
    if not _DIGITS.fullmatch(text):
        raise UtrnDigitsError(f"{what}: only the digits 0-9 are allowed, got {text!r}")


def check_digit(pptd_digits: str) -> int:
    """The GBCS 14.8 check digit of a 19-digit PPTD."""
    _require_digits(pptd_digits, PPTD_DIGITS, "pptd")
    c, k = 0, _FIRST_K
    for ch in pptd_digits:
        c = _D[c][_P[k][ord(ch) - 48]]
        k = (k + 1) % 8
    return _I[c]


@dataclass(frozen=True)
class Utrn:
    counter: int
    value_class: ValueClass
    value: int
    tag: int

    def __post_init__(self) -> None:
        try:
            check_int(self.counter, "counter", 0, COUNTER_MAX)
            check_int(self.value, "value", 0, VALUE_MAX)
            check_int(self.tag, "tag", 0, TAG_MAX)
        except UtrnError:
            raise
        except ModelError as exc:
            raise UtrnRangeError(str(exc)) from None
        check_enum(self.value_class, ValueClass, "value_class")

    @classmethod
    def parse(cls, text: str) -> Utrn:
        """Parse 20 digits; each kind of defect raises its own ``UtrnError`` subclass."""
        _require_digits(text, UTRN_DIGITS, "utrn")
        pptd_digits, given = text[:PPTD_DIGITS], int(text[PPTD_DIGITS])
        expected = check_digit(pptd_digits)
        if given != expected:
            raise UtrnCheckDigitError(f"check digit: expected {expected}, got {given}")
        return cls.from_pptd(int(pptd_digits))

    @classmethod
    def from_pptd(cls, pptd: int) -> Utrn:
        ptut = pptd - PPTD_OFFSET
        if not 0 <= ptut <= PTUT_MAX:
            raise UtrnRangeError(f"pptd: {pptd} is outside offset..offset+2^64-1")
        return cls.from_ptut(ptut)

    @classmethod
    def from_ptut(cls, ptut: int) -> Utrn:
        if not 0 <= ptut <= PTUT_MAX:
            raise UtrnRangeError(f"ptut: {ptut} is not a 64-bit number")
        high = ptut >> 32
        if high >> 25:
            raise UtrnRangeError(f"ptut: top 7 bits must be zero, got {high >> 25:07b}")
        return cls(
            counter=(high >> 15) & COUNTER_MAX,
            value_class=ValueClass.from_bits((high >> 13) & 0b11),
            value=high & VALUE_MAX,
            tag=ptut & TAG_MAX,
        )

    @property
    def ptut(self) -> int:
        high = (self.counter << 15) | (self.value_class.bits << 13) | self.value
        return (high << 32) | self.tag

    @property
    def pptd(self) -> int:
        return PPTD_OFFSET + self.ptut

    @property
    def check_digit(self) -> int:
        return check_digit(f"{self.pptd:019d}")

    @property
    def digits(self) -> str:
        pptd = f"{self.pptd:019d}"
        return pptd + str(check_digit(pptd))

    @property
    def amount(self) -> Money:
        return Money(self.value * 100 if self.value_class is ValueClass.POUNDS else self.value)

    @property
    def is_whole_pounds(self) -> bool:
        """The pounds value class: what 18.6(b) requires of a top-up."""
        return self.value_class is ValueClass.POUNDS

    def __str__(self) -> str:
        return self.digits
