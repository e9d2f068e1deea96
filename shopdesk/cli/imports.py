"""``shopdesk import`` and ``shopdesk imports …``: exports imported, the history listed, an import undone."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from shopdesk.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    acting_as,
    command,
    day_text,
    group,
    print_table,
    reading_as,
    stamp_text,
    terminal_progress,
)
from shopdesk.domain.vocabularies import IMPORT_STATUS_LABELS, label
from shopdesk.i18n import _, formatting


def run(args: argparse.Namespace) -> int:
    from shopdesk.services.imports import ImportOptions, import_files
    with acting_as(args) as session:
        options = ImportOptions(platform=args.platform, mapping=args.mapping, encoding=args.encoding,
                                date_order=args.date_order, on_error=args.on_error, dry_run=args.dry_run,
                                paid_when_created=args.paid_when_created,
                                rate=" ".join(args.rate) if args.rate else None)
        result = import_files(session, [Path(f) for f in args.files], options, terminal_progress(_("Importing…")))
    refused = bool(result.problem_count) and not result.written and not args.dry_run
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return EXIT_REFUSED if refused else EXIT_OK
    for problem in result.problems:
        print(_("{file}, row {row}, column {column}: {reason} ({value!r})").format(**problem), file=sys.stderr)
    if result.problem_count > len(result.problems):
        print(_("… and {count} more problem(s).").format(count=result.problem_count - len(result.problems)),
              file=sys.stderr)
    print(_("Dry run, nothing written.") if args.dry_run else
          _("Refused, nothing written.") if refused else _("Imported."))
    for note in result.same_file_notes():
        print(note)
    days = f"{day_text(result.first_day)} – {day_text(result.last_day)}" if result.first_day else ""
    print(_("{read} rows read, {imported} imported, {rejected} rejected; {added} orders added, {updated} "
            "updated; {paid} paid orders, GMV {gmv}, refunds {refunds}; {days}").format(
        read=formatting.number(result.rows_read), imported=formatting.number(result.rows_imported),
        rejected=formatting.number(result.rows_rejected), added=formatting.number(result.orders_added),
        updated=formatting.number(result.orders_updated), paid=formatting.number(result.paid_orders),
        gmv=formatting.money(result.gmv_cents, result.currency),
        refunds=formatting.money(result.refunds_cents, result.currency), days=days))
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


def history(args: argparse.Namespace) -> int:
    from shopdesk.services import imports
    with reading_as(args) as session:
        records = imports.history(session)
    rows = []
    for record in records:
        s = record["summary"]
        rows.append([str(record["id"]), stamp_text(record["started_at"]), record["staff_name"],
                     record["platform"], _(label(IMPORT_STATUS_LABELS, record["status"])),
                     formatting.number(record["rows_imported"]),
                     f"+{formatting.number(s.get('orders_added', 0))} ~{formatting.number(s.get('orders_updated', 0))}",
                     ", ".join(f["name"] for f in record["files"])])
    print_table(rows, right=(0, 5))
    return EXIT_OK


def undo(args: argparse.Namespace) -> int:
    from shopdesk.services import imports
    with acting_as(args) as session:
        counts = imports.undo(session, args.id)
    print(_("Import {id} undone: {orders} orders removed, {changes} changes reverted.").format(
        id=args.id, orders=formatting.number(counts["orders_removed"]),
        changes=formatting.number(counts["changes_reverted"])))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = command(sub, "import", run, _("import exports (several files are one import)"), user=_("the staff member acting"))
    p.add_argument("files", nargs="+", metavar="FILE")
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
    imports = group(sub, "imports", _("the import history; undo an import"))
    imports.add("list", history, _("list the imports"))
    imports.add("undo", undo, _("undo a whole import")).add_argument("id", type=int)
