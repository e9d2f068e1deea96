"""The command line is parsed with the parser of the command run alone: the same arguments, less start-up."""

from __future__ import annotations

import pytest

from shopdesk import cli


def commands(parser) -> set[str]:
    return set(next(a for a in parser._actions if a.dest == "command").choices)


@pytest.mark.parametrize(("argv", "command"), [
    (["kpi", "--db", "s.sqlite"], "kpi"), (["--db", "x", "--lang", "en", "stock", "alerts"], "stock"),
    (["--demo"], None), (["--help", "kpi"], None), (["--version"], None), ([], None),
])
def test_the_command_is_found_before_parsing(argv, command):
    assert cli._command_in(argv) == command


def test_only_the_command_run_is_built():
    assert commands(cli.build_parser("kpi")) == {"kpi"}
    assert commands(cli.build_parser("stock")) == {"stock"}
    everything = commands(cli.build_parser())
    assert {"kpi", "report", "stock", "products", "user", "daily"} <= everything
    assert commands(cli.build_parser("no-such-command")) == everything  # so that the error lists them all


def test_the_arguments_parse_the_same():
    argv = ["stock", "alerts", "--db", "s.sqlite", "--user", "amy", "--json"]
    alone, full = cli.build_parser("stock").parse_args(argv), cli.build_parser().parse_args(argv)
    assert vars(alone) == vars(full)
    argv = ["kpi", "--db", "s.sqlite", "--user", "amy", "--from", "2024-01-01", "--to", "2024-01-31", "--by", "week"]
    assert vars(cli.build_parser("kpi").parse_args(argv)) == vars(cli.build_parser().parse_args(argv))
