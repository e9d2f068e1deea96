"""The main window: menus, the tabs of built areas, and the status bar.

It knows one session; opening another store, logging out and restoring are
asked of the application controller through signals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from shopdesk import __version__, i18n
from shopdesk.domain.roles import Permission
from shopdesk.i18n import _
from shopdesk.services import paths
from shopdesk.services.backup import back_up
from shopdesk.services.check import check_store, describe_leftover, remove_leftovers
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.import_wizard import ImportWizard
from shopdesk.ui.dialogs.settings_dialog import SettingsDialog
from shopdesk.ui.dialogs.staff_dialog import StaffDialog
from shopdesk.ui.dialogs.traffic_dialog import EnterTrafficDialog
from shopdesk.ui.language import Retranslating, switch_language
from shopdesk.ui.refresh import feed, refresher
from shopdesk.ui.tabs import registry
from shopdesk.ui.workers import run_task


class MainWindow(Retranslating, QMainWindow):
    """One store, one logged-in staff member."""

    new_store_requested = Signal()
    open_store_requested = Signal()
    restore_requested = Signal()
    logout_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("main_window")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.feed = feed(session)
        self.entries = registry.tabs_for(session)
        self.pages: dict[str, QWidget] = {}
        for entry in self.entries:
            self.pages[entry.key] = entry.build(session)
            self.tabs.addTab(self.pages[entry.key], "")
        dashboard, inventory, tasks = self.tab("dashboard"), self.tab("inventory"), self.tab("tasks")
        anomalies, imports = self.tab("anomalies"), self.tab("imports")
        if anomalies is not None and tasks is not None:
            anomalies.task_requested.connect(tasks.new_task)
        if dashboard is not None:
            dashboard.import_requested.connect(self.open_import)  # the same as File → Import…
            if inventory is not None:
                dashboard.inventory_requested.connect(lambda: self.tabs.setCurrentWidget(inventory))
        if imports is not None:
            imports.import_requested.connect(self.open_import)
        self.setAcceptDrops(session.can(Permission.IMPORT_DATA))
        self._build_menus()
        if not session.store.writable:  # a window that only reads offers no change
            for action in (self.act_import, self.act_traffic, self.act_restore, self.act_staff, self.act_settings):
                action.setEnabled(False)
        self.status_labels = [QLabel() for _i in range(4)]
        for label in self.status_labels:
            self.statusBar().addPermanentWidget(label)
        self.resize(1192, 720)  # the smallest size the dashboard cards are laid out for
        geometry = QSettings().value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.retranslate_ui()

    def tab(self, key: str) -> QWidget | None:
        """The tab ``key`` of the registry, when this account sees it."""
        return self.pages.get(key)

    # menus -------------------------------------------------------------------------------------------
    def _action(self, menu, slot, shortcut=None, permission: Permission | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        if permission is not None:
            action.setVisible(self.session.can(permission))
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.act_new = self._action(self.file_menu, self.new_store_requested.emit, QKeySequence.StandardKey.New)
        self.act_open = self._action(self.file_menu, self.open_store_requested.emit, QKeySequence.StandardKey.Open)
        self.act_import = self._action(self.file_menu, self.open_import, QKeySequence("Ctrl+I"),
                                       Permission.IMPORT_DATA)
        self.act_traffic = self._action(self.file_menu, self.enter_traffic, None, Permission.IMPORT_DATA)
        self.file_menu.addSeparator()
        self.act_backup = self._action(self.file_menu, self.back_up_now, QKeySequence.StandardKey.Save,
                                       Permission.BACKUP_RESTORE)
        self.act_restore = self._action(self.file_menu, self.restore_requested.emit, None, Permission.BACKUP_RESTORE)
        self.act_check = self._action(self.file_menu, self.check_store)
        self.file_menu.addSeparator()
        self.act_staff = self._action(self.file_menu, self.open_staff, None, Permission.MANAGE_STAFF)
        self.act_settings = self._action(self.file_menu, self.open_settings, QKeySequence.StandardKey.Preferences,
                                         Permission.EDIT_SETTINGS)
        self.file_menu.addSeparator()
        self.act_logout = self._action(self.file_menu, self.logout_requested.emit)
        self.act_quit = self._action(self.file_menu, self.close, QKeySequence.StandardKey.Quit)
        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _checked=False, c=code: switch_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.act_refresh = self._action(self.view_menu, self.refresh, QKeySequence.StandardKey.Refresh)
        self.help_menu = bar.addMenu("")
        self.act_about = self._action(self.help_menu, self.show_about)

    def retranslate_ui(self) -> None:
        name = self.session.setting("store.name")
        title = _("{name} (demo)").format(name=name) if self.session.is_demo else name
        if not self.session.store.writable:
            title = _("{name} (read-only)").format(name=title)
        self.setWindowTitle("ShopDesk — " + title)
        for entry in self.entries:
            self.tabs.setTabText(self.tabs.indexOf(self.pages[entry.key]), _(entry.label))
        self.file_menu.setTitle(_("&File"))
        for action, text in ((self.act_new, _("&New store…")), (self.act_open, _("&Open store…")), (self.act_import, _("&Import…")), (self.act_traffic, _("Enter &visitors…")),
                             (self.act_backup, _("&Back up now")), (self.act_restore, _("&Restore…")),
                             (self.act_check, _("&Check store")), (self.act_staff, _("S&taff…")),
                             (self.act_settings, _("&Settings…")), (self.act_logout, _("&Log out")),
                             (self.act_quit, _("&Quit")), (self.act_refresh, _("&Refresh")),
                             (self.act_about, _("&About ShopDesk"))):
            action.setText(text)
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())
        role = self.session.role
        store_text = _("Store: {name}").format(name=name)
        if not self.session.store.writable:
            store_text = _("{name} (read-only)").format(name=store_text)
        texts = (store_text, _("Staff: {user}").format(user=self.session.username),
                 _("Role: {role}").format(role=role.label),
                 _("Data folder: {folder}").format(folder=self.session.store.path.parent))
        for label, text in zip(self.status_labels, texts, strict=True):
            label.setText(text)
            label.setToolTip("")
        folder = self.status_labels[3]  # a long folder shortened in its middle, whole in its tooltip
        folder.setToolTip(folder.text())
        folder.setText(folder.fontMetrics().elidedText(folder.text(), Qt.TextElideMode.ElideMiddle, 480))

    # actions -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """View → Refresh: the current tab reads again now (the others when next shown)."""
        for page in self.pages.values():
            refresher(page).due = True
        refresher(self.tabs.currentWidget()).run()

    def open_import(self, files: list[Path] | None = None) -> None:
        """File → Import… (or files dropped on the window): the import wizard."""
        self.session.require(Permission.IMPORT_DATA)
        ImportWizard(self.session, files or [], self).exec()

    def enter_traffic(self) -> None:
        """File → Enter visitors…"""
        EnterTrafficDialog(self.session, self).exec()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls() and self.session.can(Permission.IMPORT_DATA):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_import(files)

    def back_up_now(self) -> None:
        """File → Back up now, in the background."""
        self.session.require(Permission.BACKUP_RESTORE)
        path = self.session.store.path
        run_task(self, _("Backing up…"), lambda progress, cancel: back_up(path, "manual", progress=progress),
                 lambda target: QMessageBox.information(self, _("Back up now"),
                                                        _("Backed up to {path}.").format(path=target)))

    def check_store(self) -> None:
        """File → Check store, in the background."""
        path = self.session.store.path

        def done(result) -> None:
            unchanged = ("\n\n" + _("The store cannot be written here: it was only read, and nothing was "
                                     "changed.")) if result.read_only else ""
            if result.ok:
                QMessageBox.information(self, _("Check store"),
                                        _("{path}: no problems found.").format(path=path) + unchanged)
            else:
                box = QMessageBox(QMessageBox.Icon.Warning, _("Check store"),
                                  _("{count} problem(s) found in {path}.").format(count=len(result.problems),
                                                                                   path=path) + unchanged,
                                  parent=self)
                box.setDetailedText("\n".join(result.problems))
                box.exec()
            if result.leftovers:
                self._offer_to_remove_leftovers(result)
        run_task(self, _("Checking the store…"), lambda progress, cancel: check_store(path), done)

    def _offer_to_remove_leftovers(self, result) -> None:
        """After a check: the files unfinished backups left in ``backups/``, and the question whether to remove
        them (asked of those who may back up; the backups themselves are never touched)."""
        text = _("{count} file(s) in {folder} are not usable backups (see the details).").format(
            count=len(result.leftovers), folder=result.backups_folder)
        allowed = self.session.can(Permission.BACKUP_RESTORE)
        box = QMessageBox(QMessageBox.Icon.Question if allowed else QMessageBox.Icon.Information,
                          _("Check store"), text + "\n\n" + (
                              _("Remove them? The backups are not touched.") if allowed
                              else _("Someone allowed to back up the store can remove them.")), parent=self)
        box.setDetailedText("\n".join(describe_leftover(item) for item in result.leftovers))
        if allowed:
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes or not allowed:
            return
        removed, failed = remove_leftovers(result.path, [item.path for item in result.leftovers])
        message = _("Removed {count} of them; the backups were not touched.").format(count=len(removed))
        if failed:
            QMessageBox.warning(self, _("Check store"), message + "\n" + _(
                "{count} could not be removed: {folder} cannot be written.").format(
                count=len(failed), folder=result.backups_folder))
        else:
            QMessageBox.information(self, _("Check store"), message)

    def open_staff(self) -> None:
        """File → Staff…"""
        StaffDialog(self.session, self).exec()

    def open_settings(self) -> None:
        """File → Settings…"""
        if SettingsDialog(self.session, self).exec():
            self.retranslate_ui()  # the store's name; the tabs heard the settings change

    def show_about(self) -> None:
        """Help → About, with versions and the data folder."""
        import sqlite3

        import pyqtgraph
        import PySide6
        import reportlab
        QMessageBox.about(self, _("About ShopDesk"), _(
            "<b>ShopDesk {version}</b><p>The offline back office of an online store.</p>"
            "<p>Data folder: {data}<br>Store file: {store}</p>"
            "<p>Python {python} · Qt {qt} · PySide6 {pyside} · SQLite {sqlite} · pyqtgraph {pg} · "
            "ReportLab {rl}</p>").format(
            version=__version__, data=paths.data_dir(), store=self.session.store.path,
            python=".".join(map(str, __import__("sys").version_info[:3])), qt=PySide6.QtCore.qVersion(),
            pyside=PySide6.__version__, sqlite=sqlite3.sqlite_version, pg=pyqtgraph.__version__,
            rl=reportlab.Version))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.feed.close()
        super().closeEvent(event)
