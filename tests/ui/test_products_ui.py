"""The Products tab: category and owner filters, a bulk edit previewed then applied, weekly monitoring with
its targets, profit per product, and a delisting applied for and approved by a second account."""

from PySide6.QtWidgets import QInputDialog

from shopdesk.domain.paging import Query
from shopdesk.services import delisting, paging, product_weekly, stock
from shopdesk.services.products import profits
from shopdesk.services.session import demo_login
from shopdesk.ui.tabs.products.bulk_edit_dialog import BulkEditDialog
from shopdesk.ui.tabs.products.delisting_dialogs import DelistingDialog, DelistingsDialog
from shopdesk.ui.tabs.products.product_weekly_view import TargetDialog
from shopdesk.ui.tabs.registry import build_tab
from tests.conftest import save_screenshot


def _tab(qtbot, session):
    tab = build_tab("products", session)
    qtbot.addWidget(tab)
    tab.resize(1200, 640)
    tab.show()
    return tab


def test_category_and_owner_filters(qtbot, demo_session, language):
    tab = _tab(qtbot, demo_session)
    catalog = tab.catalog
    everything = catalog.model.rowCount()
    top = paging.categories(demo_session)
    assert [catalog.levels[0].itemData(i) for i in range(1, catalog.levels[0].count())] == top
    assert not catalog.levels[1].isEnabled()  # nothing chosen above it
    catalog.levels[0].setCurrentIndex(1)
    catalog._level_chosen(1)
    second = paging.categories(demo_session, (top[0],))
    assert catalog.levels[1].isEnabled() and catalog.levels[1].count() == len(second) + 1
    expected = paging.total(demo_session, Query("products", categories=(top[0],)))
    assert 0 < catalog.model.rowCount() == expected < everything
    save_screenshot(tab, f"catalog_{language}")
    catalog.owner.setCurrentIndex(catalog.owner.findData("-"))
    catalog.apply_filters()
    assert catalog.model.rowCount() == 0  # every demo product has an owner
    catalog.owner.setCurrentIndex(catalog.owner.findData("merchandise"))
    catalog.apply_filters()
    assert catalog.model.rowCount() == expected


def test_bulk_price_cut_is_previewed_then_applied(qtbot, demo_session, language):
    tab = _tab(qtbot, demo_session)
    catalog = tab.catalog
    catalog.table.selectRow(0)
    catalog.table.selectionModel().select(catalog.model.index(1, 0), catalog.table.selectionModel().SelectionFlag.Select
                                          | catalog.table.selectionModel().SelectionFlag.Rows)
    codes = catalog.selected_codes()
    assert len(codes) == 2
    before = {r[0]: r[5] for r in catalog.model.rows[:2]}  # code, …, price
    dialog = BulkEditDialog(demo_session, codes, catalog.model.query, catalog.model.rowCount())
    qtbot.addWidget(dialog)
    dialog.field.setCurrentIndex(dialog.field.findData("price"))
    dialog.mode.setCurrentIndex(dialog.mode.findData("percent"))
    dialog.value.setText("-10")
    assert not dialog.apply_button.isEnabled()  # nothing previewed yet
    dialog.preview()
    assert dialog.table.rowCount() == 2 and dialog.apply_button.isEnabled()
    assert "abnormal" in dialog.summary.text() or language != "en"
    dialog.show()
    save_screenshot(dialog, f"bulk_edit_{language}")
    dialog.value.setText("-20")  # changed after the preview: must be previewed again
    assert not dialog.apply_button.isEnabled()
    dialog.preview()
    dialog.apply()
    assert dialog.done_edit.changed == 2 and dialog.done_edit.abnormal
    catalog.apply_filters()
    after = {r[0]: r[5] for r in catalog.model.rows[:2]}
    assert all(after[c] == round(before[c] * 0.8) for c in codes)


