"""Roles and permissions of sub-accounts (子賬號權限), SPEC §8.

The one table of who may do what. Later features add permissions here; the
UI hides what a role may not do and the services refuse it.
"""

from __future__ import annotations

from enum import StrEnum

from shopdesk.i18n import N_, Lazy


class Permission(StrEnum):
    """Something a staff member may be allowed to do."""

    MANAGE_STAFF = "manage_staff"
    EDIT_SETTINGS = "edit_settings"
    BACKUP_RESTORE = "backup_restore"
    VIEW_AUDIT = "view_audit"
    VIEW_ORDERS = "view_orders"
    MANAGE_ORDERS = "manage_orders"
    MANAGE_AFTERSALES = "manage_aftersales"
    VIEW_PRODUCTS = "view_products"
    MANAGE_PRODUCTS = "manage_products"
    MANAGE_STOCK = "manage_stock"
    MANAGE_CAMPAIGNS = "manage_campaigns"
    IMPORT_DATA = "import_data"
    VIEW_REPORTS = "view_reports"
    VIEW_FULL_REPORTS = "view_full_reports"
    VIEW_SENSITIVE = "view_sensitive"
    APPROVE = "approve"
    CONFIRM_REPORTS = "confirm_reports"


#: The permissions whose use changes the store: a window or command that opened it only for reading holds none
#: of them, whatever the role (viewing, backing up and restoring a whole file are decided apart).
CHANGES: frozenset[Permission] = frozenset({
    Permission.MANAGE_STAFF, Permission.EDIT_SETTINGS, Permission.MANAGE_ORDERS, Permission.MANAGE_AFTERSALES,
    Permission.MANAGE_PRODUCTS, Permission.MANAGE_STOCK, Permission.MANAGE_CAMPAIGNS, Permission.IMPORT_DATA,
    Permission.APPROVE, Permission.CONFIRM_REPORTS})

class Role(StrEnum):
    """Default roles after the handbooks (SPEC §8)."""

    OWNER = "owner"
    ADMIN = "admin"
    MANAGER = "manager"
    OPERATIONS = "operations"
    MERCHANDISE = "merchandise"
    CUSTOMER_SERVICE = "customer_service"
    WAREHOUSE = "warehouse"
    FINANCE = "finance"

    @property
    def label(self) -> Lazy:
        """The role's name in the current language."""
        return Lazy(ROLE_LABELS[self])


ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: N_("Owner"),
    Role.ADMIN: N_("Administrator"),
    Role.MANAGER: N_("Manager"),
    Role.OPERATIONS: N_("Operations"),
    Role.MERCHANDISE: N_("Merchandise"),
    Role.CUSTOMER_SERVICE: N_("Customer service"),
    Role.WAREHOUSE: N_("Warehouse"),
    Role.FINANCE: N_("Finance"),
}

PERMISSION_LABELS: dict[Permission, str] = {
    Permission.MANAGE_STAFF: N_("manage staff accounts"),
    Permission.EDIT_SETTINGS: N_("change the store settings"),
    Permission.BACKUP_RESTORE: N_("back up and restore the store"),
    Permission.VIEW_AUDIT: N_("read the audit log"),
    Permission.VIEW_ORDERS: N_("see orders"),
    Permission.MANAGE_ORDERS: N_("process orders"),
    Permission.MANAGE_AFTERSALES: N_("handle after-sales cases"),
    Permission.VIEW_PRODUCTS: N_("see products"),
    Permission.MANAGE_PRODUCTS: N_("list and delist products"),
    Permission.MANAGE_STOCK: N_("change stock"),
    Permission.MANAGE_CAMPAIGNS: N_("run campaigns"),
    Permission.IMPORT_DATA: N_("import data"),
    Permission.VIEW_REPORTS: N_("see operations reports"),
    Permission.VIEW_FULL_REPORTS: N_("see full financial reports"),
    Permission.VIEW_SENSITIVE: N_("see cost prices, suppliers and profit"),
    Permission.APPROVE: N_("approve and confirm"),
    Permission.CONFIRM_REPORTS: N_("confirm daily reports"),
}

_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OWNER: frozenset(Permission),
    Role.ADMIN: frozenset(Permission),
    Role.MANAGER: frozenset(Permission) - {_P.MANAGE_STAFF},
    Role.OPERATIONS: frozenset({
        _P.VIEW_ORDERS, _P.VIEW_PRODUCTS, _P.MANAGE_PRODUCTS, _P.MANAGE_CAMPAIGNS,
        _P.IMPORT_DATA, _P.VIEW_REPORTS,
    }),
    Role.MERCHANDISE: frozenset({
        _P.VIEW_PRODUCTS, _P.MANAGE_PRODUCTS, _P.MANAGE_STOCK, _P.VIEW_SENSITIVE,
        _P.IMPORT_DATA, _P.VIEW_REPORTS,
    }),
    Role.CUSTOMER_SERVICE: frozenset({_P.VIEW_ORDERS, _P.MANAGE_AFTERSALES}),
    Role.WAREHOUSE: frozenset({_P.VIEW_ORDERS, _P.MANAGE_ORDERS, _P.VIEW_PRODUCTS, _P.MANAGE_STOCK}),
    Role.FINANCE: frozenset({
        _P.VIEW_ORDERS, _P.VIEW_PRODUCTS, _P.VIEW_REPORTS, _P.VIEW_FULL_REPORTS,
        _P.VIEW_SENSITIVE, _P.VIEW_AUDIT,
    }),
}

#: What a role without :attr:`Permission.VIEW_SENSITIVE` sees in place of a cost price, a supplier detail or a
#: profit figure (SPEC §8), on screen, in exports, PDFs and the command line alike. The one mask symbol.
MASK = "***"

#: The least privileged role (the fewest rights): what a new account gets unless someone chooses otherwise.
LEAST_PRIVILEGED = min(Role, key=lambda role: len(ROLE_PERMISSIONS[role]))

#: Roles that may hold accounts-management rights; only they may create them.
ACCOUNT_MANAGERS = frozenset({Role.OWNER, Role.ADMIN})


def allows(role: Role, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission``."""
    return permission in ROLE_PERMISSIONS[role]


def may_assign(actor: Role, target: Role) -> bool:
    """Whether a staff member of role ``actor`` may give an account role ``target``.

    Only the owner makes owners; an admin manages every other role.
    """
    if not allows(actor, Permission.MANAGE_STAFF):
        return False
    return target != Role.OWNER or actor == Role.OWNER
