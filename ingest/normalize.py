"""Raw pages → clean paragraphs and sentences with pages and section paths.

Handles what the text exports of these reports carry: HTML tags, markdown bold, tab-separated
table cells, inline " - " and "○" bullets, footnotes at the foot of a page, and sentences
that run across a page break. The wording of every sentence is kept exactly.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from ingest.model import Document, LoadedDocument, Paragraph, Sentence

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_TAG_BLOCK_RE = re.compile(r"</?(?:p|ul|ol|li|br|div|tr|table|h\d)\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]{1,200}>")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_INLINE_BULLET_RE = re.compile(r"(?<=[.:;])\s*-\s+(?=[A-ZÁÉÍÓÚÑ¿\"“])")
_RULE_RE = re.compile(r"^[\s\-_=—–*|]+$")
_PAGE_NUMBER_RE = re.compile(r"^(?:p[áa]gina\s+)?\d{1,4}(?:\s+de\s+\d{1,4})?$", re.IGNORECASE)
_HEADING_RE = re.compile(r"^(?:(?:SECCI[OÓ]N|Secci[oó]n|CAP[IÍ]TULO|Cap[ií]tulo)\s+)?(?:[IVX]{1,4}|\d{1,2})\.\s+[A-ZÁÉÍÓÚÑ]")
_OBJECTIVE_RE = re.compile(
    r"^(?:-\s*)?(?:El\s+)?(?:OP\.?\s?(\d{2})\.?(?:\s|$)|Objetivo Prioritario\s+(\d{2})\b)"
)
# "Objetivo prioritario 2: Ampliar…" on a line of its own is a heading, even without a final period.
_OBJECTIVE_HEADING_RE = re.compile(r"^(?:objetivo prioritario|OP\.?)\s*\d{1,2}\s*[.:]\s+\S", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”»)]?\s+(?=[¿¡\"“(]?[A-ZÁÉÍÓÚÑ])")
_NO_SPLIT_BEFORE = re.compile(
    r"(?:\bN°|\bSr|\bSra|\bDr|\bDra|\bArt|\bpág|\bO\.P|\bEE\.UU|\b[A-Z]|^\d{1,2}|^[IVX]{1,4}"
    r"|Prioritario \d{2}|^(?:I?OP|I?SS)\.\d{2}(?:\.\d{2})*)\.$"
)
_LIST_START_RE = re.compile(r"^(?:[-•○▪◦]\s|[IVX]{1,4}\.\s|\d{1,2}[.)]\s|[^|]*\|[^|]*\|)")
# A line that opens with a code starts an item only where a line may start a paragraph: a PDF also
# wraps "…el indicador" / "ISS.02.02.02.01 no alcanzó…".
_CODE_START_RE = re.compile(r"^(?:IOP|ISS|IS|OP|SS|S|L)\.\d{2}")
_YEAR_RE = re.compile(r"\baño\s+(20\d{2})\b", re.IGNORECASE)
_ANY_YEAR_RE = re.compile(r"\b(20\d{2})\b")


def clean_line_markup(text: str) -> str:
    """Remove HTML tags and markdown emphasis, unescape entities; keep the words."""
    text = _BOLD_RE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG_BLOCK_RE.sub("\n", text)
    text = _TAG_RE.sub("", text)
    return html.unescape(text)


def _split_cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    if len(cells) == 2 and len(cells[0]) <= 45 and not cells[0].endswith(".") and not re.match(
        r"^(?:I?OP|I?SS)\.", cells[0]
    ):
        # A two-column key/value table row reads best as "key: value".
        return [f"{cells[0]}: {cells[1]}"]
    return cells


def page_paragraphs(raw: str, reflow: bool) -> tuple[list[str], list[str]]:
    """Body paragraphs and footnotes of one page."""
    text = clean_line_markup(raw.replace("\r", ""))
    text = text.replace("○", "\n- ").replace("•", "\n- ")
    lines: list[str] = []
    for line in text.split("\n"):
        line = "\t".join(c for c in line.split("\t") if not _RULE_RE.match(c))
        for cell in _split_cells(line):
            cell = re.sub(r"[ \u00a0]+", " ", cell).strip()
            if not cell:
                continue
            lines.extend(p.strip() for p in _INLINE_BULLET_RE.sub("\n- ", cell).split("\n") if p.strip())
    lines = [ln for ln in lines if not _RULE_RE.match(ln) and not _PAGE_NUMBER_RE.match(ln)]
    body: list[str] = []
    notes: list[str] = []
    for line in lines:
        if line[0] in _SUPERSCRIPTS:
            notes.append(line)
        else:
            body.append(line)
    if reflow:
        body = _reflow(body)
    body = [re.sub(f"(?<=\\w)[{_SUPERSCRIPTS}]+", "", ln) for ln in body]
    return body, notes


def _reflow(lines: list[str]) -> list[str]:
    """Join lines a PDF wrapped back into paragraphs.

    A line starts a paragraph when it opens a list item or code, when the previous line
    closed a sentence, or when the previous line stopped well short of the page's usual
    line length (the last line of a paragraph) and this one starts with a capital.
    """
    lengths = sorted(len(ln) for ln in lines)
    full = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    paragraphs: list[str] = []
    last_line = ""
    for line in lines:
        if not paragraphs:
            paragraphs.append(line)
            last_line = line
            continue
        prev = paragraphs[-1]
        short_prev = full > 40 and len(last_line) < 0.75 * full
        table_row = prev.count("|") >= 2  # pypdf gives a table row as one line; what follows is new
        starts_new = table_row or bool(_LIST_START_RE.match(line)) or (_CODE_START_RE.match(line) is not None and (
            prev.endswith((".", ":", ";")) or short_prev)) or (
            (prev.endswith((".", ":", ";", "?", "!")) or short_prev) and line[:1].isupper()
        ) or (_HEADING_RE.match(prev) is not None and prev.isupper()) or (
            _OBJECTIVE_HEADING_RE.match(prev) is not None and line[:1].isupper())
        if starts_new:
            paragraphs.append(line)
        elif prev.endswith("-") and line[:1].islower() and not prev.endswith(" -"):
            paragraphs[-1] = prev[:-1] + line  # a word hyphenated at the line end
        else:
            paragraphs[-1] = f"{prev} {line}"
        last_line = line
    return paragraphs


def _continues(prev: str, nxt: str) -> bool:
    """True when a paragraph cut by a page break goes on in the next page."""
    if prev.count("|") >= 2:
        return False  # a table row ends where its line ends
    return not prev.rstrip().endswith((".", ":", ";", "?", "!", "»", "\"", "”")) and (
        nxt[:1].islower() or nxt[:1].isdigit()
    )


def build_paragraphs(pages: list[str], reflow: bool) -> list[Paragraph]:
    """Paragraphs of the whole document, joining those a page break cut in two."""
    paragraphs: list[Paragraph] = []
    for number, raw in enumerate(pages, start=1):
        body, notes = page_paragraphs(raw, reflow)
        for i, text in enumerate(body):
            prev = next((p for p in reversed(paragraphs) if not p.footnote), None)
            if i == 0 and prev is not None and prev.page < number and prev.end_page < number and _continues(prev.text, text):
                prev.breaks.append((len(prev.text) + 1, number))
                prev.text = f"{prev.text} {text}"
                continue
            paragraphs.append(Paragraph(text=text, page=number))
        # Footnotes go after the page's body so that they never cut a running sentence.
        paragraphs.extend(Paragraph(text=n, page=number, footnote=True) for n in notes)
    # Footnotes were appended mid-stream; re-sort so running text stays contiguous.
    return paragraphs


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of a paragraph with their offsets, never splitting after "N°" or "O.P."."""
    spans: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        candidate = text[start:m.start()].rstrip()
        if _NO_SPLIT_BEFORE.search(candidate):
            continue
        spans.append((start, text[start:m.end()].rstrip()))
        start = m.end()
    if start < len(text):
        spans.append((start, text[start:].rstrip()))
    return [(s, t) for s, t in spans if t]


