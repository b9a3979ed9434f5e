"""Item lines read as the fixed-width columns tills print: quantities
(before, after, in brackets, in a column of their own), unit prices and
values, cells side by side, cells wrapped onto the next line."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from drivers.receipt.amounts import _AMOUNT, _DECIMALS, _DIGIT, _pence, mark_after
from drivers.receipt.cells import _labelled_cells as _labelled_cells  # facts reads them here
from drivers.receipt.cells import _last_cell as _last_cell
from drivers.receipt.cells import (
    at_rate_off,
    count_row_off_rate,
    glued_serial_cut,
    marked_count,
    rate_cell,
    serial_cut,
    tax_row,
    weight_times,
)
from drivers.receipt.item_shapes import (
    COUNT_UNIT,
    bracketed_count,
    count_alone,
    unit_times,
    value_label,
)
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine

# Quantities, in the text of an item line with its amounts taken out.
# A count's unit after its number ("2 pcs", "2 Stk", "2 pz", "2 units").
_UNIT = r"(?i:pcs?|pce|pz|stk|st[üu]ck|units?|ks|kpl)"  # Czech and Slovak "ks", Finnish "kpl"
# A quantity's label, in the languages real tills print ("Qty", "Qté",
# "Qtd", "QTA", "Cant.", "Menge", "Anz.").
_QTY_LABEL = r"(?i:qty|quantity|q\.?t[éeàa]|qtde?|qta|cant(?:idad)?|menge|anz(?:ahl)?)"
_QTY_FIRST = re.compile(r"^(?P<qty>-?\d{1,3})\s*(?:[xX×*@]\s*|\s+[xX]\s+)(?P<desc>\S.*)$")
# "2 x", "1ks x", "3 pcs @" (the name is above); a weight alone ("0.586kg x"): one item
_QTY_ALONE = re.compile(r"^(?:(?P<qty>-?\d{1,3})\s*(?:" + _UNIT + r"\.?\s*)?|"
                        r"\d{1,3}[.,]\d{1,3}\s?(?i:kg|g|lbs?|oz)\s*)[xX×*@]$")
_QTY_BULLET = re.compile(r"^[-*•]\s+(?P<qty>\d{1,3})\s+(?P<desc>\S.*)$")  # "- 2 Cookie"
_QTY_LAST = re.compile(r"^(?P<desc>.*?\S)\s+(?:[xX×*]\s*(?P<qty>-?\d{1,3})|(?P<qty2>-?\d{1,3})\s*"
                       r"[xX×])$")
# "Salad box  x2" (a column), "Latte (x2)"
_QTY_MID = re.compile(r"(?<!\S)(?:[xX×]\s?(?P<qty>-?\d{1,3})|\(\s?[xX×]\s?(?P<qty2>\d{1,3})\s?\))"
                      r"(?!\S)")
# "Meal deal main (2 x £2.35)": the quantity and the unit price in brackets
# after the name (the amount taken out of the words leaves "(2 x )").
_QTY_BRACKET = re.compile(r"^(?P<desc>.*?\S)\s*\(\s*(?P<qty>-?\d{1,3})\s*[xX×@*]\s*\)$")
# "Water 500ml (3 @ 60p)": the quantity and a unit price in pence in brackets
_QTY_PENCE = re.compile(r"^(?P<desc>.*?\S)\s*\(\s*(?P<qty>\d{1,3})\s*[xX×@*]\s*"
                        r"(?P<pence>\d{1,2})p\s*\)$")
# "Cookie 2 @", "Cookie 2x @", "Cookie 2 ea" (the unit price follows)
_QTY_AT = re.compile(r"^(?P<desc>.*?\S)\s+(?P<qty>\d{1,3})\s*(?:[xX×]\s*)?(?:@|ea\.?|each)$",
                     re.I)
# "2 Cookie", "1 Pc Veggie curry" (a unit of measure after the quantity): if it adds up
_QTY_LEADING = re.compile(r"^(?P<qty>\d{1,3})\s+(?:(?P<uom>" + _UNIT + r"|(?i:ea))\.?\s+)?"
                          r"(?P<desc>[^\d\s%].*)$")
# "1 2 course meal  2.60", "2 3 bean salad  4.20": the count, then a name that
# begins with a figure and a word (a till's quantity column first, ITEMS.md)
_QTY_BEFORE_FIGURE = re.compile(r"^(?P<qty>[1-9]\d?)\s(?P<desc>[1-9]\d?\s[^\W\d_]{2}.*)$")
# "TUNA MAYO 3  2.45  7.35": a bare number ending the name, when it times the
# unit price is the value
# unit price and the value ("@ 18.00 -> 36.00": an arrow between them says "makes")
_NO_WORDS = frozenset(("=", "each", "ea", "ea.", "per", "->", "=>", "\u2192"))
# A quantity labelled as one: "qty 2", "Qty: 2", "(Qty 4)", "Cant. 2", "2pcs",
# "1 pc", "2 Stk x" (the unit price follows).
_QTY_MARKED = re.compile(r"(?<!\S)(?:(?P<open>\(\s?)?" + _QTY_LABEL + r"\.?\s*:?\s*(?P<qty>\d{1,3})"
                         r"(?(open)\s?\))|(?P<qty2>\d{1,3})\s?" + _UNIT + r"\.?(?:\s?[xX×@*])?)"
                         r"(?!\S)")
# A whole quantity printed with three decimals before its "x" or unit
# ("2.000 x 1.80", "3,000 Units"): a weighing till's format, and a fiscal
# printer's with any count's unit before the "x" ("2.000 BUC x 5.50",
# "1.000 kom x 2,10", "3.000 бр x 1.20": ``item_shapes.COUNT_UNIT``, ITEMS.md).
_DECIMAL_QTY = re.compile(r"(?<![\d.,])(?P<qty>\d{1,3})[.,]000"
                          r"(?:\s*" + COUNT_UNIT + r"\.?(?=\s*[xX×*@])|"
                          r"(?=\s*(?:[xX×*@]|" + _UNIT + r")))")
# A weighed item's weight and the per-weight price's unit, its amounts taken
# out ("Bananas 0.450kg @ £1.20/kg" -> "Bananas 0.450kg @ /kg"): not the name.
_WEIGHT = re.compile(r"(?<!\S)\d{1,3}[.,]\d{1,3}\s?(?i:kg|g|lbs?|oz)\b"
                     r"(?:\s*[xX×@*]?\s*/\s?(?i:kg|g|lbs?|oz)\b)?")
# A whole quantity printed as a float prints it, one decimal zero ("3.0"),
# standing alone: a count, not an amount (amounts have two decimals).
_FLOAT_QTY = re.compile(r"(?<![\d.,])(?P<qty>\d{1,3})[.,]0(?![\d.,%])")
# Dots leading to the amount ("Cookie ........ 1.00"): two, or four or more;
# three ending the name are an ellipsis, where the till cut a long name
# ("Tagliatelle al ra...", "Vino rosso della ..."): the name as printed.
_DOT_LEADER = re.compile(r"\s*(?<!\.)(?:\.{2}|\.{4,})$")
# ... and glued to the amount, no space between ("Bagel.....1.20", "2 x
# Fruit juice........1.80", "Amount spent.....£4.00"): the dots fill the
# column up to it, never the name's (a cut name's ellipsis ends a cell of
# its own, ITEMS.md "Dot leaders").
_GLUED_LEADER = re.compile(r"(?<=[^\s.])\.{2,}(?=[-£$€]?\d)")


def leaders_spaced(text: list[str]) -> list[str]:
    """``text`` with every run of dots glued to the amount it leads to
    printed as the column's fill, spaces ("Bagel.....1.20": "Bagel
    1.20"); the same list where no line has one."""
    if not any(".." in t for t in text):
        return text
    return [_GLUED_LEADER.sub(lambda m: " " * len(m.group()), t) if ".." in t else t
            for t in text]
