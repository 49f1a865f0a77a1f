"""The quick paths of a press kit: renditions made on two threads, one layout pass, same PDF cold and warm."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from desktop.kits import images, store
from kits_support import article, image, pdf_text, visual_lines

PHOTOS = 4  # two pairs, made side by side


@pytest.fixture
def kit(library, tmp_path):
    """A saved kit of a cover, two releases and four photos imported without print renditions."""
    from desktop.articles import store as articles
    from desktop.photos import importer
    from desktop.photos import store as photos

    ids = [articles.create_article(library, article(f"Rilis Nomor {n}", status="approved")) for n in (1, 2)]
    src = tmp_path / "src"
    src.mkdir()
    for n in range(PHOTOS):
        image(src / f"p{n}.jpg", (2600, 1700), orientation=6 if n == 1 else None, color=(60 + 40 * n, 110, 160))
    importer.import_paths(library, [src], workers=1, renditions=False)
    photo_ids = sorted(photos.photo_ids(library))
    parts = [store.PartInput("cover")] + [store.PartInput("article", i) for i in ids]
    parts += [store.PartInput("photo", pid) for pid in photo_ids] + [store.PartInput("office")]
    kit_id = store.create_kit(library, store.KitInput("Kit Rakor", dt.date(2025, 11, 3), "Rakor", parts=parts))
    return kit_id, photo_ids


def _rendition_files(library, photo_ids):  # noqa: ANN001, ANN202
    from desktop.photos import api as photos

    return [photos.rendition_path(library.path, photos.get_photo(library, pid).sha256) for pid in photo_ids]


def test_a_kits_missing_renditions_are_made_side_by_side_on_threads_that_end_with_the_app(library, kit, monkeypatch):
    """No worker process for a kit's photos (issue 13): a cold kit does not wait for workers to start, nothing outlives the app."""
    import threading

    from desktop.photos import api as photos
    from desktop.photos import importer

    kit_id, photo_ids = kit
    assert not any(p.exists() for p in _rendition_files(library, photo_ids))
    monkeypatch.setattr(importer, "_pool", lambda workers: pytest.fail("a worker process was started for a kit"))
    pair = threading.Barrier(2, timeout=20)  # passes only when two renditions are being made at the same time
    seen = []
    real = importer.make_rendition

    def side_by_side(*args):  # noqa: ANN002, ANN202
        seen.append(threading.current_thread() is threading.main_thread())
        pair.wait()
        return real(*args)

    monkeypatch.setattr(importer, "make_rendition", side_by_side)
    store.render_pdf(library, kit_id)
    assert seen == [False] * PHOTOS and not pair.broken
    assert all(p.is_file() for p in _rendition_files(library, photo_ids))
    assert [photos.get_photo(library, pid).rendition_state for pid in photo_ids] == ["ok"] * PHOTOS


def test_a_sweep_of_many_renditions_runs_in_the_import_workers_that_end_with_their_parent(library, kit, monkeypatch):
    """Thousands after a restore: the import's pool, whose workers carry the parent-death watchdog."""
    from desktop.photos import api as photos
    from desktop.photos import importer

    _kit_id, photo_ids = kit
    monkeypatch.setattr(importer, "THREADED_RENDITIONS", PHOTOS - 1)
    pools = []
    real = importer._pool

    def spy(workers: int):  # noqa: ANN202
        pool = real(workers)
        pools.append(pool)
        return pool

    monkeypatch.setattr(importer, "_pool", spy)
    assert photos.make_renditions(library) == PHOTOS  # as a restore remakes them
    assert len(pools) == 1
    assert pools[0]._initializer is importer._init_worker  # i18n and _watch_parent in every worker
    assert all(p.is_file() for p in _rendition_files(library, photo_ids))
    assert [photos.get_photo(library, pid).rendition_state for pid in photo_ids] == ["ok"] * PHOTOS


