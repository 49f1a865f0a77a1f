"""The KIP register: requests with their deadlines, answers, extension, objection; the DIP; the semester report."""

from __future__ import annotations

import datetime as dt

import pytest
from approval_support import team  # noqa: F401 - fixture

from desktop import dates
from desktop.articles import api as articles
from desktop.errors import ValidationError, WartaError
from desktop.kip import api as kip

D = dt.date


def _request(library, received: dt.date, **extra) -> int:  # noqa: ANN001
    values = dict(requester="Ahmad Fauzi", subject="Salinan SK penetapan DPT Kecamatan Patrang", received_on=received,
                  contact="ahmad@example.org", channel="email")
    values.update(extra)
    return kip.add_request(library, kip.RequestInput(**values))


def test_a_request_gets_its_deadline_number_and_can_be_extended_once_and_answered(library, kip_clock):
    kip_clock.day = D(2025, 4, 11)
    rid = _request(library, D(2025, 3, 27))
    row = kip.get_request(library, rid)
    assert row.number == "2025-0001" and row.state == "received" and row.due_on == D(2025, 4, 14)
    assert row.days_left(D(2025, 4, 11)) == 1 and row.days_left(D(2025, 4, 15)) == -1
    second = kip.get_request(library, _request(library, D(2025, 4, 2)))
    assert second.number == "2025-0002"

    with pytest.raises(ValidationError, match="alasan|Tuliskan"):
        kip.extend_request(library, rid, "  ")
    row = kip.extend_request(library, rid, "Dokumen berada di arsip KPU provinsi")
    assert row.state == "extended" and row.due_on == D(2025, 4, 24)  # 14 April + 7 working days (18 Apr Good Friday)
    with pytest.raises(ValidationError, match="sekali"):
        kip.extend_request(library, rid, "lagi")
    assert kip.get_request(library, rid).due_on == D(2025, 4, 24)  # nothing changed

    kip_clock.day = D(2025, 4, 30)
    with pytest.raises(ValidationError):
        kip.answer_request(library, rid, D(2025, 3, 1), "terlalu awal")
    row = kip.answer_request(library, rid, D(2025, 4, 22), "Salinan SK dikirim lewat surel")
    assert row.state == "answered" and row.days_left(D(2025, 5, 1)) is None
    assert row.objection_due() == deadlines_after(D(2025, 4, 22), 30)
    with pytest.raises(ValidationError) as refused:
        kip.answer_request(library, rid, D(2025, 4, 23), "dua kali")
    assert str(refused.value) == "Permohonan 2025-0001 sudah dijawab pada 22 April 2025; tidak ada yang diubah."


def test_an_overdue_request_cannot_be_extended_into_an_on_time_answer(library, kip_clock):
    rid = _request(library, D(2025, 3, 27))  # due 14 April 2025
    row = kip.get_request(library, rid)
    assert row.can_extend(D(2025, 4, 14)) and not row.can_extend(D(2025, 4, 15))
    kip_clock.day = D(2025, 4, 16)
    assert not row.can_extend()
    with pytest.raises(ValidationError) as refused:
        kip.extend_request(library, rid, "Dokumen berada di arsip KPU provinsi")
    assert "14 April 2025" in str(refused.value) and "10 hari kerja pertama" in str(refused.value)
    row = kip.get_request(library, rid)
    assert row.state == "received" and row.due_on == D(2025, 4, 14) and row.extension_reason == ""
    kip.answer_request(library, rid, D(2025, 4, 16), "dikirim")
    report = kip.semester_report(library, "2025-S1")
    assert (report.on_time, report.late, report.extended) == (0, 1, 0)  # late stays late


