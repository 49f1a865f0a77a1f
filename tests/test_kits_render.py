"""The press-kit PDF: text intact, fonts embedded, photos ≤ 300 dpi, pages and footers, paper sizes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import pytest

from desktop.kits import render
from desktop.kits.spec import (
    ArticlePart,
    ContactPerson,
    ContactsPart,
    CoverPart,
    DistributionPart,
    FactSheetPart,
    KitSpec,
    OfficePart,
    Photo,
    PhotosPart,
    Recipient,
)
from kits_support import (
    OFFICE,
    PUNCTUATED,
    article,
    assert_in_order,
    blocks,
    body_text,
    fonts_of,
    image,
    pdf_text,
    placed_images,
    squash,
    visual_lines,
)


def kit(parts, **kw) -> KitSpec:
    return KitSpec(title=kw.pop("title", "Kit Media Rakor Pengawasan"), date=dt.date(2025, 11, 3), office=OFFICE,
                   parts=parts, **kw)


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    d = tmp_path_factory.mktemp("photos")
    return {
        "landscape": image(d / "landscape.jpg", (3000, 2000)),
        "rotated": image(d / "rotated.jpg", (1600, 1200), orientation=6),
        "small": image(d / "small.jpg", (800, 533)),
    }


@pytest.fixture(scope="module")
def full_kit(photos, tmp_path_factory):
    from PIL import Image

    logo = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGBA", (1200, 1200), (30, 60, 95, 255)).save(logo)
    first = article()
    second = article("Sosialisasi Pengawasan di Kampus", lead="Bawaslu Jember menyapa mahasiswa baru.",
                     body="Sebanyak 300 mahasiswa hadir.\n\n1. Materi pertama\n2. Materi kedua", quotes=[])
    spec = kit(
        [
            CoverPart(),
            ArticlePart(first, approved=True),
            ArticlePart(second, approved=True),
            PhotosPart([Photo(photos["landscape"], "Suasana rapat koordinasi.", "dok. Humas", "landscape.jpg"),
                        Photo(photos["rotated"], "Peserta berdiskusi.", "", "rotated.jpg"),
                        Photo(photos["small"], "Foto bersama.", "Agus", "small.jpg")]),
            FactSheetPart("Lembar Fakta", "## Jadwal\n\n1. Pembukaan pukul 08.00\n2. Diskusi panel"),
            OfficePart(),
            ContactsPart([ContactPerson("Siti Aminah", "Kasubbag Humas", "Bawaslu Jember", ["+62 812-0000-1111"],
                                        ["humas@jember.example"])]),
            DistributionPart([Recipient("Redaksi Radar Jember", "Radar Jember", "redaksi@radar.example")]),
        ],
        logo=logo,
        photos_per_page=2,
        keywords=["rakor"],
        event="Rapat Koordinasi Pengawasan Partisipatif",
    )
    return spec, render.render(spec)


def test_every_word_of_every_article_comes_out_in_order_with_punctuation(full_kit):
    spec, data = full_kit
    text = body_text(data)
    for part in spec.parts:
        if not isinstance(part, ArticlePart):
            continue
        doc = part.doc
        assert_in_order([squash(doc.title)] + blocks(doc.lead) + blocks(doc.body), text)
    assert squash(PUNCTUATED) in text
    # No ligature glyphs, no hyphenation: words come out whole.
    assert "Office affiliation fluffy final flow." in text
    assert "Jember, Senin, 3 November 2025 – Bawaslu Kabupaten Jember menggelar" in text


def test_nbsp_keeps_words_together_and_no_character_is_missing_from_the_fonts():
    from desktop.kits import fonts

    for char in "“”‘’–—…°\u00a0Rp":
        assert fonts.has_glyph(fonts.SERIF, char), repr(char)
        assert fonts.has_glyph(fonts.SERIF_BOLD, char), repr(char)
        assert fonts.has_glyph(fonts.SANS, char), repr(char)
    body = " ".join(["Anggaran sebesar Rp\u00a01.500.000 disetujui."] * 40)
    data = render.render(kit([ArticlePart(article(body=body), approved=True)]))
    for page in pdf_text(data):
        assert not re.search(r"Rp\s*\n", page)  # never broken after "Rp"


def test_fonts_are_all_embedded_truetype(full_kit):
    _spec, data = full_kit
    fonts = fonts_of(data)
    assert fonts, "no fonts found"
    assert all(f["embedded"] and f["truetype"] for f in fonts), fonts
    assert {f["name"].split("+")[1] for f in fonts} >= {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSans-Regular"}


def test_images_are_at_most_300_dpi_where_placed_and_keep_their_orientation(full_kit):
    _spec, data = full_kit
    placed = placed_images(data)
    assert len(placed) >= 3 + 1  # three photos and the logo (cover and each press release)
    for img in placed:
        (px_w, px_h), (pt_w, pt_h) = img["px"], img["pt"]
        assert px_w / (pt_w / 72) <= 300.01, img
        assert px_h / (pt_h / 72) <= 300.01, img
        assert abs(px_w / px_h - pt_w / pt_h) < 0.01, img  # aspect kept
    photos = [p for p in placed if p["px"][0] > 400 or p["px"][1] > 400]
    sizes = [p["px"] for p in photos if "/DCTDecode" in str(p["filter"])]
    assert any(w < h for w, h in sizes), "the EXIF-rotated photo (orientation 6) must be placed upright"
    assert (800, 533) in sizes  # small enough already: embedded as it is, not recompressed


def test_page_count_and_footers(full_kit):
    _spec, data = full_kit
    pages = pdf_text(data)
    total = len(pages)
    assert total >= 7
    assert "Halaman" not in pages[0]  # the cover has no running head
    for number, text in enumerate(pages[1:], start=2):
        assert f"Halaman {number} dari {total}" in text
        assert "Kit Media Rakor Pengawasan" in text


def test_table_of_contents_points_at_the_right_pages(full_kit):
    spec, data = full_kit
    pages = pdf_text(data)
    assert "Daftar Isi" in pages[0]
    entries = {}
    for line in visual_lines(data, 0):
        match = re.match(r"(.+?)[ .]+ (\d+)$", line)
        if match:
            entries[match.group(1)] = int(match.group(2))
    expected = [spec.parts[1].doc.title, spec.parts[2].doc.title, "Dokumentasi Foto", "Lembar Fakta",
                "Tentang Bawaslu Jember", "Narahubung", "Lampiran: Daftar Distribusi"]
    assert list(entries) == expected
    for title, page in entries.items():
        assert title in squash(pages[page - 1])
        if title != "Tentang Bawaslu Jember":  # also the boilerplate heading of each release
            assert all(title not in squash(p) for p in pages[1:page - 1]), title


def test_letterhead_label_release_line_credits_and_contacts(full_kit):
    _spec, data = full_kit
    text = body_text(data)
    for expected in (
        "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEMBER",
        "SIARAN PERS",
        "Untuk Segera Disiarkan",
        "Penulis: Siti Aminah",
        "Narahubung",
        "+62 812-0000-1111",
        "Foto: dok. Humas",
        "Pengawasan adalah kerja bersama.",
        "Dessi Anggraeni, Ketua",
        "Redaksi Radar Jember",
    ):
        assert expected in text, expected


def test_embargo_line_names_date_time_and_zone():
    doc = article(embargo_at=dt.datetime(2025, 11, 3, 10, 0), embargo_tz="WITA")
    text = body_text(render.render(kit([ArticlePart(doc, approved=True)])))
    assert "Untuk Disiarkan Tanggal Senin, 3 November 2025, pukul 10.00 WITA" in text  # issue 3 wording
    assert "Untuk Segera Disiarkan" not in text


def test_paper_sizes_are_exact():
    import pypdf

    for paper, size in (("a4", (595.28, 841.89)), ("f4", (609.45, 935.43))):
        data = render.render(kit([ArticlePart(article(), approved=True)], paper=paper))
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            box = page.mediabox
            assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def test_same_kit_twice_gives_identical_bytes_and_metadata(full_kit):
    import pypdf

    spec, data = full_kit
    again = render.render(spec)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(data).hexdigest()
    meta = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert meta.title == spec.title
    assert meta.author == OFFICE.name
    assert meta.subject == "Rapat Koordinasi Pengawasan Partisipatif"
    assert "rakor" in meta["/Keywords"] and "pengawasan" in meta["/Keywords"]
    assert meta["/CreationDate"].startswith("D:20251103")


def test_unapproved_article_marks_every_page_draft(photos):
    parts = [ArticlePart(article(), approved=True), ArticlePart(article("Draf Kedua"), approved=False),
             PhotosPart([Photo(photos["small"], "x")])]
    draft = pdf_text(render.render(kit(parts)))
    assert all("DRAF" in page for page in draft)
    parts[1].approved = True
    final = pdf_text(render.render(kit(parts)))
    assert not any("DRAF" in page for page in final)


def test_one_or_two_photos_per_page(photos):
    three = [Photo(photos["landscape"], "a"), Photo(photos["small"], "b"), Photo(photos["landscape"], "c")]
    one = pdf_text(render.render(kit([PhotosPart(list(three))], photos_per_page=1)))
    two = pdf_text(render.render(kit([PhotosPart(list(three))], photos_per_page=2)))
    assert len(one) == 3
    assert len(two) == 2


def test_export_writes_atomically_and_returns_the_hash(tmp_path):
    spec = kit([ArticlePart(article(), approved=True)])
    target = tmp_path / "out" / "kit.pdf"
    digest = render.export_pdf(spec, target)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == digest
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in target.parent.iterdir()] == ["kit.pdf"]


def test_unusual_image_modes_are_placed(tmp_path):
    from PIL import Image

    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (800, 600), (0, 80, 160, 20)).save(cmyk)
    palette = tmp_path / "palette.png"
    img = Image.new("P", (640, 480), 1)
    img.info["transparency"] = 0
    img.save(palette, transparency=0)
    gray16 = tmp_path / "gray16.png"
    Image.new("I;16", (500, 500), 30000).save(gray16)
    progressive = tmp_path / "progressive.jpg"
    Image.new("RGB", (700, 500), (10, 120, 60)).save(progressive, progressive=True)
    paths = [cmyk, palette, gray16, progressive]
    data = render.render(kit([PhotosPart([Photo(p, p.stem) for p in paths])], photos_per_page=2))
    placed = placed_images(data)
    assert len(placed) == 4
    assert all(p["px"][0] / (p["pt"][0] / 72) <= 300.01 for p in placed)


def test_markdown_structure_is_typeset():
    body = (
        "## Langkah berikutnya\n\n1. Sosialisasi **sekolah**\n2. Pelatihan *relawan*\n\n"
        "- butir satu\n  - butir dalam\n\n"
        "> “Kita harus jujur,” katanya.\n> — Dessi Anggraeni, Ketua KPU Jember\n\n"
        "Kalimat penutup.\n\n---\n\nSetelah garis."
    )
    text = body_text(render.render(kit([ArticlePart(article(body=body), approved=True)])))
    assert_in_order(["Langkah berikutnya", "1. Sosialisasi sekolah", "2. Pelatihan relawan", "• butir satu",
                     "butir dalam", "“Kita harus jujur,” katanya.", "— Dessi Anggraeni, Ketua KPU Jember",
                     "Kalimat penutup.", "Setelah garis."], text)


def test_symbols_use_the_shipped_fallback_faces_and_unprintable_text_is_refused():
    from desktop.kits.spec import KitError

    body = "Target partisipasi ≥ 80% → tercapai ✓ dan ≈ 2 × lipat ★."
    spec = kit([ArticlePart(article(body=body), approved=True)], title="Kit → Uji ≤ 5")
    data = render.render(spec)
    text = body_text(data)
    assert body in text
    assert "Kit → Uji ≤ 5" in text  # running head too
    names = {f["name"].split("+")[1] for f in fonts_of(data)}
    assert {"NotoSansMath-Regular", "NotoSansSymbols2-Regular"} <= names
    assert all(f["embedded"] for f in fonts_of(data))
    with pytest.raises(KitError) as err:
        render.render(kit([ArticlePart(article("Rilis Emoji", body="Mantap 😀 sekali"), approved=True)]))
    assert "😀 (U+1F600)" in str(err.value) and "Rilis Emoji" in str(err.value)


def test_overlong_caption_and_contact_do_not_break_the_kit(photos):
    from desktop.kits.spec import KitError

    caption = "Keterangan panjang sekali. " * 250
    data = render.render(kit([PhotosPart([Photo(photos["landscape"], caption), Photo(photos["small"], "pendek")])],
                             photos_per_page=2))
    text = body_text(data)
    assert "pendek" in text and text.count("Keterangan panjang sekali.") >= 240
    huge = ContactPerson("Nama", "Jabatan " * 2000)
    with pytest.raises(KitError, match="tidak muat"):
        render.render(kit([ContactsPart([huge])]))


def test_lead_is_printed_as_typed():
    doc = article(lead="Skor 2*3*4 dan nama_file_baru diumumkan.")
    text = body_text(render.render(kit([ArticlePart(doc, approved=True)])))
    assert "Skor 2*3*4 dan nama_file_baru" in text


def test_each_release_starts_a_page_and_short_parts_run_on():
    """Two releases, a fact sheet, the office profile and the contact persons: three pages, not six."""
    first = article(boilerplate="Bawaslu Jember mengawasi pemilu.", contact_block="Siti Aminah 0812-0000-1111")
    second = article("Sosialisasi Pengawasan di Kampus", lead="Bawaslu Jember menyapa mahasiswa baru.",
                     body="Sebanyak 300 mahasiswa hadir.", quotes=[])
    spec = kit([CoverPart(), ArticlePart(first, approved=True), ArticlePart(second, approved=True),
                FactSheetPart("Lembar Fakta", "Pembukaan pukul 08.00."), OfficePart(),
                ContactsPart([ContactPerson("Budi Santoso", "Kasubbag Humas", phones=["0812-9999-0000"])])])
    pages = [squash(p) for p in pdf_text(render.render(spec))]
    assert len(pages) == 3
    assert first.title in pages[1] and first.title not in pages[2]
    # The release's own "Tentang …" and Narahubung follow its text on its page.
    assert_in_order(["Penulis: Siti Aminah", "Tentang Bawaslu Jember", "Bawaslu Jember mengawasi pemilu.",
                     "Narahubung", "Siti Aminah 0812-0000-1111"], pages[1])
    assert_in_order([second.title, "Sebanyak 300 mahasiswa hadir.", "Lembar Fakta", "Pembukaan pukul 08.00.",
                     "Tentang Bawaslu Jember", "Narahubung", "Budi Santoso"], pages[2])


def test_the_full_kit_has_no_page_for_a_short_part_alone(full_kit):
    _spec, data = full_kit
    pages = [squash(p) for p in pdf_text(data)]
    # cover, two releases, two photo pages, fact sheet + office + contacts, appendix
    assert len(pages) == 7
    assert_in_order(["Lembar Fakta", "Tentang Bawaslu Jember", "Narahubung", "Siti Aminah"], pages[5])


def test_a_label_typed_in_a_credit_or_contact_is_not_printed_twice(tmp_path, photos):
    import docx

    from desktop.articles.io import writers

    doc = article(photographer="Foto: Agus/Humas", contact_block="Narahubung: Siti Aminah\n0812-0000-1111")
    spec = kit([ArticlePart(doc, approved=True), PhotosPart([Photo(photos["small"], "Rapat.", "Foto: dok. Humas")])])
    pdf = body_text(render.render(spec))
    (tmp_path / "a.docx").write_bytes(writers.docx_bytes(doc))
    word = "\n".join(p.text for p in docx.Document(str(tmp_path / "a.docx")).paragraphs)
    outputs = {"pdf": pdf, "docx": word, "md": writers.markdown_text(doc), "whatsapp": writers.whatsapp_text(doc)}
    for name, text in outputs.items():
        assert "Foto: Foto" not in text and "Foto: Agus/Humas" in text, name
        assert text.count("Narahubung") == 1 and "Siti Aminah" in text, name
    assert "Foto: dok. Humas" in pdf
