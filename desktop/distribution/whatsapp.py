"""WhatsApp: the release as a short text and, per recipient, a click-to-chat link; the staffer ticks each sent.

Warta never talks to WhatsApp itself: the link opens the staffer's own
WhatsApp with the text filled in, and only the staffer knows it went out,
so a recipient becomes *sent* in the log when ticked (:func:`mark_sent`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from sqlalchemy import insert, select, update

from database.base import utcnow
from database.models.distribution import DistributionBatch, DistributionMessage
from desktop.distribution import content, outbox
from desktop.errors import ValidationError
from desktop.i18n import _

M = DistributionMessage.__table__


def link(number: str, text: str) -> str:
    """``https://wa.me/<digits>?text=…`` for an E.164 number."""
    digits = "".join(c for c in number if c.isdigit())
    return "https://wa.me/{digits}?text={text}".format(digits=digits, text=quote(text, safe=""))


@dataclass
class WhatsAppBatch:
    batch_id: int
    text: str
    recipients: list[dict] = field(default_factory=list)  # {message, name, organization, number, link, sent}
    skipped: list[outbox.Skipped] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"batch": self.batch_id, "text": self.text, "recipients": self.recipients,
                "skipped": [s.to_json() for s in self.skipped]}


def prepare(library, list_id: int, *, article_id: int | None = None, kit_id: int | None = None,  # noqa: ANN001
            resend: bool = False) -> WhatsAppBatch:
    """A WhatsApp batch for the list: one row per member, waiting to be ticked (or skipped, with the reason)."""
    m = outbox.material(library, article_id=article_id, kit_id=kit_id, attachments=False)
    text = content.whatsapp_text(library, m)
    found = outbox.preview(library, "whatsapp", list_id, article_id=article_id, kit_id=kit_id, resend=resend)
    with library.store.write() as tx:
        batch = DistributionBatch(channel="whatsapp", mode="whatsapp", article_id=m.article_id, kit_id=m.kit_id,
                                  list_id=list_id, title=m.title[:500], body=text, created_by=tx.staff_id)
        tx.session.add(batch)
        tx.session.flush()
        rows = [outbox.message_row(batch.id, "whatsapp", r, m) for r in found]
        if rows:
            tx.session.execute(insert(M), rows)
            tx.touch(M.name)
        batch_id = batch.id
    return batch_links(library, batch_id)


def batch_links(library, batch_id: int) -> WhatsAppBatch:  # noqa: ANN001
    """The batch's text and each recipient's link and tick (for the window, or ``warta send whatsapp``)."""
    with library.store.read() as s:
        batch = s.get(DistributionBatch, batch_id)
        if batch is None or batch.channel != "whatsapp":
            raise ValidationError(_("There is no WhatsApp send with number {id}.").format(id=batch_id))
        text = batch.body
        rows = s.execute(select(M).where(M.c.batch_id == batch_id).order_by(M.c.recipient, M.c.id)).mappings().all()
    out = WhatsAppBatch(batch_id, text)
    for r in rows:
        if r["state"] == "skipped":
            out.skipped.append(outbox.Skipped(r["recipient"], r["reason"]))
            continue
        out.recipients.append({"message": r["id"], "name": r["recipient"], "organization": r["organization"],
                               "number": r["address"], "link": link(r["address"], text), "sent": r["state"] == "sent"})
    return out


def mark_sent(library, message_ids: list[int], sent: bool = True) -> int:  # noqa: ANN001
    """Tick (or untick, for a mis-click) WhatsApp recipients as sent."""
    ids = list(message_ids)
    with library.store.write() as tx:
        allowed = ("queued",) if sent else ("sent",)
        done = tx.session.execute(
            update(M).where(M.c.id.in_(ids), M.c.channel == "whatsapp", M.c.state.in_(allowed))
            .values(state="sent" if sent else "queued", sent_at=utcnow() if sent else None, updated_at=utcnow()))
        tx.audit("send" if sent else "unsend", M.name, ",".join(map(str, ids[:50])), _("WhatsApp ticked"))
        return int(done.rowcount or 0)
