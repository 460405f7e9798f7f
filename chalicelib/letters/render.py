"""Record-disclosure letter (اعلام سابقه بیمه) as an A4 PDF.

With shaping on, fpdf2 runs bidi and HarfBuzz for every cell, twice (width,
then drawing). Here each distinct Persian string goes through fpdf2's bidi and
HarfBuzz once per document and the glyph run is replayed wherever it recurs;
numbers, the bulk of the letter, need no shaping: they are written straight into
the page as glyph codes, without fpdf2's per-cell text path, and the fonts are
embedded from a subset built once per process (`embedding`). Pages are
planned before drawing, so "page X of Y" is written directly in the letter's
own digits instead of through fpdf2's page-count alias, which is Latin-only.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from pathlib import Path
from typing import Any, NamedTuple

import segno
from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import PDFResourceType, TextDirection
from fpdf.fonts import TTFFont

from chalicelib.jalali import in_tehran
from chalicelib.text import LANGUAGES, catalogue

from .embedding import LetterOutput
from .model import LetterData, LetterMonth, LetterWorkshop

__all__ = ["LetterData", "LetterMonth", "LetterWorkshop", "render_letter", "LABELS"]

Labels = dict[str, Any]
Digits = dict[int, str] | None

LABELS: dict[str, Labels] = {language: catalogue(language).LETTER_LABELS for language in LANGUAGES}

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "vazirmatn"
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_BIDI_RUN_CLASSES = frozenset(("L", "EN", "AN"))

_LABEL_TEXTS = frozenset(
    text
    for labels in LABELS.values()
    for value in labels.values()
    for text in (value if isinstance(value, tuple) else (value,))
)
_SHAPED_LABELS: dict[tuple[str, str, bool], tuple[_Shaped, ...]] = {}

MARGIN = 10.0
CONTENT_W = 190.0
CELL_MARGIN = 0.6
TABLE_BOTTOM = 280.0
CONT_TOP = 20.0
TITLE_H = 6.0
HEAD_H = 5.0
ROW_H = 4.2
SEGMENT_GAP = 3.0
TABLE_SIZE = 6.5
HEAD_SIZE = 6.5
TEXT_SIZE = 9.0
LINE_GRAY = 150
SHADE_GRAY = 232


class _Shaped(NamedTuple):
    """A HarfBuzz glyph, independent of any document; widths and positions in 1/1000 em."""

    gid: int
    name: str
    chars: tuple[int, ...]
    width: int
    advance: float
    x_offset: float
    y_offset: float


class _Glyph(NamedTuple):
    """A glyph as this document's font subset encodes it."""

    code: str
    width: int
    advance: float
    x_offset: float
    y_offset: float


class _Run(NamedTuple):
    font_index: int
    glyphs: tuple[_Glyph, ...]
    advance: float


class _YearRow(NamedTuple):
    year: str
    months: tuple[LetterMonth | None, ...]
    wages: bool

    @property
    def height(self) -> float:
        return ROW_H * (2 if self.wages else 1)


class _Segment(NamedTuple):
    workshop: LetterWorkshop
    continued: bool
    y: float
    rows: list[_YearRow]


class _Columns(NamedTuple):
    year: tuple[float, float]
    kind: tuple[float, float] | None
    months: tuple[tuple[float, float], ...]
    total: tuple[float, float]


class _LetterPDF(FPDF):
    """Adds replay of pre-shaped glyph runs; fpdf2 has no public call for raw page content."""

    def draw_run(self, body: str, font_index: int, size: float, x: float, baseline: float) -> None:
        """q/Q keeps the font switch local: fpdf2 assumes the page font is the one it last set."""
        self._resource_catalog.add(PDFResourceType.FONT, font_index, self.page)
        origin = f"{x * self.k:.2f} {(self.h - baseline) * self.k:.2f}"
        self._out(f"q BT /F{font_index} {size:.2f} Tf {origin} Td {body} ET Q")


