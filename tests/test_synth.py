"""The benchmark corpus generator (synthcorpus/) checked against its own ground truth.

Nothing here reads a document the way the ingest does: no parser module is imported and no
parser pattern is copied. Each check compares a figure's recorded ground truth with the text
rendered into a real PDF (its paragraph, its declared phrasing's marker words, its table
column), and decodes printed numbers with this file's own small rules.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader

from synthcorpus.corpus import build_corpus, corpus_specs, make_corpus, read_ground_truth
from synthcorpus.phrasings import CATALOGUE, ROLES, narrative
from synthcorpus.render import is_table_row
from synthcorpus.spanish import spanish_number

ROOT = Path(__file__).resolve().parent.parent
N = 8  # three layouts twice, two decrees


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, dict[str, list[str]], Path]:
    out = tmp_path_factory.mktemp("synthcorpus")
    truth = out / "truth.jsonl"
    docs = make_corpus(out / "corpus", N, rng_seed=0, ground_truth=truth)
    pages = {d.name: [p.extract_text() for p in PdfReader(out / "corpus" / d.name).pages]
             for d in docs}
    return docs, pages, truth


# -- the phrasing catalogue ---------------------------------------------------------------------


def test_every_role_has_at_least_four_phrasings_plus_table_cells() -> None:
    for role in ROLES:
        sentences = narrative(role)
        assert len(sentences) >= 4, role
        assert len({p.style for p in CATALOGUE[role]}) == len(CATALOGUE[role]), role
    for role in ("value", "progress", "target", "baseline", "nodata"):
        assert any(p.write is None for p in CATALOGUE[role]), f"{role} has no table cell"
    origins = {p.origin for ps in CATALOGUE.values() for p in ps}
    assert origins == {"semilla", "familia", "propia"}
    # The seed's own phrasing is one style among many, never the only one of a role.
    for role in ROLES:
        assert sum(p.origin == "semilla" for p in CATALOGUE[role]) <= 2, role


def test_a_small_corpus_uses_every_phrasing_layout_and_several_policies() -> None:
    docs = build_corpus(N)
    used = {(f.role, f.style) for d in docs for f in d.figures}
    missing = [(role, p.style) for role, ps in CATALOGUE.items() for p in ps
               if (role, p.style) not in used]
    assert missing == []
    assert {d.spec.layout for d in docs} == {"semilla", "narrativa", "tabla", "decreto"}
    assert [d.spec.kind for d in docs].count("politica") == 2
    policies = {d.plan.acronym for d in docs}
    assert len(policies) == 6 and all(a.startswith("PN") for a in policies)
    formats = {f.fmt for d in docs for f in d.figures}
    assert {"palabras", "miles-punto", "decimal-coma", "decimal-punto", "entero",
            "marcador"} <= formats
    assert formats & {"soles-millones", "millones-de-soles"}


def test_specs_cover_layouts_early_and_never_repeat_a_policy_year() -> None:
    specs = corpus_specs(400, rng_seed=5)
    assert [s.layout for s in specs[:4]] == ["semilla", "narrativa", "tabla", "decreto"]
    pairs = [(s.theme, s.period) for s in specs if s.kind == "reporte"]
    assert len(pairs) == len(set(pairs))
    decreed = [s.theme for s in specs if s.kind == "politica"]
    assert len(decreed) == len(set(decreed))


# -- the rendered PDFs against the ground truth -------------------------------------------------


def test_pdf_pages_hold_every_figure_in_its_declared_phrasing(rendered) -> None:
    docs, pages, _ = rendered
    checked = defaultdict(int)
    for doc in docs:
        texts = pages[doc.name]
        assert len(texts) == len(doc.pages), doc.name
        whole = _flat(" ".join(texts))
        for f in doc.figures:
            page = _flat(texts[f.page - 1])
            assert _flat(f.text) in page, (doc.name, f.page, f.text[:120])
            assert f.raw in f.text, (f.raw, f.text[:160])
            if f.header is None:  # a sentence: the phrasing's own words are there
                assert f.marker in f.text, (f.style, f.marker, f.text[:160])
            else:  # a table cell: under the declared column of the printed header
                assert _flat(f.header) in whole
                heads, cells = f.header.split(" | "), f.text.split(" | ")
                assert len(heads) == len(cells) and f.column in heads, (f.header, f.text)
                cell = cells[heads.index(f.column)]
                assert cell in (f.raw, f"{f.year}: {f.raw}"), (f.column, cell, f.raw)
                assert f.marker in f.column or f.marker in f.header
            checked[f.role] += 1
    assert set(checked) == set(ROLES)


def test_table_rows_come_out_of_the_pdf_as_single_lines(rendered) -> None:
    docs, pages, _ = rendered
    rows = 0
    for doc in docs:
        lines = {_flat(line) for text in pages[doc.name] for line in text.splitlines()}
        for page in doc.pages:
            for para in page:
                if is_table_row(para):
                    assert _flat(para) in lines, para[:120]
                    rows += 1
    assert rows > 30


# -- printed numbers decode to the recorded values ---------------------------------------------

_UNITS = {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
          "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
          "quince": 15, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
          "veinte": 20, "veintidós": 22, "veintitrés": 23, "veinticuatro": 24,
          "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28,
          "veintinueve": 29, "uno": 1}
_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
         "ochenta": 80, "noventa": 90}


def _words(text: str) -> int:
    """This test's own reading of Spanish number words below one hundred."""
    words = text.lower().split()
    if len(words) == 1:
        return _UNITS.get(words[0]) or _TENS[words[0]]
    tens, y, unit = words
    assert y == "y"
    return _TENS[tens] + _UNITS[unit]


