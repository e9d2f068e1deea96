"""Reading the audit log for the Audit tab and the per-person work report."""

from __future__ import annotations

import json
from dataclasses import dataclass

from shopdesk.domain import settings as decl
from shopdesk.domain.audit import ACTION_LABELS
from shopdesk.domain.roles import Permission, Role
from shopdesk.i18n import N_, _
from shopdesk.services.session import Session
from shopdesk.store import audit, staff

ENTITY_LABELS: dict[str, str] = {
    "store": N_("Store"),
    "setting": N_("Setting"),
    "staff": N_("Account"),
    "import": N_("Import"),
    "order": N_("Order"),
    "mapping": N_("Mapping"),
    "traffic": N_("Traffic"),
    "target": N_("Target"),
    "day": N_("Day"),
    "anomaly": N_("Anomaly"),
    "anomalies": N_("Anomalies"),
    "task": N_("Task"),
    "meeting": N_("Meeting"),
    "product": N_("Product"),
    "stocktake": N_("Stock-take"),
    "purchase_order": N_("Replenishment order"),
    "listing": N_("Listing application"),
}


#: The fields an audit row's before and after values name, as the audit log shows them.
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"), "username": N_("User name"), "role": N_("Role"), "active": N_("Account active"),
    "supplier": N_("Supplier"), "lines": N_("Lines"), "failed": N_("Failed the check"), "units": N_("Units"),
    "kind": N_("Kind"), "quantity": N_("Quantity"), "reason": N_("Reason"), "movement": N_("Movement number"),
    "limit": N_("Limit for a normal quantity"), "products": N_("Products"), "movements": N_("Movements written"),
    "treatment": N_("Treatment"),
    "note": N_("Note"), "title": N_("Task title"), "owner": N_("Owner"), "helpers": N_("Helpers"),
    "due_on": N_("Due on"), "anomaly": N_("Anomaly"), "meeting": N_("Meeting"), "status": N_("Status"),
    "new": N_("New anomalies"), "gone": N_("Anomalies gone"), "found": N_("Anomalies found"), "cause": N_("Cause"),
    "visitors": N_("Visitors"), "page_views": N_("Page views"), "add_to_cart": N_("Add-to-cart"),
    "impressions": N_("Impressions"), "clicks": N_("Clicks"), "words": N_("Banned words"), "code": N_("Product code"),
    "findings": N_("Check findings"), "safety_stock": N_("Safety stock"), "applies_from": N_("Applies from"),
    "targets": N_("Targets"), "lead_time_days": N_("Lead time (days)"), "min_order_qty": N_("Minimum order"),
    "payment_terms": N_("Payment terms"), "dropship": N_("Dropship"), "amount": N_("Amount"),
    "rate": N_("Target rate"), "weighting": N_("Weighting"), "from": N_("Restored from"),
    "replaced_kept_as": N_("Replaced store kept as"), "login_accounts_of": N_("Login checked against the accounts of"), "supplier_action": N_("Supplier action"),
    "application": N_("Application"), "mode": N_("Kind of change"), "value": N_("Value"), "campaign": N_("Campaign"),
    "starts_on": N_("Starts on"), "ends_on": N_("Ends on"), "reservation": N_("Reservation"), "seed": N_("Random seed"),
    "end_day": N_("Last day"), "orders": N_("Orders"), "order_lines": N_("Order lines"),
    "customers": N_("Customers"), "after_sales": N_("After-sales cases"), "stock_movements": N_("Stock movements"),
    "suppliers": N_("Suppliers"), "traffic_days": N_("Days of traffic"),
    "product_traffic_days": N_("Days of product traffic"), "day": N_("Day"), "prepared_by": N_("Prepared by"),
    "prepared_at": N_("Prepared at"), "confirmed_by": N_("Confirmed by"), "confirmed_at": N_("Confirmed at"),
    "reopened_at": N_("Reopened at"), "reopen_reason": N_("Reason for reopening"), "paid_at": N_("Payment time"),
    "total_cents": N_("Order amount (minor units)"), "import": N_("Import"), "files": N_("Files"),
    "platform": N_("Platform"), "orders_added": N_("Orders added"), "orders_updated": N_("Orders updated"),
    "rows_rejected": N_("Rows rejected"), "changes_reverted": N_("Changes reverted"),
    "orders_removed": N_("Orders removed"), "products_removed": N_("Products removed"), "minutes": N_("Minutes"),
    "attendees": N_("Attendees"), "columns": N_("Mapped columns"), "price": N_("Price"), "sale_price": N_("Sale price"),
    "cost": N_("Cost price"), "category": N_("Category"), "stock": N_("Stock on hand"),
}


