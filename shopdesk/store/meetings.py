"""Meeting minutes: one row per meeting kind and day."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def _row(r: sqlite3.Row) -> dict[str, Any]:
    row = dict(r)
    row["attendees"] = json.loads(row["attendees"])
    return row


def find(conn: sqlite3.Connection, kind: str, day: str) -> dict[str, Any] | None:
    """The minutes of ``kind`` held on ``day``, or ``None``."""
    row = conn.execute("SELECT * FROM meetings WHERE kind = ? AND day = ?", (kind, day)).fetchone()
    return _row(row) if row else None


def get(conn: sqlite3.Connection, meeting_id: int) -> dict[str, Any] | None:
    """One meeting."""
    row = conn.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    return _row(row) if row else None


def save(conn: sqlite3.Connection, kind: str, day: str, attendees: list[str], minutes: str, by: str, at: str) -> int:
    """Record the minutes of a meeting, or replace them (the first recorder stays); returns its id."""
    conn.execute(
        "INSERT INTO meetings (kind, day, attendees, minutes, recorded_by, recorded_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, day) DO UPDATE SET attendees = excluded.attendees,"
        " minutes = excluded.minutes, updated_at = excluded.updated_at",
        (kind, day, json.dumps(attendees, ensure_ascii=False), minutes, by, at, at))
    return conn.execute("SELECT id FROM meetings WHERE kind = ? AND day = ?", (kind, day)).fetchone()[0]


def listing(conn: sqlite3.Connection, first: str = "", last: str = "9999") -> list[dict[str, Any]]:
    """Meetings held from ``first`` to ``last``, newest first (morning brief, review, weekly in a day)."""
    rows = conn.execute(
        "SELECT * FROM meetings WHERE day BETWEEN ? AND ? ORDER BY day DESC,"
        " CASE kind WHEN 'morning_brief' THEN 0 WHEN 'weekly_meeting' THEN 1 ELSE 2 END", (first, last))
    return [_row(r) for r in rows]
