"""Month words in the languages real tills print, and the month each names.

English months are read by their first three letters ("Sep", "Sept.",
"September", "SEPT"); other languages' by their whole words and the
abbreviations their tills print ("marzo", "März", "Mrz", "marca",
"janv.", "dez"). A word is a month only beside a day and a year
(``dates``): "Set" or "Out" alone is never a date."""

from __future__ import annotations

import unicodedata

_ENGLISH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Words (without accents, lower case) for each month, January first: Spanish,
# Portuguese, French, German, Italian, Dutch and Polish (its genitive, as a
# date prints it: "12 marca 2026"), with their tills' abbreviations. English
# prefixes are read apart (``_ENGLISH``).
_OTHERS: tuple[tuple[str, ...], ...] = (
    ("enero", "ene", "janeiro", "janvier", "janv", "januar", "janner", "gennaio", "gen",
     "januari", "styczen", "stycznia", "sty"),
    ("febrero", "fevereiro", "fev", "fevrier", "fevr", "februar", "febbraio", "februari",
     "luty", "lutego", "lut"),
    ("marzo", "marco", "mars", "marz", "mrz", "maart", "mrt", "marzec", "marca"),
    ("abril", "abr", "avril", "avr", "aprile", "kwiecien", "kwietnia", "kwi"),
    ("mayo", "maio", "mai", "maggio", "mag", "mei", "maj", "maja"),
    ("junio", "junho", "juin", "juni", "giugno", "giu", "czerwiec", "czerwca", "cze"),
    ("julio", "julho", "juillet", "juil", "juli", "luglio", "lug", "lipiec", "lipca", "lip"),
    ("agosto", "ago", "aout", "augustus", "sierpien", "sierpnia", "sie"),
    ("septiembre", "setiembre", "setembro", "set", "septembre", "settembre", "wrzesien",
     "wrzesnia", "wrz"),
    ("octubre", "outubro", "out", "octobre", "oktober", "okt", "ottobre", "ott",
     "pazdziernik", "pazdziernika", "paz"),
    ("noviembre", "novembro", "novembre", "listopad", "listopada", "lis"),
    ("diciembre", "dic", "dezembro", "dez", "decembre", "dezember", "dicembre", "grudzien",
     "grudnia", "gru"),
)


def _plain(word: str) -> str:
    """``word`` in lower case without its accents ("März" -> "marz")."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word.casefold())
                   if not unicodedata.combining(ch)).replace("ł", "l")


_MONTH_OF: dict[str, int] = {w: k + 1 for k, words in enumerate(_OTHERS) for w in words}
# A plain letter and the accented letters tills print for it.
_ACCENTS = {"a": "[aäáàâãą]", "e": "[eéèêëę]", "i": "[iíìî]", "o": "[oóòôõ]", "u": "[uüúùû]",
            "c": "[cçć]", "l": "[lł]", "n": "[nń]", "s": "[sś]", "z": "[zźż]"}


def _accented(word: str) -> str:
    """A pattern for ``word`` printed with or without its accents."""
    return "".join(_ACCENTS.get(ch, ch) for ch in word)


# An English month's word: the month-first dates US-made tills print
# ("Oct/20/2026", "March 5th, 2026").
ENGLISH_MONTH = r"(?:" + "|".join(_ENGLISH) + r")[a-z]*"
# A month word: an English month's first three letters and any letters after
# them, or another language's word as printed (any case, with or without its
# accents: a till without the code page prints "Marz", "pazdziernika"). Never
# the start of a longer word.
MONTH = (r"(?:" + ENGLISH_MONTH + "|"
         + "|".join(_accented(w) for w in sorted(_MONTH_OF, key=len, reverse=True))
         + r")(?![^\W\d_])")


def month_number(word: str) -> int | None:
    """The month (1-12) a month word names, or None ("Mrz" -> 3, "Sept" -> 9)."""
    plain = _plain(word.rstrip("."))
    if plain in _MONTH_OF:
        return _MONTH_OF[plain]
    if plain[:3] in _ENGLISH:
        return _ENGLISH.index(plain[:3]) + 1
    return None
