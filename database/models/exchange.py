"""Exchange between offices: trusted office keys, bundles sent and received,
and what member offices reported (kept apart from this office's own rows).

A member office's releases, coverage, activities … are stored as generic
items (section, source id, title, date, text, public fields as JSON) so a
province can receive a section its own Warta has no area for yet.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class ExchangeOffice(Base):
    """Another office whose key this office trusts (added after comparing fingerprints by phone)."""

    __tablename__ = "exchange_offices"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Derived from the public key (see desktop.exchange.keys), so two copies
    # of one template library still get different office ids.
    office_uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    public_key: Mapped[str] = mapped_column(String(64), unique=True)  # raw Ed25519 key, hex
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    trusted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")


class ExchangeBundle(Base):
    """One bundle this office wrote (``export``) or accepted (``import``)."""

    __tablename__ = "exchange_bundles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_uid: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(10))  # export | import
    kind: Mapped[str] = mapped_column(String(20))  # style-pack | report
    # The sender of an imported bundle; forgetting an office forgets what came from it.
    office_id: Mapped[int | None] = mapped_column(
        ForeignKey("exchange_offices.id", ondelete="CASCADE"), nullable=True, index=True
    )
    office_uid: Mapped[str] = mapped_column(String(32))
    office_name: Mapped[str] = mapped_column(String(300), default="")
    sequence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)  # as written in the manifest
    processed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    period_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    period_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    # A style pack's content (JSON): the standard in force is the newest imported one.
    content: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("direction", "bundle_uid", name="uq_exchange_bundles_direction_uid"),
        UniqueConstraint("direction", "office_uid", "kind", "sequence", name="uq_exchange_bundles_sequence"),
        AUTOINCREMENT,
    )


class ExchangeItem(Base):
    """One thing a member office reported: a release, a coverage entry, an activity, an MoU …"""

    __tablename__ = "exchange_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("exchange_offices.id", ondelete="CASCADE"))
    # The bundle that last brought or changed it.
    bundle_id: Mapped[int | None] = mapped_column(
        ForeignKey("exchange_bundles.id", ondelete="SET NULL"), nullable=True, index=True
    )
    section: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[str] = mapped_column(String(100))  # the item's id in the sending office
    title: Mapped[str] = mapped_column(String(500), default="")
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[str] = mapped_column(Text, default="{}")  # public fields, JSON
    digest: Mapped[str] = mapped_column(String(64), default="")  # of what was received, to see a change

    __table_args__ = (
        UniqueConstraint("office_id", "section", "source_id", name="uq_exchange_items_office_section_source"),
        Index("ix_exchange_items_section_date", "section", "date"),
        AUTOINCREMENT,
    )


class ExchangeItemPhoto(Base):
    """A captioned photo rendition that came with a member office's item (bytes kept in the row:
    nothing for the leftover sweep to mistake for an orphan, gone with its item)."""

    __tablename__ = "exchange_item_photos"
    __audit__ = False  # arrives with its item, which is audited

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("exchange_items.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(Text, default="")
    credit: Mapped[str] = mapped_column(String(300), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (AUTOINCREMENT,)


class StyleStandard(Base):
    """This office's own standard, one row per style-pack section it authors (``templates``, ``kop``).

    The one source of truth: new articles and every letterhead read it, the style pack this office
    exports carries it, and applying an imported pack writes the pack's part here (so an office's
    later edit stays until the next pack). No row: Warta's built-in templates and kop.
    """

    __tablename__ = "style_standard"

    section: Mapped[str] = mapped_column(String(40), primary_key=True)
    content: Mapped[str] = mapped_column(Text, default="")  # JSON, as the section travels in a pack
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)


# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.core  # noqa: E402,F401
