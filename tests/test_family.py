"""The report family: other policies' reports and a policy document, as text and as PDF.

The documents are copies of ``shared/corpus-family`` (fictional policies worded unlike the seed);
``expected_facts.jsonl`` lists what the side store must hold for them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ingest.loaders import load_document
from ingest.normalize import normalize
from ingest.reports import extract
from pncti.cli import main
from tests.conftest import SEED
from tests.pdftext import render_text_pdf

FAMILY = Path(__file__).parent / "data" / "family"
FACTS = [json.loads(line) for line in (FAMILY / "expected_facts.jsonl").read_text(encoding="utf-8").splitlines()]


def _corpus(folder: Path, as_pdf: bool) -> Path:
    folder.mkdir()
    for doc in sorted(FAMILY.glob("*.txt")):
        if as_pdf:
            render_text_pdf(doc.read_text(encoding="utf-8"), folder / f"{doc.stem}.pdf")
        else:
            shutil.copy(doc, folder / doc.name)
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture(scope="module", params=["txt", "pdf"])
def family_data(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the family and the seed ingested (BM25 only, real SQLite)."""
    from ingest.pipeline import run_ingest

    base = tmp_path_factory.mktemp(f"family-{request.param}")
    corpus = _corpus(base / "corpus", as_pdf=request.param == "pdf")
    report = run_ingest([corpus], base / "data", embedder_name="none", progress=False)
    assert len(report.ingested) == 4 and not report.skipped
    return base / "data"


def _cli_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: Path,
              *args: str) -> object:
    monkeypatch.setenv("PNCTI_DATA_DIR", str(data))
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _row_for(rows: list[dict], fact: dict) -> dict:
    kind = "politica" if fact.get("kind") == "policy" else "reporte"
    found = [r for r in rows if r["policy"] == fact["policy"] and r["code"] == fact["code"] and r["kind"] == kind
             and (kind == "politica" or r["period"] == fact["period"])]
    assert len(found) == 1, fact
    return found[0]



def _bot(family_data: Path):
    """A BM25-only assistant over the family corpus (real SQLite, BM25 and Chroma)."""
    from assistant.compose import Templates
    from assistant.core import Assistant
    from assistant.knowledge import KnowledgeBase
    from assistant.settings import get_settings

    return Assistant(KnowledgeBase(family_data, None), Templates(get_settings().prompts_dir))


def _after(bot, first: str) -> list[dict[str, str]]:
    """The chat history after ``first`` was asked and answered."""
    return [{"role": "user", "content": first}, {"role": "assistant", "content": bot.ask(first).text}]

