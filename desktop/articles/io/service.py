"""Importing article files into the library and exporting articles to files.

:func:`import_files` reads and checks every file first, then writes all the
good ones in one transaction: a file that cannot be read gets its own
message and the others still go in, and a failure while writing leaves
nothing half-imported. Importing a file whose bytes were imported before
finds the existing article instead of creating a duplicate.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from desktop.articles.document import ArticleDoc
from desktop.errors import Cancelled, ValidationError, WartaError, os_reason
from desktop.i18n import N_, _
from desktop.jobs import ImportResult, Progress

MAX_TITLE = 500
# Two imports of the same files at once: the one that commits second finds the first's articles.
_IMPORT_ATTEMPTS = 3


@dataclass
class _Parsed:
    path: Path
    sha256: str
    doc: ArticleDoc


@dataclass
class ArticleImportResult(ImportResult):
    """:class:`ImportResult` (ids only, as the JSON contract says) plus, for people
    reading a summary, the title and file behind each added or existing id."""

    # {"id", "source", "title", "new", "recovered", "quotes"} per file read; "recovered": see
    # recovered_fields(). Not in the JSON, whose shape every import shares.
    details: list[dict] = field(default_factory=list)


# What an import found besides title, lead and body, in the order a release prints it.
_RECOVERED = (
    ("subtitle", N_("subtitle")), ("dateline_city", N_("dateline city")), ("event_date", N_("event date")),
    ("publication_date", N_("publication date")), ("quotes", N_("quotes")), ("writer", N_("writer")),
    ("editor", N_("editor")), ("photographer", N_("photo credit")), ("boilerplate", N_("about the office")),
    ("contact_block", N_("contact person")), ("tags", N_("tags")), ("source_site", N_("source site")),
    ("source_url", N_("source address (URL)")),
)


def recovered_fields(doc: ArticleDoc) -> list[str]:
    """The fields of ``doc`` an import filled besides title, lead and body (``ArticleDoc`` names)."""
    return [name for name, _label in _RECOVERED if getattr(doc, name)]


def import_summary(result: ArticleImportResult) -> list[str]:
    """One line per file read, naming what was recovered: the same text on the command line and in the window."""
    labels = dict(_RECOVERED)
    lines = []
    for item in result.details:
        if not item["new"]:
            lines.append(_("already imported as article {id}: {source}").format(id=item["id"], source=item["source"]))
            continue
        found = [_("{count} quote(s)").format(count=item.get("quotes", 0)) if name == "quotes" else _(labels[name])
                 for name in item.get("recovered", [])]
        line = f"{item['id']}\t{item['title']}"
        if found:
            line += "\t" + _("with {fields}").format(fields=", ".join(found))
        lines.append(line)
    return lines


def parse_file(path: Path | str) -> ArticleDoc:
    """The article in one file (.docx, .md, .txt); :class:`ArticleFileError` if it cannot be read."""
    from desktop.articles.io.readers import ArticleFileError, read_article
    path = Path(path)
    blocks, meta = read_article(path)
    doc = _doc_from(blocks, meta)
    if not doc.title.strip():
        raise ArticleFileError(path, _("No title was found: the file has no heading and no first line."))
    if len(doc.title) > MAX_TITLE:
        raise ArticleFileError(path, _("The first line is longer than 500 characters and cannot be the title."))
    _check_lengths(path, doc)
    return doc


def _doc_from(blocks: list, meta: dict) -> ArticleDoc:
    from desktop.articles.io.structure import recognise

    doc = recognise(blocks, quote_count=_count(meta.get("quotes")), about_count=_count(meta.get("about")))
    _apply_meta(doc, meta)
    return doc


def pasted_doc(html: str = "", text: str = "", url: str = "") -> ArticleDoc:
    """The article in what was copied: its HTML (read as a saved page is), else its plain text.

    ``url`` is the page it was copied from when the clipboard says so. Refused with a
    sentence when nothing usable was copied.
    """
    from desktop.articles import store
    from desktop.articles.io.markup import clean_text, normalize_blocks, parse_text
    from desktop.articles.io.webpage import clipboard_html, html_article

    blocks: list = []
    meta: dict = {}
    if html and html.strip():
        fragment, source = clipboard_html(clean_text(html))
        blocks, meta = html_article(fragment, base_url=url or source)
    if not normalize_blocks(blocks) and text and text.strip():
        blocks, meta = parse_text(clean_text(text)), ({"source_url": url} if url else {})
    blocks = normalize_blocks(blocks)
    if not blocks:
        raise ValidationError(_("The clipboard holds no text to paste as an article. Copy the article and try again."))
    doc = _doc_from(blocks, meta)
    if not doc.title.strip():
        raise ValidationError(_("No title was found in what was copied: copy the article with its title."))
    doc.title = doc.title[:MAX_TITLE]
    long = store.too_long(doc)
    if long is not None:
        raise ValidationError(
            _("The {field} is {count} characters long; Warta keeps up to {limit}. "
              "Shorten it and paste again.").format(field=long[0], count=long[1], limit=long[2]))
    return doc


def paste_article(library, html: str = "", text: str = "", url: str = "") -> int:  # noqa: ANN001
    """A new draft from the clipboard's HTML (or plain text); its id."""
    from desktop.articles import store

    return store.create_article(library, pasted_doc(html, text, url), note=_("Pasted from the clipboard"))


