"""Restoring a backup needs a login with the right to back up and restore, and is audited in the restored file."""

import hashlib
import json
import sqlite3

import pytest

from shopdesk.domain import errors
from shopdesk.domain.roles import Role
from shopdesk.services.accounts import add_staff, set_active
from shopdesk.services.backup import restore_login, restore_store, session_login
from shopdesk.services.session import login
from shopdesk.store import backup
from shopdesk.store.opening import open_store
from tests.conftest import OWNER, OWNER_PASSWORD


@pytest.fixture
def shop(session):
    """A store with an admin, an operations account and a disabled admin, backed up; then closed."""
    add_staff(session, "ada", Role.ADMIN, "adapass1")
    add_staff(session, "otto", Role.OPERATIONS, "ottopass1")
    add_staff(session, "dora", Role.ADMIN, "dorapass1")
    set_active(session, "dora", False)
    saved = backup.backup_store(session.store, "manual")
    add_staff(session, "newbie", Role.FINANCE, "newbie123")  # after the backup: the restore removes it
    session.store.close()
    return session.store.path, saved


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _last_audit(path):
    with open_store(path, daily_backup=False) as store:
        return dict(store.conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1").fetchone())


@pytest.mark.parametrize("user, password", [("ada", "adapass1"), (OWNER, OWNER_PASSWORD)], ids=["admin", "owner"])
def test_an_admin_restores_and_the_restored_store_records_who(shop, user, password):
    path, saved = shop
    by = restore_login(saved, path, user, password)
    kept = restore_store(saved, path, by)
    with open_store(path, daily_backup=False) as store:
        names = {r[0] for r in store.conn.execute("SELECT username FROM staff")}
        account = store.conn.execute("SELECT id FROM staff WHERE username = ?", (user,)).fetchone()[0]
    assert "newbie" not in names
    row = _last_audit(path)
    assert (row["action"], row["staff_name"], row["staff_id"]) == ("store.restored", user, account)
    after = json.loads(row["after"])
    assert after == {"from": str(saved), "replaced_kept_as": str(kept), "login_accounts_of": str(path)}
    with sqlite3.connect(kept) as conn:  # the replaced file, kept, has the later account
        assert conn.execute("SELECT COUNT(*) FROM staff WHERE username = 'newbie'").fetchone()[0] == 1


@pytest.mark.parametrize("user, password, refusal, text", [
    ("ada", "wrong-password", errors.AuthError, "Wrong user name or password."),
    ("nobody", "adapass1", errors.AuthError, "Wrong user name or password."),
    ("otto", "ottopass1", errors.PermissionDenied, "otto (Operations) may not back up and restore the store."),
    ("dora", "dorapass1", errors.AccountDisabled, "The account dora is disabled."),
], ids=["wrong password", "unknown user", "operations", "disabled admin"])
def test_others_are_refused_and_nothing_changes(shop, user, password, refusal, text):
    path, saved = shop
    before, backups = _digest(path), backup.list_backups(path)
    with pytest.raises(refusal) as info:
        restore_login(saved, path, user, password)
    assert type(info.value) is refusal and info.value.message().startswith(text)
    assert _digest(path) == before and backup.list_backups(path) == backups


def test_the_current_accounts_decide_not_the_backups(shop):
    """ada, an admin in the backup but moved to operations since, may not put the old store back."""
    path, saved = shop
    with open_store(path, daily_backup=False) as store:
        from shopdesk.services.accounts import change_role
        change_role(login(store, OWNER, OWNER_PASSWORD), "ada", Role.OPERATIONS)
    with pytest.raises(errors.PermissionDenied):
        restore_login(saved, path, "ada", "adapass1")
    with open_store(path, daily_backup=False) as store:  # and newbie, unknown to the backup, may not either
        change_role(login(store, OWNER, OWNER_PASSWORD), "newbie", Role.ADMIN)
    assert restore_login(saved, path, "newbie", "newbie123").accounts_of == path


@pytest.mark.parametrize("damage", ["missing", "not a store", "damaged"])
def test_without_a_readable_store_the_backups_accounts_decide(shop, damage):
    path, saved = shop
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    if damage == "not a store":
        path.write_bytes(b"garbage, not a database")
    elif damage == "damaged":
        data = bytearray(saved.read_bytes())
        data[100:] = b"\xff" * (len(data) - 100)  # the header survives, the schema does not
        path.write_bytes(bytes(data))
    with pytest.raises(errors.AuthError):
        restore_login(saved, path, "newbie", "newbie123")  # only the lost store knew newbie
    with pytest.raises(errors.PermissionDenied):
        restore_login(saved, path, "otto", "ottopass1")
    lost = path.read_bytes() if path.exists() else None
    by = restore_login(saved, path, "ada", "adapass1")
    assert by.accounts_of == saved
    kept = restore_store(saved, path, by)
    assert (kept.read_bytes() if kept else None) == lost  # the replaced file is kept as it was
    row = _last_audit(path)
    assert (row["action"], row["staff_name"]) == ("store.restored", "ada")
    assert json.loads(row["after"])["login_accounts_of"] == str(saved)


def test_a_login_checked_for_one_store_does_not_restore_another(shop, tmp_path):
    path, saved = shop
    by = restore_login(saved, path, "ada", "adapass1")
    other = tmp_path / "other.sqlite"
    other.write_bytes(path.read_bytes())
    with pytest.raises(ValueError):
        restore_store(saved, other, by)


def test_a_session_restores_only_with_the_right(shop):
    path, saved = shop
    with open_store(path, daily_backup=False) as store:
        with pytest.raises(errors.PermissionDenied):
            session_login(login(store, "otto", "ottopass1"))
        by = session_login(login(store, "ada", "adapass1"))
    assert (by.username, by.store, by.accounts_of) == ("ada", path, path)
