"""Bulk edit of the catalog: one change for the selected products or every product shown; "Preview" lists
what each value becomes, and only a previewed change can be applied (SPEC §3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.bulk_edit import MODES, STAGES
from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.paging import Query
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import CODED_CELL_LABELS
from shopdesk.i18n import N_, _, formatting
from shopdesk.services import bulk_edit
from shopdesk.services.session import Session
from shopdesk.ui.widgets import record_table

MODE_LABELS = {"set": N_("set to"), "percent": N_("change by a percentage (%)"),
               "add": N_("add units (negative: less)")}
HINTS = {"price": N_("an amount such as 19.90"), "cost": N_("an amount; blank: no cost"),
         "safety_stock": N_("whole units"), "supplier": N_("the supplier's name; blank: none"),
         "owner": N_("a staff account; blank: no owner"), "category": N_("level 1 / level 2 / level 3"),
         "commission": N_("per cent; blank: the store setting"), "ad_spend": N_("per cent; blank: the store setting"),
         "fulfilment": N_("an amount; blank: the store setting")}
REFUSED = QColor("#b3261e")


class BulkEditDialog(QDialog):
    """Field, how, value and which products; the preview table; Apply writes the previewed change."""

    def __init__(self, session: Session, selected: list[str], query: Query, shown: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.selected, self.query = session, selected, query
        self.rows: list[bulk_edit.PreviewRow] = []
        self.previewed: tuple | None = None  # (codes, change) the preview shows
        self.setObjectName("bulk_edit_dialog")
        self.setWindowTitle(_("Bulk edit"))
        self.resize(820, 560)
        self.field, self.mode, self.stage = QComboBox(), QComboBox(), QComboBox()
        self.field.setObjectName("field")
        self.mode.setObjectName("mode")
        self.stage.setObjectName("stage_value")
        fields = [f for f in MODES if f not in bulk_edit.SENSITIVE_FIELDS or session.can(Permission.VIEW_SENSITIVE)]
        for key in fields:
            self.field.addItem(_(bulk_edit.FIELD_LABELS[key]), key)
        for key in STAGES:
            self.stage.addItem(_(CODED_CELL_LABELS[key]), key)
        self.value = QLineEdit()
        self.value.setObjectName("value")
        self.only_selected = QRadioButton(_("The {count} selected products").format(
            count=formatting.number(len(selected))))
        self.every_shown = QRadioButton(_("Every product shown ({count})").format(count=formatting.number(shown)))
        self.only_selected.setEnabled(bool(selected))
        (self.only_selected if selected else self.every_shown).setChecked(True)
        scope = QHBoxLayout()
        scope.addWidget(self.only_selected)
        scope.addWidget(self.every_shown)
        scope.addStretch(1)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value, 1)
        value_row.addWidget(self.stage, 1)
        form = QFormLayout()
        form.addRow(_("Change:"), self.field)
        form.addRow(_("How:"), self.mode)
        form.addRow(_("Value:"), value_row)
        form.addRow(_("Products:"), scope)
        self.preview_button = QPushButton(_("Preview"))
        self.preview_button.setObjectName("preview")
        self.preview_button.clicked.connect(self.preview)
        self.table = record_table(5, "bulk_preview", lambda: None)
        self.table.setHorizontalHeaderLabels([_("Product code"), _("Name"), _("Now"), _("After"), _("Note")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(_("Apply"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.field.currentIndexChanged.connect(self._field_changed)
        for signal in (self.mode.currentIndexChanged, self.value.textChanged, self.stage.currentIndexChanged,
                       self.only_selected.toggled):
            signal.connect(self._forget_preview)
        self._field_changed()

    def _field_changed(self) -> None:
        key = self.field.currentData()
        self.mode.blockSignals(True)
        self.mode.clear()
        for mode in MODES[key]:
            self.mode.addItem(_(MODE_LABELS[mode]), mode)
        self.mode.blockSignals(False)
        self.stage.setVisible(key == "stage")
        self.value.setVisible(key != "stage")
        self.value.setPlaceholderText(_(HINTS[key]) if key in HINTS else "")
        self._forget_preview()

    def _forget_preview(self) -> None:
        """Any change to the edit hides the preview: only what was previewed can be applied."""
        self.previewed = None
        self.rows = []
        self.table.setRowCount(0)
        self.apply_button.setEnabled(False)
        self.summary.setText(_("Preview the change to see what each product's value becomes."))

    def codes(self) -> list[str]:
        return self.selected if self.only_selected.isChecked() else bulk_edit.codes_shown(self.session, self.query)

    def preview(self) -> None:
        field, mode = self.field.currentData(), self.mode.currentData()
        text = self.stage.currentData() if field == "stage" else self.value.text()
        try:
            change = bulk_edit.parse_change(self.session, field, mode, text)
            codes = self.codes()
            self.rows = bulk_edit.preview(self.session, codes, change)
        except ShopDeskError as exc:
            self._forget_preview()
            self.summary.setText(str(exc))
            return
        self.previewed = (codes, change)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            note = row.problem or ("" if row.changes else _("unchanged"))
            cells = (row.code, row.name, bulk_edit.value_text(self.session, field, row.before),
                     bulk_edit.value_text(self.session, field, row.after), note)
            for j, cell in enumerate(cells):
                item = QTableWidgetItem(cell)
                if j in (2, 3) and field in ("price", "cost", "safety_stock", "fulfilment", "commission", "ad_spend"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.problem:
                    item.setForeground(QBrush(REFUSED))
                self.table.setItem(i, j, item)
        changing = sum(r.changes for r in self.rows)
        refused = [r for r in self.rows if r.problem]
        text = _("{changing} products will change; {same} products stay as they are.").format(
            changing=formatting.number(changing), same=formatting.number(len(self.rows) - changing - len(refused)))
        if refused:
            text = formatting.sentences(text, _(
                "{count} products cannot take this change (in red): nothing is written until none is left.").format(
                count=formatting.number(len(refused))))
        elif field == "price" and changing > 1:
            text = formatting.sentences(text, _(
                "A price change for several products at once is recorded as an abnormal operation."))
        self.summary.setText(text)
        self.apply_button.setEnabled(changing > 0 and not refused)

    def apply(self) -> None:
        if self.previewed is None:
            return
        codes, change = self.previewed
        try:
            self.done_edit = bulk_edit.apply(self.session, codes, change)
        except ShopDeskError as exc:
            self.summary.setText(str(exc))
            return
        self.accept()
