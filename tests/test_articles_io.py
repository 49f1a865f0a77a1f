"""Article import and export without a library: readers, recognition, writers, round trips, bad input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.articles import aids
from desktop.articles.document import ArticleDoc, Quote
from desktop.articles.io import parse_file, whatsapp_text
from desktop.articles.io.markup import (
    Block, Span, canonical_markdown, markdown_to_plain, parse_markdown, to_markdown, to_text,
)
from desktop.articles.io.readers import ArticleFileError, read_blocks
from desktop.articles.io.service import render
from desktop.articles.io.structure import parse_dateline, parse_quote


def _docx(path, build):
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


# -- Word import -------------------------------------------------------------------------


def test_docx_import_keeps_headings_formatting_lists_and_quotes(tmp_path):
    def build(d):
        d.add_paragraph("SIARAN PERS")
        d.add_heading("Bawaslu Jember Gelar Rakor Pengawasan", level=1)
        p = d.add_paragraph("Jember, Senin (3/11/2025) – Bawaslu Kabupaten Jember menggelar ")
        p.add_run("rapat koordinasi").bold = True
        p.add_run(" bersama ")
        p.add_run("camat").italic = True
        p.add_run(" se-Jember.")
        d.add_heading("Agenda", level=2)
        d.add_paragraph("Pembukaan", style="List Number")
        d.add_paragraph("Paparan", style="List Number")
        d.add_paragraph("peserta aktif", style="List Bullet")
        d.add_paragraph("Demokrasi butuh pengawasan.", style="Quote")
        d.add_paragraph("“Kami siap mengawasi setiap tahapan,” kata Tola' Ediy, S.Pd., Kordiv Penanganan Pelanggaran.")
        d.add_paragraph("Penulis: Ridha Erviana")
        d.add_paragraph("Editor : Budi")
        d.add_paragraph("Informasi lebih lanjut hubungi:")
        d.add_paragraph("Budi (0812 3456 7890)")

    doc = parse_file(_docx(tmp_path / "rilis.docx", build))
    assert doc.kind == "siaran_pers"
    assert doc.title == "Bawaslu Jember Gelar Rakor Pengawasan"
    assert doc.dateline_city == "Jember" and doc.event_date == dt.date(2025, 11, 3)
    # The lead is plain text: the file's bold and italic are not kept there (see ArticleDoc).
    assert doc.lead == "Bawaslu Kabupaten Jember menggelar rapat koordinasi bersama camat se-Jember."
    assert doc.body == "## Agenda\n\n1. Pembukaan\n2. Paparan\n\n- peserta aktif\n\n> Demokrasi butuh pengawasan."
    assert doc.quotes == [Quote("Tola' Ediy, S.Pd.", "Kordiv Penanganan Pelanggaran", "Kami siap mengawasi setiap tahapan")]
    assert (doc.writer, doc.editor) == ("Ridha Erviana", "Budi")
    assert doc.contact_block == "Budi (0812 3456 7890)"


def test_docx_export_restarts_numbering_and_keeps_links(tmp_path):
    src = tmp_path / "export.docx"
    doc = ArticleDoc(title="Judul", lead="Lead [tautan](https://bawaslu.go.id/berita) di sini.",
                     body="1. satu\n2. dua\n\nantara\n\n1. lagi", kind="artikel")
    src.write_bytes(render(doc, "docx"))
    # Word numbers each list from 1 again (its own numbering instance), and links survive.
    import docx

    d = docx.Document(str(src))
    nums = [p._p.pPr.numPr.numId.val for p in d.paragraphs if p.style.name == "List Number"]
    assert len(nums) == 3 and nums[0] == nums[1] != nums[2]
    back = parse_file(src)
    assert back.lead == doc.lead and back.body == doc.body


def test_docx_lists_numbered_directly_tables_and_indented_quotes(tmp_path):
    """Word's own lists are "List Paragraph" + numbering, not list styles."""
    from docx.shared import Cm

    def build(d):
        d.add_heading("Judul", level=1)
        d.add_paragraph("Lead.")
        bullets = d.styles["List Bullet"]._element.pPr.numPr.numId.val
        numbers = d.styles["List Number"]._element.pPr.numPr.numId.val
        for text, num, level in (("a", bullets, 0), ("b", bullets, 1), ("c", numbers, 0)):
            numpr = d.add_paragraph(text, style="List Paragraph")._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = level
            numpr.get_or_add_numId().val = num
        d.add_paragraph("kutipan menjorok").paragraph_format.left_indent = Cm(1.5)
        d.add_paragraph().add_run("gaya Strong").style = d.styles["Strong"]
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "sel satu", "sel dua"

    doc = parse_file(_docx(tmp_path / "word.docx", build))
    assert doc.body == "- a\n  - b\n\n1. c\n\n> kutipan menjorok\n\n**gaya Strong**\n\nsel satu\n\nsel dua"


