"""`make bench`: ingest, answer and serve at several corpus sizes, against a naive RAG baseline.

Sizes are numbers of reports: 1 is the seed report with ``eval/dev_qa.jsonl``; larger sizes are
synthetic PDFs of about ten pages (``bench.synth.make_corpus(scale=2)``) with questions generated
from the same reports (``bench.questions``). For each size this measures, for the assistant and
for the baseline (``bench.baseline``): ingest pages/s and peak RSS, warm ask p50/p95 for
structured and free-text questions, cold start to the first answer and the peak RSS of the
answering process, accuracy and unsupported numbers. It prints one markdown table and writes
``docs/benchmarks.md``.

    python -m bench.run [--sizes 1,50,500 | --quick] [--out docs/benchmarks.md] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import platform
import shlex
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import questions as qs
from bench.measure import PYTHON, Measured, child_env, measure_serve, percentile, run_measured

log = logging.getLogger("bench.run")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = [1, 50, 500]
QUICK_SIZES = [1, 5]
ANALYSIS = Path(__file__).resolve().parent / "analysis.md"

# Targets of issue #6.
INGEST_PAGES_S = 20.0
P95_MS_SMALL, P95_MS_LARGE, LARGE_PAGES = 150.0, 300.0, 5000
COLD_START_S = 15.0
SERVER_RSS_MB = 1.5 * 1024
ACCURACY = 0.95

CODE_DIRS = ("assistant", "ingest", "pncti", "prompts")

COLUMNS = ["Size", "Metric", "PNCTI assistant", "Naive RAG baseline", "Ratio (assistant / baseline)",
           "Target", "Met"]


@dataclass
class SystemFigures:
    """What one system measured at one size."""

    ingest_s: float = 0.0
    ingest_pages_s: float = 0.0
    ingest_rss_mb: float = 0.0
    ingest_tree_mb: float = 0.0
    p50_structured_ms: float = 0.0
    p95_structured_ms: float = 0.0
    p50_free_ms: float = 0.0
    p95_free_ms: float = 0.0
    cold_start_s: float = 0.0
    serve_rss_mb: float = 0.0
    correct: int = 0
    total: int = 0
    unsupported: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    by_scope: dict[str, list[int]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    unsupported_examples: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class SizeResult:
    """Both systems at one corpus size."""

    n_docs: int
    pages: int
    questions: int
    ours: SystemFigures
    baseline: SystemFigures
    question_stats: dict[str, Any] = field(default_factory=dict)
    measured: tuple[float, float] = (0.0, 0.0)  # first and last step end (epoch seconds)

    @property
    def label(self) -> str:
        kind = "seed" if self.n_docs == 1 else "synthetic"
        return f"N={self.n_docs} ({kind}, {self.pages:,} pages)"


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
        (self.folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return data


def _prepare(n: int, folder: Path, seed: int) -> tuple[list[qs.CorpusDoc], list[dict[str, Any]], dict[str, Any]]:
    corpus = folder / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    started = time.perf_counter()
    if n == 1:
        docs = qs.seed_corpus(corpus)
        items, stats = qs.seed_questions(), {"source": str(qs.SEED_QUESTIONS.relative_to(ROOT))}
    else:
        docs = qs.build_corpus(corpus, n, rng_seed=seed, scale=2)
        items, stats = qs.generate_questions(docs, rng_seed=seed)
    log.info("N=%d: %d documents, %d pages, %d questions (%.1f s to generate)", n, len(docs),
             sum(d.pages for d in docs), len(items), time.perf_counter() - started)
    return docs, items, stats


def _measured(m: Measured) -> dict[str, Any]:
    return asdict(m)


def _score(items: list[dict[str, Any]], answers: dict[str, Any], numbers: set[float], figures: SystemFigures) -> None:
    """Accuracy, unsupported numbers and latencies of one system's answers."""
    by_id = {r["id"]: r for r in answers["results"]}
    lat: dict[str, list[float]] = defaultdict(list)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    scopes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        r = by_id[item["id"]]
        ok = qs.judge_item(item, r["text"], r["refused"])
        figures.correct += ok
        figures.total += 1
        kinds[item["kind"]][0] += ok
        kinds[item["kind"]][1] += 1
        scopes[item.get("scope", "seed")][0] += ok
        scopes[item.get("scope", "seed")][1] += 1
        asked = " ".join(item.get("turns") or [item["q"]])
        bad = qs.unsupported_numbers(r["text"], numbers, r.get("computed", []), asked)
        figures.unsupported += len(bad)
        if bad and len(figures.unsupported_examples) < 5:
            figures.unsupported_examples.append(f"{item['id']}: {', '.join(bad[:5])}")
        if not ok:
            figures.failures.append({"id": item["id"], "kind": item["kind"],
                                     "q": item.get("q") or " → ".join(item["turns"]),
                                     "gold": item.get("must") or item.get("must_any") or "rechazo",
                                     "route": r.get("route", ""), "answer": r["text"][:240]})
        lat[item["latency"]].extend(r["latency_ms"])
    figures.by_kind = dict(kinds)
    figures.by_scope = dict(scopes)
    figures.p50_structured_ms = percentile(lat["structured"], 50)
    figures.p95_structured_ms = percentile(lat["structured"], 95)
    figures.p50_free_ms = percentile(lat["free"], 50)
    figures.p95_free_ms = percentile(lat["free"], 95)


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
    ingest = steps.get("ingest")
    if ingest is None:
        shutil.rmtree(data_dir, ignore_errors=True)
        ingest = steps.put("ingest", _measured(run_measured(
            [PYTHON, "-m", "pncti.cli", "ingest", str(corpus), "--json"],
            child_env(PNCTI_DATA_DIR=str(data_dir)), folder / "logs" / "ingest.log")))
    ours.ingest_s, ours.ingest_rss_mb, ours.ingest_tree_mb = ingest["wall_s"], ingest["maxrss_mb"], ingest["tree_peak_mb"]
    ours.ingest_pages_s = pages / ingest["wall_s"]
    log.info("N=%d ingest: %.1f s, %.1f pages/s, peak RSS %.0f MB", n, ours.ingest_s, ours.ingest_pages_s,
             ours.ingest_rss_mb)

    answers = steps.get("answers")
    if answers is None:
        out = folder / "answers_pncti.json"
        m = run_measured([PYTHON, "-m", "bench.measure", "answer", "--system", "pncti", "--store", str(data_dir),
                          "--questions", str(q_path), "--out", str(out)],
                         child_env(), folder / "logs" / "answers_pncti.log")
        answers = json.loads(out.read_text(encoding="utf-8"))
        answers["process"] = _measured(m)
        steps.put("answers", answers)
    _score(items, answers, numbers, ours)

    serve = steps.get("serve")
    if serve is None:
        texts = [i.get("q") or i["turns"][0] for i in items][:serve_questions]
        result = measure_serve(data_dir, texts, folder / "logs" / "serve.log")
        serve = steps.put("serve", asdict(result))
    ours.cold_start_s, ours.serve_rss_mb = serve["cold_start_s"], serve["peak_rss_mb"]
    log.info("N=%d serve: first answer after %.1f s, peak RSS %.0f MB", n, ours.cold_start_s, ours.serve_rss_mb)

    # -- the baseline: build, answers (its cold start and RSS are the answering process's) -------
    build = steps.get("baseline_build")
    if build is None:
        shutil.rmtree(store, ignore_errors=True)
        build = steps.put("baseline_build", _measured(run_measured(
            [PYTHON, "-m", "bench.baseline", "build", "--store", str(store), str(corpus)],
            child_env(), folder / "logs" / "baseline_build.log")))
    base.ingest_s, base.ingest_rss_mb, base.ingest_tree_mb = build["wall_s"], build["maxrss_mb"], build["tree_peak_mb"]
    base.ingest_pages_s = pages / build["wall_s"]

    b_answers = steps.get("baseline_answers")
    if b_answers is None:
        out = folder / "answers_baseline.json"
        m = run_measured([PYTHON, "-m", "bench.measure", "answer", "--system", "baseline", "--store", str(store),
                          "--questions", str(q_path), "--out", str(out)],
                         child_env(), folder / "logs" / "answers_baseline.log")
        b_answers = json.loads(out.read_text(encoding="utf-8"))
        b_answers["process"] = _measured(m)
        steps.put("baseline_answers", b_answers)
    _score(items, b_answers, numbers, base)
    base.cold_start_s = b_answers["first_answer_at"] - b_answers["process"]["spawned_at"]
    base.serve_rss_mb = b_answers["process"]["maxrss_mb"]
    log.info("N=%d accuracy: assistant %d/%d, baseline %d/%d", n, ours.correct, ours.total, base.correct, base.total)
    return SizeResult(n, pages, len(items), ours, base, stats, steps.span())


