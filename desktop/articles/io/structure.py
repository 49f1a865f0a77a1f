"""From blocks to an :class:`ArticleDoc` and back: the shape of a humas article.

:func:`recognise` finds, in blocks read from any file, what Indonesian
press releases and news items carry: the kind label (*SIARAN PERS*), the
release line (*Untuk Segera Disiarkan* or an embargo), the title (first
heading, or first line), the dateline at the start of the lead
(``Jember, Senin (3/11/2025) –``, ``JEMBER –``, ``Jember, situs.go.id –``),
stand-alone quotes (``“…,” kata Nama, Jabatan.``), the credit lines
(*Penulis*, *Editor*, *Foto*), the *Narahubung* block and the *Tentang …*
paragraph. :func:`layout` is its inverse: every exporter renders the blocks
it returns, so importing an export recognises the same fields again.

Quotes are laid out after the body; on import, the quote paragraphs after
the body become structured quotes again (see :func:`recognise`) and quoted
sentences inside the body stay in the body. The lead is plain text: its
formatting in a source file is dropped, and writers escape it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from desktop.articles.aids import dateline, release_line
from desktop.articles.document import ArticleDoc, Quote
from desktop.articles.io.markup import Block, Span, drop_prefix, normalize_blocks, parse_markdown, plain, to_markdown
from desktop.i18n import N_, _

#: The first line of every export of a text that is not approved (issue 14: nobody
#: prints an unapproved text without it); Word also has it in the page header.
DRAFT_MARK = N_("DRAFT — not approved")

KIND_HEADERS = {
    "siaran_pers": "SIARAN PERS",
    "berita_kegiatan": "BERITA KEGIATAN",
    "klarifikasi": "KLARIFIKASI",
    "pengumuman": "PENGUMUMAN",
}
_KIND_BY_HEADER = {v.casefold(): k for k, v in KIND_HEADERS.items()} | {
    "press release": "siaran_pers",
    "rilis pers": "siaran_pers",
    "siaran pers / press release": "siaran_pers",
}
# Web-page chrome a copied article often starts with.
_NAV_NOISE = {
    "lompat ke isi utama", "langsung ke konten", "skip to main content", "skip to content",
    "beranda", "home", "berita", "news", "menu", "cari", "search", "berita terkini",
}
WRITER, EDITOR, PHOTO = "Penulis", "Editor", "Foto"
# Exported documents are Indonesian whatever the interface language.
DOCUMENT_LANGUAGE = "id"
# Credit labels in Indonesian and English (an office's English releases, a web page's byline).
_CREDIT_FIELDS = {
    "penulis": "writer", "pewarta": "writer", "reporter": "writer", "wartawan": "writer",
    "writer": "writer", "author": "writer", "written by": "writer",
    "editor": "editor", "redaktur": "editor", "penyunting": "editor", "edited by": "editor",
    "foto": "photographer", "fotografer": "photographer", "photo": "photographer", "photos": "photographer",
    "photographer": "photographer", "photo by": "photographer",
}
# Longest first: "photographer" before "photo", "photo by" before "photo".
_CREDIT_RE = re.compile(
    r"(?:^|(?<=[\n|;,/]))\s*(" + "|".join(sorted(_CREDIT_FIELDS, key=len, reverse=True)).replace(" ", r"\s+")
    + r")\s*:\s*", re.I
)
_CONTACT_RE = re.compile(
    r"^(?:narahubung|kontak(?:\s+media|\s+pers)?|(?:media|press)\s+contacts?|contact\s+persons?|contacts?|cp"
    r"|informasi lebih lanjut(?:,?\s+hubungi)?|for more information(?:,?\s+contact)?)\s*:?\s*(.*)$",
    re.I | re.S,
)
# "Tentang Bawaslu Kab. Jember", "About us": a heading line, so no sentence punctuation and no final
# full stop (the dots of an abbreviated office name are fine).
_ABOUT_RE = re.compile(r"^(?:Tentang|About)\s+[A-Za-z0-9][^\n,:;!?]{0,100}(?<!\.)$")
# Marks that end a story ("***", "-selesai-"). A closing "(ant)" or "(KIP)" is not one of them: it is
# the writer's initials or a paragraph of the text, and dropping it lost what a user wrote.
_END_MARKS = re.compile(r"^(?:\*{3}|#{3}|-{3}|\(?\s*-*\s*selesai\s*-*\s*\)?|-\s*end\s*-)$", re.I)
_QUOTE_RE = re.compile(
    r"^[\"“”](?P<text>.+)[\"”“]\s*,?\s*"
    r"(?P<verb>kata|ujar|ucap|jelas|tegas|ungkap|tutur|imbuh|terang|pungkas|papar|sebut|lanjut|tambah)(?:nya)?"
    r"\s+(?P<who>[^\"“”]+?)\s*$",
    re.S,
)
# Academic degrees written after a name: "S.Pd.", "M.Si", "S.H.", "Ph.D" (two segments or more).
_DEGREE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.){1,}[A-Z][A-Za-z]{0,3}\.?$|^(?:MBA|MPA|MSc|BSc|MM|MT|ST|SE)\.?$")


@functools.lru_cache(maxsize=1)
def _calendar() -> tuple[list[str], list[str]]:
    """Indonesian month and day names (Babel's locale data, Monday first)."""
    from babel.dates import get_day_names, get_month_names

    months = [get_month_names("wide", locale="id")[i] for i in range(1, 13)]
    days = [get_day_names("wide", locale="id")[i] for i in range(7)]
    return months, days


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    months, days = _calendar()
    day = "(?:" + "|".join(days + ["Jum'at", "Jum’at", "Ahad"]) + ")"
    month = "(?P<month>" + "|".join(months + ["Agust", "Okt", "Nop", "Des", "Pebruari", "Nopember"]) + ")"
    lead_d = day + r"\s*\(\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\s*\)"
    long_d = "(?:" + day + r",?\s+)?(?P<ld>\d{1,2})\s+" + month + r"\s+(?P<ly>\d{4})"
    # "kab-jember.kpu.go.id", "KOMPAS.com": the last label has a letter ("Rp5.000" is no site).
    site = r"(?:https?://)?(?i:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*)(?:/\S*)?"
    word = r"[A-Z](?:[^\W\d_]|[.'’-])*"  # letters only: "Rp5.000" is not a city
    city = rf"(?P<city>{word}(?:\s+{word}){{0,3}})"
    dash = r"\s*(?:[–—]|--?)(?:\s+|$)"
    date_or_site = rf"(?:(?P<date>{lead_d})|(?P<long>{long_d})|(?P<site>{site}))"
    return {
        # "Jember, Senin (3/11/2025) –", "Jember, kab-jember.kpu.go.id –"
        "full": re.compile(rf"^{city}\s*,\s*{date_or_site}(?:\s*,\s*(?P<site2>{site}))?{dash}"),
        # "Senin (3/11/2025) –", "blitar.bawaslu.go.id -"
        "bare": re.compile(rf"^{date_or_site}{dash}"),
        # "JEMBER –" (capitals take a hyphen too), "Jember –" (needs a real dash)
        "caps": re.compile(r"^(?P<city>[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3})\s*(?:[–—]|--?)(?:\s+|$)"),
        "city": re.compile(rf"^{city}\s*[–—](?:\s+|$)"),
        "embargo": re.compile(
            r"^untuk\s+disiarkan\s+(?:pada\s+)?(?:tanggal\s+)?(?:" + day + r",?\s+)?(?P<ld>\d{1,2})\s+"
            + month + r"\s+(?P<ly>\d{4})(?:\s*,?\s*(?:pukul|jam)\s+(?P<hh>\d{1,2})[.:](?P<mm>\d{2}))?"
            r"\s*(?P<tz>WIB|WITA|WIT)?\.?$",
            re.I,
        ),
        "immediate": re.compile(r"^untuk\s+segera\s+(?:di)?siarkan\.?$", re.I),
        # A web page's date line or the date opening its excerpt: "Senin 3 November 2025, …", "3 November 2025".
        "date_start": re.compile(rf"^{long_d}\b"),
    }


@functools.lru_cache(maxsize=1)
def _day_names() -> frozenset[str]:
    _months, days = _calendar()
    return frozenset(d.casefold() for d in days + ["Jum'at", "Jum’at", "Ahad"])


def _month_number(name: str) -> int:
    months, _days = _calendar()
    name = name.casefold()
    for i, full in enumerate(months, 1):
        if full.casefold().startswith(name[:3]) or (name.startswith("nop") and i == 11) or (name.startswith("peb") and i == 2):
            return i
    return 0


def _date(y: str, m: int | str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


@dataclass
class Dateline:
    city: str
    date: dt.date | None
    length: int  # characters of the lead it takes, dash and space included
    site: str = ""  # "kab-jember.kpu.go.id": the site a copied web article names in its dateline


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a lead, if there is one."""
    pats = _patterns()
    for name in ("full", "bare", "caps", "city"):
        m = pats[name].match(text)
        if not m:
            continue
        groups = m.groupdict()
        day = None
        if groups.get("d"):
            day = _date(groups["y"], groups["m"], groups["d"])
        elif groups.get("ld"):
            day = _date(groups["ly"], _month_number(groups["month"]), groups["ld"])
        city = (groups.get("city") or "").strip()
        if name == "full" and city.casefold() in _day_names():
            continue  # "Senin, 3 November 2025 –": a date with no city, read by "bare"
        if name == "city" and len(city.split()) > 3:
            continue
        site = (groups.get("site") or groups.get("site2") or "").strip()
        return Dateline(city=city, date=day, length=m.end(), site=site)
    return None


def parse_release(text: str) -> tuple[bool, dt.datetime | None, str] | None:
    """(is a release line, embargo moment, zone) or None."""
    pats = _patterns()
    text = text.strip()
    if pats["immediate"].match(text):
        return True, None, "WIB"
    m = pats["embargo"].match(text)
    if not m:
        return None
    day = _date(m["ly"], _month_number(m["month"]), m["ld"])
    if day is None:
        return None
    hh, mm = int(m["hh"] or 0), int(m["mm"] or 0)
    if hh > 23 or mm > 59:
        return None
    return True, dt.datetime.combine(day, dt.time(hh, mm)), (m["tz"] or "WIB").upper()


# -- quotes -----------------------------------------------------------------------


def exported_quotes(doc: ArticleDoc) -> list[Quote]:
    """The quotes an export lays out after the body (a quote needs words and a speaker)."""
    return [q for q in doc.quotes if q.text.strip() and q.speaker.strip()]


def format_quote(q: Quote) -> str:
    text = q.text.strip()
    comma = "" if text[-1:] in ",.?!…" else ","
    who = q.speaker.strip() + (", " + q.position.strip() if q.position.strip() else "")
    end = "" if who.endswith(".") else "."
    return f"“{text}{comma}” kata {who}{end}"


def parse_quote(text: str) -> Quote | None:
    """``“…,” kata Nama, Jabatan.`` as a quote; None for anything else."""
    m = _QUOTE_RE.match(text.strip())
    if not m:
        return None
    body = m["text"].strip()
    if body.endswith(","):
        body = body[:-1].rstrip()
    parts = [p.strip() for p in m["who"].split(",")]
    if not parts[0]:
        return None
    # Academic degrees after the name belong to the name: "Tola' Ediy, S.Pd., Kordiv …".
    name_parts = [parts[0]]
    rest = parts[1:]
    while rest and _DEGREE.match(rest[0]):
        name_parts.append(rest.pop(0))
    position = ", ".join(p for p in rest if p)
    speaker = ", ".join(name_parts)
    if position.endswith("."):
        position = position[:-1].rstrip()
    elif not rest and speaker.endswith(".") and not _DEGREE.match(name_parts[-1]):
        speaker = speaker[:-1].rstrip()
    if not body or len(speaker.split()) > 8:
        return None
    return Quote(speaker=speaker, position=position, text=body)


# -- credits and closing sections ----------------------------------------------------


def parse_credits(text: str) -> dict[str, str] | None:
    """``Penulis: A`` (several in one paragraph allowed) → {"writer": "A", …}; None if not credits."""
    text = text.strip()
    matches = list(_CREDIT_RE.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    found: dict[str, str] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip(" \n|;,/")
        value = " ".join(value.split())
        found.setdefault(_CREDIT_FIELDS[" ".join(m.group(1).casefold().split())], value)
    return found


def _section_label(block: Block) -> tuple[str, str] | None:
    """("contact" | "about", text after the label) for a closing-section heading."""
    if block.kind not in ("p", "h"):
        return None
    text = plain(block.spans).strip()
    m = _CONTACT_RE.match(text)
    if m:
        return "contact", m.group(1).strip()
    if _ABOUT_RE.match(text) and len(text.split()) <= 12:
        return "about", ""
    return None


_SECTION_LIMITS = {"contact": 8, "about": 3}


@dataclass
class _Tail:
    start: int
    credits: dict[str, str]
    contact: str
    about: list[str]


def _parse_tail(blocks: list[Block], limits: dict[str, int] | None = None) -> _Tail:
    """Credits, Narahubung and Tentang … at the end of the article, read backwards.

    ``limits``: how many paragraphs each section may have (Warta's own export says
    how many it wrote; elsewhere a few, so a body paragraph is never taken for one).
    """
    limits = {**_SECTION_LIMITS, **(limits or {})}
    i = len(blocks)
    credits: dict[str, str] = {}
    contact = ""
    about: list[str] = []
    while i > 0:
        block = blocks[i - 1]
        text = plain(block.spans).strip()
        if block.kind == "p" and _END_MARKS.match(text):
            i -= 1
            continue
        found = parse_credits(text) if block.kind == "p" else None
        if found is not None:
            for key, value in found.items():
                credits.setdefault(key, value)
            i -= 1
            continue
        label = None
        for j in range(i - 1, max(-1, i - 1 - max(limits.values()) - 1), -1):
            if parse_credits(plain(blocks[j].spans)) is not None:
                break
            kind = _section_label(blocks[j])
            if kind is not None:
                label = (j, kind)
                break
        if label is None:
            break
        j, (kind, first) = label
        content = blocks[j + 1 : i]
        if len(content) > limits[kind] or any(b.kind == "h" for b in content):
            break
        texts = ([first] if first else []) + [plain(b.spans).strip() for b in content]
        if kind == "contact" and not contact:
            contact = clean_lines("\n".join(texts))
        elif kind == "about" and not about:
            about = [t for t in texts if t]
        else:
            break
        i = j
    return _Tail(i, credits, contact, about)


def clean_lines(text: str) -> str:
    """Contact blocks: one entry per line, no blank or padded lines."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# A label the user typed at the start of a value that every output labels itself.
_PHOTO_LABEL = re.compile(r"^\s*(?:foto|fotografer|photo)\s*:\s*", re.I)
_CONTACT_LABEL = re.compile(
    r"^\s*(?:narahubung|kontak(?:\s+media)?|contact(?:\s+person)?|cp)\s*(?::\s*|\n\s*|$)", re.I
)


def photo_credit(text: str) -> str:
    """A photo credit without a leading *Foto:*: the PDF, Word, Markdown and WhatsApp
    outputs print their own label, and a credit typed as "Foto: Agus/Humas" must not
    come out as "Foto: Foto: Agus/Humas"."""
    return _PHOTO_LABEL.sub("", (text or "").strip(), count=1).strip()


def contact_text(text: str) -> str:
    """The *Narahubung* block without a leading "Narahubung:" (as the article template
    writes it), one entry per line: every output prints the heading itself."""
    return clean_lines(_CONTACT_LABEL.sub("", (text or "").strip(), count=1))


# -- recognise ------------------------------------------------------------------------


def _long(block: Block) -> bool:
    return len(plain(block.spans).split()) > 25


def draft_mark_block() -> Block:
    """The DRAF line the writers put first (bold: WhatsApp shows ``*DRAF — belum disetujui*``)."""
    return Block("p", [Span(_(DRAFT_MARK), True)], hint="draft")


def _is_draft_mark(block: Block) -> bool:
    # Both languages: an export made with the window in English imports on an Indonesian PC.
    marks = {DRAFT_MARK.casefold(), "draf — belum disetujui", _(DRAFT_MARK).casefold()}
    return block.kind == "p" and block.text.strip().strip("*_").strip().casefold() in marks


def drop_draft_mark(blocks: list[Block]) -> list[Block]:
    """``blocks`` without the DRAF line an export put first (after Markdown's title, if any)."""
    for i, block in enumerate(blocks[:2]):
        if _is_draft_mark(block):
            return blocks[:i] + blocks[i + 1:]
    return blocks


def recognise(blocks: list[Block], quote_count: int | None = None, about_count: int | None = None) -> ArticleDoc:
    """An ArticleDoc from blocks read from a file (see the module docstring).

    ``quote_count`` is how many quote paragraphs Warta's own export laid out
    after the body (its metadata says so): exactly those become quotes and a
    quoted sentence inside the body stays there. Without it (files from
    elsewhere) the run of stand-alone quote paragraphs that ends the body
    becomes the quotes, the place Warta and most offices put them.
    ``about_count`` is how many paragraphs the export's *Tentang …* section has.
    """
    blocks = drop_draft_mark(normalize_blocks(blocks))
    kind = "artikel"
    embargo: dt.datetime | None = None
    tz = "WIB"
    header: list[str] = []  # stray lines around the title, kept as the subtitle
    i = 0
    # Preamble: kind header, release line, web-page chrome.
    title_at = next((k for k, b in enumerate(blocks) if b.hint == "title"), None)
    while i < len(blocks) and (title_at is None or i < title_at):
        text = plain(blocks[i].spans).strip()
        if text.casefold() in _KIND_BY_HEADER and blocks[i].kind != "li":
            kind = _KIND_BY_HEADER[text.casefold()]
        elif (release := parse_release(text)) is not None:
            embargo, tz = release[1], release[2]
        elif text.casefold() in _NAV_NOISE and i + 1 < len(blocks):
            pass
        else:
            break
        i += 1
    if title_at is None:
        # The first heading is the title when it comes before the article proper.
        for k in range(i, len(blocks)):
            if blocks[k].kind == "h":
                title_at = k
                break
            if _long(blocks[k]) or k - i >= 3:
                break
        if title_at is None:
            title_at = i
    header += [plain(b.spans).strip() for b in blocks[i:title_at]]
    title = plain(blocks[title_at].spans).strip() if title_at < len(blocks) else ""
    # Plain text puts the subtitle on the line under the title.
    title, _nl, under = title.partition("\n")
    i = title_at + 1
    if title_at < len(blocks) and blocks[title_at].kind != "h" and len(title.split()) > 25:
        # No title line: name the article after its opening words and keep the paragraph.
        title = short_title(title)
        i = title_at
    subtitle_parts: list[str] = [under.strip()] if under.strip() and i > title_at else []
    if i + 1 < len(blocks) and _is_subtitle(blocks[i]):
        subtitle_parts.append(plain(blocks[i].spans).strip())
        i += 1
    # Lead: the paragraph opening with a dateline, else the first paragraph.
    lead_at = None
    dateline = None
    for k in range(i, min(i + 4, len(blocks))):
        if blocks[k].kind != "p":
            break
        dateline = parse_dateline(plain(blocks[k].spans))
        if dateline is not None:
            lead_at = k
            break
    if lead_at is None and i < len(blocks) and blocks[i].kind == "p" and not _closing(blocks[i]):
        lead_at = i
    lead_spans: list[Span] = []
    page = _PageLines([], "", None)
    if lead_at is not None:
        page = _page_lines([plain(b.spans).strip() for b in blocks[i:lead_at]], plain(blocks[lead_at].spans))
        subtitle_parts += page.kept
        lead_spans = blocks[lead_at].spans
        if dateline is not None:
            lead_spans = drop_prefix(lead_spans, dateline.length)
        i = lead_at + 1
    rest = blocks[i:]
    tail = _parse_tail(rest, {"about": about_count} if about_count else None)
    body_blocks = list(rest[: tail.start])
    quotes: list[Quote] = []
    while body_blocks and (quote_count is None or len(quotes) < quote_count):
        block = body_blocks[-1]
        quote = None
        if block.kind == "p" and all(not (s.bold or s.italic or s.href) for s in block.spans):
            quote = parse_quote(plain(block.spans))
        if quote is None:
            break
        quotes.insert(0, quote)
        body_blocks.pop()
    return ArticleDoc(
        title=title,
        kind=kind,
        subtitle=" — ".join(p.replace("\n", " ") for p in header + subtitle_parts if p),
        dateline_city=dateline.city if dateline else "",
        event_date=(dateline.date if dateline else None) or page.date,
        publication_date=page.published,
        embargo_at=embargo,
        embargo_tz=tz,
        lead=plain(lead_spans).strip(),
        body=to_markdown(body_blocks),
        quotes=quotes,
        writer=tail.credits.get("writer", "") or page.byline,
        editor=tail.credits.get("editor", ""),
        photographer=tail.credits.get("photographer", ""),
        boilerplate="\n\n".join(tail.about),
        contact_block=tail.contact,
        source_site=dateline.site.removeprefix("https://").removeprefix("http://").rstrip("/") if dateline else "",
    )


@dataclass
class _PageLines:
    kept: list[str]  # what is really a subtitle
    byline: str
    date: dt.date | None  # the excerpt's opening date: the day it happened
    published: dt.date | None = None  # a date line of its own: the day the post went up


_BYLINE = re.compile(r"^(?:(?:oleh|by)\s+\S.*|[a-z][^.,:;!?\"“”]*)$")


def _words_key(text: str, count: int = 6) -> list[str]:
    return re.findall(r"\w+", text.casefold())[:count]


def _page_lines(lines: list[str], lead: str) -> _PageLines:
    """Lines a copied web page puts between the title and a dateline lead: the author's
    account name ("humas datin 15"), the post's date, an excerpt repeating the lead. None is a
    subtitle; the byline may name the writer and the date the day of the event."""
    kept: list[str] = []
    byline = ""
    day: dt.date | None = None
    published: dt.date | None = None
    dateline_length = parse_dateline(lead).length if parse_dateline(lead) else 0
    lead_key = _words_key(lead[dateline_length:])
    for line in lines:
        m = _patterns()["date_start"].match(line)
        rest = line[m.end():].lstrip(" ,.–—-") if m else line
        when = _date(m["ly"], _month_number(m["month"]), m["ld"]) if m else None
        if m and re.fullmatch(r"(?:(?:pukul\s+)?\d{1,2}[.:]\d{2}(?:\s*(?:WIB|WITA|WIT))?)?", rest.strip(), re.I):
            published = published or when  # a date line
        elif lead_key and len(lead_key) >= 4 and _words_key(rest) == lead_key[: len(_words_key(rest))] \
                and len(_words_key(rest)) >= 4:
            day = day or when  # an excerpt: the lead's own opening words again
        elif len(line.split()) <= 4 and _BYLINE.match(line):
            byline = byline or re.sub(r"^(?:oleh|by)\s+", "", line, flags=re.I)
        else:
            kept.append(line)
    return _PageLines(kept, byline, day, published)


def short_title(text: str, limit: int = 120) -> str:
    """The first sentence, or the first words up to ``limit`` characters with an ellipsis."""
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _is_subtitle(block: Block) -> bool:
    if block.hint == "subtitle":
        return True
    # An all-italic paragraph right under the title, with more text after it.
    return (
        block.kind == "p"
        and all(s.italic and not s.bold for s in block.spans)
        and parse_dateline(plain(block.spans)) is None
    )


def _closing(block: Block) -> bool:
    text = plain(block.spans)
    return parse_credits(text) is not None or _section_label(block) is not None


# -- metadata ------------------------------------------------------------------------


def export_meta(doc: ArticleDoc) -> dict[str, object]:
    """What an export carries besides its text, so importing it gives the article back.

    Markdown writes it as front matter, Word in the document's properties.
    ``quotes`` counts the quote paragraphs laid out after the body (it also
    marks the file as Warta's own export); ``event_date`` is written even
    when empty because the dateline shows the publication date.
    """
    meta: dict[str, object] = {}
    if doc.tags:
        meta["tags"] = [t for t in doc.tags if t.strip()]
    if doc.publication_date:
        meta["date"] = doc.publication_date.isoformat()
    meta["event_date"] = doc.event_date.isoformat() if doc.event_date else ""
    if doc.source_url.strip():
        meta["source_url"] = doc.source_url.strip()
    if doc.source_site.strip():
        meta["source_site"] = doc.source_site.strip()
    meta["quotes"] = len(exported_quotes(doc))
    about = about_paragraphs(doc.boilerplate)
    if about:
        meta["about"] = len(about)
    return meta


def about_paragraphs(text: str) -> list[str]:
    """The *Tentang …* text as the paragraphs every export lays out."""
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


# -- layout ---------------------------------------------------------------------------


def layout(doc: ArticleDoc, *, about_name: str = "") -> list[Block]:
    """The article as blocks, in the order Warta exports it.

    ``about_name`` names the office in the *Tentang …* heading (e.g. the
    office's short name); without it the heading reads *Tentang Kami*.
    """
    blocks: list[Block] = []
    if doc.kind in KIND_HEADERS:
        blocks.append(Block("p", [Span(KIND_HEADERS[doc.kind], bold=True)], hint="kind"))
    release = release_line(doc, language=DOCUMENT_LANGUAGE)
    if release:
        blocks.append(Block("p", [Span(release, italic=True)], hint="release"))
    blocks.append(Block("h", [Span(doc.title.strip())], 1, hint="title"))
    if doc.subtitle.strip():
        blocks.append(Block("p", [Span(doc.subtitle.strip(), italic=True)], hint="subtitle"))
    # The lead is plain text (see ArticleDoc): one span, escaped by whichever writer renders it.
    lead = [Block("p", [Span(doc.lead.strip())])] if doc.lead.strip() else []
    line = dateline(doc, language=DOCUMENT_LANGUAGE)
    if line:
        prefix = [Span(line, bold=True), Span(" – ")]
        if lead:
            lead[0] = Block("p", prefix + lead[0].spans)
        else:
            lead.insert(0, Block("p", prefix))
    blocks += lead
    blocks += parse_markdown(doc.body)
    blocks += [Block("p", [Span(format_quote(q))], hint="quote") for q in exported_quotes(doc)]
    credits = [f"{label}: {value.strip()}" for label, value in
               ((WRITER, doc.writer), (EDITOR, doc.editor), (PHOTO, photo_credit(doc.photographer)))
               if value.strip()]
    if credits:
        blocks.append(Block("p", [Span("\n".join(credits))], hint="credits"))
    if doc.boilerplate.strip():
        blocks.append(Block("p", [Span("Tentang " + (about_name.strip() or "Kami"), bold=True)], hint="label"))
        blocks += [Block("p", [Span(p)]) for p in about_paragraphs(doc.boilerplate)]
    contact = contact_text(doc.contact_block)
    if contact:
        blocks.append(Block("p", [Span("Narahubung", bold=True)], hint="label"))
        blocks.append(Block("p", [Span(contact)]))
    return normalize_blocks(blocks)