# "At" a unit price as a word of its own ending the name, before the unit
# price: French "à", Danish and Icelandic "á" (as "@" elsewhere).
_AT_WORD_END = re.compile(r"\s+[àá]$")
# A tax class ending an item's name, a capital and a digit ("FLAPJACK T1").
_TAX_CODE_END = re.compile(r"(?<=\S)\s+[A-Z]\d$")
# A tax class in a column of its own between the name and the amounts
# ("Flapjack      A     4     £3.20"): one capital, maybe a digit.
_TAX_CODE_CELL = re.compile(r"(?<=\S)\s{2,}(?P<code>[A-Z]\d?)(?=\s{2,}\S)")
# A whole number after the unit price, ending the line: the value in pounds
# ("2 Pc  Pasta pot   1.70      3"), certain when it stands in a column of its own.
_WHOLE_POUNDS_END = re.compile(r"(?<=\S)\s+(?P<n>\d{1,4})$")
_WHOLE_POUNDS_COLUMN = re.compile(r"\d[.,]\d\d\s{2,}\d{1,4}\s*$")
_QTY_TRAILING = re.compile(r"^(?P<desc>.*[^\W\d_].*?)\s+(?P<qty>\d{1,3})$")
# A bare quantity in a column of its own, in the printed line: 2+ spaces (or
# the line's edge) on both sides, no "x" or "@" ("Pasta pot   2   £3.50").
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_LINE_NO = re.compile(r"^\d{1,3}\.\s+(?=[^\W\d_])")  # "1. ", "12. " before a name
_RATE = re.compile(r"^\d{1,2}(?:[.,]\d{1,2})?\s?%$")  # a tax rate: "8.5%", "20 %"
# A unit price printed as a number before the name ("24.9 Rhum", "12 Vanille")
_PRICE_FIRST = re.compile(r"^(?P<n>\d{1,5}(?:[.,]\d{1,2})?)\s+(?P<desc>[^\W\d_].*)$")
_COLUMN_GAP = re.compile(r"\s{2,}")
# An item's description that is only an article number (a PLU): its name is
# printed alone on the next line (SAP Customer Checkout).
_ARTICLE_NO = re.compile(r"^\d{4,14}$")
# A bare quantity in a column of its own, maybe in brackets ("Soup  (2)  3.60",
# "Soup  [2]  3.60") or with a decimal zero, as a float prints it ("R$7,99  3.0  R$23,97").
_QTY_COLUMN = re.compile(r"(?:^\s*|(?<=\s\s))(?P<cell>(?P<qty>-?\d{1,3})(?:[.,]0)?|"
                         r"\((?P<qty2>\d{1,3})\)|"
                         r"\[(?P<qty3>\d{1,3})\])(?=\s\s|\s*$|"
                         # one space before the line's one amount: "Water   1 0.60"
                         r"\s[£€$]?\d{1,7}[.,]\d\d\s*$)")


