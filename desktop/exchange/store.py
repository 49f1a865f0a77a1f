"""Exchange bookkeeping: trusted offices, bundles written and accepted, member offices' items.

Every import runs in one ``library.store.write()``: the bundle row (which is
also the replay guard: a bundle id once, sequences only rising per office and
kind), the sections' changes, the items. Anything refused raises before or
inside it, so nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, or_, select

from database.models import ExchangeBundle, ExchangeItem, ExchangeItemPhoto, ExchangeOffice, StyleStandard
from desktop.exchange import bundle as fmt
from desktop.exchange import keys
from desktop.exchange import sections as sec
from desktop.exchange.keys import AlreadyImported, ExchangeError
from desktop.i18n import _
from desktop.jobs import ImportResult, Progress

MAX_ITEMS = 20_000  # per report bundle
MAX_TEXT = 200_000  # characters of one item's text
MAX_PHOTO_BYTES = 10 * 1024 * 1024


# -- keys ---------------------------------------------------------------------------------


def _office_name(library) -> str:  # noqa: ANN001
    from desktop import office

    profile = office.load(library)
    return profile.name or profile.short_name


def own_key(library) -> keys.OfficeKey:  # noqa: ANN001
    return keys.own_key(library, _office_name(library))


def public_key_file(library, target: Path) -> keys.OfficeKey:  # noqa: ANN001
    """Write this office's public key (``.wartakey``) for a partner office to trust."""
    from desktop.fsutil import atomic_write

    key = own_key(library)
    data = {"format": "warta-office-key", "format_version": 1, "office": {
        "id": key.office_uid, "name": key.name, "public_key": key.public_key}}
    with atomic_write(target) as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    return key


def _key_from_file(path: Path) -> dict:
    """The office (id, name, public key) in a ``.wartakey`` file or in a bundle's manifest (unverified)."""
    source = path.name
    if path.suffix.lower() == fmt.SUFFIX:
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                info = zf.getinfo(fmt.MANIFEST)
                if info.file_size > fmt.MAX_MANIFEST_BYTES:
                    raise ValueError("manifest")
                office = json.loads(zf.read(info).decode("utf-8"))["office"]
        except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
            raise ExchangeError(_("{file} carries no office key Warta can read.").format(file=source)) from exc
    else:
        try:
            if path.stat().st_size > 64 * 1024:
                raise ValueError("size")
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != "warta-office-key":
                raise ValueError("format")
            office = data["office"]
        except (OSError, KeyError, ValueError, TypeError, AttributeError) as exc:
            raise ExchangeError(_("{file} carries no office key Warta can read.").format(file=source)) from exc
    if not isinstance(office, dict) or not keys.is_public_hex(office.get("public_key")):
        raise ExchangeError(_("{file} carries no office key Warta can read.").format(file=source))
    return {"name": str(office.get("name") or "")[:300], "public_key": office["public_key"]}


def key_in_file(path: Path) -> keys.OfficeKey:
    found = _key_from_file(Path(path))
    public = found["public_key"]
    return keys.OfficeKey(keys.office_uid(public), found["name"], public, keys.fingerprint(public))


def trust(library, path: Path, typed_fingerprint: str, *, name: str = "") -> keys.OfficeKey:  # noqa: ANN001
    """Trust the office key in ``path`` (a ``.wartakey`` or a bundle) if it has the fingerprint read out by phone."""
    wanted = keys.normalize_fingerprint(typed_fingerprint)
    found = key_in_file(path)
    if found.fingerprint != wanted:
        raise ExchangeError(
            _("The key in {file} has the fingerprint {actual}, not {typed}: it is not the key the office read out. "
              "It was not trusted.").format(file=Path(path).name, actual=found.fingerprint, typed=wanted)
        )
    if found.public_key == own_key(library).public_key:
        raise ExchangeError(_("That is this office's own key; there is no need to trust it."))
    name = (name or found.name).strip()[:300]
    with library.store.write() as tx:
        row = tx.session.scalar(select(ExchangeOffice).where(ExchangeOffice.public_key == found.public_key))
        if row is None:
            tx.session.add(ExchangeOffice(office_uid=found.office_uid, name=name, public_key=found.public_key,
                                          fingerprint=found.fingerprint, note=""))
        else:
            row.name = name or row.name
    return keys.OfficeKey(found.office_uid, name, found.public_key, found.fingerprint)