# ---------------------------------------------------------------------------------------------
# Table and report
# ---------------------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"×{a / b:.2f}" if b else "—"


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


def metric_rows(r: SizeResult) -> list[list[str]]:
    """The table rows of one size: metric, both systems, ratio, target and whether it is met."""
    o, b = r.ours, r.baseline
    p95_target = P95_MS_LARGE if r.pages >= LARGE_PAGES else P95_MS_SMALL
    rows: list[tuple[str, float, float, str, str, bool | None]] = [
        ("Ingest throughput (pages/s)", o.ingest_pages_s, b.ingest_pages_s, "{:.1f}",
         f"≥ {INGEST_PAGES_S:g}", o.ingest_pages_s >= INGEST_PAGES_S),
        ("Ingest wall time (s)", o.ingest_s, b.ingest_s, "{:.1f}", "", None),
        ("Ingest peak RSS (MB)", o.ingest_rss_mb, b.ingest_rss_mb, "{:.0f}", "", None),
        ("Ask p50, structured (ms)", o.p50_structured_ms, b.p50_structured_ms, "{:.1f}", "", None),
        ("Ask p95, structured (ms)", o.p95_structured_ms, b.p95_structured_ms, "{:.1f}",
         f"≤ {p95_target:g}", o.p95_structured_ms <= p95_target),
        ("Ask p50, free text (ms)", o.p50_free_ms, b.p50_free_ms, "{:.1f}", "", None),
        ("Ask p95, free text (ms)", o.p95_free_ms, b.p95_free_ms, "{:.1f}",
         f"≤ {p95_target:g}", o.p95_free_ms <= p95_target),
        ("Cold start to first answer (s)", o.cold_start_s, b.cold_start_s, "{:.1f}",
         f"≤ {COLD_START_S:g}", o.cold_start_s <= COLD_START_S),
        ("Server peak RSS (MB)", o.serve_rss_mb, b.serve_rss_mb, "{:.0f}",
         f"≤ {SERVER_RSS_MB:g}", o.serve_rss_mb <= SERVER_RSS_MB),
        ("Accuracy (%)", 100 * o.accuracy, 100 * b.accuracy, "{:.1f}",
         f"≥ {100 * ACCURACY:g}", o.accuracy >= ACCURACY),
        ("Unsupported numbers", o.unsupported, b.unsupported, "{:.0f}", "0", o.unsupported == 0),
    ]
    out = []
    for name, ours, base, fmt, target, ok in rows:
        if name.startswith("Accuracy"):
            shown = (f"{fmt.format(ours)} ({o.correct}/{o.total})", f"{fmt.format(base)} ({b.correct}/{b.total})")
        else:
            shown = (fmt.format(ours), fmt.format(base))
        out.append([r.label, name, *shown, _ratio(ours, base), target, _met(ok)])
    return out


