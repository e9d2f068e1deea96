"""The dependency rule: only the UI layer (and app.py) may load Qt."""

import pkgutil
import subprocess
import sys

import shopdesk


def test_no_qt_below_the_ui():
    modules = [m.name for m in pkgutil.walk_packages(shopdesk.__path__, "shopdesk.")
               if not m.name.startswith(("shopdesk.ui", "shopdesk.app", "shopdesk.__main__"))]
    assert "shopdesk.store.db" in modules and "shopdesk.services.demo" in modules
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken6')))\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_cli_startup_does_not_load_qt():
    code = "import sys, shopdesk.cli; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False"


def test_reports_never_query():
    """Report builders are fed figures: they load neither the store nor the services."""
    modules = [m.name for m in pkgutil.walk_packages(shopdesk.__path__, "shopdesk.")
               if m.name.startswith("shopdesk.reports")]
    assert "shopdesk.reports.operations" in modules
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('shopdesk.store', 'shopdesk.services')))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
