"""Amounts as tills print them: "£2.30", "-£2.30", "2,30", "GBP 1,234.00",
"2.30-", "4.23£", "£ 7.95"; where a line's amounts are, and what they are worth."""

from __future__ import annotations

import re

# An amount: optional sign, optional currency mark ("£", "GBP", what a wrong
# code page makes of the pound sign: "ú" (0xA3 in CP437), "œ" (0x9C in
# CP1252), "Â£" (UTF-8 read as CP1252), or any short symbol but "&", which
# ends a name the column cut: "Veg chilli &  2.55", and "<" or ">", an
# arrow's head: "@ 18.00 -> 36.00" is no minus and no currency); a capital letter glued
# to the figures, as rand, loti or pula are printed: "R52.00", "M40.00";
# Brazil's "R$8,25"), pounds and two
# decimals. A dash with a space on either side after a word ("Portion -
# £2.70", "Total - £1.25") separates the label from its amount: not a minus.
# Other currencies printed before the amount, as tills abroad print them
# ("CHF 9.00", "USD 12.50", "Ksh 1,010.00"): the ISO codes in
# capitals and the marks of their own a few print; never part of a name.
# ... and the Gulf's, Asia's, Africa's and the Americas' ("AED 15.75", "SAR 20.00",
# "PHP 120.00", "GHS 45.00"), as their tills print them before amounts.
_CODES = ("CHF|USD|PLN|CZK|HUF|SEK|NOK|DKK|RON|ZAR|INR|BRL|MXN|AUD|CAD|NZD|KES|NGN|BWP|LSL|"
          "AED|SAR|QAR|KWD|BHD|OMR|JOD|EGP|MAD|TND|PKR|LKR|BDT|NPR|PHP|MYR|SGD|HKD|CNY|THB|"
          "TRY|UAH|RUB|GHS|TZS|UGX|ZMW|MWK|ARS|CLP|COP|PEN|UYU|"
          "Ksh|KSh")
# A currency's own word printed before the amount, as its locale prints it:
# the Scandinavian krone ("kr 254,25", "kr. 12,00"), the Czech koruna
# ("Kč"), the zloty ("zł"), the forint ("Ft"), the leu ("lei"), the ringgit
# ("RM12.50"), the rupee ("Rs. 120.00"). ("TL", the Turkish lira, is also a
# register's "total": only after an amount, where it is dropped as a code.)
_WORD_MARKS = r"(?:kr|Kr|KR|Kč|zł|Ft|lei|Lei|RM|Rs)\.?"
# Marks glued before the figures, as CLDR gives them and tills print them
# (CURRENCY.md): a dollar's country letters ("RD$1,405.45", "US$", "NT$", "HK$",
# "S$", "A$", "NZ$", "CA$", "MX$", "Mex$", "COL$", "CLP$"), Ghana's "GH₵" (and
# "GH¢", where the printer's code page has no "₵"),
# Peru's "S/.", Venezuela's "Bs." / "Bs.S", Indonesia's "Rp", Angola's "Kz",
# Uganda's and Tanzania's shillings "USh", "TSh", Panama's "B/.", Uruguay's "$U",
# Paraguay's "Gs.", Bhutan's "Nu.", Burundi's "FBu", Malawi's and Zambia's
# kwacha "MK", "ZK", Aruba's and Curaçao's florin "ƒ", "Afl.": no word, so a
# space may follow.
GLUED_MARKS = (r"(?:[A-Z]{1,3}|Mex|Col|Bds)\$|\$U|GH[₵¢]|S/\.|B/\.|Bs\.S?|Gs\.|Nu\.|Afl\.|ƒ|"
               r"Rp|Kz|USh|TSh|FBu|MK|ZK")
# Marks that could also be a word or a name's end ("S/", "Bs", "Le", Ethiopia's
# birr "Br", as a
# single capital "Q", "L", "K" can): read glued to the figures ("S/15.00"),
# a space off only where the receipt prints them before most of its amounts
# (``spaced_marks_glued`` glues them then).
WORD_LIKE_MARKS = r"S/|Bs|Le|Br"
# (A "+" glued to a word is the word's, never a currency's mark: "cash+ 4.75",
# a university card's purse; NUMBERS.md "A plus glued to a word".)
MONEY = (r"(?:(?!(?<=[^\W_] )-\s)(?P<sign>-))?\s?"
         r"(?P<cur>£|GBP|EUR|€|\$|Â£|ú|œ|Ł|R\$|(?!(?<=[^\W\d_])\+)[^\w\s.,()@&<>-]{1,2}|"
         r"(?<!\w)(?-i:[A-Z])(?=\d)|"
         r"(?<![^\W\d_])(?-i:" + _CODES + "|" + _WORD_MARKS + "|" + GLUED_MARKS + r")(?=\s?-?\d)|"
         r"(?<![^\W\d_])(?-i:" + WORD_LIKE_MARKS + r")(?=-?\d))?"
         r"\s?(?P<sign2>-)?"
         r"(?P<pounds>\d{1,3}(?:,\d{3})+|\d{1,7})[.,](?P<pence>\d{2})(?P<sign3>-)?"
         # a currency printed after the amount ("4.23£", the site's choice)
         r"(?P<cur2>£|€)?")
