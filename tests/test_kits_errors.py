"""Bad input: a clear message naming the part, and no half-written output file."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.errors import WartaError
from desktop.kits import render
from desktop.kits.spec import ArticlePart, KitError, KitSpec, Photo, PhotosPart
from kits_support import OFFICE, article, image


def kit(parts, **kw) -> KitSpec:
    return KitSpec(title="Kit Uji", date=dt.date(2025, 11, 3), office=OFFICE, parts=parts, **kw)


def test_kit_without_parts():
    with pytest.raises(KitError, match="Kit Uji.*belum berisi bagian"):
        render.render(kit([]))


def test_article_without_text_is_named():
    parts = [ArticlePart(article()), ArticlePart(article("Rilis Kosong", lead="  ", body="\n\n"))]
    with pytest.raises(KitError) as err:
        render.render(kit(parts))
    assert "bagian 2" in str(err.value) and "Rilis Kosong" in str(err.value) and "tidak berisi teks" in str(err.value)


def test_missing_photo_file_is_named(tmp_path):
    good = image(tmp_path / "ada.jpg", (400, 300))
    parts = [ArticlePart(article()), PhotosPart([Photo(good, "a"), Photo(tmp_path / "hilang.jpg", "b", ref="hilang.jpg")])]
    with pytest.raises(KitError) as err:
        render.render(kit(parts))
    message = str(err.value)
    assert "bagian 2" in message and "hilang.jpg" in message and "tidak ditemukan" in message


@pytest.mark.parametrize(
    "content",
    [b"", b"this is not an image", b"\xff\xd8\xff\xe0" + b"\x00" * 20],  # empty, text, truncated JPEG header
)
def test_undecodable_image_is_named(tmp_path, content):
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(content)
    with pytest.raises(KitError) as err:
        render.render(kit([PhotosPart([Photo(bad, "x", ref="rusak.jpg")])]))
    assert "rusak.jpg" in str(err.value) and "tidak dapat dibaca" in str(err.value)


def test_bad_logo_is_named(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"<svg/>")
    with pytest.raises(KitError, match="Logo kantor"):
        render.render(kit([ArticlePart(article())], logo=logo))


def test_unwritable_output_leaves_nothing_behind(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    with pytest.raises(WartaError) as err:
        render.export_pdf(kit([ArticlePart(article())]), blocker / "kit.pdf")
    assert str(blocker / "kit.pdf") in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["berkas"]


def test_failed_render_keeps_the_previous_file(tmp_path):
    target = tmp_path / "kit.pdf"
    target.write_bytes(b"%PDF-old")
    with pytest.raises(KitError):
        render.export_pdf(kit([PhotosPart([Photo(tmp_path / "x.jpg")])]), target)
    assert target.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kit.pdf"]


def test_cancel_stops_rendering(tmp_path):
    from desktop.errors import Cancelled
    from desktop.jobs import Progress

    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        render.render(kit([ArticlePart(article())]), progress=progress)
