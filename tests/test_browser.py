"""The real server in a headless Chromium, at 1280×900, on a 390×844 phone and as a widget in an iframe.

Checks what an official sees: the figure on screen after an answer, a widget that fits its
frame, readable indicators on a phone, a visible focus ring, ratings and copy on each answer,
source links that open the right page, uploads only for an administrator, no request to the
internet. Screenshots land in ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
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
    "--headless",
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
VIEWPORTS = {"escritorio": (1280, 900), "telefono": (390, 844)}
FRAMES = [(420, 640), (360, 560)]

if not CHROMIUM.exists():  # pragma: no cover - depends on the machine
    pytest.skip(
        "Chromium no está instalado en /usr/bin/chromium: apt-get install -y chromium",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api", reason="falta el paquete playwright: pip install playwright")
# Each check waits for what the page shows, as a person would; on a loaded CI machine Gradio's
# updates can take longer than Playwright's 5 s default. Speed is measured by `make bench`.
sync_api.expect.set_options(timeout=20_000)
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
    return settings.model_copy(update={"allowed_origins": origins, "data_dir": tmp_path_factory.mktemp("ui-data"),
                                       "admin_user": None, "admin_password": None})


@contextlib.contextmanager
def _serve(app: object) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free loopback port in a background thread."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
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
    """The real server (API + documents + Gradio) from ``create_server``, with the seed's data."""
    from assistant.web.app import create_server

    # The data folder holds only feedback; the assistant reads the seed's store.
    with _serve(create_server(assistant, ui_settings)) as url:
        yield url


@pytest.fixture(scope="module")
def host_page(base_url: str, frame_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Pages on another localhost port whose iframe shows ``/embed`` (index.html and widget-WxH.html)."""
    folder = tmp_path_factory.mktemp("host-page")
    frames = [(760, 760), *FRAMES]
    for width, height in frames:
        name = "index.html" if (width, height) == (760, 760) else f"widget-{width}x{height}.html"
        (folder / name).write_text(
            '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Portal MRE</title></head>'
            '<body style="font-family: sans-serif; margin: 16px"><h1>Portal de prueba</h1>'
            f'<iframe id="widget" src="{base_url}/embed" allow="clipboard-write" title="Asistente PNCTI" '
            f'style="width: {width}px; height: {height}px; border: 1px solid #ccc"></iframe></body></html>',
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


@contextlib.contextmanager
def _context(browser, size: tuple[int, int], requests_seen: list[str] | None = None, phone: bool = False):
    """A Spanish-locale browser context that aborts any request that is not local."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(locale="es-PE", viewport={"width": size[0], "height": size[1]},
                                  is_mobile=phone, has_touch=phone)
    if requests_seen is not None:
        context.on("request", lambda request: requests_seen.append(request.url))

    def guard(route) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(params=list(VIEWPORTS))
def screen(request) -> tuple[str, tuple[int, int]]:
    """Each of the two screens: (name, viewport size)."""
    return request.param, VIEWPORTS[request.param]


@pytest.fixture
def page(browser, screen, requests_seen: list[str]) -> Iterator[object]:
    """A page at the screen's size (desktop or phone) that records every request."""
    name, size = screen
    with _context(browser, size, requests_seen, phone=name == "telefono") as context:
        tab = context.new_page()
        tab.set_default_timeout(ANSWER_TIMEOUT_MS)
        yield tab


@pytest.fixture
def desktop(browser, requests_seen: list[str]) -> Iterator[object]:
    """A desktop page (1280×900)."""
    with _context(browser, VIEWPORTS["escritorio"], requests_seen) as context:
        tab = context.new_page()
        tab.set_default_timeout(ANSWER_TIMEOUT_MS)
        yield tab


def _ask(scope, question: str) -> None:
    box = scope.locator("#pregunta textarea")
    box.fill(question)
    box.press("Enter")


def _last_answer(scope):
    """The last assistant message, once its sources (the end of a final answer) are shown."""
    answer = scope.locator("#chat .message-row.bot-row").last
    expect(answer.locator("details.pncti-fuentes")).to_be_attached(timeout=ANSWER_TIMEOUT_MS)
    return answer


