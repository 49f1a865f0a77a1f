"""The *kop*: logo, institution name lines, address line and the double rule.

Laid out the way Indonesian government letterheads are: the logo at the left,
the name in bold capitals centred in the space beside it, the address and
contact lines beneath in a smaller face, closed by a thick-and-thin double rule.
A style pack's kop rules (:class:`desktop.kits.spec.Kop`) may keep the name as
written, leave out the address and contact lines, or close with a single rule.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph

from desktop.i18n import _
from desktop.kits import fonts
from desktop.kits import styles as st
from desktop.kits.images import Prepared
from desktop.kits.markup import esc
from desktop.kits.spec import Kop
from desktop.office import OfficeProfile

LOGO_BOX = 22 * st.MM
GAP = 3 * st.MM


def prepared_logo(path: str | None) -> Prepared | None:
    """The office logo sized for the kop, or None without one; a logo that cannot be used is a KitError."""
    if not path:
        return None
    from pathlib import Path

    from desktop.kits import images
    from desktop.kits.spec import KitError

    try:
        return images.prepare(Path(path), LOGO_BOX, LOGO_BOX, keep_alpha=True)
    except images.ImageProblem as exc:
        raise KitError(
            _("The office logo {path} cannot be used ({reason}). Choose another logo in the office profile.")
            .format(path=path, reason=exc)
        ) from exc


def contact_line(office: OfficeProfile, gettext=_) -> str:  # noqa: ANN001
    """Telephone, e-mail and website on one line; ``gettext`` picks the document's language."""
    bits = []
    if office.phone:
        bits.append(gettext("Tel. {phone}").format(phone=office.phone))
    if office.email:
        bits.append(gettext("E-mail {email}").format(email=office.email))
    if office.website:
        bits.append(office.website)
    return "  ·  ".join(bits)


class Letterhead(Flowable):
    """The letterhead as one flowable (so it can open the cover and each press release)."""

    def __init__(self, office: OfficeProfile, logo: Prepared | None, gettext=_,  # noqa: ANN001
                 kop: Kop | None = None) -> None:
        super().__init__()
        self.office = office
        self.logo = logo
        self.kop = kop = kop or Kop()
        caps = str.upper if kop.name_in_capitals else str
        fonts.register()
        name_style = ParagraphStyle(
            "kop_name", fontName=fonts.SERIF_BOLD, fontSize=14, leading=17, alignment=TA_CENTER,
            textColor=colors.HexColor(st.INK),
        )
        unit_style = ParagraphStyle("kop_unit", parent=name_style, fontSize=11, leading=14)
        small = ParagraphStyle(
            "kop_small", fontName=fonts.SANS, fontSize=8.5, leading=11, alignment=TA_CENTER,
            textColor=colors.HexColor(st.INK),
        )
        self.lines: list[Paragraph] = []
        self.name = caps(office.name or office.short_name or gettext("Public relations office"))
        self.name_style = name_style
        self.lines.append(Paragraph(esc(self.name), name_style))
        if office.unit:
            self.lines.append(Paragraph(esc(caps(office.unit)), unit_style))
        if office.address and kop.contact_line:
            self.lines.append(Paragraph(esc(" ".join(office.address.split())), small))
        contact = contact_line(office, gettext) if kop.contact_line else ""
        if contact:
            self.lines.append(Paragraph(esc(contact), small))
        self._heights: list[float] = []
        self._laid_out_for: float | None = None
        self._logo_reader: ImageReader | None = None
        self.spaceAfter = 10

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        # A kit opens every release with the same kop: one flowable, laid out once per width.
        if self._laid_out_for == avail_w:
            return self.width, self.height
        self._laid_out_for = avail_w
        self.width = avail_w
        # Beside the logo, not mirrored around it: the long institution names stay on one line.
        text_w = avail_w - (LOGO_BOX + GAP) if self.logo else avail_w
        # The name on one line when it can be (down to 11 pt), as printed letterheads do.
        from reportlab.pdfbase.pdfmetrics import stringWidth

        natural = stringWidth(self.name, fonts.SERIF_BOLD, 1)
        size = max(11.0, min(14.0, (text_w - 2) / natural if natural else 14.0))
        self.name_style.fontSize, self.name_style.leading = size, size * 1.22
        self.lines[0] = Paragraph(esc(self.name), self.name_style)
        self._heights = [p.wrap(text_w, avail_h)[1] for p in self.lines]
        self._text_w = text_w
        text_h = sum(self._heights) + 2 * (len(self.lines) - 1)
        self.body_h = max(text_h, self.logo.height if self.logo else 0)
        self.height = self.body_h + 8  # rule and its gap
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        top = self.height
        if self.logo is not None:
            y = top - (self.body_h + self.logo.height) / 2
            x = (LOGO_BOX - self.logo.width) / 2
            if self._logo_reader is None:  # decoded once, however many pages the kop opens
                self._logo_reader = ImageReader(io.BytesIO(self.logo.data))
            c.drawImage(self._logo_reader, x, y, self.logo.width, self.logo.height, mask="auto")
        text_h = sum(self._heights) + 2 * (len(self.lines) - 1)
        y = top - (self.body_h - text_h) / 2
        x = self.width - self._text_w
        for para, h in zip(self.lines, self._heights):
            y -= h
            para.drawOn(c, x, y)
            y -= 2
        c.setStrokeColor(colors.HexColor(st.INK))
        if not self.kop.double_rule:
            c.setLineWidth(1.2)
            c.line(0, 2.7, self.width, 2.7)
            return
        c.setLineWidth(1.8)
        c.line(0, 4.2, self.width, 4.2)
        c.setLineWidth(0.6)
        c.line(0, 1.2, self.width, 1.2)
