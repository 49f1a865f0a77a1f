"""The e-mail outbox: queue a release for a list, send through SMTP or write .eml files.

State lives in the database, so the outbox survives a restart, a crash or a
cancel: whatever is not marked done is still queued.

Never twice: every message gets its Message-ID once, when queued. Before a
message is handed to the SMTP server its row is *claimed* — set to
``sending`` in a committed transaction that only succeeds from ``queued`` or
``failed`` (so two PCs of a shared office cannot both send it) — and after
the server accepted it, it is marked ``sent``. A message still ``sending``
on a later run was interrupted between the two: the server may or may not
have accepted it. It is **not** sent again automatically; it is reported as
uncertain and the staffer decides (:func:`retry_uncertain` queues it again
with the same Message-ID, which most mail clients show once). A journalist
getting the same release twice is worse for the office than one message
that visibly needs a decision.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert, select, update

from database.base import utcnow
from database.models.distribution import DistributionAttachment, DistributionBatch, DistributionMessage
from desktop.distribution import content, recipients
from desktop.errors import ValidationError, os_reason
from desktop.i18n import _
from desktop.jobs import Progress

B = DistributionBatch.__table__
A = DistributionAttachment.__table__
M = DistributionMessage.__table__
MAX_ATTEMPTS = 5
DONE = ("sent", "written")  # a message in one of these states is never sent again
PENDING = ("queued", "failed")


@dataclass
class Skipped:
    name: str
    reason: str

    def to_json(self) -> dict:
        return {"name": self.name, "reason": self.reason}


@dataclass
class Queued:
    batch_id: int
    queued: int
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"batch": self.batch_id, "queued": self.queued, "skipped": [s.to_json() for s in self.skipped],
                "notes": list(self.notes)}


@dataclass
class SendResult:
    sent: list[str] = field(default_factory=list)  # addresses
    failed: list[dict] = field(default_factory=list)  # {address, error}
    uncertain: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # .eml paths
    remaining: int = 0

    def to_json(self) -> dict:
        return {"sent": self.sent, "failed": self.failed, "uncertain": self.uncertain, "written": self.written,
                "remaining": self.remaining}

    @property
    def exit_code(self) -> int:
        done = bool(self.sent or self.written)
        if not self.failed and not self.uncertain and not self.remaining:
            return 0
        return 1 if done else 2


def new_message_id(sender: str) -> str:
    domain = sender.rsplit("@", 1)[-1].strip(" >") if "@" in sender else "warta.invalid"
    return "<{uid}.warta@{domain}>".format(uid=uuid.uuid4().hex, domain=domain)


def material(library, *, article_id: int | None = None, kit_id: int | None = None,  # noqa: ANN001
             photo_ids: list[int] = (), attachments: bool = True) -> content.Material:
    if (article_id is None) == (kit_id is None):
        raise ValidationError(_("Send either an article or a press kit."))
    if kit_id is not None:
        return content.kit_material(library, kit_id, attachments=attachments)
    return content.article_material(library, article_id, photo_ids=list(photo_ids), attachments=attachments)


def preview(library, channel: str, list_id: int, *, article_id: int | None = None,  # noqa: ANN001
            kit_id: int | None = None, resend: bool = False) -> list[recipients.Recipient]:
    """The list's members for ``channel``: who will get it and who is skipped (and why)."""
    people = recipients.list_people(library, list_id)
    found = recipients.resolve(library, channel, people)
    if not resend:
        already = _already(library, channel, [r.person_id for r in found], article_id, kit_id)
        for r in found:
            if not r.skip and r.person_id in already:
                r.skip = already[r.person_id]
    return found


def _already(library, channel: str, person_ids: list[int], article_id, kit_id) -> dict[int, str]:  # noqa: ANN001
    """People who already got (or are queued to get) this release by ``channel``: the reason to skip them."""
    if not person_ids:
        return {}
    same = M.c.kit_id == kit_id if kit_id is not None else M.c.article_id == article_id
    with library.store.read() as s:
        rows = s.execute(select(M.c.person_id, M.c.state, M.c.sent_at).where(
            same, M.c.channel == channel, M.c.person_id.in_(person_ids),
            M.c.state.in_(DONE + PENDING + ("sending",)))).all()
    from desktop import dates

    out = {}
    for pid, state, sent_at in rows:
        if state in DONE and sent_at is not None:
            out[pid] = _("already sent on {date}").format(date=dates.long_date(sent_at.date()))
        else:
            out.setdefault(pid, _("already in the outbox"))
    return out


