"""Document layouts: three compliance-report layouts and a policy decree with its matrix.

- ``semilla``: the seed report's structure (numbered sections, "- IOP.01.01: name." items);
- ``narrativa``: a narrative report whose figures often come before the indicator's code;
- ``tabla``: a report built around a table of objective indicators, services listed by code;
- ``decreto``: the policy decree, its annex and its indicator matrix (baselines, targets).

A layout fills a :class:`~synthcorpus.writer.Writer`; the phrasing of each figure is picked
there. Table rows are written here, one cell per figure.
"""

from __future__ import annotations

from synthcorpus.figures import Figure
from synthcorpus.phrasings import Ctx, phrasing
from synthcorpus.plan import LAST_YEAR, Indicator, Result
from synthcorpus.seedlike_pools import _SIGNERS_FIRST, _SIGNERS_LAST
from synthcorpus.spanish import capitalize, spanish_number
from synthcorpus.writer import Writer

_MEASURES = [
    "Priorizar la asistencia técnica en los territorios con mayores brechas en {topic}.",
    "Agilizar los procesos de contratación vinculados a {service}.",
    "Concluir la actualización de las fichas técnicas de los indicadores.",
    "Fortalecer el registro administrativo de {actor}.",
    "Ampliar la cobertura de {service} en el ámbito rural.",
    "Mejorar la articulación con {actor} para la programación de metas.",
]


def _count_words(n: int) -> str:
    return spanish_number(n) if n <= 20 else str(n)


def _measures(w: Writer) -> list[str]:
    t = w.plan.theme
    return [m.format(topic=t.topic, service=t.service, actor=t.actor)
            for m in w.rng.sample(_MEASURES, w.rng.randint(2, 4))]


def _signer(w: Writer) -> str:
    return f"{w.rng.choice(_SIGNERS_FIRST)} {' '.join(w.rng.sample(_SIGNERS_LAST, 2))}"


def _split(results: list[Result]) -> tuple[list[Result], dict[str, list[Result]]]:
    objective = [r for r in results if r.indicator.service is None]
    by_service: dict[str, list[Result]] = {}
    for r in results:
        if r.indicator.service is not None:
            by_service.setdefault(r.indicator.service, []).append(r)
    return objective, by_service


def _ministry_short(ministry: str) -> str:
    return ministry.split(" (")[0]


# ---------------------------------------------------------------------------------------------
# Seed-like report
# ---------------------------------------------------------------------------------------------


def seed_report(w: Writer, results: list[Result]) -> None:
    """The seed's sections and list items; its own phrasings are used about half the time."""
    plan, p = w.plan, w.period
    objective, by_service = _split(results)
    n_lin = sum(len(v) for v in plan.lineamientos.values())
    w.add(f"REPORTE DE CUMPLIMIENTO DE LA {plan.name.upper()}", keep=True)
    w.add("1. Políticas nacionales de la lista sectorial", keep=True)
    w.add(f"Política nacional: {plan.name} ({plan.acronym}).")
    w.add(f"Ministerio rector o conductor: {plan.theme.ministry}.")
    w.add(f"Problema público identificado: {plan.theme.problem}")
    w.add(f"Dispositivo legal: {plan.decree}.")
    w.add("Resumen del reporte de cumplimiento:", keep=True)
    w.add(f"El presente reporte muestra los avances obtenidos de enero a diciembre del año {p}, "
          f"en el marco de la {plan.name}, aprobada el {plan.approval}. La citada política "
          f"cuenta con {_count_words(len(plan.objectives))} objetivos prioritarios, {n_lin} "
          f"lineamientos y {_count_words(len(plan.services))} servicios, que son medidos a "
          f"través de {len(plan.indicators)} indicadores.", slot=True)
    w.add("I. Cumplimiento de los objetivos prioritarios de la política nacional", keep=True)
    for ocode, title in plan.objectives:
        num = ocode[3:]
        w.add(f"{ocode}.", keep=True)
        w.add(f"Objetivo Prioritario {num}. {title}.", keep=True)
        mine = [r for r in objective if r.indicator.objective == ocode]
        w.add("Este objetivo es medido a través del siguiente indicador." if len(mine) == 1 else
              f"El objetivo es medido a través de los siguientes {spanish_number(len(mine))} "
              "indicadores:", keep=True)
        for r in mine:
            w.add(f"- {r.indicator.code}: {r.indicator.name}.", keep=True)
            w.indicator_text(r, with_code=False, seed_bias=0.5)
    w.add("II. Situación de las principales actividades que contribuyen al cumplimiento del "
          "objetivo de la política nacional y uso de recursos", keep=True)
    for ocode, _title in plan.objectives:
        services = [s for s in plan.services if s[2] == ocode]
        if not services:
            continue
        w.add(f"{ocode}.", keep=True)
        w.add(f"El Objetivo Prioritario {ocode[3:]} cuenta con "
              + ("un servicio." if len(services) == 1 else
                 f"{spanish_number(len(services))} servicios."), keep=True)
        for scode, sname, _ in services:
            mine = by_service.get(scode, [])
            w.add(f"- {scode}: {sname}.", keep=True)
            w.add("Este servicio es medido a través del siguiente indicador:" if len(mine) == 1
                  else f"Este servicio es medido a través de los siguientes "
                       f"{spanish_number(len(mine))} indicadores:", keep=True)
            for r in mine:
                w.add(f"- {r.indicator.code}: {r.indicator.name}.", keep=True)
            for r in mine:
                w.indicator_text(r, with_code=True, seed_bias=0.4)
    w.add("III. Alternativas para mejorar la implementación de la política nacional", keep=True)
    for m in _measures(w):
        w.add(f"- {m}")
    w.add(_signer(w), keep=True)
    w.add(_ministry_short(plan.theme.ministry))


