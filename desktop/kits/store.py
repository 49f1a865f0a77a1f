"""Press kits in the library: save, list, search, duplicate, build the PDF, export PDF and ZIP.

A kit row holds the title, date, event, paper and photos per page; its parts
are rows in order (kind + plain id of the article/photo/contact/staff/list, or
the text of a fact sheet). :func:`build_spec` turns a saved kit into the
plain :class:`~desktop.kits.spec.KitSpec` the renderer typesets, fetching
articles, print renditions and public contact lines through the other
areas' stores. Every export is written atomically, then logged (who, when,
where, SHA-256) in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from database import fts
from desktop.errors import ValidationError, WartaError, os_reason
from desktop.i18n import N_, _
from desktop.jobs import Progress
from desktop.kits.spec import PAPERS, PHOTOS_PER_PAGE, KitError

PART_KINDS = ("cover", "article", "photo", "factsheet", "office", "contact", "staff", "distribution")
REF_KINDS = ("article", "photo", "contact", "staff", "distribution")
# The typed foreign-key column of ``kit_parts`` each referring kind uses.
REF_COLUMNS = {"article": "article_id", "photo": "photo_id", "contact": "person_id", "staff": "staff_id",
               "distribution": "list_id"}
FTS = fts.Index("fts_kits", "kits", ("title", "event", "text"))
PART_KIND_LABELS = {
    "cover": N_("Cover"),
    "article": N_("Article"),
    "photo": N_("Photo"),
    "factsheet": N_("Fact sheet"),
    "office": N_("Office profile"),
    "contact": N_("Contact person"),
    "staff": N_("Contact person (staff)"),
    "distribution": N_("Distribution list"),
}


def part_kind_label(kind: str) -> str:
    return _(PART_KIND_LABELS.get(kind, kind))


@dataclass
class PartInput:
    kind: str
    ref_id: int | None = None
    title: str = ""
    text: str = ""


@dataclass
class KitInput:
    title: str
    date: dt.date
    event: str = ""
    paper: str = "a4"
    photos_per_page: int = 1
    parts: list[PartInput] = field(default_factory=list)


@dataclass
class KitRow:
    id: int
    title: str
    date: dt.date
    event: str
    parts: int
    exports: int
    updated_at: dt.datetime


@dataclass
class ExportInfo:
    at: dt.datetime
    format: str
    path: str
    sha256: str
    size_bytes: int
    draft: bool
    staff: str


@dataclass
class KitDetail:
    id: int
    data: KitInput
    exports: list[ExportInfo]


@dataclass
class ExportResult:
    path: Path
    sha256: str
    size_bytes: int
    draft: bool
    warnings: list[str] = field(default_factory=list)  # e.g. a photo with too few pixels for print

    def to_json(self) -> dict:
        return {"path": str(self.path), "sha256": self.sha256, "size_bytes": self.size_bytes, "draft": self.draft,
                "warnings": list(self.warnings)}


# -- saving ------------------------------------------------------------------------


def _clean(library, data: KitInput) -> KitInput:  # noqa: ANN001
    title = " ".join((data.title or "").split())
    if not title:
        raise ValidationError(_("A press kit needs a title."))
    if not isinstance(data.date, dt.date):
        raise ValidationError(_("A press kit needs a date."))
    paper = (data.paper or "a4").lower()
    if paper not in PAPERS:
        raise ValidationError(_("Unknown paper size '{paper}'. Use A4 or F4.").format(paper=data.paper))
    if data.photos_per_page not in PHOTOS_PER_PAGE:
        raise ValidationError(_("Photos per page must be 1 or 2."))
    parts = []
    for n, part in enumerate(data.parts, start=1):
        if part.kind not in PART_KINDS:
            raise ValidationError(_("Part {number} has an unknown kind '{kind}'.").format(number=n, kind=part.kind))
        if part.kind in REF_KINDS and part.ref_id is None:
            raise ValidationError(_("Part {number} ({kind}) does not say which item it holds.").format(
                number=n, kind=part_kind_label(part.kind)))
        parts.append(PartInput(part.kind, int(part.ref_id) if part.ref_id is not None else None,
                               (part.title or "").strip()[:300], part.text or ""))
    _check_refs(library, parts)
    return KitInput(title[:300], data.date, " ".join((data.event or "").split())[:300], paper,
                    data.photos_per_page, parts)


def _check_refs(library, parts: list[PartInput]) -> None:  # noqa: ANN001
    """Every referenced article, photo, contact, staff member and list exists (else: nothing saved)."""
    wanted: dict[str, set[int]] = {}
    for part in parts:
        if part.kind in REF_KINDS:
            wanted.setdefault(part.kind, set()).add(part.ref_id)
    for kind, ids in wanted.items():
        missing = sorted(ids - existing_refs(library, kind, ids))
        if missing:
            raise ValidationError(_("There is no {kind} with id {id}.").format(
                kind=part_kind_label(kind).lower(), id=missing[0]))


def existing_refs(library, kind: str, ids: set[int]) -> set[int]:  # noqa: ANN001
    """Which of ``ids`` still exist as the item a ``kind`` part holds (asked of the area owning it)."""
    from desktop import staff
    from desktop.articles import api as articles
    from desktop.contacts import api as contacts
    from desktop.photos import api as photos

    ask = {
        "article": articles.existing_ids,
        "photo": photos.existing_ids,
        "contact": lambda lib, wanted: set(contacts.person_names(lib, wanted)),
        "staff": staff.existing_ids,
        "distribution": contacts.existing_list_ids,
    }
    return ask[kind](library, ids)


def _fts_text(parts: list[PartInput]) -> str:
    return "\n".join(f"{p.title}\n{p.text}" for p in parts if p.kind == "factsheet")


def _write_parts(session, kit_id: int, parts: list[PartInput]) -> None:  # noqa: ANN001
    from sqlalchemy import delete, insert

    from database.models import KitPart

    session.execute(delete(KitPart).where(KitPart.kit_id == kit_id))
    if parts:
        rows = []
        for n, p in enumerate(parts):
            row = {"kit_id": kit_id, "position": n, "kind": p.kind, "title": p.title, "text": p.text}
            row.update({col: None for col in REF_COLUMNS.values()})
            if p.kind in REF_COLUMNS:
                row[REF_COLUMNS[p.kind]] = p.ref_id
            rows.append(row)
        session.execute(insert(KitPart), rows)


def move_contact(old_person_ids: list[int], new_person_id: int, tx) -> None:  # noqa: ANN001 - database.session.Tx
    """Narahubung parts of merged contacts now print the kept contact (contacts calls this on merge)."""
    from sqlalchemy import update

    from database.models import KitPart

    ids = sorted({int(i) for i in old_person_ids})
    if ids:
        tx.session.execute(update(KitPart).where(KitPart.person_id.in_(ids)).values(person_id=new_person_id))
        tx.touch("kit_parts")


def users_of(session, kind: str, ids: list[int]) -> list[str]:  # noqa: ANN001 - sqlalchemy Session
    """``desktop.references``: the kits whose parts print one of ``ids`` (kind "article", "photo" …)."""
    from sqlalchemy import select

    from database.models import Kit, KitPart

    column = REF_COLUMNS.get(kind)
    if column is None:
        return []
    rows = session.execute(
        select(Kit.id, Kit.title).join(KitPart, KitPart.kit_id == Kit.id)
        .where(getattr(KitPart, column).in_(ids)).distinct().order_by(Kit.id)
    ).all()
    if not rows:
        return []
    names = ", ".join(f"“{title}” (#{kit_id})" for kit_id, title in rows[:5])
    more = len(rows) - 5
    if more > 0:
        names += " " + _("and {count} more").format(count=more)
    return [_("It is used in the press kit {kits}: remove it from the kit first, or delete the kit.").format(kits=names)]


def create_kit(library, data: KitInput) -> int:  # noqa: ANN001
    from database.models import Kit

    data = _clean(library, data)
    with library.store.write() as tx:
        row = Kit(title=data.title, date=data.date, event=data.event, paper=data.paper,
                  photos_per_page=data.photos_per_page, created_by=tx.staff_id)
        tx.session.add(row)
        tx.session.flush()
        _write_parts(tx.session, row.id, data.parts)
        fts.upsert(tx.session.connection(), FTS, row.id,
                   {"title": data.title, "event": data.event, "text": _fts_text(data.parts)})
        return row.id


def update_kit(library, kit_id: int, data: KitInput) -> None:  # noqa: ANN001

    data = _clean(library, data)
    with library.store.write() as tx:
        row = _get(tx.session, kit_id)
        row.title, row.date, row.event = data.title, data.date, data.event
        row.paper, row.photos_per_page = data.paper, data.photos_per_page
        row.updated_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        _write_parts(tx.session, kit_id, data.parts)
        tx.touch("kit_parts")
        fts.upsert(tx.session.connection(), FTS, kit_id,
                   {"title": data.title, "event": data.event, "text": _fts_text(data.parts)})


def duplicate_kit(library, kit_id: int) -> int:  # noqa: ANN001
    data = get_kit(library, kit_id).data
    data.title = _("{title} (copy)").format(title=data.title)
    return create_kit(library, data)


def delete_kit(library, kit_id: int) -> None:  # noqa: ANN001

    with library.store.write() as tx:
        row = _get(tx.session, kit_id)
        tx.session.delete(row)
        tx.session.flush()
        fts.delete(tx.session.connection(), FTS, [kit_id])


def _get(session, kit_id: int):  # noqa: ANN001, ANN202
    from database.models import Kit

    row = session.get(Kit, kit_id)
    if row is None:
        raise ValidationError(_("There is no press kit with id {id}.").format(id=kit_id))
    return row


# -- reading -----------------------------------------------------------------------


def get_kit(library, kit_id: int) -> KitDetail:  # noqa: ANN001
    from sqlalchemy import select

    from database.models import KitExport, KitPart, Staff

    with library.store.read() as s:
        row = _get(s, kit_id)
        parts = [PartInput(p.kind, getattr(p, REF_COLUMNS[p.kind]) if p.kind in REF_COLUMNS else None,
                           p.title, p.text) for p in s.scalars(
            select(KitPart).where(KitPart.kit_id == kit_id).order_by(KitPart.position))]
        exports = [
            ExportInfo(e.at, e.format, e.path, e.sha256, e.size_bytes, e.draft, name or "")
            for e, name in s.execute(
                select(KitExport, Staff.name).outerjoin(Staff, Staff.id == KitExport.staff_id)
                .where(KitExport.kit_id == kit_id).order_by(KitExport.at.desc(), KitExport.id.desc()))
        ]
        data = KitInput(row.title, row.date, row.event, row.paper, row.photos_per_page, parts)
    return KitDetail(kit_id, data, exports)


def _list_query(search: str):  # noqa: ANN202
    from sqlalchemy import func, select

    from database.models import Kit, KitExport, KitPart

    parts = select(func.count()).where(KitPart.kit_id == Kit.id).scalar_subquery()
    exports = select(func.count()).where(KitExport.kit_id == Kit.id).scalar_subquery()
    q = select(Kit.id, Kit.title, Kit.date, Kit.event, parts.label("parts"), exports.label("exports"),
               Kit.updated_at)
    if search.strip():
        found = fts.matches(FTS, Kit.id, " ".join(w if w.endswith("*") or '"' in search else w + "*"
                                                   for w in search.split()))
        if found is None:
            return q.where(False)
        q = q.where(found)
    return q


def count_kits(library, search: str = "") -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    with library.store.read() as s:
        return s.scalar(select(func.count()).select_from(_list_query(search).subquery())) or 0


def list_kits(library, search: str = "", *, offset: int = 0, limit: int = 200) -> list[KitRow]:  # noqa: ANN001
    """Kits, newest date first, filtered by a search in title, event and fact sheets."""
    from database.models import Kit

    with library.store.read() as s:
        q = _list_query(search).order_by(Kit.date.desc(), Kit.id.desc()).offset(offset).limit(limit)
        return [KitRow(r.id, r.title, r.date, r.event, r.parts, r.exports, r.updated_at) for r in s.execute(q)]


def search_kits(library, query: str, limit: int):  # noqa: ANN001, ANN201 - list[desktop.search.Hit]
    """Global search provider (``desktop.search.PROVIDERS``)."""
    from desktop.search import Hit

    rows = list_kits(library, query, limit=limit)
    return [Hit(type="kit", id=r.id, title=r.title, snippet=r.event or r.date.isoformat()) for r in rows]


def describe_part(library, part: PartInput) -> str:  # noqa: ANN001
    """One line for the composer's parts list: what the part holds."""
    try:
        if part.kind == "article":
            from desktop.articles import api as articles

            out = articles.document_for_output(library, part.ref_id)
            mark = "" if out.approved else " — " + _("not approved")
            return out.doc.title + mark
        if part.kind == "photo":
            from desktop.photos import api as photos

            meta = photos.photo_meta(library, part.ref_id)
            return meta["caption"] or meta["file_name"]
        if part.kind == "contact":
            from desktop.contacts import api as contacts

            return contacts.public_contact(library, part.ref_id).name
        if part.kind == "staff":
            from desktop import staff

            row = staff.get(library, part.ref_id)
            return row.name if row else _("missing")
        if part.kind == "distribution":
            from desktop.contacts import api as contacts

            names = {i: n for i, n, _saved, _count in contacts.lists(library)}
            return names.get(part.ref_id, _("missing"))
        if part.kind == "factsheet":
            return part.title or _("Fact sheet")
    except WartaError:
        return _("missing (id {id})").format(id=part.ref_id)
    return ""