def _body(library, m: content.Material) -> str:  # noqa: ANN001
    parts = [_('With respect, we send you our {kind} "{title}" for publication.').format(
        kind=m.kind_label.lower(), title=m.title)]
    if m.lead:
        parts.append(m.lead)
    if m.link:
        parts.append(_("Published at: {url}").format(url=m.link))
    names = ", ".join(a.file_name for a in m.attachments + m.photos)
    if names:
        parts.append(_("Attached: {files}.").format(files=names))
    parts.append(_("Thank you for your attention and cooperation."))
    parts.append(content.signature(library))
    return "\n\n".join(parts)


def _subject(m: content.Material) -> str:
    return "{kind}: {title}".format(kind=m.kind_label, title=m.title)[:500]


def queue_email(library, list_id: int, *, mode: str, sender: str, article_id: int | None = None,  # noqa: ANN001, C901
                kit_id: int | None = None, photo_ids: list[int] = (), resend: bool = False,
                progress: Progress | None = None) -> Queued:
    """One batch for the list: a queued message per reachable member, a skipped one (with the reason) per other.

    ``sender`` "" is the office's own address (Settings → Office).
    """
    from email.utils import parseaddr

    from desktop.distribution import email as mail

    progress = progress or Progress()
    if mode not in ("smtp", "eml"):
        raise ValidationError(_("Unknown e-mail mode '{mode}'. Use smtp or eml.").format(mode=mode))
    if not sender:
        from desktop import office

        sender = office.load(library).email
    if not parseaddr(sender)[1] or "@" not in sender:
        raise ValidationError(_("Give the sender's e-mail address (Settings → E-mail)."))
    found = preview(library, "email", list_id, article_id=article_id, kit_id=kit_id, resend=resend)
    progress.check()
    m = material(library, article_id=article_id, kit_id=kit_id, photo_ids=photo_ids)
    body = _body(library, m)

    def measure(mat: content.Material) -> int:
        sample_batch = _Row(sender=sender, subject=_subject(mat), body=_body(library, mat))
        sample = _Row(message_id=new_message_id(sender), created_at=utcnow(), recipient="X" * 120,
                      address="x" * 120 + "@example.com")
        return len(mail.build(sample_batch, sample, mat.attachments + mat.photos).as_bytes())

    content.fit_photos(library, m, measure)
    body = _body(library, m)
    progress.check()
    with library.store.write() as tx:
        batch = DistributionBatch(channel="email", mode=mode, article_id=m.article_id, kit_id=m.kit_id,
                                  list_id=list_id, title=m.title[:500], subject=_subject(m), sender=sender[:300],
                                  body=body, notes="\n".join(m.notes), created_by=tx.staff_id)
        tx.session.add(batch)
        tx.session.flush()
        files = m.attachments + m.photos
        if files:
            tx.session.execute(insert(A), [
                {"batch_id": batch.id, "position": i, "file_name": a.file_name[:300], "mime_type": a.mime_type,
                 "data": a.data} for i, a in enumerate(files)])
        rows = [message_row(batch.id, "email", r, m, sender) for r in found]
        if rows:
            tx.session.execute(insert(M), rows)
            tx.touch(M.name)
        queued = sum(1 for r in found if not r.skip)
        return Queued(batch.id, queued, [Skipped(r.name, r.skip) for r in found if r.skip], list(m.notes))


class _Row:
    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)


def message_row(batch_id: int, channel: str, r: recipients.Recipient, m: content.Material, sender: str = "",
                 state: str | None = None) -> dict:
    """The row of one recipient of a batch (every channel), with its Message-ID made here, once."""
    now = utcnow()
    return {
        "batch_id": batch_id, "message_id": new_message_id(sender), "channel": channel, "person_id": r.person_id,
        "organization_id": r.organization_id, "article_id": m.article_id, "kit_id": m.kit_id,
        "recipient": r.name[:300], "organization": r.organization[:300], "address": r.address[:300],
        "state": state or ("skipped" if r.skip else "queued"), "reason": r.skip, "attempts": 0, "last_error": "",
        "created_at": now, "updated_at": now, "sent_at": now if state == "sent" else None,
    }


# -- sending -----------------------------------------------------------------------


def _pending(library, mode: str, batch_id: int | None) -> list[int]:  # noqa: ANN001
    q = (select(M.c.id).join(B, B.c.id == M.c.batch_id)
         .where(M.c.channel == "email", B.c.mode == mode, M.c.state.in_(PENDING), M.c.attempts < MAX_ATTEMPTS)
         .order_by(M.c.id))
    if batch_id is not None:
        q = q.where(M.c.batch_id == batch_id)
    with library.store.read() as s:
        return list(s.scalars(q))


