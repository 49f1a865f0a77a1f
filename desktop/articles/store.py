"""Articles service: create, load, save (each save a revision), workflow,
history, duplicate, autosave/recovery, and the search index.

Headless: the window, the command line, importers and benchmarks all call
these functions. Every change is one ``library.store.write()`` transaction
that also keeps ``fts_articles`` in step.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import delete, func, insert, select, text

from database import fts
from database.base import utcnow
from database.models import Staff
from database.models.articles import (
    Article,
    ArticleAutosave,
    ArticleComment,
    ArticleQuote,
    ArticleRevision,
    ArticleTag,
)
from desktop.articles import snapshot
from desktop.articles.document import KINDS, STATUSES, TIMEZONES, ArticleDoc, Quote
from desktop.errors import ValidationError, WartaError
from desktop.i18n import N_, _

# Weights per column: a word in the title says more than one in the body.
FTS = fts.Index(
    "fts_articles", "articles", ("title", "lead", "body", "quotes", "tags", "author"),
    weights=(10.0, 4.0, 1.0, 2.0, 5.0, 3.0),
)

KIND_LABELS = {
    "siaran_pers": N_("Press release"),
    "berita_kegiatan": N_("Activity news"),
    "klarifikasi": N_("Clarification"),
    "pengumuman": N_("Announcement"),
    "artikel": N_("Article"),
}
STATUS_LABELS = {
    "draft": N_("Draft"),
    "review": N_("In review"),
    "approved": N_("Approved"),
    "published": N_("Published"),
    "archived": N_("Archived"),
}
ACTION_LABELS = {
    "submit": N_("Submit for review"),
    "approve": N_("Approve"),
    "return": N_("Return with comment"),
    "publish": N_("Mark as published"),
    "archive": N_("Archive"),
    "reopen": N_("Reopen as draft"),
    "comment": N_("Comment"),
    "reopened": N_("Edited after approval, back to draft"),
    "new_draft": N_("New draft after approval"),
}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def action_label(action: str) -> str:
    return _(ACTION_LABELS.get(action, action))


class ArticleNotFound(WartaError):
    pass


class NotAllowed(WartaError):
    """The current staff member's role does not allow this step."""


class SaveConflict(WartaError):
    """Someone saved the article after it was opened here."""

    exit_code = 1


# -- values -------------------------------------------------------------------


@dataclass
class LoadedArticle:
    id: int
    doc: ArticleDoc
    author_id: int | None
    author_name: str
    revision: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass
class SaveResult:
    revision: int
    status: str
    reopened: bool = False  # kept for callers; a save no longer reopens an approved article
    changed: bool = True  # False: identical to the last revision, nothing stored


@dataclass
class RevisionInfo:
    id: int
    number: int
    staff_name: str
    created_at: dt.datetime
    status: str
    note: str


@dataclass
class CommentInfo:
    id: int
    staff_name: str
    created_at: dt.datetime
    action: str
    text: str


@dataclass
class Recovery:
    """Editor text autosaved but never saved (the app or the PC stopped first)."""

    article_id: int
    title: str
    doc: ArticleDoc
    updated_at: dt.datetime
    base_revision: int


@dataclass
class ListQuery:
    status: str | None = None  # None: all but archived; "all": everything
    kind: str | None = None
    author_id: int | None = None
    tag: str | None = None
    date_field: str = "updated_at"  # updated_at | publication_date | event_date | created_at
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str = ""
    sort: str = "updated_at"
    descending: bool = True


@dataclass
class ArticleRow:
    id: int
    title: str
    kind: str
    status: str
    writer: str
    publication_date: dt.date | None
    event_date: dt.date | None
    updated_at: dt.datetime

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "status": self.status,
            "writer": self.writer,
            "publication_date": self.publication_date.isoformat() if self.publication_date else None,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "updated_at": self.updated_at.isoformat(timespec="seconds"),
        }


SORT_COLUMNS = ("title", "kind", "status", "writer", "publication_date", "event_date", "updated_at", "created_at")
DATE_FIELDS = ("updated_at", "created_at", "publication_date", "event_date")

# -- validation and row mapping -------------------------------------------


# Fields whose database column has a length, as messages name them.
LIMITED_FIELDS = {
    "subtitle": N_("subtitle"),
    "dateline_city": N_("dateline city"),
    "writer": N_("writer"),
    "editor": N_("editor"),
    "photographer": N_("photo credit"),
    "source_url": N_("source address (URL)"),
    "source_site": N_("source site"),
}


def too_long(doc: ArticleDoc) -> tuple[str, int, int] | None:
    """(field as the user knows it, length, limit) of the first value longer than its column, or None.

    PostgreSQL refuses such a value with a raw error (SQLite would keep it).
    """
    columns = Article.__table__.c
    for name, label in LIMITED_FIELDS.items():
        value = (getattr(doc, name) or "").strip()
        if len(value) > columns[name].type.length:
            return _(label), len(value), columns[name].type.length
    quote_columns = ArticleQuote.__table__.c
    for number, quote in enumerate(doc.quotes, start=1):
        for value, name in ((quote.speaker, "speaker"), (quote.position, "position")):
            limit = quote_columns[name].type.length
            if len((value or "").strip()) > limit:
                label = _("speaker of quote {number}") if name == "speaker" else _("position of quote {number}")
                return label.format(number=number), len(value.strip()), limit
    return None


