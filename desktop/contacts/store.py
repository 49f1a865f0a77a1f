"""Contacts services: people, organisations, lists, history, public contact data.

Everything the window, the command line and the benchmarks do with contacts
goes through here. Writes are one transaction each and keep the full-text
tables (``fts_contacts`` for people, ``fts_organizations``) in step.
Import, merge and export live in ``desktop.contacts.importer`` and
``desktop.contacts.merge``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Iterable, Sequence

from sqlalchemy import delete, func, insert, literal, or_, select, text, update
from sqlalchemy.engine import Connection

from database import fts
from database.models.contacts import (
    Affiliation,
    DistributionList,
    ListMember,
    Organization,
    OrgType,
    Person,
    PersonEmail,
    PersonPhone,
    PersonPhoto,
    SocialAccount,
)
from desktop.contacts import log, normalize
from desktop.contacts.record import Email, Phone
from desktop.errors import ValidationError
from desktop.i18n import N_, _

PEOPLE_FTS = fts.Index(
    "fts_contacts", "people", ("name", "position", "organization", "notes", "tags", "channels"),
    weights=(10, 4, 4, 1, 2, 2),
)
ORG_FTS = fts.Index("fts_organizations", "organizations", ("name", "type", "region", "notes", "tags"),
                    weights=(10, 3, 2, 1, 2))

CHANNELS = {
    "": N_("(none)"),
    "whatsapp": N_("WhatsApp"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "letter": N_("Letter"),
}
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
PERSON_SORTS = ("name", "position", "organization", "region", "created")
ORG_SORTS = ("name", "type", "region", "mou_expires", "created")

P = Person.__table__
O = Organization.__table__
T = OrgType.__table__
PH = PersonPhone.__table__
EM = PersonEmail.__table__
AF = Affiliation.__table__
SO = SocialAccount.__table__
PP = PersonPhoto.__table__
LM = ListMember.__table__
DL = DistributionList.__table__


# -- value types ---------------------------------------------------------------


@dataclass
class AffiliationInput:
    organization_id: int
    role: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass
class PersonInput:
    full_name: str
    position: str = ""
    organization_id: int | None = None  # main organisation (an affiliation is kept for it)
    beat: str = ""
    preferred_channel: str = ""
    address: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    source: str = ""
    consent: bool = False
    phones: list[Phone] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)
    social: dict[str, str] = field(default_factory=dict)
    affiliations: list[AffiliationInput] = field(default_factory=list)
    # Main organisation by name when no id is given: found, or created in the same transaction.
    organization_name: str = ""
    photo: bytes | None = None  # JPEG, PNG, GIF or WebP


@dataclass
class OrgInput:
    name: str
    type_id: int | None = None
    regency: str = ""
    province: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    social: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    mou_number: str = ""
    mou_signed: dt.date | None = None
    mou_expires: dt.date | None = None
    mou_scope: str = ""


@dataclass
class PeopleFilter:
    """What the people list shows; also the saved form of a filter list."""

    search: str = ""
    type_id: int | None = None
    region: str = ""  # kabupaten/kota or province of the person's organisation
    tag: str = ""
    list_id: int | None = None
    organization_id: int | None = None

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v not in ("", None)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str | None) -> "PeopleFilter":
        raw = json.loads(data or "{}")
        return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})


@dataclass
class OrgFilter:
    search: str = ""
    type_id: int | None = None
    region: str = ""
    tag: str = ""


@dataclass
class PersonRow:
    id: int
    name: str
    position: str
    organization: str
    region: str
    phone: str
    email: str
    tags: str


@dataclass
class OrgRow:
    id: int
    name: str
    type: str
    regency: str
    province: str
    people: int
    mou_expires: dt.date | None
    tags: str


@dataclass
class PersonDetail:
    id: int
    data: PersonInput
    organization: str
    lists: list[tuple[int, str]]
    history: list[log.HistoryEntry]
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass
class OrgDetail:
    id: int
    data: OrgInput
    type: str
    people: list[tuple[int, str, str]]  # id, name, role
    history: list[log.HistoryEntry]


@dataclass
class PublicContact:
    name: str
    position: str
    organization: str
    phones: list[str]
    emails: list[str]


# -- validation -------------------------------------------------------------------


def phone_problem(raw: str) -> str | None:
    """Why ``raw`` is not a usable phone number, or None when it is."""
    try:
        normalize_phone_number(raw)
    except ValidationError as exc:
        return str(exc)
    return None


def phone_unverified(raw: str) -> str | None:
    """Why ``raw`` will be kept as typed and marked not verified, or None when it is a valid number.

    Unlike :func:`phone_problem` this does not block saving: any text with a
    digit is kept (see :func:`keep_phone_number`).
    """
    try:
        normalize_phone_number(raw)
    except ValidationError as exc:
        return normalize.unverified_note(str(exc))
    return None


def keep_phone_number(raw: str, *, trusted: bool = False) -> tuple[str, bool]:
    """``(number, verified)``: E.164 when ``raw`` is a valid number, else the text as typed (spacing
    tidied, at most the column's 40 characters) and ``verified`` False. A value without a digit is
    not a phone number at all (ValidationError)."""
    try:
        return normalize_phone_number(raw, trusted=trusted), True
    except ValidationError:
        text = " ".join("".join(c for c in (raw or "") if c >= " ").split())
        if not any(c.isdigit() for c in text):
            raise
        return text[:40], False


def email_problem(raw: str) -> str | None:
    try:
        normalize_email(raw)
    except ValidationError as exc:
        return str(exc)
    return None


def normalize_phone_number(raw: str, *, trusted: bool = False) -> str:
    """E.164 form of an Indonesian or international number; ValidationError if unreadable.

    ``trusted``: the value came from the contact readers, which already wrote
    valid numbers as E.164, so a well-formed ``+…`` is taken as it is.
    """
    if trusted and _E164.match(raw or ""):
        return raw

    number, reason = normalize.normalize_phone(raw or "")
    if number is None:
        raise ValidationError(reason or _("The phone number is not valid."))
    return number


def normalize_email(raw: str) -> str:
    """The address as it will be stored; ValidationError with the reason if it is not usable."""
    value = normalize.clean_email(raw or "")
    reason = normalize.validate_email(value)
    if reason:
        raise ValidationError(reason)
    return value


@functools.lru_cache(maxsize=65536)
def email_key(address: str) -> str:
    return normalize.email_key(address)


@functools.lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    return normalize.org_key(name)


@functools.lru_cache(maxsize=65536)
def name_key(full_name: str) -> str:
    """Lower-cased name without academic titles: the sort and matching key."""
    return normalize.name_key(full_name)


def clean_tags(tags: Iterable[str]) -> str:
    seen: list[str] = []
    for tag in tags:
        t = " ".join(str(tag).replace(",", " ").split()).strip().lower()
        if t and t not in seen:
            seen.append(t)
    return ",".join(seen)


def split_tags(stored: str) -> list[str]:
    return [t for t in (stored or "").split(",") if t]


MAX_PHOTO_BYTES = 10 * 1024 * 1024
_PHOTO_TYPES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG", "png"), (b"GIF8", "gif"), (b"RIFF", "webp"))


def photo_extension(data: bytes) -> str | None:
    """File extension of a JPEG, PNG, GIF or WebP picture, or None for anything else."""
    for magic, ext in _PHOTO_TYPES:
        if data.startswith(magic) and (ext != "webp" or data[8:12] == b"WEBP"):
            return ext
    return None


def check_photo(data: bytes) -> bytes:
    """``data`` if it is a picture Warta keeps as a contact photo; ValidationError otherwise."""
    if photo_extension(data or b"") is None or len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is not a JPEG, PNG, GIF or WebP picture of at most 10 MB."))
    return data


def _clean_person(data: PersonInput) -> PersonInput:
    name = " ".join((data.full_name or "").split())
    if not name:
        raise ValidationError(_("A contact needs a name."))
    phones: list[Phone] = []
    for ph in data.phones:
        if not (ph.number or "").strip():
            continue
        number, verified = keep_phone_number(ph.number)
        label = normalize.label_with_extension(ph.label.strip(), ph.number) if verified else ph.label.strip()
        if number not in [p.number for p in phones]:
            phones.append(Phone(number=number, label=label, whatsapp=ph.whatsapp, public=ph.public,
                                verified=verified))
    emails: list[Email] = []
    for em in data.emails:
        if not (em.address or "").strip():
            continue
        address = normalize_email(em.address)
        if email_key(address) not in [email_key(e.address) for e in emails]:
            emails.append(Email(address=address, label=em.label.strip(), public=em.public))
    if data.preferred_channel not in CHANNELS:
        raise ValidationError(_("Unknown contact channel '{channel}'.").format(channel=data.preferred_channel))
    return PersonInput(
        full_name=name,
        position=data.position.strip(),
        organization_id=data.organization_id,
        beat=data.beat.strip(),
        preferred_channel=data.preferred_channel,
        address=data.address.strip(),
        notes=data.notes.strip(),
        tags=split_tags(clean_tags(data.tags)),
        source=data.source.strip(),
        consent=bool(data.consent),
        phones=phones,
        emails=emails,
        social={k.strip(): v.strip() for k, v in data.social.items() if k.strip() and v.strip()},
        affiliations=list(data.affiliations),
        organization_name=" ".join(data.organization_name.split()),
        photo=check_photo(data.photo) if data.photo else None,
    )


def _resolve_org(session, data: PersonInput) -> None:  # noqa: ANN001
    if data.organization_id is not None or not data.organization_name:
        return
    key = org_key(data.organization_name)
    for oid, name in session.execute(select(O.c.id, O.c.name).where(func.lower(O.c.name) == data.organization_name.lower())):
        if org_key(name) == key:
            data.organization_id = oid
            return
    row = Organization(**_org_values(_clean_org(OrgInput(name=data.organization_name))))
    session.add(row)
    session.flush()
    refresh_orgs_fts(session.connection(), [row.id])
    data.organization_id = row.id


def _clean_org(data: OrgInput) -> OrgInput:
    name = " ".join((data.name or "").split())
    if not name:
        raise ValidationError(_("An organisation needs a name."))
    email = data.email.strip()
    if email:
        email = normalize_email(email)
    phone = data.phone.strip()
    if phone:
        phone = normalize_phone_number(phone)
    if data.mou_signed and data.mou_expires and data.mou_expires < data.mou_signed:
        raise ValidationError(_("The MoU cannot expire before it was signed."))
    return OrgInput(
        name=name,
        type_id=data.type_id,
        regency=data.regency.strip(),
        province=data.province.strip(),
        address=data.address.strip(),
        phone=phone,
        email=email,
        website=data.website.strip(),
        social={k.strip(): v.strip() for k, v in data.social.items() if k.strip() and v.strip()},
        notes=data.notes.strip(),
        tags=split_tags(clean_tags(data.tags)),
        mou_number=data.mou_number.strip(),
        mou_signed=data.mou_signed,
        mou_expires=data.mou_expires,
        mou_scope=data.mou_scope.strip(),
    )


# -- full-text index ------------------------------------------------------------

# string_agg is PostgreSQL's; database.engine gives SQLite the same function.
_PEOPLE_FTS_SELECT = """
SELECT p.id AS rowid, p.full_name AS name, p.position || ' ' || p.beat AS position,
  coalesce((SELECT string_agg(o.name || ' ' || a.role, ' ') FROM affiliations a
            JOIN organizations o ON o.id = a.organization_id WHERE a.person_id = p.id), '') AS organization,
  p.notes AS notes, replace(p.tags, ',', ' ') AS tags,
  coalesce((SELECT string_agg(e.address, ' ') FROM person_emails e WHERE e.person_id = p.id), '') || ' ' ||
  coalesce((SELECT string_agg(CASE WHEN t.number LIKE '+%' THEN substr(t.number, 2) ELSE t.number END ||
            CASE WHEN t.number LIKE '+62%' THEN ' 0' || substr(t.number, 4) ELSE '' END, ' ')
            FROM person_phones t WHERE t.person_id = p.id), '') AS channels
FROM people p
"""


def person_fts_row(pid: int, *, full_name: str, position: str, beat: str, affiliations: Sequence[tuple[str, str]],
                   notes: str, tags: str, emails: Sequence[str], phones: Sequence[str]) -> dict:
    """The same text ``_PEOPLE_FTS_SELECT`` produces, built from values in hand (bulk imports)."""
    phone_words = [(n[1:] if n.startswith("+") else n) + (" 0" + n[3:] if n.startswith("+62") else "") for n in phones]
    return {
        "rowid": pid,
        "name": full_name,
        "position": position + " " + beat,
        "organization": " ".join(f"{name} {role}" for name, role in affiliations),
        "notes": notes,
        "tags": tags.replace(",", " "),
        "channels": " ".join(emails) + " " + " ".join(phone_words),
    }


def insert_people_fts(conn: Connection, rows: list[dict]) -> None:
    """Index freshly inserted people (rows from :func:`person_fts_row`)."""
    if rows:
        fts.upsert_many(conn, PEOPLE_FTS, rows)


_ORG_FTS_SELECT = """
SELECT o.id AS rowid, o.name AS name, coalesce(t.name, '') AS type, o.regency || ' ' || o.province AS region,
  o.notes AS notes, replace(o.tags, ',', ' ') AS tags
FROM organizations o LEFT JOIN organization_types t ON t.id = o.type_id
"""


def bulk_insert(session, table, rows: list[dict]) -> list[int]:  # noqa: ANN001
    """Insert rows and return their new ids, in input order.

    The database hands out the ids (AUTOINCREMENT / the sequence), so an id
    is never reused; SQLAlchemy batches the rows into multi-row
    ``INSERT … RETURNING`` statements on both engines.
    """
    if not rows:
        return []
    result = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


def refresh_org_sort(session, *, person_ids: Iterable[int] | None = None, min_id: int | None = None,  # noqa: ANN001
                     org_id: int | None = None) -> None:
    """Copy the main organisation's lower-cased name into ``people.organization_sort``."""
    value = (
        select(func.lower(O.c.name)).where(O.c.id == P.c.organization_id).scalar_subquery()
    )
    stmt = update(P).values(organization_sort=func.coalesce(value, ""))
    if org_id is not None:
        session.execute(stmt.where(P.c.organization_id == org_id))
    elif min_id is not None:
        session.execute(stmt.where(P.c.id >= min_id))
    else:
        for chunk in _chunks(sorted(set(person_ids or ()))):
            session.execute(stmt.where(P.c.id.in_(chunk)))


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _refresh_fts(conn: Connection, index: fts.Index, select_sql: str, alias: str,
                 ids: Iterable[int] | None, min_id: int | None) -> None:
    if ids is None and min_id is None:
        fts.rebuild(conn, index, select_sql)
        return
    if min_id is not None:
        conn.execute(text(f"DELETE FROM {index.name} WHERE rowid >= :m"), {"m": min_id})
        rows = conn.execute(text(f"{select_sql} WHERE {alias}.id >= :m"), {"m": min_id})
        fts.insert_many(conn, index, (dict(r._mapping) for r in rows.all()))
        return
    for chunk in _chunks(sorted(set(ids or ()))):
        marks = ",".join(str(int(i)) for i in chunk)
        fts.delete(conn, index, chunk)
        rows = conn.execute(text(f"{select_sql} WHERE {alias}.id IN ({marks})")).all()
        fts.insert_many(conn, index, (dict(r._mapping) for r in rows))


def refresh_people_fts(conn: Connection, ids: Iterable[int] | None = None, *, min_id: int | None = None) -> None:
    """Re-index people: the given ids, every id >= ``min_id``, or everyone."""
    _refresh_fts(conn, PEOPLE_FTS, _PEOPLE_FTS_SELECT, "p", ids, min_id)


def refresh_orgs_fts(conn: Connection, ids: Iterable[int] | None = None, *, min_id: int | None = None) -> None:
    _refresh_fts(conn, ORG_FTS, _ORG_FTS_SELECT, "o", ids, min_id)


def reindex(tx) -> None:  # noqa: ANN001 - database.session.Tx
    conn = tx.session.connection()
    refresh_people_fts(conn)
    refresh_orgs_fts(conn)
    tx.touch("people")


# -- organisation types ---------------------------------------------------------


def org_types(library) -> list[tuple[int, str]]:  # noqa: ANN001
    with library.store.read() as s:
        return [(r.id, r.name) for r in s.execute(select(T.c.id, T.c.name).order_by(T.c.position, T.c.name))]


def add_org_type(library, name: str) -> int:  # noqa: ANN001
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("An organisation type needs a name."))
    with library.store.write() as tx:
        s = tx.session
        if s.scalar(select(T.c.id).where(func.lower(T.c.name) == name.lower())) is not None:
            raise ValidationError(_("The organisation type '{name}' already exists.").format(name=name))
        last = s.scalar(select(func.max(T.c.position))) or 0
        row = OrgType(name=name, position=last + 1)
        s.add(row)
        s.flush()
        return row.id


