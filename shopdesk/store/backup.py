"""Backups: the day's first open, before every migration and restore, and on demand.

Backups are consistent SQLite copies (the online backup API) in the
``backups/`` folder beside the store, named ``<store>-<YYYYMMDD-HHMMSS>-<reason>.sqlite``;
the newest ``backup.keep`` are kept.

A backup is written under a temporary name in the same folder,
``.<name>.<host>.<pid>.partial`` (which the list of backups ignores), and
renamed to its name only once complete and flushed to disk: a backup that was
killed or failed half-way never looks like a backup. What such a backup leaves
behind, and any file named as a backup of the store that is not a usable
store, is listed by :func:`leftovers` (``shopdesk check`` and File → Check
store offer to remove it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import socket
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shopdesk.domain import errors
from shopdesk.store import db as dbmod

Progress = Callable[[int, int, str], None]


def _copy(src: sqlite3.Connection, dst_path: Path, progress: Progress | None = None) -> None:
    dst = sqlite3.connect(str(dst_path))
    try:
        def step(status: int, remaining: int, total: int) -> None:
            if progress:
                progress(total - remaining, total, "")
        src.backup(dst, pages=256, progress=step)
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()


PARTIAL = ".partial"
#: The reason in the name of a damaged file's bytes, kept as they were when a backup was restored over it.
KEPT_DAMAGED = "before-restore-damaged"
#: How long a temporary file of another computer's backup (a store on a shared folder) is taken as one still
#: being written: this computer cannot ask whether that program is still running.
OTHER_HOST_GRACE = dt.timedelta(hours=1)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname()) or "_"


def _partial(target: Path) -> Path:
    """The temporary name a backup to ``target`` is written under."""
    return target.with_name(f".{target.name}.{_host()}.{os.getpid()}{PARTIAL}")


def _sync(path: Path, directory: bool = False) -> None:
    """Flush ``path`` to disk (a folder: the names in it; where the system allows opening one)."""
    if directory and os.name != "posix":
        return
    fd = os.open(path, (os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if directory else os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _name(path: Path, reason: str, when: dt.datetime | None = None) -> Path:
    when = when or dt.datetime.now()
    folder = dbmod.backups_dir(path)
    base = f"{path.stem}-{when:%Y%m%d-%H%M%S}-{reason}"
    candidate, n = folder / f"{base}.sqlite", 1
    while candidate.exists() or _partial(candidate).exists():
        n += 1
        candidate = folder / f"{base}-{n}.sqlite"
    return candidate


def list_backups(path: Path) -> list[Path]:
    """Backups of the store at ``path``, newest first."""
    folder = dbmod.backups_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*.sqlite"), key=lambda p: p.name, reverse=True)


def rotate(path: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns the deleted ones."""
    old = list_backups(path)[keep:]
    for item in old:
        item.unlink(missing_ok=True)
    return old


@dataclass(frozen=True)
class Leftover:
    """A file in ``backups/`` that is not a usable backup of the store.

    ``kind``: ``unfinished`` (what a backup killed or failed half-way left: its temporary file, a copy
    stopped mid-way or its journal), ``not_a_store`` (not a ShopDesk store at all) or ``damaged``.
    """

    path: Path
    kind: str
    size: int


def _being_written(item: Path) -> bool:
    """Whether the temporary file ``item`` belongs to a backup still running: on this computer, when the
    program named in it still runs; on another one, when it changed within :data:`OTHER_HOST_GRACE`."""
    name = item.name.removesuffix("-journal").removesuffix(PARTIAL)
    parts = name.rsplit(".", 2)
    if len(parts) != 3 or not parts[2].isdigit():
        return False  # not a name this version writes: a leftover
    host, pid = parts[1], int(parts[2])
    if host == _host() and (running := dbmod.process_running(pid)) is not None:
        return running
    try:
        age = dt.datetime.now() - dt.datetime.fromtimestamp(item.stat().st_mtime)
    except OSError:
        return False
    return age < OTHER_HOST_GRACE


def _unusable(item: Path) -> str | None:
    """Why the file named as a backup cannot be used, or ``None`` when it can (or when this cannot be told:
    a file locked or unreadable here, or written by a newer ShopDesk, is left alone)."""
    try:
        dbmod.inspect(item, full_check=False)
    except (errors.StoreNotAStore, errors.StoreCorrupt, errors.StoreMissing) as exc:
        if not item.exists():
            return None
        if Path(f"{item}-journal").exists():
            return "unfinished"  # a copy stopped mid-way (by an older version, which wrote under the final name)
        return "damaged" if isinstance(exc, errors.StoreCorrupt) else "not_a_store"
    except errors.StoreReadOnly:
        # readable, yet SQLite would have to write to read it: a journal left by a copy that stopped mid-way
        return "unfinished" if os.access(item, os.R_OK) else None
    except errors.StoreError:
        return None
    return None


