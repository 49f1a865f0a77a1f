"""``warta kip``: record, extend, answer, list, DIP and the semester report; --json, exit codes, sentences."""

from __future__ import annotations

import json


def _json(out: str) -> dict:
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    return json.loads(lines[0])


def test_a_request_from_receipt_to_the_semester_report(library_path, cli, tmp_path):
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
    assert code == 2 and "bukan semester" in err

    code, out, err = cli("kip", "dip", "add", "--library", library_path, "--category", "rahasia", "--title", "X")
    assert code == 2 and "bukan kategori" in err
    code, out, err = cli("kip", "dip", "propose", "--library", library_path, "--json")
    assert code == 0 and _json(out)["proposals"] == []