def test_every_expected_fact_is_in_the_indicator_listing(family_data: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = _cli_json(monkeypatch, capsys, family_data, "indicators")
    assert isinstance(rows, list)
    for fact in FACTS:
        row = _row_for(rows, fact)
        for key, column in (("value", "value"), ("progress", "progress_pct"), ("target", "target"),
                            ("baseline", "baseline"), ("baseline_year", "baseline_year")):
            if key in fact:
                assert row[column] == (None if fact[key] is None else pytest.approx(fact[key])), (fact, key, row)
        if "targets" in fact:
            assert {str(y): v for y, v in row["targets"].items()} == pytest.approx(fact["targets"]), fact
        if "no_data_reason" in fact:
            assert fact["no_data_reason"] in row["reason"], fact
        if "direction" in fact:
            assert row["direction"] == fact["direction"]
        if fact.get("unit") and fact["unit"] != "%":
            assert row["unit"].startswith(fact["unit"].split()[0]), (fact, row["unit"])


def test_the_pnbp_collections_progress_is_flagged_against_the_policy_target(
        family_data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = _cli_json(monkeypatch, capsys, family_data, "checks")
    assert isinstance(data, dict)
    flagged = {(c["policy"], c["indicator_id"], c["stated"], c["computed"]) for c in data["checks"]}
    assert ("PNBP", "ISS.02.02.01.01", 85.0, 80.0) in flagged
    # The seed's own discrepancy still fires, and consistent progress figures are not flagged.
    assert ("PNCTI", "IOP.03.01", 45.83, 44.44) in flagged
    # The PNPA's figures agree; what it declares (14 indicators, 9 of them of services, 12 services,
    # information for 11) it does not all present: two of its 11 indicators have no value.
    assert {(c["kind"], c["stated"], c["computed"]) for c in data["checks"] if c["policy"] == "PNPA"} == {
        ("conteo", 14.0, 11.0), ("conteo", 12.0, 5.0), ("conteo-nivel", 9.0, 6.0), ("conteo-con-datos", 11.0, 9.0)}
    assert [(u["policy"], u["raw"]) for u in data["unplaced"]] == [("PNBP", "dos")]


def test_status_reports_each_document(family_data: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    data = _cli_json(monkeypatch, capsys, family_data, "status")
    assert isinstance(data, dict)
    per_doc = {(d["policy"], d["kind"]): d for d in data["per_document"]}
    assert per_doc[("PNBP", "politica")]["decree"] == "Decreto Supremo N° 004-2022-MC"
    assert per_doc[("PNBP", "politica")]["targets_found"] == 40
    assert (per_doc[("PNPA", "reporte")]["indicators_found"], per_doc[("PNPA", "reporte")]["values_found"]) == (11, 9)
    assert per_doc[("PNBP", "reporte")]["unplaced_figures"] == 1
    assert per_doc[("PNBP", "reporte")]["discrepancies"] == 1
    assert per_doc[("PNCTI", "reporte")]["policy_name"] == "Política Nacional de Cooperación Técnica Internacional al 2030"


def _read(name: str):
    doc = normalize(load_document(FAMILY / name))
    return doc, extract(doc)


def test_partners_keep_the_role_the_document_gives_them() -> None:
    _, pnpa = _read("reporte_cumplimiento_pnpa_2023.txt")
    _, pnbp = _read("reporte_cumplimiento_pnbp_2023.txt")
    roles = {(p.country, p.role) for p in pnpa.partners + pnbp.partners}
    assert roles == {("Noruega", "socio"), ("Japón", "socio"), ("Ecuador", "oferente"), ("Chile", "oferente"),
                     ("España", "donante"), ("Francia", "donante")}


def test_policy_document_reads_objectives_guidelines_services_and_matrix() -> None:
    doc, ext = _read("politica_nacional_bibliotecas_2030.txt")
    assert (doc.doc_type, doc.policy, doc.period) == ("politica", "PNBP", 2022)
    assert [o.code for o in ext.objectives] == ["OP.01", "OP.02", "OP.03"]
    assert [g.code for g in ext.guidelines] == ["L.01.01", "L.01.02", "L.02.01", "L.02.02", "L.02.03", "L.03.01"]
    assert ext.guidelines[2].title == "Capacitar al personal bibliotecario"
    assert [s.code for s in ext.services][:2] == ["S.01.01.01", "S.01.02.01"]
    reading = {(t.kind, t.year): t.value for t in ext.targets if t.indicator_id == "IOP.03.01"}
    assert reading == {("linea_base", 2020): 1.9, ("meta", 2023): 2.2, ("meta", 2024): 2.4,
                       ("meta", 2025): 2.6, ("meta", 2030): 3.5}
    target = next(t for t in ext.targets if t.indicator_id == "IOP.01.01" and t.year == 2030)
    assert target.unit == "%" and target.source.quote.startswith("IOP.01.01 | Porcentaje de distritos")


def test_targets_and_baselines_are_answered_from_the_documents_with_their_page(family_data: Path) -> None:
    bot = _bot(family_data)
    goal = bot.ask("¿Cuál es la meta al 2030 del porcentaje de distritos con biblioteca pública?")
    assert not goal.refused and "**60 %**" in goal.text and "Logro esperado 2030" in goal.text
    assert goal.citations[0].quote.startswith("IOP.01.01 | Porcentaje de distritos")
    assert [(f.value, f.period) for f in goal.figures] == [(60.0, 2030)]
    reading = bot.ask("¿Cuál era el logro esperado para 2023 del índice de lectura?")
    assert "**2.2" in reading.text and "PNBP" in reading.text
    # Named by its first words only, within a policy named by its topic; the target is published,
    # so never called unpublished nor recomputed.
    short = bot.ask("¿cuál era la meta 2023 del índice de lectura de la política de bibliotecas?")
    assert "Logro esperado 2023: **2.2" in short.text and "no publica" not in short.text
    assert "calculado" not in short.text
    # A year no document gives a target for: a refusal that shows the years there are.
    later = bot.ask("What is the 2030 target for formalized artisanal fishers?")
    assert later.refused and "no dan el logro esperado para 2030" in later.text and "2023" in later.text
    # A policy named by its whole name, typos and all, narrows the documents.
    decree = bot.ask("con que decreto suprmo se aprobo la politica nacional de cooperasion tecnica internacional?")
    assert "008-2023-RE" in decree.text and "004-2022-MC" not in decree.text
    base = bot.ask("¿Cuál fue la línea base del IOP.01.01 de la Política Nacional de Pesca Artesanal?")
    assert "**1200" in base.text.replace(".", "") and "PNPA" in base.text and "PNBP" not in base.text
    # A code several policies share, asked without a policy: answered per policy, never for one silently.
    shared = bot.ask("¿Cuál fue el valor del IOP.01.01 en 2023?")
    assert "41.2" in shared.text and ("3450" in shared.text or "3.450" in shared.text)
    # An unknown acronym is not a policy.
    assert "no hay documentos de la PBI" not in bot.ask("¿Cuál es el PBI del Perú?").text


def test_family_questions_are_answered_together_with_the_seed(family_data: Path) -> None:
    from assistant.compose import Templates
    from assistant.core import Assistant
    from assistant.evaluation import run_eval
    from assistant.knowledge import KnowledgeBase
    from assistant.settings import get_settings

    bot = Assistant(KnowledgeBase(family_data, None), Templates(get_settings().prompts_dir))
    result = run_eval(bot, Path(__file__).parent.parent / "eval" / "family_qa.jsonl")
    wrong = [(r["id"], r["answer"][:120]) for r in result["results"] if r["outcome"] != "right"]
    assert result["outcomes"]["right"] >= 21, wrong
    assert result["outcomes"]["confidently_wrong"] == 0, wrong


def test_a_figure_the_reader_could_not_place_is_quoted_never_called_missing(tmp_path: Path) -> None:
    from tests.conftest import two_year_assistant

    # The 2024 report words IOP.03.02's value in a way no cue describes.
    bot = two_year_assistant(tmp_path, "el indicador alcanzó un valor de 4,17%", "el indicador se ubicó en 5,56%")
    answer = bot.ask("¿Qué valor alcanzó el IOP.03.02 en 2024?")
    assert not answer.refused and "solo hay datos" not in answer.text
    assert "5,56%" in answer.text and "no tiene un valor leído" in answer.text
    assert answer.citations[0].document == "Reporte de cumplimiento PNCTI 2024"


def test_partner_answers_say_each_countrys_role_and_never_list_a_donor_as_a_recipient(family_data: Path) -> None:
    bot = _bot(family_data)
    offered = bot.ask("¿A qué países ofreció cooperación el Perú?").text.split("\n")[0]
    assert "Tailandia" in offered and "Ecuador" in offered
    assert not any(c in offered for c in ("España", "Francia", "Noruega", "Japón"))
    donors = bot.ask("¿Qué países donaron colecciones a la Biblioteca Nacional?").text
    assert "hicieron donaciones: España, Francia." in donors and "ofreció" not in donors.split("\n")[0]
    pnpa = bot.ask("¿Qué países son socios de la PNPA?").text
    assert "como oferente) a estos países: Ecuador, Chile." in pnpa
    assert "convenios o alianzas con estos países: Noruega, Japón." in pnpa


def test_partner_regions_named_by_adjectives_and_groups_filter_the_list(family_data: Path) -> None:
    bot = _bot(family_data)
    south = bot.ask("¿Con qué países sudamericanos cooperó el Perú como oferente?").text.split("\n")[0]
    assert "de Sudamérica" in south and "Bolivia" in south and "Costa Rica" not in south and "Tailandia" not in south
    europe = bot.ask("Which European countries donated collections?").text.split("\n")[0]
    assert europe.endswith("estos países de Europa hicieron donaciones: España, Francia.")
    africa = bot.ask("¿Hay socios africanos?")
    assert africa.refused and "en esa región" in africa.text



def test_a_code_several_policies_use_is_resolved_by_the_question_words_or_answered_per_policy(
        family_data: Path) -> None:
    """Honest ambiguity: IOP.02.01 and IOP.03.01 are codes of more than one policy."""
    bot = _bot(family_data)
    why = bot.ask("¿Por qué el indicador IOP.02.01 no tuvo logros esperados?")
    assert why.text.startswith("Ese código existe en varias políticas")
    assert "**PNCTI:**" in why.text and "**PNPA:**" in why.text
    by_words = bot.ask("¿Cuadra el 45,83 % del IOP.03.01 con los 32 proyectos de cooperación Sur-Sur?")
    assert "32 / 72 = 44.44 %" in by_words.text and "libros" not in by_words.text


def test_a_body_that_gave_assistance_is_quoted_from_the_policy_named(family_data: Path) -> None:
    bot = _bot(family_data)
    for text in ("Necesito saber qué organismo internacional brindó asistencia técnica a la PNPA.",
                 "Which international organization gave technical assistance to the artisanal fishing policy?"):
        answer = bot.ask(text)
        assert answer.route == "recuperacion" and "FAO" in answer.text and "CERLALC" not in answer.text


def test_a_country_two_policies_report_is_answered_per_policy_with_its_sentence(family_data: Path) -> None:
    bot = _bot(family_data)
    chile = bot.ask("¿Qué hizo el Perú con Chile?").text
    assert "**PNCTI** —" in chile and "**PNPA** —" in chile and "(el Perú como oferente)" in chile
    # The PNPA sentence names Ecuador too; it is quoted because it is about the country asked.
    assert "compartió su experiencia de formalización con Ecuador y Chile" in chile


def test_a_target_for_a_year_the_matrix_lacks_is_refused_naming_the_year(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("cual es la meta 2024 del numero de bibliotecarios capacitados")
    assert answer.refused and answer.route == "rechazo" and "para 2024" in answer.text


def test_a_question_about_a_policy_with_no_policy_named_is_about_the_one_just_discussed(family_data: Path) -> None:
    bot = _bot(family_data)
    history = [{"role": "user", "content": "Cuéntame de la política de bibliotecas públicas."},
               {"role": "assistant", "content": "…"}]
    answer = bot.ask("¿Con qué decreto se aprobó?", history)
    assert "004-2022-MC" in answer.text and "021-2021-PRODUCE" not in answer.text


def test_a_follow_up_that_names_another_policy_by_its_head_noun_switches_to_it(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Quién firmó el informe de pesca artesanal?")
    answer = bot.ask("¿y el de bibliotecas?", history)
    assert answer.route == "firmante"
    assert "Paredes Soto" in answer.text and "Ríos Medina" not in answer.text


def test_a_question_about_several_policies_is_answered_for_each_under_its_name(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("Ministerios que conducen las políticas de bibliotecas públicas y de pesca artesanal, "
                     "respectivamente")
    assert answer.route == "por-politica" and not answer.refused
    pnpa, pnbp = answer.text.index("**PNPA:**"), answer.text.index("**PNBP:**")
    # Each policy's own sentence under its own name.
    block = {pnpa: "PNPA", pnbp: "PNBP"}
    first, second = sorted(block)
    parts = {block[first]: answer.text[first:second], block[second]: answer.text[second:]}
    assert "Ministerio de la Producción" in parts["PNPA"] and "Cultura" not in parts["PNPA"]
    assert "Ministerio de Cultura" in parts["PNBP"] and "Producción" not in parts["PNBP"]


def test_a_question_that_names_a_section_heading_gets_the_prose_under_it(family_data: Path) -> None:
    from assistant.answers.section import heading_topic
    from assistant.compose import Templates
    from assistant.core import Assistant
    from assistant.knowledge import KnowledgeBase
    from assistant.settings import get_settings

    assert heading_topic("2. Situación futura deseada") == {"situacion", "futur", "des"}
    assert heading_topic("3. Objetivos prioritarios, lineamientos e indicadores") == frozenset()
    bot = Assistant(KnowledgeBase(family_data, None), Templates(get_settings().prompts_dir))
    answer = bot.ask("¿Qué situación futura deseada plantea al 2030 la política de bibliotecas?")
    assert answer.route == "seccion"
    assert "el 60 % de la población de 6 a más años accede" in answer.text and "004-2022-MC" in answer.text
    # A heading that is only the policy's name is no section asked about.
    other = bot.ask("¿Qué avance tuvo el indicador de embarcaciones con permiso de pesca vigente de la pesca artesanal?")
    assert other.route != "seccion"


def test_an_indicator_measured_in_money_answers_an_amount_question(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Cuánto dinero en créditos otorgó el fondo de pesca artesanal en 2023?")
    assert not answer.refused and "12.4 millones de soles" in answer.text
    assert bot.ask("¿Cuánta plata tiene asignada la política de bibliotecas para 2024?").refused


def test_a_follow_up_that_asks_for_targets_after_a_baseline_gets_the_targets(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuál era la línea de base del porcentaje de distritos con biblioteca pública?")
    answer = bot.ask("¿y cuáles son sus logros esperados para 2025 y 2030?", history)
    assert not answer.refused
    assert "Logro esperado 2025: **46 %**" in answer.text and "Logro esperado 2030: **60 %**" in answer.text


def test_an_indicator_named_by_the_head_of_its_name_with_a_typo(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("como evoluciono el indise de lectura de la pnbp entre 2020 y 2023")
    assert not answer.refused and "IOP.03.01" in answer.text and "1.9" in answer.text


def test_a_percent_sign_as_a_word_and_a_typo_in_the_name_still_name_the_indicator(family_data: Path) -> None:
    bot = _bot(family_data)
    share = bot.ask("¿cuánto creció el % de distritos con biblioteca desde la línea de base de 2020 hasta 2023?")
    assert not share.refused and "IOP.01.01" in share.text and "41.2" in share.text
    typo = bot.ask("como les fue a los pescadores formalisados desde la linea de base")
    assert not typo.refused and "IOP.01.01 de la PNPA (Número de pescadores artesanales formalizados)" in typo.text


def test_a_descending_indicators_figure_says_lower_is_better(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Qué avance tuvieron las pérdidas poscaptura de la pesca artesanal en 2023?")
    assert "107 %" in answer.text and "sentido descendente (a menor valor, mejor desempeño)" in answer.text
    ascending = bot.ask("¿Cuántos pescadores artesanales se formalizaron en 2023?")
    assert "descendente" not in ascending.text


def test_a_year_no_report_covers_yet_is_a_target_unless_a_value_is_asked(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué porcentaje de distritos tenía biblioteca pública en 2023?")
    aim = bot.ask("¿y a dónde se quiere llegar en 2030?", history)
    assert not aim.refused and "Logro esperado 2030: **60 %**" in aim.text
    # A value asked for a year no report covers is refused, never answered with its target.
    assert bot.ask("¿Qué porcentaje de distritos tenía biblioteca pública al cierre de 2025?").refused


def test_a_baseline_with_a_target_year_no_report_covers_shows_both(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("Dame la línea de base del índice de lectura y también la meta que se fija para 2030.")
    assert not answer.refused
    assert "Línea de base (2020): **1.9 libros por persona al año**" in answer.text
    assert "Logro esperado 2030: **3.5 libros por persona al año**" in answer.text


def test_an_acronym_in_a_sentence_counts_as_its_long_form_and_the_body_asked_for_is_found(family_data: Path) -> None:
    from assistant.acronyms import spelled_out
    bot = _bot(family_data)
    snap = bot.kb.snapshot()
    bnp = next(i for i, r in enumerate(snap.sentences) if "La BNP recibió" in r.text)
    assert {"bibliotec", "nacional"} <= spelled_out(snap)[bnp]
    answer = bot.ask("que organismo brindo asistencia tecnica a la biblioteca nacional segun el reporte 2023")
    assert not answer.refused and "(CERLALC)" in answer.text
    fao = bot.ask("Which international organization provided technical assistance under the artisanal fisheries policy?")
    assert not fao.refused and "asistencia técnica de la FAO" in fao.text


@pytest.mark.parametrize(("text", "figure"), [
    ("se cumplio la meta de perdidas poscaptura? ojo q el indicador es descendente", "**18.7 %**"),
    ("¿y cuánto salió al final el indicador de distritos con al menos una biblioteca pública?", "**41.2 %**"),
])
def test_a_figure_asked_in_a_frame_of_its_own_names_its_indicator(family_data: Path, text: str, figure: str) -> None:
    """The met frame ("se cumplió la meta") names no indicator; "¿cuánto salió?" asks a figure, not a count."""
    bot = _bot(family_data)
    answer = bot.ask(text)
    assert not answer.refused and answer.route.startswith("indicador") and figure in answer.text


def test_a_verb_after_cuantas_is_not_what_is_counted(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Cuántas quedaron registradas al terminar 2023 las bibliotecas municipales?")
    assert not answer.refused and "**1134 bibliotecas**" in answer.text


def test_a_section_whose_body_is_a_list_is_answered_with_the_list(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("List the measures the artisanal fisheries report proposes to improve implementation.")
    assert answer.route == "seccion" and not answer.refused
    assert answer.text.count("«") >= 2 and "Tumbes" in answer.text


def test_a_neuter_pronoun_points_back_at_the_last_turns_indicator(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuál fue el índice de lectura en 2023?")
    answer = bot.ask("¿Cómo se compara eso con la línea de base de 2020 y con lo que se quiere lograr al 2030?", history)
    assert not answer.refused and "IOP.03.01 de la PNBP" in answer.text
    assert "Línea de base (2020): **1.9 libros por persona al año**" in answer.text


def test_an_indicator_group_with_no_policy_named_is_answered_per_policy(family_data: Path) -> None:
    """37 indicators "in the 2023 report" would add up three reports; each policy's list instead."""
    bot = _bot(family_data)
    answer = bot.ask("¿Qué indicadores no tienen datos?")
    assert answer.route == "por-politica"
    assert "**PNBP:**" in answer.text and "**PNPA:**" in answer.text
    level = bot.ask("¿Qué indicadores de objetivos de la PNPA superaron su meta en 2023?")
    assert "IOP.01.01" in level.text and "IS.01.01.01" not in level.text


def test_indicators_named_one_after_another_are_each_answered(family_data: Path) -> None:
    bot = _bot(family_data)
    both = bot.ask("Quiero el avance de los pescadores artesanales formalizados y también el de los "
                   "desembarcaderos con sistema de trazabilidad.")
    assert not both.refused and "varios indicadores" in both.text
    assert "115 %" in both.text and "70 %" in both.text
    assert "IOP.01.01 de la PNPA" in both.text and "IOP.03.01 de la PNPA" in both.text
    # A name that holds "y" itself is one indicator, not a list.
    one = bot.ask("¿Cuántas entidades participaron en los espacios de diálogo y coordinación estratégicos?")
    assert "varios indicadores" not in one.text and "81" in one.text


def test_a_service_named_in_words_is_answered_as_the_documents_word_it_with_its_figures(family_data: Path) -> None:
    bot = _bot(family_data)
    described = bot.ask("¿Qué abarca el servicio de bibliotecas itinerantes?")
    # The policy document's line says what the service is; the report's indicator says what it did.
    assert "S.01.02.01" in described.text and "bibliobuses y cajas viajeras" in described.text
    assert "18 (dieciocho) rutas" in described.text
    delivered = bot.ask("What did the artisanal fisheries equipment service deliver?")
    assert "S.02.01" in delivered.text and "230 cajas" in delivered.text
    # A figure asked of the people it served is an indicator's figure, not the service.
    served = bot.ask("¿A cuántos usuarios llegaron los servicios bibliotecarios itinerantes en 2023?")
    assert "27600" in served.text.replace(".", "").replace(" ", "")


def test_parts_of_several_policies_are_counted_per_policy_and_a_typo_in_politica_still_frames_one(
        family_data: Path) -> None:
    bot = _bot(family_data)
    each = bot.ask("cuantos lineamientos tiene cada politica: bibliotecas y pesca artesanal")
    assert each.route == "por-politica" and "**PNBP:**" in each.text and "**PNPA:**" in each.text
    assert "Son 6 (seis) lineamientos" in each.text
    typo = bot.ask("cuantos lineamientos tiene la politca nacional de bibliotecas")
    assert not typo.refused and "Son 6 (seis) lineamientos" in typo.text and "PNPA" not in typo.text


def test_a_cause_the_report_gives_in_prose_after_its_table_row_is_found(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("Why did the number of landing sites with traceability fall short?")
    assert answer.route == "causa-de-indicador" and "El Niño costero" in answer.text
    assert "IOP.02.01 es descendente" not in answer.text  # another indicator's sentence


def test_a_change_explained_with_por_is_its_cause_and_a_descending_progress_is_explained_by_its_note(
        family_data: Path) -> None:
    bot = _bot(family_data)
    cause = bot.ask("¿A qué se debe la baja de las pérdidas poscaptura?")
    assert cause.route == "causa-de-indicador" and "230 cajas isotérmicas" in cause.text
    assert "ingreso mensual" not in cause.text  # the next sentence is about another indicator
    note = bot.ask("¿Por qué el avance de las pérdidas poscaptura pasa de 100 % si no bajó hasta la meta?")
    assert "es descendente" in note.text


def test_an_english_that_in_a_comparison_frame_points_back_at_the_last_turns_indicator(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "How many landing sites had a traceability system in 2023 under the artisanal fisheries policy?")
    answer = bot.ask("How did that compare with the baseline?", history)
    assert "IOP.03.01 de la PNPA" in answer.text and "Línea de base (2019): **8 desembarcaderos**" in answer.text
    assert "Índice de lectura" not in answer.text


def test_indicators_named_with_tanto_como_get_each_their_series(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Cómo cambiaron desde la línea de base tanto las rutas de bibliobús operativas como los "
                     "usuarios de servicios bibliotecarios itinerantes?")
    assert "varios indicadores" in answer.text
    assert "ISS.01.02.01.01" in answer.text and "IOP.01.02" in answer.text
    assert "Línea de base" in answer.text


def test_a_target_asked_as_expected_to_reach_and_a_cause_asked_with_se_debio(family_data: Path) -> None:
    bot = _bot(family_data)
    target = bot.ask("How many fishers were expected to be formalised in 2023 under the fisheries policy, as a goal?")
    assert "Logro esperado 2023: **3000 pescadores**" in target.text
    reached = bot.ask("What monthly income were fishers expected to reach in 2023?")
    assert "Logro esperado 2023: **1400 soles**" in reached.text
    cause = bot.ask("¿A qué se debió que se superara la meta de formalización de pescadores?")
    assert cause.route == "causa-de-indicador" and "campañas itinerantes" in cause.text


def test_a_value_asked_for_the_baseline_year_is_the_stated_baseline(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Cuántas rutas de bibliobús funcionaban en 2020?")
    assert not answer.refused and "Línea de base (2020): **12 rutas**" in answer.text
    # The baseline and the targets shown are what a single year of data is compared with.
    assert "no hay otro año con el cual compararlo" not in answer.text


def test_a_how_much_after_a_why_asks_the_figure_of_the_earlier_turns_code_and_policy(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Por qué el indicador de cumplimiento de compromisos (IOP.02.01) no tenía logro esperado?")
    answer = bot.ask("¿y cuánto salió igual?", history)
    # The words of the first turn say whose IOP.02.01 it is (three policies use the code).
    assert "IOP.02.01 de la PNCTI" in answer.text and "60 %" in answer.text
    assert "varias políticas" not in answer.text


def test_names_asked_beside_an_indicators_figure_are_quoted_not_the_figure(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué porcentaje de distritos tenía al menos una biblioteca pública funcionando al cierre "
                          "de 2023?")
    answer = bot.ask("¿Y en qué departamentos se concentra la mayor brecha según el reporte?", history)
    # The question names the indicator, but what it asks for is names: the sentence that gives them.
    assert not answer.refused and "Amazonas y Huancavelica concentran la mayor brecha" in answer.text



def test_partners_asked_in_common_are_the_countries_both_policies_name(family_data: Path) -> None:
    bot = _bot(family_data)
    for question in ("¿Qué países aparecen como socios tanto en la PNCTI como en la PNPA?",
                     # Two halves joined by "y como" are still one question about what they share.
                     ("¿Qué países figuran a la vez como socios de la Cooperación Sur-Sur ofrecida por el Perú en la "
                      "PNCTI y como destinatarios de la experiencia de formalización pesquera de la PNPA?")):
        answer = bot.ask(question)
        assert answer.route == "socios-en-comun", question
        assert "PNCTI y PNPA a la vez: Ecuador, Chile." in answer.text
        # Each policy's own sentence is quoted: the PNPA's names only Ecuador and Chile.
        assert "compartió su experiencia de formalización con Ecuador y Chile" in answer.text
        assert len(answer.citations) == 2 and {"PNCTI" in c.document for c in answer.citations} == {True, False}
    # The PNBP's partners (donors and a regional centre) share no country with the PNPA's.
    none = bot.ask("¿Qué países aparecen como socios tanto en la PNBP como en la PNPA?")
    assert none.text.startswith("Ningún país aparece como socio en los documentos de PNBP y PNPA a la vez")


def test_an_amount_asked_of_one_partners_agreement_is_refused_not_answered_by_another_amount(
        family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Con qué países firmó convenios la PNPA?")
    # "¿Por qué monto…?" asks an amount, not a cause; the report gives none for the agreement.
    answer = bot.ask("¿Por qué monto fue el convenio con Noruega?", history)
    assert answer.refused and "Noruega" in answer.text
    assert "12,4" not in answer.text  # the Fondo's credits are another amount


def test_a_summary_asked_in_other_words_is_the_policys_results_not_its_objectives(family_data: Path) -> None:
    answer = _bot(family_data).ask("Sintetice el desempeño 2023 de la Política Nacional de Bibliotecas Públicas.")
    assert answer.route != "objetivos" and "41.2 %" in answer.text and "IOP.01.01" in answer.text


def test_partners_peru_received_from_include_its_donors(family_data: Path) -> None:
    bot = _bot(family_data)
    for question in ("¿De qué países recibió la Biblioteca Nacional donaciones de colecciones?",
                     "From whom did Peru's National Library receive international cooperation in 2023?"):
        answer = bot.ask(question)
        assert not answer.refused and "estos países hicieron donaciones: España, Francia." in answer.text, question
        # Countries Peru offered cooperation to are no source of what it received.
        assert "Tailandia" not in answer.text and "Ecuador" not in answer.text


def test_a_note_under_a_table_is_quoted_whole(family_data: Path) -> None:
    answer = _bot(family_data).ask("What does the note under Table 1 of the artisanal fisheries report explain?")
    # "Nota: s.i. = sin información. El sentido esperado del indicador IOP.02.01 es descendente…": one line.
    assert "Nota: s.i. = sin información." in answer.text
    assert "El sentido esperado del indicador IOP.02.01 es descendente" in answer.text


def test_a_question_asked_of_each_policy_without_naming_them_is_answered_per_policy(family_data: Path) -> None:
    answer = _bot(family_data).ask("Which supreme decrees approved each of the three national policies covered by "
                                   "these documents?")
    assert answer.route == "por-politica"
    for decree in ("004-2022-MC", "008-2023-RE", "021-2021-PRODUCE"):
        assert decree in answer.text, decree


def test_an_objective_described_in_words_is_that_policys_objective(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("hazme un resumen rápido de cómo le fue al objetivo de posicionar al Perú como oferente de "
                     "cooperación técnica")
    # Three policies have an OP.03; the words name the PNCTI's, whose indicators are its figures.
    assert "**45.83 %**" in answer.text and "**4.17 %**" in answer.text
    assert "lectura" not in answer.text
    named = bot.ask("¿Qué política tiene un objetivo prioritario dedicado a fomentar la lectura?")
    assert "«Fomentar la lectura en la población»" in named.text and "Posicionar" not in named.text


def test_only_before_a_region_of_peru_still_asks_that_regions_figure(family_data: Path) -> None:
    # "solo" says how it is asked (frame_words); the 3.450 were formalised in Piura, Áncash and Arequipa.
    answer = _bot(family_data).ask("¿cuántos pescadores se formalizaron solo en Piura?")
    assert answer.refused and "no para Piura" in answer.text and "3.450" not in answer.text


def test_one_figure_for_several_regions_of_peru_is_no_figure_for_one_of_them(family_data: Path) -> None:
    # "…campañas itinerantes realizadas en Piura, Áncash y Arequipa, que permitieron inscribir a 3.450…"
    answer = _bot(family_data).ask("¿Cuántos pescadores inscribieron las campañas itinerantes en Arequipa?")
    assert answer.refused and "cifra conjunta de varias regiones" in answer.text and "3.450" not in answer.text


def test_codes_are_found_by_code_or_id_and_policy_in_the_snapshot(family_data: Path) -> None:
    snap = _bot(family_data).kb.snapshot()
    # Three policies use IOP.03.01; the code is read in any case, and a policy narrows it.
    assert snap.find(snap.indicators, "iop.03.01") == ["PNBP::IOP.03.01", "PNCTI::IOP.03.01", "PNPA::IOP.03.01"]
    assert snap.find(snap.indicators, "IOP.03.01", ["PNPA"]) == ["PNPA::IOP.03.01"]
    assert snap.find(snap.services, "SS.02.05.01") and snap.find(snap.indicators, "IOP.99.99") == []


def test_a_follow_up_year_replaces_the_earlier_turns_year(family_data: Path) -> None:
    # The decree sets this indicator's targets for 2023 and 2030 only: 2024's is not 2023's.
    bot = _bot(family_data)
    first = "¿Cuántas bibliotecas municipales estaban registradas al cierre de 2023?"
    answer = bot.ask("¿y cuántas se esperan para 2024?", _after(bot, first))
    assert answer.refused and "1150" not in answer.text
    assert "no dan el logro esperado para 2024; sí dan los años 2023, 2030" in answer.text


def test_a_met_question_after_an_indicators_value_is_about_that_indicator(family_data: Path) -> None:
    bot = _bot(family_data)
    first = "¿Cuál fue la cobertura de distritos con biblioteca pública en 2023?"
    answer = bot.ask("¿con eso se alcanzó la meta del año?", _after(bot, first))
    assert answer.text.startswith("**No.**") and "98.1 %" in answer.text
    assert {f.indicator for f in answer.figures if f.source == "almacén"} == {"IOP.01.01"}
    # The decree states the year's target: it is shown beside the progress, with its page.
    assert "El logro esperado de 2023 es **42 %** (DECRETO SUPREMO N° 004-2022-MC, pág. 1)" in answer.text
    assert any(f.value == 42.0 and f.period == 2023 and f.verified for f in answer.figures)


def test_an_objective_described_by_a_name_that_says_services_is_asked_for_its_indicators(
        family_data: Path) -> None:
    # "servicios bibliotecarios" is the objective's name, not a question about its services.
    bot = _bot(family_data)
    for text, codes in (("que indicadores tiene el objetivo de mejorar la calidad de los servicios bibliotecarios",
                         ("IOP.02.01", "IOP.02.02")),
                        ("What indicators measure the PNBP objective of expanding library service coverage?",
                         ("IOP.01.01", "IOP.01.02"))):
        answer = bot.ask(text)
        assert answer.route == "indicadores" and all(f"**{c}**" in answer.text for c in codes), text
    # A question that asks for services, even misspelt, still gets them.
    assert bot.ask("cuales son los 8 servisios de la pncti").route == "servicios"


def test_a_follow_up_that_only_names_another_policy_asks_the_earlier_question_of_it(family_data: Path) -> None:
    # A short English follow-up is English even with two function words: its policy is named in English.
    bot = _bot(family_data)
    answer = bot.ask("and the artisanal fishing policy?", _after(bot, "¿Quién conduce la Política Nacional de "
                                                                       "Cooperación Técnica Internacional?"))
    assert "Ministerio de la Producción (PRODUCE)" in answer.text and "(MRE)" not in answer.text
    # The count asked of the PNPA is asked of the PNCTI: its declared 19 indicators, then the list.
    answer = bot.ask("and the PNCTI?", _after(bot, "How many indicators does the PNPA use?"))
    assert "serán medidos a través de 19 indicadores" in answer.text and "14 indicadores" not in answer.text


def test_a_contracted_english_question_asks_the_target(family_data: Path) -> None:
    answer = _bot(family_data).ask("What's the 2023 target for post-harvest losses in artisanal fishing?")
    assert "Logro esperado 2023: **20 %**" in answer.text


def test_a_count_of_organizations_is_read_from_the_sentence_that_states_it(family_data: Path) -> None:
    # "organizaciones" is what is counted, not a body asked for; "asistencia" and "asistidas" are one
    # family of words; "recibieron" is the role's verb, not the topic the sentence must name.
    bot = _bot(family_data)
    for text in ("cuántas organizaciones de pescadores recibieron asistencia técnica para formalizarse?",
                 "How many fishers' organizations received technical assistance for formalization?"):
        answer = bot.ask(text)
        assert not answer.refused and "se asistió a 96 organizaciones de pescadores" in answer.text, text


def test_a_shortfall_against_a_stated_target_is_given_in_the_indicators_unit(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿cuántos le faltaron para la meta?",
                     _after(bot, "¿A cuántos usuarios llegaron los servicios bibliotecarios itinerantes en 2023?"))
    assert "le faltaron 2400 usuarios (calculado: 30000 − 27600)" in answer.text
    assert any(f.value == 2400 and f.source == "calculado" for f in answer.figures)
    answer = bot.ask("¿con eso se alcanzó la meta del año?",
                     _after(bot, "¿Cuál fue la cobertura de distritos con biblioteca pública en 2023?"))
    assert "le faltaron 0.8 puntos porcentuales (calculado: 42 − 41.2)" in answer.text


def test_which_indicator_measures_an_objective_picked_by_ordinal_from_the_list(family_data: Path) -> None:
    # Examples of the bank: "¿y qué indicador mide el tercero?" asks for indicators, not the objective again.
    bot = _bot(family_data)
    history = _after(bot, "What are the priority objectives of the public libraries policy?")
    for text in ("and which indicator measures the third one?", "¿y qué indicador mide el tercero?"):
        answer = bot.ask(text, history)
        assert answer.route == "indicadores" and "**IOP.03.01**" in answer.text, text


def test_an_amount_asked_of_a_named_service_is_its_indicators_and_no_part_of_the_country_has_it(
        family_data: Path) -> None:
    # "prestó" is the reports' "créditos" (synonyms.yaml); the fund names the service, whose one
    # indicator is the best candidate.
    bot = _bot(family_data)
    first = "¿Cuánto se prestó a través del Fondo de Pesca Artesanal en 2023?"
    answer = bot.ask(first)
    assert {f.indicator for f in answer.figures if f.source == "almacén"} == {"IS.02.03.01"}
    assert "12.4 millones de soles" in answer.text
    answer = bot.ask("¿y en Piura?", _after(bot, first))
    assert answer.refused and "12.4" not in answer.text
    # A part of the country (geography.yaml) is no region the national figure answers.
    answer = bot.ask("¿Cuál fue el monto de créditos que el Fondo de Pesca Artesanl otorgó en la zona sur del pais?")
    assert answer.refused and "para todo el país, no para zona sur" in answer.text


def test_a_question_after_an_indicator_of_one_policy_is_asked_of_that_policy(family_data: Path) -> None:
    # The earlier turn names the PNPA by its indicator; "se hicieron" is the reports' "realizadas".
    bot = _bot(family_data)
    answer = bot.ask("¿en qué regiones se hicieron las campañas?",
                     _after(bot, "¿Cuántos pescadores se formalizaron el año pasado?"))
    assert "campañas itinerantes realizadas en Piura, Áncash y Arequipa" in answer.text


def test_which_ones_after_a_count_the_documents_do_not_list_is_refused(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿y cuáles son?", _after(bot, "¿Cuántos desembarcaderos cuentan con sistema de trazabilidad?"))
    assert answer.refused and "dan el número, pero no la lista de nombres" in answer.text


def test_the_other_indicator_of_the_same_service_when_two_policies_share_the_code(family_data: Path) -> None:
    # ISS.02.01.01.01 is the PNCTI's and the PNBP's; only the PNCTI's service has another indicator.
    bot = _bot(family_data)
    answer = bot.ask("¿qué otro indicador tiene ese mismo servicio?", _after(bot, "¿Qué mide el ISS.02.01.01.01?"))
    assert {(f.indicator, f.value) for f in answer.figures if f.source == "almacén"} >= {("ISS.02.01.01.02", 2.0)}


def test_a_past_year_asked_for_a_comparison_has_no_figure_of_its_own(family_data: Path) -> None:
    # The family's documents cover 2022 (a decree of that year): the refusal is the indicator's.
    answer = _bot(family_data).ask("¿cuánto dio el indicador de proyectos de CSS como oferente en ALC en 2022? "
                                   "para compararlo con 2023")
    assert answer.refused and "no hay datos de 2022; solo hay datos de 2023" in answer.text
    assert "45.83" not in answer.text


def test_a_question_word_of_the_same_family_as_a_name_word_is_that_names(family_data: Path) -> None:
    # "library" is read "biblioteca", of one family with the name's "bibliotecarios": "people" alone
    # does not make it IOP.01.03's "personas beneficiarias".
    answer = _bot(family_data).ask("How many people did the mobile (itinerant) library services reach in 2023?")
    assert {f.indicator for f in answer.figures if f.source == "almacén"} == {"IOP.01.02"}
    assert "27600 usuarios" in answer.text


def test_what_an_indicator_named_in_words_measures_is_its_definition(family_data: Path) -> None:
    # Bank examples: "¿en qué unidad se mide…?" asks a definition; the index is named by its head words.
    answer = _bot(family_data).ask("oye, ¿el índice de lectura de la política de bibliotecas en qué unidad se mide?")
    assert answer.route == "definicion" and "(libros por persona al año)" in answer.text
    assert "**IOP.03.01**" in answer.text


def test_a_count_of_indicators_asked_of_several_named_policies_is_given_for_each(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Cuántos indicadores tienen la PNCTI, la PNPA y la PNBP?")
    assert answer.route == "conteos-entre-politicas"
    assert all(f"- **{p}**: declara" in answer.text for p in ("PNCTI", "PNPA", "PNBP"))
    assert "serán medidos a través de 19 indicadores" in answer.text and "se mide con 14 indicadores" in answer.text
    assert "(37, conteo" not in answer.text  # never one list mixing three policies
    assert "Sumando" not in answer.text  # each one's count was asked, not their sum


def test_a_question_on_no_data_with_no_policy_named_is_answered_where_its_premise_holds(family_data: Path) -> None:
    # The PNBP's OP.01 has data, the PNCTI's has none: only the PNCTI's answer is shown.
    answer = _bot(family_data).ask("¿Por qué no se reportan valores para los indicadores del Objetivo Prioritario 01 "
                                   "en el reporte de 2023?")
    assert "**PNCTI:**" in answer.text and "**PNBP:**" not in answer.text
    assert "primer trimestre de 2025" in answer.text


def test_an_objectives_indicators_are_not_a_services_the_name_shares_words_with(family_data: Path) -> None:
    # "bibliotecas" is in the itinerant-libraries service's name; the question names objective 2.
    answer = _bot(family_data).ask("¿Cuáles son los indicadores del Objetivo Prioritario 2 de la política de bibliotecas?")
    assert answer.route == "indicadores" and "**IOP.02.01**" in answer.text and "ISS.01.02.01.01" not in answer.text


def test_a_shared_code_with_a_word_of_one_policys_name_is_that_policys(family_data: Path) -> None:
    # "pesca" is the PNPA's name word, and also in a PNCTI passage on IOP.03.01 ("turismo, gastronomía, pesca").
    answer = _bot(family_data).ask("iop 3.1 pesca avance %")
    assert "IOP.03.01 de la PNPA" in answer.text and "70 %" in answer.text and "45.83" not in answer.text


def test_a_partners_question_whose_topic_is_one_policys_indicator_lists_that_policys_partners(
        family_data: Path) -> None:
    answer = _bot(family_data).ask("¿A qué países les transfirió el Perú su experiencia en formalizar pescadores "
                                   "artesanales?")
    lead = answer.text.split("\n")[0]
    assert "Ecuador, Chile" in lead and "Bolivia" not in lead and "Tailandia" not in lead


def test_a_name_that_opens_with_framing_words_is_not_named_by_them(family_data: Path) -> None:
    # "porcentaje de cumplimiento" opens the PNCTI's IOP.02.01; here it asks the progress of the PNPA's
    # assisted organisations.
    answer = _bot(family_data).ask("que porcentaje de cumplimiento tuvo la asistencia tecnica a organizaciones de pescadores")
    assert "120 %" in answer.text and "60 %" not in answer.text


def test_how_a_progress_is_calculated_quotes_the_reports_sentence_on_it(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿cómo se calcula el avance del IOP.02.01 de la PNPA?")
    assert "107 %" in answer.text
    assert "«El sentido esperado del indicador IOP.02.01 es descendente, por lo que el avance se calcula como el " \
           "cociente entre el logro esperado y el valor obtenido.»" in answer.text
    assert any("cociente" in c.quote for c in answer.citations)
    # Not asked how: the value alone.
    assert "cociente" not in _bot(family_data).ask("¿cuál fue el avance del IOP.02.01 de la PNPA?").text


def test_an_english_phrase_whose_words_the_glossary_lacks_is_read_as_its_spanish_term(family_data: Path) -> None:
    from assistant.text import to_spanish_terms

    assert "realizadas" in to_spanish_terms("were the campaigns carried out?").split()
    # "expected achievement": its words are known one by one, and read so, not twice.
    assert to_spanish_terms("no expected achievement?").count("esperado") == 1
    answer = _bot(family_data).ask("In which regions were the itinerant formalization campaigns carried out?")
    assert "Piura, Áncash y Arequipa" in answer.text and "Tumbes" not in answer.text


def test_how_they_explain_a_result_asks_its_cause(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿cómo explican que se pasara la meta de bibliotecas con personal capacitado?")
    assert "Escuela de Bibliotecarios" in answer.text and "Logro esperado 2024" not in answer.text


def test_a_synonym_phrase_names_a_heading_and_the_signature_is_no_item_of_its_list(family_data: Path) -> None:
    # "acciones de mejora" is read as the heading's "alternativas de mejora" (synonyms.yaml).
    answer = _bot(family_data).ask("¿Qué acciones de mejora propone el reporte de la política de bibliotecas?")
    assert answer.route == "seccion"
    assert "Amazonas y Huancavelica" in answer.text and "compras corporativas" in answer.text
    assert "clubes de lectura" in answer.text and "Firma" not in answer.text


def test_how_the_services_went_is_their_indicators_figures_each_under_its_policy(family_data: Path) -> None:
    answer = _bot(family_data).ask("Summarize how the PNPA services performed in 2023.")
    assert answer.route == "indicadores" and "**96 organizaciones**, avance de 120 %" in answer.text
    assert "IOP." not in answer.text  # the services' indicators, not the objectives'
    # OP.02 is the PNBP's and the PNCTI's: the same code of each is said to be whose.
    answer = _bot(family_data).ask("resúmeme rapidito cómo van los servicios del OP2")
    assert answer.text.startswith("Indicadores del OP.02")
    assert "**ISS.02.01.01.01** de la PNBP (Número de bibliotecarios capacitados)" in answer.text
    assert "**ISS.02.01.01.01** de la PNCTI (número de entidades que participan" in answer.text
    # One service named is that indicator's figure, not the group's.
    answer = _bot(family_data).ask("What progress percentage did the number of users of itinerant library "
                                   "services achieve?")
    assert "92" in answer.text and "1134" not in answer.text


def test_a_partners_question_whose_topic_is_one_reports_partner_sentence_lists_that_reports_partners(
        family_data: Path) -> None:
    # "compartió su experiencia de formalización con Ecuador y Chile" is the PNPA's sentence.
    for question in ("¿con qué países compartió el Perú su experiencia en formalización pesquera?",
                     "Which countries did Peru share its fisher formalization experience with?"):
        lead = _bot(family_data).ask(question).text.split("\n")[0]
        assert "Ecuador, Chile" in lead and "Bolivia" not in lead and "Tailandia" not in lead, question
    # A region asked is the filter, not a topic: every report's partners in it.
    assert "República Dominicana" in _bot(family_data).ask("¿Qué países del Caribe recibieron cooperación del Perú?").text


def test_an_english_role_verb_the_glossary_rewrites_still_says_the_role(family_data: Path) -> None:
    answer = _bot(family_data).ask("Which country outside Latin America did Peru provide technical cooperation to "
                                   "in 2023, and in which areas?")
    assert "Tailandia" in answer.text and "desarrollo alternativo" in answer.text
    assert "Noruega" not in answer.text and "España" not in answer.text


def test_a_consistency_word_about_a_figure_the_question_states_is_a_check(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿cuadra el 70 % de avance de los desembarcaderos con trazabilidad con lo que "
                                   "se logró y lo que se esperaba?")
    assert answer.route == "verificacion" and "14 / 20 = 70 %" in answer.text


def test_extending_a_campaign_is_the_reports_ampliar(family_data: Path) -> None:
    answer = _bot(family_data).ask("a que otras regiones se quiere extender las campanas itinerantes de formalizacion pesquera")
    assert "Tumbes y Tacna" in answer.text


def test_a_group_question_on_baselines_or_targets_shows_each_indicators_stated_one(family_data: Path) -> None:
    answer = _bot(family_data).ask("Compare los años de línea de base utilizados en los indicadores de objetivos "
                                   "prioritarios de la PNBP y de la PNPA.")
    assert ("**IOP.01.01** de la PNBP (Porcentaje de distritos con al menos una biblioteca pública en funcionamiento): "
            "**41.2 %**, avance de 98.1 % respecto del logro esperado; línea de base (2020): **38.5 %** (DECRETO "
            "SUPREMO N° 004-2022-MC, pág. 1)") in answer.text
    assert "línea de base (2019): **1200 pescadores** —" in answer.text  # the PNPA report states it itself
    answer = _bot(family_data).ask("¿Cuáles fueron las metas 2023 de los indicadores de objetivos prioritarios de la PNPA?")
    assert "logro esperado (2023): **3000 pescadores**" in answer.text and "línea de base" not in answer.text


def test_a_lead_that_asks_to_be_told_keeps_a_how_many_question(family_data: Path) -> None:
    from assistant.asked import read_asked
    from assistant.entities import Entities

    asked = read_asked("Compare how many indicators the PNCTI has", "compare how many indicators the pncti has",
                       Entities(), english=True)
    assert asked.amount and asked.count_start and asked.overview == "list"
    answer = _bot(family_data).ask("Compare how many indicators the PNCTI, the PNPA and the PNBP each track.")
    assert answer.route == "conteos-entre-politicas" and "- **PNCTI**: declara 19 indicadores" in answer.text


def test_a_heading_of_a_generic_and_a_topic_word_names_its_section(family_data: Path) -> None:
    # "Cooperación" alone is everywhere; with "alianzas" it names the PNPA's section.
    answer = _bot(family_data).ask("¿qué cuenta el reporte de pesca artesanal sobre cooperación y alianzas?")
    assert answer.route == "seccion" and "Noruega y Japón" in answer.text and "Ecuador y Chile" in answer.text
    # A table's header row ("… | Valor obtenido 2023 | …") is no heading.
    from assistant.answers.section import headings

    snap = _bot(family_data).kb.snapshot()
    assert all("|" not in snap.sentences[i].text for i, _, _ in headings(snap))


def test_a_count_of_what_the_catalogue_lists_is_answered_with_its_names(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Cuáles son los tres objetivos prioritarios de la Política Nacional de Pesca Artesanal?")
    assert not answer.refused and "Formalizar la actividad pesquera artesanal" in answer.text
    assert "Mejorar la productividad de la pesca artesanal" in answer.text


def test_a_heading_with_a_word_of_the_policys_name_still_names_its_section(family_data: Path) -> None:
    # "público" is a word of "Bibliotecas Públicas"; "Problema público" is still the heading asked.
    answer = _bot(family_data).ask("¿cual es el problema publico q atiende la politica de bibliotecs publicas?")
    assert answer.route == "seccion" and "Bajo acceso de la población a servicios bibliotecarios" in answer.text
    # A summary that asks several things is more than that one section.
    answer = _bot(family_data).ask("resumeme la politica nacional de bibliotecas publicas al 2030: problema publico, "
                                   "situacion futura y objetivos")
    assert answer.route != "seccion"


def test_a_comparison_in_broad_terms_of_two_policies_is_each_ones_summary(family_data: Path) -> None:
    answer = _bot(family_data).ask("Compare en líneas generales el desempeño de 2023 de la política de pesca artesanal "
                                   "con el de la política de bibliotecas públicas.")
    assert answer.route == "por-politica"
    assert "**3450 pescadores**" in answer.text and "**41.2 %**" in answer.text


def test_a_name_in_capitals_or_a_year_does_not_make_an_english_question_spanish() -> None:
    from assistant.text import is_english

    assert is_english("Did PRODUCE hit its 2023 goal for fishers' organizations assisted?")
    assert not is_english("¿Cuál fue el avance del IOP.03.01 en 2023?")
    assert not is_english("¿Qué hizo PRODUCE en 2023 con las organizaciones de pescadores?")


def test_the_date_a_report_is_dated_is_its_signature_date(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿en qué fecha está fechado el reporte de pesca artesanal?")
    assert answer.route == "firmante" and "28 de marzo de 2024" in answer.text


def test_which_one_of_a_group_passed_its_target_is_the_group_above_the_threshold(family_data: Path) -> None:
    for question in ("que servicio de la politica de bibliotecas supero lo programado en 2023?",
                     "Which PNBP service beat its 2023 target?"):
        answer = _bot(family_data).ask(question)
        assert answer.route == "indicadores", question
        assert "**ISS.02.01.01.01** (Número de bibliotecarios capacitados): **1012 bibliotecarios**, avance de 112.4 %" \
            in answer.text
        assert "IOP." not in answer.text  # services asked: the service indicators
    answer = _bot(family_data).ask("¿Qué indicador de la PNPA superó su meta en 2023?")
    assert answer.route == "indicadores" and "IOP.01.01" in answer.text and "S.01.02.01" not in answer.text


def test_the_noun_right_after_politica_de_is_a_policys_head(family_data: Path) -> None:
    answer = _bot(family_data).ask("dame un resumen de cómo les fue a los servicios del OP.02 de la política de cooperación")
    assert "**81 entidades**" in answer.text and "bibliotecarios" not in answer.text


def test_a_follow_up_leans_on_the_one_indicator_the_last_answer_named(family_data: Path) -> None:
    # "district coverage" names IOP.01.01 only loosely; the answer was about it, so "the target
    # for 2025" is that indicator's, not a refusal for a year the reports do not cover.
    bot = _bot(family_data)
    history = _after(bot, "What was the PNBP district coverage in 2023?")
    answer = bot.ask("and the target for 2025?", history)
    assert not answer.refused and "IOP.01.01 de la PNBP" in answer.text
    assert "Logro esperado 2025: **46 %**" in answer.text
    # A place is the follow-up's own subject: the national figure does not answer it.
    history = _after(bot, "¿Cuánto se prestó a través del Fondo de Pesca Artesanal en 2023?")
    assert bot.ask("¿y en Piura?", history).refused


def test_how_many_are_they_counts_what_the_last_turn_listed(family_data: Path) -> None:
    bot = _bot(family_data)
    indicators = bot.ask("¿cuántos son?", _after(bot, "¿Qué indicadores tiene el OP.02 de la PNCTI?"))
    assert indicators.route != "socios" and "Costa Rica" not in indicators.text
    assert "dos indicadores" in indicators.text
    partners = bot.ask("¿y cuántos son?", _after(bot, "¿Qué países son socios de la PNPA?"))
    assert partners.route == "socios"
    # Two groups of partners: the total is said after both, not beside the first.
    assert "a estos países: Ecuador, Chile." in partners.text
    assert "En total, 4 países en estas listas (conteo de las listas: no es una cifra publicada)." in partners.text


def test_a_bare_number_after_an_objective_names_the_objective_with_that_number(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿y el otro, el 04?", _after(bot, "¿Cuál es el objetivo prioritario 03 de la PNCTI?"))
    assert answer.route == "objetivos" and "OP.04" in answer.text and "OP.03" not in answer.text
    assert "Afianzar la proyección del Perú" in answer.text


def test_a_decrees_table_of_targets_is_no_figure_of_the_year_it_was_issued(family_data: Path) -> None:
    # The decree (2022) lists the baseline of 2020 and targets from 2023: no value of 2022.
    bot = _bot(family_data)
    answer = bot.ask("ISS.01.02.01.01 valor 2022")
    assert answer.refused and "solo hay datos de 2023" in answer.text
    later = bot.ask("¿Y cuánto fue en 2022?", _after(bot, "¿Qué valor obtuvo el índice de lectura en 2023?"))
    assert later.refused and "2020: 1,9" not in later.text


def test_a_consistency_question_is_answered_by_the_check_of_the_figure_it_restates(family_data: Path) -> None:
    bot = _bot(family_data)
    # "8 servicios" is the stated figure of the services count, and only a part of the indicators'
    # count: the services check answers, and it is consistent.
    services = bot.ask("el resumen dice q la politica tiene 8 servicios, ¿cuadra eso con lo q se describe "
                       "x cada objetivo prioritario?")
    assert services.route == "verificacion"
    assert services.text.startswith("Sí: las cifras cuadran.\n\nLas cifras son coherentes: El reporte declara 8 servicios y presenta 8")
    # "los dos indicadores del OP3" names the objective's indicators; no other policy's count
    # check answers for them.
    shares = bot.ask("Si el Perú fue oferente en 32 proyectos en ALC y en 3 con Tailandia, de un total de 72, "
                     "¿cuadra la suma de los porsentajes de los dos indicadores del OP3?")
    assert shares.route == "verificacion" and "PNPA" not in shares.text and "14 indicadores" not in shares.text
    assert "32 + 3 = 35 de 72 (48.61 %)" in shares.text


def test_counts_of_a_kind_are_compared_and_added_across_policies_as_each_report_declares(family_data: Path) -> None:
    bot = _bot(family_data)
    most = bot.ask("¿Qué política tiene más indicadores, la PNCTI o la PNPA?")
    assert most.route == "conteos-entre-politicas"
    assert "- **PNCTI**: declara 19 indicadores y presenta 16" in most.text
    assert "- **PNPA**: declara 14 indicadores y presenta 11" in most.text
    assert "Declara más indicadores: **PNCTI** (19, frente a 14; comparación de las cifras declaradas)." in most.text
    added = bot.ask("Sumando las tres políticas (PNCTI, PNBP y PNPA), ¿cuántos indicadores se reportan en total?")
    assert "- **PNBP**: declara 10 indicadores y presenta los 10" in added.text
    assert "Sumando lo declarado: 19 + 10 + 14 = **43** indicadores (calculado" in added.text
    assert "Sumando lo que presentan los reportes: 16 + 10 + 11 = **37** indicadores" in added.text
    # The libraries report declares no count of services: the comparison is of what each presents, and says so.
    services = bot.ask("¿Qué política tiene más servicios?")
    assert "- **PNBP**: el reporte no declara cuántos servicios tiene; presenta 5" in services.text
    assert "Presenta más servicios: **PNCTI** (8, frente a 5 y 5; comparación de las cifras que presentan" in services.text


def test_a_count_of_one_noun_is_not_answered_by_an_indicator_that_counts_another(family_data: Path) -> None:
    bot = _bot(family_data)
    buses = bot.ask("¿cuántos bibliobuses tiene operando la BNP?")
    assert buses.refused and "18" not in buses.text
    assert "el indicador más cercano cuenta otra cosa: ISS.01.02.01.01 «Número de rutas de bibliobús operativas»" in buses.text
    assert "18 (dieciocho) rutas" in bot.ask("¿Cuántas rutas de bibliobús operaron en 2023?").text
    # People are counted by an indicator of users; a synonym of the reports' noun counts it too.
    people = bot.ask("¿A cuántas personas atendieron los servicios bibliotecarios itinerantes durante 2023?")
    assert not people.refused and "27600 usuarios" in people.text
    assert "142 servidores/as" in bot.ask("¿Cuántos funcionarios de las UOCTI se capacitaron?").text


def test_an_english_count_is_held_to_every_word_of_its_noun_phrase(family_data: Path) -> None:
    # "municipal libraries": the glossary's last word is "municipales", the head is "bibliotecas".
    bot = _bot(family_data)
    snap = bot.kb.snapshot()
    asked = bot._parse(snap, "How many municipal libraries were on the register at the close of 2023?", []).asked
    assert set(asked.counted_words) >= {"bibliotecas", "municipales"}
    answer = bot.ask("How many municipal libraries were on the register at the close of 2023?")
    assert not answer.refused and "1134" in answer.text


def test_two_indicators_of_two_policies_named_in_english_are_each_answered(family_data: Path) -> None:
    # Each part names its policy and its indicator by the head the name opens with ("reading index").
    answer = _bot(family_data).ask("Compare expected versus obtained 2023 values for the PNBP reading index and for "
                                   "the PNPA number of landing sites with traceability.")
    assert "IOP.03.01 de la PNBP" in answer.text and "IOP.03.01 de la PNPA" in answer.text
    assert "**2 libros por persona al año**" in answer.text and "**14 desembarcaderos**" in answer.text


def test_a_spaced_compact_code_and_a_casual_ds_are_read(family_data: Path) -> None:
    bot = _bot(family_data)
    baseline = bot.ask("linea base iop 0202 bibliotecas")
    assert baseline.route == "indicador-meta" and "IOP.02.02 de la PNBP" in baseline.text
    # "is 2023" is English and a year, not the code IS.20.23.
    assert not bot.ask("What is 2023 progress of the reading index?").refused
    decree = bot.ask("DS de la pnpa?")
    assert "Decreto Supremo N° 021-2021-PRODUCE" in decree.text


def test_who_signed_a_document_without_a_signature_line_is_refused(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Quién firmó el Decreto Supremo N° 004-2022-MC?")
    assert answer.refused and "no consigna quién lo firmó" in answer.text
    assert "Paredes Soto" in bot.ask("¿Quién firmó el reporte de la PNBP?").text


def test_a_follow_up_on_the_signatorys_post_and_on_a_section_of_another_policy(family_data: Path) -> None:
    bot = _bot(family_data)
    post = bot.ask("¿y qué cargo ocupa?", _after(bot, "Who signed the PNCTI compliance report?"))
    assert post.route == "firmante" and "Jefe de la Oficina General de Planeamiento y Presupuesto" in post.text
    problem = bot.ask("¿y el de la política de bibliotecas?", _after(bot, "¿Cuál es el problema público de la PNCTI?"))
    assert problem.route == "seccion" and "Bajo acceso de la población a servicios bibliotecarios" in problem.text


def test_progress_that_comes_out_right_with_the_policys_target_is_checked(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántos bibliotecarios y bibliotecarias se capacitaron en 2023?")
    answer = bot.ask("¿Y el 112,4 % de avance sale bien con la meta que fija la política para 2023?", history)
    assert answer.route == "verificacion"
    assert answer.text.startswith("Sí: las cifras cuadran.\n\nLas cifras son coherentes: Avance declarado 112.4 %; con el logro esperado 2023")


def test_a_count_whose_nearest_figures_count_another_noun_is_refused(family_data: Path) -> None:
    bot = _bot(family_data)
    grants = bot.ask("How many scholarships were awarded through the PNCTI in 2023?")
    assert grants.refused and "276" not in grants.text and "sus cifras cercanas cuentan otra cosa" in grants.text
    # "through APCI" scopes the question to the PNCTI (the APCI is only in its documents); still refused.
    assert bot.ask("How many scholarships were awarded through APCI in 2023?").refused
    spanish = bot.ask("¿Cuántas becas se otorgaron a través de la APCI en 2023?")
    assert spanish.refused and "276" not in spanish.text
    # The projects are counted where the question counts projects.
    assert "72 proyectos" in bot.ask("¿Cuántos proyectos de Cooperación Sur-Sur tuvo el Perú?").text


def test_a_target_neither_published_nor_implied_is_refused_and_a_decree_signer_in_english(family_data: Path) -> None:
    bot = _bot(family_data)
    target = bot.ask("What was the expected target (logro esperado) for IOP.04.01 in 2023?")
    assert target.refused and "no publica el logro esperado del indicador IOP.04.01" in target.text
    # A target the report explains it did not have is answered with that reason.
    nd = bot.ask("¿Cuál fue la meta 2023 del IOP.02.01 de la PNCTI?")
    assert not nd.refused and "no tenía logro esperado para ese período (ND)" in nd.text
    signer = bot.ask("Which minister signed Decreto Supremo N° 004-2022-MC?")
    assert signer.refused and "no consigna quién lo firmó" in signer.text


def test_the_objective_something_belongs_to_is_answered_by_its_service_indicator_or_section(family_data: Path) -> None:
    bot = _bot(family_data)
    service = bot.ask("The scholarship dissemination service - which PNCTI priority objective is it under?")
    assert service.route == "objetivo-de" and "SS.01.02.02" in service.text and "pertenece al **OP.01**" in service.text
    buses = bot.ask("Which libraries objective do the bookmobile (itinerant) services belong to?")
    assert "S.01.02.01" in buses.text and "**OP.01**: «Ampliar la cobertura de los servicios bibliotecarios" in buses.text
    topic = bot.ask("¿Cuál es el objetivo de la PNCTI sobre la cooperación sur-sur?")
    assert topic.route == "objetivo-de" and "**OP.03** de la PNCTI" in topic.text
    # The policy's objective, its number with a typo: not "which objective" of something described.
    assert bot.ask("¿Cuál es el objetivo de la política de bibliotecas?").route == "objetivos"
    numbered = bot.ask("cual es el objetibo prioritario 3 de la politica de pesca artesanal")
    assert numbered.route != "objetivo-de" and "inocuidad" in numbered.text


def test_objectives_counted_in_english_and_a_total_across_policies(family_data: Path) -> None:
    bot = _bot(family_data)
    one = bot.ask("How many priority objectives does the public libraries policy (PNBP) set out?")
    assert one.route == "objetivos" and "Son 3 (tres) objetivos prioritarios" in one.text
    total = bot.ask("How many priority objectives do the three policies (PNCTI, PNBP, PNPA) have in total?")
    assert total.route == "conteos-entre-politicas"
    assert "Sumando lo que presentan los reportes: 4 + 3 + 3 = **10** objetivos prioritarios" in total.text


def test_two_words_naming_one_set_are_not_two_counts(family_data: Path) -> None:
    bot = _bot(family_data)
    alc = bot.ask("How many Latin American and Caribbean countries are listed as receiving South-South projects "
                  "offered by Peru?")
    assert alc.route == "socios" and "estos países de América Latina y el Caribe (11, conteo" in alc.text
    forums = bot.ask("How many international forums and organisations does the PNCTI report summary list?")
    assert forums.route != "varias-preguntas"
    # The policy's make-up, kind by kind, is still counted part by part.
    assert bot.ask("¿Cuántos lineamientos, servicios y actividades tiene la PNCTI?").route == "varias-preguntas"


def test_a_declared_count_of_a_kind_and_a_share_doubted_against_a_country(family_data: Path) -> None:
    bot = _bot(family_data)
    services = bot.ask("¿Coincide el número de servicios declarado en el resumen de la PNCTI con los servicios que se "
                       "detallan por objetivo prioritario en la sección II?")
    assert services.route == "verificacion" and "El reporte declara 8 servicios y presenta 8" in services.text
    history = _after(bot, "¿Qué valor obtuvo el IOP.03.02 de la PNCTI en 2023?")
    share = bot.ask("¿Y ese porcentaje cuadra con los proyectos con Tailandia sobre el total de proyectos de CSS?",
                    history)
    assert share.route == "verificacion" and "(3 de 72 = 4.17%)" in share.text


def test_who_holds_a_post_is_a_signatory_whose_post_says_it_or_no_one(family_data: Path) -> None:
    bot = _bot(family_data)
    head = bot.ask("¿Quién es el jefe de la Oficina General de Planeamiento y Presupuesto del MRE?")
    assert not head.refused and "Humberto Velásquez Guevara" in head.text
    director = bot.ask("¿quién es la directora del sistema nacional de bibliotecas?")
    assert "Lucía Fernanda Paredes Soto" in director.text
    # A rank and a ministry in one signature are no "ministro de Relaciones Exteriores".
    minister = bot.ask("¿Quién es el ministro de Relaciones Exteriores?")
    assert minister.refused and "Velásquez" not in minister.text
    assert bot.ask("Who is the executive director of APCI?").refused


def test_two_indicators_named_alike_are_told_apart_by_the_earlier_turns_service(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "Háblame del servicio de difusión de la oferta de becas de la APCI")
    accesses = bot.ask("¿cuántas accesiones tuvo?", history)
    assert "SS.01.02.02" in accesses.text and "**276**" in accesses.text and "SS.02.02.01" not in accesses.text
    # "the other indicator of that service" still asks past the one the answer named.
    history = _after(bot, "¿Qué mide el ISS.02.01.01.01?")
    other = bot.ask("¿qué otro indicador tiene ese mismo servicio?", history)
    assert "ISS.02.01.01.02" in other.text


def test_a_policy_no_document_covers_is_refused_naming_the_ones_covered(family_data: Path) -> None:
    bot = _bot(family_data)
    for text in ("¿y cómo va la Política Nacional de Turismo al 2030?", "¿Cuántos indicadores tiene la PNAD?",
                 "What are the priority objectives of the national tourism policy?"):
        answer = bot.ask(text)
        assert answer.refused and "cubren: PNBP, PNCTI, PNPA" in answer.text, text
    assert "«política nacional de turismo»" in bot.ask("¿y cómo va la Política Nacional de Turismo al 2030?").text
    # A policy the documents cover, named in full, is answered.
    assert not bot.ask("¿Cuántos indicadores tiene la Política Nacional de Pesca Artesanal?").refused


def test_targets_asked_for_every_year_up_to_a_horizon_are_all_given(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("Según el decreto, ¿qué valores se esperan para el número de usuarios de servicios "
                     "itinerantes en cada año hasta 2030?")
    for year, value in ((2023, "30000"), (2024, "36000"), (2025, "42000"), (2030, "80000")):
        assert f"Logro esperado {year}: **{value} usuarios**" in answer.text
    # "por persona al año" is the indicator's unit, not every year asked: 2021 has no figure.
    assert bot.ask("What was the national reading index (books per person per year) in 2021?").refused


def test_two_targets_compared_give_their_calculated_difference(family_data: Path) -> None:
    answer = _bot(family_data).ask("By how many percentage points does the PNBP expect the share of districts "
                                   "with a library to rise between 2025 and 2030?")
    assert "Logro esperado 2025: **46 %**" in answer.text and "Logro esperado 2030: **60 %**" in answer.text
    assert "**+14 puntos porcentuales** (60 − 46)" in answer.text and "calculado" in answer.text


def test_a_series_since_the_baseline_year_shows_the_baseline_value_and_targets(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("How has the reading index of the libraries policy evolved since 2020?")
    assert not answer.refused
    assert "Línea de base (2020): **1.9 libros por persona al año**" in answer.text
    assert "**2 libros por persona al año**" in answer.text
    # "over the years" frames the question: "años" of another indicator's name names no other indicator.
    fishers = bot.ask("What were the values of the formalised fishers indicator over the years?")
    assert "IOP.01.01 de la PNPA" in fishers.text and "**3450 pescadores**" in fishers.text
    assert "Línea de base (2019): **1200 pescadores**" in fishers.text


def test_a_description_made_of_the_policy_name_names_no_indicator_and_search_keeps_the_policy(
        family_data: Path) -> None:
    bot = _bot(family_data)
    aim = bot.ask("¿Qué se espera lograr con la política de bibliotecas al 2030?")
    assert "ISS.01.01.01.01" not in aim.text and "IOP.01.02" not in aim.text
    future = bot.ask("What future situation does the libraries policy aim for by 2030?")
    # A year no document of the policy reports never widens the search to other policies.
    assert "PNCTI" not in future.text and "PNPA" not in future.text


def test_a_bodys_name_ending_in_del_peru_says_no_role_and_agreements_answer_cooperation_received(
        family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué cooperación internacional recibió la Biblioteca Nacional del Perú en 2023?")
    assert "España" in history[-1]["content"] and "Francia" in history[-1]["content"]
    assert "como oferente" not in history[-1]["content"]
    fishing = bot.ask("¿Y en la política de pesca artesanal?", history)
    assert not fishing.refused and "convenios o alianzas" in fishing.text
    assert "Noruega" in fishing.text and "Japón" in fishing.text and "Ecuador" not in fishing.text


def test_both_roles_asked_get_every_partner_under_its_role(family_data: Path) -> None:
    answer = _bot(family_data).ask("Under the artisanal fishing policy (PNPA), is Peru a recipient or a provider "
                                   "of cooperation? Name the partners for each role.")
    for country in ("Noruega", "Japón", "Ecuador", "Chile"):
        assert country in answer.text


def test_partners_asked_after_an_indicators_value_are_that_indicators_partners(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué valor alcanzó el IOP.03.02 en 2023?")
    answer = bot.ask("¿Y con qué país fueron esos proyectos y sobre qué temas?", history)
    assert answer.route == "socios" and "Tailandia" in answer.text and "desarrollo alternativo" in answer.text


def test_a_signature_date_the_text_does_not_give_is_refused_and_a_decree_named_is_the_decree(
        family_data: Path) -> None:
    bot = _bot(family_data)
    undated = bot.ask("On what date was the 2023 public libraries compliance report signed?")
    assert undated.refused and "no consigna la fecha de la firma" in undated.text
    dated = bot.ask("¿Quién firmó el reporte de pesca artesanal y cuándo?")
    assert "Carlos Alberto Ríos Medina" in dated.text and "28 de marzo de 2024" in dated.text
    # "el decreto de bibliotecas" is the PNBP's decree, whose ingested text has no signature line.
    decree = bot.ask("quien firmo el decreto de bibliotecas y en que fecha")
    assert decree.refused and "004-2022-MC" in decree.text and "Velásquez" not in decree.text


def test_a_follow_up_that_widens_to_the_policy_or_counts_them_stays_on_the_policy_asked(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué servicios tiene el OP3 de la PNCTI?")
    whole = bot.ask("¿Y cuántos indicadores hay en total a nivel de servicios en la política?", history)
    assert "once correspondientes a servicios" in whole.text and "Servicios del OP.03" not in whole.text
    history = _after(bot, "¿Cuántos indicadores tiene la PNPA?")
    of_them = bot.ask("¿Y para cuántos de ellos hubo información en 2023?", history)
    # "ellos" is no noun counted, and "información" names no PNCTI service in a PNPA conversation.
    assert "PNCTI" not in of_them.text and "SS.02.05.01" not in of_them.text and "PNPA" in of_them.text


def test_a_value_named_valor_alcanzado_beside_targets_is_the_series_not_a_met_question(family_data: Path) -> None:
    answer = _bot(family_data).ask(
        "Sírvase detallar la secuencia de valores del indicador de bibliotecarios capacitados: línea de base, "
        "logro esperado 2023, valor alcanzado en 2023 y meta al 2030.")
    assert not answer.text.startswith("**Sí.**")
    for figure in ("**640 bibliotecarios**", "**900 bibliotecarios**", "**1012 bibliotecarios**",
                   "**2500 bibliotecarios**"):
        assert figure in answer.text


def test_checks_of_several_policies_are_each_shown_and_a_mixed_verdict_is_never_a_flat_no(family_data: Path) -> None:
    answer = _bot(family_data).ask("la pnpa dice q tiene 14 indicadores y la pncti 19, cuadran esos totales con como "
                                   "los desagrega cada reporte?")
    assert answer.route == "verificacion"
    assert "**PNPA:**" in answer.text and "**PNCTI:**" in answer.text
    assert "5 + 9 = 14" in answer.text and "8 + 11 = 19" in answer.text
    assert not answer.text.startswith("No:") and answer.text.startswith("No del todo")


def test_a_change_against_the_baseline_is_calculated_in_the_indicators_unit(family_data: Path) -> None:
    answer = _bot(family_data).ask("Indique la variación del porcentaje de pérdidas poscaptura respecto de la línea "
                                   "de base.")
    assert "Línea de base (2019): **25 %**" in answer.text and "**18.7 %**" in answer.text
    assert ("Variación desde la línea de base (2019) hasta 2023 (calculado, no es una cifra publicada): "
            "**-6.3 puntos porcentuales** (18.7 − 25)") in answer.text


def test_a_follow_up_with_a_topic_of_its_own_is_searched_by_its_own_words(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué periodo abarca el reporte de cumplimiento de la PNCTI?")
    answer = bot.ask("¿Y cuándo se publicarán los datos de CTI ejecutada en 2023?", history)
    assert "primer trimestre de 2025" in answer.text
    # A follow-up that only names another policy still asks the earlier question of it.
    history = _after(bot, "¿Qué decreto supremo aprobó la PNCTI?")
    assert "021-2021-PRODUCE" in bot.ask("¿y el de la política de pesca artesanal?", history).text


def test_partners_asked_of_those_projects_are_the_region_of_the_indicator_just_answered(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué valor tuvo el indicador de proyectos de CSS en los que el Perú fue oferente en otras "
                          "regiones?")
    other = bot.ask("¿Con qué país fueron esos proyectos y sobre qué temas?", history)
    assert "Tailandia" in other.text and "Honduras" not in other.text
    history = _after(bot, "¿Cuánto alcanzó en 2023 el indicador de proyectos de CSS como oferente en ALC?")
    latin = bot.ask("¿Con qué países se desarrollaron esos proyectos?", history)
    assert "Colombia" in latin.text and "Tailandia" not in latin.text


def test_an_objective_with_no_services_is_found_in_the_catalogue_and_ese_objetivo_follows_it(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué objetivo prioritario de la PNCTI no tiene servicios?")
    assert "**OP.04 (PNCTI)**" in history[-1]["content"] and "OP.01" not in history[-1]["content"]
    assert "no se identificaron servicios" in history[-1]["content"]
    forums = bot.ask("¿En qué foros y organismos internacionales participa el Perú en el marco de ese objetivo?",
                     history)
    assert "CEPAL" in forums.text and "OTCA" in forums.text
    every = bot.ask("Which priority objective of the artisanal fishing policy has no services?")
    assert "Todos los objetivos prioritarios de la PNPA tienen servicios" in every.text and every.citations
    # Indicators with no data are asked of the indicators, not of the objectives.
    assert bot.ask("Which PNCTI priority-objective indicators have no data for 2023?").route != "objetivos-sin"


def test_a_progress_doubted_against_a_stated_target_is_recalculated_from_it(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("Sírvase verificar si el avance de 98,1 % del indicador de distritos con biblioteca pública "
                     "corresponde al logro esperado 2023 fijado en el decreto.")
    assert "El logro esperado de 2023 es **42 %**" in answer.text
    assert "41.2 ÷ 42 = **98.1 %** (calculado, no es una cifra publicada): coincide" in answer.text
    # A target doubted beside a progress the question states, with no target published: the one implied.
    history = _after(bot, "¿Cuántas cajas isotérmicas se entregaron a las organizaciones de pescadores?")
    implied = bot.ask("Con un avance de 76,7 %, ¿la meta habrá sido de unas 300 cajas?", history)
    assert "230 ÷ 76.7 %" in implied.text and "**230 cajas**" in implied.text


def test_a_total_asked_against_the_sum_of_its_parts_in_a_follow_up_gets_the_sum_check(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Con cuántos indicadores se mide la política de pesca artesanal?")
    answer = bot.ask("¿Coincide ese total con la suma de los indicadores de objetivos y de servicios?", history)
    assert answer.route == "verificacion" and "5 + 9 = 14" in answer.text
    # "da el total" asks whether figures agree as "coincide" does (consistency_words).
    history = _after(bot, "¿Cuántos indicadores tiene la PNPA?")
    answer = bot.ask("¿y la suma de los de objetivos y los de servicios da el total?", history)
    assert answer.route == "verificacion" and "Total declarado (14) frente a la suma de sus partes (14)" in answer.text


def test_a_guideline_code_names_that_guideline_and_its_objective(family_data: Path) -> None:
    bot = _bot(family_data)
    of = bot.ask("What objective does guideline L.03.01 of the libraries policy serve?")
    assert of.route == "objetivo-de" and "pertenece al **OP.03**" in of.text and "L.03.01" in of.text
    one = bot.ask("¿Qué dice el lineamiento l 2.1 de la política de bibliotecas?")
    assert "L.02.01" in one.text and "L.01.01" not in one.text
    unknown = bot.ask("¿Qué plantea el lineamiento L.09.01?")
    assert unknown.refused and "L.09.01 no figura" in unknown.text


def test_a_why_whose_topic_the_report_names_only_as_a_cause_of_something_else_is_refused(family_data: Path) -> None:
    bot = _bot(family_data)
    boxes = bot.ask("y por que no se cumplio lo de las cajas isotermicas")
    assert boxes.refused and "causa de otro resultado" in boxes.text
    losses = bot.ask("¿Por qué bajaron las pérdidas poscaptura?")
    assert not losses.refused and "por la entrega de 230 cajas isotérmicas" in losses.text


def test_why_a_code_several_policies_use_has_no_data_is_each_policys_reason(family_data: Path) -> None:
    answer = _bot(family_data).ask("por que no se midio el iop 02.02")
    assert not answer.refused and answer.route == "recuperacion-por-politica"
    assert "inventario nacional de colecciones" in answer.text
    assert "Encuesta Nacional de Pesca Artesanal" in answer.text


def test_the_words_that_name_a_policy_after_its_frame_name_no_service_of_it(family_data: Path) -> None:
    bot = _bot(family_data)
    count = bot.ask("¿Cuántos indicadores de objetivos prioritarios tiene la política de bibliotecas?")
    assert "cinco indicadores de objetivos prioritarios" in count.text and "ISS.01.02.01.01" not in count.text
    english = bot.ask("How many priority objective indicators does the libraries policy have?")
    assert "cinco indicadores de objetivos prioritarios" in english.text
    # Said again elsewhere, the word still names the indicator ("…con biblioteca pública").
    both = bot.ask("Comparing 2023 results: the libraries policy's share of districts with a public library versus "
                   "the fisheries policy's share of boats with a valid fishing permit — which one came closer to its "
                   "expected value?")
    assert "98.1" in both.text and "95.1" in both.text


def test_indicators_without_data_are_counted_however_the_question_says_it(family_data: Path) -> None:
    bot = _bot(family_data)
    for text in ("How many indicators had no data in the PNCTI report?",
                 "¿Cuántos indicadores no tuvieron datos en el reporte de la PNCTI?"):
        answer = bot.ask(text)
        assert "Indicadores sin dato (ND) en 2023 (5," in answer.text, text
    service = bot.ask("How many service indicators does the PNCTI have?")
    assert "once correspondientes a servicios" in service.text


def test_who_signed_a_decree_no_document_holds_is_refused_not_answered_by_the_reports_signatory(
        family_data: Path) -> None:
    answer = _bot(family_data).ask("quien firmo el decreto supremo que aprobo la pncti")
    assert answer.refused and "Velásquez" not in answer.text and "no incluyen el texto de la norma" in answer.text


def test_something_asked_about_the_indicators_is_not_answered_with_their_list(family_data: Path) -> None:
    bot = _bot(family_data)
    for text in ("que fuente usan los indicadores de la politica de pesca",
                 "con que frecuencia se reportan los indicadores de bibliotecas",
                 "oye y quien mide los indicadores de la pncti?",
                 # the noun after "cuál es" is what is asked
                 "¿cuál es la fuente de datos de los indicadores de la política de pesca?"):
        assert "conteo de esta lista" not in bot.ask(text).text, text
    assert "conteo de esta lista" in bot.ask("que indicadores tiene la pnpa").text
    assert "conteo de esta lista" in bot.ask("¿Cuáles son los indicadores de la PNPA?").text
    assert "ISS.02.01.01.01" in bot.ask("Which PNCTI indicators exceeded their expected result in 2023?").text


def test_a_claimed_figure_is_said_to_be_the_value_or_what_it_is_instead(family_data: Path) -> None:
    bot = _bot(family_data)
    target = bot.ask("Is it true that the PNPA formalised 3,000 fishers in 2023?")
    assert "**No.** La cifra que menciona la pregunta (3000) no es el valor publicado: es el logro esperado de 2023" \
        in target.text and "**3450 pescadores**" in target.text
    value = bot.ask("¿Es cierto que la PNPA formalizó 3450 pescadores en 2023?")
    assert value.text.startswith("**Sí.** La cifra que menciona la pregunta (3450) es el valor publicado.")
    # A count of projects is not set against a share.
    share = bot.ask("me dijeron que el Perú fue oferente en 40 proyectos en ALC, ¿es cierto?")
    assert "La cifra que menciona la pregunta" not in share.text


def test_a_policy_named_by_common_words_after_its_frame_is_a_filter_not_a_search_word(family_data: Path) -> None:
    # "cooperación técnica internacional" is in every sentence of the PNCTI report; framed as the
    # policy's name it must not pull the summary above the line that answers.
    answer = _bot(family_data).ask("con qué decreto se aprobó la política de cooperación técnica internacional?")
    assert "008-2023-RE" in answer.text and answer.citations


def test_a_follow_up_asking_the_baseline_after_a_why_asks_the_baseline(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Por qué no se midió en 2023 el ingreso mensual promedio del pescador artesanal?")
    answer = bot.ask("¿Y cuál era su línea de base?", history)
    assert "Línea de base (2019): **1150 soles**" in answer.text


def test_a_count_with_no_topic_of_its_own_counts_what_the_last_turn_named(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "What was the 2023 target for landing sites with a traceability system in the fishing policy?")
    answer = bot.ask("How many actually got there?", history)
    assert not answer.refused and "**14 desembarcaderos**" in answer.text


def test_a_declared_count_of_one_indicator_level_is_checked_for_that_level(family_data: Path) -> None:
    bot = _bot(family_data)
    objectives = bot.ask("¿Cuadra el número de indicadores de objetivos prioritarios que declara el resumen de la "
                         "PNCTI con los que se listan en la sección I?")
    assert objectives.text.startswith("Sí: las cifras cuadran.\n\nLas cifras son coherentes: El reporte declara 8 indicadores de objetivos "
                                      "prioritarios y presenta 8 (OP.01: 3 — IOP.01.01, IOP.01.02, IOP.01.03;")
    services = bot.ask("¿Coincide el número de indicadores de servicios que declara la PNCTI con los que presenta?")
    assert services.text.startswith("No: el reporte no es coherente en esa cifra.")
    assert "El reporte declara 11 indicadores de servicios, pero presenta 8" in services.text
    # Asked of the whole count, the total's check leads, and a level's check is no extra note.
    whole = bot.ask("¿Coincide el número de indicadores que declara la PNCTI con los que presenta?")
    assert "declara 19 indicadores" in whole.text.split("\n\n")[1]


def test_a_policys_head_noun_after_a_part_of_it_names_the_policy(family_data: Path) -> None:
    bot = _bot(family_data)
    guidelines = bot.ask("me pasas los lineamientos del OP.01 de bibliotecas?")
    assert guidelines.route == "lineamientos" and "Lineamientos del OP.01 de la PNBP" in guidelines.text
    # A topic of its own ("los permisos de pesca") keeps its words in the search.
    permits = bot.ask("qué piensa hacer produce para agilizar los permisos de pesca?")
    assert "ventanilla digital" in permits.text


def test_the_baselines_of_a_policys_indicators_as_a_group_and_of_another_policy_in_a_follow_up(
        family_data: Path) -> None:
    bot = _bot(family_data)
    first = "qué año es la línea de base de los indicadores de pesca?"
    fishing = bot.ask(first)
    assert fishing.route == "lineas-de-base"
    assert fishing.text.startswith("Línea de base de los indicadores de la PNPA (Política Nacional de Pesca Artesanal "
                                   "al 2030): año **2019** en los 5 indicadores que la publican")
    assert "- **IOP.01.01** (Número de pescadores artesanales formalizados): 2019: **1200 pescadores**" in fishing.text
    libraries = bot.ask("y en los de bibliotecas?", _after(bot, first))
    assert "indicadores de la PNBP" in libraries.text and "año **2020**" in libraries.text
    assert "PNPA" not in libraries.text


def test_a_why_that_says_the_data_is_missing_names_the_one_indicator_without_data(family_data: Path) -> None:
    # "no midieron" is a negated measuring verb (slots.yaml no_data_verbs); of the indicators the
    # words fit, only the income has no 2023 value.
    answer = _bot(family_data).ask("y por qué no midieron el ingreso de los pescadores?")
    assert "IOP.02.02 de la PNPA" in answer.text and "Encuesta Nacional de Pesca Artesanal" in answer.text


def test_an_indicators_code_bullet_is_not_quoted_as_what_was_done_about_it(family_data: Path) -> None:
    answer = _bot(family_data).ask("What did APCI produce in 2023 so that private-sector participation in "
                                   "cooperation can be measured?")
    assert "Guía Operativa" in answer.text
    assert "- IOP.02.02: porcentaje de participación" not in answer.text


def test_an_english_possessive_and_the_words_before_policy_name_the_policy_not_an_indicator(
        family_data: Path) -> None:
    from assistant.catalog import catalog_from_snapshot
    from assistant.question import parse

    bot = _bot(family_data)
    q = parse("For how many of the artisanal fishing policy's indicators was there data in 2023?",
              catalog_from_snapshot(bot.kb.snapshot()))
    assert q.policies == ["PNPA"] and {"pesc", "artesanal"} <= q.policy_spot
    assert not [c for c in q.indicators if c.score >= 0.5]
    assert q.asked.count_start  # "For how many…": a preposition before the count word


def test_a_service_bullet_still_answers_what_a_service_does(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Qué servicio difunde las experiencias exitosas de CTI?")
    assert "SS.02.02.01" in answer.text and not answer.refused


def test_countries_or_bodies_asked_together_get_the_partner_list_with_its_quote(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Qué países u organismos apoyaron a la BNP?")
    assert answer.route == "socios" and "España, Francia" in answer.text and "CERLALC" in answer.text


def test_a_word_of_the_lexicon_is_no_misspelt_country_and_a_percent_restates_no_count(family_data: Path) -> None:
    answer = _bot(family_data).ask("Un avance de 1 % con 276 accesiones al portal de becas parece un error. "
                                   "¿Es correcto ese dato según el reporte?")
    # "portal" is not "Portugal", and "1 %" is not the "OP.03: 1" of a count of services.
    assert not answer.refused and "Portugal" not in answer.text and "12 servicios" not in answer.text
    assert "**1 %**" in answer.text and "276" in answer.text


def test_the_guidelines_of_an_objective_described_in_words_are_that_objectives(family_data: Path) -> None:
    bot = _bot(family_data)
    reading = bot.ask("Which guidelines belong to the libraries policy objective on promoting reading?")
    assert reading.text.startswith("Lineamientos del OP.03 de la PNBP") and "L.01.01" not in reading.text
    # Asked of the whole policy, every guideline.
    whole = bot.ask("¿Cuáles son los lineamientos de la política de bibliotecas?")
    assert "L.01.01" in whole.text and "L.03.01" in whole.text


def test_one_guideline_described_in_words_is_that_guideline_and_a_follow_up_gets_its_objective(
        family_data: Path) -> None:
    bot = _bot(family_data)
    question = "In the libraries policy, which guideline deals with rural areas?"
    rural = bot.ask(question)
    assert rural.text.startswith("Lineamientos del OP.01 de la PNBP") and "L.02.01" not in rural.text
    assert "L.01.02" in rural.text and "L.01.01" not in rural.text
    # The follow-up names its own kind: an objective, not the partners the first turn was read as.
    under = bot.ask("And which priority objective is it under?", _after(bot, question))
    assert under.route == "objetivo-de" and under.text.startswith("El lineamiento L.01.02")
    assert "**OP.01**" in under.text


def test_a_follow_up_asking_whether_that_figure_agrees_gets_the_indicators_check(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "How many municipal libraries were registered in 2023?")
    answer = bot.ask("Does that figure match the target?", history)
    assert answer.route == "verificacion"
    assert answer.text.startswith("Sí: las cifras cuadran.\n\nLas cifras son coherentes: Avance declarado 98.6 %; con el logro esperado 2023 "
                                  "de la política (1150)")


def test_a_date_asked_about_the_indicators_is_not_answered_with_their_list(family_data: Path) -> None:
    answer = _bot(family_data).ask("desde cuando se miden los indicadores de la pncti")
    assert answer.route != "indicadores" and "conteo de esta lista" not in answer.text


def test_why_a_shared_objective_code_had_no_data_is_the_policy_whose_objective_has_none(family_data: Path) -> None:
    # OP.01 is a code of all three policies; only the PNCTI's objective-level indicators lack 2023 data.
    answer = _bot(family_data).ask("oye por que no hubo datos del op 1?")
    assert "primer trimestre de 2025" in answer.text and "DECRETO SUPREMO" not in answer.text


def test_a_passage_of_another_policy_never_answers_for_the_one_named(family_data: Path) -> None:
    # The PNPA report states no public problem; the PNCTI's must not answer for it.
    answer = _bot(family_data).ask("¿Cuál es el problema público que atiende la PNPA?")
    assert answer.refused and "Insuficiente eficacia" not in answer.text


def test_a_date_asked_is_refused_when_the_passages_give_none(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué decreto aprobó la política de bibliotecas?")
    answer = bot.ask("¿y en qué fecha?", history)
    assert answer.refused and "no dan esa fecha" in answer.text
    # A date the documents give is still quoted.
    dated = bot.ask("¿Cuándo se publicarán los datos de la CTI ejecutada en 2023?")
    assert "primer trimestre de 2025" in dated.text


def test_a_figure_restated_as_a_negated_question_is_a_claim_to_check(family_data: Path) -> None:
    bot = _bot(family_data)
    target = bot.ask("¿no eran 3000?", _after(bot, "¿Cuántos pescadores se formalizaron en 2023?"))
    assert target.text.startswith("**No.** La cifra que menciona la pregunta (3000) no es el valor publicado: "
                                  "es el logro esperado de 2023.")
    # The published figure, doubted by the report's own numbers: yes, it is the figure, but the
    # report is not consistent in it, never a bare "No".
    published = bot.ask("wasn't the LAC share 45.83%?")
    assert published.text.startswith("Sí, es la cifra que publica el reporte; pero el propio reporte no es "
                                     "coherente en ella.")
    assert bot.ask("¿cuadra el 45,83 % con 32 de 72?").text.startswith("No: el reporte no es coherente")


def test_an_english_follow_up_naming_another_indicator_in_everyday_words_gets_that_one(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "What explains the drop in post-harvest losses in artisanal fishing?")
    boxes = bot.ask("How many of those boxes were handed out?", history)
    assert "IS.02.01.01 de la PNPA" in boxes.text and "**230 cajas**" in boxes.text
    assert "18.7" not in boxes.text


def test_a_header_field_answers_what_its_label_names(family_data: Path) -> None:
    bot = _bot(family_data)
    alone = bot.ask("¿a qué sector pertenece la PNPA?")
    assert alone.text.startswith("Según el Reporte de cumplimiento PNPA 2023 (pág. 1): «Sector: Producción»")
    history = _after(bot, "¿con qué norma se aprobó la PNPA?")
    follow = bot.ask("¿y a qué sector pertenece?", history)
    assert "«Sector: Producción»" in follow.text


def test_como_asi_asks_why(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿cómo así el indicador de bibliotecas con personal capacitado superó la meta?")
    assert answer.route == "causa-de-indicador" and "modalidad virtual" in answer.text


def test_a_definition_of_an_indicator_without_data_gives_the_reports_reason(family_data: Path) -> None:
    answer = _bot(family_data).ask(
        "q servicio se encarga de la certificasion sanitaria de desembarcaderos y q paso con su indicador en 2023")
    assert "Último dato en el almacén: sin dato (ND)" in answer.text
    assert "Motivo que da el reporte: «IS.03.01.01 Número de desembarcaderos certificados: no se reporta " \
           "información, pues la certificación se inicia en 2024.»" in answer.text


def test_how_many_are_presented_and_does_that_add_up_gets_the_levels_declared_count(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "How many service indicators does the PNPA have according to its executive summary?")
    answer = bot.ask("And how many service indicators are actually reported in Section II? Does that add up?", history)
    assert answer.route == "verificacion"
    assert "El reporte declara 9 indicadores de servicios, pero presenta 6" in answer.text
    # A question on the total against its parts still gets that check first.
    total = bot.ask("¿Cuadra el número total de indicadores de la PNPA con la suma de indicadores de objetivos "
                    "prioritarios y de servicios?")
    # After the verdict ("Sí: las cifras cuadran."), the first block is that check.
    assert "Total declarado (14) frente a la suma de sus partes (14)" in total.text.split("\n\n")[1]


def test_any_inconsistent_progress_is_answered_from_all_the_checks_of_that_kind(family_data: Path) -> None:
    bot = _bot(family_data)
    both = bot.ask("Revisando los reportes de bibliotecas y de pesca artesanal, ¿hay algún porcentaje de avance "
                   "que no sea coherente con el valor obtenido y el logro esperado?")
    assert both.text.startswith("Sí: de las 12 comprobaciones de avance") and "240 / 300 = 80 %" in both.text
    assert "**PNBP ISS.02.02.01.01:**" in both.text
    fishing = bot.ask("¿Algún indicador de la pesca artesanal tiene un avance que no cuadre?")
    assert fishing.text.startswith("No encontré incoherencias: las 4 comprobaciones de avance")
    assert "3450 / 3000 = 115 %" in fishing.text


def test_a_count_is_answered_only_by_a_sentence_that_names_what_is_counted(family_data: Path) -> None:
    bot = _bot(family_data)
    # "al cierre de 2023" is also in a sentence on libraries; it does not count landing sites.
    answer = bot.ask("¿Cuántos desembarcaderos la tenían implementada al cierre de 2023?")
    assert "biblioteca" not in answer.text.split("Temas cercanos")[0]
    assert answer.refused or "Catorce desembarcaderos" in answer.text


def test_what_held_back_asks_a_cause(family_data: Path) -> None:
    bot = _bot(family_data)
    for text in ("What held back the rollout of traceability systems at the landing sites?",
                 "¿Qué frenó la implementación de la trazabilidad en los desembarcaderos?"):
        answer = bot.ask(text)
        assert answer.route == "causa-de-indicador" and "Fenómeno El Niño costero" in answer.text


def test_a_follow_up_that_names_another_indicator_with_a_verb_of_estimating_gets_that_one(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántos usuarios atendieron los servicios bibliotecarios itinerantes en 2023?")
    answer = bot.ask("¿Y en cuánto se estimó el índice de lectura?", history)
    assert not answer.refused and "IOP.03.01" in answer.text and "27600" not in answer.text


def test_a_phrase_that_only_says_how_to_answer_names_no_indicator(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("oye, ¿por qué el indicador de cumplimiento de compromisos de los espacios de coordinación no "
                     "tenía logro esperado? ¿y al final qué valor salió?")
    second = answer.text.split("**2.")[1]
    assert "**60 %**" in second and "evaluación final" not in second  # "al final" is no "evaluación final"


def test_a_body_only_one_policys_documents_name_scopes_a_partners_question(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("con que paises u organismos coopero la biblioteca nacional en 2023?")
    assert "España" in answer.text and "Francia" in answer.text and "CERLALC" in answer.text
    assert "Tailandia" not in answer.text and "Noruega" not in answer.text


def test_partners_that_gave_to_a_peruvian_body_are_asked_as_what_peru_received(family_data: Path) -> None:
    bot = _bot(family_data)
    gave = bot.ask("¿Qué países u organismos brindaron apoyo a la Biblioteca Nacional en 2023?")
    assert "España" in gave.text and "CERLALC" in gave.text and "Tailandia" not in gave.text
    # Peru as the subject: the countries it gave to.
    offered = bot.ask("Which countries did Peru provide cooperation to?")
    assert "Costa Rica" in offered.text and "(como oferente)" in offered.text


def test_a_why_phrase_is_never_searched_for_as_a_topic(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué regiones concentran la mayor brecha de bibliotecas?")
    answer = bot.ask("¿Y a qué se debe esa brecha según el reporte?", history)
    # "Se debe precisar que…" (a PNCTI sentence) shares only the words that ask why.
    assert "Se debe precisar" not in answer.text


def test_how_a_policy_is_financed_is_no_amount_asked(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("como se finansia la implementasion de la politica de bibliotecas? pide plata extra al tesoro?")
    assert not answer.refused and "presupuesto institucional" in answer.text
    assert bot.ask("¿Cuánta plata tiene asignada la política de bibliotecas para 2024?").refused


def test_that_service_points_at_the_service_the_question_mentions(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("el reporte de pesca dice que las perdidas poscaptura bajaron gracias a las cajas isotermicas, "
                     "pero ese servicio como le fue? llego a su meta?")
    assert answer.text.startswith("**No.**") and "IS.02.01.01" in answer.text and "76.7 %" in answer.text
    which = bot.ask("cual es el servisio de la PNPA que da financiamieto a los pescadores?")
    assert "Fondo de Pesca Artesanal" in which.text


def test_a_shared_code_named_with_a_code_of_one_policy_is_of_that_policy(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("Dame los valores obtenidos por el IOP.02.01 y el IOP.04.01.")
    assert "IOP.02.01 de la PNCTI" in answer.text and "**60 %**" in answer.text
    assert "31.5" not in answer.text and "18.7" not in answer.text  # the PNBP's and PNPA's IOP.02.01


def test_indicators_of_services_named_as_a_level_are_the_indicators_not_the_services(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("indicadores de servicios de la PNBP (ISS)")
    assert "ISS.01.01.01.01" in answer.text and "ISS.03.01.01.01" in answer.text


def test_an_annual_target_names_no_indicator_of_annual_statistics(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántas organizaciones de pescadores recibieron asistencia técnica para la formalización?")
    answer = bot.ask("¿Se alcanzó la meta anual?", history)
    assert "IS.01.01.01" in answer.text and "120 %" in answer.text and "526" not in answer.text


def test_what_a_fisher_was_to_earn_a_month_is_the_monthly_income_indicator(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("cuánto se suponía que iba a ganar al mes el pescador artesanal en 2023 según la meta?")
    assert "IOP.02.02" in answer.text and "Logro esperado 2023: **1400 soles**" in answer.text


def test_a_follow_up_that_doubts_a_declared_count_gets_what_is_presented(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántos servicios tiene la política de pesca artesanal?")
    answer = bot.ask("Pero en la sección de servicios no veo tantos. ¿Cuántos se reportan realmente?", history)
    assert "El reporte declara 12 servicios, pero presenta 5" in answer.text
    assert not answer.text.startswith("No:")  # a how-many question gets counts, not a bare "No"


def test_how_many_were_left_pending_after_a_target_is_the_shortfall(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántos desembarcaderos se esperaba que tuvieran trazabilidad en 2023?")
    answer = bot.ask("¿Y cuántos quedaron pendientes?", history)
    assert "le faltaron 6 desembarcaderos (calculado: 20 − 14)" in answer.text


def test_a_count_of_a_policys_services_leads_with_what_its_report_declares(family_data: Path) -> None:
    answer = _bot(family_data).ask("cuantos servicios hay en la pnpa")
    assert answer.route == "servicios"
    # Twelve declared, five presented: the declared number leads, the list is counted as a list.
    assert answer.text.startswith("Según su reporte, la PNPA tiene **12 servicios**")
    assert "El reporte presenta 5 de ellos (conteo de esta lista" in answer.text
    assert "por objetivo prioritario, OP.01: 2, OP.02: 2, OP.03: 1" in answer.text


def test_a_claim_with_decimals_is_not_matched_to_another_indicators_rounder_figure(family_data: Path) -> None:
    answer = _bot(family_data).ask("me dijeron q la info estadistica de cti tuvo 90.04 acsesiones y un avanse de "
                                   "526%, esta bien eso?")
    # The PNBP's 90 % bookmobile progress is not the 90.04 % the question writes.
    assert "PNBP" not in answer.text and "bibliob" not in answer.text
    assert "526 accesiones" in answer.text and "90.04 %" in answer.text


def test_a_named_indicator_is_not_answered_with_a_count_of_the_reports_make_up(family_data: Path) -> None:
    answer = _bot(family_data).ask("iss 02.01.01.02: salen 2 espacios y 66.7% de avance. eso implica q la meta "
                                   "era 3? es coherente?")
    assert "declara" not in answer.text
    assert "ISS.02.01.01.02" in answer.text and "**3 (calculado" in answer.text


def test_a_count_at_one_level_is_checked_by_objective_without_the_other_levels(family_data: Path) -> None:
    answer = _bot(family_data).ask("The PNCTI summary says there are eight indicators at objective level. Does "
                                   "that add up with the indicators listed under each priority objective?")
    assert answer.text.startswith("Sí: las cifras cuadran.\n\nLas cifras son coherentes: El reporte declara 8 indicadores de objetivos")
    assert "OP.01: 3 — IOP.01.01, IOP.01.02, IOP.01.03; OP.02: 2" in answer.text
    assert "declara 19" not in answer.text and "11 indicadores de servicios" not in answer.text


def test_a_question_about_plans_is_answered_from_the_section_on_what_comes_next(family_data: Path) -> None:
    bot = _bot(family_data)
    for text in ("¿a qué regiones piensan llevar las campañas itinerantes de formalización de pescadores?",
                 "¿A qué zonas se extenderían las campañas de formalización?"):
        answer = bot.ask(text)
        first = answer.text.split("\n\n")[0]
        # The campaigns planned (Tumbes, Tacna), not the ones already made (Piura, Áncash, Arequipa).
        assert "Tumbes y Tacna" in first and "Piura" not in first, text


def test_a_which_noun_whose_answer_names_an_instance_does_not_need_the_noun_itself(family_data: Path) -> None:
    # "norma" is asked for; the answer names the decree ("Decreto Supremo N° 004-2022-MC").
    answer = _bot(family_data).ask("¿Con qué norma se aprobó la política de bibliotecas públicas?")
    assert not answer.refused and "004-2022-MC" in answer.text and "021-2021-PRODUCE" not in answer.text


def test_each_side_of_a_comparison_links_its_own_indicator(family_data: Path) -> None:
    answer = _bot(family_data).ask("cual tuvo mas avanse en 2023: la formalisacion de pescadores o los "
                                   "bibliotecarios capasitados?")
    # Linked as one text, "pescadores" and "capacitados" would name the fishers' training instead.
    assert "IOP.01.01 de la PNPA" in answer.text and "ISS.02.01.01.01 de la PNBP" in answer.text
    assert "IS.01.02.01" not in answer.text


def test_why_a_coded_indicator_of_one_policy_did_well_is_its_own_cause_not_another_codes(family_data: Path) -> None:
    answer = _bot(family_data).ask("why was the PNPA IOP 01.01 value so high?")
    # The sentence on the IOP.02.01's direction shares words with the question; it is another indicator's.
    assert "IOP.02.01" not in answer.text
    assert "gracias a las campañas itinerantes" in answer.text


def test_why_a_shared_code_did_well_says_which_policies_report_no_explanation(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿por qué fue tan alto el valor del IOP.01.01?")
    assert "**PNCTI:**" in answer.text and "**PNPA:**" in answer.text and "**PNBP:**" in answer.text
    assert "gracias a las campañas itinerantes" in answer.text


def test_why_two_named_indicators_have_no_data_gives_each_reason(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Por qué no hay datos de ingreso de pescadores ni de colecciones actualizadas en bibliotecas?")
    assert "Encuesta Nacional de Pesca Artesanal" in answer.text and "inventario nacional de colecciones" in answer.text
    english = bot.ask("Why do the library and fisheries reports lack data for some indicators?")
    assert "**PNBP:**" in english.text and "**PNPA:**" in english.text and "Motivo que da el reporte" in english.text


def test_a_figure_stated_with_a_shared_code_picks_its_policy_and_the_word_beside_it_its_role(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Cuadra el 94 % de avance del IOP.03.01 con su valor?")
    # 94 % is the PNCTI's IOP.03.01 progress; "su valor" is what it is compared with, not its role.
    assert answer.text.startswith("**Sí.** La cifra que menciona la pregunta (94) es el avance (%)")
    assert "PNBP" not in answer.text and "PNPA" not in answer.text


def test_a_follow_up_asking_what_is_expected_for_a_year_gets_that_years_target(family_data: Path) -> None:
    bot = _bot(family_data)
    first = "¿Cuál es la línea de base del número de usuarios de servicios bibliotecarios itinerantes?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": bot.ask(first).text}]
    answer = bot.ask("¿y qué logro se espera para 2025?", history)
    assert "Logro esperado 2025: **42000 usuarios**" in answer.text


def test_a_claim_with_another_indicators_figure_is_denied_and_says_whose_figure_it_is(family_data: Path) -> None:
    bot = _bot(family_data)
    spaces = bot.ask("un colega dise que se implementaron 81 espacios de coordinasion en el 2023, es correcto?")
    assert spaces.text.startswith("**No.** La cifra que menciona la pregunta (81) no es el valor publicado: es el "
                                  "valor de otro indicador, el indicador ISS.02.01.01.01")
    assert "**2 (dos) espacios**" in spaces.text
    fishers = bot.ask("Se nos informa que en 2023 se capacitó a 3.450 pescadores artesanales en buenas prácticas "
                      "pesqueras. Sírvase verificar dicha cifra.")
    assert fishers.text.startswith("**No.**") and "**5120 pescadores**" in fishers.text


def test_a_source_phrase_naming_the_decree_is_neither_a_section_nor_what_is_searched(family_data: Path) -> None:
    answer = _bot(family_data).ask("Indique, según el decreto supremo que aprueba la PNBP, cómo se financia la "
                                   "implementación de la política.")
    assert answer.text.startswith("Según el DECRETO SUPREMO N° 004-2022-MC (pág. 1): «La implementación de la "
                                  "política se financia con cargo al presupuesto institucional")


def test_a_plan_question_the_classifier_reads_as_a_why_still_gets_the_plan(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿qué se hará con las obras de los desembarcaderos?")
    # The rendered PDF pages the report differently: the page is not what is checked.
    assert answer.text.startswith("Según el Reporte de cumplimiento PNPA 2023 (pág.")
    assert answer.text.split("\n\n")[0].endswith("«3. Reprogramar las obras de los desembarcaderos afectados por "
                                                  "El Niño costero.»")


def test_a_why_naming_two_policies_is_answered_under_each(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Cuáles fueron las causas de los retrasos en la PNPA y en la PNBP?")
    assert answer.route == "por-politica" and "**PNPA:**" in answer.text and "**PNBP:**" in answer.text
    assert "Fenómeno El Niño" in answer.text.split("**PNBP:**")[0]


def test_what_a_report_proposes_is_read_from_its_section_on_what_comes_next(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿qué plantea el reporte de bibliotecas respecto de los clubes de lectura?")
    assert "Concluir el registro nacional de clubes de lectura" in answer.text.split("\n\n")[0]


def test_a_heading_is_named_by_a_word_of_its_family(family_data: Path) -> None:
    # "se desea" names the heading "Situación futura deseada".
    answer = _bot(family_data).ask("¿qué situación futura se desea al 2030 en la política de bibliotecas?")
    assert answer.route == "seccion" and "60 % de la población" in answer.text


def test_one_figure_asked_by_a_date_is_not_padded_with_baseline_and_targets(family_data: Path) -> None:
    answer = _bot(family_data).ask("How many municipal libraries were registered by the end of 2023?")
    assert "**1134 bibliotecas**" in answer.text
    assert "Línea de base" not in answer.text and "Logro esperado 2030" not in answer.text


@pytest.mark.parametrize("question", [
    "¿De dónde sale el 112,4 % de los bibliotecarios capacitados?",
    "a ver, el 112,4% de bibliotecarios capacitados a qué meta corresponde",
    "How do they get the 112.4% for trained librarians?",
])
def test_where_a_stated_progress_comes_from_is_the_value_over_the_target(family_data: Path, question: str) -> None:
    answer = _bot(family_data).ask(question)
    assert answer.route == "indicador" and "ISS.02.01.01.01" in answer.text
    # The value, the decree's target for the year and the division that gives the published progress.
    assert "1012" in answer.text and "**900 bibliotecarios**" in answer.text and "1012 ÷ 900" in answer.text


def test_where_a_progress_comes_from_names_the_year_it_was_published_for(family_data: Path) -> None:
    # IOP.01.01 has a 2022 figure in prose too: the 98,1 % is 2023's, not a series to show.
    answer = _bot(family_data).ask("¿Cómo se obtiene el 98,1 % de los distritos con biblioteca?")
    assert answer.route == "indicador" and "41.2 ÷ 42" in answer.text and "39.8" not in answer.text


def test_a_declared_count_checked_with_no_policy_named_is_checked_in_each_report(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Cuadra la cantidad de indicadores de objetivos prioritarios que anuncia el "
                                   "resumen con los que luego se presentan?")
    assert answer.route == "verificacion" and "no nombra la política" in answer.text
    # Each report's own verdict, under its name: never one report's check as if it were the only one.
    for policy, declared in (("PNCTI", 8), ("PNPA", 5), ("PNBP", 5)):
        assert f"**{policy}:** Sí: las cifras cuadran." in answer.text
        assert f"declara {declared} indicadores de objetivos prioritarios" in answer.text


def test_a_follow_up_asking_whether_a_level_count_adds_up_checks_that_level(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántos indicadores de servicios tiene la PNCTI?")
    answer = bot.ask("¿y eso coincide con los que el reporte detalla?", history)
    assert answer.route == "verificacion"
    assert "declara 11 indicadores de servicios, pero presenta 8" in answer.text


def test_a_casual_request_to_confirm_is_no_topic_of_the_question(family_data: Path) -> None:
    bot = _bot(family_data)
    who = bot.ask("quién conduce la política de bibliotecas, me confirmas")
    assert not who.refused and "Ministerio de Cultura" in who.text
    how = bot.ask("me confirmas cómo se financia la política de bibliotecas, piden plata adicional o no")
    assert not how.refused and "presupuesto institucional" in how.text


def test_a_report_summary_is_found_under_its_own_heading_in_any_wording(family_data: Path) -> None:
    from assistant.passages import is_summary_heading

    assert all(is_summary_heading(h) for h in ("Resumen del reporte de cumplimiento", "RESUMEN EJECUTIVO",
                                                "Presentación", "Síntesis:"))
    assert not is_summary_heading("Resumen de lo que la política nacional de pesca hizo en el año 2023 con sus socios")
    bot = _bot(family_data)
    summary = bot.ask("Resúmeme el reporte de pesca artesanal")
    assert summary.route == "resumen"
    assert "se mide con 14 indicadores" in summary.text and "formalización de 3.450 pescadores" in summary.text
    # A period is answered from the summary only where it states the months; here the header says it.
    period = bot.ask("¿Qué período cubre el reporte de pesca artesanal?")
    assert not period.refused and "enero a diciembre de 2023" in period.text


def test_what_a_report_plans_is_quoted_from_its_forward_looking_section(family_data: Path) -> None:
    bot = _bot(family_data)
    whole = bot.ask("¿Qué medidas plantea el reporte de pesca artesanal para mejorar?")
    assert whole.route == "planes"
    assert "Tumbes y Tacna" in whole.text and "ventanilla digital" in whole.text and "El Niño costero" in whole.text
    assert "Carlos Alberto Ríos Medina" not in whole.text  # the signature after the list is no measure
    # A topic picks its item; a word only one policy's documents use (the BNP) names the policy.
    one = bot.ask("¿Qué se propone hacer con las obras de los desembarcaderos de pesca?")
    assert one.route == "planes" and "Reprogramar las obras" in one.text and "Tumbes" not in one.text
    bnp = bot.ask("oye, qué acciones tiene previstas la BNP")
    assert bnp.route == "planes" and "compras corporativas" in bnp.text and "Tacna" not in bnp.text
    # A follow-up takes its topic from the turn before.
    history = _after(bot, "¿Cuántas colecciones bibliográficas se entregaron en 2023?")
    follow = bot.ask("¿y qué se propone el reporte para mejorar eso?", history)
    assert follow.route == "planes" and "compras corporativas" in follow.text
    assert "«Agilizar la compra" in follow.text  # the item's bullet dash is layout, not quoted
    # A follow-up that names the section's items asks for all of them, in the report of the earlier turn.
    history = _after(bot, "¿Qué países donaron colecciones a la BNP?")
    items = bot.ask("¿y qué alternativas de mejora plantea el reporte?", history)
    # The BNP names the PNBP, so the follow-up is answered as the question naming it is (its section's items).
    named = bot.ask("¿qué alternativas de mejora plantea el reporte de la PNBP?")
    assert items.route == named.route and items.text == named.text
    assert "Amazonas y Huancavelica" in items.text and "clubes de lectura" in items.text
    # The whole section is listed one measure a line, so an ordinal points at a measure, quoted whole.
    history = _after(bot, "¿Qué alternativas de mejora plantea el reporte de la PNCTI?")
    second = bot.ask("¿y la segunda en qué consiste?", history)
    assert "Declaración Anual" in second.text and "servicio exterior" not in second.text
    # "plantea" of a policy's objectives asks for the objectives, not for plans.
    assert bot.ask("¿Qué objetivos prioritarios plantea la política de bibliotecas?").route != "planes"


@pytest.mark.parametrize("question", [
    "¿Qué porcentaje de los bibliotecarios capacitados en 2023 eran mujeres?",
    "What share of the trained librarians were women?",
    "¿Y la cifra de bibliotecarios capacitados por sexo?",
])
def test_a_share_of_a_count_by_sex_is_refused_as_a_breakdown_not_published(family_data: Path, question: str) -> None:
    answer = _bot(family_data).ask(question)
    assert answer.refused and "ISS.02.01.01.01" in answer.text and "sin el desglose" in answer.text


def test_a_section_named_as_such_by_one_word_of_its_heading(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("Resume la sección de alianzas del reporte de pesca artesanal")
    assert answer.route == "seccion" and "Noruega y Japón" in answer.text and "FAO" in answer.text
    # "Resúmela" after a question about that section: the section, not the whole report.
    history = _after(bot, "¿El reporte de pesca artesanal tiene un apartado de cooperación?")
    follow = bot.ask("Resúmela.", history)
    assert follow.route == "seccion" and "Noruega y Japón" in follow.text
    # Without a section word, one shared word names no heading ("Bibliotecas Públicas" is not "Problema público").
    summary = bot.ask("Resuma los resultados 2023 de la Política Nacional de Bibliotecas Públicas.")
    assert summary.route != "seccion"


def test_a_who_follow_up_after_a_partner_list_asks_for_a_body_not_the_countries(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Qué países donaron colecciones a la BNP?")
    answer = bot.ask("¿y de quién recibió asistencia técnica?", history)
    assert not answer.refused and "CERLALC" in answer.text


def test_a_why_about_one_indicator_is_never_answered_with_the_cause_of_the_figure_before_it(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántas rutas de bibliobús operaron en 2023?")
    answer = bot.ask("¿y por qué no llegaron a la meta?", history)
    # "Este resultado se explica por la modalidad virtual…" explains the libraries with trained staff.
    assert answer.refused and "modalidad virtual" not in answer.text and "otro indicador" in answer.text
    # A question the words fit to that indicator too still gets it.
    assert "virtual" in bot.ask("¿Por qué se superó la meta de personal bibliotecario capacitado?").text


def test_a_policy_head_noun_after_en_at_the_end_names_the_policy(family_data: Path) -> None:
    from assistant.catalog import catalog_from_snapshot
    from assistant.question import parse

    bot = _bot(family_data)
    catalog = catalog_from_snapshot(bot.kb.snapshot())
    assert parse("oye, ¿por qué hay indicadores sin dato en bibliotecas?", catalog).policies == ["PNBP"]
    # Followed by more words it names a thing of the policy ("bibliotecas municipales"), not the policy.
    assert parse("¿Cuántas personas trabajan en bibliotecas municipales?", catalog).policies == []
    answer = bot.ask("oye, ¿por qué hay indicadores sin dato en bibliotecas?")
    assert "inventario nacional de colecciones" in answer.text and "rutas de bibliobús" not in answer.text


def test_a_count_of_a_kind_no_check_covers_is_not_answered_with_another_kinds_check(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Concuerda el número de lineamientos de la PNCTI con lo que se presenta en el reporte?")
    # The sentence that declares them, quoted; never a verdict on the indicators' count as if it were theirs.
    assert answer.route != "verificacion" and "16 lineamientos" in answer.text
    assert not answer.text.startswith(("No", "Sí"))


@pytest.mark.parametrize("question", [
    "¿Qué indicadores no tuvieron logros esperados en 2023?",
    "Which indicators had no expected target in 2023?",
    "¿Qué servicio no tiene logros esperados?",
])
def test_what_had_no_target_lists_those_indicators_with_the_reports_reason(family_data: Path, question: str) -> None:
    answer = _bot(family_data).ask(question)
    assert not answer.refused and "sin logro esperado" in answer.text
    assert "IOP.02.01" in answer.text and "SS.02.02.01-1" in answer.text
    assert "por ser nuevo, no contó con logros esperados" in answer.text
    # Never the whole list of indicators, each with its target.
    assert "ISS.02.02.01.01" not in answer.text and "IOP.01.01" not in answer.text


def test_why_a_measure_is_planned_is_the_reports_account_of_the_same_places(family_data: Path) -> None:
    answer = _bot(family_data).ask("¿Por qué se quiere priorizar Amazonas y Huancavelica en la política de bibliotecas?")
    assert "concentran la mayor brecha" in answer.text and "Priorizar la creación de bibliotecas" in answer.text


@pytest.mark.parametrize("question", [
    "Judging from the progress reported, what was the 2023 target for the isothermal boxes of the PNPA?",
    "haciendo la cuenta con el avance, ¿cuántas cajas isotérmicas de la pesca artesanal se esperaban entregar en 2023?",
])
def test_a_target_worked_back_from_the_progress_is_the_implied_target(family_data: Path, question: str) -> None:
    answer = _bot(family_data).ask(question)
    assert "corresponden a un logro esperado de" in answer.text and "300" in answer.text


def test_a_one_of_the_wording_restates_no_count_of_a_breakdown(family_data: Path) -> None:
    # "one year" is no "OP.04: 1 indicador" of the indicators' count: the period's check is the one asked.
    answer = _bot(family_data).ask("The PNCTI summary says indicators were measured from April to December of one "
                                   "year, while the policy was approved in April 2023. Is there an inconsistency?")
    assert answer.route == "verificacion" and "abril a diciembre de 2024" in answer.text
    assert "declara 19 indicadores" not in answer.text


def test_a_count_whose_noun_a_weaker_candidate_counts_is_that_candidates_figure(family_data: Path) -> None:
    # "pescadores… formalización" names IOP.01.01 best, but it counts fishers, not organizations.
    answer = _bot(family_data).ask("¿Cuántas organizaciones de pescadores se asistieron para la formalización?")
    assert not answer.refused and "IS.01.01.01" in answer.text and "**96 organizaciones**" in answer.text


def test_a_summary_of_an_objectives_progress_shows_each_target_beside_its_progress(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuál es el OP.03 de la política de pesca artesanal?")
    answer = bot.ask("Resume cómo le fue en 2023.", history)
    assert "**14 desembarcaderos**" in answer.text and "logro esperado (2023): **20 desembarcaderos**" in answer.text


def test_the_sections_of_a_report_are_its_numbered_headings_in_order(family_data: Path) -> None:
    bot = _bot(family_data)
    answer = bot.ask("¿Qué secciones tiene el reporte de pesca artesanal?")
    assert answer.route == "secciones"
    assert answer.text.index("AVANCE DE LOS OBJETIVOS") < answer.text.index("«SERVICIOS»") < answer.text.index(
        "COOPERACIÓN Y ALIANZAS") < answer.text.index("MEDIDAS PARA MEJORAR")
    # The items of one section are that section's, not the list of sections.
    assert bot.ask("¿Qué servicios se reportan en la sección de servicios del reporte de pesca?").route != "secciones"


def test_a_why_gets_the_cause_a_figure_sentence_gives_after_por(family_data: Path) -> None:
    answer = _bot(family_data).ask("por que el porcentaje de embarcaciones con permiso de pesca quedo corto?")
    assert answer.route == "causa-de-indicador"
    assert "demoras en la emisión de certificados" in answer.text


def test_the_effect_of_a_figure_is_the_sentence_that_gives_it_as_a_cause(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuántas cajas isotérmicas entregó PRODUCE en 2023?")
    assert "Las pérdidas poscaptura bajaron" not in history[1]["content"]  # a value question gets the value
    effect = bot.ask("¿y qué efecto tuvo eso según el reporte?", history)
    assert "**230 cajas**" in effect.text
    assert "Las pérdidas poscaptura bajaron hasta 18,7 % por la entrega de 230 cajas isotérmicas" in effect.text


def test_a_claimed_count_of_indicators_with_data_gets_its_own_check_first(family_data: Path) -> None:
    answer = _bot(family_data).ask("The PNPA report says data were available for 11 of its 14 indicators. "
                                   "Can that be verified from what the report actually shows?")
    assert answer.route == "verificacion"
    first = answer.text.split("⚠")[1]
    assert "declara información para 11 indicadores, pero presenta valores para 9" in first
    assert "IOP.02.02" in first and "IS.03.01.01" in first


def test_which_progress_disagrees_is_a_survey_of_the_progress_checks(family_data: Path) -> None:
    answer = _bot(family_data).ask("Compare los porcentajes de avance de los indicadores de servicios de la PNBP con el "
                                   "cociente entre el valor obtenido y el logro esperado 2023 del decreto. "
                                   "¿En cuál no coinciden?")
    assert answer.route == "comprobaciones"
    assert "ISS.02.02.01.01" in answer.text and "240 / 300 = 80 %" in answer.text
    assert "«»" not in answer.text


def test_a_defined_short_form_of_one_policy_s_documents_scopes_the_question(family_data: Path) -> None:
    answer = _bot(family_data).ask("quien firma el reporte de la bnp")
    assert "Paredes Soto" in answer.text
    assert "Velásquez" not in answer.text and "Ríos Medina" not in answer.text


def test_a_follow_up_with_a_topic_in_everyday_words_is_searched_by_its_own_words(family_data: Path) -> None:
    bot = _bot(family_data)
    history = _after(bot, "¿Cuál es el problema público que busca resolver la política de bibliotecas?")
    # "se quiere alcanzar" is the decree's "Situación futura deseada" (synonyms.yaml).
    answer = bot.ask("¿Y qué situación se quiere alcanzar al 2030?", history)
    assert not answer.refused and "el 60 % de la población de 6 a más años" in answer.text
