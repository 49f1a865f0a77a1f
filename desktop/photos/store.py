"""The photo archive's data: queries, edits, events and albums, duplicates, deletion.

Every change goes through one ``library.store.write()`` transaction and keeps
``fts_photos`` (caption, event, location, tags, credit) in step. Lists are
filtered and sorted in SQL so the grid can page through 20,000 photos.

For the press-kit area: :func:`print_rendition` (a cached, upright JPEG of at
most 2000 px) and :func:`photo_meta` (caption, credit, date …) are the two
calls it needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from sqlalchemy import Integer, delete, func, insert, literal, select, update

from database import fts
from database.models.photos import Album, Photo, PhotoAlbum, PhotoEvent, PhotoPerson
from desktop.errors import LibraryError, ValidationError
from desktop.i18n import _
from desktop.photos import files

FTS = fts.Index("fts_photos", "photos", ("caption", "event", "location", "tags", "credit"))
P = Photo.__table__
E = PhotoEvent.__table__
A = Album.__table__
PA = PhotoAlbum.__table__
PP = PhotoPerson.__table__

# Columns the grid needs per cell (kept narrow: 20,000 rows load at once).
GRID_COLUMNS = (P.c.id, P.c.sha256, P.c.caption, P.c.date, P.c.taken, P.c.pilihan, P.c.thumb_state, P.c.file_name)


def clean_tags(tags: Iterable[str]) -> str:
    from desktop.contacts.api import clean_tags as clean

    return clean(tags)


def split_tags(stored: str) -> list[str]:
    return [t for t in (stored or "").split(",") if t]


def parse_tags(text: str) -> list[str]:
    """Tags as typed in one field: ``"rapat, pleno"`` → ``["rapat", "pleno"]``."""
    return [t.strip() for t in (text or "").split(",") if t.strip()]


# -- events and albums -----------------------------------------------------


def _event_id(session, name: str, *, create: bool = True) -> int | None:  # noqa: ANN001
    """The event of this name (case-insensitive), created if needed."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = session.scalar(select(E.c.id).where(func.lower(E.c.name) == name.lower()))
    if found is not None or not create:
        return found
    event = PhotoEvent(name=name[:300])
    session.add(event)
    session.flush()
    return event.id


def _album_id(session, name: str) -> int | None:  # noqa: ANN001
    name = " ".join((name or "").split())
    if not name:
        return None
    found = session.scalar(select(A.c.id).where(func.lower(A.c.name) == name.lower()))
    if found is not None:
        return found
    album = Album(name=name[:300])
    session.add(album)
    session.flush()
    return album.id


@dataclass
class Named:
    id: int
    name: str
    count: int = 0


def _named(library, table, counted, link) -> list[Named]:  # noqa: ANN001 - Core columns
    with library.store.read() as s:
        rows = s.execute(
            select(table.c.id, table.c.name, func.count(counted))
            .select_from(table.outerjoin(link.table, link == table.c.id))
            .group_by(table.c.id)
            .order_by(func.lower(table.c.name))
        )
        return [Named(r[0], r[1], r[2]) for r in rows]


def list_events(library) -> list[Named]:  # noqa: ANN001
    """Events with their photo counts, by name."""
    return _named(library, E, P.c.id, P.c.event_id)


def list_albums(library) -> list[Named]:  # noqa: ANN001
    """Albums with their photo counts, by name."""
    return _named(library, A, PA.c.photo_id, PA.c.album_id)


def create_album(library, name: str) -> int:  # noqa: ANN001
    if not (name or "").strip():
        raise ValidationError(_("An album needs a name."))
    with library.store.write() as tx:
        return _album_id(tx.session, name)  # type: ignore[return-value]


# -- full-text index -------------------------------------------------------


def _fts_rows(conn, ids: Sequence[int]) -> list[dict]:  # noqa: ANN001
    rows = conn.execute(
        select(P.c.id, P.c.caption, E.c.name, P.c.location, P.c.tags, P.c.credit)
        .select_from(P.outerjoin(E, E.c.id == P.c.event_id))
        .where(P.c.id.in_(list(ids)))
    )
    return [
        {
            "rowid": r[0],
            "caption": r[1] or "",
            "event": r[2] or "",
            "location": r[3] or "",
            "tags": " ".join(split_tags(r[4])),
            "credit": r[5] or "",
        }
        for r in rows
    ]


