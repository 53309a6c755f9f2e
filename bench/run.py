"""`make bench`: ingest, answer and serve at several corpus sizes, against a naive RAG baseline.

Sizes are numbers of documents: 1 is the seed report with ``eval/dev_qa.jsonl``; larger sizes are
synthetic PDFs (``synthcorpus.corpus.make_corpus``: compliance reports in three layouts and
policy decrees, every figure role written in several phrasings) with questions generated from
their ground truth (``bench.questions``), scored per wording style. For each size this measures, for the assistant and
for the baseline (``bench.baseline``): ingest pages/s and peak RSS, warm ask p50/p95 for
structured and free-text questions, cold start to the first answer and the peak RSS of the
answering process, accuracy and unsupported numbers. It prints one markdown table and writes
``docs/benchmarks.md``.

    python -m bench.run [--sizes 1,50,500 | --pages 500 | --quick] [--out docs/benchmarks.md] [--workdir DIR]

``--pages 500`` measures the smallest synthetic corpus with at least 500 pages (91 documents
with seed 0: the generator's documents run from two to about ten pages, so a number of documents
is not a number of pages). Each size also times the server's start step by step
(``python -m bench.measure coldstart``) and reports ask latency per answer route.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import questions as qs
from bench.measure import PYTHON, Measured, child_env, measure_serve, percentile, run_measured
from bench.report import (
    ROOT,
    SizeResult,
    SystemFigures,
    code_fingerprint,
    render_report,
    render_table,
    style_key,
)
from synthcorpus.corpus import build_corpus as layout_corpus

log = logging.getLogger("bench.run")

# The seed report, then the smallest synthetic corpora of 500 and 5,000 pages (the sizes the
# targets of issues 6 and 10 name: 91 and 803 documents with seed 0).
DEFAULT_SIZES = [1]
DEFAULT_PAGES = [500, 5000]
QUICK_SIZES = [1, 5]


# ---------------------------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------------------------


class Steps:
    """Step results cached as JSON in a size's work folder (reused with --resume)."""

    def __init__(self, folder: Path, resume: bool) -> None:
        self.folder = folder / "steps"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.resume = resume

    def get(self, name: str) -> dict[str, Any] | None:
        path = self.folder / f"{name}.json"
        if self.resume and path.exists():
            log.info("Reusing %s", path)
            return json.loads(path.read_text(encoding="utf-8"))
        return None

    def span(self) -> tuple[float, float]:
        """When the first and the last cached step finished (file times, epoch seconds)."""
        times = [p.stat().st_mtime for p in self.folder.glob("*.json")]
        return (min(times), max(times)) if times else (0.0, 0.0)

    def put(self, name: str, data: dict[str, Any]) -> dict[str, Any]:
        (self.folder / f"{name}.json").write_text(
            json.dumps(data, ensure_ascii=False), encoding="utf-8"
        )
        return data


def _prepare(
    n: int, folder: Path, seed: int
) -> tuple[list[qs.CorpusDoc], list[dict[str, Any]], dict[str, Any]]:
    corpus = folder / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    started = time.perf_counter()
    if n == 1:
        docs = qs.seed_corpus(corpus)
        items, stats = qs.seed_questions(), {"source": str(qs.SEED_QUESTIONS.relative_to(ROOT))}
    else:
        docs = qs.build_corpus(corpus, n, rng_seed=seed, ground_truth=folder / "ground_truth.jsonl")
        items, stats = qs.generate_questions(docs, rng_seed=seed)
    log.info(
        "N=%d: %d documents, %d pages, %d questions (%.1f s to generate)",
        n,
        len(docs),
        sum(d.pages for d in docs),
        len(items),
        time.perf_counter() - started,
    )
    return docs, items, stats


def _measured(m: Measured) -> dict[str, Any]:
    return asdict(m)


