"""The Press Kit section in the real window: list, composer, drag-and-drop order, live preview, save, print, export."""

from __future__ import annotations

import zipfile

import pytest

from desktop.kits import store
from kits_support import article, image


@pytest.fixture
def parts(library, tmp_path):
    from desktop.articles import store as articles
    from desktop.photos import importer
    from desktop.photos import store as photos

    first = articles.create_article(library, article("Rilis Pertama", status="approved"))
    second = articles.create_article(library, article("Rilis Kedua", status="approved"))
    src = tmp_path / "src"
    src.mkdir()
    image(src / "a.jpg", (900, 600))
    importer.import_paths(library, [src], event="Rakor", workers=1, renditions=False)
    return {"first": first, "second": second, "photo": photos.photo_ids(library)[0]}


@pytest.fixture
def window(main_window, qtbot):
    """The main window; no background render outlives the test."""
    yield main_window
    main_window.ctx.tasks.wait_all(60_000)
    qtbot.wait(50)


def open_composer(main_window, qtbot):
    from PySide6.QtCore import Qt

    section = main_window.show_section("kits")
    qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    assert section.stack.currentWidget() is section.composer
    return section, section.composer


def wait_preview(qtbot, composer, pages: int | None = None) -> None:
    from PySide6.QtPdf import QPdfDocument

    def ready() -> None:
        assert not composer._rendering and not composer._timer.isActive()
        assert composer.document.status() == QPdfDocument.Status.Ready
        if pages is not None:
            assert composer.document.pageCount() == pages

    qtbot.waitUntil(ready, timeout=30_000)


