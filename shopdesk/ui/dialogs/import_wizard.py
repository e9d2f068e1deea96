"""The import wizard: files → detected platform, encoding and mapping → preview with problems → import → summary.

Every step runs the one import pipeline: the check is a dry run (nothing is
written), the import is the real run. Both go off the UI thread with
progress and Cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.imports import BadRate, CurrencyMismatch, RateMismatch
from shopdesk.i18n import N_, _, formatting
from shopdesk.services import imports
from shopdesk.services.imports import AmbiguousDates, ImportOptions, ImportResult, NoMapping
from shopdesk.services.session import Session
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.workers import run_writing

ENCODINGS = [("", None), ("UTF-8", "utf-8"), ("GB18030 / GBK", "gb18030"), ("Big5", "big5"), ("UTF-16", "utf-16")]
FILE_FILTER = "*.csv *.txt *.tsv *.xlsx *.xlsm *.xls"


#: The platforms the built-in mappings read, by name in the UI language (not the code tmall, generic).
PLATFORM_NAMES = {"generic": N_("Any shop (generic columns)"), "olist": N_("Olist"), "shopify": N_("Shopify"),
                  "taobao": N_("Taobao"), "tmall": N_("Tmall"), "traffic": N_("Daily traffic"),
                  "woocommerce": N_("WooCommerce")}


def platform_name(code: str | None) -> str:
    """A platform as a seller knows it; a platform of the store's own mappings by its code."""
    return _(PLATFORM_NAMES[code]) if code in PLATFORM_NAMES else (code or "—")


def summary_lines(result: ImportResult) -> list[str]:
    """What an import read and would write (or wrote), in the current language."""
    lines = [
        _("Platform: {platform}; mapping: {mappings}").format(platform=platform_name(result.platform),
                                                           mappings=", ".join(result.mappings)),
        _("{read} rows read, {imported} accepted, {rejected} left out").format(
            read=formatting.number(result.rows_read), imported=formatting.number(result.rows_imported),
            rejected=formatting.number(result.rows_rejected)),
        _("Orders: {added} new, {updated} changed; {paid} paid, GMV {gmv}, refunds {refunds}").format(
            added=formatting.number(result.orders_added), updated=formatting.number(result.orders_updated),
            paid=formatting.number(result.paid_orders), gmv=formatting.money(result.gmv_cents, result.currency),
            refunds=formatting.money(result.refunds_cents, result.currency)),
        _("New customers {customers}, new products {products}, after-sales cases {cases}, traffic days {days}").format(
            customers=formatting.number(result.customers_added), products=formatting.number(result.products_added),
            cases=formatting.number(result.returns_added), days=formatting.number(result.traffic_days)),
    ]
    lines += result.same_file_notes()
    if result.first_day:
        lines.append(_("Order days: {first} – {last}").format(first=result.first_day, last=result.last_day))
    if result.options.get("rate"):
        lines.append(_("Amounts converted at {rate}").format(rate=result.options["rate"]))
    return lines


def warning_lines(result: ImportResult) -> list[str]:
    """The sanity warnings of a check, each with its likely fix, in the current language."""
    return ["⚠ " + formatting.sentences(w.message(), w.suggestion()) for w in result.warnings]


