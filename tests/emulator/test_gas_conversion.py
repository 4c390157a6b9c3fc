"""Gas volume to kWh: m3 x 1.02264 x CV / 3.6, rounded down to the Wh."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.gas_conversion import DEFAULT_CALORIFIC_VALUE, GasConversion
from s1sr.models import Energy, ModelError


def oracle_wh(litres: int, cv: Decimal) -> int:
    with localcontext() as context:
        context.prec = 60
        return int(
            (Decimal(litres) * Decimal("1.02264") * cv / Decimal("3.6")).to_integral_value(
                rounding="ROUND_FLOOR"
            )
        )


def test_default_calorific_value_is_39_5():
    assert GasConversion().calorific_value == DEFAULT_CALORIFIC_VALUE == Decimal("39.5")


def test_one_cubic_metre_at_the_default_cv():
    # 1 x 1.02264 x 39.5 / 3.6 = 11.22063... kWh
    assert GasConversion().to_kwh(Energy.m3(1)) == Energy.kwh("11.220")


def test_another_calorific_value():
    # 1 x 1.02264 x 40 / 3.6 = 11.36266... kWh
    assert GasConversion(Decimal(40)).kwh_milli(1000) == 11362


def test_zero_volume_is_zero_energy():
    assert GasConversion().to_kwh(Energy.m3(0)) == Energy.kwh(0)


def test_the_factor_is_exact():
    assert GasConversion().wh_per_litre * 3600 == Decimal("1.02264") * Decimal("39.5") * 1000


@pytest.mark.parametrize("volume", [Energy.kwh(1), 1000], ids=["already-kwh", "not-energy"])
def test_refuses_what_is_not_a_volume(volume):
    with pytest.raises(ModelError, match="m3"):
        GasConversion().to_kwh(volume)


@pytest.mark.parametrize("litres", [-1, 1.5, True], ids=["negative", "float", "bool"])
def test_refuses_bad_litres(litres):
    with pytest.raises(ModelError):
        GasConversion().kwh_milli(litres)


@pytest.mark.parametrize(
    "cv",
    [Decimal(0), Decimal(-39), Decimal("NaN"), Decimal("Infinity"), 39.5],
    ids=["zero", "negative", "nan", "infinite", "float"],
)
def test_refuses_bad_calorific_values(cv):
    with pytest.raises(ModelError, match="calorific_value"):
        GasConversion(cv)


cvs = st.decimals(min_value=Decimal(30), max_value=Decimal(50), places=1)


@given(st.integers(0, 10**12), cvs)
def test_matches_the_formula_rounded_down(litres, cv):
    assert GasConversion(cv).kwh_milli(litres) == oracle_wh(litres, cv)


@given(st.integers(0, 10**9), st.integers(0, 10**9), cvs)
def test_converting_a_cumulative_register_never_loses_more_than_a_wh(a, b, cv):
    conversion = GasConversion(cv)
    whole = conversion.kwh_milli(a + b)
    assert whole - conversion.kwh_milli(a) - conversion.kwh_milli(b) in (0, 1)