# -- building the PDF --------------------------------------------------------------


def build_spec(library, kit_id: int, *, progress: Progress | None = None, data: KitInput | None = None):  # noqa: ANN001, ANN201
    """The kit as a :class:`KitSpec`; ``data`` (unsaved composer state) overrides the saved kit.

    Photo renditions missing from the cache are made here (the slow part of a
    first export); a part whose article, photo or contact is gone raises
    :class:`KitError` naming it.
    """
    from desktop.kits import spec as S

    progress = progress or Progress()
    if data is None:
        data = get_kit(library, kit_id).data
    office, logo = letterhead(library)
    photo_ids = [p.ref_id for p in data.parts if p.kind == "photo"]
    _make_renditions(library, photo_ids, progress)
    facts = _PartFacts(library, data)
    parts: list = []
    total = len(data.parts)
    for n, part in enumerate(data.parts):
        progress.check()
        progress.report(n, total, part_kind_label(part.kind))
        label = _("part {number} ({kind})").format(number=n + 1, kind=part_kind_label(part.kind).lower())
        try:
            _add_part(library, parts, part, office, facts)
        except KitError:
            raise
        except WartaError as exc:
            raise KitError(_("The kit cannot be made: {part}: {reason}").format(part=label, reason=exc)) from exc
    return S.KitSpec(title=data.title, date=data.date, office=office, parts=parts, event=data.event,
                     paper=data.paper, photos_per_page=data.photos_per_page, logo=logo, kop=kop(library))


