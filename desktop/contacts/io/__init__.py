"""Contact files: vCard, CSV and Excel .xlsx in and out — headless, no database.

Everything here turns bytes into :class:`desktop.contacts.record.ContactRecord`
values and back. The contacts service matches the records against the library
(:mod:`desktop.contacts.matching`) and writes them in one transaction; nothing
in this package touches the library. Heavy libraries (vobject, openpyxl,
charset-normalizer, phonenumbers) are imported inside the functions, so
importing this package is cheap.

Reading
-------
``parse_file(path, mapping=None, sheet=None) -> ParseResult``
    Detects the format from the content (then the extension): vCard 2.1/3.0/4.0,
    CSV (any encoding and ``,`` ``;`` tab ``|`` separator) or .xlsx (``sheet``, else the
    first sheet holding contacts, so a cover sheet is passed over). **Never raises for bad input.** ``result.records`` are the
    usable contacts; ``result.rejected`` lists what was not imported, each with
    ``source`` (``"file.vcf:line 12"`` = card starting on line 12, ``"file.csv:row 7"``
    = spreadsheet row 7, or just ``"file.csv"`` for the whole
    file: empty, binary, old .xls, over :data:`MAX_FILE_BYTES` (50 MB, checked
    before reading), unreadable, or columns not recognised) and a translated
    ``reason``.
``parse_bytes(data, source_name, mapping=None, sheet=None)``
    The same for data already in memory.
``parse_vcard(data, source_name)``, ``parse_csv(data, source_name, mapping=None)``,
``parse_xlsx(data, source_name, mapping=None, sheet=None)``
    One format each.

What a record looks like
------------------------
- ``full_name`` is never empty and keeps titles as written
  (``"Dr. Siti Aminah, S.Pd., M.Si."``). A card/row with no name but a phone or
  e-mail is named after its nickname, organisation, e-mail or phone and gets a
  problem; one with no name, phone or e-mail is rejected.
- ``phones[i].number`` is E.164 (``+6281234567890``) when valid; ``raw`` is as
  written. ``whatsapp`` is set from WA hints (``No. HP/WA`` column, ``WA``
  next to the number, labels) and Warta's own export flags; ``public`` only
  from Warta's own exports (everything else is private by default).
- **Invalid values are kept and flagged, not dropped or silently saved:** an
  unreadable phone stays in ``phones`` as written (``number == raw``, not
  starting with ``+`` … use :func:`desktop.contacts.normalize.normalize_phone`
  to re-check), an invalid e-mail stays in ``emails``, and each adds a
  translated sentence to ``record.problems``. The import reports them as
  *warnings* (``Preview.warnings``, ``"warnings"`` in the CLI's JSON, with
  ``record.source``): the contact imports without the unusable value, so
  they are not *rejected* entries.
- ``source`` is ``"file:line N"`` / ``"file:row N"`` (never translated: the
  command line's JSON carries it) for messages and the person's *source* field.
- Labels: ``"mobile"``, ``"work"``, ``"home"``, ``"fax"``, ``"work fax"``,
  ``"pager"`` … from vCard TYPEs and spreadsheet columns, or the custom text of
  an Apple ``itemN.X-ABLabel`` / a label column, as written.
- ``tags`` come from vCard CATEGORIES and tag/label columns, without the
  groups phones put everyone in ("My Contacts", Google's "myContacts").
- Company cards (``KIND:org``, Apple's ``X-ABShowAs:COMPANY``) get their name
  as ``organization`` too.
- vCard cards that are contact groups (``KIND:group``, Apple's
  ``X-ADDRESSBOOKSERVER-KIND:group``) are rejected, not imported as people.
- A vCard card vobject's reader cannot read is read again by a tolerant line
  reader (see :mod:`desktop.contacts.io.vcard`); lines it still cannot use and
  undecodable photos become ``problems`` of that record; a card without
  END:VCARD (a file cut short) is kept with a problem.

Files for dialogs: ``EXTENSIONS`` (``.csv .tab .tsv .txt .vcard .vcf .vct .xlsx
.xlsm``); ``detect_format(data, name)`` → ``"vcard" | "csv" | "xlsx" | "xls" |
None``.

Column mapping (CSV / .xlsx)
----------------------------
``FIELDS``: ``{field: label}`` (labels marked with ``N_``; show ``_(label)``)
— the choices of the column dialog. ``"social:<network>"`` is also accepted.
``guess_mapping(headers) -> {header: field}`` (unknown headers omitted).
``preview_rows(data, n=20, sheet=None) -> TablePreview`` with ``headers``
(``"Column 1"`` … for header-less files), the first ``rows``, the guessed
``mapping``, ``has_header``, ``encoding``, ``delimiter``, ``sheet``/``sheets``
and ``row_numbers`` (the spreadsheet row of each preview row).
The header is the first of the top ten rows whose columns are recognised
(title rows such as "DAFTAR MITRA …" above it are skipped); with a mapping,
the first row holding one of the mapping's headers. A file whose first row
already holds an e-mail address or phone number has no header; its columns
are guessed from their content. Rows are numbered like the spreadsheet
(header = row 1 in a plain file). Rows whose field count differs from the
header's (beyond empty trailing fields) are rejected with both counts.
Pass the edited mapping back as ``parse_file(path, mapping=...)``;
``read_limited(path)`` reads the bytes for the preview (raises
``ValidationError`` when too big). For ``--map "HP=phone,Nama=full_name"``
use ``parse_map_option(text)``.

Writing
-------
``export_vcard(records) -> bytes`` (vCard 3.0, UTF-8, photos embedded),
``export_csv(records) -> bytes`` (UTF-8 with BOM, headers Warta recognises),
``export_xlsx(records) -> bytes``; ``export(records, fmt)`` with ``fmt`` in
``"vcf" | "csv" | "xlsx"``. Importing an export gives the same records
(phone ``raw`` becomes the E.164 number; CSV/.xlsx carry no photo). Write the
bytes with ``desktop.fsutil.atomic_write``.
"""

