"""Decoding hostile and awkward files: every one ends as a good image or a clear reason."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from desktop.photos import imaging
import photos_support as ps


def _decode(path):
    return imaging.decode(path.read_bytes(), edge=imaging.THUMB_EDGE)


def test_exif_rotated_jpeg_is_shown_upright_and_sized_as_displayed(tmp_path):
    path = ps.jpeg(tmp_path / "r.jpg", size=(600, 400), orientation=6)
    img, info = _decode(path)
    assert info.exif.orientation == 6
    assert (info.width, info.height) == (400, 600)  # portrait as displayed
    assert img.height > img.width


def test_exif_facts_are_read(tmp_path):
    taken = dt.datetime(2025, 3, 14, 9, 30, 5)
    path = ps.jpeg(
        tmp_path / "e.jpg", taken=taken, camera=("Canon", "Canon EOS 80D"), gps=(-8.172, 113.7), artist="Dewi"
    )
    _img, info = _decode(path)
    assert info.exif.taken == taken
    assert info.exif.camera == "Canon EOS 80D"
    assert info.exif.artist == "Dewi"
    assert info.exif.gps_lat == pytest.approx(-8.172, abs=1e-3)
    assert info.exif.gps_lon == pytest.approx(113.7, abs=1e-3)


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    img, info = _decode(ps.cmyk_jpeg(tmp_path / "c.jpg"))
    assert img.mode == "RGB" and info.format == "JPEG"


def test_sixteen_bit_png_is_scaled_not_clipped_to_white(tmp_path):
    img, _info = _decode(ps.png_16bit(tmp_path / "g16.png"))
    left, right = img.getpixel((0, 32)), img.getpixel((63, 32))
    assert left[0] < 30 and right[0] > 200  # the gradient survives


def test_palette_transparency_is_flattened_on_white(tmp_path):
    img, _info = _decode(ps.png_palette_transparent(tmp_path / "p.png"))
    assert img.mode == "RGB"
    assert img.getpixel((2, 2)) == (255, 255, 255)
    assert img.getpixel((20, 20)) == (255, 0, 0)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: ps.truncated_jpeg(p / "t.jpg"), "incomplete"),
        (lambda p: (p / "zero.jpg").write_bytes(b"") and None or p / "zero.jpg", "empty"),
        (lambda p: (p / "note.jpg").write_text("hello, not a photo") and None or p / "note.jpg", "not an image"),
        (lambda p: (p / "huge.png").write_bytes(ps.png_claiming(100_000, 100_000)) and None or p / "huge.png",
         "too large"),
        (lambda p: (p / "bomb.png").write_bytes(ps.png_text_bomb()) and None or p / "bomb.png", "decompression bomb"),
    ],
    ids=["truncated", "zero-byte", "text-named-jpg", "100000x100000", "text-chunk-bomb"],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, make, words):
    from desktop import i18n

    i18n.set_language("en")
    with pytest.raises(imaging.ImageRejected) as err:
        _decode(make(tmp_path))
    assert words in str(err.value)


def test_unsupported_format_is_named(tmp_path):
    from desktop import i18n

    i18n.set_language("en")
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "GIF")
    with pytest.raises(imaging.ImageRejected, match="GIF"):
        imaging.decode(buf.getvalue())


def test_rejection_reasons_are_translated(tmp_path):
    with pytest.raises(imaging.ImageRejected) as err:
        imaging.decode(b"")
    assert "kosong" in str(err.value)  # Indonesian is the default


def test_perceptual_hash_finds_a_resized_recompressed_copy(tmp_path):
    original = ps.jpeg(tmp_path / "a.jpg", seed=3, size=(1200, 900), quality=95)
    copy = tmp_path / "b.jpg"
    with Image.open(original) as img:
        img.resize((600, 450)).save(copy, "JPEG", quality=60)
    other = ps.jpeg(tmp_path / "c.jpg", seed=4, size=(1200, 900))
    hashes = []
    for path in (original, copy, other):
        img, _info = _decode(path)
        hashes.append(imaging.dhash(imaging.fit(img, imaging.THUMB_EDGE)))
    assert imaging.hamming(hashes[0], hashes[1]) <= 4
    assert imaging.hamming(hashes[0], hashes[2]) > 12


def test_export_embeds_caption_credit_and_date():
    img = ps.scene(2, (3000, 2000))
    meta = imaging.Caption(
        caption="Ketua Bawaslu memberikan “arahan” di Aula", credit="dok. Humas Bawaslu", date=dt.date(2025, 3, 14)
    )
    data = imaging.export_jpeg(img, meta, long_edge=1600)
    with Image.open(io.BytesIO(data)) as out:
        assert max(out.size) == 1600
        exif = out.getexif()
        assert exif[0x010E] == 'Ketua Bawaslu memberikan "arahan" di Aula'
        assert exif[0x013B] == "dok. Humas Bawaslu"
        assert exif.get_ifd(0x8769)[0x9003] == "2025:03:14 00:00:00"
        xmp = out.info["xmp"].decode("utf-8")
    assert "memberikan “arahan” di Aula" in xmp  # full Unicode in XMP
    assert _xmp_value(xmp, "http://ns.adobe.com/photoshop/1.0/", "Credit") == "dok. Humas Bawaslu"


def _xmp_value(packet: str, namespace: str, name: str) -> str | None:
    """A simple XMP property, written as an attribute or as an element (both are valid RDF)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(packet[packet.index("<x:xmpmeta"): packet.index("</x:xmpmeta>") + len("</x:xmpmeta>")])
    tag = "{%s}%s" % (namespace, name)
    for description in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        if tag in description.attrib:
            return description.attrib[tag]
        element = description.find(tag)
        if element is not None:
            return element.text
    return None