@dataclass
class TrustedOffice:
    id: int
    office_uid: str
    name: str
    fingerprint: str
    trusted_at: dt.datetime
    items: int = 0
    last_bundle: dt.datetime | None = None


def trusted_offices(library) -> list[TrustedOffice]:  # noqa: ANN001
    with library.store.read() as s:
        items = dict(s.execute(select(ExchangeItem.office_id, func.count()).group_by(ExchangeItem.office_id)).all())
        last = dict(s.execute(
            select(ExchangeBundle.office_id, func.max(ExchangeBundle.processed_at))
            .where(ExchangeBundle.direction == "import").group_by(ExchangeBundle.office_id)
        ).all())
        return [
            TrustedOffice(r.id, r.office_uid, r.name, r.fingerprint, r.trusted_at, items.get(r.id, 0), last.get(r.id))
            for r in s.execute(select(ExchangeOffice).order_by(ExchangeOffice.name, ExchangeOffice.id)).scalars()
        ]


def forget(library, fingerprint_or_uid: str) -> str:  # noqa: ANN001
    """Stop trusting an office; what it reported goes with it. Returns its name."""
    text = fingerprint_or_uid.strip()
    with library.store.write() as tx:
        cond = [ExchangeOffice.office_uid == text.lower()]
        try:
            cond.append(ExchangeOffice.fingerprint == keys.normalize_fingerprint(text))
        except ExchangeError:
            pass
        row = tx.session.scalar(select(ExchangeOffice).where(or_(*cond)))
        if row is None:
            raise ExchangeError(_("No trusted office has the key {key}.").format(key=text[:80]))
        name = row.name
        tx.session.delete(row)
    return name


# -- exporting ----------------------------------------------------------------------------


def _export(library, target: Path, kind: str, content: dict, files: dict[str, bytes], summary,  # noqa: ANN001
            period: tuple[dt.date, dt.date] | None = None) -> dict:
    """Number, sign and write the bundle, and record it in the same transaction: a bundle whose record
    did not commit is removed, so its number is never given twice (the receiver would refuse the second)."""
    key = own_key(library)
    written = False
    try:
        with library.store.write() as tx:
            # Two PCs exporting at once: the second waits and numbers after the first.
            tx.one_at_a_time(f"warta.exchange.export.{kind}")
            sequence = (tx.session.scalar(select(func.max(ExchangeBundle.sequence)).where(
                ExchangeBundle.direction == "export", ExchangeBundle.kind == kind,
                ExchangeBundle.office_uid == key.office_uid)) or 0) + 1
            manifest = fmt.write(library, target, kind=kind, key=key, sequence=sequence, content=content,
                                 files=files, period=period)
            written = True
            tx.session.add(ExchangeBundle(
                bundle_uid=manifest["bundle_id"], direction="export", kind=kind, office_id=None,
                office_uid=key.office_uid, office_name=key.name, sequence=sequence,
                created_at=fmt.parse_time(manifest["created"]),
                period_from=period[0] if period else None, period_to=period[1] if period else None,
                file_name=target.name[:500], sha256=hashlib.sha256(target.read_bytes()).hexdigest(),
                summary=summary(sequence),
            ))
            tx.session.flush()
    except BaseException:
        if written:
            target.unlink(missing_ok=True)
        raise
    return manifest


