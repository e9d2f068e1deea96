"""``shopdesk import``: the JSON a seller's script reads, and exit codes."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.cli.test_cli import run
from tests.conftest import OWNER, OWNER_PASSWORD

LINES = ["InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID",
         "1001,12/1/10 8:26,A1,Cup,2,10.00,c1", "1001,12/1/10 8:26,A2,Lid,1,2.50,c1",
         "C1002,12/1/10 9:00,A1,Cup,-1,10.00,c1", "1003,12/2/10 11:00,A1,Cup,1,10.00,c2"]


def _imported(store_path, tmp_path, products: str, lines: str = "") -> tuple[str, ...]:
    """Import a product list (and order lines, under UCI's header) into the store; the acting arguments."""
    acting = ("--db", str(store_path), "--user", OWNER)
    files = {"products.csv": products}
    if lines:
        files["orders.csv"] = "InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID\n" + lines
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run("import", str(tmp_path / name), *acting, password=OWNER_PASSWORD).returncode == 0
    return acting


def test_json_figures(store_path, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    out = run("import", str(path), "--db", str(store_path), "--user", OWNER, "--json", "--date-order", "mdy",
              password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in ("platform", "rows_read", "rows_imported", "rows_rejected", "orders_added", "orders_updated",
                "paid_orders", "gmv", "refunds", "customers_added", "products_added", "first_day", "last_day",
                "problems"):
        assert key in data
    assert (data["orders_added"], data["paid_orders"], data["gmv"], data["refunds"]) == (2, 2, 32.5, 10.0)
    assert (data["first_day"], data["last_day"]) == ("2010-12-01", "2010-12-02")
    again = json.loads(run("import", str(path), "--db", str(store_path), "--user", OWNER, "--json",
                           "--date-order", "mdy", password=OWNER_PASSWORD).stdout)
    assert again["orders_added"] == 0 and again["orders_updated"] == 0


def test_exit_codes(store_path, tmp_path):
    ambiguous = tmp_path / "amb.csv"
    ambiguous.write_text("\n".join(LINES[:3]) + "\n", encoding="utf-8")
    out = run("import", str(ambiguous), "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "--date-order" in out.stderr and "amb.csv" in out.stderr and "InvoiceDate" in out.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(LINES + ["1004,12/3/10 9:00,A1,Cup,x,10.00,c3"]) + "\n", encoding="utf-8")
    out = run("import", str(bad), "--db", str(store_path), "--user", OWNER, "--json", "--date-order", "mdy",
              password=OWNER_PASSWORD)
    assert out.returncode == 1
    problems = json.loads(out.stdout)["problems"]
    assert problems == [{"file": "bad.csv", "row": 6, "column": "Quantity", "value": "x",
                         "reason": "not a whole number"}]
    out = run("import", str(tmp_path / "none.csv"), "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "none.csv" in out.stderr and "Traceback" not in out.stderr
    out = run("imports", "list", "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 0 and out.stdout.strip() == ""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killed_import_leaves_the_store_unchanged(store_path, tmp_path):
    lines = [LINES[0]] + [f"{10000 + i // 3},12/{1 + i % 28}/10 8:26,A{i % 50},Item,1,1.{i % 100:02d},c{i % 900}"
                          for i in range(150_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "SHOPDESK_PASSWORD": OWNER_PASSWORD, "SHOPDESK_LANG": "en"}
    rng = random.Random(7)
    for _attempt in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "shopdesk", "import", str(path), "--db", str(store_path),
                                 "--user", OWNER], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check = run("check", "--db", str(store_path))
        assert check.returncode == 0, check.stdout
        import sqlite3
        conn = sqlite3.connect(store_path)
        assert conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0] in (0, 50_000)
        assert conn.execute("SELECT COUNT(*) FROM imports WHERE finished_at IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] in (0, 150_000)
        conn.close()


def test_kpi_command(store_path, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    run("import", str(path), "--db", str(store_path), "--user", OWNER, "--date-order", "mdy", password=OWNER_PASSWORD)
    out = run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "2010-12-01", "--to", "2010-12-02",
              "--json", password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["by"] == "day" and [r["period"] for r in data["rows"]] == ["2010-12-01", "2010-12-02"]
    first = data["rows"][0]
    assert (first["orders"], first["gmv"], first["aov"], first["refunds"]) == (1, 22.5, 22.5, 10.0)
    assert first["visitors"] is None and first["conversion"] is None
    month = json.loads(run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "2010-12-01", "--to",
                           "2010-12-31", "--by", "month", "--json", password=OWNER_PASSWORD).stdout)
    assert month["rows"][0]["period"] == "2010-12" and month["rows"][0]["gmv"] == 32.5
    csv_out = run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "2010-12-01", "--to", "2010-12-01",
                  "--csv", password=OWNER_PASSWORD)
    assert csv_out.stdout.splitlines()[0].startswith("period,orders,gmv")
    bad = run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "2010-13-01", "--to", "2010-12-01",
              password=OWNER_PASSWORD)
    assert bad.returncode == 2 and "--from" in bad.stderr


def test_daily_prepare_and_a_refused_self_confirmation(store_path):
    out = run("daily", "prepare", "--date", "2024-06-18", "--db", str(store_path), "--user", OWNER,
              password=OWNER_PASSWORD)
    assert out.returncode == 0 and "prepared by boss" in out.stdout
    out = run("daily", "confirm", "--date", "2024-06-18", "--db", str(store_path), "--user", OWNER,
              password=OWNER_PASSWORD)
    assert out.returncode == 1 and "a different account must confirm" in out.stderr
    out = run("daily", "status", "--date", "2024-06-18", "--db", str(store_path), "--user", OWNER,
              password=OWNER_PASSWORD)
    assert out.returncode == 0 and "waiting for a second person" in out.stdout


def test_task_commands(store_path):
    out = run("task", "add", "加大搜索推廣", "--owner", OWNER, "--due", "2020-01-01", "--db", str(store_path),
              "--user", OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "Task 1 created." in out.stdout
    out = run("task", "list", "--mine", "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert "OVERDUE" in out.stdout and "加大搜索推廣" in out.stdout
    out = run("task", "status", "1", "done", "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 0
    out = run("task", "add", "x", "--owner", "nobody", "--due", "2020-01-01", "--db", str(store_path), "--user",
              OWNER, password=OWNER_PASSWORD)
    assert out.returncode == 1 and "nobody" in out.stderr


def test_meeting_commands(store_path, tmp_path):
    acting = ("--db", str(store_path), "--user", OWNER)
    notes = tmp_path / "review.txt"
    notes.write_text("訪客低於目標 20%。\n直通車預算用完。\n", encoding="utf-8")
    out = run("meeting", "record", "--kind", "daily_review", "--date", "2024-06-18", "--minutes-file", str(notes),
              "--attendees", OWNER, *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "Minutes of meeting 1 saved." in out.stdout
    out = run("meeting", "decide", "--meeting", "1", "追加直通車預算", "--owner", OWNER, "--due", "2024-06-19",
              *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "Task 1 created." in out.stdout
    out = run("meeting", "list", "--json", *acting, password=OWNER_PASSWORD)
    (meeting,) = json.loads(out.stdout)
    assert meeting["kind"] == "daily_review" and meeting["minutes"].splitlines()[1] == "直通車預算用完。"
    assert meeting["decisions"][0]["title"] == "追加直通車預算" and meeting["decisions"][0]["owner"] == OWNER
    out = run("meeting", "list", *acting, password=OWNER_PASSWORD)
    assert "Daily review" in out.stdout and "追加直通車預算" in out.stdout
    out = run("meeting", "record", "--kind", "daily_review", "--date", "2024-06-18", "--minutes", " ", *acting,
              password=OWNER_PASSWORD)
    assert out.returncode == 1 and "Minutes" in out.stderr
    out = run("meeting", "record", "--kind", "daily_review", "--date", "2024-06-18", "--minutes-file",
              str(tmp_path / "missing.txt"), *acting, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "missing.txt" in out.stderr


def test_stock_alerts_command(store_path, tmp_path):
    products = tmp_path / "products.csv"
    products.write_text("Code,Name,Price,Stock,Safety Stock\nCUP,Cup,10.00,3,5\nLID,Lid,2.00,80,\nMUG,Mug,8.00,,\n",
                        encoding="utf-8")
    acting = ("--db", str(store_path), "--user", OWNER)
    assert run("import", str(products), *acting, password=OWNER_PASSWORD).returncode == 0
    out = run("stock", "alerts", "--json", *acting, password=OWNER_PASSWORD)
    data = json.loads(out.stdout)
    assert data["count"] == 1 and data["rows"][0]["sku"] == "CUP" and data["rows"][0]["on_hand"] == 3
    assert data["rows"][0]["safety_stock"] == 5 and data["rows"][0]["tracked"] is True
    everything = json.loads(run("stock", "alerts", "--all", "--json", *acting, password=OWNER_PASSWORD).stdout)
    mug = next(r for r in everything["rows"] if r["sku"] == "MUG")
    assert mug["tracked"] is False and mug["on_hand"] is None  # no stock given: not tracked, never zero
    out = run("stock", "alerts", "--date", "2024-13-01", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "--date" in out.stderr


def test_products_slow_command(store_path, tmp_path):
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock\nCUP,Cup,10.00,30\nBAG,Bag,9.00,60\n",
                       "1001,2024-06-18 10:00,CUP,Cup,3,10.00,c1\n")
    out = run("products", "slow", "--date", "2024-06-30", "--json", *acting, password=OWNER_PASSWORD)
    data = json.loads(out.stdout)
    assert data["as_of"] == "2024-06-30" and data["count"] == 1
    assert data["rows"][0]["sku"] == "BAG" and data["rows"][0]["units_30d"] == 0 and data["rows"][0]["last_sale"] is None
    out = run("products", "slow", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "BAG" in out.stdout
    assert run("products", "treat", "BAG", "--treatment", "clearance", "--note", "half price", *acting,
               password=OWNER_PASSWORD).returncode == 0
    rows = json.loads(run("products", "slow", "--json", *acting, password=OWNER_PASSWORD).stdout)["rows"]
    assert next(r for r in rows if r["sku"] == "BAG")["treatment"] == "clearance"


def test_stock_replenishment_command(store_path, tmp_path):
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock,Supplier\nCUP,Cup,10.00,5,義烏杯具\n")
    orders = tmp_path / "orders.csv"
    import datetime as dt
    sold_on = dt.date.today() - dt.timedelta(days=3)  # inside the 30 days before the stock count
    orders.write_text("InvoiceNo,InvoiceDate,StockCode,Description,Quantity,UnitPrice,CustomerID\n"
                      f"1001,{sold_on} 10:00,CUP,Cup,60,10.00,c1\n", encoding="utf-8")
    assert run("import", str(orders), *acting, password=OWNER_PASSWORD).returncode == 0
    out = run("stock", "replenishment", "--json", *acting, password=OWNER_PASSWORD)  # as of the stock count
    (row,) = json.loads(out.stdout)["rows"]
    # 60 units in 30 days = 2 a day × (7 days' lead time + 7 safety days) = 28, less 5 on hand = 23
    assert (row["sku"], row["supplier"], row["suggested_qty"], row["on_hand"]) == ("CUP", "義烏杯具", 23, 5)
    assert row["daily_units"] == 2 and row["lead_time_days"] == 7 and row["safety_days"] == 7


def test_stock_post_and_take_commands(store_path, tmp_path):
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock\nCUP,Cup,10.00,30\nLID,Lid,2.00,80\n")
    out = run("stock", "post", "CUP", "--kind", "adjustment", "--quantity", "-150", "--reason", "flood", *acting,
              password=OWNER_PASSWORD)
    assert out.returncode == 0 and "Abnormal operation" in out.stdout
    counts = tmp_path / "count.csv"
    counts.write_text("code,counted\nCUP,0\nLID,75\n", encoding="utf-8")
    out = run("stock", "take", "--file", str(counts), "--reason", "November count", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "2 differences posted" in out.stdout  # CUP −120 → 0, LID 80 → 75
    rows = {r["sku"]: r for r in json.loads(run("stock", "alerts", "--all", "--json", *acting,
                                                password=OWNER_PASSWORD).stdout)["rows"]}
    assert rows["CUP"]["on_hand"] == 0 and rows["LID"]["on_hand"] == 75
    counts.write_text("code,counted\nCUP,many\n", encoding="utf-8")
    out = run("stock", "take", "--file", str(counts), "--reason", "x", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "row 2" in out.stderr and "many" in out.stderr
    out = run("stock", "post", "NOPE", "--kind", "receipt", "--quantity", "1", "--reason", "x", *acting,
              password=OWNER_PASSWORD)
    assert out.returncode == 1 and "NOPE" in out.stderr


def test_replenishment_order_commands(store_path, tmp_path):
    import datetime as dt
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock,Supplier\nCUP,Cup,10.00,5,義烏杯具\n",
                       f"1001,{dt.date.today() - dt.timedelta(days=3)} 10:00,CUP,Cup,60,10.00,c1\n")
    out = run("stock", "order", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "1 replenishment orders created." in out.stdout
    assert "ordered" in run("stock", "orders", *acting, password=OWNER_PASSWORD).stdout
    assert run("stock", "qc", "1", "--failed", "CUP=3", *acting, password=OWNER_PASSWORD).returncode == 0
    out = run("stock", "receive", "1", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "20 units posted" in out.stdout  # 23 ordered, 3 failed
    row = json.loads(run("stock", "alerts", "--all", "--json", *acting, password=OWNER_PASSWORD).stdout)["rows"][0]
    assert row["on_hand"] == 25
    out = run("stock", "qc", "1", "--failed", "CUP", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "CODE=UNITS" in out.stderr


def test_stock_suppliers_command(store_path, tmp_path):
    acting = ("--db", str(store_path), "--user", OWNER)
    products = tmp_path / "products.csv"
    products.write_text("Code,Name,Price,Cost,Category,Supplier\nCUP,Cup,10.00,4.00,Cups,甲廠\n"
                        "MUG,Mug,12.00,6.00,Cups,乙廠\n", encoding="utf-8")
    assert run("import", str(products), *acting, password=OWNER_PASSWORD).returncode == 0
    data = json.loads(run("stock", "suppliers", "--json", *acting, password=OWNER_PASSWORD).stdout)
    by = {r["name"]: r for r in data["rows"]}
    assert by["甲廠"]["price_index"] == 0.8 and by["乙廠"]["price_index"] == 1.2  # cups cost 5.00 on average
    assert by["甲廠"]["on_time_rate"] is None  # no order received yet
    from tests.reports.conftest import HAS_FONT
    if HAS_FONT:  # printing needs a CJK TrueType font (the report tests say so where there is none)
        out = run("report", "suppliers", "--out", str(tmp_path / "s.pdf"), *acting, password=OWNER_PASSWORD)
        assert out.returncode == 0 and (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


def test_products_profit_command(store_path, tmp_path):
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Cost\nCUP,Cup,10.00,4.00\n",
                       "1001,2024-06-18 10:00,CUP,Cup,5,10.00,c1\n")
    data = json.loads(run("products", "profit", "--date", "2024-06-30", "--json", *acting,
                          password=OWNER_PASSWORD).stdout)
    (row,) = data["rows"]
    # 50.00 sales − 20.00 cost − 2.50 commission (5 %) = 27.50; no fulfilment or ad spend set
    assert (row["code"], row["units"], row["sales_cents"], row["profit_cents"], row["roi"]) == ("CUP", 5, 5000, 2750, None)
    assert run("products", "profit", *acting, password=OWNER_PASSWORD).returncode == 0


def test_delisting_commands(store_path, tmp_path):
    from shopdesk.domain.roles import Role
    from shopdesk.services.accounts import add_staff
    from shopdesk.services.session import login
    from shopdesk.store.opening import open_store
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock\nBAG,Bag,9.00,60\n")
    store = open_store(store_path, daily_backup=False)
    add_staff(login(store, OWNER, OWNER_PASSWORD), "lead", Role.MANAGER, "secret12")
    store.close()
    out = run("products", "delist", "BAG", "--reason", "out of style", "--supplier-action", "return", "--units", "60",
              *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "application 1 sent" in out.stdout
    out = run("products", "decide", "1", "--approve", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 1 and "different account" in out.stderr  # the applicant may not decide
    out = run("products", "decide", "1", "--approve", "--db", str(store_path), "--user", "lead", password="secret12")
    assert out.returncode == 0
    rows = json.loads(run("stock", "alerts", "--all", "--json", *acting, password=OWNER_PASSWORD).stdout)["rows"]
    assert rows == []  # delisted: off the lists


def test_products_weekly_target_and_report_commands(store_path, tmp_path):
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock\nCUP,Cup,10.00,30\nBAG,Bag,9.00,60\n",
                       "1001,2024-06-25 10:00,CUP,Cup,16,10.00,c1\n1002,2024-06-26 10:00,BAG,Bag,2,9.00,c2\n")
    targets = tmp_path / "targets.csv"
    targets.write_text("code,units,conversion,add_to_cart,stock\nCUP,10,,,\nBAG,5,3.5,,20\n", encoding="utf-8")
    out = run("products", "target", "--file", str(targets), "--from", "2024-06-01", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0 and "2 products" in out.stdout
    data = json.loads(run("products", "weekly", "--date", "2024-06-30", "--json", *acting,
                          password=OWNER_PASSWORD).stdout)
    assert data["as_of"] == "2024-06-30" and data["first_day"] == "2024-06-24" and data["count"] == 2
    rows = {r["sku"]: r for r in data["rows"]}
    assert (rows["CUP"]["units"], rows["CUP"]["mark"], rows["CUP"]["attainment"]) == (16, "star", 1.6)
    assert (rows["BAG"]["mark"], rows["BAG"]["target_conversion"], rows["BAG"]["target_stock"]) == ("laggard", 0.035, 20)
    out = run("products", "target", "CUP", "--units", "2.5", "--from", "2024-06-01", *acting, password=OWNER_PASSWORD)
    assert out.returncode != 0 and "2.5" in out.stderr
    targets.write_text("code,units\nCUP,ten\n", encoding="utf-8")
    out = run("products", "target", "--file", str(targets), "--from", "2024-06-01", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "row 2" in out.stderr and "ten" in out.stderr
    from tests.reports.conftest import HAS_FONT
    if HAS_FONT:  # printing needs a CJK TrueType font (the report tests say so where there is none)
        pdf = tmp_path / "weekly.pdf"
        out = run("report", "product-weekly", "--date", "2024-06-30", "--lang", "zh_TW", "--out", str(pdf), *acting,
                  password=OWNER_PASSWORD)
        assert out.returncode == 0 and pdf.read_bytes().startswith(b"%PDF")


def test_supplier_terms_command(store_path, tmp_path):
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock,Supplier\nCUP,Cup,10.00,5,義烏杯具\n")
    out = run("stock", "suppliers", "義烏杯具", "--lead-days", "12", "--min-order", "24", "--payment-terms", "月結30天",
              *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    from shopdesk.services.session import login
    from shopdesk.services.suppliers import supplier_terms
    from shopdesk.store.opening import open_store
    store = open_store(store_path, daily_backup=False)
    try:
        (terms,) = supplier_terms(login(store, OWNER, OWNER_PASSWORD))
    finally:
        store.close()
    assert (terms["lead_time_days"], terms["min_order_qty"], terms["payment_terms"]) == (12, 24, "月結30天")
    card = json.loads(run("stock", "suppliers", "--json", *acting, password=OWNER_PASSWORD).stdout)["rows"][0]
    assert card["lead_time_days"] == 12
    out = run("stock", "suppliers", "義烏杯具", "--min-order", "0", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 1 and "1" in out.stderr
    out = run("stock", "suppliers", "無此廠", "--lead-days", "3", *acting, password=OWNER_PASSWORD)
    assert out.returncode == 1 and "無此廠" in out.stderr


def test_campaign_reservation_commands(store_path, tmp_path):
    acting = _imported(store_path, tmp_path, "Code,Name,Price,Stock,Supplier\nCUP,Cup,10.00,5,義烏杯具\n")
    day = json.loads(run("stock", "alerts", "--json", *acting, password=OWNER_PASSWORD).stdout)["as_of"]
    import datetime as dt
    starts = (dt.date.fromisoformat(day) + dt.timedelta(days=5)).isoformat()
    out = run("stock", "reserve", "CUP", "--campaign", "雙11", "--from", starts, "--to", starts, "--units", "40",
              *acting, password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(run("stock", "replenishment", "--json", *acting, password=OWNER_PASSWORD).stdout)["rows"]
    assert (row["planned"], row["suggested_qty"]) == (40, 35)  # nothing sold yet: 40 reserved − 5 on hand
    assert "雙11" in run("stock", "reservations", *acting, password=OWNER_PASSWORD).stdout
    assert run("stock", "unreserve", "1", *acting, password=OWNER_PASSWORD).returncode == 0
    assert json.loads(run("stock", "replenishment", "--json", *acting, password=OWNER_PASSWORD).stdout)["rows"] == []
    out = run("stock", "reserve", "CUP", "--campaign", "x", "--from", "2024-02-30", "--to", starts, "--units", "1",
              *acting, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "--from" in out.stderr


def test_dry_run_warns_and_paid_when_created_applies_the_fix(store_path, tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额\n"
                    "1,100,100,上海,2020-02-21 00:00:00,,0\n2,50,50,北京,2020-02-21 01:00:00,,0\n", encoding="utf-8")
    acting = ("--db", str(store_path), "--user", OWNER)
    out = run("import", str(path), *acting, "--dry-run", password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    assert "Warning: No order counts as paid" in out.stdout and "(--paid-when-created)" in out.stdout
    data = json.loads(run("import", str(path), *acting, "--dry-run", "--json", password=OWNER_PASSWORD).stdout)
    assert [w["code"] for w in data["warnings"]] == ["no_paid_orders"]
    assert data["warnings"][0]["option"] == "paid_when_created" and data["warnings"][0]["column"] == "订单付款时间"
    data = json.loads(run("import", str(path), *acting, "--paid-when-created", "--json", password=OWNER_PASSWORD).stdout)
    assert data["written"] and data["paid_orders"] == 2 and data["gmv"] == 150.0 and data["warnings"] == []
    assert data["options"]["paid_when_created"] is True


def test_a_file_in_another_currency_is_refused_unless_a_rate_is_given(store_path, tmp_path):
    path = tmp_path / "shop.csv"
    path.write_text("Name,Created at,Currency,Total,Lineitem quantity,Lineitem name,Lineitem price,Financial Status\n"
                    "#1,2024-06-18 10:00:00 +0800,USD,10.00,1,Cup,10.00,paid\n", encoding="utf-8")
    acting = ("--db", str(store_path), "--user", OWNER)
    out = run("import", str(path), *acting, password=OWNER_PASSWORD)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "shop.csv is in USD, but this store keeps its amounts in CNY" in out.stderr
    out = run("import", str(path), *acting, "--rate", "1", "USD", "=", "7.1", "CNY", "--json", password=OWNER_PASSWORD)
    data = json.loads(out.stdout)
    assert data["written"] and data["gmv"] == 71.0 and data["options"]["rate"] == "1 USD = 7.1 CNY"
    out = run("import", str(path), *acting, "--rate", "1 USD = 7 EUR", password=OWNER_PASSWORD)
    assert out.returncode == 2 and "1 USD = 7 EUR" in out.stderr


def test_kpi_json_has_no_new_customer_share_without_buyer_ids(store_path, tmp_path):
    from tests.store.test_statistics import TMALL
    path = tmp_path / "tmall_order_report.csv"
    path.write_text(TMALL, encoding="utf-8")
    assert run("import", str(path), "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD).returncode == 0
    out = run("kpi", "--db", str(store_path), "--user", OWNER, "--from", "2020-02-20", "--to", "2020-02-22",
              "--by", "week", "--json", password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)["rows"]
    assert row["orders"] == 2 and row["new_customer_share"] is None  # the report has no buyer IDs: null, not 0


def test_the_same_file_twice_is_read_once(store_path, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    copy = tmp_path / "b.csv"
    copy.write_bytes(path.read_bytes())
    acting = ("--db", str(store_path), "--user", OWNER, "--date-order", "mdy")
    out = run("import", str(path), str(path), str(copy), *acting, "--json", "--dry-run", password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["orders_added"], data["rows_read"], data["gmv"]) == (2, 4, 32.5)
    assert data["same_files"] == [{"files": ["a.csv", "a.csv", "b.csv"], "read": "a.csv",
                                   "message": "a.csv and b.csv are the same file: read once"}]
    for lang, said in (("en", "a.csv and b.csv are the same file: read once"),
                       ("zh_CN", "a.csv 与 b.csv 是同一个文件：只读取一次"),
                       ("zh_TW", "a.csv 與 b.csv 是同一個檔案：只讀取一次")):
        out = run("import", str(path), str(copy), *acting, password=OWNER_PASSWORD, lang=lang)
        assert out.returncode == 0, out.stderr
        assert said in out.stdout
    lines = run("import", str(path), str(copy), *acting, "--json", password=OWNER_PASSWORD)
    assert json.loads(lines.stdout)["orders_added"] == 0  # the real import above stored each order once


@pytest.mark.parametrize("lang, said", [("en", "it contains a NUL byte (a zero byte, not text) at row 3"),
                                        ("zh_CN", "它在第 3 行含有 NUL 字节"), ("zh_TW", "它在第 3 列含有 NUL 位元組")])
def test_a_nul_byte_is_named_by_row(store_path, tmp_path, lang, said):
    path = tmp_path / "nul.csv"
    path.write_bytes(("\n".join(LINES) + "\n").encode("utf-8").replace(b"A2,Lid", b"A2,L\x00id"))
    out = run("import", str(path), "--db", str(store_path), "--user", OWNER, password=OWNER_PASSWORD, lang=lang)
    assert out.returncode == 2 and "nul.csv" in out.stderr and said in out.stderr


def test_utf16_without_a_bom_is_imported(store_path, tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes(("\n".join(LINES) + "\n").encode("utf-16-le"))
    out = run("import", str(path), "--db", str(store_path), "--user", OWNER, "--json", "--date-order", "mdy",
              password=OWNER_PASSWORD)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["gmv"] == 32.5
