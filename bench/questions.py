"""Benchmark questions with gold answers, generated from the same synthetic reports as the corpus.

Every generated question names what makes its answer unique in the corpus: the period, and the
policy when several policies report the same indicator code in that period. A candidate whose
gold still differs between the documents it could refer to is dropped, so a wrong answer is
always the system's fault. When other documents of the same period give a different figure for
the same code, those figures are kept as ``rivals``: a correct answer must state the gold figure
before any rival (naming a conflicting figure later, as a note, is fine). Lists carry
``must_not``: services or countries that other reports name but the asked-for one does not.

Items use the shape of ``eval/dev_qa.jsonl`` (``q`` or ``turns``, ``must``, ``must_any``,
``min_any``, ``refuse``, ``kind``) plus ``must_not``, ``rivals``, ``latency`` ("structured" or
"free") and ``scope`` ("period", "policy", "corpus" or "seed").
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evaluation import contains, judge, normalise
from assistant.verify import figures_outside_quotes
from bench.synth import SynthReport, expected_facts, make_corpus, report_pages, seed_like_report
from ingest.numbers import find_numbers, format_number

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
SEED_REPORT = ROOT / "corpus" / "reporte_cumplimiento_pncti_2023.txt"
SEED_QUESTIONS = ROOT / "eval" / "dev_qa.jsonl"

#: How many questions of each kind a generated set holds at most.
QUOTAS: dict[str, int] = {
    "figure": 30,
    "progress": 10,
    "list": 10,
    "fact": 6,
    "explain": 6,
    "refuse": 8,
    "followup": 6,
}
STRUCTURED_KINDS = {"figure", "progress", "followup"}

_ND_PHRASES = {  # a reason's wording → the words an answer must quote
    "procesada": "siendo procesada",
    "Declaración Anual": "Declaración Anual",
    "ficha técnica": "ficha técnica",
    "validación": "proceso de validación",
}
_UNRELATED = [
    "¿Cuál es la tasa de desempleo en Lima?",
    "¿Cuál es el precio del cobre en la Bolsa de Metales de Londres?",
    "¿Qué temperatura máxima se pronostica para el Cusco mañana?",
    "¿Cuántos habitantes tiene la ciudad de Arequipa?",
]


@dataclass
class CorpusDoc:
    """One document of a benchmark corpus: its file, and (for synthetic ones) its report."""

    path: Path
    text: str
    pages: int
    report: SynthReport | None = None


# ---------------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------------


def synth_plan(n: int, rng_seed: int = 0, scale: int = 2) -> list[tuple[str, SynthReport]]:
    """The (file name, report) pairs :func:`bench.synth.make_corpus` writes, in the same order.

    Mirrors make_corpus's draws from its meta RNG; :func:`build_corpus` checks the file names.
    """
    meta = random.Random(rng_seed)
    plan = []
    for i in range(n):
        doc_seed = meta.randrange(2**31)
        period = 2023 + (i + rng_seed) % 8
        comma = meta.random() < 0.4
        meta.random()  # inconsistent_share draw (rate 0.0)
        report = seed_like_report(
            period=period, decimal_comma=comma, rng_seed=doc_seed, scale=scale
        )
        plan.append((f"reporte_{report.acronym.lower()}_{period}_{i:04d}.pdf", report))
    return plan


def build_corpus(out_dir: Path, n: int, rng_seed: int = 0, scale: int = 2) -> list[CorpusDoc]:
    """Render ``n`` synthetic report PDFs into ``out_dir`` and return them with their reports."""
    paths = make_corpus(out_dir, n, rng_seed=rng_seed, scale=scale)
    plan = synth_plan(n, rng_seed, scale)
    docs = []
    for path, (name, report) in zip(paths, plan, strict=True):
        if path.name != name:
            raise RuntimeError(
                f"bench.synth.make_corpus changed its draws: {path.name} != {name}; "
                "update bench.questions.synth_plan to match."
            )
        pages = report_pages(report)
        docs.append(CorpusDoc(path, "\n\n".join("\n".join(p) for p in pages), len(pages), report))
    return docs


def seed_corpus(out_dir: Path) -> list[CorpusDoc]:
    """The seed report copied into ``out_dir`` (N = 1)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / SEED_REPORT.name
    target.write_bytes(SEED_REPORT.read_bytes())
    text = target.read_text(encoding="utf-8")
    pages = [p for p in text.split("\f") if p.strip()]
    return [CorpusDoc(target, text, len(pages))]