def export_style_pack(library, target: Path, progress: Progress | None = None) -> dict:  # noqa: ANN001
    """Write this office's standard (every style-pack section) as a signed, versioned bundle."""
    target = Path(target)
    content = {}
    parts = sec.of_kind(sec.STYLE_PACK)
    for i, section in enumerate(parts):
        if progress is not None:
            progress.report(i, len(parts), section.title())
        content[section.key] = section.export(library)
    manifest = _export(library, target, sec.STYLE_PACK, {"sections": content}, {},
                       lambda n: _("style pack version {version}").format(version=n))
    return {"file": str(target), "kind": sec.STYLE_PACK, "version": manifest["sequence"],
            "bundle_id": manifest["bundle_id"], "sections": sorted(content)}


def export_report(
    library, target: Path, date_from: dt.date, date_to: dt.date, progress: Progress | None = None  # noqa: ANN001
) -> dict:
    """Write this office's report of a period (every report section, photos as files) as a signed bundle."""
    from desktop.errors import ValidationError

    if date_to < date_from:
        raise ValidationError(_("The report period ends before it starts."))
    target = Path(target)
    content: dict[str, list] = {}
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    parts = sec.of_kind(sec.REPORT)
    for i, section in enumerate(parts):
        if progress is not None:
            progress.report(i, len(parts), section.title())
            progress.check()
        items = section.export(library, date_from, date_to)
        for item in items:
            refs = []
            for photo in item.pop("photos", []):
                name = f"{fmt.PHOTO_FOLDER}/{len(files) + 1:05d}.jpg"
                files[name] = photo["data"]
                refs.append({"file": name, "caption": photo.get("caption", ""), "credit": photo.get("credit", "")})
            item["photos"] = refs
        content[section.key] = items
        counts[section.key] = len(items)
    manifest = _export(library, target, sec.REPORT, {"sections": content}, files, lambda n: sec.dumps(counts),
                       (date_from, date_to))
    return {"file": str(target), "kind": sec.REPORT, "sequence": manifest["sequence"],
            "bundle_id": manifest["bundle_id"],
            "from": date_from.isoformat(), "to": date_to.isoformat(), "counts": counts}


# -- importing ----------------------------------------------------------------------------


def _open(library, path: Path, progress: Progress | None = None) -> tuple[fmt.Bundle, ExchangeOffice]:  # noqa: ANN001
    found: dict = {}

    def trusted(public: str, manifest: dict) -> None:
        with library.store.read() as s:
            row = s.scalar(select(ExchangeOffice).where(ExchangeOffice.public_key == public))
            if row is not None:
                s.expunge(row)
        if row is None:
            raise fmt.refuse(Path(path).name, _(
                "it is signed by '{office}' with a key this office does not trust (fingerprint {fingerprint}). "
                "Call that office, compare the fingerprint and trust it first (Exchange → Trust a key)."
            ).format(office=str(manifest["office"].get("name"))[:200], fingerprint=keys.fingerprint(public)))
        found["office"] = row

    b = fmt.read(path, trusted, progress)
    office = found["office"]
    with library.store.read() as s:
        before = s.scalar(select(ExchangeBundle.processed_at).where(
            ExchangeBundle.direction == "import", ExchangeBundle.bundle_uid == b.bundle_uid))
        newest = s.scalar(select(func.max(ExchangeBundle.sequence)).where(
            ExchangeBundle.direction == "import", ExchangeBundle.office_id == office.id, ExchangeBundle.kind == b.kind))
    if before is not None:
        from desktop import dates

        raise AlreadyImported(_("The bundle {file} was already imported on {date}; nothing was changed.").format(
            file=b.source, date=dates.short_datetime(before)))
    if newest is not None and b.sequence <= newest:
        raise fmt.refuse(b.source, _(
            "it is number {sequence} from '{office}', but number {newest} was already imported (an old or replayed bundle)."
        ).format(sequence=b.sequence, office=office.name, newest=newest))
    sections = b.content.get("sections")
    if not isinstance(sections, dict):
        raise fmt.refuse(b.source, _("its content cannot be read."))
    return b, office


