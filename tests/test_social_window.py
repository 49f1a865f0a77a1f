"""The editor's "Kartu media sosial…": preview per size, a photo chosen, Export PNG and Copy caption, by clicking."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from desktop import office
from desktop.articles import api as articles

TITLE = "Bawaslu Contoh Gelar Apel Siaga Pengawasan Masa Tenang"


def _setup(library, tmp_path):  # noqa: ANN001, ANN202
    from photos_support import jpeg

    from desktop.photos import api as photos

    profile = office.load(library)
    profile.hashtags = "#BawasluContoh #AwasiPemilu"
    office.save(library, profile)
    photos.import_paths(library, [jpeg(tmp_path / "apel.jpg", seed=7, size=(1400, 900))], workers=1)
    article_id = articles.create_article(library, articles.ArticleDoc(
        title=TITLE, lead="Bawaslu Kabupaten Contoh menggelar apel siaga menjelang masa tenang.",
        publication_date=dt.date(2025, 11, 3)))
    return article_id, photos.photo_ids(library)[0]


def _open_dialog(main_window, qtbot, article_id):  # noqa: ANN001, ANN202
    from PySide6.QtGui import QAction

    from desktop.ui.social_card_dialog import SocialCardDialog

    section = main_window.show_section("articles")
    section.open_article(article_id)
    editor = section.editor
    action = editor.findChild(QAction, "article-social-card")
    assert action is not None and action.text() == "Kartu media sosial…"
    action.trigger()
    dialog = next(w for w in editor.findChildren(SocialCardDialog))
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=60_000)
    return dialog


def _chosen_size(dialog, qtbot, size: str) -> None:  # noqa: ANN001
    dialog.size_combo.setCurrentIndex(dialog.size_combo.findData(size))
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled() and dialog.card.width == int(size.split("x")[0])
                    and dialog.card.height == int(size.split("x")[1]), timeout=60_000)


def test_the_card_is_previewed_per_size_and_exported_as_shown(main_window, qtbot, library, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

    from desktop.ui.kit_composer import PickerDialog

    article_id, photo_id = _setup(library, tmp_path)
    dialog = _open_dialog(main_window, qtbot, article_id)
    assert dialog.note.isVisibleTo(dialog) and "DRAF" in dialog.note.text(), "a draft says it is not approved"
    assert not dialog.verdict_combo.isVisibleTo(dialog), "only a clarification has a verdict"
    without_photo = dialog.card.png
    assert not dialog.preview.pixmap().isNull()

    def pick() -> None:
        picker = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PickerDialog) and w.isVisible())
        qtbot.waitUntil(lambda: picker.list.count() > 0)
        picker.list.setCurrentRow(0)
        qtbot.mouseClick(picker.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, pick)
    qtbot.mouseClick(dialog.choose_photo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.photo_id == photo_id)  # the picker is opened, not exec()uted
    assert dialog.no_photo.isEnabled()
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled() and dialog.card.png != without_photo, timeout=60_000)

    for size in ("1080x1350", "1200x630", "1080x1920", "1080x1080"):
        _chosen_size(dialog, qtbot, size)
        shown = dialog.preview.pixmap()
        assert max(shown.width(), shown.height()) <= 440
        assert abs(shown.width() / shown.height() - dialog.card.width / dialog.card.height) < 0.02

    target = tmp_path / "kartu.png"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _t, start, *a, **k: asked.append(start) or (str(target), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith("-1080x1080.png")
    assert target.read_bytes() == dialog.card.png
    assert Image.open(io.BytesIO(target.read_bytes())).size == (1080, 1080)

    # Inside the library: refused with the command line's sentence, nothing written.
    inside = library.path / "kartu.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(inside), ""))
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert warned and not inside.exists()

    qtbot.mouseClick(dialog.no_photo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled() and dialog.card.png == without_photo, timeout=60_000)


def test_copy_caption_puts_the_platform_caption_on_the_clipboard(main_window, qtbot, library, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    article_id, _photo = _setup(library, tmp_path)
    dialog = _open_dialog(main_window, qtbot, article_id)
    dialog.platform_combo.setCurrentIndex(dialog.platform_combo.findData("x"))
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith(TITLE) and copied.endswith("#BawasluContoh #AwasiPemilu") and len(copied) <= 280
    assert dialog.caption_edit.toPlainText() == copied


def test_a_clarification_offers_its_verdict_stamp(main_window, qtbot, library, tmp_path):
    article_id = articles.create_article(library, articles.ArticleDoc(
        title="Klarifikasi: Pesan Berantai Soal Pemungutan Suara Ulang Tidak Benar", kind="klarifikasi",
        status="approved"))
    dialog = _open_dialog(main_window, qtbot, article_id)
    assert dialog.verdict_combo.isVisibleTo(dialog) and not dialog.note.isVisibleTo(dialog)
    plain = dialog.card
    assert [k for k, _b in plain.boxes].count("stamp") == 0
    dialog.verdict_combo.setCurrentIndex(dialog.verdict_combo.findData("hoaks"))
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled() and dialog.card is not plain, timeout=60_000)
    assert [k for k, _b in dialog.card.boxes].count("stamp") == 1
    assert dialog.caption_edit.toPlainText().startswith("[HOAKS] Klarifikasi")


def test_the_office_form_keeps_the_card_colours_and_hashtags(qtbot, library):
    from desktop.social import api as social
    from desktop.ui.office_form import OfficeForm

    form = OfficeForm(office.load(library), library=library)
    qtbot.addWidget(form)
    form.show()
    for name, typed in (("primary_colour", "#0b3d2e"), ("accent_colour", "E0A800"), ("hashtags", "BawasluContoh #Pilkada")):
        form.fields[name].clear()
        qtbot.keyClicks(form.fields[name], typed)
    office.save(library, form.profile())
    saved = office.load(library)
    assert (saved.primary_colour, saved.accent_colour, saved.hashtags) == ("#0B3D2E", "#E0A800", "#BawasluContoh #Pilkada")
    article_id = articles.create_article(library, articles.ArticleDoc(title=TITLE, status="approved"))
    card = social.card(library, article_id, "1080x1080")
    assert card.panel_colour == (0x0B, 0x3D, 0x2E)
    assert Image.open(io.BytesIO(card.png)).convert("RGB").getpixel((card.panel[0] + 2, card.panel[3] - 2)) == card.panel_colour
    assert social.caption(library, article_id, "x").endswith("#BawasluContoh #Pilkada")