def rename_org_type(library, type_id: int, name: str) -> None:  # noqa: ANN001
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("An organisation type needs a name."))
    with library.store.write() as tx:
        row = tx.session.get(OrgType, type_id)
        if row is None:
            raise ValidationError(_("There is no organisation type with id {id}.").format(id=type_id))
        row.name = name
        tx.session.flush()
        ids = [r[0] for r in tx.session.execute(select(O.c.id).where(O.c.type_id == type_id))]
        refresh_orgs_fts(tx.session.connection(), ids)


def delete_org_type(library, type_id: int) -> None:  # noqa: ANN001
    """Remove a type; organisations of that type keep no type (never deleted with it)."""
    with library.store.write() as tx:
        row = tx.session.get(OrgType, type_id)
        if row is None:
            raise ValidationError(_("There is no organisation type with id {id}.").format(id=type_id))
        ids = [r[0] for r in tx.session.execute(select(O.c.id).where(O.c.type_id == type_id))]
        tx.session.execute(update(O).where(O.c.type_id == type_id).values(type_id=None))
        tx.session.delete(row)
        tx.session.flush()
        refresh_orgs_fts(tx.session.connection(), ids)


# -- organisations ----------------------------------------------------------------


def _org_values(data: OrgInput) -> dict:
    values = asdict(data)
    values["social"] = json.dumps(data.social, ensure_ascii=False) if data.social else ""
    values["tags"] = ",".join(data.tags)
    return values


