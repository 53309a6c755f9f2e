"""Which indicator a question names by its words, when it names no code."""

from __future__ import annotations

from assistant.analysis import Analysis
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
    stems = {snap.kin(s) or s: 1.0 for s in [*q.stems, *content_stems(q.search_text)] if s not in acronyms}
    if not names_only:
        return stems
    vocabulary = {s for names in snap.indicator_stems.values() for s in names}
    return {s: w for s, w in stems.items() if s in vocabulary} or stems
