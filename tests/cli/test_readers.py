"""Commands that only read: no writer lock, no write access, alongside the app and each other."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.cli.test_cli import run

DEMO_USER, DEMO_PASSWORD = "owner", "demo1234"

HOLDER = textwrap.dedent("""
    import sys
    from shopdesk.store.opening import open_store
    store = open_store(sys.argv[1], what="ShopDesk window", daily_backup=False)
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
""")


def start(*args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPDESK_") or k == "SHOPDESK_DATA_DIR"}
    env.update(SHOPDESK_PASSWORD=DEMO_PASSWORD, SHOPDESK_LANG="en")
    return subprocess.Popen([sys.executable, "-m", "shopdesk", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, stdin=subprocess.DEVNULL)


@pytest.fixture
def writer_open(demo_path):
    """The demo store held open for changes by another process (as the app would hold it)."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield demo_path
    finally:
        holder.communicate("\n", timeout=10)


def test_two_reports_and_a_kpi_run_at_once_while_the_app_writes(writer_open, tmp_path):
    db = str(writer_open)
    running = [start("report", "monthly", "--db", db, "--user", DEMO_USER, "--date", "2026-10-15",
                     "--out", str(tmp_path / f"month{i}.pdf")) for i in (1, 2)]
    running.append(start("kpi", "--db", db, "--user", DEMO_USER, "--from", "2026-10-01", "--to", "2026-10-31",
                         "--json"))
    for process in running:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    assert (tmp_path / "month1.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "month2.pdf").read_bytes().startswith(b"%PDF")
    assert '"rows"' in out


def test_lists_read_while_the_app_writes_and_changes_are_still_refused(writer_open):
    db = str(writer_open)
    for args in (["stock", "alerts"], ["products", "slow"], ["task", "list"], ["imports", "list"],
                 ["anomalies", "list"], ["daily", "status", "--date", "2026-10-15"], ["target", "list"],
                 ["stock", "suppliers"], ["user", "list"]):
        out = run(*args, "--db", db, "--user", DEMO_USER, password=DEMO_PASSWORD)
        assert out.returncode == 0, (args, out.stderr)
    out = run("traffic", "--db", db, "--user", DEMO_USER, "--day", "2026-10-15", "--visitors", "5",
              password=DEMO_PASSWORD)
    assert out.returncode == 2 and "open for changes in another ShopDesk window" in out.stderr
    assert "ShopDesk window" in out.stderr


def test_a_reading_command_still_checks_the_password(demo_path):
    out = run("kpi", "--db", str(demo_path), "--user", DEMO_USER, "--from", "2026-10-01", "--to", "2026-10-02",
              password="wrong-password")
    assert out.returncode == 1 and out.stderr.strip() == "Wrong user name or password."


def test_a_reading_command_takes_no_lock(demo_path):
    out = run("kpi", "--db", str(demo_path), "--user", DEMO_USER, "--from", "2026-10-01", "--to", "2026-10-02",
              password=DEMO_PASSWORD)
    assert out.returncode == 0, out.stderr
    assert not demo_path.with_name(demo_path.name + ".lock").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_reading_command_on_a_read_only_file(demo_path):
    demo_path.chmod(0o444)
    out = run("kpi", "--db", str(demo_path), "--user", DEMO_USER, "--from", "2026-10-01", "--to", "2026-10-31",
              password=DEMO_PASSWORD)
    assert out.returncode == 0, out.stderr
    out = run("traffic", "--db", str(demo_path), "--user", DEMO_USER, "--day", "2026-10-15", "--visitors", "5",
              password=DEMO_PASSWORD)
    assert out.returncode == 2 and "cannot be written" in out.stderr


def test_a_damaged_page_met_by_a_command_gets_the_message_and_the_next_open_checks(demo_path):
    from shopdesk.store.db import PAGE_SIZE
    from shopdesk.store.opening import open_store
    out = run("kpi", "--db", str(demo_path), "--user", DEMO_USER, "--from", "2026-05-16", "--to", "2026-11-15",
              password=DEMO_PASSWORD)
    assert out.returncode == 0, out.stderr  # checked fully on this first open, and recorded
    import sqlite3
    conn = sqlite3.connect(demo_path)
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name IN ('orders', 'order_lines') "
                                        "AND pagetype = 'leaf'")]
    conn.close()
    data = bytearray(demo_path.read_bytes())
    for page in pages:
        data[(page - 1) * PAGE_SIZE] = 0xFF  # no such b-tree page type: damaged where the orders are read
    demo_path.write_bytes(bytes(data))
    out = run("kpi", "--db", str(demo_path), "--user", DEMO_USER, "--from", "2026-05-16", "--to", "2026-11-15",
              password=DEMO_PASSWORD)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "is damaged" in out.stderr and str(demo_path) in out.stderr and "backups" in out.stderr
    assert not demo_path.with_name(demo_path.name + ".checked").exists()
    from shopdesk.domain import errors
    with pytest.raises(errors.StoreCorrupt):  # the next open makes the full check again
        open_store(demo_path, write=False)
