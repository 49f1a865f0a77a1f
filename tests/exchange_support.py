"""Two libraries for the exchange tests: a province and a kabupaten that trust each other."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

PERIOD = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def open_copy(template: Path, target: Path, name: str, short: str):  # noqa: ANN201
    from conftest import copy_library
    from desktop import office, staff
    from desktop.library import Library

    lib = Library.open(copy_library(template, target))
    lib.store.staff_id = staff.list_staff(lib)[0].id
    profile = office.load(lib)
    profile.name, profile.short_name = name, short
    office.save(lib, profile)
    return lib


@pytest.fixture
def offices(template_library, tmp_path):
    """(province, kabupaten): each trusts the other's key, as after a phone call."""
    from desktop.exchange import api as exchange

    province = open_copy(template_library, tmp_path / "prov", "Badan Pengawas Pemilihan Umum Provinsi Jawa Timur",
                         "Bawaslu Jatim")
    kab = open_copy(template_library, tmp_path / "kab", "Badan Pengawas Pemilihan Umum Kabupaten Jember",
                    "Bawaslu Jember")
    for me, other, name in ((province, kab, "kab.wartakey"), (kab, province, "prov.wartakey")):
        key = exchange.public_key_file(other, tmp_path / name)
        exchange.trust(me, tmp_path / name, key.fingerprint)
    yield province, kab
    province.close()
    kab.close()


def rewrite(source: Path, target: Path, change) -> Path:  # noqa: ANN001
    """A copy of a bundle with ``change(name, data) -> (name, data) | None`` applied to each member."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            out = change(info.filename, zin.read(info))
            if out is not None:
                zout.writestr(out[0], out[1])
    return target


def snapshot(library) -> dict:  # noqa: ANN001
    """Everything an import could change, to assert that a refusal changed nothing."""
    from sqlalchemy import text

    tables = ("exchange_offices", "exchange_bundles", "exchange_items", "exchange_item_photos", "office", "warta_meta",
              "style_standard",
              "audit_log")
    with library.store.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables} | {
            "glossary": conn.execute(text("SELECT value FROM warta_meta WHERE key = 'glossary'")).scalar(),
            "boilerplate": conn.execute(text("SELECT boilerplate FROM office WHERE id = 1")).scalar(),
        }
