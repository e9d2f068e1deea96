"""The anomaly list (異常問題清單), SPEC §1 step 3: every metric beyond its threshold on its bad side needs
a cause note; one better than target needs one only when the store says so (``anomaly.favourable_cause``)."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import breakdown, errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.kpi import kpi_series, latest_figures_day
from shopdesk.services.session import Session
from shopdesk.services.targets import anomaly_limits, compare
from shopdesk.store import analysis as sums
from shopdesk.store import anomalies, audit, settings


def detect(session: Session, first: dt.date, last: dt.date) -> dict[str, int]:
    """Put every metric beyond its threshold on a day of the range on the list (days up to the last one with
    figures, never after today: a day no export covers yet is unknown, not a day of zeros).

    Anomalies that have gone (a target or an import changed the figures) and
    have no cause yet leave the list; explained ones stay.

    Returns:
        Counts: ``found`` (flagged metric-days), ``new`` and ``gone``.
    """
    session.require(Permission.VIEW_REPORTS)
    latest = latest_figures_day(session)
    if latest is None:
        return {"found": 0, "new": 0, "gone": 0}
    last = min(last, latest)
    if last < first:
        return {"found": 0, "new": 0, "gone": 0}
    rows = kpi_series(session, first, last, "day")
    found = compare(session, rows)
    stamp = iso(now(session.timezone))
    flagged: set[tuple[str, str, str]] = set()
    new = 0
    located = {(period, c.metric): _locate(session, dt.date.fromisoformat(period), c.metric, c.deviation)
               for period, comparisons in found.items() for c in comparisons if c.flag and c.deviation is not None}
    with session.store.transaction() as conn:
        for period, comparisons in found.items():
            for c in comparisons:
                if not c.flag or c.target is None or c.deviation is None:  # a flag has both
                    continue
                flagged.add((period, c.metric, ""))
                if anomalies.upsert(conn, period, c.metric, float(c.target), c.actual, c.deviation, c.flag, stamp):
                    new += 1
                for d in located[(period, c.metric)]:
                    flagged.add((period, c.metric, d.scope))
                    if anomalies.upsert(conn, period, c.metric, d.usual, d.actual, d.deviation, d.flag, stamp,
                                        d.scope):
                        new += 1
        gone = anomalies.resolve_gone(conn, first.isoformat(), last.isoformat(), flagged)
        if new or gone:
            audit.record(conn, session.actor, "anomalies.detected", "anomalies", f"{first} {last}", None,
                         {"new": new, "gone": gone}, tz=session.timezone)
    return {"found": len(flagged), "new": new, "gone": gone}


def _locate(session: Session, day: dt.date, metric: str, store_deviation: float) -> list[breakdown.ScopedDeviation]:
    """The channels (and products) behind a store metric beyond its threshold on ``day``: each against its
    usual value on the same weekday of the weeks before, moving the way the store moved (SPEC §1 step 3,
    異常分析與定位)."""
    values = settings.get_all(session.store.conn)
    weeks, min_share, limit = values["anomaly.usual_weeks"], values["anomaly.min_share"], values["anomaly.product_limit"]
    thresholds, red_lines = anomaly_limits(session)
    days = [(day - dt.timedelta(weeks=k)).isoformat() for k in range(weeks + 1)]
    conn = session.store.conn
    pick = 0 if metric == "orders" else 1  # (orders, amount) pairs

    def check(kind: str, by_day: dict[str, dict[str, float]], cap: int) -> list[breakdown.ScopedDeviation]:
        if days[0] not in by_day and not any(d in by_day for d in days[1:]):
            return []
        earlier = [by_day[d] for d in days[1:] if d in by_day]
        return breakdown.locate(metric, by_day.get(days[0], {}), earlier, kind, thresholds[metric], red_lines[metric],
                                min_share, cap, 1 if store_deviation > 0 else -1)
    found: list[breakdown.ScopedDeviation] = []
    if metric == "visitors":
        found += check(breakdown.CHANNEL, sums.channel_visitors(conn, days), 100)
    if metric in breakdown.BY_CHANNEL and metric != "visitors":
        by_channel: dict[str, dict[str, float]] = {
            d: {c: v[pick] for c, v in row.items()} for d, row in sums.channel_orders(conn, days).items()}
        found += check(breakdown.CHANNEL, by_channel, 100)
    if metric in breakdown.BY_PRODUCT and limit:
        by_product: dict[str, dict[str, float]] = {
            d: {p: v[pick] for p, v in row.items()} for d, row in sums.product_orders(conn, days).items()}
        found += check(breakdown.PRODUCT, by_product, limit)
    return found


def explain(session: Session, anomaly_id: int, cause: str) -> None:
    """Record why an anomaly happened (a cause note), audited.

    Raises:
        InvalidValue: no such anomaly, or an empty cause.
    """
    session.require(Permission.VIEW_REPORTS)
    text = cause.strip()
    if not text:
        raise errors.InvalidValue(field=Lazy(N_("Cause")), reason=_("It cannot be empty."))
    conn = session.store.conn
    before = anomalies.get(conn, anomaly_id)
    if before is None:
        raise errors.InvalidValue(field=Lazy(N_("Anomaly")), reason=_("There is no anomaly {id}.").format(id=anomaly_id))
    with session.store.transaction():
        anomalies.explain(conn, anomaly_id, text, session.username, iso(now(session.timezone)))
        audit.record(conn, session.actor, "anomaly.explained", "anomaly", anomaly_id, {"cause": before["cause"]},
                     {"cause": text}, tz=session.timezone)


def favourable_needs_cause(session: Session) -> bool:
    """Whether the store asks for a cause note of favourable anomalies too (``anomaly.favourable_cause``)."""
    return settings.get(session.store.conn, "anomaly.favourable_cause") == "required"


def anomaly_list(session: Session, open_only: bool = False) -> list[dict]:
    """The anomaly list, grouped as :func:`~shopdesk.domain.breakdown.grouped` orders it: newest day first,
    the store's metrics with the channels and products behind them below (``depth`` 1). Each row also
    has ``favourable``, ``needs_cause``, ``waiting`` and ``scope_name`` (a product's name, else "").

    Args:
        open_only: only the groups holding an anomaly that waits for a cause.
    """
    session.require(Permission.VIEW_REPORTS)
    conn = session.store.conn
    rows = anomalies.listing(conn)
    codes = sorted({name for r in rows for kind, name in [breakdown.split_scope(r["scope"])]
                    if kind == breakdown.PRODUCT})
    names = anomalies.product_names(conn, codes)
    for r in rows:
        kind, name = breakdown.split_scope(r["scope"])
        r["scope_name"] = names.get(name, "") if kind == breakdown.PRODUCT else ""
    return breakdown.grouped(rows, favourable_needs_cause(session), open_only)


def waiting_for_cause(session: Session, day: dt.date) -> list[dict]:
    """The anomalies of ``day`` that need a cause note and have none yet."""
    return [r for r in anomaly_list(session, open_only=True) if r["day"] == day.isoformat() and r["waiting"]]
