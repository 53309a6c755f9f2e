"""The Indicadores and Documentos tabs (HTML from :mod:`assistant.web.dashboard`).

Both reload from the live snapshot when their tab is opened, so documents an administrator
adds appear without reloading the page. The upload area exists only when
``PNCTI_ADMIN_USER`` and ``PNCTI_ADMIN_PASSWORD`` are set; the signed-in flag is per session.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.core import Assistant
from assistant.web import dashboard as dash
from assistant.web.uploads import (
    ALLOWED_SUFFIXES,
    FILE_TYPES_TEXT,
    DocumentUploader,
    IngestBusy,
    IngestProgress,
    megabytes,
)
from ingest.generations import CorpusNotIngested

log = logging.getLogger(__name__)

POLL_SECONDS = 0.4
FAILED_LOGIN_DELAY_S = 1.0


def _snapshot(assistant: Assistant) -> Any | None:
    try:
        return assistant.kb.snapshot()
    except CorpusNotIngested:
        return None


def indicators_tab(assistant: Assistant, base: str) -> Any:
    """Filters, the status chart and the table/cards; returns the loader for the tab's select event."""
    gr.Markdown("Valores de los indicadores tal como los publica cada reporte, con su avance respecto "
                "del logro esperado. Abra «Oración de origen» para ver la cita y su página.")
    with gr.Row(equal_height=True):
        search = gr.Textbox(label="Buscar", placeholder="Código o palabra: IOP.03.01, becas…",
                            scale=3, min_width=200, elem_id="buscar-indicador")
        policy = gr.Dropdown(label="Política", choices=[dash.ALL], value=dash.ALL, scale=1,
                             min_width=140, visible=False, elem_id="politica")
        objective = gr.Dropdown(label="Objetivo prioritario", choices=[dash.ALL], value=dash.ALL,
                                scale=1, min_width=140)
        period = gr.Dropdown(label="Periodo", choices=[dash.ALL], value=dash.ALL, scale=1, min_width=110)
    count = gr.Markdown("", elem_id="cuenta-indicadores")
    chart = gr.HTML("", elem_id="grafico-avance")
    table = gr.HTML("", elem_id="tabla-indicadores")

    def rows() -> tuple[list[dict[str, Any]], Any]:
        snap = _snapshot(assistant)
        return (dash.indicator_rows(snap, base), snap) if snap is not None else ([], None)

    def view(text: str, policy_value: str, objective_value: str, period_value: str) -> tuple[str, str, str]:
        all_rows, snap = rows()
        shown = dash.filter_rows(all_rows, policy_value, objective_value, period_value, text)
        checks = list(snap.checks) if snap is not None else []
        return dash.count_text(len(shown), len(all_rows)), dash.chart_html(shown), dash.table_html(shown, checks)

    def load(text: str, policy_value: str, objective_value: str, period_value: str) -> tuple[Any, ...]:
        all_rows, _ = rows()
        policies = dash.policy_choices(all_rows)
        keep = lambda value, choices: value if value in choices else dash.ALL
        policy_value = keep(policy_value, policies)
        objectives, periods = dash.objective_choices(all_rows), dash.period_choices(all_rows)
        objective_value, period_value = keep(objective_value, objectives), keep(period_value, periods)
        return (
            gr.Dropdown(choices=policies, value=policy_value, visible=len(policies) > 2),
            gr.Dropdown(choices=objectives, value=objective_value),
            gr.Dropdown(choices=periods, value=period_value),
            *view(text, policy_value, objective_value, period_value),
        )

    filters = [search, policy, objective, period]
    gr.on([search.change, policy.input, objective.input, period.input], view, filters, [count, chart, table],
          trigger_mode="always_last", show_progress="hidden", api_visibility="private")
    return {"fn": load, "inputs": filters, "outputs": [policy, objective, period, count, chart, table],
            "show_progress": "hidden", "api_visibility": "private"}


def progress_html(job: IngestProgress | None) -> str:
    """The upload's progress bar, current step and Spanish result lines."""
    if job is None:
        return ""
    e = html.escape
    percent = round(job.fraction * 100)
    items = "".join(f"<li>{e(m)}</li>" for m in job.messages)
    listing = f"<ul>{items}</ul>" if items else ""
    return (f'<div class="pncti-progreso" role="status" aria-live="polite">'
            f'<progress max="100" value="{percent}" aria-label="Progreso de la ingesta">{percent} %</progress>'
            f"<p>{e(job.step)} ({percent} %)</p>{listing}</div>")


