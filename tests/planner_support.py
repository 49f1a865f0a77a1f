"""A library with one item of every kind the editorial calendar shows, on known days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# December 2026: Monday 7th to Sunday 13th is the week the tests look at.
ACTIVITY_DAY = dt.date(2026, 12, 8)
RELEASE_DAY = dt.date(2026, 12, 9)
EMBARGO_AT = dt.datetime(2026, 12, 10, 9, 30)  # WITA: 01:30 UTC
MOU_DAY = dt.date(2026, 12, 11)
PUBLISHED_DAY = dt.date(2026, 12, 9)


@dataclass
class Seeded:
    org_id: int
    person_id: int
    activity_id: int
    planned_id: int
    embargoed_id: int
    published_id: int
    request_id: int
    answer_due: dt.date
    answered_id: int
    objection_due: dt.date


def seed(library, today: dt.date | None = None) -> Seeded:  # noqa: ANN001
    from desktop.articles import api as articles
    from desktop.contacts import api as contacts
    from desktop.kip import api as kip

    today = today or dt.date.today()
    org = contacts.create_org(library, contacts.OrgInput(
        name="Radio Suara Contoh", mou_number="12/MoU/2026", mou_signed=dt.date(2024, 12, 11), mou_expires=MOU_DAY))
    person = contacts.create_person(library, contacts.PersonInput(full_name="Dewi Lestari"))
    activity = contacts.add_collaboration(library, "meeting", ACTIVITY_DAY, "Rapat koordinasi siaran pengawasan",
                                          person_ids=[person], org_ids=[org])
    planned = articles.create_article(library, articles.ArticleDoc(
        title="Bawaslu Contoh Buka Posko Pengaduan", publication_date=RELEASE_DAY, status="draft"))
    embargoed = articles.create_article(library, articles.ArticleDoc(
        title="Hasil Pengawasan Rekapitulasi", embargo_at=EMBARGO_AT, embargo_tz="WITA"))
    # Already published: no longer a plan, so never a "planned release".
    published = articles.create_article(library, articles.ArticleDoc(
        title="Sudah Terbit", publication_date=PUBLISHED_DAY, status="published"))
    received = today - dt.timedelta(days=2)
    request = kip.add_request(library, kip.RequestInput(
        requester="Ahmad Fauzi", subject="Daftar TPS rawan", received_on=received, number="2026-0101"))
    answered = kip.add_request(library, kip.RequestInput(
        requester="LSM Pantau", subject="Laporan dana hibah", received_on=received, number="2026-0102"))
    kip.answer_request(library, answered, received, "Diberikan salinan laporan")
    return Seeded(org_id=org, person_id=person, activity_id=activity, planned_id=planned, embargoed_id=embargoed,
                  published_id=published, request_id=request, answer_due=kip.answer_due(received), answered_id=answered,
                  objection_due=kip.objection_due(received))