# A currency's mark printed after the figures (CLDR's "#,##0.00 ¤"), where
# it is a word or abbreviation a name could not end in: the Serbian dinar
# "дин." / "din.", the Macedonian denar "ден.", the rouble "руб." / "р.",
# the hryvnia "грн.", the lev "лв.", the som "сом", the sum "сўм" / "so'm",
# the manat "ман." / "man.", the CFA franc "FCFA" / "F CFA", the lek "Lekë",
# the ISO codes (CURRENCY.md): the amount's, never the item's name.
_MARK_AFTER = re.compile(r"^(?:(?i:дин|din|ден|руб|р|грн|лв|ман|man|lek[ëe]?)\.?|(?i:сом|сўм)|"
                         r"so['ʻ’]m|F\s?CFA|CFA|" + _CODES + r"|GBP|EUR|RSD|MKD|BGN|UAH|KGS|"
                         r"UZS|AZN|KZT|GEL|AMD|ALL|BAM|XOF|XAF|DZD|MAD|TND)$")


def mark_after(tail: str) -> bool:
    """Whether ``tail``, the words after a line's last amount, is that
    amount's currency mark printed after its figures ("120.00 дин.")."""
    return _MARK_AFTER.match(tail) is not None


_MONEY_END = re.compile(r"^(?P<label>.*?)\s*(?P<money>" + MONEY + r")\s*$")
_MONEY_ONLY = re.compile(r"^\s*" + MONEY + r"\s*$")
# An amount anywhere in a line: not part of a longer number (a date
# "02.12.2026", a phone number).
# Nor a measure in an item's name, its unit after it ("Appelsiinimehu
# 0,33l", "Æblejuice 0,25 l", "Kóla 1,75L", "Rice 0.50 kg", "Milk 0.57ltr"):
# litres, centi-, deci- and millilitres, grams and kilos, ounces, pounds
# weight; a one-letter unit one space off only in small letters (a capital
# there is a tax class: "1.00 L").
_MEASURE_AFTER = r"(?!(?i:[mcd]?l|ltrs?|litres?|liters?|k?g|kgs|oz|lbs?)\b|\s(?:[lg]|(?i:[mcd]l|" \
                 r"ltrs?|litres?|liters?|kgs?|oz|lbs?))\b)"
# Not an amount when a hyphen and digits follow ("IDR0-0000", "EUR1-2345": a
# reference's code that starts with a currency's letters, not money).
# Nor a time of day glued to "am"/"pm" ("Early Birds 7.40am": a slot's
# time in an item's name), nor a rate stated in words after it ("Family cap
# (£3.00 a day)": the name's, no unit price; ITEMS.md).
_NOT_MONEY_AFTER = r"(?!(?i:[ap]\.?m)\b)(?!\s(?i:a|per)\s(?i:day|week|month|term|meal)\b)"
_AMOUNT = re.compile(r"(?<![\d.,])" + MONEY + r"(?!\d)(?![.,]\d)(?!-\d)(?!\s?%)" + _MEASURE_AFTER
                     + _NOT_MONEY_AFTER)
_DECIMALS = re.compile(r"\d[.,]\d\d")  # in every amount
_DIGIT = re.compile(r"\d")


# A one-letter currency printed a space before its amounts ("R 54,00", "R 1 250,00",
# "3 x R 18,00": South Africa's rand; Botswana's "P", Zambia's "K", Guatemala's
# "Q" print so too). A capital before an amount may also end a name ("Vitamin C
# 10.00", "Band A 5.00"): a mark only where the receipt prints the same capital
# before most of its amounts (``spaced_marks_glued``).
# Peru's "S/ 15.00", Bolivia's "Bs 15,00" and Sierra Leone's "Le 15.00" are so
# too (``WORD_LIKE_MARKS``); their thousands may be grouped by a point or comma.
_SPACED_MARK = re.compile(r"(?<![^\s@])(?P<mark>(?-i:[A-Z]|" + WORD_LIKE_MARKS + r"))\s"
                          r"(?=-?\d{1,3}(?:[\s.,]\d{3})*[.,]\d\d(?![\d.,]))")
_AMOUNT_ENDS = re.compile(r"\d[.,]\d\d\s*$")


def spaced_mark_in(line: str) -> bool:
    """Whether ``line`` prints a capital a space before an amount: a line
    ``spaced_marks_glued`` counts (a receipt with none is left as printed)."""
    return _SPACED_MARK.search(line) is not None


