"""Shipping data per carrier."""

from __future__ import annotations

import sqlite3


def shipments(conn: sqlite3.Connection, first: str, last: str) -> list[tuple[int, str, str, str, str | None, int]]:
    """(order id, carrier, paid at, shipped at, delivered at, shipping charge) of the shipped paid orders
    created from ``first`` to ``last``."""
    return conn.execute(
        """SELECT id, carrier, paid_at, shipped_at, delivered_at, shipping_cents FROM orders
           WHERE paid_at IS NOT NULL AND shipped_at IS NOT NULL AND carrier != '' AND day BETWEEN ? AND ?""",
        (first, last)).fetchall()


def case_reasons(conn: sqlite3.Connection, order_ids: list[int]) -> dict[int, list[str]]:
    """Order id → the reasons of its after-sales cases."""
    out: dict[int, list[str]] = {}
    for start in range(0, len(order_ids), 500):
        chunk = order_ids[start:start + 500]
        for oid, reason in conn.execute(f"SELECT order_id, reason FROM after_sales WHERE order_id IN"
                                        f" ({','.join('?' * len(chunk))})", chunk):
            out.setdefault(oid, []).append(reason)
    return out
