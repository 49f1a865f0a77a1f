"""Normalising what people type into contact fields: phones, e-mails, names.

Used by the importers (``desktop.contacts.io``), duplicate matching
(``desktop.contacts.matching``) and the editing forms, so that a number typed
in a form and the same number found in a vCard compare equal.

- :func:`normalize_phone` turns ``0812-3456-7890``, ``+62 812 3456 7890``,
  ``62812…``, ``(0331) 123456`` or ``wa.me/62812…`` into E.164 (``+62…``) with
  the phonenumbers library, or gives a translated reason why it cannot.
- :func:`validate_email` returns ``None`` for a usable address, else a reason.
- :func:`split_titles` / :func:`name_key` keep academic and honorific titles
  as written in the displayed name (``Dr. Siti Aminah, S.Pd., M.Si.``) while
  comparing names without titles, case or accents (``siti aminah``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desktop.i18n import _

DEFAULT_REGION = "ID"

# "WA", "WhatsApp", "wa.me/…", "(WA)" next to a number, or in a column/label.
_WA_RE = re.compile(r"(?i)(?:\bwa\b|whats\s*app|wa\.me|\bw\.a\.?)")
_WA_STRIP_RE = re.compile(r"(?i)https?://|api\.whatsapp\.com/send\?phone=|wa\.me/|whats\s*app|\bwa\b\.?|\bw\.a\.?")


_NON_DIGITS_RE = re.compile(r"\D")
_NON_WORD_RE = re.compile(r"[\W_]+")
_NON_LETTERS_RE = re.compile(r"[^A-Za-z]")


def is_whatsapp_hint(text: str) -> bool:
    """True when a number, its label or its column mentions WhatsApp."""
    return bool(text and _WA_RE.search(text))


def normalize_phone(raw: str, region: str = DEFAULT_REGION) -> tuple[str | None, str | None]:
    """Return ``(e164, None)`` for a valid number, else ``(None, reason)``.

    Numbers without a country code are read as numbers of ``region``
    (Indonesia by default); ``62812…`` written without ``+`` is understood.
    WhatsApp hints (``WA``, ``wa.me/``) around the number are ignored.
    """
    import phonenumbers

    text = (raw or "").strip()
    if not text:
        return None, _("The phone number is empty.")
    cleaned = _WA_STRIP_RE.sub(" ", text).strip(" :()-\t'\"")
    if cleaned.startswith("00") and not cleaned.startswith("000"):
        cleaned = "+" + cleaned[2:]  # international call prefix used in Indonesia too
    digits = _NON_DIGITS_RE.sub("", cleaned)
    if not digits:
        return None, _('"{raw}" is not a phone number.').format(raw=text)
    fast = _fast_indonesian(cleaned, digits) if region == "ID" else None
    if fast:
        return fast, None
    attempts = [cleaned]
    if not cleaned.startswith("+") and digits.startswith("62") and len(digits) >= 10:
        attempts.insert(0, "+" + digits)
    for attempt in attempts:
        try:
            number = phonenumbers.parse(attempt, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None
    return None, _('"{raw}" is not a valid phone number.').format(raw=text)


_ID_DESCS: list | None = None
_PLAIN_NUMBER_RE = re.compile(r"\+?[0-9 ().\-]+")


def _fast_indonesian(cleaned: str, digits: str) -> str | None:
    """E.164 for a plainly written Indonesian number (``0812-…``, ``+62 812…``), else None.

    Skips phonenumbers' text parsing (the slow half of a 10,000-contact import)
    but still asks its metadata whether the number is valid.
    """
    if not _PLAIN_NUMBER_RE.fullmatch(cleaned):
        return None
    if cleaned.startswith("+62") and len(digits) > 3 and digits[2] != "0":
        national = digits[2:]
    elif cleaned.startswith("0") and len(digits) > 1 and digits[1] != "0":
        national = digits[1:]
    else:
        return None
    if not _id_number_is_valid(national):
        return None
    return "+62" + national


def _id_number_is_valid(national: str) -> bool:
    """``phonenumbers.is_valid_number`` for an Indonesian national number, mobile types tried first."""
    global _ID_DESCS
    if _ID_DESCS is None:
        import phonenumbers

        meta = phonenumbers.PhoneMetadata.metadata_for_region("ID")
        general = meta.general_desc
        descs = []
        for name in ("mobile", "fixed_line", "toll_free", "premium_rate", "shared_cost", "voip",
                     "personal_number", "pager", "uan", "voicemail"):
            desc = getattr(meta, name)
            if desc is None or desc.national_number_pattern is None:
                continue
            lengths = set(desc.possible_length or general.possible_length)
            if lengths == {-1}:
                continue
            descs.append((re.compile(desc.national_number_pattern), lengths))
        _ID_DESCS = descs
    size = len(national)
    return any(size in lengths and pattern.fullmatch(national) for pattern, lengths in _ID_DESCS)


def _parsed_e164(e164: str):
    """A PhoneNumber for an E.164 string (no text parsing for +62 numbers), or None."""
    import phonenumbers

    if not e164.startswith("+") or not e164[1:].isdigit():
        return None
    if e164.startswith("+62") and len(e164) > 4:
        return phonenumbers.PhoneNumber(country_code=62, national_number=int(e164[3:]))
    try:
        return phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return None


_EXTENSION_RE = re.compile(r"(?:\bext(?:ension)?\.?|\bx|\bpes(?:awat)?\.?|\bpsw\.?|\bekst\.?)\s*(\d{1,6})\s*\)?\s*$",
                           re.IGNORECASE)


def extension(raw: str) -> str:
    """The extension written after a number ("(0331) 487227 ext 12", "… pes. 12") or "": E.164 cannot hold it."""
    m = _EXTENSION_RE.search(raw or "")
    return m.group(1) if m else ""


def label_with_extension(label: str, raw: str) -> str:
    """``label`` plus "ext. N" when ``raw`` names an extension (kept beside the E.164 number)."""
    ext = extension(raw)
    if not ext or ("ext. " + ext) in (label or ""):
        return label or ""
    return ((label or "") + " ext. " + ext).strip()


def unverified_note(reason: str) -> str:
    """The warning for a phone number that is not valid: it is kept as typed, marked not verified."""
    return _("{reason} It is kept as typed and marked not verified.").format(reason=reason)


def format_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """``+6281234567890`` → ``0812-3456-7890``: the one style for lists, documents and PDFs.

    Indonesian government press offices print local numbers nationally
    (``0812-3456-7890``, ``(0331) 330224``), as on their letterheads and in
    the "Narahubung" lines of their releases, and that is how journalists
    dial them; foreign numbers keep the international form
    (``+31 20 123 4567``). Other text is unchanged.
    """
    import phonenumbers

    number = _parsed_e164(e164)
    if number is None or not phonenumbers.is_valid_number(number):
        return e164  # an unreadable number is shown as it was written
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def format_phone_for_spreadsheet(e164: str, region: str = DEFAULT_REGION) -> str:
    """How a number is written in a CSV file so that Excel keeps it as text.

    Excel turns ``+6281234567890`` into ``6.28123E+12`` and reads a leading
    ``+`` as a formula, so numbers are written as displayed (local ones
    nationally, ``0812-3456-7890``) and foreign ones with ``00`` instead of
    ``+`` (``0031 20 123 4567``); :func:`normalize_phone` reads both back to
    the same E.164 number.
    """
    shown = format_phone(e164, region)
    return "00" + shown[1:] if shown.startswith("+") and shown != e164 else shown


def split_phone_cell(text: str) -> list[str]:
    """Split a spreadsheet cell holding several numbers (``0812… / 0813…``)."""
    parts = re.split(r"\s*(?:/|;|,|\n|:::|\|| atau | dan | or )\s*", text or "")
    return [p.strip() for p in parts if p and re.search(r"\d", p)]


# Practical address check: one @, a dotted domain of letters/digits/hyphens and
# a top-level domain of two or more letters. Stricter RFC rules reject real
# addresses office staff use, looser ones let typos like "budi@gmail" through.
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,61}[A-Za-z0-9\u00a1-\uffff])?\.)+"
    r"[A-Za-z\u00a1-\uffff]{2,63}$"
)


def clean_email(text: str) -> str:
    """Strip ``mailto:``, angle brackets and spaces around an address."""
    value = (text or "").strip().strip("<>").strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return value.strip()


def validate_email(address: str) -> str | None:
    """``None`` when ``address`` looks deliverable, else a translated reason."""
    value = (address or "").strip()
    if not value:
        return _("The e-mail address is empty.")
    if (
        len(value) > 254
        or not _EMAIL_RE.match(value)
        or ".." in value
        or value.split("@")[0].startswith(".")
        or value.split("@")[0].endswith(".")
    ):
        return _('"{address}" is not a valid e-mail address.').format(address=value)
    return None


def email_key(address: str) -> str:
    """The form e-mail addresses are compared in (case-insensitive)."""
    return clean_email(address).casefold()


# Honorifics and academic/religious titles written before a name in Indonesia
# (and a few Western ones found in phone exports), compared without dots.
_PREFIX_TITLES = {
    "prof", "dr", "drs", "dra", "ir", "h", "hj", "kh", "drg", "drh", "ns", "apt", "mr", "mrs",
    "ms", "miss", "bapak", "bpk", "pak", "ibu", "bu", "sdr", "sdri", "tn", "ny", "nn", "ust",
    "ustadz", "ustadzah", "habib", "rd", "raden", "st", "hon",
}
# Suffix titles usually carry dots (S.Pd., M.Si., Ph.D.); these are also common without.
_SUFFIX_WORDS = {
    "mba", "mm", "msi", "sh", "se", "mh", "mpd", "spd", "phd", "ma", "msc", "bsc", "st", "mt",
    "skom", "ssos", "map", "lc", "cpa", "jr", "sr", "ii", "iii", "iv", "mkes", "skm", "ak",
    "ssi", "sip", "mag", "sag", "ba", "bs", "ms", "md", "llm", "mpa", "mphil",
}
_SUFFIX_RE = re.compile(r"^[A-Za-z]{1,6}(?:[.\-][A-Za-z]{1,6})*\.?(?:\s?\([A-Za-z. ]+\))?$")


def _is_suffix_title(segment: str) -> bool:
    seg = segment.strip()
    if not seg:
        return False
    if " " in seg and not seg.endswith(")"):
        # "S.Pd M.Si" written without a comma between the two titles.
        return all(_is_suffix_title(part) for part in seg.split(" "))
    bare = _NON_LETTERS_RE.sub("", seg).lower()
    if bare in _SUFFIX_WORDS:
        return True
    return bool(_SUFFIX_RE.match(seg)) and "." in seg and len(bare) <= 10


def _is_loose_suffix(token: str) -> bool:
    bare = _NON_LETTERS_RE.sub("", token)
    if "." in token.strip(".") or (token.endswith(".") and len(bare) > 1 and bare.lower() in _SUFFIX_WORDS):
        return _is_suffix_title(token)
    return len(bare) >= 2 and bare.isupper() and bare.lower() in _SUFFIX_WORDS


def _is_prefix_title(token: str) -> bool:
    bare = token.strip().rstrip(".").replace(".", "").lower()
    if not bare:
        return False
    if bare == "h" and not token.endswith("."):
        return False  # a bare "H" is more often an initial than "Haji"
    return bare in _PREFIX_TITLES


def split_titles(full_name: str) -> tuple[str, str, str]:
    """``"Dr. Siti Aminah, S.Pd., M.Si."`` → ``("Dr.", "Siti Aminah", "S.Pd., M.Si.")``.

    The displayed name always stays as written; this split only serves
    comparisons and the vCard N field.
    """
    name = " ".join((full_name or "").split())
    suffix_parts: list[str] = []
    if "," in name:
        head, *rest = name.split(",")
        # Only trailing segments that all look like titles count: "Doe, John" stays a name.
        if rest and all(_is_suffix_title(s) for s in rest):
            name, suffix_parts = head.strip(), [s.strip() for s in rest]
    tokens = name.split(" ")
    # Titles written after the name without a comma ("Agus Dwi Susanti M.Si"):
    # only dotted ones ("M.Si", "S.Pd.") or upper-case known ones ("SH", "MM")
    # count, so a family name such as "Ma" or "Se" stays part of the name.
    trailing: list[str] = []
    while len(tokens) > 1 and _is_loose_suffix(tokens[-1]):
        trailing.insert(0, tokens.pop())
    if trailing:
        suffix_parts = [" ".join(trailing)] + suffix_parts
    prefix: list[str] = []
    while len(tokens) > 1 and _is_prefix_title(tokens[0]):
        prefix.append(tokens.pop(0))
    return " ".join(prefix), " ".join(tokens).strip(), ", ".join(suffix_parts)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(full_name: str) -> str:
    """Comparison key: no titles, case, accents or punctuation (``"siti aminah"``)."""
    _prefix, core, _suffix = split_titles(full_name)
    text = strip_accents(core or full_name or "").casefold()
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


@lru_cache(maxsize=8192)
def org_key(name: str) -> str:
    """Comparison key for organisation names (case, accents, punctuation dropped)."""
    text = strip_accents(name or "").casefold()
    return " ".join(_NON_WORD_RE.sub(" ", text).split())


def compose_name(
    prefix: str = "", given: str = "", middle: str = "", family: str = "", suffix: str = ""
) -> str:
    """Build a displayed full name from parts: ``Dr. Siti Aminah, S.Pd.``."""
    core = " ".join(p.strip() for p in (prefix, given, middle, family) if p and p.strip())
    suffix = (suffix or "").strip()
    if suffix and core:
        return core + ", " + suffix
    return core or suffix