def _score(
    items: list[dict[str, Any]],
    answers: dict[str, Any],
    numbers: set[float],
    figures: SystemFigures,
) -> None:
    """Accuracy, unsupported numbers and latencies of one system's answers."""
    by_id = {r["id"]: r for r in answers["results"]}
    lat: dict[str, list[float]] = defaultdict(list)
    by_route: dict[str, list[float]] = defaultdict(list)
    cpu_by_route: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    scopes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    styles: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    formats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        r = by_id[item["id"]]
        ok = qs.judge_item(item, r["text"], r["refused"])
        figures.correct += ok
        figures.total += 1
        kinds[item["kind"]][0] += ok
        kinds[item["kind"]][1] += 1
        scopes[item.get("scope", "seed")][0] += ok
        scopes[item.get("scope", "seed")][1] += 1
        if item.get("role"):
            for group, key in ((styles, style_key(item)), (formats, f"{item['role']}|{item['fmt']}")):
                group[key][0] += ok
                group[key][1] += 1
        asked = " ".join(item.get("turns") or [item["q"]])
        bad = qs.unsupported_numbers(r["text"], numbers, r.get("computed", []), asked)
        figures.unsupported += len(bad)
        if bad and len(figures.unsupported_examples) < 5:
            figures.unsupported_examples.append(f"{item['id']}: {', '.join(bad[:5])}")
        if not ok:
            figures.failures.append(
                {
                    "id": item["id"],
                    "kind": item["kind"],
                    "q": item.get("q") or " → ".join(item["turns"]),
                    "gold": item.get("must") or item.get("must_any") or "rechazo",
                    "route": r.get("route", ""),
                    "style": style_key(item) if item.get("role") else "",
                    "answer": r["text"][:240],
                }
            )
        lat[item["latency"]].extend(r["latency_ms"])
        cpu_ms = r.get("cpu_ms") or [0.0] * len(r["latency_ms"])  # not in older cached steps
        for route, ms, cpu in zip(r.get("routes") or [], r["latency_ms"], cpu_ms):
            by_route[route or "?"].append(ms)
            cpu_by_route[route or "?"].append(cpu)
    figures.by_kind = dict(kinds)
    figures.by_scope = dict(scopes)
    figures.by_style = dict(styles)
    figures.by_format = dict(formats)
    figures.p50_structured_ms = percentile(lat["structured"], 50)
    figures.p95_structured_ms = percentile(lat["structured"], 95)
    figures.p50_free_ms = percentile(lat["free"], 50)
    figures.p95_free_ms = percentile(lat["free"], 95)
    figures.by_route_ms = {
        route: {
            "n": len(ms),
            "p50": percentile(ms, 50),
            "p95": percentile(ms, 95),
            "max": max(ms),
            "cpu_p50": percentile(cpu_by_route[route], 50),
            "cpu_p95": percentile(cpu_by_route[route], 95),
        }
        for route, ms in sorted(by_route.items())
    }


def _build_step(steps: Steps, name: str, folder: Path, target: Path, cmd: list[str],
                env: dict[str, str]) -> dict[str, Any]:
    """Build a store from scratch in a measured child (or reuse the cached step)."""
    found = steps.get(name)
    if found is None:
        shutil.rmtree(target, ignore_errors=True)
        found = steps.put(name, _measured(run_measured(cmd, env, folder / "logs" / f"{name}.log")))
    return found


def _set_ingest(figures: SystemFigures, build: dict[str, Any], pages: int) -> None:
    figures.ingest_s, figures.ingest_rss_mb = build["wall_s"], build["maxrss_mb"]
    figures.ingest_tree_mb = build["tree_peak_mb"]
    figures.ingest_pages_s = pages / build["wall_s"]


def _answers_step(steps: Steps, name: str, folder: Path, system: str, store: Path,
                  q_path: Path) -> dict[str, Any]:
    """One system's answers to the question set, from a measured child (or the cached step)."""
    found = steps.get(name)
    if found is None:
        out = folder / f"answers_{system}.json"
        m = run_measured(
            [PYTHON, "-m", "bench.measure", "answer", "--system", system, "--store", str(store),
             "--questions", str(q_path), "--out", str(out)],
            child_env(),
            folder / "logs" / f"answers_{system}.log",
        )
        found = json.loads(out.read_text(encoding="utf-8"))
        found["process"] = _measured(m)
        steps.put(name, found)
    return found


