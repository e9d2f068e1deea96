"""The Inventory tab and the dashboard's stock alerts (SPEC §4)."""

import datetime as dt

from PySide6.QtCore import Qt

from shopdesk.i18n import formatting
from shopdesk.services import stock
from shopdesk.ui.tabs.registry import build_tab
from tests.conftest import save_screenshot


def test_dashboard_alert_opens_the_inventory_tab(qtbot, demo_session, inline_tasks, language):
    from shopdesk.ui.main_window import MainWindow
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    dashboard = window.tab("dashboard")
    qtbot.waitUntil(lambda: dashboard.board is not None)
    expected = stock.alerts(demo_session, dt.date(2026, 11, 15))
    assert expected and dashboard.stock_alerts == len(expected)
    assert dashboard.stock_button.isVisible() and formatting.number(len(expected)) in dashboard.stock_button.text()
    qtbot.mouseClick(dashboard.stock_button, Qt.MouseButton.LeftButton)
    tab = window.tab("inventory")
    assert window.tabs.currentWidget() is tab
    assert [line.code for line in tab.shown] == [line.code for line in expected]  # furthest below first
    assert tab.table.item(0, 2).text() == formatting.number(expected[0].on_hand)
    qtbot.wait(50)
    save_screenshot(window, f"inventory_{language}")
    tab.which.setCurrentIndex(2)  # every product
    assert tab.table.rowCount() == len(stock.stock_lines(demo_session, dt.date(2026, 11, 15)))
    tab.search.setText(expected[0].code)
    assert tab.table.rowCount() >= 1 and tab.shown[0].code == expected[0].code


def test_untracked_products_read_not_tracked(qtbot, owner_session, tmp_path, inline_tasks, language):
    from shopdesk.i18n import _
    from shopdesk.importers.pipeline import ImportOptions
    from shopdesk.services.imports import import_files
    path = tmp_path / "products.csv"
    path.write_text("Code,Name,Price,Stock\nCUP,Cup,10.00,3\nMUG,Mug,8.00,\n", encoding="utf-8")
    import_files(owner_session, [path], ImportOptions())
    tab = build_tab("inventory", owner_session)
    qtbot.addWidget(tab)
    tab.show()
    tab.which.setCurrentIndex(3)  # not tracked
    assert [line.code for line in tab.shown] == ["MUG"]
    assert tab.table.item(0, 2).text() == _("not tracked")
    tab.which.setCurrentIndex(0)
    assert [line.code for line in tab.shown] == ["CUP"] and tab.table.item(0, 2).text() == "3"


def test_replenishment_and_slow_moving_pages_print_their_lists(qtbot, demo_session, inline_tasks, language):
    from shopdesk.reports import fonts
    from tests.reports.conftest import pdf_pages
    tab = build_tab("inventory", demo_session)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    day = dt.date(2026, 11, 15)
    assert tab.replenishment.rows == stock.replenishment(demo_session, day) and tab.replenishment.rows
    assert tab.slow.rows == stock.slow_moving(demo_session, day)
    first = tab.replenishment.rows[0]
    assert tab.replenishment.table.item(0, 8).text() == formatting.number(first.suggested_qty)
    tab.pages.setCurrentIndex(1)
    qtbot.wait(50)
    save_screenshot(tab, f"inventory_replenishment_{language}")
    tab.pages.setCurrentIndex(2)
    qtbot.wait(50)
    save_screenshot(tab, f"inventory_slow_{language}")
    try:
        fonts.report_font("")
    except fonts.FontMissing:
        return  # no CJK TrueType font here: printing says so (tested with the reports)
    qtbot.mouseClick(tab.replenishment.print_button, Qt.MouseButton.LeftButton)
    preview = tab.replenishment.preview
    assert preview is not None and preview.suggested_name == "replenishment-2026-11-15.pdf"
    text = "".join(pdf_pages(preview.pages.data))
    assert first.sku in text and formatting.number(first.suggested_qty) in text
    preview.reject()


