"""Weekly monitoring page of the Products tab (商品周度監控): each product's week against its weekly target,
stars and laggards marked; weekly targets set for the selected products; the printed weekly product sheet."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.product_weekly import LAGGARD, STAR
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import WEEKLY_MARK_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.reports.stock_lists import weekly_rows
from shopdesk.services import product_weekly, stock
from shopdesk.services.session import Session
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.widgets import day_edit, record_table
from shopdesk.ui.workers import Loads

STAR_COLOUR, LAGGARD_COLOUR = QColor("#1b7a3a"), QColor("#b3261e")
SHOW = ("all", "star", "laggard", "targets")


class WeeklyView(Retranslating, QWidget):
    """The seven days up to a day, computed off the UI thread."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("weekly_monitoring")
        self.loads = Loads(self)
        self.sheet: product_weekly.WeeklySheet | None = None
        self.shown: list = []
        self.date_label, self.show_label, self.summary, self.legend = QLabel(), QLabel(), QLabel(), QLabel()
        self.legend.setWordWrap(True)
        self.last_day = day_edit(stock.default_day(session), "week_last_day")
        self.which = QComboBox()
        self.which.setObjectName("which")
        self.target_button, self.print_button = QPushButton(), QPushButton()
        self.target_button.setObjectName("set_targets")
        self.print_button.setObjectName("print_sheet")
        self.target_button.setVisible(session.can(Permission.MANAGE_PRODUCTS))
        self.target_button.clicked.connect(self.set_targets)
        self.print_button.clicked.connect(self.print_sheet)
        self.table = record_table(10, "weekly_table", lambda: None)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        for widget in (self.date_label, self.last_day, self.show_label, self.which):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.target_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.legend)
        self.retranslate_ui()
        self.last_day.dateChanged.connect(self.refresh)
        self.which.currentIndexChanged.connect(self.show_rows)

    def refresh(self) -> None:
        """Compute the week in the background (a read-only connection of the worker's own)."""
        last = self.last_day.date().toPython()
        self.loads.read(_("Computing the week…"), self.session, lambda session: product_weekly.weekly(session, last),
                        self._show)

    def _show(self, sheet: product_weekly.WeeklySheet) -> None:
        self.sheet = sheet
        self.show_rows()

    def show_rows(self) -> None:
        """Fill the table with the products chosen."""
        if self.sheet is None:
            return
        which = SHOW[max(self.which.currentIndex(), 0)]
        lines = [line for line in self.sheet.lines if which == "all" or line.mark == which
                 or (which == "targets" and line.basis == "set")]
        self.shown = lines
        body = weekly_rows(lines)
        self.table.setHorizontalHeaderLabels([*body[0], _("Mark")])
        self.table.setRowCount(len(lines))
        for i, (line, cells) in enumerate(zip(lines, body[1:], strict=True)):
            colour = STAR_COLOUR if line.mark == STAR else LAGGARD_COLOUR if line.mark == LAGGARD else None
            mark = WEEKLY_MARK_LABELS[line.mark] if line.mark else ""
            cells = [*cells, _(mark) if mark else ""]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 3 <= j <= 7:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if colour is not None and j in (0, 3, 4, 9):
                    item.setForeground(QBrush(colour))
                self.table.setItem(i, j, item)
        self.summary.setText(_(
            "The week {first} – {last}: {stars} stars (over {star} of target), {laggards} laggards (under "
            "{laggard}), of {count} products.").format(
                first=formatting.date(self.sheet.first), last=formatting.date(self.sheet.last),
                stars=formatting.number(len(self.sheet.stars)), laggards=formatting.number(len(self.sheet.laggards)),
                star=formatting.percent(float(self.sheet.star_ratio), 0),
                laggard=formatting.percent(float(self.sheet.laggard_ratio), 0),
                count=formatting.number(len(self.sheet.lines))))

    def selected_codes(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.shown[r].code for r in rows if r < len(self.shown)]

    def set_targets(self) -> None:
        """Set the weekly target of the selected products."""
        codes = self.selected_codes()
        if not codes:
            QMessageBox.information(self, _("Weekly targets"), _("Choose the products whose weekly targets to set."))
            return
        dialog = TargetDialog(self.session, codes, self.last_day.date().toPython(), self)
        if dialog.exec():
            self.refresh()

    def print_sheet(self) -> None:
        """Build the printed weekly product sheet off the UI thread and open its print preview."""
        from shopdesk.ui.dialogs.report_preview import preview_report
        last = self.last_day.date().toPython()

        def make(session, font, paper) -> tuple[bytes, str]:
            from shopdesk.reports import stock_lists
            from shopdesk.services.reports import stock_list_figures
            figures = stock_list_figures(session, "product-weekly", last)
            return stock_lists.pdf(figures, font, paper), f"product-weekly-{last.isoformat()}.pdf"
        preview_report(self, self.session, make)

    def retranslate_ui(self) -> None:
        self.date_label.setText(_("Week ending:"))
        self.show_label.setText(_("Show:"))
        self.target_button.setText(_("Set weekly targets…"))
        self.print_button.setText(_("Print sheet…"))
        self.legend.setText(_("A target marked * was not set: it is the product's average week before. Conversion, "
                              "add-to-cart rate and stock show their target after the slash where one is set."))
        index = self.which.currentIndex()
        self.which.blockSignals(True)
        self.which.clear()
        for text in (_("All products"), _("Stars"), _("Laggards"), _("With a target set")):
            self.which.addItem(text)
        self.which.setCurrentIndex(max(index, 0))
        self.which.blockSignals(False)
        self.show_rows()


