"""Issues 13 and 18 for contacts: nothing an import brings is lost, reports add up, hostile input ends cleanly."""

from __future__ import annotations

import pytest

from desktop.contacts import importer, store
from desktop.errors import ValidationError

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


HEADER = "Nama,Telepon,Catatan\r\n"


def test_a_csv_with_one_unclosed_quote_is_refused_naming_the_line(library, tmp_path):
    rows = "".join(f"Orang {n},0812-0000-{n:04d},catatan {n}\r\n" for n in range(1, 40))
    text = HEADER + 'Siti Aminah,0812-3456-7890,"pindah ke desk politik\r\n' + rows
    path = tmp_path / "mitra.csv"
    path.write_text(text, encoding="utf-8")
    preview = importer.preview_import(library, [path])
    assert preview.items == []
    (refused,) = preview.rejected
    assert refused.source == f"{path}:line 2" and "2" in refused.reason and "tanda kutip" in refused.reason.lower()
    result = importer.commit_import(library, preview)
    assert result.exit_code == 2 and store.count_people(library) == 0


def test_a_quote_closed_rows_later_is_refused_too(library, tmp_path):
    text = (HEADER + 'Siti Aminah,0812-3456-7890,"pindah\r\nBudi,0813-1111-2222,baru\r\n'
            'Citra,0814-2222-3333,"rapat"\r\nDedi,0815-3333-4444,ok\r\n')
    path = tmp_path / "mitra.csv"
    path.write_text(text, encoding="utf-8")
    preview = importer.preview_import(library, [path])
    assert [r.source for r in preview.rejected] == [f"{path}:line 2"] and preview.items == []


def test_quoted_notes_over_several_lines_still_import(library, tmp_path):
    text = HEADER + 'Siti Aminah,0812-3456-7890,"baris satu\r\nbaris dua, dengan koma"\r\nBudi,0813-1111-2222,ok\r\n'
    path = tmp_path / "mitra.csv"
    path.write_text(text, encoding="utf-8")
    preview = importer.preview_import(library, [path])
    assert preview.rejected == [] and len(preview.items) == 2


def test_control_characters_are_cleaned_on_import(library, tmp_path):
    text = HEADER + "Siti\x00 Aminah\x1b]0;pwned\x07,0812-3456-7890,baris satu\x0bbaris dua\x9b31m\r\n" + "".join(
        f"Orang {n},0812-0000-{n:04d},catatan biasa untuk orang nomor {n}\r\n" for n in range(1, 20))
    path = tmp_path / "mitra.csv"
    path.write_bytes(text.encode("utf-8"))
    result = importer.commit_import(library, importer.preview_import(library, [path]))
    d = store.get_person(library, result.added[0]).data
    assert d.full_name == "Siti Aminah]0;pwned"
    assert d.notes == "baris satu\nbaris dua31m"
    for value in (d.full_name, d.notes):
        assert not any(ord(c) < 32 and c != "\n" or 0x7f <= ord(c) <= 0x9f for c in value)


def test_cli_output_never_carries_terminal_escapes(cli, library_path):
    """A name saved with escape sequences (typed elsewhere, an old library) is shown with them made visible."""
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        pid = store.create_person(lib, store.PersonInput(full_name="Siti \x1b]0;judul\x07Aminah \x1b[2J\x9b31m"))
    finally:
        lib.close()
    code, out, err = cli("contacts", "list", "--library", str(library_path))
    assert code == 0 and str(pid) in out
    assert not any(c in out + err for c in "\x1b\x07\x9b")
    assert "Siti \\x1b]0;judul\\x07Aminah \\x1b[2J\\x9b31m" in out
    code, out, err = cli("search", "Aminah", "--library", str(library_path))
    assert code == 0 and "Aminah" in out and not any(c in out + err for c in "\x1b\x07\x9b")