def _on_screen(locator) -> bool:
    """True when the element is wholly inside the viewport and not scrolled out of its chat box."""
    return locator.evaluate(
        """(el) => {
            const r = el.getBoundingClientRect();
            if (r.height === 0 || r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) return false;
            let box = el.parentElement;
            while (box) {
                const s = getComputedStyle(box);
                if (/(auto|scroll|hidden)/.test(s.overflowY)) {
                    const b = box.getBoundingClientRect();
                    if (r.top < b.top - 1 || r.bottom > b.bottom + 1) return false;
                }
                box = box.parentElement;
            }
            return true;
        }"""
    )


def _around(page, locator, name: str, margin: int = 8) -> bytes:
    """A screenshot of ``locator`` with a margin (an outline is drawn outside the element)."""
    box = locator.bounding_box()
    clip = {"x": max(0, box["x"] - margin), "y": max(0, box["y"] - margin),
            "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin}
    return page.screenshot(path=str(ARTIFACTS / name), clip=clip)


def _shot(page, name: str, full_page: bool = False) -> None:
    page.wait_for_timeout(300)  # let the last layout settle
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


# -- the answer -----------------------------------------------------------------------------
def test_the_answers_first_statement_of_the_figure_is_on_screen(page, screen, base_url: str) -> None:
    name, _ = screen
    page.goto(base_url + "/")
    expect(page.get_by_role("tab", name="Indicadores")).to_be_visible()
    _ask(page, QUESTION)
    answer = _last_answer(page)
    card = answer.locator(".pncti-cifra")
    value = card.locator(".cifra-valor")
    expect(value).to_have_text("45.83 %")
    # The card is the answer's first element: the first "45.83 %" a reader meets.
    first = answer.get_by_text("45.83", exact=False).first
    assert first.evaluate("(el) => el.closest('.pncti-cifra') !== null")
    page.wait_for_timeout(700)  # the scroll to the answer's start runs after the render
    assert _on_screen(value), f"45.83 % fuera de la pantalla ({name})"
    expect(card).to_contain_text("Avance: 94 % del logro esperado")
    expect(card).to_contain_text("Periodo: 2023")
    expect(card).to_contain_text("porcentaje de proyectos oficiales de CSS")
    expect(card).to_contain_text("Reporte de cumplimiento PNCTI 2023, pág. 3")
    box = answer.locator(".pncti-aviso")
    expect(box).to_have_count(1)
    expect(box).to_contain_text("Cifra oficial: 45.83 %")
    expect(box).to_contain_text("Qué citar: 45.83 %")
    assert answer.inner_text().count("44.44") == 2
    assert "almacén" not in answer.inner_text()
    sources = answer.locator("details.pncti-fuentes")
    assert sources.get_attribute("open") is None  # collapsed
    _shot(page, f"chat-{name}.png")
    sources.locator("summary").click()
    expect(sources.locator("blockquote").first).to_contain_text(
        "En el año 2023 el indicador obtuvo un valor de 45.83%")
    # The examples were there before the conversation; now they are gone.
    expect(page.get_by_text("¿Cuáles son los objetivos prioritarios de la PNCTI?")).to_have_count(0)


def test_an_example_starts_the_conversation_and_then_disappears(desktop, base_url: str) -> None:
    desktop.goto(base_url + "/")
    example = desktop.locator("#chat").get_by_text("¿Qué valor alcanzó el indicador IOP.03.01 en 2023?")
    expect(example).to_be_visible()
    _shot(desktop, "chat-inicio-escritorio.png")
    example.click()
    answer = _last_answer(desktop)
    expect(answer.locator(".cifra-valor")).to_have_text("45.83 %")
    expect(desktop.locator("#chat").get_by_text("¿Por qué el indicador IOP.04.01 requiere corrección?")).to_have_count(0)


def test_the_question_box_shows_a_focus_ring(page, screen, base_url: str) -> None:
    name, _ = screen
    page.goto(base_url + "/")
    box = page.locator("#pregunta textarea")
    expect(box).to_be_visible()
    page.locator("body").click(position={"x": 2, "y": 2})
    question = page.locator("#pregunta")
    ring = "(el) => { const s = getComputedStyle(el); return s.outlineStyle + ' ' + s.outlineWidth; }"
    before = question.evaluate(ring)
    unfocused = _around(page, question, f"pregunta-sin-foco-{name}.png")
    for _ in range(30):  # reach it with the keyboard, as a keyboard user would
        page.keyboard.press("Tab")
        if box.evaluate("(el) => el === document.activeElement"):
            break
    assert box.evaluate("(el) => el === document.activeElement"), "la caja de pregunta no recibe el foco con Tab"
    after = question.evaluate(ring)
    assert before.startswith("none") and after == "solid 3px", (before, after)
    assert _around(page, question, f"pregunta-con-foco-{name}.png") != unfocused
    _shot(page, f"foco-pregunta-{name}.png")
    # Every other control reached with Tab also shows a ring.
    tab = page.get_by_role("tab", name="Indicadores")
    tab.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    focused = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                            "return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; }")
    assert focused[1:] == ["solid", "3px"], focused


