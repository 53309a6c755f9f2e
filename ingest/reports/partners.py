"""Partner countries with the role the document gives them, read clause by clause.

"Se suscribieron convenios con Noruega y Japón…, y la PNPA recibió asistencia técnica de la
FAO. El Perú, a su vez, compartió su experiencia con Ecuador y Chile." gives Noruega and
Japón as partners (an agreement), Ecuador and Chile as countries Peru offered cooperation to.
A donor is never read as a country Peru offered cooperation to.
"""

from __future__ import annotations

import re

from ingest.countries import find_countries, region_of
from ingest.model import Sentence
from ingest.numbers import parse_number
from ingest.reports import cues
from ingest.reports.figures import has_cue
from ingest.reports.records import Partner, Source

# Clause breaks: ";", ". ", and ", y " / " y " before a new subject with a verb are too fine;
# a comma followed by "y" and an article or a subject is where a new clause usually starts.
_CLAUSE_RE = re.compile(r";|\.\s|,\s+y\s+(?=(?:la|el|los|las|se|al|a)\b)|,\s+(?=(?:mientras|pero|aunque)\b)",
                        re.IGNORECASE)
_PROJECTS_RE = re.compile(r"en\s+(\w+)\s+proyectos", re.IGNORECASE)


def _clauses(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _CLAUSE_RE.finditer(text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def role_of(clause: str, context: str = "") -> str:
    """The role a clause gives the countries it names; ``context`` is the sentence, for a fallback."""
    for role, phrases in cues.PARTNER_ROLES:
        if has_cue(clause, phrases):
            return role
    for role, phrases in cues.PARTNER_ROLES:
        if context and has_cue(context, phrases) and role != "donante":
            return role
    return "socio"


def _topics(text: str) -> list[str]:
    folded = text.lower()
    for lead in cues.TOPIC_LEAD:
        at = folded.find(lead)
        if at >= 0:
            tail = text[at + len(lead):]
            tail = re.split(r"(?:,? entre otros)|[.;]", tail)[0]
            parts = re.split(r",\s*(?:así como\s+)?|\s+así como\s+", tail)
            return [p.strip(" .") for p in parts if p.strip(" .")]
    return []


def partners_in(s: Sentence, nxt: Sentence | None, indicator: str | None, period: int | None) -> list[Partner]:
    """Countries named in ``s`` with their role, topics and project count."""
    found = [(c, o) for c, o in find_countries(s.text) if c != "Perú"]
    if not found:
        return []
    out: list[Partner] = []
    clauses = _clauses(s.text)
    for country, offset in found:
        clause = next((c for start, c in reversed(clauses) if start <= offset), s.text)
        role = role_of(clause, s.text)
        topics = _topics(clause) or _topics(s.text) or (_topics(nxt.text) if nxt else [])
        projects = None
        if len(found) == 1 and (m := _PROJECTS_RE.search(s.text)):
            n = parse_number(m.group(1))
            projects = int(n) if n is not None else None
        region, subregion = region_of(country)
        out.append(Partner(country, region, subregion, role, topics, projects, indicator, period,
                           Source(s.page, s.text, s.section)))
    return out