class _Canvas:
    """Draws at logical positions (from the reading start) so one layout serves both directions."""

    def __init__(self, pdf: _LetterPDF, rtl: bool, shaping: bool) -> None:
        self.pdf = pdf
        self.rtl = rtl
        self.shaping = shaping
        self._font_state: tuple[str, float] | None = None
        self._runs: dict[tuple[str, str], _Run] = {}
        self._bodies: dict[tuple[str, str, float], str] = {}
        start, end = ("R", "L") if rtl else ("L", "R")
        # Start / end of the reading direction, centre, and numbers: right, so units line up.
        self._align = {"S": start, "E": end, "C": "C", "N": "R"}

    def left(self, lx: float, w: float) -> float:
        return MARGIN + (CONTENT_W - lx - w if self.rtl else lx)

    def text(
        self,
        lx: float,
        y: float,
        w: float,
        h: float,
        s: str,
        align: str = "S",
        style: str = "",
        size: float = TEXT_SIZE,
    ) -> None:
        """Only Arabic-script text needs shaping; digits and Latin are written as plain glyph codes, or as
        fpdf2 cells when drawing the unshaped floor."""
        if not s:
            return
        if not self.shaping:
            self._plain(lx, y, w, h, s, self._align[align], style, size)
        elif _needs_shaping(s):
            self._shaped(lx, y, w, h, s, self._align[align], style, size)
        else:
            self._codes(lx, y, w, h, s, self._align[align], style, size)

    def shade(self, lx: float, y: float, w: float, h: float) -> None:
        pdf = self.pdf
        pdf.set_fill_color(SHADE_GRAY)
        pdf.rect(self.left(lx, w), y, w, h, style="F")
        pdf.set_fill_color(0)

    def hline(self, lx: float, w: float, y: float) -> None:
        x = self.left(lx, w)
        self.pdf.line(x, y, x + w, y)

    def vline(self, lx: float, y1: float, y2: float) -> None:
        x = self.left(lx, 0)
        self.pdf.line(x, y1, x, y2)

    def _set_font(self, style: str, size: float) -> None:
        if self._font_state != (style, size):
            self.pdf.set_font(FAMILY, style, size)
            self._font_state = (style, size)

    def _plain(self, lx: float, y: float, w: float, h: float, s: str, align: str, style: str, size: float) -> None:
        """Text too wide for its cell is set smaller rather than spilling into the next one."""
        pdf = self.pdf
        cw = pdf.fonts[FAMILY + style].cw
        width = sum(cw[ord(ch)] for ch in s) * size / 1000 / pdf.k
        room = w - 2 * CELL_MARGIN
        if width > room:
            size = int(size * room / width * 100) / 100
        self._set_font(style, size)
        pdf.set_xy(self.left(lx, w), y)
        pdf.cell(w, h, s, align=align)

    def _codes(self, lx: float, y: float, w: float, h: float, s: str, align: str, style: str, size: float) -> None:
        """Text that needs no shaping, as one glyph per character: a run like a shaped one, placed the same way."""
        run = self._runs.get((s, style))
        if run is None:
            font = self.pdf.fonts[FAMILY + style]
            glyphs = []
            for ch in s:
                code = font.subset.pick(ord(ch))
                if code is not None:
                    width = font.cw[ord(ch)]
                    glyphs.append(_Glyph(font.escape_text(chr(code)), width, width, 0.0, 0.0))
            run = self._runs[(s, style)] = _Run(font.i, tuple(glyphs), sum(g.advance for g in glyphs))
        self._place(run, lx, y, w, h, s, align, style, size)

    def _shaped(self, lx: float, y: float, w: float, h: float, s: str, align: str, style: str, size: float) -> None:
        run = self._runs.get((s, style))
        if run is None:
            run = self._runs[(s, style)] = self._shape(s, style)
        self._place(run, lx, y, w, h, s, align, style, size)

    def _place(
        self, run: _Run, lx: float, y: float, w: float, h: float, s: str, align: str, style: str, size: float
    ) -> None:
        """Places the run where fpdf2's cell() would put the same text (same baseline formula)."""
        pdf = self.pdf
        width = run.advance * size / 1000 / pdf.k
        room = w - 2 * CELL_MARGIN
        if width > room:
            size = int(size * room / width * 100) / 100
            width = run.advance * size / 1000 / pdf.k
        body = self._bodies.get((s, style, size))
        if body is None:
            body = self._bodies[(s, style, size)] = _run_body(run, size)
        x = self.left(lx, w)
        if align == "R":
            x += w - CELL_MARGIN - width
        elif align == "C":
            x += (w - width) / 2
        else:
            x += CELL_MARGIN
        pdf.draw_run(body, run.font_index, size, x, y + 0.5 * h + 0.3 * size / pdf.k)

    def _shape(self, s: str, style: str) -> _Run:
        """Maps shaped glyphs into this document's font subset; the shaping itself of the
        fixed labels is kept for the life of the process (names and other data are not)."""
        font = self.pdf.fonts[FAMILY + style]
        key = (s, style, self.rtl)
        shaped = _SHAPED_LABELS.get(key)
        if shaped is None:
            shaped = self._harfbuzz(font, s)
            if s in _LABEL_TEXTS:
                _SHAPED_LABELS[key] = shaped
        glyphs = []
        for gid, name, chars, width, advance, x_offset, y_offset in shaped:
            glyph = font.subset.get_glyph(glyph=gid, unicode=chars, glyph_name=name, glyph_width=width)
            if glyph is not None:
                code = font.escape_text(chr(font.subset.pick_glyph(glyph)))
                glyphs.append(_Glyph(code, width, advance, x_offset, y_offset))
        return _Run(font.i, tuple(glyphs), sum(g.advance for g in glyphs))

    def _harfbuzz(self, font: TTFFont, s: str) -> tuple[_Shaped, ...]:
        """Like fpdf2's TTFFont.shape_text, but keeps each glyph's own width so replay
        moves the pen only where HarfBuzz deviates from it. A cluster's characters go to
        its first glyph, as in fpdf2, so copy-paste and extraction give back the text."""
        hmtx = font.ttfont["hmtx"].metrics
        scale = font.scale
        shaped: list[_Shaped] = []
        for fragment, direction in self._visual_fragments(s):
            infos, positions = font.perform_harfbuzz_shaping(
                fragment, TEXT_SIZE, {"features": {}, "fragment_direction": direction}
            )
            clusters = sorted(info.cluster for info in infos)
            chars_of_cluster: dict[int, list[int]] = {}
            for index, char in enumerate(fragment):
                cluster = clusters[max(bisect_right(clusters, index) - 1, 0)]
                chars_of_cluster.setdefault(cluster, []).append(ord(char))
            for info, pos in zip(infos, positions):
                name = font.ttfont.getGlyphName(info.codepoint)
                shaped.append(
                    _Shaped(
                        info.codepoint,
                        name,
                        tuple(chars_of_cluster.pop(info.cluster, ())),
                        round(scale * hmtx[name][0]),
                        pos.x_advance * scale,
                        pos.x_offset * scale,
                        pos.y_offset * scale,
                    )
                )
        return tuple(shaped)

    def _visual_fragments(self, s: str) -> list[tuple[str, TextDirection]]:
        """Same run ordering as fpdf2's TextLine.get_ordered_fragments; Persian without
        digits or Latin is a single right-to-left run and skips the (pure Python) bidi pass.
        Only strings that need shaping come here."""
        base = TextDirection.RTL if self.rtl else TextDirection.LTR
        if not any(unicodedata.bidirectional(ch) in _BIDI_RUN_CLASSES for ch in s):
            # Persian alone (a workshop name on an English letter too) is one right-to-left run; the bidi pass
            # would split it at a ZWNJ inside a word.
            return [(s, TextDirection.RTL)]
        groups: list[list[tuple[str, TextDirection]]] = []
        paragraph = BidiParagraph(text=s, base_direction=base, preserve_bn_chars=True)
        for fragment in paragraph.get_bidi_fragments():
            if groups and groups[-1][0][1] == fragment[1]:
                groups[-1].append(fragment)
            else:
                groups.append([fragment])
        if self.rtl:
            groups.reverse()
        ordered: list[tuple[str, TextDirection]] = []
        for group in groups:
            ordered += group[::-1] if group[0][1] == TextDirection.RTL else group
        return ordered


