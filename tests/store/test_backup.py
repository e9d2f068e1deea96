"""Daily, pre-migration and manual backups, rotation and restore."""

import sqlite3

import pytest

from shopdesk.domain import errors
from shopdesk.store import backup, migrate
from shopdesk.store.opening import open_store


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
    from shopdesk.services.backup import restore_store
    path = session.store.path
    saved = backup.backup_store(session.store, "manual")
    add_staff(session, "amy", Role.FINANCE, "secret12")
    session.store.close()
    from shopdesk.services.backup import restore_login
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


def _digest(path):
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _grow(path, megabytes=24):
    """Make the store large enough that a backup copies it in several steps."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE filler (b BLOB)")
        conn.executemany("INSERT INTO filler VALUES (randomblob(1048576))", [()] * megabytes)
    conn.close()


IN_PLACE_BACKUP = """
import sqlite3, sys, time
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])

def step(status, remaining, total):
    print("copying", flush=True)
    time.sleep(120)

src.backup(dst, pages=256, progress=step)
"""

SLOW_BACKUP = """
import sys, time
from pathlib import Path
from shopdesk.store import backup

def progress(done, total, _):
    if done < total:
        print("copying", flush=True)
        time.sleep(120)

backup.backup_file(Path(sys.argv[1]), "manual", progress=progress)
print("finished", flush=True)
"""


def killed_while_copying(script: str, *args: str, while_copying=lambda: None) -> int:
    """Run a backup ``script`` in a child process, call ``while_copying`` once it copies, kill it (-9) and return
    its exit status."""
    import signal
    import subprocess
    import sys
    child = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "copying"
        while_copying()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    return child.returncode


def test_a_backup_is_named_only_once_complete(store_path):
    _grow(store_path)
    seen = []

    def progress(done, total, _):
        seen.append((backup.list_backups(store_path), sorted(p.name for p in store_path.parent.glob("backups/.*"))))
    target = backup.backup_file(store_path, "manual", progress=progress)
    assert len(seen) > 1
    for listed, hidden in seen:  # while copying: no backup under its name, only the temporary file
        assert listed == []
        assert any(name.startswith(f".{target.name}.") and name.endswith(".partial") for name in hidden)
    assert backup.list_backups(store_path) == [target]
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    assert sqlite3.connect(target).execute("SELECT COUNT(*) FROM filler").fetchone()[0] == 24


def test_a_killed_backup_leaves_only_its_temporary_file(store_path):
    import signal
    real = [backup.backup_file(store_path, "manual"), backup.backup_file(store_path, "manual")]
    digests = [_digest(p) for p in real]
    _grow(store_path)

    def not_yet_a_leftover():
        assert backup.leftovers(store_path) == []  # still being written: not a leftover
    assert killed_while_copying(SLOW_BACKUP, str(store_path), while_copying=not_yet_a_leftover) == -signal.SIGKILL
    assert backup.list_backups(store_path) == sorted(real, reverse=True)
    found = backup.leftovers(store_path)
    assert found and all(item.kind == "unfinished" and item.path.name.startswith(f".{store_path.stem}-")
                         and ".partial" in item.path.name for item in found)
    assert backup.remove_leftovers(store_path) == ([item.path for item in found], [])
    assert sorted(p.name for p in backup.list_backups(store_path)) == sorted(p.name for p in real)
    assert sorted(backup.dbmod.backups_dir(store_path).iterdir()) == sorted(real)
    assert [_digest(p) for p in real] == digests
    assert backup.leftovers(store_path) == []


def test_leftovers_are_what_is_not_a_usable_backup(store_path):
    import datetime as dt
    import os
    import subprocess
    import sys
    real = backup.backup_file(store_path, "manual")
    folder = real.parent
    junk = folder / f"{store_path.stem}-20260101-000000-manual.sqlite"
    junk.write_bytes(b"half a header")
    empty = folder / f"{store_path.stem}-20260102-000000-daily.sqlite"
    empty.write_bytes(b"")
    orphan = folder / f"{store_path.stem}-20260103-000000-daily.sqlite-journal"
    orphan.write_bytes(b"x" * 100)
    notes = folder / "notes.txt"
    notes.write_text("mine")
    other = folder / "other-20260101-000000-manual.sqlite"
    other.write_bytes(b"another store's file")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    gone = folder / f".{real.name}.{backup._host()}.{dead}.partial"
    gone.write_bytes(b"SQLite format 3\x00")
    running = folder / f".{real.name}.{backup._host()}.{os.getpid()}.partial"
    running.write_bytes(b"SQLite format 3\x00")
    elsewhere_now = folder / f".{real.name}.another_computer.123.partial"
    elsewhere_now.write_bytes(b"")
    elsewhere_old = folder / f".{real.name}.another_computer.124.partial"
    elsewhere_old.write_bytes(b"")
    old = (dt.datetime.now() - backup.OTHER_HOST_GRACE - dt.timedelta(minutes=1)).timestamp()
    os.utime(elsewhere_old, (old, old))
    found = {item.path.name: item.kind for item in backup.leftovers(store_path)}
    assert found == {junk.name: "not_a_store", empty.name: "not_a_store", orphan.name: "unfinished",
                     gone.name: "unfinished", elsewhere_old.name: "unfinished"}
    removed, failed = backup.remove_leftovers(store_path, only=[junk, gone])
    assert sorted(removed) == sorted([junk, gone]) and failed == []
    assert {item.path.name for item in backup.leftovers(store_path)} == {empty.name, orphan.name,
                                                                         elsewhere_old.name}
    assert real.exists() and notes.exists() and other.exists() and running.exists() and elsewhere_now.exists()
    assert backup.list_backups(store_path)[0] == real


def test_a_copy_stopped_mid_way_under_a_backup_name_is_a_leftover(store_path):
    """What an older version, which wrote a backup under its final name, left when it was killed."""
    _grow(store_path)
    real = backup.backup_file(store_path, "manual")
    stopped = real.with_name(f"{store_path.stem}-20260101-000000-daily.sqlite")
    killed_while_copying(IN_PLACE_BACKUP, str(store_path), str(stopped))
    journal = stopped.with_name(stopped.name + "-journal")
    assert stopped.exists() and journal.exists()
    found = {item.path: item.kind for item in backup.leftovers(store_path)}
    assert found == {stopped: "unfinished", journal: "unfinished"}
    backup.remove_leftovers(store_path)
    assert sorted(real.parent.iterdir()) == [real]


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
    assert backup.leftovers(path) == []  # kept on purpose: check does not offer to remove it
