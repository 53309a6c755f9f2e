"""`pncti eval`: accuracy by kind, refusals, citations, unsupported numbers, latency."""

from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.core import Assistant
from assistant.verify import figures_outside_quotes
from ingest.numbers import find_numbers, format_number, parse_words, strip_accents


def normalise(text: str) -> str:
    """Fold accents and case, write number words and decimal commas as digits with a point."""
    folded = strip_accents(text)
    folded = re.sub(r"(\d),(\d)", r"\1.\2", folded)
    folded = re.sub(r"(\d)\s+%", r"\1%", folded)

    def word_to_digit(m: re.Match[str]) -> str:
        value = parse_words(m.group(0))
        return format_number(value) if value is not None and m.group(0) not in {"un", "una", "uno"} else m.group(0)

    return re.sub(r"[a-zñ]+", word_to_digit, folded)


def contains(answer: str, fact: str) -> bool:
    """True when ``fact`` appears in ``answer`` after normalisation (on word boundaries for numbers)."""
    a, f = normalise(answer), normalise(fact)
    if re.fullmatch(r"[\d.]+", f):
        return re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", a) is not None
    return f in a


def judge(item: dict[str, Any], answer_text: str, refused: bool) -> bool:
    """Whether an answer satisfies one eval item."""
    if item.get("refuse"):
        return refused
    if refused:
        return False
    if "must" in item and not all(contains(answer_text, f) for f in item["must"]):
        return False
    if "must_any" in item:
        hits = sum(contains(answer_text, f) for f in item["must_any"])
        if hits < item.get("min_any", 1):
            return False
    return True


def run_eval(assistant: Assistant, path: Path) -> dict[str, Any]:
    """Run every item of a JSONL eval file and summarise."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assistant.warm_up()
    snap = assistant.kb.snapshot()
    corpus_numbers = {n.value for s in snap.sentences for n in find_numbers(s.text)}
    by_kind: dict[str, list[bool]] = defaultdict(list)
    latencies: list[float] = []
    results = []
    cited = answered = unsupported = refusal_ok = refusal_total = 0
    for item in items:
        turns = item.get("turns") or [item["q"]]
        history: list[dict[str, str]] = []
        answer = None
        for turn in turns:
            answer = assistant.ask(turn, history)
            latencies.append(answer.latency_ms)
            history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer.text}]
        assert answer is not None
        full_text = answer.text
        ok = judge(item, full_text, answer.refused)
        by_kind[item.get("kind", "otro")].append(ok)
        if item.get("refuse") or answer.refused:
            refusal_total += 1 if item.get("refuse") else 0
            refusal_ok += 1 if item.get("refuse") and answer.refused else 0
        if not answer.refused:
            answered += 1
            cited += 1 if answer.citations and all(c.page for c in answer.citations) else 0
            computed = {f.value for f in answer.figures if f.source == "calculado"}
            unsupported += sum(1 for value, _ in figures_outside_quotes(answer.text)
                               if value not in corpus_numbers and value not in computed
                               and not any(abs(value - c) < 1e-6 for c in corpus_numbers))
        results.append({"id": item.get("id"), "kind": item.get("kind"), "ok": ok, "refused": answer.refused,
                        "route": answer.route, "answer": answer.text})
    total = len(items)
    correct = sum(r["ok"] for r in results)
    lat = sorted(latencies)
    return {
        "total": total, "correct": correct, "accuracy": correct / total if total else 0.0,
        "by_kind": {k: {"correct": sum(v), "total": len(v)} for k, v in sorted(by_kind.items())},
        "refusal_accuracy": refusal_ok / refusal_total if refusal_total else 1.0,
        "cited_share": cited / answered if answered else 1.0,
        "unsupported_numbers": unsupported,
        "latency_ms": {"p50": statistics.median(lat) if lat else 0.0,
                       "p95": lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))] if lat else 0.0},
        "results": results,
    }


def format_report(result: dict[str, Any]) -> str:
    """Human-readable summary of :func:`run_eval`."""
    lines = [f"Aciertos: {result['correct']}/{result['total']} ({result['accuracy']:.0%})"]
    for kind, v in result["by_kind"].items():
        lines.append(f"  {kind:<10} {v['correct']}/{v['total']}")
    lines += [
        f"Rechazos correctos: {result['refusal_accuracy']:.0%}",
        f"Respuestas citadas con página: {result['cited_share']:.0%}",
        f"Números no presentes en el corpus: {result['unsupported_numbers']}",
        f"Latencia p50/p95: {result['latency_ms']['p50']:.0f} / {result['latency_ms']['p95']:.0f} ms",
    ]
    for r in result["results"]:
        if not r["ok"]:
            lines.append(f"  ✗ {r['id']} [{r['route']}] {r['answer'][:160]!r}")
    return "\n".join(lines)
