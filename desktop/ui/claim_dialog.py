"""The form that records or edits one claim of the Isu & Hoaks register, screenshots included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDateTime, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.claims import api as claims
from desktop.i18n import _
from desktop.ui import file_dialogs
from desktop.ui.widgets import fit_to_screen, text_box

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.gif *.heic)"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # a new file's path (str) or a kept screenshot's id (int)


class ClaimDialog(QDialog):
    """Record a new claim (``claim_id`` None) or edit one; Save writes it in one transaction."""

    def __init__(self, ctx, claim_id: int | None = None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.claim_id = claim_id
        self.saved_id: int | None = None
        self.setObjectName("claim-dialog")
        self.setWindowTitle(_("Record a claim") if claim_id is None else _("Edit claim {id}").format(id=claim_id))
        form = QFormLayout()
        self.text_edit = text_box()
        self.text_edit.setObjectName("claim-text")
        self.text_edit.setPlaceholderText(_("The claim as it circulates, word for word"))
        self.links_edit = text_box()
        self.links_edit.setObjectName("claim-links")
        self.links_edit.setPlaceholderText(_("One web address per line; the first is where it first appeared"))
        self.links_edit.setMaximumHeight(70)
        self.platform = QComboBox()
        self.platform.setObjectName("claim-platform")
        self.platform.setEditable(True)
        self.platform.addItems(["", *claims.PLATFORMS])
        self.seen = QDateTimeEdit(QDateTime.currentDateTime())
        self.seen.setObjectName("claim-seen")
        self.seen.setCalendarPopup(True)
        self.seen.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.reach = QLineEdit()
        self.reach.setObjectName("claim-reach")
        self.reach.setPlaceholderText(_("estimated views or shares"))
        self.reach.setToolTip(_("estimated views or shares"))
        self.reported_by = QLineEdit()
        self.reported_by.setObjectName("claim-reported-by")
        self.reported_by.setPlaceholderText(_("who told the office (a citizen, a journalist …)"))
        self.reporter = QComboBox()
        self.reporter.setObjectName("claim-reporter")
        self.reporter.addItem(_("no staff member"), None)
        from desktop import staff

        for person in staff.list_staff(ctx.library):
            self.reporter.addItem(person.name, person.id)
        if claim_id is None:  # who records it usually saw it
            self.reporter.setCurrentIndex(max(0, self.reporter.findData(ctx.staff_id)))
        self.category = QComboBox()
        self.category.setObjectName("claim-category")
        self.category.addItem("–", "")
        for code in claims.CATEGORIES:
            self.category.addItem(claims.category_label(code), code)
        self.verdict = QComboBox()
        self.verdict.setObjectName("claim-verdict")
        self.verdict.addItem("–", "")
        for code in claims.VERDICTS:
            self.verdict.addItem(claims.verdict_label(code), code)
            self.verdict.setItemData(self.verdict.count() - 1, claims.verdict_explanation(code),
                                     Qt.ItemDataRole.ToolTipRole)
        self.facts = text_box()
        self.facts.setObjectName("claim-facts")
        self.facts.setPlaceholderText(_("What is true, with figures and dates"))
        self.sources = text_box()
        self.sources.setObjectName("claim-sources")
        self.sources.setPlaceholderText(_("One source per line: regulation, decision or data with its number and date"))
        self.sources.setMaximumHeight(70)
        form.addRow(_("Claim"), self.text_edit)
        form.addRow(_("Links"), self.links_edit)
        row = QHBoxLayout()
        row.addWidget(self.platform, 1)
        row.addWidget(self.seen)
        form.addRow(_("Platform, first seen"), row)
        row = QHBoxLayout()
        row.addWidget(self.reach)
        row.addWidget(self.reported_by, 2)
        row.addWidget(self.reporter, 1)
        form.addRow(_("Reach, reported by"), row)
        row = QHBoxLayout()
        row.addWidget(self.category, 1)
        row.addWidget(self.verdict, 1)
        form.addRow(_("Category, verdict"), row)
        form.addRow(_("Facts"), self.facts)
        form.addRow(_("Sources"), self.sources)
        self.shots = QListWidget()
        self.shots.setObjectName("claim-screenshots")
        self.shots.setViewMode(QListWidget.ViewMode.IconMode)
        self.shots.setIconSize(QSize(96, 96))
        self.shots.setMaximumHeight(130)
        self.add_shot = QPushButton(_("Add screenshot…"))
        self.add_shot.setObjectName("claim-add-screenshot")
        self.add_shot.clicked.connect(self.choose_screenshots)
        self.remove_shot = QPushButton(_("Remove screenshot"))
        self.remove_shot.setObjectName("claim-remove-screenshot")
        self.remove_shot.clicked.connect(self._remove_selected)
        buttons_row = QVBoxLayout()
        buttons_row.addWidget(self.add_shot)
        buttons_row.addWidget(self.remove_shot)
        buttons_row.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.shots, 1)
        row.addLayout(buttons_row)
        form.addRow(_("Screenshots"), row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._removed: list[int] = []
        if claim_id is not None:
            self._load(claims.get_claim(ctx.library, claim_id))
        fit_to_screen(self, 760, 720)

    # -- filling and reading --------------------------------------------------------

    def _load(self, info: claims.ClaimInfo) -> None:
        self.text_edit.setPlainText(info.text)
        self.links_edit.setPlainText("\n".join(info.links))
        self.platform.setCurrentText(info.platform)
        local = claims.local_time(info.first_seen)
        self.seen.setDateTime(QDateTime(local))
        self.reach.setText("" if info.reach is None else str(info.reach))
        self.reported_by.setText(info.reported_by)
        self.reporter.setCurrentIndex(max(0, self.reporter.findData(info.reporter_id)))
        self.category.setCurrentIndex(max(0, self.category.findData(info.category)))
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(info.verdict)))
        self.facts.setPlainText(info.facts)
        self.sources.setPlainText(info.sources)
        for shot in info.screenshots:
            self._add_item(shot.file_name or shot.path, self._shot_path(shot.path), shot.id)

    def _shot_path(self, rel: str) -> Path | None:
        try:
            return claims.screenshot_file(self.ctx.library, rel)
        except Exception:  # noqa: BLE001 - a tampered path shows no picture; warta check names it
            return None

    def _add_item(self, label: str, path: Path | None, data: object) -> None:
        item = QListWidgetItem(label)
        if path is not None and path.is_file():
            pixmap = QPixmap(str(path))
            if not pixmap.isNull():
                item.setIcon(QIcon(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation)))
        item.setToolTip(label)
        item.setData(PATH_ROLE, data)
        self.shots.addItem(item)

    def add_screenshot_files(self, paths: list[str]) -> None:
        for path in paths:
            self._add_item(Path(path).name, Path(path), str(path))

    def choose_screenshots(self) -> None:
        paths = file_dialogs.open_files(self.ctx.settings, self, "claim-screenshot", _("Add screenshots"),
                                        IMAGE_FILTER)
        self.add_screenshot_files(paths)

    def _remove_selected(self) -> None:
        item = self.shots.currentItem()
        if item is None:
            return
        data = item.data(PATH_ROLE)
        if isinstance(data, int):
            self._removed.append(data)
        self.shots.takeItem(self.shots.row(item))

    def value(self) -> claims.ClaimInput:
        from desktop.errors import ValidationError

        reach_text = self.reach.text().strip().replace(".", "").replace(",", "")
        if reach_text and not reach_text.isdigit():
            raise ValidationError(_("The reach is an estimated number of people or views, 0 or more."))
        seen: dt.datetime = self.seen.dateTime().toPython()  # type: ignore[assignment]
        return claims.ClaimInput(
            text=self.text_edit.toPlainText(),
            first_seen=seen,
            links=self.links_edit.toPlainText().split(),
            platform=self.platform.currentText(),
            reach=int(reach_text) if reach_text else None,
            reported_by=self.reported_by.text(),
            reporter_id=self.reporter.currentData(),
            category=self.category.currentData() or "",
            verdict=self.verdict.currentData() or "",
            facts=self.facts.toPlainText(),
            sources=self.sources.toPlainText(),
        )

    def new_files(self) -> list[str]:
        return [d for d in (self.shots.item(i).data(PATH_ROLE) for i in range(self.shots.count())) if isinstance(d, str)]

    def save(self) -> None:
        from desktop.errors import WartaError

        try:
            data = self.value()
            if self.claim_id is None:
                self.saved_id = claims.create_claim(self.ctx.library, data, screenshots=self.new_files())
            else:
                claims.update_claim(self.ctx.library, self.claim_id, data, screenshots=self.new_files(),
                                    remove_screenshots=self._removed)
                self.saved_id = self.claim_id
        except (WartaError, OSError) as exc:
            self.ctx.show_error(self, exc)
            return
        self.accept()
