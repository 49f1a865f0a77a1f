"""The article as a plain value: what importers produce and exporters/typesetters consume.

Independent of the database so that importers, exporters, the PDF renderer
and tests share one shape. ``body`` is Markdown (CommonMark subset:
paragraphs, ``##`` headings, ``**bold**``, ``*italic*``, lists, ``>`` block
quotes, links). ``lead`` is plain text, stored exactly as typed in the
editor's plain-text box: ``Skor 2*3*4`` is what the reader sees; whoever
renders it as Markdown (the .md export) escapes it, and importers store a
file's lead without its formatting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("siaran_pers", "berita_kegiatan", "klarifikasi", "pengumuman", "artikel")
STATUSES = ("draft", "review", "approved", "published", "archived")
TIMEZONES = ("WIB", "WITA", "WIT")


@dataclass
class Quote:
    speaker: str
    position: str = ""
    text: str = ""
    person_id: int | None = None  # linked contact, once contacts exist


@dataclass
class ArticleDoc:
    title: str
    kind: str = "siaran_pers"
    subtitle: str = ""
    dateline_city: str = ""
    event_date: dt.date | None = None
    publication_date: dt.date | None = None
    # None: "Untuk Segera Disiarkan"; otherwise the embargo moment (local time) and zone.
    embargo_at: dt.datetime | None = None
    embargo_tz: str = "WIB"
    lead: str = ""
    body: str = ""
    quotes: list[Quote] = field(default_factory=list)
    writer: str = ""  # Penulis
    editor: str = ""
    photographer: str = ""  # Foto
    boilerplate: str = ""  # "Tentang …" paragraph
    contact_block: str = ""  # Narahubung, free text
    tags: list[str] = field(default_factory=list)
    source_url: str = ""
    source_site: str = ""  # the site an imported web page came from (its og:site_name)
    status: str = "draft"
