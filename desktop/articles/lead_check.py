"""The 5W1H check of a lead (*teras berita*) in Indonesian.

A news lead should say who did what, when and where; why and how are welcome
but often follow in the second paragraph. The check is heuristic and runs as
the writer types, so it works on words, not on a parser: small word lists
(below, as data) plus the shapes Indonesian newsrooms write dates in —
``Senin (3/11/2025)``, ``3 November 2025``, ``pukul 09.00 WIB``.

A place name inside the subject ("Bawaslu Jember menggelar …") names the
institution, not where the event was: it only counts as *where* after a
locative word ("di", "ke", "se-", "tingkat" …) or as a place of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from desktop.i18n import N_, _

# -- word lists (lower case) -------------------------------------------------------

# Institutions and bodies a government press office writes about.
INSTITUTIONS = frozenset("""
bawaslu kpu dkpp panwaslu panwascam panwaslih pkd ptps ppk pps kpps pantarlih gakkumdu sentra
pemkab pemkot pemprov pemda pemerintah dprd dpr dpd mpr polres polresta polrestabes polda polri polsek
kodim korem kodam tni kejari kejati kejaksaan pengadilan satpol dinas disdukcapil dispendukcapil diskominfo
kominfo kesbangpol bakesbangpol bappeda bpbd rsud puskesmas kementerian kemendagri kemenkominfo sekretariat
universitas institut politeknik uin iain stain unej unair ugm ui itb sma smk smp sd man mts pesantren ponpes
partai parpol ormas nu muhammadiyah pwnu pcnu gp ansor komisi ombudsman bpk bpkp pwi aji ijti lsm kampus
""".split())
# Titles and roles that open a person's name ("Ketua Bawaslu Jember, …"), and groups of people.
ROLES = frozenset("""
ketua wakil anggota kepala koordinator kordiv komisioner sekretaris sekda bupati gubernur camat lurah kades
walikota wali kapolres kapolresta kapolda kapolsek dandim danrem kajari kajati direktur rektor dekan menteri
presiden panitera penjabat pj plt kasubbag kabag kasi kabid staf humas tim petugas jajaran pengawas panitia
peserta warga masyarakat mahasiswa pelajar siswa pemilih relawan pemantau jurnalis wartawan penyelenggara
nelayan petani pedagang pemuda santri guru dosen kiai ulama tokoh calon pasangan paslon personel aparat
""".split())
# Words that look like verbs by their prefix but are prepositions, nouns or adjectives in a lead.
NOT_PREDICATES = frozenset("""
dia diri dirinya dinas dini digital direktur direktorat divisi diskusi dialog distrik disabilitas diklat dimana
diantaranya dimensi diksi media meja menit menteri mereka melalui menurut mengenai menjelang meski meskipun
merah medio metode menuju mekanisme memori mental melainkan memang mengingat mendatang berbagai berikut beserta
bersama berdasarkan berkaitan beberapa berita bersih berat benar besar bersangkutan terhadap terkait termasuk
tersebut terakhir tertentu teras terminal terbuka terbaik terbesar terbaru tertinggi terendah terpadu terdepan
terus tertib terlebih
""".split())
# Verbs in their base form that leads use as predicates.
BASE_PREDICATES = frozenset("hadir tiba datang ikut mulai resmi gelar siap bahas imbau minta ajak".split())
DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "jum’at", "sabtu", "minggu", "ahad")
MONTHS = ("januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
          "oktober", "november", "nopember", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt",
          "ags", "sep", "sept", "okt", "nov", "nop", "des")
RELATIVE_TIMES = ("hari ini", "kemarin", "besok", "lusa", "pagi ini", "siang ini", "sore ini", "malam ini",
                  "pekan ini", "pekan depan", "pekan lalu", "minggu ini", "minggu depan", "minggu lalu",
                  "bulan ini", "bulan depan", "bulan lalu", "akhir pekan")
# Nouns that name a venue: "di aula", "di kantor desa" are places even in lower case.
PLACE_NOUNS = frozenset("""
aula kantor gedung hotel balai pendopo pendapa lapangan halaman ruang ruangan desa kelurahan kecamatan kabupaten
kota provinsi jalan jl sekretariat gudang gor alun-alun masjid pondok kampus sekolah posko tps rumah wilayah
kawasan pasar terminal stasiun bandara pelabuhan taman gelanggang auditorium kafe cafe rumah-rumah dusun
""".split())
# Venues that name a place even without "di" before them, when a name follows ("kantor KPU Jember").
VENUES = frozenset("aula kantor gedung hotel balai pendopo pendapa lapangan gor masjid kampus sekretariat posko".split())
ADMIN_UNITS = frozenset("kabupaten kab kota kecamatan kec desa kelurahan provinsi dusun".split())
# Words after which a place name says where something happened.
LOCATIVES = frozenset("di ke dari tingkat wilayah kawasan seluruh sepanjang sekitar".split())
# "di mana", "di antara" … are not places.
NOT_PLACES_AFTER_DI = frozenset("mana antara antaranya samping sela hadapan depan belakang atas bawah tengah".split())
WHY_MARKERS = ("karena", "sebab", "untuk", "guna", "agar", "supaya", "demi", "dalam rangka", "sebagai upaya",
               "sebagai bentuk", "menyusul", "akibat", "lantaran", "bertujuan", "dengan tujuan", "mengingat")
HOW_MARKERS = ("dengan", "melalui", "secara", "lewat", "menggunakan", "memakai", "dengan cara")
# Honorifics and degrees inside a person's name ("Dr. H. Ahmad Fauzi, S.H.").
HONORIFICS = frozenset(w.strip(".") for w in "dr drs dra h hj ir prof kh k.h s.h s.pd s.sos m.si s.ip s.ag m.h".split())
# Between "di" and the place: "di seluruh TPS", "di 31 kecamatan", "di sepanjang Jalan …".
QUANTIFIERS = frozenset("seluruh sejumlah beberapa berbagai setiap tiap masing-masing sepanjang sekitar".split())

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’.-]*|\d[\d.,/:-]*|[(),;:]", re.UNICODE)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = "|".join(DAYS)
_WHEN_PATTERNS = [
    re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTH})\.?(?:\s+\d{{4}})?\b", re.IGNORECASE),  # 3 November 2025
    re.compile(rf"\b(?:{_MONTH})\s+\d{{4}}\b", re.IGNORECASE),  # November 2025
    re.compile(r"\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)"),  # (17/7/2025), (3/11)
    re.compile(r"\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b"),  # 17/7/2025, 17-07-2025
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),  # 2025-07-17
    re.compile(r"\bpukul\s+\d{1,2}(?:[.:]\d{2})?\b", re.IGNORECASE),  # pukul 09.00
    re.compile(r"\b\d{1,2}[.:]\d{2}\s*(?:WIB|WITA|WIT)\b"),  # 09.00 WIB
    re.compile(rf"\b(?:{_DAY.replace('minggu|', '')})\b", re.IGNORECASE),  # Senin … (not "minggu": a week)
    re.compile(r"\bMinggu\b"),  # the day, capitalised; "minggu lalu" is caught below
    re.compile(r"\b(?:" + "|".join(RELATIVE_TIMES) + r")\b", re.IGNORECASE),
]

ELEMENTS = ("who", "what", "when", "where", "why", "how")
REQUIRED = ("who", "what", "when", "where")
HINTS = {
    "who": N_("Who? The lead names no institution or person (for example “Bawaslu Jember” or “Ketua KPU …”)."),
    "what": N_("What? The lead has no predicate: say what happened with a verb (menggelar, menetapkan, digelar …)."),
    "when": N_("When? Add the day and date, for example “Senin (3/11/2025)”, or a time such as “pukul 09.00 WIB”."),
    "where": N_("Where? Add the place, for example “di Aula Kantor …” or the city."),
    "why": N_("Why? If it fits, add the purpose or reason (untuk, guna, agar, karena …)."),
    "how": N_("How? If it fits, add how it was done (dengan, melalui, secara …)."),
    "when_relative": N_("When? “{words}” is wrong on any other day the release is read: give the day and date, "
                        "for example “Senin (3/11/2025)”."),
}


@dataclass(frozen=True)
class LeadCheck:
    """What the lead says of each W (the words that showed it), and what it leaves out."""

    found: dict[str, str] = field(default_factory=dict)

    @property
    def missing(self) -> tuple[str, ...]:
        """The required elements (who, what, when, where) the lead lacks, in that order."""
        return tuple(e for e in REQUIRED if e not in self.found)

    @property
    def suggestions(self) -> tuple[str, ...]:
        """A when said only relatively ("kemarin"), and why and how when absent: worth a thought, not a fault."""
        relative = ("when_relative",) if "when_relative" in self.found else ()
        return (*relative, *(e for e in ("why", "how") if e not in self.found))

    def hints(self) -> list[str]:
        """One translated sentence per missing element, required ones first."""
        return [_(HINTS[e]).format(words=self.found.get(e, "")) for e in (*self.missing, *self.suggestions)]


def _norm(word: str) -> str:
    return word.lower().strip(".'’-")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_predicate(word: str, first: bool) -> bool:
    low = _norm(word)
    if low in NOT_PREDICATES or len(low) < 5:
        return low in BASE_PREDICATES
    if _is_capitalised(word) and not first:
        return False  # Medan, Dimas, Bernardus: names, not verbs
    if low in BASE_PREDICATES:
        return True
    # me-/mem-/men-/meng-/meny-, ber-/be-, di-, ter-, memper-/diper-: the verb prefixes
    return bool(re.match(r"(?:me|ber|di|ter)[a-z]{3,}", low)) or low.startswith("memper")


def check(lead: str, places: Iterable[str] = ()) -> LeadCheck:
    """Which of the 5W1H ``lead`` states; ``places`` are names that count as *where* (the office's city …)."""
    text = " ".join((lead or "").split())
    found: dict[str, str] = {}
    tokens = _TOKEN.findall(text)
    lower = [_norm(w) for w in tokens]
    known_places = {_norm(p) for place in places for p in place.split() if p.strip()}

    # what: the first verb
    predicate_at = None
    sentence_start = True
    for i, tok in enumerate(tokens):
        if tok[0].isalpha() and _is_predicate(tok, sentence_start and not _next_capitalised(tokens, i)):
            predicate_at = i
            found["what"] = tok
            break
        if tok[0].isalpha():
            sentence_start = tok.endswith(".") and _norm(tok) not in HONORIFICS
    # who: an institution or role anywhere, or a capitalised name before the predicate
    for i, low in enumerate(lower):
        # "TNI-Polri": either half names the institution
        if low in INSTITUTIONS or low in ROLES or any(part in INSTITUTIONS for part in low.split("-")):
            if _is_capitalised(tokens[i]) or low in ROLES:
                # "di Aula Bawaslu" names a place, not who acted, unless nothing else names anyone
                if not _after_locative(lower, i):
                    found["who"] = tokens[i]
                    break
                found.setdefault("who_fallback", tokens[i])
    if "who" not in found:
        run: list[str] = []
        for i, tok in enumerate(tokens[: predicate_at if predicate_at is not None else len(tokens)]):
            if tok[0].isalpha() and (_is_capitalised(tok) or _norm(tok) in HONORIFICS) and not _is_date_word(tok):
                run.append(tok)
                if len(run) >= 2 and not _after_locative(lower, i - len(run) + 1):
                    found["who"] = " ".join(run)
                    break
            else:
                run = []
        if "who" not in found and "who_fallback" in found:
            found["who"] = found["who_fallback"]
    found.pop("who_fallback", None)
    # when
    for pattern in _WHEN_PATTERNS:
        m = pattern.search(text)
        if m:
            found["when"] = m.group(0)
            if pattern is _WHEN_PATTERNS[-1]:
                found["when_relative"] = m.group(0)
            break
    # where
    where = _where(tokens, lower, known_places)
    if where:
        found["where"] = where
    # why / how: markers anywhere in the lead
    spaced = " " + " ".join(lower) + " "
    for key, markers in (("why", WHY_MARKERS), ("how", HOW_MARKERS)):
        for marker in markers:
            if f" {marker} " in spaced:
                found[key] = marker
                break
    return LeadCheck(found)


def _is_date_word(word: str) -> bool:
    low = _norm(word)
    return low in DAYS or low in MONTHS


def _next_capitalised(tokens: list[str], i: int) -> bool:
    """"Dimas Pratama …" opens with a name; "Digelar di …" with a verb."""
    following = next((t for t in tokens[i + 1:] if t[0].isalpha()), "")
    return _is_capitalised(following)


def _after_locative(lower: list[str], i: int) -> bool:
    """Whether the word at ``i`` belongs to a place phrase opened by a locative ("di Aula Kantor Bawaslu")."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if lower[j] in LOCATIVES:
            return True
        if lower[j] in (",", "(", ")", ";"):
            return False
    return False


def _where(tokens: list[str], lower: list[str], known_places: set[str]) -> str:
    for i, low in enumerate(lower):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        nlow = lower[i + 1] if i + 1 < len(tokens) else ""
        # "di Aula …", "di kantor desa", "ke Jember"; "di mana", "di antara" are not places
        if low in ("di", "ke") and nlow not in NOT_PLACES_AFTER_DI:
            for j in range(i + 1, min(i + 4, len(tokens))):
                if tokens[j][0].isalpha() and (_is_capitalised(tokens[j]) or lower[j] in PLACE_NOUNS):
                    return " ".join(tokens[i:j + 1])
                if not (tokens[j][0].isdigit() or lower[j] in QUANTIFIERS):
                    break
        # "se-Kabupaten Jember", "se-Jawa Timur"
        if low.startswith("se-") and len(low) > 3 and tokens[i][3:4].isupper():
            return tokens[i]
        # "tingkat Kabupaten Jember", "Desa Sukorejo" — not inside a name ("KPU Kabupaten Jember")
        if low in ADMIN_UNITS and _is_capitalised(tokens[i]) and nxt[:1].isupper() and not _in_name(tokens, i):
            return f"{tokens[i]} {nxt}"
        # the office's city on its own ("Jember – …", "…, Jember, Senin"), not in "Bawaslu Jember"
        if low in known_places and _is_capitalised(tokens[i]) and not _in_name(tokens, i):
            return tokens[i]
        # a venue named without "di", as an object: "mendatangi kantor KPU Jember" (not the subject "Sekretariat …")
        if low in VENUES and nxt[:1].isupper() and i and tokens[i - 1][0].isalpha() and tokens[i - 1].islower():
            return f"{tokens[i]} {nxt}"
    return ""


def _in_name(tokens: list[str], i: int) -> bool:
    """Whether the word at ``i`` continues a name: "KPU Kabupaten Jember", "(KPU) Jember", "Ketua KPU Jember"."""
    j = i - 1
    while j >= 0 and _norm(tokens[j]) in ADMIN_UNITS and _is_capitalised(tokens[j]):
        j -= 1  # "KPU Kota Jember": look past the unit
    if j < 0:
        return False
    before = tokens[j]
    return before == ")" or (before[0].isalpha() and _is_capitalised(before) and _norm(before) not in LOCATIVES)
