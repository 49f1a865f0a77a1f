"""The report's charts, drawn twice from one :class:`~desktop.reports.gather.Chart`.

- :func:`drawing`: a reportlab ``Drawing`` (vector, in the PDF);
- :func:`png`: the same chart as PNG bytes drawn with Pillow (for the .docx:
  reportlab's own bitmap renderer needs a Cairo backend Warta does not ship).

Both use Warta's Noto Sans and the kits' navy, with every value written on
its bar or in the legend, so a chart printed in black and white still reads.
"""

from __future__ import annotations

import math

from desktop.kits import api as kits
from desktop.reports.gather import Chart

# Navy first (the kits' accent), then colours that stay apart in greyscale.
PALETTE = ("#1F3A5F", "#4F7CAC", "#C0392B", "#E6A23C", "#5B8C5A", "#8E6C8A", "#9AA5B1", "#2E86AB", "#D35400",
           "#7F8C8D")


def nice_step(top: int) -> int:
    """A round step giving about five gridlines up to ``top`` (1, 2, 5, 10, 20 …)."""
    if top <= 5:
        return 1
    raw = top / 5
    power = 10 ** int(math.floor(math.log10(raw)))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return int(m * power)
    return int(10 * power)


def _axis_top(values: list[int]) -> tuple[int, int]:
    top = max(values or [0])
    step = nice_step(top)
    return max(step, int(math.ceil(top / step)) * step), step


# -- reportlab ----------------------------------------------------------------------


def drawing(chart: Chart, width: float):  # noqa: ANN201 - reportlab.graphics.shapes.Drawing
    """The chart as a vector drawing ``width`` points wide."""
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    kits.register_fonts()
    if chart.kind == "pie":
        return _pie(chart, width)
    top, step = _axis_top(chart.values)
    if chart.kind == "hbar":
        from reportlab.graphics.charts.barcharts import HorizontalBarChart

        rows = max(1, len(chart.values))
        height = 28 + rows * 17
        d = Drawing(width, height)
        c = HorizontalBarChart()
        c.x, c.y = width * 0.42, 8
        c.width, c.height = width * 0.5, rows * 17
        c.data = [list(reversed(chart.values))]  # top row first, as in the table
        c.categoryAxis.categoryNames = list(reversed(chart.labels))
        c.categoryAxis.labels.fontName = kits.SANS
        c.categoryAxis.labels.fontSize = 7.5
        c.categoryAxis.labels.boxAnchor = "e"
        c.categoryAxis.labels.dx = -4
        c.categoryAxis.visibleTicks = 0
        c.categoryAxis.strokeColor = colors.HexColor(kits.RULE)
        c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = 0, top, step
        c.valueAxis.visible = 0
        c.barLabelFormat = "%d"
        c.barLabels.fontName = kits.SANS_BOLD
        c.barLabels.fontSize = 7.5
        c.barLabels.boxAnchor = "w"
        c.barLabels.dx = 3
    else:
        from reportlab.graphics.charts.barcharts import VerticalBarChart

        height = 170
        d = Drawing(width, height)
        c = VerticalBarChart()
        c.x, c.y = 30, 22
        c.width, c.height = width - 40, height - 48
        c.data = [list(chart.values)]
        c.categoryAxis.categoryNames = list(chart.labels)
        c.categoryAxis.labels.fontName = kits.SANS
        c.categoryAxis.labels.fontSize = 7.5
        c.categoryAxis.labels.dy = -2
        c.categoryAxis.strokeColor = colors.HexColor(kits.RULE)
        c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = 0, top, step
        c.valueAxis.labels.fontName = kits.SANS
        c.valueAxis.labels.fontSize = 7
        c.valueAxis.strokeColor = colors.HexColor(kits.RULE)
        c.valueAxis.visibleGrid = 1
        c.valueAxis.gridStrokeColor = colors.HexColor("#E3E7EC")
        c.barLabelFormat = "%d"
        c.barLabels.fontName = kits.SANS_BOLD
        c.barLabels.fontSize = 7
        c.barLabels.nudge = 6
    c.bars[0].fillColor = colors.HexColor(PALETTE[0])
    c.bars[0].strokeColor = None
    c.barWidth = 10
    d.add(c)
    d.add(String(0, height - 10, chart.title, fontName=kits.SANS_BOLD, fontSize=9,
                 fillColor=colors.HexColor(kits.INK)))
    return d


