"""Editing, filtering, searching, near-duplicates, deletion, export and checks of the photo archive."""

from __future__ import annotations

import datetime as dt

import photos_support as ps
import pytest
from PIL import Image

from desktop.errors import ValidationError
from desktop.photos import checks, export, importer, store


@pytest.fixture
def three(library, tmp_path):
    src = tmp_path / "src"
    ps.jpeg(src / "a.jpg", seed=1, taken=dt.datetime(2025, 1, 10, 9, 0))
    ps.jpeg(src / "b.jpg", seed=2, taken=dt.datetime(2025, 2, 20, 9, 0))
    ps.jpeg(src / "c.jpg", seed=3, taken=dt.datetime(2025, 3, 30, 9, 0))
    result = importer.import_paths(library, [src], workers=1, renditions=False)
    a, b, c = result.added  # input order: sorted paths
    return a, b, c


def test_edit_one_photo_and_find_it(library, three):
    from desktop.contacts import api as contacts

    a, b, c = three
    first = contacts.create_person(library, contacts.PersonInput(full_name="Siti Aminah"))
    second = contacts.create_person(library, contacts.PersonInput(full_name="Ahmad Fauzi"))
    with pytest.raises(ValidationError):
        store.update_photo(library, a, store.PhotoEdit(people=[second + 100]))
    store.update_photo(
        library,
        a,
        store.PhotoEdit(
            caption="Ketua Bawaslu membuka Rapat Koordinasi",
            credit="Foto: Dewi/Humas",
            date=dt.date(2025, 1, 11),
            event="Rapat Koordinasi Pengawasan",
            location="Aula Kantor",
            tags=["rapat", "Kampanye"],
            usage_notes="Hanya untuk siaran pers",
            pilihan=True,
            albums=["Pilkada 2024", "Sampul"],
            people=[second, first],
        ),
    )
    info = store.get_photo(library, a)
    assert info.caption == "Ketua Bawaslu membuka Rapat Koordinasi"
    assert info.event == "Rapat Koordinasi Pengawasan"
    assert info.tags == ["rapat", "kampanye"]
    assert info.albums == ["Pilkada 2024", "Sampul"]
    assert info.people == [first, second]
    assert info.pilihan and info.date == dt.date(2025, 1, 11)
    for query in ("koordinasi", "aula", "kampanye", "Dewi", "pengawasan"):
        assert store.photo_ids(library, store.PhotoFilter(search=query)) == [a], query
    assert store.photo_ids(library, store.PhotoFilter(pilihan=True)) == [a]
    album = next(x.id for x in store.list_albums(library) if x.name == "Sampul")
    assert store.photo_ids(library, store.PhotoFilter(album_id=album)) == [a]
    assert store.photo_ids(library, store.PhotoFilter(tag="rapat")) == [a]
    assert store.photo_ids(library, store.PhotoFilter(person_id=second)) == [a]
    hits = __import__("desktop.search", fromlist=["search"]).search(library, "koordinasi")
    assert [(h.type, h.id) for h in hits if h.type == "photo"] == [("photo", a)]


def test_date_range_and_order(library, three):
    a, b, c = three
    assert store.photo_ids(library) == [c, b, a]  # newest first
    f = store.PhotoFilter(date_from=dt.date(2025, 2, 1), date_to=dt.date(2025, 3, 1))
    assert store.photo_ids(library, f) == [b]
    assert store.count_photos(library, f) == 1
    rows = store.grid_rows(library, offset=1, limit=1)
    assert [r.id for r in rows] == [b]


def test_bulk_edit_sets_event_credit_location_tags_albums(library, three):
    a, b, c = three
    store.update_photo(library, a, store.PhotoEdit(tags=["lama"]))
    count = store.bulk_update(
        library,
        [a, b],
        store.BulkEdit(event="Apel Siaga", credit="dok. Humas", location="Alun-alun", add_tags=["apel"], add_albums=["Apel"]),
    )
    assert count == 2
    for pid in (a, b):
        info = store.get_photo(library, pid)
        assert (info.event, info.credit, info.location, info.albums) == ("Apel Siaga", "dok. Humas", "Alun-alun", ["Apel"])
        assert "apel" in info.tags
    assert store.get_photo(library, a).tags == ["lama", "apel"]
    assert store.get_photo(library, c).event == ""
    event = next(e.id for e in store.list_events(library) if e.name == "Apel Siaga")
    assert sorted(store.photo_ids(library, store.PhotoFilter(event_id=event))) == sorted([a, b])
    assert sorted(store.photo_ids(library, store.PhotoFilter(search="alun"))) == sorted([a, b])


def test_bulk_edit_with_an_unknown_id_changes_nothing(library, three):
    a, _b, _c = three
    with pytest.raises(ValidationError):
        store.bulk_update(library, [a, 9999], store.BulkEdit(credit="X"))
    assert store.get_photo(library, a).credit == "dok. Bawaslu Contoh"


