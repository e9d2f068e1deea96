"""Logging in, and the logged-in staff member's rights."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopdesk.domain import errors
from shopdesk.domain.passwords import verify_password
from shopdesk.domain.roles import CHANGES, PERMISSION_LABELS, Permission, Role, allows
from shopdesk.i18n import Lazy
from shopdesk.store import audit, settings, staff
from shopdesk.store.audit import Actor
from shopdesk.store.bulk import is_demo
from shopdesk.store.db import Store
from shopdesk.store.opening import open_store


@dataclass
class Session:
    """A store opened by a logged-in staff member."""

    store: Store
    staff_id: int
    username: str

    @property
    def actor(self) -> Actor:
        """The staff member as the audit log names them."""
        return Actor(self.staff_id, self.username)

    @property
    def role(self) -> Role:
        """The account's role now (re-read: a transfer takes effect at once)."""
        return self._account().role

    def _account(self) -> staff.StaffRow:
        row = staff.by_name(self.store.conn, self.username)
        if row is None or not row.active:
            raise errors.AccountDisabled(username=self.username)
        return row

    def can(self, permission: Permission) -> bool:
        """Whether the account, as it is now, may use ``permission`` here: it holds it, and the store is open
        for changes where using it changes the store (a read-only window offers no change)."""
        if permission in CHANGES and not self.store.writable:
            return False
        try:
            return allows(self._account().role, permission)
        except errors.AccountDisabled:
            return False

    def require(self, permission: Permission) -> None:
        """Refuse unless the account is active and holds ``permission``.

        Raises:
            AccountDisabled, PermissionDenied.
        """
        account = self._account()
        if not allows(account.role, permission):
            raise errors.PermissionDenied(username=self.username, role=account.role.label,
                                          action=Lazy(PERMISSION_LABELS[permission]))

    @property
    def timezone(self) -> str:
        """The store's time zone setting."""
        return settings.get(self.store.conn, "store.timezone")

    @property
    def currency(self) -> str:
        """The store's currency setting."""
        return settings.get(self.store.conn, "store.currency")

    def setting(self, key: str) -> Any:
        """The store's value of the setting ``key``, or its declared default."""
        return settings.get(self.store.conn, key)

    def settings(self) -> dict[str, Any]:
        """Every declared setting with the store's value."""
        return settings.get_all(self.store.conn)

    @property
    def is_demo(self) -> bool:
        """Whether the store is the generated demo store."""
        return is_demo(self.store.conn)


def login(store: Store, username: str, password: str) -> Session:
    """Check the password and open a session; the login is audited when the store is writable.

    Raises:
        AuthError: unknown user or wrong password (the same message for both).
        AccountDisabled: the account exists but is disabled.
    """
    row = staff.by_name(store.conn, username.strip())
    if row is None or not verify_password(password, staff.password_hash(store.conn, row.id)):
        raise errors.AuthError()
    if not row.active:
        raise errors.AccountDisabled(username=row.username)
    session = Session(store, row.id, row.username)
    if store.writable:
        with store.transaction() as conn:
            audit.record(conn, session.actor, "staff.login", "staff", row.id, tz=session.timezone)
    return session


@contextlib.contextmanager
def opened_as(path: Path | str, username: str, password: Callable[[], str], *, write: bool = True,
              what: str = "ShopDesk") -> Iterator[Session]:
    """The store at ``path`` opened (read-only, with no writer lock, unless ``write``) and ``username``
    logged in; closed afterwards. ``password`` is asked for only once the file has opened.

    Raises:
        StoreError subclasses when the file cannot be opened, or turns out damaged while in use (the
        message, never a traceback); AuthError, AccountDisabled as :func:`login`.
    """
    store = open_store(path, write=write, what=what)
    try:
        yield login(store, username, password())
    except Exception as exc:
        damaged = store.damage(exc)  # a damaged page met after opening
        if damaged is None:
            raise
        raise damaged from exc
    finally:
        store.close()


def demo_login(store: Store, username: str) -> Session:
    """Log in to the demo store without a password (its password is published).

    Raises:
        AuthError: the store is not a demo store, or has no such active account.
    """
    row = staff.by_name(store.conn, username)
    if not is_demo(store.conn) or row is None or not row.active:
        raise errors.AuthError()
    session = Session(store, row.id, row.username)
    if store.writable:
        with store.transaction() as conn:
            audit.record(conn, session.actor, "staff.login", "staff", row.id, tz=session.timezone)
    return session
