"""vCard 2.1 / 3.0 / 4.0 reading and vCard 3.0 writing.

Reading works card by card so that one bad card never costs the others:

1. the file is decoded (UTF-8, else the detected legacy encoding) and split
   into cards by BEGIN:VCARD / END:VCARD at any nesting depth, remembering the
   line each card starts on (a BEGIN:VCARD inside a card counts as nested
   only after a vCard 2.1 ``AGENT:`` line; otherwise the card before simply
   lost its END:VCARD);
2. each card's lines are unfolded here (folding and quoted-printable soft
   breaks, the way vobject's ``getLogicalLines`` does, in linear time) and
   read with vobject's ``parseLine`` for names, groups and parameters;
3. when vobject cannot read a line of a card (Android 2.1 quoted-printable
   breaks, Lotus Notes oddities …) the card is read again with a small
   tolerant line parser that keeps whatever lines make sense;
4. values are decoded here: QUOTED-PRINTABLE with CHARSET, base64 and
   ``data:`` URI photos, text escapes, structured N / ADR / ORG.

vobject's full object model (``readComponents``) is not used because it takes
about 1 ms per card (10 s for 10,000 cards, the whole budget of an import) and
its failures on real exports are exactly the ones listed above.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from dataclasses import dataclass, field
from typing import Iterator

from desktop.contacts import normalize
from desktop.contacts.record import ContactRecord, Email, ParseResult, Phone, Rejected
from desktop.i18n import _

_NEWLINES_RE = re.compile(r"\r+\n?|\n")
_BEGIN_RE = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END_RE = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_AGENT_RE = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?AGENT[^:]*:\s*$", re.IGNORECASE)  # vCard 2.1 "AGENT:" then a card
# The tolerant reader's idea of a content line: [group.]NAME[;params]:value
_LOOSE_LINE_RE = re.compile(r"^(?:(?P<group>[A-Za-z0-9_-]+)\.)?(?P<name>[A-Za-z0-9_-]+)(?P<params>;[^:]*)?:(?P<value>.*)$", re.DOTALL)
_QP_CONTINUATION_RE = re.compile(r"^(?:=[0-9A-Fa-f]{2}|[\x21-\x3c\x3e-\x7e ])*=?$")
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_APPLE_LABEL_RE = re.compile(r"^_\$!<(.*)>!\$_$")
_TYPE_LABELS = {"CELL": "mobile", "HOME": "home", "WORK": "work", "FAX": "fax", "PAGER": "pager",
                "MAIN": "main", "IPHONE": "iphone", "CAR": "car", "VIDEO": "video", "OTHER": "other",
                "TEXT": "text", "MSG": "msg", "ISDN": "isdn", "BBS": "bbs", "MODEM": "modem"}
_IGNORED_TYPES = {"VOICE", "PREF", "INTERNET", "X400", "X-INTERNET", "POSTAL", "PARCEL", "DOM", "INTL"}
# Export: label → TYPE values, the reverse of the reading rules above.
_LABEL_TYPES = {"mobile": "CELL", "home": "HOME", "work": "WORK", "fax": "FAX", "pager": "PAGER",
                "main": "MAIN", "work fax": "WORK,FAX", "home fax": "HOME,FAX"}
_SOCIAL_PROPS = {"X-TWITTER": "twitter", "X-FACEBOOK": "facebook", "X-INSTAGRAM": "instagram",
                 "X-LINKEDIN": "linkedin", "X-SKYPE": "skype", "X-SKYPE-USERNAME": "skype",
                 "X-TIKTOK": "tiktok", "X-YOUTUBE": "youtube", "X-TELEGRAM": "telegram",
                 "X-AIM": "aim", "X-ICQ": "icq", "X-JABBER": "jabber", "X-MSN": "msn",
                 "X-YAHOO": "yahoo", "X-GOOGLE-TALK": "gtalk", "X-GTALK": "gtalk", "X-QQ": "qq"}
# Groups every phone puts every contact in: not a tag anyone chose.
_SYSTEM_GROUPS = {"my contacts", "mycontacts", "system group: my contacts", "starred in android"}
PUBLIC_PARAM = "X-WARTA-PUBLIC"
WHATSAPP_PARAM = "X-WARTA-WHATSAPP"
# The organisation's type ("Radio", "Media online"): vCard has no field for it.
ORG_TYPE_PROP = "X-WARTA-ORG-TYPE"


@dataclass(slots=True)
class Prop:
    name: str  # upper case, Lotus "_" read as "-"
    group: str
    params: dict[str, list[str]]
    value: str  # still encoded (escapes, QP, base64)
    line: int

    def types(self) -> list[str]:
        out: list[str] = []
        for v in self.params.get("TYPE", []):
            out.extend(t.strip().upper() for t in v.split(",") if t.strip())
        return out

    def param(self, key: str) -> str:
        values = self.params.get(key, [])
        return values[0] if values else ""


@dataclass
class Card:
    line: int
    lines: list[str]
    closed: bool = True
    props: list[Prop] = field(default_factory=list)
    tolerant: bool = False
    skipped: list[int] = field(default_factory=list)  # lines the tolerant reader could not use


def decode_text(data: bytes) -> str:
    """Decode a contacts file: BOMs, UTF-8, else the detected legacy encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


