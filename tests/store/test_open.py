"""Opening for reading (no lock, no write access) and when the full check of the file runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shopdesk.domain import errors
from shopdesk.store import backup, db, migrate
from shopdesk.store.opening import open_store

V1 = Path(__file__).with_name("data") / "v1.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> set[str]:
    return {p.name[len(path.name):] for p in path.parent.iterdir() if p.name.startswith(path.name + ".")}


def test_a_reader_takes_no_lock_and_changes_nothing(store_path):
    before = digest(store_path)
    with open_store(store_path, write=False) as store:
        assert not store.writable
        assert store.conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 1
        assert ".lock" not in sidecars(store_path) and ".owner" not in sidecars(store_path)
        with pytest.raises(errors.StoreOpenedReadOnly) as info:
            with store.transaction() as conn:
                conn.execute("INSERT INTO settings VALUES ('x', '1', 'now')")
        assert str(store_path) in info.value.message() and "reading only" in info.value.message()
        with open_store(store_path, daily_backup=False) as writer:  # a writer opens alongside
            assert writer.writable
    assert digest(store_path) == before
    assert not backup.list_backups(store_path)  # no daily backup either


def test_a_reader_needs_no_write_access(store_path, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)  # as if read-only, even as root
    with open_store(store_path, write=False) as store:
        assert store.conn.execute("SELECT username FROM staff").fetchone()[0] == "boss"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_file_and_folder_are_read(store_path):
    store_path.chmod(0o444)
    with open_store(store_path, write=False) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 1
    store_path.parent.chmod(0o555)  # no -shm can be made beside it: read as an unchanging file
    try:
        with open_store(store_path, write=False) as store:
            assert store.conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 1
    finally:
        store_path.parent.chmod(0o755)


WRITER = textwrap.dedent("""
    import sys
    from shopdesk.store.opening import open_store
    store = open_store(sys.argv[1], what="ShopDesk import", daily_backup=False)
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.execute("INSERT OR REPLACE INTO settings VALUES ('store.name', '\\"during\\"', 'now')")
    print("written", flush=True)
    sys.stdin.readline()
    store.conn.execute("COMMIT")
    print("committed", flush=True)
    sys.stdin.readline()
    store.close()