def _needs_shaping(s: str) -> bool:
    return any(ch > "\u058f" and unicodedata.bidirectional(ch) in ("R", "AL") for ch in s)


def _run_body(run: _Run, size: float) -> str:
    """Text-showing operators for a glyph run, to follow a Td that puts its origin on the baseline.

    Glyphs advance by their own width; wherever HarfBuzz places one elsewhere
    (kerning, cursive attachment, marks) a relative Td moves to it, so the
    cached operators fit any position and text extractors see one baseline.
    """
    ops: list[str] = []
    chunk: list[str] = []
    line_x = line_y = 0.0
    pen = cursor = 0.0
    for glyph in run.glyphs:
        x = round((pen + glyph.x_offset) * size / 1000, 2)
        y = round(glyph.y_offset * size / 1000, 2)
        if y != line_y or abs(cursor - x) > 0.005 * size:
            if chunk:
                ops.append(f"({''.join(chunk)}) Tj")
                chunk.clear()
            ops.append(f"{x - line_x:.2f} {y - line_y:.2f} Td")
            line_x, line_y, cursor = x, y, x
        chunk.append(glyph.code)
        cursor += glyph.width * size / 1000
        pen += glyph.advance
    if chunk:
        ops.append(f"({''.join(chunk)}) Tj")
    return " ".join(ops)