def test_the_same_kit_gives_the_same_pdf_cold_warm_and_after_a_restart(library, kit):
    kit_id, photo_ids = kit
    cold = store.render_pdf(library, kit_id)  # renditions made first
    warm = store.render_pdf(library, kit_id)  # photos prepared in memory
    images.clear_cache()
    restarted = store.render_pdf(library, kit_id)  # renditions read from the library again
    assert cold == warm == restarted
    for path in _rendition_files(library, photo_ids):
        path.unlink()
    images.clear_cache()
    assert store.render_pdf(library, kit_id) == cold


def test_a_kit_with_contents_is_laid_out_once_and_the_contents_point_at_the_right_pages(library, kit, monkeypatch):
    from reportlab.platypus import BaseDocTemplate

    kit_id, _photo_ids = kit
    passes = []
    real = BaseDocTemplate.build

    def counting(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        passes.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(BaseDocTemplate, "build", counting)
    data = store.render_pdf(library, kit_id)
    assert len(passes) == 1  # reportlab's multiBuild lays everything out twice
    pages = pdf_text(data)
    entries = _toc_entries(data)
    assert list(entries)[:3] == ["Rilis Nomor 1", "Rilis Nomor 2", "Dokumentasi Foto"]
    for title, page in entries.items():
        assert title in " ".join(pages[page - 1].split()), (title, page)


def test_a_rendition_already_sized_for_its_box_is_embedded_as_it_is(library, kit):
    """1 photo per page on A4: a 2000 px rendition is within 300 dpi, so its JPEG bytes go in unchanged."""
    kit_id, photo_ids = kit
    data = store.get_kit(library, kit_id).data
    data.photos_per_page = 1
    store.update_kit(library, kit_id, data)
    pdf = store.render_pdf(library, kit_id)
    renditions = [p.read_bytes() for p in _rendition_files(library, photo_ids)]
    assert all(r in pdf for r in renditions)  # the upright portrait one too: 2000 px tall fits the page


def test_a_kit_with_contents_links_in_its_releases_and_the_office_page_exports(library):
    """Links in the releases and the TOC numbers drawn at save once shared annotation names: no PDF at all."""
    from pypdf import PdfReader

    from desktop.articles import store as articles

    body = ("Lihat [laman resmi](https://jember.bawaslu.go.id/) dan [PPID](https://ppid.example.go.id/).\n\n"
            "Kegiatan ditutup dengan doa bersama.")
    ids = [articles.create_article(library, article(f"Rilis Nomor {n}", body=body)) for n in (1, 2)]
    parts = [store.PartInput("cover")] + [store.PartInput("article", i) for i in ids] + [store.PartInput("office")]
    kit_id = store.create_kit(library, store.KitInput("Kit klarifikasi PSU", dt.date(2025, 11, 3), "PSU",
                                                      parts=parts))
    data = store.render_pdf(library, kit_id)

    reader = PdfReader(io.BytesIO(data))
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or []
            if "/A" in a.get_object()]
    assert uris.count("https://jember.bawaslu.go.id/") == 2
    entries = _toc_entries(data)
    assert list(entries) == ["Rilis Nomor 1", "Rilis Nomor 2", "Tentang Bawaslu Contoh"]
    pages = pdf_text(data)
    assert entries["Rilis Nomor 2"] > entries["Rilis Nomor 1"] >= 2
    for title, page in entries.items():
        assert title in " ".join(pages[page - 1].split()), (title, page)
    # The bookmarks and the contents' links jump to the page each part starts on (all went to page 1).
    page_ids = [page.indirect_reference.idnum for page in reader.pages]
    assert {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline} == entries
    toc_links = [a.get_object()["/Dest"][0].idnum for a in reader.pages[0]["/Annots"]]
    assert sorted(page_ids.index(i) + 1 for i in toc_links) == sorted(list(entries.values()) * 2)


def _toc_entries(data: bytes) -> dict[str, int]:
    """Title → printed page number of each line of the contents on page 1."""
    import re

    entries = {}
    for line in visual_lines(data, 0):
        match = re.match(r"(.+?)[ .]+ (\d+)$", line)
        if match:
            entries[match.group(1)] = int(match.group(2))
    return entries


# -- plain prose skips the Markdown parser -----------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as strategies  # noqa: E402