def _without_controls(doc: ArticleDoc) -> ArticleDoc:
    """The text fields without control characters (NUL, ESC, Word's \\v …): PostgreSQL refuses NUL
    and the .docx writer (so the kit ZIP) every one of them; a vertical tab becomes a line break."""
    import dataclasses

    from desktop.articles.io.markup import clean_text

    fields = {name: clean_text(getattr(doc, name) or "") for name in (
        "title", "subtitle", "dateline_city", "lead", "body", "writer", "editor", "photographer", "boilerplate",
        "contact_block", "source_url", "source_site")}
    quotes = [dataclasses.replace(q, speaker=clean_text(q.speaker or ""), position=clean_text(q.position or ""),
                                  text=clean_text(q.text or "")) for q in doc.quotes]
    return dataclasses.replace(doc, **fields, quotes=quotes, tags=[clean_text(str(t)) for t in doc.tags])


def _clean(doc: ArticleDoc) -> ArticleDoc:
    """Strip fields and reject what the database must never hold."""
    doc = _without_controls(doc)
    title = (doc.title or "").strip()
    if not title:
        raise ValidationError(_("An article needs a title."))
    if doc.kind not in KINDS:
        raise ValidationError(
            _("Unknown article kind '{kind}'. Use one of: {kinds}.").format(kind=doc.kind, kinds=", ".join(KINDS))
        )
    if doc.embargo_tz not in TIMEZONES:
        raise ValidationError(
            _("Unknown time zone '{tz}'. Use WIB, WITA or WIT.").format(tz=doc.embargo_tz)
        )
    if len(title) > 500:
        raise ValidationError(_("The title is longer than 500 characters; shorten it."))
    long = too_long(doc)
    if long is not None:
        raise ValidationError(_("The {field} is {count} characters long; Warta keeps up to {limit}. Shorten it.").format(
            field=long[0], count=long[1], limit=long[2]))
    tags: list[str] = []
    for tag in doc.tags:
        tag = " ".join(str(tag).split())[:100]
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    quotes = [
        Quote(speaker=q.speaker.strip(), position=q.position.strip(), text=q.text.strip(), person_id=q.person_id)
        for q in doc.quotes
        if q.speaker.strip() or q.text.strip()
    ]
    return ArticleDoc(
        title=title,
        kind=doc.kind,
        subtitle=doc.subtitle.strip(),
        dateline_city=doc.dateline_city.strip(),
        event_date=doc.event_date,
        publication_date=doc.publication_date,
        embargo_at=doc.embargo_at,
        embargo_tz=doc.embargo_tz,
        lead=doc.lead.strip(),
        body=doc.body.rstrip(),
        quotes=quotes,
        writer=doc.writer.strip(),
        editor=doc.editor.strip(),
        photographer=doc.photographer.strip(),
        boilerplate=doc.boilerplate.strip(),
        contact_block=doc.contact_block.strip(),
        tags=tags,
        source_url=doc.source_url.strip(),
        source_site=" ".join(doc.source_site.split()),
        status=doc.status if doc.status in STATUSES else "draft",
    )


_ROW_FIELDS = (
    "title", "kind", "subtitle", "dateline_city", "event_date", "publication_date", "embargo_at",
    "embargo_tz", "lead", "body", "writer", "editor", "photographer", "boilerplate",
    "contact_block", "source_url", "source_site",
)


def _row_values(doc: ArticleDoc) -> dict:
    return {name: getattr(doc, name) for name in _ROW_FIELDS}


_MD_NOISE = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|^#{1,6}\s+|^>\s?|^\s*(?:[-+*]|\d+[.)])\s+)", re.M)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain_text(markdown: str) -> str:
    """Markdown without its markup: what the search index and snippets show."""
    return _MD_NOISE.sub("", _MD_LINK.sub(r"\1", markdown or ""))


def fts_values(doc: ArticleDoc, author_name: str = "") -> dict[str, str]:
    quotes = " ".join(f"{q.speaker} {q.position} {q.text}" for q in doc.quotes)
    author = " ".join(x for x in (doc.writer, author_name if author_name != doc.writer else "") if x)
    return {
        "title": " ".join(x for x in (doc.title, doc.subtitle) if x),
        "lead": doc.lead,  # plain text already (see ArticleDoc)
        "body": plain_text(doc.body),
        "quotes": quotes,
        "tags": " ".join(doc.tags),
        "author": author,
    }


def _staff_name(session, staff_id: int | None) -> str:  # noqa: ANN001
    if staff_id is None:
        return ""
    return session.scalar(select(Staff.name).where(Staff.id == staff_id)) or ""


def _role(session, staff_id: int | None) -> str | None:  # noqa: ANN001
    if staff_id is None:
        return None
    return session.scalar(select(Staff.role).where(Staff.id == staff_id))


