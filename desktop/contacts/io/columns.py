"""Spreadsheet columns → contact fields (CSV and .xlsx share this).

:data:`FIELDS` names every field a column can be mapped to, with a label for
the column-mapping dialog. :func:`guess_mapping` recognises the headers of
Google Contacts (current and legacy), Outlook (desktop, outlook.com, Google's
"Outlook CSV"), Thunderbird, Warta's own export and the column names
Indonesian offices use (Nama, Jabatan, Instansi, No. HP/WA, Surel …).

Phones and e-mails come in *slots*: ``Phone 2 - Value`` with ``Phone 2 -
Label``, ``Phone 2 - WhatsApp`` and ``Phone 2 - Public`` describe one number.
Attribute columns pair with the value column carrying the same number in
its header, else with the nearest value column before them.
"""

from __future__ import annotations

import re

from desktop.contacts import normalize
from desktop.contacts.record import ContactRecord, Email, Phone, Rejected
from desktop.i18n import N_, _

#: Target fields for the column-mapping dialog: field name → label (translate with ``_()``).
#: ``"social:<network>"`` (e.g. ``"social:mastodon"``) is accepted for any network.
FIELDS: dict[str, str] = {
    "full_name": N_("Full name (with titles)"),
    "name_prefix": N_("Title before the name"),
    "given_name": N_("First name"),
    "middle_name": N_("Middle name"),
    "family_name": N_("Last name"),
    "name_suffix": N_("Title after the name"),
    "position": N_("Position"),
    "organization": N_("Organisation"),
    "organization_type": N_("Organisation type"),
    "department": N_("Department"),
    "phone": N_("Phone"),
    "mobile": N_("Mobile phone"),
    "whatsapp": N_("WhatsApp number"),
    "phone_work": N_("Office phone"),
    "phone_home": N_("Home phone"),
    "fax": N_("Fax"),
    "phone_label": N_("Phone label"),
    "phone_whatsapp": N_("Phone is on WhatsApp (yes/no)"),
    "phone_public": N_("Phone is public (yes/no)"),
    "email": N_("E-mail"),
    "email_label": N_("E-mail label"),
    "email_public": N_("E-mail is public (yes/no)"),
    "address": N_("Address"),
    "street": N_("Street"),
    "city": N_("City or regency"),
    "region": N_("Province or state"),
    "postal_code": N_("Postal code"),
    "country": N_("Country"),
    "website": N_("Website"),
    "notes": N_("Notes"),
    "tags": N_("Tags"),
    "social:instagram": N_("Instagram"),
    "social:facebook": N_("Facebook"),
    "social:twitter": N_("X (Twitter)"),
    "social:tiktok": N_("TikTok"),
    "social:youtube": N_("YouTube"),
    "social:linkedin": N_("LinkedIn"),
}

# field → (phone label, whatsapp) for the phone-valued fields
_PHONE_FIELDS = {"phone": ("", False), "mobile": ("mobile", False), "whatsapp": ("mobile", True),
                 "phone_work": ("work", False), "phone_home": ("home", False), "fax": ("fax", False)}
# Outlook's many phone columns keep what kind of number they hold.
_PHONE_HEADER_LABELS = {"pager": "pager", "pager number": "pager", "car phone": "car", "other phone": "other",
                        "primary phone": "main", "assistant s phone": "assistant", "callback": "callback",
                        "radio phone": "radio", "isdn": "isdn", "tty tdd phone": "tty", "telex": "telex"}
_PHONE_ATTRS = {"phone_label", "phone_whatsapp", "phone_public"}
_EMAIL_ATTRS = {"email_label", "email_public"}
_ADDRESS_PARTS = ("street", "city", "region", "postal_code", "country")

# Normalised header (lower case, no accents or punctuation, digits as "#") → field.
_HEADERS: dict[str, str] = {}


def _add(field: str, *names: str) -> None:
    for name in names:
        _HEADERS[name] = field


_add("full_name", "name", "full name", "display name", "nama", "nama lengkap", "nama dan gelar",
     "nama lengkap dan gelar", "nama lengkap gelar", "nama gelar", "nama narahubung", "narahubung",
     "nama kontak", "kontak nama", "contact", "contact name", "nama peserta", "nama pejabat", "fn")
