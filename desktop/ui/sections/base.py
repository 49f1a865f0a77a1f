"""Base class of the window's sections (Beranda, Artikel, Mitra & Kontak, Foto, Press Kit)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class Section(QWidget):
    """One page of the main window, created lazily the first time it is shown.

    Subclasses set ``key`` and implement ``title()``; they may override the
    hooks below. Keep widgets thin: queries and changes go through the
    headless services of their area.
    """

    key = ""

    def __init__(self, ctx) -> None:  # noqa: ANN001 - desktop.ui.context.AppContext
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"section-{self.key}")
        ctx.changed.connect(self.on_changed)

    @classmethod
    def title(cls) -> str:
        raise NotImplementedError

    def on_changed(self, tables: frozenset[str]) -> None:
        """Data changed somewhere; refresh if any of ``tables`` is shown here."""

    def activate(self) -> None:
        """The section became visible."""

    def open_item(self, item_type: str, item_id: int) -> bool:
        """Show one item (a search hit or a Beranda entry); True if handled."""
        return False

    def show_filtered(self, filters: dict) -> None:
        """Show this section's list with ``filters`` (a Beranda counter or "See all" link)."""

    def import_files(self, paths: list[str]) -> bool:
        """File → Import or files dropped on the window; True if handled."""
        return False

    def import_filter(self) -> str:
        """File-dialog filter for File → Import, or "" if this section imports nothing."""
        return ""
