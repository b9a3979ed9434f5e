"""The numbers a line labels: the pupil's account and the receipt's own
number (under the labels real tills use, a reference alone, a number alone
at a header line's right), and a code after words no rule reads (perhaps
either: never read, flagged). Never a phone, tax or postal number, nor a
date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from drivers.receipt.amounts import _DIGIT
from drivers.receipt.bilingual import one_language
from drivers.receipt.dates import _read_when, postal_place
from drivers.receipt.doc_words import (
    PAYMENT_CODE_LABEL,
    PAYMENT_REF_BEFORE,
    PERSON_IDS,
    POINTS_BEFORE,
    TRANSACTION_WORDS,
)
from drivers.receipt.labels import (
    _ACCOUNT,
    _BARE_REF,
    _BELONGS_TO,
    _CELLS_APART,
    _CHANGE,
    _DIGITS3,
    _IGNORED,
    _LETTERS_NO,
    _NUMBER_CELL,
    _NUMBER_FIRST,
    _OTHER_NUMBER,
    _PAID,
    _RECEIPT_NO,
    _RIGHT_CODE,
    _RIGHT_NUMBER,
    _WORDS_CODE,
    SERIES_NUMBER,
)
from drivers.receipt.total_labels import total_rank
from drivers.receipt.vocabulary import Vocabulary

# A date is never a receipt's number ("Receipt 12/03/2026").
_A_DATE = re.compile(r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2})"
                     r"(?!\d)(?![/.-]\d)")


# A number marked "#" ending the row of the receipt's date and time, its
# only other words ("2026-07-08 12:13:58 #1000", "08/07/2026 12:13 # 1000"):
# the order's number, the receipt's own (a Japanese POS's header row).
_DATED_NO = re.compile(r"^\s*" + _A_DATE.pattern + r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?"
                       r"(?:\s?[AaPp]\.?[Mm]\.?)?)?\s+#\s?(?P<no>\d{1,12})\s*$")


# The sale a refund or a correction undoes, named before its number's label
# ("Original Invoice:", "Orig. receipt", "Ticket d'origine" reads after):
# never the receipt's own number. A refund names the sale it undoes by the
# refund's word and "of" before the sale's label ("Refund of receipt #986"
# above its own "Receipt #1048", Zettle; "Return for invoice", "Devolución
# del ticket", "Remboursement du ticket", "Avoir sur facture", "Gutschrift
# zur Rechnung", "Storno del documento"): the refund's own number is the one
# under its own label (NUMBERS.md, "A refund's two numbers").
_ORIGINAL = re.compile(r"\b(?:original|orig\.?|previous|prev\.?|ursprüngliche[rs]?|originale|"
                       # "Ref. Normal Receipt#: 4028" (Rwanda's EBM refund, the sale
                       # it refers to by its type): "Ref." and a word before the label
                       r"ref(?:erence)?\.?\s+(?:normal|sale|sales|original)|"
                       # "Ref.: e-Ticket A-0011807" (a Uruguayan credit note's): "Ref."
                       # alone before another document's label is that document's
                       r"ref(?:erencia|erence)?\.?\s*:\s*(?:e-)?|"
                       r"rectifica(?:\s+a)?|"  # Spain's "Rectifica a: FS26-063292"
                       r"(?:refund|return|exchange|void|credit|reversal|cancell?ation)\s+"
                       r"(?:of|for|on|against|to)(?:\s+the)?|"
                       r"(?:devoluci[oó]n|anulaci[oó]n|reembolso|devolu[cç][aã]o|estorno)\s+"
                       r"(?:del?|de\s+la|do|da)|"
                       r"(?:remboursement|annulation|avoir)\s+(?:sur|du|de\s+la|de)|"
                       r"(?:gutschrift|erstattung|storno)\s+(?:zu[rm]?|für|del(?:la)?|dello))\s*$",
                       re.I)


# Labels a card payment's block prints its own number under ("Txn",
# "Trans"): after the total, perhaps the payment's, not the receipt's (in
# the header, the receipt's: "Trans No: 004003").
_PAYMENT = re.compile(r"^(?:txn|tran|trans|transaction|" + TRANSACTION_WORDS + r")$", re.I)
# A count over a count, then a receipt type's code in capitals, ending the
# line ("RECEIPT NUMBER:   150/211 NS" in RRA's EBM "SDC INFORMATION"
# block: this type's counter over all receipts', NS a normal sale, NR its
# refund): the fiscal device's counters, not the till's own number printed
# under the same label at the foot (NUMBERS.md). Weak as a "Ref" is: read
# only where no other number is, and then flagged.
_DEVICE_COUNTERS = re.compile(r"\d+/\d+\s+(?-i:[A-Z]{2})\s*$")
# "Порядковый номер чека №76" (Russian "ordinal", Ukrainian "порядковий"):
# the check's place in the shift's count, started again each shift ("Смена
# 397" above it), over WEBKASSA's "Чек №7456599578911", the check's own
# number (the digits of its fiscal sign). Receipt readers of Kazakh fiscal
# checks keep the two apart ("sequence_number", "check_number"; code
# search ids 7006752977, 4893546138): weak, so the check's own number under
# its plain label is read where both print (NUMBERS.md).
_ORDINAL = re.compile(r"\bпорядков[ыи]й\s+$", re.I)


_NUMBERS_FIRST = Vocabulary("number first", (_NUMBER_FIRST,))


def _labelled_numbers(line: str) -> Iterator[re.Match[str]]:
    """Each number after a receipt number's label in ``line``: first under
    "number" and the document's word ("Číslo dokladu: 1"), then under the
    document's word and its mark; a label's word read as its number
    ("Refund Invoice: 1-3-2-1416": "Invoice") is read again as a label."""
    if _NUMBERS_FIRST.may_answer(line):
        yield from _NUMBER_FIRST.finditer(line)
    pos = 0
    while (m := _RECEIPT_NO.search(line, pos)) is not None:
        yield m
        pos = m.start("no")


# Its patterns' literals: on a line without any, no label is looked for
# (``vocabulary``); so for an account's label (on the line or in one of its
# cells) and a number of letters alone under its label.
_NUMBER_LABELS = Vocabulary.of(_labelled_numbers)
_ACCOUNT_WORDS = Vocabulary("account", (_ACCOUNT,))
_LETTERS_NUMBER_WORDS = Vocabulary("letters number", (_LETTERS_NO,))


class _Numbers(NamedTuple):
    """The numbers a line labels: the account, the receipt's number (under
    a refund's label; a reference alone; a number alone at the line's right;
    under "Ref"; under a label naming what the receipt belongs to)."""

    account: str | None
    receipt_no: str | None
    refund_no: bool
    bare_ref: bool
    unlabelled: bool
    weak: bool
    belongs: bool
    payment: bool = False  # under "Txn" or "Trans": after the total, perhaps a payment's


_NO_NUMBERS = _Numbers(None, None, False, False, False, False, False, False)


def _account_cell(raw: str) -> re.Match[str] | None:
    """The account under its label in a cell of its own after the line's
    first ("Year 9        Adm No: 012345", "Class 4B   Pupil ID: 30412"):
    a school slip prints the pupil's year or form and number on one row
    (NUMBERS.md, "The pupil's number beside the year"). Only a cell set off
    by a run of spaces or a bar, and only a number of three digits or more
    (a count beside a table, "Table 5     Cust 3", is no account). The
    label may fill its cell alone, its number in the next column ("Rhif
    cyfrif   Account no.   67872": the label in two languages, each in a
    column of its own)."""
    if "  " not in raw and "|" not in raw:
        return None
    cells = _CELLS_APART.split(raw.strip())
    for at, cell in enumerate(cells[1:], 1):
        # (a label in two languages, "Cyfrif/Acc: 127247": either half alone)
        for one in (cell, *one_language(cell), *_with_next(cells, at)):
            if (m := _ACCOUNT.match(one)) is not None and _DIGITS3.search(m.group("account")):
                return m
    return None


# An account's number alone in its column ("67872", "KV233986"), or two
# pupils' ("67872, 90105": ``another_account_at`` says so).
_NUMBER_ALONE = re.compile(r"[A-Za-z]{0,3}\d{3,12}"
                           r"(?:\s*(?:[/&+,]|\band\b)\s*[A-Za-z]{0,3}\d{3,12})*", re.I)


def _with_next(cells: list[str], at: int) -> list[str]:
    """The cell at ``at`` with the next, the line's last, after it, where that
    is a number alone (a label in a column of its own, its value at the
    right) or numbers joined ("67872, 90105"), else []."""
    return [f"{cells[at]} {cells[-1]}"] if at == len(cells) - 2 \
        and _NUMBER_ALONE.fullmatch(cells[-1]) else []


# A year group or form (Scotland's "S4" and "P7", "Y10", "Yr 5", "9RW",
# "4E2") where a bare "Pupil:" or "Student:" puts it first ("Pupil: S4 / 4E2
# Callum Robson"): the pupil's class, never the pupil's number (NUMBERS.md).
_YEAR_GROUP = re.compile(r"(?:y(?:ea)?r?|[sp])\s?\d{1,2}|\d{1,2}[a-z]{1,3}\d?", re.I)
_BARE_PERSON = re.compile(r"^\s*(?:pupil|student|learner|customer|cust)\s*[:#.]?\s*$", re.I)


def _year_group(m: re.Match[str]) -> bool:
    """Whether the account ``m`` read is a year group under a bare person's label."""
    return _YEAR_GROUP.fullmatch(m.group("account")) is not None \
        and _BARE_PERSON.match(m.string, 0, m.start("account")) is not None


