"""Setting targets, and comparing periods with them (target, deviation, anomaly flag)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from shopdesk.domain import errors, kpi
from shopdesk.domain import settings as decl
from shopdesk.domain import targets as rules
from shopdesk.domain.clock import iso, now
from shopdesk.domain.money import from_minor, to_minor
from shopdesk.domain.roles import Permission
from shopdesk.domain.targets import Comparison
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.session import Session
from shopdesk.store import audit, settings
from shopdesk.store import kpi as daily_sums
from shopdesk.store import targets as store


def set_target(session: Session, metric: str, period: str, raw: str, weighting: str = "even") -> int:
    """Set (or revise) the target of ``metric`` for a year, quarter or month; earlier values are kept.

    ``raw`` is an amount in the store currency for money metrics, a count, or a
    rate as a fraction (``0.035``) or percentage (``3.5%``).

    Raises:
        InvalidValue: unknown metric, malformed period or value, a negative value.
    """
    session.require(Permission.EDIT_SETTINGS)
    if metric not in rules.METRICS:
        raise errors.InvalidValue(field=Lazy(N_("Metric")), reason=_("'{value}' is not one of {known}.").format(
            value=metric, known=", ".join(rules.METRICS)))
    try:
        rules.period_bounds(period)
    except ValueError:
        raise errors.InvalidValue(field=Lazy(N_("Period")), reason=_(
            "'{value}' is not a year (2024), quarter (2024-Q2) or month (2024-06).").format(value=period)) from None
    text = raw.strip()
    try:
        if metric in rules.RATES:
            rate = float(Decimal(text.rstrip("%")) / (100 if text.endswith("%") else 1))
            amount = None
            if not 0 <= rate <= 1:
                raise ValueError
        else:
            rate = None
            amount = to_minor(text, session.currency) if metric in rules.MONEY else int(Decimal(text))
            if amount < 0:
                raise ValueError
    except (ValueError, InvalidOperation):
        raise errors.InvalidValue(field=Lazy(N_("Target")), reason=_("'{value}' is not a valid target for {metric}.")
                                  .format(value=raw, metric=_(kpi.METRIC_LABELS[metric]))) from None
    with session.store.transaction() as conn:
        target_id = store.add(conn, metric, period.strip(), amount, rate, weighting, iso(now(session.timezone)),
                              session.username)
        audit.record(conn, session.actor, "target.set", "target", f"{metric} {period.strip()}", None,
                     {"amount": amount, "rate": rate, "weighting": weighting}, tz=session.timezone)
    return target_id


def _in_force(session: Session, first: dt.date, last: dt.date) -> list[rules.Target]:
    periods: set[str] = set()
    day = first
    while day <= last:
        periods.update(rules.periods_covering(day))
        day += dt.timedelta(days=1)
    rows = store.in_force(session.store.conn, sorted(periods))
    return [rules.Target(r["metric"], r["period"], r["amount"] if r["amount"] is not None else r["rate"],
                         r["weighting"]) for r in rows]


def _patterns(session: Session, targets: list[rules.Target]) -> dict[tuple[str, str], list[float]]:
    """The weekday pattern of each weekday-weighted additive target: its metric over the 52 weeks before
    the target's own period, counting the days from the store's first day with figures."""
    from shopdesk.services.kpi import daily_figures
    weighted = {(t.metric, t.period) for t in targets if t.weighting == "weekday" and t.metric in rules.ADDITIVE}
    if not weighted:
        return {}
    start, _end = daily_sums.figures_range(session.store.conn)
    if start is None:
        return {}
    spans = {key: rules.pattern_days(key[1]) for key in weighted}
    first = max(min(a for a, _b in spans.values()), dt.date.fromisoformat(start))
    last = max(b for _a, b in spans.values())
    if last < first:
        return {}
    days = daily_figures(session, first, last)
    rows = dict(zip((f.day for f in days), kpi.aggregate(days, "day"), strict=True))
    out = {}
    for (metric, period), (a, b) in spans.items():
        pattern = rules.weekday_pattern([(day, kpi.actual(row, metric)) for day, row in rows.items()
                                         if a <= day <= b])
        if pattern is not None:
            out[(metric, period)] = pattern
    return out


def daily_targets(session: Session, first: dt.date, last: dt.date) -> dict[tuple[str, dt.date], float]:
    """The target of each metric on each day from ``first`` to ``last`` (unrounded): the one function that
    decides a day's target, whatever range it is asked in."""
    targets = _in_force(session, first, last)
    if not targets:
        return {}
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return rules.daily_targets(targets, days, _patterns(session, targets))


