""""¿Es correcto el 85 %?", "¿cuadra el 45,83 % con 32 de 72?": the check ingest recorded for the
figure the question points at, consistent or not, with both source spans and the computation."""

from __future__ import annotations

from functools import cache
from typing import Any

from assistant.analysis import Analysis
from assistant.answer import Answer, Citation, Figure
from assistant.answers.base import Context
from assistant.answers.counts import asked_kind, declares
from assistant.asked import is_year_value
from assistant.structured import Draft, check_figures, check_unit, discrepancy_context, share_terms
from assistant.text import content_stems
from assistant.verify import CODE_LIKE_RE
from ingest.numbers import find_numbers, format_number, same_number
from ingest.reports.counts import LEVEL_NAMES
from ingest.reports.cues import DATA_NOUNS
from ingest.reports.cues import SERVICE_KINDS as SERVICE_KIND_WORDS
from ingest.reports.records import DATA_COUNT, LEVEL_COUNT, OBJECTIVE_COUNT, SERVICE_KINDS

# What restating a check's own stated figure adds over restating a number of its description.
STATED_BONUS = 0.25
# What naming the kind a declared count counts adds ("el número de servicios declarado").
COUNTED_KIND_BONUS = 1.0
# Checks whose scores differ by less than this are pointed at alike.
TIE_MARGIN = 0.1


def _score(ctx: Context, q: Analysis, check: dict[str, Any]) -> float:
    """How clearly the question points at ``check``: its indicator, its figures, its words."""
    snap = ctx.snap
    if check["kind"] == OBJECTIVE_COUNT:
        return _objective_score(ctx, q, check)
    named = _named_indicators(ctx, q)
    if named and check["indicator_id"] and check["indicator_id"] not in named and (
            q.codes or not _restates_stated(q, check)):
        # The question names another indicator; one it describes only in words ("for Latin
        # America") leaves room for another whose published figure it states ("4.17% for other regions").
        return 0.0
    counting = q.asked.consistency and bool(q.asked.count_start or q.asked.amount)
    if (named and not check["indicator_id"] and any(not q_code.startswith("OP") for q_code in q.codes)
            and not (q.asked.declared or counting or asked_kind(q.asked))):
        # "iss 02.01.01.02: salen 2 espacios…": a count of the report's make-up is not the named
        # indicator's check, though a "2" of its breakdown matches.
        return 0.0
    if (check["kind"] in ("conteo", LEVEL_COUNT, "suma") and q.asked.counted and asked_kind(q.asked) is None
            and not _restated(q, check)):
        # "¿Concuerda el número de lineamientos…?": no report's count of indicators or services
        # answers a count of something else.
        return 0.0
    score = 2.0 if check["indicator_id"] and check["indicator_id"] in named else 0.0
    if not score and check["indicator_id"]:
        # The indicator the question describes, even by a weak link ("las colecciones entregadas").
        score = 2.0 * max((s for policy, code, s in q.candidates
                           if code == check["indicator_id"] and policy == check["policy"]), default=0.0)
    restated = _restated(q, check)
    for n in restated:
        score += 0.75 if is_year_value(n) else 1.5
        if check["stated"] is not None and same_number(n, check["stated"], 0.01):
            # "dice 8 servicios": the check of the figure stated, before one that only lists it
            # among its parts ("declara 19 indicadores (8 de objetivos…)").
            score += STATED_BONUS
    if not score and (q.asked.declared or counting) and check["kind"] in ("conteo", LEVEL_COUNT):
        # "¿coincide lo que declara con lo que presenta?", "how many service indicators are
        # reported? Does that add up?": its words choose among the counts.
        score = 0.5
        kind = asked_kind(q.asked)
        if kind is not None and declares(check, kind):
            score += COUNTED_KIND_BONUS  # "¿Coincide el número de servicios declarado…?": the services count
    if check["kind"] == SERVICE_KINDS:
        # "¿cuántos servicios son mejorados y cuántos nuevos? ¿cuadra con el total?": only its kind words point at it.
        return 2.0 + score if set(content_stems(q.search_text)) & _service_kind_stems() else 0.0
    if check["kind"] == DATA_COUNT and score and set(content_stems(q.search_text)) & _data_stems():
        score += 2 * COUNTED_KIND_BONUS  # "…data were available for 11 of its 14 indicators": the count with data
    if check["kind"] == LEVEL_COUNT:
        if not q.asked.indicators_word or asked_kind(q.asked) not in (None, "indicador"):
            return 0.0  # "dice 8 servicios… por cada objetivo prioritario": the services, not a level's indicators
        level_named = q.asked.level is not None and LEVEL_NAMES[q.asked.level] in check["description"]
        if not level_named and not restated:
            return 0.0  # one level's count answers only a question that names that level or its figure
        # "…con la suma de indicadores de objetivos prioritarios y de servicios": both levels named
        # are the parts of the total, not one level's count.
        both_levels = q.asked.services_word and any(s.startswith("objet") for s in q.asked.key_stems)
        if level_named and not score and q.asked.consistency and not q.asked.adds and not both_levels:
            # "¿Coincide con los que se listan en cada objetivo?" after a count of that level.
            score = 0.5
        if level_named and score:
            # "¿Cuadra el número de indicadores de objetivos prioritarios…?": that level's count, before
            # the total that the kind's word also points at.
            score += 2 * COUNTED_KIND_BONUS
    if not score and q.asked.consistency:
        score = 0.5  # "¿indica de manera consistente el periodo…?": its words choose the check
        if q.asked.period and check["kind"] in _PERIOD_KINDS:
            score += COUNTED_KIND_BONUS  # "¿…consistente cuando indica el período…?": the period's check
    if not score and q.asked.adds and check["kind"] == "suma":
        score = 0.5  # "¿Coincide ese total con la suma de…?": a total against its parts, chosen by its words
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


