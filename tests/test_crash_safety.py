"""`kill -9` at random points of an ingest leaves the last good index answering exactly as before."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synth import render_pdf, report_pages, seed_like_report
from ingest import generations, sidestore
from tests.conftest import ROOT, SEED

KILLS = 20
QUESTIONS = ["¿Qué valor alcanzó el indicador IOP.03.01 en 2023?", "¿Qué guía operativa formuló la APCI y cuándo?",
             "¿Con qué países de Centroamérica ofreció el Perú proyectos de cooperación?",
             "¿Cuál es la tasa de desempleo en Lima?", "¿Y en otras regiones?"]


def _status(data: Path) -> dict[str, object]:
    """The live index's status without ingest times: a run that finishes between kills re-ingests
    the same files at a later second, and that is the same index."""
    gen = generations.require_generation(data)
    with contextlib.closing(sidestore.connect(gen / "side.sqlite", readonly=True)) as conn:
        status = sidestore.status(conn)
    for doc in status["per_document"]:
        doc.pop("ingested_at")
    return status


def _answers(data: Path) -> list[str]:
    from assistant.settings import get_settings
    from pncti.wiring import build_assistant

    bot = build_assistant(get_settings(data_dir=data))
    history: list[dict[str, str]] = []
    texts = []
    for q in QUESTIONS:
        answer = bot.ask(q, history)
        history = [{"role": "user", "content": q}, {"role": "assistant", "content": answer.text}]
        texts.append(answer.text)
    return texts


def _ingest_cmd(corpus: Path) -> list[str]:
    return [sys.executable, "-m", "pncti.cli", "ingest", str(corpus), "--json"]


@pytest.mark.slow
def test_twenty_kills_at_random_points(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    extra = tmp_path / "extra"
    extra.mkdir()
    for i in range(2):
        report = seed_like_report(period=2031 + i, rng_seed=i, scale=2)
        render_pdf(report_pages(report), extra / f"anexo_{i}.pdf")
    env = {**os.environ, "PNCTI_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}

    def set_state(with_extra: bool) -> None:
        for pdf in extra.glob("*.pdf"):
            target = corpus / pdf.name
            if with_extra and not target.exists():
                shutil.copy(pdf, target)
            if not with_extra and target.exists():
                target.unlink()

    # The two corpus states the kills alternate between, each with its status and answers.
    expected: dict[bool, tuple[dict[str, object], list[str]]] = {}
    for state in (True, False):
        set_state(state)
        subprocess.run(_ingest_cmd(corpus), env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)
        expected[state] = (_status(data), _answers(data))
    assert expected[True][0]["documents"] == 3 and expected[False][0]["documents"] == 1

    rng = random.Random(2026)
    state = False
    completed = 0
    for _ in range(KILLS):
        state = not state
        set_state(state)
        proc = subprocess.Popen(_ingest_cmd(corpus), env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.3, 9.0))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            completed += 1
        proc.wait()
        status = _status(data)
        live_state = next(s for s, (st, _) in expected.items() if st == status)
        assert _answers(data) == expected[live_state][1]
    assert completed < KILLS  # most runs were really killed mid-way
    # The next ingest after the kills finishes and matches the corpus on disk.
    subprocess.run(_ingest_cmd(corpus), env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)
    assert _status(data) == expected[state][0]
    assert _answers(data) == expected[state][1]
    assert not list(data.glob(".building-*"))
