"""The one import pipeline: read → detect → map → normalise → validate → write.

Everything an import writes happens in one transaction: the files are
streamed into the store, every problem is collected, and at the end the
transaction commits only if the import is accepted (no problems, or bad rows
skipped on request). Cancel, an error, a refusal or a dry run roll it back, so
the store is exactly as it was.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from shopdesk.domain import errors
from shopdesk.domain.clock import iso, now
from shopdesk.domain.imports import ImportFacts, ImportWarning, Rate, warnings
from shopdesk.domain.jobs import CancelToken, Progress, no_progress
from shopdesk.domain.money import exponent, from_minor
from shopdesk.i18n import N_, _
from shopdesk.importers import behaviour, catalog, extras, olist
from shopdesk.importers.dates import DateResolver
from shopdesk.importers.mapping import Mapping, builtin_mappings, by_name, detect, load_file
from shopdesk.importers.orders import OrderSink, read_orders
from shopdesk.importers.problems import Problems
from shopdesk.importers.reading import SAMPLE_BYTES, Table, open_tables, refuse_nul
from shopdesk.store import audit, confirmation, kpi, settings
from shopdesk.store import imports as sql
from shopdesk.store.audit import Actor
from shopdesk.store.db import Store


class NoMapping(errors.ShopDeskError):
    """No mapping fits a file."""

    msgid = N_("{file}: no import mapping fits its columns ({columns}). Choose one with --mapping, or map the "
               "columns in the import wizard and save the mapping.")
    exit_code = 2


class UnknownMapping(errors.ShopDeskError):
    """The mapping asked for does not exist."""

    msgid = N_("There is no import mapping called {name}. Known: {known}.")
    exit_code = 2


class MissingColumns(errors.ShopDeskError):
    """A file lacks a column the mapping asked for requires."""

    msgid = N_("{file} has no column for {columns}, which the mapping {mapping} requires. Choose another mapping, "
               "or map the columns in the import wizard.")
    exit_code = 2


class BadMapping(errors.ShopDeskError):
    """A mapping file that cannot be used."""

    msgid = N_("The mapping file {file} cannot be used: {reason}")
    exit_code = 2


@dataclass
class ImportOptions:
    """How to import: the command line's flags, the wizard's choices."""

    platform: str | None = None
    mapping: str | None = None
    encoding: str | None = None
    date_order: str | None = None
    on_error: str = "abort"
    dry_run: bool = False
    preview_rows: int = 0  # the wizard's preview: how many orders to read back as stored
    paid_when_created: bool = False  # every order not cancelled counts as paid, at its creation if no time given
    rate: str | None = None  # "1 BRL = 1.32 CNY": converts files in another currency into the store's

    def kept(self, rate: Rate | None) -> dict[str, Any]:
        """The choices that change what is written, kept with the import's record."""
        return {"paid_when_created": self.paid_when_created, "rate": rate.text() if rate else None}


@dataclass
class ImportResult:
    """What an import read, wrote and found."""

    platform: str
    mappings: list[str]
    currency: str
    rows_read: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    orders_added: int = 0
    orders_updated: int = 0
    paid_orders: int = 0
    gmv_cents: int = 0
    refunds_cents: int = 0
    customers_added: int = 0
    products_added: int = 0
    returns_added: int = 0
    traffic_days: int = 0
    reviews_added: int = 0
    first_day: str | None = None
    last_day: str | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    problem_count: int = 0
    rejected_files: list[str] = field(default_factory=list)
    import_id: int | None = None
    written: bool = False
    dry_run: bool = False
    preview: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    same_files: list[list[str]] = field(default_factory=list)  # names given for one content: read once

    def same_file_notes(self) -> list[str]:
        """"a.csv and b.csv are the same file: read once", in the current language, for each such group."""
        notes = []
        for given in self.same_files:
            names = list(dict.fromkeys(given))
            if len(names) == 1:
                notes.append(_("{file} was given {count} times: read once").format(file=names[0], count=len(given)))
            else:
                notes.append(_("{files} and {last} are the same file: read once").format(
                    files=", ".join(names[:-1]), last=names[-1]))
        return notes

    def to_json(self) -> dict[str, Any]:
        """The object ``shopdesk import --json`` prints (amounts as decimals in the store currency)."""
        def money(cents: int) -> float:
            return float(from_minor(cents, self.currency))
        return {
            "platform": self.platform, "mappings": self.mappings, "currency": self.currency,
            "rows_read": self.rows_read, "rows_imported": self.rows_imported, "rows_rejected": self.rows_rejected,
            "orders_added": self.orders_added, "orders_updated": self.orders_updated,
            "paid_orders": self.paid_orders, "gmv": money(self.gmv_cents), "refunds": money(self.refunds_cents),
            "customers_added": self.customers_added, "products_added": self.products_added,
            "returns_added": self.returns_added, "traffic_days": self.traffic_days,
            "reviews_added": self.reviews_added, "first_day": self.first_day, "last_day": self.last_day,
            "problems": self.problems, "problem_count": self.problem_count,
            "rejected_files": self.rejected_files, "import_id": self.import_id, "written": self.written,
            "dry_run": self.dry_run, "warnings": [w.to_json() for w in self.warnings], "options": self.options,
            "same_files": [{"files": names, "read": names[0], "message": note}
                           for names, note in zip(self.same_files, self.same_file_notes(), strict=True)],
        }

    def gmv(self) -> Decimal:
        """GMV of the paid orders in the files, in the store currency."""
        return from_minor(self.gmv_cents, self.currency)