def test_an_objection_is_filed_within_30_working_days_of_the_answer_or_the_missed_deadline(library, kip_clock):
    kip_clock.day = D(2025, 12, 31)
    rid = _request(library, D(2025, 6, 2))
    kip.answer_request(library, rid, D(2025, 6, 10), "Informasi dikecualikan", reject=True)
    row = kip.get_request(library, rid)
    last = kip.add_working_days(D(2025, 6, 10), 30)
    assert row.objection_due() == last
    after = kip.add_working_days(last, 1)
    assert row.can_object(last) and not row.can_object(after) and not row.can_object(D(2025, 6, 9))
    with pytest.raises(ValidationError) as refused:
        kip.object_request(library, rid, after)
    assert "berakhir pada {}".format(dates.plain_date(last)) in str(refused.value)
    with pytest.raises(ValidationError, match="dijawab pada 10 Juni 2025"):
        kip.object_request(library, rid, D(2025, 6, 9))  # before the answer it objects to
    assert kip.get_request(library, rid).state == "rejected"
    assert kip.object_request(library, rid, last).state == "objected"

    silent = _request(library, D(2025, 7, 1))  # never answered
    due = kip.get_request(library, silent).due_on
    last = kip.add_working_days(due, 30)
    row = kip.get_request(library, silent)
    assert row.can_object(last) and not row.can_object(kip.add_working_days(last, 1))
    with pytest.raises(ValidationError, match="berakhir pada"):
        kip.object_request(library, silent, kip.add_working_days(last, 1))
    assert kip.get_request(library, silent).state == "received"


def test_a_refusal_stays_a_refusal_in_the_register_and_closed_requests_say_why_in_a_sentence(library, kip_clock):
    kip_clock.day = D(2025, 12, 31)
    refused = _request(library, D(2025, 6, 2))
    kip.answer_request(library, refused, D(2025, 6, 10), "Dikecualikan", reject=True)
    kip.object_request(library, refused, D(2025, 6, 20))
    row = kip.get_request(library, refused)
    assert row.state == "objected" and row.deadline_text(kip_clock.day) == "ditolak 10 Juni 2025"
    silent = _request(library, D(2025, 7, 1))
    kip.object_request(library, silent, kip.add_working_days(kip.get_request(library, silent).due_on, 2))
    assert kip.get_request(library, silent).deadline_text(kip_clock.day) == "tidak dijawab"
    for rid, said in ((refused, "Permohonan 2025-0001 sudah ditolak pada 10 Juni 2025; tidak ada yang diubah."),
                      (silent, "tidak dijawab tepat waktu")):
        for change in (lambda r: kip.answer_request(library, r, D(2025, 12, 1), "dikirim"),
                       lambda r: kip.extend_request(library, r, "lagi")):
            with pytest.raises(ValidationError) as error:
                change(rid)
            assert said in str(error.value) and "(" not in str(error.value)


def deadlines_after(day: dt.date, n: int) -> dt.date:
    return kip.add_working_days(day, n)


def test_bad_input_is_refused_with_a_sentence_and_nothing_is_recorded(library):
    with pytest.raises(ValidationError, match="siapa"):
        _request(library, D(2025, 1, 6), requester=" ")
    with pytest.raises(ValidationError, match="telegram"):
        _request(library, D(2025, 1, 6), channel="telegram")
    with pytest.raises(ValidationError, match="setelah hari ini"):
        _request(library, dt.date.today() + dt.timedelta(days=2))
    rid = _request(library, D(2025, 1, 6), number="045/PPID/I/2025")
    with pytest.raises(ValidationError, match="045/PPID/I/2025"):
        _request(library, D(2025, 1, 7), number="045/PPID/I/2025")
    with pytest.raises(ValidationError, match="alasan"):
        kip.answer_request(library, rid, D(2025, 1, 8), " ", reject=True)
    assert kip.count_requests(library) == 1 and kip.get_request(library, rid).state == "received"


def test_reminders_list_overdue_first_then_due_within_three_working_days(library):
    late = _request(library, D(2025, 12, 1))  # due 15 Dec
    soon = _request(library, D(2025, 12, 10))  # due 24 Dec
    later = _request(library, D(2025, 12, 19))  # due 6 Jan 2026
    done = _request(library, D(2025, 11, 28))
    kip.answer_request(library, done, D(2025, 12, 5), "dikirim")
    today = D(2025, 12, 19)  # Friday: 22, 23, 24 are the next three working days
    assert [r.id for r in kip.due_soon(library, today)] == [late, soon]
    from desktop.kip.overview import cards

    [card] = cards(library, None, today)
    assert card.warning and [i.id for i in card.items] == [late, soon]
    assert card.items[0].text.startswith("Terlambat 4 hari kerja") and "2025-0001" in card.items[0].text
    assert card.items[1].text.startswith("3 hari kerja lagi")
    assert later not in [i.id for i in card.items]
    assert cards(library, None, D(2025, 11, 1)) == []


