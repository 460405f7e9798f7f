"""The peer: the 40-year letter as most Persian Python code would draw it, with ReportLab, arabic-reshaper
and python-bidi (dev-only dependencies), on the same A4 page, with the same font and the same compact grid
(a row per workshop-year, twelve month cells, wages as a second row), the same front page blocks and footers.

It is the comparison the letter's budget names: CPU time of the two, medians, interleaved in one process.
The peer's output is worse (reshaping is a table lookup, not OpenType shaping: no kerning or mark placement,
and mixed runs of digits and Persian come out in the wrong order), which costs it nothing here.
"""

from __future__ import annotations

import io

from chalicelib.letters import render
from chalicelib.letters.model import LetterData

PT_PER_MM = 72 / 25.4


class _Peer:
    def __init__(self, data: LetterData):
        import arabic_reshaper
        from bidi.algorithm import get_display
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        for name, file in (("Vazirmatn", "Vazirmatn-Regular.ttf"), ("Vazirmatn-Bold", "Vazirmatn-Bold.ttf")):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(render.FONT_DIR / file)))
        self.visual = lambda s: get_display(arabic_reshaper.reshape(s))
        self.out = io.BytesIO()
        self.pdf = canvas.Canvas(self.out, pagesize=(210 * PT_PER_MM, 297 * PT_PER_MM))
        self.data = data
        self.rtl = data.language == "fa"
        self.labels = render.LABELS[data.language]
        self.digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹") if self.rtl else None

    def x(self, lx: float, w: float) -> float:
        return render.MARGIN + (render.CONTENT_W - lx - w if self.rtl else lx)

    def text(self, lx, y, w, h, s, align="S", bold=False, size=render.TEXT_SIZE):
        if not s:
            return
        pdf = self.pdf
        pdf.setFont("Vazirmatn-Bold" if bold else "Vazirmatn", size)
        shown = self.visual(s)
        left = self.x(lx, w)
        baseline = (297 - (y + 0.5 * h + 0.3 * size / PT_PER_MM)) * PT_PER_MM
        if align == "C":
            pdf.drawCentredString((left + w / 2) * PT_PER_MM, baseline, shown)
        elif (align == "S") == self.rtl or align == "N":
            pdf.drawRightString((left + w - render.CELL_MARGIN) * PT_PER_MM, baseline, shown)
        else:
            pdf.drawString((left + render.CELL_MARGIN) * PT_PER_MM, baseline, shown)

    def fmt(self, value, grouped=False):
        text = f"{value:,}" if grouped else str(value)
        return text if self.digits is None else text.replace(",", "٬").translate(self.digits)

    def line(self, lx, w, y):
        x = self.x(lx, w)
        self.pdf.line(x * PT_PER_MM, (297 - y) * PT_PER_MM, (x + w) * PT_PER_MM, (297 - y) * PT_PER_MM)

    def vline(self, lx, y1, y2):
        x = self.x(lx, 0) * PT_PER_MM
        self.pdf.line(x, (297 - y1) * PT_PER_MM, x, (297 - y2) * PT_PER_MM)

    def shade(self, lx, y, w, h):
        self.pdf.setFillGray(render.SHADE_GRAY / 255)
        self.pdf.rect(
            self.x(lx, w) * PT_PER_MM, (297 - y - h) * PT_PER_MM, w * PT_PER_MM, h * PT_PER_MM, stroke=0, fill=1
        )
        self.pdf.setFillGray(0)

    def draw(self) -> bytes:
        data, labels = self.data, self.labels
        cols = render._columns(data.includes_wages)
        pages = render._paginate(data, render._records_top(data.includes_wages) + 12)
        for number, segments in enumerate(pages, start=1):
            self.pdf.setLineWidth(0.15 * PT_PER_MM)
            self.pdf.setStrokeGray(render.LINE_GRAY / 255)
            if number == 1:
                self.front()
            else:
                self.text(0, 10, 70, 6, f"{data.first_name} {data.last_name}", bold=True)
                self.line(0, render.CONTENT_W, 16.5)
            for segment in segments:
                self.segment(segment, cols)
            self.line(0, render.CONTENT_W, 284)
            self.text(0, 285.5, 60, 5, labels["page"].format(page=self.fmt(number), pages=self.fmt(len(pages))), size=8)
            self.text(110, 285.5, 27, 5, labels["tracking"], bold=True, size=8)
            self.text(137, 285.5, 53, 5, self.fmt(data.tracking_number), size=8)
            self.pdf.showPage()
        self.pdf.save()
        return self.out.getvalue()

    def front(self):
        data, labels = self.data, self.labels
        self.text(0, 10, 110, 8, labels["org"], bold=True, size=15)
        self.text(0, 18, 110, 6.5, labels["title"], bold=True, size=12)
        self.text(0, 24.5, 110, 5.5, data.type_title, size=10)
        for y, label, value in (
            (11, "issued", self.fmt(data.issued_at_jalali)),
            (16.5, "tracking", self.fmt(data.tracking_number)),
            (22, "verification", data.verification_code),
        ):
            self.text(110, y, 27, 5.5, labels[label], bold=True, size=8.5)
            self.text(137, y, 53, 5.5, value, size=8.5)
        self.shade(0, 34, render.CONTENT_W, 6)
        self.text(0, 34, render.CONTENT_W, 6, labels["person"], bold=True, size=10.5)
        self.text(0, 40, 32, 6, labels["name"], bold=True)
        self.text(32, 40, 63, 6, f"{data.first_name} {data.last_name}")
        self.text(0, 46, 32, 6, labels["national_code"], bold=True)
        self.text(32, 46, 63, 6, self.fmt(data.national_code))
        self.shade(0, 53, render.CONTENT_W, 6)
        self.text(0, 53, render.CONTENT_W, 6, labels["summary"], bold=True, size=10.5)
        self.text(0, 59, 40, 6, labels["total_days"], bold=True)
        self.text(40, 59, 55, 6, labels["total_days_value"].format(days=self.fmt(data.total_days, True)))
        y = render._records_top(data.includes_wages)
        self.text(0, y, render.CONTENT_W, 6, labels["records"], bold=True, size=10.5)

    def segment(self, segment, cols):
        labels, y = self.labels, segment.y
        workshop = segment.workshop
        self.shade(0, y, render.CONTENT_W, render.TITLE_H)
        self.text(0, y, 16, render.TITLE_H, labels["workshop"], bold=True, size=8)
        self.text(16, y, 60, render.TITLE_H, workshop.workshop_name, bold=True, size=8)
        self.text(88, y, 23, render.TITLE_H, labels["workshop_code"], bold=True, size=8)
        self.text(111, y, 22, render.TITLE_H, self.fmt(workshop.workshop_code), size=8)
        self.text(133, y, 16, render.TITLE_H, labels["employer"], bold=True, size=8)
        self.text(149, y, 41, render.TITLE_H, workshop.employer_name, size=8)
        y += render.TITLE_H
        head_top = y
        self.shade(0, y, render.CONTENT_W, render.HEAD_H)
        headers = [(cols.year, labels["year"])] + ([(cols.kind, labels["kind"])] if cols.kind else [])
        headers += list(zip(cols.months, labels["months"])) + [(cols.total, labels["total"])]
        for (lx, w), name in headers:
            self.text(lx, y, w, render.HEAD_H, name, "C", True, render.HEAD_SIZE)
        y += render.HEAD_H
        size = render.TABLE_SIZE
        for row in segment.rows:
            self.text(cols.year[0], y, cols.year[1], row.height, self.fmt(row.year), "C", size=size)
            if cols.kind:
                self.text(cols.kind[0], y, cols.kind[1], render.ROW_H, labels["days_row"], "C", size=size)
            days = 0
            for (lx, w), month in zip(cols.months, row.months):
                if month is not None:
                    days += month.days
                    self.text(lx, y, w, render.ROW_H, self.fmt(month.days), "C", size=size)
            self.text(cols.total[0], y, cols.total[1], render.ROW_H, self.fmt(days, True), "C", True, size)
            if row.wages:
                wy = y + render.ROW_H
                self.text(cols.kind[0], wy, cols.kind[1], render.ROW_H, labels["wage_row"], "C", size=size)
                wages = 0
                for (lx, w), month in zip(cols.months, row.months):
                    if month is not None:
                        wages += month.wage or 0
                        self.text(
                            lx,
                            wy,
                            w,
                            render.ROW_H,
                            "-" if month.wage is None else self.fmt(month.wage, True),
                            "N",
                            size=size,
                        )
                self.text(cols.total[0], wy, cols.total[1], render.ROW_H, self.fmt(wages, True), "N", True, size)
                self.line(cols.kind[0], render.CONTENT_W - cols.kind[0], y + render.ROW_H)
            y += row.height
            self.line(0, render.CONTENT_W, y)
        self.pdf.rect(
            render.MARGIN * PT_PER_MM, (297 - y) * PT_PER_MM, render.CONTENT_W * PT_PER_MM, (y - head_top) * PT_PER_MM
        )
        for lx, w in cols.months:
            self.vline(lx + w, head_top, y)


def render_peer(data: LetterData) -> bytes:
    return _Peer(data).draw()