# -- per-message actions ------------------------------------------------------------------------
def test_thumbs_up_on_an_answer_reaches_the_feedback_store(desktop, base_url: str, ui_settings) -> None:
    from assistant.feedback import FeedbackStore

    store = FeedbackStore(ui_settings.data_dir / "feedback.sqlite")
    before = len(store.export())
    desktop.goto(base_url + "/")
    _ask(desktop, QUESTION)
    answer = _last_answer(desktop)
    # Gradio's own icons, next to the answer; the old custom buttons are gone.
    expect(desktop.locator("#util, #no-util, #copiar")).to_have_count(0)
    like = desktop.locator("#chat").get_by_role("button", name="Me gusta", exact=True)
    expect(like).to_have_count(1)
    # Rate only once the answer's event has finished (a loaded machine showed the sources a moment
    # before the turn was stored, and the click found no answer to rate).
    expect(desktop.locator("#chat .generating, #chat .pending")).to_have_count(0, timeout=ANSWER_TIMEOUT_MS)
    desktop.wait_for_timeout(300)
    like_box, answer_box = like.bounding_box(), answer.bounding_box()
    assert 0 <= like_box["y"] - (answer_box["y"] + answer_box["height"]) < 60  # right under the answer
    like.click()
    expect(desktop.get_by_text("Gracias: su valoración quedó registrada.")).to_be_visible()
    expect(desktop.locator("#chat").get_by_role("button", name="Me gusta (marcado)")).to_be_visible()
    deadline = time.monotonic() + 10
    while len(store.export()) == before and time.monotonic() < deadline:
        time.sleep(0.1)
    rows = store.export()[before:]
    assert [(r["question"], r["rating"]) for r in rows] == [(QUESTION, 1)]
    assert "45.83" in rows[0]["answer"]
    _shot(desktop, "valoracion.png")


def test_the_copy_icon_copies_the_answer_and_sources_as_plain_text(desktop, base_url: str) -> None:
    desktop.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    desktop.goto(base_url + "/")
    _ask(desktop, QUESTION)
    answer = _last_answer(desktop)
    answer.hover()
    buttons = desktop.locator("#chat .message-buttons-left, #chat .message-buttons").last
    buttons.get_by_role("button", name="Copiar respuesta").click()
    # The copy is asynchronous: wait for the clipboard to fill (a fixed pause raced a loaded machine).
    deadline = time.monotonic() + 10
    copied = ""
    while not copied and time.monotonic() < deadline:
        desktop.wait_for_timeout(100)
        copied = desktop.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"Pregunta: {QUESTION}\n\nRespuesta:\nEl indicador IOP.03.01")
    assert "Fuentes:\n1. Reporte de cumplimiento PNCTI 2023, pág. 3" in copied
    assert "<" not in copied and "**" not in copied


