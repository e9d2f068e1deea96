"""Build ``v2.sqlite``: a store as schema 2 wrote it (catalog and orders, before imports).

``python tests/store/data/make_v2_fixture.py``
"""

import sqlite3
from pathlib import Path

from shopdesk.domain.passwords import hash_password
from shopdesk.domain.roles import Role
from shopdesk.store import audit, bulk, migrate, staff
from shopdesk.store.audit import SYSTEM

OUT = Path(__file__).with_name("v2.sqlite")

if __name__ == "__main__":
    OUT.unlink(missing_ok=True)
    conn = sqlite3.connect(OUT, isolation_level=None)
    conn.row_factory = sqlite3.Row
    migrate.apply(conn, target=2)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO settings VALUES ('store.name', '\"二版小店\"', '2026-06-01T09:00:00+08:00')")
    staff_id = staff.insert(conn, "owner", "", Role.OWNER, hash_password("oldpass2"), "2026-06-01T09:00:00+08:00")
    audit.record(conn, SYSTEM, "staff.added", "staff", staff_id, None, {"username": "owner", "role": "owner"})
    bulk.insert_rows(conn, "products", [(1, "SP2024001", "夏季透氣運動鞋-男", "", "鞋靴", "運動鞋", "跑步鞋", 9500,
                                         19900, None, 50, "growth", None, None, "2026-06-01T09:00:00+08:00")])
    bulk.insert_rows(conn, "orders", [(1, "manual", "M0001", None, "", "completed", "2026-06-02T10:00:00+08:00",
                                       "2026-06-02", "2026-06-02T10:01:00+08:00", None, None, 19900, 0, 0, 19900,
                                       "", "")])
    bulk.insert_rows(conn, "order_lines", [(1, 1, 1, "SP2024001", "夏季透氣運動鞋-男", 1, 19900, 0)])
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    print(OUT, OUT.stat().st_size)
