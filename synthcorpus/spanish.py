"""Spanish numbers as the documents print them: words, decimal commas, thousands separators.

These are the generator's own writers; they are never used to read a document. Each returns
the exact text printed, so the ground truth can record it.
"""

from __future__ import annotations

_WORDS_0_29 = [
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
    "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
]
_WORDS_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta",
               8: "ochenta", 9: "noventa"}
_WORDS_HUNDREDS = {1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos",
                   5: "quinientos", 6: "seiscientos", 7: "setecientos", 8: "ochocientos",
                   9: "novecientos"}


def spanish_number(n: int) -> str:
    """Spanish words for 0 ≤ n ≤ 999 999 ("dos", "veintidós", "ciento cuatro", "tres mil diez")."""
    if not 0 <= n <= 999_999:
        raise ValueError(f"spanish_number handles 0..999999, got {n}")
    if n < 30:
        return _WORDS_0_29[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _WORDS_TENS[tens] + (f" y {_WORDS_0_29[unit]}" if unit else "")
    if n < 1000:
        if n == 100:
            return "cien"
        hundreds, rest = divmod(n, 100)
        return _WORDS_HUNDREDS[hundreds] + (f" {spanish_number(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "mil" if thousands == 1 else f"{_apocope(spanish_number(thousands))} mil"
    return head + (f" {spanish_number(rest)}" if rest else "")


def _apocope(words: str) -> str:
    """"veintiuno mil" is written "veintiún mil", "treinta y uno mil" → "treinta y un mil"."""
    if words.endswith("veintiuno"):
        return words[: -len("veintiuno")] + "veintiún"
    if words.endswith("uno"):
        return words[: -len("uno")] + "un"
    return words


def words_fit(n: int) -> bool:
    """Whether a count reads naturally in words before any noun (no "uno"/"un"/"una" ending)."""
    return 2 <= n <= 99 and n % 10 != 1


def decimal(value: float, decimals: int, comma: bool) -> str:
    """A decimal figure with a fixed number of decimals ("41,2", "45.83", "115,0")."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if comma else text


def thousands(n: int, sep: str) -> str:
    """An integer with a thousands separator: "3.450", "3 450"; ``sep=""`` gives "3450"."""
    digits = str(abs(int(n)))
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return ("-" if n < 0 else "") + sep.join(groups)


def join(items: list[str]) -> str:
    """"a", "a y b", "a, b y c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " y " + items[-1]


def capitalize(text: str) -> str:
    """The first letter upper-cased, the rest untouched ("número de…" → "Número de…")."""
    return text[:1].upper() + text[1:]
