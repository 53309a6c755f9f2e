"""Answers about indicators as a group: without data, above or below a threshold, ranked,
listed, or an objective's indicators with their figures."""

from __future__ import annotations

from dataclasses import replace

from assistant.analysis import Analysis
from assistant.answer import Answer
from assistant.answers.base import Context
from assistant.asked import Asked
from assistant.overview import overview_answer


def overview_mode_of(asked: Asked, top: str, asks: set[str], objective_named: bool = False) -> str | None:
    """'nd', 'threshold', 'rank' or 'list' when the question is about the indicators as a group
    (``objective_named``: the question names a priority objective by its number or code)."""
    mode = asked.overview
    counted = asked.count_start or asked.amount
    if asked.level and not counted and (mode == "list" or asked.listing or asked.summary_word
                                        or top in {"indicator_list", "objectives", "summary", "services"}):
        return "list"  # "Liste los indicadores de objetivos prioritarios", "Resuma su desempeño": that level's
    # "¿con qué indicador miden el OP4?" asks for that objective's indicators, however the classifier
    # reads its shape ("definition"); with no objective named, a definition reading is not a list.
    unlisted = {"why", "partners", "services"} | (set() if objective_named else {"definition"})
    if mode == "list" and (unlisted & asks or asked.services_word and asked.level != "servicio"):
        return None  # "¿Qué servicios…?" asks for services, not a list of indicators
    if mode is None and top == "indicator_list" and asked.indicators_word and not (asked.other_head or asked.period):
        return "list"  # not "¿qué fuente usan los indicadores?", which asks the source
    return mode


def overview_mode(q: Analysis) -> str | None:
    """The group mode of a request (see :func:`overview_mode_of`)."""
    return overview_mode_of(q.asked, q.top, q.intents, objective_named=q.objective is not None)


def indicators(ctx: Context, q: Analysis) -> Answer | None:
    """The indicators of the group the question describes."""
    mode = overview_mode(q)
    return ctx.finish(overview_answer(ctx.structured, ctx.snap, q, mode)) if mode else None


def objective_status(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Qué avance tuvo el objetivo 1?", "¿Cómo va el OP.03?": its indicators' figures, never a
    sentence about another objective that happens to share words with the question."""
    return ctx.finish(overview_answer(ctx.structured, ctx.snap, q, "objective"))


def services_results(ctx: Context, q: Analysis) -> Answer | None:
    """"Resumen de cómo les fue a los servicios del OP.02", "how the PNPA services performed": the
    figures of the service-level indicators of the policy asked; an objective's are shown with its
    own, as its status is (the services say how the objective went)."""
    if q.objective:
        return ctx.finish(overview_answer(ctx.structured, ctx.snap, q, "objective"))
    scoped = replace(q, asked=replace(q.asked, level="servicio"))
    return ctx.finish(overview_answer(ctx.structured, ctx.snap, scoped, "summary"))

