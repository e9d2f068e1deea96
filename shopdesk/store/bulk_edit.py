"""Reads and writes of catalog bulk edits: the products' current values and one field written for many."""

from __future__ import annotations

import sqlite3
from typing import Any

#: The column(s) behind each editable field.
COLUMNS = {"price": ("price_cents",), "cost": ("cost_cents",), "safety_stock": ("safety_stock",),
           "supplier": ("supplier_id",), "owner": ("owner_staff_id",), "stage": ("stage",),
           "category": ("category1", "category2", "category3"), "commission": ("commission_bp",),
           "fulfilment": ("fulfilment_cents",), "ad_spend": ("ad_spend_bp",)}


def current(conn: sqlite3.Connection, codes: list[str], field: str) -> list[tuple[int, str, str, Any]]:
    """(id, code, name, current value) of the products among ``codes``, in the order given (a category is a
    tuple of its three levels)."""
    cols = COLUMNS[field]
    found: dict[str, tuple[int, str, str, Any]] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        for row in conn.execute(f"SELECT id, code, name, {', '.join(cols)} FROM products"
                                f" WHERE code IN ({','.join('?' * len(chunk))})", chunk):
            value = tuple(row[3:]) if len(cols) > 1 else row[3]
            found[row[1]] = (row[0], row[1], row[2], value)
    return [found[c] for c in codes if c in found]


def write(conn: sqlite3.Connection, field: str, changes: list[tuple[int, Any]], at: str) -> None:
    """Write each (product id, new value) and the products' last update, in the open transaction."""
    cols = COLUMNS[field]
    sets = ", ".join(f"{c} = ?" for c in cols)
    conn.executemany(f"UPDATE products SET {sets}, updated_at = ? WHERE id = ?",
                     [((*value,) if len(cols) > 1 else (value,)) + (at, pid) for pid, value in changes])


def supplier_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Supplier id → name."""
    return dict(conn.execute("SELECT id, name FROM suppliers"))


def staff_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Staff id → name shown (display name, else username)."""
    return dict(conn.execute("SELECT id, COALESCE(NULLIF(display_name, ''), username) FROM staff"))


def supplier_id(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the supplier called ``name`` (or with that code), or ``None``."""
    row = conn.execute("SELECT id FROM suppliers WHERE name = ? OR code = ? ORDER BY name = ? DESC LIMIT 1",
                       (name, name, name)).fetchone()
    return row[0] if row else None


def active_staff_id(conn: sqlite3.Connection, username: str) -> int | None:
    """The id of the active staff member ``username``, or ``None``."""
    row = conn.execute("SELECT id FROM staff WHERE username = ? AND active = 1", (username,)).fetchone()
    return row[0] if row else None
