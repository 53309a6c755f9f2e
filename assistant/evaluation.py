"""`pncti eval`: four outcomes per item, by kind and intent; citations, unsupported numbers, latency.

An item of an eval set (``../shared/eval/README.md``) is judged by:

- ``must``: every entry must appear; an entry that is a list is met by any one of its alternatives;
- ``must_any`` + ``min_any``: at least ``min_any`` of these must appear;
- ``must_not``: none of these may appear;
- ``refuse``: the answer must be a refusal.

Matching ignores case and accents; a decimal comma counts as a point ("45,83" = "45.83"),
number words up to twenty count as digits ("dos" = "2"), and a bare number must stand alone
("4" matches neither "45" nor "4.17").

Every item has exactly one outcome: ``right``; ``refused_answerable`` (refused, but the
documents answer it); ``confidently_wrong`` (answered, and the answer fails the item); or
``answered_refusal`` (answered although the item must be refused).
"""

from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.verify import figures_outside_quotes
from ingest.numbers import find_numbers, format_number, parse_words, strip_accents

if TYPE_CHECKING:
    from assistant.core import Assistant

OUTCOMES = ("right", "refused_answerable", "confidently_wrong", "answered_refusal")
_LABELS = {
    "right": "Correctas",
    "refused_answerable": "Rechazadas con respuesta en los documentos",
    "confidently_wrong": "Respondidas mal",
    "answered_refusal": "Respondidas cuando debían rechazarse",
}
_MAX_NUMBER_WORD = 20


def normalise(text: str) -> str:
    """Fold accents and case, write number words (up to twenty) and decimal commas as digits with a point."""
    folded = strip_accents(text)
    folded = re.sub(r"(\d),(\d)", r"\1.\2", folded)
    folded = re.sub(r"(\d)\s+%", r"\1%", folded)

    def word_to_digit(m: re.Match[str]) -> str:
        word = m.group(0)
        if word in {"un", "una", "uno"}:
            return word
        value = parse_words(word)
        return format_number(value) if value is not None and value <= _MAX_NUMBER_WORD else word

    return re.sub(r"[a-zñ]+", word_to_digit, folded)


def contains(answer: str, fact: str | list[str]) -> bool:
    """True when ``fact`` (or, for a list, any of its alternatives) appears in ``answer``.

    A bare number must stand alone: no digit or decimal part may continue it on either side.
    """
    if isinstance(fact, list):
        return any(contains(answer, alternative) for alternative in fact)
    a, f = normalise(answer), normalise(fact)
    if re.fullmatch(r"\d+(?:\.\d+)?", f):
        if re.search(rf"(?<![\d.]){re.escape(f)}(?!\d|[.,]\d)", a) is not None:
            return True
        return "." in f and _rounds_to(a, f)
    return f in a


def _rounds_to(answer: str, gold: str) -> bool:
    """True when ``answer`` states, with more decimals, a number that rounds to a gold written with
    decimals: "44.44 %" states the "44.4" of a gold rounded to one decimal. A gold without decimals
    is never matched by rounding ("2" is not "2.4")."""
    places = len(gold.split(".")[1])
    step = Decimal(1).scaleb(-places)
    for m in re.finditer(rf"(?<![\d.])(\d+\.\d{{{places + 1},}})(?!\d|[.,]\d)", answer):
        if Decimal(m.group(1)).quantize(step, rounding=ROUND_HALF_UP) == Decimal(gold):
            return True
    return False


def judge(item: dict[str, Any], answer_text: str, refused: bool) -> bool:
    """Whether an answer satisfies one eval item."""
    return outcome(item, answer_text, refused) == "right"


def outcome(item: dict[str, Any], answer_text: str, refused: bool) -> str:
    """One of :data:`OUTCOMES` for an answer to ``item``."""
    if item.get("refuse"):
        return "right" if refused else "answered_refusal"
    if refused:
        return "refused_answerable"
    ok = all(contains(answer_text, f) for f in item.get("must", []))
    if ok and "must_any" in item:
        ok = sum(contains(answer_text, f) for f in item["must_any"]) >= item.get("min_any", 1)
    if ok and any(contains(answer_text, f) for f in item.get("must_not", [])):
        ok = False
    return "right" if ok else "confidently_wrong"


def _tally(outcomes: list[str]) -> dict[str, int]:
    counts = {name: 0 for name in OUTCOMES}
    for o in outcomes:
        counts[o] += 1
    return {"correct": counts["right"], "total": len(outcomes), **counts}


