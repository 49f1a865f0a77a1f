"""Kalender in the window: month and week views, moving between months, opening an item, exporting .ics — by clicking."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt


def _open_calendar(main_window, qtbot):  # noqa: ANN001, ANN202
    from PySide6.QtGui import QAction

    action = main_window.findChild(QAction, "action-section-planner")
    action.trigger()
    section = main_window.current_section()
    assert section is not None and section.key == "planner"
    return section


def _click(qtbot, section, name: str) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(section.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def _texts(cell) -> list[str]:  # noqa: ANN001
    return [cell.model.index(r).data() for r in range(cell.model.rowCount())]


def _month_name(day: dt.date) -> str:
    from babel.dates import format_date

    return format_date(day, "LLLL y", locale="id")


def test_month_view_moves_between_months_and_shows_an_item_on_its_day(main_window, qtbot, library):
    from desktop.contacts import api as contacts

    today = dt.date.today()
    org = contacts.create_org(library, contacts.OrgInput(name="Radio Suara Contoh"))
    contacts.add_collaboration(library, "meeting", today, "Rapat koordinasi hari ini", org_ids=[org])
    section = _open_calendar(main_window, qtbot)

    assert section.period.text() == _month_name(today)
    cell = section.day_cell(today)
    assert cell.objectName() == "planner-day-today"  # today is drawn highlighted
    assert _texts(cell) == ["Rapat: Rapat koordinasi hari ini"]

    _click(qtbot, section, "planner-next")
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    assert section.period.text() == _month_name(following)
    assert section.shown_month() == (following.year, following.month)
    assert all(c.objectName() != "planner-day-today" or c.day == today for c in section.month_cells)

    _click(qtbot, section, "planner-prev")
    _click(qtbot, section, "planner-prev")
    previous = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    assert section.period.text() == _month_name(previous)

    _click(qtbot, section, "planner-today")
    assert section.period.text() == _month_name(today)

    # Recorded while the calendar is open: it appears on its day without leaving the section.
    contacts.add_collaboration(library, "visit", today, "Kunjungan media", org_ids=[org])
    qtbot.waitUntil(lambda: "Kunjungan: Kunjungan media" in _texts(section.day_cell(today)))


def test_week_view_and_clicking_an_item_opens_it(main_window, qtbot, library):
    from desktop.articles import api as articles

    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    next_wednesday = monday + dt.timedelta(days=9)
    article = articles.create_article(library, articles.ArticleDoc(
        title="Posko Pengaduan Dibuka", publication_date=next_wednesday))
    section = _open_calendar(main_window, qtbot)

    _click(qtbot, section, "planner-week")
    assert section.stack.currentWidget() is section.week_page
    assert [c.day for c in section.week_cells] == [monday + dt.timedelta(days=i) for i in range(7)]
    assert section.day_cell(next_wednesday) is None

    _click(qtbot, section, "planner-next")
    cell = section.day_cell(next_wednesday)
    assert _texts(cell) == ["Rencana rilis: Posko Pengaduan Dibuka"]
    assert "Rabu" in cell.header.text()

    index = cell.model.index(0)
    qtbot.mouseClick(cell.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.view.visualRect(index).center())
    articles_section = main_window.current_section()
    assert articles_section.key == "articles"
    assert articles_section.stack.currentWidget() is articles_section.editor
    assert articles_section.editor.article_id == article

    main_window.show_section("planner")
    _click(qtbot, section, "planner-month")
    assert section.stack.currentWidget() is section.month_page


def test_export_button_writes_the_shown_month(main_window, qtbot, library, tmp_path, monkeypatch):
    import icalendar
    from PySide6.QtWidgets import QFileDialog

    from desktop.contacts import api as contacts

    today = dt.date.today()
    org = contacts.create_org(library, contacts.OrgInput(name="Radio Suara Contoh", mou_number="7/MoU",
                                                         mou_expires=today.replace(day=1)))
    contacts.add_collaboration(library, "training", today, "Pelatihan jurnalistik", org_ids=[org])
    target = tmp_path / "kalender.ics"
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _t, start, *a, **k: asked.append(start) or (str(target), ""))
    section = _open_calendar(main_window, qtbot)

    _click(qtbot, section, "planner-export")
    assert asked and asked[0].endswith("kalender-{}.ics".format(today.strftime("%Y-%m")))
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} == {"Pelatihan: Pelatihan jurnalistik",
                                                     "MoU dengan Radio Suara Contoh berakhir"}
    assert "2 agenda disimpan" in section.status.text()


def test_beranda_card_shows_today_and_opens_the_week(main_window, qtbot, library):
    from PySide6.QtWidgets import QFrame, QLabel, QPushButton

    from desktop.contacts import api as contacts

    today = dt.date.today()
    org = contacts.create_org(library, contacts.OrgInput(name="Radio Suara Contoh"))
    contacts.add_collaboration(library, "interview", today, "Wawancara Radio", org_ids=[org])
    home = main_window.show_section("home")
    home.refresh()
    def card() -> QFrame | None:
        return next((lbl.parent() for lbl in home.findChildren(QLabel)
                     if lbl.text().startswith("<b>Hari ini dan minggu ini") and lbl.isVisible()), None)

    qtbot.waitUntil(lambda: card() is not None)
    frame = card()
    lst = next(lst for lst in home.card_lists if frame.isAncestorOf(lst))
    assert lst.item(0).text() == "Hari ini: Wawancara: Wawancara Radio"

    qtbot.mouseClick(frame.findChild(QPushButton, "card-see-all"), Qt.MouseButton.LeftButton)
    section = main_window.current_section()
    assert section.key == "planner" and section.stack.currentWidget() is section.week_page
    assert _texts(section.day_cell(today)) == ["Wawancara: Wawancara Radio"]
