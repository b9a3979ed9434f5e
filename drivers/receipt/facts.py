"""What one line says, whatever the receipt read before it.

What the default rules read from a line depends on the line alone; only
whether it is used depends on what the receipt has read so far (a total
already, an account already, ...). So the line is read once into its facts
(``_Facts``, by ``_facts``) and each receipt applies them to its state
(``apply._apply``). A till prints the same headers, rules, items,
totals and footers again and again, so the facts are kept per distinct line
text (``_FACTS``, bounded). The facts are computed from the text alone (no
receipt state, no clock, no site rules), so a remembered answer is the
answer."""

from __future__ import annotations

import re
from typing import NamedTuple

from drivers.receipt.amounts import (
    _AMOUNT,
    _CURRENCY_IN_BRACKETS,
    _DECIMALS,
    _MONEY_END,
    MONEY,
    _pence,
)
from drivers.receipt.bilingual import joined_by_dash, joined_tight, may_be_two, one_language
from drivers.receipt.columns import (
    _labelled_cells,
    _last_cell,
    _readings,
    _whole_pounds_item,
    count_in_money,
    quantity_first,
)
from drivers.receipt.dates import _DATE_DMONY, _DATE_DMY, _read_when
from drivers.receipt.doc_words import PERSON_ID
from drivers.receipt.headings import column_headings
from drivers.receipt.labels import (
    _BELONGS_TO,
    _CHANGE,
    _CHARGE_TITLE,
    _DISCOUNT,
    _DISCOUNT_RATE,
    _IGNORED,
    _MARKED_LABEL,
    _NUMBER_ALONE,
    _NUMBER_FIRST_TITLE,
    _NUMBER_TITLE,
    _PAID,
    _PAYOUT,
    _REFUND,
    _REFUND_TENDER,
    _SUBTOTAL,
    _TAX,
    _VOID,
    bare_code,
    card_number_printed,
    pupil_number_printed,
)
from drivers.receipt.memo import remembered
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.numbers import (
    _A_DATE,
    _DIGITS4,
    _numbers,
    _unplaced_code,
    accounts_joined,
    people_joined,
)
from drivers.receipt.offs import credit_off, off_words, rate_off
from drivers.receipt.paid_for import paid_for, plan_drawn
from drivers.receipt.stored_value import balance_holder
from drivers.receipt.tax_lines import (
    ASIDE,
    NET_ONLY,
    NET_SUBTOTAL,
    ROUNDED,
    SUBTOTAL,
    TAX,
    exempt_label,
    net_label,
    rounding_label,
    tax_row,
)
from drivers.receipt.tenders import (
    _WAY_BACK_ABROAD,
    _key,
    _tender_word,
    card_surcharge,
    contract_tender,
    labelled_way,
    named_tender,
    unmapped_kind,
    way_back_abroad,
)
from drivers.receipt.total_labels import (
    _AT_END,
    _EDGES,
    _NOT_TOTAL,
    _REFUND_TOTAL,
    total_rank,
    way_and_total,
)
from drivers.receipt.vocabulary import Vocabulary

_NOTHING = 0  # nothing to use: an amount alone, change, balance, a count
_TOTAL_FACT = 1  # the total
_SUBTOTAL_FACT = 2  # a subtotal (items add up to it, or it and the tax to the total)
_TAX_FACT = 3  # VAT / tax
_TENDER_FACT = 4  # a tender with its amount
_ITEM = 5  # an item (one or more readings), unless after the total
_LABEL = 6  # a line without an amount: account, number, tender, date, or a name
_LABELLED_AMOUNT = 7  # as _LABEL, unless after the total (a number or date with an amount)
_PAID_FACT = 8  # what was handed over
_CHANGE_FACT = 9  # the change given
_CELLS = 10  # labelled cells side by side ("Paid By: Cash   Amount: £4.23"): each its own line


