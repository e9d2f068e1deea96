"""Backing up and restoring a store, with the restore recorded in the audit log.

A restore replaces every record of the store, so it needs a staff member logged in with the right to back
up and restore (:attr:`Permission.BACKUP_RESTORE`): :func:`restore_login` checks a name and password,
:func:`session_login` an open session, and :func:`restore_store` takes what they return.

Whose accounts check the login: those of the store being replaced, while it can be read, so that nobody
restores an old backup in which they still had an account the store has since removed. When there is no
store there, or it is damaged or not a store at all (the usual reason to restore), the backup's own accounts
check it: they are the accounts of the store the restore puts in place.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from shopdesk.domain import errors
from shopdesk.domain.jobs import Progress
from shopdesk.domain.roles import Permission
from shopdesk.services.session import Session, login
from shopdesk.store import audit, backup, settings, staff
from shopdesk.store.audit import Actor
from shopdesk.store.db import Store, inspect
from shopdesk.store.opening import open_as_is, open_store


@dataclass(frozen=True)
class RestoreLogin:
    """A staff member allowed to restore the store at ``store``; ``accounts_of`` is the file whose accounts
    checked them (the store itself, or the backup when the store could not be read)."""

    username: str
    store: Path
    accounts_of: Path


def _check(store: Store, username: str, password: str) -> Session:
    """The session of ``username`` on ``store`` (opened as it is), refused without the restore right."""
    try:
        session = login(store, username, password)
        session.require(Permission.BACKUP_RESTORE)
    except sqlite3.Error as exc:
        damaged = store.damage(exc)
        if damaged is None:
            raise
        raise damaged from exc
    return session


def restore_login(source: Path | str, path: Path | str, username: str, password: str) -> RestoreLogin:
    """Check that ``username`` with ``password`` may replace the store at ``path`` with the backup ``source``.

    Nothing is written, not even to the audit log: a refused attempt leaves both files as they were.

    Raises:
        AuthError: unknown user or wrong password (one message for both); AccountDisabled.
        PermissionDenied: the account's role may not back up and restore.
        BackupInvalid: the store cannot be read and neither can the backup.
        StoreError: the store cannot be used for another reason (newer, locked, unreadable).
    """
    source, path = Path(source).expanduser().resolve(), Path(path).expanduser().resolve()
    try:
        current = open_as_is(path)
    except (errors.StoreMissing, errors.StoreNotAStore, errors.StoreCorrupt):
        current = None
    if current is not None:
        try:
            session = _check(current, username, password)
            return RestoreLogin(session.username, path, path)
        except errors.StoreCorrupt:
            pass  # a damaged page met on reading the accounts: as if it could not be opened
        finally:
            current.close()
    try:
        saved = open_as_is(source)
    except errors.StoreError as exc:
        raise errors.BackupInvalid(path=source, detail=exc.message()) from exc
    try:
        session = _check(saved, username, password)
    except errors.StoreCorrupt as exc:
        raise errors.BackupInvalid(path=source, detail=exc.message()) from exc
    finally:
        saved.close()
    return RestoreLogin(session.username, path, source)


def session_login(session: Session) -> RestoreLogin:
    """The logged-in staff member of ``session`` as the one restoring its store (File → Restore…).

    Raises:
        AccountDisabled, PermissionDenied: the account, as it is now, may not back up and restore.
    """
    session.require(Permission.BACKUP_RESTORE)
    return RestoreLogin(session.username, session.store.path, session.store.path)


def restore_store(source: Path | str, path: Path | str, by: RestoreLogin,
                  progress: Progress | None = None) -> Path | None:
    """Replace the store at ``path`` with ``source`` as ``by``, and audit it in the restored file.

    The audit row names ``by`` (with the restored store's account of that name, if it has one), the backup,
    the file the replaced store was kept as and whose accounts checked the login.

    Returns:
        The backup kept of the replaced file (``None`` if there was no file).

    Raises:
        ValueError: ``by`` was checked for another store.
        BackupInvalid, StoreBusy: as :func:`shopdesk.store.backup.restore`; nothing was changed.
    """
    source, path = Path(source).expanduser().resolve(), Path(path).expanduser().resolve()
    if by.store != path:
        raise ValueError(f"the login was checked for {by.store}, not {path}")
    kept = backup.restore(source, path, progress)
    with open_store(path, what="ShopDesk restore", daily_backup=False) as store:
        row = staff.by_name(store.conn, by.username)
        actor = Actor(row.id, row.username) if row else Actor(None, by.username)
        with store.transaction() as conn:
            audit.record(conn, actor, "store.restored", "store", None, None,
                         {"from": str(source), "replaced_kept_as": str(kept) if kept else None,
                          "login_accounts_of": str(by.accounts_of)},
                         tz=settings.get(conn, "store.timezone"))
    return kept


def back_up(path: Path | str, reason: str = "manual", out: Path | None = None,
            progress: Progress | None = None) -> Path:
    """Back up the store file at ``path`` (File → Back up now, ``shopdesk backup``) and return the backup: a
    consistent copy read through a connection of its own, so any thread may take it."""
    return backup.backup_file(Path(path), reason, out, progress)


def back_up_checked(path: Path | str, out: Path | str | None = None) -> tuple[Path, Path]:
    """``shopdesk backup``: the store file checked first (a damaged file is refused, not copied), then backed
    up to ``out`` (which must not exist) or a dated file in ``backups/``.

    Returns:
        The store's resolved path and the backup written.

    Raises:
        StoreError subclasses naming the file; StoreExists when ``out`` exists.
    """
    path = Path(path).expanduser().resolve()
    inspect(path)
    target = Path(out).expanduser().resolve() if out else None
    if target is not None and target.exists():
        raise errors.StoreExists(path=target)
    return path, backup.backup_file(path, "manual", target)