class _Rollback(Exception):
    """Leaves the transaction without writing (refused or dry run)."""


def available_mappings(store: Store) -> list[Mapping]:
    """Built-in mappings and the ones users saved in this store."""
    return builtin_mappings() + [Mapping.from_dict(json.loads(spec)) for spec in sql.saved_mappings(store.conn)]


def choose_mappings(tables: list[Table], mappings: list[Mapping], forced: str | None) -> list[Mapping]:
    """The mapping of each table: the one asked for, or the one its header fits best."""
    if forced:
        path = Path(forced)
        try:
            chosen = load_file(path) if path.suffix == ".json" and path.exists() else by_name(forced, mappings)
        except (ValueError, UnicodeError) as exc:  # json.JSONDecodeError is a ValueError
            raise BadMapping(file=path.name, reason=str(exc)) from None
        if chosen is None:
            raise UnknownMapping(name=forced, known=", ".join(m.name for m in mappings))
        for table in tables:
            if chosen.options.get("headerless") and not chosen.fits(table.header):
                behaviour.headerless(table, [chosen])  # its first row is data
            missing = chosen.missing(table.header)
            if missing:  # never read a file without a field the mapping needs
                raise MissingColumns(file=table.name, mapping=chosen.name, columns="; ".join(
                    f"{f} ({' / '.join(chosen.columns.get(f, [])[:4])})" for f in missing))
        return [chosen for _t in tables]
    result = []
    for table in tables:
        found = detect(table.header, mappings) or behaviour.headerless(table, mappings)
        if found is None:
            raise NoMapping(file=table.name, columns=", ".join(h for h in table.header if h)[:300])
        result.append(found)
    return result


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while rows stream in.

    An import allocates millions of small acyclic objects (cells, line tuples) that
    the collector would otherwise walk over and over; reference counting still
    frees them, and the collector resumes when the load ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def plausible_years(conn, tz: str) -> tuple[int, int]:
    """(first, last) year an imported date may fall in: the earliest-year setting to the current year plus
    the years-ahead setting; a date outside them is a broken cell."""
    return (settings.get(conn, "import.earliest_year"),
            now(tz).year + settings.get(conn, "import.years_ahead"))


def line_limits(conn, currency: str) -> tuple[int, int]:
    """(most units, highest unit price in minor units) one imported order line may have, from the settings."""
    return (settings.get(conn, "import.max_quantity"),
            settings.get(conn, "import.max_unit_price") * 10 ** exponent(currency))


def _fingerprint(path: Path) -> tuple[str, int | None] | None:
    """The SHA-256 of a file's bytes and the offset of its first NUL byte, in one pass (``None``: unreadable,
    left for :func:`open_tables` to explain)."""
    digest = hashlib.sha256()
    nul, offset = None, 0
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
                if nul is None and (at := chunk.find(0)) >= 0:
                    nul = offset + at
                offset += len(chunk)
    except OSError:
        return None
    return digest.hexdigest(), nul


