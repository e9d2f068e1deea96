"""Daily traffic figures: visitors, page views and add-to-cart per day and channel."""

from __future__ import annotations

import sqlite3
from typing import Any


def get(conn: sqlite3.Connection, day: str, channel: str = "") -> dict[str, Any] | None:
    """The figures of one day and channel, or ``None``."""
    row = conn.execute("SELECT visitors, page_views, add_to_cart FROM traffic_daily WHERE day = ? AND channel = ?",
                       (day, channel)).fetchone()
    return dict(row) if row else None


def put(conn: sqlite3.Connection, day: str, channel: str, visitors: int, page_views: int | None,
        add_to_cart: int | None, import_id: int | None = None) -> None:
    """Store (or replace) one day's figures; a new row remembers the import that brought it."""
    conn.execute("INSERT INTO traffic_daily (day, channel, visitors, page_views, add_to_cart, import_id)"
                 " VALUES (?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT (day, channel) DO UPDATE SET visitors = excluded.visitors,"
                 " page_views = excluded.page_views, add_to_cart = excluded.add_to_cart",
                 (day, channel, visitors, page_views, add_to_cart, import_id))