def seed_questions(path: Path = SEED_QUESTIONS) -> list[dict[str, Any]]:
    """The seed's hand-written dev set, tagged with a latency class."""
    items = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for item in items:
        item["latency"] = "structured" if item.get("kind") in STRUCTURED_KINDS else "free"
        item.setdefault("scope", "seed")
    return items


# ---------------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------------


def _first_position(answer_norm: str, fact: str) -> int | None:
    """Where ``fact`` first occurs in an already normalised answer (as :func:`contains` matches)."""
    f = normalise(fact)
    if re.fullmatch(r"[\d.]+", f):
        m = re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", answer_norm)
        return m.start() if m else None
    at = answer_norm.find(f)
    return at if at >= 0 else None


def judge_item(item: dict[str, Any], answer_text: str, refused: bool) -> bool:
    """:func:`assistant.evaluation.judge`, plus two checks for a corpus of many reports.

    ``must_not``: none of these may appear (services or countries of other reports).
    ``rivals``: the gold figure comes before any of these (other reports' figures for the code).
    """
    if not judge(item, answer_text, refused):
        return False
    if not refused and any(contains(answer_text, f) for f in item.get("must_not", [])):
        return False
    rivals = item.get("rivals") or []
    if not rivals or refused:
        return True
    norm = normalise(answer_text)
    gold_at = min(p for p in (_first_position(norm, f) for f in item["must"]) if p is not None)
    return all(p is None or p > gold_at for p in (_first_position(norm, r) for r in rivals))


def corpus_numbers(docs: Iterable[CorpusDoc]) -> set[float]:
    """Every figure printed in the corpus (rounded to 6 decimals)."""
    return {round(n.value, 6) for d in docs for n in find_numbers(d.text)}


def unsupported_numbers(
    answer_text: str, numbers: set[float], computed: Iterable[float] = (), question: str = ""
) -> list[str]:
    """Numbers an answer states outside «quotes» that neither the corpus nor the question print.

    Page references and codes are ignored; ``computed`` holds figures the answer labels as
    calculated (derived from printed figures, not invented). A number echoed from the question
    ("los documentos no cubren el año 2019") is the user's, not a claim.
    """
    allowed = {round(c, 6) for c in computed} | {round(n.value, 6) for n in find_numbers(question)}
    return [
        raw
        for value, raw in figures_outside_quotes(answer_text)
        if round(value, 6) not in numbers and round(value, 6) not in allowed
    ]


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def _num(value: float) -> str:
    return format_number(value)


def _de(acronym: str) -> str:
    return f" de la {acronym}"


def _where(acronym: str, scope: str) -> str:
    """ " de la PNCSST" when the question must name the policy, else nothing."""
    return _de(acronym) if scope == "policy" else ""


