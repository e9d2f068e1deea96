"""A store file's connections, checks and writer lock, and the :class:`Store` a session works on.

Every open (``store/opening.py``) checks, in order, that the file exists, is a SQLite file made by
ShopDesk, is not newer than this version and that its schema can be read; these checks cost the same at
any size. The full check (SQLite's quick check, which reads the whole file) runs only when it is due: the
first time a file is opened here, after an unclean shutdown (a writer that ended without closing the
store) and once the setting ``store.full_check_days`` has passed since the last one. The last full check
is recorded in ``<store>.checked`` beside the file, so that a reader, which never writes the store, can
record it too.

A reader takes no lock and needs no write access; any number of readers and one writer share the file
(WAL: a reader sees what was committed when its read began). A writer also takes the writer lock, refused
while another ShopDesk writes; ``<store>.owner`` names it while it is open and is removed on a clean
close, so that one left behind marks an unclean shutdown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from shopdesk.domain import errors
from shopdesk.domain.changes import Changes, changes_of
from shopdesk.domain.clock import iso
from shopdesk.store import migrate

if TYPE_CHECKING:
    import filelock
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
#: Page size of new store files, in bytes.
PAGE_SIZE = 16384
#: Opening waits less for a lock than a running write does: the user is waiting.
INSPECT_BUSY_MS = 1500
#: The setting that spaces the full checks made on opening.
CHECK_SETTING = "store.full_check_days"
#: How long the window's own transaction waits for one of the writer thread's (an import) before it is refused.
GATE_WAIT_S = 1.0


def backups_dir(path: Path) -> Path:
    """The ``backups/`` folder beside the store file."""
    return path.parent / "backups"


class _Shared:
    """What every connection of one open store shares: the write gate (one transaction at a time, whichever
    thread writes) and who is told what each committed transaction changed."""

    def __init__(self) -> None:
        self.gate = threading.Lock()
        self.work = ""  # what holds the gate for long, named to a change refused meanwhile
        self.listeners: list[Callable[[Changes], None]] = []


class Store:
    """An open store file: one SQLite connection plus, for writing, the writer lock.

    A connection belongs to the thread that opened it: work on another thread opens its own with
    :meth:`read_only` or :meth:`writer` and closes it there.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: filelock.BaseFileLock | None,
                 shared: _Shared | None = None) -> None:
        self.path = path
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self._lock = lock
        self._owns_lock = shared is None
        self._shared = shared or _Shared()
        self._open = True
        #: Whether opening ran the full check (it was due).
        self.fully_checked = False
        #: How long a transaction waits for another one of this store's (seconds; None waits as long as it
        #: takes). The window's own connection waits briefly and then refuses: the user is waiting.
        self.gate_wait: float | None = GATE_WAIT_S
        #: What a long transaction of this connection is, named to a change refused while it runs.
        self.work = ""
        #: What the last committed transaction changed.
        self.last_changes: Changes = frozenset()

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
    def transaction(self, work: str = "") -> Iterator[sqlite3.Connection]:
        """An immediate transaction: commits at the end, rolls back on any exception.

        Nested use joins the outer transaction. Audit rows written inside commit or roll back with the
        change they describe; after the commit, the kinds of data they say changed are handed to every
        listener (:meth:`on_change`), on the committing thread. Transactions of this store's connections
        (the window's, the writer thread's) run one at a time; ``work`` names a long one to a change that
        is refused while it runs.

        Raises:
            StoreOpenedReadOnly; WriterBusy: another transaction of this store held on past ``gate_wait``.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        if self._lock is None:
            raise errors.StoreOpenedReadOnly(path=self.path)
        shared = self._shared
        if not shared.gate.acquire(timeout=-1 if self.gate_wait is None else self.gate_wait):
            raise errors.WriterBusy(path=self.path, work=shared.work or "ShopDesk")
        try:
            shared.work = work or self.work
            actions = self._transact()
            with actions as first_audit:
                yield self.conn
                changes = changes_of(r[0] for r in self.conn.execute(
                    "SELECT DISTINCT action FROM audit_log WHERE id > ?", (first_audit,)))
        finally:
            shared.work = ""
            shared.gate.release()
        self.last_changes = changes
        if changes:
            for listener in list(shared.listeners):
                listener(changes)

    @contextlib.contextmanager
    def _transact(self) -> Iterator[int]:
        """BEGIN … COMMIT (ROLLBACK on any exception); yields the last audit row's id before it."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _translate(exc, self.path) from exc
        try:
            yield self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _translate(exc, self.path) from exc

    def on_change(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call ``listener(changes)`` after every transaction of this store (and of its writer connections)
        that changed something; returns the call that stops it."""
        self._shared.listeners.append(listener)
        return lambda: self._shared.listeners.remove(listener) if listener in self._shared.listeners else None

    def writer(self) -> Store:
        """The same file through a read-write connection of its own, for the writer thread: it shares this
        store's writer lock, its transactions' gate and its listeners, and waits for the gate as long as it
        takes. Close it on the thread that opened it; the lock stays with this store.

        Raises:
            StoreOpenedReadOnly.
        """
        if self._lock is None:
            raise errors.StoreOpenedReadOnly(path=self.path)
        try:
            conn = _connect(self.path, readonly=False)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc
        clone = Store(self.path, conn, self._lock, self._shared)
        clone.gate_wait = None
        return clone

    def reader(self) -> sqlite3.Connection:
        """A new read-only connection, for a worker thread of its own."""
        return _connect(self.path, readonly=True)

    def read_only(self) -> Store:
        """The same file through a read-only connection of its own (for a worker thread); close it after."""
        return Store(self.path, self.reader(), None)

    def damage(self, exc: BaseException) -> errors.StoreCorrupt | None:
        """The user's message when ``exc``, met while using the store, says the file is damaged (a page the
        cheap checks of opening do not read); the last full check is forgotten, so that the next open makes
        one. ``None`` for any other error."""
        text = str(exc).lower()
        if not isinstance(exc, sqlite3.DatabaseError) or not ("malformed" in text or "corrupt" in text):
            return None
        with contextlib.suppress(OSError):
            _checked_path(self.path).unlink()
        return errors.StoreCorrupt(path=self.path, detail=str(exc), backups=backups_dir(self.path))

    def close(self) -> None:
        """Close the connection and release the writer lock."""
        self._open = False
        with contextlib.suppress(sqlite3.Error):
            if self.writable and self._owns_lock:
                self.conn.execute("PRAGMA optimize")
            self.conn.close()
        if not self._owns_lock:
            self._lock = None
        if self._lock is not None:
            with contextlib.suppress(OSError):
                _owner_path(self.path).unlink()
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row that ``cur``'s INSERT added (``lastrowid``, which sqlite3 leaves ``None`` only on a
    cursor that inserted nothing)."""
    rowid = cur.lastrowid
    if rowid is None:
        raise TypeError("the statement inserted no row")
    return rowid


