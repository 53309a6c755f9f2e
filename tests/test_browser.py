"""The real server in a headless Chromium: chat with sources, tabs, the iframe widget, no internet.

Screenshots land in ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
QUESTION = "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?"
ANSWER_TIMEOUT_MS = 60_000

if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    pytest.skip(
        "Chromium no está instalado en /usr/bin/chromium: apt-get install -y chromium",
        allow_module_level=True,
    )

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="falta el paquete playwright: pip install playwright"
)
expect = sync_api.expect


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


@pytest.fixture(scope="module")
def frame_port() -> int:
    """Port of the page that embeds the widget (another origin)."""
    return _free_port()


@pytest.fixture(scope="module")
def ui_settings(settings, frame_port: int, tmp_path_factory: pytest.TempPathFactory):
    """The session settings, allowing the host page's origin and keeping feedback in a temp folder."""
    origins = [*settings.allowed_origins, f"http://127.0.0.1:{frame_port}"]
    return settings.model_copy(
        update={"allowed_origins": origins, "data_dir": tmp_path_factory.mktemp("ui-data")}
    )


@contextlib.contextmanager
def _serve(app: object) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free loopback port in a background thread."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("El servidor de pruebas no arrancó en 60 s.")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(assistant, ui_settings) -> Iterator[str]:
    """The real server (API + Gradio) from ``create_server``."""
    from assistant.web.app import create_server

    with _serve(create_server(assistant, ui_settings)) as url:
        yield url


@pytest.fixture(scope="module")
def host_page(
    base_url: str, frame_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A tiny page on another localhost port whose iframe shows ``/embed``."""
    folder = tmp_path_factory.mktemp("host-page")
    (folder / "index.html").write_text(
        '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Portal MRE</title></head>'
        '<body style="font-family: sans-serif; margin: 16px"><h1>Portal de prueba</h1>'
        f'<iframe id="widget" src="{base_url}/embed" allow="clipboard-write" '
        'style="width: 760px; height: 760px; border: 1px solid #ccc"></iframe></body></html>',
        encoding="utf-8",
    )
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", frame_port), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="host-page", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{frame_port}/index.html"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless."""
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL the page asked for (filled by the ``page`` fixture)."""
    return []


@pytest.fixture
def page(browser, requests_seen: list[str]) -> Iterator[object]:
    """A Spanish-locale page that records every request and aborts any that is not local."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(locale="es-PE", viewport={"width": 1280, "height": 1000})
    context.on("request", lambda request: requests_seen.append(request.url))

    def guard(route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.set_default_timeout(ANSWER_TIMEOUT_MS)
    yield tab
    context.close()


def _ask(scope, question: str) -> None:
    scope.locator("#pregunta textarea").fill(question)
    scope.locator("#enviar").click()


def test_chat_answers_with_figure_and_page(page, base_url: str, ui_settings) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_role("tab", name="Indicadores")).to_be_visible()
    _ask(page, QUESTION)
    chat = page.locator("#chat")
    expect(chat).to_contain_text("45.83", timeout=ANSWER_TIMEOUT_MS)
    expect(chat).to_contain_text("pág. 3")
    expect(chat).to_contain_text("Fuentes")
    expect(chat).to_contain_text("✔ verificada")
    expect(chat).to_contain_text("calculado: 32 / 72")
    # The quoted sentence sits in a closed <details>; opening it shows the quote.
    source = chat.locator("details.fuente").first
    expect(source).to_be_attached()
    source.locator("summary").click()
    expect(source.locator("blockquote")).to_contain_text(
        "En el año 2023 el indicador obtuvo un valor de 45.83%"
    )
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)

    # Feedback is stored with the question and the answer.
    page.locator("#util").click()
    expect(page.get_by_text("Gracias: su valoración 👍 quedó registrada.")).to_be_visible()
    from assistant.feedback import FeedbackStore

    rows = FeedbackStore(ui_settings.data_dir / "feedback.sqlite").export()
    assert [(r["question"], r["rating"]) for r in rows] == [(QUESTION, 1)]
    assert "45.83" in rows[0]["answer"]


