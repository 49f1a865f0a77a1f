"""The semester report of information services (*laporan layanan informasi publik*) as a spreadsheet.

Perki 1/2021 asks the PPID for a report of its services: how many requests
came in, how many were served within the legal time, extended, refused,
objected to. The workbook has the summary first and every request after it,
so the figures can be checked line by line.
"""

from __future__ import annotations

from pathlib import Path

from desktop.fsutil import atomic_write, stable_zip
from desktop.i18n import _
from desktop.jobs import Progress
from desktop.kip import store


def xlsx_bytes(report: store.SemesterReport) -> bytes:
    """The workbook; the same report gives the same bytes (dated the semester's last day, not the moment of saving)."""
    import datetime as dt
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from desktop import dates

    book = Workbook()
    book.properties.creator = "Warta"
    book.properties.title = _("Information service report, semester {semester}").format(semester=report.semester)
    book.properties.created = book.properties.modified = dt.datetime.combine(report.end, dt.time())
    summary = book.active
    summary.title = _("Summary")
    summary.append([_("Information service report, semester {semester}").format(semester=report.semester)])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([_("Period"), "{} – {}".format(report.start.isoformat(), report.end.isoformat())])
    for label, value in (
        (_("Requests received"), report.received),
        (_("Information given"), report.answered),
        (_("Refused"), report.rejected),
        (_("Answered on time"), report.on_time),
        (_("Answered late"), report.late),
        (_("Extended"), report.extended),
        (_("Objections filed"), report.objected),
        (_("Not answered yet"), report.pending),
        (_("Not answered, past the deadline (on {date})").format(date=dates.plain_date(report.as_of)), report.overdue),
        (_("Median response (working days)"), report.median_response_days),
    ):
        summary.append([label, value if value is not None else "–"])
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 26

    sheet = book.create_sheet(_("Requests"))
    sheet.append([_("Number"), _("Requester"), _("Information asked for"), _("Channel"), _("Received"),
                  _("Deadline"), _("State"), _("Answered"), _("Working days"), _("Extension reason"), _("Objection")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    from desktop.kip import deadlines

    for r in report.requests:
        sheet.append([
            r.number, r.requester, r.subject, store.channel_label(r.channel) if r.channel else "", r.received_on,
            r.due_on, store.state_label(r.state), r.answered_on,
            deadlines.response_days(r.received_on, r.answered_on) if r.answered_on else None,
            r.extension_reason, r.objected_on,
        ])
    for col, width in zip("ABCDEFGHIJK", (14, 28, 48, 14, 12, 12, 12, 12, 10, 30, 12)):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.column_letter in "EFHK":
                cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue(), report.end)


def write_xlsx(report: store.SemesterReport, target: Path | str) -> None:
    data = xlsx_bytes(report)
    with atomic_write(target) as fh:
        fh.write(data)


def export_semester(library, semester: str, target: Path | str, progress: Progress | None = None) -> store.SemesterReport:  # noqa: ANN001
    """Gather the semester's figures and write the workbook to ``target`` (the window runs this off the UI thread)."""
    progress = progress or Progress()
    progress.report(0, 2, _("Counting the requests"))
    report = store.semester_report(library, semester)
    progress.check()
    progress.report(1, 2, _("Writing the spreadsheet"))
    write_xlsx(report, target)
    progress.report(2, 2, "")
    return report
