"""Import preview and commit, export round trip, and the contacts command line."""

from __future__ import annotations

import json

import pytest

from desktop.contacts import export, importer, lists, store
from desktop.contacts.record import ContactRecord, Email, Phone

VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Dr. Siti Aminah\\, S.Pd.\\, M.Si.
N:Aminah;Siti;;Dr.;S.Pd.\\, M.Si.
ORG:Radar Jember
TITLE:Redaktur
TEL;TYPE=CELL:0812-3456-7890
EMAIL:siti@radar.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Budi Santoso
N:Santoso;Budi;;;
ORG:Universitas Jember
TEL;TYPE=WORK:+62 331 123456
EMAIL:budi@unej
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Citra Lestari
N:Lestari;Citra;;;
TEL:0857-1111-2222
END:VCARD
"""


@pytest.fixture
def vcf(tmp_path):
    path = tmp_path / "kontak.vcf"
    path.write_text(VCARDS.replace("\n", "\r\n"), encoding="utf-8")
    return path


def test_preview_writes_nothing_and_commit_imports(library, vcf):
    preview = importer.preview_import(library, [vcf])
    assert preview.counts()["new"] == 3
    # The bad e-mail is a warning (its contact still imports), named by the file as given and its line.
    assert preview.rejected == []
    (warning,) = preview.warnings
    assert "budi@unej" in warning.reason and warning.source == f"{vcf}:line 10"
    assert store.count_people(library) == 0
    result = importer.commit_import(library, preview)
    assert len(result.added) == 3 and result.exit_code == 0 and result.rejected == []
    assert result.warnings == [{"source": f"{vcf}:line 10", "reason": warning.reason}]
    siti = store.get_person(library, store.people_ids(library, store.PeopleFilter(search="siti"))[0])
    assert siti.data.full_name == "Dr. Siti Aminah, S.Pd., M.Si."
    assert siti.organization == "Radar Jember" and siti.data.position == "Redaktur"
    assert [p.number for p in siti.data.phones] == ["+6281234567890"]
    assert siti.data.source == "kontak.vcf"
    budi = store.get_person(library, store.people_ids(library, store.PeopleFilter(search="budi"))[0])
    assert budi.data.emails == [] and [p.number for p in budi.data.phones] == ["+62331123456"]


def test_importing_the_same_file_twice_adds_nothing(library, vcf):
    importer.commit_import(library, importer.preview_import(library, [vcf]))
    again = importer.preview_import(library, [vcf])
    assert again.counts()["new"] == 0 and again.counts()["existing"] == 3
    result = importer.commit_import(library, again)
    assert result.added == [] and len(result.existing) == 3
    assert store.count_people(library) == 3 and store.count_orgs(library) == 2


def test_exact_match_merges_new_channels_and_duplicates_in_one_file_become_one(library):
    pid = store.create_person(library, store.PersonInput(full_name="Siti Aminah", phones=[Phone("081234567890")]))
    records = [
        ContactRecord(full_name="Siti A.", phones=[Phone("+6281234567890")], emails=[Email("siti@x.example")],
                      source="a.vcf:1"),
        ContactRecord(full_name="Wahyu", phones=[Phone("+6285711112222")], source="a.vcf:9"),
        ContactRecord(full_name="Wahyu Pratama", emails=[Email("wahyu@x.example")],
                      phones=[Phone("+6285711112222")], source="a.vcf:15"),
    ]
    preview = importer.preview_records(library, records)
    assert [i.status for i in preview.items] == ["merge", "new", "merge"]
    assert preview.items[0].target == pid and "+6281234567890" in preview.items[0].reason
    result = importer.commit_import(library, preview)
    assert result.merged == [pid] and len(result.added) == 1  # the second Wahyu folded into the first
    assert store.count_people(library) == 2
    siti = store.get_person(library, pid).data
    assert [e.address for e in siti.emails] == ["siti@x.example"] and siti.full_name == "Siti Aminah"
    wahyu = store.get_person(library, result.added[0]).data
    assert [e.address for e in wahyu.emails] == ["wahyu@x.example"]


def test_user_decisions_skip_and_merge_into_chosen(library):
    pid = store.create_person(library, store.PersonInput(full_name="Bambang Setiawan"))
    records = [ContactRecord(full_name="B. Setiawan", phones=[Phone("+6281299998888")], source="x.csv:row 2"),
               ContactRecord(full_name="Orang Lain", source="x.csv:row 3")]
    preview = importer.preview_records(library, records)
    result = importer.commit_import(library, preview, {0: pid, 1: importer.SKIP})
    assert result.added == [] and result.merged == [pid]
    assert [p.number for p in store.get_person(library, pid).data.phones] == ["+6281299998888"]
    assert store.count_people(library) == 1


def test_failure_mid_import_leaves_library_as_before(library, vcf, monkeypatch):
    preview = importer.preview_import(library, [vcf])

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "refresh_org_sort", boom)  # after every row is inserted
    with pytest.raises(RuntimeError):
        importer.commit_import(library, preview)
    assert store.count_people(library) == 0 and store.count_orgs(library) == 0


@pytest.mark.parametrize("fmt", ["vcf", "csv", "xlsx"])
def test_export_then_import_gives_the_same_people(library, vcf, tmp_path, fmt):
    importer.commit_import(library, importer.preview_import(library, [vcf]))
    before = store.all_for_listing(library)["people"]
    out = tmp_path / f"out.{fmt}"
    assert export.export_to(library, out, fmt) == 3
    again = importer.preview_import(library, [out])
    assert again.counts()["new"] == 0 and again.counts()["existing"] == 3
    from desktop import staff
    from desktop.library import Library

    fresh = Library.open(tmp_path / "fresh")
    try:
        importer.commit_import(fresh, importer.preview_import(fresh, [out]))
        after = store.all_for_listing(fresh)["people"]
    finally:
        fresh.close()
    strip = lambda rows: sorted((p["name"], p["organization"], tuple(p["phones"]), tuple(p["emails"])) for p in rows)  # noqa: E731
    assert strip(after) == strip(before)
    del staff


def test_cli_import_dry_run_then_import_json(cli, library_path, vcf):
    code, out, err = cli("contacts", "import", str(vcf), "--dry-run", "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert payload["dry_run"] and payload["preview"]["new"] == 3 and code == 0
    assert payload["added"] == [] and payload["rejected"] == [] and len(payload["warnings"]) == 1
    code, out, _err = cli("contacts", "list", "--json", "--library", str(library_path))
    assert json.loads(out)["people"] == []
    code, out, err = cli("contacts", "import", str(vcf), "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert code == 0 and payload["rejected"] == [] and payload["warnings"][0]["source"] == f"{vcf}:line 10"
    assert set(payload) >= {"added", "existing", "merged", "rejected", "warnings"}
    code, out, _err = cli("contacts", "list", "--json", "--library", str(library_path))
    listing = json.loads(out)
    siti = next(p for p in listing["people"] if p["name"].startswith("Dr. Siti"))
    assert siti["phones"] == ["+6281234567890"] and siti["organization"] == "Radar Jember"
    assert siti["emails"] == ["siti@radar.example"]
    assert {o["name"] for o in listing["organizations"]} == {"Radar Jember", "Universitas Jember"}
    assert set(listing["people"][0]) == {"id", "name", "organization", "phones", "emails"}
    ids = sorted(p["id"] for p in listing["people"])
    assert payload["added"] == ids  # plain ids, in the order of the file
    code, out, _err = cli("contacts", "import", str(vcf), "--json", "--library", str(library_path))
    assert code == 0  # everything already there is a success, not a partial import
    assert json.loads(out)["added"] == [] and json.loads(out)["existing"] == ids


def test_cli_export_list_and_errors(cli, library_path, vcf, tmp_path):
    from desktop.library import Library

    cli("contacts", "import", str(vcf), "--library", str(library_path))
    lib = Library.open(library_path)
    try:
        lst = lists.create_list(lib, "Undangan")
        lists.add_to_list(lib, lst, store.people_ids(lib, store.PeopleFilter(search="citra")))
    finally:
        lib.close()
    out = tmp_path / "undangan.vcf"
    code, stdout, err = cli("contacts", "export", "--list", "Undangan", "--format", "vcf", "-o", str(out),
                            "--library", str(library_path))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 1 and "Citra Lestari" in text
    code, _out, err = cli("contacts", "export", "--list", "Tidak Ada", "--format", "csv", "-o", str(out),
                          "--library", str(library_path))
    assert code == 2 and "Tidak Ada" in err and "Traceback" not in err
    code, _out, err = cli("contacts", "import", str(tmp_path / "missing.vcf"), "--library", str(library_path))
    assert code == 2 and "missing.vcf" in err
    code, _out, err = cli("contacts", "import", str(vcf), "--map", "Nama=nonsense", "--library", str(library_path))
    assert code == 2 and "nonsense" in err


def test_cli_map_option_reads_an_unknown_layout(cli, library_path, tmp_path):
    sheet = tmp_path / "wartawan.csv"
    sheet.write_text("Wartawan;Kantor Berita;Kontak\nRina Handayani;Kabar Jember;0812 7777 8888\n", encoding="utf-8")
    code, out, err = cli("contacts", "import", str(sheet), "--json", "--library", str(library_path),
                         "--map", "Wartawan=full_name,Kantor Berita=organization,Kontak=phone")
    assert code == 0, err
    code, out, _err = cli("contacts", "list", "--json", "--library", str(library_path))
    (person,) = json.loads(out)["people"]
    assert person["name"] == "Rina Handayani" and person["phones"] == ["+6281277778888"]
    assert person["organization"] == "Kabar Jember"


def test_cli_lists_fuzzy_candidates_and_does_not_merge_them(cli, library_path, tmp_path):
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        org = store.create_org(lib, store.OrgInput(name="Radar Jember"))
        pid = store.create_person(lib, store.PersonInput(full_name="Siti Aminah", organization_id=org,
                                                         phones=[Phone("081234567890")]))
    finally:
        lib.close()
    vcf = tmp_path / "mirip.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Siti Aminahh\r\nN:Aminahh;Siti;;;\r\nORG:Radar Jember\r\n"
                   "TEL:0813 2222 3333\r\nEND:VCARD\r\n", encoding="utf-8")
    code, out, err = cli("contacts", "import", str(vcf), "--dry-run", "--library", str(library_path))
    assert code == 0 and "Siti Aminahh ~ Siti Aminah (Radar Jember" in out
    code, out, err = cli("contacts", "import", str(vcf), "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert code == 0, err
    (candidate,) = payload["candidates"]
    assert candidate["name"] == "Siti Aminahh" and candidate["candidates"][0]["id"] == pid
    assert len(payload["added"]) == 1 and payload["merged"] == []
    code, out, err = cli("contacts", "import", str(vcf), "--json", "--library", str(library_path))
    assert json.loads(out)["added"] == [] and len(json.loads(out)["existing"]) == 1


def test_match_index_is_rebuilt_after_any_change(library):
    rec = lambda: ContactRecord(full_name="Wahyu", phones=[Phone("+6285711112222")], source="a.vcf:1")  # noqa: E731
    assert importer.preview_records(library, [rec()]).items[0].status == "new"
    pid = store.create_person(library, store.PersonInput(full_name="Wahyu Pratama", phones=[Phone("085711112222")]))
    item = importer.preview_records(library, [rec()]).items[0]
    assert item.status == "same" and item.target == pid
    data = store.get_person(library, pid).data
    data.phones = [Phone("081300000000")]
    store.update_person(library, pid, data)
    assert importer.preview_records(library, [rec()]).items[0].status in ("new", "fuzzy")


def test_vcard_photo_is_kept_and_exported(library, tmp_path):
    import base64

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ayu Lestari\r\nN:Lestari;Ayu;;;\r\nTEL:0812 1111 9999\r\n"
            f"PHOTO;ENCODING=b;TYPE=PNG:{base64.b64encode(png).decode()}\r\nEND:VCARD\r\n")
    vcf = tmp_path / "foto.vcf"
    vcf.write_text(card, encoding="utf-8")
    result = importer.commit_import(library, importer.preview_import(library, [vcf]))
    (pid,) = result.added
    assert store.get_person(library, pid).data.photo == png
    out = tmp_path / "out.vcf"
    export.export_to(library, out, "vcf", person_ids=[pid])
    assert "PHOTO" in out.read_text(encoding="utf-8")
    again = importer.preview_import(library, [out])
    assert again.counts()["existing"] == 1 and again.items[0].record.photo == png


def test_cli_merge_takes_chosen_fields(cli, library_path):
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        a = store.create_person(lib, store.PersonInput(full_name="Siti Aminah", phones=[Phone("081234567890")]))
        b = store.create_person(lib, store.PersonInput(full_name="Dr. Siti Aminah, M.Si.", position="Dosen",
                                                       emails=[Email("siti@unej.example")]))
    finally:
        lib.close()
    code, out, err = cli("contacts", "merge", str(a), str(b), "--take", "full_name", "--json",
                         "--library", str(library_path))
    assert code == 0, err
    assert json.loads(out)["kept"] == a
    code, out, _err = cli("contacts", "list", "--json", "--library", str(library_path))
    (person,) = json.loads(out)["people"]
    assert person["name"] == "Dr. Siti Aminah, M.Si." and person["emails"] == ["siti@unej.example"]
    assert person["phones"] == ["+6281234567890"]
    code, _out, err = cli("contacts", "merge", str(a), str(a), "--library", str(library_path))
    assert code == 2 and "Traceback" not in err
    code, _out, err = cli("contacts", "merge", str(a), "999", "--take", "nama", "--library", str(library_path))
    assert code == 2 and "nama" in err


def test_bulk_index_text_equals_the_rebuilt_index(library, vcf):
    from sqlalchemy import text

    importer.commit_import(library, importer.preview_import(library, [vcf]))
    query = "SELECT rowid, name, position, organization, notes, tags, channels FROM fts_contacts ORDER BY rowid"
    with library.store.engine.connect() as conn:
        bulk = conn.execute(text(query)).all()
    with library.store.write() as tx:
        store.refresh_people_fts(tx.session.connection())
    with library.store.engine.connect() as conn:
        assert conn.execute(text(query)).all() == bulk