def test_a_source_link_opens_the_cited_page(page, screen, base_url: str) -> None:
    name, _ = screen
    page.goto(base_url + "/")
    _ask(page, QUESTION)
    answer = _last_answer(page)
    answer.locator("details.pncti-fuentes summary").click()
    link = answer.locator("details.pncti-fuentes a").first
    expect(link).to_have_text("Reporte de cumplimiento PNCTI 2023, pág. 3")
    with page.context.expect_page() as opened:
        link.click()
    source = opened.value
    source.wait_for_load_state()
    assert urlsplit(source.url).path.endswith("/pagina/3"), source.url
    expect(source.locator("header")).to_contain_text("Página 3 de 6")
    expect(source.locator("main")).to_contain_text("En el año 2023 el indicador obtuvo un valor de 45.83%")
    source.set_viewport_size({"width": VIEWPORTS[name][0], "height": VIEWPORTS[name][1]})
    _shot(source, f"fuente-pagina-3-{name}.png")
    # The card's own source link goes to the same page.
    href = answer.locator(".cifra-fuente a").get_attribute("href")
    assert href == urlsplit(source.url).path


# -- the widget -----------------------------------------------------------------------------
@pytest.mark.parametrize("frame", FRAMES, ids=lambda f: f"{f[0]}x{f[1]}")
def test_the_widget_fits_its_frame(browser, host_page: str, frame: tuple[int, int]) -> None:
    width, height = frame
    with _context(browser, (width + 80, height + 140)) as context:
        outer = context.new_page()
        outer.set_default_timeout(ANSWER_TIMEOUT_MS)
        outer.goto(host_page.replace("index.html", f"widget-{width}x{height}.html"))
        widget = outer.frame_locator("#widget")
        box = widget.locator("#pregunta textarea")
        expect(box).to_be_visible()
        inner = next(f for f in outer.frames if f.url.rstrip("/").endswith("/embed"))

        def fits() -> None:
            sizes = inner.evaluate("() => [document.scrollingElement.scrollHeight, innerHeight, "
                                   "document.scrollingElement.scrollWidth, innerWidth]")
            assert sizes[0] <= sizes[1] and sizes[2] <= sizes[3], sizes
            assert _on_screen(widget.locator("#pregunta")), "la caja de pregunta no se ve entera"

        fits()
        header = widget.locator("div.block.pncti-header")
        line = header.evaluate("(el) => parseFloat(getComputedStyle(el.querySelector('p') || el).lineHeight)")
        assert header.bounding_box()["height"] < 1.6 * line  # one line
        _shot(outer, f"widget-{width}x{height}-inicio.png")
        _ask(widget, QUESTION)
        answer = _last_answer(widget)
        inner.wait_for_timeout(700)
        fits()
        assert _on_screen(answer.locator(".cifra-valor")), "45.83 % fuera de la pantalla del widget"
        # Actions are icons with names.
        for name in ("Me gusta", "No me gusta", "Copiar respuesta", "Limpiar chat"):
            expect(widget.locator("#chat").get_by_role("button", name=name, exact=True).first).to_be_visible()
        expect(widget.locator("#pregunta").get_by_role("button", name="Enviar pregunta")).to_be_visible()
        _shot(outer, f"widget-{width}x{height}-respuesta.png")


def test_embed_refused_on_an_origin_not_allowed(desktop, host_page: str) -> None:
    # Same page, but reached as http://localhost:<port>, which is not in allowed_origins.
    desktop.goto(host_page.replace("127.0.0.1", "localhost", 1))
    frame = desktop.locator("#widget").element_handle().content_frame()
    assert frame is not None
    deadline = time.monotonic() + 15
    while not frame.url.startswith("chrome-error://") and time.monotonic() < deadline:
        desktop.wait_for_timeout(100)
    # Chromium replaces a frame that CSP frame-ancestors forbids with its error page.
    assert frame.url.startswith("chrome-error://"), frame.url
    assert desktop.frame_locator("#widget").locator("#pregunta").count() == 0


