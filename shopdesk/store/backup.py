"""Backups: the day's first open, before every migration and restore, and on demand.

Backups are consistent SQLite copies (the online backup API) in the
``backups/`` folder beside the store, named ``<store>-<YYYYMMDD-HHMMSS>-<reason>.sqlite``;
the newest ``backup.keep`` are kept.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from shopdesk.domain import errors
from shopdesk.domain.settings import setting
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


def _name(path: Path, reason: str, when: dt.datetime | None = None) -> Path:
    when = when or dt.datetime.now()
    folder = dbmod.backups_dir(path)
    base = f"{path.stem}-{when:%Y%m%d-%H%M%S}-{reason}"
    candidate, n = folder / f"{base}.sqlite", 1
    while candidate.exists():
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


def _keep_setting(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'backup.keep'").fetchone()
    except sqlite3.Error:
        row = None
    return int(row[0]) if row else int(setting("backup.keep").default)


def backup_file(path: Path, reason: str, out: Path | None = None, progress: Progress | None = None) -> Path:
    """Copy the store at ``path`` (read only) to ``out`` or a dated file in ``backups/``."""
    target = out or _name(path, reason)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = dbmod._connect(path, readonly=True)
        try:
            _copy(src, target, progress)
            keep = _keep_setting(src)
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
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
    target = _name(path, "before-restore-damaged")
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