# -- text import --------------------------------------------------------------------------


def test_txt_in_windows_encoding_is_converted(tmp_path):
    text = (
        "Bawaslu Ajak Pemilih Pemula Awasi Pemilu\r\n\r\n"
        "SURABAYA – Bawaslu mengajak pemilih pemula ikut mengawasi.\r\n\r\n"
        "“Kami butuh anak muda,” kata Tola’ Ediy, Kordiv Humas.\r\n\r\n"
        "Penulis: Siti Ma’rufah\r\n"
    )
    path = tmp_path / "lama.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = parse_file(path)
    assert doc.title == "Bawaslu Ajak Pemilih Pemula Awasi Pemilu"
    assert doc.dateline_city == "SURABAYA" and doc.lead == "Bawaslu mengajak pemilih pemula ikut mengawasi."
    assert doc.quotes == [Quote("Tola’ Ediy", "Kordiv Humas", "Kami butuh anak muda")]
    assert doc.writer == "Siti Ma’rufah"


def test_txt_utf16_and_web_copy_with_site_dateline(tmp_path):
    path = tmp_path / "web.txt"
    path.write_text(
        "Lompat ke isi utama\n\nBerita\n\nJudul Panjang Kegiatan Bawaslu\n\n"
        "blitar.bawaslu.go.id - Bawaslu menggelar kegiatan.\n\nParagraf kedua berakhir.*\n\n"
        "Penulis : Ridha (Staf Humas)",
        encoding="utf-16",
    )
    doc = parse_file(path)
    assert doc.title == "Judul Panjang Kegiatan Bawaslu"
    assert doc.lead == "Bawaslu menggelar kegiatan." and doc.subtitle == ""
    assert markdown_to_plain(doc.body) == "Paragraf kedua berakhir.*"
    assert doc.writer == "Ridha (Staf Humas)"


def test_txt_without_blank_lines_has_one_paragraph_per_line(tmp_path):
    path = tmp_path / "rapat.txt"
    path.write_text("Judul Berita\nJember, kab-jember.kpu.go.id – Isi lead.\nParagraf dua.\nParagraf tiga.", encoding="utf-8")
    doc = parse_file(path)
    assert (doc.title, doc.dateline_city, doc.lead) == ("Judul Berita", "Jember", "Isi lead.")
    assert doc.body == "Paragraf dua.\n\nParagraf tiga."


def test_markdown_import_and_title_from_first_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Tanpa judul heading\n\nIsi *miring* dan __tebal__.\n\n* a\n* b\n", encoding="utf-8")
    doc = parse_file(path)
    assert doc.title == "Tanpa judul heading"
    assert doc.lead == "Isi miring dan tebal."  # the lead is plain text
    assert doc.body == "- a\n- b"


@pytest.mark.parametrize(
    "text, city, date",
    [
        ("Jember, Senin (3/11/2025) – Isi", "Jember", dt.date(2025, 11, 3)),
        ("KOTA BATU – Isi", "KOTA BATU", None),
        ("Banyuwangi, Jumat, 7 November 2025 - Isi", "Banyuwangi", dt.date(2025, 11, 7)),
        ("Senin (3/11/2025) – Isi", "", dt.date(2025, 11, 3)),
        ("JEMBER, 3 November 2025 – Isi", "JEMBER", dt.date(2025, 11, 3)),
        ("Jakarta, KOMPAS.com – Isi", "Jakarta", None),
    ],
)
def test_datelines(text, city, date):
    found = parse_dateline(text)
    assert found is not None and (found.city, found.date) == (city, date)
    assert text[found.length :] == "Isi"


@pytest.mark.parametrize(
    "text", ["Bawaslu - lembaga pengawas", "Pada Senin lalu Bawaslu hadir", "anak-anak – bermain", "Rp5.000 – biaya"]
)
def test_not_datelines(text):
    assert parse_dateline(text) is None


