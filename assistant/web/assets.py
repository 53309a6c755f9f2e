"""Theme, style sheet and the two small browser scripts of the web UI (nothing loads from outside).

Kept as Python strings rather than package data so a plain ``pip install`` ships them.
"""

from __future__ import annotations

import gradio as gr

FOCUS = "#1d4ed8"  # blue-700: 6.7:1 on white, distinct from the red of the theme

CSS = """
.sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }

/* Focus: a visible ring on every control reached with the keyboard (WCAG 2.4.7). */
body :is(button, a, summary, input, textarea, select, [tabindex], [role="tab"]):focus-visible {
  outline: 3px solid #1d4ed8 !important; outline-offset: 2px !important;
  box-shadow: none !important; }
#pregunta textarea:focus, #pregunta textarea:focus-visible { outline: none !important; }
#pregunta:focus-within { outline: 3px solid #1d4ed8 !important; outline-offset: 2px; border-radius: 8px; }

/* Header */
.pncti-header h1 { margin: 0 0 .15em 0; font-size: 1.6rem; }
.pncti-header p { margin: 0; }

/* One answer: figure card, text, amber discrepancy box, collapsed sources. */
.pncti-cifra { border: 1px solid #d1d5db; border-left: 6px solid var(--estado, #6b7280);
  border-radius: 8px; padding: 8px 12px; margin: 0 0 10px 0; background: #ffffff; color: #111827; }
.pncti-cifra .cifra-valor { font-size: 1.9rem; font-weight: 700; line-height: 1.15; }
.pncti-cifra .cifra-datos { display: flex; flex-wrap: wrap; gap: 2px 14px; align-items: center; margin: 2px 0; }
.pncti-cifra .cifra-indicador { margin: 2px 0; }
.pncti-cifra .cifra-fuente { font-size: .9em; color: #374151; }
.pncti-cifra a, .pncti-aviso a, .pncti-fuentes a, .pncti-tabla a, .pncti-documento a {
  color: #1d4ed8 !important; padding: 0 !important; }
/* Gradio dims chat text to 80 % opacity; answers are read closely, so keep full contrast. */
#chat .message-wrap .prose.chatbot.md { opacity: 1; }
.codigo { font-weight: 700; white-space: nowrap; font-variant-numeric: tabular-nums; }
.estado { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: .85em;
  font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.estado-cumplido { --estado: #15803d; }
.estado-cerca { --estado: #b45309; }
.estado-rezagado { --estado: #b91c1c; }
.estado-sin_datos { --estado: #6b7280; }
.estado.estado-cumplido { color: #166534; background: #f0fdf4; }
.estado.estado-cerca { color: #92400e; background: #fffbeb; }
.estado.estado-rezagado { color: #991b1b; background: #fef2f2; }
.estado.estado-sin_datos { color: #374151; background: #f3f4f6; }
.pncti-aviso { background: #fffbeb; border: 1px solid #f59e0b; border-left: 6px solid #b45309;
  border-radius: 8px; padding: 6px 12px; margin: 10px 0; color: #1f2937; }
.pncti-aviso p { margin: .3em 0; }
.pncti-aviso .aviso-titulo { font-weight: 700; color: #92400e; }
.pncti-fuentes { margin-top: 8px; }
.pncti-fuentes summary { cursor: pointer; font-weight: 600; }
.pncti-fuentes ol { margin: .3em 0 0 0; padding-left: 1.4em; }
.pncti-fuentes blockquote, .origen blockquote { margin: .3em 0 .6em 0; padding-left: .8em;
  border-left: 3px solid #9ca3af; font-style: italic; }
.pncti-fuentes .seccion { color: #4b5563; font-size: .9em; }

/* Indicators: legend, bars with a 100 % line, then a table that becomes cards on phones. */
.pncti-grafico { margin: 0; }
.pncti-grafico figcaption { font-weight: 700; margin-bottom: 4px; }
.pncti-leyenda { list-style: none; padding: 0 !important; margin: 0 0 8px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.pncti-leyenda li { display: flex; align-items: center; gap: 6px; }
.pncti-leyenda .muestra { width: 14px; height: 14px; border-radius: 3px; background: var(--estado); flex: none; }
.pncti-leyenda .muestra.estado-sin_datos { background: repeating-linear-gradient(45deg, #6b7280 0 3px, #e5e7eb 3px 6px); }
.pncti-grafico .barras { list-style: none; padding: 0 !important; margin: 0; }
.pncti-grafico .fila, .pncti-grafico .eje { display: grid; grid-template-columns: minmax(8em, 14em) 1fr minmax(4.5em, 12em);
  gap: 8px; align-items: center; min-height: 26px; }
.pncti-grafico .pista { position: relative; height: 16px; background: #f3f4f6; border-radius: 3px; }
.pncti-grafico .barra { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 3px; background: var(--estado); }
.pncti-grafico .meta { position: absolute; top: -5px; bottom: -5px; border-left: 2px dashed #111827; }
.pncti-grafico .sin-datos .pista { background: repeating-linear-gradient(45deg, #f3f4f6 0 4px, #e5e7eb 4px 8px); }
.pncti-grafico .sin-datos .valor { color: #374151; font-style: italic; }
.pncti-grafico .valor { font-variant-numeric: tabular-nums; }
.pncti-grafico .eje .pista { background: none; height: 1.4em; }
.pncti-grafico .marca { position: absolute; font-size: .8em; color: #374151; white-space: nowrap; }
.pncti-grafico .meta-texto { transform: translateX(-50%); font-weight: 600; }
.pncti-tabla { width: 100%; border-collapse: collapse; }
.pncti-tabla th, .pncti-tabla td { border-bottom: 1px solid #e5e7eb; padding: 6px 8px; text-align: left; vertical-align: top; }
.pncti-tabla td .v { text-align: inherit; }
.pncti-tabla th { background: #f3f4f6; color: #111827; }
.pncti-tabla td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.pncti-tabla .objetivo { color: #4b5563; font-size: .85em; }
.origen summary { cursor: pointer; color: #1d4ed8; font-size: .9em; }
.origen .discrepancia { background: #fffbeb; border-left: 4px solid #b45309; padding: 4px 8px; }
@media (max-width: 700px) {
  .gradio-container > .main { padding-left: 10px !important; padding-right: 10px !important; }
  .pncti-header h1 { font-size: 1.35rem; }
  .pncti-tabla thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .pncti-tabla, .pncti-tabla tbody, .pncti-tabla tr, .pncti-tabla td { display: block; width: 100%; box-sizing: border-box; }
  .pncti-tabla { border: 0 !important; }
  .pncti-tabla tr { border: 1px solid #d1d5db !important; border-left: 6px solid var(--estado) !important;
    border-radius: 8px; margin: 0 0 10px 0; padding: 4px 8px; background: #ffffff; }
  .pncti-tabla td { border: 0 !important; padding: 2px 0 !important; display: flex; gap: 8px; text-align: left; }
  .pncti-tabla td::before { content: attr(data-label); flex: 0 0 5.5em; font-weight: 600; color: #4b5563; }
  .pncti-tabla td .v { flex: 1 1 auto; min-width: 0; }
  .pncti-tabla td.num { text-align: left; }
  .pncti-tabla td.codigo-celda::before { display: none; }
  .pncti-tabla td.codigo-celda .codigo { font-size: 1.05rem; }
  .pncti-leyenda { display: block; }
  .pncti-leyenda li { display: block; margin: 2px 0; }
  .pncti-leyenda .muestra { display: inline-block; vertical-align: -2px; margin-right: 4px; }
  .pncti-grafico .fila, .pncti-grafico .eje { grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas: "codigo valor" "pista pista"; gap: 2px 8px; margin-bottom: 6px; }
  .pncti-grafico .fila .codigo, .pncti-grafico .eje .codigo { grid-area: codigo; }
  .pncti-grafico .fila .pista, .pncti-grafico .eje .pista { grid-area: pista; }
  .pncti-grafico .fila .valor, .pncti-grafico .eje .valor { grid-area: valor; text-align: right; }
  .pncti-grafico .sin-datos .valor { font-size: .9em; }
}

/* Documents */
.pncti-documentos { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); gap: 12px; }
.pncti-documento { border: 1px solid #d1d5db; border-radius: 8px; padding: 8px 12px; background: #ffffff; color: #111827; }
.pncti-documento h3 { margin: 0 0 6px 0; font-size: 1.05rem; }
.pncti-documento dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; }
.pncti-documento dl div { display: contents; }
.pncti-documento dt { font-weight: 600; color: #4b5563; }
.pncti-documento dd { margin: 0; overflow-wrap: anywhere; }
.pncti-documento .informe { margin: 6px 0 0 0; }
.pncti-progreso progress { width: 100%; height: 18px; accent-color: #1d4ed8; }
.pncti-progreso ul { margin: 4px 0 0 0; padding-left: 1.2em; }

/* The widget (/embed): one line of header, the chat fills the frame, the question at the bottom. */
html:has(#pncti-widget), body:has(#pncti-widget) { height: 100%; margin: 0; }
body:has(#pncti-widget) gradio-app, body:has(#pncti-widget) .gradio-container {
  height: 100% !important; min-height: 0 !important; }
body:has(#pncti-widget) .gradio-container { padding: 0 !important; margin: 0 !important; max-width: none !important; }
body:has(#pncti-widget) .gradio-container > .main { padding: 0 !important; min-height: 0; }
body:has(#pncti-widget) .gradio-container .wrap, body:has(#pncti-widget) .gradio-container .contain {
  min-height: 0; padding: 0 !important; }
body:has(#pncti-widget) footer { display: none !important; }
#pncti-widget { height: 100% !important; min-height: 0; gap: 4px !important; padding: 6px 8px 8px 8px !important;
  box-sizing: border-box; flex-wrap: nowrap !important; }
#pncti-widget .pncti-header { flex: none; min-height: 0; }
#pncti-widget .pncti-header p { margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: .95rem; }
#pncti-widget #chat { flex: 1 1 0 !important; min-height: 0 !important; height: auto !important; overflow: hidden; }
#pncti-widget #chat > .wrapper { height: 100%; }
#pncti-widget .fila-pregunta { flex: none; }
#pncti-widget #chat .placeholder { padding: 6px 10px; }
#pncti-widget #chat .message-row { padding: 8px 6px; }
#pncti-widget #chat .message-row .bot { padding: 4px 4px; }
#pncti-widget .pncti-cifra .cifra-valor { font-size: 1.6rem; }
"""

