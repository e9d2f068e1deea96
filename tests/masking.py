"""A demo store with supplier details, a cost and a profit that cannot be mistaken for anything else, and what
each role may not see of them (SPEC §8): shared by the command-line and the window tests of the mask."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from shopdesk.domain.money import from_minor
from shopdesk.domain.roles import MASK, Permission, Role, allows
from shopdesk.i18n import formatting, set_language

PASSWORD = "demo1234"
#: The demo's account of each role.
USERS = {Role.OWNER: "owner", Role.ADMIN: "admin", Role.MANAGER: "manager", Role.OPERATIONS: "operations",
         Role.MERCHANDISE: "merchandise", Role.CUSTOMER_SERVICE: "service", Role.WAREHOUSE: "warehouse",
         Role.FINANCE: "finance"}
MOQ = 4817  # a minimum order no other figure of the demo has
COST_CENTS = 987654  # ¥9,876.54
#: Keys of the JSON the commands print whose values are sensitive wherever they appear.
SENSITIVE_KEYS = frozenset({"supplier", "min_order_qty", "payment_terms", "price_index", "cost_cents", "cost",
                            "profit_cents", "commission_bp", "fulfilment_cents", "ad_spend_bp"})


@dataclass
class Hidden:
    """What a role without the right to see costs, suppliers and profit must never be shown."""

    path: Path
    as_of: dt.date
    texts: list[str]  # supplier names, codes, contacts, phones, payment terms, the minimum order, the cost, profits
    price_indexes: list[str]  # each supplier's price index as the list and the CLI print it
    costed: str  # the code of the product given the distinctive cost
    profits: list[str]  # that product's profit as the Products tab and the CLI print it

    def found(self, text: str) -> list[str]:
        """The hidden values that occur in ``text``."""
        return [value for value in self.texts if value in text]


def sees(role: Role) -> bool:
    """Whether the role may see costs, suppliers and profit."""
    return allows(role, Permission.VIEW_SENSITIVE)


def build(template: Path, folder: Path) -> Hidden:
    """A copy of the demo in ``folder`` with a distinctive minimum order and cost, a replenishment order and a
    delisting application naming a supplier; and the values to look for."""
    from shopdesk.services import bulk_edit, delisting, stock
    from shopdesk.services.products import profits
    from shopdesk.services.session import login
    from shopdesk.services.suppliers import scorecards, set_terms
    from shopdesk.store import purchasing, staff
    from shopdesk.store import suppliers as sums
    from shopdesk.store.opening import open_store
    path = folder / "demo.sqlite"
    shutil.copy(template, path)
    store = open_store(path, daily_backup=False)
    try:
        owner = login(store, "owner", PASSWORD)
        conn = store.conn
        day = stock.default_day(owner)
        suggested = {r.supplier for r in stock.replenishment(owner, day)}
        terms = sums.terms(conn)
        quiet = [t for t in terms if t["name"] not in suggested]  # no suggestion: its minimum order shows nowhere
        set_terms(owner, quiet[0]["name"], min_order_qty=MOQ)
        costed = conn.execute("SELECT p.code FROM products p JOIN order_lines l ON l.product_id = p.id "
                              "WHERE p.supplier_id = ? GROUP BY p.code ORDER BY COUNT(*) DESC LIMIT 1",
                              (quiet[0]["id"],)).fetchone()[0]
        bulk_edit.apply(owner, [costed], bulk_edit.parse_change(owner, "cost", "set", str(from_minor(COST_CENTS,
                                                                                                   owner.currency))))
        other = quiet[1]
        product_id, code = conn.execute("SELECT id, code FROM products WHERE supplier_id = ? ORDER BY code LIMIT 1",
                                        (other["id"],)).fetchone()
        with store.transaction():
            purchasing.create(conn, other["id"], [(product_id, 30)], f"{day.isoformat()}T10:00:00+08:00", "owner",
                              (day + dt.timedelta(days=7)).isoformat())
        delisting.apply(login(store, USERS[Role.MERCHANDISE], PASSWORD), code, "seasonal", "return", 1)
        assert staff.by_name(conn, "operations").role == Role.OPERATIONS
        texts = []
        for t in sums.terms(conn):
            texts += [t["name"], t["code"], t["contact"], t["phone"]]
            texts += [t["payment_terms"]] if t["payment_terms"] else []
        texts += [str(MOQ), f"{MOQ:,}"]
        for language in ("en", "zh_CN", "zh_TW"):
            set_language(language)
            texts += [formatting.number(MOQ), formatting.money(COST_CENTS, owner.currency)]
        set_language("en")
        cost = from_minor(COST_CENTS, owner.currency)
        texts += [f"{cost}", f"{cost:,}"]
        profit = []
        for p in profits(owner, day):
            if p.code == costed and p.profit_cents is not None:
                amount = from_minor(p.profit_cents, owner.currency)
                profit += [f"{amount:,}", str(amount), formatting.money(p.profit_cents, owner.currency)]
        assert profit, "the costed product sold in the profit window"
        texts += profit
        indexes = sorted({f"{c.price_index:.2f}" for c in scorecards(owner, day) if c.price_index is not None})
        return Hidden(path, day, sorted(set(texts)), indexes, costed, profit)
    finally:
        store.close()


def sensitive_json(value, key: str = "") -> list:
    """The values under sensitive keys of a JSON document that are not masked."""
    if isinstance(value, dict):
        return [v for k, item in value.items() for v in sensitive_json(item, k)]
    if isinstance(value, list):
        return [v for item in value for v in sensitive_json(item, key)]
    return [value] if key in SENSITIVE_KEYS and value != MASK else []


def unmasked_price_indexes(text: str) -> list[str]:
    """Price indexes printed as figures rather than the mask (``price 0.69`` on the command line)."""
    return re.findall(r"price (\d+\.\d\d)", text)

