"""Opening, creating and closing a store file.

A store is opened for reading or for writing. Opening checks, in order, that
the file exists, is a SQLite file made by ShopDesk, is not newer than this
version, passes SQLite's quick check and (for writing) is writable and not
being written by another ShopDesk. Every check reads only: a failed open never
changes the file. Only then are pending migrations applied (after a backup)
and the day's first backup taken.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from typing import TYPE_CHECKING

import filelock

from shopdesk.domain import errors
from shopdesk.domain.clock import iso
from shopdesk.store import migrate

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
#: Page size of new store files, in bytes.
PAGE_SIZE = 16384
#: Opening waits less for a lock than a running write does: the user is waiting.
INSPECT_BUSY_MS = 1500


def backups_dir(path: Path) -> Path:
    """The ``backups/`` folder beside the store file."""
    return path.parent / "backups"


class Store:
    """An open store file: one SQLite connection plus, for writing, the writer lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: filelock.BaseFileLock | None) -> None:
        self.path = path
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self._lock = lock
        self._open = True

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on this connection (imported on first use: it loads pandas)."""
        if self._db is None:
            import sqlite_utils
            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @property
    def is_open(self) -> bool:
        """Whether the connection is still open."""
        return self._open

    @property
    def writable(self) -> bool:
        """Whether this process holds the store's writer lock."""
        return self._lock is not None

    @property
    def schema_version(self) -> int:
        """The file's ``PRAGMA user_version``."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An immediate transaction: commits at the end, rolls back on any exception.

        Nested use joins the outer transaction. Audit rows written inside commit
        or roll back with the change they describe.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _translate(exc, self.path) from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _translate(exc, self.path) from exc

    def reader(self) -> sqlite3.Connection:
        """A new read-only connection, for a worker thread of its own."""
        return _connect(self.path, readonly=True)

    def read_only(self) -> Store:
        """The same file through a read-only connection of its own (for a worker thread); close it after."""
        return Store(self.path, self.reader(), None)

    def close(self) -> None:
        """Close the connection and release the writer lock."""
        self._open = False
        with contextlib.suppress(sqlite3.Error):
            if self.writable:
                self.conn.execute("PRAGMA optimize")
            self.conn.close()
        if self._lock is not None:
            with contextlib.suppress(OSError):
                _owner_path(self.path).unlink()
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path, readonly: bool, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_ms / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a power cut may undo the last commit, never corrupt
    return conn


def _translate(exc: BaseException, path: Path) -> errors.StoreError:
    """The user-facing error for a SQLite or OS error met on ``path``."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "database or disk is full" in text:
        return errors.DiskFull(path=path)
    if "locked" in text or "busy" in text:
        return errors.StoreLocked(path=path)
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return errors.StoreReadOnly(path=path)
    if "not a database" in text:
        return errors.StoreNotAStore(path=path)
    return errors.StoreCorrupt(path=path, detail=str(exc), backups=backups_dir(path))


def _owner_path(path: Path) -> Path:
    return path.with_name(path.name + ".owner")


def _acquire_writer_lock(path: Path, what: str) -> filelock.BaseFileLock:
    lock = filelock.FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        try:
            owner = json.loads(_owner_path(path).read_text(encoding="utf-8"))
            holder = f"{owner['what']}, pid {owner['pid']} on {owner['host']}, since {owner['since']}"
        except (OSError, ValueError, KeyError):
            holder = "?"
        raise errors.StoreBusy(path=path, holder=holder) from None
    except OSError as exc:
        raise errors.StoreReadOnly(path=path) from exc
    with contextlib.suppress(OSError):
        _owner_path(path).write_text(json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(), "what": what,
            "since": iso(dt.datetime.now().astimezone()),
        }), encoding="utf-8")
    return lock


def inspect(path: Path) -> int:
    """Check ``path`` without changing it and return its schema version.

    Raises:
        StoreMissing, StoreNotAStore, StoreTooNew, StoreCorrupt, StoreLocked.
    """
    if not path.exists():
        raise errors.StoreMissing(path=path)
    if not path.is_file():
        raise errors.StoreNotAStore(path=path)
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise errors.StoreReadOnly(path=path) from exc
    if header != SQLITE_HEADER:
        raise errors.StoreNotAStore(path=path)
    try:
        conn = _connect(path, readonly=True, busy_ms=INSPECT_BUSY_MS)
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != migrate.APPLICATION_ID:
            raise errors.StoreNotAStore(path=path)
        if version > migrate.LATEST:
            raise errors.StoreTooNew(path=path, found=version, known=migrate.LATEST)
        result = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if result != ["ok"]:
            raise errors.StoreCorrupt(path=path, detail="; ".join(result), backups=backups_dir(path))
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    finally:
        conn.close()
    return version


def open_store(path: Path | str, *, write: bool = True, what: str = "ShopDesk",
               daily_backup: bool = True) -> Store:
    """Open an existing store, checked, migrated and backed up.

    Args:
        path: the store file.
        write: take the writer lock (refused while another ShopDesk writes).
        what: how this program is named to a second one that finds the lock.
        daily_backup: take the day's first backup if none was taken today.

    Raises:
        StoreError subclasses with a message naming the file and the next step.
    """
    from shopdesk.store import backup

    path = Path(path).expanduser().resolve()
    version = inspect(path)
    if not write:
        conn = _connect(path, readonly=True)
        return Store(path, conn, None)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise errors.StoreReadOnly(path=path)
    lock = _acquire_writer_lock(path, what)
    try:
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
    except BaseException:
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
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
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
