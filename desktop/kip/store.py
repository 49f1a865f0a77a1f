"""KIP register: information requests with their legal deadlines, and the Daftar Informasi Publik.

Headless: the window, the command line and tests call these functions. Every
change is one ``library.store.write()`` transaction; bad input raises a
:class:`~desktop.errors.WartaError` with a sentence and changes nothing.
Articles are reached only through ``desktop.articles.api``.

A request moves ``received`` → (``extended``, once) → ``answered`` or
``rejected`` → (``objected``). A request still open past its deadline may be
objected to as well: no answer is itself a ground for *keberatan*
(UU 14/2008 art. 35). ``due_on`` is the answer deadline from
:mod:`desktop.kip.deadlines`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import asdict, dataclass

from sqlalchemy import case, func, select

from database.base import utcnow
from database.models.kip import DipEntry, KipRequest
from desktop.errors import ValidationError, WartaError
from desktop.i18n import N_, _
from desktop.kip import deadlines

CHANNELS = {
    "langsung": N_("in person"),
    "surat": N_("letter"),
    "email": N_("email"),
    "website": N_("website form"),
    "telepon": N_("telephone"),
    "media_sosial": N_("social media"),
}
STATES = {
    "received": N_("received"),
    "extended": N_("extended"),
    "answered": N_("answered"),
    "rejected": N_("rejected"),
    "objected": N_("objected"),
}
OPEN_STATES = ("received", "extended")
CATEGORIES = {
    "berkala": N_("published periodically (berkala)"),
    "serta_merta": N_("published immediately (serta merta)"),
    "setiap_saat": N_("available at any time (setiap saat)"),
    "dikecualikan": N_("exempted (dikecualikan)"),
}
# Which DIP category a published article proposes. Press releases, activity news and announcements
# report the office's activities and decisions: information published periodically (UU 14/2008 art. 9).
# A klarifikasi answers a hoax that threatens public order around an election: information published
# immediately (art. 10). Other articles (features, opinion) are kept available on request at any time
# (art. 11). Nothing is ever proposed as dikecualikan: exempting information needs the PPID's
# consequence test (art. 17, 19), a decision a person records by hand.
KIND_CATEGORY = {
    "siaran_pers": "berkala",
    "berita_kegiatan": "berkala",
    "pengumuman": "berkala",
    "klarifikasi": "serta_merta",
    "artikel": "setiap_saat",
}
DUE_SOON_DAYS = 3


class RequestNotFound(WartaError):
    pass


def current_day() -> dt.date:
    """The office's calendar day: the one clock deadlines are judged by (tests hold it still)."""
    return dt.date.today()


def channel_label(code: str) -> str:
    return _(CHANNELS[code]) if code in CHANNELS else code


def state_label(code: str) -> str:
    return _(STATES[code]) if code in STATES else code


def category_label(code: str) -> str:
    return _(CATEGORIES[code]) if code in CATEGORIES else code


# -- values -------------------------------------------------------------------


@dataclass
class RequestInput:
    requester: str
    subject: str
    received_on: dt.date
    contact: str = ""
    channel: str = ""
    number: str = ""  # empty: the next number of the year, e.g. 2026-0007
    article_id: int | None = None