def _check_lengths(path: Path, doc: ArticleDoc) -> None:
    """Refuse a value longer than its column, naming the field (PostgreSQL would raise a raw error)."""
    from desktop.articles import store
    from desktop.articles.io.readers import ArticleFileError

    long = store.too_long(doc)
    if long is not None:
        raise ArticleFileError(
            path,
            _("The {field} is {count} characters long; Warta keeps up to {limit}. "
              "Shorten it in the file and import it again.").format(field=long[0], count=long[1], limit=long[2]),
        )


def _count(value: object) -> int | None:
    try:
        return max(0, int(str(value))) if value is not None else None
    except ValueError:
        return None


def _apply_meta(doc: ArticleDoc, meta: dict) -> None:
    """Fields a file declares besides its text (front matter, Word properties): tags, dates,
    author, summary, URL. Warta's own exports also say the event date, which then wins over
    the dateline's date (the dateline shows the publication date when there is one)."""
    import datetime as dt

    from desktop.articles.io.markup import clean_text

    def text(*keys: str) -> str:
        for key in keys:
            value = meta.get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if value:
                return " ".join(clean_text(str(value)).split())
        return ""

    tags = meta.get("tags") or meta.get("tag") or meta.get("categories") or []
    if isinstance(tags, str):
        tags = tags.split(",")
    if not isinstance(tags, list):
        tags = []
    # Word's metadata is JSON: "\u0000" in it is a real NUL, which no export could write.
    tags = [" ".join(clean_text(str(t)).split()) for t in tags]
    doc.tags = [t for t in tags if t] or doc.tags
    when = text("date", "publishdate", "published")
    try:
        doc.publication_date = dt.date.fromisoformat(when[:10]) if when else doc.publication_date
    except ValueError:
        pass
    if "event_date" in meta:
        when = text("event_date")
        try:
            doc.event_date = dt.date.fromisoformat(when[:10]) if when else None
        except ValueError:
            pass
    doc.writer = doc.writer or text("author", "penulis")
    doc.subtitle = doc.subtitle or text("subtitle", "description", "summary")
    doc.source_url = doc.source_url or text("url", "source_url", "link")
    doc.source_site = doc.source_site or text("source_site", "site_name", "site")
    # A web page's city from its structured data, when its lead has no dateline.
    doc.dateline_city = doc.dateline_city or text("city")


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_files(library, paths: Iterable[Path | str], progress: Progress | None = None) -> ArticleImportResult:  # noqa: ANN001
    """Import article files; every file is added, found existing, or rejected with a reason."""
    from sqlalchemy.exc import IntegrityError

    from desktop.articles.io.readers import ArticleFileError

    progress = progress or Progress()
    given = [os.fspath(p) for p in paths]  # rejections name the file as the user wrote it
    paths = [Path(p) for p in given]
    result = ArticleImportResult()
    parsed: list[_Parsed] = []
    try:
        for n, (path, source) in enumerate(zip(paths, given)):
            progress.check()
            progress.report(n, len(paths), path.name)
            try:
                doc = parse_file(path)
                parsed.append(_Parsed(path, file_hash(path), doc))
            except ArticleFileError as exc:
                result.reject(source, exc.reason)
            except OSError as exc:
                result.reject(source, _("The file cannot be read: {error}.").format(error=os_reason(exc)))
            except WartaError as exc:
                result.reject(source, str(exc))
        progress.check()
    except Cancelled:
        # Nothing has been written yet; stop here with nothing half-imported.
        result.cancelled = True
        return result
    progress.report(len(paths), len(paths), _("Saving…"))
    hashes = [p.sha256 for p in parsed]
    for attempt in range(1, _IMPORT_ATTEMPTS + 1):
        try:
            known, written = _write_batch(library, parsed, hashes, progress)
            break
        except Cancelled:
            result.cancelled = True
            return result
        except IntegrityError as exc:
            # Another import committed the same file between our check and our commit
            # (PostgreSQL runs both at once; SQLite queues them): look again.
            if attempt == _IMPORT_ATTEMPTS:
                raise WartaError(
                    _("Another import of the same files was running; nothing was imported. Import them again.")
                ) from exc
    # The contract: plain lists of article ids, in the order the files were given.
    firsts: set[str] = set()
    for item in parsed:
        new = item.sha256 not in known and item.sha256 not in firsts
        article_id = known[item.sha256] if item.sha256 in known else written[item.sha256]
        (result.added if new else result.existing).append(article_id)
        firsts.add(item.sha256)
        result.details.append({"id": article_id, "source": str(item.path), "title": item.doc.title, "new": new,
                               "recovered": recovered_fields(item.doc), "quotes": len(item.doc.quotes)})
    return result


