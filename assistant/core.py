"""`Assistant.ask(question, history) -> Answer`: parse, route, look up, retrieve, compose, verify."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import replace
from typing import Any

from assistant.acronyms import acronyms
from assistant.analysis import request_from
from assistant.answer import Answer
from assistant.answers.base import Context
from assistant.answers.retrieval import objective_index
from assistant.catalog import Catalog, catalog_from_snapshot
from assistant.compose import Templates
from assistant.knowledge import KnowledgeBase, Snapshot
from assistant.question import Question, filled_from, for_policy, parse
from assistant.retrieval import hybrid_search
from assistant.routing import routes_for
from assistant.signature import signatures
from assistant.structured import NotInCorpus, StructuredComposer

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000


class BadQuestion(ValueError):
    """The question cannot be processed; the message is the Spanish text for the user."""


# Routes that answer from one passage or one document: a question naming several policies is asked
# of each. The structured routes (partners, indicator lists, signatures) already answer per policy.
# Routes that list or count a policy's parts: one count across policies ("Son 10 objetivos
# prioritarios" for three policies) would mix them.
CATALOGUE_ROUTES = frozenset({"conteo-de-objetivos", "objetivos", "lineamientos", "servicios-de-la-politica"})
# "¿Por qué la PNBP y la PNPA no alcanzaron algunas metas?" (motivo-de-indicador): each report's causes.
PER_POLICY_ROUTES = frozenset({"recuperacion", "resumen", "seccion", "motivo-de-indicador"}) | CATALOGUE_ROUTES
# Routes that list or count indicators as a group: with no policy named, each policy's group.
PER_POLICY_GROUPS = frozenset({"indicadores-en-grupo"}) | CATALOGUE_ROUTES


def _joined(labelled: list[tuple[str, Answer]], route: str, notes: list[str]) -> Answer:
    """Several answers as one, each after its label ("**1. ¿…?**", "**PNCTI:**"); a refusal only if all are."""
    answers = [a for _, a in labelled]
    return Answer(text="\n\n".join(f"{label}{a.text}" for label, a in labelled),
                  refused=all(a.refused for a in answers), citations=[c for a in answers for c in a.citations],
                  figures=[f for a in answers for f in a.figures], route=route, notes=notes)


def clean_question(question: object) -> str:
    """Validate and tidy a question; raises :class:`BadQuestion` with a Spanish message."""
    if not isinstance(question, str):
        raise BadQuestion("La pregunta debe ser un texto.")
    text = unicodedata.normalize("NFC", question)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestion("La pregunta está vacía: escriba qué desea saber sobre la PNCTI.")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"La pregunta es demasiado larga ({len(text)} caracteres; máximo {MAX_QUESTION_CHARS}).")
    if not re.search(r"[A-Za-zÁÉÍÓÚáéíóúÑñ]{2}", text):
        raise BadQuestion("No reconozco una pregunta en ese texto: escríbala con palabras, por ejemplo «¿Qué valor tuvo el IOP.03.01?».")
    return text


class Assistant:
    """Answers questions about the ingested corpus; exact figures come from the side store."""

    def __init__(self, kb: KnowledgeBase, templates: Templates, dense_weight: float = 0.3,
                 min_evidence: float = 0.35, llm: Any | None = None) -> None:
        self.kb = kb
        self.templates = templates
        self.dense_weight = dense_weight
        self.min_evidence = min_evidence
        self.llm = llm
        self.structured = StructuredComposer(templates)
        self._catalogs: dict[Any, Any] = {}

    # -- public ---------------------------------------------------------------------------
    def ask(self, question: str, history: list[dict[str, str]] | None = None) -> Answer:
        """Answer ``question`` given the chat ``history`` ([{"role","content"}])."""
        started = time.perf_counter()
        try:
            text = clean_question(question)
        except BadQuestion as exc:
            return Answer(text=str(exc), refused=True, route="invalida",
                          latency_ms=(time.perf_counter() - started) * 1000)
        snap = self.kb.snapshot()
        history = _clean_history([m for m in history or [] if isinstance(m, dict)])
        parsed = self._parse(snap, text, history)
        if parsed.parts:
            answer = self._answer_parts(snap, parsed, history)
        else:
            answer = self._answer(snap, parsed)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def _answer_parts(self, snap: Snapshot, whole: Question, history: list[dict[str, str]]) -> Answer:
        """Each part of a question asked in one breath (``whole.parts``), answered on its own and numbered."""
        parts = whole.parts
        answers = []
        for n, part in enumerate(parts):
            # A later part follows the one before it ("…superaron su meta, y cuáles quedaron por
            # debajo?"); any part takes the policy, years and codes it leaves out from the whole.
            turns = history + ([{"role": "user", "content": parts[n - 1]}] if n else [])
            answers.append(self._answer(snap, filled_from(self._parse(snap, part, turns), whole)))
        return _joined([(f"**{n}. {part}**\n\n", a) for n, (part, a) in enumerate(zip(parts, answers), 1)],
                       "varias-preguntas",
                       [f"{a.route}: {n}" for a in answers for n in a.notes] or [a.route for a in answers])

    def context(self, snap: Snapshot) -> Context:
        """What the answer modules share for one question on ``snap``."""
        return Context(snap, self.templates, self.structured, self.dense_weight, self.min_evidence, self.llm)

    def _answer(self, snap: Snapshot, parsed: Question) -> Answer:
        """The first route of the table that answers ``parsed``."""
        # A refusal that applies only when its evidence check finds nothing does not decide how the
        # question is answered; it is tried again inside each policy's answer.
        first = next(r for r in routes_for(parsed) if not r.evidence_refusal).name
        if len(parsed.policies) > 1 and not parsed.codes and first in PER_POLICY_ROUTES | PER_POLICY_GROUPS:
            # "¿Cuántos indicadores tienen la PNCTI, la PNPA y la PNBP?": each one's, under its name.
            return self._answer_per_policy(snap, parsed)
        if not parsed.policies and not parsed.codes and first in PER_POLICY_ROUTES and parsed.asked.each:
            # "Which supreme decrees approved each of the three policies?": every policy, by name.
            policies = sorted({d["policy"] for d in snap.documents.values() if d["policy"]})
            if len(policies) > 1:
                return self._answer_per_policy(snap, replace(parsed, policies=policies))
        if not parsed.policies and not parsed.codes and first in PER_POLICY_GROUPS:
            # "¿Cuántos indicadores usa la política?" with several policies ingested: one list, or
            # one count, across reports would mix them; each policy's, under its name. A policy
            # the question's premise does not fit ("¿Por qué no se reportan valores del OP.01?",
            # whose indicators have data there) is left out when another's answers.
            policies = sorted({i["policy"] for i in snap.indicators.values() if i["policy"]})
            if len(policies) > 1:
                return self._answer_per_policy(snap, replace(parsed, policies=policies), unnamed=True)
        return self._first_answer(snap, parsed)

    def _answer_per_policy(self, snap: Snapshot, parsed: Question, unnamed: bool = False) -> Answer:
        """A question about several policies ("¿Qué decretos aprobaron las políticas de cooperación
        técnica, de bibliotecas y de pesca?"), answered for each, under its name: one passage
        cannot answer for three policies. With ``unnamed`` (the question named none), policies
        whose answer is a refusal are left out when another's is not."""
        catalog = self._catalog(snap)
        answers = [(p, self._first_answer(snap, for_policy(parsed, p, catalog))) for p in parsed.policies]
        if unnamed and any(not a.refused for _, a in answers):
            answers = [(p, a) for p, a in answers if not a.refused]
        return _joined([(f"**{p}:** ", a) for p, a in answers], "por-politica",
                       [f"{p}: {n}" for p, a in answers for n in a.notes])

    def _first_answer(self, snap: Snapshot, parsed: Question) -> Answer:
        """The first route of the table that answers ``parsed``, as it is."""
        ctx = self.context(snap)
        request = request_from(parsed, snap)
        for route in routes_for(parsed):
            try:
                answer = route.handler(ctx, request)
            except NotInCorpus as exc:
                return ctx.refusal(request, exc.reason, topics=exc.topics)
            if answer is not None:
                log.debug("Ruta %s", route.name)
                return answer
        raise AssertionError("the retrieval route always answers")

    def _parse(self, snap: Snapshot, text: str, history: list[dict[str, str]]) -> Question:
        """The one parse of ``text`` against this snapshot's catalog."""
        return parse(text, self._catalog(snap), history)

    def _catalog(self, snap: Snapshot) -> Catalog:
        """The names the parser links against, built once per snapshot."""
        catalog = self._catalogs.get(snap.path)
        if catalog is None:
            catalog = self._catalogs[snap.path] = catalog_from_snapshot(snap)
        return catalog

    def warm_up(self, searches: bool = True) -> None:
        """Load the snapshot and its indexes, then (``searches``) run three retrievals.

        A server that loads its encoder in the background warms up without the searches, which
        would wait for the model, and runs :meth:`warm_up_searches` in a thread.
        """
        snap = self.kb.snapshot()
        self._parse(snap, "valor del indicador", [])
        # Indexes read from every sentence once per snapshot: built here, not on a first question
        # (the section-heading index comes with the catalog, built by the parse above).
        signatures(snap)
        acronyms(snap)
        objective_index(snap)
        if searches:
            self.warm_up_searches()

    def warm_up_searches(self) -> None:
        """Three hybrid searches: the first encoder calls are slow (thread pools, allocator)."""
        snap = self.kb.snapshot()
        for query in ("objetivos prioritarios de la política", "valor del indicador IOP", "países socios"):
            hybrid_search(snap, query, k=3, dense_weight=self.dense_weight)

    def stream(self, question: str, history: list[dict[str, str]] | None = None) -> Any:
        """Yield the answer text growing word by word, then the final Answer."""
        answer = self.ask(question, history)
        parts = re.split(r"(\s+)", answer.text)
        shown = ""
        for i in range(0, len(parts), 6):
            shown += "".join(parts[i:i + 6])
            yield shown
        yield answer


def _clean_history(history: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The chat history with each user turn tidied as a question is (unusable turns dropped)."""
    out = []
    for m in history:
        content = m.get("content")
        if m.get("role") == "user":
            try:
                content = clean_question(content if not isinstance(content, str) else content[:MAX_QUESTION_CHARS])
            except BadQuestion:
                continue
        if isinstance(content, str):
            out.append({"role": str(m.get("role")), "content": content})
    return out
