"""The permission table of SPEC §8."""

from shopdesk.domain.roles import ROLE_PERMISSIONS, Role, allows, may_assign
from shopdesk.domain.roles import Permission as P


def test_every_role_has_an_entry_and_a_label():
    assert set(ROLE_PERMISSIONS) == set(Role)
    for role in Role:
        assert str(role.label)


def test_owner_and_admin_can_do_everything():
    for role in (Role.OWNER, Role.ADMIN):
        assert all(allows(role, p) for p in P)


def test_customer_service_sees_orders_and_after_sales_only():
    assert ROLE_PERMISSIONS[Role.CUSTOMER_SERVICE] == {P.VIEW_ORDERS, P.MANAGE_AFTERSALES}


def test_operations_lists_products_and_runs_campaigns_but_sees_no_costs():
    assert allows(Role.OPERATIONS, P.MANAGE_PRODUCTS)
    assert allows(Role.OPERATIONS, P.MANAGE_CAMPAIGNS)
    assert not allows(Role.OPERATIONS, P.VIEW_SENSITIVE)
    assert not allows(Role.OPERATIONS, P.MANAGE_STAFF)


def test_finance_sees_full_reports_and_sensitive_data():
    assert allows(Role.FINANCE, P.VIEW_FULL_REPORTS)
    assert allows(Role.FINANCE, P.VIEW_SENSITIVE)
    assert not allows(Role.FINANCE, P.MANAGE_PRODUCTS)


def test_manager_approves_and_confirms_but_does_not_manage_accounts():
    assert allows(Role.MANAGER, P.APPROVE)
    assert allows(Role.MANAGER, P.CONFIRM_REPORTS)
    assert not allows(Role.MANAGER, P.MANAGE_STAFF)


def test_sensitive_data_whitelist():
    whitelisted = {r for r in Role if allows(r, P.VIEW_SENSITIVE)}
    assert whitelisted == {Role.OWNER, Role.ADMIN, Role.MANAGER, Role.MERCHANDISE, Role.FINANCE}


def test_only_an_owner_makes_owners():
    assert may_assign(Role.OWNER, Role.OWNER)
    assert not may_assign(Role.ADMIN, Role.OWNER)
    assert may_assign(Role.ADMIN, Role.FINANCE)
    assert not may_assign(Role.MANAGER, Role.FINANCE)
