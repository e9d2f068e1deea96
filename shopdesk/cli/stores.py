"""``shopdesk init|demo|check|backup|restore``: store files created, checked, backed up and restored."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from shopdesk.cli.common import EXIT_OK, EXIT_REFUSED, UsageError, command, password, staff_password
from shopdesk.i18n import _, formatting


def init(args: argparse.Namespace) -> int:
    from shopdesk.services.accounts import init_store
    secret = password("SHOPDESK_NEW_PASSWORD", _("Password for {user}: ").format(user=args.owner), True)
    session = init_store(args.db, args.store_name, args.owner, secret, args.currency, args.timezone)
    session.store.close()
    print(_("Created the store {path} with owner {user}.").format(path=session.store.path, user=args.owner))
    return EXIT_OK


def demo(args: argparse.Namespace) -> int:
    from shopdesk.services.demo import DEMO_OWNER, DEMO_PASSWORD, build_demo
    summary = build_demo(args.db)
    print(_("Built the demo store {path}: {orders} orders from {first} to {last}.").format(
        path=summary.path, orders=formatting.number(summary.counts["orders"]),
        first=formatting.date(summary.first_day), last=formatting.date(summary.last_day)))
    print(_("Log in as {user} with password {password}.").format(user=DEMO_OWNER, password=DEMO_PASSWORD))
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    from shopdesk.services.check import check_store, describe_leftover, remove_leftovers
    result = check_store(args.db)
    print(_("{path}: schema {version} of {latest}, {rows} audit rows").format(
        path=result.path, version=result.schema_version, latest=result.latest_version,
        rows=formatting.number(result.audit_rows)))
    for problem in result.problems:
        print(f"  - {problem}")
    print(_("No problems found.") if result.ok else _("{count} problem(s) found.").format(
        count=len(result.problems)))
    code = EXIT_OK if result.ok else EXIT_REFUSED
    removed: list[Path] = []
    if result.leftovers:
        print(_("{count} file(s) in {folder} are not usable backups:").format(
            count=len(result.leftovers), folder=result.backups_folder))
        for item in result.leftovers:
            print(f"  - {describe_leftover(item)}")
        if args.remove_leftovers:
            removed, failed = remove_leftovers(result.path, [item.path for item in result.leftovers])
            print(_("Removed {count} of them; the backups were not touched.").format(count=len(removed)))
            if failed:
                print(_("{count} could not be removed: {folder} cannot be written.").format(
                    count=len(failed), folder=result.backups_folder))
                code = EXIT_REFUSED
        else:
            print(_("Remove them with: shopdesk check --db {db} --remove-leftovers").format(db=shlex.quote(args.db)))
    if result.read_only and not removed:
        print(_("The store cannot be written here: it was only read, and nothing was changed."))
    return code


def backup(args: argparse.Namespace) -> int:
    from shopdesk.services.backup import back_up_checked
    path, target = back_up_checked(args.db, args.out)
    print(_("Backed up {path} to {out}.").format(path=path, out=target))
    return EXIT_OK


def restore(args: argparse.Namespace) -> int:
    from shopdesk.services.backup import restore_login, restore_store
    if not args.user:
        raise UsageError(_("This command acts as a staff member: give --user NAME."))
    by = restore_login(Path(args.source), Path(args.db), args.user, staff_password(args.user))
    kept = restore_store(Path(args.source), Path(args.db), by)
    print(_("Restored {path} from {source}.").format(path=Path(args.db).resolve(), source=args.source))
    if kept:
        print(_("The replaced file was kept as {kept}.").format(kept=kept))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "init", init, _("create a store and its owner account"))
    p.add_argument("--store-name", required=True)
    p.add_argument("--owner", required=True)
    p.add_argument("--currency", default="CNY")
    p.add_argument("--timezone", default="Asia/Shanghai")
    command(sub, "demo", demo, _("build the demo store"))
    p = command(sub, "check", check, _("check integrity, schema version, foreign keys and the audit chain"))
    p.add_argument("--remove-leftovers", action="store_true",
                   help=_("remove what unfinished backups left in backups/ (the backups are not touched)"))
    p = command(sub, "backup", backup, _("copy the store to a backup file"))
    p.add_argument("--out", help=_("the backup file (default: a dated file in backups/)"))
    p = command(sub, "restore", restore, _("replace the store with a backup"),
                user=_("the staff member acting (with the right to back up and restore)"))
    p.add_argument("--from", dest="source", required=True)
