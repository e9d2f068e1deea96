"""pytest-qt drives a listing application rejected for a banned word, then approved by a second account."""

from PySide6.QtWidgets import QInputDialog

from shopdesk.domain.roles import Role
from shopdesk.services import listing, stock
from shopdesk.services.accounts import add_staff
from shopdesk.services.session import login
from shopdesk.ui.tabs.products.listing_dialogs import ApplicationDialog, ApplicationsDialog
from tests.conftest import save_screenshot


def _fill(dialog, description):
    dialog.code.setText("SP2025001")
    dialog.name.setText("夏季透氣運動鞋 男款")
    dialog.category.setText("鞋靴")
    dialog.cost.setText("40.00")
    dialog.supplier.setText("福建鞋業")
    dialog.description.setPlainText(description)
    for r, (key, value) in enumerate((("材質", "網布"), ("產地", "福建"))):
        dialog.attributes.item(r, 0).setText(key)
        dialog.attributes.item(r, 1).setText(value)
    for r, (spec, price, units) in enumerate((("白色/42", "99.00", "20"), ("黑色/42", "99.00", "5"))):
        for c, text in enumerate((spec, price, units)):
            dialog.variants.item(r, c).setText(text)


def test_rejected_for_a_banned_word_then_approved_by_a_second_account(qtbot, owner_session, monkeypatch, inline_tasks,
                                                                       language):
    add_staff(owner_session, "mia", Role.MERCHANDISE, "secret12")
    add_staff(owner_session, "lead", Role.MANAGER, "secret12")
    mia, lead = login(owner_session.store, "mia", "secret12"), login(owner_session.store, "lead", "secret12")
    dialog = ApplicationDialog(mia)
    qtbot.addWidget(dialog)
    _fill(dialog, "國家級品質，透氣不悶腳")
    found = dialog.show_checks()
    assert [f.detail for f in found] == ["國家級"] and "國家級" in dialog.findings.item(0).text()
    dialog.show()
    save_screenshot(dialog, f"listing_application_{language}")
    dialog.send()
    first = dialog.application_id
    review = ApplicationsDialog(lead)
    qtbot.addWidget(review)
    review.table.selectRow(0)
    assert review.reject_button.isEnabled() and "國家級" in review.findings.item(0).text()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("違禁詞：國家級", True))
    review.reject_selected()
    assert review.rows[0]["status"] == "rejected"
    mine = ApplicationsDialog(mia)
    qtbot.addWidget(mine)
    mine.table.selectRow(0)
    assert not mine.approve_button.isEnabled()  # the applicant cannot decide
    again = ApplicationDialog(mia)
    qtbot.addWidget(again)
    _fill(again, "透氣不悶腳")
    assert again.show_checks() == []
    again.send()
    review.refresh()
    row = next(i for i, r in enumerate(review.rows) if r["id"] == again.application_id)
    review.table.selectRow(row)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (10, True))
    review.approve_selected()
    review.show()
    save_screenshot(review, f"listing_review_{language}")
    statuses = {r["id"]: r["status"] for r in listing.applications(owner_session)}
    assert statuses == {first: "rejected", again.application_id: "approved"}
    live = {line.code: line for line in stock.stock_lines(owner_session)}
    assert live["SP2025001/白色/42"].on_hand == 20 and live["SP2025001/黑色/42"].safety_stock == 10