def test_an_objection_comes_after_the_answer_or_the_missed_deadline(library, kip_clock):
    kip_clock.day = D(2025, 6, 30)
    rid = _request(library, D(2025, 6, 2))
    with pytest.raises(ValidationError, match="masih dalam batas waktu"):
        kip.object_request(library, rid, D(2025, 6, 5))
    kip.answer_request(library, rid, D(2025, 6, 10), "Informasi dikecualikan", reject=True)
    row = kip.object_request(library, rid, D(2025, 6, 20))
    assert row.state == "objected" and row.outcome == "rejected"


def test_the_daftar_informasi_publik_is_proposed_from_published_articles(library, team):  # noqa: F811
    library.store.staff_id = team["editor"]
    release = articles.create_article(library, articles.ArticleDoc(
        title="Bawaslu Jember Awasi Rekapitulasi", kind="siaran_pers", status="published",
        publication_date=D(2025, 3, 3)))
    clarification = articles.create_article(library, articles.ArticleDoc(
        title="Klarifikasi Hoaks Penundaan Pemungutan Suara", kind="klarifikasi", status="published",
        publication_date=D(2025, 3, 4)))
    articles.create_article(library, articles.ArticleDoc(title="Draf belum terbit", kind="siaran_pers"))
    proposals = {p.article_id: p.category for p in kip.propose_dip(library)}
    assert proposals == {release: "berkala", clarification: "serta_merta"}
    ids = kip.add_proposals(library, kip.propose_dip(library), unit="Humas", retention="5 tahun")
    assert len(ids) == 2 and kip.propose_dip(library) == []
    kip.add_dip(library, "dikecualikan", "Data pribadi pemilih (NIK, KK)", unit="Divisi Data")
    with pytest.raises(ValidationError, match="sudah"):
        kip.add_dip(library, "berkala", "Lagi", article_id=release)
    listed = kip.list_dip(library)
    assert [r.category for r in listed] == ["berkala", "serta_merta", "dikecualikan"]
    assert listed[0].unit == "Humas" and listed[0].retention == "5 tahun"


def test_a_dip_entry_without_a_unit_is_held_by_the_office_unit(library, team):  # noqa: F811
    from desktop import office

    profile = office.load(library)
    profile.unit = "Subbagian Humas dan Hubungan Masyarakat"
    office.save(library, profile)
    library.store.staff_id = team["editor"]
    release = articles.create_article(library, articles.ArticleDoc(
        title="Bawaslu Jember Awasi Rekapitulasi", kind="siaran_pers", status="published",
        publication_date=D(2025, 3, 3)))
    kip.add_proposals(library, kip.propose_dip(library), unit="  ")
    kip.add_dip(library, "berkala", "Laporan keuangan")
    kip.add_dip(library, "dikecualikan", "Data pribadi pemilih", unit="Divisi Data")
    units = {r.title: r.unit for r in kip.list_dip(library)}
    assert units == {"Bawaslu Jember Awasi Rekapitulasi": "Subbagian Humas dan Hubungan Masyarakat",
                     "Laporan keuangan": "Subbagian Humas dan Hubungan Masyarakat",
                     "Data pribadi pemilih": "Divisi Data"}
    assert release


