"""Who signed a document: read from its closing lines, whatever their shape."""

from __future__ import annotations

from assistant.core import Assistant
from assistant.knowledge import SentenceRec
from assistant.signature import read_signature


def _tail(*lines: str) -> list[SentenceRec]:
    return [SentenceRec("d1", seq, "c1", 3, 3, "", None, text, "Reporte", 2025, frozenset(), "PX")
            for seq, text in enumerate(lines)]


def test_a_block_of_name_and_position_lines() -> None:
    found = read_signature("d1", _tail("- Se revisará la información reportada.", "María del Pilar Quispe Rojas",
                                       "Directora General", "de Planeamiento", "Ministerio de Salud"))
    assert found is not None and found.name == "María del Pilar Quispe Rojas"
    assert found.role == "Directora General de Planeamiento, Ministerio de Salud" and found.place_date is None
    assert found.page == 3 and found.quotes[0] == "María del Pilar Quispe Rojas"


def test_a_place_and_date_line_before_the_name() -> None:
    found = read_signature("d1", _tail("3. Reprogramar las obras.", "Cusco, 5 de abril de 2025", "Juan Pérez Soto",
                                       "Jefe de la Oficina de Estadística"))
    assert found is not None and found.place_date == "Cusco, 5 de abril de 2025"
    assert found.quotes == ("Cusco, 5 de abril de 2025", "Juan Pérez Soto", "Jefe de la Oficina de Estadística")


def test_one_line_that_says_firma() -> None:
    found = read_signature("d1", _tail("- Concluir el registro.", "Firma: Ana Torres Vega, Coordinadora del Programa."))
    assert found is not None and (found.name, found.role) == ("Ana Torres Vega", "Coordinadora del Programa")


def test_no_signature_when_the_document_ends_in_text_or_a_table() -> None:
    assert read_signature("d1", _tail("El indicador alcanzó 45 %.", "IOP.01.01 | Índice | 2020: 1,9 | 2,2")) is None
    # A position alone is not a name.
    assert read_signature("d1", _tail("La meta se cumplió.", "Ministro Consejero", "Oficina General")) is None


def test_who_signed_gets_the_signatory_with_the_quoted_lines(assistant: Assistant) -> None:
    answer = assistant.ask("¿Quién firmó el reporte de cumplimiento?")
    assert answer.route == "firmante" and not answer.refused
    assert "**Humberto Velásquez Guevara**" in answer.text and "Ministro Consejero" in answer.text
    assert {c.page for c in answer.citations} == {6}
    english = assistant.ask("Who signed the report?")
    assert english.route == "firmante" and "Humberto Velásquez Guevara" in english.text
    # Signing agreements with countries is a partner question, not the report's signature.
    assert assistant.ask("¿Con qué países se firmaron convenios?").route != "firmante"