def test_post_a_movement_and_a_stock_take_from_the_tab(qtbot, demo_session, inline_tasks, monkeypatch, language):
    from PySide6.QtWidgets import QMessageBox

    from shopdesk.ui.tabs.inventory.stock_dialogs import PostMovementDialog, StockTakeDialog
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    tab = build_tab("inventory", demo_session)
    qtbot.addWidget(tab)
    tab.show()
    target = tab.shown[0]
    tab.table.selectRow(0)

    def receive(dialog):
        assert dialog.product.currentData() == target.code  # the selected product
        dialog.kind.setCurrentIndex(0)  # a receipt
        dialog.quantity.setValue(200)
        dialog.reason.setText("PO arrived")
        save_screenshot(dialog, f"post_movement_{language}")
        dialog._post()
        return dialog.result() == QDialog.DialogCode.Accepted
    from PySide6.QtWidgets import QDialog
    monkeypatch.setattr(PostMovementDialog, "exec", receive)
    qtbot.mouseClick(tab.post_button, Qt.MouseButton.LeftButton)
    now_lines = {line.code: line for line in stock.stock_lines(demo_session)}
    assert now_lines[target.code].on_hand == target.on_hand + 200
    assert warnings == []  # a receipt is never abnormal
    assert tab.as_of.date().toPython() == stock.default_day(demo_session)  # the tab shows the posting's day

    def count(dialog):
        dialog.table.item(0, 3).setText("0")
        dialog.reason.setText("monthly count")
        save_screenshot(dialog, f"stock_take_{language}")
        dialog._post()
        return dialog.result() == QDialog.DialogCode.Accepted
    monkeypatch.setattr(StockTakeDialog, "exec", count)
    tab.which.setCurrentIndex(2)  # all products: the first is counted as 0
    first = tab.shown[0]
    qtbot.mouseClick(tab.count_button, Qt.MouseButton.LeftButton)
    assert {line.code: line for line in stock.stock_lines(demo_session)}[first.code].on_hand == 0
    assert (first.on_hand >= 100) == bool(warnings)  # a large difference is an abnormal operation


def test_order_check_and_receive_from_the_tab(qtbot, demo_session, inline_tasks, monkeypatch, language):
    from PySide6.QtWidgets import QDialog

    from shopdesk.services import purchasing
    from shopdesk.ui.tabs.inventory.orders_view import QualityDialog
    tab = build_tab("inventory", demo_session)
    qtbot.addWidget(tab)
    tab.resize(1100, 500)
    tab.show()
    suggested = tab.replenishment.rows
    assert suggested and tab.replenishment.order_button.isEnabled()
    qtbot.mouseClick(tab.replenishment.order_button, Qt.MouseButton.LeftButton)
    suppliers = {r.supplier for r in suggested}
    assert len(purchasing.orders(demo_session)) == len(suppliers)
    assert tab.replenishment.rows == []  # what is on order is no longer suggested
    tab.pages.setCurrentIndex(3)
    view = tab.orders
    assert view.table.rowCount() == len(suppliers)
    view.table.selectRow(0)
    po = view.selected()

    def check(dialog):
        dialog.failed[0].setValue(1)
        save_screenshot(dialog, f"quality_{language}")
        dialog._check()
        return dialog.result() == QDialog.DialogCode.Accepted
    monkeypatch.setattr(QualityDialog, "exec", check)
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    view.table.selectRow(next(i for i, row in enumerate(view.rows) if row.id == po.id))
    assert view.receive_button.isEnabled()
    before = {line.code: line.on_hand for line in stock.stock_lines(demo_session, dt.date(2030, 1, 1))}
    qtbot.mouseClick(view.receive_button, Qt.MouseButton.LeftButton)
    lines = purchasing.order_lines(demo_session, po.id)
    after = {line.code: line.on_hand for line in stock.stock_lines(demo_session, dt.date(2030, 1, 1))}
    assert after[lines[0]["code"]] == before[lines[0]["code"]] + lines[0]["quantity"] - 1  # one unit failed
    qtbot.wait(50)
    save_screenshot(tab, f"purchase_orders_{language}")


def test_take_down_filter(qtbot, owner_session, tmp_path, inline_tasks):
    from shopdesk.importers.pipeline import ImportOptions
    from shopdesk.services.imports import import_files
    path = tmp_path / "products.csv"
    path.write_text("Code,Name,Price,Stock\nCUP,Cup,10.00,0\nLID,Lid,2.00,3\nMUG,Mug,8.00,\n", encoding="utf-8")
    import_files(owner_session, [path], ImportOptions())
    tab = build_tab("inventory", owner_session)
    qtbot.addWidget(tab)
    tab.show()
    tab.which.setCurrentIndex(1)  # out of stock: take down
    assert [line.code for line in tab.shown] == ["CUP"]


