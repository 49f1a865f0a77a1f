"""Command line: warta search, warta article list/show; demo data; Beranda cards; writing aids."""

from __future__ import annotations

import datetime as dt
import json
import random

from desktop.articles import aids, store, templates
from desktop.articles.document import ArticleDoc, Quote


def _make(library, title, body="", status_steps=()):
    art_id = store.create_article(
        library,
        ArticleDoc(title=title, body=body, lead="Lead.", dateline_city="Jember",
                   quotes=[Quote("Siti", "Ketua", "Kami siap.")], tags=["pemilu"]),
    )
    for step in status_steps:
        store.transition(library, art_id, step)
    return art_id


def test_cli_search_json_ranked_with_snippets(library, library_path, cli):
    a = _make(library, "Sosialisasi pemilih pemula", "Kegiatan bersama pemilih pemula di sekolah.")
    b = _make(library, "Rapat koordinasi", "Dibahas juga pemilih dan pemula secara terpisah.")
    _make(library, "Tidak relevan", "Tentang anggaran.")
    code, out, err = cli("search", "pemilih", "pemula", "--library", library_path, "--json")
    assert code == 0, err
    hits = json.loads(out)["hits"]
    assert [h["id"] for h in hits] == [a, b]
    assert set(hits[0]) == {"type", "id", "title", "snippet"}
    assert hits[0]["type"] == "article" and "[pemilih]" in hits[0]["snippet"]
    code, out, _ = cli("search", '"pemilih pemula"', "--library", library_path, "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == [a]
    code, out, _ = cli("search", "koordin*", "--library", library_path)
    assert code == 0 and "Rapat koordinasi" in out
    code, out, _ = cli("search", "'\"(*", "--library", library_path, "--json")
    assert code == 0 and json.loads(out) == {"hits": []}


def test_cli_article_list_and_show(library, library_path, cli):
    a = _make(library, "Draf satu")
    b = _make(library, "Sedang ditinjau", status_steps=("submit",))
    code, out, err = cli("article", "list", "--library", library_path, "--json")
    assert code == 0, err
    rows = json.loads(out)["articles"]
    assert {r["id"] for r in rows} == {a, b}
    code, out, _ = cli("article", "list", "--status", "review", "--library", library_path, "--json")
    assert [r["id"] for r in json.loads(out)["articles"]] == [b]
    assert json.loads(out)["articles"][0]["status"] == "review"
    code, out, _ = cli("article", "show", str(a), "--library", library_path, "--json")
    data = json.loads(out)
    assert data["title"] == "Draf satu" and data["quotes"][0]["speaker"] == "Siti" and data["revision"] == 1
    code, out, _ = cli("article", "show", str(a), "--library", library_path)
    assert "Draf satu" in out and "“Kami siap.” — Siti, Ketua" in out and "Untuk Segera Disiarkan" in out
    code, out, err = cli("article", "show", "999", "--library", library_path)
    assert code == 2 and "999" in err and "Traceback" not in err


def test_article_group_accepts_more_subcommands():
    import argparse

    from desktop.cli.articles import add_article_subcommand, article_group

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    p = add_article_subcommand(sub, "export")
    p.add_argument("id", type=int)
    assert article_group(sub) is article_group(sub)
    args = parser.parse_args(["article", "export", "3", "--json"])
    assert args.id == 3 and args.json


def test_demo_generates_searchable_articles(library):
    from desktop.articles import demo
    from desktop.jobs import Progress

    demo.generate(library, {"articles": 300}, random.Random(1), Progress())
    assert store.count_articles(library, store.ListQuery(status="all")) == 300
    from desktop import search

    assert len(search.search(library, "peng*", limit=50)) == 50
    from desktop.check import run_checks

    assert run_checks(library) == []
    # A generated article opens and saves like any other.
    art_id = store.list_articles(library, limit=1)[0].id
    doc = store.load_doc(library, art_id)
    assert doc.lead and doc.quotes and doc.tags
    assert store.save(library, art_id, doc).changed is False
    doc.body += "\n\nTambahan."
    assert store.save(library, art_id, doc).revision == 1


def test_beranda_cards(library):
    from desktop import overview

    mine = _make(library, "Draf milik saya")
    waiting = _make(library, "Menunggu", status_steps=("submit",))
    cards = {c.title: c for c in overview.cards(library, library.store.staff_id)}
    assert [i.id for i in cards["Draf saya"].items] == [mine]
    assert [(i.type, i.id) for i in cards["Menunggu persetujuan"].items] == [("article", waiting)]
    assert cards["Menunggu persetujuan"].warning
    assert "Teks belum disimpan" not in cards
    doc = store.load_doc(library, mine)
    doc.body = "Diketik sebelum listrik padam."
    store.autosave(library, mine, doc, base_revision=1)
    cards = {c.title: c for c in overview.cards(library, library.store.staff_id)}
    assert [i.id for i in cards["Teks belum disimpan"].items] == [mine] and cards["Teks belum disimpan"].warning


def test_templates_and_writing_aids(library):
    from desktop import office

    prof = office.load(library)
    doc = templates.template_doc("siaran_pers", office=prof, writer="Admin Uji", today=dt.date(2025, 11, 3))
    assert doc.dateline_city == "Contoh" and doc.boilerplate == prof.boilerplate and doc.quotes
    # The office's contact, without a "Narahubung:" label every output prints itself (see io.structure.contact_text).
    assert doc.contact_block.startswith("Humas Bawaslu Contoh") and "humas@contoh.example" in doc.contact_block
    klar = templates.template_doc("klarifikasi", office=prof)
    assert "## Klaim" in klar.body and "## Fakta" in klar.body and "## Sumber" in klar.body
    doc.title = "Judul"
    doc.publication_date = dt.date(2025, 11, 3)
    assert aids.dateline(doc) == "Contoh, Senin, 3 November 2025"
    assert aids.release_line(doc) == "Untuk Segera Disiarkan"
    doc.embargo_at, doc.embargo_tz = dt.datetime(2025, 11, 4, 9, 30), "WITA"
    assert aids.release_line(doc) == "Untuk Disiarkan Tanggal Selasa, 4 November 2025, pukul 09.30 WITA"
    result = aids.analyse(doc)
    assert any("[kurung siku]" in w for w in result.warnings)
    doc.lead = " ".join(["kata"] * 45)
    doc.dateline_city = ""
    doc.body = "**Satu** dua tiga."
    result = aids.analyse(doc)
    assert result.lead_words == 45
    assert any("45 kata" in w for w in result.warnings)
    assert any("Dateline" in w or "dateline" in w for w in result.warnings)
    assert result.words == 45 + 3 + len(doc.quotes[0].text.split())
    assert result.reading_minutes == 1
