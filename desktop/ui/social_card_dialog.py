"""Kartu media sosial…: a release's card with a live preview, PNG export and the caption per platform.

The card is drawn off the UI thread (a large photo takes a few hundred
milliseconds); a preview that arrives after the choices changed again is
dropped. Export writes exactly the bytes the preview shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.ui.widgets import fit_to_screen

PREVIEW = 440  # the preview's longer side, in pixels


class SocialCardDialog(QDialog):
    def __init__(self, ctx, article_id: int, parent: QWidget | None = None) -> None:  # noqa: ANN001 - AppContext
        from desktop.social import api as social

        super().__init__(parent)
        self.ctx = ctx
        self.article_id = article_id
        self.release = social.release(ctx.library, article_id)
        self.photo_id: int | None = None
        self.card = None  # the desktop.social.api.Card the preview shows
        self._wanted: tuple | None = None  # the choices the newest render was started for
        self.setObjectName("social-card-dialog")
        self.setWindowTitle(_("Social media card"))
        fit_to_screen(self, 920, 600)

        outer = QHBoxLayout(self)
        side = QVBoxLayout()
        form = QFormLayout()
        self.size_combo = QComboBox()
        self.size_combo.setObjectName("social-size")
        labels = {"1080x1080": _("Square (Instagram, Facebook)"), "1080x1350": _("Portrait (Instagram)"),
                  "1200x630": _("Landscape (link preview, X)"), "1080x1920": _("Story (Instagram, WhatsApp status)")}
        for size in social.SIZES:
            self.size_combo.addItem("{label} · {size}".format(label=labels[size], size=size.replace("x", "×")), size)
        form.addRow(_("Size"), self.size_combo)

        photo_row = QHBoxLayout()
        self.photo_label = QLabel(_("No photo"))
        self.photo_label.setObjectName("social-photo-label")
        self.photo_label.setWordWrap(True)
        self.choose_photo = QPushButton(_("Choose photo…"))
        self.choose_photo.setObjectName("social-choose-photo")
        self.no_photo = QPushButton(_("No photo"))
        self.no_photo.setObjectName("social-no-photo")
        self.no_photo.setEnabled(False)
        photo_row.addWidget(self.photo_label, 1)
        photo_row.addWidget(self.choose_photo)
        photo_row.addWidget(self.no_photo)
        form.addRow(_("Photo"), photo_row)

        self.verdict_combo = QComboBox()
        self.verdict_combo.setObjectName("social-verdict")
        self.verdict_combo.addItem(_("No verdict"), "")
        for code, (label, _colour) in social.verdicts().items():
            self.verdict_combo.addItem(label, code)
        if self.release.verdict:
            self.verdict_combo.setCurrentIndex(max(0, self.verdict_combo.findData(self.release.verdict)))
        if self.release.kind == social.CLARIFICATION:
            form.addRow(_("Verdict"), self.verdict_combo)
        else:
            self.verdict_combo.hide()

        self.platform_combo = QComboBox()
        self.platform_combo.setObjectName("social-platform")
        for key in social.PLATFORMS:
            self.platform_combo.addItem(social.platform_label(key), key)
        form.addRow(_("Caption for"), self.platform_combo)
        side.addLayout(form)

        self.caption_edit = QPlainTextEdit()
        self.caption_edit.setObjectName("social-caption")
        self.caption_edit.setReadOnly(True)
        side.addWidget(self.caption_edit, 1)
        self.caption_length = QLabel()
        self.caption_length.setObjectName("social-caption-length")
        side.addWidget(self.caption_length)
        self.note = QLabel()
        self.note.setObjectName("social-note")
        self.note.setWordWrap(True)
        if not self.release.approved:
            self.note.setText(_("This text is not approved yet: the card says DRAF. Approve it before posting."))
        else:
            self.note.hide()
        side.addWidget(self.note)

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(_("Export PNG…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("social-export")
        self.export_button.setEnabled(False)
        self.copy_button = buttons.addButton(_("Copy caption"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("social-copy-caption")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        buttons.rejected.connect(self.reject)
        side.addWidget(buttons)
        outer.addLayout(side, 1)

        self.preview = QLabel(_("Drawing the card…"))
        self.preview.setObjectName("social-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        outer.addWidget(self.preview)

        self.size_combo.currentIndexChanged.connect(self.refresh)
        self.verdict_combo.currentIndexChanged.connect(self.refresh)
        self.verdict_combo.currentIndexChanged.connect(self._show_caption)
        self.platform_combo.currentIndexChanged.connect(self._show_caption)
        self.choose_photo.clicked.connect(self._choose_photo)
        self.no_photo.clicked.connect(lambda: self._set_photo(None, ""))
        self.export_button.clicked.connect(self.export_png)
        self.copy_button.clicked.connect(self.copy_caption)
        self._show_caption()
        self.refresh()

    # -- choices --------------------------------------------------------------------------

    def size(self) -> str:
        return self.size_combo.currentData()

    def verdict(self) -> str:
        return self.verdict_combo.currentData() if self.verdict_combo.isVisibleTo(self) else ""

    def _choose_photo(self) -> None:
        from desktop.photos import api as photos
        from desktop.ui.kit_composer import PickerDialog

        library = self.ctx.library

        def search(text: str) -> list[tuple[int, str]]:
            rows = photos.grid_rows(library, photos.PhotoFilter(search=text), limit=200)
            return [(r.id, " — ".join(x for x in (r.caption or r.file_name, str(r.date or "")) if x)) for r in rows]

        picker = PickerDialog(_("Choose photo"), search, self)
        picker.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).setText(_("Choose"))
        # open(), not exec(): a nested event loop inside this window-modal dialog never returned
        # when the picker was closed from outside (the window walk test hung here).
        def chosen(code: int) -> None:
            if self._closed():
                return
            if code == QDialog.DialogCode.Accepted and picker.chosen():
                photo_id = picker.chosen()[0]
                label = next((text for pid, text in search("") if pid == photo_id), "")
                self._set_photo(photo_id, label or _("Photo {id}").format(id=photo_id))
            picker.deleteLater()

        picker.finished.connect(chosen)
        picker.open()

    def _set_photo(self, photo_id: int | None, label: str) -> None:
        self.photo_id = photo_id
        self.photo_label.setText(label or _("No photo"))
        self.no_photo.setEnabled(photo_id is not None)
        self.refresh()

    # -- preview --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Draw the card for the current choices (on a worker); the newest request wins."""
        from desktop.social import api as social

        wanted = (self.size(), self.photo_id, self.verdict())
        self._wanted = wanted
        self.export_button.setEnabled(False)
        self.preview.setText(_("Drawing the card…"))
        library, article_id = self.ctx.library, self.article_id
        size, photo_id, verdict = wanted
        self.ctx.tasks.start(
            lambda _progress: social.card(library, article_id, size, photo_id=photo_id, verdict=verdict),
            title=_("Drawing the card…"),
            on_done=lambda card: self._drawn(wanted, card),
            on_error=lambda exc: self._failed(wanted, exc),
            parent=self,
            show_progress=False,
        )

    def _closed(self) -> bool:
        """True once Qt has deleted the dialog (closed while a card was being drawn)."""
        from shiboken6 import isValid

        return not isValid(self)

    def _drawn(self, wanted: tuple, card) -> None:  # noqa: ANN001 - desktop.social.api.Card
        if self._closed() or wanted != self._wanted:
            return  # the choices changed while it was drawn; a newer card is on its way
        self.card = card
        pixmap = QPixmap()
        pixmap.loadFromData(card.png, "PNG")
        self.preview.setPixmap(pixmap.scaled(PREVIEW, PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        self.preview.setToolTip("{width} × {height}".format(width=card.width, height=card.height))
        self.export_button.setEnabled(True)

    def _failed(self, wanted: tuple, exc: BaseException) -> None:
        if self._closed() or wanted != self._wanted:
            return
        self.card = None
        self.preview.setPixmap(QPixmap())
        self.preview.setText(_("The card cannot be drawn."))
        self.ctx.show_error(self, exc)

    # -- caption --------------------------------------------------------------------------

    def _show_caption(self) -> None:
        from desktop import numbers
        from desktop.social import api as social

        platform = self.platform_combo.currentData()
        try:
            text = social.caption(self.ctx.library, self.article_id, platform, verdict=self.verdict())
        except Exception as exc:  # noqa: BLE001 - shown, the dialog stays usable
            self.ctx.show_error(self, exc)
            return
        self.caption_edit.setPlainText(text)
        self.caption_length.setText(_("{length} of at most {limit} characters").format(
            length=numbers.integer(len(text)), limit=numbers.integer(social.PLATFORMS[platform].limit)))

    def copy_caption(self) -> None:
        QApplication.clipboard().setText(self.caption_edit.toPlainText())
        self.caption_length.setText(_("Caption copied; paste it under the post."))

    # -- export ---------------------------------------------------------------------------

    def export_png(self) -> None:
        from desktop.fsutil import atomic_write_bytes
        from desktop.photos.api import slug

        card = self.card
        if card is None:
            return
        name = "{stem}-{size}.png".format(stem=slug(self.release.title) or "kartu", size=self.size())
        path, _chosen = file_dialogs.save_file(self.ctx.settings, self, "export", _("Export PNG"), name,
                                               _("PNG images (*.png)"))
        if not path:
            return
        try:
            atomic_write_bytes(path, card.png)
        except Exception as exc:  # noqa: BLE001
            self.ctx.show_error(self, exc)
            return
        self.caption_length.setText(_("Card saved to {path}.").format(path=path))


def open_for_editor(editor) -> SocialCardDialog | None:  # noqa: ANN001 - desktop.ui.article_editor.ArticleEditor
    """From the editor's menu: the saved article's card (unsaved changes are saved first)."""
    if editor.article_id is None:
        return None
    if editor.dirty and not editor.save():
        return None
    try:
        dialog = SocialCardDialog(editor.ctx, editor.article_id, editor)
    except Exception as exc:  # noqa: BLE001
        editor.ctx.show_error(editor, exc)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