def _write_children(session, article_id: int, doc: ArticleDoc) -> None:  # noqa: ANN001
    session.execute(delete(ArticleQuote).where(ArticleQuote.article_id == article_id))
    session.execute(delete(ArticleTag).where(ArticleTag.article_id == article_id))
    if doc.quotes:
        session.execute(
            insert(ArticleQuote),
            [
                {"article_id": article_id, "ordinal": i, "speaker": q.speaker, "position": q.position,
                 "text": q.text, "person_id": q.person_id}
                for i, q in enumerate(doc.quotes)
            ],
        )
    if doc.tags:
        session.execute(insert(ArticleTag), [{"article_id": article_id, "tag": t} for t in doc.tags])


def _add_revision(session, article_id: int, number: int, doc: ArticleDoc, staff_id, note: str) -> None:  # noqa: ANN001
    session.execute(
        insert(ArticleRevision),
        [{"article_id": article_id, "number": number, "staff_id": staff_id, "created_at": utcnow(),
          "status": doc.status, "note": note[:500], "content": snapshot.dumps(doc)}],
    )


def _get(session, article_id: int, *, lock: bool = False) -> Article:  # noqa: ANN001
    """The article's row; ``lock`` holds it until commit (``FOR UPDATE`` on a server), so two
    PCs saving the same article at once queue and the second sees the first's revision."""
    row = session.get(Article, article_id, with_for_update=lock or None)
    if row is None:
        raise ArticleNotFound(_("There is no article with id {id}.").format(id=article_id))
    return row


# -- create / load / save ----------------------------------------------------


def create_article(library, doc: ArticleDoc, *, note: str = "") -> int:  # noqa: ANN001
    """Store a new article (first revision included); returns its id.

    Only an Editor or Admin may create an article in a status past Draf
    (importing already-published releases); others get a draft.
    """
    doc = _clean(doc)
    with library.store.write() as tx:
        return insert_article(tx, doc, note=note)


