"""Amounts as tills in other locales print them: thousands grouped by
",", ".", "'" or a no-break space (``1,010.00``, ``1.010,00``, ``1'010.00``,
``1 010,00``), currencies printed with no minor unit (``Rp12.500``,
``¥1,200``) and those with three decimals (``KWD 12.500``: twelve and a
half). A receipt prints all its amounts in one format; this module finds
the formats its printed numbers allow and writes the receipt's amounts as
the rules read them (``12,500.00``), one text per distinct reading, for the
receipt's own arithmetic to choose between (``reader._read``).

Amounts are kept in hundredths of the receipt's currency, as the contract's
``*_pence`` fields are: ``Rp12.500`` is 1,250,000 (hundredths of a rupiah,
the ISO minor unit, though no till prints it), ``¥1,200`` 120,000; a
three-decimal currency's amount is kept when its thousandths are 0
(``KWD 12.500`` = 1,250) and left unread otherwise (the receipt then stays
unparsed with its raw bytes, never rounded)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from drivers.receipt.amounts import GLUED_MARKS, WORD_LIKE_MARKS, parse_money
from drivers.receipt.model import UNPARSED, ParsedReceipt
from drivers.receipt.settle import TOTAL_UNSURE

# The flag of a receipt whose amounts read two ways the arithmetic cannot
# tell apart ("12.500" with no currency: twelve thousand five hundred, or
# twelve and a half in a three-decimal currency).
UNSURE_AMOUNTS = "unsure_amounts"

# Currency marks printed beside amounts, and the decimals their tills print
# (None: the mark does not say). A mark names its currency only where it is
# glued to or beside the figures.
_NO_MINOR = ("Rp", "IDR", "JPY", "KRW", "VND", "UGX", "USh", "CLP", "ISK", "PYG", "XOF", "XAF",
             "RWF", "FRw", "FCFA", "F CFA", "CFA", "₩", "₫", "đ", "円", "원", "₲")
_THREE = ("KWD", "KD", "BHD", "BD", "OMR", "RO", "TND", "DT", "JOD", "JD", "LYD", "LD", "IQD")
# ISO codes as tills print them before or after amounts (a few of the
# world's; never any three capitals: "TRX4776647" is a number).
_ISO = ("GBP|EUR|USD|CHF|PLN|CZK|HUF|SEK|NOK|DKK|RON|ZAR|INR|BRL|MXN|AUD|CAD|NZD|KES|NGN|BWP|"
        "LSL|TZS|GHS|ZMW|MWK|PHP|MYR|SGD|HKD|CNY|THB|TRY|AED|SAR|QAR|EGP|MAD|ARS|COP|PEN|"
        "IDR|JPY|KRW|VND|UGX|CLP|ISK|PYG|XOF|XAF|RWF|KWD|BHD|OMR|TND|JOD|LYD|IQD")
# ... and the marks glued before figures the rules read (``amounts``: "RD$", "Bs.", "Kz").
_MARK = (r"(?-i:" + GLUED_MARKS + "|" + WORD_LIKE_MARKS + r"|"
         r"Rp\.?|Ksh\.?|KSh|USh|FRw|FCFA|" + _ISO + r"|KD|BD|JD|DT|RO|LD|R\$|[A-Z]\$|"
         # a currency's own word: krone, koruna, zloty, forint, leu, lira, ringgit, rupee
         r"kr\.?|Kr\.?|Kč|zł|Ft|lei|TL|RM|Rs\.?|"
         # a one-letter mark glued to figures with a separator ("R1 250,00": the
         # rand's; "A4" is a paper's size)
         r"[A-Z](?=\d{1,3}[.,'’\u00a0\u202f]\d))|"
         r"[£€$¥₩₫₹₱₦₲]|đ|円|원")
# A number as tills print amounts: grouped thousands (the separator the same
# each time) and a fraction, or plain digits and a fraction.
_NUMBER = (r"(?P<n>\d{1,3}(?P<g>[.,'’\u00a0\u202f])\d{3}(?:(?P=g)\d{3})*(?:[.,]\d{1,3})?"
           r"|\d{1,9}(?:[.,]\d{1,3})?)")
# An amount's token: a number with its sign and its currency mark before or
# after it; not part of a date, a time, a code or a longer number.
_TOKEN = re.compile(r"(?<![\w.,:/'’#-])(?P<sign>-\s?)?(?P<pre>(?:" + _MARK + r")\s?)?"
                    r"(?P<sign2>-)?" + _NUMBER + r"(?P<post>\s?(?:€|£|đ|₫|円|원|"
                    r"(?-i:" + _ISO + r"|KD|BD|JD|DT|kr|Kč|zł|Ft|lei|TL|F\s?CFA|CFA)(?![A-Za-z])))?"
                    # nor a reference that starts with a currency's code ("IDR0-0000")
                    r"(?![\w/:%'’]|[.,]\d|-\d)")
# A receipt worth a second look: a number whose thousands are grouped (not
# as "1,234.00", which the rules read), or with three decimals. The exact
# search runs only where a cheap one found digits around a separator: this
# look is paid by every receipt.
# (A pattern that starts with a set of characters is scanned for fast.)
_GROUPED_CHEAP = re.compile(r"[,.'’\u00a0\u202f]\d\d\d")
# (A point after a word is no group's: "Bs.1.405,45", "S/.1.405,45" print the mark's.)
_GROUPED = re.compile(r"(?<!\d)(?<!\d[.,'’])\d{1,3}(?:,\d{3}(?!\d)(?!\.\d\d(?!\d))|"
                      r"[.'’\u00a0\u202f]\d{3}(?!\d))")
_NO_MINOR_CHEAP = re.compile("|".join(map(re.escape, _NO_MINOR)))
_NO_MINOR_FIGURE = re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, _NO_MINOR))
                              + r")\s?\d")

# The positions where a number is an amount, when no currency mark says so:
# ending the line, before a column gap, or before a short tax code ending it.
_AMOUNT_END = re.compile(r"\s*$|\s{2,}|\s[A-Z#*^]{1,2}\s*$")
# A weight, a volume or a count after a number: no amount ("1.500 KG", "2.000 x").
_UNIT_AFTER = re.compile(r"\s?(?i:kg|g|l|ml|cl|lbs?|oz|x|pcs?)\b")
# What a receipt's number is printed under: not an amount.
_DATE_BEFORE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s*$")


def _worth_a_look(joined: str) -> bool:
    """Whether a receipt's text (its lines joined) prints a number whose
    thousands are grouped otherwise than "1,234.00", or three decimals (a
    three-decimal currency always prints them: "0.750"), or a figure beside
    a currency with no minor unit ("Rp300": a photocopy)."""
    return bool(_GROUPED_CHEAP.search(joined) and _GROUPED.search(joined)) or (
        _NO_MINOR_CHEAP.search(joined) is not None
        and _NO_MINOR_FIGURE.search(joined) is not None)


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """How a receipt prints its amounts: the thousands' separator ("" none),
    the decimal mark, and whether three decimals are a fraction (a
    three-decimal currency) rather than a group of thousands."""

    group: str
    decimal: str
    three: bool = False


# The formats real locales print: en/ja/ko (1,234.50), de/id/es/it/pt
# (1.234,50), fr/pl/cs/sv (1 234,50 with a no-break space), de-CH (1'234.50),
# and three-decimal currencies (1,234.500 and 1.234,500).
FORMATS = (
    NumberFormat(",", "."), NumberFormat(".", ","), NumberFormat("'", "."),
    NumberFormat("’", "."), NumberFormat("\u00a0", ","), NumberFormat("\u202f", ","),
    NumberFormat(",", ".", three=True), NumberFormat(".", ",", three=True),
)


def _places(mark: str) -> tuple[int, ...] | None:
    """The decimals a currency's tills print: (0, 2) for one with no minor
    unit ("Rp12.500", or "Rp12.500,00" from a till that prints cents
    anyway), (3,) three, else (0, 1, 2) (whole, as a program prints a
    number, or two); None: no mark, any."""
    mark = mark.strip().rstrip(".")
    if not mark:
        return None
    if mark in _NO_MINOR:
        return (0, 2)
    if mark in _THREE:
        return (3,)
    return (0, 1, 2)


def value(number: str, fmt: NumberFormat) -> tuple[int, int] | None:
    """A printed number's worth in thousandths of its unit, and how many
    decimals it prints, in ``fmt``; None when ``fmt`` cannot print it
    ("1.234,5" is no en number, "12,50" no three-decimal one)."""
    whole, frac = number, ""
    if fmt.decimal in number:
        whole, frac = number.rsplit(fmt.decimal, 1)
        if not frac or len(frac) > 3 or (len(frac) == 3 and not fmt.three):
            return None
    if fmt.group and fmt.group in whole:
        head, *groups = whole.split(fmt.group)
        if not 1 <= len(head) <= 3 or any(len(g) != 3 for g in groups):
            return None
        whole = head + "".join(groups)
    if not whole.isdigit() or (fmt.three and frac and len(frac) != 3):
        return None
    return int(whole) * 1000 + int((frac + "000")[:3]), len(frac)


@dataclass(frozen=True, slots=True)
class _Token:
    line: int
    start: int
    end: int
    number: str
    marked: bool
    places: tuple[int, ...] | None
    negative: bool
    mark: str
    number_at: int
    mark_before: bool


def _tokens(text: list[str]) -> list[_Token]:
    """The numbers printed as amounts: beside a currency mark, or grouped or
    with a fraction where an amount stands (ending the line or a column)."""
    out = []
    for i, line in enumerate(text):
        for m in _TOKEN.finditer(line):
            mark = (m["pre"] or m["post"] or "").strip()
            number = m["n"]
            if not mark and (not re.search(r"[.,'’\u00a0\u202f]", number)
                             or not _AMOUNT_END.match(line, m.end())
                             or _UNIT_AFTER.match(line, m.end())
                             or _DATE_BEFORE.search(line, 0, m.start())):
                continue
            out.append(_Token(i, m.start(), m.end(), number, bool(mark), _places(mark),
                              bool(m["sign"] or m["sign2"]), mark, m.start("n"),
                              m["pre"] is not None))
    if any(_TWO_PLACES.search(t.number) for t in out):
        # A receipt prints its amounts in one format: where they have two
        # places, an unmarked figure with one printed a space after a word is
        # the name's size ("Termosmugg rostfri 0,5", "Pivo 0,5", "Cola 1,5":
        # litres), never an amount written "0.50".
        out = [t for t in out if t.marked or not _ONE_PLACE.search(t.number)
               or not _AFTER_WORD.search(text[t.line], 0, t.start)]
        # ... and an unmarked figure without two places, a space after a word,
        # with the line's amount after it, is the name's number ("Dto. IVA Ley
        # 19.210  $ -64,18": a law's number, Uruguay's thousands grouped by a
        # point; "Puntos 1.250  $ 12,50"), never an amount written "19,210.00".
        out = [t for t in out if t.marked or _TWO_PLACES.search(t.number)
               or not _AFTER_WORD.search(text[t.line], 0, t.start)
               or not any(u.line == t.line and u.start > t.start for u in out)]
    return out


_TWO_PLACES = re.compile(r"[.,]\d\d$")
_ONE_PLACE = re.compile(r"(?<![.,\d])\d{1,3}[.,]\d$")
_AFTER_WORD = re.compile(r"[^\W\d_] $")


@dataclass(frozen=True, slots=True)
class Written:
    """A receipt's text with its amounts written as the rules read them, in
    one format; ``whole`` when the receipt itself says its whole numbers are
    whole units (a thousands group with no decimals, "Ksh 1,250", or a
    currency with no minor unit, "Rp500"): no till printing pence without
    its point groups thousands."""

    fmt: NumberFormat
    text: list[str]
    whole: bool


# Thousands grouped by a plain space before a decimal comma ("1 050,00", "kr
# 1 641,90"), as Norwegian, Swedish, French, Polish and Czech tills print
# them where no no-break space is sent. A space also parts columns ("Water  1
# 050,00"? "Soup 2 100,00": two at 100.00?), so the grouped reading is one
# more for the receipt's arithmetic to choose, beside the one as printed.
_SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+,\d\d(?![\d%])")
# Looked for only in a receipt with a decimal comma: a pattern that starts with
# a character is scanned for fast, the full one costs as much as the reading.
_DECIMAL_COMMA = re.compile(r",\d\d")
# A space-grouped amount with a group that starts with a zero ("Наличные:
# 1 000,00", "2 050,00"): no till prints a whole part with a leading zero
# (CLDR's patterns, "#,##0.00"), so the space groups thousands there; read
# as printed, "1" and "000,00" would be a count and an item of nothing.
_ZERO_LED_GROUP = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})* 0\d\d,\d\d(?![\d%])")


# Whole amounts grouped by a plain space, the currency's word after them ("15 000
# FCFA", "2 500 F CFA", "12 000 ₫", "1 250 Ft"), as West African, Vietnamese and
# Hungarian tills print them: read grouped beside as printed (``formats``), the
# receipt's arithmetic choosing.
_SPACE_WHOLE = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?=\s?(?:F\s?CFA|CFA|XOF|XAF|Ft|HUF|"
                          r"[₫đ]|VND|Rp|IDR|UGX|RWF|FRw|KRW|[₩¥]|JPY)(?![A-Za-z]))")
_WHOLE_CHEAP = re.compile(r"\d \d\d\d")


def _no_break(m: re.Match[str]) -> str:
    return m.group(0).replace(" ", "\u00a0")


def another_format_in(line: str) -> bool:
    """Whether ``line`` holds what ``formats`` first looks for in a receipt
    (its cheap scans, none of which spans two lines: grouped or three-place
    figures, a currency with no minor unit, a decimal comma, thousands
    grouped by a space). A receipt with no such line prints its amounts as
    the rules read them: ``formats`` gives [] for it. (A new look in
    ``formats`` is a new scan here too: tests/test_receipt_glance.py.)"""
    return bool(_GROUPED_CHEAP.search(line) or _NO_MINOR_CHEAP.search(line)
                or _DECIMAL_COMMA.search(line) or _WHOLE_CHEAP.search(line))


def formats(text: list[str]) -> list[Written]:
    """The ways ``text``'s amounts can be read, each with the text written as
    the rules read amounts (``Rp12.500`` -> ``12,500.00``), one per distinct
    reading, likeliest first; [] when the receipt prints its amounts as the
    rules read them (or prints none this module reads). Thousands grouped
    by a plain space are read both ways (``_SPACE_GROUPED``)."""
    joined = "\n".join(text)
    readings = _formats(text, joined)
    spaced = _DECIMAL_COMMA.search(joined) is not None and _SPACE_GROUPED.search(joined)
    whole = _WHOLE_CHEAP.search(joined) is not None and _SPACE_WHOLE.search(joined)
    if not (spaced or whole):
        return readings
    grouped = _formats([_SPACE_WHOLE.sub(_no_break, _SPACE_GROUPED.sub(_no_break, t))
                        for t in text])
    printed = readings or [Written(FORMATS[0], text, False)]
    others = [w for w in grouped if all(w.text != p.text for p in printed)]
    if spaced and _ZERO_LED_GROUP.search(joined):
        return others + printed  # grouped first: the likeliest where both add up
    return printed + others


def _formats(text: list[str], joined: str | None = None) -> list[Written]:
    """``formats``, thousands grouped by a plain space aside; ``joined``:
    the lines joined, when the caller has them already."""
    if not _worth_a_look("\n".join(text) if joined is None else joined):
        return []
    tokens = _tokens(text)
    if not tokens:
        return []
    out: list[Written] = []
    seen: set[tuple[int, ...]] = set()
    for fmt in FORMATS:
        values = []
        for t in tokens:
            v = value(t.number, fmt)
            if v is None:
                break
            allowed = t.places if t.places is not None else (0, 1, 2, 3)
            if v[1] not in allowed:
                break
            values.append(v)
        else:
            decimals = {d for _, d in values}
            if fmt.three and 3 not in decimals:
                continue  # no three-decimal figure: the same as the format without
            key = tuple(v for v, _ in values)
            if key in seen:
                continue
            seen.add(key)
            whole = any(d == 0 and (fmt.group in t.number or t.places == (0, 2))
                        for t, (_, d) in zip(tokens, values, strict=True))
            written = _written(text, tokens, [v for v, _ in values], whole)
            if written is not None:
                out.append(Written(fmt, written, whole))
    if len(out) == 1 and out[0].text == text:
        return []
    return out


Read = Callable[[list[str], "list[Any] | None"], tuple[ParsedReceipt, list[str]]]


def read_formats(readings: list[Written], read: Read, seen: list[Any] | None,
                 whole_flag: str) -> tuple[ParsedReceipt, list[str]]:
    """The reading of a receipt among ``readings`` (``formats``) whose
    arithmetic reconciles: the one that does (and reads its tender, if
    one does), else the likeliest (flagged
    ``unsure_amounts`` when two that reconcile differ: a uniform "12.500"
    adds up as twelve thousand five hundred and as twelve and a half). A
    whole number the receipt shows to be whole units is no doubt
    (``whole_flag`` off)."""
    found = []
    for w in readings:
        these: list[Any] | None = None if seen is None else []
        parsed, text = read(w.text, these)
        if w.whole and whole_flag in parsed.flags:
            parsed.flags.remove(whole_flag)
        found.append((parsed, text, these, w))
    sure = [f for f in found if UNPARSED not in f[0].flags and TOTAL_UNSURE not in f[0].flags]
    # Of those, one that reads the payment as a tender beats one that cannot
    # ("Espèces  1 500,00": paid 1,500.00, or words "Espèces 1" and 500,00?).
    paid = [f for f in sure if "unread_tender" not in f[0].flags]
    parsed, text, these, _w = (paid or sure or found)[0]
    if len({f[0].total_pence for f in sure}) > 1:
        parsed.flags.append(UNSURE_AMOUNTS)
    if seen is not None:
        seen[:] = these or []
    return parsed, text


# A whole number in an amount's column on a receipt that prints whole units:
# the last number of a line or the one before it, two spaces or more before
# each ("1. Chai masala   2   80   160": the unit price and the value).
_BARE_WHOLE = re.compile(r"(?<=\s\s)(?P<n>\d{1,9})(?=\s*$|\s{2,}-?[\d,]+(?:\.\d\d)?\s*$)")


def _written(text: list[str], tokens: list[_Token], values: list[int],
             whole: bool) -> list[str] | None:
    """``text`` with each token written as the rules read amounts, keeping
    the line's right edge (the spaces before a token give way to its longer
    figures), and, on a receipt of ``whole`` units, its whole numbers in
    amounts' columns; None when an amount has thousandths (no hundredths
    carry it)."""
    out = list(text)
    for t, v in sorted(zip(tokens, values, strict=True), key=lambda tv: (-tv[0].line,
                                                                         -tv[0].start)):
        if v % 10:
            return None
        cents = v // 10
        line = out[t.line]
        # The sign and the mark stay as printed ("- Ksh 450"), but a mark the
        # rules do not read as a currency ("Rp", "¥"), and a mark after the
        # figures, go.
        head, tail = line[t.start:t.number_at], line[t.number_at + len(t.number):t.end]
        if t.mark and parse_money(t.mark + "1.00") is None:
            head = head.replace(t.mark, "", 1)
        if t.mark and not t.mark_before:
            tail = ""
        figure = f"{head}{cents // 100:,}.{cents % 100:02d}{tail}"
        start = t.start
        grow = len(figure) - (t.end - t.start)
        gap = len(line[:start]) - len(line[:start].rstrip())
        take = min(max(0, grow), max(0, gap - 2)) if gap >= 2 else 0
        out[t.line] = line[:start - take] + figure + line[t.end:]
    if whole:
        out = [_BARE_WHOLE.sub(r"\g<n>.00", t) if _DIGIT_END.search(t)
               and not _COUNT_OF_ITEMS.search(t) else t for t in out]
    return out


_DIGIT_END = re.compile(r"\d\s*$")
# A count of the items sold under its label ("Number of Items:   2", EFRIS's
# summary; "No. of items  3", "Items: 4", "Positionen: 2", QRK's): a count,
# never an amount in whole units.
_COUNT_OF_ITEMS = re.compile(r"(?i:(?:number|no\.?)\s+of\s+(?:items|articles|lines)|items|"
                             r"articles|art[ií]culos|artikel|positionen)\s*:?\s+\d{1,4}\s*$")
