"""Where imported articles came from: a content hash per imported file.

Importing the very same file again finds its article here instead of
creating a duplicate. The row goes with its article (ON DELETE CASCADE).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class ArticleSource(Base):
    __tablename__ = "article_sources"
    __audit__ = False  # written with the article it belongs to, which is audited

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the imported file's bytes (hex).
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
