"""Two-person confirmation of days: who prepared, who confirmed, when, and reopenings."""

from __future__ import annotations

import sqlite3
from typing import Any


def get(conn: sqlite3.Connection, day: str) -> dict[str, Any] | None:
    """The confirmation record of ``day``, or ``None``."""
    row = conn.execute("SELECT * FROM day_confirmations WHERE day = ?", (day,)).fetchone()
    return dict(row) if row else None


def in_range(conn: sqlite3.Connection, first: str, last: str) -> dict[str, dict[str, Any]]:
    """Day → record for the days from ``first`` to ``last`` that have one."""
    rows = conn.execute("SELECT * FROM day_confirmations WHERE day BETWEEN ? AND ?", (first, last))
    return {r["day"]: dict(r) for r in rows}


def prepare(conn: sqlite3.Connection, day: str, by: str, at: str) -> None:
    """Mark ``day`` prepared by ``by`` (a fresh preparation clears an earlier confirmation)."""
    conn.execute("INSERT INTO day_confirmations (day, prepared_by, prepared_at) VALUES (?, ?, ?)"
                 " ON CONFLICT (day) DO UPDATE SET prepared_by = excluded.prepared_by,"
                 " prepared_at = excluded.prepared_at, confirmed_by = NULL, confirmed_at = NULL", (day, by, at))


def confirm(conn: sqlite3.Connection, day: str, by: str, at: str) -> None:
    """Mark ``day`` confirmed by ``by``."""
    conn.execute("UPDATE day_confirmations SET confirmed_by = ?, confirmed_at = ? WHERE day = ?", (by, at, day))


def reopen_changed_days(conn: sqlite3.Connection, import_id: int, at: str, reason: str) -> list[str]:
    """Reopen the confirmed days whose orders or cases an import added or changed; returns those days."""
    days = [r[0] for r in conn.execute(
        """SELECT day FROM day_confirmations WHERE confirmed_by IS NOT NULL AND day IN (
               SELECT day FROM orders WHERE import_id = :id
               UNION SELECT o.day FROM orders o JOIN import_changes c
                   ON c.entity = 'order' AND c.entity_id = CAST(o.id AS TEXT) AND c.import_id = :id
               UNION SELECT day FROM after_sales WHERE import_id = :id)""", {"id": import_id})]
    for day in days:
        conn.execute("UPDATE day_confirmations SET confirmed_by = NULL, confirmed_at = NULL, reopened_at = ?,"
                     " reopen_reason = ? WHERE day = ?", (at, reason, day))
    return days
