"""The Meetings tab: minutes recorded, corrected and their decisions made tasks."""

import datetime as dt

from PySide6.QtCore import QDate, Qt

from shopdesk.services import meetings, tasks
from tests.conftest import save_screenshot


def test_minutes_and_a_decision_from_the_tab(qtbot, demo_session, inline_tasks, monkeypatch, language):
    from shopdesk.ui.main_window import MainWindow
    from shopdesk.ui.tabs.tasks.new_task_dialog import NewTaskDialog
    window = MainWindow(demo_session)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.tab("meetings"))
    tab = window.tab("meetings")
    before = len(meetings.meetings(demo_session))
    assert not tab.decide_button.isEnabled()  # nothing saved yet
    tab.kind.setCurrentIndex(1)  # the daily review
    tab.day.setDate(QDate(2026, 11, 15))
    for i in range(tab.attendees.count()):
        tab.attendees.item(i).setSelected(tab.attendees.item(i).text() in ("operations", "manager"))
    tab.minutes.insertPlainText("雙11後流量回落；直通車預算用完。")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    found = meetings.meetings(demo_session)
    assert len(found) == before + 1
    saved = next(m for m in found if m.day == dt.date(2026, 11, 15) and m.kind == "daily_review")
    assert saved.attendees == ["operations", "manager"] or sorted(saved.attendees) == ["manager", "operations"]
    assert saved.minutes == "雙11後流量回落；直通車預算用完。" and tab.decide_button.isEnabled()

    def decide(dialog):
        assert dialog.meeting_id == saved.id
        dialog.title.setText("追加直通車預算 2,000 元")
        dialog.owner.setCurrentText("operations")
        save_screenshot(dialog, f"decision_{language}")
        dialog._create()
        return dialog.task_id is not None
    monkeypatch.setattr(NewTaskDialog, "exec", decide)
    qtbot.mouseClick(tab.decide_button, Qt.MouseButton.LeftButton)
    assert tab.decisions.rowCount() == 1 and tab.decisions.item(0, 0).text() == "追加直通車預算 2,000 元"
    task = next(t for t in tasks.tasks(demo_session) if t.meeting_id == saved.id)
    assert task.owner == "operations"
    row = next(i for i, m in enumerate(tab.rows) if m.id == saved.id)
    assert tab.table.item(row, 3).text() == "1"  # one decision
    tab.minutes.setPlainText("   ")  # emptied minutes are refused with a message; the stored text stays
    shown = []
    monkeypatch.setattr("shopdesk.ui.tabs.meetings.meetings_tab.show_error", lambda parent, exc: shown.append(exc))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert shown and meetings.meeting(demo_session, saved.id).minutes == saved.minutes
    tab.start_new()
    assert tab.minutes.toPlainText() == "" and not tab.decide_button.isEnabled()
    tab.table.selectRow(row)
    assert tab.minutes.toPlainText() == saved.minutes and tab.decisions.rowCount() == 1
    window.resize(1280, 720)
    qtbot.wait(50)
    save_screenshot(window, f"meetings_{language}")
