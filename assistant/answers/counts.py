""""¿Qué política tiene más indicadores?", "¿cuántos indicadores suman entre la PNCTI y la PNPA?":
the count each report declares of a kind of item, beside the count it presents, compared or added.

The counts come from the checks ingest recorded (``ingest.reports.counts``): what a report declares
("…medidos a través de 19 indicadores…") and how many of those items it presents.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from assistant.analysis import Analysis
from assistant.answer import Answer, Citation, Figure
from assistant.answers.base import Context
from assistant.asked import Asked
from assistant.entities import load_data, phrase_regex
from assistant.structured import Draft
from ingest.numbers import format_number
from ingest.reports.cues import COUNTED_ITEMS


def asked_kind(asked: Asked) -> str | None:
    """The kind of item whose count is asked ("indicador"), from the noun counted or compared; None
    for a kind no report declares a count of ("lineamientos")."""
    nouns = [*asked.counted_words, asked.counted or "", asked.count_compare or ""]
    named = {kind for kind, words in counted_kind_words().items() if any(words.fullmatch(n) for n in nouns if n)}
    # "How many priority-objective indicators": an objective or a service word beside "indicators"
    # says their level; the indicators are counted.
    return next((kind for kind in counted_kind_words() if kind in named), None)


@cache
def counted_kind_words() -> dict[str, re.Pattern[str]]:
    """The words that name each kind of counted item (``counted_kinds`` of nouns.yaml), compiled once."""
    return {kind: phrase_regex(words) for kind, words in load_data("nouns.yaml")["counted_kinds"].items()}


def declares(check: dict[str, Any], kind: str, check_kinds: tuple[str, ...] = ("conteo",)) -> bool:
    """True when ``check`` (of one of ``check_kinds``) is a declared count of ``kind``
    (``counts._record`` writes "El reporte declara 19 indicadores …")."""
    return check["kind"] in check_kinds and check["description"].startswith(
        f"El reporte declara {format_number(check['stated'])} {COUNTED_ITEMS[kind]}")


def declared_counts(snap: Any, kind: str, policies: list[str]) -> dict[str, dict[str, Any]]:
    """Each policy's check of ``kind``: what its report declares and presents."""
    found: dict[str, dict[str, Any]] = {}
    for check in snap.checks:
        if check["policy"] in policies and declares(check, kind):
            found.setdefault(check["policy"], check)
    return found


# The snapshot table that lists the items of each kind a report declares a count of.
_TABLES = {"indicador": "indicators", "servicio": "services", "objetivo": "objectives"}


def _row(snap: Any, kind: str, policy: str, check: dict[str, Any] | None) -> dict[str, Any]:
    """One policy's counts: declared (None when its report declares none) and presented, with a source."""
    if check is not None:
        return {"policy": policy, "declared": check["stated"], "presented": check["computed"],
                "doc_id": check["doc_id"], "page": check["page_a"], "quote": check["quote_a"]}
    items = [i for i in getattr(snap, _TABLES[kind]).values() if i["policy"] == policy
             and snap.documents[i["doc_id"]]["doc_type"] == "reporte"]
    first = min(items, key=lambda i: i["page"], default=None)
    return {"policy": policy, "declared": None, "presented": float(len(items)),
            "doc_id": first["doc_id"] if first else None, "page": first["page"] if first else None, "quote": None}


def across_policies(ctx: Context, q: Analysis) -> Answer | None:
    """The declared and presented counts of the asked kind for each policy, with which has more
    and their sum when asked; None when no report declares such a count. Counts are compared and
    added as declared when every report declares one, else as presented, and the answer says which."""
    snap = ctx.snap
    kind = asked_kind(q.asked)
    policies = q.policies or sorted({d["policy"] for d in snap.documents.values() if d["policy"]})
    if kind is None or len(policies) < 2:
        return None
    checks = declared_counts(snap, kind, policies)
    if not checks:
        return None
    rows = [_row(snap, kind, p, checks.get(p)) for p in policies]
    if any(r["doc_id"] is None for r in rows):
        return None  # a policy with neither a declared count nor items of the kind in a report
    noun = COUNTED_ITEMS[kind]
    declared = all(r["declared"] is not None for r in rows)
    basis = "declared" if declared else "presented"
    for r in rows:
        r["doc"] = snap.doc_name(r["doc_id"])
        r["shown"] = {k: format_number(r[k]) for k in ("declared", "presented") if r[k] is not None}
    figures: list[Figure] = []
    most = ""
    if q.asked.count_compare:
        top = max(r[basis] for r in rows)
        leaders = [r["policy"] for r in rows if r[basis] == top]
        others = " y ".join(format_number(r[basis]) for r in rows if r["policy"] not in leaders)
        verb = "Declara" if declared else "Presenta"
        most = (f"{verb} más {noun}: **{' y '.join(leaders)}** ({format_number(top)}, frente a {others}; "
                f"comparación de las cifras {'declaradas' if declared else 'que presentan los reportes'})."
                if len(leaders) < len(rows) else f"Todas {verb.lower()}n {format_number(top)} {noun}.")
    sums = []
    if q.asked.adds or q.asked.total:
        for key, label in (("declared", "lo declarado"), ("presented", "lo que presentan los reportes")):
            if key == "declared" and not declared:
                continue
            total = sum(r[key] for r in rows)
            if key == "presented" and declared and total == sum(r["declared"] for r in rows):
                continue
            formula = " + ".join(r["shown"][key] for r in rows)
            sums.append(f"Sumando {label}: {formula} = **{format_number(total)}** {noun}")
            figures.append(Figure(total, noun, None, None, True, "calculado", formula))
    text = ctx.templates.render("counts_across", noun=noun, rows=rows, most=most, sums=sums)
    citations = [Citation(r["doc"], r["page"], "", r["quote"] or "", r["doc_id"]) for r in rows]
    allowed = [r[k] for r in rows for k in ("declared", "presented") if r[k] is not None] + [f.value for f in figures]
    return ctx.finish(Draft(text, citations, figures, "conteos-entre-politicas", allowed, []))
