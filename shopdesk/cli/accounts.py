"""``shopdesk user …``: staff accounts added, disabled, enabled and listed."""

from __future__ import annotations

import argparse

from shopdesk.cli.common import EXIT_OK, acting_as, group, password, print_table, reading_as
from shopdesk.domain.roles import Role
from shopdesk.i18n import _


def add(args: argparse.Namespace) -> int:
    from shopdesk.services import accounts
    with acting_as(args) as session:
        secret = password("SHOPDESK_NEW_PASSWORD", _("Password for {user}: ").format(user=args.name), True)
        accounts.add_staff(session, args.name, Role(args.role), secret, args.display_name or "")
    print(_("Added {user} ({role}).").format(user=args.name, role=Role(args.role).label))
    return EXIT_OK


def disable(args: argparse.Namespace) -> int:
    from shopdesk.services import accounts
    with acting_as(args) as session:
        accounts.set_active(session, args.name, False)
    print(_("Disabled {user}.").format(user=args.name))
    return EXIT_OK


def enable(args: argparse.Namespace) -> int:
    from shopdesk.services import accounts
    with acting_as(args) as session:
        accounts.set_active(session, args.name, True)
    print(_("Enabled {user}.").format(user=args.name))
    return EXIT_OK


def listed(args: argparse.Namespace) -> int:
    from shopdesk.services import accounts
    with reading_as(args) as session:
        rows = accounts.list_staff(session)
    print_table([[row.username, str(row.role.label), _("active") if row.active else _("disabled"), row.display_name]
                 for row in rows])
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    users = group(sub, "user", _("manage staff accounts"))
    p = users.add("add", add, _("add an account"))
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--display-name")
    users.add("disable", disable, _("disable an account at once")).add_argument("name")
    users.add("enable", enable, _("enable an account again")).add_argument("name")
    users.add("list", listed, _("list the accounts"))
