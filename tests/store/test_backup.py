"""Daily, pre-migration and manual backups, rotation and restore."""

import sqlite3

import pytest

from shopdesk.domain import errors
from shopdesk.store import backup, migrate
from shopdesk.store.db import open_store


def test_first_open_of_the_day_backs_up_once(store_path):
    with open_store(store_path):
        pass
    with open_store(store_path):
        pass
    daily = [p for p in backup.list_backups(store_path) if p.name.endswith("-daily.sqlite")]
    assert len(daily) == 1
    assert store_path.parent / "backups" == daily[0].parent
    conn = sqlite3.connect(daily[0])
    assert conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0] == 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_rotation_keeps_the_setting(session):
    from shopdesk.services.accounts import update_settings
    update_settings(session, {"backup.keep": "3"})
    made = [backup.backup_store(session.store, f"manual{i}") for i in range(5)]
    kept = backup.list_backups(session.store.path)
    assert len(kept) == 3
    assert set(kept) == set(made[-3:])


def test_restore_replaces_and_keeps_the_replaced_file(session):
    from shopdesk.domain.roles import Role
    from shopdesk.services.accounts import add_staff
    from shopdesk.services.backups import restore_store
    path = session.store.path
    saved = backup.backup_store(session.store, "manual")
    add_staff(session, "amy", Role.FINANCE, "secret12")
    session.store.close()
    from shopdesk.services.backups import restore_login
    kept = restore_store(saved, path, restore_login(saved, path, "boss", "secret12"))
    with open_store(path, daily_backup=False) as store:
        names = [r[0] for r in store.conn.execute("SELECT username FROM staff")]
        assert names == ["boss"]
        last = store.conn.execute("SELECT action, staff_name FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        assert tuple(last) == ("store.restored", "boss")
    with sqlite3.connect(kept) as conn:
        assert {r[0] for r in conn.execute("SELECT username FROM staff")} == {"boss", "amy"}


def test_restore_refuses_a_bad_backup_and_changes_nothing(store_path, tmp_path):
    import hashlib
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all")
    with pytest.raises(errors.BackupInvalid, match="cannot be restored"):
        backup.restore(junk, store_path)
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(store_path.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {migrate.LATEST + 5}")
    with pytest.raises(errors.BackupInvalid, match="newer ShopDesk"):
        backup.restore(newer, store_path)
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before
    assert backup.list_backups(store_path) == []


def test_backup_to_a_chosen_file(session, tmp_path):
    out = tmp_path / "copy.sqlite"
    assert backup.backup_store(session.store, out=out) == out
    assert sqlite3.connect(out).execute("PRAGMA user_version").fetchone()[0] == migrate.LATEST


def test_restore_over_a_damaged_file_keeps_its_bytes_and_writes_a_new_store(session, tmp_path):
    path = session.store.path
    saved = backup.backup_store(session.store, "manual")
    session.store.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)  # the header, then nothing readable
    kept = backup.restore(saved, path)
    assert kept.parent == path.parent / "backups" and kept.name.endswith("-before-restore-damaged.sqlite")
    assert kept.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 8000
    with open_store(path, daily_backup=False) as store:
        assert store.conn.execute("SELECT username FROM staff").fetchone()[0] == "boss"
