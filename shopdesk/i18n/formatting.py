"""Numbers, money, percentages and dates formatted for the current language (babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shopdesk.domain.money import from_minor
from shopdesk.domain.roles import MASK
from shopdesk.i18n import current_language


def _numbers():  # babel is loaded on first use, not on import (a command's start-up need not pay for it)
    from babel import numbers
    return numbers


def _dates():
    from babel import dates
    return dates


_LOCALES = {"zh_CN": "zh_Hans_CN", "zh_TW": "zh_Hant_TW", "en": "en_US"}


def locale() -> str:
    """Babel locale of the current language."""
    return _LOCALES[current_language()]


def number(value: int | float | Decimal | None, digits: int = 0) -> str:
    """A number with grouping; ``None`` (no value) shows as an em dash, a masked value as the mask."""
    if value is None:
        return "—"
    if isinstance(value, str) and value == MASK:
        return MASK
    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return _numbers().format_decimal(value, format=fmt, locale=locale())


def money(cents: int | None, currency: str) -> str:
    """Integer minor units as money in ``currency`` (e.g. ``¥1,234.50``)."""
    if cents is None:
        return "—"
    if isinstance(cents, str) and cents == MASK:
        return MASK
    return _numbers().format_currency(from_minor(cents, currency), currency, locale=locale())


def percent(rate: float | None, digits: int = 1) -> str:
    """A 0–1 fraction as a percentage; ``None`` shows as an em dash."""
    if rate is None:
        return "—"
    if isinstance(rate, str) and rate == MASK:
        return MASK
    fmt = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return _numbers().format_percent(rate, format=fmt, locale=locale())


MINUS = "\u2212"  # the minus sign of a signed figure (−11.4%), not a hyphen


def signed_percent(rate: float | None, digits: int = 1) -> str:
    """A 0–1 fraction as a percentage with its sign: ``+19.7%``, ``−11.4%`` (a true minus sign), ``0.0%``
    when it rounds to nothing; ``None`` shows as an em dash. Every deviation on screen, on paper and on
    the command line is written by this function."""
    if rate is None:
        return "—"
    text = percent(abs(rate), digits)
    if round(abs(rate) * 100, digits) == 0:
        return text
    return ("+" if rate > 0 else MINUS) + text


def date(value: dt.date | None) -> str:
    """A date in the language's medium form."""
    if value is None:
        return "—"
    return _dates().format_date(value, format="medium", locale=locale())


def datetime(value: dt.datetime | None) -> str:
    """A date and time, shown in the time zone it carries."""
    if value is None:
        return "—"
    return _dates().format_datetime(value, format="medium", tzinfo=value.tzinfo, locale=locale())


def weekday(value: dt.date, short: bool = False) -> str:
    """The day of the week (``Sunday``, ``星期日``; ``Sun``, ``周日`` when ``short``)."""
    return _dates().format_date(value, format="EEE" if short else "EEEE", locale=locale())


def weekday_name(index: int, short: bool = True) -> str:
    """The name of weekday ``index`` (0 = Monday), as :func:`weekday` writes it."""
    return weekday(dt.date(2024, 1, 1) + dt.timedelta(days=index), short)  # 2024-01-01 was a Monday


def items(values: list[str]) -> str:
    """A list of words joined as the language joins them (``a, b, and c``; ``甲、乙和丙``)."""
    from babel.lists import format_list
    return format_list(list(values), locale=locale()) if values else ""


def sentences(*texts: str) -> str:
    """Sentences one after the other: with a space in English, none after a Chinese full stop."""
    gap = "" if current_language().startswith("zh") else " "
    return gap.join(t for t in texts if t)


#: What a date-axis tick shows, by the unit of the ticks: a babel date skeleton.
_TICK_SKELETONS = {"year": "y", "month": "MMM", "day": "d", "weekday": "Ed", "month_day": "MMMd",
                   "year_month": "yMMM"}


def date_tick(value: dt.date, unit: str) -> str:
    """A chart's date-axis tick in the current language.

    Args:
        value: the day (or moment) the tick marks.
        unit: ``year`` (2026, 2026年), ``month`` (Nov, 11月), ``day`` (3, 3日),
            ``weekday`` (3 Tue, 3日周二), ``month_day`` (Nov 3, 11月3日) or ``year_month`` (Nov 2026, 2026年11月).

    Returns:
        The tick's text.
    """
    return _dates().format_skeleton(_TICK_SKELETONS[unit], value, locale=locale())