class _Index:
    """Facts of every synthetic report, grouped the ways questions can name them."""

    def __init__(self, docs: list[CorpusDoc]) -> None:
        self.reports = [d.report for d in docs if d.report is not None]
        self.facts = [expected_facts(r) for r in self.reports]
        self.by_code: dict[tuple[str, int], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        self.by_period: dict[int, list[int]] = defaultdict(list)
        for i, (report, facts) in enumerate(zip(self.reports, self.facts)):
            self.by_period[report.period].append(i)
            for f in facts:
                if f["kind"] == "indicator" and f["code"]:
                    self.by_code[(f["code"], report.period)].append((i, f))
        self.text = "\n".join(d.text for d in docs)

    def scoped(
        self, rows: list[tuple[int, Any]], doc: int, key: Any
    ) -> tuple[str, list[Any]] | None:
        """("period" | "policy", rival golds) when ``key`` of the rows is unique at some scope."""
        gold = key(rows[[i for i, _ in rows].index(doc)][1])
        if all(key(r) == gold for _, r in rows):
            return "period", []
        acronym = self.reports[doc].acronym
        same_policy = [r for i, r in rows if self.reports[i].acronym == acronym]
        if all(key(r) == gold for r in same_policy):
            rivals = sorted(
                {key(r) for i, r in rows if self.reports[i].acronym != acronym} - {gold}, key=str
            )
            return "policy", rivals
        return None

    def docs_in(self, period: int, acronym: str | None = None) -> list[int]:
        return [
            i
            for i in self.by_period[period]
            if acronym is None or self.reports[i].acronym == acronym
        ]


def _figure_candidates(ix: _Index, dropped: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (code, period), rows in sorted(ix.by_code.items()):
        for doc, f in rows:
            acronym = ix.reports[doc].acronym
            if f["value"] is not None:
                found = ix.scoped(rows, doc, lambda r: r["value"])
                if found is None:
                    dropped["figure"] += 1
                    continue
                scope, rivals = found
                rival_text = [_num(v) for v in rivals if v is not None]
                out["figure"].append(
                    {
                        "q": f"¿Qué valor alcanzó el indicador {code}{_where(acronym, scope)} en {period}?",
                        "must": [_num(f["value"])],
                        "rivals": rival_text,
                        "kind": "figure",
                        "scope": scope,
                    }
                )
                if f["progress_pct"] is not None:
                    found = ix.scoped(rows, doc, lambda r: r["progress_pct"])
                    if found is None:
                        dropped["progress"] += 1
                        continue
                    scope, rivals = found
                    out["progress"].append(
                        {
                            "q": f"¿Cuál fue el avance del indicador {code}{_where(acronym, scope)} respecto del logro "
                            f"esperado en {period}?",
                            "must": [_num(f["progress_pct"])],
                            "rivals": [_num(v) for v in rivals if v is not None],
                            "kind": "progress",
                            "scope": scope,
                        }
                    )
                    found_v = ix.scoped(rows, doc, lambda r: (r["value"], r["progress_pct"]))
                    if found_v is not None and found_v[0] == scope:
                        out["followup"].append(
                            {
                                "turns": [
                                    f"¿Qué valor alcanzó el indicador {code}{_where(acronym, scope)} en {period}?",
                                    "¿Y su avance respecto del logro esperado?",
                                ],
                                "must": [_num(f["progress_pct"])],
                                "rivals": [_num(p) for _, p in found_v[1] if p is not None],
                                "kind": "followup",
                                "scope": scope,
                            }
                        )
            elif f["status"] == "ND":
                found = ix.scoped(rows, doc, lambda r: r["status"])
                if found is None or found[0] != "period":
                    dropped["figure"] += 1
                    continue
                out["figure"].append(
                    {
                        "q": f"¿Qué valor tuvo el indicador {code} en {period}?",
                        "must_any": ["no se cuenta con datos", "no disponible", "ND"],
                        "min_any": 1,
                        "kind": "figure",
                        "scope": "period",
                    }
                )
                phrase = next((p for k, p in _ND_PHRASES.items() if k in (f["reason"] or "")), None)
                same_reason = ix.scoped(rows, doc, lambda r: (r["status"], r["reason"]))
                if phrase and same_reason is not None and same_reason[0] == "period":
                    out["explain"].append(
                        {
                            "q": f"¿Por qué no hay datos del indicador {code} en {period}?",
                            "must": [phrase],
                            "kind": "explain",
                            "scope": "period",
                        }
                    )
    return out


def _report_candidates(ix: _Index, dropped: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Questions about a report as a whole: shares, partners, services, objective titles."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    all_alc = {p.country for r in ix.reports for p in r.partners_alc}
    all_other = {p.country for r in ix.reports for p in r.partners_other}
    all_services: dict[str, set[str]] = defaultdict(set)
    for r in ix.reports:
        for o in r.objectives:
            all_services[o.code].update(s.code for s in o.services)
    for period in sorted(ix.by_period):
        in_period = ix.by_period[period]
        # Partners over the whole period: the union over its reports is the gold.
        alc = list(dict.fromkeys(p.country for i in in_period for p in ix.reports[i].partners_alc))
        other = list(
            dict.fromkeys(p.country for i in in_period for p in ix.reports[i].partners_other)
        )
        q_alc = f"¿Con qué países de América Latina y el Caribe ofreció el Perú cooperación Sur-Sur en {period}?"
        q_other = f"¿Con qué países fuera de América Latina y el Caribe ofreció el Perú cooperación Sur-Sur en {period}?"
        out["list"].append(
            {
                "q": q_alc,
                "must": alc,
                "must_not": sorted(all_alc - set(alc)),
                "kind": "list",
                "scope": "period",
            }
        )
        out["list"].append(
            {
                "q": q_other,
                "must": other,
                "must_not": sorted(all_other - set(other)),
                "kind": "list",
                "scope": "period",
            }
        )
        out["followup"].append(
            {
                "turns": [q_alc, "¿Y en otras regiones?"],
                "must": other,
                "must_not": sorted((all_alc | all_other) - set(other)),
                "kind": "followup",
                "scope": "period",
                "latency": "free",
            }
        )
        for acronym in [None, *sorted({ix.reports[i].acronym for i in in_period})]:
            scoped = ix.docs_in(period, acronym)
            scope = "period" if acronym is None else "policy"
            where = "" if acronym is None else _de(acronym)
            if acronym is not None and len(set(in_period)) == len(scoped):
                continue  # the period alone already names these reports
            shares = {ix.reports[i].alc_provider_projects for i in scoped}
            if len(shares) == 1:
                rivals = sorted({ix.reports[i].alc_provider_projects for i in in_period} - shares)
                out["figure"].append(
                    {
                        "q": f"¿En cuántos proyectos de Cooperación Sur-Sur fue oferente el Perú en América "
                        f"Latina y el Caribe según el reporte{where} de {period}?",
                        "must": [str(next(iter(shares)))],
                        "rivals": [str(r) for r in rivals],
                        "kind": "figure",
                        "scope": scope,
                    }
                )
            else:
                dropped["figure"] += 1
            objectives: dict[str, set[tuple[str, tuple[str, ...]]]] = defaultdict(set)
            for i in scoped:
                for o in ix.reports[i].objectives:
                    objectives[o.code].add((o.title, tuple(s.code for s in o.services)))
            for code, variants in sorted(objectives.items()):
                if len(variants) != 1 or len(scoped) != sum(
                    any(o.code == code for o in ix.reports[i].objectives) for i in scoped
                ):
                    dropped["fact"] += 1
                    continue
                title, services = next(iter(variants))
                nn = code[-2:]
                out["fact"].append(
                    {
                        "q": f"¿Cuál es el Objetivo Prioritario {nn}{where} según el reporte de {period}?",
                        "must": [title],
                        "kind": "fact",
                        "scope": scope,
                    }
                )
                if services:
                    out["list"].append(
                        {
                            "q": f"¿Qué servicios tiene el Objetivo Prioritario {nn}{where} en el reporte de {period}?",
                            "must": list(services),
                            "must_not": sorted(all_services[code] - set(services)),
                            "kind": "list",
                            "scope": scope,
                        }
                    )
    return out


def _refusals(ix: _Index, rng: random.Random) -> list[dict[str, Any]]:
    periods = sorted(ix.by_period)
    folded = ix.text.lower()
    items = [{"q": q, "refuse": True, "kind": "refuse", "scope": "corpus"} for q in _UNRELATED]
    for country in ("Noruega", "Japón", "Australia", "Sudáfrica"):
        if country.lower() not in folded:
            items.append(
                {
                    "q": f"¿Cuántos proyectos ofreció el Perú a {country} en {rng.choice(periods)}?",
                    "refuse": True,
                    "kind": "refuse",
                    "scope": "corpus",
                }
            )
    for year in (2019, 2015):
        if str(year) not in ix.text:
            code = rng.choice(sorted({c for c, _ in ix.by_code}))
            items.append(
                {
                    "q": f"¿Qué valor alcanzó el indicador {code} en {year}?",
                    "refuse": True,
                    "kind": "refuse",
                    "scope": "corpus",
                }
            )
    if not any(c.startswith("IOP.12.") for c, _ in ix.by_code):
        items.append(
            {
                "q": f"¿Qué valor alcanzó el indicador IOP.12.04 en {rng.choice(periods)}?",
                "refuse": True,
                "kind": "refuse",
                "scope": "corpus",
            }
        )
    return items


def generate_questions(
    docs: list[CorpusDoc], rng_seed: int = 0, quotas: dict[str, int] | None = None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Questions with unique gold answers over the synthetic ``docs``, and generation stats.

    The stats say how many candidates each kind had and how many were dropped as ambiguous.
    """
    quotas = quotas or QUOTAS
    rng = random.Random(rng_seed)
    ix = _Index(docs)
    dropped: dict[str, int] = defaultdict(int)
    pools: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for part in (_figure_candidates(ix, dropped), _report_candidates(ix, dropped)):
        for kind, items in part.items():
            pools[kind].extend(items)
    pools["refuse"] = _refusals(ix, rng)
    items: list[dict[str, Any]] = []
    stats: dict[str, Any] = {"candidates": {}, "dropped_ambiguous": dict(dropped)}
    for kind, quota in quotas.items():
        pool = list(
            {
                json.dumps(c, sort_keys=True, ensure_ascii=False): c for c in pools.get(kind, [])
            }.values()
        )
        stats["candidates"][kind] = len(pool)
        rng.shuffle(pool)
        items.extend(pool[:quota])
    for n, item in enumerate(items, start=1):
        item["id"] = f"g{n:03d}"
        item.setdefault("latency", "structured" if item["kind"] in STRUCTURED_KINDS else "free")
    return items, stats