# A second pupil's number after the first under one label ("Admission No.:
# 2956 / 2313", "Adm No 1038 & 3291", "Account No: A32285, 81556A"): two
# children on one slip (NUMBERS.md).
_ANOTHER_ACCOUNT = re.compile(r"\s*(?:[/&+,]|\band\b)\s*[A-Za-z]{0,3}\d{3,}[A-Za-z]{0,3}\b",
                              re.I)


def another_account_at(line: str, at: int, account: str = "") -> bool:
    """Whether a second pupil's number follows the ``account`` read in
    ``line`` ending at ``at``: a number ``_ANOTHER_ACCOUNT`` reads (", 2313"
    after "Diner: 2956"), or one of the account's own shape, its letters
    and digits in the same places (", ST95" after "Acct: ST62")."""
    if _ANOTHER_ACCOUNT.match(line, at) is not None:
        return True
    shape = "".join(r"\d" if c.isdigit() else "[^\\W\\d_]" if c.isalpha() else re.escape(c)
                    for c in account)
    return bool(shape) and re.match(r"\s*(?:[/&+,]|\band\b)\s*" + shape + r"(?![^\W_])",
                                    line[at:], re.I) is not None


def accounts_joined(line: str, raw: str = "") -> bool:
    """Whether ``line`` (normalised; ``raw`` as printed) prints two accounts
    under one label ("Admission No.: 2956 / 2313"): whose the sale is, the
    paper does not say (``_numbers`` reads the first)."""
    m = _ACCOUNT.match(line)
    if m is None or not _DIGIT.search(m.group("account")):
        m = _account_cell(raw)
    return m is not None and another_account_at(m.string, m.end("account"), m.group("account"))


