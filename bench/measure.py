"""Measuring child processes: wall time, peak memory, warm answers, server cold start.

Everything heavy runs in a child process so its peak RSS is its own: the ingest
(``python -m pncti.cli ingest``), the baseline build, the answering of the question set
(``python -m bench.measure answer``) and the server (``python -m pncti.cli serve``).

Command lines of the answering child and of the cold-start breakdown::

    python -m bench.measure answer --system pncti|baseline --store DIR --questions Q.json --out OUT.json
    python -m bench.measure coldstart --store DIR --question "…" --out OUT.json
"""

from __future__ import annotations

import argparse
import inspect
import json
import logging
import math
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

log = logging.getLogger(__name__)

PYTHON = sys.executable


def child_env(**extra: str) -> dict[str, str]:
    """The environment for children: offline, no telemetry, plus ``extra``."""
    env = dict(os.environ)
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


# ---------------------------------------------------------------------------------------------
# /proc helpers
# ---------------------------------------------------------------------------------------------


def _status_kb(pid: int, key: str) -> int:
    """A ``kB`` field of /proc/<pid>/status (VmRSS, VmHWM); 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except FileNotFoundError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as fh:
                    kids = [int(k) for k in fh.read().split()]
            except FileNotFoundError:
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


class TreeSampler:
    """Samples the summed RSS of a process and its descendants in a background thread."""

    def __init__(self, pid: int, interval_s: float = 0.2) -> None:
        self.pid = pid
        self.interval_s = interval_s
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_status_kb(p, "VmRSS") for p in [self.pid, *_descendants(self.pid)])
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval_s)


# ---------------------------------------------------------------------------------------------
# Measured child processes
# ---------------------------------------------------------------------------------------------


def busy_cpu_s() -> float:
    """CPU seconds all processes of the machine have used since boot (from /proc/stat)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = fh.readline().split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _proc_cpu_s(pid: int) -> float:
    """utime + stime of one live process, in seconds (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    """A finished child process: wall time from spawn, exit code, peak memory, foreign load."""

    wall_s: float
    returncode: int
    maxrss_mb: float  # largest single process of the tree (wait4 ru_maxrss)
    tree_peak_mb: float  # summed RSS of the tree, sampled every 0.2 s
    spawned_at: float  # time.time() just before the spawn
    other_load: float = 0.0  # average CPU cores used by other processes meanwhile


class ChildFailed(RuntimeError):
    """A measured child process exited with an error; the message names its log."""


def run_measured(
    cmd: list[str], env: dict[str, str], log_path: Path, timeout_s: float | None = None
) -> Measured:
    """Run ``cmd`` to completion with stdout/stderr in ``log_path``; raise ChildFailed on error."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log.info("Running %s", " ".join(cmd))
    with open(log_path, "wb") as out:
        spawned_at = time.time()
        busy_before = busy_cpu_s()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = None if timeout_s is None else started + timeout_s
        with TreeSampler(proc.pid) as sampler:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if deadline is not None and time.perf_counter() > deadline:
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
        wall = time.perf_counter() - started
        foreign = busy_cpu_s() - busy_before - usage.ru_utime - usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = Measured(
        wall,
        proc.returncode,
        usage.ru_maxrss / 1024,
        sampler.peak_kb / 1024,
        spawned_at,
        max(0.0, foreign / wall),
    )
    if result.other_load > 0.25:
        log.warning(
            "Other processes used %.1f CPU cores on average while %s ran: its figures are "
            "disturbed; rerun on a quiet machine.",
            result.other_load,
            " ".join(cmd[2:4]),
        )
    if proc.returncode != 0:
        raise ChildFailed(
            f"{' '.join(cmd[:4])}… exited with {proc.returncode} after {wall:.0f} s; see {log_path}"
        )
    return result


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post_json(
    url: str, body: dict[str, Any], timeout_s: float
) -> tuple[int, dict[str, Any] | None]:
    data = json.dumps(body).encode("utf-8")
    req = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:
            return resp.status, json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return exc.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, None


