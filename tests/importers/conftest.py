import shutil
from pathlib import Path

import pytest

from shopdesk.importers.pipeline import ImportOptions
from shopdesk.services.accounts import init_store
from shopdesk.services.imports import import_files
from tests.conftest import SHARED_DATA

needs_data = pytest.mark.skipif(not SHARED_DATA.is_dir(),
                                reason=f"{SHARED_DATA} is absent: the shared sample exports are not beside this checkout")


@pytest.fixture(scope="session")
def _blank_stores(tmp_path_factory):
    made = {}

    def make(currency: str, tz: str) -> Path:
        key = (currency, tz)
        if key not in made:
            path = tmp_path_factory.mktemp("blank") / f"{currency}.sqlite"
            init_store(path, "Import test", "boss", "secret12", currency, tz).store.close()
            made[key] = path
        return made[key]
    return make


@pytest.fixture
def shop(_blank_stores, tmp_path):
    """``shop(currency, tz)``: the owner logged in to a fresh empty store."""
    from shopdesk.services.session import login
    from shopdesk.store.opening import open_store
    opened = []

    def make(currency: str = "CNY", tz: str = "Asia/Shanghai"):
        path = tmp_path / f"store-{len(opened)}.sqlite"
        shutil.copy(_blank_stores(currency, tz), path)
        session = login(open_store(path, daily_backup=False), "boss", "secret12")
        opened.append(session)
        return session
    yield make
    for session in opened:
        session.store.close()


def run(session, *files, **options):
    """Import ``files`` with ``options`` (ImportOptions fields)."""
    return import_files(session, [Path(f) for f in files], ImportOptions(**options))


def count(session, sql: str, *params):
    return session.store.conn.execute(sql, params).fetchone()[0]