def distinct_files(paths: list[Path]) -> tuple[list[tuple[Path, str | None, int | None]], list[list[str]]]:
    """The files of one import, each content once: ``(path, sha256, first NUL offset)`` of the ones to read,
    and the groups of names given for one content (the first is the one read).

    A path given twice (however spelled, or a link) is the same file without reading it; only files whose
    size another file of the import has can have its content, so only those are hashed here (a file read
    to its end is hashed while it is read). The hash and NUL offset of the others are ``None``.
    """
    stats: dict[Path, os.stat_result | None] = {}
    for path in paths:
        try:
            stats[path] = path.stat()
        except OSError:
            stats[path] = None  # missing or unreadable: open_tables says which
    firsts: dict[tuple[int, int], Path] = {}
    for path, st in stats.items():
        if st is not None:
            firsts.setdefault((st.st_dev, st.st_ino), path)
    sizes: dict[int, int] = {}
    for path in firsts.values():
        st = stats[path]
        assert st is not None  # firsts holds only files that could be read
        sizes[st.st_size] = sizes.get(st.st_size, 0) + 1
    kept: list[tuple[Path, str | None, int | None]] = []
    groups: dict[str | tuple[int, int], list[Path]] = {}
    for path in paths:
        st = stats[path]
        if st is None:
            kept.append((path, None, None))
            continue
        first = firsts[(st.st_dev, st.st_ino)]
        if first is not path or (st.st_dev, st.st_ino) in groups:  # the same file named again
            groups[(st.st_dev, st.st_ino)].append(path)
            continue
        found = _fingerprint(path) if sizes[st.st_size] > 1 else None
        digest, nul = found if found else (None, None)
        if digest is not None and digest in groups:  # another file with the same bytes
            groups[digest].append(path)
            groups[(st.st_dev, st.st_ino)] = groups[digest]
            continue
        groups[(st.st_dev, st.st_ino)] = [path]
        if digest is not None:
            groups[digest] = groups[(st.st_dev, st.st_ino)]
        kept.append((path, digest, nul))
    repeats = []
    for group in {id(g): g for g in groups.values()}.values():
        if len(group) > 1:
            places: dict[str, set[Path]] = {}
            for p in group:
                places.setdefault(p.name, set()).add(p.resolve())
            clash = any(len(found) > 1 for found in places.values())  # two folders, one name: say the paths
            repeats.append([str(p) if clash else p.name for p in group])
    return kept, repeats


def _read_fingerprints(kept: list[tuple[Path, str | None, int | None]], tables: list[Table]) -> list[dict[str, Any]]:
    """The files' record: name, path and SHA-256, from the hash taken while a CSV file was read when it was read
    to its end, else from the bytes (a workbook); refuses a CSV file with a NUL byte met while reading it.

    Raises:
        UnreadableFile: a NUL byte past the part read to open the file.
    """
    by_file = {t.file: t.fingerprint for t in tables if t.fingerprint is not None}
    files = []
    for path, digest, _nul in kept:
        seen = by_file.get(path)
        if seen is not None and seen.nul is not None:
            refuse_nul(next(t for t in tables if t.file == path), seen.nul)
        if digest is None:
            digest = seen.sha256() if seen is not None else None
        if digest is None:
            found = _fingerprint(path)
            digest = found[0] if found else None
        files.append({"name": path.name, "path": str(path.resolve()), "sha256": digest})
    return files


