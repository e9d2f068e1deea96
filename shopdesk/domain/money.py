"""Money as integer minor units (fen, cents) of the store's currency.

Amounts are never floats: they are parsed from text with :class:`~decimal.Decimal`
and kept as ``int`` counts of the currency's smallest unit.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# babel's currency data is loaded on first use, not on import: a command's start-up need not pay for it.


@functools.cache
def is_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency code babel knows."""
    from babel.numbers import list_currencies
    return code in list_currencies()


@functools.cache
def exponent(currency: str) -> int:
    """Digits after the decimal point of ``currency`` (CNY 2, JPY 0)."""
    from babel.numbers import get_currency_precision
    return get_currency_precision(currency)


def to_minor(amount: str | Decimal | int, currency: str) -> int:
    """Exact minor units of a decimal amount (``"12.34"`` CNY → ``1234``).

    Raises:
        ValueError: the amount is not a number, or has more decimals than the
            currency has (a cent cannot be split silently).
    """
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    scaled = value.scaleb(exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount!r} has more decimals than {currency} allows")
    return int(scaled)


def from_minor(cents: int, currency: str) -> Decimal:
    """The decimal amount of ``cents`` minor units of ``currency``."""
    return Decimal(cents).scaleb(-exponent(currency))


def apply_rate(cents: int, rate: Decimal | float | str) -> int:
    """``cents`` × ``rate``, rounded half up to whole minor units."""
    return int((Decimal(cents) * Decimal(str(rate))).to_integral_value(rounding=ROUND_HALF_UP))
