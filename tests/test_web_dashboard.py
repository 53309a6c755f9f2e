"""Indicadores and Documentos tabs: rows, filters, chart, cards, on a hand-built and the real snapshot."""

from __future__ import annotations

import re

from assistant.web import dashboard as dash
from tests.test_formatting import DOC, QUOTE, make_snapshot


def _rows() -> list[dict]:
    return dash.indicator_rows(make_snapshot())


def test_indicator_rows_in_code_order_with_labels_status_and_links() -> None:
    rows = _rows()
    assert [(r["label"], r["period"], r["status"]) for r in rows] == [
        ("IOP.01.01", 2023, "sin_datos"),
        ("IOP.03.01", 2022, "cumplido"),
        ("IOP.03.01", 2023, "cerca"),
        ("Indicador de SS.01.02.02", 2023, "rezagado"),
    ]
    row = rows[2]
    assert (row["value_text"], row["progress_text"], row["document"], row["page"], row["quote"]) == (
        "45.83 %", "94 %", DOC, 3, QUOTE)
    assert row["url"] == "/documento/d1/pagina/3"
    assert rows[1]["url"] == "/documento/d0#page=4"  # the 2022 report is a PDF
    assert (rows[0]["value_text"], rows[0]["progress_text"], rows[0]["value_status"]) == ("ND", "—", "ND")


def test_filters_by_policy_objective_period_and_words() -> None:
    rows = _rows()
    labels = lambda rs: [(r["label"], r["period"]) for r in rs]
    assert dash.policy_choices(rows) == ["Todos", "PNCTI"]
    assert dash.objective_choices(rows) == ["Todos", "OP.01", "OP.03"]
    assert dash.period_choices(rows) == ["Todos", "2022", "2023"]
    assert labels(dash.filter_rows(rows, "PNCTI", "OP.03", "Todos", "")) == [("IOP.03.01", 2022), ("IOP.03.01", 2023)]
    assert labels(dash.filter_rows(rows, period="2022")) == [("IOP.03.01", 2022)]
    assert labels(dash.filter_rows(rows, policy="OTRA")) == []
    assert labels(dash.filter_rows(rows, text="becas")) == [("Indicador de SS.01.02.02", 2023)]
    assert labels(dash.filter_rows(rows, text="rezagado")) == [("Indicador de SS.01.02.02", 2023)]
    assert labels(dash.filter_rows(rows, text="ano 2023 logro")) == [("IOP.03.01", 2023)]
    assert dash.count_text(2, 4) == "Mostrando 2 de 4 valores de indicadores."
    assert dash.count_text(0, 0) == "Aún no hay indicadores: ejecute `pncti ingest`."


def test_chart_colours_by_status_draws_the_goal_line_and_lists_rows_without_data() -> None:
    rows = _rows()
    html = dash.chart_html(rows)
    assert dash.chart_scale(rows) == 150.0  # 120 % rounds up to the next multiple of 50
    bars = re.findall(r'<li class="fila( sin-datos)?"><span class="codigo">([^<]+)</span>', html)
    assert [label for _, label in bars] == ["IOP.01.01 (2023)", "IOP.03.01 (2022)", "IOP.03.01 (2023)",
                                            "Indicador de SS.01.02.02 (2023)"]
    assert bars[0][0] == " sin-datos" and "Sin dato (ND)" in html
    assert '<span class="barra estado-cumplido" style="width:80.00%">' in html  # 120 / 150
    assert '<span class="barra estado-cerca" style="width:62.67%">' in html  # 94 / 150
    assert '<span class="barra estado-rezagado" style="width:0.67%">' in html  # 1 / 150
    assert html.count('<span class="meta" style="left:66.67%">') == 4  # the 100 % line on every row
    assert '>100 % (meta)</span>' in html and ">150 %</span>" in html
    assert ">94 %<span class=\"sr-only\">, cerca de lo esperado</span>" in html
    legend = re.sub(r"<[^>]+>", "", dash.legend_html(rows))
    assert legend == ("Cumplido (avance ≥ 100 %): 1Cerca de lo esperado (avance de 80 % a menos de 100 %): 1"
                      "Rezagado (avance &lt; 80 %): 1Sin datos de avance (sin avance publicado): 1")
    assert dash.chart_html([]) == '<div class="pncti-grafico"><p>No hay indicadores con este filtro.</p></div>'