def _connect(path: Path, readonly: bool, busy_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_ms / 1000, isolation_level=None)
    if readonly and _needs_immutable(conn, path):
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, timeout=busy_ms / 1000,
                               isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a power cut may undo the last commit, never corrupt
    return conn


def _needs_immutable(conn: sqlite3.Connection, path: Path) -> bool:
    """Whether a read-only connection fails only because SQLite cannot make the write-ahead log's index
    beside a store in a folder that cannot be written (a share, a copy on read-only media). Then nobody
    can be writing the file, and with no log left beside it the file alone holds every commit: it is read
    as unchanging."""
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        wal = Path(str(path) + "-wal")
        return ("readonly" in text or "read-only" in text or "unable to open" in text) \
            and not os.access(path.parent, os.W_OK) and (not wal.exists() or wal.stat().st_size == 0)
    return False


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
    import filelock  # only writers need it

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


# The full check -----------------------------------------------------------------------------------------

def _checked_path(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _identity(path: Path) -> list[int]:
    """Which file this is: a file put in its place (a copy, a restore by rename) is another one."""
    st = path.stat()
    return [st.st_dev, st.st_ino]


def _file_state(path: Path) -> list[list[int] | None]:
    """Size and modification time of the store and its write-ahead log: unchanged while nobody writes."""
    state: list[list[int] | None] = []
    for part in (path, Path(str(path) + "-wal")):
        try:
            st = part.stat()
        except OSError:
            state.append(None)
        else:
            state.append([st.st_size, st.st_mtime_ns])
    return state


def _last_check(path: Path) -> dict | None:
    """The record of the last full check of this very file, or ``None``."""
    try:
        record = json.loads(_checked_path(path).read_text(encoding="utf-8"))
        record["at"] = dt.datetime.fromisoformat(record["checked_at"])
        if record["file"] != _identity(path) or record["at"].tzinfo is None:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return record


def record_full_check(path: Path) -> None:
    """Record a passed full check beside the store (skipped, said by nothing, where the folder cannot be
    written: the check is then made again on the next open)."""
    target = _checked_path(path)
    temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(json.dumps({"checked_at": _now().isoformat(timespec="seconds"),
                                    "file": _identity(path), "state": _file_state(path)}), encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()


def _writer_gone(path: Path) -> bool:
    """Whether ``<store>.owner`` names a writer that is no longer running (an unclean shutdown), as far as
    this computer can tell without taking the lock."""
    try:
        owner = json.loads(_owner_path(path).read_text(encoding="utf-8"))
        pid, host = int(owner["pid"]), owner["host"]
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError):
        return True  # a marker that cannot be read: check
    if host != socket.gethostname():
        return False  # another computer's writer: its next open checks
    running = process_running(pid)
    return running is False  # unknown (no safe way to ask): its next open checks


def process_running(pid: int) -> bool | None:
    """Whether the process ``pid`` of this computer still runs (one of another user counts); ``None`` where
    the system gives no safe way to ask (only POSIX is asked)."""
    if os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # running, as another user
    return True


def _check_interval_days(conn: sqlite3.Connection) -> int:
    from shopdesk.store.settings import get_or_default
    return int(get_or_default(conn, CHECK_SETTING))


def _full_check_due(conn: sqlite3.Connection, path: Path, unclean: bool) -> bool:
    """Whether opening must run the full check: never recorded for this file, an unclean shutdown since the
    last one changed the file, or the setting's days have passed."""
    record = _last_check(path)
    if record is None:
        return True
    if unclean and record.get("state") != _file_state(path):
        return True
    age = _now() - record["at"]
    return age < dt.timedelta(0) or age >= dt.timedelta(days=_check_interval_days(conn))


def _full_check(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's quick check of every page (the cost grows with the file).

    Raises:
        StoreCorrupt, or the error a failing read translates to.
    """
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    if result != ["ok"]:
        raise errors.StoreCorrupt(path=path, detail="; ".join(result), backups=backups_dir(path))


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection of the calling thread to the file at ``path`` (no lock, no checks)."""
    return _connect(path, readonly=True)


def integrity_problems(conn: sqlite3.Connection, limit: int = 50) -> list[str]:
    """SQLite's full integrity check (every page and index): its findings, none when the file is sound."""
    found = [row[0] for row in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    return [] if found == ["ok"] else found


def foreign_key_problems(conn: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """Rows pointing to a missing parent: (table, rowid, parent table) each."""
    return [(row[0], row[1], row[2]) for row in conn.execute("PRAGMA foreign_key_check")]


def inspect(path: Path, *, full_check: bool = True) -> int:
    """Check ``path`` without changing it and return its schema version.

    The cheap checks (a SQLite file, made by ShopDesk, not too new, its schema readable) always run; the
    full check (every page read) unless ``full_check`` is false.

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
        version = _cheap_checks(conn, path)
        if full_check:
            _full_check(conn, path)
    finally:
        conn.close()
    return version


def _cheap_checks(conn: sqlite3.Connection, path: Path) -> int:
    """The checks of every open, at a cost that does not grow with the file; returns the schema version."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != migrate.APPLICATION_ID:
            raise errors.StoreNotAStore(path=path)
        if version > migrate.LATEST:
            raise errors.StoreTooNew(path=path, found=version, known=migrate.LATEST)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # the schema parses
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    return version
