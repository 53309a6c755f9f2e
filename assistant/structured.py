"""Structured answers from the side store: indicator values and series, definitions,
partner countries, objectives and services — exact figures, each with its citation."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from assistant.analysis import Analysis
from assistant.answer import Citation, Figure
from assistant.asked import is_year_value
from assistant.compose import Templates
from assistant.knowledge import Snapshot, key
from assistant.text import code_mention, content_stems
from ingest.numbers import find_numbers, format_number, same_number, strip_accents
from ingest.reports.records import LEVEL_COUNT

T = TypeVar("T")


@dataclass
class Draft:
    """An answer before verification: text plus what it may state."""

    text: str
    citations: list[Citation]
    figures: list[Figure]
    route: str
    allowed: list[float]
    notes: list[str]


# A list answer quotes at most this many report sentences; the rest are cited, not pasted.
MAX_QUOTES = 4


# What each partner role means, as an answer states it (roles come from the document's own words).
ROLE_LEADS = {
    "oferente": "el Perú ofreció cooperación (como oferente) a estos países{where}",
    "receptor": "el Perú recibió cooperación de estos países{where}",
    "donante": "estos países{where} hicieron donaciones",
    "socio": "el Perú tiene convenios o alianzas con estos países{where}",
}
ROLE_MENTION = {"oferente": "como receptor de la cooperación ofrecida por el Perú (el Perú como oferente)",
                "receptor": "como fuente de cooperación recibida por el Perú (el Perú como receptor)",
                "donante": "como donante",
                "socio": "como socio (convenio o alianza)"}
# The stored roles a role asked about covers: "¿De qué países recibió donaciones la Biblioteca
# Nacional?" is answered by the donors, the countries Peru received cooperation from.
ROLES_WITHIN = {"receptor": {"receptor", "donante"}}
# Where no country gave, the countries of agreements are what cooperation came in by ("¿Qué
# cooperación recibió la PNPA?": "convenios… con Noruega y Japón"); the answer labels them as such.
ROLES_FALLBACK = {"receptor": {"socio"}}
ROLE_NONE = {"oferente": "a los que el Perú ofreciera cooperación", "receptor": "de los que el Perú recibiera cooperación",
             "donante": "donantes"}


class NotInCorpus(Exception):
    """The side store cannot answer: the reason (and optional nearby topics) for a refusal."""

    def __init__(self, reason: str, topics: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.topics = topics


def unit_text(value: float, unit: str | None) -> str:
    """``value`` written with its unit ("42 %", "1150 bibliotecas")."""
    text = format_number(value)
    return f"{text} %" if unit == "%" else f"{text} {unit}" if unit else text


# How far a progress calculated from the stated target may be from the published one and still agree
# (the report rounds to one decimal).
PROGRESS_ROUNDING = 0.15


def implied_target(value: float, progress: float, descending: bool, percent: bool) -> float:
    """The target a value and its progress imply (value ÷ progress, × for a descending indicator).

    The published progress is rounded ("34,9 %"), so the target is known only within a range;
    a count target is the one whole number inside it (142 at 34,9 % is 407, 230 at 76,7 % is 300).
    """
    target = value * progress / 100 if descending else value * 100 / progress
    if not percent and value == int(value):
        text = repr(float(progress))
        half = 0.5 * 10 ** -(len(text.split(".")[1]) if not text.endswith(".0") else 0)
        ends = [value * p / 100 if descending else value * 100 / p for p in (progress - half, progress + half)]
        whole = [n for n in range(math.ceil(min(ends)), math.floor(max(ends)) + 1)]
        if len(whole) == 1:
            return float(whole[0])
    return round(target, 2)


# "…tal como se precisa en la sección correspondiente al OP. 01": a reason given elsewhere.
_REFERS_TO_OBJECTIVE = re.compile(
    r"\b(?:tal como|como|segun) se (?:precisa|indica|senala|explica|detalla|menciona|describe)\s+en\s+"
    r"(?:la seccion|el apartado|el punto|el capitulo)[^.;]{0,40}?\bo\.?\s?p\.?\s?0?(\d{1,2})\b", re.IGNORECASE)


class StructuredComposer:
    """Builds answers from side-store rows with the templates in ``prompts/``."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def partner_topics(self, snap: Snapshot) -> list[str]:
        countries = list(dict.fromkeys(p["country"] for p in snap.partners))
        if not countries:
            return []
        # Neutral: the documents give each country its own role (offered, donated, agreed…).
        return [f"Países socios que nombran los documentos: {', '.join(countries)}"]

    def referred_reason(self, snap: Snapshot, ind_id: str, row: dict[str, Any]) -> Any:
        """A reason that points to another section ("…tal como se precisa en la sección
        correspondiente al OP. 01"): the reason the report gives there, for an indicator of that
        objective without data, or None."""
        m = _REFERS_TO_OBJECTIVE.search(strip_accents(row["reason"] or ""))
        if m is None:
            return None
        objective = f"OP.{int(m.group(1)):02d}"
        policy = snap.indicators[ind_id]["policy"]
        for other, ind in snap.indicators.items():
            if other == ind_id or ind["policy"] != policy or ind["objective"] != objective:
                continue
            rows = self.rows_for(snap, other)
            if rows and rows[-1]["value"] is None and rows[-1]["reason"] and rows[-1]["reason"] != row["reason"]:
                return _sentence_of(snap, rows[-1]["doc_id"], rows[-1]["reason"])
        return None

    def label(self, snap: Snapshot, ind_id: str, article: str = "") -> str:
        """How an answer names an indicator; ``article`` is "de" or "El" for unnamed ones."""
        ind = snap.indicators[ind_id]
        prefix = {"": "el indicador", "de": "del indicador", "El": "El indicador"}[article]
        policy = f" de la {ind['policy']}" if len(snap.policies) > 1 and ind["policy"] else ""
        if ind["code"]:
            return f"{prefix} {ind['code']}{policy} ({ind['name']})"
        return f"{prefix} «{ind['name']}» (servicio {ind['service']}{policy})"

    @staticmethod
    def code_of(snap: Snapshot, ind_id: str) -> str:
        """The code an official reads ("IOP.03.01"), or the stable id of an unnamed indicator."""
        ind = snap.indicators[ind_id]
        return ind["code"] or ind["indicator_id"]

    def value_text(self, row: dict[str, Any]) -> str:
        value = format_number(row["value"])
        raw = row.get("raw_value") or ""
        words = [n for n in find_numbers(raw) if not n.raw[0].isdigit()]
        if words:
            value = f"{value} ({words[0].raw})"
        unit = row["unit"]
        if unit == "%":
            return f"{value} %"
        return f"{value} {unit}" if unit else value

    @staticmethod
    def name_numbers(snap: Snapshot, ind_id: str) -> list[float]:
        """Figures inside an indicator's names ("…en los últimos cinco años"): words of its name, not figures."""
        ind = snap.indicators[ind_id]
        return [n.value for n in find_numbers(f"{ind['name']} {ind.get('official_name') or ''}")]

    def rows_for(self, snap: Snapshot, ind_id: str) -> list[dict[str, Any]]:
        """One row per period: an official report's figure wins over any other document's."""
        by_period: dict[Any, dict[str, Any]] = {}
        for row in snap.values.get(ind_id, []):
            current = by_period.get(row["period"])
            if current is None or (row["doc_type"] == "reporte" and current["doc_type"] != "reporte"):
                by_period[row["period"]] = row
        return [by_period[p] for p in sorted(by_period, key=lambda p: p or 0)]

    def _claimed(self, snap: Snapshot, ind_id: str, row: dict[str, Any], q: Analysis) -> dict[str, Any] | None:
        """Whether the figure a question claims ("¿es cierto que formalizó 3000?") is the value
        published, or another figure of the indicator (its target, its baseline, its progress)."""
        stated = [n for n in q.asked.figures if not is_year_value(n)]
        if len(stated) != 1 or row["value"] is None:
            return None
        if row["unit"] == "%" and not q.asked.percent_said:
            return None  # "¿fue oferente en 40 proyectos?" counts projects; the indicator is a share
        figure = stated[0]
        roles = [(row["value"], "el valor publicado", "valor")]
        roles += [(t["value"], f"el logro esperado de {t['year']}" if t["kind"] == "meta" else "la línea de base",
                   "meta" if t["kind"] == "meta" else "linea_base")
                  for t in snap.targets.get(ind_id, []) if t["value"] is not None
                  and (t["kind"] == "linea_base" or t["year"] == row["period"])]
        if row["progress_pct"] is not None:
            roles.append((row["progress_pct"], "el avance (%) respecto del logro esperado", "avance"))
        # "¿Es consistente el avance de 130 %…?": the figure is checked against the role the question
        # gives it, not against the value ("No, 130 no es el valor" would deny a right claim).
        a = q.asked
        said = {r for r, named in (("avance", a.progress_word), ("meta", a.target_word),
                                   ("linea_base", a.baseline)) if named}
        # The role word nearest the figure; else the one role the question names, if it names one.
        near = next((role for value, role in a.figure_roles if same_number(value, figure, 0.001)), None)
        asked_role = near or (
            next(iter(said)) if len(said) == 1 and not a.value_word else "valor")
        published = next((name for _, name, role in roles if role == asked_role), "el valor publicado")
        own = next((value for value, _, role in roles if role == asked_role), None)
        if own is not None and same_number(figure, own, 0.01):
            return {"figure": figure, "text": format_number(figure), "agrees": True, "is": "",
                    "published": published}
        what = next((name for value, name, role in roles if role != asked_role and same_number(figure, value, 0.01)), "")
        if not what and asked_role == "valor":
            # "¿se implementaron 81 espacios?": 81 is another indicator's published value; say whose.
            ind = snap.indicators[ind_id]
            other = next((k for k, rows in snap.values.items() if k != ind_id and snap.indicators.get(k)
                          and snap.indicators[k]["policy"] == ind["policy"]
                          and any(r["period"] == row["period"] and r["value"] is not None
                                  and same_number(figure, r["value"], 0.001) for r in rows)), None)
            if other is not None:
                what = f"el valor de otro indicador, {self.label(snap, other)}"
        return {"figure": figure, "text": format_number(figure), "agrees": False, "is": what, "published": published}

    def unread_mentions(self, snap: Snapshot, ind_id: str, years: list[int]) -> Draft | None:
        """Sentences of the asked years that name the indicator and state a figure the store did not
        read: quoted as they are, so the answer never says there is no data when a document has it."""
        ind = snap.indicators[ind_id]
        code = ind["code"] or ""
        ledger = {u["quote"] for u in snap.unplaced.get(ind_id, [])}
        found = []
        for rec in snap.sentences:
            if rec.policy != ind["policy"] or rec.period not in years:
                continue
            if snap.documents[rec.doc_id]["doc_type"] != "reporte" and not any(str(y) in rec.text for y in years):
                # A decree's period is the year it was issued: its table of targets states no figure of that year.
                continue
            if rec.text not in ledger and not (code and code in rec.text):
                continue
            if [n for n in find_numbers(rec.text) if not (n.raw.isdigit() and len(n.raw) == 4)]:
                found.append(rec)
        if not found:
            return None
        quotes = [{"quote": r.text, "doc": snap.doc_name(r.doc_id), "page": r.page} for r in found[:3]]
        text = self.templates.render("indicator_unread", label=self.label(snap, ind_id),
                                     years=", ".join(str(y) for y in years), quotes=quotes)
        citations = [Citation(snap.doc_name(r.doc_id), r.page, r.section, r.text, r.doc_id) for r in found[:3]]
        return Draft(text, citations, [], "indicador-cita", [float(y) for y in years], [])

    def indicator_answer(self, snap: Snapshot, ind_id: str, q: Analysis) -> Draft:
        rows = all_rows = self.rows_for(snap, ind_id)
        label = self.label(snap, ind_id)
        if q.years:
            rows_in_year = [r for r in rows if r["period"] in q.years]
            if not rows_in_year:
                unread = self.unread_mentions(snap, ind_id, q.years)
                if unread is not None:
                    return unread
                have = ", ".join(str(r["period"]) for r in rows) or "ningún año"
                raise NotInCorpus(f"para {label} solo hay datos de {have}")
            reported = {r["period"] for r in rows if r["period"]}
            missing = [y for y in q.years if y not in reported and reported and y < max(reported)]
            if missing and self.unread_mentions(snap, ind_id, missing) is None:
                # "¿cuánto dio en 2022? para compararlo con 2023": the year asked has no figure; the
                # other year's figure does not answer it.
                have = ", ".join(str(p) for p in sorted(reported))
                raise NotInCorpus(f"para {label} no hay datos de {', '.join(map(str, missing))}; "
                                  f"solo hay datos de {have}")
            rows = rows_in_year
        if not rows:
            return self.definition(snap, ind_id)
        if len(rows) > 1:
            return self.series(snap, ind_id, rows, label)
        row = rows[-1]
        doc = snap.doc_name(row["doc_id"])
        citations = [Citation(doc, row["page"], section_of(snap, row), row["quote"], row["doc_id"])]
        if row["value"] is None:
            afters = carried_on_chain(snap, row["doc_id"], row["reason"]) if row["reason"] else []
            referred = self.referred_reason(snap, ind_id, row)
            if referred is not None and all(a.text != referred.text for a in afters):
                afters.insert(0, referred)  # what the reason points to, right after it
            text = self.templates.render("indicator_nd", label=label, row=row, doc=doc, afters=afters)
            allowed = [float(row["period"] or 0)] + self.name_numbers(snap, ind_id)
            for after in afters:
                citations.append(Citation(doc, after.page, after.section, after.text, after.doc_id))
                allowed += [n.value for n in find_numbers(after.text)]
            return Draft(text, citations, [], "indicador", allowed, [])
        figures = [Figure(row["value"], row["unit"], self.code_of(snap, ind_id), row["period"], in_quote(row["value"], row["quote"]))]
        allowed = [row["value"], float(row["period"] or 0)] + self.name_numbers(snap, ind_id)
        if row["progress_pct"] is not None:
            figures.append(Figure(row["progress_pct"], "%", self.code_of(snap, ind_id), row["period"],
                                  in_quote(row["progress_pct"], row["progress_quote"] or "")))
            allowed.append(row["progress_pct"])
            if row["progress_quote"] and row["progress_quote"] != row["quote"]:
                citations.append(Citation(doc, row["progress_page"], section_of(snap, row), row["progress_quote"], row["doc_id"]))
        met, gap, yes_no = "", "", False
        if q.asked.met and row["progress_pct"] is not None:
            # A yes/no on the target is read off the reported progress; the shortfall is computed.
            met = "si" if row["progress_pct"] >= 100 else "no"
            yes_no = not q.asked.amount
            if met == "no":
                shortfall = round(100 - row["progress_pct"], 2)
                gap = format_number(shortfall)
                figures.append(Figure(shortfall, "%", self.code_of(snap, ind_id), row["period"], True, "calculado",
                                      f"100 % − {format_number(row['progress_pct'])} %"))
                allowed += [shortfall, 100.0]
        implied = ""
        # "¿Es coherente el avance de 66,7 % con el valor obtenido?": the target the two imply is
        # what they are consistent with.
        # "Con un avance de 76,7 %, ¿la meta habrá sido de unas 300?": a target named beside a
        # figure the question states is doubted the same way.
        # "¿De dónde sale el 112,4 %?" restating the progress: the value and the target that give it.
        derives = q.asked.derivation and row["progress_pct"] is not None and any(
            same_number(p, row["progress_pct"], 0.01) for p in q.asked.percents)
        ask_target = (q.asked.target or q.asked.consistency or derives
                      or q.asked.target_word and bool(q.asked.figures)) and not met
        target_row = next((t for t in snap.targets.get(ind_id, []) if t["kind"] == "meta" and t["year"] == row["period"]), None)
        stated_target = target_row is not None
        target = None
        if met and target_row is not None and target_row["value"] is not None:
            # "¿Se alcanzó la meta?": the target the policy states for the year, beside the progress.
            target = {"value": unit_text(target_row["value"], target_row["unit"]), "year": target_row["year"],
                      "doc": target_row["document"], "page": target_row["page"], "short": ""}
            descending = snap.indicators[ind_id].get("direction") == "descendente"
            short = round((row["value"] - target_row["value"]) if descending else (target_row["value"] - row["value"]), 2)
            if met == "no" and short > 0 and target_row["unit"] == row["unit"]:
                # "¿cuántos le faltaron para la meta?": the shortfall in the indicator's own unit.
                first, second = ((row["value"], target_row["value"]) if descending
                                 else (target_row["value"], row["value"]))
                amount = f"{format_number(short)} puntos porcentuales" if row["unit"] == "%" else unit_text(short, row["unit"])
                target["short"] = (f"{amount} (calculado: {format_number(first)} − "
                                   f"{format_number(second)})")
                figures.append(Figure(short, row["unit"], self.code_of(snap, ind_id), row["period"], True, "calculado",
                                      f"{format_number(first)} − {format_number(second)}"))
                allowed.append(short)
            figures.append(Figure(target_row["value"], target_row["unit"], self.code_of(snap, ind_id), target_row["year"],
                                  in_quote(target_row["value"], target_row["quote"])))
            citations.append(Citation(target_row["document"], target_row["page"], "", target_row["quote"], target_row["doc_id"]))
            allowed.append(target_row["value"])
        checked = None
        if (ask_target and stated_target and target_row["value"] and row["value"] is not None
                and row["progress_pct"] is not None and target_row["unit"] in (row["unit"], None)):
            # "¿el avance de 98,1 % corresponde al logro esperado fijado en el decreto?": the stated
            # target, and the progress the value and it give, set against the published one.
            descending = snap.indicators[ind_id].get("direction") == "descendente"
            ratio = (target_row["value"] / row["value"] if descending else row["value"] / target_row["value"]) * 100
            how = (f"{format_number(target_row['value'])} ÷ {format_number(row['value'])}" if descending
                   else f"{format_number(row['value'])} ÷ {format_number(target_row['value'])}")
            checked = {"target": unit_text(target_row["value"], target_row["unit"] or row["unit"]),
                       "year": target_row["year"], "doc": target_row["document"], "page": target_row["page"],
                       "how": how, "ratio": format_number(round(ratio, 1)),
                       "agrees": abs(round(ratio, 1) - row["progress_pct"]) <= PROGRESS_ROUNDING}
            figures.append(Figure(round(ratio, 1), "%", self.code_of(snap, ind_id), row["period"], True, "calculado",
                                  how))
            figures.append(Figure(target_row["value"], target_row["unit"], self.code_of(snap, ind_id),
                                  target_row["year"], in_quote(target_row["value"], target_row["quote"])))
            citations.append(Citation(target_row["document"], target_row["page"], "", target_row["quote"],
                                      target_row["doc_id"]))
            allowed += [round(ratio, 1), round(ratio, 2), target_row["value"], 100.0]
        if ask_target and not stated_target and row["progress_pct"] and row["value"] is not None:
            # The report gives the value and its progress, not the target: the target they imply.
            descending = snap.indicators[ind_id].get("direction") == "descendente"
            target = implied_target(row["value"], row["progress_pct"], descending, row["unit"] == "%")
            op = "×" if descending else "÷"
            how = f"{format_number(row['value'])} {op} {format_number(row['progress_pct'])} %"
            if row["unit"] != "%" and row["value"] == int(row["value"]) and target != int(target):
                # A count target is a whole number; no whole number gives the published progress
                # exactly (526 ÷ 90,04 % = 584,18), so the nearest one is shown as approximate.
                implied = (f"aproximadamente {format_number(round(target))} (calculado: {how} = "
                           f"{format_number(target)}; no es una cifra publicada)")
                allowed.append(float(round(target)))
            else:
                implied = f"{format_number(target)} (calculado: {how}; no es una cifra publicada)"
            figures.append(Figure(float(target), row["unit"], self.code_of(snap, ind_id), row["period"], True,
                                  "calculado", how))
            allowed += [float(target), 100.0]
        if (q.asked.target and not met and not stated_target and not implied
                and not (row["status"] == "sin_meta" and row["reason"])):
            # "What was the expected target for IOP.04.01?": neither published nor implied by a
            # progress; the value is a neighbouring fact, not the answer.
            reason = (f"el reporte no publica el logro esperado {self.label(snap, ind_id, 'de')} ni un avance "
                      f"del que pueda calcularse; publica solo su valor obtenido")
            text = self.templates.render("refusal", reason=reason, topics=[])
            return Draft(text, [Citation(doc, row["page"], "", row["quote"], row["doc_id"])], [], "rechazo", [], [reason])
        # "Es así como se registra un valor obtenido de 80%.": the sentences it carries on say how.
        lead = _antecedents(snap, row["doc_id"], row["quote"])
        for rec in lead:
            citations.append(Citation(doc, rec.page, rec.section, rec.text, row["doc_id"]))
        no_target = None
        if row["status"] == "sin_meta" and row["reason"] and row["reason"] != row["quote"]:
            # "¿Qué logro esperado tenía…?": the report's own sentence on why it had none.
            no_target = _sentence_of(snap, row["doc_id"], row["reason"])
            if no_target is not None and any(rec.text == no_target.text for rec in lead):
                no_target = None  # already quoted as the sentence the value's sentence carries on from
            if no_target is not None:
                citations.append(Citation(doc, no_target.page, no_target.section, no_target.text, row["doc_id"]))
        # "¿Cómo se calcula su avance?": the report's sentences on how, for this indicator's code.
        method = _method_sentences(snap, row["doc_id"], self.code_of(snap, ind_id)) if q.asked.method else []
        if q.asked.represents:
            # "¿Qué representa ese valor?": the sentence after the figure that refers back to it.
            method += _referring_back(snap, row["doc_id"], row["quote"])
        if q.asked.effect and row["value"] is not None:
            # "¿y qué efecto tuvo eso?": the sentences that give this figure as the cause of something.
            method += [rec for rec in _effects_of(snap, row["doc_id"], float(row["value"])) if rec not in method]
        for rec in method:
            citations.append(Citation(doc, rec.page, rec.section, rec.text, row["doc_id"]))
        claimed = self._claimed(snap, ind_id, row, q) if q.asked.claim or q.asked.consistency else None
        if claimed is not None:
            allowed += [claimed["figure"]]
        text = self.templates.render(
            "indicator_value", claimed=claimed, lead=lead, no_target=no_target, method=method, label=self.label(snap, ind_id, "El"), de_label=self.label(snap, ind_id, "de"), row=row, doc=doc, value=self.value_text(row),
            implied=implied, checked=checked,
            progress=format_number(row["progress_pct"]) if row["progress_pct"] is not None else "",
            ask_progress="progress" in q.intents or bool(met), ask_target=ask_target and not stated_target,
            met=met, gap=gap, yes_no=bool(met) and yes_no, target=target,
            # One year of data and nothing stated to set it against; a baseline or a target shown
            # with it is the comparison.
            single_period=row["period"] if "evolution" in q.intents and len(all_rows) == 1
            and not snap.targets.get(ind_id) else None,
            descending=snap.indicators[ind_id].get("direction") == "descendente")
        draft = Draft(text, citations, figures, "indicador", allowed, [])
        self.add_discrepancies(snap, draft, ind_id=ind_id, doc_ids={row["doc_id"]})
        self.add_conflicts(snap, draft, ind_id, row)
        return draft

    def add_conflicts(self, snap: Snapshot, draft: Draft, ind_id: str, shown: dict[str, Any]) -> None:
        """Name, never hide, a different figure for the same period from another document."""
        for other in snap.values.get(ind_id, []):
            if other["period"] != shown["period"] or other["doc_id"] == shown["doc_id"]:
                continue
            if other["value"] is not None and shown["value"] is not None and same_number(other["value"], shown["value"]):
                continue
            doc = snap.doc_name(other["doc_id"])
            kind = "no es un reporte oficial" if other["doc_type"] != "reporte" else "es otro reporte"
            draft.text += "\n\n" + self.templates.render("conflict", doc=doc, kind=kind, row=other)
            draft.citations.append(Citation(doc, other["page"], "", other["quote"], other["doc_id"]))
            draft.notes.append(f"Cifra distinta en {doc} (pág. {other['page']})")

    def series(self, snap: Snapshot, ind_id: str, rows: list[dict[str, Any]], label: str) -> Draft:
        items, citations, figures, allowed = [], [], [], []
        for r in rows:
            doc = snap.doc_name(r["doc_id"])
            items.append({"period": r["period"], "value": None if r["value"] is None else self.value_text(r),
                          "progress": None if r["progress_pct"] is None else format_number(r["progress_pct"]),
                          "doc": doc, "page": r["page"], "quote": r["quote"] if r["value"] is not None else r["reason"]})
            citations.append(Citation(doc, r["page"], section_of(snap, r), r["quote"], r["doc_id"]))
            allowed += [float(r["period"] or 0)] + [x for x in (r["value"], r["progress_pct"]) if x is not None]
            allowed += self.name_numbers(snap, ind_id)
            if r["value"] is not None:
                figures.append(Figure(r["value"], r["unit"], self.code_of(snap, ind_id), r["period"], in_quote(r["value"], r["quote"])))
        change = None
        valued = [r for r in rows if r["value"] is not None]
        if len(valued) >= 2 and valued[0]["unit"] == valued[-1]["unit"]:
            first, last = valued[0], valued[-1]
            words, figure = change_between(first["value"], last["value"], first["unit"], self.code_of(snap, ind_id),
                                           last["period"])
            change = {"first": first["period"], "last": last["period"], **words}
            figures.append(figure)
            allowed.append(abs(figure.value))
        text = self.templates.render("indicator_series", de_label=self.label(snap, ind_id, "de"), items=items,
                                     change=change)
        draft = Draft(text, citations, figures, "indicador-serie", allowed, [])
        self.add_discrepancies(snap, draft, ind_id=ind_id, doc_ids={r["doc_id"] for r in rows})
        return draft

    def definition(self, snap: Snapshot, ind_id: str) -> Draft:
        ind = snap.indicators[ind_id]
        doc = snap.doc_name(ind["doc_id"])
        text = self.templates.render("indicator_definition", code=ind["code"] or ind_id, name=ind["name"],
                                     objective=ind["objective"], service=ind["service"], doc=doc, page=ind["page"])
        rows = self.rows_for(snap, ind_id)
        carried: list[Citation] = []
        if rows:
            row = rows[-1]
            status = "sin dato (ND)" if row["value"] is None else f"valor {self.value_text(row)} en {row['period']}"
            text += f"\n\nÚltimo dato en el almacén: {status} (pág. {row['page']})."
            if row["value"] is None and row["reason"]:
                # "¿… y qué pasó con su indicador?": the report's reason for the missing figure, and the
                # sentence that carries it on ("En tal sentido, en 2023 la APCI definió la metodología…").
                from assistant.passages import continuation_of

                text += f" Motivo que da el reporte: «{row['reason']}»"
                index = sentence_index(snap, row["doc_id"], row["reason"])
                after = continuation_of(snap, index) if index is not None else None
                if after is not None:
                    rec = snap.sentences[after]
                    text += f" «{rec.text}»"
                    carried.append(Citation(doc, rec.page, rec.section, rec.text, row["doc_id"]))
        citation = Citation(doc, ind["page"], "", ind["quote"], ind["doc_id"])
        allowed = [float(r["period"] or 0) for r in rows] + [r["value"] for r in rows if r["value"] is not None]
        return Draft(text, [citation, *carried], [], "definicion", allowed + self.name_numbers(snap, ind_id), [])

    def add_discrepancies(self, snap: Snapshot, draft: Draft, ind_id: str | None = None,
                           quotes: list[str] | None = None, doc_ids: set[str] | None = None) -> None:
        """Note each inconsistency ingest recorded for ``ind_id`` or ``quotes``, in the documents shown."""
        for check in snap.checks:
            if check["consistent"] or (doc_ids is not None and check["doc_id"] not in doc_ids):
                continue
            if check["kind"] == LEVEL_COUNT:
                continue  # the whole count's note already gives each level
            related = (ind_id is not None and key(check["policy"], check["indicator_id"] or "") == ind_id) or (
                quotes is not None and (check["quote_a"] in quotes or check["quote_b"] in quotes))
            if not related:
                continue
            computed = format_number(check["computed"])
            unit = check_unit(check)
            draft.text += "\n\n" + self.templates.render(
                "discrepancy", check=check, computed=computed, doc=snap.doc_name(check["doc_id"]),
                show_a=check["quote_a"] not in draft.text,
                show_b=check["quote_b"] not in draft.text and check["quote_b"] != check["quote_a"],
                unit=f" {unit}" if unit else "", **discrepancy_context(check))
            figures = check_figures(check)
            draft.figures += figures
            draft.allowed += [check["computed"], check["stated"]] + [f.value for f in figures]
            draft.allowed += [n.value for n in find_numbers(check["description"])]
            draft.notes.append(check["description"])
            for page, quote in ((check["page_a"], check["quote_a"]), (check["page_b"], check["quote_b"])):
                if all(c.quote != quote for c in draft.citations):
                    draft.citations.append(Citation(snap.doc_name(check["doc_id"]), page, "", quote, check["doc_id"]))

    def partners_answer(self, snap: Snapshot, q: Analysis) -> Draft | None:
        rows = [p for p in snap.partners if not q.policies or p["policy"] in q.policies]
        if not rows:
            return None
        where = ""
        if q.countries:
            rows = [p for p in rows if p["country"] in q.countries]
        elif q.other_regions:
            rows = [p for p in rows if p["region"] != "América Latina y el Caribe"]
            where = " fuera de América Latina y el Caribe"
        elif q.regions:
            keep = []
            for p in rows:
                for kind, name in q.regions:
                    if (kind == "subregion" and p["subregion"] == name) or (kind == "region" and p["region"] == name):
                        keep.append(p)
                        break
            rows = keep
            # "Latin American and Caribbean": a subregion inside a region also named is not a second place.
            within = {name for kind, name in q.regions if kind == "subregion" and any(
                k == "region" and all(p["region"] == n for p in rows if p["subregion"] == name)
                for k, n in q.regions)}
            where = " de " + ", ".join(name for _, name in q.regions if name not in within)
        if not rows:
            raise NotInCorpus("el reporte no menciona países socios en esa región",
                                       topics=self.partner_topics(snap))
        # "convenio" asks for the partners of agreements and alliances, which the reader stores as
        # "socio"; a bare "socio" ("¿Qué países socios…?") asks for every partner.
        role = "socio_convenio" if q.role == "convenio" else q.role
        if role == "socio_convenio":
            rows = [p for p in rows if p["role"] == "socio"]
            if not rows:
                raise NotInCorpus(f"los documentos no nombran países con convenios o alianzas{where}",
                                  topics=self.partner_topics(snap))
        elif role in ROLE_LEADS and role != "socio":
            # "¿A qué países ofreció cooperación el Perú?": only the role asked; a donor is never a
            # country Peru offered cooperation to. A donor is one Peru received from.
            rows = ([p for p in rows if p["role"] in ROLES_WITHIN.get(role, {role})]
                    or [p for p in rows if p["role"] in ROLES_FALLBACK.get(role, set())])
            if not rows:
                raise NotInCorpus(f"los documentos no nombran países {ROLE_NONE[role]}{where}",
                                  topics=self.partner_topics(snap))
        if q.years:
            rows = [p for p in rows if p["period"] in q.years] or rows
        else:
            # Partners change from year to year: without a year, answer from each policy's latest
            # report rather than merging every year into one list, and say which year it is.
            rows = in_latest_report(rows)
        periods = sorted({p["period"] for p in rows if p["period"]})
        source = "el reporte" + (" de " + ", ".join(map(str, periods)) if periods else "")
        by_role: dict[str, list[str]] = {}
        for p in rows:
            by_role.setdefault(p["role"], [])
            if p["country"] not in by_role[p["role"]]:
                by_role[p["role"]].append(p["country"])
        roles = sorted(by_role, key=lambda r: list(ROLE_LEADS).index(r) if r in ROLE_LEADS else 99)
        first = roles[0]
        if q.countries:
            which = "este país" if len(by_role[first]) == 1 else "estos países"
            lead = f"{source.capitalize()} menciona a {which} {ROLE_MENTION.get(first, 'como socio')}"
        else:
            lead = f"Según {source}, " + ROLE_LEADS.get(first, ROLE_LEADS["socio"]).format(where=where)
        more_groups = [{"lead": ROLE_LEADS.get(r, ROLE_LEADS["socio"]).format(where=where), "countries": by_role[r]}
                       for r in roles[1:]]
        countries = by_role[first]
        topics = list(dict.fromkeys(t for p in rows for t in p["topics"]))
        quotes, seen = [], set()
        for p in rows:
            if p["quote"] not in seen:
                seen.add(p["quote"])
                quotes.append({"quote": p["quote"], "doc": snap.doc_name(p["doc_id"]), "page": p["page"], "doc_id": p["doc_id"]})
        # A source sentence that also names countries the filter left out is cited, not shown:
        # quoted under "países de Sudamérica", it would put Costa Rica in the answer.
        shown = {c for group in by_role.values() for c in group}
        others = {p["country"] for p in snap.partners} - shown
        # A sentence about the country asked is quoted though it names others with it ("…compartió
        # su experiencia de formalización con Ecuador y Chile"): the answer names only the one asked.
        inline = [x for x in quotes if not any(c in x["quote"] for c in others)
                  or any(c in x["quote"] for c in q.named_countries)]
        cited_only = [x for x in quotes if x not in inline]
        other_years = sorted({p["period"] for p in snap.partners if p["period"] and p["period"] not in periods
                              and (not q.policies or p["policy"] in q.policies)})
        count = 0
        if not q.countries and q.asked.count_partners:
            count = len(countries)
        if count:
            count = len({c for group in by_role.values() for c in group}) if len(by_role) > 1 else len(countries)
        text = self.templates.render("partners", lead=lead, countries=countries, count=count, more_groups=more_groups,
                                     topics=topics if ("topics" in q.intents or len(countries) <= 3) else [],
                                     quotes=inline[:MAX_QUOTES], more_quotes=len(inline) - MAX_QUOTES,
                                     cited_only=cited_only,
                                     other_years=other_years if not (q.years or q.countries) else [])
        allowed = ([float(p["projects"]) for p in rows if p["projects"] is not None]
                   + [float(p["period"] or 0) for p in rows] + [float(y) for y in other_years])
        figures = [Figure(float(p["projects"]), "proyectos", None, p["period"], True, "cita")
                   for p in rows if p["projects"] is not None and "count" in q.intents]
        if figures:
            text += "\n\n" + "; ".join(
                f"Proyectos con {p['country']}: {p['projects']}" for p in rows if p["projects"] is not None) + "."
        if count:
            allowed.append(float(count))
            figures.append(Figure(float(count), "países", None, periods[-1] if periods else None, True,
                                  "calculado", "conteo de los países listados"))
        citations = [Citation(x["doc"], x["page"], "", x["quote"], x["doc_id"]) for x in quotes]
        claim = None
        if q.asked.claim or q.asked.consistency:
            claim = (self._partner_claim(snap, q, rows) if q.countries
                     else self._region_claim(snap, q, rows) if q.regions else None)
        if claim is not None:
            verdict, extra, stated = claim
            if extra is not None:
                verdict += f"\n\n> «{extra.text}» — {snap.doc_name(extra.doc_id)}, pág. {extra.page}"
            text = verdict + "\n\n" + text
            if extra is not None:
                citations.append(Citation(snap.doc_name(extra.doc_id), extra.page, extra.section, extra.text,
                                          extra.doc_id))
            allowed += stated
        return Draft(text, citations, figures, "socios", allowed, [])

    @staticmethod
    def _region_claim(snap: Snapshot, q: Analysis,
                      rows: list[dict[str, Any]]) -> tuple[str, Any, list[float]] | None:
        """"Un colega dice que fueron 35 en la región. ¿Cuadra?": the report's sentence that counts the
        projects of the region asked (by its name or its acronym), against the figure stated."""
        from assistant.acronyms import acronyms  # acronyms reads the snapshot's sentences

        stated = [n for n in q.asked.figures if not is_year_value(n)]
        if not stated or len(q.regions) != 1:
            return None
        name = q.regions[0][1]
        short = [a for a, acr in acronyms(snap).items() if strip_accents(acr.long_form) == strip_accents(name)]
        docs = {p["doc_id"] for p in rows}
        pattern = re.compile("|".join([re.escape(name), *(rf"\b{re.escape(a)}\b" for a in short)]), re.IGNORECASE)
        counting = [rec for rec in snap.sentences if rec.doc_id in docs and pattern.search(rec.text)
                    and re.search(r"\bproyectos?\b", rec.text, re.IGNORECASE)
                    and any(not n.percent and not is_year_value(n.value) for n in find_numbers(rec.text))]
        if len(counting) != 1:
            return None  # none, or several that could each be meant
        rec = counting[0]
        numbers = [n.value for n in find_numbers(rec.text)]
        figure = stated[0]
        if any(abs(figure - n) < 1e-6 for n in numbers):
            # The sentence states it, but maybe of another total ("72 proyectos" in all): quoted, not judged.
            return f"Lo que dice el reporte sobre {name}:", rec, stated
        return f"**No.** El reporte no da {format_number(figure)} para {name}; esto es lo que dice:", rec, stated

    @staticmethod
    def _partner_claim(snap: Snapshot, q: Analysis,
                       rows: list[dict[str, Any]]) -> tuple[str, Any, list[float]] | None:
        """"me contaron que el Perú fue oferente en 32 proyectos con Tailandia, ¿es cierto?": the
        projects the report gives for the country against the figure the question states, and the
        sentence of the same document where the stated figure is found, if any."""
        counted = [p for p in rows if p["projects"] is not None]
        stated = [n for n in q.asked.figures if not is_year_value(n)]
        if not counted or not stated:
            return None
        wrong = [n for n in stated if not any(abs(n - p["projects"]) < 1e-6 for p in counted)]
        said = "; ".join(f"con {p['country']}, {format_number(p['projects'])} proyectos" for p in counted)
        if not wrong:
            return f"**Sí.** El reporte da esa cifra: {said}.", None, stated
        figure = wrong[0]
        docs = {p["doc_id"] for p in counted}
        # Where the stated figure does come from: a sentence of the same report that states it.
        extra = next((rec for rec in snap.sentences if rec.doc_id in docs
                      and any(abs(n.value - figure) < 1e-6 for n in find_numbers(rec.text))
                      and all(p["quote"] != rec.text for p in counted)), None)
        verdict = f"**No.** Según el reporte, {said}, no {format_number(figure)}."
        if extra is not None:
            verdict += f" El reporte da {format_number(figure)} para otra cosa:"
        return verdict, extra, stated

    def objectives_answer(self, snap: Snapshot, q: Analysis) -> Draft | None:
        wanted = (lambda o: q.objective in (None, o["code"]) and (not q.policies or o["policy"] in q.policies))
        items = [o for _, o in sorted(snap.objectives.items()) if wanted(o)]
        if q.years:
            # Each report states the objectives in its own words: answer from the year asked.
            dated = {(o["policy"], o["code"]): o for o in snap.objective_history
                     if wanted(o) and o["period"] in q.years}
            items = [dated[k] for k in sorted(dated)] or items
        if not items:
            return None
        several = len({o["policy"] for o in items}) > 1
        rendered = [{"code": f"{o['code']} ({o['policy']})" if several else o["code"], "title": o["title"],
                     "doc": snap.doc_name(o["doc_id"]), "page": o["page"]} for o in items]
        text = self.templates.render("objectives", items=rendered)
        citations = [Citation(snap.doc_name(o["doc_id"]), o["page"], o["code"], o["quote"], o["doc_id"]) for o in items]
        return Draft(text, citations, [], "objetivos", [], [])

    @staticmethod
    def _services_of_objective(snap: Snapshot, q: Analysis) -> list[dict[str, Any]]:
        """The services an objective has in the report of the year asked, else in each policy's latest report."""
        rows = [s for s in snap.service_history
                if s["objective"] == q.objective and (not q.policies or s["policy"] in q.policies)]
        if q.years:
            rows = [s for s in rows if s["period"] in q.years]
        else:
            rows = in_latest_report(rows)
        unique = {(s["policy"], s["code"]): s for s in rows}
        return [unique[k] for k in sorted(unique)]

    def services_answer(self, snap: Snapshot, q: Analysis, codes: list[str] | None = None,
                        indicators: bool = True) -> Draft:
        """The services of the objective asked, or of ``codes`` (with their indicators' names unless
        ``indicators`` is false: the caller shows their figures)."""
        quotes = []
        if codes:
            items = [snap.services[k] for c in codes for k in snap.find(snap.services, c, q.policies)]
            lead = "Servicio"
            if len(items) == 1:
                # "¿En qué consiste el servicio…?": what the documents say where they name it ("S.01.02.01
                # Servicio de bibliotecas itinerantes (bibliobuses y cajas viajeras).").
                quotes = _naming_sentences(snap, items[0])
        else:
            items = self._services_of_objective(snap, q)
            lead = f"Servicios del {q.objective}"
        # The sentence that introduces the objective's services ("cuenta con dos servicios nuevos",
        # or "…razón por la cual no se identificaron servicios").
        if q.objective and not codes:
            policies = {s["policy"] for s in items} or set(q.policies) or set(snap.policies)
            intro = [rec for rec in snap.sentences if rec.policy in policies and "servicio" in rec.text
                     and (not q.years or rec.period in q.years)
                     and re.search(rf"Objetivo Prioritario {q.objective[-2:]}\b.*\bservicios?\b", rec.text)]
            if intro:
                rec = max(intro, key=lambda r: (r.period or 0, -r.seq))  # the latest report's wording
                quotes.append({"quote": rec.text, "doc": snap.doc_name(rec.doc_id), "page": rec.page, "doc_id": rec.doc_id})
            if not items and not quotes:
                raise NotInCorpus(f"el reporte no identifica servicios para el {q.objective}")
            if not items:
                lead = f"El reporte no identifica servicios para el {q.objective}"
        rendered = [{"code": s["code"], "name": s["name"], "doc": snap.doc_name(s["doc_id"]), "page": s["page"]} for s in items]
        text = self.templates.render("services", lead=lead, items=rendered, quotes=quotes)
        for s in items:
            inds = [i for i in snap.indicators.values() if i["service"] == s["code"] and i["policy"] == s["policy"]]
            if codes and inds and indicators:
                text += "\n\nIndicadores: " + "; ".join(
                    f"{i['code'] or 'indicador'}: {i['name']}" for i in inds)
        citations = [Citation(snap.doc_name(s["doc_id"]), s["page"], s["code"], s["quote"], s["doc_id"]) for s in items]
        citations += [Citation(x["doc"], x["page"], "", x["quote"], x["doc_id"]) for x in quotes]
        return Draft(text, citations, [], "servicios", [], [])


