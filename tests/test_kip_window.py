"""Informasi Publik in the window: record, extend, answer and object to a request, build the DIP, write the
semester report — by clicking the real buttons and filling the real forms."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop import dates
from desktop.kip import api as kip

D = dt.date
LEFT, DUE, STATE = 6, 5, 4  # columns of the request list


def _when_shown(qtbot, dialog_class, fill) -> list:  # noqa: ANN001
    """Run ``fill(dialog)`` on the modal ``dialog_class`` once it is open; ``fill`` clicks its buttons."""
    done: list = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_class):
            QTimer.singleShot(30, answer)
            return
        fill(dialog)
        done.append(dialog)

    QTimer.singleShot(0, answer)
    return done


def _click(qtbot, button) -> None:  # noqa: ANN001
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _save(qtbot, dialog) -> None:  # noqa: ANN001
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def test_record_extend_answer_and_object_to_a_request_by_clicking(main_window, qtbot, library, warnings, kip_clock):
    from desktop.ui.kip_dialogs import AnswerDialog, ExtendDialog, ObjectionDialog, RequestDialog

    kip_clock.day = D(2025, 4, 10)
    section = main_window.show_section("kip")
    assert section.title() == "Informasi Publik"
    assert [section.new_button.text(), section.answer_button.text(), section.extend_button.text(),
            section.object_button.text()] == ["Catat permohonan", "Jawab", "Perpanjang", "Keberatan"]
    assert section.requests.rowCount() == 0
    for b in (section.answer_button, section.extend_button, section.object_button):
        assert not b.isEnabled()  # nothing selected

    def record(dialog: RequestDialog) -> None:
        _save(qtbot, dialog)  # nobody named: refused with the api's sentence, the form stays open
        assert warnings and "siapa" in warnings[-1] and dialog.isVisible()
        dialog.requester.setText("Ahmad Fauzi")
        dialog.contact.setText("ahmad@example.org")
        dialog.channel.setCurrentIndex(dialog.channel.findData("email"))
        dialog.subject.setPlainText("Salinan SK penetapan DPT Kecamatan Patrang")
        dialog.received.setDate(_qdate(D(2025, 3, 27)))
        assert dialog.due.text().startswith("Senin, 14 April 2025")  # the deadline it will get, before saving
        _save(qtbot, dialog)

    done = _when_shown(qtbot, RequestDialog, record)
    _click(qtbot, section.new_button)
    assert done and len(warnings) == 1
    assert section.requests.rowCount() == 1
    [row] = kip.list_requests(library)
    assert (row.requester, row.channel, row.received_on) == ("Ahmad Fauzi", "email", D(2025, 3, 27))
    model = section.requests
    assert model.index(0, 0).data() == "2025-0001" and model.index(0, 1).data() == "Ahmad Fauzi"
    assert model.index(0, DUE).data() == dates.plain_date(D(2025, 4, 14)) == dates.plain_date(row.due_on)
    assert model.index(0, STATE).data() == "diterima"
    assert model.index(0, LEFT).data() == "2 hari kerja lagi"
    assert model.index(0, LEFT).data(Qt.ItemDataRole.ForegroundRole) is None
    assert section.selected_id() == row.id and "14 April 2025" in section.status.text()
    assert section.answer_button.isEnabled() and section.extend_button.isEnabled()
    assert not section.object_button.isEnabled()  # still within the deadline

    def extend(dialog: ExtendDialog) -> None:
        assert dialog.new_due.text().startswith("Kamis, 24 April 2025 (+7 hari kerja")  # shown before saving
        dialog.reason.setPlainText("Dokumen berada di arsip KPU provinsi")
        _save(qtbot, dialog)

    done = _when_shown(qtbot, ExtendDialog, extend)
    _click(qtbot, section.extend_button)
    assert done and len(warnings) == 1
    extended = kip.get_request(library, row.id)
    assert extended.state == "extended" and extended.due_on == D(2025, 4, 24)
    assert kip.working_days_between(row.due_on, extended.due_on) == kip.EXTENSION_DAYS  # 18 April: Good Friday
    assert model.index(0, DUE).data() == dates.plain_date(D(2025, 4, 24))
    assert model.index(0, STATE).data() == "diperpanjang"
    assert "Dokumen berada di arsip KPU provinsi" in section.detail.text()
    assert not section.extend_button.isEnabled()  # the law allows one extension
    assert section.answer_button.isEnabled()

    kip_clock.day = D(2025, 4, 28)  # past the extended deadline: said plainly
    section.reload()
    assert model.index(0, LEFT).data() == "TERLAMBAT 2 hari kerja"
    assert model.index(0, LEFT).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert section.object_button.isEnabled()  # no answer by the deadline is itself a ground for keberatan

    def answer(dialog: AnswerDialog) -> None:
        dialog.answered.setDate(_qdate(D(2025, 4, 22)))
        dialog.note.setPlainText("Salinan SK dikirim lewat surel")
        _save(qtbot, dialog)

    done = _when_shown(qtbot, AnswerDialog, answer)
    _click(qtbot, section.answer_button)
    assert done and len(warnings) == 1
    answered = kip.get_request(library, row.id)
    assert answered.state == "answered" and answered.answered_on == D(2025, 4, 22)
    assert model.index(0, STATE).data() == "dijawab"
    assert model.index(0, LEFT).data() == "dijawab 22 April 2025"
    assert section.selected_id() == row.id
    assert not section.answer_button.isEnabled() and not section.extend_button.isEnabled()
    assert section.object_button.isEnabled()
    assert "dapat diajukan sampai" in section.status.text()

    def objection(dialog: ObjectionDialog) -> None:
        dialog.filed.setDate(_qdate(D(2025, 4, 21)))  # before the answer it objects to: refused, the form stays
        _save(qtbot, dialog)
        assert len(warnings) == 2 and "dijawab pada 22 April 2025" in warnings[-1] and dialog.isVisible()
        dialog.filed.setDate(_qdate(D(2025, 5, 2)))
        _save(qtbot, dialog)

    kip_clock.day = D(2025, 5, 2)
    done = _when_shown(qtbot, ObjectionDialog, objection)
    _click(qtbot, section.object_button)
    assert done and len(warnings) == 2
    assert kip.get_request(library, row.id).objected_on == D(2025, 5, 2)
    assert model.index(0, STATE).data() == "diajukan keberatan"
    for b in (section.answer_button, section.extend_button, section.object_button):
        assert not b.isEnabled()

    # The state filter narrows the list in SQL.
    section.state_filter.setCurrentIndex(section.state_filter.findData("open"))
    assert section.requests.rowCount() == 0 and section.request_count.text() == "0 permohonan"
    section.state_filter.setCurrentIndex(section.state_filter.findData("objected"))
    assert section.requests.rowCount() == 1


def test_the_calendar_closes_the_extension_and_the_objection_and_the_buttons_say_so(main_window, qtbot, library,
                                                                                  kip_clock):
    kip_clock.day = D(2025, 12, 31)
    overdue = kip.add_request(library, kip.RequestInput(requester="Ahmad Fauzi", subject="Salinan SK DPT",
                                                        received_on=D(2025, 12, 1)))  # due 15 December
    refused = kip.add_request(library, kip.RequestInput(requester="LSM", subject="Data pribadi pemilih",
                                                        received_on=D(2025, 6, 2)))
    kip.answer_request(library, refused, D(2025, 6, 10), "Dikecualikan", reject=True)  # objections until July
    section = main_window.show_section("kip")
    section.reload()
    assert section.select(overdue)
    assert section.answer_button.isEnabled() and section.object_button.isEnabled()
    assert not section.extend_button.isEnabled()  # the deadline passed: an extension would hide a late answer
    assert "15 Desember 2025" in section.extend_button.toolTip()
    assert section.select(refused)
    last = dates.plain_date(kip.add_working_days(D(2025, 6, 10), 30))
    assert not section.object_button.isEnabled()
    assert last in section.object_button.toolTip() and last in section.detail.text()
    row = section.requests.row_of(refused)
    assert section.requests.index(row, LEFT).data() == "ditolak 10 Juni 2025"


def test_a_request_within_its_deadline_cannot_be_objected_to_and_refreshes_from_elsewhere(main_window, qtbot,
                                                                                         library):
    section = main_window.show_section("kip")
    today = dt.date.today()
    rid = kip.add_request(library, kip.RequestInput(requester="LSM Pemilu Bersih", subject="Daftar TPS rawan",
                                                    received_on=today))
    qtbot.waitUntil(lambda: section.requests.rowCount() == 1)  # ctx.changed: recorded by the CLI or another PC
    row = kip.get_request(library, rid)
    assert section.select(rid)
    left = row.days_left(today)
    assert section.requests.index(0, LEFT).data() == "{} hari kerja lagi".format(left)
    assert section.requests.index(0, LEFT).data(Qt.ItemDataRole.ForegroundRole) is None
    assert section.extend_button.isEnabled() and section.answer_button.isEnabled()
    assert not section.object_button.isEnabled()


def test_dip_proposals_from_published_articles_are_added_with_the_ticked_ones(main_window, qtbot, library,
                                                                              warnings):
    from desktop import staff
    from desktop.articles import api as articles
    from desktop.ui.kip_dialogs import DipEntryDialog, ProposalsDialog

    me = library.store.staff_id
    library.store.staff_id = staff.create(library, staff.StaffInput(name="Agus Editor", role="editor"))
    try:
        release = articles.create_article(library, articles.ArticleDoc(
            title="Bawaslu Jember Awasi Rekapitulasi", kind="siaran_pers", status="published",
            publication_date=D(2025, 3, 3)))
        clarification = articles.create_article(library, articles.ArticleDoc(
            title="Klarifikasi Hoaks Penundaan Pemungutan Suara", kind="klarifikasi", status="published",
            publication_date=D(2025, 3, 4)))
        feature = articles.create_article(library, articles.ArticleDoc(
            title="Opini: Mengawasi dari Desa", kind="artikel", status="published", publication_date=D(2025, 3, 5)))
    finally:
        library.store.staff_id = me
    section = main_window.show_section("kip")
    section.tabs.setCurrentIndex(1)
    assert section.tabs.tabText(1) == "Daftar Informasi Publik (DIP)"
    assert section.propose_button.text() == "Usulkan dari materi terbit"
    assert section.dip.rowCount() == 0

    def choose(dialog: ProposalsDialog) -> None:
        assert dialog.tree.topLevelItemCount() == 3
        titles = [dialog.tree.topLevelItem(i).text(0) for i in range(3)]
        by_title = dict(zip(titles, range(3)))
        assert dialog.combos[by_title["Klarifikasi Hoaks Penundaan Pemungutan Suara"]].currentData() == "serta_merta"
        opinion = dialog.tree.topLevelItem(by_title["Opini: Mengawasi dari Desa"])
        opinion.setCheckState(0, Qt.CheckState.Unchecked)  # the user leaves the opinion piece out
        dialog.unit.setText("Humas")
        dialog.retention.setText("5 tahun")
        _save(qtbot, dialog)

    done = _when_shown(qtbot, ProposalsDialog, choose)
    _click(qtbot, section.propose_button)
    assert done and not warnings
    listed = kip.list_dip(library)
    assert {r.article_id: r.category for r in listed} == {release: "berkala", clarification: "serta_merta"}
    assert all(r.unit == "Humas" and r.retention == "5 tahun" for r in listed)
    assert section.dip.rowCount() == 2 and section.dip_count.text() == "2 entri"
    assert section.dip.index(0, 0).data() == "wajib diumumkan secara berkala"
    assert section.dip.index(0, 1).data() == "Bawaslu Jember Awasi Rekapitulasi"
    assert "2 entri ditambahkan" in section.status.text()
    assert [p.article_id for p in kip.propose_dip(library)] == [feature]

    def by_hand(dialog: DipEntryDialog) -> None:
        dialog.category.setCurrentIndex(dialog.category.findData("dikecualikan"))
        dialog.title_edit.setText("Data pribadi pemilih (NIK, KK)")
        dialog.unit.setText("Divisi Data")
        _save(qtbot, dialog)

    done = _when_shown(qtbot, DipEntryDialog, by_hand)
    _click(qtbot, section.add_dip_button)
    assert done and not warnings
    assert section.dip.rowCount() == 3
    assert section.dip.index(2, 0).data() == "dikecualikan" and section.dip.index(2, 4).data() == "diisi sendiri"
    section.category_filter.setCurrentIndex(section.category_filter.findData("dikecualikan"))
    assert section.dip.rowCount() == 1 and section.dip_count.text() == "1 entri"


def test_semester_report_is_written_off_the_ui_thread_and_readable(main_window, qtbot, library, tmp_path,
                                                                   monkeypatch, warnings):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.kip_dialogs import SemesterDialog

    def add(received: dt.date) -> int:
        return kip.add_request(library, kip.RequestInput(requester="Ahmad Fauzi", subject="Salinan SK DPT",
                                                         received_on=received))

    on_time = add(D(2026, 1, 5))
    kip.answer_request(library, on_time, D(2026, 1, 12), "dikirim")
    late = add(D(2026, 2, 2))
    kip.answer_request(library, late, D(2026, 2, 27), "dikirim")
    add(D(2026, 7, 1))  # second semester: not in the report
    target = tmp_path / "laporan kip.xlsx"
    asked: list[str] = []

    def save_name(_parent, _title, start, _filter, *args, **kwargs):  # noqa: ANN001
        asked.append(start)
        return str(target), "Excel (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    section = main_window.show_section("kip")
    assert section.report_button.text() == "Laporan semester…"

    def choose(dialog: SemesterDialog) -> None:
        dialog.year.setValue(2026)
        dialog.half.setCurrentIndex(dialog.half.findData("S1"))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    done = _when_shown(qtbot, SemesterDialog, choose)
    _click(qtbot, section.report_button)
    assert done
    assert asked and asked[0].endswith("laporan-layanan-informasi-2026-S1.xlsx")
    qtbot.waitUntil(lambda: "Disimpan di" in section.status.text(), timeout=10_000)
    assert not warnings
    assert section.status.text().startswith("Semester 2026-S1: 2 permohonan, 1 dijawab tepat waktu.")
    assert "Disimpan di" in main_window.statusBar().currentMessage()
    book = load_workbook(target)
    cells = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert cells["Permohonan diterima"] == 2 and cells["Dijawab tepat waktu"] == 1 and cells["Dijawab terlambat"] == 1
    assert book.worksheets[1].max_row == 3  # header and the two requests of the semester


def test_beranda_reminder_opens_the_request_in_this_section(main_window, qtbot, library):
    from PySide6.QtWidgets import QLabel

    rid = kip.add_request(library, kip.RequestInput(requester="Ahmad Fauzi", subject="Salinan SK DPT",
                                                    received_on=D(2025, 3, 27)))  # long overdue
    kip.add_request(library, kip.RequestInput(requester="Lain", subject="Yang lain", received_on=dt.date.today()))
    home = main_window.show_section("home")
    home.refresh()
    qtbot.waitUntil(lambda: any("Permohonan informasi" in label.text() for label in home.findChildren(QLabel)
                                if label.objectName() != "empty-hint"), timeout=10_000)
    lst = next(lst for lst in home.card_lists if lst.count() and "2025-0001" in lst.item(0).text())
    lst.setCurrentRow(0)
    qtbot.keyClick(lst, Qt.Key.Key_Return)  # opens the entry, like a double-click
    section = main_window.current_section()
    assert section.key == "kip" and section.selected_id() == rid
    assert section.tabs.currentIndex() == 0


def test_beranda_counter_of_requests_opens_the_register_with_every_request(main_window, qtbot, library):
    from PySide6.QtWidgets import QPushButton

    kip.add_request(library, kip.RequestInput(requester="Ahmad Fauzi", subject="Salinan SK DPT",
                                              received_on=dt.date.today()))
    section = main_window.show_section("kip")
    section.state_filter.setCurrentIndex(section.state_filter.findData("answered"))
    assert section.requests.rowCount() == 0
    home = main_window.show_section("home")
    home.refresh()
    qtbot.wait(50)
    counter = home.findChild(QPushButton, "count-information_requests")
    main_window.resize(1280, 800)
    qtbot.waitUntil(lambda: counter.label.height() >= counter.label.heightForWidth(counter.label.width()))
    # Its two-line name is not cut at the bottom of its box, and the row of counters stays even.
    assert counter.label.geometry().bottom() < counter.height()
    assert {b.height() for b in home.findChildren(QPushButton) if b.objectName().startswith("count-")} == {
        counter.height()}
    qtbot.mouseClick(counter, Qt.MouseButton.LeftButton)
    assert main_window.current_section() is section
    assert section.state_filter.currentData() == "" and section.requests.rowCount() == 1


def test_a_request_is_corrected_in_its_form_and_one_recorded_twice_deleted(main_window, qtbot, library, warnings,
                                                                           kip_clock, monkeypatch):
    from desktop import staff
    from desktop.ui.kip_dialogs import RequestDialog

    kip_clock.day = D(2025, 4, 10)
    rid = kip.add_request(library, kip.RequestInput(requester="Ahmad Fauzy", subject="Salinan SK DPT",
                                                    received_on=D(2025, 3, 27), channel="email"))
    twice = kip.add_request(library, kip.RequestInput(requester="Ahmad Fauzy", subject="Salinan SK DPT",
                                                      received_on=D(2025, 3, 27)))
    section = main_window.show_section("kip")
    assert (section.edit_button.text(), section.delete_button.text()) == ("Ubah", "Hapus")
    assert not section.edit_button.isEnabled() and not section.delete_button.isEnabled()  # nothing selected
    assert section.select(rid)

    def correct(dialog: RequestDialog) -> None:
        assert dialog.windowTitle() == "Perbaiki permohonan 2025-0001"
        assert dialog.requester.text() == "Ahmad Fauzy" and dialog.subject.toPlainText() == "Salinan SK DPT"
        assert dialog.channel.currentData() == "email" and dialog.received.isEnabled()
        assert dialog.number.text() == "2025-0001" and not dialog.number.isEnabled()
        dialog.requester.setText("Ahmad Fauzi")
        dialog.received.setDate(_qdate(D(2025, 3, 28)))
        assert dialog.due.text().startswith("Selasa, 15 April 2025")  # the moved deadline, before saving
        _save(qtbot, dialog)

    done = _when_shown(qtbot, RequestDialog, correct)
    _click(qtbot, section.edit_button)
    assert done and not warnings
    row = kip.get_request(library, rid)
    assert (row.requester, row.received_on, row.due_on) == ("Ahmad Fauzi", D(2025, 3, 28), D(2025, 4, 15))
    assert section.selected_id() == rid and "diperbaiki" in section.status.text()

    # Once extended, a double-click opens the same form with the day received locked.
    kip.extend_request(library, rid, "Dokumen di arsip provinsi")
    section.reload()
    assert section.select(rid)

    def locked(dialog: RequestDialog) -> None:
        assert not dialog.received.isEnabled() and "diperpanjang" in dialog.received.toolTip()
        assert dialog.due.text() == dates.long_date(kip.get_request(library, rid).due_on)
        dialog.subject.setPlainText("Salinan SK penetapan DPT Patrang")
        _save(qtbot, dialog)

    done = _when_shown(qtbot, RequestDialog, locked)
    table = section.request_table
    rect = table.visualRect(section.requests.index(section.requests.row_of(rid), 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert done and not warnings
    assert kip.get_request(library, rid).subject == "Salinan SK penetapan DPT Patrang"
    assert kip.get_request(library, rid).received_on == D(2025, 3, 28)

    # Hapus: asked first, then the duplicate is gone; an answered request cannot be deleted.
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):  # noqa: ANN001
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    assert section.select(twice) and section.delete_button.isEnabled()
    _click(qtbot, section.delete_button)
    assert asked and "2025-0002" in asked[0]
    assert [r.id for r in kip.list_requests(library)] == [rid] and section.requests.rowCount() == 1
    assert "dihapus" in section.status.text()
    kip.answer_request(library, rid, D(2025, 4, 10), "Dikirim")
    section.reload()
    assert section.select(rid) and section.edit_button.isEnabled() and not section.delete_button.isEnabled()
    assert "tetap tercatat" in section.delete_button.toolTip()

    # Not an Admin: the button stays off and says why.
    other = kip.add_request(library, kip.RequestInput(requester="LSM", subject="Daftar TPS", received_on=D(2025, 4, 9)))
    section.ctx.staff_id = library.store.staff_id = staff.create(library, staff.StaffInput(name="Dewi", role="writer"))
    section.reload()
    assert section.select(other) and not section.delete_button.isEnabled()
    assert "Hanya Admin" in section.delete_button.toolTip()
