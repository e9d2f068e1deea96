"""The login dialog: the first window of a store with accounts."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shopdesk import i18n
from shopdesk.domain import errors
from shopdesk.i18n import _
from shopdesk.services.session import Session, Store, login
from shopdesk.ui.dialogs.common import add_rows, finish_form, name_buttons, set_texts
from shopdesk.ui.language import Retranslating, switch_language


class LoginDialog(Retranslating, QDialog):
    """Asks for user name and password; ``session`` is set when accepted."""

    def __init__(self, store: Store, store_name: str, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.store_name = store_name
        self.session: Session | None = None
        self.setObjectName("login_dialog")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(i18n.LANGUAGES).index(i18n.current_language()))
        self.language.currentIndexChanged.connect(
            lambda: switch_language(self.language.currentData()))
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.username, self.password, self.language])
        body = QVBoxLayout()
        body.addWidget(self.title)
        body.addLayout(self.form)
        self.error, self.buttons = finish_form(self, body, self._try_login)
        (self.password if username else self.username).setFocus()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Log in — ShopDesk"))
        self.title.setText(_("Log in to {store}").format(store=self.store_name))
        set_texts(self.labels, (_("User name"), _("Password"), _("Language")))
        name_buttons(self.buttons, _("Log in"), _("Cancel"))

    def _try_login(self) -> None:
        try:
            self.session = login(self.store, self.username.text(), self.password.text())
        except errors.AuthError as exc:
            self.error.setText(exc.message())
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()
