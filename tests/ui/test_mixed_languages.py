"""No English left over in a Chinese UI: Qt's own dialogs, the import wizard's hints, the audit log, tables."""

import re

import pytest
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
