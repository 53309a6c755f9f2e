"""What a question asks for besides its entities: read once, by :func:`assistant.question.parse`.

The intent classifier says what kind of answer is wanted; these flags say how it is phrased
where the answer's form depends on it: a yes/no on a target or a "¿cuánto le faltó?", a list
of indicators or a count of them, the lowest or the highest, a comparison of two figures.
Answer modules read the flags on :class:`Asked`, never the question's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from assistant.entities import (
    Entities,
    lexicon,
    load_data,
    met_phrase,
    phrase_regex,
    slot_regex,
    to_spanish,
)
from assistant.entities import fold as fold_text
from assistant.parts import count_parts
from assistant.text import content_stems, without_glossary_words
from ingest.numbers import NumberMention, find_numbers, strip_accents

_SERVICES = re.compile(r"\bservicios?\b|\bservices?\b")
_SERVICES_PLURAL = re.compile(r"\bservicios\b|\bservices\b")


def services_named(folded: str) -> int:
    """How many times ``folded`` says "servicio(s)" or "service(s)" of a policy ("el servicio
    exterior", the foreign service, is none: ``not_services`` of slots.yaml)."""
    return len(_SERVICES.findall(slot_regex("not_services").sub(" ", folded)))


_HOW_MANY = r"(?:cuant[oa]s?|how many|how much)\b"
_AMOUNT = re.compile(rf"^\W*(?:y\s+|and\s+)?(?:(?:en|con|a|de|por|in|on|for|with|by|of|to|from)\s+)?{_HOW_MANY}")
_YEAR = re.compile(r"\b(20[0-9]{2})\b")
_INDICATORS = re.compile(r"\bindicador(?:es)?\b|\bindicators?\b")
_LIST_INDICATORS = re.compile(
    r"^(?:y\s+)?(?:(?:con|en|de|por|a|mediante|a traves de|by|with|through)\s+)?"  # "¿Con qué indicadores se mide…?"
    r"(?:cuant[oa]s|que|cuales(?: son)?|lista(?:do)?(?: de)?|enumer\w*|dime|which|what|how many)"
    r"\s+(?:son\s+|are\s+)?(?:los\s+|las\s+|the\s+)?"
    r"(?:(?:service|objective|priority|priority-objective|service-level|objective-level|outcome)s?[\s-]+){0,2}(?:level\s+)?"
    r"(?:indicador(?:es)?|indicators?)\b"
)
# A preposition may come first: "¿En cuántos proyectos…?", "For how many of the indicators…?".
_COUNT_START = re.compile(r"^(?:(?:y|e|oye|and)\W+)*(?:(?:en|para|de|a|con|por|sobre|in|for|on|of|to|with|by|from)\s+)?"
                          r"(?:cuant[oa]s|how many)\b")
# Words a summary request may carry besides the request itself.
_SUMMARY_WORDS = {"resum", "reporte", "report", "inform", "principal", "logr", "resultad", "avanc", "conclusion",
                  "hallazg", "trat", "destac", "resalt", "summar", "summary", "about", "polit", "pncti", "cumplimient",
                  "brev", "general", "document", "clav", "punt", "mensaj", "cifr", "important", "highlight",
                  "key", "fact", "point", "desempe", "sintet", "performanc"}
_LIST = re.compile(
    r"^\W*(?:y\s+)?(?:(?:en|con|de|a|por|in|with)\s+)?(?:que|cuales|which|what)\s+(?:son\s+|are\s+)?"
    r"(?:los\s+|las\s+|the\s+)?(?:principales\s+|main\s+)?([a-z]+s)\b"
)
# "¿Cuántos son?" alone counts what the last turn listed, partners or not (analysis.aspects).
# "How many Latin American and Caribbean countries…": English puts the region before the noun.
_COUNT_PARTNERS = re.compile(r"\bcuant[oa]s\s+(?:paises|socios|naciones)\b"
                             r"|how many (?:[a-z-]+ ){0,4}?(?:countries|partners)\b")
_EITHER_YEAR = re.compile(r"\b(?:19|20)\d\d\s+(?:o|or)\s+(?:de\s+|del\s+|en\s+|in\s+)?(?:19|20)\d\d\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:los|las|the|estos|estas|esos|esas|these|those)\s+$")
_PRETERITE = re.compile(r"(?:ó|aron|ieron)\W*$")
# A code typed loosely ("op 4.1", "L.03.01"); a short word before a decimal ("and 4.17 %", "y 4.17")
# is no code's letters.
_CODE_LIKE = re.compile(r"\b(?!(?:and|of|or|the|to|in|at|on|for|is|was|are|de|del|al|y|e|o|u|en|la|el|los|las"
                        r"|con|por|un|una|es|fue|son|que|vs)\b)[A-Za-z]{1,3}\.?\s?\d{1,2}(?:[.\s]\d{1,2})+(?:-\d)?\b",
                        re.IGNORECASE)
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚáéíóúÑñÜü]{3,}")
# A short form: two to eight capitals ("ND", "UOCTI") or letters with dots ("s.i.", "n.d.").
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-ZÁÉÍÓÚÑ]{2,8}(?![\w.])|(?:[A-Za-z]\.){2,}|[A-Za-z]\.[A-Za-z](?![\w.]))")


