from decimal import Decimal

import pytest

from shopdesk.domain.money import apply_rate, exponent, from_minor, to_minor


def test_exact_minor_units():
    assert to_minor("12.34", "CNY") == 1234
    assert to_minor("0.1", "CNY") + to_minor("0.2", "CNY") == to_minor("0.3", "CNY")
    assert to_minor("1999", "JPY") == 1999
    assert to_minor(Decimal("-5.5"), "USD") == -550


def test_more_decimals_than_the_currency_is_refused():
    with pytest.raises(ValueError, match="more decimals"):
        to_minor("1.005", "CNY")
    with pytest.raises(ValueError):
        to_minor("12.5", "JPY")


@pytest.mark.parametrize("bad", ["abc", "", "1,2", "nan", "inf"])
def test_not_an_amount(bad):
    with pytest.raises(ValueError, match="not an amount"):
        to_minor(bad, "CNY")


def test_round_trip_and_rates():
    assert exponent("CNY") == 2 and exponent("JPY") == 0
    assert from_minor(1234, "CNY") == Decimal("12.34")
    assert apply_rate(1999, "0.5") == 1000  # half up
    assert apply_rate(1000, 0.15) == 150