_add("name_prefix", "name prefix", "title", "gelar depan", "sebutan", "prefix")
_add("given_name", "first name", "given name", "firstname", "nama depan", "nama awal")
_add("middle_name", "middle name", "additional name", "nama tengah")
_add("family_name", "last name", "family name", "surname", "lastname", "nama belakang", "nama keluarga")
_add("name_suffix", "name suffix", "suffix", "gelar belakang", "gelar")
_add("position", "job title", "organization title", "organization # title", "jabatan", "posisi",
     "position", "jabatan narahubung", "role", "peran", "pekerjaan", "occupation", "profession")
_add("organization", "company", "organization", "organisation", "organization name", "organization # name",
     "instansi", "lembaga", "perusahaan", "organisasi", "institusi", "media", "nama media", "nama instansi",
     "nama lembaga", "nama perusahaan", "nama organisasi", "asal instansi", "asal lembaga", "asal media",
     "instansi lembaga", "lembaga instansi", "kantor", "satuan kerja", "satker", "mitra", "nama mitra")
_add("organization_type", "organization type", "organisation type", "jenis instansi", "jenis lembaga",
     "jenis organisasi", "jenis media", "tipe organisasi")
_add("department", "department", "organization department", "organization # department", "bagian",
     "divisi", "unit kerja", "bidang", "departemen", "subbagian")
_add("mobile", "mobile phone", "mobile number", "mobile", "cell phone", "cellphone", "handphone", "hp",
     "no hp", "nomor hp", "no handphone", "nomor handphone", "ponsel", "no ponsel", "nomor ponsel",
     "telp hp", "telepon seluler", "no hp #", "hp #")
_add("phone_work", "business phone", "business phone #", "work phone", "company main phone",
     "telepon kantor", "telp kantor", "no telp kantor", "nomor telepon kantor")
_add("phone_home", "home phone", "home phone #", "telepon rumah", "telp rumah", "no telp rumah")
_add("fax", "fax", "fax number", "business fax", "home fax", "other fax", "faks", "no fax", "faksimili",
     "nomor faks")
_add("phone", "phone", "telephone", "telepon", "telp", "tlp", "no telp", "no tlp", "no telepon",
     "nomor telepon", "nomor telp", "primary phone", "other phone", "phone # value", "no kontak",
     "nomor kontak", "kontak", "pager", "pager number", "car phone", "callback", "assistant s phone",
     "radio phone", "isdn", "tty tdd phone", "telex", "phone #")
_add("phone_label", "phone # label", "phone # type")
_add("phone_whatsapp", "phone # whatsapp")
_add("phone_public", "phone # public")
_add("email", "email", "email address", "email # address", "email # value", "primary email",
     "secondary email", "surel", "alamat email", "alamat surel", "mail", "email kantor",
     "email pribadi", "alamat e mail", "email #", "e mail")
_add("email_label", "email # label", "email # type", "email type")
_add("email_public", "email # public")
_add("address", "address", "alamat", "alamat kantor", "alamat lengkap", "alamat rumah", "alamat instansi",
     "alamat lembaga", "business address", "other address", "address # formatted", "alamat surat")
_add("street", "street", "home street", "home street #", "business street", "business street #",
     "other street", "other street #", "address # street", "home address", "home address #",
     "work address", "work address #", "jalan", "address # extended address")
_add("city", "city", "home city", "business city", "work city", "other city", "address # city", "kota",
     "kabupaten kota", "kab kota", "kabupaten", "kota kabupaten")
_add("region", "state", "region", "province", "provinsi", "home state", "business state", "work state",
     "other state", "address # region")
_add("postal_code", "postal code", "zip", "zipcode", "zip code", "home zipcode", "work zipcode",
     "home postal code", "business postal code", "other postal code", "address # postal code", "kode pos")
_add("country", "country", "country region", "home country", "work country", "business country",
     "other country", "home country region", "business country region", "other country region",
     "address # country", "negara")
_add("website", "web page", "website", "web page #", "website # value", "personal web page", "situs",
     "situs web", "laman", "url", "web", "homepage")
_add("notes", "notes", "note", "keterangan", "catatan", "ket", "komentar")
_add("tags", "labels", "group membership", "categories", "tags", "tag", "kategori", "kelompok", "grup",
     "keywords")
for _net, _aliases in {
    "instagram": ("instagram", "ig", "akun instagram"),
    "facebook": ("facebook", "fb", "akun facebook"),
    "twitter": ("twitter", "x", "akun twitter", "x twitter", "twitter x"),
    "tiktok": ("tiktok", "akun tiktok"),
    "youtube": ("youtube", "kanal youtube"),
    "linkedin": ("linkedin",),
}.items():
    _add("social:" + _net, *_aliases)