def test_cli_export_of_contacts_is_private(cli, library_path, tmp_path):
    import os
    import stat

    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        store.create_person(lib, store.PersonInput(full_name="Siti Aminah", phones=[store.Phone("0812-3456-7890")]))
    finally:
        lib.close()
    for fmt in ("vcf", "csv", "xlsx"):
        out = tmp_path / f"kontak.{fmt}"
        code, _out, err = cli("contacts", "export", "--format", fmt, "-o", str(out), "--library", str(library_path))
        assert code == 0, err
        if os.name == "posix":
            assert stat.S_IMODE(out.stat().st_mode) == 0o600, fmt


def _mou(library, name, expires, **kw):
    return store.create_org(library, store.OrgInput(name=name, mou_number=f"{name[:3]}/MoU", mou_expires=expires, **kw))


def test_expired_mous_stay_in_the_alert_until_renewed_or_dismissed(library):
    import datetime as dt

    from desktop.contacts import api, log, providers

    today = dt.date.today()
    old = _mou(library, "Universitas Jember", today - dt.timedelta(days=400))
    soon = _mou(library, "Radar Jember", today + dt.timedelta(days=10))
    _mou(library, "Kampus Jauh", today + dt.timedelta(days=300))
    assert [x[0] for x in log.expiring_mous(library)] == [old, soon]
    (card,) = providers.overview(library, None)
    assert [i.id for i in card.items] == [old, soon] and "sudah berakhir" in card.items[0].text
    api.dismiss_mou_alert(library, old)
    assert [x[0] for x in log.expiring_mous(library)] == [soon]
    # Renewed (another expiry date) and expired again: alerted again.
    data = store.get_org(library, old).data
    data.mou_expires = today - dt.timedelta(days=1)
    store.update_org(library, old, data)
    assert [x[0] for x in log.expiring_mous(library)] == [old, soon]
    with pytest.raises(ValidationError):
        api.dismiss_mou_alert(library, 9999)


def test_beranda_dismisses_an_expired_mou_by_clicking(main_window, qtbot):
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    lib = main_window.ctx.library
    old = _mou(lib, "Universitas Jember", dt.date.today() - dt.timedelta(days=30))
    home = main_window.show_section("home")
    home.refresh()
    qtbot.waitUntil(lambda: any(l.count() and "Universitas Jember" in l.item(0).text() for l in home.card_lists))
    lst = next(l for l in home.card_lists if "Universitas Jember" in l.item(0).text())
    button = lst.parentWidget().findChild(QPushButton, "card-dismiss")
    assert button is not None and not button.isEnabled()
    lst.setCurrentRow(0)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any(l.count() and "Universitas Jember" in l.item(0).text() for l in home.card_lists))
    assert store.get_org(lib, old).data.mou_expires is not None  # the agreement itself is kept


def test_two_imports_of_the_same_file_at_once_add_everyone_once(library, tmp_path):
    """Both previews are made before either import commits (two windows, two PCs): matched again on write."""
    path = _write(tmp_path, "kontak.vcf", CARDS.replace("FN:Candra Dewi", "FN:Candra Dewi\nEMAIL:candra@contoh.id"))
    first = importer.preview_import(library, [path])
    second = importer.preview_import(library, [path])
    assert len(importer.commit_import(library, first).added) == 3
    again = importer.commit_import(library, second)
    assert again.added == [] and again.merged == [] and len(again.existing) == 3
    assert store.count_people(library) == 3


def test_an_import_waits_for_another_one_on_the_same_library(library, tmp_path):
    import threading

    path = _write(tmp_path, "kontak.vcf", CARDS)
    previews = [importer.preview_import(library, [path]) for _ in range(2)]
    results, errors = [], []

    def run(p):
        try:
            results.append(importer.commit_import(library, p))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in previews]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and sorted(len(r.added) for r in results) == [0, 3]
    assert store.count_people(library) == 3


def _cards(n_people: int, repeated: int) -> str:
    """``n_people`` cards, then the first ``repeated`` of them again with a new e-mail (the same phone)."""
    cards = [f"BEGIN:VCARD\nVERSION:3.0\nFN:Orang Nomor {n}\nTEL:0812-7000-{n:04d}\nEND:VCARD\n" for n in range(n_people)]
    cards += [f"BEGIN:VCARD\nVERSION:3.0\nFN:Orang Nomor {n}\nTEL:0812-7000-{n:04d}\nEMAIL:orang{n}@contoh.id\n"
              "END:VCARD\n" for n in range(repeated)]
    return "".join(cards)


