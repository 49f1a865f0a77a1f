"""A :class:`~desktop.kits.spec.KitSpec` → PDF bytes, with reportlab platypus.

A single release printed alone is a kit of one article
(:func:`desktop.kits.spec.release`): the same flowables, the same page.

Imported only when a kit is rendered (reportlab is heavy). Output is
deterministic: ``invariant`` mode, a creation date taken from the kit's date,
subset and image names derived from content, so the same kit gives the same
bytes and can be verified by its hash. Running heads and ``Halaman N dari M``
are drawn once the total page count is known (the canvas keeps each page
until ``save``), and so are the table of contents' page numbers (one pass: ``_OnePassTOC``).
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from ast import literal_eval
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.tableofcontents import TableOfContents, drawPageNumbers

from desktop import __version__, i18n
from desktop.articles.api import contact_text, dateline, escape_markdown, photo_credit, release_line
from desktop.dates import long_date
from desktop.errors import Cancelled, os_reason
from desktop.i18n import N_, _
from desktop.jobs import Progress
from desktop.kits import fonts, images
from desktop.kits import styles as st
from desktop.kits.letterhead import Letterhead, prepared_logo
from desktop.kits.markup import ROW_CHARS, esc, line_paragraphs, lines, markdown_flowables, quote_box, text_paragraphs
from desktop.kits.spec import (
    ArticlePart,
    ContactsPart,
    CoverPart,
    DistributionPart,
    FactSheetPart,
    KitError,
    KitSpec,
    OfficePart,
    Photo,
    PhotosPart,
    is_release,
    part_label,
    validate,
)

# The pure-Python ASCII85 filter made a 20-photo kit 5× slower; binary streams are fine in PDF.
rl_config.useA85 = 0

TOC_MIN_PARTS = 4  # a table of contents when the kit has more than three parts
# Indonesian government press offices print each release from the top of a page under
# its kop, with its "Tentang …" and Narahubung straight after the text; short matter
# (a fact sheet, the office profile, the contact persons) runs on after the previous
# part under a thin rule instead of a page of its own, so two releases are not ten
# mostly empty pages. Photos keep their own pages (each slot is sized to a page) and
# so does the appendix (a distribution list is handed out as a separate sheet).
RUN_ON_PARTS = (FactSheetPart, OfficePart, ContactsPart)
# Below this a photo looks soft in print: it is never enlarged past it, and the user is told.
MIN_PHOTO_DPI = 150
PHOTO_GAP = 14
CAPTION_MIN_W = 100 * st.MM

KIND_HEADINGS = {
    "siaran_pers": N_("PRESS RELEASE"),
    "berita_kegiatan": N_("ACTIVITY NEWS"),
    "klarifikasi": N_("CLARIFICATION"),
    "pengumuman": N_("ANNOUNCEMENT"),
    "artikel": N_("ARTICLE"),
}

# reportlab keeps per-document font state in module globals: one kit at a time.
_LOCK = threading.Lock()


def render(spec: KitSpec, *, progress: Progress | None = None, warnings: list[str] | None = None) -> bytes:
    """Typeset ``spec``; raises :class:`KitError` naming the part that cannot be used.

    ``warnings`` (if given) receives sentences about things the user should
    know but that do not stop the PDF (a photo with too few pixels).
    """
    validate(spec)
    check_glyphs(spec)
    progress = progress or Progress()
    with _LOCK:
        builder = _Builder(spec, progress)
        data = builder.build()
    if warnings is not None:
        warnings.extend(builder.warnings)
    return data


def _texts(part) -> list[str]:  # noqa: ANN001
    if isinstance(part, ArticlePart):
        d = part.doc
        quotes = [f"{q.speaker} {q.position} {q.text}" for q in d.quotes]
        return [d.title, d.subtitle, d.lead, d.body, d.writer, d.editor, d.photographer, d.boilerplate,
                d.contact_block, d.dateline_city, *quotes]
    if isinstance(part, PhotosPart):
        return [f"{p.caption} {p.credit}" for p in part.photos]
    if isinstance(part, FactSheetPart):
        return [part.title, part.text]
    if isinstance(part, ContactsPart):
        return [" ".join([c.name, c.position, c.organisation, *c.phones, *c.emails]) for c in part.contacts]
    if isinstance(part, DistributionPart):
        return [f"{r.name} {r.organisation} {r.detail}" for r in part.recipients]
    return []


def check_glyphs(spec: KitSpec) -> None:
    """Refuse text that no shipped font can print (emoji, scripts Warta has no face for).

    Silently printing a box, or dropping the character, would change what the
    office says; the message names the part and the characters to replace.
    """
    fonts.register()
    office = spec.office
    sources = [(_("the kit title or event"), [spec.title, spec.event]),
               (_("the office profile"), [office.name, office.unit, office.address, office.boilerplate])]
    sources += [(part_label(i, part), _texts(part)) for i, part in enumerate(spec.parts)]
    for where, texts in sources:
        bad = fonts.unprintable(" ".join(t for t in texts if t))
        if bad:
            shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in bad[:5])
            raise KitError(_("The PDF fonts cannot print {chars} in {part}. Replace or remove these characters.")
                           .format(chars=shown, part=where))


def export_pdf(spec: KitSpec, target: Path | str, *, progress: Progress | None = None) -> str:
    """Render and write atomically to ``target``; returns the file's SHA-256."""
    data = render(spec, progress=progress)
    write_output(target, data)
    return hashlib.sha256(data).hexdigest()