class _Facts(NamedTuple):
    """What one line says, whatever the receipt read before it. A named
    tuple: immutable, as facts every receipt shares must be, and built in a
    fraction of a frozen dataclass's time (which sets each of its fields
    through ``object.__setattr__``): every new line's facts are built."""

    kind: int
    amount: int | None = None  # the line's last amount
    readings: tuple[ReceiptLine, ...] = ()  # _ITEM: the ways to read it, likeliest first
    account: str | None = None
    receipt_no: str | None = None
    # money went back: the number is printed as "Refund: 123", the total as "REFUNDED"
    refund_no: bool = False
    tender: str | None = None  # a tender word, as printed
    key: str = ""  # the label casefolded: the site's own tender words are looked up by it
    text: str = ""  # the normalised line (its date is read when the receipt needs one)
    name_only: bool = False  # _LABEL: nothing but words (maybe the next line's item name)
    negative_qty: bool = False  # _ITEM: a negative quantity ("x-1", "-2 x"): a refund's line
    bare_ref: bool = False  # _LABEL: receipt_no is a reference alone on its line
    unlabelled_no: bool = False  # _LABEL: receipt_no is a number alone at a header line's right
    weak_no: bool = False  # _LABEL: receipt_no is under "Ref": perhaps a payment's reference
    payment_no: bool = False  # _LABEL: receipt_no is under "Txn" or "Trans" (``weak_no`` late)
    discount: bool = False  # _ITEM: a discount (read after a total, up to the final one)
    rank: int = 1  # _TOTAL_FACT: 2 the final amount ("Grand Total"), 1 "Total", 0 "Net total"
    cells: tuple[str, ...] = ()  # _CELLS: the cells, read one by one
    normal: str = ""  # the line normalised (tabs, runs of spaces: one space)
    # "refund", "void" or "payout" (an operation no sale nor refund of one,
    # ``KIND.md``): the line is such a banner; "unsure": its two languages'
    # halves name two operations
    banner: str = ""
    # _NOTHING: a balance's holder ("Card Balance Remaining": "card"), if named
    balance_of: str = ""
    # _NOTHING: the amount of a label the rules set aside (change in words
    # they keep no count of, a balance, a saving): ``result.paid_proves``
    ignored_amount: int | None = None
    indent: int = 0  # the printed line's leading spaces
    # money went back ("Refunded to: Cash", "Cash refund  £2.50"), if the line pays
    money_back: bool = False
    # a title saying the document charges ("Nota de Débito de e-Ticket",
    # "e-Ticket": ``labels._CHARGE_TITLE``)
    charge_title: bool = False
    total_label: tuple[int, bool] | None = None  # _LABEL: a total's label alone: rank, refund
    unknown_words: bool = False  # _ITEM: words the rules do not know, with an amount
    # a refund's banner in one half of a line parted by a dash alone, no
    # banner in the other ("MEAL CANCELLED - REFUND", ``_two_banners``)
    refund_half: bool = False
    # _ITEM: an allowance's or credit's words over a negative amount
    # ("Free meal allowance  -2.30"): off the items, or after the total a
    # way paid no rule reads (``apply_items._item``)
    allowance: bool = False
    # _LABEL: a number in a column of its own after words the rules do not
    # know (the unlabelled receipt_no, or a code they do not read): in the
    # header, perhaps the receipt's number or an account
    unplaced: str | None = None
    # _LABEL: receipt_no is under a label naming what the receipt belongs
    # to (an order, a bill), not the receipt itself (``labels._BELONGS_TO``)
    belongs_no: bool = False
    # _LABEL: a number's label alone ("ORDER SLIP", "Receipt No:"): 2 the
    # receipt's own label, 1 an order's or a bill's; its number may be alone
    # on the next line (``alone_no``)
    no_title: int = 0
    alone_no: str | None = None  # _LABEL: the line is one code with a digit, no date
    # _LABEL: a total's label and a number no rule reads as an amount ("TOTAL
    # A PAYER TTC  71.4€"): a total was printed, its value not read
    total_unread: bool = False
    # _LABEL: a row of column headings ("CODIGO DESCRIPCION VALOR DESC."):
    # the columns it heads (``headings``), never an item's name
    columns: tuple[str, ...] = ()
    # _LABEL: an identifier alone under its short label ("ID: 1721898"): the
    # account of a person named by role on the line above (``apply._label``)
    person_id: str | None = None
    # _LABEL: a receipt number's label and mark open the line and no number
    # is read from it (perhaps on the next line: ``labels._MARKED_LABEL``)
    no_promised: bool = False
    # _LABEL: a pupil's number under its label and no account read from the
    # line (``labels.pupil_number_printed``)
    account_promised: bool = False
    # _LABEL: the way paid printed after the receipt's number on its line
    # ("Bon-Nr: 1860 - Bankomatkarte", ``way_after_number``), as printed
    no_tender: str | None = None
    # _LABEL: what a receipt without item rows says was bought ("Purpose:
    # School dinners", "Meals: 10"): its name and count (``paid_for``)
    paid_for: tuple[str, int] | None = None
    # _LABEL: the meal plan that paid, its meals and whether they went back
    # to it ("Meal plan: 1 meal", ``plan_drawn``)
    plan: tuple[str, int, bool] | None = None
    # _LABEL: a second account after the one read, under one label
    # ("Admission No.: 2956 / 2313": two pupils, ``numbers.accounts_joined``)
    several_accounts: bool = False
