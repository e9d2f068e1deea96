"""The page of every ShopDesk report: paper, styles, header and footer, "page X of Y", the draft mark.

Every piece of text, the canvas's starting font included, uses the one
embedded report font (:mod:`shopdesk.reports.fonts`), so ``pdffonts`` lists
no standard font.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from shopdesk.i18n import _
from shopdesk.reports.text import SEVERE_COLOUR, UNFAVOURABLE_COLOUR

PAPER = {"a4": A4, "letter": LETTER}
MARGIN = 16 * mm
GRID = colors.HexColor("#b0b0b0")
HEAD_FILL = colors.HexColor("#eef2f7")
#: Orange and red are an anomaly's colours (reports.text): unfavourable, and past the red line.
ORANGE, RED, BLUE, GREY = (colors.HexColor(c) for c in (UNFAVOURABLE_COLOUR, SEVERE_COLOUR, "#1f77b4", "#777777"))


@dataclass(frozen=True)
class Page:
    """What every page shows around the content."""

    font: str
    title: str  # "<store> · Daily operations report · 2026-11-15"
    footer: str  # "Printed 2026-11-16 09:02"
    draft: str | None  # the draft mark (草稿 / DRAFT), or None for a confirmed report


class Styles:
    """Paragraph styles in the report font."""

    def __init__(self, font: str) -> None:
        self.font = font
        self.title = ParagraphStyle("title", fontName=font, fontSize=17, leading=22, spaceAfter=2 * mm)
        self.subtitle = ParagraphStyle("subtitle", fontName=font, fontSize=10, leading=14, textColor=GREY,
                                       spaceAfter=4 * mm)
        self.heading = ParagraphStyle("heading", fontName=font, fontSize=12.5, leading=16, spaceBefore=5 * mm,
                                      spaceAfter=2 * mm, textColor=colors.HexColor("#1a3550"), keepWithNext=1)
        self.subheading = ParagraphStyle("subheading", fontName=font, fontSize=10.5, leading=14, spaceBefore=3 * mm,
                                         spaceAfter=1.5 * mm, textColor=colors.HexColor("#1a3550"), keepWithNext=1)
        self.body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
        self.note = ParagraphStyle("note", fontName=font, fontSize=8.5, leading=11, textColor=GREY, wordWrap="CJK")

    def table(self, rows: list[list[str]], widths: list[float], align_right: tuple[int, ...] = (),
              marks: dict[tuple[int, int], colors.Color] | None = None) -> Table:
        """A grid with a header row; long cells wrap; ``marks`` colours single cells' text."""
        marks = marks or {}

        def cell(r: int, i: int, text: str):
            if i in align_right:
                return plain(text)
            colour = marks.get((r, i))
            style = self.cell if colour is None else ParagraphStyle(f"cell{r}_{i}", parent=self.cell, textColor=colour)
            return Paragraph(_escape(text), style)  # a wrapping cell takes its mark's colour from its style
        body = [[cell(r, i, c) for i, c in enumerate(row)] for r, row in enumerate(rows)]
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        style = [("FONTNAME", (0, 0), (-1, -1), self.font), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                 ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
        style += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i in align_right]
        style += [("TEXTCOLOR", (c, r), (c, r), colour) for (r, c), colour in marks.items()]
        table.setStyle(TableStyle(style))
        return table


def plain(text: str) -> str:
    """Text with the narrow no-break space some locales put in times (not in every CJK font) made a space."""
    return text.replace("\u202f", " ")


def _escape(text: str) -> str:
    return plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (no markup)."""
    return Paragraph(_escape(text), style)


def _numbered_canvas(page: Page) -> type[Canvas]:
    """A canvas that knows the page count when it closes, for "page X of Y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs["initialFontName"] = page.font  # never a standard, unembedded font
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                _decorate(self, page, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _decorate(canvas: Canvas, page: Page, number: int, total: int) -> None:
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFont(page.font, 8)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, height - MARGIN + 6 * mm, plain(page.title))
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, height - MARGIN + 4.5 * mm, width - MARGIN, height - MARGIN + 4.5 * mm)
    canvas.drawString(MARGIN, MARGIN - 8 * mm, plain(page.footer))
    canvas.drawRightString(width - MARGIN, MARGIN - 8 * mm,
                           _("page {number} of {total}").format(number=number, total=total))
    if page.draft:
        canvas.setFont(page.font, 72)
        canvas.setFillColor(RED, alpha=0.13)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, -24, page.draft)
    canvas.restoreState()


def render(story: list[Flowable], page: Page, paper: str, title: str) -> bytes:
    """Lay ``story`` out on ``paper`` ("a4" or "letter") and return the PDF."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=PAPER[paper], leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + 4 * mm, bottomMargin=MARGIN, title=title, author="ShopDesk",
                            creator="ShopDesk", subject=page.title, initialFontName=page.font)
    doc.build(story, canvasmaker=_numbered_canvas(page))
    return out.getvalue()
