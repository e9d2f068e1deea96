"""The query planner's statistics follow the store's size: after every migration, import and undo."""

import sqlite3

from shopdesk.services.imports import import_files, undo
from shopdesk.store import migrate

#: Three orders of the Tmall order report's layout (no buyer IDs; the third never paid).
TMALL = ("订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额\r\n"
         "1,178.8,178.8,上海,2020-02-21 00:00:00,2020-02-21 00:00:02,0.0\r\n"
         "2,21.0,21.0,内蒙古自治区,2020-02-20 23:59:54,2020-02-21 00:00:02,0.0\r\n"
         "3,37.0,0.0,天津,2020-02-22 10:00:00,,0.0\r\n")


def _orders_counted(conn) -> int | None:
    """The row count the planner believes the orders table has (``None``: no statistics)."""
    try:
        row = conn.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'orders_day'").fetchone()
    except sqlite3.OperationalError:  # never analysed
        return None
    return None if row is None else int(row[0].split()[0])


def test_a_migration_analyses_the_rows_already_there(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.sqlite", isolation_level=None)
    migrate.apply(conn, migrate.LATEST - 1)
    conn.executemany("INSERT INTO orders (order_no, status, created_at, day, total_cents) VALUES (?, 'completed',"
                     " '2024-06-17T10:00:00+08:00', '2024-06-17', 100)", [(f"A{i}",) for i in range(40)])
    migrate.apply(conn)
    assert _orders_counted(conn) == 40
    conn.close()


def test_an_import_and_its_undo_bring_the_statistics_up_to_date(session, tmp_path):
    path = tmp_path / "tmall_order_report.csv"
    path.write_text(TMALL, encoding="utf-8")
    conn = session.store.conn
    result = import_files(session, [path])
    assert result.written and result.orders_added == 3
    assert _orders_counted(conn) == 3
    undo(session, result.import_id)
    assert _orders_counted(conn) is None  # an empty table has no statistics: the planner no longer counts 3

