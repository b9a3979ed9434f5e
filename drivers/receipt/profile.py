"""What a till's complete profile checks (templates learnt by ``agent receipt
learn``): a receipt of that till is read with its templates and the default
rules as always, and then held against what the profile knows of the till.

* Every line must be one the profile knows for where it is printed: above
  the items (``header``), among them up to the total (``body``), below the
  total (``footer``); a line read as an item must have the shape of the
  till's item lines (``items``). A line nobody taught (the till's layout
  changed, a new kind of line, an item line the rules misread) is a
  ``template_miss``, never a trusted reading.
* Every field the till always prints (``expect``: a date, a time, the
  receipt number, the tender, the account) must have been read.

``template_misses`` says why, in plain words, for the technician and the
till supplier.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from drivers.receipt.amounts import parse_money
from drivers.receipt.facts import _LABEL as _LABEL_FACT
from drivers.receipt.facts import _NOTHING, _Facts, facts_of
from drivers.receipt.labels import (
    _ACCOUNT,
    _DISCOUNT,
    _PAYOUT,
    _RECEIPT_NO,
    _REFUND,
    _REFUND_TENDER,
    _VOID,
)
from drivers.receipt.model import ParsedReceipt, Template
from drivers.receipt.numbers import _ORIGINAL
from drivers.receipt.offs import off_words
from drivers.receipt.tenders import CONTRACT_TENDERS, _key, builtin_tender

TEMPLATE_MISS = "template_miss"
# The fields a profile can expect on every receipt of its till.
EXPECTABLE = ("total", "date", "time", "receipt_no", "tender", "account")
REGIONS = ("header", "body", "footer")
ASIDE = "aside"  # a line the samples' arithmetic set aside (``set_aside``)
ITEM = "<item>"  # in an ``items`` pattern: where the rules read the item's description
# A profile's ``amounts``: the till prints its amounts in whole units of its
# currency ("290", "26.5": rupees as a program prints a number), as the
# technician confirmed on its samples.
WHOLE_UNITS = "whole"
AMOUNTS = ("", WHOLE_UNITS)
# A profile's ``unnamed_tender``: what a sale of its till is that hands over
# exactly its total and prints no word for how it was paid ("Tendered 4.20"
# / "Change 0.00" alone), as the technician confirmed on its samples: one of
# the contract's words, or ``UNSAID`` (the till never says: the journal's
# default, as for a receipt printing no tender at all). Without one such a
# receipt is flagged ``unread_tender``.
UNSAID = "unsaid"
UNNAMED_TENDERS = (*CONTRACT_TENDERS, UNSAID)


def complete(templates: tuple[Template, ...]) -> bool:
    """Whether the templates make a complete profile (they know every line)."""
    return any(t.header or t.body or t.footer or t.items or t.aside or t.expect
               for t in templates)


def whole_units(templates: tuple[Template, ...]) -> bool:
    """Whether a profile confirms the till prints whole units (``WHOLE_UNITS``):
    then a receipt read from whole numbers is what the till prints, no doubt."""
    return any(t.amounts == WHOLE_UNITS for t in templates)


def unnamed_tender(templates: tuple[Template, ...]) -> str | None:
    """What the profile says a sale handing over exactly its total with no
    tender word is (``UNNAMED_TENDERS``), or None: it does not say."""
    return next((t.unnamed_tender for t in templates if t.unnamed_tender), None)


def region_of(after_total: bool, items: int) -> str:
    """Where a line is printed: below the total, among the items, above them."""
    return "footer" if after_total else "body" if items else "header"


def knows(templates: tuple[Template, ...], line: str, region: str, item: str | None) -> bool:
    """Whether the profile knows ``line`` (normalised) printed in ``region``;
    ``item``: the description the rules read from it when they read it as
    an item line (None: not an item). An item line is known when its shape
    is one of the till's item lines with the description where the rules
    read it (``ITEM`` in ``items`` stands for it): "Flat white 3 @ £2.30"
    read as "Flat white 3" is not the shape "<item> 3 @ £2.30". A line the
    templates set aside (``ignore``: "Kwota A 23,00%  4,86") is known."""
    if any(t.ignore is not None and t.ignore.search(line) for t in templates):
        return True
    if item is not None:
        # (an article number read first, its name from the line below: the
        # line as printed; but never an amount off, which samples printing
        # it at nothing, "İndirim (0.0%): -0.00 TL", did not teach. A line
        # the samples' arithmetic set aside is ``set_aside``'s.)
        probe = line.replace(item, ITEM, 1) if item and item in line else line
        printed = probe == line or not (_DISCOUNT.search(line) or off_words(line))
        return any(t.items is not None and (t.items.fullmatch(probe)
                                            or (printed and t.items.fullmatch(line)))
                   for t in templates)
    return any((rx := getattr(t, region)) is not None and rx.fullmatch(line) for t in templates)


def set_aside(templates: tuple[Template, ...], line: str) -> bool:
    """Whether ``line`` (normalised) is one the samples printed and their
    arithmetic set aside ("Deposit  0.10" read as an item, confirmed none):
    known only where a receipt's reading sets it aside too."""
    return any(t.aside is not None and t.aside.fullmatch(line) for t in templates)


