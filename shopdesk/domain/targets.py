"""Targets (目標), their daily split, deviations and anomaly flags (SPEC §1).

Targets are set per year, quarter or month and split into daily targets:
evenly, or weighted by last year's weekday pattern where it exists. That
pattern is the one of the 52 weeks before the target's own period (never of
the days someone asks about), so a day's target depends on the day and the
target's revision only. The most specific target covering a day wins (month
over quarter over year). The
deviation rate is ``(actual − target) / target``; beyond the threshold (5 % by
default, a setting) a metric is an anomaly, below its red line a severe one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: Metrics summed over days: their period target is split across its days.
ADDITIVE = ("orders", "gmv", "visitors", "refunds", "complaints", "returned_units")
#: Money per order or visitor: a target applies to every day as it is.
AVERAGES = ("aov", "uv_value")
#: 0–1 fractions: a target applies to every day as it is.
RATES = ("conversion", "return_rate", "new_customer_share")
METRICS = ADDITIVE + AVERAGES + RATES
#: Metrics that are bad when they rise above target (their red line lies above it).
HIGHER_IS_WORSE = ("refunds", "complaints", "returned_units", "return_rate")
MONEY = ("gmv", "refunds", "aov", "uv_value")
_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2}))?$")


@dataclass(frozen=True)
class Target:
    """A target in force for one metric and one year, quarter or month."""

    metric: str
    period: str
    value: float  # minor units, a count, or a 0–1 fraction
    weighting: str = "even"


@dataclass(frozen=True)
class Comparison:
    """One metric of one period against its target."""

    metric: str
    actual: float | None
    target: float | int | None
    deviation: float | None
    flag: str | None  # None, "anomaly" or "severe"


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``2024``, ``2024-Q2`` or ``2024-06``.

    Raises:
        ValueError: not such a period.
    """
    m = _PERIOD.match(period.strip())
    if not m:
        raise ValueError(f"{period!r} is not a year (2024), quarter (2024-Q2) or month (2024-06)")
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part.startswith("Q"):
        first_month = (int(part[1]) - 1) * 3 + 1
        first = dt.date(year, first_month, 1)
    else:
        month = int(part)
        if not 1 <= month <= 12:
            raise ValueError(f"{period!r} has no month {month}")
        first = dt.date(year, month, 1)
        first_month = month
    months = 3 if part.startswith("Q") else 1
    following = dt.date(year + (first_month + months - 1) // 12, (first_month + months - 1) % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def year_periods(year: int) -> list[str]:
    """The year, its quarters and its months: the columns of a year's target sheet."""
    return [str(year), *(f"{year}-Q{q}" for q in range(1, 5)), *(f"{year}-{m:02d}" for m in range(1, 13))]


def periods_covering(day: dt.date) -> tuple[str, str, str]:
    """The month, quarter and year holding ``day``, most specific first."""
    return f"{day:%Y-%m}", f"{day.year}-Q{(day.month - 1) // 3 + 1}", str(day.year)


def pattern_days(period: str) -> tuple[dt.date, dt.date]:
    """The days whose weekday pattern splits a weekday-weighted target of ``period``: the 52 weeks (364
    days, each weekday 52 times) before the period's first day. ``2026-Q4`` → 2025-10-02 … 2026-09-30."""
    first, _last = period_bounds(period)
    return first - dt.timedelta(days=364), first - dt.timedelta(days=1)


def weekday_pattern(values: list[tuple[dt.date, float | None]]) -> list[float] | None:
    """The average value per weekday (Monday first) of the days that have one.

    ``None`` (the target is split evenly) unless every weekday has a value and they do not all add to 0.
    """
    sums, counts = [0.0] * 7, [0] * 7
    for day, value in values:
        if value is not None:
            sums[day.weekday()] += value
            counts[day.weekday()] += 1
    if not all(counts) or sum(sums) <= 0:
        return None
    return [s / c for s, c in zip(sums, counts, strict=True)]


def daily_targets(targets: list[Target], days: list[dt.date],
                  patterns: dict[tuple[str, str], list[float]] | None = None) -> dict[tuple[str, dt.date], float]:
    """The target of each metric on each day that a target covers.

    Args:
        targets: the targets in force.
        days: the days wanted (any of them: a day's target does not depend on the others).
        patterns: per (metric, target period), the weekday pattern of :func:`pattern_days` for that
            period (:func:`weekday_pattern`), for targets weighted by weekday; a weighted target without
            one is split evenly.
    """
    by_key = {(t.metric, t.period): t for t in targets}
    out: dict[tuple[str, dt.date], float] = {}
    for metric in {t.metric for t in targets}:
        for day in days:
            target = next((by_key[(metric, p)] for p in periods_covering(day) if (metric, p) in by_key), None)
            if target is None:
                continue
            if metric not in ADDITIVE:
                out[(metric, day)] = target.value
                continue
            first, last = period_bounds(target.period)
            weights = (patterns or {}).get((metric, target.period)) if target.weighting == "weekday" else None
            if weights and sum(weights) > 0:
                total = sum(weights[(first + dt.timedelta(days=i)).weekday()]
                            for i in range((last - first).days + 1))
                out[(metric, day)] = target.value * weights[day.weekday()] / total
            else:
                out[(metric, day)] = target.value / ((last - first).days + 1)
    return out


def period_target(metric: str, values: list[float], days_in_period: int) -> float | None:
    """A period's target from its days' targets: summed for additive metrics, else their mean.

    ``None`` unless every day of the period has a target.
    """
    if not values or len(values) != days_in_period:
        return None
    if metric in ADDITIVE:
        return math.fsum(values)
    return math.fsum(values) / len(values)


def rounded(metric: str, value: float | None) -> float | int | None:
    """A target as shown: whole minor units or counts, rates unchanged."""
    if value is None or metric in RATES:
        return value
    return int(Decimal(str(value)).to_integral_value(rounding=ROUND_HALF_UP))


def deviation(actual: float | None, target: float | None) -> float | None:
    """偏差率 = (actual − target) / target; no value without both, or with a zero target."""
    if actual is None or target is None or target == 0:
        return None
    return (actual - target) / target


def favourable(metric: str, deviation_rate: float | None) -> bool | None:
    """Whether a deviation is good news: above target for most metrics, below it for those of
    :data:`HIGHER_IS_WORSE` (the side :func:`flag` calls bad is unfavourable); ``None`` without a
    deviation or with none at all."""
    if not deviation_rate:
        return None
    return (deviation_rate < 0) if metric in HIGHER_IS_WORSE else (deviation_rate > 0)


def needs_cause(metric: str, deviation_rate: float | None, favourable_too: bool = False) -> bool:
    """Whether an anomaly of ``metric`` must get a cause note: an unfavourable one always; a favourable
    one only when the store asks for it (setting ``anomaly.favourable_cause``)."""
    return favourable_too or not favourable(metric, deviation_rate)


def flag(deviation_rate: float | None, threshold: float, red_line: float | None = None,
         metric: str = "") -> str | None:
    """``"severe"`` past the red line on the metric's bad side (below target; above it for the metrics
    of :data:`HIGHER_IS_WORSE`), ``"anomaly"`` beyond the threshold either way, else ``None``."""
    if deviation_rate is None:
        return None
    if red_line is not None:
        bad_side = deviation_rate if metric in HIGHER_IS_WORSE else -deviation_rate
        if bad_side >= red_line:
            return "severe"
    if abs(deviation_rate) > threshold:
        return "anomaly"
    return None
