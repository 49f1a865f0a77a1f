"""CSV and Excel (.xlsx) contact tables: reading, previewing, writing.

Reading: encoding detection (UTF-8 with or without BOM, UTF-16, else the
legacy encoding charset-normalizer finds, cp1252 by default), delimiter
sniffing (``,`` ``;`` tab ``|`` — ``;`` is what Excel writes where the decimal
mark is a comma), quoted newlines, a header row recognised by
:mod:`desktop.contacts.io.columns` or, for header-less files, columns guessed
from their content. Rows number like a spreadsheet: the header is row 1.

Writing: UTF-8 with BOM (so Excel opens it in the right encoding), ``,``
separated, headers the importer recognises; .xlsx through openpyxl with every
value stored as text (a name starting with ``=`` is not a formula).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from desktop.contacts.io import columns
from desktop.contacts.record import ContactRecord, ParseResult, Rejected
from desktop.errors import ValidationError
from desktop.i18n import _

_DELIMITERS = [",", ";", "\t", "|"]
#: Top rows searched for the header row (see :func:`_table`): a preview reads these and its own rows.
HEADER_SEARCH_ROWS = 10


@dataclass
class TablePreview:
    """What the column-mapping dialog shows before anything is imported."""

    headers: list[str]  # header row, or "Column 1", "Column 2" … when the file has none
    rows: list[list[str]]  # the first data rows
    mapping: dict[str, str]  # guessed {header: field}
    has_header: bool
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # spreadsheet row of each of ``rows``


@dataclass
class _Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    has_header: bool
    guessed: dict[str, str]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)


def sniff_delimiter(text: str) -> str:
    """The separator of the first line(s): whichever candidate splits them most consistently."""
    lines = [line for line in text.splitlines()[:10] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        try:
            counts = [len(row) - 1 for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or counts[0] == 0:
            continue
        consistent = sum(1 for c in counts if c == counts[0])
        score = counts[0] * 10 + consistent
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else "cp1252"


def _content_mapping(rows: list[list[str]], width: int) -> tuple[list[str], dict[str, str]]:
    headers = [_("Column {number}").format(number=i + 1) for i in range(width)]
    by_index = columns.guess_by_content(rows)
    return headers, {headers[i]: f for i, f in by_index.items()}


def _read_csv(data: bytes, mapping: dict[str, str] | None = None) -> _Table:
    encoding = _detect_encoding(data)
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode("cp1252", errors="replace")
    text = text.replace("\x00", "")  # the csv module refuses NUL bytes; they carry nothing
    delimiter = sniff_delimiter(text)
    # Long notes are legitimate; the file size limit is the real bound.
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    rows: list[tuple[int, list[str]]] = []
    starts: list[int] = []  # the line each row starts on
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for number, row in enumerate(reader, start=1):
            rows.append((number, row))
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc):  # a quotation mark open at the end of the file
            raise UnclosedQuote(start) from None
        # Anything else odd (text after a closing quote …) is read as before, tolerantly.
        rows, starts = [], []
        start = 1
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, row in enumerate(reader, start=1):
            rows.append((number, row))
            starts.append(start)
            start = reader.line_num + 1
    width = len(rows[0][1]) if rows else 0
    for (_number, row), line in zip(rows, starts):
        if _swallows_rows(row, delimiter, width):
            raise UnclosedQuote(line)
    rows = [(n, [_clean_cell(c) for c in row]) for n, row in rows]
    return _table(rows, mapping, encoding=encoding, delimiter=delimiter)


class UnclosedQuote(ValidationError):
    """A quotation mark that is never closed (or closed rows later): the rows after it would be one field."""

    def __init__(self, line: int) -> None:
        self.line = line
        super().__init__(_(
            "Line {line} opens a quotation mark that is not closed where the field ends, so the lines after it "
            "would be read as the text of one contact. Nothing was imported from this file: add the missing "
            "quotation mark (or remove the stray one) and import it again.").format(line=line))


def _swallows_rows(row: list[str], delimiter: str, width: int) -> bool:
    """True when a quoted field holds lines that look like rows of their own (as many separators as a row)."""
    if width < 3:
        return False
    for cell in row:
        if "\n" in cell:
            inner = cell.replace("\r\n", "\n").split("\n")[1:]
            if sum(1 for line in inner if line.count(delimiter) >= width - 1) >= 1:
                return True
    return False


def _table(rows: list[tuple[int, list[str]]], mapping: dict[str, str] | None = None, **extra) -> _Table:
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        return _Table([], [], False, {}, **extra)
    # Office spreadsheets often start with a title ("DAFTAR MITRA STRATEGIS …") and a
    # blank line: the header is the first of the top rows whose columns make sense.
    for index, (_number, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headers = [c.strip() for c in row]
        if mapping:
            if set(mapping) & set(headers):  # the header row the user mapped
                return _Table(headers, rows[index + 1:], True, columns.guess_mapping(headers), **extra)
            continue
        if _looks_like_data(row):
            break
        guessed = columns.guess_mapping(headers)
        if columns.is_usable(guessed):
            return _Table(headers, rows[index + 1:], True, guessed, **extra)
    first = rows[0][1]
    headers = [c.strip() for c in first]
    if not _looks_like_data(first):
        # A header row, recognised or not; an unknown layout waits for a mapping.
        return _Table(headers, rows[1:], True, columns.guess_mapping(headers), **extra)
    width = max(len(r) for _n, r in rows)
    headers, guessed = _content_mapping([r for _n, r in rows], width)
    return _Table(headers, rows, False, guessed, **extra)


def _looks_like_data(row: list[str]) -> bool:
    """A first row holding an e-mail address or a phone number is a contact, not a header."""
    from desktop.contacts import normalize

    for cell in row:
        cell = cell.strip()
        if "@" in cell and normalize.validate_email(cell) is None:
            return True
        if sum(c.isdigit() for c in cell) >= 7 and normalize.normalize_phone(cell)[0]:
            return True
    return False


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers come back as 8.1234567e10
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: The largest sheet read (rows, columns: IV, Excel 2003's last), and the most its parts may inflate to.
MAX_XLSX_ROWS = 100_000
MAX_XLSX_COLUMNS = 256
MAX_XLSX_UNPACKED = 256 * 1024 * 1024


class SheetTooLarge(ValidationError):
    """A workbook beyond the limits above; the message is the sentence for the user."""


def _open_workbook(data: bytes):  # noqa: ANN202 - an openpyxl read-only Workbook
    """openpyxl's read-only workbook without its per-sheet size scan.

    Opening a sheet, openpyxl looks for the ``<dimension>`` its writer may
    have put first; when there is none (openpyxl's own write-only mode,
    Warta's export, many generators) it parses the whole sheet to find out:
    0.7 s at 10,000 rows before the first row is read. Warta never uses the
    declared size (:func:`_read_xlsx` resets it), so the scan is left out.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            pass

    class Reader(ExcelReader):
        def read_worksheets(self) -> None:
            for info, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue  # a chart has no rows
                ws = Sheet(self.wb, info.name, rel.target, self.shared_strings)
                ws.sheet_state = info.state
                self.wb._sheets.append(ws)

    reader = Reader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _read_xlsx(data: bytes, sheet: str | None = None, mapping: dict[str, str] | None = None,
               limit: int | None = None) -> _Table:
    """The sheet's table; with ``limit``, only up to that many non-empty rows are read (a preview)."""
    import zipfile

    from openpyxl.utils import get_column_letter

    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # sizes from the central directory, before reading
        if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
            raise SheetTooLarge(_("The workbook unpacks to more than {limit} MB; a contacts list is far "
                                  "smaller. Save the contacts sheet alone and import that.").format(
                limit=MAX_XLSX_UNPACKED // 1024 // 1024))
    workbook = _open_workbook(data)
    try:
        names = workbook.sheetnames
        if sheet and sheet not in names:
            raise KeyError(sheet)
        # Without a named sheet: the first one with contacts (a cover or notes sheet may come first).
        candidates = [workbook[sheet]] if sheet else workbook.worksheets
        first: _Table | None = None
        for ws in candidates:
            # A 5 KB file can declare A1:XFD1048576 (or hold one cell there) and openpyxl would make
            # every empty cell of it: read only the cells that are there, within the limits.
            ws.reset_dimensions()
            rows = []
            width = 0
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > MAX_XLSX_ROWS or len(values) > MAX_XLSX_COLUMNS:
                    raise SheetTooLarge(_(
                        "The sheet \"{sheet}\" reaches beyond row {rows} or column {column}; Warta reads contacts "
                        "up to there. Delete the empty rows and columns after the contacts (or split the list) "
                        "and import it again.").format(sheet=ws.title, rows=MAX_XLSX_ROWS,
                                                       column=get_column_letter(MAX_XLSX_COLUMNS)))
                cells = [_cell_text(v) for v in values]
                if any(c.strip() for c in cells):  # empty rows carry nothing (_table drops them too)
                    width = max(width, len(cells))
                    rows.append((number, cells))
                    if limit is not None and len(rows) >= limit:
                        break
            rows = [(n, r + [""] * (width - len(r))) for n, r in rows]  # every row as wide as the sheet
            table = _table(rows, mapping, sheet=ws.title, sheets=list(names))
            used = {h: f for h, f in (mapping or table.guessed).items() if h in table.headers}
            if table.rows and columns.is_usable(used):
                return table
            first = first or table
        return first or _Table([], [], False, {}, sheets=list(names))
    finally:
        workbook.close()


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def preview_rows(data: bytes, n: int = 20, sheet: str | None = None) -> TablePreview:
    """Headers, the first ``n`` rows and the guessed mapping of a CSV or .xlsx file.

    Of a workbook only the top rows are read (the header search and ``n``):
    a preview of 10,000 rows costs what a preview of ten does.
    """
    table = _read_xlsx(data, sheet, limit=HEADER_SEARCH_ROWS + n) if is_xlsx(data) else _read_csv(data)
    return TablePreview(
        headers=table.headers,
        rows=[r for _n, r in table.rows[:n]],
        mapping=dict(table.guessed),
        has_header=table.has_header,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        sheets=table.sheets,
        row_numbers=[number for number, _r in table.rows[:n]],
    )


def _records(table: _Table, source_name: str, mapping: dict[str, str] | None, check_width: bool) -> ParseResult:
    result = ParseResult()
    if not table.rows and not table.headers:
        result.rejected.append(Rejected(source_name, _("The file is empty.")))
        return result
    used = mapping if mapping is not None else table.guessed
    unknown = [f for f in used.values() if f and f not in columns.FIELDS and not f.startswith("social:")]
    if unknown:
        result.rejected.append(Rejected(source_name, _("Unknown field \"{field}\" in the column mapping.").format(
            field=unknown[0])))
        return result
    mapper = columns.RowMapper(table.headers, used)
    if not mapper.usable:
        result.rejected.append(Rejected(source_name, _(
            "The columns were not recognised: map at least a name, phone or e-mail column "
            "(in the window's column dialog, or with --map \"Header=field,...\").")))
        return result
    width = len(table.headers)
    for number, row in table.rows:
        # Not translated: scripts read it (``--json``); the window translates it for display.
        source = "{file}:row {row}".format(file=source_name, row=number)
        if check_width and table.has_header and len(row) != width:
            extra = row[width:]
            if len(row) < width or any(c.strip() for c in extra):
                reason = _("The row has {count} fields but the header has {expected}.").format(
                    count=len(row), expected=width)
                if len(row) < width and any("\n" in c for c in row):
                    reason += " " + _("A quotation mark in it may be missing its closing pair.")
                result.rejected.append(Rejected(source, reason))
                continue
        outcome = mapper.to_record(row, source)
        if isinstance(outcome, Rejected):
            result.rejected.append(outcome)
        else:
            result.records.append(outcome)
    if not table.rows:
        result.rejected.append(Rejected(source_name, _("The file has a header row but no contacts.")))
    return result


def parse_csv(data: bytes, source_name: str, mapping: dict[str, str] | None = None) -> ParseResult:
    """Read a CSV file; ``mapping`` is ``{header: field}`` (default: guessed from the headers).

    A quotation mark left open refuses the whole file (one rejected entry naming its line):
    importing the rest would make one contact of many rows and call it a success."""
    try:
        table = _read_csv(data, mapping)
    except UnclosedQuote as exc:
        return ParseResult(rejected=[Rejected("{file}:line {line}".format(file=source_name, line=exc.line), str(exc))])
    return _records(table, source_name, mapping, check_width=True)


def parse_xlsx(data: bytes, source_name: str, mapping: dict[str, str] | None = None,
               sheet: str | None = None) -> ParseResult:
    """Read the first sheet (or ``sheet``) of an .xlsx workbook, mapped like a CSV file."""
    try:
        table = _read_xlsx(data, sheet, mapping)
    except KeyError:
        return ParseResult(rejected=[Rejected(source_name, _("The workbook has no sheet named \"{sheet}\".").format(
            sheet=sheet))])
    except SheetTooLarge as exc:
        return ParseResult(rejected=[Rejected(source_name, str(exc))])
    return _records(table, source_name, mapping, check_width=False)


# ---------------------------------------------------------------- writing

def _yes(flag: bool) -> str:
    return "yes" if flag else ""


def table_rows(records: list[ContactRecord], phone_text=None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of Warta's own table layout (read back by :func:`columns.guess_mapping`).

    ``phone_text`` turns a stored number into the text written (default: as stored).
    """
    phone_text = phone_text or (lambda number: number)
    phones = max([len(r.phones) for r in records] + [1])
    emails = max([len(r.emails) for r in records] + [1])
    networks = sorted({n for r in records for n in r.social})
    headers = ["Full Name", "Given Name", "Family Name", "Position", "Organization", "Organization Type", "Department"]
    for i in range(1, phones + 1):
        headers += [f"Phone {i} - Value", f"Phone {i} - Label", f"Phone {i} - WhatsApp", f"Phone {i} - Public"]
    for i in range(1, emails + 1):
        headers += [f"E-mail {i} - Value", f"E-mail {i} - Label", f"E-mail {i} - Public"]
    headers += ["Address", "Website"] + [f"Social - {n}" for n in networks] + ["Notes", "Tags"]
    rows = []
    for r in records:
        row = [r.full_name, r.given_name, r.family_name, r.position, r.organization, r.organization_type, r.department]
        for i in range(phones):
            p = r.phones[i] if i < len(r.phones) else None
            row += [phone_text(p.number), p.label, _yes(p.whatsapp), _yes(p.public)] if p else ["", "", "", ""]
        for i in range(emails):
            e = r.emails[i] if i < len(r.emails) else None
            row += [e.address, e.label, _yes(e.public)] if e else ["", "", ""]
        row += [r.address, r.website] + [r.social.get(n, "") for n in networks] + [r.notes, "; ".join(r.tags)]
        rows.append(row)
    return headers, rows


# Apostrophes then a formula character: writing adds one apostrophe, reading removes one,
# so a value that really starts with "'=" survives too.
_GUARDED_RE = re.compile(r"^'*[=+\-@]")


def _guard(value: str) -> str:
    return "'" + value if _GUARDED_RE.match(value) else value


def _clean_cell(value: str) -> str:
    """Newlines as ``\n``; the apostrophe :func:`_guard` put before ``=+-@`` removed."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value[:1] == "'" and _GUARDED_RE.match(value):
        return value[1:]
    return value


def export_csv(records: list[ContactRecord]) -> bytes:
    """UTF-8 with BOM, comma-separated, CRLF; quoted where needed (newlines in notes stay).

    Written for Excel: phones as ``0812-3456-7890`` (see
    :func:`normalize.format_phone_for_spreadsheet`) and any other value starting
    with ``= + - @`` behind an apostrophe, so Excel neither computes it as a
    formula nor mangles it; the importer removes that apostrophe again.
    """
    from desktop.contacts.normalize import format_phone_for_spreadsheet

    headers, rows = table_rows(records, format_phone_for_spreadsheet)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[_guard(c) for c in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


_ILLEGAL_XLSX_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_xlsx(records: list[ContactRecord]) -> bytes:
    """One sheet "Narahubung" with the same columns as :func:`export_csv`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from desktop.contacts.normalize import format_phone

    headers, rows = table_rows(records, format_phone)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(_("Contacts"))

    def cells(values: list[str]) -> list:
        out: list = []
        for value in values:
            if not value:
                out.append(None)
                continue
            value = _ILLEGAL_XLSX_RE.sub("", value)
            if value.startswith("="):  # openpyxl would store it as a formula
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"
                out.append(cell)
            else:
                out.append(value)  # str values are written as text, never as numbers
        return out

    ws.append(cells(headers))
    for row in rows:
        ws.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
