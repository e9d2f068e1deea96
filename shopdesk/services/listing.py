"""Listing applications (SPEC §3): a merchandise account applies with cost, price, supplier, description
and attributes; the pre-listing checks are shown and sent with it; a different account with the right to
approve approves (setting the safety stock; the products go live, stage "new") or rejects with a reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from shopdesk.domain import errors
from shopdesk.domain import listing as checks
from shopdesk.domain.clock import iso, now
from shopdesk.domain.listing import Finding, Variant
from shopdesk.domain.roles import Permission
from shopdesk.i18n import N_, Lazy, _, current_language
from shopdesk.services.session import Session
from shopdesk.store import audit, settings
from shopdesk.store import listing as store
from shopdesk.store import stock as ledger


@dataclass
class Application:
    """What an applicant fills in."""

    code: str
    name: str
    description: str = ""
    category: str = ""
    cost_cents: int | None = None
    supplier: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    variants: list[Variant] = field(default_factory=list)


def banned_words(session: Session, language: str | None = None) -> list[str]:
    """The banned words of ``language`` (the UI's by default): the store's list, else the shipped defaults."""
    lang = language or current_language()
    stored = store.banned_words(session.store.conn, lang)
    return stored or list(checks.DEFAULT_BANNED.get(lang, checks.DEFAULT_BANNED["en"]))


def set_banned_words(session: Session, language: str, words: list[str]) -> None:
    """Replace the banned words of a language (audited)."""
    session.require(Permission.EDIT_SETTINGS)
    clean = sorted({w.strip() for w in words if w.strip()})
    with session.store.transaction() as conn:
        before = store.banned_words(conn, language)
        store.set_banned_words(conn, language, clean)
        audit.record(conn, session.actor, "listing.banned_words", "setting", f"banned_words.{language}",
                     {"words": before}, {"words": clean}, tz=session.timezone)


def run_checks(session: Session, app: Application) -> list[Finding]:
    """The pre-listing checks of an application, against the banned words of every language."""
    words: list[str] = []
    for lang in ("zh_CN", "zh_TW", "en"):
        words += [w for w in banned_words(session, lang) if w not in words]
    limit = float(settings.get(session.store.conn, "listing.blank_attribute_rate"))
    return checks.check(app.name, app.description, app.attributes, app.variants, words, limit)


def apply(session: Session, app: Application) -> tuple[int, list[Finding]]:
    """Send an application with its checks; returns (its id, the findings).

    Raises:
        InvalidValue: no code or name, a code in use, no variant, a negative price or cost.
    """
    session.require(Permission.MANAGE_PRODUCTS)
    if not app.code.strip() or not app.name.strip():
        raise errors.InvalidValue(field=Lazy(N_("Product")), reason=_("a product needs a code and a name"))
    if store.code_taken(session.store.conn, app.code.strip()):
        raise errors.InvalidValue(field=Lazy(N_("Product code")), reason=_("{code} is already in use.").format(
            code=app.code.strip()))
    if not app.variants:
        raise errors.InvalidValue(field=Lazy(N_("Variants")), reason=_("An application needs at least one SKU."))
    if any(v.price_cents < 0 or v.stock < 0 for v in app.variants) or (app.cost_cents or 0) < 0:
        raise errors.InvalidValue(field=Lazy(N_("Price")), reason=_("It cannot be negative."))
    findings = run_checks(session, app)
    values = {"code": app.code.strip(), "name": app.name.strip(), "description": app.description,
              "category": app.category, "cost_cents": app.cost_cents, "supplier": app.supplier.strip(),
              "attributes": app.attributes, "variants": [[v.spec, v.price_cents, v.stock] for v in app.variants],
              "findings": [asdict(f) for f in findings], "applied_by": session.username,
              "applied_at": iso(now(session.timezone))}
    with session.store.transaction() as conn:
        application_id = store.add(conn, values)
        audit.record(conn, session.actor, "listing.applied", "listing", application_id, None,
                     {"code": values["code"], "findings": len(findings)}, tz=session.timezone)
    return application_id, findings


def applications(session: Session) -> list[dict]:
    """Every application, waiting ones first; the cost and supplier applied with masked for roles that may not
    see them."""
    from shopdesk.services.masking import masked
    session.require(Permission.VIEW_PRODUCTS)
    return masked(session, store.listing(session.store.conn), ("cost_cents", "supplier"))


def _waiting(session: Session, application_id: int) -> dict:
    session.require(Permission.APPROVE)
    return waiting_for(session, application_id, store.get(session.store.conn, application_id))


def waiting_for(session: Session, application_id: int, row: dict | None) -> dict:
    """``row``, an application still waiting, when ``session`` may decide on it (not the applicant);
    InvalidValue otherwise. Listing and delisting applications share the rule."""
    if row is None or row["status"] != "applied":
        raise errors.InvalidValue(field=Lazy(N_("Application")), reason=_(
            "There is no application {id} waiting for a decision.").format(id=application_id))
    if row["applied_by"].casefold() == session.username.casefold():
        raise errors.InvalidValue(field=Lazy(N_("Application")), reason=_(
            "{user} sent this application: a different account must decide on it.").format(user=session.username))
    return row


def may_decide(session: Session, row: dict | None) -> bool:
    """Whether ``session`` may approve or reject the application ``row`` (listing or delisting): it is
    waiting, the account has the right to approve and did not apply."""
    return (row is not None and row["status"] == "applied" and session.can(Permission.APPROVE)
            and row["applied_by"].casefold() != session.username.casefold())


def reject(session: Session, application_id: int, reason: str) -> None:
    """Reject an application with a reason (a different account from the applicant's)."""
    row = _waiting(session, application_id)
    if not reason.strip():
        raise errors.InvalidValue(field=Lazy(N_("Reason")), reason=_("It cannot be empty."))
    with session.store.transaction() as conn:
        store.decide(conn, application_id, "rejected", session.username, iso(now(session.timezone)), reason.strip())
        audit.record(conn, session.actor, "listing.rejected", "listing", application_id, None,
                     {"code": row["code"], "reason": reason.strip()}, tz=session.timezone)


def approve(session: Session, application_id: int, safety_stock: int | None = None) -> list[int]:
    """Approve an application: its SKUs go live as products (stage "new", listed now, the safety stock set
    here or the store's default), their stock counted in; returns the products' ids."""
    row = _waiting(session, application_id)
    conn = session.store.conn
    safety = safety_stock if safety_stock is not None else int(settings.get(conn, "stock.safety_default"))
    if safety < 0:
        raise errors.InvalidValue(field=Lazy(N_("Safety stock")), reason=_("It cannot be negative."))
    stamp = iso(now(session.timezone))
    created = []
    with session.store.transaction():
        supplier_id = store.supplier_id(conn, row["supplier"]) if row["supplier"] else None
        several = len(row["variants"]) > 1
        for spec, price, units in row["variants"]:
            code = f"{row['code']}/{spec}" if several else row["code"]
            product_id = store.add_listed_product(conn, {
                "code": code, "name": row["name"], "spec": spec, "category": row["category"],
                "cost_cents": row["cost_cents"], "price_cents": price, "supplier_id": supplier_id,
                "safety_stock": safety, "at": stamp, "variant_of": row["code"] if several else ""})
            if units:
                ledger.post(conn, product_id, "stocktake", units, stamp, f"listing {application_id}", session.username,
                            _("stock at listing"))
            created.append(product_id)
        store.decide(conn, application_id, "approved", session.username, stamp, "")
        audit.record(conn, session.actor, "listing.approved", "listing", application_id, None,
                     {"code": row["code"], "products": len(created), "safety_stock": safety}, tz=session.timezone)
    return created