@dataclass(frozen=True)
class Asked:
    """How a question words what it asks (see the module docstring)."""

    why: bool = False  # "¿por qué…?": a cause, never the target's value
    target: bool = False  # "¿cuál es la meta…?": the target itself, not the progress against it
    baseline: bool = False  # "¿cuál fue la línea de base…?"
    met: bool = False  # "¿cumplió su meta?", "¿cuánto le faltó para la meta?"
    amount: bool = False  # "¿Cuántos…?", "¿Cuánto…?": only a stated figure answers it
    counted: str | None = None  # the noun "¿Cuántos X…?" counts, accent-folded ("lineamientos")
    counted_words: tuple[str, ...] = ()  # every word of that noun phrase ("municipales", "bibliotecas")
    years_named: tuple[int, ...] = ()  # every year named, the policy horizon ("al 2030") included
    compare: bool = False  # "la diferencia entre…", "compara…"
    both: bool = False  # "entre ambos": the subjects of the last two turns
    indicators_word: bool = False  # the question speaks of indicators
    overview: str | None = None  # "nd" | "threshold" | "rank" | "list": about the indicators as a group
    threshold: tuple[str, float] | None = None  # (">", 100.0) for "¿qué indicadores superaron el 100 %?"
    threshold_on_value: bool = False  # the threshold compares values in %, not progress
    lowest: bool = False  # a ranking asks for the lowest progress
    count_start: bool = False  # the question opens with "¿Cuántos…?"
    summary: bool = False  # "Resume el reporte", "¿De qué trata…?"
    summary_word: bool = False  # a summary is asked for, maybe of a topic ("resume lo de las becas")
    section_word: bool = False  # a part of a document is named as such ("la sección de cooperación")
    period: bool = False  # "¿Qué periodo abarca el reporte?"
    listing: bool = False  # "¿Qué alternativas…?": a plural noun is asked for
    list_noun: str | None = None  # that noun ("alternativas")
    count_partners: bool = False  # "¿Cuántos países…?"
    topics: bool = False  # "¿Qué temas…?"
    services_word: bool = False  # "servicios" is named
    services_plural: bool = False  # "los servicios", "services": the services as a group
    guidelines_word: bool = False  # "lineamientos" is named
    who: bool = False  # opens with "quién", "who": a person or body is asked, never a cause
    any_check: bool = False  # "¿hay alguna cifra que no cuadre?": whether any of the checks disagrees
    one_guideline: bool = False  # only in the singular: "¿qué lineamiento trata de las zonas rurales?"
    target_word: bool = False  # "meta", "logro esperado" is named
    indicators_plural: bool = False  # "los indicadores": a group, not one indicator
    value_word: bool = False  # "valor" is named
    progress_word: bool = False  # "avance" is named
    numbers: tuple[float, ...] = ()  # the figures the question states ("¿es correcto el 85 %?"), years included
    percents: tuple[float, ...] = ()  # those of them stated as a percentage ("1 %")
    own_words: tuple[str, ...] = ()  # the question's alphabetic words (a refusal names the missing ones)
    key_stems: tuple[str, ...] = ()  # topic stems of the question's own words, without policies or framing verbs
    signatory: bool = False  # "¿Quién firmó el reporte?", "When was it signed?"
    part: bool = False  # "¿cuántos de los 142…?", "desglose por región": a part of a stated total
    change: bool = False  # "¿cómo cambiaron desde la línea de base…?": a change over time
    adds: bool = False  # "si sumo ambos porcentajes…", "add up the two shares": figures added together
    # "¿Qué política tiene más indicadores?": the kind of item whose count is compared ("indicadores")
    count_compare: str | None = None
    either_year: bool = False  # "¿de 2023 o de 2024?": two years offered as alternatives
    which_objective: bool = False  # "¿A qué objetivo pertenece…?": the one objective something is under
    total: bool = False  # "en total", "altogether": a total is asked (``total_words``)
    post_holder: bool = False  # "¿Quién es el jefe de…?": the person who holds a post (``person_asks``)
    common: bool = False  # "¿qué países aparecen tanto en A como en B?": what two sets share
    each: bool = False  # "cada una de las políticas", "each of the three policies": asked of every policy
    signer: bool = False  # "¿quién firmó…?": the signatory's name, not only the date or place
    document_kind: str | None = None  # "el decreto…" (politica) or "el reporte…" (reporte), when one is named
    # "¿Qué objetivo no tiene servicios?": the words after what says something is missing ("servicios").
    lacking: tuple[str, ...] = ()
    # "¿qué fuente usan los indicadores?", "¿quién mide los indicadores?": the question asks for
    # something other than the indicators themselves (another noun, a who, where, when or how often).
    other_head: bool = False
    claim: bool = False  # "¿es cierto que…?", "me dijeron que…": a figure stated as a claim to check
    percent_said: bool = False  # "45,83 %", "por ciento", "percent": a figure stated as a share
    every_year: bool = False  # "en cada año hasta 2030", "year by year": every year's figure or target
    consistency: bool = False  # "¿indica de manera consistente…?", "¿cuadra…?": whether figures agree
    method: bool = False  # "¿cómo se calcula su avance?": how a figure is worked out (``method_words``)
    # "¿De dónde sale el 112,4 %?", "¿cómo se calcula el 90 %?": how a figure the question states is
    # worked out (``derivation_words``, or a method word beside a stated share).
    derivation: bool = False
    represents: bool = False  # "¿Qué representa ese valor?": what a figure stands for (``represent_words``)
    effect: bool = False  # "¿y qué efecto tuvo eso?": what a figure brought about (``effect_words``)
    by_region: bool = False  # "¿… en cada región?": a figure broken down region by region (``by_region_words``)
    when: bool = False  # "¿A partir de cuándo…?", "On what date…?": a date is asked (``date_words``)
    plan: bool = False  # "¿A qué regiones piensan llevar…?": what is planned is asked (``plan_words``)
    figure_roles: tuple[tuple[float, str], ...] = ()  # "el avance de 130 %": (130.0, "avance")
    # The noun a leading "¿qué…?" asks for ("¿Con qué norma…?": norma): the answer names an instance
    # of it (a decree), not always the noun itself.
    answer_type: str | None = None
    which_one: bool = False  # "¿Qué indicador…?", "Which service…?": one of a group is asked for
    same_list: bool = False  # "¿son los mismos que…?", "¿qué diferencias hay?": two lists compared
    members: bool = False  # "la lista de las 81 entidades": the names of what a count counts
    # Counts the question restates, with the stem of the noun after each ("las 81 entidades" → (81, "entidad")).
    restated_counts: tuple[tuple[float, str], ...] = ()
    declared: bool = False  # "dice 12 servicios, ¿cuántos aparecen de verdad?": declared against presented
    level: str | None = None  # "objetivo" | "servicio": "los indicadores de objetivos prioritarios"
    partner_word: bool = False  # "¿con qué país…?", "partners": the partner countries are asked about
    opinion: bool = False  # "¿en tu opinión, alcanzará la meta?": a forecast the documents cannot give
    parts: int = 1  # questions asked in one: "¿Qué metas tiene… y qué se obtuvo en 2023?" is two
    meaning: bool = False  # "¿Qué significan las siglas CSS y ALC?" (words in slots.yaml)
    organization: bool = False  # "¿Qué organismo brindó asistencia técnica?": a body, not a country
    money: bool = False  # "¿cuánta plata…?", "¿monto en dólares…?": only a figure in a currency answers
    abbreviations: tuple[str, ...] = ()  # "ND", "s.i.": short forms named, upper case without dots
    dotted: bool = False  # a short form written with dots ("¿s.i. en el cuadro?"): asked about by itself
    # Stems the question uses only in a share of the target ("el porcentaje de avance"): they say which
    # figure is asked, not that the indicator is a percentage ("porcentaje de servidores…").
    progress_framing: tuple[str, ...] = ()

    @property
    def figures(self) -> tuple[float, ...]:
        """The numbers the question states that are no years ("¿es correcto el 85 % en 2023?" → 85)."""
        return tuple(n for n in self.numbers if not is_year_value(n))


