"""Baseline for bench/startup.py: a bare PySide6 main window, shown, then quit.

With ``--same-imports`` it first imports everything ShopDesk's GUI imports
(``shopdesk.app``, and the tabs the window builds from its registry), so that
the difference is ShopDesk's own start-up work.
"""

import importlib
import sys

if "--same-imports" in sys.argv:
    import shopdesk.app  # noqa: F401
    from shopdesk.ui.tabs.registry import TABS

    for entry in TABS:  # the window imports each tab's module as it builds it
        importlib.import_module(entry.widget.split(":")[0])

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction  # noqa: F401 - the same Qt modules ShopDesk's window loads
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTabWidget())
window.menuBar().addMenu("File")
window.statusBar().showMessage("ready")
window.resize(1100, 720)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
