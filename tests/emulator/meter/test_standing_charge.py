"""The daily standing charge carries its fraction of a penny exactly, across tariffs.

``Account.charge_standing`` keeps what is owed in integers over the tariffs' common
denominator; here it meets the plain ``Fraction`` sum, day by day, as tariffs of other
resolutions (and negative charges) come and go.
"""

from __future__ import annotations

from fractions import Fraction
from math import floor

from hypothesis import given
from hypothesis import strategies as st

from s1sr.emulator.meter.prepay import Account

charges = st.builds(
    Fraction,
    st.integers(-(10**7), 10**7),
    st.sampled_from([1, 3, 7, 10, 100, 1000, 10**6, 48]),
)


@given(days=st.lists(st.tuples(charges, st.integers(1, 5)), min_size=1, max_size=8))
def test_each_day_charges_the_whole_pence_the_fraction_sum_has_reached(days):
    account, total, charged, expected = Account(), Fraction(0), [], []
    for per_day, count in days:
        for _ in range(count):
            account.charge_standing(per_day)
            total += per_day
            charged.append(-account.balance)
            expected.append(floor(total))
    assert charged == expected
    assert account.charged == floor(total)