@dataclass
class RequestRow:
    id: int
    number: str
    requester: str
    contact: str
    subject: str
    channel: str
    received_on: dt.date
    due_on: dt.date
    state: str
    extension_reason: str
    answered_on: dt.date | None
    outcome: str  # "", "answered" or "rejected": kept when an objection follows
    answer: str
    objected_on: dt.date | None
    article_id: int | None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def can_change_received(self) -> bool:
        """Whether :func:`update_request` may move the day of receipt (and so the deadline)."""
        return self.state == "received"

    @property
    def can_delete(self) -> bool:
        """Whether :func:`delete_request` accepts it (for an Admin): no answer and no objection yet."""
        return self.state in OPEN_STATES

    def can_extend(self, today: dt.date | None = None) -> bool:
        """Whether :func:`extend_request` accepts it ``today``: received, not yet extended nor answered, not overdue."""
        return self.state == "received" and (today or current_day()) <= self.due_on

    def can_object(self, today: dt.date) -> bool:
        """Whether :func:`object_request` accepts an objection dated ``today``.

        After the answer or a missed deadline, and no later than :meth:`objection_due`.
        """
        if self.state == "objected" or today > self.objection_due():
            return False
        if self.is_open:
            return today > self.due_on
        return self.answered_on is None or today >= self.answered_on

    def days_left(self, today: dt.date) -> int | None:
        """Working days to the deadline (0: today, negative: overdue); None once answered."""
        return deadlines.working_days_between(today, self.due_on) if self.is_open else None

    def objection_due(self) -> dt.date:
        return deadlines.objection_due(self.answered_on or self.due_on)

    def deadline_text(self, today: dt.date) -> str:
        """Working days left or how late; once closed, how it was answered (a refusal stays a refusal)."""
        from desktop import dates

        left = self.days_left(today)
        if left is None:
            if self.answered_on is None:
                return _("not answered")
            if self.outcome == "rejected":
                return _("refused {date}").format(date=dates.plain_date(self.answered_on))
            return _("answered {date}").format(date=dates.plain_date(self.answered_on))
        if left < 0:
            return _("OVERDUE by {days} working days").format(days=-left)
        if left == 0:
            return _("due today")
        return _("{days} working days left").format(days=left)

    def to_json(self, today: dt.date | None = None) -> dict:
        data = asdict(self)
        for key in ("received_on", "due_on", "answered_on", "objected_on"):
            data[key] = data[key].isoformat() if data[key] else None
        data["days_left"] = self.days_left(today or current_day())
        data["objection_due"] = self.objection_due().isoformat()
        return data


@dataclass
class DipRow:
    id: int
    category: str
    title: str
    summary: str
    unit: str
    retention: str
    article_id: int | None

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class DipProposal:
    article_id: int
    title: str
    kind: str
    category: str
    publication_date: dt.date | None

    def to_json(self) -> dict:
        data = asdict(self)
        data["publication_date"] = self.publication_date.isoformat() if self.publication_date else None
        return data


def _row(r: KipRequest) -> RequestRow:
    return RequestRow(
        id=r.id, number=r.number, requester=r.requester, contact=r.contact, subject=r.subject, channel=r.channel,
        received_on=r.received_on, due_on=r.due_on, state=r.state, extension_reason=r.extension_reason,
        answered_on=r.answered_on, outcome=r.outcome, answer=r.answer, objected_on=r.objected_on, article_id=r.article_id,
    )


def _get(session, request_id: int, *, lock: bool = False) -> KipRequest:  # noqa: ANN001
    row = session.get(KipRequest, request_id, with_for_update=lock or None)
    if row is None:
        raise RequestNotFound(_("There is no information request with id {id}.").format(id=request_id))
    return row


def _check_article(library, article_id: int | None) -> None:  # noqa: ANN001
    from desktop.articles import api as articles

    if article_id is not None and not articles.existing_ids(library, [article_id]):
        raise ValidationError(_("There is no article with id {id}.").format(id=article_id))


# -- requests -------------------------------------------------------------------


def _checked(data: RequestInput) -> tuple[str, str]:
    """The requester and subject, stripped, once what a request needs is there; else a sentence.

    One check for recording and for correcting a request, so both refuse the same input.
    """
    requester = data.requester.strip()
    subject = data.subject.strip()
    if not requester:
        raise ValidationError(_("Write who asked for the information; nothing was recorded."))
    if not subject:
        raise ValidationError(_("Write what information was asked for; nothing was recorded."))
    if data.channel and data.channel not in CHANNELS:
        raise ValidationError(_("'{value}' is not a channel; use one of: {choices}.").format(
            value=data.channel, choices=", ".join(CHANNELS)))
    if data.received_on > current_day():
        raise ValidationError(_("The request cannot be received after today; check the date."))
    return requester, subject


def _first_due(received_on: dt.date) -> dt.date:
    """The deadline of a request not (yet) extended: recording and correcting the date compute it alike."""
    return deadlines.answer_due(received_on)


