"""Issue 16: the province's standard takes effect in the office that imports its style pack — new
articles start from the pack's template of their kind (window, command line, klarifikasi from a
claim) and the letterhead follows its kop rules (paper, capitals, double rule, contact line). The
province authors them itself (``warta office template|kop``, ``exchange.save_standard``); an office's
own later edit stays until the next pack."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from exchange_support import offices, snapshot  # noqa: F401 - fixture
from kits_support import article, pdf_text

MM = 72 / 25.4
LEAD = "[Standar Jatim: satu kalimat 5W1H, paling banyak 35 kata.]"
BODY = "## Inti\n\n[Paragraf kedua: angka dan fakta.]\n\n## Penutup\n\n[Tindak lanjut dan narahubung.]"
KLAR_LEAD = "[Standar Jatim: klaim mana yang keliru dan apa faktanya.]"
KOP = {"paper": "f4", "name_in_capitals": False, "double_rule": False, "contact_line": True}


def _pack(province, tmp_path, name="pack", templates=None, kop=None):  # noqa: ANN001, ANN202
    """The province's style pack after its Admin set ``templates`` / ``kop`` as its own standard."""
    from desktop.exchange import api as exchange

    if templates is not None or kop is not None:
        exchange.save_standard(province, templates=templates, kop=kop)
    path = tmp_path / f"{name}.wartabundle"
    exchange.export_style_pack(province, path)
    return path


def _forged(province, tmp_path, name, kop):  # noqa: ANN001, ANN202
    """A pack whose kop this Warta would never write (the province's own Warta refuses it), signed with its key:
    what an older or a tampered-with Warta could send."""
    from desktop.exchange import api as exchange
    from desktop.exchange import keys

    path = tmp_path / f"{name}.wartabundle"
    exchange.export_style_pack(province, path)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    content = json.loads(members["content.json"])
    content["sections"]["kop"] = kop
    members["content.json"] = json.dumps(content, ensure_ascii=False).encode()
    manifest = json.loads(members["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == "content.json":
            f["size"], f["sha256"] = len(members["content.json"]), hashlib.sha256(members["content.json"]).hexdigest()
    raw = json.dumps(manifest).encode()
    members["manifest.json"], members["manifest.sig"] = raw, base64.b64encode(keys.sign(province, raw))
    out = tmp_path / f"{name}-forged.wartabundle"
    with zipfile.ZipFile(out, "w") as zout:
        for n, d in members.items():
            zout.writestr(n, d)
    return out


def _standard_pack(province, tmp_path):  # noqa: ANN001, ANN202
    return _pack(province, tmp_path, templates={"siaran_pers": {"lead": LEAD, "body": BODY},
                                                "klarifikasi": {"lead": KLAR_LEAD, "body": "[Badan standar]"}},
                 kop=KOP)


def _page_mm(data: bytes) -> tuple[int, int]:
    import pypdf

    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width) / MM), round(float(box.height) / MM)


@pytest.fixture
def library(offices):
    """The kabupaten office: the window (``main_window``) opens on it."""
    return offices[1]


def test_the_preview_says_what_takes_effect_and_unknown_kop_values_are_refused(offices, tmp_path, english):
    from desktop.errors import ValidationError
    from desktop.exchange import api as exchange

    province, kab = offices
    changes = exchange.preview(kab, _standard_pack(province, tmp_path)).changes
    assert any("New articles of these kinds start from the pack's template" in c and "Press release" in c
               and "Clarification" in c for c in changes), changes
    assert any("printed on F4 / Folio (215 × 330 mm) paper" in c for c in changes), changes
    kop = [c for c in changes if "letterhead (kop)" in c]
    assert len(kop) == 1 and "not in capitals" in kop[0] and "single rule" in kop[0], changes
    assert not any("contact line" in c for c in changes)  # a rule the pack leaves as it was is not mentioned

    before = snapshot(kab)
    for n, (bad, sentence) in enumerate([
        ({"paper": "b5"}, "the paper size 'b5' is not one Warta prints on"),
        ({"paper": "a4", "double_rule": "ya"}, "'double_rule' must be true or false"),
    ]):
        with pytest.raises(ValidationError, match=sentence):
            exchange.save_standard(province, kop=bad)  # the province's own Warta refuses to write it
        path = _forged(province, tmp_path, f"bad{n}", bad)
        for attempt in (exchange.preview, exchange.import_bundle):
            with pytest.raises(exchange.ExchangeError, match=sentence):
                attempt(kab, path)
    assert snapshot(kab) == before