def test_table_has_a_data_label_per_cell_for_the_phone_cards_and_the_origin() -> None:
    snap = make_snapshot()
    rows = dash.indicator_rows(snap)
    html = dash.table_html([r for r in rows if r["label"] == "IOP.03.01" and r["period"] == 2023], snap.checks)
    assert re.findall(r'data-label="([^"]+)"', html) == ["Código", "Indicador", "Periodo", "Valor", "Avance",
                                                         "Estado", "Fuente"]
    assert '<span class="codigo">IOP.03.01</span>' in html
    assert '<tr class="estado-cerca">' in html
    assert f"<blockquote>«{QUOTE}» <span class=\"pag\">pág. 3</span></blockquote>" in html
    assert "⚠ Discrepancia: El valor reportado (45.83%) no coincide" in html and "Cálculo: 32 / 72." in html
    assert f'<a href="/documento/d1/pagina/3" target="_blank" rel="noopener">{DOC}, pág. 3</a>' in html
    assert dash.table_html([]) == '<p class="pncti-vacio">No hay indicadores con este filtro.</p>'


def test_lima_time() -> None:
    assert dash.lima_time("2024-05-01T10:20:30+00:00") == "2024-05-01 05:20"
    assert dash.lima_time("2024-12-31T03:00:00+00:00") == "2024-12-30 22:00"
    assert dash.lima_time("") == "" and dash.lima_time("ayer") == "ayer"


def test_document_rows_read_the_ingest_report_and_optional_keys() -> None:
    snap = make_snapshot()
    snap.documents["d0"]["doc_kind"] = "politica"
    docs = dash.document_rows(snap)
    assert [d["name"] for d in docs] == [DOC, "Reporte de cumplimiento PNCTI 2022"]
    first, second = docs
    assert (first["policy"], first["kind"], first["format"], first["period"], first["pages"]) == (
        "PNCTI", "Reporte de cumplimiento", "TXT", 2023, 6)
    assert (first["indicators"], first["values"], first["unplaced"], first["discrepancies"]) == (3, 2, 1, 1)
    assert first["ingested"] == "2024-05-01 05:20" and first["file"] == "reporte_cumplimiento_pncti_2023.txt"
    assert first["url"] == "/documento/d1/pagina/1"
    # No report stored: counts come from the snapshot; a "politica" kind is named as such.
    assert (second["kind"], second["indicators"], second["values"], second["unplaced"]) == (
        "Política (decreto)", 1, 1, None)
    html = dash.documents_html(docs)
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Informe de ingesta:  3 indicadores · 2 valores · 1 cifra sin rol asignado · 1 discrepancia." in text
    assert "2024-05-01 05:20 (hora de Lima)" in text
    assert "Política Nacional de Cooperación Técnica Internacional al 2030" in text
    assert dash.documents_summary(docs) == "2 documentos ingeridos · 11 páginas · 54 fragmentos indexados."
    assert dash.documents_summary([]).startswith("Aún no hay documentos ingeridos")


def test_dashboard_on_the_real_seed(assistant) -> None:
    """The seed's 16 indicators: 7 without progress are listed, uncoded ones have readable labels."""
    snap = assistant.kb.snapshot()
    rows = dash.indicator_rows(snap)
    assert len(rows) == 16
    assert [r["label"] for r in rows if not r["code"]] == [
        "Indicador de SS.01.02.02", "Indicador de SS.02.02.01", "Indicador de SS.02.03.01",
        "Indicador de SS.02.05.01"]
    assert {s: sum(r["status"] == s for r in rows) for s in dash.STATUS_ORDER} == {
        "cumplido": 2, "cerca": 3, "rezagado": 4, "sin_datos": 7}
    html = dash.chart_html(rows)
    assert html.count('<li class="fila') == 16 and html.count('<li class="fila sin-datos">') == 7
    assert "SS.01.02.02-1" not in html and "SS.01.02.02-1" not in dash.table_html(rows, snap.checks)
    docs = dash.document_rows(snap)
    assert [(d["name"], d["pages"], d["kind"]) for d in docs] == [
        ("Reporte de cumplimiento PNCTI 2023", 6, "Reporte de cumplimiento")]


def test_policy_selector_appears_only_with_several_policies() -> None:
    """The Indicadores loader, run on a snapshot with one policy, then with two."""
    from types import SimpleNamespace

    import gradio as gr

    from assistant.web.tabs import indicators_tab

    snap = make_snapshot()
    assistant = SimpleNamespace(kb=SimpleNamespace(snapshot=lambda: snap))
    with gr.Blocks():
        loader = indicators_tab(assistant, "")
    policy, *_ = loader["fn"]("", "Todos", "Todos", "Todos")
    assert policy.visible is False and policy.choices == [("Todos", "Todos"), ("PNCTI", "PNCTI")]
    other = dict(snap.indicators["PNCTI::IOP.01.01"], policy="PNDI", code="IOP.01.01")
    snap.indicators["PNDI::IOP.01.01"] = other
    policy, _, _, count, _, table = loader["fn"]("", "PNDI", "Todos", "Todos")
    assert policy.visible is True and policy.value == "PNDI"
    assert [c[0] for c in policy.choices] == ["Todos", "PNCTI", "PNDI"]
    assert count == "Mostrando 1 de 5 valores de indicadores."
    assert table.count("<tr class=") == 1
