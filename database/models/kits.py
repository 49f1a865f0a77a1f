"""Press kits: a kit, its ordered parts, and the log of its exports.

Parts point at articles, photos, contacts, staff and distribution lists by
plain integer ids, without foreign keys: those tables belong to other areas'
migration branches, a kit must survive an article or photo being deleted (the
export then names the missing part instead of the kit vanishing or blocking
the deletion), and the kits branch migrates independently of them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow

PART_KINDS = ("cover", "article", "photo", "factsheet", "office", "contact", "staff", "distribution")


class Kit(Base):
    __tablename__ = "kits"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    event: Mapped[str] = mapped_column(String(300), default="")
    paper: Mapped[str] = mapped_column(String(4), default="a4")  # "a4" | "f4"
    photos_per_page: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, index=True)


class KitPart(Base):
    """One part, in kit order, referring to what it prints by a typed foreign key.

    Each kind that prints another area's row has its own column (an article
    part sets ``article_id`` …). ``RESTRICT``: a kit is a composed document
    that may already have been handed out, so deleting what it prints is
    refused with a sentence naming the kit rather than silently changing it.
    """

    __tablename__ = "kit_parts"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("photos.id", ondelete="RESTRICT"), nullable=True, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), nullable=True, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"), nullable=True, index=True)
    list_id: Mapped[int | None] = mapped_column(
        ForeignKey("distribution_lists.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(String(300), default="")  # fact sheet title
    text: Mapped[str] = mapped_column(Text, default="")  # fact sheet Markdown


class KitExport(Base):
    """Who exported a kit, when, where to, and the file's SHA-256 (to verify a copy later)."""

    __tablename__ = "kit_exports"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    format: Mapped[str] = mapped_column(String(10))  # "pdf" | "zip"
    path: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    draft: Mapped[bool] = mapped_column(Boolean, default=False)

# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.articles  # noqa: E402,F401
import database.models.photos  # noqa: E402,F401
import database.models.contacts  # noqa: E402,F401
