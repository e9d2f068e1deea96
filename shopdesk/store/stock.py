"""Stock on hand from the ledger: every product's sum of movements up to a day."""

from __future__ import annotations

import sqlite3

#: Products that can be sold: not delisted, and not a parent whose variants are the products sold.
SELLABLE = ("p.stage != 'delisted' AND NOT EXISTS (SELECT 1 FROM products c WHERE c.variant_of != ''"
            " AND c.variant_of = p.code AND c.id != p.id)")


def levels(conn: sqlite3.Connection, as_of: str) -> list[tuple[int, str, str, str, int, int, int]]:
    """(id, code, sku, name, stock on hand up to ``as_of``, own safety stock, tracked) of every sellable product,
    by code."""
    return conn.execute(
        f"""SELECT p.id, p.code, p.sku, p.name,
                   COALESCE((SELECT SUM(m.quantity) FROM stock_movements m WHERE m.product_id = p.id AND m.day <= ?), 0),
                   p.safety_stock, p.stock_tracked
            FROM products p WHERE {SELLABLE} ORDER BY p.code""", (as_of,)).fetchall()


def last_day(conn: sqlite3.Connection) -> str | None:
    """The last day with data: orders or stock movements."""
    return conn.execute("SELECT MAX(d) FROM (SELECT MAX(day) AS d FROM orders UNION ALL"
                        " SELECT MAX(day) FROM stock_movements)").fetchone()[0]


def mark_tracked_from_ledger(conn: sqlite3.Connection) -> None:
    """Products with movements in the ledger have their stock tracked (for stores written in bulk)."""
    conn.execute("UPDATE products SET stock_tracked = 1 WHERE id IN (SELECT product_id FROM stock_movements)")
