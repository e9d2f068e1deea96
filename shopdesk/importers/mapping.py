"""Column mappings, kept as data: one per platform export.

A mapping (``mappings/*.json``, or saved by a user in the store) names the
export, its kind (orders, products, traffic, returns, or a table of a
multi-table export), the header aliases of each field in every language, the
fields required, and how platform statuses map onto the order flow. A new
platform is a new mapping, not new code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shopdesk.domain.orders import ORDER_STATUSES

MAPPINGS_DIR = Path(__file__).with_name("mappings")

ORDER_FIELDS = ("order_no", "created_at", "paid_at", "shipped_at", "delivered_at", "cancelled_at", "status",
                "customer_id", "customer_name", "total", "goods", "discount", "shipping", "refund", "currency",
                "carrier", "tracking_no", "channel", "region")
LINE_FIELDS = ("sku", "title", "quantity", "unit_price", "line_total", "line_discount", "attributes")
PRODUCT_FIELDS = ("external_id", "code", "name", "spec", "category", "category1", "category2", "category3", "price",
                  "sale_price", "cost", "stock", "stock_tracked", "safety_stock", "supplier", "parent", "product_type")
TRAFFIC_FIELDS = ("day", "visitors", "page_views", "add_to_cart", "impressions", "clicks", "channel")
RETURN_FIELDS = ("order_no", "sku", "quantity", "refund", "reason", "kind", "opened_at")
KINDS = ("orders", "products", "traffic", "returns", "olist", "behaviour")


def normalise_header(text: str) -> str:
    """Headers compare without case, spaces, BOMs and punctuation noise."""
    return re.sub(r"[\s\ufeff_\-:：()（）]+", "", text).casefold()


@dataclass
class Mapping:
    """One export format."""

    name: str
    label: str
    platform: str
    kind: str
    columns: dict[str, list[str]]
    required: list[str]
    table: str = ""  # for multi-table exports: which table this is
    statuses: dict[str, str] = field(default_factory=dict)
    paid_statuses: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)

    def resolve(self, header: list[str]) -> dict[str, int]:
        """Field → column index for the fields this header has."""
        index = {normalise_header(h): i for i, h in reversed(list(enumerate(header)))}
        found = {}
        for fieldname, aliases in self.columns.items():
            for alias in aliases:
                i = index.get(normalise_header(alias))
                if i is not None:
                    found[fieldname] = i
                    break
        return found

    def resolve_all(self, header: list[str], fieldname: str) -> list[int]:
        """Every column of ``header`` that one of ``fieldname``'s aliases names (for joined fields)."""
        index = {normalise_header(h): i for i, h in reversed(list(enumerate(header)))}
        found = [index.get(normalise_header(alias)) for alias in self.columns.get(fieldname, [])]
        return [i for i in found if i is not None]

    def fits(self, header: list[str]) -> bool:
        """Whether every required field has a column."""
        return not self.missing(header)

    def missing(self, header: list[str]) -> list[str]:
        """The required fields ``header`` has no column for."""
        found = self.resolve(header)
        return [f for f in self.required if f not in found]

    def to_json(self) -> str:
        """The mapping as the JSON it is stored as."""
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        """A mapping from its JSON form; raises ValueError when malformed."""
        try:
            mapping = cls(**data)
        except TypeError as exc:
            raise ValueError(str(exc)) from None
        if mapping.kind not in KINDS:
            raise ValueError(f"unknown kind {mapping.kind!r}")
        missing = [f for f in mapping.required if f not in mapping.columns]
        if missing:
            raise ValueError(f"required fields without columns: {missing}")
        unknown = sorted({s for s in mapping.statuses.values() if s not in ORDER_STATUSES})
        if unknown:
            raise ValueError(f"statuses outside the order flow: {unknown}")
        return mapping


def builtin_mappings() -> list[Mapping]:
    """The mappings shipped with ShopDesk."""
    return [Mapping.from_dict(json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(MAPPINGS_DIR.glob("*.json"))]


def detect(header: list[str], mappings: list[Mapping]) -> Mapping | None:
    """The mapping that fits ``header`` best: all required fields, then most columns matched."""
    best, best_score = None, (-1, -1)
    for mapping in mappings:
        found = mapping.resolve(header)
        if not all(f in found for f in mapping.required):
            continue
        score = (len(found), len(mapping.required))
        if score > best_score:
            best, best_score = mapping, score
    return best


def by_name(name: str, mappings: list[Mapping]) -> Mapping | None:
    """The mapping called ``name``, or ``None``."""
    return next((m for m in mappings if m.name == name), None)


def load_file(path: Path) -> Mapping:
    """A mapping from a JSON file (``--mapping FILE``)."""
    return Mapping.from_dict(json.loads(path.read_text(encoding="utf-8")))
