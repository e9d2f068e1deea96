"""Daily traffic figures per day and channel: visitors, page views, add-to-cart, impressions, clicks."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

#: The figures of a traffic row; only visitors is required.
FIELDS = ("visitors", "page_views", "add_to_cart", "impressions", "clicks")


def get(conn: sqlite3.Connection, day: str, channel: str = "") -> dict[str, Any] | None:
    """The figures of one day and channel, or ``None``."""
    row = conn.execute(f"SELECT {', '.join(FIELDS)} FROM traffic_daily WHERE day = ? AND channel = ?",
                       (day, channel)).fetchone()
    return dict(row) if row else None


def put(conn: sqlite3.Connection, day: str, channel: str, figures: Mapping[str, int | None],
        import_id: int | None = None) -> None:
    """Store (or replace) one day's figures (keys of :data:`FIELDS`, missing ones unknown); a new row
    remembers the import that brought it."""
    values = [figures.get(f) for f in FIELDS]
    conn.execute(f"INSERT INTO traffic_daily (day, channel, {', '.join(FIELDS)}, import_id)"
                 f" VALUES (?, ?, {', '.join('?' * len(FIELDS))}, ?)"
                 f" ON CONFLICT (day, channel) DO UPDATE SET "
                 + ", ".join(f"{f} = excluded.{f}" for f in FIELDS),
                 (day, channel, *values, import_id))