def write_output(target: Path | str, data: bytes) -> None:
    """Write bytes atomically; a failure leaves no partial file and names the path."""
    from desktop.fsutil import atomic_write_bytes

    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise KitError(
            _("Cannot write {path}: {error}. Choose another folder.").format(
                path=target, error=os_reason(exc)
            )
        ) from exc


# -- flowables -------------------------------------------------------------------


class PartMarker(Flowable):
    """Zero-size mark where a part starts: feeds the table of contents and the PDF outline."""

    def __init__(self, text: str, key: str) -> None:
        super().__init__()
        self.text, self.key = text, key

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class PhotoBlock(Flowable):
    """A placed photo (aspect kept, centred) with its caption and credit beneath.

    ``photo`` gives the prepared picture when it is first needed, at layout:
    it is read and fitted on a worker thread while the pages before it are set.
    """

    def __init__(self, photo: Callable[[], images.Prepared], captions: list[Paragraph], min_caption_w: float,
                 max_w: float) -> None:
        super().__init__()
        self.photo, self.captions = photo, captions
        self.min_caption_w, self.max_w = min_caption_w, max_w

    @property
    def prepared(self) -> images.Prepared:
        return self.photo()

    @property
    def caption_w(self) -> float:
        return max(self.min_caption_w, min(self.prepared.width, self.max_w))

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        self.cap_heights = [p.wrap(self.caption_w, avail_h)[1] for p in self.captions]
        self.height = self.prepared.height + 5 + sum(self.cap_heights)
        return self.width, self.height

    def split(self, avail_w: float, avail_h: float) -> list:
        """A caption too long for the page flows on as ordinary paragraphs below the photo."""
        if not self.captions or self.prepared.height + 5 > avail_h:
            return []
        return [PhotoBlock(self.photo, [], self.min_caption_w, self.max_w), Spacer(1, 5), *self.captions]

    def draw(self) -> None:
        c, p = self.canv, self.prepared
        x = (self.width - p.width) / 2
        y = self.height - p.height
        draw_jpeg(c, p.data, x, y, p.width, p.height, digest=p.digest)
        cy = y - 5
        cx = (self.width - self.caption_w) / 2
        for para, h in zip(self.captions, self.cap_heights):
            cy -= h
            para.drawOn(c, cx, cy)


def draw_jpeg(canv, data: bytes, x: float, y: float, width: float, height: float, *,  # noqa: ANN001
              digest: str) -> None:
    """Place JPEG bytes as they are (DCTDecode), named by ``digest``, the SHA-1 of the
    compressed bytes (:attr:`images.Prepared.digest`).

    ``canvas.drawImage`` given an ImageReader decodes the whole picture to name it by
    an MD5 of its raw pixels (~80 ms for a 2000 px photo, on every pass); given a
    file name it would name it after the path, which is not reproducible. This is
    drawImage's own registration with a cheap, content-derived name.
    """
    from reportlab.pdfbase import pdfdoc

    name = "Photo" + digest
    reg_name = canv._doc.getXObjectName(name)
    if not canv._doc.idToObject.get(reg_name):
        xobj = pdfdoc.PDFImageXObject(name)
        if not xobj.loadImageFromJPEG(io.BytesIO(data)):
            raise KitError(_("A photo could not be embedded in the PDF."))
        xobj.name = name
        canv._setXObjects(xobj)
        canv._doc.Reference(xobj, reg_name)
        canv._doc.addForm(name, xobj)
    canv._currentPageHasImages = 1
    canv.saveState()
    canv.translate(x, y)
    canv.scale(width, height)
    canv._code.append(f"/{reg_name} Do")
    canv.restoreState()
    canv._formsinuse.append(name)