def test_product_page_from_the_products_tab(qtbot, demo_session, language):
    from shopdesk.services.products import product_page
    from shopdesk.ui.tabs.products.catalog_view import CatalogView
    tab = CatalogView(demo_session)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    tab.apply_filters()
    index = tab.model.index(0, 0)
    tab.open_product(index)
    dialog = tab.product_dialog
    code = tab.model.rows[0][0]
    page = product_page(demo_session, code)
    assert dialog.values["code"].text() == code
    assert dialog.values["on_hand"].text() == formatting.number(page.on_hand)
    assert dialog.movements.rowCount() == len(page.movements) and sum(w.units for w in page.weeks) > 0
    assert page.weekly_target is not None and formatting.number(page.weekly_target) in dialog.values["weekly_target"].text()
    assert dialog.values["owner"].text() == "趙六"  # the demo's person in charge of the catalog
    qtbot.wait(50)
    save_screenshot(dialog, f"product_page_{language}")
    dialog.reject()


def test_record_a_treatment_on_the_slow_moving_page(qtbot, demo_session, inline_tasks, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    tab = build_tab("inventory", demo_session)
    qtbot.addWidget(tab)
    tab.show()
    slow = tab.slow
    assert slow.rows and slow.treat_button.isVisibleTo(slow)
    slow.table.selectRow(0)
    code = slow.rows[0].code
    monkeypatch.setattr(QInputDialog, "getItem", lambda parent, title, label, items, *a: (items[1], True))  # bundle
    qtbot.mouseClick(slow.treat_button, Qt.MouseButton.LeftButton)
    treated = {s.code: s for s in stock.slow_moving(demo_session, slow.as_of)}[code]
    assert treated.treatment == "bundle"
    row = next(i for i, r in enumerate(slow.rows) if r.code == code)
    assert slow.rows[row].treatment == "bundle" and slow.table.item(row, 7).text()


def test_suppliers_page_edits_terms_and_carriers_page(qtbot, demo_session, inline_tasks, language):
    from shopdesk.services.logistics import carriers
    from shopdesk.services.suppliers import scorecards, supplier_terms
    from shopdesk.ui.tabs.inventory.suppliers_view import TermsDialog
    tab = build_tab("inventory", demo_session)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    page = tab.suppliers
    cards = scorecards(demo_session)
    assert page.table.rowCount() == len(cards) == len(supplier_terms(demo_session)) and page.edit_button.isVisibleTo(page)
    tab.pages.setCurrentWidget(page)
    save_screenshot(tab, f"suppliers_page_{language}")
    dialog = TermsDialog(demo_session, cards[0])
    qtbot.addWidget(dialog)
    dialog.moq.setValue(36)
    dialog.payment.setText("月結30天")
    dialog.show()
    save_screenshot(dialog, f"supplier_terms_{language}")
    dialog.save()
    changed = supplier_terms(demo_session)[0]
    assert (changed["min_order_qty"], changed["payment_terms"]) == (36, "月結30天")
    tab.pages.setCurrentWidget(tab.carriers)
    assert tab.carriers.table.rowCount() == len(carriers(demo_session)) > 0
    save_screenshot(tab, f"carriers_page_{language}")


def test_campaign_reservation_from_the_replenishment_page(qtbot, demo_session, inline_tasks, language):
    from shopdesk.services import reservations
    from shopdesk.ui.tabs.inventory.reservations_dialog import ReservationsDialog
    day = stock.default_day(demo_session)
    before = {r.code: r for r in stock.replenishment(demo_session, day)}
    dialog = ReservationsDialog(demo_session, day, "SP2024001")
    qtbot.addWidget(dialog)
    dialog.campaign.setText("雙12")
    dialog.starts.setDate(dialog.starts.date().addDays(-10))  # four days after the day
    dialog.units.setValue(300)
    dialog.add()
    assert dialog.error.text() == "" and dialog.table.rowCount() == 1
    dialog.code.setText("NOPE")
    dialog.add()
    assert "NOPE" in dialog.error.text() and dialog.table.rowCount() == 1
    dialog.show()
    save_screenshot(dialog, f"reservations_{language}")
    after = {r.code: r for r in stock.replenishment(demo_session, day)}["SP2024001"]
    assert after.planned == 300 and "SP2024001" not in before  # enough stock until the reservation
    expected = after.daily_units * (after.lead_time_days + after.safety_days) + 300 - after.on_hand - after.in_transit
    assert abs(after.need - expected) < 1e-6
    dialog.table.selectRow(0)
    dialog.cancel_selected()
    assert reservations.reservations(demo_session)[0]["cancelled_at"]