@dataclass
class Preview:
    """What importing a bundle would do, before anything is changed."""

    path: str
    kind: str
    office: str
    fingerprint: str
    sequence: int
    created: dt.datetime
    changes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"file": self.path, "kind": self.kind, "office": self.office, "fingerprint": self.fingerprint,
                "sequence": self.sequence, "created": self.created.isoformat(), "changes": self.changes,
                "counts": self.counts}


def _style_changes(library, b: fmt.Bundle) -> list[str]:  # noqa: ANN001
    known = {s.key: s for s in sec.of_kind(sec.STYLE_PACK)}
    out = []
    for key, value in sorted(b.content["sections"].items()):
        section = known.get(key)
        if section is None or section.describe is None:
            continue  # a section this Warta does not have yet: kept in the pack, applied by nobody
        try:
            out += section.describe(library, value)
        except (ValueError, TypeError, AttributeError) as exc:
            raise fmt.refuse(b.source, _("its part '{section}' is malformed.").format(section=key)) from exc
        except ExchangeError:
            raise
        except Exception as exc:  # a ValidationError from the section (a contradictory glossary)
            from desktop.errors import WartaError

            if not isinstance(exc, WartaError):
                raise
            raise fmt.refuse(b.source, _("its part '{section}' is not valid: {problem}").format(
                section=key, problem=exc)) from exc
    return out


def preview(library, path: Path, progress: Progress | None = None) -> Preview:  # noqa: ANN001
    b, office = _open(library, Path(path), progress)
    p = Preview(str(path), b.kind, office.name, office.fingerprint, b.sequence, b.created)
    if b.kind == sec.STYLE_PACK:
        p.changes = _style_changes(library, b)
    else:
        p.counts = {k: len(v) for k, v in b.content["sections"].items() if isinstance(v, list)}
    return p


def import_bundle(library, path: Path, progress: Progress | None = None) -> ImportResult | Preview:  # noqa: ANN001
    """Verify and apply a bundle in one transaction (a style pack: its changes; a report: its items)."""
    b, office = _open(library, Path(path), progress)
    if b.kind == sec.STYLE_PACK:
        return _apply_style(library, b, office)
    return _apply_report(library, b, office, progress)


def _bundle_row(b: fmt.Bundle, office: ExchangeOffice, content: str, summary: str) -> ExchangeBundle:
    period_from, period_to = b.period
    return ExchangeBundle(
        bundle_uid=b.bundle_uid, direction="import", kind=b.kind, office_id=office.id, office_uid=office.office_uid,
        office_name=office.name, sequence=b.sequence, created_at=b.created, period_from=period_from,
        period_to=period_to, file_name=b.source[:500], sha256=b.sha256, content=content, summary=summary,
    )


def _apply_style(library, b: fmt.Bundle, office: ExchangeOffice) -> Preview:  # noqa: ANN001
    changes = _style_changes(library, b)
    known = {s.key: s for s in sec.of_kind(sec.STYLE_PACK)}
    with library.store.write() as tx:
        tx.session.add(_bundle_row(b, office, sec.dumps(b.content["sections"]), "\n".join(changes)))
        for key, value in sorted(b.content["sections"].items()):
            section = known.get(key)
            if section is not None and section.apply is not None:
                section.apply(tx, value)
        tx.audit("import", "style_pack", b.sequence, _("style pack {version} from {office}").format(
            version=b.sequence, office=office.name))
    return Preview(str(b.source), b.kind, office.name, office.fingerprint, b.sequence, b.created, changes)


