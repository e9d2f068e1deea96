"""The new-task dialog: title, first owner, helpers, due date."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QLineEdit, QListWidget, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.i18n import _
from shopdesk.services import tasks
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import add_rows, finish_form, name_buttons, set_texts
from shopdesk.ui.language import Retranslating


class NewTaskDialog(Retranslating, QDialog):
    """Creates a task, optionally for an anomaly or as a meeting's decision; ``task_id`` once created."""

    def __init__(self, session: Session, title: str = "", anomaly_id: int | None = None,
                 parent: QWidget | None = None, meeting_id: int | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.anomaly_id, self.meeting_id = anomaly_id, meeting_id
        self.task_id: int | None = None
        self.setObjectName("new_task_dialog")
        self.setMinimumWidth(460)
        self.title = QLineEdit(title)
        self.title.setObjectName("title")
        names = tasks.assignees(session)
        self.owner = QComboBox()
        self.owner.setObjectName("owner")
        self.owner.addItems(names)
        self.owner.setCurrentText(session.username)
        self.helpers = QListWidget()
        self.helpers.setObjectName("helpers")
        self.helpers.addItems(names)
        self.helpers.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.helpers.setMaximumHeight(110)
        self.due = QDateEdit(QDate.currentDate().addDays(3))
        self.due.setObjectName("due")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.title, self.owner, self.helpers, self.due])
        self.error, self.buttons = finish_form(self, self.form, self._create)
        self.retranslate_ui()

    def _create(self) -> None:
        helpers = [item.text() for item in self.helpers.selectedItems() if item.text() != self.owner.currentText()]
        try:
            self.task_id = tasks.create(self.session, self.title.text(), self.owner.currentText(),
                                           self.due.date().toPython(), helpers, self.anomaly_id, self.meeting_id)
        except ShopDeskError as exc:
            self.error.setText(exc.message())
            return
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New task") if self.meeting_id is None else _("Decision, as a task"))
        set_texts(self.labels, (_("Task"), _("First owner"), _("Helpers"), _("Due")))
        name_buttons(self.buttons, _("Create"), _("Cancel"))