def test_copy_button_puts_answer_and_sources_on_clipboard(page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(base_url + "/")
    page.locator("#copiar").click()
    expect(page.get_by_text("Aún no hay una respuesta: haga una pregunta primero.")).to_be_visible()
    _ask(page, QUESTION)
    # "Fuentes" arrives with the final answer, after the streamed text.
    expect(page.locator("#chat")).to_contain_text("Fuentes", timeout=ANSWER_TIMEOUT_MS)
    page.locator("#copiar").click()
    expect(
        page.get_by_text("✔ Copiado: la respuesta y sus fuentes están listas para pegar")
    ).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"Pregunta: {QUESTION}\n")
    assert "Fuentes:\n1. Reporte de cumplimiento PNCTI 2023, pág. 3" in copied
    assert "45.83 % (IOP.03.01, 2023) — ✔ verificada en el almacén de indicadores" in copied
    assert "**" not in copied and "<details" not in copied
    # The same text is shown in a textbox, for browsers that block the clipboard.
    page.get_by_text("Texto para copiar (respuesta con fuentes)").click()
    assert page.locator("#texto-para-copiar textarea").input_value() == copied


def test_indicators_tab_filters_and_shows_source(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("tab", name="Indicadores").click()
    table = page.locator("#tabla-indicadores")
    expect(table).to_contain_text("IOP.03.01")
    expect(table).to_contain_text("IOP.01.01")
    expect(page.get_by_text("Mostrando 16 de 16 valores de indicadores.")).to_be_visible()
    expect(page.locator("#grafico-avance canvas, #grafico-avance svg").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "indicadores-todos.png"), full_page=True)
    page.locator("#buscar-indicador textarea, #buscar-indicador input").first.fill("IOP.03")
    expect(page.get_by_text("Mostrando 2 de 16 valores de indicadores.")).to_be_visible()
    expect(table).not_to_contain_text("IOP.01.01")
    table.get_by_text("IOP.03.01", exact=True).filter(visible=True).first.click()
    detail = page.locator("#detalle-indicador")
    expect(detail).to_contain_text("En el año 2023 el indicador obtuvo un valor de 45.83%")
    expect(detail).to_contain_text("pág. 3")
    expect(detail).to_contain_text("Discrepancia")
    expect(page.locator("#grafico-avance canvas, #grafico-avance svg").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "indicadores.png"), full_page=True)

    page.get_by_role("tab", name="Documentos").click()
    docs = page.locator("#tabla-documentos")
    expect(docs).to_contain_text("Reporte de cumplimiento PNCTI 2023")
    expect(docs).to_contain_text("reporte_cumplimiento_pncti_2023.txt")
    expect(page.get_by_text("1 documento ingerido · 6 páginas")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "documentos.png"), full_page=True)


def test_embed_answers_inside_iframe_on_another_origin(page, host_page: str) -> None:
    page.goto(host_page)
    widget = page.frame_locator("#widget")
    expect(widget.locator("#pregunta textarea")).to_be_visible()
    _ask(widget, QUESTION)
    expect(widget.locator("#chat")).to_contain_text("45.83", timeout=ANSWER_TIMEOUT_MS)
    expect(widget.locator("#chat")).to_contain_text("pág. 3")
    page.screenshot(path=str(ARTIFACTS / "embed.png"), full_page=True)


def test_embed_refused_on_an_origin_not_allowed(page, host_page: str) -> None:
    # Same page, but reached as http://localhost:<port>, which is not in allowed_origins.
    page.goto(host_page.replace("127.0.0.1", "localhost", 1))
    frame = page.locator("#widget").element_handle().content_frame()
    assert frame is not None
    deadline = time.monotonic() + 15
    while not frame.url.startswith("chrome-error://") and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    # Chromium replaces a frame that CSP frame-ancestors forbids with its error page.
    assert frame.url.startswith("chrome-error://"), frame.url
    assert page.frame_locator("#widget").locator("#pregunta").count() == 0


