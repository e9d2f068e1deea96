"""Stock on hand from the ledger: every product's sum of movements up to a day."""

from __future__ import annotations

import sqlite3

from shopdesk.store.db import inserted_id

#: Products that can be sold: not delisted, and not a parent whose variants are the products sold.
#: (A single-variant product may name itself as its parent; that does not make it a parent.)
SELLABLE = ("p.stage != 'delisted' AND p.code NOT IN (SELECT c.variant_of FROM products c WHERE c.variant_of != ''"
            " AND c.variant_of != c.code)")


def levels(conn: sqlite3.Connection, as_of: str) -> list[tuple[int, str, str, str, int, int, int]]:
    """(id, code, sku, name, stock on hand up to ``as_of``, own safety stock, tracked) of every sellable product,
    by code."""
    return conn.execute(
        f"""SELECT p.id, p.code, p.sku, p.name, COALESCE(m.on_hand, 0), p.safety_stock, p.stock_tracked
            FROM products p LEFT JOIN (SELECT product_id, SUM(quantity) AS on_hand FROM stock_movements
                                       WHERE day <= ? GROUP BY product_id) m ON m.product_id = p.id
            WHERE {SELLABLE} ORDER BY p.code""", (as_of,)).fetchall()


def level_numbers(conn: sqlite3.Connection, as_of: str) -> list[tuple[int, int, int, int]]:
    """(id, stock on hand up to ``as_of``, own safety stock, tracked) of every sellable product: the numbers
    alone, for a check over the whole catalog (names are read for the few that need them)."""
    return conn.execute(
        f"""SELECT p.id, COALESCE(SUM(m.quantity), 0), p.safety_stock, p.stock_tracked FROM products p
            LEFT JOIN stock_movements m ON m.product_id = p.id AND m.day <= ? WHERE {SELLABLE} GROUP BY p.id""",
        (as_of,)).fetchall()


def names(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """Product id → (code, SKU, name) of ``ids``."""
    found: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(f"SELECT id, code, sku, name FROM products WHERE id IN ({','.join('?' * len(chunk))})",
                            chunk)
        found.update({pid: (code, sku, name) for pid, code, sku, name in rows})
    return found


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


def product_ids(conn: sqlite3.Connection, codes: list[str]) -> dict[str, int]:
    """Code → id of the products among ``codes`` (by code, else by the platform's SKU)."""
    found: dict[str, int] = {}
    for code in codes:
        row = conn.execute("SELECT id FROM products WHERE code = ? UNION ALL SELECT id FROM products WHERE sku = ?"
                           " LIMIT 1", (code, code)).fetchone()
        if row:
            found[code] = row[0]
    return found


def on_hand(conn: sqlite3.Connection, product_id: int) -> int:
    """A product's stock on hand now: the sum of its movements."""
    return conn.execute("SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE product_id = ?",
                        (product_id,)).fetchone()[0]


def post(conn: sqlite3.Connection, product_id: int, kind: str, quantity: int, at: str, ref: str, staff: str,
         reason: str) -> int:
    """One movement of the ledger (``at``: store-local ISO text, its date is the day); the product's stock is
    tracked from then on. Returns the movement's id."""
    cur = conn.execute("INSERT INTO stock_movements (product_id, kind, quantity, at, day, ref, staff, reason)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (product_id, kind, quantity, at, at[:10], ref, staff, reason))
    mark_tracked(conn, product_id)
    return inserted_id(cur)


def mark_tracked(conn: sqlite3.Connection, product_id: int) -> None:
    """A product whose stock is known (posted or counted) is tracked from then on."""
    conn.execute("UPDATE products SET stock_tracked = 1 WHERE id = ?", (product_id,))


def movements(conn: sqlite3.Connection, product_id: int, limit: int = 200) -> list[dict]:
    """A product's latest movements, newest first."""
    rows = conn.execute("SELECT * FROM stock_movements WHERE product_id = ? ORDER BY day DESC, id DESC LIMIT ?",
                        (product_id, limit))
    return [dict(r) for r in rows]


def product(conn: sqlite3.Connection, code: str) -> dict | None:
    """A product's record by code, with its supplier's name, the name of the person in charge and its stock
    on hand."""
    row = conn.execute(
        """SELECT p.*, COALESCE(s.name, '') AS supplier, COALESCE(NULLIF(o.display_name, ''), o.username, '') AS owner,
                  (SELECT COALESCE(SUM(m.quantity), 0) FROM stock_movements m WHERE m.product_id = p.id) AS on_hand
           FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id LEFT JOIN staff o ON o.id = p.owner_staff_id
           WHERE p.code = ?""", (code,)).fetchone()
    return dict(row) if row else None


def daily_sales(conn: sqlite3.Connection, product_id: int, first: str, last: str) -> dict[str, tuple[int, int]]:
    """Day → (units, line amounts) of a product on paid orders from ``first`` to ``last``."""
    rows = conn.execute(
        """SELECT o.day, SUM(l.quantity), SUM(l.quantity * l.unit_price_cents - l.discount_cents)
           FROM order_lines l JOIN orders o ON o.id = l.order_id
           WHERE l.product_id = ? AND o.paid_at IS NOT NULL AND o.day BETWEEN ? AND ? GROUP BY o.day""",
        (product_id, first, last))
    return {day: (units, amount) for day, units, amount in rows}


def sales_with_costs(conn: sqlite3.Connection, first: str, last: str) -> list[tuple]:
    """(code, name, units, line amounts, cost price, own commission bp, own fulfilment cents, own ad spend bp —
    None where the store's setting applies) of every product sold on paid orders from ``first`` to ``last``,
    most sales first."""
    return conn.execute(
        """SELECT p.code, p.name, SUM(l.quantity), SUM(l.quantity * l.unit_price_cents - l.discount_cents),
                  p.cost_cents, p.commission_bp, p.fulfilment_cents, p.ad_spend_bp
           FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
           WHERE o.paid_at IS NOT NULL AND o.day BETWEEN ? AND ? GROUP BY p.id ORDER BY 4 DESC, p.code""",
        (first, last)).fetchall()


def add_treatment(conn: sqlite3.Connection, product_id: int, treatment: str, note: str, staff: str, at: str) -> None:
    """Record a slow-moving treatment; a clearance puts the product in the clearance stage, the others in
    the slow-moving stage."""
    conn.execute("INSERT INTO slow_treatments (product_id, treatment, note, staff, at, day) VALUES (?, ?, ?, ?, ?, ?)",
                 (product_id, treatment, note, staff, at, at[:10]))
    conn.execute("UPDATE products SET stage = ?, updated_at = ? WHERE id = ?",
                 ("clearance" if treatment == "clearance" else "slow_moving", at, product_id))


def latest_treatments(conn: sqlite3.Connection) -> dict[int, tuple[str, str]]:
    """Product id → (treatment, day) of each product's latest treatment."""
    rows = conn.execute("""SELECT product_id, treatment, day FROM slow_treatments t
                           WHERE id = (SELECT MAX(id) FROM slow_treatments u WHERE u.product_id = t.product_id)""")
    return {pid: (treatment, day) for pid, treatment, day in rows}
