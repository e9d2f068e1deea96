"""Every message exists in 简体中文, 繁體中文 and English, with the same placeholders."""

import gettext
import re
import string

import pytest

from shopdesk.i18n import DOMAIN, LANGUAGES, TRANSLATIONS_DIR
from shopdesk.i18n.catalogs import extract, mo_path, read

SOURCE_IDS = sorted({m.id for m in extract() if m.id})


def placeholders(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field is not None}


def test_the_source_has_messages():
    assert len(SOURCE_IDS) > 200
    assert "Wrong user name or password." in SOURCE_IDS


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_source_message_is_translated(lang):
    catalog = read(lang)
    translated = {m.id: m.string for m in catalog if m.id}
    missing = [mid for mid in SOURCE_IDS if not translated.get(mid)]
    assert not missing, f"{lang} misses {len(missing)} messages, e.g. {missing[:5]}"
    assert not [m.id for m in catalog if m.id and m.fuzzy], "fuzzy entries left"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_placeholders_match(lang):
    for m in read(lang):
        if m.id and m.string:
            assert placeholders(m.id) == placeholders(m.string), (lang, m.id, m.string)


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_accelerators_survive(lang):
    for m in read(lang):
        if m.id and re.search(r"&\w", m.id):
            assert re.search(r"&\w", m.string), (lang, m.id)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_compiled_catalog_is_up_to_date(lang):
    compiled = gettext.translation(DOMAIN, TRANSLATIONS_DIR, languages=[lang])
    for m in read(lang):
        if m.id and m.string:
            assert compiled.gettext(m.id) == m.string, f"{mo_path(lang)} is stale: run catalogs compile"


def test_regional_terms():
    """Each audience reads its own words: 库存/庫存, 订单/訂單, 设置/設定, 账号/帳號."""
    cn = {m.id: m.string for m in read("zh_CN") if m.id}
    tw = {m.id: m.string for m in read("zh_TW") if m.id}
    assert cn["Orders"] == "订单" and tw["Orders"] == "訂單"
    assert cn["Settings"] == "设置" and tw["Settings"] == "設定"
    assert "库存" in cn["Safety stock of a new product"] and "庫存" in tw["Safety stock of a new product"]
    assert "帳號" in tw["Staff accounts"] and "账号" in cn["Staff accounts"]
    traditional_only = set("庫訂單設帳號檔")
    assert not any(ch in traditional_only for text in cn.values() for ch in text)
    simplified_only = set("库订单设账号档")
    assert not any(ch in simplified_only for text in tw.values() for ch in text)
