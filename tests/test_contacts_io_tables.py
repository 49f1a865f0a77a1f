"""CSV and .xlsx contact tables, column mapping, and bad files refused with a clear reason."""

from __future__ import annotations

import io

import pytest

from desktop.contacts import io as contacts_io
from desktop.contacts.io import files, guess_mapping, parse_bytes, parse_csv, parse_file, parse_xlsx, preview_rows
from desktop.errors import ValidationError
from desktop.i18n import set_language


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("id")


INDONESIAN = (
    "No;Nama Lengkap;Jabatan;Instansi;No. HP/WA;Telepon Kantor;Surel;Alamat;Keterangan\r\n"
    "1;Dr. Siti Aminah, S.Pd., M.Si.;Kepala Sekretariat;Bawaslu Kab. Jember;0812-3456-7890;"
    "(0331) 421000;siti@bawaslu.example;Jl. Kalimantan No. 37, Jember;“Mitra utama” – café\r\n"
    "2;José Ramírez;Wartawan;Radar Jember;0813 1111 2222 / 0857-1111-2222;;jose@radar.example;;"
    "\"catatan; dengan titik koma\r\ndan baris kedua\"\r\n"
)


def test_semicolon_cp1252_file_with_indonesian_headers():
    data = INDONESIAN.encode("cp1252")
    result = parse_csv(data, "mitra.csv")
    assert not result.rejected
    siti, jose = result.records
    assert siti.full_name == "Dr. Siti Aminah, S.Pd., M.Si."
    assert (siti.position, siti.organization) == ("Kepala Sekretariat", "Bawaslu Kab. Jember")
    assert [(p.number, p.label, p.whatsapp) for p in siti.phones] == [
        ("+6281234567890", "mobile", True), ("+62331421000", "work", False)]
    assert siti.emails[0].address == "siti@bawaslu.example"
    assert siti.address == "Jl. Kalimantan No. 37, Jember"
    assert siti.notes == "“Mitra utama” – café"
    assert siti.source == "mitra.csv:row 2"
    assert jose.full_name == "José Ramírez"
    assert [p.number for p in jose.phones] == ["+6281311112222", "+6285711112222"]
    assert jose.notes == "catatan; dengan titik koma\ndan baris kedua"


def test_preview_shows_headers_rows_and_guessed_mapping():
    preview = preview_rows(INDONESIAN.encode("cp1252"), 1)
    assert preview.has_header and preview.delimiter == ";"
    assert preview.headers[1] == "Nama Lengkap"
    assert len(preview.rows) == 1 and preview.rows[0][1].startswith("Dr. Siti")
    assert preview.mapping["No. HP/WA"] == "whatsapp"
    assert preview.mapping["Surel"] == "email"
    assert "No" not in preview.mapping


GOOGLE = (
    "\ufeffFirst Name,Middle Name,Last Name,Name Prefix,Name Suffix,Organization Name,Organization Title,"
    "Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
    "Address 1 - Formatted,Address 1 - City\r\n"
    "Budi,,Santoso,Ir.,M.T.,Universitas Jember,Dosen,* myContacts ::: Akademisi,* Work,budi@unej.example,"
    "Mobile,+62 812-1000-0001 ::: +62 812-1000-0002,Work,0331-330224,\"Jl. Kalimantan 37\nJember\",Jember\r\n"
)


def test_google_contacts_export():
    (rec,) = parse_csv(GOOGLE.encode("utf-8"), "google.csv").records
    assert rec.full_name == "Ir. Budi Santoso, M.T."
    assert (rec.given_name, rec.family_name) == ("Budi", "Santoso")
    assert rec.position == "Dosen" and rec.organization == "Universitas Jember"
    assert rec.tags == ["Akademisi"]
    assert [(e.address, e.label) for e in rec.emails] == [("budi@unej.example", "Work")]
    assert [(p.number, p.label) for p in rec.phones] == [
        ("+6281210000001", "Mobile"), ("+6281210000002", "Mobile"), ("+62331330224", "Work")]
    assert rec.address == "Jl. Kalimantan 37\nJember"  # the city is already in the formatted address


OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",'
    '"Business Street","Business City","Business State","Business Postal Code","Business Phone",'
    '"Mobile Phone","E-mail Address","E-mail Type","Notes"\r\n'
    '"Dr.","Rina","","Kusuma","S.Sos.","Kompas","Regional","Redaktur","Jl. Gajah Mada 1","Jember",'
    '"Jawa Timur","68131","(0331) 412345","0857-2222-3333","rina@kompas.example","SMTP","liputan pemilu"\r\n'
)


def test_outlook_export():
    (rec,) = parse_csv(OUTLOOK.encode("utf-8"), "outlook.csv").records
    assert rec.full_name == "Dr. Rina Kusuma, S.Sos."
    assert (rec.organization, rec.department, rec.position) == ("Kompas", "Regional", "Redaktur")
    assert rec.address == "Jl. Gajah Mada 1, Jember, Jawa Timur, 68131"
    assert [(p.number, p.label) for p in rec.phones] == [("+62331412345", "work"), ("+6285722223333", "mobile")]
    assert [(e.address, e.label) for e in rec.emails] == [("rina@kompas.example", "")]


def test_guess_mapping_for_known_export_headers():
    mapping = guess_mapping(["Display Name", "Primary Email", "Mobile Number", "Work Phone", "Job Title",
                             "Organization", "Nama Depan", "Nama Belakang", "Instansi/Lembaga", "No. WA",
                             "Birthday", "Custom 1"])
    assert mapping == {
        "Display Name": "full_name", "Primary Email": "email", "Mobile Number": "mobile",
        "Work Phone": "phone_work", "Job Title": "position", "Organization": "organization",
        "Nama Depan": "given_name", "Nama Belakang": "family_name", "Instansi/Lembaga": "organization",
        "No. WA": "whatsapp",
    }


def test_thunderbird_file_without_header():
    data = b"John Doe,John,Doe,john@doe.example\r\nJane Doe,Jane,Doe,jane@doe.example\r\n"
    result = parse_csv(data, "tb.csv")
    assert [(r.full_name, r.given_name, r.family_name, r.emails[0].address) for r in result.records] == [
        ("John Doe", "John", "Doe", "john@doe.example"), ("Jane Doe", "Jane", "Doe", "jane@doe.example")]
    assert result.records[0].source == "tb.csv:row 1"
    preview = preview_rows(data)
    assert not preview.has_header and preview.headers[0] == "Column 1"


def test_bad_rows_are_listed_and_good_rows_kept():
    data = (
        "Nama,HP,Email\r\n"
        "Ani,0812-1000-0001,ani@example.com\r\n"
        "Terlalu,banyak,kolom,di sini\r\n"
        "Kurang\r\n"
        ",,\r\n"
        "Badu,12,badu(at)example\r\n"
        ",,\r\n"
        "Cici,0812-1000-0003,\r\n"
        ",0812-1000-0004,\r\n"
    ).encode("utf-8")
    result = parse_csv(data, "daftar.csv")
    assert [r.full_name for r in result.records] == ["Ani", "Badu", "Cici", "+6281210000004"]
    badu = result.records[1]
    assert badu.phones[0].number == "12" and badu.emails[0].address == "badu(at)example"
    assert len(badu.problems) == 2 and any("badu(at)example" in p for p in badu.problems)
    assert result.records[3].problems  # named after its number, flagged
    assert [r.source for r in result.rejected] == ["daftar.csv:row 3", "daftar.csv:row 4"]
    assert "4 fields" in result.rejected[0].reason


def test_row_without_name_phone_or_email_is_rejected():
    result = parse_csv(b"Nama,Jabatan\r\n,Kepala\r\nAni,Staf\r\n", "x.csv")
    assert [r.full_name for r in result.records] == ["Ani"]
    assert result.rejected[0].source == "x.csv:row 2"


