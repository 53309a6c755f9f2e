"""A bounded load test on loopback: 50 concurrent clients, mixed questions, no crossed answers."""

from __future__ import annotations

import json
import socket
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from assistant.web.app import create_api

CLIENTS = 50
ROUNDS = 4
# Each client's thread of questions names its own indicator, so a crossed answer is visible.
CODES = ["IOP.03.01", "IOP.03.02", "IOP.04.01", "IOP.02.01", "ISS.01.02.01.01", "ISS.01.02.01.02",
         "ISS.02.01.01.01", "ISS.02.01.01.02"]
EXPECT = {"IOP.03.01": "45.83", "IOP.03.02": "4.17", "IOP.04.01": "80", "IOP.02.01": "60",
          "ISS.01.02.01.01": "142", "ISS.01.02.01.02": "34", "ISS.02.01.01.01": "81", "ISS.02.01.01.02": "2"}
PROGRESS = {"IOP.03.01": "94 %", "IOP.03.02": "97.9 %", "ISS.01.02.01.01": "34.9 %", "ISS.01.02.01.02": "65 %",
            "ISS.02.01.01.01": "197.6 %", "ISS.02.01.01.02": "66.7 %"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(assistant, settings):
    port = _free_port()
    config = uvicorn.Config(create_api(assistant, settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _client_session(base: str, n: int) -> list[tuple[float, str | None]]:
    code = CODES[n % len(CODES)]
    results = []
    history: list[dict[str, str]] = []
    questions = [f"¿Qué valor tuvo el indicador {code} en 2023?", "¿Y su avance?",
                 "¿Qué guía operativa formuló la APCI y cuándo?", "¿Cuál es la tasa de desempleo en Lima?"]
    with httpx.Client(base_url=base, timeout=60) as client:
        for i, q in enumerate(questions[:ROUNDS]):
            started = time.perf_counter()
            r = client.post("/api/ask", json={"question": q, "history": history})
            elapsed = (time.perf_counter() - started) * 1000
            error = None
            if r.status_code != 200:
                error = f"HTTP {r.status_code}"
            else:
                body = r.json()
                text = body["text"]
                if i == 0 and (code not in text or EXPECT[code] not in text):
                    error = f"respuesta cruzada para {code}: {text[:80]}"
                if i == 1 and code in PROGRESS and (code not in text or PROGRESS[code] not in text):
                    error = f"seguimiento cruzado para {code}: {text[:80]}"
                if i == 3 and not body["refused"]:
                    error = "no rechazó una pregunta fuera del corpus"
                history += [{"role": "user", "content": q}, {"role": "assistant", "content": text}]
            results.append((elapsed, error))
    return results


@pytest.mark.slow
def test_fifty_concurrent_clients(server: str) -> None:
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        sessions = list(pool.map(lambda n: _client_session(server, n), range(CLIENTS)))
    flat = [r for s in sessions for r in s]
    errors = [e for _, e in flat if e]
    latencies = sorted(ms for ms, _ in flat)
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    out = Path(__file__).resolve().parent.parent / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "load.json").write_text(json.dumps({"clients": CLIENTS, "requests": len(flat), "errors": len(errors),
                                               "p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}), encoding="utf-8")
    print(f"\ncarga: {CLIENTS} clientes, {len(flat)} peticiones, p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    assert not errors, errors[:5]
    assert len(flat) == CLIENTS * ROUNDS
