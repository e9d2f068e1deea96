"""The schema ladder: numbered SQL steps on ``PRAGMA user_version``.

Each step is a file ``migrations/NNNN_name.sql``. All pending steps run in one
transaction, after a dated backup copy of the file; a file whose version is
above :data:`LATEST` was written by a newer ShopDesk and is refused.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: ``PRAGMA application_id`` of every ShopDesk store ("SDK1").
APPLICATION_ID = 0x53444B31


@dataclass(frozen=True)
class Migration:
    """One step of the ladder."""

    version: int
    name: str
    path: Path

    def statements(self) -> list[str]:
        """The step's SQL split into complete statements (triggers included)."""
        out, buf = [], ""
        for line in self.path.read_text(encoding="utf-8").splitlines(keepends=True):
            buf += line
            if sqlite3.complete_statement(buf):
                if buf.strip():
                    out.append(buf.strip())
                buf = ""
        if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
            raise ValueError(f"{self.path.name}: incomplete statement at the end")
        return out


def _ladder() -> tuple[Migration, ...]:
    steps = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = re.fullmatch(r"(\d{4})_(\w+)\.sql", path.name)
        if m:
            steps.append(Migration(int(m.group(1)), m.group(2), path))
    for expected, step in enumerate(steps, start=1):
        if step.version != expected:
            raise RuntimeError(f"migration ladder has a gap before {step.path.name}")
    return tuple(steps)


MIGRATIONS = _ladder()
LATEST = MIGRATIONS[-1].version


def apply(conn: sqlite3.Connection, target: int = LATEST) -> list[Migration]:
    """Run the steps above the file's version up to ``target``, in one transaction.

    The connection must be in autocommit mode (``isolation_level=None``);
    nothing is changed if any step fails.

    Returns:
        The steps applied.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    pending = [m for m in MIGRATIONS if current < m.version <= target]
    if not pending:
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in pending:
            for statement in step.statements():
                conn.execute(statement)
        refresh_statistics(conn)
        conn.execute(f"PRAGMA user_version = {int(pending[-1].version)}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return pending


def refresh_statistics(conn: sqlite3.Connection) -> None:
    """Bring the query planner's statistics (``ANALYZE``) up to date, inside the caller's transaction if any.

    Run after every migration and every write of many rows (an import, its undo,
    the demo), so that the first queries after a large import are not planned on
    the statistics of a smaller store. The whole store is read (under a second for
    a million orders): a sampled ``ANALYZE`` (``analysis_limit``) misjudges columns
    such as a status that every order shares.
    """
    conn.execute("ANALYZE")
