"""Photo archive: photos (one row per distinct original), events, albums.

An original is stored once, by content: ``photos/<aa>/<sha256>.<ext>``, so
``sha256`` is unique and re-importing the same bytes adds nothing. Its
thumbnail and print rendition live at the same relative name under
``thumbnails/`` and ``renditions/`` (always ``.jpg``); ``thumb_state`` and
``rendition_state`` say whether they were made (``ok``), are still to be made
(``pending``) or could not be made (``failed``).

``width``/``height`` are the size as displayed, i.e. after the EXIF
orientation is applied; the original file itself is never rewritten.

Tags are one comma-joined string (``"pelantikan,rapat pleno"``) so filtering
by a tag is ``',' || tags || ',' LIKE '%,tag,%'`` in SQL.

People shown in a photo are contacts (``photo_people.person_id``); the name
is kept beside the link so a deleted contact leaves the photo saying who is
in it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class PhotoEvent(Base):
    """An activity of the office (*kegiatan*) that photos document."""

    __tablename__ = "photo_events"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    location: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Album(Base):
    """A hand-made group of photos; a photo can be in several albums."""

    __tablename__ = "photo_albums"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Photo(Base):
    __tablename__ = "photos"
    # The grid's order (newest first) read straight from an index, no sort of 20,000 rows per page.
    __table_args__ = (Index("ix_photos_grid_order", "date", "taken", "id"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(500), default="")  # name when imported
    path: Mapped[str] = mapped_column(String(300))  # library-relative managed original
    format: Mapped[str] = mapped_column(String(10), default="")  # JPEG, PNG, TIFF, WEBP, HEIF, MPO
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    orientation: Mapped[int] = mapped_column(Integer, default=1)  # EXIF 1–8
    taken: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    camera: Mapped[str] = mapped_column(String(200), default="")
    gps_lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    gps_lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    artist: Mapped[str] = mapped_column(String(300), default="")  # from EXIF
    copyright: Mapped[str] = mapped_column(String(300), default="")  # from EXIF
    caption: Mapped[str] = mapped_column(Text, default="")  # keterangan
    credit: Mapped[str] = mapped_column(String(300), default="")
    # The date a caption states; starts as the day taken, editable.
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("photo_events.id", ondelete="SET NULL"), nullable=True, index=True
    )
    location: Mapped[str] = mapped_column(String(300), default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    usage_notes: Mapped[str] = mapped_column(Text, default="")
    pilihan: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    phash: Mapped[str] = mapped_column(String(16), default="")  # dHash, 64 bits hex
    ahash: Mapped[str] = mapped_column(String(16), default="")  # average hash, 64 bits hex
    thumb_state: Mapped[str] = mapped_column(String(10), default="pending")
    rendition_state: Mapped[str] = mapped_column(String(10), default="pending")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class PhotoAlbum(Base):
    __tablename__ = "photo_album_items"

    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True)
    album_id: Mapped[int] = mapped_column(
        ForeignKey("photo_albums.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PhotoPerson(Base):
    __tablename__ = "photo_people"
    __table_args__ = (UniqueConstraint("photo_id", "person_id", name="uq_photo_people_photo_person"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(300), default="")  # as the contact was named when tagged

# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.contacts  # noqa: E402,F401