def test_quote_forms():
    assert parse_quote('"Kami siap," ujar Ketua Bawaslu.') == Quote("Ketua Bawaslu", "", "Kami siap")
    assert parse_quote("“Siapa takut?” kata Andi, Anggota KPU, Divisi Teknis.") == Quote(
        "Andi", "Anggota KPU, Divisi Teknis", "Siapa takut?"
    )
    assert parse_quote("“Ini kutipan tanpa pembicara.”") is None
    assert parse_quote("Ketua berkata “kami siap” kepada wartawan.") is None


# -- export -------------------------------------------------------------------------------


def _sample() -> ArticleDoc:
    return ArticleDoc(
        title="Bawaslu Gelar Rakor Pengawasan Pilkada",
        kind="siaran_pers",
        subtitle="Persiapan tahapan 2026",
        dateline_city="Jember",
        event_date=dt.date(2025, 11, 3),
        lead="Bawaslu Kabupaten Jember menggelar rapat koordinasi di kantor.",
        body="Kegiatan dihadiri *camat* se-Jember.\n\n- poin satu\n- poin dua",
        quotes=[Quote("Tola' Ediy, S.Pd.", "Kordiv Penanganan Pelanggaran", "Kami siap mengawasi")],
        writer="Ridha", editor="Budi", photographer="dok. Humas",
        boilerplate="Bawaslu Jember mengawasi pemilu.",
        contact_block="Budi (0812 3456 7890)",
    )


def test_whatsapp_text_uses_whatsapp_markup_in_the_usual_order():
    text = whatsapp_text(_sample(), about_name="Bawaslu Jember")
    assert text.splitlines()[0] == "*SIARAN PERS*"
    assert "*Bawaslu Gelar Rakor Pengawasan Pilkada*" in text
    assert "*Jember, Senin, 3 November 2025* – Bawaslu Kabupaten Jember menggelar rapat koordinasi di kantor." in text
    assert "dihadiri _camat_ se-Jember." in text and "- poin satu\n- poin dua" in text
    order = [text.index(s) for s in ("Untuk Segera Disiarkan", "*Jember", "poin dua", "“Kami siap mengawasi,” kata",
                                      "Penulis: Ridha\nEditor: Budi\nFoto: dok. Humas", "*Tentang Bawaslu Jember*",
                                      "*Narahubung*\n\nBudi")]
    assert order == sorted(order)
    assert "**" not in text and "#" not in text


def test_docx_export_uses_word_styles():
    import io

    import docx

    d = docx.Document(io.BytesIO(render(_sample(), "docx", about_name="Bawaslu Jember")))
    styles = {p.text: p.style.name for p in d.paragraphs}
    assert styles["Bawaslu Gelar Rakor Pengawasan Pilkada"] == "Title"
    assert styles["Persiapan tahapan 2026"] == "Subtitle"
    assert styles["poin satu"] == "List Bullet"
    lead = next(p for p in d.paragraphs if p.text.startswith("Jember"))
    assert [r.text for r in lead.runs if r.bold] == ["Jember, Senin, 3 November 2025"]
    assert d.core_properties.title == "Bawaslu Gelar Rakor Pengawasan Pilkada"


# -- round trip (property-style over generated articles) ------------------------------------

WORDS = ("pengawasan", "pemilu", "partisipatif", "Bawaslu", "kolaborasi", "masyarakat", "tahapan", "Jember",
         "informasi", "publik", "demokrasi", "kampanye", "relawan", "2025", "Rp5.000", "50%", "(KIP)",
         "Tola'", "se-Jawa", "hoaks", "S.Pd.", "“kutip”", "sosialisasi", "#1", "a_b", "[catatan]", "x*y")
NAMES = ("Tola' Ediy", "Dwi Endah Prasetyowati", "Abdullah Saidi, S.H.", "Siti Ma’rufah")


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _spans(rng: random.Random, links: bool = True) -> list[Span]:
    spans = [Span(_words(rng, 1, 4) + " ")]
    for _ in range(rng.randint(0, 4)):
        href = "https://example.go.id/" + rng.choice(("a", "berita/1", "x?y=1")) if links and rng.random() < 0.2 else None
        spans.append(Span(_words(rng, 1, 3), rng.random() < 0.5, rng.random() < 0.5, href))
        # Formatting changes at word boundaries, as writers apply it (see markup.render_inline).
        spans.append(Span(" " + _words(rng, 1, 3) + rng.choice((" ", ". ", "\n"))))
    return spans


