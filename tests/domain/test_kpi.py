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
