"""Isu & Hoaks register: circulating claims, where they appeared, their screenshots.

A claim is what people are passing around (a WhatsApp broadcast, a TikTok
video …) about the office or the election. The office records it when first
seen, classifies it (the seven kinds of mis- and disinformation Indonesian
fact-checkers use), gives it a verdict label and answers it with a
*klarifikasi* article.

Times (``first_seen``, ``created_at``) are naive UTC like every timestamp in
the library, so the time to clarification compares them with the article's
approval and publication times directly.

``article_id`` is ``ON DELETE SET NULL``: articles can only delete a draft,
and a draft has no approval or publication time, so the claim loses nothing
of record and simply shows "no clarification yet" again (RESTRICT would make
the writer unlink a mistaken draft before deleting it, for no gain). An
approved or published clarification cannot be deleted, only archived.

Screenshots are managed files stored by content,
``files/claims/<aa>/<sha256>.<ext>``, inside the ``files`` folder that
backups already carry; two claims showing the same picture share one file.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class Claim(Base):
    __tablename__ = "claims"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    platform: Mapped[str] = mapped_column(String(100), default="")
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    reach: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # views/shares, an estimate
    reported_by: Mapped[str] = mapped_column(String(300), default="")  # as told (a citizen, a journalist …)
    reporter_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True, index=True
    )
    category: Mapped[str] = mapped_column(String(30), default="")
    verdict: Mapped[str] = mapped_column(String(30), default="", index=True)
    facts: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[str] = mapped_column(Text, default="")  # one per line
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class ClaimLink(Base):
    """Where the claim appeared, in the order recorded (the first is its first appearance)."""

    __tablename__ = "claim_links"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    url: Mapped[str] = mapped_column(String(2000))


class ClaimScreenshot(Base):
    __tablename__ = "claim_screenshots"
    __table_args__ = (UniqueConstraint("claim_id", "sha256", name="uq_claim_screenshots_claim_sha"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    path: Mapped[str] = mapped_column(String(300))  # library-relative managed file
    file_name: Mapped[str] = mapped_column(String(500), default="")  # name when added
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.articles  # noqa: E402,F401
import database.models.core  # noqa: E402,F401
