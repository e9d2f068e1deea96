"""Listing applications in the Products tab: the application with its pre-listing checks, and the list
where a second account approves or rejects (SPEC §3)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.listing import FLAG, Finding, Variant
from shopdesk.domain.money import to_minor
from shopdesk.domain.vocabularies import DECISION_LABELS, LISTING_CHECK_LABELS, LISTING_PART_LABELS
from shopdesk.i18n import _
from shopdesk.services import listing
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import add_rows, finish_form, name_buttons, set_texts
from shopdesk.ui.language import Retranslating
from shopdesk.ui.tabs.products.decisions import DecisionList
from shopdesk.ui.widgets import record_table, selected_index


def finding_text(f: Finding) -> str:
    """A finding as one line: what, where, the word or value."""
    detail = f" «{f.detail}»" if f.detail else ""
    where = _(LISTING_PART_LABELS[f.where]) if f.where in LISTING_PART_LABELS else f.where  # else an attribute or a spec
    return f"{_(LISTING_CHECK_LABELS[f.check])} — {where}{detail}"


class ApplicationDialog(Retranslating, QDialog):
    """A new product's application: details, attributes and SKUs; "Check" shows the pre-listing checks."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("application_dialog")
        self.resize(760, 720)
        self.code, self.name, self.category, self.cost, self.supplier = (QLineEdit() for _i in range(5))
        self.code.setObjectName("code")
        self.name.setObjectName("name")
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setMaximumHeight(90)
        self.attributes = QTableWidget(4, 2)
        self.attributes.setObjectName("attributes")
        self.variants = QTableWidget(3, 3)
        self.variants.setObjectName("variants")
        for table in (self.attributes, self.variants):
            table.horizontalHeader().setStretchLastSection(True)
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    table.setItem(r, c, QTableWidgetItem(""))
        self.more_attributes, self.more_variants = QPushButton(), QPushButton()
        self.more_attributes.clicked.connect(lambda: self._add_row(self.attributes))
        self.more_variants.clicked.connect(lambda: self._add_row(self.variants))
        self.check_button = QPushButton()
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(self.show_checks)
        self.findings = QListWidget()
        self.findings.setObjectName("findings")
        self.findings.setMaximumHeight(120)
        self.application_id: int | None = None
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.code, self.name, self.category, self.cost, self.supplier,
                                           self.description, self.attributes, self.variants])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        row = QHBoxLayout()
        row.addWidget(self.more_attributes)
        row.addWidget(self.more_variants)
        row.addStretch(1)
        row.addWidget(self.check_button)
        layout.addLayout(row)
        layout.addWidget(self.findings)
        self.error, self.buttons = finish_form(self, body, self.send)
        self.retranslate_ui()

    @staticmethod
    def _add_row(table: QTableWidget) -> None:
        table.insertRow(table.rowCount())
        for c in range(table.columnCount()):
            table.setItem(table.rowCount() - 1, c, QTableWidgetItem(""))

    def application(self) -> listing.Application:
        """The application as filled in; ValueError naming a bad amount or count."""
        currency = self.session.currency
        cost = to_minor(self.cost.text().strip(), currency) if self.cost.text().strip() else None
        attributes = {}
        for r in range(self.attributes.rowCount()):
            key = self.attributes.item(r, 0).text().strip()
            if key:
                attributes[key] = self.attributes.item(r, 1).text()
        variants = []
        for r in range(self.variants.rowCount()):
            spec, price, units = (self.variants.item(r, c).text().strip() for c in range(3))
            if not (spec or price or units):
                continue
            if units and not units.lstrip("-").isdigit():
                raise ValueError(_("{spec}: '{value}' is not a number of units.").format(spec=spec, value=units))
            variants.append(Variant(spec, to_minor(price or "0", currency), int(units or 0)))
        return listing.Application(self.code.text().strip(), self.name.text().strip(),
                                        self.description.toPlainText(), self.category.text().strip(), cost,
                                        self.supplier.text().strip(), attributes, variants)

    def show_checks(self) -> list[Finding]:
        """Run the pre-listing checks on what is filled in and list them (flags in red)."""
        self.findings.clear()
        try:
            found = listing.run_checks(self.session, self.application())
        except ValueError as exc:
            self.error.setText(str(exc))
            return []
        self.error.clear()
        for f in found:
            item = QListWidgetItem(("⚠ " if f.severity == FLAG else "• ") + finding_text(f))
            item.setForeground(QBrush(QColor("#c62828" if f.severity == FLAG else "#a15c00")))
            self.findings.addItem(item)
        if not found:
            self.findings.addItem(_("No findings: the application is ready to send."))
        return found

    def send(self) -> None:
        """Send the application with its checks."""
        try:
            self.application_id, _found = listing.apply(self.session, self.application())
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New listing application"))
        set_texts(self.labels, (_("Product code"), _("Product name"), _("Category"), _("Cost price"), _("Supplier"),
                                _("Description"), _("Attributes"), _("SKUs")))
        self.attributes.setHorizontalHeaderLabels([_("Attribute"), _("Value")])
        self.variants.setHorizontalHeaderLabels([_("Spec"), _("Price"), _("Stock")])
        self.check_button.setText(_("Check"))
        self.more_attributes.setText(_("+ Attribute"))
        self.more_variants.setText(_("+ SKU"))
        name_buttons(self.buttons, _("Send application"), _("Cancel"))


class ApplicationsDialog(DecisionList, Retranslating, QDialog):
    """Every application, waiting ones first; approve or reject the selected one (another account's)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("applications_dialog")
        self.resize(900, 520)
        self.rows: list[dict] = []
        self.table = record_table(6, "applications_table", self._update)
        self.findings = QListWidget()
        self.findings.setMaximumHeight(120)
        self.approve_button, self.reject_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.approve_button.setObjectName("approve")
        self.reject_button.setObjectName("reject")
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.findings)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self.refresh()

    def refresh(self) -> None:
        self.rows = listing.applications(self.session)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            flags = sum(f["severity"] == FLAG for f in row["findings"])
            status = row["status"]
            cells = (row["code"], row["name"], row["applied_by"], row["applied_at"][:16].replace("T", " "),
                     _(DECISION_LABELS[status]) + (f" — {row['reason']}" if row["reason"] else ""), str(flags))
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        if self.rows and selected_index(self.table) is None:
            self.table.selectRow(0)  # the first (a waiting one, when any) with its findings below
        self._update()

    def _update(self) -> None:
        row = self.selected()
        self.findings.clear()
        for f in (row or {}).get("findings", []):
            self.findings.addItem(finding_text(Finding(**f)))
        self._enable_decisions(row)

    def approve_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        safety, ok = QInputDialog.getInt(self, _("Approve"), _("Safety stock of each SKU:"), 50, 0, 1_000_000)
        if ok:
            self._decide(lambda: listing.approve(self.session, row["id"], safety))

    def reject_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, _("Reject"), _("Why is {code} rejected?").format(code=row["code"]))
        if ok:
            self._decide(lambda: listing.reject(self.session, row["id"], reason))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Listing applications"))
        self.table.setHorizontalHeaderLabels([_("Product code"), _("Product name"), _("Applied by"), _("Applied at"),
                                              _("Status"), _("Flags")])
        self.approve_button.setText(_("Approve…"))
        self.reject_button.setText(_("Reject…"))
        self.close_button.setText(_("Close"))