def segment(paragraphs: list[Paragraph]) -> tuple[list[Sentence], str]:
    """Sentences with section paths, and the document's normalised text."""
    sentences: list[Sentence] = []
    heading = ""
    objective: str | None = None
    offset = 0
    chunks: list[str] = []
    for index, para in enumerate(paragraphs):
        text = para.text
        if not para.footnote:
            # "1. Ampliar las campañas … a Tumbes y Tacna." is an item of a list: it ends as a
            # sentence does. A heading does not ("III. Alternativas para mejorar…"), unless capitals.
            if (_HEADING_RE.match(text) and len(text) < 160 and not text.startswith(("- ",))
                    and (not text.rstrip().endswith(".") or text.isupper())):
                heading = text.rstrip(".")
                objective = None
            match = _OBJECTIVE_RE.match(text)
            if match:
                objective = f"OP.{match.group(1) or match.group(2)}"
        section = " > ".join(s for s in (heading, objective or "") if s)
        for rel, sentence in split_sentences(text):
            end_page = para.page_at(rel + len(sentence) - 1)
            sentences.append(
                Sentence(sentence, para.page_at(rel), end_page, section, objective, index,
                         offset + rel, rel, para)
            )
        chunks.append(text)
        offset += len(text) + 2
    return sentences, "\n\n".join(chunks)


