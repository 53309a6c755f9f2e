"""Which answer a question gets: a table of routes, tried in order.

Each row names a route, says when it applies to a parsed :class:`~assistant.question.Question`,
and gives the handler that composes the answer. ``route(q)`` is the first row that applies;
at answer time a handler may find that the store cannot answer (no target stated, no indicator
named strongly enough) and return None, and the next row that applies is tried. The last row,
cited retrieval, always applies, so a question the classifier is unsure of still gets a cited
answer or a refusal that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.analysis import Analysis, aspects
from assistant.answer import Answer
from assistant.answers import (
    catalogue,
    consistency,
    counts,
    document,
    group,
    indicator,
    lists,
    plans,
    refusals,
    retrieval,
    section,
    summary,
    targets,
)
from assistant.answers.base import Context
from assistant.entities import fold, lexicon, slot_regex
from assistant.question import STRONG_LINK, Question
from assistant.text import content_stems

Handler = Callable[[Context, Analysis], "Answer | None"]


@dataclass(frozen=True)
class Route:
    """One row of the table: a name, when it applies, and who answers."""

    name: str
    applies: Callable[[Question], bool]
    handler: Handler
    # A refusal whose handler answers only when its evidence check finds nothing: it does not
    # decide how the question is answered (per policy or not) and is tried inside each answer.
    evidence_refusal: bool = False


def _indicator_codes(q: Question) -> list[str]:
    return indicator.indicator_codes(q.codes)


def _service_codes(q: Question) -> list[str]:
    return indicator.service_codes(q.codes)


def _unknown_entity(q: Question) -> bool:
    return bool(q.unknown_codes) or any(c.by == "number" and not c.name for c in q.objectives)


def _regional(q: Question) -> bool:
    figure = q.top_intent in {"value", "progress", "count", "series", "met_target"} or q.asked.amount
    named = bool(_indicator_codes(q)) or bool(q.indicators and q.indicators[0].score >= STRONG_LINK)
    # "What was Colombia's share of the projects?"; not "¿ese porcentaje cuadra con los proyectos con
    # Tailandia…?", which asks whether the figures agree.
    by_country = bool(q.countries) and q.asks_share and not q.asked.consistency
    return (bool(q.places) or by_country or q.asked.by_region) and figure and named


def _targets(q: Question) -> bool:
    if q.asked.derivation and q.asked.percents:
        return False  # "¿A qué meta corresponde el 98,6 %?": the value and target behind that progress
    if q.asked.why or q.asked.met or q.top_intent == "series" and not (q.asked.baseline or q.asked.target):
        # "¿cuánto ha subido este año?": the figures. A series from the baseline ("evolución desde la
        # línea de base hasta 2023") is the figures with the baseline and targets, and a series of
        # targets ("how are the users expected to grow year by year up to 2030?") the targets: the
        # targets' answer gives them, matching on the indicator's name words alone.
        return False
    named = bool(_indicator_codes(q)) or bool(q.indicators and q.indicators[0].score >= STRONG_LINK)
    # "¿y hacia dónde se apunta en 2030?" about an indicator: no report covers 2030 yet, so what the
    # documents can say of it is a target.
    # A value asked for such a year ("¿Cuál fue el valor del IOP.03.01 en 2025?") is refused, never
    # answered with its target.
    # The question's own top reading counts even when unsure: it sits near the threshold on such
    # wordings, and a refusal is the safe side of a value asked for a year no report covers. A
    # reading borrowed from the last turn ("¿y hacia dónde se apunta en 2030?") must be confident.
    own_reading = q.follow_up is None or "intents" not in q.follow_up.inherited
    value_asked = q.asked.amount or q.asked.value_word or q.asked.progress_word or (
        q.top_intent in {"value", "progress", "count", "met_target"} and (q.confident or own_reading))
    future = bool(q.future_years) and named and not value_asked
    # "¿Cuál fue el valor del IOP.03.01 en 2023?" names a value and no target or baseline word: a
    # classifier that leans to "target" on its shape must be confident to override the word.
    # "el avance del indicador…" names the progress: no reading by shape makes it a target or baseline.
    by_intent = (q.top_intent in {"target", "baseline"} and (q.confident or not q.asked.value_word)
                 and not q.asked.progress_word)
    return q.asked.target or q.asked.baseline or by_intent or future


def _partners_of_inherited(q: Question) -> bool:
    """"¿Con qué país?" after an indicator, "iop 3.1 países socios": its partners, not its figures."""
    return q.top_intent == "partners" and q.confident


def _several(q: Question) -> bool:
    return len(_indicator_codes(q)) > 1 and "why" not in aspects(q) and not _partners_of_inherited(q)


def _by_code(q: Question) -> bool:
    return bool(_indicator_codes(q)) and not _partners_of_inherited(q)


def _service_code(q: Question) -> bool:
    return bool(_service_codes(q)) and "why" not in aspects(q)


def _partners(q: Question) -> bool:
    if q.asked.why:
        return False  # "¿Por qué escogió el Perú a Tailandia?": a cause, which the partner list does not give
    if q.asked.which_objective and not (q.asked.partner_word or q.countries):
        return False  # "Which priority objective covers Peru as a provider?": an objective, not the partners
    if q.asked.met and q.indicators and q.indicators[0].score >= STRONG_LINK:
        return False  # "Did Peru reach its goal on projects offered in LAC?": that indicator against its target
    if q.asked.value_word and not q.asked.partner_word and q.indicators and q.indicators[0].score >= STRONG_LINK:
        return False  # "What value did the indicator on projects … in Latin America reach?": its figure
    counted = q.asked.counted or ""
    if q.asked.amount and not q.asked.count_partners and not counted.startswith(("proyecto", "project", "pais")):
        return False  # "¿Cuánto dinero donó España?": an amount, which only a stated figure answers
    if (q.asked.amount and counted.startswith(("proyecto", "project")) and not q.countries and not q.asked.partner_word
            and not any(r.exclude for r in q.regions)):
        # "In how many projects was Peru the provider in Latin America?": a figure the text states,
        # not the list of countries; "¿cuántos proyectos con Tailandia?", "…fuera de ALC, y con
        # qué país?" are the partners' (the list reads the count beside each country).
        return False
    if q.asked.organization and not (q.countries or q.regions or q.asked.count_partners or q.asked.partner_word):
        # "¿Qué organismo internacional brindó asistencia técnica?": not the country list; "¿qué países
        # u organismos…?" asks for it too (its quote names the bodies beside the countries).
        return False
    if q.asks_share and not q.asked.count_partners:
        return False  # "¿Qué proporción de los proyectos tuvo al Perú como oferente…?": a figure
    if q.asked.who and q.follow_up is not None and not q.countries and not _own_partner_word(q):
        # "¿Y de quién recibió asistencia técnica?" after the donor countries: a body, whoever it is;
        # the earlier turn's "países" does not make it the country list.
        return False
    # An unsure "partners" reading needs a region or a role to be the partner list ("¿Qué socios
    # extrarregionales tuvo el Perú como oferente?"); "In your view, will Peru reach…?" has neither.
    if q.top_intent == "partners" and (q.confident or q.regions or q.role) or q.countries or q.asked.count_partners:
        return True
    if (q.asked.partner_word and (q.regions or q.role) and not q.codes and not q.asked.amount
            and q.top_intent not in {"count", "value", "progress"}):
        return True  # "¿con q país fueron los proyectos fuera de América Latina?", whatever the classifier says
    if (q.follow_up is not None and "partners" in aspects(q) and not q.codes
            and (q.follow_up.intent == "partners" or q.asked.partner_word)):
        # "¿Cuántos son?" after a partners question; not "¿y con qué norma?" after "¿cuándo se aprobó…?".
        return True
    return bool(q.regions) and q.follow_up is not None and "regions" in q.follow_up.inherited


def _lists_sections(q: Question) -> bool:
    """The sections themselves are listed ("¿Qué secciones tiene…?"), not the items of one ("¿Qué
    servicios se reportan en la sección de servicios?")."""
    noun = q.asked.list_noun or ""
    return q.asked.listing and bool(noun) and slot_regex("section_words").fullmatch(noun) is not None


def _own_partner_word(q: Question) -> bool:
    """True when the turn's own words name partners ("países", "socios"), not only an earlier turn's."""
    return bool(slot_regex("partner_words").search(fold(" ".join(q.asked.own_words))))


def _objective_named(q: Question) -> bool:
    return any(c.by != "name" for c in q.objectives)


def _services(q: Question) -> bool:
    asks = aspects(q)
    counted = (q.asked.counted or "").startswith(("servici", "service"))  # "¿cuántos servicios tiene el OP.02?"
    return ("services" in asks or counted) and _objective_named(q) and "why" not in asks and not _services_went(q)


def _services_results(q: Question) -> bool:
    # "the number of users of itinerant library services" names one indicator, not the group.
    named = (q.indicators and q.indicators[0].score >= STRONG_LINK
             or q.services and q.services[0].score >= NAMED_SERVICE_MIN)
    return (q.asked.services_plural and _services_went(q) and not (_indicator_codes(q) or _service_codes(q))
            and not named and not q.asked.amount and q.follow_up is None
            and "why" not in aspects(q) and q.top_intent in {"services", "summary", "progress", "value"})


def _services_went(q: Question) -> bool:
    """"Dame un resumen de cómo les fue a los servicios del OP.02", "how the PNPA services performed":
    their indicators' results, not the services' names."""
    return q.asked.summary_word or bool({"value", "progress", "status"} & aspects(q))


# How strongly a service must be named in words for its indicators to be the list asked for.
NAMED_SERVICE_MIN = 0.5


def _named_service(q: Question) -> bool:
    """"¿Con qué indicadores se mide el servicio de capacitación…?": a service named in words."""
    if q.codes or not q.services or q.services[0].score < NAMED_SERVICE_MIN or not q.asked.indicators_word:
        return False
    if _objective_named(q) and not (q.follow_up is not None and "services" in q.follow_up.inherited):
        return False  # "los indicadores del Objetivo Prioritario 2 de la política de bibliotecas": the objective's
    if q.indicators and q.indicators[0].score >= q.services[0].score:
        return False  # "el indicador de servidores capacitados" names an indicator, not a service
    # "¿Y cuántas accesiones registró su indicador?" after a service: the figure of that service's indicator.
    of_earlier = q.follow_up is not None and "services" in q.follow_up.inherited and bool(
        {"value", "progress", "count"} & aspects(q))
    return q.asked.overview == "list" or q.asked.listing or q.top_intent in {"indicator_list", "services"} or of_earlier


# How far a service named in words must stand above the next one to be the one asked about.
SERVICE_CLEAR_MARGIN = 0.15


def _service_named(q: Question) -> bool:
    """"¿En qué consiste el servicio de bibliotecas itinerantes?": one service named in words."""
    if q.codes or not q.services or q.asked.why or q.asked.amount or _objective_named(q):
        return False  # "¿a cuánta gente atendieron los servicios itinerantes?" asks an indicator's figure
    top, runner = q.services[0].score, (q.services[1].score if len(q.services) > 1 else 0.0)
    if top < NAMED_SERVICE_MIN or top - runner < SERVICE_CLEAR_MARGIN:
        return False
    if q.indicators and q.indicators[0].score >= top:
        return False  # "¿Cuántas cajas isotérmicas se entregaron?" names the indicator
    return q.top_intent == "services" or q.asked.services_word


def _names_of_a_count(q: Question) -> bool:
    """"la lista de las 81 entidades", "the names of the three projects": names asked of a count the
    question restates (a number that is no year)."""
    return q.asked.members and not q.asked.why and bool(q.asked.restated_counts)


def _group(q: Question) -> bool:
    if q.asked.overview == "threshold" and not (q.asked.indicators_plural or q.asked.which_one
                                                or q.top_intent == "indicator_list"):
        return False  # "¿El indicador de X alcanzó su meta?": one indicator, not the list
    if q.indicators and q.indicators[0].score >= STRONG_LINK and not (q.asked.indicators_plural or q.asked.which_one):
        # "¿El indicador de becas alcanzó su logro esperado?", "¿Por qué no hay datos del indicador
        # de X?": that one indicator, never the list of every indicator at or above 100 %.
        return False
    mode = group.overview_mode_of(q.asked, q.top_intent, aspects(q), objective_named=_objective_named(q))
    return not (_indicator_codes(q) or _service_codes(q)) and mode is not None


def _guidelines(q: Question) -> bool:
    named = q.asked.guidelines_word or bool(q.guideline_codes)  # "¿qué dice el L.01.02?"
    return named and "why" not in aspects(q) and not _indicator_codes(q)


def _counts_objectives(q: Question) -> bool:
    return counts.asked_kind(q.asked) == "objetivo" and not _objective_named(q)


def _policy_services(q: Question) -> bool:
    asks = aspects(q)
    # "¿Cuántos servicios tiene la PNCTI?": the list, counted, beside the number the report declares.
    counted = counts.asked_kind(q.asked) == "servicio" and q.top_intent == "count" and not q.asked.consistency
    # "¿Qué logro esperado tenía el indicador … vinculado al servicio de…?" asks one indicator's target.
    return ((q.top_intent == "services" and not q.asked.amount or counted) and q.asked.services_word and not q.codes
            and "why" not in asks and not _services_went(q) and not q.asked.target)


def _objectives(q: Question) -> bool:
    asks = aspects(q)
    # "Sintetice el desempeño de la PNBP" asks a summary in every word: not the objectives' titles.
    # "¿En qué foros participa el Perú en el marco de ese objetivo?" names the objective and asks
    # something else about it: its passages answer, not its title.
    about_it = _objective_named(q) and q.top_intent != "objectives"
    # "¿Cuáles fueron las 38 actividades operativas?" restates a count of something else, and names no objective.
    other_count = bool(q.asked.restated_counts) and not any(
        stem in _objective_word_stems() for _, stem in q.asked.restated_counts) and not any(
        s in _objective_word_stems() for w in q.asked.own_words for s in content_stems(w))
    return ("objectives" in asks and not other_count and not ({"why", "value", "progress", "status"} & asks) and not _indicator_codes(q)
            and not _objective_summary(q) and not q.asked.summary and not q.asked.when and not about_it)


def _objective_summary(q: Question) -> bool:
    """"Resumen de lo que dice el reporte sobre el OP.04": how the objective went, not its title.
    ("¿Coinciden los foros del resumen del reporte con…?" names the report's summary: no request.)"""
    return q.asked.summary_word and _objective_named(q) and q.top_intent in {"summary", "objectives", "progress"}


def _reason(q: Question) -> bool:
    return "why" in aspects(q) and not _indicator_codes(q)


def _definition_by_name(q: Question) -> bool:
    """"¿En qué unidad se mide el índice de lectura?": what one indicator named in words measures."""
    return (q.top_intent == "definition" and not q.codes and not q.asked.why and not q.asked.amount
            and not ({"value", "progress", "evolution", "count"} & aspects(q)))


def _by_name(q: Question) -> bool:
    asks = aspects(q)
    return "why" not in asks and not _indicator_codes(q) and bool({"value", "progress", "evolution", "count"} & asks)


def _objective_status(q: Question) -> bool:
    asks = aspects(q)
    counts_other = q.asked.counted is not None and not q.asked.counted.startswith(
        ("indicador", "avance", "porcentaje", "valor"))
    asks_status = bool({"value", "progress", "status"} & asks) or q.asked.target or _objective_summary(q)
    return (_objective_named(q) and asks_status and "why" not in asks
            and not _indicator_codes(q) and not counts_other)


def _signatory(q: Question) -> bool:
    # "¿Quién firmó el reporte?", not "¿con quién se firmaron convenios?" (a partner question).
    agreements = q.countries or (q.role and q.role != "convenio") or any(
        s.startswith(("conveni", "acuerd", "alianz", "agreement")) for s in q.stems)
    return q.asked.signatory and not agreements


def _verification(q: Question) -> bool:
    # "¿cuadra el 45,83 % con 32 de 72?" states the figures it doubts; without figures, a weak
    # discrepancy reading ("necesito el número de bibliotecas en Huancavelica") is not enough.
    # Two years offered as alternatives ("¿fue de abril a diciembre de 2023 o de 2024?") are stated
    # the same way: a period check answers them.
    stated = bool(q.asked.figures) or q.asked.either_year
    # "la pnpa dice doce servicios, ¿cuántos aparecen de verdad?" reads as a count to the classifier;
    # a declaring and a presenting word together make it the report's declared-against-presented check.
    declared = q.asked.declared and not q.asked.why and q.top_intent in {
        "discrepancy", "count", "services", "indicator_list", "summary"}
    # "Si sumo eso con el porcentaje de ALC, ¿coincide…?": adding figures is as plain a sign, and so
    # is a word that asks whether they agree ("¿indica de manera consistente el periodo…?").
    signs = q.confident or stated or q.asked.adds or q.asked.consistency
    # "Is it consistent about which year…?": a consistency word with the reading next to the top one.
    runner_up = q.asked.consistency and "discrepancy" in [label for label, _ in q.intents[:2]]
    # "¿Cuadra el 70 % de avance con lo que se logró…?": a consistency word about a figure it states.
    doubted = q.asked.consistency and (stated or bool(q.asked.restated_counts))
    # "¿Y eso cuadra?", "Does that figure match the target?" after an indicator's answer: its checks.
    pointed = (q.asked.consistency and q.follow_up is not None and not q.asked.why
               and any(c.by == "history" for c in q.indicators[:1]))
    # "¿Hay alguna cifra que no cuadre en el reporte?": whether any of the checks disagrees.
    surveyed = q.asked.any_check and not q.codes and not q.asked.figures
    return (q.top_intent == "discrepancy" and signs) or runner_up or declared or doubted or pointed or surveyed


def _objective_of(q: Question) -> bool:
    """One objective is asked for, of something described, not one named by its code or number.
    "¿Cuál es el objetivo de la política de bibliotecas?" describes nothing but the policy."""
    if q.guideline_codes:
        return q.asked.which_objective and not q.asked.why  # "¿A qué objetivo pertenece el lineamiento L.01.02?"
    if any(s.isdigit() for s in q.asked.key_stems):
        return False  # "el objetibo prioritario 3": an objective named by its number, typo or not
    typos = {s for typo, word in q.corrections.items() if set(content_stems(word)) & _objective_word_stems()
             for s in content_stems(typo)}
    topic = [s for s in q.asked.key_stems if s not in _objective_word_stems() and s not in typos]
    return (q.asked.which_objective and bool(topic) and not _objective_named(q) and not q.asked.amount
            and not q.asked.why)


def _objectives_lacking(q: Question) -> bool:
    """"¿Qué objetivo prioritario de la PNCTI no tiene servicios?": objectives with none of a kind
    ("…y por qué?" too: the answer quotes the sentence that says so, with its reason)."""
    return (q.asked.which_objective and not _objective_named(q)
            and catalogue.lacking_kind(q.asked.lacking) is not None)


@lru_cache(maxsize=1)
def _objective_word_stems() -> frozenset[str]:
    """Stems of the words that speak of an objective (``objective_words`` of slots.yaml)."""
    return frozenset(s for w in lexicon().slots["objective_words"] for s in content_stems(w))


def _counts_across(q: Question) -> bool:
    """A count of a kind of item compared across policies, or asked of several and added up."""
    if q.codes or q.asked.why or len(q.policies) == 1 or counts.asked_kind(q.asked) is None:
        return False
    several = len(q.policies) > 1 or q.asked.each
    return bool(q.asked.count_compare) or several and q.asked.counted is not None and (
        q.asked.adds or q.asked.total or q.asked.compare or q.top_intent == "count")


# The readings a question about what is planned gets; "¿Qué objetivos plantea…?", "What are the new
# services planned…?" read as objectives or services, and are those.
_PLAN_INTENTS = {"document_fact", "summary", "explain"}


def _plans(q: Question) -> bool:
    """What a report plans is asked ("¿Qué propone el reporte para mejorar…?"), not when, how much or
    whether a figure it states holds."""
    # "¿Y qué propone el reporte para mejorar eso?" after a figure: the reading borrowed from that
    # turn is the figure's; the plan word is this turn's own.
    borrowed = q.follow_up is not None and "intents" in q.follow_up.inherited
    return (q.asked.plan and (q.top_intent in _PLAN_INTENTS or borrowed)
            and not (q.asked.why or q.asked.amount or q.asked.when) and not q.asked.figures)


def _summary(q: Question) -> bool:
    asked = q.asked.summary or q.asked.period or (q.top_intent == "summary" and (q.confident or q.asked.summary_word))
    return asked and "why" not in aspects(q) and not q.asked.amount  # "¿Cuántos…?" is never a summary


ROUTES: tuple[Route, ...] = (
    Route("codigo-desconocido", _unknown_entity, refusals.unknown_entity),
    Route("politica-no-ingerida", lambda q: q.unknown_policy is not None, refusals.unknown_policy),
    Route("opinion", lambda q: q.asked.opinion, refusals.opinion),
    Route("fuera-del-corpus", lambda q: bool(q.uncovered_years or q.unlisted_countries), refusals.outside_corpus),
    Route("desglose-no-publicado", _regional, refusals.regional_breakdown),
    Route("parte-no-publicada", lambda q: q.asked.part and not q.asked.why, refusals.unpublished_part,
          evidence_refusal=True),
    Route("nombres-no-listados", _names_of_a_count, refusals.unlisted_members, evidence_refusal=True),
    Route("firmante", _signatory, document.signatory),
    # "¿Quién es el jefe de la Oficina General de Planeamiento?": a signatory by post, or no one.
    Route("titular-del-cargo", lambda q: q.asked.post_holder and not q.asked.signatory and not q.countries,
          document.post_holder),
    # "¿Qué significa ODS en el IOP.01.02?" asks the short form even with a code; "¿s.i. en el cuadro?" too.
    Route("siglas", lambda q: q.asked.meaning or q.asked.dotted and not q.codes,
          document.acronym_meanings),
    Route("seccion", lambda q: bool(q.sections) and not q.codes and not q.asked.amount, section.answer),
    # "¿Qué secciones tiene el reporte de la PNPA?": the document's numbered headings.
    Route("secciones", lambda q: _lists_sections(q) and not q.sections and not q.codes, section.outline),
    # "¿Los foros que nombra el resumen son los mismos que los del OP.04?", "¿es consistente la relación
    # de foros del resumen con la de la sección del OP.04?": the two lists compared, when no figure is doubted.
    Route("listas-comparadas", lambda q: (q.asked.same_list or q.asked.consistency and not q.asked.figures)
          and q.asked.summary_word and _objective_named(q) and not _indicator_codes(q), lists.compare),
    # "¿Qué propone el reporte para mejorar…?", "what will the BNP do next?": the report's plans.
    Route("planes", _plans, plans.answer),
    Route("verificacion", _verification, consistency.answer),
    # "¿…sumando ALC y otras regiones?": a count that adds the parts of one total.
    Route("suma", lambda q: q.asked.adds and q.asked.amount and not q.asked.why, consistency.sum_of_shares),
    # "¿Qué objetivo prioritario no tiene servicios?"
    Route("objetivos-sin", _objectives_lacking, catalogue.objectives_lacking),
    # "¿A qué objetivo prioritario pertenece el servicio de difusión de becas?"
    Route("objetivo-de", _objective_of, catalogue.objective_of),
    # "¿Qué política tiene más indicadores?", "¿cuántos indicadores suman entre la PNCTI y la PNPA?"
    Route("conteos-entre-politicas", _counts_across, counts.across_policies),
    Route("meta-o-linea-base", _targets, targets.answer),
    Route("varios-indicadores", _several, indicator.several),
    Route("indicador-por-codigo", _by_code, indicator.by_code),
    Route("servicio-por-codigo", _service_code, indicator.by_service_code),
    Route("indicadores-de-servicio", _named_service, indicator.of_named_service),
    Route("servicio-por-nombre", _service_named, indicator.of_service_named),
    Route("socios", _partners, catalogue.partners),
    Route("lineamientos", _guidelines, catalogue.guidelines),
    Route("resultados-de-servicios", _services_results, group.services_results),
    Route("servicios-de-objetivo", _services, catalogue.services),
    Route("indicadores-en-grupo", _group, group.indicators),
    Route("conteo-de-objetivos", _counts_objectives, catalogue.objectives),
    Route("servicios-de-la-politica", _policy_services, catalogue.services),
    Route("objetivos", _objectives, catalogue.objectives),
    Route("motivo-de-indicador", _reason, indicator.why),
    Route("definicion-por-nombre", _definition_by_name, indicator.definition_by_name),
    Route("indicador-por-nombre", _by_name, indicator.by_name),
    Route("estado-de-objetivo", _objective_status, group.objective_status),
    Route("resumen", _summary, summary.answer),
    Route("recuperacion", lambda q: True, retrieval.answer),
)


def route(q: Question) -> Route:
    """The first route that applies to ``q``."""
    return next(r for r in ROUTES if r.applies(q))


def routes_for(q: Question) -> list[Route]:
    """Every route that applies to ``q``, in the order they are tried."""
    return [r for r in ROUTES if r.applies(q)]
