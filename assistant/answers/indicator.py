"""Figures of the indicators a question names: by code, several codes, a service's code, or
by the words of the indicator's name; and the stored reason of an indicator without data."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.analysis import Analysis, match_indicator, regions_named_in, weighted_stems
from assistant.answer import Answer, Citation
from assistant.answers import refusals, retrieval
from assistant.answers.base import Context
from assistant.answers.naming import (
    AMBIGUOUS_MARGIN,
    INDICATOR_MATCH_MIN,
    NAMED_INDICATOR_MIN,
    naming_stems,
)
from assistant.asked import is_year_value
from assistant.entities import fold, slot_stems
from assistant.indicators import (
    indicator_keys,
    indicators_draft,
    money_not_answered,
    several_indicators_draft,
    uncoded_alias,
    with_data_in,
)
from assistant.knowledge import Snapshot, key
from assistant.passages import (
    continuation_of,
    doc_sentences,
    is_list_item,
    policy_name_stems,
    states_cause,
)
from assistant.retrieval import ScoredSentence
from assistant.structured import Draft, NotInCorpus, merge_drafts, sentence_index, share_terms
from assistant.targets import baseline_change_draft, targets_draft
from assistant.text import code_mention, content_stems, same_family, synonym_stems
from assistant.verify import CODE_LIKE_RE
from ingest.numbers import find_numbers, format_number, same_number, strip_accents

_SERVICE_INDICATOR = re.compile(r"S{1,2}\.\d{2}(?:\.\d{2}){1,2}-\d")
_SERVICE = re.compile(r"S{1,2}\.\d{2}\.\d{2}(?:\.\d{2})?")


def indicator_codes(codes: list[str]) -> list[str]:
    """The indicator codes among ``codes`` (IOP, IS, ISS, and a service's numbered indicator)."""
    return [c for c in codes if c.startswith(("IOP", "ISS", "IS.")) or _SERVICE_INDICATOR.match(c)]


def service_codes(codes: list[str]) -> list[str]:
    """The service codes among ``codes``."""
    return [c for c in codes if _SERVICE.fullmatch(c)]


def no_data(ctx: Context, keys: list[str], q: Analysis) -> bool:
    """True when the asked period of these indicators has no value (the answer is the reason)."""
    rows = [r for k in keys for r in ctx.structured.rows_for(ctx.snap, k) if not q.years or r["period"] in q.years]
    return bool(rows) and all(r["value"] is None for r in rows)


# Leads the figures of indicators the question names one after another.
LISTED_HEADER = "La pregunta nombra varios indicadores; estas son las cifras de cada uno:"


def _figures(ctx: Context, q: Analysis, keys: list[str], header: str | None = None) -> Answer:
    """The store's figures of ``keys``; for an evolution question about one indicator, with the
    baseline (or, when targets are named, the targets) the policy document states."""
    reported = {v["period"] for k in keys for v in ctx.snap.values.get(k, [])}
    base_years = {t["year"] for k in keys for t in ctx.snap.targets.get(k, []) if t["kind"] == "linea_base"}
    derived = sorted({v["period"] for k in keys for v in ctx.snap.values.get(k, []) if v["progress_pct"] is not None
                      and any(same_number(p, v["progress_pct"], 0.01) for p in q.asked.percents)})
    if q.asked.derivation and derived and not q.years:
        # "¿Cómo sale el 98,1 %?": the year whose published progress that is, not every year's figure.
        q = replace(q, years=derived)
    if "evolution" not in q.intents and set(q.years) & (base_years - reported):
        # "¿cuántas rutas había en 2020…?": that year's figure is the baseline the documents state.
        return trajectory(ctx, q, keys)
    # A series of one indicator, or of each indicator the question names one after another.
    evolution = "evolution" in q.intents and (q.listed or len({ctx.snap.indicators[k]["indicator_id"] for k in keys}) == 1)
    periods = [v["period"] for k in keys for v in ctx.snap.values.get(k, []) if v["period"]]
    stated_years = {t["year"] for k in keys for t in ctx.snap.targets.get(k, [])}
    # "2020-2030" is a range: a year with data inside it counts. "since 2020", the baseline's year,
    # starts the series the baseline opens.
    has_year = any(p in q.years or (len(q.years) > 1 and min(q.years) <= p <= max(q.years))
                   for p in periods) or bool(periods and set(q.years) & base_years)
    unstated = [y for y in q.years if y not in periods and y not in stated_years and periods and y < max(periods)]
    if evolution and has_year and not unstated:
        # A series spans the years with data, whatever range the question names ("2020-2030", a
        # baseline and a target year); years none of which has data are not answered with another
        # year's figure. A past year with no figure, baseline or target ("¿cuánto dio en 2022? para
        # compararlo con 2023") is refused by the figures' answer.
        q = replace(q, years=[])
    if header is None and q.listed and len(keys) > 1:
        header = LISTED_HEADER
    draft = indicators_draft(ctx.structured, ctx.snap, keys, q, header=header)
    if evolution:
        code_of = {k: ctx.snap.indicators[k]["code"] or ctx.snap.indicators[k]["indicator_id"] for k in keys}
        with_targets = [k for k in keys if ctx.snap.targets.get(k)]
        stated = [d for d in (targets_draft(ctx.templates, ctx.snap, with_targets, code_of, baseline=True, years=[]),
                              targets_draft(ctx.templates, ctx.snap, with_targets, code_of, baseline=False, years=[]))
                  if d is not None]
        if stated:
            # "¿cuánto varió respecto de la línea de base?": the change, calculated, after what is stated.
            changes = [d for k in with_targets[:1] if len(keys) == 1
                       if (d := baseline_change_draft(ctx.templates, ctx.snap, k, code_of[k])) is not None]
            draft = merge_drafts([draft, *stated, *changes], "Lo que publican los documentos:")
    return ctx.finish(draft)


def trajectory(ctx: Context, q: Analysis, keys: list[str]) -> Answer:
    """The figures of ``keys`` with the baseline and the targets the policy document states.

    A year no report gives a value for ("la meta que se fija para 2030") is a target's year: it
    does not filter the values, it is shown among the targets."""
    reported = {v["period"] for k in keys for v in ctx.snap.values.get(k, [])}
    return _figures(ctx, replace(q, intents=q.intents | {"evolution"}, years=[y for y in q.years if y in reported]),
                    keys)


def _by_region(snap: Snapshot, q: Analysis, keys: list[str]) -> list[str]:
    """Of indicators a description fits equally, those of the region the question names
    ("…en América Latina y el Caribe" is IOP.03.01, not its twin "en otras regiones")."""
    if len(keys) < 2 or not (q.regions or q.other_regions):
        return keys
    asked = {name for _, name in q.regions}
    fitting = []
    for k in keys:
        named, elsewhere = regions_named_in(snap.indicators[k]["name"])
        if (q.other_regions and elsewhere) or (asked and asked & {name for _, name in named}):
            fitting.append(k)
    return fitting or keys


def several(ctx: Context, q: Analysis) -> Answer | None:
    """Each named indicator's figures; for two comparable figures, their difference."""
    q, _ = uncoded_alias(ctx.snap, q)
    return ctx.finish(several_indicators_draft(ctx.structured, ctx.snap, indicator_codes(q.codes), q))


def by_code(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Qué valor tuvo el IOP.03.01?": the store's figures, its definition, or its reason for no data."""
    q, alias_note = uncoded_alias(ctx.snap, q)
    codes = indicator_codes(q.codes)
    keys = indicator_keys(ctx.snap, codes[0], q) if codes else []
    if "why" in q.intents and len({ctx.snap.indicators[k]["policy"] for k in keys}) > 1 and not q.policies:
        return _explained_per_policy(ctx, q, keys)
    if not keys:
        return None
    if "why" in q.intents and not no_data(ctx, keys, q):
        # "¿por qué…?" with data: "why was the PNPA IOP 01.01 value so high?" gets the cause beside
        # that one indicator's figure; else (or for several) the report's explanation, by retrieval.
        return cause(ctx, replace(q, linked=keys)) if len(keys) == 1 else None
    if "definition" in q.intents and not ({"value", "progress"} & q.intents):
        drafts = [ctx.structured.definition(ctx.snap, k) for k in keys[:4]]
        if len(drafts) == 1:
            return ctx.finish(drafts[0])
        # A code several policies use, asked without naming one: each policy's, labelled.
        return ctx.finish(merge_drafts(drafts, "Ese código existe en varias políticas; esto mide en cada una:"))
    return _figures(ctx, q, keys, header=alias_note)


def definition_by_name(ctx: Context, q: Analysis) -> Answer | None:
    """"¿En qué unidad se mide el índice de lectura?": the definition of the one indicator the
    question names in words."""
    if len(q.linked) != 1:
        return None
    return ctx.finish(ctx.structured.definition(ctx.snap, q.linked[0]))


# What an answer shows when it gives an indicator's figures rather than its definition.
FIGURE_ASPECTS = frozenset({"value", "progress", "count", "evolution"})


def _measuring(snap: Snapshot, codes: list[str], policies: list[str]) -> list[str]:
    """The indicators that measure the services ``codes`` (of ``policies``, when given)."""
    return [k for k, ind in sorted(snap.indicators.items())
            if ind["service"] in codes and (not policies or ind["policy"] in policies)]


def by_service_code(ctx: Context, q: Analysis) -> Answer | None:
    """A service's code: the figures of the indicators that measure it, or the service itself."""
    snap = ctx.snap
    codes = service_codes(q.codes)
    measured = _measuring(snap, codes, q.policies)
    if measured and FIGURE_ASPECTS & q.intents:
        return ctx.finish(indicators_draft(ctx.structured, snap, measured, q, header=(
            f"El servicio {', '.join(codes)} se mide con "
            f"{'este indicador' if len(measured) == 1 else 'estos indicadores'}:")))
    return ctx.finish(_service_with_figures(ctx, q, codes, measured))


def _service_with_figures(ctx: Context, q: Analysis, codes: list[str], measured: list[str]) -> Draft:
    """A service as the documents word it, with its indicators' figures when they have any."""
    described = ctx.structured.services_answer(ctx.snap, q, codes=codes, indicators=not measured)
    if not measured:
        return described
    try:
        figures = indicators_draft(ctx.structured, ctx.snap, measured, q, header=(
            "Se mide con este indicador:" if len(measured) == 1 else "Se mide con estos indicadores:"))
    except NotInCorpus:
        return ctx.structured.services_answer(ctx.snap, q, codes=codes)
    return merge_drafts([described, figures], "")


def of_service_named(ctx: Context, q: Analysis) -> Answer | None:
    """"¿En qué consiste el servicio de bibliotecas itinerantes?", "What did the equipment service
    deliver?": the service the question names in words, as the documents word it, with its figures."""
    policy, code, _ = q.service_links[0]
    named = replace(q, policies=[policy])
    measured = _measuring(ctx.snap, [code], [policy])
    if measured and FIGURE_ASPECTS & q.intents:
        # "¿Cumplió su meta el servicio de…?": the figures lead, as for a service's code.
        return by_service_code(ctx, replace(named, codes=[code]))
    return ctx.finish(_service_with_figures(ctx, named, [code], measured))


def of_named_service(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Con qué indicadores se mide el servicio de capacitación en buenas prácticas?": the indicators
    of the service the question names in words, with their figures when a figure is asked."""
    snap = ctx.snap
    policy, code, _ = q.service_links[0]
    measured = _measuring(snap, [code], [policy])
    if not measured:
        return None
    service = snap.services.get(key(policy, code)) or {}
    named = f"{code} ({service['name']})" if service.get("name") else code
    header = f"El servicio {named} de la {policy} se mide con " + (
        "este indicador:" if len(measured) == 1 else f"estos {len(measured)} indicadores:")
    if FIGURE_ASPECTS & q.intents:
        return ctx.finish(indicators_draft(ctx.structured, snap, measured, q, header=header))
    return ctx.finish(merge_drafts([ctx.structured.definition(snap, k) for k in measured], header))


# Share of the question ``key`` covers that another indicator's name must cover to be named instead.
OTHER_NAME_SHARE = 0.6


def _states_its_figure(snap: Snapshot, q: Analysis, key: str) -> bool:
    """True when the question states a published value or progress of ``key`` (years aside):
    "el 98,6 % de bibliotecas municipales" is that indicator's, whatever other name shares a word."""
    published = [f for v in snap.values.get(key, []) for f in (v["value"], v["progress_pct"]) if f is not None]
    return any(same_number(n, f, 0.001) for n in q.asked.numbers if not is_year_value(n) for f in published)


def _names_another(snap: Snapshot, q: Analysis, key: str) -> bool:
    """True when a word of the question is in another indicator's name and not in ``key``'s:
    "personas capacitadas" is not IOP.01.03 "personas beneficiarias", whose name lacks "capacitadas"."""
    asked = set(naming_stems(snap, q))
    own = set(snap.indicator_stems.get(key, [])) | set(snap.indicator_context.get(key, []))
    own |= {s for s in asked if same_family(s, own)}  # "biblioteca" of "bibliotecarios"
    covered = sum(snap.weight(s) for s in asked & own)
    # Another indicator is named when its name holds a question word ``key``'s lacks and covers
    # nearly as much of the question ("entidades" in "oficinas de cooperación de las entidades" is
    # in ISS.02.01.01.01's name, which shares nothing else with a question about trained staff).
    # A framing word ("años" of "over the years", "indicador") names no indicator, even where one
    # indicator's name holds it ("…de 6 a más años", "índice").
    for k, names in snap.indicator_stems.items():
        if k == key or not (asked & set(names)) - own - slot_stems():
            continue
        if sum(snap.weight(s) for s in asked & set(names)) >= OTHER_NAME_SHARE * covered:
            return True
    return False


def reason_for_no_data(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Por qué no se midió el ingreso mensual…?": an indicator without data answers with its reason."""
    matches, score = match_indicator(ctx.snap, naming_stems(ctx.snap, q), q.policies, margin=AMBIGUOUS_MARGIN)
    if q.linked and q.link_score >= NAMED_INDICATOR_MIN:
        matches, score = list(q.linked), q.link_score
    named = bool(q.linked) and q.link_score >= NAMED_INDICATOR_MIN
    matches = [k for k in matches if no_data(ctx, [k], q)]
    # "¿Por qué no hay datos de ingreso de pescadores ni de colecciones actualizadas?": each
    # indicator the question names, with its reason; a loose match must be the only one.
    if matches and score >= NAMED_INDICATOR_MIN and (len(matches) == 1 or named):
        return ctx.finish(indicators_draft(ctx.structured, ctx.snap, matches, q))
    if q.no_data:
        # "¿por qué no midieron el ingreso de los pescadores?": the question says the data is missing,
        # so only candidates without data can be meant; a looser link to one of them, clear of the
        # next, names it.
        without = [(key(p, c), s) for p, c, s in q.candidates
                   if key(p, c) in ctx.snap.indicators and no_data(ctx, [key(p, c)], q)]
        if without and without[0][1] >= INDICATOR_MATCH_MIN - ND_LINK_SLACK and (
                len(without) == 1 or without[0][1] - without[1][1] >= CLEAR_LINK_MARGIN):
            return ctx.finish(indicators_draft(ctx.structured, ctx.snap, [without[0][0]], q))
    return None


# How much looser a link may be when the question says the data is missing (see reason_for_no_data).
ND_LINK_SLACK = 0.1


# How far the parser's link must stand above its next candidate to settle a tie of word matches.
CLEAR_LINK_MARGIN = 0.15


def _clear_of_next(q: Analysis, score: float) -> bool:
    """True when ``score`` stands :data:`CLEAR_LINK_MARGIN` above the parser's second candidate."""
    return score - max((c[2] for c in q.candidates[1:2]), default=0.0) >= CLEAR_LINK_MARGIN


def by_name(ctx: Context, q: Analysis) -> Answer | None:
    """An indicator named by description ("el porcentaje de servidores capacitados")."""
    snap = ctx.snap
    matches, score = match_indicator(snap, naming_stems(snap, q), q.policies, margin=AMBIGUOUS_MARGIN)
    agree = len(q.linked) == 1 and matches[:1] == q.linked and (
        not _names_another(snap, q, q.linked[0]) or _states_its_figure(snap, q, q.linked[0]))
    # The parser's link stands well clear of its next candidate and is among the word matches:
    # "servidores de las UOCTI capacitados" is not "bibliotecarios capacitados", whose short name
    # the two shared words cover better.
    clear = (len(q.linked) == 1 and bool(set(matches) & set(q.linked)) and not _names_another(snap, q, q.linked[0])
             and _clear_of_next(q, q.link_score))
    if q.linked and (not set(matches) & set(q.linked) or q.link_score >= NAMED_INDICATOR_MIN or agree or clear):
        # The parser links "en la región" to ALC, typos, synonyms and framing verbs ("¿llegó a su
        # meta…?") to names: where its strong link and the word match disagree, or the word match
        # cannot choose, a link that carries most of the question names the indicator.
        matches, score = list(q.linked), max(score, INDICATOR_MATCH_MIN)
    if q.inherited and score < INDICATOR_MATCH_MIN:
        matches, score = match_indicator(snap, weighted_stems(q), q.policies, margin=AMBIGUOUS_MARGIN)
    dated = with_data_in(snap, matches, q.years)
    matches = _by_region(snap, q, dated)
    if len(dated) > 1 and len(matches) == 1 and matches == list(q.linked):
        # Twins the words fit alike ("…en ALC", "…en otras regiones"): the region the question names,
        # or excludes, picks the one the parser linked.
        score = max(score, INDICATOR_MATCH_MIN)
    if money_not_answered(snap, matches, q):
        return None  # "¿A cuánto ascendió, en dólares, …?": a percentage of amounts is not the amount
    percent_only = any(v["unit"] == "%" for k in matches for v in snap.values.get(k, []))
    # "¿Cuántos centros…?" about an indicator in %: the count is a part of a total the report
    # states in a sentence, not the percentage.
    # "¿y cuánto salió…?" asks how much the figure came to; a count names what it counts.
    counts = "count" in q.intents or ((q.asked.amount or q.asked.count_start) and q.asked.counted is not None)
    count_question = counts and percent_only and not q.asks_share
    if counts and not q.asks_share:
        # "¿En cuántos proyectos fue oferente el Perú fuera de ALC?": the count the text states for
        # the share's part (3 of 72), not the percentage, nor the other region's count. The share is
        # the one word match, or the parser's candidate standing clear of the next one.
        clear_candidate = [k for policy, code, s in q.candidates[:1] if s >= NAMED_INDICATOR_MIN and _clear_of_next(q, s)
                           for k in snap.find(snap.indicators, code, [policy])]
        share = matches if score >= INDICATOR_MATCH_MIN and len(matches) == 1 else clear_candidate
        part = _part_of_share(ctx, share[0], q.years) if len(share) == 1 else None
        if part is not None:
            return part
    if matches and score >= INDICATOR_MATCH_MIN and not count_question and (
            FIGURE_ASPECTS & q.intents):
        other = counts_another(snap, matches, q.asked.counted_words) if counts else None
        if other is not None:
            # "¿cuántas organizaciones de pescadores se asistieron…?": a weaker candidate that counts
            # the noun asked is the one meant ("Número de organizaciones asistidas").
            counting = [k for policy, code, score in q.candidates[1:] if score >= COUNTED_LINK_MIN
                        for k in snap.find(snap.indicators, code, [policy])
                        if counts_another(snap, [k], q.asked.counted_words) is None]
            if len(counting) == 1:
                return _figures(ctx, q, counting)
        if other is not None:
            # "¿Cuántos bibliobuses…?" is not answered by "número de rutas de bibliobús": the
            # indicator counts something else, which the refusal names.
            return ctx.refusal(q, f"los documentos no dan el número de «{q.asked.counted}»; el indicador "
                                  f"más cercano cuenta otra cosa: {other}")
        if q.places:
            # "¿…eran de Loreto?": the country's figure does not answer for a region of Peru.
            national = refusals.regional_breakdown(ctx, replace(q, codes=[], linked=matches))
            if national is not None:
                return national
        return _figures(ctx, q, matches)
    return None


def _part_of_share(ctx: Context, key: str, years: list[int]) -> Answer | None:
    """The part and total the text states for a share indicator ("fue oferente en tres proyectos" of
    "72 proyectos"), quoted, with the indicator's published share: of the year asked, else of the
    latest report; None when no check holds them for that year."""
    snap = ctx.snap
    ind = snap.indicators[key]
    checks = [c for c in snap.checks if c["policy"] == ind["policy"] and c["indicator_id"] == ind["indicator_id"]
              and share_terms(c) is not None and (not years or c["period"] in years)]
    if not checks:
        return None  # "¿… en 2029?" with the count stated for 2028 only: another year's count is no answer
    check = max(checks, key=lambda c: c["period"] or 0)
    part, total = share_terms(check)  # type: ignore[misc]
    doc = snap.doc_name(check["doc_id"])
    label = f"{ind['code'] or ind['indicator_id']} de la {ind['policy']} ({ind['name']})"
    text = (f"Según el texto del reporte: **{format_number(part)}** de {format_number(total)}. Es la parte que "
            f"mide el indicador {label}, cuyo valor publicado es {format_number(check['stated'])} %.")
    citations = []
    for quote, page in ((check["quote_b"], check["page_b"]), (check["quote_a"], check["page_a"])):
        if quote and quote not in text:
            text += f"\n\n> «{quote}» — {doc}, pág. {page}"
            citations.append(Citation(doc, page, "", quote, check["doc_id"]))
    draft = Draft(text, citations, [], "parte-de-porcentaje", [part, total, check["stated"]], [])
    if not check["consistent"]:
        ctx.structured.add_discrepancies(snap, draft, ind_id=key, doc_ids={check["doc_id"]})
    return ctx.finish(draft)


# How well the words must fit a candidate that counts the noun a "¿cuántos…?" asks.
COUNTED_LINK_MIN = 0.25


def counts_another(snap: Snapshot, keys: list[str], counted: tuple[str, ...]) -> str | None:
    """The name of an indicator of ``keys`` that counts a noun other than any of ``counted`` (the
    words of "¿Cuántos X…?"), when each of them counts another; None when one counts it, or says no noun."""
    asked = retrieval.counted_words_stems(snap, counted)
    if not asked:
        return None  # no noun, or people ("¿A cuántas personas…?"): users, servants and fishers are people
    other = None
    for k in keys:
        # "Número de rutas de bibliobús operativas" counts "rutas".
        m = retrieval.COUNTED_NOUN.match(fold(snap.indicators[k]["name"]))
        if m is None:
            return None  # "Porcentaje de…", "Índice de…": no counted noun to hold the question to
        head = {snap.kin(s) or s for s in content_stems(m.group(1))}
        if not head or any(a in head or synonym_stems(a) & head or same_family(a, head) for a in asked):
            return None
        other = other or f"{snap.indicators[k]['code'] or ''} «{snap.indicators[k]['name']}»".strip()
    return other


def partners_of_indicator(snap: Snapshot, q: Analysis) -> Analysis:
    """"¿Con qué país?" after an indicator: the partners of the region that indicator measures."""
    regions: list[tuple[str, str]] = []
    other = False
    for code in q.codes:
        for k in indicator_keys(snap, code, q):
            named, elsewhere = regions_named_in(snap.indicators[k]["name"])
            regions += [r for r in named if r not in regions]
            other = other or elsewhere
    return replace(q, codes=[], regions=[] if other else regions, other_regions=other)


def _explained_per_policy(ctx: Context, q: Analysis, keys: list[str]) -> Answer | None:
    """"¿Por qué el IOP.02.01…?" when several policies use the code and none is named: what each
    policy's documents say, each under its policy, never one of them picked at random."""
    parts: list[Answer] = []
    unexplained: list[str] = []
    policies = sorted({ctx.snap.indicators[k]["policy"] for k in keys})
    for policy in policies:
        own = [k for k in keys if ctx.snap.indicators[k]["policy"] == policy]
        if no_data(ctx, own, q):
            # "¿Por qué no se midió el IOP.02.02?": each policy's indicator without data, with the
            # reason its report gives, whatever words the question used.
            answer = ctx.finish(indicators_draft(ctx.structured, ctx.snap, own, replace(q, policies=[policy])))
        else:
            answer = (cause(ctx, replace(q, policies=[policy], linked=own)) if len(own) == 1 else None) or \
                retrieval.answer(ctx, replace(q, policies=[policy]))
        if not answer.refused:
            answer.text = f"**{policy}:** {answer.text}"
            parts.append(answer)
        else:
            # Said, not dropped: an answer with the other policies alone would read as the code's only use.
            unexplained.append(policy)
    if not parts:
        return None
    if unexplained:
        parts.append(Answer(text=f"**{', '.join(unexplained)}:** no encuentro en su reporte una explicación de ese "
                                 "resultado.", route="recuperacion-por-politica"))
    merged = parts[0]
    if len(parts) > 1:
        merged = Answer(text="Ese código existe en varias políticas; esto dice el reporte de cada una:\n\n"
                        + "\n\n".join(p.text for p in parts),
                        citations=[c for p in parts for c in p.citations], figures=[f for p in parts for f in p.figures],
                        route="recuperacion-por-politica", notes=[n for p in parts for n in p.notes])
    return merged


# How far from an indicator's figure sentence its cause may be (sentences, same section).
CAUSE_AFTER = 3


def cause(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Por qué el avance de visitas a la web de becas salió tan bajo?": the indicator the
    question names, its figure sentence, and the sentence near it that gives the cause."""
    snap = ctx.snap
    if len(q.linked) != 1:
        return None  # no indicator named, or several: retrieval looks for the cause
    rows = [r for r in ctx.structured.rows_for(snap, q.linked[0]) if not q.years or r["period"] in q.years]
    if not rows or rows[-1]["value"] is None:
        return None  # no figure: reason_for_no_data gives the reason the report states
    row = rows[-1]
    if q.asked.target_word and row["status"] == "sin_meta" and row["reason"]:
        # "¿Por qué no tenía logros esperados?": the report's own sentence on why it had none,
        # then the figure it reports all the same.
        reason = sentence_index(snap, row["doc_id"], row["reason"])
        value = sentence_index(snap, row["doc_id"], row["quote"])
        if reason is not None:
            return _quoted_cause(ctx, {reason} | ({value} if value is not None else set()))
    quotes = {row["quote"], row.get("progress_quote") or row["quote"]}
    figure = [i for i in doc_sentences(snap).get(row["doc_id"], [])
              if any(qt and (qt in snap.sentences[i].text or snap.sentences[i].text in qt) for qt in quotes)]
    if figure and "|" in snap.sentences[figure[-1]].text:
        # A table row gives the figure; the report's prose may give it again, with its cause
        # ("Catorce desembarcaderos implementaron…; el retraso obedece a…").
        figure = sorted(set(figure) | {i for i in _prose_stating(snap, q.linked[0], row)
                                       if states_cause(snap.sentences[i].text)})
    if not figure:
        return None
    first, last = figure[0], figure[-1]
    chosen = [i for i in figure if states_cause(snap.sentences[i].text)]
    following = []
    # A figure sentence that gives its own cause needs no other ("…bajaron hasta 18,7 % por la
    # entrega de…"): the next one is about something else.
    for i in range(last + 1, min(len(snap.sentences), last + 1 + (0 if chosen else CAUSE_AFTER))):
        rec = snap.sentences[i]
        if rec.doc_id != row["doc_id"] or rec.section != snap.sentences[last].section or CODE_LIKE_RE.search(rec.text):
            break  # another section, or another indicator's sentence: what follows is about that one
        if states_cause(rec.text):
            chosen.append(i)
            break
        if "%" in rec.text:
            break
        following.append(i)
    prose = "|" not in snap.sentences[last].text  # a table row is followed by the next row or a note
    if not chosen and prose and following and not is_list_item(snap.sentences[following[0]].text):
        # Reports follow a figure with what explains it, not always with "porque" ("La adquisición
        # de dos bibliobuses adicionales se postergó para 2024.").
        chosen = following[:1]
    ind = snap.indicators[q.linked[0]]
    if q.asked.progress_word and ind.get("direction") == "descendente":
        # "¿Por qué muestra 107 % de avance si está por debajo de la meta?": the progress of a
        # descending indicator is computed the other way round, as the report's note says.
        code = code_mention(ind["code"] or "")
        notes = [i for i in doc_sentences(snap).get(row["doc_id"], []) if ind["code"] and "|" not in
                 snap.sentences[i].text and code.search(snap.sentences[i].text)
                 and "descendente" in strip_accents(snap.sentences[i].text).lower()]
        chosen = notes[:1] + chosen
    if not chosen:
        return None  # the report gives no cause next to the figure: retrieval may find one elsewhere
    after = continuation_of(snap, chosen[-1])
    if after is not None:
        chosen.append(after)  # "…se debe a que… No obstante, el nuevo portal…": the explanation goes on
    return _quoted_cause(ctx, {first, *chosen})


def _quoted_cause(ctx: Context, indices: set[int]) -> Answer:
    """The sentences at ``indices``, in document order, quoted as an indicator's cause."""
    answer = ctx.quote([ScoredSentence(i, ctx.snap.sentences[i], 0.0, 0.0) for i in sorted(indices)])
    if not answer.refused:
        answer.route = "causa-de-indicador"
    return answer


# Share of an indicator's name (by IDF) a prose sentence must hold to be about it.
PROSE_NAME_SHARE = 0.5


def _prose_stating(snap: Snapshot, key: str, row: dict) -> list[int]:
    """The sentences of the row's document, outside tables, that state the row's value (in digits
    or in words) and hold most of the indicator's name."""
    # The policy's own name ("pesca artesanal") is in every sentence's context: it names no indicator.
    named_policy = policy_name_stems(snap, [snap.indicators[key]["policy"]])
    name = [s for s in snap.indicator_stems.get(key, []) if s not in named_policy]
    total = sum(snap.weight(s) for s in name)
    found = []
    for i in doc_sentences(snap).get(row["doc_id"], []):
        rec = snap.sentences[i]
        if "|" in rec.text or not total:
            continue
        if not any(abs(n.value - float(row["value"])) < 1e-9 for n in find_numbers(rec.text)):
            continue
        if sum(snap.weight(s) for s in name if s in rec.stems) >= PROSE_NAME_SHARE * total:
            found.append(i)
    return found


def why(ctx: Context, q: Analysis) -> Answer | None:
    """A why-question about an indicator named by description: the reason it has no data, or
    the cause next to its figure."""
    return reason_for_no_data(ctx, q) or cause(ctx, q) or _objective_without_data(ctx, q)


def _objective_without_data(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Y eso por qué?" after the values of an objective's indicators, none of which has data: each
    one's reason, as the report gives it; None when any of them has data or none is named."""
    snap = ctx.snap
    if not q.objective or q.linked or not q.policies:
        return None
    keys = [k for k, i in snap.indicators.items() if i["objective"] == q.objective and i["policy"] in q.policies
            and i["level"] == "objetivo"]
    if not keys or not all(no_data(ctx, [k], q) for k in keys):
        return None
    return ctx.finish(indicators_draft(ctx.structured, snap, keys, q))
