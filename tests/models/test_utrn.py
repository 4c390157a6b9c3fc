"""The UTRN of GBCS section 14: public vectors, each refusal class, and check-digit power."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.models import (
    ModelError,
    Money,
    Utrn,
    UtrnCheckDigitError,
    UtrnDigitsError,
    UtrnError,
    UtrnLengthError,
    UtrnRangeError,
    UtrnValueClassError,
    ValueClass,
    check_digit,
)
from s1sr.models.utrn import PPTD_OFFSET
from tests.strategies import utrns


def _with_check_digit(pptd: int) -> str:
    text = f"{pptd:019d}"
    return text + str(check_digit(text))


def test_public_vector_parses_to_its_fields(utrn_vector):
    digits, counter, value_class, value, tag = utrn_vector
    utrn = Utrn.parse(digits)
    assert (utrn.counter, utrn.value_class, utrn.value, utrn.tag) == (
        counter,
        ValueClass(value_class),
        value,
        tag,
    )


def test_public_vector_builds_back_to_the_same_digits(utrn_vector):
    digits, counter, value_class, value, tag = utrn_vector
    assert Utrn(counter, ValueClass(value_class), value, tag).digits == digits


def test_public_vector_check_digit_is_the_last_digit(utrn_vector):
    digits = utrn_vector[0]
    assert check_digit(digits[:19]) == int(digits[19])


def test_pounds_vector_is_whole_pounds_of_one_hundred_pounds():
    utrn = Utrn.parse("73943333457189043313")
    assert utrn.is_whole_pounds
    assert utrn.amount == Money(10000)


def test_pennies_vector_is_not_whole_pounds_whatever_its_amount():
    utrn = Utrn.parse("73947252416745201637")
    assert not utrn.is_whole_pounds
    assert utrn.amount == Money(1234)
    assert not Utrn(4, ValueClass.PENNIES, 500, 0).is_whole_pounds  # £5.00, pennies class


def test_str_and_pptd_and_ptut_agree():
    utrn = Utrn.parse("73943333457189043313")
    assert str(utrn) == "73943333457189043313"
    assert utrn.pptd == 7394333345718904331
    assert utrn.ptut == utrn.pptd - PPTD_OFFSET
    assert utrn.check_digit == 3


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param("7394333345718904331", UtrnLengthError, id="19-digits"),
        pytest.param("739433334571890433130", UtrnLengthError, id="21-digits"),
        pytest.param("", UtrnLengthError, id="empty"),
        pytest.param("7394333345718904331X", UtrnDigitsError, id="letter"),
        pytest.param("7394333345718904331 ", UtrnDigitsError, id="space"),
        pytest.param("7394333345718904331\u0663", UtrnDigitsError, id="arabic-indic-digit"),
        pytest.param("73943333457189043314", UtrnCheckDigitError, id="wrong-check-digit"),
        pytest.param("83943333457189043313", UtrnCheckDigitError, id="first-digit-typo"),
    ],
)
def test_malformed_text_is_refused_with_its_own_error(text, error):
    with pytest.raises(error):
        Utrn.parse(text)


def test_undefined_value_class_is_refused():
    for bits in (0b10, 0b11):
        ptut = ((1 << 15) | (bits << 13) | 100) << 32
        with pytest.raises(UtrnValueClassError, match="undefined"):
            Utrn.parse(_with_check_digit(PPTD_OFFSET + ptut))


def test_non_zero_top_bits_are_refused():
    ptut = (1 << 57) | (1 << 45)
    with pytest.raises(UtrnRangeError, match="top 7 bits"):
        Utrn.parse(_with_check_digit(PPTD_OFFSET + ptut))


def test_pptd_below_the_offset_is_refused():
    with pytest.raises(UtrnRangeError, match="outside"):
        Utrn.parse(_with_check_digit(PPTD_OFFSET - 1))


def test_pptd_above_the_offset_range_is_refused():
    with pytest.raises(UtrnRangeError, match="outside"):
        Utrn.from_pptd(PPTD_OFFSET + (1 << 64))


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        pytest.param("counter", {"counter": 1024}, id="counter-11-bits"),
        pytest.param("counter", {"counter": -1}, id="counter-negative"),
        pytest.param("value", {"value": 8192}, id="value-over-8191"),
        pytest.param("tag", {"tag": 1 << 32}, id="tag-33-bits"),
    ],
)
def test_out_of_range_fields_are_refused_at_construction(field, kwargs):
    fields = {"counter": 1, "value_class": ValueClass.POUNDS, "value": 100, "tag": 0} | kwargs
    with pytest.raises(UtrnRangeError, match=field):
        Utrn(**fields)


def test_value_class_must_be_the_enum():
    with pytest.raises(ModelError, match="value_class"):
        Utrn(1, "pounds", 100, 0)


def test_every_utrn_error_is_a_model_error():
    for error in (
        UtrnLengthError,
        UtrnDigitsError,
        UtrnCheckDigitError,
        UtrnValueClassError,
        UtrnRangeError,
    ):
        assert issubclass(error, UtrnError)
        assert issubclass(error, ModelError)


def test_check_digit_wants_nineteen_digits():
    with pytest.raises(UtrnLengthError):
        check_digit("123")
    with pytest.raises(UtrnDigitsError):
        check_digit("739433334571890433a")


@given(utrns())
def test_build_then_parse_is_identity(utrn):
    assert Utrn.parse(utrn.digits) == utrn
    assert len(utrn.digits) == 20


@given(utrns(), st.integers(0, 19), st.integers(1, 9))
def test_any_single_digit_change_is_refused(utrn, position, delta):
    digits = utrn.digits
    changed = str((int(digits[position]) + delta) % 10)
    mutated = digits[:position] + changed + digits[position + 1 :]
    with pytest.raises(UtrnError):
        Utrn.parse(mutated)


def test_check_digit_catches_every_single_digit_substitution_at_every_position():
    """Exhaustive over positions and substitutions for one PPTD per leading digit pattern.

    The permutation rows of 14.8a and the group table of 14.8b are bijections, so a
    substitution always changes the running value; this verifies the claim on data.
    """
    for base in ("7394333345718904331", "7394725241674520163", "0000000000000000000"):
        expected = check_digit(base)
        for position in range(19):
            for digit in "0123456789":
                if digit == base[position]:
                    continue
                mutated = base[:position] + digit + base[position + 1 :]
                assert check_digit(mutated) != expected, (base, position, digit)


def test_check_digit_tables_make_every_single_substitution_detectable():
    """A proof for all PPTDs, not a sample: each step ``c -> D[c][P[k][d]]`` is a bijection in
    ``d`` (P rows and D rows are permutations) and in ``c`` (D columns are too), and ``I`` is a
    permutation, so changing one digit always changes the check digit."""
    from s1sr.models.utrn import _D, _I, _P

    digits = set(range(10))
    assert all(set(row) == digits for row in _P)
    assert all(set(row) == digits for row in _D)
    assert all({row[col] for row in _D} == digits for col in range(10))
    assert set(_I) == digits
