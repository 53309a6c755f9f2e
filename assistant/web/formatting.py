"""Pure formatters of a chat answer: figure card, discrepancy box, sources with links, copy text.

Nothing here imports gradio; every function takes plain data (an :class:`Answer` and the
parts of a snapshot it reads) and returns strings, so the tests check the exact text a user
sees. The chat renders the returned markdown/HTML with Gradio's sanitiser, which keeps
``class`` attributes and links.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from assistant.answer import Answer, Citation, Figure
from ingest.numbers import format_number, strip_accents

REFUSAL_ROUTES = ("rechazo", "invalida")
MET_PCT = 100.0  # progress at or above the expected achievement
CLOSE_PCT = 80.0  # "close" starts here; below it an indicator is "behind"

STATUS_NAMES = {
    "cumplido": "Cumplido",
    "cerca": "Cerca de lo esperado",
    "rezagado": "Rezagado",
    "sin_datos": "Sin datos de avance",
}
STATUS_RULES = {
    "cumplido": "avance ≥ 100 %",
    "cerca": f"avance de {format_number(CLOSE_PCT)} % a menos de 100 %",
    "rezagado": f"avance < {format_number(CLOSE_PCT)} %",
    "sin_datos": "sin avance publicado",
}

# The answer templates end a figure sentence with this; the card (or a short mark) says it.
_STORE_JARGON = re.compile(r"\s*✔ (?:Cifras? verificadas? en el almacén de indicadores|Es la cifra que el reporte "
                           r"publica para este indicador|Son las cifras que el reporte publica para este indicador)\.")
_CHECKED = "✔ Verificada con el reporte."


# -- small pieces ---------------------------------------------------------------------------
def number_text(value: float, unit: str | None) -> str:
    """ "45.83 %", "142 servidores/as", "3"."""
    text = format_number(value)
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit}" if unit else text


def progress_status(progress_pct: float | None) -> str:
    """Status key of a progress against the expected achievement (see :data:`STATUS_RULES`)."""
    if progress_pct is None:
        return "sin_datos"
    if progress_pct >= MET_PCT:
        return "cumplido"
    return "cerca" if progress_pct >= CLOSE_PCT else "rezagado"


def document_url(base: str, doc_id: str, page: int | None, kind: str | None) -> str:
    """Where a source opens: a PDF at its page (``#page=N``), any other document's page view."""
    root = f"{base.rstrip('/')}/documento/{doc_id}"
    if kind == "pdf":
        return f"{root}#page={page}" if page else root
    return f"{root}/pagina/{page or 1}"


def indicator_label(indicator_id: str, code: str | None, service: str | None) -> str:
    """The code as the report writes it; an uncoded indicator is named after its service.

    The ingest keys an uncoded indicator "SS.01.02.02-1" (service, then its number); that
    suffix is ours, not the report's, so it is never shown.
    """
    if code:
        return code
    match = re.fullmatch(r"(.+?)-(\d+)", indicator_id)
    service = service or (match.group(1) if match else indicator_id)
    number = int(match.group(2)) if match else 1
    suffix = f" n.º {number}" if number > 1 else ""
    return f"Indicador de {service}{suffix}"


def citation_title(citation: Citation) -> str:
    """ "Documento, pág. N · sección" for a citation."""
    title = f"{citation.document}, pág. {citation.page}"
    if citation.section:
        title += f" · {citation.section}"
    return title


def figure_label(figure: Figure) -> str:
    """One plain line for a stated figure: value, indicator, period and how it was checked."""
    parts = [number_text(figure.value, figure.unit)]
    context = ", ".join(str(x) for x in (figure.indicator, figure.period) if x)
    if context:
        parts.append(f"({context})")
    if figure.source == "calculado":
        formula = f": {figure.formula}" if figure.formula else ""
        parts.append(f"— calculado{formula} (no es una cifra publicada)")
    elif figure.verified:
        parts.append("— ✔ verificada con el reporte" if figure.source == "almacén"
                     else "— ✔ tomada de la cita")
    else:
        parts.append("— sin verificar")
    return " ".join(parts)


def shown_notes(answer: Answer) -> list[str]:
    """Discrepancy notes to show apart: none for refusals, none already in the answer text."""
    if answer.refused or answer.route in REFUSAL_ROUTES:
        return []
    body = _fold(answer.text)
    return [n for n in dict.fromkeys(answer.notes) if n.strip() and _fold(n) not in body]


# -- the figure card ------------------------------------------------------------------------
@dataclass
class FigureCard:
    """What the card above a one-indicator answer shows."""

    value: str
    progress: str | None
    status: str
    period: int | None
    label: str
    name: str
    document: str
    page: int
    url: str
    indicator_id: str
    doc_id: str
    policy: str


def figure_card(answer: Answer, snapshot: Any, base: str = "") -> FigureCard | None:
    """The card for an answer about one indicator's value, or None.

    The value, progress, name and page come from the snapshot's row whose value is the
    answer's first checked store figure, so the card never shows a number the answer lacks.
    """
    if snapshot is None or answer.refused or answer.route != "indicador":
        return None
    stored = [f for f in answer.figures if f.source == "almacén" and f.verified and f.indicator]
    if not stored or len({f.indicator for f in stored}) != 1:
        return None
    first = stored[0]
    for key, ind in snapshot.indicators.items():
        ident = key.split("::")[-1]
        if first.indicator.upper() not in (ident.upper(), (ind.get("code") or "").upper()):
            continue
        for row in snapshot.values.get(key, []):
            if row.get("value") is None or row.get("period") != first.period:
                continue
            if abs(float(row["value"]) - first.value) > 1e-6 or row.get("unit") != first.unit:
                continue
            doc = snapshot.documents.get(row["doc_id"], {})
            progress = row.get("progress_pct")
            return FigureCard(
                value=number_text(row["value"], row.get("unit")),
                progress=f"{format_number(progress)} %" if progress is not None else None,
                status=progress_status(progress),
                period=row.get("period"),
                label=indicator_label(ident, ind.get("code"), ind.get("service")),
                name=ind.get("name") or "",
                document=snapshot.doc_name(row["doc_id"]),
                page=row["page"],
                url=document_url(base, row["doc_id"], row["page"], doc.get("kind")),
                indicator_id=ident,
                doc_id=row["doc_id"],
                policy=ind.get("policy", ""),
            )
    return None


def card_html(card: FigureCard) -> str:
    """The card as one HTML block (no blank lines, so markdown leaves it whole)."""
    e = html.escape
    facts = []
    if card.progress is not None:
        facts.append(f'<span class="cifra-avance">Avance: <strong>{e(card.progress)}</strong> '
                     "del logro esperado</span>")
    else:
        facts.append('<span class="cifra-avance">Sin avance publicado</span>')
    if card.period:
        facts.append(f'<span class="cifra-periodo">Periodo: <strong>{card.period}</strong></span>')
    facts.append(f'<span class="estado estado-{card.status}">{e(STATUS_NAMES[card.status])}</span>')
    return (
        f'<div class="pncti-cifra estado-{card.status}">'
        f'<div class="cifra-valor">{e(card.value)}</div>'
        f'<div class="cifra-datos">{" ".join(facts)}</div>'
        f'<div class="cifra-indicador"><span class="codigo">{e(card.label)}</span> '
        f"{e(card.name)}</div>"
        f'<div class="cifra-fuente">Fuente: <a href="{e(card.url)}" target="_blank" '
        f'rel="noopener">{e(card.document)}, pág. {card.page}</a> · {e(_CHECKED)}</div>'
        "</div>"
    )


# -- discrepancies --------------------------------------------------------------------------
def split_discrepancies(text: str) -> tuple[str, list[str]]:
    """The answer text without its discrepancy paragraphs, and those paragraphs (one per note).

    A discrepancy starts with "⚠" and runs on through the quotes ("> «…») and the "Cálculo:"
    line that follow it.
    """
    kept: list[str] = []
    lifted: list[list[str]] = []
    inside = False
    for block in re.split(r"\n{2,}", text.strip()):
        stripped = block.strip()
        if stripped.startswith("⚠"):
            lifted.append([stripped])
            inside = True
        elif inside and stripped.startswith((">", "Cálculo:")):
            lifted[-1].append(stripped)
        else:
            inside = False
            kept.append(block)
    return "\n\n".join(kept), ["\n\n".join(parts) for parts in lifted]


def _check_for(block: str, checks: list[dict[str, Any]]) -> dict[str, Any] | None:
    folded = _fold(block)
    for check in checks:
        if not check.get("consistent") and check.get("description") and _fold(check["description"]) in folded:
            return check
    return None


def discrepancy_html(block: str, checks: list[dict[str, Any]], doc_name: str = "el reporte",
                     link: str | None = None) -> str:
    """An amber box: the official figure, what the same report also says, and what to cite.

    ``block`` is a lifted discrepancy paragraph; when its check is in ``checks`` the box is
    written from the check's figures and quotes, otherwise it shows the paragraph as plain text.
    """
    e = html.escape
    check = _check_for(block, checks)
    where = f'<a href="{e(link)}" target="_blank" rel="noopener">{e(doc_name)}</a>' if link else e(doc_name)
    if check is None:
        body = "".join(f"<p>{e(_plain(part))}</p>" for part in block.split("\n\n"))
        return f'<div class="pncti-aviso" role="note"><p class="aviso-titulo">⚠ Atención</p>{body}</div>'
    if check.get("kind") == "periodo":
        official, other = format_number(check["computed"]), format_number(check["stated"])
        parts = [
            "<p class=\"aviso-titulo\">⚠ El reporte menciona dos períodos</p>",
            (f"<p><strong>Período oficial: {official}</strong>, el que el reporte declara cubrir "
             f"(pág. {check['page_b']}): «{e(check['quote_b'])}»</p>"),
            f"<p>El mismo reporte también dice (pág. {check['page_a']}): «{e(check['quote_a'])}»</p>",
            (f"<p><strong>Qué citar:</strong> los datos de {official}, como los presenta {where}; "
             f"si menciona {other}, indique que es lo que dice el texto sobre la medición.</p>"),
        ]
    else:
        unit = " %" if check.get("kind") == "proporcion" else ""
        stated, computed = format_number(check["stated"]), format_number(check["computed"])
        formula = f"{e(check['formula'])} = {computed}{unit}" if check.get("formula") else f"{computed}{unit}"
        parts = [
            "<p class=\"aviso-titulo\">⚠ El propio reporte da dos cifras</p>",
            (f"<p><strong>Cifra oficial: {stated}{unit}</strong>, la que el reporte publica como "
             f"valor (pág. {check['page_a']}).</p>"),
            (f"<p>El mismo reporte también dice (pág. {check['page_b']}): «{e(check['quote_b'])}» "
             f"De ahí resulta {formula}, un cálculo, no una cifra publicada.</p>"),
            (f"<p><strong>Qué citar:</strong> {stated}{unit}, según {where}. Si menciona la "
             f"diferencia, presente {computed}{unit} como cálculo a partir del texto.</p>"),
        ]
    return f'<div class="pncti-aviso" role="note">{"".join(parts)}</div>'


# -- sources ------------------------------------------------------------------------------
def sources_html(answer: Answer, snapshot: Any = None, base: str = "") -> str:
    """The collapsed sources under an answer: each with its page link and its quote."""
    if not answer.citations:
        return ""
    e = html.escape
    items = []
    for c in answer.citations:
        title = e(f"{c.document}, pág. {c.page}")
        url = _citation_url(c, snapshot, base)
        head = f'<a href="{e(url)}" target="_blank" rel="noopener">{title}</a>' if url else title
        section = f' <span class="seccion">· {e(c.section)}</span>' if c.section else ""
        items.append(f"<li>{head}{section}<blockquote>«{e(c.quote)}»</blockquote></li>")
    count = len(answer.citations)
    label = "1 fuente" if count == 1 else f"{count} fuentes"
    return (f'<details class="pncti-fuentes"><summary>Fuentes ({label})</summary>'
            f'<ol>{"".join(items)}</ol></details>')


def _citation_url(citation: Citation, snapshot: Any, base: str) -> str | None:
    if snapshot is None or not citation.doc_id or citation.doc_id not in snapshot.documents:
        return None
    kind = snapshot.documents[citation.doc_id].get("kind")
    return document_url(base, citation.doc_id, citation.page, kind)


# -- the whole message ----------------------------------------------------------------------
def answer_markdown(answer: Answer, snapshot: Any = None, base: str = "") -> str:
    """The chat message: figure card, text, amber discrepancy boxes, then collapsed sources."""
    card = figure_card(answer, snapshot, base)
    text, lifted = split_discrepancies(answer.text) if not answer.refused else (answer.text, [])
    text = _STORE_JARGON.sub("" if card else " " + _CHECKED, text).strip()
    blocks = [card_html(card)] if card else []
    blocks.append(text)
    checks = list(getattr(snapshot, "checks", None) or [])
    doc_name = card.document if card else _first_document(answer)
    link = card.url if card else None
    blocks += [discrepancy_html(block, checks, doc_name, link) for block in lifted]
    notes = [n for n in shown_notes(answer) if not any(_fold(n) in _fold(b) for b in lifted)]
    blocks += [discrepancy_html(f"⚠ {note}", checks, doc_name, link) for note in notes]
    sources = sources_html(answer, snapshot, base)
    if sources:
        blocks.append(sources)
    return "\n\n".join(b for b in blocks if b)


def _first_document(answer: Answer) -> str:
    return answer.citations[0].document if answer.citations else "el reporte"


def plain_text(markdown: str) -> str:
    """Markdown of an answer as plain text (bold, quotes and headings dropped)."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown, flags=re.DOTALL)
    text = re.sub(r"(?m)^[ \t]{0,3}(?:>[ \t]?|#{1,6}[ \t]+)", "", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _plain(markdown: str) -> str:
    return plain_text(markdown).replace("\n", " ")


def brief_text(question: str, answer: Answer) -> str:
    """An answer with its sources as plain text, what the copy icon puts on the clipboard."""
    body = _STORE_JARGON.sub(" " + _CHECKED, answer.text)
    lines = [f"Pregunta: {question.strip()}", "", "Respuesta:", plain_text(body)]
    if answer.citations:
        lines += ["", "Fuentes:"]
        lines += [f"{i}. {citation_title(c)}: «{c.quote}»" for i, c in enumerate(answer.citations, start=1)]
    notes = shown_notes(answer)
    if notes:
        lines += ["", "Observaciones:"]
        lines += [f"- {n}" for n in notes]
    return "\n".join(lines).strip() + "\n"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", strip_accents(text.replace("**", ""))).strip()
