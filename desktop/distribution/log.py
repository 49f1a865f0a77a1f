"""The send log: who got which release, by which channel, when; printed kits handed out; reach per release.

Every row of ``distribution_messages`` that is sent (or written as .eml) is
a log entry. A person's and an organisation's page list theirs; a release's
*Distribusi* panel lists its own and sums up its reach.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from sqlalchemy import column, func, insert, or_, select, table, update

from database.models.distribution import DistributionBatch, DistributionMessage
from desktop.distribution import outbox, recipients
from desktop.errors import ValidationError
from desktop.i18n import N_, _

M = DistributionMessage.__table__
B = DistributionBatch.__table__
LOGGED = ("sent", "written")
CHANNEL_LABELS = {"email": N_("E-mail"), "whatsapp": N_("WhatsApp"), "print": N_("Printed kit")}
STATE_LABELS = {"queued": N_("queued"), "sending": N_("uncertain"), "sent": N_("sent"), "failed": N_("failed"),
                "skipped": N_("skipped"), "written": N_(".eml written")}
# Coverage belongs to contacts; its ``send_id`` column is the one link this
# area keeps there (contacts' api has no call for it yet), so it is named
# here as a bare table rather than through contacts' model classes.
_COVERAGE = table("coverage", column("id"), column("send_id"), column("article_id"), column("organization_id"),
                  column("date"), column("headline"))


@dataclass
class LogEntry:
    id: int
    when: str  # ISO date-time of the send, UTC
    shown: str  # the same in this PC's local time, for lists (03/11/2025 14:05)
    channel: str
    state: str
    name: str
    organization: str
    organization_id: int | None
    address: str
    title: str
    article_id: int | None
    kit_id: int | None
    batch: int

    def to_json(self) -> dict:
        return dict(self.__dict__)


def channel_label(channel: str) -> str:
    return _(CHANNEL_LABELS.get(channel, channel))


def state_label(state: str) -> str:
    return _(STATE_LABELS.get(state, state))


def _where(person_id: int | None = None, organization_id: int | None = None, article_id: int | None = None,
           kit_id: int | None = None):  # noqa: ANN202 - a SQL condition
    if person_id is not None:
        return M.c.person_id == person_id
    if organization_id is not None:
        return M.c.organization_id == organization_id
    if kit_id is not None:
        return M.c.kit_id == kit_id
    if article_id is not None:
        return M.c.article_id == article_id
    raise ValidationError(_("Say whose send log to show: a person, an organisation or a release."))


def count_entries(library, **who: int | None) -> int:  # noqa: ANN001
    """How many log entries :func:`entries` has for ``person_id=``, ``organization_id=``, ``article_id=`` or ``kit_id=``."""
    with library.store.read() as s:
        return int(s.scalar(select(func.count()).where(_where(**who), M.c.state.in_(LOGGED))) or 0)


def entries(library, *, offset: int = 0, limit: int = 200, **who: int | None) -> list[LogEntry]:  # noqa: ANN001
    """One page of a send log, newest first (``person_id=``, ``organization_id=``, ``article_id=`` or ``kit_id=``)."""
    q = (select(M, B.c.title).join(B, B.c.id == M.c.batch_id).where(_where(**who), M.c.state.in_(LOGGED))
         .order_by(M.c.sent_at.desc(), M.c.id.desc()).offset(offset).limit(limit))
    with library.store.read() as s:
        rows = s.execute(q).mappings().all()
    return [LogEntry(r["id"], r["sent_at"].isoformat(sep=" ", timespec="minutes") if r["sent_at"] else "",
                     _local(r["sent_at"]), r["channel"], r["state"], r["recipient"], r["organization"], r["organization_id"], r["address"],
                     r["title"],
                     r["article_id"], r["kit_id"], r["batch_id"]) for r in rows]


def _local(when) -> str:  # noqa: ANN001 - naive UTC datetime or None
    import datetime as dt

    from desktop import dates

    if when is None:
        return ""
    return dates.short_datetime(when.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None))


def for_person(library, person_id: int, limit: int = 200) -> list[LogEntry]:  # noqa: ANN001
    return entries(library, person_id=person_id, limit=limit)


def for_organization(library, organization_id: int, limit: int = 200) -> list[LogEntry]:  # noqa: ANN001
    return entries(library, organization_id=organization_id, limit=limit)


def for_article(library, article_id: int, limit: int = 2000) -> list[LogEntry]:  # noqa: ANN001
    return entries(library, article_id=article_id, limit=limit)


def for_kit(library, kit_id: int, limit: int = 2000) -> list[LogEntry]:  # noqa: ANN001
    return entries(library, kit_id=kit_id, limit=limit)


def batches_for(library, *, article_id: int | None = None, kit_id: int | None = None) -> list[dict]:  # noqa: ANN001
    """Every send of a release, newest first, with counts per state (the release's Distribusi panel)."""
    where = B.c.kit_id == kit_id if kit_id is not None else B.c.article_id == article_id
    with library.store.read() as s:
        ids = list(s.scalars(select(B.c.id).where(where).order_by(B.c.id.desc())))
    return [outbox.batch_info(library, i) for i in ids]


def record_handed_out(library, person_ids: Sequence[int], *, article_id: int | None = None,  # noqa: ANN001
                      kit_id: int | None = None) -> int:
    """Log a printed kit (or release) handed to each person (at a press conference, a visit)."""
    if (article_id is None) == (kit_id is None):
        raise ValidationError(_("Record either an article or a press kit as handed out."))
    if not person_ids:
        raise ValidationError(_("Choose who received the printed copy."))
    m = outbox.material(library, article_id=article_id, kit_id=kit_id, attachments=False)
    found = recipients.resolve(library, "print", list(person_ids))
    with library.store.write() as tx:
        batch = DistributionBatch(channel="print", mode="print", article_id=m.article_id, kit_id=m.kit_id,
                                  title=m.title[:500], created_by=tx.staff_id)
        tx.session.add(batch)
        tx.session.flush()
        tx.session.execute(insert(M), [outbox.message_row(batch.id, "print", r, m, state="sent") for r in found])
        tx.touch(M.name)
    return len(found)


def move_person(old_person_ids: Sequence[int], new_person_id: int, tx) -> None:  # noqa: ANN001 - database.session.Tx
    """Sends to the contacts ``old_person_ids`` now belong to ``new_person_id``.

    Contacts calls this when it merges people, so the kept person's page
    lists everything the office sent to either of them. (A deleted contact
    needs nothing: the foreign key sets the link to NULL and the message keeps
    the name and address it was sent to.)
    """
    ids = sorted({int(i) for i in old_person_ids})
    if not ids:
        return
    tx.session.execute(update(DistributionMessage).where(DistributionMessage.person_id.in_(ids))
                       .values(person_id=new_person_id))
    tx.touch("distribution_messages")


def link_coverage(library, coverage_id: int, send_id: int | None) -> None:  # noqa: ANN001
    """Say which send a coverage entry followed (None: no longer linked)."""
    with library.store.write() as tx:
        if send_id is not None and tx.session.scalar(select(M.c.id).where(M.c.id == send_id)) is None:
            raise ValidationError(_("There is no send with number {id}.").format(id=send_id))
        done = tx.session.execute(update(_COVERAGE).where(_COVERAGE.c.id == coverage_id).values(send_id=send_id))
        if not done.rowcount:
            raise ValidationError(_("There is no coverage entry with id {id}.").format(id=coverage_id))
        tx.audit("update", "coverage", str(coverage_id), _("linked to send {id}").format(id=send_id))


def suggest_send(library, organization_id: int, article_id: int) -> int | None:  # noqa: ANN001
    """The latest send of ``article_id`` to someone of the organisation: what a new coverage entry most likely followed."""
    with library.store.read() as s:
        return s.scalar(select(M.c.id).where(M.c.article_id == article_id, M.c.organization_id == organization_id,
                                             M.c.state.in_(LOGGED)).order_by(M.c.sent_at.desc(), M.c.id.desc()).limit(1))


@dataclass
class Reach:
    recipients: dict[str, int] = field(default_factory=dict)  # channel -> people reached
    people: int = 0
    outlets: list[str] = field(default_factory=list)
    coverage: int = 0  # coverage entries of this release
    coverage_linked: int = 0  # of which linked to one of its sends
    skipped: int = 0
    pending: int = 0

    def to_json(self) -> dict:
        return dict(self.__dict__)


def reach(library, article_id: int) -> Reach:  # noqa: ANN001
    """Who the release reached, by channel; outlets reached; coverage that followed."""
    out = Reach()
    mine = M.c.article_id == article_id
    with library.store.read() as s:
        for channel, count in s.execute(select(M.c.channel, func.count(func.distinct(M.c.person_id)))
                                        .where(mine, M.c.state.in_(LOGGED)).group_by(M.c.channel)):
            out.recipients[channel] = int(count)
        out.people = int(s.scalar(select(func.count(func.distinct(M.c.person_id))).where(
            mine, M.c.state.in_(LOGGED))) or 0)
        out.outlets = sorted({o for o in s.scalars(select(M.c.organization).where(
            mine, M.c.state.in_(LOGGED), M.c.organization != "").distinct())})
        out.skipped = int(s.scalar(select(func.count()).where(mine, M.c.state == "skipped")) or 0)
        out.pending = int(s.scalar(select(func.count()).where(mine, M.c.state.in_(outbox.PENDING + ("sending",))))
                          or 0)
        sends = select(M.c.id).where(mine)
        out.coverage = int(s.scalar(select(func.count()).select_from(_COVERAGE).where(
            or_(_COVERAGE.c.article_id == article_id, _COVERAGE.c.send_id.in_(sends)))) or 0)
        out.coverage_linked = int(s.scalar(select(func.count()).select_from(_COVERAGE).where(
            _COVERAGE.c.send_id.in_(sends))) or 0)
    return out


@dataclass
class ReleaseReach:
    """One release's sends in a period (periodic reports): recipients reached per channel."""

    article_id: int | None
    kit_id: int | None
    title: str  # the title when sent
    recipients: int = 0  # logged messages: one per recipient reached
    by_channel: dict[str, int] = field(default_factory=dict)
    outlets: int = 0  # distinct organisations reached


def reach_between(library, since, until) -> list[ReleaseReach]:  # noqa: ANN001 - naive UTC datetimes
    """Every release (or kit) sent in ``since`` ≤ sent_at < ``until``, most recipients first."""
    found: dict[tuple, ReleaseReach] = {}
    when = (M.c.state.in_(LOGGED), M.c.sent_at >= since, M.c.sent_at < until)
    with library.store.read() as s:
        # The title is the batch's (as sent); a release sent twice under two titles keeps the first.
        for article_id, kit_id, title, channel, count in s.execute(
            select(M.c.article_id, M.c.kit_id, func.min(B.c.title), M.c.channel, func.count())
            .join(B, B.c.id == M.c.batch_id).where(*when)
            .group_by(M.c.article_id, M.c.kit_id, M.c.channel)
        ):
            key = (article_id, kit_id) if article_id is not None or kit_id is not None else ("title", title)
            entry = found.setdefault(key, ReleaseReach(article_id, kit_id, title or ""))
            entry.by_channel[channel] = entry.by_channel.get(channel, 0) + int(count)
            entry.recipients += int(count)
        for article_id, kit_id, outlets in s.execute(
            select(M.c.article_id, M.c.kit_id, func.count(func.distinct(M.c.organization)))
            .where(*when, M.c.organization != "").group_by(M.c.article_id, M.c.kit_id)
        ):
            if (article_id, kit_id) in found:
                found[(article_id, kit_id)].outlets = int(outlets)
    return sorted(found.values(), key=lambda r: (-r.recipients, r.title, r.article_id or 0, r.kit_id or 0))