def _text(value: object, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _parse_item(raw: object, b: fmt.Bundle, section: str) -> dict:
    bad = fmt.refuse(b.source, _("its part '{section}' is malformed.").format(section=section))
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"] or len(raw["id"]) > 100:
        raise bad
    date = at = None
    try:
        if raw.get("date"):
            date = dt.date.fromisoformat(raw["date"])
        if raw.get("at"):
            at = fmt.parse_time(raw["at"])
    except (TypeError, ValueError) as exc:
        raise bad from exc
    fields = raw.get("fields") or {}
    photos = raw.get("photos") or []
    if not isinstance(fields, dict) or not isinstance(photos, list):
        raise bad
    pics = []
    for photo in photos:
        if not isinstance(photo, dict) or photo.get("file") not in b.files:
            raise bad
        data = b.files[photo["file"]]
        if len(data) > MAX_PHOTO_BYTES or not data.startswith(b"\xff\xd8"):
            raise fmt.refuse(b.source, _("{name} is not a JPEG photo.").format(name=photo["file"]))
        pics.append({"caption": _text(photo.get("caption"), 5000), "credit": _text(photo.get("credit"), 300),
                     "sha256": hashlib.sha256(data).hexdigest(), "data": data})
    item = {
        "source_id": raw["id"], "title": _text(raw.get("title"), 500), "date": date, "at": at,
        "text": _text(raw.get("text"), MAX_TEXT), "fields": sec.dumps(fields),
    }
    item["digest"] = hashlib.sha256(
        sec.dumps([item["title"], raw.get("date"), raw.get("at"), item["text"], item["fields"],
                   [(p["caption"], p["credit"], p["sha256"]) for p in pics]]).encode("utf-8")
    ).hexdigest()
    item["photos"] = pics
    return item


def _apply_report(library, b: fmt.Bundle, office: ExchangeOffice, progress: Progress | None) -> ImportResult:  # noqa: ANN001
    parsed: list[tuple[str, dict]] = []
    for section, items in sorted(b.content["sections"].items()):
        if not isinstance(section, str) or len(section) > 40 or not isinstance(items, list):
            raise fmt.refuse(b.source, _("its content cannot be read."))
        parsed += [(section, _parse_item(raw, b, section)) for raw in items]
    if len(parsed) > MAX_ITEMS:
        raise fmt.refuse(b.source, _("it holds more than {limit} items.").format(limit=MAX_ITEMS))
    result = ImportResult()
    with library.store.write() as tx:
        s = tx.session
        row = _bundle_row(b, office, "", "")
        s.add(row)
        s.flush()
        existing = {
            (r.section, r.source_id): r
            for r in s.execute(select(ExchangeItem).where(ExchangeItem.office_id == office.id)).scalars()
        }
        for i, (section, item) in enumerate(parsed):
            if progress is not None and i % 50 == 0:
                progress.report(i, len(parsed), item["title"][:60])
            label = f"{section}:{item['source_id']}"
            mine = existing.get((section, item["source_id"]))
            if mine is not None and mine.digest == item["digest"]:
                result.existing.append(label)
                continue
            if mine is None:
                mine = ExchangeItem(office_id=office.id, section=section, source_id=item["source_id"])
                s.add(mine)
                result.added.append(label)
            else:
                for photo in s.execute(select(ExchangeItemPhoto).where(ExchangeItemPhoto.item_id == mine.id)).scalars():
                    s.delete(photo)
                result.merged.append(label)
            mine.bundle_id = row.id
            for name in ("title", "date", "at", "text", "fields", "digest"):
                setattr(mine, name, item[name])
            s.flush()
            for n, photo in enumerate(item["photos"]):
                s.add(ExchangeItemPhoto(item_id=mine.id, ordinal=n, caption=photo["caption"], credit=photo["credit"],
                                        sha256=photo["sha256"], data=photo["data"]))
        row.summary = sec.dumps({"added": len(result.added), "merged": len(result.merged),
                                 "existing": len(result.existing)})
    return result


# -- what this office holds ---------------------------------------------------------------


def standard(library) -> dict:  # noqa: ANN001
    """The style pack in force (the newest imported one's sections), or {} when none was imported."""
    with library.store.read() as s:
        raw = s.scalar(select(ExchangeBundle.content).where(
            ExchangeBundle.direction == "import", ExchangeBundle.kind == sec.STYLE_PACK
        ).order_by(ExchangeBundle.processed_at.desc(), ExchangeBundle.id.desc()).limit(1))
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# -- this office's standard: its templates and kop rules (style_standard) ------------------------
#
# One primary-key read per lookup (a new article, a letterhead): no cache to go stale when another
# PC of a shared office changes the standard.

def _section_value(session, key: str) -> object:
    raw = session.scalar(select(StyleStandard.content).where(StyleStandard.section == key))
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def _templates_in(value: object) -> dict[str, dict]:
    return {k: v for k, v in value.items() if isinstance(v, dict)} if isinstance(value, dict) else {}


def own_templates(library) -> dict[str, dict]:  # noqa: ANN001
    """This office's templates per kind (authored, or applied from a pack); a kind without one is built-in."""
    with library.store.read() as s:
        return _templates_in(_section_value(s, "templates"))


def template_for(library, kind: str) -> dict[str, str] | None:  # noqa: ANN001
    """The standard template of ``kind`` (``{"lead", "body"}``, either may be missing) or None: the built-in one."""
    found = own_templates(library).get(kind)
    if not isinstance(found, dict):
        return None
    out = {k: found[k] for k in ("lead", "body") if isinstance(found.get(k), str)}
    return out or None


def kop_rules(library) -> dict:  # noqa: ANN001
    """The letterhead rules in force: this office's (checked when written) over Warta's defaults."""
    with library.store.read() as s:
        return sec.kop_rules(_section_value(s, "kop"))


def write_section(tx, key: str, value: object) -> None:  # noqa: ANN001 - database.session.Tx
    """Store ``value`` (already checked) as this office's ``key`` section; None removes it (built-in)."""
    row = tx.session.get(StyleStandard, key)
    if value is None:
        if row is not None:
            tx.session.delete(row)
        return
    content = sec.dumps(value)
    if row is None:
        tx.session.add(StyleStandard(section=key, content=content, updated_by=tx.staff_id))
    elif row.content != content:
        row.content, row.updated_by = content, tx.staff_id


def save_standard(library, *, templates: dict[str, dict | None] | None = None,  # noqa: ANN001
                  kop: dict | None = None) -> dict:
    """Change this office's templates and kop rules in one transaction (Admin only).

    ``templates`` maps a kind to ``{"lead", "body"}`` (either may be left out: it stays as it is)
    or to None (back to Warta's built-in template); ``kop`` holds the rules to change. Checked as
    an imported pack is (``sections.check_template`` / ``check_kop``). Returns what is now in force:
    ``{"templates": {kind: {lead, body}}, "kop": {...}}``.
    """
    from database.models import Staff
    from desktop.articles import api as articles
    from desktop.errors import ValidationError, WartaError

    with library.store.write() as tx:
        role = tx.session.scalar(select(Staff.role).where(Staff.id == tx.staff_id)) if tx.staff_id else None
        if role != "admin":
            raise WartaError(_("Only an Admin can change the office's templates and letterhead (kop) rules. "
                               "Nothing was changed."))
        if templates:
            current = _templates_in(_section_value(tx.session, "templates"))
            for kind, value in templates.items():
                sec.check_kind(kind)
                if value is None:
                    current.pop(kind, None)
                    continue
                base = {**sec.builtin_template(kind), **(current.get(kind) or {})}
                try:
                    current[kind] = {**base, **sec.check_template(kind, value)}
                except ValueError as exc:
                    raise ValidationError(_("A template's lead and body are text.")) from exc
            write_section(tx, "templates", current or None)
        if kop:
            rules = sec.check_kop({**sec.kop_rules(_section_value(tx.session, "kop")), **kop})
            write_section(tx, "kop", rules)
    own = own_templates(library)
    return {"templates": {kind: {**sec.builtin_template(kind), **(own.get(kind) or {})} for kind in articles.KINDS},
            "kop": kop_rules(library)}


@dataclass
class BundleRow:
    id: int
    direction: str
    kind: str
    office: str
    sequence: int
    created_at: dt.datetime
    processed_at: dt.datetime
    file_name: str
    summary: str


def bundles(library, limit: int = 500) -> list[BundleRow]:  # noqa: ANN001
    with library.store.read() as s:
        return [BundleRow(r.id, r.direction, r.kind, r.office_name, r.sequence, r.created_at, r.processed_at,
                          r.file_name, r.summary)
                for r in s.execute(select(ExchangeBundle).order_by(ExchangeBundle.id.desc()).limit(limit)).scalars()]


@dataclass
class MemberItem:
    id: int
    office: str
    section: str
    title: str
    date: dt.date | None
    at: dt.datetime | None
    photos: int


@dataclass
class ItemQuery:
    search: str = ""
    section: str = ""
    office_id: int | None = None


def _item_where(q: ItemQuery) -> list:
    where = []
    if q.section:
        where.append(ExchangeItem.section == q.section)
    if q.office_id is not None:
        where.append(ExchangeItem.office_id == q.office_id)
    for word in q.search.split():
        pattern = "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(or_(func.lower(ExchangeItem.title).like(pattern, escape="\\"),
                         func.lower(ExchangeItem.text).like(pattern, escape="\\"),
                         func.lower(ExchangeOffice.name).like(pattern, escape="\\")))
    return where


