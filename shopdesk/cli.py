"""The ``shopdesk`` command: the GUI's functions, headless.

Exit codes: 0 done; 1 refused or problems found (listed); 2 could not run
(bad arguments, a file that cannot be opened). Expected errors print their
message, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import getpass
import os
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from shopdesk import __version__
from shopdesk.domain import errors
from shopdesk.domain.meetings import KINDS as MEETING_KINDS
from shopdesk.domain.roles import Role
from shopdesk.domain.tasks import STATUSES
from shopdesk.i18n import LANGUAGES, _, set_language

EXIT_OK, EXIT_REFUSED, EXIT_CANNOT_RUN = 0, 1, 2


class UsageError(Exception):
    """Bad command-line arguments (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 with usage, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_CANNOT_RUN, f"{self.prog}: {message}\n")


def _password(env: str, prompt: str, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(_("No password: set {env} or run the command in a terminal.").format(env=env))
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat the password: ")) != value:
        raise UsageError(_("The two passwords differ."))
    return value


@contextlib.contextmanager
def _acting_as(args: argparse.Namespace, write: bool = True) -> Iterator:
    """The store opened and the staff member of ``--user`` logged in (the password checked); closed
    afterwards.

    A command that only reads passes ``write=False``: the store is opened read-only, with no writer lock
    and no write access needed, alongside the app and other commands.
    """
    from shopdesk.services.session import login
    from shopdesk.store.db import open_store
    if not args.user:
        raise UsageError(_("This command acts as a staff member: give --user NAME."))
    store = open_store(args.db, write=write, what="shopdesk " + args.command)
    try:
        yield login(store, args.user, _password("SHOPDESK_PASSWORD", _("Password of {user}: ").format(
            user=args.user)))
    except Exception as exc:
        damaged = store.damage(exc)  # a damaged page met after opening: the message, not a traceback
        if damaged is None:
            raise
        raise damaged from exc
    finally:
        store.close()


def _reading_as(args: argparse.Namespace):
    """:func:`_acting_as` for a command that only reads."""
    return _acting_as(args, write=False)


def cmd_init(args: argparse.Namespace) -> int:
    from shopdesk.services.accounts import init_store
    password = _password("SHOPDESK_NEW_PASSWORD", _("Password for {user}: ").format(user=args.owner), True)
    session = init_store(args.db, args.store_name, args.owner, password, args.currency, args.timezone)
    session.store.close()
    print(_("Created the store {path} with owner {user}.").format(path=session.store.path, user=args.owner))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from shopdesk.services.demo import DEMO_OWNER, DEMO_PASSWORD, build_demo
    summary = build_demo(args.db)
    print(_("Built the demo store {path}: {orders} orders from {first} to {last}.").format(
        path=summary.path, orders=summary.counts["orders"], first=summary.first_day, last=summary.last_day))
    print(_("Log in as {user} with password {password}.").format(user=DEMO_OWNER, password=DEMO_PASSWORD))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from shopdesk.services.check import check_store, describe_leftover, remove_leftovers
    result = check_store(args.db)
    print(_("{path}: schema {version} of {latest}, {rows} audit rows").format(
        path=result.path, version=result.schema_version, latest=result.latest_version, rows=result.audit_rows))
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


def cmd_backup(args: argparse.Namespace) -> int:
    from shopdesk.store import backup, db
    path = Path(args.db).expanduser().resolve()
    db.inspect(path)
    out = Path(args.out).expanduser().resolve() if args.out else None
    if out is not None and out.exists():
        raise errors.StoreExists(path=out)
    target = backup.backup_file(path, "manual", out)
    print(_("Backed up {path} to {out}.").format(path=path, out=target))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from shopdesk.services.backup import restore_login, restore_store
    if not args.user:
        raise UsageError(_("This command acts as a staff member: give --user NAME."))
    by = restore_login(Path(args.source), Path(args.db), args.user,
                       _password("SHOPDESK_PASSWORD", _("Password of {user}: ").format(user=args.user)))
    kept = restore_store(Path(args.source), Path(args.db), by)
    print(_("Restored {path} from {source}.").format(path=Path(args.db).resolve(), source=args.source))
    if kept:
        print(_("The replaced file was kept as {kept}.").format(kept=kept))
    return EXIT_OK


def cmd_user(args: argparse.Namespace) -> int:
    from shopdesk.services import accounts
    with _acting_as(args, write=args.user_command != "list") as session:
        if args.user_command == "add":
            password = _password("SHOPDESK_NEW_PASSWORD", _("Password for {user}: ").format(user=args.name), True)
            accounts.add_staff(session, args.name, Role(args.role), password, args.display_name or "")
            print(_("Added {user} ({role}).").format(user=args.name, role=Role(args.role).label))
        elif args.user_command in ("disable", "enable"):
            accounts.set_active(session, args.name, args.user_command == "enable")
            print((_("Disabled {user}.") if args.user_command == "disable" else _("Enabled {user}.")).format(
                user=args.name))
        else:
            for row in accounts.list_staff(session):
                state = _("active") if row.active else _("disabled")
                print(f"{row.username:<20} {row.role.value:<18} {state:<10} {row.display_name}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    import json

    from shopdesk.importers.pipeline import ImportOptions
    from shopdesk.services.imports import import_files
    with _acting_as(args) as session:
        options = ImportOptions(platform=args.platform, mapping=args.mapping, encoding=args.encoding,
                                date_order=args.date_order, on_error=args.on_error, dry_run=args.dry_run,
                                paid_when_created=args.paid_when_created,
                                rate=" ".join(args.rate) if args.rate else None)
        result = import_files(session, [Path(f) for f in args.files], options, _terminal_progress())
    refused = bool(result.problem_count) and not result.written and not args.dry_run
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        from shopdesk.i18n import formatting
        for problem in result.problems:
            print(_("{file}, row {row}, column {column}: {reason} ({value!r})").format(**problem), file=sys.stderr)
        if result.problem_count > len(result.problems):
            print(_("… and {count} more problem(s).").format(count=result.problem_count - len(result.problems)),
                  file=sys.stderr)
        state = (_("Dry run, nothing written.") if args.dry_run else
                 _("Refused, nothing written.") if refused else _("Imported."))
        print(state)
        for note in result.same_file_notes():
            print(note)
        print(_("{read} rows read, {imported} imported, {rejected} rejected; {added} orders added, {updated} "
                "updated; {paid} paid orders, GMV {gmv}, refunds {refunds}; {days}").format(
            read=formatting.number(result.rows_read), imported=formatting.number(result.rows_imported),
            rejected=formatting.number(result.rows_rejected), added=formatting.number(result.orders_added),
            updated=formatting.number(result.orders_updated), paid=formatting.number(result.paid_orders),
            gmv=formatting.money(result.gmv_cents, result.currency),
            refunds=formatting.money(result.refunds_cents, result.currency),
            days=f"{result.first_day} – {result.last_day}" if result.first_day else ""))
        for path in result.rejected_files:
            print(_("Rejected rows written to {path}.").format(path=path))
        if result.options.get("rate"):
            print(_("Amounts converted at {rate}").format(rate=result.options["rate"]))
        for warning in result.warnings:
            hint = warning.suggestion()
            if warning.option == "paid_when_created":
                hint += " " + _("(--paid-when-created)")
            print(_("Warning: {message} {hint}").format(message=warning.message(), hint=hint))
    return EXIT_REFUSED if refused else EXIT_OK


def _terminal_progress():
    """A progress line on a terminal (nothing when stderr is a file or pipe)."""
    if not sys.stderr.isatty():
        return lambda done, total, message: None
    state = {"shown": -1}

    def show(done: int, total: int, message: str) -> None:
        percent = int(done * 100 / total) if total else 100
        if percent != state["shown"]:
            state["shown"] = percent
            end = "\n" if percent >= 100 else ""
            label = _("Importing…")
            print(f"\r{label} {percent:3d}%", end=end, file=sys.stderr, flush=True)
    return show


def cmd_imports(args: argparse.Namespace) -> int:
    from shopdesk.services import imports
    with _acting_as(args, write=args.imports_command == "undo") as session:
        if args.imports_command == "undo":
            counts = imports.undo(session, args.id)
            print(_("Import {id} undone: {orders} orders removed, {changes} changes reverted.").format(
                id=args.id, orders=counts["orders_removed"], changes=counts["changes_reverted"]))
        else:
            for record in imports.history(session):
                names = ", ".join(f["name"] for f in record["files"])
                s = record["summary"]
                print(f"{record['id']:>4}  {record['started_at'][:16]}  {record['staff_name']:<12} "
                      f"{record['platform']:<12} {record['status']:<6} {record['rows_imported']:>8}  "
                      f"+{s.get('orders_added', 0)} ~{s.get('orders_updated', 0)}  {names}")
    return EXIT_OK


def cmd_traffic(args: argparse.Namespace) -> int:
    from shopdesk.services.traffic import enter_traffic
    day = _date(args.day, "--day")
    with _acting_as(args) as session:
        enter_traffic(session, day, args.visitors, args.page_views, args.add_to_cart, args.channel or "",
                      args.impressions, args.clicks)
    print(_("Saved {visitors} visitors for {day}.").format(visitors=args.visitors, day=day))
    return EXIT_OK


def _date(value: str, flag: str):
    """A date given on the command line, within the plausible years (the import settings' defaults:
    a year 0001 or 9999 is a typing slip, and no figure can be computed for it)."""
    import datetime as dt

    from shopdesk.domain.settings import setting
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(_("{flag}: '{value}' is not a date such as 2024-06-18.").format(flag=flag, value=value)) \
            from None
    first = setting("import.earliest_year").default
    last = dt.date.today().year + setting("import.years_ahead").default
    if not first <= day.year <= last:
        raise UsageError(_("{flag}: '{value}' is outside the years {first} to {last}.").format(
            flag=flag, value=value, first=first, last=last))
    return day


def cmd_kpi(args: argparse.Namespace) -> int:
    import csv
    import json

    from shopdesk.domain.kpi import span_of
    from shopdesk.reports.text import to_date_text
    from shopdesk.services.kpi import kpi_series, to_json
    from shopdesk.services.targets import compare
    first, last = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if last < first:
        raise UsageError(_("--to comes before --from."))
    with _reading_as(args) as session:
        rows = kpi_series(session, first, last, args.by)
        data = to_json(rows, args.by, session.currency, compare(session, rows))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    keys = ["period", "orders", "gmv", "aov", "visitors", "conversion", "uv_value", "refunds", "returned_units",
            "return_rate", "complaints", "new_customer_share", "sell_through", "days", "period_days"]
    if args.csv:
        from shopdesk.domain.cells import csv_row
        out = csv.writer(sys.stdout)
        out.writerow(csv_row(keys))
        for row in data["rows"]:
            out.writerow(csv_row("" if row[k] is None else row[k] for k in keys))
        return EXIT_OK
    currency = data["currency"]
    from shopdesk.domain.kpi import METRIC_LABELS, actual
    from shopdesk.reports.text import metric_text
    shown = ("orders", "gmv", "aov", "visitors", "conversion", "refunds", "return_rate", "complaints",
             "new_customer_share", "sell_through")
    headers = [_("Period"), *(_(METRIC_LABELS[m]) for m in shown)]
    table = [headers] + [[" ".join(filter(None, (r.period, to_date_text(span_of(r, args.by))))),  # a running period
                          *(metric_text(m, actual(r, m), currency) for m in shown)] for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for row in table:
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from shopdesk.domain.reports import LISTS
    from shopdesk.reports import operations, stock_lists
    from shopdesk.services.reports import print_settings, report_figures, stock_list_figures
    if args.kind not in LISTS and not args.date:
        raise UsageError(_("--date is needed for the {kind} report.").format(kind=args.kind))
    day = _date(args.date, "--date") if args.date else None
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(_("--out: the folder {folder} does not exist.").format(folder=out.parent))
    with _reading_as(args) as session:
        font, paper = print_settings(session)
        if args.kind in LISTS:
            listed = stock_list_figures(session, args.kind, day)
        else:
            figures = report_figures(session, args.kind, day)
    if args.kind in LISTS:
        data = stock_lists.pdf(listed, font, args.paper or paper)
        _write_pdf(out, data)
        print(_("Wrote {path} ({count} rows).").format(path=out, count=len(listed.rows)))
        return EXIT_OK
    data = operations.pdf(figures, font, args.paper or paper)
    _write_pdf(out, data)
    state = _("draft") if figures.is_draft else _("confirmed")
    print(_("Wrote {path} ({state}).").format(path=out, state=state))
    return EXIT_OK


def _write_pdf(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UsageError(_("--out: {path} cannot be written: {reason}").format(path=out, reason=exc.strerror)) \
            from None


def cmd_target(args: argparse.Namespace) -> int:
    from shopdesk.services import targets
    with _acting_as(args, write=args.target_command == "set") as session:
        if args.target_command == "set":
            targets.set_target(session, args.metric, args.period, args.value,
                               "weekday" if args.weekday else "even")
            print(_("Target of {metric} for {period} set to {value}.").format(metric=args.metric, period=args.period,
                                                                             value=args.value))
        else:
            for row in targets.history(session):
                value = row["amount"] if row["amount"] is not None else row["rate"]
                print(f"{row['period']:<8} {row['metric']:<20} {value!s:>14}  {row['weighting']:<8} "
                      f"{row['set_at'][:16]}  {row['set_by']}")
    return EXIT_OK


def cmd_daily(args: argparse.Namespace) -> int:
    from shopdesk.services import confirmation
    day = _date(args.date, "--date")
    with _acting_as(args, write=args.daily_command != "status") as session:
        action = {"prepare": confirmation.prepare, "confirm": confirmation.confirm, "status": confirmation.status}[args.daily_command]
        state = action(session, day)
    print(day_status_text(state))
    return EXIT_OK


def day_status_text(state) -> str:
    """A day's standing in one line, in the current language."""
    if state.state == "confirmed":
        return _("{day}: prepared by {preparer} ({prepared_at}), confirmed by {confirmer} ({confirmed_at}).").format(
            day=state.day, preparer=state.prepared_by, prepared_at=state.prepared_at[:16].replace("T", " "),
            confirmer=state.confirmed_by, confirmed_at=state.confirmed_at[:16].replace("T", " "))
    if state.state == "prepared":
        return _("{day}: prepared by {preparer} ({prepared_at}), waiting for a second person to confirm.").format(
            day=state.day, preparer=state.prepared_by, prepared_at=state.prepared_at[:16].replace("T", " "))
    return _("{day}: not prepared yet.").format(day=state.day)


def cmd_anomalies(args: argparse.Namespace) -> int:
    from shopdesk.services import anomalies
    with _acting_as(args, write=args.anomalies_command != "list") as session:
        if args.anomalies_command == "detect":
            counts = anomalies.detect(session, _date(args.date_from, "--from"), _date(args.date_to, "--to"))
            print(_("{found} anomalies in the range, {new} new, {gone} gone.").format(**counts))
        elif args.anomalies_command == "explain":
            anomalies.explain(session, args.id, args.cause)
            print(_("Cause recorded for anomaly {id}.").format(id=args.id))
        else:
            for line in anomaly_lines(anomalies.anomaly_list(session, args.open), session.currency):
                print(line)
    return EXIT_OK


def anomaly_lines(rows: list[dict], currency: str) -> list[str]:
    """``shopdesk anomalies list``: a heading per day, then its anomalies as the Anomalies tab groups them
    (id, metric and where it lies, the channels and products indented under their store metric, target or
    usual value, actual, signed deviation, favourable or not, cause)."""
    from shopdesk.domain.kpi import METRIC_LABELS
    from shopdesk.i18n import formatting
    from shopdesk.reports.text import assessment, cause_text, deviation_text, metric_in_scope, metric_text, scope_line
    table: list[list[str] | str] = []
    day = None
    for r in rows:
        if r["day"] != day:
            day = r["day"]
            when = dt.date.fromisoformat(day)
            table.append(f"{day} {formatting.weekday(when)}")
        label = _(METRIC_LABELS.get(r["metric"], r["metric"]))
        where = "  " + scope_line(r["scope"], r["scope_name"]) if r["depth"] else \
            metric_in_scope(label, r["scope"], r["scope_name"])
        table.append([str(r["id"]), where, metric_text(r["metric"], r["target"], currency),
                      metric_text(r["metric"], r["actual"], currency), deviation_text(r["deviation"]),
                      assessment(r["favourable"], r["severity"])[0], cause_text(r["cause"], r["waiting"], r["covered"])])
    cells = [row for row in table if isinstance(row, list)]
    widths = [max((_width(row[i]) for row in cells), default=0) for i in range(7)]
    out = []
    for row in table:
        if isinstance(row, str):
            out.append(row)
            continue
        padded = [_pad(text, widths[i], right=i in (0, 2, 3, 4)) for i, text in enumerate(row[:-1])]
        out.append("  " + "  ".join(padded) + "  " + row[-1])
    return out


def _width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def cmd_task(args: argparse.Namespace) -> int:
    from shopdesk.services import tasks
    with _acting_as(args, write=args.task_command != "list") as session:
        if args.task_command == "add":
            task_id = tasks.create(session, args.title, args.owner, _date(args.due, "--due"), args.helper or [],
                                      args.anomaly)
            print(_("Task {id} created.").format(id=task_id))
        elif args.task_command == "status":
            tasks.set_status(session, args.id, args.status, args.note or "")
            print(_("Task {id} is now {status}.").format(id=args.id, status=args.status))
        else:
            for t in tasks.tasks(session, args.mine):
                late = _("OVERDUE") if t.overdue else ""
                helpers = ", ".join(t.helpers)
                print(f"{t.id:>4}  {t.due_on}  {t.status:<11} {late:<8} {t.owner:<12} {helpers:<16} {t.title}")
    return EXIT_OK


def cmd_meeting(args: argparse.Namespace) -> int:
    import json

    from shopdesk.domain.meetings import KIND_LABELS
    from shopdesk.services import meetings
    with _acting_as(args, write=args.meeting_command != "list") as session:
        if args.meeting_command == "record":
            if args.minutes_file:
                try:
                    text = Path(args.minutes_file).read_text(encoding="utf-8-sig")
                except (OSError, UnicodeError) as exc:
                    raise UsageError(_("{file} cannot be read: {reason}").format(file=args.minutes_file,
                                                                                  reason=exc)) from None
            else:
                text = args.minutes or ""
            attendees = [a for a in (args.attendees or "").split(",") if a.strip()]
            meeting_id = meetings.record(session, args.kind, _date(args.date, "--date"), text, attendees)
            print(_("Minutes of meeting {id} saved.").format(id=meeting_id))
        elif args.meeting_command == "decide":
            task_id = meetings.decide(session, args.meeting, args.title, args.owner, _date(args.due, "--due"),
                                      args.helper or [])
            print(_("Task {id} created.").format(id=task_id))
        else:
            first = _date(args.date_from, "--from") if args.date_from else None
            last = _date(args.date_to, "--to") if args.date_to else None
            found = meetings.meetings(session, first, last)
            if args.json:
                print(json.dumps([{"id": m.id, "kind": m.kind, "day": m.day.isoformat(), "attendees": m.attendees,
                                   "minutes": m.minutes, "recorded_by": m.recorded_by,
                                   "decisions": [{"task": t.id, "title": t.title, "owner": t.owner,
                                                  "due": t.due_on.isoformat(), "status": t.status}
                                                 for t in m.decisions]} for m in found], ensure_ascii=False))
            for m in [] if args.json else found:
                print(f"{m.id:>4}  {m.day}  {_(KIND_LABELS[m.kind])}  {', '.join(m.attendees)}")
                for line in m.minutes.splitlines():
                    print(f"      {line}")
                for t in m.decisions:
                    print(f"      → {_('task')} {t.id}: {t.title} ({t.owner}, {t.due_on})")
    return EXIT_OK


def _acting() -> argparse.ArgumentParser:
    """The options of a command that acts on a store as a staff member (a parent parser, shared by every
    subcommand: built once per language)."""
    from shopdesk.i18n import current_language
    return _acting_parser(current_language())


@functools.cache
def _acting_parser(language: str) -> argparse.ArgumentParser:
    acting = _Parser(add_help=False)
    acting.add_argument("--db", required=True, help=_("the store file"))
    acting.add_argument("--user", help=_("the staff member acting"))
    acting.add_argument("--lang", choices=list(LANGUAGES), help=_("language of messages"))
    return acting


class _Skipped:
    """The parser of a command that is not run, left unbuilt: every call on it does nothing."""

    def __getattr__(self, name: str) -> Callable[..., _Skipped]:
        return lambda *args, **kwargs: self


class _OnlyCommand:
    """The subparsers of ``shopdesk``, building the named command's parser alone (a command's start-up
    need not pay for the parsers of the 30 others)."""

    def __init__(self, sub: argparse._SubParsersAction, only: str) -> None:
        self._sub, self._only, self.found = sub, only, False

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser | _Skipped:
        if name != self._only:
            return _Skipped()
        self.found = True
        return self._sub.add_parser(name, **kwargs)


def _command_in(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``, or ``None`` when the top level's help or version is asked first."""
    values = iter(argv)
    for arg in values:
        if arg in ("--db", "--lang"):
            next(values, None)
        elif arg in ("-h", "--help", "--version"):
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``shopdesk``; with ``only``, of that command alone (all of them when it is not
    a command, so that the error lists them)."""
    parser = _Parser(prog="shopdesk", description=_("ShopDesk: the offline back office of an online store."))
    parser.add_argument("--version", action="version", version=f"ShopDesk {__version__}")
    parser.add_argument("--demo", action="store_true", help=_("open the demo store"))
    parser.add_argument("--db", help=_("the store file to open"))
    parser.add_argument("--lang", choices=list(LANGUAGES), help=_("language of messages"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    if only is not None:
        chosen = _OnlyCommand(sub, only)
        _add_commands(chosen)
        return parser if chosen.found else build_parser()
    _add_commands(sub)
    return parser


def _add_commands(sub) -> None:

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str,
                db: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if db:
            p.add_argument("--db", required=True, help=_("the store file"))
        p.add_argument("--lang", choices=list(LANGUAGES), help=_("language of messages"))
        return p

    p = command("init", cmd_init, _("create a store and its owner account"))
    p.add_argument("--store-name", required=True)
    p.add_argument("--owner", required=True)
    p.add_argument("--currency", default="CNY")
    p.add_argument("--timezone", default="Asia/Shanghai")
    command("demo", cmd_demo, _("build the demo store"))
    p = command("check", cmd_check, _("check integrity, schema version, foreign keys and the audit chain"))
    p.add_argument("--remove-leftovers", action="store_true",
                   help=_("remove what unfinished backups left in backups/ (the backups are not touched)"))
    p = command("backup", cmd_backup, _("copy the store to a backup file"))
    p.add_argument("--out", help=_("the backup file (default: a dated file in backups/)"))
    p = command("restore", cmd_restore, _("replace the store with a backup"))
    p.add_argument("--from", dest="source", required=True)
    p.add_argument("--user", help=_("the staff member acting (with the right to back up and restore)"))
    p = command("import", cmd_import, _("import exports (several files are one import)"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--user", help=_("the staff member acting"))
    p.add_argument("--platform", help=_("platform name recorded with the orders"))
    p.add_argument("--mapping", help=_("a mapping name or a mapping JSON file"))
    p.add_argument("--encoding", help=_("text encoding of CSV files (detected when not given)"))
    p.add_argument("--date-order", choices=["dmy", "mdy", "ymd"], help=_("order of day and month in dates"))
    p.add_argument("--on-error", choices=["abort", "skip"], default="abort",
                   help=_("abort: refuse the whole import; skip: leave out bad rows (written to a file)"))
    p.add_argument("--dry-run", action="store_true", help=_("check everything, write nothing"))
    p.add_argument("--paid-when-created", action="store_true",
                   help=_("count every order that is not cancelled as paid, when created if the file gives no "
                          "payment time"))
    p.add_argument("--rate", nargs="+", metavar="RATE",
                   help=_("the rate to convert files in another currency at, e.g. --rate \"1 BRL = 1.32 CNY\" (kept "
                          "with the import)"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    p = command("kpi", cmd_kpi, _("the core metrics per day, week or month"))
    p.add_argument("--user", help=_("the staff member acting"))
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("--by", choices=["day", "week", "month"], default="day")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    shape.add_argument("--csv", action="store_true", help=_("print the result as CSV"))
    p = command("report", cmd_report, _("print an operations report or a stock list as PDF"))
    p.add_argument("kind", choices=["daily", "weekly", "monthly", "replenishment", "slow-moving", "suppliers",
                                    "delisting", "product-weekly"])
    p.add_argument("--user", help=_("the staff member acting"))
    p.add_argument("--date", help=_("a day of the period (weekly: its ISO week; monthly: its month); a list: the "
                                    "day it is as of (product-weekly: the week's last day; default: the last day with data)"))
    p.add_argument("--paper", choices=["a4", "letter"], help=_("paper size (default: the store's setting)"))
    p.add_argument("--out", required=True, help=_("the PDF file to write"))
    p = sub.add_parser("target", help=_("set targets per year, quarter or month; list them"))
    p.set_defaults(func=cmd_target)
    tsub = p.add_subparsers(dest="target_command", required=True, parser_class=_Parser)
    acting_targets = _acting()
    tset = tsub.add_parser("set", parents=[acting_targets], help=_("set or revise a target"))
    tset.add_argument("metric")
    tset.add_argument("period", help=_("2024, 2024-Q2 or 2024-06"))
    tset.add_argument("value")
    tset.add_argument("--weekday", action="store_true", help=_("split by last year's weekday pattern"))
    tsub.add_parser("list", parents=[acting_targets], help=_("list the targets, revisions included"))
    p = sub.add_parser("anomalies", help=_("the anomaly list: detect, list, explain"))
    p.set_defaults(func=cmd_anomalies)
    asub = p.add_subparsers(dest="anomalies_command", required=True, parser_class=_Parser)
    detect = asub.add_parser("detect", parents=[_acting()], help=_("put the metrics beyond their threshold on the list"))
    detect.add_argument("--from", dest="date_from", required=True)
    detect.add_argument("--to", dest="date_to", required=True)
    listed = asub.add_parser("list", parents=[_acting()], help=_("list the anomalies"))
    listed.add_argument("--open", action="store_true", help=_("only those without a cause"))
    explain = asub.add_parser("explain", parents=[_acting()], help=_("record the cause of an anomaly"))
    explain.add_argument("id", type=int)
    explain.add_argument("cause")
    p = sub.add_parser("task", help=_("optimisation tasks: add, list, move on"))
    p.set_defaults(func=cmd_task)
    ksub = p.add_subparsers(dest="task_command", required=True, parser_class=_Parser)
    add_task = ksub.add_parser("add", parents=[_acting()], help=_("add a task"))
    add_task.add_argument("title")
    add_task.add_argument("--owner", required=True, help=_("the first owner"))
    add_task.add_argument("--due", required=True)
    add_task.add_argument("--helper", action="append", help=_("a helper (repeat for more)"))
    add_task.add_argument("--anomaly", type=int, help=_("the anomaly the task answers"))
    ksub.add_parser("list", parents=[_acting()], help=_("list the tasks")).add_argument(
        "--mine", action="store_true", help=_("only mine"))
    status_task = ksub.add_parser("status", parents=[_acting()], help=_("move a task on"))
    status_task.add_argument("id", type=int)
    status_task.add_argument("status", choices=list(STATUSES))
    status_task.add_argument("--note")
    p = sub.add_parser("meeting", help=_("meeting minutes: record, decide, list"))
    p.set_defaults(func=cmd_meeting)
    msub = p.add_subparsers(dest="meeting_command", required=True, parser_class=_Parser)
    record = msub.add_parser("record", parents=[_acting()], help=_("record the minutes of a meeting"))
    record.add_argument("--kind", required=True, choices=list(MEETING_KINDS))
    record.add_argument("--date", required=True, help=_("the day the meeting was held"))
    text = record.add_mutually_exclusive_group(required=True)
    text.add_argument("--minutes", help=_("the minutes"))
    text.add_argument("--minutes-file", help=_("a UTF-8 text file holding the minutes"))
    record.add_argument("--attendees", help=_("user names, separated by commas"))
    decide = msub.add_parser("decide", parents=[_acting()], help=_("a decision of a meeting, as a task"))
    decide.add_argument("--meeting", type=int, required=True)
    decide.add_argument("title")
    decide.add_argument("--owner", required=True, help=_("the first owner"))
    decide.add_argument("--due", required=True)
    decide.add_argument("--helper", action="append", help=_("a helper (repeat for more)"))
    listing = msub.add_parser("list", parents=[_acting()], help=_("list the minutes"))
    listing.add_argument("--from", dest="date_from")
    listing.add_argument("--to", dest="date_to")
    listing.add_argument("--json", action="store_true")
    from shopdesk import cli_stock
    cli_stock.add_commands(sub)
    p = sub.add_parser("daily", help=_("two-person confirmation of a day's figures"))
    p.set_defaults(func=cmd_daily)
    dsub = p.add_subparsers(dest="daily_command", required=True, parser_class=_Parser)
    for name, text in (("prepare", _("prepare a day for confirmation")),
                       ("confirm", _("confirm a day prepared by someone else")), ("status", _("show where a day stands"))):
        dsub.add_parser(name, parents=[_acting()], help=text).add_argument("--date", required=True)
    p = command("traffic", cmd_traffic, _("type in a day's visitors"))
    p.add_argument("--user", help=_("the staff member acting"))
    p.add_argument("--day", required=True)
    p.add_argument("--visitors", type=int, required=True)
    p.add_argument("--page-views", type=int)
    p.add_argument("--add-to-cart", type=int)
    p.add_argument("--impressions", type=int)
    p.add_argument("--clicks", type=int)
    p.add_argument("--channel")
    p = sub.add_parser("imports", help=_("the import history; undo an import"))
    p.set_defaults(func=cmd_imports)
    isub = p.add_subparsers(dest="imports_command", required=True, parser_class=_Parser)
    acting_imports = _acting()
    isub.add_parser("list", parents=[acting_imports], help=_("list the imports"))
    isub.add_parser("undo", parents=[acting_imports], help=_("undo a whole import")).add_argument("id", type=int)
    p = sub.add_parser("user", help=_("manage staff accounts"), description=_("manage staff accounts"))
    p.set_defaults(func=cmd_user)
    acting = _acting()
    usub = p.add_subparsers(dest="user_command", required=True, parser_class=_Parser)
    add = usub.add_parser("add", parents=[acting], help=_("add an account"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name")
    usub.add_parser("disable", parents=[acting], help=_("disable an account at once")).add_argument("name")
    usub.add_parser("enable", parents=[acting], help=_("enable an account again")).add_argument("name")
    usub.add_parser("list", parents=[acting], help=_("list the accounts"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``shopdesk`` with ``argv``; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None) \
        or os.environ.get("SHOPDESK_LANG")
    set_language(language if language in LANGUAGES else _default_language())  # before help texts are made
    args = build_parser(_command_in(argv)).parse_args(argv)
    if args.command is None:
        from shopdesk.app import run_gui
        return run_gui(db=args.db, demo=args.demo, language=args.lang)
    try:
        return args.func(args)
    except errors.ShopDeskError as exc:
        print(exc.message(), file=sys.stderr)
        return exc.exit_code
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        print(_("Cancelled; nothing was changed."), file=sys.stderr)
        return EXIT_REFUSED


def _default_language() -> str:
    """The language of the system locale, English when it is not Chinese."""
    import locale
    code = (os.environ.get("LC_ALL") or os.environ.get("LANG") or locale.getlocale()[0] or "").lower()
    if code.startswith(("zh_tw", "zh_hk", "zh_mo", "zh-hant")):
        return "zh_TW"
    if code.startswith("zh"):
        return "zh_CN"
    return "en"