def is_year_value(n: float) -> bool:
    """True for a whole number in the range of years (1990–2100)."""
    return n.is_integer() and 1990 <= n <= 2100


def read_asked(text: str, spanish: str, ents: Entities, english: bool,
               policy_stems: frozenset[str] = frozenset(), named_policy: frozenset[str] = frozenset()) -> Asked:
    """Read :class:`Asked` from a question ``text``; ``spanish`` is it with Spanish terms for English words,
    ``ents`` the linker's reading (policies, threshold, rank, "sin datos", the counted noun, typo
    corrections), ``policy_stems`` the stems of the policies' names (they name a report, not a topic)
    and ``named_policy`` those of the policies the question names."""
    policies = ents.policies
    corrected = ents.corrected if ents.corrections else ""
    # The typo-corrected reading follows the question ("indicadres" is read as "indicadores").
    folded = strip_accents(f"{spanish} {corrected}" if corrected else spanish).lower()
    bare = folded.strip(" ¿?¡!.")
    raw = fold_text(text)  # the question's own words ("how many of the…" before translation)
    # "¿Por qué monto fue el convenio?" asks an amount: "por qué" before a noun asked for is no why.
    why = slot_regex("why_words").search(slot_regex("not_why").sub(" ", folded)) is not None
    threshold = (ents.threshold.op, ents.threshold.value) if ents.threshold else None
    # "¿Qué indicadores no tuvieron logros esperados?": the ones without a target, not their targets.
    no_target = lacks_target(folded)
    overview = _overview(folded, threshold is not None, ents.rank is not None, ents.no_data, corrected, no_target)
    # "¿Qué servicio de la PNBP superó lo programado?": which of the group passed the threshold.
    which_one = _which_one().match(folded.lstrip(" ¿¡"))
    if which_one and threshold is not None and overview is None:
        overview = "threshold"
    listing = _LIST.search(folded)
    summary = slot_regex("summary_words").search(folded)
    own = spanish
    for policy in policies:
        own = own.replace(policy, " ")  # "según el reporte de la PNAD": which report, not what is counted
    if english:
        own = without_glossary_words(own)
    # A verb in the preterite ("ofreció", "participaron") frames the question; it is not its topic.
    own = " ".join(w for w in own.split() if not _PRETERITE.search(w))
    # So does a participle after an auxiliary ("estuvo involucrado", "fue beneficiado").
    own = _auxiliary_participle().sub(" ", own)
    short_forms = _ABBREVIATION.findall(text)
    acronyms = {p.upper() for p in policies}
    figures = _stated_figures(text)
    plan = bool(slot_regex("plan_words").search(folded)) or _plan_tense(text, folded)
    target_word = re.search(r"\bmetas?\b|\blogros? esperados?\b|\btargets?\b|\bgoals?\b"
                            r"|\bvalor(?:es)? esperados?\b|\bexpected (?:values?|achievements?|levels?)\b",
                            folded) is not None
    return Asked(
        progress_framing=_progress_framing(folded),
        why=why,
        # "¿Qué acciones tiene previstas la BNP para 2024?" asks what is planned, not a target ("previstas"
        # is no target word beside a plan word); "¿qué meta tiene prevista…?" names one.
        target=_asks_target(folded, strip_accents(spanish).lower()) and not why and not (plan and not target_word)
        and not no_target,
        baseline=slot_regex("baseline_words").search(folded) is not None,
        met=asks_met(folded) and not why,
        # "Sumando ALC y otras regiones, ¿en cuántos…?": how many, after a premise.
        amount=_AMOUNT.search(_without_request_lead(folded)) is not None
        or _AMOUNT.search(_without_request_lead(_asked_clause(folded).lstrip(" ¿¡"))) is not None
        # "Pero no veo tantos. ¿Cuántos se reportan realmente?": the question after what it says first.
        or not folded.lstrip().startswith(("¿", "¡")) and "¿" in folded
        and _AMOUNT.search(folded[folded.find("¿") + 1:]) is not None,
        counted=ents.counted,
        counted_words=ents.counted_words,
        years_named=tuple(int(y) for y in _YEAR.findall(text)),
        compare=slot_regex("compare_words").search(folded) is not None,
        both=slot_regex("follow_up", "both").search(folded) is not None,
        indicators_word=_INDICATORS.search(folded) is not None,
        overview=overview,
        threshold=threshold,
        threshold_on_value=ents.threshold is not None and ents.threshold.measure == "value",
        lowest=ents.rank == "lowest",
        count_start=_COUNT_START.match(_without_request_lead(bare)) is not None,
        summary=summary is not None
        and all(any(s.startswith(w) for w in _SUMMARY_WORDS) for s in content_stems(own, drop_generic=True)
                if s not in policy_stems),
        summary_word=summary is not None,
        section_word=slot_regex("section_words").search(folded) is not None,
        period=_period().search(folded) is not None,
        listing=listing is not None,
        list_noun=listing.group(1) if listing else None,
        count_partners=_COUNT_PARTNERS.search(folded) is not None,
        topics=slot_regex("topic_words").search(folded) is not None,
        # "el objetivo de mejorar la calidad de los servicios bibliotecarios": the name's word asks for no services.
        services_word=services_named(folded) > 0 and (
            not ents.described_name
            or services_named(ents.corrected or raw) > services_named(fold_text(ents.described_name))),
        services_plural=_SERVICES_PLURAL.search(folded) is not None,
        target_word=target_word,
        indicators_plural=re.search(r"\bindicadores\b|\bindicators\b", folded) is not None,
        guidelines_word=re.search(r"\blineamientos?\b|\bguidelines?\b", folded) is not None,
        who=_WHO.match(raw) is not None,
        one_guideline=re.search(r"\blineamiento\b|\bguideline\b", raw) is not None
        and re.search(r"\blineamientos\b|\bguidelines\b", raw) is None,
        value_word=slot_regex("value_words").search(folded) is not None,
        progress_word=slot_regex("progress_words").search(folded) is not None,
        numbers=tuple(n.value for n in figures),
        percents=tuple(n.value for n in figures if n.percent),
        own_words=tuple(dict.fromkeys(_WORD.findall(text))),
        # "la política de pesca artesanal" says which report, not what is asked about in it.
        key_stems=tuple(s for s in content_stems(own, drop_generic=True) if s not in named_policy),
        signatory=asks_signatory(folded),
        # On the question's own words: "considerando" read as the catalog's "considera" asks no opinion.
        opinion=bool(slot_regex("opinion_words").search(strip_accents(spanish).lower())),
        partner_word=bool(slot_regex("partner_words").search(folded)),
        level=next((name for name, regex in _levels() if regex.search(folded)), None)
        or ("servicio" if which_one and which_one.group(1).startswith("servic") and threshold is not None else None),
        which_one=which_one is not None,
        part=bool(slot_regex("part_words").search(f"{raw} {folded}")),
        change=bool(slot_regex("change_words").search(folded)),
        adds=bool(slot_regex("sum_words").search(folded)),
        count_compare=m.group(1) if (m := _count_compare().search(folded)) else None,
        either_year=_EITHER_YEAR.search(folded) is not None,
        which_objective=_which_objective().search(folded) is not None,
        total=slot_regex("total_words").search(folded) is not None,
        post_holder=_post_holder().search(folded) is not None,
        common=bool(slot_regex("common_words").search(folded)),
        each=bool(slot_regex("each_words").search(folded)),
        every_year=bool(slot_regex("every_year_words").search(folded)),
        lacking=_lacking(folded),
        claim=bool(slot_regex("claim_words").search(folded))
        or _negated_claim().match(folded) is not None and bool(figures),
        percent_said=re.search(r"%|por ?ciento|percent", f"{raw} {folded}") is not None,
        # "¿Desde cuándo se miden los indicadores?": a date asked about them is no request for their list.
        other_head=_other_head(folded) or slot_regex("date_words").search(folded) is not None,
        signer=bool(slot_regex("signed_who").search(folded)),
        document_kind=_document_kind(folded),
        consistency=bool(slot_regex("consistency_words").search(folded)),
        any_check=bool(slot_regex("consistency_words").search(folded))
        and bool(slot_regex("any_words").search(folded)),
        method=bool(slot_regex("method_words").search(folded)),
        represents=bool(slot_regex("represent_words").search(folded)),
        effect=bool(slot_regex("effect_words").search(folded)),
        by_region=bool(slot_regex("by_region_words").search(folded)),
        derivation=bool(figures) and (bool(slot_regex("derivation_words").search(folded))
                                      or bool(slot_regex("method_words").search(folded))),
        when=bool(slot_regex("date_words").search(folded)),
        plan=plan,
        answer_type=_answer_type(folded),
        figure_roles=_figure_roles(raw),
        same_list=bool(slot_regex("same_list_words").search(folded)),
        members=bool(slot_regex("member_words").search(f"{raw} {folded}")),
        restated_counts=restated_counts(to_spanish(raw) if english else text),
        declared=bool(slot_regex("declared_words").search(folded))
        and bool(slot_regex("presented_words").search(folded)),
        parts=count_parts(strip_accents(spanish).lower()),
        # A policy's acronym right after "What is" names what the question is about, not a term asked.
        meaning=bool(slot_regex("meaning").search(folded))
        or _asks_short_form(raw, [f for f in short_forms if f.upper() not in acronyms]),
        # "¿Cuántas organizaciones de pescadores…?" counts them: a number is asked, not a body's name.
        organization=bool(slot_regex("organization_words").search(folded))
        and not (ents.counted and slot_regex("organization_words").fullmatch(ents.counted)),
        # The question's own words: a typo reading may turn "momento" into the catalogue's "monto".
        money=bool(slot_regex("money_words").search(strip_accents(spanish).lower())),
        abbreviations=tuple(dict.fromkeys(m.replace(".", "").upper() for m in short_forms)),
        dotted=any("." in m for m in short_forms),
    )


