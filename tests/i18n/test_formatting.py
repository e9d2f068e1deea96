import datetime as dt

import pytest

from shopdesk import i18n
from shopdesk.i18n import formatting


@pytest.mark.parametrize("lang, money, date", [
    ("zh_CN", "¥1,234.50", "2026年11月23日"),
    ("zh_TW", "CN¥1,234.50", "2026年11月23日"),
    ("en", "CN¥1,234.50", "Nov 23, 2026"),
])
def test_formats_follow_the_language(lang, money, date):
    i18n.set_language(lang)
    assert formatting.money(123450, "CNY") == money
    assert formatting.date(dt.date(2026, 11, 23)) == date
    assert formatting.number(1234567) == "1,234,567"


def test_no_value_is_a_dash():
    assert formatting.number(None) == formatting.percent(None) == formatting.money(None, "CNY") == "—"
    assert formatting.percent(0.0512) == "5.1%"


@pytest.mark.parametrize("lang, ticks", [
    ("zh_CN", ["2026年", "11月", "3日", "11月3日"]),
    ("zh_TW", ["2026年", "11月", "3日", "11月3日"]),
    ("en", ["2026", "Nov", "3", "Nov 3"]),
])
def test_date_ticks_follow_the_language(lang, ticks):
    i18n.set_language(lang)
    day = dt.date(2026, 11, 3)
    assert [formatting.date_tick(day, unit) for unit in ("year", "month", "day", "month_day")] == ticks
