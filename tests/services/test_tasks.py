import datetime as dt

import pytest

from shopdesk.domain.errors import InvalidValue, PermissionDenied
from shopdesk.domain.roles import Role
from shopdesk.domain.tasks import is_overdue
from shopdesk.services import tasks
from shopdesk.services.accounts import add_staff
from shopdesk.services.session import login


def test_overdue_rule():
    today = dt.date(2024, 6, 20)
    assert is_overdue(dt.date(2024, 6, 19), "open", today)
    assert is_overdue(dt.date(2024, 6, 19), "in_progress", today)
    assert not is_overdue(dt.date(2024, 6, 19), "done", today)
    assert not is_overdue(dt.date(2024, 6, 20), "open", today)


def test_tasks_with_owner_helpers_and_rights(session):
    add_staff(session, "ops", Role.OPERATIONS, "secret12")
    add_staff(session, "merch", Role.MERCHANDISE, "secret12")
    ops, merch = login(session.store, "ops", "secret12"), login(session.store, "merch", "secret12")
    late = tasks.create(session, "加大搜索推廣", "ops", dt.date(2020, 1, 1), ["merch"])
    later = tasks.create(session, "改商品詳情頁", "boss", dt.date(2099, 1, 1))
    mine = tasks.tasks(ops, mine=True)
    assert [t.id for t in mine] == [late] and mine[0].overdue and mine[0].helpers == ["merch"]
    assert [t.id for t in tasks.tasks(merch, mine=True)] == [late]  # helpers see it too
    with pytest.raises(PermissionDenied):
        tasks.set_status(ops, later, "done")  # not ops's task
    tasks.set_status(merch, late, "done", "已加投直通車")
    (done,) = [t for t in tasks.tasks(session) if t.id == late]
    assert done.status == "done" and not done.overdue and done.note == "已加投直通車"
    with pytest.raises(InvalidValue, match="no active account"):
        tasks.create(session, "x", "nobody", dt.date(2099, 1, 1))
    with pytest.raises(InvalidValue):
        tasks.create(session, "  ", "ops", dt.date(2099, 1, 1))
    with pytest.raises(InvalidValue):
        tasks.create(session, "x", "ops", dt.date(2099, 1, 1), anomaly_id=99)