def test_near_duplicates_pairs_a_resized_copy(library, tmp_path):
    src = tmp_path / "dup"
    big = ps.jpeg(src / "asli.jpg", seed=11, size=(1600, 1200), quality=95)
    with Image.open(big) as img:
        img.resize((800, 600)).save(src / "kecil.jpg", "JPEG", quality=55)
    ps.jpeg(src / "lain.jpg", seed=12, size=(1600, 1200))
    result = importer.import_paths(library, [src], workers=1, renditions=False)
    ids = dict(zip(["asli.jpg", "kecil.jpg", "lain.jpg"], result.added))  # sorted path order
    pairs = store.near_duplicates(library)
    assert [(p.a, p.b) for p in pairs] == [tuple(sorted((ids["asli.jpg"], ids["kecil.jpg"])))]


def test_delete_removes_row_and_files(library, three):
    a, b, _c = three
    info = store.get_photo(library, a)
    store.print_rendition(library, a)
    assert store.delete_photos(library, [a]) == 1
    assert not library.managed(info.path).exists()
    assert not (library.path / "thumbnails" / info.sha256[:2] / f"{info.sha256}.jpg").exists()
    assert not (library.path / "renditions" / info.sha256[:2] / f"{info.sha256}.jpg").exists()
    assert store.photo_ids(library) == [three[2], b]
    with pytest.raises(ValidationError):
        store.get_photo(library, a)


def test_photo_meta_for_press_kits(library, three):
    a, _b, _c = three
    store.update_photo(library, a, store.PhotoEdit(caption="Keterangan", event="Rapat"))
    meta = store.photo_meta(library, a)
    assert meta["caption"] == "Keterangan" and meta["event"] == "Rapat"
    assert meta["credit"] == "dok. Bawaslu Contoh"
    assert meta["date"] == dt.date(2025, 1, 10)


def test_export_names_resizes_and_embeds(library, three, tmp_path):
    a, b, _c = three
    store.bulk_update(library, [a, b], store.BulkEdit(event="Rapat Pleno Terbuka", caption="Suasana rapat"))
    out = tmp_path / "kirim"
    result = export.export_photos(library, [a, b], out, long_edge=1600)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["2025-01-10_rapat-pleno-terbuka_001.jpg", "2025-02-20_rapat-pleno-terbuka_002.jpg"]
    assert result.metadata_embedded and not result.failed
    with Image.open(out / names[0]) as img:
        assert img.getexif()[0x010E] == "Suasana rapat"
        assert img.getexif()[0x013B] == "dok. Bawaslu Contoh"
    # Again into the same folder: nothing is overwritten.
    export.export_photos(library, [a], out, long_edge=2048)
    assert len(list(out.iterdir())) == 3


def test_original_export_keeps_the_original_image_and_adds_only_its_caption(library, three, tmp_path):
    a, _b, _c = three
    info = store.get_photo(library, a)
    result = export.export_photos(library, [a], tmp_path / "asli", long_edge=0)
    assert result.metadata_embedded
    written = tmp_path / "asli" / result.written[0]["file"].rsplit("/", 1)[1]
    original = library.managed(info.path).read_bytes()
    exported = written.read_bytes()
    # The compressed image data (from the first quantisation table on) is the original's, byte for byte.
    assert exported[exported.index(b"\xff\xdb"):] == original[original.index(b"\xff\xdb"):]


def test_check_reports_missing_and_damaged_originals_and_repairs_thumbnails(library, three):
    a, b, c = three
    info_a, info_b, info_c = (store.get_photo(library, i) for i in three)
    assert checks.check(library) == []
    library.managed(info_a.path).unlink()
    library.managed(info_b.path).write_bytes(b"rusak")
    thumb_c = library.path / "thumbnails" / info_c.sha256[:2] / f"{info_c.sha256}.jpg"
    thumb_c.unlink()
    problems = checks.check(library)
    assert any(f"{a}" in p and info_a.path in p for p in problems)
    assert any(f"{b}" in p and info_b.path in p for p in problems)
    assert any(str(c) in p for p in problems)
    repaired = checks.check(library, repair=True)
    assert thumb_c.is_file()
    from desktop.check import repaired as mark

    unresolved = [p for p in repaired if not p.startswith(mark(""))]
    assert len(unresolved) == 2  # originals cannot be repaired, only restored


def test_demo_photos_are_stored_like_imports(library):
    import random

    from desktop.jobs import Progress
    from desktop.photos import demo

    demo.generate(library, {"photos": 6}, random.Random(1), Progress())
    rows = store.listing(library)
    assert len(rows) == 6
    assert all(r["caption"] and r["event"] and r["taken"] for r in rows)
    assert checks.check(library) == []  # every original matches its hash, thumbnails present
    assert store.search_photos(library, rows[0]["event"].split()[0], 10)