def test_the_semester_report_counts_how_requests_were_served(library, tmp_path, kip_clock):
    kip_clock.day = D(2026, 2, 10)
    on_time = _request(library, D(2026, 1, 5))  # due 20 Jan (16 Jan Isra Mi'raj)
    kip.answer_request(library, on_time, D(2026, 1, 12), "dikirim")  # 5 working days
    late = _request(library, D(2026, 2, 2))  # due 16 Feb (17 Feb Imlek is after it)
    kip.extend_request(library, late, "Menunggu data dari kecamatan")  # due 26 Feb
    kip_clock.day = D(2026, 7, 20)
    kip.answer_request(library, late, D(2026, 2, 27), "dikirim")  # late
    refused = _request(library, D(2026, 3, 2))
    kip.answer_request(library, refused, D(2026, 3, 4), "Dikecualikan: data pribadi", reject=True)
    kip.object_request(library, refused, D(2026, 3, 10))
    open_ = _request(library, D(2026, 6, 29))  # still open, due 13 July: overdue on 20 July
    silent = _request(library, D(2026, 4, 1))  # never answered: objected to for that
    kip.object_request(library, silent, D(2026, 4, 30))
    _request(library, D(2026, 7, 1))  # second semester
    assert kip.get_request(library, open_).due_on == D(2026, 7, 13)
    report = kip.semester_report(library, "2026-1")
    assert report.semester == "2026-S1" and report.as_of == D(2026, 7, 20)
    assert (report.received, report.answered, report.rejected, report.on_time, report.late, report.extended,
            report.objected, report.pending, report.overdue) == (5, 2, 1, 2, 1, 1, 2, 1, 2)
    assert report.to_json()["overdue"] == 2
    assert kip.semester_report(library, "2026-S1", today=D(2026, 7, 13)).overdue == 1  # the open one is due today
    assert report.median_response_days == 5  # 5, 18 and 2 working days
    target = tmp_path / "kip.xlsx"
    kip.write_xlsx(report, target)
    from openpyxl import load_workbook

    book = load_workbook(target)
    cells = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert cells["Permohonan diterima"] == 5 and cells["Dijawab terlambat"] == 1
    assert cells["Belum dijawab, melewati batas (per 20 Juli 2026)"] == 2
    assert book.worksheets[1].max_row == 6
    with pytest.raises(ValidationError, match="2026-3") as error:
        kip.semester_report(library, "2026-3")
    assert "2026-S2" in str(error.value)


def test_a_semester_is_written_as_the_humas_report_writes_it_and_the_old_way_still_reads():
    assert kip.semester_code("2026-S2") == kip.semester_code("2026-2") == kip.semester_code(" 2026-s2 ") == "2026-S2"
    assert kip.semester_bounds("2026-S1") == (D(2026, 1, 1), D(2026, 6, 30))
    assert kip.semester_bounds("2026-S2") == kip.semester_bounds("2026-2") == (D(2026, 7, 1), D(2026, 12, 31))
    for bad in ("2026-S3", "2026-11", "26-S1", "2026"):
        with pytest.raises(ValidationError, match="TAHUN-S1"):
            kip.semester_bounds(bad)


