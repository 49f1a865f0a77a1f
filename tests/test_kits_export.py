"""Kit exports: the same bytes whatever the interface language, small photos never blown up, who exported."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.kits import store
from kits_support import image, pdf_text, placed_images, squash
from test_kits_store import items, kit_input  # noqa: F401 - the fixture is used by name


def test_pdf_is_indonesian_and_identical_whatever_the_interface_language(library, items, tmp_path):  # noqa: F811
    from desktop import i18n

    kit_id = store.create_kit(library, kit_input(items))
    i18n.set_language("en")
    english_ui = store.export_pdf(library, kit_id, tmp_path / "en.pdf")
    i18n.set_language("id")
    indonesian_ui = store.export_pdf(library, kit_id, tmp_path / "id.pdf")
    data = (tmp_path / "en.pdf").read_bytes()
    assert english_ui.sha256 == indonesian_ui.sha256 and data == (tmp_path / "id.pdf").read_bytes()
    text = squash(" ".join(pdf_text(data)))
    assert "Halaman" in text and "Page " not in text
    assert "Senin, 3 November 2025" in text and "Monday" not in text  # the kit's date, 3 Nov 2025
    assert "SIARAN PERS" in text and "PRESS RELEASE" not in text


def _tiny_photo_kit(library, tmp_path) -> int:
    from desktop.photos import importer

    src = tmp_path / "kecil"
    src.mkdir()
    image(src / "ikon.jpg", (128, 96))
    result = importer.import_paths(library, [src], workers=1, renditions=False)
    (photo_id,) = result.added
    return store.create_kit(library, store.KitInput(
        "Kit Foto Kecil", dt.date(2025, 11, 3),
        parts=[store.PartInput("photo", photo_id)]))


def test_low_resolution_photo_is_not_enlarged_and_the_export_warns(library, tmp_path):
    kit_id = _tiny_photo_kit(library, tmp_path)
    result = store.export_pdf(library, kit_id, tmp_path / "kit.pdf")
    (img,) = placed_images((tmp_path / "kit.pdf").read_bytes())
    dpi = img["px"][0] / (img["pt"][0] / 72)
    assert dpi == pytest.approx(150, abs=0.5)  # natural size at 150 dpi, not page width at 19 dpi
    assert len(result.warnings) == 1 and "ikon.jpg" in result.warnings[0]
    assert result.to_json()["warnings"] == result.warnings


def test_large_photo_gives_no_warning(library, items, tmp_path):  # noqa: F811
    kit_id = store.create_kit(library, kit_input(items))
    assert store.export_pdf(library, kit_id, tmp_path / "kit.pdf").warnings == []


def test_cli_export_warns_on_stderr_and_records_warta_user(cli, library, library_path, tmp_path, monkeypatch):
    from desktop import staff

    kit_id = _tiny_photo_kit(library, tmp_path)
    # Two staff profiles: without WARTA_USER (or a remembered user) nobody is acting.
    staff.create(library, staff.StaffInput(name="Dewi Lestari", position="Pranata Humas", role="writer"))
    library.close()
    lib = ("--library", str(library_path))
    monkeypatch.setenv("WARTA_USER", "Dewi Lestari")
    code, out, err = cli("kit", "export", kit_id, "-o", tmp_path / "kit.pdf", "--json", *lib)
    assert code == 0, err
    assert "ikon.jpg" in err and json.loads(out)["warnings"]
    monkeypatch.delenv("WARTA_USER")
    code, out, err = cli("kit", "export", kit_id, "-o", tmp_path / "kit2.pdf", *lib)
    assert code == 0, err

    from desktop.library import Library

    reopened = Library.open(library_path)
    try:
        exports = store.get_kit(reopened, kit_id).exports
    finally:
        reopened.close()
    assert [e.staff for e in exports] == ["", "Dewi Lestari"]  # newest first; both recorded


def test_composer_export_log_names_the_command_line_when_nobody_was_acting(main_window, qtbot, library, tmp_path):
    kit_id = _tiny_photo_kit(library, tmp_path)
    library.store.staff_id = None  # as a CLI export with no WARTA_USER and no remembered user
    store.export_pdf(library, kit_id, tmp_path / "kit.pdf")
    section = main_window.show_section("kits")
    section.composer.load(kit_id)
    try:
        assert "(baris perintah)" in section.composer.history.text()
        assert "—" not in section.composer.history.text().split("\n")[1].split("·")[1]
    finally:
        main_window.ctx.tasks.wait_all(60_000)
        qtbot.wait(50)
