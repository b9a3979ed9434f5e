"""Item shapes around an item line: what the lines printed under an item's
name or its value say of it. An option or modifier printed under an item
("   └ Oat milk", "   + Extra shot", "    Extra cheese   $0.75") belongs to
the item above, never an item of its own; a name printed on one row with its
quantity, unit price and value on the next ("2x Bread" / "  @ 18.00 -> 36.00")
is one item when quantity x unit = value confirms it."""

from __future__ import annotations

import functools
import re

from drivers.receipt.amounts import _AMOUNT, _pence
from drivers.receipt.model import ReceiptLine
from drivers.receipt.vocabulary import Vocabulary

# A mark tills print before an item's option or modifier: a box-drawing
# corner or tee ("└ Oat milk", "├ Large"), a plus ("+ Extra shot"), a
# minus, an arrow or a bullet ("- No onions", "> Side salad", "• Decaf").
_OPTION_MARK = re.compile(r"^[\u2500-\u257f+\->*•·~]+\s*(?=[^\W\d_])")


def option_marked(text: str) -> bool:
    """Whether ``text`` starts with an option's mark ("+ Oat milk", "└ Extra shot")."""
    return _OPTION_MARK.match(text) is not None


# An item's name printed with its count ("2x Latte", "2 x Soup", "Soup x2"):
# an item's for sure, where a name alone may be a column's header ("Item").
_COUNTED = re.compile(r"^\d{1,3}\s?[xX×*]\s*(?=[^\W\d_])|\S\s[xX×]\s?\d{1,3}$")


# A count's unit, as tills print it between the count and the unit price
# when the item's name is on the row above ("4 ks. a 159.00", "2 chai x
# 41.000"): English "pcs", "pc", "ea", "units"; German "Stk", "St", "Stück";
# Dutch "stuks"; Nordic "st", "stk"; Finnish "kpl"; Czech and Slovak "ks";
# Croatian, Serbian, Bosnian "kom"; Slovene "kos"; Polish "szt"; Hungarian
# "db"; Romanian "buc"; Lithuanian "vnt"; Latvian "gab"; Estonian "tk";
# Turkish "adet"; Russian "шт"; Bulgarian "бр"; Italian "pz"; Spanish "ud",
# "uds", "und"; Portuguese "un", and Brazil's NFC-e "cx" (caixa, box) and
# "pct" (pacote, pack); Vietnamese "chai" (bottle), "lon" (can),
# "cái" (piece), "ly" (glass), "phần" (portion), "hộp" (box), "gói" (pack),
# "ổ" (loaf), "tô" and "bát" (bowl), "đĩa" (plate), "suất" (serving), "cốc"
# (cup), "con", "chiếc", "bó" (bunch), "túi" and "bịch" (bag), "thùng"
# (carton), "hũ" (jar), "bao" (sack), "quả" and "trái" (fruit), "miếng"
# (piece), accented or not (tills without the code page print "goi", "cai",
# "hop", "o", "tui").
COUNT_UNIT = (r"(?i:pcs?|pce|pz|stk|st|st[üu]ck|stuks|units?|ea|ks|kpl|kom|kos|szt|db|buc|"
              r"vnt|gab|tk|adet|шт|бр|uds?|und|un|cx|pct|chai|lon|c[áa]i|ly|ph[ầa]n|h[ộo]p|g[óo]i|"
              r"[ổo]|t[ôo]|b[áa]t|[đd][ĩi]a|su[ấa]t|c[ốo]c|con|chi[ếe]c|b[óo]|t[úu]i|b[ịi]ch|"
              r"th[ùu]ng|h[ũu]|bao|qu[ảa]|tr[áa]i|mi[ếe]ng)")
# A count with its unit or its "times" ending an item's words, its name
# before it or on the row above: the count, maybe its unit, and the "times"
# before the unit price: "x", "×", "*", "@", French "à", Danish and
# Icelandic "á", and after a unit Czech and Slovak "a" ("4 ks. a").
_COUNT_ALONE = re.compile(r"^(?P<qty>-?\d{1,3})\s*(?:" + COUNT_UNIT + r"\.?\s*(?:[xX×*@àáa])?"
                          r"|[xX×*@àá])$")