def spaced_marks_glued(text: list[str]) -> list[str]:
    """``text`` with a one-letter currency's mark glued to its amounts ("R 54,00" ->
    "R54,00", as the rules read "R52.00"), when the same capital stands a space
    before the amounts of three lines or more, and of most lines that end in an
    amount; else ``text`` as printed."""
    marks: dict[str, int] = {}
    for t in text:
        for m in _SPACED_MARK.finditer(t):
            marks[m["mark"]] = marks.get(m["mark"], 0) + 1
    if not marks:
        return text
    mark, n = max(marks.items(), key=lambda kv: kv[1])
    ending = sum(1 for t in text if _AMOUNT_ENDS.search(t))
    if n < 3 or 2 * n < ending:
        return text
    return [_SPACED_MARK.sub(lambda m: m["mark"] if m["mark"] == mark else m[0], t)
            for t in text]


def parse_money(text: str) -> int | None:
    """Pence from a printed amount ("£2.30", "-£2.30", "2,30", "GBP 1,234.00",
    "2.30-"); None if it is not one."""
    m = _MONEY_ONLY.match(text or "")
    if not m:
        return None
    return _pence(m)


def amount_label(line: str) -> str | None:
    """The words before a line's first amount, as the default rules read
    them (trailing ":" or "." off); None when the line has no amount."""
    text = " ".join(line.split())
    m = _AMOUNT.search(text)
    return None if m is None else text[:m.start()].strip().rstrip(":.-").strip()


def _pence(m: re.Match[str]) -> int:
    value = int(m.group("pounds").replace(",", "")) * 100 + int(m.group("pence"))
    if m.group("sign") or m.group("sign2") or m.group("sign3"):
        value = -value
    return value


# A currency printed in brackets after a label ("Total (GBP)", "Cash (GBP)",
# "Card (EUR)", Malaysia's "TOTAL (RM)", "Yht. (kr)"): not part of the label's
# words. Its ISO code, or the mark its locale prints.
_CURRENCY_IN_BRACKETS = re.compile(r"\s*\(\s*(?:gbp|eur|usd|£|€|\$|" + _CODES + "|"
                                   r"myr|sgd|hkd|jpy|cny|vnd|thb|idr|php|try|aed|"
                                   r"[¥₫₩₺₹]|" + _WORD_MARKS + r")\s*\)\s*$", re.I)


# A number where a till prints an amount, written as a program prints a
# number ("290", "676.8", "-35", "71.4€"): after a label's colon, a currency
# code ("Ksh 810"), an "@" (a unit price) or in a column of its own (two
# spaces or more before it), perhaps a second one after it, maybe past an
# arrow or "=" ("@ 18  ->  36": the unit price makes the value).
# ... or after a dash between spaces ("Gyros pizza 45cm - 4690 Ft") or a
# whole-unit currency's mark ("Total  ¥300"), its
# currency's code or mark after it, and a box's edge ("|Vegosszeg: 2241.0 Ft|").
# ... or after a count and its times sign ("3 x 12900 COP", ITEMS.md).
_BARE_AMOUNT = re.compile(r"(?:(?<=:\s)|(?<=\s\s)|(?<=@\s)|(?<=\s-\s)|(?<=\s[¥₩₫])|"
                          # a unit price after a count and its times sign, as after
                          # "@" ("3 x 12900 COP": a whole-unit currency's count row)
                          r"(?<=\d\s[xX×]\s)|(?<=\d[xX×]\s)|"
                          r"(?<=(?-i:" + _CODES + r")\s))"
                          r"(?P<n>-?\d{1,7})(?:\.(?P<d>\d))?"
                          r"(?=\s?(?:[£€]|(?-i:" + _CODES + "|" + _WORD_MARKS + r"))?\s*\|?\s*$|"
                          r"(?:\s{2,}|\s+(?:->|=>|=|\u2192)\s+)"
                          r"-?\d{1,7}(?:\.\d)?\s?[£€]?\s*$)")


def with_pence(text: list[str], number_label: re.Pattern[str]
               ) -> tuple[list[str], bool] | None:
    """A receipt's amounts printed as a program prints numbers ("BILL
    TOTAL:  290", "Paneer Roll  2  75  150", "VAT @ 18%: 676.8", beside
    "11.92"), written with two decimals so the rules can read them, and
    whether one was a whole number ("290": whole pounds, or pence a till
    prints without its point? the paper does not say); None when there is
    none. A number under a number's label (``number_label``: "Bill No. :
    94248") stays as printed. Trusted only where the receipt's arithmetic
    then reconciles (``reader.interpret``)."""
    out, whole = [], False

    def pence(m: re.Match[str]) -> str:
        nonlocal whole
        whole = whole or m["d"] is None
        return f"{m['n']}.{m['d'] or 0}0"

    for t in text:
        if not ((m := number_label.search(t)) and _DIGIT.search(m["no"])):
            t = _BARE_AMOUNT.sub(pence, t)
        out.append(t)
    return None if out == text else (out, whole)