def add_request(library, data: RequestInput) -> int:  # noqa: ANN001
    """Record a request as received; its deadline is 10 working days after receipt. Returns its id."""
    requester, subject = _checked(data)
    _check_article(library, data.article_id)
    with library.store.write() as tx:
        session = tx.session
        number = data.number.strip()
        if not number:
            year = data.received_on.year
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            seen = session.scalar(select(func.count()).select_from(KipRequest).where(
                KipRequest.received_on.between(start, end))) or 0
            number = "{year}-{n:04d}".format(year=year, n=seen + 1)
        if session.scalar(select(KipRequest.id).where(KipRequest.number == number)) is not None:
            raise ValidationError(_("A request numbered {number} is already in the register; give another number.").format(
                number=number))
        now = utcnow()
        row = KipRequest(
            number=number, requester=requester, contact=data.contact.strip(), subject=subject, channel=data.channel,
            received_on=data.received_on, due_on=_first_due(data.received_on), state="received",
            extension_reason="", outcome="", answer="", article_id=data.article_id, created_by=tx.staff_id,
            created_at=now, updated_at=now,
        )
        session.add(row)
        session.flush()
        return row.id


def update_request(library, request_id: int, *, requester: str | None = None, contact: str | None = None,  # noqa: ANN001
                   channel: str | None = None, subject: str | None = None,
                   received_on: dt.date | None = None) -> RequestRow:
    """Correct what was written down about a request (a typo in the name, the subject …); None leaves a field as is.

    The day of receipt starts the legal deadline, so it moves only while the request is merely
    ``received``: once extended, answered, refused or objected to, the deadline has been acted on.
    """
    from desktop import dates

    with library.store.write() as tx:
        row = _get(tx.session, request_id, lock=True)
        data = RequestInput(
            requester=row.requester if requester is None else requester,
            subject=row.subject if subject is None else subject,
            received_on=row.received_on if received_on is None else received_on,
            contact=row.contact if contact is None else contact,
            channel=row.channel if channel is None else channel,
        )
        if data.received_on != row.received_on and not _row(row).can_change_received:
            raise ValidationError(_(
                "Request {number} is already {state}; the day it was received ({date}) set the deadline that was "
                "acted on and can no longer change. Nothing was changed."
            ).format(number=row.number, state=state_label(row.state), date=dates.plain_date(row.received_on)))
        row.requester, row.subject = _checked(data)
        row.contact = data.contact.strip()
        row.channel = data.channel
        if data.received_on != row.received_on:
            row.received_on = data.received_on
            row.due_on = _first_due(data.received_on)
        row.updated_at = utcnow()
        return _row(row)


def _is_admin(tx) -> bool:  # noqa: ANN001 - database.session.Tx
    from database.models import Staff

    return tx.staff_id is not None and tx.session.scalar(select(Staff.role).where(Staff.id == tx.staff_id)) == "admin"


def delete_request(library, request_id: int) -> None:  # noqa: ANN001
    """Remove a request recorded by mistake (e.g. twice): only an Admin, only while it has no answer.

    An answered, refused or objected request is part of the office's service record and the
    semester report; it stays. The audit log keeps who removed which request.
    """
    with library.store.write() as tx:
        if not _is_admin(tx):
            raise WartaError(_("Only an Admin can remove an information request. Nothing was removed."))
        row = _get(tx.session, request_id, lock=True)
        if not _row(row).can_delete:
            raise ValidationError(_(
                "Request {number} is already {state}; a request with an answer or an objection stays in the "
                "register. Nothing was removed."
            ).format(number=row.number, state=state_label(row.state)))
        tx.session.delete(row)


def get_request(library, request_id: int) -> RequestRow:  # noqa: ANN001
    with library.store.read() as s:
        return _row(_get(s, request_id))


def _filtered(query, state: str | None):  # noqa: ANN001, ANN202
    if state == "open":
        return query.where(KipRequest.state.in_(OPEN_STATES))
    if state:
        return query.where(KipRequest.state == state)
    return query


def count_requests(library, state: str | None = None) -> int:  # noqa: ANN001
    with library.store.read() as s:
        return s.scalar(_filtered(select(func.count()).select_from(KipRequest), state)) or 0


def list_requests(library, state: str | None = None, *, offset: int = 0, limit: int = 200) -> list[RequestRow]:  # noqa: ANN001
    """Open requests first by deadline, then the answered ones, newest first. ``state``: a state or "open"."""
    answered_last = case((KipRequest.state.in_(OPEN_STATES), 0), else_=1)
    query = _filtered(select(KipRequest), state).order_by(
        answered_last, KipRequest.due_on, KipRequest.received_on.desc(), KipRequest.id.desc())
    with library.store.read() as s:
        return [_row(r) for r in s.scalars(query.offset(offset).limit(limit))]


