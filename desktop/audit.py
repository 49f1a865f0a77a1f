"""The audit log read back for people: filtered pages, words instead of table names, CSV export.

``audit_log`` rows carry database words (``update``, ``article_comments``);
the window and the export show :func:`action_label` / :func:`entity_label`
instead. Every query of the log lives here, so the window (``desktop/ui``)
holds no SQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from desktop.i18n import N_, _
from desktop.jobs import Progress

ACTIONS = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "import": N_("imported"),
    "demo": N_("demo data"),
    "add": N_("added"),
    "remove": N_("removed"),
    "merge": N_("merged"),
    "bulk_update": N_("changed in bulk"),
    # Article workflow steps (desktop.articles.store.transition / approval).
    "submit": N_("submitted for review"),
    "approve": N_("approved"),
    "self_approve": N_("approved by its own writer"),
    "return": N_("returned with a comment"),
    "publish": N_("marked as published"),
    "archive": N_("archived"),
    "reopen": N_("reopened as draft"),
    "new_draft": N_("new draft after approval"),
    "self_approval_on": N_("self-approval allowed"),
    "self_approval_off": N_("self-approval forbidden"),
}

# Table -> what a person calls one of its rows.
ENTITIES = {
    "affiliations": N_("affiliation"),
    "article_approvals": N_("article approval"),
    "article_autosaves": N_("article autosave"),
    "article_comments": N_("article comment"),
    "article_quotes": N_("quote"),
    "article_revisions": N_("article revision"),
    "article_sources": N_("article source"),
    "article_tags": N_("article tag"),
    "articles": N_("article"),
    "collaboration_organizations": N_("collaboration partner"),
    "collaboration_people": N_("collaboration person"),
    "collaborations": N_("collaboration"),
    "coverage": N_("coverage"),
    "distribution_lists": N_("distribution list"),
    "edit_locks": N_("edit lock"),
    "glossary": N_("style glossary"),
    "kit_exports": N_("press kit export"),
    "kit_parts": N_("press kit part"),
    "kits": N_("press kit"),
    "list_members": N_("distribution list members"),
    "office": N_("office profile"),
    "organization_types": N_("organisation type"),
    "organizations": N_("organisation"),
    "people": N_("contact"),
    "person_emails": N_("contact e-mail"),
    "person_phones": N_("contact phone"),
    "person_photos": N_("contact photo"),
    "photo_album_items": N_("album photo"),
    "photo_albums": N_("photo album"),
    "photo_events": N_("photo event"),
    "photo_people": N_("person in a photo"),
    "photos": N_("photo"),
    "release_numbers": N_("release number"),
    "social_accounts": N_("social media account"),
    "staff": N_("staff profile"),
}


def action_label(action: str) -> str:
    """``update`` → ``diubah``; an action this version does not know is shown as stored."""
    return _(ACTIONS[action]) if action in ACTIONS else action


def entity_label(entity: str) -> str:
    """``article_comments`` → ``komentar artikel``."""
    return _(ENTITIES[entity]) if entity in ENTITIES else entity.replace("_", " ")


@dataclass
class AuditFilter:
    staff_id: int | None = None  # None: everyone
    action: str = ""  # a stored action word, "" for all
    entity: str = ""  # a stored table name, "" for all
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive
    text: str = ""  # in the summary or the record id


class AuditRow(NamedTuple):
    id: int
    at: Any
    who: str
    action: str
    entity: str
    entity_id: str
    summary: str


def _where(query, f: AuditFilter):  # noqa: ANN001, ANN202 - a Select
    from database.models import AuditLog

    if f.staff_id is not None:
        query = query.where(AuditLog.staff_id == f.staff_id)
    if f.action:
        query = query.where(AuditLog.action == f.action)
    if f.entity:
        query = query.where(AuditLog.entity == f.entity)
    if f.since is not None:
        query = query.where(AuditLog.at >= dt.datetime.combine(f.since, dt.time.min))
    if f.until is not None:
        query = query.where(AuditLog.at < dt.datetime.combine(f.until + dt.timedelta(days=1), dt.time.min))
    if f.text.strip():
        pattern = "%" + f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(AuditLog.summary.ilike(pattern, escape="\\") | AuditLog.entity_id.ilike(pattern, escape="\\"))
    return query


def count(library, f: AuditFilter) -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    from database.models import AuditLog

    with library.store.read() as s:
        return int(s.scalar(_where(select(func.count()).select_from(AuditLog), f)) or 0)


def page(library, f: AuditFilter, offset: int = 0, limit: int = 500) -> list[AuditRow]:  # noqa: ANN001
    """Newest first."""
    from sqlalchemy import select

    from database.models import AuditLog, Staff

    query = _where(
        select(AuditLog.id, AuditLog.at, Staff.name, AuditLog.action, AuditLog.entity, AuditLog.entity_id,
               AuditLog.summary).outerjoin(Staff, Staff.id == AuditLog.staff_id),
        f,
    ).order_by(AuditLog.id.desc()).offset(offset).limit(limit)
    with library.store.read() as s:
        return [AuditRow(r[0], r[1], r[2] or "—", r[3], r[4], r[5] or "", r[6] or "") for r in s.execute(query)]


def choices(library) -> tuple[list[tuple[int, str]], list[str], list[str]]:  # noqa: ANN001
    """The people, actions and record kinds that occur in the log (for the filter's lists)."""
    from sqlalchemy import select

    from database.models import AuditLog, Staff

    with library.store.read() as s:
        people = [(r[0], r[1]) for r in s.execute(
            select(Staff.id, Staff.name).where(Staff.id.in_(select(AuditLog.staff_id).distinct())).order_by(Staff.name))]
        actions = list(s.scalars(select(AuditLog.action).distinct()))
        entities = list(s.scalars(select(AuditLog.entity).distinct()))
    return people, sorted(actions, key=action_label), sorted(entities, key=entity_label)


def export_csv(library, f: AuditFilter, target: Path | str, progress: Progress | None = None) -> int:  # noqa: ANN001
    """Write the filtered log as CSV (UTF-8 with BOM, which Excel reads); returns the row count."""
    from desktop.dates import short_datetime
    from desktop.fsutil import atomic_write

    progress = progress or Progress()
    total = count(library, f)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("When"), _("Who"), _("Action"), _("Record"), _("Id"), _("Summary")])
    done = 0
    while done < total:
        rows = page(library, f, done, 1000)
        if not rows:
            break
        for r in rows:
            writer.writerow([short_datetime(r.at), r.who, action_label(r.action), entity_label(r.entity),
                             r.entity_id, r.summary])
        done += len(rows)
        progress.report(done, total, "")
        progress.check()
    with atomic_write(target) as fh:
        fh.write(buffer.getvalue().encode("utf-8-sig"))
    return done