_NOTHING_FACTS = _Facts(_NOTHING)
# The families asked of a line or of a label cut from it, each only where
# the line holds one of its patterns' literals (``vocabulary``): a total's
# rank comes from its patterns reading the label (``_EDGES`` trims it,
# ``_AT_END`` and ``_NOT_TOTAL`` veto); the rest are the patterns asked here.
_TOTAL_WORDS = Vocabulary.of(total_rank, except_=(_EDGES, _AT_END, _NOT_TOTAL))
_BANNERS = Vocabulary("banners", (_VOID, _REFUND, _PAYOUT))
_CHARGE_TITLES = Vocabulary("charge titles", (_CHARGE_TITLE,))
_MONEY_BACK = Vocabulary("money back", (_REFUND_TENDER, _WAY_BACK_ABROAD))
_NOT_ITEMS = Vocabulary("ignored", (_IGNORED,))
_NUMBER_TITLES = Vocabulary("number titles", (_NUMBER_TITLE, _NUMBER_FIRST_TITLE))
_MARKED = Vocabulary("marked label", (_MARKED_LABEL,))
_PUPIL_NUMBER_WORDS = Vocabulary.of(pupil_number_printed)
_BARE_CODES = Vocabulary.of(bare_code)
_CARD_NUMBERS = Vocabulary.of(card_number_printed)
# The families an amount's label is asked of after a total's (``_money_label``).
_SUBTOTAL_WORDS = Vocabulary("subtotal", (_SUBTOTAL,))
_NET_WORDS = Vocabulary.of(net_label)
_EXEMPT_WORDS = Vocabulary.of(exempt_label)
_TAX_WORDS = Vocabulary("tax", (_TAX,))
_PAID_WORDS = Vocabulary("paid", (_PAID,))
_CHANGE_WORDS = Vocabulary("change", (_CHANGE,))
# Single patterns asked of nearly every new line or label in vain, each only
# where the text holds one of its literals (``vocabulary``).
_DISCOUNTS = Vocabulary("discounts", (_DISCOUNT,))
_PERSON_IDS = Vocabulary("person ids", (PERSON_ID,))
_HEADINGS = Vocabulary.of(column_headings)  # (a heading row's every word is a heading)
# A clause of a sentence: words, then one amount ending it.
_CLAUSE = re.compile(r"^[^\W\d_][^\d£€$]*?\s" + MONEY + r"$", re.I)
_FACTS: dict[str, _Facts] = {}
# Words, then one number where an amount belongs, in a shape no amount rule
# reads ("TOTAL TTC  71.4€", "Total 12"): perhaps a total's value.
_NUMBER_AFTER_LABEL = re.compile(r"^(?P<label>[^\W\d_][^\d]*?)\s*:?\s+[£€$]?\s?-?\d[\d.,]*"
                                 r"\s?[£€$]?$")


def facts_of(raw: str) -> _Facts:
    """What a printed line says (remembered per line text: a till prints the
    same lines all day); a blank line says nothing."""
    return remembered(_FACTS, raw, _line_is, raw)


def _line_is(raw: str) -> _Facts:
    normal = " ".join(raw.split())  # tabs, double spaces: one space
    return _facts(normal, raw) if normal else _NOTHING_FACTS


_NOTE_AFTER = re.compile(r"\s*\([^()]*\)$")