_COUNT_AFTER_NAME = re.compile(r"^(?P<desc>.*?[^\W\d_].*?)\s+(?P<qty>\d{1,3})\s*(?:"
                               + COUNT_UNIT + r"\.?\s*[xX×*@àáa]|[àá])$")


def count_alone(words: str) -> str | None:
    """An item line's words with a count printed with its unit or an "at"
    (French "à", Czech "a") as a count first ("Chleb 1 kom x" -> "1 x Chleb",
    "4 ks. a" -> "4 x": its name on the row above), the way the rules read
    counts; None when the words end in no such count."""
    if (m := _COUNT_ALONE.match(words)) is not None:
        return f"{m['qty']} x"
    if (m := _COUNT_AFTER_NAME.match(words)) is not None:
        return f"{m['qty']} x {m['desc']}"
    return None


# A count and its unit price in brackets, the item's name on the row above
# ("2140  Gai Yang" / "(4 x 85.10)   340.40", a Thai slip's): the count's, no name.
_COUNT_IN_BRACKETS = re.compile(r"^\(\s*(?P<qty>\d{1,3})\s*[xX×*@]\s*\)$")


def bracketed_count(words: str) -> str | None:
    """An item line's words that are a count in brackets alone ("(4 x )", its
    unit price taken out) as the rules read a count ("4 x"); else None."""
    m = _COUNT_IN_BRACKETS.match(words)
    return None if m is None else f"{m['qty']} x"


# An article's number (four digits or more, an EAN-13's thirteen) before a
# name alone over its count row ("2140  Gai Yang" / "(4 x 85.10)  340.40",
# "7891962036106 BISC RECHEADO"), or the row's number in the list ("1.
# Рентгенография зуба", a 54-ФЗ чек's positions): the till's, not the name's.
_SKU_FIRST = re.compile(r"^(?:\d{4,14}|\d{1,3}\.)\s+(?=[^\W\d_])")


def sku_off(name: str) -> str:
    """An item's name alone over its count row without the article's number
    or the row's number before it ("2140 Gai Yang" -> "Gai Yang", "1. Soup"
    -> "Soup")."""
    return _SKU_FIRST.sub("", name)


# A tax label in brackets ending an item's name: Serbia's fiscal receipts
# print every item's name with its tax rate's label ("Јогурт 1л (Е)", Latin
# "Jogurt 1l (E)"; the labels are the tax table's "Ознака" column: Ђ 20 %,
# Е 10 %, Г and А 0 %, Ж; the journal readers in ITEMS.md). One capital in
# brackets, Cyrillic or the labels' Latin letters; a size's "(L)" is no label.
_TAX_LABEL_END = re.compile(r"(?<=\S)\s+\((?:[ЂЕГАЖБ]|[ĐŽEGA])\)$")


def tax_label_off(name: str) -> str:
    """An item's name without the tax label in brackets that ends it
    ("Хлеб бели 500г (Е)" -> "Хлеб бели 500г")."""
    return _TAX_LABEL_END.sub("", name)


# An item's name in its cell, and the gap to the next column ("Dates Medjool
# Premium     1      AED 89.00").
# (a name: it starts with a letter, perhaps after its count and "x" in the
# same cell, "3 x Harina de  $7.800,00" on an Argentine factura; "1 pcs @
# 0.50" under its name is a count row)
# (or its rest in brackets, "(balance)  1  18.00" under its name's first row)
_NAME_CELL = re.compile(r"^\s*(?P<count>\d{1,3}\s?[xX×]\s)?\(?[^\W\d_](?:\S|\s(?=\S))*"
                        r"(?P<gap>\s{2,})\S")


def wrapped_in_cell(item_raw: str, words: str, indent: int = 0) -> bool:
    """Whether ``words``, printed alone under an item's line (``item_raw``, as
    printed), may be the rest of its name wrapped in a table's cell: their
    first word would not have fitted after the name, keeping a margin of
    two spaces before the next column ("Dates Medjool Premium     1" / "Box
    1kg"); a name far short of its column's edge ("Hot chocolate" ... / "With
    a 10% discount") did not wrap. ``indent``: where ``words`` begin."""
    m = _NAME_CELL.match(item_raw)
    first = words.split()[0] if words.split() else ""
    # (and they fit in the cell: a rule of "XXXX..." across the paper is none;
    # under a count in the cell they go on from the cell's edge, "3 x Harina de"
    # / "almendras 500g", or as a name's rest does: " 1 x Chicken wrap" /
    # "   Portion", indented under it, is the unit's name, NexoPOS's)
    return m is not None and bool(first) and len(m["gap"]) <= len(first) + 3 \
        and len(words) < m.end("gap") and (
            m["count"] is None or _goes_on(words)
            or indent == len(item_raw) - len(item_raw.lstrip()))