# How many words may stand between "¿qué es" and the short form it asks about ("…eso de la CSS").
SHORT_FORM_WINDOW = 3


def _asks_short_form(raw: str, short_forms: list[str]) -> bool:
    """True for "¿qué son los ODS…?", "What is the CERLALC?": a meaning lead, then a short form."""
    if not short_forms:
        return False
    opened = raw.lstrip(" ¿?¡!")
    lead = slot_regex("meaning_leads").match(opened)
    if lead is None:
        return False
    after = re.findall(r"[a-z0-9ñ]+", opened[lead.end():])[:SHORT_FORM_WINDOW + 1]
    return any(fold_text(f) in after for f in short_forms)


_PROGRESS = re.compile(r"\bavance|\bprogres|respecto")
_HOW_MANY_AT = re.compile(rf"\b{_HOW_MANY}")


def _asks_target(folded: str, spanish: str) -> bool:
    """True when a target is asked: "¿cuál era la meta?", "how many were expected to…"; not "¿cuál
    fue el avance respecto del logro esperado?" (its progress). "¿Cuántos se esperaban, según el
    avance informado?" asks how many were expected: the progress only says from what. "What
    percentage of the expected achievement was reached?" is the progress too (``share_not``)."""
    if _target().search(folded) is None:
        return False
    # An English question's Spanish terms are appended after its "?": they are not its wording.
    clause = _asked_clause(spanish[:spanish.rfind("?") + 1] if "?" in spanish else spanish)
    if _progress_share().search(clause):
        return False
    for start in _HOW_MANY_AT.finditer(folded):
        m = _target().match(folded, start.start())
        if m is not None and not _PROGRESS.search(m.group(0)):
            return True
    return not _PROGRESS.search(clause)


