"""Pre-listing checks (上架前檢查), SPEC §3: what a listing application shows before it is sent.

Banned words in the title and description (an editable list per language; the
defaults are the common absolute and medical claims), blank attributes (each
warns; more than a share of them blank — 20 % by default — flags the
application), repeated title words, and the SKU price ladder (a price above
zero, one price per spec, the cheapest variant in stock).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Absolute and medical claims the platforms' advertising rules forbid, per language (editable in the store).
DEFAULT_BANNED: dict[str, tuple[str, ...]] = {
    "zh_CN": ("最", "第一", "国家级", "顶级", "极品", "绝对", "唯一", "万能", "根治", "治疗", "治愈", "药到病除",
              "无副作用", "100%有效"),
    "zh_TW": ("最", "第一", "國家級", "頂級", "極品", "絕對", "唯一", "萬能", "根治", "治療", "治癒", "藥到病除",
              "無副作用", "100%有效"),
    "en": ("best", "number one", "no. 1", "#1", "guaranteed", "cure", "cures", "heals", "miracle", "100% effective"),
}

WARNING, FLAG = "warning", "flag"


@dataclass(frozen=True)
class Variant:
    """One SKU of an application: its spec (option values), price in minor units and stock."""

    spec: str
    price_cents: int
    stock: int


@dataclass(frozen=True)
class Finding:
    """One result of the checks.

    Attributes:
        check: ``banned_word``, ``blank_attribute``, ``blank_attributes``, ``repeated_word``, ``price``,
            ``price_ladder`` or ``cheapest_out_of_stock``.
        where: the field or variant it is about.
        detail: the word, attribute or value found.
        severity: ``warning`` or ``flag`` (a flag is what a reviewer rejects for).
    """

    check: str
    where: str
    detail: str
    severity: str


def _is_latin(word: str) -> bool:
    return all(ord(ch) < 0x2E80 for ch in word)


def banned_found(text: str, words: list[str] | tuple[str, ...]) -> list[str]:
    """The banned words ``text`` holds: Latin words as whole words without case, Chinese ones anywhere."""
    found = []
    folded = text.casefold()
    for word in words:
        w = word.strip()
        if not w:
            continue
        if _is_latin(w):
            if re.search(rf"(?<![\w]){re.escape(w.casefold())}(?![\w])", folded):
                found.append(w)
        elif w in text:
            found.append(w)
    return found


def repeated_words(title: str) -> list[str]:
    """Words written more than once in a title (split at spaces and punctuation; case ignored)."""
    seen: dict[str, int] = {}
    for token in re.split(r"[\s,，、/|;；:：()（）\[\]【】+\-]+", title):
        key = token.casefold()
        if len(key) >= 2:
            seen[key] = seen.get(key, 0) + 1
    return [word for word, n in seen.items() if n > 1]


def check(title: str, description: str, attributes: dict[str, str], variants: list[Variant],
          banned: list[str] | tuple[str, ...], blank_limit: float) -> list[Finding]:
    """Every finding of the pre-listing checks, in the order they are listed."""
    findings: list[Finding] = []
    for where, text in (("title", title), ("description", description)):
        findings += [Finding("banned_word", where, word, FLAG) for word in banned_found(text, banned)]
    blank = [name for name, value in attributes.items() if not value.strip()]
    findings += [Finding("blank_attribute", name, "", WARNING) for name in blank]
    if attributes and len(blank) / len(attributes) > blank_limit:
        findings.append(Finding("blank_attributes", "attributes", f"{len(blank)}/{len(attributes)}", FLAG))
    findings += [Finding("repeated_word", "title", word, WARNING) for word in repeated_words(title)]
    findings += [Finding("price", v.spec, str(v.price_cents), FLAG) for v in variants if v.price_cents <= 0]
    prices: dict[str, set[int]] = {}
    for v in variants:
        prices.setdefault(v.spec.strip().casefold(), set()).add(v.price_cents)
    findings += [Finding("price_ladder", spec, ", ".join(str(p) for p in sorted(p_set)), FLAG)
                 for spec, p_set in prices.items() if len(p_set) > 1]
    priced = [v for v in variants if v.price_cents > 0]
    if priced:
        cheapest = min(v.price_cents for v in priced)
        if all(v.stock <= 0 for v in priced if v.price_cents == cheapest):
            findings.append(Finding("cheapest_out_of_stock", min((v for v in priced if v.price_cents == cheapest),
                                                                  key=lambda v: v.spec).spec, str(cheapest), FLAG))
    return findings


def flagged(findings: list[Finding]) -> bool:
    """Whether any finding is a flag (what a reviewer is expected to reject)."""
    return any(f.severity == FLAG for f in findings)