def _reindex(session, ids: Sequence[int]) -> None:  # noqa: ANN001
    conn = session.connection()
    for chunk in _chunks(list(ids), 500):
        for row in _fts_rows(conn, chunk):
            rowid = row.pop("rowid")
            fts.upsert(conn, FTS, rowid, row)


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The index text of every photo as SQL computes it: what a rebuild writes
# and what ``warta check`` compares the index with (same text as _fts_rows).
FTS_SELECT = (
    "SELECT p.id AS rowid, p.caption AS caption, coalesce(e.name, '') AS event, p.location AS location, "
    "replace(p.tags, ',', ' ') AS tags, p.credit AS credit "
    "FROM photos p LEFT JOIN photo_events e ON e.id = p.event_id"
)


def rebuild_index(library) -> int:  # noqa: ANN001
    with library.store.write() as tx:
        count = fts.rebuild(tx.session.connection(), FTS, FTS_SELECT)
        tx.touch("photos")
        return count


def reindex(tx) -> None:  # noqa: ANN001 - database.session.Tx
    fts.rebuild(tx.session.connection(), FTS, FTS_SELECT)
    tx.touch("photos")


# -- import (called by desktop.photos.importer) ----------------------------


def insert_imported(library, items: list[dict], *, event: str | None, credit: str) -> list[tuple[str, int]]:  # noqa: ANN001
    """Insert one batch of imported photos in one transaction.

    ``items`` are the importer's worker results; optional keys ``caption``,
    ``credit``, ``event``, ``location``, ``tags``, ``pilihan`` set those
    fields per photo (the demo generator uses them). Returns ``(status, id)``
    per item: ``added``, or ``existing`` when the same bytes were committed
    meanwhile (another window importing the same card).
    """
    with library.store.write() as tx:
        s = tx.session
        shas = [item["sha256"] for item in items]
        known = dict(s.execute(select(P.c.sha256, P.c.id).where(P.c.sha256.in_(shas))).all())
        events: dict[str, int | None] = {}

        def event_of(name: str | None) -> int | None:
            if not name:
                return None
            if name not in events:
                events[name] = _event_id(s, name)
            return events[name]

        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        fresh: dict[str, dict] = {}
        for item in items:
            if item["sha256"] in known or item["sha256"] in fresh:
                continue
            taken = item.get("taken")
            fresh[item["sha256"]] = {
                "sha256": item["sha256"],
                "file_name": Path(item["source"]).name[:500],
                "path": item["path"],
                "format": item["format"],
                "size_bytes": item["size_bytes"],
                "width": item["width"],
                "height": item["height"],
                "orientation": item["orientation"],
                "taken": taken,
                "camera": item["camera"][:200],
                "gps_lat": item["gps_lat"],
                "gps_lon": item["gps_lon"],
                "artist": item["artist"][:300],
                "copyright": item["copyright"][:300],
                "caption": item.get("caption", ""),
                "credit": (item.get("credit") or credit)[:300],
                "date": taken.date() if taken else None,
                "event_id": event_of(item.get("event") or event),
                "location": item.get("location", "")[:300],
                "tags": _item_tags(item.get("tags", "")),
                "usage_notes": "",
                "pilihan": bool(item.get("pilihan", False)),
                "phash": item["phash"],
                "ahash": item["ahash"],
                "thumb_state": "ok",
                "rendition_state": "ok" if item.get("rendition") else "pending",
                "imported_at": now,
                "updated_at": now,
            }
        new_ids: dict[str, int] = {}
        if fresh:
            s.execute(insert(P), list(fresh.values()))
            for chunk in _chunks(list(fresh), 500):
                new_ids.update(s.execute(select(P.c.sha256, P.c.id).where(P.c.sha256.in_(chunk))).all())
            fts.upsert_many(s.connection(), FTS, _fts_rows(s.connection(), list(new_ids.values())))
            tx.audit("import", "photos", "", _("{count} photo(s) imported").format(count=len(fresh)))
    outcome = []
    claimed: set[str] = set()
    for item in items:
        sha = item["sha256"]
        if sha in known or sha in claimed:
            outcome.append(("existing", known.get(sha) or new_ids[sha]))
        else:
            claimed.add(sha)
            outcome.append(("added", new_ids[sha]))
    return outcome


