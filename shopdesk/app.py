"""The GUI application: start-up, choosing and opening a store, login, main window.

The only module that imports :mod:`shopdesk.ui`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from shopdesk import i18n
from shopdesk.domain.errors import ShopDeskError, StoreBusy, StoreReadOnly
from shopdesk.i18n import _
from shopdesk.services import paths
from shopdesk.services.backup import restore_store, session_login
from shopdesk.services.demo import DEMO_OWNER
from shopdesk.services.session import Session, demo_login
from shopdesk.store.db import backups_dir
from shopdesk.store.opening import open_store
from shopdesk.store.settings import get as get_setting
from shopdesk.ui import workers
from shopdesk.ui.dialogs.create_store_dialog import CreateStoreDialog, WelcomeDialog
from shopdesk.ui.dialogs.login_dialog import LoginDialog
from shopdesk.ui.errors import install_excepthook, setup_logging, show_error
from shopdesk.ui.language import saved_language, switch_language
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.workers import run_task

STORE_FILTER = "ShopDesk (*.sqlite)"


class AppController:
    """Owns the session and its main window; replaces them on open, log-out and restore."""

    def __init__(self) -> None:
        self.session: Session | None = None
        self.window: MainWindow | None = None

    # opening -----------------------------------------------------------------------------------------
    def open_path(self, path: Path, parent: QWidget | None = None, demo_user: str | None = None) -> bool:
        """Open the store at ``path`` and log in (the demo store: as ``demo_user``); returns whether a
        main window is shown."""
        try:
            store = open_store(path)
        except (StoreBusy, StoreReadOnly) as exc:
            store = self._open_read_only(path, exc, parent)
            if store is None:
                return False
        except ShopDeskError as exc:
            show_error(parent, exc)
            return False
        try:
            session = demo_login(store, demo_user) if demo_user else self._ask_login(store, parent)
        except BaseException:
            store.close()
            raise
        if session is None:
            store.close()
            return False
        self._show(session)
        return True

    def _open_read_only(self, path: Path, refusal: ShopDeskError, parent: QWidget | None):
        """The store opened for reading only, when it cannot be opened for changes and the user agrees
        (figures, lists and reports read alongside the window or command that writes); ``None`` otherwise."""
        answer = QMessageBox.question(parent, _("Open for reading only?"), refusal.message() + "\n\n" + _(
            "Open it for reading only? You can look at the figures and print reports; changes are not possible "
            "until the store is opened again."))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            return open_store(path, write=False)
        except ShopDeskError as exc:
            show_error(parent, exc)
            return None

    def _ask_login(self, store, parent: QWidget | None) -> Session | None:
        dialog = LoginDialog(store, get_setting(store.conn, "store.name"), QSettings().value("last_user", ""), parent)
        if not dialog.exec():
            return None
        QSettings().setValue("last_user", dialog.session.username)
        return dialog.session

    def _show(self, session: Session) -> None:
        self.close_session()
        self.session = session
        QSettings().setValue("last_store", str(session.store.path))
        window = MainWindow(session)
        window.new_store_requested.connect(self.new_store)
        window.open_store_requested.connect(self.choose_store)
        window.restore_requested.connect(self.restore)
        window.logout_requested.connect(self.logout)
        self.window = window
        window.show()

    def close_session(self) -> None:
        """Close the main window and the store."""
        if self.window is not None:
            self.window.close()
            shiboken6.delete(self.window)  # at once: no event may reach it after its store is closed
            self.window = None
        if self.session is not None:
            workers.shutdown()  # cancel and wait: no worker may still hold the store when it closes
            self.session.store.close()
            self.session = None

    # flows -------------------------------------------------------------------------------------------
    def start(self, db: str | None, demo: bool) -> bool:
        """The first window: demo, a given store, the last store, or the welcome dialog."""
        if demo:
            return self.open_demo()
        if db:
            return self.open_path(Path(db))
        last = QSettings().value("last_store")
        if last and Path(last).exists():
            return self.open_path(Path(last))
        return self.welcome()

    def welcome(self) -> bool:
        """First start: create, open or demo."""
        dialog = WelcomeDialog()
        if not dialog.exec():
            return False
        if dialog.choice == WelcomeDialog.CREATE:
            return self.new_store()
        if dialog.choice == WelcomeDialog.OPEN:
            return self.choose_store()
        return self.open_demo()

    def new_store(self) -> bool:
        """File → New store…"""
        dialog = CreateStoreDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
            return False
        self._show(dialog.session)
        return True

    def choose_store(self) -> bool:
        """File → Open store…"""
        start = str(self.session.store.path.parent) if self.session else str(paths.data_dir())
        chosen, _filter = QFileDialog.getOpenFileName(self.window, _("Open a store"), start, STORE_FILTER)
        return bool(chosen) and self.open_path(Path(chosen), self.window)

    def open_demo(self) -> bool:
        """Open the demo store, building it first if needed (with progress)."""
        path = paths.demo_store()
        if path.exists():
            return self.open_path(path, demo_user=DEMO_OWNER)
        from shopdesk.services.demo import build_demo  # only on the first demo start
        result: dict[str, bool] = {}

        def built(_summary) -> None:
            result["ok"] = self.open_path(path, demo_user=DEMO_OWNER)
        task = run_task(None, _("Building the demo store…"),
                        lambda progress, cancel: build_demo(path, progress=progress, cancel=cancel), built)
        loop_until_done(task)
        return result.get("ok", False)

    def logout(self) -> None:
        """File → Log out: back to the login dialog of the same store."""
        path = self.session.store.path if self.session else None
        self.close_session()
        if path is None or not self.open_path(path):
            QApplication.quit()

    def restore(self) -> None:
        """File → Restore…: pick a backup, confirm, replace, log in again (only with the right to back up and
        restore; the restore is audited as the logged-in staff member)."""
        if self.session is None:
            return
        try:
            by = session_login(self.session)
        except ShopDeskError as exc:
            show_error(self.window, exc)
            return
        path = self.session.store.path
        chosen, _filter = QFileDialog.getOpenFileName(self.window, _("Restore from a backup"),
                                                      str(backups_dir(path)), STORE_FILTER)
        if not chosen:
            return
        answer = QMessageBox.question(self.window, _("Restore"), _(
            "Replace {path} with the backup {backup}? The current file is kept as a backup too.").format(
            path=path, backup=chosen))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.close_session()
        task = run_task(None, _("Restoring…"),
                        lambda progress, cancel: restore_store(Path(chosen), path, by, progress),
                        lambda kept: None)
        loop_until_done(task)
        if not self.open_path(path):
            QApplication.quit()


def loop_until_done(task) -> None:
    """Wait for a start-up task with a running event loop (there is no window yet)."""
    loop = QEventLoop()
    for signal in (task.done, task.failed, task.cancelled):
        signal.connect(loop.quit)
    if not task.is_finished:
        loop.exec()


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with ShopDesk's names, language, log and error dialog."""
    QCoreApplication.setOrganizationName("ShopDesk")
    QCoreApplication.setApplicationName("ShopDesk")
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    setup_logging(paths.log_file())
    install_excepthook()
    switch_language(saved_language(i18n.current_language()), remember=False)
    return app


def run_gui(db: str | None = None, demo: bool = False, language: str | None = None) -> int:
    """Open the GUI; returns the exit code of the event loop."""
    app = make_app()
    if language:
        switch_language(language)
    controller = AppController()
    if not controller.start(db, demo):
        return 0
    if os.environ.get("SHOPDESK_EXIT_WHEN_READY"):
        QTimer.singleShot(0, app.quit)  # bench/startup: quit once the window is interactive
    code = app.exec()
    controller.close_session()
    return code
