"""Calendar events gathered from the areas that own the dates; nothing is stored here.

Each source is read through its area's ``api``: collaboration activities and
MoU expiries (contacts), planned publication dates and embargoes (articles),
the legal deadlines of information requests (kip). An :class:`Event` names the
item it came from (``item_type`` / ``item_id``) so the window can open it, and
carries a ``key`` that stays the same while the item lives (the .ics UID), so a
phone updates an event whose date moved instead of showing it twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from desktop.errors import ValidationError
from desktop.i18n import N_, _, gettext, gettext_for

# Kinds in the order a day lists them: deadlines before plans.
KINDS = {
    "kip_answer": N_("KIP answer due"),
    "kip_objection": N_("KIP objection period ends"),
    "embargo": N_("Embargo"),
    "release": N_("Planned release"),
    "mou": N_("MoU expiry"),
    "activity": N_("Activity"),
}
# Indonesian zones have no daylight saving time: fixed offsets are exact and need no tz database.
ZONES = {name: dt.timezone(dt.timedelta(hours=hours), name) for name, hours in (("WIB", 7), ("WITA", 8), ("WIT", 9))}


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


@dataclass(frozen=True)
class Event:
    kind: str  # a KINDS key
    title: str
    start: dt.date | dt.datetime  # a date when all_day, else an aware datetime
    end: dt.date | dt.datetime  # the last day (inclusive) when all_day; a moment's end equals its start
    all_day: bool
    area: str  # the area owning the item: "contacts", "articles", "kip"
    item_type: str  # what the window opens: "article", "organization", "contact", "kip_request", or ""
    item_id: int | None
    key: str  # stable identity of the event ("embargo-12"), the base of its .ics UID
    detail: str = ""

    @property
    def day(self) -> dt.date:
        """The day the event is shown on (a timed one: the local day of its own zone)."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    def covers(self, day: dt.date) -> bool:
        end = self.end.date() if isinstance(self.end, dt.datetime) else self.end
        return self.day <= day <= end

    def sort_key(self) -> tuple:
        moment = self.start.timetz().replace(tzinfo=None) if isinstance(self.start, dt.datetime) else dt.time()
        return (self.day, not self.all_day, moment, list(KINDS).index(self.kind) if self.kind in KINDS else 99,
                self.title, self.key)

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "title": self.title, "start": self.start.isoformat(), "end": self.end.isoformat(),
            "all_day": self.all_day, "area": self.area, "item_type": self.item_type, "item_id": self.item_id,
            "key": self.key, "detail": self.detail,
        }


# -- spans ---------------------------------------------------------------------------


def month_span(text: str) -> tuple[dt.date, dt.date]:
    """``"2026-12"`` → 1–31 December 2026."""
    year, sep, month = text.strip().partition("-")
    if not (sep and year.isdigit() and len(year) == 4 and month.isdigit() and 1 <= int(month) <= 12):
        raise ValidationError(_("'{value}' is not a month; write it as YYYY-MM, e.g. 2026-12.").format(value=text))
    return month_of(dt.date(int(year), int(month), 1))


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week holding ``day`` (the Indonesian office week starts on Monday)."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(_("'{value}' is not a date; write it as YYYY-MM-DD.").format(value=text)) from exc