def _body(rng: random.Random) -> str:
    blocks: list[Block] = []
    for _ in range(rng.randint(0, 7)):
        kind = rng.choice(("p", "p", "h", "li", "q"))
        if kind == "h":
            blocks.append(Block("h", [Span(_words(rng, 1, 4))], rng.randint(2, 3)))
        elif kind == "li":
            ordered = rng.random() < 0.5
            for level in [0] + [rng.choice((0, 1)) for _ in range(rng.randint(0, 3))]:
                blocks.append(Block("li", _spans(rng), level, ordered))
        else:
            blocks.append(Block(kind, _spans(rng)))
    return to_markdown(blocks)


def _generated(seed: int) -> ArticleDoc:
    rng = random.Random(seed)
    has_date = rng.random() < 0.7
    kind = rng.choice(("siaran_pers", "berita_kegiatan", "klarifikasi", "pengumuman", "artikel"))
    return ArticleDoc(
        title=_words(rng, 3, 12),
        kind=kind,
        subtitle=_words(rng, 2, 8) if rng.random() < 0.4 else "",
        dateline_city=rng.choice(("Jember", "Kota Batu", "SURABAYA", "")) if has_date else rng.choice(("Jember", "")),
        event_date=dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)) if has_date else None,
        embargo_at=dt.datetime(2025, 11, rng.randint(1, 28), rng.randint(0, 23), rng.choice((0, 30)))
        if rng.random() < 0.3 and kind in aids.RELEASE_KINDS else None,  # only these print a release line
        embargo_tz=rng.choice(("WIB", "WITA", "WIT")),
        lead="Bawaslu " + _words(rng, 3, 30),  # plain text, Markdown characters included
        body=_body(rng),
        quotes=[Quote(rng.choice(NAMES), rng.choice(("", "Ketua", "Kordiv Humas, Data dan Informasi")),
                      _words(rng, 3, 10) + rng.choice(("", "?", "!")))
                for _ in range(rng.randint(0, 2))],
        writer=rng.choice(("", "Ridha Erviana (Staf Humas)")),
        editor=rng.choice(("", "Budi")),
        photographer=rng.choice(("", "dok. Humas Bawaslu")),
        boilerplate=_words(rng, 5, 20) if rng.random() < 0.5 else "",
        contact_block=rng.choice(("", "Budi\n0812 3456 7890", "Siti (humas@example.go.id)")),
    )


ROUND_TRIP_FIELDS = ("title", "kind", "subtitle", "dateline_city", "event_date", "embargo_at", "lead", "body",
                     "quotes", "writer", "editor", "photographer", "boilerplate", "contact_block")


def _fields(doc: ArticleDoc) -> dict:
    data = {name: getattr(doc, name) for name in ROUND_TRIP_FIELDS}
    data["embargo_tz"] = doc.embargo_tz if doc.embargo_at else None
    return data


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**9))
@pytest.mark.parametrize("fmt, suffix", [("md", ".md"), ("docx", ".docx")])
def test_round_trip_keeps_text_and_formatting(tmp_path, fmt, suffix, seed):
    doc = _generated(seed)
    path = tmp_path / ("export" + suffix)
    path.write_bytes(render(doc, fmt, about_name="Bawaslu Contoh"))
    assert _fields(parse_file(path)) == _fields(doc)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**9))
def test_round_trip_txt_keeps_the_text(tmp_path, seed):
    doc = _generated(seed)
    path = tmp_path / "export.txt"
    path.write_bytes(render(doc, "txt"))
    back = parse_file(path)
    expected = _fields(doc)
    got = _fields(back)
    for name in ("body",):  # plain text has no bold, italic or headings
        expected[name] = " ".join(to_text(parse_markdown(expected[name])).split())
        got[name] = " ".join(to_text(parse_markdown(got[name])).split())
    assert got == expected


def test_a_closing_paragraph_in_brackets_is_kept(tmp_path):
    # "(KIP)" or "(ant)" at the end is text (or the writer's initials), never dropped as an end mark.
    doc = ArticleDoc(title="Keterbukaan Informasi", body="Bawaslu membuka layanan informasi.\n\n(KIP)",
                     writer="Ridha (Staf Humas)")
    for fmt in ("txt", "md", "docx"):
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(render(doc, fmt))
        back = parse_file(path)
        assert back.body.rstrip().endswith("(KIP)"), (fmt, back.body)
        assert back.writer == "Ridha (Staf Humas)"


