"""Warta never opens a network connection; libraries and backups are owner-only."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args!r}")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse)
    yield


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _photo(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (120, 80), (30, 120, 200)).save(path, quality=85)


# A plain (SQLite) library: the offline case. A server library talks to its
# database server by design; test_server_library covers that mode.
@pytest.mark.sqlite_file
def test_main_flows_with_the_network_blocked(no_network, cli, tmp_path):
    lib = tmp_path / "kantor"
    code, out, err = cli("demo", "--library", lib, "--articles", "5", "--contacts", "5", "--photos", "3", "--json")
    assert code == 0, err
    if os.name == "posix":
        assert _mode(lib) == 0o700 and _mode(lib / "warta.db") == 0o600
    # search
    code, out, err = cli("search", "pemilu", "--library", lib, "--json")
    assert code in (0, 1), err
    # contact import (vCard)
    vcf = tmp_path / "mitra.vcf"
    vcf.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Siti Aminah\r\nN:Aminah;Siti;;;\r\nTEL:+62 812 3456 7890\r\nEND:VCARD\r\n")
    code, out, err = cli("contacts", "import", vcf, "--library", lib, "--json")
    assert code in (0, 1), err
    # photo import
    pics = tmp_path / "pics"
    pics.mkdir()
    _photo(pics / "kegiatan.jpg")
    code, out, err = cli("photos", "import", pics, "--library", lib, "--json")
    assert code in (0, 1), err
    # a press kit, if the kits area is there
    code, out, err = cli("kit", "create", "--title", "Kit Uji", "--article", "1", "--library", lib, "--json")
    if code == 0:
        kit_id = json.loads(out)["id"]
        code, out, err = cli("kit", "export", kit_id, "-o", tmp_path / "kit.pdf", "--library", lib)
        assert code == 0, err
    # backup and restore
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, err = cli("backup", "--to", usb, "--library", lib, "--json")
    assert code == 0, err
    made = Path(json.loads(out)["path"])
    if os.name == "posix":
        assert _mode(made) == 0o600
    code, out, err = cli("restore", made, "--to", tmp_path / "pulih", "--json")
    assert code == 0, err
    if os.name == "posix":
        assert _mode(tmp_path / "pulih") == 0o700
        assert _mode(tmp_path / "pulih" / "warta.db") == 0o600
    code, out, err = cli("check", "--library", tmp_path / "pulih", "--json")
    assert code == 0 and json.loads(out)["ok"], out + err


def test_the_guard_itself_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))


def test_private_contact_data_never_leaves_in_a_press_kit(library, tmp_path, no_network):
    contacts = pytest.importorskip("desktop.contacts.store")
    kits = pytest.importorskip("desktop.kits.store")
    import datetime as dt
    import zipfile

    from pypdf import PdfReader

    from desktop.contacts.record import Email, Phone

    pid = contacts.create_person(
        library,
        contacts.PersonInput(
            full_name="Siti Aminah",
            position="Kepala Dinas",
            phones=[Phone("+6281211112222", public=True), Phone("+6281399998888", public=False)],
            emails=[Email("humas.dinas@contoh.example", public=True), Email("siti.rumah@contoh.example", public=False)],
        ),
    )
    kit_id = kits.create_kit(
        library,
        kits.KitInput(title="Kit Rapat Pleno", date=dt.date(2025, 11, 3), parts=[kits.PartInput(kind="contact", ref_id=pid)]),
    )
    pdf = tmp_path / "kit.pdf"
    kits.export_pdf(library, kit_id, pdf)
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages).replace(" ", "")
    assert "SitiAminah" in text and "11112222" in text.replace("-", "")
    assert "99998888" not in text and "siti.rumah" not in text
    zpath = tmp_path / "kit.zip"
    kits.export_zip(library, kit_id, zpath)
    with zipfile.ZipFile(zpath) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            assert b"99998888" not in data and b"siti.rumah" not in data, name


def test_passwords_are_slow_salted_hashes(library):
    from desktop import staff

    sid = staff.create(library, staff.StaffInput(name="Dewi", password="rahasia-kantor-123"))
    row = staff.get(library, sid)
    algo, iterations, salt, digest = row.password_hash.split("$")
    assert algo == "pbkdf2_sha256" and int(iterations) >= 100_000 and len(salt) >= 32
    library.close()
    for path in library.path.glob("warta.db*"):
        assert b"rahasia-kantor-123" not in path.read_bytes()
