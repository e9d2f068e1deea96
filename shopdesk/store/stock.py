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


def sales_by_product(conn: sqlite3.Connection, window_first: str, as_of: str) -> dict[int, tuple[str, int]]:
    """Product id → (last day a paid order held it, up to ``as_of``; units sold from ``window_first`` to
    ``as_of``), for the products ever sold by then."""
    rows = conn.execute(
        """SELECT l.product_id, MAX(o.day), COALESCE(SUM(CASE WHEN o.day >= ? THEN l.quantity END), 0)
           FROM orders o JOIN order_lines l ON l.order_id = o.id
           WHERE o.paid_at IS NOT NULL AND o.day <= ? AND l.product_id IS NOT NULL GROUP BY l.product_id""",
        (window_first, as_of))
    return {pid: (last, units) for pid, last, units in rows}


def listed_days(conn: sqlite3.Connection) -> dict[int, str]:
    """Product id → the day it was listed, for the products with a listing date."""
    return dict(conn.execute("SELECT id, substr(listed_at, 1, 10) FROM products WHERE listed_at IS NOT NULL"))


def supply_terms(conn: sqlite3.Connection) -> dict[int, tuple[str, int, int, str]]:
    """Product id → (supplier name, lead time in days, minimum order quantity, payment terms) of the products
    with a supplier."""
    rows = conn.execute(
        """SELECT p.id, s.name, s.lead_time_days, s.min_order_qty, s.payment_terms
           FROM products p JOIN suppliers s ON s.id = p.supplier_id""")
    return {pid: (name, lead, moq, terms) for pid, name, lead, moq, terms in rows}