def run_import(store: Store, actor: Actor, paths: list[Path], options: ImportOptions | None = None,
               progress: Progress = no_progress, cancel: CancelToken | None = None) -> ImportResult:
    """Import ``paths`` as one import; see the module docstring.

    Raises:
        UnreadableFile, NoMapping, UnknownMapping, BadMapping, MissingColumns, AmbiguousDates, MixedDates,
        CurrencyMismatch, RateMismatch, BadRate: could not run.
        Cancelled: the user cancelled; nothing was written.
    """
    options = options or ImportOptions()
    cancel = cancel or CancelToken()
    kept, repeats = distinct_files([Path(p) for p in paths])  # a file given twice, or under two names, is read once
    paths = [p for p, _digest, _nul in kept]
    tables = []
    for path, _digest, nul in kept:
        for table in open_tables(path, options.encoding):
            if nul is not None and nul >= SAMPLE_BYTES:  # a NUL byte past the part read to open the file
                refuse_nul(table, nul)
            tables.append(table)
    mappings = choose_mappings(tables, available_mappings(store), options.mapping)
    conn = store.conn
    currency, tz = settings.get(conn, "store.currency"), settings.get(conn, "store.timezone")
    rate = Rate.parse(options.rate, currency) if options.rate and options.rate.strip() else None
    order_maps = [m for m in mappings if m.kind == "orders"]
    platform = options.platform or (order_maps[0].platform if order_maps else mappings[0].platform)
    result = ImportResult(platform, sorted({m.name for m in mappings}), currency, dry_run=options.dry_run,
                          options=options.kept(rate))
    problems = Problems()
    skip = options.on_error == "skip"
    total_size = sum(p.stat().st_size for p in paths) or 1
    estimate = max(1, int(total_size / 80))  # ~80 bytes a row until the files say better
    files = [{"name": p.name, "path": str(p.resolve()), "sha256": digest} for p, digest, _nul in kept]  # so far
    result.same_files = repeats

    def tick(rows: int) -> None:
        cancel.check()
        progress(min(rows, estimate), estimate, "")

    try:
        with sql.bulk_mode(conn), store.transaction():
            started = iso(now(tz))
            usual_first, usual_last = kpi.data_range(conn)  # the store's days before this import
            import_id = sql.begin(conn, started, actor.id, actor.username, platform,
                                  ",".join(result.mappings), files)
            sql.prepare_fixups(conn)
            bulk_load = estimate > 50_000 and sql.lines_fewer_than(conn, estimate)
            suspended = sql.suspend_indexes(conn) if bulk_load else []
            dates = DateResolver(tz, options.date_order, plausible_years(conn, tz))

            def changed(order_id: int, order_no: str, before: dict, after: dict) -> None:
                audit.record(conn, actor, "order.updated", "order", order_no, before, after, tz=tz)
            sink = OrderSink(conn, import_id, platform, exponent(currency), currency, problems, dates, skip, changed,
                             options.paid_when_created, rate, line_limits(conn, currency))
            with _without_cyclic_gc():
                done = _load(conn, import_id, list(zip(tables, mappings, strict=True)), sink, problems, options,
                             result, tick, cancel)
            sql.restore_indexes(conn, suspended)
            files = _read_fingerprints(kept, tables)
            sql.set_files(conn, import_id, files)
            result.rows_read = done
            result.rows_rejected = problems.rejected_rows
            refused = problems.count and not skip
            result.rows_imported = 0 if refused else done - result.rows_rejected
            c = sink.counts
            result.orders_added, result.orders_updated = c.orders_added, c.orders_updated
            result.paid_orders, result.gmv_cents, result.refunds_cents = c.paid_orders, c.gmv, c.refunds
            result.customers_added = c.customers_added
            result.products_added += c.products_added
            result.returns_added = c.returns_added
            result.reviews_added = olist.reviews_added(conn, import_id)
            result.first_day, result.last_day = dates.first_day, dates.last_day
            if not sink.rate_used:
                result.options["rate"] = None  # every file was in the store's currency: nothing converted
            result.warnings = warnings(ImportFacts(
                c.orders_seen, c.paid_orders, c.with_amount, c.gmv, sink.payment_columns["paid_at"],
                sink.payment_columns["status"], c.paid_cells, dates.first_day, dates.last_day, usual_first,
                usual_last, now(tz).date().isoformat()))
            result.problems = [p.to_dict() for p in problems.items]
            result.problem_count = problems.count
            if options.preview_rows:
                result.preview = sql.preview(conn, import_id, options.preview_rows)
            if problems.count and not skip:
                raise _Rollback
            if options.dry_run:
                raise _Rollback
            result.import_id = import_id
            summary = result.to_json()
            summary.pop("problems")
            sql.finish(conn, import_id, iso(now(tz)), result.rows_read, result.rows_imported, result.rows_rejected,
                       summary)
            for day in confirmation.reopen_changed_days(conn, import_id, iso(now(tz)), f"import {import_id}"):
                audit.record(conn, actor, "day.reopened", "day", day, None, {"import": import_id}, tz=tz)
            audit.record(conn, actor, "import.completed", "import", import_id, None,
                         {"files": [f["name"] for f in files], "platform": platform,
                          "orders_added": result.orders_added, "orders_updated": result.orders_updated,
                          "rows_rejected": result.rows_rejected, "options": result.options,
                          "warnings": [w.code for w in result.warnings]}, tz=tz)
            sql.refresh_statistics(conn)  # the first queries after it are planned on its rows
            result.written = True
    except _Rollback:
        pass
    if skip and problems.rejected and not options.dry_run:
        result.rejected_files = [str(p) for p in problems.write_rejected()]
    progress(estimate, estimate, "")
    return result