def count_items(library, q: ItemQuery | None = None) -> int:  # noqa: ANN001
    q = q or ItemQuery()
    with library.store.read() as s:
        return s.scalar(select(func.count()).select_from(ExchangeItem)
                        .join(ExchangeOffice, ExchangeOffice.id == ExchangeItem.office_id).where(*_item_where(q))) or 0


def list_items(library, q: ItemQuery | None = None, *, offset: int = 0, limit: int = 200) -> list[MemberItem]:  # noqa: ANN001
    """Member offices' items, newest first (the province's combined search and latest releases)."""
    q = q or ItemQuery()
    photos = (select(func.count()).where(ExchangeItemPhoto.item_id == ExchangeItem.id)
              .correlate(ExchangeItem).scalar_subquery())
    stmt = (
        select(ExchangeItem.id, ExchangeOffice.name, ExchangeItem.section, ExchangeItem.title, ExchangeItem.date,
               ExchangeItem.at, photos.label("photos"))
        .join(ExchangeOffice, ExchangeOffice.id == ExchangeItem.office_id)
        .where(*_item_where(q))
        .order_by(ExchangeItem.date.desc().nulls_last(), ExchangeItem.id.desc())
        .offset(offset).limit(limit)
    )
    with library.store.read() as s:
        return [MemberItem(*r) for r in s.execute(stmt).all()]


