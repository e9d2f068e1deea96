"""Start-up flows of the application controller."""

import logging

from PySide6.QtWidgets import QMessageBox

from shopdesk.app import AppController
from shopdesk.services import paths
from shopdesk.ui.errors import show_error


def test_demo_is_built_once_and_opened_as_owner(qtbot, inline_tasks, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPDESK_DATA_DIR", str(tmp_path))
    controller = AppController()
    assert controller.start(db=None, demo=True)
    assert paths.demo_store().exists()
    assert controller.window.windowTitle().endswith("(demo)")
    assert controller.session.username == "owner"
    controller.close_session()
    again = AppController()
    assert again.start(db=None, demo=True)
    again.close_session()


def test_a_bad_store_gets_a_message(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    assert not AppController().start(db=str(bad), demo=False)
    assert shown and str(bad) in shown[0] and "not a ShopDesk store" in shown[0]
    assert bad.read_text() == "hello"


def test_unexpected_error_is_logged_and_shown_with_details(qtbot, monkeypatch, caplog):
    details = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: details.append(self.detailedText()))
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        with caplog.at_level(logging.ERROR):
            show_error(None, exc)
    assert "ZeroDivisionError: boom" in details[0]
    assert "Traceback" in details[0]
    assert "boom" in caplog.text


def test_restore_from_the_file_menu(qtbot, inline_tasks, tmp_path, monkeypatch, store_path):
    from PySide6.QtWidgets import QFileDialog

    from shopdesk.domain.roles import Role
    from shopdesk.services.accounts import add_staff
    from shopdesk.store import backup
    from shopdesk.store.opening import open_store
    from shopdesk.ui.dialogs.login_dialog import LoginDialog
    from tests.conftest import OWNER, OWNER_PASSWORD

    def log_in(self):
        self.username.setText(OWNER)
        self.password.setText(OWNER_PASSWORD)
        self._try_login()
        return self.session is not None
    monkeypatch.setattr(LoginDialog, "exec", log_in)
    controller = AppController()
    assert controller.start(db=str(store_path), demo=False)
    saved = backup.backup_store(controller.session.store, "manual")
    add_staff(controller.session, "amy", Role.FINANCE, "secret12")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    controller.restore()
    assert controller.session is not None and controller.session.username == OWNER
    names = [r.username for r in __import__("shopdesk.services.accounts", fromlist=["x"]).list_staff(
        controller.session)]
    assert names == [OWNER]
    controller.logout()  # back to the login dialog, which logs in again
    assert controller.session is not None
    controller.close_session()
    with open_store(store_path, daily_backup=False) as store:
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit_log ORDER BY id")]
        restored = store.conn.execute("SELECT staff_name FROM audit_log WHERE action = 'store.restored'").fetchall()
    assert "store.restored" in actions and actions.count("staff.login") >= 2
    assert [r[0] for r in restored] == [OWNER]


def test_restore_is_only_for_those_with_the_right(qtbot, inline_tasks, monkeypatch, store_path):
    from PySide6.QtWidgets import QFileDialog

    from shopdesk.domain.roles import Role
    from shopdesk.services.accounts import add_staff, change_role
    from shopdesk.services.session import login
    from shopdesk.store import backup
    from shopdesk.store.opening import open_store
    from shopdesk.ui.dialogs.login_dialog import LoginDialog
    from tests.conftest import OWNER, OWNER_PASSWORD

    with open_store(store_path, daily_backup=False) as store:
        owner = login(store, OWNER, OWNER_PASSWORD)
        add_staff(owner, "otto", Role.OPERATIONS, "ottopass1")
        add_staff(owner, "ada", Role.ADMIN, "adapass1")
        saved = backup.backup_store(store, "manual")
    account = {}

    def log_in(self):
        self.username.setText(account["name"])
        self.password.setText(account["password"])
        self._try_login()
        return self.session is not None
    monkeypatch.setattr(LoginDialog, "exec", log_in)
    asked, shown = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a) or (str(saved), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    account.update(name="otto", password="ottopass1")
    controller = AppController()
    assert controller.start(db=str(store_path), demo=False)
    assert not controller.window.act_restore.isVisible()
    controller.restore()  # reached without the menu (a shortcut, a stale window): refused all the same
    assert shown == ["otto (Operations) may not back up and restore the store."] and not asked
    controller.close_session()

    account.update(name="ada", password="adapass1")
    assert controller.start(db=str(store_path), demo=False)
    assert controller.window.act_restore.isVisible()
    change_role(login(controller.session.store, OWNER, OWNER_PASSWORD), "ada", Role.OPERATIONS)  # while logged in
    controller.restore()
    assert shown[-1] == "ada (Operations) may not back up and restore the store." and not asked
    assert controller.session is not None and controller.session.username == "ada"
    controller.close_session()
    with open_store(store_path, daily_backup=False) as store:
        assert not store.conn.execute("SELECT 1 FROM audit_log WHERE action = 'store.restored'").fetchone()


def test_error_in_a_worker_thread_is_logged_and_shown_on_the_gui_thread(qtbot, monkeypatch, caplog):
    import sys
    import threading

    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    from shopdesk.ui.errors import install_excepthook
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(QThread.currentThread()))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()

    def fail() -> None:
        try:
            raise ZeroDivisionError("in a worker")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    with caplog.at_level(logging.ERROR):
        worker = threading.Thread(target=fail)
        worker.start()
        worker.join()
    assert "in a worker" in caplog.text and not shown  # no widget was built off the GUI thread
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [QApplication.instance().thread()]


def test_closing_the_session_cancels_and_waits_for_running_work(qtbot, tmp_path, monkeypatch):
    import threading
    import time

    from shopdesk.domain.errors import Cancelled
    from shopdesk.ui import workers
    monkeypatch.setenv("SHOPDESK_DATA_DIR", str(tmp_path))
    controller = AppController()
    assert controller.start(db=None, demo=True)
    started, stopped = threading.Event(), []

    def slow(progress, cancel):
        started.set()
        while True:
            try:
                cancel.check()
            except Cancelled:
                stopped.append(controller.session is not None)  # the store was still open
                raise
            time.sleep(0.01)
    workers.run_task(controller.window, "slow", slow, on_done=lambda _r: None)
    assert started.wait(5)
    controller.close_session()
    assert stopped == [True] and controller.session is None
