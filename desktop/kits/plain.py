"""A plain document on the office letterhead: the kop, Warta's fonts, a footer with ``Halaman N dari M``.

For other areas' printed reports (``desktop.reports``): they build the body
with reportlab flowables and this module puts the same kop, fonts and
colours as the press kits around it, through ``desktop.kits.api``.

Deterministic like the kits: ``invariant`` mode and a creation date the
caller gives (taken from the data, never the clock), so the same content
gives the same bytes. Imports reportlab only when called.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.kits import styles as st


def frame_width(page: str = "a4") -> float:
    """Width in points of the text column of a page (what tables and charts may fill)."""
    return st.PAGE_SIZES[page][0] - st.MARGIN_LEFT - st.MARGIN_RIGHT


def letterhead_pdf(
    library,  # noqa: ANN001
    story: list[Any],
    *,
    title: str,
    subject: str = "",
    dated: dt.date,
    footer: str = "",
    language: str = "id",
) -> bytes:
    """PDF bytes of ``story`` (reportlab flowables) under the library's kop (its rules), on A4.

    ``dated`` is the document's creation date in its metadata; ``footer`` is
    printed at the left of every page, ``Halaman N dari M`` at the right.
    """
    import io

    from reportlab.lib import colors
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import SimpleDocTemplate

    from desktop import __version__, i18n
    from desktop.kits import fonts
    from desktop.kits.letterhead import Letterhead, prepared_logo
    from desktop.kits.render import _LOCK  # reportlab's per-document font state is global: one PDF at a time
    from desktop.kits.store import kop, letterhead

    fonts.register()
    tr = i18n.gettext_for(language)
    office, logo_path = letterhead(library)
    logo = prepared_logo(logo_path)
    stamp = f"D:{dated:%Y%m%d}000000+07'00'"
    page_w, page_h = st.PAGE_SIZES["a4"]

    class PlainCanvas(rl_canvas.Canvas):
        """Keeps every page until save, so each footer can say how many pages there are."""

        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_a: stamp)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self.saveState()
                left, right, bottom = st.MARGIN_LEFT, page_w - st.MARGIN_RIGHT, st.MARGIN_BOTTOM
                self.setStrokeColor(colors.HexColor(st.RULE))
                self.setLineWidth(0.5)
                self.line(left, bottom + 9, right, bottom + 9)
                self.setFillColor(colors.HexColor(st.MUTED))
                self.setFont(fonts.SANS, 8)
                if footer:
                    self.drawString(left, bottom, footer)
                self.drawRightString(right, bottom, tr("Page {n} of {total}").format(n=number, total=total))
                self.restoreState()
                super().showPage()
            super().save()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=(page_w, page_h), leftMargin=st.MARGIN_LEFT, rightMargin=st.MARGIN_RIGHT,
        topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM + st.FOOT_SPACE, title=title, subject=subject,
        author=office.name or office.short_name, creator=f"Warta {__version__}",
        producer=f"Warta {__version__} (ReportLab)", invariant=1, initialFontName=fonts.SERIF, lang=language,
    )
    with _LOCK:
        # The office's kop rules (name in capitals, double rule, contact line) as on its releases; the
        # report stays on A4 whatever paper the kop gives releases (its tables are laid out for A4).
        doc.build([Letterhead(office, logo, tr, kop=kop(library)), *story], canvasmaker=PlainCanvas)
    return buf.getvalue()
