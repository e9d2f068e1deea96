"""Dates typed on the command line are checked against the plausible years before any figure is computed."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.test_cli import run
from tests.conftest import OWNER, OWNER_PASSWORD


@pytest.mark.parametrize("command, args, flag, value", [
    (("kpi",), ("--from", "0001-01-01", "--to", "2024-06-30"), "--from", "0001-01-01"),
    (("kpi",), ("--from", "2024-06-01", "--to", "9999-12-31"), "--to", "9999-12-31"),
    (("stock", "alerts"), ("--date", "1999-12-31"), "--date", "1999-12-31"),
])
def test_a_date_outside_the_plausible_years_is_refused_with_a_message(store_path, command, args, flag, value):
    out = run(*command, "--db", str(store_path), "--user", OWNER, *args, password=OWNER_PASSWORD)
    last = dt.date.today().year + 1
    assert out.returncode == 2, out.stderr
    assert f"{flag}: '{value}' is outside the years 2000 to {last}." in out.stderr
    assert "Traceback" not in out.stderr


def test_the_message_is_translated(store_path):
    out = run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "0001-01-01", "--to", "2024-06-30",
              password=OWNER_PASSWORD, lang="zh_CN")
    assert out.returncode == 2 and "0001-01-01" in out.stderr and "年" in out.stderr, out.stderr
