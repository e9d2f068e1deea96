import datetime as dt

import pytest

from shopdesk.domain.targets import (
    Target,
    daily_targets,
    deviation,
    flag,
    pattern_days,
    period_bounds,
    period_target,
    periods_covering,
    rounded,
    weekday_pattern,
)

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
    daily = daily_targets(targets, june, {("orders", "2024-06"): weights})
    # June 2024: 20 weekdays and 10 weekend days → 40 weight units, 97.5 orders each
    assert daily[("orders", D(2024, 6, 3))] == pytest.approx(97.5)  # a Monday
    assert daily[("orders", D(2024, 6, 1))] == pytest.approx(195)  # a Saturday
    assert sum(daily.values()) == pytest.approx(3900)
    even = daily_targets([Target("orders", "2024-06", 3900, "weekday")], june, None)
    assert even[("orders", D(2024, 6, 1))] == pytest.approx(130)  # no history: even


def test_the_pattern_comes_from_the_year_before_the_targets_own_period():
    assert pattern_days("2026-Q4") == (D(2025, 10, 2), D(2026, 9, 30))  # 52 whole weeks
    assert pattern_days("2026-11") == (D(2025, 11, 2), D(2026, 10, 31))
    assert pattern_days("2026") == (D(2025, 1, 2), D(2025, 12, 31))
    # two weeks from Monday 2024-06-17: weekdays 100 then 300, weekends 200 then 400
    values = [(D(2024, 6, 17) + dt.timedelta(days=i), (100 if i % 7 < 5 else 200) + (200 if i >= 7 else 0))
              for i in range(14)]
    assert weekday_pattern(values) == [200, 200, 200, 200, 200, 300, 300]
    assert weekday_pattern(values + [(D(2024, 7, 1), None)]) == [200, 200, 200, 200, 200, 300, 300]  # no value
    assert weekday_pattern(values[:6]) is None  # no Sunday: split evenly
    assert weekday_pattern([(d, 0) for d, _v in values]) is None
    # July 2024 starts on a Monday: Monday–Wednesday 5 times, the other days 4 → 3,900 weight units
    pattern = {("gmv", "2024-07"): [100, 100, 100, 100, 100, 200, 200]}
    july = [D(2024, 7, 1) + dt.timedelta(days=i) for i in range(31)]
    targets = [Target("gmv", "2024-07", 3900_00, "weekday")]
    whole = daily_targets(targets, july, pattern)
    assert whole[("gmv", D(2024, 7, 6))] == pytest.approx(200_00)  # a Saturday
    assert whole[("gmv", D(2024, 7, 8))] == pytest.approx(100_00)  # a Monday
    for first in range(20):  # a day's target does not depend on the other days asked for
        asked = daily_targets(targets, july[first:20], pattern)
        assert asked[("gmv", D(2024, 7, 20))] == whole[("gmv", D(2024, 7, 20))]
    # another period's pattern is not this target's
    other = daily_targets(targets, july, {("gmv", "2024-Q3"): [1, 1, 1, 1, 1, 5, 5]})
    assert other[("gmv", D(2024, 7, 6))] == pytest.approx(3900_00 / 31)


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