class Settled(NamedTuple):
    """What a receipt's reading settled, that ``untaught`` weighs a line no
    sample printed against."""

    reconciled: bool = False  # its items add up to its total (no ``unparsed_receipt``)
    paid_with: frozenset[str] = frozenset()  # the tenders read (a split's parts too)
    cash_total: int | None = None  # the total, when cash paid it
    change: int | None = None  # the change the rules read by its label
    tendered: int | None = None  # the cash the rules read handed over for it
    paid_through: bool = False  # one card or payment provider paid the whole total
    refund_no: str | None = None  # a refund's own number, as read
    kind: str = "sale"  # sale, refund or void, as read
    # Every line no sample printed counts, but those the profile knows the
    # kind of as its proof was taught to (``fits`` without notices between
    # marks, a balance, money handed over): what proves a layout
    # (``receipt_learn_proof``). A line that describes what a receipt read
    # (a card's slip, a refund's reference), a discount's money proven,
    # change under the cash tendered, are still lines the samples never
    # printed: a till printing such lines on some receipts has not shown its
    # layout in five, and a layout they would complete flags what else its
    # receipts print.
    novel: bool = False


def untaught(unknown: list[tuple[str, str]], offs: list[tuple[str, str]],
             lines: object, templates: tuple[Template, ...] = (),
             read: Settled = Settled()) -> list[tuple[str, str]]:
    """The lines a complete profile was not taught: ``unknown`` (line,
    where), and, on a receipt whose arithmetic did not reconcile, each
    discount read as an item that no sample taught (``offs_kept``; where it
    reconciles, its money is proven and only its being a line is not:
    ``lines_ambiguous``, ``result``). When the receipt's arithmetic
    reconciled (``read``), an unknown line that prints no value and fits
    what the profile knows (``fits``) is no alarm; nor, when a tender was
    read too, is money below the total that the default rules know by its
    label as paying nothing (``_pays_nothing``: "Free Meal remaining
    £2.30"; among the items, a new amount is flagged), nor, when the tender
    read is cash, the money handed over and the change below the total
    that make it (``handed_over``: "Valor Entregue: 20,00 €" / "Troco: 0,07
    €"; the change the rules read themselves, "Troco" by its label, counts,
    and so does the cash they read handed over: "NUMERAR 30.00" / "REST
    6.00" under 24.00), nor a line that describes what the reading already
    read (``described``: a card's slip under the card that paid, a refund's
    reference to the sale it undoes, a notice naming a tender read)."""
    offs_untaught = [(line, "items") for line in offs_kept(offs, lines)]
    if not read.reconciled:
        return [*unknown, *offs_untaught]
    kept = {ln.description for ln in lines}  # type: ignore[attr-defined]
    handed = handed_over(unknown, read.cash_total, read.change,
                         None if read.novel else read.tendered) \
        if read.paid_with and read.cash_total else set()
    return [(line, r) for line, r in unknown
            if not fits(templates, line, r, kept, read.novel)
            and (read.novel or r != "items" or not counted(templates, line, kept))
            and not (read.paid_with and r == "footer" and _pays_nothing(line))
            and line not in handed and (read.novel or not described(line, r, read))
            ] + (offs_untaught if read.novel else [])


