""""¿Es correcto el 85 %?", "¿cuadra el 45,83 % con 32 de 72?": the check ingest recorded for the
figure the question points at, consistent or not, with both source spans and the computation."""

from __future__ import annotations

from typing import Any

from assistant.analysis import Analysis
from assistant.answer import Answer, Citation
from assistant.answers.base import Context
from assistant.structured import Draft, check_figures, check_unit
from assistant.text import content_stems
from assistant.verify import CODE_LIKE_RE
from ingest.numbers import find_numbers, format_number, same_number


def _score(ctx: Context, q: Analysis, check: dict[str, Any]) -> float:
    """How clearly the question points at ``check``: its indicator, its figures, its words."""
    snap = ctx.snap
    named = {snap.indicators[k]["indicator_id"] for k in q.linked} | set(q.codes)
    if named and check["indicator_id"] and check["indicator_id"] not in named:
        return 0.0  # the question names another indicator
    score = 2.0 if check["indicator_id"] and check["indicator_id"] in named else 0.0
    if not score and check["indicator_id"]:
        # The indicator the question describes, even by a weak link ("las colecciones entregadas").
        score = 2.0 * max((s for policy, code, s in q.candidates
                           if code == check["indicator_id"] and policy == check["policy"]), default=0.0)
    # The description names the declared parts ("declara 14 indicadores (5 … y 9 de servicios)"):
    # "dice 9 indicadores de servicios, ¿cuántos aparecen?" points at that check.
    described = CODE_LIKE_RE.sub(" ", f"{check['formula'] or ''} {check['description']}")
    figures = [check["stated"], check["computed"]] + [n.value for n in find_numbers(described)]
    for n in q.asked.numbers:
        is_year = n.is_integer() and 1990 <= n <= 2100
        if is_year and check["kind"] != "periodo":
            continue  # "en 2023" dates the question; only a period check is about years
        if any(f is not None and same_number(n, f, 0.01) for f in figures):
            score += 0.75 if is_year else 1.5
    if not score and q.asked.declared and check["kind"] == "conteo":
        score = 0.5  # "¿coincide lo que declara con lo que presenta?": its words choose among the counts
    if not score:
        return 0.0  # neither its indicator nor its figures: words alone do not make it the check asked about
    # The question's words that the check's description and quotes use, weighted by rarity.
    words = set(content_stems(f"{check['description']} {check['quote_a'] or ''} {check['quote_b'] or ''}",
                              drop_generic=True))
    asked = set(content_stems(q.search_text, drop_generic=True))
    total = sum(snap.weight(s) for s in asked)
    if total:
        score += 2.0 * sum(snap.weight(s) for s in asked & words) / total
    return score


def _block(ctx: Context, check: dict[str, Any], doc: str, quoted: str) -> str:
    """One check in words; ``quoted`` is the answer so far, whose quotes are not repeated."""
    computed = format_number(check["computed"])
    if not check["consistent"]:
        return ctx.templates.render(
            "discrepancy", check=check, computed=computed, doc=doc,
            show_a=bool(check["quote_a"]) and check["quote_a"] not in quoted,
            show_b=bool(check["quote_b"]) and check["quote_b"] != check["quote_a"] and check["quote_b"] not in quoted,
            unit=" %" if check_unit(check) else "")
    text = f"Las cifras son coherentes: {check['description']}."
    if check["kind"] != "periodo" and check["formula"]:
        text += f"\n\nCálculo: {check['formula']} = {computed} (calculado, no es una cifra publicada)."
    for quote, page in ((check["quote_a"], check["page_a"]), (check["quote_b"], check["page_b"])):
        if quote and quote not in text and quote not in quoted:
            text += f"\n\n> «{quote}» — {doc}, pág. {page}"
    return text


def answer(ctx: Context, q: Analysis) -> Answer | None:
    """The recorded check the question is about; None when the question points at none.

    Other checks of the same sentence that the question also points at are shown with it ("¿cuadra
    que sean 19 indicadores, ocho y once?": the sum 8 + 11 and the indicators the report presents).
    """
    snap = ctx.snap
    checks = [c for c in snap.checks if not q.policies or c["policy"] in q.policies]
    scored = sorted(((_score(ctx, q, c), i) for i, c in enumerate(checks)), reverse=True)
    if not scored or scored[0][0] < 1.0:
        return None
    best = checks[scored[0][1]]
    shown = [checks[i] for s, i in scored if s >= 1.0 and checks[i]["quote_a"] == best["quote_a"]
             and checks[i]["doc_id"] == best["doc_id"]]
    doc = snap.doc_name(best["doc_id"])
    blocks: list[str] = []
    for check in shown:
        blocks.append(_block(ctx, check, doc, "\n".join(blocks)))
    if not shown[0]["consistent"]:
        blocks[0] = "No: el reporte no es coherente en esa cifra.\n\n" + blocks[0]
    text = "\n\n".join(blocks)
    citations, allowed, figures = [], [], []
    for check in shown:
        citations += [Citation(doc, page, "", quote, check["doc_id"])
                      for quote, page in ((check["quote_a"], check["page_a"]), (check["quote_b"], check["page_b"]))
                      if quote]
        allowed += [v for v in (check["stated"], check["computed"]) if v is not None]
        allowed += [n.value for n in find_numbers(f"{check['description']} {check['formula'] or ''}")]
        figures += check_figures(check)
    return ctx.finish(Draft(text, citations, figures, "verificacion", allowed, []))