def wrapped_above_in_cell(name: str, item_raw: str, indent: int) -> bool:
    """Whether ``name``, words alone printed at ``indent`` right above an
    item's row (``item_raw``, as printed, its name in a cell of its own), is
    that name's first row wrapped in its cell: printed from the same column,
    and the row's first word would not have fitted after it, keeping two
    spaces before the next column ("Year 7 Chester Zoo trip -" / "deposit
    1  10.00", "Revision guide - GCSE English" / "Literature  1  6.00": a
    school office's slip, names wrapped by words at 30 columns; ITEMS.md),
    and the row begins as no name begins (a small letter, a bracket) or the
    words above end as no name ends (a dash, "and", "of"): a title or a note
    that reaches as far ("PARAGON FISKALNY" / "Doce de brigadeiro", "With a
    10% discount" / "Arabic Coffee 250g") is no part of the name. A heading
    far short of the cell's edge ("Uniform" / "PE polo shirt") did not wrap."""
    if not overflows_cell(name, item_raw, indent):
        return False
    first = item_raw.split()[0]
    # (a small letter of a script with capitals: Arabic's letters are none, and
    # a table's headings over its first row say nothing so, holdout24 egypt-pos)
    return first[:1].islower() or first.startswith("(") or _JOINER_END.search(name) is not None


def overflows_cell(name: str, item_raw: str, indent: int) -> bool:
    """Whether the row's first word would not have fitted after ``name``
    (printed at ``indent`` right above the item's row ``item_raw``) in the
    name's cell: the shape of a name wrapped above its row, whatever its
    words (``wrapped_above_in_cell``)."""
    m = _NAME_CELL.match(item_raw)
    if m is None or m["count"] is not None or indent != len(item_raw) - len(item_raw.lstrip()):
        return False
    first = item_raw.split()[0]
    return indent + len(name) + 1 + len(first) > m.end("gap") - 2 and len(name) < m.end("gap")


# A name's first row that ends as no name ends: a dash, a joining word.
_JOINER_END = re.compile(r"(?:\s[-\u2013&/+]|\b(?:and|of|for|to|with|the|a|in|on))$", re.I)


# A labelled code under an item ("SKU: PM-V", "Ref: 12", Russian "Код
# услуги: A06.07.003", German "Art.-Nr.: 40123", Portuguese "Cód.: 789"), or
# a product's attribute with its figure (WooCommerce's variation "Size: Age
# 11-12", "Size: 34\"", "Pack: 2 x 500ml"): the item's note, not its name (a
# label of one to three words, one value, or up to three words holding a
# figure; "Student: Kai Robinson" is a person's, no note).
_LABELLED_CODE = re.compile(r"^[^\W\d_][\w.\-]*(?:\s[^\W\d_][\w.\-]*){0,2}\s*:\s*"
                            r"(?:\S+|(?=[^\d]*\d)\S+(?:\s\S+){1,2})$")


def labelled_code(words: str) -> bool:
    """Whether ``words`` are a labelled code ("SKU: PM-V"): an item's note."""
    return _LABELLED_CODE.match(words) is not None


# The word for an item's value, printed as a label on a row of its own under
# the item's count row ("  1. Чай" / "   2 шт x 980,00" / "   Стоимость
# 1 960,00"): Russian fiscal receipts' requisite "стоимость предмета расчета"
# (54-ФЗ, ФФД tag 1043), printed so by Kazakhstan's WEBKASSA (its OPOS
# driver's receipt template). The label is no name; the name is above
# (ITEMS.md, "An item's value under a label of its own").
# So is a price under its own label ("Tea" / "Price: 1.20", an Arduino
# till's receipt; "Meal: Dinner" / "Date: ..." / "Price: £5.40", a meal
# token's fields; a lottery ticket's "Digits:" / "Price:"): the label is no
# item's name in any language (ITEMS.md, "A price under a label of its own").
_VALUE_LABEL = re.compile(r"^(?i:стоимость|price|preis|precio|prix|prezzo|prijs|pre[çc]o|cena|"
                          r"цена)\s*:?$")


