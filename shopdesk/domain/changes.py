"""What a write changed: the kinds of data views watch, read off the audit rows it wrote.

Every change the store makes is audited in its own transaction, so the actions of the audit rows a
transaction wrote say what it changed (the model is Anki's ``OpChanges``). A view declares the kinds
it shows and reads again only when one of them changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Change(StrEnum):
    """A kind of data a view can watch."""

    ORDERS = "orders"
    PRODUCTS = "products"
    STOCK = "stock"
    PURCHASES = "purchases"
    SUPPLIERS = "suppliers"
    LISTINGS = "listings"
    TRAFFIC = "traffic"
    TARGETS = "targets"
    ANOMALIES = "anomalies"
    TASKS = "tasks"
    MEETINGS = "meetings"
    CONFIRMATIONS = "confirmations"
    IMPORTS = "imports"
    SETTINGS = "settings"
    STAFF = "staff"
    AUDIT = "audit"


Changes = frozenset[Change]

#: Every kind: what a restore, a new demo store or View → Refresh stands for.
EVERYTHING: Changes = frozenset(Change)
#: What an import (or its undo) may change: the data a shop platform exports, and all that is read off it.
_IMPORTED = frozenset({Change.ORDERS, Change.PRODUCTS, Change.STOCK, Change.TRAFFIC, Change.IMPORTS,
                       Change.CONFIRMATIONS, Change.ANOMALIES})

#: Audit action (or its prefix before the dot) → the kinds it changes. An action not named here changes
#: what its prefix names; every write changes the audit log itself.
_BY_ACTION: dict[str, Changes] = {
    "order": frozenset({Change.ORDERS}),
    "stock": frozenset({Change.STOCK}),
    "stock.abnormal": frozenset({Change.STOCK, Change.ANOMALIES}),
    "purchase": frozenset({Change.PURCHASES, Change.STOCK}),
    "supplier": frozenset({Change.SUPPLIERS}),
    "product": frozenset({Change.PRODUCTS}),
    "product.weekly_targets": frozenset({Change.PRODUCTS, Change.TARGETS}),
    "price.abnormal": frozenset({Change.PRODUCTS, Change.ANOMALIES}),
    "listing": frozenset({Change.LISTINGS, Change.PRODUCTS}),
    "listing.banned_words": frozenset({Change.LISTINGS, Change.SETTINGS}),
    "delisting": frozenset({Change.PRODUCTS}),
    "traffic": frozenset({Change.TRAFFIC}),
    "target": frozenset({Change.TARGETS}),
    "anomaly": frozenset({Change.ANOMALIES}),
    "anomalies": frozenset({Change.ANOMALIES}),
    "task": frozenset({Change.TASKS}),
    "meeting": frozenset({Change.MEETINGS}),
    "day": frozenset({Change.CONFIRMATIONS}),
    "import": _IMPORTED,
    "mapping": frozenset({Change.IMPORTS}),
    "setting": frozenset({Change.SETTINGS}),
    "staff": frozenset({Change.STAFF}),
    "staff.login": frozenset(),
    "store": EVERYTHING,
}


def changes_of(actions: Iterable[str]) -> Changes:
    """The kinds of data changed by a transaction that wrote audit rows with ``actions``; an unknown action
    stands for every kind (a view reading again needlessly is better than one showing old figures)."""
    found: set[Change] = set()
    for action in actions:
        kinds = _BY_ACTION.get(action)
        if kinds is None:
            kinds = _BY_ACTION.get(action.split(".", 1)[0], EVERYTHING)
        found |= kinds
        found.add(Change.AUDIT)
    return frozenset(found)
