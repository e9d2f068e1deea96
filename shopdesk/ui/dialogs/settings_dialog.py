"""The Settings dialog: every declared store setting, validated before saving."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from shopdesk.domain import errors
from shopdesk.domain import settings as decl
from shopdesk.i18n import _
from shopdesk.services.accounts import update_settings
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import finish_form, name_buttons
from shopdesk.ui.language import Retranslating


def _shown(s: decl.Setting, value: object) -> str:
    if value is None:
        return ""
    if s.kind == decl.Kind.RATE:
        return f"{float(value) * 100:g}"
    return str(value)


def _parsed(s: decl.Setting, text: str) -> str:
    """Editor text to the stored form (percent → fraction for rates)."""
    if s.kind == decl.Kind.RATE and text.strip():
        try:
            return repr(float(text.strip().rstrip("%")) / 100)
        except ValueError:
            return text
    return text


class _ChoiceEdit(QComboBox):
    """A setting with fixed choices; ``text()`` is the chosen value, as a line edit's would be."""

    def __init__(self, choices: tuple[str, ...], value: str) -> None:
        super().__init__()
        for choice in choices:
            self.addItem(choice.upper() if len(choice) <= 2 else choice.capitalize(), choice)
        self.setCurrentIndex(max(0, self.findData(value)))

    def text(self) -> str:
        return self.currentData()

    def selectAll(self) -> None:  # noqa: N802 - as QLineEdit, for the refusal path
        pass


class SettingsDialog(Retranslating, QDialog):
    """Edits the store's settings; nothing is saved while any value is refused."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settings_dialog")
        self.resize(720, 520)
        values = session.settings()
        self.editors: dict[str, QLineEdit | _ChoiceEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.units: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        self.groups: list[tuple[str, int]] = []
        by_group: dict[str, list[decl.Setting]] = {}
        for s in decl.SETTINGS:
            by_group.setdefault(s.group, []).append(s)
        for group, items in by_group.items():
            page = QWidget()
            form = QFormLayout(page)
            for s in items:
                if s.kind == decl.Kind.CHOICE:
                    editor = _ChoiceEdit(s.choices, values[s.key])
                else:
                    editor = QLineEdit(_shown(s, values[s.key]))
                editor.setObjectName(s.key)
                if s.fallback:  # what applies while it is empty
                    editor.setPlaceholderText(_shown(decl.setting(s.fallback), values[s.fallback]))
                unit = QLabel()
                row = QHBoxLayout()
                row.addWidget(editor, 1)
                row.addWidget(unit)
                label = QLabel()
                label.setWordWrap(True)
                label.setMinimumWidth(260)
                form.addRow(label, row)
                self.editors[s.key], self.labels[s.key], self.units[s.key] = editor, label, unit
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(page)
            self.groups.append((group, self.tabs.addTab(scroll, "")))
        self.error, self.buttons = finish_form(self, self.tabs, self._save)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Settings"))
        for group, index in self.groups:
            self.tabs.setTabText(index, _(group))
        for s in decl.SETTINGS:
            self.labels[s.key].setText(s.describe())
            self.labels[s.key].setToolTip(s.key)
            self.units[s.key].setText("%" if s.kind == decl.Kind.RATE else _(s.unit) if s.unit else "")
        name_buttons(self.buttons, _("Save"), _("Cancel"))

    def _save(self) -> None:
        values = {key: _parsed(decl.setting(key), editor.text()) for key, editor in self.editors.items()}
        for key, raw in values.items():
            try:
                decl.validate(key, raw)
            except ValueError as exc:
                self._refuse(key, str(exc))
                return
        try:
            update_settings(self.session, values)
        except errors.InvalidValue as exc:
            self.error.setText(exc.message())
            return
        self.accept()

    def _refuse(self, key: str, reason: str) -> None:
        s = decl.setting(key)
        self.error.setText(_("{field}: {reason}").format(field=s.describe(), reason=reason))
        for group, index in self.groups:
            if group == s.group:
                self.tabs.setCurrentIndex(index)
        self.editors[key].setFocus()
        self.editors[key].selectAll()