# -- document ------------------------------------------------------------------------


def _canvas_class(spec: KitSpec, office_line: str, gettext):  # noqa: ANN001, ANN202
    """A canvas that holds pages until save, then draws heads, footers and the watermark.

    ``gettext`` translates into the kit's language (see ``_Builder``).
    """
    from reportlab.lib.styles import ParagraphStyle

    title = spec.title
    draft = spec.is_draft
    stamp = f"D:{spec.date:%Y%m%d}000000+07'00'"
    head_style = ParagraphStyle("head", fontName=fonts.SANS, fontSize=8, leading=10,
                                textColor=colors.HexColor(st.MUTED))

    class KitCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_a: stamp)
            self._pages: list[dict] = []
            self.page_kind = "body"
            self.part_pages: dict[str, int] = {}  # PartMarker key → page it starts on
            self.toc_numbers: list[tuple] = []  # (page index, …) of each TOC entry, see _OnePassTOC
            self.part_marks: list[tuple[str, str]] = []  # (key, title) of the parts starting on this page
            self._heads: dict[float, Paragraph] = {}  # the running head's title, per page width

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self.part_marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                # Only the page's state is put back, not the document's count of
                # annotations: a TOC link drawn now on page 2 would otherwise take
                # the name of a link a later page made during layout.
                annotations = self._annotationCount
                self.__dict__.update(state)
                self._annotationCount = annotations
                # A destination takes the page the PDF is writing, so it is set
                # here: made during layout, every bookmark pointed at page 1.
                for key, text in self.part_marks:
                    self.bookmarkPage(key, fit="XYZ", left=0, top=self._pagesize[1], zoom=0)
                    self.addOutlineEntry(text, key, level=0)
                for entry in self.toc_numbers:
                    if entry[0] == number - 1:
                        self._toc_number(*entry[1:])
                if self.page_kind != "cover":
                    self._running_head(number, total)
                if draft:
                    self._watermark()
                super().showPage()
            super().save()

        def _running_head(self, number: int, total: int) -> None:
            w, h = self._pagesize
            left, right = st.MARGIN_LEFT, w - st.MARGIN_RIGHT
            top = h - st.MARGIN_TOP
            self.saveState()
            self.setFillColor(colors.HexColor(st.MUTED))
            self.setFont(fonts.SANS, 8)
            right_text = gettext("DRAFT — not approved") if draft else office_line
            right_w = stringWidth(right_text, fonts.SANS_BOLD if draft else fonts.SANS, 8)
            # A Paragraph, not drawString: a title with → or ≤ takes the fallback face, not a box.
            # The same on every page of a size: laid out once, drawn on each.
            head = self._heads.get(w)
            if head is None:
                head = Paragraph(esc(_fit_text(title, fonts.SANS, 8, right - left - right_w - 24)), head_style)
                head.wrapOn(self, right - left - right_w - 12, 20)
                self._heads[w] = head
            head.drawOn(self, left, top - 2.5)
            if draft:
                self.setFillColor(colors.HexColor(st.WATERMARK))
                self.setFont(fonts.SANS_BOLD, 8)
            self.drawRightString(right, top, right_text)
            self.setStrokeColor(colors.HexColor(st.RULE))
            self.setLineWidth(0.5)
            self.line(left, top - 4, right, top - 4)
            bottom = st.MARGIN_BOTTOM
            self.line(left, bottom + 9, right, bottom + 9)
            self.setFillColor(colors.HexColor(st.MUTED))
            self.setFont(fonts.SANS, 8)
            self.drawString(left, bottom, _fit_text(office_line if draft else spec.office.website, fonts.SANS, 8,
                                                    (right - left) / 2))
            self.drawRightString(right, bottom, gettext("Page {n} of {total}").format(n=number, total=total))
            self.restoreState()

        def _toc_number(self, matrix: tuple, x: float, y: float, key: str, style, width: float,  # noqa: ANN001
                        height: float) -> None:
            """The dots and page number of one TOC entry, where the entry's text ended."""
            self.saveState()
            self.transform(*matrix)
            self._curr_tx_info = {"cur_x": x, "cur_y": y}
            drawPageNumbers(self, style, [(self.part_pages.get(key, 0), key)], width, height, " . ")
            self.restoreState()

        def _watermark(self) -> None:
            w, h = self._pagesize
            self.saveState()
            self.setFillColor(colors.HexColor(st.WATERMARK))
            self.setFillAlpha(0.13)
            self.translate(w / 2, h / 2)
            self.rotate(55)
            self.setFont(fonts.SANS_BOLD, 140)
            self.drawCentredString(0, -50, gettext("DRAFT"))
            self.restoreState()

    return KitCanvas