def test_rendition_is_upright_rgb_and_at_most_2000px(tmp_path):
    path = ps.jpeg(tmp_path / "big.jpg", size=(4000, 3000), orientation=6)
    data = imaging.rendition_from(path.read_bytes())
    with Image.open(io.BytesIO(data)) as out:
        assert out.format == "JPEG" and out.mode == "RGB"
        assert out.size == (1500, 2000)


def test_png_with_damaged_data_stream_is_rejected_not_half_black(tmp_path):
    """A PNG whose IDAT stream breaks mid-way must never import (bottom part black)."""
    from PIL import ImageFile

    for with_exif in (True, False):
        path = ps.png_broken_stream(tmp_path / f"broken{with_exif}.png", exif=with_exif)
        for edge in (None, imaging.THUMB_EDGE):
            with pytest.raises(imaging.ImageRejected):
                imaging.decode(path.read_bytes(), edge=edge)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_jpeg_cut_in_the_middle_of_its_scan_is_rejected(tmp_path):
    path = ps.truncated_jpeg(tmp_path / "cut.jpg")
    data = path.read_bytes()
    assert b"\xff\xda" in data  # the cut falls after the start of scan
    for edge in (None, imaging.THUMB_EDGE):
        with pytest.raises(imaging.ImageRejected):
            imaging.decode(data, edge=edge)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_decoding_on_several_threads_leaves_the_warning_filters_as_they_were(tmp_path):
    """A kit's print renditions are made on two threads: each decode's catch_warnings must not leave
    its filter in force for the whole process (the save/restore of the global list interleaved)."""
    import warnings
    from concurrent.futures import ThreadPoolExecutor

    datas = [ps.jpeg(tmp_path / f"t{i}.jpg", seed=i, size=(96, 64), orientation=6 if i % 2 else None).read_bytes()
             for i in range(8)]
    before = list(warnings.filters)
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = {img.size for img, _info in pool.map(lambda d: imaging.decode(d, edge=32), datas * 100)}
    assert warnings.filters == before
    assert sizes == {(48, 32), (32, 48)}  # draft scale, upright


def test_a_rendition_made_for_a_kit_is_the_one_the_import_makes(library, tmp_path):
    """Kits and ``warta check`` remake renditions from the original: byte for byte what the import wrote."""
    from desktop.photos import files, importer
    from desktop.photos import store

    src = tmp_path / "src"
    src.mkdir()
    for n, (size, orientation) in enumerate([((2600, 1800), None), ((2600, 1800), 6), ((1200, 900), 3)]):
        ps.jpeg(src / f"p{n}.jpg", seed=40 + n, size=size, orientation=orientation)
    result = importer.import_paths(library, [src], workers=1)
    assert len(result.added) == 3
    for photo_id in result.added:
        info = store.get_photo(library, photo_id)
        made = files.rendition_path(library.path, info.sha256).read_bytes()
        assert imaging.rendition_from(library.managed(info.path).read_bytes()) == made


@pytest.mark.parametrize(("size", "scale"), [
    ((6000, 4000), 2),  # 24 MP camera: half size, then a 1.5× resize
    ((4000, 3000), 2),  # 12 MP phone: half size *is* the 2000 × 1500 rendition
    ((4000, 2250), 2),  # 16:9 phone
    ((3000, 4000), 2),  # portrait
    ((4032, 3024), 1),  # half would leave a 2016 → 2000 px resize, which blurs: decoded in full
    ((1600, 1200), 1),  # already below the rendition
])
def test_a_jpeg_is_decoded_at_the_smallest_dct_scale_its_rendition_allows(size, scale):
    assert imaging.draft_scale(*size, imaging.RENDITION_EDGE) == scale


def test_a_phone_photos_rendition_is_its_half_scale_decode_without_a_resize(tmp_path):
    path = ps.jpeg(tmp_path / "phone.jpg", size=(4000, 3000))
    data = path.read_bytes()
    with imaging.decoding(data, edge=imaging.RENDITION_EDGE) as (img, info, opened):
        assert opened.size == (2000, 1500)  # libjpeg decoded it at 1/2, not the 12 MP in full
        assert (info.width, info.height) == (4000, 3000)  # the facts are the original's
        expected = imaging.jpeg_bytes(img, imaging.RENDITION_QUALITY)
    assert imaging.rendition_from(data) == expected
