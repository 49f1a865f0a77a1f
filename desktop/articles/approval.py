"""Approval of an exact text, release numbers, and the one document every output prints.

An approval records *which* revision was approved, a SHA-256 of that
revision's canonical content (:func:`canonical_json`), the approver, the time
and the release number. The approved revision is never changed again:
:func:`desktop.articles.store.save` refuses an approved or published article,
and :func:`start_new_draft` ("Ubah" in the editor) opens a new draft revision
that needs approval again while the approval stays the record of what was
approved. Every export and press kit takes its text from
:func:`document_for_output`, so it prints the approved revision (and says
when a newer draft exists), or the working text marked DRAF.

Separation of duties: nobody approves a text they wrote, i.e. the article's
author and anyone who saved a revision since the last approval. An office
with one humas person can turn on ``allow self-approval`` in its profile
(only an Admin can, and each change is in the audit log); every approval
made under it is logged as a self-approval.

Release numbers follow the office's pattern (:data:`DEFAULT_PATTERN` when
unset). The sequence restarts each year and comes from a counter row per
year that only counts up, inside the approving transaction, so a number is
never handed out twice, even when its article is later deleted. An article
keeps its number when a corrected text is approved again.

Articles that were approved before Warta kept approval records (or imported
as approved by an Editor) have none: they print as approved, as stored, and
their text is recorded when a new draft is started.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import string
from dataclasses import dataclass

from sqlalchemy import func, select, update

from database.base import utcnow
from database.models import Staff
from database.models.articles import (
    Article,
    ArticleApproval,
    ArticleComment,
    ArticleRevision,
    ReleaseCounter,
    ReleaseNumber,
)
from desktop.articles import snapshot
from desktop.articles import store
from desktop.articles.document import ArticleDoc
from desktop.articles.store import NotAllowed
from desktop.errors import ValidationError
from desktop.i18n import _

#: Used when the office has not set its own pattern.
DEFAULT_PATTERN = "{seq:03}/HM.01/{month:roman}/{year}"
PATTERN_FIELDS = ("seq", "office", "day", "month", "year")
APPROVED_STATUSES = ("approved", "published")

# What the approver judged: everything the release prints. Left out: the
# workflow status, tags (search keywords), the source address (filled when
# published) and contact links (person_id; the typed speaker is kept).
_HASHED_FIELDS = (
    "kind", "title", "subtitle", "dateline_city", "event_date", "publication_date", "embargo_at", "embargo_tz",
    "lead", "body", "writer", "editor", "photographer", "boilerplate", "contact_block",
)


class ApprovalError(NotAllowed):
    """An approval step that is not possible (wrong person, changed text, no approval)."""


# -- canonical content and its hash ------------------------------------------------


def canonical_content(doc: ArticleDoc) -> dict:
    """The approved content of ``doc`` as plain JSON values (see :data:`_HASHED_FIELDS`)."""
    data = snapshot.to_dict(doc)
    content = {name: data.get(name) for name in _HASHED_FIELDS}
    content["quotes"] = [
        {"speaker": q.speaker, "position": q.position, "text": q.text} for q in doc.quotes
    ]
    return content


def canonical_json(doc: ArticleDoc) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 characters as they are."""
    return json.dumps(canonical_content(doc), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(doc: ArticleDoc) -> str:
    """SHA-256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()


# -- values ------------------------------------------------------------------------


@dataclass
class Approval:
    """One approval as other areas see it (approval sheet, issue register, outputs).

    Times are naive UTC like every stored time. ``approver_name`` is empty
    for an article approved before Warta recorded approvals.
    """

    id: int
    article_id: int
    revision_id: int
    revision_number: int
    content_sha256: str
    approver_id: int | None
    approver_name: str
    approved_at: dt.datetime
    release_number: str
    self_approved: bool
    submitted_at: dt.datetime | None
    published_at: dt.datetime | None
    revoked_at: dt.datetime | None

    def to_json(self) -> dict:
        def stamp(value: dt.datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {
            "id": self.id, "article_id": self.article_id, "revision_id": self.revision_id,
            "revision": self.revision_number, "sha256": self.content_sha256, "approver_id": self.approver_id,
            "approver": self.approver_name, "approved_at": stamp(self.approved_at),
            "release_number": self.release_number, "self_approved": self.self_approved,
            "submitted_at": stamp(self.submitted_at), "published_at": stamp(self.published_at),
            "revoked_at": stamp(self.revoked_at),
        }


@dataclass
class OutputDoc:
    """What an export, a release PDF or a kit prints of one article (:func:`document_for_output`).

    ``doc``: the approved revision when there is an approval, else the
    working text. ``approved``: print it without the DRAF mark.
    ``newer_draft``: the working text differs from the approved one (an
    output says so with :attr:`warning`). ``changed_after_approval``: the
    approved revision no longer matches its approval hash (edited in the
    database), so it prints as not approved.
    """

    article_id: int
    doc: ArticleDoc
    approval: Approval | None
    newer_draft: bool
    approved: bool
    changed_after_approval: bool = False

    @property
    def release_number(self) -> str:
        return self.approval.release_number if self.approval else ""

    @property
    def warning(self) -> str | None:
        """A sentence for the CLI or the window when the output is not what was approved, else None."""
        if self.changed_after_approval and self.approval is not None:
            return _(
                "The approved revision {number} of article {id} '{title}' no longer matches its approval hash "
                "(it was changed after approval); it is printed marked DRAFT. Run 'warta check' and approve the "
                "article again."
            ).format(number=self.approval.revision_number, id=self.article_id, title=self.doc.title)
        if not self.newer_draft or self.approval is None:
            return None
        return _(
            "Article {id} '{title}' has a newer draft that is not approved; the approved revision {number} "
            "was used."
        ).format(id=self.article_id, title=self.doc.title, number=self.approval.revision_number)


# -- release numbers -----------------------------------------------------------------

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(value: int) -> str:
    """7 → ``VII`` (months in Indonesian letter numbers)."""
    out = []
    for size, letters in _ROMAN:
        count, value = divmod(value, size)
        out.append(letters * count)
    return "".join(out)


class _NumberFormatter(string.Formatter):
    def format_field(self, value, format_spec: str) -> str:  # noqa: ANN001
        if format_spec == "roman":
            if not isinstance(value, int):
                raise ValueError("roman")
            return roman(value)
        return super().format_field(value, format_spec)


def _pattern_problem(pattern: str) -> str | None:
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        return _("The release number pattern '{pattern}' has an unmatched {{ or }}.").format(pattern=pattern)
    used = set()
    known = ", ".join("{" + f + "}" for f in PATTERN_FIELDS)
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PATTERN_FIELDS or conversion:
            return _("The release number pattern uses {{{field}}}, which Warta does not know. Use {known}.").format(
                field=name + ("!" + conversion if conversion else ""), known=known)
        used.add(name)
        try:
            _NumberFormatter().format("{0:" + (spec or "") + "}", "Bawaslu" if name == "office" else 7)
        except ValueError:
            return _(
                "'{spec}' in {{{field}:{spec}}} is not a format Warta can use; write e.g. {{seq:03}} or {{month:roman}}."
            ).format(spec=spec, field=name)
    for needed in ("seq", "year"):
        if needed not in used:
            return _(
                "The release number pattern needs {{{field}}}: the sequence restarts each year, and a number "
                "must not repeat."
            ).format(field=needed)
    return None


def validate_pattern(pattern: str) -> None:
    """Raise :class:`ValidationError` with a sentence naming what is wrong with ``pattern``."""
    problem = _pattern_problem(pattern.strip())
    if problem:
        raise ValidationError(problem)


def format_number(pattern: str, *, seq: int, date: dt.date, office: str = "") -> str:
    """``{seq:03}/HM.01/{office}/{month:roman}/{year}`` → ``007/HM.01/Bawaslu Jember/VII/2025``."""
    pattern = pattern.strip() or DEFAULT_PATTERN
    validate_pattern(pattern)
    return _NumberFormatter().format(pattern, seq=seq, office=office, day=date.day, month=date.month, year=date.year)


def _office_settings(session) -> tuple[str, str, bool]:  # noqa: ANN001
    from database.models import Office

    row = session.get(Office, 1)
    if row is None:
        return DEFAULT_PATTERN, "", False
    return (row.release_number_pattern or DEFAULT_PATTERN, row.short_name or row.name or "",
            bool(row.allow_self_approval))


def _bump_counter(session, year: int, count: int = 1) -> int:  # noqa: ANN001
    """The next sequence of ``year`` (the last of ``count`` new ones); the counter row is held until commit,
    so two PCs queue."""
    if session.get(ReleaseCounter, year, with_for_update=True) is None:
        if session.bind.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        # Two PCs approving the first release of a year: one row, whoever comes second counts on.
        session.execute(insert(ReleaseCounter).values(year=year, last_seq=0).on_conflict_do_nothing())
    return session.execute(
        update(ReleaseCounter).where(ReleaseCounter.year == year).values(last_seq=ReleaseCounter.last_seq + count)
        .returning(ReleaseCounter.last_seq)
    ).scalar_one()


def _release_number(tx, article_id: int, today: dt.date) -> str:  # noqa: ANN001 - database.session.Tx
    session = tx.session
    kept = session.scalar(select(ReleaseNumber.number).where(ReleaseNumber.article_id == article_id))
    if kept is not None:
        return kept
    pattern, office, _self = _office_settings(session)
    seq = _bump_counter(session, today.year)
    number = format_number(pattern, seq=seq, date=today, office=office)
    if len(number) > ReleaseNumber.__table__.c.number.type.length:
        raise ValidationError(_("The release number '{number}' is longer than 200 characters; shorten the pattern.")
                              .format(number=number))
    session.add(ReleaseNumber(year=today.year, seq=seq, number=number, article_id=article_id))
    return number


# -- reading approvals ---------------------------------------------------------------


def _approval(session, row: ArticleApproval) -> Approval:  # noqa: ANN001
    return _approvals(session, [row])[row.id]


def _approvals(session, rows: list[ArticleApproval]) -> dict[int, Approval]:  # noqa: ANN001
    """``rows`` as :class:`Approval` by id: revision numbers and submission times in one query each."""
    if not rows:
        return {}
    numbers = dict(session.execute(select(ArticleRevision.id, ArticleRevision.number)
                                   .where(ArticleRevision.id.in_({r.revision_id for r in rows}))).all())
    submits: dict[int, list[dt.datetime]] = {}
    for article_id, at in session.execute(
        select(ArticleComment.article_id, ArticleComment.created_at).where(
            ArticleComment.article_id.in_({r.article_id for r in rows}), ArticleComment.action == "submit")
    ):
        submits.setdefault(article_id, []).append(at)
    out = {}
    for row in rows:
        # When it was last submitted before this approval (None: approved without review).
        submitted = max((at for at in submits.get(row.article_id, ()) if at <= row.approved_at), default=None)
        out[row.id] = Approval(row.id, row.article_id, row.revision_id, numbers.get(row.revision_id) or 0,
                               row.content_sha256, row.approver_id, row.approver_name, row.approved_at,
                               row.release_number, bool(row.self_approved), submitted, row.published_at,
                               row.revoked_at)
    return out


def _current(session, article_id: int) -> ArticleApproval | None:  # noqa: ANN001
    return _currents(session, [article_id]).get(article_id)


def _currents(session, article_ids: list[int]) -> dict[int, ArticleApproval]:  # noqa: ANN001
    """The approval in force (newest not withdrawn) of each article that has one."""
    found: dict[int, ArticleApproval] = {}
    for row in session.scalars(
        select(ArticleApproval).where(ArticleApproval.article_id.in_(article_ids), ArticleApproval.revoked_at.is_(None))
        .order_by(ArticleApproval.id.desc())
    ):
        found.setdefault(row.article_id, row)
    return found


def approved_revision(library, article_id: int) -> Approval | None:  # noqa: ANN001
    """The approval in force for the article (the newest one not withdrawn), or None."""
    with library.store.read() as s:
        row = _current(s, article_id)
        return _approval(s, row) if row is not None else None


def approvals(library, article_id: int) -> list[Approval]:  # noqa: ANN001
    """Every approval of the article, oldest first (withdrawn ones included)."""
    with library.store.read() as s:
        rows = list(s.scalars(
            select(ArticleApproval).where(ArticleApproval.article_id == article_id).order_by(ArticleApproval.id)))
        found = _approvals(s, rows)
        return [found[r.id] for r in rows]


def approved_doc(library, approval: Approval) -> ArticleDoc:  # noqa: ANN001
    """The text of ``approval``'s revision, exactly as approved."""
    with library.store.read() as s:
        content = s.scalar(select(ArticleRevision.content).where(ArticleRevision.id == approval.revision_id))
    return snapshot.loads(content or "{}")


def document_for_output(library, article_id: int) -> OutputDoc:  # noqa: ANN001
    """The one source of every printed or exported article: the approved revision, or the draft.

    With an approval in force: its revision's text, status ``approved`` (or
    ``published`` once published); a publication date left empty in the
    approved text is the day it was published. Without one: the working text;
    ``approved`` is True only for an article approved before approvals were
    recorded. An approved revision whose text no longer has its approval hash
    is returned not approved (see :attr:`OutputDoc.warning`).
    """
    return documents_for_output(library, [article_id])[article_id]


def documents_for_output(library, article_ids: list[int]) -> dict[int, OutputDoc]:  # noqa: ANN001
    """:func:`document_for_output` of many articles (a kit's releases) in a few queries, by id.

    Raises :class:`~desktop.articles.store.ArticleNotFound` for the first id that is gone.
    """
    ids = list(dict.fromkeys(article_ids))
    with library.store.read() as s:
        rows = {row.id: row for row in s.scalars(select(Article).where(Article.id.in_(ids)))} if ids else {}
        for article_id in ids:
            if article_id not in rows:
                store._get(s, article_id)  # raises the one message for a missing article
        currents = store._docs_from_rows(s, list(rows.values()))
        records = _currents(s, ids)
        approvals = _approvals(s, list(records.values()))
        contents = dict(s.execute(select(ArticleRevision.id, ArticleRevision.content).where(
            ArticleRevision.id.in_({r.revision_id for r in records.values()}))).all()) if records else {}
    out = {}
    for article_id in ids:
        record = records.get(article_id)
        if record is None:
            out[article_id] = OutputDoc(article_id, currents[article_id], None, False,
                                        rows[article_id].status in APPROVED_STATUSES)
        else:
            out[article_id] = _approved_output(currents[article_id], approvals[record.id],
                                               contents.get(record.revision_id), record.content_sha256)
    return out


def _approved_output(current: ArticleDoc, approval: Approval, content: str | None, sha256: str) -> OutputDoc:
    doc = snapshot.loads(content or "{}")
    article_id = approval.article_id
    if content_hash(doc) != sha256:
        # Not the text that was approved: it goes out as a draft, never as the approved release.
        doc.status = "draft"
        return OutputDoc(article_id, doc, approval, False, False, changed_after_approval=True)
    doc.status = "published" if approval.published_at else "approved"
    if doc.publication_date is None and approval.published_at is not None:
        doc.publication_date = _local(approval.published_at).date()
    doc.source_url = doc.source_url or current.source_url
    newer = not snapshot.same_content(_comparable(current), _comparable(doc))
    return OutputDoc(article_id, doc, approval, newer, True)


def _comparable(doc: ArticleDoc) -> ArticleDoc:
    return snapshot.from_dict(canonical_content(doc))


def _local(value: dt.datetime) -> dt.datetime:
    """A stored naive-UTC time in this PC's local time."""
    return value.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


# -- verifying -----------------------------------------------------------------------


def _problem(session, record: ArticleApproval, title: str) -> str | None:  # noqa: ANN001
    rev = session.execute(
        select(ArticleRevision.article_id, ArticleRevision.number, ArticleRevision.content)
        .where(ArticleRevision.id == record.revision_id)
    ).first()
    if rev is None or rev[0] != record.article_id:
        return _("The approval of article {id} '{title}' names a revision that is not the article's.").format(
            id=record.article_id, title=title)
    if content_hash(snapshot.loads(rev[2] or "{}")) != record.content_sha256:
        return _(
            "The approved revision {number} of article {id} '{title}' was changed after approval: its text no "
            "longer matches the approved content hash. Compare it with a backup and approve the article again."
        ).format(number=rev[1], id=record.article_id, title=title)
    return None


def verify(library, approval_id: int) -> bool:  # noqa: ANN001
    """True when the approval's revision still has exactly the approved content."""
    with library.store.read() as s:
        record = s.get(ArticleApproval, approval_id)
        if record is None:
            raise ApprovalError(_("There is no approval with id {id}.").format(id=approval_id))
        return _problem(s, record, "") is None


def check(library, repair: bool = False) -> list[str]:  # noqa: ANN001, ARG001 - a changed text cannot be repaired
    """``warta check``: every approval hash against its revision, one sentence per changed text."""
    problems = []
    with library.store.read() as s:
        rows = s.execute(
            select(ArticleApproval, Article.title).join(Article, Article.id == ArticleApproval.article_id)
            .order_by(ArticleApproval.id)
        ).all()
        for record, title in rows:
            problem = _problem(s, record, title)
            if problem:
                problems.append(problem)
        problems += _unrecorded_since_recording(s)
    return problems


def _unrecorded_since_recording(session) -> list[str]:  # noqa: ANN001
    """Approved articles without an approval record whose approval step came after Warta recorded approvals.

    An article approved before approvals were recorded is legitimate, and so
    is one imported as approved (it has no approval step at all). What tells
    them from a status set by hand: its last "approve" step is later than the
    first approval Warta recorded with an approver, when every approval wrote
    its record in the same transaction.
    """
    since = session.scalar(select(func.min(ArticleApproval.approved_at)).where(ArticleApproval.approver_id.is_not(None)))
    if since is None:
        return []
    last_step = (
        select(ArticleComment.article_id, func.max(ArticleComment.created_at).label("at"))
        .where(ArticleComment.action == "approve").group_by(ArticleComment.article_id).subquery()
    )
    rows = session.execute(
        select(Article.id, Article.title, Article.status).join(last_step, last_step.c.article_id == Article.id)
        .where(Article.status.in_(APPROVED_STATUSES), last_step.c.at > since,
               ~select(ArticleApproval.id).where(ArticleApproval.article_id == Article.id).exists())
        .order_by(Article.id)
    ).all()
    return [_(
        "Article {id} '{title}' is {status} without an approval record although it was approved after Warta "
        "began recording approvals: its status was probably changed outside Warta. Return it and approve it again."
    ).format(id=art_id, title=title, status=store.status_label(status)) for art_id, title, status in rows]


# -- the steps (called inside store.transition's transaction) ------------------------


def text_authors(session, row: Article) -> set[int]:  # noqa: ANN001
    """Who wrote the text now up for approval: the article's author and whoever saved since the last approval."""
    since = session.scalar(
        select(func.max(ArticleRevision.number)).join(ArticleApproval, ArticleApproval.revision_id == ArticleRevision.id)
        .where(ArticleApproval.article_id == row.id)
    ) or 0
    savers = set(session.scalars(
        select(ArticleRevision.staff_id).where(ArticleRevision.article_id == row.id, ArticleRevision.number > since,
                                               ArticleRevision.staff_id.is_not(None)).distinct()))
    return savers | ({row.author_id} if row.author_id is not None else set())


def self_approval_allowed(library) -> bool:  # noqa: ANN001
    """The office's explicit setting (off unless an Admin turned it on)."""
    with library.store.read() as s:
        return _office_settings(s)[2]


def record_approval(tx, row: Article, *, expected_revision: int | None = None) -> ArticleApproval:  # noqa: ANN001
    """Approve the article's newest revision inside ``tx``: hash, approver, time, release number.

    Refused when ``expected_revision`` (what the approver read) is not the
    newest one, or when the approver wrote the text and the office does not
    allow self-approval.
    """
    session = tx.session
    if expected_revision is not None and expected_revision != row.revision:
        raise ApprovalError(_(
            "'{title}' was saved again (revision {theirs}) after you read revision {yours}; read the new text "
            "before approving it."
        ).format(title=row.title, theirs=row.revision, yours=expected_revision))
    own = tx.staff_id in text_authors(session, row)
    if own and not _office_settings(session)[2]:
        raise ApprovalError(_(
            "You wrote '{title}', so someone else must approve it. An office with one humas person can allow "
            "self-approval in Settings → Office profile (an Admin decides, and it is logged)."
        ).format(title=row.title))
    rev_id, content = session.execute(
        select(ArticleRevision.id, ArticleRevision.content)
        .where(ArticleRevision.article_id == row.id, ArticleRevision.number == row.revision)
    ).one()
    digest = content_hash(snapshot.loads(content))
    number = _release_number(tx, row.id, dt.date.today())
    name = session.scalar(select(Staff.name).where(Staff.id == tx.staff_id)) or ""
    record = ArticleApproval(article_id=row.id, revision_id=rev_id, content_sha256=digest, approver_id=tx.staff_id,
                             approver_name=name, approved_at=utcnow(), release_number=number, self_approved=own)
    session.add(record)
    session.flush()
    summary = _("Approved revision {revision} of '{title}' as {number} (SHA-256 {digest})").format(
        revision=row.revision, title=row.title, number=number, digest=digest)
    if own:
        tx.audit("self_approve", "articles", row.id, _("Self-approval: {summary}").format(summary=summary))
    else:
        tx.audit("approve", "articles", row.id, summary)
    return record


def mark_published(tx, row: Article) -> None:  # noqa: ANN001
    """The approval in force went out now (times the release for the issue register)."""
    record = _current(tx.session, row.id)
    if record is not None and record.published_at is None:
        record.published_at = utcnow()


def withdraw(tx, row: Article) -> None:  # noqa: ANN001
    """Returning an approved article withdraws its approval (the record stays, marked)."""
    if row.status != "approved":
        return
    record = _current(tx.session, row.id)
    if record is not None:
        record.revoked_at = utcnow()


def start_new_draft(library, article_id: int, *, base_revision: int | None = None) -> int:  # noqa: ANN001
    """"Ubah": a new draft revision of an approved or published article; returns its revision number.

    The approval stays the record of what was approved, and outputs keep
    printing that text (with a warning) until the new draft is approved.
    Secretariat, and nobody acting as no one, may not do it.
    """
    with library.store.write() as tx:
        session = tx.session
        row = store._get(session, article_id, lock=True)
        role = store._role(session, tx.staff_id)
        if role is None or role == "secretariat":
            raise store.NotAllowed(_(
                "Only a Writer, an Editor or an Admin can start a new draft of '{title}'; the approved text stays "
                "as it is."
            ).format(title=row.title))
        if row.status not in APPROVED_STATUSES:
            raise ApprovalError(_("'{title}' is {status}, not approved: edit it as it is.").format(
                title=row.title, status=store.status_label(row.status)))
        if base_revision is not None and base_revision != row.revision:
            raise store.SaveConflict(_(
                "'{title}' changed after you opened it (revision {theirs}); reopen it first."
            ).format(title=row.title, theirs=row.revision))
        if _current(session, article_id) is None:
            _record_unrecorded(tx, row)
        doc = store._doc_from_row(session, row)
        doc.status = "draft"
        row.status = "draft"
        row.revision += 1
        row.updated_at = utcnow()
        session.flush()
        store._add_revision(session, article_id, row.revision, doc, tx.staff_id,
                            _("New draft after approval; it needs approval again"))
        session.add(ArticleComment(article_id=article_id, staff_id=tx.staff_id, action="new_draft", text=""))
        tx.audit("new_draft", "articles", article_id, row.title)
        return row.revision


def _record_unrecorded(tx, row: Article) -> None:  # noqa: ANN001
    """An article approved before approvals were recorded: keep its text as the approved one (approver unknown)."""
    session = tx.session
    rev_id, content = session.execute(
        select(ArticleRevision.id, ArticleRevision.content)
        .where(ArticleRevision.article_id == row.id, ArticleRevision.number == row.revision)
    ).one()
    number = session.scalar(select(ReleaseNumber.number).where(ReleaseNumber.article_id == row.id)) or ""
    session.add(ArticleApproval(
        article_id=row.id, revision_id=rev_id, content_sha256=content_hash(snapshot.loads(content)),
        approver_id=None, approver_name="", approved_at=row.updated_at, release_number=number, self_approved=False,
        published_at=row.updated_at if row.status == "published" else None))
    session.flush()


def has_approvals(session, article_id: int) -> bool:  # noqa: ANN001
    return session.scalar(select(func.count()).select_from(ArticleApproval)
                          .where(ArticleApproval.article_id == article_id)) > 0


def approve(library, article_id: int, *, revision: int | None = None, comment: str = "") -> Approval:  # noqa: ANN001
    """Approve the article's newest revision (``revision``: the one the approver read); returns the record."""
    store.transition(library, article_id, "approve", comment=comment, expected_revision=revision)
    approval = approved_revision(library, article_id)
    assert approval is not None  # just recorded in the transition
    return approval