# ---------------------------------------------------------------------------------------------
# Narrative report
# ---------------------------------------------------------------------------------------------


def narrative_report(w: Writer, results: list[Result]) -> None:
    """Headed sections of prose; services numbered "1) Servicio … (S.01.01.01)."."""
    plan, p = w.plan, w.period
    objective, by_service = _split(results)
    n_srv_ind = len(results) - len(objective)
    w.add(f"Reporte de cumplimiento de la {plan.name} – año {p}", keep=True)
    w.add("Información general", keep=True)
    w.add(f"- Política: {plan.name} ({plan.acronym}), aprobada mediante {plan.decree}.")
    w.add(f"- Conducción: {plan.theme.ministry}.")
    w.add(f"- Período evaluado: año fiscal {p}.")
    w.add("Presentación", keep=True)
    w.add(f"Este reporte presenta el desempeño de los {_count_words(len(objective))} indicadores "
          f"de objetivos prioritarios y de {_count_words(n_srv_ind)} indicadores de servicios de "
          f"la {plan.acronym} durante el año {p}, así como las acciones previstas para {p + 1}.",
          slot=True)
    w.add("I. Objetivos prioritarios", keep=True)
    for i, (ocode, title) in enumerate(plan.objectives, start=1):
        w.add(f"Objetivo prioritario {i}: {title}", keep=True)
        for r in objective:
            if r.indicator.objective == ocode:
                w.indicator_text(r)
    w.add("II. Servicios", keep=True)
    k = 0
    for scode, sname, _ in plan.services:
        for j, r in enumerate(by_service.get(scode, [])):
            prefix = ""
            if j == 0:
                k += 1
                prefix = f"{k}) {sname} ({scode}). "
            w.indicator_text(r, prefix=prefix)
    w.add("III. Alternativas de mejora", keep=True)
    for m in _measures(w):
        w.add(f"- {m}")
    w.add(f"Firma: {_signer(w)}, {_ministry_short(plan.theme.ministry)}.")


# ---------------------------------------------------------------------------------------------
# Table report
# ---------------------------------------------------------------------------------------------


def _row(cells: list[str]) -> str:
    return " | ".join(cells)


