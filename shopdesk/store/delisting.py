"""Delisting applications."""

from __future__ import annotations

import sqlite3
from typing import Any

from shopdesk.store.db import inserted_id


def add(conn: sqlite3.Connection, product_id: int, reason: str, action: str, units: int, by: str, at: str) -> int:
    """A new application; returns its id."""
    cur = conn.execute("INSERT INTO delisting_applications (product_id, reason, supplier_action, units, applied_by,"
                       " applied_at) VALUES (?, ?, ?, ?, ?, ?)", (product_id, reason, action, units, by, at))
    return inserted_id(cur)


def get(conn: sqlite3.Connection, application_id: int) -> dict[str, Any] | None:
    """One application with its product's code and name and its supplier."""
    row = conn.execute(
        """SELECT d.*, p.code, p.name, COALESCE(s.name, '') AS supplier FROM delisting_applications d
           JOIN products p ON p.id = d.product_id LEFT JOIN suppliers s ON s.id = p.supplier_id WHERE d.id = ?""",
        (application_id,)).fetchone()
    return dict(row) if row else None


def listing(conn: sqlite3.Connection, first: str = "", last: str = "9999") -> list[dict[str, Any]]:
    """Applications made from ``first`` to ``last`` (by day), waiting ones first, newest first."""
    rows = conn.execute(
        """SELECT d.*, p.code, p.name, COALESCE(s.name, '') AS supplier FROM delisting_applications d
           JOIN products p ON p.id = d.product_id LEFT JOIN suppliers s ON s.id = p.supplier_id
           WHERE substr(d.applied_at, 1, 10) BETWEEN ? AND ? ORDER BY d.status != 'applied', d.id DESC""",
        (first, last))
    return [dict(r) for r in rows]


def decide(conn: sqlite3.Connection, application_id: int, status: str, by: str, at: str, note: str) -> None:
    """Approve or reject an application."""
    conn.execute("UPDATE delisting_applications SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?"
                 " WHERE id = ?", (status, by, at, note, application_id))


def delist(conn: sqlite3.Connection, product_id: int, at: str) -> None:
    """The product leaves the shelves for good."""
    conn.execute("UPDATE products SET stage = 'delisted', updated_at = ? WHERE id = ?", (at, product_id))