def letterhead(library):  # noqa: ANN001, ANN201 - (OfficeProfile, Path | None)
    """The office profile and its logo file (None when unset or missing) for the kop."""
    from desktop import office as office_mod

    office = office_mod.load(library)
    logo = library.managed(office.logo) if office.logo else None
    return office, (logo if logo and logo.exists() else None)


def kop(library):  # noqa: ANN001, ANN201 - spec.Kop
    """The letterhead rules of the style pack in force (the province's standard), else today's kop."""
    from desktop.exchange import api as exchange
    from desktop.kits.spec import Kop

    return Kop(**exchange.kop_rules(library))


def release_spec(library, article_id: int):  # noqa: ANN001, ANN201 - KitSpec
    """One stored article as a release on the letterhead (see :func:`desktop.kits.spec.release`)."""
    from desktop.articles import api as articles
    from desktop.kits import spec as S

    loaded = articles.load(library, article_id)
    out = articles.document_for_output(library, article_id)
    doc = out.doc
    office, logo = letterhead(library)
    # The article's own dates, else the day it was written: never today, so a re-export is byte-identical.
    date = doc.publication_date or doc.event_date or loaded.created_at.date()
    spec = S.release(doc, office, date=date, approved=out.approved, logo=logo, ref=f"#{article_id}", kop=kop(library))
    spec.parts[0].release_number = out.release_number
    return spec


