"""The anomaly list (異常問題清單), SPEC §1 step 3: every metric beyond its threshold needs a cause note."""

from __future__ import annotations

import datetime as dt

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.kpi import kpi_series
from shopdesk.services.session import Session
from shopdesk.services.targets import compare
from shopdesk.store import anomalies, audit


def detect(session: Session, first: dt.date, last: dt.date) -> dict[str, int]:
    """Put every metric beyond its threshold on a day of the range on the list (days up to today).

    Anomalies that have gone (a target or an import changed the figures) and
    have no cause yet leave the list; explained ones stay.

    Returns:
        Counts: ``found`` (flagged metric-days), ``new`` and ``gone``.
    """
    session.require(Permission.VIEW_REPORTS)
    last = min(last, now(session.timezone).date())
    if last < first:
        return {"found": 0, "new": 0, "gone": 0}
    rows = kpi_series(session, first, last, "day")
    found = compare(session, rows)
    stamp = iso(now(session.timezone))
    flagged: set[tuple[str, str]] = set()
    new = 0
    with session.store.transaction() as conn:
        for period, comparisons in found.items():
            for c in comparisons:
                if c.flag:
                    flagged.add((period, c.metric))
                    if anomalies.upsert(conn, period, c.metric, float(c.target), c.actual, c.deviation, c.flag,
                                        stamp):
                        new += 1
        gone = anomalies.resolve_gone(conn, first.isoformat(), last.isoformat(), flagged)
        if new or gone:
            audit.record(conn, session.actor, "anomalies.detected", "anomalies", f"{first} {last}", None,
                         {"new": new, "gone": gone}, tz=session.timezone)
    return {"found": len(flagged), "new": new, "gone": gone}


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


def anomaly_list(session: Session, open_only: bool = False) -> list[dict]:
    """The anomaly list, newest first."""
    session.require(Permission.VIEW_REPORTS)
    return anomalies.listing(session.store.conn, open_only)