# A count printed before an item's name ("2 x Yoghurt £0.80", "3× Latte").
_COUNT_FIRST = re.compile(r"^\d{1,3}\s?[x×]\s+", re.I)


def counted(templates: tuple[Template, ...], line: str, kept: set[str]) -> bool:
    """Whether an item ``line`` no sample printed is the shape of the till's
    item lines with a count printed before the name ("2 x Yoghurt £0.80"
    where five samples sold one of each: "Yoghurt £0.40"), the name one the
    reading kept: on a receipt whose items add up, the arithmetic proves
    its value, and the count is read as the default rules read any ("N x")."""
    if (m := _COUNT_FIRST.match(line)) is None:
        return False
    rest = line[m.end():]
    return any(d and d in rest and knows(templates, rest, "items", d) for d in kept)


def offs_kept(offs: list[tuple[str, str]], lines: object) -> list[str]:
    """The discounts below the subtotal that no sample taught (``offs``:
    line, description) which the reading kept among its ``lines`` (one the
    receipt's arithmetic set aside is no item). Tills differ on whether
    such a discount is a line of the sale (most print it as one); on a
    receipt whose items, with it, add up to the total printed, its money
    is what the arithmetic proves, and its being a line is what the samples
    did not show."""
    kept = {ln.description for ln in lines}  # type: ignore[attr-defined]
    return [line for line, desc in offs if desc in kept]


# What five samples cannot show (a card's slip where they all paid cash, a
# refund where they were all sales) but the paper itself says carries no
# field: lines describing what the receipt already read. A card's slip
# (EMV's receipt data, TENDERS.md "A card slip under the card that paid"):
# the card's number masked as card schemes require ("************4322",
# "OCA ****7099"), and the terminal's references under their labels
# ("Auth Code : 43532", "Tranx ID : 781233", "TID: 12345678", "AID:
# A0000000031010"; a wallet's "Txn ID:").
_MASKED = re.compile(r"(?:\*{3,}|[xX]{4,})[\s*xX-]*\d{3,4}\b")
_SLIP_LABEL = re.compile(r"^(?:[^\W\d_]+\s+)?(?:auth(?:ori[sz]ation)?|approval|appr|txn|tranx?|"
                         r"trans(?:action)?|tid|mid|terminal|aid|rrn|stan|batch)"
                         r"(?:\s+(?:code|no|nr|number|id|ref))?\.?\s*[:#]", re.I)


def described(line: str, region: str, read: Settled) -> bool:
    """Whether an untaught ``line`` describes what the reading already
    ``read``, and so changes no field of it: printed with no amount, date or
    time, and no account, refund or total the default rules read in it,
    either a card's slip (``_MASKED``, ``_SLIP_LABEL``) below the total of a
    receipt paid in whole by one card or payment provider (no purse, no
    account, no cash), or, on a refund whose own number was read from
    another line, the reference to the sale it undoes ("Ref.: FS
    A2026/284", "Ref.: e-Ticket A-0011807": ``numbers._ORIGINAL``,
    NUMBERS.md), or a notice printed between marks naming a tender the
    reading read ("* FREE MEAL *" over a free meal's part), or, on a
    receipt read as a refund, a notice naming the refund among what it
    says ("MEAL CANCELLED - REFUND": ``refund_notice``). A line naming an
    account ("Pupil card ****1234") is never such."""
    if _VALUE.search(_RATE.sub("", line)) or _ACCOUNT.search(line):
        return False
    if (notice := _DECORATED.sub("", line)) != line and not re.search(r"\d", notice) \
            and (tender := facts_of(notice).tender) is not None:
        # (a tender the reading read, by its table or its family)
        return _says_no_field(notice, tender) and (
            builtin_tender(_key(tender)) or tender) in read.paid_with
    if read.kind == "refund" and refund_notice(line):
        # (each part but the banner says nothing: read whole, "Dinner |
        # Refunded" is a label in two languages whose known half is the
        # refund's total label, bilingual.py; with no amount it reads none)
        return all(_says_no_field(p) for p in _NOTICE_PARTS.split(line) if not _REFUND.match(p))
    if not _says_no_field(line):
        return False
    if read.paid_through and region == "footer" \
            and (_MASKED.search(line) or _SLIP_LABEL.match(line)):
        return True
    return bool(read.refund_no) and read.refund_no not in line and refers_elsewhere(line)


