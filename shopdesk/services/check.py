"""``shopdesk check``: integrity, schema version, foreign keys and the audit chain."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from shopdesk.domain.errors import StoreCorrupt
from shopdesk.i18n import N_, _
from shopdesk.store import audit
from shopdesk.store import db as dbmod
from shopdesk.store.migrate import LATEST

_CHAIN_REASONS = {
    "edited": N_("audit row {row} was changed after it was written"),
    "link": N_("audit row {row} does not follow the row before it (a row was altered or inserted)"),
    "missing_before": N_("audit rows before row {row} were removed"),
    "missing_after": N_("the newest audit rows, from row {row} on, were removed"),
}


@dataclass
class CheckResult:
    """What ``check`` found in one store file."""

    path: Path
    schema_version: int = 0
    latest_version: int = LATEST
    audit_rows: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong."""
        return not self.problems


def check_store(path: Path | str) -> CheckResult:
    """Check a store without changing it: the full integrity check, whatever the store's setting says
    (a clean result is recorded as the last full check, which spares the next open its own).

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
        return result
    conn = dbmod._connect(path, readonly=True)
    intact = False
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check(50)")]
        intact = integrity == ["ok"]
        if not intact:
            result.problems += [_("integrity: {detail}").format(detail=line) for line in integrity]
        for row in conn.execute("PRAGMA foreign_key_check"):
            result.problems.append(_("foreign key: row {rowid} of {table} points to a missing {parent}").format(
                rowid=row[1], table=row[0], parent=row[2]))
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
    return result
