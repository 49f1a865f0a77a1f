"""Foundation models: the office profile, staff profiles, audit log, metadata."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, Boolean
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class StaffRole(str, enum.Enum):
    WRITER = "writer"  # Penulis
    EDITOR = "editor"
    SECRETARIAT = "secretariat"  # Sekretariat
    ADMIN = "admin"

    @property
    def can_approve(self) -> bool:
        return self in (StaffRole.EDITOR, StaffRole.ADMIN)


class Office(Base):
    """The office profile (*Profil Kantor*); a library has exactly one row, id 1."""

    __tablename__ = "office"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    short_name: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    # Relative path inside the library folder (managed file), or "".
    logo: Mapped[str] = mapped_column(String(300), default="")
    boilerplate: Mapped[str] = mapped_column(Text, default="")
    photo_credit: Mapped[str] = mapped_column(String(200), default="")
    # Release numbers (desktop.articles.approval): "" uses the default pattern.
    release_number_pattern: Mapped[str] = mapped_column(String(200), default="")
    # An office with one humas person may let a writer approve their own text (logged each time).
    allow_self_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Staff(Base):
    """A staff profile on a shared office PC."""

    __tablename__ = "staff"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default=StaffRole.WRITER.value)
    # "pbkdf2_sha256$iterations$salt_hex$hash_hex" or NULL for no password.
    password_hash: Mapped[str | None] = mapped_column(String(300), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def role_enum(self) -> StaffRole:
        return StaffRole(self.role)


class AuditLog(Base):
    """Who changed what, when. Written in the same transaction as the change."""

    __tablename__ = "audit_log"
    __audit__ = False

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True, index=True
    )
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(60), default="")
    summary: Mapped[str] = mapped_column(Text, default="")


class Meta(Base):
    """Key/value facts about the library itself (id, applied migrations)."""

    __tablename__ = "warta_meta"
    __audit__ = False

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
