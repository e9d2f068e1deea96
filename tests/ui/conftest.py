import pytest

from shopdesk.services.session import login
from shopdesk.store.opening import open_store
from tests.conftest import OWNER, OWNER_PASSWORD


@pytest.fixture(autouse=True)
def _qt(qt_settings, qapp):
    """Every UI test has a QApplication and private QSettings."""
    from shopdesk.ui.language import switch_language
    switch_language("en", remember=False)
    yield
    switch_language("en", remember=False)


def _close(store) -> None:
    """Stop the background work a window started (as the app does), then close the store."""
    from shopdesk.ui import workers
    workers.shutdown()
    store.close()


@pytest.fixture
def demo_session(demo_path):
    store = open_store(demo_path, daily_backup=False)
    s = login(store, "owner", "demo1234")
    yield s
    _close(store)


@pytest.fixture
def owner_session(store_path):
    store = open_store(store_path, daily_backup=False)
    s = login(store, OWNER, OWNER_PASSWORD)
    yield s
    _close(store)


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch):
    """A message box a test did not expect fails it at once instead of waiting for a click forever."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(*args, **kwargs):
        texts = [a for a in args if isinstance(a, str)]
        box = next((a for a in args if isinstance(a, QMessageBox)), None)
        if box is not None:
            texts.append(box.text())
        raise AssertionError(f"unexpected dialog: {texts}")
    for name in ("exec", "warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