def _runs_on(previous, part) -> bool:  # noqa: ANN001
    """Whether ``part`` follows ``previous`` on the same page (see ``RUN_ON_PARTS``)."""
    return isinstance(part, RUN_ON_PARTS) and not isinstance(previous, (CoverPart, PhotosPart))


def _fit_text(text: str, font: str, size: float, width: float) -> str:
    text = " ".join((text or "").split())
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _OnePassTOC(TableOfContents):
    """A table of contents laid out in the one and only pass, its page numbers drawn at ``save``.

    reportlab's TOC needs a second full pass (``multiBuild``): the first lays
    out a placeholder and collects the page numbers. But an entry's height
    does not depend on its number (the number and the dots are drawn by an
    ``onDraw`` callback after the text), and every entry's title is known
    before layout (one per part). So the entries are given up front, the
    callback only notes where each text ended (the canvas's matrix and
    position), and :class:`KitCanvas` draws the dots and numbers there when
    the pages are written, as it does "Page N of M": same look, half the work.
    """

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        """``(escaped title, key)`` of every part, in order."""
        self._lastEntries = [(0, text, 0, key) for text, key in entries]

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        size = super().wrap(avail_w, avail_h)
        style = self.getLevelStyle(0)

        def note(canv, _kind: str, label: str) -> None:  # noqa: ANN001
            key = literal_eval(label.split(",", 2)[2])
            info = canv._curr_tx_info
            canv.toc_numbers.append((len(canv._pages), canv._currentMatrix, info["cur_x"], info["cur_y"], key,
                                     style, avail_w, avail_h))

        self.canv.setNamedCB("drawTOCEntryEnd", note)
        return size


def _markers(flowables: list) -> list[PartMarker]:
    found = []
    for f in flowables:
        if isinstance(f, PartMarker):
            found.append(f)
        elif isinstance(f, KeepTogether):
            found += _markers(f._content)
    return found


class _KitDoc(BaseDocTemplate):
    progress: Progress

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        if self.progress.cancelled:
            raise Cancelled()
        if isinstance(flowable, PartMarker):
            # Bookmarked when the page is written (XYZ with a location: PDF viewers
            # and QtPdf want one; zoom 0 keeps the reader's zoom).
            self.canv.part_marks.append((flowable.key, flowable.text))
            self.canv.part_pages[flowable.key] = self.page
            self.notify("TOCEntry", (0, esc(flowable.text), self.page, flowable.key))


