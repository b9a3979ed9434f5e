"""A row of column headings over an item table ("CODIGO DESCRIPCION VALOR
DESC.", "ΠΕΡΙΓΡΑΦΗ ΠΟΣ ΤΙΜΗ ΑΞΙΑ", "Artikl Kol Cijena Iznos", "QTY ITEM
AMT"): it names the table's columns, it is never an item's name nor part of
one, and what it names says how the rows under it read: an article's code
in the first column is not the name's, and a discount's column after the
value ("VALOR  DESC.": a discount on every row, "-$0" where none) is taken
off the row's value, never read as the row's amount (``ITEMS.md``)."""

from __future__ import annotations

import functools
import re

# Each column a till's table heads, and the words (whole, any case, a
# stop after an abbreviation) its heading is printed as across countries
# and tills (``ITEMS.md`` has the sources).
CODE, NAME, QTY, PRICE, VALUE, OFF, TAX = "code", "name", "qty", "price", "value", "off", "tax"
_WORDS: dict[str, str] = {
    CODE: r"code|c[óo]digo|c[óo]d|sku|plu|ean|art(?:\.?\s?nr|ikelnr)?|ref|κωδ(?:ικ[όο]ς)?|"
          r"[šs]ifra|cod|kod|k[óo]d",
    NAME: r"description|descripci[óo]n|descri[çc][ãa]o|designa[çc][ãa]o|d[ée]signation|"
          r"item|items|article|articolo|art[íi]culo|artikel|artikl|product|producto|produto|"
          r"produit|prodotto|bezeichnung|naziv|opis|popis|denumire|megnevez[ée]s|tuote|"
          r"varer?|vara|περιγραφ[ήη]|ε[ίι]δος|наименование|товар|name|details|particulars",
    QTY: r"qty|qte|qt[ée]|quantity|quantit[ée]|quantidade|quantit[àa]|cant|cantidad|menge|"
         r"anz|anzahl|kol|koli[čc]ina|ilo[śs][ćc]|mno[žz]stv[íi]|cantitate|db|kpl|antal|"
         r"aantal|πο[σς]|ποσ[όο]τητα|τεμ|кол|кол-во|количество|units?|pcs",
    PRICE: r"price|unit\s?price|u\.?\s?price|rate|each|precio|pre[çc]o|prix|p\.?\s?u(?:ni?t?)?|"
           r"prezzo|preis|e-preis|cijena|cena|pre[țţt]|[áa]r|hinta|pris|prijs|τιμ[ήη]|цена|unit",
    VALUE: r"amount|amt|total|value|valor|importe|import|montant|valeur|importo|betrag|"
           r"summe|iznos|vrijednost|warto[śs][ćc]|[čc]ástka|valoare|[öo]sszeg|summa|"
           r"belopp|bedrag|αξ[ίι]α|σ[ύυ]νολο|сумма|стоимость|sum",
    OFF: r"desc|dcto|dto|descuento|desconto|disc|discount|rabatt|rab|remise|sconto|popust|"
         r"korting|rabat|reducere|kedvezm[ée]ny|[έε]κπτ(?:ωση)?|скидка",
    TAX: r"vat|tax|iva|tva|mwst|ust|btw|pdv|dph|φπα|φ\.π\.α|ндс|gst",
}
_HEADING = re.compile(r"(?P<word>" + "|".join(f"(?P<{k}>{w})" for k, w in _WORDS.items())
                      + r")\.?$", re.I)


@functools.lru_cache(maxsize=512)  # a till prints the same heading on every receipt
def column_headings(line: str) -> tuple[str, ...] | None:
    """The columns ``line`` (normalised) heads, in print order, when it is a
    row of column headings: every word a column's heading, at least two
    columns, one of them an item's name, quantity or value (a line that
    only says "Code Ref" heads nothing). Else None. "DESC" heads the
    discount where another column is the name ("DESCRIPCION ... DESC."),
    else it is the description's short form ("DESC QTY AMT")."""
    words = line.replace("/", " ").split()
    if not 2 <= len(words) <= 8:
        return None
    kinds: list[str] = []
    for word in words:
        m = _HEADING.match(word)
        if m is None:
            return None
        kinds.append(next(k for k in _WORDS if m.group(k)))
    if OFF in kinds and NAME not in kinds:
        at = kinds.index(OFF)
        if re.match(r"(?i)desc\.?$", words[at]):
            kinds[at] = NAME  # "DESC  QTY  AMT": the description's short form
    if not {NAME, QTY, VALUE} & set(kinds) or len(set(kinds)) < 2:
        return None
    return tuple(kinds)


# An article's code first in a row whose table heads its first column a
# code: a token of four or more with a digit in it ("7363", "A-102", "0042"),
# the name after ("7UP 330ml" under an empty code cell keeps its name).
_CODE_FIRST = re.compile(r"^(?=\S*\d)\S{4,}\s+(?=\S)")


def code_off(name: str, columns: tuple[str, ...]) -> str:
    """An item's ``name`` without the article's code a code column printed
    before it ("7363 Empanada de pi" -> "Empanada de pi"), when the table's
    headings (``columns``) name a code first; else ``name`` as read."""
    if not columns or columns[0] != CODE:
        return name
    return _CODE_FIRST.sub("", name, count=1)


def discount_column(columns: tuple[str, ...]) -> bool:
    """Whether the table's last column is a discount, printed after the value."""
    return len(columns) >= 2 and columns[-1] == OFF and VALUE in columns[:-1]


def value_less_off(amounts: list[int]) -> int | None:
    """A row's value under a discount column: the value (the amount before
    the last) less the discount (the last, printed as an amount off: "-440",
    "-0"), when the two have that shape; else None (no discount column's row)."""
    if len(amounts) < 2 or amounts[-2] <= 0 or amounts[-1] > 0 or -amounts[-1] > amounts[-2]:
        return None
    return amounts[-2] + amounts[-1]