def test_every_card_is_in_exactly_one_outcome_of_the_report(library, tmp_path, cli, library_path):
    import json

    bad = "BEGIN:VCARD\nVERSION:3.0\nNOTE:tanpa nama\nEND:VCARD\n"
    path = _write(tmp_path, "kontak.vcf", _cards(27, 5) + bad)
    preview = importer.preview_import(library, [path])
    counts = preview.counts()
    assert (counts["new"], counts["merge"], counts["within"], counts["invalid"]) == (27, 5, 5, 1)
    result = importer.commit_import(library, preview)
    assert len(result.entries) == 33
    assert result.tally() == {"added": 27, "merged": 5, "existing": 0, "skipped": 0, "rejected": 1, "within": 5}
    sources = [e["source"] for e in result.entries]
    assert len(set(sources)) == 33  # each card once
    by_source = {e["source"]: e for e in result.entries}
    twice = by_source[f"{path}:line {5 * 27 + 1}"]  # the first repeated card
    assert twice["outcome"] == "merged" and twice["same_as"] == f"{path}:line 1"
    assert twice["person"] == by_source[f"{path}:line 1"]["person"] == result.added[0]
    assert "orang0@contoh.id" in [e.address for e in store.get_person(library, result.added[0]).data.emails]
    # The command line reports the same, in --json and in words.
    other = _write(tmp_path, "lagi.vcf", _cards(3, 2).replace("rang", "arga").replace("7000", "8000"))
    code, out, err = cli("contacts", "import", str(other), "--dry-run", "--json", "--library", str(library_path))
    dry = json.loads(out)
    assert dry["tally"] == {"added": 3, "merged": 2, "existing": 0, "skipped": 0, "rejected": 0, "within": 2}
    code, out, err = cli("contacts", "import", str(other), "--json", "--library", str(library_path))
    payload = json.loads(out)
    assert payload["tally"]["added"] == 3 and payload["tally"]["merged"] == 2 and payload["tally"]["within"] == 2, payload["entries"]
    assert [e["outcome"] for e in payload["entries"]] == ["added"] * 3 + ["merged"] * 2
    assert payload["entries"][3]["same_as"] == f"{other}:line 1"
    code, out, err = cli("contacts", "import", str(other), "--dry-run", "--library", str(library_path))
    code, out, err = cli("contacts", "import", str(_write(tmp_path, "baru.vcf", _cards(2, 1).replace("rang", "ira").replace("7000", "9000"))),
                         "--library", str(library_path))
    assert "3 entri: 2 ditambahkan, 1 digabung (1 di antaranya" in out
    assert "dua kali dalam impor ini" in out and "baru.vcf:baris 1" in out


def test_import_window_flags_cards_twice_in_the_file_and_reports_every_card(main_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a, **k: shown.append(text))
    path = _write(tmp_path, "kontak.vcf", _cards(4, 2))
    from PySide6.QtWidgets import QPushButton

    from desktop.ui import file_dialogs

    monkeypatch.setattr(file_dialogs, "open_files", lambda *a, **k: [str(path)])
    section = main_window.show_section("contacts")
    qtbot.mouseClick(section.findChild(QPushButton, "contacts-import"), Qt.MouseButton.LeftButton)
    dialog = section.import_dialog
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15000)
    assert "2 dari yang akan digabung adalah narahubung yang sama dua kali" in dialog.summary.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    (text,) = shown
    assert "6 entri: 4 ditambahkan, 2 digabung (2 di antaranya" in text and "0 tidak diimpor" in text
    assert store.count_people(main_window.ctx.library) == 4


