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
