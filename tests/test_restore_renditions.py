"""After a restore the print renditions a backup leaves out are made again, so the first press kit is warm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from photos_support import jpeg

PHOTOS = 4  # more than the two made in-process: the import's worker processes make them


@pytest.fixture
def backup_file(library, tmp_path) -> Path:
    from desktop.photos import api as photos
    from desktop.safety import api as safety

    folder = tmp_path / "camera"
    folder.mkdir()
    for n in range(PHOTOS):
        jpeg(folder / f"DSC_{n:04d}.jpg", seed=n, size=(2400, 1600))
    result = photos.import_paths(library, [folder])
    assert len(result.added) == PHOTOS
    for pid in result.added:  # the live library has them (made at import)
        assert photos.rendition_path(library.path, photos.get_photo(library, pid).sha256).is_file()
    usb = tmp_path / "usb"
    usb.mkdir()
    return safety.export_backup(library, usb).path


def _renditions(path: Path) -> tuple[list[Path], list[str]]:
    """The restored library's rendition files, and each photo's recorded rendition state."""
    from desktop.library import Library
    from desktop.photos import api as photos

    lib = Library.open(path, create=False)
    try:
        infos = [photos.get_photo(lib, pid) for pid in photos.photo_ids(lib)]
        return [photos.rendition_path(lib.path, i.sha256) for i in infos], [i.rendition_state for i in infos]
    finally:
        lib.close()


def test_backup_leaves_renditions_out_and_restore_makes_them_again(backup_file, tmp_path, cli):
    import zipfile

    with zipfile.ZipFile(backup_file) as zf:
        assert not [n for n in zf.namelist() if n.startswith("renditions/")]
    target = tmp_path / "restored"
    code, out, err = cli("restore", backup_file, "--to", target, "--json")
    assert code == 0, err
    assert json.loads(out)["renditions_made"] == PHOTOS
    paths, states = _renditions(target)
    assert len(paths) == PHOTOS and all(p.is_file() and p.stat().st_size > 0 for p in paths)
    assert states == ["ok"] * PHOTOS
    from PIL import Image

    with Image.open(paths[0]) as img:
        assert img.format == "JPEG" and max(img.size) == 2000  # the print rendition, not a thumbnail


def test_a_cancelled_remake_keeps_the_restored_library(backup_file, tmp_path):
    from desktop.jobs import Progress
    from desktop.safety import api as safety

    from desktop.i18n import _

    label = _("Preparing print copies")

    def report(done: int, total: int, current: str) -> None:
        if current == label:  # the restore is done; the renditions begin
            progress.cancel()

    progress = Progress(callback=report)
    result = safety.restore(backup_file, tmp_path / "restored", progress)
    assert result.renditions is None
    assert (tmp_path / "restored" / "warta.db").is_file()
    paths, _states = _renditions(tmp_path / "restored")
    assert len(paths) == PHOTOS  # every photo is there; renditions are made on demand


def test_restore_button_in_the_window_makes_the_renditions(main_window, qtbot, backup_file, tmp_path, monkeypatch):
    from desktop.ui import file_dialogs
    from desktop.ui.backup_page import BackupPage
    from desktop.ui.settings_dialog import SettingsDialog

    target = tmp_path / "restored"
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: str(backup_file))
    monkeypatch.setattr(file_dialogs, "folder", lambda *a, **k: str(target))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    dialog = SettingsDialog(main_window.ctx, main_window)
    page = next(p for p in dialog.extra_pages if isinstance(p, BackupPage))
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=60_000)  # "Open it now?" once the restore is done
    paths, states = _renditions(target)
    assert all(p.is_file() for p in paths) and states == ["ok"] * PHOTOS
    dialog.close()
