"""Writing and reading the audit log (操作留痕).

:func:`record` appends one hash-chained row inside the caller's transaction,
so a change and its audit row commit or roll back together. Triggers refuse
UPDATE, DELETE and an insert naming an existing row (REPLACE, upserts); :func:`verify`
finds rows changed behind the application's back.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from shopdesk.domain import audit as chain
from shopdesk.domain.clock import iso, now


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a staff account, or the system itself (``id`` None)."""

    id: int | None
    username: str


SYSTEM = Actor(None, "system")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(conn: sqlite3.Connection, actor: Actor, action: str, entity: str,
           entity_id: object = None, before: Any = None, after: Any = None, tz: str = "UTC") -> int:
    """Append an audit row in the open transaction and return its id.

    Raises:
        RuntimeError: called outside a transaction (the row could outlive or
            miss the change it describes).
    """
    if not conn.in_transaction:
        raise RuntimeError("audit.record() must run inside the change's transaction")
    last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    next_id = max(last["id"] if last else 0, seq[0] if seq else 0) + 1
    row = {
        "id": next_id, "at": iso(now(tz)), "staff_id": actor.id, "staff_name": actor.username,
        "action": action, "entity": entity, "entity_id": None if entity_id is None else str(entity_id),
        "before": _json(before), "after": _json(after),
    }
    prev_hash = last["hash"] if last else chain.GENESIS
    row["prev_hash"] = prev_hash
    row["hash"] = chain.row_hash(prev_hash, row)
    conn.execute(
        "INSERT INTO audit_log (id, at, staff_id, staff_name, action, entity, entity_id, before, after,"
        " prev_hash, hash) VALUES (:id, :at, :staff_id, :staff_name, :action, :entity, :entity_id,"
        " :before, :after, :prev_hash, :hash)", row)
    return next_id


def rows(conn: sqlite3.Connection, staff_id: int | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Audit rows, newest first, optionally of one staff member."""
    sql = "SELECT * FROM audit_log"
    params: list[Any] = []
    if staff_id is not None:
        sql += " WHERE staff_id = ?"
        params.append(staff_id)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [dict(r) for r in conn.execute(sql, params)]


def verify(conn: sqlite3.Connection) -> list[chain.ChainProblem]:
    """Check the whole chain; see :func:`shopdesk.domain.audit.verify_chain`."""
    all_rows = [dict(r) for r in conn.execute("SELECT * FROM audit_log ORDER BY id")]
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    return chain.verify_chain(all_rows, seq[0] if seq else None)


def _normal(sql: str) -> str:
    return " ".join(sql.strip().rstrip(";").split())


def guards() -> dict[str, tuple[int, str]]:
    """The triggers that keep the audit log append-only, as the migrations create them: name → (the schema
    version that brought it, its SQL with whitespace normalised)."""
    from shopdesk.store import migrate
    found = {}
    for step in migrate.MIGRATIONS:
        for statement in step.statements():
            sql = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--"))
            m = re.match(r"\s*CREATE TRIGGER (\w+) \w+ \w+ ON audit_log\b", sql, re.IGNORECASE)
            if m:
                found[m.group(1)] = (step.version, _normal(sql))
    return found


def missing_guards(conn: sqlite3.Connection, schema_version: int) -> list[str]:
    """The guard triggers a store of ``schema_version`` should have and lacks: dropped, or replaced by one
    that differs from what the migration created (which may no longer refuse anything)."""
    present = {r[0]: _normal(r[1] or "") for r in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")}
    return [name for name, (since, sql) in guards().items() if since <= schema_version and present.get(name) != sql]


def count(conn: sqlite3.Connection) -> int:
    """How many audit rows the store holds."""
    return conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]


def about(conn: sqlite3.Connection, entity: str, entity_id: str, limit: int = 200) -> list[dict[str, Any]]:
    """Audit rows about one thing (``entity``, ``entity_id``), newest first."""
    rows = conn.execute("SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?",
                        (entity, entity_id, limit))
    return [dict(r) for r in rows]
