"""Pure formatters of a chat answer, on hand-built answers and a small hand-built snapshot."""

from __future__ import annotations

import re
from types import SimpleNamespace

from assistant.answer import Answer, Citation, Figure
from assistant.web import formatting as fmt

QUOTE = (
    "En el año 2023 el indicador obtuvo un valor de 45.83%, lo que representó un avance de 94% "
    "respecto del logro esperado para dicho período."
)
QUOTE_B = (
    "El Perú participó en 72 proyectos de Cooperación Sur-Sur, siendo oferente en 32 de ellos, "
    "los cuales correspondieron a países de América Latina y el Caribe (ALC)."
)
DOC = "Reporte de cumplimiento PNCTI 2023"
NOTE = "El valor reportado (45.83%) no coincide con la proporción calculada de las cifras del texto (32 de 72 = 44.44%)"
TEXT = (
    "El indicador IOP.03.01 (porcentaje de proyectos oficiales de CSS) obtuvo en 2023 un valor de "
    "**45.83 %**, con un avance de **94 %** respecto del logro esperado. ✔ Cifra verificada en el "
    f"almacén de indicadores.\n\n> «{QUOTE}» — {DOC}, pág. 3\n\n"
    f"⚠ **Discrepancia en el propio reporte:** {NOTE}.\n\n> «{QUOTE_B}» — {DOC}, pág. 3\n\n"
    "Cálculo: 32 / 72 = 44.44 % (calculado, no es una cifra publicada)."
)


def indicator_answer(text: str = TEXT, notes: list[str] | None = None) -> Answer:
    return Answer(
        text=text,
        citations=[Citation(DOC, 3, "I. Cumplimiento > OP.03", QUOTE, "d1"), Citation(DOC, 3, "", QUOTE_B, "d1")],
        figures=[
            Figure(45.83, "%", "IOP.03.01", 2023, True, "almacén"),
            Figure(94.0, "%", "IOP.03.01", 2023, True, "almacén"),
            Figure(44.44, "%", "IOP.03.01", None, True, "calculado", "32 / 72"),
        ],
        route="indicador",
        notes=[NOTE] if notes is None else notes,
    )


def make_snapshot() -> SimpleNamespace:
    """The parts of a Snapshot the formatters read, built by hand (keys are policy::id)."""
    docs = {
        "d1": {"doc_id": "d1", "short_name": DOC, "title": "REPORTE DE CUMPLIMIENTO DE LA PNCTI", "period": 2023,
               "pages": 6, "chunks": 34, "kind": "txt", "doc_type": "reporte", "policy": "PNCTI",
               "policy_name": "Política Nacional de Cooperación Técnica Internacional al 2030",
               "ingested_at": "2024-05-01T10:20:30+00:00",
               "report": '{"indicators": 3, "values": 2, "targets": 0, "unplaced": 1}',
               "source_path": "/srv/corpus/reporte_cumplimiento_pncti_2023.txt"},
        "d0": {"doc_id": "d0", "short_name": "Reporte de cumplimiento PNCTI 2022", "title": "REPORTE 2022",
               "period": 2022, "pages": 5, "chunks": 20, "kind": "pdf", "doc_type": "reporte", "policy": "PNCTI",
               "ingested_at": "2024-04-30T08:00:00+00:00", "source_path": "/srv/corpus/reporte_2022.pdf"},
    }
    def ind(code: str | None, name: str, objective: str, page: int, service: str | None = None) -> dict:
        return {"doc_id": "d1", "code": code, "name": name, "objective": objective, "service": service,
                "page": page, "quote": f"- {code or service}: {name}.", "policy": "PNCTI"}
    indicators = {
        "PNCTI::IOP.03.01": ind("IOP.03.01", "porcentaje de proyectos oficiales de CSS", "OP.03", 3),
        "PNCTI::IOP.01.01": ind("IOP.01.01", "porcentaje de montos ejecutados", "OP.01", 2),
        "PNCTI::SS.01.02.02-1": ind(None, "número de accesiones a la página de becas", "OP.01", 4, "SS.01.02.02"),
    }
    def value(doc: str, period: int, v: float | None, unit: str | None, progress: float | None, status: str,
              page: int, quote: str) -> dict:
        return {"doc_id": doc, "period": period, "value": v, "unit": unit, "progress_pct": progress,
                "status": status, "reason": None if v is not None else quote, "page": page, "quote": quote,
                "progress_page": page if progress is not None else None,
                "progress_quote": quote if progress is not None else None}
    values = {
        "PNCTI::IOP.03.01": [value("d1", 2023, 45.83, "%", 94.0, "reportado", 3, QUOTE),
                             value("d0", 2022, 40.0, "%", 120.0, "reportado", 4, "En 2022 se obtuvo 40%.")],
        "PNCTI::IOP.01.01": [value("d1", 2023, None, None, None, "ND", 2, "No se cuenta con datos disponibles.")],
        "PNCTI::SS.01.02.02-1": [value("d1", 2023, 276.0, "accesiones", 1.0, "reportado", 4,
                                       "El indicador obtuvo un valor de 276.")],
    }
    checks = [
        {"doc_id": "d1", "kind": "proporcion", "indicator_id": "IOP.03.01", "stated": 45.83, "computed": 44.44,
         "formula": "32 / 72", "consistent": 0, "description": NOTE, "page_a": 3, "quote_a": QUOTE,
         "page_b": 3, "quote_b": QUOTE_B},
        {"doc_id": "d1", "kind": "suma", "indicator_id": None, "stated": 19.0, "computed": 19.0,
         "formula": "8 + 11", "consistent": 1, "description": "Total (19) frente a la suma (19)",
         "page_a": 1, "quote_a": "19 indicadores", "page_b": 1, "quote_b": "19 indicadores"},
    ]
    snap = SimpleNamespace(documents=docs, indicators=indicators, values=values, checks=checks,
                           indicators_by_doc={"d1": sorted(indicators), "d0": ["PNCTI::IOP.03.01"]})
    snap.doc_name = lambda doc_id: docs[doc_id]["short_name"]
    return snap