def _money_back(line: str) -> bool:
    """Whether ``line`` says the money went back ("Refunded to: Cash",
    "Cash refund  £2.50"), under a payment's label too ("Method: Refund to
    card", "Method: Cash refund  £9.60", "Paid by: Card refund": how it was
    paid, and that way back; a refund whatever sign its amounts print
    with, KIND.md); in other languages, the way one the tables know
    ("DEVOLUCIÓN A TARJETA  $80.00", "Zahlungsart: Erstattung bar")."""
    if _REFUND_TENDER.match(line) is not None:
        return True
    m = _MONEY_END.match(line)
    # (a note in brackets after the way is no part of it: "Paid by  Erstattung
    # bar (envelope)")
    label = _NOTE_AFTER.sub("", m["label"] if m else line)
    if way_back_abroad(label) is not None:
        return True
    way = labelled_way(label)
    return way is not None and (_REFUND_TENDER.match(way) is not None
                                or way_back_abroad(way) is not None)


def _facts(line: str, raw: str = "") -> _Facts:
    """What the default rules read in ``line`` (normalised, not empty);
    ``raw`` is the line as printed, its columns (two spaces or more) intact."""
    banner, refund_half = _two_banners(line) if may_be_two(line) else (_banner(line), False)
    if (cells := _labelled_cells(raw)) or (cells := _clauses(line)):
        return _Facts(_CELLS, cells=cells, normal=line, banner=banner, refund_half=refund_half)
    # What every line's facts carry, whatever the line says (built in once,
    # not copied in after).
    line_is = {"normal": line, "banner": banner, "refund_half": refund_half,
               "money_back": _MONEY_BACK.may_answer(line) and _money_back(line),
               "charge_title": _CHARGE_TITLES.may_answer(line)
               and _CHARGE_TITLE.match(line) is not None}
    f = _line_facts(line, raw, line_is)
    if f.kind in (_ITEM, _LABEL) and may_be_two(line) \
            and not card_surcharge(line) and f.account is None:
        # (a card surcharge's scheme in brackets, "Surcharge (Visa)", says
        # which card it is charged for: one label, never two languages; nor
        # does the way a card is read, "Meal card (barcode) 20719077": the
        # account read whole)
        halves = [g for g in (_line_facts(" ".join(one.split()), one, line_is)
                              for one in one_language(raw or line)) if _labelled(g)]
        said = {(g.kind, g.tender and (contract_tender(g.tender) or unmapped_kind(_key(g.tender))
                                       or _key(g.tender)))
                for g in halves}
        if halves and (not joined_tight(raw or line) and not joined_by_dash(raw or line)
                       or len(said) == 1):
            # (two halves joined by "/" alone that read as two different
            # things, "Cash/Card": which one the paper means is not known, and
            # "Prydau am ddim/FSM", "Siec/Cheque" one way in two languages; by " - ", two ways
            # that are not one in two languages, "CREDIT - CHEQUE RECEIVED": a
            # label and what it is for, "Arian parod - Cash" one)
            f = halves[0]
    if f.kind is not _TOTAL_FACT and _TOTAL_WORDS.may_answer(line) and _DECIMALS.search(line) \
            and (cell := _last_cell(raw)) is not None \
            and _is_total(normal := " ".join(cell.split())):
        # A total in the last cell, beside a tax summary or an items count
        # ("A: £2.25 net, £0.45 VAT    Total £2.70", "3 articles.  A total of £6.05").
        # (A total's amount has an amount's figures, ``amounts._DECIMALS``,
        # and its label a total's words: in a line without them no cell is
        # looked for.)
        f = _line_facts(normal, cell, line_is)
    return f


def _banner(line: str) -> str:
    """The banner ``line`` is ("void", "refund", "payout"), or ""."""
    return "" if not _BANNERS.may_answer(line) else "void" if _VOID.match(line) \
        else "refund" if _REFUND.match(line) else "payout" if _PAYOUT.match(line) else ""


def _two_banners(line: str) -> tuple[str, bool]:
    """The banner ``line`` is, read whole or by its halves in two languages
    ("AD-DALIAD (REFUND)", "REFUND | AD-DALIAD": either half alone;
    "REFUND - AD-DALIAD": under a dash alone, both halves, which as often
    join a title and what befell it, "MEAL TOKEN - CANCELLED"); "unsure"
    where the halves name two operations ("VOID / REFUND"). And whether a
    half after a dash alone says refund, the other half no banner ("MEAL
    CANCELLED - REFUND"): on a receipt read as a sale, the kind is not sure
    (KIND.md)."""
    if whole := _banner(line):
        return whole, False
    halves = [_banner(one) for one in one_language(line)]
    said = set(halves) - {""}
    if len(said) > 1:
        return "unsure", False
    if not said or ("" in halves and joined_by_dash(line)):
        return "", "refund" in said
    return said.pop(), False


