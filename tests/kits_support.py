"""Helpers for the press-kit tests: fixture images, sample kits and PDF inspection."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from desktop.articles.document import ArticleDoc, Quote
from desktop.office import OfficeProfile

OFFICE = OfficeProfile(
    name="Badan Pengawas Pemilihan Umum Kabupaten Jember",
    short_name="Bawaslu Jember",
    address="Jl. Kalimantan No. 27, Sumbersari, Jember 68121",
    phone="(0331) 123456",
    email="humas@jember.example",
    website="https://jember.example",
    city="Jember",
    boilerplate="Bawaslu Kabupaten Jember mengawasi setiap tahapan pemilu.",
)

# Indonesian newsroom punctuation that must survive typesetting and text extraction.
PUNCTUATED = (
    "“Kita harus memastikan informasi sampai tepat,” kata Tola’ Ediy — Ketua Bawaslu — pada rapat "
    "pukul 08.00–10.00 WIB… Suhu ruangan 30°C, anggaran Rp\u00a01.500.000; ‘pemilu jujur’ & adil. "
    "Office affiliation fluffy final flow."
)


def image(path: Path, size: tuple[int, int], *, orientation: int | None = None, color=(70, 110, 160)) -> Path:
    """A JPEG with a bright square marking its top-left corner (to check rotation)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(250, 220, 40))
    kwargs = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif.tobytes()
    img.save(path, "JPEG", quality=80, **kwargs)
    return path


def article(title: str = "Bawaslu Jember Perkuat Pengawasan Partisipatif", **kw) -> ArticleDoc:
    body = kw.pop(
        "body",
        "Rapat berlangsung di aula kantor Bawaslu Jember dan diikuti pengawas kecamatan.\n\n"
        + PUNCTUATED
        + "\n\n## Langkah berikutnya\n\n- Sosialisasi ke sekolah\n- Pelatihan relawan\n\n"
        "Kegiatan ditutup dengan doa bersama.",
    )
    defaults = dict(
        lead="Bawaslu Kabupaten Jember menggelar rapat koordinasi pengawasan partisipatif bersama "
        "organisasi kepemudaan.",
        body=body,
        writer="Siti Aminah",
        editor="Budi Santoso",
        publication_date=dt.date(2025, 11, 3),
        quotes=[Quote("Dessi Anggraeni", "Ketua", "Pengawasan adalah kerja bersama.")],
        tags=["pengawasan", "pemilu"],
        status="approved",
    )
    defaults.update(kw)
    return ArticleDoc(title=title, **defaults)


def blocks(markdown: str) -> list[str]:
    """The plain text of each paragraph, heading and list item of a Markdown text, in order."""
    from markdown_it import MarkdownIt

    out = []
    for tok in MarkdownIt("commonmark", {"html": False}).parse(markdown):
        if tok.type == "inline":
            text = "".join(" " if c.type in ("softbreak", "hardbreak") else c.content for c in tok.children or [])
            out.append(squash(text))
    return out


def assert_in_order(pieces: list[str], text: str) -> None:
    """Every piece occurs in ``text``, each after the previous one."""
    pos = 0
    for piece in pieces:
        found = text.find(piece, pos)
        assert found >= 0, f"missing or out of order: {piece!r}"
        pos = found + len(piece)


def pdf_text(data: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    """Whitespace-insensitive form (NBSP prints as a space; line ends become spaces)."""
    return " ".join(text.replace("\u00a0", " ").split())


def visual_lines(data: bytes, page_index: int) -> list[str]:
    """Text of one page grouped by baseline, left to right (drawing order differs in a TOC)."""
    import pypdf

    page = pypdf.PdfReader(io.BytesIO(data)).pages[page_index]
    pieces: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((round(y), x, text))

    page.extract_text(visitor_text=visit)
    rows: dict[int, list[tuple[float, str]]] = {}
    for y, x, text in pieces:
        rows.setdefault(y, []).append((x, text))
    return [squash(" ".join(t for _x, t in sorted(row))) for _y, row in sorted(rows.items(), reverse=True)]


def body_text(data: bytes) -> str:
    """All page text without running heads and footers, whitespace squashed."""
    kept = []
    for page in pdf_text(data):
        for line in page.splitlines():
            if re.search(r"Halaman \d+ dari \d+|Page \d+ of \d+", line):
                continue
            kept.append(line)
    return squash("\n".join(kept))


def placed_images(data: bytes) -> list[dict]:
    """Every image drawn: pixel size and placed size (pt), from the content streams."""
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(data))
    found = []

    def mul(m, n):
        a, b, c, d, e, f = m
        A, B, C, D, E, F = n
        return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]

    def walk(content, resources, ctm, page_no):
        xobjects = resources.get("/XObject", {}) if resources else {}
        stack = []
        for operands, op in ContentStream(content, reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = mul([float(x) for x in operands], ctm)
            elif op == b"Do":
                xo = xobjects[operands[0]].get_object()
                if xo["/Subtype"] == "/Image":
                    w_pt = (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5
                    h_pt = (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5
                    found.append({
                        "page": page_no, "px": (int(xo["/Width"]), int(xo["/Height"])), "pt": (w_pt, h_pt),
                        "filter": xo.get("/Filter"),
                    })
                else:
                    matrix = [float(x) for x in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(xo, xo.get("/Resources"), mul(matrix, ctm), page_no)

    for n, page in enumerate(reader.pages, start=1):
        walk(page.get_contents(), page["/Resources"], [1, 0, 0, 1, 0, 0], n)
    return found


def fonts_of(data: bytes) -> list[dict]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    out = {}
    for page in reader.pages:
        for name, ref in page["/Resources"].get("/Font", {}).items():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            out[str(font["/BaseFont"])] = {
                "subtype": str(font["/Subtype"]),
                "embedded": any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                "truetype": "/FontFile2" in descriptor,
            }
    return [dict(name=k, **v) for k, v in out.items()]


def answer_print_dialog(monkeypatch, target: Path, pages: int) -> None:
    """The system print dialog answered as a user would: "print to file" at ``target``, then OK.

    Checks that the dialog offers every one of the document's ``pages``.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    def exec_(dialog):  # noqa: ANN001, ANN202
        printer = dialog.printer()
        assert printer.fromPage() == 1 and printer.toPage() == pages
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(72)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
