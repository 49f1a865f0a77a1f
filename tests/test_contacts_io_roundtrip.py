"""Exporting contacts and importing the export gives the same records (vCard, CSV, .xlsx)."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.contacts.io import export_csv, export_vcard, export_xlsx, parse_bytes
from desktop.contacts.record import ContactRecord, Email, Phone

# Letters Indonesian contact data really holds, plus the characters every format must escape.
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:'\"\\/-=()&“”‘’éñü测–"
LINE = st.text(ALPHABET, max_size=30).map(lambda s: " ".join(s.split()))
NOTES = st.lists(LINE, max_size=3).map(lambda lines: "\n".join(lines).strip())
NAME = st.builds(
    lambda prefix, core, suffix: (prefix + core + suffix).strip(),
    st.sampled_from(["", "Dr. ", "Prof. Dr. Ir. ", "H. ", "Hj. "]),
    LINE.filter(lambda s: s.strip(" ,") != ""),
    st.sampled_from(["", ", S.Pd.", ", S.Pd., M.Si.", ", S.H., M.H."]),
).filter(bool)
LABEL = st.sampled_from(["", "mobile", "work", "home", "fax", "work fax", "Kantor", "Ajudan, kantor", "Rumah “lama”"])
PHONE = st.builds(
    lambda label, number, wa, public: Phone(number=number, raw=number, label=label, whatsapp=wa, public=public),
    LABEL,
    st.one_of(
        st.builds(lambda kind, digits: kind + digits, st.sampled_from(["+62812", "+62857", "+6221"]),
                  st.text("0123456789", min_size=8, max_size=8)),
        st.sampled_from(["+31201234567", "+12125550123", "+62331123456"]),
    ),
    st.booleans(), st.booleans(),
)
EMAIL = st.builds(
    lambda user, domain, label, public: Email(address=f"{user}@{domain}", label=label, public=public),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=1, max_size=10).filter(
        lambda u: not u.startswith(".") and not u.endswith(".") and ".." not in u),
    st.sampled_from(["bawaslu.go.id", "kpu.go.id", "radar-jember.example", "gmail.com"]),
    LABEL, st.booleans(),
)
# Phones' system groups ("My Contacts", "starred") are dropped on import by design.
TAG = st.text("abcdefghijklmnopqrstuvwxyz ABCDEF“”-", min_size=1, max_size=12).map(lambda s: " ".join(s.split())).filter(
    lambda t: t and t.casefold() not in ("my contacts", "mycontacts", "starred"))
SOCIAL = st.dictionaries(
    st.sampled_from(["instagram", "facebook", "twitter", "tiktok"]),
    st.sampled_from(["@bawaslujember", "https://instagram.com/kpu_jember", "Radar Jember Official"]),
    max_size=2,
)


@st.composite
def records(draw) -> ContactRecord:
    return ContactRecord(
        full_name=draw(NAME),
        given_name=draw(LINE),
        family_name=draw(LINE),
        position=draw(LINE),
        organization=draw(LINE),
        department=draw(LINE),
        phones=draw(st.lists(PHONE, max_size=3, unique_by=lambda p: p.number)),
        emails=draw(st.lists(EMAIL, max_size=3, unique_by=lambda e: e.address.casefold())),
        address=draw(NOTES),
        website=draw(st.sampled_from(["", "https://jember.bawaslu.go.id", "http://radar.example/a?b=1"])),
        social=draw(SOCIAL),
        notes=draw(NOTES),
        tags=draw(st.lists(TAG, max_size=3, unique=True)),
        photo=draw(st.one_of(st.none(), st.binary(min_size=1, max_size=40).map(lambda b: b"\x89PNG" + b))),
    )


def comparable(rec: ContactRecord, *, photo: bool) -> tuple:
    return (
        rec.full_name, rec.given_name, rec.family_name, rec.position, rec.organization, rec.department,
        [(p.number, p.label, p.whatsapp, p.public) for p in rec.phones],
        [(e.address, e.label, e.public) for e in rec.emails],
        rec.address, rec.website, rec.social, rec.notes, rec.tags, rec.photo if photo else None,
    )


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_round_trip(recs: list[ContactRecord], data: bytes, name: str, *, photo: bool) -> None:
    result = parse_bytes(data, name)
    assert not result.rejected
    assert [comparable(r, photo=photo) for r in result.records] == [comparable(r, photo=photo) for r in recs]
    assert all(not r.problems for r in result.records)


@SETTINGS
@given(st.lists(records(), min_size=1, max_size=4))
def test_vcard_round_trip(recs):
    assert_round_trip(recs, export_vcard(recs), "export.vcf", photo=True)


@SETTINGS
@given(st.lists(records(), min_size=1, max_size=4))
def test_csv_round_trip(recs):
    assert_round_trip(recs, export_csv(recs), "export.csv", photo=False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=3))
def test_xlsx_round_trip(recs):
    assert_round_trip(recs, export_xlsx(recs), "export.xlsx", photo=False)


def test_csv_export_opens_in_excel_and_vcard_reads_in_vobject():
    import vobject

    rec = ContactRecord(full_name="Dr. Siti Aminah, S.Pd., M.Si.", organization="Bawaslu",
                        phones=[Phone("+6281234567890", "Kantor", True, True)],
                        emails=[Email("siti@bawaslu.go.id", "work", True)], notes="baris 1\nbaris 2")
    data = export_csv([rec])
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel picks UTF-8
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[:3] == ["Full Name", "Given Name", "Family Name"]
    # Excel keeps these as text: no bare "+62…" number, no formula.
    assert row[header.index("Phone 1 - Value")] == "0812-3456-7890"
    guarded = export_csv([ContactRecord(full_name="=HYPERLINK(1)", notes="- poin satu")]).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in guarded and "'- poin satu" in guarded
    (back,) = parse_bytes(guarded.encode("utf-8"), "g.csv").records
    assert (back.full_name, back.notes) == ("=HYPERLINK(1)", "- poin satu")
    card = vobject.readOne(export_vcard([rec]).decode("utf-8"))
    assert card.fn.value == "Dr. Siti Aminah, S.Pd., M.Si."
    assert card.n.value.prefix == "Dr." and card.n.value.suffix == "S.Pd., M.Si."
    assert all(len(line.encode()) <= 75 for line in export_vcard([rec]).decode().split("\r\n"))


def test_name_starting_with_equals_stays_text_in_xlsx():
    from openpyxl import load_workbook

    data = export_xlsx([ContactRecord(full_name="=SUM(A1)", phones=[Phone("+6281234567890")])])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == "=SUM(A1)" and ws["A2"].data_type == "s"


def test_unreadable_numbers_are_exported_as_written():
    rec = ContactRecord(full_name="Luar Negeri", phones=[Phone("+96123456789", raw="+96123456789"), Phone("123")])
    for data, name in ((export_csv([rec]), "x.csv"), (export_xlsx([rec]), "x.xlsx"), (export_vcard([rec]), "x.vcf")):
        (back,) = parse_bytes(data, name).records
        assert [p.number for p in back.phones] == ["+96123456789", "123"], name
