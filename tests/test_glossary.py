"""The office style glossary: checking as you type, replacing, storing, sharing as a file."""

from __future__ import annotations

import json

import pytest

from desktop.articles import glossary
from desktop.articles.glossary import Checker, Rule
from desktop.errors import ValidationError


@pytest.fixture
def checker():
    return Checker(glossary.DEFAULT_RULES)


def test_flags_variants_with_positions(checker):
    text = "BAWASLU dan kpu membahas pemilu serta Pilkada di TPS."
    found = checker.check(text)
    assert [(m.found, m.preferred) for m in found] == [("BAWASLU", "Bawaslu"), ("kpu", "KPU"), ("pemilu", "Pemilu")]
    assert all(text[m.start : m.end] == m.found for m in found)


def test_whole_words_only_and_case_sensitive(checker):
    text = (
        "Bawaslu dan KPU, Pemilu. Lihat bawaslu.go.id atau humas@bawaslu.go.id, "
        "pra-pemilu, pemilunya, https://kpu.go.id/pemilu dan tps-nya."
    )
    assert checker.check(text) == []


def test_multi_word_variants_match_across_spaces_and_line_breaks():
    rules = [Rule("Komisi Pemilihan Umum", ["komisi pemilihan umum"]), Rule("KPU", ["Kpu"])]
    found = Checker(rules).check("Kata komisi  pemilihan\numum dan Kpu.")
    assert [(m.found, m.preferred) for m in found] == [("komisi  pemilihan\numum", "Komisi Pemilihan Umum"), ("Kpu", "KPU")]


def test_replace_one_and_all(checker):
    text = "Rapat BAWASLU soal hoax pemilu."
    first = checker.check(text)[0]
    assert checker.replace(text, first) == "Rapat Bawaslu soal hoax pemilu."
    assert checker.replace("Teks sudah berubah", first) == "Teks sudah berubah"
    assert checker.replace_all(text) == "Rapat Bawaslu soal hoaks Pemilu."


def test_rules_are_validated():
    with pytest.raises(ValidationError, match="Bawaslu"):
        glossary.clean([Rule("Bawaslu", ["X"]), Rule("Bawaslu", ["Y"])])
    with pytest.raises(ValidationError, match="'KPU'"):
        glossary.clean([Rule("Bawaslu", ["KPU"]), Rule("KPU", ["kpu"])])
    with pytest.raises(ValidationError):
        glossary.clean([Rule("A", ["x"]), Rule("B", ["x"])])
    with pytest.raises(ValidationError):
        glossary.clean([Rule("Pemilu", ["Pemilu", " "])])
    assert glossary.clean([Rule(" Pemilu ", ["pemilu", "pemilu", " PEMILU "], "  catatan  ")]) == [
        Rule("Pemilu", ["pemilu", "PEMILU"], "catatan")
    ]


def test_library_keeps_the_office_rules(library):
    assert [r.preferred for r in glossary.load(library)] == [r.preferred for r in glossary.DEFAULT_RULES]
    saved = glossary.save(library, [Rule("Bawaslu", ["BAWASLU"], "lembaga"), Rule("daring", ["online"])])
    assert glossary.load(library) == saved
    from database.models import AuditLog, Meta

    with library.store.read() as s:
        assert json.loads(s.get(Meta, glossary.META_KEY).value)["rules"][0]["preferred"] == "Bawaslu"
        assert s.query(AuditLog).filter_by(entity="glossary").count() == 1
    with pytest.raises(ValidationError):
        glossary.save(library, [Rule("", ["x"])])
    assert glossary.load(library) == saved
    assert len(glossary.reset(library)) == len(glossary.DEFAULT_RULES)


def test_csv_file_round_trip_and_excel_variants(tmp_path):
    path = tmp_path / "glosarium.csv"
    glossary.export_file(glossary.DEFAULT_RULES, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfpreferred,variants,note")
    assert glossary.import_file(path) == glossary.clean(glossary.DEFAULT_RULES)
    excel = tmp_path / "excel.csv"
    excel.write_bytes("preferred;variants;note\r\nsilakan;silahkan | Silahkan;KBBI ‘baku’\r\n;;\r\n".encode("cp1252"))
    assert glossary.import_file(excel) == [Rule("silakan", ["silahkan", "Silahkan"], "KBBI ‘baku’")]
    broken = tmp_path / "rusak.csv"
    broken.write_text("istilah,varian\nA,b\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="rusak.csv"):
        glossary.import_file(broken)


def test_merge_adds_rules_and_moves_variants():
    current = [Rule("Bawaslu", ["BAWASLU"]), Rule("daring", ["online"])]
    incoming = [Rule("Bawaslu", ["bawaslu"]), Rule("dalam jaringan", ["online"])]
    merged = glossary.merge(current, incoming)
    assert merged == [Rule("Bawaslu", ["BAWASLU", "bawaslu"]), Rule("dalam jaringan", ["online"])]


def test_cli_glossary_export_import_check(library, library_path, cli, tmp_path):
    library.close()
    out = tmp_path / "g.csv"
    code, stdout, err = cli("glossary", "export", "-o", out, "--library", library_path)
    assert code == 0, err
    out.write_text("preferred,variants,note\nBawaslu,BAWASLU,\n", encoding="utf-8")
    code, stdout, err = cli("glossary", "import", out, "--library", library_path, "--json")
    assert code == 0 and json.loads(stdout) == {"rules": 1}
    text = tmp_path / "rilis.txt"
    text.write_text("Judul\n\nRapat BAWASLU dan pemilu.", encoding="utf-8")
    code, stdout, err = cli("glossary", "check", text, "--library", library_path)
    assert code == 1 and "3:7: 'BAWASLU' → 'Bawaslu'" in stdout and "pemilu" not in stdout


def test_check_reports_and_repairs_a_damaged_glossary(library):
    from database.models import Meta
    from desktop.check import run_checks

    assert glossary.check(library) == []
    with library.store.write() as tx:
        tx.session.add(Meta(key=glossary.META_KEY, value="{not json"))
    assert [r.preferred for r in glossary.load(library)][0] == "Bawaslu"  # the editor keeps working
    assert any("glosarium" in p.lower() for p in run_checks(library))
    fixed = glossary.check(library, repair=True)
    assert len(fixed) == 1 and fixed[0].startswith("diperbaiki: ")
    assert glossary.check(library) == []


@pytest.mark.parametrize("data", [
    b"preferred,variants\r\nBawaslu,BAWASLU\rx\"y\r\n" + bytes(range(1, 256)) * 4,  # lone CRs, stray quotes
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,  # an image given by mistake
    b"preferred,variants\n\"" + b"x" * 200_000,  # a quote that never closes
])
def test_cli_glossary_import_of_garbage_explains_and_changes_nothing(library, library_path, cli, tmp_path, data):
    before = glossary.load(library)
    library.close()
    bad = tmp_path / "rusak.csv"
    bad.write_bytes(data)
    code, stdout, err = cli("glossary", "import", bad, "--library", library_path)
    assert code != 0 and stdout == ""
    assert "Traceback" not in err and "csv.Error" not in err and "tidak terduga" not in err.lower()
    assert "rusak.csv" in err and ("CSV" in err or "glosarium" in err)
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        assert glossary.load(lib) == before
    finally:
        lib.close()