def _unwrapped(text: list[str], says_itself: Callable[[str], bool] = lambda t: False
               ) -> list[str]:
    """The printed lines with a cell wrapped at a bracket put back together:
    a line that leaves a bracket open, and the next line closes it
    ("Orange juice 250ml (2 x" / "£0.90)   £1.80"), are one line; a closing
    line with no figure in it ("REFUND)") is a line of its own, and so is a
    line that ``says_itself`` (a refund or reprint banner: "REFUND(" is a
    banner whatever the next line holds)."""
    if not any("(" in t for t in text):
        return text
    out: list[str] = []
    for t in text:
        prev = out[-1] if out else ""
        if prev.count("(") > prev.count(")") and ")" in t \
                and "(" not in t[:t.index(")")] and _DIGIT.search(t) and not says_itself(prev):
            out[-1] = prev.rstrip() + " " + t.lstrip()
        else:
            out.append(t)
    return out


def _qty_column(raw: str) -> tuple[str, str] | None:
    """``(quantity, line without it)`` when the printed line holds one bare
    integer in a column of its own before an amount ("Pasta pot   2   £3.50",
    "Banana  £0.20   -4  -£0.80"): then it is the quantity, not part of the
    description. Two such columns (which one is it?) or none: None; but
    a line's serial number in the first column and a quantity the unit
    price and the value confirm ("12  Paneer Tikka   4   280.00   1120.00")
    are the line's number and its quantity: the number is dropped; so too a
    number glued to the name, filling its column ("1003Chicken 65   2 ...")."""
    if not raw or "  " not in raw:
        return None
    found = list(_QTY_COLUMN.finditer(raw))
    if len(found) == 2 and (serial := serial_cut(raw, found[0], found[1])) is not None:
        raw, found = serial, list(_QTY_COLUMN.finditer(serial))
    if len(found) != 1:
        return None
    if (serial := glued_serial_cut(raw, found[0])) is not None:  # "1003Chicken 65   2 ..."
        raw, found = serial, list(_QTY_COLUMN.finditer(serial))
    m = found[0]
    if not _DECIMALS.search(raw, m.end()):
        return None  # after the line's value: a code (a tax rate, a department), not a quantity
    # The columns stay apart (two spaces): a symbol ending the name ("Soup +")
    # is not read as the next amount's currency mark.
    cells = _COLUMN_GAP.split((raw[:m.start("cell")] + "  " + raw[m.end("cell"):]).strip())
    return m["qty"] or m["qty2"] or m["qty3"], "  ".join(" ".join(c.split()) for c in cells if c)