def _load(conn, import_id: int, pairs: list[tuple[Table, Mapping]], sink: OrderSink, problems: Problems,
          options: ImportOptions, result: ImportResult, tick, cancel: CancelToken) -> int:
    """Read every table into the store, in the order their links need; returns the rows read."""
    tz, skip, platform = sink.dates.timezone, options.on_error == "skip", sink.platform
    done = 0
    for table, mapping in pairs:
        if mapping.kind == "products":
            sink.use_currency(mapping.options.get("currency"), table.name)
            counts = catalog.import_products(conn, import_id, table, mapping, sink.amount, problems, tz, skip)
            result.products_added += counts["products_added"]
            done += counts["rows"]
            sink.products = {**sql.codes(conn, "products", "sku", "sku != ''"), **sql.codes(conn, "products", "code")}
            sink.next_product = sql.next_id(conn, "products")
    extra: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for table, mapping in pairs:
        if mapping.kind == "orders" and mapping.options.get("lines_for"):
            extra, rows = extras.collect_lines(table, mapping, problems, skip)
            done += rows
    olist_tables = [(t, m) for t, m in pairs if m.kind == "olist"]
    if olist_tables:
        sink.use_currency(olist_tables[0][1].options.get("currency"), olist_tables[0][0].name)
        done += olist.import_olist(olist_tables, sink, problems, lambda n: tick(done + n))
    for table, mapping in pairs:
        if mapping.kind == "orders" and not mapping.options.get("lines_for"):
            base = done
            # the default binds this table's base (mypy cannot infer a lambda with a default argument)
            done += read_orders(table, mapping, sink, lambda n, b=base: tick(b + n),  # type: ignore[misc]
                                extra if extra else None)
    sink.finish()
    for table, mapping in pairs:
        if mapping.kind == "returns":
            sink.use_currency(mapping.options.get("currency"), table.name)
            done += extras.read_returns(table, mapping, sink, platform)
    sink.finish()
    for table, mapping in pairs:
        if mapping.kind == "traffic":
            rows, days = extras.import_traffic(conn, import_id, table, mapping, problems, options.date_order, tz,
                                               sink.dates.years)
            done += rows
            result.traffic_days += days
        elif mapping.kind == "behaviour":
            rows, days = behaviour.import_behaviour(conn, import_id, table, mapping, problems, tz)
            done += rows
            result.traffic_days += days
    cancel.check()
    _fix_dates(conn, import_id, sink.dates, problems, options, tz, skip, sink)
    return done


def _fix_dates(conn, import_id: int, dates: DateResolver, problems: Problems, options: ImportOptions, tz: str,
               skip: bool, sink: OrderSink) -> None:
    """Read the dates that streamed past before their column's day/month order was known."""
    fixups, bad = dates.finish()
    reported: set[tuple[str, int, str]] = set()
    for file, row, column, raw, reason in bad:
        if (file, row, column) not in reported:
            reported.add((file, row, column))
            problems.add(file, row, column, raw, reason)
    if skip and bad:
        for no in sql.drop_orders_with_dates(conn, import_id, "created_at", [raw for *_where, raw, _r in bad]):
            sink.counts.orders_added -= 1
            if no in sink.kept:
                sink._reject(sink.kept[no], _("not a date"))
    if fixups:
        sql.store_dates(conn, fixups)
        sql.apply_dates(conn, sink.deferred_orders, sink.deferred_cases)


def undo_import(store: Store, actor: Actor, import_id: int) -> dict[str, int]:
    """Remove what an import added and restore what it changed, audited."""
    conn = store.conn
    record = sql.get(conn, import_id)
    if record is None or record["status"] != "done":
        raise errors.InvalidValue(field=_("Import"), reason=_("There is no import {id} to undo.").format(id=import_id))
    tz = settings.get(conn, "store.timezone")
    with store.transaction():
        counts = sql.undo(conn, import_id, iso(now(tz)))
        audit.record(conn, actor, "import.undone", "import", import_id, None, counts, tz=tz)
    return counts
