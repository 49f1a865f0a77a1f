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
