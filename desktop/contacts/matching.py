"""Duplicate detection between incoming contact records and existing contacts.

Two kinds of evidence:

- **exact**: the same normalised phone (E.164) or e-mail address (case
  ignored) — score 100; the import may merge these without asking;
- **fuzzy**: similar names (titles, case, accents and word order ignored;
  "M."/"Moh."/"Mochamad" read as "Muhammad" and old spellings such as
  "Soekarno"/"Djoko" as "Sukarno"/"Joko" — see :func:`match_key`) scored with
  rapidfuzz, confirmed or weakened by the organisation — a score below 100
  for the user to confirm in the merge screen. Score: ``0.8 × name + 0.2 ×
  organisation`` when both have one, else ``0.95 × name``; default cutoff 85.

Usage::

    index = MatchIndex()
    for person_id, name, org, phones, emails in rows_from_the_library:
        index.add(person_id, name=name, organization=org, phones=phones, emails=emails)
    candidates = find_duplicates(records, index)        # list[Candidate], best first per record

or ``find_duplicates(records, {id: ContactRecord, ...})``. ``duplicates_within
(records)`` finds the same contact twice in one file.

Speed: phones and e-mails are dictionary look-ups; names are blocked by their
words (only existing names sharing one of the incoming name's rarer words are
scored), so 10,000 incoming × 50,000 existing takes a few seconds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Hashable, Iterable, Mapping, Sequence

from desktop.contacts import normalize
from desktop.contacts.record import ContactRecord

if TYPE_CHECKING:
    from desktop.jobs import Progress

DEFAULT_CUTOFF = 85.0
# Words shared by more existing names than this ("muhammad", "siti", "nur") are
# too common to find anyone by; they only count when a name has nothing rarer.
_COMMON_WORD = 1500
# The closest distinct names looked at per word; more than a merge screen could show anyway.
_NAMES_PER_WORD = 25


@dataclass(frozen=True)
class Candidate:
    incoming: int  # index into the incoming records
    existing: Hashable  # key given to MatchIndex.add (the person id), or an index
    score: float  # 100 for exact phone/e-mail matches, else the fuzzy score (0–100)
    reasons: tuple[str, ...]  # subset of ("phone", "email", "name")

    @property
    def exact(self) -> bool:
        return "phone" in self.reasons or "email" in self.reasons


def phone_keys(phones: Iterable) -> list[str]:
    """E.164 numbers among phones (Phone objects or strings); unreadable ones never match."""
    keys = []
    for phone in phones:
        number = phone if isinstance(phone, str) else phone.number
        if number.startswith("+"):
            keys.append(number)
        else:
            e164, _reason = normalize.normalize_phone(number)
            if e164:
                keys.append(e164)
    return keys


def email_keys(emails: Iterable) -> list[str]:
    out = []
    for email in emails:
        key = normalize.email_key(email if isinstance(email, str) else email.address)
        if key:
            out.append(key)
    return out


# Ways Indonesians write "Muhammad", and the pre-1972 spellings still found in
# older names (Soekarno = Sukarno, Djoko = Joko, Tjahjo = Cahyo).
_MUHAMMAD = {"m", "mh", "moh", "muh", "mhd", "mohd", "moch", "mochamad", "mochammad", "mohamad", "mohammad",
             "mohamed", "muhamad", "muhammad", "mukhammad", "muchammad", "muchamad"}
_OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "kh"))


def match_key(full_name: str) -> str:
    """:func:`normalize.name_key` plus spelling variants folded together, for matching only."""
    words = []
    for word in normalize.name_key(full_name).split():
        if word in _MUHAMMAD:
            word = "muhammad"
        else:
            for old, new in _OLD_SPELLING:
                if old in word:
                    word = word.replace(old, new)
        words.append(word)
    return " ".join(words)


@lru_cache(maxsize=4096)
def _org_similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b)


def _sorted_words(key: str) -> str:
    return " ".join(sorted(key.split()))


class MatchIndex:
    """Existing contacts indexed by phone, e-mail and name words.

    ``add(key, name=, organization=, phones=, emails=)`` takes phones as E.164
    strings (others are normalised, unreadable ones ignored) and e-mails as
    strings or ``address_key`` values; ``match(record)`` returns ``[(key,
    score, reasons)]``. ``by_phone`` (E.164 → keys) and ``by_email``
    (lower-case address → keys) may be read directly for exact look-ups.
    """

    def __init__(self) -> None:
        self.by_phone: dict[str, list[Hashable]] = defaultdict(list)
        self.by_email: dict[str, list[Hashable]] = defaultdict(list)
        # Names are scored once per distinct spelling: word → distinct names holding it,
        # name → the slots (people) carrying exactly that name.
        self.word_names: dict[str, list[str]] = defaultdict(list)
        self.name_slots: dict[str, list[int]] = {}
        self.keys: list[Hashable] = []
        self.names: list[str] = []  # words sorted: token_sort_ratio becomes a plain ratio
        self.orgs: list[str] = []

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: Hashable, *, name: str, organization: str = "",
            phones: Iterable = (), emails: Iterable = ()) -> None:
        for phone in phone_keys(phones):
            self.by_phone[phone].append(key)
        for email in email_keys(emails):
            self.by_email[email].append(key)
        name_key = match_key(name)
        if not name_key:
            return
        slot = len(self.keys)
        self.keys.append(key)
        self.names.append(_sorted_words(name_key))
        self.orgs.append(normalize.org_key(organization))
        sorted_name = self.names[-1]
        slots = self.name_slots.get(sorted_name)
        if slots is not None:
            slots.append(slot)
            return
        self.name_slots[sorted_name] = [slot]
        for word in set(name_key.split()):
            if len(word) >= 2:
                self.word_names[word].append(sorted_name)

    def add_record(self, key: Hashable, record: ContactRecord) -> None:
        self.add(key, name=record.full_name, organization=record.organization,
                 phones=record.phones, emails=record.emails)

    def _block_words(self, words: list[str]) -> list[str]:
        """The words whose names are scored: the rarer ones, or the rarest if all are common."""
        sized = sorted((len(self.word_names.get(w, ())), w) for w in set(words) if len(w) >= 2)
        sized = [(n, w) for n, w in sized if n]
        if not sized:
            return []
        # The two rarest words: a duplicate shares them unless both are misspelt.
        return ([w for n, w in sized if n <= _COMMON_WORD] or [sized[0][1]])[:2]

    def match(self, record: ContactRecord, *, cutoff: float = DEFAULT_CUTOFF,
              limit: int = 5) -> list[tuple[Hashable, float, tuple[str, ...]]]:
        """``[(existing key, score, reasons)]`` for one record, best first."""
        from rapidfuzz import fuzz, process

        found: dict[Hashable, tuple[float, set[str]]] = {}
        for phone in phone_keys(record.phones):
            for key in self.by_phone.get(phone, ()):
                found.setdefault(key, (100.0, set()))[1].add("phone")
        for email in email_keys(record.emails):
            for key in self.by_email.get(email, ()):
                found.setdefault(key, (100.0, set()))[1].add("email")
        name_key = match_key(record.full_name)
        if name_key:
            query = _sorted_words(name_key)
            org = normalize.org_key(record.organization)
            # Without an organisation to confirm, a name alone must be very close;
            # with one, the name may differ a little more.
            floor = min(100.0, max(0.0, (cutoff - 20.0) / 0.8) if org else cutoff / 0.95)
            scored: dict[str, float] = {}
            for word in self._block_words(name_key.split()):
                for name, name_score, _pos in process.extract(
                        query, self.word_names[word], scorer=fuzz.ratio, score_cutoff=floor, limit=_NAMES_PER_WORD):
                    scored[name] = name_score
            for slot, name_score in ((slot, sc) for name, sc in scored.items() for slot in self.name_slots[name]):
                other_org = self.orgs[slot]
                if org and other_org:
                    score = 0.8 * name_score + 0.2 * _org_similarity(org, other_org)
                else:
                    score = 0.95 * name_score
                if score < cutoff:
                    continue
                key = self.keys[slot]
                previous = found.get(key)
                if previous is None:
                    found[key] = (round(score, 1), {"name"})
                else:
                    previous[1].add("name")
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], -len(kv[1][1])))
        return [(key, score, tuple(sorted(reasons))) for key, (score, reasons) in ranked[:limit]]


def build_index(existing: Mapping[Hashable, ContactRecord] | Sequence[ContactRecord]) -> MatchIndex:
    index = MatchIndex()
    items = existing.items() if isinstance(existing, Mapping) else enumerate(existing)
    for key, record in items:
        index.add_record(key, record)
    return index


def find_duplicates(
    incoming: Sequence[ContactRecord],
    existing: MatchIndex | Mapping[Hashable, ContactRecord] | Sequence[ContactRecord],
    *,
    cutoff: float = DEFAULT_CUTOFF,
    limit: int = 5,
    progress: Progress | None = None,
) -> list[Candidate]:
    """Candidate pairs (incoming index, existing key), exact ones first for each record.

    ``progress`` is an optional :class:`desktop.jobs.Progress` (reported every
    500 records, and checked for Cancel).
    """
    index = existing if isinstance(existing, MatchIndex) else build_index(existing)
    out: list[Candidate] = []
    total = len(incoming)
    for i, record in enumerate(incoming):
        if progress is not None and i % 500 == 0:
            progress.check()
            progress.report(i, total, record.full_name)
        for key, score, reasons in index.match(record, cutoff=cutoff, limit=limit):
            out.append(Candidate(i, key, score, reasons))
    return out


def duplicates_within(records: Sequence[ContactRecord], *, cutoff: float = DEFAULT_CUTOFF) -> list[Candidate]:
    """Pairs inside one batch (``incoming`` < ``existing``, both indexes into ``records``)."""
    index = MatchIndex()
    out: list[Candidate] = []
    for i, record in enumerate(records):
        for key, score, reasons in index.match(record, cutoff=cutoff):
            out.append(Candidate(key, i, score, reasons))  # type: ignore[arg-type]
        index.add_record(i, record)
    return out
