"""Data for the report tests: a year of an office's humas work, with the counts a report must find.

Everything is made through the areas' own calls (articles taken through
approval, coverage, MoUs, activities, photos imported from JPEGs, claims
clarified and published, printed releases handed out), dated in ``year``;
a few things fall just outside the period so the boundaries are tested.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

KINDS_BY_MONTH = [  # (month, kind, status)
    (1, "siaran_pers", "published"),
    (1, "berita_kegiatan", "published"),
    (3, "siaran_pers", "approved"),
    (7, "pengumuman", "published"),
    (8, "siaran_pers", "published"),
    (11, "berita_kegiatan", "published"),
    (11, "siaran_pers", "review"),  # not approved: never counted
    (12, "artikel", "draft"),  # a draft: never counted
]


def _article(library, writer: int, approver: int, title: str, kind: str, day: dt.date, status: str) -> int:  # noqa: ANN001
    from desktop.articles import api as articles

    library.store.staff_id = writer
    doc = articles.ArticleDoc(kind=kind, title=title, publication_date=day, lead="Paragraf pembuka " + title + ".")
    article_id = articles.create_article(library, doc)
    if status in ("review", "approved", "published"):
        articles.transition(library, article_id, "submit")
    if status in ("approved", "published"):
        library.store.staff_id = approver
        articles.transition(library, article_id, "approve")
    if status == "published":
        articles.transition(library, article_id, "publish", source_url="https://contoh.example/berita/" + str(article_id))
    library.store.staff_id = approver
    return article_id


def populate(library, year: int, tmp: Path) -> dict:  # noqa: ANN001, C901
    """Fill ``library`` with one year of work; returns what the report of ``year`` must count."""
    from desktop import staff
    from desktop.claims import api as claims
    from desktop.contacts import api as contacts
    from desktop.distribution import api as distribution
    from desktop.photos import api as photos

    approver = staff.list_staff(library)[0].id
    writer = staff.create(library, staff.StaffInput(name="Rina Penulis", position="Staf Humas", role="writer"))

    articles_ids = []
    for i, (month, kind, status) in enumerate(KINDS_BY_MONTH):
        articles_ids.append(_article(library, writer, approver, f"Rilis {i + 1} bulan {month}", kind,
                                     dt.date(year, month, 10), status))
    # A release of the year before: in no report of this year.
    _article(library, writer, approver, "Rilis tahun lalu", "siaran_pers", dt.date(year - 1, 12, 30), "published")

    types = dict((name, i) for i, name in contacts.org_types(library))
    online = types.get("Media online") or contacts.add_org_type(library, "Media online")
    cetak = types.get("Media cetak") or contacts.add_org_type(library, "Media cetak")
    kompas = contacts.create_org(library, contacts.OrgInput(name="Harian Contoh Pos", type_id=cetak))
    detik = contacts.create_org(library, contacts.OrgInput(name="Contoh Daring", type_id=online))
    radio = contacts.create_org(library, contacts.OrgInput(name="Radio Suara Contoh"))  # no type
    for org, month in ((kompas, 1), (kompas, 8), (detik, 1), (detik, 7), (detik, 11), (radio, 3)):
        contacts.add_coverage(library, org, dt.date(year, month, 12), f"Liputan {month}", article_id=articles_ids[0])
    contacts.add_coverage(library, detik, dt.date(year + 1, 1, 2), "Liputan tahun depan")

    # MoUs: new in the year, standing from before, ending within 60 days after the year, ended in the year.
    contacts.create_org(library, contacts.OrgInput(
        name="Universitas Contoh", mou_number="01/MoU/2026", mou_signed=dt.date(year, 3, 1),
        mou_expires=dt.date(year + 3, 3, 1), mou_scope="Pendidikan pemilih"))
    contacts.create_org(library, contacts.OrgInput(
        name="Radio Komunitas", mou_number="07/MoU/2024", mou_signed=dt.date(year - 2, 5, 1),
        mou_expires=dt.date(year + 1, 1, 31)))
    contacts.create_org(library, contacts.OrgInput(
        name="LSM Pemantau", mou_number="03/MoU/2023", mou_signed=dt.date(year - 3, 2, 1),
        mou_expires=dt.date(year, 6, 30)))
    contacts.create_org(library, contacts.OrgInput(
        name="Masa Depan", mou_number="09/MoU/2027", mou_signed=dt.date(year + 1, 2, 1)))

    contacts.add_collaboration(library, "meeting", dt.date(year, 2, 5), "Rapat koordinasi media", org_ids=[kompas])
    contacts.add_collaboration(library, "training", dt.date(year, 9, 9), "Pelatihan jurnalis", org_ids=[kompas, detik])
    contacts.add_collaboration(library, "meeting", dt.date(year, 10, 1), "Audiensi redaksi", org_ids=[detik])
    contacts.add_collaboration(library, "visit", dt.date(year - 1, 10, 1), "Kunjungan lama", org_ids=[detik])

    from photos_support import jpeg

    paths = {"Sosialisasi Pengawasan": [(2, 1), (2, 2), (2, 3)], "Rapat Pleno": [(10, 4), (10, 5)]}
    for event, shots in paths.items():
        files = [jpeg(tmp / f"p{seed}.jpg", seed=seed, taken=dt.datetime(year, month, 14, 10, 0))
                 for month, seed in shots]
        photos.import_paths(library, files, event=event, workers=1, renditions=False)
    photos.import_paths(library, [jpeg(tmp / "p9.jpg", seed=9, taken=dt.datetime(year - 1, 6, 1, 9, 0))],
                        workers=1, renditions=False)

    # Claims: one clarified and published, one still open; first seen in this year.
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    seen = max(dt.datetime(year, 1, 1, 12), now - dt.timedelta(hours=5))
    first = claims.create_claim(library, claims.ClaimInput(
        text="Pemungutan suara diundur ke bulan depan", first_seen=seen.replace(tzinfo=dt.timezone.utc),
        platform="WhatsApp", verdict="hoaks", facts="Jadwal tetap."))
    claims.create_claim(library, claims.ClaimInput(
        text="Video amplop di TPS 07", first_seen=seen.replace(tzinfo=dt.timezone.utc), platform="TikTok",
        verdict="belum_terbukti"))
    library.store.staff_id = writer
    klarifikasi = claims.make_klarifikasi(library, first)
    from desktop.articles import api as articles

    doc = articles.load_doc(library, klarifikasi)
    doc.lead = "Informasi bahwa pemungutan suara diundur adalah hoaks."
    doc.publication_date = now.date()
    articles.save(library, klarifikasi, doc)
    articles.transition(library, klarifikasi, "submit")
    library.store.staff_id = approver
    articles.transition(library, klarifikasi, "approve")
    articles.transition(library, klarifikasi, "publish", source_url="https://contoh.example/klarifikasi")

    # Printed releases handed out at a press conference: the send log, dated now.
    people = [contacts.create_person(library, contacts.PersonInput(full_name=f"Wartawan {i}", organization_id=org))
              for i, org in enumerate((kompas, detik, detik))]
    distribution.record_handed_out(library, people, article_id=articles_ids[0])
    distribution.record_handed_out(library, people[:1], article_id=articles_ids[1])

    return {
        "releases": 6 + 1,  # six of the table, approved or published, and the clarification
        "releases_by_kind": {"siaran_pers": 3, "berita_kegiatan": 2, "pengumuman": 1, "klarifikasi": 1},
        "coverage": 6,
        "by_media_type": {"Media online": 3, "Media cetak": 2},
        "mou_new": 1, "mou_active": 2, "mou_expiring": 1, "mou_ended": 1,
        "activities": 3,
        "photos": 5,
        "photos_by_event": {"Sosialisasi Pengawasan": 3, "Rapat Pleno": 2},
        "claims": 2, "clarified": 1,
        "recipients": 4, "sent_releases": 2,
        "klarifikasi_month": now.date().month,
    }
