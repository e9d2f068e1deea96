"""Error boundaries of the GUI: expected errors as messages, bugs as a report.

An unexpected exception is written with its traceback to the log file in the
data folder and shown in a dialog whose details can be copied; the app keeps
running.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from shopdesk import __version__
from shopdesk.domain.errors import ShopDeskError
from shopdesk.i18n import _

log = logging.getLogger("shopdesk")


def setup_logging(path: Path) -> None:
    """Log to a rotating file in the data folder."""
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc``: its message if expected, else a report with copyable details."""
    if isinstance(exc, ShopDeskError):
        QMessageBox.warning(parent, "ShopDesk", exc.message())
        return
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", details)
    box = QMessageBox(QMessageBox.Icon.Critical, "ShopDesk",
                      _("Something unexpected went wrong. Your data is safe: the last change was not saved "
                        "if it had not finished. The details below are also in the log file."), parent=parent)
    box.setDetailedText(f"ShopDesk {__version__}\n{details}")
    box.setObjectName("unexpected_error")
    box.exec()


def install_excepthook() -> None:
    """Route uncaught exceptions in Qt slots to :func:`show_error` instead of aborting."""
    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        exc = exc.with_traceback(tb)
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            # A worker thread (or the app already gone): widgets belong to the GUI thread only.
            log.error("unexpected error in a worker thread\n%s",
                      "".join(traceback.format_exception(exc_type, exc, tb)))
            if app is not None:
                QTimer.singleShot(0, app, lambda: show_error(QApplication.activeWindow(), exc))
            return
        show_error(QApplication.activeWindow(), exc)
    sys.excepthook = hook