def leftovers(path: Path) -> list[Leftover]:
    """What backups of the store at ``path`` that did not finish left in ``backups/``, and every file named as
    one of its backups that is not a usable store. Another store's files, folders and a backup still being
    written are not listed."""
    folder = dbmod.backups_dir(path)
    if not folder.is_dir():
        return []
    found: list[Leftover] = []
    for item in sorted(folder.iterdir()):
        name = item.name
        if item.is_symlink() or not item.is_file():
            continue
        kind = None
        if name.startswith(f".{path.stem}-") and name.removesuffix("-journal").endswith(PARTIAL):
            kind = None if _being_written(item) else "unfinished"
        elif name.startswith(f"{path.stem}-") and name.endswith(f"-{KEPT_DAMAGED}.sqlite"):
            kind = None  # a damaged store's bytes, kept on purpose when a backup was restored over it
        elif name.startswith(f"{path.stem}-") and name.endswith(".sqlite"):
            kind = _unusable(item)
        elif name.startswith(f"{path.stem}-") and name.endswith(".sqlite-journal"):
            owner = item.with_name(name.removesuffix("-journal"))
            kind = "unfinished" if not owner.exists() or _unusable(owner) else None
        if kind:
            with contextlib.suppress(OSError):
                found.append(Leftover(item, kind, item.stat().st_size))
    return found


def remove_leftovers(path: Path, only: list[Path] | None = None) -> tuple[list[Path], list[Path]]:
    """Delete what :func:`leftovers` finds now (of ``only``, when given: what was shown to the user).

    Returns:
        The files removed, and those that could not be (a folder that cannot be written).
    """
    chosen = None if only is None else {Path(p) for p in only}
    removed: list[Path] = []
    failed: list[Path] = []
    for item in leftovers(path):
        if chosen is not None and item.path not in chosen:
            continue
        try:
            item.path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            failed.append(item.path)
        else:
            removed.append(item.path)
    return removed, failed


def _keep_setting(conn: sqlite3.Connection) -> int:
    from shopdesk.store.settings import get_or_default
    return int(get_or_default(conn, "backup.keep"))


def backup_file(path: Path, reason: str, out: Path | None = None, progress: Progress | None = None) -> Path:
    """Copy the store at ``path`` (read only) to ``out`` or a dated file in ``backups/``.

    The copy is written under a temporary name beside ``out`` and renamed to it once complete and on disk;
    a failed or killed backup leaves no file under the backup's name.
    """
    target = out or _name(path, reason)
    temp = _partial(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = dbmod._connect(path, readonly=True)
        try:
            _copy(src, temp, progress)
            keep = _keep_setting(src)
        finally:
            src.close()
        _sync(temp)
        os.replace(temp, target)
        with contextlib.suppress(OSError):
            _sync(target.parent, directory=True)
    except (sqlite3.Error, OSError) as exc:
        for part in (temp, Path(str(temp) + "-journal")):
            with contextlib.suppress(OSError):
                part.unlink()
        raise dbmod._translate(exc, path) from exc
    if out is None:
        rotate(path, keep)
    return target


def backup_store(store: dbmod.Store, reason: str = "manual", out: Path | None = None,
                 progress: Progress | None = None) -> Path:
    """Back up an open store (File → Back up now, ``shopdesk backup``)."""
    return backup_file(store.path, reason, out, progress)


def daily_backup(store: dbmod.Store) -> Path | None:
    """Take the day's first backup, unless one was already taken today."""
    today = f"{store.path.stem}-{dt.date.today():%Y%m%d}-"
    if any(p.name.startswith(today) for p in list_backups(store.path)):
        return None
    return backup_store(store, reason="daily")


def restore(source: Path, path: Path, progress: Progress | None = None) -> Path | None:
    """Replace the store at ``path`` with the backup ``source``.

    The backup is checked first (a ShopDesk store, not newer, not damaged);
    the file it replaces is kept as a backup too.

    Returns:
        The backup of the replaced file, or ``None`` when there was none.

    Raises:
        BackupInvalid: the backup cannot be used; nothing was changed.
        StoreBusy: another ShopDesk is writing to ``path``.
    """
    source, path = Path(source).resolve(), Path(path).resolve()
    try:
        dbmod.inspect(source)
    except errors.StoreError as exc:
        raise errors.BackupInvalid(path=source, detail=exc.message()) from exc
    lock = dbmod._acquire_writer_lock(path, "ShopDesk restore")
    try:
        kept = _keep_replaced(path) if path.exists() else None
        src = dbmod._connect(source, readonly=True)
        try:
            if path.exists():
                dst = dbmod._connect(path, readonly=False)
                try:
                    src.backup(dst, pages=256,
                               progress=(lambda s, r, t: progress(t - r, t, "")) if progress else None)
                finally:
                    dst.close()
            else:
                _copy(src, path, progress)
                conn = sqlite3.connect(str(path))
                conn.execute("PRAGMA journal_mode = WAL")
                conn.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:
        raise dbmod._translate(exc, path) from exc
    finally:
        lock.release()
    return kept


def _keep_replaced(path: Path) -> Path:
    """Keep the file a restore replaces as a backup: a SQLite copy, or when it is damaged or no store at all
    (the usual reason to restore) its bytes as they are (with its write-ahead log), after which it is
    removed so that the restore writes a new file in its place."""
    try:
        return backup_file(path, "before-restore")
    except (errors.StoreCorrupt, errors.StoreNotAStore):
        pass
    target = _name(path, KEPT_DAMAGED)
    try:
        shutil.copyfile(path, target)
        wal = Path(f"{path}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{target}-wal"))
        for part in (path, wal, Path(f"{path}-shm")):
            part.unlink(missing_ok=True)
    except OSError as exc:
        raise dbmod._translate(exc, path) from exc
    return target
