"""The extractor reads every figure of the 2023 report with the right page."""

from __future__ import annotations

import pytest

from ingest.loaders import load_document
from ingest.normalize import normalize
from ingest.reports import extract
from tests.conftest import SEED

# indicator → (value, unit, progress %, status, page of the value, page of the progress)
EXPECTED = {
    "IOP.01.01": (None, None, None, "ND", 2, None),
    "IOP.01.02": (None, None, None, "ND", 2, None),
    "IOP.01.03": (None, None, None, "ND", 2, None),
    "IOP.02.01": (60.0, "%", None, "sin_meta", 2, None),
    "IOP.02.02": (None, None, None, "ND", 2, None),
    "IOP.03.01": (45.83, "%", 94.0, "reportado", 3, 3),
    "IOP.03.02": (4.17, "%", 97.9, "reportado", 3, 3),
    "IOP.04.01": (80.0, "%", None, "reportado", 3, None),
    "ISS.01.02.01.01": (142.0, "servidores/as", 34.9, "reportado", 4, 4),
    "ISS.01.02.01.02": (34.0, "%", 65.0, "reportado", 4, 4),
    "SS.01.02.02-1": (276.0, None, 1.0, "reportado", 4, 4),
    "ISS.02.01.01.01": (81.0, "entidades", 197.6, "reportado", 4, 5),
    "ISS.02.01.01.02": (2.0, "espacios", 66.7, "reportado", 5, 5),
    "SS.02.02.01-1": (None, None, None, "ND", 5, None),
    "SS.02.03.01-1": (13.0, None, 130.0, "reportado", 5, 5),
    "SS.02.05.01-1": (526.0, "accesiones", 90.04, "reportado", 5, 5),
}


@pytest.fixture(scope="module")
def seed_extraction():
    doc = normalize(load_document(SEED))
    return doc, extract(doc)


def test_document_metadata_is_detected(seed_extraction) -> None:
    doc, _ = seed_extraction
    assert doc.period == 2023
    assert doc.page_count == 6
    assert doc.doc_type == "reporte"
    assert doc.title.startswith("REPORTE DE CUMPLIMIENTO DE LA POLÍTICA NACIONAL")


def test_every_value_and_progress_with_its_page(seed_extraction) -> None:
    _, ext = seed_extraction
    got = {v.indicator_id: (v.value, v.unit, v.progress_pct, v.status, v.source.page, v.progress_page)
           for v in ext.values}
    assert got == EXPECTED
    assert all(v.period == 2023 for v in ext.values)


def test_quotes_are_exact_sentences_of_the_report(seed_extraction) -> None:
    _, ext = seed_extraction
    by_id = {v.indicator_id: v for v in ext.values}
    assert by_id["IOP.03.01"].source.quote == (
        "En el año 2023 el indicador obtuvo un valor de 45.83%, lo que representó un avance de 94% "
        "respecto del logro esperado para dicho período.")
    # A sentence cut by the page break 4→5 is quoted whole.
    assert by_id["ISS.02.01.01.01"].source.quote.endswith("se superó significativamente la meta del período.")
    assert "no se cuenta con datos disponibles" in by_id["IOP.02.02"].reason


def test_objectives_services_and_indicator_names(seed_extraction) -> None:
    _, ext = seed_extraction
    assert [o.code for o in ext.objectives] == ["OP.01", "OP.02", "OP.03", "OP.04"]
    assert ext.objectives[1].title.startswith("Generar nuevas oportunidades de cooperación")
    assert len(ext.services) == 8
    names = {i.indicator_id: i.name for i in ext.indicators}
    assert names["IOP.01.02"] == "porcentaje de montos ejecutados alineados a los ODS"
    assert len([i for i in ext.indicators if i.level == "objetivo"]) == 8


def test_partner_countries_with_region_role_and_topics(seed_extraction) -> None:
    _, ext = seed_extraction
    partners = {p.country: p for p in ext.partners}
    assert len(partners) == 12
    assert partners["Belice"].subregion == "Centroamérica"
    assert partners["Tailandia"].region == "Asia" and partners["Tailandia"].projects == 3
    assert partners["Tailandia"].topics == ["desarrollo alternativo", "ciencia y tecnología",
                                            "desarrollo de recursos humanos"]
    assert all(p.role == "oferente" and p.source.page == 3 for p in ext.partners)


def test_share_and_parts_discrepancy_is_recorded(seed_extraction) -> None:
    _, ext = seed_extraction
    bad = [c for c in ext.checks if not c.consistent and c.kind == "proporcion"]
    assert len(bad) == 1
    check = bad[0]
    assert (check.indicator_id, check.stated, check.computed) == ("IOP.03.01", 45.83, 44.44)
    assert "siendo oferente en 32 de ellos" in check.source_b.quote
    ok = {c.indicator_id for c in ext.checks if c.consistent and c.kind == "proporcion"}
    assert ok == {"IOP.03.02"}


def test_a_measurement_period_in_another_year_is_recorded(seed_extraction) -> None:
    # The 2023 report says its indicators were measured "de abril a diciembre de 2024".
    _, ext = seed_extraction
    periods = [c for c in ext.checks if c.kind == "periodo"]
    assert len(periods) == 1 and not periods[0].consistent
    check = periods[0]
    assert (check.stated, check.computed) == (2024, 2023)
    assert check.description == ("El reporte de 2023 indica un período de medición de abril a diciembre de 2024, "
                                 "pero el período que reporta es 2023")
    assert check.source_a.quote.endswith("(de abril a diciembre de 2024).") and check.source_a.page == 1
    assert "de abril a diciembre de 2023" in check.source_b.quote



def test_a_level_count_lists_each_objective_s_indicators_uncoded_ones_by_name(seed_extraction) -> None:
    _, out = seed_extraction
    services = next(c.description for c in out.checks if c.kind == "conteo-nivel" and c.stated == 11)
    assert services.startswith("El reporte declara 11 indicadores de servicios, pero presenta 8 (OP.01: 3 — ")
    assert "«número de accesiones realizadas a la página web sobre las becas" in services
    assert services.endswith("OP.03: 0; OP.04: 0)")  # objectives whose services have no indicator yet


def test_each_objective_s_declared_count_is_checked(seed_extraction) -> None:
    _, out = seed_extraction
    found = {(c.indicator_id, c.stated, c.consistent) for c in out.checks if c.kind == "conteo-objetivo"}
    assert found == {("OP.01", 3, True), ("OP.02", 2, True), ("OP.03", 2, True),
                     ("OP.01", 2, True), ("OP.02", 4, True), ("OP.03", 2, True)}