class _PartFacts:
    """What a kit's parts print, read in a few queries (not several per part): each release as
    it goes out (approval checked), and its photos' caption facts and rendition paths.

    A release or photo not found here (gone, or its rendition not made) is
    asked for on its own by :func:`_add_part`, which then names the part that fails.
    """

    def __init__(self, library, data: KitInput) -> None:  # noqa: ANN001
        from desktop.articles import api as articles
        from desktop.photos import api as photos

        photo_ids = [p.ref_id for p in data.parts if p.kind == "photo"]
        article_ids = [p.ref_id for p in data.parts if p.kind == "article"]
        self.metas = photos.photo_metas(library, photo_ids) if photo_ids else {}
        self.renditions = photos.made_renditions(library, photo_ids) if photo_ids else {}
        try:
            self.outputs = articles.documents_for_output(library, article_ids) if article_ids else {}
        except WartaError:  # a release that is gone: read part by part, so the message names its part
            self.outputs = {}


def _add_part(library, parts: list, part: PartInput, office, facts: _PartFacts) -> None:  # noqa: ANN001, C901
    from desktop.kits import spec as S

    last = parts[-1] if parts else None
    if part.kind == "cover":
        parts.append(S.CoverPart())
    elif part.kind == "article":
        from desktop.articles import api as articles

        out = facts.outputs.get(part.ref_id) or articles.document_for_output(library, part.ref_id)
        parts.append(S.ArticlePart(out.doc, approved=out.approved, ref=f"#{part.ref_id}",
                                   release_number=out.release_number))
    elif part.kind == "photo":
        from desktop.photos import api as photos

        meta = facts.metas.get(part.ref_id) or photos.photo_meta(library, part.ref_id)
        path = facts.renditions.get(part.ref_id) or photos.print_rendition(library, part.ref_id)
        photo = S.Photo(path, meta["caption"],
                        meta["credit"] or office.default_credit, meta["file_name"] or f"#{part.ref_id}")
        if isinstance(last, S.PhotosPart):
            last.photos.append(photo)
        else:
            parts.append(S.PhotosPart([photo]))
    elif part.kind in ("contact", "staff"):
        person = _contact_person(library, part, office)
        if isinstance(last, S.ContactsPart):
            last.contacts.append(person)
        else:
            parts.append(S.ContactsPart([person]))
    elif part.kind == "factsheet":
        parts.append(S.FactSheetPart(part.title, part.text))
    elif part.kind == "office":
        parts.append(S.OfficePart())
    elif part.kind == "distribution":
        parts.append(S.DistributionPart(_recipients(library, part.ref_id)))


