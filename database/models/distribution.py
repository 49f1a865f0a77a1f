"""Distribution: releases sent to media lists (e-mail, WhatsApp, printed kits) and the send log.

A *batch* is one "send this release to this list by this channel"; its
*messages* are one row per recipient: the outbox while queued, the send log
once sent. A message keeps the recipient's name, address and organisation
as they were when it was sent, so the log still says who got what after a
contact is edited or deleted (the foreign keys are then SET NULL).

E-mail attachments are stored once per batch, in the database: a queued
message survives a restart and is rebuilt byte for byte from its batch,
and the log keeps exactly what went out.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow

CHANNELS = ("email", "whatsapp", "print")
# queued → sending → sent | failed (retried) ; skipped (no consent, no address …);
# written: an .eml file handed to the office's mail client.
STATES = ("queued", "sending", "sent", "failed", "skipped", "written")


class DistributionBatch(Base):
    __tablename__ = "distribution_batches"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(20), default="")  # smtp | eml | whatsapp | print
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, index=True
    )
    kit_id: Mapped[int | None] = mapped_column(ForeignKey("kits.id", ondelete="SET NULL"), nullable=True, index=True)
    list_id: Mapped[int | None] = mapped_column(
        ForeignKey("distribution_lists.id", ondelete="SET NULL"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(String(500), default="")  # the release's title when sent
    subject: Mapped[str] = mapped_column(String(500), default="")
    sender: Mapped[str] = mapped_column(String(300), default="")  # From: of e-mail
    body: Mapped[str] = mapped_column(Text, default="")  # text after the personal greeting
    notes: Mapped[str] = mapped_column(Text, default="")  # photos dropped or shrunk to fit, one per line
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DistributionAttachment(Base):
    __tablename__ = "distribution_attachments"

    __table_args__ = AUTOINCREMENT
    __audit__ = False  # written with its batch, which is audited

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("distribution_batches.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class DistributionMessage(Base):
    """One recipient of a batch: the outbox entry and, once sent, the send log entry."""

    __tablename__ = "distribution_messages"

    __table_args__ = (Index("ix_distribution_messages_state", "state", "batch_id"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("distribution_batches.id", ondelete="CASCADE"), index=True)
    # Generated once when queued: every retry sends the same Message-ID.
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, index=True
    )
    kit_id: Mapped[int | None] = mapped_column(ForeignKey("kits.id", ondelete="SET NULL"), nullable=True, index=True)
    recipient: Mapped[str] = mapped_column(String(300), default="")  # name as it was
    organization: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(300), default="")  # e-mail address or E.164 number
    state: Mapped[str] = mapped_column(String(20), default="queued")
    reason: Mapped[str] = mapped_column(Text, default="")  # why skipped
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.articles  # noqa: E402,F401
import database.models.contacts  # noqa: E402,F401
import database.models.kits  # noqa: E402,F401
