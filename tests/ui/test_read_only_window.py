"""A window that only reads: offered when another ShopDesk writes the store, alongside reading commands."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from shopdesk.app import AppController
from shopdesk.domain import errors
from tests.cli.test_readers import (
    DEMO_PASSWORD,
    DEMO_USER,
    start,
    writer_open,  # noqa: F401 - the fixture
)
from tests.conftest import save_screenshot


def log_in_as_demo_owner(monkeypatch):
    from shopdesk.ui.dialogs.login_dialog import LoginDialog

    def log_in(self):
        self.username.setText(DEMO_USER)
        self.password.setText(DEMO_PASSWORD)
        self._try_login()
        return self.session is not None
    monkeypatch.setattr(LoginDialog, "exec", log_in)


def test_a_window_reads_while_another_writes_and_two_reports_run(qtbot, inline_tasks, monkeypatch, tmp_path,
                                                                  writer_open):  # noqa: F811
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    log_in_as_demo_owner(monkeypatch)
    controller = AppController()
    reports = []
    try:
        assert controller.open_path(writer_open)
        assert "open for changes in another ShopDesk window" in asked[0] and "reading only" in asked[0]
        session = controller.session
        assert not session.store.writable and session.username == DEMO_USER
        assert controller.window.windowTitle().endswith("(read-only)")
        assert controller.window.status_labels[0].text().endswith("(read-only)")
        window = controller.window
        # it offers no change: no import, no preparing or confirming the day, no anomaly check or cause, targets
        # shown but not editable
        assert not window.act_import.isEnabled() and not window.act_settings.isEnabled()
        assert not window.acceptDrops()  # a dropped export is not imported either
        from shopdesk.domain.roles import CHANGES, Permission, allows
        assert allows(session.role, Permission.MANAGE_STOCK)  # the owner's rights, but none that changes the store
        assert not any(session.can(p) for p in CHANGES) and session.can(Permission.VIEW_SENSITIVE)
        qtbot.waitUntil(lambda: window.tab("dashboard").board is not None)
        assert not window.tab("dashboard").confirm_bar.prepare_button.isEnabled()
        assert not window.tab("anomalies").check_button.isEnabled()
        from shopdesk.ui.dialogs.targets_dialog import TargetsDialog
        sheet = TargetsDialog(session)
        qtbot.addWidget(sheet)
        assert not sheet.editable
        qtbot.wait(100)  # the layout settles before the picture
        save_screenshot(controller.window, "read_only_window")
        reports = [start("report", "monthly", "--db", str(writer_open), "--user", DEMO_USER, "--date",
                         "2026-10-15", "--out", str(tmp_path / f"m{i}.pdf")) for i in (1, 2)]
        from shopdesk.services.kpi import kpi_series
        assert kpi_series(session, dt.date(2026, 10, 1), dt.date(2026, 10, 31), "day")  # the window reads on
        from shopdesk.services.traffic import enter_traffic
        try:
            enter_traffic(session, dt.date(2026, 10, 15), 5, None, None, "", None, None)
        except errors.StoreOpenedReadOnly as exc:
            assert "reading only" in exc.message()
        else:
            raise AssertionError("a change was accepted in a read-only window")
        for process in reports:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
    finally:
        for process in reports:
            if process.poll() is None:
                process.kill()
        controller.close_session()
    assert (tmp_path / "m1.pdf").exists() and (tmp_path / "m2.pdf").exists()


def test_refusing_the_read_only_window_opens_nothing(qtbot, monkeypatch, writer_open):  # noqa: F811
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    controller = AppController()
    assert not controller.open_path(writer_open)
    assert controller.session is None
