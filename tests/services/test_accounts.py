"""Staff accounts, logins and rights (SPEC §8)."""

import pytest

from shopdesk.domain import errors
from shopdesk.domain.roles import Permission, Role
from shopdesk.services import accounts
from shopdesk.services.session import login
from shopdesk.store import audit


def actions(session):
    return [r["action"] for r in reversed(audit.rows(session.store.conn))]


def test_init_creates_owner_settings_and_audit(session):
    assert session.role == Role.OWNER
    assert session.currency == "CNY" and session.timezone == "Asia/Shanghai"
    assert actions(session)[:4] == ["store.created"] + ["setting.changed"] * 3
    assert "staff.added" in actions(session)
    stored = session.store.conn.execute("SELECT password_hash FROM staff").fetchone()[0]
    assert "secret12" not in stored
    assert audit.verify(session.store.conn) == []


def test_init_refuses_bad_input_without_creating_a_file(tmp_path):
    with pytest.raises(errors.InvalidValue, match="Password"):
        accounts.init_store(tmp_path / "a.sqlite", "Shop", "boss", "123")
    with pytest.raises(errors.InvalidValue, match="User name"):
        accounts.init_store(tmp_path / "a.sqlite", "Shop", "has space", "secret12")
    with pytest.raises(errors.InvalidValue, match="currency"):
        accounts.init_store(tmp_path / "a.sqlite", "Shop", "boss", "secret12", currency="XXQ")
    assert list(tmp_path.iterdir()) == []


def test_wrong_password_and_unknown_user_get_the_same_message(session):
    with pytest.raises(errors.AuthError) as a:
        login(session.store, "boss", "wrong-pass")
    with pytest.raises(errors.AuthError) as b:
        login(session.store, "nobody", "wrong-pass")
    assert a.value.message() == b.value.message() == "Wrong user name or password."


def test_disabled_account_cannot_log_in_from_that_moment(session):
    accounts.add_staff(session, "amy", Role.FINANCE, "secret12")
    amy = login(session.store, "amy", "secret12")
    assert amy.can(Permission.VIEW_FULL_REPORTS)
    accounts.set_active(session, "amy", False)
    assert not amy.can(Permission.VIEW_FULL_REPORTS)
    with pytest.raises(errors.AccountDisabled):
        amy.require(Permission.VIEW_FULL_REPORTS)
    with pytest.raises(errors.AccountDisabled, match="amy is disabled"):
        login(session.store, "amy", "secret12")
    accounts.set_active(session, "amy", True)
    assert login(session.store, "amy", "secret12").can(Permission.VIEW_FULL_REPORTS)


def test_transfer_drops_old_rights_at_once(session):
    accounts.add_staff(session, "lee", Role.FINANCE, "secret12")
    lee = login(session.store, "lee", "secret12")
    accounts.change_role(session, "lee", Role.CUSTOMER_SERVICE)
    assert not lee.can(Permission.VIEW_SENSITIVE)
    assert lee.can(Permission.MANAGE_AFTERSALES)
    rows = audit.rows(session.store.conn, limit=1)
    assert rows[0]["action"] == "staff.role_changed"
    assert rows[0]["before"] == '{"role": "finance"}' and rows[0]["after"] == '{"role": "customer_service"}'


def test_least_privilege(session):
    accounts.add_staff(session, "cs", Role.CUSTOMER_SERVICE, "secret12")
    accounts.add_staff(session, "adm", Role.ADMIN, "secret12")
    cs = login(session.store, "cs", "secret12")
    with pytest.raises(errors.PermissionDenied, match="cs \\(Customer service\\) may not manage staff"):
        accounts.add_staff(cs, "x", Role.FINANCE, "secret12")
    adm = login(session.store, "adm", "secret12")
    with pytest.raises(errors.PermissionDenied):
        accounts.add_staff(adm, "boss2", Role.OWNER, "secret12")
    with pytest.raises(errors.PermissionDenied):
        accounts.set_active(adm, "boss", False)
    accounts.add_staff(adm, "wh", Role.WAREHOUSE, "secret12")


def test_the_last_owner_and_oneself_stay_active(session):
    with pytest.raises(errors.InvalidValue, match="own account"):
        accounts.set_active(session, "boss", False)
    with pytest.raises(errors.InvalidValue, match="at least one active owner"):
        accounts.change_role(session, "boss", Role.ADMIN)