def _text(html_fragment: str) -> str:
    """Visible text of an HTML fragment (tags dropped, entities kept as written)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_fragment)).strip()


# -- small pieces ---------------------------------------------------------------------------
def test_status_thresholds() -> None:
    assert [fmt.progress_status(p) for p in (197.6, 100.0, 99.99, 94.0, 80.0, 79.9, 1.0, None)] == [
        "cumplido", "cumplido", "cerca", "cerca", "cerca", "rezagado", "rezagado", "sin_datos"]


def test_document_url_opens_a_pdf_at_its_page_and_a_text_document_at_its_page_view() -> None:
    assert fmt.document_url("", "ab12", 3, "pdf") == "/documento/ab12#page=3"
    assert fmt.document_url("/asistente/", "ab12", 3, "txt") == "/asistente/documento/ab12/pagina/3"
    assert fmt.document_url("", "ab12", None, "md") == "/documento/ab12/pagina/1"


def test_indicator_label_never_shows_the_ingest_suffix() -> None:
    assert fmt.indicator_label("IOP.03.01", "IOP.03.01", None) == "IOP.03.01"
    assert fmt.indicator_label("SS.01.02.02-1", None, "SS.01.02.02") == "Indicador de SS.01.02.02"
    assert fmt.indicator_label("SS.02.03.01-2", None, None) == "Indicador de SS.02.03.01 n.º 2"


def test_figure_label_says_how_a_figure_was_checked_without_jargon() -> None:
    assert (fmt.figure_label(Figure(45.83, "%", "IOP.03.01", 2023, True, "almacén"))
            == "45.83 % (IOP.03.01, 2023) — ✔ verificada con el reporte")
    assert (fmt.figure_label(Figure(44.44, "%", "IOP.03.01", None, True, "calculado", "32 / 72"))
            == "44.44 % (IOP.03.01) — calculado: 32 / 72 (no es una cifra publicada)")
    assert fmt.figure_label(Figure(142.0, "servidores/as", None, 2023, True, "cita")) == (
        "142 servidores/as (2023) — ✔ tomada de la cita")
    assert fmt.figure_label(Figure(3.0, None, None, None, False, "cita")) == "3 — sin verificar"


# -- the card -------------------------------------------------------------------------------
def test_figure_card_comes_from_the_store_row_of_the_answer_figure() -> None:
    card = fmt.figure_card(indicator_answer(), make_snapshot(), base="/asistente")
    assert card is not None
    assert (card.value, card.progress, card.status, card.period, card.label) == (
        "45.83 %", "94 %", "cerca", 2023, "IOP.03.01")
    assert (card.name, card.document, card.page) == ("porcentaje de proyectos oficiales de CSS", DOC, 3)
    assert card.url == "/asistente/documento/d1/pagina/3"
    html = fmt.card_html(card)
    assert "\n\n" not in html  # one HTML block for markdown
    assert _text(html) == (
        "45.83 % Avance: 94 % del logro esperado Periodo: 2023 Cerca de lo esperado IOP.03.01 porcentaje "
        f"de proyectos oficiales de CSS Fuente: {DOC}, pág. 3 · ✔ Verificada con el reporte.")
    assert '<a href="/asistente/documento/d1/pagina/3" target="_blank" rel="noopener">' in html


def test_no_card_for_refusals_other_routes_several_indicators_or_unknown_values() -> None:
    snap = make_snapshot()
    assert fmt.figure_card(Answer("No.", refused=True, route="rechazo"), snap) is None
    overview = indicator_answer()
    overview.route = "indicadores"
    assert fmt.figure_card(overview, snap) is None
    several = indicator_answer()
    several.figures.append(Figure(276.0, "accesiones", "SS.01.02.02-1", 2023, True, "almacén"))
    assert fmt.figure_card(several, snap) is None
    other_value = indicator_answer()
    other_value.figures[0] = Figure(46.0, "%", "IOP.03.01", 2023, True, "almacén")
    assert fmt.figure_card(other_value, snap) is None
    assert fmt.figure_card(indicator_answer(), None) is None


def test_card_of_an_uncoded_indicator_uses_its_readable_label() -> None:
    answer = Answer("Valor **276 accesiones**.", figures=[
        Figure(276.0, "accesiones", "SS.01.02.02-1", 2023, True, "almacén")], route="indicador")
    card = fmt.figure_card(answer, make_snapshot())
    assert card is not None and (card.label, card.value, card.status) == (
        "Indicador de SS.01.02.02", "276 accesiones", "rezagado")


# -- discrepancies --------------------------------------------------------------------------
def test_split_discrepancies_lifts_the_warning_its_quotes_and_calculation() -> None:
    kept, lifted = fmt.split_discrepancies(TEXT)
    assert kept == (
        "El indicador IOP.03.01 (porcentaje de proyectos oficiales de CSS) obtuvo en 2023 un valor de "
        "**45.83 %**, con un avance de **94 %** respecto del logro esperado. ✔ Cifra verificada en el "
        f"almacén de indicadores.\n\n> «{QUOTE}» — {DOC}, pág. 3")
    assert lifted == [(f"⚠ **Discrepancia en el propio reporte:** {NOTE}.\n\n> «{QUOTE_B}» — {DOC}, pág. 3\n\n"
                       "Cálculo: 32 / 72 = 44.44 % (calculado, no es una cifra publicada).")]
    assert fmt.split_discrepancies("Sin avisos.\n\n> «cita»") == ("Sin avisos.\n\n> «cita»", [])


def test_discrepancy_box_names_the_official_figure_the_other_and_what_to_cite() -> None:
    _, lifted = fmt.split_discrepancies(TEXT)
    box = fmt.discrepancy_html(lifted[0], make_snapshot().checks, DOC, "/documento/d1/pagina/3")
    assert box.startswith('<div class="pncti-aviso" role="note">')
    assert _text(box) == (
        "⚠ El propio reporte da dos cifras "
        "Cifra oficial: 45.83 % , la que el reporte publica como valor (pág. 3). "
        f"El mismo reporte también dice (pág. 3): «{QUOTE_B}» De ahí resulta 32 / 72 = 44.44 %, un cálculo, "
        f"no una cifra publicada. Qué citar: 45.83 %, según {DOC} . Si menciona la diferencia, presente "
        "44.44 % como cálculo a partir del texto.")
    assert _text(box).count("44.44 %") == 2 and "32 de 72 = 44.44" not in box


def test_period_discrepancy_box_and_unknown_warning_fallback() -> None:
    check = {"kind": "periodo", "stated": 2024.0, "computed": 2023.0, "consistent": 0,
             "description": "El reporte de 2023 indica un período de medición de abril a diciembre de 2024",
             "page_a": 1, "quote_a": "(de abril a diciembre de 2024).", "page_b": 1,
             "quote_b": "avances de abril a diciembre de 2023"}
    box = fmt.discrepancy_html(f"⚠ {check['description']}, pero el período que reporta es 2023", [check], DOC)
    assert "Período oficial: 2023" in box and "(de abril a diciembre de 2024)." in box
    assert "Qué citar:</strong> los datos de 2023" in box
    plain = fmt.discrepancy_html("⚠ **Aviso:** algo <raro>.\n\n> «cita»", [], DOC)
    assert _text(plain) == "⚠ Atención ⚠ Aviso: algo &lt;raro&gt;. «cita»"


# -- sources and the whole message ---------------------------------------------------------
def test_sources_collapse_with_a_link_to_each_page_and_escaped_quotes() -> None:
    html = fmt.sources_html(indicator_answer(), make_snapshot())
    assert html.startswith('<details class="pncti-fuentes"><summary>Fuentes (2 fuentes)</summary><ol>')
    assert html.count('<a href="/documento/d1/pagina/3" target="_blank" rel="noopener">') == 2
    assert f"<blockquote>«{QUOTE}»</blockquote>" in html
    assert '<span class="seccion">· I. Cumplimiento &gt; OP.03</span>' in html
    hostile = Answer("x", citations=[Citation("Doc <b>", 1, "", "a < b & <script>alert(1)</script>", "zz")])
    escaped = fmt.sources_html(hostile, make_snapshot())
    assert "<script>" not in escaped and "<b>" not in escaped and "href" not in escaped  # unknown doc: no link
    assert "a &lt; b &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in escaped
    assert fmt.sources_html(Answer("x")) == ""


def test_answer_markdown_leads_with_the_card_and_states_the_discrepancy_once() -> None:
    md = fmt.answer_markdown(indicator_answer(), make_snapshot())
    blocks = md.split("\n\n")
    assert blocks[0].startswith('<div class="pncti-cifra estado-cerca">')
    assert blocks[1].startswith("El indicador IOP.03.01") and blocks[1].endswith("respecto del logro esperado.")
    assert "almacén" not in md
    assert blocks[2] == f"> «{QUOTE}» — {DOC}, pág. 3"
    assert blocks[3].startswith('<div class="pncti-aviso" role="note">')
    assert blocks[4].startswith('<details class="pncti-fuentes">') and len(blocks) == 5
    assert "Discrepancia en el propio reporte" not in md and "Cálculo:" not in md
    assert md.count("44.44") == 2  # "32 / 72 = 44.44 %" and what to cite, nothing else


def test_answer_markdown_without_a_snapshot_keeps_a_short_check_mark() -> None:
    md = fmt.answer_markdown(indicator_answer(notes=[]))
    assert md.startswith("El indicador IOP.03.01")
    assert "respecto del logro esperado. ✔ Verificada con el reporte." in md
    assert '<div class="pncti-aviso" role="note"><p class="aviso-titulo">⚠ Atención</p>' in md


def test_a_refusal_is_its_text_only() -> None:
    refusal = Answer("No encuentro ese dato en los documentos.", refused=True, route="rechazo",
                     notes=["los documentos no cubren el año 2019"])
    assert fmt.answer_markdown(refusal, make_snapshot()) == "No encuentro ese dato en los documentos."
    assert fmt.shown_notes(refusal) == []


def test_a_note_not_in_the_text_gets_its_own_box() -> None:
    answer = indicator_answer(text="Valor **45.83 %**. ✔ Cifra verificada en el almacén de indicadores.")
    md = fmt.answer_markdown(answer, make_snapshot())
    assert md.count('class="pncti-aviso"') == 1 and "Cifra oficial: 45.83 %" in md


# -- the copy text --------------------------------------------------------------------------
def test_brief_text_is_plain_and_complete() -> None:
    question = "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?"
    assert fmt.brief_text(question, indicator_answer()) == (
        f"Pregunta: {question}\n\nRespuesta:\n"
        "El indicador IOP.03.01 (porcentaje de proyectos oficiales de CSS) obtuvo en 2023 un valor de "
        "45.83 %, con un avance de 94 % respecto del logro esperado. ✔ Verificada con el reporte.\n\n"
        f"«{QUOTE}» — {DOC}, pág. 3\n\n"
        f"⚠ Discrepancia en el propio reporte: {NOTE}.\n\n«{QUOTE_B}» — {DOC}, pág. 3\n\n"
        "Cálculo: 32 / 72 = 44.44 % (calculado, no es una cifra publicada).\n\n"
        "Fuentes:\n"
        f"1. {DOC}, pág. 3 · I. Cumplimiento > OP.03: «{QUOTE}»\n"
        f"2. {DOC}, pág. 3: «{QUOTE_B}»\n"
    )


def test_brief_text_of_a_refusal_has_no_sources() -> None:
    refusal = Answer(text="No encuentro **ese dato**.", refused=True, route="rechazo", notes=["sin evidencia"])
    assert fmt.brief_text("  ¿PBI de Chile?  ", refusal) == "Pregunta: ¿PBI de Chile?\n\nRespuesta:\nNo encuentro ese dato.\n"


def test_plain_text_drops_markdown_marks() -> None:
    assert (fmt.plain_text("## Título\n\n**45.83 %** dice:\n> «cita»\n\n\n\nfin")
            == "Título\n\n45.83 % dice:\n«cita»\n\nfin")


def test_formatters_on_the_real_seed(assistant) -> None:
    """The seed report's answer for IOP.03.01, formatted end to end with the real snapshot."""
    question = "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?"
    answer = assistant.ask(question)
    snap = assistant.kb.snapshot()
    md = fmt.answer_markdown(answer, snap)
    assert md.startswith('<div class="pncti-cifra estado-cerca"><div class="cifra-valor">45.83 %</div>')
    doc_id = answer.citations[0].doc_id
    assert f'href="/documento/{doc_id}/pagina/3"' in md
    assert md.count('class="pncti-aviso"') == 1 and "Cifra oficial: 45.83 %" in md
    assert "almacén" not in md and "Cálculo:" not in md and md.count("44.44") == 2
    brief = fmt.brief_text(question, answer)
    assert "**" not in brief and "<" not in brief and "almacén" not in brief