def quantity_first(line: str, amounts: list[re.Match[str]]) -> str | None:
    """A line that starts with a whole quantity printed with two decimals,
    then the name, the unit price and the value ("2.00 KINDER DELI  10.00
    20.00"), when quantity x unit = value confirms it: the line with its
    quantity as a count ("2 x KINDER DELI 10.00 20.00"). Else None."""
    if len(amounts) != 3 or amounts[0].start() != 0 or amounts[0]["pence"] != "00" \
            or amounts[0]["cur"] or amounts[0]["sign"]:
        return None
    words = line[amounts[0].end():amounts[1].start()]
    qty, unit, value = (_pence(a) for a in amounts)
    if not _WORD.search(words) or not 0 < qty <= 99_900 or qty // 100 * unit != value:
        return None
    return f"{qty // 100} x {line[amounts[0].end():].strip()}"


_WORD = re.compile(r"[^\W\d_]{2}")
# Between a row's first two figures only a "times" ("700.00x 1.00", "2.00 x 1.50"),
# and after its value at most a tax code glued or spaced ("2400.00B", "1000.00A-EX")
_TIMES_ONLY = re.compile(r"^\s*[xX×*]\s*$")
_CODE_AFTER = re.compile(r"^\s*(?:[A-Z](?:-EX)?)?\s*$")


def count_in_money(line: str, amounts: list[re.Match[str]]) -> str | None:
    """A row of figures alone, "price x count value", both figures around
    the "x" printed with money's two decimals ("1200.00x 2.00 2400.00B", a
    Rwandan EBM receipt's row under its item's name; "2.00 x 1.50  3.00"):
    the row with its count as a count ("2 x 1200.00  2400.00"), when count
    x price = value confirms it. A count is whole: the whole figure of the
    two; both whole, the one after the "x" (ITEMS.md, "A count printed as
    money"). Else None."""
    if len(amounts) != 3 or line[:amounts[0].start()].strip() \
            or not _TIMES_ONLY.match(line[amounts[0].end():amounts[1].start()]) \
            or not _CODE_AFTER.match(line[amounts[2].end():]) \
            or amounts[1]["cur"] or amounts[0]["cur"]:
        return None
    first, second, value = (_pence(a) for a in amounts)
    for count, price in ((second, amounts[0]), (first, amounts[1])):
        if count > 0 and count % 100 == 0 and count <= 99_900 \
                and count // 100 * abs(_pence(price)) == abs(value):
            # (the tax code after the value is the tax's, never the name's)
            return f"{count // 100} x {price.group().strip()}  {amounts[2].group().strip()}"
    return None


def _pack_size(m: re.Match[str], raw: str, unit: int | None) -> bool:
    """Whether a count with its unit ("10 PZ", "6pcs") is the pack's size in
    the item's name ("CUBREBOCAS 10 PZ   35.00": masks in tens): printed
    one space after the name, not in a column of its own, and no unit price
    to make it a quantity."""
    if m["qty2"] is None or unit is not None or not raw:
        return False
    return re.search(r"\S\s" + re.escape(m.group(0).strip()) + r"(?!\S)", raw) is not None


def _the_qty(m: re.Match[str]) -> str:
    """What a quantity's match is replaced by: the quantity alone. (A
    function, not the template "\\g<qty>": ``re`` takes a template through
    its Python code on every call, match or none, and that cost as much as
    the search.)"""
    return m["qty"]