def _decode(raw: str, fmt: str) -> float:
    text = raw.removeprefix("S/ ").removesuffix(" millones de soles").removesuffix(" millones")
    text = text.removesuffix("%").strip()
    if fmt == "palabras":
        return float(_words(text))
    if fmt == "miles-punto":
        return float(text.replace(".", ""))
    if fmt == "miles-espacio":
        return float(text.replace(" ", ""))
    return float(text.replace(",", ".") if "coma" in fmt or fmt.endswith("soles")
                 or fmt == "soles-millones" else text)


def test_printed_figures_decode_to_their_ground_truth(rendered) -> None:
    docs, _, truth = rendered
    records = read_ground_truth(truth)
    assert len(records) == sum(len(d.figures) for d in docs)
    words = 0
    for f in records:
        if f["role"] == "nodata":
            assert f["value"] is None and f["reason_key"] in (f["reason_text"] or f["text"])
            continue
        assert _decode(f["raw"], f["fmt"]) == pytest.approx(f["value"]), f
        words += f["fmt"] == "palabras"
        if f["role"] == "part":
            assert _flat(str(int(f["total"]))) in f["text"].replace(".", "").replace(" ", "")
    assert words >= 3


def test_stated_progress_follows_value_and_target_also_for_descending_indicators() -> None:
    docs = build_corpus(N)
    descending = 0
    for doc in docs:
        if doc.spec.kind != "reporte":
            continue
        by_code: dict[str, dict[str, float]] = defaultdict(dict)
        for f in doc.figures:
            if f.value is not None and f.role in ("value", "progress"):
                by_code[f.code][f.role] = f.value
        targets = {i.code: i.targets[doc.spec.period] for i in doc.plan.indicators}
        directions = {i.code: i.direction for i in doc.plan.indicators}
        for code, got in by_code.items():
            value, progress, target = got["value"], got["progress"], targets[code]
            ratio = value / target if directions[code] == "ascendente" else target / value
            assert progress == pytest.approx(100 * ratio, abs=0.051), (doc.name, code)
            descending += directions[code] == "descendente"
    assert descending > 0


