"""Content pools of :mod:`synthcorpus.seedlike` (the seed's own vocabulary)."""

from __future__ import annotations

_POLICIES: list[tuple[str, str, str, str]] = [
    ("Política Nacional de Cooperación Técnica Internacional (PNCTI) al 2030", "PNCTI",
     "Ministerio de Relaciones Exteriores (MRE)",
     ("Insuficiente eficacia de la Cooperación Técnica Internacional (CTI) orientada a complementar "
     "esfuerzos por lograr el desarrollo sostenible, acorde al rol dual del país.")),
    (("Política Nacional de Cooperación Internacional para el Desarrollo Sostenible (PNCIDS) "
     "al 2030"), "PNCIDS", "Ministerio de Relaciones Exteriores (MRE)",
     ("Limitada articulación de la cooperación internacional con las prioridades nacionales de "
     "desarrollo sostenible.")),
    ("Política Nacional de Cooperación Sur-Sur y Triangular (PNCSST) al 2030", "PNCSST",
     "Ministerio de Relaciones Exteriores (MRE)",
     ("Escasa visibilidad de las capacidades técnicas nacionales ofrecidas a través de la "
     "Cooperación Sur-Sur.")),
    ("Política Nacional de Gestión Descentralizada de la Cooperación (PNGDC) al 2030", "PNGDC",
     "Ministerio de Relaciones Exteriores (MRE)",
     "Débil gestión de la cooperación internacional en los gobiernos regionales y locales."),
    ("Política Nacional de Alianzas para el Desarrollo (PNAD) al 2030", "PNAD",
     "Presidencia del Consejo de Ministros (PCM)",
     ("Insuficiente participación de los actores privados y académicos en la cooperación para el "
     "desarrollo.")),
]

_OBJECTIVE_TITLES = [
    "Consolidar la contribución de la CTI hacia las prioridades de desarrollo del país",
    ("Generar nuevas oportunidades de cooperación entre el Sistema Nacional Descentralizado de CTI "
    "y los actores del desarrollo"),
    ("Afianzar la proyección del Perú como referente de Cooperación Internacional para el "
    "Desarrollo"),
    ("Fortalecer la gestión descentralizada de la cooperación internacional en los gobiernos "
    "regionales y locales"),
    "Mejorar la transparencia y la calidad de la información sobre la cooperación internacional",
    "Promover alianzas multiactor para el financiamiento del desarrollo sostenible",
    ("Incrementar la eficacia de la cooperación no reembolsable en las zonas de menor desarrollo "
    "relativo"),
    "Fortalecer las capacidades de las unidades orgánicas encargadas de la cooperación",
    "Impulsar la innovación en los esquemas de cooperación técnica del país",
]
_SHARE_TITLE = "Posicionar al Perú como oferente de cooperación técnica en ALC y otras regiones"

# (name, unit, phrase after the unit, (low, high) value range; None range means a percentage)
_IOP_POOL: list[tuple[str, str, str, tuple[int, int] | None]] = [
    ("porcentaje de montos ejecutados alineados con las áreas prioritarias de CTI", "%", "", None),
    ("porcentaje de montos ejecutados alineados a los ODS", "%", "", None),
    (("porcentaje de cumplimiento de los compromisos asumidos en los espacios de coordinación "
     "liderados por el ente rector"), "%", "", None),
    ("porcentaje de participación de la empresa privada en la Cooperación Técnica Internacional",
     "%", "", None),
    ("porcentaje de iniciativas de cooperación internacional lideradas por el Perú", "%", "", None),
    (("porcentaje de gobiernos regionales que cuentan con instrumentos de gestión de la "
     "cooperación"), "%", "", None),
    (("porcentaje de intervenciones de cooperación registradas oportunamente en el sistema de "
     "información"), "%", "", None),
    ("porcentaje de proyectos de cooperación con evaluación de resultados publicada", "%", "",
     None),
    ("número de personas beneficiarias de la CTI", "personas",
     "beneficiarias de las intervenciones de cooperación", (500, 9000)),
    ("número de convenios de cooperación suscritos por las entidades del Sistema", "convenios",
     "de cooperación suscritos durante el período", (3, 40)),
    ("número de alianzas multiactor formalizadas", "alianzas",
     "multiactor formalizadas con el sector privado y la academia", (2, 12)),
    ("número de gobiernos locales asistidos en la gestión de la cooperación", "gobiernos",
     "locales asistidos técnicamente en la gestión de la cooperación", (3, 25)),
]

