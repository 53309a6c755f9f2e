"""Pure formatters of the web UI, on hand-built answers and a small hand-built snapshot."""

from __future__ import annotations

from pathlib import Path
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


def indicator_answer(notes: list[str] | None = None, text: str | None = None) -> Answer:
    return Answer(
        text=text
        or (
            "El indicador IOP.03.01 obtuvo en 2023 un valor de **45.83 %**, con un avance de **94 %**.\n\n"
            f"> «{QUOTE}» — {DOC}, pág. 3"
        ),
        citations=[
            Citation(DOC, 3, "I. Cumplimiento > OP.03", QUOTE, "d1"),
            Citation(DOC, 3, "", QUOTE_B, "d1"),
        ],
        figures=[
            Figure(45.83, "%", "IOP.03.01", 2023, True, "almacén"),
            Figure(94.0, "%", "IOP.03.01", 2023, True, "almacén"),
            Figure(44.44, "%", "IOP.03.01", None, True, "calculado", "32 / 72"),
            Figure(45.83, "%", "IOP.03.01", 2023, True, "almacén"),  # repeated: shown once
        ],
        route="indicador",
        notes=[NOTE] if notes is None else notes,
    )


# -- figures and citations ----------------------------------------------------------------
def test_figure_label_marks_verified_calculated_and_unchecked() -> None:
    assert (
        fmt.figure_label(Figure(45.83, "%", "IOP.03.01", 2023, True, "almacén"))
        == "45.83 % (IOP.03.01, 2023) — ✔ verificada en el almacén de indicadores"
    )
    assert (
        fmt.figure_label(Figure(44.44, "%", "IOP.03.01", None, True, "calculado", "32 / 72"))
        == "44.44 % (IOP.03.01) — calculado: 32 / 72 (no es una cifra publicada)"
    )
    assert (
        fmt.figure_label(Figure(142.0, "servidores/as", None, 2023, True, "cita"))
        == "142 servidores/as (2023) — ✔ verificada en la cita"
    )
    assert fmt.figure_label(Figure(3.0, None, None, None, False, "cita")) == "3 — sin verificar"


def test_sources_markdown_has_expandable_quotes_pages_and_figures() -> None:
    md = fmt.sources_markdown(indicator_answer(notes=[]))
    assert md.startswith("**Fuentes**\n\n")
    assert (
        '<details class="fuente"><summary>1. Reporte de cumplimiento PNCTI 2023, pág. 3 · '
        "I. Cumplimiento &gt; OP.03</summary>"
    ) in md
    assert f"<blockquote>«{QUOTE}»</blockquote>" in md
    assert "<summary>2. Reporte de cumplimiento PNCTI 2023, pág. 3</summary>" in md
    assert md.count("<details") == 2 and md.count("</details>") == 2
    assert "- 45.83 % (IOP.03.01, 2023) — ✔ verificada en el almacén de indicadores" in md
    assert "- 44.44 % (IOP.03.01) — calculado: 32 / 72 (no es una cifra publicada)" in md
    assert md.count("45.83 % (IOP.03.01, 2023)") == 1
    assert "Observaciones" not in md


def test_sources_markdown_escapes_html_in_quotes() -> None:
    answer = Answer(
        text="x", citations=[Citation("Doc <b>", 1, "", "a < b & <script>alert(1)</script>")]
    )
    md = fmt.sources_markdown(answer)
    assert "<script>" not in md and "<b>" not in md
    assert "a &lt; b &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in md


def test_notes_shown_unless_already_in_text_or_refusal() -> None:
    shown = fmt.sources_markdown(indicator_answer())
    assert f"**⚠ Observaciones**\n\n- {NOTE}" in shown
    # The composer already wrote the discrepancy into the answer: not repeated below it.
    in_text = indicator_answer(
        text=f"Valor **45.83 %**. ⚠ **Discrepancia:** {NOTE}. Cifras tal como se publican."
    )
    assert "Observaciones" not in fmt.sources_markdown(in_text)
    # A refusal's notes are its internal reasons, not discrepancies.
    refusal = Answer(
        text="No encuentro ese dato en los documentos.",
        refused=True,
        route="rechazo",
        notes=["los documentos no cubren el año 2019"],
    )
    assert fmt.sources_markdown(refusal) == ""
    assert fmt.answer_markdown(refusal) == "No encuentro ese dato en los documentos."


