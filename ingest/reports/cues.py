"""Every phrase cue the report reader uses, in one place.

A figure's role is read from the words next to it, never from a template of the whole
sentence. Cues are lower-case and accent-folded word sequences; ``BEFORE`` cues are looked
for among the words between the previous figure (or the clause start) and the figure,
``AFTER`` cues among the few words right after it. When cues of several roles are present
the first role in :data:`ROLE_PRIORITY` wins ("superó la meta anual (avance de 105 %)" is a
progress; "el avance alcanzó 112,4 %" too).

To teach the reader a new wording, add its cue words here, with a test that uses a sentence
in that wording.
"""

from __future__ import annotations

# Roles a figure can take inside an indicator's scope.
VALUE, PROGRESS, TARGET, BASELINE, TOTAL, PART = "valor", "avance", "meta", "linea_base", "total", "parte"
ROLE_PRIORITY = (BASELINE, PROGRESS, TARGET, TOTAL, VALUE)

BEFORE: dict[str, tuple[str, ...]] = {
    # "línea de base (2019) de 1.200", "partió de una línea base de 25 %"
    BASELINE: ("linea de base", "linea base", "ano base", "valor base", "valor de partida", "punto de partida",
               "parte de una linea", "valor inicial"),
    # Progress is always a percentage (checked by the reader).
    PROGRESS: ("avance", "cumplimiento", "nivel de logro", "grado de avance", "grado de cumplimiento",
               "equivalente al", "equivale al", "porcentaje de ejecucion", "ejecucion de"),
    # "por debajo de lo esperado (2,2)", "meta de 3.000", "frente a una meta de"
    TARGET: ("meta", "logro esperado", "lo esperado", "lo previsto", "lo programado", "lo planificado",
             "se esperaba", "se espera", "se previo", "se programo", "programado", "previsto", "esperado de",
             "previsto de", "programado de", "fijada en", "fijado en"),
    # "De los 72 proyectos", "participó en 72 proyectos", "de un total de 40"
    TOTAL: ("de los", "de las", "participo en", "un total de", "del total de", "en total"),
    # "de las cuales 50 102 aprueban", "entre ellos, 12"
    PART: ("de los cuales", "de las cuales", "entre ellos", "entre ellas"),
    VALUE: ("valor", "valor obtenido", "alcanzo", "alcanzaron", "llego a", "llegaron a", "obtuvo",
            "se obtuvo", "registro", "se registra", "se registro", "se estimo en", "ascendio a",
            "ascendieron a", "fue de", "se muestra", "resultado de", "cifra de", "con"),
}

AFTER: dict[str, tuple[str, ...]] = {
    # "98,1 % de lo esperado", "62 % de lo programado", "92 % del logro esperado"
    PROGRESS: ("de lo esperado", "de lo programado", "de lo previsto", "de lo planificado", "de la meta",
               "del logro esperado", "respecto del logro esperado", "respecto de lo esperado",
               "respecto de la meta", "en relacion con la meta", "de avance", "de cumplimiento"),
    # "frente a los veinte previstos", "de 3.000 programados"
    TARGET: ("previstos", "previstas", "programados", "programadas", "esperados", "esperadas",
             "planificados", "planificadas", "como meta"),
    # "32 de ellos"
    PART: ("de ellos", "de ellas", "del total"),
    # "54 400 personas capacitadas, de las cuales 50 102…"
    TOTAL: ("de los cuales", "de las cuales"),
}

# A value cue that is a preposition counts only at the start of its clause ("Con 31,5 % de …").
CLAUSE_START_ONLY = {"con"}

# The indicator has no measurement for the period.
NO_DATA = ("s.i.", "s/i", "s. i.", "n.d.", "sin informacion", "no se reporta informacion",
           "no se reporta", "no se dispone", "no se cuenta con datos", "no se cuenta con informacion",
           "sin datos", "no registra informacion", "no registra datos", "no pudo medirse", "no se pudo medir", "no se midio", "no fue medido",
           "no se dispone de medicion", "sin medicion", "no disponible", "no reporta")
# Table cells that mean "no data".
NO_DATA_CELLS = ("s.i.", "s.i", "si", "s/i", "nd", "n.d.", "n.d", "-", "—", "–", "sin informacion",
                 "sin dato", "sin datos", "no disponible", "por determinar")
# The indicator had no expected achievement for the period (a value may still be stated).
NO_TARGET = ("no conto con logros esperados", "no conto con logro esperado", "sin logro esperado",
             "no tuvo meta", "sin meta", "no se definio meta", "considerandose no disponible")