def _readings(line: str, amounts: list[re.Match[str]],
              raw: str = "") -> tuple[tuple[ReceiptLine, ...], bool]:
    """``_item_readings``; but a line whose three amounts are net, tax and
    gross ("S.s.  1297.66  220.03  1517.69 Kč", a tax summary's row) is
    likeliest no item at all (the arithmetic may still choose an item)."""
    readings, negative = _item_readings(line, amounts, raw)
    if len(amounts) == 3 and _NOT_A_LINE not in readings \
            and tax_row(line[:amounts[0].start()], [_pence(a) for a in amounts],
                        [line[a.end():b.start()] for a, b in itertools.pairwise(amounts)]):
        readings = (_NOT_A_LINE, *readings)
    return readings, negative


def _glued_to_name(line: str, amount: re.Match[str]) -> bool:
    """Whether ``amount`` follows the words of ``line`` one space after them
    (a size in the name: "Voda 0,25"), not in a column of its own."""
    g = amount.group()
    before = line[:amount.start() + len(g) - len(g.lstrip())]  # (the match holds its space)
    return before.endswith(" ") and not before.endswith("  ") and bool(before.strip()) \
        and before.rstrip()[-1].isalpha()


# A whole number of one or two digits in a column of its own after a line's
# value ("4,80   10", "7,20   20", "3,60   00"): the line's tax column (its
# VAT rate or tax code, TAX.md "A tax rate or code after the value"), or its
# value in whole pounds after the unit price ("1.50   3").
_TAX_COLUMN_END = re.compile(r"\d[.,]\d\d\s{2,}(?P<n>\d{1,2})\s*$")


def _item_readings(line: str, amounts: list[re.Match[str]],
                   raw: str = "") -> tuple[tuple[ReceiptLine, ...], bool]:
    """``_printed_readings``; but a one- or two-digit number in a column of
    its own after the value ("Kaiserschmarrn  11,90   10": QRK's VAT rate;
    Czech, Polish, German tills print a rate or a tax code there) is read
    both as the tax column, never the name's nor the amount, and, where it
    may be the value in whole pounds after the unit price ("Soup  1.50   3",
    "Tea  1.20   1" after a discount), as that, first, as it was read before
    tax columns were: the receipt's arithmetic chooses."""
    m = _TAX_COLUMN_END.search(raw) if raw else None
    cut = line.rstrip()
    if m is None or not cut.endswith(" " + m["n"]) or len(cut) - len(m["n"]) < amounts[-1].end():
        return _printed_readings(line, amounts, raw)
    as_tax, negative = _printed_readings(cut[:-len(m["n"])].rstrip(), amounts,
                                         raw[:m.start("n")].rstrip())
    as_printed, _negative = _printed_readings(line, amounts, raw)
    first = as_printed[0]
    if first.amount_pence == as_tax[0].amount_pence or not first.description:
        return as_tax, negative  # the number was read as the name's ("20"): a tax column
    return tuple(dict.fromkeys((*as_printed, *as_tax))), negative


