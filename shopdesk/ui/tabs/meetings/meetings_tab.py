"""The Meetings tab: minutes of the morning brief, the 17:00 review and the weekly meeting, and their
decisions as tasks (SPEC §1)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.domain.errors import ShopDeskError
from shopdesk.domain.meetings import KIND_LABELS, KINDS, Meeting
from shopdesk.domain.tasks import STATUS_LABELS
from shopdesk.i18n import _, formatting
from shopdesk.services import meetings, tasks
from shopdesk.services.session import Session
from shopdesk.ui.dialogs.common import add_rows, set_texts
from shopdesk.ui.errors import show_error
from shopdesk.ui.language import Retranslating
from shopdesk.ui.refresh import Refresher
from shopdesk.ui.tabs.tasks.new_task_dialog import NewTaskDialog
from shopdesk.ui.widgets import record_table, selected_index


class MeetingsTab(Retranslating, QWidget):
    """The minutes list on the left; the selected (or a new) meeting's minutes and decisions on the right."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        Refresher(self)  # reads when first shown, and again when told that its data changed
        self.setObjectName("meetings_tab")
        self.rows: list[Meeting] = []
        self.current: Meeting | None = None
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_minutes")
        self.new_button.clicked.connect(self.start_new)
        self.table = record_table(4, "meetings_table", self._select)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.table)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.day = QDateEdit()
        self.day.setObjectName("day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.attendees = QListWidget()
        self.attendees.setObjectName("attendees")
        self.attendees.addItems(tasks.assignees(session))
        self.attendees.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.attendees.setMaximumHeight(96)
        self.minutes = QPlainTextEdit()
        self.minutes.setObjectName("minutes")
        self.form = QFormLayout()
        self.labels = add_rows(self.form, [self.kind, self.day, self.attendees, self.minutes])
        self.save_button, self.decide_button = QPushButton(), QPushButton()
        self.save_button.setObjectName("save_minutes")
        self.decide_button.setObjectName("add_decision")
        self.save_button.clicked.connect(self.save)
        self.decide_button.clicked.connect(self.add_decision)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.decide_button)
        buttons.addStretch(1)
        self.decisions_label = QLabel()
        self.decisions = record_table(4, "decisions_table", lambda: None)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(self.form, 3)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.decisions_label)
        right_layout.addWidget(self.decisions, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 760])
        QVBoxLayout(self).addWidget(splitter)
        self.retranslate_ui()
        self.start_new()

    # reading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the minutes again, keeping the meeting shown."""
        self.rows = meetings.meetings(self.session)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, m in enumerate(self.rows):
            attendees = formatting.items(m.attendees)
            cells = (m.day.isoformat(), _(KIND_LABELS[m.kind]), attendees, str(len(m.decisions)))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 2:
                    item.setToolTip(attendees)  # a long list is cut in the cell, whole in the tooltip
                self.table.setItem(i, j, item)
            if self.current is not None and m.id == self.current.id:
                self.table.selectRow(i)
                self.current = m
        self.table.blockSignals(False)
        self._show_decisions()

    def _select(self) -> None:
        index = selected_index(self.table)
        if index is None:
            return
        self.current = self.rows[index]
        m = self.current
        self.kind.setCurrentIndex(KINDS.index(m.kind))
        self.day.setDate(QDate(m.day.year, m.day.month, m.day.day))
        for i in range(self.attendees.count()):
            item = self.attendees.item(i)
            item.setSelected(item.text() in m.attendees)
        self.minutes.setPlainText(m.minutes)
        self._show_decisions()

    def _show_decisions(self) -> None:
        tasks = self.current.decisions if self.current is not None else []
        self.decisions.setRowCount(len(tasks))
        for i, t in enumerate(tasks):
            for j, text in enumerate((t.title, t.owner, formatting.date(t.due_on), _(STATUS_LABELS[t.status]))):
                self.decisions.setItem(i, j, QTableWidgetItem(text))
        self.decide_button.setEnabled(self.current is not None)

    # writing -------------------------------------------------------------------------------------
    def start_new(self) -> None:
        """Empty minutes for today, for the meeting the time of day suggests."""
        self.current = None
        self.table.clearSelection()
        kind, day = meetings.suggested(self.session)
        self.kind.setCurrentIndex(KINDS.index(kind))
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.attendees.clearSelection()
        self.minutes.clear()
        self._show_decisions()
        self.minutes.setFocus()

    def save(self) -> None:
        """Save the minutes shown (a meeting of that kind and day is corrected, not doubled)."""
        kind = KINDS[self.kind.currentIndex()]
        names = [item.text() for item in self.attendees.selectedItems()]
        try:
            meeting_id = meetings.record(self.session, kind, self.day.date().toPython(), self.minutes.toPlainText(),
                                         names)
        except ShopDeskError as exc:
            show_error(self, exc)
            return
        self.current = meetings.meeting(self.session, meeting_id)
        self.refresh()  # the meeting just recorded selected (the change it made reads the rows again too)

    def add_decision(self) -> None:
        """Record a decision of the meeting shown as a task."""
        if self.current is None:
            return
        if NewTaskDialog(self.session, parent=self, meeting_id=self.current.id).exec():
            self.current = meetings.meeting(self.session, self.current.id)
            self.refresh()

    def retranslate_ui(self) -> None:
        self.new_button.setText(_("New minutes"))
        self.save_button.setText(_("Save minutes"))
        self.decide_button.setText(_("Add decision…"))
        self.decisions_label.setText(_("Decisions (each one a task)"))
        index = self.kind.currentIndex()
        self.kind.clear()
        self.kind.addItems([_(KIND_LABELS[k]) for k in KINDS])
        self.kind.setCurrentIndex(max(index, 0))
        set_texts(self.labels, (_("Meeting"), _("Day"), _("Attendees"), _("Minutes")))
        self.minutes.setPlaceholderText(_("What was discussed, what was found, what was decided…"))
        self.table.setHorizontalHeaderLabels([_("Day"), _("Meeting"), _("Attendees"), _("Decisions")])
        self.decisions.setHorizontalHeaderLabels([_("Task"), _("First owner"), _("Due"), _("Status")])
        if self.rows:
            self.refresh()