_SERVICE_TOPICS = [
    "gestión de la cooperación técnica internacional",
    "formulación de proyectos de cooperación",
    "Cooperación Sur-Sur y Triangular",
    "alianzas multiactor",
    "becas de cooperación",
    "seguimiento de intervenciones de cooperación",
    "cooperación descentralizada",
    "cooperación financiera no reembolsable",
]

# kind → (service name prefix, [indicator templates]); each template is
# (name, unit, phrase, (low, high) or None for %). "{t}" is the topic, "{p}" the period.
_SERVICE_KINDS: dict[str, tuple[str, list[tuple[str, str, str, tuple[int, int] | None]]]] = {
    "capacitacion": ("programa de capacitación en {t} a los integrantes del Sistema", [
        (("número de servidores/as de las unidades orgánicas encargadas de la Cooperación Técnica "
         "Internacional (UOCTI) capacitados/as en {t}"), "servidores/as",
         ("de las unidades orgánicas encargadas de la cooperación técnica internacional "
         "capacitados/as en {t}"), (40, 400)),
        ("porcentaje de servidores/servidoras de las UOCTI con buen nivel de conocimientos en {t}",
         "%", "del citado personal obtuvo un buen nivel de conocimiento en {t}", None),
    ]),
    "asistencia": ("servicio de asistencia técnica en {t} a los diversos actores del desarrollo", [
        ("número de entidades que reciben asistencia técnica en {t}", "entidades",
         "que recibieron asistencia técnica en {t}", (5, 120)),
        ("número de asistencias técnicas brindadas a los gobiernos subnacionales", "asistencias",
         "técnicas brindadas a los gobiernos subnacionales", (5, 60)),
    ]),
    "difusion": ("servicio de difusión de información sobre {t} a los actores del desarrollo", [
        ("número de accesiones a la información publicada sobre {t}", "accesiones",
         "a la información publicada en el portal institucional", (100, 5000)),
        ("número de publicaciones difundidas sobre {t}", "publicaciones",
         "difundidas en el portal institucional", (2, 25)),
    ]),
    "registro": ("plataforma de registro sobre {t} para las entidades del Sistema", [
        ("número de fichas registradas en la plataforma de {t}", "fichas",
         "registradas y validadas en la plataforma", (50, 900)),
        ("porcentaje de entidades que actualizan oportunamente su información sobre {t}", "%",
         "de las entidades actualizó oportunamente su información", None),
    ]),
    "coordinacion": (("espacios de coordinación estratégicos sobre {t} para los integrantes del "
                     "Sistema y otros actores del desarrollo"), [
        ("número de entidades que participan en los espacios de coordinación", "entidades",
         "participantes en los espacios de diálogo y coordinación estratégicos", (10, 120)),
        ("número de espacios de coordinación implementados al año", "espacios",
         "de coordinación implementados en el año {p}", (2, 8)),
        ("número de participantes en los talleres de coordinación", "participantes",
         "registrados en los talleres de coordinación", (30, 600)),
    ]),
}

_QUOTED_POOL = [
    ("número de accesiones realizadas a la página web sobre las becas de cooperación ofertadas "
    "por las fuentes cooperantes"),
    ("número de entidades que reciben orientación permanente para facilitar la implementación de "
    "esquemas innovadores de cooperación"),
    ("número de accesiones a la información estadística anual sobre la ejecución de los recursos de "
    "la Cooperación Técnica Internacional (CTI) disponible en la página web institucional"),
    "número de consultas atendidas a través de la mesa de ayuda del sistema de información",
    "número de documentos técnicos de buenas prácticas publicados",
]
_QUOTED_UNITS = {0: "accesiones", 1: "entidades", 2: "accesiones", 3: "consultas", 4: "documentos"}

_ND_SUBJECTS = [
    "la Cooperación Técnica Internacional ejecutada",
    "los recursos de cooperación declarados por las entidades ejecutoras",
    "las intervenciones de cooperación registradas",
]
_ND_REASONS = [
    ("la información requerida para la medición se encuentra siendo procesada para su publicación "
    "en el primer trimestre de {p2}"),
    "las entidades ejecutoras aún no han remitido la Declaración Anual correspondiente",
    "la ficha técnica se encuentra en proceso de actualización",
    "la fuente de datos se encuentra en proceso de validación",
]