# -- indicators and documents -------------------------------------------------------------
def test_indicators_are_readable_with_status_colours(page, screen, base_url: str) -> None:
    name, (width, _) = screen
    page.goto(base_url + "/")
    page.get_by_role("tab", name="Indicadores").click()
    table = page.locator("#tabla-indicadores")
    expect(table.locator("tbody tr")).to_have_count(16)
    expect(page.get_by_text("Mostrando 16 de 16 valores de indicadores.")).to_be_visible()
    chart = page.locator("#grafico-avance")
    expect(chart.locator(".fila")).to_have_count(16)
    expect(chart.locator(".fila.sin-datos")).to_have_count(7)
    expect(chart.locator(".pncti-leyenda")).to_contain_text("Cumplido (avance ≥ 100 %): 2")
    expect(chart.locator(".pncti-leyenda")).to_contain_text("Sin datos de avance (sin avance publicado): 7")
    colours = chart.locator(".barra").evaluate_all("(bars) => bars.map((b) => getComputedStyle(b).backgroundColor)")
    assert set(colours) == {"rgb(21, 128, 61)", "rgb(180, 83, 9)", "rgb(185, 28, 28)"}
    assert chart.locator(".meta").count() == 16  # the 100 % line
    assert "SS.01.02.02-1" not in table.inner_text() and "Indicador de SS.01.02.02" in table.inner_text()
    # Every code renders on one line and inside its card or cell.
    problems = page.locator("#tabla-indicadores .codigo, #grafico-avance .fila .codigo").evaluate_all(
        """(codes) => codes.filter((c) => {
            const lines = c.getClientRects().length;
            const lh = parseFloat(getComputedStyle(c).lineHeight) || 20;
            const box = c.closest('td, li').getBoundingClientRect(), r = c.getBoundingClientRect();
            return lines !== 1 || r.height > 1.5 * lh || r.right > box.right + 1 || r.right > innerWidth;
        }).map((c) => c.textContent)""")
    assert problems == []
    if width < 700:  # one card per indicator: rows are stacked blocks, not table rows
        assert table.locator("tbody tr").first.evaluate("(tr) => getComputedStyle(tr).display") == "block"
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
    _shot(page, f"indicadores-{name}.png", full_page=width >= 700)
    if width < 700:
        chart.scroll_into_view_if_needed()
        _shot(page, f"indicadores-grafico-{name}.png")
        table.locator("tbody tr").nth(5).scroll_into_view_if_needed()
        _shot(page, f"indicadores-tarjetas-{name}.png")
    # Filter, then open a row's source sentence.
    page.locator("#buscar-indicador textarea, #buscar-indicador input").first.fill("IOP.03")
    expect(page.get_by_text("Mostrando 2 de 16 valores de indicadores.")).to_be_visible()
    row = table.locator("tbody tr").first
    expect(row).to_contain_text("IOP.03.01")
    row.locator("details.origen summary").click()
    expect(row.locator("details.origen")).to_contain_text("En el año 2023 el indicador obtuvo un valor de 45.83%")
    expect(row.locator("details.origen")).to_contain_text("Discrepancia")
    # One policy ingested: no policy selector.
    expect(page.locator("#politica")).to_be_hidden()


def test_documents_without_admin_credentials_offer_no_upload(page, screen, base_url: str) -> None:
    name, _ = screen
    page.goto(base_url + "/")
    page.get_by_role("tab", name="Documentos").click()
    card = page.locator("#tabla-documentos article")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Reporte de cumplimiento PNCTI 2023")
    expect(card).to_contain_text("PNCTI")
    expect(card).to_contain_text("Reporte de cumplimiento")
    expect(card).to_contain_text("(hora de Lima)")
    expect(card).to_contain_text("16 indicadores · 11 valores")
    expect(page.get_by_text("1 documento ingerido · 6 páginas")).to_be_visible()
    expect(page.get_by_text("Agregar documentos (administrador)")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)
    _shot(page, f"documentos-{name}.png")