def _answer_date(row: KipRequest, on: dt.date) -> None:
    if on < row.received_on:
        raise ValidationError(_("The answer date {date} is before the request was received; check the date.").format(
            date=on.isoformat()))
    if on > current_day():
        raise ValidationError(_("The answer date cannot be after today; check the date."))


def _closed(row: KipRequest) -> ValidationError:
    """Why a request that is no longer open cannot be answered or extended, as a plain sentence."""
    from desktop import dates

    if row.state == "objected" and row.answered_on is None:
        return ValidationError(_(
            "An objection to request {number} was filed on {date} because it was not answered in time; "
            "nothing was changed.").format(number=row.number, date=dates.plain_date(row.objected_on)))
    if row.outcome == "rejected":
        return ValidationError(_("Request {number} was already refused on {date}; nothing was changed.").format(
            number=row.number, date=dates.plain_date(row.answered_on)))
    return ValidationError(_("Request {number} was already answered on {date}; nothing was changed.").format(
        number=row.number, date=dates.plain_date(row.answered_on)))


def answer_request(library, request_id: int, on: dt.date, answer: str = "", *, reject: bool = False,  # noqa: ANN001
                   article_id: int | None = None) -> RequestRow:
    """Record the written answer (or the refusal, whose reason is required)."""
    if reject and not answer.strip():
        raise ValidationError(_("Write why the information is refused; nothing was recorded."))
    _check_article(library, article_id)
    with library.store.write() as tx:
        row = _get(tx.session, request_id, lock=True)
        if row.state not in OPEN_STATES:
            raise _closed(row)
        _answer_date(row, on)
        row.state = row.outcome = "rejected" if reject else "answered"
        row.answered_on = on
        row.answer = answer.strip()
        if article_id is not None:
            row.article_id = article_id
        row.updated_at = utcnow()
        return _row(row)


def extend_request(library, request_id: int, reason: str) -> RequestRow:  # noqa: ANN001
    """Extend the deadline once by 7 working days; the law asks for the reason to be given.

    Only while the first 10 working days last (UU 14/2008 art. 22(7)-(8)): an
    extension given after the deadline would turn a late answer into an on-time one.
    The table has no column for the day it was given; the audit log keeps when.
    """
    from desktop import dates

    if not reason.strip():
        raise ValidationError(_("Write why more time is needed: the requester must be told; nothing was changed."))
    with library.store.write() as tx:
        row = _get(tx.session, request_id, lock=True)
        if row.state == "extended":
            raise ValidationError(_("Request {number} was already extended once; the law allows one extension.").format(
                number=row.number))
        if row.state != "received":
            raise _closed(row)
        if current_day() > row.due_on:
            raise ValidationError(_(
                "Request {number} was due on {date}; an extension can only be given before that deadline passes "
                "(within the first 10 working days). Answer it now; nothing was changed."
            ).format(number=row.number, date=dates.plain_date(row.due_on)))
        row.state = "extended"
        row.extension_reason = reason.strip()
        row.due_on = deadlines.answer_due(row.received_on, extended=True)
        row.updated_at = utcnow()
        return _row(row)


def object_request(library, request_id: int, on: dt.date) -> RequestRow:  # noqa: ANN001
    """Record that the requester filed a keberatan on ``on``: after the answer (or the missed deadline),
    within 30 working days of it (UU 14/2008 art. 36)."""
    from desktop import dates

    with library.store.write() as tx:
        row = _get(tx.session, request_id, lock=True)
        if row.state == "objected":
            raise ValidationError(_("An objection to request {number} is already recorded.").format(number=row.number))
        if row.state in OPEN_STATES and on <= row.due_on:
            raise ValidationError(_(
                "Request {number} is still within its deadline ({date}); an objection comes after the answer "
                "or after the deadline passes."
            ).format(number=row.number, date=row.due_on.isoformat()))
        if on > current_day() or on < row.received_on:
            raise ValidationError(_("The objection date must lie between the request and today; check the date."))
        if row.answered_on is not None and on < row.answered_on:
            raise ValidationError(_(
                "Request {number} was answered on {answered}; an objection to that answer cannot be filed "
                "before it. Check the date; nothing was recorded."
            ).format(number=row.number, answered=dates.plain_date(row.answered_on)))
        last = deadlines.objection_due(row.answered_on or row.due_on)
        if on > last:
            raise ValidationError(_(
                "The objection period of request {number} ended on {date} (30 working days); an objection filed "
                "on {filed} is too late and was not recorded."
            ).format(number=row.number, date=dates.plain_date(last), filed=dates.plain_date(on)))
        row.state = "objected"
        row.objected_on = on
        row.updated_at = utcnow()
        return _row(row)