def _claim(library, message_id: int, state: str = "sending") -> bool:  # noqa: ANN001
    """Take a pending message for this run (committed before anything leaves the PC)."""
    with library.store.write() as tx:
        done = tx.session.execute(
            update(M).where(M.c.id == message_id, M.c.state.in_(PENDING))
            .values(state=state, attempts=M.c.attempts + 1, updated_at=utcnow()))
        tx.touch(M.name)
        return bool(done.rowcount)


def _mark(library, message_id: int, state: str, error: str = "") -> None:  # noqa: ANN001
    values: dict = {"state": state, "last_error": error[:2000], "updated_at": utcnow()}
    if state in DONE:
        values["sent_at"] = utcnow()
    with library.store.write() as tx:
        tx.session.execute(update(M).where(M.c.id == message_id).values(**values))
        tx.touch(M.name)


class _Loader:
    """Batch rows and their attachments, read once per run."""

    def __init__(self, library) -> None:  # noqa: ANN001
        self.library = library
        self.batches: dict[int, tuple] = {}

    def message(self, message_id: int):  # noqa: ANN201
        with self.library.store.read() as s:
            msg = s.execute(select(M).where(M.c.id == message_id)).first()
            if msg.batch_id not in self.batches:
                batch = s.execute(select(B).where(B.c.id == msg.batch_id)).first()
                files = s.execute(select(A).where(A.c.batch_id == msg.batch_id).order_by(A.c.position)).all()
                self.batches[msg.batch_id] = (batch, files)
        batch, files = self.batches[msg.batch_id]
        return batch, msg, files


def _each(library, ids: list[int], progress: Progress, result: SendResult):  # noqa: ANN001, ANN202 - a generator
    """The messages ``ids`` with their batch rows, reporting progress; a cancel leaves the rest (``remaining``) queued."""
    loader = _Loader(library)
    for i, mid in enumerate(ids):
        if progress.cancelled:
            result.remaining = len(ids) - i
            break
        batch, msg, files = loader.message(mid)
        progress.report(i, len(ids), msg.address)
        yield mid, batch, msg, files
    progress.report(len(ids) - result.remaining, len(ids), "")


def send_pending(library, config, password: str | None, progress: Progress | None = None,  # noqa: ANN001, C901
                 *, batch_id: int | None = None) -> SendResult:
    """Send every queued (or earlier failed) SMTP message, one claim at a time; stops cleanly on cancel."""
    import smtplib

    from desktop.distribution import email as mail

    progress = progress or Progress()
    result = SendResult(uncertain=[u["address"] for u in uncertain(library, batch_id=batch_id)])
    ids = _pending(library, "smtp", batch_id)
    if not ids:
        return result
    server = mail.connect(config, password)
    try:
        for mid, batch, msg, files in _each(library, ids, progress, result):
            message = mail.build(batch, msg, files)  # before the claim: a claimed message is one that went out
            if not _claim(library, mid):
                continue  # sent by another PC meanwhile, or no longer pending
            try:
                server.send_message(message, from_addr=config.sender or batch.sender, to_addrs=[msg.address])
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                _mark(library, mid, "failed", _smtp_text(exc))
                result.failed.append({"address": msg.address, "error": _smtp_text(exc)})
                continue
            except (OSError, smtplib.SMTPException) as exc:
                # The connection broke: nothing was accepted for this message (DATA did not finish).
                _mark(library, mid, "failed", str(exc))
                result.failed.append({"address": msg.address, "error": str(exc)})
                server = mail.connect(config, password)
                continue
            _mark(library, mid, "sent")
            result.sent.append(msg.address)
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return result


