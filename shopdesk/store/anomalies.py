"""The anomaly list: detected deviations and their cause notes."""

from __future__ import annotations

import sqlite3
from typing import Any


def upsert(conn: sqlite3.Connection, day: str, metric: str, target: float, actual: float | None,
           deviation: float, severity: str, at: str) -> bool:
    """Record (or refresh the figures of) an anomaly; returns whether it is new. A cause note stays."""
    found = conn.execute("SELECT id FROM anomalies WHERE day = ? AND metric = ? AND scope = ''",
                         (day, metric)).fetchone()
    if found:
        conn.execute("UPDATE anomalies SET target = ?, actual = ?, deviation = ?, severity = ? WHERE id = ?",
                     (target, actual, deviation, severity, found[0]))
        return False
    conn.execute("INSERT INTO anomalies (day, metric, target, actual, deviation, severity, detected_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)", (day, metric, target, actual, deviation, severity, at))
    return True


def resolve_gone(conn: sqlite3.Connection, first: str, last: str, still: set[tuple[str, str]]) -> int:
    """Remove unexplained anomalies of the range that are no longer beyond their threshold."""
    rows = conn.execute("SELECT id, day, metric FROM anomalies WHERE scope = '' AND cause = '' AND day BETWEEN ? AND ?",
                        (first, last)).fetchall()
    gone = [r[0] for r in rows if (r[1], r[2]) not in still]
    conn.executemany("DELETE FROM anomalies WHERE id = ?", [(i,) for i in gone])
    return len(gone)


def listing(conn: sqlite3.Connection, open_only: bool = False) -> list[dict[str, Any]]:
    """Anomalies, newest day first; ``open_only``: those still without a cause."""
    sql = "SELECT * FROM anomalies" + (" WHERE cause = ''" if open_only else "") + " ORDER BY day DESC, metric"
    return [dict(r) for r in conn.execute(sql)]


def get(conn: sqlite3.Connection, anomaly_id: int) -> dict[str, Any] | None:
    """One anomaly."""
    row = conn.execute("SELECT * FROM anomalies WHERE id = ?", (anomaly_id,)).fetchone()
    return dict(row) if row else None


def explain(conn: sqlite3.Connection, anomaly_id: int, cause: str, by: str, at: str) -> None:
    """Record the cause of an anomaly."""
    conn.execute("UPDATE anomalies SET cause = ?, cause_by = ?, cause_at = ? WHERE id = ?", (cause, by, at, anomaly_id))