def test_an_upload_as_admin_ingests_a_pdf_that_then_appears_in_indicadores(
    browser, ui_settings, tmp_path: Path
) -> None:
    from assistant.web.app import create_server
    from ingest.pipeline import run_ingest
    from pncti.wiring import build_assistant
    from tests.conftest import SEED
    from tests.test_web_documents import render_report_pdf

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    run_ingest([corpus], data, embedder_name="none", progress=False)
    settings = ui_settings.model_copy(update={
        "data_dir": data, "corpus_dir": corpus, "embedder": "none",
        "admin_user": "admin", "admin_password": "clave-de-prueba"})
    pdf = render_report_pdf(tmp_path / "reporte_2024.pdf", 2024)
    with _serve(create_server(build_assistant(settings), settings)) as url, \
            _context(browser, VIEWPORTS["escritorio"]) as context:
        tab = context.new_page()
        tab.set_default_timeout(ANSWER_TIMEOUT_MS)
        tab.goto(url + "/")
        tab.get_by_role("tab", name="Documentos").click()
        tab.get_by_text("Agregar documentos (administrador)").click()
        expect(tab.locator("input[type=file]")).to_have_count(0)  # not before signing in
        tab.locator("#admin-usuario input, #admin-usuario textarea").first.fill("admin")
        tab.locator("#admin-clave input").fill("otra")
        tab.locator("#admin-entrar").click()
        expect(tab.get_by_text("Usuario o contraseña incorrectos.")).to_be_visible()
        tab.locator("#admin-clave input").fill("clave-de-prueba")
        tab.locator("#admin-entrar").click()
        upload = tab.locator("#archivos-nuevos input[type=file]")
        expect(upload).to_have_count(1)
        upload.set_input_files(str(pdf))
        expect(tab.locator("#archivos-nuevos")).to_contain_text("reporte_2024.pdf")
        tab.locator("#ingerir").click()
        progress = tab.locator("#progreso-ingesta progress")
        expect(progress).to_be_attached()
        done = tab.locator("#progreso-ingesta").get_by_text("✔ «reporte_2024.pdf» ingerido como "
                                                          "«Reporte de cumplimiento PNCTI 2024»")
        # A real ingest and reload run in the background: wait for them as a person would, however long
        # the machine takes (speed is measured by `make bench`, not here).
        expect(done).to_be_visible(timeout=180_000)
        assert progress.get_attribute("value") == "100"
        expect(tab.locator("#tabla-documentos article")).to_have_count(2)
        _shot(tab, "documentos-carga-admin.png", full_page=True)
        assert (corpus / "reporte_2024.pdf").read_bytes() == pdf.read_bytes()
        # Indicadores shows the new report's values, with a link that opens the PDF at its page.
        tab.get_by_role("tab", name="Indicadores").click()
        expect(tab.get_by_text("Mostrando 32 de 32 valores de indicadores.")).to_be_visible()
        tab.locator("#buscar-indicador textarea, #buscar-indicador input").first.fill("IOP.03.01")
        rows = tab.locator("#tabla-indicadores tbody tr")
        expect(rows).to_have_count(2)
        new = rows.filter(has_text="2024")
        expect(new).to_contain_text("45.83 %")
        href = new.locator("a").last.get_attribute("href")
        assert href.endswith("#page=3"), href
        served = tab.request.get(url + href.split("#")[0])
        assert served.ok and served.headers["content-type"] == "application/pdf"
        assert served.body() == pdf.read_bytes()
        _shot(tab, "indicadores-tras-carga.png")
        # The assistant answers from the new report on its next question.
        tab.get_by_role("tab", name="Preguntas").click()
        _ask(tab, "¿Qué valor alcanzó el indicador IOP.03.01 en 2024?")
        expect(_last_answer(tab).locator(".cifra-datos")).to_contain_text("Periodo: 2024")


# -- accessibility, privacy, sessions ---------------------------------------------------------
CONTRAST_JS = """
(selectors) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const blend = (top, under) => { const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)); };
  const background = (el) => { const layers = [];
    for (let x = el; x; x = x.parentElement) { const c = parse(getComputedStyle(x).backgroundColor);
      if (c.length && (c.length < 4 || c[3] > 0)) { layers.push(c); if (c.length < 4 || c[3] === 1) break; } }
    let base = [255, 255, 255]; for (const c of layers.reverse()) base = blend(c, base); return base; };
  const out = [];
  for (const sel of selectors) {
    for (const el of document.querySelectorAll(sel)) {
      if (!el.getClientRects().length) continue;
      let opacity = 1; for (let x = el; x; x = x.parentElement) opacity *= parseFloat(getComputedStyle(x).opacity);
      const bg = background(el), fg = blend([...parse(getComputedStyle(el).color).slice(0, 3), opacity], bg);
      const [a, b] = [lum(fg), lum(bg)].sort((p, q) => q - p);
      const size = parseFloat(getComputedStyle(el).fontSize), bold = parseInt(getComputedStyle(el).fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      out.push([sel, el.textContent.trim().slice(0, 30), Math.round((a + 0.05) / (b + 0.05) * 100) / 100, large]);
    }
  }
  return out;
}
"""


