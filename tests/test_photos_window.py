"""The Foto section in the real window: grid, filters, side panel, bulk edit, preview, import, export, duplicates."""

from __future__ import annotations

import datetime as dt

import photos_support as ps
import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.photos import importer, store


@pytest.fixture
def photos(library, tmp_path):
    src = tmp_path / "kamera"
    for i in range(3):
        ps.jpeg(src / f"IMG_{i}.jpg", seed=20 + i, size=(800, 600), taken=dt.datetime(2025, 1, 10 + i, 9))
    result = importer.import_paths(library, [src], workers=1, renditions=False)
    store.update_photo(library, result.added[0], store.PhotoEdit(caption="Apel siaga di alun-alun", pilihan=True))
    return sorted(result.added)


def _open_photos(main_window, qtbot):
    # The window shows its remembered section on the first turn of the event loop.
    qtbot.waitUntil(lambda: main_window.current_section() is not None, timeout=5000)
    sec = main_window.show_section("photos")
    qtbot.waitUntil(lambda: main_window.current_section() is sec, timeout=5000)
    return sec


@pytest.fixture
def section(photos, main_window, qtbot):
    sec = _open_photos(main_window, qtbot)
    qtbot.waitUntil(lambda: sec.model.total == 3, timeout=5000)
    return sec


