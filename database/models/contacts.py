"""Contacts and partners: organisations, people, their channels, lists and history.

Phones and e-mails are rows of their own (several per person, each labelled
and flagged public or private) so that matching on import is an indexed
lookup and a press kit can be limited to public channels in SQL.

``people.organization_id`` caches the person's main affiliation so the list
can be sorted by organisation without a correlated subquery over 50,000 rows;
the service keeps it equal to the first current affiliation.

Tags are stored as one comma-joined string (``"media,jatim"``, no spaces) so
that filtering by a tag is ``',' || tags || ',' LIKE '%,media,%'`` in SQL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, true, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from database.base import AUTOINCREMENT, Base, utcnow


class OrgType(Base):
    """Editable list of organisation types (Media cetak, LSM, …)."""

    __tablename__ = "organization_types"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Organization(Base):
    __tablename__ = "organizations"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    type_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization_types.id", ondelete="SET NULL"), nullable=True, index=True
    )
    regency: Mapped[str] = mapped_column(String(120), default="", index=True)  # kabupaten/kota
    province: Mapped[str] = mapped_column(String(120), default="", index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    social: Mapped[str] = mapped_column(Text, default="")  # JSON {"instagram": "@…"}
    notes: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    mou_number: Mapped[str] = mapped_column(String(120), default="")
    mou_signed: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    mou_expires: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    mou_scope: Mapped[str] = mapped_column(Text, default="")
    # The expiry date whose Beranda alert the user dismissed; a renewed MoU
    # (another expiry date) is alerted again.
    mou_alert_dismissed: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_organization_sort", "organization_sort", "sort_name"),
        Index("ix_people_position_sort", "position", "sort_name"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(300))  # titles kept as written
    # Lower-cased name without academic titles: sort key and fuzzy-match key.
    sort_name: Mapped[str] = mapped_column(String(300), default="", index=True)
    position: Mapped[str] = mapped_column(String(300), default="")
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Lower-cased name of that organisation, kept by the service: sorting 50,000
    # people by organisation is then an index walk instead of a join and a sort.
    organization_sort: Mapped[str] = mapped_column(String(300), default="")
    beat: Mapped[str] = mapped_column(String(200), default="")  # desk for journalists
    preferred_channel: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(300), default="")  # where the data came from
    consent: Mapped[bool] = mapped_column(Boolean, default=False)  # agreed to be contacted
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Affiliation(Base):
    __tablename__ = "affiliations"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(300), default="")
    date_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    date_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class PersonPhone(Base):
    __tablename__ = "person_phones"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(60), default="")
    number: Mapped[str] = mapped_column(String(40), index=True)  # E.164 (+62…), or as typed when not verified
    whatsapp: Mapped[bool] = mapped_column(Boolean, default=False)
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    # False: the number could not be read as a valid phone number and is kept
    # exactly as the person typed it (shown "belum terverifikasi").
    verified: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class PersonEmail(Base):
    __tablename__ = "person_emails"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(254))
    # Lower-cased address: the matching key (the part before @ is case-insensitive in practice).
    address_key: Mapped[str] = mapped_column(String(254), index=True)
    public: Mapped[bool] = mapped_column(Boolean, default=False)


class PersonPhoto(Base):
    """A contact's photo, in the database: it is written in the same transaction as
    the person, travels with every backup, and keeps the people table lean for lists."""

    __tablename__ = "person_photos"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SocialAccount(Base):
    __tablename__ = "social_accounts"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    network: Mapped[str] = mapped_column(String(60))
    handle: Mapped[str] = mapped_column(String(300))


class DistributionList(Base):
    __tablename__ = "distribution_lists"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # JSON of a PeopleFilter for a saved filter ("Media online Jawa Timur"), or NULL
    # for a static list whose members are rows of list_members.
    filter_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ListMember(Base):
    __tablename__ = "list_members"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("distribution_lists.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True)


class Collaboration(Base):
    """A collaboration log entry: meeting, MoU, visit, invitation, interview, joint event, training."""

    __tablename__ = "collaborations"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CollaborationPerson(Base):
    __tablename__ = "collaboration_people"

    collaboration_id: Mapped[int] = mapped_column(
        ForeignKey("collaborations.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True)


class CollaborationOrg(Base):
    __tablename__ = "collaboration_organizations"

    collaboration_id: Mapped[int] = mapped_column(
        ForeignKey("collaborations.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Coverage(Base):
    """*Liputan*: an outlet covered one of our articles."""

    __tablename__ = "coverage"

    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True
    )
    # Our article the outlet covered; the coverage entry outlives the article.
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, index=True
    )
    headline: Mapped[str] = mapped_column(String(500), default="")
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    url: Mapped[str] = mapped_column(String(1000), default="")  # URL, or page for print ("hlm. 5")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The release sent to this outlet that the coverage followed (distribution's send log).
    send_id: Mapped[int | None] = mapped_column(
        ForeignKey("distribution_messages.id", ondelete="SET NULL"), nullable=True, index=True
    )

# Foreign-key targets in other modules must be declared before a flush sorts tables.
import database.models.articles  # noqa: E402,F401
import database.models.distribution  # noqa: E402,F401