# Checks whose computation is a percentage ("32 / 72 = 44,44 %"); a sum or a count is not.
PERCENT_CHECKS = frozenset({"proporcion", "avance_meta"})


def check_unit(check: dict[str, Any]) -> str | None:
    """The unit of a recorded check's computed figure: "%" for a share or a progress, else none."""
    return "%" if check["kind"] in PERCENT_CHECKS else None


def share_terms(check: dict[str, Any]) -> tuple[float, float] | None:
    """(part, total) of a share checked against its parts ("32 / 72"); None for other checks."""
    if check["kind"] != "proporcion" or not check["formula"] or check["stated"] is None:
        return None
    numbers = [n.value for n in find_numbers(check["formula"])]
    return (numbers[0], numbers[1]) if len(numbers) == 2 and numbers[1] else None


def implied_count(check: dict[str, Any]) -> float | None:
    """The count of the same total that a share's stated value stands for (45.83 % of 72 → 33)."""
    terms = share_terms(check)
    return round(check["stated"] * terms[1] / 100, 2) if terms else None


def discrepancy_context(check: dict[str, Any]) -> dict[str, str]:
    """The figures ``discrepancy.md.j2`` shows beside the check: for a share that does not match its
    parts, the count its stated value stands for ("¿en cuántos proyectos tendría que haber sido
    oferente para que cuadre?" is the other side of the same computation)."""
    terms, implied = share_terms(check), implied_count(check)
    if terms is None or implied is None or check["consistent"]:
        return {"implied": "", "part": "", "total": "", "stated": ""}
    return {"implied": format_number(implied), "part": format_number(terms[0]), "total": format_number(terms[1]),
            "stated": format_number(check["stated"])}