def _write_batch(library, parsed: list[_Parsed], hashes: list[str], progress: Progress):  # noqa: ANN001, ANN202
    """Write the articles of files not imported before, in one transaction; (known, written) hashes → ids.

    Which files were imported before is asked inside the write transaction: two
    imports of the same file at once then give one article, not a raw
    ``IntegrityError`` from the unique hash.
    """
    from sqlalchemy import select

    from database.models.articles_io import ArticleSource
    from desktop.articles import store

    with library.store.write() as tx:
        known = dict(
            tx.session.execute(
                select(ArticleSource.sha256, ArticleSource.article_id).where(ArticleSource.sha256.in_(hashes))
            ).all()
        ) if hashes else {}
        written: dict[str, int] = {}
        for item in parsed:
            progress.check()
            if item.sha256 in known or item.sha256 in written:
                continue  # imported before, or the same file twice in one batch
            article_id = store.insert_article(tx, item.doc, note=_("Imported from {name}").format(name=item.path.name))
            tx.session.add(ArticleSource(article_id=article_id, sha256=item.sha256, file_name=item.path.name[:300]))
            written[item.sha256] = article_id
        if written:
            tx.session.flush()  # the unique hash is checked here, inside the retry
            tx.audit("import", "articles", "", _("{count} article(s) imported").format(count=len(written)))
    return known, written


def render(doc: ArticleDoc, fmt: str, *, about_name: str = "", draft: bool = False) -> bytes:
    """The article in ``fmt`` (docx, md, txt, whatsapp) as the bytes of a file.

    ``draft``: the text is not approved, and the file carries the DRAF mark.
    A PDF needs the library's letterhead: see :func:`export_bytes`.
    """
    from desktop.articles.io import writers

    if fmt == "docx":
        return writers.docx_bytes(doc, about_name=about_name, draft=draft)
    if fmt == "md":
        return writers.markdown_text(doc, about_name=about_name, draft=draft).encode("utf-8")
    if fmt == "txt":
        return writers.plain_text(doc, about_name=about_name, draft=draft).encode("utf-8")
    if fmt == "whatsapp":
        return writers.whatsapp_text(doc, about_name=about_name, draft=draft).encode("utf-8")
    raise ValidationError(
        _("Unknown export format '{format}'. Use docx, md, txt, whatsapp or pdf.").format(format=fmt)
    )


def about_name(library) -> str:  # noqa: ANN001
    """The office name for the *Tentang …* heading."""
    from desktop import office

    profile = office.load(library)
    return profile.short_name or profile.name


def release_pdf(library, article_id: int) -> bytes:  # noqa: ANN001
    """The article as a PDF press release on the office letterhead.

    Typeset by the press kits' renderer (a kit of this one article), so it
    prints exactly as it does inside a kit, and the same article always gives
    the same bytes.
    """
    from desktop.kits import api as kits

    return kits.release_pdf(library, article_id)


def export_bytes(library, article_id: int, fmt: str) -> bytes:  # noqa: ANN001
    """A stored article in ``fmt`` (docx, md, txt, whatsapp or pdf) as the bytes of a file."""
    from desktop.articles import approval

    if fmt == "pdf":
        return release_pdf(library, article_id)
    # The approved revision when there is one (see approval.document_for_output), else the text marked DRAF.
    out = approval.document_for_output(library, article_id)
    return render(out.doc, fmt, about_name=about_name(library), draft=not out.approved)


def export_article(library, article_id: int, fmt: str, out_path: Path | str) -> Path:  # noqa: ANN001
    """Write one article to ``out_path`` (atomically: the old file stays until the new one is complete)."""
    from desktop.fsutil import atomic_write

    data = export_bytes(library, article_id, fmt)
    out = Path(out_path)
    if out.is_dir():
        raise ValidationError(_("{path} is a folder; give the name of the file to write.").format(path=out))
    try:
        with atomic_write(out) as fh:
            fh.write(data)
    except OSError as exc:
        raise WartaError(
            _("Cannot write {path}: {error}. Choose another folder.").format(path=out, error=os_reason(exc))
        ) from exc
    return out


def article_whatsapp(library, article_id: int) -> str:  # noqa: ANN001
    """WhatsApp text of a stored article, for the clipboard."""
    from desktop.articles import approval
    from desktop.articles.io.writers import whatsapp_text

    out = approval.document_for_output(library, article_id)
    return whatsapp_text(out.doc, about_name=about_name(library), draft=not out.approved)


def default_file_name(doc: ArticleDoc, fmt: str) -> str:
    """A safe file name from the title: ``Bawaslu-Gelar-Rakor.docx``."""
    import re

    from desktop.articles.io.writers import EXTENSIONS

    stem = re.sub(r"[^\w'-]+", "-", doc.title, flags=re.UNICODE).strip("-")[:80].rstrip("-") or "artikel"
    suffix = "-whatsapp" if fmt == "whatsapp" else ""
    return stem + suffix + EXTENSIONS[fmt]


def is_importable(path: Path | str) -> bool:
    """Whether the window should offer this file to the article importer (by extension)."""
    from desktop.articles.io.readers import EXTENSIONS

    return os.path.splitext(str(path))[1].lower() in EXTENSIONS
