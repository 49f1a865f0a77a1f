"""Data-safety bookkeeping: who is editing what (edit locks)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from database.base import Base, utcnow


class EditLock(Base):
    """An item (article …) open for editing in one window or command.

    One row per locked item; ``holder`` identifies the window/process that
    holds it so a second window of the same staff member is still kept out.
    """

    __tablename__ = "edit_locks"
    __audit__ = False  # bookkeeping, not user data

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), nullable=True)
    holder: Mapped[str] = mapped_column(String(64))
    host: Mapped[str] = mapped_column(String(200), default="")
    acquired_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
