"""Backing up and restoring a store, with the restore recorded in the audit log."""

from __future__ import annotations

from pathlib import Path

from shopdesk.domain.tasks import Progress
from shopdesk.store import audit, backup, settings, staff
from shopdesk.store.audit import SYSTEM, Actor
from shopdesk.store.db import open_store


def restore_store(source: Path, path: Path, actor_name: str | None = None,
                  progress: Progress | None = None) -> Path | None:
    """Replace the store at ``path`` with ``source`` and audit it in the restored file.

    Returns:
        The backup kept of the replaced file (``None`` if there was no file).
    """
    kept = backup.restore(source, path, progress)
    with open_store(path, what="ShopDesk restore", daily_backup=False) as store:
        row = staff.by_name(store.conn, actor_name) if actor_name else None
        actor = Actor(row.id, row.username) if row else SYSTEM
        with store.transaction() as conn:
            audit.record(conn, actor, "store.restored", "store", None, None,
                         {"from": str(Path(source).resolve()), "replaced_kept_as": str(kept) if kept else None},
                         tz=settings.get(conn, "store.timezone"))
    return kept