def _item_tags(tags: str | list[str]) -> str:
    """Tags of an imported item: a comma-joined string (demo) or a file's keywords (a list)."""
    return clean_tags(tags if isinstance(tags, list) else split_tags(tags))


def set_rendition_state(library, ready: Sequence[int], failed: Sequence[int] = ()) -> None:  # noqa: ANN001
    """Record which renditions exist (derived data: no audit entry)."""
    if not ready and not failed:
        return
    with library.store.write() as tx:
        for ids, state in ((ready, "ok"), (failed, "failed")):
            for chunk in _chunks(list(ids), 500):
                tx.session.execute(update(P).where(P.c.id.in_(chunk)).values(rendition_state=state))
        tx.touch("photos")


def set_thumb_state(library, photo_id: int, state: str) -> None:  # noqa: ANN001
    with library.store.write() as tx:
        tx.session.execute(update(P).where(P.c.id == photo_id).values(thumb_state=state))
        tx.touch("photos")


# -- reading ---------------------------------------------------------------


@dataclass
class PhotoFilter:
    """What the grid shows; every field narrows the list (SQL)."""

    search: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_id: int | None = None
    album_id: int | None = None
    pilihan: bool = False  # only photos marked pilihan
    tag: str = ""
    person_id: int | None = None


@dataclass
class GridRow:
    id: int
    sha256: str
    caption: str
    date: dt.date | None
    taken: dt.datetime | None
    pilihan: bool
    thumb_state: str
    file_name: str


def _where(f: PhotoFilter) -> list:
    clauses = []
    if f.search:
        found = fts.matches(FTS, P.c.id, f.search)
        if found is not None:
            clauses.append(found)
    if f.date_from:
        clauses.append(P.c.date >= f.date_from)
    if f.date_to:
        clauses.append(P.c.date <= f.date_to)
    if f.event_id:
        clauses.append(P.c.event_id == f.event_id)
    if f.album_id:
        clauses.append(P.c.id.in_(select(PA.c.photo_id).where(PA.c.album_id == f.album_id)))
    if f.pilihan:
        clauses.append(P.c.pilihan.is_(True))
    if f.tag:
        clauses.append((literal(",") + P.c.tags + literal(",")).like("%," + clean_tags([f.tag]) + ",%"))
    if f.person_id:
        clauses.append(P.c.id.in_(select(PP.c.photo_id).where(PP.c.person_id == f.person_id)))
    return clauses


def _order():  # noqa: ANN202
    # Newest first, read backwards along ix_photos_grid_order. SQLite sorts
    # NULL lowest, so photos without a date come after the dated ones.
    return (P.c.date.desc(), P.c.taken.desc(), P.c.id.desc())


def count_photos(library, f: PhotoFilter | None = None) -> int:  # noqa: ANN001
    with library.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(P).where(*_where(f or PhotoFilter()))) or 0)


