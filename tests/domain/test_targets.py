import datetime as dt

import pytest

from shopdesk.domain.targets import (Target, daily_targets, deviation, flag, period_bounds, period_target,
                                     periods_covering, rounded)

D = dt.date


def test_periods():
    assert period_bounds("2024") == (D(2024, 1, 1), D(2024, 12, 31))
    assert period_bounds("2024-Q1") == (D(2024, 1, 1), D(2024, 3, 31))
    assert period_bounds("2024-Q4") == (D(2024, 10, 1), D(2024, 12, 31))
    assert period_bounds("2024-02") == (D(2024, 2, 1), D(2024, 2, 29))
    assert period_bounds("2024-12") == (D(2024, 12, 1), D(2024, 12, 31))
    for bad in ("2024-13", "24-01", "2024-Q5", "June"):
        with pytest.raises(ValueError):
            period_bounds(bad)
    assert periods_covering(D(2024, 6, 18)) == ("2024-06", "2024-Q2", "2024")


def test_even_split_and_most_specific_target_wins():
    targets = [Target("gmv", "2024", 366_000_00), Target("gmv", "2024-06", 30_000_00),
               Target("conversion", "2024-Q2", 0.03)]
    days = [D(2024, 5, 31), D(2024, 6, 1)]
    daily = daily_targets(targets, days)
    assert daily[("gmv", D(2024, 5, 31))] == 1_000_00  # the year's target over 366 days
    assert daily[("gmv", D(2024, 6, 1))] == 1_000_00  # June's own: 30,000.00 over 30 days
    assert daily[("conversion", D(2024, 6, 1))] == 0.03  # a rate applies as it is


def test_weekday_weighting_follows_last_years_pattern():
    weights = [1, 1, 1, 1, 1, 2, 2]  # weekends twice as busy
    targets = [Target("orders", "2024-06", 3900, "weekday")]
    june = [D(2024, 6, 1) + dt.timedelta(days=i) for i in range(30)]
    daily = daily_targets(targets, june, {"orders": weights})
    # June 2024: 20 weekdays and 10 weekend days → 40 weight units, 97.5 orders each
    assert daily[("orders", D(2024, 6, 3))] == pytest.approx(97.5)  # a Monday
    assert daily[("orders", D(2024, 6, 1))] == pytest.approx(195)  # a Saturday
    assert sum(daily.values()) == pytest.approx(3900)
    even = daily_targets([Target("orders", "2024-06", 3900, "weekday")], june, None)
    assert even[("orders", D(2024, 6, 1))] == pytest.approx(130)  # no history: even


def test_period_target_deviation_and_flags():
    assert period_target("orders", [10.0] * 7, 7) == 70
    assert period_target("conversion", [0.03, 0.05], 2) == 0.04
    assert period_target("orders", [10.0] * 6, 7) is None  # a day without a target
    assert rounded("gmv", 1234.5) == 1235 and rounded("conversion", 0.0333) == 0.0333
    assert deviation(45000, 50000) == -0.1
    assert deviation(0.035, 0.03) == pytest.approx(1 / 6)  # the handbook's +16.7 %
    assert deviation(None, 5) is None and deviation(5, 0) is None
    assert flag(-0.1, 0.05, 0.10) == "severe"  # visitors 10 % below target
    assert flag(-0.06, 0.05, 0.10) == "anomaly"
    assert flag(0.167, 0.05) == "anomaly"
    assert flag(0.04, 0.05) is None and flag(None, 0.05) is None
    # metrics that are bad when high have their red line above target
    assert flag(0.25, 0.05, 0.20, "complaints") == "severe"
    assert flag(-0.25, 0.05, 0.20, "complaints") == "anomaly"
    assert flag(0.25, 0.05, 0.20, "gmv") == "anomaly"
    assert flag(-0.20, 0.05, 0.20, "gmv") == "severe"
