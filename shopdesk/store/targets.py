"""Targets per metric and period, with every revision kept."""

from __future__ import annotations

import sqlite3
from typing import Any

from shopdesk.store.db import inserted_id


def add(conn: sqlite3.Connection, metric: str, period: str, amount: int | None, rate: float | None,
        weighting: str, at: str, by: str) -> int:
    """Record a target (or a revision of one); returns its id."""
    cur = conn.execute("INSERT INTO targets (metric, period, amount, rate, weighting, set_at, set_by)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", (metric, period, amount, rate, weighting, at, by))
    return inserted_id(cur)


def in_force(conn: sqlite3.Connection, periods: list[str]) -> list[dict[str, Any]]:
    """The newest target of each metric for each of ``periods``."""
    marks = ",".join("?" * len(periods))
    rows = conn.execute(
        f"""SELECT t.* FROM targets t WHERE t.period IN ({marks}) AND t.id = (
                SELECT MAX(id) FROM targets u WHERE u.metric = t.metric AND u.period = t.period)""", periods)
    return [dict(r) for r in rows]


def history(conn: sqlite3.Connection, metric: str | None = None) -> list[dict[str, Any]]:
    """Every target row, newest first (revisions included)."""
    sql, params = "SELECT * FROM targets", []
    if metric:
        sql += " WHERE metric = ?"
        params.append(metric)
    return [dict(r) for r in conn.execute(sql + " ORDER BY id DESC", params)]