def test_canonical_markdown_is_stable():
    text = "Judul __tebal__ dan _miring_\n\n* a\n    * b\n\n1) satu\n\n---\n\n> kutip\n> lanjut"
    once = canonical_markdown(text)
    assert canonical_markdown(once) == once
    assert once == "Judul **tebal** dan *miring*\n\n- a\n  - b\n\n1. satu\n\n> kutip lanjut"


# -- bad input ------------------------------------------------------------------------------


def _reason(path) -> str:
    with pytest.raises(ArticleFileError) as info:
        read_blocks(path)
    assert info.value.path == path
    return info.value.reason


def test_bad_files_each_get_a_clear_reason(tmp_path):
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "gambar.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    corrupt = tmp_path / "rusak.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    not_word = tmp_path / "arsip.docx"
    with zipfile.ZipFile(not_word, "w") as zf:
        zf.writestr("readme.txt", "hello")
    # What Office writes for a password-protected .docx: an OLE container with an EncryptedPackage stream.
    locked = tmp_path / "rahasia.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500)
    legacy = tmp_path / "lama.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    unknown = tmp_path / "rilis.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    blank = tmp_path / "spasi.md"
    blank.write_text("   \n\n\t\n", encoding="utf-8")
    reasons = {p.name: _reason(p) for p in (empty, binary, corrupt, not_word, locked, legacy, unknown, blank)}
    assert reasons["kosong.txt"] == "Berkas kosong."
    assert "bukan berkas teks" in reasons["gambar.txt"]
    assert "rusak" in reasons["rusak.docx"]
    assert "bukan dokumen Word" in reasons["arsip.docx"]
    assert "kata sandi" in reasons["rahasia.docx"]
    assert ".doc" in reasons["lama.doc"] and "simpan" in reasons["lama.doc"].lower()
    assert "'.pdf'" in reasons["rilis.pdf"]
    assert "tidak berisi teks" in reasons["spasi.md"]
    assert len(set(reasons.values())) == len(reasons)


def test_huge_text_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "besar.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing 50 MB
    from pathlib import Path

    def no_read(*_a, **_k):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    reason = _reason(big)
    assert "50,0 MB" in reason and "5 MB" in reason


def test_long_first_paragraph_names_the_article_and_stays(tmp_path):
    first = "Bawaslu Kabupaten Jember menggelar rapat koordinasi pengawasan tahapan pemilihan kepala daerah " * 3
    path = tmp_path / "tanpa-judul.txt"
    path.write_text(first.strip() + "\n\nParagraf kedua.", encoding="utf-8")
    doc = parse_file(path)
    assert doc.title.endswith("…") and len(doc.title) <= 121
    assert doc.lead == first.strip() and doc.body == "Paragraf kedua."


def test_markdown_front_matter(tmp_path):
    path = tmp_path / "hugo.md"
    path.write_text(
        '---\ntitle: "Bawaslu: Awasi Pilkada"\ndate: 2025-11-03T10:00:00+07:00\ntags: [pemilu, pengawasan]\n'
        "author: Ridha\ndescription: Ringkasan berita\n---\n\nJember – Isi lead.\n",
        encoding="utf-8",
    )
    doc = parse_file(path)
    assert (doc.title, doc.subtitle, doc.writer) == ("Bawaslu: Awasi Pilkada", "Ringkasan berita", "Ridha")
    assert doc.tags == ["pemilu", "pengawasan"] and doc.publication_date == dt.date(2025, 11, 3)
    assert (doc.dateline_city, doc.lead) == ("Jember", "Isi lead.")


def test_docx_tracked_changes_and_content_controls(tmp_path):
    """An editor's tracked insertions count, tracked deletions do not; text in content controls is kept."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def build(d):
        d.add_heading("Judul Rilis", level=1)
        p = d.add_paragraph("Bawaslu ")
        p._p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="Editor"><w:r><w:t xml:space="preserve">Kabupaten </w:t></w:r></w:ins>'))
        p._p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="Editor"><w:r><w:delText>Kota </w:delText></w:r></w:del>'))
        p.add_run("Jember hadir.")
        d.element.body.insert(
            len(d.element.body) - 1,
            parse_xml(f'<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>Isi dalam kontrol konten.</w:t></w:r></w:p></w:sdtContent></w:sdt>'),
        )

    doc = parse_file(_docx(tmp_path / "revisi.docx", build))
    assert doc.lead == "Bawaslu Kabupaten Jember hadir."
    assert doc.body == "Isi dalam kontrol konten."