def create_org(library, data: OrgInput) -> int:  # noqa: ANN001
    data = _clean_org(data)
    with library.store.write() as tx:
        row = Organization(**_org_values(data))
        tx.session.add(row)
        tx.session.flush()
        refresh_orgs_fts(tx.session.connection(), [row.id])
        return row.id


def update_org(library, org_id: int, data: OrgInput) -> None:  # noqa: ANN001
    data = _clean_org(data)
    with library.store.write() as tx:
        row = tx.session.get(Organization, org_id)
        if row is None:
            raise ValidationError(_("There is no organisation with id {id}.").format(id=org_id))
        renamed = row.name != data.name
        for key, value in _org_values(data).items():
            setattr(row, key, value)
        tx.session.flush()
        conn = tx.session.connection()
        refresh_orgs_fts(conn, [org_id])
        if renamed:
            people = [r[0] for r in tx.session.execute(select(AF.c.person_id).where(AF.c.organization_id == org_id))]
            refresh_org_sort(tx.session, org_id=org_id)
            refresh_people_fts(conn, people)


def delete_org(library, org_id: int) -> None:  # noqa: ANN001
    with library.store.write() as tx:
        row = tx.session.get(Organization, org_id)
        if row is None:
            raise ValidationError(_("There is no organisation with id {id}.").format(id=org_id))
        people = [r[0] for r in tx.session.execute(select(AF.c.person_id).where(AF.c.organization_id == org_id))]
        tx.session.delete(row)
        tx.session.flush()
        conn = tx.session.connection()
        fts.delete(conn, ORG_FTS, [org_id])
        reset_main_org(tx.session, people)
        refresh_people_fts(conn, people)


