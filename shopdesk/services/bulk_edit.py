"""Bulk edits of the catalog (SPEC §3, §8): a preview of what each product's value becomes, then the same
change written for all of them in one transaction, audited; a price changed for more than one product at
once is an abnormal operation (SPEC §8) and is audited as such."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from shopdesk.domain import errors
from shopdesk.domain.bulk_edit import MODES, BadChange, Change, basis_points, new_value
from shopdesk.domain.clock import iso, now
from shopdesk.domain.money import to_minor
from shopdesk.domain.paging import Query
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import CODED_CELL_LABELS
from shopdesk.i18n import N_, Lazy, _, formatting
from shopdesk.services.session import Session
from shopdesk.store import audit
from shopdesk.store import bulk_edit as store
from shopdesk.store import paging as rows_of

FIELD_LABELS = {"price": N_("Price"), "cost": N_("Cost"), "safety_stock": N_("Safety stock"),
                "supplier": N_("Supplier"), "owner": N_("Person in charge"), "stage": N_("Stage"), "category": N_("Category"),
                "commission": N_("Platform commission"), "fulfilment": N_("Fulfilment cost per unit"),
                "ad_spend": N_("Ad spend share")}
#: Fields only roles that may see costs and profit change (SPEC §8).
SENSITIVE_FIELDS = ("cost", "supplier", "commission", "fulfilment", "ad_spend")


@dataclass(frozen=True)
class PreviewRow:
    """One product of a bulk edit: its value now and after, or why it cannot be changed."""

    product_id: int
    code: str
    name: str
    before: Any
    after: Any
    problem: str = ""

    @property
    def changes(self) -> bool:
        return not self.problem and self.before != self.after


@dataclass(frozen=True)
class Applied:
    """What a bulk edit wrote."""

    changed: int
    abnormal: bool  # a bulk price change, audited as an abnormal operation


def _require(session: Session, field: str) -> None:
    session.require(Permission.MANAGE_PRODUCTS)
    if field in SENSITIVE_FIELDS:
        session.require(Permission.VIEW_SENSITIVE)


def parse_change(session: Session, field: str, mode: str, text: str) -> Change:
    """A change from what the user typed: an amount for money, a percentage (``-10`` or ``-10%``), whole
    units, a supplier's name, a staff username (blank: no owner), a stage code, or a category path
    ``A / B / C``.

    Raises:
        InvalidValue: naming the field and why the text is refused.
    """
    label = Lazy(FIELD_LABELS.get(field, N_("Field")))
    if mode not in MODES.get(field, ()):
        raise errors.InvalidValue(field=label, reason=_("'{value}' is not one of {known}.").format(
            value=mode, known=", ".join(MODES.get(field, ()))))
    conn = session.store.conn
    raw = text.strip()
    try:
        if mode == "percent":
            value: Any = Decimal(raw.removesuffix("%").strip())
            if not value.is_finite() or value <= -100:
                raise InvalidOperation
        elif field in ("price", "cost", "fulfilment"):
            value = None if field != "price" and not raw else to_minor(raw, session.currency)
        elif field in ("commission", "ad_spend"):
            value = basis_points(raw) if raw else None
        elif field == "safety_stock":
            value = int(raw)
        elif field == "supplier":
            value = store.supplier_id(conn, raw) if raw else None
            if raw and value is None:
                raise errors.InvalidValue(field=label, reason=_("There is no supplier {name}.").format(name=raw))
        elif field == "owner":
            value = store.active_staff_id(conn, raw) if raw else None
            if raw and value is None:
                raise errors.InvalidValue(field=label, reason=_("There is no active account {name}.").format(name=raw))
        elif field == "category":
            value = tuple(part.strip() for part in raw.split("/"))
            if len(value) > 3:
                raise InvalidOperation
        else:
            value = raw
    except (InvalidOperation, ValueError, ArithmeticError):
        raise errors.InvalidValue(field=label, reason=_("'{value}' cannot be used for this change.").format(
            value=text)) from None
    return Change(field, mode, value)


def codes_shown(session: Session, query: Query) -> list[str]:
    """The codes of every product a product query shows (for "all the products shown")."""
    session.require(Permission.VIEW_PRODUCTS)
    keys = list(rows_of.columns(query))
    at = keys.index("code")
    return [row[at] for rows in rows_of.stream(session.store.conn, query) for row in rows]


def preview(session: Session, codes: list[str], change: Change) -> list[PreviewRow]:
    """What each product's value becomes (nothing is written)."""
    _require(session, change.field)
    out = []
    for pid, code, name, before in store.current(session.store.conn, codes, change.field):
        try:
            out.append(PreviewRow(pid, code, name, before, new_value(change, before)))
        except BadChange as exc:
            out.append(PreviewRow(pid, code, name, before, before, _(str(exc))))
    return out


def apply(session: Session, codes: list[str], change: Change) -> Applied:
    """Write the change for every product among ``codes`` it changes, all or none.

    Raises:
        InvalidValue: a product the change cannot be applied to (named; nothing is written).
    """
    _require(session, change.field)
    rows = preview(session, codes, change)
    refused = [r for r in rows if r.problem]
    if refused:
        raise errors.InvalidValue(field=Lazy(FIELD_LABELS[change.field]),
                                  reason=f"{refused[0].code}: {refused[0].problem}")
    changed = [r for r in rows if r.changes]
    abnormal = change.field == "price" and len(changed) > 1
    stamp = iso(now(session.timezone))
    with session.store.transaction() as conn:
        store.write(conn, change.field, [(r.product_id, r.after) for r in changed], stamp)
        if changed:
            audit.record(conn, session.actor, "product.bulk_edit", "product",
                         changed[0].code if len(changed) == 1 else f"{len(changed)} products",
                         {r.code: _plain(r.before) for r in changed}, {r.code: _plain(r.after) for r in changed},
                         tz=session.timezone)
        if abnormal:
            audit.record(conn, session.actor, "price.abnormal", "product", f"{len(changed)} products", None,
                         {"mode": change.mode, "value": str(change.value), "products": len(changed)},
                         tz=session.timezone)
    return Applied(len(changed), abnormal)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def value_text(session: Session, field: str, value: Any) -> str:
    """A value of ``field`` as the preview shows it."""
    if field in ("price", "cost"):
        return "—" if value is None else formatting.money(value, session.currency)
    if field in ("commission", "ad_spend", "fulfilment") and value is None:
        return _("store setting")
    if field == "fulfilment":
        return formatting.money(value, session.currency)
    if field in ("commission", "ad_spend"):
        return formatting.percent(value / 10000, 2)
    if field == "safety_stock":
        return formatting.number(value)
    if field == "supplier":
        return store.supplier_names(session.store.conn).get(value, "—") if value else "—"
    if field == "owner":
        return store.staff_names(session.store.conn).get(value, "—") if value else "—"
    if field == "stage":
        return _(CODED_CELL_LABELS.get(value, value))
    if field == "category":
        return " / ".join(part for part in value if part) or "—"
    return str(value)