def test_unrecognised_columns_need_a_mapping():
    data = "Siapa,Angka Ponsel,Kantornya\r\nAni,0812-1000-0001,Bappeda\r\n".encode("utf-8")
    result = parse_csv(data, "aneh.csv")
    assert not result.records and "--map" in result.rejected[0].reason
    mapping = contacts_io.parse_map_option("Siapa=full_name,Angka Ponsel=mobile,Kantornya=organization")
    (rec,) = parse_csv(data, "aneh.csv", mapping).records
    assert (rec.full_name, rec.organization, rec.phones[0].number) == ("Ani", "Bappeda", "+6281210000001")
    with pytest.raises(ValidationError):
        contacts_io.parse_map_option("Siapa=nonsense")
    with pytest.raises(ValidationError):
        contacts_io.parse_map_option("just text")


def test_tab_separated_utf16_file():
    data = "Nama\tEmail\r\nÄni\täni@example.com\r\n".encode("utf-16")
    (rec,) = parse_csv(data, "tab.txt").records
    assert rec.full_name == "Äni" and rec.emails[0].address == "äni@example.com"


def _workbook(rows, title="Sheet", extra=None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if extra:
        other = wb.create_sheet(extra[0])
        for row in extra[1]:
            other.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_first_sheet_and_named_sheet():
    data = _workbook(
        [["Nama", "Jabatan", "No HP", "Email"], ["Ani Lestari", "Staf", 81234567890, "ani@example.com"],
         [None, None, None, None], ["Badu", None, "0812-1000-0002", None]],
        title="Mitra",
        extra=("Media", [["Nama Media", "Narahubung", "WA"], ["Radar Jember", "Cici", "0857-1111-2222"]]),
    )
    result = parse_xlsx(data, "mitra.xlsx")
    assert [(r.full_name, r.position) for r in result.records] == [("Ani Lestari", "Staf"), ("Badu", "")]
    assert result.records[0].phones[0].number == "+6281234567890"  # typed as a number in Excel
    assert [r.source for r in result.records] == ["mitra.xlsx:row 2", "mitra.xlsx:row 4"]
    (media,) = parse_xlsx(data, "mitra.xlsx", sheet="Media").records
    assert (media.full_name, media.organization, media.phones[0].whatsapp) == ("Cici", "Radar Jember", True)
    assert parse_xlsx(data, "mitra.xlsx", sheet="Tidak Ada").rejected
    preview = preview_rows(data)
    assert preview.sheets == ["Mitra", "Media"] and preview.sheet == "Mitra"


def test_parse_file_dispatches_by_content(tmp_path):
    vcf = tmp_path / "kontak.txt"
    vcf.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ani\r\nEND:VCARD\r\n")
    assert parse_file(vcf).records[0].full_name == "Ani"
    xlsx = tmp_path / "daftar.bin"
    xlsx.write_bytes(_workbook([["Nama", "Email"], ["Badu", "badu@example.com"]]))
    assert parse_file(xlsx).records[0].full_name == "Badu"


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"  \r\n\r\n", "empty"),
    (bytes(range(256)) * 8, "binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
    (b"PK\x03\x04not really a workbook", "could not be read"),
])
def test_bad_files_are_refused_with_a_reason(tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = parse_file(path)
    assert not result.records
    (rejected,) = result.rejected
    assert rejected.source == "bad.csv" and words in rejected.reason


def test_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "besar.vcf"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk and would be slow to read
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(AssertionError))
    (rejected,) = parse_file(path).rejected
    assert "100 MB" in rejected.reason and "50 MB" in rejected.reason and not opened
    monkeypatch.undo()
    with pytest.raises(ValidationError):
        files.read_limited(path)


def test_missing_file_and_folder(tmp_path):
    assert "cannot be opened" in parse_file(tmp_path / "hilang.vcf").rejected[0].reason
    assert "folder" in parse_file(tmp_path).rejected[0].reason


