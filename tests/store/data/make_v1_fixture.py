"""Build ``v1.sqlite``: a store as schema 1 (the first release) wrote it.

Run once when schema 1 was current; kept so the upgrade tests always start
from the same old file. ``python tests/store/data/make_v1_fixture.py``
"""

import sqlite3
from pathlib import Path

from shopdesk.domain.passwords import hash_password
from shopdesk.domain.roles import Role
from shopdesk.store import audit, migrate, staff
from shopdesk.store.audit import SYSTEM

OUT = Path(__file__).with_name("v1.sqlite")

if __name__ == "__main__":
    OUT.unlink(missing_ok=True)
    conn = sqlite3.connect(OUT, isolation_level=None)
    conn.row_factory = sqlite3.Row
    migrate.apply(conn, target=1)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO settings VALUES ('store.name', '\"舊版小店\"', '2026-01-05T09:00:00+08:00')")
    staff_id = staff.insert(conn, "owner", "", Role.OWNER, hash_password("oldpass1"), "2026-01-05T09:00:00+08:00")
    audit.record(conn, SYSTEM, "staff.added", "staff", staff_id, None, {"username": "owner", "role": "owner"})
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    print(OUT, OUT.stat().st_size)
