"""Shared fixtures: offscreen Qt, a private data folder and QSettings, template stores."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SHOPDESK_PASSWORD", None)
os.environ.pop("SHOPDESK_NEW_PASSWORD", None)

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SCREENSHOTS = Path(__file__).resolve().parent / "ui" / "screenshots"
OWNER, OWNER_PASSWORD = "boss", "secret12"


def pytest_configure(config: pytest.Config) -> None:
    data = Path(os.environ.setdefault("SHOPDESK_DATA_DIR", str(Path(config.rootpath) / ".pytest_data")))
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _english_and_clean_settings(tmp_path_factory):
    """Every test starts in English with empty personal preferences."""
    from shopdesk import i18n
    i18n.set_language("en")
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QSettings
        QSettings().clear()
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def qapp_args():
    return ["shopdesk-tests"]


@pytest.fixture(scope="session", autouse=False)
def qt_settings(qapp, tmp_path_factory):
    """QSettings written to a temporary INI file, never the user's."""
    from PySide6.QtCore import QCoreApplication, QSettings
    QCoreApplication.setOrganizationName("ShopDeskTests")
    QCoreApplication.setApplicationName("ShopDeskTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qsettings")))
    return QSettings


@pytest.fixture(scope="session")
def _template_store(tmp_path_factory) -> Path:
    from shopdesk.services.accounts import init_store
    path = tmp_path_factory.mktemp("template") / "store.sqlite"
    session = init_store(path, "測試小店", OWNER, OWNER_PASSWORD)
    session.store.close()
    return path


@pytest.fixture
def store_path(_template_store, tmp_path) -> Path:
    """A fresh copy of a migrated store with owner ``boss`` / ``secret12``."""
    path = tmp_path / "shop" / "store.sqlite"
    path.parent.mkdir()
    shutil.copy(_template_store, path)
    return path


@pytest.fixture
def session(store_path):
    """The owner logged in to a fresh store (closed after the test)."""
    from shopdesk.services.session import login
    from shopdesk.store.opening import open_store
    store = open_store(store_path, daily_backup=False)
    s = login(store, OWNER, OWNER_PASSWORD)
    yield s
    if "shopdesk.ui.workers" in sys.modules:  # a window started background work: stop it first, as the app does
        sys.modules["shopdesk.ui.workers"].shutdown()
    store.close()


@pytest.fixture(scope="session")
def _template_demo(tmp_path_factory) -> Path:
    from shopdesk.services.demo import build_demo
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path)
    return path


@pytest.fixture
def demo_path(_template_demo, tmp_path) -> Path:
    """A fresh copy of the demo store."""
    path = tmp_path / "demo" / "demo.sqlite"
    path.parent.mkdir()
    shutil.copy(_template_demo, path)
    return path


@pytest.fixture
def inline_tasks(monkeypatch):
    """Run background tasks at once on the test's thread."""
    from shopdesk.ui import workers
    monkeypatch.setattr(workers, "INLINE", True)


@pytest.fixture(params=["zh_CN", "zh_TW", "en"])
def language(request):
    """Each of the three languages in turn."""
    from shopdesk import i18n
    i18n.set_language(request.param)
    return request.param


def save_screenshot(widget, name: str) -> Path:
    """Keep a picture of ``widget`` for review (tests/ui/screenshots/)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    widget.grab().save(str(path))
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden report texts in tests/reports/golden from the current output")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After each test, stop the background work its windows started (as the app does when it closes)
    before pytest-qt closes the windows: no worker thread outlives its test, where Python's cycle collector,
    run from that thread, could destroy the test's discarded widgets away from the GUI thread."""
    try:
        return (yield)
    finally:
        workers = sys.modules.get("shopdesk.ui.workers")
        if workers is not None:
            workers.shutdown()
