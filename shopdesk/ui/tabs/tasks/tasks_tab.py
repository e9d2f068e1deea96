"""The Tasks tab: every optimisation task or only mine; overdue ones stand out."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.tasks import STATUS_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.services import tasks
from shopdesk.services.session import Session
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.tabs.tasks.new_task_dialog import NewTaskDialog
from shopdesk.ui.widgets import record_table, selected_index

OVERDUE = QColor("#c62828")


class TasksTab(Retranslating, QWidget):
    """The task list (優化任務清單)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("tasks_tab")
        self.rows: list[tasks.Task] = []
        self.mine = QCheckBox()
        self.mine.setObjectName("mine")
        self.mine.toggled.connect(self.refresh)
        self.new_button, self.start_button, self.done_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.setObjectName("new")
        self.start_button.setObjectName("start")
        self.done_button.setObjectName("done")
        self.new_button.clicked.connect(self.new_task)
        self.start_button.clicked.connect(lambda: self._move("in_progress"))
        self.done_button.clicked.connect(lambda: self._move("done"))
        self.table = record_table(6, "tasks_table", self._update_buttons)
        bar = QHBoxLayout()
        for widget in (self.new_button, self.start_button, self.done_button, self.mine):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.retranslate_ui()

    def refresh(self) -> None:
        """Read the list again."""
        self.rows = tasks.tasks(self.session, self.mine.isChecked())
        self.table.setRowCount(len(self.rows))
        overdue = _("overdue")
        for i, t in enumerate(self.rows):
            due = formatting.date(t.due_on) + (f"  {overdue}" if t.overdue else "")
            cells = (t.title, t.owner, ", ".join(t.helpers), due, _(STATUS_LABELS[t.status]), t.note)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if t.overdue:
                    item.setForeground(QBrush(OVERDUE))
                self.table.setItem(i, j, item)
        self._update_buttons()

    def selected(self) -> tasks.Task | None:
        """The selected task."""
        index = selected_index(self.table)
        return None if index is None else self.rows[index]

    def _update_buttons(self) -> None:
        task = self.selected()
        open_task = task is not None and task.status in ("open", "in_progress")
        self.start_button.setEnabled(open_task and task.status == "open")
        self.done_button.setEnabled(open_task)

    def _move(self, status: str) -> None:
        task = self.selected()
        if task is None:
            return
        try:
            tasks.set_status(self.session, task.id, status)
        except ShopDeskError as exc:
            show_error(self, exc)

    def new_task(self, title: str = "", anomaly_id: int | None = None) -> None:
        """File a new task (for an anomaly when given)."""
        NewTaskDialog(self.session, title, anomaly_id, self).exec()

    def retranslate_ui(self) -> None:
        self.new_button.setText(_("New task…"))
        self.start_button.setText(_("Start"))
        self.done_button.setText(_("Done"))
        self.mine.setText(_("Only mine"))
        self.table.setHorizontalHeaderLabels([_("Task"), _("First owner"), _("Helpers"), _("Due"), _("Status"),
                                              _("Note")])
        if self.rows:
            self.refresh()
