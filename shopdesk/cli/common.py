"""What every command shares: exit codes, usage errors, the acting staff member, dates given as flags,
and terminal output (progress, columns padded for CJK text)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import getpass
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from shopdesk.i18n import LANGUAGES, _, current_language, formatting

if TYPE_CHECKING:
    from shopdesk.services.session import Session

EXIT_OK, EXIT_REFUSED, EXIT_CANNOT_RUN = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Bad command-line arguments (exit 2)."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # argparse exits 2 with usage, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_CANNOT_RUN, f"{self.prog}: {message}\n")


def password(env: str, prompt: str, confirm: bool = False) -> str:
    """The password in the environment variable ``env``, else asked for on the terminal."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(_("No password: set {env} or run the command in a terminal.").format(env=env))
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat the password: ")) != value:
        raise UsageError(_("The two passwords differ."))
    return value


def staff_password(user: str) -> str:
    return password("SHOPDESK_PASSWORD", _("Password of {user}: ").format(user=user))


@contextlib.contextmanager
def acting_as(args: argparse.Namespace, write: bool = True) -> Iterator[Session]:
    """The store of ``--db`` opened and the staff member of ``--user`` logged in (the password checked);
    closed afterwards.

    A command that only reads passes ``write=False``: the store is opened read-only, with no writer lock
    and no write access needed, alongside the app and other commands.
    """
    from shopdesk.services.session import opened_as
    if not args.user:
        raise UsageError(_("This command acts as a staff member: give --user NAME."))
    with opened_as(args.db, args.user, lambda: staff_password(args.user), write=write,
                   what="shopdesk " + args.command) as session:
        yield session


def reading_as(args: argparse.Namespace) -> contextlib.AbstractContextManager[Session]:
    """:func:`acting_as` for a command that only reads."""
    return acting_as(args, write=False)


def date_arg(value: str, flag: str) -> dt.date:
    """A date given on the command line, within the plausible years (the import settings' defaults:
    a year 0001 or 9999 is a typing slip, and no figure can be computed for it)."""
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


def optional_date(value: str | None, flag: str) -> dt.date | None:
    return date_arg(value, flag) if value else None


def as_of_day(args: argparse.Namespace, session: Session) -> dt.date:
    """The day of ``--date``, or the last day with data in the store (the stock and product lists)."""
    from shopdesk.services.stock import default_day
    return optional_date(args.date, "--date") or default_day(session)


def day_text(value: dt.date | str | None) -> str:
    """A day (a date or its ISO text) in the language's medium form; "—" when there is none."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10]) if value else None
    return formatting.date(value)


def stamp_text(value: str | None) -> str:
    """A stored ISO moment in the language's form; "—" when there is none."""
    return formatting.datetime(dt.datetime.fromisoformat(value)) if value else "—"


def write_pdf(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UsageError(_("--out: {path} cannot be written: {reason}").format(path=out, reason=exc.strerror)) \
            from None


def terminal_progress(label: str) -> Callable[[int, int, str], None]:
    """A progress line on a terminal (nothing when stderr is a file or pipe)."""
    if not sys.stderr.isatty():
        return lambda done, total, message: None
    state = {"shown": -1}

    def show(done: int, total: int, message: str) -> None:
        percent = int(done * 100 / total) if total else 100
        if percent != state["shown"]:
            state["shown"] = percent
            end = "\n" if percent >= 100 else ""
            print(f"\r{label} {percent:3d}%", end=end, file=sys.stderr, flush=True)
    return show


def width(text: str) -> int:
    """Columns a text takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    gap = " " * max(columns - width(text), 0)
    return gap + text if right else text + gap


def print_table(rows: Sequence[Sequence[str]], right: Sequence[int] = (), last_free: bool = True) -> None:
    """Rows of cells in aligned columns (CJK text counted double); columns in ``right`` are right-aligned;
    the last column is left unpadded when ``last_free``."""
    for line in table_lines(rows, right, last_free):
        print(line)


def table_lines(rows: Sequence[Sequence[str]], right: Sequence[int] = (), last_free: bool = True) -> list[str]:
    if not rows:
        return []
    count = max(len(r) for r in rows)
    widths = [max((width(r[i]) for r in rows if i < len(r)), default=0) for i in range(count)]
    out = []
    for row in rows:
        cells = [pad(text, widths[i], right=i in right) if not (last_free and i == len(row) - 1) else text
                 for i, text in enumerate(row)]
        out.append("  ".join(cells).rstrip())
    return out


def acting() -> argparse.ArgumentParser:
    """The options of a command that acts on a store as a staff member (a parent parser, shared by every
    subcommand: built once per language)."""
    return _acting_parser(current_language())


@functools.cache
def _acting_parser(language: str) -> argparse.ArgumentParser:
    parent = Parser(add_help=False)
    parent.add_argument("--db", required=True, help=_("the store file"))
    parent.add_argument("--user", help=_("the staff member acting"))
    parent.add_argument("--lang", choices=list(LANGUAGES), help=_("language of messages"))
    return parent


def command(sub: argparse._SubParsersAction, name: str, func: Handler, help_text: str, db: bool = True,
            user: str | None = None) -> argparse.ArgumentParser:
    """A top-level command without subcommands, run by ``func``."""
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(func=func)
    if db:
        p.add_argument("--db", required=True, help=_("the store file"))
    if user is not None:
        p.add_argument("--user", help=user)
    p.add_argument("--lang", choices=list(LANGUAGES), help=_("language of messages"))
    return p


def group(sub: argparse._SubParsersAction, name: str, help_text: str) -> Subcommands:
    """A top-level command whose subcommands each name their handler."""
    p = sub.add_parser(name, help=help_text, description=help_text)
    return Subcommands(p.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser))


class Subcommands:
    """The subcommands of a group: each added with the function that runs it and the acting options."""

    def __init__(self, sub: argparse._SubParsersAction) -> None:
        self._sub = sub

    def add(self, name: str, func: Handler, help_text: str) -> argparse.ArgumentParser:
        p = self._sub.add_parser(name, parents=[acting()], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p
