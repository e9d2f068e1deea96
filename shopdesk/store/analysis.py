"""Sums behind the further analysis of SPEC §1: hours, channels, funnel and repeat buyers."""

from __future__ import annotations

import sqlite3

_PAID = "paid_at IS NOT NULL AND day BETWEEN ? AND ?"


def orders_by_hour(conn: sqlite3.Connection, first: str, last: str) -> list[tuple[str, str, int, int]]:
    """(``YYYY-MM-DDTHH`` as stored, the stored UTC offset, paid orders, their amounts) per stored hour.

    Times keep the offset they came with; the caller moves each hour into the
    store's time zone (there are at most a few offsets, so few groups).
    """
    return conn.execute(
        f"""SELECT substr(created_at, 1, 13), substr(created_at, length(created_at) - 5), COUNT(*), SUM(total_cents)
            FROM orders WHERE {_PAID} GROUP BY 1, 2""", (first, last)).fetchall()


def _paid_orders_by(conn: sqlite3.Connection, column: str, first: str, last: str) -> dict[str, tuple[int, int]]:
    assert column in ("channel", "region")  # a column name, never a value, goes into the SQL
    rows = conn.execute(f"SELECT {column}, COUNT(*), SUM(total_cents) FROM orders WHERE {_PAID} GROUP BY {column}",
                        (first, last))
    return {key: (count, gmv) for key, count, gmv in rows}


def orders_by_channel(conn: sqlite3.Connection, first: str, last: str) -> dict[str, tuple[int, int]]:
    """Channel → (paid orders, their amounts); ``""`` for orders without a channel."""
    return _paid_orders_by(conn, "channel", first, last)


def orders_by_region(conn: sqlite3.Connection, first: str, last: str) -> dict[str, tuple[int, int]]:
    """Region shipped to → (paid orders, their amounts); ``""`` for orders without a region."""
    return _paid_orders_by(conn, "region", first, last)


def traffic_by_channel(conn: sqlite3.Connection, first: str, last: str) -> dict[str, tuple[int, int | None]]:
    """Channel → (visitors, add-to-cart) of the traffic rows per channel; add-to-cart is ``None`` unless
    every day of the channel has it."""
    rows = conn.execute(
        """SELECT channel, SUM(visitors), CASE WHEN COUNT(add_to_cart) = COUNT(*) THEN SUM(add_to_cart) END
           FROM traffic_daily WHERE channel != '' AND day BETWEEN ? AND ? GROUP BY channel""", (first, last))
    return {channel: (visitors, carts) for channel, visitors, carts in rows}


def funnel_totals(conn: sqlite3.Connection, first: str, last: str) -> dict[str, int | None]:
    """Impressions, clicks, visitors and add-to-cart over the days with traffic figures (each day's
    whole-store row, else the sum of its channels), and the paid orders of those days.

    A figure is ``None`` unless every one of those days has it.
    """
    def day_value(field: str) -> str:
        return (f"CASE WHEN MAX(channel = '') THEN MAX(CASE WHEN channel = '' THEN {field} END)"
                f" WHEN COUNT({field}) = COUNT(*) THEN SUM({field}) END AS {field}")

    def total(field: str) -> str:
        return f"CASE WHEN COUNT({field}) = COUNT(*) THEN SUM({field}) END"
    fields = ("impressions", "clicks", "visitors", "add_to_cart")
    row = conn.execute(
        f"""WITH per_day AS (SELECT day, {', '.join(day_value(f) for f in fields)}
                             FROM traffic_daily WHERE day BETWEEN ? AND ? GROUP BY day)
            SELECT COUNT(*), {', '.join(total(f) for f in fields)},
                   (SELECT COUNT(*) FROM orders WHERE paid_at IS NOT NULL AND day IN (SELECT day FROM per_day))
            FROM per_day""", (first, last)).fetchone()
    days, *values, orders = row
    if not days:
        return {f: None for f in (*fields, "orders")}
    return {**dict(zip(fields, values, strict=True)), "orders": orders}


def buyers_by_month(conn: sqlite3.Connection, first: str, last: str) -> dict[str, tuple[int, int]]:
    """Month (``YYYY-MM``) → (buyers with a paid order, buyers with two or more); orders without a
    known buyer are not counted."""
    rows = conn.execute(
        f"""SELECT month, COUNT(*), SUM(n >= 2) FROM (
                SELECT substr(day, 1, 7) AS month, customer_id, COUNT(*) AS n FROM orders
                WHERE customer_id IS NOT NULL AND {_PAID} GROUP BY month, customer_id)
            GROUP BY month""", (first, last))
    return {month: (buyers, repeat) for month, buyers, repeat in rows}


def _marks(days: list[str]) -> str:
    return ",".join("?" * len(days))


def channel_visitors(conn: sqlite3.Connection, days: list[str]) -> dict[str, dict[str, float]]:
    """Day → channel → visitors, for the days given (days without channel traffic are absent)."""
    out: dict[str, dict[str, float]] = {}
    for day, channel, visitors in conn.execute(
            f"SELECT day, channel, visitors FROM traffic_daily WHERE channel != '' AND day IN ({_marks(days)})", days):
        out.setdefault(day, {})[channel] = visitors
    return out


def channel_orders(conn: sqlite3.Connection, days: list[str]) -> dict[str, dict[str, tuple[int, int]]]:
    """Day → channel → (paid orders, their amounts), for the days given (orders without a channel left out)."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for day, channel, count, gmv in conn.execute(
            f"""SELECT day, channel, COUNT(*), SUM(total_cents) FROM orders
                WHERE paid_at IS NOT NULL AND channel != '' AND day IN ({_marks(days)}) GROUP BY day, channel""", days):
        out.setdefault(day, {})[channel] = (count, gmv)
    return out


def product_orders(conn: sqlite3.Connection, days: list[str]) -> dict[str, dict[str, tuple[int, int]]]:
    """Day → product code → (paid orders holding it, its line amounts), for the days given."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for day, code, count, amount in conn.execute(
            f"""SELECT o.day, COALESCE(p.code, NULLIF(l.sku, ''), l.title), COUNT(DISTINCT o.id),
                       SUM(l.quantity * l.unit_price_cents - l.discount_cents)
                FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id
                WHERE o.paid_at IS NOT NULL AND o.day IN ({_marks(days)}) GROUP BY 1, 2""", days):
        out.setdefault(day, {})[code] = (count, amount)
    return out