def test_new_articles_start_from_the_pack_template_in_the_window_and_the_cli(
        offices, main_window, qtbot, tmp_path, cli, monkeypatch):
    from desktop.articles import api as articles
    from desktop.claims import api as claims
    from desktop.exchange import api as exchange

    province, kab = offices
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    builtin = articles.template_doc("pengumuman")
    pack = _standard_pack(province, tmp_path)

    # Imported in the window: the preview lists the changes and says they take effect on Apply.
    from test_exchange_window import _click_when_shown

    from PySide6.QtWidgets import QFileDialog, QLabel

    exchange_view = main_window.show_section("exchange")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pack), ""))
    _click_when_shown(qtbot, exchange_view, "preview_dialog", "apply_button")
    qtbot.mouseClick(exchange_view.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: exchange.template_for(kab, "siaran_pers") is not None, timeout=20_000)
    main_window.ctx.tasks.wait_all()
    dialog = exchange_view.preview_dialog
    assert "Kop" in dialog.changes.toPlainText() or "kop" in dialog.changes.toPlainText()
    assert any("langsung berlaku" in label.text() for label in dialog.findChildren(QLabel))
    qtbot.waitUntil(lambda: "kini berlaku" in main_window.statusBar().currentMessage(), timeout=5000)

    section = main_window.show_section("articles")
    button = section.findChild(QToolButton, "article-new")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    made = articles.load(kab, section.editor.article_id).doc
    assert made.kind == "siaran_pers" and (made.lead, made.body) == (LEAD, BODY)
    assert "[Paragraf kedua: angka dan fakta.]" in section.editor.body.toPlainText()  # what the writer sees
    assert made.dateline_city == kab_city(kab)  # the office's own defaults still fill the rest
    # A kind the pack has no template for starts from the built-in one.
    action = next(a for a in button.menu().actions() if a.text() == articles.kind_label("pengumuman"))
    action.trigger()
    other = articles.load(kab, section.editor.article_id).doc
    assert other.kind == "pengumuman" and (other.lead, other.body) == (builtin.lead, builtin.body)

    code, out, err = cli("article", "new", "siaran_pers", "--title", "Rapat Koordinasi", "--library", kab.path,
                         "--json")
    assert code == 0, err
    new = json.loads(out)
    stored = articles.load(kab, new["id"]).doc
    assert (stored.title, stored.lead, stored.body) == ("Rapat Koordinasi", LEAD, BODY)
    code, out, err = cli("article", "new", "pengumuman", "--library", kab.path)
    assert code == 0 and "draf" in out.lower(), (out, err)

    # The klarifikasi from a claim: the pack's lead, the claim's own facts in the body.
    claim_id = claims.create_claim(kab, claims.ClaimInput(
        text="Surat suara sudah dicoblos beredar di grup", first_seen=dt.datetime(2026, 11, 5, 9, 30),
        platform="WhatsApp",
        facts="Surat suara masih tersegel di gudang KPU."))
    klar = articles.load(kab, claims.make_klarifikasi(kab, claim_id)).doc
    assert klar.lead == KLAR_LEAD
    assert "Surat suara masih tersegel di gudang KPU." in klar.body and "[Badan standar]" not in klar.body


def kab_city(library) -> str:  # noqa: ANN001
    from desktop import office

    return office.load(library).city


def kab_address(library) -> str:  # noqa: ANN001
    from desktop import office

    return " ".join(office.load(library).address.split())


