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


def test_a_masked_figure_prints_as_the_mask():
    from shopdesk.domain.roles import MASK
    from shopdesk.i18n import formatting
    assert formatting.number(MASK, 2) == formatting.money(MASK, "CNY") == formatting.percent(MASK) == MASK

@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW", "en"])
def test_a_signed_percentage_carries_plus_or_a_true_minus(lang):
    i18n.set_language(lang)
    assert formatting.signed_percent(0.197) == "+19.7%"
    assert formatting.signed_percent(-0.114) == "\u221211.4%"
    assert formatting.signed_percent(-0.00001) == "0.0%"
    assert formatting.signed_percent(None) == "—"
    assert formatting.signed_percent(0.12346, 2) == "+12.35%"


@pytest.mark.parametrize("lang, ticks", [
    ("zh_CN", ["2026年", "11月", "3日", "11月3日"]),
    ("zh_TW", ["2026年", "11月", "3日", "11月3日"]),
    ("en", ["2026", "Nov", "3", "Nov 3"]),
])
def test_date_ticks_follow_the_language(lang, ticks):
    i18n.set_language(lang)
    day = dt.date(2026, 11, 3)
    assert [formatting.date_tick(day, unit) for unit in ("year", "month", "day", "month_day")] == ticks
