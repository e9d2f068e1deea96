"""The one rule that hides cost prices, supplier details and profit (SPEC §8).

Every service that returns such a figure passes its result through :func:`masked` with the names of the
fields that carry it; a role without :attr:`Permission.VIEW_SENSITIVE` gets each of those fields replaced by
:data:`shopdesk.domain.roles.MASK`, so the tabs, the printed lists, exports and ``shopdesk … --json`` only
format what they are given and cannot show more. Unknown values are masked too: a role without the right
does not learn whether a product has a supplier or a cost.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any, TypeVar, cast, overload

from shopdesk.domain.roles import MASK, Permission
from shopdesk.services.session import Session

T = TypeVar("T")

#: Supplier details: the supplier's name and its terms of trade (minimum order, payment terms).
SUPPLIER_FIELDS = ("supplier", "min_order_qty", "payment_terms")
#: A product's own cost and the cost-based terms of its profit.
COST_FIELDS = ("cost_cents", "commission_bp", "fulfilment_cents", "ad_spend_bp")
#: Keys of audited changes that carry a sensitive value.
AUDIT_KEYS = frozenset({"cost", "cost_cents", "supplier", "supplier_id", "commission", "commission_bp",
                        "fulfilment", "fulfilment_cents", "ad_spend", "ad_spend_bp", "min_order_qty",
                        "payment_terms"})
#: Audit actions whose values are all masked: a supplier's terms, and a bulk edit (its record does not
#: name the field it changed, which may be the cost or the supplier).
SENSITIVE_ACTIONS = frozenset({"supplier.terms", "product.bulk_edit"})


def may_see(session: Session) -> bool:
    """Whether the session's account sees cost prices, supplier details and profit."""
    return session.can(Permission.VIEW_SENSITIVE)


def _mask_one(item: T, fields: tuple[str, ...]) -> T:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.replace(item, **{f: MASK for f in fields if hasattr(item, f)})
    if isinstance(item, dict):
        return cast(T, {**item, **{f: MASK for f in fields if f in item}})  # T is this dict's type: a copy is one too
    raise TypeError(f"cannot mask a {type(item).__name__}")


@overload
def masked(session: Session, items: list[T], fields: Iterable[str]) -> list[T]: ...
@overload
def masked(session: Session, items: T, fields: Iterable[str]) -> T: ...


def masked(session: Session, items: Any, fields: Iterable[str]) -> Any:
    """``items`` (a dataclass, a dict, or a list of them) with ``fields`` replaced by MASK when the session
    may not see sensitive figures; unchanged otherwise."""
    if may_see(session):
        return items
    names = tuple(fields)
    if isinstance(items, list):
        return [_mask_one(item, names) for item in items]
    return _mask_one(items, names)


def _mask_json(text: str | None, everything: bool) -> str | None:
    if not text:
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return MASK if everything else text

    def walk(v, hide: bool):
        if isinstance(v, dict):
            return {k: walk(val, hide or k in AUDIT_KEYS) for k, val in v.items()}
        if isinstance(v, list):
            return [walk(x, hide) for x in v]
        return MASK if hide else v
    return json.dumps(walk(value, everything), ensure_ascii=False)


def masked_audit(session: Session, rows: list[dict]) -> list[dict]:
    """Audit rows with the sensitive values of their before/after masked (a product's history is shown to
    everyone who sees the product)."""
    if may_see(session):
        return rows
    out = []
    for row in rows:
        everything = row.get("action") in SENSITIVE_ACTIONS
        out.append({**row, "before": _mask_json(row.get("before"), everything),
                    "after": _mask_json(row.get("after"), everything)})
    return out
