"""Entity linking against a catalog built from plain lists: codes, names, policies, countries,
regions and slot words, with typos, missing accents and English."""

from __future__ import annotations

import pytest

from assistant.catalog import Catalog
from assistant.entities import Region, Threshold, canonicalise, fold, linker_for

ALC = "America Latina y el Caribe"
SEED_INDICATORS = [
    ("PNCTI", "IOP.01.01", "porcentaje de montos ejecutados alineados con las áreas prioritarias de CTI", "OP.01"),
    ("PNCTI", "IOP.01.02", "porcentaje de montos ejecutados alineados a los ODS", "OP.01"),
    ("PNCTI", "IOP.01.03", "número de personas beneficiarias de la CTI", "OP.01"),
    ("PNCTI", "IOP.02.01", ("porcentaje de cumplimiento de los compromisos asumidos en los espacios de coordinación "
                           "liderados por MRE/APCI en el marco del Sistema"), "OP.02"),
    ("PNCTI", "IOP.02.02", "porcentaje de participación de la empresa privada en la Cooperación Técnica Internacional",
     "OP.02"),
    ("PNCTI", "IOP.03.01", "porcentaje de proyectos oficiales de CSS como oferente técnico en ALC", "OP.03"),
    ("PNCTI", "IOP.03.02", "porcentaje de proyectos oficiales de CSS como oferente técnico en otras regiones", "OP.03"),
    ("PNCTI", "IOP.04.01", "porcentaje de iniciativas de cooperación internacional lideradas por el Perú", "OP.04"),
    ("PNCTI", "ISS.01.02.01.01", ("número de servidores/as de las unidades orgánicas encargadas de la Cooperación "
                                 "Técnica Internacional (UOCTI) capacitados/as en materia de CTI"), "OP.01", "SS.01.02.01"),
    ("PNCTI", "ISS.01.02.01.02", ("porcentaje de servidores/servidoras de las unidades orgánicas encargadas de la "
                                 "Cooperación Técnica Internacional (UOCTI) con buen nivel de conocimientos en materia "
                                 "de CTI"), "OP.01", "SS.01.02.01"),
    ("PNCTI", "ISS.02.01.01.01", "número de entidades que participan en los espacios de coordinación", "OP.02",
     "SS.02.01.01"),
    ("PNCTI", "ISS.02.01.01.02", "número de espacios de coordinación implementados al año", "OP.02", "SS.02.01.01"),
    ("PNCTI", "SS.01.02.02-1", ("número de accesiones realizadas a la página web sobre las becas de cooperación "
                               "ofertadas por las fuentes cooperantes"), "OP.01", "SS.01.02.02"),
    ("PNCTI", "SS.02.02.01-1", ("número de accesiones realizadas a la página web de la Agencia Peruana de "
                               "Cooperación Internacional (APCI)"), "OP.02", "SS.02.02.01"),
    ("PNCTI", "SS.02.03.01-1", ("número de entidades que reciben orientación permanente para facilitar la "
                               "implementación de esquemas innovadores de cooperación"), "OP.02", "SS.02.03.01"),
    ("PNCTI", "SS.02.05.01-1", ("número de accesiones a la información estadística anual sobre la ejecución de los "
                               "recursos de la Cooperación Técnica Internacional (CTI) disponible en la página web de "
                               "la Agencia Peruana de Cooperación Internacional (APCI)"), "OP.02", "SS.02.05.01"),
    # Another policy reusing a code, in other words.
    ("PNPA", "IOP.01.01", "Número de pescadores artesanales formalizados", "OP.01"),
    ("PNPA", "IOP.02.01", "Porcentaje de pérdidas poscaptura en la pesca artesanal", "OP.02"),
]
SEED_SERVICES = [
    ("PNCTI", "SS.01.02.01", "programa de capacitación en materia de CTI a los integrantes del Sistema", "OP.01"),
    ("PNCTI", "SS.01.02.02", "servicio de difusión de la oferta de becas a los actores de desarrollo", "OP.01"),
    ("PNCTI", "SS.02.01.01", ("espacios de coordinación estratégicos para los integrantes del Sistema y otros actores "
                             "del desarrollo"), "OP.02"),
    ("PNCTI", "SS.02.03.01", ("servicio de asistencia técnica para facilitar la implementación de esquemas "
                             "innovadores de cooperación a los diversos actores del desarrollo"), "OP.02"),
    ("PNCTI", "SS.03.05.01", ("servicio de difusión de las oportunidades de Cooperación Triangular a los actores del "
                             "desarrollo"), "OP.03"),
]
SEED_OBJECTIVES = [
    ("PNCTI", "OP.01", "Consolidar la contribución de la CTI hacia las prioridades de desarrollo del país", "OP.01"),
    ("PNCTI", "OP.02", ("Generar nuevas oportunidades de cooperación entre el Sistema Nacional Descentralizado de CTI "
                       "y los actores del desarrollo"), "OP.02"),
    ("PNCTI", "OP.03", "Posicionar al Perú como oferente de cooperación técnica en ALC y otras regiones", "OP.03"),
    ("PNCTI", "OP.04", ("Afianzar la proyección del Perú como referente de Cooperación Internacional para el "
                       "Desarrollo"), "OP.04"),
    ("PNPA", "OP.01", "Formalizar la actividad pesquera artesanal", "OP.01"),
]
POLICIES = [("PNCTI", "Política Nacional de Cooperación Técnica Internacional"),
            ("PNPA", "Política Nacional de Pesca Artesanal")]