def test_release_pdf_and_approval_sheet_follow_the_kop_rules(offices, tmp_path):
    from desktop.articles import api as articles
    from desktop.exchange import api as exchange

    province, kab = offices
    article_id = articles.create_article(kab, article("Bawaslu Jember Gelar Apel Siaga"))
    before = articles.release_pdf(kab, article_id)
    assert _page_mm(before) == (210, 297)
    first = pdf_text(before)[0]
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEMBER" in first

    exchange.import_bundle(kab, _standard_pack(province, tmp_path))
    after = articles.release_pdf(kab, article_id)
    assert _page_mm(after) == (215, 330)
    first = pdf_text(after)[0]
    assert "Badan Pengawas Pemilihan Umum Kabupaten Jember" in first
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEMBER" not in first
    assert articles.release_pdf(kab, article_id) == after  # still the same bytes for the same article
    sheet = articles.sheet_pdf(kab, article_id)
    assert _page_mm(sheet) == (215, 330)
    assert "Badan Pengawas Pemilihan Umum Kabupaten Jember" in pdf_text(sheet)[0]
    (tmp_path / "kop-f4.pdf").write_bytes(after)
    (tmp_path / "sheet-f4.pdf").write_bytes(sheet)

    # A newer pack: US Letter, the name in capitals again, no address and contact line.
    address = kab_address(kab)
    assert address and address in pdf_text(after)[0]
    exchange.import_bundle(kab, _pack(province, tmp_path, name="letter", kop={
        "paper": "letter", "name_in_capitals": True, "double_rule": True, "contact_line": False}))
    letter = articles.release_pdf(kab, article_id)
    assert _page_mm(letter) == (216, 279)
    first = pdf_text(letter)[0]
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEMBER" in first and address not in first

    # A kit keeps the paper chosen in it, with the standard's letterhead.
    from desktop.kits import api as kits

    kit = kits.create_kit(kab, kits.KitInput("Kit Apel", dt.date(2026, 11, 10), "", "a4", 1,
                                             [kits.PartInput("article", article_id)]))
    pdf = kits.render_pdf(kab, kit)
    assert _page_mm(pdf) == (210, 297)
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEMBER" in pdf_text(pdf)[0]
    assert address not in pdf_text(pdf)[0]


def test_without_a_changed_standard_nothing_changes(offices, tmp_path):
    """No pack, or a pack carrying Warta's own templates and today's kop: same new article, same bytes."""
    from desktop.articles import api as articles
    from desktop.exchange import api as exchange

    province, kab = offices
    assert exchange.kop_rules(kab) == {"paper": "a4", "name_in_capitals": True, "double_rule": True,
                                       "contact_line": True}
    assert exchange.template_for(kab, "siaran_pers") is None
    fresh = articles.new_doc(kab, "siaran_pers")
    builtin = articles.template_doc("siaran_pers")
    assert (fresh.lead, fresh.body) == (builtin.lead, builtin.body)
    article_id = articles.create_article(kab, article("Bawaslu Jember Gelar Apel Siaga"))
    release, sheet = articles.release_pdf(kab, article_id), articles.sheet_pdf(kab, article_id)

    pack = _pack(province, tmp_path)  # the province never changed Warta's templates or kop
    changes = exchange.preview(kab, pack).changes
    assert not any("template" in c.lower() or "kop" in c.lower() for c in changes), changes
    exchange.import_bundle(kab, pack)
    assert articles.release_pdf(kab, article_id) == release
    assert articles.sheet_pdf(kab, article_id) == sheet
    again = articles.new_doc(kab, "siaran_pers")
    assert (again.lead, again.body) == (builtin.lead, builtin.body)


# -- the province authors its own standard: CLI (and api), export, import, the office's own edit ---------


def _pack_content(path) -> dict:  # noqa: ANN001
    """The sections a pack carries, read (never rewritten)."""
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("content.json"))["sections"]


