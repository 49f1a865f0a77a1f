"""Helpers for the Isu & Hoaks tests: a writer and an approver, sample claims, a screenshot, a clarification taken to publication."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

# Claims in the genre offices see in an election year (written for these tests).
POSTPONED = (
    "BREAKING!! Pemungutan suara di Kabupaten Contoh DIUNDUR ke 28 Februari karena logistik kotak suara "
    "rusak kena banjir. Sebarkan ke grup keluarga!!"
)
ENVELOPE = "Video: pengawas TPS 07 Kelurahan Sukamaju terima amplop dari tim sukses, Bawaslu diam saja"
FACTS = (
    "Hari pemungutan suara tetap Rabu, 14 Februari 2024, sesuai Keputusan KPU. Logistik di gudang "
    "KPU Kabupaten Contoh dalam keadaan baik dan sudah diperiksa bersama Bawaslu."
)
SOURCES = "Keputusan KPU Nomor 21 Tahun 2022 tentang Hari dan Tanggal Pemungutan Suara\nBerita acara pemeriksaan logistik, 10 Februari 2024"
LEAD = (
    "Informasi yang beredar di grup WhatsApp bahwa pemungutan suara di Kabupaten Contoh diundur ke 28 Februari "
    "adalah hoaks. Pemungutan suara tetap dilaksanakan pada Rabu, 14 Februari 2024."
)


def screenshot(path: Path, color=(30, 160, 90), size=(320, 560)) -> Path:
    """A PNG that looks like a phone screenshot (tall, with a coloured bar)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (245, 245, 245))
    ImageDraw.Draw(img).rectangle((0, 0, size[0], 60), fill=color)
    img.save(path, "PNG")
    return path


def people(library) -> tuple[int, int]:
    """(writer id, approver id): the template's admin approves; a new Penulis writes."""
    from desktop import staff

    approver = staff.list_staff(library)[0].id
    writer = staff.create(library, staff.StaffInput(name="Rina Penulis", position="Staf Humas", role="writer"))
    return writer, approver


def claim_input(text: str = POSTPONED, *, hours_ago: float = 6, **extra):  # noqa: ANN201 - ClaimInput
    from desktop.claims import api as claims

    values = dict(
        text=text,
        first_seen=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=hours_ago),
        links=["https://chat.whatsapp.com/forward/abc123", "https://www.tiktok.com/@akun.anonim/video/1"],
        platform="WhatsApp",
        reach=12000,
        reported_by="Warga Kecamatan Sukamaju, lewat hotline",
        category="fabricated",
        verdict="hoaks",
        facts=FACTS,
        sources=SOURCES,
    )
    values.update(extra)
    return claims.ClaimInput(**values)


def clarify_and_publish(library, claim_id: int, writer: int, approver: int, *, publish: bool = True,
                        url: str = "https://contoh.example/berita/klarifikasi-pemungutan-suara") -> int:
    """Make the klarifikasi as the writer, fill its lead, submit; approve (and publish) as the approver."""
    from desktop.articles import api as articles
    from desktop.claims import api as claims

    library.store.staff_id = writer
    article_id = claims.make_klarifikasi(library, claim_id)
    doc = articles.load_doc(library, article_id)
    doc.lead = LEAD
    articles.save(library, article_id, doc)
    articles.transition(library, article_id, "submit")
    library.store.staff_id = approver
    articles.transition(library, article_id, "approve")
    if publish:
        articles.transition(library, article_id, "publish", source_url=url)
    return article_id
