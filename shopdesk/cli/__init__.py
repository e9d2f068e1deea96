"""The ``shopdesk`` command: the GUI's functions, headless.

One module per command group registers its commands, each with the function that runs it
(``register(sub)``); a command's handler opens the store through ``services`` and prints through
``i18n`` (numbers, money, percentages and dates in the chosen language). Nothing here imports ``store``.

Exit codes: 0 done; 1 refused or problems found (listed); 2 could not run
(bad arguments, a file that cannot be opened). Expected errors print their
message, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from shopdesk import __version__
from shopdesk.cli.common import EXIT_CANNOT_RUN, EXIT_REFUSED, Parser, UsageError
from shopdesk.domain import errors
from shopdesk.i18n import LANGUAGES, _, set_language

#: Each command group's module and the commands it registers, in the order ``shopdesk --help`` lists them:
#: a command imports its own group alone (``tests/cli/test_commands.py`` holds this map to the modules).
GROUPS: dict[str, tuple[str, ...]] = {
    "stores": ("init", "demo", "check", "backup", "restore"),
    "imports": ("import", "imports"),
    "kpi": ("kpi",),
    "reports": ("report",),
    "targets": ("target",),
    "anomalies": ("anomalies",),
    "tasks": ("task",),
    "meetings": ("meeting",),
    "stock": ("stock",),
    "products": ("products",),
    "confirmation": ("daily",),
    "traffic": ("traffic",),
    "accounts": ("user",),
}


def _group_modules(only: str | None) -> list[ModuleType]:
    """The modules of every group, or of the group holding the command ``only`` (all when it is none)."""
    names = [g for g, commands in GROUPS.items() if only in commands] or list(GROUPS)
    return [importlib.import_module(f"shopdesk.cli.{name}") for name in names]


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
    parser = Parser(prog="shopdesk", description=_("ShopDesk: the offline back office of an online store."))
    parser.add_argument("--version", action="version", version=f"ShopDesk {__version__}")
    parser.add_argument("--demo", action="store_true", help=_("open the demo store"))
    parser.add_argument("--db", help=_("the store file to open"))
    parser.add_argument("--lang", choices=list(LANGUAGES), help=_("language of messages"))
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    target = _OnlyCommand(sub, only) if only is not None else sub
    for module in _group_modules(only):
        module.register(target)
    if isinstance(target, _OnlyCommand) and not target.found:
        return build_parser()
    return parser


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
