"""PDF text through pypdf, keeping only what a reader can see."""

from __future__ import annotations

import io
import logging

from ingest.errors import UnreadableDocument

log = logging.getLogger(__name__)

# Fill colours at or above this lightness (0..1) on every channel count as invisible on paper.
_NEAR_WHITE = 0.92
_MIN_FONT_SIZE = 1.0


def read_pdf_pages(data: bytes, max_bytes: int = 50_000_000) -> tuple[list[str], int]:
    """Visible text of each page and the number of hidden characters dropped."""
    if len(data) > max_bytes:
        raise UnreadableDocument(f"PDF demasiado grande ({len(data):,} bytes; límite {max_bytes:,})")
    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableDocument("no es un PDF (falta la cabecera %PDF)")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument("PDF cifrado: pida al remitente una copia sin contraseña")
        pages: list[str] = []
        hidden = 0
        for page in reader.pages:
            text, dropped = _visible_text(page)
            pages.append(text)
            hidden += dropped
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise UnreadableDocument(f"PDF dañado o ilegible ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pypdf raises many kinds on hostile files; none may abort ingest
        raise UnreadableDocument(f"PDF ilegible ({type(exc).__name__}: {exc})") from exc
    if not any(p.strip() for p in pages):
        raise UnreadableDocument("el PDF no contiene texto extraíble (¿es un escaneo sin OCR?)")
    return pages, hidden


def _visible_text(page: object) -> tuple[str, int]:
    """Text of one page without white, near-white, invisible-mode, tiny or off-page text."""
    state = {"fill": (0.0, 0.0, 0.0), "mode": 0}
    stack: list[tuple[tuple[float, ...], int]] = []
    parts: list[str] = []
    dropped = 0
    box = page.mediabox  # type: ignore[attr-defined]
    width, height = float(box.width), float(box.height)

    def before(op: bytes, args: list, cm: list, tm: list) -> None:
        try:
            if op == b"q":
                stack.append((state["fill"], state["mode"]))
            elif op == b"Q" and stack:
                state["fill"], state["mode"] = stack.pop()
            elif op == b"rg" and len(args) == 3:
                state["fill"] = tuple(float(a) for a in args)
            elif op == b"g" and len(args) == 1:
                state["fill"] = (float(args[0]),) * 3
            elif op == b"k" and len(args) == 4:
                c, m, y, k = (float(a) for a in args)
                state["fill"] = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
            elif op in (b"sc", b"scn") and len(args) in (1, 3):
                values = tuple(float(a) for a in args)
                state["fill"] = values * 3 if len(values) == 1 else values
            elif op == b"Tr" and args:
                state["mode"] = int(args[0])
        except (TypeError, ValueError):
            pass

    def on_text(text: str, cm: list, tm: list, font: object, size: float) -> None:
        nonlocal dropped
        if not text:
            return
        if text.strip() == "":
            parts.append(text)
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(size * (tm[0] or tm[3] or 1) * (cm[0] or cm[3] or 1))
        hidden = (
            state["mode"] in (3, 7)
            or all(c >= _NEAR_WHITE for c in state["fill"])
            or scale < _MIN_FONT_SIZE
            or not (-5 <= x <= width + 5 and -5 <= y <= height + 5)
        )
        if hidden:
            dropped += len(text.strip())
            return
        parts.append(text)

    page.extract_text(visitor_operand_before=before, visitor_text=on_text)  # type: ignore[attr-defined]
    return "".join(parts), dropped
