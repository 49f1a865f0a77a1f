"""Issues 13 and 18 for contacts: nothing an import brings is lost, reports add up, hostile input ends cleanly."""

from __future__ import annotations

import pytest

from desktop.contacts import importer, store

CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Anna Virtanen
TEL;TYPE=WORK:+358123456789
TEL;TYPE=CELL:0812-3456-7890
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bagus Wicaksono
TEL;TYPE=WORK:(0331) 4872 ext 12
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Candra Dewi
TEL:12 345 678 90
END:VCARD
"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def test_imported_phones_that_fail_validation_are_kept_as_written(library, tmp_path):
    path = _write(tmp_path, "kontak.vcf", CARDS)
    result = importer.commit_import(library, importer.preview_import(library, [path]))
    assert len(result.added) == 3 and result.rejected == []
    kept = {}
    for pid in result.added:
        d = store.get_person(library, pid).data
        kept[d.full_name] = [(p.number, p.verified) for p in d.phones]
    assert kept == {
        "Anna Virtanen": [("+358123456789", False), ("+6281234567890", True)],
        "Bagus Wicaksono": [("(0331) 4872 ext 12", False)],
        "Candra Dewi": [("12 345 678 90", False)],
    }
    # Each is reported (the contact still imports) and found by search.
    assert sum("belum terverifikasi" in w["reason"] for w in result.warnings) == 3
    assert store.people_ids(library, store.PeopleFilter(search="4872")) == [result.added[1]]