def _make_renditions(library, photo_ids: list[int], progress: Progress) -> None:  # noqa: ANN001
    """Make the missing print renditions before the kit is built.

    The kit always places the cached rendition, never the original, so the same
    kit gives the same PDF whether or not its renditions existed before. They are
    made two at a time on threads of this process (Pillow decodes without the GIL;
    see ``photos.make_renditions``); a photo that fails here fails again,
    with its part named, when the kit is built.
    """
    from desktop.photos import api as photos

    photos.make_renditions(library, photo_ids, progress=progress)


def _contact_person(library, part: PartInput, office):  # noqa: ANN001, ANN202
    from desktop.kits import spec as S

    if part.kind == "contact":
        from desktop.contacts import api as contacts

        c = contacts.public_contact(library, part.ref_id)
        return S.ContactPerson(c.name, c.position, c.organization, list(c.phones), list(c.emails))
    from desktop import staff

    row = staff.get(library, part.ref_id)
    if row is None:
        raise ValidationError(_("There is no staff profile with id {id}.").format(id=part.ref_id))
    # Staff are reached through the office's own public lines.
    return S.ContactPerson(row.name, row.position, office.name, [office.phone] if office.phone else [],
                           [office.email] if office.email else [])


def _recipients(library, list_id: int) -> list:  # noqa: ANN001
    from desktop.contacts import api as contacts
    from desktop.kits import spec as S

    rows = contacts.people_page(library, contacts.PeopleFilter(list_id=list_id), limit=100_000)
    out = []
    for r in rows:
        public = contacts.public_contact(library, r.id)
        out.append(S.Recipient(r.name, r.organization, ", ".join(public.emails or public.phones)))
    return out


def release_pdf(library, article_id: int) -> bytes:  # noqa: ANN001
    """One stored article as a PDF release on the letterhead (see :func:`release_spec`)."""
    from desktop.kits import render

    return render.render(release_spec(library, article_id))


def render_pdf(library, kit_id: int, *, progress: Progress | None = None, data: KitInput | None = None) -> bytes:  # noqa: ANN001
    from desktop.kits import render

    progress = progress or Progress()
    spec = build_spec(library, kit_id, progress=progress, data=data)
    return render.render(spec, progress=progress)


# -- exports -----------------------------------------------------------------------


def newer_draft_warnings(library, data: KitInput) -> list[str]:  # noqa: ANN001
    """A sentence per article of the kit whose newer draft is not printed (its approved text is)."""
    from desktop.articles import api as articles

    ids = [p.ref_id for p in data.parts if p.kind == "article"]
    outputs = articles.documents_for_output(library, ids) if ids else {}
    return [w for w in (outputs[i].warning for i in ids) if w]


def _log_export(library, kit_id: int, fmt: str, path: Path, digest: str, size: int, draft: bool) -> None:  # noqa: ANN001
    from database.models import KitExport

    with library.store.write() as tx:
        tx.session.add(KitExport(kit_id=kit_id, staff_id=tx.staff_id, format=fmt, path=str(path), sha256=digest,
                                 size_bytes=size, draft=draft))


