"""The agent's language: one way to translate a text, and the translators to install.

Every text the window shows goes through `tr()` with a literal string, so Qt's lupdate
finds it (`packaging/translations.py` runs it). lupdate files a bare `tr("...")` under
the empty context, so `tr()` looks it up there too: one context for the whole window.
The core's sentences are marked with `core.translatable.translatable()` or written
as `say(...)` Phrases; lupdate lists them in the same context and `tr()` translates them.

The desk's own texts come from `phlo_desk_<language>.qm` beside this package's
resources; Qt's own (dialog buttons, the line edit's menu) from Qt's `qtbase_<language>.qm`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

from phlo_desk import translations_path

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

log = logging.getLogger(__name__)

CONTEXT = ""
SOURCE_LANGUAGE = "en"
CATALOGUE = "phlo_desk"  # phlo_desk_es.qm, phlo_desk_es.ts
# A language's name in itself, for the Settings list.
NATIVE_NAMES = {"en": "English", "es": "Español"}


def tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation)


def translations_folder() -> Path:
    return translations_path()


def available_languages(folder: Path | None = None) -> list[tuple[str, str]]:
    """(code, name in that language) for English and every compiled catalogue."""
    folder = folder or translations_folder()
    codes = sorted(path.stem.removeprefix(CATALOGUE + "_") for path in folder.glob(f"{CATALOGUE}_*.qm"))
    return [(SOURCE_LANGUAGE, NATIVE_NAMES[SOURCE_LANGUAGE])] + [
        (code, NATIVE_NAMES.get(code) or QLocale(code).nativeLanguageName() or code)
        for code in codes if code != SOURCE_LANGUAGE]


class Translators:
    """The translators installed on the application, for one language."""

    def __init__(self) -> None:
        self.language = SOURCE_LANGUAGE
        self._installed: list[QTranslator] = []

    def install(self, language: str = "", folder: Path | None = None) -> str:
        """Translate into `language` ("" = the system's), or the nearest one there is a
        catalogue for; English when there is none. Returns the language chosen."""
        self.remove()
        wanted = _before_english((QLocale(language) if language else QLocale.system()).uiLanguages())
        if wanted:  # an English desk needs no translator and no catalogue folder
            from PySide6.QtCore import QTranslator

            catalogues = str(folder or translations_folder())
        for name in wanted:
            ours = QTranslator(QCoreApplication.instance())
            # load(locale, ...) tries the name with and without its script and region.
            if ours.load(QLocale(name), CATALOGUE, "_", catalogues):
                self.language = ours.language() or name
                self._add(ours)
                self._add_qt_translation(QLocale(name))
                break
        else:
            if language and not language.startswith(SOURCE_LANGUAGE):
                log.warning("no translation for %r: the desk stays in English", language)
        QLocale.setDefault(QLocale(self.language))  # dates and numbers follow the language shown
        return self.language

    def _add_qt_translation(self, locale: QLocale) -> None:
        from PySide6.QtCore import QLibraryInfo, QTranslator  # only for a translated desk: ~2 ms of start-up

        qt = QTranslator(QCoreApplication.instance())
        if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._add(qt)
        else:
            log.info("no Qt translation for %s: Qt's own buttons stay in English", self.language)

    def remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = SOURCE_LANGUAGE

    def _add(self, translator: QTranslator) -> None:
        QCoreApplication.installTranslator(translator)
        self._installed.append(translator)


def _before_english(languages: list[str]) -> list[str]:
    """The agent's languages in their order, up to the first English one: English is the
    source, so it needs no catalogue and one listed after it is not wanted."""
    wanted = []
    for name in languages:
        if name == "C" or name.split("-")[0].lower() == SOURCE_LANGUAGE:
            break
        wanted.append(name)
    return wanted


_translators = Translators()


def install(language: str = "", folder: Path | None = None) -> str:
    """Install the application's translators (once per start, before the window is built)."""
    return _translators.install(language, folder)


def remove() -> None:
    _translators.remove()


def current_language() -> str:
    return _translators.language


def tr_marked(text: str) -> str:
    """A text marked with `translatable()` where it is defined (the core's sentences, a
    table's column names), in the agent's language. Never for text from outside the desk."""
    return QCoreApplication.translate(CONTEXT, text)