def grid_rows(library, f: PhotoFilter | None = None, *, offset: int = 0, limit: int | None = None) -> list[GridRow]:  # noqa: ANN001
    """One page of the grid, filtered and sorted in SQL."""
    query = select(*GRID_COLUMNS).where(*_where(f or PhotoFilter())).order_by(*_order()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with library.store.read() as s:
        conn = s.connection()
        return [GridRow(*r) for r in conn.execute(query)]


def photo_ids(library, f: PhotoFilter | None = None) -> list[int]:  # noqa: ANN001
    with library.store.read() as s:
        return [r[0] for r in s.execute(select(P.c.id).where(*_where(f or PhotoFilter())).order_by(*_order()))]


def listing(library, f: PhotoFilter | None = None) -> list[dict]:  # noqa: ANN001
    """``warta photos list``: one plain dict per photo, in grid order."""
    query = (
        select(P.c.id, P.c.file_name, P.c.caption, P.c.credit, E.c.name, P.c.taken)
        .select_from(P.outerjoin(E, E.c.id == P.c.event_id))
        .where(*_where(f or PhotoFilter()))
        .order_by(*_order())
    )
    with library.store.read() as s:
        return [
            {
                "id": r[0],
                "file": r[1],
                "caption": r[2],
                "credit": r[3],
                "event": r[4] or "",
                "taken": r[5].isoformat(sep=" ") if r[5] else None,
            }
            for r in s.execute(query)
        ]


@dataclass
class PhotoInfo:
    """Everything the detail panel shows and edits."""

    id: int
    sha256: str
    file_name: str
    path: str
    format: str
    size_bytes: int
    width: int
    height: int
    orientation: int
    taken: dt.datetime | None
    camera: str
    gps_lat: float | None
    gps_lon: float | None
    artist: str
    copyright: str
    caption: str
    credit: str
    date: dt.date | None
    event_id: int | None
    event: str
    location: str
    tags: list[str]
    usage_notes: str
    pilihan: bool
    thumb_state: str
    rendition_state: str
    imported_at: dt.datetime | None
    albums: list[str] = field(default_factory=list)
    people: list[int] = field(default_factory=list)


def get_photo(library, photo_id: int) -> PhotoInfo:  # noqa: ANN001
    with library.store.read() as s:
        row = s.execute(
            select(P, E.c.name.label("event_name"))
            .select_from(P.outerjoin(E, E.c.id == P.c.event_id))
            .where(P.c.id == photo_id)
        ).mappings().first()
        if row is None:
            raise ValidationError(_("There is no photo with number {id}.").format(id=photo_id))
        albums = list(
            s.scalars(
                select(A.c.name).join(PA, PA.c.album_id == A.c.id).where(PA.c.photo_id == photo_id).order_by(A.c.name)
            )
        )
        people = list(s.scalars(select(PP.c.person_id).where(PP.c.photo_id == photo_id, PP.c.person_id.is_not(None))
                                .order_by(PP.c.person_id)))
    return PhotoInfo(
        id=row["id"],
        sha256=row["sha256"],
        file_name=row["file_name"],
        path=row["path"],
        format=row["format"],
        size_bytes=row["size_bytes"],
        width=row["width"],
        height=row["height"],
        orientation=row["orientation"],
        taken=row["taken"],
        camera=row["camera"],
        gps_lat=row["gps_lat"],
        gps_lon=row["gps_lon"],
        artist=row["artist"],
        copyright=row["copyright"],
        caption=row["caption"],
        credit=row["credit"],
        date=row["date"],
        event_id=row["event_id"],
        event=row["event_name"] or "",
        location=row["location"],
        tags=split_tags(row["tags"]),
        usage_notes=row["usage_notes"],
        pilihan=bool(row["pilihan"]),
        thumb_state=row["thumb_state"],
        rendition_state=row["rendition_state"],
        imported_at=row["imported_at"],
        albums=albums,
        people=people,
    )


def _existing_ids(session, ids: Iterable[int]) -> list[int]:  # noqa: ANN001
    wanted = sorted({int(i) for i in ids})
    found: set[int] = set()
    for chunk in _chunks(wanted, 500):
        found.update(session.scalars(select(P.c.id).where(P.c.id.in_(chunk))))
    missing = [i for i in wanted if i not in found]
    if missing:
        raise ValidationError(
            _("There is no photo with number {ids}; nothing was changed.").format(
                ids=", ".join(str(i) for i in missing[:10])
            )
        )
    return wanted


# -- editing ---------------------------------------------------------------

_UNSET = object()


@dataclass
class PhotoEdit:
    """Fields to change; ``None`` leaves a field as it is."""

    caption: str | None = None
    credit: str | None = None
    date: dt.date | None | object = _UNSET  # None clears the date
    event: str | None = None  # "" removes the event
    location: str | None = None
    tags: list[str] | None = None
    usage_notes: str | None = None
    pilihan: bool | None = None
    albums: list[str] | None = None
    people: list[int] | None = None


def update_photo(library, photo_id: int, edit: PhotoEdit) -> None:  # noqa: ANN001
    """Save the detail panel: one photo, every field given."""
    # The names are kept beside the links, so a photo still says who is in it
    # after a contact is deleted.
    names = _people_names_by_id(library, edit.people) if edit.people is not None else {}
    unknown = sorted({int(p) for p in edit.people or ()} - set(names))
    if unknown:
        raise ValidationError(
            _("There is no contact with id {ids}.").format(ids=", ".join(str(i) for i in unknown))
        )
    with library.store.write() as tx:
        s = tx.session
        _existing_ids(s, [photo_id])
        photo = s.get(Photo, photo_id)
        assert photo is not None
        for name in ("caption", "credit", "location", "usage_notes"):
            value = getattr(edit, name)
            if value is not None:
                setattr(photo, name, value.strip())
        if len(photo.credit) > 300 or len(photo.location) > 300:
            raise ValidationError(_("Credit and location can hold at most 300 characters."))
        if edit.date is not _UNSET:
            photo.date = edit.date  # type: ignore[assignment]
        if edit.event is not None:
            photo.event_id = _event_id(s, edit.event)
        if edit.tags is not None:
            photo.tags = clean_tags(edit.tags)
        if edit.pilihan is not None:
            photo.pilihan = edit.pilihan
        if edit.albums is not None:
            s.execute(delete(PA).where(PA.c.photo_id == photo_id))
            album_ids = {_album_id(s, name) for name in edit.albums if name.strip()}
            if album_ids:
                s.execute(insert(PA), [{"photo_id": photo_id, "album_id": a} for a in sorted(album_ids)])
        if edit.people is not None:
            s.execute(delete(PP).where(PP.c.photo_id == photo_id))
            people = sorted({int(p) for p in edit.people})
            if people:
                s.execute(insert(PP), [{"photo_id": photo_id, "person_id": p, "name": names.get(p, "")} for p in people])
        if edit.albums is not None or edit.people is not None:
            tx.audit("update", "photo_album_items", photo_id, photo.caption or photo.file_name)
        s.flush()
        _reindex(s, [photo_id])
        tx.touch("photos")


@dataclass
class BulkEdit:
    """Changes applied to many photos at once; ``None`` leaves a field alone."""

    event: str | None = None
    credit: str | None = None
    location: str | None = None
    caption: str | None = None
    add_tags: list[str] = field(default_factory=list)
    add_albums: list[str] = field(default_factory=list)
    pilihan: bool | None = None

    @property
    def empty(self) -> bool:
        return (
            self.event is None
            and self.credit is None
            and self.location is None
            and self.caption is None
            and not self.add_tags
            and not self.add_albums
            and self.pilihan is None
        )


def bulk_update(library, ids: Iterable[int], edit: BulkEdit) -> int:  # noqa: ANN001
    """Apply ``edit`` to every photo in ``ids`` in one transaction; returns the count."""
    if edit.empty:
        raise ValidationError(_("Choose at least one field to change."))
    with library.store.write() as tx:
        s = tx.session
        wanted = _existing_ids(s, ids)
        values: dict[str, object] = {}
        if edit.event is not None:
            values["event_id"] = _event_id(s, edit.event)
        for name in ("credit", "location", "caption"):
            value = getattr(edit, name)
            if value is not None:
                values[name] = value.strip()
        if edit.pilihan is not None:
            values["pilihan"] = edit.pilihan
        if values:
            values["updated_at"] = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            for chunk in _chunks(wanted, 500):
                s.execute(update(P).where(P.c.id.in_(chunk)).values(**values))
        if edit.add_tags:
            for chunk in _chunks(wanted, 500):
                for pid, tags in s.execute(select(P.c.id, P.c.tags).where(P.c.id.in_(chunk))).all():
                    merged = clean_tags([*split_tags(tags), *edit.add_tags])
                    if merged != tags:
                        s.execute(update(P).where(P.c.id == pid).values(tags=merged))
        if edit.add_albums:
            album_ids = {_album_id(s, name) for name in edit.add_albums if name.strip()}
            for album in album_ids:
                have = set(s.scalars(select(PA.c.photo_id).where(PA.c.album_id == album)))
                rows = [{"photo_id": pid, "album_id": album} for pid in wanted if pid not in have]
                if rows:
                    s.execute(insert(PA), rows)
        _reindex(s, wanted)
        tx.audit("bulk_update", "photos", "", _("{count} photo(s) changed").format(count=len(wanted)))
    return len(wanted)


def delete_photos(library, ids: Iterable[int]) -> int:  # noqa: ANN001
    """Delete photos; their files go after the rows are gone (never the other way)."""
    with library.store.write() as tx:
        s = tx.session
        wanted = _existing_ids(s, ids)
        from desktop import references

        references.refuse_if_used(s, "photo", wanted)
        doomed = []
        for chunk in _chunks(wanted, 500):
            doomed.extend(s.execute(select(P.c.id, P.c.sha256, P.c.path).where(P.c.id.in_(chunk))).all())
            s.execute(delete(PA).where(PA.c.photo_id.in_(chunk)))
            s.execute(delete(PP).where(PP.c.photo_id.in_(chunk)))
            s.execute(delete(P).where(P.c.id.in_(chunk)))
        conn = s.connection()
        for pid, _sha, _path in doomed:
            fts.delete(conn, FTS, [pid])
        for pid, _sha, path in doomed:
            tx.audit("delete", "photos", pid, path)
    for _pid, sha, path in doomed:
        try:  # a tampered row naming a file outside the library: never delete that file
            targets = (library.managed(path), files.thumbnail_path(library.path, sha), files.rendition_path(library.path, sha))
        except LibraryError:
            continue
        for target in targets:
            try:
                target.unlink()
            except FileNotFoundError:
                pass
    return len(doomed)


# -- near-duplicates -------------------------------------------------------


@dataclass
class NearDuplicate:
    a: int
    b: int
    distance: int


def near_duplicates(library, *, threshold: int = 3) -> list[NearDuplicate]:  # noqa: ANN001
    """Pairs of photos whose perceptual hashes differ in at most ``threshold`` bits.

    Both the difference hash and the average hash must be close, which keeps
    unrelated photos with similar light out. Pairs are found by the
    pigeonhole trick: split the 64 bits into ``threshold + 1`` bands; two
    hashes within ``threshold`` bits agree exactly on at least one band, so
    only photos sharing a band value are compared.
    """
    with library.store.read() as s:
        rows = [
            (r[0], int(r[1], 16), int(r[2] or "0", 16))
            for r in s.execute(select(P.c.id, P.c.phash, P.c.ahash).where(P.c.phash != ""))
        ]
    # Flat pictures (a blank wall, a black frame) hash to almost all zeros or
    # ones and would pair with each other; their hash says nothing.
    rows = [r for r in rows if 4 <= r[1].bit_count() <= 60]
    bands = threshold + 1
    width = -(-64 // bands)
    seen: dict[tuple[int, int], int] = {}
    for band in range(bands):
        shift = band * width
        mask = (1 << width) - 1
        buckets: dict[int, list[tuple[int, int, int]]] = {}
        for row in rows:
            buckets.setdefault((row[1] >> shift) & mask, []).append(row)
        for members in buckets.values():
            if len(members) < 2:
                continue
            for i, (ida, da, aa) in enumerate(members):
                for idb, db, ab in members[i + 1 :]:
                    key = (ida, idb) if ida < idb else (idb, ida)
                    if key in seen:
                        continue
                    distance = (da ^ db).bit_count()
                    if distance <= threshold and (aa ^ ab).bit_count() <= threshold * 2:
                        seen[key] = distance
    return sorted((NearDuplicate(a, b, d) for (a, b), d in seen.items()), key=lambda n: (n.distance, n.a, n.b))


# -- people shown (contacts) -----------------------------------------------


def _people_names_by_id(library, person_ids: Iterable[int]) -> dict[int, str]:  # noqa: ANN001
    from desktop.contacts import api as contacts

    return contacts.person_names(library, sorted({int(p) for p in person_ids}))


def people_names(library, person_ids: Sequence[int]) -> list[str]:  # noqa: ANN001
    """Names of the contacts shown in a photo, in the order given (missing ones skipped)."""
    from desktop.contacts import api as contacts

    names = contacts.person_names(library, person_ids)
    return [names[i] for i in person_ids if i in names]


def find_people(library, names: Iterable[str]) -> list[int]:  # noqa: ANN001
    """Contact ids for names as written in the contacts (case-insensitive); unknown names are an error."""
    from desktop.contacts import api as contacts

    wanted = [" ".join(n.split()) for n in names if n.strip()]
    found: list[int] = []
    missing: list[str] = []
    for name in wanted:
        pid = contacts.person_named(library, name)
        if pid is None:
            missing.append(name)
        elif pid not in found:
            found.append(pid)
    if missing:
        raise ValidationError(
            _("No contact is named {names}; add them in Partners & Contacts first. Nothing was changed.").format(
                names="; ".join(missing)
            )
        )
    return found


def move_person(old_person_ids: Iterable[int], new_person_id: int | None, tx) -> None:  # noqa: ANN001 - database.session.Tx
    """Photos showing the contacts ``old_person_ids`` now show ``new_person_id``.

    Contacts calls this when it merges people (a photo showing both keeps one
    row for the kept person) or deletes them (None: the photos keep the
    name they were tagged with and lose only the link).
    """
    ids = sorted({int(i) for i in old_person_ids})
    for chunk in _chunks(ids, 500):
        if new_person_id is None:
            tx.session.execute(update(PP).where(PP.c.person_id.in_(chunk)).values(person_id=None))
            continue
        shows_kept = select(PP.c.photo_id).where(PP.c.person_id == new_person_id)
        tx.session.execute(delete(PP).where(PP.c.person_id.in_(chunk), PP.c.photo_id.in_(shows_kept)))
        tx.session.execute(update(PP).where(PP.c.person_id.in_(chunk)).values(person_id=new_person_id))
    if ids:
        tx.touch("photo_people")


# -- for other areas (press kits) and the global search --------------------


def existing_ids(library, ids: Iterable[int]) -> set[int]:  # noqa: ANN001
    """Which of ``ids`` are still photos in the archive."""
    found: set[int] = set()
    with library.store.read() as s:
        for chunk in _chunks(sorted({int(i) for i in ids}), 500):
            found.update(s.scalars(select(P.c.id).where(P.c.id.in_(chunk))))
    return found


@dataclass
class ArchiveCounts:
    """Photos of a period for a periodic report: how many, per event and per month."""

    total: int = 0
    pilihan: int = 0  # marked as the pick of their event
    by_event: list[tuple[str, int]] = field(default_factory=list)  # most photos first; "" for no event
    by_month: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" -> photos


def archive_counts(library, start: dt.date, end: dt.date) -> ArchiveCounts:  # noqa: ANN001
    """Photos whose caption date (the day taken unless edited) is ``start``..``end``; undated photos are in none."""
    out = ArchiveCounts()
    events: dict[str, int] = {}
    with library.store.read() as s:
        rows = s.execute(
            select(P.c.date, E.c.name, func.count(), func.sum(func.coalesce(P.c.pilihan.cast(Integer), 0)))
            .select_from(P.outerjoin(E, E.c.id == P.c.event_id))
            .where(P.c.date >= start, P.c.date <= end)
            .group_by(P.c.date, E.c.name)
        ).all()
    for day, event, count, picked in rows:
        count = int(count)
        out.total += count
        out.pilihan += int(picked or 0)
        events[event or ""] = events.get(event or "", 0) + count
        month = f"{day:%Y-%m}"
        out.by_month[month] = out.by_month.get(month, 0) + count
    out.by_month = dict(sorted(out.by_month.items()))
    out.by_event = sorted(events.items(), key=lambda kv: (-kv[1], kv[0]))
    return out


def claimed_files(conn) -> dict[str, str | None]:  # noqa: ANN001 - a SQLAlchemy connection (maybe to a snapshot)
    """Every managed file a photo row owns: relative path → expected SHA-256 (None for thumbnails, renditions)."""
    claims: dict[str, str | None] = {}
    for path, sha in conn.execute(select(P.c.path, P.c.sha256)):
        claims[path] = sha
        claims[files.thumbnail_rel(sha)] = None
        claims[files.rendition_rel(sha)] = None
    return claims


def renditions_to_remake(connection) -> None:  # noqa: ANN001 - a DB-API connection on a backup snapshot
    """Mark every made print rendition "to be made" (a backup that leaves renditions out)."""
    columns = {r[1] for r in connection.execute("PRAGMA table_info(photos)")}
    if "rendition_state" in columns:
        connection.execute("UPDATE photos SET rendition_state = 'pending' WHERE rendition_state = 'ok'")


def original_path(library, sha256: str) -> str | None:  # noqa: ANN001
    """The managed path (relative to the library) of the original with this SHA-256, or None."""
    with library.store.read() as s:
        return s.scalar(select(P.c.path).where(P.c.sha256 == sha256))




def _file_rows(library, photo_ids: Iterable[int] | None) -> list:  # noqa: ANN001
    """(id, path, sha256) rows of ``photo_ids`` (all photos when None), by id."""
    query = select(P.c.id, P.c.path, P.c.sha256).order_by(P.c.id)
    with library.store.read() as s:
        if photo_ids is None:
            return list(s.execute(query))
        wanted = list(dict.fromkeys(photo_ids))
        return [r for chunk in _chunks(wanted, 500) for r in s.execute(query.where(P.c.id.in_(chunk)))]


def missing_renditions(library, photo_ids: Iterable[int] | None = None) -> list[tuple[int, str, str]]:  # noqa: ANN001
    """(id, managed path, SHA-256) of the photos (of ``photo_ids``, else all) whose print rendition file is missing."""
    rows = _file_rows(library, photo_ids)
    return [(r.id, r.path, r.sha256) for r in rows if not files.rendition_path(library.path, r.sha256).is_file()]


def made_renditions(library, photo_ids: Iterable[int]) -> dict[int, Path]:  # noqa: ANN001
    """The print renditions of ``photo_ids`` that exist (one query); :func:`print_rendition` makes the others."""
    out = {}
    for row in _file_rows(library, photo_ids):
        target = files.rendition_path(library.path, row.sha256)
        if target.is_file():
            out[row.id] = target
    return out


def print_rendition(library, photo_id: int) -> Path:  # noqa: ANN001
    """Path of the photo's print rendition (≤ 2000 px, upright, RGB JPEG), made if missing."""
    from desktop.fsutil import atomic_write_bytes
    from desktop.photos import imaging

    with library.store.read() as s:
        info = s.execute(select(P.c.path, P.c.sha256).where(P.c.id == photo_id)).first()
    if info is None:
        raise ValidationError(_("There is no photo with number {id}.").format(id=photo_id))
    target = files.rendition_path(library.path, info.sha256)
    if target.is_file():
        return target
    try:
        data = library.managed(info.path).read_bytes()
    except OSError as exc:
        raise ValidationError(
            _("The original of photo {id} is missing from the library ({path}); run 'warta check'.").format(
                id=photo_id, path=info.path
            )
        ) from exc
    try:
        atomic_write_bytes(target, imaging.rendition_from(data))
    except imaging.ImageRejected as exc:
        set_rendition_state(library, [], [photo_id])
        raise ValidationError(
            _("Photo {id} cannot be prepared for print: {reason}").format(id=photo_id, reason=exc)
        ) from exc
    set_rendition_state(library, [photo_id])
    return target


def photo_meta(library, photo_id: int) -> dict:  # noqa: ANN001
    """What a press kit prints under a photo: caption, credit, date, event, location, size."""
    meta = photo_metas(library, [photo_id]).get(photo_id)
    if meta is None:
        raise ValidationError(_("There is no photo with number {id}.").format(id=photo_id))
    return meta


def photo_metas(library, photo_ids: Iterable[int]) -> dict[int, dict]:  # noqa: ANN001
    """:func:`photo_meta` of many photos at once (a kit asks for all of its photos on every preview)."""
    query = (
        select(P.c.id, P.c.caption, P.c.credit, P.c.date, P.c.taken, E.c.name.label("event"), P.c.location,
               P.c.tags, P.c.file_name, P.c.width, P.c.height, P.c.pilihan)
        .select_from(P.outerjoin(E, E.c.id == P.c.event_id))
    )
    out = {}
    with library.store.read() as s:
        for chunk in _chunks(list(dict.fromkeys(photo_ids)), 500):
            for row in s.execute(query.where(P.c.id.in_(chunk))).mappings():
                out[row["id"]] = {**row, "event": row["event"] or "", "tags": split_tags(row["tags"]),
                                  "pilihan": bool(row["pilihan"])}
    return out


def search_photos(library, query: str, limit: int):  # noqa: ANN001, ANN201 - list[desktop.search.Hit]
    """Global search provider (``desktop.search.PROVIDERS``)."""
    from desktop.search import Hit

    with library.store.read() as s:
        hits = fts.search(s.connection(), FTS, query, limit=limit)
        if not hits:
            return []
        names = dict(
            s.execute(select(P.c.id, func.coalesce(func.nullif(P.c.caption, ""), P.c.file_name)).where(
                P.c.id.in_([h.rowid for h in hits])
            )).all()
        )
    return [
        Hit(type="photo", id=h.rowid, title=_short(names.get(h.rowid, "")), snippet=h.snippet, rank=h.rank)
        for h in hits
        if h.rowid in names
    ]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
