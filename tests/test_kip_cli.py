"""``warta kip``: record, extend, answer, list, DIP and the semester report; --json, exit codes, sentences."""

from __future__ import annotations

import datetime as dt
import json

D = dt.date


def _json(out: str) -> dict:
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    return json.loads(lines[0])


def test_a_request_from_receipt_to_the_semester_report(library_path, cli, tmp_path, kip_clock):
    kip_clock.day = D(2026, 3, 20)
    code, out, err = cli("kip", "request", "add", "--library", library_path, "--json", "--requester", "Siti Aminah",
                         "--subject", "Daftar TPS di Kecamatan Sumbersari", "--channel", "surat",
                         "--received", "2026-03-16")
    assert code == 0, err
    row = _json(out)
    assert row["due_on"] == "2026-03-31" and row["number"] == "2026-0001"
    code, out, err = cli("kip", "request", "extend", str(row["id"]), "--library", library_path, "--json",
                         "--reason", "Data di KPU")
    assert code == 0 and _json(out)["due_on"] == "2026-04-10"
    code, out, err = cli("kip", "request", "extend", str(row["id"]), "--library", library_path, "--reason", "lagi")
    assert code == 2 and out == "" and "sekali" in err and len(err.strip().splitlines()) == 1
    kip_clock.day = D(2026, 4, 20)
    code, out, err = cli("kip", "request", "answer", str(row["id"]), "--library", library_path, "--date", "2026-04-08",
                         "--note", "Dikirim lewat pos")
    assert code == 0 and "keberatan dapat diajukan sampai" in out
    code, out, err = cli("kip", "request", "list", "--library", library_path, "--json")
    assert code == 0 and _json(out)["requests"][0]["state"] == "answered"

    target = tmp_path / "kip.xlsx"
    code, out, err = cli("kip", "report", "--semester", "2026-1", "-o", str(target), "--library", library_path, "--json")
    assert code == 0, err
    report = _json(out)
    assert report["received"] == 1 and report["extended"] == 1 and report["on_time"] == 1 and target.exists()
    code, out, err = cli("kip", "report", "--semester", "2026-1", "-o", str(target), "--library", library_path)
    assert code == 2 and "--force" in err
    code, out, err = cli("kip", "report", "--semester", "2026-9", "--library", library_path)
    assert code == 2 and "bukan semester" in err and "2026-S2" in err
    from desktop.cli import build_parser

    shown = build_parser()._subparsers._group_actions[0].choices["kip"]._subparsers._group_actions[0] \
        .choices["report"].format_help()
    assert "2026-S2" in shown and "YEAR-SN" in shown

    code, out, err = cli("kip", "dip", "add", "--library", library_path, "--category", "rahasia", "--title", "X")
    assert code == 2 and "bukan kategori" in err
    code, out, err = cli("kip", "dip", "propose", "--library", library_path, "--json")
    assert code == 0 and _json(out)["proposals"] == []


def test_late_extensions_and_objections_are_refused_and_the_report_counts_the_unanswered(library_path, cli,
                                                                                         tmp_path, kip_clock):
    kip_clock.day = D(2026, 6, 30)

    def add(received: str) -> int:
        code, out, err = cli("kip", "request", "add", "--library", library_path, "--json", "--requester", "Siti",
                             "--subject", "Daftar TPS", "--received", received)
        assert code == 0, err
        return _json(out)["id"]

    overdue = add("2026-03-16")  # due 31 March 2026
    code, out, err = cli("kip", "request", "extend", str(overdue), "--library", library_path, "--reason", "Data di KPU")
    assert code == 2 and out == "" and "31 Maret 2026" in err and len(err.strip().splitlines()) == 1

    refused = add("2026-04-01")
    code, out, err = cli("kip", "request", "answer", str(refused), "--library", library_path, "--date", "2026-04-06",
                         "--reject", "--note", "Data pribadi")
    assert code == 0, err
    code, out, err = cli("kip", "request", "object", str(refused), "--library", library_path, "--date", "2026-06-30")
    assert code == 2 and "berakhir pada" in err and "terlambat" in err
    code, out, err = cli("kip", "request", "object", str(refused), "--library", library_path, "--date", "2026-04-10")
    assert code == 0, err
    code, out, err = cli("kip", "request", "list", "--state", "objected", "--library", library_path)
    assert code == 0 and "ditolak 6 April 2026" in out and "dijawab" not in out
    code, out, err = cli("kip", "request", "answer", str(refused), "--library", library_path, "--note", "lagi")
    assert code == 2 and "sudah ditolak pada 6 April 2026" in err and "(" not in err

    code, out, err = cli("kip", "report", "--semester", "2026-S1", "--library", library_path, "--json")
    assert code == 0, err
    report = _json(out)
    assert report["semester"] == "2026-S1" and report["overdue"] == 1 and report["pending"] == 1
    assert report["as_of"] == "2026-06-30"
    code, out, err = cli("kip", "report", "--semester", "2026-S1", "--library", library_path)
    assert code == 0 and "Belum dijawab, melewati batas (per 2026-06-30): 1" in out
    code, out, err = cli("kip", "report", "--semester", "2026-1", "--library", library_path, "--json")
    assert code == 0 and _json(out)["received"] == 2  # the older notation still reads


