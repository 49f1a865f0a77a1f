"""Kits in the library: save, list, search, duplicate, export PDF/ZIP with the export log; the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest

from desktop.errors import ValidationError
from desktop.kits import store
from desktop.kits.spec import ArticlePart, ContactsPart, KitError, PhotosPart
from kits_support import article, body_text, image, pdf_text, placed_images


@pytest.fixture
def items(library, tmp_path):
    """An approved and a draft article, two photos, a contact with one public and one private phone."""
    from desktop.articles import store as articles
    from desktop.contacts import store as contacts
    from desktop.contacts.record import Email, Phone
    from desktop.photos import importer
    from desktop.photos import store as photos

    approved = articles.create_article(library, article("Rilis Disetujui", status="approved"))
    draft = articles.create_article(library, article("Rilis Draf", status="draft"))
    src = tmp_path / "src"
    src.mkdir()
    image(src / "a.jpg", (1200, 800))
    image(src / "b.jpg", (1600, 1200), orientation=6)
    result = importer.import_paths(library, [src], event="Rakor Pengawasan", workers=1, renditions=False)
    photo_ids = sorted(photos.photo_ids(library))
    assert len(photo_ids) == 2, result.to_json()
    for pid in photo_ids:
        photos.update_photo(library, pid, photos.PhotoEdit(caption=f"Suasana rapat {pid}", credit="Agus"))
    person = contacts.create_person(library, contacts.PersonInput(
        full_name="Siti Aminah", position="Kasubbag Humas", organization_name="Bawaslu Contoh",
        phones=[Phone("+6281200001111", public=True), Phone("+6281299998888", public=False)],
        emails=[Email("humas@contoh.example", public=True), Email("rahasia@contoh.example", public=False)],
    ))
    return {"approved": approved, "draft": draft, "photos": photo_ids, "person": person}


def kit_input(items, *, draft: bool = False, **kw) -> store.KitInput:
    parts = [store.PartInput("cover"), store.PartInput("article", items["approved"])]
    if draft:
        parts.append(store.PartInput("article", items["draft"]))
    parts += [store.PartInput("photo", pid) for pid in items["photos"]]
    parts += [store.PartInput("factsheet", title="Lembar Fakta", text="Pengawasan di **31** kecamatan."),
              store.PartInput("office"), store.PartInput("contact", items["person"])]
    return store.KitInput(kw.pop("title", "Kit Rakor Pengawasan"), dt.date(2025, 11, 3),
                          kw.pop("event", "Rakor Pengawasan Partisipatif"), parts=parts, **kw)


def test_create_list_search_duplicate_delete(library, items):
    kit_id = store.create_kit(library, kit_input(items))
    other = store.create_kit(library, kit_input(items, title="Kit Sosialisasi Kampus", event="Kampus"))
    assert [r.id for r in store.list_kits(library)] == [other, kit_id]  # same date: newest id first
    assert [r.id for r in store.list_kits(library, "rako")] == [kit_id]  # prefix of "Rakor"
    assert sorted(r.id for r in store.list_kits(library, "kecamatan")) == sorted([kit_id, other])  # fact sheets
    copy = store.duplicate_kit(library, kit_id)
    detail = store.get_kit(library, copy)
    assert detail.data.title.startswith("Kit Rakor Pengawasan")
    assert [p.kind for p in detail.data.parts] == [p.kind for p in kit_input(items).parts]
    assert store.count_kits(library) == 3
    store.delete_kit(library, copy)
    assert store.count_kits(library) == 2
    hits = [h.id for h in store.search_kits(library, "sosialisasi", 10)]
    assert hits == [other]
    from desktop.search import search

    assert [(h.type, h.id) for h in search(library, "sosialisasi kampus", types={"kit"})] == [("kit", other)]


def test_bad_input_changes_nothing(library, items):
    with pytest.raises(ValidationError, match="memerlukan judul"):
        store.create_kit(library, store.KitInput("  ", dt.date(2025, 1, 1)))
    bad = kit_input(items)
    bad.parts.append(store.PartInput("article", 99999))
    with pytest.raises(ValidationError, match="99999"):
        store.create_kit(library, bad)
    with pytest.raises(ValidationError):
        store.create_kit(library, kit_input(items, paper="letter"))
    assert store.count_kits(library) == 0


def test_build_spec_groups_photos_and_contacts_and_keeps_private_lines_out(library, items):
    kit_id = store.create_kit(library, kit_input(items, draft=True))
    spec = store.build_spec(library, kit_id)
    kinds = [p.kind for p in spec.parts]
    assert kinds == ["cover", "article", "article", "photos", "factsheet", "office", "contacts"]
    photos = next(p for p in spec.parts if isinstance(p, PhotosPart))
    assert len(photos.photos) == 2 and all(p.path.exists() for p in photos.photos)
    person = next(p for p in spec.parts if isinstance(p, ContactsPart)).contacts[0]
    assert person.phones == ["0812-0000-1111"] and person.emails == ["humas@contoh.example"]
    approvals = [p.approved for p in spec.parts if isinstance(p, ArticlePart)]
    assert approvals == [True, False] and spec.is_draft
    assert spec.office.name == "Badan Pengawas Pemilihan Umum Kabupaten Contoh"


def test_export_pdf_is_logged_and_reproducible(library, items, tmp_path):
    from desktop.photos import files
    from desktop.photos import store as photos

    kit_id = store.create_kit(library, kit_input(items))
    renditions = [files.rendition_path(library.path, photos.get_photo(library, pid).sha256) for pid in items["photos"]]
    assert not any(r.exists() for r in renditions)  # imported without print renditions
    first = store.export_pdf(library, kit_id, tmp_path / "a.pdf")
    assert all(r.exists() for r in renditions)  # made (and cached) by the first export
    second = store.export_pdf(library, kit_id, tmp_path / "b.pdf")
    assert first.sha256 == second.sha256 == hashlib.sha256((tmp_path / "a.pdf").read_bytes()).hexdigest()
    assert not first.draft
    data = (tmp_path / "a.pdf").read_bytes()
    text = body_text(data)
    assert "Rilis Disetujui" in text and "Suasana rapat" in text and "0812-0000-1111" in text
    assert "0812-9999-8888" not in text and "+6281299998888" not in text and "rahasia@contoh.example" not in text
    assert not any("DRAF" in page for page in pdf_text(data))
    for img in placed_images(data):
        assert img["px"][0] / (img["pt"][0] / 72) <= 300.01
    exports = store.get_kit(library, kit_id).exports
    assert len(exports) == 2
    assert {e.sha256 for e in exports} == {first.sha256}
    assert exports[0].staff == "Admin Uji" and exports[0].format == "pdf"


def test_draft_article_marks_the_pdf(library, items, tmp_path):
    kit_id = store.create_kit(library, kit_input(items, draft=True))
    result = store.export_pdf(library, kit_id, tmp_path / "draf.pdf")
    assert result.draft
    assert all("DRAF" in page for page in pdf_text((tmp_path / "draf.pdf").read_bytes()))


def test_missing_photo_original_names_the_part(library, items, tmp_path):
    from desktop.photos import files
    from desktop.photos import store as photos

    kit_id = store.create_kit(library, kit_input(items))
    info = photos.get_photo(library, items["photos"][1])
    library.managed(info.path).unlink()
    files.rendition_path(library.path, info.sha256).unlink(missing_ok=True)
    target = tmp_path / "kit.pdf"
    with pytest.raises(KitError) as err:
        store.export_pdf(library, kit_id, target)
    assert "bagian 4" in str(err.value) and "foto" in str(err.value)
    assert not target.exists()
    assert store.get_kit(library, kit_id).exports == []


def test_zip_for_journalists(library, items, tmp_path):
    from PIL import Image

    kit_id = store.create_kit(library, kit_input(items))
    result = store.export_zip(library, kit_id, tmp_path / "kit.zip")
    with zipfile.ZipFile(result.path) as zf:
        names = zf.namelist()
        base = "2025-11-03_kit-rakor-pengawasan/"
        assert names[0] == base + "2025-11-03_kit-rakor-pengawasan.pdf"
        docx = [n for n in names if n.endswith(".docx")]
        assert docx == [base + "artikel-01_rilis-disetujui.docx"]
        jpgs = [n for n in names if n.endswith(".jpg")]
        assert len(jpgs) == 2 and all(n.startswith(base + "foto/2025-") for n in jpgs)
        sizes = sorted(Image.open(io.BytesIO(zf.read(n))).size for n in jpgs)
        assert sizes == [(1200, 800), (1200, 1600)]  # full resolution, upright
        xmp = zf.read(jpgs[0])
        assert b"Suasana rapat" in xmp and b"Agus" in xmp
        import docx as python_docx

        document = python_docx.Document(io.BytesIO(zf.read(docx[0])))
        assert any("Rilis Disetujui" in p.text for p in document.paragraphs)
    again = store.export_zip(library, kit_id, tmp_path / "again.zip")
    with zipfile.ZipFile(result.path) as one, zipfile.ZipFile(again.path) as two:
        assert one.read(names[0]) == two.read(names[0])  # the PDF inside is the same kit, byte for byte
    assert [e.format for e in store.get_kit(library, kit_id).exports] == ["zip", "zip"]


def test_zip_word_file_of_a_draft_carries_the_draf_mark(library, items, tmp_path):
    import docx as python_docx

    kit_id = store.create_kit(library, kit_input(items, draft=True))
    with zipfile.ZipFile(store.export_zip(library, kit_id, tmp_path / "kit.zip").path) as zf:
        headers = {n: [p.text for p in python_docx.Document(io.BytesIO(zf.read(n))).sections[0].header.paragraphs]
                   for n in zf.namelist() if n.endswith(".docx")}
    assert [h for n, h in sorted(headers.items())] == [[""], ["DRAF — belum disetujui"]]  # approved, then draft


def test_cli_create_list_export(cli, library_path, library, items, tmp_path):
    library.close()
    lib = ["--library", str(library_path)]
    code, out, err = cli("kit", "create", "--title", "Kit CLI", "--date", "2025-11-03", "--paper", "f4",
                         "--article", items["approved"], "--photo", *items["photos"], "--contact", items["person"],
                         "--json", *lib)
    assert code == 0, err
    kit_id = json.loads(out)["id"]
    code, out, err = cli("kit", "list", "--json", *lib)
    assert code == 0 and [k["title"] for k in json.loads(out)["kits"]] == ["Kit CLI"]
    pdf = tmp_path / "kit.pdf"
    code, out, err = cli("kit", "export", kit_id, "-o", pdf, "--json", *lib)
    assert code == 0, err
    assert json.loads(out)["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    import pypdf

    box = pypdf.PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (609.45, 935.43)
    code, out, err = cli("kit", "export", kit_id, "--zip", "-o", tmp_path / "kit.zip", *lib)
    assert code == 0 and zipfile.is_zipfile(tmp_path / "kit.zip"), err
    code, out, err = cli("kit", "export", 999, "-o", tmp_path / "x.pdf", *lib)
    assert code == 2 and "999" in err and "Traceback" not in err
    code, out, err = cli("kit", "create", "--title", "Kosong", *lib)
    assert code == 2 and err.strip()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = cli("kit", "export", kit_id, "-o", blocker / "kit.pdf", *lib)
    assert code == 2 and "file" in err and not (blocker / "kit.pdf").exists()


def test_what_a_kit_prints_cannot_be_deleted_and_the_index_is_checked(library, items):
    """A kit names its items by foreign keys: deleting one is refused with a sentence naming the kit."""
    from sqlalchemy import text

    from desktop.articles import api as articles
    from desktop.check import run_checks
    from desktop.errors import ValidationError
    from desktop.kits import checks
    from desktop.photos import api as photos

    kit_id = store.create_kit(library, kit_input(items, draft=True))
    assert checks.check(library) == []
    with pytest.raises(ValidationError, match="Kit Rakor Pengawasan") as err:
        articles.delete_article(library, items["draft"])
    assert f"#{kit_id}" in str(err.value)
    assert articles.existing_ids(library, [items["draft"]]) == {items["draft"]}
    with pytest.raises(ValidationError, match="Kit Rakor Pengawasan"):
        photos.delete_photos(library, [items["photos"][0]])
    store.delete_kit(library, kit_id)
    articles.delete_article(library, items["draft"])  # nothing uses it any more
    kit_id = store.create_kit(library, kit_input({**items, "draft": items["approved"]}))
    with library.store.write() as tx:
        tx.session.execute(text("DELETE FROM fts_kits"))
    assert any("fts_kits" in p for p in checks.check(library))
    checks.check(library, repair=True)
    assert [r.id for r in store.list_kits(library, "rakor")] == [kit_id]
    assert run_checks(library) == []


def test_beranda_card_lists_recent_kits(library, items):
    from desktop.overview import cards

    kit_id = store.create_kit(library, kit_input(items))
    card = next(c for c in cards(library, None) if c.title == "Press kit terbaru")
    assert [(i.type, i.id) for i in card.items] == [("kit", kit_id)]
    assert card.items[0].text.startswith("Kit Rakor Pengawasan — 3 November 2025")


def test_missing_renditions_are_made_before_the_kit_and_reported_as_progress(library, tmp_path):
    from desktop.jobs import Progress
    from desktop.photos import files, importer
    from desktop.photos import store as photos

    src = tmp_path / "many"
    src.mkdir()
    for n in range(4):
        image(src / f"p{n}.jpg", (1600 + n, 1200), orientation=6 if n == 0 else None)
    importer.import_paths(library, [src], workers=1, renditions=False)
    ids = photos.photo_ids(library)
    seen = []
    store._make_renditions(library, ids, Progress(lambda d, t, c: seen.append((d, t))))
    for pid in ids:
        info = photos.get_photo(library, pid)
        assert files.rendition_path(library.path, info.sha256).is_file()
        assert info.rendition_state == "ok"
    assert seen[-1] == (4, 4)


def test_check_finds_stale_search_text_and_repair_fixes_it(library, items):
    """A title or fact sheet changed behind Warta's back leaves old index text: check says so."""
    from sqlalchemy import text

    from desktop.check import run_checks

    kit_id = store.create_kit(library, kit_input(items))
    assert run_checks(library) == []  # the service's index text is what the check computes
    with library.store.write() as tx:
        tx.session.execute(text("UPDATE kits SET title = 'Kit Sosialisasi Pilkada' WHERE id = :i"), {"i": kit_id})
    problems = run_checks(library)
    assert any("fts_kits" in p for p in problems)
    assert [r.id for r in store.list_kits(library, "sosialisasi")] == []
    run_checks(library, repair=True)
    assert run_checks(library) == []
    assert [r.id for r in store.list_kits(library, "sosialisasi")] == [kit_id]
    with library.store.write() as tx:
        tx.session.execute(text("UPDATE kit_parts SET text = 'Pemantauan di 12 desa' WHERE kind = 'factsheet'"))
    assert any("fts_kits" in p for p in run_checks(library))
    run_checks(library, repair=True)
    assert [r.id for r in store.list_kits(library, "pemantauan")] == [kit_id]