def table_report(w: Writer, results: list[Result]) -> None:
    """A table of objective indicators (columns in one of several orders), comments, services."""
    plan, p, num = w.plan, w.period, w.num
    assert p is not None
    objective, by_service = _split(results)
    years = {r.indicator.baseline_year for r in objective}
    one_year = len(years) == 1 and w.rng.random() < 0.8
    by = next(iter(years))
    base_head = f"Línea base ({by})" if one_year else "Línea de base"
    base_style = "tabla" if one_year else "tabla-anio-valor"
    reordered = w.rng.random() < 0.4
    avance_head = "Avance (%)" if w.rng.random() < 0.6 else "Avance"
    nd = "s.i." if w.rng.random() < 0.6 else "ND"
    nd_style = "tabla-si" if nd == "s.i." else "tabla-nd"
    head = ["Código", "Indicador", base_head, f"Logro esperado {p}", f"Valor obtenido {p}",
            avance_head]
    if reordered:
        head = ["Código", "Indicador", f"Valor obtenido {p}", f"Logro esperado {p}", avance_head,
                base_head]
    header = _row(head)
    n_srv_ind = len(results) - len(objective)
    w.add(f"REPORTE DE CUMPLIMIENTO {p}", keep=True)
    w.add(f"{plan.name.upper()} ({plan.acronym})", keep=True)
    w.add(f"Entidad conductora: {plan.theme.ministry}")
    w.add(f"Norma de aprobación: {plan.decree}")
    w.add(f"Periodo del reporte: enero a diciembre de {p}")
    w.add("RESUMEN EJECUTIVO", keep=True)
    with_data = sum(r.value is not None for r in results)
    w.add(f"La {plan.acronym} cuenta con {_count_words(len(plan.objectives))} objetivos "
          f"prioritarios y {_count_words(len(plan.services))} servicios, y se mide con "
          f"{len(results)} indicadores: {_count_words(len(objective))} de objetivos prioritarios "
          f"y {_count_words(n_srv_ind)} de servicios. En {p} se dispuso de información para "
          f"{_count_words(with_data)} de ellos.", slot=True)
    w.add("SECCIÓN I. AVANCE DE LOS OBJETIVOS PRIORITARIOS", keep=True)
    w.add(f"Cuadro 1. Indicadores de objetivos prioritarios, {p}", keep=True)
    w.add(header, keep=True)
    comments: dict[str, list[str]] = {}
    notes = [f"Nota: {nd} = " + ("sin información." if nd == "s.i." else "no disponible.")]
    for n, r in enumerate(objective):
        ind = r.indicator
        base_raw, base_fmt = num.cell(ind, ind.baseline)
        base_cell = base_raw if one_year else f"{ind.baseline_year}: {base_raw}"
        target_raw, target_fmt = num.cell(ind, r.target)
        figs = [
            w.figure(ind, "baseline", base_style, "familia", base_fmt, ind.baseline, base_raw,
                     base_head, year=ind.baseline_year, header=header, column=base_head),
            w.figure(ind, "target", "tabla", "familia", target_fmt, r.target, target_raw,
                     f"Logro esperado {p}", year=p, header=header, column=f"Logro esperado {p}"),
        ]
        if r.value is None:
            value_cell = progress_cell = nd
            reason = (f"El indicador {ind.code} no registra información para {p} porque "
                      f"{r.reason}.")
            comments.setdefault(ind.objective, []).append(reason)
            figs.append(w.figure(ind, "nodata", nd_style, phrasing("nodata", nd_style).origin,
                                 "marcador", None, nd, f"Valor obtenido {p}", reason=r.reason,
                                 reason_key=r.reason_key, reason_text=reason, header=header,
                                 column=f"Valor obtenido {p}"))
        else:
            value_cell, vfmt = num.cell(ind, r.value)
            progress_cell, xfmt = num.progress(r.progress or 0.0, sign=avance_head == "Avance")
            figs.append(w.figure(ind, "value", "tabla", "familia", vfmt, r.value, value_cell,
                                 f"Valor obtenido {p}", header=header,
                                 column=f"Valor obtenido {p}"))
            figs.append(w.figure(ind, "progress", "tabla", "familia", xfmt, r.progress,
                                 progress_cell, avance_head, header=header, column=avance_head))
        cells = {base_head: base_cell, f"Logro esperado {p}": target_raw,
                 f"Valor obtenido {p}": value_cell, avance_head: progress_cell}
        w.add(_row([ind.code, ind.name] + [cells[h] for h in head[2:]]), figs,
              keep=n < len(objective) - 1)
        if ind.direction == "descendente":
            notes.append(f"El sentido esperado del indicador {ind.code} es descendente, por lo que "
                         "el avance se calcula como el cociente entre el logro esperado y el "
                         "valor obtenido.")
    w.add(" ".join(notes), slot=True)
    w.add("Comentarios", keep=True)
    for ocode, title in plan.objectives:
        w.add(f"{ocode}. {title}.", keep=True)
        text = " ".join(comments.get(ocode, [])) or w.filler()
        w.add(text, slot=True)
        for r in objective:
            if r.indicator.objective == ocode and r.part is not None and w.rng.random() < 0.6:
                figs: list[Figure] = []
                c = Ctx(r.indicator, r, p)
                sentence = w.part_sentence(c, figs)
                w.add(f"En cuanto al indicador {r.indicator.code}: {sentence}", figs, slot=True)
    w.add("SECCIÓN II. SERVICIOS", keep=True)
    for scode, sname, _ in plan.services:
        w.add(f"{scode} {sname}", keep=True)
        for r in by_service.get(scode, []):
            w.indicator_text(r, value_styles=["codigo-dos-puntos"],
                             extras=w.rng.random() < 0.5)
    w.add("SECCIÓN III. MEDIDAS PARA MEJORAR LA IMPLEMENTACIÓN", keep=True)
    for i, m in enumerate(_measures(w), start=1):
        w.add(f"{i}. {m}")
    w.add(f"Lima, {w.rng.randint(2, 28)} de marzo de {p + 1}", keep=True)
    w.add(_signer(w), keep=True)
    w.add(_ministry_short(plan.theme.ministry))