def plain_catalog() -> Catalog:
    """The seed's catalog plus two indicators of another policy, from plain lists."""
    return Catalog(indicators=SEED_INDICATORS, services=SEED_SERVICES, objectives=SEED_OBJECTIVES,
                   policies=POLICIES, acronyms={"APCI", "MRE", "CSS", "ALC", "ODS", "CTI", "OCDE", "UOCTI"},
                   years=[2023])


@pytest.fixture(scope="module")
def link():
    linker = linker_for(plain_catalog())
    return linker.link


def _top(cands):
    return (cands[0].policy, cands[0].code) if cands else None


@pytest.mark.parametrize(("text", "code"), [
    ("valor del IOP.03.01", "IOP.03.01"),
    ("iop 3.1", "IOP.03.01"),
    ("IOP0301", "IOP.03.01"),
    ("iop.03.01 por favor", "IOP.03.01"),
    ("el IOP 03 01", "IOP.03.01"),
    ("iss 1.2.1.1", "ISS.01.02.01.01"),
    ("ISS01020101", "ISS.01.02.01.01"),
])
def test_codes_typed_loosely(link, text: str, code: str) -> None:
    ents = link(text)
    assert ents.codes == [code]
    assert ents.indicators[0].code == code and ents.indicators[0].by == "code" and ents.indicators[0].score == 1.0


def test_a_code_two_policies_share_gives_both_unless_a_policy_is_named(link) -> None:
    assert {c.policy for c in link("valor del IOP.01.01").indicators} == {"PNCTI", "PNPA"}
    assert [c.policy for c in link("valor del IOP.01.01 de la PNPA").indicators] == ["PNPA"]


def test_unknown_code_is_reported_not_linked(link) -> None:
    ents = link("¿Cuál es el valor del indicador IOP.09.09?")
    assert ents.codes == ["IOP.09.09"] and ents.unknown_codes == ["IOP.09.09"] and not ents.indicators


def test_service_code_of_its_one_uncoded_indicator(link) -> None:
    ents = link("valor del ISS.01.02.02.01")
    assert _top(ents.indicators) == ("PNCTI", "SS.01.02.02-1") and ents.indicators[0].by == "alias"


