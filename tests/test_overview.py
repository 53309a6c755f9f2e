"""Questions about the indicators as a group: an objective's figures, those without data, rankings."""

from __future__ import annotations

import re

from assistant.analysis import request_from
from assistant.core import Assistant
from assistant.retrieval import hybrid_search, select_sentences
from tests.conftest import two_year_assistant

ND_CODES = ["IOP.01.01", "IOP.01.02", "IOP.01.03", "IOP.02.02", "SS.02.02.01-1"]


def _listed(text: str) -> list[str]:
    return [line.split("**")[1] for line in text.splitlines() if line.startswith("- **")]


def test_indicators_without_data_are_listed_with_the_reports_reason(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué indicadores no tienen datos?")
    assert answer.route == "indicadores" and not answer.refused
    assert _listed(answer.text) == ND_CODES
    assert "Indicadores sin dato (ND) en 2023" in answer.text
    assert "se encuentra siendo procesada para su publicación en el primer trimestre de 2025" in answer.text
    with_data = re.search(r"Tienen dato en 2023 \((\d+), conteo de esta lista\): (IOP\.02\.01, IOP\.03\.01[^.]*(?:\.\d+)*[^\n]*)\.$",
                          answer.text, re.MULTILINE)
    assert with_data is not None
    assert int(with_data.group(1)) == len(with_data.group(2).split(", "))  # the count is of the codes listed
    assert {c.page for c in answer.citations} == {2, 5}


def test_an_objectives_progress_gives_its_own_indicators_only(assistant: Assistant) -> None:
    op3 = assistant.ask("¿Cuál es el avance del objetivo prioritario 3?")
    assert op3.route == "indicadores" and _listed(op3.text) == ["IOP.03.01", "IOP.03.02"]
    assert "**45.83 %**, avance de 94 %" in op3.text and "**4.17 %**, avance de 97.9 %" in op3.text
    assert all(f.verified for f in op3.figures) and {c.page for c in op3.citations} == {3}
    target = assistant.ask("¿Cuál es la meta del OP.03?")
    assert _listed(target.text) == ["IOP.03.01", "IOP.03.02"]
    assert "El reporte no publica el valor de las metas (logros esperados)" in target.text

    # Objective 1 has no data in 2023: the answer says so, and borrows no other objective's figure.
    op1 = assistant.ask("¿Qué porcentaje de avance tuvo el objetivo prioritario 1?")
    assert _listed(op1.text) == ["IOP.01.01", "IOP.01.02", "IOP.01.03"]
    assert "sin dato (ND)" in op1.text and not op1.figures
    for foreign in ("4,17", "4.17", "97,9", "97.9", "45.83", "94 %"):
        assert foreign not in op1.text


def test_lowest_and_highest_progress(assistant: Assistant) -> None:
    low = assistant.ask("¿Cuál fue el indicador con menor avance en 2023?")
    assert low.text.startswith("Menor avance respecto del logro esperado en 2023: **SS.01.02.02-1** (1 %)")
    assert _listed(low.text)[:3] == ["SS.01.02.02-1", "ISS.01.02.01.01", "ISS.01.02.01.02"]
    assert "Sin avance respecto de un logro esperado (sin dato o sin meta): IOP.01.01" in low.text
    high = assistant.ask("¿Qué indicador tuvo el mayor avance?")
    assert high.text.startswith("Mayor avance respecto del logro esperado en 2023: **ISS.02.01.01.01** (197.6 %)")


def test_the_list_of_indicators_labels_its_count_as_computed(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántos indicadores tiene la política?")
    assert len(_listed(answer.text)) == 16
    assert "(16, conteo de esta lista: no es una cifra publicada)" in answer.text
    count = [f for f in answer.figures if f.source == "calculado"]
    assert len(count) == 1 and count[0].value == 16
    by_objective = assistant.ask("¿Qué indicadores tiene el objetivo prioritario 2?")
    assert all(code.split(".")[1] == "02" for code in _listed(by_objective.text))


def test_a_count_question_leads_with_the_count_the_report_states(assistant: Assistant) -> None:
    # The report says 19 indicators and gives figures for 16: the published 19 comes first,
    # quoted, and the 16 stays labelled as a count of the list.
    for question in ("¿Cuántos indicadores tiene la política?", "How many indicators does the policy have?"):
        answer = assistant.ask(question)
        assert answer.route == "indicadores" and not answer.refused
        assert answer.text.startswith("Según el Reporte de cumplimiento PNCTI 2023 (pág. 1): «La citada política")
        assert "medidos a través de 19 indicadores (ocho a nivel de objetivos y once" in answer.text
        assert "El reporte de 2023 presenta estos indicadores (16, conteo de esta lista" in answer.text
        quoted = [f for f in answer.figures if f.source == "cita"]
        assert [(f.value, f.verified) for f in quoted] == [(19, True)]
        assert answer.citations[0].page == 1
    op1 = assistant.ask("¿Cuántos indicadores tiene el objetivo prioritario 1?")
    assert "«El primer objetivo es medido a través de los siguientes tres indicadores:»" in op1.text
    assert "presenta estos indicadores del OP.01" in op1.text and "y de sus servicios (6, conteo" in op1.text
    # OP.04 states no count ("el siguiente indicador"): only the list and its computed count.
    op4 = assistant.ask("¿Cuántos indicadores tiene el OP.04?")
    assert not op4.text.startswith("Según") and _listed(op4.text) == ["IOP.04.01"]
    # A listing question that does not ask "how many" gets no quoted count.
    assert not assistant.ask("¿Qué indicadores tiene la política?").text.startswith("Según")


def test_a_named_objective_keeps_retrieval_inside_it(assistant: Assistant) -> None:
    snap = assistant.kb.snapshot()
    question = "porcentaje de avance respecto del logro esperado"
    chunk_ids = [c for c, _ in hybrid_search(snap, question, k=8)]
    picked = select_sentences(snap, question, chunk_ids, objective="OP.01", limit=0)
    assert picked and all(s.rec.objective in ("OP.01", None) for s in picked)
    parsed = assistant._parse(snap, "¿Qué indicadores no tienen datos?", [])
    assert request_from(parsed, snap).objective is None


def test_without_a_year_the_latest_report_is_used_and_named(tmp_path) -> None:
    bot = two_year_assistant(tmp_path, "avance de 94%", "avance de 99%")

    latest = bot.ask("¿Cuál es el avance del objetivo prioritario 3?")
    assert "en 2024" in latest.text and "avance de 99 %" in latest.text and "avance de 94 %" not in latest.text
    assert {c.document for c in latest.citations} == {"Reporte de cumplimiento PNCTI 2024"}
    dated = bot.ask("¿Cuál es el avance del objetivo prioritario 3 en 2023?")
    assert "en 2023" in dated.text and "avance de 94 %" in dated.text and "99" not in dated.text


def test_indicators_above_or_below_a_threshold(assistant: Assistant) -> None:
    above = assistant.ask("¿Qué indicadores superaron el 100% de avance?")
    assert above.text.startswith("Indicadores con un avance mayor que 100 % respecto del logro esperado en 2023:")
    assert _listed(above.text) == ["ISS.02.01.01.01", "SS.02.03.01-1"]
    assert _listed(assistant.ask("¿Qué indicadores cumplieron su meta?").text) == ["ISS.02.01.01.01", "SS.02.03.01-1"]
    assert _listed(assistant.ask("Which indicators exceeded their targets?").text) == ["ISS.02.01.01.01", "SS.02.03.01-1"]
    missed = assistant.ask("¿Qué indicadores no alcanzaron la meta?")
    assert _listed(missed.text) == ["SS.01.02.02-1", "ISS.01.02.01.01", "ISS.01.02.01.02", "ISS.02.01.01.02",
                                    "SS.02.05.01-1", "IOP.03.01", "IOP.03.02"]
    assert "Sin avance respecto de un logro esperado (sin dato o sin meta): IOP.01.01" in missed.text
    assert _listed(assistant.ask("¿Qué indicadores tuvieron un avance superior al 95%?").text) == [
        "ISS.02.01.01.01", "SS.02.03.01-1", "IOP.03.02"]
    low = assistant.ask("¿Cuántos indicadores tuvieron un avance menor al 50%?")
    assert "menor que 50 %" in low.text and "(2, conteo de esta lista: no es una cifra publicada)" in low.text
    assert _listed(low.text) == ["SS.01.02.02-1", "ISS.01.02.01.01"]
    # Nothing meets the condition: said plainly, with the closest indicator, never a refusal.
    none = assistant.ask("¿Qué indicadores tuvieron avance mayor a 300%?")
    assert not none.refused and none.text.startswith("Ningún indicador tuvo en 2023 un avance mayor que 300 %")
    assert _listed(none.text) == ["ISS.02.01.01.01"]
    # A threshold on the value compares the indicators measured in %.
    value = assistant.ask("¿Qué indicadores tienen un valor mayor al 40%?")
    assert _listed(value.text) == ["IOP.04.01", "IOP.02.01", "IOP.03.01"]
    assert all(f.verified for f in value.figures)


def test_how_many_indicators_have_no_data_is_counted(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántos indicadores no tienen datos?")
    assert "Indicadores sin dato (ND) en 2023 (5, conteo de esta lista: no es una cifra publicada):" in answer.text
    assert _listed(answer.text) == ND_CODES


def test_how_an_objective_is_doing_gives_its_indicators(assistant: Assistant) -> None:
    for question in ("¿Cómo va el objetivo prioritario 3?", "¿Cuál es la situación del OP.03?",
                     "Dame un resumen del OP.03", "¿Qué logros tuvo el OP.03?"):
        answer = assistant.ask(question)
        assert answer.route == "indicadores", question
        assert _listed(answer.text) == ["IOP.03.01", "IOP.03.02"], question
    # Naming the objective without asking how it goes still gives its title.
    assert assistant.ask("¿Cuál es el objetivo prioritario 3?").route == "objetivos"


def test_traffic_light_words_are_read_as_below_or_at_the_expected_achievement(assistant: Assistant) -> None:
    red = assistant.ask("¿Qué indicadores están en rojo?")
    assert red.text.startswith("Indicadores con un avance menor que 100 % respecto del logro esperado en 2023:")
    assert _listed(red.text)[0] == "SS.01.02.02-1" and "ISS.02.01.01.01" not in _listed(red.text)

