"""Fast tests of the synthetic report generator (bench/synth.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from bench.synth import (
    SynthReport,
    expected_facts,
    make_corpus,
    render_pdf,
    render_text,
    report_pages,
    seed_like_report,
    spanish_number,
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pdf_pages(path: Path) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(path).pages]


_VALUE_CUE = r"(?:valor(?: obtenido)? de|se muestra que) "


def _assert_facts_on_pages(report, texts: list[str]) -> None:
    facts = expected_facts(report)
    indicators = [f for f in facts if f["kind"] == "indicator"]
    assert indicators and any(f["kind"] == "partner" for f in facts)
    for f in indicators:
        page = texts[f["page"] - 1]
        if f["raw_value"] is not None:
            assert re.search(_VALUE_CUE + re.escape(f["raw_value"]), page), (f, page[:200])
        else:
            assert f["status"] in ("ND", "sin_meta")
            assert "no se cuenta con datos disponibles" in page or "(ND)" in page, f
        if f["raw_progress"] is not None:
            assert f["raw_progress"] in texts[f["progress_page"] - 1], f
    for f in facts:
        if f["kind"] == "partner":
            assert f["country"] in texts[f["page"] - 1], f


@pytest.mark.parametrize("scale,pages_expected", [(1, 6), (2, 10)])
def test_pdf_round_trip_pages_and_figures(tmp_path: Path, scale: int, pages_expected: int) -> None:
    report = seed_like_report(period=2025, rng_seed=7, scale=scale, decimal_comma=scale == 2)
    pages = report_pages(report)
    assert len(pages) == pages_expected
    path = tmp_path / "r.pdf"
    render_pdf(pages, path)
    texts = _pdf_pages(path)
    assert len(texts) == len(pages)
    _assert_facts_on_pages(report, texts)
    assert "de abril a diciembre de 2025" in texts[0]


def test_text_rendering_matches_pages(tmp_path: Path) -> None:
    report = seed_like_report(rng_seed=3)
    pages = report_pages(report)
    path = tmp_path / "r.txt"
    render_text(pages, path)
    raw = path.read_text(encoding="utf-8").split("\f")
    assert len(raw) == len(pages)
    _assert_facts_on_pages(report, [_flat(p) for p in raw])


def test_deterministic_and_varied() -> None:
    a, b = seed_like_report(rng_seed=11), seed_like_report(rng_seed=11)
    assert a == b and report_pages(a) == report_pages(b)
    assert expected_facts(a) == expected_facts(b)
    c = seed_like_report(rng_seed=12)
    assert report_pages(c) != report_pages(a)


def test_seed_phrasing_is_used() -> None:
    report = seed_like_report(period=2024, rng_seed=1)
    text = "\n".join(p for page in report_pages(report) for p in page)
    assert text.startswith("REPORTE DE CUMPLIMIENTO DE LA POLÍTICA NACIONAL DE")
    assert text.split("\n")[0].endswith(" AL 2030")
    for heading in (
        "I. Cumplimiento de los objetivos prioritarios de la política nacional",
        ("II. Situación de las principales actividades que contribuyen al cumplimiento del "
        "objetivo de la política nacional y uso de recursos"),
        "III. Alternativas para mejorar la implementación de la política nacional",
    ):
        assert f"\n{heading}\n" in text
    assert re.search(r"\nOP\.01\.\nObjetivo Prioritario 01\. ", text)
    assert re.search(r"\n- IOP\.\d{2}\.\d{2}: ", text)
    assert re.search(r"\n- SS\.\d{2}\.\d{2}\.\d{2}: ", text)
    assert re.search(r"El Perú participó en \d+ proyectos de Cooperación Sur-Sur, siendo "
                     r"oferente en \d+ de ellos, los cuales correspondieron a países de América "
                     r"Latina y el Caribe \(ALC\)\.", text)
    assert "Los proyectos de Cooperación Sur-Sur ofrecidos por el Perú responden a programas " \
           "desarrollados con " in text
    assert "Dicha cooperación técnica estuvo orientada a temas de " in text


def test_alc_share_consistency() -> None:
    def share(report: SynthReport, kind: str) -> float | None:
        return next(i for o in report.objectives for i in o.indicators if i.kind == kind).value

    for seed in range(5):
        ok = seed_like_report(rng_seed=seed)
        off = seed_like_report(rng_seed=seed, inconsistent_share=True)
        total = ok.total_projects
        assert share(ok, "alc_share") == round(ok.alc_provider_projects / total * 100, 2)
        assert share(off, "alc_share") == round((off.alc_provider_projects + 1) / total * 100, 2)
        assert share(ok, "other_share") == round(ok.other_provider_projects / total * 100, 2)


def test_decimal_comma_formatting() -> None:
    report = seed_like_report(rng_seed=2, decimal_comma=True)
    facts = [f for f in expected_facts(report) if f["kind"] == "indicator"]
    decimals = [f["raw_value"] for f in facts if f["value"] and f["value"] != int(f["value"])]
    assert decimals and all("," in raw and "." not in raw for raw in decimals)


def test_variety_over_seeds() -> None:
    statuses, quoted, words = set(), False, False
    for seed in range(30):
        for f in expected_facts(seed_like_report(rng_seed=seed)):
            if f["kind"] != "indicator":
                continue
            statuses.add(f["status"])
            quoted |= f["code"] is None
            words |= f["raw_value"] in {spanish_number(n) for n in range(2, 11)}
    assert statuses == {"reportado", "ND", "sin_meta"} and quoted and words


def test_accents_and_superscript_survive_pdf(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    render_pdf([["Técnica: á é í ó ú ñ Ñ & <ODS¹>", "¹ Objetivo de Desarrollo Sostenible"]], path)
    text = _pdf_pages(path)[0]
    assert "á é í ó ú ñ Ñ & <ODS¹>" in text and "¹ Objetivo de Desarrollo Sostenible" in text


def test_overfull_page_shrinks_instead_of_flowing(tmp_path: Path) -> None:
    paragraph = "Texto largo de relleno para forzar la reducción del tamaño de letra. " * 12
    path = tmp_path / "big.pdf"
    render_pdf([[paragraph] * 12, ["fin"]], path)
    assert len(PdfReader(path).pages) == 2


def test_make_corpus(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "corpus", 3, rng_seed=4, scale=1)
    assert len(paths) == 3 and all(p.read_bytes().startswith(b"%PDF") for p in paths)
    periods = {re.search(r"_(20\d{2})_", p.name).group(1) for p in paths}
    assert len(periods) == 3


def test_spanish_number() -> None:
    assert [spanish_number(n) for n in (2, 3, 10, 16, 22, 32)] == [
        "dos", "tres", "diez", "dieciséis", "veintidós", "treinta y dos"]
