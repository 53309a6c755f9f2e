"""Section paths and chunks of a report whose headings say "SECCIÓN" and whose lists are numbered."""

from ingest.chunking import chunk_document
from ingest.model import LoadedDocument
from ingest.normalize import normalize

PAGE = """REPORTE DE CUMPLIMIENTO 2024

SECCIÓN II. SERVICIOS
S.02.03 Servicio de financiamiento a través del Fondo Rural de Apicultura
IS.02.03.01 Monto de créditos otorgados (millones de soles): S/ 3,1 millones, con un avance de 55 % de lo programado, debido a la menor demanda de créditos en la sierra sur.

SECCIÓN IV. MEDIDAS PARA MEJORAR LA IMPLEMENTACIÓN
1. Ampliar las ferias apícolas a Puno y Cusco.
2. Reprogramar la entrega de colmenas afectadas por las heladas.
"""


def _sentences() -> dict[str, str]:
    doc = normalize(LoadedDocument("t", "reporte_pnap_2024.txt", "txt", [PAGE]))
    return {s.text: s.section for s in doc.sentences}


def test_a_heading_that_says_seccion_opens_a_section() -> None:
    sections = _sentences()
    assert sections["S.02.03 Servicio de financiamiento a través del Fondo Rural de Apicultura"] == "SECCIÓN II. SERVICIOS"


def test_a_numbered_item_that_ends_as_a_sentence_stays_in_its_section() -> None:
    sections = _sentences()
    assert sections["2. Reprogramar la entrega de colmenas afectadas por las heladas."] == \
        "SECCIÓN IV. MEDIDAS PARA MEJORAR LA IMPLEMENTACIÓN"


def test_a_coded_items_title_stays_in_the_chunk_of_its_figures() -> None:
    # Eight paragraphs of context bring the chunk to its soft limit just after the service's title.
    filler = "\n\n".join(f"Párrafo {i} de contexto sobre la campaña apícola del año con varias palabras más." for i in range(8))
    page = PAGE.replace("SECCIÓN II. SERVICIOS\n", "SECCIÓN II. SERVICIOS\n" + filler + "\n\n")
    doc = normalize(LoadedDocument("t", "reporte_pnap_2024.txt", "txt", [page]))
    chunks = chunk_document(doc)
    holding = [c for c in chunks if "Fondo Rural de Apicultura" in c.text]
    assert len(holding) == 1 and "S/ 3,1 millones" in holding[0].text