class TargetDialog(QDialog):
    """A weekly target (units, conversion, add-to-cart rate, stock) for one or more products, from a day on."""

    def __init__(self, session: Session, codes: list[str], day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.codes = session, codes
        self.setWindowTitle(_("Weekly targets"))
        self.units, self.conversion, self.add_to_cart, self.stock = (QLineEdit() for _i in range(4))
        for edit, name in ((self.units, "units"), (self.conversion, "conversion"), (self.add_to_cart, "add_to_cart"),
                           (self.stock, "stock")):
            edit.setObjectName(name)
        self.conversion.setPlaceholderText(_("%, such as 3.5"))
        self.add_to_cart.setPlaceholderText(_("%, such as 12"))
        self.resize(480, 300)
        self.applies_from = day_edit(day - dt.timedelta(days=6), "applies_from")
        if len(codes) == 1:
            history = product_weekly.target_history(session, codes[0])
            if history:  # start from the latest revision
                latest = history[0]
                self.units.setText("" if latest["units"] is None else str(latest["units"]))
                self.stock.setText("" if latest["stock"] is None else str(latest["stock"]))
                for edit, key in ((self.conversion, "conversion_bp"), (self.add_to_cart, "add_to_cart_bp")):
                    edit.setText("" if latest[key] is None else f"{latest[key] / 100:g}")
        form = QFormLayout()
        shown = ", ".join(codes[:6]) + (" …" if len(codes) > 6 else "")
        if len(codes) > 1:
            shown = _("{count} products: {codes}").format(count=formatting.number(len(codes)), codes=shown)
        form.addRow(_("Products:"), QLabel(shown))
        for edit, label in ((self.units, _("Units a week:")), (self.conversion, _("Conversion (%):")),
                            (self.add_to_cart, _("Add-to-cart rate (%):")), (self.stock, _("Stock at the week's end:")),
                            (self.applies_from, _("Applies from:"))):
            form.addRow(label, edit)
        note = QLabel(_("Leave a field blank for no target. Earlier targets stay in the history."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            target = product_weekly.parse_target(self.units.text(), self.conversion.text(), self.add_to_cart.text(),
                                             self.stock.text())
            product_weekly.set_targets(self.session, dict.fromkeys(self.codes, target),
                                   self.applies_from.date().toPython())
        except ShopDeskError as exc:
            show_error(self, exc)
            return
        self.accept()