def _cold_steps(steps: Steps, folder: Path, data_dir: Path, question: str,
                search_question: str) -> dict[str, Any]:
    """The server's start timed step by step in a fresh child (or the cached step)."""
    found = steps.get("coldstart")
    if found is None:
        out = folder / "coldstart.json"
        m = run_measured(
            [PYTHON, "-m", "bench.measure", "coldstart", "--store", str(data_dir),
             "--question", question, "--search-question", search_question, "--out", str(out)],
            child_env(),
            folder / "logs" / "coldstart.log",
        )
        found = json.loads(out.read_text(encoding="utf-8"))
        found["process"] = _measured(m)
        steps.put("coldstart", found)
    return found


def _first_free(items: list[dict[str, Any]]) -> str:
    """The first free-text (search) question of the set."""
    item = next((i for i in items if i.get("latency") == "free"), items[-1])
    return item.get("q") or item["turns"][0]


def run_size(n: int, workdir: Path, seed: int, resume: bool, serve_questions: int) -> SizeResult:
    """Measure both systems on a corpus of ``n`` reports."""
    folder = workdir / f"n{n}"
    folder.mkdir(parents=True, exist_ok=True)
    steps = Steps(folder, resume)
    docs, items, stats = _prepare(n, folder, seed)
    pages = sum(d.pages for d in docs)
    q_path = folder / "questions.json"
    q_path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    numbers = qs.corpus_numbers(docs)
    corpus = folder / "corpus"
    data_dir, store = folder / "data", folder / "baseline"
    ours, base = SystemFigures(), SystemFigures()

    # -- the assistant: ingest, warm answers, server cold start ---------------------------------
    ingest = _build_step(steps, "ingest", folder, data_dir,
                         [PYTHON, "-m", "pncti.cli", "ingest", str(corpus), "--json"],
                         child_env(PNCTI_DATA_DIR=str(data_dir)))
    _set_ingest(ours, ingest, pages)
    log.info(
        "N=%d ingest: %.1f s, %.1f pages/s, peak RSS %.0f MB",
        n,
        ours.ingest_s,
        ours.ingest_pages_s,
        ours.ingest_rss_mb,
    )

    answers = _answers_step(steps, "answers", folder, "pncti", data_dir, q_path)
    _score(items, answers, numbers, ours)

    serve = steps.get("serve")
    if serve is None:
        texts = [i.get("q") or i["turns"][0] for i in items][:serve_questions]
        result = measure_serve(data_dir, texts, folder / "logs" / "serve.log",
                               search_question=_first_free(items))
        serve = steps.put("serve", asdict(result))
    ours.cold_start_s, ours.serve_rss_mb = serve["cold_start_s"], serve["peak_rss_mb"]
    ours.first_search_s = serve.get("first_search_s", 0.0)
    ours.encoder_ready_s = serve.get("encoder_ready_s", 0.0)
    log.info(
        "N=%d serve: first answer after %.1f s, peak RSS %.0f MB",
        n,
        ours.cold_start_s,
        ours.serve_rss_mb,
    )
    cold = _cold_steps(steps, folder, data_dir, items[0].get("q") or items[0]["turns"][0], _first_free(items))
    log.info("N=%d cold start by step: %s", n,
             ", ".join(f"{s['step'].split(' (')[0]} {s['s']:.2f} s" for s in cold["steps"]))

    # -- the baseline: build, answers (its cold start and RSS are the answering process's) -------
    build = _build_step(steps, "baseline_build", folder, store,
                        [PYTHON, "-m", "bench.baseline", "build", "--store", str(store), str(corpus)],
                        child_env())
    _set_ingest(base, build, pages)

    b_answers = _answers_step(steps, "baseline_answers", folder, "baseline", store, q_path)
    _score(items, b_answers, numbers, base)
    base.cold_start_s = b_answers["first_answer_at"] - b_answers["process"]["spawned_at"]
    base.serve_rss_mb = b_answers["process"]["maxrss_mb"]
    log.info(
        "N=%d accuracy: assistant %d/%d, baseline %d/%d",
        n,
        ours.correct,
        ours.total,
        base.correct,
        base.total,
    )
    load = {
        "ingest": ingest.get("other_load", 0.0),
        "answers": answers["process"].get("other_load", 0.0),
        "serve": serve.get("other_load", 0.0),
        "cold-start steps": cold["process"].get("other_load", 0.0),
        "baseline build": build.get("other_load", 0.0),
        "baseline answers": b_answers["process"].get("other_load", 0.0),
    }
    return SizeResult(n, pages, len(items), ours, base, stats, steps.span(), load, cold)


