"""Running work off the UI thread, with a delayed, cancellable progress dialog.

The only bridge between Qt-free work functions (``fn(progress, cancel)``)
and the GUI: results, errors and progress come back through queued signals.
No connection crosses threads: reading work opens a read-only connection of
its own (:func:`run_reading`), and writing work runs on the one writer thread
on a read-write connection of its own (:func:`run_writing`), whose
transactions the window's own wait for or are refused by (``WriterBusy``).
A view's loads go through :class:`Loads`: a new one cancels the one running,
and a late result is dropped.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from shopdesk.domain.errors import Cancelled
from shopdesk.domain.jobs import CancelToken
from shopdesk.i18n import _

SHOW_AFTER_MS = 500
MIN_INTERVAL_S = 0.1  # at most ~10 progress updates a second
#: Tests set this to run every task at once on the calling thread.
INLINE = False


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, token: CancelToken) -> None:
        super().__init__()
        self.fn, self.signals, self.token = fn, signals, token
        self._last = 0.0

    def _progress(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - self._last >= MIN_INTERVAL_S or done >= total:
            self._last = now
            self.signals.progressed.emit(done, total, message)

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self.token)
        except Cancelled:
            self._emit(self.signals.cancelled)
        except BaseException as exc:  # handed to the GUI thread, which reports it
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.finished, result)

    def _emit(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window that asked is gone (the app is closing): nobody to tell
            pass


class Task(QObject):
    """One piece of work in flight; emits ``done``, ``failed`` or ``cancelled`` once."""

    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None, title: str, fn: Callable[..., Any]) -> None:
        super().__init__(parent)
        self.token = CancelToken()
        self._signals = _Signals()
        self._dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        self._dialog.setWindowTitle("ShopDesk")
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(SHOW_AFTER_MS)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.canceled.connect(self.token.cancel)
        self._signals.progressed.connect(self._on_progressed)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self.is_finished = False
        self._job = _Job(fn, self._signals, self.token)
        self._job.setAutoDelete(False)
        _running.add(self.token)
        # a bound method of the token, not a closure over the task: no reference cycle keeps the task for the
        # cycle collector, which may run on a worker thread
        for signal in (self._signals.finished, self._signals.failed, self._signals.cancelled):
            signal.connect(functools.partial(_forget, self.token))

    def start(self, inline: bool = False, pool: QThreadPool | None = None) -> Task:
        """Run the work on ``pool`` (the global thread pool by default), or at once, for tests."""
        if inline:
            self._job.run()
        else:
            self._dialog.setValue(0)
            (pool or QThreadPool.globalInstance()).start(self._job)
        return self

    def cancel(self) -> None:
        """Ask the work to stop; its progress dialog closes now, and a late result or error is dropped."""
        self.token.cancel()
        if not self.is_finished:
            self._dialog.reset()
            self._dialog.hide()

    def _on_progressed(self, done: int, total: int, message: str) -> None:
        self._dialog.setMaximum(total)
        self._dialog.setValue(done)
        if message:
            self._dialog.setLabelText(message)

    def _close(self) -> None:
        if self.is_finished:
            return
        self.is_finished = True
        self._dialog.reset()
        self._dialog.hide()
        self._dialog.deleteLater()  # deferred by Qt: safe inside the dialog's own signals

    def _on_finished(self, result: object) -> None:
        self._close()
        if self.token.cancelled:
            self.cancelled.emit()
        else:
            self.done.emit(result)

    def _on_failed(self, exc: object) -> None:
        self._close()
        if self.token.cancelled:
            self.cancelled.emit()
        else:
            self.failed.emit(exc)

    def _on_cancelled(self) -> None:
        self._close()
        self.cancelled.emit()


#: Cancel tokens of the tasks not finished yet (for :func:`shutdown`).
_running: set[CancelToken] = set()


def _forget(token: CancelToken, *_result: object) -> None:
    """A task ended: :func:`shutdown` has no more to wait for it."""
    _running.discard(token)


def shutdown(wait_ms: int = 30_000) -> bool:
    """Cancel every running task and wait for the worker threads (before the store is closed).

    Returns whether all work stopped within ``wait_ms``.
    """
    for token in list(_running):
        token.cancel()
    _running.clear()
    stopped = QThreadPool.globalInstance().waitForDone(wait_ms)
    return (_writer_pool is None or _writer_pool.waitForDone(wait_ms)) and stopped


_writer_pool: QThreadPool | None = None


def writer_pool() -> QThreadPool:
    """The pool of one thread that runs the window's long writes, one after the other."""
    global _writer_pool
    if _writer_pool is None:
        _writer_pool = QThreadPool()
        _writer_pool.setMaxThreadCount(1)
    return _writer_pool


def run_task(parent: QWidget | None, title: str, fn: Callable[..., Any],
             on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None] | None = None,
             inline: bool = False, pool: QThreadPool | None = None) -> Task:
    """Start ``fn(progress, cancel)`` in the background and call back on the GUI thread. ``fn`` must not use
    a connection of the GUI thread's: see :func:`run_reading` and :func:`run_writing`."""
    from shopdesk.ui.errors import show_error
    task = Task(parent, title, fn)
    task.done.connect(on_done)
    task.failed.connect(on_failed or (lambda exc: show_error(parent, exc)))
    return task.start(inline=inline or INLINE, pool=pool)


def run_reading(parent: QWidget | None, title: str, session: Any, fn: Callable[..., Any],
                on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None] | None = None,
                with_progress: bool = False) -> Task:
    """Start ``fn(reader_session)`` (``fn(reader_session, progress, cancel)`` ``with_progress``) in the
    background: the same account on a read-only connection of the worker's own, closed afterwards."""
    from shopdesk.services.session import Session
    staff_id, username, store = session.staff_id, session.username, session.store

    def compute(progress, cancel) -> Any:
        reader = store.read_only()
        try:
            worker = Session(reader, staff_id, username)
            return fn(worker, progress, cancel) if with_progress else fn(worker)
        finally:
            reader.close()
    return run_task(parent, title, compute, on_done, on_failed)


def run_writing(parent: QWidget | None, title: str, session: Any, fn: Callable[..., Any],
                on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None] | None = None,
                work: str = "") -> Task:
    """Start ``fn(writer_session, progress, cancel)`` on the writer thread: the same account on a read-write
    connection of its own (closed afterwards). Its transactions exclude the window's own; one the window
    asks for meanwhile is refused with ``WriterBusy``, naming ``work`` (an import, …)."""
    from shopdesk.services.session import Session
    staff_id, username, store = session.staff_id, session.username, session.store

    def compute(progress, cancel) -> Any:
        writer = store.writer()
        writer.work = work or title
        try:
            return fn(Session(writer, staff_id, username), progress, cancel)
        finally:
            writer.close()
    return run_task(parent, title, compute, on_done, on_failed, pool=writer_pool())


class Loads:
    """The loads of one view: a new one cancels the one running, whose late result is dropped, so that what
    the view shows is always the last one asked for (Orange3's ``utils/concurrent``)."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.current: Task | None = None

    def read(self, title: str, session: Any, fn: Callable[..., Any], on_done: Callable[[Any], None],
             with_progress: bool = False) -> Task:
        """Cancel the load running and start ``fn(reader_session)`` (see :func:`run_reading`)."""
        self.cancel()
        self.current = run_reading(self.parent, title, session, fn, on_done, with_progress=with_progress)
        return self.current

    def cancel(self) -> None:
        """Cancel the load running, if any."""
        if self.current is not None and not self.current.is_finished:
            self.current.cancel()
        self.current = None
