"""The contacts section of the real main window, driven with qtbot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.contacts import lists, log, store
from desktop.contacts.record import Email, Phone


@pytest.fixture
def people(library):
    types = dict((n, i) for i, n in store.org_types(library))
    radar = store.create_org(library, store.OrgInput(name="Radar Jember", type_id=types["Media cetak"],
                                                     regency="Jember", province="Jawa Timur"))
    kampus = store.create_org(library, store.OrgInput(name="Universitas Jember", type_id=types["Perguruan Tinggi"]))
    a = store.create_person(library, store.PersonInput(
        full_name="Dr. Siti Aminah, S.Pd., M.Si.", position="Redaktur", organization_id=radar,
        phones=[Phone("081234567890", public=True)], emails=[Email("siti@radar.example")]))
    b = store.create_person(library, store.PersonInput(
        full_name="Budi Santoso", position="Dosen", organization_id=kampus, phones=[Phone("085711112222")]))
    c = store.create_person(library, store.PersonInput(full_name="Siti Aminah", organization_id=radar,
                                                       emails=[Email("aminah@gmail.com")]))
    return {"radar": radar, "kampus": kampus, "a": a, "b": b, "c": c}


def _section(main_window, qtbot):
    section = main_window.show_section("contacts")
    qtbot.waitUntil(lambda: main_window.stack.currentWidget() is section)
    return section


def test_list_search_filter_and_sort_in_sql(main_window, qtbot, people):
    section = _section(main_window, qtbot)
    model = section.people_model
    assert model.rowCount() == 3
    assert "3" in section.count_label.text()
    qtbot.keyClicks(section.search_edit, "universitas")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.id_at(0) == people["b"]
    section.search_edit.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    section.type_combo.setCurrentIndex(section.type_combo.findText("Media cetak"))
    assert {model.id_at(r) for r in range(model.rowCount())} == {people["a"], people["c"]}
    section.type_combo.setCurrentIndex(0)
    section.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [model.data(model.index(r, 0)) for r in range(3)]
    assert names == ["Siti Aminah", "Dr. Siti Aminah, S.Pd., M.Si.", "Budi Santoso"]
    section.kind_tabs.setCurrentIndex(1)
    assert section.view.model() is section.orgs_model and section.orgs_model.rowCount() == 2


def test_person_page_validates_as_you_type(main_window, qtbot, people):
    section = _section(main_window, qtbot)
    section.open_item("contact", people["a"])
    page = section.person_page
    assert section.stack.currentWidget() is page
    assert page.name.text() == "Dr. Siti Aminah, S.Pd., M.Si."
    email = page.emails.rows[0].value
    email.clear()
    qtbot.keyClicks(email, "siti@radar")
    assert not page.save_button.isEnabled()
    assert "siti@radar" in page.problems.text() and "fdecea" in email.styleSheet()
    qtbot.keyClicks(email, ".example")
    assert page.save_button.isEnabled() and email.styleSheet() == ""
    phone = page.phones.add_row().value
    qtbot.keyClicks(phone, "kantor")
    assert not page.save_button.isEnabled() and "kantor" in page.problems.text()
    phone.clear()
    # A number that is not valid is kept as typed: marked "not verified" next to it, saving allowed.
    qtbot.keyClicks(phone, "12345")
    row = page.phones.rows[-1]
    assert page.save_button.isEnabled() and not row.unverified.isHidden()
    assert "12345" in phone.toolTip() and "fef5e7" in phone.styleSheet()
    phone.clear()
    qtbot.keyClicks(phone, "0813 1111 2222")
    assert page.save_button.isEnabled() and row.unverified.isHidden()
    page.position.setText("Pemimpin Redaksi")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = store.get_person(main_window.ctx.library, people["a"]).data
    assert saved.position == "Pemimpin Redaksi"
    assert [p.number for p in saved.phones] == ["+6281234567890", "+6281311112222"]
    assert saved.phones[0].public and not saved.phones[1].public


def test_new_contact_with_new_organisation(main_window, qtbot, people):
    section = _section(main_window, qtbot)
    section.new_person()
    page = section.person_page
    assert not page.save_button.isEnabled()  # no name yet
    qtbot.keyClicks(page.name, "Rina Handayani, S.I.Kom.")
    qtbot.keyClicks(page.organization, "Kabar Bondowoso")
    qtbot.keyClicks(page.phones.rows[0].value, "0852-3333-4444")
    page.phones.rows[0].whatsapp.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    pid = page.person_id
    detail = store.get_person(main_window.ctx.library, pid)
    assert detail.organization == "Kabar Bondowoso" and detail.data.phones[0].whatsapp
    qtbot.mouseClick(page.findChild(type(page.save_button), "person-back"), Qt.MouseButton.LeftButton)
    assert section.stack.currentWidget() is section.list_page
    qtbot.waitUntil(lambda: section.people_model.rowCount() == 4)


def test_merge_screen_side_by_side(main_window, qtbot, people, monkeypatch):
    from desktop.ui.merge_dialog import MergeDialog

    dialog = MergeDialog(main_window.ctx, people["c"], people["a"], main_window)
    qtbot.addWidget(dialog)
    other_name = dialog.findChild(type(dialog.groups["full_name"].button(1)), "merge-full_name-other")
    assert other_name.text() == "Dr. Siti Aminah, S.Pd., M.Si."
    other_name.setChecked(True)
    dialog.do_merge()
    lib = main_window.ctx.library
    assert store.count_people(lib) == 2
    kept = store.get_person(lib, people["c"]).data
    assert kept.full_name == "Dr. Siti Aminah, S.Pd., M.Si."
    assert kept.position == "Redaktur"  # empty on the kept record, so the other's value by default
    assert {e.address for e in kept.emails} == {"aminah@gmail.com", "siti@radar.example"}


def test_import_preview_then_import(main_window, qtbot, people, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    vcf = tmp_path / "wartawan.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wahyu Pratama\r\nN:Pratama;Wahyu;;;\r\nORG:Kabar Banyuwangi\r\n"
        "TEL;TYPE=CELL:0812 9999 0000\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Siti Aminah\r\nN:Aminah;Siti;;;\r\nTEL:0812-3456-7890\r\n"
        "EMAIL:siti.baru@radar.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Salah Surel\r\nN:Surel;Salah;;;\r\nEMAIL:salah@@x\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    section = _section(main_window, qtbot)
    section.import_files([str(vcf)])
    dialog = section.import_dialog
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15000)
    counts = dialog.preview.counts()
    # The bad e-mail is left out of a contact that still imports: a warning, not a rejected entry.
    assert counts["new"] == 2 and counts["merge"] == 1 and counts["invalid"] == 0 and counts["warnings"] == 1
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert any("(2)" in t for t in titles) and any("(1)" in t for t in titles)
    assert store.count_people(main_window.ctx.library) == 3  # nothing written yet
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    lib = main_window.ctx.library
    assert store.count_people(lib) == 5
    assert "siti.baru@radar.example" in [e.address for e in store.get_person(lib, people["a"]).data.emails]
    qtbot.waitUntil(lambda: section.people_model.rowCount() == 5)


def test_unknown_spreadsheet_asks_for_the_columns(main_window, qtbot, tmp_path, monkeypatch, library):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    sheet = tmp_path / "undangan.csv"
    sheet.write_text("Peserta;Kantor Berita;Kontak\nRina Handayani;Kabar Jember;0812 7777 8888\n", encoding="utf-8")
    section = _section(main_window, qtbot)
    section.import_files([str(sheet)])
    dialog = section.import_dialog
    # The columns are looked at by the background runner, then the mapping page shows.
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.mapping_page, timeout=15000)
    assert dialog.mapping_table.item(1, 0).text() == "Rina Handayani"
    for col, field in enumerate(["full_name", "organization", "phone"]):
        combo = dialog.mapping_combos[col]
        combo.setCurrentIndex(combo.findData(field))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15000)
    assert dialog.preview.counts()["new"] == 1
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    row = store.all_for_listing(library)["people"][0]
    assert row["name"] == "Rina Handayani" and row["phones"] == ["+6281277778888"]


def test_global_search_and_beranda_open_pages(main_window, qtbot, people):
    main_window.open_item("organization", people["radar"])
    section = main_window.section("contacts")
    assert section.stack.currentWidget() is section.org_page
    assert section.org_page.name.text() == "Radar Jember"
    assert section.org_page.people.count() == 2
    main_window.open_item("contact", people["b"])
    assert section.stack.currentWidget() is section.person_page
    assert section.person_page.name.text() == "Budi Santoso"


def test_lists_and_export(main_window, qtbot, people, tmp_path):
    lib = main_window.ctx.library
    lst = lists.create_list(lib, "Undangan Rakor")
    lists.add_to_list(lib, lst, [people["b"]])
    section = _section(main_window, qtbot)
    section.refresh()
    section.list_combo.setCurrentIndex(section.list_combo.findData(lst))
    assert section.people_model.rowCount() == 1
    out = tmp_path / "undangan.vcf"
    section.export_to(str(out))
    main_window.ctx.tasks.wait_all()
    qtbot.waitUntil(out.exists)
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 1 and "Budi Santoso" in text


def test_settings_page_edits_organisation_types(main_window, qtbot, monkeypatch, people):
    from PySide6.QtWidgets import QInputDialog

    from desktop.ui.org_types_page import OrgTypesPage
    from desktop import areas

    assert "desktop.ui.org_types_page:OrgTypesPage" in areas.entries("settings_pages")
    page = OrgTypesPage(main_window.ctx)
    qtbot.addWidget(page)
    assert page.list.count() == 10
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Partai Politik", True))
    page.add()
    assert page.list.item(page.list.count() - 1).text() == "Partai Politik"
    page.list.setCurrentRow(0)  # Media cetak, used by Radar Jember
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.remove()
    lib = main_window.ctx.library
    assert "Media cetak" not in [n for _i, n in store.org_types(lib)]
    assert store.get_org(lib, people["radar"]).data.name == "Radar Jember"


def test_person_page_keeps_several_affiliations_and_social(main_window, qtbot, people, monkeypatch):
    import datetime as dt

    from desktop.ui.contact_widgets import AffiliationDialog

    section = _section(main_window, qtbot)
    section.open_person(people["b"])
    page = section.person_page

    def fill(dialog):
        dialog.organization.setText("Radar Jember")
        dialog.role.setText("Kolumnis")
        dialog.date_from.set_value(dt.date(2023, 1, 1))
        return True

    monkeypatch.setattr(AffiliationDialog, "exec", lambda self: fill(self))
    page.affiliations.add()
    assert page.affiliations.tree.topLevelItemCount() == 2
    page.social.setText("instagram: @budi.s, x: @budis")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    data = store.get_person(main_window.ctx.library, people["b"]).data
    assert {(a.organization_id, a.role) for a in data.affiliations} == {
        (people["kampus"], "Dosen"), (people["radar"], "Kolumnis")}
    assert data.social == {"instagram": "@budi.s", "x": "@budis"}
    assert data.organization_id == people["kampus"]


def test_import_of_a_file_with_nothing_usable_shows_why(main_window, qtbot, tmp_path):
    binary = tmp_path / "kontak.vcf"
    binary.write_bytes(bytes(range(256)) * 20)
    section = _section(main_window, qtbot)
    section.import_files([str(binary)])
    dialog = section.import_dialog
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15000)
    assert dialog.preview.counts()["invalid"] == 1 and not dialog.import_button.isEnabled()
    bad = dialog.tabs.widget(dialog.tabs.count() - 1)
    assert bad.item(0, 0).text() == "kontak.vcf" and bad.item(0, 1).text()


def test_person_photo_shown_and_kept_on_save(main_window, qtbot, people):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    lib = main_window.ctx.library
    detail = store.get_person(lib, people["b"]).data
    detail.photo = bytes(data)
    store.update_person(lib, people["b"], detail)
    section = _section(main_window, qtbot)
    section.open_person(people["b"])
    page = section.person_page
    assert page.photo_label.isVisibleTo(page) and not page.photo_label.pixmap().isNull()
    page.position.setText("Dosen Ilmu Komunikasi")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert store.get_person(lib, people["b"]).data.photo == detail.photo


def test_organisation_page_validates_and_saves_partnership(main_window, qtbot, people):
    import datetime as dt

    section = _section(main_window, qtbot)
    section.open_item("organization", people["kampus"])
    page = section.org_page
    qtbot.keyClicks(page.email, "humas@unej")
    assert not page.save_button.isEnabled() and "humas@unej" in page.problems.text()
    qtbot.keyClicks(page.email, ".ac.id")
    assert page.save_button.isEnabled()
    page.mou_number.setText("07/MoU/UNEJ/2025")
    page.mou_signed.set_value(dt.date(2025, 3, 1))
    page.mou_expires.set_value(dt.date(2025, 1, 1))
    assert not page.save_button.isEnabled()
    soon = dt.date.today() + dt.timedelta(days=20)
    page.mou_expires.set_value(soon)
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    lib = main_window.ctx.library
    saved = store.get_org(lib, people["kampus"]).data
    assert saved.email == "humas@unej.ac.id" and saved.mou_expires == soon
    assert [x[0] for x in log.expiring_mous(lib)] == [people["kampus"]]


def test_save_filter_as_list_and_add_selected_to_a_list(main_window, qtbot, people, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    section = _section(main_window, qtbot)
    section.type_combo.setCurrentIndex(section.type_combo.findText("Media cetak"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Media cetak Jember", True))
    section.save_filter_as_list()
    lib = main_window.ctx.library
    saved = lists.find_list(lib, "Media cetak Jember")
    assert set(store.people_ids(lib, store.PeopleFilter(list_id=saved))) == {people["a"], people["c"]}
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Undangan Rakor", True))
    section.new_list()
    section.type_combo.setCurrentIndex(0)
    section.view.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Undangan Rakor", True))
    section.add_selected_to_list()
    static = lists.find_list(lib, "Undangan Rakor")
    assert store.people_ids(lib, store.PeopleFilter(list_id=static)) == [section.people_model.id_at(0)]
    qtbot.waitUntil(lambda: section.list_combo.findData(static) >= 0)


def test_log_one_activity_with_several_people(main_window, qtbot, people, monkeypatch):
    from desktop.ui.contact_widgets import ActivityDialog

    section = _section(main_window, qtbot)
    section.view.selectAll()

    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("invitation"))
        dialog.title_edit.setText("Undangan rakor pengawasan kampanye")
        return True

    monkeypatch.setattr(ActivityDialog, "exec", lambda self: fill(self))
    section.log_activity_for_selected()
    lib = main_window.ctx.library
    for pid in (people["a"], people["b"], people["c"]):
        (entry,) = store.get_person(lib, pid).history
        assert entry.kind == "invitation" and len(entry.people) == 3
    assert len(store.get_org(lib, people["radar"]).history) == 1