@pytest.mark.parametrize(("text", "code"), [
    ("cuantos funcionarios se capacitaron", "ISS.01.02.01.01"),  # funcionarios ≈ servidores
    ("cuantas visitas tuvo la pagina de becas", "SS.01.02.02-1"),  # visitas ≈ accesiones, no accents
    ("accesiones a la informacion estadistica", "SS.02.05.01-1"),
    ("entidades que reciben orientasion para esquemas inovadores", "SS.02.03.01-1"),  # typos
    ("capacitdos servidres", "ISS.01.02.01.01"),
    ("porcentaje de participacion del sector privado", "IOP.02.02"),  # sector privado ≈ empresa privada
    ("How many coordination spaces were implemented in 2023?", "ISS.02.01.01.02"),  # English glossary
    ("What share of South-South projects had Peru as provider outside Latin America?", "IOP.03.02"),
    ("cuantos pescadores artesanales se formalizaron", "IOP.01.01"),
])
def test_indicator_names_with_typos_synonyms_and_english(link, text: str, code: str) -> None:
    ents = link(text)
    assert ents.indicators[0].code == code, ents.indicators[:3]
    assert ents.indicators[0].by == "name"


def test_in_the_region_is_latin_america_not_other_regions(link) -> None:
    # The audit: "en la región" was answered with the other-regions indicator.
    ents = link("¿Qué porcentaje alcanzó el Perú como oferente en la región?")
    assert _top(ents.indicators) == ("PNCTI", "IOP.03.01")
    assert ents.regions == [Region(ALC, "region")]
    runner_up = next(c for c in ents.indicators if c.code == "IOP.03.02")
    assert ents.indicators[0].score - runner_up.score > 0.1  # not an ambiguity


@pytest.mark.parametrize("text", ["oferente fuera de america latina", "oferente en otras regiones",
                                  "proyectos como oferente fuera de la region", "oferente extrarregional"])
def test_outside_latin_america_is_other_regions(link, text: str) -> None:
    ents = link(text)
    assert _top(ents.indicators) == ("PNCTI", "IOP.03.02")
    assert Region(ALC, "region", exclude=True) in ents.regions


def test_policies_by_acronym_and_name_and_never_an_unknown_acronym(link) -> None:
    assert link("indicadores de la pncti").policies == ["PNCTI"]
    assert link("objetivos de la politica de pesca artesanal").policies == ["PNPA"]
    ents = link("¿Cuál es el avance de la PNX en 2023?")
    assert ents.policies == [] and ents.unknown_acronyms == ["PNX"]
    ents = link("¿Cuál es el PBI del Perú?")
    assert ents.policies == [] and ents.unknown_acronyms == ["PBI"]
    assert link("¿Qué hizo la APCI?").unknown_acronyms == []  # an acronym the documents use
    assert link("avance de la Política Nacional de Salud").other_policy == "política nacional de salud"


@pytest.mark.parametrize(("text", "countries"), [
    ("proyectos con Tailandai", ["Tailandia"]),  # typo
    ("cooperacion con japon", ["Japón"]),  # no accent
    ("projects with Thailand", ["Tailandia"]),  # English
    ("Costa Rica y Republica Dominicana", ["Costa Rica", "República Dominicana"]),
    ("¿Con qué países cooperó el Perú?", []),  # Perú is the subject, not a partner asked about
])
def test_countries(link, text: str, countries: list[str]) -> None:
    assert link(text).countries == countries


@pytest.mark.parametrize(("text", "region"), [
    ("con que paises sudamericanos", Region("Sudamerica", "subregion")),
    ("paises de Sudamérica", Region("Sudamerica", "subregion")),
    ("paises caribeños", Region("Caribe", "subregion")),
    ("socios centroamericanos", Region("Centroamerica", "subregion")),
    ("cooperacion con Asia", Region("Asia", "region")),
    ("paises asiaticos", Region("Asia", "region")),
    ("socios europeos", Region("Europa", "region")),
    ("African partners", Region("Africa", "region")),
    ("paises latinoamericanos", Region(ALC, "region")),
    ("fuera de America Latina", Region(ALC, "region", exclude=True)),
    ("outside Latin America", Region(ALC, "region", exclude=True)),
    ("paises que no sean de Asia", Region("Asia", "region", exclude=True)),
])
def test_regions_as_nouns_and_adjectives(link, text: str, region: Region) -> None:
    assert link(text).regions == [region]


def test_a_group_of_countries_lists_them(link) -> None:
    (region,) = link("¿Con qué países andinos cooperó el Perú?").regions
    assert region.kind == "group" and {"Bolivia", "Ecuador", "Colombia"} <= set(region.countries)


