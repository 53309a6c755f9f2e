"""Pages of paragraphs → a real PDF (reportlab) or a ``\\f``-separated text file.

A page is a list of paragraph strings. A paragraph with two or more `` | `` separators is a
table row: it is drawn on one line, in a smaller type when needed, as pypdf later reads a
table (one line per row). Paragraphs starting with a superscript digit are footnotes, drawn at
the foot of their page. Everything here is a pure function of its input.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

# Page geometry shared by the layout estimates and the renderer (A4, points, 10 pt body text).
PAGE_W, PAGE_H = 595.2756, 841.8898
MARGIN_X, MARGIN_Y = 62.0, 56.0
FRAME_W, FRAME_H = PAGE_W - 2 * MARGIN_X, PAGE_H - 2 * MARGIN_Y
CHARS_PER_LINE = 84  # conservative for DejaVu Sans 10 pt on the 471 pt frame (≈93 measured)
LEADING, SPACE_AFTER = 12.5, 4.5
ROW_LEADING = 11.0  # a table row: one line, at most 9 pt
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"

_FONT_CACHE: dict[str, tuple[str, str]] = {}
_DEJAVU_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
                Path("/usr/share/fonts/TTF")]


def is_table_row(text: str) -> bool:
    """Whether a paragraph is a table row ("Código | Indicador | …")."""
    return text.count(" | ") >= 2


def estimated_lines(text: str, chars_per_line: int = CHARS_PER_LINE) -> int:
    """Lines a paragraph takes at 10 pt (a table row always takes one)."""
    if is_table_row(text):
        return 1
    return max(1, -(-len(text) // chars_per_line))


def estimated_height(text: str) -> float:
    """Estimated height in points of one paragraph, spacing included."""
    if is_table_row(text):
        return ROW_LEADING + 1.5
    return estimated_lines(text) * LEADING + SPACE_AFTER


def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when installed, else Helvetica (Latin-1)."""
    if "fonts" in _FONT_CACHE:
        return _FONT_CACHE["fonts"]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    found = ("Helvetica", "Helvetica-Bold")
    for folder in _DEJAVU_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists():
            pdfmetrics.registerFont(TTFont("SynthDejaVuSans", str(regular)))
            bold_name = "SynthDejaVuSans"
            if bold.exists():
                pdfmetrics.registerFont(TTFont("SynthDejaVuSans-Bold", str(bold)))
                bold_name = "SynthDejaVuSans-Bold"
            found = ("SynthDejaVuSans", bold_name)
            break
    _FONT_CACHE["fonts"] = found
    return found


def _is_heading(text: str, first: bool) -> bool:
    return first or text.startswith(("I. ", "II. ", "III. ", "IV. ", "1. ", "SECCIÓN ")) or (
        text.startswith("OP.") and len(text) <= 7) or (text.isupper() and len(text) < 120)


def _row_size(text: str, font: str, base: float) -> float:
    """The largest size ≤ 0.9 × ``base`` at which a table row fits on one line (≥ 4.5 pt)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = min(9.0, base * 0.9)
    while size > 4.5 and stringWidth(text, font, size) > FRAME_W - 2:
        size -= 0.25
    return size


def render_pdf(pages: list[list[str]], path: str | Path, justify: bool = True,
               font_size: float = 10.0) -> None:
    """Write ``pages`` to a PDF at ``path``, each layout page on exactly one A4 page.

    Paragraphs are wrapped with reportlab's Paragraph and drawn directly on the canvas, so
    nothing can flow onto an extra page; a page whose text does not fit at ``font_size`` is set
    in a smaller size. Footnote paragraphs (starting with "¹") go at the foot of their page;
    table rows are drawn on one line each.
    """
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    regular, bold = fonts()
    _, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if pages and pages[0]:
        c.setTitle(pages[0][0][:200])

    def styles(size: float) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle("body", fontName=regular, fontSize=size,
                              leading=size * LEADING / 10, spaceAfter=size * SPACE_AFTER / 10,
                              alignment=TA_JUSTIFY if justify else TA_LEFT)
        return {
            "body": base,
            "item": ParagraphStyle("item", parent=base, leftIndent=size * 1.2),
            "head": ParagraphStyle("head", parent=base, fontName=bold, alignment=TA_LEFT),
            "note": ParagraphStyle("note", parent=base, fontSize=size * 0.8, leading=size),
        }

    def flowable(text: str, st: dict[str, ParagraphStyle], first: bool, size: float) -> Paragraph:
        if is_table_row(text):
            row = _row_size(text, regular, size)
            style = ParagraphStyle("row", parent=st["body"], fontSize=row, leading=row * 1.2,
                                   spaceAfter=1.5, alignment=TA_LEFT)
            return Paragraph(escape(text), style)
        if _is_heading(text, first):
            return Paragraph(escape(text), st["head"])
        return Paragraph(escape(text), st["item"] if text.startswith("- ") else st["body"])

    for number, paragraphs in enumerate(pages):
        body = [t for t in paragraphs if t[:1] not in SUPERSCRIPTS]
        notes = [t for t in paragraphs if t[:1] in SUPERSCRIPTS]
        size = font_size
        while True:
            st = styles(size)
            flow = [flowable(t, st, number == 0 and i == 0, size) for i, t in enumerate(body)]
            foot = [Paragraph(escape(t), st["note"]) for t in notes]
            heights = [f.wrap(FRAME_W, FRAME_H)[1] + f.style.spaceAfter for f in flow]
            foot_h = [f.wrap(FRAME_W, FRAME_H)[1] for f in foot]
            if sum(heights) + sum(foot_h) + (size if foot else 0) <= FRAME_H or size <= 4.0:
                break
            size -= 0.5
        if sum(heights) + sum(foot_h) > FRAME_H:
            raise ValueError(f"page {number + 1} does not fit even at 4 pt")
        y = height - MARGIN_Y
        for f, h in zip(flow, heights):
            f.drawOn(c, MARGIN_X, y - (h - f.style.spaceAfter))
            y -= h
        y = MARGIN_Y + sum(foot_h)
        for f, h in zip(foot, foot_h):
            f.drawOn(c, MARGIN_X, y - h)
            y -= h
        c.showPage()
    c.save()


def render_text(pages: list[list[str]], path: str | Path) -> None:
    """Write ``pages`` as UTF-8 text: paragraphs separated by blank lines, pages by ``\\f``."""
    text = "\f".join("\n\n".join(page) + "\n" for page in pages)
    Path(path).write_text(text, encoding="utf-8")