def _pie(chart: Chart, width: float):  # noqa: ANN202
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    rows = len(chart.values)
    height = max(150, 30 + rows * 15)
    d = Drawing(width, height)
    d.add(String(0, height - 10, chart.title, fontName=kits.SANS_BOLD, fontSize=9,
                 fillColor=colors.HexColor(kits.INK)))
    p = Pie()
    size = min(110, height - 34)
    p.x, p.y, p.width, p.height = 10, (height - 16 - size) / 2, size, size
    p.data = list(chart.values)
    p.labels = None
    p.startAngle, p.direction = 90, "clockwise"
    p.slices.strokeColor = colors.white
    p.slices.strokeWidth = 0.8
    for i in range(rows):
        p.slices[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
    d.add(p)
    total = sum(chart.values) or 1
    x, y = size + 40, height - 30
    for i, (label, value) in enumerate(zip(chart.labels, chart.values)):
        d.add(Rect(x, y - 1, 8, 8, fillColor=colors.HexColor(PALETTE[i % len(PALETTE)]), strokeColor=None))
        d.add(String(x + 14, y, "{}: {} ({:.0f}%)".format(label, value, 100 * value / total), fontName=kits.SANS,
                     fontSize=8, fillColor=colors.HexColor(kits.INK)))
        y -= 15
    return d


# -- Pillow ---------------------------------------------------------------------------

SCALE = 3  # pixels per point: 170 mm of chart is ~1450 px, sharp when printed from Word


def png(chart: Chart, width_pt: float = 480) -> bytes:
    """The chart as PNG bytes (same layout as :func:`drawing`); no timestamp, so the same chart gives the same bytes."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from desktop.paths import FONTS

    s = SCALE
    regular = ImageFont.truetype(str(FONTS / kits.FONT_FILES[kits.SANS]), int(7.5 * s))
    bold = ImageFont.truetype(str(FONTS / kits.FONT_FILES[kits.SANS_BOLD]), int(9 * s))
    small_bold = ImageFont.truetype(str(FONTS / kits.FONT_FILES[kits.SANS_BOLD]), int(7.5 * s))
    w = int(width_pt * s)
    rows = max(1, len(chart.values))
    if chart.kind == "pie":
        h = int(max(150, 30 + rows * 15) * s)
    elif chart.kind == "hbar":
        h = int((28 + rows * 17) * s)
    else:
        h = 170 * s
    img = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(img)
    draw.text((0, 0), chart.title, font=bold, fill=kits.INK)
    top, step = _axis_top(chart.values)
    if chart.kind == "pie":
        size = min(110, h // s - 34) * s
        x0, y0 = 10 * s, (h - size) // 2 + 8 * s
        total = sum(chart.values) or 1
        angle = -90.0
        for i, value in enumerate(chart.values):
            sweep = 360.0 * value / total
            draw.pieslice((x0, y0, x0 + size, y0 + size), angle, angle + sweep,
                          fill=PALETTE[i % len(PALETTE)], outline="white", width=2)
            angle += sweep
        x, y = x0 + size + 30 * s, 22 * s
        for i, (label, value) in enumerate(zip(chart.labels, chart.values)):
            draw.rectangle((x, y + 2 * s, x + 8 * s, y + 10 * s), fill=PALETTE[i % len(PALETTE)])
            draw.text((x + 14 * s, y), "{}: {} ({:.0f}%)".format(label, value, 100 * value / total),
                      font=regular, fill=kits.INK)
            y += 15 * s
    elif chart.kind == "hbar":
        left, bar_w, row_h = int(w * 0.42), int(w * 0.5), 17 * s
        y = 20 * s
        for label, value in zip(chart.labels, chart.values):
            text_w = draw.textlength(label, font=regular)
            draw.text((left - 6 * s - text_w, y + 2 * s), label, font=regular, fill=kits.INK)
            length = int(bar_w * value / top) if top else 0
            draw.rectangle((left, y + 3 * s, left + max(length, 1), y + row_h - 4 * s), fill=PALETTE[0])
            draw.text((left + length + 4 * s, y + 2 * s), str(value), font=small_bold, fill=kits.INK)
            y += row_h
        draw.line((left, 20 * s, left, y), fill=kits.RULE, width=s)
    else:
        left, bottom, plot_h = 30 * s, h - 22 * s, h - 48 * s
        plot_w = w - 40 * s
        for tick in range(0, top + 1, step):
            y = bottom - int(plot_h * tick / top)
            draw.line((left, y, left + plot_w, y), fill="#E3E7EC", width=1)
            label = str(tick)
            draw.text((left - 5 * s - draw.textlength(label, font=regular), y - 5 * s), label, font=regular,
                      fill=kits.INK)
        n = max(1, len(chart.values))
        slot = plot_w / n
        for i, (label, value) in enumerate(zip(chart.labels, chart.values)):
            cx = left + slot * (i + 0.5)
            bar_h = int(plot_h * value / top) if top else 0
            draw.rectangle((cx - 5 * s, bottom - bar_h, cx + 5 * s, bottom), fill=PALETTE[0])
            text = str(value)
            draw.text((cx - draw.textlength(text, font=small_bold) / 2, bottom - bar_h - 10 * s), text,
                      font=small_bold, fill=kits.INK)
            draw.text((cx - draw.textlength(label, font=regular) / 2, bottom + 3 * s), label, font=regular,
                      fill=kits.INK)
        draw.line((left, bottom, left + plot_w, bottom), fill=kits.RULE, width=s)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    return out.getvalue()