def find_org(library, name: str) -> int | None:  # noqa: ANN001
    with library.store.read() as s:
        return s.scalar(select(O.c.id).where(func.lower(O.c.name) == name.strip().lower()).order_by(O.c.id).limit(1))


def get_org(library, org_id: int) -> OrgDetail:  # noqa: ANN001
    with library.store.read() as s:
        row = s.get(Organization, org_id)
        if row is None:
            raise ValidationError(_("There is no organisation with id {id}.").format(id=org_id))
        data = OrgInput(
            name=row.name,
            type_id=row.type_id,
            regency=row.regency,
            province=row.province,
            address=row.address,
            phone=row.phone,
            email=row.email,
            website=row.website,
            social=json.loads(row.social) if row.social else {},
            notes=row.notes,
            tags=split_tags(row.tags),
            mou_number=row.mou_number,
            mou_signed=row.mou_signed,
            mou_expires=row.mou_expires,
            mou_scope=row.mou_scope,
        )
        type_name = s.scalar(select(T.c.name).where(T.c.id == row.type_id)) if row.type_id else ""
        people = [
            (r.id, r.full_name, r.role)
            for r in s.execute(
                select(P.c.id, P.c.full_name, AF.c.role)
                .join(AF, AF.c.person_id == P.c.id)
                .where(AF.c.organization_id == org_id)
                .order_by(P.c.sort_name)
            )
        ]
        history = log.history(s, org_id=org_id)
    return OrgDetail(id=org_id, data=data, type=type_name or "", people=people, history=history)


