"""Article import/export and the style glossary, each beside the bare library call it builds on.

- glossary check of an article as you type, beside one regular expression
  tokenising the same text;
- reading a .docx article into an ArticleDoc, beside python-docx opening it
  and reading the paragraph texts;
- writing a .docx, beside python-docx writing the same paragraphs unstyled;
- Markdown/WhatsApp export, beside markdown-it parsing the body;
- a batch import of N files in one transaction, beside ``store.create_article``
  of the same articles one by one.

``small``: 20 files per batch; ``full``: 200.

Hostile input (issue 18), each beside a bare equivalent of the same size, so a
ratio near 1 (or growing with the size, not its square) shows the work is linear:

- a release PDF of one long paragraph, beside the same text in paragraphs of
  2,000 characters, at two sizes (400 KB took 119 s before the fix);
- importing 4.8 MB of Markdown soft breaks (one paragraph, refused after
  reading), beside reading the file and markdown-it parsing it (31 s before);
- a .docx whose picture part inflates to 300 MB, beside the same .docx with
  its real 8-pixel picture (the whole part was read: 1.5 GB → 3.1 GB peak);
- a 5 KB .xlsx with a cell at XFD1048576, beside the same sheet without it
  (9.6 GB before).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
from pathlib import Path

from bench.runner import Table, measure

BATCH = {"small": 20, "full": 200}
WORDS = ("pengawasan", "pemilu", "partisipatif", "Bawaslu", "kolaborasi", "masyarakat", "tahapan", "BAWASLU",
         "informasi", "publik", "demokrasi", "kampanye", "relawan", "hoax", "kpu", "Pilkada", "TPS", "daring")


def _article(rng: random.Random, words: int = 700):  # noqa: ANN202 - ArticleDoc
    from desktop.articles.document import ArticleDoc, Quote

    paragraphs = []
    left = words
    while left > 0:
        n = min(left, rng.randint(30, 70))
        text = " ".join(rng.choice(WORDS) for _ in range(n))
        paragraphs.append(text.replace(" pemilu ", " **pemilu** ", 1).replace(" publik ", " *publik* ", 1) + ".")
        left -= n
    paragraphs.insert(3, "## Agenda\n\n1. pembukaan\n2. paparan\n3. diskusi")
    return ArticleDoc(
        title="Bawaslu Gelar Rakor Pengawasan Partisipatif " + str(rng.randint(1, 10**6)),
        kind="siaran_pers", dateline_city="Jember", event_date=dt.date(2025, 11, 3),
        lead=paragraphs[0], body="\n\n".join(paragraphs[1:]),
        quotes=[Quote("Tola' Ediy, S.Pd.", "Kordiv Humas", "Kami siap mengawasi")],
        writer="Ridha", contact_block="Budi\n0812 3456 7890",
    )


def run(table: Table, scale: str, workdir: Path) -> None:
    from desktop.articles import glossary, store
    from desktop.articles.io import import_files, parse_file, render
    from desktop.articles.io.markup import parse_markdown
    from desktop.articles.io.writers import markdown_text, whatsapp_text
    from desktop.library import Library

    rng = random.Random(11)
    doc = _article(rng)
    text = doc.lead + "\n\n" + doc.body

    # -- glossary ----------------------------------------------------------------
    checker = glossary.Checker(glossary.DEFAULT_RULES)
    words = re.compile(r"\w+")
    base = measure(lambda: words.findall(text), repeat=30)
    table.add("glossary: check a 700-word article", measure(lambda: checker.check(text), repeat=30),
              baseline="re \\w+ findall of the same text", baseline_samples=base, target="< 5 ms (as you type)")
    table.add("glossary: compile the default rules", measure(lambda: glossary.Checker(glossary.DEFAULT_RULES), repeat=30))

    # -- .docx in and out ------------------------------------------------------------
    import docx

    folder = workdir / "articles-io"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "rilis.docx"
    path.write_bytes(render(doc, "docx"))

    def bare_read() -> None:
        [p.text for p in docx.Document(str(path)).paragraphs]

    table.add("import: read a 700-word .docx into an article", measure(lambda: parse_file(path), repeat=10),
              baseline="python-docx open + paragraph texts", baseline_samples=measure(bare_read, repeat=10))
    paragraphs = text.split("\n\n")

    def bare_write() -> None:
        d = docx.Document()
        for p in paragraphs:
            d.add_paragraph(p)
        d.save(io.BytesIO())

    table.add("export: write a 700-word article as .docx", measure(lambda: render(doc, "docx"), repeat=10),
              baseline="python-docx unstyled paragraphs", baseline_samples=measure(bare_write, repeat=10))
    md_base = measure(lambda: parse_markdown(doc.body), repeat=20)
    table.add("export: Markdown text", measure(lambda: markdown_text(doc), repeat=20),
              baseline="markdown-it parse of the body", baseline_samples=md_base)
    table.add("export: WhatsApp text", measure(lambda: whatsapp_text(doc), repeat=20),
              baseline="markdown-it parse of the body", baseline_samples=md_base)

    # -- batch import into a library -------------------------------------------------
    count = BATCH.get(scale, BATCH["small"])
    docs = [_article(rng, 400) for _ in range(count)]
    files = []
    for i, d in enumerate(docs):
        f = folder / f"rilis-{i:04d}.{'docx' if i % 2 else 'md'}"
        f.write_bytes(render(d, "docx" if i % 2 else "md"))
        files.append(f)
    template = folder / "template-lib"
    lib = Library.open(template)
    lib.close()

    def fresh():  # noqa: ANN202
        target = folder / "lib"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(template, target)
        return Library.open(target)

    def batch() -> None:
        lib = fresh()
        try:
            result = import_files(lib, files)
            assert len(result.added) == count, result.rejected
        finally:
            lib.close()

    def one_by_one() -> None:
        lib = fresh()
        try:
            for d in docs:
                store.create_article(lib, d)
        finally:
            lib.close()

    table.add(f"import: batch of {count} files (.md/.docx), one transaction", measure(batch, repeat=3),
              baseline=f"store.create_article x{count}, parsed already", baseline_samples=measure(one_by_one, repeat=3))

    _hostile(table, scale, folder)


def _hostile(table: Table, scale: str, folder: Path) -> None:
    import zipfile

    from desktop.articles.document import ArticleDoc
    from desktop.articles.io import parse_file
    from desktop.articles.io.markup import parse_markdown
    from desktop.contacts.io import tables
    from desktop.kits import render as kit_render
    from desktop.kits import spec as kit_spec
    from desktop.office import OfficeProfile

    sentence = "Bawaslu mengawasi tahapan pemilu bersama warga desa. "
    office = OfficeProfile(name="Kantor Uji")

    def pdf(body: str) -> None:
        doc = ArticleDoc(title="Satu Paragraf", lead="Lead.", body=body)
        kit_render.render(kit_spec.release(doc, office, date=dt.date(2025, 1, 1), approved=True))

    sizes = (100_000, 400_000) if scale == "full" else (50_000, 200_000)
    for size in sizes:
        long = sentence * (size // len(sentence))
        split = "\n\n".join(long[i:i + 2000] for i in range(0, len(long), 2000))
        table.add(f"release PDF: one paragraph of {size // 1000} KB", measure(lambda: pdf(long), repeat=3),
                  baseline="same text in 2 KB paragraphs", baseline_samples=measure(lambda: pdf(split), repeat=3))

    text = ("# Judul\n\n" + "\n".join((sentence * 2)[:60] for _ in range(80_000)))
    md = folder / "soft-breaks.md"
    md.write_text(text, encoding="utf-8")

    def refused() -> None:
        try:
            parse_file(md)
        except Exception:  # noqa: BLE001 - refused: one paragraph over the limit
            return
        raise AssertionError("the soft-break file was imported")

    table.add(f"import: {len(text) // 1_000_000} MB of soft breaks in one paragraph (refused)",
              measure(refused, repeat=3), baseline="read the file + markdown-it parse",
              baseline_samples=measure(lambda: parse_markdown(md.read_text(encoding="utf-8")), repeat=3))

    import docx
    from PIL import Image

    picture = folder / "p.png"
    Image.new("RGB", (8, 8), (1, 2, 3)).save(picture)
    document = docx.Document()
    document.add_heading("Rilis Bergambar", 1)
    document.add_paragraph("Jember – " + sentence * 5)
    document.add_picture(str(picture))
    plain_docx = folder / "gambar.docx"
    document.save(str(plain_docx))
    src = zipfile.ZipFile(plain_docx)
    media = next(n for n in src.namelist() if n.startswith("word/media/"))
    bomb = folder / "gambar-300mb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            zf.writestr(name, bytes(300 * 1024 * 1024) if name == media else src.read(name))
    table.add(f"import: .docx of {bomb.stat().st_size // 1024} KB, picture part of 300 MB",
              measure(lambda: parse_file(bomb), repeat=5), baseline="same .docx, 8-pixel picture",
              baseline_samples=measure(lambda: parse_file(plain_docx), repeat=5))

    from openpyxl import Workbook

    def workbook(far: bool) -> bytes:
        wb = Workbook()
        ws = wb.active
        ws.append(["Nama", "Telepon"])
        ws.append(["Budi Santoso", "081234567890"])
        if far:
            ws["XFD1048576"] = "x"
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    far, near = workbook(True), workbook(False)
    table.add(f"contacts .xlsx of {len(far) // 1000} KB, a cell at XFD1048576 (refused)",
              measure(lambda: tables.parse_xlsx(far, "x.xlsx"), repeat=5), baseline="same sheet without that cell",
              baseline_samples=measure(lambda: tables.parse_xlsx(near, "x.xlsx"), repeat=5))
