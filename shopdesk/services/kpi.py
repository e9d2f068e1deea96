"""The core metrics per day, week or month: for the dashboard, the reports and ``shopdesk kpi``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shopdesk.domain import kpi
from shopdesk.domain.clock import business_day, now
from shopdesk.domain.money import from_minor
from shopdesk.domain.roles import Permission
from shopdesk.domain.targets import MONEY as MONEY_METRICS
from shopdesk.services.session import Session
from shopdesk.store import kpi as daily_sums
from shopdesk.store import settings


def daily_figures(session: Session, first: dt.date, last: dt.date) -> list[kpi.DayFigures]:
    """The sums of every day from ``first`` to ``last`` (days without data included, all zero)."""
    session.require(Permission.VIEW_REPORTS)
    conn, tz = session.store.conn, session.timezone
    a, b = first.isoformat(), last.isoformat()
    orders = daily_sums.paid_orders_by_day(conn, a, b)
    units = daily_sums.units_sold_by_day(conn, a, b)
    window = int(settings.get(conn, "kpi.turnover_window_days"))
    stock = _stock_series(conn, first, last, window)
    listed = daily_sums.listed_by_day(conn)
    on_sale = listed.pop("", 0) + sum(n for day, n in listed.items() if day < a)
    cases = daily_sums.cases_by_day(conn, a, b)
    visitors = daily_sums.visitors_by_day(conn, a, b)
    refunds: dict[str, int] = {}
    for at, cents in daily_sums.refunds_near(conn, a, b):
        refund_day = business_day(dt.datetime.fromisoformat(at), tz).isoformat()
        if a <= refund_day <= b:
            refunds[refund_day] = refunds.get(refund_day, 0) + cents
    out = []
    day = first
    while day <= last:
        key = day.isoformat()
        count, gmv, known, new = orders.get(key, (0, 0, 0, 0))
        returned, complaints = cases.get(key, (0, 0))
        sold, products = units.get(key, (0, 0))
        on_sale += listed.get(key, 0)
        on_hand, in_window = stock.get(key, (None, 0))
        out.append(kpi.DayFigures(day, count, gmv, sold, new, visitors.get(key), refunds.get(key, 0),
                                  returned, complaints, on_hand, in_window, window, products, on_sale, known))
        day += dt.timedelta(days=1)
    return out


def _stock_series(conn, first: dt.date, last: dt.date, window: int) -> dict[str, tuple[int, int]]:
    """Day → (units in stock at its end, units of tracked products sold in the window ending it); empty
    when the store keeps no stock ledger."""
    ledger = daily_sums.stock_by_day(conn, first.isoformat(), last.isoformat())
    if ledger is None:
        return {}
    on_hand, moves = ledger
    start = first - dt.timedelta(days=window - 1)
    sold = daily_sums.tracked_units_by_day(conn, start.isoformat(), last.isoformat())
    out = {}
    in_window = sum(sold.get((start + dt.timedelta(days=i)).isoformat(), 0) for i in range(window - 1))
    day = first
    while day <= last:
        key = day.isoformat()
        on_hand += moves.get(key, 0)
        in_window += sold.get(key, 0)
        out[key] = (on_hand, in_window)
        in_window -= sold.get((day - dt.timedelta(days=window - 1)).isoformat(), 0)
        day += dt.timedelta(days=1)
    return out


def latest_figures_day(session: Session) -> dt.date | None:
    """The store's last business day with figures (orders or traffic), never after today; ``None`` without
    any. A week or month running past it is counted and compared to date."""
    _first, last = daily_sums.figures_range(session.store.conn)
    if last is None:
        return None
    return min(dt.date.fromisoformat(last), now(session.timezone).date())


def span_kpis(session: Session, span: kpi.Span, by: str) -> kpi.PeriodKpis:
    """The core metrics of a span's days, labelled with its period."""
    days = daily_figures(session, span.first, span.last)
    sold = None if by == "day" else daily_sums.products_sold(session.store.conn, span.first.isoformat(),
                                                           span.last.isoformat())
    return kpi.summarise(span.period, span.first, span.last, days, sold)


def kpi_series(session: Session, first: dt.date, last: dt.date, by: str = "day") -> list[kpi.PeriodKpis]:
    """The core metrics of each day, ISO week or month touching ``first`` … ``last``.

    Weeks and months are whole: the range is widened to the first and last
    day of the periods it touches; but one still running ends on the last day
    with figures (:func:`shopdesk.domain.kpi.to_date`), so that it is compared
    to date. Days are every day asked for.
    """
    _label, start, _end = kpi.period_of(first, by)
    _label, _start, end = kpi.period_of(last, by)
    days = daily_figures(session, start, end)
    if by == "day":
        return kpi.aggregate(days, by)
    latest = latest_figures_day(session)
    out = []
    for label, members in _grouped(days, by).items():
        span = kpi.to_date(members[0].day, by, latest)
        counted = [f for f in members if f.day <= span.last]
        sold = daily_sums.products_sold(session.store.conn, span.first.isoformat(), span.last.isoformat())
        out.append(kpi.summarise(label, span.first, span.last, counted, sold))
    return out


def _grouped(days: list[kpi.DayFigures], by: str) -> dict[str, list[kpi.DayFigures]]:
    groups: dict[str, list[kpi.DayFigures]] = {}
    for figures in days:
        groups.setdefault(kpi.period_of(figures.day, by)[0], []).append(figures)
    return groups


def to_json(rows: list[kpi.PeriodKpis], by: str, currency: str,
            comparisons: dict[str, list] | None = None) -> dict[str, Any]:
    """The object ``shopdesk kpi --json`` prints: amounts as decimals, rates as fractions, no data as null;
    the days each row counts (``days`` of ``period_days``: fewer while a week or month is running);
    targets, deviations and flags for the metrics that have a target."""
    def money(cents: int | None) -> float | None:
        return None if cents is None else float(from_minor(cents, currency))

    def target(c) -> float | None:
        return money(c.target) if c.metric in MONEY_METRICS else c.target
    out: dict[str, Any] = {"by": by, "currency": currency, "rows": [{
        "period": r.period, "first_day": r.first_day.isoformat(), "last_day": r.last_day.isoformat(),
        "days": kpi.span_of(r, by).days, "period_days": kpi.span_of(r, by).period_days,
        "orders": r.orders, "gmv": money(r.gmv_cents), "aov": money(r.aov_cents),
        "visitors": r.visitors, "conversion": r.conversion_rate, "uv_value": money(r.uv_value_cents),
        "refunds": money(r.refunds_cents), "units_sold": r.units_sold, "returned_units": r.returned_units,
        "return_rate": r.return_rate, "complaints": r.complaints, "new_customer_share": r.new_customer_share,
        "stock_on_hand": r.stock_on_hand,
        "turnover_days": None if r.turnover_days is None else round(r.turnover_days, 2),
        "sell_through": r.sell_through,
    } for r in rows]}
    for row, item in zip(rows, out["rows"], strict=True):
        found = (comparisons or {}).get(row.period, [])
        if found:
            item["targets"] = {c.metric: target(c) for c in found}
            item["deviations"] = {c.metric: c.deviation for c in found}
            item["flags"] = {c.metric: c.flag for c in found if c.flag}
    return out
