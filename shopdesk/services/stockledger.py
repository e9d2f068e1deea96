"""Posting to the stock ledger (SPEC §4): receipts, returns, adjustments and stock-takes, each a movement
with staff, time and reason; stock on hand is their sum and is never edited. A large adjustment is an
abnormal operation: audited as such and reported back."""

from __future__ import annotations

from dataclasses import dataclass

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.roles import Permission
from shopdesk.domain.stock import MANUAL_KINDS, TREATMENTS, Difference, is_abnormal
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.session import Session
from shopdesk.store import audit, settings
from shopdesk.store import stock as ledger


@dataclass(frozen=True)
class Posted:
    """What a posting did: the movements written and those that were abnormally large."""

    movements: int
    abnormal: list[tuple[str, int]]  # (code, quantity)


def require_products(session: Session, codes: list[str]) -> dict[str, int]:
    """Code → id of ``codes``; InvalidValue naming the codes no product has."""
    found = ledger.product_ids(session.store.conn, codes)
    missing = [c for c in codes if c not in found]
    if missing:
        raise errors.InvalidValue(field=Lazy(N_("Product")), reason=_("There is no product {code}.").format(
            code=", ".join(missing[:5])))
    return found


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise errors.InvalidValue(field=Lazy(N_("Reason")), reason=_("It cannot be empty."))
    return text


def post_movement(session: Session, code: str, kind: str, quantity: int, reason: str, ref: str = "") -> Posted:
    """A receipt, return or adjustment of ``quantity`` units (an adjustment may be negative).

    Raises:
        InvalidValue: unknown product or kind, zero units, a negative receipt or return, no reason.
    """
    session.require(Permission.MANAGE_STOCK)
    if kind not in MANUAL_KINDS:
        raise errors.InvalidValue(field=Lazy(N_("Kind")), reason=_("'{value}' is not one of {known}.").format(
            value=kind, known=", ".join(MANUAL_KINDS)))
    if quantity == 0 or (kind != "adjustment" and quantity < 0):
        raise errors.InvalidValue(field=Lazy(N_("Quantity")), reason=_("'{value}' is not a quantity to post.").format(
            value=quantity))
    text = _reason(reason)
    product_id = require_products(session, [code])[code]
    large = int(settings.get(session.store.conn, "stock.large_adjustment"))
    abnormal = [(code, quantity)] if kind == "adjustment" and is_abnormal(quantity, large) else []
    with session.store.transaction() as conn:
        movement = ledger.post(conn, product_id, kind, quantity, iso(now(session.timezone)), ref, session.username,
                               text)
        audit.record(conn, session.actor, "stock.posted", "product", code, None,
                     {"kind": kind, "quantity": quantity, "reason": text, "movement": movement}, tz=session.timezone)
        for item, qty in abnormal:
            audit.record(conn, session.actor, "stock.abnormal", "product", item, None,
                         {"kind": kind, "quantity": qty, "reason": text, "limit": large}, tz=session.timezone)
    return Posted(1, abnormal)


def stock_take(session: Session, counts: dict[str, int], reason: str) -> tuple[list[Difference], Posted]:
    """A stock-take: each product counted gets a movement of the difference to the ledger (none when it
    matches); all products at once or none.

    Raises:
        InvalidValue: an unknown product, a negative count, no reason.
    """
    session.require(Permission.MANAGE_STOCK)
    text = _reason(reason)
    bad = [c for c, n in counts.items() if n < 0]
    if bad:
        raise errors.InvalidValue(field=Lazy(N_("Counted")), reason=_("A count cannot be negative ({code}).").format(
            code=bad[0]))
    ids = require_products(session, list(counts))
    conn = session.store.conn
    large = int(settings.get(conn, "stock.large_adjustment"))
    differences = [Difference(code, ledger.on_hand(conn, ids[code]), counted) for code, counted in counts.items()]
    stamp = iso(now(session.timezone))
    abnormal = [(d.code, d.difference) for d in differences if d.difference and is_abnormal(d.difference, large)]
    written = 0
    with session.store.transaction():
        for d in differences:
            if d.difference:
                ledger.post(conn, ids[d.code], "stocktake", d.difference, stamp, "stocktake", session.username, text)
                written += 1
            else:
                ledger.mark_tracked(conn, ids[d.code])  # counted: its stock is known from now on
        audit.record(conn, session.actor, "stock.counted", "stocktake", stamp[:10], None,
                     {"products": len(differences), "movements": written, "reason": text}, tz=session.timezone)
        for code, qty in abnormal:
            audit.record(conn, session.actor, "stock.abnormal", "product", code, None,
                         {"kind": "stocktake", "quantity": qty, "reason": text, "limit": large}, tz=session.timezone)
    return differences, Posted(written, abnormal)


def record_treatment(session: Session, code: str, treatment: str, note: str = "") -> None:
    """Record how a slow-moving product is treated (discount, bundle, clearance); its stage follows.

    Raises:
        InvalidValue: an unknown product or treatment.
    """
    session.require(Permission.MANAGE_PRODUCTS)
    if treatment not in TREATMENTS:
        raise errors.InvalidValue(field=Lazy(N_("Treatment")), reason=_("'{value}' is not one of {known}.").format(
            value=treatment, known=", ".join(TREATMENTS)))
    product_id = require_products(session, [code])[code]
    with session.store.transaction() as conn:
        ledger.add_treatment(conn, product_id, treatment, note.strip(), session.username, iso(now(session.timezone)))
        audit.record(conn, session.actor, "product.treated", "product", code, None,
                     {"treatment": treatment, "note": note.strip()}, tz=session.timezone)
