"""Translations (gettext catalogs) and the current language. No Qt.

Messages are written in English in the source, marked with ``_()`` (translate
now) or ``N_()`` (mark for extraction, translate when shown). Catalogs live in
``resources/translations/<lang>/LC_MESSAGES/shopdesk.po`` and are compiled to
``.mo`` by ``python -m shopdesk.i18n.compile``. The UI and the PDF reports both
read the language from here, so they always agree.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from pathlib import Path

#: Languages the product speaks, in menu order: code → native name.
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "zh_TW": "繁體中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
DOMAIN = "shopdesk"

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_listeners: list[Callable[[str], None]] = []


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message


class Lazy(str):
    """A message id that translates itself when formatted into a message."""

    def __format__(self, spec: str) -> str:
        return format(_(str(self)), spec)

    def __str__(self) -> str:
        return _(str.__str__(self))


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _current.gettext(message)


def pgettext(context: str, message: str) -> str:
    """Translate a short, ambiguous ``message`` in its ``context``."""
    return _current.pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on the count ``n``."""
    return _current.ngettext(singular, plural, n)


def load_catalog(language: str) -> gettext.NullTranslations:
    """Load the compiled catalog of ``language``; English falls back to the source text."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    return gettext.translation(DOMAIN, TRANSLATIONS_DIR, languages=[language], fallback=language == "en")


def set_language(language: str) -> None:
    """Switch every message, number and date to ``language`` and tell the listeners."""
    global _current, _language
    _current = load_catalog(language)
    _language = language
    for listener in list(_listeners):
        listener(language)


def current_language() -> str:
    """The code of the language in use (``zh_CN``, ``zh_TW`` or ``en``)."""
    return _language


def add_listener(listener: Callable[[str], None]) -> None:
    """Call ``listener(language)`` after every language switch."""
    _listeners.append(listener)


def remove_listener(listener: Callable[[str], None]) -> None:
    """Stop calling ``listener`` on language switches."""
    if listener in _listeners:
        _listeners.remove(listener)