_WA_HEADER_RE = re.compile(r"\b(wa|whatsapp)\b")
_SOCIAL_HEADER_RE = re.compile(r"^(?:social|sosial media|media sosial|akun) (.+)$")


def normalize_header(header: str) -> str:
    text = normalize.strip_accents(str(header or "")).casefold()
    text = text.replace("e-mail", "email")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"\d+", "#", text)
    return " ".join(text.split())


# "Nama Wartawan", "Jabatan Terakhir", "Alamat Kantor Redaksi" …: the first words decide.
_PREFIX_RULES = [
    (("nama media", "nama instansi", "nama lembaga", "nama perusahaan", "nama organisasi", "nama kantor",
      "nama mitra", "nama satuan"), "organization"),
    (("nama ",), "full_name"),
    (("jabatan", "posisi"), "position"),
    (("email", "surel", "alamat email", "alamat surel"), "email"),
    (("alamat",), "address"),
    (("no hp", "nomor hp", "hp ", "no handphone", "nomor handphone", "no ponsel", "nomor ponsel"), "mobile"),
    (("telepon", "telp", "no telp", "no telepon", "nomor telepon", "nomor telp"), "phone"),
    (("instansi", "lembaga", "perusahaan", "organisasi"), "organization"),
    (("keterangan", "catatan"), "notes"),
]
# Known export columns that hold no contact data but would match a rule below.
_IGNORED_HEADERS = {"email display name", "email # display name", "phonetic first name", "phonetic last name",
                    "nama panggilan", "nama alias"}
_PARENTHESES_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def guess_field(header: str) -> str | None:
    """The field a header most likely means, or None when unknown."""
    key = normalize_header(header)
    if not key:
        return None
    if key in _HEADERS:
        return _HEADERS[key]
    if key in _IGNORED_HEADERS:
        return None
    if _WA_HEADER_RE.search(key):  # "No. HP/WA", "Nomor WhatsApp", "Telp/WA"
        return "whatsapp"
    social = _SOCIAL_HEADER_RE.match(key)
    if social:
        return "social:" + social.group(1).replace(" ", "-")
    bare = _PARENTHESES_RE.sub(" ", str(header))  # "Nama (dengan gelar)"
    if bare != str(header):
        return guess_field(bare)
    parts = [p for p in re.split(r"\s*/\s*|\s+atau\s+", str(header)) if p.strip()]
    if len(parts) > 1:  # "Instansi/Lembaga/Perusahaan", "Email/Surel"
        for part in parts:
            field = guess_field(part)
            if field:
                return field
        return None
    for prefixes, field in _PREFIX_RULES:
        if any(key.startswith(p) for p in prefixes):
            return field
    return None


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """``{header: field}`` for every header recognised; unknown headers are left out."""
    mapping: dict[str, str] = {}
    for header in headers:
        field = guess_field(header)
        if field is not None and header not in mapping:
            mapping[header] = field
    return mapping


def guess_by_content(rows: list[list[str]]) -> dict[int, str]:
    """Column index → field for a file without a header row (Thunderbird can write those)."""
    if not rows:
        return {}
    width = max(len(r) for r in rows)
    sample = rows[:50]
    fields: dict[int, str] = {}
    text_columns: list[int] = []
    for col in range(width):
        values = [r[col].strip() for r in sample if col < len(r) and r[col].strip()]
        if not values:
            continue
        if sum(normalize.validate_email(v) is None for v in values) * 2 >= len(values):
            fields[col] = "email"
        elif sum(normalize.normalize_phone(v)[0] is not None for v in values) * 2 >= len(values):
            fields[col] = "phone"
        else:
            text_columns.append(col)
    if text_columns:
        fields[text_columns[0]] = "full_name"
        if len(text_columns) >= 3:
            a, b, c = text_columns[:3]
            # Thunderbird: Display Name, First Name, Last Name
            if all(" ".join(x for x in (_cell(r, b), _cell(r, c)) if x) == _cell(r, a) for r in sample):
                fields[b], fields[c] = "given_name", "family_name"
    return fields


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def _truthy(text: str) -> bool:
    return text.strip().casefold() in {"1", "y", "ya", "yes", "true", "x", "v", "✓", "benar", "publik", "public", "wa"}