def _printed_readings(line: str, amounts: list[re.Match[str]],
                      raw: str = "") -> tuple[tuple[ReceiptLine, ...], bool]:
    """The ways to read an item line, likeliest first, and whether its
    quantity is printed negative (a refund's line). The value is the last
    amount (a trailing tax code after it aside); a first amount before it is
    the unit price. Where the quantity and the amounts do not settle it (one
    amount and a quantity: is the amount the value or the unit price?), both
    readings are kept for the receipt's arithmetic to choose. A bare
    quantity column in the printed line (``raw``) is read first."""
    column = _qty_column(raw)
    if column is not None:
        col_amounts = list(_AMOUNT.finditer(column[1]))
        if col_amounts:
            line, amounts = column[1], col_amounts
            if len(amounts) == 3 and _glued_to_name(line, amounts[0]) \
                    and int(column[0]) * _pence(amounts[1]) == _pence(amounts[2]):
                # "Mineralna voda 0,25   1   2,50   2,50": the quantity, unit
                # price and value prove each other; the first figure is the name's
                amounts = amounts[1:]
            elif len(amounts) == 2 and not amounts[0]["cur"] and _glued_to_name(line, amounts[0]) \
                    and abs(int(column[0]) * _pence(amounts[0])) != abs(_pence(amounts[1])):
                # "Coca Cola 0,33   2   5,00" (a size ending a name cut at its
                # column): no unit price the quantity makes the value from, and no
                # currency's mark on it ("Crumble and cust £1.00  -1  -£1.00" is
                # one); the name's figure
                line = line[:amounts[0].start()] + " " + amounts[0].group().strip() \
                    + "  " + line[amounts[1].start():].strip()
                amounts = list(_AMOUNT.finditer(line))[-1:]
        else:
            column = None
    value = _pence(amounts[-1])
    unit = _pence(amounts[0]) if len(amounts) > 1 else None
    # The words: the line without its amounts, and without a short code
    # after the last one ("S", "Z", "A*": a tax class).
    tail = line[amounts[-1].end():].strip()
    # An amount alone in brackets ending the line ("Lunch offer  (0.40)"), or
    # "CR" after it: an accountant's negative (in brackets, perhaps not: the
    # arithmetic chooses).
    bracketed = tail == ")" and line[:amounts[-1].start()].rstrip().endswith("(")
    if value > 0 and (bracketed or tail.upper() in ("CR", "CR.")):
        value = -value
    parts = [line[:amounts[0].start()]]
    parts += [line[a.end():b.start()] for a, b in itertools.pairwise(amounts)
              if not rate_cell(line[a.end():b.start()])]  # "3.00  12%  3.00": a tax rate's column
    # "49.80 8.5%": the tax rate's column, not the name's; "120.00 дин.": the amount's mark
    if tail and not (len(tail) <= 3 and not _DIGIT.search(tail) and ")" not in tail) \
            and not _RATE.match(tail) and not mark_after(tail):
        parts.append(tail)
    # "=" between the unit price and the value ("2 @ £1.20 = £2.40"), "each"
    # after the unit price: no words of the name
    words = " ".join(w for w in " ".join(parts).split() if w.casefold() not in _NO_WORDS)
    words = words.rstrip(":")  # "Cookie x2:£1.00": the label's colon
    if "%" in line:
        words = at_rate_off(words)
    if len(amounts) > 2 and "(" in words:
        # "1 @ $12.50 ($13.00)  $12.50": the price before a change, in brackets
        # between the unit price and the value, leaves no words of the name
        words = " ".join(_EMPTY_BRACKETS.sub(" ", words).split())
    # First the weight: "2.000kg @ /kg" weighs two kilos, it is not two of the item.
    weighed = "/" in words and _WEIGHT.search(words) is not None
    if weighed:
        words = " ".join(_WEIGHT.sub("", words).split())  # "0.450kg @ /kg": a weight
    elif (cut := weight_times(words)) is not None:
        words, weighed = cut, True  # "Ham  2.111kg x 299.00  631.19": a weight times its price
    words = _DECIMAL_QTY.sub(_the_qty, words)  # "2.000 x": a whole quantity
    if _QTY_ALONE.match(off := count_row_off_rate(words)) is not None:
        words = off  # "4 x Rabatt: -20%": a count row's own discount, in its value
    words = _FLOAT_QTY.sub(_the_qty, words)  # "3.0": a whole quantity, as a float
    if column is not None and unit_times(words):
        words = ""  # "1  UN  x  3,99   3,99": the count's unit, its name on the row above
    elif value_label(words):
        words = ""  # "Стоимость  1 960,00": the item's value, its name above its count row
    elif (counted := count_alone(words) or bracketed_count(words)) is not None:
        words = counted  # "Chleb 1 kom x", "4 ks. a": a count with its unit, read as "4 x"
    elif (m := marked_count(_QTY_MARKED.finditer(words))) is not None and m.start() > 0 \
            and not _pack_size(m, raw, unit):
        # "Cookie  qty 2", "Tea  Qty: 1", "Cookie  2pcs": a quantity said to be one
        words = f"{words[:m.start()].strip()} x{m['qty'] or m['qty2']} {words[m.end():].strip()}"
        words = " ".join(words.split())
    elif (m := _QTY_MARKED.fullmatch(words)) is not None and m["qty"]:
        # "Qty: 2   8,000.00" alone (Tanzania's EFD receipt, under its item's
        # name): a labelled quantity is no name; the name is on the row above
        words = f"{m['qty']} x"
    desc, qty, sure, x_after = words, None, True, False
    if column is None and (m := _QTY_PENCE.match(words)) is not None \
            and int(m["qty"]) * int(m["pence"]) == abs(value):
        # "Water 500ml (3 @ 60p)  £1.80": a unit price in pence, the UK's
        # way with small prices, that the value confirms.
        words, unit = f"{m['desc']} ({m['qty']} x)", int(m["pence"])
    bracket = _QTY_BRACKET.match(words) if column is None and "(" in words else None
    if bracket is not None and _in_brackets(line, amounts[-1]):
        # The one amount is the unit price in brackets: never the line's value.
        unit, value = value, value * int(bracket.group("qty"))
    if column is not None and (m := _QTY_LEADING.match(words)) and m.group("uom") \
            and not column[0].startswith("-"):
        # "1 Pc  Orange juice   1   0.75": the quantity is printed with its
        # unit; the bare number is the unit price in whole pounds.
        column, unit = None, int(column[0]) * 100
    if column is not None:
        # Certain when quantity x unit = value; else the arithmetic chooses
        # between the amount as the value and as the unit price (below).
        qty = column[0]
        sure = unit is None or int(qty) * abs(unit) == abs(value)
    for rx in (() if column is not None
               else (_QTY_BRACKET, _QTY_FIRST, _QTY_BULLET, _QTY_AT, _QTY_LAST)):
        if (m := rx.match(words)) is not None:
            desc, qty = m.group("desc"), m.group("qty") or m.group("qty2")
            x_after = rx is _QTY_LAST  # "Tea bags x80": an "x" count after the name
            if x_after and unit and not _count_makes(int(qty), unit, value, amounts) \
                    and (lead := _QTY_LEADING.match(words)) is not None \
                    and _count_makes(int(lead["qty"]), unit, value, amounts):
                # "1 Huevos cubeta x30   4.50   4.50": the count before the name
                # times the unit price is the value; the "x30" is the pack's,
                # the name's own (ITEMS.md, "A count in the name")
                desc, qty, x_after = lead["desc"], lead["qty"], False
            if rx is _QTY_FIRST and unit is None \
                    and (p := _PRICE_FIRST.match(desc)) is not None \
                    and int(qty) * round(float(p["n"].replace(",", ".")) * 100) == abs(value):
                # "2*24.9  Rhum arrange 70  49.80": the unit price as a program
                # prints a number, before the name; the value confirms it.
                desc, unit = p["desc"], abs(value) // int(qty)
            break
    else:
        if column is not None:
            pass
        elif (m := _QTY_ALONE.match(words)) is not None:
            desc, qty = "", m.group("qty") or "1"
        elif (m := _QTY_MID.search(words)) is not None:
            desc, qty = (words[:m.start()] + words[m.end():]), m.group("qty") or m.group("qty2")
            x_after = True
        elif unit and (m := _QTY_LEADING.match(words) or _QTY_TRAILING.match(words)) \
                and (_count_makes(int(m.group("qty")), unit, value, amounts)
                     or m.groupdict().get("uom")):
            # "2 Cookie @ 0.50  1.00"; "1 Pc  Soup  1.45  1.25" (a discounted value)
            desc, qty = m.group("desc"), m.group("qty")
        elif not unit and (m := _QTY_LEADING.match(words) or _QTY_BEFORE_FIGURE.match(words)):
            desc, qty = m.group("desc"), m.group("qty")  # "2 Main meal  4.80": value or unit
        else:
            sure = False
    # brackets left empty by an amount taken out of them ("Discount (0.25)")
    desc = " ".join(_EMPTY_BRACKETS.sub("", desc).split()).strip(" :@-*=").strip()
    desc = _DOT_LEADER.sub("", desc)  # "Cookie ........ 1.00": the dots lead to the amount
    if unit is not None:  # "Rugbrød, halvt  á  28,50  114,00": "at" the unit price
        desc = _AT_WORD_END.sub("", desc)
    if column is not None:  # "1. Chai masala   2   80   160": the line's number, not the name's
        desc = _LINE_NO.sub("", desc)
    if not x_after:
        # "FLAPJACK T1  1.00": a tax class, not the name's; before a count
        # ("Print warna A4  1 x 2.000"), the name's own (a paper size)
        desc = _TAX_CODE_END.sub("", desc)
    if raw and (code := _TAX_CODE_CELL.search(raw)) and desc.endswith(" " + code["code"]):
        desc = desc[:-len(code["code"]) - 1]
    if unit is None and qty is not None and (m := _WHOLE_POUNDS_END.search(desc)) \
            and (not raw or raw.rstrip().endswith(m.group("n"))) \
            and (abs(int(qty) * value) == int(m.group("n")) * 100
                 or _WHOLE_POUNDS_COLUMN.search(raw)):
        # "2 Pc  Soup of the day  1.50   3": the value in whole pounds, without
        # pence, printed after the amount (before it, "Airtime 20  1  M20.00",
        # the number is the name's)
        desc, unit, value = desc[:m.start()], value, int(m.group("n")) * (100 if value > 0
                                                                           else -100)
    q = abs(int(qty)) if qty is not None else 1
    if qty is None and unit and not weighed and abs(value) % abs(unit) == 0 \
            and 0 < abs(value) // abs(unit) < 1000:
        q = abs(value) // abs(unit)  # "Salad box  £2.75  £5.50": the amounts give the quantity
    q = max(1, q)
    first = ReceiptLine(desc, q, value)
    negative = qty is not None and qty.startswith("-")
    if x_after and sure and unit is None and q > 1 and desc and "@" not in words \
            and (value % q or _QTY_LEADING.match(desc)):
        # "Tea bags x80  2.99": no count at a whole-pence price makes the
        # value, so the "x80" is the pack's, part of the name (or the amount
        # is the unit price: the arithmetic chooses); so too after a count
        # leading the line ("2 Free range eggs x6  5.10": two packs of six).
        whole, count = " ".join(_EMPTY_BRACKETS.sub("", words).split()).strip(" :@-*="), 1
        if (m := _QTY_LEADING.match(whole)) and int(m["qty"]) > 0 and not value % int(m["qty"]):
            whole, count = m["desc"], int(m["qty"])  # "5 Free range eggs x6  12.25"
        return (ReceiptLine(whole, count, value), ReceiptLine(desc, q, value * q)), negative
    if sure and unit is None and q > 1:
        return (first, ReceiptLine(desc, q, value * q)), negative  # or the amount is the unit price
    if bracketed and value < 0:
        return (first, ReceiptLine(desc, q, -value)), negative
    return (first,), negative