def _library_with_duplicates(lib):
    radar = store.create_org(lib, store.OrgInput(name="Radar Jember"))
    a = store.create_person(lib, store.PersonInput(full_name="Dr. Siti Aminah, S.Pd.", organization_id=radar,
                                                   phones=[store.Phone("0812-3456-7890")]))
    b = store.create_person(lib, store.PersonInput(full_name="Siti Aminah", organization_id=radar))
    c = store.create_person(lib, store.PersonInput(full_name="Budi Santoso", emails=[store.Email("budi@contoh.id")]))
    d = store.create_person(lib, store.PersonInput(full_name="B. Santoso (kantor)", emails=[store.Email("Budi@contoh.id")]))
    store.create_person(lib, store.PersonInput(full_name="Wahyu Pratama", phones=[store.Phone("0813-1111-2222")]))
    return a, b, c, d


def test_find_duplicates_in_the_library(library, cli, library_path):
    import json

    from desktop.contacts import api

    a, b, c, d = _library_with_duplicates(library)
    pairs = api.find_duplicates_in_library(library)
    assert [(p.keep_id, p.other_id) for p in pairs] == [(c, d), (a, b)]
    assert pairs[0].reasons == ("email",) and pairs[1].reasons == ("name",)
    code, out, _err = cli("contacts", "duplicates", "--json", "--library", str(library_path))
    assert code == 0 and [(p["keep_id"], p["other_id"]) for p in json.loads(out)["pairs"]] == [(c, d), (a, b)]
    code, out, _err = cli("contacts", "duplicates", "--library", str(library_path))
    assert f"warta contacts merge {c} {d}" in out and "Siti Aminah" in out


