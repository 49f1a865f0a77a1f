"""Contacts services: validation, lists, search, merge, public contact data, history."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.contacts import lists, log, merge, store
from desktop.contacts.record import Email, Phone
from desktop.errors import ValidationError


def _org(library, name="Radar Jember", type_name="Media cetak", regency="Jember", province="Jawa Timur", **kw):
    types = dict((n, i) for i, n in store.org_types(library))
    return store.create_org(
        library, store.OrgInput(name=name, type_id=types[type_name], regency=regency, province=province, **kw)
    )


def _person(library, name="Dr. Siti Aminah, S.Pd., M.Si.", org=None, phones=(), emails=(), **kw):
    return store.create_person(
        library,
        store.PersonInput(full_name=name, organization_id=org, phones=list(phones), emails=list(emails), **kw),
    )


def test_types_are_seeded_and_editable(library):
    names = [n for _i, n in store.org_types(library)]
    assert names[:3] == ["Media cetak", "Media online", "Televisi"]
    assert "Lainnya" in names and len(names) == 10
    new = store.add_org_type(library, "Partai Politik")
    assert "Partai Politik" in [n for _i, n in store.org_types(library)]
    with pytest.raises(ValidationError):
        store.add_org_type(library, "partai politik")
    oid = store.create_org(library, store.OrgInput(name="Partai X", type_id=new))
    store.delete_org_type(library, new)
    assert store.get_org(library, oid).data.type_id is None  # organisation kept


def test_person_keeps_titles_and_normalises_phones(library):
    org = _org(library)
    pid = _person(library, org=org, phones=[Phone("0812-3456-7890", label="HP", whatsapp=True)],
                  emails=[Email("siti@radar.example")], tags=["Media", "jatim", "media"])
    detail = store.get_person(library, pid)
    assert detail.data.full_name == "Dr. Siti Aminah, S.Pd., M.Si."
    assert [p.number for p in detail.data.phones] == ["+6281234567890"]
    assert detail.data.phones[0].whatsapp
    assert detail.data.tags == ["media", "jatim"]
    assert detail.organization == "Radar Jember"
    assert [a.organization_id for a in detail.data.affiliations] == [org]


@pytest.mark.parametrize(
    "phones, emails, expected",
    [
        ([Phone("nomor kantor")], [], "nomor kantor"),
        ([], [Email("budi@gmail")], "budi@gmail"),
        ([], [Email("budi at kompas.com")], "budi at kompas.com"),
    ],
)
def test_invalid_phone_or_email_is_refused_with_its_value(library, phones, emails, expected):
    with pytest.raises(ValidationError) as err:
        _person(library, name="Budi", phones=phones, emails=emails)
    assert expected in str(err.value)
    assert store.count_people(library) == 0
    assert store.phone_problem("12345") and store.phone_problem("+62 812 3456 7890") is None
    assert store.phone_unverified("12345")  # kept, not refused (see the test below)
    assert store.email_problem("x@") and store.email_problem("humas@bawaslu.go.id") is None


@pytest.mark.parametrize("typed", ["+358123456789", "(0331) 4872 ext 12", "12 345 678 90", "12345"])
def test_a_phone_that_fails_validation_is_kept_as_typed_not_verified(library, typed):
    """Issue 13: a number that is not valid is saved as typed, marked not verified, editable and searchable."""
    pid = _person(library, name="Budi Santoso", phones=[Phone("0812-3456-7890"), Phone(typed, label="kantor")])
    phones = store.get_person(library, pid).data.phones
    assert [(p.number, p.verified, p.label) for p in phones] == [
        ("+6281234567890", True, ""), (typed, False, "kantor")]
    assert store.phone_unverified(typed) and store.phone_unverified("0812-3456-7890") is None
    word = max(typed.replace("(", " ").replace(")", " ").replace("+", " ").split(), key=len)
    assert store.people_ids(library, store.PeopleFilter(search=word)) == [pid]
    data = store.get_person(library, pid).data
    data.phones[1].number = "0331 487227"  # corrected later: now a valid, verified number
    store.update_person(library, pid, data)
    assert [(p.number, p.verified) for p in store.get_person(library, pid).data.phones] == [
        ("+6281234567890", True), ("+62331487227", True)]


def test_update_changes_channels_and_index(library):
    pid = _person(library, name="Budi Santoso", phones=[Phone("081299998888")])
    data = store.get_person(library, pid).data
    data.full_name = "Budi Santoso Wijaya"
    data.phones = [Phone("081311112222")]
    store.update_person(library, pid, data)
    assert [r.id for r in store.people_page(library, store.PeopleFilter(search="wijaya"))] == [pid]
    assert store.people_page(library, store.PeopleFilter(search="081299998888")) == []
    assert [r.id for r in store.people_page(library, store.PeopleFilter(search="0813111"))] == [pid]


def test_list_filters_sort_and_paging_in_sql(library):
    radar = _org(library)
    kampus = _org(library, "Universitas Jember", "Perguruan Tinggi")
    makassar = _org(library, "Tribun Timur", "Media cetak", "Makassar", "Sulawesi Selatan")
    a = _person(library, "Ahmad Zaki", org=radar, tags=["narasumber"])
    b = _person(library, "Prof. Dr. Bambang Setiawan", org=kampus, position="Rektor")
    c = _person(library, "Citra Lestari", org=makassar, notes="Liputan pilkada")
    assert [r.id for r in store.people_page(library)] == [a, b, c]  # titles ignored when sorting
    assert [r.id for r in store.people_page(library, sort="name", descending=True)] == [c, b, a]
    by_org = [r.organization for r in store.people_page(library, sort="organization")]
    assert by_org == sorted(by_org)
    media = dict((n, i) for i, n in store.org_types(library))["Media cetak"]
    assert {r.id for r in store.people_page(library, store.PeopleFilter(type_id=media))} == {a, c}
    assert [r.id for r in store.people_page(library, store.PeopleFilter(region="Jawa Timur", type_id=media))] == [a]
    assert [r.id for r in store.people_page(library, store.PeopleFilter(tag="narasumber"))] == [a]
    assert [r.id for r in store.people_page(library, store.PeopleFilter(search="rektor"))] == [b]
    assert [r.id for r in store.people_page(library, store.PeopleFilter(search="pilkada"))] == [c]
    assert [r.id for r in store.people_page(library, store.PeopleFilter(search="universitas"))] == [b]
    assert [r.id for r in store.people_page(library, offset=1, limit=1)] == [b]
    assert store.count_people(library, store.PeopleFilter(type_id=media)) == 2
    assert [r.name for r in store.orgs_page(library)] == ["Radar Jember", "Tribun Timur", "Universitas Jember"]
    assert store.count_orgs(library, store.OrgFilter(search="tribun")) == 1


def test_static_and_saved_filter_lists(library):
    radar = _org(library)
    a = _person(library, "Ahmad Zaki", org=radar)
    b = _person(library, "Bambang", org=_org(library, "Kabar Jember", "Media online"))
    static = lists.create_list(library, "Undangan Rakor")
    assert lists.add_to_list(library, static, [a, a]) == 1
    online = dict((n, i) for i, n in store.org_types(library))["Media online"]
    saved = lists.create_list(library, "Media online Jawa Timur",
                              saved_filter=store.PeopleFilter(type_id=online, region="Jawa Timur"))
    assert store.people_ids(library, store.PeopleFilter(list_id=static)) == [a]
    assert store.people_ids(library, store.PeopleFilter(list_id=saved)) == [b]
    with pytest.raises(ValidationError):
        lists.add_to_list(library, saved, [a])
    with pytest.raises(ValidationError):
        lists.create_list(library, "undangan rakor")
    assert store.get_person(library, a).lists == [(static, "Undangan Rakor")]


def test_public_contact_never_shows_private_channels(library):
    org = _org(library)
    pid = _person(
        library, org=org, position="Pemimpin Redaksi",
        phones=[Phone("081234567890", public=False), Phone("0331 123456", public=True)],
        emails=[Email("pribadi@gmail.com"), Email("redaksi@radar.example", public=True)],
    )
    info = store.public_contact(library, pid)
    assert info.name == "Dr. Siti Aminah, S.Pd., M.Si."
    assert info.organization == "Radar Jember" and info.position == "Pemimpin Redaksi"
    assert info.phones == ["(0331) 123456"]  # printed as the lists show it
    assert info.emails == ["redaksi@radar.example"]


def test_history_shows_log_and_coverage(library):
    org = _org(library)
    pid = _person(library, org=org)
    log.add_collaboration(library, "interview", dt.date(2025, 3, 1), "Wawancara netralitas ASN",
                            person_ids=[pid], org_ids=[org])
    from desktop.articles import api as articles

    article = articles.create_article(library, articles.ArticleDoc(title="Bawaslu awasi netralitas ASN"))
    with pytest.raises(ValidationError):
        log.add_coverage(library, org, dt.date(2025, 3, 2), "x", article_id=article + 1000)
    log.add_coverage(library, org, dt.date(2025, 3, 2), "Bawaslu Awasi Netralitas ASN",
                       url="https://radar.example/1", person_id=pid, article_id=article)
    with pytest.raises(ValidationError):
        log.add_collaboration(library, "party", dt.date(2025, 3, 1), "x", person_ids=[pid])
    person = store.get_person(library, pid).history
    assert [(h.kind, h.title) for h in person] == [
        ("coverage", "Bawaslu Awasi Netralitas ASN"), ("interview", "Wawancara netralitas ASN")]
    assert [h.kind for h in store.get_org(library, org).history] == ["coverage", "interview"]


def test_merge_keeps_every_channel_list_and_log_entry(library):
    radar = _org(library)
    kampus = _org(library, "Universitas Jember", "Perguruan Tinggi")
    a = _person(library, "Siti Aminah", org=radar, phones=[Phone("081234567890")], tags=["media"])
    b = _person(library, "Dr. Siti Aminah, M.Si.", org=kampus, position="Dosen",
                phones=[Phone("081234567890"), Phone("085711112222")], emails=[Email("siti@unej.example")],
                tags=["narasumber"], photo=b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    lst = lists.create_list(library, "Narasumber")
    lists.add_to_list(library, lst, [b])
    log.add_collaboration(library, "meeting", dt.date(2025, 1, 5), "Rapat", person_ids=[b])
    log.add_coverage(library, radar, dt.date(2025, 1, 6), "Berita", person_id=b)
    choices = merge.default_choices(library, a, b)
    assert choices["position"] == merge.OTHER  # kept one is empty there
    choices["full_name"] = merge.OTHER
    merge.merge_people(library, a, b, choices)
    d = store.get_person(library, a)
    assert d.data.full_name == "Dr. Siti Aminah, M.Si." and d.data.position == "Dosen"
    assert sorted(p.number for p in d.data.phones) == ["+6281234567890", "+6285711112222"]
    assert [e.address for e in d.data.emails] == ["siti@unej.example"]
    assert {x.organization_id for x in d.data.affiliations} == {radar, kampus}
    assert d.lists == [(lst, "Narasumber")]
    assert sorted(h.kind for h in d.history) == ["coverage", "meeting"]
    assert sorted(d.data.tags) == ["media", "narasumber"]
    assert d.data.photo and d.data.photo.startswith(b"\x89PNG")
    assert store.count_people(library) == 1
    assert [r.id for r in store.people_page(library, store.PeopleFilter(search="unej"))] == [a]
    with pytest.raises(ValidationError):
        merge.merge_people(library, a, a)


def test_expiring_mou_card_and_check(library):
    from desktop import areas
    from desktop.contacts import providers

    assert "desktop.contacts.providers:overview" in areas.entries("overview")
    assert "desktop.contacts.providers:check" in areas.entries("checks")

    today = dt.date.today()
    soon = _org(library, "Universitas Jember", "Perguruan Tinggi", mou_number="12/MoU/2024",
                mou_signed=today - dt.timedelta(days=700), mou_expires=today + dt.timedelta(days=30))
    _org(library, "Radar", mou_number="1", mou_expires=today + dt.timedelta(days=200))
    assert [x[0] for x in log.expiring_mous(library)] == [soon]
    cards = [c for c in providers.overview(library, None) if c.warning]
    assert cards and cards[0].items[0].type == "organization" and cards[0].items[0].id == soon
    assert "Universitas Jember" in cards[0].items[0].text
    with pytest.raises(ValidationError):
        _org(library, "Salah", mou_signed=today, mou_expires=today - dt.timedelta(days=1))
    assert providers.check(library) == []
    with library.store.write() as tx:
        tx.session.connection().exec_driver_sql("DELETE FROM fts_organizations")
    problems = providers.check(library)
    assert any("fts_organizations" in p for p in problems)
    providers.check(library, repair=True)
    assert providers.check(library) == []
    with library.store.write() as tx:
        tx.session.connection().exec_driver_sql("UPDATE organizations SET name = 'Diubah di luar' WHERE id = 1")
    assert any("fts_organizations" in p and "1" in p for p in providers.check(library))
    providers.check(library, repair=True)
    assert providers.check(library) == []


def test_global_search_finds_people_and_organisations(library):
    from desktop import areas, search
    from desktop.contacts import providers

    assert "desktop.contacts.providers:search" in areas.entries("search")
    org = _org(library, "Kabar Banyuwangi", "Media online", "Banyuwangi")
    pid = _person(library, "Wahyu Pratama", org=org, position="Jurnalis")
    hits = providers.search(library, "banyuwangi", 20)
    assert ("organization", org) in [(h.type, h.id) for h in hits]
    assert ("contact", pid) in [(h.type, h.id) for h in hits]
    assert [h.id for h in providers.search(library, "wahyu", 20) if h.type == "contact"] == [pid]


def test_failed_write_changes_nothing(library):
    pid = _person(library, "Budi", phones=[Phone("081299998888")])
    data = store.get_person(library, pid).data
    data.full_name = "Budi Baru"
    data.affiliations = [store.AffiliationInput(organization_id=999)]
    with pytest.raises(ValidationError):
        store.update_person(library, pid, data)
    assert store.get_person(library, pid).data.full_name == "Budi"
    assert [r.id for r in store.people_page(library, store.PeopleFilter(search="budi"))] == [pid]


def test_sort_by_organisation_follows_renames(library):
    alpha = _org(library, "Alpha Pos")
    zeta = _org(library, "Zeta FM", "Radio")
    a = _person(library, "Ahmad", org=zeta)
    b = _person(library, "Budi", org=alpha)
    assert [r.id for r in store.people_page(library, sort="organization")] == [b, a]
    data = store.get_org(library, zeta).data
    data.name = "Aceh FM"
    store.update_org(library, zeta, data)
    assert [r.id for r in store.people_page(library, sort="organization")] == [a, b]
    store.delete_org(library, zeta)
    assert [r.organization for r in store.people_page(library, sort="organization")] == ["", "Alpha Pos"]


def test_the_same_affiliation_twice_is_kept_once(library):
    org = _org(library)
    aff = store.AffiliationInput(organization_id=org, role="Kolumnis", date_from=dt.date(2024, 1, 1))
    pid = _person(library, "Budi", affiliations=[aff, aff])
    assert [(a.organization_id, a.role) for a in store.get_person(library, pid).data.affiliations] == [(org, "Kolumnis")]


def test_demo_generator_writes_consistent_partners(library):
    import random

    from desktop.contacts import demo, providers
    from desktop.jobs import Progress

    demo.generate(library, {"contacts": 400}, random.Random(3), Progress())
    assert store.count_people(library) == 400 and store.count_orgs(library) >= 10
    assert providers.check(library) == []
    first = store.people_page(library, limit=1)[0]
    assert first.phone.startswith("+62") and store.phone_problem(first.phone) is None
    assert {name for _i, name, _f, _c in lists.lists(library)} == {"Media online Jawa Timur", "Undangan Rakor Pengawasan"}
    online = lists.find_list(library, "Media online Jawa Timur")
    for pid in store.people_ids(library, store.PeopleFilter(list_id=online))[:20]:
        assert store.get_person(library, pid).organization