def test_the_province_authors_templates_and_kop_by_the_cli_and_offices_follow(offices, tmp_path, cli, monkeypatch):
    from desktop.articles import api as articles
    from desktop.exchange import api as exchange

    province, kab = offices
    monkeypatch.setenv("WARTA_USER", "Admin Uji")
    (tmp_path / "lead.txt").write_text(LEAD + "\n", encoding="utf-8")
    (tmp_path / "body.md").write_text(BODY, encoding="utf-8")
    code, out, err = cli("office", "template", "set", "siaran_pers", "--lead-file", tmp_path / "lead.txt",
                         "--body-file", tmp_path / "body.md", "--library", province.path, "--json")
    assert code == 0, err
    assert json.loads(out) == {"kind": "siaran_pers", "lead": LEAD, "body": BODY, "builtin": False}
    code, out, err = cli("office", "kop", "set", "--paper", "f4", "--name-in-capitals", "no", "--double-rule", "no",
                         "--library", province.path, "--json")
    assert code == 0, err
    assert json.loads(out) == KOP
    code, out, err = cli("office", "kop", "show", "--library", province.path)
    assert code == 0 and "F4 / Folio (215 × 330 mm)" in out, (out, err)
    # The province's own Warta prints by its standard too (one source of truth).
    assert articles.new_doc(province, "siaran_pers").lead == LEAD

    pack = tmp_path / "jatim-1.wartabundle"
    code, out, err = cli("exchange", "export", "style-pack", "-o", pack, "--library", province.path, "--json")
    assert code == 0, err
    carried = _pack_content(pack)
    assert carried["templates"]["siaran_pers"] == {"lead": LEAD, "body": BODY} and carried["kop"] == KOP
    assert carried["templates"]["pengumuman"] == exchange.builtin_template("pengumuman")

    article_id = articles.create_article(kab, article("Bawaslu Jember Gelar Apel Siaga"))
    exchange.import_bundle(kab, pack)
    fresh = articles.new_doc(kab, "siaran_pers")
    assert (fresh.lead, fresh.body) == (LEAD, BODY)
    assert _page_mm(articles.release_pdf(kab, article_id)) == (215, 330)

    # The office's own later edit holds (and is what its own pack would carry) until the next pack.
    (tmp_path / "own.txt").write_text("[Lead versi Jember.]", encoding="utf-8")
    code, out, err = cli("office", "template", "set", "siaran_pers", "--lead-file", tmp_path / "own.txt",
                         "--library", kab.path)
    assert code == 0, err
    code, out, err = cli("office", "kop", "set", "--paper", "a4", "--library", kab.path)
    assert code == 0, err
    assert (articles.new_doc(kab, "siaran_pers").lead, articles.new_doc(kab, "siaran_pers").body) == (
        "[Lead versi Jember.]", BODY)  # only the lead was given: the body stays the province's
    assert _page_mm(articles.release_pdf(kab, article_id)) == (210, 297)
    exchange.export_style_pack(kab, tmp_path / "jember.wartabundle")
    assert _pack_content(tmp_path / "jember.wartabundle")["templates"]["siaran_pers"]["lead"] == "[Lead versi Jember.]"

    # The province's next pack supersedes the office's edit; a kind reset there is built-in again here.
    code, out, err = cli("office", "template", "reset", "siaran_pers", "--library", province.path, "--json")
    assert code == 0 and json.loads(out)["builtin"] is True, err
    assert exchange.template_for(province, "siaran_pers") is None
    exchange.save_standard(province, templates={"klarifikasi": {"lead": KLAR_LEAD}})
    exchange.import_bundle(kab, _pack(province, tmp_path, name="jatim-2"))
    builtin = exchange.builtin_template("siaran_pers")
    again = articles.new_doc(kab, "siaran_pers")
    assert (again.lead, again.body) == (builtin["lead"], builtin["body"])
    assert articles.new_doc(kab, "klarifikasi").lead == KLAR_LEAD
    assert exchange.kop_rules(kab) == KOP and _page_mm(articles.release_pdf(kab, article_id)) == (215, 330)


