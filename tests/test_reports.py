"""The Laporan kehumasan: figures per section, narratives, deterministic PDF/DOCX/XLSX, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest

from desktop.reports import api as reports
from reports_support import populate

YEAR = dt.date.today().year


@pytest.fixture
def filled(library, tmp_path):
    """The library with a year of work; (library, what the report must count)."""
    expected = populate(library, YEAR, tmp_path / "photos")
    return library, expected


# -- periods ---------------------------------------------------------------------------


def test_periods_are_years_semesters_and_months():
    year = reports.parse("2026")
    assert (year.kind, year.start, year.end) == ("year", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    second = reports.parse("2026-s2")
    assert (second.code, second.start, second.end) == ("2026-S2", dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    february = reports.parse("2028-02")
    assert (february.code, february.end) == ("2028-02", dt.date(2028, 2, 29))
    assert [m.month for m in second.months()] == [7, 8, 9, 10, 11, 12]
    assert second.label() == "Semester II Tahun 2026"
    assert reports.parse("2026-11").label() == "November 2026"
    for bad in ("2026-13", "2026-S3", "26", "tahun ini", "1999", ""):
        with pytest.raises(reports.PeriodError):
            reports.parse(bad)


# -- figures ------------------------------------------------------------------------------


def test_every_section_counts_what_happened_in_the_period(filled):
    library, expected = filled
    report = reports.build(library, str(YEAR))
    c = report.counts
    assert c["releases"]["total"] == expected["releases"]
    assert c["releases"]["by_kind"] == expected["releases_by_kind"]
    assert c["releases"]["by_month"][f"{YEAR}-01"] == 2
    assert sum(c["releases"]["by_month"].values()) == expected["releases"]
    assert c["coverage"]["total"] == expected["coverage"]
    for media_type, count in expected["by_media_type"].items():
        assert c["coverage"]["by_media_type"][media_type] == count
    assert c["coverage"]["by_outlet"] == {"Contoh Daring": 3, "Harian Contoh Pos": 2, "Radio Suara Contoh": 1}
    assert (c["partners"]["new"], c["partners"]["active"], c["partners"]["expiring"], c["partners"]["ended"]) == (
        expected["mou_new"], expected["mou_active"], expected["mou_expiring"], expected["mou_ended"])
    assert c["partners"]["expiring_names"] == ["Radio Komunitas"]
    assert c["activities"]["total"] == expected["activities"]
    assert c["activities"]["by_kind"] == {"meeting": 2, "training": 1}
    assert c["photos"]["total"] == expected["photos"]
    assert c["photos"]["by_event"] == expected["photos_by_event"]
    assert c["photos"]["by_month"] == {f"{YEAR}-02": 3, f"{YEAR}-10": 2}
    assert (c["claims"]["total"], c["claims"]["clarified"]) == (expected["claims"], expected["clarified"])
    assert c["claims"]["median_seconds"] is not None and c["claims"]["median_seconds"] >= 5 * 3600 - 60
    assert c["distribution"]["recipients"] == expected["recipients"]
    assert c["distribution"]["releases"] == expected["sent_releases"]
    assert c["distribution"]["by_channel"] == {"print": expected["recipients"]}


def test_a_month_and_a_semester_count_only_their_days(filled):
    library, _expected = filled
    january = reports.build(library, f"{YEAR}-01").counts
    assert january["releases"]["total"] == 2 and january["coverage"]["total"] == 2
    assert january["activities"]["total"] == 0 and january["photos"]["total"] == 0
    first_half = reports.build(library, f"{YEAR}-S1").counts
    assert first_half["releases"]["total"] == 3  # January ×2, March
    assert first_half["photos"]["total"] == 3
    assert first_half["partners"]["ended"] == 1  # LSM Pemantau's MoU ended 30 June
    assert first_half["partners"]["new"] == 1


def test_the_year_before_is_empty_and_says_so(filled):
    library, _expected = filled
    report = reports.build(library, str(YEAR - 1))
    assert report.counts["releases"]["total"] == 1  # the one release dated 30 December of that year
    assert report.counts["claims"]["total"] == 0
    assert report.section("claims").note == "Tidak ada isu yang tercatat pada periode ini."


# -- narratives --------------------------------------------------------------------------


def test_narratives_round_trip_per_period(library):
    reports.set_narrative(library, "2026-S2", "pendahuluan", "Paragraf satu.\r\n\r\nParagraf dua.  \n")
    reports.set_narratives(library, "2026-s2", {"kendala": "Anggaran terbatas.", "rencana": "Pelatihan media."})
    assert reports.narratives(library, "2026-S2") == {
        "pendahuluan": "Paragraf satu.\n\nParagraf dua.", "kendala": "Anggaran terbatas.", "rencana": "Pelatihan media."}
    assert reports.narratives(library, "2026") == {"pendahuluan": "", "kendala": "", "rencana": ""}
    reports.set_narrative(library, "2026-S2", "kendala", "Diganti.")
    assert reports.narratives(library, "2026-S2")["kendala"] == "Diganti."
    with pytest.raises(reports.PeriodError):
        reports.set_narrative(library, "2026-S9", "kendala", "x")
    with pytest.raises(Exception, match="bukan bagian narasi"):
        reports.set_narrative(library, "2026", "penutup", "x")


# -- files --------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    import subprocess

    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_pdf_is_deterministic_on_the_letterhead_with_the_narratives(filled, tmp_path):
    library, _expected = filled
    reports.set_narrative(library, str(YEAR), "pendahuluan", "Laporan ini disusun sebagai pertanggungjawaban.")
    first = reports.export(library, str(YEAR), "pdf", tmp_path / "a.pdf")
    second = reports.export(library, str(YEAR), "pdf", tmp_path / "b.pdf")
    a, b = (tmp_path / "a.pdf").read_bytes(), (tmp_path / "b.pdf").read_bytes()
    assert a == b and first.size == len(a)
    assert a.startswith(b"%PDF")
    text = _pdf_text(a)
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN CONTOH" in text  # the kop
    assert "LAPORAN KEHUMASAN" in text and f"Tahun {YEAR}" in text
    assert "Laporan ini disusun sebagai pertanggungjawaban." in text
    assert "(Belum diisi.)" in text  # Kendala and Rencana not written
    for heading in ("Rilis dan berita", "Pemberitaan media", "Mitra dan nota kesepahaman", "Arsip foto",
                    "Klarifikasi isu dan hoaks", "Jangkauan distribusi", "Rencana tindak lanjut"):
        assert heading in text
    assert "Radio Komunitas" in text and "Halaman 1 dari" in text
    assert second.report.counts == first.report.counts
    # A changed narrative changes the file: the bytes follow the data, not the clock.
    reports.set_narrative(library, str(YEAR), "kendala", "Jaringan internet terbatas.")
    assert reports.render(library, reports.build(library, str(YEAR)), "pdf") != a


def test_docx_and_xlsx_are_deterministic_and_complete(filled, tmp_path):
    library, _expected = filled
    for fmt in ("docx", "xlsx"):
        reports.export(library, str(YEAR), fmt, tmp_path / f"a.{fmt}")
        reports.export(library, str(YEAR), fmt, tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes(), fmt
        with zipfile.ZipFile(tmp_path / f"a.{fmt}") as z:  # stamped with the period, not the minute of saving
            assert {i.date_time for i in z.infolist()} == {(YEAR, 12, 31, 0, 0, 0)}
            assert f"{YEAR}-12-31T00:00:00Z".encode() in z.read("docProps/core.xml")

    import docx

    document = docx.Document(str(tmp_path / "a.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "LAPORAN KEHUMASAN" in text and "1. Pendahuluan" in text and "Rilis dan berita" in text
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert sum(1 for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")) >= 5  # the charts
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"Harian Contoh Pos", "Radio Komunitas", "Rapat Pleno"} <= cells

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO((tmp_path / "a.xlsx").read_bytes()))
    assert book.sheetnames == ["Narasi", "Ringkasan", "Rilis dan berita", "Pemberitaan media",
                               "Mitra dan nota kesepahaman", "Kegiatan kerja sama", "Arsip foto",
                               "Klarifikasi isu dan hoaks", "Jangkauan distribusi"]
    coverage = book["Pemberitaan media"]
    rows = [[c for c in r] for r in coverage.iter_rows(values_only=True)]
    assert ["Contoh Daring", "Media online", 3] in [list(r[:3]) for r in rows]
    assert coverage._charts, "the coverage sheet has its chart"


# -- the command line -------------------------------------------------------------------------


def test_cli_builds_every_format_and_reports_the_counts(filled, cli, library_path, tmp_path):
    library, expected = filled
    library.close()
    for fmt in ("pdf", "docx", "xlsx"):
        target = tmp_path / f"laporan.{fmt}"
        code, out, err = cli("report", "build", "--library", library_path, "--period", str(YEAR), "-f", fmt,
                             "-o", target, "--json")
        assert code == 0, err
        payload = json.loads(out)
        assert payload["output"] == str(target) and payload["format"] == fmt
        assert payload["counts"]["releases"]["total"] == expected["releases"]
        assert target.stat().st_size == payload["bytes"]
    # The format follows the extension; an existing file needs --force.
    code, out, err = cli("report", "build", "--library", library_path, "--period", f"{YEAR}-S1",
                         "-o", tmp_path / "laporan.pdf")
    assert code == 2 and "--force" in err
    code, out, err = cli("report", "build", "--library", library_path, "--period", f"{YEAR}-S1",
                         "-o", tmp_path / "laporan.pdf", "--force")
    assert code == 0 and "Ditulis ke" in out and f"Semester I Tahun {YEAR}" in out


def test_cli_narratives_set_from_text_and_file_and_show(cli, library_path, tmp_path):
    code, out, err = cli("report", "narrative", "set", "--library", library_path, "--period", "2026",
                         "--section", "kendala", "--text", "Sinyal lemah di kecamatan.")
    assert code == 0, err
    source = tmp_path / "rencana.txt"
    source.write_text("Menambah pelatihan.\n\nMemperluas kemitraan.", encoding="utf-8")
    code, out, err = cli("report", "narrative", "set", "--library", library_path, "--period", "2026",
                         "--section", "rencana", "--file", source)
    assert code == 0, err
    code, out, err = cli("report", "narrative", "show", "--library", library_path, "--period", "2026", "--json")
    assert code == 0, err
    assert json.loads(out)["narratives"] == {"pendahuluan": "", "kendala": "Sinyal lemah di kecamatan.",
                                             "rencana": "Menambah pelatihan.\n\nMemperluas kemitraan."}
    code, out, err = cli("report", "narrative", "show", "--library", library_path, "--period", "2026",
                         "--section", "pendahuluan")
    assert code == 0 and "(Belum diisi.)" in out


@pytest.mark.parametrize("argv, said", [
    (("report", "build", "--period", "2026-13", "-o", "x.pdf"), "bukan periode laporan"),
    (("report", "build", "--period", "2026", "-f", "odt", "-o", "x.odt"), "bukan format laporan"),
    (("report", "build", "--period", "2026", "-o", "laporan"), "-f pdf"),
    (("report", "build", "--period", "2026", "-o", "-"), "tidak dapat dicetak"),
    (("report", "narrative", "set", "--period", "2026", "--section", "penutup", "--text", "x"), "bukan bagian narasi"),
    (("report", "narrative", "show", "--period", "S2"), "bukan periode laporan"),
    # "2026-1" is the first semester in some offices' habit and January in others': asked, never guessed.
    (("report", "build", "--period", "2026-1", "-o", "x.pdf"), "tulis 2026-01 untuk bulan atau 2026-S1"),
    (("report", "build", "--period", "2026", "-f", "docx", "-o", "x.pdf"), "berakhiran .pdf"),
])
def test_cli_refuses_bad_input_with_a_sentence(cli, library_path, tmp_path, monkeypatch, argv, said):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(*argv, "--library", library_path)
    assert code == 2
    assert said in err and "Traceback" not in err
    assert not list(tmp_path.glob("x.*")) and not (tmp_path / "laporan").exists()


def test_cli_refuses_an_unreadable_narrative_file(cli, library_path, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Kendala: sinyal \xe9".encode("latin-1"))
    code, _out, err = cli("report", "narrative", "set", "--library", library_path, "--period", "2026",
                          "--section", "kendala", "--file", bad)
    assert code == 2 and "bukan teks UTF-8" in err