@pytest.mark.parametrize(("text", "role"), [
    ("¿En cuántos proyectos fue oferente el Perú?", "oferente"),
    ("¿Qué países recibieron cooperación del Perú?", "oferente"),  # they received it from Peru
    ("¿Cuánta cooperación recibió el Perú como receptor?", "receptor"),
    ("¿Qué países donaron colecciones?", "donante"),
    ("¿Quiénes son los socios?", "socio"),
    ("Which countries did Peru offer projects to?", "oferente"),
    ("¿Cuál es el valor del IOP.01.02?", None),
])
def test_role(link, text: str, role: str | None) -> None:
    assert link(text).role == role


@pytest.mark.parametrize(("text", "threshold"), [
    ("¿Qué indicadores superaron el 100 % de avance?", Threshold(">", 100.0)),
    ("indicadores con avance de más de 90 por ciento", Threshold(">", 90.0)),
    ("indicadores por debajo del 50 %", Threshold("<", 50.0)),
    ("which indicators are below 80 percent", Threshold("<", 80.0)),
    ("indicadores con avance de al menos 95%", Threshold(">=", 95.0)),
    ("indicadores con valor superior al 40 %", Threshold(">", 40.0, "value")),
    ("¿Qué indicadores no alcanzaron la meta?", Threshold("<", 100.0)),
    ("¿Qué indicadores cumplieron su meta?", Threshold(">=", 100.0)),
    ("¿Qué indicadores superaron lo esperado?", Threshold(">", 100.0)),
    ("¿Qué indicadores están en rojo?", Threshold("<", 100.0)),
    ("¿Cuál es el valor del IOP.03.01 en 2023?", None),
])
def test_threshold_and_comparison(link, text: str, threshold: Threshold | None) -> None:
    assert link(text).threshold == threshold


@pytest.mark.parametrize(("text", "counted", "share"), [
    ("¿Cuántos lineamientos tiene la política?", "lineamientos", False),
    ("cuantas visitas tuvo la pagina", "accesiones", False),  # as the reports word it
    ("How many coordination spaces were implemented?", "espacios", False),
    ("¿Qué porcentaje de servidores tiene buen nivel?", None, True),
    ("what share of projects", None, True),
])
def test_what_is_counted_and_whether_a_share_is_asked(link, text: str, counted: str | None, share: bool) -> None:
    ents = link(text)
    assert (ents.counted, ents.asks_share) == (counted, share)


def test_rank_and_no_data(link) -> None:
    assert link("¿Cuál fue el indicador con menor avance?").rank == "lowest"
    assert link("which indicator had the highest progress").rank == "highest"
    assert link("¿Qué indicadores no tienen datos?").no_data
    assert not link("¿Qué indicadores superaron el 100 %?").no_data


@pytest.mark.parametrize(("text", "years"), [
    ("valor del IOP.03.01 en 2023", [2023]),
    ("¿Cuál es la meta al 2030 del indicador?", [2030]),
    ("objetivos de la PNCTI al 2030", []),  # the policy's name, not a year asked
    ("la Política Nacional de Cooperación Técnica Internacional al 2030", []),
    ("entre 2022 y 2023", [2022, 2023]),
])
def test_years(link, text: str, years: list[int]) -> None:
    assert link(text).years == years


@pytest.mark.parametrize("text", ["objetivo prioritario 3", "el OP3", "op 03", "tercer objetivo",
                                  "priority objective 3", "Objetivo Prioritario 03", "objetivo N° 3"])
def test_objective_by_number(link, text: str) -> None:
    first = link(text).objectives[0]
    assert (first.policy, first.code, first.score) == ("PNCTI", "OP.03", 1.0) and first.by in {"number", "code"}


def test_synonyms_are_data() -> None:
    assert canonicalise(fold("cuantos funcionarios visitas meta latinoamerica")) == \
        "cuantos servidores accesiones logro esperado alc"
    assert canonicalise(fold("la pagina web")) == "la pagina web"  # a canonical term is left as it is


