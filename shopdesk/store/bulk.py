"""Bulk writes of many rows into one table, inside the caller's transaction.

Plain ``executemany`` per table: one statement prepared once, no per-row
commit (sqlite-utils' ``insert_all`` commits per batch outside a transaction).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

#: Tables bulk writers may fill, with the columns they write.
TABLES: dict[str, tuple[str, ...]] = {
    "suppliers": ("id", "code", "name", "contact", "phone", "lead_time_days", "dropship"),
    "products": ("id", "code", "name", "spec", "category1", "category2", "category3", "cost_cents",
                 "price_cents", "supplier_id", "safety_stock", "stage", "owner_staff_id", "listed_at",
                 "updated_at"),
    "stock_movements": ("product_id", "kind", "quantity", "at", "day", "ref"),
    "customers": ("id", "platform", "external_id", "name"),
    "orders": ("id", "platform", "order_no", "customer_id", "channel", "status", "created_at", "day",
               "paid_at", "shipped_at", "delivered_at", "goods_cents", "discount_cents", "shipping_cents",
               "total_cents", "carrier", "tracking_no"),
    "order_lines": ("order_id", "line_no", "product_id", "sku", "title", "quantity", "unit_price_cents",
                    "discount_cents"),
    "after_sales": ("case_no", "order_id", "product_id", "kind", "reason", "status", "opened_at", "day",
                    "resolved_at", "units", "refund_cents", "refunded_at", "resolution", "compensation"),
    "traffic_daily": ("day", "channel", "visitors", "page_views", "add_to_cart", "impressions", "clicks"),
    "product_traffic_daily": ("day", "product_id", "visitors", "add_to_cart"),
}


def insert_rows(conn: sqlite3.Connection, table: str, rows: Iterable[Sequence[Any]]) -> int:
    """Insert tuples in :data:`TABLES` column order; returns the number of rows.

    Raises:
        RuntimeError: called outside a transaction.
    """
    if not conn.in_transaction:
        raise RuntimeError("bulk writes must run inside a transaction")
    columns = TABLES[table]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    cur = conn.executemany(sql, rows)
    return cur.rowcount


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the bulk tables (for summaries and tests)."""
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def is_demo(conn: sqlite3.Connection) -> bool:
    """Whether the store was produced by the demo generator."""
    return conn.execute("SELECT 1 FROM audit_log WHERE action = 'store.demo_generated' LIMIT 1").fetchone() \
        is not None


def has_amounts(conn: sqlite3.Connection) -> bool:
    """Whether any amount in the store's currency is stored (products or orders)."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM products) OR EXISTS (SELECT 1 FROM orders)").fetchone()[0] == 1

