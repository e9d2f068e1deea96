"""The figures of the daily (with the morning brief), weekly and monthly operations reports.

They come from the same functions as the dashboard tab (:func:`dashboard`),
so screen, paper and ``shopdesk kpi`` cannot disagree.
"""

from __future__ import annotations

import datetime as dt

from shopdesk.domain.clock import now
from shopdesk.domain.reports import KINDS, AnomalyLine, ReportFigures, StockListFigures
from shopdesk.domain.roles import Permission
from shopdesk.domain.tasks import FINISHED
from shopdesk.services import confirmation, tasks
from shopdesk.services.analysis import analysis
from shopdesk.services.anomalies import anomaly_list
from shopdesk.services.dashboard import dashboard
from shopdesk.services.meetings import meetings
from shopdesk.services.session import Session
from shopdesk.store import settings


def report_figures(session: Session, kind: str, day: dt.date) -> ReportFigures:
    """The figures of the ``kind`` report ("daily", "weekly", "monthly") of the period holding ``day``.

    Weekly is the ISO week holding ``day``, monthly its month. Days after today
    or after the last day with orders are left out (a running period is shown
    to date), as on the dashboard.
    """
    session.require(Permission.VIEW_REPORTS)
    by = KINDS[kind]
    board = dashboard(session, day, by)
    first, last = board.spans.current.first, board.spans.current.end
    shown_last = board.shown_span[1]
    days = [d for d in board.days if first <= d.first_day <= shown_last]
    statuses = confirmation.statuses(session, first, shown_last)
    open_tasks = [t for t in tasks.tasks(session) if t.status not in FINISHED]
    owners: dict[int, list[str]] = {}
    for task in open_tasks:
        if task.anomaly_id is not None:
            owners.setdefault(task.anomaly_id, []).append(task.owner)
    lines = []
    for row in anomaly_list(session):  # grouped: newest day first, channels and products under their metric
        at = dt.date.fromisoformat(row["day"])
        # a weekly or monthly report lists the store's anomalies; the channels and products behind them only
        # where someone noted a cause (the daily report and the Anomalies tab have them all)
        in_period = first <= at <= last and (kind == "daily" or not row["scope"] or bool(row["cause"]))
        still_open = kind == "daily" and at < first and row["waiting"] and not row["scope"]
        if in_period or still_open:
            lines.append(AnomalyLine(at, row["metric"], row["scope"], row["target"], row["actual"], row["deviation"],
                                     row["severity"], row["cause"], tuple(dict.fromkeys(owners.get(row["id"], []))),
                                     favourable=row["favourable"], waiting=row["waiting"], covered=row["covered"],
                                     depth=row["depth"] if in_period else 0, scope_name=row["scope_name"]))
    due_by = shown_last + dt.timedelta(days=1)
    open_tasks = [t for t in open_tasks if t.due_on <= due_by]
    further = analysis(session, first, shown_last) if kind != "daily" else None
    minutes = list(reversed(meetings(session, first, shown_last)))
    return ReportFigures(kind, settings.get(session.store.conn, "store.name"), session.currency, board, days,
                         statuses, lines, open_tasks, now(session.timezone), further, minutes)


def stock_list_figures(session: Session, kind: str, day: dt.date | None = None) -> StockListFigures:
    """The figures of a printed stock list as of ``day`` (the last day with data when not given)."""
    from shopdesk.services import stock
    session.require(Permission.VIEW_PRODUCTS)
    as_of = day or stock.default_day(session)
    conn = session.store.conn
    keys = {"replenishment": ("replenish.window_days", "replenish.safety_days"),
            "slow-moving": ("lifecycle.slow_days", "lifecycle.slow_turnover_days"),
            "suppliers": ("supplier.dropship_hours",), "delisting": (), "product-weekly": ("monitor.baseline_weeks",)}[kind]
    rows: list  # Replenishment, SlowLine, Scorecard, WeeklyLine or delisting application rows
    if kind == "product-weekly":
        from shopdesk.services.product_weekly import weekly
        rows = weekly(session, as_of).lines
    elif kind == "delisting":  # the applications decided in the 30 days up to the day, and those waiting
        from shopdesk.services.delisting import applications
        first = (as_of - dt.timedelta(days=29)).isoformat()
        rows = [r for r in applications(session) if r["status"] == "applied"
                or first <= (r["decided_at"] or "")[:10] <= as_of.isoformat()]
    elif kind == "suppliers":
        from shopdesk.services.suppliers import scorecards
        rows = scorecards(session, as_of)
    else:
        rows = stock.replenishment(session, as_of) if kind == "replenishment" else stock.slow_moving(session, as_of)
    untracked = sum(not line.tracked for line in stock.stock_lines(session, as_of)) if kind == "replenishment" else 0
    values = {k: int(settings.get(conn, k)) for k in keys}
    if kind == "product-weekly":  # rates, kept as percentages
        for key in ("lifecycle.star_ratio", "lifecycle.laggard_ratio"):
            values[key] = round(float(settings.get(conn, key)) * 100)
    if kind == "suppliers":  # a rate, kept as a percentage
        values["supplier.dropship_on_time_rate"] = round(float(settings.get(conn, "supplier.dropship_on_time_rate"))
                                                         * 100)
    return StockListFigures(kind, settings.get(conn, "store.name"), as_of, rows, values, now(session.timezone),
                            untracked)


def print_settings(session: Session) -> tuple[str, str]:
    """(font file named in the settings or "", paper "a4" or "letter") for the store's reports."""
    session.require(Permission.VIEW_REPORTS)
    conn = session.store.conn
    return settings.get(conn, "report.font"), settings.get(conn, "report.paper")
