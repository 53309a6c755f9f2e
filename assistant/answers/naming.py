"""Which indicator a question names by its words, when it names no code."""

from __future__ import annotations

from functools import cache

from assistant.analysis import Analysis
from assistant.entities import excluded_home_stems, lexicon
from assistant.knowledge import Snapshot
from assistant.text import content_stems
from ingest.numbers import strip_accents

INDICATOR_MATCH_MIN = 0.5
NAMED_INDICATOR_MIN = 0.65
# Indicators whose names match a description within this score of the best are all answered.
AMBIGUOUS_MARGIN = 0.05


def naming_stems(snap: Snapshot, q: Analysis, names_only: bool = False) -> dict[str, float]:
    """The question's stems for matching an indicator's name, without the policy acronyms (a
    policy scopes the question, it names no indicator). With ``names_only``, only stems some
    indicator's name uses: for a question known to ask about one indicator's target, where
    "logro esperado" says what is asked, not which indicator.
    """
    acronyms = {strip_accents(p) for p in snap.policies if p}
    # The search text has typos corrected to the documents' words ("formalisados" → "formalizados").
    excluded = {snap.kin(s) or s for s in excluded_home_stems(q.regions, q.other_regions)}
    stems = {snap.kin(s) or s: 1.0 for s in [*q.stems, *content_stems(q.search_text)]
             if s not in acronyms and (snap.kin(s) or s) not in excluded}
    # "…considerando el valor obtenido y el porcentaje de avance" names no percentage indicator.
    stems = {s: w for s, w in stems.items() if s not in q.asked.progress_framing} or stems
    if q.asked.met:
        # "¿se cumplió la meta de pérdidas poscaptura?": the met frame says what is asked, not which indicator.
        words, prefixes = _met_frame()
        stems = {s: w for s, w in stems.items() if s not in words and not s.startswith(prefixes)} or stems
    if not names_only:
        return stems
    vocabulary = {s for names in snap.indicator_stems.values() for s in names}
    return {s: w for s, w in stems.items() if s in vocabulary} or stems


@cache
def _met_frame() -> tuple[frozenset[str], tuple[str, ...]]:
    """The stems and stem prefixes of the words that frame a met-target question (slots.yaml)."""
    words: set[str] = set()
    prefixes: list[str] = []
    for name in ("met_verbs", "exceed_verbs", "target_words", "lagging", "on_track"):
        for phrase in lexicon().slots[name]:
            if phrase.endswith("*") and " " not in phrase:
                prefixes.append(strip_accents(phrase[:-1]).lower())
            else:
                words |= set(content_stems(phrase.rstrip("*")))
    return frozenset(words), tuple(prefixes)
