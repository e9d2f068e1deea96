"""Build ``v4.sqlite``: a store as schema 4 wrote it (imports and targets), for later upgrade tests.

``python tests/store/data/make_v4_fixture.py``
"""

import sqlite3
from pathlib import Path

from shopdesk.domain.passwords import hash_password
from shopdesk.domain.roles import Role
from shopdesk.store import audit, migrate, staff, targets
from shopdesk.store import imports as sql
from shopdesk.store.audit import SYSTEM

OUT = Path(__file__).with_name("v4.sqlite")
AT = "2026-11-20T09:00:00+08:00"

if __name__ == "__main__":
    OUT.unlink(missing_ok=True)
    conn = sqlite3.connect(OUT, isolation_level=None)
    conn.row_factory = sqlite3.Row
    migrate.apply(conn, target=4)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO settings VALUES ('store.name', '\"四版小店\"', ?)", (AT,))
    staff_id = staff.insert(conn, "owner", "", Role.OWNER, hash_password("oldpass4"), AT)
    audit.record(conn, SYSTEM, "staff.added", "staff", staff_id, None, {"username": "owner", "role": "owner"})
    import_id = sql.begin(conn, AT, staff_id, "owner", "generic", "generic-lines",
                          [{"name": "orders.csv", "path": "/tmp/orders.csv", "sha256": "0" * 64}])
    sql.insert_line_products(conn, [(1, "A1", "Cup", 1000, "mature", import_id)])
    sql.insert_orders(conn, [(1, "generic", "1001", None, "", "received", AT, "2026-11-20", AT, None, None,
                              2000, 0, 0, 2000, "", "", import_id)])
    sql.insert_lines(conn, [(1, 1, 1, "A1", "Cup", 2, 1000, 0)])
    sql.finish(conn, import_id, AT, 1, 1, 0, {"orders_added": 1})
    conn.execute("INSERT INTO traffic_daily (day, channel, visitors) VALUES ('2026-11-20', '', 80)")
    targets.add(conn, "gmv", "2026-11", 3_000_000, None, "even", AT, "owner")
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    print(OUT, OUT.stat().st_size)
