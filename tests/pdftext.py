"""Render a text document as a real PDF, line by line, the way a report exported to PDF looks:
paragraphs wrapped to the page width, table rows (cells split by "|") on one line each."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font() -> str:
    """A font with Spanish accents and "°"; Helvetica (built in) when DejaVu is not installed."""
    if _FONT_FILE.exists():
        if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVu", str(_FONT_FILE)))
        return "DejaVu"
    return "Helvetica"


def render_text_pdf(text: str, path: Path, size: float = 8.5) -> Path:
    """Write ``text`` to ``path`` as a landscape A4 PDF; a form feed starts a new page."""
    font = _font()
    width, height = landscape(A4)
    margin = 36
    c = canvas.Canvas(str(path), pagesize=(width, height))
    for page_text in text.split("\f"):
        y = height - margin
        for line in page_text.splitlines():
            table_row = line.count("|") >= 2
            line_size = size * 0.8 if table_row else size
            chunks = [line] if table_row or not line.strip() else simpleSplit(line, font, line_size, width - 2 * margin)
            for chunk in chunks or [""]:
                if y < margin:
                    c.showPage()
                    y = height - margin
                c.setFont(font, line_size)
                c.drawString(margin, y, chunk)
                y -= line_size * 1.4
        c.showPage()
    c.save()
    return path