def anomaly_limits(session: Session) -> tuple[dict[str, float], dict[str, float | None]]:
    """Each metric's anomaly threshold (its own, else the general one) and red line (``None``: none)."""
    values = settings.get_all(session.store.conn)
    thresholds = {}
    for m in rules.METRICS:
        key = f"anomaly.threshold.{m}"
        own = values[key]
        thresholds[m] = float(own if own is not None else values[decl.setting(key).fallback])
    red_lines = {m: float(v) if (v := values[f"anomaly.redline.{m}"]) is not None else None for m in rules.METRICS}
    return thresholds, red_lines


def compare(session: Session, rows: list[kpi.PeriodKpis]) -> dict[str, list[Comparison]]:
    """Each period's metrics that have a target: target, deviation rate and flag.

    A period is compared over its own days, ``first_day`` … ``last_day``: a week or month still running
    (:func:`shopdesk.services.kpi.kpi_series` ends it on the last day with figures) against its target
    to that day.
    """
    if not rows:
        return {}
    first, last = min(r.first_day for r in rows), max(r.last_day for r in rows)
    daily = daily_targets(session, first, last)
    if not daily:
        return {r.period: [] for r in rows}
    metrics_set = sorted({metric for metric, _day in daily})
    thresholds, red_lines = anomaly_limits(session)
    out: dict[str, list[Comparison]] = {}
    for row in rows:
        span = (row.last_day - row.first_day).days + 1
        found = []
        for metric in metrics_set:
            values = [daily[(metric, row.first_day + dt.timedelta(days=i))] for i in range(span)
                      if (metric, row.first_day + dt.timedelta(days=i)) in daily]
            target = rules.rounded(metric, rules.period_target(metric, values, span))
            if target is None:
                continue
            value = kpi.actual(row, metric)
            rate = rules.deviation(value, target)
            found.append(Comparison(metric, value, target, rate,
                                    rules.flag(rate, thresholds[metric], red_lines[metric], metric)))
        out[row.period] = found
    return out


def year_sheet(session: Session, year: int) -> dict[tuple[str, str], dict]:
    """The targets in force for ``year``, its quarters and months: (metric, period) → the target row."""
    session.require(Permission.VIEW_REPORTS)
    return {(r["metric"], r["period"]): r for r in store.in_force(session.store.conn, rules.year_periods(year))}


def editable_text(metric: str, row: dict, currency: str) -> str:
    """A stored target as the text :func:`set_target` reads back: ``3000.00``, ``37``, ``3.2%``."""
    if row["rate"] is not None:
        return f"{Decimal(str(row['rate'])) * 100:f}".rstrip("0").rstrip(".") + "%"
    if metric in rules.MONEY:
        return str(from_minor(row["amount"], currency))
    return str(row["amount"])


def set_targets(session: Session, changes: list[tuple[str, str, str, str]]) -> int:
    """Set several targets at once, (metric, period, value, weighting) each: all or none.

    Raises:
        InvalidValue: the first value refused, naming its metric and period; nothing is saved.
    """
    with session.store.transaction():
        for metric, period, raw, weighting in changes:
            try:
                set_target(session, metric, period, raw, weighting)
            except errors.InvalidValue as exc:
                raise errors.InvalidValue(field=f"{_(kpi.METRIC_LABELS[metric])} {period}",
                                          reason=exc.params.get("reason", exc.message())) from None
    return len(changes)


def history(session: Session) -> list[dict]:
    """Every target set, revisions included, newest first."""
    session.require(Permission.VIEW_REPORTS)
    return store.history(session.store.conn)