def _select(sec, rows, qtbot):
    selection = sec.grid.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(sec.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    qtbot.wait(10)


def test_grid_loads_thumbnails_lazily_and_filters_in_sql(section, qtbot):
    sec = section
    assert sec.count_label.text() == "3 foto"
    sha = sec.model.row(0).sha256
    sec.grid.viewport().repaint()
    qtbot.waitUntil(lambda: sec.loader.pixmap(sha) is not None, timeout=5000)
    qtbot.keyClicks(sec.search_edit, "alun")
    qtbot.waitUntil(lambda: sec.model.total == 1, timeout=3000)
    sec.search_edit.clear()
    qtbot.waitUntil(lambda: sec.model.total == 3, timeout=3000)
    sec.pilihan_check.setChecked(True)
    assert sec.model.total == 1
    sec.pilihan_check.setChecked(False)
    sec.date_from.set_value(dt.date(2025, 1, 11))
    assert sec.model.total == 2


def test_side_panel_edits_one_photo(section, qtbot):
    sec = section
    _select(sec, [1], qtbot)
    assert sec.side.currentWidget() is sec.side_single
    photo_id = sec.model.photo_id(1)
    sec.side_form.caption.setPlainText("Rapat pleno terbuka")
    sec.side_form.event.setCurrentText("Rapat Pleno")
    qtbot.mouseClick(sec.side_form.save_button, Qt.MouseButton.LeftButton)
    info = store.get_photo(sec.ctx.library, photo_id)
    assert (info.caption, info.event) == ("Rapat pleno terbuka", "Rapat Pleno")
    # Unsaved edits are saved, not lost, when the selection moves on.
    _select(sec, [1], qtbot)
    sec.side_form.location.setText("Aula")
    _select(sec, [2], qtbot)
    assert store.get_photo(sec.ctx.library, photo_id).location == "Aula"


def test_bulk_edit_of_many_selected_photos(section, qtbot):
    sec = section
    sec.grid.setFocus()
    qtbot.keyClick(sec.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sec.side.currentWidget() is sec.bulk, timeout=2000)
    assert sec.bulk.heading.text() == "3 foto dipilih"
    sec.bulk.credit.setText("Foto: Budi/Humas")
    sec.bulk.tags.setText("apel, pengawasan")
    qtbot.mouseClick(sec.bulk.apply_button, Qt.MouseButton.LeftButton)
    for pid in store.photo_ids(sec.ctx.library):
        info = store.get_photo(sec.ctx.library, pid)
        assert info.credit == "Foto: Budi/Humas" and {"apel", "pengawasan"} <= set(info.tags)


def test_keyboard_opens_preview_and_moves_between_photos(section, main_window, qtbot):
    sec = section
    main_window.activateWindow()  # shortcuts act in the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window, timeout=3000)
    sec.grid.setFocus()
    sec.grid.setCurrentIndex(sec.model.index(0))
    qtbot.keyClick(sec.grid, Qt.Key.Key_Right)
    assert sec.grid.currentIndex().row() == 1
    qtbot.keyClick(sec.grid, Qt.Key.Key_Return)
    assert sec.stack.currentWidget() is sec.detail
    assert sec.detail.form.photo_id == sec.model.photo_id(1)
    qtbot.waitUntil(lambda: sec.detail.preview.full_loaded, timeout=10_000)
    qtbot.keyClick(sec.detail, Qt.Key.Key_PageDown)
    assert sec.detail.form.photo_id == sec.model.photo_id(2)
    assert sec.detail.position.text() == "3 dari 3"
    sec.detail.form.caption.setPlainText("Diubah di pratinjau")
    qtbot.keyClick(sec.detail, Qt.Key.Key_Escape)
    assert sec.stack.currentWidget() is sec.grid_page
    assert store.get_photo(sec.ctx.library, sec.model.photo_id(2)).caption == "Diubah di pratinjau"


def test_global_search_result_opens_the_photo(section, photos, main_window):
    main_window.open_item("photo", photos[0])
    assert section.stack.currentWidget() is section.detail
    assert section.detail.form.photo_id == photos[0]


def test_import_runs_in_the_background_with_a_summary(section, qtbot, tmp_path):
    sec = section
    folder = tmp_path / "baru"
    for i in range(4):
        ps.jpeg(folder / f"n{i}.jpg", seed=50 + i, size=(400, 300))
    (folder / "rusak.jpg").write_bytes(b"not a photo")
    assert sec.import_files([str(folder)])
    qtbot.waitUntil(lambda: sec.import_task.done, timeout=60_000)
    assert sec.model.total == 7
    assert len(sec.last_import.rejected) == 1
    assert "4 foto ditambahkan" in sec.summary_box.text()
    assert "rusak.jpg" in sec.summary_box.detailedText()
    sec.summary_box.close()
    assert len(sec.selected_ids()) == 4  # the new photos are selected


def test_export_dialog_writes_files(section, qtbot, tmp_path, monkeypatch):
    from desktop.ui import photo_dialogs

    sec = section
    _select(sec, [0, 1], qtbot)
    out = tmp_path / "ekspor"

    def fake_exec(dialog):
        dialog.group.button(1600).setChecked(True)
        dialog.folder.setText(str(out))
        return photo_dialogs.ExportDialog.DialogCode.Accepted

    monkeypatch.setattr(photo_dialogs.ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    sec.export_selected()
    qtbot.waitUntil(lambda: hasattr(sec, "last_export"), timeout=20_000)
    files = sorted(out.iterdir())
    assert len(files) == 2
    with Image.open(files[0]) as img:
        assert max(img.size) == 800  # never enlarged
        assert img.getexif()[0x013B] == "dok. Bawaslu Contoh"


def test_near_duplicates_side_by_side_remove_one(main_window, library, qtbot, tmp_path):
    src = tmp_path / "mirip"
    big = ps.jpeg(src / "asli.jpg", seed=31, size=(1200, 900))
    with Image.open(big) as img:
        img.resize((600, 450)).save(src / "kecil.jpg", "JPEG", quality=50)
    importer.import_paths(library, [src], workers=1, renditions=False)
    sec = _open_photos(main_window, qtbot)
    sec.refresh()
    sec.find_duplicates()
    qtbot.waitUntil(lambda: getattr(sec, "duplicates_dialog", None) is not None, timeout=10_000)
    dialog = sec.duplicates_dialog
    assert len(dialog.pairs) == 1
    qtbot.mouseClick(dialog.remove_buttons[1], Qt.MouseButton.LeftButton)
    assert store.count_photos(library) == 1
    assert not dialog.keep_button.isEnabled()
    dialog.close()


def test_dropping_a_folder_on_the_window_imports_it(section, main_window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    folder = tmp_path / "seret"
    ps.jpeg(folder / "d1.jpg", seed=70, size=(300, 200))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    main_window.dropEvent(event)
    qtbot.waitUntil(lambda: getattr(section, "last_import", None) is not None, timeout=30_000)
    assert len(section.last_import.added) == 1
    assert section.model.total == 4
    section.summary_box.close()


def test_cancelled_import_keeps_whole_photos_only(section, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    folder = tmp_path / "banyak"
    for i in range(30):
        ps.jpeg(folder / f"b{i:02d}.jpg", seed=200 + i, size=(300, 200))
    section.import_files([str(folder)])
    handle = section.import_task
    handle.job.progress.callback = (lambda cb: lambda d, t, c: (cb(d, t, c), d >= 4 and handle.cancel()))(
        handle.job.progress.callback
    )
    qtbot.waitUntil(lambda: handle.done, timeout=60_000)
    result = section.last_import
    assert result.cancelled and 0 < len(result.added) < 30
    assert "dibatalkan" in section.summary_box.text()
    assert store.count_photos(section.ctx.library) == 3 + len(result.added)
    on_disk = [p for p in (section.ctx.library.path / "photos").rglob("*") if p.is_file()]
    assert len(on_disk) == 3 + len(result.added)  # no orphan originals
    section.summary_box.close()


def test_people_shown_are_linked_to_contacts(section, qtbot, monkeypatch):
    from database.models.contacts import Person

    sec = section
    with sec.ctx.library.store.write() as tx:
        person = Person(full_name="Siti Aminah, S.H.", sort_name="siti aminah")
        tx.session.add(person)
        tx.session.flush()
        person_id = person.id
    errors = []
    monkeypatch.setattr(sec.ctx, "show_error", lambda parent, exc: errors.append(str(exc)))
    _select(sec, [0], qtbot)
    photo_id = sec.model.photo_id(0)
    sec.side_form.people.setText("siti aminah, s.h.")
    qtbot.mouseClick(sec.side_form.save_button, Qt.MouseButton.LeftButton)
    assert store.get_photo(sec.ctx.library, photo_id).people == [person_id]
    assert store.photo_ids(sec.ctx.library, store.PhotoFilter(person_id=person_id)) == [photo_id]
    sec.side_form.people.setText("Siti Aminah, S.H.; Orang Tak Dikenal")
    sec.side_form.caption.setPlainText("tidak tersimpan")
    assert not sec.side_form.save()
    assert "Orang Tak Dikenal" in errors[0]
    assert store.get_photo(sec.ctx.library, photo_id).caption != "tidak tersimpan"
    sec.side_form.load(photo_id)  # "Undo changes"


def test_full_size_export_from_the_window_carries_the_caption_in_iptc_and_xmp(section, qtbot, tmp_path, monkeypatch):
    from PIL import IptcImagePlugin

    from desktop.photos import metadata
    from desktop.ui import photo_dialogs

    sec = section
    _select(sec, [0, 1, 2], qtbot)
    out = tmp_path / "asli"

    def fake_exec(dialog):
        dialog.group.button(0).setChecked(True)  # the original, full size
        dialog.folder.setText(str(out))
        return photo_dialogs.ExportDialog.DialogCode.Accepted

    shown = []
    monkeypatch.setattr(photo_dialogs.ExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: shown.append(text))
    sec.export_selected()
    qtbot.waitUntil(lambda: hasattr(sec, "last_export"), timeout=20_000)
    assert sec.last_export.metadata_embedded and len(shown) == 1
    assert "tidak dapat memuat keterangan" not in shown[0]  # nothing copied without its caption
    captions = {}
    for path in sorted(out.iterdir()):
        with Image.open(path) as img:
            iptc = IptcImagePlugin.getiptcinfo(img) or {}
        captions[path.name] = (iptc.get((2, 120), b"").decode("utf-8"), metadata.read(path.read_bytes()).caption)
    assert captions["2025-01-10_foto_003.jpg"] == ("Apel siaga di alun-alun", "Apel siaga di alun-alun")
    assert len(captions) == 3


def test_a_full_disk_during_import_is_said_plainly_in_the_window(main_window, qtbot, tmp_path, monkeypatch):
    """Issue 18.7: clicking Impor… on a full disk said 'galat tak terduga: OSError 28'."""
    import errno

    from PySide6.QtWidgets import QPushButton

    from desktop import fsutil
    from desktop.ui import file_dialogs

    sec = _open_photos(main_window, qtbot)
    src = tmp_path / "src"
    src.mkdir()
    ps.jpeg(src / "IMG_1.jpg")

    def full(*_a, **_k):  # noqa: ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "atomic_write_bytes", full)
    monkeypatch.setattr(file_dialogs, "open_files", lambda *a, **k: [str(src / "IMG_1.jpg")])
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    qtbot.mouseClick(sec.findChild(QPushButton, "photos-import"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not main_window.ctx.tasks.active, timeout=20_000)
    assert shown and "penuh" in shown[-1] and "OSError" not in shown[-1], shown
    assert store.photo_ids(main_window.ctx.library) == []