def _labelled(f: _Facts) -> bool:
    """Whether ``f`` is what a label the rules know says (money, a number, a
    tender, a person's id: "SUID / ID : 2364322", or two: "SUID / ID :
    2364322, 5697655")."""
    return f.kind in (_TOTAL_FACT, _SUBTOTAL_FACT, _TAX_FACT, _TENDER_FACT, _PAID_FACT,
                      _CHANGE_FACT, _NOTHING) or bool(
        f.kind is _LABEL and (f.account or f.receipt_no or f.tender or f.total_label
                              or f.person_id or f.several_accounts))


def _clauses(line: str) -> tuple[str, ...]:
    """A sentence of labelled amounts ("Paid with £20.00, your change is
    £2.15"): its clauses, each read as a line of its own; else ()."""
    if ", " not in line:
        return ()
    clauses = tuple(c.strip() for c in line.split(", "))
    if len(clauses) < 2 or not all(_CLAUSE.match(c) for c in clauses):
        return ()
    return clauses


def _label(line: str, first: re.Match[str]) -> str:
    """The words before a line's ``first`` amount: its label."""
    label = line[:first.start()].strip().rstrip(":.-").strip()
    if "(" in label:  # "Total (GBP)": the currency in brackets is no part of the label
        label = _CURRENCY_IN_BRACKETS.sub("", label).rstrip(":.-").strip()
    return label


def _is_total(line: str) -> bool:
    """Whether ``line`` (normalised) is a total's label and amount: what
    ``_line_facts`` reads as ``_TOTAL_FACT``, judged by the label alone (an
    amount's cell beside an item's name is never read whole for nothing)."""
    first = _AMOUNT.search(line)
    return first is not None and bool(label := _label(line, first)) \
        and total_rank(label) is not None


def tax_taken_off(kind: int, label: str, amount: int) -> bool:
    """Whether a tax's label printed with a negative amount names an amount
    off ("Dto. IVA Ley 19.210  $ -64,18": Uruguay's VAT points given back on
    a card sale): money taken off the items, a discount line (``TAX.md``),
    never a tax added on top."""
    return kind == _TAX_FACT and amount < 0 \
        and (_DISCOUNT.search(label) is not None or off_words(label))


