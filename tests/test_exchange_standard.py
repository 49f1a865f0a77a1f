"""Issue 16: the province's standard takes effect in the office that imports its style pack — new
articles start from the pack's template of their kind (window, command line, klarifikasi from a
claim) and the letterhead follows its kop rules (paper, capitals, double rule, contact line)."""

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
    """The province's style pack with ``templates`` / ``kop`` replaced, signed again with its key.

    A province has no editor for its templates and kop yet: its pack carries what it imported
    itself, else Warta's own, so the test writes the changed parts into the signed content.
    """
    from desktop.exchange import api as exchange
    from desktop.exchange import keys

    path = tmp_path / f"{name}.wartabundle"
    exchange.export_style_pack(province, path)
    if templates is None and kop is None:
        return path
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    content = json.loads(members["content.json"])
    if templates is not None:
        content["sections"]["templates"].update(templates)
    if kop is not None:
        content["sections"]["kop"] = kop
    members["content.json"] = json.dumps(content, ensure_ascii=False).encode()
    manifest = json.loads(members["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == "content.json":
            f["size"], f["sha256"] = len(members["content.json"]), hashlib.sha256(members["content.json"]).hexdigest()
    raw = json.dumps(manifest).encode()
    members["manifest.json"], members["manifest.sig"] = raw, base64.b64encode(keys.sign(province, raw))
    out = tmp_path / f"{name}-changed.wartabundle"
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
        path = _pack(province, tmp_path, name=f"bad{n}", kop=bad)
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
    exchange.import_bundle(kab, _pack(province, tmp_path, name="letter", kop={"paper": "letter",
                                                                             "contact_line": False}))
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
