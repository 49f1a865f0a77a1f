"""``warta claim``: record, list with timing, show, clarify, WhatsApp text and ClaimReview; --json and exit codes."""

from __future__ import annotations

import json

from claims_support import LEAD, POSTPONED, people, screenshot


def _json(out: str) -> dict:
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    return json.loads(lines[0])


def test_a_claim_from_sighting_to_whatsapp_text_on_the_command_line(library_path, cli, tmp_path, monkeypatch):
    from desktop.articles import api as articles
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        writer, approver = people(lib)
    finally:
        lib.close()
    shot = screenshot(tmp_path / "forward.png")
    monkeypatch.setenv("WARTA_USER", str(writer))
    code, out, err = cli("claim", "add", "--library", library_path, "--json", "--text", POSTPONED,
                         "--link", "https://chat.whatsapp.com/forward/abc", "https://x.com/akun/status/9",
                         "--platform", "WhatsApp", "--seen", "2024-02-10T07:30", "--reach", "5000",
                         "--reported-by", "Panwascam Sukamaju", "--reporter", writer, "--category", "fabricated", "--verdict", "hoaks",
                         "--facts", "Pemungutan suara tetap 14 Februari 2024.",
                         "--source", "Keputusan KPU Nomor 21 Tahun 2022", "--screenshot", shot)
    assert code == 0, err
    claim_id = _json(out)["id"]

    code, out, err = cli("claim", "show", claim_id, "--library", library_path, "--json")
    assert code == 0, err
    shown = _json(out)
    assert shown["verdict_label"] == "HOAKS" and shown["links"][1] == "https://x.com/akun/status/9"
    assert shown["reporter"] == "Rina Penulis" and shown["reported_by"] == "Panwascam Sukamaju"
    assert shown["screenshots"][0]["path"].startswith("files/claims/") and shown["article_id"] is None

    code, out, err = cli("claim", "whatsapp", claim_id, "--library", library_path)
    assert code == 2 and out == "" and "belum punya klarifikasi" in err and len(err.strip().splitlines()) == 1

    code, out, err = cli("claim", "clarify", claim_id, "--library", library_path, "--json")
    assert code == 0, err
    article_id = _json(out)["article_id"]
    code, out, err = cli("claim", "clarify", claim_id, "--library", library_path)
    assert code == 2 and "sudah punya klarifikasi" in err

    code, out, err = cli("claim", "claimreview", claim_id, "--library", library_path, "--json")
    assert code == 2 and _json(out)["ok"] is False and "belum disetujui" in err

    lib = Library.open(library_path)
    try:
        lib.store.staff_id = writer
        doc = articles.load_doc(lib, article_id)
        doc.lead = LEAD
        articles.save(lib, article_id, doc)
        articles.transition(lib, article_id, "submit")
        lib.store.staff_id = approver
        articles.transition(lib, article_id, "approve")
        articles.transition(lib, article_id, "publish", source_url="https://contoh.example/klarifikasi")
    finally:
        lib.close()

    code, out, err = cli("claim", "whatsapp", claim_id, "--library", library_path)
    assert code == 0, err
    assert out.startswith("*[HOAKS]*") and "https://contoh.example/klarifikasi" in out and len(out.strip()) <= 700

    code, out, err = cli("claim", "claimreview", claim_id, "--library", library_path, "--json")
    assert code == 0, err
    payload = _json(out)
    assert payload["claim_review"]["reviewRating"]["alternateName"] == "HOAKS"
    assert payload["claim_review"]["itemReviewed"]["datePublished"] == "2024-02-10"
    assert payload["html"].startswith('<script type="application/ld+json">')

    code, out, err = cli("claim", "show", claim_id, "--library", library_path)
    assert code == 0, err
    assert "Diterbitkan" in out and "published" not in out  # the status as the window names it
    assert "Pemungutan suara tetap 14 Februari 2024." in out and "Keputusan KPU Nomor 21 Tahun 2022" in out

    code, out, err = cli("claim", "list", "--library", library_path, "--json")
    assert code == 0, err
    listed = _json(out)
    assert listed["total"] == 1 and listed["clarified"] == 1
    [row] = listed["claims"]
    assert row["article_status"] == "published" and row["seconds_to_clarification"] > 0
    assert listed["median_seconds_to_clarification"] == row["seconds_to_clarification"]
    code, out, err = cli("claim", "list", "--library", library_path)
    assert code == 0 and "HOAKS" in out and "Median waktu dari pertama terlihat" in out


def test_bad_claims_exit_2_with_one_sentence(library_path, cli):
    code, out, err = cli("claim", "add", "--library", library_path, "--text", "Isu", "--verdict", "palsu")
    assert code == 2 and out == "" and "Label 'palsu' tidak dikenal" in err
    code, out, err = cli("claim", "add", "--library", library_path, "--text", "Isu", "--seen", "kemarin")
    assert code == 2 and "bukan tanggal dan jam" in err
    code, out, err = cli("claim", "show", "99", "--library", library_path, "--json")
    assert code == 2 and _json(out)["ok"] is False and "Tidak ada isu dengan id 99" in err
    code, out, err = cli("claim", "list", "--library", library_path)
    assert code == 0 and "Belum ada isu" in out
    code, out, err = cli("claim", "add", "--library", library_path, "--text", "Isu", "--reporter", "999")
    assert code == 2 and "999" in err