_FILLER = [
    ("Los datos son obtenidos a través de la Declaración Anual de Cooperación Técnica "
    "Internacional, la cual debe ser presentada por las entidades públicas y privadas "
    "correspondientes en el primer trimestre del año posterior al período a reportar."),
    ("Las capacitaciones forman parte del programa que la entidad rectora implementa para "
    "fortalecer las capacidades de los integrantes del Sistema Nacional Descentralizado de "
    "Cooperación Técnica Internacional."),
    ("Las actividades se desarrollaron en modalidad virtual y presencial, y priorizaron a los "
    "gobiernos subnacionales con menor capacidad de gestión."),
    ("El resultado obtenido refleja la capacidad de convocatoria del ente rector y de la agencia "
    "para reanudar las reuniones en la modalidad presencial, así como la expectativa generada por "
    "la implementación de la política."),
    ("Estos espacios de diálogo y coordinación entre los integrantes del Sistema y los diversos "
    "actores del desarrollo son estratégicos para la gestión de la cooperación, debido a que "
    "contribuyen a intercambiar información sobre sus necesidades y a plantear líneas de acción "
    "conjunta."),
    ("La entidad rectora formuló herramientas metodológicas que permitirán garantizar la medición, "
    "tal como la guía operativa de las alianzas multiactor para el desarrollo sostenible."),
    ("Asimismo, se realizó un proceso de consultas y análisis con diversos actores del desarrollo "
    "que permitió identificar alianzas de interés entre los sectores público y privado."),
    ("La información se actualiza anualmente y se difunde a través del portal institucional, "
    "contribuyendo a la toma de decisiones y al fortalecimiento de una cultura de transparencia."),
    ("Dicho aspecto ha sido precisado en las alertas del reporte de seguimiento, a fin de ajustar "
    "la programación de los logros esperados en los siguientes períodos."),
    ("Las acciones desarrolladas se articularon con los planes institucionales de las entidades "
    "del Sistema y con las prioridades de la política exterior."),
    ("El seguimiento se efectuó sobre la base de los registros administrativos de la entidad "
    "rectora y de las fichas técnicas aprobadas."),
    ("Cabe señalar que los resultados dependen de la oportuna remisión de información por parte "
    "de las entidades ejecutoras públicas y privadas."),
    ("La participación de los gobiernos regionales permitió ampliar la cobertura territorial de "
    "las acciones previstas."),
    ("Para el siguiente período se prevé fortalecer la coordinación con las oficinas "
    "desconcentradas y con las unidades orgánicas encargadas de la cooperación."),
]

_OPENERS = ["", "", "Asimismo, ", "Cabe señalar que ", "Por otro lado, ", "Además, ",
             "En ese sentido, ", "Complementariamente, "]
_SUBJECTS = [
    "la entidad rectora", "la agencia de cooperación", "el equipo técnico responsable",
    "la Dirección de Políticas y Programas", "la Oficina de Planeamiento",
    "la unidad de estadística", "la red de enlaces regionales", "el órgano de línea competente",
    "la comisión multisectorial de seguimiento", "la secretaría técnica del Sistema",
]
_PREDICATES = [
    "promovió reuniones técnicas con las unidades orgánicas encargadas de la cooperación",
    "actualizó los lineamientos para el registro de intervenciones",
    "elaboró materiales de difusión sobre los instrumentos de la política",
    "coordinó con los gobiernos regionales la programación de las actividades operativas",
    "sistematizó las lecciones aprendidas de las intervenciones ejecutadas",
    "brindó orientación a las entidades ejecutoras públicas y privadas",
    "revisó la consistencia de los registros administrativos utilizados para la medición",
    "impulsó la articulación con la academia y el sector privado",
    "fortaleció los mecanismos de seguimiento de las intervenciones",
    "participó en mesas de trabajo intersectoriales vinculadas a la cooperación",
    "priorizó la atención de los gobiernos subnacionales con menor capacidad de gestión",
    "incorporó mejoras en los procedimientos de registro y validación de la información",
    "difundió las oportunidades de cooperación entre los actores del desarrollo",
    "organizó jornadas de inducción para el personal recientemente incorporado",
    "consolidó la información remitida por las entidades del Sistema",
    "formuló propuestas de mejora para los instrumentos de gestión de la política",
    "mantuvo canales permanentes de comunicación con las fuentes cooperantes",
    "identificó buenas prácticas replicables en la gestión descentralizada de la cooperación",
]

