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
# date prints it: "12 marca 2026"), with their tills' abbreviations; then
# Nordic (Norwegian, Danish, Swedish), Finnish (its partitive, as a date
# prints it: "5. maaliskuuta 2026"), Turkish, Czech (its genitive: "5.
# října 2026"), Romanian, Hungarian, Catalan, Indonesian and Malay,
# Tagalog, Swahili and Afrikaans. English prefixes are read apart
# (``_ENGLISH``): "Mart", "Maret", "Machi" are March by theirs.
_OTHERS: tuple[tuple[str, ...], ...] = (
    ("enero", "ene", "janeiro", "janvier", "janv", "januar", "janner", "gennaio", "gen",
     "januari", "styczen", "stycznia", "sty",
     "tammikuu", "tammikuuta", "tammi", "ocak", "leden", "ledna", "ianuarie", "ian",
     "januarie", "gener"),
    ("febrero", "fevereiro", "fev", "fevrier", "fevr", "februar", "febbraio", "februari",
     "luty", "lutego", "lut",
     "helmikuu", "helmikuuta", "helmi", "subat", "unor", "unora", "februarie",
     "febrer", "pebrero"),
    ("marzo", "marco", "mars", "marz", "mrz", "maart", "mrt", "marzec", "marca",
     "maaliskuu", "maaliskuuta", "maalis", "brezen", "brezna", "martie", "marcius", "marc",
     "marso"),
    ("abril", "abr", "avril", "avr", "aprile", "kwiecien", "kwietnia", "kwi",
     "huhtikuu", "huhtikuuta", "huhti", "nisan", "duben", "dubna", "aprilie", "aprilis",
     "aprili"),
    ("mayo", "maio", "mai", "maggio", "mag", "mei", "maj", "maja",
     "toukokuu", "toukokuuta", "touko", "mayis", "kveten", "kvetna", "majus", "maig"),
    ("junio", "junho", "juin", "juni", "giugno", "giu", "czerwiec", "czerwca", "cze",
     "kesakuu", "kesakuuta", "kesa", "haziran", "cerven", "cervna", "iunie", "junius",
     "juny", "hunyo", "junie"),
    ("julio", "julho", "juillet", "juil", "juli", "luglio", "lug", "lipiec", "lipca", "lip",
     "heinakuu", "heinakuuta", "heina", "temmuz", "cervenec", "cervence", "iulie", "julius",
     "juliol", "julai", "hulyo", "julie"),
    ("agosto", "ago", "aout", "augustus", "sierpien", "sierpnia", "sie",
     "elokuu", "elokuuta", "elo", "agustos", "srpen", "srpna", "augusti", "augusztus",
     "agost", "agustus", "ogos", "agosti"),
    ("septiembre", "setiembre", "setembro", "set", "septembre", "settembre", "wrzesien",
     "wrzesnia", "wrz",
     "syyskuu", "syyskuuta", "syys", "eylul", "zari", "septembrie", "szeptember", "setembre",
     "setyembre", "septemba"),
    ("octubre", "outubro", "out", "octobre", "oktober", "okt", "ottobre", "ott",
     "pazdziernik", "pazdziernika", "paz",
     "lokakuu", "lokakuuta", "loka", "ekim", "rijen", "rijna", "octombrie",
     "oktubre", "oktoba"),
    ("noviembre", "novembro", "novembre", "listopad", "listopada", "lis",
     "marraskuu", "marraskuuta", "marras", "kasim", "listopadu", "noiembrie", "nobyembre",
     "novemba"),
    ("diciembre", "dic", "dezembro", "dez", "decembre", "dezember", "dicembre", "grudzien",
     "grudnia", "gru",
     "joulukuu", "joulukuuta", "joulu", "aralik", "prosinec", "prosince", "decembrie",
     "desember", "desembre", "disember", "disyembre", "desemba"),
)


def _plain(word: str) -> str:
    """``word`` in lower case without its accents ("März" -> "marz")."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word.casefold())
                   if not unicodedata.combining(ch)).replace("ł", "l").replace("ı", "i")


_MONTH_OF: dict[str, int] = {w: k + 1 for k, words in enumerate(_OTHERS) for w in words}
# A plain letter and the accented letters tills print for it.
_ACCENTS = {"a": "[aäáàâãąă]", "e": "[eéèêëęě]", "i": "[iíìîı]", "o": "[oóòôõö]",
            "u": "[uüúùûů]", "c": "[cçćč]", "l": "[lł]", "n": "[nń]", "s": "[sśşšș]",
            "z": "[zźżž]", "g": "[gğ]", "r": "[rř]", "y": "[yý]", "t": "[tț]"}


def _accented(word: str) -> str:
    """A pattern for ``word`` printed with or without its accents."""
    return "".join(_ACCENTS.get(ch, ch) for ch in word)


def _any_accented(words: list[str]) -> str:
    """A pattern for any of ``words``, each with or without its accents, as
    a tree of shared beginnings ("januar", "januari", "janvier" share
    "jan"): the same words as their plain alternation, with half the
    letters' classes for the regex compiler to build (each an accent class
    under IGNORECASE, the costliest part of the agent's start)."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        alts = [_ACCENTS.get(ch, ch) + branch(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


# An English month's word: the month-first dates US-made tills print
# ("Oct/20/2026", "March 5th, 2026").
ENGLISH_MONTH = r"(?:" + "|".join(_ENGLISH) + r")[a-z]*"
# A month word: an English month's first three letters and any letters after
# them, or another language's word as printed (any case, with or without its
# accents: a till without the code page prints "Marz", "pazdziernika"). Never
# the start of a longer word: the lookahead makes the match the whole run of
# letters, whichever alternative reads it.
MONTH = r"(?:" + ENGLISH_MONTH + "|" + _any_accented(list(_MONTH_OF)) + r")(?![^\W\d_])"


def month_number(word: str) -> int | None:
    """The month (1-12) a month word names, or None ("Mrz" -> 3, "Sept" -> 9)."""
    plain = _plain(word.rstrip("."))
    if plain in _MONTH_OF:
        return _MONTH_OF[plain]
    if plain[:3] in _ENGLISH:
        return _ENGLISH.index(plain[:3]) + 1
    return None