def check_figures(check: dict[str, Any]) -> list[Figure]:
    """The figures a recorded check computes: its result, the count a share's stated value stands
    for, and for a count every count the store gave."""
    if check["kind"] == "periodo" or check["computed"] is None:
        return []  # a period note states two years, it computes nothing
    out = [Figure(check["computed"], check_unit(check), check["indicator_id"], check["period"], True, "calculado",
                  check["formula"] or "")]
    implied = implied_count(check)
    if implied is not None and not check["consistent"]:
        out.append(Figure(implied, None, check["indicator_id"], check["period"], True, "calculado",
                          f"{format_number(check['stated'])} % de {format_number(share_terms(check)[1])}"))  # type: ignore[index]
    if check["kind"] == "conteo":
        # "…pero presenta 16: 8 indicadores de objetivos y 8 de servicios; OP.01: 6…": counted in the store.
        shown = check["description"].partition(" presenta ")[2]
        out += [Figure(n.value, None, None, check["period"], True, "calculado", "conteo de lo que presenta el reporte")
                for n in find_numbers(shown) if n.value != check["computed"]]
    return out


def in_latest_report(items: list[T], row: Callable[[T], dict[str, Any]] | None = None) -> list[T]:
    """The items whose row (``row(item)``, else the item: "policy", "period") is from its policy's latest period."""
    rows = [row(item) if row else item for item in items]
    latest: dict[str, int] = {}
    for r in rows:
        latest[r["policy"]] = max(latest.get(r["policy"], 0), r["period"] or 0)
    return [item for item, r in zip(items, rows) if (r["period"] or 0) == latest[r["policy"]]]