def _line_facts(line: str, raw: str, line_is: dict[str, str]) -> _Facts:
    """``_facts`` for a line that is not cells side by side; ``line_is``:
    what its facts carry whatever it says (``_facts``)."""
    # An item line's indent: under an item, perhaps its unit price or a discount in it.
    indent = len(raw) - len(raw.lstrip())
    # Every amount holds a digit, a point or comma and two digits
    # (``amounts._DECIMALS``): a line without them, most labels, headers and
    # footers, is not scanned for amounts.
    amounts = list(_AMOUNT.finditer(line)) if _DECIMALS.search(line) else []
    if (counted := quantity_first(line, amounts)) is not None:  # "2.00 KINDER  10.00  20.00"
        line, amounts = counted, list(_AMOUNT.finditer(counted))
    elif (counted := count_in_money(line, amounts)) is not None:
        # "1200.00x 2.00 2400.00B": a count printed as money, read as its count
        # (the row as printed is no longer asked: its columns are figures alone)
        line, raw, amounts = counted, counted, list(_AMOUNT.finditer(counted))
        line_is = {**line_is, "normal": " ".join(counted.split())}
    if not amounts:
        if raw and (item := _whole_pounds_item(raw)) is not None:
            return _Facts(_ITEM, item.amount_pence, (item,), indent=indent,  # whole pounds
                          **line_is)
        return _label_facts(line, raw, line_is)
    label = _label(line, amounts[0])
    amount = _pence(amounts[-1])
    if len(amounts) > 1 and (row := tax_row(label, [_pence(a) for a in amounts])) is not None:
        # "A 20.00%  10.00  2.00  12.00": a tax table's row, its tax the amount
        # its own arithmetic says (never the gross printed last, nor an item)
        return _Facts(_TAX_FACT, row.tax, rank=1, **line_is)
    if not label:
        readings, negative = _readings(line, amounts, raw)
        if readings and not readings[0].description:  # "2 x £ 2.45  4.90": the name is above
            return _Facts(_ITEM, amount, readings, negative_qty=negative, indent=indent,
                          **line_is)
        # An amount alone: nothing to attribute (a continuation column), unless
        # the line above is a label waiting for its amount ("TL" / "£2.15").
        return _Facts(_NOTHING, amount, **line_is)
    if (money := money_label(label)) is not None and not tax_taken_off(money[0], label, amount):
        kind, rank, refund_no, tender = money
        return _Facts(kind, amount, rank=rank, refund_no=refund_no, tender=tender, **line_is)
    if _NOT_ITEMS.may_answer(line) and _IGNORED.match(label) and not rate_off(label, amount):
        if (credit := credit_off(label, amount)) is not None:  # an allowance taken off?
            return _Facts(_ITEM, amount, credit, key=_key(label), indent=len(raw) - len(
                raw.lstrip()), allowance=True, **line_is)
        return _Facts(_NOTHING, balance_of=balance_holder(label), ignored_amount=amount,
                      **line_is)
    # Only the numbers it labels are wanted here: not the whole label's facts
    # (its tender word, total rank, unplaced code), read only for a line
    # without an amount.
    found = _numbers(line)
    # "Prenos na račun:  1.416,00" (a transfer to an account, Serbian "račun"
    # being both a receipt and a bank account): a number's word before an
    # amount, whose first figures are no number (NUMBERS.md)
    numbered = found.receipt_no is not None and not any(
        a.start() <= line.find(found.receipt_no) < a.end() for a in amounts)
    if found.account or numbered or _DATE_DMY.search(label) or _DATE_DMONY.search(label):
        return _Facts(_LABELLED_AMOUNT, amount, account=found.account,
                      receipt_no=found.receipt_no, refund_no=found.refund_no, text=line,
                      **line_is)
    readings, negative = _readings(line, amounts, raw)
    if _DISCOUNTS.may_answer(label) and _DISCOUNT.search(label) or rate_off(label, amount) \
            or off_words(label):
        # An amount off, read up to the final total. Printed negative, it is
        # one. Printed positive, it is one too, or (a refund printed
        # negative) the opposite sign; but beside a percentage ("10 %
        # Discount  £4.14" under an item, OSPOS) it is likelier the item's
        # value after the discount: no line. The arithmetic chooses.
        # Nothing off ("Discount: £0.00") is no line.
        first = readings[0]
        off = ReceiptLine(first.description, first.quantity, -abs(amount))
        if amount == 0:
            readings = (_NOT_A_LINE,)
        elif amount < 0:
            readings = (off,)
        elif "%" in label:
            readings = (_NOT_A_LINE, off)
        else:
            readings = (off, ReceiptLine(first.description, first.quantity, amount))
        return _Facts(_ITEM, amount, readings, key=_key(label), discount=True, indent=indent,
                      **line_is)
    return _Facts(_ITEM, amount, readings, key=_key(label), negative_qty=negative,
                  indent=indent, unknown_words=_unknown_words(line, amounts[0]), **line_is)


# Words first; a code or a rate may be among them: a payment's way is
# printed with its code ("Meio 03", the NFC-e's unmapped means) or its fee
# ("СБП QR (0.7%)"), and a way nothing maps is never silence (``KIND.md``).
# Words, perhaps after a mark or two: a glyph the printer's code page lacks
# prints as "?" ("?лдэгдэл" for "Үлдэгдэл"), and the word is no better known.
_WORDS = re.compile(r"^[^\w\s]{0,2}[^\W\d_].*$")
# Words about amounts, not how they were paid ("Rounded Total", "Refund", "Tenderd").
# Each ends a word ("Subtotal", "Prepaid", "AMOUNTPAID" glued), perhaps
# inflected ("Totals", "Tendered", "Savings"): one inside or at the start of
# a word no rule knows ("sipaidat", "Paido", "Totalo", "Dueko") does not make
# that word known, and the money under it may be a way paid (fuzz28).
_ABOUT = r"(?:total|refund|tender|due|balance|paid|amount|change|saving|rounding)"
_ABOUT_AMOUNTS = re.compile(rf"{_ABOUT}(?:s|es|e?d|ings?)?(?![^\W\d_])", re.I)
_ABOUT_AMOUNTS_WORDS = Vocabulary("about amounts", (_ABOUT_AMOUNTS,))


