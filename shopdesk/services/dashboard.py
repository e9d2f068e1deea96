"""What the dashboard tab shows: one period's metrics with their comparisons, targets and a daily series."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import kpi
from shopdesk.domain.kpi import Dashboard
from shopdesk.services.kpi import kpi_series, latest_figures_day, span_kpis
from shopdesk.services.session import Session
from shopdesk.services.targets import compare
from shopdesk.store import kpi as daily_sums


def latest_day(session: Session) -> dt.date | None:
    """The last business day with orders (where the dashboard opens)."""
    _first, last = daily_sums.data_range(session.store.conn)
    return dt.date.fromisoformat(last) if last else None


def dashboard(session: Session, anchor: dt.date, by: str = "day") -> Dashboard:
    """The dashboard for the day, ISO week or month holding ``anchor``.

    A period still running is counted to the last day with figures and
    compared like with like (:func:`shopdesk.domain.kpi.compared_spans`): with
    the same days of the period before and of a year before, and with its
    target to that day. The daily series covers the period's days shown, at
    least 30 days.
    """
    spans = kpi.compared_spans(anchor, by, latest_figures_day(session))
    current, previous, last_year = (span_kpis(session, span, by)
                                    for span in (spans.current, spans.previous, spans.last_year))
    end = spans.current.last
    start = min(spans.current.first, end - dt.timedelta(days=29))
    days = kpi_series(session, start, end, "day")
    found = compare(session, [current, *days])  # one split of the targets for the period and its days
    period_targets = {c.metric: c for c in found.get(current.period, [])}
    day_targets = {d.period: {c.metric: c for c in found[d.period]} for d in days}
    return Dashboard(by, current, previous, last_year, period_targets, days, day_targets, spans)