class ImportWizard(Retranslating, QDialog):
    """Three pages on one dialog; ``imported`` is emitted after a successful import."""

    imported = Signal(object)

    def __init__(self, session: Session, files: list[Path] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("import_wizard")
        self.resize(900, 600)
        self.date_order: str | None = None
        self.checked: ImportResult | None = None
        self.result: ImportResult | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._files_page())
        self.pages.addWidget(self._check_page())
        self.pages.addWidget(self._done_page())
        self.back_button, self.next_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.next_button.setObjectName("next")
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(lambda: self.go(0))
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)
        for path in files or []:
            self.add_file(Path(path))
        self.retranslate_ui()
        self.go(0)

    # pages -------------------------------------------------------------------------------------
    def _files_page(self) -> QWidget:
        page = QWidget()
        self.files_hint = QLabel()
        self.files_hint.setWordWrap(True)
        self.file_list = QListWidget()
        self.file_list.setObjectName("files")
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self._browse)
        self.remove_button.clicked.connect(lambda: [self.file_list.takeItem(self.file_list.row(i))
                                                    for i in self.file_list.selectedItems()])
        self.encoding = QComboBox()
        self.encoding.setObjectName("encoding")
        self.mapping = QComboBox()
        self.mapping.setObjectName("mapping")
        self.refuse = QRadioButton()
        self.skip = QRadioButton()
        self.skip.setObjectName("skip")
        self.refuse.setChecked(True)
        self.rate = QLineEdit()
        self.rate.setObjectName("rate")
        self.map_button = QPushButton()
        self.map_button.clicked.connect(lambda: self._map_columns())
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.map_button)
        row.addStretch(1)
        self.options_form = QFormLayout()
        self.option_labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        errors_row = QHBoxLayout()
        errors_row.addWidget(self.refuse)
        errors_row.addWidget(self.skip)
        errors_row.addStretch(1)
        for label, field in zip(self.option_labels, (self.encoding, self.mapping, errors_row, self.rate), strict=True):
            self.options_form.addRow(label, field)
        layout = QVBoxLayout(page)
        layout.addWidget(self.files_hint)
        layout.addWidget(self.file_list, 1)
        layout.addLayout(row)
        layout.addLayout(self.options_form)
        return page

    def _check_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QTableWidget(0, 5)
        self.problems.setObjectName("problems")
        self.preview = QTableWidget(0, 7)
        self.preview.setObjectName("preview")
        for table in (self.problems, self.preview):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        self.problems_label, self.preview_label = QLabel(), QLabel()
        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings.setStyleSheet("color: #9a5b00;")
        self.paid_when_created = QCheckBox()
        self.paid_when_created.setObjectName("paid_when_created")
        self.paid_when_created.toggled.connect(self._recheck)
        self.warnings.hide()
        self.paid_when_created.hide()
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.paid_when_created)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 2)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_text = QLabel()
        self.done_text.setObjectName("done_text")
        self.done_text.setWordWrap(True)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_text)
        layout.addStretch(1)
        return page

    def go(self, index: int) -> None:
        """Show page ``index`` and set the buttons for it."""
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index == 1)
        self.next_button.setVisible(index < 2)
        self.retranslate_ui()
        checked = self.checked
        self.next_button.setEnabled(index == 0 or (checked is not None and (not checked.problem_count
                                                                             or self.skip.isChecked())))

    # files -------------------------------------------------------------------------------------
    def files(self) -> list[Path]:
        """The files chosen."""
        return [Path(self.file_list.item(i).text()) for i in range(self.file_list.count())]

    def add_file(self, path: Path) -> None:
        """Add a file to the list (once, however its path is spelled; a copy under another name is read once by the
        import, which says so)."""
        if path.resolve() not in [p.resolve() for p in self.files()]:
            self.file_list.addItem(str(path))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(self, _("Choose export files"), "",
                                                       _("Exports ({patterns})").format(patterns=FILE_FILTER))
        for name in chosen:
            self.add_file(Path(name))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.add_file(Path(url.toLocalFile()))
        self.go(0)

    def options(self, dry_run: bool) -> ImportOptions:
        """The import options the first page describes."""
        return ImportOptions(mapping=self.mapping.currentData() or None, encoding=self.encoding.currentData(),
                             date_order=self.date_order, on_error="skip" if self.skip.isChecked() else "abort",
                             dry_run=dry_run, preview_rows=20 if dry_run else 0,
                             paid_when_created=self.paid_when_created.isChecked(),
                             rate=self.rate.text().strip() or None)

    # running -----------------------------------------------------------------------------------
    def _next(self) -> None:
        if self.pages.currentIndex() == 0:
            self.check()
        else:
            self.run_import()

    def check(self) -> None:
        """Run the dry run and show its summary, problems and preview."""
        if not self.files():
            QMessageBox.information(self, _("Import"), _("Add at least one file."))
            return
        files, options = self.files(), self.options(dry_run=True)
        run_writing(self, _("Checking the files…"), self.session,
                    lambda session, progress, cancel: imports.import_files(session, files, options, progress, cancel),
                    self._checked, self._failed, work=_("An import"))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AmbiguousDates):
            answer = self.ask_date_order(exc)
            if answer:
                self.date_order = answer
                self.check()
            return
        if isinstance(exc, NoMapping):  # map the file's columns here and now (the command line's --mapping is no help)
            self._map_columns(exc)
            return
        if isinstance(exc, (CurrencyMismatch, RateMismatch, BadRate)):
            show_error(self, exc)
            if isinstance(exc, CurrencyMismatch) and not self.rate.text().strip():
                self.rate.setText(f"1 {exc.params['currency']} = ")
            self.go(0)
            self.rate.setFocus()
            return
        show_error(self, exc)

    def ask_date_order(self, exc: AmbiguousDates) -> str | None:
        """Ask whether ambiguous dates are day-first or month-first; None when cancelled."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Dates"), exc.message(), parent=self)
        box.setObjectName("date_order_question")
        day = box.addButton(_("Day first (dd/mm)"), QMessageBox.ButtonRole.AcceptRole)
        month = box.addButton(_("Month first (mm/dd)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return "dmy" if box.clickedButton() is day else "mdy" if box.clickedButton() is month else None

    def _checked(self, result: ImportResult) -> None:
        self.checked = result
        self._fill_check(result)
        self.go(1)

    def _recheck(self) -> None:
        """The choice changes the figures: check again with it."""
        if self.pages.currentIndex() == 1 and self.files():
            self.check()

    def _fill_check(self, result: ImportResult) -> None:
        self.summary.setText("\n".join(summary_lines(result)))
        self.warnings.setText("\n".join(warning_lines(result)))
        self.warnings.setVisible(bool(result.warnings))
        offered = any(w.option == "paid_when_created" for w in result.warnings)
        self.paid_when_created.setVisible(offered or self.paid_when_created.isChecked())
        self.problems.setRowCount(len(result.problems))
        for i, p in enumerate(result.problems):
            for j, key in enumerate(("file", "row", "column", "value", "reason")):
                self.problems.setItem(i, j, QTableWidgetItem("" if p[key] is None else str(p[key])))
        self.preview.setRowCount(len(result.preview))
        for i, row in enumerate(result.preview):
            cells = (row["order_no"], row["day"], (row["created_at"] or "")[:19].replace("T", " "),
                     _(imports_status(row["status"])), (row["paid_at"] or "")[:19].replace("T", " "),
                     formatting.money(row["total_cents"], result.currency), str(row["lines"]))
            for j, text in enumerate(cells):
                self.preview.setItem(i, j, QTableWidgetItem(text))

    def run_import(self) -> None:
        """Import for real, with progress and Cancel."""
        files, options = self.files(), self.options(dry_run=False)
        run_writing(self, _("Importing…"), self.session,
                    lambda session, progress, cancel: imports.import_files(session, files, options, progress, cancel),
                    self._imported, work=_("An import"))

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        lines = [_("Imported.") if result.written else _("Refused, nothing written.")] + summary_lines(result)
        lines += warning_lines(result)
        lines += [_("Rejected rows written to {path}.").format(path=p) for p in result.rejected_files]
        self.done_text.setText("\n".join(lines))
        self.go(2)
        if result.written:
            self.imported.emit(result)

    def _map_columns(self, unfit: NoMapping | None = None) -> None:
        """The mapping dialog for the file no mapping fits (``unfit``), or the first file; after a mapping for
        an unfitting file was saved, the files are checked again."""
        files = self.files()
        if not files:
            return
        from shopdesk.ui.dialogs.mapping_dialog import MappingDialog
        path, reason = files[0], None
        if unfit is not None:
            path = next((f for f in files if f.name == unfit.params.get("file")), files[0])
            reason = _("No saved mapping fits the columns of {file} ({columns}). Choose the column that holds "
                       "each field and save: the file is then checked again, and files like it are recognised "
                       "from now on.").format(file=path.name, columns=unfit.params.get("columns", ""))
        try:
            dialog = MappingDialog(self.session, path, self.encoding.currentData(), self, reason=reason)
        except ShopDeskError as exc:
            show_error(self, exc)
            return
        if dialog.exec() and dialog.saved is not None:
            self._fill_mappings(chosen=dialog.saved.name if len(files) == 1 else None)  # several: each detected
            if unfit is not None:
                self.check()

    # language ----------------------------------------------------------------------------------
    def _fill_mappings(self, chosen: str | None = None) -> None:
        current = chosen or self.mapping.currentData()
        self.mapping.blockSignals(True)
        self.mapping.clear()
        self.mapping.addItem(_("Detect from the columns"), "")
        for mapping in imports.mappings(self.session):
            self.mapping.addItem(f"{mapping.label} ({mapping.name})", mapping.name)
        self.mapping.setCurrentIndex(max(0, self.mapping.findData(current)))
        self.mapping.blockSignals(False)

    def retranslate_ui(self) -> None:
        index = self.pages.currentIndex()
        self.setWindowTitle(_("Import"))
        self.title.setText((_("1. Files"), _("2. Check"), _("3. Done"))[index])
        self.files_hint.setText(_("Add the files exported from the platform's back office (CSV or Excel), or drop "
                                  "them here. Several files are imported together as one import, e.g. an order "
                                  "list with its order details, or all tables of an Olist export."))
        self.add_button.setText(_("Add files…"))
        self.remove_button.setText(_("Remove"))
        self.map_button.setText(_("Map columns…"))
        for label, text in zip(self.option_labels, (_("Text encoding"), _("Mapping"), _("Bad rows"),
                                                    _("Currency rate")), strict=True):
            label.setText(text)
        self.rate.setPlaceholderText(_("only for files in another currency than the store's {store}, e.g. 1 {other} "
                                       "= 0.7 {store}").format(store=self.session.currency,
                                                              other="USD" if self.session.currency != "USD" else "EUR"))
        self.refuse.setText(_("Refuse the import and list them"))
        self.paid_when_created.setText(_("Treat every order as paid when created (at its payment time where the "
                                         "file gives one)"))
        self.skip.setText(_("Leave them out (saved to a file beside the source)"))
        current = self.encoding.currentData()
        self.encoding.clear()
        for label, code in ENCODINGS:
            self.encoding.addItem(label or _("Detect"), code)
        self.encoding.setCurrentIndex(max(0, self.encoding.findData(current)))
        self._fill_mappings()
        self.problems_label.setText(_("Problems (nothing is written while there are any, unless bad rows are left "
                                      "out)"))
        self.preview_label.setText(_("The first orders as they will be stored"))
        self.problems.setHorizontalHeaderLabels([_("File"), _("Row"), _("Column"), _("Value"), _("Reason")])
        self.preview.setHorizontalHeaderLabels([_("Order no."), _("Day"), _("Created"), _("Status"), _("Paid"),
                                                _("Amount"), _("Lines")])
        if self.checked is not None:
            self._fill_check(self.checked)
        self.back_button.setText(_("Back"))
        self.next_button.setText(_("Check") if index == 0 else _("Import"))
        self.close_button.setText(_("Close") if index == 2 else _("Cancel"))


def imports_status(code: str) -> str:
    """The message id of an order status."""
    from shopdesk.domain.vocabularies import CODED_CELL_LABELS
    return CODED_CELL_LABELS.get(code, code)