class _Builder:
    def __init__(self, spec: KitSpec, progress: Progress) -> None:
        fonts.register()
        self.spec = spec
        self.progress = progress
        # Every word printed in the PDF is in the kit's language, never the
        # interface's: the same kit gives the same bytes on every desk.
        # Messages to the user (errors, progress) stay in the interface language.
        self.language = spec.language
        self.gettext = i18n.gettext_for(spec.language)
        self.warnings: list[str] = []
        self.S = st.styles()
        self.page_w, self.page_h = st.PAGE_SIZES[spec.paper]
        self.frame_w = self.page_w - st.MARGIN_LEFT - st.MARGIN_RIGHT
        self.body_h = (
            self.page_h - st.MARGIN_TOP - st.HEAD_SPACE - st.MARGIN_BOTTOM - st.FOOT_SPACE
        )
        self.steps = len(spec.parts) + sum(len(p.photos) for p in spec.parts if isinstance(p, PhotosPart))
        self.done = 0
        self.logo = self._logo()
        self.kop: Letterhead | None = None
        office = spec.office
        self.office_line = office.short_name or office.name

    # progress ------------------------------------------------------------------------

    def _step(self, current: str) -> None:
        self.progress.check()
        self.done += 1
        self.progress.report(self.done, self.steps + 1, current)

    # build ---------------------------------------------------------------------------

    def build(self) -> bytes:
        # Photos are read and fitted on these threads while the pages before them are set
        # (Pillow and hashlib let go of the GIL); each is waited for where it is laid out.
        jobs = sum(len(p.photos) for p in self.spec.parts if isinstance(p, PhotosPart))
        with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1, jobs)),
                                thread_name_prefix="kit-photo") as pool:
            try:
                return self._build(pool)
            except BaseException:
                # Cancelled, or a part that cannot be used: the photos not started yet are not read.
                pool.shutdown(wait=True, cancel_futures=True)
                raise

    def _build(self, pool) -> bytes:  # noqa: ANN001 - ThreadPoolExecutor
        spec = self.spec
        story: list = []
        toc = self._toc() if len(spec.parts) >= TOC_MIN_PARTS else None
        first_is_cover = isinstance(spec.parts[0], CoverPart)
        has_cover = any(isinstance(p, CoverPart) for p in spec.parts)
        if toc is not None and not has_cover:
            story += [Paragraph(esc(self.gettext("Contents")), self.S.part_title), toc, PageBreak()]
        photo_pages = {i: self._plan_photos(i, part, pool) for i, part in enumerate(spec.parts)
                       if isinstance(part, PhotosPart)}
        for i, part in enumerate(spec.parts):
            kind = "cover" if isinstance(part, CoverPart) else "body"
            runs_on = i > 0 and _runs_on(spec.parts[i - 1], part)
            if i > 0 or (toc is not None and not has_cover):
                story.append(NextPageTemplate(kind))
                if i > 0 and not runs_on:
                    story.append(PageBreak())
            label = part_label(i, part)
            self._step(label)
            flowables = self._part(i, part, toc, photo_pages)
            if runs_on:
                # The rule, heading and a short part move to the next page together.
                flowables = [KeepTogether([_Rule(self.frame_w, 0.6, st.RULE, space_before=16, space_after=12),
                                           *flowables])]
            story += flowables
        # The photos' steps are counted as they are laid out.
        self.progress.report(self.done, self.steps + 1, _("Typesetting the PDF…"))

        buf = io.BytesIO()
        office = spec.office
        doc = _KitDoc(
            buf,
            pagesize=(self.page_w, self.page_h),
            leftMargin=st.MARGIN_LEFT,
            rightMargin=st.MARGIN_RIGHT,
            topMargin=st.MARGIN_TOP,
            bottomMargin=st.MARGIN_BOTTOM,
            title=spec.title,
            author=office.name or office.short_name,
            subject=spec.event or (self._kind_heading(spec.parts[0].doc) if is_release(spec)
                                   else self.gettext("Press kit")),
            keywords=spec.all_keywords,
            creator=f"Warta {__version__}",
            producer=f"Warta {__version__} (ReportLab)",
            invariant=1,
            initialFontName=fonts.SERIF,
            initialFontSize=st.BODY_SIZE,
            lang=self.language,
        )
        doc.progress = self.progress
        body_frame = Frame(
            st.MARGIN_LEFT, st.MARGIN_BOTTOM + st.FOOT_SPACE, self.frame_w, self.body_h,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )
        cover_frame = Frame(
            st.MARGIN_LEFT, st.MARGIN_BOTTOM, self.frame_w, self.page_h - st.MARGIN_TOP - st.MARGIN_BOTTOM,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="cover",
        )

        def mark(kind: str):  # noqa: ANN202
            def on_page(canv, _doc) -> None:  # noqa: ANN001
                canv.page_kind = kind

            return on_page

        templates = [
            PageTemplate("cover", [cover_frame], onPage=mark("cover")),
            PageTemplate("body", [body_frame], onPage=mark("body")),
        ]
        if not first_is_cover or (toc is not None and not has_cover):
            templates.reverse()
        doc.addPageTemplates(templates)
        canvasmaker = _canvas_class(spec, self.office_line, self.gettext)
        from reportlab.platypus.doctemplate import LayoutError

        if toc is not None:
            toc.set_entries([(esc(m.text), m.key) for m in _markers(story)])
        try:
            doc.build(story, canvasmaker=canvasmaker)
        except LayoutError as exc:
            # Only an unsplittable block (one enormous table cell) gets here.
            raise KitError(_("Part of the kit does not fit on a page (page {page}). Shorten its longest "
                             "text and try again.").format(page=getattr(doc, "page", "?"))) from exc
        self.progress.report(self.steps + 1, self.steps + 1, "")
        return buf.getvalue()

    def _toc(self) -> _OnePassTOC:
        toc = _OnePassTOC(dotsMinLevel=0)
        toc.levelStyles = [self.S.toc_entry]
        toc.tableStyle = st.table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ])
        return toc

    def _logo(self) -> images.Prepared | None:
        return prepared_logo(self.spec.logo)

    # parts ---------------------------------------------------------------------------

    def _part(self, index: int, part, toc, photo_pages: dict[int, list]) -> list:  # noqa: ANN001
        key = f"part-{index + 1}"
        if isinstance(part, CoverPart):
            return self._cover(toc)
        if isinstance(part, ArticlePart):
            return [PartMarker(part.doc.title or self.gettext("Press release"), key)] + self._article(part)
        if isinstance(part, PhotosPart):
            title = part.title or self.gettext("Photo documentation")
            return [PartMarker(title, key)] + self._photos(index, part, title, photo_pages[index])
        if isinstance(part, FactSheetPart):
            title = part.title or self.gettext("Fact sheet")
            return [PartMarker(title, key), Paragraph(esc(title), self.S.part_title)] + markdown_flowables(
                part.text
            )
        if isinstance(part, OfficePart):
            title = self._about_title()
            return [PartMarker(title, key)] + self._office(title)
        if isinstance(part, ContactsPart):
            title = self.gettext("Contact persons")
            return [PartMarker(title, key)] + self._contacts(part, title)
        if isinstance(part, DistributionPart):
            title = part.title or self.gettext("Appendix: distribution list")
            return [PartMarker(title, key)] + self._distribution(part, title)
        raise KitError(_("The kit cannot be made: {part} is of an unknown kind.").format(
            part=part_label(index, part)))

    def _about_title(self) -> str:
        office = self.spec.office
        return self.gettext("About {name}").format(name=office.short_name or office.name) if (
            office.short_name or office.name) else self.gettext("About us")

    def _letterhead(self) -> Letterhead:
        """The kit's kop: one flowable for the cover and every release (it never splits)."""
        if self.kop is None:
            self.kop = Letterhead(self.spec.office, self.logo, self.gettext, self.spec.kop)
        return self.kop

    def _cover(self, toc) -> list:  # noqa: ANN001
        S, spec = self.S, self.spec
        office = spec.office
        out: list = [self._letterhead(), Spacer(1, 26 * st.MM)]
        out.append(Paragraph(esc(self.gettext("PRESS KIT")), S.cover_label))
        out.append(Paragraph(esc(spec.title), S.cover_title))
        if spec.event:
            out.append(Paragraph(esc(spec.event), S.cover_event))
        place = office.city
        when = long_date(spec.date, language=self.language)
        out.append(Paragraph(esc(f"{place}, {when}" if place else when), S.cover_date))
        out.append(_Rule(40 * st.MM, 1.4, st.ACCENT, space_before=10, space_after=16))
        if toc is not None:
            out += [Spacer(1, 8 * st.MM), Paragraph(esc(self.gettext("Contents")), S.toc_heading), toc]
        return out

    def _release_line(self, part: ArticlePart) -> str:
        return release_line(part.doc, language=self.language)

    def _dateline(self, part: ArticlePart) -> str:
        import dataclasses

        doc = part.doc
        # The article's own city and date; the office's city and the kit's
        # date stand in when the writer left them empty.
        filled = dataclasses.replace(
            doc,
            dateline_city=(doc.dateline_city or self.spec.office.city).strip(),
            publication_date=doc.publication_date or doc.event_date or self.spec.date,
        )
        return f"<b>{esc(dateline(filled, language=self.language))}</b> – "

    def _kind_heading(self, doc) -> str:  # noqa: ANN001 - ArticleDoc
        return self.gettext(KIND_HEADINGS.get(doc.kind, KIND_HEADINGS["siaran_pers"]))

    def _article(self, part: ArticlePart) -> list:
        S, doc = self.S, part.doc
        out: list = [self._letterhead()]
        heading = self._kind_heading(doc)
        release = self._release_line(part)
        row = Table(
            [[Paragraph(esc(heading), S.label), [Paragraph(esc(release), S.release)] + (
                [Paragraph(esc(self.gettext("Number: {number}").format(number=part.release_number)), S.release)]
                if part.release_number else [])]],
            colWidths=[self.frame_w * 0.45, self.frame_w * 0.55],
        )
        row.setStyle(st.table_style([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        out += [row, Spacer(1, 12)]
        out.append(Paragraph(esc(doc.title), S.title))
        if doc.subtitle:
            out.append(Paragraph(esc(doc.subtitle), S.subtitle))
        out.append(Spacer(1, 8))
        prefix = self._dateline(part)
        if doc.lead.strip():
            # The lead is plain text (see ArticleDoc): its * and _ are characters.
            out += markdown_flowables(escape_markdown(doc.lead), prefix=prefix, body_style=S.lead)
            prefix = ""
        out += markdown_flowables(doc.body, prefix=prefix)
        for quote in doc.quotes:
            if not quote.text.strip():
                continue
            who = esc(quote.speaker) + (", " + esc(quote.position) if quote.position else "")
            # A quote longer than a page runs on: the box splits between its rows.
            out.append(quote_box([
                *text_paragraphs(quote.text.strip(), S.quote, before="“", after="”", limit=ROW_CHARS),
                Paragraph("— " + who, S.attribution),
            ]))
        credits = [
            (self.gettext("Writer"), doc.writer),
            (self.gettext("Editor"), doc.editor),
            (self.gettext("Photo"), photo_credit(doc.photographer)),
        ]
        credit_text = "   |   ".join(f"{esc(label)}: {esc(value)}" for label, value in credits if value.strip())
        if credit_text:
            out.append(Paragraph(credit_text, S.credit))
        out.append(Paragraph("###", S.endmark))
        boilerplate = doc.boilerplate.strip() or self.spec.office.boilerplate.strip()
        if boilerplate:
            block = [Paragraph(esc(self._about_title()), S.small_bold)]
            block += markdown_flowables(boilerplate, body_style=S.small)
            out.append(KeepTogether(block))
        contact = contact_text(doc.contact_block)
        if contact:
            out.append(KeepTogether([
                Paragraph(esc(self.gettext("Contact person")), S.small_bold),
                *line_paragraphs(contact, S.small),
            ]))
        return out

    def _plan_photos(self, index: int, part: PhotosPart, pool) -> list:  # noqa: ANN001
        """The part's pages as ``(photo, captions, prepared future)`` rows; each photo is read and
        fitted to its slot on ``pool`` while the parts before it are set (Pillow and hashlib
        let go of the GIL)."""
        S = self.S
        per_page = self.spec.photos_per_page
        title = part.title or self.gettext("Photo documentation")
        heading_h = Paragraph(esc(title), S.part_title).wrap(self.frame_w, self.body_h)[1] + S.part_title.spaceAfter
        cap_w = min(self.frame_w, CAPTION_MIN_W)
        chunks = [part.photos[i:i + per_page] for i in range(0, len(part.photos), per_page)]
        # Page layout first: the slot height depends on the captions.
        pages = []
        for n, chunk in enumerate(chunks):
            avail = self.body_h - (heading_h if n == 0 else 0) - 2
            captions = [self._captions(photo) for photo in chunk]
            # A very long caption must not shrink its photo to a stamp: it may run on instead.
            cap_h = [min(sum(p.wrap(cap_w, avail)[1] for p in caps), avail * 0.25) for caps in captions]
            slot = max((avail - sum(cap_h) - 5 * len(chunk) - PHOTO_GAP * (len(chunk) - 1)) / len(chunk), 40 * st.MM)
            pages.append([(photo, caps, pool.submit(self._prepare, index, photo, slot))
                          for photo, caps in zip(chunk, captions)])
        return pages

    def _photos(self, index: int, part: PhotosPart, title: str, pages: list) -> list:
        S = self.S
        cap_w = min(self.frame_w, CAPTION_MIN_W)
        out: list = [Paragraph(esc(title), S.part_title)]
        for n, page in enumerate(pages):
            if n:
                out.append(PageBreak())
            for k, (photo, caps, future) in enumerate(page):
                if k:
                    out.append(Spacer(1, PHOTO_GAP))
                out.append(PhotoBlock(self._prepared(index, photo, future), caps, cap_w, self.frame_w))
        return out

    def _prepared(self, index: int, photo: Photo, future) -> Callable[[], images.Prepared]:  # noqa: ANN001
        """The prepared photo once ``future`` has it, its step counted and a photo too small for
        print warned about, once (the layout asks again)."""
        done: list[images.Prepared] = []

        def get() -> images.Prepared:
            if done:
                return done[0]
            prepared = future.result()
            name = photo.ref or Path(photo.path).name
            if prepared.box_dpi < MIN_PHOTO_DPI:
                self.warnings.append(
                    _("The photo of {part} has too few pixels for print ({dpi} dpi at full size); "
                      "it is printed smaller. Use a larger original.").format(
                        part=part_label(index, self.spec.parts[index], name), dpi=round(prepared.box_dpi))
                )
            done.append(prepared)
            # Reached while the pages are set, after "Typesetting the PDF…": that stays the message.
            self._step(_("Typesetting the PDF… ({photo})").format(photo=name))
            return prepared

        return get

    def _captions(self, photo: Photo) -> list[Paragraph]:
        S = self.S
        caps = []
        if photo.caption.strip():
            caps.append(Paragraph(esc(" ".join(photo.caption.split())), S.caption))
        credit = photo_credit(photo.credit) or photo_credit(self.spec.office.default_credit)
        if credit:
            caps.append(Paragraph(esc(self.gettext("Photo: {credit}").format(credit=credit)), S.photo_credit))
        return caps

    def _prepare(self, index: int, photo: Photo, slot_h: float) -> images.Prepared:
        name = photo.ref or Path(photo.path).name
        label = part_label(index, self.spec.parts[index], name)
        try:
            return images.prepare(Path(photo.path), self.frame_w, slot_h, min_dpi=MIN_PHOTO_DPI)
        except images.ImageProblem as exc:
            if exc.missing:
                raise KitError(
                    _("The photo file of {part} is missing ({path}). Run 'warta check' or remove the photo.")
                    .format(part=label, path=photo.path)
                ) from exc
            raise KitError(
                _("The photo of {part} cannot be read as an image ({reason}).").format(part=label, reason=exc)
            ) from exc

    def _office(self, title: str) -> list:
        S, office = self.S, self.spec.office
        out: list = [Paragraph(esc(title), S.part_title)]
        if office.name:
            out.append(Paragraph(esc(office.name), S.h2))
        if office.unit:
            out.append(Paragraph(esc(office.unit), S.small))
        out.append(Spacer(1, 6))
        if office.boilerplate.strip():
            out += markdown_flowables(office.boilerplate)
        rows = [
            (self.gettext("Address"), office.address),
            (self.gettext("Telephone"), office.phone),
            (self.gettext("E-mail"), office.email),
            (self.gettext("Website"), office.website),
        ]
        data = [[Paragraph(esc(k), S.small_bold), Paragraph(lines(v), S.table_cell)] for k, v in rows if v.strip()]
        if data:
            out.append(Spacer(1, 8))
            out.append(self._table(data, [32 * st.MM, self.frame_w - 32 * st.MM], header=False))
        return out

    def _contacts(self, part: ContactsPart, title: str) -> list:
        S = self.S
        out: list = [Paragraph(esc(title), S.part_title)]
        cells = []
        for person in part.contacts:
            block = [Paragraph(esc(person.name), S.h3)]
            role = ", ".join(x for x in (person.position, person.organisation) if x.strip())
            if role:
                block.append(Paragraph(esc(role), S.small))
            for phone in person.phones:
                block.append(Paragraph(esc(self.gettext("Tel. {phone}").format(phone=phone)), S.table_cell))
            for email in person.emails:
                block.append(Paragraph(esc(email), S.table_cell))
            cells.append(block)
        half = self.frame_w / 2
        rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
        table = Table(rows, colWidths=[half, half], hAlign="LEFT")
        table.setStyle(st.table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
        ]))
        out.append(table)
        return out

    def _distribution(self, part: DistributionPart, title: str) -> list:
        S = self.S
        out: list = [Paragraph(esc(title), S.part_title)]
        head = [Paragraph(esc(t), S.table_head) for t in ("No.", self.gettext("Name"), self.gettext("Media / institution"),
                                                           self.gettext("Contact"))]
        data = [head]
        for n, r in enumerate(part.recipients, start=1):
            data.append([Paragraph(str(n), S.table_cell), Paragraph(esc(r.name), S.table_cell),
                         Paragraph(esc(r.organisation), S.table_cell), Paragraph(esc(r.detail), S.table_cell)])
        w = self.frame_w
        out.append(self._table(data, [12 * st.MM, w * 0.32, w * 0.34, w - 12 * st.MM - w * 0.66], header=True))
        return out

    def _table(self, data: list, widths: list[float], *, header: bool) -> Table:
        table = Table(data, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(st.RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(st.ACCENT)))
            cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F3F5F8")]))
        table.setStyle(st.table_style(cmds))
        return table


class _Rule(Flowable):
    """A short accent rule (the cover's divider)."""

    def __init__(self, width: float, thickness: float, color: str, *, space_before: float = 0,
                 space_after: float = 0) -> None:
        super().__init__()
        self.rule_w, self.thickness, self.color = width, thickness, color
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return avail_w, self.thickness

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.HexColor(self.color))
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.rule_w, self.thickness / 2)