def _objective_score(ctx: Context, q: Analysis, check: dict[str, Any]) -> float:
    """How clearly the question points at one objective's declared count: it names the objective
    ("el OP.02 tiene cuatro servicios, ¿concuerda…?") and asks about that kind of item, or none."""
    if check["indicator_id"] not in q.codes:
        return 0.0
    kind = _kind_asked(q)
    if kind is not None and not declares(check, kind, (OBJECTIVE_COUNT,)):
        return 0.0
    score = 2.0 + (COUNTED_KIND_BONUS if kind is not None else 0.0)
    if any(_same_as_written(n, check["stated"]) for n in q.asked.numbers if not is_year_value(n)):
        score += 1.5 + STATED_BONUS  # "…se mide con tres indicadores": the count the question restates
    return score


def _kind_asked(q: Analysis) -> str | None:
    """The kind of item a count question is about, from its counted noun or its kind words."""
    a = q.asked
    return asked_kind(a) or ("servicio" if a.services_word and not a.indicators_word
                             else "indicador" if a.indicators_word and not a.services_word else None)


@cache
def _service_kind_stems() -> frozenset[str]:
    """The stems of the kinds a report sorts its services into (``cues.SERVICE_KINDS``)."""
    return frozenset(content_stems(" ".join(SERVICE_KIND_WORDS.values())))


@cache
def _data_stems() -> frozenset[str]:
    """The stems of the nouns that make a count one of indicators with data (``cues.DATA_NOUNS``)."""
    return frozenset(content_stems(" ".join(DATA_NOUNS)))


def _named_indicators(ctx: Context, q: Analysis) -> set[str]:
    """The indicator codes the question names: linked, typed, or those of an objective it names
    ("los dos indicadores del OP3")."""
    snap = ctx.snap
    codes = {snap.indicators[k]["indicator_id"] for k in q.linked}
    for code in q.codes:
        under = {i["indicator_id"] for i in snap.indicators.values() if i["objective"] == code
                 and (not q.policies or i["policy"] in q.policies)}
        codes |= under or {code}
    return codes