def test_duplicate_name_is_refused_case_insensitively(session):
    with pytest.raises(errors.InvalidValue, match="already exists"):
        accounts.add_staff(session, "BOSS", Role.FINANCE, "secret12")


def test_settings_are_validated_all_or_nothing_and_audited(session):
    with pytest.raises(errors.InvalidValue, match="cannot be negative"):
        accounts.update_settings(session, {"backup.keep": "20", "anomaly.threshold": "-0.1"})
    from shopdesk.store import settings
    assert settings.get(session.store.conn, "backup.keep") == 14
    changed = accounts.update_settings(session, {"backup.keep": "20", "anomaly.threshold": "0.08"})
    assert changed == {"backup.keep": 20, "anomaly.threshold": 0.08}
    assert settings.get(session.store.conn, "anomaly.threshold") == 0.08
    last = audit.rows(session.store.conn, limit=2)
    assert {r["entity_id"] for r in last} == {"backup.keep", "anomaly.threshold"}


def test_currency_is_fixed_once_amounts_are_stored(session):
    accounts.update_settings(session, {"store.currency": "TWD"})  # an empty store may still change it
    from shopdesk.store import bulk
    with session.store.transaction() as conn:
        bulk.insert_rows(conn, "products", [(1, "P1", "Cup", "", "", "", "", 100, 200, None, 5, "new", None,
                                             None, "now")])
    with pytest.raises(errors.InvalidValue, match="cannot change"):
        accounts.update_settings(session, {"store.currency": "USD"})
    accounts.update_settings(session, {"store.currency": "twd"})  # the same currency is fine


def test_passwordless_login_only_for_the_demo_store(session, demo_path):
    from shopdesk.services.session import demo_login
    from shopdesk.store.opening import open_store
    with pytest.raises(errors.AuthError):
        demo_login(session.store, "boss")
    with open_store(demo_path, daily_backup=False) as store:
        assert demo_login(store, "owner").role == Role.OWNER
        with pytest.raises(errors.AuthError):
            demo_login(store, "nobody")


def test_audit_entries_name_what_changed(session):
    from shopdesk.services.audit import audit_entries
    accounts.add_staff(session, "amy", Role.FINANCE, "secret12")
    accounts.update_settings(session, {"backup.keep": "9"})
    latest, added = audit_entries(session)[:2]
    assert latest.action_label == "Setting changed"
    assert latest.object_label == "Setting: Backups kept in the backups folder"
    assert (latest.before_text, latest.after_text) == ("14", "9")
    assert added.object_label == "Account amy"
    assert added.after_text == "Role: Finance · User name: amy"  # field names and the role in words


def test_audit_values_name_their_fields_in_the_ui_language(demo_path, language):
    """Every field the demo's audit rows record has a label; none shows its code name (prepared_by)."""
    import json

    from shopdesk.services.audit import FIELD_LABELS, audit_entries
    from shopdesk.services.session import login
    from shopdesk.store.opening import open_store
    store = open_store(demo_path, daily_backup=False)
    try:
        entries = audit_entries(login(store, "owner", "demo1234"))
        fields = {key for e in entries for raw in (e.before, e.after) if raw
                  for key in (json.loads(raw) if isinstance(json.loads(raw), dict) else {})}
        assert fields and not fields - set(FIELD_LABELS)
        confirmed = next(e for e in entries if e.action == "day.confirmed")
        assert "prepared_by" not in confirmed.after_text
        assert confirmed.after_text.startswith({"zh_CN": "准备人：", "zh_TW": "準備人：", "en": "Prepared by: "}[language])
    finally:
        store.close()


def test_visitors_typed_in_are_stored_and_audited(session):
    import datetime as dt

    from shopdesk.services.traffic import enter_traffic
    enter_traffic(session, dt.date(2024, 6, 18), 5000, 15000, None)
    enter_traffic(session, dt.date(2024, 6, 18), 5200)
    row = session.store.conn.execute("SELECT visitors, page_views FROM traffic_daily").fetchone()
    assert tuple(row) == (5200, None)
    last = audit.rows(session.store.conn, limit=1)[0]
    assert last["action"] == "traffic.entered" and '"visitors": 5000' in last["before"]
    with pytest.raises(errors.InvalidValue, match="negative"):
        enter_traffic(session, dt.date(2024, 6, 19), -1)
    with pytest.raises(errors.InvalidValue, match="future"):
        enter_traffic(session, dt.date.today() + dt.timedelta(days=30), 10)