def test_answer_markdown_is_text_then_sources() -> None:
    answer = indicator_answer(notes=[])
    md = fmt.answer_markdown(answer)
    assert md.startswith(answer.text + "\n\n**Fuentes**")
    assert md.endswith("(no es una cifra publicada)")


# -- the copy-ready brief -----------------------------------------------------------------
def test_brief_text_is_plain_and_complete() -> None:
    question = "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?"
    brief = fmt.brief_text(question, indicator_answer())
    assert brief == (
        f"Pregunta: {question}\n"
        "\n"
        "Respuesta:\n"
        "El indicador IOP.03.01 obtuvo en 2023 un valor de 45.83 %, con un avance de 94 %.\n"
        "\n"
        f"«{QUOTE}» — {DOC}, pág. 3\n"
        "\n"
        "Fuentes:\n"
        f"1. {DOC}, pág. 3 · I. Cumplimiento > OP.03: «{QUOTE}»\n"
        f"2. {DOC}, pág. 3: «{QUOTE_B}»\n"
        "\n"
        "Cifras:\n"
        "- 45.83 % (IOP.03.01, 2023) — ✔ verificada en el almacén de indicadores\n"
        "- 94 % (IOP.03.01, 2023) — ✔ verificada en el almacén de indicadores\n"
        "- 44.44 % (IOP.03.01) — calculado: 32 / 72 (no es una cifra publicada)\n"
        "\n"
        "Observaciones:\n"
        f"- {NOTE}\n"
    )


def test_brief_text_of_a_refusal_has_no_sources() -> None:
    refusal = Answer(
        text="No encuentro **ese dato**.", refused=True, route="rechazo", notes=["sin evidencia"]
    )
    assert (
        fmt.brief_text("  ¿PBI de Chile?  ", refusal)
        == "Pregunta: ¿PBI de Chile?\n\nRespuesta:\nNo encuentro ese dato.\n"
    )


def test_plain_text_drops_markdown_marks() -> None:
    assert (
        fmt.plain_text("## Título\n\n**45.83 %** dice:\n> «cita»\n\n\n\nfin")
        == "Título\n\n45.83 % dice:\n«cita»\n\nfin"
    )


# -- indicators and documents -------------------------------------------------------------
def make_snapshot() -> SimpleNamespace:
    """The parts of a Snapshot the formatters read, built by hand."""
    docs = {
        "d1": {
            "doc_id": "d1",
            "short_name": DOC,
            "title": "REPORTE DE CUMPLIMIENTO DE LA PNCTI",
            "period": 2023,
            "pages": 6,
            "chunks": 34,
            "ingested_at": "2024-05-01T10:20:30+00:00",
            "source_path": "/srv/corpus/reporte_cumplimiento_pncti_2023.txt",
        },
        "d0": {
            "doc_id": "d0",
            "short_name": "Reporte de cumplimiento PNCTI 2022",
            "title": "REPORTE 2022",
            "period": 2022,
            "pages": 5,
            "chunks": 20,
            "ingested_at": "2024-04-30T08:00:00+00:00",
            "source_path": "/srv/corpus/reporte_2022.pdf",
        },
    }
    indicators = {
        "IOP.03.01": {
            "doc_id": "d1",
            "code": "IOP.03.01",
            "name": "porcentaje de proyectos oficiales de CSS",
            "objective": "OP.03",
            "service": None,
            "page": 3,
            "quote": "- IOP.03.01: porcentaje de proyectos.",
        },
        "IOP.01.01": {
            "doc_id": "d1",
            "code": "IOP.01.01",
            "name": "porcentaje de montos ejecutados",
            "objective": "OP.01",
            "service": None,
            "page": 2,
            "quote": "- IOP.01.01: porcentaje de montos.",
        },
        "IOP.10.01": {
            "doc_id": "d1",
            "code": "IOP.10.01",
            "name": "becas otorgadas",
            "objective": "OP.01",
            "service": None,
            "page": 2,
            "quote": "- IOP.10.01: becas otorgadas.",
        },
    }
    values = {
        "IOP.03.01": [
            {
                "doc_id": "d1",
                "period": 2023,
                "value": 45.83,
                "unit": "%",
                "progress_pct": 94.0,
                "status": "reportado",
                "reason": None,
                "page": 3,
                "quote": QUOTE,
                "progress_page": 3,
                "progress_quote": QUOTE,
            },
            {
                "doc_id": "d0",
                "period": 2022,
                "value": 40.0,
                "unit": "%",
                "progress_pct": 120.0,
                "status": "reportado",
                "reason": None,
                "page": 4,
                "quote": "En 2022 se obtuvo 40%.",
                "progress_page": None,
                "progress_quote": None,
            },
        ],
        "IOP.01.01": [
            {
                "doc_id": "d1",
                "period": 2023,
                "value": None,
                "unit": None,
                "progress_pct": None,
                "status": "ND",
                "reason": "No se cuenta con datos disponibles.",
                "page": 2,
                "quote": "No se cuenta con datos disponibles.",
                "progress_page": None,
                "progress_quote": None,
            },
        ],
    }
    checks = [
        {"indicator_id": "IOP.03.01", "consistent": 0, "formula": "32 / 72", "description": NOTE}
    ]
    snap = SimpleNamespace(documents=docs, indicators=indicators, values=values, checks=checks)
    snap.doc_name = lambda doc_id: docs[doc_id]["short_name"]
    return snap