def _restated(q: Analysis, check: dict[str, Any]) -> list[float]:
    """The question's numbers that are figures of ``check``: its stated or computed value, or a
    number of its description ("declara 14 indicadores (5 … y 9 de servicios)": "dice 9 indicadores
    de servicios, ¿cuántos aparecen?" points at that check)."""
    described = CODE_LIKE_RE.sub(" ", f"{check['formula'] or ''} {check['description']}")
    # A why ("¿Por qué no hay avance de los dos servicios del OP.03?") that restates a count of the
    # description's breakdown ("OP.03: 2") does not doubt the check: only its own two figures count.
    counted = check["kind"] in ("conteo", LEVEL_COUNT, OBJECTIVE_COUNT, DATA_COUNT)
    # "…two coordination spaces with 66.7% progress, consistent with a target of three?": a count of
    # the report's make-up is pointed at by a number of its breakdown ("OP.03: 2") only when the
    # question speaks of indicators, services or objectives.
    breakdown = not q.asked.why and (not counted or _asks_make_up(q))
    figures = [check["stated"], check["computed"]] + ([n.value for n in find_numbers(described)] if breakdown else [])
    # "en 2023" dates the question; only a period check is about years.
    # "un avance de 1 %" restates no count ("…OP.03: 1" of a count's breakdown).
    own = [check["stated"], check["computed"]]
    # "measured … of one year": a "one" restates no "OP.04: 1" of a breakdown, only a check's own figure.
    return [n for n in q.asked.numbers if (check["kind"] == "periodo" or not is_year_value(n))
            and not (counted and n in q.asked.percents)
            and any(f is not None and _same_as_written(n, f) for f in (figures if n > 1 else own))]


def _asks_make_up(q: Analysis) -> bool:
    """True when the question speaks of the items a report counts: indicators, services, objectives."""
    a = q.asked
    return (a.indicators_word or a.services_word or a.declared or asked_kind(a) is not None
            or any(s.startswith("objet") for s in a.key_stems))


def _companion(q: Analysis, check: dict[str, Any]) -> bool:
    """True when ``check``, of the same sentence as the check chosen, is asked about too: "dice 8
    servicios" restates the "ocho" of the indicators' split but asks about the services alone; a
    sum is pointed at by its total or by more than one of its figures ("19 indicadores, ocho y once"),
    not by one part that another count shares."""
    a = q.asked
    kind = _kind_asked(q)
    if kind is not None and check["kind"] == "conteo" and not declares(check, kind):
        return False
    if a.level is not None and check["kind"] in ("conteo", LEVEL_COUNT) and not (
            check["kind"] == LEVEL_COUNT and LEVEL_NAMES[a.level] in check["description"]) and not _restates_stated(q, check):
        # "eight indicators at objective level… does that add up?": that level's count; the
        # total and the other level are other questions, unless their own figure is restated.
        return False
    return check["kind"] != "suma" or _restates_stated(q, check) or len(_restated(q, check)) > 1


def _restates_stated(q: Analysis, check: dict[str, Any]) -> bool:
    """True when the question states the check's own published figure (not a year)."""
    return check["stated"] is not None and any(
        _same_as_written(n, check["stated"]) for n in q.asked.numbers if not is_year_value(n))


def _same_as_written(said: float, figure: float) -> bool:
    """True when the question's ``said`` restates ``figure``: within a rounding ("45,8" for 45.83,
    "46"), but never against the decimals it writes ("90.04" is not the 90 % of another indicator)."""
    if not same_number(said, figure, 0.01):
        return False
    decimals = len(repr(said).partition(".")[2].rstrip("0"))
    return decimals == 0 or abs(said - figure) <= 0.5 * 10 ** -decimals + 1e-9


def _block(ctx: Context, check: dict[str, Any], doc: str, quoted: str) -> str:
    """One check in words; ``quoted`` is the answer so far, whose quotes are not repeated."""
    computed = format_number(check["computed"])
    if not check["consistent"]:
        return ctx.templates.render(
            "discrepancy", check=check, computed=computed, doc=doc,
            show_a=bool(check["quote_a"]) and check["quote_a"] not in quoted,
            show_b=bool(check["quote_b"]) and check["quote_b"] != check["quote_a"] and check["quote_b"] not in quoted,
            unit=" %" if check_unit(check) else "", **discrepancy_context(check))
    text = f"Las cifras son coherentes: {check['description']}."
    if check["kind"] != "periodo" and check["formula"]:
        text += f"\n\nCálculo: {check['formula']} = {computed} (calculado, no es una cifra publicada)."
    for quote, page in ((check["quote_a"], check["page_a"]), (check["quote_b"], check["page_b"])):
        if quote and quote not in text and quote not in quoted:
            text += f"\n\n> «{quote}» — {doc}, pág. {page}"
    return text