def _encoder_ready_at(health_url: str, started: float, timeout_s: float) -> float:
    """Seconds from ``started`` until /healthz no longer says the encoder is loading."""
    while time.perf_counter() - started < timeout_s:
        try:
            with urllib.request.urlopen(health_url, timeout=30) as resp:
                if json.loads(resp.read().decode("utf-8")).get("encoder") != "cargando":
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.1)
    return time.perf_counter() - started


@dataclass
class ServeResult:
    """Cold start of ``pncti serve`` to its first answer, and its peak RSS."""

    cold_start_s: float
    peak_rss_mb: float
    http_latency_ms: list[float] = field(default_factory=list)
    other_load: float = 0.0  # average CPU cores used by other processes meanwhile
    # From the spawn to the encoder being loaded (/healthz says "listo"), then to the answer of
    # a free-text question: the server answers figure questions while its encoder still loads.
    encoder_ready_s: float = 0.0
    first_search_s: float = 0.0


def measure_serve(
    data_dir: Path, questions: list[str], log_path: Path, timeout_s: float = 600.0,
    search_question: str | None = None,
) -> ServeResult:
    """Start ``pncti serve``, poll POST /api/ask until the first 200, ask ``questions``, stop it.

    The cold start runs from just before the spawn to the first 200 response. ``search_question``
    (a free-text question) is asked right after it, and the time from the spawn to its answer is
    the first search answer. The peak RSS is the server's VmHWM after it answered every question.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/api/ask"
    env = child_env(PNCTI_DATA_DIR=str(data_dir), PNCTI_RATE_LIMIT_PER_MINUTE="0")
    cmd = [PYTHON, "-m", "pncti.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as out:
        busy_before = busy_cpu_s()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            first = questions[0]
            while True:
                if proc.poll() is not None:
                    raise ChildFailed(f"pncti serve exited with {proc.returncode}; see {log_path}")
                if time.perf_counter() - started > timeout_s:
                    raise ChildFailed(
                        f"pncti serve gave no answer within {timeout_s:.0f} s; see {log_path}"
                    )
                status, _ = _post_json(url, {"question": first}, timeout_s=60)
                if status == 200:
                    break
                time.sleep(0.1)
            cold = time.perf_counter() - started
            ready = _encoder_ready_at(url.replace("/api/ask", "/healthz"), started, timeout_s)
            first_search = 0.0
            if search_question:
                status, _ = _post_json(url, {"question": search_question}, timeout_s=timeout_s)
                first_search = time.perf_counter() - started
                if status != 200:
                    log.warning("POST /api/ask returned %s for %r", status, search_question)
            latencies = []
            for q in questions[1:]:
                t0 = time.perf_counter()
                status, _ = _post_json(url, {"question": q}, timeout_s=120)
                latencies.append((time.perf_counter() - t0) * 1000)
                if status != 200:
                    log.warning("POST /api/ask returned %s for %r", status, q)
            peak = _status_kb(proc.pid, "VmHWM") / 1024
            foreign = busy_cpu_s() - busy_before - _proc_cpu_s(proc.pid)
            other = max(0.0, foreign / (time.perf_counter() - started))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if other > 0.25:
        log.warning(
            "Other processes used %.1f CPU cores on average while pncti serve ran: its figures "
            "are disturbed; rerun on a quiet machine.",
            other,
        )
    return ServeResult(cold, peak, latencies, other, ready, first_search)


# ---------------------------------------------------------------------------------------------
# Answering child
# ---------------------------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (0 for an empty list)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def _open_system(system: str, store: Path) -> Any:
    if system == "baseline":
        from bench.baseline import NaiveRag

        return NaiveRag(store)
    settings_class, build_assistant = _wiring()
    return build_assistant(settings_class(data_dir=store))


def _wiring() -> tuple[Any, Any]:
    """A settings factory and ``build_assistant``, both from the one wiring module.

    The settings class is the one ``pncti.wiring`` builds with (it moved from ``pncti.settings``
    to ``assistant.settings`` in issue 10), so a checkout of either layout measures itself.
    """
    from pncti import wiring

    return wiring.Settings, wiring.build_assistant


def answer_all(system: str, store: Path, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Open ``system`` on ``store``, answer one question cold, warm up, then answer every item.

    Returns per-turn wall latencies, each item's final answer, the time of the first answer
    (epoch seconds, for the cold start measured from the parent's spawn) and load times.
    """
    t0 = time.perf_counter()
    engine = _open_system(system, store)
    first_q = items[0]["turns"][0] if "turns" in items[0] else items[0]["q"]
    engine.ask(first_q, [])
    first_answer_at = time.time()
    cold_s = time.perf_counter() - t0
    engine.warm_up()
    results = []
    for item in items:
        history: list[dict[str, str]] = []
        latencies = []
        cpu = []
        routes = []
        answer = None
        for turn in item.get("turns") or [item["q"]]:
            started, cpu_started = time.perf_counter(), time.process_time()
            answer = engine.ask(turn, history)
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            routes.append(getattr(answer, "route", "") or "")
            history += [
                {"role": "user", "content": turn},
                {"role": "assistant", "content": answer.text},
            ]
        assert answer is not None
        computed = [
            f.value
            for f in getattr(answer, "figures", [])
            if getattr(f, "source", "") == "calculado"
        ]
        results.append(
            {
                "id": item["id"],
                "text": answer.text,
                "refused": answer.refused,
                "route": getattr(answer, "route", ""),
                "latency_ms": latencies,
                "routes": routes,
                "cpu_ms": cpu,
                "computed": computed,
            }
        )
    return {
        "system": system,
        "first_answer_at": first_answer_at,
        "in_process_cold_s": cold_s,
        "results": results,
    }


