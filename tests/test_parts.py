"""Questions asked in one breath are answered part by part."""

from __future__ import annotations

import pytest

from assistant.core import Assistant
from assistant.parts import split_parts


@pytest.mark.parametrize("text, parts", [
    ("¿Cuántos objetivos prioritarios y cuántos lineamientos contempla la PNBP?",
     ["¿Cuántos objetivos prioritarios?", "¿cuántos lineamientos contempla la PNBP?"]),
    ("¿Por qué no hay valor para el indicador, y qué hizo la APCI al respecto?",
     ["¿Por qué no hay valor para el indicador?", "¿qué hizo la APCI al respecto?"]),
    ("cuantos lineamientos, servicios y actividades operativas tiene la pncti",
     ["¿cuantos lineamientos tiene la pncti?", "¿cuantos servicios tiene la pncti?",
      "¿cuantos actividades operativas tiene la pncti?"]),
])
def test_a_question_that_asks_several_things_is_split(text: str, parts: list[str]) -> None:
    assert split_parts(text) == parts


@pytest.mark.parametrize("text", [
    "¿Cuál es el valor del IOP.03.01?",
    "¿Qué países y qué temas?",  # a part of one or two words is a word of the question
    "When and where was the report signed, and by whom?",
    "¿Cuántos países socios tiene el Perú?",
])
def test_a_single_question_is_not_split(text: str) -> None:
    assert split_parts(text) == [text]


def test_each_part_is_answered_numbered_with_the_subject_the_whole_question_gives(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántos objetivos prioritarios tiene la política y cuántos servicios tiene el OP.02?")
    assert answer.route == "varias-preguntas" and not answer.refused
    first, second = answer.text.split("**2. ")
    assert first.startswith("**1. ") and "OP.04" in first
    assert "SS.02.05.01" in second and "SS.01.02.01" not in second



def test_a_part_takes_its_subject_from_its_question_not_from_the_earlier_turns(assistant: Assistant) -> None:
    history = [{"role": "user", "content": "¿Cuál fue el valor del IOP.03.01?"}, {"role": "assistant", "content": "…"}]
    answer = assistant.ask("¿Cuál es su valor y cuál es el avance del IOP.03.02?", history)
    assert answer.route == "varias-preguntas"
    first = answer.text.split("**2. ")[0]
    assert "IOP.03.02" in first and "45.83" not in first


@pytest.mark.parametrize(("text", "n"), [
    ("oye, ¿cuánto se esperaba lograr en 2023 en el índice de lectura?", 1),
    ("rutas de bibliobus: cual era la linea de base, cuanto se esperaba en 2023, cuantas operaron", 3),
    ("¿cuántos objetivos prioritarios y cuántos lineamientos contempla la PNBP?", 2),
    ("¿y cuánto salió al final el indicador de iniciativas?", 1),
])
def test_parts_are_counted_by_the_clauses_that_ask(text: str, n: int) -> None:
    from assistant.parts import count_parts
    from ingest.numbers import strip_accents

    assert count_parts(strip_accents(text).lower()) == n
