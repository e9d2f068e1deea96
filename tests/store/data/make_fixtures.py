"""Build ``vN.sqlite``: a store as schema N wrote it, for the upgrade tests (tests/store/test_upgrade_fixtures.py).

``python tests/store/data/make_fixtures.py [N ...]`` writes the fixtures of the versions given, or of every
version that has none yet. A fixture is made once, when its version is the newest, and then kept as it is: it
freezes what that release wrote, so that a later edit of an old migration, or a new one that loses data, is
caught. ``v1``, ``v2`` and ``v4`` were made by their own scripts (``make_v1_fixture.py`` …) and are kept too.

For version N the file is made by the migration ladder itself (``migrate.apply`` up to N); then every table
that exists at N gets the rows of :data:`ROWS`, each with only the columns that exist at N. A table or column
without a representative value here is refused, so a new migration's tables and columns get some.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path
from unittest import mock

from shopdesk.store import audit, migrate

HERE = Path(__file__).parent
AT = "2026-11-20T09:00:00+08:00"
DAY = "2026-11-20"
#: ``hash_password("oldpass0")``, fixed so that the files come out the same on every run.
PASSWORD_HASH = "scrypt$16384$8$1$nMdVh4PnGTkHIAC2cl+Trg==$RvSpiBNVv7JFqWr83/nrS7EFQQBm0kZWDOqnV7Hg7WY="
#: Small pages keep the files small; the ladder does not depend on the page size.
PAGE_SIZE = 1024

#: Representative rows per table, in the order a table's references need (parents first). A column that a
#: version lacks is left out; ``order_lines.id`` is schema 2's (schema 3 keyed the lines by order and line).
ROWS: dict[str, list[dict]] = {
    "settings": [
        {"key": "store.timezone", "value": '"Asia/Shanghai"', "updated_at": AT},
        {"key": "backup.keep", "value": "30", "updated_at": AT},
    ],
    "staff": [
        {"id": 1, "username": "owner", "display_name": "店主", "role": "owner", "password_hash": PASSWORD_HASH,
         "active": 1, "created_at": AT, "disabled_at": None},
        {"id": 2, "username": "clerk", "display_name": "客服小王", "role": "customer_service",
         "password_hash": PASSWORD_HASH, "active": 0, "created_at": AT, "disabled_at": "2026-11-21T18:00:00+08:00"},
    ],
    "suppliers": [
        {"id": 1, "code": "S01", "name": "義烏鞋廠", "contact": "陳先生", "phone": "0579-1234567", "lead_time_days": 10,
         "dropship": 0, "import_id": None, "min_order_qty": 20, "payment_terms": "月結30天"},
    ],
    "imports": [
        {"id": 1, "started_at": AT, "finished_at": AT, "staff_id": 1, "staff_name": "owner", "platform": "generic",
         "mapping": "generic-lines", "files": '[{"name": "orders.csv", "rows": 3}]', "rows_read": 3,
         "rows_imported": 2, "rows_rejected": 1, "summary": '{"orders_added": 1}', "status": "done",
         "undone_at": None},
    ],
    "products": [
        {"id": 1, "code": "SP2024001", "name": "夏季透氣運動鞋-男", "spec": "42碼", "category1": "鞋靴",
         "category2": "運動鞋", "category3": "跑步鞋", "cost_cents": 9500, "price_cents": 19900, "supplier_id": 1,
         "safety_stock": 50, "stage": "growth", "owner_staff_id": 1, "listed_at": AT, "updated_at": AT,
         "import_id": None, "variant_of": "", "sku": "SKU-001", "stock_tracked": 1, "commission_bp": 500,
         "fulfilment_cents": 800, "ad_spend_bp": 1000},
        {"id": 2, "code": "A1", "name": "Cup", "spec": "", "category1": "", "category2": "", "category3": "",
         "cost_cents": None, "price_cents": 1000, "supplier_id": None, "safety_stock": 0, "stage": "new",
         "owner_staff_id": None, "listed_at": None, "updated_at": AT, "import_id": 1, "variant_of": "SP2024001",
         "sku": "", "stock_tracked": 0, "commission_bp": None, "fulfilment_cents": None, "ad_spend_bp": None},
    ],
    "stock_movements": [
        {"id": 1, "product_id": 1, "kind": "receipt", "quantity": 100, "at": AT, "day": DAY, "ref": "PO-1",
         "import_id": None, "staff": "owner", "reason": "到貨"},
        {"id": 2, "product_id": 1, "kind": "sale", "quantity": -2, "at": AT, "day": DAY, "ref": "M0001",
         "import_id": None, "staff": "", "reason": ""},
    ],
    "customers": [
        {"id": 1, "platform": "generic", "external_id": "C-77", "name": "李女士", "import_id": 1},
    ],
    "orders": [
        {"id": 1, "platform": "manual", "order_no": "M0001", "customer_id": None, "channel": "", "status": "completed",
         "created_at": AT, "day": DAY, "paid_at": AT, "shipped_at": "2026-11-21T10:00:00+08:00",
         "delivered_at": "2026-11-23T15:30:00+08:00", "goods_cents": 39800, "discount_cents": 1990,
         "shipping_cents": 1000, "total_cents": 38810, "carrier": "順豐", "tracking_no": "SF123456",
         "import_id": None, "region": "廣東"},
        {"id": 2, "platform": "generic", "order_no": "1001", "customer_id": 1, "channel": "搜索", "status": "received",
         "created_at": AT, "day": DAY, "paid_at": None, "shipped_at": None, "delivered_at": None,
         "goods_cents": 2000, "discount_cents": 0, "shipping_cents": 0, "total_cents": 2000, "carrier": "",
         "tracking_no": "", "import_id": 1, "region": ""},
    ],
    "order_lines": [
        {"id": 1, "order_id": 1, "line_no": 1, "product_id": 1, "sku": "SKU-001", "title": "夏季透氣運動鞋-男",
         "quantity": 2, "unit_price_cents": 19900, "discount_cents": 1990},
        {"id": 2, "order_id": 2, "line_no": 1, "product_id": 2, "sku": "A1", "title": "Cup", "quantity": 2,
         "unit_price_cents": 1000, "discount_cents": 0},
        {"id": 3, "order_id": 2, "line_no": 2, "product_id": None, "sku": "GONE", "title": "已下架的商品",
         "quantity": 1, "unit_price_cents": 0, "discount_cents": 0},
    ],
    "after_sales": [
        {"id": 1, "case_no": "AS-1", "order_id": 1, "product_id": 1, "kind": "return", "reason": "尺碼不合",
         "status": "resolved", "opened_at": AT, "day": DAY, "resolved_at": AT, "units": 1, "refund_cents": 19405,
         "refunded_at": AT, "resolution": "退款", "compensation": "", "import_id": None},
    ],
    "traffic_daily": [
        {"day": DAY, "channel": "", "visitors": 80, "page_views": 240, "add_to_cart": 9, "import_id": None,
         "impressions": 5000, "clicks": 300},
    ],
    "import_changes": [
        {"id": 1, "import_id": 1, "entity": "products", "entity_id": "2", "before": '{"price_cents": 900}'},
    ],
    "import_mappings": [
        {"name": "我的表", "spec": '{"columns": {"訂單號": "order_no"}}', "created_at": AT},
    ],
    "reviews": [
        {"id": 1, "platform": "generic", "external_id": "R-1", "order_id": 2, "score": 4, "title": "不錯",
         "comment": "杯子很好", "created_at": AT, "day": DAY, "import_id": 1},
    ],
    "targets": [
        {"id": 1, "metric": "gmv", "period": "2026-11", "amount": 3_000_000, "rate": None, "weighting": "even",
         "set_at": AT, "set_by": "owner"},
        {"id": 2, "metric": "conversion", "period": "2026-Q4", "amount": None, "rate": 0.035,
         "weighting": "weekday", "set_at": AT, "set_by": "owner"},
    ],
    "day_confirmations": [
        {"day": DAY, "prepared_by": "clerk", "prepared_at": AT, "confirmed_by": "owner", "confirmed_at": AT,
         "reopened_at": None, "reopen_reason": ""},
    ],
    "anomalies": [
        {"id": 1, "day": DAY, "metric": "gmv", "scope": "", "target": 100000.0, "actual": 40810.0,
         "deviation": -0.59, "severity": "severe", "detected_at": AT, "cause": "大促前觀望", "cause_by": "owner",
         "cause_at": AT},
    ],
    "meetings": [
        {"id": 1, "kind": "daily_review", "day": DAY, "attendees": '["owner", "clerk"]', "minutes": "轉化偏低",
         "recorded_by": "owner", "recorded_at": AT, "updated_at": AT},
    ],
    "tasks": [
        {"id": 1, "title": "優化主圖", "anomaly_id": 1, "owner": "owner", "helpers": '["clerk"]',
         "due_on": "2026-11-27", "status": "in_progress", "note": "", "created_by": "owner", "created_at": AT,
         "updated_at": AT, "meeting_id": 1},
    ],
    "purchase_orders": [
        {"id": 1, "supplier_id": 1, "status": "received", "ordered_at": AT, "ordered_by": "owner",
         "expected_on": "2026-11-30", "qc_at": AT, "received_at": AT, "received_by": "owner", "note": "補貨"},
    ],
    "purchase_order_lines": [
        {"order_id": 1, "product_id": 1, "quantity": 100, "passed": 98},
    ],
    "listing_applications": [
        {"id": 1, "code": "SP2024002", "name": "冬季保暖棉鞋", "description": "加絨", "category": "鞋靴",
         "cost_cents": 12000, "supplier": "義烏鞋廠", "attributes": '{"材質": "棉"}',
         "variants": '[["40碼", 25900, 10]]', "findings": "[]", "status": "approved", "applied_by": "clerk",
         "applied_at": AT, "decided_by": "owner", "decided_at": AT, "reason": ""},
    ],
    "banned_words": [
        {"language": "zh_CN", "word": "最便宜"},
    ],
    "slow_treatments": [
        {"id": 1, "product_id": 2, "treatment": "discount", "note": "八折", "staff": "owner", "at": AT, "day": DAY},
    ],
    "delisting_applications": [
        {"id": 1, "product_id": 2, "reason": "滯銷", "supplier_action": "return", "units": 5, "status": "applied",
         "applied_by": "clerk", "applied_at": AT, "decided_by": None, "decided_at": None, "decision_note": ""},
    ],
    "product_targets": [
        {"id": 1, "product_id": 1, "applies_from": DAY, "units": 20, "conversion_bp": 350, "add_to_cart_bp": 1200,
         "stock": 60, "set_by": "owner", "set_at": AT},
    ],
    "product_traffic_daily": [
        {"day": DAY, "product_id": 1, "visitors": 50, "add_to_cart": 6, "import_id": 1},
    ],
    "stock_reservations": [
        {"id": 1, "product_id": 1, "campaign": "雙十二", "starts_on": "2026-12-10", "ends_on": "2026-12-12",
         "units": 30, "created_by": "owner", "created_at": AT, "cancelled_by": None, "cancelled_at": None},
    ],
}

#: The audit rows: who, action, entity and its id.
AUDIT = [
    (None, "system", "staff.added", "staff", 1),
    (1, "owner", "staff.added", "staff", 2),
    (1, "owner", "staff.login", "staff", 1),
    (1, "owner", "product.added", "products", 1),
    (1, "owner", "order.added", "orders", 1),
]


def tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The store's own tables (not SQLite's) and their columns."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')] for name in names}


def fill(conn: sqlite3.Connection, version: int) -> None:
    """Insert :data:`ROWS` and the audit rows into a store at ``version``, in one transaction."""
    present = tables(conn)
    if missing := set(present) - set(ROWS) - {"audit_log"}:
        raise SystemExit(f"no representative rows for {sorted(missing)}: add them to ROWS")
    conn.execute("BEGIN IMMEDIATE")
    for table, rows in ROWS.items():
        columns = present.get(table)
        if columns is None:
            continue  # a table of a later version
        for row in rows:
            if unknown := set(columns) - set(row):
                raise SystemExit(f"{table}: no representative value for {sorted(unknown)}: add it to ROWS")
            values = {c: v for c, v in row.items() if c in columns}
            conn.execute(f'INSERT INTO "{table}" ({", ".join(values)}) VALUES ({", ".join("?" * len(values))})',
                         list(values.values()))
    conn.execute("INSERT INTO settings VALUES ('store.name', ?, ?)", (f'"第{version}版小店"', AT))
    fixed = dt.datetime.fromisoformat(AT)
    with mock.patch.object(audit, "now", lambda tz: fixed):
        for staff_id, name, action, entity, entity_id in AUDIT:
            audit.record(conn, audit.Actor(staff_id, name), action, entity, entity_id, after={"version": version})
    conn.execute("COMMIT")


def build(version: int, out: Path) -> None:
    """Write the fixture of ``version`` to ``out`` (replacing it)."""
    out.unlink(missing_ok=True)
    conn = sqlite3.connect(out, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate.apply(conn, target=version)
        fill(conn, version)
        if problems := conn.execute("PRAGMA foreign_key_check").fetchall():
            raise SystemExit(f"v{version}: rows point to missing ones: {problems}")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


if __name__ == "__main__":
    versions = [int(a) for a in sys.argv[1:]] or [
        v for v in range(1, migrate.LATEST + 1) if not (HERE / f"v{v}.sqlite").exists()]
    for v in versions:
        build(v, HERE / f"v{v}.sqlite")
        print(HERE / f"v{v}.sqlite", (HERE / f"v{v}.sqlite").stat().st_size)
