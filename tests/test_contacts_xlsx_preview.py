"""The contact import's .xlsx preview: the first rows only, read off the UI thread; the import still reads all."""

from __future__ import annotations

import io
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.contacts.io import parse_xlsx, preview_rows, tables

ROWS = 10_000


def _workbook(rows: int, *, headers=("Nama", "Instansi", "Telepon", "Email"), write_only: bool = True) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("Kontak") if write_only else wb.active
    ws.title = "Kontak"
    ws.append(list(headers))
    for n in range(rows):
        ws.append([f"Peserta Nomor {n + 1}", "Radar Jember", f"0812{n:08d}", f"peserta{n + 1}@example.go.id"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def big() -> bytes:
    return _workbook(ROWS)


@pytest.mark.parametrize("write_only", [True, False])
def test_preview_shows_the_first_rows_and_reads_no_further(monkeypatch, write_only):
    data = _workbook(ROWS if write_only else 2_000, write_only=write_only)
    cells = []
    real = tables._cell_text
    monkeypatch.setattr(tables, "_cell_text", lambda value: cells.append(value) or real(value))
    preview = preview_rows(data, n=8)
    assert preview.headers == ["Nama", "Instansi", "Telepon", "Email"]
    assert preview.has_header and preview.sheet == "Kontak"
    assert [r[0] for r in preview.rows] == [f"Peserta Nomor {n}" for n in range(1, 9)]
    assert preview.row_numbers == list(range(2, 10))  # spreadsheet rows: the header is row 1
    assert preview.mapping["Nama"] == "full_name"
    # Only the header search and the shown rows were converted, not the workbook.
    assert len(cells) <= (tables.HEADER_SEARCH_ROWS + 8) * 4


def test_full_import_still_reads_every_row(big):
    result = parse_xlsx(big, "kontak.xlsx")
    assert not result.rejected
    assert len(result.records) == ROWS
    assert result.records[0].full_name == "Peserta Nomor 1"
    assert result.records[-1].full_name == f"Peserta Nomor {ROWS}"
    assert result.records[-1].emails[0].address == f"peserta{ROWS}@example.go.id"


def test_a_title_row_above_the_header_is_still_found():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR MITRA MEDIA 2025"])
    ws.append([])
    ws.append(["Nama", "Instansi", "Telepon"])
    for n in range(30):
        ws.append([f"Wartawan {n + 1}", "Kabar Jember", f"0813{n:08d}"])
    buf = io.BytesIO()
    wb.save(buf)
    preview = preview_rows(buf.getvalue(), n=8)
    assert preview.headers == ["Nama", "Instansi", "Telepon"]
    assert preview.rows[0][0] == "Wartawan 1" and len(preview.rows) == 8
    assert preview.row_numbers[0] == 4


def test_the_window_reads_the_columns_off_the_ui_thread(main_window, qtbot, tmp_path, monkeypatch):
    """An unknown spreadsheet: its top rows are read by the background runner, then the mapping page shows."""
    from desktop.contacts import api as contacts

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    path = tmp_path / "undangan.xlsx"
    path.write_bytes(_workbook(ROWS, headers=("Peserta", "Kantor Berita", "Kontak", "Surel")))
    threads = []
    real = contacts.preview_rows

    def spy(data, n=20, sheet=None):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        return real(data, n=n, sheet=sheet)

    monkeypatch.setattr(contacts, "preview_rows", spy)
    section = main_window.show_section("contacts")
    section.import_files([str(path)])
    dialog = section.import_dialog
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.mapping_page, timeout=15000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert dialog.mapping_table.rowCount() == 1 + 8  # the combo row and the first eight contacts
    assert dialog.mapping_table.item(1, 0).text() == "Peserta Nomor 1"
    assert dialog.next_button.isVisible()
    dialog.reject()
