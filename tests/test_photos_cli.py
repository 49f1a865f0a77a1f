"""``warta photos import|list|set|export`` keep the command-line contract."""

from __future__ import annotations

import json

import photos_support as ps


def test_import_list_set_export(cli, library_path, tmp_path):
    src = tmp_path / "src"
    ps.jpeg(src / "IMG_1.jpg", seed=1)
    ps.jpeg(src / "IMG_2.jpg", seed=2)
    (src / "rusak.jpg").write_bytes(b"\xff\xd8\xff\xe0 nope")

    code, out, err = cli("photos", "import", str(src), "--event", "Apel Siaga", "--library", library_path, "--json")
    assert code == 1, err
    payload = json.loads(out)
    assert len(payload["added"]) == 2 and len(payload["rejected"]) == 1
    assert payload["rejected"][0]["source"].endswith("rusak.jpg")

    code, out, _err = cli("photos", "import", str(src / "IMG_1.jpg"), "--library", library_path, "--json")
    assert code == 0 and len(json.loads(out)["existing"]) == 1

    code, out, _err = cli("photos", "list", "--library", library_path, "--json")
    photos = json.loads(out)["photos"]
    assert {p["file"] for p in photos} == {"IMG_1.jpg", "IMG_2.jpg"}
    assert set(photos[0]) == {"id", "file", "caption", "credit", "event", "taken"}
    assert photos[0]["event"] == "Apel Siaga"
    ids = [str(p["id"]) for p in photos]

    code, out, err = cli(
        "photos", "set", *ids, "--caption", "Apel siaga pengawasan", "--credit", "Foto: Budi",
        "--location", "Alun-alun", "--tag", "apel", "--library", library_path, "--json",
    )
    assert code == 0, err
    code, out, _err = cli("photos", "list", "--library", library_path, "--json")
    assert {(p["caption"], p["credit"]) for p in json.loads(out)["photos"]} == {("Apel siaga pengawasan", "Foto: Budi")}

    code, out, err = cli("photos", "export", *ids, "--long-edge", "1600", "-o", tmp_path / "out",
                         "--library", library_path, "--json")
    assert code == 0, err
    written = json.loads(out)["written"]
    assert len(written) == 2 and all("apel-siaga" in w["file"] for w in written)


def test_errors_are_one_sentence_without_traceback(cli, library_path, tmp_path):
    code, _out, err = cli("photos", "set", "999", "--caption", "x", "--library", library_path)
    assert code == 2 and "999" in err and "Traceback" not in err
    code, _out, err = cli("photos", "set", "1", "--library", library_path)
    assert code == 2 and "--caption" in err
    code, _out, err = cli("photos", "export", "1", "--long-edge", "999", "-o", tmp_path, "--library", library_path)
    assert code == 2 and "1600" in err
    code, out, _err = cli("photos", "import", str(tmp_path / "nothing"), "--library", library_path, "--json")
    assert code == 2 and json.loads(out)["rejected"]


def test_import_json_lists_ids_in_input_order_and_ids_are_deterministic(cli, template_library, tmp_path):
    """Two fresh libraries fed the same folder get the same id for the same file."""
    from conftest import copy_library

    src = tmp_path / "kartu"
    names = ["b.jpg", "a.jpg", "sub/c.jpg", "z.jpg", "sub/a.jpg", "d.jpg"]
    for seed, name in enumerate(names, start=1):
        # Different sizes so the workers finish out of order.
        ps.jpeg(src / name, seed=seed, size=(1800, 1200) if seed % 2 else (200, 150))
    ps.jpeg(src / "copy.jpg", seed=2, size=(200, 150))  # same bytes as a.jpg
    (src / "rusak.jpg").write_bytes(b"\xff\xd8\xff\xe0 nope")
    mappings = []
    for run in ("one", "two"):
        lib = copy_library(template_library, tmp_path / run)
        code, out, err = cli("photos", "import", str(src), "--library", lib, "--json")
        assert code == 1, err
        payload = json.loads(out)
        assert all(isinstance(i, int) for i in payload["added"] + payload["existing"])
        assert payload["rejected"] == [{"source": str(src / "rusak.jpg"), "reason": payload["rejected"][0]["reason"]}]
        code, out, _err = cli("photos", "list", "--library", lib, "--json")
        files = {p["id"]: p["file"] for p in json.loads(out)["photos"]}
        # Sorted path order: a, b, copy (existing), d, sub/a, sub/c, z.
        assert [files[i] for i in payload["added"]] == ["a.jpg", "b.jpg", "d.jpg", "a.jpg", "c.jpg", "z.jpg"]
        assert payload["added"] == sorted(payload["added"])  # ids assigned in that order
        assert payload["existing"] == [payload["added"][0]]
        mappings.append(files)
    assert mappings[0] == mappings[1]


def test_check_finds_stale_search_text_and_repair_fixes_it(cli, library_path, tmp_path):
    """A caption changed behind Warta's back (raw SQL) leaves old index text: check says so."""

    ps.jpeg(tmp_path / "src" / "a.jpg", seed=1)
    lib = ("--library", library_path)
    code, out, err = cli("photos", "import", str(tmp_path / "src"), *lib, "--json")
    (photo_id,) = json.loads(out)["added"]
    assert cli("photos", "set", str(photo_id), "--caption", "Apel siaga", "--tag", "pleno", *lib)[0] == 0
    assert json.loads(cli("check", *lib, "--json")[1]) == {"ok": True, "problems": []}
    from sqlalchemy import text

    from desktop.library import Library

    opened = Library.open(library_path)  # raw SQL on whichever engine the library uses
    with opened.store.engine.begin() as conn:
        conn.execute(text("UPDATE photos SET caption = 'Sosialisasi kelurahan' WHERE id = :i"), {"i": photo_id})
    opened.close()

    code, out, _err = cli("check", *lib, "--json")
    assert code == 1 and any("fts_photos" in p for p in json.loads(out)["problems"])
    assert cli("check", "--repair", *lib, "--json")[0] in (0, 1)
    assert json.loads(cli("check", *lib, "--json")[1]) == {"ok": True, "problems": []}
    photos = json.loads(cli("photos", "list", "--search", "sosialisasi", *lib, "--json")[1])["photos"]
    assert [p["id"] for p in photos] == [photo_id]
    assert json.loads(cli("photos", "list", "--search", "apel", *lib, "--json")[1])["photos"] == []


def test_a_full_disk_during_import_is_said_plainly(cli, library_path, tmp_path, monkeypatch):
    """Issue 18.7: a full disk while copying a photo in was 'unexpected error: OSError 28'."""
    import errno

    from desktop import fsutil

    src = tmp_path / "src"
    src.mkdir()
    ps.jpeg(src / "IMG_1.jpg")

    def full(*_a, **_k):  # noqa: ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    original = fsutil.atomic_write_bytes
    monkeypatch.setattr(fsutil, "atomic_write_bytes", full)
    code, _out, err = cli("photos", "import", str(src / "IMG_1.jpg"), "--library", library_path)
    assert code == 2
    assert "penuh" in err and "unexpected" not in err and "tak terduga" not in err, err
    monkeypatch.setattr(fsutil, "atomic_write_bytes", original)
    code, out, _err = cli("photos", "list", "--library", library_path, "--json")
    assert code == 0 and "IMG_1" not in out  # nothing half-imported