def test_the_semester_workbook_is_the_same_bytes_every_time(library, tmp_path, kip_clock, monkeypatch):
    import time
    import zipfile

    kip_clock.day = D(2026, 7, 20)
    rid = _request(library, D(2026, 1, 5))
    kip.answer_request(library, rid, D(2026, 1, 12), "dikirim")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    kip.export_semester(library, "2026-S1", first)
    time.sleep(2.1)  # ZIP dates have two-second steps: a stamp of the moment of saving would differ
    kip.export_semester(library, "2026-S1", second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        core = zf.read("docProps/core.xml").decode()
        assert {i.date_time for i in zf.infolist()} == {(2026, 6, 30, 0, 0, 0)}
    assert "openpyxl" not in core and "2026-06-30T00:00:00Z" in core


def test_which_action_a_request_allows_follows_the_store_and_the_dip_pages_in_sql(library, kip_clock):
    kip_clock.day = D(2025, 4, 10)
    rid = _request(library, D(2025, 3, 27))  # due 14 April 2025
    row = kip.get_request(library, rid)
    assert row.can_extend() and not row.can_object(D(2025, 4, 14)) and row.can_object(D(2025, 4, 15))
    row = kip.extend_request(library, rid, "Arsip di provinsi")
    assert not row.can_extend() and not row.can_object(D(2025, 4, 24))
    kip_clock.day = D(2025, 4, 30)
    row = kip.answer_request(library, rid, D(2025, 4, 22), "dikirim")
    assert not row.can_extend() and row.can_object(D(2025, 4, 23))
    row = kip.object_request(library, rid, D(2025, 4, 23))
    assert not row.can_object(D(2025, 5, 1))

    for title, category in (("B", "dikecualikan"), ("A", "setiap_saat"), ("C", "berkala"), ("D", "berkala")):
        kip.add_dip(library, category, title)
    assert kip.count_dip(library) == 4 and kip.count_dip(library, "berkala") == 2
    assert [r.title for r in kip.list_dip(library)] == ["C", "D", "A", "B"]
    assert [r.title for r in kip.list_dip(library, offset=1, limit=2)] == ["D", "A"]
    assert [r.title for r in kip.list_dip(library, "berkala")] == ["C", "D"]


def _audited(library, action: str, request_id: int) -> list:  # noqa: ANN001
    from desktop import audit

    return [r for r in audit.page(library, audit.AuditFilter(action=action, entity="kip_requests"))
            if r.entity_id == str(request_id)]


def test_a_typo_is_corrected_and_moving_the_day_received_moves_the_deadline(library, kip_clock):
    kip_clock.day = D(2025, 4, 11)
    rid = _request(library, D(2025, 3, 27))
    row = kip.update_request(library, rid, requester="  Ahmad Fauzy ", subject="Salinan SK DPT Patrang",
                             channel="surat", contact="", received_on=D(2025, 3, 28))
    assert (row.requester, row.subject, row.channel, row.contact) == ("Ahmad Fauzy", "Salinan SK DPT Patrang", "surat", "")
    assert row.received_on == D(2025, 3, 28) and row.due_on == kip.answer_due(D(2025, 3, 28))
    assert row.number == "2025-0001" and kip.get_request(library, rid) == row
    assert _audited(library, "update", rid)

    # Same checks as recording: an empty name, an unknown channel, a day after today; nothing changes.
    for bad in (dict(requester="  "), dict(subject=""), dict(channel="merpati"), dict(received_on=D(2025, 4, 12))):
        with pytest.raises(ValidationError):
            kip.update_request(library, rid, **bad)
    assert kip.get_request(library, rid) == row
    with pytest.raises(kip.RequestNotFound):
        kip.update_request(library, 9999, requester="X")


def test_the_day_received_stays_once_the_deadline_was_acted_on(library, kip_clock):
    kip_clock.day = D(2025, 4, 11)
    rid = _request(library, D(2025, 4, 1))
    extended = kip.extend_request(library, rid, "Dokumen di arsip provinsi")
    with pytest.raises(ValidationError, match="diperpanjang") as refused:
        kip.update_request(library, rid, requester="Ahmad F.", received_on=D(2025, 4, 2))
    assert "Tidak ada yang diubah" in str(refused.value)
    assert kip.get_request(library, rid) == extended  # not even the name
    # The name may still be corrected, and giving the same day is no change of it.
    row = kip.update_request(library, rid, requester="Ahmad F.", received_on=D(2025, 4, 1))
    assert row.requester == "Ahmad F." and row.due_on == extended.due_on and not row.can_change_received

    answered = kip.answer_request(library, _request(library, D(2025, 4, 2)), D(2025, 4, 10), "Dikirim")
    with pytest.raises(ValidationError, match="dijawab"):
        kip.update_request(library, answered.id, received_on=D(2025, 4, 3))
    assert kip.update_request(library, answered.id, subject="Salinan SK").subject == "Salinan SK"


def test_only_an_admin_removes_a_request_and_only_one_without_an_answer(library, kip_clock, team):  # noqa: F811
    kip_clock.day = D(2025, 4, 11)
    library.store.staff_id = team["admin"]
    twice = _request(library, D(2025, 4, 1))
    answered = kip.answer_request(library, _request(library, D(2025, 4, 2)), D(2025, 4, 10), "Dikirim").id

    library.store.staff_id = team["editor"]
    with pytest.raises(WartaError, match="Hanya Admin"):
        kip.delete_request(library, twice)
    assert kip.get_request(library, twice).id == twice

    library.store.staff_id = team["admin"]
    with pytest.raises(ValidationError, match="tetap tercatat"):
        kip.delete_request(library, answered)
    assert kip.get_request(library, answered).state == "answered"
    kip.delete_request(library, twice)
    with pytest.raises(kip.RequestNotFound):
        kip.get_request(library, twice)
    assert [r.id for r in kip.list_requests(library)] == [answered]
    removed = _audited(library, "delete", twice)
    assert removed and removed[0].who == "Admin Uji"
    with pytest.raises(kip.RequestNotFound):
        kip.delete_request(library, twice)