@cache
def _negated_claim() -> re.Pattern[str]:
    """A negated "to be" opening a question, after "pero", "y" at most (``negated_claims`` of slots.yaml)."""
    return re.compile(rf"^\W*(?:(?:pero|y|but|and)\W+)?(?:{slot_regex('negated_claims').pattern})")


def _without_request_lead(folded: str) -> str:
    """``folded`` without a lead that only asks to be told ("compare how many…", "dime cuántos…":
    ``request_leads`` and ``tell_leads`` of slots.yaml)."""
    m = slot_regex("request_leads").match(folded.lstrip(" ¿¡")) or slot_regex("tell_leads").match(folded.lstrip(" ¿¡"))
    return folded.lstrip(" ¿¡")[m.end():].lstrip(" ,:") if m else folded


# A verb in the future or the conditional: "¿a qué zonas se extenderían…?", "¿qué hará la BNP?".
# Folded, only the conditional plural is unambiguous ("-arian"); with its accent, the rest too.
_FUTURE_ACCENTED = re.compile(r"\b\w+(?:ar|er|ir)(?:á|án|ían)\b")
_CONDITIONAL_FOLDED = re.compile(r"\b[a-z]{3,}(?:ar|er|ir)ian\b")


def _plan_tense(raw: str, folded: str) -> bool:
    """True when a verb of the question is in the future or the conditional, other than a modal's
    (``plan_tense_exceptions`` of slots.yaml: "¿podrían…?" asks politely, it plans nothing)."""
    exceptions = set(lexicon().slots["plan_tense_exceptions"])
    found = [fold_text(m.group(0)) for m in _FUTURE_ACCENTED.finditer(raw.lower())]
    found += [m.group(0) for m in _CONDITIONAL_FOLDED.finditer(folded)]
    return any(w not in exceptions for w in found)


