"""An .xlsx contacts file is read within bounds: a cell at XFD1048576 in a 5 KB file (9.6 GB before) is refused."""

from __future__ import annotations

import io

from desktop.contacts.io import tables


def _workbook(cells: dict[str, object], rows: list[list] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows or [["Nama", "Telepon"], ["Budi Santoso", "081234567890"]]:
        ws.append(row)
    for ref, value in cells.items():
        ws[ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_cell_at_the_last_row_and_column_is_refused_with_a_sentence(monkeypatch):
    data = _workbook({"XFD1048576": "x"})
    assert len(data) < 10_000
    made = {"cells": 0}
    real = tables._cell_text

    def counting(value):  # noqa: ANN001, ANN202
        made["cells"] += 1
        return real(value)

    monkeypatch.setattr(tables, "_cell_text", counting)
    result = tables.parse_xlsx(data, "besar.xlsx")
    assert not result.records
    assert "XFD" not in result.rejected[0].reason and "IV" in result.rejected[0].reason, result.rejected
    # The empty cells the declared size claims were never made (16384 × 1048576 of them).
    assert made["cells"] < 1000, made


def test_a_declared_dimension_larger_than_the_cells_is_ignored():
    """Writers that declare A1:XFD1048576 for a small table still import."""
    import zipfile

    data = _workbook({})
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            payload = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                payload = payload.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in payload
            zf.writestr(name, payload)
    result = tables.parse_xlsx(out.getvalue(), "klaim.xlsx")
    assert [r.full_name for r in result.records] == ["Budi Santoso"], result.rejected


def test_rows_past_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(tables, "MAX_XLSX_ROWS", 50)
    data = _workbook({"A60": "Orang Terakhir"})
    result = tables.parse_xlsx(data, "baris.xlsx")
    assert not result.records and "50" in result.rejected[0].reason
    assert tables.parse_xlsx(_workbook({"A40": "Orang Terakhir"}), "ok.xlsx").records
