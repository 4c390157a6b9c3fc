"""FineMoney (1/1000 p) beside Money (whole pence): exact conversions, no implicit mixing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s1sr.models import DebtRecoveryCapPeriod, FineMoney, ModelError, Money
from s1sr.models.money import MAX_MILLIPENCE, MAX_PENCE, MIN_MILLIPENCE, MIN_PENCE
from tests.strategies import money


@given(money())
def test_every_money_converts_exactly_and_back(value: Money) -> None:
    fine = FineMoney.from_money(value)
    assert fine.millipence == value.pence * 1000
    assert fine.is_whole_pence
    assert fine.to_money_exact() == value


@pytest.mark.parametrize("millipence", [1, 95, 556677, -1, -999], ids=lambda m: f"{m}mp")
def test_a_fraction_of_a_penny_is_refused_never_rounded(millipence: int) -> None:
    fine = FineMoney(millipence)
    assert not fine.is_whole_pence
    with pytest.raises(ModelError, match="not whole pence"):
        fine.to_money_exact()


@pytest.mark.parametrize(
    "pence", [MAX_PENCE + 1, MIN_PENCE - 1], ids=["above-money", "below-money"]
)
def test_whole_pence_beyond_money_are_refused(pence: int) -> None:
    with pytest.raises(ModelError, match="out of range"):
        FineMoney(pence * 1000).to_money_exact()


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(MAX_MILLIPENCE + 1, id="above-int64"),
        pytest.param(MIN_MILLIPENCE - 1, id="below-int64"),
        pytest.param(1.5, id="float"),
        pytest.param(True, id="bool"),
        pytest.param("95", id="text"),
    ],
)
def test_construction_refuses_what_is_not_an_int64(value: object) -> None:
    with pytest.raises(ModelError, match="fine money"):
        FineMoney(value)  # type: ignore[arg-type]


def test_the_int64_bounds_are_accepted() -> None:
    assert FineMoney(MAX_MILLIPENCE).millipence == (1 << 63) - 1
    assert FineMoney(MIN_MILLIPENCE).millipence == -(1 << 63)


def test_from_money_takes_money_only() -> None:
    with pytest.raises(ModelError, match="needs Money"):
        FineMoney.from_money(FineMoney(1000))  # type: ignore[arg-type]


def test_no_implicit_comparison_with_money() -> None:
    """1234 thousandths and 1234 pence must never pass for one another."""
    assert FineMoney(1000) != Money(1)
    assert FineMoney(1234) != Money(1234)
    with pytest.raises(TypeError):
        _ = FineMoney(1000) < Money(2)  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = Money(2) >= FineMoney(1000)  # type: ignore[operator]
    assert FineMoney.from_money(Money(1)) == FineMoney(1000)


def test_fine_money_orders_among_itself() -> None:
    assert sorted([FineMoney(95), FineMoney(-5), FineMoney(30)]) == [
        FineMoney(-5),
        FineMoney(30),
        FineMoney(95),
    ]


@pytest.mark.parametrize(
    ("millipence", "text"),
    [(556677, "£5.56677"), (30, "£0.00030"), (-95, "-£0.00095"), (100000, "£1.00000")],
)
def test_str_shows_pounds_to_the_thousandth_of_a_penny(millipence: int, text: str) -> None:
    assert str(FineMoney(millipence)) == text


def test_cap_periods_include_the_week_the_rate_periods_do_not() -> None:
    assert [p.seconds for p in DebtRecoveryCapPeriod] == [3600, 86400, 604800]


@given(st.integers(MIN_MILLIPENCE, MAX_MILLIPENCE))
def test_whole_pence_are_exactly_those_that_convert(millipence: int) -> None:
    fine = FineMoney(millipence)
    if fine.is_whole_pence and MIN_PENCE * 1000 <= millipence <= MAX_PENCE * 1000:
        assert FineMoney.from_money(fine.to_money_exact()) == fine
    else:
        with pytest.raises(ModelError):
            fine.to_money_exact()
