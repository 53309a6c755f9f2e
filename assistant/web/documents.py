"""Routes that open a cited source: an ingested PDF (``#page=N``) or a text document's page.

Only documents in the live snapshot are served. The URL carries the document id (the first
16 hex digits of the file's SHA-256), never a path; a PDF is served only while the file at
its recorded path still has that content. Text documents are shown from the stored
sentences, one page at a time (``/documento/<id>/pagina/<n>``) or whole with one section per
page, so ``/documento/<id>#page=N`` also works for them.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from ingest.generations import CorpusNotIngested
from ingest.loaders import content_id

log = logging.getLogger(__name__)

DOC_ID = re.compile(r"[0-9a-f]{16}")
NOT_FOUND = "Documento no encontrado: solo se pueden abrir los documentos ingeridos."
CHANGED = ("El archivo de este documento cambió o ya no está donde se ingirió; "
           "vuelva a ingerirlo para poder abrirlo.")

PAGE_CSS = """
body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2937;
  background: #f9fafb; line-height: 1.55; }
header { background: #fff; border-bottom: 1px solid #d1d5db; padding: 12px 16px; }
header h1 { font-size: 1.15rem; margin: 0 0 4px 0; }
header p { margin: 0; color: #4b5563; }
nav { margin-top: 8px; display: flex; gap: 12px; flex-wrap: wrap; }
a { color: #1d4ed8; }
a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
main { max-width: 46rem; margin: 0 auto; padding: 8px 16px 32px; }
section.pagina { background: #fff; border: 1px solid #d1d5db; border-radius: 8px;
  padding: 4px 20px 12px; margin: 16px 0; }
section.pagina:target { border: 3px solid #b45309; }
h2 { font-size: 1rem; color: #374151; }
h3 { font-size: .95rem; color: #4b5563; margin-bottom: 4px; }
p { margin: .4em 0; }
"""


def _page(title: str, body: str, status: int = 200, csp: str = "") -> HTMLResponse:
    doc = (f'<!doctype html><html lang="es"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{html.escape(title)}</title><style>{PAGE_CSS}</style></head><body>{body}</body></html>")
    headers = {"Content-Security-Policy": csp} if csp else {}
    return HTMLResponse(doc, status_code=status, headers=headers)


def _message(text: str, status: int, csp: str) -> HTMLResponse:
    return _page("Asistente PNCTI", f"<main><h1>Asistente PNCTI</h1><p>{html.escape(text)}</p></main>", status, csp)


def page_texts(snapshot: Any, doc_id: str) -> dict[int, list[tuple[str, str]]]:
    """Per page, the stored (section, sentence) pairs of a document, in reading order."""
    pages: dict[int, list[tuple[str, str]]] = {}
    for s in snapshot.sentences:
        if s.doc_id == doc_id:
            pages.setdefault(s.page, []).append((s.section, s.text))
    return pages


def _render_page(number: int, items: list[tuple[str, str]]) -> str:
    """One page: sentences grouped into paragraphs under their section's last heading."""
    out = [f'<section class="pagina" id="page={number}"><h2>Página {number}</h2>']
    section = None
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{html.escape(' '.join(paragraph))}</p>")
            paragraph.clear()

    for sec, text in items:
        if sec != section:
            flush()
            section = sec
            heading = sec.split(" > ")[-1] if sec else ""
            if heading:
                out.append(f"<h3>{html.escape(heading)}</h3>")
        if text.startswith(("- ", "• ")):
            flush()
            out.append(f"<p>{html.escape(text)}</p>")
        else:
            paragraph.append(text)
    flush()
    out.append("</section>")
    return "".join(out)


def add_document_routes(app: FastAPI, snapshot: Callable[[], Any], base: str = "",
                        frame_ancestors: list[str] | None = None) -> None:
    """Add ``/documento/{doc_id}`` and ``/documento/{doc_id}/pagina/{page}`` to ``app``."""
    ancestors = " ".join(["'self'", *(frame_ancestors or [])])
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors {ancestors}"
    root = base.rstrip("/")

    def lookup(doc_id: str) -> tuple[Any, dict[str, Any]] | None:
        if not DOC_ID.fullmatch(doc_id):
            return None
        try:
            snap = snapshot()
        except CorpusNotIngested:
            return None
        doc = snap.documents.get(doc_id)
        return (snap, doc) if doc is not None else None

    def header(snap: Any, doc: dict[str, Any], doc_id: str, subtitle: str, nav: list[str]) -> str:
        name = html.escape(snap.doc_name(doc_id))
        links = "".join(nav)
        return (f"<header><h1>{name}</h1><p>{html.escape(subtitle)}</p>"
                f'<nav aria-label="Páginas">{links}</nav></header>')

    @app.get("/documento/{doc_id}", include_in_schema=False)
    async def document(doc_id: str) -> Response:
        found = lookup(doc_id)
        if found is None:
            return _message(NOT_FOUND, 404, csp)
        snap, doc = found
        if doc.get("kind") == "pdf":
            path = Path(doc.get("source_path") or "")
            data = await run_in_threadpool(_read_if_same, path, doc_id)
            if data is None:
                log.warning("No se sirve %s: el archivo %s cambió o no existe", doc_id, path)
                return _message(CHANGED, 410, csp)
            filename = re.sub(r"[^A-Za-z0-9._-]", "_", path.name) or "documento.pdf"
            return Response(data, media_type="application/pdf", headers={
                "Content-Disposition": f'inline; filename="{filename}"',
                "Cache-Control": "private, max-age=300"})
        pages = page_texts(snap, doc_id)
        total = doc.get("pages") or (max(pages) if pages else 0)
        nav = [f'<a href="{root}/documento/{doc_id}/pagina/{n}">Página {n}</a>' for n in sorted(pages)]
        body = "".join(_render_page(n, items) for n, items in sorted(pages.items()))
        title = f"{snap.doc_name(doc_id)} — texto completo"
        subtitle = f"Texto completo, {total} páginas (texto tal como se ingirió)."
        return _page(title, header(snap, doc, doc_id, subtitle, nav) + f"<main>{body}</main>", csp=csp)

    @app.get("/documento/{doc_id}/pagina/{page}", include_in_schema=False)
    async def document_page(doc_id: str, page: int) -> Response:
        found = lookup(doc_id)
        if found is None:
            return _message(NOT_FOUND, 404, csp)
        snap, doc = found
        pages = page_texts(snap, doc_id)
        total = doc.get("pages") or (max(pages) if pages else 0)
        if page < 1 or page > total:
            return _message(f"Ese documento tiene {total} páginas; no existe la página {page}.", 404, csp)
        nav = []
        if page > 1:
            nav.append(f'<a href="{root}/documento/{doc_id}/pagina/{page - 1}" rel="prev">← Página {page - 1}</a>')
        if page < total:
            nav.append(f'<a href="{root}/documento/{doc_id}/pagina/{page + 1}" rel="next">Página {page + 1} →</a>')
        nav.append(f'<a href="{root}/documento/{doc_id}#page={page}">Documento completo</a>')
        items = pages.get(page, [])
        body = _render_page(page, items) if items else f"<p>La página {page} no tiene texto legible.</p>"
        subtitle = f"Página {page} de {total} (texto tal como se ingirió)."
        title = f"{snap.doc_name(doc_id)}, pág. {page}"
        return _page(title, header(snap, doc, doc_id, subtitle, nav) + f"<main>{body}</main>", csp=csp)


def _read_if_same(path: Path, doc_id: str) -> bytes | None:
    """The file's bytes if it still has the content that was ingested, else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if content_id(data) == doc_id else None