# ---------------------------------------------------------------------------------------------
# Cold start, step by step
# ---------------------------------------------------------------------------------------------


class _Steps:
    """Wall time and RSS after each named step of one process, in order."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._last = time.perf_counter()
        self._last_cpu = time.process_time()

    def done(self, name: str, part: tuple[str, float, float] | None = None) -> None:
        """Close step ``name``; ``part`` (name, wall s, CPU s) is shown as its own row before it.

        CPU is this process's (every thread): on a shared machine it is about what a
        single-threaded step takes on a quiet one, while wall time includes waiting for a core.
        """
        elapsed = time.perf_counter() - self._last
        cpu = time.process_time() - self._last_cpu
        rss = _status_kb(os.getpid(), "VmRSS") / 1024
        if part is not None:
            self.rows.append({"step": part[0], "s": part[1], "cpu_s": part[2], "rss_mb": rss})
            elapsed -= part[1]
            cpu -= part[2]
        self.rows.append({"step": name, "s": elapsed, "cpu_s": cpu, "rss_mb": rss})
        self._last = time.perf_counter()
        self._last_cpu = time.process_time()


def _timing(module: Any, name: str, sink: list[tuple[float, float]]) -> None:
    """Wrap ``module.name`` so that each call's (wall, CPU) seconds go to ``sink`` (if it exists)."""
    inner = getattr(module, name, None)
    if inner is None:
        log.warning("%s.%s not found: its time stays inside the step that calls it",
                    module.__name__, name)
        return

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            sink.append((time.perf_counter() - t0, time.process_time() - c0))

    setattr(module, name, wrapped)


