"""The paragraph writer every layout uses: figures with their phrasing, filler, pagination."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from synthcorpus.figures import Figure, Numbers
from synthcorpus.phrasings import Ctx, Phrasing, narrative, phrasing
from synthcorpus.plan import Indicator, Plan, Result
from synthcorpus.render import FRAME_H, estimated_height
from synthcorpus.spanish import capitalize

PAGE_BUDGET_PT = FRAME_H - 90.0  # planned height per page; the renderer shrinks if it is off
FILL_PT = 560.0  # average filled height of a page that padding aims at

_OPENERS = ["", "", "Asimismo, ", "Cabe señalar que ", "Por otro lado, ", "Además, ",
            "En ese sentido, "]
_SUBJECTS = ["el ente rector", "la dirección de seguimiento y evaluación",
             "el equipo técnico de la política", "la oficina de planeamiento",
             "la unidad de estadística", "la dirección regional", "la secretaría técnica"]
_PREDICATES = [
    "coordinó con {actor} la programación de las actividades operativas",
    "elaboró materiales de difusión sobre {topic}",
    "revisó la consistencia de los registros administrativos utilizados para la medición",
    "brindó orientación técnica a {actor}",
    "priorizó la atención de los territorios con mayores brechas en {topic}",
    "sistematizó las lecciones aprendidas de la implementación de {service}",
    "promovió espacios de diálogo con {people}",
    "actualizó los procedimientos de registro de información sobre {topic}",
    "fortaleció los mecanismos de seguimiento de {facility}",
]
_WHEN = ["", "", " durante el año {p}", " en el período evaluado"]


@dataclass
class Para:
    """A paragraph (or table row) and the figures printed in it."""

    text: str
    figures: list[Figure] = field(default_factory=list)
    keep: bool = False  # keep with the next paragraph on the same page
    slot: bool = False  # filler may follow it


class Writer:
    """Accumulates a document's paragraphs; picks phrasings so every style gets used."""

    def __init__(self, name: str, kind: str, layout: str, plan: Plan, period: int | None,
                 rng: random.Random) -> None:
        self.name, self.kind, self.layout, self.plan, self.period = name, kind, layout, plan, period
        self.rng = rng
        self.num = Numbers.draw(rng)
        self.paras: list[Para] = []
        self._decks: dict[str, list[Phrasing]] = {}

    # -- paragraphs -------------------------------------------------------------------------------

    def add(self, text: str, figures: list[Figure] | None = None, keep: bool = False,
            slot: bool = False) -> Para:
        for f in figures or []:
            f.text = text
        para = Para(text, figures or [], keep, slot)
        self.paras.append(para)
        return para

    def figure(self, ind: Indicator, role: str, style: str, origin: str, fmt: str,
               value: float | None, raw: str, marker: str, **extra: object) -> Figure:
        """A figure record (its text is set when its paragraph is added)."""
        return Figure(doc=self.name, policy=self.plan.acronym, policy_name=self.plan.name,
                      doc_kind=self.kind, layout=self.layout, code=ind.code, name=ind.name,
                      period=self.period, role=role, style=style, origin=origin, fmt=fmt,
                      value=value, raw=raw, text="", marker=marker, unit=ind.unit,
                      kind=ind.kind, direction=ind.direction, noun=ind.noun, pred=ind.pred,
                      **extra)

    # -- phrasing choice --------------------------------------------------------------------------

    def pick(self, role: str, allowed: list[Phrasing],
             ok: Callable[[Phrasing], bool] = lambda p: True) -> Phrasing:
        """The next phrasing of ``role`` from a shuffled deck, so a document uses them all."""
        deck = self._decks.setdefault(role, [])
        for _ in range(2):
            for i, p in enumerate(deck):
                if p in allowed and ok(p):
                    return deck.pop(i)
            deck.extend(self.rng.sample(allowed, len(allowed)))
        raise ValueError(f"no allowed phrasing for {role}")

    # -- an indicator's sentences -----------------------------------------------------------------

    def indicator_text(self, r: Result, with_code: bool = True, prefix: str = "",
                       seed_bias: float = 0.0, value_styles: list[str] | None = None,
                       extras: bool = True) -> Para:
        """One paragraph about ``r``: value and progress (or no data with its reason), and
        sometimes its target, baseline and the part of a total behind a percentage."""
        ind, num = r.indicator, self.num
        c = Ctx(ind, r, r.period, with_code=with_code)
        figs: list[Figure] = []
        if r.value is None:
            p = phrasing("nodata", "semilla") if self.rng.random() < seed_bias \
                else self.pick("nodata", narrative("nodata"))
            text = p.write(c)
            figs.append(self.figure(ind, "nodata", p.style, p.origin, "marcador", None,
                                    p.marker_for(c), p.marker_for(c), reason=r.reason,
                                    reason_key=r.reason_key))
        else:
            allowed = [phrasing("value", s) for s in value_styles] if value_styles \
                else narrative("value")
            descending = ind.direction == "descendente"
            if self.rng.random() < seed_bias and not value_styles:
                vp = phrasing("value", "semilla")
            elif descending and any(p.style == "se-redujo-a" for p in allowed) \
                    and self.rng.random() < 0.4:
                vp = phrasing("value", "se-redujo-a")
            else:
                vp = self.pick("value" + ("" if not value_styles else "-list"), allowed,
                               lambda p: descending or p.style != "se-redujo-a")
            c.v, vfmt = num.figure(ind, r.value, words=True)
            pp = phrasing("progress", "semilla") if self.rng.random() < seed_bias \
                else self.pick("progress", narrative("progress"))
            c.x, xfmt = num.progress(r.progress or 0.0)
            text = vp.write(c) + pp.write(c) + "."
            figs.append(self.figure(ind, "value", vp.style, vp.origin, vfmt, r.value, c.v,
                                    vp.marker_for(c)))
            figs.append(self.figure(ind, "progress", pp.style, pp.origin, xfmt, r.progress, c.x,
                                    pp.marker_for(c)))
        if extras and self.rng.random() < 0.4 and not (r.value is None and self.rng.random() < 0.5):
            text += " " + self._target_sentence(c, figs)
        if extras and self.rng.random() < 0.3:
            text += " " + self._baseline_sentence(c, figs)
        if extras and r.part is not None and self.rng.random() < 0.7:
            text += " " + self.part_sentence(c, figs)
        if ind.direction == "descendente" and self.rng.random() < 0.7:
            text += (f" Cabe precisar que el indicador {ind.code} tiene sentido descendente: un "
                     "valor menor representa un mejor desempeño.")
        return self.add(prefix + text, figs, slot=True)

    def _target_sentence(self, c: Ctx, figs: list[Figure]) -> str:
        assert c.res is not None
        allowed = [p for p in narrative("target") if p.style != "ficha"]
        ok = (lambda p: p.style != "frente-a-lo-esperado") if c.res.value is None else \
            (lambda p: True)
        tp = self.pick("target", allowed, ok)
        c.year = c.period
        c.t, fmt = self.num.figure(c.ind, c.res.target, words=tp.style != "frente-a-lo-esperado")
        figs.append(self.figure(c.ind, "target", tp.style, tp.origin, fmt, c.res.target, c.t,
                                tp.marker_for(c), year=c.period))
        return tp.write(c)

    def _baseline_sentence(self, c: Ctx, figs: list[Figure]) -> str:
        bp = self.pick("baseline", narrative("baseline"))
        c.by = c.ind.baseline_year
        c.b, fmt = self.num.figure(c.ind, c.ind.baseline)
        figs.append(self.figure(c.ind, "baseline", bp.style, bp.origin, fmt, c.ind.baseline, c.b,
                                bp.marker_for(c), year=c.by))
        return bp.write(c)

    def part_sentence(self, c: Ctx, figs: list[Figure]) -> str:
        assert c.res is not None and c.res.part is not None and c.ind.part_total is not None
        pt = self.pick("part", narrative("part"))
        c.part, fmt = self.num.count(c.res.part, words=True)
        if pt.style == "universo":
            c.part = capitalize(c.part)
        c.total, _ = self.num.count(c.ind.part_total)
        figs.append(self.figure(c.ind, "part", pt.style, pt.origin, fmt, float(c.res.part),
                                c.part, pt.marker_for(c), total=float(c.ind.part_total)))
        return pt.write(c)

    # -- filler and pages -------------------------------------------------------------------------

    def filler(self) -> str:
        """One or two explanatory sentences without figures, in the policy's own nouns."""
        t = self.plan.theme
        out = []
        for _ in range(self.rng.randint(1, 2)):
            opener = self.rng.choice(_OPENERS)
            subject = self.rng.choice(_SUBJECTS)
            when = self.rng.choice(_WHEN).format(p=self.period or 2030)
            pred = self.rng.choice(_PREDICATES).format(actor=t.actor, topic=t.topic,
                                                       service=t.service, people=t.people,
                                                       facility=t.facility)
            sentence = f"{opener}{subject} {pred}{when}."
            out.append(capitalize(sentence.replace(" a el ", " al ").replace(" de el ", " del ")))
        return " ".join(out)

    def pad(self, pages: int) -> None:
        """Insert filler paragraphs after slot paragraphs until about ``pages`` pages are full."""
        goal = pages * FILL_PT
        slots = [i for i, p in enumerate(self.paras) if p.slot]
        if not slots:
            return
        for _ in range(400):
            if sum(estimated_height(p.text) for p in self.paras) >= goal:
                break
            at = self.rng.choice(slots) + 1
            self.paras.insert(at, Para(self.filler(), slot=False))
            slots = [i for i, p in enumerate(self.paras) if p.slot]

    def paginate(self) -> list[list[str]]:
        """Greedy pages; a paragraph marked ``keep`` moves with the next one. Sets figure pages."""
        pages: list[list[Para]] = [[]]
        used = 0.0
        for para in self.paras:
            h = estimated_height(para.text)
            if pages[-1] and used + h > PAGE_BUDGET_PT:
                moved: list[Para] = []
                while len(pages[-1]) > 1 and pages[-1][-1].keep:
                    moved.insert(0, pages[-1].pop())
                pages.append(moved)
                used = sum(estimated_height(p.text) for p in moved)
            pages[-1].append(para)
            used += h
        for number, page in enumerate(pages, start=1):
            for para in page:
                for f in para.figures:
                    f.page = number
        return [[p.text for p in page] for page in pages]

    @property
    def figures(self) -> list[Figure]:
        return [f for p in self.paras for f in p.figures]
