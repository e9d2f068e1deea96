"""SPEC §1 definitions pinned with hand-computed numbers."""

import datetime as dt

import pytest

from shopdesk.domain import kpi
from shopdesk.domain.kpi import DayFigures, aggregate, period_of

D = dt.date


def test_definitions():
    assert kpi.average_order_value(10_000, 3) == 3333  # 100.00 / 3 = 33.333… → 33.33
    assert kpi.average_order_value(10_001, 2) == 5001  # 50.005 rounds half up
    assert kpi.conversion_rate(35, 1000) == 0.035
    assert kpi.uv_value(45_000_00, 45000) == 100
    assert kpi.return_rate(3, 60) == 0.05
    assert kpi.new_customer_share(1, 4) == 0.25


def test_no_data_is_no_value_never_zero():
    assert kpi.average_order_value(0, 0) is None
    assert kpi.conversion_rate(5, None) is None
    assert kpi.conversion_rate(5, 0) is None
    assert kpi.uv_value(100, None) is None
    assert kpi.return_rate(0, 0) is None
    assert kpi.new_customer_share(0, 0) is None  # no paid order with a known buyer


def test_periods():
    assert period_of(D(2024, 6, 18), "day") == ("2024-06-18", D(2024, 6, 18), D(2024, 6, 18))
    assert period_of(D(2024, 6, 18), "week") == ("2024-W25", D(2024, 6, 17), D(2024, 6, 23))
    assert period_of(D(2021, 1, 1), "week") == ("2020-W53", D(2020, 12, 28), D(2021, 1, 3))  # ISO year
    assert period_of(D(2024, 2, 10), "month") == ("2024-02", D(2024, 2, 1), D(2024, 2, 29))
    with pytest.raises(ValueError):
        period_of(D(2024, 2, 10), "year")


def test_aggregate_sums_then_recomputes_rates():
    days = [
        DayFigures(D(2024, 6, 17), paid_orders=3, gmv_cents=30000, units_sold=4, new_customer_orders=1,
                   visitors=100, refunds_cents=5000, returned_units=1, complaints=1,
                   customer_orders=2),  # one order without a known buyer
        DayFigures(D(2024, 6, 18)),  # an empty day: zero orders, no visitors
        DayFigures(D(2024, 6, 19), paid_orders=1, gmv_cents=1000, units_sold=1, visitors=None,
                   refunds_cents=50000),  # refunds above the day's GMV; its one order has no buyer
    ]
    by_day = {r.period: r for r in aggregate(days, "day")}
    empty = by_day["2024-06-18"]
    assert (empty.orders, empty.gmv_cents, empty.aov_cents, empty.visitors, empty.conversion_rate) == (
        0, 0, None, None, None)
    assert empty.return_rate is None and empty.new_customer_share is None
    big_refund = by_day["2024-06-19"]
    assert big_refund.refunds_cents == 50000 and big_refund.gmv_cents == 1000 and big_refund.aov_cents == 1000
    assert big_refund.conversion_rate is None
    assert big_refund.new_customer_share is None  # no order of the day has a buyer: no share, not 0
    (week,) = aggregate(days, "week")
    assert week.period == "2024-W25" and week.orders == 4 and week.gmv_cents == 31000
    assert week.aov_cents == 7750
    assert week.visitors == 100
    assert week.conversion_rate == 0.03  # only the day with visitors: 3 / 100
    assert week.uv_value_cents == 300  # 30000 / 100
    assert week.refunds_cents == 55000 and week.complaints == 1
    assert week.return_rate == 0.2  # 1 of 5 units
    assert week.new_customer_share == 0.5  # 1 new of the 2 orders with a buyer; the 2 without are left out


def test_turnover_days_and_sell_through_definitions():
    from shopdesk.domain.kpi import inventory_turnover_days, sell_through_rate
    assert inventory_turnover_days(600, 300, 30) == 60  # 600 units at 10 a day
    assert inventory_turnover_days(None, 300, 30) is None  # stock not tracked
    assert inventory_turnover_days(600, 0, 30) is None  # nothing moved: no turnover to speak of
    assert inventory_turnover_days(-5, 10, 30) == 0
    assert sell_through_rate(3, 12) == 0.25 and sell_through_rate(0, 0) is None


def test_a_running_period_is_compared_like_with_like():
    from shopdesk.domain.kpi import Span, compared_spans, to_date
    D = dt.date
    # November on the 15th (the last day with figures): to date, 15 of 30 days
    spans = compared_spans(D(2026, 11, 15), "month", D(2026, 11, 15))
    assert spans.current == Span("2026-11", D(2026, 11, 1), D(2026, 11, 15), D(2026, 11, 30))
    assert spans.current.running and (spans.current.days, spans.current.period_days) == (15, 30)
    assert spans.previous == Span("2026-10", D(2026, 10, 1), D(2026, 10, 15), D(2026, 10, 31))
    assert spans.last_year == Span("2025-11", D(2025, 11, 1), D(2025, 11, 15), D(2025, 11, 30))
    # any day of the month asks for the same span; the last day with figures decides, not the anchor
    assert compared_spans(D(2026, 11, 3), "month", D(2026, 11, 15)) == spans
    # a month that ended before the last day with figures is whole, even if its last days had no orders
    whole = compared_spans(D(2026, 10, 9), "month", D(2026, 11, 15))
    assert not whole.current.running and whole.current.days == 31
    assert whole.previous == Span("2026-09", D(2026, 9, 1), D(2026, 9, 30), D(2026, 9, 30))  # September is shorter
    # the 1st–31st of December compare with the whole of November; 1st–30th of March with the whole of February
    assert compared_spans(D(2026, 12, 31), "month", D(2027, 1, 4)).previous.last == D(2026, 11, 30)
    march = compared_spans(D(2027, 3, 2), "month", D(2027, 3, 30))
    assert march.previous == Span("2027-02", D(2027, 2, 1), D(2027, 2, 28), D(2027, 2, 28))
    assert march.last_year == Span("2026-03", D(2026, 3, 1), D(2026, 3, 30), D(2026, 3, 31))
    # a week on its Wednesday: Monday to Wednesday, of the week before and of the ISO week 52 weeks before
    week = compared_spans(D(2026, 11, 11), "week", D(2026, 11, 11))
    assert (week.current.first, week.current.last, week.current.end) == (D(2026, 11, 9), D(2026, 11, 11),
                                                                         D(2026, 11, 15))
    assert (week.previous.first, week.previous.last) == (D(2026, 11, 2), D(2026, 11, 4))
    assert (week.last_year.period, week.last_year.first, week.last_year.last) == ("2025-W46", D(2025, 11, 10),
                                                                                 D(2025, 11, 12))
    # days: the day before and the same date a year earlier (29 February → 28 February)
    leap = compared_spans(D(2024, 2, 29), "day", D(2024, 3, 5))
    assert (leap.previous.first, leap.last_year.first) == (D(2024, 2, 28), D(2023, 2, 28))
    assert not leap.current.running
    # a period not started yet keeps its first day; a store without figures counts whole periods
    assert to_date(D(2026, 12, 20), "month", D(2026, 11, 15)) == Span("2026-12", D(2026, 12, 1), D(2026, 12, 1),
                                                                      D(2026, 12, 31))
    assert not to_date(D(2026, 11, 15), "month", None).running
