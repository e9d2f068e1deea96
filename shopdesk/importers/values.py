"""Normalising cell values: IDs stay text, amounts become exact minor units.

Each parser returns the value or raises :class:`ValueError` whose message is
a translated reason; the pipeline adds file, row, column and value.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from shopdesk.i18n import _

_CURRENCY_SIGNS = re.compile(r"[¥￥$€£₹]|NT\$|HK\$|US\$|RMB|CNY|TWD|USD|EUR|GBP|INR|元", re.IGNORECASE)
_EXCEL_TEXT = re.compile(r'^="(.*)"$')


def text_id(raw: str) -> str:
    """An identifier as text: ``="123"`` and ``'00123`` unwrapped, never a number.

    Leading zeros are kept; a value Excel turned into ``1.23E+18`` cannot be
    repaired and is refused by the pipeline (:data:`SCIENTIFIC`).
    """
    value = raw.strip()
    first = value[:1]
    if first == "=":
        m = _EXCEL_TEXT.match(value)
        if m:
            return m.group(1).strip()
    elif first == "'":
        return value[1:]
    return value


#: An ID a spreadsheet turned into a number in scientific notation: its digits are lost.
SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+\d+$")


def scientific_reason() -> str:
    """Why an ID in scientific notation is refused, in the current language."""
    return _("the ID was turned into a number in scientific notation; its digits are lost. Export it again as text.")



def decimal_amount(raw: str, decimal_comma: bool = False) -> Decimal:
    """A decimal amount from text with currency signs, thousands separators and signs.

    Args:
        raw: e.g. ``"¥1,234.50"``, ``"1.234,50"`` (with ``decimal_comma``), ``"(12.00)"``.
        decimal_comma: the file writes decimals with a comma.
    """
    value = _CURRENCY_SIGNS.sub("", raw).strip().replace("\u00a0", "").replace(" ", "")
    negative = value.startswith("(") and value.endswith(")")
    if negative:
        value = value[1:-1]
    if decimal_comma:
        value = value.replace(".", "").replace(",", ".")
    else:
        value = value.replace(",", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("not an amount")) from None
    if not amount.is_finite():
        raise ValueError(_("not an amount"))
    return -amount if negative else amount


def uses_decimal_comma(samples: list[str]) -> bool:
    """Whether amount samples write decimals with a comma (``12,50``, ``1.234,50``)."""
    comma = re.compile(r"^[^\d-]*-?[\d.]*\d,\d{1,2}\D*$")
    dot = re.compile(r"^[^\d-]*-?[\d,]*\d\.\d{1,2}\D*$")
    votes = sum(1 if comma.match(s.strip()) else -1 if dot.match(s.strip()) else 0 for s in samples if s)
    return votes > 0


class AmountParser:
    """Parses amounts of one currency into minor units, remembering repeated values."""

    def __init__(self, exponent: int, decimal_comma: bool = False) -> None:
        self.exponent = exponent
        self.decimal_comma = decimal_comma
        self._cache: dict[str, int] = {}

    def __call__(self, raw: str) -> int:
        """Minor units of ``raw``; raises ValueError (with a translated reason)."""
        cached = self._cache.get(raw)
        if cached is not None:
            return cached
        amount = decimal_amount(raw, self.decimal_comma).scaleb(self.exponent)
        if amount != amount.to_integral_value():
            raise ValueError(_("more decimals than the currency has"))
        cents = int(amount)
        if len(self._cache) < 200_000:
            self._cache[raw] = cents
        return cents


def quantity(raw: str) -> int:
    """A whole number of units (``"3"``, ``"3.0"``, ``"-2"``)."""
    value = raw.strip().replace(",", "")
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("not a whole number")) from None
    if number != number.to_integral_value():
        raise ValueError(_("not a whole number"))
    return int(number)
