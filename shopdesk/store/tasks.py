"""The task list: rows of optimisation tasks."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from shopdesk.store.db import inserted_id


def _row(r: sqlite3.Row) -> dict[str, Any]:
    row = dict(r)
    row["helpers"] = json.loads(row["helpers"])
    return row


def add(conn: sqlite3.Connection, title: str, owner: str, helpers: list[str], due_on: str, anomaly_id: int | None,
        by: str, at: str, meeting_id: int | None = None) -> int:
    """A new open task; returns its id."""
    cur = conn.execute(
        "INSERT INTO tasks (title, anomaly_id, meeting_id, owner, helpers, due_on, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (title, anomaly_id, meeting_id, owner, json.dumps(helpers, ensure_ascii=False), due_on, by, at, at))
    return inserted_id(cur)


def get(conn: sqlite3.Connection, task_id: int) -> dict[str, Any] | None:
    """One task."""
    row = conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return _row(row) if row else None


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every task, unfinished first, then by due date."""
    rows = conn.execute("SELECT * FROM tasks ORDER BY status IN ('done', 'cancelled'), due_on, id")
    return [_row(r) for r in rows]


def set_status(conn: sqlite3.Connection, task_id: int, status: str, note: str, at: str) -> None:
    """Move a task to ``status`` (with a note when given)."""
    conn.execute("UPDATE tasks SET status = ?, note = CASE WHEN ? = '' THEN note ELSE ? END, updated_at = ?"
                 " WHERE id = ?", (status, note, note, at, task_id))
