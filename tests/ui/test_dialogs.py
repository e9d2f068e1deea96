from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from shopdesk.domain.roles import LEAST_PRIVILEGED, ROLE_PERMISSIONS, Role
from shopdesk.services.session import login
from shopdesk.store import settings
from shopdesk.ui.dialogs.create_store_dialog import CreateStoreDialog, WelcomeDialog
from shopdesk.ui.dialogs.settings_dialog import SettingsDialog
from shopdesk.ui.dialogs.staff_dialog import AddStaffDialog, StaffDialog
from tests.conftest import save_screenshot


def click_ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_settings_dialog_refuses_a_negative_threshold(qtbot, owner_session, language):
    dialog = SettingsDialog(owner_session)
    qtbot.addWidget(dialog)
    dialog.show()
    save_screenshot(dialog, f"settings_{language}")
    threshold = dialog.findChild(QLineEdit, "anomaly.threshold")
    assert threshold.text() == "5"  # shown as a percentage
    threshold.setText("-5")
    dialog.findChild(QLineEdit, "backup.keep").setText("21")
    click_ok(qtbot, dialog)
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.error.text()
    if language == "en":
        assert dialog.error.text() == ("Deviation from target that puts a metric on the anomaly list: "
                                       "It cannot be negative.")
    save_screenshot(dialog, f"settings_error_{language}")
    assert settings.get(owner_session.store.conn, "backup.keep") == 14  # nothing saved
    threshold.setText("8")
    paper = dialog.editors["report.paper"]  # a choice: picked from a list, never typed
    assert [paper.itemData(i) for i in range(paper.count())] == ["a4", "letter"] and paper.text() == "a4"
    paper.setCurrentIndex(1)
    gmv_threshold = dialog.findChild(QLineEdit, "anomaly.threshold.gmv")
    assert gmv_threshold.text() == "" and gmv_threshold.placeholderText() == "5"  # empty: the general one
    gmv_threshold.setText("12")
    click_ok(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    conn = owner_session.store.conn
    assert settings.get(conn, "anomaly.threshold") == 0.08
    assert settings.get(conn, "backup.keep") == 21 and settings.get(conn, "report.paper") == "letter"
    assert settings.get(conn, "anomaly.threshold.gmv") == 0.12 and settings.get(conn, "anomaly.threshold.orders") is None


def test_add_staff_defaults_to_the_least_privileged_role(qtbot, owner_session, language):
    add = AddStaffDialog(owner_session)
    qtbot.addWidget(add)
    fewest = min(len(rights) for rights in ROLE_PERMISSIONS.values())
    assert len(ROLE_PERMISSIONS[Role(add.role.currentData())]) == fewest
    assert add.role.currentData() != Role.OWNER.value
    add.retranslate_ui()  # a language change keeps the choice
    assert add.role.currentData() == LEAST_PRIVILEGED.value
    add.findChild(QLineEdit, "username").setText("bob")
    add.findChild(QLineEdit, "password").setText("secret12")
    add.findChild(QLineEdit, "repeat").setText("secret12")
    click_ok(qtbot, add)  # the role untouched
    assert add.result() == AddStaffDialog.DialogCode.Accepted
    from shopdesk.store import staff
    assert staff.by_name(owner_session.store.conn, "bob").role == LEAST_PRIVILEGED


def test_staff_dialog_add_and_disable(qtbot, owner_session, language):
    dialog = StaffDialog(owner_session)
    qtbot.addWidget(dialog)
    dialog.show()
    add = AddStaffDialog(owner_session, dialog)
    qtbot.addWidget(add)
    add.show()
    assert add.role.currentData() == LEAST_PRIVILEGED.value == Role.CUSTOMER_SERVICE.value  # never Owner by default
    add.findChild(QLineEdit, "username").setText("amy")
    add.role.setCurrentIndex(add.role.findData(Role.FINANCE.value))
    add.findChild(QLineEdit, "password").setText("secret12")
    add.findChild(QLineEdit, "repeat").setText("secret99")
    click_ok(qtbot, add)
    assert add.error.text()  # passwords differ
    save_screenshot(add, f"add_staff_error_{language}")
    add.findChild(QLineEdit, "repeat").setText("secret12")
    click_ok(qtbot, add)
    assert add.result() == AddStaffDialog.DialogCode.Accepted
    dialog.reload()
    dialog.highlight("amy")
    assert dialog.selected().username == "amy"
    save_screenshot(dialog, f"staff_{language}")
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert not dialog.selected().active
    import pytest

    from shopdesk.domain.errors import AccountDisabled
    with pytest.raises(AccountDisabled):
        login(owner_session.store, "amy", "secret12")


def test_welcome_and_create_store(qtbot, tmp_path, language):
    welcome = WelcomeDialog()
    qtbot.addWidget(welcome)
    welcome.show()
    save_screenshot(welcome, f"welcome_{language}")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert welcome.choice == WelcomeDialog.CREATE
    dialog = CreateStoreDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QLineEdit, "store_name").setText("我的小店")
    path = tmp_path / "mine.sqlite"
    dialog.findChild(QLineEdit, "path").setText(str(path))
    dialog.findChild(QLineEdit, "owner").setText("me")
    dialog.findChild(QLineEdit, "password").setText("pw")
    dialog.findChild(QLineEdit, "repeat").setText("pw")
    click_ok(qtbot, dialog)
    assert dialog.session is None and dialog.error.text()
    save_screenshot(dialog, f"create_store_error_{language}")
    assert not path.exists()
    dialog.findChild(QLineEdit, "password").setText("secret12")
    dialog.findChild(QLineEdit, "repeat").setText("secret12")
    click_ok(qtbot, dialog)
    assert dialog.session is not None and path.exists()
    assert settings.get(dialog.session.store.conn, "store.name") == "我的小店"
    dialog.session.store.close()


