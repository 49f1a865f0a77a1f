"""The editorial calendar headless: what it gathers from each area, its .ics file, and ``warta calendar``."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planner_support import ACTIVITY_DAY, EMBARGO_AT, MOU_DAY, RELEASE_DAY, seed

DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def _wide(s) -> tuple[dt.date, dt.date]:  # noqa: ANN001
    """December 2026 and whatever the KIP deadlines (counted from today) need."""
    return min(DECEMBER[0], s.answer_due), max(DECEMBER[1], s.objection_due)


def test_events_gather_every_kind_on_its_day_and_name_the_item_to_open(library):
    from desktop.planner import api as planner

    s = seed(library)
    found = {e.key: e for e in planner.events(library, *_wide(s))}

    activity = found[f"activity-{s.activity_id}"]
    assert (activity.kind, activity.day, activity.all_day) == ("activity", ACTIVITY_DAY, True)
    assert activity.title == "Rapat: Rapat koordinasi siaran pengawasan"
    assert (activity.item_type, activity.item_id) == ("organization", s.org_id)
    assert "Dewi Lestari" in activity.detail

    release = found[f"release-{s.planned_id}"]
    assert (release.day, release.item_type, release.item_id) == (RELEASE_DAY, "article", s.planned_id)
    assert release.title == "Rencana rilis: Bawaslu Contoh Buka Posko Pengaduan"
    # A published article is no plan any more.
    assert f"release-{s.published_id}" not in found

    embargo = found[f"embargo-{s.embargoed_id}"]
    assert embargo.all_day is False
    assert embargo.start == EMBARGO_AT.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert embargo.start.astimezone(dt.timezone.utc) == dt.datetime(2026, 12, 10, 1, 30, tzinfo=dt.timezone.utc)
    assert embargo.start.tzname() == "WITA"

    mou = found[f"mou-{s.org_id}"]
    assert (mou.day, mou.item_type, mou.item_id) == (MOU_DAY, "organization", s.org_id)
    assert mou.title == "MoU dengan Radio Suara Contoh berakhir"

    answer = found[f"kip-answer-{s.request_id}"]
    assert (answer.day, answer.item_type, answer.item_id) == (s.answer_due, "kip_request", s.request_id)
    assert "2026-0101" in answer.title and "Ahmad Fauzi" in answer.title
    # The answered request no longer has an answer deadline, but its objection period has an end.
    assert f"kip-answer-{s.answered_id}" not in found
    assert found[f"kip-objection-{s.answered_id}"].day == s.objection_due
    # Still within its deadline: the open request gives no objection period yet.
    assert f"kip-objection-{s.request_id}" not in found

    days = [e.day for e in found.values()]
    assert days == sorted(days)


def test_events_keep_to_the_span_asked(library):
    from desktop.planner import api as planner

    seed(library)
    week = planner.events(library, dt.date(2026, 12, 7), dt.date(2026, 12, 8))
    assert {e.key.split("-")[0] for e in week} == {"activity"}
    assert planner.events(library, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []


def test_an_extended_request_shows_its_later_deadline(library):
    from desktop.kip import api as kip
    from desktop.planner import api as planner

    s = seed(library)
    row = kip.extend_request(library, s.request_id, "Data dari 4 kecamatan")
    found = {e.key: e for e in planner.events(library, *_wide(s)) if e.kind == "kip_answer"}
    assert found[f"kip-answer-{s.request_id}"].day == row.due_on > s.answer_due
    assert "diperpanjang" in found[f"kip-answer-{s.request_id}"].title


def test_spans_month_week_and_bad_input():
    from desktop.errors import ValidationError
    from desktop.planner import api as planner

    assert planner.month_span("2026-12") == DECEMBER
    assert planner.month_span("2028-02") == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert planner.week_of(dt.date(2026, 12, 10)) == (dt.date(2026, 12, 7), dt.date(2026, 12, 13))
    for bad in ("2026-13", "Desember", "2026"):
        with pytest.raises(ValidationError, match="bukan bulan"):
            planner.month_span(bad)
    with pytest.raises(ValidationError, match="sebelum dimulai"):
        planner.check_span(dt.date(2026, 12, 31), dt.date(2026, 12, 1))


def test_ics_parses_back_with_stable_uids_dates_and_indonesian_summaries(library, tmp_path, english):
    import icalendar

    from desktop.planner import api as planner

    s = seed(library)
    target = tmp_path / "kalender.ics"
    count = planner.write_ics(library, target, *_wide(s))
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == count == 6
    domain = "@{}.warta".format(library.library_id)
    assert all(uid.endswith(domain) for uid in events)
    assert str(cal["X-WR-CALNAME"]) == "Kalender Humas Bawaslu Contoh"

    activity = events[f"activity-{s.activity_id}{domain}"]
    # The interface is English here; the file for phones stays Indonesian.
    assert str(activity["SUMMARY"]) == "Rapat: Rapat koordinasi siaran pengawasan"
    assert activity["DTSTART"].params.get("VALUE") == "DATE"
    assert activity.decoded("DTSTART") == ACTIVITY_DAY
    assert activity.decoded("DTEND") == ACTIVITY_DAY + dt.timedelta(days=1)

    embargo = events[f"embargo-{s.embargoed_id}{domain}"]
    assert str(embargo["SUMMARY"]) == "Embargo berakhir: Hasil Pengawasan Rekapitulasi"
    assert embargo.decoded("DTSTART") == dt.datetime(2026, 12, 10, 1, 30, tzinfo=dt.timezone.utc)
    assert "DTEND" not in embargo
    assert "pukul 09.30 WITA" in str(embargo["DESCRIPTION"])

    assert str(events[f"mou-{s.org_id}{domain}"]["SUMMARY"]) == "MoU dengan Radio Suara Contoh berakhir"
    assert events[f"kip-answer-{s.request_id}{domain}"].decoded("DTSTART") == s.answer_due
    for event in events.values():
        assert event.decoded("DTSTAMP").tzinfo is not None

    # Same data, same file: nothing in it comes from the clock.
    again = tmp_path / "lagi.ics"
    planner.write_ics(library, again, *_wide(s))
    assert again.read_bytes() == target.read_bytes()


def test_a_moved_date_keeps_the_uid(library):
    import icalendar

    from desktop.articles import api as articles
    from desktop.planner import api as planner

    s = seed(library)

    def releases() -> dict:
        data = planner.ics_bytes(planner.events(library, *DECEMBER, language="id"), library_id="x")
        return {str(e["UID"]): e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
                if str(e["UID"]).startswith("release-")}

    assert releases() == {f"release-{s.planned_id}@x.warta": RELEASE_DAY}
    loaded = articles.load(library, s.planned_id)
    loaded.doc.publication_date = dt.date(2026, 12, 22)
    articles.save(library, s.planned_id, loaded.doc, base_revision=loaded.revision)
    assert releases() == {f"release-{s.planned_id}@x.warta": dt.date(2026, 12, 22)}


def test_beranda_card_lists_today_and_this_week(library):
    from desktop.planner import overview

    # The KIP requests are received in January, far from the week looked at.
    s = seed(library, today=dt.date(2026, 1, 5))
    cards = overview.cards(library, None, today=ACTIVITY_DAY)
    assert len(cards) == 1
    card = cards[0]
    assert card.title.startswith("Hari ini dan minggu ini (1 hari ini")
    texts = [i.text for i in card.items]
    assert texts[0] == "Hari ini: Rapat: Rapat koordinasi siaran pengawasan"
    assert texts[1].startswith("Besok: Rencana rilis")
    assert any(t.startswith("Kamis 10/12 09.30 WITA: Embargo berakhir") for t in texts)  # its own zone
    assert (card.items[0].type, card.items[0].id) == ("organization", s.org_id)
    # Nothing left in the week: no card at all.
    assert overview.cards(library, None, today=dt.date(2026, 11, 2)) == []


# -- command line --------------------------------------------------------------------------


def test_cli_show_json_and_text(cli, library):
    seed(library)
    path = library.path
    library.close()
    code, out, err = cli("calendar", "show", "--month", "2026-12", "--library", path, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("2026-12-01", "2026-12-31")
    kinds = {e["kind"] for e in data["events"]}
    assert {"activity", "release", "embargo", "mou"} <= kinds
    embargo = next(e for e in data["events"] if e["kind"] == "embargo")
    assert embargo["start"] == "2026-12-10T09:30:00+08:00" and embargo["item_type"] == "article"

    code, out, _err = cli("calendar", "show", "--week", "2026-12-10", "--library", path)
    assert code == 0
    assert "Selasa, 8 Desember 2026" in out and "Rapat: Rapat koordinasi" in out
    assert "09.30 WITA" in out and "Embargo berakhir" in out

    code, out, _err = cli("calendar", "show", "--from", "2026-11-01", "--to", "2026-11-30", "--library", path)
    assert code == 0 and "Tidak ada agenda" in out


def test_cli_export_writes_ics(cli, library, tmp_path):
    import icalendar

    seed(library)
    path = library.path
    library.close()
    target = tmp_path / "desember.ics"
    code, out, err = cli("calendar", "export", "--from", "2026-12-01", "--to", "2026-12-31", "-o", target,
                         "--library", path, "--json")
    assert code == 0, err
    written = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    # Four items set in December, and the KIP deadlines counted from today if they fall in it.
    assert json.loads(out)["events"] == len(written) >= 4
    summaries = {str(e["SUMMARY"]) for e in written}
    assert "MoU dengan Radio Suara Contoh berakhir" in summaries
    # Existing file: refused without --force.
    code, _out, err = cli("calendar", "export", "--month", "2026-12", "-o", target, "--library", path)
    assert code == 2 and "--force" in err


@pytest.mark.parametrize("argv, said", [
    (("--month", "2026-13"), "bukan bulan"),
    (("--from", "2026-12-01"), "--from dan --to"),
    (("--from", "2026-12-31", "--to", "2026-12-01"), "sebelum dimulai"),
    (("--from", "1/12/2026", "--to", "2026-12-31"), "bukan tanggal"),
    (("--week", "kemarin"), "bukan tanggal"),
    (("--month", "2026-12", "--week", "2026-12-07"), "salah satu"),
])
def test_cli_bad_dates_exit_2_with_a_sentence(cli, library, argv, said):
    path = library.path
    library.close()
    code, out, err = cli("calendar", "show", *argv, "--library", path)
    assert code == 2
    assert said in err and "Traceback" not in err and out == ""


def test_cli_export_wants_an_ics_file(cli, library, tmp_path):
    path = library.path
    library.close()
    code, out, err = cli("calendar", "export", "--month", "2026-12", "-o", tmp_path / "agenda.txt", "--library", path)
    assert code == 2 and "tidak berakhiran .ics" in err and not (tmp_path / "agenda.txt").exists()