# "los indicadores": a no-data statement about the whole group just listed.
GROUP_WORDS = ("los indicadores", "estos indicadores", "dichos indicadores", "ninguno de los indicadores")

# Direction of an indicator: lower is better.
DESCENDING = ("descendente", "sentido decreciente", "a menor valor, mejor", "se espera reducir")
ASCENDING = ("ascendente", "creciente")

# "primer indicador" → the first indicator of the group listed before.
# The months, as a regex alternation ("se?tiembre": both spellings): dates in the reports and questions.
MONTHS = r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?tiembre|octubre|noviembre|diciembre"

ORDINALS = {"primer": 0, "primero": 0, "segundo": 1, "tercer": 2, "tercero": 2, "cuarto": 3, "quinto": 4,
            "sexto": 5}

# Table header words → column role. Matched on the accent-folded header cell's start.
HEADER_ROLES: tuple[tuple[str, str], ...] = (
    ("codigo", "code"), ("cod.", "code"), ("indicador", "name"), ("nombre del indicador", "name"),
    ("sentido", "direction"), ("tendencia", "direction"),
    ("linea de base", BASELINE), ("linea base", BASELINE), ("valor base", BASELINE),
    ("logro esperado", TARGET), ("meta", TARGET), ("valor esperado", TARGET),
    ("valor obtenido", VALUE), ("valor alcanzado", VALUE), ("resultado", VALUE), ("valor", VALUE),
    ("avance", PROGRESS), ("% de avance", PROGRESS), ("cumplimiento", PROGRESS),
    ("unidad", "unit"),
)

# Words that scale an amount: "S/ 12,4 millones".
SCALES = {"millones": "millones", "millon": "millones", "miles": "miles", "mil millones": "miles de millones"}
CURRENCIES = {"s/": "soles", "s/.": "soles", "us$": "dólares", "$": "dólares", "usd": "dólares",
              "€": "euros", "eur": "euros"}

# Words that end a unit phrase after a figure.
UNIT_STOP = {"en", "para", "el", "la", "los", "las", "lo", "de", "del", "que", "y", "a", "por", "con", "al",
             "cifra", "es", "frente", "respecto", "segun", "durante", "hasta", "sobre", "e", "o", "u",
             "cual", "cuales", "se", "su", "sus"}

# Partner roles, read clause by clause. Peru as provider; Peru receiving; a donor; a partner.
PARTNER_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("donante", ("donacion", "donaciones", "dono", "donaron", "donativo", "donante")),
    ("oferente", ("oferente", "ofrecidos por el peru", "ofrecido por el peru", "ofrecio", "compartio su experiencia",
                  "compartio", "brindo asistencia", "brindo cooperacion", "transfirio", "el peru apoyo",
                  "el peru brindo", "cooperacion ofrecida")),
    ("receptor", ("receptor", "recibio", "recibidos por el peru", "recibida", "recibieron", "beneficiario de")),
    ("socio", ("convenio", "convenios", "alianza", "acuerdo", "memorando", "suscribieron", "suscribio",
               "socios", "socio")),
)
# Topic phrases after a partner list: "vinculados a temas de turismo, gastronomía…".
TOPIC_LEAD = ("temas de", "tema de", "materia de", "ambitos de", "areas de", "orientada a temas de",
              "para la transferencia de", "en materia de")

# What a report says it has: "cuatro objetivos prioritarios", "doce servicios", "19 indicadores".
# Word stem right after a count → the kind of item counted.
COUNTED_ITEMS = {"indicador": "indicadores", "servicio": "servicios", "objetivo": "objetivos prioritarios"}
# Stems that give an indicator count its level: "ocho a nivel de objetivos", "nueve de servicios".
LEVELS = {"objetivo": "objetivo", "servicio": "servicio"}
# The kinds a report sorts its services into ("dos servicios mejorados", "uno es nuevo"), by stem.
SERVICE_KINDS = {"mejorad": "mejorados", "nuev": "nuevos"}
# Nouns that say a count is of indicators with data ("se dispuso de información para once de ellos").
DATA_NOUNS = ("informacion", "datos", "dato", "valores", "cifras", "medicion", "mediciones")
# Words right after a figure that make it a count of the indicators just named ("once de ellos").
OF_THEM = (("de", "ellos"), ("de", "ellas"), ("indicadores",), ("de", "los", "indicadores"))