# -- people ------------------------------------------------------------------------


def _person_values(data: PersonInput) -> dict:
    return {
        "full_name": data.full_name,
        "sort_name": name_key(data.full_name),
        "position": data.position,
        "organization_id": data.organization_id,
        "beat": data.beat,
        "preferred_channel": data.preferred_channel,
        "address": data.address,
        "notes": data.notes,
        "tags": ",".join(data.tags),
        "source": data.source,
        "consent": data.consent,
    }


def _write_channels(session, person_id: int, data: PersonInput) -> None:  # noqa: ANN001
    session.execute(delete(PP).where(PP.c.person_id == person_id))
    if data.photo:
        session.execute(insert(PP).values(person_id=person_id, data=data.photo))
    session.execute(delete(PH).where(PH.c.person_id == person_id))
    session.execute(delete(EM).where(EM.c.person_id == person_id))
    session.execute(delete(SO).where(SO.c.person_id == person_id))
    if data.phones:
        session.execute(
            insert(PH),
            [
                {"person_id": person_id, "label": p.label, "number": p.number, "whatsapp": p.whatsapp, "public": p.public,
                 "verified": p.verified}
                for p in data.phones
            ],
        )
    if data.emails:
        session.execute(
            insert(EM),
            [
                {"person_id": person_id, "label": e.label, "address": e.address,
                 "address_key": email_key(e.address), "public": e.public}
                for e in data.emails
            ],
        )
    if data.social:
        session.execute(
            insert(SO), [{"person_id": person_id, "network": k, "handle": v} for k, v in data.social.items()]
        )


def _write_affiliations(session, person_id: int, data: PersonInput) -> None:  # noqa: ANN001
    affs: list[AffiliationInput] = []
    for a in data.affiliations:  # the same affiliation twice is one
        if (a.organization_id, a.role, a.date_from, a.date_to) not in [
            (b.organization_id, b.role, b.date_from, b.date_to) for b in affs
        ]:
            affs.append(a)
    if data.organization_id and not any(a.organization_id == data.organization_id for a in affs):
        affs.insert(0, AffiliationInput(organization_id=data.organization_id, role=data.position))
    for a in affs:
        if session.get(Organization, a.organization_id) is None:
            raise ValidationError(_("There is no organisation with id {id}.").format(id=a.organization_id))
        if a.date_from and a.date_to and a.date_to < a.date_from:
            raise ValidationError(_("An affiliation cannot end before it starts."))
    session.execute(delete(AF).where(AF.c.person_id == person_id))
    if affs:
        session.execute(
            insert(AF),
            [
                {"person_id": person_id, "organization_id": a.organization_id, "role": a.role,
                 "date_from": a.date_from, "date_to": a.date_to}
                for a in affs
            ],
        )


def reset_main_org(session, person_ids: Iterable[int]) -> None:  # noqa: ANN001
    """Point each person's main organisation at a current affiliation (or none)."""
    today = dt.date.today()
    person_ids = list(person_ids)
    for pid in person_ids:
        main = session.scalar(
            select(AF.c.organization_id)
            .where(AF.c.person_id == pid, or_(AF.c.date_to.is_(None), AF.c.date_to >= today))
            .order_by(AF.c.id)
            .limit(1)
        )
        session.execute(update(P).where(P.c.id == pid).values(organization_id=main))
    refresh_org_sort(session, person_ids=person_ids)


def create_person(library, data: PersonInput) -> int:  # noqa: ANN001
    data = _clean_person(data)
    with library.store.write() as tx:
        _resolve_org(tx.session, data)
        row = Person(**_person_values(data))
        tx.session.add(row)
        tx.session.flush()
        _write_channels(tx.session, row.id, data)
        _write_affiliations(tx.session, row.id, data)
        refresh_org_sort(tx.session, person_ids=[row.id])
        refresh_people_fts(tx.session.connection(), [row.id])
        return row.id


def update_person(library, person_id: int, data: PersonInput) -> None:  # noqa: ANN001
    data = _clean_person(data)
    with library.store.write() as tx:
        row = tx.session.get(Person, person_id)
        if row is None:
            raise ValidationError(_("There is no contact with id {id}.").format(id=person_id))
        _resolve_org(tx.session, data)
        for key, value in _person_values(data).items():
            setattr(row, key, value)
        tx.session.flush()
        _write_channels(tx.session, person_id, data)
        _write_affiliations(tx.session, person_id, data)
        refresh_org_sort(tx.session, person_ids=[person_id])
        tx.touch("people")
        refresh_people_fts(tx.session.connection(), [person_id])


