"""Daily sums behind the core metrics (SPEC §1), read with one grouped query each."""

from __future__ import annotations

import datetime as dt
import sqlite3

from shopdesk.store.stock import SELLABLE


def paid_orders_by_day(conn: sqlite3.Connection, first: str, last: str) -> dict[str, tuple[int, int, int, int]]:
    """Business day → (paid orders, their amounts, those with a known buyer, those that were the buyer's
    first paid order).

    A buyer's first paid order is the earliest by business day (then by order id);
    orders without a known buyer are neither new nor returning. The first orders
    are ranked once per query, over the orders of the period's buyers alone, into
    one list each order is looked up in (no subquery per order, no join whose
    plan could turn into a scan per order).
    """
    rows = conn.execute(
        """WITH period AS (SELECT id, day, customer_id, total_cents FROM orders
                           WHERE paid_at IS NOT NULL AND day BETWEEN :a AND :b),
                ranked AS (SELECT id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY day, id) AS rank
                           FROM orders WHERE paid_at IS NOT NULL
                           AND customer_id IN (SELECT customer_id FROM period WHERE customer_id IS NOT NULL))
           SELECT day, COUNT(*), SUM(total_cents), COUNT(customer_id), SUM(id IN (SELECT id FROM ranked WHERE rank = 1))
           FROM period GROUP BY day""", {"a": first, "b": last})
    return {day: (count, gmv, known, new) for day, count, gmv, known, new in rows}


def units_sold_by_day(conn: sqlite3.Connection, first: str, last: str) -> dict[str, tuple[int, int]]:
    """Business day → (units on the lines of the paid orders created that day, distinct products on them)."""
    rows = conn.execute(
        """SELECT o.day, SUM(l.quantity), COUNT(DISTINCT l.product_id) FROM orders o JOIN order_lines l
           ON l.order_id = o.id WHERE o.paid_at IS NOT NULL AND o.day BETWEEN ? AND ? GROUP BY o.day""", (first, last))
    return {day: (units, products) for day, units, products in rows}


def products_sold(conn: sqlite3.Connection, first: str, last: str) -> int:
    """Distinct products with a unit on the paid orders created from ``first`` to ``last``."""
    return conn.execute(
        """SELECT COUNT(DISTINCT l.product_id) FROM orders o JOIN order_lines l ON l.order_id = o.id
           WHERE o.paid_at IS NOT NULL AND o.day BETWEEN ? AND ?""", (first, last)).fetchone()[0]


def listed_by_day(conn: sqlite3.Connection) -> dict[str, int]:
    """Listing day (``""``: no listing date, always on sale) → products on sale listed that day: not
    delisted, and not a parent whose variants are the products sold."""
    rows = conn.execute(
        f"""SELECT substr(COALESCE(p.listed_at, ''), 1, 10), COUNT(*) FROM products p WHERE {SELLABLE}
            GROUP BY 1""")
    return dict(rows)


def stock_by_day(conn: sqlite3.Connection, first: str, last: str) -> tuple[int, dict[str, int]] | None:
    """(units in stock before ``first``, day → net movement) of the products whose stock is tracked;
    ``None`` when the store tracks no product's stock."""
    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM products WHERE stock_tracked = 1)").fetchone()[0]:
        return None
    tracked = "product_id IN (SELECT id FROM products WHERE stock_tracked = 1)"
    opening = conn.execute(f"SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE day < ? AND {tracked}",
                           (first,)).fetchone()[0]
    rows = conn.execute(f"SELECT day, SUM(quantity) FROM stock_movements WHERE day BETWEEN ? AND ? AND {tracked}"
                        " GROUP BY day", (first, last))
    return opening, dict(rows)


def tracked_units_by_day(conn: sqlite3.Connection, first: str, last: str) -> dict[str, int]:
    """Business day → units sold on paid orders of the products whose stock is tracked."""
    rows = conn.execute(
        """SELECT o.day, SUM(l.quantity) FROM orders o JOIN order_lines l ON l.order_id = o.id
           WHERE o.paid_at IS NOT NULL AND o.day BETWEEN ? AND ?
             AND l.product_id IN (SELECT id FROM products WHERE stock_tracked = 1) GROUP BY o.day""", (first, last))
    return dict(rows)


def cases_by_day(conn: sqlite3.Connection, first: str, last: str) -> dict[str, tuple[int, int]]:
    """Business day → (units of return cases, complaint cases) opened that day."""
    rows = conn.execute(
        """SELECT day, SUM(CASE WHEN kind = 'return' THEN units ELSE 0 END), SUM(kind = 'complaint')
           FROM after_sales WHERE day BETWEEN ? AND ? GROUP BY day""", (first, last))
    return {day: (units, complaints) for day, units, complaints in rows}


def refunds_near(conn: sqlite3.Connection, first: str, last: str) -> list[tuple[str, int]]:
    """(refund time as stored, amount) of refunds whose stored date lies within a day of the range.

    The caller turns each time into its business day in the store's time zone.
    """
    before = (dt.date.fromisoformat(first) - dt.timedelta(days=1)).isoformat()
    after = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
    return conn.execute(
        """SELECT refunded_at, refund_cents FROM after_sales
           WHERE refund_cents > 0 AND refunded_at IS NOT NULL AND substr(refunded_at, 1, 10) BETWEEN ? AND ?""",
        (before, after)).fetchall()


def visitors_by_day(conn: sqlite3.Connection, first: str, last: str) -> dict[str, int]:
    """Business day → visitors: the whole-store figure, else the sum of the channels."""
    rows = conn.execute(
        """SELECT day, COALESCE(MAX(CASE WHEN channel = '' THEN visitors END), SUM(visitors))
           FROM traffic_daily WHERE day BETWEEN ? AND ? GROUP BY day""", (first, last))
    return dict(rows)


def data_range(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and last business day with orders."""
    return tuple(conn.execute("SELECT MIN(day), MAX(day) FROM orders").fetchone())


def figures_range(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and last business day with orders or traffic."""
    return tuple(conn.execute(
        """SELECT MIN(d), MAX(d) FROM (SELECT MIN(day) AS d FROM orders UNION ALL SELECT MAX(day) FROM orders
           UNION ALL SELECT MIN(day) FROM traffic_daily UNION ALL SELECT MAX(day) FROM traffic_daily)""").fetchone())
