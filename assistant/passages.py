"""Which sentences answer a question beyond the best-scoring one: a report's summary, the items
of a bulleted list ("¿Qué alternativas propone el reporte?"), the cause stated after a figure,
and the word a how-many answer must name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from assistant.analysis import Analysis
from assistant.entities import excluded_home_stems, is_framing_stem, lexicon, slot_regex
from assistant.knowledge import SentenceRec, Snapshot, per_snapshot
from assistant.retrieval import ScoredSentence, section_stems
from assistant.text import content_stems
from ingest.numbers import strip_accents

_CODE_BULLET = re.compile(r"^[-○•]\s*\**(?:I?OP|I?SS)\.\d")
# How many sentences around the best one may belong to the same list.
LIST_WINDOW = 8
MAX_ITEMS = 4
# How many sentences after a figure (or an indicator's line) its cause may come.
CAUSE_WINDOW = 3


def states_cause(text: str) -> bool:
    """True when ``text`` gives a cause ("…no pudo medirse porque…", "razón por la cual…",
    "al ser un nuevo servicio": ``cause_markers`` in slots.yaml)."""
    folded = strip_accents(text).lower()
    return slot_regex("cause_markers").search(folded) is not None or _change_by().search(folded) is not None


def explained_part(text: str) -> str:
    """What a cause sentence explains: its folded text before the cause ("Las pérdidas bajaron hasta
    18,7 %" of "…por la entrega de 230 cajas"); the whole text when it states no cause."""
    folded = strip_accents(text).lower()
    after = slot_regex("consequence_markers").search(folded)
    first = slot_regex("cause_markers").search(folded)
    if after is not None and (first is None or first.start() >= after.start()):
        # "…funciones técnico-normativas, razón por la cual no se identificaron servicios": the cause
        # comes first; what follows the marker is explained.
        return folded[after.end():]
    ends = [m.start() for m in (first, _change_by().search(folded)) if m]
    if not ends:
        return folded
    m = _change_by().search(folded)
    # "bajaron … por la entrega": the change is explained; its cause starts at "por".
    cut = min(ends) if not m or min(ends) != m.start() else m.start() + folded[m.start():m.end()].rfind(" por ")
    return folded[:cut]


def cause_of_another(snap: Snapshot, text: str, topics: set[str]) -> bool:
    """True when ``text`` names the question's ``topics`` only in the cause of something else ("Las
    pérdidas bajaron … por la entrega de 230 cajas" is no answer to "¿por qué no se cumplió lo de
    las cajas?"): none of them in what it explains, some in its cause."""
    if not states_cause(text):
        return False
    explained = {snap.kin(s) or s for s in content_stems(explained_part(text))}
    named = {snap.kin(s) or s for s in content_stems(text)}
    if topics & explained or not topics:
        return False
    # The words it names in the cause carry most of the question's topic ("cajas isotérmicas"),
    # not one word that happens to be there ("requerida").
    return sum(snap.weight(t) for t in topics & named) >= CAUSE_TOPIC_SHARE * sum(snap.weight(t) for t in topics)


# Share of the question's topic (by weight) a sentence must name in its cause to be about it there.
CAUSE_TOPIC_SHARE = 0.5


@cache
def _change_by() -> re.Pattern[str]:
    """A change verb (``change_verbs``) and "por el/la/los/las" after it, in the same clause."""
    return re.compile(rf"{slot_regex('change_verbs').pattern}[^.;:]{{0,60}}?\bpor (?:el|la|los|las)\b")


_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")


def is_code_bullet(text: str) -> bool:
    """True for a list line that only names an indicator or service by its code."""
    return _CODE_BULLET.match(text) is not None


def is_list_item(text: str) -> bool:
    """A list item: a bullet ("- …") or a numbered line ("1. …", "2) …"), not an indicator's code line."""
    return (text.startswith(("- ", "• ")) or bool(_NUMBERED_ITEM.match(text))) and not _CODE_BULLET.match(text)


def _introduces_list(text: str) -> bool:
    """"…lo siguiente:" or an upper-case heading ("MEDIDAS PARA MEJORAR LA IMPLEMENTACIÓN")."""
    letters = [c for c in text if c.isalpha()]
    heading = bool(letters) and len(text) < 120 and sum(c.isupper() for c in letters) / len(letters) > 0.85
    return text.rstrip().endswith(":") or heading


def list_items(snap: Snapshot, index: int) -> list[int]:
    """The items of the list that sentence ``index`` belongs to or introduces ("…lo siguiente:")."""
    rec = snap.sentences[index]
    if _introduces_list(rec.text):
        items = []
        for i in range(index + 1, min(len(snap.sentences), index + 1 + LIST_WINDOW)):
            other = snap.sentences[i]
            if other.doc_id != rec.doc_id or not is_list_item(other.text):
                if items:
                    break
                continue
            items.append(i)
        return items
    if not is_list_item(rec.text):
        return []
    lo, hi = max(0, index - LIST_WINDOW), min(len(snap.sentences), index + LIST_WINDOW + 1)
    return [i for i in range(lo, hi)
            if snap.sentences[i].doc_id == rec.doc_id and snap.sentences[i].section == rec.section
            and is_list_item(snap.sentences[i].text)]


def summary_section(snap: Snapshot, doc_id: str) -> list[int]:
    """The sentences after a report's "Resumen…" heading, in its section."""
    heading = next((i for i in doc_sentences(snap).get(doc_id, []) if is_summary_heading(snap.sentences[i].text)),
                   None)
    if heading is None:
        return []
    section = snap.sentences[heading].section
    return [i for i in range(heading + 1, min(len(snap.sentences), heading + 1 + 4 * LIST_WINDOW))
            if snap.sentences[i].doc_id == doc_id and snap.sentences[i].section == section]


# A summary's heading is short: "Resumen del reporte de cumplimiento", never a sentence that opens with "Resumen".
MAX_SUMMARY_HEADING_WORDS = 6
# How many sentences of a summary written in prose are quoted.
MAX_SUMMARY_PROSE = 3


def is_summary_heading(text: str) -> bool:
    """True for the heading of a report's own summary (``summary_headings`` of nouns.yaml, alone or
    followed by what it summarises: "Resumen del reporte de cumplimiento", "RESUMEN EJECUTIVO")."""
    folded = strip_accents(text).lower().strip().rstrip(".:")
    return len(folded.split()) <= MAX_SUMMARY_HEADING_WORDS and _summary_heading().match(folded) is not None


@cache
def _summary_heading() -> re.Pattern[str]:
    from assistant.entities import load_data, phrase_regex

    return re.compile(rf"^(?:{phrase_regex(load_data('nouns.yaml')['summary_headings']).pattern})"
                      r"(?:\s+(?:del|de la|de los|de|of the|of)\b.*)?$")


def summary_sentences(snap: Snapshot, doc_id: str) -> list[int]:
    """A report's summary: the first sentence after its heading, then its highlighted items (or,
    in prose, its first sentences)."""
    after = summary_section(snap, doc_id)
    if not after:
        return []
    items = [i for i in after if is_list_item(snap.sentences[i].text)][:MAX_ITEMS - 1]
    # A summary in prose ("RESUMEN EJECUTIVO" then three sentences) is read as its first sentences.
    return [after[0], *items] if items else after[:MAX_SUMMARY_PROSE]


def display(text: str) -> str:
    """A list item as shown inside «…»: without its bullet dash (the rest is verbatim)."""
    return text.removeprefix("- ")


def policy_name_stems(snap: Snapshot, policies: list[str], drop_generic: bool = True) -> set[str]:
    """The stems of the names of ``policies`` as their documents give them ("pesc", "artesanal"):
    every sentence of those documents is about them, so they name nothing within. With
    ``drop_generic`` false, the domain's common words too ("cooper", "tecnic")."""
    return {s for d in snap.documents.values() if d["policy"] in policies
            for s in content_stems(d.get("policy_name") or "", drop_generic=drop_generic)}


def rarest_stem(snap: Snapshot, q: Analysis) -> str | None:
    """The corpus stem of the question's own most specific topic word, if it names one."""
    excluded = excluded_home_stems(q.regions, q.other_regions)  # "fuera de ALC": ALC is not the topic
    # A slot list's word ("recibieron", a role's verb) says how it is asked, not what about.
    excluded |= {s for s in q.asked.key_stems if is_framing_stem(s)}
    known = [k for k in (snap.kin(s) for s in q.asked.key_stems if s not in excluded) if k is not None]
    known = [k for k in known if not k.isdigit()]
    return max(known, key=lambda k: (snap.weight(k), k)) if known else None


def asks_for_list_in(snap: Snapshot, q: Analysis, best: ScoredSentence) -> bool:
    """True when the question asks for the items of the list ``best`` belongs to or introduces.

    Either the list's section is what the question names ("¿Qué alternativas…?" and
    "III. Alternativas para mejorar…"), or ``best`` introduces the list ("…lo siguiente:").
    """
    if not q.asked.listing and not best.rec.text.rstrip().endswith(":"):
        return False
    if _introduces_list(best.rec.text):
        # "¿Qué medidas propone…?" and the heading "MEDIDAS PARA MEJORAR…": the noun asked for heads the list.
        noun = content_stems(q.asked.list_noun) if q.asked.list_noun else []
        return best.coverage >= 0.5 or bool(noun and noun[0] in best.rec.stems)
    stems = snap.kin_stems(q.search_text)
    total = sum(snap.weight(s) for s in stems)
    named = section_stems(best.rec.section)
    return bool(total) and sum(snap.weight(s) for s in stems if s in named) / total >= 0.5


def explanation_after(snap: Snapshot, best: ScoredSentence, chosen: list[ScoredSentence]) -> ScoredSentence | None:
    """The sentence that explains ``best``, when one of the next few in its section does.

    Reports state a figure, then its cause ("El valor obtenido es el resultado de…"); the
    cause shares few words with a "¿por qué…?" question, so it is found by position.
    """
    if states_cause(best.rec.text):
        return None
    for idx, rec in _following(snap, best.index):
        if states_cause(rec.text):
            return next((c for c in chosen if c.index == idx), ScoredSentence(idx, rec, 0.0, 0.0))
    return None


# A line that opens another coded item: an indicator, service or objective code first.
_ITEM_START = re.compile(r"^[-•]?\s*(?:I?OP|I?S{1,2})\.\d{2}")


def _following(snap: Snapshot, index: int, window: int = CAUSE_WINDOW) -> Iterator[tuple[int, SentenceRec]]:
    """The next ``window`` sentences after ``index`` in its document and section."""
    start = snap.sentences[index]
    for idx in range(index + 1, min(index + 1 + window, len(snap.sentences))):
        rec = snap.sentences[idx]
        if rec.doc_id != start.doc_id or rec.section != start.section or _ITEM_START.match(rec.text):
            return  # another section, or the line of another coded item ("IS.02.03.01 Monto…, debido a…")
        yield idx, rec


# An enumeration of names: at least this many items that start with a capital ("…los siguientes:
# Alianza Global… (AGCED), Comisión Económica… (CEPAL) y Organización del Tratado… (OTCA).").
MIN_NAMED_ITEMS = 3
_ITEM_SPLIT = re.compile(r"\s*(?:[,;:]|\by\b|\be\b)\s*")


def named_items(text: str) -> int:
    """How many items of ``text``, split at commas, colons and "y", start with a capital letter
    (the sentence's own first word aside)."""
    items = [i for i in _ITEM_SPLIT.split(text.strip())[1:] if i]
    return sum(1 for i in items if i[0].isupper())


_NAME_RUN = re.compile(r"(?<!^)\b[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+(?:\s+(?:(?:de|del|la|las|el|los|para|y)\s+)*[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+)*")


def name_runs(text: str) -> int:
    """How many proper names ``text`` holds after its first word ("…la Secretaría General
    Iberoamericana (SEGIB) y la Alianza del Pacífico." holds three)."""
    return len(_NAME_RUN.findall(text.strip()))


def enumeration_after(snap: Snapshot, best: ScoredSentence) -> list[ScoredSentence]:
    """The names ``best`` announces, when it names none itself and one of the next few sentences
    of its section lists them ("…en espacios y foros internacionales." then "Entre ellos, se
    destaca los siguientes: …"); with the sentence right after that list when it names more. When
    ``best`` is itself the list, only that sentence after it ("A nivel regional, se resalta… (SEGIB)
    y la Alianza del Pacífico")."""
    if named_items(best.rec.text) >= MIN_NAMED_ITEMS:
        return _names_more(snap, best.index)
    for idx, rec in _following(snap, best.index):
        if named_items(rec.text) >= MIN_NAMED_ITEMS:
            return [ScoredSentence(idx, rec, 0.0, 0.0), *_names_more(snap, idx)]
    return []


def _names_more(snap: Snapshot, index: int) -> list[ScoredSentence]:
    """The sentence right after an enumeration, when it names more of the same."""
    return [ScoredSentence(i, nxt, 0.0, 0.0) for i, nxt in _following(snap, index, 1) if name_runs(nxt.text) >= 2]


@lru_cache(maxsize=2)
def _opening(slot: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(re.escape(c) for c in lexicon().slots[slot]) + r")\b")


def opens_note(text: str) -> bool:
    """True when ``text`` opens a note ("Nota: …"): ``note_openers`` of slots.yaml, then a colon."""
    folded = strip_accents(text).lower().lstrip("-• ")
    return any(folded.startswith((f"{w}:", f"{w} :")) for w in lexicon().slots["note_openers"])


def same_line_after(snap: Snapshot, index: int) -> list[int]:
    """The sentences after ``index`` on the same line of its chunk's text (the rest of a note)."""
    rec = snap.sentences[index]
    text = (snap.chunk_meta.get(rec.chunk_id) or {}).get("text", "")
    at = text.find(rec.text)
    if at < 0:
        return []
    out, end = [], at + len(rec.text)
    for idx, nxt in _following(snap, index, window=MAX_ITEMS):
        start = text.find(nxt.text, end)
        if nxt.chunk_id != rec.chunk_id or start < 0 or "\n" in text[end:start]:
            break
        out.append(idx)
        end = start + len(nxt.text)
    return out


def with_whole_notes(snap: Snapshot, chosen: list[ScoredSentence]) -> list[ScoredSentence]:
    """``chosen`` with the rest of each note it quotes ("Nota: s.i. = sin información." is followed,
    on its line, by "El sentido esperado del indicador… es descendente…")."""
    have = {c.index for c in chosen}
    out = list(chosen)
    for c in chosen:
        if opens_note(c.rec.text):
            for idx in same_line_after(snap, c.index):
                if idx not in have:
                    out.append(ScoredSentence(idx, snap.sentences[idx], 0.0, 0.0))
                    have.add(idx)
    return out


def continues(text: str) -> bool:
    """True when ``text`` opens with a word that carries on the sentence before ("No obstante, …")."""
    return _opening("continuations").match(strip_accents(text).lower().lstrip("-• ")) is not None


def points_back(text: str) -> bool:
    """True when ``text`` opens with a word that needs the sentence before ("En tal sentido, …")."""
    return _opening("back_references").match(strip_accents(text).lower().lstrip("-• ")) is not None


@per_snapshot
def doc_sentences(snap: Snapshot) -> dict[str, list[int]]:
    """Each document's sentence indexes, in order (a scan of one document, not of the corpus)."""
    out: dict[str, list[int]] = {}
    for i, rec in enumerate(snap.sentences):
        out.setdefault(rec.doc_id, []).append(i)
    return out


def continuation_of(snap: Snapshot, index: int) -> int | None:
    """The index of the sentence that carries on sentence ``index`` in its section, or None."""
    return next((idx for idx, rec in _following(snap, index, 1) if continues(rec.text)), None)


def continuations(snap: Snapshot, index: int, limit: int) -> list[int]:
    """The sentences that carry on sentence ``index`` one after another ("Para ello…", then
    "Asimismo…"), at most ``limit``, in order."""
    found: list[int] = []
    while len(found) < limit and (after := continuation_of(snap, found[-1] if found else index)) is not None:
        found.append(after)
    return found


def with_antecedents(snap: Snapshot, chosen: list[ScoredSentence]) -> list[ScoredSentence]:
    """``chosen`` with the sentence each one carries on ("En tal sentido, …" needs the sentence
    before it to say anything), in its section."""
    have = {c.index for c in chosen}
    out = list(chosen)
    for c in chosen:
        prev = c.index - 1
        if (points_back(c.rec.text) and prev >= 0 and prev not in have
                and continuation_of(snap, prev) == c.index):
            out.append(ScoredSentence(prev, snap.sentences[prev], 0.0, 0.0))
            have.add(prev)
    return out


def declared_make_up(snap: Snapshot, counted_stem: str, policies: list[str]) -> ScoredSentence | None:
    """The sentence where a report declares its policy's make-up ("…cuenta con cuatro objetivos
    prioritarios, 16 lineamientos, ocho servicios y 38 actividades operativas…"), when it counts
    ``counted_stem``; the one policy's, or None when several policies could be meant."""
    found: dict[str, ScoredSentence] = {}
    for check in snap.checks:
        if check["kind"] != "conteo" or (policies and check["policy"] not in policies):
            continue
        for i in doc_sentences(snap).get(check["doc_id"], []):
            rec = snap.sentences[i]
            if rec.text == check["quote_a"] and (snap.kin(counted_stem) or counted_stem) in rec.stems:
                found.setdefault(check["policy"], ScoredSentence(i, rec, 0.0, 0.0))
    return next(iter(found.values())) if len(found) == 1 else None

