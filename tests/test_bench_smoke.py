"""End-to-end smoke test of `make bench` on tiny sizes (the seed and two synthetic reports)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.questions import judge_item, unsupported_numbers
from bench.report import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
METRICS = [
    "Ingest throughput (pages/s)",
    "Ingest peak RSS (MB)",
    "Ask p95, structured (ms)",
    "Ask p95, free text (ms)",
    "Cold start to first answer (s)",
    "Server peak RSS (MB)",
    "Accuracy (%)",
    "Unsupported numbers",
]


def test_judge_requires_gold_before_rivals_and_no_foreign_items() -> None:
    item = {"must": ["45.83"], "rivals": ["30"], "must_not": ["SS.01.02.03"]}
    assert judge_item(item, "El indicador obtuvo **45,83 %**. Otro reporte: «30 %».", refused=False)
    assert not judge_item(item, "Obtuvo 30 %; otro reporte da 45.83 %.", refused=False)
    assert not judge_item(item, "Obtuvo 45.83 % (servicio SS.01.02.03).", refused=False)
    assert not judge_item(item, "No encuentro esa información.", refused=True)
    assert judge_item({"refuse": True}, "No encuentro esa información.", refused=True)


def test_unsupported_numbers_ignore_quotes_codes_pages_and_the_question() -> None:
    corpus = {45.83, 2023.0}
    text = "El IOP.03.01 obtuvo 45.83 % y 12 proyectos en 2019 (pág. 4). «valor de 77»"
    assert unsupported_numbers(text, corpus) == ["12", "2019"]
    assert unsupported_numbers(text, corpus, question="¿Qué pasó en 2019?") == ["12"]


@pytest.mark.slow
def test_quick_bench_writes_table_and_report(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    env = dict(
        os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--sizes",
            "1,2",
            "--workdir",
            str(tmp_path / "work"),
            "--out",
            str(out),
            "--serve-questions",
            "5",
        ],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]

    lines = [line for line in proc.stdout.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header == COLUMNS
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    for size in ("N=1 (seed, 6 pages)", "N=2 (synthetic, 20 pages)"):
        assert set(METRICS) <= {r[1] for r in rows if r[0] == size}, size
    accuracy = {r[0]: r[2] for r in rows if r[1] == "Accuracy (%)"}
    assert re.fullmatch(r"\d+\.\d \(\d+/25\)", accuracy["N=1 (seed, 6 pages)"])
    assert all(r[6] in ("met", "**not met**", "—") for r in rows)

    report = out.read_text(encoding="utf-8")
    assert lines[0] in report
    for needed in (
        "## Targets (issue #6)",
        "CPUs",
        "RAM",
        "Python",
        "python -m bench.run --sizes 1,2",
    ):
        assert needed in report, needed
