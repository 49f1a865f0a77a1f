"""What the rest of Warta may use of the periodic humas report (*Laporan kehumasan*): the window and the CLI.

Everything outside ``desktop/reports/`` imports this module only. A report
reads the other areas through their ``api`` modules; this area stores only
the narrative sections people write per period.
"""

from __future__ import annotations

from desktop.reports.gather import Chart, Report, Section, Table, build
from desktop.reports.output import FORMATS, Written, check_format, export, render
from desktop.reports.period import Period, PeriodError, current, parse
from desktop.reports.store import SECTIONS, narratives, section_label, set_narrative, set_narratives

__all__ = [
    "FORMATS", "SECTIONS",
    "Chart", "Period", "PeriodError", "Report", "Section", "Table", "Written",
    "build", "check_format", "current", "export", "narratives", "parse", "render", "section_label", "set_narrative",
    "set_narratives",
]