def test_compose_reorder_preview_and_save(window, qtbot, library, parts):
    section, composer = open_composer(window, qtbot)
    qtbot.keyClicks(composer.title_edit, "Kit Rakor Pengawasan")
    composer.event_edit.setText("Rakor Pengawasan Partisipatif")
    composer.add_part(store.PartInput("article", parts["first"]))
    composer.add_part(store.PartInput("article", parts["second"]))
    composer.add_part(store.PartInput("photo", parts["photo"]))
    model = composer.model
    assert [p.kind for p in model.parts] == ["cover", "article", "article", "photo"]
    assert "Rilis Pertama" in model.index(1).data()

    # Drag and drop: the view asks the model for the dragged rows' MIME data, then drops it.
    mime = model.mimeData([model.index(2)])
    from PySide6.QtCore import QModelIndex, Qt

    model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert [p.ref_id for p in model.parts[1:3]] == [parts["second"], parts["first"]]
    model.dropMimeData(model.mimeData([model.index(3)]), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert model.parts[-1].kind == "photo"  # dropped below the last row: unchanged order

    wait_preview(qtbot, composer)
    assert composer.document.pageCount() >= 4
    assert "Halaman" in composer.status.text() or "halaman" in composer.status.text()

    # Arrow buttons move the selected part too, and the preview follows.
    composer.parts_view.setCurrentIndex(model.index(3))
    qtbot.mouseClick(composer.up_button, Qt.MouseButton.LeftButton)
    assert model.parts[2].kind == "photo"

    qtbot.mouseClick(composer.save_button, Qt.MouseButton.LeftButton)
    kit_id = composer.kit_id
    saved = store.get_kit(library, kit_id).data
    assert saved.title == "Kit Rakor Pengawasan"
    assert [p.kind for p in saved.parts] == ["cover", "article", "photo", "article"]
    assert saved.parts[1].ref_id == parts["second"]

    qtbot.mouseClick(composer.back_button, Qt.MouseButton.LeftButton)
    assert section.stack.currentWidget() is section.list_page
    assert section.model.rowCount() == 1 and section.model.index(0, 0).data() == "Kit Rakor Pengawasan"

    # A global search hit opens the kit in the composer.
    window.open_item("kit", kit_id)
    assert section.stack.currentWidget() is composer and composer.title_edit.text() == "Kit Rakor Pengawasan"
    wait_preview(qtbot, composer)


def test_save_pdf_zip_print_and_open(window, qtbot, library, parts, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QDesktopServices

    section, composer = open_composer(window, qtbot)
    composer.title_edit.setText("Kit Cetak")
    composer.paper.setCurrentIndex(composer.paper.findData("f4"))
    composer.add_part(store.PartInput("article", parts["first"]))
    composer.add_part(store.PartInput("photo", parts["photo"]))
    wait_preview(qtbot, composer)
    pages = composer.document.pageCount()

    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "kit.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    qtbot.mouseClick(composer.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists(), timeout=30_000)
    qtbot.waitUntil(lambda: not window.ctx.tasks.active, timeout=30_000)
    assert target.read_bytes() == composer.pdf_bytes  # the preview is the exported file, byte for byte
    import hashlib

    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert "Admin Uji" in composer.history.text() and "kit.pdf" in composer.history.text()
    assert digest not in composer.history.text() and digest in composer.history.toolTip()
    zip_target = tmp_path / "kit.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(zip_target), "ZIP (*.zip)"))
    composer.zip_action.trigger()
    qtbot.waitUntil(lambda: zip_target.exists() and not window.ctx.tasks.active, timeout=60_000)
    assert any(n.endswith(".docx") for n in zipfile.ZipFile(zip_target).namelist())

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    composer.open_action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened[0].startswith(str(library.path / "exports")) and opened[0].endswith(".pdf")

    from kits_support import answer_print_dialog

    printed = tmp_path / "printed.pdf"
    answer_print_dialog(monkeypatch, printed, pages)
    qtbot.mouseClick(composer.print_button, Qt.MouseButton.LeftButton)
    import pypdf

    assert len(pypdf.PdfReader(printed).pages) == pages
    exports = store.get_kit(library, composer.kit_id).exports
    assert sorted(e.format for e in exports) == ["pdf", "pdf", "zip"]


def test_preview_shows_what_is_wrong(window, qtbot, library, parts):
    section, composer = open_composer(window, qtbot)
    composer.add_part(store.PartInput("factsheet", title="Kosong", text="   "))
    qtbot.waitUntil(lambda: "tidak berisi teks" in composer.status.text(), timeout=30_000)
    assert "Kosong" in composer.status.text()


def test_pickers_search_in_sql_and_add_parts(window, qtbot, library, parts, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from desktop.ui import kit_composer

    section, composer = open_composer(window, qtbot)
    chosen_labels = []

    def accept_first_match(dialog):  # stands in for the user: types, waits, picks the first hit
        dialog.query.setText("Kedua")
        qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=5_000)
        chosen_labels.append(dialog.list.item(0).text())
        dialog.list.item(0).setSelected(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kit_composer.PickerDialog, "exec", accept_first_match)
    composer.pick_articles()
    assert composer.model.parts[-1] == store.PartInput("article", parts["second"])
    assert "Rilis Kedua" in chosen_labels[0]

    def fact_sheet(dialog):
        dialog.title.setText("Susunan Acara")
        dialog.text.setPlainText("1. Pembukaan\n2. Diskusi")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(kit_composer.FactSheetDialog, "exec", fact_sheet)
    composer.new_fact_sheet()
    assert composer.model.parts[-1].kind == "factsheet" and composer.model.parts[-1].title == "Susunan Acara"
    composer.parts_view.setCurrentIndex(composer.model.index(len(composer.model.parts) - 1))
    composer.remove_selected()
    assert [p.kind for p in composer.model.parts] == ["cover", "article"]


def test_kit_list_is_the_shared_paged_model(window, qtbot, library):
    """All rows counted at once, pages read on demand, ids through the shared ID_ROLE."""
    import datetime as dt

    from desktop.ui.paged_model import ID_ROLE, PagedTableModel

    ids = [store.create_kit(library, store.KitInput(f"Kit {n:02d}", dt.date(2025, 1, 1) + dt.timedelta(days=n),
                                                    event="Sosialisasi" if n % 2 else "Rakor",
                                                    parts=[store.PartInput("office")]))
           for n in range(12)]
    section = window.show_section("kits")
    model = section.model
    assert isinstance(model, PagedTableModel)
    model.page_size = 5
    section._reload()
    assert model.rowCount() == 12  # the whole count up front, not grown by fetchMore
    last = model.index(11, 0)
    assert last.data() == "Kit 00" and last.data(ID_ROLE) == ids[0]  # newest first; one page read
    assert len(model._pages) == 1
    assert model.index(0, 1).data() == "12 Januari 2025"
    section.search.setText("sosialisasi")
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=5000)
    assert {model.index(r, 0).data(ID_ROLE) for r in range(6)} == set(ids[1::2])


def test_a_failed_save_shows_the_error_without_the_progress_dialog(window, qtbot, library, parts, tmp_path, monkeypatch):
    import time

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

    from desktop.errors import WartaError

    section, composer = open_composer(window, qtbot)
    composer.title_edit.setText("Kit Gagal")
    composer.add_part(store.PartInput("article", parts["first"]))
    wait_preview(qtbot, composer)

    def failing_export(*_a, **_k):
        time.sleep(0.6)  # long enough for the progress dialog to appear
        raise WartaError("Disk penuh.")

    from desktop.kits import api as kits

    monkeypatch.setattr(kits, "export_pdf", failing_export)  # the window calls the api
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.pdf"), ""))
    shown = []

    def warning(parent, title, text, *a, **k):
        visible = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        shown.append((text, visible))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    qtbot.mouseClick(composer.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [("Disk penuh.", [])]


def test_in_english_the_composer_buttons_save_and_print_the_kit(english, window, qtbot, library, parts, tmp_path,
                                                                 monkeypatch):
    import pypdf
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QPushButton

    section = window.show_section("kits")
    new = next(b for b in section.findChildren(QPushButton) if b.text() == "New press kit")
    qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
    composer = section.composer
    composer.title_edit.setText("Kit in English")
    composer.add_part(store.PartInput("article", parts["first"]))
    wait_preview(qtbot, composer)
    pages = composer.document.pageCount()
    buttons = {b.text(): b for b in composer.findChildren(QPushButton)}
    target = tmp_path / "kit.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    qtbot.mouseClick(buttons["Save as PDF…"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and not window.ctx.tasks.active, timeout=30_000)
    assert len(pypdf.PdfReader(target).pages) == pages

    from kits_support import answer_print_dialog

    printed = tmp_path / "printed.pdf"
    answer_print_dialog(monkeypatch, printed, pages)
    qtbot.mouseClick(buttons["Print…"], Qt.MouseButton.LeftButton)
    assert len(pypdf.PdfReader(printed).pages) == pages
