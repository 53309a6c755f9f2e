"""Opening a cited source: an ingested PDF at its page, a text document's page view, nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import SEED


def render_report_pdf(path: Path, period: int = 2024) -> Path:
    """The seed report as a real PDF (one PDF page per report page), with its year set to ``period``.

    Paragraphs are drawn with reportlab (installed for tests); a page that does not fit is set
    in a smaller size, so the PDF keeps the report's page numbers.
    """
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    from ingest.normalize import page_paragraphs

    text = SEED.read_text(encoding="utf-8").replace("2023", str(period))
    width, height = A4
    margin = 56
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"Reporte de cumplimiento PNCTI {period}")
    for raw in text.split("\f"):
        body, notes = page_paragraphs(raw, reflow=False)
        size = 10.0
        while True:
            style = ParagraphStyle("p", fontName="Helvetica", fontSize=size, leading=size * 1.3, spaceAfter=size * 0.6)
            flow = [Paragraph(escape(t), style) for t in body + notes]
            heights = [f.wrap(width - 2 * margin, height)[1] + style.spaceAfter for f in flow]
            if sum(heights) <= height - 2 * margin or size <= 4:
                break
            size -= 0.5
        y = height - margin
        for f, h in zip(flow, heights, strict=True):
            f.drawOn(c, margin, y - h + style.spaceAfter)
            y -= h
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def pdf_store(tmp_path_factory: pytest.TempPathFactory):
    """A data folder with the seed (text) and a 2024 PDF report, ingested without embeddings."""
    from assistant.knowledge import KnowledgeBase
    from ingest.pipeline import run_ingest

    root = tmp_path_factory.mktemp("docs")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    render_report_pdf(corpus / "reporte_2024.pdf", 2024)
    run_ingest([corpus], root / "data", embedder_name="none", progress=False)
    return KnowledgeBase(root / "data", None), corpus


@pytest.fixture(scope="module")
def client(pdf_store) -> TestClient:
    from assistant.web.documents import add_document_routes

    kb, _ = pdf_store
    app = FastAPI()
    add_document_routes(app, kb.snapshot, "", ["https://intranet.rree.gob.pe"])
    return TestClient(app)


def _doc_id(kb, kind: str) -> str:
    return next(d for d, doc in kb.snapshot().documents.items() if doc["kind"] == kind)


def test_the_rendered_pdf_is_read_as_a_2024_report(pdf_store) -> None:
    kb, _ = pdf_store
    snap = kb.snapshot()
    pdf = snap.documents[_doc_id(kb, "pdf")]
    assert (pdf["period"], pdf["pages"]) == (2024, 6)
    values = {(v["period"], v["value"]) for key, rows in snap.values.items() if key.endswith("IOP.03.01") for v in rows}
    assert values == {(2023, 45.83), (2024, 45.83)}


def test_a_pdf_is_served_inline_as_ingested(client: TestClient, pdf_store) -> None:
    kb, corpus = pdf_store
    doc_id = _doc_id(kb, "pdf")
    r = client.get(f"/documento/{doc_id}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == 'inline; filename="reporte_2024.pdf"'
    assert r.content == (corpus / "reporte_2024.pdf").read_bytes()


def test_a_text_document_page_shows_that_page_only(client: TestClient, pdf_store) -> None:
    kb, _ = pdf_store
    doc_id = _doc_id(kb, "txt")
    r = client.get(f"/documento/{doc_id}/pagina/3")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    body = r.text
    assert "<title>Reporte de cumplimiento PNCTI 2023, pág. 3</title>" in body
    assert "Página 3 de 6 (texto tal como se ingirió)." in body
    assert "En el año 2023 el indicador obtuvo un valor de 45.83%" in body
    assert "IOP.01.01" not in body  # page 2's indicator
    assert f'href="/documento/{doc_id}/pagina/2" rel="prev"' in body
    assert f'href="/documento/{doc_id}/pagina/4" rel="next"' in body
    assert "frame-ancestors 'self' https://intranet.rree.gob.pe" in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_the_whole_text_document_has_an_anchor_per_page(client: TestClient, pdf_store) -> None:
    kb, _ = pdf_store
    body = client.get(f"/documento/{_doc_id(kb, 'txt')}").text
    assert [f'id="page={n}"' in body for n in range(1, 7)] == [True] * 6
    assert "Texto completo, 6 páginas" in body


@pytest.mark.parametrize("path", [
    "/documento/0000000000000000", "/documento/..%2F..%2Fetc%2Fpasswd", "/documento/../../etc/passwd",
    "/documento/ABCDEF0123456789", "/documento/0000000000000000/pagina/1", "/documento/%2Fetc%2Fpasswd/pagina/1",
])
def test_only_ingested_documents_are_served(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "root:" not in r.text
    if r.headers["content-type"].startswith("text/html"):
        assert "Documento no encontrado: solo se pueden abrir los documentos ingeridos." in r.text


def test_a_page_out_of_range_says_how_many_there_are(client: TestClient, pdf_store) -> None:
    kb, _ = pdf_store
    r = client.get(f"/documento/{_doc_id(kb, 'txt')}/pagina/9")
    assert r.status_code == 404 and "Ese documento tiene 6 páginas; no existe la página 9." in r.text


def test_a_pdf_changed_after_ingest_is_not_served(tmp_path: Path) -> None:
    from assistant.knowledge import KnowledgeBase
    from assistant.web.documents import add_document_routes
    from ingest.pipeline import run_ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = render_report_pdf(corpus / "reporte.pdf", 2025)
    run_ingest([corpus], tmp_path / "data", embedder_name="none", progress=False)
    kb = KnowledgeBase(tmp_path / "data", None)
    app = FastAPI()
    add_document_routes(app, kb.snapshot)
    doc_id = next(iter(kb.snapshot().documents))
    pdf.write_bytes(pdf.read_bytes() + b"\n% cambiado\n")
    r = TestClient(app).get(f"/documento/{doc_id}")
    assert r.status_code == 410
    assert "El archivo de este documento cambió o ya no está donde se ingirió" in r.text
