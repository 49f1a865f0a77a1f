"""Hostile article files and text: bounded work and memory, control characters, column limits, two imports at once.

Time is never measured here (see ``bench/bench_articles_io.py``): each test
asserts on the work done — a part never opened, a Paragraph never longer than
a piece, spans joined once — or on a clear sentence with nothing changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import threading
import zipfile
from pathlib import Path

import pytest

from desktop.articles import store
from desktop.articles.document import ArticleDoc, Quote
from desktop.articles.io import service
from desktop.articles.io.readers import ArticleFileError


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Bawaslu Gelar Rakor", 1)
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _repack(data: bytes, extra: dict[str, bytes]) -> bytes:
    """The package with ``extra`` members added or replacing the ones of the same name."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename not in extra:
                zf.writestr(info.filename, src.read(info.filename))
        for name, payload in extra.items():
            zf.writestr(name, payload)
    return out.getvalue()


def _count_articles(library) -> int:
    return len(store.list_articles(library))


# -- control characters (point 5) --------------------------------------------------------------


def test_shift_enter_is_a_line_break_and_other_controls_are_dropped(library, tmp_path):
    filler = "Bawaslu mengajak warga mengawasi tahapan pemilu di setiap desa. " * 5
    path = tmp_path / "rilis.txt"
    # Word's Shift+Enter pasted into Notepad is \v; a NUL and an escape come from broken tools.
    path.write_text("Bawaslu Gelar Rakor\n\n" + filler + "\n\nBaris satu\vbaris dua.\n\n" + filler * 40
                    + "\n\nSisa \x00NUL dan \x1b[31mwarna\x07.\n", encoding="utf-8")
    result = service.import_files(library, [path])
    assert result.added and not result.rejected, result.rejected
    doc = store.load_doc(library, result.added[0])
    text = doc.lead + doc.body
    assert "Baris satu\\\nbaris dua." in doc.body  # a Markdown line break
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text), repr([c for c in text if ord(c) < 32])
    assert "Sisa NUL dan \\[31mwarna." in doc.body
    # Every export of it works (the .docx writer crashed on \v: lxml refuses control characters).
    for fmt in ("docx", "md", "txt", "whatsapp"):
        assert service.render(doc, fmt)


def test_docx_export_survives_control_characters_already_stored(library):
    """An article saved before import cleaned them (or typed in) still exports as .docx and inside the kit ZIP."""
    doc = ArticleDoc(title="Judul\x07 rilis", lead="Lead\x0bdua", body="Isi \x1b dan \x0c lagi", writer="A\x01B",
                     tags=["x\x02y"], subtitle="sub\x03")
    data = service.render(doc, "docx")
    back = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert "Lead" in back and "Isi" in back


def test_control_characters_in_word_metadata_are_cleaned(library, tmp_path):
    import json

    import docx

    document = docx.Document()
    document.add_heading("Judul Rilis", 1)
    document.add_paragraph("Jember – Isi rilis yang cukup panjang untuk menjadi lead artikel ini.")
    # Warta's own metadata is JSON in the Comments property: "\u0000" in it is a real NUL.
    document.core_properties.comments = json.dumps({"warta_article": {"tags": ["pemilu\u0000", "\u0007humas"],
                                                                      "source_url": "https://x.example/\u0000a"}})
    path = tmp_path / "meta.docx"
    document.save(str(path))
    result = service.import_files(library, [path])
    assert result.added, result.rejected
    doc = store.load_doc(library, result.added[0])
    assert sorted(doc.tags) == ["humas", "pemilu"]
    assert doc.source_url == "https://x.example/a"
    assert service.render(doc, "docx")


# -- column limits (point 5) ---------------------------------------------------------------------


@pytest.mark.parametrize(("front", "field"), [
    ("subtitle: " + "s" * 501, "subjudul"),
    ("author: " + "p" * 201, "penulis"),
    ("url: https://x.example/" + "u" * 1000, "alamat sumber (URL)"),
])
def test_a_value_longer_than_its_column_is_refused_with_a_sentence(library, tmp_path, front, field):
    path = tmp_path / "panjang.md"
    path.write_text(f"---\n{front}\n---\n# Judul\n\nJember – Isi rilis.\n", encoding="utf-8")
    before = _count_articles(library)
    result = service.import_files(library, [path])
    assert not result.added and result.exit_code == 2
    reason = result.rejected[0]["reason"]
    assert field in reason and "karakter" in reason, reason
    assert _count_articles(library) == before


def test_a_quote_speaker_longer_than_its_column_is_refused(library, tmp_path):
    path = tmp_path / "kutipan.txt"
    path.write_text("Judul\n\nJember – Isi rilis yang cukup panjang.\n\n“Kami siap,” kata " + "N" * 301 + ".\n",
                    encoding="utf-8")
    result = service.import_files(library, [path])
    assert not result.added
    assert "kutipan 1" in result.rejected[0]["reason"], result.rejected


# -- bounded work: paragraphs, spans (point 4) ----------------------------------------------------


