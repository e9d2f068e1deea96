"""One refresh policy for every view that shows stored data.

The store tells what each committed transaction changed (:class:`~shopdesk.domain.changes.Change`
kinds, read off its audit rows), whichever thread committed it; :class:`ChangeFeed` turns that into one
Qt signal on the GUI thread. A :class:`Refresher` keeps one view up to date: when a kind it watches
changed, the view reads again at once if it is visible and when it is next shown otherwise; where asked,
it also reads again every ``view.refresh_minutes`` minutes (changes made by another program, figures of
a day still running).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from shopdesk.domain.changes import Changes
from shopdesk.services.session import Session


class ChangeFeed(QObject):
    """What the store's transactions changed, as one signal delivered on the GUI thread."""

    changed = Signal(object)  # Changes

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._stop: Callable[[], None] | None = session.store.on_change(self._heard)

    def _heard(self, changes: Changes) -> None:
        # Called on the committing thread; a signal emitted off the GUI thread is queued to it.
        self.changed.emit(changes)

    def close(self) -> None:
        """Hear no more (the store is being closed)."""
        if self._stop is not None:
            self._stop()
            self._stop = None


_feeds: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def feed(session: Session) -> ChangeFeed:
    """The change feed of the session's store (made on first use, on the GUI thread)."""
    found = _feeds.get(session.store)
    if found is None:
        found = _feeds[session.store] = ChangeFeed(session)
    return found


class Refresher(QObject):
    """Keeps ``view`` up to date by calling its ``refresh()``: every view that shows stored data makes one
    (``Refresher(self)``), due at first, so that it reads when first shown.

    :meth:`watch` makes it hear the store's changes (the tab registry does, with the tab's entry); a view
    that is a page of a tab hears nothing itself: the tab expires its pages when it reads again.
    """

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.view, self.watches, self.due = view, frozenset(), True
        self.timer: QTimer | None = None
        view._refresher = self  # type: ignore[attr-defined]  # kept with the view (see refresher())
        view.installEventFilter(self)

    def watch(self, session: Session, watches: Changes, periodic: bool = False) -> None:
        """Read again when data of ``watches`` changed and, ``periodic``, every ``view.refresh_minutes``
        minutes (the setting; 0 turns it off)."""
        self.watches = frozenset(watches)
        if self.watches:
            feed(session).changed.connect(self.heard)
        minutes = int(session.setting("view.refresh_minutes")) if periodic else 0
        if minutes:
            self.timer = QTimer(self)
            self.timer.setInterval(minutes * 60_000)
            self.timer.timeout.connect(self.expire)
            self.timer.start()

    def heard(self, changes: Changes) -> None:
        """The store changed: read again if the view shows any of it."""
        if changes & self.watches:
            self.expire()

    def expire(self) -> None:
        """What the view shows may be old: read again now if it is visible, when next shown otherwise."""
        self.due = True
        if self.view.isVisible():
            self.run()

    def run(self) -> None:
        """Read again now."""
        self.due = False
        self.view.refresh()  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show and getattr(self, "due", False) and watched is self.view:
            self.run()
        return False


def refresher(view: QWidget) -> Refresher:
    """The refresher keeping ``view`` up to date (made now if the view made none)."""
    found = getattr(view, "_refresher", None)
    return found if isinstance(found, Refresher) else Refresher(view)