_PROSE = strategies.lists(
    strategies.sampled_from(["Bawaslu", "pengawasan", "1.", "2025", "“publik”", "(0331)", "a:b", "-", "—", "=",
                             "#1", "+62", "@humas", "50%", "$", "{x}", "^", "~", "é", "  ", " ", "\n", "\n\n",
                             "\n\n\n", "*", "_", "[x]", "<b>", "&amp;", "!", "\\", "`", "\t", " \n", "\u00a0"]),
    max_size=30,
).map("".join)


def _flowables(text: str, prefix: str) -> list:  # noqa: ANN202
    from desktop.kits import markup

    return [(type(f).__name__, getattr(f, "text", None), getattr(getattr(f, "style", None), "name", None))
            for f in markup.markdown_flowables(text, prefix=prefix)]


@given(_PROSE, strategies.sampled_from(["", "<b>JEMBER</b> – "]))
def test_prose_set_without_the_markdown_parser_reads_as_the_parser_reads_it(text, prefix):
    """A release of plain paragraphs takes the quick path (issue 13): the same paragraphs, word for word."""
    from desktop.kits import markup

    quick = _flowables(text, prefix)
    real = markup._plain_paragraphs
    markup._plain_paragraphs = lambda _text: None
    try:
        parsed = _flowables(text, prefix)
    finally:
        markup._plain_paragraphs = real
    assert quick == parsed


def test_prose_takes_the_quick_path_and_markup_does_not():
    from desktop.kits import markup

    assert markup._plain_paragraphs("Rapat koordinasi: 12 peserta.\n\nDitutup pukul 12.00 WIB.") == [
        "Rapat koordinasi: 12 peserta.", "Ditutup pukul 12.00 WIB."]
    for text in ("Rapat *penting*.", "- satu\n- dua", "1. satu", "# Judul", "baris\nkedua", "    kode", "A &amp; B",
                 "> kutipan", "---", "~~~"):
        assert markup._plain_paragraphs(text) is None, text


# -- a rendition's header is all that is read ------------------------------------------------


def _jpegs(folder):  # noqa: ANN001, ANN202
    """Pictures a kit meets: plain JFIF colour and grey, progressive, EXIF-turned, CMYK, too big, PNG."""
    from PIL import Image

    out = {"plain": image(folder / "plain.jpg", (900, 600)), "turned": image(folder / "turned.jpg", (900, 600),
                                                                             orientation=6)}
    Image.new("L", (500, 700), 90).save(folder / "grey.jpg", "JPEG")
    Image.new("RGB", (640, 480), (10, 90, 200)).save(folder / "progressive.jpg", "JPEG", progressive=True)
    Image.new("CMYK", (400, 300), (0, 80, 90, 10)).save(folder / "cmyk.jpg", "JPEG")
    Image.new("RGB", (5000, 3000), (200, 30, 30)).save(folder / "big.jpg", "JPEG")
    Image.new("RGB", (300, 200), (30, 200, 30)).save(folder / "flat.png", "PNG")
    out.update({n: folder / f for n, f in (("grey", "grey.jpg"), ("progressive", "progressive.jpg"),
                                            ("cmyk", "cmyk.jpg"), ("big", "big.jpg"), ("png", "flat.png"))})
    # What only a walk past the frame header finds: an EXIF orientation after it, an orientation
    # written in XMP alone, a second picture (MPO, as some cameras write).
    exif = Image.Exif()
    exif[0x0112] = 6
    plain = out["plain"].read_bytes()
    (folder / "exif-late.jpg").write_bytes(_after_frame(plain, 0xE1, b"Exif\x00\x00" + exif.tobytes()[6:]))
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>')
    (folder / "xmp.jpg").write_bytes(_after_frame(plain, 0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp))
    Image.new("RGB", (600, 400), (90, 90, 20)).save(folder / "two.mpo", "MPO", save_all=True,
                                                    append_images=[Image.new("RGB", (600, 400), (20, 90, 90))])
    out.update({"exif-late": folder / "exif-late.jpg", "xmp": folder / "xmp.jpg", "mpo": folder / "two.mpo"})
    return out