@cache
def _count_compare() -> re.Pattern[str]:
    """A more or most word, then (after at most one word) a kind of item: "más indicadores", "the
    most indicators" (``count_compare`` of slots.yaml)."""
    return re.compile(rf"{slot_regex('count_compare', 'words').pattern}\s+(?:[a-z]+\s+)?"
                      rf"({slot_regex('count_compare', 'kinds').pattern})")


@cache
def _post_holder() -> re.Pattern[str]:
    """A ``person_asks`` phrase, then a ``signature_roles`` word within three words."""
    return re.compile(rf"{slot_regex('person_asks').pattern}(?:\s+[a-z]+){{0,3}}?\s+{slot_regex('signature_roles').pattern}")


@cache
def _which_objective() -> re.Pattern[str]:
    """A question word, at most two words, then "objetivo" or "objective" in the singular
    (``which_objective`` of slots.yaml)."""
    return re.compile(rf"{slot_regex('which_objective', 'question_words').pattern}(?:\s+[a-z]+){{0,2}}?\s+"
                      rf"{slot_regex('which_objective', 'kinds').pattern}")


@cache
def _which_one() -> re.Pattern[str]:
    """A question word, then (after at most one word) a kind of the catalogue, captured: "qué
    servicio…", "which PNBP service…" (``which_one`` of slots.yaml)."""
    return re.compile(rf"(?:y\s+)?{slot_regex('which_one', 'question_words').pattern}\s+(?:de\s+los\s+|[a-z]+\s+)?"
                      rf"({slot_regex('which_one', 'kinds').pattern})")


@cache
def _auxiliary_participle() -> re.Pattern[str]:
    """An ``auxiliaries`` word of slots.yaml, then a participle ("estuvo involucrado")."""
    words = "|".join(re.escape(w) for w in lexicon().slots["auxiliaries"])
    return re.compile(rf"\b(?:{words})\s+\w+(?:ado|ada|ados|adas|ido|ida|idos|idas)\b", re.IGNORECASE)


def _progress_framing(folded: str) -> tuple[str, ...]:
    """The stems ``folded`` uses only inside a share of the target ("porcentaje de avance")."""
    pattern = _progress_share()
    inside = content_stems(" ".join(m.group(0) for m in pattern.finditer(folded)))
    outside = set(content_stems(pattern.sub(" ", folded)))
    return tuple(dict.fromkeys(s for s in inside if s not in outside))


@cache
def _progress_share() -> re.Pattern[str]:
    """A share of the target ("porcentaje del logro esperado", "percentage of the expected
    achievement"): the progress (``share_words`` then ``share_not``)."""
    return re.compile(rf"{slot_regex('share_words').pattern}\s+{slot_regex('share_not').pattern}")


@cache
def _target() -> re.Pattern[str]:
    """A ``target_question_words`` word, then within five words a ``target_asked`` word, or a phrase that
    asks for a target wherever it stands (``target_phrases``; slots.yaml)."""
    return re.compile(rf"{slot_regex('target_question_words').pattern}(?:\s+\S+){{0,9}}?\s+"
                      rf"(?:la\s+|las\s+|the\s+)?{slot_regex('target_asked').pattern}"
                      rf"|{slot_regex('target_phrases').pattern}")


@cache
def _period() -> re.Pattern[str]:
    """A period word up to 40 characters before what is measured, or an English phrase (``period``)."""
    months = slot_regex("period", "months").pattern
    measured = slot_regex("period", "of").pattern
    month_range = rf"{months}\s+(?:a|al|hasta|to|through|until)\s+{months}"
    return re.compile(rf"{slot_regex('period', 'words').pattern}.{{0,40}}{measured}"
                      rf"|{slot_regex('period', 'phrases').pattern}"
                      rf"|{measured}.{{0,40}}{month_range}|{month_range}.{{0,40}}{measured}")


@cache
def _levels() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The ``indicator_levels`` of slots.yaml, compiled once: (level, regex)."""
    return tuple((name, slot_regex("indicator_levels", name)) for name in lexicon().slots["indicator_levels"])


def _overview(folded: str, threshold: bool, rank: bool, no_data: bool, corrected: str = "",
              no_target: bool = False) -> str | None:
    """'nd', 'sin_meta', 'threshold', 'rank' or 'list' when the question is about the indicators as a
    group (``corrected``: the question with typos corrected, read as a question of its own)."""
    bare = folded.strip(" ¿?¡!.")
    if no_target and (_INDICATORS.search(bare) or services_named(bare)):
        return "sin_meta"  # "¿Qué servicio no tiene logros esperados?": its indicator has none
    if not _INDICATORS.search(bare):
        return None
    if no_data:
        return "nd"
    if threshold:
        return "threshold"
    if rank:
        return "rank"
    # A follow-up carries the earlier question after its own ("¿Y el OP.03? ¿Qué indicadores tiene…?").
    asked = [_without_request_lead(part.strip(" ¿?¡!.")) for part in re.split(r"[?¿]", bare) if part.strip(" ¿?¡!.")]
    asked += [_without_request_lead(corrected.strip(" ¿?¡!."))] if corrected else []
    if any(_LIST_INDICATORS.search(part) for part in asked):
        return "list"
    return None


# A premise that states figures, before the question or after it (its comma is not a decimal one).
@cache
def _premises() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A premise that leads the question, up to its comma, and one that trails it (after a comma;
    without one, only a ``words`` opener): ``premise_openers`` of slots.yaml."""
    either = rf"(?:{slot_regex('premise_openers', 'conditional').pattern}|{slot_regex('premise_openers', 'words').pattern})"
    words = slot_regex("premise_openers", "words").pattern
    return (re.compile(rf"^\W*{either}[^?¿]*?,(?!\d)\s*(?=\S)"),
            re.compile(rf"(?:,\s*{either}|\s{words})[^?¿]*(?=\?|$)"))


