"""What a report says it has (objectives, services, indicators) against what it presents."""

from __future__ import annotations

import pytest

from ingest.model import LoadedDocument
from ingest.normalize import normalize
from ingest.reports import extract
from ingest.reports.counts import declared_in

HEAD = "Reporte de cumplimiento de la Política Nacional de Prueba al 2030 (PNPR) – año 2024\n\n"


def _checks(body: str) -> list[tuple[str, float, float, bool]]:
    doc = normalize(LoadedDocument("t", "reporte_pnpr_2024.txt", "txt", [HEAD + body]))
    return [(c.kind, c.stated, c.computed, c.consistent) for c in extract(doc).checks if c.kind == "conteo"]


def _checks_of(body: str, kind: str) -> list:
    """The checks of ``kind`` the reader records for a report with ``body``."""
    doc = normalize(LoadedDocument("t", "reporte_pnpr_2024.txt", "txt", [HEAD + body]))
    return [c for c in extract(doc).checks if c.kind == kind]


def _declared(sentence: str) -> list[tuple[str, float, dict[str, float]]]:
    doc = normalize(LoadedDocument("t", "reporte_pnpr_2024.txt", "txt", [HEAD + sentence]))
    found = [d for s in doc.sentences for d in declared_in(s)]
    return [(d.item, d.total, d.levels) for d in found]


@pytest.mark.parametrize(("sentence", "expected"), [
    (("La política se organiza en dos objetivos prioritarios y siete servicios, medidos por 12 indicadores "
      "(cuatro de objetivos y ocho de servicios)."),
     [("objetivo", 2, {}), ("servicio", 7, {}), ("indicador", 12, {"objetivo": 4, "servicio": 8})]),
    ("Se evaluaron los tres indicadores de objetivos prioritarios y los seis indicadores de servicios.",
     [("indicador", 9, {"objetivo": 3, "servicio": 6})]),
    ("Comprende 5 objetivos, 20 lineamientos y 9 servicios.",
     [("objetivo", 5, {}), ("servicio", 9, {})]),
])
def test_declared_counts_are_read_from_the_word_after_each_figure(sentence: str, expected: list) -> None:
    assert _declared(sentence) == expected


BODY = """La PNPR tiene dos objetivos prioritarios y tres servicios, y se mide con seis indicadores: dos de objetivos prioritarios y cuatro de servicios.

OP.01 Mejorar el acceso al agua.
IOP.01.01 Porcentaje de hogares con agua: 61 %, con un avance de 95 %.
S.01.01 Servicio de instalación de conexiones.
IS.01.01.01 Número de conexiones instaladas: 1.200, con un avance de 80 %.
OP.02 Mejorar la calidad del agua.
IOP.02.01 Porcentaje de muestras conformes: 88 %, con un avance de 101 %.
S.02.01 Servicio de vigilancia de la calidad.
IS.02.01.01 Número de muestras analizadas: 5.400, con un avance de 90 %.
"""


def test_a_report_that_presents_fewer_items_than_it_declares_is_flagged() -> None:
    # Two objectives (consistent), three services declared and two presented, six indicators and four.
    assert sorted(_checks(BODY)) == [("conteo", 2, 2, True), ("conteo", 3, 2, False), ("conteo", 6, 4, False)]


def test_a_count_of_one_objective_is_not_the_report_s_make_up() -> None:
    body = BODY.replace("La PNPR tiene dos objetivos prioritarios y tres servicios, y se mide con seis indicadores: "
                        "dos de objetivos prioritarios y cuatro de servicios.",
                        "El primer objetivo es medido a través de los siguientes tres indicadores.")
    assert _checks(body) == []


def test_each_declared_indicator_level_is_checked_apart_with_the_codes_presented_by_objective() -> None:
    doc = normalize(LoadedDocument("t", "reporte_pnpr_2024.txt", "txt", [HEAD + BODY]))
    levels = [(c.stated, c.computed, c.consistent, c.description) for c in extract(doc).checks
              if c.kind == "conteo-nivel"]
    # Two objective-level indicators declared and presented; four service-level declared, two presented.
    assert sorted(levels) == [
        (2, 2, True, ("El reporte declara 2 indicadores de objetivos prioritarios y presenta 2 "
                      "(OP.01: 1 — IOP.01.01; OP.02: 1 — IOP.02.01)")),
        (4, 2, False, ("El reporte declara 4 indicadores de servicios, pero presenta 2 "
                       "(OP.01: 1 — IS.01.01.01; OP.02: 1 — IS.02.01.01)")),
    ]


def test_a_count_one_objective_declares_of_its_own_items_is_checked_against_that_objective() -> None:
    body = BODY.replace("OP.01 Mejorar el acceso al agua.\n",
                        "OP.01 Mejorar el acceso al agua.\nEl Objetivo Prioritario 01 cuenta con dos servicios.\n")
    body = body.replace("OP.02 Mejorar la calidad del agua.\n",
                        "OP.02 Mejorar la calidad del agua.\nEl segundo objetivo es medido a través de los siguientes dos indicadores.\n"
                        "Este servicio es medido a través de los siguientes tres indicadores.\n")
    found = [(c.indicator_id, c.stated, c.computed, c.consistent, c.description) for c in _checks_of(body, "conteo-objetivo")]
    # OP.01 declares two services and presents one; OP.02 two objective indicators and presents one
    # (its service's indicator is the service's). The service's three are the service's count.
    assert found == [
        ("OP.01", 2, 1, False, ("El reporte declara 2 servicios para el OP.01, pero presenta 1 "
                               "(S.01.01: Servicio de instalación de conexiones)")),
        ("OP.02", 2, 1, False, ("El reporte declara 2 indicadores para el OP.02, pero presenta 1 "
                              "(IOP.02.01: Porcentaje de muestras conformes)")),
    ]


def test_a_count_of_indicators_with_data_is_checked_against_the_values_given() -> None:
    body = BODY.replace("cuatro de servicios.\n", "cuatro de servicios. En 2024 se dispuso de información para cuatro de ellos.\n")
    body = body.replace("IS.02.01.01 Número de muestras analizadas: 5.400, con un avance de 90 %.",
                        "IS.02.01.01 Número de muestras analizadas: sin información (ND).")
    found = [(c.stated, c.computed, c.consistent, c.description) for c in _checks_of(body, "conteo-con-datos")]
    # Four indicators presented, one without a value: three with data, not four.
    assert found == [(4, 3, False, ("El reporte declara información para 4 indicadores, pero presenta valores "
                                    "para 3 (sin dato: IS.02.01.01)"))]


def test_the_services_each_objective_sorts_into_kinds_are_added_up_against_the_declared_total() -> None:
    body = BODY.replace("OP.01 Mejorar el acceso al agua.\n", "OP.01 Mejorar el acceso al agua.\nEl Objetivo Prioritario 01 "
                        "cuenta con dos servicios, de los cuales uno es mejorado y uno es nuevo.\n")
    body = body.replace("OP.02 Mejorar la calidad del agua.\n",
                        "OP.02 Mejorar la calidad del agua.\nEl Objetivo Prioritario 02 cuenta con dos servicios nuevos.\n")
    found = [(c.stated, c.computed, c.consistent, c.description) for c in _checks_of(body, "tipos-de-servicio")]
    assert found == [(3, 4, False, ("Las secciones de los objetivos declaran 1 servicios mejorados (OP.01: 1) y "
                                    "3 servicios nuevos (OP.01: 1, OP.02: 2), 4 en total; el resumen declara 3 servicios"))]