def insert_article(tx, doc: ArticleDoc, *, note: str = "") -> int:  # noqa: ANN001 - database.session.Tx
    """:func:`create_article` inside a transaction the caller holds (imports write a whole batch in one)."""
    doc = _clean(doc)
    session = tx.session
    if doc.status != "draft" and not _can_approve(_role(session, tx.staff_id)):
        doc.status = "draft"
    now = utcnow()
    row = Article(**_row_values(doc), status=doc.status, author_id=tx.staff_id, revision=1,
                  created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    _write_children(session, row.id, doc)
    _add_revision(session, row.id, 1, doc, tx.staff_id, note or _("Created"))
    fts.upsert(session.connection(), FTS, row.id, fts_values(doc, _staff_name(session, tx.staff_id)))
    return row.id


def _doc_from_row(session, row: Article) -> ArticleDoc:  # noqa: ANN001
    return _docs_from_rows(session, [row])[row.id]


def _docs_from_rows(session, rows: list[Article]) -> dict[int, ArticleDoc]:  # noqa: ANN001
    """The documents of ``rows`` by id, their quotes and tags read in one query each (a kit's releases)."""
    ids = [row.id for row in rows]
    quotes: dict[int, list[Quote]] = {i: [] for i in ids}
    tags: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for q in session.scalars(select(ArticleQuote).where(ArticleQuote.article_id.in_(ids))
                                 .order_by(ArticleQuote.article_id, ArticleQuote.ordinal)):
            quotes[q.article_id].append(Quote(speaker=q.speaker, position=q.position, text=q.text,
                                              person_id=q.person_id))
        for article_id, tag in session.execute(select(ArticleTag.article_id, ArticleTag.tag)
                                               .where(ArticleTag.article_id.in_(ids))
                                               .order_by(ArticleTag.article_id, ArticleTag.tag)):
            tags[article_id].append(tag)
    return {row.id: ArticleDoc(**{name: getattr(row, name) for name in _ROW_FIELDS}, quotes=quotes[row.id],
                               tags=tags[row.id], status=row.status) for row in rows}


def load(library, article_id: int) -> LoadedArticle:  # noqa: ANN001
    with library.store.read() as s:
        row = _get(s, article_id)
        return LoadedArticle(
            id=row.id,
            doc=_doc_from_row(s, row),
            author_id=row.author_id,
            author_name=_staff_name(s, row.author_id),
            revision=row.revision,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


def load_doc(library, article_id: int) -> ArticleDoc:  # noqa: ANN001
    return load(library, article_id).doc


def save(
    library,  # noqa: ANN001
    article_id: int,
    doc: ArticleDoc,
    *,
    base_revision: int | None = None,
    note: str = "",
) -> SaveResult:
    """Store ``doc`` as the article's new revision.

    ``base_revision``: the revision the editor started from; if someone saved
    since, :class:`SaveConflict` is raised and nothing changes (the editor
    keeps the text). An approved or published article is refused with
    :class:`NotAllowed`: what was approved stays exactly what was approved;
    :func:`desktop.articles.approval.start_new_draft` opens a new draft. The
    revision records the status it was saved in. Saving text identical to
    the newest revision stores nothing.
    """
    doc = _clean(doc)
    with library.store.write() as tx:
        session = tx.session
        row = _get(session, article_id, lock=True)
        if base_revision is not None and row.revision != base_revision:
            raise SaveConflict(
                _(
                    "'{title}' was saved by someone else after you opened it (revision {theirs}). "
                    "Your text is still in the editor: copy it, reopen the article and merge."
                ).format(title=row.title, theirs=row.revision)
            )
        current = _doc_from_row(session, row)
        doc.status = row.status
        if row.status in ("approved", "published") and not snapshot.same_content(current, doc):
            raise NotAllowed(_(
                "'{title}' is {status}; its approved text cannot change. Choose Ubah (Edit) to start a new draft "
                "that needs approval again."
            ).format(title=row.title, status=status_label(row.status)))
        if snapshot.same_content(current, doc):
            session.execute(
                delete(ArticleAutosave).where(
                    ArticleAutosave.article_id == article_id, ArticleAutosave.staff_id == tx.staff_id
                )
            )
            return SaveResult(revision=row.revision, status=row.status, changed=False)
        for name, value in _row_values(doc).items():
            setattr(row, name, value)
        row.status = doc.status
        row.revision += 1
        row.updated_at = utcnow()
        session.flush()
        _write_children(session, article_id, doc)
        _add_revision(session, article_id, row.revision, doc, tx.staff_id, note)
        session.execute(
            delete(ArticleAutosave).where(
                ArticleAutosave.article_id == article_id, ArticleAutosave.staff_id == tx.staff_id
            )
        )
        fts.upsert(session.connection(), FTS, article_id, fts_values(doc, _staff_name(session, row.author_id)))
        return SaveResult(revision=row.revision, status=row.status)


def delete_article(library, article_id: int) -> None:  # noqa: ANN001
    """Remove an article for good (only drafts never approved, and only by their author or an approver)."""
    from desktop.articles import approval

    with library.store.write() as tx:
        row = _get(tx.session, article_id)
        role = _role(tx.session, tx.staff_id)
        if row.status != "draft" or not (_can_approve(role) or row.author_id == tx.staff_id):
            raise NotAllowed(
                _("Only a draft can be deleted, by its author or an editor. Archive '{title}' instead.").format(
                    title=row.title
                )
            )
        if approval.has_approvals(tx.session, article_id):
            # The record of what was approved (and its release number) must stay.
            raise NotAllowed(_("'{title}' was approved before; it cannot be deleted. Archive it instead.").format(
                title=row.title))
        from desktop import references

        references.refuse_if_used(tx.session, "article", [article_id])
        fts.delete(tx.session.connection(), FTS, [article_id])
        tx.session.delete(row)


# -- workflow ------------------------------------------------------------------

APPROVERS = frozenset({"editor", "admin"})
EVERYONE = frozenset({"writer", "editor", "secretariat", "admin"})


def _can_approve(role: str | None) -> bool:
    return role in APPROVERS


# action -> (statuses it starts from, status it leads to, roles that may take it, needs a comment).
# Secretariat distributes (marks as published) but neither approves nor returns; "archive" and
# "reopen" are also open to the article's author. Approving one's own text is refused separately
# (desktop.articles.approval: separation of duties, unless the office allows self-approval).
TRANSITIONS: dict[str, tuple[frozenset[str], str, frozenset[str], bool]] = {
    "submit": (frozenset({"draft"}), "review", EVERYONE, False),
    "approve": (frozenset({"review"}), "approved", APPROVERS, False),
    "return": (frozenset({"review", "approved"}), "draft", APPROVERS, True),
    "publish": (frozenset({"approved"}), "published", APPROVERS | {"secretariat"}, False),
    "archive": (frozenset({"draft", "review", "approved", "published"}), "archived", APPROVERS, False),
    "reopen": (frozenset({"archived"}), "draft", APPROVERS, False),
}


def allowed_actions(role: str | None, status: str, *, is_author: bool = True, self_approval: bool = False) -> list[str]:
    """Workflow steps a staff member with ``role`` may take on an article in ``status``.

    ``is_author``: they wrote the text now in the article (see
    :func:`workflow_actions`, which works it out); then "approve" needs the
    office's ``self_approval`` setting.
    """
    if role is None:
        return []
    result = []
    for action, (sources, _target, roles, _comment) in TRANSITIONS.items():
        if status not in sources:
            continue
        if role not in roles and not (action in ("archive", "reopen") and is_author):
            continue
        if action == "approve" and is_author and not self_approval:
            continue
        result.append(action)
    return result


def workflow_actions(library, article_id: int, staff_id: int | None) -> list[str]:  # noqa: ANN001
    """:func:`allowed_actions` of ``staff_id`` on a stored article, authorship and the office setting included."""
    from desktop.articles import approval

    with library.store.read() as s:
        row = _get(s, article_id)
        role = _role(s, staff_id)
        authors = approval.text_authors(s, row)
    return allowed_actions(role, row.status, is_author=staff_id in authors,
                           self_approval=approval.self_approval_allowed(library))


def transition(
    library,  # noqa: ANN001
    article_id: int,
    action: str,
    *,
    comment: str = "",
    source_url: str | None = None,
    expected_revision: int | None = None,
) -> str:
    """Move an article along the workflow; returns the new status.

    "approve" records the approval of the newest revision (hash, release
    number; ``expected_revision``: the revision the approver read); "publish"
    times the approval in force; "return" of an approved article withdraws
    its approval. Every step is a comment on the article and a line in the
    audit log.
    """
    from desktop.articles import approval

    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown workflow step '{action}'.").format(action=action))
    sources, target, roles, needs_comment = TRANSITIONS[action]
    comment = (comment or "").strip()
    with library.store.write() as tx:
        session = tx.session
        row = _get(session, article_id, lock=True)
        role = _role(session, tx.staff_id)
        if row.status not in sources:
            raise NotAllowed(
                _("'{title}' is {status}; '{action}' is not possible now.").format(
                    title=row.title, status=status_label(row.status), action=action_label(action)
                )
            )
        if action not in allowed_actions(role, row.status, is_author=row.author_id == tx.staff_id,
                                         self_approval=True):
            from desktop.staff import role_label

            raise NotAllowed(
                _("'{action}' on '{title}' is for {roles}; you act as {role}.").format(
                    action=action_label(action), title=row.title,
                    roles=", ".join(role_label(r) for r in sorted(roles)),
                    role=role_label(role) if role else _("nobody (choose a staff profile)"),
                )
            )
        if needs_comment and not comment:
            raise ValidationError(_("Write a comment that tells the writer what to change."))
        if action == "approve":
            approval.record_approval(tx, row, expected_revision=expected_revision)
        elif action == "return":
            approval.withdraw(tx, row)
        elif action == "publish":
            approval.mark_published(tx, row)
            if source_url is not None:
                row.source_url = source_url.strip()
            if row.publication_date is None:
                row.publication_date = dt.date.today()
        if action != "approve":  # the approval writes its own, richer line
            tx.audit(action, "articles", article_id, row.title)
        row.status = target
        row.updated_at = utcnow()
        session.add(ArticleComment(article_id=article_id, staff_id=tx.staff_id, action=action, text=comment))
        return target


def submit(library, article_id: int, comment: str = "") -> str:  # noqa: ANN001
    return transition(library, article_id, "submit", comment=comment)


def approve(library, article_id: int, comment: str = "") -> str:  # noqa: ANN001
    return transition(library, article_id, "approve", comment=comment)


def return_to_draft(library, article_id: int, comment: str) -> str:  # noqa: ANN001
    return transition(library, article_id, "return", comment=comment)


def publish(library, article_id: int, source_url: str | None = None) -> str:  # noqa: ANN001
    return transition(library, article_id, "publish", source_url=source_url)


def add_comment(library, article_id: int, comment: str) -> None:  # noqa: ANN001
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(_("The comment is empty."))
    with library.store.write() as tx:
        _get(tx.session, article_id)
        tx.session.add(ArticleComment(article_id=article_id, staff_id=tx.staff_id, action="comment", text=comment))


def comments(library, article_id: int) -> list[CommentInfo]:  # noqa: ANN001
    with library.store.read() as s:
        rows = s.execute(
            select(ArticleComment, Staff.name)
            .outerjoin(Staff, Staff.id == ArticleComment.staff_id)
            .where(ArticleComment.article_id == article_id)
            .order_by(ArticleComment.created_at, ArticleComment.id)
        )
        return [CommentInfo(c.id, name or "", c.created_at, c.action, c.text) for c, name in rows]


# -- duplicate and history ------------------------------------------------------


def duplicate(library, article_id: int) -> int:  # noqa: ANN001
    """A new draft with the same content (publication facts cleared)."""
    doc = load_doc(library, article_id)
    doc.title = _("{title} (copy)").format(title=doc.title)[:500]
    doc.status = "draft"
    doc.source_url = ""
    doc.source_site = ""
    doc.publication_date = None
    return create_article(library, doc, note=_("Duplicated from article {id}").format(id=article_id))


def revisions(library, article_id: int) -> list[RevisionInfo]:  # noqa: ANN001
    """Newest first."""
    with library.store.read() as s:
        rows = s.execute(
            select(
                ArticleRevision.id, ArticleRevision.number, Staff.name, ArticleRevision.created_at,
                ArticleRevision.status, ArticleRevision.note,
            )
            .outerjoin(Staff, Staff.id == ArticleRevision.staff_id)
            .where(ArticleRevision.article_id == article_id)
            .order_by(ArticleRevision.number.desc())
        )
        return [RevisionInfo(r[0], r[1], r[2] or "", r[3], r[4], r[5]) for r in rows]


def revision_doc(library, revision_id: int) -> ArticleDoc:  # noqa: ANN001
    with library.store.read() as s:
        content = s.scalar(select(ArticleRevision.content).where(ArticleRevision.id == revision_id))
    if content is None:
        raise ValidationError(_("There is no revision with id {id}.").format(id=revision_id))
    return snapshot.loads(content)


def as_text(doc: ArticleDoc) -> str:
    """The article as labelled plain lines, for comparing revisions."""
    lines = [
        _("Title: {value}").format(value=doc.title),
        _("Subtitle: {value}").format(value=doc.subtitle),
        _("Kind: {value}").format(value=kind_label(doc.kind)),
        _("Dateline: {value}").format(value=doc.dateline_city),
        _("Event date: {value}").format(value=doc.event_date or ""),
        _("Publication date: {value}").format(value=doc.publication_date or ""),
        _("Embargo: {value}").format(
            value=f"{doc.embargo_at:%Y-%m-%d %H:%M} {doc.embargo_tz}" if doc.embargo_at else ""
        ),
        "",
        *doc.lead.splitlines(),
        "",
        *doc.body.splitlines(),
        "",
    ]
    for q in doc.quotes:
        lines.append(_("Quote: {speaker} ({position}): {text}").format(speaker=q.speaker, position=q.position, text=q.text))
    lines += [
        _("Writer: {value}").format(value=doc.writer),
        _("Editor: {value}").format(value=doc.editor),
        _("Photo: {value}").format(value=doc.photographer),
        _("Contact: {value}").format(value=doc.contact_block),
        _("Tags: {value}").format(value=", ".join(doc.tags)),
        _("About: {value}").format(value=doc.boilerplate),
        _("Source URL: {value}").format(value=doc.source_url),
        _("Source site: {value}").format(value=doc.source_site),
    ]
    return "\n".join(lines)


def diff(old: ArticleDoc, new: ArticleDoc, *, old_label: str = "", new_label: str = "") -> list[str]:
    """Unified diff lines (``-`` removed, ``+`` added) between two versions."""
    return list(
        difflib.unified_diff(
            as_text(old).splitlines(), as_text(new).splitlines(), old_label, new_label, lineterm="", n=2
        )
    )


def restore(library, article_id: int, revision_id: int, *, base_revision: int | None = None) -> SaveResult:  # noqa: ANN001
    """Save an old revision's content as the newest revision (history is kept)."""
    with library.store.read() as s:
        rev = s.execute(
            select(ArticleRevision.number, ArticleRevision.article_id).where(ArticleRevision.id == revision_id)
        ).first()
    if rev is None or rev[1] != article_id:
        raise ValidationError(_("There is no revision with id {id}.").format(id=revision_id))
    doc = revision_doc(library, revision_id)
    return save(
        library, article_id, doc, base_revision=base_revision,
        note=_("Restored from revision {number}").format(number=rev[0]),
    )


# -- autosave and recovery ---------------------------------------------------


def autosave(library, article_id: int, doc: ArticleDoc, *, base_revision: int) -> None:  # noqa: ANN001
    """Keep the editor's unsaved text (one row per article and staff member)."""
    content = snapshot.dumps(doc)
    with library.store.write() as tx:
        session = tx.session
        existing = session.scalar(
            select(ArticleAutosave).where(
                ArticleAutosave.article_id == article_id, ArticleAutosave.staff_id == tx.staff_id
            )
        )
        if existing is None:
            session.add(ArticleAutosave(article_id=article_id, staff_id=tx.staff_id, base_revision=base_revision,
                                        updated_at=utcnow(), content=content))
        else:
            existing.content = content
            existing.base_revision = base_revision
            existing.updated_at = utcnow()


def discard_autosave(library, article_id: int, staff_id: int | None = None) -> None:  # noqa: ANN001
    with library.store.write() as tx:
        who = staff_id if staff_id is not None else tx.staff_id
        tx.session.execute(
            delete(ArticleAutosave).where(ArticleAutosave.article_id == article_id, ArticleAutosave.staff_id == who)
        )


def recoveries(library, staff_id: int | None) -> list[Recovery]:  # noqa: ANN001
    """Autosaved text of ``staff_id`` that differs from what is saved."""
    result = []
    with library.store.read() as s:
        rows = s.execute(
            select(ArticleAutosave, Article.title)
            .join(Article, Article.id == ArticleAutosave.article_id)
            .where(ArticleAutosave.staff_id == staff_id)
            .order_by(ArticleAutosave.updated_at.desc())
        ).all()
        for auto, title in rows:
            doc = snapshot.loads(auto.content)
            if snapshot.same_content(doc, _doc_from_row(s, _get(s, auto.article_id))):
                continue
            result.append(Recovery(auto.article_id, title, doc, auto.updated_at, auto.base_revision))
    return result


# -- lists ------------------------------------------------------------------------


def _filtered(stmt, query: ListQuery, params: dict):  # noqa: ANN001, ANN202
    t = Article.__table__
    if query.status == "all":
        pass
    elif query.status:
        stmt = stmt.where(t.c.status == query.status)
    else:
        # Archived articles are out of the way unless asked for.
        stmt = stmt.where(t.c.status != "archived")
    if query.kind:
        stmt = stmt.where(t.c.kind == query.kind)
    if query.author_id is not None:
        stmt = stmt.where(t.c.author_id == query.author_id)
    if query.tag:
        stmt = stmt.where(
            t.c.id.in_(select(ArticleTag.article_id).where(func.lower(ArticleTag.tag) == query.tag.strip().lower()))
        )
    field_name = query.date_field if query.date_field in DATE_FIELDS else "updated_at"
    col = t.c[field_name]
    if query.date_from:
        start = query.date_from if field_name in ("publication_date", "event_date") else dt.datetime.combine(
            query.date_from, dt.time()
        )
        stmt = stmt.where(col >= start)
    if query.date_to:
        if field_name in ("publication_date", "event_date"):
            stmt = stmt.where(col <= query.date_to)
        else:
            stmt = stmt.where(col < dt.datetime.combine(query.date_to + dt.timedelta(days=1), dt.time()))
    found = fts.matches(FTS, t.c.id, query.search) if query.search else None
    if found is not None:
        stmt = stmt.where(found)
    return stmt


def count_articles(library, query: ListQuery | None = None) -> int:  # noqa: ANN001
    query = query or ListQuery()
    params: dict = {}
    stmt = _filtered(select(func.count()).select_from(Article.__table__), query, params)
    with library.store.engine.connect() as conn:
        return int(conn.execute(stmt, params).scalar() or 0)


def list_articles(
    library,  # noqa: ANN001
    query: ListQuery | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    total: int | None = None,
) -> list[ArticleRow]:
    """One page of the list, sorted and filtered in SQL.

    With ``total`` (the count for the same query), a page in the second half
    is read from the other end in reverse order, so jumping to the end of
    100,000 rows does not make SQLite step over 99,800 of them.
    """
    query = query or ListQuery()
    t = Article.__table__
    params: dict = {}
    stmt = select(
        t.c.id, t.c.title, t.c.kind, t.c.status, t.c.writer, t.c.publication_date, t.c.event_date, t.c.updated_at
    )
    stmt = _filtered(stmt, query, params)
    sort_col = t.c[query.sort if query.sort in SORT_COLUMNS else "updated_at"]
    descending = query.descending
    backwards = total is not None and offset > total // 2
    if backwards:
        limit = max(0, min(limit, total - offset))
        offset = max(0, total - offset - limit)
        descending = not descending
    if descending:
        stmt = stmt.order_by(sort_col.desc(), t.c.id.desc())
    else:
        stmt = stmt.order_by(sort_col.asc(), t.c.id.asc())
    stmt = stmt.offset(offset).limit(limit)
    with library.store.engine.connect() as conn:
        rows = [ArticleRow(*r) for r in conn.execute(stmt, params)]
    return rows[::-1] if backwards else rows


def all_tags(library) -> list[str]:  # noqa: ANN001
    with library.store.read() as s:
        return list(s.scalars(select(ArticleTag.tag).distinct().order_by(ArticleTag.tag)))


def authors(library) -> list[tuple[int, str]]:  # noqa: ANN001
    """Staff who wrote at least one article: (id, name)."""
    with library.store.read() as s:
        rows = s.execute(
            select(Staff.id, Staff.name).where(Staff.id.in_(select(Article.author_id).distinct())).order_by(Staff.name)
        )
        return [(r[0], r[1]) for r in rows]



# -- what other areas ask of articles (through desktop.articles.api) -----------


def existing_ids(library, article_ids: Iterable[int]) -> set[int]:  # noqa: ANN001
    """Which of ``article_ids`` are still in the library."""
    ids = sorted({int(i) for i in article_ids})
    found: set[int] = set()
    with library.store.read() as s:
        for start in range(0, len(ids), 500):
            found.update(s.scalars(select(Article.id).where(Article.id.in_(ids[start:start + 500]))))
    return found


def approved_ids(library) -> list[int]:  # noqa: ANN001
    """Ids of approved or published articles (the ones fit to hand out), oldest first."""
    with library.store.read() as s:
        return list(s.scalars(
            select(Article.id).where(Article.status.in_(("approved", "published"))).order_by(Article.id)))


@dataclass
class ReleaseRow:
    """An approved or published article as a periodic report counts it."""

    id: int
    kind: str
    status: str
    title: str
    date: dt.date  # publication date, else the event's date


def releases_between(library, start: dt.date, end: dt.date) -> list[ReleaseRow]:  # noqa: ANN001
    """Approved or published articles dated ``start``..``end`` (inclusive), oldest first.

    Dated like the exchange reports: by publication date, else by the event's
    date; an article with neither belongs to no period.
    """
    day = func.coalesce(Article.publication_date, Article.event_date)
    with library.store.read() as s:
        rows = s.execute(
            select(Article.id, Article.kind, Article.status, Article.title, day.label("day"))
            .where(Article.status.in_(("approved", "published")), day >= start, day <= end)
            .order_by(day, Article.id)
        ).all()
    return [ReleaseRow(r.id, r.kind, r.status, r.title, r.day) for r in rows]


def move_speaker(old_person_ids: Iterable[int], new_person_id: int | None, tx) -> None:  # noqa: ANN001 - database.session.Tx
    """Quotes linked to the contacts ``old_person_ids`` now link ``new_person_id``.

    Contacts calls this when it merges people (the kept one) or deletes them
    (None: the quote keeps its typed speaker and loses only the link).
    """
    ids = sorted({int(i) for i in old_person_ids})
    for start in range(0, len(ids), 500):
        tx.session.execute(ArticleQuote.__table__.update()
                           .where(ArticleQuote.person_id.in_(ids[start:start + 500]))
                           .values(person_id=new_person_id))
    if ids:
        tx.touch("article_quotes")


def mark_locked(tx, entity: str, article_id: int, staff_id: int | None, at: dt.datetime | None) -> None:  # noqa: ANN001
    """Mirror an edit lock into ``articles.locked_by`` / ``locked_at`` (None: released).

    ``desktop.safety.locks`` owns the lock itself and calls this in the same
    transaction, so article lists show the lock icon with a plain column read.
    """
    if entity != "article":
        return
    tx.session.execute(Article.__table__.update().where(Article.id == article_id)
                       .values(locked_by=staff_id, locked_at=at))
    tx.touch("articles")


def clear_lock_marks(connection) -> None:  # noqa: ANN001 - a DB-API connection on a backup or restored copy
    """Forget every lock mark (nobody holds a lock in a copy)."""
    connection.execute(
        "UPDATE articles SET locked_by = NULL, locked_at = NULL WHERE locked_by IS NOT NULL OR locked_at IS NOT NULL"
    )


# -- search index -----------------------------------------------------------


def index_articles(conn, ids: Iterable[int] | None = None, *, chunk: int = 2000) -> int:  # noqa: ANN001
    """(Re)write the FTS rows of ``ids`` (all articles when None) from the tables.

    Used after bulk inserts and by ``warta check --repair``; computed by the
    same :func:`fts_values` as single saves so both paths index alike.
    """
    t = Article.__table__
    if ids is None:
        conn.execute(text(f"DELETE FROM {FTS.name}"))
        id_list = [r[0] for r in conn.execute(select(t.c.id).order_by(t.c.id))]
    else:
        id_list = list(ids)
        fts.delete(conn, FTS, id_list)
    names = dict(conn.execute(select(Staff.id, Staff.name)).all())
    total = 0
    for i in range(0, len(id_list), chunk):
        part = id_list[i : i + chunk]
        lo, hi = part[0], part[-1]
        in_part = set(part)
        quotes: dict[int, list[Quote]] = {}
        for r in conn.execute(
            select(ArticleQuote.article_id, ArticleQuote.speaker, ArticleQuote.position, ArticleQuote.text)
            .where(ArticleQuote.article_id.between(lo, hi))
            .order_by(ArticleQuote.article_id, ArticleQuote.ordinal)
        ):
            quotes.setdefault(r[0], []).append(Quote(r[1], r[2], r[3]))
        tags: dict[int, list[str]] = {}
        for r in conn.execute(select(ArticleTag.article_id, ArticleTag.tag).where(ArticleTag.article_id.between(lo, hi))):
            tags.setdefault(r[0], []).append(r[1])
        rows = []
        for r in conn.execute(
            select(t.c.id, t.c.title, t.c.subtitle, t.c.lead, t.c.body, t.c.writer, t.c.author_id).where(
                t.c.id.between(lo, hi)
            )
        ):
            if r.id not in in_part:
                continue
            doc = ArticleDoc(title=r.title, subtitle=r.subtitle, lead=r.lead, body=r.body, writer=r.writer,
                             quotes=quotes.get(r.id, []), tags=tags.get(r.id, []))
            rows.append({"rowid": r.id, **fts_values(doc, names.get(r.author_id, ""))})
        fts.insert_many(conn, FTS, rows)
        total += len(rows)
    return total


def reindex(tx) -> None:  # noqa: ANN001 - database.session.Tx
    index_articles(tx.session.connection())
    tx.touch("articles")


def rebuild_index(library) -> int:  # noqa: ANN001
    with library.store.write() as tx:
        count = index_articles(tx.session.connection())
        tx.touch("articles")
        return count


_FTS_SQL_COLUMNS = (
    "SELECT id AS rowid, CASE WHEN subtitle != '' THEN title || ' ' || subtitle ELSE title END AS title, "
    "lead AS lead FROM articles"
)


def check_index(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    """``warta check``: the search index holds exactly the articles."""
    from desktop.check import repaired

    with library.store.engine.connect() as conn:
        problems = fts.check(conn, FTS)
        if not problems:
            # Stale text: title and lead are indexed as stored, so SQL can
            # recompute them (the body needs Markdown stripping in Python and
            # is left to --repair's full rebuild).
            problems = fts.check_content(conn, FTS, _FTS_SQL_COLUMNS, ["title", "lead"])
    if problems and repair:
        rebuild_index(library)
        return [repaired(p) for p in problems]
    return problems

