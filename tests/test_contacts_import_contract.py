"""The contact import's promises: its JSON report, no silent merges of namesakes, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.contacts import export, importer, normalize, store
from desktop.contacts.record import ContactRecord, Email, Phone


def _card(fn: str, org: str = "", tel: str = "", email: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{fn.replace(',', chr(92) + ',')}", "N:;;;;"]
    if org:
        lines.append(f"ORG:{org}")
    if tel:
        lines.append(f"TEL:{tel}")
    if email:
        lines.append(f"EMAIL:{email}")
    return "\r\n".join(lines + ["END:VCARD", ""])


def _people(library) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((p["name"], p["organization"]) for p in store.all_for_listing(library)["people"])


# -- 1. the JSON report ------------------------------------------------------------------------------


def test_json_lists_plain_ids_in_input_order_and_untranslated_sources(cli, library_path, tmp_path):
    sheet = tmp_path / "mitra.csv"
    sheet.write_text("Nama,Instansi,HP\nZaki Mubarak,RRI Gowa,0812 1000 0001\nAni Rahma,RRI Gowa,0812 1000 0002\n"
                     "Rusak,RRI Gowa,0812 1000 0003,kolom lebih\n", encoding="utf-8")
    given = str(sheet)
    code, out, err = cli("--lang", "id", "contacts", "import", given, "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert code == 1, err
    listing = json.loads(cli("contacts", "list", "--json", "--library", str(library_path))[1])["people"]
    by_name = {p["name"]: p["id"] for p in listing}
    assert payload["added"] == [by_name["Zaki Mubarak"], by_name["Ani Rahma"]]  # file order, not name order
    assert payload["rejected"] == [{"source": f"{given}:row 4", "reason": payload["rejected"][0]["reason"]}]
    assert "baris" not in payload["rejected"][0]["source"] and "kolom" in payload["rejected"][0]["reason"]
    # A second file brings one known and one new contact: existing and added are ids again.
    more = tmp_path / "lagi.vcf"
    more.write_text(_card("Ani Rahma", "RRI Gowa", "0812 1000 0002") + _card("Baru Sekali", tel="0812 1000 0009"),
                    encoding="utf-8")
    code, out, err = cli("contacts", "import", str(more), "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert code == 0, err
    assert payload["existing"] == [by_name["Ani Rahma"]] and len(payload["added"]) == 1
    assert all(isinstance(i, int) for i in payload["added"] + payload["existing"] + payload["merged"])


def test_unreadable_file_still_gives_the_json_object(cli, library_path):
    code, out, err = cli("contacts", "import", "/nope.vcf", "--json", "--library", str(library_path))
    assert code == 2
    payload = json.loads(out)
    assert payload["added"] == [] and payload["rejected"][0]["source"] == "/nope.vcf"
    assert payload["rejected"][0]["reason"]
    code, out, err = cli("contacts", "import", "/nope.vcf", "--library", str(library_path))
    assert code == 2 and "/nope.vcf" in err and "Traceback" not in err


def test_import_help_documents_the_json_keys(cli, capsys):
    from desktop.cli import build_parser

    parser = build_parser()
    contacts = next(a for a in parser._subparsers._group_actions[0].choices["contacts"]._actions  # noqa: SLF001
                    if a.__class__.__name__ == "_SubParsersAction")
    text = contacts.choices["import"].format_help()
    for key in ("added", "merged", "existing", "rejected", "warnings", "candidates", "preview", "dry_run", ":row N"):
        assert key in text


# -- 2. namesakes are candidates, never merged -----------------------------------------------------------


def test_same_name_at_same_organisation_with_other_phone_is_a_candidate_not_a_merge(cli, library_path, tmp_path):
    vcf = tmp_path / "dedi.vcf"
    vcf.write_text(_card("Dedi Handayani, S.Kom.", "Dinas Kominfo", "0812 1111 2222", "dedi@kominfo.example"),
                   encoding="utf-8")
    assert cli("contacts", "import", str(vcf), "--library", str(library_path))[0] == 0
    other = tmp_path / "dr-dedi.vcf"
    other.write_text(_card("Dr. Dedi Handayani, S.Sos., M.AP.", "Dinas Kominfo", "0813 3333 4444",
                           "dr.dedi@unhas.example") + _card("Dedi Handayani", "Dinas Kominfo"), encoding="utf-8")
    code, out, err = cli("contacts", "import", str(other), "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert code == 0, err
    assert payload["merged"] == [] and payload["existing"] == [] and len(payload["added"]) == 2
    # Both are listed as possible duplicates of the first Dedi for the user to merge if they are one.
    assert [c["name"] for c in payload["candidates"]] == ["Dr. Dedi Handayani, S.Sos., M.AP.", "Dedi Handayani"]
    assert all(c["candidates"][0]["name"] == "Dedi Handayani, S.Kom." for c in payload["candidates"])
    listing = json.loads(cli("contacts", "list", "--json", "--library", str(library_path))[1])["people"]
    assert sorted(p["name"] for p in listing) == [
        "Dedi Handayani", "Dedi Handayani, S.Kom.", "Dr. Dedi Handayani, S.Sos., M.AP."]
    dr = next(p for p in listing if p["name"].startswith("Dr."))
    assert dr["phones"] == ["+6281333334444"] and dr["emails"] == ["dr.dedi@unhas.example"]


def test_namesakes_in_one_file_stay_two_people(library):
    records = [
        ContactRecord(full_name="Dedi Handayani, S.Kom.", organization="Dinas Kominfo",
                      phones=[Phone("+6281211112222")], source="a.vcf:line 1"),
        ContactRecord(full_name="Dr. Dedi Handayani, S.Sos., M.AP.", organization="Dinas Kominfo",
                      phones=[Phone("+6281333334444")], source="a.vcf:line 7"),
        # Without any channel, the same full name with titles is the same entry written twice.
        ContactRecord(full_name="Rudi Hartono", organization="Dinas Kominfo", source="a.vcf:line 13"),
        ContactRecord(full_name="rudi  hartono", organization="dinas kominfo", source="a.vcf:line 18"),
    ]
    preview = importer.preview_records(library, records)
    assert [i.status for i in preview.items] == ["new", "new", "new", "merge"]
    result = importer.commit_import(library, preview)
    assert len(result.added) == 3 and store.count_people(library) == 3


@pytest.mark.parametrize("fmt", ["vcf", "csv", "xlsx"])
def test_exported_namesakes_reimport_without_adding_anyone(library, tmp_path, fmt):
    org = store.create_org(library, store.OrgInput(name="Dinas Kominfo"))
    for name, phone, email in (("Dedi Handayani, S.Kom.", "081211112222", "dedi@kominfo.example"),
                               ("Dr. Dedi Handayani, S.Sos., M.AP.", "081333334444", "dr.dedi@unhas.example")):
        store.create_person(library, store.PersonInput(full_name=name, organization_id=org, phones=[Phone(phone)],
                                                       emails=[Email(email)]))
    # Two namesakes without any phone or e-mail: only their titles tell them apart.
    for name in ("Rina Wati, S.E.", "Rina Wati, M.M."):
        store.create_person(library, store.PersonInput(full_name=name, organization_id=org))
    before = _people(library)
    out = tmp_path / f"semua.{fmt}"
    assert export.export_to(library, out, fmt) == 4
    result = importer.commit_import(library, importer.preview_import(library, [out]))
    assert result.added == [] and result.exit_code == 0 and len(result.existing) == 4
    assert _people(library) == before


# -- 3. titles written with or without a comma -----------------------------------------------------------


def test_titles_without_comma_are_stripped_from_the_name_key():
    assert normalize.name_key("Agus Dwi Susanti M.Si") == normalize.name_key("Agus Dwi Susanti, M.Si.") == \
        "agus dwi susanti"
    assert normalize.name_key("Budi Santoso SH") == "budi santoso"
    assert normalize.name_key("Siti Aminah, S.Pd M.Si") == "siti aminah"
    # Names that only look like titles stay names.
    assert normalize.name_key("Ying Ma") == "ying ma" and normalize.name_key("Rina M. Sari") == "rina m sari"


def test_title_written_without_comma_is_a_duplicate_candidate(library):
    org = store.create_org(library, store.OrgInput(name="RRI Gowa"))
    pid = store.create_person(library, store.PersonInput(full_name="Agus Dwi Susanti, M.Si.", organization_id=org))
    preview = importer.preview_records(
        library, [ContactRecord(full_name="Agus Dwi Susanti M.Si", organization="RRI Gowa", source="x.csv:row 2")])
    (item,) = preview.items
    assert item.status == "fuzzy" and [c.person_id for c in item.candidates][:1] == [pid]


# -- 4. organisation type --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["vcf", "csv", "xlsx"])
def test_organisation_type_survives_export_and_import(library, tmp_path, fmt):
    from desktop.library import Library

    radio = next(tid for tid, name in store.org_types(library) if name == "Radio")
    org = store.create_org(library, store.OrgInput(name="RRI Gowa", type_id=radio))
    store.create_person(library, store.PersonInput(full_name="Agus Dwi Susanti", organization_id=org,
                                                   phones=[Phone("081212345678")]))
    store.create_org(library, store.OrgInput(name="Kabar Gowa"))  # no type: nothing written for it
    out = tmp_path / f"mitra.{fmt}"
    export.export_to(library, out, fmt)
    fresh = Library.open(tmp_path / "fresh")
    try:
        importer.commit_import(fresh, importer.preview_import(fresh, [out]))
        orgs = store.all_for_listing(fresh)["organizations"]
    finally:
        fresh.close()
    assert [(o["name"], o["type"]) for o in orgs] == [("RRI Gowa", "Radio")]


def test_an_unknown_organisation_type_is_added_and_existing_organisations_keep_theirs(library):
    tv = next(tid for tid, name in store.org_types(library) if name == "Televisi")
    store.create_org(library, store.OrgInput(name="TVRI Sulsel", type_id=tv))
    records = [
        ContactRecord(full_name="Andi", organization="TVRI Sulsel", organization_type="Radio", source="a:line 1"),
        ContactRecord(full_name="Budi", organization="Podcast Gowa", organization_type="Siniar", source="a:line 6"),
    ]
    importer.commit_import(library, importer.preview_records(library, records))
    types = {o["name"]: o["type"] for o in store.all_for_listing(library)["organizations"]}
    assert types == {"TVRI Sulsel": "Televisi", "Podcast Gowa": "Siniar"}


# -- 5. export to a place that cannot be written -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_export_to_an_unwritable_path_says_so(cli, library_path, tmp_path, fmt):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / f"x.{fmt}"  # like /proc/x.csv: the folder cannot hold files
    code, out, err = cli("contacts", "export", "--format", fmt, "-o", str(target), "--library", str(library_path))
    assert code == 2 and str(target) in err
    assert "unexpected" not in err and "Error:" not in err and "Traceback" not in err
    assert blocker.read_text() == "not a folder"


# -- 6. warnings are not rejections -----------------------------------------------------------------------


def test_dropped_values_are_warnings_and_a_reimport_of_known_contacts_succeeds(cli, library_path, tmp_path):
    sheet = tmp_path / "hp.csv"
    sheet.write_text("Nama,HP,Email\nAni Rahma,0812-12,ani@contoh.example\n", encoding="utf-8")
    code, out, err = cli("contacts", "import", str(sheet), "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert code == 0, err
    assert payload["rejected"] == [] and len(payload["added"]) == 1
    assert payload["warnings"] == [{"source": f"{sheet}:row 2", "reason": payload["warnings"][0]["reason"]}]
    assert "0812-12" in payload["warnings"][0]["reason"]
    code, out, err = cli("contacts", "import", str(sheet), "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert code == 0 and payload["existing"] == json.loads(out)["existing"] and len(payload["existing"]) == 1
    assert payload["added"] == [] and payload["rejected"] == [] and len(payload["warnings"]) == 1
    code, out, err = cli("contacts", "import", str(sheet), "--library", str(library_path))
    assert code == 0 and "0812-12" in err and str(Path(sheet)) in err
