from PySide6.QtWidgets import QMenu

from shopdesk import i18n
from shopdesk.domain.roles import Role
from shopdesk.services.accounts import add_staff
from shopdesk.services.session import login
from shopdesk.ui.main_window import MainWindow
from tests.conftest import save_screenshot


def _window(qtbot, session):
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_title_tabs_and_status_bar(qtbot, owner_session):
    window = _window(qtbot, owner_session)
    assert window.windowTitle() == "ShopDesk — 測試小店"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Dashboard", "Anomalies", "Tasks", "Meetings", "Overview",
                                                                              "Orders", "Products", "Inventory", "Imports",
                                                                              "Audit log"]
    status = [label.text() for label in window.status_labels]
    assert status[:3] == ["Store: 測試小店", "Staff: boss", "Role: Owner"]
    assert str(owner_session.store.path.parent) in window.status_labels[3].toolTip()  # whole; shortened when long
    assert status[3].startswith("Data folder: /tmp/")


def test_demo_window(qtbot, demo_session, language):
    window = _window(qtbot, demo_session)
    expected = {"zh_CN": "清風生活館（演示）", "zh_TW": "清風生活館（示範）", "en": "清風生活館 (demo)"}[language]
    assert window.windowTitle() == f"ShopDesk — {expected}"
    assert window.tab("overview").values["orders"].text() == ""  # a tab not shown yet has read nothing
    window.tabs.setCurrentWidget(window.tab("overview"))
    orders = window.tab("overview").values["orders"].text()
    assert orders.replace(",", "").isdigit() and int(orders.replace(",", "")) > 5000
    window.tabs.setCurrentIndex(0)
    dashboard = window.tab("dashboard")  # its figures load on a worker thread of their own
    qtbot.waitUntil(lambda: dashboard.board is not None, timeout=20000)
    assert dashboard.cards[0].value.text() not in ("", "0")
    save_screenshot(window, f"main_window_demo_{language}")
    window.tabs.setCurrentWidget(window.tab("audit"))
    assert window.tab("audit").model.rowCount() > 5
    save_screenshot(window, f"audit_tab_{language}")


def test_language_switch_from_the_menu_without_restart(qtbot, owner_session):
    window = _window(qtbot, owner_session)
    assert window.file_menu.title() == "&File"
    window.language_actions["zh_CN"].trigger()
    assert i18n.current_language() == "zh_CN"
    assert window.file_menu.title() == "文件(&F)"
    assert window.tabs.tabText(4) == "概览"
    assert window.status_labels[2].text() == "角色：店主"
    window.language_actions["zh_TW"].trigger()
    assert window.file_menu.title() == "檔案(&F)"
    assert window.tabs.tabText(4) == "概覽"
    window.language_actions["en"].trigger()
    assert window.file_menu.title() == "&File"
    assert window.tab("audit").model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Time"


def test_menus_follow_the_role(qtbot, owner_session):
    add_staff(owner_session, "cs", Role.CUSTOMER_SERVICE, "secret12")
    cs = login(owner_session.store, "cs", "secret12")
    window = _window(qtbot, cs)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Overview", "Orders"]
    assert window.tab("audit") is None and window.tab("imports") is None and not window.act_import.isVisible()
    assert not window.act_staff.isVisible() and not window.act_settings.isVisible()
    assert not window.act_backup.isVisible()
    owner_window = _window(qtbot, owner_session)
    assert owner_window.act_staff.isVisible() and owner_window.act_settings.isVisible()
    assert [m.title() for m in owner_window.menuBar().findChildren(QMenu) if m.parent() is owner_window.menuBar()]


def test_back_up_and_check_run_as_tasks(qtbot, owner_session, inline_tasks, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window = _window(qtbot, owner_session)
    window.back_up_now()
    assert shown and "Backed up to" in shown[-1]
    window.check_store()
    assert "no problems found" in shown[-1]


def _leftover(owner_session):
    from shopdesk.store import backup
    real = backup.backup_store(owner_session.store, "manual")
    junk = real.with_name(f"{owner_session.store.path.stem}-20260101-000000-manual.sqlite")
    junk.write_bytes(b"half a header")
    return real, junk


def test_check_offers_to_remove_what_unfinished_backups_left(qtbot, owner_session, inline_tasks, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    real, junk = _leftover(owner_session)
    shown, asked = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def ask(box):
        asked.append((box.text(), box.detailedText(), box.standardButtons()))
        return next(answers)
    monkeypatch.setattr(QMessageBox, "exec", ask)
    window = _window(qtbot, owner_session)
    window.check_store()
    assert "no problems found" in shown[-1] and "nothing was changed" not in shown[-1]
    text, details, buttons = asked[-1]
    assert f"1 file(s) in {real.parent} are not usable backups" in text and "Remove them?" in text
    assert details == f"{junk.name}: not a ShopDesk store, 1 KB"
    assert buttons == QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    assert junk.exists()  # answered No
    window.check_store()
    assert not junk.exists() and real.exists()
    assert shown[-1] == "Removed 1 of them; the backups were not touched."


def test_check_of_a_store_that_cannot_be_written_says_nothing_was_changed(qtbot, owner_session, inline_tasks,
                                                                          monkeypatch):
    import os

    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window = _window(qtbot, owner_session)
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)  # as if on read-only media
    window.check_store()
    assert "no problems found" in shown[-1]
    assert shown[-1].endswith("The store cannot be written here: it was only read, and nothing was changed.")


def test_check_shows_leftovers_without_offering_removal_to_who_may_not_back_up(qtbot, owner_session,
                                                                               inline_tasks, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    real, junk = _leftover(owner_session)
    add_staff(owner_session, "cs", Role.CUSTOMER_SERVICE, "secret12")
    cs = login(owner_session.store, "cs", "secret12")
    asked = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: None)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append((box.text(), box.standardButtons()))
                        or QMessageBox.StandardButton.Yes)
    window = _window(qtbot, cs)
    window.check_store()
    assert "Someone allowed to back up the store can remove them." in asked[-1][0]
    assert asked[-1][1] != QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    assert junk.exists() and real.exists()


def test_a_long_data_folder_is_shortened_in_the_status_bar(qtbot, owner_session, monkeypatch):
    from pathlib import Path

    from shopdesk.ui.main_window import MainWindow
    long = Path("/home/seller/Documents/" + "/".join(["a very long folder name"] * 8) + "/store.sqlite")
    monkeypatch.setattr(type(owner_session.store), "path", property(lambda self: long), raising=False)
    window = MainWindow(owner_session)
    qtbot.addWidget(window)
    folder = window.status_labels[3]
    assert str(long.parent) in folder.toolTip() and "…" in folder.text()
    assert folder.fontMetrics().horizontalAdvance(folder.text()) <= 480