def _slot(header: str) -> int | None:
    match = re.search(r"\d+", header)
    return int(match.group()) if match else None


_IDENTIFYING = {"full_name", "given_name", "family_name", "email", "organization"} | set(_PHONE_FIELDS)


def is_usable(fields) -> bool:
    """Whether mapped fields (a mapping's values, or a set) can identify a contact at all."""
    values = fields.values() if isinstance(fields, dict) else fields
    return bool(set(values) & _IDENTIFYING)


# Values of unmapped columns that say nothing (Outlook writes them in every row).
_NOTHING_SAID = frozenset({"normal", "false", "unspecified", "0/0/00", "0/0/0000", "00/00/0000", "0"})


# The running-number column of office spreadsheets ("No", "No.", "#"): not about the contact.
_ROW_NUMBER_HEADERS = frozenset({"no", "no.", "nomor", "no urut", "nomor urut", "#", "urut"})


class RowMapper:
    """Turns rows into records for one header row and mapping."""

    def __init__(self, headers: list[str], mapping: dict[str, str]) -> None:
        self.headers = headers
        self.columns: list[tuple[int, str, str]] = []  # (index, field, header)
        for index, header in enumerate(headers):
            field = mapping.get(header)
            if field:
                self.columns.append((index, field, header))
        self.usable = is_usable({f for _i, f, _h in self.columns})
        self._plan_slots()
        # Per-column facts worked out once, not for every row.
        self.attr_columns = [(i, self.owner[i], f) for i, f, _h in self.columns if i in self.owner]
        self.value_columns = [(i, f, _column_extra(f, h)) for i, f, h in self.columns if i not in self.owner]
        self.header_of = {i: h for i, _f, h in self.columns}
        # Columns Warta has no field for ("Birthday", "Nickname", "Custom Field 1 - Value" …):
        # their values are kept in the notes as "Header: value", never dropped.
        self.unmapped = [(i, h.strip()) for i, h in enumerate(headers)
                         if not mapping.get(h) and h.strip() and h.strip().casefold() not in _ROW_NUMBER_HEADERS]

    def _plan_slots(self) -> None:
        # Attribute columns point at the value column they describe.
        self.owner: dict[int, int] = {}
        for kind_values, kind_attrs in ((set(_PHONE_FIELDS), _PHONE_ATTRS), ({"email"}, _EMAIL_ATTRS)):
            values = [(i, _slot(h)) for i, f, h in self.columns if f in kind_values]
            for index, field, header in self.columns:
                if field not in kind_attrs or not values:
                    continue
                slot = _slot(header)
                same = [i for i, s in values if slot is not None and s == slot]
                before = [i for i, _s in values if i < index]
                self.owner[index] = same[0] if same else (before[-1] if before else values[0][0])

    def to_record(self, row: list[str], source: str) -> ContactRecord | Rejected:
        rec = ContactRecord(full_name="", source=source)
        parts: dict[str, str] = {}
        addresses: dict[str, dict[str, str]] = {}
        attrs: dict[int, dict[str, str]] = {}
        width = len(row)
        for index, owner, field in self.attr_columns:
            attrs.setdefault(owner, {})[field] = row[index].strip() if index < width else ""
        notes: list[str] = []
        extras: list[tuple[str, str]] = []
        for index, field, extra in self.value_columns:
            value = row[index].strip() if index < width else ""
            if not value:
                continue
            if field in _PHONE_FIELDS:
                self._phones(rec, field, value, attrs.get(index, {}), extra)
            elif field == "email":
                self._emails(rec, value, attrs.get(index, {}))
            elif field in _ADDRESS_FIELDS:
                group = extra
                addresses.setdefault(group, {})
                if field in addresses[group]:
                    addresses[group][field] += ", " + value
                else:
                    addresses[group][field] = value
            elif field == "notes":
                notes.append(value)
            elif field == "tags":
                for tag in _TAG_SPLIT_RE.split(value):
                    tag = tag.strip().lstrip("*").strip()
                    if tag and tag.casefold() not in ("mycontacts", "my contacts", "starred") and tag not in rec.tags:
                        rec.tags.append(tag)
            elif field.startswith("social:"):
                rec.social.setdefault(field[7:], value)
            elif field in ("full_name", "name_prefix", "given_name", "middle_name", "family_name", "name_suffix"):
                parts.setdefault(field, value)
            elif field in ("position", "organization", "organization_type", "department", "website"):
                if not getattr(rec, field):
                    setattr(rec, field, value)
                elif getattr(rec, field) != value:  # a second website, position … of the same row
                    extras.append((self.header_of[index], value))
        for index, header in self.unmapped:
            value = row[index].strip() if index < width else ""
            if value and value.casefold() not in _NOTHING_SAID:
                extras.append((header, value))
        if extras:
            notes.append("\n".join("{label}: {value}".format(label=k, value=" ".join(v.split())) for k, v in extras))
        rec.notes = "\n\n".join(notes)
        rec.address = "\n".join(a for a in (_join_address(g) for g in addresses.values()) if a)
        rec.given_name = parts.get("given_name", "")
        rec.family_name = parts.get("family_name", "")
        rec.full_name = parts.get("full_name") or normalize.compose_name(
            parts.get("name_prefix", ""), rec.given_name, parts.get("middle_name", ""), rec.family_name,
            parts.get("name_suffix", ""))
        if not rec.full_name:
            if not (rec.phones or rec.emails):
                return Rejected(source, _("The row has no name, phone number or e-mail address."))
            rec.full_name = rec.organization or (rec.emails[0].address if rec.emails else rec.phones[0].number)
            rec.problems.append(_("The row has no name; it is named \"{name}\" for now.").format(name=rec.full_name))
        return rec

    def _phones(self, rec: ContactRecord, field: str, value: str, attrs: dict[str, str], label: str) -> None:
        _label, whatsapp = _PHONE_FIELDS[field]
        if attrs.get("phone_label"):
            label = attrs["phone_label"].lstrip("* ").strip()
        whatsapp = whatsapp or _truthy(attrs.get("phone_whatsapp", "")) or normalize.is_whatsapp_hint(label)
        public = _truthy(attrs.get("phone_public", ""))
        for raw in normalize.split_phone_cell(value) or [value]:
            e164, reason = normalize.normalize_phone(raw)
            number = e164 or raw
            if any(p.number == number for p in rec.phones):
                continue
            if reason:
                rec.problems.append(normalize.unverified_note(reason))
            rec.phones.append(Phone(number=number, label=label, public=public, raw=raw,
                                    whatsapp=whatsapp or normalize.is_whatsapp_hint(raw)))

    def _emails(self, rec: ContactRecord, value: str, attrs: dict[str, str]) -> None:
        label = attrs.get("email_label", "").lstrip("* ").strip()
        if label.upper() in ("SMTP", "EX"):  # Outlook's "E-mail Type" is a transport, not a label
            label = ""
        # "Budi <budi@x.go.id>; ani@y.id" → both addresses; a cell without any "@" stays whole (and invalid).
        for raw in _EMAIL_TOKEN_RE.findall(value) or [value]:
            address = normalize.clean_email(raw)
            if not address or any(e.address.casefold() == address.casefold() for e in rec.emails):
                continue
            reason = normalize.validate_email(address)
            if reason:
                rec.problems.append(normalize.unverified_note(reason))
            rec.emails.append(Email(address=address, label=label, public=_truthy(attrs.get("email_public", ""))))


