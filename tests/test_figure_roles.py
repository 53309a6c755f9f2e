"""Each figure's role is read from the words around it, in wordings the seed never uses."""

from __future__ import annotations

import pytest

from ingest.model import LoadedDocument
from ingest.normalize import normalize
from ingest.reports import extract

HEAD = "Reporte de cumplimiento de la Política Nacional de Prueba al 2030 (PNPR) – año 2024\n\n"


def _values(body: str) -> dict[str, tuple]:
    doc = normalize(LoadedDocument("t", "reporte_pnpr_2024.txt", "txt", [HEAD + body]))
    ext = extract(doc)
    return {v.indicator_id: (v.value, v.unit, v.progress_pct, v.status) for v in ext.values}


@pytest.mark.parametrize(("sentence", "value", "unit", "progress"), [
    # value before the indicator's name
    ("Con 64,2 % de escuelas conectadas, el indicador IOP.01.01 quedó cerca de lo previsto (avance de 96,1 %).",
     64.2, "%", 96.1),
    # progress as a share of what was programmed
    ("Se instalaron 310 antenas (IOP.01.01), 77,5 % de lo programado.", 310, "antenas", 77.5),
    ("Se asistió a 48 municipios (IOP.01.01), lo que supone un cumplimiento de 120 % de la meta anual.",
     48, "municipios", 120),
    ("Las brigadas atendieron a 9.870 familias (IOP.01.01), cifra equivalente al 88 % del logro esperado.",
     9870, "familias", 88),
    # number words and Spanish thousands
    ("Funcionaron veintitrés centros de acopio (IOP.01.01), con un avance de 76,7 %.", 23, "centros", 76.7),
    ("IOP.01.01 Monto transferido (millones de soles): S/ 45,7 millones, con un avance de 91 % de lo programado.",
     45.7, "millones de soles", 91),
    ("El avance del IOP.01.01 alcanzó 103,4 %, con 1.250.300 visitas registradas en el portal.",
     1250300, "visitas", 103.4),
])
def test_value_and_progress_in_other_wordings(sentence: str, value: float, unit: str, progress: float) -> None:
    got = _values(sentence)["IOP.01.01"]
    assert got[0] == pytest.approx(value)
    assert got[1] == unit
    assert got[2] == pytest.approx(progress)


@pytest.mark.parametrize("sentence", [
    "IOP.01.01 Número de ferias realizadas: no se reporta información, pues el registro empieza en 2025.",
    "En cuanto al indicador IOP.01.01, no se dispone de medición para 2024: la encuesta aún no concluye.",
    ("Código | Indicador | Logro esperado 2024 | Valor obtenido 2024 | Avance (%)\n"
    "IOP.01.01 | Número de ferias realizadas | 40 | s.i. | s.i."),
    "Código | Indicador | Valor obtenido 2024 | Avance\nIOP.01.01 | Número de ferias realizadas | ND | ND",
])
def test_no_data_in_several_forms(sentence: str) -> None:
    value, _, progress, status = _values(sentence)["IOP.01.01"]
    assert (value, progress, status) == (None, None, "ND")


def test_a_table_gives_value_progress_target_and_baseline_and_a_descending_direction() -> None:
    body = ("Cuadro 2. Indicadores\n"
            "Código | Indicador | Sentido | Línea base (2021) | Logro esperado 2024 | Valor obtenido 2024 | Avance (%)\n"
            "IOP.02.01 | Tasa de deserción escolar | Descendente | 8,0 % | 6,5 % | 6,2 % | 104,8\n")
    doc = normalize(LoadedDocument("t", "reporte_pnpr_2024.txt", "txt", [HEAD + body]))
    ext = extract(doc)
    (value,) = ext.values
    assert (value.value, value.unit, value.progress_pct, value.period) == (6.2, "%", 104.8, 2024)
    assert {(t.kind, t.year, t.value) for t in ext.targets} == {("linea_base", 2021, 8.0), ("meta", 2024, 6.5)}
    assert ext.indicators[0].direction == "descendente"


def test_a_figure_in_scope_without_a_role_is_listed_not_dropped() -> None:
    body = ("Se instalaron 310 antenas (IOP.01.01), con un avance de 77,5 %. "
            "Para el próximo año se compraron doce repuestos.")
    doc = normalize(LoadedDocument("t", "reporte_pnpr_2024.txt", "txt", [HEAD + body]))
    ext = extract(doc)
    assert [(u.indicator_id, u.raw) for u in ext.unplaced] == [("IOP.01.01", "doce")]


def test_a_count_and_its_part_of_a_total_are_read_as_such() -> None:
    from ingest.reports.figures import assign_roles, figures_in

    for sentence, roles in (
            ("Se registraron 54 400 personas capacitadas, de las cuales 50 102 aprueban la evaluación final.",
             [("54 400", "total"), ("50 102", "parte")]),
            ("De un total de 221 viviendas rurales electrificadas, 188 reciben el servicio.",
             [("221", "total"), ("188", "parte")])):
        figures, years = figures_in(sentence)
        assign_roles(sentence, figures, years)
        assert [(f.raw, f.role) for f in figures] == roles
