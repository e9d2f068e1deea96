"""Small helpers shared by dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel


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
