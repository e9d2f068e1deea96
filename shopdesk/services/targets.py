"""Setting targets, and comparing periods with them (target, deviation, anomaly flag)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from shopdesk.domain import errors, kpi
from shopdesk.domain import settings as decl
from shopdesk.domain import targets as rules
from shopdesk.domain.targets import Comparison
from shopdesk.domain.clock import iso, now
from shopdesk.domain.money import from_minor, to_minor
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.session import Session
from shopdesk.store import audit, settings
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


def _weekday_weights(session: Session, first: dt.date, metrics: set[str]) -> dict[str, list[float]]:
    """Last year's average per weekday of each additive metric, from the year before ``first``."""
    from shopdesk.services.kpi import daily_figures
    days = daily_figures(session, first - dt.timedelta(days=364), first - dt.timedelta(days=1))
    rows = kpi.aggregate(days, "day")
    weights = {}
    for metric in metrics:
        sums, counts = [0.0] * 7, [0] * 7
        for row, figures in zip(rows, days, strict=True):
            value = kpi.actual(row, metric)
            if value is not None:
                sums[figures.day.weekday()] += value
                counts[figures.day.weekday()] += 1
        if all(counts) and sum(sums) > 0:
            weights[metric] = [s / c for s, c in zip(sums, counts, strict=True)]
    return weights


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


def compare(session: Session, rows: list[kpi.PeriodKpis], until: dt.date | None = None) -> dict[str, list[Comparison]]:
    """Each period's metrics that have a target: target, deviation rate and flag.

    A period running past ``until`` (today, for the dashboard) is compared with
    the target of its days up to ``until``: month to date against its target to date.
    """
    if not rows:
        return {}
    first, last = min(r.first_day for r in rows), max(r.last_day for r in rows)
    targets = _in_force(session, first, last)
    if not targets:
        return {r.period: [] for r in rows}
    weighted = {t.metric for t in targets if t.weighting == "weekday" and t.metric in rules.ADDITIVE}
    weights = _weekday_weights(session, first, weighted) if weighted else {}
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    daily = rules.daily_targets(targets, days, weights)
    thresholds, red_lines = anomaly_limits(session)
    out: dict[str, list[Comparison]] = {}
    for row in rows:
        last_day = min(row.last_day, until) if until else row.last_day
        span = (last_day - row.first_day).days + 1
        if span <= 0:
            out[row.period] = []
            continue
        found = []
        for metric in sorted({t.metric for t in targets}):
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
