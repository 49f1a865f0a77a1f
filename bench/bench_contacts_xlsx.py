"""Contact .xlsx preview: the first rows of a 10,000-row workbook, as the import dialog shows them.

Target (issue 13): ≤ 0.3 s at 10,000 rows (``full``; 1,000 at ``small``).
Baseline in the same run: openpyxl's own read-only mode opening the same
bytes and reading the same top rows (``load_workbook(read_only=True)`` +
``iter_rows(max_row=…)``), no mapping.

Two workbooks: one as Excel writes it (shared strings, a ``<dimension>``
first) and one as openpyxl's write-only mode and Warta's own export write it
(inline strings, no ``<dimension>``: openpyxl then parses the whole sheet on
opening to learn its size, which Warta's reader skips). The full read of the
same workbook (what Import does) is listed for scale.

Measured ``full`` on the shared 2-core machine (other work running; medians of 5):

===================================================  ============  ==================  ======
operation                                            median        floor               ratio
===================================================  ============  ==================  ======
preview, Excel-style workbook (shared strings)       12–178 ms     15–226 ms           0.8×
preview, write-only workbook (no ``<dimension>``)    28–38 ms      2.2–3.1 s           0.01×
===================================================  ============  ==================  ======

Before: the preview read the whole workbook (4.1 s of CPU at 10,000 rows),
on the UI thread.
"""

from __future__ import annotations

import io
from pathlib import Path

from bench.runner import Table, measure

HEADERS = ["Nama", "Instansi", "Jabatan", "Telepon", "Email", "Alamat", "Kota", "Catatan"]


def workbook(rows: list[dict], *, write_only: bool) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("Kontak") if write_only else wb.active
    if not write_only:
        ws.title = "Kontak"
    ws.append(HEADERS)
    for n, p in enumerate(rows):
        ws.append([p["full"], p["org"], "Kepala Subbagian Humas", p["phone"], p["email"],
                   f"Jl. Kalimantan No. {n % 200 + 1}", "Jember", "Narahubung kegiatan sosialisasi"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _floor(data: bytes, rows: int) -> list:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return list(wb.worksheets[0].iter_rows(max_row=rows, values_only=True))
    finally:
        wb.close()


def run(table: Table, scale: str, workdir: Path) -> None:  # noqa: ARG001
    from bench.bench_contacts_io import people
    from desktop.contacts.io import parse_xlsx, preview_rows
    from desktop.contacts.io.tables import HEADER_SEARCH_ROWS

    count = 10_000 if scale == "full" else 1_000
    shown = 8  # what the import dialog asks for
    rows = people(count, seed=3)
    for label, write_only in (("Excel-style, shared strings", False), ("write-only, no <dimension>", True)):
        data = workbook(rows, write_only=write_only)
        preview = preview_rows(data, n=shown)
        assert len(preview.rows) == shown and preview.has_header, preview
        table.add(f"contacts: .xlsx preview, {count:,} rows ({label})",
                  measure(lambda: preview_rows(data, n=shown), repeat=5),
                  baseline="openpyxl read-only, same top rows",
                  baseline_samples=measure(lambda: _floor(data, HEADER_SEARCH_ROWS + shown), repeat=5),
                  target="≤ 0.3 s")
    table.add(f"contacts: .xlsx full read, {count:,} rows (Import)",
              measure(lambda: parse_xlsx(data, "kontak.xlsx"), repeat=1, warmup=0))
