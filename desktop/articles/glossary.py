"""The office style glossary: preferred terms and the variants to flag.

A rule says *write ``Bawaslu``, not ``BAWASLU`` or ``bawaslu``*. Variants
match case-sensitively, as whole words (not inside ``bawaslu.go.id`` or an
e-mail address, not glued to a hyphen), with any run of whitespace between
the words of a multi-word variant. :class:`Checker` compiles all variants
into one regular expression so the editor can check as you type.

Stored in the library as JSON in ``warta_meta`` under ``glossary``: the
rules are few, always read and written whole, and shared as a file anyway,
so a table (and its migration) would add nothing. Until an office saves its
own, :data:`DEFAULT_RULES` apply.

File format (``warta glossary export``/``import``, Settings → Glossary):
UTF-8 CSV (with a byte-order mark so Excel opens it right), a header row
``preferred,variants,note``, one rule per row, variants separated by ``|``::

    preferred,variants,note
    Bawaslu,BAWASLU | bawaslu,Nama lembaga
    hoaks,hoax,KBBI
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from desktop.errors import ValidationError, os_reason
from desktop.i18n import _

META_KEY = "glossary"
FORMAT_VERSION = 1
HEADER = ["preferred", "variants", "note"]
MAX_FILE_BYTES = 1024 * 1024
VARIANT_SEPARATOR = "|"


@dataclass
class Rule:
    preferred: str
    variants: list[str] = field(default_factory=list)
    note: str = ""

    def to_json(self) -> dict:
        return {"preferred": self.preferred, "variants": list(self.variants), "note": self.note}


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    found: str
    preferred: str
    note: str = ""

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "found": self.found, "preferred": self.preferred, "note": self.note}


def _r(preferred: str, variants: str, note: str = "") -> Rule:
    return Rule(preferred, [v.strip() for v in variants.split(VARIANT_SEPARATOR)], note)


# Indonesian election bodies and terms, and KBBI spellings humas offices are held to.
DEFAULT_RULES: list[Rule] = [
    _r("Bawaslu", "BAWASLU|bawaslu|BawasLu", "Badan Pengawas Pemilihan Umum"),
    _r("KPU", "kpu|Kpu|K.P.U.", "Komisi Pemilihan Umum"),
    _r("DKPP", "Dkpp|dkpp", "Dewan Kehormatan Penyelenggara Pemilu"),
    _r("Pemilu", "pemilu|PEMILU", "Pemilihan Umum, ditulis dengan huruf awal kapital"),
    _r("Pilkada", "pilkada|PILKADA", "Pemilihan Kepala Daerah"),
    _r("Pilpres", "pilpres|PILPRES", "Pemilihan Presiden"),
    _r("Pileg", "pileg|PILEG", "Pemilihan Legislatif"),
    _r("Panwaslu", "panwaslu|PANWASLU|PanwasLu", "Panitia Pengawas Pemilu"),
    _r("Gakkumdu", "GAKKUMDU|gakkumdu|Gakumdu", "Sentra Penegakan Hukum Terpadu"),
    _r("TPS", "tps|Tps", "Tempat Pemungutan Suara"),
    _r("PPK", "ppk|Ppk", "Panitia Pemilihan Kecamatan"),
    _r("PPS", "pps|Pps", "Panitia Pemungutan Suara"),
    _r("KPPS", "kpps|Kpps", "Kelompok Penyelenggara Pemungutan Suara"),
    _r("PTPS", "ptps|Ptps", "Pengawas TPS"),
    _r("DPT", "dpt|Dpt", "Daftar Pemilih Tetap"),
    _r("hoaks", "hoax|hoaxs|hoak", "KBBI"),
    _r("daring", "online|on-line", "KBBI: dalam jaringan"),
    _r("luring", "offline|off-line", "KBBI: luar jaringan"),
    _r("silakan", "silahkan|Silahkan", "KBBI"),
    _r("praktik", "praktek", "KBBI"),
    _r("analisis", "analisa", "KBBI"),
    _r("risiko", "resiko", "KBBI"),
    _r("aktivitas", "aktifitas", "KBBI"),
]


# -- checking ------------------------------------------------------------------

# Not inside a longer word, a hyphenated compound, a web address or an e-mail address.
_BEFORE = r"(?<![\w@/.-])"
_AFTER = r"(?![\w@/-]|\.\w)"


def _pattern(variant: str) -> str:
    return r"\s+".join(re.escape(word) for word in variant.split())


def _key(text: str) -> str:
    return " ".join(text.split())


class Checker:
    """All rules compiled into one expression; cheap enough to run on every keystroke pause."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        self._by_variant: dict[str, Rule] = {}
        for rule in self.rules:
            for variant in rule.variants:
                key = _key(variant)
                if key and key != _key(rule.preferred):
                    self._by_variant.setdefault(key, rule)
        variants = sorted(self._by_variant, key=len, reverse=True)  # longest first: "Panwaslu Kecamatan" before "Panwaslu"
        self._regex = (
            re.compile(_BEFORE + "(?:" + "|".join(_pattern(v) for v in variants) + ")" + _AFTER) if variants else None
        )

    def check(self, text: str) -> list[Match]:
        """Every variant in ``text``, in order, with its position (Python string offsets)."""
        if self._regex is None or not text:
            return []
        found = []
        for m in self._regex.finditer(text):
            rule = self._by_variant.get(_key(m.group(0)))
            if rule is not None:
                found.append(Match(m.start(), m.end(), m.group(0), rule.preferred, rule.note))
        return found

    @staticmethod
    def replace(text: str, match: Match) -> str:
        """``text`` with one finding replaced by the preferred term (unchanged if the text moved on)."""
        if text[match.start : match.end] != match.found:
            return text
        return text[: match.start] + match.preferred + text[match.end :]

    def replace_all(self, text: str) -> str:
        for match in reversed(self.check(text)):
            text = self.replace(text, match)
        return text


