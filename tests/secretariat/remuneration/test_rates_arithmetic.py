"""The fast godtgjøring's arithmetic (hypothesis): a month's pro rata parts never exceed the whole month, and the
parts of a month split between two holders add up to the whole within one øre per part."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from secretariat.remuneration.rates import monthly_fixed

pay = st.decimals(min_value=Decimal("0"), max_value=Decimal("3000000"), places=2)
percent = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=3)


@given(pay, percent, st.integers(min_value=28, max_value=31), st.data())
def test_pro_rata_parts_add_up_to_the_month(annual, pct, days_in_month, data):
    days = data.draw(st.integers(min_value=0, max_value=days_in_month))
    whole = monthly_fixed(annual, pct, days=days_in_month, days_in_month=days_in_month)
    first = monthly_fixed(annual, pct, days=days, days_in_month=days_in_month)
    rest = monthly_fixed(annual, pct, days=days_in_month - days, days_in_month=days_in_month)
    assert Decimal(0) <= first <= whole
    assert abs(first + rest - whole) <= Decimal("0.01")
    assert whole == (annual * pct / Decimal(1200)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