# What each distinct label of an amount says of the receipt's money, as
# ``money_label`` judged it: the same label comes back with another amount
# all day ("Total  £3.30", "Total  £4.10"), so its families are asked once.
_LABELS: dict[str, tuple[int, int, bool, str | None] | None] = {}


def money_label(label: str) -> tuple[int, int, bool, str | None] | None:
    """What an amount's ``label`` makes of it in the receipt's arithmetic:
    ``(kind, rank, refund_no, tender)`` for a total, subtotal, tax, tender,
    amount paid or change (the families asked in that order, the first that
    knows the label wins), None for any other label. Remembered per label."""
    return remembered(_LABELS, label, _money_label, label)


def _money_label(label: str) -> tuple[int, int, bool, str | None] | None:
    if _TOTAL_WORDS.may_answer(label) and (rank := total_rank(label)) is not None:
        return _TOTAL_FACT, rank, _REFUND_TOTAL.search(label) is not None, None
    if _SUBTOTAL_WORDS.may_answer(label) and _SUBTOTAL.match(label):
        return _SUBTOTAL_FACT, NET_SUBTOTAL if net_label(label) else SUBTOTAL, False, None
    if _NET_WORDS.may_answer(label) and net_label(label):
        # "Before VAT", "Excl. BTW", "Základ DPH": a net, never a tax
        return _SUBTOTAL_FACT, NET_ONLY, False, None
    if _EXEMPT_WORDS.may_answer(label) and exempt_label(label):
        # "VAT-Exempt Sales", "Zero-Rated": the tax's summary
        return _SUBTOTAL_FACT, ASIDE, False, None
    if _TAX_WORDS.may_answer(label) and _TAX.search(label) and not named_tender(label):
        # (not a tender's whole name with a tax's word in it: "Tax-Free Childcare")
        return _TAX_FACT, ROUNDED if rounding_label(label) else TAX, False, None
    if (tender := _tender_word(label)) is not None:
        if way_and_total(label):
            # "Cash (Total):": the total, printed as what that way paid (``settle``)
            return _TOTAL_FACT, 1, False, tender
        return _TENDER_FACT, 1, False, tender
    if _PAID_WORDS.may_answer(label) and _PAID.match(label):
        return _PAID_FACT, 1, False, None
    if _CHANGE_WORDS.may_answer(label) and _CHANGE.match(label):
        return _CHANGE_FACT, 1, False, None
    return None


def _unknown_words(line: str, first: re.Match[str]) -> bool:
    """Whether ``line``'s amount (its ``first``) is labelled with words the
    rules do not know (after the total: perhaps a tender, ``_result``)."""
    # ``amount_label``'s words, from the amount already found (not searched again)
    words = line[:first.start()].strip().rstrip(":.-").strip()
    return bool(words) and _WORDS.match(words) is not None \
        and not (_ABOUT_AMOUNTS_WORDS.may_answer(words) and _ABOUT_AMOUNTS.search(words))


# After a receipt's number, a dash and words ("Bon-Nr: 1860 - Barzahlung",
# "Bon-Nr: 1860 ( Kopie ) - Bankomatkarte"): the document's type text, which
# registers print as the way paid (TENDERS.md, "On the number's line").
_AFTER_NUMBER = re.compile(r"(?:\s*\([^()\d]*\))?\s+[-\u2013\u2014]\s+"
                           r"(?P<way>[^\W\d_][^\d]*?)\s*$")


def way_after_number(line: str, number: str) -> str | None:
    """The tender printed after ``number`` on its ``line``, set off by a
    dash, as printed: only words the tender tables or families know (a
    document's type text that is no tender is read as nothing), else None."""
    at = line.rfind(number)
    m = _AFTER_NUMBER.match(line, at + len(number)) if at >= 0 else None
    return _tender_word(m["way"]) if m is not None else None