def field_label(field: str) -> str:
    """An audit field in the current language (its own name when it has no label)."""
    label = FIELD_LABELS.get(field)
    return _(label) if label else field


@dataclass(frozen=True)
class AuditEntry:
    """One audit row as the UI shows it."""

    id: int
    at: str
    staff_name: str
    action: str
    entity: str
    entity_id: str | None
    before: str | None
    after: str | None
    entity_name: str | None = None  # the account's user name, for staff rows

    @property
    def action_label(self) -> str:
        """The action in the current language (its code when it has no label)."""
        label = ACTION_LABELS.get(self.action)
        return _(label) if label else self.action

    @property
    def before_text(self) -> str:
        """The value before the change, as "key: value" pairs."""
        return _describe(self.before)

    @property
    def after_text(self) -> str:
        """The value after the change, as "key: value" pairs."""
        return _describe(self.after)

    @property
    def object_label(self) -> str:
        """What was changed, in the current language: "Account amy", "Setting: Currency of all amounts"."""
        kind = _(ENTITY_LABELS[self.entity]) if self.entity in ENTITY_LABELS else self.entity
        if self.entity == "setting" and self.entity_id in decl.BY_KEY:
            return f"{kind}: {decl.BY_KEY[self.entity_id].describe()}"
        detail = self.entity_name or self.entity_id
        return f"{kind} {detail}" if detail else kind


def _describe(raw: str | None) -> str:
    if not raw:
        return ""
    value = json.loads(raw)
    if isinstance(value, dict) and set(value) == {"value"}:
        return str(value["value"])
    return _text(value)


def _text(value: object) -> str:
    """A value as "label: value" pairs, fields named in the current language (product codes stay as they are)."""
    if isinstance(value, dict):
        return " · ".join(_pair(key, _role(item) if key == "role" else _nested(item)) for key, item in value.items())
    return str(value)


def _pair(field: str, text: str) -> str:
    # Translators: a field of an audit row and its value, e.g. "Prepared by: amy" (a full-width colon in Chinese)
    return _("{field}: {value}").format(field=field_label(field), value=text)


def _role(value: object) -> str:
    return str(Role(value).label) if value in {r.value for r in Role} else _nested(value)


def _nested(value: object) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(_pair(key, _nested(item)) for key, item in value.items()) + ")"
    if isinstance(value, list):
        return ", ".join(_nested(item) for item in value)
    return "—" if value is None else str(value)


def audit_entries(session: Session, staff_id: int | None = None, limit: int = 5000) -> list[AuditEntry]:
    """The newest audit rows, optionally of one staff member."""
    session.require(Permission.VIEW_AUDIT)
    names = {str(row.id): row.username for row in staff.list_all(session.store.conn)}
    return [AuditEntry(r["id"], r["at"], r["staff_name"], r["action"], r["entity"], r["entity_id"],
                       r["before"], r["after"], names.get(r["entity_id"]) if r["entity"] == "staff" else None)
            for r in audit.rows(session.store.conn, staff_id, limit)]


def audit_staff(session: Session) -> list[tuple[int, str]]:
    """(id, user name) of every account, to filter the audit log by."""
    session.require(Permission.VIEW_AUDIT)
    return [(row.id, row.username) for row in staff.list_all(session.store.conn)]
