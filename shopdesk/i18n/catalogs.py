"""Maintaining the message catalogs (babel): extract, update and compile.

    python -m shopdesk.i18n.catalogs update    # source → shopdesk.pot → each .po
    python -m shopdesk.i18n.catalogs compile   # each .po → .mo

Run ``update`` after changing UI text, translate the new entries in each
``.po`` file, then ``compile``. The tests fail while a catalog misses a
message, a placeholder differs, or a ``.mo`` is older than its ``.po``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from shopdesk.i18n import DOMAIN, LANGUAGES, TRANSLATIONS_DIR

SOURCE = Path(__file__).resolve().parents[1]
POT = TRANSLATIONS_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "Lazy": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def po_path(language: str) -> Path:
    """The ``.po`` file of ``language``."""
    return TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    """The compiled ``.mo`` file of ``language``."""
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    """Every marked message in the source tree."""
    catalog = Catalog(project="ShopDesk", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            SOURCE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",)):
        catalog.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read(language: str) -> Catalog:
    """The ``.po`` catalog of ``language``."""
    with po_path(language).open("rb") as fh:
        return read_po(fh, locale=language)


def update() -> None:
    """Write the template and merge it into each language's ``.po``."""
    template = extract()
    with POT.open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True)
    for language in LANGUAGES:
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read(language) if path.exists() else Catalog(locale=language, project="ShopDesk")
        catalog.update(template, no_fuzzy_matching=True)
        if language == "en":
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        with path.open("wb") as fh:
            write_po(fh, catalog, sort_output=True, ignore_obsolete=True)


def compile_all() -> None:
    """Compile each ``.po`` to ``.mo``."""
    for language in LANGUAGES:
        with mo_path(language).open("wb") as fh:
            write_mo(fh, read(language))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        sys.exit(__doc__)
