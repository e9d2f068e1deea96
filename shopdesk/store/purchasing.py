"""Replenishment orders and their lines."""

from __future__ import annotations

import sqlite3
from typing import Any

from shopdesk.store.db import inserted_id


def create(conn: sqlite3.Connection, supplier_id: int | None, lines: list[tuple[int, int]], at: str, by: str,
           expected_on: str) -> int:
    """A new order of (product id, quantity) lines; returns its id."""
    cur = conn.execute("INSERT INTO purchase_orders (supplier_id, ordered_at, ordered_by, expected_on)"
                       " VALUES (?, ?, ?, ?)", (supplier_id, at, by, expected_on))
    order_id = inserted_id(cur)
    conn.executemany("INSERT INTO purchase_order_lines (order_id, product_id, quantity) VALUES (?, ?, ?)",
                     [(order_id, pid, qty) for pid, qty in lines])
    return order_id


def get(conn: sqlite3.Connection, order_id: int) -> dict[str, Any] | None:
    """One order with its supplier's name."""
    row = conn.execute("SELECT o.*, COALESCE(s.name, '') AS supplier FROM purchase_orders o"
                       " LEFT JOIN suppliers s ON s.id = o.supplier_id WHERE o.id = ?", (order_id,)).fetchone()
    return dict(row) if row else None


def lines(conn: sqlite3.Connection, order_id: int) -> list[dict[str, Any]]:
    """An order's lines with the products' codes and names."""
    rows = conn.execute("SELECT l.*, p.code, p.name FROM purchase_order_lines l JOIN products p ON p.id = l.product_id"
                        " WHERE l.order_id = ? ORDER BY p.code", (order_id,))
    return [dict(r) for r in rows]


def listing(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every order, open ones first, newest first, with its supplier, line count and units."""
    rows = conn.execute(
        """SELECT o.*, COALESCE(s.name, '') AS supplier, COUNT(l.product_id) AS lines, SUM(l.quantity) AS units
           FROM purchase_orders o LEFT JOIN suppliers s ON s.id = o.supplier_id
           LEFT JOIN purchase_order_lines l ON l.order_id = o.id
           GROUP BY o.id ORDER BY o.status IN ('received', 'cancelled'), o.id DESC""")
    return [dict(r) for r in rows]


def set_status(conn: sqlite3.Connection, order_id: int, status: str, at: str, by: str) -> None:
    """Move an order on (QC or received time and who received it)."""
    column = {"qc": "qc_at", "received": "received_at", "cancelled": "received_at"}[status]
    conn.execute(f"UPDATE purchase_orders SET status = ?, {column} = ?, received_by = CASE WHEN ? = 'received'"
                 " THEN ? ELSE received_by END WHERE id = ?", (status, at, status, by, order_id))


def set_passed(conn: sqlite3.Connection, order_id: int, passed: dict[int, int]) -> None:
    """Units of each product that passed quality control."""
    conn.executemany("UPDATE purchase_order_lines SET passed = ? WHERE order_id = ? AND product_id = ?",
                     [(units, order_id, pid) for pid, units in passed.items()])


def in_transit(conn: sqlite3.Connection) -> dict[int, int]:
    """Product id → units on open orders (ordered or in QC)."""
    return dict(conn.execute(
        """SELECT l.product_id, SUM(COALESCE(l.passed, l.quantity)) FROM purchase_order_lines l
           JOIN purchase_orders o ON o.id = l.order_id WHERE o.status IN ('ordered', 'qc') GROUP BY l.product_id"""))


def supplier_ids(conn: sqlite3.Connection) -> dict[str, int]:
    """Supplier name → id."""
    return dict(conn.execute("SELECT name, id FROM suppliers"))
