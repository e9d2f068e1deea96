"""The headless ``shopdesk`` command: exit codes and messages, run as a user would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import OWNER, OWNER_PASSWORD


def run(*args, password=None, new_password=None, lang="en"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPDESK_") or k == "SHOPDESK_DATA_DIR"}
    if password is not None:
        env["SHOPDESK_PASSWORD"] = password
    if new_password is not None:
        env["SHOPDESK_NEW_PASSWORD"] = new_password
    env["SHOPDESK_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "shopdesk", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("ShopDesk ")


def test_init_user_and_check(tmp_path):
    db = str(tmp_path / "s.sqlite")
    out = run("init", "--db", db, "--store-name", "小店", "--owner", "boss", new_password="secret12")
    assert out.returncode == 0, out.stderr
    again = run("init", "--db", db, "--store-name", "小店", "--owner", "boss", new_password="secret12")
    assert again.returncode == 1 and "already exists" in again.stderr
    out = run("user", "add", "amy", "--role", "finance", "--db", db, "--user", "boss",
              password="secret12", new_password="secret34")
    assert out.returncode == 0, out.stderr
    out = run("user", "list", "--db", db, "--user", "boss", password="secret12")
    assert out.returncode == 0 and "amy" in out.stdout and "Finance" in out.stdout
    out = run("user", "list", "--db", db, "--user", "amy", password="secret34")
    assert out.returncode == 1 and "may not manage staff" in out.stderr
    out = run("user", "disable", "amy", "--db", db, "--user", "boss", password="secret12")
    assert out.returncode == 0
    out = run("user", "list", "--db", db, "--user", "amy", password="secret34")
    assert out.returncode == 1 and "disabled" in out.stderr
    out = run("check", "--db", db)
    assert out.returncode == 0 and "No problems found." in out.stdout


def test_wrong_password_no_password_no_user(store_path):
    db = str(store_path)
    out = run("user", "list", "--db", db, "--user", OWNER, password="nope")
    assert out.returncode == 1 and out.stderr.strip() == "Wrong user name or password."
    out = run("user", "list", "--db", db, "--user", OWNER)
    assert out.returncode == 2 and "SHOPDESK_PASSWORD" in out.stderr
    out = run("user", "list", "--db", db, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "--user" in out.stderr


def test_files_that_cannot_be_opened_exit_2_without_traceback(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("a,b\n1,2\n")
    for db, text in ((tmp_path / "none.sqlite", "does not exist"), (junk, "not a ShopDesk store")):
        out = run("check", "--db", str(db))
        assert out.returncode == 2 and text in out.stderr and str(db) in out.stderr
        assert "Traceback" not in out.stderr
    out = run("check")
    assert out.returncode == 2 and "--db" in out.stderr


def test_check_finds_tampering(store_path):
    conn = sqlite3.connect(store_path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET after = '{}' WHERE id = 1")
    conn.commit()
    conn.close()
    out = run("check", "--db", str(store_path))
    assert out.returncode == 1
    assert "audit row 1 was changed after it was written" in out.stdout


def test_backup_and_restore(store_path, tmp_path):
    out_file = tmp_path / "b.sqlite"
    out = run("backup", "--db", str(store_path), "--out", str(out_file))
    assert out.returncode == 0 and out_file.exists()
    again = run("backup", "--db", str(store_path), "--out", str(out_file))
    assert again.returncode == 1
    out = run("restore", "--from", str(out_file), "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "kept as" in out.stdout
    assert run("check", "--db", str(store_path)).returncode == 0


def test_restore_needs_a_login_with_the_right_to_restore(store_path, tmp_path):
    import hashlib
    db = str(store_path)
    for name, role, password in (("ada", "admin", "adapass1"), ("otto", "operations", "ottopass1")):
        out = run("user", "add", name, "--role", role, "--db", db, "--user", OWNER, password=OWNER_PASSWORD,
                  new_password=password)
        assert out.returncode == 0, out.stderr
    saved = tmp_path / "saved.sqlite"
    assert run("backup", "--db", db, "--out", str(saved)).returncode == 0
    digest = hashlib.sha256(store_path.read_bytes()).hexdigest()
    refusals = [
        ((), OWNER_PASSWORD, 2, "--user"),
        (("--user", "ada"), None, 2, "SHOPDESK_PASSWORD"),
        (("--user", "ada"), "wrong-password", 1, "Wrong user name or password."),
        (("--user", "nobody"), "adapass1", 1, "Wrong user name or password."),
        (("--user", "otto"), "ottopass1", 1, "otto (Operations) may not back up and restore the store."),
    ]
    for user, password, code, text in refusals:
        out = run("restore", "--from", str(saved), "--db", db, *user, password=password)
        assert (out.returncode, text in out.stderr, "Traceback" in out.stderr) == (code, True, False), out.stderr
        assert hashlib.sha256(store_path.read_bytes()).hexdigest() == digest
    out = run("restore", "--from", str(saved), "--db", db, "--user", "ada", password="adapass1")
    assert out.returncode == 0, out.stderr
    conn = sqlite3.connect(store_path)
    row = conn.execute("SELECT action, staff_name, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert row[:2] == ("store.restored", "ada") and str(saved.resolve()) in row[2]
    assert run("check", "--db", db).returncode == 0


def test_demo_command(tmp_path):
    db = tmp_path / "demo.sqlite"
    out = run("demo", "--db", str(db))
    assert out.returncode == 0 and "demo1234" in out.stdout
    assert run("check", "--db", str(db)).returncode == 0


@pytest.mark.parametrize("lang, text", [("zh_CN", "不存在"), ("zh_TW", "不存在")])
def test_messages_in_chinese(tmp_path, lang, text):
    out = run("check", "--db", str(tmp_path / "none.sqlite"), lang=lang)
    assert out.returncode == 2 and text in out.stderr


def test_anomalies_list_groups_by_day_with_scope_sign_and_assessment(store_path):
    import datetime as dt

    from shopdesk.services.anomalies import detect
    from shopdesk.services.session import login
    from shopdesk.services.targets import set_target
    from shopdesk.store.opening import open_store
    from tests.services.test_breakdown import _store
    store = open_store(store_path, daily_backup=False)
    session = login(store, OWNER, OWNER_PASSWORD)
    _store(session)
    set_target(session, "visitors", "2024-06", "30000")  # the 18th: −18.5 %, its search channel −40 %
    set_target(session, "gmv", "2024-06", "1500")  # the 18th: +40 %
    detect(session, dt.date(2024, 6, 18), dt.date(2024, 6, 18))
    store.close()
    out = run("anomalies", "list", "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Jun 18, 2024 Tuesday"
    assert "GMV" in lines[1] and "+40.0%" in lines[1] and "favourable" in lines[1] and "cause optional" in lines[1]
    assert "Visitors" in lines[2] and "\u221218.5%" in lines[2] and "unfavourable, severe" in lines[2]
    assert "↳ Channel 搜索" in lines[3] and "\u221240.0%" in lines[3] and "cause not yet noted" in lines[3]
    opened = run("anomalies", "list", "--open", "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert "GMV" not in opened.stdout and "Visitors" in opened.stdout
    zh = run("anomalies", "list", "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD, lang="zh_TW")
    assert zh.stdout.splitlines()[0] == "2024年6月18日 星期二" and "有利" in zh.stdout and "不利" in zh.stdout
