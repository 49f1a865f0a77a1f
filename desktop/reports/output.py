"""Build a report and write it as PDF, .docx or .xlsx: the one call the CLI and the window make."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.errors import ValidationError
from desktop.i18n import _
from desktop.jobs import Progress
from desktop.reports.gather import Report, build
from desktop.reports.period import Period, parse

FORMATS = ("pdf", "docx", "xlsx")


@dataclass
class Written:
    path: str
    format: str
    size: int
    report: Report

    def to_json(self) -> dict:
        return {"output": self.path, "format": self.format, "bytes": self.size, **self.report.to_json()}


def check_format(fmt: str) -> str:
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError(_("'{value}' is not a report format; use pdf, docx or xlsx.").format(value=fmt))
    return fmt


def render(library, report: Report, fmt: str) -> bytes:  # noqa: ANN001
    """The report's bytes in ``fmt``: the same data gives the same bytes."""
    fmt = check_format(fmt)
    if fmt == "pdf":
        from desktop.reports.pdf import pdf_bytes

        return pdf_bytes(library, report)
    from desktop.reports import office_files

    return office_files.docx_bytes(library, report) if fmt == "docx" else office_files.xlsx_bytes(library, report)


def export(library, period: Period | str, fmt: str, target: Path | str, *,  # noqa: ANN001
           progress: Progress | None = None) -> Written:
    """Gather the report for ``period`` and write it to ``target`` (atomically: all of it or nothing)."""
    from desktop.fsutil import atomic_write

    fmt = check_format(fmt)
    period = parse(period) if isinstance(period, str) else period
    progress = progress or Progress()
    report = build(library, period, progress=progress)
    progress.check()
    progress.report(0, 1, _("Writing the {format} file…").format(format=fmt.upper()))
    data = render(library, report, fmt)
    progress.check()
    with atomic_write(target) as fh:
        fh.write(data)
    progress.report(1, 1, "")
    return Written(str(target), fmt, len(data), report)
