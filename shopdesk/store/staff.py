"""Staff accounts: the ``staff`` table."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from shopdesk.domain.roles import Role
from shopdesk.store.db import inserted_id


@dataclass(frozen=True)
class StaffRow:
    """One account, without its password hash."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    created_at: str
    disabled_at: str | None


def _row(r: sqlite3.Row) -> StaffRow:
    return StaffRow(r["id"], r["username"], r["display_name"], Role(r["role"]), bool(r["active"]),
                    r["created_at"], r["disabled_at"])


def count(conn: sqlite3.Connection) -> int:
    """How many accounts the store has."""
    return conn.execute("SELECT COUNT(*) FROM staff").fetchone()[0]


def list_all(conn: sqlite3.Connection) -> list[StaffRow]:
    """All accounts, active first, by name."""
    return [_row(r) for r in conn.execute("SELECT * FROM staff ORDER BY active DESC, username")]


def by_name(conn: sqlite3.Connection, username: str) -> StaffRow | None:
    """The account named ``username`` (case-insensitive), or ``None``."""
    r = conn.execute("SELECT * FROM staff WHERE username = ?", (username,)).fetchone()
    return _row(r) if r else None


def password_hash(conn: sqlite3.Connection, staff_id: int) -> str:
    """The stored password hash of an account."""
    return conn.execute("SELECT password_hash FROM staff WHERE id = ?", (staff_id,)).fetchone()[0]


def insert(conn: sqlite3.Connection, username: str, display_name: str, role: Role,
           password_hash: str, created_at: str) -> int:
    """Add an account; returns its id."""
    cur = conn.execute(
        "INSERT INTO staff (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        (username, display_name, role.value, password_hash, created_at))
    return inserted_id(cur)


def set_active(conn: sqlite3.Connection, staff_id: int, active: bool, at: str) -> None:
    """Enable or disable an account."""
    conn.execute("UPDATE staff SET active = ?, disabled_at = ? WHERE id = ?",
                 (int(active), None if active else at, staff_id))


def set_role(conn: sqlite3.Connection, staff_id: int, role: Role) -> None:
    """Give an account another role (a transfer drops the old rights at once)."""
    conn.execute("UPDATE staff SET role = ? WHERE id = ?", (role.value, staff_id))


def set_password(conn: sqlite3.Connection, staff_id: int, password_hash: str) -> None:
    """Replace an account's password hash."""
    conn.execute("UPDATE staff SET password_hash = ? WHERE id = ?", (password_hash, staff_id))