def item_detail(library, item_id: int) -> dict:  # noqa: ANN001
    with library.store.read() as s:
        row = s.get(ExchangeItem, item_id)
        if row is None:
            raise ExchangeError(_("There is no reported item with number {id}.").format(id=item_id))
        office = s.get(ExchangeOffice, row.office_id)
        pics = s.execute(select(ExchangeItemPhoto.caption, ExchangeItemPhoto.credit, ExchangeItemPhoto.data)
                         .where(ExchangeItemPhoto.item_id == item_id).order_by(ExchangeItemPhoto.ordinal)).all()
        return {"id": row.id, "office": office.name if office else "", "section": row.section, "title": row.title,
                "date": row.date, "at": row.at, "text": row.text, "fields": json.loads(row.fields or "{}"),
                "photos": [{"caption": p.caption, "credit": p.credit, "data": p.data} for p in pics]}


def member_counts(library) -> dict[str, dict[str, int]]:  # noqa: ANN001
    """Per member office, how many items of each section it reported."""
    with library.store.read() as s:
        out: dict[str, dict[str, int]] = {}
        for name, section, n in s.execute(
            select(ExchangeOffice.name, ExchangeItem.section, func.count())
            .join(ExchangeItem, ExchangeItem.office_id == ExchangeOffice.id)
            .group_by(ExchangeOffice.name, ExchangeItem.section).order_by(ExchangeOffice.name, ExchangeItem.section)
        ):
            out.setdefault(name, {})[section] = n
        return out