def _after_frame(jpeg: bytes, marker: int, payload: bytes) -> bytes:
    """``jpeg`` with one more segment placed right after its frame header (SOF0)."""
    at = jpeg.index(b"\xff\xc0")
    at += 2 + int.from_bytes(jpeg[at + 2:at + 4], "big")
    return jpeg[:at] + bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[at:]


def test_an_upright_jpeg_is_placed_from_its_header_as_pillow_would_place_it(tmp_path, monkeypatch):
    """Issue 13: a print rendition is embedded without being opened by Pillow; every other picture is
    prepared exactly as before (turned, converted, downsampled)."""
    from PIL import Image

    pictures = _jpegs(tmp_path)

    def facts(path, box):  # noqa: ANN001, ANN202
        images.clear_cache()
        p = images.prepare(path, *box, min_dpi=150)
        return p.data, p.pixel_width, p.pixel_height, round(p.width, 6), round(p.height, 6), p.passthrough, \
            round(p.box_dpi, 6)

    boxes = [(481.9, 640.0), (100.0, 80.0)]
    quick = {(n, b): facts(p, b) for n, p in pictures.items() for b in boxes}
    opened = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    images.clear_cache()
    images.prepare(pictures["plain"], *boxes[0], min_dpi=150)
    assert opened == []  # the header said enough
    monkeypatch.setattr(images, "_plain_jpeg", lambda raw: None)
    assert {(n, b): facts(p, b) for n, p in pictures.items() for b in boxes} == quick
    assert quick[("plain", boxes[0])][5] and quick[("grey", boxes[0])][5] and quick[("progressive", boxes[0])][5]
    for name in ("turned", "cmyk", "big", "exif-late", "xmp", "mpo"):
        assert not quick[(name, boxes[0])][5], name
    # Pillow reads the late EXIF and the XMP orientation: both are turned upright, as the camera meant.
    assert quick[("exif-late", boxes[0])][1:3] == quick[("xmp", boxes[0])][1:3] == (600, 900)
    for header in (b"\xff\xd8\xff\xe0\x00", b"GIF89a", b"\xff\xd8\xff\xd8", b"\xff\xd8\xff\xd0\x00\x10"):
        assert images._plain_jpeg(header) is None, header


def test_a_kit_is_read_in_as_many_queries_whatever_the_number_of_its_releases_and_photos(library, kit):
    """Issue 13: a kit's releases and photos are read together, not a handful of queries per part."""
    from sqlalchemy import event

    from desktop.articles import store as articles

    kit_id, photo_ids = kit
    store.build_spec(library, kit_id)  # renditions made: what follows is the warm read
    seen: list[str] = []
    event.listen(library.store.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: seen.append(sql))
    small = store.build_spec(library, kit_id)
    count = len(seen)
    data = store.get_kit(library, kit_id).data
    more = [articles.create_article(library, article(f"Rilis Tambahan {n}", status="approved")) for n in range(4)]
    data.parts[3:3] = [store.PartInput("article", i) for i in more] + [store.PartInput("photo", p) for p in photo_ids]
    store.update_kit(library, kit_id, data)
    seen.clear()
    big = store.build_spec(library, kit_id)
    assert len(seen) == count
    assert len([p for p in big.parts if hasattr(p, "doc")]) == len([p for p in small.parts if hasattr(p, "doc")]) + 4


def test_while_the_pages_are_set_the_progress_says_so_and_only_moves_forward(library, kit):
    """The photos are counted as they are laid out, after "Typesetting the PDF…": the message stays
    that (with the photo beside it), never a bare photo name as if photos were still being read."""
    from desktop.jobs import Progress

    kit_id, photo_ids = kit
    seen: list[tuple[int, int, str]] = []
    store.render_pdf(library, kit_id, progress=Progress(callback=lambda d, t, c: seen.append((d, t, c))))
    texts = [c for _d, _t, c in seen]
    start = texts.index("Menyusun PDF…")  # the interface is in Indonesian
    later = [c for c in texts[start + 1:] if c]
    assert len(later) == len(photo_ids)
    assert all(c.startswith("Menyusun PDF… (") for c in later), later
    done = [d for d, t, _c in seen if t == seen[-1][1]]
    assert done == sorted(done) and done[-1] == seen[-1][1]
