"""Switching the UI language at once, without a restart.

:func:`switch_language` changes the gettext catalog and Qt's own translator
(stock dialogs); Qt then sends every widget a ``LanguageChange`` event, which
:class:`Retranslating` widgets answer by calling ``retranslate_ui()``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QSettings, QTranslator

from shopdesk import i18n

log = logging.getLogger(__name__)

_qt_translator: QTranslator | None = None
_QT_LOCALES = {"zh_CN": "zh_CN", "zh_TW": "zh_TW", "en": "en_US"}


class QtCatalog(QTranslator):
    """Qt's own catalog (``qtbase_<language>.qm``, shipped with PySide6) for its stock dialogs and buttons.

    Qt gave some texts an accelerator after its translators wrote them ("&Look in:" in the file
    dialog, translated only as "Look in:"): those are looked up without the ``&`` and get the
    accelerator back the way Chinese writes it ("查找范围(&L)：").
    """

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 - Qt's
        found = super().translate(context, source, disambiguation, n)
        if found or source.count("&") != 1 or source.endswith("&"):
            return found
        key = source[source.index("&") + 1]
        found = super().translate(context, source.replace("&", ""), disambiguation, n)
        if not found or not key.isalnum():
            return found
        tail = next((colon for colon in ("：", ":") if found.endswith(colon)), "")
        return f"{found[:len(found) - len(tail)]}(&{key.upper()}){tail}"


def _load_qt_catalog(language: str, parent: QObject) -> QTranslator | None:
    """Qt's catalog of ``language`` from PySide6's translations folder, or None (English, or not shipped)."""
    if language == "en":
        return None
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QtCatalog(parent)
    if translator.load(f"qtbase_{language}", folder):
        return translator
    log.warning("Qt's own texts stay English: no qtbase_%s.qm in %s", language, folder)
    return None


class Retranslating:
    """Mixin for widgets: calls ``retranslate_ui()`` on every language change."""

    def retranslate_ui(self) -> None:  # pragma: no cover - each widget overrides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange and self._still_usable():
            try:
                self.retranslate_ui()
            except Exception:  # never let an exception escape into Qt's event delivery
                log.exception("retranslating %s failed", type(self).__name__)
        super().changeEvent(event)  # type: ignore[misc]

    def _still_usable(self) -> bool:
        """False once the widget's store was closed (a window on its way out)."""
        session = getattr(self, "session", None)
        return session is None or session.store.is_open


def switch_language(language: str, remember: bool = True) -> None:
    """Use ``language`` everywhere from now on (and next time, if ``remember``)."""
    global _qt_translator
    i18n.set_language(language)
    QLocale.setDefault(QLocale(_QT_LOCALES[language]))
    app = QCoreApplication.instance()
    if app is not None:
        changed = False
        if _qt_translator is not None:
            app.removeTranslator(_qt_translator)
            _qt_translator = None
            changed = True
        translator = _load_qt_catalog(language, app)
        if translator is not None:
            app.installTranslator(translator)
            _qt_translator = translator
            changed = True
        if not changed:  # English to English: no Qt catalog changed, tell the widgets ourselves
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        # Qt posts the change to every window; deliver it now so the switch is immediate.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    if remember:
        QSettings().setValue("language", language)


def saved_language(default: str) -> str:
    """The language chosen last time, or ``default``."""
    value = QSettings().value("language", default)
    return value if value in i18n.LANGUAGES else default