def load_items(path: Path) -> list[dict[str, Any]]:
    """The items of a JSONL eval file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def user_turns(item: dict[str, Any]) -> list[str]:
    """The questions an item asks, in order: ``q``, or the user turns of ``turns``.

    A turn is a string or a chat message (``{"role", "content"}``); an assistant message written
    into the item is skipped, because the assistant's own answer to the earlier turn is what a
    user would have seen before asking the next one.
    """
    turns = item.get("turns") or [item["q"]]
    return [t if isinstance(t, str) else t["content"] for t in turns
            if isinstance(t, str) or t.get("role", "user") == "user"]


def run_eval(assistant: Assistant, path: Path) -> dict[str, Any]:
    """Run every item of a JSONL eval file and summarise."""
    items = load_items(path)
    assistant.warm_up()
    snap = assistant.kb.snapshot()
    corpus_numbers = {n.value for s in snap.sentences for n in find_numbers(s.text)}
    by_kind: dict[str, list[str]] = defaultdict(list)
    by_intent: dict[str, list[str]] = defaultdict(list)
    latencies: list[float] = []
    results = []
    cited = answered = unsupported = refusal_ok = refusal_total = 0
    for item in items:
        turns = user_turns(item)
        history: list[dict[str, str]] = []
        answer = None
        for turn in turns:
            answer = assistant.ask(turn, history)
            latencies.append(answer.latency_ms)
            history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer.text}]
        assert answer is not None
        result = outcome(item, answer.text, answer.refused)
        by_kind[item.get("kind", "otro")].append(result)
        if "intent" in item:
            by_intent[item["intent"]].append(result)
        if item.get("refuse"):
            refusal_total += 1
            refusal_ok += 1 if answer.refused else 0
        if not answer.refused:
            answered += 1
            cited += 1 if answer.citations and all(c.page for c in answer.citations) else 0
            computed = {f.value for f in answer.figures if f.source == "calculado"}
            unsupported += sum(1 for value, _ in figures_outside_quotes(answer.text)
                               if value not in corpus_numbers and value not in computed
                               and not any(abs(value - c) < 1e-6 for c in corpus_numbers))
        results.append({"id": item.get("id"), "kind": item.get("kind"), "intent": item.get("intent"),
                        "ok": result == "right", "outcome": result, "refused": answer.refused,
                        "route": answer.route, "answer": answer.text})
    total = len(items)
    all_outcomes = [r["outcome"] for r in results]
    tally = _tally(all_outcomes)
    lat = sorted(latencies)
    return {
        "total": total, "correct": tally["right"], "accuracy": tally["right"] / total if total else 0.0,
        "outcomes": {name: tally[name] for name in OUTCOMES},
        "by_kind": {k: _tally(v) for k, v in sorted(by_kind.items())},
        "by_intent": {k: _tally(v) for k, v in sorted(by_intent.items())},
        "refusal_accuracy": refusal_ok / refusal_total if refusal_total else 1.0,
        "cited_share": cited / answered if answered else 1.0,
        "unsupported_numbers": unsupported,
        "latency_ms": {"p50": statistics.median(lat) if lat else 0.0,
                       "p95": lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))] if lat else 0.0},
        "results": results,
    }


def _breakdown(title: str, groups: dict[str, dict[str, int]]) -> list[str]:
    lines = [f"{title}:"] if groups else []
    for name, v in groups.items():
        lines.append(f"  {name:<16} {v['right']}/{v['total']}  rechazadas {v['refused_answerable']}  "
                     f"mal {v['confidently_wrong']}  respondidas-debían-rechazarse {v['answered_refusal']}")
    return lines


def format_report(result: dict[str, Any]) -> str:
    """Human-readable summary of :func:`run_eval`: the four outcomes first, then by kind and intent."""
    total = result["total"] or 1
    lines = [f"Aciertos: {result['correct']}/{result['total']} ({result['accuracy']:.0%})"]
    for name in OUTCOMES:
        n = result["outcomes"][name]
        lines.append(f"  {_LABELS[name]}: {n} ({n / total:.0%})")
    lines += _breakdown("Por tipo", result["by_kind"])
    lines += _breakdown("Por intención", result["by_intent"])
    lines += [
        f"Rechazos correctos: {result['refusal_accuracy']:.0%}",
        f"Respuestas citadas con página: {result['cited_share']:.0%}",
        f"Números no presentes en el corpus: {result['unsupported_numbers']}",
        f"Latencia p50/p95: {result['latency_ms']['p50']:.0f} / {result['latency_ms']['p95']:.0f} ms",
    ]
    for r in result["results"]:
        if not r["ok"]:
            lines.append(f"  ✗ {r['id']} [{r['outcome']}, {r['route']}] {r['answer'][:160]!r}")
    return "\n".join(lines)
