"""``shopdesk check``: leftovers of unfinished backups, and a store that cannot be written."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from shopdesk.store import backup
from tests.cli.test_cli import run
from tests.store.test_backup import SLOW_BACKUP, _grow, killed_while_copying

NOBODY = 65534


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _killed_backup(store_path: Path) -> None:
    killed_while_copying(SLOW_BACKUP, str(store_path))


def test_check_lists_what_a_killed_backup_left_and_removes_it_on_request(store_path):
    real = [backup.backup_file(store_path, "manual"), backup.backup_file(store_path, "daily")]
    _grow(store_path)
    _killed_backup(store_path)
    before = _snapshot(real[0].parent)
    left = [name for name in before if name.startswith(".")]
    assert left and all(".partial" in name for name in left)
    out = run("check", "--db", str(store_path))
    assert out.returncode == 0, out.stderr
    assert "No problems found." in out.stdout
    assert f"{len(left)} file(s) in {real[0].parent} are not usable backups:" in out.stdout
    for name in left:
        assert f"  - {name}: left by a backup that did not finish, " in out.stdout
    assert "--remove-leftovers" in out.stdout
    assert _snapshot(real[0].parent) == before  # listed, not removed
    out = run("check", "--db", str(store_path), "--remove-leftovers")
    assert out.returncode == 0, out.stderr
    assert f"Removed {len(left)} of them; the backups were not touched." in out.stdout
    after = _snapshot(real[0].parent)
    assert after == {name: value for name, value in before.items() if name not in left}
    assert sorted(after) == sorted(p.name for p in real)
    out = run("check", "--db", str(store_path))
    assert "not usable backups" not in out.stdout and "--remove-leftovers" not in out.stdout


# A store that cannot be written ---------------------------------------------------------------------------

def _as_reader(store_path: Path) -> list[str]:
    """The prefix that runs a command as a user who cannot write the store: this one, with the write
    permissions removed; as root, who ignores file permissions, the ``nobody`` user (through setpriv), when
    that user can run this Python and read the store."""
    if os.name != "posix":
        pytest.skip("file permissions are tested on POSIX systems")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, who ignores file permissions, and setpriv is missing to run as another user")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run(prefix + [sys.executable, "-c", "import sys, shopdesk.cli; open(sys.argv[1], 'rb').read(16)",
                                     str(store_path)], capture_output=True, text=True, cwd="/")
    if probe.returncode != 0:
        pytest.skip(f"running as root, who ignores file permissions, and the nobody user cannot run this Python "
                    f"or read {store_path} ({probe.stderr.strip().splitlines()[-1:]})")
    return prefix


def _check_as_reader(prefix: list[str], data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPDESK_")}
    env.update(SHOPDESK_LANG="en", SHOPDESK_DATA_DIR=str(data))
    return subprocess.run(prefix + [sys.executable, "-m", "shopdesk", "check", *args], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120, cwd="/")


@pytest.fixture
def shared_folder(_template_store):
    """A store in a folder every user can read (a test's own folder may be private to its user)."""
    top = Path(tempfile.mkdtemp(prefix="shopdesk-ro-"))
    top.chmod(0o755)
    (top / "shop").mkdir()
    data = top / "data"
    data.mkdir()
    data.chmod(0o777)
    shutil.copy(_template_store, top / "shop" / "store.sqlite")
    yield top
    for folder in [top, *[p for p in top.rglob("*") if p.is_dir()]]:
        folder.chmod(0o755)
    shutil.rmtree(top)


def test_check_reads_a_read_only_file_and_folder_and_changes_nothing(shared_folder):
    shop = shared_folder / "shop"
    store_path = shop / "store.sqlite"
    prefix = _as_reader(store_path)
    backup.backup_file(store_path, "manual")
    junk = shop / "backups" / f"{store_path.stem}-20260101-000000-manual.sqlite"
    junk.write_bytes(b"half a header")
    for item in shop.rglob("*"):
        item.chmod(0o555 if item.is_dir() else 0o444)
    shop.chmod(0o555)
    before = _snapshot(shop)
    try:
        out = _check_as_reader(prefix, shared_folder / "data", "--db", str(store_path))
        assert out.returncode == 0, out.stderr
        assert "No problems found." in out.stdout
        assert f"  - {junk.name}: not a ShopDesk store, 1 KB" in out.stdout
        assert "The store cannot be written here: it was only read, and nothing was changed." in out.stdout
        out = _check_as_reader(prefix, shared_folder / "data", "--db", str(store_path), "--remove-leftovers")
        assert out.returncode == 1, out.stderr
        assert "Removed 0 of them" in out.stdout and "1 could not be removed" in out.stdout
        assert "nothing was changed" in out.stdout
    finally:
        shop.chmod(0o755)
    assert _snapshot(shop) == before


def test_check_reads_a_read_only_file_in_a_folder_it_can_write(shared_folder):
    shop = shared_folder / "shop"
    store_path = shop / "store.sqlite"
    prefix = _as_reader(store_path)
    store_path.chmod(0o444)
    if prefix:
        os.chown(shop, NOBODY, NOBODY)  # the folder is the reader's; the file is not
    digest = hashlib.sha256(store_path.read_bytes()).hexdigest()
    out = _check_as_reader(prefix, shared_folder / "data", "--db", str(store_path))
    assert out.returncode == 0, out.stderr
    assert "No problems found." in out.stdout
    assert "The store cannot be written here: it was only read, and nothing was changed." in out.stdout
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == digest


def test_check_of_a_writable_store_does_not_claim_it_cannot_be_written(store_path):
    out = run("check", "--db", str(store_path))
    assert out.returncode == 0 and "cannot be written" not in out.stdout