def test_no_request_leaves_localhost(
    page, base_url: str, host_page: str, requests_seen: list[str]
) -> None:
    page.goto(base_url + "/")
    _ask(page, "¿Con qué países de Centroamérica ofreció el Perú proyectos de cooperación?")
    expect(page.locator("#chat")).to_contain_text("Costa Rica", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("tab", name="Indicadores").click()
    expect(page.locator("#tabla-indicadores")).to_contain_text("IOP.03.01")
    page.get_by_role("tab", name="Documentos").click()
    expect(page.locator("#tabla-documentos")).to_contain_text("Reporte de cumplimiento PNCTI 2023")
    page.goto(host_page)
    expect(page.frame_locator("#widget").locator("#pregunta textarea")).to_be_visible()
    page.wait_for_timeout(
        1500
    )  # late assets (fonts, icons); Gradio's open event stream rules out "networkidle"
    assert len(requests_seen) > 10
    outside = [u for u in requests_seen if not _is_local(u)]
    assert outside == [], f"Peticiones fuera de localhost: {outside}"


def test_each_browser_session_has_its_own_conversation(browser, base_url: str) -> None:
    first, second = browser.new_context(locale="es-PE"), browser.new_context(locale="es-PE")
    try:
        alice, bob = first.new_page(), second.new_page()
        alice.goto(base_url + "/")
        bob.goto(base_url + "/")
        _ask(alice, QUESTION)
        expect(alice.locator("#chat")).to_contain_text("45.83", timeout=ANSWER_TIMEOUT_MS)
        bob.locator("#util").click()
        expect(
            bob.get_by_text("Primero haga una pregunta; luego podrá valorar la respuesta.")
        ).to_be_visible()
        expect(bob.locator("#chat")).not_to_contain_text("45.83")
        # A follow-up in Alice's session uses her history; Bob's first question starts afresh.
        _ask(alice, "¿y su avance?")
        expect(alice.locator("#chat")).to_contain_text("94 %", timeout=ANSWER_TIMEOUT_MS)
    finally:
        first.close()
        second.close()


def test_sign_in_required_when_configured(browser, assistant, ui_settings) -> None:
    from assistant.web.app import create_server

    secured = ui_settings.model_copy(
        update={"auth_user": "analista", "auth_password": "clave-secreta"}
    )
    with _serve(create_server(assistant, secured)) as url:
        context = browser.new_context(locale="es-PE")
        try:
            tab = context.new_page()
            tab.goto(url + "/")
            expect(tab.locator("input[type=password]")).to_be_visible()
            expect(tab.locator("#pregunta")).to_have_count(0)
            expect(
                tab.get_by_text("Ingrese su usuario y contraseña del Asistente PNCTI.")
            ).to_be_visible()
            tab.screenshot(path=str(ARTIFACTS / "login.png"))
            user = tab.get_by_role("textbox", name="usuario")
            user.fill("analista")
            tab.locator("input[type=password]").fill("clave-equivocada")
            tab.locator("input[type=password]").press("Enter")
            expect(tab.get_by_text("Credenciales incorrectas")).to_be_visible()
            expect(tab.locator("#pregunta")).to_have_count(0)
            user.fill("analista")
            tab.locator("input[type=password]").fill("clave-secreta")
            tab.locator("input[type=password]").press("Enter")
            expect(tab.locator("#pregunta textarea")).to_be_visible()
            # The API stays open to the intranet's own clients (its own rate limit applies).
            assert tab.request.get(url + "/healthz").ok
        finally:
            context.close()


def test_respond_streams_then_shows_sources(assistant, ui_settings) -> None:
    """The chat handler itself: growing text first, then the answer with sources and the brief."""
    from assistant.feedback import FeedbackStore
    from assistant.web.ui import _ChatHandlers

    handlers = _ChatHandlers(assistant, FeedbackStore(ui_settings.data_dir / "handler.sqlite"))
    steps = list(handlers.respond(QUESTION, [], [], None))
    texts = [step[1][-1]["content"] for step in steps]
    assert len(steps) >= 4 and texts[0] == "…"
    partial = texts[1:-1]
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(partial))
    assert "Fuentes" not in partial[-1] and "Fuentes" in texts[-1]
    question_box, chat, history, last, brief = steps[-1]
    assert question_box == ""
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert history[0] == {"role": "user", "content": QUESTION}
    assert "45.83" in history[1]["content"] and "Fuentes" not in history[1]["content"]
    assert last["question"] == QUESTION and last["rated"] is False
    assert brief.startswith(f"Pregunta: {QUESTION}") and "pág. 3" in brief
    last, message = handlers.rate_down(last)
    assert message == "Gracias: su valoración 👎 quedó registrada."
    assert handlers.rate_up(last)[1] == "Ya registramos su valoración de esta respuesta. ¡Gracias!"
    assert [
        r["rating"] for r in FeedbackStore(ui_settings.data_dir / "handler.sqlite").export()
    ] == [-1]