_WORD_START = re.compile(r"(?<=\s)\S")


def refers_elsewhere(line: str) -> bool:
    """Whether ``line`` refers to another document by the words before its
    label or number ("Ref.: e-Ticket A-0011807", "Original Invoice:
    1-3-2-908": ``numbers._ORIGINAL``, NUMBERS.md): what a refund prints of
    the sale it undoes."""
    return any(_ORIGINAL.search(line, 0, m.start()) for m in _WORD_START.finditer(line))
# The parts of a notice a till prints apart ("MEAL CANCELLED - REFUND",
# "AD-DALIAD / REFUND"): a dash, a slash or a bar with spaces around it.
_NOTICE_PARTS = re.compile(r"\s+[-–/|]\s+")


def refund_notice(line: str) -> bool:
    """Whether ``line`` is a notice one of whose parts is a refund's banner
    ("MEAL CANCELLED - REFUND": what was undone, then the banner; the
    default rules read a banner only alone on its line) and none a void's
    or a payout's, no digit in it (no number, account or amount: "Refund -
    Acc No: 104233" is an account's line): on a receipt read as a refund
    by its own money, it says what the reading read (KIND.md)."""
    parts = _NOTICE_PARTS.split(line)
    return len(parts) > 1 and not re.search(r"\d", line) and any(_REFUND.match(p) for p in parts) \
        and not any(_VOID.match(p) or _PAYOUT.match(p) for p in parts)


def _says_no_field(line: str, tender: str | None = None) -> bool:
    """Whether the default rules read from ``line`` no account, refund, void
    or total, and no tender but ``tender``: a line without an amount
    (``facts._LABEL``) that names none of them."""
    f = facts_of(line)
    return f.kind == _LABEL_FACT and f.tender == tender and not (
        f.account or f.account_promised or f.person_id or f.banner or f.money_back
        or f.total_label or f.no_title)


def vouched(unknown: list[tuple[str, str]], missing: list[str], reading: ParsedReceipt,
            defaults: ParsedReceipt) -> bool:
    """Whether the default rules vouch for a complete profile's ``reading``
    of a receipt printing lines no sample printed (``unknown``, what
    ``untaught`` left: line, where), so that those lines are no alarm.

    A profile's ``template_miss`` is its doubt about paper its samples never
    showed: it may not trust a reading they did not prove. It need not doubt
    what it does not claim to have proven: where the defaults, reading the
    whole receipt without the profile's layout (the rules without its
    templates, as ``reader._held_to_defaults`` holds it to: the site's
    tender words kept), read it exactly as the profile did
    (every field: kind, items, total, tender and a split's parts, number,
    date, account) and doubt nothing the profile's reading does not
    (``defaults``' flags among ``reading``'s), the reading is the defaults'
    own, trusted as they would trust it. And each unseen line must be one
    the defaults read nothing of the sale from (``says_nothing``: "Account
    overdrawn | Cyfrif wedi gorwario", a refund's "RETURBON" over money the
    defaults read as a refund too, "OFFLINE - SENT LATER"), or, below the
    total, a balance they know by its label as paying nothing
    (``_pays_nothing``). A line that prints an amount under words the
    defaults do not know, names a way to pay, an account or a number, a line
    read as an item, or a field every sample printed and this receipt did
    not (``missing``) stays an alarm: there the profile's doubt is the only
    one, and a wrong charge to a parent is what it stands between."""
    return bool(unknown) and not missing \
        and all(r in REGIONS and (says_nothing(line, reading.kind)
                                  or (r == "footer" and _pays_nothing(line)))
                for line, r in unknown) \
        and set(defaults.flags) <= set(reading.flags) and _fields(reading) == _fields(defaults)


