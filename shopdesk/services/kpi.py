"""The core metrics per day, week or month: for the dashboard, the reports and ``shopdesk kpi``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shopdesk.domain import kpi
from shopdesk.domain.targets import MONEY as MONEY_METRICS
from shopdesk.domain.clock import business_day
from shopdesk.domain.money import from_minor
from shopdesk.domain.roles import Permission
from shopdesk.services.session import Session
from shopdesk.store import metrics, settings


def daily_figures(session: Session, first: dt.date, last: dt.date) -> list[kpi.DayFigures]:
    """The sums of every day from ``first`` to ``last`` (days without data included, all zero)."""
    session.require(Permission.VIEW_REPORTS)
    conn, tz = session.store.conn, session.timezone
    a, b = first.isoformat(), last.isoformat()
    orders = metrics.paid_orders_by_day(conn, a, b)
    units = metrics.units_sold_by_day(conn, a, b)
    window = int(settings.get(conn, "kpi.turnover_window_days"))
    stock = _stock_series(conn, first, last, window)
    listed = metrics.listed_by_day(conn)
    on_sale = listed.pop("", 0) + sum(n for day, n in listed.items() if day < a)
    cases = metrics.cases_by_day(conn, a, b)
    visitors = metrics.visitors_by_day(conn, a, b)
    refunds: dict[str, int] = {}
    for at, cents in metrics.refunds_near(conn, a, b):
        day = business_day(dt.datetime.fromisoformat(at), tz).isoformat()
        if a <= day <= b:
            refunds[day] = refunds.get(day, 0) + cents
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
    ledger = metrics.stock_by_day(conn, first.isoformat(), last.isoformat())
    if ledger is None:
        return {}
    on_hand, moves = ledger
    start = first - dt.timedelta(days=window - 1)
    sold = metrics.tracked_units_by_day(conn, start.isoformat(), last.isoformat())
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


def kpi_series(session: Session, first: dt.date, last: dt.date, by: str = "day") -> list[kpi.PeriodKpis]:
    """The core metrics of each day, ISO week or month touching ``first`` … ``last``.

    Weeks and months are whole: the range is widened to the first and last
    day of the periods it touches.
    """
    _label, start, _end = kpi.period_of(first, by)
    _label, _start, end = kpi.period_of(last, by)
    days = daily_figures(session, start, end)
    sold = None
    if by != "day":  # distinct products of a week or month are counted over the period itself
        sold = {}
        for figures in days:
            label, a, b = kpi.period_of(figures.day, by)
            if label not in sold:
                sold[label] = metrics.products_sold(session.store.conn, a.isoformat(), b.isoformat())
    return kpi.aggregate(days, by, sold)


def to_json(rows: list[kpi.PeriodKpis], by: str, currency: str,
            comparisons: dict[str, list] | None = None) -> dict[str, Any]:
    """The object ``shopdesk kpi --json`` prints: amounts as decimals, rates as fractions, no data as null;
    targets, deviations and flags for the metrics that have a target."""
    def money(cents: int | None) -> float | None:
        return None if cents is None else float(from_minor(cents, currency))

    def target(c) -> float | None:
        return money(c.target) if c.metric in MONEY_METRICS else c.target
    out = {"by": by, "currency": currency, "rows": [{
        "period": r.period, "orders": r.orders, "gmv": money(r.gmv_cents), "aov": money(r.aov_cents),
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