def export_pdf(library, kit_id: int, target: Path | str, *, progress: Progress | None = None) -> ExportResult:  # noqa: ANN001
    """Write the kit's PDF atomically to ``target`` and log the export (who, when, SHA-256)."""
    from desktop.kits import render

    progress = progress or Progress()
    target = Path(target).expanduser().absolute()
    spec = build_spec(library, kit_id, progress=progress)
    warnings = newer_draft_warnings(library, get_kit(library, kit_id).data)
    data = render.render(spec, progress=progress, warnings=warnings)
    render.write_output(target, data)
    digest = hashlib.sha256(data).hexdigest()
    _log_export(library, kit_id, "pdf", target, digest, len(data), spec.is_draft)
    return ExportResult(target, digest, len(data), spec.is_draft, warnings)


def zip_names(title: str, date: dt.date) -> str:
    from desktop.photos.api import slug

    return f"{date.isoformat()}_{slug(title) or 'press-kit'}"


def export_zip(library, kit_id: int, target: Path | str, *, progress: Progress | None = None) -> ExportResult:  # noqa: ANN001
    """The journalists' kit: the PDF, each article as .docx, each photo at full size with its caption inside.

    Written to a temporary file and renamed, so a failure leaves no partial ZIP.
    Entries carry the kit's date as their timestamp.
    """
    import zipfile

    from desktop import office as office_mod
    from desktop.articles import api as articles
    from desktop.fsutil import atomic_write
    from desktop.kits import render
    from desktop.photos import api as photos

    progress = progress or Progress()
    target = Path(target).expanduser().absolute()
    detail = get_kit(library, kit_id)
    spec = build_spec(library, kit_id, progress=progress, data=detail.data)
    warnings = newer_draft_warnings(library, detail.data)
    pdf = render.render(spec, progress=progress, warnings=warnings)
    base = zip_names(detail.data.title, detail.data.date)
    stamp = (detail.data.date.year, detail.data.date.month, detail.data.date.day, 0, 0, 0)
    about = office_mod.load(library)
    articles_ids = [p.ref_id for p in detail.data.parts if p.kind == "article"]
    photo_ids = list(dict.fromkeys(p.ref_id for p in detail.data.parts if p.kind == "photo"))
    total = 1 + len(articles_ids) + len(photo_ids)

    def put(zf: zipfile.ZipFile, name: str, payload: bytes, compress: bool) -> None:
        info = zipfile.ZipInfo(f"{base}/{name}", date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        zf.writestr(info, payload)

    try:
        with atomic_write(target) as fh, zipfile.ZipFile(fh, "w") as zf:
            put(zf, f"{base}.pdf", pdf, False)
            done = 1
            for n, article_id in enumerate(articles_ids, start=1):
                progress.check()
                progress.report(done, total, _("Article {number}").format(number=n))
                out = articles.document_for_output(library, article_id)
                doc = out.doc
                name = f"{_('article')}-{n:02d}_{photos.slug(doc.title) or article_id}.docx"
                # Like the kit's PDF: a text that is not approved carries the DRAF mark in its Word file too.
                put(zf, name, articles.docx_bytes(doc, about_name=about.short_name or about.name,
                                                  draft=not out.approved), True)
                done += 1
            for n, photo_id in enumerate(photo_ids, start=1):
                progress.check()
                info = photos.get_photo(library, photo_id)
                progress.report(done, total, info.file_name)
                try:
                    original = library.managed(info.path).read_bytes()
                    img, _decoded = photos.decode(original)
                except OSError as exc:
                    raise KitError(_("The original of photo {id} is missing from the library ({path}).").format(
                        id=photo_id, path=info.path)) from exc
                except photos.ImageRejected as exc:
                    raise KitError(_("Photo {id} cannot be read: {reason}").format(id=photo_id, reason=exc)) from exc
                meta = photos.Caption(caption=info.caption, credit=info.credit or about.default_credit,
                                       date=info.date or spec.date, event=info.event or detail.data.event,
                                       location=info.location)
                name = photos.export_name(info.date or spec.date, info.event or detail.data.event, n, "jpg")
                put(zf, f"{_('photos')}/{name}", photos.export_jpeg(img, meta, long_edge=None), False)
                done += 1
    except OSError as exc:
        raise KitError(_("Cannot write {path}: {error}. Choose another folder.").format(
            path=target, error=os_reason(exc))) from exc
    digest = _sha256(target)
    size = target.stat().st_size
    _log_export(library, kit_id, "zip", target, digest, size, spec.is_draft)
    progress.report(total, total, "")
    return ExportResult(target, digest, size, spec.is_draft, warnings)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()

