"""Captions travel with photos: XMP and IPTC-IIM read at import, written at export (also full size)."""

from __future__ import annotations

import datetime as dt
import io
import struct

import photos_support as ps
import pytest
from PIL import Image, IptcImagePlugin

from desktop.photos import export, importer, metadata, store

CAPTION = "Ketua Bawaslu memberikan “arahan” kepada Panwascam di Aula Sekretariat — Senin (3/11/2025)"
CREDIT = "Foto: Dewi Lestari/Humas Bawaslu Kabupaten Contoh"
TAGS = ["rapat koordinasi", "pengawasan", "pemilu 2029"]


def _jpeg_bytes(seed: int = 1, size=(640, 480), **kw) -> bytes:
    buf = io.BytesIO()
    ps.scene(seed, size).save(buf, "JPEG", quality=90, **kw)
    return buf.getvalue()


def _iptc(data: bytes) -> dict:
    """IPTC-IIM datasets as Pillow (an independent reader) finds them in the APP13 block."""
    with Image.open(io.BytesIO(data)) as img:
        return IptcImagePlugin.getiptcinfo(img) or {}


def _with_app13(jpeg: bytes, datasets: list[tuple[int, int, bytes]]) -> bytes:
    """A JPEG with an APP13 Photoshop block holding IPTC-IIM, as an older newsroom tool writes it."""
    iim = b"".join(b"\x1c" + bytes([rec, num]) + struct.pack(">H", len(v)) + v for rec, num, v in datasets)
    if len(iim) % 2:
        iim += b"\x00"
    block = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    payload = b"Photoshop 3.0\x00" + block
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def _with_xmp(jpeg: bytes, packet: str) -> bytes:
    payload = b"http://ns.adobe.com/xap/1.0/\x00" + packet.encode("utf-8")
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


# -- the reader and writer -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF"])
def test_embed_writes_xmp_and_utf8_iptc_that_read_back(fmt):
    buf = io.BytesIO()
    ps.scene(3, (200, 150)).save(buf, fmt)
    out = metadata.embed(buf.getvalue(), caption=CAPTION, credit=CREDIT, keywords=TAGS, date=dt.date(2025, 11, 3),
                         event="Rapat Koordinasi", location="Aula Sekretariat")
    found = metadata.read(out)
    assert (found.caption, found.credit, found.keywords) == (CAPTION, CREDIT, TAGS)
    assert found.taken == dt.datetime(2025, 11, 3)
    assert (found.event, found.location) == ("Rapat Koordinasi", "Aula Sekretariat")
    with Image.open(io.BytesIO(out)) as img:
        img.load()  # still a valid image


def test_jpeg_iptc_is_utf8_with_the_coded_character_set_marker():
    out = metadata.embed(_jpeg_bytes(), caption=CAPTION, credit=CREDIT, keywords=TAGS, date=dt.date(2025, 11, 3))
    iptc = _iptc(out)
    assert iptc[(1, 90)] == b"\x1b%G"
    assert iptc[(2, 120)] == CAPTION.encode("utf-8")
    assert iptc[(2, 110)] == CREDIT.encode("utf-8") and iptc[(2, 80)] == CREDIT.encode("utf-8")
    assert iptc[(2, 25)] == [t.encode("utf-8") for t in TAGS]
    assert iptc[(2, 55)] == b"20251103"
    # Written again with other text: replaced, not added to.
    again = metadata.embed(out, caption="Baru", keywords=["satu"])
    iptc = _iptc(again)
    assert iptc[(2, 120)] == b"Baru" and iptc[(2, 25)] == b"satu" and (2, 110) not in iptc


def test_reads_latin1_iptc_without_marker_and_element_form_xmp_from_other_tools():
    old_tool = _with_app13(_jpeg_bytes(), [
        (2, 120, "Café in Kecamatan Sukamaju".encode("cp1252")),
        (2, 80, b"Budi Santoso"),
        (2, 25, b"pasar"), (2, 25, b"ekonomi"),
        (2, 55, b"20240117"), (2, 60, b"083000+0700"),
    ])
    found = metadata.read(old_tool)
    assert found.caption == "Café in Kecamatan Sukamaju"
    assert found.credit == "Budi Santoso"  # a By-line alone is the credit
    assert found.keywords == ["pasar", "ekonomi"]
    assert found.taken == dt.datetime(2024, 1, 17, 8, 30)

    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Sosialisasi “pengawasan partisipatif”</rdf:li>'
        '</rdf:Alt></dc:description><dc:subject><rdf:Bag><rdf:li>sosialisasi</rdf:li><rdf:li>pemilih pemula</rdf:li>'
        '</rdf:Bag></dc:subject><photoshop:Credit>dok. KPU</photoshop:Credit>'
        '<photoshop:DateCreated>2025-08-17T10:15:00+07:00</photoshop:DateCreated>'
        '</rdf:Description></rdf:RDF></x:xmpmeta>'
    )
    found = metadata.read(_with_xmp(_jpeg_bytes(), packet))
    assert found.caption == "Sosialisasi “pengawasan partisipatif”"
    assert (found.credit, found.keywords) == ("dok. KPU", ["sosialisasi", "pemilih pemula"])
    assert found.taken == dt.datetime(2025, 8, 17, 10, 15)