# The checks a kind of figure named in an "any inconsistency?" question covers.
_PROGRESS_KINDS = {"avance_meta"}
_SHARE_KINDS = {"proporcion", "avance_meta"}
_COUNT_KINDS = {"conteo", "suma", DATA_COUNT, SERVICE_KINDS}
_PERIOD_KINDS = {"periodo"}
# Consistent checks listed one by one up to this many; more are counted.
MAX_LISTED = 10


def _surveyed_kinds(q: Analysis) -> tuple[set[str] | None, str]:
    """The kinds of check an "any inconsistency?" question names by its words (None for every
    kind), and how the answer names them ("de avance")."""
    a = q.asked
    if a.progress_word:
        return _PROGRESS_KINDS, " de avance"
    if a.period:
        return _PERIOD_KINDS, " del período"
    if q.asks_share or a.percent_said:
        return _SHARE_KINDS, " de porcentajes"
    if a.indicators_word or a.services_word or a.count_start or a.declared:
        return _COUNT_KINDS, " de conteos"
    return None, ""


def survey(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Hay alguna cifra que no cuadre en el reporte de bibliotecas?": every check ingest could make
    with the figures of the documents asked about (of the kind the question names), the ones that
    disagree first, each with its quotes and computation; None when there is no check to show."""
    snap = ctx.snap
    kinds, label = _surveyed_kinds(q)
    # A level's count is part of the whole count's check, not another finding; an objective's own
    # count is a finding only where it disagrees (the whole count's check lists each objective's).
    checks = [c for c in snap.checks if (not q.policies or c["policy"] in q.policies)
              and c["kind"] != LEVEL_COUNT and (c["kind"] != OBJECTIVE_COUNT or not c["consistent"])
              and (kinds is None or c["kind"] in kinds or c["kind"] == OBJECTIVE_COUNT and kinds is _COUNT_KINDS)]
    if not checks:
        return None
    policies = list(dict.fromkeys(c["policy"] for c in checks))
    bad = [c for c in checks if not c["consistent"]]
    good = [c for c in checks if c["consistent"]]
    scope = ", ".join(policies)
    n = len(checks)
    if n == 1:
        lead = (f"{'Sí' if bad else 'No'}: la única comprobación{label} que las cifras de los documentos "
                f"permiten hacer ({scope}) {'no cuadra' if bad else 'cuadra'}.")
    elif bad:
        lead = (f"Sí: de las {n} comprobaciones{label} que las cifras de los documentos permiten hacer ({scope}), "
                f"{len(bad)} no {'cuadra' if len(bad) == 1 else 'cuadran'}.")
    else:
        lead = (f"No encontré incoherencias: las {n} comprobaciones{label} que las cifras de los documentos "
                f"permiten hacer ({scope}) cuadran. Solo se comprueba lo que el propio texto permite calcular.")
    blocks = [lead]

    def name(c: dict[str, Any]) -> str:
        return " ".join(x for x in (c["policy"] if len(policies) > 1 else "", c["indicator_id"] or "") if x)

    for check in bad:
        block = _block(ctx, check, snap.doc_name(check["doc_id"]), "\n".join(blocks)).lstrip()
        blocks.append(f"**{name(check)}:** " + block if name(check) else block)
    if good:
        if len(good) <= MAX_LISTED:
            listed = "\n".join(f"- {name(c) + ': ' if name(c) else ''}{c['description']} "
                                f"({snap.doc_name(c['doc_id'])}, pág. {c['page_a'] or c['page_b']})" for c in good)
            blocks.append(("Las demás cuadran:" if bad else "Comprobaciones:") + "\n\n" + listed)
        else:
            named = [name(c) for c in good if c["indicator_id"]]
            rest = len(good) - len(named)
            blocks.append(f"{'Las otras' if bad else 'Las'} {len(good)} comprobaciones que cuadran: "
                          + ", ".join(named) + (f" y {rest} de conteos" if rest and named else "") + ".")
    citations, allowed, figures = [], [float(n), float(len(bad)), float(len(good))], []
    for check in checks:
        doc = snap.doc_name(check["doc_id"])
        citations += [Citation(doc, page, "", quote, check["doc_id"])
                      for quote, page in ((check["quote_a"], check["page_a"]), (check["quote_b"], check["page_b"]))
                      if quote]
        allowed += [v for v in (check["stated"], check["computed"]) if v is not None]
        allowed += [x.value for x in find_numbers(f"{check['description']} {check['formula'] or ''}")]
        if not check["consistent"]:
            shown_figures = check_figures(check)
            figures += shown_figures
            allowed += [f.value for f in shown_figures]
    return ctx.finish(Draft("\n\n".join(blocks), citations, figures, "comprobaciones", allowed, []))


def answer(ctx: Context, q: Analysis) -> Answer | None:
    """The recorded check the question is about; None when the question points at none.

    Other checks of the same sentence that the question also points at are shown with it ("¿cuadra
    que sean 19 indicadores, ocho y once?": the sum 8 + 11 and the indicators the report presents).
    """
    snap = ctx.snap
    if q.asked.any_check and not q.codes and not q.asked.figures and not q.linked:
        # "¿Hay algún porcentaje de avance que no cuadre…?": whether any check disagrees, not one check.
        surveyed = survey(ctx, q)
        if surveyed is not None:
            return surveyed
    checks = [c for c in snap.checks if not q.policies or c["policy"] in q.policies]
    restating = [c for c in checks if any(not is_year_value(n) for n in _restated(q, c))]
    if restating:
        # "…dice 8 servicios, ¿cuadra…?": a check of a figure the question restates, never one
        # that only shares its words or an indicator it loosely describes. A year ("en 2023")
        # dates the question; it restates no figure.
        checks = restating
    elif [n for n in q.asked.figures if n != 1 or n in q.asked.percents] and not q.asked.why:
        # ("…measured from April to December of one year": a "one" is no figure doubted.)
        # "¿Es coherente el avance de 66,7 %…?": no check holds the figure the question doubts; a
        # check of other figures would answer another question (the indicator's route answers it).
        return None
    scored = sorted(((_score(ctx, q, c), i) for i, c in enumerate(checks)), reverse=True)
    if not scored or scored[0][0] < 1.0:
        return None
    best = checks[scored[0][1]]
    if best["kind"] == OBJECTIVE_COUNT:
        # "¿Es consistente que el OP.01 se mida con tres indicadores?": the objective's own count,
        # not a whole report's that lists it among others, nor another policy's objective of that code.
        scored = [(s, i) for s, i in scored if checks[i]["kind"] == OBJECTIVE_COUNT]
    # "la pnpa dice 14 indicadores y la pncti 19, ¿cuadran…?": with several policies named, the
    # best check of each document the question points at, each under its policy.
    leads = list(dict.fromkeys(checks[i]["doc_id"] for s, i in scored if s >= 1.0))
    # "¿El número de servicios declarado en el resumen coincide con…?" with several reports ingested
    # and none named: no figure, indicator or policy of the question picks one report's check, so
    # each report's is shown under its policy, with its own verdict.
    unnamed = (not q.policies and not restating and not q.linked
               and not any(not code.startswith("OP") for code in q.codes) and len(leads) > 1)
    leads = leads if len(q.policies) > 1 or unnamed else leads[:1]
    shown, blocks = [], []
    for doc_id in leads:
        first = next(checks[i] for s, i in scored if checks[i]["doc_id"] == doc_id)
        own = [checks[i] for s, i in scored if s >= 1.0 and checks[i]["quote_a"] == first["quote_a"]
               and checks[i]["doc_id"] == doc_id and (checks[i] is first or _companion(q, checks[i]))]
        # "45.83% for Latin America and 4.17% for other regions… consistent?": each published
        # figure the question restates gets its own check.
        own += [checks[i] for s, i in scored if s >= 1.0 and checks[i]["doc_id"] == doc_id
                and checks[i] not in own and _restates_stated(q, checks[i]) and _companion(q, checks[i])]
        doc_blocks: list[str] = []
        for check in own:
            doc_blocks.append(_block(ctx, check, snap.doc_name(doc_id), "\n".join(blocks + doc_blocks)))
        if unnamed:
            doc_blocks[0] = f"**{snap.documents[doc_id]['policy']}:** {_verdict(own)}\n\n" + doc_blocks[0]
        elif len(leads) > 1:
            doc_blocks[0] = f"**{snap.documents[doc_id]['policy']}:** " + doc_blocks[0]
        shown += own
        blocks += doc_blocks
    doc = snap.doc_name(best["doc_id"])
    # The verdict is the best check's; where checks the question points at alike disagree (the
    # declared total against its parts and against what is presented), never a flat "No" above a
    # "coherentes".
    alike = {bool(checks[i]["consistent"]) for s, i in scored
             if checks[i] in shown and s >= scored[0][0] - TIE_MARGIN}
    doubted = {c["indicator_id"]: c for c in shown if c["indicator_id"] and _restates_stated(q, c)}
    if len(doubted) > 1:
        # The published figures of several indicators, each stated by the question, are doubted alike.
        alike |= {bool(c["consistent"]) for c in doubted.values()}
    # A claim of the published figure alone ("wasn't the LAC share 45.83 %?"), not a doubt of it
    # against other figures the question states ("¿es correcto el 45,83 % si fue oferente en 32 de 72?").
    claimed_stated = (q.asked.claim and shown[0]["stated"] is not None and bool(q.asked.figures)
                      and all(same_number(n, shown[0]["stated"], 0.01) for n in q.asked.figures))
    if unnamed:
        blocks[0] = ("La pregunta no nombra la política; esta es la comprobación en cada reporte "
                     "que la permite:\n\n" + blocks[0])
    elif len(alike) > 1:
        blocks[0] = "No del todo: unas cifras cuadran y otras no; cada comprobación dice cuál.\n\n" + blocks[0]
    elif not shown[0]["consistent"] and claimed_stated:
        # "wasn't the LAC share 45.83 %?": yes, that is the figure published; a bare "No" would deny it.
        blocks[0] = ("Sí, es la cifra que publica el reporte; pero el propio reporte no es coherente en ella."
                     "\n\n" + blocks[0])
    elif not shown[0]["consistent"] and not (q.asked.amount and not q.asked.consistency):
        # "¿Cuántos se reportan realmente?" asks how many, not yes or no: the check says both counts.
        blocks[0] = "No: el reporte no es coherente en esa cifra.\n\n" + blocks[0]
    elif q.asked.consistency and all(c["consistent"] for c in shown):
        # "¿…eso cuadra con lo que aprobó el decreto?": a yes or no asked is answered first, as a "No" is.
        blocks[0] = "Sí: las cifras cuadran.\n\n" + blocks[0]
    siblings = shares_of_one_total(checks, best) if q.asked.adds else []
    if len(siblings) > 1:
        # "Si sumo los dos porcentajes, ¿cuadra con los proyectos?": the shares of one total, added.
        block = _sum_block(siblings)
        for check in siblings[1:]:
            for quote, page in ((check["quote_a"], check["page_a"]), (check["quote_b"], check["page_b"])):
                if quote and quote not in block and all(quote not in b for b in blocks):
                    block += f"\n\n> «{quote}» — {doc}, pág. {page}"
        blocks.append(block)
        shown += [c for c in siblings if c not in shown]
    text = "\n\n".join(blocks)
    citations, allowed, figures = [], [], []
    for check in shown:
        citations += [Citation(doc, page, "", quote, check["doc_id"])
                      for quote, page in ((check["quote_a"], check["page_a"]), (check["quote_b"], check["page_b"]))
                      if quote]
        allowed += [v for v in (check["stated"], check["computed"]) if v is not None]
        allowed += [n.value for n in find_numbers(f"{check['description']} {check['formula'] or ''}")]
        shown_figures = check_figures(check)
        figures += shown_figures
        allowed += [f.value for f in shown_figures]
    if len(siblings) > 1:
        allowed += list(_sums(siblings))
    return ctx.finish(Draft(text, citations, figures, "verificacion", allowed, []))


def _verdict(checks: list[dict[str, Any]]) -> str:
    """One report's verdict on the checks shown for it."""
    agree = {bool(c["consistent"]) for c in checks}
    if len(agree) > 1:
        return "No del todo: unas cifras cuadran y otras no."
    return "Sí: las cifras cuadran." if agree == {True} else "No: el reporte no es coherente en esa cifra."


def sum_of_shares(ctx: Context, q: Analysis) -> Answer | None:
    """"¿En cuántos proyectos fue oferente el Perú sumando ALC y otras regiones?": the counts of the
    shares of one total the question points at, added up, each quoted; None when it points at none."""
    snap = ctx.snap
    checks = [c for c in snap.checks if not q.policies or c["policy"] in q.policies]
    scored = sorted(((_score(ctx, q, c), i) for i, c in enumerate(checks) if share_terms(c)), reverse=True)
    if not scored or scored[0][0] < 1.0:
        return None
    shares = sorted(shares_of_one_total(checks, checks[scored[0][1]]), key=lambda c: c["indicator_id"] or "")
    if len(shares) < 2:
        return None
    doc = snap.doc_name(shares[0]["doc_id"])
    sums = _sums(shares)
    parts, _, stated, implied, total = sums
    counts, values = _addends(shares)
    text = (f"Sumando las cifras del texto: {counts} = **{format_number(parts)}** de {format_number(total)} "
            f"(calculado, no es una cifra publicada).")
    citations = []
    for check in shares:
        quote, page = check["quote_b"] or check["quote_a"], check["page_b"] or check["page_a"]
        text += f"\n\n> «{quote}» — {doc}, pág. {page}"
        citations.append(Citation(doc, page, "", quote, check["doc_id"]))
    if not all(c["consistent"] for c in shares):
        # The stated shares do not all match these counts: the answer says so beside the sum.
        text += (f"\n\n⚠ Los valores que el reporte da a estas partes ({values} = {format_number(stated)} %) "
                 f"equivaldrían a {format_number(implied)} de {format_number(total)}: no coinciden con las cifras "
                 f"del texto (calculado).")
    figures = [Figure(parts, None, None, shares[0]["period"], True, "calculado", counts)]
    allowed = list(sums) + [v for c in shares for v in (*share_terms(c), c["stated"])]  # type: ignore[misc]
    return ctx.finish(Draft(text, citations, figures, "suma", allowed, []))


def shares_of_one_total(checks: list[dict[str, Any]], best: dict[str, Any]) -> list[dict[str, Any]]:
    """The shares of ``best``'s document checked against the same total as ``best`` (ALC and other
    regions, both of 72 projects), ``best`` first; empty when ``best`` is no share."""
    terms = share_terms(best)
    if terms is None:
        return []
    return [best] + [c for c in checks if c is not best and c["doc_id"] == best["doc_id"]
                     and (t := share_terms(c)) is not None and t[1] == terms[1]]


def _sums(shares: list[dict[str, Any]]) -> tuple[float, float, float, float, float]:
    """(parts added, their share of the total, stated shares added, the count those stand for, total)."""
    total = share_terms(shares[0])[1]  # type: ignore[index]
    parts = sum(share_terms(c)[0] for c in shares)  # type: ignore[index]
    stated = round(sum(c["stated"] for c in shares), 2)
    return parts, round(parts / total * 100, 2), stated, round(stated * total / 100, 2), total


def _addends(shares: list[dict[str, Any]]) -> tuple[str, str]:
    """The shares' text counts and their stated values, each written as a sum ("32 + 3", "45.83 % + 4.17 %")."""
    counts = " + ".join(format_number(share_terms(c)[0]) for c in shares)  # type: ignore[index]
    return counts, " + ".join(f"{format_number(c['stated'])} %" for c in shares)


def _sum_block(shares: list[dict[str, Any]]) -> str:
    """The shares of one total added up, from the text's counts and from the stated values."""
    parts, share, stated, implied, total = (format_number(v) for v in _sums(shares))
    counts, values = _addends(shares)
    return (f"Sumando las cifras del texto: {counts} = {parts} de {total} ({share} %). Sumando los valores "
            f"reportados: {values} = {stated} %, que de {total} serían {implied} (calculado, no son cifras publicadas).")
