"""The anomaly list: detected deviations and their cause notes."""

from __future__ import annotations

import sqlite3
from typing import Any


def upsert(conn: sqlite3.Connection, day: str, metric: str, target: float, actual: float | None,
           deviation: float, severity: str, at: str, scope: str = "") -> bool:
    """Record (or refresh the figures of) an anomaly of ``scope`` ("" the whole store, ``channel:…``,
    ``product:…``); returns whether it is new. A cause note stays."""
    found = conn.execute("SELECT id FROM anomalies WHERE day = ? AND metric = ? AND scope = ?",
                         (day, metric, scope)).fetchone()
    if found:
        conn.execute("UPDATE anomalies SET target = ?, actual = ?, deviation = ?, severity = ? WHERE id = ?",
                     (target, actual, deviation, severity, found[0]))
        return False
    conn.execute("INSERT INTO anomalies (day, metric, scope, target, actual, deviation, severity, detected_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (day, metric, scope, target, actual, deviation, severity, at))
    return True


def resolve_gone(conn: sqlite3.Connection, first: str, last: str, still: set[tuple[str, str, str]]) -> int:
    """Remove unexplained anomalies of the range that are no longer beyond their threshold
    (``still``: the (day, metric, scope) that are)."""
    rows = conn.execute("SELECT id, day, metric, scope FROM anomalies WHERE cause = '' AND day BETWEEN ? AND ?",
                        (first, last)).fetchall()
    gone = [r[0] for r in rows if (r[1], r[2], r[3]) not in still]
    conn.executemany("DELETE FROM anomalies WHERE id = ?", [(i,) for i in gone])
    return len(gone)


def listing(conn: sqlite3.Connection, open_only: bool = False) -> list[dict[str, Any]]:
    """Anomalies, newest day first; ``open_only``: those still without a cause."""
    sql = "SELECT * FROM anomalies" + (" WHERE cause = ''" if open_only else "") + " ORDER BY day DESC, metric, scope"
    return [dict(r) for r in conn.execute(sql)]


def get(conn: sqlite3.Connection, anomaly_id: int) -> dict[str, Any] | None:
    """One anomaly."""
    row = conn.execute("SELECT * FROM anomalies WHERE id = ?", (anomaly_id,)).fetchone()
    return dict(row) if row else None


def explain(conn: sqlite3.Connection, anomaly_id: int, cause: str, by: str, at: str) -> None:
    """Record the cause of an anomaly."""
    conn.execute("UPDATE anomalies SET cause = ?, cause_by = ?, cause_at = ? WHERE id = ?", (cause, by, at, anomaly_id))


def product_names(conn: sqlite3.Connection, codes: list[str]) -> dict[str, str]:
    """Product code (as an anomaly's scope names it) → the product's name, for the codes that are products."""
    if not codes:
        return {}
    marks = ", ".join("?" * len(codes))
    return dict(conn.execute(f"SELECT code, name FROM products WHERE code IN ({marks})", codes).fetchall())