def test_find_duplicates_window_lists_pairs_and_opens_the_merge_screen(main_window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from desktop.ui import merge_dialog

    a, b, c, d = _library_with_duplicates(main_window.ctx.library)
    opened = []
    monkeypatch.setattr(merge_dialog.MergeDialog, "exec", lambda self: opened.append((self.keep_id, self.other_id)) or 0)
    section = main_window.show_section("contacts")
    qtbot.mouseClick(section.findChild(QPushButton, "contacts-duplicates"), Qt.MouseButton.LeftButton)
    dialog = section.duplicates_dialog
    qtbot.waitUntil(lambda: dialog.pairs is not None, timeout=15000)
    assert dialog.table.rowCount() == 2 and "Budi Santoso" in dialog.table.item(0, 0).text()
    assert "2 pasang" in dialog.summary.text() and not dialog.merge_button.isEnabled()
    dialog.table.selectRow(1)
    assert dialog.merge_button.isEnabled()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert opened == [(a, b)]


def test_every_imported_field_is_kept(library, tmp_path):
    card = ("BEGIN:VCARD\nVERSION:3.0\nFN:Rina Handayani\nNICKNAME:Rin\nTITLE:Redaktur\nROLE:Koordinator liputan\n"
            "ORG:Kabar Jember\nBDAY:1985-04-12\nURL:https://kabarjember.example\nURL:https://rina.example/blog\n"
            "ADR;TYPE=HOME:;;Jl. Mawar 3;Jember;;68121;\nADR;TYPE=WORK:;;Jl. Kalimantan 37;Jember;;68121;\n"
            "item1.X-ABDATE:2010-06-01\nitem1.X-ABLabel:_$!<Anniversary>!$_\n"
            "NOTE:Suka diundang ke rakor.\nCATEGORIES:media,jember\nEND:VCARD\n")
    path = _write(tmp_path, "rina.vcf", card)
    sheet = tmp_path / "mitra.csv"
    sheet.write_text("Nama,HP,Situs web,Catatan\nBagus Wicaksono,0812-5555-6666,https://bagus.example,rekan lama\n",
                     encoding="utf-8")
    result = importer.commit_import(library, importer.preview_import(library, [path, sheet]))
    rina, bagus = (store.get_person(library, pid).data for pid in result.added)
    assert rina.position == "Redaktur" and rina.tags == ["media", "jember"]
    assert "Jl. Mawar 3" in rina.address and "Jl. Kalimantan 37" in rina.address
    assert "home: " in rina.address and "work: " in rina.address
    for kept in ("Suka diundang ke rakor.", "Ulang tahun: 1985-04-12", "Situs web: https://kabarjember.example",
                 "Situs web: https://rina.example/blog", "Peran: Koordinator liputan", "Nama panggilan: Rin",
                 "2010-06-01"):
        assert kept in rina.notes, kept
    assert "rekan lama" in bagus.notes and "Situs web: https://bagus.example" in bagus.notes


def test_spreadsheet_columns_warta_has_no_field_for_are_kept_in_the_notes(library, tmp_path):
    sheet = tmp_path / "google.csv"
    sheet.write_text(
        "No,First Name,Last Name,Nickname,Birthday,Phone 1 - Value,Website 1 - Value,Website 2 - Value,"
        "Custom Field 1 - Label,Custom Field 1 - Value,Sensitivity\n"
        "1,Rina,Handayani,Rin,1985-04-12,0812-5555-6666,https://a.example,https://b.example,Desk,Politik,Normal\n",
        encoding="utf-8")
    result = importer.commit_import(library, importer.preview_import(library, [sheet]))
    notes = store.get_person(library, result.added[0]).data.notes
    for kept in ("Nickname: Rin", "Birthday: 1985-04-12", "Website 2 - Value: https://b.example",
                 "Custom Field 1 - Label: Desk", "Custom Field 1 - Value: Politik", "Situs web: https://a.example"):
        assert kept in notes, kept
    assert "Sensitivity" not in notes and "No:" not in notes  # Outlook's fillers and the running number say nothing


def test_a_phone_extension_is_kept_beside_the_number(library, tmp_path):
    sheet = tmp_path / "mitra.csv"
    sheet.write_text("Nama,Telepon Kantor\nBagus Wicaksono,(0331) 487227 ext 12\n", encoding="utf-8")
    result = importer.commit_import(library, importer.preview_import(library, [sheet]))
    (phone,) = store.get_person(library, result.added[0]).data.phones
    assert (phone.number, phone.verified) == ("+62331487227", True) and phone.label.endswith("ext. 12")
    pid = store.create_person(library, store.PersonInput(full_name="Citra", phones=[store.Phone("0331 487227 ext. 204")]))
    (phone,) = store.get_person(library, pid).data.phones
    assert phone.number == "+62331487227" and phone.label == "ext. 204"


@pytest.mark.sqlite_file  # upgrades a SQLite file made at the previous revision
def test_a_library_of_0002_keeps_its_phones_verified_after_the_upgrade(tmp_path):
    from desktop.library import Library
    from migrations_support import database_at

    path = tmp_path / "lib"
    with database_at(path, "0002_linear") as conn:
        conn.exec_driver_sql("INSERT INTO office (id, name, short_name, unit, address, phone, email, website, city, logo,"
                             " boilerplate, photo_credit, updated_at) VALUES (1, 'Kantor', '', '', '', '', '', '', '',"
                             " '', '', '', '2024-01-01')")
        conn.exec_driver_sql("INSERT INTO people (id, full_name, sort_name, position, organization_sort, beat,"
                             " preferred_channel, address, notes, tags, source, consent, created_at, updated_at)"
                             " VALUES (1, 'Siti', 'siti', '', '', '', '', '', '', '', '', 0, '2024-01-01', '2024-01-01')")
        conn.exec_driver_sql("INSERT INTO person_phones (person_id, label, number, whatsapp, public)"
                             " VALUES (1, '', '+6281234567890', 0, 1)")
        conn.exec_driver_sql("INSERT INTO organizations (name, type_id, regency, province, address, phone, email, website,"
                             " social, notes, tags, mou_number, mou_expires, mou_scope, created_at, updated_at) VALUES"
                             " ('Radar', NULL, '', '', '', '', '', '', '', '', '', '1', '2020-01-01', '', '2024-01-01',"
                             " '2024-01-01')")
    lib = Library.open(path)
    try:
        (phone,) = store.get_person(lib, 1).data.phones
        assert phone.number == "+6281234567890" and phone.verified and phone.public
        from desktop.contacts import log

        assert [x[1] for x in log.expiring_mous(lib)] == ["Radar"]  # expired in 2020, never dismissed
    finally:
        lib.close()
