"""``shopdesk check``: integrity, schema version, foreign keys and the audit chain; what unfinished backups
left in ``backups/``.

Checking only reads: it works on a store that cannot be written (a read-only file, folder or medium) and
then says that nothing was changed.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from shopdesk.domain.errors import StoreCorrupt
from shopdesk.i18n import N_, _
from shopdesk.store import audit, backup
from shopdesk.store import db as dbmod
from shopdesk.store.migrate import LATEST

_CHAIN_REASONS = {
    "edited": N_("audit row {row} was changed after it was written"),
    "link": N_("audit row {row} does not follow the row before it (a row was altered or inserted)"),
    "missing_before": N_("audit rows before row {row} were removed"),
    "missing_after": N_("the newest audit rows, from row {row} on, were removed"),
}

_LEFTOVER_KINDS = {
    "unfinished": N_("left by a backup that did not finish"),
    "not_a_store": N_("not a ShopDesk store"),
    "damaged": N_("damaged"),
}


@dataclass
class CheckResult:
    """What ``check`` found in one store file."""

    path: Path
    schema_version: int = 0
    latest_version: int = LATEST
    audit_rows: int = 0
    problems: list[str] = field(default_factory=list)
    #: Files in ``backups/`` that are not usable backups (see :func:`shopdesk.store.backup.leftovers`).
    leftovers: list[backup.Leftover] = field(default_factory=list)
    #: Whether the store or its folder cannot be written here (the check read it, and changed nothing).
    read_only: bool = False

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong in the store itself (leftovers beside it are listed apart)."""
        return not self.problems

    @property
    def backups_folder(self) -> Path:
        """The folder the leftovers are in."""
        return dbmod.backups_dir(self.path)


def describe_leftover(item: backup.Leftover) -> str:
    """One line for a leftover: its name, what it is and its size."""
    return _("{name}: {what}, {size} KB").format(name=item.path.name, what=_(_LEFTOVER_KINDS[item.kind]),
                                                  size=f"{(item.size + 1023) // 1024:,}")


def remove_leftovers(path: Path | str, only: list[Path] | None = None) -> tuple[list[Path], list[Path]]:
    """Remove the leftovers ``check`` listed (``only``: those shown); real backups are never touched.

    Returns:
        The files removed, and those that could not be (the folder cannot be written).
    """
    return backup.remove_leftovers(Path(path).expanduser().resolve(), only)


def check_store(path: Path | str) -> CheckResult:
    """Check a store without changing it: the full integrity check, whatever the store's setting says
    (a clean result is recorded as the last full check, which spares the next open its own, where the folder
    can be written). Also lists the leftovers of unfinished backups in ``backups/`` (removed only by
    :func:`remove_leftovers`) and says whether the store can be written here: a store that cannot be is read
    alone.

    Raises:
        StoreError: the file cannot be opened at all (missing, not a store,
            too new, locked); a damaged file is reported as a problem.
    """
    path = Path(path).expanduser().resolve()
    result = CheckResult(path)
    try:
        result.schema_version = dbmod.inspect(path, full_check=False)
    except StoreCorrupt as exc:
        result.problems.append(exc.message())
        _beside(result)
        return result
    conn = dbmod.connect_read_only(path)
    intact = False
    try:
        integrity = dbmod.integrity_problems(conn)
        intact = not integrity
        result.problems += [_("integrity: {detail}").format(detail=line) for line in integrity]
        for table, rowid, parent in dbmod.foreign_key_problems(conn):
            result.problems.append(_("foreign key: row {rowid} of {table} points to a missing {parent}").format(
                rowid=rowid, table=table, parent=parent))
        if result.schema_version < LATEST:
            result.problems.append(_("schema {found} is older than {latest}; opening the store for "
                                     "changes upgrades it (after a backup)").format(
                found=result.schema_version, latest=LATEST))
        result.audit_rows = audit.count(conn)
        for problem in audit.verify(conn):
            result.problems.append(_(_CHAIN_REASONS[problem.reason]).format(row=problem.row_id))
        for guard in audit.missing_guards(conn, result.schema_version):
            result.problems.append(_("the audit log's guard {name} is missing or altered: its rows could be "
                                     "changed or removed").format(name=guard))
    except sqlite3.Error as exc:
        intact = False
        result.problems.append(str(dbmod._translate(exc, path)))
    finally:
        conn.close()
    if intact:
        dbmod.record_full_check(path)
    _beside(result)
    return result


def _beside(result: CheckResult) -> None:
    """What is around the store: whether it can be written here, and the leftovers in ``backups/``."""
    result.read_only = not (os.access(result.path, os.W_OK) and os.access(result.path.parent, os.W_OK))
    result.leftovers = backup.leftovers(result.path)
