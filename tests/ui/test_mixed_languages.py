"""No English left over in a Chinese UI: Qt's own dialogs, the import wizard's hints, the audit log, tables."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from shopdesk.ui.language import switch_language

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_the_qt_file_dialog_speaks_chinese(qtbot, language):
    switch_language(language, remember=False)
    dialog = QFileDialog(None, "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on Linux
    dialog.setNameFilter("CSV (*.csv)")
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [text for button in dialog.findChildren(QAbstractButton) for text in (button.text(), button.toolTip())]
    english = [text for text in texts if ENGLISH_WORD.search(text)]
    assert texts and not english, english
    assert any(text.endswith("(&L)：") for text in texts)  # "&Look in:" keeps its accelerator, the Chinese way


def test_an_unrecognised_file_opens_the_mapping_dialog_then_is_checked(qtbot, owner_session, inline_tasks,
                                                                       tmp_path, monkeypatch, language):
    from PySide6.QtCore import Qt

    from shopdesk.ui.dialogs.import_wizard import ImportWizard
    from shopdesk.ui.dialogs.mapping_dialog import MappingDialog
    from tests.conftest import save_screenshot
    switch_language(language, remember=False)
    path = tmp_path / "jd.csv"
    path.write_text("单号,下单日期,货品,件数,成交价\nJD001,2024-06-18 10:00,保溫杯,2,59.00\n", encoding="utf-8")
    wizard = ImportWizard(owner_session, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    seen = []

    def map_and_save(dialog):  # the user maps the columns the dialog opened for
        seen.append(dialog.reason.text())
        save_screenshot(dialog, f"mapping_unrecognised_{language}")
        dialog.name.setText("jd-orders")
        for field, header in (("order_no", "单号"), ("created_at", "下单日期"), ("title", "货品"),
                              ("quantity", "件数"), ("unit_price", "成交价")):
            dialog.combos[field].setCurrentIndex(dialog.combos[field].findText(header))
        dialog._save()
        return 1
    monkeypatch.setattr(MappingDialog, "exec", map_and_save)  # no message box first: the dialog itself explains
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and "jd.csv" in seen[0] and "单号" in seen[0] and "--mapping" not in seen[0]
    assert wizard.pages.currentIndex() == 1 and wizard.preview.rowCount() == 1  # checked again, with the mapping
    assert wizard.checked.mappings == ["jd-orders"]


def test_a_language_switch_leaves_no_column_header_cut(qtbot, demo_session, inline_tasks):
    from PySide6.QtWidgets import QHeaderView, QTableView

    from shopdesk.ui.main_window import MainWindow
    switch_language("zh_CN", remember=False)  # the default: the columns are first fitted to Chinese headers
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.resize(1192, 720)
    window.show()

    def visit_tabs():
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(10)
    visit_tabs()
    switch_language("en", remember=False)
    visit_tabs()
    cut = []
    for table in window.findChildren(QTableView):
        header = table.horizontalHeader()
        if table.model() is None or not table.model().rowCount():
            continue
        for c in range(header.count() - (1 if header.stretchLastSection() else 0)):
            stretched = header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch
            if not header.isSectionHidden(c) and not stretched and header.sectionSize(c) < header.sectionSizeHint(c):
                cut.append((table.objectName(), table.model().headerData(c, Qt.Orientation.Horizontal)))
    assert not cut, cut