def repoint_references(tx, old_ids: Sequence[int], new_id: int | None) -> None:  # noqa: ANN001 - database.session.Tx
    """Quote speakers in articles and people shown in photos name contacts.
    When people are merged their references follow the kept person; when
    deleted (``new_id`` None), quotes keep their text but lose the link and
    photos forget the person. Each area moves its own rows."""
    from desktop.articles import api as articles
    from desktop.distribution import api as distribution
    from desktop.kits import api as kits
    from desktop.photos import api as photos

    ids = [int(i) for i in old_ids]
    if ids:
        articles.move_speaker(ids, new_id, tx)
        photos.move_person(ids, new_id, tx)
        if new_id is not None:  # a deleted contact used by a kit is refused before this (desktop.references)
            kits.move_contact(ids, new_id, tx)
            distribution.move_person(ids, new_id, tx)


def delete_people(library, person_ids: Sequence[int]) -> int:  # noqa: ANN001
    ids = sorted(set(int(i) for i in person_ids))
    if not ids:
        return 0
    with library.store.write() as tx:
        from desktop import references

        references.refuse_if_used(tx.session, "contact", ids)
        conn = tx.session.connection()
        repoint_references(tx, ids, None)
        count = 0
        for chunk in _chunks(ids):
            count += tx.session.execute(delete(P).where(P.c.id.in_(chunk))).rowcount or 0
            fts.delete(conn, PEOPLE_FTS, chunk)
        tx.audit("delete", "people", ",".join(map(str, ids[:50])), _("{count} contacts deleted").format(count=count))
        return count


def _person_input(s, row: Person) -> PersonInput:  # noqa: ANN001
    phones = [
        Phone(number=r.number, label=r.label, whatsapp=bool(r.whatsapp), public=bool(r.public),
              verified=bool(r.verified))
        for r in s.execute(select(PH).where(PH.c.person_id == row.id).order_by(PH.c.id))
    ]
    emails = [
        Email(address=r.address, label=r.label, public=bool(r.public))
        for r in s.execute(select(EM).where(EM.c.person_id == row.id).order_by(EM.c.id))
    ]
    social = {r.network: r.handle for r in s.execute(select(SO).where(SO.c.person_id == row.id).order_by(SO.c.id))}
    affs = [
        AffiliationInput(organization_id=r.organization_id, role=r.role, date_from=r.date_from, date_to=r.date_to)
        for r in s.execute(select(AF).where(AF.c.person_id == row.id).order_by(AF.c.id))
    ]
    return PersonInput(
        full_name=row.full_name,
        position=row.position,
        organization_id=row.organization_id,
        beat=row.beat,
        preferred_channel=row.preferred_channel,
        address=row.address,
        notes=row.notes,
        tags=split_tags(row.tags),
        source=row.source,
        consent=bool(row.consent),
        photo=s.scalar(select(PP.c.data).where(PP.c.person_id == row.id)),
        phones=phones,
        emails=emails,
        social=social,
        affiliations=affs,
    )


def get_person(library, person_id: int) -> PersonDetail:  # noqa: ANN001
    with library.store.read() as s:
        row = s.get(Person, person_id)
        if row is None:
            raise ValidationError(_("There is no contact with id {id}.").format(id=person_id))
        data = _person_input(s, row)
        org = s.scalar(select(O.c.name).where(O.c.id == row.organization_id)) if row.organization_id else ""
        lists = [
            (r.id, r.name)
            for r in s.execute(
                select(DL.c.id, DL.c.name).join(LM, LM.c.list_id == DL.c.id).where(LM.c.person_id == person_id)
                .order_by(DL.c.name)
            )
        ]
        history = log.history(s, person_id=person_id)
        return PersonDetail(
            id=person_id, data=data, organization=org or "", lists=lists, history=history,
            created_at=row.created_at, updated_at=row.updated_at,
        )


def public_contact(library, person_id: int) -> PublicContact:  # noqa: ANN001
    """What a press kit may print about a person: never a private phone or e-mail."""
    with library.store.read() as s:
        row = s.get(Person, person_id)
        if row is None:
            raise ValidationError(_("There is no contact with id {id}.").format(id=person_id))
        org = s.scalar(select(O.c.name).where(O.c.id == row.organization_id)) if row.organization_id else ""
        phones = list(s.scalars(
            select(PH.c.number).where(PH.c.person_id == person_id, PH.c.public.is_(True)).order_by(PH.c.id)
        ))
        emails = list(s.scalars(
            select(EM.c.address).where(EM.c.person_id == person_id, EM.c.public.is_(True)).order_by(EM.c.id)
        ))
        from desktop.contacts.normalize import format_phone

        # Printed as the lists show them (one style everywhere, see format_phone).
        return PublicContact(name=row.full_name, position=row.position, organization=org or "",
                             phones=[format_phone(p) for p in phones], emails=emails)


# -- list queries -----------------------------------------------------------------


def search_terms(query: str) -> str:
    """Search-as-you-type: every bare word matches as a prefix (``radar jem`` finds Radar Jember)."""
    if '"' in query:
        return query
    return " ".join(w if w.endswith("*") else w + "*" for w in query.split())




def _tag_clause(col, tag: str):  # noqa: ANN001, ANN202
    return (literal(",") + col + literal(",")).like("%," + clean_tags([tag]) + ",%")


