"""What a policy is made of: its partners, its priority objectives, an objective's services."""

from __future__ import annotations

from assistant.analysis import Analysis
from assistant.answer import Answer
from assistant.answers.base import Context
from assistant.answers.indicator import partners_of_indicator


def partners(ctx: Context, q: Analysis) -> Answer | None:
    """The partner countries, filtered by the region, country and role asked."""
    if q.codes and not (q.countries or q.regions or q.other_regions):
        q = partners_of_indicator(ctx.snap, q)
    draft = ctx.structured.partners_answer(ctx.snap, q)
    return ctx.finish(draft) if draft is not None else None


def services(ctx: Context, q: Analysis) -> Answer | None:
    """The services of the objective asked."""
    return ctx.finish(ctx.structured.services_answer(ctx.snap, q))


def objectives(ctx: Context, q: Analysis) -> Answer | None:
    """The priority objectives (or the one asked)."""
    draft = ctx.structured.objectives_answer(ctx.snap, q)
    return ctx.finish(draft) if draft is not None else None