# -- validation ------------------------------------------------------------------------


def clean(rules: Iterable[Rule]) -> list[Rule]:
    """Trimmed rules without empty variants; :class:`ValidationError` on contradictions."""
    out: list[Rule] = []
    owner: dict[str, str] = {}
    preferred_seen: set[str] = set()
    for rule in rules:
        preferred = _key(rule.preferred)
        if not preferred:
            raise ValidationError(_("A glossary rule has no preferred term."))
        if preferred in preferred_seen:
            raise ValidationError(_("'{term}' appears twice as a preferred term; keep one rule.").format(term=preferred))
        preferred_seen.add(preferred)
        variants: list[str] = []
        for variant in rule.variants:
            variant = _key(variant)
            if not variant or variant == preferred or variant in variants:
                continue
            if variant in owner:
                raise ValidationError(
                    _("'{variant}' is a variant of both '{first}' and '{second}'; keep it in one rule.").format(
                        variant=variant, first=owner[variant], second=preferred
                    )
                )
            owner[variant] = preferred
            variants.append(variant)
        if not variants:
            raise ValidationError(_("The rule for '{term}' has no variant to flag.").format(term=preferred))
        out.append(Rule(preferred, variants, " ".join(rule.note.split())))
    for rule in out:
        if rule.preferred in owner:
            raise ValidationError(
                _("'{term}' is preferred in one rule and flagged as a variant of '{other}' in another.").format(
                    term=rule.preferred, other=owner[rule.preferred]
                )
            )
    return out


def merge(current: list[Rule], incoming: list[Rule]) -> list[Rule]:
    """``current`` with ``incoming`` added; a rule for the same preferred term gains the new variants."""
    result = [Rule(r.preferred, list(r.variants), r.note) for r in current]
    by_term = {r.preferred: r for r in result}
    for rule in incoming:
        mine = by_term.get(rule.preferred)
        if mine is None:
            mine = Rule(rule.preferred, [], rule.note)
            result.append(mine)
            by_term[rule.preferred] = mine
        mine.variants += [v for v in rule.variants if v not in mine.variants]
        mine.note = mine.note or rule.note
    # Variants that moved to another preferred term leave their old rule.
    claimed = {v: r.preferred for r in incoming for v in r.variants}
    for rule in result:
        rule.variants = [v for v in rule.variants if claimed.get(v, rule.preferred) == rule.preferred]
    return clean(r for r in result if r.variants)


# -- storage ------------------------------------------------------------------------------


def _stored(library) -> str:  # noqa: ANN001
    from database.models import Meta

    with library.store.read() as s:
        row = s.get(Meta, META_KEY)
        return row.value if row else ""


