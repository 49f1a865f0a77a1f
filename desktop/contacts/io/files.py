"""Opening a contacts file of any supported kind, and refusing the unusable ones clearly."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.contacts.io import tables, vcard
from desktop.contacts.record import ParseResult, Rejected
from desktop.i18n import _
from desktop.errors import os_reason

#: Files above this size are refused before reading (a phone export of 10,000
#: contacts with photos is about 30 MB; anything bigger is a mistake or not contacts).
MAX_FILE_BYTES = 50 * 1024 * 1024

VCARD_EXTENSIONS = {".vcf", ".vcard", ".vct"}
TABLE_EXTENSIONS = {".csv", ".tsv", ".txt", ".tab"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
#: Extensions the file dialogs offer.
EXTENSIONS = sorted(VCARD_EXTENSIONS | TABLE_EXTENSIONS | XLSX_EXTENSIONS)


def detect_format(data: bytes, name: str = "") -> str | None:
    """``"vcard"``, ``"csv"``, ``"xlsx"``, ``"xls"`` (old Excel) or None for binary data."""
    if tables.is_xlsx(data):
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "xls"
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif head.count(b"\x00") > len(head) // 100 + 1:
        return None  # a stray NUL or two in a text file is tolerated; more is binary
    controls = sum(1 for b in head if b < 32 and b not in (0, 9, 10, 13, 12))
    if head and controls / len(head) > 0.02:
        return None
    if b"BEGIN:VCARD" in head.upper():
        return "vcard"
    if Path(name).suffix.lower() in VCARD_EXTENSIONS:
        return "vcard"
    return "csv"


def parse_bytes(data: bytes, source_name: str, mapping: dict[str, str] | None = None,
                sheet: str | None = None) -> ParseResult:
    """Parse file contents already in memory (drag-and-drop, tests); see :func:`parse_file`."""
    if not data.strip():
        return ParseResult(rejected=[Rejected(source_name, _("The file is empty."))])
    if len(data) > MAX_FILE_BYTES:
        return ParseResult(rejected=[Rejected(source_name, _("The file is larger than {limit} MB.").format(
            limit=MAX_FILE_BYTES // 1024 // 1024))])
    kind = detect_format(data, source_name)
    if kind is None:
        return ParseResult(rejected=[Rejected(source_name, _(
            "This is not a contacts file (it holds binary data); Warta reads vCard (.vcf), CSV and Excel .xlsx."))])
    if kind == "xls":
        return ParseResult(rejected=[Rejected(source_name, _(
            "Old Excel 97–2003 workbooks (.xls) cannot be read; save it as .xlsx or CSV in Excel and import that."))])
    try:
        if kind == "vcard":
            return vcard.parse_vcard(data, source_name)
        if kind == "xlsx":
            return tables.parse_xlsx(data, source_name, mapping, sheet)
        return tables.parse_csv(data, source_name, mapping)
    except Exception as exc:  # noqa: BLE001 — a damaged file is reported, never a crash
        return ParseResult(rejected=[Rejected(source_name, _("The file could not be read: {error}").format(
            error=str(exc) or type(exc).__name__))])


def parse_file(path: Path | str, mapping: dict[str, str] | None = None, sheet: str | None = None,
               *, source_name: str | None = None) -> ParseResult:
    """Read a vCard, CSV or .xlsx file into records; problems come back as rejections.

    Never raises for bad input: an unreadable, empty, binary or too large file
    gives one :class:`Rejected` naming the file; a bad card or row gives one
    naming its line or row while the good ones are returned. Sources name the
    file as ``source_name`` (default: the file's name).
    """
    path = Path(path)
    name = source_name if source_name is not None else path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            return ParseResult(rejected=[Rejected(name, _("This is a folder, not a contacts file."))])
    except OSError as exc:
        return ParseResult(rejected=[Rejected(name, _("The file cannot be opened: {error}").format(
            error=os_reason(exc)))])
    if size > MAX_FILE_BYTES:
        return ParseResult(rejected=[Rejected(name, _(
            "The file is {size} MB; Warta imports contact files up to {limit} MB. "
            "Split it into smaller files or export it without photos.").format(
            size=round(size / 1024 / 1024), limit=MAX_FILE_BYTES // 1024 // 1024))])
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return ParseResult(rejected=[Rejected(name, _("The file cannot be opened: {error}").format(
            error=os_reason(exc)))])
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        return ParseResult(rejected=[Rejected(name, _("The file is larger than {limit} MB.").format(
            limit=MAX_FILE_BYTES // 1024 // 1024))])
    return parse_bytes(data, name, mapping, sheet)


def read_limited(path: Path | str) -> bytes:
    """The bytes of a file for :func:`preview_rows`, refusing too large ones with a WartaError."""
    from desktop.errors import ValidationError

    path = Path(path)
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise ValidationError(_("{file}: the file is larger than {limit} MB.").format(
                file=path.name, limit=MAX_FILE_BYTES // 1024 // 1024))
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(_("{file}: the file cannot be opened: {error}").format(
            file=path.name, error=os_reason(exc))) from exc