def test_a_part_of_a_total_matches_its_percentage() -> None:
    docs = build_corpus(N)
    parts = 0
    for doc in docs:
        values = {f.code: f.value for f in doc.figures if f.role == "value"}
        for f in doc.figures:
            if f.role == "part":
                assert values[f.code] == pytest.approx(100 * f.value / f.total, abs=0.051)
                parts += 1
    assert parts >= 5


def test_the_same_fact_has_the_same_value_in_every_document() -> None:
    seen: dict[tuple, set] = defaultdict(set)
    for doc in build_corpus(24, rng_seed=1):
        for f in doc.figures:
            key = (f.role, f.policy, f.code, f.year if f.role in ("target", "baseline") else
                   f.period)
            if f.role == "baseline":
                key = (f.role, f.policy, f.code)
            seen[key].add(f.value)
    assert all(len(v) == 1 for v in seen.values())
    assert any(k[0] == "baseline" for k in seen)


def test_deterministic_and_varied() -> None:
    a, b = build_corpus(5, rng_seed=3), build_corpus(5, rng_seed=3)
    assert [d.pages for d in a] == [d.pages for d in b]
    assert [[f.as_dict() for f in d.figures] for d in a] == [[f.as_dict() for f in d.figures]
                                                            for d in b]
    c = build_corpus(5, rng_seed=4)
    assert [d.pages for d in c] != [d.pages for d in a]


# -- independence and the seed-style fixture ---------------------------------------------------


def test_the_generator_imports_nothing_from_the_ingest() -> None:
    code = ("import sys, synthcorpus.corpus, synthcorpus.seedlike, bench.synth; "
            "print(sorted(m for m in sys.modules if m == 'ingest' or m.startswith('ingest.')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
    for path in (ROOT / "synthcorpus").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "import ingest" not in source and "from ingest" not in source, path


def test_seed_style_fixture_still_renders_its_facts(tmp_path: Path) -> None:
    from bench import synth as shim
    from synthcorpus import seedlike

    assert shim.seed_like_report is seedlike.seed_like_report
    report = seedlike.seed_like_report(period=2025, rng_seed=7, scale=1, decimal_comma=True)
    pages = seedlike.report_pages(report)
    seedlike.render_pdf(pages, tmp_path / "r.pdf")
    texts = [_flat(p.extract_text()) for p in PdfReader(tmp_path / "r.pdf").pages]
    assert len(texts) == len(pages) == 6
    facts = [f for f in seedlike.expected_facts(report) if f["kind"] == "indicator"]
    for f in facts:
        if f["raw_value"] is not None:
            assert f["raw_value"] in texts[f["page"] - 1], f
        if f["raw_progress"] is not None:
            assert f["raw_progress"] in texts[f["progress_page"] - 1], f


def test_spanish_number_words() -> None:
    assert [spanish_number(n) for n in (2, 16, 22, 32, 100, 118, 1000, 3450, 21000)] == [
        "dos", "dieciséis", "veintidós", "treinta y dos", "cien", "ciento dieciocho", "mil",
        "tres mil cuatrocientos cincuenta", "veintiún mil"]
    assert all(_words(spanish_number(n)) == n for n in range(2, 100) if n % 10 != 1)


def test_a_counted_part_names_one_thing_in_its_policy() -> None:
    from synthcorpus.plan import make_plan
    from synthcorpus.themes import THEMES

    parts = 0
    for seed in range(3):
        for theme in THEMES:
            plan = make_plan(theme, seed)
            for ind in plan.indicators:
                if ind.part_total is None:
                    continue
                parts += 1
                others = [o for o in plan.indicators if o is not ind]
                assert all(ind.pred not in o.name for o in others), (plan.acronym, ind.name)
                assert all((o.noun, o.pred) != (ind.noun, ind.pred) for o in others
                           if o.part_total is not None), (plan.acronym, ind.name)
    assert parts > 100
