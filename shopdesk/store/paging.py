"""Paged, filtered, sorted reads of orders, order lines and products, for lazy tables and exports.

Pages are read with LIMIT/OFFSET on an indexed order; nothing ever loads
every row. Column names come from fixed lists, never from user text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from shopdesk.domain.paging import Query

ORDER_COLUMNS = {
    "order_no": "o.order_no", "day": "o.day", "created_at": "o.created_at", "status": "o.status",
    "customer": "c.external_id", "platform": "o.platform", "total": "o.total_cents", "paid_at": "o.paid_at",
    "shipped_at": "o.shipped_at", "lines": "(SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id)",
}
LINE_COLUMNS = {
    "order_no": "o.order_no", "day": "o.day", "status": "o.status", "line_no": "l.line_no", "sku": "l.sku",
    "title": "l.title", "quantity": "l.quantity", "unit_price": "l.unit_price_cents",
    "amount": "l.quantity * l.unit_price_cents - l.discount_cents",
}
PRODUCT_COLUMNS = {
    "code": "p.code", "name": "p.name", "spec": "p.spec",
    "category": "p.category1 || CASE WHEN p.category2 != '' THEN ' / ' || p.category2 ELSE '' END"
                " || CASE WHEN p.category3 != '' THEN ' / ' || p.category3 ELSE '' END",
    "stage": "p.stage", "price": "p.price_cents", "cost": "p.cost_cents",
    "stock": "CASE WHEN p.stock_tracked = 1 THEN COALESCE(s.quantity, 0) END",  # untracked: no figure, never 0
    "safety_stock": "p.safety_stock", "supplier": "sup.name",
    "owner": "COALESCE(NULLIF(own.display_name, ''), own.username)", "listed_at": "substr(p.listed_at, 1, 10)",
    "updated_at": "substr(p.updated_at, 1, 10)",
}
_FROM = {
    "orders": "orders o LEFT JOIN customers c ON c.id = o.customer_id",
    "lines": "order_lines l JOIN orders o ON o.id = l.order_id",
    "products": "products p LEFT JOIN stock_on_hand s ON s.product_id = p.id"
                " LEFT JOIN suppliers sup ON sup.id = p.supplier_id LEFT JOIN staff own ON own.id = p.owner_staff_id",
}
_COLUMNS = {"orders": ORDER_COLUMNS, "lines": LINE_COLUMNS, "products": PRODUCT_COLUMNS}
_SEARCH = {"orders": ("o.order_no", "c.external_id"), "lines": ("o.order_no", "l.sku", "l.title"),
           "products": ("p.code", "p.name", "p.spec", "p.sku")}
#: Unsorted tables follow an index, so the first page needs no sort of the whole table:
#: newest orders first, their lines in order; products by code.
#: (Lines name ``o.id``, not ``l.order_id``: the planner then walks orders backwards and each order's
#: lines by key, instead of sorting every line.)
_DEFAULT_ORDER = {"orders": "o.day DESC, o.id DESC", "lines": "o.id DESC, l.line_no ASC",
                  "products": "p.code ASC, p.id ASC"}
_TIEBREAK = {"orders": "o.id", "lines": "l.order_id, l.line_no", "products": "p.id"}


def columns(q: Query) -> dict[str, str]:
    """The column names of the query's kind, with their SQL."""
    return _COLUMNS[q.kind]


def _where(q: Query) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if q.search.strip():
        like = f"%{q.search.strip()}%"
        fields = _SEARCH[q.kind]
        clauses.append("(" + " OR ".join(f"{f} LIKE ?" for f in fields) + ")")
        params += [like] * len(fields)
    if q.status and q.kind != "products":
        clauses.append("o.status = ?")
        params.append(q.status)
    if q.status and q.kind == "products":
        clauses.append("p.stage = ?")
        params.append(q.status)
    if q.kind == "products":
        for level, value in zip(("p.category1", "p.category2", "p.category3"), q.categories, strict=False):
            clauses.append(f"{level} = ?")
            params.append(value)
        if q.owner == "-":
            clauses.append("p.owner_staff_id IS NULL")
        elif q.owner:
            clauses.append("p.owner_staff_id = (SELECT id FROM staff WHERE username = ?)")
            params.append(q.owner)
    if q.day_from and q.kind != "products":
        clauses.append("o.day >= ?")
        params.append(q.day_from)
    if q.day_to and q.kind != "products":
        clauses.append("o.day <= ?")
        params.append(q.day_to)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _order_by(q: Query) -> str:
    columns = _COLUMNS[q.kind]
    if q.sort not in columns:
        return f" ORDER BY {_DEFAULT_ORDER[q.kind]}"
    direction = "DESC" if q.descending else "ASC"
    tiebreak = ", ".join(f"{t.strip()} {direction}" for t in _TIEBREAK[q.kind].split(","))
    return f" ORDER BY {columns[q.sort]} {direction}, {tiebreak}"


def page(conn: sqlite3.Connection, q: Query, offset: int, limit: int) -> list[tuple]:
    """Rows ``offset`` … ``offset + limit`` of the query, columns in :meth:`Query.columns` order."""
    where, params = _where(q)
    select = ", ".join(columns(q).values())
    sql = f"SELECT {select} FROM {_FROM[q.kind]}{where}{_order_by(q)} LIMIT ? OFFSET ?"
    return conn.execute(sql, (*params, limit, offset)).fetchall()


_BASE = {"orders": "orders o", "lines": "order_lines l", "products": "products p"}


def count(conn: sqlite3.Connection, q: Query) -> int:
    """How many rows the query has (without joins when no filter needs them)."""
    where, params = _where(q)
    source = _FROM[q.kind] if where else _BASE[q.kind]
    return conn.execute(f"SELECT COUNT(*) FROM {source}{where}", params).fetchone()[0]


def stream(conn: sqlite3.Connection, q: Query, batch: int = 5000) -> Iterator[list[tuple]]:
    """Every row of the query, in batches (for exports)."""
    where, params = _where(q)
    select = ", ".join(columns(q).values())
    cur = conn.execute(f"SELECT {select} FROM {_FROM[q.kind]}{where}{_order_by(q)}", params)
    while rows := cur.fetchmany(batch):
        yield rows


def statuses(conn: sqlite3.Connection) -> list[str]:
    """Order statuses present in the store."""
    return [r[0] for r in conn.execute("SELECT DISTINCT status FROM orders ORDER BY status")]


def order_day_range(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The first and last business day with orders."""
    return tuple(conn.execute("SELECT MIN(day), MAX(day) FROM orders").fetchone())


def categories(conn: sqlite3.Connection, parents: tuple[str, ...] = ()) -> list[str]:
    """The categories one level below ``parents`` (the top level when empty), by name."""
    levels = ("category1", "category2", "category3")
    level = levels[len(parents)]
    where = " AND ".join(f"{c} = ?" for c in levels[:len(parents)])
    return [r[0] for r in conn.execute(f"SELECT DISTINCT {level} FROM products WHERE {level} != ''"
                                       f"{' AND ' + where if where else ''} ORDER BY {level}", parents)]


def owners(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(username, name shown) of the staff who own products, by name."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT DISTINCT s.username, COALESCE(NULLIF(s.display_name, ''), s.username) AS shown"
        " FROM staff s JOIN products p ON p.owner_staff_id = s.id ORDER BY shown")]