def _asked_clause(folded: str) -> str:
    """The question without a premise that states figures: "si 142 servidores representan un
    avance de 34,9 %, ¿cuál sería el logro esperado?", "¿cuántos se esperaban, si el avance
    fue de 66,7 %?" and "¿cuál habría sido la meta según el porcentaje de avance?" ask for the
    target, not the progress."""
    leading, trailing = _premises()
    return trailing.sub("", leading.sub("", folded))


def asks_signatory(folded: str) -> bool:
    """A signing word with who, when or where (``signed`` and ``signed_wh`` in ``slots.yaml``)."""
    return bool(slot_regex("signed").search(folded)) and bool(slot_regex("signed_wh").search(folded))


_WHICH_HEAD = re.compile(r"^\W*(?:(?:y|e|oye|and)\W+)*(?:(?:con|en|de|por|a|mediante|with|by|from|in)\s+)?"
                         r"(?:que|cual|cuales|which|what)\s+([a-z]+)((?:\s+[a-z]+){0,2})")


@cache
def _other_wh() -> re.Pattern[str]:
    """An ``other_wh_words`` word opening the question, after "y", "oye" (slots.yaml)."""
    return re.compile(rf"^\W*(?:(?:y|e|oye|and)\W+)*(?:{slot_regex('other_wh_words').pattern})")


def _other_head(folded: str) -> bool:
    """True when the question's wh-word asks for something other than indicators (see ``Asked.other_head``)."""
    if _other_wh().search(folded):
        return True
    m = _WHICH_HEAD.search(folded)
    if m is None:
        return False
    head, rest = m.group(1), m.group(2)
    if head in _COPULA:
        # "¿cuál es la fuente de datos de los indicadores?": the noun after the verb is what is asked.
        nouns = [w for w in rest.split() if w not in _ARTICLES]
        if not nouns:
            return False
        head, rest = nouns[0], ""
    # "¿qué indicadores…?", "which PNCTI indicators…", "¿cuáles son…?": the indicators, or no noun at all.
    return not (_INDICATORS.search(f"{head}{rest}") or head in _NO_HEAD)


def _answer_type(folded: str) -> str | None:
    """The noun after a leading "qué/cuál/which" ("¿A qué regiones…?": regiones) when it is one whose
    answer names an instance (``instance_nouns`` of nouns.yaml: topic nouns, never framing words); None otherwise."""
    m = _WHICH_HEAD.search(folded)
    return m.group(1) if m is not None and m.group(1) in _instance_nouns() else None


@cache
def _instance_nouns() -> frozenset[str]:
    return frozenset(load_data("nouns.yaml")["instance_nouns"])


# The words that give a figure its role, nearest first: "el avance de 94 %", "una meta de 3000".
_ROLE_SLOTS = (("avance", "progress_words"), ("meta", "target_words"), ("linea_base", "baseline_words"),
               ("valor", "value_words"))
# How many words either side of a figure its role word may be.
ROLE_WINDOW = 4


def _figure_roles(folded: str) -> tuple[tuple[float, str], ...]:
    """Each figure's role, by the role word nearest it ("¿Cuadra el 94 % de avance del IOP.03.01
    con su valor?": 94 → avance); figures with no role word near them are left out."""
    out = []
    for mention in find_numbers(folded):
        role = _role_near(folded, mention)
        if role is not None:
            out.append((mention.value, role))
    return tuple(out)


def _role_near(folded: str, mention: NumberMention) -> str | None:
    """The role whose word is nearest ``mention``, within ``ROLE_WINDOW`` words either side."""
    before = folded[:mention.start].split()[-ROLE_WINDOW:]
    after = folded[mention.end:].split()[:ROLE_WINDOW]
    # Windows that grow away from the figure, each tagged with its distance (1 is the next word).
    windows = [(i, " ".join(before[-i:])) for i in range(1, len(before) + 1)]
    windows += [(i, " ".join(after[:i])) for i in range(1, len(after) + 1)]
    best: tuple[int, str] | None = None
    for role, slot in _ROLE_SLOTS:
        regex = slot_regex(slot)
        distance = min((i for i, window in windows if regex.search(window)), default=None)
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, role)
    return best[1] if best else None


_WHO = re.compile(r"^\W*(?:(?:y|e|oye|and)\W+)*(?:(?:a|de|con|por|para|to|with|by|for)\s+)?(?:quien|quienes|who|whom)\b")
_COPULA = {"es", "son", "fue", "fueron", "is", "are", "was", "were"}
_ARTICLES = {"el", "la", "los", "las", "the", "un", "una"}


