"""Small helpers shared by dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget


def name_buttons(buttons: QDialogButtonBox, ok: str, cancel: str) -> None:
    """Give a dialog's OK and Cancel buttons translated texts."""
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)


def add_rows(form: QFormLayout, fields: list) -> list[QLabel]:
    """Add one row per field (widget or layout) with an empty label; returns the labels."""
    labels = []
    for field in fields:
        label = QLabel()
        form.addRow(label, field)
        labels.append(label)
    return labels


def set_texts(labels: list[QLabel], texts: tuple[str, ...]) -> None:
    """Set the texts of ``labels`` in order."""
    for label, text in zip(labels, texts, strict=True):
        label.setText(text)


def finish_form(dialog: QDialog, body: QWidget | QLayout, on_ok: Callable[[], None]) -> tuple[QLabel, QDialogButtonBox]:
    """Lay out ``body``, a red error line and OK/Cancel under it; OK calls ``on_ok``.

    Returns:
        The error label and the button box.
    """
    error = QLabel()
    error.setObjectName("error")
    error.setStyleSheet("color: #b00020;")
    error.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    if isinstance(body, QLayout):
        layout.addLayout(body)
    else:
        layout.addWidget(body)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error, buttons