def _fields(p: ParsedReceipt) -> tuple:
    """Every field a reading gives the journal (its flags apart)."""
    return (p.kind, p.lines, p.total_pence, p.tender, p.tenders, p.receipt_no, p.occurred,
            p.account, p.reprint)


# A number of at most six digits standing alone as a word, or after a
# currency's mark or a label's colon: perhaps an amount in whole units
# ("Cashback 500", "Extra:150"), a year group or a count; a code is longer
# ("MST: 0312345678") or of letters and digits ("f07f98f6-7d82-...").
_WHOLE_NUMBER = re.compile(r"(?:^|(?<=[\s:£$€]))\d{1,6}(?=\s|$)")
# The facts of a line the default rules read nothing from: a label's words alone.
_NOTHING_READ = _Facts(_LABEL_FACT)


def says_nothing(line: str, kind: str) -> bool:
    """Whether the default rules read nothing of a sale from ``line``
    (normalised) on a receipt read as ``kind``: no amount, date or time
    (``_VALUE``; nor a number alone that may be an amount in whole units),
    no account's label with a number nor a number masked ("Adm No:
    ****3218": whose account, the defaults cannot read; "Account
    overdrawn" names none), no reference to another document
    (``refers_elsewhere``: a credit note's "Ref.: e-Ticket A-0011807" on a
    sale), no banner of a refund, a void or a payout unless one names
    ``kind`` ("*** VOID / REFUND ***" over a refund; "MEAL TOKEN -
    CANCELLED" is no sale's), and words only
    (``facts._LABEL``) in which they find no tender, account, number, total,
    money given back or anything else a field is read from ("MST:
    0312345678", a tax code; "Freya Evans Nursery"), printed between marks
    or not ("* FREE MEAL *" names a tender), but for the banner's parts of
    a notice naming the kind ("*** VOID / REFUND ***"). Any fact the
    defaults read of the line (the facts' fields but its text) makes it
    say something."""
    if _VALUE.search(_RATE.sub("", line)) or _WHOLE_NUMBER.search(line) \
            or (_ACCOUNT.search(line) and re.search(r"\d", line)) or _MASKED.search(line) \
            or refers_elsewhere(line):
        return False
    notice = _DECORATED.sub("", line)
    parts = _NOTICE_PARTS.split(notice)
    kinds = {k for p in parts if (k := banner_kind(p))}
    if kinds and kind not in kinds:
        return False
    # (a banner's part names the kind read: the rest must say nothing)
    return all(_reads_nothing(text) for text in (
        [p for p in parts if not banner_kind(p)] if kinds else {line, notice}))


def _reads_nothing(text: str) -> bool:
    """Whether the default rules' facts of ``text`` are a label's words alone."""
    return facts_of(text)._replace(text="", normal="", key="", name_only=False,
                                   indent=0) == _NOTHING_READ


def banner_kind(part: str) -> str | None:
    """The kind of operation a notice's part is the default rules' banner of
    ("REFUND", "VOID", "Refunded to": a refund, its money back), or None."""
    if _REFUND.match(part) or _REFUND_TENDER.match(part):
        return "refund"
    if _VOID.match(part):
        return "void"
    return "payout" if _PAYOUT.match(part) else None


# A line's last amount ("Valor Entregue: 20,00 €", "Cash given  EUR 10,00").
_LAST_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]?\d{3})*[.,]\d\d)(?![\d.,]*\d)")