_PEOPLE = Vocabulary("people joined", (PERSON_IDS,))


def people_joined(line: str) -> bool:
    """Whether ``line`` (normalised) prints two people's identifiers under
    one short label ("ID: 9076603, 2309936", under a student's name): two
    pupils, whose the sale is the paper does not say (NUMBERS.md)."""
    m = PERSON_IDS.match(line) if _PEOPLE.may_answer(line) else None
    return m is not None and another_account_at(line, m.end("id"), m["id"])


def _numbers(line: str, raw: str = "") -> _Numbers:
    """The numbers ``line`` (normalised; ``raw`` as printed) labels."""
    if not _DIGIT.search(line):
        if _LETTERS_NUMBER_WORDS.may_answer(line) \
                and (m := _LETTERS_NO.match(line)) is not None:  # "Receipt #CUEA": letters only
            refund = m.group("label").lower() in ("refund", "return")
            return _NO_NUMBERS._replace(receipt_no=m.group("no"), refund_no=refund)
        return _NO_NUMBERS  # every other number has a digit
    account = receipt_no = None
    refund_no = False
    # (an account's label, on the line or in a cell of it, only where the
    # line holds one of its literals: most lines hold none)
    labelled = _ACCOUNT_WORDS.may_answer(line)
    m = _ACCOUNT.match(line) if labelled else None
    if labelled and (m is None or not _DIGIT.search(m.group("account"))):
        # "Staff account        Acc No: S0245": the line's first words name
        # the kind of account, its number is in the cell after them
        m = _account_cell(raw) or m
    if m is not None and _DIGIT.search(m.group("account")) and not _year_group(m):
        # A name ("Pupil: Jane Smith") has no digit; what follows a name ("Pupil:
        # Jane Smith (10W)") may be the form as well as the account: not read.
        account = m.group("account")
    bare_ref = unlabelled = weak = belongs = payment = False
    for m in _labelled_numbers(line) if _NUMBER_LABELS.may_answer(line) else ():
        if _DIGIT.search(m.group("no")) and not _A_DATE.match(line, m.start("no")) \
                and not _OTHER_NUMBER.search(line, m.end("label"), m.start("no")):
            # not a number under another's word after the label ("TAX
            # INVOICE - ABN 51 824 753 556": the document's title, then its tax number)
            if _ORIGINAL.search(line, 0, m.start("label")):
                break  # "Original Invoice: 1-3-2-878": the sale a refund undoes
            if POINTS_BEFORE.search(line, 0, m.start("label")):
                break  # "Punten Ticket: 42": the points this receipt earned
            if m.group("label").lower() in ("ref", "reference") \
                    and PAYMENT_REF_BEFORE.search(line, 0, m.start("label")):
                break  # "Voucher ref. 11077253": the voucher's, not the receipt's
            receipt_no = m.group("no")
            if m.start("no") == m.end("label") + 1 and line[m.end("label")] == "-":
                # "INV-26-96101": the label's word joined to its digits is the number's prefix
                receipt_no = line[m.start("label"):m.end("no")]
            word = m.groupdict().get("doc") or m.group("label")  # "Numer paragonu": paragonu
            refund_no = word.lower() in ("refund", "return") or m.group("corrects") is not None
            weak = word.lower() in ("ref", "reference") \
                or _DEVICE_COUNTERS.match(line, m.start("no")) is not None \
                or _ORDINAL.search(line, 0, m.start("label")) is not None
            payment = _PAYMENT.match(word) is not None
            belongs = _BELONGS_TO.match(word) is not None
            break
    else:
        cell = _NUMBER_CELL.search(raw or line)
        if (m := _DATED_NO.match(line) or cell) is not None and _DIGIT.search(m.group("no")):
            receipt_no = m.group("no")  # "2026-07-08 12:13:58 #1000"; a number's cell
        elif "-" in line and _BARE_REF.match(line) and _DIGITS3.search(line):
            receipt_no, bare_ref = line, True
        elif (m := _RIGHT_NUMBER.match(raw)) is not None \
                and not _OTHER_NUMBER.search(m.group("before")):
            receipt_no, unlabelled = m.group("no"), True
    return _Numbers(account, receipt_no, refund_no, bare_ref, unlabelled, weak, belongs,
                    payment)


