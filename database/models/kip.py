"""KIP register: information requests under UU 14/2008 and the Daftar Informasi Publik.

Dates (``received_on``, ``due_on`` …) are calendar days in the office's own
time zone: the law counts working days, not hours. ``due_on`` is stored (it
is computed by ``desktop.kip.deadlines`` when the request is recorded or
extended) so lists sort and filter by it in SQL.

``article_id`` is ``ON DELETE SET NULL`` in both tables: only a draft article
can be deleted, and an answer or a DIP entry that pointed to it keeps its own
text. Staff references are ``SET NULL`` like everywhere else.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class KipRequest(Base):
    __tablename__ = "kip_requests"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    requester: Mapped[str] = mapped_column(String(300))
    contact: Mapped[str] = mapped_column(String(300), default="")
    subject: Mapped[str] = mapped_column(Text)  # the information asked for
    channel: Mapped[str] = mapped_column(String(30), default="")
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    state: Mapped[str] = mapped_column(String(20), default="received", index=True)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # "answered" or "rejected" once answered; stays when the state moves on to "objected".
    outcome: Mapped[str] = mapped_column(String(20), default="")
    answer: Mapped[str] = mapped_column(Text, default="")  # what was given, or why it was refused
    objected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DipEntry(Base):
    """One line of the Daftar Informasi Publik."""

    __tablename__ = "kip_dip_entries"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(200), default="")  # the unit responsible for the information
    retention: Mapped[str] = mapped_column(String(100), default="")  # how long it is kept, as the office writes it
    # One entry per article: proposing twice adds nothing (NULLs, the manual entries, do not collide).
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, unique=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.articles  # noqa: E402,F401
import database.models.core  # noqa: E402,F401