def handed_over(unknown: list[tuple[str, str]], total: int,
                change: int | None = None, tendered: int | None = None) -> set[str]:
    """The lines below the total no sample taught that are the money handed
    over and the change given for a cash ``total``, by the receipt's own
    arithmetic: a line's amount less another's is the total ("Valor
    Entregue: 20,00 €" / "Troco: 0,07 €" under 19,93; change 0 for exact
    money), or less the ``change`` the rules read by its label, or the cash
    the rules read ``tendered`` less a line's amount is ("NUMERAR 30.00" /
    "REST 6.00" under 24.00: the change). Only cash gives change; any other
    pair is no such thing."""
    amounts = [(line, parse_money(m.group(1))) for line, r in unknown if r == "footer"
               and (m := _LAST_AMOUNT.search(line)) is not None]
    out: set[str] = set()
    for given, a in amounts:
        if a is not None and change is not None and a - change == abs(total):
            out.add(given)
        if a is not None and tendered is not None and tendered > abs(total) \
                and tendered - a == abs(total):
            out.add(given)  # (the change, under the cash tendered)
        for back, b in amounts:
            if back != given and a is not None and b is not None and a - b == abs(total):
                out |= {given, back}
    return out


# An amount, a date or a time (a rate, "10,00%", is none): a line printing
# one is known only by a shape a sample taught.
_VALUE = re.compile(r"\d[.,]\d\d(?!\d)|\d[/.-]\d+[/.-]\d|\d:\d\d")
_RATE = re.compile(r"\d+(?:[.,]\d+)?\s?%")
# An item's count printed with its name ("2x Airtime K20", "Eggs tray 30 x3").
_COUNT = re.compile(r"(?<![^\W_])(?:\d+\s?[x×]|[x×]\s?\d+)(?![^\W_])", re.I)
_WORD = re.compile(r"[^\W\d_]+")


def fits(templates: tuple[Template, ...], line: str, region: str, kept: set[str],
         novel: bool = False) -> bool:
    """Whether a line no sample printed is still one the profile knows the
    kind of, on a receipt whose arithmetic reconciles: a line with no
    amount, date or time that is an item's name the reading kept ("1 Oat
    milk 1L" above its prices, "2x Airtime K20" with its count; not below
    the total), or whose words, without
    a digit, are all words the profile prints as the till printed them in
    that part ("GRACIAS POR SU COMPRA" where "¡GRACIAS POR SU COMPRA!" was
    taught), or a label the profile prints anywhere with a value ("VAT:
    DE318402917"), or a note ("Notes: No ice"). Unless ``novel`` (a
    layout's proof: ``Settled.novel``), also a name's rest the reading
    joined to a kept item's name ("almendras 500g" under "Frutos secos",
    wrapped in its cell) and a note between marks ("** Special diet: NO
    NUTS **"). A line with an amount, or read as an item, never fits: a
    changed layout's new money is flagged (but see ``untaught``)."""
    if region not in REGIONS or _VALUE.search(_RATE.sub("", line)):
        return False
    if region != "footer" and any(
            d and d in line and not _WORD.search(_COUNT.sub("", line.replace(d, "", 1)))
            for d in kept):
        return True
    if not novel and region != "footer" \
            and any(len(d) > len(line) and d.endswith(" " + line) for d in kept):
        return True  # a name's rest the reading joined to it ("almendras 500g", wrapped)
    words = _WORD.findall(line)
    known = set().union(*(_taught_words(rx.pattern) for t in templates
                          if (rx := getattr(t, region)) is not None))
    if words and not re.search(r"\d", line) and all(w in known for w in words):
        return True
    # "VAT: DE318402917": a label the till prints elsewhere, and a value
    # with no amount, date or time (as a label taught takes any such value)
    anywhere = set().union(*(_taught_words(rx.pattern) for t in templates for r in REGIONS
                             if (rx := getattr(t, r)) is not None))
    label = _LABEL.match(line)
    if label is not None and all(w in anywhere for w in _WORD.findall(label.group(1))):
        return True
    if not novel and _a_person(line):
        return True  # ("Staff Mr Penrose" where the samples were pupils', not ``novel``)
    # ("** Special diet: NO NUTS **": the note between its marks, not ``novel``)
    return _a_note(line if novel else _DECORATED.sub("", line))