def _people_where(s, f: PeopleFilter, depth: int = 0) -> list:  # noqa: ANN001
    clauses = []
    if f.search:
        found = fts.matches(PEOPLE_FTS, P.c.id, search_terms(f.search))
        if found is not None:
            clauses.append(found)
    if f.type_id:
        clauses.append(O.c.type_id == f.type_id)
    if f.region:
        clauses.append(or_(O.c.regency == f.region, O.c.province == f.region))
    if f.tag:
        clauses.append(_tag_clause(P.c.tags, f.tag))
    if f.organization_id:
        clauses.append(P.c.id.in_(select(AF.c.person_id).where(AF.c.organization_id == f.organization_id)))
    if f.list_id:
        saved = s.scalar(select(DL.c.filter_json).where(DL.c.id == f.list_id))
        if saved and depth < 3:
            clauses.extend(_people_where(s, PeopleFilter.from_json(saved), depth + 1))
        else:
            clauses.append(P.c.id.in_(select(LM.c.person_id).where(LM.c.list_id == f.list_id)))
    return clauses


def _people_from(f: PeopleFilter | None = None):  # noqa: ANN202
    """People joined to their main organisation (a count without such filters skips the join)."""
    if f is not None and not (f.type_id or f.region or f.list_id):
        return P
    return P.outerjoin(O, O.c.id == P.c.organization_id)


def count_people(library, f: PeopleFilter | None = None) -> int:  # noqa: ANN001
    f = f or PeopleFilter()
    with library.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(_people_from(f)).where(*_people_where(s, f))) or 0)


def people_ids(library, f: PeopleFilter | None = None) -> list[int]:  # noqa: ANN001
    f = f or PeopleFilter()
    with library.store.read() as s:
        q = select(P.c.id).select_from(_people_from()).where(*_people_where(s, f)).order_by(P.c.sort_name, P.c.id)
        return list(s.scalars(q))


def people_page(
    library,  # noqa: ANN001
    f: PeopleFilter | None = None,
    *,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[PersonRow]:
    """One page of the people list, sorted and filtered in SQL."""
    f = f or PeopleFilter()
    keys = {
        "name": [P.c.sort_name],
        "position": [P.c.position, P.c.sort_name],
        "organization": [P.c.organization_sort, P.c.sort_name],
        "region": [func.coalesce(O.c.regency, ""), P.c.sort_name],
        "created": [P.c.created_at],
    }[sort if sort in PERSON_SORTS else "name"]
    order = [k.desc() if descending else k for k in keys] + [P.c.id.desc() if descending else P.c.id]
    with library.store.read() as s:
        # The page's ids first, joining organisations only when the filter or
        # sort needs them: skipping 49,800 rows for the last page is then an
        # index walk, not 49,800 joins. The page's details come after, by id.
        source = P.outerjoin(O, O.c.id == P.c.organization_id) if sort == "region" else _people_from(f)
        ids = list(s.scalars(
            select(P.c.id).select_from(source).where(*_people_where(s, f)).order_by(*order).offset(offset).limit(limit)
        ))
        found = {
            r.id: r for r in s.execute(
                select(P.c.id, P.c.full_name, P.c.position, O.c.name.label("org"), O.c.regency, O.c.province, P.c.tags)
                .select_from(P.outerjoin(O, O.c.id == P.c.organization_id))
                .where(P.c.id.in_(ids))
            )
        } if ids else {}
        rows = [found[i] for i in ids if i in found]
        phones: dict[int, str] = {}
        emails: dict[int, str] = {}
        if ids:
            for pid, number in s.execute(
                select(PH.c.person_id, PH.c.number).where(PH.c.person_id.in_(ids)).order_by(PH.c.id.desc())
            ):
                phones[pid] = number
            for pid, address in s.execute(
                select(EM.c.person_id, EM.c.address).where(EM.c.person_id.in_(ids)).order_by(EM.c.id.desc())
            ):
                emails[pid] = address
    return [
        PersonRow(
            id=r.id, name=r.full_name, position=r.position, organization=r.org or "",
            region=", ".join(x for x in (r.regency, r.province) if x),
            phone=phones.get(r.id, ""), email=emails.get(r.id, ""), tags=(r.tags or "").replace(",", ", "),
        )
        for r in rows
    ]


def _org_where(f: OrgFilter) -> list:
    clauses = []
    if f.search:
        found = fts.matches(ORG_FTS, O.c.id, search_terms(f.search))
        if found is not None:
            clauses.append(found)
    if f.type_id:
        clauses.append(O.c.type_id == f.type_id)
    if f.region:
        clauses.append(or_(O.c.regency == f.region, O.c.province == f.region))
    if f.tag:
        clauses.append(_tag_clause(O.c.tags, f.tag))
    return clauses


def count_orgs(library, f: OrgFilter | None = None) -> int:  # noqa: ANN001
    f = f or OrgFilter()
    with library.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(O.outerjoin(T, T.c.id == O.c.type_id)).where(*_org_where(f))) or 0)