def test_weekly_monitoring_page_and_targets(qtbot, demo_session, inline_tasks, monkeypatch, language):
    tab = _tab(qtbot, demo_session)
    tab.pages.setCurrentWidget(tab.weekly)
    weekly = tab.weekly
    sheet = product_weekly.weekly(demo_session, stock.default_day(demo_session))
    assert weekly.table.rowCount() == len(sheet.lines) and weekly.sheet.lines == sheet.lines
    weekly.which.setCurrentIndex(1)  # stars
    assert weekly.table.rowCount() == len(sheet.stars) > 0
    weekly.which.setCurrentIndex(0)
    qtbot.wait(20)  # let the layout take the texts set after the page was shown
    save_screenshot(tab, f"weekly_monitoring_{language}")
    code = sheet.lines[-1].code
    weekly.table.selectRow(len(sheet.lines) - 1)
    dialog = TargetDialog(demo_session, weekly.selected_codes(), sheet.last)
    qtbot.addWidget(dialog)
    dialog.units.setText("3")
    dialog.conversion.setText("2.5")
    dialog.show()
    save_screenshot(dialog, f"weekly_target_{language}")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    line = {x.code: x for x in product_weekly.weekly(demo_session, sheet.last).lines}[code]
    assert line.units_target == 3 and line.target.conversion_bp == 250
    bad = TargetDialog(demo_session, [code], sheet.last)
    qtbot.addWidget(bad)
    bad.units.setText("-1")
    shown = []
    monkeypatch.setattr("shopdesk.ui.tabs.products.product_weekly_view.show_error", lambda parent, exc: shown.append(str(exc)))
    bad.save()
    assert shown and "-1" in shown[0] and bad.result() != bad.DialogCode.Accepted


def test_profit_page(qtbot, demo_session, inline_tasks, language):
    tab = _tab(qtbot, demo_session)
    tab.pages.setCurrentWidget(tab.profit)
    rows = profits(demo_session, stock.default_day(demo_session))
    assert tab.profit.table.rowCount() == len(rows) > 0
    save_screenshot(tab, f"profit_{language}")


def test_profit_page_hidden_from_roles_without_costs(qtbot, demo_session):
    tab = _tab(qtbot, demo_login(demo_session.store, "operations"))
    assert tab.profit is None and tab.pages.count() == 2


def test_delisting_applied_then_approved_by_a_second_account(qtbot, demo_session, monkeypatch, language):
    merchandise, manager = demo_login(demo_session.store, "merchandise"), demo_login(demo_session.store, "manager")
    dialog = DelistingDialog(merchandise, "SP2024002")
    qtbot.addWidget(dialog)
    dialog.send()
    assert "Reason" in dialog.error.text() or language != "en"  # a reason is needed
    dialog.reason.setPlainText("款式過時，連續滯銷")
    dialog.action.setCurrentIndex(dialog.action.findData("return"))
    dialog.units.setValue(10)
    dialog.show()
    save_screenshot(dialog, f"delisting_apply_{language}")
    dialog.send()
    assert dialog.application_id
    mine = DelistingsDialog(merchandise)
    qtbot.addWidget(mine)
    mine.table.selectRow(0)
    assert not mine.approve_button.isEnabled()  # the applicant cannot decide
    review = DelistingsDialog(manager)
    qtbot.addWidget(review)
    review.table.selectRow(0)
    assert review.approve_button.isEnabled()
    on_hand = next(line.on_hand for line in stock.stock_lines(demo_session) if line.code == "SP2024002")
    review.approve_selected()
    review.show()
    save_screenshot(review, f"delisting_review_{language}")
    assert delisting.applications(demo_session)[0]["status"] == "approved"
    assert "SP2024002" not in {line.code for line in stock.stock_lines(demo_session)}  # delisted: off sale
    from shopdesk.services.products import product_page
    assert product_page(demo_session, "SP2024002").on_hand == on_hand - 10  # returned to the supplier
    other = DelistingDialog(merchandise, "SP2024003")
    qtbot.addWidget(other)
    other.reason.setPlainText("品質投訴")
    other.send()
    review.refresh()
    review.table.selectRow(0)  # waiting ones first
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("仍在熱賣", True))
    review.reject_selected()
    assert {r["code"]: r["status"] for r in delisting.applications(demo_session)} == {
        "SP2024002": "approved", "SP2024003": "rejected"}