def split_cards(text: str) -> tuple[list[Card], list[int]]:
    """Cards of a file (with their first line) and the lines of stray text outside any card."""
    cards: list[Card] = []
    stray: list[int] = []
    depth = 0
    current: Card | None = None
    previous = ""
    for number, line in enumerate(_NEWLINES_RE.split(text), start=1):
        if _BEGIN_RE.match(line):
            if depth > 0 and current is not None and not _AGENT_RE.match(previous):
                # Not an embedded AGENT card: the card before lost its END:VCARD.
                current.closed = False
                cards.append(current)
                depth = 0
            if depth == 0:
                current = Card(line=number, lines=[])
            depth += 1
        if line.strip():
            previous = line
        if current is None:
            if line.strip():
                stray.append(number)
            continue
        current.lines.append(line)
        if _END_RE.match(line):
            depth -= 1
            if depth == 0:
                cards.append(current)
                current = None
    if current is not None:
        current.closed = False
        cards.append(current)
    return cards, stray


def _params_from_vobject(raw: list[list[str]]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for entry in raw:
        key = entry[0].upper()
        if len(entry) == 1:  # vCard 2.1 bare parameter: TEL;CELL;PREF
            target = "ENCODING" if key in _BARE_ENCODINGS else "TYPE"
            params.setdefault(target, []).append(key)
        else:
            params.setdefault(key, []).extend(entry[1:])
    return params


def _is_qp_head(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


def _logical_lines(lines: list[str]) -> Iterator[tuple[str, int]]:
    """Unfolded content lines with the number (from 1) of their first line, in linear time.

    The same unfolding as vobject's ``getLogicalLines`` (a blank line ends a
    line; a leading space or tab continues it; a quoted-printable soft break
    ``=`` continues it on the next line), which re-reads the whole line so far
    at every continuation: 2.4 MB of soft breaks took minutes.
    """
    parts: list[str] = []
    start = 0
    qp = qp_open = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if parts:
                yield "".join(parts), start
            parts, qp_open = [], False
            continue
        if parts and qp_open:
            parts.append("\n")
            parts.append(line)
        elif parts and line[0] in " \t":
            parts.append(line[1:])
        else:
            if parts:
                yield "".join(parts), start
            parts, start, qp = [line], number, _is_qp_head(line)
        qp_open = qp and parts[-1].endswith("=")
    if parts:
        yield "".join(parts), start


def _read_strict(card: Card) -> list[Prop] | None:
    """Content lines by vobject's reader, or None when it cannot read one of them."""
    from vobject.base import ParseError, parseLine

    props: list[Prop] = []
    try:
        for text, number in _logical_lines(card.lines):
            name, params, value, group = parseLine(text, number)
            props.append(Prop(name.upper(), (group or "").upper(), _params_from_vobject(params),
                              value, card.line + number - 1))
    except ParseError:
        return None
    return props


def _loose_params(text: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in re.findall(r'(?:[^;"]|"[^"]*")+', text or ""):
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            key, _sep, value = part.partition("=")
            values = [v.strip().strip('"') for v in re.findall(r'(?:[^,"]|"[^"]*")+', value)]
            params.setdefault(key.strip().upper(), []).extend(values)
        else:
            key = part.upper()
            params.setdefault("ENCODING" if key in _BARE_ENCODINGS else "TYPE", []).append(key)
    return params


def _read_tolerant(card: Card) -> list[Prop]:
    """Keep every line that reads as a property; join stray continuation lines."""
    # Pieces joined once at the end: appending to the text so far made a
    # long folded or quoted-printable value quadratic.
    logical: list[list] = []  # [pieces, line number, quoted-printable]
    qp_open = False
    for offset, line in enumerate(card.lines):
        number = card.line + offset
        if not line.strip():
            qp_open = False
            continue
        if logical and (qp_open or line[0] in " \t"):
            logical[-1][0].append(("\n" + line) if qp_open else line[1:])
        elif (logical and logical[-1][2] and not _LOOSE_LINE_RE.match(line)
              and _QP_CONTINUATION_RE.match(line.strip())):
            # An Android 2.1 quoted-printable continuation whose soft break was lost.
            logical[-1][0].append("=\n" + line)
        else:
            logical.append([[line], number, _is_qp_head(line)])
        qp_open = logical[-1][2] and logical[-1][0][-1].endswith("=")
    props = []
    for pieces, number, _qp in logical:
        text = "".join(pieces)
        match = _LOOSE_LINE_RE.match(text)
        if not match:
            card.skipped.append(number)
            continue
        props.append(Prop(match["name"].upper().replace("_", "-"), (match["group"] or "").upper(),
                          _loose_params((match["params"] or "")[1:]), match["value"], number))
    return props


_ESCAPE_RE = re.compile(r"\\(.)")
_SPACE_RE = re.compile(r"\s+")


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _split_escaped(text: str, separator: str) -> list[str]:
    """Split on unescaped ``separator`` and undo the escapes of each part."""
    if "\\" not in text:
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append("\n" if nxt in "nN" and nxt else nxt)
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _split_structured(text: str) -> list[str]:
    return _split_escaped(text, ";")


def _charset_decode(data: bytes, charset: str) -> str:
    for encoding in (charset or "utf-8", "utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _text_value(prop: Prop) -> str:
    """The property's value as text with transfer encodings undone (escapes kept)."""
    encoding = prop.param("ENCODING").upper()
    charset = prop.param("CHARSET")
    value = prop.value
    if encoding == "QUOTED-PRINTABLE":
        return _charset_decode(quopri.decodestring(value.encode("utf-8")), charset).replace("\r\n", "\n")
    if encoding in ("B", "BASE64"):
        try:
            return _charset_decode(base64.b64decode(_SPACE_RE.sub("", value)), charset)
        except (binascii.Error, ValueError):
            return value
    return value


def _photo_bytes(prop: Prop) -> bytes | None:
    value = _SPACE_RE.sub("", prop.value)
    if value.lower().startswith("data:"):
        header, _sep, payload = value.partition(",")
        value = payload if ";base64" in header.lower() else ""
    elif prop.param("VALUE").lower() in ("uri", "url") or value.lower().startswith(("http:", "https:", "file:")):
        return None  # a link, not a picture; Warta never fetches from the network
    if not value:
        return None
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def _is_inline_photo(prop: Prop) -> bool:
    value = prop.value.strip().lower()
    return bool(value) and prop.param("VALUE").lower() not in ("uri", "url") and not value.startswith(
        ("http:", "https:", "file:"))


def _label(prop: Prop, labels: dict[str, str]) -> str:
    if prop.group and prop.group in labels:
        return labels[prop.group]
    words = []
    for t in prop.types():
        if t in _IGNORED_TYPES:
            continue
        word = _TYPE_LABELS.get(t)
        if word is None:
            word = t[2:].lower() if t.startswith("X-") else t.lower()
        if word and word not in words:
            words.append(word)
    # Canonical order so that "FAX;WORK" and "WORK;FAX" read the same.
    words.sort(key=lambda w: (w == "fax", w))
    return " ".join(words)


def _apple_label(text: str) -> str:
    match = _APPLE_LABEL_RE.match(text)
    if not match:
        return text
    # _$!<AssistantPhone>!$_ → "assistant phone"
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", match.group(1)).lower()


def _flag(prop: Prop, key: str) -> bool:
    return prop.param(key).strip().lower() in ("1", "true", "yes", "ya")


def _social_from_value(value: str, network: str) -> tuple[str, str]:
    text = value.strip()
    if ":" in text and not text.lower().startswith(("http:", "https:")):
        scheme, _sep, rest = text.partition(":")
        network = network or scheme.lower()
        text = rest.lstrip("/")
    return (network or "other").lower(), text


def card_to_record(card: Card, source_name: str) -> ContactRecord | Rejected:
    """Map the properties of one card to a record, or explain why it holds nothing usable."""
    source = "{name}:line {line}".format(name=source_name, line=card.line)
    rec = ContactRecord(full_name="", source=source)
    labels: dict[str, str] = {}
    for prop in card.props:
        if prop.name == "X-ABLABEL" and prop.group:
            labels[prop.group] = _apple_label(_unescape(_text_value(prop)).strip())
    company_card = False
    for prop in card.props:
        kind = prop.value.strip().lower()
        if prop.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND") and kind == "group":
            return Rejected(source, _("The vCard entry is a contact group, not a person; groups are not imported."))
        if (prop.name == "KIND" and kind == "org") or (prop.name == "X-ABSHOWAS" and kind == "company"):
            company_card = True
    fn = ""
    n_parts: list[str] = []
    nickname = ""
    notes: list[str] = []
    addresses: list[tuple[str, str]] = []  # (label, address)
    # Values Warta has no field for, kept as "Label: value" lines in the notes (never dropped).
    extras: list[tuple[str, str]] = []
    depth = 0
    for prop in card.props:
        name = prop.name
        if name == "BEGIN":
            depth += 1
            continue
        if name == "END":
            depth -= 1
            continue
        if depth > 1:
            continue  # an embedded AGENT card is someone else
        try:
            if name == "FN" and not fn:
                fn = _unescape(_text_value(prop)).strip()
            elif name == "N" and not n_parts:
                n_parts = [p.strip() for p in _split_structured(_text_value(prop))]
            elif name == "NICKNAME" and not nickname:
                nickname = _unescape(_text_value(prop)).strip()
            elif name == "ORG" and not rec.organization:
                parts = [p.strip() for p in _split_structured(_text_value(prop))]
                rec.organization = parts[0] if parts else ""
                rec.department = ", ".join(p for p in parts[1:] if p)
            elif name == ORG_TYPE_PROP and not rec.organization_type:
                rec.organization_type = _unescape(_text_value(prop)).strip()
            elif name == "TITLE" and not rec.position:
                rec.position = _unescape(_text_value(prop)).strip()
            elif name == "ROLE" and not rec.position:
                rec.position = _unescape(_text_value(prop)).strip()
            elif name in ("ROLE", "TITLE"):
                _extra(extras, _("Role"), _unescape(_text_value(prop)))
            elif name == "BDAY":
                _extra(extras, _("Birthday"), _unescape(_text_value(prop)))
            elif name in ("ANNIVERSARY", "X-ANNIVERSARY"):
                _extra(extras, _("Anniversary"), _unescape(_text_value(prop)))
            elif name in ("X-ABDATE", "X-ABRELATEDNAMES", "RELATED"):
                _extra(extras, _label(prop, labels) or name.title(), _unescape(_text_value(prop)))
            elif name == "TEL":
                _add_phone(rec, prop, labels)
            elif name == "EMAIL":
                _add_email(rec, prop, labels)
            elif name == "ADR":
                parts = [p.strip() for p in _split_structured(_text_value(prop))]
                text = ", ".join(p for p in parts if p)
                if text and text not in [a for _l, a in addresses]:
                    addresses.append((_label(prop, labels), text))
            elif name == "URL":
                url = _unescape(_text_value(prop)).strip()
                if not rec.website:
                    rec.website = url
                elif url != rec.website:
                    _extra(extras, _("Website"), url)
            elif name == "NOTE":
                text = _unescape(_text_value(prop)).strip()
                if text:
                    notes.append(text)
            elif name == "CATEGORIES":
                for tag in _split_escaped(_text_value(prop), ","):
                    tag = tag.strip()
                    if tag and tag not in rec.tags and tag.casefold() not in _SYSTEM_GROUPS:
                        rec.tags.append(tag)
            elif name == "PHOTO" and rec.photo is None:
                rec.photo = _photo_bytes(prop)
                if rec.photo is None and _is_inline_photo(prop):
                    rec.problems.append(_("Line {line}: the photo could not be read and was skipped.").format(
                        line=prop.line))
            elif name in ("X-SOCIALPROFILE", "IMPP") or name in _SOCIAL_PROPS:
                network = _SOCIAL_PROPS.get(name, "")
                if not network:
                    types = [t.lower() for t in prop.types() if t not in _IGNORED_TYPES]
                    network = types[0] if types else prop.param("X-SERVICE-TYPE").lower()
                network, handle = _social_from_value(_unescape(_text_value(prop)), network)
                user = prop.param("X-USER")
                if handle or user:
                    rec.social.setdefault(network, user if (user and not handle) else handle)
        except Exception:  # noqa: BLE001 — one odd value must not cost the whole card
            rec.problems.append(_("Line {line}: the {field} value could not be read and was skipped.").format(
                line=prop.line, field=name))
    # Several addresses keep their labels ("home: …", "work: …") to tell them apart.
    rec.address = "\n".join("{label}: {address}".format(label=label, address=text)
                             if label and len(addresses) > 1 else text for label, text in addresses)
    if fn and nickname:
        _extra(extras, _("Nickname"), nickname)
    notes += ["\n".join("{label}: {value}".format(label=k, value=v) for k, v in extras)] if extras else []
    rec.notes = "\n\n".join(notes)
    if len(n_parts) >= 2:
        rec.family_name, rec.given_name = n_parts[0], n_parts[1]
    elif n_parts:
        rec.family_name = n_parts[0]
    if not fn and any(n_parts):
        padded = (n_parts + [""] * 5)[:5]
        fn = normalize.compose_name(padded[3], padded[1], padded[2], padded[0], padded[4])
    rec.full_name = fn
    if company_card and fn and not rec.organization:
        rec.organization = fn  # an address-book entry for an organisation, not a person
    if not fn:
        fallback = nickname or rec.organization or (rec.emails[0].address if rec.emails else "") or (
            rec.phones[0].number if rec.phones else "")
        if not (rec.phones or rec.emails):
            return Rejected(source, _("The vCard entry has no name, phone number or e-mail address."))
        rec.full_name = fallback
        rec.problems.append(_("The vCard entry has no name; it is named \"{name}\" for now.").format(name=fallback))
    for line in card.skipped:
        rec.problems.append(_("Line {line} of the vCard entry could not be read and was skipped.").format(line=line))
    if not card.closed:
        rec.problems.append(_("The vCard entry has no END:VCARD line; the file may be cut short."))
    return rec


def _extra(extras: list[tuple[str, str]], label: str, value: str) -> None:
    value = " ".join((value or "").split())
    if value and (label, value) not in extras:
        extras.append((label, value))


def _add_phone(rec: ContactRecord, prop: Prop, labels: dict[str, str]) -> None:
    raw = _unescape(_text_value(prop)).strip()
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    if not raw:
        return
    label = _label(prop, labels)
    e164, reason = normalize.normalize_phone(raw)
    whatsapp = _flag(prop, WHATSAPP_PARAM) or normalize.is_whatsapp_hint(label) or normalize.is_whatsapp_hint(raw)
    number = e164 or raw
    if any(p.number == number for p in rec.phones):
        return
    if reason:
        rec.problems.append(normalize.unverified_note(reason))
    rec.phones.append(Phone(number=number, label=label, whatsapp=whatsapp, public=_flag(prop, PUBLIC_PARAM), raw=raw))


def _add_email(rec: ContactRecord, prop: Prop, labels: dict[str, str]) -> None:
    address = normalize.clean_email(_unescape(_text_value(prop)))
    if not address or any(e.address.casefold() == address.casefold() for e in rec.emails):
        return
    reason = normalize.validate_email(address)
    if reason:
        rec.problems.append(reason)
    rec.emails.append(Email(address=address, label=_label(prop, labels), public=_flag(prop, PUBLIC_PARAM)))


def parse_vcard(data: bytes, source_name: str) -> ParseResult:
    """Read every card of a vCard file; bad cards are rejected one by one with their line."""
    result = ParseResult()
    cards, stray = split_cards(decode_text(data))
    if stray and cards:
        result.rejected.append(Rejected(
            "{name}:line {line}".format(name=source_name, line=stray[0]),
            _("{count} line(s) outside any vCard entry (BEGIN:VCARD … END:VCARD) were skipped.").format(
                count=len(stray))))
    for card in cards:
        props = _read_strict(card)
        if props is None:
            card.tolerant = True
            props = _read_tolerant(card)
        card.props = props
        outcome = card_to_record(card, source_name)
        if isinstance(outcome, Rejected):
            result.rejected.append(outcome)
        else:
            result.records.append(outcome)
    if not cards:
        result.rejected.append(Rejected(source_name, _("The file holds no vCard entries.")))
    return result


# ---------------------------------------------------------------- writing

def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 sequence (RFC 2425 §5.8.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    out, chunk, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(chunk))
            chunk, size, limit = [], 0, 74  # continuation lines start with a space
        chunk.append(ch)
        size += width
    out.append("".join(chunk))
    return "\r\n ".join(out) + "\r\n"


def _type_params(label: str, group: str, lines: list[str]) -> tuple[str, str]:
    """(parameter text, group prefix) for a label; custom labels go to an Apple X-ABLabel."""
    if not label:
        return "", ""
    types = _LABEL_TYPES.get(label)
    if types:
        return ";TYPE=" + types, ""
    lines.append(_fold("{g}.X-ABLabel:{v}".format(g=group, v=_escape(label))))
    return "", group + "."


def record_to_vcard(rec: ContactRecord) -> str:
    lines = ["BEGIN:VCARD\r\n", "VERSION:3.0\r\n"]
    prefix, _core, suffix = normalize.split_titles(rec.full_name)
    lines.append(_fold("FN:" + _escape(rec.full_name)))
    lines.append(_fold("N:" + ";".join(_escape(p) for p in (rec.family_name, rec.given_name, "", prefix, suffix))))
    if rec.organization or rec.department:
        lines.append(_fold("ORG:" + _escape(rec.organization) + (";" + _escape(rec.department) if rec.department else "")))
    if rec.organization and rec.organization_type:
        lines.append(_fold(ORG_TYPE_PROP + ":" + _escape(rec.organization_type)))
    if rec.position:
        lines.append(_fold("TITLE:" + _escape(rec.position)))
    item = 0
    for phone in rec.phones:
        item += 1
        labels: list[str] = []
        params, group = _type_params(phone.label, "item{n}".format(n=item), labels)
        if phone.whatsapp:
            params += ";" + WHATSAPP_PARAM + "=TRUE"
        if phone.public:
            params += ";" + PUBLIC_PARAM + "=TRUE"
        lines.append(_fold("{g}TEL{p}:{v}".format(g=group, p=params, v=_escape(phone.number))))
        lines.extend(labels)
    for email in rec.emails:
        item += 1
        labels = []
        params, group = _type_params(email.label, "item{n}".format(n=item), labels)
        params = ";TYPE=INTERNET" + params.replace(";TYPE=", ",") if params else ";TYPE=INTERNET"
        if email.public:
            params += ";" + PUBLIC_PARAM + "=TRUE"
        lines.append(_fold("{g}EMAIL{p}:{v}".format(g=group, p=params, v=_escape(email.address))))
        lines.extend(labels)
    if rec.address:
        lines.append(_fold("ADR:;;" + _escape(rec.address) + ";;;;"))
    if rec.website:
        lines.append(_fold("URL:" + _escape(rec.website)))
    for network, handle in rec.social.items():
        lines.append(_fold("X-SOCIALPROFILE;TYPE={n}:{v}".format(n=_social_type(network), v=_escape(handle))))
    if rec.notes:
        lines.append(_fold("NOTE:" + _escape(rec.notes)))
    if rec.tags:
        lines.append(_fold("CATEGORIES:" + ",".join(_escape(t) for t in rec.tags)))
    if rec.photo:
        lines.append(_fold("PHOTO;ENCODING=b;TYPE={t}:{v}".format(
            t=_photo_type(rec.photo), v=base64.b64encode(rec.photo).decode("ascii"))))
    lines.append("END:VCARD\r\n")
    return "".join(lines)


def _social_type(network: str) -> str:
    # Parameter values cannot hold ; : , or quotes; networks are plain words anyway.
    cleaned = re.sub(r'[;:,"\s]+', "-", network.strip()) or "other"
    return cleaned


def _photo_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "PNG"
    if data.startswith(b"GIF8"):
        return "GIF"
    return "JPEG"


def export_vcard(records: list[ContactRecord]) -> bytes:
    """vCard 3.0, UTF-8, CRLF line ends, folded at 75 octets."""
    return "".join(record_to_vcard(r) for r in records).encode("utf-8")