def check_span(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(_("The span ends ({end}) before it starts ({start}); swap the dates.").format(
            start=start.isoformat(), end=end.isoformat()))
    if (end - start).days > MAX_SPAN_DAYS:
        raise ValidationError(_("A calendar spans at most {days} days; choose a shorter span.").format(days=MAX_SPAN_DAYS))


MAX_SPAN_DAYS = 3 * 366


# -- gathering -------------------------------------------------------------------------


def events(library, date_from: dt.date, date_to: dt.date, *, language: str | None = None,  # noqa: ANN001
           today: dt.date | None = None) -> list[Event]:
    """Every dated item from ``date_from`` to ``date_to`` (inclusive), by day, deadlines first.

    ``language`` fixes the language of titles (the .ics file is Indonesian
    whatever the interface); None follows the interface. ``today`` decides
    whether an open request's deadline has passed (its objection period runs).
    """
    check_span(date_from, date_to)
    tr = gettext_for(language) if language else gettext
    today = today or dt.date.today()
    found: list[Event] = []
    for source in (_activities, _mous, _articles, _kip):
        found.extend(source(library, date_from, date_to, tr, today))
    found.sort(key=Event.sort_key)
    return found


Translate = Callable[[str], str]


def _activities(library, start: dt.date, end: dt.date, tr: Translate, _today: dt.date) -> list[Event]:  # noqa: ANN001
    from desktop.contacts import api as contacts

    result = []
    for a in contacts.activities_between(library, start, end):
        names = [name for _id, name in a.organizations] + [name for _id, name in a.people]
        # An activity is no item of its own in the window: it opens on its first partner's page.
        if a.organizations:
            item_type, item_id = "organization", a.organizations[0][0]
        elif a.people:
            item_type, item_id = "contact", a.people[0][0]
        else:
            item_type, item_id = "", None
        kind = tr(contacts.COLLABORATION_KINDS.get(a.kind, a.kind))
        result.append(Event(
            kind="activity", title=tr("{kind}: {title}").format(kind=kind, title=a.title or "–"), start=a.date,
            end=a.date, all_day=True, area="contacts", item_type=item_type, item_id=item_id,
            key="activity-{id}".format(id=a.id), detail=", ".join(names)))
    return result


def _mous(library, start: dt.date, end: dt.date, tr: Translate, _today: dt.date) -> list[Event]:  # noqa: ANN001
    from desktop.contacts import api as contacts

    return [
        Event(kind="mou", title=tr("MoU with {name} expires").format(name=m.name), start=m.expires, end=m.expires,
              all_day=True, area="contacts", item_type="organization", item_id=m.organization_id,
              key="mou-{id}".format(id=m.organization_id),
              detail=tr("MoU number {number}").format(number=m.number) if m.number else "")
        for m in contacts.mous_expiring_between(library, start, end)
    ]


def _articles(library, start: dt.date, end: dt.date, tr: Translate, _today: dt.date) -> list[Event]:  # noqa: ANN001
    from desktop.articles import api as articles

    def detail(a) -> str:  # noqa: ANN001
        return "{kind} · {status}".format(kind=tr(articles.KIND_LABELS[a.kind]) if a.kind in articles.KIND_LABELS else a.kind,
                                          status=tr(articles.STATUS_LABELS[a.status]) if a.status in articles.STATUS_LABELS
                                          else a.status)

    result = [
        Event(kind="release", title=tr("Planned release: {title}").format(title=a.title or "–"), start=a.publication_date,
              end=a.publication_date, all_day=True, area="articles", item_type="article", item_id=a.id,
              key="release-{id}".format(id=a.id), detail=detail(a))
        for a in articles.planned_releases(library, start, end)
    ]
    for a in articles.embargoes(library, start, end):
        zone = ZONES.get(a.embargo_tz, ZONES["WIB"])
        moment = a.embargo_at.replace(tzinfo=zone)
        result.append(Event(
            kind="embargo", title=tr("Embargo ends: {title}").format(title=a.title or "–"), start=moment, end=moment,
            all_day=False, area="articles", item_type="article", item_id=a.id, key="embargo-{id}".format(id=a.id),
            detail=tr("Not to be published before {time} {zone}").format(
                time=moment.strftime("%H.%M"), zone=a.embargo_tz or "WIB")))
    return result


def _kip(library, start: dt.date, end: dt.date, tr: Translate, today: dt.date) -> list[Event]:  # noqa: ANN001
    from desktop.kip import api as kip

    result = []
    for r in kip.requests_with_deadlines(library, start, end):
        who = tr("{number}, {requester}").format(number=r.number, requester=r.requester)
        if r.is_open and start <= r.due_on <= end:
            title = (tr("Extended answer due for information request {who}") if r.state == "extended"
                     else tr("Answer due for information request {who}")).format(who=who)
            result.append(Event(kind="kip_answer", title=title, start=r.due_on, end=r.due_on, all_day=True, area="kip",
                                item_type="kip_request", item_id=r.id, key="kip-answer-{id}".format(id=r.id),
                                detail=r.subject))
        # The requester may object after an answer or a refusal, or once the deadline passed unanswered;
        # the office should know the day that right lapses.
        if r.answered_on is not None or r.due_on < today:
            due = r.objection_due()
            if start <= due <= end:
                result.append(Event(
                    kind="kip_objection", title=tr("Objection period ends for information request {who}").format(who=who),
                    start=due, end=due, all_day=True, area="kip", item_type="kip_request", item_id=r.id,
                    key="kip-objection-{id}".format(id=r.id), detail=r.subject))
    return result
