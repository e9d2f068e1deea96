"""First start: the welcome dialog and the new-store form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk import i18n
from shopdesk.domain import errors
from shopdesk.i18n import _
from shopdesk.services import accounts, paths
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import add_rows, finish_form, name_buttons, set_texts
from shopdesk.ui.language import Retranslating, switch_language

CURRENCIES = ["CNY", "TWD", "HKD", "USD", "EUR", "SGD", "MYR"]
TIMEZONES = ["Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong", "Asia/Singapore", "Europe/London",
             "America/New_York", "America/Los_Angeles", "UTC"]


class WelcomeDialog(Retranslating, QDialog):
    """First start: create a store, open one, or open the demo store. ``choice`` says which."""

    CREATE, OPEN, DEMO = "create", "open", "demo"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_dialog")
        self.choice: str | None = None
        self.heading, self.text = QLabel(), QLabel()
        self.heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.text.setWordWrap(True)
        self.create_button, self.open_button, self.demo_button = QPushButton(), QPushButton(), QPushButton()
        self.create_button.setObjectName("create")
        self.open_button.setObjectName("open")
        self.demo_button.setObjectName("demo")
        for button, choice in ((self.create_button, self.CREATE), (self.open_button, self.OPEN),
                               (self.demo_button, self.DEMO)):
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(i18n.LANGUAGES).index(i18n.current_language()))
        self.language.currentIndexChanged.connect(lambda: switch_language(self.language.currentData()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        for button in (self.create_button, self.open_button, self.demo_button):
            layout.addWidget(button)
        layout.addWidget(self.language)
        self.setMinimumWidth(460)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Welcome to ShopDesk"))
        self.heading.setText(_("Welcome to ShopDesk"))
        self.text.setText(_("ShopDesk keeps your store's catalog, stock, orders and reports in one file on "
                            "this computer. Create your store, open an existing store file, or look around "
                            "in the demo store first."))
        self.create_button.setText(_("Create a new store…"))
        self.open_button.setText(_("Open a store file…"))
        self.demo_button.setText(_("Open the demo store"))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class CreateStoreDialog(Retranslating, QDialog):
    """The new-store form; ``session`` is the owner's session once created."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("create_store_dialog")
        self.session: Session | None = None
        self.store_name = QLineEdit()
        self.store_name.setObjectName("store_name")
        self.store_name.textChanged.connect(self._suggest_path)
        self.path = QLineEdit(str(paths.default_store("store")))
        self.path.setObjectName("path")
        self._path_edited = False
        self.path.textEdited.connect(lambda: setattr(self, "_path_edited", True))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(TIMEZONES)
        if i18n.current_language() == "zh_TW":  # a Traditional Chinese user most likely sells in Taiwan
            self.currency.setCurrentText("TWD")
            self.timezone.setCurrentText("Asia/Taipei")
        self.owner, self.password, self.repeat = QLineEdit("owner"), QLineEdit(), QLineEdit()
        self.owner.setObjectName("owner")
        self.password.setObjectName("password")
        self.repeat.setObjectName("repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.store_name, path_row, self.currency, self.timezone, self.owner,
                                           self.password, self.repeat])
        self.error, self.buttons = finish_form(self, self.form, self._create)
        self.setMinimumWidth(560)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Create a new store"))
        labels = (_("Store name"), _("Store file"), _("Currency"), _("Time zone"), _("Owner user name"),
                  _("Password"), _("Repeat the password"))
        set_texts(self.labels, labels)
        self.browse.setText(_("Browse…"))
        name_buttons(self.buttons, _("Create"), _("Cancel"))

    def _suggest_path(self, name: str) -> None:
        if not self._path_edited:
            self.path.setText(str(paths.default_store(name)))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Store file"), self.path.text(),
                                                      _("ShopDesk store (*.sqlite)"))
        if chosen:
            self.path.setText(chosen if chosen.endswith(".sqlite") else chosen + ".sqlite")
            self._path_edited = True

    def _create(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(_("The two passwords differ."))
            return
        try:
            self.session = accounts.init_store(Path(self.path.text()), self.store_name.text(), self.owner.text(),
                                               self.password.text(), self.currency.currentText(),
                                               self.timezone.currentText())
        except errors.ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        self.accept()