def test_the_cli_refuses_bad_values_and_non_admins_with_a_sentence(offices, tmp_path, cli, monkeypatch):
    from desktop import staff
    from desktop.exchange import api as exchange

    province, _kab = offices
    monkeypatch.setenv("WARTA_USER", "Admin Uji")
    before = (exchange.own_templates(province), exchange.kop_rules(province))
    (tmp_path / "lead.txt").write_text("x", encoding="utf-8")
    for argv, sentence in [
        (("kop", "set", "--paper", "b5"), "the paper size 'b5' is not one Warta prints on"),
        (("kop", "set", "--double-rule", "maybe"), "'double_rule' must be true or false, not 'maybe'"),
        (("template", "set", "rilis", "--lead-file", tmp_path / "lead.txt"), "Warta has no article kind 'rilis'"),
        (("template", "show", "rilis"), "Warta has no article kind 'rilis'"),
        (("template", "set", "siaran_pers"), "Give --lead-file, --body-file or both"),
        (("template", "set", "siaran_pers", "--lead-file", tmp_path / "missing.txt"), "Cannot read"),
    ]:
        code, out, err = cli("--lang", "en", "office", *argv, "--library", province.path)
        assert code == 2 and sentence in err, (argv, out, err)
    (tmp_path / "long.txt").write_text("x" * 20_001, encoding="utf-8")
    code, out, err = cli("--lang", "en", "office", "template", "set", "berita_kegiatan",
                         "--lead-file", tmp_path / "long.txt", "--library", province.path)
    assert code == 2 and "longer than 20000 characters" in err, err

    staff.create(province, staff.StaffInput(name="Penulis Uji", position="Staf", role="writer"))
    monkeypatch.setenv("WARTA_USER", "Penulis Uji")
    for argv in (("kop", "set", "--paper", "f4"), ("template", "reset", "siaran_pers")):
        code, out, err = cli("--lang", "en", "office", *argv, "--library", province.path)
        assert code == 2 and "Only an Admin can change" in err, (out, err)
    code, out, err = cli("office", "kop", "show", "--library", province.path, "--json")
    assert code == 0 and json.loads(out)["paper"] == "a4"  # anyone may read it
    assert (exchange.own_templates(province), exchange.kop_rules(province)) == before


def test_the_laporan_kehumasan_letterhead_follows_the_kop(offices, tmp_path):
    from reportlab.platypus import Paragraph

    from desktop.exchange import api as exchange
    from desktop.kits import api as kits

    province, kab = offices

    def report() -> bytes:
        return kits.letterhead_pdf(kab, [Paragraph("Laporan kehumasan November 2026")], title="Laporan",
                                   dated=dt.date(2026, 12, 1))

    before = report()
    assert "BADAN PENGAWAS PEMILIHAN UMUM KABUPATEN JEMBER" in pdf_text(before)[0]
    assert kab_address(kab) in pdf_text(before)[0]
    exchange.import_bundle(kab, _pack(province, tmp_path, kop={
        "paper": "f4", "name_in_capitals": False, "double_rule": False, "contact_line": False}))
    after = report()
    first = pdf_text(after)[0]
    assert "Badan Pengawas Pemilihan Umum Kabupaten Jember" in first and kab_address(kab) not in first
    assert _page_mm(after) == (210, 297)  # the report keeps A4
    assert report() == after


@pytest.mark.sqlite_file  # builds the older database file itself
def test_the_migration_keeps_the_standard_of_the_newest_imported_pack(tmp_path):
    from migrations_support import database_at

    from desktop.exchange import api as exchange
    from desktop.library import Library

    def bundle(n: int, sections: dict) -> str:
        return ("INSERT INTO exchange_bundles (bundle_uid, direction, kind, office_uid, office_name, sequence, "
                "created_at, processed_at, file_name, sha256, content, summary) VALUES "
                f"('b{n}', 'import', 'style-pack', 'u', 'Jatim', {n}, '2026-11-0{n}', '2026-11-0{n}', '', '', "
                f"'{json.dumps(sections)}', '')")

    path = tmp_path / "old"
    with database_at(path, "0010_reports") as conn:
        conn.exec_driver_sql(bundle(1, {"kop": {"paper": "letter"}}))
        conn.exec_driver_sql(bundle(2, {"templates": {"siaran_pers": {"lead": "[Lama]", "body": "[Isi]"}},
                                        "kop": KOP}))
    lib = Library.open(path)
    try:
        assert exchange.template_for(lib, "siaran_pers") == {"lead": "[Lama]", "body": "[Isi]"}
        assert exchange.kop_rules(lib) == KOP
    finally:
        lib.close()