def _parse(raw: str) -> list[Rule]:
    """Rules from the stored JSON; ValueError when it is damaged."""
    try:
        data = json.loads(raw)
        return [Rule(str(r["preferred"]), [str(v) for v in r.get("variants", [])], str(r.get("note", "")))
                for r in data["rules"]]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(str(exc)) from exc


def _defaults() -> list[Rule]:
    return [Rule(r.preferred, list(r.variants), r.note) for r in DEFAULT_RULES]


def load(library) -> list[Rule]:  # noqa: ANN001
    """The office's rules (the defaults until the office saves its own)."""
    raw = _stored(library)
    if not raw:
        return _defaults()
    try:
        return _parse(raw)
    except ValueError:
        # A damaged entry must not stop the editor; 'warta check' reports and repairs it.
        return _defaults()


def check(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    """``warta check``: the stored glossary can be read and its rules agree with each other."""
    from desktop.check import repaired

    raw = _stored(library)
    if not raw:
        return []
    try:
        clean(_parse(raw))
    except ValueError:
        problem = _("The style glossary stored in the library is damaged; the default glossary is used instead.")
        if repair:
            reset(library)
            return [repaired(problem)]
        return [problem]
    except ValidationError as exc:
        return [_("Style glossary: {problem} Correct it in Settings → Style glossary.").format(problem=exc)]
    return []


def save(library, rules: Iterable[Rule]) -> list[Rule]:  # noqa: ANN001
    """Validate and store the rules in one transaction; returns what was stored."""
    with library.store.write() as tx:
        return write(tx, rules)


def write(tx, rules: Iterable[Rule]) -> list[Rule]:  # noqa: ANN001 - database.session.Tx
    """:func:`save` inside a transaction someone else holds (a style pack applied with other changes)."""
    from database.models import Meta

    rules = clean(rules)
    value = json.dumps({"version": FORMAT_VERSION, "rules": [r.to_json() for r in rules]}, ensure_ascii=False)
    row = tx.session.get(Meta, META_KEY)
    if row is None:
        tx.session.add(Meta(key=META_KEY, value=value))
    else:
        row.value = value
    tx.audit("update", "glossary", "", _("{count} glossary rules").format(count=len(rules)))
    return rules


def reset(library) -> list[Rule]:  # noqa: ANN001
    """Back to :data:`DEFAULT_RULES`."""
    return save(library, _defaults())


# -- files ---------------------------------------------------------------------------------


def to_csv(rules: Iterable[Rule]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for rule in rules:
        writer.writerow([rule.preferred, f" {VARIANT_SEPARATOR} ".join(rule.variants), rule.note])
    return out.getvalue()


def from_csv(text: str) -> list[Rule]:
    """Rules from CSV text (comma or semicolon separated, as Excel writes in Indonesia)."""
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    not_csv = _("This is not a CSV text file. Save the glossary from the spreadsheet as \"CSV (UTF-8)\".")
    if "\x00" in text:
        raise ValidationError(not_csv)  # a binary file (image, .xlsx, …) given by mistake
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ValidationError(not_csv) from exc
    if not rows:
        raise ValidationError(_("The glossary file is empty."))
    header = [h.strip().casefold() for h in rows[0]]
    if header[:2] != HEADER[:2]:
        raise ValidationError(
            _("The glossary file must start with the header row: preferred,variants,note")
        )
    rules = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise ValidationError(
                _("Line {line} of the glossary file needs a preferred term and its variants.").format(line=number)
            )
        variants = [v.strip() for v in row[1].split(VARIANT_SEPARATOR) if v.strip()]
        rules.append(Rule(row[0].strip(), variants, row[2].strip() if len(row) > 2 else ""))
    return clean(rules)


def export_file(rules: Iterable[Rule], path: Path | str) -> None:
    from desktop.fsutil import atomic_write

    with atomic_write(path) as fh:
        fh.write(to_csv(rules).encode("utf-8-sig"))


def import_file(path: Path | str) -> list[Rule]:
    """Rules from a glossary file; :class:`ValidationError` naming the problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(_("{name} is too large to be a glossary (over 1 MB).").format(name=path.name))
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("Cannot read {name}: {error}.").format(name=path.name, error=os_reason(exc))
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # an old Excel "CSV (Windows)" save
    try:
        return from_csv(text)
    except ValidationError as exc:
        raise ValidationError(_("{name}: {reason}").format(name=path.name, reason=exc)) from exc