def _pays_nothing(line: str) -> bool:
    """Whether the default rules know ``line`` by its label as an amount
    that pays nothing and is no discount: a balance left, a limit, a
    saving ("Balance remaining £16.66", "Spend limit left today £2.30").
    On a receipt whose money reconciles without it and whose tender was
    read, it changes no field read, whichever till prints it (a sample
    that paid by another purse never printed that purse's balance)."""
    f = facts_of(line)
    return f.kind == _NOTHING and not f.discount and not f.banner \
        and any(ch.isalpha() for ch in line) and f.tender is None


# The marks a till prints a notice between ("** ... **", "== ... =="): no words.
_DECORATED = re.compile(r"^[*=#~<>-]+\s*|\s*[*=#~<>-]+$")
# A label and words without a digit: "Notes: No ice", "Verified By : PIN".
# A table's number, where a bar or a restaurant's diners sat ("Table 19",
# "Tisch 4", "Mesa 3", "Tavolo 12", "Tafel 7"): a place, never a person
# nor a sale.
_TABLE_NO = re.compile(r"\b(?P<word>(?i:table|tisch|mesa|tavolo|tafel))\s*(?:no\.?\s*)?\d{1,3}\b")
_NOTE = re.compile(r"([^\W\d_][^:\d]{0,30}):\s*(?P<value>[^\W\d_][^\d]*)")


def _a_note(line: str) -> bool:
    """Whether ``line`` is a note the default rules read nothing from: a
    label and words, no digit (no amount, number, date or account), neither
    a tender ("Paid by: Voucher"), an account's or a number's label
    ("Customer: Bob", "Receipt: ABCDEF"; but a person's name under an
    account's label, "Customer: Kofi Boateng", is a note: an account is one
    code, never a name) nor a refund or a void ("Type: Refund"). On a
    receipt that reconciles it changes no field read. A table's number is
    such a word ("Tab: Table 19": where the diners sat, ``_TABLE_NO``)."""
    line = _TABLE_NO.sub(r"\g<word>", line)
    m = _NOTE.fullmatch(line)
    if m is None:
        return False
    value = facts_of(m.group("value"))
    return (facts_of(line).tender is None and not value.banner
            and (_ACCOUNT.search(line) is None or _PERSON.fullmatch(m["value"].strip()))
            and _RECEIPT_NO.search(line) is None)