def test_text_contrast_is_at_least_aa(desktop, base_url: str) -> None:
    desktop.goto(base_url + "/")
    _ask(desktop, QUESTION)
    _last_answer(desktop).locator("details.pncti-fuentes summary").click()
    chat = ["#chat .bot p", ".cifra-valor", ".cifra-datos span", ".cifra-indicador", ".cifra-fuente",
            ".cifra-fuente a", ".pncti-aviso p", ".pncti-fuentes summary", ".pncti-fuentes a",
            ".pncti-fuentes blockquote", ".estado", "#chat .user p", "button[role=tab]",
            ".pncti-header p", "#pregunta button"]
    results = desktop.evaluate(CONTRAST_JS, chat)
    desktop.get_by_role("tab", name="Indicadores").click()
    expect(desktop.locator("#tabla-indicadores tbody tr")).to_have_count(16)
    results += desktop.evaluate(CONTRAST_JS, [".pncti-leyenda li", ".pncti-grafico .valor", ".pncti-grafico .marca",
                                              ".pncti-tabla td", ".pncti-tabla th", ".pncti-tabla a", ".estado",
                                              ".origen summary", "label span"])
    assert len(results) > 40
    failing = [r for r in results if r[2] < (3.0 if r[3] else 4.5)]
    assert failing == []


def test_no_request_leaves_localhost(desktop, base_url: str, host_page: str, requests_seen: list[str]) -> None:
    desktop.goto(base_url + "/")
    _ask(desktop, "¿Con qué países de Centroamérica ofreció el Perú proyectos de cooperación?")
    expect(desktop.locator("#chat")).to_contain_text("Costa Rica", timeout=ANSWER_TIMEOUT_MS)
    desktop.get_by_role("tab", name="Indicadores").click()
    expect(desktop.locator("#tabla-indicadores")).to_contain_text("IOP.03.01")
    desktop.get_by_role("tab", name="Documentos").click()
    expect(desktop.locator("#tabla-documentos")).to_contain_text("Reporte de cumplimiento PNCTI 2023")
    desktop.goto(host_page)
    expect(desktop.frame_locator("#widget").locator("#pregunta textarea")).to_be_visible()
    desktop.wait_for_timeout(1500)  # late assets (fonts, icons); Gradio's event stream rules out "networkidle"
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
        expect(_last_answer(alice).locator(".cifra-valor")).to_have_text("45.83 %")
        expect(bob.locator("#chat .message-row")).to_have_count(0)
        # A follow-up in Alice's session uses her history; Bob's first question starts afresh.
        _ask(alice, "¿y su avance?")
        expect(alice.locator("#chat .message-row.bot-row")).to_have_count(2)
        expect(alice.locator("#chat .message-row.bot-row").last).to_contain_text("94 %", timeout=ANSWER_TIMEOUT_MS)
        _ask(bob, "¿y su avance?")
        expect(bob.locator("#chat .message-row.bot-row")).to_have_count(1)
        expect(bob.locator("#chat .message-row.bot-row").last).not_to_contain_text("45.83")
    finally:
        first.close()
        second.close()


def test_sign_in_required_when_configured(browser, assistant, ui_settings) -> None:
    from assistant.web.app import create_server

    secured = ui_settings.model_copy(update={"auth_user": "analista", "auth_password": "clave-secreta"})
    with _serve(create_server(assistant, secured)) as url:
        context = browser.new_context(locale="es-PE")
        try:
            tab = context.new_page()
            tab.goto(url + "/")
            expect(tab.locator("input[type=password]")).to_be_visible()
            expect(tab.locator("#pregunta")).to_have_count(0)
            expect(tab.get_by_text("Ingrese su usuario y contraseña del Asistente PNCTI.")).to_be_visible()
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