from __future__ import annotations

from desktop.contacts.io.columns import FIELDS, guess_mapping
from desktop.contacts.io.files import EXTENSIONS, MAX_FILE_BYTES, detect_format, parse_bytes, parse_file, read_limited
from desktop.contacts.io.tables import TablePreview, export_csv, export_xlsx, parse_csv, parse_xlsx, preview_rows
from desktop.contacts.io.vcard import export_vcard, parse_vcard
from desktop.contacts.record import ContactRecord
from desktop.errors import ValidationError
from desktop.i18n import _

FORMATS = ("vcf", "csv", "xlsx")


def export(records: list[ContactRecord], fmt: str) -> bytes:
    """Serialise records as ``"vcf"``, ``"csv"`` or ``"xlsx"``."""
    writers = {"vcf": export_vcard, "csv": export_csv, "xlsx": export_xlsx}
    if fmt not in writers:
        raise ValidationError(_("Unknown export format \"{format}\"; use vcf, csv or xlsx.").format(format=fmt))
    return writers[fmt](records)


def parse_map_option(text: str) -> dict[str, str]:
    """``'No. HP=phone,Nama=full_name'`` → ``{"No. HP": "phone", "Nama": "full_name"}``.

    Raises ValidationError naming a pair without ``=`` or an unknown field.
    """
    mapping: dict[str, str] = {}
    for pair in (p for p in (text or "").split(",") if p.strip()):
        header, sep, field = pair.rpartition("=")
        header, field = header.strip(), field.strip()
        if not sep or not header:
            raise ValidationError(_("--map: \"{pair}\" is not of the form Header=field.").format(pair=pair.strip()))
        if field not in FIELDS and not field.startswith("social:") and field != "":
            raise ValidationError(_("--map: unknown field \"{field}\"; known fields: {fields}.").format(
                field=field, fields=", ".join(FIELDS)))
        mapping[header] = field
    return mapping


__all__ = [
    "EXTENSIONS", "FIELDS", "FORMATS", "MAX_FILE_BYTES", "TablePreview", "detect_format", "export",
    "export_csv", "export_vcard", "export_xlsx", "guess_mapping", "parse_bytes", "parse_csv", "parse_file",
    "parse_map_option", "parse_vcard", "parse_xlsx", "preview_rows", "read_limited",
]
