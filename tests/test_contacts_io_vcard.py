"""vCard reading: the dialects real phones and mail programs write, and broken cards one by one."""

from __future__ import annotations

import base64

import pytest

from desktop.contacts.io import parse_bytes, parse_vcard
from desktop.i18n import set_language

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000f4944415408d701040000fbff00ffffff05fe02fe037d19c60000000049454e44ae426082"
)


def crlf(text: str) -> bytes:
    return text.strip("\n").replace("\n", "\r\n").encode("utf-8") + b"\r\n"


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("id")


ANDROID_21 = crlf("""
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Sant=C3=B3so;Bud=
i;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Budi Sant=C3=B3so =E6=B5=8B=E8=AF=95=E6=B5=8B=E8=AF=95=E6=B5=
=8B
TEL;CELL;PREF:0812-3456-7890
TEL;WORK:(0331) 123456
EMAIL;PREF;WORK:budi@radar.example
NOTE;ENCODING=QUOTED-PRINTABLE:baris satu=0D=0Abaris dua
PHOTO;ENCODING=BASE64;PNG:""" + base64.b64encode(PNG).decode() + """

END:VCARD
BEGIN:VCARD
VERSION:2.1
N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;Jos=E9;;;
TEL;HOME:021-555-1234
END:VCARD
""")


def test_android_21_quoted_printable_soft_breaks_and_charsets():
    result = parse_vcard(ANDROID_21, "android.vcf")
    assert not result.rejected
    budi, jose = result.records
    assert budi.full_name == "Budi Santóso 测试测试测"
    assert (budi.given_name, budi.family_name) == ("Budi", "Santóso")
    assert [(p.number, p.label) for p in budi.phones] == [("+6281234567890", "mobile"), ("+62331123456", "work")]
    assert budi.phones[0].raw == "0812-3456-7890"
    assert [(e.address, e.label) for e in budi.emails] == [("budi@radar.example", "work")]
    assert budi.notes == "baris satu\nbaris dua"
    assert budi.photo == PNG
    assert budi.source == "android.vcf:line 1"
    assert jose.full_name == "José Müller"  # no FN: built from N
    assert jose.source == "android.vcf:line 14"


APPLE_30 = crlf("""
BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iOS 17//EN
N:Aminah;Siti;;Dr.;S.Pd.\\, M.Si.
FN:Dr. Siti Aminah\\, S.Pd.\\, M.Si.
ORG:Bawaslu Kabupaten Jember;Divisi Humas
TITLE:Koordinator Divisi
item1.TEL;type=CELL;type=VOICE;type=pref:+62 812 3456 7890
item2.TEL:0813-1111-2222
item2.X-ABLabel:WhatsApp
item3.TEL:0331 487 000
item3.X-ABLabel:_$!<AssistantPhone>!$_
TEL;type=WORK;type=FAX:(0331) 421 000
item4.EMAIL;type=INTERNET;type=pref:siti@bawaslu.example
item4.X-ABLabel:Kantor
item5.ADR;type=WORK:;;Jl. Kalimantan No. 37;Jember;Jawa Timur;68121;Indonesia
item6.URL:https://jember.bawaslu.example
X-SOCIALPROFILE;type=instagram;x-user=bawaslujember:https://instagram.com/bawaslujember
IMPP;X-SERVICE-TYPE=Skype:skype:siti.aminah
CATEGORIES:Media,Mitra strategis,My Contacts
NOTE:Narahubung sosialisasi\\nHubungi pagi hari
PHOTO;ENCODING=b;TYPE=PNG:""" + base64.b64encode(PNG).decode()[:40] + """
 """ + base64.b64encode(PNG).decode()[40:] + """
END:VCARD
""")


def test_apple_30_labels_org_title_social_and_folded_photo():
    (rec,) = parse_vcard(APPLE_30, "iphone.vcf").records
    assert rec.full_name == "Dr. Siti Aminah, S.Pd., M.Si."
    assert (rec.organization, rec.department, rec.position) == (
        "Bawaslu Kabupaten Jember", "Divisi Humas", "Koordinator Divisi")
    phones = [(p.number, p.label, p.whatsapp) for p in rec.phones]
    assert phones == [
        ("+6281234567890", "mobile", False),
        ("+6281311112222", "WhatsApp", True),
        ("+62331487000", "assistant phone", False),
        ("+62331421000", "work fax", False),
    ]
    assert [(e.address, e.label) for e in rec.emails] == [("siti@bawaslu.example", "Kantor")]
    assert rec.address == "Jl. Kalimantan No. 37, Jember, Jawa Timur, 68121, Indonesia"
    assert rec.website == "https://jember.bawaslu.example"
    assert rec.social == {"instagram": "https://instagram.com/bawaslujember", "skype": "siti.aminah"}
    assert rec.tags == ["Media", "Mitra strategis"]
    assert rec.notes == "Narahubung sosialisasi\nHubungi pagi hari"
    assert rec.photo == PNG
    assert rec.problems == []


VCARD_40 = crlf("""
BEGIN:VCARD
VERSION:4.0
FN:Rina Kusuma
N:Kusuma;Rina;;;
TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+62-857-1111-2222
EMAIL;TYPE=work:rina@kompas.example
PHOTO:data:image/png;base64,""" + base64.b64encode(PNG).decode() + """
END:VCARD
BEGIN:VCARD
VERSION:3.0
UID:contact
N:Contact;;;;
FN:Contact
PHOTO;ENCODING=b;TYPE=png:data:image/png;base64,""" + base64.b64encode(PNG).decode() + """
END:VCARD
""")


