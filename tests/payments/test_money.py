"""The money helpers payments relies on: whole đồng to Stripe, shares, exact splits."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from marketplace.money import (
    STRIPE_MAXIMUM_VND,
    STRIPE_MINIMUM_VND,
    prorate,
    share_of,
    split_largest_remainder,
    to_stripe_amount,
)


def test_vnd_goes_to_stripe_as_whole_dong_never_times_100():
    assert to_stripe_amount(85000) == 85000
    assert to_stripe_amount(STRIPE_MAXIMUM_VND) == 99_999_999 and STRIPE_MINIMUM_VND == 20_000
    for bad in (850.0, Decimal("85000"), True, -1, "85000"):
        with pytest.raises(ValueError):
            to_stripe_amount(bad)


@pytest.mark.parametrize("amount, rate, share", [
    (85000, "0.05", 4250), (10, "0.05", 1), (9, "0.05", 0), (30, "0.05", 2), (0, "0.05", 0), (85000, "0", 0),
    (123457, Decimal("0.05"), 6173), (99_999_999, "0.075", 7_500_000),
])
def test_share_of_rounds_halves_up_without_floats(amount, rate, share):
    assert share_of(amount, rate) == share


def test_prorate_is_exact_and_rounds_halves_up():
    assert prorate(8500, 28986, 200000) == 1232
    assert prorate(6000, 21014, 145000) == 870
    assert prorate(1, 1, 2) == 1 and prorate(1, 1, 3) == 0 and prorate(7, 10, 10) == 7
    with pytest.raises(ValueError):
        prorate(1, 1, 0)


def test_split_largest_remainder_examples():
    assert split_largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    assert split_largest_remainder(50000, [200000, 145000]) == [28986, 21014]
    assert split_largest_remainder(0, [0, 0]) == [0, 0]
    with pytest.raises(ValueError):
        split_largest_remainder(5, [0, 0])
    with pytest.raises(ValueError):
        split_largest_remainder(5, [1, -1])


@given(total=st.integers(0, 10**10), weights=st.lists(st.integers(0, 10**9), min_size=1, max_size=12)
       .filter(lambda w: sum(w) > 0))
def test_largest_remainder_parts_add_up_exactly_and_stay_within_a_dong_of_their_share(total, weights):
    parts = split_largest_remainder(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights):
        assert total * weight // whole <= part <= -(-total * weight // whole)
