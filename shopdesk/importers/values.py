"""Normalising cell values: IDs stay text, amounts become exact minor units.

Each parser returns the value or raises :class:`ValueError` whose message is
a translated reason; the pipeline adds file, row, column and value.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from shopdesk.domain.imports import Rate
from shopdesk.i18n import _

#: SQLite's integers are 64-bit: a value outside this range cannot be stored at all.
INT64_MAX = 2 ** 63 - 1

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



#: China's provinces, municipalities and regions as their short names, in simplified and traditional script.
PROVINCES = tuple(
    "北京 天津 上海 重庆 重慶 河北 山西 辽宁 遼寧 吉林 黑龙江 黑龍江 江苏 江蘇 浙江 安徽 福建 江西 山东 山東 河南 湖北 "
    "湖南 广东 廣東 海南 四川 贵州 貴州 云南 雲南 陕西 陝西 甘肃 甘肅 青海 台湾 台灣 臺灣 内蒙古 內蒙古 广西 廣西 西藏 "
    "宁夏 寧夏 新疆 香港 澳门 澳門".split())
_REGION_SPLIT = re.compile(r"[\s,，/|]+")


def region(raw: str) -> str:
    """The region of a delivery address or province cell: a Chinese address's province by its short name
    (``广东省 深圳市 …`` → ``广东``, ``内蒙古自治区`` → ``内蒙古``); a Chinese address without a known
    province, its first part; anything else (a state, a country) as written."""
    text = raw.strip()
    if not text:
        return ""
    for name in PROVINCES:
        if text.startswith(name):
            return name
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return _REGION_SPLIT.split(text, 1)[0]
    return " ".join(text.split())


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


def too_large_reason() -> str:
    """Why a number beyond what the store can hold is refused, in the current language."""
    return _("a number too large to store")


def out_of_range(value: int) -> bool:
    """Whether ``value`` lies outside SQLite's 64-bit integers."""
    return not -INT64_MAX <= value <= INT64_MAX


def uses_decimal_comma(samples: list[str]) -> bool:
    """Whether amount samples write decimals with a comma (``12,50``, ``1.234,50``)."""
    comma = re.compile(r"^[^\d-]*-?[\d.]*\d,\d{1,2}\D*$")
    dot = re.compile(r"^[^\d-]*-?[\d,]*\d\.\d{1,2}\D*$")
    votes = sum(1 if comma.match(s.strip()) else -1 if dot.match(s.strip()) else 0 for s in samples if s)
    return votes > 0


class AmountParser:
    """Parses amounts of one currency into minor units, remembering repeated values.

    With a ``rate`` the amounts are of the rate's source currency (``source_exponent`` digits) and
    come out converted into minor units of the store's currency (see :class:`Rate`).
    """

    def __init__(self, exponent: int, decimal_comma: bool = False, rate: Rate | None = None,
                 source_exponent: int | None = None) -> None:
        self.exponent = exponent
        self.decimal_comma = decimal_comma
        self.rate = rate
        self.source_exponent = exponent if source_exponent is None else source_exponent
        self._cache: dict[str, int] = {}

    def with_comma(self, decimal_comma: bool) -> AmountParser:
        """The same parser for a file that writes decimals with (or without) a comma."""
        return AmountParser(self.exponent, decimal_comma, self.rate, self.source_exponent)

    def __call__(self, raw: str) -> int:
        """Minor units of ``raw``; raises ValueError (with a translated reason)."""
        cached = self._cache.get(raw)
        if cached is not None:
            return cached
        value = decimal_amount(raw, self.decimal_comma)
        if value and value.adjusted() + self.source_exponent > 18:  # 10**19 minor units or more: beyond 64 bits
            raise ValueError(too_large_reason())  # (and 1e999999 is never built as an integer)
        amount = value.scaleb(self.source_exponent)
        if amount != amount.to_integral_value():
            raise ValueError(_("more decimals than the currency has"))
        cents = int(amount) if self.rate is None else self.rate.convert(value, self.exponent)
        if out_of_range(cents):
            raise ValueError(too_large_reason())
        if len(self._cache) < 200_000:
            self._cache[raw] = cents
        return cents


def quantity(raw: str) -> int:
    """A whole number of units (``"3"``, ``"3.0"``, ``"-2"``)."""
    value = raw.strip().replace(",", "")
    try:
        number = int(value)
    except ValueError:
        try:
            decimal = Decimal(value)
        except InvalidOperation:
            raise ValueError(_("not a whole number")) from None
        if not decimal.is_finite() or decimal != decimal.to_integral_value():
            raise ValueError(_("not a whole number")) from None
        if decimal and decimal.adjusted() > 18:  # 1e30, 1e999999: beyond 64 bits (and never built as an integer)
            raise ValueError(too_large_reason()) from None
        number = int(decimal)
    if out_of_range(number):
        raise ValueError(too_large_reason())
    return number
