"""Qt's own strings (standard buttons, text-field menus, file dialogs) through Warta's catalog.

Qt ships no Indonesian translation (PySide6's ``translations/`` folder has no
``qtbase_id.qm``), so QDialogButtonBox, QWizard, a text field's right-click
menu and QFileDialog would speak English in an Indonesian window. Rather
than a second translation system, a QTranslator answers Qt's lookups from the
same catalog ``desktop.i18n`` uses, for the strings listed here (their
entries are in ``core.po`` and ``qt.po``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop import i18n
from desktop.i18n import N_

QT_STRINGS = frozenset(
    {
        # QPlatformTheme (button boxes, message boxes), QWizard, QMessageBox
        N_("OK"), N_("&OK"), N_("Cancel"), N_("&Cancel"), N_("Save"), N_("&Save"), N_("Save All"),
        N_("Open"), N_("&Open"), N_("&Yes"), N_("Yes to &All"), N_("&No"), N_("N&o to All"),
        N_("Abort"), N_("Retry"), N_("Ignore"), N_("Close"), N_("&Close"), N_("Discard"),
        N_("Close without Saving"), N_("Don't Save"), N_("Help"), N_("Apply"), N_("Reset"),
        N_("Restore Defaults"), N_("< &Back"), N_("&Next >"), N_("&Finish"), N_("Go Back"),
        N_("Continue"), N_("Commit"), N_("Done"), N_("Show Details..."), N_("Hide Details..."),
        # QLineEdit / QWidgetTextControl context menus
        N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"), N_("Select All"),
        # QFileDialog, QFileSystemModel, QAbstractFileIconProvider
        N_("&Choose"), N_("&Delete"), N_("&Rename"), N_("&Look in:"), N_("&New Folder"), N_("New Folder"),
        N_("All Files (*)"), N_("Back"), N_("Forward"), N_("Go back"), N_("Go forward"),
        N_("Parent Directory"), N_("Go to the parent directory"), N_("Create New Folder"),
        N_("Create a New Folder"), N_("List View"), N_("Detail View"), N_("Change to list view mode"),
        N_("Change to detail view mode"), N_("Directories"), N_("Directory:"), N_("Files"),
        N_("File &name:"), N_("Files of &type:"), N_("Show &hidden files"), N_("Sidebar"),
        N_("List of places and bookmarks"), N_("Computer"), N_("Drive"), N_("Folder"), N_("Name"),
        N_("Size"), N_("Type"), N_("Date Modified"), N_("%1 already exists.\nDo you want to replace it?"),
    }
)


class CatalogTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: ARG002
        if source in QT_STRINGS:
            translated = i18n.gettext(source)
            if translated != source:
                return translated
        # None (a null QString) means "no translation here": Qt keeps its own
        # text. An empty string would be taken as the translation.
        return None


def install(app: QCoreApplication) -> CatalogTranslator:
    translator = CatalogTranslator(app)
    app.installTranslator(translator)
    return translator
