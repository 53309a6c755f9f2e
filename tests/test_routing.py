"""The route table: each route is picked by `route(parse(text))` for a question of its kind."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.catalog import catalog_from_snapshot
from assistant.core import Assistant
from assistant.question import parse
from assistant.routing import ROUTES, route

# (question, earlier user turns, the route that should answer it)
CASES = [
    ("¿Cuál fue el valor del IOP.09.07?", [], "codigo-desconocido"),
    ("¿Cuáles son los objetivos de la Política Nacional de Turismo al 2030?", [], "politica-no-ingerida"),
    ("In your opinion, will Peru reach its 2030 South-South goals?", [], "opinion"),
    ("¿Qué valor tuvo el IOP.03.01 en 2019?", [], "fuera-del-corpus"),
    ("¿Qué valor tuvo el ISS.01.02.01.01 en Arequipa?", [], "desglose-no-publicado"),
    ("¿cuántos servidores de las UOCTI se capacitaron en cada región?", [], "desglose-no-publicado"),
    ("¿Cuántos de los 142 servidores capacitados eran de gobiernos regionales?", [], "parte-no-publicada"),
    ("¿Cuáles son los nombres de las 81 entidades de los espacios de coordinación?", [], "nombres-no-listados"),
    ("¿Cuáles de las 38 actividades operativas de la PNCTI se completaron en 2023?", [], "nombres-no-listados"),
    ("¿los foros del resumen son los mismos que los del OP.04?", [], "listas-comparadas"),
    ("el resumen y la parte del objetivo 4 mencionan los mismos foros internacinales o hay diferencias?", [],
     "listas-comparadas"),
    ("¿Es consistente la relación de foros que menciona el resumen con la que presenta la sección del OP.04?", [],
     "listas-comparadas"),
    ("¿La sección del OP.04 menciona los mismos organismos que el resumen?", [], "listas-comparadas"),
    (("¿Qué logro esperado tenía el indicador de accesiones a la página web vinculado al servicio de difusión de "
     "experiencias exitosas?"), [], "meta-o-linea-base"),
    (("What value did the indicator on South-South projects where Peru is a technical provider in Latin America "
     "reach in 2023?"), [], "indicador-por-nombre"),
    ("¿cuadra el 45,83 % con los 32 proyectos de 72?", [], "verificacion"),
    ("¿en cuántos proyectos fue oferente el Perú sumando ALC y otras regiones?", [], "suma"),
    ("¿Qué objetivo prioritario no tiene servicios?", [], "objetivos-sin"),
    ("¿A qué objetivo prioritario pertenece el servicio de difusión de becas?", [], "objetivo-de"),
    ("¿Qué política tiene más indicadores?", [], "conteos-entre-politicas"),
    ("¿cuál es el logro esperado del IOP.03.01?", [], "meta-o-linea-base"),
    ("compara el avance del IOP.03.01 con el del IOP.03.02", [], "varios-indicadores"),
    ("que valor tuvo el iop 3.1", [], "indicador-por-codigo"),
    ("¿Qué es el servicio SS.02.05.01?", [], "servicio-por-codigo"),
    ("¿con qué indicadores se mide el servicio de espacios de coordinación estratégicos?", [],
     "indicadores-de-servicio"),
    ("¿En qué consiste el servicio de asistencia técnica para esquemas innovadores de cooperación?", [],
     "servicio-por-nombre"),
    ("¿Con qué países de Sudamérica cooperó el Perú?", [], "socios"),
    ("¿Cuántos son?", ["¿Con qué países cooperó el Perú?"], "socios"),
    ("dame un resumen de cómo les fue a los servicios del OP.02", [], "resultados-de-servicios"),
    ("¿Qué servicios tiene el objetivo prioritario 2?", [], "servicios-de-objetivo"),
    ("¿Qué indicadores no tienen datos?", [], "indicadores-en-grupo"),
    ("¿Con qué indicadores se mide el objetivo prioritario 1?", [], "indicadores-en-grupo"),
    ("dame los lineamientos de la politica", [], "lineamientos"),
    ("¿Con cuántos objetivos prioritarios cuenta la política?", [], "conteo-de-objetivos"),
    ("¿Qué servicios ofrece la política?", [], "servicios-de-la-politica"),
    ("¿Cuáles son los objetivos prioritarios de la política?", [], "objetivos"),
    ("¿Por qué no hay datos del indicador de personas beneficiarias?", [], "motivo-de-indicador"),
    ("¿Cuántas accesiones tuvo la página web de becas?", [], "indicador-por-nombre"),
    ("¿En qué unidad se mide el número de accesiones a la página web de becas?", [], "definicion-por-nombre"),
    ("Resumen del OP.03, por favor", [], "estado-de-objetivo"),
    ("Resume el reporte", [], "resumen"),
    ("¿Quién firmó el reporte?", [], "firmante"),
    ("¿Quién es el jefe de la Oficina General de Planeamiento y Presupuesto?", [], "titular-del-cargo"),
    ("¿Qué dice el reporte de la lista sectorial?", [], "seccion"),
    ("¿Qué propone el reporte para seguir difundiendo la política?", [], "planes"),
    ("¿Qué secciones tiene el reporte?", [], "secciones"),
    ("¿Qué significan las siglas CSS?", [], "siglas"),
    ("¿Qué ministerio conduce la política?", [], "recuperacion"),
]


@pytest.fixture(scope="module")
def catalog(assistant: Assistant):
    return catalog_from_snapshot(assistant.kb.snapshot())


@pytest.mark.parametrize(("text", "earlier", "expected"), CASES, ids=[c[2] for c in CASES])
def test_each_route_is_picked_for_a_question_of_its_kind(catalog, text: str, earlier: list[str], expected: str) -> None:
    history = [{"role": "user", "content": t} for t in earlier]
    assert route(parse(text, catalog, history)).name == expected


def test_every_route_has_a_case_and_retrieval_comes_last() -> None:
    assert {c[2] for c in CASES} == {r.name for r in ROUTES}
    assert ROUTES[-1].name == "recuperacion" and ROUTES[-1].applies is not None


def test_a_route_that_cannot_answer_hands_over_to_the_next(assistant: Assistant) -> None:
    # The seed has no policy document: the target route finds no stated target for IOP.03.01 and
    # the indicator's own route answers with its progress against the expected achievement.
    answer = assistant.ask("¿Cuál es la meta del IOP.03.01?")
    assert not answer.refused and "**94 %** respecto del logro esperado" in answer.text


def test_whether_one_named_indicator_met_its_target_is_answered_for_that_indicator(assistant: Assistant) -> None:
    answer = assistant.ask("¿Llegó a su meta el indicador de servidores capacitados?")
    assert answer.route == "indicador" and "34.9" in answer.text
    assert "197.6" not in answer.text  # not the list of every indicator at or above 100 %


def test_a_region_named_in_words_picks_that_regions_indicator(assistant: Assistant) -> None:
    answer = assistant.ask("porcentaje de proyectos de CSS en que el Perú fue oferente en América Latina y el Caribe")
    assert "45.83" in answer.text and "4.17" not in answer.text


def test_a_consistency_question_gets_the_recorded_check_with_its_computation(assistant: Assistant) -> None:
    wrong = assistant.ask("¿Es correcto el 45,83 % si el Perú fue oferente en 32 de 72 proyectos?")
    assert wrong.route == "verificacion" and wrong.text.startswith("No: el reporte no es coherente")
    assert "32 / 72 = 44.44 %" in wrong.text and {c.page for c in wrong.citations} == {3}
    fine = assistant.ask("¿Cuadra el total de 19 indicadores con la suma de sus partes?")
    assert fine.route == "verificacion" and fine.text.startswith("Las cifras son coherentes")
    assert "8 + 11 = 19" in fine.text


def test_a_share_that_does_not_match_its_parts_gives_the_count_its_value_stands_for(assistant: Assistant) -> None:
    answer = assistant.ask("Si el indicador de ALC es 45,83 %, ¿en cuántos proyectos tendría que haber sido oferente "
                           "para que cuadre?")
    assert answer.route == "verificacion"
    assert "45.83 % de 72 equivale a 33, y el texto da 32 (calculado)" in answer.text
    assert (33, "45.83 % de 72") in {(f.value, f.formula) for f in answer.figures if f.source == "calculado"}


def test_shares_of_one_total_added_up_are_checked_against_the_counts(assistant: Assistant) -> None:
    answer = assistant.ask("Add up the two 2023 CSS offerer percentages (ALC and other regions) and compare them with "
                           "the number of projects Peru actually offered out of 72. Do they match?")
    assert answer.route == "verificacion"
    assert "Sumando las cifras del texto: 32 + 3 = 35 de 72 (48.61 %)" in answer.text
    assert "45.83 % + 4.17 % = 50 %, que de 72 serían 36 (calculado" in answer.text
    # The other share's own sentence is quoted and cited, where its 3 projects come from.
    assert "fue oferente en tres proyectos desarrollados con Tailandia" in answer.text
    assert any("tres proyectos" in c.quote for c in answer.citations)
    # Without a word that adds, the one share asked about is checked alone.
    alone = assistant.ask("¿cuadra el 45,83 % con los 32 proyectos de 72?")
    assert "Sumando" not in alone.text


def test_a_count_that_adds_the_parts_of_one_total_is_their_sum_with_both_sources(assistant: Assistant) -> None:
    answer = assistant.ask("en cuantos proyectos de css fue oferente el peru sumando alc y otras regiones")
    assert answer.route == "suma" and not answer.refused
    assert answer.text.startswith("Sumando las cifras del texto: 32 + 3 = **35** de 72 (calculado")
    assert {c.page for c in answer.citations} == {3} and len(answer.citations) == 2
    assert any("siendo oferente en 32 de ellos" in c.quote for c in answer.citations)
    assert any("fue oferente en tres proyectos" in c.quote for c in answer.citations)
    # The stated shares (45.83 % + 4.17 %) stand for 36 projects, not 35: said beside the sum.
    assert "equivaldrían a 36 de 72" in answer.text
    assert (35, "32 + 3") in {(f.value, f.formula) for f in answer.figures if f.source == "calculado"}


def test_a_count_asked_by_acronym_is_answered_by_the_sentence_that_spells_it_out(assistant: Assistant) -> None:
    answer = assistant.ask("¿En cuántos proyectos de CSS participó el Perú en 2023?")
    # The sentence with the figure writes "Cooperación Sur-Sur", never "CSS".
    assert not answer.refused and "72 proyectos de Cooperación Sur-Sur" in answer.text


def test_a_count_for_one_role_is_not_answered_by_the_figure_of_another(assistant: Assistant) -> None:
    answer = assistant.ask("en cuantos de los 72 proyectos de CSS el peru fue receptor")
    # The report gives the projects Peru offered (32 and 3), not those it received.
    assert answer.refused and "receptor" in answer.text


def test_a_breakdown_is_refused_when_only_sentences_on_other_topics_share_its_words(assistant: Assistant) -> None:
    # "otras regiones" (projects abroad) shares "región" with the question, not the servers trained.
    answer = assistant.ask("¿Cómo se distribuyen por región los 142 servidores capacitados en materia de CTI?")
    # The breakdown words say what is missing: the national figure, not one by region.
    assert answer.refused and "para todo el país, no por región" in answer.text


def test_a_declared_count_is_checked_against_the_indicators_the_report_presents(assistant: Assistant) -> None:
    answer = assistant.ask("¿Coinciden los 19 indicadores que declara el reporte con los que presenta?")
    assert answer.route == "verificacion"
    assert "declara 19 indicadores (8 de objetivos prioritarios y 11 de servicios), pero presenta 16" in answer.text
    assert "8 indicadores de servicios" in answer.text
    assert {f.value for f in answer.figures if f.source == "calculado"} >= {16, 8}


def test_an_unstated_target_is_computed_from_value_and_progress_and_labelled(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuál es la meta del IOP.03.01?")
    assert "El reporte no publica el valor de la meta" in answer.text
    assert "**48.76 (calculado: 45.83 ÷ 94 %; no es una cifra publicada)**" in answer.text
    assert any(f.source == "calculado" and f.value == 48.76 for f in answer.figures)


def test_an_unstated_baseline_is_refused_not_answered_with_the_value(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuál fue la línea de base del IOP.03.02?")
    assert answer.refused and "no publican la línea de base del IOP.03.02 de la PNCTI" in answer.text
    assert "4.17" not in answer.text


@pytest.mark.parametrize("text", ["¿Cuál fue el valor del indicador IOP.03.01 en 2023?",
                                  "¿Cuál es el valor del indicador IOP.03.01 en 2023?",
                                  "¿Cuál fue el valor del indicador IOP.03.01?"])
def test_a_value_asked_in_words_is_not_taken_for_a_target_or_baseline(assistant: Assistant, text: str) -> None:
    """The classifier leans to "target" or "baseline" on this formal shape; the word "valor" wins."""
    answer = assistant.ask(text)
    assert not answer.refused and answer.route == "indicador"
    assert "**45.83 %**" in answer.text


def test_a_starting_value_is_a_baseline() -> None:
    from assistant.asked import read_asked
    from assistant.entities import Entities

    for text in ("¿desde qué valor de partida se mide el indicador?", "what was the initial value of it"):
        assert read_asked(text, text, Entities(), english=False).baseline


def test_answer_modules_read_the_parse_not_the_question_text() -> None:
    """Only assistant/question.py, asked.py and entities.py read the wording; answers read the parse."""
    from dataclasses import fields
    from pathlib import Path

    from assistant.analysis import Analysis

    assert "text" not in {f.name for f in fields(Analysis)}  # only `search_text`, a bag of words for search
    root = Path(__file__).parent.parent / "assistant"
    modules = [*sorted((root / "answers").glob("*.py")), *(root / f"{name}.py" for name in (
        "structured", "overview", "indicators", "passages", "targets", "routing", "core"))]
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert "q.text" not in source and "parsed.text" not in source, module.name
        assert "question_text" not in source or module.name == "retrieval.py", module.name  # the LLM's prompt


def test_a_region_of_peru_the_report_does_not_break_down_is_refused_naming_the_national_figure(
        assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántos servidores de las UOCTI se capacitaron en Arequipa en 2023?")
    assert answer.refused and "para todo el país, no para Arequipa" in answer.text and "142" not in answer.text


def test_words_the_documents_never_use_do_not_refuse_a_question_whose_topic_they_hold(
        assistant: Assistant) -> None:
    casual = assistant.ask("¿en cuántos proyectos de cooperación sur-sur metió la mano el Perú en 2023?")
    assert not casual.refused and "72" in casual.text
    english = assistant.ask("What share of the staff of the units in charge of international technical "
                            "cooperation showed a good level of knowledge on the subject?")
    assert not english.refused and "ISS.01.02.01.02" in english.text and "**34 %**" in english.text
    # A topic the documents lack is still refused: the one known word ("Perú") names no topic.
    gdp = assistant.ask("¿Cuál fue el PBI del Perú en 2023?")
    assert gdp.refused and "«PBI»" in gdp.text


def test_a_figure_retrieval_finds_for_a_region_of_peru_is_refused_as_national(assistant: Assistant) -> None:
    answer = assistant.ask("¿cuántos de los servidores capacitados en CTI eran de Loreto?")
    assert answer.refused and "no para Loreto" in answer.text and "142" not in answer.text


def test_titles_headings_and_header_rows_are_not_answers(assistant: Assistant) -> None:
    from assistant.answers.retrieval import is_heading

    snap = assistant.kb.snapshot()
    by_text = {rec.text: rec for rec in snap.sentences}
    title = next(rec for rec in snap.sentences if rec.text.startswith("REPORTE DE CUMPLIMIENTO DE LA POL"))
    assert is_heading(snap, title)
    assert is_heading(snap, by_text["OP.01."])
    sentence = next(rec for rec in snap.sentences if rec.text.startswith("El Perú participó en 72 proyectos"))
    assert not is_heading(snap, sentence)
    header = replace(sentence, text="Código | Indicador | Línea de base | Logro esperado 2023 | 2030")
    assert is_heading(snap, header)
    row = replace(sentence, text="IOP.03.01 | Porcentaje de proyectos | 40 | 48,5 | 45,83")
    assert not is_heading(snap, row)
    measure = replace(sentence, text="1. Ampliar las campañas a Tumbes y Tacna.",
                      section="1. Ampliar las campañas a Tumbes y Tacna")
    assert not is_heading(snap, measure)


def test_the_first_or_second_item_of_the_last_list_is_the_one_asked_about(assistant: Assistant) -> None:
    history = [{"role": "user", "content": "¿Qué servicios tiene el objetivo prioritario 2?"}]
    listed = assistant.ask(history[0]["content"])
    history.append({"role": "assistant", "content": listed.text})
    items = [line.split("**")[1] for line in listed.text.splitlines() if line.startswith("- ")]
    answer = assistant.ask("¿con qué indicadores se mide el segundo?", history)
    assert f"**{items[1]}**" in answer.text and not answer.refused
    assert f"**{items[0]}**" not in answer.text


def test_a_why_question_is_answered_by_the_sentence_that_gives_the_cause(assistant: Assistant) -> None:
    # The cause sits under the objective named, in a passage the search ranks low.
    answer = assistant.ask("por que el objetivo prioritario 4 no tiene servicios")
    assert not answer.refused and "técnico-normativas" in answer.text
    assert "razón por la cual no se identificaron servicios" in answer.text


def test_an_english_question_in_the_reports_vocabulary_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("How many hits did the web page listing the scholarships offered by "
                           "cooperation sources get during the monitoring period?")
    assert not answer.refused and "accesiones" in answer.text


def test_a_question_that_states_an_indicators_figures_names_it(assistant: Assistant) -> None:
    # The premise states the value and the progress; the question asks for the target they imply,
    # a whole number for a count (142 at 34,9 % lies between 406.3 and 407.5).
    answer = assistant.ask("Si 142 servidores capacitados representan un avance de 34,9 %, ¿cuál sería "
                           "aproximadamente el logro esperado de ese indicador?")
    assert not answer.refused and "ISS.01.02.01.01" in answer.text
    assert "**407 (calculado: 142 ÷ 34.9 %" in answer.text
    follow = assistant.ask("¿Y cuántos se esperaban, si el avance fue de 66,7 %?", [
        {"role": "user", "content": "¿Cuántos espacios de coordinación se implementaron en 2023?"},
        {"role": "assistant", "content": "…"}])
    assert "**3 (calculado" in follow.text


def test_the_parts_of_a_question_and_its_premise_are_read() -> None:
    from assistant.asked import _asked_clause, read_asked
    from assistant.entities import Entities

    assert read_asked("¿Qué metas tiene el indicador y qué se obtuvo en 2023?", "¿Qué metas tiene el "
                      "indicador y qué se obtuvo en 2023?", Entities(), english=False).parts == 2
    assert read_asked("¿Cuál era la meta 2023?", "¿Cuál era la meta 2023?", Entities(), english=False).parts == 1
    assert "avance" not in _asked_clause("si 230 cajas fueron un 76,7 % de avance, ¿cuantas se programaron?")
    assert "avance" not in _asked_clause("¿cuantos se esperaban, si el avance fue de 66,7 %?")


def test_why_an_indicator_came_out_low_quotes_its_figure_and_the_cause_next_to_it(assistant: Assistant) -> None:
    answer = assistant.ask("¿por qué el avance de visitas a la web de becas salió tan bajito?")
    assert answer.route == "causa-de-indicador"
    assert "276" in answer.text and "se debe a que los logros esperados" in answer.text and "2021" in answer.text
    # The sentence that carries the cause on ("No obstante, el nuevo portal…") is part of it.
    assert "No obstante, el nuevo portal institucional: gob.pe" in answer.text


def test_a_sentence_that_opens_with_a_connector_continues_the_one_before() -> None:
    from assistant.passages import continues

    assert continues("No obstante, el nuevo portal permite medir mejor.")
    assert continues("Sin embargo, la meta se mantuvo.") and continues("- Asimismo, se capacitó a 40 personas.")
    assert not continues("El indicador obtuvo un valor de 80 %.")


def test_an_indicator_named_by_a_few_distinctive_words_of_its_name(assistant: Assistant) -> None:
    answer = assistant.ask("¿Esquemas innovadores: meta cumplida?")
    assert not answer.refused and "130" in answer.text and "esquemas innovadores" in answer.text


def test_english_is_told_by_its_function_words_too() -> None:
    from assistant.text import is_english

    assert is_english("Did PRODUCE meet its 2023 target for post-harvest losses in artisanal fishing?")
    assert not is_english("que hizo la apci en 2023 para poder medir la participacion si no habia datos")
    assert not is_english("¿Qué significa no disponible en el reporte de la PNCTI?")


def test_an_organisation_asked_for_is_not_answered_with_the_partner_countries(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué organismos internacionales menciona el reporte como espacios de participación del Perú?")
    assert answer.route != "socios"


def test_logro_esperado_is_a_target_not_a_verb_and_de_ellos_leans_on_the_last_turn(assistant: Assistant) -> None:
    from assistant.asked import asks_met

    assert not asks_met("la trayectoria (linea de base, logro esperado 2023 y meta 2030)")
    assert asks_met("¿logro la meta el indicador?")
    history = [{"role": "user", "content": "¿Cuáles son los servicios del OP.02?"}, {"role": "assistant", "content": "…"}]
    answer = assistant.ask("¿cuántos de ellos son mejorados?", history)
    assert not answer.refused and "tres corresponden a servicios mejorados" in answer.text


def test_a_number_asked_is_never_answered_by_a_sentence_without_it_nor_by_one_year_of_two(
        assistant: Assistant) -> None:
    growth = assistant.ask("cuanto crecio el numero de proyectos de cooperacion sur sur entre 2022 y 2023")
    assert growth.refused and "2022" in growth.text and "72" not in growth.text


def test_a_partners_share_is_refused_as_a_breakdown_the_report_does_not_publish(assistant: Assistant) -> None:
    answer = assistant.ask("What was Colombia's share of South-South projects as a provider?")
    assert answer.refused and "no por país (Colombia)" in answer.text


def test_a_share_asked_in_words_is_a_figure_not_the_partner_list(catalog) -> None:
    q = parse("¿Qué proporción de los proyectos de Cooperación Sur-Sur tuvo al Perú como oferente en la región?", catalog)
    assert route(q).name != "socios"
    # "share" as a verb asks for no share.
    assert not parse("In which cases does Peru share its experience with Chile?", catalog).asks_share


def test_an_amount_of_money_is_answered_only_by_a_figure_in_a_currency(assistant: Assistant) -> None:
    # IOP.01.01 is a percentage of amounts (and has no data): it is not the amount asked for.
    answer = assistant.ask("¿A cuánto ascendió, en dólares, la cooperación técnica internacional ejecutada en 2023?")
    assert answer.refused and "**" not in answer.text
    assert assistant.ask("¿Cuánto presupuesto ejecutó la APCI en 2023?").refused


def test_a_sentence_that_points_back_is_quoted_with_the_one_it_points_to(assistant: Assistant) -> None:
    from assistant.passages import points_back, states_cause

    assert points_back("En tal sentido, la APCI definió la metodología.") and not points_back("Asimismo, la APCI…")
    assert states_cause("Al ser un nuevo servicio, su indicador no contó con logros esperados.")
    answer = assistant.ask("xq el servicio de difusion de experiencias exitosas no tuvo meta?")
    assert "Al ser un nuevo servicio" in answer.text and "documento piloto" in answer.text


def test_search_adds_the_reports_word_for_every_everyday_synonym_in_the_data() -> None:
    from assistant.text import with_synonyms

    assert with_synonyms("¿de dónde salen los datos?").endswith("obtenidos")
    assert "servidores" in with_synonyms("¿cuántos funcionarios se capacitaron?")


def test_where_the_data_come_from_is_answered_by_the_sentence_that_says_so(assistant: Assistant) -> None:
    answer = assistant.ask("¿de dónde salen los datos de los indicadores del objetivo prioritario 1?")
    assert "Declaración Anual de Cooperación Técnica Internacional" in answer.text


def test_an_indicator_is_not_dropped_for_one_word_another_name_shares(assistant: Assistant) -> None:
    # "entidades" is in ISS.02.01.01.01's name; the rest of the question names trained staff.
    answer = assistant.ask("oye, ¿cuántos funcionarios de las oficinas de cooperación de las entidades se capacitaron?")
    assert not answer.refused and "142" in answer.text


def test_a_law_asked_as_a_norm_and_an_abbreviation_asked_by_its_allusion(assistant: Assistant) -> None:
    assert "008-2023-RE" in assistant.ask("¿Mediante qué norma se aprobó la política?").text
    answer = assistant.ask("En el reporte, ¿a qué alude la abreviatura CSS?")
    assert answer.route == "siglas" and "Cooperación Sur-Sur" in answer.text


def test_how_many_of_an_item_a_policy_has_is_the_sentence_that_declares_its_make_up(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántas actividades operativas tiene la política?")
    assert "16 lineamientos, ocho servicios y 38 actividades operativas" in answer.text
    # An objective's own count is not the policy's.
    assert "16 lineamientos" not in assistant.ask("¿Cuántos lineamientos tiene el OP.04?").text


def test_a_declared_part_points_at_the_check_that_counts_what_the_report_presents(assistant: Assistant) -> None:
    answer = assistant.ask("el reporte dice 11 indicadores de servicios, cuantos presenta de verdad")
    assert answer.route == "verificacion"
    # The level named (service indicators) has its own check; the total's is another question.
    assert "El reporte declara 11 indicadores de servicios, pero presenta 8" in answer.text
    assert "declara 19 indicadores" not in answer.text
    # Declared in other words ("habla de", "según el resumen"), asked as a summary or a count.
    for text in ("El resumen habla de once indicadores de servicios. ¿Cuántos se desarrollan realmente?",
                 "Según el resumen hay 11 indicadores de servicios, ¿cuántos aparecen efectivamente en el reporte?"):
        answer = assistant.ask(text)
        assert answer.route == "verificacion" and "indicadores de servicios, pero presenta 8" in answer.text, text


def test_an_amount_of_money_is_not_answered_with_a_percentage_of_amounts(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuál fue el monto total de la cooperación técnica internacional ejecutada en el "
                           "Perú en 2023, en dólares?")
    assert answer.refused and "IOP.01.01" not in answer.text.split("Temas cercanos")[0]


def test_servidores_slash_as_is_not_the_sol_sign() -> None:
    from assistant.indicators import states_money

    assert not states_money("número de servidores/as capacitados: 142")
    assert states_money("créditos por S/ 12,4 millones")


def test_a_service_named_in_words_lists_the_indicators_that_measure_it(assistant: Assistant) -> None:
    answer = assistant.ask("que indicadores tiene el servicio de espacios de coordinacion estrategicos para el Sistema")
    assert answer.text.startswith("El servicio SS.02.01.01 (espacios de coordinación estratégicos")
    assert "se mide con estos 2 indicadores" in answer.text
    assert "ISS.02.01.01.01" in answer.text and "ISS.02.01.01.02" in answer.text


@pytest.mark.parametrize(("text", "level", "count"), [
    ("Liste los indicadores de objetivos prioritarios de la PNCTI", "de objetivos prioritarios", 8),
    ("List the service indicators of the PNCTI", "de servicios", 8),
    ("Give me every objective-level indicator of the PNCTI, with codes.", "de objetivos prioritarios", 8),
])
def test_a_level_of_indicators_is_listed_alone(assistant: Assistant, text: str, level: str, count: int) -> None:
    answer = assistant.ask(text)
    assert answer.text.startswith(f"Indicadores {level} de la PNCTI en el reporte de 2023 ({count},")
    codes = [line.split("**")[1] for line in answer.text.splitlines() if line.startswith("- **")]
    assert len(codes) == count
    # Service indicators the report gives no code are listed under their service's ("SS.01.02.02-1").
    assert all(c.startswith("IOP.") == (level == "de objetivos prioritarios") for c in codes)


def test_a_declared_count_is_checked_when_asked_in_words_without_figures(assistant: Assistant) -> None:
    answer = assistant.ask("¿Coincide el número de indicadores que declara el reporte con los que realmente presenta?")
    assert answer.route == "verificacion"
    assert "El reporte declara 19 indicadores" in answer.text and "pero presenta 16" in answer.text


def test_a_count_per_partner_country_is_refused_not_answered_with_the_partner_list(assistant: Assistant) -> None:
    answer = assistant.ask("cuantos proyectos de CSS le ofrecio el peru a colombia especificamente")
    assert answer.refused and "no dan cifras por país (Colombia)" in answer.text


def test_a_cost_is_an_amount_of_money(assistant: Assistant) -> None:
    answer = assistant.ask("¿y cuánto costaron las becas que se difundieron en la web?")
    assert answer.refused


def test_a_request_verb_is_not_a_topic_the_documents_lack(assistant: Assistant) -> None:
    answer = assistant.ask("hazme un resumen de lo que plantea el reporte para mejorar la implementación de la PNCTI")
    assert not answer.refused and "«hazme»" not in answer.text


def test_a_forecast_is_refused_as_an_opinion(assistant: Assistant) -> None:
    answer = assistant.ask("In your opinion, will the PNCTI reach its 2030 targets? Give me your forecast.")
    assert answer.refused and answer.route == "rechazo" and "no dan opiniones ni pronósticos" in answer.text


def test_a_question_asking_to_judge_the_agency_is_refused_as_an_opinion(assistant: Assistant) -> None:
    answer = assistant.ask("¿Considera usted que la APCI está gestionando de manera adecuada la cooperación "
                           "internacional que recibe el país?")
    assert answer.refused and "no dan opiniones ni pronósticos" in answer.text


def test_a_word_the_typo_reader_takes_for_an_opinion_verb_asks_no_opinion(assistant: Assistant) -> None:
    # "considerando" is no typo of "considera": the question asks how progress is computed.
    answer = assistant.ask("¿Cómo se calcula el avance del indicador de becas, considerando que su sentido es ascendente?")
    assert "no dan opiniones" not in answer.text


def test_neighbouring_countries_filter_the_partners_peru_offered_to(assistant: Assistant) -> None:
    # "ofresidos por nuestro país": the neighbours received, Peru offered.
    for text in ("¿Cuáles de los países limitrofes con el Perú recibieron proyectos de CSS ofresidos por nuestro país?",
                 "Which neighbouring countries received South-South projects from Peru?"):
        answer = assistant.ask(text)
        lead = answer.text.split("\n")[0]
        assert answer.route == "socios" and "el Perú como oferente" in lead, text
        assert all(c in lead for c in ("Bolivia", "Ecuador", "Colombia", "Chile")), text
        assert "Argentina" not in lead and "Tailandia" not in lead, text


def test_an_english_subregion_adjective_filters_the_partners(assistant: Assistant) -> None:
    # "South" is read as "sur" for the search; the region is read on the question's own words.
    answer = assistant.ask("Which South American countries did Peru offer South-South cooperation projects to in 2023?")
    lead = answer.text.split("\n")[0]
    assert "Sudamérica" in lead and "Bolivia" in lead and "Costa Rica" not in lead and "Tailandia" not in lead
    # "recipients of Peru's offer": they received, Peru offered.
    answer = assistant.ask("Which Central American countries were among the recipients of Peru's South-South offer?")
    assert not answer.refused and "Costa Rica, Honduras, Panamá, Belice" in answer.text.split("\n")[0]


def test_a_consistency_word_with_discrepancy_as_the_next_reading_is_a_check(assistant: Assistant) -> None:
    answer = assistant.ask("The PNCTI report gives the period over which indicators were measured. Is it "
                           "consistent about which year that period belongs to?")
    assert answer.route == "verificacion" and "2024" in answer.text


def test_what_is_a_short_form_asks_its_meaning(assistant: Assistant) -> None:
    for text in ("¿qué son los ODS que mencionan en el reporte de cooperación?",
                 "¿qué es eso de la CSS que aparece a cada rato en el reporte?"):
        answer = assistant.ask(text)
        assert answer.route == "siglas" and not answer.refused, text
    assert "Objetivo de Desarrollo Sostenible" in assistant.ask("¿qué son los ODS?").text
    # A policy's acronym after "What is" names the subject, not a term asked.
    assert assistant.ask("What is PNCTI priority objective 4 about?").route != "siglas"


def test_a_why_about_a_partner_is_not_answered_with_the_partner_list(assistant: Assistant) -> None:
    answer = assistant.ask("¿Por qué motivo el Perú escogió a Tailandia como socio para sus proyectos?")
    assert "menciona a este país como receptor" not in answer.text


def test_baselines_a_policy_never_states_are_refused(assistant: Assistant) -> None:
    answer = assistant.ask("cual es la linea de base de los indicadores de la PNCTI?")
    assert answer.refused and "no publican líneas de base de sus indicadores" in answer.text


def test_a_list_item_keeps_its_sentences_and_the_signature_block_is_left_out(assistant: Assistant) -> None:
    answer = assistant.ask("Sintetice las alternativas que el reporte propone para mejorar la implementación de la PNCTI.")
    assert answer.route == "seccion"
    assert "servicio exterior" in answer.text and "Declaración Anual" in answer.text
    assert "Humberto" not in answer.text


def test_a_summary_of_an_objectives_services_shows_their_indicators_too(assistant: Assistant) -> None:
    answer = assistant.ask("Summarize the 2023 results of the services under Priority Objective 02 of the PNCTI.")
    assert answer.text.startswith("Indicadores del OP.02")
    assert "ISS.02.01.01.01" in answer.text and "**81 entidades**" in answer.text
    title = assistant.ask("resumen de lo que dice el reporte sobre el objetivo prioritario 04")
    assert title.text.startswith("Indicadores del OP.04") and "IOP.04.01" in title.text


def test_a_partner_word_with_a_region_is_the_partner_list_whatever_the_classifier_says(assistant: Assistant) -> None:
    answer = assistant.ask("con q pais fueron los proyectos de CSS fuera de america latina y en que temas?")
    assert answer.route == "socios" and "Tailandia" in answer.text


def test_casual_short_forms_are_written_out_for_the_classifier() -> None:
    from assistant.question import _casual_expanded

    assert _casual_expanded("con q pais, xq no hay datos del IOP.01.01") == "con que pais, por que no hay datos del IOP.01.01"
    # English contractions, and a possessive left as it is.
    assert _casual_expanded("What’s the target? Peru's didn't") == "what is the target? Peru's did not"


@pytest.mark.parametrize("text", ["¿a qué se atribuye la reducción de las pérdidas?",
                                  "¿qué dificultades menciona el reporte del indicador de becas?",
                                  "How does the report justify such a low figure?"])
def test_a_cause_asked_in_other_words_is_a_why(text: str) -> None:
    from assistant.asked import read_asked
    from assistant.entities import Entities

    assert read_asked(text, text, Entities(), english=False).why


def test_a_missing_value_comes_with_what_the_report_says_was_done_about_it(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué valor tuvo el IOP.02.02?")
    assert "dato no disponible (ND)" in answer.text
    assert "\n\n> «No obstante, en el año 2023 la APCI formuló herramientas metodológicas" in answer.text
    assert "Guía Operativa" in answer.text and sum(c.quote.startswith("No obstante") for c in answer.citations) == 1


def test_a_summary_of_a_level_of_indicators_lists_that_level_with_figures(assistant: Assistant) -> None:
    answer = assistant.ask("Resuma el desempeño de los indicadores de objetivos prioritarios de la PNCTI en 2023.")
    assert answer.text.startswith("Indicadores de objetivos prioritarios de la PNCTI en el reporte de 2023")
    assert "**45.83 %**" in answer.text and "ISS." not in answer.text


@pytest.mark.parametrize("text", [
    "¿Mediante qué indicadores se evalúa el objetivo prioritario 3?",
    "cuales son los indicadres del objetivo prioritario 4",  # a typo in the noun asked for
    "¿con qué indicador miden el OP2?",  # read as a definition by its shape
])
def test_the_indicators_of_a_numbered_objective_are_its_group(catalog, text: str) -> None:
    assert route(parse(text, catalog, [])).name == "indicadores-en-grupo"


def test_a_question_about_the_data_of_an_objectives_indicators_is_not_their_list(catalog) -> None:
    assert route(parse("¿De dónde salen los datos de los indicadores del objetivo 1?", catalog, [])).name != \
        "indicadores-en-grupo"


def test_a_met_question_about_an_indicator_of_partners_is_that_indicator_not_the_partner_list(
        assistant: Assistant) -> None:
    answer = assistant.ask("Did Peru meet its target on South-South projects it offered in Latin America and the Caribbean?")
    assert answer.route == "indicador" and "IOP.03.01" in answer.text and "94 %" in answer.text


def test_a_question_about_what_a_note_says_is_no_consistency_check(catalog) -> None:
    for text in ("¿Qué aclara la nota del cuadro de indicadores del reporte?", "What does the note below the table say?"):
        assert route(parse(text, catalog, [])).name != "verificacion", text


def test_segun_el_reporte_only_says_which_report_and_is_no_declared_count(catalog) -> None:
    # "presentan" is a presenting word; "según el reporte" names the source, it declares nothing.
    for text in ("¿Cuántas entidades presentan compromisos en los espacios de coordinación según el reporte?",
                 "¿Cuántas oficinas presentan deficiencias de operación en 2023 según el reporte de la PNCTI?"):
        assert route(parse(text, catalog, [])).name != "verificacion", text


def test_a_why_that_restates_a_count_of_a_checks_breakdown_is_no_consistency_question(assistant: Assistant) -> None:
    # "the two services" is OP.03's 2 in the declared-against-presented check; the question asks why.
    answer = assistant.ask("Why does the report give no progress figures yet for the two services under "
                           "Objective 3 of the PNCTI?")
    assert answer.route != "verificacion" and "Discrepancia" not in answer.text
    assert "dos servicios nuevos" in answer.text


def test_a_word_that_asks_whether_figures_agree_picks_the_check_its_other_words_name(assistant: Assistant) -> None:
    answer = assistant.ask("hay alguna contradiccion en el periodo de medicion que indica el resumen del reporte "
                           "de la PNCTI?")
    # "¿hay alguna…?" asks whether any check disagrees: "Sí", never a "No" that reads as "none".
    assert answer.route == "comprobaciones" and "abril a diciembre de 2024" in answer.text
    assert answer.text.startswith("Sí: la única comprobación del período")


def test_two_years_offered_as_alternatives_ask_the_period_check(assistant: Assistant) -> None:
    # "las dos cosas" counts what was said: it restates no figure, so no check of a 2 answers.
    answer = assistant.ask("oye, ¿el período de medición de los indicadores fue de abril a diciembre de 2023 o "
                           "de 2024? el reporte pone las dos cosas")
    assert answer.route == "verificacion" and "período de medición de abril a diciembre de 2024" in answer.text
    from assistant.asked import stated_numbers
    assert stated_numbers("el reporte pone las dos cosas") == ()
    assert stated_numbers("el resumen dice que tiene ocho servicios") == (8.0,)


def test_a_progress_doubted_with_no_check_of_its_own_is_answered_with_the_target_it_implies(assistant: Assistant) -> None:
    # No check holds 66,7 %: the period check (about other figures) must not answer "No".
    answer = assistant.ask("¿Es coherente el avance de 66,7 % informado para el número de espacios de coordinación "
                           "implementados en 2023 con el valor obtenido?")
    assert answer.route == "indicador" and "No: el reporte no es coherente" not in answer.text
    assert "logro esperado de **3 (calculado: 2 ÷ 66.7 %; no es una cifra publicada)**" in answer.text
    # "Con un avance de 34,9 %, …" states the premise; the implied target is what is asked.
    history = [{"role": "user", "content": "¿Cuántos servidores de las UOCTI fueron capacitados en materia de CTI?"},
               {"role": "assistant", "content": "142 servidores/as"}]
    implied = assistant.ask("Con un avance de 34,9 %, ¿cuál sería el logro esperado implícito?", history)
    assert "logro esperado de **407 (calculado: 142 ÷ 34.9 %" in implied.text


def test_a_consistency_question_on_when_indicators_were_measured_gets_the_period_check(assistant: Assistant) -> None:
    answer = assistant.ask("¿El reporte de la PNCTI es consistente cuando indica el período en que se midieron "
                           "los indicadores?")
    assert answer.route == "verificacion" and "período de medición de abril a diciembre de 2024" in answer.text


def test_a_range_of_months_asked_of_which_year_is_the_period_not_the_indicator_list(assistant: Assistant) -> None:
    answer = assistant.ask("The PNCTI report says indicators were measured from April to December — of which year? "
                           "The summary seems to give two different answers.")
    assert answer.route != "indicadores-en-grupo" and "abril a diciembre de 2024" in answer.text
    from assistant.asked import _period
    assert _period().search("los indicadores se midieron de abril a diciembre")
    assert not _period().search("¿cuánto se midió en mayo?")


def test_which_objective_covers_a_role_is_no_partner_list(assistant: Assistant) -> None:
    answer = assistant.ask("Which PNCTI priority objective covers Peru acting as a South-South cooperation provider?")
    assert answer.route != "socios"
    assert "Costa Rica" not in answer.text


def test_an_english_question_is_not_refused_for_the_english_words_its_glossary_translated(assistant: Assistant) -> None:
    answer = assistant.ask("Which ministry is in charge of the PNCTI?")
    assert not answer.refused and "Ministerio rector o conductor: Ministerio de Relaciones Exteriores" in answer.text


def test_a_claimed_progress_is_checked_as_a_progress_not_as_the_value(assistant: Assistant) -> None:
    # "avance de 197.6%" is the published progress: "No, no es el valor" would deny a right claim.
    answer = assistant.ask("Verifica si el avance de 197.6% de las entidades participantes es correcto")
    assert answer.text.startswith("**Sí.** La cifra que menciona la pregunta (197.6) es el avance (%)")
    wrong_role = assistant.ask("¿Es verdad que el valor de entidades participantes fue 197.6?")
    assert wrong_role.text.startswith("**No.** La cifra que menciona la pregunta (197.6) no es el valor publicado: "
                                      "es el avance (%)")




def test_a_follow_up_with_que_is_no_partners_question_unless_the_earlier_turn_was(assistant: Assistant) -> None:
    first = "¿Cuándo se aprobó la política nacional de cooperación técnica internacional?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": assistant.ask(first).text}]
    answer = assistant.ask("¿y con qué norma?", history)
    assert answer.route != "socios" and "008-2023-RE" in answer.text


def test_the_spanish_verb_usa_names_no_country(assistant: Assistant) -> None:
    # "usa" was an alias of the United States: the question was refused as one about a country.
    answer = assistant.ask("¿Qué documento usa la APCI para medir los indicadores?")
    assert "Estados Unidos" not in answer.text