# A person's name: two words or more, each a capital and small letters
# ("Kofi Boateng"; never one code, "SMITHJ", "Bob").
_PERSON = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_A-Z]+(?:[ '-][A-ZÀ-ÖØ-Þ][^\W\d_A-Z]+)+")
# ... or a title and a surname, as a school's till prints its staff ("Mr
# Penrose", "MS OKORO", "Mrs J Kerr").
_TITLED = re.compile(r"(?i:mr|mrs|ms|miss|mx|dr)\.?(?:\s+[A-Z]\.?)?\s+[A-Z][A-Za-z'-]+")
# Whom a sale was for, by their role: "Staff Mr Penrose", "Visitor: Jane Smith".
_ROLE = re.compile(r"(?i:staff|teacher|visitor|guest|adult)\s*:?\s+(?P<name>.+)")


def _a_person(line: str) -> bool:
    """Whether ``line`` names whom the sale was for, by a role and a name
    ("Staff Mr Penrose", "Staff  MS OKORO"): no digit, no account or number
    the default rules read in it (a staff member's card or payroll number
    is an account's line: ``labels._ACCOUNT``). On a receipt whose money
    reconciles it changes no field read: a school's till prints it where a
    pupil's sale prints the pupil, and five samples that were all pupils'
    did not show it."""
    m = _ROLE.fullmatch(line)
    return m is not None and not re.search(r"\d", line) \
        and bool(_PERSON.fullmatch(m["name"]) or _TITLED.fullmatch(m["name"])) \
        and _says_no_field(line)


# A label and its value: "Served by: Mrs Patel" (no digit in the label).
_LABEL = re.compile(r"([^\W\d_][^:\d]{0,30}):\s*\S")


@lru_cache(maxsize=64)
def _taught_words(pattern: str) -> frozenset[str]:
    """The words (two letters or more) a learnt pattern holds as printed (not
    the letters of its escapes: ``\\d``, ``\\W``)."""
    # (not the words of a kind either: "(?i:am|pm)", "(?i:jan|feb|...)")
    return frozenset(re.findall(r"(?<![\\\w])[^\W\d_]{2,}", re.sub(r"\(\?i:[^)]*\)", "", pattern)))


def expected(templates: tuple[Template, ...]) -> tuple[str, ...]:
    """The fields the profile expects on every receipt."""
    out: list[str] = []
    for t in templates:
        out += [f for f in t.expect if f not in out]
    return tuple(out)


def missing_fields(templates: tuple[Template, ...], total: object, day: object, time: object,
                   receipt_no: object, tenders: object, account: object) -> list[str]:
    """The expected fields a receipt did not print (or the rules did not read)."""
    read = {"total": total is not None, "date": day, "time": time, "receipt_no": receipt_no,
            "tender": tenders, "account": account}
    return [f for f in expected(templates) if not read[f]]


def template_misses(unknown: list[tuple[str, str]], missing: list[str]) -> list[str]:
    """The reasons a receipt is a ``template_miss``, in plain words."""
    where = {"header": "above the items", "body": "among the items",
             "footer": "below the total", "items": "as an item",
             ASIDE: "as an item (its samples' arithmetic set it aside)"}
    out = [f"a line the profile was not taught {where[r]}: {line!r}" for line, r in unknown]
    out += [f"no {f.replace('_', ' ')} read, though every sample printed one" for f in missing]
    return out


def no_tender(line: str) -> bool:
    """Whether the default rules know ``line`` by its label as something
    that is no payment (a balance, a saving, a count, a discount): the
    learner never takes its words for the till's tender."""
    f = facts_of(line)
    return f.discount or (f.kind == _NOTHING and any(ch.isalpha() for ch in line))


def read_date(text: str, fmt: str) -> tuple[date | None, tuple[int, int, int] | None]:
    """The date (and time, when the format has one) printed in ``text`` as
    ``fmt`` says (``datetime.strptime``; case and runs of spaces
    tolerated, a day's ordinal ending too: "5th"); (None, None) when it is
    not printed so."""
    try:
        dt = datetime.strptime(_ORDINAL.sub("", " ".join(text.split())), fmt)
    except ValueError:
        return None, None
    has_time = re.search(r"%[HIMS]", fmt) is not None
    return dt.date(), ((dt.hour, dt.minute, dt.second) if has_time else None)


# A day's ordinal ending ("5th", "22nd"): strptime has no directive for it.
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)
_DIRECTIVES = set("dmbBaAyYHIMSpj%")


def date_format_problem(fmt: str) -> str | None:
    """Why ``fmt`` cannot be a receipt's date format (None: it can): only
    strptime's date and time directives, with a day, a month and a year, and
    a date it prints reads back as that date."""
    bad = sorted({d for d in re.findall(r"%(.?)", fmt) if d not in _DIRECTIVES})
    if bad:
        return (f"unknown directive(s) {', '.join('%' + d for d in bad)}: use %d %m %b %B "
                "%y %Y %H %I %M %S %p %a %A")
    parts = set(re.findall(r"%(.)", fmt.replace("%%", "")))
    if not ({"d", "j"} & parts and ({"m", "b", "B", "j"} & parts) and {"y", "Y"} & parts):
        return "needs a day (%d), a month (%m, %b or %B) and a year (%y or %Y)"
    sample = datetime(2026, 11, 28, 15, 21, 29)
    if read_date(sample.strftime(fmt), fmt)[0] != sample.date():
        return "a date printed this way does not read back as that date"
    return None