def _smtp_text(exc: Exception) -> str:
    import smtplib

    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()), (0, b""))
        return "{code} {text}".format(code=code, text=text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
    code = getattr(exc, "smtp_code", "")
    text = getattr(exc, "smtp_error", b"")
    return "{code} {text}".format(code=code, text=text.decode("utf-8", "replace") if isinstance(text, bytes) else text)


def eml_name(position: int, name: str) -> str:
    from desktop.photos import api as photos

    return "{n:04d}-{slug}.eml".format(n=position, slug=photos.slug(name, 60) or "penerima")


def write_eml(library, batch_id: int, folder: Path | str, progress: Progress | None = None) -> SendResult:  # noqa: ANN001
    """Write the batch's queued messages as .eml files (marked unsent, so the mail client opens them to send)."""
    from desktop.distribution import email as mail
    from desktop.fsutil import atomic_write

    progress = progress or Progress()
    folder = Path(folder).expanduser().absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(_("Cannot create the folder {path}: {error}.").format(path=folder, error=os_reason(exc))) from exc
    result = SendResult()
    for mid, batch, msg, files in _each(library, _pending(library, "eml", batch_id), progress, result):
        email_message = mail.build(batch, msg, files)
        email_message["X-Unsent"] = "1"
        target = folder / eml_name(mid, msg.recipient)
        # A file written but not marked (a crash between) is simply written again: same name, same bytes.
        try:
            with atomic_write(target) as fh:
                fh.write(email_message.as_bytes())
        except OSError as exc:
            raise ValidationError(_("Cannot write {path}: {error}. Choose another folder.").format(
                path=target, error=os_reason(exc))) from exc
        _mark(library, mid, "written")
        result.written.append(str(target))
    return result


# -- the outbox --------------------------------------------------------------------


def outbox(library, *, batch_id: int | None = None, states: tuple[str, ...] = ()) -> list[dict]:  # noqa: ANN001
    """E-mail messages not yet done (or of ``states``), oldest first, as plain dicts."""
    q = select(M, B.c.mode, B.c.title).join(B, B.c.id == M.c.batch_id).where(M.c.channel == "email").order_by(M.c.id)
    q = q.where(M.c.state.in_(states or PENDING + ("sending",)))
    if batch_id is not None:
        q = q.where(M.c.batch_id == batch_id)
    with library.store.read() as s:
        return [_message_dict(r) for r in s.execute(q).mappings()]


def uncertain(library, *, batch_id: int | None = None) -> list[dict]:  # noqa: ANN001
    """Messages a run claimed but never marked: perhaps accepted by the server (see the module text)."""
    return outbox(library, batch_id=batch_id, states=("sending",))


def retry_uncertain(library, message_ids: list[int]) -> int:  # noqa: ANN001
    """Queue uncertain messages again (same Message-ID), after the staffer checked they did not arrive."""
    with library.store.write() as tx:
        done = tx.session.execute(update(M).where(M.c.id.in_(list(message_ids)), M.c.state == "sending")
                                  .values(state="queued", updated_at=utcnow()))
        tx.audit("retry", M.name, ",".join(map(str, message_ids[:50])), _("uncertain messages queued again"))
        return int(done.rowcount or 0)


def retry_failed(library, *, batch_id: int | None = None) -> int:  # noqa: ANN001
    """Give failed messages their attempts back (after the office fixed an address or the server)."""
    q = update(M).where(M.c.state == "failed", M.c.channel == "email").values(attempts=0, updated_at=utcnow())
    if batch_id is not None:
        q = q.where(M.c.batch_id == batch_id)
    with library.store.write() as tx:
        done = tx.session.execute(q)
        tx.touch(M.name)
        return int(done.rowcount or 0)


def batch_info(library, batch_id: int) -> dict:  # noqa: ANN001
    with library.store.read() as s:
        row = s.execute(select(B).where(B.c.id == batch_id)).mappings().first()
        if row is None:
            raise ValidationError(_("There is no send with number {id}.").format(id=batch_id))
        counts = dict(s.execute(select(M.c.state, func.count()).where(M.c.batch_id == batch_id)
                                .group_by(M.c.state)).all())
        files = [dict(r) for r in s.execute(select(A.c.file_name, A.c.mime_type, func.length(A.c.data).label("size"))
                                            .where(A.c.batch_id == batch_id).order_by(A.c.position)).mappings()]
    return {"id": row["id"], "channel": row["channel"], "mode": row["mode"], "title": row["title"],
            "subject": row["subject"], "article_id": row["article_id"], "kit_id": row["kit_id"],
            "list_id": row["list_id"], "notes": [n for n in row["notes"].split("\n") if n],
            "created_at": row["created_at"].isoformat(sep=" ", timespec="seconds"),
            "states": {k: int(v) for k, v in counts.items()}, "files": files}


def _message_dict(r) -> dict:  # noqa: ANN001
    return {
        "id": r["id"], "batch": r["batch_id"], "message_id": r["message_id"], "channel": r["channel"],
        "person_id": r["person_id"], "name": r["recipient"], "organization": r["organization"],
        "address": r["address"], "state": r["state"], "reason": r["reason"], "attempts": r["attempts"],
        "error": r["last_error"],
        "sent_at": r["sent_at"].isoformat(sep=" ", timespec="seconds") if r["sent_at"] else None,
    }
