"""``warta report build|narrative``: the periodic humas report (*Laporan kehumasan*) on the command line."""

from __future__ import annotations

import argparse

from desktop.cli import UsageError, add_output, check_output, common, emit, open_library, shown
from desktop.i18n import N_, _
from desktop.errors import os_reason

PERIOD_HELP = N_("a year, semester or month: 2026, 2026-S1, 2026-S2 or 2026-11")


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help=_("the humas report of a month, semester or year (PDF, DOCX, XLSX)"))
    rsub = report.add_subparsers(dest="report_command", required=True)

    p = common(rsub.add_parser("build", help=_("write the report of a period as PDF, DOCX or XLSX")))
    p.add_argument("--period", required=True, metavar="PERIOD", help=_(PERIOD_HELP))
    p.add_argument("-f", "--format", default=None, metavar="FORMAT",
                   help=_("pdf, docx or xlsx (default: from the output file's extension)"))
    add_output(p, metavar="FILE", help=_("the file to write"))
    p.set_defaults(handler=cmd_build)

    narrative = rsub.add_parser("narrative", help=_("the written sections: introduction, obstacles, follow-up plan"))
    nsub = narrative.add_subparsers(dest="narrative_command", required=True)
    p = common(nsub.add_parser("show", help=_("print the narrative sections of a period")))
    p.add_argument("--period", required=True, metavar="PERIOD", help=_(PERIOD_HELP))
    p.add_argument("--section", default=None, metavar="SECTION", help=_("only: pendahuluan, kendala or rencana"))
    p.set_defaults(handler=cmd_show)
    p = common(nsub.add_parser("set", help=_("save the text of one narrative section")))
    p.add_argument("--period", required=True, metavar="PERIOD", help=_(PERIOD_HELP))
    p.add_argument("--section", required=True, metavar="SECTION", help=_("pendahuluan, kendala or rencana"))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", metavar="TEXT", help=_("the text (a blank line starts a new paragraph)"))
    source.add_argument("--file", metavar="FILE", help=_("read the text from a UTF-8 text file"))
    p.set_defaults(handler=cmd_set)


def _period(value: str):  # noqa: ANN202 - desktop.reports.api.Period
    from desktop.reports import api as reports

    return reports.parse(value)


def _section(value: str | None) -> str | None:
    from desktop.reports import api as reports

    if value is not None and value not in reports.SECTIONS:
        raise UsageError(_("'{value}' is not a narrative section; use one of: {choices}.").format(
            value=value, choices=", ".join(reports.SECTIONS)))
    return value


def cmd_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.cli import terminal_progress
    from desktop.reports import api as reports

    period = _period(args.period)
    if args.output == "-":
        raise UsageError(_("A report cannot be printed on the terminal; give a file name to -o."))
    fmt = args.format or Path(args.output).suffix.lstrip(".")
    if not fmt:
        raise UsageError(_("Say which format to write with -f pdf, docx or xlsx (the output file has no extension)."))
    fmt = reports.check_format(fmt)
    suffix = Path(args.output).suffix.lstrip(".").lower()
    if suffix and suffix != fmt:
        raise UsageError(_("'{path}' ends in .{suffix} but the report would be {fmt}: name the file .{fmt} "
                           "or choose -f {suffix}.").format(path=args.output, suffix=suffix, fmt=fmt))
    lib = open_library(args)
    try:
        check_output(args, lib)
        with terminal_progress(args) as progress:
            written = reports.export(lib, period, fmt, Path(args.output).expanduser(), progress=progress)
    finally:
        lib.close()
    counts = written.report.counts
    emit(args, written.to_json(), lambda: "\n".join([
        _("{title} ({span})").format(title=written.report.title, span=period.span()),
        _("Releases: {releases}; coverage: {coverage}; activities: {activities}; photos: {photos}; "
          "claims: {claims}; recipients reached: {recipients}").format(
            releases=counts["releases"]["total"], coverage=counts["coverage"]["total"],
            activities=counts["activities"]["total"], photos=counts["photos"]["total"],
            claims=counts["claims"]["total"], recipients=counts["distribution"]["recipients"]),
        _("Written to {path}.").format(path=shown(written.path)),
    ]))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from desktop.reports import api as reports

    period = _period(args.period)
    only = _section(args.section)
    lib = open_library(args)
    try:
        texts = reports.narratives(lib, period.code)
    finally:
        lib.close()
    if only:
        texts = {only: texts[only]}

    def text() -> str:
        blocks = []
        for key, body in texts.items():
            blocks.append("== {} ==\n{}".format(reports.section_label(key), shown(body) if body else _("(Not written yet.)")))
        return "\n\n".join(blocks)

    emit(args, {"period": period.code, "narratives": texts}, text)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from desktop.reports import api as reports

    period = _period(args.period)
    section = _section(args.section)
    if args.file is not None:
        from pathlib import Path

        try:
            body = Path(args.file).expanduser().read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UsageError(_("{path} is not UTF-8 text; save it as UTF-8 and try again.").format(
                path=args.file)) from None
        except OSError as exc:
            raise UsageError(_("{path} cannot be read: {reason}.").format(
                path=args.file, reason=os_reason(exc))) from None
    else:
        body = args.text
    lib = open_library(args)
    try:
        reports.set_narrative(lib, period.code, section, body)
        saved = reports.narratives(lib, period.code)[section]
    finally:
        lib.close()
    emit(args, {"period": period.code, "section": section, "text": saved},
         _("{section} of {period} saved ({count} characters).").format(
             section=reports.section_label(section), period=period.label(), count=len(saved)))
    return 0