def cold_start_steps(store: Path, question: str, search_question: str | None = None) -> dict[str, Any]:
    """The server's start (``pncti serve`` before uvicorn runs) timed step by step, in process.

    Same order as ``cmd_serve``: imports, ``build_assistant`` (encoder load and int8
    quantisation; the store and LLM are opened lazily), the snapshot of the store, the intent
    classifier's training, ``warm_up`` (question-parser catalog and retrieval warm-up),
    ``create_server`` and the first answer. The intent classifier is trained explicitly before
    ``warm_up`` so that its time is its own; ``catalog_from_snapshot`` is timed by wrapping the
    name ``assistant.core`` calls, and its time is taken out of ``warm_up``'s. Where the server
    builds the Gradio UI after it starts, that build is timed after the first answer and left
    out of the total.
    """
    steps = _Steps()
    import uvicorn  # noqa: F401  (imported by cmd_serve before anything else)

    from assistant.web.app import create_server

    settings_class, build_assistant = _wiring()
    steps.done("imports (FastAPI, uvicorn, assistant.web.app, pncti.wiring)")
    settings = settings_class(data_dir=store)
    background = "background_encoder" in inspect.signature(build_assistant).parameters
    if background:
        # cmd_serve defers the encoder: it loads in a thread once the store is open (issue 10).
        assistant = build_assistant(settings, background_encoder=True)
        steps.done("build_assistant (the encoder is deferred)")
    else:
        assistant = build_assistant(settings)
        steps.done("model load (build_assistant: encoder + int8 quantisation)")
    snap = assistant.kb.snapshot()
    steps.done("store open (kb.snapshot: side store, BM25, Chroma)")
    from assistant import intents

    intents.default_classifier()
    steps.done("intent classifier (default_classifier: scikit-learn training on the example bank)")
    from assistant import core

    catalog: list[tuple[float, float]] = []
    _timing(core, "catalog_from_snapshot", catalog)
    if background:
        assistant.warm_up(searches=False)
        # cmd_serve then starts the encoder's load and the warm-up searches in a thread.
        threading.Thread(target=assistant.warm_up_searches, daemon=True).start()
    else:
        assistant.warm_up()
    steps.done("rest of warm_up (first parse, three hybrid searches)",
               part=("catalog build (catalog_from_snapshot, inside warm_up)",
                     sum(w for w, _ in catalog), sum(c for _, c in catalog)))
    ui_after_start = "ui_after_start" in inspect.signature(create_server).parameters
    if ui_after_start:
        # cmd_serve builds the Gradio UI in a thread once uvicorn has started (issue 10).
        create_server(assistant, settings, ui_after_start=True)
        steps.done("create_server (FastAPI app; the Gradio UI is built after the start)")
    else:
        create_server(assistant, settings)
        steps.done("create_server (FastAPI + Gradio app)")
    answer = assistant.ask(question, [])
    steps.done("first answer (Assistant.ask)")
    total_s, total_cpu_s = sum(r["s"] for r in steps.rows), sum(r["cpu_s"] for r in steps.rows)
    first_search_s = total_s
    if background and search_question:
        assistant.ask(search_question, [])
        steps.done("after the first answer, not in the total: first search answer (waits for the encoder)")
        first_search_s = total_s + steps.rows[-1]["s"]
    if ui_after_start:
        from fastapi import FastAPI

        from assistant.web.ui import mount_ui

        mount_ui(FastAPI(), assistant, settings)
        steps.done("after the first answer, not in the total: Gradio UI (import gradio, mount_ui)")
    return {"question": question, "route": getattr(answer, "route", ""), "steps": steps.rows,
            "total_s": total_s, "total_cpu_s": total_cpu_s, "first_search_s": first_search_s,
            "sentences": len(snap.sentences),
            "documents": len(snap.documents)}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.measure answer|coldstart …``: answer a question file or time a start."""
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("answer", help="answer every question of a JSON file")
    p.add_argument("--system", choices=["pncti", "baseline"], required=True)
    p.add_argument("--store", type=Path, required=True, help="PNCTI data dir or baseline store")
    p.add_argument("--questions", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("coldstart", help="time the server's start step by step (in process)")
    c.add_argument("--store", type=Path, required=True, help="PNCTI data dir")
    c.add_argument("--question", required=True, help="the first question")
    c.add_argument("--search-question", help="a free-text question asked after the first answer")
    c.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "coldstart":
        result = cold_start_steps(args.store, args.question, args.search_question)
    else:
        items = json.loads(args.questions.read_text(encoding="utf-8"))
        result = answer_all(args.system, args.store, items)
    args.out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