def value_label(words: str) -> bool:
    """Whether ``words`` (an item row's words, amounts taken out) are only
    the label of the item's value ("Стоимость", "Price"): its name is above."""
    return _VALUE_LABEL.match(words) is not None


# The item a slip prints as a field of its own ("Meal: Breakfast", "Item:
# Soup", "Product: Day ticket"), its price on a later row under its own
# label: one item sold, printed as a form (ITEMS.md).
_ITEM_FIELD = re.compile(r"^(?i:item|product|meal|dish|article|artikel|produkt|producto|"
                         r"produit|articolo|prodotto|artigo)\s*:\s*(?P<name>[^\W\d_][^:]*)$")
_LABELLED_PRICE = re.compile(r"^\s*(?P<label>[^\W\d_]+)\s*:")


_ITEM_FIELD_WORDS = Vocabulary("item field", (_ITEM_FIELD,))


def item_field(text: str) -> str | None:
    """The item's name when ``text`` is a slip's item field ("Meal:
    Breakfast": "Breakfast"), else None."""
    m = _ITEM_FIELD.match(text) if _ITEM_FIELD_WORDS.may_answer(text) else None
    return " ".join(m["name"].split()) if m else None


def labelled_price(text: str) -> bool:
    """Whether ``text`` is a price under its own label ("Price:  £3.85")."""
    return (m := _LABELLED_PRICE.match(text)) is not None and value_label(m["label"])


# A count's unit and its "times" left alone once the count's column is read
# ("1  UN  x  3,99   3,99", a Brazilian NFC-e's count row): no name's words.
_UNIT_TIMES = re.compile(r"^" + COUNT_UNIT + r"\.?\s*[xX×*@]$")


def unit_times(words: str) -> bool:
    """Whether ``words`` are a count's unit with its "times" alone ("UN x")."""
    return _UNIT_TIMES.match(words) is not None


# How the rest of an item's name wrapped onto a row of its own begins: a
# small letter ("Banh bao nhan thit" / "trung cut"), or a measure with its
# unit ("Nuoc suoi Aquafina" / "500ml"); a new item's name begins with a
# capital in any cased script (Latin, Greek "Ημερομηνία", Cyrillic "Итого"),
# or with its count ("2x Latte").
_MEASURE_FIRST = re.compile(r"^\d{1,4}(?:[.,]\d{1,3})?\s?(?i:ml|cl|dl|l|ltr|kg|g|oz|lbs?)\b")


def _goes_on(text: str) -> bool:
    """Whether ``text`` begins as no new name begins: a small letter or a measure."""
    first = text[:1]
    return (first.isalpha() and not first.isupper()) or _MEASURE_FIRST.match(text) is not None


# A count in a column of its own before a name alone ("2   Heißer Apfelsaft",
# "-2  Verlängerter": QRK's "Anz" column, a count two spaces or more before
# the name), not a count glued to its name ("2 Latte", "2x Latte").
_COUNT_COLUMN = re.compile(r"^\s*-?\d{1,3}\s{2,}(?=[^\W\d_])")


def count_column(raw: str) -> int | None:
    """Where a name's words begin when ``raw`` (as printed) prints its count
    in a column of its own before them ("2   Heißer Apfelsaft": 4); else None.
    A row under it printed from that column with no count of its own is the
    name's rest or its count row (ITEMS.md, "A count column")."""
    m = _COUNT_COLUMN.match(raw)
    return None if m is None else m.end()


_LEADING_COUNT = re.compile(r"^(?P<count>-?\d{1,3})\s+(?=[^\W\d_])")


def count_before_name_off(name: str, quantity: int) -> str:
    """``name`` (a name alone over its count row) without the count printed
    before it when that count is the quantity the row under it reads ("2
    Heißer Apfelsaft" over "2 x 3,60  7,20": "Heißer Apfelsaft"; a storno's
    "-2 Verlängerter"); a number that is not the quantity stays ("7 Up")."""
    m = _LEADING_COUNT.match(name)
    if m is None or abs(int(m["count"])) != quantity:
        return name
    return name[m.end():]


