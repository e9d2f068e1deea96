"""Store settings kept in the store file, read with their declared defaults."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from shopdesk.domain import settings as decl
from shopdesk.domain.clock import iso, now
from shopdesk.store import audit
from shopdesk.store.audit import Actor


def get(conn: sqlite3.Connection, key: str) -> Any:
    """The value of ``key``, or its declared default."""
    declared = decl.setting(key)
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else declared.default


def get_or_default(conn: sqlite3.Connection, key: str) -> Any:
    """The value of ``key``, or its declared default where the store cannot say (a damaged or unreadable
    settings table, a value that is not JSON): for opening and backing up, which must go on."""
    try:
        return get(conn, key)
    except (sqlite3.Error, ValueError, TypeError):
        return decl.setting(key).default


def get_all(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every declared setting with its current value."""
    stored = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT key, value FROM settings")}
    return {s.key: stored.get(s.key, s.default) for s in decl.SETTINGS}


def set_many(conn: sqlite3.Connection, values: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """Validate and store ``values``, auditing each change, in the open transaction.

    A value is written even when it equals the default, so that the store
    file carries it.

    Returns:
        The values that changed or were stored for the first time, validated.

    Raises:
        KeyError / ValueError: from :func:`shopdesk.domain.settings.validate`;
            nothing is written when any value is refused.
    """
    clean = {key: decl.validate(key, raw) for key, raw in values.items()}
    tz = get(conn, "store.timezone")
    changed = {}
    for key, value in clean.items():
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        old = json.loads(row[0]) if row else decl.setting(key).default
        if row is not None and old == value:
            continue
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(value, ensure_ascii=False), iso(now(tz))))
        audit.record(conn, actor, "setting.changed", "setting", key, {"value": old}, {"value": value}, tz=tz)
        changed[key] = value
    return changed
