"""The one way the window asks for a file or folder.

A dialog opens where its purpose last left off (remembered per purpose in
``Settings.last_folders``), else in the user's Documents or Pictures folder —
never in the working directory, which on Windows is the program folder.
The static ``QFileDialog`` functions are used, so tests answer them by
patching ``QFileDialog.getSaveFileName`` and friends.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop import settings as settings_mod

_PICTURES = QStandardPaths.StandardLocation.PicturesLocation
_DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation
# Purposes whose files are usually pictures start in Pictures; all others in Documents.
PICTURE_PURPOSES = frozenset({"import-photos", "export-photos", "logo", "contact-photo"})


def start_folder(settings: settings_mod.Settings | None, purpose: str) -> str:
    settings = settings or settings_mod.load()
    remembered = settings.last_folders.get(purpose, "")
    if remembered and os.path.isdir(remembered):
        return remembered
    location = _PICTURES if purpose in PICTURE_PURPOSES else _DOCUMENTS
    folder = QStandardPaths.writableLocation(location)
    return folder if folder and os.path.isdir(folder) else str(Path.home())


def remember(settings: settings_mod.Settings | None, purpose: str, folder: str) -> None:
    # None (no window yet: first-run wizard, library chooser) reads and writes the file itself.
    settings = settings or settings_mod.load()
    if folder:
        settings.last_folders[purpose] = folder
        settings_mod.save(settings)


def open_file(settings: settings_mod.Settings | None, parent: QWidget | None, purpose: str, title: str,
              file_filter: str = "") -> str:
    """One existing file, or "" when cancelled."""
    path, _chosen = QFileDialog.getOpenFileName(parent, title, start_folder(settings, purpose), file_filter)
    if path:
        remember(settings, purpose, str(Path(path).parent))
    return path


def open_files(settings: settings_mod.Settings | None, parent: QWidget | None, purpose: str, title: str,
               file_filter: str = "") -> list[str]:
    paths, _chosen = QFileDialog.getOpenFileNames(parent, title, start_folder(settings, purpose), file_filter)
    if paths:
        remember(settings, purpose, str(Path(paths[0]).parent))
    return list(paths)


# Libraries opened in this run: no save dialog may write into one (an export
# named like warta.db, or saved among the photos, would destroy data).
_LIBRARIES: set[Path] = set()
# Folder purposes that write into the chosen folder.
EXPORT_FOLDER_PURPOSES = frozenset({"export-photos"})


def protect(library_path: Path) -> None:
    _LIBRARIES.add(Path(library_path))


def _refused(parent: QWidget | None, title: str, path: str, *, folder: bool) -> bool:
    """Say why ``path`` cannot be written to, and return True; False when it can."""
    from desktop.errors import WartaError
    from desktop.library import export_target_problem

    try:
        problems = [export_target_problem(Path(path), lib, folder=folder) for lib in _LIBRARIES or [None]]
    except WartaError as exc:  # a name the system refuses
        problems = [str(exc)]
    problem = next((p for p in problems if p), None)
    if problem:
        QMessageBox.warning(parent, title, problem)
    return bool(problem)


def save_file(settings: settings_mod.Settings | None, parent: QWidget | None, purpose: str, title: str,
              file_name: str = "", file_filter: str = "") -> tuple[str, str]:
    """``(path, chosen filter)``; the path is "" when cancelled or refused (said in a message)."""
    start = os.path.join(start_folder(settings, purpose), file_name) if file_name else start_folder(settings, purpose)
    path, chosen = QFileDialog.getSaveFileName(parent, title, start, file_filter)
    if path and _refused(parent, title, path, folder=False):
        return "", chosen
    if path:
        remember(settings, purpose, str(Path(path).parent))
    return path, chosen


def folder(settings: settings_mod.Settings | None, parent: QWidget | None, purpose: str, title: str,
           start: str = "") -> str:
    """An existing folder, or "" when cancelled; ``start`` (a folder already chosen) wins over the remembered one."""
    chosen = QFileDialog.getExistingDirectory(parent, title, start if start and os.path.isdir(start)
                                              else start_folder(settings, purpose))
    if chosen and purpose in EXPORT_FOLDER_PURPOSES and _refused(parent, title, chosen, folder=True):
        return ""
    if chosen:
        remember(settings, purpose, str(Path(chosen).parent) if purpose in ("library", "new-library") else chosen)
    return chosen
