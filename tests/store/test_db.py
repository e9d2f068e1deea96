"""Opening store files: the migration ladder, and refusals that leave the file untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shopdesk.domain import errors
from shopdesk.store import backup, migrate
from shopdesk.store.db import inspect
from shopdesk.store.opening import create_store, open_store

V1 = Path(__file__).with_name("data") / "v1.sqlite"
V2 = Path(__file__).with_name("data") / "v2.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_ladder_is_numbered_without_gaps():
    assert [m.version for m in migrate.MIGRATIONS] == list(range(1, migrate.LATEST + 1))
    for m in migrate.MIGRATIONS:
        assert m.statements()


def test_upgrades_an_old_file_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(V1, path)
    assert inspect(path) == 1
    with open_store(path) as store:
        assert store.schema_version == migrate.LATEST
        assert store.conn.execute("SELECT username FROM staff").fetchone()[0] == "owner"
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"orders", "products", "stock_movements"} <= tables
    saved = [p for p in backup.list_backups(path) if "before-v" in p.name]
    assert len(saved) == 1
    assert digest(saved[0]) != digest(path)
    assert sqlite3.connect(saved[0]).execute("PRAGMA user_version").fetchone()[0] == 1


def test_failed_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    shutil.copy(V1, path)
    before = digest(path)
    broken = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, broken)
    (broken / "0002_commerce.sql").write_text(
        (broken / "0002_commerce.sql").read_text() + "\nCREATE TABLE orders (x);\n", encoding="utf-8")
    steps = tuple(migrate.Migration(m.version, m.name, broken / m.path.name) for m in migrate.MIGRATIONS)
    monkeypatch.setattr(migrate, "MIGRATIONS", steps)
    with pytest.raises(errors.StoreError):
        open_store(path)
    assert digest(path) == before
    assert inspect(path) == 1


def test_newer_file_is_refused_unchanged(store_path):
    conn = sqlite3.connect(store_path)
    conn.execute(f"PRAGMA user_version = {migrate.LATEST + 1}")
    conn.close()
    before = digest(store_path)
    with pytest.raises(errors.StoreTooNew) as info:
        open_store(store_path)
    assert "newer ShopDesk" in info.value.message() and str(store_path) in info.value.message()
    assert digest(store_path) == before


def test_missing_file(tmp_path):
    with pytest.raises(errors.StoreMissing, match="does not exist"):
        open_store(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


@pytest.mark.parametrize("content", [b"", b"name,price\nshoe,12\n", b"SQLite format 3\x00" + b"\x00" * 84])
def test_not_a_store(tmp_path, content):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(errors.StoreError) as info:
        open_store(path)
    assert str(path) in info.value.message()
    assert path.read_bytes() == content


def test_other_sqlite_file_is_not_a_store(tmp_path):
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    before = digest(path)
    with pytest.raises(errors.StoreNotAStore, match="not a ShopDesk store"):
        open_store(path)
    assert digest(path) == before


def test_corrupt_file_is_refused_unchanged(demo_path):
    data = bytearray(demo_path.read_bytes())
    page = 4096
    for offset in range(page * 3, page * 12, 7):
        data[offset] = (data[offset] + 91) % 256
    demo_path.write_bytes(bytes(data))
    before = digest(demo_path)
    with pytest.raises(errors.StoreCorrupt) as info:
        open_store(demo_path)
    message = info.value.message()
    assert str(demo_path) in message and "backups" in message
    assert digest(demo_path) == before


HOLDER = textwrap.dedent("""
    import sys, time
    from shopdesk.store.opening import open_store
    store = open_store(sys.argv[1], what="ShopDesk test window", daily_backup=False)
    print("ready", flush=True)
    sys.stdin.readline()
""")


def test_second_writer_is_refused_with_the_holder_named(store_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = digest(store_path)
        with pytest.raises(errors.StoreBusy) as info:
            open_store(store_path)
        assert "ShopDesk test window" in info.value.message()
        assert str(store_path) in info.value.message()
        assert digest(store_path) == before
        with open_store(store_path, write=False) as reader:  # reading alongside is fine
            assert reader.conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 1
    finally:
        holder.communicate("\n", timeout=10)
    with open_store(store_path, daily_backup=False) as store:  # released when the holder ends
        assert store.writable


LOCKER = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT INTO settings VALUES ('x', '1', 'now')")
    print("ready", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
""")