def test_dip_entries_proposed_without_a_unit_get_the_office_unit(library_path, cli):
    from desktop import office, staff
    from desktop.articles import api as articles
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        lib.store.staff_id = staff.list_staff(lib)[0].id
        profile = office.load(lib)
        profile.unit = "Subbagian Humas dan Hubungan Masyarakat"
        office.save(lib, profile)
        editor = staff.create(lib, staff.StaffInput(name="Agus Editor", role="editor"))
        lib.store.staff_id = editor
        articles.create_article(lib, articles.ArticleDoc(title="Bawaslu Awasi Rekapitulasi", kind="siaran_pers",
                                                         status="published", publication_date=D(2026, 3, 3)))
    finally:
        lib.close()
    code, out, err = cli("kip", "dip", "propose", "--add", "--unit", "", "--library", library_path, "--json")
    assert code == 0, err
    assert len(_json(out)["added"]) == 1
    code, out, err = cli("kip", "dip", "list", "--library", library_path, "--json")
    assert [e["unit"] for e in _json(out)["entries"]] == ["Subbagian Humas dan Hubungan Masyarakat"]


def test_a_request_is_corrected_and_one_recorded_twice_removed(library_path, cli, kip_clock, monkeypatch):
    kip_clock.day = D(2026, 3, 20)
    ids = []
    for _n in range(2):
        code, out, err = cli("kip", "request", "add", "--library", library_path, "--json", "--requester", "Siti Aminh",
                             "--subject", "Daftar TPS", "--received", "2026-03-16")
        assert code == 0, err
        ids.append(_json(out)["id"])
    first, twice = ids

    code, out, err = cli("kip", "request", "edit", str(first), "--library", library_path, "--json",
                         "--requester", "Siti Aminah", "--channel", "surat", "--received", "2026-03-17")
    assert code == 0, err
    row = _json(out)
    assert (row["requester"], row["channel"], row["subject"]) == ("Siti Aminah", "surat", "Daftar TPS")
    assert row["received_on"] == "2026-03-17" and row["due_on"] == "2026-04-01"
    code, out, err = cli("kip", "request", "edit", str(first), "--library", library_path, "--subject", "Daftar TPS 2")
    assert code == 0 and "diperbaiki" in out

    # Bad input: exit 2, one sentence, nothing changed.
    for argv, said in ((["--channel", "merpati"], "bukan saluran"), (["--received", "17-03-2026"], "bukan tanggal"),
                       (["--requester", " "], "Tuliskan"), ([], "--requester")):
        code, out, err = cli("kip", "request", "edit", str(first), "--library", library_path, *argv)
        assert code == 2 and out == "" and said in err and len(err.strip().splitlines()) == 1, (argv, err)
    code, out, err = cli("kip", "request", "extend", str(first), "--library", library_path, "--reason", "Data di KPU")
    assert code == 0, err
    code, out, err = cli("kip", "request", "edit", str(first), "--library", library_path, "--received", "2026-03-18")
    assert code == 2 and "tidak dapat diubah" in err
    code, out, err = cli("kip", "request", "list", "--library", library_path, "--json")
    kept = {r["id"]: r for r in _json(out)["requests"]}[first]
    assert (kept["requester"], kept["subject"], kept["received_on"]) == ("Siti Aminah", "Daftar TPS 2", "2026-03-17")

    # Removing: refused for a writer and for an answered request; the Admin removes the duplicate.
    from desktop import staff
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        staff.create(lib, staff.StaffInput(name="Dewi Penulis", role="writer"))
    finally:
        lib.close()
    monkeypatch.setenv("WARTA_USER", "Dewi Penulis")
    code, out, err = cli("kip", "request", "delete", str(twice), "--library", library_path)
    assert code == 2 and "Hanya Admin" in err
    monkeypatch.setenv("WARTA_USER", "Admin Uji")
    code, out, err = cli("kip", "request", "answer", str(first), "--library", library_path, "--note", "Dikirim",
                         "--date", "2026-03-20")
    assert code == 0, err
    code, out, err = cli("kip", "request", "delete", str(first), "--library", library_path)
    assert code == 2 and "tetap tercatat" in err
    code, out, err = cli("kip", "request", "delete", str(twice), "--library", library_path, "--json")
    assert code == 0, err
    assert _json(out) == {"deleted": twice, "number": "2026-0002"}
    code, out, err = cli("kip", "request", "delete", str(twice), "--library", library_path)
    assert code == 2 and str(twice) in err
    code, out, err = cli("kip", "request", "list", "--library", library_path, "--json")
    assert [r["id"] for r in _json(out)["requests"]] == [first]
