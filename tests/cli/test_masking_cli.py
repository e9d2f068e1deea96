"""Every command and printed report, as every role, text and ``--json``: supplier names and terms, minimum
orders, price indexes, costs and profit show only to the roles with the right to see them (SPEC §8)."""

from __future__ import annotations

import argparse
import datetime as dt
import json

import pytest

from shopdesk.cli import build_parser, main
from shopdesk.domain.reports import LISTS
from shopdesk.domain.roles import Role
from tests.masking import PASSWORD, USERS, build, sees, sensitive_json, unmasked_price_indexes

REPORTS = ("daily", "weekly", "monthly") + LISTS
#: Commands that read: each is run as every role, in each of its forms (text, --json, ...).
READS: dict[tuple[str, ...], list[list[str]]] = {
    ("check",): [[]],
    ("kpi",): [["--from", "{week}", "--to", "{day}"], ["--from", "{week}", "--to", "{day}", "--json"],
               ["--from", "{week}", "--to", "{day}", "--csv"]],
    ("report",): [[kind, "--date", "{day}", "--out", "{out}"] for kind in REPORTS],
    ("target", "list"): [[]],
    ("anomalies", "list"): [[]],
    ("task", "list"): [[]],
    ("meeting", "list"): [[], ["--json"]],
    ("stock", "alerts"): [[], ["--json"], ["--all"], ["--all", "--json"], ["--take-down"]],
    ("stock", "orders"): [[]],
    ("stock", "suppliers"): [[], ["--json"]],
    ("stock", "carriers"): [[], ["--json"]],
    ("stock", "reservations"): [[]],
    ("stock", "replenishment"): [[], ["--json"]],
    ("products", "slow"): [[], ["--json"]],
    ("products", "weekly"): [[], ["--json"]],
    ("products", "profit"): [[], ["--json"]],
    ("daily", "status"): [["--date", "{day}"]],
    ("imports", "list"): [[]],
    ("user", "list"): [[]],
}
#: Commands that change the store: they print what was done (a count, an id), never a figure of the list.
WRITES = {
    ("init",), ("demo",), ("backup",), ("restore",), ("import",), ("traffic",), ("target", "set"),
    ("anomalies", "detect"), ("anomalies", "explain"), ("task", "add"), ("task", "status"), ("meeting", "record"),
    ("meeting", "decide"), ("stock", "post"), ("stock", "take"), ("stock", "order"), ("stock", "qc"),
    ("stock", "receive"), ("stock", "reserve"), ("stock", "unreserve"), ("products", "delist"),
    ("products", "decide"), ("products", "treat"), ("products", "target"), ("daily", "prepare"),
    ("daily", "confirm"), ("imports", "undo"), ("user", "add"), ("user", "disable"), ("user", "enable"),
}


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {prefix}
    return {c for name, sub in subs[0].choices.items() for c in _commands(sub, prefix + (name,))}


def test_every_command_is_run_by_the_mask_test():
    assert _commands(build_parser()) == set(READS) | WRITES


@pytest.fixture(scope="module")
def hidden(_template_demo, tmp_path_factory):
    return build(_template_demo, tmp_path_factory.mktemp("masked"))


def _run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def _pdf_text(path) -> str:
    from tests.reports.conftest import pdf_pages
    return "\n".join(pdf_pages(path.read_bytes()))


@pytest.mark.parametrize("role", list(Role))
def test_every_command_masks_what_the_role_may_not_see(role, hidden, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SHOPDESK_PASSWORD", PASSWORD)
    values = {"day": hidden.as_of.isoformat(), "week": (hidden.as_of - dt.timedelta(days=6)).isoformat()}
    seen: list[str] = []
    shown: dict[str, str] = {}
    codes: dict[str, int] = {}
    for command, forms in READS.items():
        for n, form in enumerate(forms):
            out = tmp_path / f"{'-'.join(command)}-{n}.pdf"
            words = [*command, *[a.format(out=out, **values) for a in form]]
            argv = [*command, "--db", str(hidden.path), *words[len(command):]]
            if command != ("check",):
                argv += ["--user", USERS[role]]
            code, text = _run(argv, capsys)
            assert code in (0, 1), (argv, text)  # done, or refused for the role
            if code == 0 and command == ("report",):
                text += _pdf_text(out)
            label = " ".join(words)
            shown[label], codes[label] = text, code
            if "--json" in form and code == 0:
                document = json.loads(text)
                if not sees(role):
                    assert sensitive_json(document) == [], label
            seen.append(text)
    everything = "\n".join(seen)
    if sees(role):  # the test sees what it looks for: it cannot pass for want of data
        found = hidden.found(everything)
        for kind in ("stock suppliers", "stock replenishment", "stock orders"):
            assert any(hidden.found(t) for label, t in shown.items() if label.startswith(kind)), kind
        assert any(value in found for value in ("4817", "4,817")), "the minimum order"
        assert any(p in everything for p in hidden.price_indexes)
        assert any(hidden.found(t) for label, t in shown.items() if label.startswith("products profit") and
                   "--json" not in label), "profit"
        for kind in ("suppliers", "replenishment", "delisting"):
            assert any(hidden.found(t) for label, t in shown.items() if label.startswith(f"report {kind} ")), kind
    else:
        assert hidden.found(everything) == []
        assert unmasked_price_indexes(everything) == []
        profit = [code for label, code in codes.items() if label.startswith("products profit")]
        assert profit == [1, 1]  # refused, as the Products tab has no profit page for the role