def test_store_locked_by_another_program(store_path):
    before = digest(store_path)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(store_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout.readline().strip() == "ready"
        with pytest.raises(errors.StoreLocked) as info:
            open_store(store_path)
        assert "locked by another program" in info.value.message()
        assert str(store_path) in info.value.message()
    finally:
        locker.communicate("\n", timeout=10)
    assert digest(store_path) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file(store_path):
    store_path.chmod(0o444)
    with pytest.raises(errors.StoreReadOnly):
        open_store(store_path)


def test_create_refuses_to_overwrite(store_path):
    before = digest(store_path)
    with pytest.raises(errors.StoreExists):
        create_store(store_path)
    assert digest(store_path) == before


def test_settings_on_every_connection(store_path):
    with open_store(store_path, daily_backup=False) as store:
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_read_only_file_as_root_too(store_path, monkeypatch):
    before = digest(store_path)
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(errors.StoreReadOnly) as info:
        open_store(store_path)
    assert "cannot be written" in info.value.message()
    assert digest(store_path) == before


def test_upgrades_the_v2_file_keeping_its_orders(tmp_path):
    path = tmp_path / "v2.sqlite"
    shutil.copy(V2, path)
    assert inspect(path) == 2
    with open_store(path) as store:
        assert store.schema_version == migrate.LATEST
        row = store.conn.execute("SELECT order_no, total_cents, import_id FROM orders").fetchone()
        assert tuple(row) == ("M0001", 19900, None)
        assert store.conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 1
    assert any("before-v" in p.name for p in backup.list_backups(path))


def test_the_v4_file_opens_and_keeps_its_data(tmp_path):
    path = tmp_path / "v4.sqlite"
    shutil.copy(Path(__file__).with_name("data") / "v4.sqlite", path)
    with open_store(path) as store:
        assert store.schema_version == migrate.LATEST
        assert store.conn.execute("SELECT order_no FROM orders").fetchone()[0] == "1001"
        assert store.conn.execute("SELECT amount FROM targets").fetchone()[0] == 3_000_000
        assert store.conn.execute("SELECT status FROM imports").fetchone()[0] == "done"


def test_new_store_has_large_pages_and_wal(tmp_path):
    from shopdesk.store.db import PAGE_SIZE
    store = create_store(tmp_path / "new.sqlite")
    try:
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE == 16384
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        store.close()


def test_region_step_moves_the_tmall_report_address_out_of_the_channel(tmp_path):
    step = next(m for m in migrate.MIGRATIONS if m.name == "order_region")
    conn = sqlite3.connect(tmp_path / "s.sqlite", isolation_level=None)
    migrate.apply(conn, step.version - 1)
    conn.executemany("INSERT INTO imports (id, started_at, staff_name, platform, mapping, files) "
                     "VALUES (?, '2020-03-01T00:00:00+08:00', 'boss', ?, ?, '[]')",
                     [(1, "tmall", "tmall-order-report"), (2, "generic", "generic-lines")])
    conn.executemany("INSERT INTO orders (platform, order_no, channel, status, created_at, day, total_cents, "
                     "import_id) VALUES (?, ?, ?, 'received', '2020-02-21T00:00:00+08:00', '2020-02-21', 100, ?)",
                     [("tmall", "1", "广东省", 1), ("tmall", "2", "内蒙古自治区", 1), ("tmall", "3", "上海", 1),
                      ("tmall", "4", "新疆维吾尔自治区", 1), ("generic", "5", "搜索", 2)])
    migrate.apply(conn)
    assert conn.execute("SELECT order_no, region, channel FROM orders ORDER BY order_no").fetchall() == [
        ("1", "广东", ""), ("2", "内蒙古", ""), ("3", "上海", ""), ("4", "新疆", ""), ("5", "", "搜索")]