_TAG_SPLIT_RE = re.compile(r"\s*(?::::|;)\s*")
_EMAIL_TOKEN_RE = re.compile(r"[^\s<>,;:\"'()\[\]]+@[^\s<>,;:\"'()\[\]]+")


_ADDRESS_FIELDS = frozenset(("address",) + _ADDRESS_PARTS)


def _column_extra(field: str, header: str) -> str:
    """What a value column's header adds: the label of a phone, the group of an address part."""
    if field in _PHONE_FIELDS:
        return _PHONE_FIELDS[field][0] or _PHONE_HEADER_LABELS.get(normalize_header(header), "")
    if field in _ADDRESS_FIELDS:
        return _address_group(header)
    return ""


def _address_group(header: str) -> str:
    key = normalize_header(header)
    for word in ("home", "business", "work", "other", "rumah", "kantor"):
        if key.startswith(word) or key.endswith(word):
            return word
    slot = _slot(header)
    return str(slot) if slot is not None else ""


def _join_address(group: dict[str, str]) -> str:
    formatted = group.get("address", "")
    parts = [group[p] for p in _ADDRESS_PARTS if group.get(p)]
    missing = [p for p in parts if p.casefold() not in formatted.casefold()]
    if formatted and not missing:
        return formatted
    return ", ".join(([formatted] if formatted else []) + missing)