# An item line whose unit price and value are both whole pounds, printed
# without pence ("3 Pc    Fruit pot        1        3").
_WHOLE_POUNDS_ITEM = re.compile(r"^\s*(?P<qty>\d{1,3})\s+(?:(?:" + _UNIT + r"|(?i:ea))\.?\s+)?"
                                r"(?P<desc>[^\d\s].*?)\s{2,}(?P<unit>\d{1,4})\s{2,}"
                                r"(?P<value>\d{1,5})\s*$")


def _count_makes(qty: int, unit: int, value: int, amounts: list[re.Match[str]]) -> bool:
    """Whether ``qty`` times the unit price is the row's value, as printed or
    less a discount printed between them ("4 Galletas Amor  0.45  0.18
    1.62": Ecuador's SRI rows, ``Cant P.Unit Desc. Total``; ITEMS.md)."""
    made = qty * abs(unit)
    return made == abs(value) or (len(amounts) == 3
                                  and made - abs(_pence(amounts[1])) == abs(value))


def _whole_pounds_item(raw: str) -> ReceiptLine | None:
    """An item line with no amount in pence: its quantity, then its unit
    price and value in whole pounds, when quantity x unit = value."""
    m = _WHOLE_POUNDS_ITEM.match(raw)
    if m is None or int(m["qty"]) * int(m["unit"]) != int(m["value"]) or not int(m["qty"]):
        return None
    return ReceiptLine(" ".join(m["desc"].split()), int(m["qty"]), int(m["value"]) * 100)


def _unit_price_of(item: ReceiptLine, line: ReceiptLine, at: bool = False) -> bool:
    """Whether ``line``'s amount is ``item``'s unit price (the same sign: an
    amount off is never a unit price). Of one item only when the line says so
    with "@" ("   @ 3.20 each"): otherwise the same product again."""
    return (item.quantity > 1 or at) and line.quantity == 1 and line.amount_pence != 0 \
        and line.amount_pence * item.quantity == item.amount_pence


def _in_brackets(line: str, amount: re.Match[str]) -> bool:
    """Whether ``amount`` is printed inside brackets ("(2 x £2.35)")."""
    return line.rfind("(", 0, amount.start()) > line.rfind(")", 0, amount.start()) \
        and ")" in line[amount.end():amount.end() + 2]