def test_a_paragraph_over_the_limit_is_refused_naming_it(library, tmp_path):
    from desktop.articles.io import readers

    path = tmp_path / "satu-baris.txt"
    path.write_text("Judul\n\n" + "kata " * (readers.MAX_PARAGRAPH_CHARS // 5 + 10) + "\n", encoding="utf-8")
    result = service.import_files(library, [path])
    assert not result.added
    assert "Paragraf 2" in result.rejected[0]["reason"], result.rejected


def test_soft_breaks_are_joined_once_not_appended_one_by_one(monkeypatch):
    """Merging neighbouring spans by appending copied the growing text every time (4.8 MB: 31 s)."""
    from desktop.articles.io import markup

    calls = {"n": 0}
    real = markup.replace

    def counting(obj, **kw):  # noqa: ANN001, ANN003, ANN202
        calls["n"] += 1
        return real(obj, **kw)

    monkeypatch.setattr(markup, "replace", counting)
    text = "# Judul\n\n" + "\n".join("baris ke %d dari paragraf" % i for i in range(20_000))
    blocks = markup.parse_markdown(text)
    assert len(blocks) == 2 and blocks[1].text.count("baris ke") == 20_000
    assert calls["n"] < 50, calls


# -- .docx packages (point 4) -------------------------------------------------------------------------


class _Spy:
    """Names of ZIP members opened for reading from a file on disk (not from a copy in memory)."""

    def __init__(self, monkeypatch) -> None:  # noqa: ANN001
        self.opened: list[str] = []
        real = zipfile.ZipFile.open

        def spy(zf, name, mode="r", pwd=None, **kw):  # noqa: ANN001, ANN003, ANN202
            if mode == "r" and zf.filename:
                self.opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
            return real(zf, name, mode, pwd, **kw)

        monkeypatch.setattr(zipfile.ZipFile, "open", spy)


def _picture_docx(tmp_path: Path) -> bytes:
    import docx
    from PIL import Image

    picture = tmp_path / "p.png"
    Image.new("RGB", (40, 30), (10, 90, 160)).save(picture)
    document = docx.Document()
    document.add_heading("Rilis Bergambar", 1)
    document.add_paragraph("Jember – Isi rilis dengan foto kegiatan di bawah ini.")
    document.add_picture(str(picture))
    document.add_paragraph("Paragraf sesudah foto.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_media_part_is_never_read(library, tmp_path, monkeypatch):
    """A .docx of 50 KB whose picture part holds 20 MB: python-docx read every part (1.5 GB → 3.1 GB peak)."""
    base = _picture_docx(tmp_path)
    media = [n for n in zipfile.ZipFile(io.BytesIO(base)).namelist() if n.startswith("word/media/")]
    assert media
    path = tmp_path / "foto.docx"
    path.write_bytes(_repack(base, {media[0]: bytes(20 * 1024 * 1024)}))
    assert path.stat().st_size < 200_000
    spy = _Spy(monkeypatch)
    result = service.import_files(library, [path])
    assert result.added, result.rejected
    assert media[0] not in spy.opened, spy.opened
    assert "word/document.xml" in spy.opened


def test_a_docx_with_a_real_picture_still_imports(library, tmp_path):
    path = tmp_path / "gambar.docx"
    path.write_bytes(_picture_docx(tmp_path))
    result = service.import_files(library, [path])
    assert result.added, result.rejected
    doc = store.load_doc(library, result.added[0])
    assert doc.title == "Rilis Bergambar" and "Paragraf sesudah foto." in doc.body


def test_relationship_parts_count_against_the_xml_limit(library, tmp_path, monkeypatch):
    """``.rels`` parts were left out of the XML budget: a 'relationships' part could be any size."""
    from desktop.articles.io import readers

    monkeypatch.setattr(readers, "MAX_DOCX_XML_BYTES", 1024 * 1024)
    base = _docx(["Jember – Isi rilis."])
    rels = zipfile.ZipFile(io.BytesIO(base)).read("word/_rels/document.xml.rels")
    padded = rels.replace(b"<Relationships", b"<!--" + b" " * (2 * 1024 * 1024) + b"--><Relationships", 1)
    path = tmp_path / "rels.docx"
    path.write_bytes(_repack(base, {"word/_rels/document.xml.rels": padded}))
    spy = _Spy(monkeypatch)
    before = _count_articles(library)
    result = service.import_files(library, [path])
    assert not result.added
    assert "terlalu banyak teks" in result.rejected[0]["reason"], result.rejected
    assert "word/_rels/document.xml.rels" not in spy.opened  # refused from the central directory
    assert _count_articles(library) == before


def test_a_docx_of_thousands_of_parts_is_refused_before_reading(tmp_path, monkeypatch):
    from desktop.articles.io import readers

    base = _docx(["Jember – Isi rilis."])
    path = tmp_path / "bagian.docx"
    path.write_bytes(_repack(base, {f"customXml/item{i}.bin": b"" for i in range(readers.MAX_DOCX_PARTS)}))
    spy = _Spy(monkeypatch)
    with pytest.raises(ArticleFileError) as err:
        readers.read_article(path)
    assert "bagian" in str(err.value) and not spy.opened


# -- the kit / release PDF (point 4) -------------------------------------------------------------------


def test_a_long_paragraph_reaches_reportlab_in_pieces(monkeypatch):
    """reportlab re-wraps a paragraph from its start on every page: 400 KB took 119 s. Pieces keep it linear."""
    import reportlab.platypus as platypus

    from desktop.kits import markup, render
    from desktop.kits import spec as kit_spec
    from desktop.office import OfficeProfile

    longest = {"n": 0}
    real = platypus.Paragraph

    class Counting(real):
        def __init__(self, text, *args, **kw):  # noqa: ANN001, ANN002, ANN003
            longest["n"] = max(longest["n"], len(text or ""))
            super().__init__(text, *args, **kw)

    monkeypatch.setattr(platypus, "Paragraph", Counting)
    monkeypatch.setattr(render, "Paragraph", Counting)
    sentence = "Bawaslu mengawasi tahapan pemilu bersama warga desa. "
    body = sentence * (200_000 // len(sentence))  # one paragraph of 200 KB
    quote = "kami siap " * 3000  # a quote of 30 KB: it has to run on over pages
    contact = "\n".join(f"Narahubung {i} (0812-0000-{i:04d})" for i in range(1500))
    doc = ArticleDoc(title="Satu Paragraf Panjang", lead="Lead.", body=body,
                     quotes=[Quote("Ketua", "", quote)], contact_block=contact)
    spec = kit_spec.release(doc, OfficeProfile(name="Kantor Uji"), date=dt.date(2025, 1, 1), approved=True)
    pdf = render.render(spec)
    assert longest["n"] <= markup.CHUNK_CHARS * 2, longest
    from kits_support import pdf_text, squash

    text = squash(" ".join(pdf_text(pdf)))
    # Nothing lost at the cuts (a sentence may straddle a page, with the running head between).
    assert text.count("Bawaslu") == body.count("Bawaslu") and text.count("desa.") == body.count("desa.")
    assert "Narahubung 1499 (0812-0000-1499)" in text and text.count("kami") == 3000


def test_pieces_keep_formatting_open_across_a_cut():
    from markdown_it import MarkdownIt

    from desktop.kits import markup

    text = "**" + ("tebal sekali. " * 400).strip() + "**" + " [tautan](https://x.example) biasa."
    children = MarkdownIt("commonmark").parse(text)[1].children
    chunks = markup.inline_chunks(children, limit=1000)
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.count("<b>") == chunk.count("</b>"), chunk[:80]
    assert chunks[0].startswith("<b>") and chunks[1].startswith("<b>")
    assert "".join(markup.inline_chunks(children, limit=None)) == markup.inline_markup(children)


# -- two imports at once (point 6) --------------------------------------------------------------------


def test_two_imports_of_the_same_file_at_once_give_one_article(library, tmp_path, monkeypatch):
    """Both checked which files were known, then both wrote: the second ended with a raw IntegrityError."""
    path = tmp_path / "rilis.md"
    path.write_text("# Bawaslu Gelar Rakor\n\nJember – Isi rilis yang sama.\n", encoding="utf-8")
    real = library.store.write
    barrier = threading.Barrier(2, timeout=60)
    local = threading.local()

    @contextlib.contextmanager
    def write(*args, **kw):  # noqa: ANN002, ANN003, ANN202
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait()  # both imports have read everything before either writes
        with real(*args, **kw) as tx:
            yield tx

    monkeypatch.setattr(library.store, "write", write)
    results: list = []
    errors: list = []

    def run() -> None:
        try:
            results.append(service.import_files(library, [path]))
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    added = [r.added for r in results]
    existing = [r.existing for r in results]
    assert sorted(map(len, added)) == [0, 1] and sorted(map(len, existing)) == [0, 1], (added, existing)
    assert sum(added, []) == sum(existing, [])
    assert _count_articles(library) == 1


def test_imports_still_find_files_imported_before(library, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Judul Satu\n\nJember – Isi.\n", encoding="utf-8")
    first = service.import_files(library, [path, path])
    second = service.import_files(library, [Path(path)])
    assert len(first.added) == 1 and first.existing == first.added
    assert second.existing == first.added and not second.added


# -- the editor's save path: the same rules (PostgreSQL raised raw errors) ---------------------------


def test_saving_text_with_controls_stores_it_cleaned(library):
    from desktop.errors import ValidationError

    article_id = store.create_article(library, ArticleDoc(title="Awal"))
    store.save(library, article_id, ArticleDoc(title="Judul\x00", lead="Lead\x0bbaris", body="Isi \x00\x1b[2J."))
    doc = store.load_doc(library, article_id)
    assert (doc.title, doc.lead, doc.body) == ("Judul", "Lead\nbaris", "Isi [2J.")
    before = store.load(library, article_id).revision
    with pytest.raises(ValidationError) as err:
        store.save(library, article_id, ArticleDoc(title="Judul", quotes=[Quote("N" * 301, "", "Kami siap.")]))
    assert "kutipan 1" in str(err.value) and "300" in str(err.value)
    assert store.load(library, article_id).revision == before