def documents_tab(assistant: Assistant, uploader: DocumentUploader, base: str) -> dict[str, Any]:
    """Ingested documents as cards, and the administrator's upload; returns the tab's loader."""
    summary = gr.Markdown("", elem_id="resumen-documentos")
    cards = gr.HTML("", elem_id="tabla-documentos")
    refresh = gr.Button("Actualizar", size="sm", scale=0, min_width=120)

    def load() -> tuple[str, str]:
        snap = _snapshot(assistant)
        docs = dash.document_rows(snap, base) if snap is not None else []
        return dash.documents_summary(docs), dash.documents_html(docs)

    refresh.click(load, None, [summary, cards], show_progress="hidden", api_visibility="private")
    if uploader.enabled:
        _upload_area(uploader, load, [summary, cards])
    return {"fn": load, "inputs": None, "outputs": [summary, cards], "show_progress": "hidden",
            "api_visibility": "private"}


def follow(job: IngestProgress, poll_s: float = POLL_SECONDS) -> Iterator[str]:
    """The job's progress HTML every ``poll_s`` seconds until it ends, the final state last."""
    while not job.finished:
        time.sleep(poll_s)
        yield progress_html(job)
    # The job can end while Gradio sends an update and before the loop checks again; without
    # this last yield the page kept showing "Cargando… (99 %)" after the ingest had ended.
    yield progress_html(job)


def _upload_area(uploader: DocumentUploader, reload: Any, reload_outputs: list[Any]) -> None:
    limit = megabytes(uploader.settings.upload_max_bytes)
    admin = gr.State(False)
    with gr.Accordion("Agregar documentos (administrador)", open=False, elem_id="agregar-documentos"):
        with gr.Column(visible=True) as sign_in:
            gr.Markdown("Inicie sesión como administrador para agregar reportes o decretos.")
            user = gr.Textbox(label="Usuario", elem_id="admin-usuario", max_lines=1)
            password = gr.Textbox(label="Contraseña", type="password", elem_id="admin-clave", max_lines=1)
            enter = gr.Button("Entrar", variant="primary", size="sm", elem_id="admin-entrar")
            sign_in_status = gr.Markdown("", elem_id="admin-estado")
        with gr.Column(visible=False) as upload_area:
            files = gr.File(label=f"Archivos ({FILE_TYPES_TEXT}; máximo {limit} cada uno)",
                            file_count="multiple", file_types=list(ALLOWED_SUFFIXES), type="filepath",
                            elem_id="archivos-nuevos")
            ingest = gr.Button("Agregar e ingerir", variant="primary", elem_id="ingerir")
            progress = gr.HTML("", elem_id="progreso-ingesta")

    def sign_in_fn(user_value: str, password_value: str) -> tuple[Any, ...]:
        if uploader.check_credentials(user_value, password_value):
            log.info("Inicio de sesión de administrador")
            return True, gr.Column(visible=False), gr.Column(visible=True), "", "", progress_html(uploader.progress())
        log.warning("Intento fallido de inicio de sesión de administrador")
        time.sleep(FAILED_LOGIN_DELAY_S)
        return (False, gr.Column(visible=True), gr.Column(visible=False), "",
                "Usuario o contraseña incorrectos.", gr.skip())

    gr.on([enter.click, password.submit], sign_in_fn, [user, password],
          [admin, sign_in, upload_area, password, sign_in_status, progress], api_visibility="private")

    def ingest_fn(is_admin: bool, paths: list[str] | None) -> Iterator[tuple[Any, ...]]:
        if not is_admin:
            yield gr.skip(), "<p>Inicie sesión como administrador para agregar documentos.</p>"
            return
        if not paths:
            yield gr.skip(), f"<p>Elija uno o más archivos ({FILE_TYPES_TEXT}).</p>"
            return
        saved, rejected = uploader.save([Path(p) for p in paths])
        if not saved:
            yield None, "".join(f"<p>{html.escape(r)}</p>" for r in rejected)
            return
        try:
            job = uploader.start(saved, rejected)
        except IngestBusy as exc:
            yield gr.skip(), f"<p>{html.escape(str(exc))}</p>"
            return
        yield None, progress_html(job)
        for shown in follow(job):
            yield gr.skip(), shown

    ingest.click(ingest_fn, [admin, files], [files, progress], show_progress="hidden",
                 api_visibility="private", concurrency_limit=1).then(
        reload, None, reload_outputs, show_progress="hidden", api_visibility="private")