""")


def test_a_reader_sees_what_a_running_import_has_committed(store_path):
    def name() -> str:
        with open_store(store_path, write=False) as reader:
            return json.loads(reader.conn.execute("SELECT value FROM settings WHERE key = 'store.name'").fetchone()[0])
    before = name()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "written"
        assert name() == before  # the open transaction is not seen, and does not block the reader
        with pytest.raises(errors.StoreBusy):
            open_store(store_path)
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"
        assert name() == "during"  # committed while the writer still holds the store
    finally:
        writer.communicate("\n", timeout=10)


def test_a_reader_upgrades_an_old_store_once_and_then_only_reads(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(V1, path)
    with open_store(path, write=False) as store:
        assert store.schema_version == migrate.LATEST and not store.writable
        assert ".owner" not in sidecars(path)  # the upgrade's lock was let go
    assert [p for p in backup.list_backups(path) if "before-v" in p.name]


def test_an_old_store_that_cannot_be_written_is_explained_to_a_reader(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    shutil.copy(V1, path)
    before = digest(path)
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    with pytest.raises(errors.StoreNeedsUpgrade) as info:
        open_store(path, write=False)
    message = info.value.message()
    assert str(path) in message and f"schema {migrate.LATEST}" in message and "upgraded" in message
    assert digest(path) == before


# the full check ---------------------------------------------------------------------------------------

def opened_fully_checked(path: Path, write: bool) -> bool:
    with open_store(path, write=write, daily_backup=False) as store:
        return store.fully_checked


@pytest.mark.parametrize("write", [False, True])
def test_the_full_check_runs_once_a_day(store_path, monkeypatch, write):
    assert opened_fully_checked(store_path, write)  # never checked here
    assert not opened_fully_checked(store_path, write)
    assert not opened_fully_checked(store_path, not write)  # readers and writers share the record
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=23)
    monkeypatch.setattr(db, "_now", lambda: later)
    assert not opened_fully_checked(store_path, write)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1, minutes=1)
    monkeypatch.setattr(db, "_now", lambda: later)
    assert opened_fully_checked(store_path, write)
    assert not opened_fully_checked(store_path, write)


def test_the_days_between_full_checks_are_a_setting(store_path):
    conn = sqlite3.connect(store_path)
    conn.execute("INSERT INTO settings VALUES ('store.full_check_days', '0', 'now')")
    conn.commit()
    conn.close()
    assert opened_fully_checked(store_path, False)
    assert opened_fully_checked(store_path, False)
    assert opened_fully_checked(store_path, True)


def test_another_file_put_in_its_place_is_checked(store_path, _template_store):
    assert opened_fully_checked(store_path, False)
    other = store_path.with_name("other.sqlite")
    shutil.copy(_template_store, other)
    other.replace(store_path)
    assert opened_fully_checked(store_path, False)


def test_a_damaged_page_is_found_by_the_next_due_check(demo_path, monkeypatch):
    assert opened_fully_checked(demo_path, True)
    data = bytearray(demo_path.read_bytes())
    page = db.PAGE_SIZE
    for offset in range(page * 20, page * 40, 7):  # table pages, far from the header and the schema
        data[offset] = (data[offset] + 91) % 256
    demo_path.write_bytes(bytes(data))
    assert not opened_fully_checked(demo_path, False)  # the cheap checks pass: not due yet
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    monkeypatch.setattr(db, "_now", lambda: later)
    before = digest(demo_path)
    for write in (False, True):
        with pytest.raises(errors.StoreCorrupt) as info:
            open_store(demo_path, write=write)
        assert str(demo_path) in info.value.message() and "backups" in info.value.message()
    assert digest(demo_path) == before
    assert ".owner" not in sidecars(demo_path)  # a refused open leaves no marker behind


def test_a_damaged_schema_is_refused_on_every_open(demo_path):
    assert opened_fully_checked(demo_path, True)
    data = bytearray(demo_path.read_bytes())
    for offset in range(200, db.PAGE_SIZE, 5):  # the first page past the header: the schema table
        data[offset] = (data[offset] + 91) % 256
    demo_path.write_bytes(bytes(data))
    with pytest.raises(errors.StoreError):
        open_store(demo_path, write=False)


CRASH = textwrap.dedent("""
    import os, sys
    from shopdesk.store.opening import open_store
    store = open_store(sys.argv[1], what="ShopDesk window", daily_backup=False)
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO settings VALUES ('store.name', '\\"crashed\\"', 'now')")
    os._exit(0)  # no close: as when the power goes
""")


def test_an_unclean_shutdown_is_followed_by_a_full_check(store_path):
    assert opened_fully_checked(store_path, True)
    subprocess.run([sys.executable, "-c", CRASH, str(store_path)], check=True, timeout=60)
    assert ".owner" in sidecars(store_path)
    assert opened_fully_checked(store_path, False)  # a reader sees the writer is gone
    assert not opened_fully_checked(store_path, False)  # once: the file has not changed since
    with open_store(store_path, daily_backup=False) as store:
        assert store.conn.execute("SELECT value FROM settings WHERE key = 'store.name'").fetchone()[0] == '"crashed"'
    assert ".owner" not in sidecars(store_path)  # closed cleanly now
    assert not opened_fully_checked(store_path, True)


def test_a_writer_checks_after_an_unclean_shutdown_too(store_path):
    assert opened_fully_checked(store_path, True)
    subprocess.run([sys.executable, "-c", CRASH, str(store_path)], check=True, timeout=60)
    assert opened_fully_checked(store_path, True)
    assert not opened_fully_checked(store_path, True)


HOLDER = textwrap.dedent("""
    import sys
    from shopdesk.store.opening import open_store
    store = open_store(sys.argv[1], what="ShopDesk window", daily_backup=False)
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO settings VALUES ('store.name', '\\"open\\"', 'now')")
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
""")


def test_a_live_writer_is_no_unclean_shutdown(store_path):
    assert opened_fully_checked(store_path, True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert not opened_fully_checked(store_path, False)
    finally:
        holder.communicate("\n", timeout=10)


def test_check_records_its_full_check(store_path):
    from shopdesk.services.check import check_store
    assert check_store(store_path).ok
    assert not opened_fully_checked(store_path, False)
