"""A contact as read from or written to a file (vCard, CSV, .xlsx).

Importers produce :class:`ContactRecord` values (never touching the
database); the import service matches them against the library and writes
them in one transaction. Exporters take the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Phone:
    number: str  # normalised E.164 (+62…) when it could be parsed, else as written
    label: str = ""  # "mobile", "work", "home", or a custom label (Apple X-ABLabel)
    whatsapp: bool = False
    public: bool = False
    raw: str = ""  # as written in the source
    # False: not a valid phone number, kept as written ("belum terverifikasi").
    verified: bool = True


@dataclass
class Email:
    address: str
    label: str = ""
    public: bool = False


@dataclass
class ContactRecord:
    full_name: str  # with academic titles as written: "Dr. Siti Aminah, S.Pd., M.Si."
    given_name: str = ""
    family_name: str = ""
    position: str = ""  # jabatan / TITLE
    organization: str = ""
    organization_type: str = ""  # "Radio", "Media online" … (Warta's own exports); set on new organisations
    department: str = ""
    phones: list[Phone] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)
    address: str = ""
    website: str = ""
    social: dict[str, str] = field(default_factory=dict)  # {"instagram": "@…"}
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    photo: bytes | None = None  # embedded photo bytes as found
    source: str = ""  # "file.vcf:line 12" — file and line/row/entry, for messages
    # Translated reasons why some value of this record is doubtful (an unreadable
    # phone kept as written, an invalid e-mail, a card without a name). The record
    # still imports; previews list it among the invalid ones so the user sees it.
    problems: list[str] = field(default_factory=list)


@dataclass
class Rejected:
    source: str  # "file.vcf:line 12" or "file.csv:row 7" (not translated)
    reason: str  # translated, specific


@dataclass
class ParseResult:
    records: list[ContactRecord] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
