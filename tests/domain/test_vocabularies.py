"""The code → label vocabularies: one per concept, in the domain, translated in every language."""

import ast
import pathlib

import pytest

from shopdesk import i18n
from shopdesk.domain import vocabularies as v
from shopdesk.domain.bulk_edit import STAGES

VOCABULARIES = {
    "order status": v.ORDER_STATUS_LABELS,
    "product stage": v.PRODUCT_STAGE_LABELS,
    "purchase-order status": v.PURCHASE_ORDER_STATUS_LABELS,
    "treatment": v.TREATMENT_LABELS,
    "stock movement": v.MOVEMENT_KIND_LABELS,
    "decision": v.DECISION_LABELS,
    "supplier action": v.SUPPLIER_ACTION_LABELS,
    "slow-moving reason": v.SLOW_REASON_LABELS,
    "listing check": v.LISTING_CHECK_LABELS,
    "listing part": v.LISTING_PART_LABELS,
    "weekly mark": v.WEEKLY_MARK_LABELS,
    "weekly shortfall": v.WEEKLY_SHORT_OF_LABELS,
    "import status": v.IMPORT_STATUS_LABELS,
    "target weighting": v.WEIGHTING_LABELS,
}
ROOT = pathlib.Path(__file__).resolve().parents[2] / "shopdesk"


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_label_is_translated(name, language):
    catalog = i18n.load_catalog(language)
    for code, message in VOCABULARIES[name].items():
        assert catalog.gettext(message) != message, f"{name} {code!r} has no {language} label"


def test_product_stages_are_the_labelled_ones_in_order():
    assert set(v.PRODUCT_STAGES) == set(v.PRODUCT_STAGE_LABELS)
    assert STAGES == v.PRODUCT_STAGES[:-1] and "delisted" not in STAGES  # delisting needs an application


def test_label_keeps_unknown_codes_and_marks_missing_ones():
    assert v.label(v.PURCHASE_ORDER_STATUS_LABELS, "qc") == "checked"
    assert v.label(v.PURCHASE_ORDER_STATUS_LABELS, "lost_in_post") == "lost_in_post"
    assert v.label(v.PURCHASE_ORDER_STATUS_LABELS, None) == "—"


def _stage_tuples(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.Set | ast.List):
            values = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            if {"growth", "mature", "slow_moving"} <= values:
                yield node.lineno


def _label_dicts(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            labelled = all(isinstance(e, ast.Call) and getattr(e.func, "id", "") == "N_" for e in node.values)
            if labelled and keys & {"growth", "slow_moving", "qc", "shipped"} and len(keys) >= 3:
                yield node.lineno


def test_no_layer_above_the_domain_labels_the_domains_codes():
    """A dict of ``N_()`` labels outside ``domain/`` holding a whole domain vocabulary, or made mostly of its
    codes, is that vocabulary written again (a form's field labels that merely share a word are not)."""
    from shopdesk.domain.meetings import KIND_LABELS
    from shopdesk.domain.tasks import STATUS_LABELS
    codes = [set(labels) for labels in (*VOCABULARIES.values(), KIND_LABELS, STATUS_LABELS)]
    found = []
    for path in ROOT.rglob("*.py"):
        if "domain" in path.relative_to(ROOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and node.values and all(
                    isinstance(e, ast.Call) and getattr(e.func, "id", "") == "N_" for e in node.values):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if any(len(keys & c) >= 2 and (c <= keys or len(keys & c) * 2 >= len(keys)) for c in codes):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "domain codes labelled outside domain/: " + ", ".join(found)


def test_no_other_module_writes_these_vocabularies_again():
    found = []
    for path in ROOT.rglob("*.py"):
        if path.name == "vocabularies.py" or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(ROOT)}:{line}" for line in (*_stage_tuples(tree), *_label_dicts(tree))]
    assert not found, "code lists or labels written outside domain/vocabularies.py: " + ", ".join(found)