# ---------------------------------------------------------------------------------------------
# Policy decree
# ---------------------------------------------------------------------------------------------


def _matrix_row(w: Writer, ind: Indicator, header: str, years: list[int],
                with_direction: bool) -> None:
    base_raw, base_fmt = w.num.cell(ind, ind.baseline)
    base_head = "Línea de base (año: valor)" if with_direction else "Línea de base"
    figs = [w.figure(ind, "baseline", "matriz", "familia", base_fmt, ind.baseline, base_raw,
                     base_head, year=ind.baseline_year, header=header, column=base_head)]
    cells = [ind.code, ind.name]
    if with_direction:
        cells.append(capitalize(ind.direction))
    cells.append(f"{ind.baseline_year}: {base_raw}")
    for i, y in enumerate(years):
        raw, fmt = w.num.cell(ind, ind.targets[y])
        column = f"Logro esperado {y}" if i == 0 else str(y)
        figs.append(w.figure(ind, "target", "matriz", "familia", fmt, ind.targets[y], raw,
                             "Logro esperado", year=y, header=header, column=column))
        cells.append(raw)
    w.add(_row(cells), figs, keep=True)


def decree(w: Writer) -> None:
    """The decree, its annex (problem, objectives, lineamientos, services) and matrices."""
    plan = w.plan
    t = plan.theme
    number = plan.decree.replace("Decreto Supremo", "DECRETO SUPREMO")
    years = sorted(w.rng.sample(range(2021, LAST_YEAR), 3)) + [LAST_YEAR]
    w.add(number, keep=True)
    w.add(f"DECRETO SUPREMO QUE APRUEBA LA {plan.name.upper()}", keep=True)
    w.add("Artículo 1.- Aprobación", keep=True)
    w.add(f"Apruébase la {plan.name} ({plan.acronym}), que como Anexo forma parte integrante del "
          "presente Decreto Supremo.")
    w.add("Artículo 2.- Conducción", keep=True)
    w.add(f"El {_ministry_short(t.ministry)} conduce la {plan.acronym} y elabora anualmente el "
          "reporte de cumplimiento.")
    w.add("Artículo 3.- Financiamiento", keep=True)
    w.add("La implementación de la política se financia con cargo al presupuesto institucional "
          "de las entidades involucradas, sin demandar recursos adicionales al Tesoro Público.")
    w.add("ANEXO", keep=True)
    w.add(plan.name.upper(), keep=True)
    w.add("1. Problema público", keep=True)
    w.add(t.problem, slot=True)
    w.add("2. Objetivos prioritarios y lineamientos", keep=True)
    for ocode, title in plan.objectives:
        w.add(f"{ocode} {title}.", keep=True)
        w.add("Lineamientos:", keep=True)
        for lin in plan.lineamientos[ocode]:
            w.add(lin, keep=True)
    w.paras[-1].keep = False
    objective = [i for i in plan.indicators if i.service is None]
    services = [i for i in plan.indicators if i.service is not None]
    w.add("3. Matriz de indicadores de objetivos prioritarios", keep=True)
    header = _row(["Código", "Indicador", "Sentido", "Línea de base (año: valor)",
                   f"Logro esperado {years[0]}", *[str(y) for y in years[1:]]])
    w.add(header, keep=True)
    for ind in objective:
        _matrix_row(w, ind, header, years, with_direction=True)
    w.paras[-1].keep = False
    w.add("4. Servicios", keep=True)
    for scode, sname, _ in plan.services:
        w.add(f"{scode} {sname}.", keep=True)
    w.paras[-1].keep = False
    w.add("Matriz de indicadores de servicios", keep=True)
    s_years = [years[0], LAST_YEAR]
    s_header = _row(["Código", "Indicador", "Línea de base", f"Logro esperado {years[0]}",
                     str(LAST_YEAR)])
    w.add(s_header, keep=True)
    for ind in services:
        _matrix_row(w, ind, s_header, s_years, with_direction=False)
    w.paras[-1].keep = False
    others = [y for y in range(2021, LAST_YEAR) if y not in years]
    fichas = [i for i in plan.indicators if w.rng.random() < 0.4]
    if fichas and others:
        w.add("5. Metas intermedias", keep=True)
        tp = phrasing("target", "ficha")
        for ind in fichas:
            c = Ctx(ind, None, LAST_YEAR)
            c.year = w.rng.choice(others)
            c.t, fmt = w.num.figure(ind, ind.targets[c.year])
            fig = w.figure(ind, "target", "ficha", tp.origin, fmt, ind.targets[c.year], c.t,
                           tp.marker_for(c), year=c.year)
            w.add(tp.write(c), [fig], slot=True)