# ---------------------------------------------------------------------------------------------
# Table and report
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def parse_sizes(text: str, option: str = "--sizes", unit: str = "documents") -> list[int]:
    """ "1,50,500" → [1, 50, 500]."""
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{option} takes numbers separated by commas, e.g. 1,50,500 (got {text!r})"
        )
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError(f"{option} needs positive numbers of {unit} (got {text!r})")
    return sizes


def parse_pages(text: str) -> list[int]:
    """ "500,5000" → [500, 5000]."""
    return parse_sizes(text, "--pages", "pages")


def documents_for_pages(pages: int, seed: int = 0) -> int:
    """The smallest number of synthetic documents whose corpus has at least ``pages`` pages.

    The generator's first ``n`` documents are the same for every larger ``n`` (a prefix), so the
    answer is read off the running page count of one laid-out corpus (no PDF is written).
    """
    n = max(8, pages // 4)
    while True:
        total = 0
        for i, doc in enumerate(layout_corpus(n, seed), start=1):
            total += len(doc.pages)
            if total >= pages:
                return i
        n *= 2


def build_parser() -> argparse.ArgumentParser:
    """Arguments of ``python -m bench.run``."""
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes",
        type=parse_sizes,
        default=None,
        help="numbers of documents, comma-separated (1 = the seed report; default 1 and "
        "--pages 500,5000)",
    )
    p.add_argument(
        "--pages",
        type=parse_pages,
        default=None,
        help="sizes as numbers of pages, comma-separated: each is the smallest synthetic corpus "
        "with at least that many pages (e.g. 500 → 91 documents with seed 0)",
    )
    p.add_argument("--quick", action="store_true", help="sizes 1,5 (CI smoke test)")
    p.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="report to write"
    )
    p.add_argument(
        "--workdir", type=Path, default=None, help="work folder (default: a new temporary one)"
    )
    p.add_argument("--resume", action="store_true", help="reuse finished steps found in --workdir")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus and questions")
    p.add_argument(
        "--serve-questions", type=int, default=20, help="questions sent to the server over HTTP"
    )
    p.add_argument(
        "--threads",
        type=int,
        default=None,
        help="OMP_NUM_THREADS for every measured child (torch's intra-op threads; default: "
        "one per core for ingest, one for the answering processes)",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; write the report."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.sizes or args.pages:
        sizes, pages = list(args.sizes or []), list(args.pages or [])
    elif args.quick:
        sizes, pages = list(QUICK_SIZES), []
    else:
        sizes, pages = list(DEFAULT_SIZES), list(DEFAULT_PAGES)
    for p in pages:
        sizes.append(documents_for_pages(p, args.seed))
        log.info("%d pages: N=%d documents (seed %d)", p, sizes[-1], args.seed)
    if args.threads is not None:
        os.environ["OMP_NUM_THREADS"] = str(args.threads)  # children inherit it (child_env)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pncti-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started, t0 = dt.datetime.now().astimezone(), time.perf_counter()
    fingerprint = code_fingerprint()
    log.info("Sizes %s, work folder %s, code %s", sizes, workdir, fingerprint)
    recorded = workdir / "code_fingerprint.txt"
    if args.resume and recorded.exists() and recorded.read_text().strip() != fingerprint:
        raise SystemExit(
            f"The code changed since {workdir} was measured ({recorded.read_text().strip()} → "
            f"{fingerprint}): rerun without --resume, or with a new --workdir."
        )
    recorded.write_text(fingerprint)
    results = []
    for n in sizes:
        results.append(run_size(n, workdir, args.seed, args.resume, args.serve_questions))
        if code_fingerprint() != fingerprint:
            log.warning(
                "The assistant's code changed during the run (%s → %s): the figures mix versions.",
                fingerprint,
                code_fingerprint(),
            )
    table = render_table(results)
    command = shlex.join(
        ["python", "-m", "bench.run", *(argv if argv is not None else sys.argv[1:])]
    )
    report = render_report(results, table, command, started, time.perf_counter() - t0, fingerprint)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    (workdir / "results.json").write_text(
        json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    log.info("Wrote %s", args.out)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