# The style sheet goes in <head> as is: Gradio's ``css`` option rewrites rules inside
# @media to apply only under ".gradio-container .contain", which misses the page frame.
# The script remembers the last chat button clicked, so the copy event knows its message.
HEAD = f"<style>{CSS}</style>" + """
<script>
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("#chat button");
  if (button) { window.__pncti_button = button; }
}, true);
// Names for the icon buttons Gradio leaves unnamed or in English (screen readers read them).
const pnctiNames = [
  ["#pregunta button.submit-button:not([aria-label])", "Enviar pregunta"],
  ['#chat button[aria-label="Liked"]', "Me gusta (marcado)"],
  ['#chat button[aria-label="Disliked"]', "No me gusta (marcado)"],
];
new MutationObserver(() => {
  for (const [selector, name] of pnctiNames) {
    document.querySelectorAll(selector).forEach((b) => { b.setAttribute("aria-label", name); b.title = name; });
  }
  document.querySelectorAll('#chat button.example[aria-label^="Select example"]').forEach((b) => {
    b.setAttribute("aria-label", "Preguntar: " + b.textContent.trim());
  });
}).observe(document.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"]});
</script>
"""

# Gradio's copy icon puts the raw message (with its HTML) on the clipboard; this event runs
# right after it and replaces it with the plain answer and sources prepared for that message.
COPY_JS = """
(texts) => {
  const button = window.__pncti_button;
  const buttons = button && button.closest(".message-buttons, .message-buttons-left, .message-buttons-right");
  if (!buttons) { return; }
  let row = buttons.previousElementSibling;
  while (row && !row.classList.contains("message-row")) { row = row.previousElementSibling; }
  if (!row) { return; }
  const rows = Array.from(row.parentElement.querySelectorAll(":scope > .message-row"));
  const text = (texts || [])[rows.indexOf(row)];
  if (!text) { return; }
  const legacy = () => {
    const area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing else to try */ }
    area.remove();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).catch(legacy);
  } else { legacy(); }
}
"""