_HIGHLIGHTS = [
    ("- Los espacios de diálogo y coordinación entre los integrantes del Sistema Nacional "
    "Descentralizado de CTI y otros actores del desarrollo han permitido la articulación de sus "
    "integrantes, generando sinergias hacia una gestión eficaz de la cooperación orientada a crear "
    "nuevas oportunidades."),
    ("- La provisión de información estadística, cualitativa y cuantitativa sobre la CTI se "
    "actualiza anualmente y se difunde a través del portal institucional, contribuyendo a la toma "
    "de decisiones y al fortalecimiento de una cultura de transparencia."),
    ("- El grado de participación del Perú como oferente de cooperación técnica se ha fortalecido "
    "con un importante incremento en América Latina y el Caribe (ALC), sobre la base de las "
    "capacidades desarrolladas por instituciones peruanas en materia económica, productiva, "
    "social, tecnológica e institucional."),
    ("- La proyección internacional del Perú como referente de Cooperación Internacional para el "
    "Desarrollo logró un importante nivel de avance a través de iniciativas impulsadas en "
    "diversos espacios y foros internacionales, tales como la Organización para la Cooperación y "
    "el Desarrollo Económicos (OCDE), la Secretaría General Iberoamericana (SEGIB) y la Alianza "
    "del Pacífico (AP)."),
    ("- La gestión descentralizada de la cooperación se vio fortalecida por la participación "
    "activa de los gobiernos regionales en los espacios de coordinación convocados por el ente "
    "rector."),
]

_ALTERNATIVES = [
    ("- El ente rector, conjuntamente con la agencia de cooperación, continuará difundiendo la "
    "política. Para ello se ha previsto la publicación física y virtual de su resumen y su "
    "difusión en los espacios de diálogo y coordinación con los integrantes del Sistema Nacional "
    "Descentralizado de CTI."),
    ("- Se efectuará la revisión y verificación de la información reportada por las entidades "
    "ejecutoras en la Declaración Anual de proyectos, programas y actividades de cooperación, que "
    "incide directamente en el cumplimiento de los indicadores de la presente política."),
    ("- Se actualizarán las fichas técnicas de los indicadores cuyo método de cálculo requiere "
    "precisiones, a fin de garantizar su medición en los siguientes reportes."),
    ("- Se fortalecerá la asistencia técnica a los gobiernos regionales y locales para la "
    "formulación y el registro de sus intervenciones de cooperación."),
    ("- Se promoverá la suscripción de alianzas multiactor con el sector privado y la academia "
    "para ampliar las fuentes de financiamiento del desarrollo sostenible."),
]

_SIGNERS_FIRST = ["Humberto", "Rosa María", "Carlos Alberto", "Lucía", "Jorge Luis", "Ana Cecilia",
                  "Miguel Ángel", "Patricia"]
_SIGNERS_LAST = ["Velásquez", "Guevara", "Quispe", "Rodríguez", "Salazar", "Huamán", "Castañeda",
                 "Núñez", "Paredes", "Ibáñez"]
_SIGNER_TITLES = [
    ["Ministro Consejero", "Jefe de la Oficina General de Planeamiento", "y Presupuesto"],
    ["Directora General de Planeamiento y Presupuesto"],
    ["Jefe de la Oficina de Planeamiento Estratégico"],
]

_ALC_COUNTRIES = [
    "Argentina", "Belice", "Bolivia", "Brasil", "Chile", "Colombia", "Costa Rica", "Cuba",
    "Ecuador", "El Salvador", "Guatemala", "Honduras", "México", "Nicaragua", "Panamá",
    "Paraguay", "República Dominicana", "Uruguay", "Jamaica", "Haití",
]
_OTHER_COUNTRIES = [
    "Tailandia", "Vietnam", "Filipinas", "Indonesia", "Malasia", "Japón", "Corea del Sur",
    "India", "Marruecos", "España", "Portugal", "Turquía", "Egipto", "Mongolia",
]
_ALC_TOPICS = [
    "turismo", "gastronomía", "pesca", "transporte", "gestión pública", "agricultura", "salud",
    "educación", "gestión de riesgo de desastres", "acuicultura", "sanidad agraria",
    "seguridad alimentaria", "gobierno digital", "interculturalidad", "patrimonio cultural",
    "formalización laboral", "innovación productiva",
]
_OTHER_TOPICS = [
    "desarrollo alternativo", "ciencia y tecnología", "desarrollo de recursos humanos",
    "medio ambiente", "cambio climático", "minería responsable", "inclusión social",
    "gestión del agua", "biocomercio",
]

_ODS_FOOTNOTE = "¹ Objetivo de Desarrollo Sostenible"