def in_quote(value: float, quote: str) -> bool:
    """True when ``value`` is one of the figures written in ``quote``."""
    return any(same_number(value, n.value) for n in find_numbers(quote))


def section_of(snap: Snapshot, row: dict[str, Any]) -> str:
    """Section path of the sentence a row quotes."""
    return snap.sections.get((row["doc_id"], row["quote"]), "")


# How many sentences that name a service its answer quotes.
SERVICE_SENTENCES = 3


def _naming_sentences(snap: Snapshot, service: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentences of the service's policy that name its code, one per wording, for its answer."""
    code = code_mention(service["code"])
    out: list[dict[str, Any]] = []
    for rec in snap.sentences:
        if rec.policy != service["policy"] or not code.search(rec.text) or "|" in rec.text:
            continue
        if rec.text.strip() in {x["quote"].strip() for x in out} or len(rec.text.split()) < 4:
            continue
        out.append({"quote": rec.text, "doc": snap.doc_name(rec.doc_id), "page": rec.page, "doc_id": rec.doc_id})
        if len(out) == SERVICE_SENTENCES:
            break
    return out


def change_between(earlier: float, later: float, unit: str | None, code: str | None,
                   period: Any) -> tuple[dict[str, str], Figure]:
    """The calculated change from ``earlier`` to ``later`` in the indicator's unit (points for a
    percentage): its words for a template (``delta``, ``unit``, ``formula``) and its figure."""
    delta = round(later - earlier, 2)
    shown_unit = "puntos porcentuales" if unit == "%" else (unit or "")
    formula = f"{format_number(later)} − {format_number(earlier)}"
    words = {"delta": ("+" if delta > 0 else "") + format_number(delta), "unit": shown_unit, "formula": formula}
    return words, Figure(delta, shown_unit or None, code, period, True, "calculado", formula)


def merge_drafts(drafts: list[Draft], header: str) -> Draft:
    """Several drafts as one answer under ``header``."""
    lead = f"{header}\n\n" if header else ""
    return Draft(lead + "\n\n".join(d.text for d in drafts), [c for d in drafts for c in d.citations],
                 [f for d in drafts for f in d.figures], drafts[0].route,
                 [a for d in drafts for a in d.allowed], [n for d in drafts for n in d.notes])


def sentence_index(snap: Snapshot, doc_id: str, text: str) -> int | None:
    """The index of the document's sentence that reads ``text``, or None."""
    from assistant.passages import doc_sentences

    return next((i for i in doc_sentences(snap).get(doc_id, []) if snap.sentences[i].text == text), None)


def _sentence_of(snap: Snapshot, doc_id: str, text: str) -> Any:
    """The document's sentence that reads ``text`` (with its page and section), or None."""
    index = sentence_index(snap, doc_id, text)
    return snap.sentences[index] if index is not None else None


# How many sentences back a value's sentence is followed ("No obstante, …" after the caveat).
MAX_ANTECEDENTS = 2


def _antecedents(snap: Snapshot, doc_id: str, text: str) -> list[Any]:
    """The sentences ``text`` carries on ("Es así como…", "No obstante…"), earliest first."""
    from assistant.passages import continues

    index, out = sentence_index(snap, doc_id, text), []
    while index is not None and len(out) < MAX_ANTECEDENTS and continues(snap.sentences[index].text):
        prev = index - 1
        here = snap.sentences[index]
        if prev < 0 or snap.sentences[prev].doc_id != here.doc_id or snap.sentences[prev].section != here.section:
            break
        out.insert(0, snap.sentences[prev])
        index = prev
    return out


def _referring_back(snap: Snapshot, doc_id: str, text: str) -> list[Any]:
    """The sentence right after ``text``, in its section, when it opens by referring back to its figure
    ("Este valor representa los compromisos cumplidos…": ``figure_referents`` of slots.yaml)."""
    from assistant.entities import fold, slot_regex

    index = sentence_index(snap, doc_id, text)
    if index is None or index + 1 >= len(snap.sentences):
        return []
    here, after = snap.sentences[index], snap.sentences[index + 1]
    if after.doc_id != here.doc_id or after.section != here.section:
        return []
    return [after] if slot_regex("figure_referents").match(fold(after.text)) else []


def _method_sentences(snap: Snapshot, doc_id: str, code: str) -> list[Any]:
    """The sentences of ``doc_id`` that name ``code`` and say how a figure is worked out
    (``method_words``): "El sentido esperado del indicador IOP.02.01 es descendente, por lo que el
    avance se calcula como el cociente…"."""
    from assistant.entities import slot_regex
    from assistant.passages import doc_sentences

    said = slot_regex("method_words")
    named = re.compile(rf"(?<![\w.]){re.escape(code)}(?![\w]|\.\d)")
    return [snap.sentences[i] for i in doc_sentences(snap).get(doc_id, [])
            if named.search(snap.sentences[i].text) and said.search(strip_accents(snap.sentences[i].text).lower())
            and "|" not in snap.sentences[i].text][:MAX_ANTECEDENTS]


# How much (by IDF) of its topic words the sentence after a reason must share with it to elaborate
# on it. Measured on every reason of the seed and the family: 18.5 for the one that does ("…primer
# trimestre de 2025." then "Los datos son obtenidos a través de la Declaración Anual…, en el primer
# trimestre…"), at most 4 for the others.
ELABORATION_WEIGHT = 12.0


# How many sentences that carry on a reason ("No obstante, …", "Asimismo, …") are quoted with it.
CARRIED_ON_MAX = 2


def carried_on_chain(snap: Snapshot, doc_id: str, reason: str) -> list[Any]:
    """:func:`carried_on`, then each sentence that carries on the one before ("No obstante, la
    APCI formuló…", "Asimismo, la APCI realizó…"): what was done about a missing value, in full."""
    from assistant.passages import continuations

    first = _carried_on_index(snap, doc_id, reason)
    if first is None:
        return []
    return [snap.sentences[i] for i in [first, *continuations(snap, first, CARRIED_ON_MAX - 1)]]


def carried_on(snap: Snapshot, doc_id: str, reason: str) -> Any:
    """The sentence that carries on the report's reason for a missing value ("No obstante, en
    2023 la APCI formuló…": what was done about it) or elaborates on it (the next sentence of its
    section, on the same topic words), or None."""
    index = _carried_on_index(snap, doc_id, reason)
    return snap.sentences[index] if index is not None else None


def _carried_on_index(snap: Snapshot, doc_id: str, reason: str) -> int | None:
    """The index of :func:`carried_on`'s sentence, or None."""
    from assistant.passages import continuation_of

    index = sentence_index(snap, doc_id, reason)
    if index is None:
        return None
    after = continuation_of(snap, index)
    if after is not None:
        return after
    here, nxt = snap.sentences[index], snap.sentences[index + 1] if index + 1 < len(snap.sentences) else None
    if nxt is None or nxt.doc_id != here.doc_id or nxt.section != here.section:
        return None
    shared = set(content_stems(here.text, drop_generic=True)) & set(content_stems(nxt.text, drop_generic=True))
    return index + 1 if sum(snap.weight(s) for s in shared) >= ELABORATION_WEIGHT else None


def _effects_of(snap: Snapshot, doc_id: str, value: float) -> list[Any]:
    """The prose sentences of ``doc_id`` that give ``value`` as the cause of something ("Las pérdidas
    bajaron hasta 18,7 % por la entrega de 230 cajas isotérmicas"): the figure is in the cause, not
    in what the cause explains."""
    from assistant.entities import fold
    from assistant.passages import doc_sentences, explained_part, states_cause

    found = []
    for rec in (snap.sentences[i] for i in doc_sentences(snap).get(doc_id, [])):
        if "|" in rec.text or not states_cause(rec.text):
            continue
        explained = explained_part(rec.text)
        cause = fold(rec.text).replace(explained, " ")
        if any(same_number(n.value, value, 0.0) for n in find_numbers(cause)) and not any(
                same_number(n.value, value, 0.0) for n in find_numbers(explained)):
            found.append(rec)
    return found
