"""PDFs read through pypdf give the same figures and pages as the text export."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import expected_facts, render_pdf, report_pages, seed_like_report
from ingest.loaders import load_document
from ingest.normalize import normalize, page_paragraphs
from ingest.reports import extract
from tests.conftest import SEED
from tests.test_extract_seed import EXPECTED


def render_seed_pdf(path: Path) -> Path:
    """The seed report as the 6-page PDF it was exported from: each page's paragraphs, footnotes last."""
    raw_pages = SEED.read_text(encoding="utf-8").split("\f")
    pages = []
    for raw in raw_pages:
        body, notes = page_paragraphs(raw, reflow=False)
        pages.append(body + notes)
    render_pdf(pages, path)
    return path


def _values(path: Path) -> dict[str, tuple]:
    doc = normalize(load_document(path))
    ext = extract(doc)
    return {v.indicator_id: (v.value, v.unit, v.progress_pct, v.status, v.source.page, v.progress_page)
            for v in ext.values}


def test_seed_as_pdf_gives_the_same_values_and_pages(tmp_path: Path) -> None:
    pdf = render_seed_pdf(tmp_path / "reporte_2023.pdf")
    doc = normalize(load_document(pdf))
    assert doc.kind == "pdf" and doc.page_count == 6 and doc.period == 2023
    assert _values(pdf) == EXPECTED


def test_seed_pdf_keeps_partners_and_discrepancy(tmp_path: Path) -> None:
    pdf = render_seed_pdf(tmp_path / "reporte_2023.pdf")
    ext = extract(normalize(load_document(pdf)))
    assert {p.country for p in ext.partners} >= {"Costa Rica", "Belice", "Tailandia"}
    assert [(c.kind, c.stated, c.computed) for c in ext.checks if not c.consistent] == [
        ("periodo", 2024, 2023), ("proporcion", 45.83, 44.44), ("conteo", 19, 16), ("conteo-nivel", 11, 8)]


@pytest.mark.parametrize(
    ("period", "decimal_comma", "seed", "scale"),
    [(2024, False, 1, 1), (2025, True, 2, 1), (2027, True, 3, 2), (2030, False, 4, 2)],
)
def test_synthetic_reports_in_other_years_and_forms(tmp_path: Path, period: int, decimal_comma: bool,
                                                    seed: int, scale: int) -> None:
    report = seed_like_report(period=period, decimal_comma=decimal_comma, rng_seed=seed, scale=scale)
    pages = report_pages(report)
    pdf = tmp_path / f"reporte_{period}.pdf"
    render_pdf(pages, pdf)
    doc = normalize(load_document(pdf))
    ext = extract(doc)
    assert doc.period == period
    got = {v.indicator_id: v for v in ext.values}
    facts = [f for f in expected_facts(report) if f["kind"] == "indicator"]
    assert len(got) == len(facts)
    for fact in facts:
        value = got[fact["indicator_id"]]
        assert value.value == (None if fact["value"] is None else pytest.approx(fact["value"])), fact
        assert value.progress_pct == (None if fact["progress_pct"] is None else pytest.approx(fact["progress_pct"])), fact
        assert (value.status, value.source.page, value.period) == (fact["status"], fact["page"], period), fact
    partners = {p.country for p in ext.partners}
    assert partners == {f["country"] for f in expected_facts(report) if f["kind"] == "partner"}


def test_inconsistent_share_is_flagged_in_a_synthetic_report(tmp_path: Path) -> None:
    report = seed_like_report(period=2026, rng_seed=5, inconsistent_share=True)
    pdf = tmp_path / "r.pdf"
    render_pdf(report_pages(report), pdf)
    ext = extract(normalize(load_document(pdf)))
    assert any(not c.consistent and c.kind == "proporcion" for c in ext.checks)
