"""Qt's own strings (standard buttons, wizard buttons) through Warta's catalog.

Qt ships no Indonesian translation, so QDialogButtonBox and QWizard would
say "OK"/"Cancel"/"Next >" in an Indonesian window. Rather than a second
translation system, a QTranslator answers Qt's lookups from the same
catalog ``desktop.i18n`` uses, for the strings listed here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop import i18n
from desktop.i18n import N_

QT_STRINGS = frozenset(
    {
        N_("OK"), N_("&OK"), N_("Cancel"), N_("&Cancel"), N_("Save"), N_("&Save"), N_("Save All"),
        N_("Open"), N_("&Open"), N_("&Yes"), N_("Yes to &All"), N_("&No"), N_("N&o to All"),
        N_("Abort"), N_("Retry"), N_("Ignore"), N_("Close"), N_("&Close"), N_("Discard"),
        N_("Close without Saving"), N_("Don't Save"), N_("Help"), N_("Apply"), N_("Reset"),
        N_("Restore Defaults"), N_("< &Back"), N_("&Next >"), N_("&Finish"), N_("Go Back"),
        N_("Continue"), N_("Commit"), N_("Done"), N_("Show Details..."), N_("Hide Details..."),
    }
)


class CatalogTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # noqa: ARG002
        if source in QT_STRINGS:
            translated = i18n.gettext(source)
            if translated != source:
                return translated
        return ""  # Qt keeps its own text


def install(app: QCoreApplication) -> CatalogTranslator:
    translator = CatalogTranslator(app)
    app.installTranslator(translator)
    return translator