# Show a new answer from its start: scroll the chat (and, if needed, the page) to the top of
# the last answer instead of to its end.
SCROLL_JS = """
() => {
  const show = () => {
    const chat = document.querySelector("#chat");
    if (!chat) { return; }
    const rows = chat.querySelectorAll(".message-row.bot-row");
    const last = rows[rows.length - 1];
    if (!last) { return; }
    let box = last.parentElement;
    while (box && box !== chat) {
      const style = getComputedStyle(box);
      if (/(auto|scroll)/.test(style.overflowY) && box.scrollHeight > box.clientHeight + 2) { break; }
      box = box.parentElement;
    }
    if (box && box !== chat) {
      box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 6;
    }
    const top = last.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 120) { window.scrollBy(0, top - 8); }
  };
  requestAnimationFrame(show);
  setTimeout(show, 150);
  setTimeout(show, 500);
}
"""


def theme() -> gr.themes.Base:
    """The default theme with system fonts only and AA contrast on primary buttons."""
    return gr.themes.Default(
        primary_hue="red",
        font=[gr.themes.Font("system-ui"), gr.themes.Font("Segoe UI"), gr.themes.Font("Roboto"), "sans-serif"],
        font_mono=[gr.themes.Font("ui-monospace"), gr.themes.Font("DejaVu Sans Mono"), "monospace"],
    ).set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_700",
        button_primary_text_color="white",
        input_border_color_focus=FOCUS,
        color_accent="*primary_700",
        link_text_color=FOCUS,
    )


def i18n() -> gr.I18n:
    """Spanish names for the Chatbot icons Gradio leaves untranslated (screen readers read them)."""
    return gr.I18n(es={"chatbot.copy_message": "Copiar respuesta", "chatbot.copied_message": "Copiado"})
