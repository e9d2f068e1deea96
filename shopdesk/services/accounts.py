"""Creating a store with its owner, and managing staff accounts (SPEC §8)."""

from __future__ import annotations

import re
from pathlib import Path

from shopdesk.domain import errors
from shopdesk.domain import settings as decl
from shopdesk.domain.clock import iso, now
from shopdesk.domain.passwords import hash_password, password_problem
from shopdesk.domain.roles import Permission, Role, may_assign
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.session import Session
from shopdesk.store import audit, bulk, settings, staff
from shopdesk.store.audit import SYSTEM
from shopdesk.store.opening import create_store

_USERNAME = re.compile(r"^[\w.@-]{1,32}$")


def _check_username(username: str) -> str:
    name = username.strip()
    if not _USERNAME.match(name):
        raise errors.InvalidValue(field=Lazy(N_("User name")), reason=_(
            "1 to 32 letters, digits or . _ @ - without spaces."))
    return name


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise errors.InvalidValue(field=Lazy(N_("Password")), reason=problem)


def init_store(path: Path | str, store_name: str, owner: str, password: str,
               currency: str = "CNY", timezone: str = "Asia/Shanghai",
               display_name: str = "") -> Session:
    """Create a store file with its settings and first owner account, logged in as the owner.

    Raises:
        InvalidValue: a bad name, password, currency or time zone (no file is created).
        StoreExists: a file is already at ``path``.
    """
    owner = _check_username(owner)
    _check_password(password)
    if not store_name.strip():
        raise errors.InvalidValue(field=Lazy(N_("Store name")), reason=_("It cannot be empty."))
    values = {"store.name": store_name.strip()}
    for key, raw in (("store.currency", currency), ("store.timezone", timezone)):
        try:
            values[key] = decl.validate(key, raw)
        except ValueError as exc:
            raise errors.InvalidValue(field=decl.setting(key).describe(), reason=str(exc)) from None
    store = create_store(path)
    try:
        with store.transaction() as conn:
            audit.record(conn, SYSTEM, "store.created", "store", None, None, {"name": values["store.name"]},
                         tz=values["store.timezone"])
            settings.set_many(conn, values, SYSTEM)
            staff_id = staff.insert(conn, owner, display_name, Role.OWNER, hash_password(password),
                                    iso(now(values["store.timezone"])))
            audit.record(conn, SYSTEM, "staff.added", "staff", staff_id, None,
                         {"username": owner, "role": Role.OWNER.value}, tz=values["store.timezone"])
    except BaseException:
        store.close()
        raise
    return Session(store, staff_id, owner)


def add_staff(session: Session, username: str, role: Role, password: str, display_name: str = "") -> int:
    """Create an account; the actor must manage staff, and only an owner makes owners."""
    session.require(Permission.MANAGE_STAFF)
    if not may_assign(session.role, role):
        raise errors.PermissionDenied(username=session.username, role=session.role.label,
                                      action=Lazy(N_("create an owner account")))
    username = _check_username(username)
    _check_password(password)
    conn = session.store.conn
    if staff.by_name(conn, username):
        raise errors.InvalidValue(field=Lazy(N_("User name")),
                                  reason=_("{username} already exists.").format(username=username))
    with session.store.transaction():
        staff_id = staff.insert(conn, username, display_name.strip(), role, hash_password(password),
                                iso(now(session.timezone)))
        audit.record(conn, session.actor, "staff.added", "staff", staff_id, None,
                     {"username": username, "role": role.value}, tz=session.timezone)
    return staff_id


def _target(session: Session, username: str) -> staff.StaffRow:
    session.require(Permission.MANAGE_STAFF)
    row = staff.by_name(session.store.conn, username)
    if row is None:
        raise errors.InvalidValue(field=Lazy(N_("User name")),
                                  reason=_("There is no account {username}.").format(username=username))
    if row.role == Role.OWNER and session.role != Role.OWNER:
        raise errors.PermissionDenied(username=session.username, role=session.role.label,
                                      action=Lazy(N_("change an owner account")))
    return row


def _active_owners(session: Session) -> int:
    return sum(1 for r in staff.list_all(session.store.conn) if r.active and r.role == Role.OWNER)


def set_active(session: Session, username: str, active: bool) -> None:
    """Disable an account (it cannot log in from that moment) or enable it again."""
    row = _target(session, username)
    if row.active == active:
        return
    if not active and row.id == session.staff_id:
        raise errors.InvalidValue(field=row.username, reason=_("You cannot disable your own account."))
    if not active and row.role == Role.OWNER and _active_owners(session) <= 1:
        raise errors.InvalidValue(field=row.username, reason=_("The store needs at least one active owner."))
    conn = session.store.conn
    with session.store.transaction():
        staff.set_active(conn, row.id, active, iso(now(session.timezone)))
        audit.record(conn, session.actor, "staff.enabled" if active else "staff.disabled", "staff", row.id,
                     {"active": row.active}, {"active": active}, tz=session.timezone)


def change_role(session: Session, username: str, role: Role) -> None:
    """Transfer an account to another role (轉崗): the old rights go at once."""
    row = _target(session, username)
    if row.role == role:
        return
    if not may_assign(session.role, role):
        raise errors.PermissionDenied(username=session.username, role=session.role.label,
                                      action=Lazy(N_("create an owner account")))
    if row.role == Role.OWNER and row.active and _active_owners(session) <= 1:
        raise errors.InvalidValue(field=row.username, reason=_("The store needs at least one active owner."))
    conn = session.store.conn
    with session.store.transaction():
        staff.set_role(conn, row.id, role)
        audit.record(conn, session.actor, "staff.role_changed", "staff", row.id,
                     {"role": row.role.value}, {"role": role.value}, tz=session.timezone)


def reset_password(session: Session, username: str, password: str) -> None:
    """Set a new password: one's own, or any account's for those who manage staff."""
    _check_password(password)
    if username.lower() != session.username.lower():
        row = _target(session, username)
    else:
        own = staff.by_name(session.store.conn, username)
        assert own is not None  # the signed-in account
        row = own
    conn = session.store.conn
    with session.store.transaction():
        staff.set_password(conn, row.id, hash_password(password))
        audit.record(conn, session.actor, "staff.password_set", "staff", row.id, tz=session.timezone)


def list_staff(session: Session) -> list[staff.StaffRow]:
    """All accounts (for those who manage staff)."""
    session.require(Permission.MANAGE_STAFF)
    return staff.list_all(session.store.conn)


def update_settings(session: Session, values: dict[str, object]) -> dict[str, object]:
    """Validate and save store settings, audited; all or nothing.

    Raises:
        InvalidValue: naming the first refused setting and why.
    """
    session.require(Permission.EDIT_SETTINGS)
    for key, raw in values.items():
        try:
            value = decl.validate(key, raw)
        except ValueError as exc:
            raise errors.InvalidValue(field=decl.setting(key).describe(), reason=str(exc)) from None
        if key == "store.currency" and value != session.currency and bulk.has_amounts(session.store.conn):
            raise errors.InvalidValue(field=decl.setting(key).describe(), reason=_(
                "Amounts are already stored in {currency}; the currency of a store cannot change "
                "afterwards.").format(currency=session.currency))
    with session.store.transaction() as conn:
        return settings.set_many(conn, values, session.actor)