_DIGITS4 = re.compile(r"\d{4}")
_SERIES_ALONE = re.compile(r"^\s*(?:" + SERIES_NUMBER + r")\s*$")


def _money_words(before: str) -> bool:
    """Whether ``before`` labels money: a total, what was handed over, change."""
    label = before.strip().rstrip(":.-").strip()
    return bool(_PAID.match(label) or _CHANGE.match(label) or _IGNORED.match(label)
                or total_rank(label) is not None)


def _unplaced_code(raw: str) -> str | None:
    """A code (four digits or more) after words no rule reads, in a column
    of its own or as one of a line's cells; never a phone, tax or postal
    number, nor a date ("Date 01-Jul-2026"), nor whole money after money's
    words ("TENDERD:  1000", "BILL TOTAL:  84"). None: no such code."""
    if postal_place(raw):
        return None  # "Dayton, OH 45402", "Strathfield NSW 2135": an address's postcode
    if _SERIES_ALONE.match(raw):
        return raw.strip()  # "FS A2026/300": the whole is one number, its type's code first
    found = [_RIGHT_CODE.match(raw)] + [_WORDS_CODE.match(cell)
                                         for cell in _CELLS_APART.split(raw.strip())]
    for m in found:
        if m is not None and not _OTHER_NUMBER.search(m.group("before")) \
                and not _ORIGINAL.search(m.group("before")) \
                and not PAYMENT_CODE_LABEL.search(m.group("before")) \
                and not _money_words(m.group("before")) and _read_when(m.group("no"))[0] is None:
            return m.group("no")
    return None
