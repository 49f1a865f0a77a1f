"""Isu & Hoaks register: claims, their links and screenshots, the klarifikasi, timing, search.

Headless: the window, the command line and tests call these functions. Every
change is one ``library.store.write()`` transaction that also keeps
``fts_claims`` in step. Articles are reached only through
``desktop.articles.api``: the klarifikasi draft is created there, and its
approval and publication times are read from there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete, func, insert, select

from database import fts
from database.base import utcnow
from database.models import Staff
from database.models.claims import Claim, ClaimLink, ClaimScreenshot
from desktop.claims import texts
from desktop.errors import ValidationError, WartaError, os_reason
from desktop.i18n import _

FTS = fts.Index("fts_claims", "claims", ("text", "facts", "sources", "links", "platform"),
                weights=(5.0, 2.0, 1.0, 1.0, 2.0))
# Each claim's index text as SQL computes it: what a rebuild writes and what
# the check compares with (same as fts_values: links in order, space-joined).
FTS_SELECT = (
    "SELECT c.id AS rowid, c.text AS text, c.facts AS facts, c.sources AS sources, "
    "COALESCE((SELECT string_agg(l.url, ' ') FROM (SELECT url FROM claim_links WHERE claim_id = c.id "
    "ORDER BY position, id) AS l), '') AS links, c.platform AS platform FROM claims c"
)
SCREENSHOT_FOLDER = "files/claims"
MAX_SCREENSHOT_BYTES = 30 * 1024 * 1024
_EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "HEIF": "heic", "TIFF": "tif"}
MAX_LINKS = 50


class ClaimNotFound(WartaError):
    pass


class NotApproved(WartaError):
    """A text meant for the public was asked for before the clarification was approved."""


# -- values -------------------------------------------------------------------


@dataclass
class ClaimInput:
    text: str
    first_seen: dt.datetime  # aware, or naive local time (see texts.to_utc)
    links: list[str] = field(default_factory=list)
    platform: str = ""
    reach: int | None = None
    reported_by: str = ""
    reporter_id: int | None = None
    category: str = ""
    verdict: str = ""
    facts: str = ""
    sources: str = ""


@dataclass
class Screenshot:
    id: int
    path: str  # library-relative
    file_name: str
    sha256: str
    size_bytes: int


@dataclass
class Clarification:
    """Where the klarifikasi article stands, as the articles area tells it."""

    article_id: int
    title: str
    status: str
    approved_at: dt.datetime | None = None  # naive UTC
    published_at: dt.datetime | None = None  # naive UTC
    url: str = ""
    newer_draft: bool = False  # the writer started a new draft that is not approved yet
    release_number: str = ""

    def took(self, first_seen: dt.datetime) -> dt.timedelta | None:
        """From ``first_seen`` (naive UTC) to publication; None while unpublished."""
        if self.published_at is None:
            return None
        return max(dt.timedelta(0), self.published_at - first_seen)


@dataclass
class ClaimInfo:
    id: int
    text: str
    links: list[str]
    platform: str
    first_seen: dt.datetime  # naive UTC
    reach: int | None
    reported_by: str
    reporter_id: int | None
    reporter_name: str
    category: str
    verdict: str
    facts: str
    sources: str
    screenshots: list[Screenshot]
    clarification: Clarification | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def to_clarification(self) -> dt.timedelta | None:
        """First sighting to published clarification (None until it is published)."""
        return self.clarification.took(self.first_seen) if self.clarification else None

    def input(self) -> ClaimInput:
        """What an edit form starts from (times back in local time)."""
        return ClaimInput(
            text=self.text, first_seen=texts.local_time(self.first_seen), links=list(self.links),
            platform=self.platform, reach=self.reach, reported_by=self.reported_by, reporter_id=self.reporter_id,
            category=self.category, verdict=self.verdict, facts=self.facts, sources=self.sources,
        )

    def to_json(self) -> dict:
        c = self.clarification
        return {
            "id": self.id, "text": self.text, "links": self.links, "platform": self.platform,
            "first_seen": _iso(self.first_seen), "reach": self.reach, "reported_by": self.reported_by,
            "reporter_id": self.reporter_id, "reporter": self.reporter_name, "category": self.category,
            "verdict": self.verdict, "verdict_label": texts.verdict_label(self.verdict) if self.verdict else "",
            "facts": self.facts, "sources": source_lines(self.sources),
            "screenshots": [{"id": s.id, "path": s.path, "file_name": s.file_name, "sha256": s.sha256}
                            for s in self.screenshots],
            "article_id": c.article_id if c else None,
            "article_status": c.status if c else None,
            "release_number": c.release_number if c else None,
            "newer_draft": c.newer_draft if c else None,
            "approved_at": _iso(c.approved_at) if c else None,
            "published_at": _iso(c.published_at) if c else None,
            "seconds_to_clarification": int(self.to_clarification.total_seconds()) if self.to_clarification else None,
        }


@dataclass
class ClaimRow:
    id: int
    text: str
    platform: str
    first_seen: dt.datetime  # naive UTC
    verdict: str
    category: str
    screenshots: int
    clarification: Clarification | None

    @property
    def to_clarification(self) -> dt.timedelta | None:
        """First sighting to published clarification (None until it is published)."""
        return self.clarification.took(self.first_seen) if self.clarification else None

    def to_json(self) -> dict:
        c = self.clarification
        took = self.to_clarification
        return {
            "id": self.id, "text": self.text, "platform": self.platform, "first_seen": _iso(self.first_seen),
            "verdict": self.verdict, "category": self.category, "screenshots": self.screenshots,
            "article_id": c.article_id if c else None, "article_status": c.status if c else None,
            "published_at": _iso(c.published_at) if c else None,
            "seconds_to_clarification": int(took.total_seconds()) if took is not None else None,
        }


def _iso(value: dt.datetime | None) -> str | None:
    """A stored naive-UTC time as ISO 8601 with its zone."""
    return value.replace(tzinfo=dt.timezone.utc).isoformat(timespec="seconds") if value else None


def source_lines(sources: str) -> list[str]:
    return [line.strip().lstrip("-•* ").strip() for line in (sources or "").splitlines() if line.strip()]


# -- validation -----------------------------------------------------------------


# Control characters (NUL, ESC …; tab and newline kept): PostgreSQL refuses NUL, and what is
# pasted from a chat app often carries them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str) -> str:
    return _CONTROLS.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def _clean(data: ClaimInput) -> dict:
    text = clean_text(data.text or "").strip()
    if not text:
        raise ValidationError(_("A claim needs its text: what is being passed around."))
    if not isinstance(data.first_seen, dt.datetime):
        raise ValidationError(_("A claim needs the date and time it was first seen."))
    first_seen = texts.to_utc(data.first_seen)
    if first_seen > utcnow() + dt.timedelta(minutes=5):
        raise ValidationError(_("The claim cannot have been first seen in the future; check its date and time."))
    links: list[str] = []
    for raw in data.links:
        for link in str(raw).split():
            link = clean_text(link).strip()
            if link and link not in links:
                links.append(link)
    if len(links) > MAX_LINKS:
        raise ValidationError(_("A claim keeps up to {limit} links; keep the ones that show where it spread.").format(
            limit=MAX_LINKS))
    for link in links:
        if len(link) > 2000 or not link.lower().startswith(("http://", "https://")):
            raise ValidationError(_("'{link}' is not a web address; write it with http:// or https://.").format(
                link=texts.short(link, 80)))
    if data.category and data.category not in texts.CATEGORIES:
        raise ValidationError(_("Unknown category '{category}'. Use one of: {categories}.").format(
            category=data.category, categories=", ".join(texts.CATEGORIES)))
    if data.verdict and data.verdict not in texts.VERDICTS:
        raise ValidationError(_("Unknown verdict '{verdict}'. Use one of: {verdicts}.").format(
            verdict=data.verdict, verdicts=", ".join(texts.VERDICTS)))
    if data.reach is not None and (not isinstance(data.reach, int) or data.reach < 0 or data.reach > 10**15):
        raise ValidationError(_("The reach is an estimated number of people or views, 0 or more."))
    values = {
        "text": text,
        "platform": clean_text(data.platform or "").strip(),
        "first_seen": first_seen,
        "reach": data.reach,
        "reported_by": clean_text(data.reported_by or "").strip(),
        "reporter_id": data.reporter_id,
        "category": data.category or "",
        "verdict": data.verdict or "",
        "facts": clean_text(data.facts or "").strip(),
        "sources": "\n".join(source_lines(clean_text(data.sources or ""))),
    }
    for name, label in (("platform", _("platform")), ("reported_by", _("reported by"))):
        limit = Claim.__table__.c[name].type.length
        if len(values[name]) > limit:
            raise ValidationError(_("The {field} is {count} characters long; Warta keeps up to {limit}. Shorten it.").format(
                field=label, count=len(values[name]), limit=limit))
    return {"values": values, "links": links}


def _fts_values(values: dict, links: list[str]) -> dict:
    return {"text": values["text"], "facts": values["facts"], "sources": values["sources"],
            "links": " ".join(links), "platform": values["platform"]}


def _get(session, claim_id: int, *, lock: bool = False) -> Claim:  # noqa: ANN001
    row = session.get(Claim, claim_id, with_for_update=lock or None)
    if row is None:
        raise ClaimNotFound(_("There is no claim with id {id}.").format(id=claim_id))
    return row


def _check_reporter(session, reporter_id: int | None) -> None:  # noqa: ANN001
    if reporter_id is not None and session.get(Staff, reporter_id) is None:
        raise ValidationError(_("There is no staff profile with id {id}.").format(id=reporter_id))


def _write_links(session, claim_id: int, links: list[str]) -> None:  # noqa: ANN001
    session.execute(delete(ClaimLink).where(ClaimLink.claim_id == claim_id))
    if links:
        session.execute(insert(ClaimLink), [{"claim_id": claim_id, "position": i, "url": u} for i, u in enumerate(links)])


# -- screenshots ----------------------------------------------------------------


@dataclass
class _StagedFile:
    sha256: str
    path: str
    file_name: str
    size_bytes: int


def _stage_screenshots(library, paths: Iterable[Path | str]) -> list[_StagedFile]:  # noqa: ANN001
    """Copy each image into the library (before any row names it); unreadable files are refused, nothing kept."""
    from desktop.fsutil import atomic_write_bytes
    from desktop.photos.api import ImageRejected, decode

    staged: list[_StagedFile] = []
    for raw in paths:
        path = Path(raw)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(_("Cannot read the screenshot {path}: {error}").format(
                path=path, error=os_reason(exc))) from exc
        if not data or len(data) > MAX_SCREENSHOT_BYTES:
            raise ValidationError(_("The screenshot {path} is empty or larger than 30 MB.").format(path=path))
        try:
            _image, info = decode(data, edge=256)
        except ImageRejected as exc:
            raise ValidationError(_("The screenshot {path} is not an image Warta can read: {reason}").format(
                path=path, reason=exc)) from exc
        sha = hashlib.sha256(data).hexdigest()
        ext = _EXTENSIONS.get(info.format, "img")
        rel = f"{SCREENSHOT_FOLDER}/{sha[:2]}/{sha}.{ext}"
        target = library.managed(rel)
        if not target.is_file():
            library.folder("files")
            atomic_write_bytes(target, data)
        staged.append(_StagedFile(sha, rel, path.name[:500], len(data)))
    return staged


def _insert_screenshots(tx, claim_id: int, staged: list[_StagedFile]) -> int:  # noqa: ANN001
    session = tx.session
    have = set(session.scalars(select(ClaimScreenshot.sha256).where(ClaimScreenshot.claim_id == claim_id)))
    added = 0
    for item in staged:
        if item.sha256 in have:
            continue
        have.add(item.sha256)
        session.add(ClaimScreenshot(claim_id=claim_id, sha256=item.sha256, path=item.path,
                                    file_name=item.file_name, size_bytes=item.size_bytes, added_at=utcnow()))
        added += 1
    return added


def add_screenshots(library, claim_id: int, paths: Iterable[Path | str]) -> int:  # noqa: ANN001
    """Keep screenshots of the claim in the library; returns how many were new to it."""
    staged = _stage_screenshots(library, paths)
    with library.store.write() as tx:
        row = _get(tx.session, claim_id, lock=True)
        added = _insert_screenshots(tx, claim_id, staged)
        if added:
            row.updated_at = utcnow()
        return added


def _delete_screenshots(tx, claim_id: int, ids: Iterable[int]) -> list[str]:  # noqa: ANN001
    """Drop screenshots of ``claim_id`` by id; returns the paths they named."""
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return []
    rows = tx.session.execute(select(ClaimScreenshot.id, ClaimScreenshot.path)
                              .where(ClaimScreenshot.claim_id == claim_id, ClaimScreenshot.id.in_(wanted))).all()
    missing = set(wanted) - {r.id for r in rows}
    if missing:
        raise ValidationError(_("Claim {id} has no screenshot with id {shot}.").format(id=claim_id, shot=min(missing)))
    tx.session.execute(delete(ClaimScreenshot).where(ClaimScreenshot.id.in_(wanted)))
    for r in rows:
        tx.audit("delete", "claim_screenshots", r.id, r.path)
    return [r.path for r in rows]


def _unused_paths(session, paths: Iterable[str]) -> list[str]:  # noqa: ANN001
    """Of ``paths``, those no claim shows any more (two claims may share one file)."""
    paths = sorted(set(paths))
    if not paths:
        return []
    used = set(session.scalars(select(ClaimScreenshot.path).where(ClaimScreenshot.path.in_(paths))))
    return [p for p in paths if p not in used]


def _unlink_managed(library, rel: str) -> None:  # noqa: ANN001
    from desktop.errors import LibraryError

    try:  # a tampered row naming a file outside the library: never delete that file
        library.managed(rel).unlink()
    except (LibraryError, FileNotFoundError):
        pass


def screenshot_file(library, rel: str) -> Path:  # noqa: ANN001
    """The absolute path of a screenshot (refused if the row names something outside the library)."""
    return library.managed(rel)


# -- create / read / update / delete -----------------------------------------------


def create_claim(library, data: ClaimInput, *, screenshots: Iterable[Path | str] = ()) -> int:  # noqa: ANN001
    """Record a claim (and its screenshots) in one transaction; returns its id."""
    cleaned = _clean(data)
    staged = _stage_screenshots(library, screenshots)
    with library.store.write() as tx:
        session = tx.session
        _check_reporter(session, cleaned["values"]["reporter_id"])
        now = utcnow()
        row = Claim(**cleaned["values"], created_by=tx.staff_id, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        _write_links(session, row.id, cleaned["links"])
        _insert_screenshots(tx, row.id, staged)
        fts.upsert(session.connection(), FTS, row.id, _fts_values(cleaned["values"], cleaned["links"]))
        return row.id


def update_claim(
    library,  # noqa: ANN001
    claim_id: int,
    data: ClaimInput,
    *,
    screenshots: Iterable[Path | str] = (),
    remove_screenshots: Iterable[int] = (),
) -> None:
    """Store the edited claim, add ``screenshots`` (files) and drop ``remove_screenshots`` (ids), in one transaction."""
    cleaned = _clean(data)
    staged = _stage_screenshots(library, screenshots)
    with library.store.write() as tx:
        session = tx.session
        row = _get(session, claim_id, lock=True)
        _check_reporter(session, cleaned["values"]["reporter_id"])
        for name, value in cleaned["values"].items():
            setattr(row, name, value)
        row.updated_at = utcnow()
        _write_links(session, claim_id, cleaned["links"])
        tx.touch("claim_links")
        dropped = _delete_screenshots(tx, claim_id, remove_screenshots)
        _insert_screenshots(tx, claim_id, staged)
        fts.upsert(session.connection(), FTS, claim_id, _fts_values(cleaned["values"], cleaned["links"]))
        unused = _unused_paths(session, dropped)
    for rel in unused:
        _unlink_managed(library, rel)


def delete_claim(library, claim_id: int) -> None:  # noqa: ANN001
    """Remove a claim from the register (its klarifikasi article stays: it is the office's record)."""
    with library.store.write() as tx:
        session = tx.session
        row = _get(session, claim_id, lock=True)
        ids = list(session.scalars(select(ClaimScreenshot.id).where(ClaimScreenshot.claim_id == claim_id)))
        dropped = _delete_screenshots(tx, claim_id, ids)
        session.execute(delete(ClaimLink).where(ClaimLink.claim_id == claim_id))
        fts.delete(session.connection(), FTS, [claim_id])
        session.delete(row)
        session.flush()
        unused = _unused_paths(session, dropped)
    for rel in unused:
        _unlink_managed(library, rel)


def _clarifications(library, article_ids: Iterable[int]) -> dict[int, Clarification]:  # noqa: ANN001
    """Where each klarifikasi stands and when it was approved and published, from the articles area.

    The status is that of the text in force (``document_for_output``): a
    published clarification whose writer started a newer draft still counts
    as published, with ``newer_draft`` set. The time to clarification is that
    of its first publication (a later corrected version does not reset it).
    """
    from desktop.articles import api as articles

    ids = sorted({int(i) for i in article_ids if i is not None})
    if not ids:
        return {}
    present = articles.existing_ids(library, ids)
    found: dict[int, Clarification] = {}
    for article_id in ids:
        if article_id not in present:
            continue
        out = articles.document_for_output(library, article_id)
        status = out.doc.status if out.approved else articles.load(library, article_id).doc.status
        info = Clarification(article_id, out.doc.title, status, url=out.doc.source_url, newer_draft=out.newer_draft,
                             release_number=out.release_number)
        history = articles.approvals(library, article_id)
        published = [a for a in history if a.published_at is not None]
        if published:
            first = min(published, key=lambda a: a.published_at)
            info.approved_at, info.published_at = first.approved_at, first.published_at
        elif out.approval is not None:
            info.approved_at = out.approval.approved_at
        found[article_id] = info
    return found


def get_claim(library, claim_id: int) -> ClaimInfo:  # noqa: ANN001
    with library.store.read() as s:
        row = _get(s, claim_id)
        links = list(s.scalars(select(ClaimLink.url).where(ClaimLink.claim_id == claim_id)
                               .order_by(ClaimLink.position, ClaimLink.id)))
        shots = [Screenshot(r.id, r.path, r.file_name, r.sha256, r.size_bytes) for r in s.scalars(
            select(ClaimScreenshot).where(ClaimScreenshot.claim_id == claim_id).order_by(ClaimScreenshot.id))]
        reporter = s.scalar(select(Staff.name).where(Staff.id == row.reporter_id)) if row.reporter_id else ""
        values = {c: getattr(row, c) for c in (
            "id", "text", "platform", "first_seen", "reach", "reported_by", "reporter_id", "category", "verdict",
            "facts", "sources", "created_at", "updated_at")}
        article_id = row.article_id
    clarification = _clarifications(library, [article_id]).get(article_id) if article_id else None
    return ClaimInfo(**values, links=links, reporter_name=reporter or "", screenshots=shots,
                     clarification=clarification)


def _filtered(stmt, search: str, verdict: str | None):  # noqa: ANN001, ANN202
    t = Claim.__table__
    if verdict:
        stmt = stmt.where(t.c.verdict == verdict)
    found = fts.matches(FTS, t.c.id, search) if search else None
    if found is not None:
        stmt = stmt.where(found)
    return stmt


def count_claims(library, search: str = "", verdict: str | None = None) -> int:  # noqa: ANN001
    stmt = _filtered(select(func.count()).select_from(Claim.__table__), search, verdict)
    with library.store.engine.connect() as conn:
        return int(conn.execute(stmt).scalar() or 0)


def list_claims(
    library,  # noqa: ANN001
    search: str = "",
    verdict: str | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
) -> list[ClaimRow]:
    """One page of the register, newest sighting first."""
    t = Claim.__table__
    shots = (select(func.count()).select_from(ClaimScreenshot.__table__)
             .where(ClaimScreenshot.claim_id == t.c.id).scalar_subquery())
    stmt = select(t.c.id, t.c.text, t.c.platform, t.c.first_seen, t.c.verdict, t.c.category, shots, t.c.article_id)
    stmt = _filtered(stmt, search, verdict).order_by(t.c.first_seen.desc(), t.c.id.desc()).offset(offset).limit(limit)
    with library.store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    states = _clarifications(library, [r.article_id for r in rows if r.article_id])
    return [ClaimRow(r.id, r.text, r.platform, r.first_seen, r.verdict, r.category, int(r[6] or 0),
                     states.get(r.article_id) if r.article_id else None) for r in rows]


def claims_between(library, since: dt.datetime, until: dt.datetime) -> list[ClaimRow]:  # noqa: ANN001
    """Claims first seen in ``since`` ≤ t < ``until`` (naive UTC), oldest first, with their clarification."""
    t = Claim.__table__
    shots = (select(func.count()).select_from(ClaimScreenshot.__table__)
             .where(ClaimScreenshot.claim_id == t.c.id).scalar_subquery())
    stmt = (select(t.c.id, t.c.text, t.c.platform, t.c.first_seen, t.c.verdict, t.c.category, shots, t.c.article_id)
            .where(t.c.first_seen >= since, t.c.first_seen < until).order_by(t.c.first_seen, t.c.id))
    with library.store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    states = _clarifications(library, [r.article_id for r in rows if r.article_id])
    return [ClaimRow(r.id, r.text, r.platform, r.first_seen, r.verdict, r.category, int(r[6] or 0),
                     states.get(r.article_id) if r.article_id else None) for r in rows]


@dataclass
class Timing:
    """The register's pace: how long published clarifications took, from first sighting."""

    median: dt.timedelta | None
    clarified: int  # claims with a published clarification
    total: int


def timing(library) -> Timing:  # noqa: ANN001
    t = Claim.__table__
    with library.store.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
        linked = conn.execute(select(t.c.first_seen, t.c.article_id).where(t.c.article_id.is_not(None))).all()
    states = _clarifications(library, [r.article_id for r in linked])
    took = [states[r.article_id].took(r.first_seen) for r in linked if r.article_id in states]
    took = [t for t in took if t is not None]
    median = statistics.median(took) if took else None
    return Timing(median, len(took), total)


# -- the klarifikasi ----------------------------------------------------------------


def make_klarifikasi(library, claim_id: int) -> int:  # noqa: ANN001
    """A klarifikasi draft pre-filled with the claim, its facts and sources; returns the article id.

    The article is created through the articles area (its own transaction),
    then linked here. If the link cannot be made (someone made one for this
    claim a moment earlier, or deleted the claim), the new draft is deleted
    again, so one click leaves one draft or none.
    """
    from desktop import staff
    from desktop.articles import api as articles

    claim = get_claim(library, claim_id)
    if claim.clarification is not None:
        raise ValidationError(_("Claim {id} already has its clarification: article {article}.").format(
            id=claim_id, article=claim.clarification.article_id))
    me = staff.get(library, library.store.staff_id)
    # The standard klarifikasi (the style pack's, when one is in force) gives the lead to fill in and
    # the office's contact; the body is the claim's own (its text, facts, sources) in the built-in
    # headings, because the pack's body is placeholders and would throw the register's facts away.
    doc = articles.new_doc(library, "klarifikasi", writer=me.name if me else "",
                           today=texts.local_time(utcnow()).date())
    label = texts.verdict_label(claim.verdict) if claim.verdict else ""
    title = texts.short(claim.text, 180)
    doc.title = "[{label}] {title}".format(label=label, title=title) if label else _("Clarification: {title}").format(title=title)
    where = []
    if claim.platform:
        where.append(_("Circulating on {platform} since {when}.").format(
            platform=claim.platform, when=texts.local_time(claim.first_seen).strftime("%d/%m/%Y %H:%M")))
    where += ["- <{link}>".format(link=link) for link in claim.links]
    doc.body = texts.klarifikasi_body(claim.text, "\n".join(where), claim.facts, source_lines(claim.sources))
    doc.tags = ["klarifikasi"] + ([label.lower()] if label else [])
    article_id = articles.create_article(library, doc, note=_("Made from claim {id}").format(id=claim_id))
    try:
        with library.store.write() as tx:
            row = _get(tx.session, claim_id, lock=True)
            if row.article_id is not None:
                raise ValidationError(_("Claim {id} already has its clarification: article {article}.").format(
                    id=claim_id, article=row.article_id))
            row.article_id = article_id
            row.updated_at = utcnow()
    except BaseException:
        articles.delete_article(library, article_id)
        raise
    return article_id


def link_article(library, claim_id: int, article_id: int | None) -> None:  # noqa: ANN001
    """Name an existing article as the claim's clarification (None: unlink)."""
    from desktop.articles import api as articles

    if article_id is not None and not articles.existing_ids(library, [article_id]):
        raise ValidationError(_("There is no article with id {id}.").format(id=article_id))
    with library.store.write() as tx:
        row = _get(tx.session, claim_id, lock=True)
        row.article_id = article_id
        row.updated_at = utcnow()


def _approved(library, claim: ClaimInfo):  # noqa: ANN001, ANN202 - (ArticleDoc, Clarification)
    """The approved text of the claim's klarifikasi, or a sentence saying why there is none yet."""
    from desktop.articles import api as articles

    c = claim.clarification
    if c is None:
        raise NotApproved(_("Claim {id} has no clarification yet; make one with 'Make clarification' first.").format(
            id=claim.id))
    out = articles.document_for_output(library, c.article_id)
    if not out.approved:
        raise NotApproved(_(
            "The clarification of claim {id} (article {article}) is not approved yet; "
            "texts for the public come only from the approved text."
        ).format(id=claim.id, article=c.article_id))
    return out.doc, c


def _need_verdict(claim: ClaimInfo) -> None:
    if not claim.verdict:
        raise ValidationError(_(
            "Claim {id} has no verdict yet; give it one first: the WhatsApp text and the ClaimReview lead with it."
        ).format(id=claim.id))


def whatsapp(library, claim_id: int) -> str:  # noqa: ANN001
    """The short clarification for WhatsApp groups (verdict first, ≤ 700 characters)."""
    from desktop import office as office_profile

    claim = get_claim(library, claim_id)
    _need_verdict(claim)
    doc, c = _approved(library, claim)
    profile = office_profile.load(library)
    url = doc.source_url if c.published_at is not None else ""
    summary = doc.lead or doc.body
    return texts.whatsapp_text(claim.verdict, doc.title, summary, url, profile.short_name or profile.name)


def claim_review(library, claim_id: int) -> dict:  # noqa: ANN001
    """The schema.org ``ClaimReview`` of the claim, from its approved clarification."""
    from desktop import office as office_profile

    claim = get_claim(library, claim_id)
    _need_verdict(claim)
    doc, c = _approved(library, claim)
    profile = office_profile.load(library)
    published = doc.publication_date or (texts.local_time(c.published_at).date() if c.published_at else None)
    return texts.claim_review(
        claim_text=claim.text, verdict=claim.verdict, links=claim.links, first_seen=claim.first_seen,
        url=doc.source_url if c.published_at is not None else "", published=published, headline=doc.title,
        office_name=profile.name or profile.short_name, office_url=profile.website,
    )


def claim_review_block(library, claim_id: int) -> str:  # noqa: ANN001
    return texts.json_ld_block(claim_review(library, claim_id))


def claims_of_articles(library, article_ids: Iterable[int]) -> dict[int, int]:  # noqa: ANN001
    """article id → the claim it clarifies."""
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return {}
    with library.store.read() as s:
        return {a: c for c, a in s.execute(select(Claim.id, Claim.article_id).where(Claim.article_id.in_(ids)))}


def first_seen_of_articles(library, article_ids: Iterable[int]) -> dict[int, dt.datetime]:  # noqa: ANN001
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return {}
    with library.store.read() as s:
        rows = s.execute(select(Claim.article_id, func.min(Claim.first_seen)).where(Claim.article_id.in_(ids))
                         .group_by(Claim.article_id))
        return {a: when for a, when in rows}


# -- managed files, search, check ----------------------------------------------------


def claimed_files(conn) -> dict[str, str]:  # noqa: ANN001 - a SQLAlchemy connection (maybe to a backup's snapshot)
    """Every screenshot file a claim owns: relative path → expected SHA-256."""
    return {path: sha for path, sha in conn.execute(select(ClaimScreenshot.path, ClaimScreenshot.sha256))}


def search_hits(library, query: str, limit: int = 50) -> list:  # noqa: ANN001
    from desktop.search import Hit

    with library.store.engine.connect() as conn:
        found = fts.search(conn, FTS, query, limit=limit)
        if not found:
            return []
        ids = [h.rowid for h in found]
        rows = dict(conn.execute(select(Claim.id, Claim.verdict).where(Claim.id.in_(ids))).all())
        text_of = dict(conn.execute(select(Claim.id, Claim.text).where(Claim.id.in_(ids))).all())
    hits = []
    for h in found:
        if h.rowid not in text_of:
            continue
        label = texts.verdict_label(rows[h.rowid]) if rows[h.rowid] else _("Claim")
        hits.append(Hit("claim", h.rowid, "[{label}] {text}".format(label=label, text=texts.short(text_of[h.rowid], 80)),
                        h.snippet, h.rank))
    return hits


def reindex(tx) -> int:  # noqa: ANN001 - database.session.Tx
    tx.touch("claims")
    return fts.rebuild(tx.session.connection(), FTS, FTS_SELECT)


def check(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    """``warta check``: each screenshot a claim names is in the library and intact; the search index is in step."""
    from desktop.check import repaired
    from desktop.library import is_managed_name

    problems: list[str] = []
    with library.store.read() as s:
        rows = s.execute(select(ClaimScreenshot.claim_id, ClaimScreenshot.path, ClaimScreenshot.sha256)
                         .order_by(ClaimScreenshot.claim_id, ClaimScreenshot.id)).all()
    for claim_id, rel, sha in rows:
        if not is_managed_name(rel):
            continue  # reported as tampering by desktop.safety.checks:stored_paths
        path = library.path / rel
        if not path.is_file():
            problems.append(_("claim {id}: the screenshot {path} is missing; restore it from a backup.").format(
                id=claim_id, path=rel))
            continue
        try:
            with open(path, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError as exc:
            problems.append(_("unreadable file: {path} ({error})").format(path=rel, error=os_reason(exc)))
            continue
        if digest != sha:
            problems.append(_("claim {id}: the screenshot {path} is damaged (its content changed); "
                              "restore it from a backup.").format(id=claim_id, path=rel))
    with library.store.engine.connect() as conn:
        index = fts.check(conn, FTS) + fts.check_content(conn, FTS, FTS_SELECT)
    if index and repair:
        with library.store.write() as tx:
            reindex(tx)
        index = [repaired(p) for p in index]
    return problems + index
