"""Opening and creating a store file: checked, migrated after a backup, the day's first backup taken.

Every check reads only: a failed open never changes the file. Only then are pending migrations applied
(after a backup) and the day's first backup taken; a reader that finds a store needing an upgrade opens
it for writing once, for the upgrade only. (Opening needs the backups, and the backups need the
connections of ``store/db.py``: this module sits above both.)
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from shopdesk.domain import errors
from shopdesk.store import migrate
from shopdesk.store.db import (
    BUSY_TIMEOUT_MS,
    PAGE_SIZE,
    Store,
    _acquire_writer_lock,
    _connect,
    _full_check,
    _full_check_due,
    _owner_path,
    _translate,
    _writer_gone,
    inspect,
    record_full_check,
)


def open_store(path: Path | str, *, write: bool = True, what: str = "ShopDesk",
               daily_backup: bool = True) -> Store:
    """Open an existing store, checked, migrated and backed up.

    Args:
        path: the store file.
        write: take the writer lock (refused while another ShopDesk writes); without it the store is
            opened read-only, with no lock and no write access needed (a store needing an upgrade is
            opened for writing once first, for the upgrade alone).
        what: how this program is named to a second one that finds the lock.
        daily_backup: take the day's first backup if none was taken today (writing only).

    Raises:
        StoreError subclasses with a message naming the file and the next step.
    """
    path = Path(path).expanduser().resolve()
    version = inspect(path, full_check=False)
    if not write:
        if version < migrate.LATEST:
            _upgrade(path, version, what)
        return _open_reader(path)
    return _open_writer(path, version, what, daily_backup)


def open_as_is(path: Path | str) -> Store:
    """Open ``path`` for reading exactly as it is: the cheap checks only, no upgrade, no full check, no lock.

    For reading the accounts of a file that must not change: a backup, or the store a restore is about to
    replace.

    Raises:
        StoreError subclasses, as :func:`inspect`.
    """
    path = Path(path).expanduser().resolve()
    inspect(path, full_check=False)
    try:
        conn = _connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    return Store(path, conn, None)


def _open_reader(path: Path) -> Store:
    try:
        conn = _connect(path, readonly=True)
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    store = Store(path, conn, None)
    try:
        if _full_check_due(conn, path, unclean=_writer_gone(path)):
            _full_check(conn, path)
            store.fully_checked = True
            record_full_check(path)
    except BaseException:
        conn.close()
        raise
    return store


def _upgrade(path: Path, version: int, what: str) -> None:
    """Open for writing once, to apply the pending migrations (after a backup), and close."""
    try:
        open_store(path, write=True, what=what, daily_backup=False).close()
    except errors.StoreReadOnly as exc:
        raise errors.StoreNeedsUpgrade(path=path, found=version, latest=migrate.LATEST) from exc


def _open_writer(path: Path, version: int, what: str, daily_backup: bool) -> Store:
    from shopdesk.store import backup  # a reader never needs it: its start-up does not load it
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise errors.StoreReadOnly(path=path)
    left_behind = _owner_path(path).exists()  # before the lock: a marker a live writer keeps is refused below
    lock = _acquire_writer_lock(path, what)
    checked = False
    try:
        try:
            check = _connect(path, readonly=True)
        except sqlite3.Error as exc:
            raise _translate(exc, path) from exc
        try:
            if version < migrate.LATEST or _full_check_due(check, path, unclean=left_behind):
                _full_check(check, path)
                checked = True
        finally:
            check.close()
        if checked:
            record_full_check(path)
        if version < migrate.LATEST:
            backup.backup_file(path, reason=f"before-v{migrate.LATEST}")
        conn = _connect(path, readonly=False)
        try:
            migrate.apply(conn)
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            conn.close()
            raise _translate(exc, path) from exc
        store = Store(path, conn, lock)
        store.fully_checked = checked
    except BaseException:
        if not left_behind:
            with contextlib.suppress(OSError):
                _owner_path(path).unlink()
        lock.release()
        raise
    if daily_backup:
        try:
            backup.daily_backup(store)
        except BaseException:
            store.close()
            raise
    return store


def create_store(path: Path | str, what: str = "ShopDesk") -> Store:
    """Create a new, empty store file at the latest schema and open it for writing.

    Raises:
        StoreExists: a file is already there (nothing is overwritten).
        StoreReadOnly: the folder cannot be written.
    """
    path = Path(path).expanduser().resolve()
    if path.exists():
        raise errors.StoreExists(path=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _translate(exc, path) from exc
    lock = _acquire_writer_lock(path, what)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        # 16 KiB pages: a store holds hundreds of thousands of order lines that are bulk-loaded and
        # scanned in ranges; larger pages mean fewer B-tree splits and shorter scans (set before WAL).
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        migrate.apply(conn)
    except BaseException as exc:
        lock.release()
        with contextlib.suppress(Exception):
            conn.close()
        for leftover in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise _translate(exc, path) from exc
        raise
    return Store(path, conn, lock)