def detect_title(paragraphs: list[Paragraph], fallback: str) -> str:
    """The document's title: the first early paragraph that names the document (a report, a
    policy, a decree), else its first upper-case paragraph, else its first paragraph."""
    for para in paragraphs[:10]:
        folded = para.text.lower()
        if len(para.text) < 200 and (folded.startswith(("reporte", "informe", "decreto supremo", "política nacional"))):
            return para.text.strip()
    for para in paragraphs[:8]:
        letters = [c for c in para.text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(para.text) > 15:
            return para.text.strip()
    return paragraphs[0].text[:160] if paragraphs else fallback


def detect_period(text: str, source_path: str) -> int | None:
    """The year a report covers: the most cited "año YYYY", else the file name's year."""
    years = Counter(int(y) for y in _YEAR_RE.findall(text))
    if years:
        return years.most_common(1)[0][0]
    from_name = _ANY_YEAR_RE.findall(source_path.rsplit("/", 1)[-1])
    if from_name:
        return int(from_name[0])
    any_years = Counter(int(y) for y in _ANY_YEAR_RE.findall(text) if int(y) != 2030)
    return any_years.most_common(1)[0][0] if any_years else None


def detect_doc_type(title: str, text: str) -> str:
    """'politica' for a policy document (its approving decree or its annex), 'reporte' for a
    compliance report, 'otro' otherwise."""
    head = f"{title} {text[:1500]}".lower()
    if ("decreto supremo que aprueba" in head or "apruébase la política" in head
            or "apruebase la politica" in head):
        return "politica"
    if "reporte de cumplimiento" in head or "reporte de seguimiento" in head:
        return "reporte"
    if "matriz de indicadores" in text.lower() and "logro esperado" in text.lower():
        return "politica"
    return "otro"


_ACRONYM_RE = re.compile(r"\(([A-ZÁÉÍÓÚÑ]{3,12})\)")


_POLICY_NAME_RE = re.compile(
    r"Pol[ií]tica Nacional (?:de |del |para (?:la |el )?)[^,.;:()\n|]{3,120}?(?:\s*\([A-ZÁÉÍÓÚÑ]{2,12}\))?\s+al 20\d{2}",
    re.IGNORECASE)
_MINOR_WORDS = {"de", "del", "la", "el", "los", "las", "al", "y", "e", "para", "en", "a"}
_DECREE_RE = re.compile(r"Decreto Supremo\s+N[°ºo.]*\s*(\d{3}-(\d{4})-[A-Z]+)", re.IGNORECASE)


def detect_policy_name(title: str, text: str) -> str:
    """The policy's full name ("Política Nacional de Bibliotecas Públicas al 2030"), or ""."""
    m = _POLICY_NAME_RE.search(f"{title}\n{text[:3000]}")
    if not m:
        return ""
    name = " ".join(re.sub(r"\s*\([^)]*\)", "", m.group(0)).split())
    if name.isupper():
        name = " ".join(w.lower() if w.lower() in _MINOR_WORDS else w.capitalize() for w in name.split())
    return name[0].upper() + name[1:]


def detect_decree(text: str) -> str:
    """The decree that approves the policy ("Decreto Supremo N° 004-2022-MC"), or ""."""
    m = _DECREE_RE.search(text[:6000])
    return f"Decreto Supremo N° {m.group(1).upper()}" if m else ""


def detect_policy(title: str, text: str) -> str:
    """The policy's acronym, e.g. "PNCTI", from the title (else the first page), or ""."""
    for source in (title, text[:1500]):
        for m in _ACRONYM_RE.finditer(source):
            if m.group(1).startswith("P"):
                return m.group(1)
    return ""


def normalize(loaded: LoadedDocument) -> Document:
    """Turn a loaded file into a :class:`Document`."""
    paragraphs = build_paragraphs(loaded.pages, reflow=loaded.kind == "pdf")
    sentences, text = segment(paragraphs)
    fallback = loaded.source_path.rsplit("/", 1)[-1]
    title = detect_title(paragraphs, fallback)
    doc_type = detect_doc_type(title, text)
    decree = detect_decree(text)
    period = detect_period(text, loaded.source_path)
    if doc_type == "politica" and (m := _DECREE_RE.search(decree)):
        period = int(m.group(2))  # a policy document is dated by its decree, not by its targets
    return Document(
        doc_id=loaded.doc_id,
        source_path=loaded.source_path,
        kind=loaded.kind,
        title=title,
        period=period,
        doc_type=doc_type,
        page_count=len(loaded.pages),
        paragraphs=paragraphs,
        sentences=sentences,
        text=text,
        hidden_chars_dropped=loaded.hidden_chars_dropped,
        policy=detect_policy(title, text),
        policy_name=detect_policy_name(title, text),
        decree=decree,
    )