def test_damaged_or_missing_metadata_reads_as_nothing():
    assert metadata.read(b"") == metadata.Embedded()
    assert metadata.read(b"\xff\xd8\xff\xe1\x00\x10garbage") == metadata.Embedded()
    broken = _with_app13(_jpeg_bytes(), [(2, 120, b"ok")])
    broken = broken.replace(b"8BIM\x04\x04", b"8BIM\x04\x04\xff\xff\xff\xff", 1)
    assert isinstance(metadata.read(broken), metadata.Embedded)
    assert metadata.read(_jpeg_bytes()) == metadata.Embedded()


# -- import and export ----------------------------------------------------------


def test_import_takes_caption_credit_keywords_and_date_from_the_file(library, tmp_path):
    data = metadata.embed(_jpeg_bytes(seed=11), caption=CAPTION, credit=CREDIT, keywords=TAGS, date=dt.date(2025, 11, 3))
    (tmp_path / "dari-media.jpg").write_bytes(data)
    ps.jpeg(tmp_path / "polos.jpg", seed=12)
    result = importer.import_paths(library, [tmp_path / "dari-media.jpg", tmp_path / "polos.jpg"], renditions=False)
    captioned, plain = (store.get_photo(library, i) for i in result.added)
    assert (captioned.caption, captioned.credit, captioned.tags) == (CAPTION, CREDIT, TAGS)
    assert captioned.taken == dt.datetime(2025, 11, 3) and captioned.date == dt.date(2025, 11, 3)
    assert store.count_photos(library, store.PhotoFilter(search="arahan")) == 1  # searchable at once
    # A file that says nothing gets the office's default credit and no date at all.
    assert (plain.caption, plain.credit, plain.tags) == ("", "dok. Bawaslu Contoh", [])
    assert plain.taken is None and plain.date is None


@pytest.mark.parametrize("long_edge", [0, 1600])
def test_exported_photo_reimports_into_a_fresh_library_with_its_caption(library, template_library, tmp_path, long_edge):
    from conftest import copy_library

    from desktop.library import Library

    src = ps.jpeg(tmp_path / "IMG_0042.jpg", seed=42, size=(1800, 1200), taken=dt.datetime(2025, 11, 3, 9, 30))
    (photo_id,) = importer.import_paths(library, [src], renditions=False).added
    store.update_photo(library, photo_id, store.PhotoEdit(caption=CAPTION, credit=CREDIT, tags=TAGS))
    written = export.export_photos(library, [photo_id], tmp_path / "kirim", long_edge=long_edge)
    assert written.metadata_embedded and not written.failed
    exported = tmp_path / "kirim" / written.written[0]["file"].rsplit("/", 1)[1]
    iptc = _iptc(exported.read_bytes())  # what a newsroom tool reads
    assert iptc[(2, 120)] == CAPTION.encode("utf-8") and iptc[(1, 90)] == b"\x1b%G"
    if not long_edge:  # full size: the original's pixels and EXIF, only the captions added
        with Image.open(src) as a, Image.open(exported) as b:
            assert a.tobytes() == b.tobytes() and a.getexif() == b.getexif()

    fresh = Library.open(copy_library(template_library, tmp_path / "kantor-lain"))
    try:
        (new_id,) = importer.import_paths(fresh, [exported], renditions=False).added
        back = store.get_photo(fresh, new_id)
    finally:
        fresh.close()
    assert (back.caption, back.credit, back.tags) == (CAPTION, CREDIT, TAGS)
    assert back.date == dt.date(2025, 11, 3)


def test_undated_photo_is_exported_and_reimported_without_a_date(library, template_library, tmp_path):
    from conftest import copy_library

    from desktop.library import Library

    (photo_id,) = importer.import_paths(library, [ps.jpeg(tmp_path / "scan.jpg", seed=7)], renditions=False).added
    assert store.get_photo(library, photo_id).date is None
    store.update_photo(library, photo_id, store.PhotoEdit(caption="Arsip lama", event="Arsip"))
    for edge in (0, 1600):
        result = export.export_photos(library, [photo_id], tmp_path / f"out{edge}", long_edge=edge)
        exported = tmp_path / f"out{edge}" / result.written[0]["file"].rsplit("/", 1)[1]
        assert exported.name == "arsip_001.jpg"  # no date in the name: none is known
        with Image.open(exported) as img:
            exif = img.getexif()
            assert 0x0132 not in exif and 0x9003 not in exif.get_ifd(0x8769)
        assert metadata.read(exported.read_bytes()).taken is None
        fresh = Library.open(copy_library(template_library, tmp_path / f"lain{edge}"))
        try:
            (new_id,) = importer.import_paths(fresh, [exported], renditions=False).added
            back = store.get_photo(fresh, new_id)
        finally:
            fresh.close()
        assert back.caption == "Arsip lama" and back.taken is None and back.date is None


def test_full_size_webp_is_copied_unchanged_and_says_so(library, tmp_path):
    import hashlib

    ps.scene(9, (300, 200)).save(tmp_path / "foto.webp", "WEBP")
    (photo_id,) = importer.import_paths(library, [tmp_path / "foto.webp"], renditions=False).added
    store.update_photo(library, photo_id, store.PhotoEdit(caption="Keterangan"))
    result = export.export_photos(library, [photo_id], tmp_path / "asli", long_edge=0)
    assert not result.metadata_embedded and not result.failed
    written = tmp_path / "asli" / result.written[0]["file"].rsplit("/", 1)[1]
    assert hashlib.sha256(written.read_bytes()).hexdigest() == store.get_photo(library, photo_id).sha256