def test_catalog_from_plain_tuples_keeps_fields() -> None:
    catalog = plain_catalog()
    iss = next(i for i in catalog.indicators if i.code == "ISS.02.01.01.02")
    assert (iss.objective, iss.service) == ("OP.02", "SS.02.01.01")
    assert "PNCTI" in catalog.acronyms and "PNPA" in catalog.acronyms
    assert any(c.name == "Tailandia" and c.region == "Asia" for c in catalog.countries)


def test_english_function_words_are_words_even_where_yaml_reads_booleans() -> None:
    from assistant.entities import lexicon

    words = lexicon().english_function_words
    assert all(isinstance(w, str) for w in words)
    assert {"no", "on", "off", "through", "since"} <= words


def test_an_english_how_many_counts_the_head_noun_the_glossary_knows(link) -> None:
    ents = link("How many civil servants from the cooperation units were trained in 2023?")
    assert ents.counted not in {"from", "civil", "units"}
    # An English noun the glossary does not know is no evidence of what is counted.
    assert link("How many widgets were sold?").counted is None


def test_no_data_and_thresholds_are_read_from_the_slot_lists(link) -> None:
    assert link("¿Por qué no se reportan valores para los indicadores del OP.01?").no_data
    threshold = link("¿Qué indicadores tuvieron avance mayor a 300%?").threshold
    assert threshold is not None and (threshold.op, threshold.value) == (">", 300.0)
    missed = link("¿Qué indicadores de la PNPA no alcanzaron lo esperado en 2023?").threshold
    assert missed is not None and missed.op == "<"


def test_english_words_read_through_the_glossary_built_from_the_corpus() -> None:
    from assistant.entities import to_spanish
    from assistant.text import ENGLISH

    assert all(isinstance(k, str) and isinstance(v, str) and k == k.lower() for k, v in ENGLISH.items())
    assert "accesiones" in to_spanish("how many hits did the web page get")
    assert "periodo de seguimiento" in to_spanish("during the monitoring period")
    assert to_spanish("what is the target") == "what is the logro esperado"  # the hand-kept entry


def test_a_word_is_not_corrected_into_a_shorter_word_too_short_to_correct(link) -> None:
    assert "gente" in link("¿cuánta gente recibió capacitación?").corrected.split()


@pytest.mark.parametrize(("text", "expected"), [
    ("y por qué no midieron el ingreso de los pescadores?", True),
    ("¿por qué no lo reportaron en 2023?", True),
    ("why was the income not measured?", True),
    ("¿cómo se mide el ingreso de los pescadores?", False),
    ("¿no es cierto que se reportaron 81 entidades?", False),
    ("oye por que no hubo datos del op 1?", True),
    ("¿por qué no se contó con información?", True),
    ("¿no es un valor muy bajo?", False),
])
def test_a_negated_verb_of_measuring_or_reporting_says_the_data_is_missing(link, text: str, expected: bool) -> None:
    assert link(text).no_data is expected


def test_an_objective_number_after_a_misspelt_objective_word(link) -> None:
    objectives = link("q indicadores tiene el objetibo 2 de la politica de pesca?").objectives
    assert objectives and objectives[0].code == "OP.02" and objectives[0].by == "number"


def test_a_clitic_or_an_accented_preterite_after_cuantos_is_not_what_is_counted(link) -> None:
    assert link("¿Cuántos se reportan realmente?").counted is None
    assert link("De los proyectos, ¿en cuántos actuó el Perú como oferente?").counted is None
    assert link("¿Cuántos servicios tiene la PNCTI?").counted == "servicios"


def test_a_short_form_only_one_policy_s_documents_use_names_that_policy() -> None:
    from dataclasses import replace

    from assistant.question import parse

    catalog = replace(plain_catalog(), acronym_policies={"DGPA": "PNPA"})
    assert parse("quien firma el reporte de la dgpa", catalog).policies == ["PNPA"]
    # A policy named outright wins; without the short form, none is chosen.
    assert parse("¿quién firma el reporte de la PNCTI y la dgpa?", catalog).policies == ["PNCTI"]
    assert parse("quien firma el reporte", catalog).policies == []
