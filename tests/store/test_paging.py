"""Paged reads for the lazy tables: the first page of every kind follows an index, never a full sort."""

from __future__ import annotations

import pytest

from shopdesk.store import paging


@pytest.fixture(params=["no statistics", "orders analysed", "all analysed"])
def conn(session, request):
    """A store of 60 orders of 3 lines; the planner's statistics as a store may have them (``PRAGMA
    optimize`` at closing analyses some tables and not others)."""
    c = session.store.conn
    with session.store.transaction():
        c.executemany("INSERT INTO orders (id, platform, order_no, status, created_at, day, total_cents)"
                      " VALUES (?, 'shop', ?, 'received', ?, ?, 100)",
                      [(i, f"A{i:03d}", f"2024-06-{1 + i % 28:02d}T10:00:00+08:00", f"2024-06-{1 + i % 28:02d}")
                       for i in range(1, 61)])
        c.executemany("INSERT INTO order_lines (order_id, line_no, sku, title, quantity, unit_price_cents)"
                      " VALUES (?, ?, ?, 'Cup', ?, 500)",
                      [(i, n, f"S{n}", n) for i in range(1, 61) for n in range(1, 4)])
    if request.param != "no statistics":
        c.execute("ANALYZE orders" if request.param == "orders analysed" else "ANALYZE")
    return c


@pytest.mark.parametrize("kind", ["orders", "lines", "products"])
def test_first_page_needs_no_sort_of_the_whole_table(conn, kind):
    q = paging.Query(kind)
    where, params = paging._where(q)
    sql = (f"SELECT {', '.join(paging.columns(q).values())} FROM {paging._FROM[kind]}{where}{paging._order_by(q)}"
           f" LIMIT ? OFFSET ?")
    plan = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, (*params, 50, 0)))
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_lines_come_newest_order_first_each_in_line_order(conn):
    rows = paging.page(conn, paging.Query("lines"), 0, 7)
    assert [(r[0], r[3]) for r in rows] == [("A060", 1), ("A060", 2), ("A060", 3), ("A059", 1), ("A059", 2),
                                            ("A059", 3), ("A058", 1)]
    assert paging.page(conn, paging.Query("lines"), 177, 10) == paging.page(conn, paging.Query("lines"), 177, 3)
    assert paging.count(conn, paging.Query("lines")) == 180
