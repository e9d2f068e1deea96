from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from shopdesk import i18n
from shopdesk.domain.roles import Role
from shopdesk.services.accounts import add_staff, set_active
from shopdesk.store.opening import open_store
from shopdesk.ui.dialogs.login_dialog import LoginDialog
from tests.conftest import OWNER, OWNER_PASSWORD, save_screenshot


def _type(qtbot, dialog, user, password):
    dialog.findChild(QLineEdit, "username").setText(user)
    dialog.findChild(QLineEdit, "password").clear()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "password"), password)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_wrong_then_right_password(qtbot, store_path):
    with open_store(store_path, daily_backup=False) as store:
        dialog = LoginDialog(store, "測試小店")
        qtbot.addWidget(dialog)
        dialog.show()
        _type(qtbot, dialog, OWNER, "wrong-password")
        assert dialog.session is None
        assert dialog.error.text() == "Wrong user name or password."
        save_screenshot(dialog, "login_error_en")
        _type(qtbot, dialog, OWNER, OWNER_PASSWORD)
        assert dialog.session is not None and dialog.session.username == OWNER
        assert dialog.result() == LoginDialog.DialogCode.Accepted


def test_disabled_account_is_refused(qtbot, owner_session):
    add_staff(owner_session, "amy", Role.FINANCE, "secret12")
    set_active(owner_session, "amy", False)
    dialog = LoginDialog(owner_session.store, "測試小店")
    qtbot.addWidget(dialog)
    _type(qtbot, dialog, "amy", "secret12")
    assert dialog.session is None
    assert "disabled" in dialog.error.text()


def test_language_switch_in_the_login_dialog(qtbot, store_path, language):
    with open_store(store_path, daily_backup=False) as store:
        dialog = LoginDialog(store, "測試小店")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.language.setCurrentIndex(list(i18n.LANGUAGES).index(language))
        assert i18n.current_language() == language
        expected = {"zh_CN": "登录", "zh_TW": "登入", "en": "Log in"}[language]
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == expected
        save_screenshot(dialog, f"login_{language}")
