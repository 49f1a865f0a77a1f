"""Honest empty states for sections whose feature has not been built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.i18n import _
from desktop.ui.sections.base import Section


class _Placeholder(Section):
    def __init__(self, ctx) -> None:  # noqa: ANN001
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        label = QLabel(
            "<h2>{}</h2><p>{}</p>".format(self.title(), _("This part of Warta is not available in this version yet."))
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout.addWidget(label)


class ArticlesPlaceholder(_Placeholder):
    key = "articles"

    @classmethod
    def title(cls) -> str:
        return _("Articles")


class ContactsPlaceholder(_Placeholder):
    key = "contacts"

    @classmethod
    def title(cls) -> str:
        return _("Partners & Contacts")


class PhotosPlaceholder(_Placeholder):
    key = "photos"

    @classmethod
    def title(cls) -> str:
        return _("Photos")


class KitsPlaceholder(_Placeholder):
    key = "kits"

    @classmethod
    def title(cls) -> str:
        return _("Press Kits")
