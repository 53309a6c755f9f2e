"""What an acronym stands for, read where a document spells it out."""

from __future__ import annotations

import pytest

from assistant.acronyms import long_form_before
from assistant.core import Assistant


@pytest.mark.parametrize("text, short, long_form", [
    ("la gestión planificada de la Cooperación Sur-Sur ", "CSS", "Cooperación Sur-Sur"),
    ("Comisión Económica para América Latina y el Caribe ", "CEPAL", "Comisión Económica para América Latina y el Caribe"),
    ("número de servidores de las unidades orgánicas encargadas de la Cooperación Técnica Internacional ",
     "UOCTI", "unidades orgánicas encargadas de la Cooperación Técnica Internacional"),
    ("Ministerio de Salud ", "MINSA", None),  # initials that do not spell it
])
def test_the_long_form_is_read_back_from_the_bracket(text: str, short: str, long_form: str | None) -> None:
    assert long_form_before(text, short) == long_form


def test_what_acronyms_stand_for_is_answered_with_the_sentence_that_spells_them_out(assistant: Assistant) -> None:
    answer = assistant.ask("que significan las siglas CSS y ALC en el reporte de cooperacion")
    assert answer.route == "siglas" and not answer.refused
    assert "**CSS**: Cooperación Sur-Sur" in answer.text and "**ALC**: América Latina y el Caribe" in answer.text
    assert all(c.page for c in answer.citations)
    # A meaning asked of something that is not an acronym goes elsewhere.
    assert assistant.ask("¿Qué significa el avance de 94 % del IOP.03.01?").route != "siglas"


def test_a_two_letter_or_dotted_short_form_and_a_note_that_defines_one(assistant: Assistant) -> None:
    from assistant.acronyms import _DEFINED, _initials_spell

    m = _DEFINED.search("Nota: n.d. = no determinado. El resto …")
    assert m and m.group(1) == "n.d." and _initials_spell(m.group(2), "ND")
    assert not _initials_spell("sin datos", "SI")
    answer = assistant.ask("What does 'ND' stand for in the report?")
    assert answer.route == "siglas" and "**ND**: no disponible" in answer.text
    # A short form with dots is asked about by itself.
    from assistant.catalog import catalog_from_snapshot
    from assistant.question import parse
    from assistant.routing import route

    q = parse("¿n.d. en el cuadro?", catalog_from_snapshot(assistant.kb.snapshot()))
    assert q.asked.dotted and route(q).name == "siglas"


def test_a_footnote_spells_out_the_short_form_its_marker_follows(assistant) -> None:
    from assistant.acronyms import acronyms

    found = acronyms(assistant.kb.snapshot())
    assert found["ODS"].long_form == "Objetivo de Desarrollo Sostenible"
    answer = assistant.ask("q significa ODS en el indicador IOP.01.02?")
    assert answer.route == "siglas" and "Objetivo de Desarrollo Sostenible" in answer.text
