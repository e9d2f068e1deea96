"""Units reserved for upcoming campaigns (活動備貨)."""

from __future__ import annotations

import sqlite3

from shopdesk.store.db import inserted_id


def add(conn: sqlite3.Connection, product_id: int, campaign: str, starts_on: str, ends_on: str, units: int,
        by: str, at: str) -> int:
    """A new reservation; returns its id."""
    return inserted_id(conn.execute("INSERT INTO stock_reservations (product_id, campaign, starts_on, ends_on, units,"
                                    " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    (product_id, campaign, starts_on, ends_on, units, by, at)))


def open_by_product(conn: sqlite3.Connection, after: str) -> dict[int, list[tuple[str, int]]]:
    """Product id → (first day, units) of its reservations not cancelled whose campaign starts after ``after``."""
    out: dict[int, list[tuple[str, int]]] = {}
    for pid, starts, units in conn.execute("SELECT product_id, starts_on, units FROM stock_reservations"
                                           " WHERE cancelled_at IS NULL AND starts_on > ?", (after,)):
        out.setdefault(pid, []).append((starts, units))
    return out


def listing(conn: sqlite3.Connection) -> list[dict]:
    """Every reservation, open ones by first day, then cancelled ones."""
    return [dict(r) for r in conn.execute(
        """SELECT r.*, p.code, p.name FROM stock_reservations r JOIN products p ON p.id = r.product_id
           ORDER BY r.cancelled_at IS NOT NULL, r.starts_on, r.id""")]


def get(conn: sqlite3.Connection, reservation_id: int) -> dict | None:
    row = conn.execute("SELECT r.*, p.code FROM stock_reservations r JOIN products p ON p.id = r.product_id"
                       " WHERE r.id = ?", (reservation_id,)).fetchone()
    return dict(row) if row else None


def cancel(conn: sqlite3.Connection, reservation_id: int, by: str, at: str) -> None:
    conn.execute("UPDATE stock_reservations SET cancelled_by = ?, cancelled_at = ? WHERE id = ?",
                 (by, at, reservation_id))