_NO_HEAD = {"son", "es", "fue", "fueron", "are", "is", "was", "were", "tal", "tan", "se", "le", "les", "lo", "la",
            "las", "los", "el", "the", "de", "del", "mas", "tipo", "tipos", "kind", "kinds", "otros", "otras",
            "other", "ha", "han", "hay", "tiene", "tienen", "has", "have", "do", "does", "did", "muestran", "dice"}


def lacks_target(folded: str) -> bool:
    """True when ``folded`` says something has no target: a ``no_target_words`` word right after a
    ``lacking_words`` phrase, "sin", or a "no" and its verb ("no tuvieron logros esperados", "sin
    meta", "su indicador no contó con logros esperados")."""
    targets = slot_regex("no_target_words").pattern
    lacking = slot_regex("lacking_words").pattern
    verbs = slot_regex("having_verbs").pattern
    return re.search(rf"(?:{lacking}|\bsin|\bwithout|\bno(?:\s+{verbs})?)\s+"
                     rf"(?:(?:un|una|el|la|los|las|any|an|a|su|sus)\s+)?{targets}", folded) is not None


def _lacking(folded: str) -> tuple[str, ...]:
    """The few words after a phrase that says something is missing ("no tiene servicios" → servicios)."""
    m = slot_regex("lacking_words").search(folded)
    return tuple(re.findall(r"[a-z]+", folded[m.end():])[:LACKING_WORDS]) if m else ()


# How many words after "no tiene" may name what is missing ("no tiene ningún servicio").
LACKING_WORDS = 3


def _document_kind(folded: str) -> str | None:
    """The one kind of document the question names (``document_kinds``), or None for none or both."""
    kinds = [k for k, pattern in _document_kinds().items() if pattern.search(folded)]
    return kinds[0] if len(kinds) == 1 else None


@cache
def _document_kinds() -> dict[str, re.Pattern[str]]:
    """Each document kind's words (``document_kinds`` of nouns.yaml), compiled once."""
    return {kind: phrase_regex(words) for kind, words in load_data("nouns.yaml")["document_kinds"].items()}


ASKED_NOTHING = Asked()


def asks_met(folded: str) -> bool:
    """True when a met or exceed verb is followed, within a few words, by a target word
    ("¿cumplió su meta?"): the linker's own reading (:func:`assistant.entities.met_phrase`); or when
    a shortfall is asked of a target or of 100 % (``shortfall_words``)."""
    joined = " ".join(re.findall(r"[a-z0-9ñ$%]+", folded))
    if met_phrase(joined) is not None:
        return True
    # "¿cuánto le faltó para llegar al 100 %?", "how far short of its target": a shortfall asked.
    return (slot_regex("shortfall_words").search(joined) is not None
            and (slot_regex("target_words").search(joined) is not None or re.search(r"\b100 %", joined) is not None))


def restated_counts(text: str) -> tuple[tuple[float, str], ...]:
    """(number, stem of the noun right after it) for each count ``text`` states ("las 81 entidades"
    → (81, "entidad")); years are no counts. An English question is given in the reports' words."""
    out = []
    plain = _CODE_LIKE.sub(" ", text)
    for n in find_numbers(plain):
        if not n.value.is_integer() or is_year_value(n.value):
            continue
        stems = stems_after(plain, n.end, 2)
        if stems:
            out.append((n.value, stems[0]))
    return tuple(out)


def stems_after(text: str, end: int, words: int) -> list[str]:
    """The topic stems of the first ``words`` words after offset ``end`` (within 40 characters):
    what a number counts ("81 entidades" → ["entidad"])."""
    return [s for w in re.findall(r"[^\W\d_]+", text[end:end + 40])[:words] for s in content_stems(w)]


@cache
def _label() -> re.Pattern[str]:
    """A label word right before a number ("Objetivo 3", "Cuadro 1"): ``label_words`` of slots.yaml."""
    return re.compile(rf"{slot_regex('label_words').pattern}\s*(?:n[°º.]?\s*|#\s*)?$")


def stated_numbers(text: str) -> tuple[float, ...]:
    """The figures ``text`` states: codes and numbered labels ("Objective 3", "Cuadro 1") are no figures."""
    return tuple(n.value for n in _stated_figures(text))


_PARTITIVE = re.compile(r"\s+de\s+(?:los|las)\s+")


def _stated_figures(text: str) -> list[NumberMention]:
    """The numbers of :func:`stated_numbers`, with their percent marks."""
    plain = _CODE_LIKE.sub(" ", text)
    folded = strip_accents(plain).lower()  # same length: offsets carry over
    found = find_numbers(plain)
    # "once de los catorce": the whole of a part just stated is a figure, article or not.
    wholes = {n.start for m, n in pairwise(found) if _PARTITIVE.fullmatch(folded[m.end:n.start])}
    return [n for n in found if not _label().search(folded[max(0, n.start - 30):n.start])
            # "el reporte pone las dos cosas": a number word after an article counts what was
            # said, it states no figure.
            and not (not n.raw[0].isdigit() and n.start not in wholes
                     and _ARTICLE_BEFORE.search(folded[max(0, n.start - 8):n.start]))]
