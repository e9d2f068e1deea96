"""Reads and writes of weekly product monitoring: weekly targets (as revisions) and per-product traffic."""

from __future__ import annotations

import sqlite3

from shopdesk.store.stock import SELLABLE

TARGET_FIELDS = ("units", "conversion_bp", "add_to_cart_bp", "stock")


def products(conn: sqlite3.Connection) -> list[tuple[int, str, str, str, str, str | None, int]]:
    """(id, code, SKU, name, owner's name, listing day, stock tracked) of every sellable product, by code."""
    return conn.execute(
        f"""SELECT p.id, p.code, p.sku, p.name, COALESCE(NULLIF(s.display_name, ''), s.username, ''),
                   substr(p.listed_at, 1, 10), p.stock_tracked
            FROM products p LEFT JOIN staff s ON s.id = p.owner_staff_id WHERE {SELLABLE} ORDER BY p.code""").fetchall()


def sales(conn: sqlite3.Connection, first: str, last: str) -> dict[int, tuple[int, int]]:
    """Product id → (units sold, paid orders holding it) from ``first`` to ``last``."""
    rows = conn.execute(
        """SELECT l.product_id, SUM(l.quantity), COUNT(DISTINCT o.id) FROM orders o
           JOIN order_lines l ON l.order_id = o.id
           WHERE o.paid_at IS NOT NULL AND o.day BETWEEN ? AND ? AND l.product_id IS NOT NULL
           GROUP BY l.product_id""", (first, last))
    return {pid: (units, orders) for pid, units, orders in rows}


def stock_at(conn: sqlite3.Connection, last: str) -> dict[int, int]:
    """Product id → stock on hand at the end of ``last`` (the products with movements by then)."""
    return dict(conn.execute("SELECT product_id, SUM(quantity) FROM stock_movements WHERE day <= ?"
                             " GROUP BY product_id", (last,)))


def traffic(conn: sqlite3.Connection, first: str, last: str) -> dict[int, tuple[int, int | None]]:
    """Product id → (visitors, add-to-cart or None when no day had it) from ``first`` to ``last``."""
    rows = conn.execute("SELECT product_id, SUM(visitors), SUM(add_to_cart) FROM product_traffic_daily"
                        " WHERE day BETWEEN ? AND ? GROUP BY product_id", (first, last))
    return {pid: (visitors, cart) for pid, visitors, cart in rows}


def targets(conn: sqlite3.Connection, day: str) -> dict[int, dict]:
    """Product id → the latest target revision that applies on ``day``."""
    rows = conn.execute(
        f"""SELECT t.product_id, {', '.join('t.' + f for f in TARGET_FIELDS)}, t.applies_from, t.set_by
            FROM product_targets t
            WHERE t.id = (SELECT u.id FROM product_targets u WHERE u.product_id = t.product_id
                          AND u.applies_from <= ? ORDER BY u.applies_from DESC, u.id DESC LIMIT 1)""", (day,))
    return {r[0]: dict(zip((*TARGET_FIELDS, "applies_from", "set_by"), r[1:], strict=True)) for r in rows}


def add_target(conn: sqlite3.Connection, product_id: int, applies_from: str, values: dict[str, int | None],
               set_by: str, set_at: str) -> None:
    """A new revision of a product's weekly target."""
    conn.execute(f"INSERT INTO product_targets (product_id, applies_from, {', '.join(TARGET_FIELDS)}, set_by, set_at)"
                 f" VALUES (?, ?, {', '.join('?' * len(TARGET_FIELDS))}, ?, ?)",
                 (product_id, applies_from, *(values.get(f) for f in TARGET_FIELDS), set_by, set_at))


def target_history(conn: sqlite3.Connection, product_id: int) -> list[dict]:
    """Every revision of a product's weekly target, newest first."""
    return [dict(r) for r in conn.execute(
        f"SELECT applies_from, {', '.join(TARGET_FIELDS)}, set_by, set_at FROM product_targets"
        " WHERE product_id = ? ORDER BY applies_from DESC, id DESC", (product_id,))]


def get_traffic(conn: sqlite3.Connection, day: str, product_id: int) -> dict | None:
    """One day's traffic of one product, or ``None``."""
    row = conn.execute("SELECT visitors, add_to_cart FROM product_traffic_daily WHERE day = ? AND product_id = ?",
                       (day, product_id)).fetchone()
    return {"visitors": row[0], "add_to_cart": row[1]} if row else None


def put_traffic(conn: sqlite3.Connection, day: str, product_id: int, visitors: int, add_to_cart: int | None,
                import_id: int | None = None) -> None:
    """Store (or replace) one day's traffic of one product; a new row remembers the import that brought it."""
    conn.execute("INSERT INTO product_traffic_daily (day, product_id, visitors, add_to_cart, import_id)"
                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, product_id) DO UPDATE SET visitors = excluded.visitors,"
                 " add_to_cart = excluded.add_to_cart", (day, product_id, visitors, add_to_cart, import_id))