def render_table(results: list[SizeResult]) -> str:
    """One markdown table: every size and metric, both systems, ratio, target, met."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(" --- " for _ in COLUMNS) + "|"]
    for r in results:
        lines += ["| " + " | ".join(row) + " |" for row in metric_rows(r)]
    return "\n".join(lines)


def code_fingerprint(root: Path = ROOT) -> str:
    """A short hash of the assistant's code and prompts, to tell which version was measured."""
    digest = hashlib.sha256()
    for folder in CODE_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2", ".yaml", ".md") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def machine() -> dict[str, str]:
    """nproc, RAM, CPU model and Python version of this machine."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:"))
        ram = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        ram = "unknown"
    try:
        import torch

        torch_info = f"torch {torch.__version__}, {torch.get_num_threads()} intra-op threads"
    except ImportError:
        torch_info = "torch not installed"
    return {"nproc": str(os.cpu_count()), "ram": ram, "cpu": cpu,
            "python": f"{platform.python_version()} ({sys.executable})", "os": platform.platform(),
            "torch": torch_info}


def targets_summary(results: list[SizeResult]) -> list[str]:
    """One line per issue target: met at every measured size, or where not."""
    checks = {
        f"Ingest ≥ {INGEST_PAGES_S:g} pages/s": lambda r: (r.ours.ingest_pages_s >= INGEST_PAGES_S,
                                                         f"{r.ours.ingest_pages_s:.1f} pages/s"),
        f"Ask p95 ≤ {P95_MS_SMALL:g} ms up to 500 pages, ≤ {P95_MS_LARGE:g} ms at 5,000 pages": lambda r: (
            max(r.ours.p95_structured_ms, r.ours.p95_free_ms)
            <= (P95_MS_LARGE if r.pages >= LARGE_PAGES else P95_MS_SMALL),
            f"structured {r.ours.p95_structured_ms:.0f} ms, free {r.ours.p95_free_ms:.0f} ms"),
        f"Cold start to first answer ≤ {COLD_START_S:g} s": lambda r: (r.ours.cold_start_s <= COLD_START_S,
                                                                     f"{r.ours.cold_start_s:.1f} s"),
        "Server peak RSS ≤ 1.5 GB": lambda r: (r.ours.serve_rss_mb <= SERVER_RSS_MB, f"{r.ours.serve_rss_mb:.0f} MB"),
        f"Accuracy ≥ {100 * ACCURACY:g} % with 0 unsupported numbers": lambda r: (
            r.ours.accuracy >= ACCURACY and r.ours.unsupported == 0,
            f"{100 * r.ours.accuracy:.1f} %, {r.ours.unsupported} unsupported"),
    }
    lines = []
    for name, check in checks.items():
        per_size = [(r, *check(r)) for r in results]
        all_ok = all(ok for _, ok, _ in per_size)
        detail = "; ".join(f"N={r.n_docs}: {'✓' if ok else '✗'} {text}" for r, ok, text in per_size)
        lines.append(f"- **{name}** — {'met' if all_ok else '**not met**'} ({detail})")
    return lines


def _when(results: list[SizeResult], started: dt.datetime, elapsed_s: float) -> str:
    """When the figures were measured (steps reused with --resume keep their own time)."""
    ends = [t for r in results for t in r.measured if t]
    tz = started.tzinfo
    first = min([started.timestamp(), *ends])
    last = max([started.timestamp() + elapsed_s, *ends])
    fmt = "%Y-%m-%d %H:%M %Z"
    text = f"{dt.datetime.fromtimestamp(first, tz).strftime(fmt)} – {dt.datetime.fromtimestamp(last, tz).strftime(fmt)}"
    return text + (f" (this invocation took {elapsed_s / 60:.1f} min)")


def render_report(results: list[SizeResult], table: str, command: str, started: dt.datetime,
                  elapsed_s: float, fingerprint: str = "") -> str:
    """The whole docs/benchmarks.md."""
    m = machine()
    out = [
        "# Benchmarks",
        "",
        "Generated by `bench/run.py` (issue #6); regenerate with the command below. Every figure comes "
        "from one run on the machine described here.",
        "",
        f"- **Command:** `{command}`",
        f"- **Date:** {_when(results, started, elapsed_s)}",
        f"- **Machine:** {m['nproc']} CPUs ({m['cpu']}), {m['ram']} RAM, {m['os']}",
        f"- **Python:** {m['python']}; {m['torch']}",
        f"- **Code measured:** `{fingerprint}` (SHA-256 prefix of {', '.join(CODE_DIRS)}; "
        "`bench.run.code_fingerprint()`)",
        "",
        "## Results",
        "",
        table,
        "",
        "Ratios are assistant / baseline: above 1 is better for throughput, below 1 is better for "
        "times and memory.",
        "",
        "## Targets (issue #6)",
        "",
        *targets_summary(results),
        "",
        "## How it is measured",
        "",
        "- **Corpus.** N=1 is the seed report `corpus/reporte_cumplimiento_pncti_2023.txt` with its "
        "hand-written questions `eval/dev_qa.jsonl`. Larger N are synthetic report PDFs "
        "(`bench.synth.make_corpus(n, rng_seed=0, scale=2)`, about ten pages each, periods 2023–2030 and "
        "five policies in rotation).",
        "- **Questions** (`bench/questions.py`) are generated from the same `SynthReport` objects and "
        "`expected_facts`: figures and progress by indicator code and period, ND values, ALC shares, "
        "partner-country lists per period, services of an objective, objective titles, reasons for "
        "missing data, out-of-corpus questions that must be refused, and two-turn follow-ups. A "
        "question names the period, and the policy when needed; candidates whose gold still differs "
        "between the reports they could refer to are dropped. Judging is `assistant.evaluation.judge` "
        "(Spanish number words and decimal commas normalised) plus two checks that only matter with "
        "many reports: `must_not` (a list may not include services or countries the asked-for "
        "report does not name) and `rivals` (the gold figure must come before any other report's "
        "figure for the same code and period).",
        "- **Ingest** runs `python -m pncti.cli ingest CORPUS --json` in a child process with "
        "`PNCTI_DATA_DIR`; throughput is pages / wall time from spawn to exit (model load "
        "included). Peak RSS is `ru_maxrss` from `wait4` on that child (the largest single process "
        "of its tree); `bench/measure.py` also samples the summed RSS of the tree.",
        "- **Ask latency** is wall time around `Assistant.ask` in a child process "
        "(`python -m bench.measure answer`) after `warm_up()`, every turn of every question, each "
        "question asked once. *Structured* are figure, progress and figure follow-up questions; "
        "*free text* is everything else (lists, facts, explanations, refusals).",
        "- **Cold start** starts `python -m pncti.cli serve --port P` and polls `POST /api/ask` every "
        "0.1 s until the first 200, timed from just before the spawn. **Server peak RSS** is the "
        "server's `VmHWM` after it has answered the first "
        "questions of the set over HTTP. For the baseline, both are taken on its answering process "
        "(spawn → first answer; `ru_maxrss`).",
        "- **Unsupported numbers** are figures an answer states outside «quotes» (page references and "
        "codes excluded, `assistant.verify.figures_outside_quotes`) that the corpus text does not "
        "print; figures the assistant labels as calculated, and numbers echoed from the question (a "
        "refusal that names the asked-for year), are allowed.",
        "- **Baseline** (`bench/baseline.py`): pypdf page text, `RecursiveCharacterTextSplitter("
        "chunk_size=1000, chunk_overlap=100)`, `langchain_chroma.Chroma` with the same MiniLM "
        "embedder, `similarity_search(question, k=4)`; the answer is the best chunk's text. It never "
        "refuses and ignores the history.",
        "",
        "## Accuracy by kind of question",
        "",
        "| Size | Kind | Assistant | Baseline |",
        "| --- | --- | --- | --- |",
    ]
    for r in results:
        for kind in sorted(r.ours.by_kind):
            oc, ot = r.ours.by_kind[kind]
            bc, bt = r.baseline.by_kind.get(kind, [0, 0])
            out.append(f"| N={r.n_docs} | {kind} | {oc}/{ot} | {bc}/{bt} |")
    out += ["", "Accuracy by what the question has to name to be unique (*period*: the year alone; "
            "*policy*: the year and the policy; *corpus*: out-of-corpus questions; *seed*: the dev set):",
            "", "| Size | Scope | Assistant | Baseline |", "| --- | --- | --- | --- |"]
    for r in results:
        for scope in sorted(r.ours.by_scope):
            oc, ot = r.ours.by_scope[scope]
            bc, bt = r.baseline.by_scope.get(scope, [0, 0])
            out.append(f"| N={r.n_docs} | {scope} | {oc}/{ot} | {bc}/{bt} |")
    out += ["", "## Question sets", ""]
    for r in results:
        out.append(f"- N={r.n_docs}: {r.questions} questions; {json.dumps(r.question_stats, ensure_ascii=False)}")
    out += ["", "## Failed questions (assistant, first 8 per size)", ""]
    for r in results:
        for f in r.ours.failures[:8]:
            answer = f["answer"].replace("\n", " ").replace("|", "\\|")
            out.append(f"- N={r.n_docs} `{f['id']}` ({f['kind']}, route `{f['route']}`): {f['q']} — gold "
                       f"{f['gold']} — answer: {answer}…")
        for e in r.ours.unsupported_examples:
            out.append(f"- N={r.n_docs} unsupported numbers in {e}")
    if ANALYSIS.exists():
        out += ["", ANALYSIS.read_text(encoding="utf-8").strip()]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    """"1,50,500" → [1, 50, 500]."""
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes takes numbers separated by commas, e.g. 1,50,500 (got {text!r})")
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError(f"--sizes needs positive numbers of reports (got {text!r})")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    """Arguments of ``python -m bench.run``."""
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=parse_sizes, default=None,
                   help="numbers of reports, comma-separated (default 1,50,500; 1 = the seed report)")
    p.add_argument("--quick", action="store_true", help="sizes 1,5 (CI smoke test)")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="report to write")
    p.add_argument("--workdir", type=Path, default=None, help="work folder (default: a new temporary one)")
    p.add_argument("--resume", action="store_true", help="reuse finished steps found in --workdir")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus and questions")
    p.add_argument("--serve-questions", type=int, default=20, help="questions sent to the server over HTTP")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; write the report."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pncti-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started, t0 = dt.datetime.now().astimezone(), time.perf_counter()
    fingerprint = code_fingerprint()
    log.info("Sizes %s, work folder %s, code %s", sizes, workdir, fingerprint)
    recorded = workdir / "code_fingerprint.txt"
    if args.resume and recorded.exists() and recorded.read_text().strip() != fingerprint:
        raise SystemExit(f"The code changed since {workdir} was measured ({recorded.read_text().strip()} → "
                         f"{fingerprint}): rerun without --resume, or with a new --workdir.")
    recorded.write_text(fingerprint)
    results = []
    for n in sizes:
        results.append(run_size(n, workdir, args.seed, args.resume, args.serve_questions))
        if code_fingerprint() != fingerprint:
            log.warning("The assistant's code changed during the run (%s → %s): the figures mix versions.",
                        fingerprint, code_fingerprint())
    table = render_table(results)
    command = shlex.join(["python", "-m", "bench.run", *(argv if argv is not None else sys.argv[1:])])
    report = render_report(results, table, command, started, time.perf_counter() - t0, fingerprint)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    (workdir / "results.json").write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    log.info("Wrote %s", args.out)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
