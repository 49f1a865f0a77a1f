"""The figures of a *Laporan kehumasan*, read from the other areas through their ``api`` modules.

:func:`build` returns a :class:`Report`: the narratives, then one
:class:`Section` per subject, each made of key figures, tables and charts in
a neutral form that the PDF, .docx and .xlsx writers all lay out the same
way, plus ``counts`` (plain numbers for ``--json`` and tests).

Nothing here reads the clock: the same data gives the same report.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Union

from desktop.i18n import N_, _
from desktop.jobs import Progress
from desktop.reports import store
from desktop.reports.period import Period, parse

Cell = Union[str, int, float, None]
MOU_WARNING_DAYS = 60  # as on Beranda: an MoU ending within 60 days of the period's end needs renewing

SECTION_TITLES = {
    "summary": N_("Summary"),
    "releases": N_("Releases and news"),
    "coverage": N_("Media coverage"),
    "partners": N_("Partners and MoUs"),
    "activities": N_("Collaboration activities"),
    "photos": N_("Photo archive"),
    "claims": N_("Clarifications of issues and hoaxes"),
    "distribution": N_("Distribution reach"),
}


@dataclass
class Chart:
    title: str
    kind: str  # "bar" (vertical), "hbar" or "pie"
    labels: list[str]
    values: list[int]


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    total: list[Cell] | None = None  # the closing "Jumlah" row
    widths: list[float] | None = None  # relative column widths (the first column takes the rest)
    chart: Chart | None = None  # the same figures drawn, shown after the table


@dataclass
class Section:
    key: str
    title: str
    facts: list[tuple[str, Cell]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""  # said when the period has nothing for this subject


@dataclass
class Report:
    period: Period
    office: str
    narratives: dict[str, str]
    sections: list[Section]
    counts: dict

    @property
    def title(self) -> str:
        return _("Public relations report {period}").format(period=self.period.label())

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def to_json(self) -> dict:
        return {"period": self.period.to_json(), "title": self.title, "narratives": self.narratives,
                "counts": self.counts}


def _month_rows(period: Period, per_month: dict[str, int]) -> tuple[list[str], list[int]]:
    from desktop import dates

    labels, values = [], []
    for first in period.months():
        labels.append(dates.month_short(first) if period.kind != "month" else dates.month_year(first))
        values.append(per_month.get(f"{first:%Y-%m}", 0))
    return labels, values


def _counted(items) -> dict[str, int]:  # noqa: ANN001 - iterable of keys
    out: dict[str, int] = {}
    for key in items:
        out[key] = out.get(key, 0) + 1
    return out


def _by_count(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Most first, then by name: a stable order for tables and charts."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "–"


def _releases(library, period: Period) -> tuple[Section, dict]:  # noqa: ANN001
    from desktop.articles import api as articles

    rows = articles.releases_between(library, period.start, period.end)
    by_kind = {k: 0 for k in articles.KINDS}
    for r in rows:
        by_kind[r.kind] = by_kind.get(r.kind, 0) + 1
    by_month = _counted(f"{r.date:%Y-%m}" for r in rows)
    section = Section("releases", _(SECTION_TITLES["releases"]), facts=[
        (_("Approved or published"), len(rows)),
        (_("of which published"), sum(1 for r in rows if r.status == "published")),
    ])
    kinds = [(articles.kind_label(k), n) for k, n in by_kind.items()]
    section.tables.append(Table(_("By kind"), [_("Kind"), _("Count")], [[k, n] for k, n in kinds],
                                total=[_("Total"), len(rows)]))
    if rows:
        section.tables[-1].chart = (Chart(_("Releases by kind"), "pie", [k for k, n in kinds if n],
                                    [n for _k, n in kinds if n]))
    if period.kind != "month":
        labels, values = _month_rows(period, by_month)
        section.tables.append(Table(_("By month"), [_("Month"), _("Count")],
                                    [[m, v] for m, v in zip(labels, values)], total=[_("Total"), len(rows)]))
        section.tables[-1].chart = (Chart(_("Releases per month"), "bar", labels, values))
    if not rows:
        section.note = _("No release was approved or published in this period.")
    counts = {"total": len(rows), "published": section.facts[1][1],
              "by_kind": {k: n for k, n in by_kind.items() if n}, "by_month": dict(sorted(by_month.items()))}
    return section, counts


def _coverage(library, period: Period) -> tuple[Section, dict]:  # noqa: ANN001
    from desktop.contacts import api as contacts

    rows = contacts.coverage_between(library, period.start, period.end)
    no_type = _("(no type)")
    by_type = _counted(r.media_type or no_type for r in rows)
    outlets: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r.outlet, r.media_type or no_type)
        outlets[key] = outlets.get(key, 0) + 1
    section = Section("coverage", _(SECTION_TITLES["coverage"]), facts=[
        (_("Coverage recorded"), len(rows)),
        (_("Outlets"), len(outlets)),
        (_("Of our releases"), sum(1 for r in rows if r.article_id)),
    ])
    types = _by_count(by_type)
    section.tables.append(Table(_("By media type"), [_("Media type"), _("Count")], [[t, n] for t, n in types],
                                total=[_("Total"), len(rows)]))
    ranked = sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))
    section.tables.append(Table(_("By outlet"), [_("Outlet"), _("Media type"), _("Count")],
                                [[o, t, n] for (o, t), n in ranked], total=[_("Total"), "", len(rows)],
                                widths=[0, 0.32, 0.14]))
    if rows:
        section.tables[0].chart = (Chart(_("Coverage by media type"), "hbar", [t for t, _n in types],
                                    [n for _t, n in types]))
    else:
        section.note = _("No coverage was recorded in this period.")
    return section, {"total": len(rows), "outlets": len(outlets), "by_media_type": dict(types),
                     "by_outlet": {o: n for (o, _t), n in ranked}}


def _partners(library, period: Period) -> tuple[Section, dict]:  # noqa: ANN001
    from desktop.contacts import api as contacts

    horizon = period.end + dt.timedelta(days=MOU_WARNING_DAYS)
    new, active, expiring, ended, listed = [], [], [], [], []
    for p in contacts.partnerships(library):
        if p.signed is not None and p.signed > period.end:
            continue  # signed after the period: not part of this report
        is_new = p.signed is not None and period.start <= p.signed <= period.end
        in_force = p.expires is None or p.expires > period.end
        ended_in = p.expires is not None and period.start <= p.expires <= period.end
        soon = p.expires is not None and period.end < p.expires <= horizon
        if is_new:
            new.append(p)
        if in_force:
            active.append(p)
        if soon:
            expiring.append(p)
        if ended_in:
            ended.append(p)
        if is_new or in_force or ended_in:
            if soon:
                state = _("ends within {days} days").format(days=MOU_WARNING_DAYS)
            elif ended_in:
                state = _("ended in the period")
            elif is_new:
                state = _("new")
            else:
                state = _("in force")
            listed.append([p.name, p.media_type or "–", p.number or "–", _day(p.signed), _day(p.expires), state])
    section = Section("partners", _(SECTION_TITLES["partners"]), facts=[
        (_("New MoUs in the period"), len(new)),
        (_("MoUs in force at the end of the period"), len(active)),
        (_("Ending within {days} days after the period").format(days=MOU_WARNING_DAYS), len(expiring)),
        (_("Ended in the period"), len(ended)),
    ])
    section.tables.append(Table(_("Partnership agreements"),
                                [_("Partner"), _("Type"), _("Number"), _("Signed"), _("Ends"), _("State")], listed,
                                widths=[0, 0.12, 0.15, 0.15, 0.11, 0.15]))
    if not listed:
        section.note = _("No partnership agreement was in force in this period.")
    return section, {"new": len(new), "active": len(active), "expiring": len(expiring), "ended": len(ended),
                     "expiring_names": [p.name for p in expiring]}


def _activities(library, period: Period) -> tuple[Section, dict]:  # noqa: ANN001
    from desktop.contacts import api as contacts

    rows = contacts.collaborations_between(library, period.start, period.end)
    by_kind = {k: 0 for k in contacts.COLLABORATION_KINDS}
    for r in rows:
        by_kind[r.kind] = by_kind.get(r.kind, 0) + 1
    section = Section("activities", _(SECTION_TITLES["activities"]), facts=[(_("Activities"), len(rows))])
    kinds = [(contacts.collaboration_label(k), n) for k, n in by_kind.items()]
    section.tables.append(Table(_("By kind"), [_("Kind"), _("Count")], [[k, n] for k, n in kinds],
                                total=[_("Total"), len(rows)]))
    if rows:
        shown = [(k, n) for k, n in kinds if n]
        section.tables[-1].chart = (Chart(_("Activities by kind"), "hbar", [k for k, _n in shown], [n for _k, n in shown]))
        section.tables.append(Table(_("List of activities"), [_("Date"), _("Kind"), _("Activity"), _("With")], [
            [_day(r.date), contacts.collaboration_label(r.kind), r.title or "–", ", ".join(r.organizations) or "–"]
            for r in rows], widths=[0.12, 0.14, 0, 0.3]))
    else:
        section.note = _("No collaboration activity was recorded in this period.")
    return section, {"total": len(rows), "by_kind": {k: n for k, n in by_kind.items() if n}}


def _photos(library, period: Period) -> tuple[Section, dict]:  # noqa: ANN001
    from desktop.photos import api as photos

    counts = photos.archive_counts(library, period.start, period.end)
    no_event = _("(no activity)")
    section = Section("photos", _(SECTION_TITLES["photos"]), facts=[
        (_("Photos archived"), counts.total),
        (_("Activities photographed"), sum(1 for name, _n in counts.by_event if name)),
        (_("Picks (pilihan)"), counts.pilihan),
    ])
    if period.kind != "month":
        labels, values = _month_rows(period, counts.by_month)
        section.tables.append(Table(_("By month"), [_("Month"), _("Photos")],
                                    [[m, v] for m, v in zip(labels, values)], total=[_("Total"), counts.total]))
        section.tables[-1].chart = (Chart(_("Photos per month"), "bar", labels, values))
    section.tables.append(Table(_("By activity"), [_("Activity"), _("Photos")],
                                [[name or no_event, n] for name, n in counts.by_event],
                                total=[_("Total"), counts.total]))
    if not counts.total:
        section.note = _("No photo of this period is in the archive.")
    return section, {"total": counts.total, "pilihan": counts.pilihan, "by_month": counts.by_month,
                     "by_event": {name: n for name, n in counts.by_event}}


def _claims(library, period: Period) -> tuple[Section, dict]:  # noqa: ANN001
    from desktop.claims import api as claims

    since, until = period.utc_bounds()
    rows = claims.claims_between(library, since, until)
    took = [r.to_clarification for r in rows if r.to_clarification is not None]
    median = statistics.median(took) if took else None
    section = Section("claims", _(SECTION_TITLES["claims"]), facts=[
        (_("Claims recorded"), len(rows)),
        (_("Clarified (published)"), len(took)),
        (_("Not clarified yet"), len(rows) - len(took)),
        (_("Median time to clarification"), claims.duration(median)),
    ])
    table = []
    for r in rows:
        c = r.clarification
        published = claims.local_time(c.published_at).date() if c and c.published_at else None
        table.append([_day(claims.local_time(r.first_seen).date()), claims.short_text(r.text, 90),
                      claims.verdict_label(r.verdict) if r.verdict else "–", _day(published),
                      claims.duration(r.to_clarification)])
    section.tables.append(Table(_("Claims and their clarification"),
                                [_("First seen"), _("Claim"), _("Verdict"), _("Clarified"), _("Time taken")], table,
                                widths=[0.12, 0, 0.15, 0.15, 0.12]))
    verdicts = _by_count(_counted(claims.verdict_label(r.verdict) if r.verdict else _("(no verdict)") for r in rows))
    if rows:
        section.tables[-1].chart = (Chart(_("Claims by verdict"), "pie", [v for v, _n in verdicts],
                                    [n for _v, n in verdicts]))
    else:
        section.note = _("No claim was recorded in this period.")
    return section, {"total": len(rows), "clarified": len(took),
                     "median_seconds": int(median.total_seconds()) if median is not None else None}


def _distribution(library, period: Period) -> tuple[Section, dict]:  # noqa: ANN001
    from desktop.distribution import api as distribution

    since, until = period.utc_bounds()
    rows = distribution.reach_between(library, since, until)
    channels = list(distribution.CHANNEL_LABELS)
    totals = {c: sum(r.by_channel.get(c, 0) for r in rows) for c in channels}
    recipients = sum(r.recipients for r in rows)
    section = Section("distribution", _(SECTION_TITLES["distribution"]), facts=[
        (_("Releases and kits sent"), len(rows)),
        (_("Recipients reached"), recipients),
    ])
    section.tables.append(Table(_("By channel"), [_("Channel"), _("Recipients")],
                                [[distribution.channel_label(c), totals[c]] for c in channels],
                                total=[_("Total"), recipients]))
    section.tables.append(Table(
        _("Recipients reached per release"),
        [_("Release"), *[distribution.channel_label(c) for c in channels], _("Outlets"), _("Total")],
        [[r.title or "–", *[r.by_channel.get(c, 0) for c in channels], r.outlets, r.recipients] for r in rows],
        total=[_("Total"), *[totals[c] for c in channels], "", recipients],
        widths=[0, 0.1, 0.11, 0.11, 0.09, 0.09]))
    if rows:
        top = rows[:10]
        section.tables[-1].chart = (Chart(_("Recipients per release (the ten widest)"), "hbar",
                                    [chart_label(r.title) for r in top], [r.recipients for r in top]))
    else:
        section.note = _("Nothing was sent in this period.")
    return section, {"releases": len(rows), "recipients": recipients, "by_channel": {c: n for c, n in totals.items() if n},
                     "per_release": {(r.title or ""): r.recipients for r in rows}}


def chart_label(text: str, limit: int = 38) -> str:
    """A release title short enough for a chart label."""
    flat = " ".join((text or "–").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


GATHERERS = (
    ("releases", _releases),
    ("coverage", _coverage),
    ("partners", _partners),
    ("activities", _activities),
    ("photos", _photos),
    ("claims", _claims),
    ("distribution", _distribution),
)


def build(library, period: Period | str, *, progress: Progress | None = None) -> Report:  # noqa: ANN001
    """Gather every section of the report for ``period`` (a :class:`Period` or its code)."""
    from desktop import office as office_mod

    period = parse(period) if isinstance(period, str) else period
    progress = progress or Progress()
    sections: list[Section] = []
    counts: dict = {}
    for done, (key, gather) in enumerate(GATHERERS):
        progress.check()
        progress.report(done, len(GATHERERS) + 1, _(SECTION_TITLES[key]))
        section, numbers = gather(library, period)
        sections.append(section)
        counts[key] = numbers
    summary = Section("summary", _(SECTION_TITLES["summary"]))
    summary.tables.append(Table(_("The period in figures"), [_("Subject"), _("Figure"), _("Count")], [
        [s.title, label, value] for s in sections for label, value in s.facts[:1]
    ] + [
        [_(SECTION_TITLES["partners"]), sections[2].facts[1][0], sections[2].facts[1][1]],
        [_(SECTION_TITLES["claims"]), sections[5].facts[3][0], sections[5].facts[3][1]],
    ], widths=[0.34, 0, 0.14]))
    office = office_mod.load(library)
    progress.report(len(GATHERERS) + 1, len(GATHERERS) + 1, "")
    return Report(period, office.name or office.short_name, store.narratives(library, period.code),
                  [summary, *sections], counts)