def test_indicator_table_rows_sorted_with_values_and_sources() -> None:
    rows = fmt.indicator_table(make_snapshot())
    assert [(r["code"], r["period"]) for r in rows] == [
        ("IOP.01.01", 2023),
        ("IOP.03.01", 2022),
        ("IOP.03.01", 2023),
        ("IOP.10.01", None),
    ]
    row = rows[2]
    assert (
        row["value_text"],
        row["progress_text"],
        row["status_label"],
        row["document"],
        row["page"],
    ) == ("45.83 %", "94 %", "Reportado", DOC, 3)
    assert row["quote"] == QUOTE
    nd = rows[0]
    assert (nd["value_text"], nd["progress_text"], nd["status_label"]) == (
        "ND",
        "—",
        "Sin dato (ND)",
    )
    no_value = rows[3]
    assert (no_value["value_text"], no_value["status_label"], no_value["quote"]) == (
        "ND",
        "Sin estado",
        "- IOP.10.01: becas otorgadas.",
    )
    assert fmt.table_rows([row]) == [
        [
            "IOP.03.01",
            "porcentaje de proyectos oficiales de CSS",
            "OP.03",
            2023,
            "45.83 %",
            "94 %",
            "Reportado",
            DOC,
            3,
        ]
    ]
    assert fmt.headers() == [
        "Código",
        "Indicador",
        "Objetivo",
        "Periodo",
        "Valor",
        "Avance",
        "Estado",
        "Documento",
        "Pág.",
    ]


def test_filter_indicators_by_objective_period_and_text() -> None:
    rows = fmt.indicator_table(make_snapshot())
    assert fmt.objective_choices(rows) == ["Todos", "OP.01", "OP.03"]
    assert fmt.period_choices(rows) == ["Todos", "2022", "2023"]
    codes = lambda rs: [(r["code"], r["period"]) for r in rs]
    assert codes(fmt.filter_indicators(rows, "OP.03", "Todos", "")) == [
        ("IOP.03.01", 2022),
        ("IOP.03.01", 2023),
    ]
    assert codes(fmt.filter_indicators(rows, "Todos", "2023", None)) == [
        ("IOP.01.01", 2023),
        ("IOP.03.01", 2023),
    ]
    assert codes(fmt.filter_indicators(rows, None, 2022)) == [("IOP.03.01", 2022)]
    # Every word must match; accents and case are ignored.
    assert codes(fmt.filter_indicators(rows, text="PROYECTOS oficiales")) == [
        ("IOP.03.01", 2022),
        ("IOP.03.01", 2023),
    ]
    assert codes(fmt.filter_indicators(rows, text="iop.10")) == [("IOP.10.01", None)]
    assert codes(fmt.filter_indicators(rows, text="año 2023 logró")) == [("IOP.03.01", 2023)]
    assert codes(fmt.filter_indicators(rows, text="ano 2023 logro")) == [("IOP.03.01", 2023)]
    assert codes(fmt.filter_indicators(rows, text="becas 2023")) == []
    assert fmt.filter_indicators(rows, "OP.04") == []