def test_enter_visitors_dialog(qtbot, owner_session, language):
    from PySide6.QtCore import QDate

    from shopdesk.ui.dialogs.traffic_dialog import EnterTrafficDialog
    dialog = EnterTrafficDialog(owner_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2024, 6, 18))
    dialog.visitors.setValue(4321)
    save_screenshot(dialog, f"traffic_{language}")
    click_ok(qtbot, dialog)
    assert dialog.result() == EnterTrafficDialog.DialogCode.Accepted
    row = owner_session.store.conn.execute("SELECT day, visitors, page_views FROM traffic_daily").fetchone()
    assert tuple(row) == ("2024-06-18", 4321, None)


def test_targets_sheet_edits_saves_revisions_and_refuses_bad_cells(qtbot, owner_session, language):
    from shopdesk.domain.targets import METRICS
    from shopdesk.services.targets import history, year_sheet
    from shopdesk.ui.dialogs.targets_dialog import TargetsDialog
    dialog = TargetsDialog(owner_session)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    gmv, conversion = METRICS.index("gmv"), METRICS.index("conversion")
    months = {p: c for c, p in enumerate(dialog.periods(), 1)}
    dialog.table.item(gmv, months["2026-11"]).setText("300000")
    dialog.weightings[gmv].setCurrentIndex(1)  # by last year's weekdays
    dialog.table.item(conversion, months["2026"]).setText("3.2%")
    dialog.table.item(gmv, months["2026-12"]).setText("a lot")
    dialog.save()
    assert "2026-12" in dialog.error.text() and dialog.result() == 0
    assert dialog.table.currentRow() == gmv and dialog.table.currentColumn() == months["2026-12"]  # shown
    assert year_sheet(owner_session, 2026) == {}  # nothing saved while a cell is refused
    dialog.table.item(gmv, months["2026-12"]).setText("")
    dialog.show()
    qtbot.wait(50)
    save_screenshot(dialog, f"targets_{language}")
    dialog.save()
    sheet = year_sheet(owner_session, 2026)
    assert sheet[("gmv", "2026-11")]["amount"] == 30_000_000 and sheet[("gmv", "2026-11")]["weighting"] == "weekday"
    assert sheet[("conversion", "2026")]["rate"] == 0.032
    again = TargetsDialog(owner_session)
    qtbot.addWidget(again)
    again.year.setValue(2026)
    assert again.table.item(gmv, months["2026-11"]).text() == "300000.00"
    again.table.item(gmv, months["2026-11"]).setText("320000")  # a revision; the first value stays in history
    again.save()
    assert [h["amount"] for h in history(owner_session) if h["metric"] == "gmv"] == [32_000_000, 30_000_000]


def test_targets_sheet_fits_the_window_and_shows_nine_digit_amounts_whole(qtbot, owner_session, language):
    import datetime as dt

    from PySide6.QtGui import QFontMetrics

    from shopdesk.domain.targets import METRICS
    from shopdesk.i18n import formatting
    from shopdesk.services.targets import set_target
    from shopdesk.ui.dialogs.targets_dialog import TargetsDialog
    set_target(owner_session, "gmv", "2026-Q4", "123456789")
    set_target(owner_session, "visitors", "2026-Q4", "133000")
    dialog = TargetsDialog(owner_session)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    dialog.show()
    qtbot.wait(20)
    assert dialog.width() <= 1192 and dialog.height() <= 720  # within the main window at its smallest
    column = dialog.periods().index("2026-Q4") + 1
    cell = dialog.table.item(METRICS.index("gmv"), column)
    assert cell.text() == "123456789.00"  # as it is typed
    assert QFontMetrics(dialog.table.font()).horizontalAdvance(cell.text()) + 8 \
        <= dialog.table.columnWidth(column)
    november = dialog.table.horizontalHeaderItem(dialog.periods().index("2026-11") + 1).text()
    assert november == formatting.date_tick(dt.date(2026, 11, 1), "month")  # Nov, 11月: a month, not "11"
    shown = [dialog.history.item(r, 3).text() for r in range(dialog.history.rowCount())]
    assert formatting.money(12_345_678_900, owner_session.currency) in shown  # grouped, as the cards show it
    assert formatting.number(133000) in shown
