"""``warta calendar show|export``: the editorial calendar on the command line, and its .ics file for phones."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.cli import UsageError, add_output, check_output, common, emit, open_library, shown
from desktop.i18n import _


def _span_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help=_("first day (with --to)"))
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=_("last day (with --from)"))
    parser.add_argument("--month", metavar="YYYY-MM", help=_("a whole month, e.g. 2026-12 (default: this month)"))
    parser.add_argument("--week", metavar="YYYY-MM-DD", help=_("the Monday-to-Sunday week holding this day"))
    return parser


def register(sub: argparse._SubParsersAction) -> None:
    cal = sub.add_parser("calendar", help=_("the editorial calendar: activities, planned releases, embargoes, "
                                            "MoU expiries and KIP deadlines"))
    csub = cal.add_subparsers(dest="calendar_command", required=True)
    p = common(_span_options(csub.add_parser("show", help=_("list the calendar's items day by day"))))
    p.set_defaults(handler=cmd_show)
    p = common(_span_options(csub.add_parser("export", help=_("write the calendar as an .ics file for phones"))))
    add_output(p, metavar="FILE.ics", help=_("the .ics file to write"))
    p.set_defaults(handler=cmd_export)


def span(args: argparse.Namespace, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days asked for: --from/--to, --month or --week (one of them), else this month."""
    from desktop.planner import api as planner

    chosen = [name for name, value in (("--from/--to", args.date_from or args.date_to), ("--month", args.month),
                                       ("--week", args.week)) if value]
    if len(chosen) > 1:
        raise UsageError(_("Give one of {options}, not several.").format(options=", ".join(chosen)))
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise UsageError(_("--from and --to go together: give both days."))
        start, end = planner.parse_day(args.date_from), planner.parse_day(args.date_to)
        planner.check_span(start, end)
        return start, end
    if args.month:
        return planner.month_span(args.month)
    if args.week:
        return planner.week_of(planner.parse_day(args.week))
    return planner.month_of(today or dt.date.today())


def _when(event) -> str:  # noqa: ANN001 - planner.Event
    if event.all_day:
        return _("all day")
    return "{time} {zone}".format(time=event.start.strftime("%H.%M"), zone=event.start.tzname())


def _text(found: list, start: dt.date, end: dt.date) -> str:
    from desktop import dates

    if not found:
        return _("Nothing on the calendar from {start} to {end}.").format(
            start=dates.plain_date(start), end=dates.plain_date(end))
    lines: list[str] = []
    day = None
    for e in found:
        if e.day != day:
            day = e.day
            if lines:
                lines.append("")
            lines.append(dates.long_date(day))
        # The titles name their kind ("Rencana rilis: …", "Rapat: …"): no column for it.
        line = "  {when:<12}  {title}".format(when=_when(e), title=shown(e.title))
        if e.detail:
            line += "  ({detail})".format(detail=shown(e.detail))
        lines.append(line)
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    from desktop.planner import api as planner

    start, end = span(args)
    lib = open_library(args)
    try:
        found = planner.events(lib, start, end)
    finally:
        lib.close()
    emit(args, {"from": start.isoformat(), "to": end.isoformat(), "events": [e.to_json() for e in found]},
         lambda: _text(found, start, end))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.planner import api as planner

    start, end = span(args)
    if args.output == "-":
        raise UsageError(_("Give the .ics file to write with -o; the calendar is not printed on the terminal."))
    if Path(args.output).suffix.lower() != ".ics":
        # Phones and mail programs open a calendar by its extension.
        raise UsageError(_("'{path}' does not end in .ics: phones open a calendar file by that name.").format(
            path=args.output))
    lib = open_library(args)
    try:
        check_output(args, lib)
        target = Path(args.output).expanduser().absolute()
        count = planner.write_ics(lib, target, start, end)
    finally:
        lib.close()
    emit(args, {"path": str(target), "from": start.isoformat(), "to": end.isoformat(), "events": count},
         _("{count} calendar items from {start} to {end} written to {path}.").format(
             count=count, start=start.isoformat(), end=end.isoformat(), path=target))
    return 0
