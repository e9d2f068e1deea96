"""Two-person confirmation: the preparer can never confirm their own day."""

import datetime as dt

import pytest

from shopdesk.domain.errors import PermissionDenied
from shopdesk.domain.roles import Role
from shopdesk.services import confirmation
from shopdesk.services.accounts import add_staff
from shopdesk.services.session import login

DAY = dt.date(2024, 6, 18)


@pytest.fixture
def team(session):
    for name, role in (("ops", Role.OPERATIONS), ("boss2", Role.MANAGER), ("cs", Role.CUSTOMER_SERVICE)):
        add_staff(session, name, role, "secret12")
    return {name: login(session.store, name, "secret12") for name in ("ops", "boss2", "cs")}


def test_prepare_then_confirm_by_another(team):
    assert confirmation.status(team["ops"], DAY).state == "open" and confirmation.status(team["ops"], DAY).is_draft
    with pytest.raises(confirmation.NotPrepared):
        confirmation.confirm(team["boss2"], DAY)
    state = confirmation.prepare(team["ops"], DAY)
    assert (state.state, state.prepared_by) == ("prepared", "ops") and state.is_draft
    with pytest.raises(PermissionDenied):
        confirmation.confirm(team["ops"], DAY)  # operations may not confirm at all
    with pytest.raises(PermissionDenied):
        confirmation.prepare(team["cs"], DAY)  # customer service sees no reports
    state = confirmation.confirm(team["boss2"], DAY)
    assert (state.state, state.prepared_by, state.confirmed_by) == ("confirmed", "ops", "boss2")
    assert not state.is_draft


def test_the_preparer_cannot_confirm(team):
    confirmation.prepare(team["boss2"], DAY)
    with pytest.raises(confirmation.SelfConfirmation) as info:
        confirmation.confirm(team["boss2"], DAY)
    assert "a different account must confirm" in info.value.message()
    assert confirmation.status(team["boss2"], DAY).state == "prepared"


def test_an_import_that_changes_a_confirmed_day_reopens_it(team, session, tmp_path):
    from shopdesk.importers.pipeline import ImportOptions
    from shopdesk.services.imports import import_files
    path = tmp_path / "o.csv"
    path.write_text("InvoiceNo,InvoiceDate,Quantity,UnitPrice\n1,2024-06-18 10:00,1,5.00\n", encoding="utf-8")
    import_files(session, [path], ImportOptions())
    confirmation.prepare(team["ops"], DAY)
    confirmation.confirm(team["boss2"], DAY)
    import_files(session, [path], ImportOptions())  # the same file: nothing changes, the day stays confirmed
    assert confirmation.status(session, DAY).state == "confirmed"
    path.write_text("InvoiceNo,InvoiceDate,Quantity,UnitPrice\n2,2024-06-18 11:00,1,7.00\n", encoding="utf-8")
    import_files(session, [path], ImportOptions())
    state = confirmation.status(session, DAY)
    assert state.state == "prepared" and state.reopened_at
    actions = [r[0] for r in session.store.conn.execute("SELECT action FROM audit_log")]
    assert actions.count("day.reopened") == 1 and "day.confirmed" in actions