def name_goes_on(above: str, text: str) -> bool:
    """Whether ``text``, a line of words alone under an item's name alone
    (``above``), is the rest of that name wrapped onto its own row: it
    begins as no new name begins, under a name that begins with a capital
    (a till printing names in small letters says nothing by it)."""
    # (an article's code before the name, "7898080640611 CAFE PILAO", is no part of it)
    return sku_off(above)[:1].isupper() and _goes_on(text) and not counted(text)


def wrapped_at_edge(above_raw: str, text: str, width: int, edge_shown: bool = False) -> bool:
    """Whether ``text``, a line of words alone under a name alone (printed
    as ``above_raw``), is the rest of that name wrapped at the paper's edge
    (``width``: the receipt's widest line, narrower than it): its first word
    would not have fitted after the name ("Mafuta ya Kupikia Korie Sunflower
    Oil 3" / "Litres" at 42 columns, a Tanzanian EFD receipt's; "... Herbal
    Toothpaste 140g" / "Family Pack" at 48). A name short of the edge did
    not wrap; a name as wide as the widest line says nothing of the edge,
    unless other lines show the edge there too (``edge_shown``: a rule, a
    link wrapped at it; WEBKASSA's "  1. ШОКОЛАДНАЯ ПЛИТКА MILKA BUBBLES" /
    "МОЛОЧНЫЙ" at 36, its rules 36 wide);
    words in columns are a table's header, and a colon a label's or a
    time's, not a name."""
    words = text.split()
    above = above_raw.rstrip()
    # (a row in columns, "Artikel   Menge  Preis  Total", is a table's header; a
    # colon says a label or a time, "10:42 AM" / "Student: Kai": no name's)
    return bool(words) and (len(above) < width or (edge_shown and len(above) == width)) \
        and len(above) + 1 + len(words[0]) > width \
        and "  " not in above.strip() and ":" not in above and ":" not in text \
        and not counted(text) and _OPTION_MARK.match(text) is None


def option_under(text: str, indent: int, above: int, item_for_sure: bool) -> bool:
    """Whether a line of words alone (``text``, printed at ``indent``)
    under an item (its line printed at ``above``) is an option of that
    item, not an item's name: it starts with an option's mark, or it is
    indented further than an item's line for sure (``item_for_sure``: a
    line with its value, or a name printed with its count; under a name
    alone, perhaps a column's header ("Item"), an indented line is a name)."""
    return _OPTION_MARK.match(text) is not None or (item_for_sure and indent >= above + 2)


# ``counted`` and ``included`` are asked of each item's name and line on
# every receipt (after the line's facts are remembered): remembered too.
@functools.lru_cache(maxsize=2048)
def counted(name: str) -> bool:
    """Whether an item's name is printed with its count ("2x Latte")."""
    return _COUNTED.search(name) is not None


def name_counts(name: str, joined: ReceiptLine, numbers: ReceiptLine) -> bool:
    """Whether an item's name printed with its quantity ("2x Bread") over a
    line of numbers alone ("@ 18.00 -> 36.00") reads as one item the way
    ``joined`` (the two read as one line) reads it: the name's quantity is
    the one the numbers' own arithmetic makes (``numbers``: 2, from 2 x
    18.00 = 36.00), and the name read is the printed one without it."""
    return bool(joined.description) and joined.quantity == numbers.quantity \
        and joined.amount_pence == numbers.amount_pence \
        and joined.description in name and len(joined.description) < len(name)


def unit_price(line: str) -> int | None:
    """The unit price an item line printed (the amount before its value:
    "Milkshake  1  $5.50  $6.25" -> 550); None when it printed one amount."""
    amounts = list(_AMOUNT.finditer(line))
    return _pence(amounts[-2]) if len(amounts) > 1 else None


def modifiers_make(item: ReceiptLine, unit: int | None, added: int) -> bool:
    """Whether the priced modifiers printed under an item (``added``: their
    amounts' sum) make up what its value holds beyond quantity x unit price
    ("Milkshake  1  $5.50  $6.25" / "  Extra cheese  $0.75": 6.25 = 5.50 +
    0.75), each once or once per item: then they are in its value, not
    lines of their own."""
    if unit is None or added <= 0 or item.amount_pence <= 0:
        return False
    beyond = item.amount_pence - item.quantity * unit
    return beyond > 0 and beyond in (added, item.quantity * added)