def test_header_only_file():
    result = parse_bytes(b"First Name,Last Name,E-mail Address\r\n", "kosong.csv")
    assert not result.records and "no contacts" in result.rejected[0].reason


def test_title_rows_above_the_header_are_skipped():
    data = (
        "DAFTAR MITRA STRATEGIS BAWASLU KABUPATEN JEMBER;;;\r\n"
        "Tahun 2025;;;\r\n"
        ";;;\r\n"
        "No;Nama;Jabatan;No. WA\r\n"
        "1;Ani Lestari;Redaktur;0812-1000-0001\r\n"
    ).encode("utf-8")
    result = parse_csv(data, "mitra.csv")
    assert [(r.full_name, r.position, r.source) for r in result.records] == [
        ("Ani Lestari", "Redaktur", "mitra.csv:row 5")]
    assert not result.rejected


def test_mapping_finds_its_header_below_a_title_row():
    data = "Daftar Undangan\r\nSiapa,Ponsel Aktif\r\nAni,0812-1000-0001\r\n".encode("utf-8")
    assert not parse_csv(data, "u.csv").records
    (rec,) = parse_csv(data, "u.csv", {"Siapa": "full_name", "Ponsel Aktif": "mobile"}).records
    assert (rec.full_name, rec.phones[0].number, rec.source) == ("Ani", "+6281210000001", "u.csv:row 3")


def test_indonesian_header_variants():
    mapping = guess_mapping(["Nama (dengan gelar)", "Nama Wartawan", "Nama Media", "Instansi / Lembaga / Perusahaan",
                             "Jabatan Terakhir", "Email/Surel", "No. HP (aktif)", "Alamat Kantor Redaksi",
                             "Keterangan Tambahan", "Tanggal Lahir", "E-mail Display Name", "E-mail Type"])
    assert mapping == {
        "Nama (dengan gelar)": "full_name", "Nama Wartawan": "full_name", "Nama Media": "organization",
        "Instansi / Lembaga / Perusahaan": "organization", "Jabatan Terakhir": "position",
        "Email/Surel": "email", "No. HP (aktif)": "mobile", "Alamat Kantor Redaksi": "address",
        "Keterangan Tambahan": "notes", "E-mail Type": "email_label",
    }


def test_outlook_phone_columns_keep_their_kind():
    data = b"First Name,Pager,Car Phone,Primary Phone\r\nAni,0812-1000-0001,0812-1000-0002,021-5551234\r\n"
    (rec,) = parse_csv(data, "o.csv").records
    assert [p.label for p in rec.phones] == ["pager", "car", "main"]


def test_xlsx_cover_sheet_is_passed_over():
    data = _workbook([["Daftar ini disusun oleh Humas"], ["Pembaruan terakhir: Oktober"]], title="Sampul",
                     extra=("Data", [["Nama", "Surel"], ["Ani", "ani@example.com"]]))
    (rec,) = parse_xlsx(data, "mitra.xlsx").records
    assert (rec.full_name, rec.source) == ("Ani", "mitra.xlsx:row 2")
    assert preview_rows(data).sheet == "Data"


def test_email_cells_with_display_names_and_several_addresses():
    data = 'Nama,Email\r\nAni,"Ani L <ani@x.go.id>; ani.l@y.id"\r\n'.encode("utf-8")
    (rec,) = parse_csv(data, "e.csv").records
    assert [e.address for e in rec.emails] == ["ani@x.go.id", "ani.l@y.id"] and not rec.problems


def test_preview_gives_row_numbers():
    data = "Judul daftar\r\n\r\nNama,Email\r\nAni,ani@x.go.id\r\nBadu,badu@x.go.id\r\n".encode("utf-8")
    preview = preview_rows(data, 5)
    assert preview.headers == ["Nama", "Email"] and preview.row_numbers == [4, 5]