def test_progress_points_stack_progress_and_remainder_to_100() -> None:
    rows = fmt.indicator_table(make_snapshot())
    points = fmt.progress_points(rows)
    assert points == [
        {"Indicador": "IOP.03.01 (2022)", "Serie": "Falta para la meta (100 %)", "Porcentaje": 0.0},
        {"Indicador": "IOP.03.01 (2022)", "Serie": "Avance logrado", "Porcentaje": 120.0},
        {"Indicador": "IOP.03.01 (2023)", "Serie": "Falta para la meta (100 %)", "Porcentaje": 6.0},
        {"Indicador": "IOP.03.01 (2023)", "Serie": "Avance logrado", "Porcentaje": 94.0},
    ]
    one_period = fmt.progress_points(fmt.filter_indicators(rows, period="2023"))
    assert [p["Indicador"] for p in one_period] == ["IOP.03.01", "IOP.03.01"]
    assert fmt.progress_points([]) == []


def test_indicator_detail_shows_source_sentence_page_and_discrepancy() -> None:
    snap = make_snapshot()
    rows = fmt.indicator_table(snap)
    row = fmt.find_row(rows, "IOP.03.01", "2023")
    assert row is not None and row["period"] == 2023
    detail = fmt.indicator_detail(row, snap.checks)
    assert detail.startswith("### IOP.03.01 — porcentaje de proyectos oficiales de CSS\n\n")
    assert (
        "Objetivo: OP.03 · Periodo: 2023 · Valor: 45.83 % · Avance: 94 % · Estado: Reportado"
        in detail
    )
    assert f"> «{QUOTE}»\n>\n> — {DOC}, pág. 3" in detail
    assert detail.count(QUOTE) == 1  # the progress sentence is the same one
    assert f"⚠ Discrepancia: {NOTE}. Cálculo: 32 / 72." in detail
    assert "Definición (pág. 3): «- IOP.03.01: porcentaje de proyectos.»" in detail
    nd = fmt.indicator_detail(fmt.find_row(rows, "IOP.01.01", 2023), snap.checks)
    assert (
        "Discrepancia" not in nd and "Motivo" not in nd
    )  # the reason is the quoted sentence itself
    assert fmt.find_row(rows, "IOP.10.01", "") is not None
    assert fmt.find_row(rows, "IOP.99.99", 2023) is None
    assert (
        fmt.indicator_detail(None)
        == "Seleccione una fila de la tabla para ver la oración de origen y su página."
    )


def test_documents_table_and_summary() -> None:
    docs = fmt.documents_table(make_snapshot())
    assert docs == [
        {
            "name": DOC,
            "title": "REPORTE DE CUMPLIMIENTO DE LA PNCTI",
            "period": 2023,
            "pages": 6,
            "chunks": 34,
            "ingested": "2024-05-01 10:20",
            "file": "reporte_cumplimiento_pncti_2023.txt",
        },
        {
            "name": "Reporte de cumplimiento PNCTI 2022",
            "title": "REPORTE 2022",
            "period": 2022,
            "pages": 5,
            "chunks": 20,
            "ingested": "2024-04-30 08:00",
            "file": "reporte_2022.pdf",
        },
    ]
    assert fmt.table_rows(docs[:1], fmt.DOCUMENT_COLUMNS) == [
        [DOC, 2023, 6, 34, "2024-05-01 10:20", "reporte_cumplimiento_pncti_2023.txt"]
    ]
    assert (
        fmt.documents_summary(docs)
        == "2 documentos ingeridos · 11 páginas · 54 fragmentos indexados."
    )
    assert (
        fmt.documents_summary(docs[:1])
        == "1 documento ingerido · 6 páginas · 34 fragmentos indexados."
    )
    assert fmt.documents_summary([]) == "Aún no hay documentos ingeridos: ejecute `pncti ingest`."


def test_formatters_on_the_real_seed(assistant) -> None:
    """The seed report's answer for IOP.03.01, formatted end to end."""
    question = "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?"
    answer = assistant.ask(question)
    md = fmt.answer_markdown(answer)
    assert "45.83 %" in md and "pág. 3" in md
    assert "45.83 % (IOP.03.01, 2023) — ✔ verificada en el almacén de indicadores" in md
    assert "calculado: 32 / 72" in md
    brief = fmt.brief_text(question, answer)
    assert "**" not in brief and "<" not in brief
    rows = fmt.indicator_table(assistant.kb.snapshot())
    row = fmt.find_row(rows, "IOP.03.01", 2023)
    assert row is not None and (row["value_text"], row["page"]) == ("45.83 %", 3)
    assert (
        Path(fmt.documents_table(assistant.kb.snapshot())[0]["file"]).name
        == "reporte_cumplimiento_pncti_2023.txt"
    )
