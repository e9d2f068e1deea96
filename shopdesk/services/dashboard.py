"""What the dashboard tab shows: one period's metrics with their comparisons, targets and a daily series."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import kpi
from shopdesk.domain.kpi import Dashboard
from shopdesk.domain.clock import now
from shopdesk.services.kpi import kpi_series
from shopdesk.services.session import Session
from shopdesk.services.targets import compare
from shopdesk.store import metrics


def latest_day(session: Session) -> dt.date | None:
    """The last business day with orders (where the dashboard opens)."""
    _first, last = metrics.data_range(session.store.conn)
    return dt.date.fromisoformat(last) if last else None


def has_figures(session: Session) -> bool:
    """Whether there is anything to show: an order or a day's traffic (a new, empty store has neither)."""
    return metrics.has_figures(session.store.conn)


def _one(session: Session, day: dt.date, by: str) -> kpi.PeriodKpis:
    return kpi_series(session, day, day, by)[0]


def dashboard(session: Session, anchor: dt.date, by: str = "day") -> Dashboard:
    """The dashboard for the day, ISO week or month holding ``anchor``.

    The daily series covers the period's days up to today or the last day with
    orders, whichever comes first, at least 30 days; a period still running is
    compared with its target to date.
    """
    current = _one(session, anchor, by)
    previous = _one(session, current.first_day - dt.timedelta(days=1), by)
    try:
        year_ago = anchor.replace(year=anchor.year - 1)
    except ValueError:  # 29 February
        year_ago = anchor.replace(year=anchor.year - 1, day=28)
    last_year = _one(session, year_ago if by != "week" else anchor - dt.timedelta(weeks=52), by)
    today = now(session.timezone).date()
    latest = latest_day(session) or today
    end = min(current.last_day, max(min(today, latest), current.first_day))  # no days not imported yet
    start = min(current.first_day, end - dt.timedelta(days=29))
    days = kpi_series(session, start, end, "day")
    period_targets = {c.metric: c for c in compare(session, [current], today).get(current.period, [])}
    day_targets = {period: {c.metric: c for c in found} for period, found in compare(session, days).items()}
    return Dashboard(by, current, previous, last_year, period_targets, days, day_targets)
