"""Laporan kehumasan: the narrative sections a person writes for one report period.

The figures of a report are read from the other areas when it is built; only
what people write (Pendahuluan, Kendala, Rencana tindak lanjut) is stored,
one row per period and section. ``period`` is the canonical period code
(``2026``, ``2026-S2``, ``2026-11``) of ``desktop.reports.period``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class ReportNarrative(Base):
    __tablename__ = "report_narratives"
    __table_args__ = (UniqueConstraint("period", "section", name="uq_report_narratives_period_section"),
                      AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(10))
    section: Mapped[str] = mapped_column(String(20))  # pendahuluan, kendala, rencana
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.core  # noqa: E402,F401
