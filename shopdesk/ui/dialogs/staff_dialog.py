"""The Staff dialog: accounts, roles, disabling and passwords (owner/admin)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain import errors
from shopdesk.domain.roles import LEAST_PRIVILEGED, Role, may_assign
from shopdesk.i18n import _
from shopdesk.services import accounts
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import add_rows, finish_form, name_buttons, set_texts
from shopdesk.ui.language import Retranslating
from shopdesk.ui.widgets import record_table, selected_index


class AddStaffDialog(Retranslating, QDialog):
    """Asks for a new account's name, role and password; the role offered first is the least privileged."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("add_staff_dialog")
        self.username, self.display_name = QLineEdit(), QLineEdit()
        self.username.setObjectName("username")
        self.role = QComboBox()
        self.role.setObjectName("role")
        self.password, self.repeat = QLineEdit(), QLineEdit()
        self.password.setObjectName("password")
        self.repeat.setObjectName("repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.username, self.display_name, self.role, self.password,
                                           self.repeat])
        self.error, self.buttons = finish_form(self, self.form, self._add)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add an account"))
        set_texts(self.labels, (_("User name"), _("Display name"), _("Role"), _("Password"),
                                _("Repeat the password")))
        current = self.role.currentData() or LEAST_PRIVILEGED.value  # never Owner unless chosen
        self.role.clear()
        actor = self.session.role
        for role in Role:
            if may_assign(actor, role):  # only the roles this account may give
                self.role.addItem(str(role.label), role.value)
        self.role.setCurrentIndex(max(self.role.findData(current), 0))
        name_buttons(self.buttons, _("Add"), _("Cancel"))

    def _add(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(_("The two passwords differ."))
            return
        try:
            accounts.add_staff(self.session, self.username.text(), Role(self.role.currentData()),
                               self.password.text(), self.display_name.text())
        except errors.ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        self.accept()


class StaffDialog(Retranslating, QDialog):
    """Lists the accounts and manages them."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("staff_dialog")
        self.resize(760, 420)
        self.table = record_table(5, "staff_table", self._update_buttons)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button, self.toggle_button = QPushButton(), QPushButton()
        self.role_button, self.password_button = QPushButton(), QPushButton()
        self.add_button.setObjectName("add")
        self.toggle_button.setObjectName("toggle")
        self.role_button.setObjectName("role")
        self.password_button.setObjectName("password")
        self.add_button.clicked.connect(self._add)
        self.toggle_button.clicked.connect(self._toggle)
        self.role_button.clicked.connect(self._change_role)
        self.password_button.clicked.connect(self._reset_password)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.role_button, self.password_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.close_buttons)
        self.reload()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Staff accounts"))
        self.table.setHorizontalHeaderLabels([_("User name"), _("Display name"), _("Role"), _("Status"),
                                              _("Created")])
        self.add_button.setText(_("Add…"))
        self.role_button.setText(_("Change role…"))
        self.password_button.setText(_("Set password…"))
        self.close_buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.reload()

    def reload(self) -> None:
        """Fill the table from the store."""
        selected = self.selected()
        self.rows = accounts.list_staff(self.session)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            cells = (r.username, r.display_name, str(r.role.label), _("active") if r.active else _("disabled"),
                     r.created_at[:16].replace("T", " "))
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
            if selected and r.username == selected.username:
                self.table.selectRow(i)
        self._update_buttons()

    def selected(self):
        """The selected account row, or ``None``."""
        index = selected_index(self.table)
        return self.rows[index] if index is not None and hasattr(self, "rows") else None

    def highlight(self, username: str) -> None:
        """Put the selection on the account ``username``."""
        for i, r in enumerate(self.rows):
            if r.username == username:
                self.table.selectRow(i)

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.toggle_button, self.role_button, self.password_button):
            button.setEnabled(row is not None)
        self.toggle_button.setText(_("Enable") if row is not None and not row.active else _("Disable"))

    def _run(self, action) -> None:
        try:
            action()
        except errors.ShopDeskError as exc:
            QMessageBox.warning(self, _("Staff accounts"), exc.message())
        self.reload()

    def _add(self) -> None:
        dialog = AddStaffDialog(self.session, self)
        if dialog.exec():
            self.reload()
            self.highlight(dialog.username.text().strip())

    def _toggle(self) -> None:
        row = self.selected()
        self._run(lambda: accounts.set_active(self.session, row.username, not row.active))

    def _change_role(self) -> None:
        row = self.selected()
        roles = list(Role)
        labels = [str(r.label) for r in roles]
        label, ok = QInputDialog.getItem(self, _("Change role"), _("New role of {user}:").format(user=row.username),
                                         labels, roles.index(row.role), False)
        if ok:
            self._run(lambda: accounts.change_role(self.session, row.username, roles[labels.index(label)]))

    def _reset_password(self) -> None:
        row = self.selected()
        password, ok = QInputDialog.getText(self, _("Set password"),
                                            _("New password of {user}:").format(user=row.username),
                                            QLineEdit.EchoMode.Password)
        if ok:
            self._run(lambda: accounts.reset_password(self.session, row.username, password))