def test_vcard_40_uri_values_and_data_uri_photos():
    rina, other = parse_vcard(VCARD_40, "v4.vcf").records
    assert [(p.number, p.label) for p in rina.phones] == [("+6285711112222", "mobile")]
    assert rina.photo == PNG and other.photo == PNG
    assert [e.label for e in rina.emails] == ["work"]


def test_card_without_n_or_fn_keeps_contact_data_and_says_so():
    data = crlf("""
BEGIN:VCARD
VERSION:3.0
UID:C68582D2
EMAIL;TYPE=work:tanpa-nama@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
UID:nothing-here
NOTE:kosong
END:VCARD
""")
    result = parse_vcard(data, "radicale.vcf")
    (rec,) = result.records
    assert rec.full_name == "tanpa-nama@example.com"
    assert rec.problems and "no name" in rec.problems[0]
    (rejected,) = result.rejected
    assert rejected.source == "radicale.vcf:line 6"
    assert "no name, phone number or e-mail" in rejected.reason


def test_broken_card_is_recovered_alone_and_others_import():
    data = crlf("""
BEGIN:VCARD
VERSION:3.0
FN:Good One
TEL:0812-1000-0001
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Half Broken
this line is garbage without a colon
TEL;TYPE=CELL:0812-1000-0002
EMAIL:not-an-address
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Cut Short
TEL:0812-1000-0003
""")
    result = parse_vcard(data, "broken.vcf")
    names = [r.full_name for r in result.records]
    assert names == ["Good One", "Half Broken", "Cut Short"]
    half = result.records[1]
    assert [p.number for p in half.phones] == ["+6281210000002"]
    assert half.emails[0].address == "not-an-address"  # kept as written, flagged
    assert any("not-an-address" in p for p in half.problems)
    assert any("END:VCARD" in p for p in result.records[2].problems)
    assert [r.source for r in result.records] == ["broken.vcf:line 1", "broken.vcf:line 6", "broken.vcf:line 13"]


def test_unreadable_phone_is_kept_as_written_and_flagged():
    data = crlf("""
BEGIN:VCARD
VERSION:3.0
FN:Ahmad
TEL:123
END:VCARD
""")
    (rec,) = parse_vcard(data, "x.vcf").records
    assert rec.phones[0].number == "123" and rec.phones[0].raw == "123"
    assert any('"123"' in p for p in rec.problems)


def test_nested_agent_card_does_not_leak_into_its_owner():
    data = crlf("""
BEGIN:VCARD
VERSION:2.1
FN:Kepala Kantor
TEL:0812-2000-0001
AGENT:
BEGIN:VCARD
VERSION:2.1
FN:Sekretaris
TEL:0812-2000-0002
END:VCARD
END:VCARD
""")
    (rec,) = parse_vcard(data, "agent.vcf").records
    assert rec.full_name == "Kepala Kantor"
    assert [p.number for p in rec.phones] == ["+6281220000001"]


def test_lotus_notes_style_names_and_stray_text_are_handled():
    data = crlf("""
garbage before the first card
BEGIN:VCARD
VERSION:3.0
FN:Lotus User
X_LOTUS_CHARSET:UTF-8
TEL;TYPE=WORK:+62 21 555 1234
END:VCARD
""")
    result = parse_vcard(data, "lotus.vcf")
    assert [r.full_name for r in result.records] == ["Lotus User"]
    assert result.rejected and result.rejected[0].source == "lotus.vcf:line 1"


def test_folded_lines_and_legacy_file_encoding():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos\xe9 \r\n Garc\xeda\r\nORG:Dinas Kominfo \r\n Provinsi\r\nEND:VCARD\r\n"
    (rec,) = parse_bytes(text.encode("cp1252"), "old.vcf").records
    assert rec.full_name == "José García"
    assert rec.organization == "Dinas Kominfo Provinsi"


def test_file_without_cards():
    result = parse_vcard(b"\r\n\r\n", "kosong.vcf")
    assert not result.records and result.rejected


def test_contact_groups_are_not_imported_as_people():
    data = crlf("""
BEGIN:VCARD
VERSION:3.0
FN:Wartawan Jember
N:Wartawan Jember;;;;
X-ADDRESSBOOKSERVER-KIND:group
X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1234
END:VCARD
""")
    result = parse_vcard(data, "grup.vcf")
    assert not result.records and "group" in result.rejected[0].reason


def test_card_missing_its_end_does_not_swallow_the_next_one():
    data = crlf("""
BEGIN:VCARD
VERSION:3.0
FN:Terpotong
TEL:0812-3000-0001
BEGIN:VCARD
VERSION:3.0
FN:Utuh
TEL:0812-3000-0002
END:VCARD
""")
    cut, whole = parse_vcard(data, "dua.vcf").records
    assert (cut.full_name, [p.number for p in cut.phones]) == ("Terpotong", ["+6281230000001"])
    assert any("END:VCARD" in p for p in cut.problems)
    assert (whole.full_name, whole.source, whole.problems) == ("Utuh", "dua.vcf:line 5", [])


def test_company_card_names_its_organisation():
    data = crlf("""
BEGIN:VCARD
VERSION:3.0
FN:Radar Jember
N:;;;;
X-ABShowAs:COMPANY
TEL;TYPE=WORK:(0331) 412345
END:VCARD
""")
    (rec,) = parse_vcard(data, "org.vcf").records
    assert (rec.full_name, rec.organization) == ("Radar Jember", "Radar Jember")