def orgs_page(
    library,  # noqa: ANN001
    f: OrgFilter | None = None,
    *,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[OrgRow]:
    f = f or OrgFilter()
    keys = {
        "name": [func.lower(O.c.name)],
        "type": [T.c.position, func.lower(O.c.name)],
        "region": [O.c.regency, func.lower(O.c.name)],
        "mou_expires": [O.c.mou_expires.is_(None), O.c.mou_expires],
        "created": [O.c.created_at],
    }[sort if sort in ORG_SORTS else "name"]
    order = [k.desc() if descending else k for k in keys] + [O.c.id]
    with library.store.read() as s:
        rows = s.execute(
            select(O.c.id, O.c.name, T.c.name.label("type"), O.c.regency, O.c.province, O.c.mou_expires, O.c.tags)
            .select_from(O.outerjoin(T, T.c.id == O.c.type_id))
            .where(*_org_where(f))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        ).all()
        ids = [r.id for r in rows]
        counts = dict(
            s.execute(
                select(AF.c.organization_id, func.count(func.distinct(AF.c.person_id)))
                .where(AF.c.organization_id.in_(ids))
                .group_by(AF.c.organization_id)
            ).all()
        ) if ids else {}
    return [
        OrgRow(id=r.id, name=r.name, type=r.type or "", regency=r.regency, province=r.province,
               people=int(counts.get(r.id, 0)), mou_expires=r.mou_expires, tags=(r.tags or "").replace(",", ", "))
        for r in rows
    ]


def regions(library) -> list[str]:  # noqa: ANN001
    """Every kabupaten/kota and province in use, for the region filter."""
    with library.store.read() as s:
        values = set(s.scalars(select(O.c.regency).distinct())) | set(s.scalars(select(O.c.province).distinct()))
    return sorted(v for v in values if v)


def tags_in_use(library) -> list[str]:  # noqa: ANN001
    with library.store.read() as s:
        found: set[str] = set()
        for col in (P.c.tags, O.c.tags):
            for value in s.scalars(select(col).where(col != "").distinct()):
                found.update(split_tags(value))
    return sorted(found)


def person_names(library, ids: Iterable[int]) -> dict[int, str]:  # noqa: ANN001
    """Full names of the contacts ``ids`` that exist (for other areas showing who a link names)."""
    ids = sorted(set(int(i) for i in ids))
    found: dict[int, str] = {}
    with library.store.read() as s:
        for chunk in _chunks(ids):
            found.update(s.execute(select(P.c.id, P.c.full_name).where(P.c.id.in_(chunk))).all())
    return found


def person_named(library, name: str) -> int | None:  # noqa: ANN001
    """The contact written exactly ``name`` (case and spacing aside; the oldest of namesakes), or None."""
    name = " ".join(name.split())
    with library.store.read() as s:
        return s.scalar(select(P.c.id).where(func.lower(P.c.full_name) == name.lower()).order_by(P.c.id).limit(1))


def existing_list_ids(library, list_ids: Iterable[int]) -> set[int]:  # noqa: ANN001
    """Which of ``list_ids`` are still distribution lists."""
    ids = sorted(set(int(i) for i in list_ids))
    found: set[int] = set()
    with library.store.read() as s:
        for chunk in _chunks(ids):
            found.update(s.scalars(select(DL.c.id).where(DL.c.id.in_(chunk))))
    return found


def first_person_ids(library, limit: int) -> list[int]:  # noqa: ANN001
    """The ``limit`` oldest contacts' ids (demo data picks from them)."""
    with library.store.read() as s:
        return list(s.scalars(select(P.c.id).order_by(P.c.id).limit(limit)))


def org_names(library, ids: Iterable[int]) -> dict[int, str]:  # noqa: ANN001
    ids = list(set(ids))
    if not ids:
        return {}
    with library.store.read() as s:
        return dict(s.execute(select(O.c.id, O.c.name).where(O.c.id.in_(ids))).all())


def org_choices(library, query: str = "", limit: int = 50) -> list[tuple[int, str]]:  # noqa: ANN001
    with library.store.read() as s:
        q = select(O.c.id, O.c.name).order_by(func.lower(O.c.name)).limit(limit)
        if query.strip():
            q = q.where(O.c.name.ilike("%" + query.strip() + "%"))
        return [(r.id, r.name) for r in s.execute(q)]


def all_for_listing(library) -> dict:  # noqa: ANN001
    """Everyone and every organisation in the shape of ``warta contacts list --json``."""
    with library.store.read() as s:
        phones: dict[int, list[str]] = {}
        for pid, number in s.execute(select(PH.c.person_id, PH.c.number).order_by(PH.c.id)):
            phones.setdefault(pid, []).append(number)
        emails: dict[int, list[str]] = {}
        for pid, address in s.execute(select(EM.c.person_id, EM.c.address).order_by(EM.c.id)):
            emails.setdefault(pid, []).append(address)
        people = [
            {"id": r.id, "name": r.full_name, "organization": r.org or "",
             "phones": phones.get(r.id, []), "emails": emails.get(r.id, [])}
            for r in s.execute(
                select(P.c.id, P.c.full_name, O.c.name.label("org")).select_from(_people_from())
                .order_by(P.c.sort_name, P.c.id)
            )
        ]
        orgs = [
            {"id": r.id, "name": r.name, "type": r.type or ""}
            for r in s.execute(
                select(O.c.id, O.c.name, T.c.name.label("type")).select_from(O.outerjoin(T, T.c.id == O.c.type_id))
                .order_by(func.lower(O.c.name), O.c.id)
            )
        ]
    return {"people": people, "organizations": orgs}
