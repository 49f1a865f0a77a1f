"""Articles: press releases and news, their quotes, tags, revisions, review
comments and autosaved editor text.

Body and lead are Markdown. The full-text index ``fts_articles`` (title,
lead, body, quotes, tags, author) has no model; ``desktop.articles.store``
keeps it in step in the same transaction as every change.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class Article(Base):
    __tablename__ = "articles"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), default="siaran_pers", index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    title: Mapped[str] = mapped_column(String(500), default="", index=True)
    subtitle: Mapped[str] = mapped_column(String(500), default="")
    dateline_city: Mapped[str] = mapped_column(String(100), default="")
    event_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    publication_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    # NULL: "Untuk Segera Disiarkan"; else the embargo moment in embargo_tz local time.
    embargo_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    embargo_tz: Mapped[str] = mapped_column(String(8), default="WIB")
    lead: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    writer: Mapped[str] = mapped_column(String(200), default="", index=True)
    editor: Mapped[str] = mapped_column(String(200), default="")
    photographer: Mapped[str] = mapped_column(String(200), default="")
    boilerplate: Mapped[str] = mapped_column(Text, default="")
    contact_block: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(String(1000), default="")
    # The site an imported web page came from ("Bawaslu Provinsi Jawa Timur"); its address is source_url.
    source_site: Mapped[str] = mapped_column(String(200), default="", server_default="")
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Number of the newest revision; lets a save detect that someone else saved meanwhile.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # Edit lock (who has the article open in an editor), managed by desktop.safety.
    locked_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ArticleQuote(Base):
    __tablename__ = "article_quotes"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    speaker: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    # The speaker as a contact. Deleting the contact keeps the quote and its
    # typed speaker text; only the link goes.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True
    )


class ArticleTag(Base):
    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(100), primary_key=True)

    __table_args__ = (Index("ix_article_tags_tag", "tag"),)


class ArticleRevision(Base):
    """One save: who, when, and the whole article as JSON (ArticleDoc)."""

    __tablename__ = "article_revisions"
    __audit__ = False  # the save that makes it is audited on the article itself

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    note: Mapped[str] = mapped_column(String(500), default="")
    content: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (UniqueConstraint("article_id", "number", name="uq_article_revisions_article_number"), AUTOINCREMENT)


class ArticleComment(Base):
    """A review comment, or a workflow step (submitted, approved, returned …)."""

    __tablename__ = "article_comments"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(20), default="comment")
    text: Mapped[str] = mapped_column(Text, default="")


class ArticleAutosave(Base):
    """Unsaved editor text, written seconds after typing pauses; offered back after a crash."""

    __tablename__ = "article_autosaves"
    __audit__ = False  # written every few seconds while typing; not a user action

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), nullable=True)
    base_revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    content: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (UniqueConstraint("article_id", "staff_id", name="uq_article_autosaves_article_staff"), AUTOINCREMENT)

class ArticleApproval(Base):
    """Who approved which exact text: a revision and the SHA-256 of its canonical content.

    ``desktop.articles.approval`` writes these; ``warta check`` recomputes the
    hash from the revision. Published/revoked times are filled by later steps
    on the same approval (the text that went out is the approved one).
    """

    __tablename__ = "article_approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # A revision goes only with its article, so this cascade never removes a record on its own.
    revision_id: Mapped[int] = mapped_column(ForeignKey("article_revisions.id", ondelete="CASCADE"), index=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    # The name as it was, for the approval sheet (a profile may be renamed later).
    approver_name: Mapped[str] = mapped_column(String(200), default="")
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    release_number: Mapped[str] = mapped_column(String(200), default="")
    self_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = AUTOINCREMENT


class ReleaseCounter(Base):
    """The last release sequence handed out in a year; only ever counts up, so a number is never reused."""

    __tablename__ = "release_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class ReleaseNumber(Base):
    """A release number handed out; the row stays when its article is deleted (the number stays used)."""

    __tablename__ = "release_numbers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(200))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, unique=True
    )
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("year", "seq", name="uq_release_numbers_year_seq"), AUTOINCREMENT)


# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.contacts  # noqa: E402,F401
