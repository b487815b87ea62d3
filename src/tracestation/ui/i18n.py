"""Which language the window speaks, and loading its translations.

English is the source language of every string; other languages come from the `.qm` files built
from resources/ui/translations/*.ts (`pyside6-lrelease`). The choice: `--lang`, then the
`TRACESTATION_LANG` environment variable, then the settings file, then the system locale.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tracestation.resources import resources_dir

LANGUAGE_ENV = "TRACESTATION_LANG"
SOURCE_LANGUAGE = "en"


def translations_dir() -> Path:
    return resources_dir() / "ui" / "translations"


def available_languages() -> list[str]:
    """English and every language with a built `.qm` file, e.g. ["en", "ro"]."""
    built = sorted(
        p.stem.removeprefix("tracestation_") for p in translations_dir().glob("tracestation_*.qm")
    )
    return [SOURCE_LANGUAGE, *[code for code in built if code != SOURCE_LANGUAGE]]


def choose_language(cli: str | None, configured: str | None, system: str | None = None) -> str:
    """The first of `--lang`, $TRACESTATION_LANG, the settings and the locale that we ship."""
    shipped = available_languages()
    system = system if system is not None else QLocale.system().name()
    for wish in (cli, os.environ.get(LANGUAGE_ENV), configured, system):
        code = (wish or "").strip().replace("-", "_").split("_")[0].lower()
        if code in shipped:
            return code
    return SOURCE_LANGUAGE


class Translators:
    """Holds the installed translators (Qt drops a translator that is garbage collected)."""

    def __init__(self) -> None:
        self.installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def install(self, language: str) -> bool:
        """Switch the application to `language`; False when its translation cannot be loaded."""
        self.remove()
        self.language = language
        if language == SOURCE_LANGUAGE:
            return True
        ours = QTranslator()
        if not ours.load(str(translations_dir() / f"tracestation_{language}.qm")):
            self.language = SOURCE_LANGUAGE
            return False
        qt_own = QTranslator()  # Qt's own strings (context menus of text fields), when present
        if qt_own.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            QCoreApplication.installTranslator(qt_own)
            self.installed.append(qt_own)
        QCoreApplication.installTranslator(ours)
        self.installed.append(ours)
        return True

    def remove(self) -> None:
        for translator in self.installed:
            QCoreApplication.removeTranslator(translator)
        self.installed.clear()
        self.language = SOURCE_LANGUAGE
