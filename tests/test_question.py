"""parse(): one Question with intents and typed slots, follow-ups resolved from the history,
and a catalog built from a real ingest."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from assistant.catalog import catalog_from_snapshot
from assistant.entities import Region
from assistant.intents import load_heldout
from assistant.question import parse
from tests.test_entities import plain_catalog

ALC = "America Latina y el Caribe"


@pytest.fixture(scope="module")
def catalog():
    return plain_catalog()


def _history(*turns: str) -> list[dict[str, str]]:
    history: list[dict[str, str]] = []
    for turn in turns:
        history += [{"role": "user", "content": turn}, {"role": "assistant", "content": "(respuesta)"}]
    return history


def test_one_parse_gives_intent_and_slots(catalog) -> None:
    q = parse("cuanto avanzo el iop 3.1 en 2023?", catalog)
    assert q.top_intent == "progress" and q.confident and q.confidence == q.intents[0][1]
    assert [c.code for c in q.indicators] == ["IOP.03.01"] and q.codes == ["IOP.03.01"]
    assert q.years == [2023] and q.follow_up is None and not q.english


def test_the_region_question_names_the_latin_america_indicator(catalog) -> None:
    q = parse("¿Qué porcentaje alcanzó el Perú como oferente en la región?", catalog)
    assert [c.code for c in q.best("indicator")] == ["IOP.03.01"]  # one indicator, no ambiguity
    assert q.regions == [Region(ALC, "region")] and q.role == "oferente"
    assert {q.top_intent, q.intents[1][0]} & {"value", "progress"}


def test_two_indicators_within_the_margin_are_an_ambiguity(catalog) -> None:
    q = parse("¿Cuántas accesiones a la página web hubo?", catalog)
    assert {c.code for c in q.best("indicator")} >= {"SS.01.02.02-1", "SS.02.02.01-1"}


def test_list_question_with_threshold(catalog) -> None:
    q = parse("que indicadores superaron el 100% de avance", catalog)
    assert q.top_intent == "indicator_list" and (q.threshold.op, q.threshold.value) == (">", 100.0)


def test_met_target_of_one_named_indicator_is_not_a_list(catalog) -> None:
    q = parse("el indicador de espacios de coordinacion implementados llego a su meta?", catalog)
    assert q.top_intent == "met_target" and q.indicators[0].code == "ISS.02.01.01.02"


def test_english_question_gets_spanish_search_terms(catalog) -> None:
    q = parse("How many coordination spaces were implemented in 2023?", catalog)
    assert q.english and q.top_intent == "value" and q.indicators[0].code == "ISS.02.01.01.02"
    assert "espacios" in q.search_text and "coordinacion" in q.search_text


def test_unknown_acronym_is_never_a_policy(catalog) -> None:
    q = parse("¿Cuántos indicadores tiene la PNX?", catalog)
    assert q.policies == [] and q.unknown_acronyms == ["PNX"]


def test_follow_up_in_other_regions_moves_to_the_other_indicator(catalog) -> None:
    history = _history("¿Cuál fue el valor del IOP.03.01?")
    q = parse("¿Y en otras regiones?", catalog, history)
    assert q.follow_up is not None and q.follow_up.turn == 0
    assert q.top_intent == "value"  # asks what the last turn asked
    assert q.indicators[0].code == "IOP.03.02"
    assert Region(ALC, "region", exclude=True) in q.regions


def test_follow_up_its_progress_keeps_the_indicator(catalog) -> None:
    q = parse("¿y su avance?", catalog, _history("¿Qué valor tuvo el indicador ISS.01.02.01.01?"))
    assert q.top_intent == "progress" and q.indicators[0].code == "ISS.01.02.01.01"
    assert q.follow_up is not None and "indicators" in q.follow_up.inherited


def test_follow_up_which_country_reads_the_indicators_region(catalog) -> None:
    history = _history("¿Qué valor tuvo el IOP.03.02?")
    q = parse("¿Con qué país?", catalog, history)
    assert q.top_intent == "partners" and q.indicators[0].code == "IOP.03.02"
    assert q.regions == [Region(ALC, "region", exclude=True)]


def test_follow_up_other_subregion_keeps_the_partner_question(catalog) -> None:
    q = parse("¿Y en el Caribe?", catalog, _history("¿Con qué países de Centroamérica cooperó el Perú?"))
    assert q.top_intent == "partners" and q.regions == [Region("Caribe", "subregion")]
    assert not q.indicators  # an incidental name link of the earlier turn is not inherited


def test_follow_up_both_takes_the_last_two_subjects(catalog) -> None:
    history = _history("valor del IOP.03.01", "y el IOP.03.02?")
    q = parse("¿Cuál es la diferencia entre ambos?", catalog, history)
    assert q.follow_up is not None and q.follow_up.both and q.follow_up.turn == 2
    assert [c.code for c in q.indicators] == ["IOP.03.01", "IOP.03.02"]


def test_a_question_that_stands_alone_ignores_the_history(catalog) -> None:
    q = parse("¿Qué servicios tiene el OP.02?", catalog, _history("¿Cuál fue el valor del IOP.03.01?"))
    assert q.follow_up is None and q.top_intent == "services" and q.objectives[0].code == "OP.02"


def test_parse_takes_a_few_milliseconds(catalog) -> None:
    texts = [t for ts in load_heldout()["own"].values() for t in ts]
    for t in texts[:5]:
        parse(t, catalog)
    times = []
    for t in texts:
        started = time.process_time()  # CPU time: other processes on a shared machine do not count
        parse(t, catalog)
        times.append((time.process_time() - started) * 1000)
    assert statistics.median(times) < 5.0, statistics.median(times)


def test_catalog_from_a_real_snapshot(tmp_path_factory: pytest.TempPathFactory) -> None:
    from assistant.knowledge import KnowledgeBase
    from ingest.pipeline import run_ingest
    from tests.conftest import SEED

    folder = tmp_path_factory.mktemp("seedcorpus")
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    data = tmp_path_factory.mktemp("seeddata")
    run_ingest([folder], data, embedder_name="none", progress=False)
    snap = KnowledgeBase(Path(data), None).snapshot()
    catalog = catalog_from_snapshot(snap)
    assert len(catalog.indicators) == 16 and len(catalog.objectives) == 4
    assert [(p.acronym, p.name) for p in catalog.policies] == [
        ("PNCTI", "Política Nacional de Cooperación Técnica Internacional")]
    assert "Tailandia" in catalog.partners and catalog.years == [2023]
    assert {"APCI", "CSS", "ALC"} <= catalog.acronyms
    q = parse("cuantas visitas tuvo la pagina de becas", catalog)
    assert q.top_intent == "value" and q.indicators[0].code == "SS.01.02.02-1"


def test_a_met_question_is_read_from_the_verb_and_target_word_lists() -> None:
    from assistant.asked import asks_met

    assert asks_met("did the indicator meet its expected achievement")
    assert asks_met("se cumplio la meta de perdidas poscaptura")
    assert asks_met("supero el indicador lo programado")
    # "logro esperado" names the target; it is not the verb "logró".
    assert not asks_met("cual es la trayectoria (linea de base, logro esperado 2023 y meta 2030)")


def test_numbered_labels_and_codes_are_no_stated_figures() -> None:
    from assistant.asked import stated_numbers

    assert stated_numbers("¿Qué aclara la nota del Cuadro N° 1 del reporte?") == ()
    assert stated_numbers("¿Por qué el Objetivo 3 no tiene avance?") == ()
    assert stated_numbers("¿cuadra el 45,83 % con los 32 proyectos de 72?") == (45.83, 32.0, 72.0)
    # A short word before a decimal point is no code's letters ("and 4.17%"); a loose code is.
    assert stated_numbers("45.83% for Latin America and 4.17% for other regions") == (45.83, 4.17)
    assert stated_numbers("¿cuánto vale el op 4.1?") == ()



def test_a_question_opening_with_who_is_read_as_who() -> None:
    from assistant.asked import _WHO

    assert _WHO.match("quienes lideran los espacios de dialogo")
    assert _WHO.match("y con quien coordina la apci")
    assert _WHO.match("who leads the coordination spaces")
    assert not _WHO.match("por que no se reporto el indicador")


def test_an_opener_that_only_announces_the_question_is_dropped() -> None:
    from assistant.question import _without_opener

    assert _without_opener("Quick one: how many indicators?") == "how many indicators?"
    assert _without_opener("Consulta rápida, ¿cuántos indicadores?") == "¿cuántos indicadores?"
    assert _without_opener("Una duda ¿cuántos indicadores?") == "¿cuántos indicadores?"
    # Without a closing mark the word may be what is asked about.
    assert _without_opener("pregunta sobre el IOP.03.01") == "pregunta sobre el IOP.03.01"


def test_a_lead_that_only_asks_to_be_told_is_dropped_before_a_question_word() -> None:
    from assistant.question import _without_opener

    assert _without_opener("me confirmas cómo se financia la política") == "cómo se financia la política"
    assert _without_opener("Can you tell me who signed the report?") == "who signed the report?"
    assert _without_opener("Consulta rápida: dime cuántos indicadores hay") == "cuántos indicadores hay"
    # Followed by what is asked about, not by a question word, it stays.
    assert _without_opener("dime el valor del IOP.01.01") == "dime el valor del IOP.01.01"


def test_an_english_function_word_is_no_typo_of_a_slot_word(catalog) -> None:
    # "consist of" is not a misspelt "consistent": no figures are checked for it.
    assert not parse("What does the itinerant library service consist of?", catalog).asked.consistency
    assert parse("Are the reported figures consistent?", catalog).asked.consistency


def test_a_verb_in_the_future_or_the_conditional_asks_for_a_plan_but_a_polite_modal_does_not(catalog) -> None:
    plans = ["¿A qué zonas se extenderían las campañas?", "¿Qué hará la BNP en 2024?",
             "¿Qué harán con las obras retrasadas?", "¿qué tienen previsto para el próximo año?"]
    others = ["¿Podrían decirme el valor del IOP.01.01?", "¿Cuál sería la meta?", "¿Qué dice la cancillería?",
              "¿Qué valor obtuvo la secretaría?"]
    assert [parse(t, catalog).asked.plan for t in plans] == [True] * 4
    assert [parse(t, catalog).asked.plan for t in others] == [False] * 4



def test_a_share_of_the_target_frames_the_question_and_names_no_percentage_indicator(catalog) -> None:
    framing = parse("¿Cuál sería la meta, considerando el valor obtenido y el porcentaje de avance?", catalog)
    assert "porcentaj" in framing.asked.progress_framing
    # The same word naming the indicator elsewhere in the question is no framing.
    named = parse("¿Qué porcentaje de servidores aprobó, y cuál fue el porcentaje de avance?", catalog)
    assert "porcentaj" not in named.asked.progress_framing


def test_an_effect_asked_is_read_from_the_effect_words(catalog) -> None:
    assert parse("¿y qué efecto tuvo eso?", catalog).asked.effect
    assert parse("What impact did the boxes have?", catalog).asked.effect
    assert not parse("¿Cuántas cajas se entregaron?", catalog).asked.effect


def test_the_whole_of_a_part_just_stated_is_a_figure(catalog) -> None:
    assert parse("hubo información para once de los catorce indicadores, ¿cuadra?", catalog).asked.numbers == (11.0, 14.0)
    assert parse("el reporte pone las dos cosas", catalog).asked.numbers == ()
