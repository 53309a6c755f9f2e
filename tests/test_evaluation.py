"""The eval judge: must (with alternatives), must_any/min_any, must_not, refuse; the four outcomes."""

from __future__ import annotations

import pytest

from assistant.evaluation import OUTCOMES, contains, format_report, judge, normalise, outcome


@pytest.mark.parametrize(("answer", "fact", "expected"), [
    ("un valor de 4,17 %", "4.17", True),  # a decimal comma is a point
    ("un valor de 4.17%", "4,17", True),
    ("se implementaron dos espacios", "2", True),  # number words up to twenty are digits
    ("se implementaron 2 espacios", "dos", True),
    ("obtuvo 45.83 %", "4", False),  # a bare number must stand alone
    ("obtuvo 4.17 %", "4", False),
    ("obtuvo 4 %", "4", True),
    ("en 2023, 4 de ellos", "4", True),
    ("avance de 34.9 %", "34", False),
    ("avance de 34 %", "34", True),
    ("IOP.04.01 requiere corrección", "4", False),
    ("Ministerio de Relaciones Exteriores", "relaciones exteriores", True),  # case and accents fold
    ("gestion publica", "gestión pública", True),
    ("3.450 pescadores", ["3450", "3.450", "3 450"], True),  # a list: any alternative
    ("3450 pescadores", ["3.450", "3 450"], False),
    ("32 de 72 = 44.44 %", "44,4", True),  # a gold rounded to one decimal, stated with two
    ("32 de 72 = 44.44 %", "44.5", False),
    ("un índice de 2.4", "2", False),  # a gold without decimals is never matched by rounding
    ("avance de 197.6 %", "197.58", False),  # nor by fewer decimals
])
def test_contains(answer: str, fact: str | list[str], expected: bool) -> None:
    assert contains(answer, fact) is expected


def test_number_words_above_twenty_stay_words() -> None:
    assert normalise("veinte proyectos") == "20 proyectos"
    assert normalise("treinta proyectos") == "treinta proyectos"  # only words up to twenty become digits
    assert normalise("una guía") == "una guia"  # articles are never numbers


def test_must_every_entry_and_alternatives() -> None:
    item = {"must": [["3450", "3.450"], "41.2"]}
    assert judge(item, "3.450 y 41,2 %", refused=False)
    assert not judge(item, "3.450 solamente", refused=False)


def test_must_any_counts_min_any() -> None:
    item = {"must_any": ["CEPAL", "OTCA", "SEGIB"], "min_any": 2}
    assert judge(item, "la CEPAL y la OTCA", refused=False)
    assert not judge(item, "solo la CEPAL", refused=False)


def test_must_not_rejects_a_generous_list() -> None:
    item = {"must": ["Costa Rica"], "must_not": ["Tailandia", "Bolivia"]}
    assert judge(item, "Costa Rica y Honduras", refused=False)
    assert outcome(item, "Costa Rica, Honduras y Tailandia", refused=False) == "confidently_wrong"


def test_four_outcomes() -> None:
    answerable = {"must": ["45.83"]}
    refusal = {"refuse": True}
    assert outcome(answerable, "obtuvo 45.83 %", refused=False) == "right"
    assert outcome(answerable, "No encuentro esa información", refused=True) == "refused_answerable"
    assert outcome(answerable, "obtuvo 4.17 %", refused=False) == "confidently_wrong"
    assert outcome(refusal, "No encuentro esa información", refused=True) == "right"
    assert outcome(refusal, "obtuvo 4.17 %", refused=False) == "answered_refusal"
    # A refusal that happens to contain the fact is still a refusal, not a right answer.
    assert outcome(answerable, "No tengo el dato 45.83", refused=True) == "refused_answerable"


def _result(outcomes: list[str]) -> dict:
    counts = {name: outcomes.count(name) for name in OUTCOMES}
    tally = {"correct": counts["right"], "total": len(outcomes), **counts}
    return {"total": len(outcomes), "correct": counts["right"], "accuracy": counts["right"] / len(outcomes),
            "outcomes": counts, "by_kind": {"figure": tally}, "by_intent": {"value": tally},
            "refusal_accuracy": 1.0, "cited_share": 1.0, "unsupported_numbers": 0,
            "latency_ms": {"p50": 3.0, "p95": 9.0},
            "results": [{"id": f"x{i}", "ok": o == "right", "outcome": o, "route": "r", "answer": "texto"}
                        for i, o in enumerate(outcomes)]}


def test_report_shows_the_four_numbers_separately() -> None:
    text = format_report(_result(["right", "right", "refused_answerable", "confidently_wrong", "answered_refusal"]))
    assert "Aciertos: 2/5 (40%)" in text
    assert "Rechazadas con respuesta en los documentos: 1 (20%)" in text
    assert "Respondidas mal: 1 (20%)" in text
    assert "Respondidas cuando debían rechazarse: 1 (20%)" in text
    assert "Por tipo:" in text and "Por intención:" in text
    assert "figure           2/5  rechazadas 1  mal 1  respondidas-debían-rechazarse 1" in text
    assert "✗ x3 [confidently_wrong, r]" in text
