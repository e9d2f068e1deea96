"""Delisting (退市管理), SPEC §3: an application with a reason and the supplier's return or exchange of the
stock; a different account with the right to approve decides; approval delists the product and posts the
units returned to the supplier to the stock ledger."""

from __future__ import annotations

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.roles import Permission
from shopdesk.domain.vocabularies import SUPPLIER_ACTIONS
from shopdesk.i18n import N_, Lazy, _
from shopdesk.services.listing import waiting_for
from shopdesk.services.session import Session
from shopdesk.services.stockledger import require_products
from shopdesk.store import audit
from shopdesk.store import delisting as store
from shopdesk.store import stock as ledger


def apply(session: Session, code: str, reason: str, supplier_action: str = "none", units: int = 0) -> int:
    """Apply to delist ``code``; ``units`` go back to the supplier on a return (or are exchanged)."""
    session.require(Permission.MANAGE_PRODUCTS)
    if not reason.strip():
        raise errors.InvalidValue(field=Lazy(N_("Reason")), reason=_("It cannot be empty."))
    if supplier_action not in SUPPLIER_ACTIONS or units < 0 or (supplier_action == "none" and units):
        raise errors.InvalidValue(field=Lazy(N_("Supplier")), reason=_("'{value}' is not one of {known}.").format(
            value=f"{supplier_action} {units}", known=", ".join(SUPPLIER_ACTIONS)))
    product_id = require_products(session, [code])[code]
    with session.store.transaction() as conn:
        application_id = store.add(conn, product_id, reason.strip(), supplier_action, units, session.username,
                                   iso(now(session.timezone)))
        audit.record(conn, session.actor, "delisting.applied", "product", code, None,
                     {"reason": reason.strip(), "supplier_action": supplier_action, "units": units},
                     tz=session.timezone)
    return application_id


def _waiting(session: Session, application_id: int) -> dict:
    session.require(Permission.APPROVE)
    return waiting_for(session, application_id, store.get(session.store.conn, application_id))


def decide(session: Session, application_id: int, approve: bool, note: str = "") -> None:
    """Approve (the product is delisted; a return's units leave the stock) or reject with a note."""
    row = _waiting(session, application_id)
    if not approve and not note.strip():
        raise errors.InvalidValue(field=Lazy(N_("Reason")), reason=_("It cannot be empty."))
    conn = session.store.conn
    stamp = iso(now(session.timezone))
    with session.store.transaction():
        if approve:
            store.delist(conn, row["product_id"], stamp)
            if row["supplier_action"] == "return" and row["units"]:
                ledger.post(conn, row["product_id"], "adjustment", -row["units"], stamp, f"delisting {application_id}",
                            session.username, _("returned to the supplier"))
        store.decide(conn, application_id, "approved" if approve else "rejected", session.username, stamp,
                     note.strip())
        audit.record(conn, session.actor, "delisting.approved" if approve else "delisting.rejected", "product",
                     row["code"], None, {"application": application_id, "note": note.strip()}, tz=session.timezone)


def applications(session: Session, first: str = "", last: str = "9999") -> list[dict]:
    """Delisting applications made in the days given (all by default); the product's supplier masked for roles
    that may not see suppliers."""
    from shopdesk.services.masking import masked
    session.require(Permission.VIEW_PRODUCTS)
    return masked(session, store.listing(session.store.conn, first, last), ("supplier",))
