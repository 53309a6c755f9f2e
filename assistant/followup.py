"""Follow-up questions: an elliptical turn ("¿Y en otras regiones?", "¿y su avance?") takes
what it leaves out from the turn before."""

from __future__ import annotations

from assistant.analysis import Analysis


def merge_turns(current: Analysis, previous: Analysis) -> Analysis:
    """Fill what an elliptical question leaves out with the previous question's entities."""
    intents = set(current.intents)
    if not intents & {"value", "progress", "evolution", "definition", "why", "partners", "services", "objectives", "topics", "count"}:
        intents |= previous.intents
    elif not intents & {"partners", "services", "objectives"}:
        intents |= previous.intents & {"partners", "services", "objectives"}
    return Analysis(
        text=f"{current.text} {previous.text}",
        intents=intents,
        codes=current.codes or ([] if (current.regions or current.other_regions or current.countries) else previous.codes),
        objective=current.objective or previous.objective,
        years=current.years or previous.years,
        countries=current.countries,
        regions=current.regions,
        other_regions=current.other_regions,
        english=current.english,
        stems=current.stems,
        follow_up=True,
        inherited=[] if current.codes else [s for s in previous.stems + previous.inherited if s not in current.stems],
        policies=current.policies or previous.policies,
        linked=current.linked,  # the parser already read the follow-up together with its history
        role=current.role,
    )
