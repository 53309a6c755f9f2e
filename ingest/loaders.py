"""Read corpus files (.pdf, .txt, .md, .html) into pages of raw text."""

from __future__ import annotations

import hashlib
import logging
from html.parser import HTMLParser
from pathlib import Path

from ingest.errors import UnreadableDocument
from ingest.model import LoadedDocument
from ingest.pdf import read_pdf_pages

log = logging.getLogger(__name__)

SUPPORTED = {".pdf", ".txt", ".md", ".html", ".htm"}


def content_id(data: bytes) -> str:
    """Stable document id: the first 16 hex digits of the file's SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def load_document(path: Path, max_pdf_bytes: int = 50_000_000) -> LoadedDocument:
    """Load one file; raises :class:`UnreadableDocument` with a reason when it cannot."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableDocument(f"formato no soportado ({suffix or 'sin extensión'})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"no se pudo leer el archivo: {exc.strerror}") from exc
    if not data.strip():
        raise UnreadableDocument("archivo vacío")
    doc_id = content_id(data)
    if suffix == ".pdf":
        pages, hidden = read_pdf_pages(data, max_bytes=max_pdf_bytes)
        return LoadedDocument(doc_id, str(path), "pdf", pages, hidden_chars_dropped=hidden)
    text = _decode(data)
    if suffix in {".html", ".htm"}:
        return LoadedDocument(doc_id, str(path), "html", [html_to_text(text)])
    # pdftotext writes a form feed between pages; a plain text file without one is one page.
    pages = text.split("\f")
    if pages and not pages[-1].strip() and len(pages) > 1:
        pages = pages[:-1]
    return LoadedDocument(doc_id, str(path), suffix.lstrip("."), pages)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("codificación de texto no reconocida (use UTF-8)")


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                         "section"})
    _SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag in {"td", "th"}:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
