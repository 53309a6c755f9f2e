"""Answers that quote a passage: a report's summary, the items of a bulleted list, enumerations."""

from __future__ import annotations

from assistant.asked import read_asked
from assistant.core import Assistant
from assistant.entities import Entities


def is_summary_question(text: str) -> bool:
    return read_asked(text, text, Entities(), english=False).summary


def is_list_question(text: str) -> bool:
    return read_asked(text, text, Entities(), english=False).listing


def _items(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- «")]


def test_which_questions_ask_for_a_summary_or_a_list() -> None:
    assert is_summary_question("Resume el reporte") and is_summary_question("¿De qué trata el reporte?")
    assert is_summary_question("¿Cuáles son los principales logros del reporte?")
    assert is_summary_question("Datos clave del reporte 2023")
    # A topic question that mentions the summary is about its topic.
    assert not is_summary_question("¿En qué foros internacionales participó el Perú según el resumen?")
    assert is_list_question("¿Qué alternativas propone el reporte?")
    assert is_list_question("¿En qué foros internacionales participó el Perú?")
    assert not is_list_question("¿Qué valor tuvo el IOP.03.01?")


def test_a_summary_request_quotes_the_reports_summary(assistant: Assistant) -> None:
    answer = assistant.ask("Resume el reporte")
    assert not answer.refused and answer.text.startswith("Según el Reporte de cumplimiento PNCTI 2023:")
    items = _items(answer.text)
    assert len(items) == 4
    assert items[0].startswith("- «El presente reporte muestra los avances obtenidos")
    assert items[1].startswith("- «Los espacios de diálogo y coordinación")  # bullet dash dropped inside «»
    assert all(c.page == 1 for c in answer.citations[:4])
    # Then the figures of the report's indicators, from the store, each cited.
    assert "Resultados de los indicadores de la PNCTI en el reporte de 2023" in answer.text
    assert "**45.83 %**, avance de 94 %" in answer.text and "**4.17 %**, avance de 97.9 %" in answer.text


def test_a_list_question_quotes_every_item_of_the_section_it_names(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué alternativas de mejora propone el reporte?")
    items = _items(answer.text)
    assert len(items) == 2 and all(item.endswith("(pág. 6)") for item in items)
    assert "continuará difundiendo la Política Nacional" in items[0]
    assert "efectuará la revisión y verificación" in items[1]
    # The signature under the last item is not an alternative.
    assert "Planeamiento" not in answer.text
    # "al 2030" is the policy's name, not a figure to list under the answer.
    assert all(f.value != 2030 for f in answer.figures)


def test_a_list_question_prefers_the_sentence_that_names_the_bodies(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué foros internacionales menciona el reporte?")
    for body in ("(OCDE)", "(AGCED)", "(SEGIB)", "(OEA)"):
        assert body in answer.text
    # The sentence runs from page 1 to page 2: both are cited.
    assert "(págs. 1–2)" in answer.text


def test_the_period_question_quotes_the_report_and_its_own_inconsistency(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué período abarca la medición de los indicadores?")
    assert answer.text.startswith("Según el Reporte de cumplimiento PNCTI 2023 (pág. 1): «El presente reporte muestra"
                                  " los avances obtenidos por la Cooperación Técnica Internacional (CTI) de abril a"
                                  " diciembre de 2023")
    assert ("⚠ **Discrepancia en el propio reporte:** El reporte de 2023 indica un período de medición de abril a "
            "diciembre de 2024, pero el período que reporta es 2023.") in answer.text
    assert answer.text.count("«El presente reporte muestra") == 1  # quoted once, not again in the note



def test_names_are_counted_as_items_of_an_enumeration_or_as_proper_names() -> None:
    from assistant.passages import name_runs, named_items

    assert named_items("Entre ellos, destacan: Banco Mundial, Unión Europea y Fondo Verde.") == 3
    assert named_items("La meta se cumplió gracias a las campañas de formalización.") == 0
    assert name_runs("A nivel regional, se resalta la participación en la Comunidad Andina (CAN) y el Mercosur.") == 3


def test_a_sentence_that_announces_names_is_quoted_with_the_one_that_lists_them(assistant: Assistant) -> None:
    answer = assistant.ask("¿En qué foros y organismos de cooperación participa estratégicamente el Perú?")
    assert not answer.refused
    assert sum(name in answer.text for name in ("OCDE", "AGCED", "CEPAL", "OTCA", "SEGIB", "Alianza del Pacífico")) >= 5


def test_a_list_quoted_as_the_best_sentence_brings_the_sentence_that_names_more(assistant: Assistant) -> None:
    # The list of global forums is the best sentence; the regional ones follow it ("A nivel regional…").
    answer = assistant.ask("¿en qué espacios internacionales se destaca la participación del Perú en las actividades del OP4?")
    assert not answer.refused
    assert "(CEPAL)" in answer.text and "(SEGIB)" in answer.text and "Alianza del Pacífico" in answer.text


def test_a_verb_that_frames_a_count_is_no_topic_word_a_sentence_must_hold(assistant: Assistant) -> None:
    # "corresponden" frames the count; the sentence says "cuenta con cuatro lineamientos".
    answer = assistant.ask("¿Cuántos lineamientos corresponden al Objetivo Prioritario 04 de la PNCTI?")
    assert not answer.refused and "cuatro lineamientos" in answer.text


def test_a_reason_for_missing_data_is_quoted_with_the_sentence_that_elaborates_on_it(assistant: Assistant) -> None:
    # "…publicación en el primer trimestre de 2025." then "Los datos son obtenidos a través de la
    # Declaración Anual…, en el primer trimestre del año posterior…": the same topic, carried on.
    for question in ("¿Por qué no se reportan valores para los indicadores del Objetivo Prioritario 01?",
                     "¿Por qué el IOP.01.01 no tiene valor en 2023?"):
        answer = assistant.ask(question)
        assert "primer trimestre de 2025" in answer.text and "Declaración Anual" in answer.text, question
        assert any(c.quote.startswith("Los datos son obtenidos") for c in answer.citations)
        # The quoted sentence is its own block: a line after it is not read into the quote.
        assert "período a reportar.» — Reporte de cumplimiento PNCTI 2023, pág. 2\n\n" in answer.text or \
            answer.text.rstrip().endswith("período a reportar.» — Reporte de cumplimiento PNCTI 2023, pág. 2")
    # A reason whose next sentence is about something else stands alone.
    answer = assistant.ask("¿Por qué el IOP.02.01 no tuvo logro esperado?")
    assert "Declaración Anual" not in answer.text


def test_an_english_word_the_glossary_translates_is_not_searched_as_a_spanish_stem(assistant: Assistant) -> None:
    # "date" is "fecha", not "datos".
    answer = assistant.ask("On what date was the PNCTI approved?")
    assert "aprobada el 18 abril del mismo año" in answer.text


def test_the_bodies_two_places_of_a_report_name_are_compared_name_by_name(assistant: Assistant) -> None:
    answer = assistant.ask("los foros internacionales que nombra el resumen de la PNCTI, ¿son los mismos que se listan "
                           "en la parte del objetivo 4? ¿hay alguno que aparezca solo en un lado?")
    assert answer.route == "listas-comparadas"
    assert answer.text.startswith("No del todo: las listas no coinciden. El resumen del reporte nombra: OCDE, "
                                  "AGCED, SEGIB, OEA, AP. La sección del OP.04 nombra: AGCED, OCDE, CEPAL, OTCA, SEGIB, AP.")
    # "Alianza del Pacífico", written out in the OP.04 section, is the summary's "(AP)"; the CEPAL's
    # "América Latina y el Caribe" is no body of its own.
    assert "Solo en el resumen: OEA. Solo en la sección del OP.04: CEPAL, OTCA." in answer.text
    assert "ALC" not in answer.text.split("\n")[0]
    assert len(answer.citations) == 3


def test_guidelines_the_documents_do_not_list_are_refused_not_answered_with_a_nearby_sentence(
        assistant: Assistant) -> None:
    answer = assistant.ask("¿cuáles son los lineamientos del OP.02 de la PNCTI?")
    assert answer.refused and "no listan los lineamientos del OP.02 de la PNCTI" in answer.text
    # Their number is stated: a count is answered.
    assert "16 lineamientos" in assistant.ask("¿Cuántos lineamientos tiene la PNCTI?").text


def test_the_foreign_service_is_no_service_of_the_policy(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué acción de difusión de la PNCTI se ha previsto a través de los órganos del servicio exterior?")
    assert answer.route == "recuperacion" and "publicación física y virtual del resumen" in answer.text


def test_a_date_asked_of_an_objective_is_not_its_title(assistant: Assistant) -> None:
    answer = assistant.ask("¿A partir de cuándo se prevé poner en práctica los servicios nuevos del Objetivo "
                           "Prioritario 03 de la PNCTI?")
    assert answer.route != "objetivos" and "julio de 2024" in answer.text


def test_a_premise_that_adds_two_regions_keeps_the_how_many_it_leads(assistant: Assistant) -> None:
    for question in (("Sumando América Latina y el Caribe y otras regiones, ¿en cuántos proyectos de Cooperación "
                      "Sur-Sur actuó el Perú como oferente?"),
                     "¿en cuántos proyectos de CSS fue oferente el Perú en total, contando ALC y otras regiones?"):
        answer = assistant.ask(question)
        assert answer.route == "suma" and "35" in answer.text, question


def test_a_marker_after_the_cause_explains_what_follows_it() -> None:
    from assistant.passages import explained_part

    text = ("El Objetivo Prioritario 04 cuenta con cuatro lineamientos que responden a funciones técnico-normativas, "
            "razón por la cual no se identificaron servicios para su implementación.")
    assert explained_part(text).strip() == "no se identificaron servicios para su implementacion."
    # A marker before the cause: what comes before it is explained.
    assert explained_part("Las pérdidas bajaron hasta 18,7 % debido a la entrega de cajas.").startswith("las perdidas bajaron")


def test_por_before_a_noun_of_hindrance_gives_a_cause() -> None:
    from assistant.passages import states_cause

    assert states_cause("El porcentaje llegó a 52,3 %, ligeramente por debajo de lo previsto por demoras en la emisión.")
    assert states_cause("Se entregaron 240 colecciones, 85 % de lo programado, por retrasos en el proceso de compra.")
    assert not states_cause("El servicio es brindado por los gobiernos regionales.")