def due_soon(library, today: dt.date | None = None, within: int = DUE_SOON_DAYS) -> list[RequestRow]:  # noqa: ANN001
    """Open requests overdue or due within ``within`` working days, the most overdue first."""
    today = today or current_day()
    limit = deadlines.add_working_days(today, within)
    with library.store.read() as s:
        rows = s.scalars(select(KipRequest).where(KipRequest.state.in_(OPEN_STATES), KipRequest.due_on <= limit)
                         .order_by(KipRequest.due_on, KipRequest.id))
        return [_row(r) for r in rows]


# -- Daftar Informasi Publik -------------------------------------------------------


def _dip(r: DipEntry) -> DipRow:
    return DipRow(id=r.id, category=r.category, title=r.title, summary=r.summary, unit=r.unit, retention=r.retention,
                  article_id=r.article_id)


def _dip_query(query, category: str | None):  # noqa: ANN001, ANN202
    return query.where(DipEntry.category == category) if category else query


def count_dip(library, category: str | None = None) -> int:  # noqa: ANN001
    with library.store.read() as s:
        return s.scalar(_dip_query(select(func.count()).select_from(DipEntry), category)) or 0


def list_dip(library, category: str | None = None, *, offset: int = 0, limit: int | None = None) -> list[DipRow]:  # noqa: ANN001
    """The list by category (in the order of :data:`CATEGORIES`), then title; a page of it with ``limit``."""
    in_order = case({code: i for i, code in enumerate(CATEGORIES)}, value=DipEntry.category, else_=len(CATEGORIES))
    query = _dip_query(select(DipEntry), category).order_by(in_order, DipEntry.title, DipEntry.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with library.store.read() as s:
        return [_dip(r) for r in s.scalars(query)]


def _unit(library, unit: str) -> str:  # noqa: ANN001
    """The unit responsible for an entry: as given, or the office's own (its profile's unit, e.g. the humas subbagian).

    The list does not require a unit, but an entry without one tells the public nobody holds it.
    """
    from desktop import office

    return unit.strip() or office.load(library).unit.strip()


def add_dip(library, category: str, title: str, *, summary: str = "", unit: str = "", retention: str = "",  # noqa: ANN001
            article_id: int | None = None) -> int:
    """Add one entry by hand (the only way to list information as dikecualikan)."""
    if category not in CATEGORIES:
        raise ValidationError(_("'{value}' is not a category of the Daftar Informasi Publik; use one of: {choices}.").format(
            value=category, choices=", ".join(CATEGORIES)))
    if not title.strip():
        raise ValidationError(_("Give the entry a title; nothing was added."))
    _check_article(library, article_id)
    unit = _unit(library, unit)
    with library.store.write() as tx:
        if article_id is not None and tx.session.scalar(select(DipEntry.id).where(DipEntry.article_id == article_id)):
            raise ValidationError(_("Article {id} is already in the Daftar Informasi Publik.").format(id=article_id))
        now = utcnow()
        row = DipEntry(category=category, title=title.strip(), summary=summary.strip(), unit=unit,
                       retention=retention.strip(), article_id=article_id, created_at=now, updated_at=now)
        tx.session.add(row)
        tx.session.flush()
        return row.id


def propose_dip(library) -> list[DipProposal]:  # noqa: ANN001
    """Published articles not yet in the list, each with the category its kind suggests (:data:`KIND_CATEGORY`)."""
    from desktop.articles import api as articles

    published = articles.list_articles(library, articles.ListQuery(status="published", sort="publication_date"),
                                       limit=100_000)
    with library.store.read() as s:
        listed = set(s.scalars(select(DipEntry.article_id).where(DipEntry.article_id.is_not(None))))
    return [DipProposal(article_id=a.id, title=a.title, kind=a.kind, category=KIND_CATEGORY.get(a.kind, "setiap_saat"),
                        publication_date=a.publication_date)
            for a in published if a.id not in listed]


def add_proposals(library, proposals: list[DipProposal], *, unit: str = "", retention: str = "") -> list[int]:  # noqa: ANN001
    """Add the proposed entries in one transaction; returns their ids. An empty ``unit`` is the office's own."""
    unit = _unit(library, unit)
    with library.store.write() as tx:
        listed = set(tx.session.scalars(select(DipEntry.article_id).where(DipEntry.article_id.is_not(None))))
        now = utcnow()
        rows = [DipEntry(category=p.category, title=p.title, summary="", unit=unit, retention=retention.strip(),
                         article_id=p.article_id, created_at=now, updated_at=now)
                for p in proposals if p.article_id not in listed]
        tx.session.add_all(rows)
        tx.session.flush()
        return [r.id for r in rows]


# -- semester report -------------------------------------------------------------


@dataclass
class SemesterReport:
    semester: str  # "2026-S1", the notation of ``warta report build --period``
    start: dt.date
    end: dt.date
    received: int
    answered: int  # information given (whether or not an objection followed)
    rejected: int
    on_time: int
    late: int
    extended: int
    objected: int
    pending: int  # still open (received or extended), whether or not the deadline has passed
    # Not answered and past the deadline on ``as_of``: open ones and those objected to for the missing answer.
    overdue: int
    median_response_days: float | None
    requests: list[RequestRow]
    as_of: dt.date  # the day ``overdue`` was counted

    def to_json(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k != "requests"}
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        data["as_of"] = self.as_of.isoformat()
        data["requests"] = [r.to_json() for r in self.requests]
        return data


def semester_code(text: str) -> str:
    """``"2026-S2"`` (as ``warta report build --period`` writes it) or the older ``"2026-2"`` → ``"2026-S2"``."""
    year, _sep, half = text.strip().upper().partition("-")
    half = half.removeprefix("S")
    if not (year.isdigit() and len(year) == 4 and half in ("1", "2")):
        raise ValidationError(_(
            "'{value}' is not a semester; write it as YEAR-S1 (January–June) or YEAR-S2 (July–December), "
            "e.g. 2026-S2."
        ).format(value=text))
    return "{year}-S{half}".format(year=year, half=half)


def semester_bounds(text: str) -> tuple[dt.date, dt.date]:
    """``"2026-S1"`` → January–June 2026, ``"2026-S2"`` → July–December (``"2026-2"`` is read too)."""
    code = semester_code(text)
    y = int(code[:4])
    return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if code.endswith("S1") else (dt.date(y, 7, 1), dt.date(y, 12, 31))


def semester_report(library, semester: str, today: dt.date | None = None) -> SemesterReport:  # noqa: ANN001
    """Requests received in the semester, how they were served (on time: answered by ``due_on``).

    ``overdue`` counts, on ``today``, the requests that never got an answer and are past their
    deadline: a failure of service as much as a late answer, so the report must not leave it out.
    """
    today = today or current_day()
    start, end = semester_bounds(semester)
    with library.store.read() as s:
        rows = [_row(r) for r in s.scalars(select(KipRequest).where(KipRequest.received_on.between(start, end))
                                           .order_by(KipRequest.received_on, KipRequest.id))]
    served = [r for r in rows if r.answered_on is not None]
    days = [deadlines.response_days(r.received_on, r.answered_on) for r in served]
    return SemesterReport(
        semester=semester_code(semester), start=start, end=end, received=len(rows),
        answered=sum(1 for r in served if r.outcome == "answered"),
        rejected=sum(1 for r in served if r.outcome == "rejected"),
        on_time=sum(1 for r in served if r.answered_on <= r.due_on),
        late=sum(1 for r in served if r.answered_on > r.due_on),
        extended=sum(1 for r in rows if r.extension_reason),
        objected=sum(1 for r in rows if r.objected_on is not None),
        pending=sum(1 for r in rows if r.is_open),
        overdue=sum(1 for r in rows if r.answered_on is None and today > r.due_on),
        median_response_days=statistics.median(days) if days else None,
        requests=rows,
        as_of=today,
    )