def render_letter(data: LetterData) -> bytes:
    return _render(data, shaping=True)


def _render(data: LetterData, shaping: bool) -> bytes:
    """`shaping=False` draws the same cells unshaped: the benchmark's floor."""
    labels = LABELS[data.language]
    rtl = data.language == "fa"
    digits = _PERSIAN_DIGITS if rtl else None
    pdf = _new_pdf(data)
    c = _Canvas(pdf, rtl, shaping)
    cols = _columns(data.includes_wages)
    pages = _paginate(data, _records_top(data.includes_wages) + 12)
    for number, segments in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_draw_color(LINE_GRAY)
        pdf.set_line_width(0.15)
        if number == 1:
            _draw_front(c, data, labels, digits)
        else:
            _draw_running_header(c, data, labels, digits)
        for segment in segments:
            _draw_segment(c, segment, cols, labels, digits)
        _draw_footer(c, data, labels, digits, number, len(pages))
    return bytes(pdf.output(output_producer_class=LetterOutput) if shaping else pdf.output())


def _new_pdf(data: LetterData) -> _LetterPDF:
    labels = LABELS[data.language]
    pdf = _LetterPDF(unit="mm", format="A4")
    pdf.add_font(FAMILY, "", str(FONT_DIR / "Vazirmatn-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "Vazirmatn-Bold.ttf"))
    pdf.alias_nb_pages(None)
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = CELL_MARGIN
    pdf.set_creation_date(data.issued_at)
    pdf.set_title(labels["title"])
    pdf.set_author(labels["org"])
    pdf.set_lang("fa-IR" if data.language == "fa" else "en")
    return pdf


def _fmt(value: int | str, digits: Digits, grouped: bool = False) -> str:
    text = f"{value:,}" if grouped else str(value)
    if digits is None:
        return text
    return text.replace(",", "٬").translate(digits)


def _columns(includes_wages: bool) -> _Columns:
    year_w, kind_w, total_w = (11.0, 13.0, 22.0) if includes_wages else (14.0, 0.0, 16.0)
    month_w = (CONTENT_W - year_w - kind_w - total_w) / 12
    start = year_w + kind_w
    months = tuple((start + i * month_w, month_w) for i in range(12))
    return _Columns(
        (0.0, year_w),
        (year_w, kind_w) if includes_wages else None,
        months,
        (start + 12 * month_w, total_w),
    )


def _year_rows(workshop: LetterWorkshop, includes_wages: bool) -> list[_YearRow]:
    by_year: dict[str, list[LetterMonth | None]] = {}
    for month in workshop.months:
        year, _, index = month.month.partition("/")
        by_year.setdefault(year, [None] * 12)[int(index) - 1] = month
    return [
        _YearRow(
            year,
            tuple(months),
            includes_wages and any(m is not None and m.wage is not None for m in months),
        )
        for year, months in by_year.items()
    ]


def _paginate(data: LetterData, first_top: float) -> list[list[_Segment]]:
    pages: list[list[_Segment]] = [[]]
    y = first_top
    for workshop in data.workshops:
        rows = _year_rows(workshop, data.includes_wages)
        first_h = rows[0].height if rows else 0.0
        top = y + SEGMENT_GAP if pages[-1] else y
        if top + TITLE_H + HEAD_H + first_h > TABLE_BOTTOM:
            pages.append([])
            top = CONT_TOP
        segment = _Segment(workshop, False, top, [])
        pages[-1].append(segment)
        y = top + TITLE_H + HEAD_H
        for row in rows:
            if y + row.height > TABLE_BOTTOM:
                pages.append([])
                segment = _Segment(workshop, True, CONT_TOP, [])
                pages[-1].append(segment)
                y = CONT_TOP + TITLE_H + HEAD_H
            segment.rows.append(row)
            y += row.height
    return pages


def _verification_top(includes_wages: bool) -> float:
    """The summary gains a row (average wage) when the letter carries wages."""
    return 80.0 if includes_wages else 74.0


def _records_top(includes_wages: bool) -> float:
    return _verification_top(includes_wages) + 40.0


def _pair(
    c: _Canvas,
    lx: float,
    y: float,
    label_w: float,
    value_w: float,
    label: str,
    value: str,
    size: float = TEXT_SIZE,
    h: float = 6.0,
) -> None:
    c.text(lx, y, label_w, h, label, style="B", size=size)
    c.text(lx + label_w, y, value_w, h, value, size=size)


def _draw_front(c: _Canvas, data: LetterData, labels: Labels, digits: Digits) -> None:
    c.text(0, 10, 110, 8, labels["org"], style="B", size=15)
    c.text(0, 18, 110, 6.5, labels["title"], style="B", size=12)
    c.text(0, 24.5, 110, 5.5, data.type_title, size=10)
    if digits is None:
        issued = labels["issued_value"].format(
            gregorian=in_tehran(data.issued_at).date().isoformat(),
            jalali=data.issued_at_jalali,
        )
    else:
        issued = _fmt(data.issued_at_jalali, digits)
    tracking = _fmt(data.tracking_number, digits)
    _pair(c, 110, 11, 27, 53, labels["issued"], issued, size=8.5, h=5.5)
    _pair(c, 110, 16.5, 27, 53, labels["tracking"], tracking, size=8.5, h=5.5)
    _pair(c, 110, 22, 27, 53, labels["verification"], data.verification_code, size=8.5, h=5.5)
    c.pdf.set_draw_color(60)
    c.hline(0, CONTENT_W, 31.5)
    c.pdf.set_draw_color(LINE_GRAY)

    c.shade(0, 34, CONTENT_W, 6)
    c.text(0, 34, CONTENT_W, 6, labels["person"], style="B", size=10.5)
    _pair(c, 0, 40, 32, 63, labels["name"], f"{data.first_name} {data.last_name}")
    _pair(c, 95, 40, 27, 68, labels["father"], data.father_name)
    _pair(c, 0, 46, 32, 63, labels["national_code"], _fmt(data.national_code, digits))
    _pair(c, 95, 46, 27, 68, labels["type"], data.type_title)

    c.shade(0, 53, CONTENT_W, 6)
    c.text(0, 53, CONTENT_W, 6, labels["summary"], style="B", size=10.5)
    total_days = labels["total_days_value"].format(days=_fmt(data.total_days, digits, grouped=True))
    service = labels["service_value"].format(
        years=_fmt(data.service_years, digits),
        months=_fmt(data.service_months, digits),
        days=_fmt(data.service_days, digits),
    )
    _pair(c, 0, 59, 40, 55, labels["total_days"], total_days)
    _pair(c, 95, 59, 32, 63, labels["service"], service)
    _pair(c, 0, 65, 40, 55, labels["first_month"], _fmt(data.first_month or "-", digits))
    _pair(c, 95, 65, 32, 63, labels["last_month"], _fmt(data.last_month or "-", digits))
    if data.includes_wages:
        wage = (
            "-"
            if data.average_monthly_wage is None
            else labels["wage_value"].format(wage=_fmt(data.average_monthly_wage, digits, grouped=True))
        )
        _pair(c, 0, 71, 62, 70, labels["average_wage"], wage)

    y = _verification_top(data.includes_wages)
    c.pdf.rect(MARGIN, y, CONTENT_W, 36)
    _draw_qr(c, data.verify_url, c.left(CONTENT_W - 32, 28), y + 4, 28)
    c.text(3, y + 3, 150, 6, labels["no_stamp"], style="B", size=10)
    c.text(3, y + 10, 150, 5, labels["verify_hint"], size=8.5)
    c.text(3, y + 15, 150, 5, data.verify_url, size=8.5)
    _pair(c, 3, y + 21.5, 30, 60, labels["tracking"], tracking, h=5.5)
    _pair(c, 3, y + 27, 30, 60, labels["verification"], data.verification_code, h=5.5)

    y = _records_top(data.includes_wages)

    c.text(0, y, CONTENT_W, 6, labels["records"], style="B", size=10.5)
    note = labels["records_note_wages"] if data.includes_wages else labels["records_note_days"]
    c.text(0, y + 6, CONTENT_W, 5, note, size=8)
    if not data.workshops:
        c.text(0, y + 12, CONTENT_W, 6, labels["no_records"])


def _draw_qr(c: _Canvas, url: str, x: float, y: float, size: float) -> None:
    """Vector QR: one filled rectangle per horizontal run of dark modules."""
    matrix = segno.make(url, error="m").matrix
    module = size / len(matrix)
    pdf = c.pdf
    for row_index, row in enumerate(matrix):
        top = y + row_index * module
        start = None
        for col_index, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                pdf.rect(x + start * module, top, (col_index - start) * module, module, style="F")
                start = None


def _draw_running_header(c: _Canvas, data: LetterData, labels: Labels, digits: Digits) -> None:
    c.text(0, 10, 70, 6, f"{data.first_name} {data.last_name}", style="B", size=9)
    _pair(c, 70, 10, 24, 36, labels["national_code"], _fmt(data.national_code, digits), size=8.5)
    c.text(130, 10, 60, 6, labels["title"], align="E", size=8.5)
    c.hline(0, CONTENT_W, 16.5)


def _draw_footer(c: _Canvas, data: LetterData, labels: Labels, digits: Digits, page: int, pages: int) -> None:
    c.hline(0, CONTENT_W, 284)
    numbering = labels["page"].format(page=_fmt(page, digits), pages=_fmt(pages, digits))
    c.text(0, 285.5, 60, 5, numbering, size=8)
    tracking = _fmt(data.tracking_number, digits)
    _pair(c, 110, 285.5, 27, 53, labels["tracking"], tracking, size=8, h=5)


def _draw_segment(c: _Canvas, segment: _Segment, cols: _Columns, labels: Labels, digits: Digits) -> None:
    workshop = segment.workshop
    y = segment.y
    c.shade(0, y, CONTENT_W, TITLE_H)
    c.text(0, y, 16, TITLE_H, labels["workshop"], style="B", size=8)
    c.text(16, y, 60, TITLE_H, workshop.workshop_name, style="B", size=8)
    if segment.continued:
        c.text(76, y, 12, TITLE_H, labels["continued"], size=7)
    c.text(88, y, 23, TITLE_H, labels["workshop_code"], style="B", size=8)
    c.text(111, y, 22, TITLE_H, _fmt(workshop.workshop_code, digits), size=8)
    c.text(133, y, 16, TITLE_H, labels["employer"], style="B", size=8)
    c.text(149, y, 41, TITLE_H, workshop.employer_name, size=8)

    y += TITLE_H
    head_top = y
    c.shade(0, y, CONTENT_W, HEAD_H)
    headers = [(cols.year, labels["year"])]
    if cols.kind:
        headers.append((cols.kind, labels["kind"]))
    headers += zip(cols.months, labels["months"])
    headers.append((cols.total, labels["total"]))
    for (lx, w), name in headers:
        c.text(lx, y, w, HEAD_H, name, align="C", style="B", size=HEAD_SIZE)
    y += HEAD_H

    row_bottoms = []
    for row in segment.rows:
        _draw_year(c, row, y, cols, labels, digits)
        if row.wages:
            start = cols.kind[0] if cols.kind else cols.months[0][0]
            c.hline(start, CONTENT_W - start, y + ROW_H)
        y += row.height
        row_bottoms.append(y)

    c.pdf.rect(MARGIN, head_top, CONTENT_W, y - head_top)
    c.hline(0, CONTENT_W, head_top + HEAD_H)
    for bottom in row_bottoms[:-1]:
        c.hline(0, CONTENT_W, bottom)
    edges = [cols.year[1]] + ([cols.kind[0] + cols.kind[1]] if cols.kind else [])
    edges += [lx + w for lx, w in cols.months]
    for edge in edges:
        c.vline(edge, head_top, y)


def _draw_year(c: _Canvas, row: _YearRow, y: float, cols: _Columns, labels: Labels, digits: Digits) -> None:
    year = _fmt(row.year, digits)
    c.text(cols.year[0], y, cols.year[1], row.height, year, align="C", size=TABLE_SIZE)
    if cols.kind:
        c.text(cols.kind[0], y, cols.kind[1], ROW_H, labels["days_row"], align="C", size=TABLE_SIZE)
    year_days = 0
    for (lx, w), month in zip(cols.months, row.months):
        if month is not None:
            year_days += month.days
            c.text(lx, y, w, ROW_H, _fmt(month.days, digits), align="C", size=TABLE_SIZE)
    c.text(
        cols.total[0],
        y,
        cols.total[1],
        ROW_H,
        _fmt(year_days, digits, grouped=True),
        align="C",
        style="B",
        size=TABLE_SIZE,
    )
    if not row.wages:
        return
    y += ROW_H
    c.text(cols.kind[0], y, cols.kind[1], ROW_H, labels["wage_row"], align="C", size=TABLE_SIZE)
    year_wages = 0
    for (lx, w), month in zip(cols.months, row.months):
        if month is None:
            continue
        if month.wage is None:
            c.text(lx, y, w, ROW_H, "-", align="C", size=TABLE_SIZE)
        else:
            year_wages += month.wage
            wage = _fmt(month.wage, digits, grouped=True)
            c.text(lx, y, w, ROW_H, wage, align="N", size=TABLE_SIZE)
    c.text(
        cols.total[0],
        y,
        cols.total[1],
        ROW_H,
        _fmt(year_wages, digits, grouped=True),
        align="N",
        style="B",
        size=TABLE_SIZE,
    )