def modifier_room(item: ReceiptLine, unit: int | None, added: int) -> bool:
    """Whether an item's value holds more than quantity x unit price and
    the modifiers read under it so far (``added``): room for another one."""
    return unit is not None and item.amount_pence > item.quantity * unit + added > 0


# Discounts summed: the receipt's total of the amounts off printed above
# ("Total Discount:", "Discount total", Catalan "Descompte Acumulat",
# Spanish "Descuento acumulado", French "Remises cumulées", German
# "Gesamtrabatt").
_SUMMED = re.compile(r"\b(?:total|totale|acumulat|acumulad[oa]s?|cumul[ée]e?s?|gesamt\w*)\b|"
                     r"^gesamt", re.I)


def discounts_summed(label: str) -> bool:
    """Whether a discount's ``label`` says it sums the amounts off."""
    return _SUMMED.search(label) is not None


# An amount said to be included in the prices ("IGI inclòs: 0,54 EUR",
# "IVA incluido", "TVA incluse", "inkl. MwSt.", "GST included"): already
# in the items' values, so never an item, and nothing added to the total.
_INCLUDED = re.compile(r"\b(?:incl(?:uded|uding|\.)?|incl[oò]s[oa]?|inclu[ií]d[oa]s?|"
                       r"inclus[ea]?s?|incluso|inkl(?:usive|\.)?|inbegriffen|enthalten[er]?|"
                       r"inclusief|inclusa)(?!\w)", re.I)


_INCLUDED_WORDS = Vocabulary("included", (_INCLUDED,))


@functools.lru_cache(maxsize=2048)
def included(label: str) -> bool:
    """Whether ``label`` says its amount is included in the prices."""
    return _INCLUDED_WORDS.may_answer(label) and _INCLUDED.search(label) is not None


# A table's headings row, its cells set apart by two spaces or more ("Item
# Name        Qty     Price"): where each cell begins.
_HEADING_CELL = re.compile(r"\S+(?:\s\S+)*")
# What continues a name and begins no word nor note of its own: "& rice",
# "(regular)", ", beans & cheese".
_JOINS_ON = re.compile(r"^[&(,]")


def name_cut_rest(headings_raw: str, item_raw: str, words: str, indent: int
                  ) -> tuple[str, bool] | None:
    """Whether ``words``, alone on the row under an item's row (``item_raw``)
    in a table under its headings (``headings_raw``), indented one to three
    spaces deeper than the name, are the rest of a name cut at its cell's
    width: the name and they, a space between, would run past the margin
    before the next heading ("Full English breakfas     2" / "  t" under
    "Item Name                Qty"), and they do not print the whole name
    again (``apply_items``: the full name beneath the cut one). Then what joins them to the name (""
    or " ") and whether the paper says so: a rest that begins as a name
    goes on ("& rice", "(regular)") is joined by a space, sure; one that
    begins with a letter may have been cut inside a word ("breakfas" /
    "t") or between two, or be a note: joined, and not sure (ITEMS.md, "A
    name cut at its column's width"). None when they are no such rest."""
    cells = [m.start() for m in _HEADING_CELL.finditer(headings_raw)]
    m = _NAME_CELL.match(item_raw)
    if len(cells) < 2 or m is None or m["count"] is not None or not words \
            or ":" in words or option_marked(words) or counted(words):
        return None
    item_indent = len(item_raw) - len(item_raw.lstrip())
    if not 1 <= indent - item_indent <= 3 or item_indent >= cells[1]:
        return None
    if m.start("gap") + 1 + len(words) < cells[1] - 2:
        return None  # a short name with room for them: a note, never a cut
    if words.casefold().startswith(item_raw[item_indent:m.start("gap")].casefold()):
        return None  # the whole name beneath the cut one ("Cheese toast" / "Cheese toastie")
    if _JOINS_ON.match(words):
        return " ", True
    mid_word = item_raw[m.start("gap") - 1].isalpha() and words[0].isalpha() \
        and words[0].islower()
    return ("" if mid_word else " "), False
