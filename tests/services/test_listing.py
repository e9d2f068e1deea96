"""Listing applications: checks sent with the application, a second account decides (SPEC §3)."""

import pytest

from shopdesk.domain.errors import InvalidValue, PermissionDenied
from shopdesk.domain.listing import Variant
from shopdesk.domain.roles import Role
from shopdesk.services import listing, stock
from shopdesk.services.accounts import add_staff
from shopdesk.services.session import login


def _people(session):
    add_staff(session, "mia", Role.MERCHANDISE, "secret12")
    add_staff(session, "lead", Role.MANAGER, "secret12")
    return login(session.store, "mia", "secret12"), login(session.store, "lead", "secret12")


def _app(name="夏季透氣運動鞋 男款", description="輕量網面"):
    return listing.Application("SP2025001", name, description, "鞋靴", 4000, "福建鞋業",
                                    {"材質": "網布", "產地": "福建"},
                                    [Variant("白色/42", 9900, 20), Variant("黑色/42", 9900, 0)])


def test_rejected_for_a_banned_word_then_approved_by_a_second_account(session):
    mia, lead = _people(session)
    first, findings = listing.apply(mia, _app(description="國家級品質，根治腳臭"))
    assert sorted((f.check, f.detail) for f in findings) == [("banned_word", "國家級"), ("banned_word", "根治")]
    with pytest.raises(PermissionDenied):
        listing.reject(mia, first, "no")  # merchandise applies; deciding needs the right to approve
    listing.reject(lead, first, "違禁詞：國家級、根治")
    assert stock.stock_lines(session) == []  # nothing went live
    second, findings = listing.apply(mia, _app())
    assert findings == []
    with pytest.raises(PermissionDenied):
        listing.approve(mia, second)
    ids = listing.approve(lead, second, safety_stock=10)
    lines = {line.code: line for line in stock.stock_lines(session)}
    assert len(ids) == 2 and lines["SP2025001/白色/42"].on_hand == 20 and lines["SP2025001/黑色/42"].on_hand == 0
    assert lines["SP2025001/白色/42"].safety_stock == 10 and lines["SP2025001/黑色/42"].below_safety
    rows = {r["id"]: r for r in listing.applications(session)}
    assert rows[first]["status"] == "rejected" and rows[first]["reason"] == "違禁詞：國家級、根治"
    assert rows[second]["status"] == "approved" and rows[second]["decided_by"] == "lead"
    with pytest.raises(InvalidValue, match="waiting"):
        listing.approve(lead, second)  # decided once
    with pytest.raises(InvalidValue, match="in use"):
        listing.apply(mia, _app())  # the code is live now
    own, _findings = listing.apply(session, listing.Application("SP2025002", "Mug",
                                                                          variants=[Variant("", 500, 3)]))
    with pytest.raises(InvalidValue, match="different account"):
        listing.approve(session, own)  # the owner may approve, but not what the owner sent
    assert listing.approve(lead, own)


def test_banned_words_are_editable_per_language(session):
    mia, _lead = _people(session)
    assert "第一" in listing.banned_words(session, "zh_TW")
    listing.set_banned_words(session, "zh_TW", ["爆款", " "])
    assert listing.banned_words(session, "zh_TW") == ["爆款"]
    _id, findings = listing.apply(mia, _app(name="爆款 運動鞋"))
    assert [f.detail for f in findings] == ["爆款"]


def test_bad_applications_are_refused(session):
    mia, _lead = _people(session)
    for app in (listing.Application("", "x", variants=[Variant("a", 1, 0)]),
                listing.Application("X1", "x"),
                listing.Application("X1", "x", variants=[Variant("a", -1, 0)])):
        with pytest.raises(InvalidValue):
            listing.apply(mia, app)
    assert listing.applications(session) == []