def _label_facts(line: str, raw: str = "", line_is: dict[str, str] | None = None) -> _Facts:
    """A line without an amount: the account, receipt number and tender it
    may give, and whether it is words alone. Which one a receipt takes
    depends on what it has read (``apply_labels._numbers_and_dates``). ``line_is``: what its
    facts carry whatever it says (``_facts``)."""
    line_is = line_is or {}
    if _HEADINGS.may_answer(line) and (columns := column_headings(line)) is not None \
            and total_rank(line) is None:
        # "ΠΕΡΙΓΡΑΦΗ ΠΟΣ ΤΙΜΗ ΑΞΙΑ": the table's headings, no name (an item's
        # total's label alone, "Item Total" / "£5.00", stays a total's)
        return _Facts(_LABEL, text=line, key=_key(line), columns=columns,
                      indent=len(raw) - len(raw.lstrip()), **line_is)
    account, receipt_no, refund_no, bare_ref, unlabelled, weak, belongs, payment = \
        _numbers(line, raw)
    tender = _tender_word(line.rstrip(":").strip())
    unplaced = receipt_no if unlabelled else None
    if receipt_no is None and account is None and tender is None and raw \
            and _DIGITS4.search(raw):
        unplaced = _unplaced_code(raw)
    # A number alone at the line's right leaves it a name too (perhaps an
    # item's, its quantity and value on the next line).
    name_only = (account is None and (receipt_no is None or unlabelled) and tender is None
                 and any(map(str.isalpha, line)))
    total_label = None
    total_words = name_only and _TOTAL_WORDS.may_answer(line)
    if total_words and (rank := total_rank(line)) is not None:
        # a total's label alone: its amount is on the next line ("TL" / "£2.15")
        total_label = (rank, _REFUND_TOTAL.search(line) is not None)
    total_unread = bool(total_words and total_label is None
                        and (m := _NUMBER_AFTER_LABEL.match(line))
                        and total_rank(m["label"]) is not None)
    if name_only and "%" in line and (m := _DISCOUNT_RATE.match(line)) is not None:
        # "Discount: 25.00%": the amount off is on the next line
        return _Facts(_LABEL, text=m.group("label"), discount=True, **line_is)
    no_title = 0
    if receipt_no is None and _NUMBER_TITLES.may_answer(line) \
            and (m := _NUMBER_TITLE.match(line) or _NUMBER_FIRST_TITLE.match(line)) is not None:
        no_title = 1 if _BELONGS_TO.match(m.group("label")) else 2
    person = m["id"] if account is None and _PERSON_IDS.may_answer(line) \
        and (m := PERSON_ID.match(line)) is not None \
        and not _A_DATE.match(m["id"]) else None  # "ID: 2026-11-05" is a date, no account
    alone = line.lstrip("#") if _NUMBER_ALONE.match(line) and not _A_DATE.match(line) \
        and _read_when(line) == (None, None) else None
    return _Facts(_LABEL, account=account, receipt_no=receipt_no, refund_no=refund_no,
                  belongs_no=belongs, no_title=no_title, alone_no=alone,
                  bare_ref=bare_ref, unlabelled_no=unlabelled, weak_no=weak, payment_no=payment,
                  tender=tender, key=_key(line.rstrip(":")), text=line, name_only=name_only,
                  total_label=total_label, unplaced=unplaced, total_unread=total_unread,
                  person_id=person, account_promised=account is None and (
                      person is None and (_PUPIL_NUMBER_WORDS.may_answer(line)
                                          and pupil_number_printed(line)
                                          or _BARE_CODES.may_answer(line) and bare_code(line))
                      # (a card's number printed whole is the pupil's even where it
                      # reads as a person's id no holder's row claims: NUMBERS.md)
                      or _CARD_NUMBERS.may_answer(line) and card_number_printed(line)),
                  no_promised=receipt_no is None and account is None
                  and _MARKED.may_answer(line) and _MARKED_LABEL.match(line) is not None,
                  no_tender=way_after_number(line, receipt_no)
                  if receipt_no is not None and tender is None else None,
                  paid_for=paid_for(line) if tender is None and account is None else None,
                  plan=plan_drawn(line) if tender is None and account is None else None,
                  several_accounts=accounts_joined(line, raw) if account is not None
                  else person is None and people_joined(line),
                  indent=len(raw) - len(raw.lstrip()), **line_is)
