"""Spanish country names with region and subregion, for partner extraction and refusals."""

from __future__ import annotations

import re

from ingest.numbers import strip_accents

ALC = "América Latina y el Caribe"

# name → (region, subregion). Names as Spanish official documents write them.
COUNTRIES: dict[str, tuple[str, str]] = {
    **{c: (ALC, "Centroamérica") for c in (
        "Belice", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panamá")},
    **{c: (ALC, "Sudamérica") for c in (
        "Argentina", "Bolivia", "Brasil", "Chile", "Colombia", "Ecuador", "Guyana", "Paraguay",
        "Perú", "Surinam", "Uruguay", "Venezuela")},
    **{c: (ALC, "Caribe") for c in (
        "Cuba", "República Dominicana", "Haití", "Jamaica", "Trinidad y Tobago", "Barbados",
        "Bahamas", "Granada", "Dominica", "Santa Lucía", "San Vicente y las Granadinas",
        "Antigua y Barbuda", "San Cristóbal y Nieves")},
    "México": (ALC, "Norteamérica"),
    "Estados Unidos": ("América del Norte", "Norteamérica"),
    "Canadá": ("América del Norte", "Norteamérica"),
    **{c: ("Asia", "Asia Oriental") for c in ("China", "Japón", "Corea del Sur", "Corea", "Mongolia")},
    **{c: ("Asia", "Sudeste Asiático") for c in (
        "Tailandia", "Vietnam", "Filipinas", "Indonesia", "Malasia", "Singapur", "Camboya", "Laos")},
    **{c: ("Asia", "Asia Meridional") for c in ("India", "Pakistán", "Bangladés", "Sri Lanka", "Nepal")},
    **{c: ("Asia", "Medio Oriente") for c in (
        "Israel", "Turquía", "Emiratos Árabes Unidos", "Catar", "Arabia Saudita", "Irán")},
    **{c: ("Europa", "Europa") for c in (
        "España", "Alemania", "Francia", "Italia", "Reino Unido", "Portugal", "Países Bajos",
        "Bélgica", "Suiza", "Suecia", "Noruega", "Finlandia", "Dinamarca", "Austria", "Polonia",
        "Irlanda", "Rusia", "Hungría", "República Checa", "Grecia", "Luxemburgo")},
    **{c: ("África", "África") for c in (
        "Marruecos", "Egipto", "Sudáfrica", "Kenia", "Etiopía", "Nigeria", "Ghana", "Argelia",
        "Mozambique", "Angola", "Senegal", "Túnez")},
    **{c: ("Oceanía", "Oceanía") for c in ("Australia", "Nueva Zelanda")},
}

# Other names and English names that point at the same country.
ALIASES: dict[str, str] = {
    # Not "usa": in a Spanish question it is the verb ("¿Qué documento usa la APCI…?").
    "ee.uu.": "Estados Unidos", "eeuu": "Estados Unidos", "u.s.a.": "Estados Unidos",
    "united states": "Estados Unidos", "japan": "Japón", "thailand": "Tailandia",
    "spain": "España", "germany": "Alemania", "france": "Francia", "brazil": "Brasil",
    "mexico": "México", "south korea": "Corea del Sur", "korea": "Corea", "peru": "Perú",
    "dominican republic": "República Dominicana", "panama": "Panamá", "belize": "Belice",
    "canada": "Canadá", "china": "China", "india": "India", "italy": "Italia",
    "united kingdom": "Reino Unido", "netherlands": "Países Bajos", "holanda": "Países Bajos",
}

REGION_WORDS: dict[str, tuple[str, str]] = {
    "centroamerica": ("subregion", "Centroamérica"),
    "america central": ("subregion", "Centroamérica"),
    "central america": ("subregion", "Centroamérica"),
    "sudamerica": ("subregion", "Sudamérica"),
    "america del sur": ("subregion", "Sudamérica"),
    "south america": ("subregion", "Sudamérica"),
    "caribe": ("subregion", "Caribe"),
    "asia": ("region", "Asia"),
    "europa": ("region", "Europa"),
    "europe": ("region", "Europa"),
    "africa": ("region", "África"),
    "oceania": ("region", "Oceanía"),
    "america latina": ("region", ALC),
    "latin america": ("region", ALC),
    "alc": ("region", ALC),
}


def _pattern() -> re.Pattern[str]:
    names = sorted({strip_accents(n) for n in COUNTRIES} | set(ALIASES), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


_FOLDED = {strip_accents(n): n for n in COUNTRIES}
_COUNTRY_RE = _pattern()


def find_countries(text: str) -> list[tuple[str, int]]:
    """Countries named in ``text`` as (canonical name, offset), in order, without repeats."""
    folded = strip_accents(text)
    seen: list[tuple[str, int]] = []
    for m in _COUNTRY_RE.finditer(folded):
        key = m.group(1)
        name = _FOLDED.get(key) or ALIASES.get(key)
        if name and name not in {n for n, _ in seen}:
            seen.append((name, m.start()))
    return seen


def region_of(country: str) -> tuple[str, str]:
    """(region, subregion) of a canonical country name."""
    return COUNTRIES.get(country, ("", ""))


def find_region_words(text: str) -> list[tuple[str, str]]:
    """Region words in a question: ("subregion", "Centroamérica"), ("region", "Asia")…"""
    folded = strip_accents(text)
    found = []
    for word, target in REGION_WORDS.items():
        if re.search(rf"\b{re.escape(word)}\b", folded):
            found.append(target)
    return found
