"""Receipt interpretation (pure): a captured receipt's text lines -> what was
sold (lines, total, tender, receipt number, time, account).

``interpret(captured, rules)`` never raises on odd text: a receipt it cannot
make sense of comes back with the flag ``unparsed_receipt`` (the sale is still
journaled with its raw bytes; nothing is dropped).

Per-till templates (``ReceiptRules.templates``, regular expressions with named
groups, built from the config by ``agent.receipt_rules``) are tried on each
line before the default rules. The default rules read receipts as the
fixed-width text in columns real tills print (tests/receipts_corpus/README.md
describes the layouts they are measured on)::

    Pasta bake               £2.30       one item (amount = the line's value)
    2 x Cookie               £1.00       quantity first ("2x", "2 @", "- 2 Cookie")
    Cookie x2                 1.00       quantity last
    Salad box   £2.75   x2   £5.50       unit price and quantity in columns
    Pasta pot   £1.75    2   £3.50       a bare quantity in a column of its own
    2 Main meal              4.80        a bare quantity first
       2 Cookie  @ 0.50   1.00   S       amounts anywhere, a trailing tax code
    Jacket potato                        a name alone, then ...
        2 x £ 2.45            4.90       ... its quantity, unit price and value
    100101   2 x 2.65   5.30   A         an article number, its quantity and value, ...
             Roast chicken dinner        ... then its name alone
    Staff discount           -0.20       a discount: a line of its own (an amount off)
    TOTAL                    £3.30       also "Total.", "Balance due", "Amount due",
                                         "Grand Total", "Total (inc. tax)", "Amount spent",
                                         "Order total", ...
    Subtotal / VAT / Tax / Nett          not items: the receipt's arithmetic
    Cash                     £5.00       a tender (TENDERS maps it to the contract)
    Change / Tendered / Balance / Debt   never items
    Receipt No: 1234                     also Trans, Ticket, Order, Refund, Return, Ref,
                                         Sale ID: POS 1234 (the till's prefix is not in it)
                      TC2-2603-5352      a reference alone in the header, only when clear
    Date: 28/11/2026 12:01               also 2026-11-28, 28-Nov-2026, 1 March 2026,
                                         Sep 21, 2026, 02:01 PM
    Account #: P123                      also Acct, Adm No, Pupil ID, Customer: 056780
                                         (never a name)
    *** REPRINT ***                      the markers, as whole words

Decisions (documented here because the journal depends on them):

* The receipt checks itself. An item line that can be read two ways (is
  "- 2 Cookie 0.50" two cookies for 50p, or at 50p each?) keeps both
  readings; the receipt takes the readings whose values add up to its
  total (or its subtotal, or its total less its tax), the likeliest first.
  A receipt that never adds up is ``unparsed_receipt`` and
  ``lines_total_mismatch``; one without a total or without item lines is
  ``unparsed_receipt``. Lines and total found are still returned, so a
  reviewer sees what was read.
* A receipt that prints several totals ("Total", a discount, "Grand
  Total") is charged the one its items add up to, the final amount ("Grand
  Total", "Amount due", ...) before a plain "Total" before a "Net total";
  if none adds up, the highest ranked. A discount line (printed with
  either sign) is an amount off, and is read after a plain total up to the
  final one. A discount's rate alone ("Discount: 25.00%") takes the amount
  off from the next line's last amount.
* ``BALANCE`` alone is the pupil's account balance printed for information,
  not the amount due; only ``BALANCE DUE`` is a total.
* The tender is the contract's word (``cash``, ``card``, ``account``,
  ``fsm``) by ``TENDERS`` and the site's own words (``ReceiptRules.tenders``);
  a tender no table maps is returned as printed and flagged
  ``unmapped_tender``, never guessed ("Check", "Cheque"). A card named by
  its brand ("Debit Mastercard") is ``card``. A tender printed after the
  total wins over one printed before it (a pupil's "FSM" marker in the
  header). Change alone (a cash refund) is cash. A split payment (two
  different tenders) is flagged ``split_tender`` and its tender is the one
  that paid the most: the contract's tender is one word, never null (the
  agent would fill a null with cash or account), and the flag tells the
  hub it is not the whole story.
* A refund (a refund or return banner, a "Refund:" or "Return:" number,
  item lines with negative quantities, "x-1", "-2 x £0.50", or a negative
  total: Odoo, OSPOS, ERPNext print no banner) has lines carrying the items' (positive)
  value, a discount's negative, and a negative total, whichever way the till
  prints the signs; a void keeps the signs.
* A bare integer (1-3 digits) standing in a column of its own (two spaces
  or more from the text beside it) is the quantity: certain when quantity x
  unit price = value, else the receipt's arithmetic chooses whether a lone
  amount beside it is the value or the unit price. Two such columns: neither.
* ``occurred`` is the printed local time as RFC 3339 with the UK offset of
  that date (``2026-11-28T12:01:00+00:00``); a date without a time gives the
  RFC 3339 full-date (``2026-11-28``); nothing printed gives None.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

try:  # imported once, not per receipt
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python without zoneinfo
    ZoneInfo = None  # type: ignore[assignment,misc]

DEFAULT_REPRINT_MARKERS = ("REPRINT", "COPY", "DUPLICATE")
UNPARSED = "unparsed_receipt"
UNMAPPED_TENDER = "unmapped_tender"
CONTRACT_TENDERS = ("cash", "card", "account", "fsm")

# Printed tender words -> the contract's word (casefolded, single-spaced).
TENDERS: dict[str, str] = {
    **dict.fromkeys(("cash", "cash sale", "notes and coins"), "cash"),
    **dict.fromkeys(("card", "credit card", "debit card", "contactless", "visa", "visa debit",
                     "visa credit", "mastercard", "maestro", "amex", "american express",
                     "card sale", "mag card", "card payment", "chip and pin", "chip & pin",
                     "eftpos", "credit/debit card"), "card"),
    **dict.fromkeys(("account", "acc", "acct", "on account", "pupil account", "student account",
                     "customer account", "cashless", "cashless account", "debt", "charge", "due",
                     "charge to account", "dinner money", "biometric"), "account"),
    **dict.fromkeys(("fsm", "free", "free meal", "free meals", "free school meal",
                     "free school meals", "fsm allowance", "meal allowance",
                     "free meal allowance", "free school meal allowance"), "fsm"),
}
# Tenders real tills print that the contract has no word for: read (and
# flagged) as tenders, never as items.
UNMAPPED_TENDERS = ("cheque", "check", "voucher", "gift card", "gift voucher", "note", "slip",
                    "online", "parentpay", "bank", "bank transfer", "transfer", "bacs",
                    "paypal", "token", "tokens")

# An amount: optional sign, optional currency mark ("£", "GBP", what a wrong
# code page makes of the pound sign: "ú" (0xA3 in CP437), "œ" (0x9C in
# CP1252), "Â£" (UTF-8 read as CP1252), or any short symbol), pounds and two
# decimals.
MONEY = (r"(?P<sign>-)?\s?(?P<cur>£|GBP|EUR|€|\$|Â£|ú|œ|Ł|[^\w\s.,()-]{1,2})?\s?(?P<sign2>-)?"
         r"(?P<pounds>\d{1,3}(?:,\d{3})+|\d{1,7})[.,](?P<pence>\d{2})(?P<sign3>-)?"
         # a currency printed after the amount ("4.23£", the site's choice)
         r"(?P<cur2>£|€)?")
_MONEY_END = re.compile(r"^(?P<label>.*?)\s*(?P<money>" + MONEY + r")\s*$")
_MONEY_ONLY = re.compile(r"^\s*" + MONEY + r"\s*$")
# An amount anywhere in a line: not part of a longer number (a date
# "02.12.2026", a phone number).
_AMOUNT = re.compile(r"(?<![\d.,])" + MONEY + r"(?!\d)(?![.,]\d)(?!\s?%)")
_DECIMALS = re.compile(r"\d[.,]\d\d")  # in every amount
_DIGIT = re.compile(r"\d")

# Labels, read from the text before a line's first amount (its trailing
# ":" or "." taken off). Each is the whole label.
# A receipt may print several totals ("Total", then a discount, then "Grand
# Total"): each label has a rank, and the receipt's arithmetic, then the
# rank, choose (``_pick_total``). The final amount to pay ranks highest; a
# "Net total" lowest (it may be the total before VAT).
_TOTAL = re.compile(r"^(?:(?:(?:sale|order|receipt|invoice|bill|ticket|refund|return|credit)"
                    r"\s+)?total"
                    r"(?:\s+(?:amount|gbp|sale))?|"
                    r"(?P<final>grand\s+total|total\s+(?:amount\s+)?(?:due|to\s+pay|payable)|"
                    r"amount\s+(?:due|payable|spent|refunded|charged|to\s+pay)|"
                    r"balance\s+(?:due|to\s+pay)|to\s+pay|total\s*\(?\s*(?:inc|incl|including)\.?\s+(?:tax|vat)\s*\)?)|"
                    r"(?P<net>nett?\s+total))$", re.I)
_SUBTOTAL = re.compile(r"^(?:sub\s*-?\s*total|nett?\s+of\s+(?:tax|vat)|nett?|net\s+amount|"
                       r"total\s*\(?\s*(?:before|excl?\.?|excluding)\s+(?:tax|vat)\s*\)?)$", re.I)
# A discount: an amount off, whichever sign it is printed with.
_DISCOUNT = re.compile(r"\b(?:discount|disc)\b", re.I)
# A discount's label and rate with no amount: the amount off is the last
# amount of the next line ("Discount: 25.00%" / "of 12.40 GBP =  -3.10").
_DISCOUNT_RATE = re.compile(r"^(?P<label>.*?\b(?:discount|disc)\b)\s*:?\s*"
                            r"\d{1,3}(?:[.,]\d{1,2})?\s?%$", re.I)
_TAX = re.compile(r"\b(?:vat|tax|taxes)\b", re.I)  # anywhere: "Standard VAT", "Total Taxes"
# What the customer handed over, and the change: tendered - change = total.
_PAID = re.compile(r"^(?:(?:cash\s+)?tendered|received|amount\s+(?:tendered|paid|received)|"
                   r"paid)$", re.I)
_CHANGE = re.compile(r"^change(?:\s+due)?$", re.I)
_IGNORED = re.compile(
    r"^(?:change(?:\s+due)?|(?:cash\s+)?tendered|received|amount(?:\s+(?:tendered|paid|"
    r"received))?|(?:new\s+|previous\s+|remaining\s+|account\s+|current\s+|opening\s+|"
    r"closing\s+)?balance\b.*|.*\bbalance\s+(?:remaining|left|after)\b.*|current\s+debt|"
    r".*\bdebt\s+(?:balance|limit)\b.*|items?\s+count|no\.?\s+of\s+items|total\s+(?:items|qty|"
    r"quantity|savings?)\b.*|you\s+saved\b.*|rounding|.*\ballowance\b.*|.*\blimit\b.*|"
    r".*\bpoints\b.*|tip|gratuity|"
    # a balance in other words: "Purse After", "Wallet", "FM Left", "Credit remaining"
    r".*\b(?:purse|wallet)\b.*|.*\s(?:before|after|left|remaining))$", re.I)
# A tender with its label: "Paid by: Card", "Payment: Cashless", "Refunded to: Cash".
_TENDER_LABELLED = re.compile(r"^(?:paid\s+(?:by|with|from)|payment(?:\s+(?:method|type|by))?|"
                              r"tender(?:ed)?(?:\s+type)?|(?:refund(?:ed)?|credited|charged)\s+to|paid)"
                              r"(?:\s*[:\-]\s*|\s+)"
                              r"(?P<tender>[^\W\d_][\w &/'-]{0,30}?)\s*$", re.I)
# A card named by its brand or kind, whatever words beside it ("Debit
# Mastercard", "Visa Electron", "Amex Platinum"): a card.
_CARD_BRAND = re.compile(r"\b(?:visa|master\s?card|maestro|amex|american\s+express|"
                         r"(?:debit|credit)\s+card|contactless|(?:apple|google|samsung)\s+pay)\b",
                         re.I)
# A tender word with a word after it: "Cash tendered", "Card payment".
_TENDER_SUFFIX = re.compile(r"^(?P<tender>.+?)\s+(?:payment|paid|tendered|sale)$", re.I)
_RECEIPT_NO = re.compile(
    r"\b(?P<label>receipt|rcpt|trans(?:action)?|txn|ticket|order|invoice|bill|sale|refund|"
    r"return|ref|reference|doc|document|check|chk)\b\.?\s*(?:no\b\.?|number|num|#|id)?\s*[:#.]?\s*"
    # a capitalised prefix before the number is the till's, not the number's ("POS 1234")
    r"(?:(?-i:[A-Z]{2,5})\s+(?=\d))?(?P<no>[A-Za-z0-9][A-Za-z0-9/_-]{0,31})\b", re.I)
# A reference alone on its line, only when it is clearly one: capitals (and
# digits) then dash-separated groups, one of three digits or more
# ("TC2-2603-5352", "SINV-00012"); never a date, a phone number or a word.
_BARE_REF = re.compile(r"^(?-i:[A-Z]{1,6}\d{0,3})(?:-(?-i:[A-Z0-9]{1,10})){1,4}$")
_DIGITS3 = re.compile(r"\d{3}")
# A number under the word "number" alone ("N°: 200226-151", "No. 1234",
# "#1234"), at the start of a cell: "Co. No: 08123456" is another number.
_NUMBER_CELL = re.compile(r"(?:^\s*|(?<=\s\s))(?:n\s?[°º]|no\b\.?|nr\b\.?|#)\s*[:#.]?\s*"
                          r"(?P<no>[A-Za-z0-9][A-Za-z0-9/_-]{0,31})\b", re.I)
_ACCOUNT = re.compile(
    r"^(?:account|acct|acc|a/c|pupil|student|adm(?:ission)?|admin|customer|cust)\b\.?\s*"
    r"(?:no\b\.?|number|num|id|ref|#)?\s*[:#.]?\s*"
    r"(?P<account>[A-Za-z0-9][A-Za-z0-9_-]{0,31})\b", re.I)
# Quantities, in the text of an item line with its amounts taken out.
_QTY_FIRST = re.compile(r"^(?P<qty>-?\d{1,3})\s*(?:[xX×*@]\s*|\s+[xX]\s+)(?P<desc>\S.*)$")
_QTY_ALONE = re.compile(r"^(?P<qty>-?\d{1,3})\s*[xX×*@]$")  # "2 x" (the name is above)
_QTY_BULLET = re.compile(r"^[-*•]\s+(?P<qty>\d{1,3})\s+(?P<desc>\S.*)$")  # "- 2 Cookie"
_QTY_LAST = re.compile(r"^(?P<desc>.*?\S)\s+(?:[xX×*]\s*(?P<qty>-?\d{1,3})|(?P<qty2>-?\d{1,3})\s*"
                       r"[xX×])$")
# "Salad box  x2" (a column), "Latte (x2)"
_QTY_MID = re.compile(r"(?<!\S)(?:[xX×]\s?(?P<qty>-?\d{1,3})|\(\s?[xX×]\s?(?P<qty2>\d{1,3})\s?\))"
                      r"(?!\S)")
# "Meal deal main (2 x £2.35)": the quantity and the unit price in brackets
# after the name (the amount taken out of the words leaves "(2 x )").
_QTY_BRACKET = re.compile(r"^(?P<desc>.*?\S)\s*\(\s*(?P<qty>-?\d{1,3})\s*[xX×@*]\s*\)$")
_QTY_AT = re.compile(r"^(?P<desc>.*?\S)\s+(?P<qty>\d{1,3})\s*@$")  # "Cookie 2 @"
_QTY_LEADING = re.compile(r"^(?P<qty>\d{1,3})\s+(?P<desc>[^\d\s%].*)$")  # "2 Cookie": if it adds up
# A bare quantity in a column of its own, in the printed line: 2+ spaces (or
# the line's edge) on both sides, no "x" or "@" ("Pasta pot   2   £3.50").
_COLUMN_GAP = re.compile(r"\s{2,}")
# An item's description that is only an article number (a PLU): its name is
# printed alone on the next line (SAP Customer Checkout).
_ARTICLE_NO = re.compile(r"^\d{4,14}$")
_QTY_COLUMN = re.compile(r"(?:^\s*|(?<=\s\s))(?P<qty>-?\d{1,3})(?=\s\s|\s*$)")
_DATE_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?!\d)")
_DATE_YMD = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
                       r"(?!\d)")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_DMONY = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s-]*(?P<mon>" + "|".join(_MONTHS)
                         + r")[a-z]*\.?[\s,-]*(?P<y>\d{4})(?!\d)", re.I)
# Month first ("Sep 21, 2026", "March 1 2026"), as US-made tills print it.
_DATE_MONDY = re.compile(r"(?<![^\W\d_])(?P<mon>" + "|".join(_MONTHS) + r")[a-z]*\.?\s+"
                         r"(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)", re.I)
_TIME = re.compile(r"(?<!\d)(?<!\d:)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?![\d:])"
                   r"(?:\s?(?P<ampm>[ap])\.?m\b\.?)?", re.I)  # a 12-hour clock's AM/PM
# Refund and void are banner lines ("REFUND", "*** VOID ***", "Sale refunded"),
# not words anywhere: footers say "Refund policy: see our website".
_BANNER_EDGE = r"^[\W_]*(?:(?:sale|transaction|receipt|item)\s+)?"
_REFUND = re.compile(_BANNER_EDGE + r"(?:refund(?:ed)?|credit\s+note|refund\s+receipt|"
                     r"return(?:ed)?)(?:\s+(?:receipt|sale))?[\W_]*$", re.I)
_VOID = re.compile(_BANNER_EDGE + r"(?:void(?:ed)?|cancel+ed|void\s+receipt)"
                   r"(?:\s+(?:receipt|sale))?[\W_]*$", re.I)
# "Customer copy" on a card slip is not a reprint.
_NOT_REPRINT = re.compile(r"\b(?:customer|merchant|cardholder|card\s+holder|store|shop|"
                          r"retailer)(?:'s)?\s+copy\b", re.I)

@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One item line; ``amount_pence`` is the line's total (quantity included)."""

    description: str
    quantity: int
    amount_pence: int


@dataclass
class ParsedReceipt:
    """What a receipt says was sold."""

    kind: str  # "sale" | "refund" | "void"
    lines: list[ReceiptLine]
    total_pence: int | None
    tender: str | None
    receipt_no: str | None
    occurred: str | None  # RFC 3339 (local time with offset) or full-date, or None
    account: str | None
    reprint: bool
    flags: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        # The account is a pupil reference: not in a repr.
        return (f"ParsedReceipt(kind={self.kind!r}, {len(self.lines)} lines, "
                f"total_pence={self.total_pence!r}, tender={self.tender!r}, "
                f"receipt_no={self.receipt_no!r}, reprint={self.reprint}, flags={self.flags!r})")


@dataclass(frozen=True)
class Template:
    """One till's layout rules: compiled patterns (None: use the default)."""

    name: str = ""
    line: re.Pattern[str] | None = None  # groups: description, amount, optional quantity
    total: re.Pattern[str] | None = None  # group: amount
    tender: re.Pattern[str] | None = None  # group: tender, optional amount
    receipt_no: re.Pattern[str] | None = None  # group: receipt_no
    account: re.Pattern[str] | None = None  # group: account
    when: re.Pattern[str] | None = None  # groups: date and/or time
    refund: re.Pattern[str] | None = None  # searched in every line
    void: re.Pattern[str] | None = None
    ignore: re.Pattern[str] | None = None  # searched in every line: such a line is not read


@dataclass(frozen=True)
class ReceiptRules:
    """Interpretation rules: reprint markers (whole words, any case) and
    per-till templates tried before the defaults."""

    reprint_markers: tuple[str, ...] = DEFAULT_REPRINT_MARKERS
    templates: tuple[Template, ...] = ()
    timezone: str = "Europe/London"
    # The site's own printed tender words -> the contract's word, on top of
    # TENDERS (``[receipt.tenders]`` in the config).
    tenders: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        markers = [m.strip() for m in self.reprint_markers if m and m.strip()]
        pattern = (r"\b(?:" + "|".join(re.escape(m) for m in markers) + r")\b") if markers \
            else r"(?!x)x"
        object.__setattr__(self, "_reprint", re.compile(pattern, re.I))
        # The default refund/void banners are read only when no template
        # reads them.
        object.__setattr__(self, "_default_refund", not any(t.refund for t in self.templates))
        object.__setattr__(self, "_default_void", not any(t.void for t in self.templates))
        site = {_key(k): v for k, v in self.tenders if _key(k)}
        object.__setattr__(self, "_site_tenders", site)
        object.__setattr__(self, "_tender_table", {**TENDERS, **site})

    def tender_of(self, printed: list[str],
                  amounts: dict[str, int] | None = None) -> tuple[str | None, list[str]]:
        """The contract's tender for the tenders a receipt printed (the first;
        a tender no table maps is kept as printed), and the flags they call
        for: ``unmapped_tender``, ``split_tender`` (two different ones: then
        the one that paid the most, by ``amounts``, printed tender -> pence)."""
        if not printed:
            return None, []
        words = [self._contract_word(p) or p.strip() for p in printed]
        flags = []
        if any(self._contract_word(p) is None for p in printed):
            flags.append(UNMAPPED_TENDER)
        if len({_key(w) for w in words}) > 1:
            flags.append("split_tender")
            if amounts:
                # The contract has one tender: the one that paid the most.
                paid: dict[str, int] = {}
                for p, w in zip(printed, words, strict=True):
                    paid[w] = paid.get(w, 0) + abs(amounts.get(p, 0))
                return max(words, key=lambda w: paid[w]), flags
        return words[0], flags

    def _contract_word(self, printed: str) -> str | None:
        """The contract's word for a printed tender (a card by its brand), or None."""
        k = _key(printed)
        word = self._tender_table.get(k)  # type: ignore[attr-defined]
        return word or ("card" if _CARD_BRAND.search(k) else None)

    def is_reprint_line(self, line: str) -> bool:
        """A line carrying a reprint marker (not an item line, not a card
        slip's "customer copy")."""
        return (bool(self._reprint.search(line))  # type: ignore[attr-defined]
                and not _NOT_REPRINT.search(line) and _MONEY_END.match(line) is None)


DEFAULT_RULES = ReceiptRules()


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
    return None if m is None else text[:m.start()].strip().rstrip(":.").strip()


def _pence(m: re.Match[str]) -> int:
    value = int(m.group("pounds").replace(",", "")) * 100 + int(m.group("pence"))
    if m.group("sign") or m.group("sign2") or m.group("sign3"):
        value = -value
    return value


class _State:
    """What has been read so far, and what the receipt can hold at all."""

    __slots__ = ("items", "total", "subtotal", "tax", "tenders", "late_tenders", "receipt_no",
                 "account", "date", "time", "refund", "void", "reprint", "after_total",
                 "after_final", "totals", "paid_by", "code_item", "bare_ref",
                 "discount_above", "item_above", "items_at_subtotal", "discounts",
                 "name_above", "paid", "tender_amounts", "change")

    def __init__(self) -> None:
        # Each item: its readings, likeliest first (``_choose`` picks one).
        self.items: list[tuple[ReceiptLine, ...]] = []
        self.total: int | None = None
        self.subtotal: int | None = None
        self.tax: int | None = None
        self.paid: int | None = None  # "Tendered:", "Received:"
        self.tender_amounts: list[int] = []  # the amounts on tender lines ("Cash £5.00")
        self.paid_by: dict[str, int] = {}  # printed tender -> the amounts on its lines
        # The item just read when its description was an article number (its
        # name may follow alone), and a discount's label just read without
        # its amount (the amount follows).
        self.code_item: int | None = None
        self.discount_above: str | None = None
        self.change: int | None = None
        self.tenders: list[str] = []  # printed before the total
        self.late_tenders: list[str] = []  # printed after it (these win)
        self.receipt_no: str | None = None
        self.bare_ref: str | None = None  # a reference alone on a header line
        self.account: str | None = None
        self.date: date | None = None
        self.time: tuple[int, int, int] | None = None
        self.refund = self.void = self.reprint = self.after_total = self.after_final = False
        self.totals: list[tuple[int, int]] = []  # every total printed: (amount, rank)
        # The line just read when it was a name alone (an item's name whose
        # quantity and value are on the next line).
        self.name_above: str | None = None
        # The item read on the line just before, and that line's indent.
        self.item_above: tuple[ReceiptLine, int] | None = None
        self.items_at_subtotal = 0  # how many items were read before the subtotal
        self.discounts: list[int] = []  # which items are discounts

    def add_tender(self, tender: str) -> None:
        (self.late_tenders if self.after_total else self.tenders).append(tender)


def interpret(captured: Any, rules: ReceiptRules | None = None) -> ParsedReceipt:
    """Read a ``drivers.escpos.CapturedReceipt`` (uses ``text`` and
    ``raster_only``) with ``rules`` (None: the defaults)."""
    rules = rules or DEFAULT_RULES
    text = [str(t) for t in (getattr(captured, "text", None) or [])]
    if getattr(captured, "raster_only", False) and not any(t.strip() for t in text):
        return ParsedReceipt("sale", [], None, None, None, None, None, False,
                             ["raster_only", UNPARSED])
    st = _State()
    # tabs, double spaces: one space (the default rules also see the printed
    # line: its columns)
    for raw in _unwrapped(text):
        if line := " ".join(raw.split()):
            _read_line(line, st, rules, raw)
    return _result(st, rules)


def _unwrapped(text: list[str]) -> list[str]:
    """The printed lines with a cell wrapped at a bracket put back together:
    a line that leaves a bracket open, and the next line closes it
    ("Orange juice 250ml (2 x" / "£0.90)   £1.80"), are one line."""
    if not any("(" in t for t in text):
        return text
    out: list[str] = []
    for t in text:
        prev = out[-1] if out else ""
        if prev.count("(") > prev.count(")") and ")" in t \
                and "(" not in t[:t.index(")")]:
            out[-1] = prev.rstrip() + " " + t.lstrip()
        else:
            out.append(t)
    return out


def _read_line(line: str, st: _State, rules: ReceiptRules, raw: str = "") -> None:
    if rules.is_reprint_line(line):
        st.reprint = True
    for t in rules.templates:
        if t.ignore and t.ignore.search(line):
            st.name_above = None
            return
        if t.refund and t.refund.search(line):
            st.refund = True
        if t.void and t.void.search(line):
            st.void = True
        if _template_line(line, t, st):
            st.name_above = None
            return
    if rules._default_refund and _REFUND.match(line):  # type: ignore[attr-defined]
        st.refund = True
    if rules._default_void and _VOID.match(line):  # type: ignore[attr-defined]
        st.void = True
    _default_line(raw or line, st, rules)


def _template_line(line: str, t: Template, st: _State) -> bool:
    """Apply one template to a line; True when it claimed the line."""
    if t.total and (m := t.total.search(line)):
        amount = parse_money(_group(m, "amount") or "")
        if amount is not None:
            st.total = amount
            st.totals.append((amount, 3))  # the site's template outranks the defaults
            st.after_total = st.after_final = True
            return True
    if t.tender and (m := t.tender.search(line)):
        tender = _group(m, "tender")
        if tender:
            st.add_tender(tender.strip())
            return True
    if t.receipt_no and (m := t.receipt_no.search(line)):
        no = _group(m, "receipt_no")
        if no:
            st.receipt_no = st.receipt_no or no.strip()
            return True
    if t.account and (m := t.account.search(line)):
        acc = _group(m, "account")
        if acc:
            st.account = st.account or acc.strip()
            return True
    if t.when and (m := t.when.search(line)):
        when_date, when_time = _read_when(
            " ".join(filter(None, (_group(m, "date"), _group(m, "time")))))
        if st.date is None:
            st.date = when_date
        if st.time is None:
            st.time = when_time
        return True
    if t.line and not st.after_total and (m := t.line.search(line)):
        amount = parse_money(_group(m, "amount") or "")
        desc = (_group(m, "description") or "").strip()
        if amount is not None and desc:
            q = _group(m, "quantity")
            qty = int(q) if q and q.strip().isdigit() else 1
            st.items.append((ReceiptLine(desc, qty, amount),))
            return True
    return False


def _group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


# --- Default rules: what a line says, learnt once per distinct line ---------
# What the default rules read from a line depends on the line alone; only
# whether it is used depends on what the receipt has read so far (a total
# already, an account already, ...). So the line is read once into its facts
# (``_Facts``, by ``_facts``) and each receipt applies them to its state
# (``_default_line``). A till prints the same headers, rules, items, totals
# and footers again and again, so the facts are kept per distinct line text
# (``_FACTS``, bounded): a line seen before costs one dict lookup instead of
# its regular expressions. The facts are computed from the text alone (no
# receipt state, no clock, no site rules), so a remembered answer is the answer.

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


@dataclass(frozen=True, slots=True)
class _Facts:
    """What one line says, whatever the receipt read before it."""

    kind: int
    amount: int | None = None  # the line's last amount
    readings: tuple[ReceiptLine, ...] = ()  # _ITEM: the ways to read it, likeliest first
    account: str | None = None
    receipt_no: str | None = None
    refund_no: bool = False  # the number is printed as "Refund: 123"
    tender: str | None = None  # a tender word, as printed
    key: str = ""  # the label casefolded: the site's own tender words are looked up by it
    text: str = ""  # the normalised line (its date is read when the receipt needs one)
    name_only: bool = False  # _LABEL: nothing but words (maybe the next line's item name)
    negative_qty: bool = False  # _ITEM: a negative quantity ("x-1", "-2 x"): a refund's line
    bare_ref: bool = False  # _LABEL: receipt_no is a reference alone on its line
    discount: bool = False  # _ITEM: a discount (read after a total, up to the final one)
    rank: int = 1  # _TOTAL_FACT: 2 the final amount ("Grand Total"), 1 "Total", 0 "Net total"
    cells: tuple[str, ...] = ()  # _CELLS: the cells, read one by one
    indent: int = 0  # the printed line's leading spaces


_NOTHING_FACTS = _Facts(_NOTHING)
_NOT_A_LINE = ReceiptLine("", 0, 0)  # a reading of a line that is no item line at all
_FACTS: dict[str, _Facts] = {}
_WHEN: dict[str, tuple] = {}  # normalised line -> _read_when(line)
_FACTS_MAX = 2048  # distinct lines remembered (~1 MB); then forgotten all at once


# The currency a tender is kept in, printed after its name ("Cash (GBP)",
# "Card (EUR)"): not part of the tender's name.
_TENDER_CURRENCY = re.compile(r"\s*\(\s*(?:gbp|eur|usd|£|€|\$)\s*\)\s*$", re.I)


def _key(text: str) -> str:
    """A label as the tender tables are keyed: casefolded, single-spaced,
    without the currency in brackets after it."""
    if "(" in text:
        text = _TENDER_CURRENCY.sub("", text)
    return " ".join(text.casefold().split())


def contract_tender(printed: str) -> str | None:
    """The contract's tender for a printed tender word by the built-in table
    ``TENDERS`` (any case and spacing), or None when the table has none."""
    return TENDERS.get(_key(printed))


def _tender_word(label: str) -> str | None:
    """The tender ``label`` names, as printed, or None. ``label`` is the text
    before a line's amount, or a whole line without one."""
    if (m := _TENDER_LABELLED.match(label)) is not None:
        return m.group("tender")
    k = _key(label)
    if k in TENDERS or k in UNMAPPED_TENDERS or _CARD_BRAND.search(k):
        return label
    if (m := _TENDER_SUFFIX.match(label)) is not None and _key(m.group("tender")) in TENDERS:
        return m.group("tender")
    return None


# A cell holding a label and its value ("Paid By: Cash", "Amount: £4.23"):
# the label starts with a letter, and something follows its colon.
_LABELLED_CELL = re.compile(r"^[^\W\d_][^:]{0,30}:\s*\S")


def _labelled_cells(raw: str) -> tuple[str, ...]:
    """The cells of a printed line that holds two or more labelled cells
    side by side (two spaces or more apart), and nothing else; else ()."""
    if not raw or raw.count(":") < 2:
        return ()
    cells = _COLUMN_GAP.split(raw.strip())
    if len(cells) < 2 or not all(_LABELLED_CELL.match(c) for c in cells):
        return ()
    return tuple(cells)


def _facts(line: str, raw: str = "") -> _Facts:
    """What the default rules read in ``line`` (normalised, not empty);
    ``raw`` is the line as printed, its columns (two spaces or more) intact."""
    if cells := _labelled_cells(raw):
        return _Facts(_CELLS, cells=cells)
    f = _line_facts(line, raw)
    indent = len(raw) - len(raw.lstrip()) if raw else 0
    if indent and f.kind is _ITEM:
        return dataclasses.replace(f, indent=indent)
    return f


def _line_facts(line: str, raw: str) -> _Facts:
    """``_facts`` for a line that is not cells side by side."""
    amounts = list(_AMOUNT.finditer(line))
    if not amounts:
        return _label_facts(line, raw)
    label = line[:amounts[0].start()].strip().rstrip(":.").strip()
    amount = _pence(amounts[-1])
    if not label:
        readings, negative = _readings(line, amounts, raw)
        if readings and not readings[0].description:  # "2 x £ 2.45  4.90": the name is above
            return _Facts(_ITEM, amount, readings, negative_qty=negative)
        return _NOTHING_FACTS  # an amount alone (a continuation column): nothing to attribute
    if (m := _TOTAL.match(label)) is not None:
        return _Facts(_TOTAL_FACT, amount, rank=2 if m.group("final") else 0 if m.group("net")
                      else 1)
    if _SUBTOTAL.match(label):
        return _Facts(_SUBTOTAL_FACT, amount)
    if _TAX.search(label):
        return _Facts(_TAX_FACT, amount)
    if (tender := _tender_word(label)) is not None:
        return _Facts(_TENDER_FACT, amount, tender=tender)
    if _PAID.match(label):
        return _Facts(_PAID_FACT, amount)
    if _CHANGE.match(label):
        return _Facts(_CHANGE_FACT, amount)
    if _IGNORED.match(label):
        return _NOTHING_FACTS
    found = _label_facts(line)
    if found.account or found.receipt_no or _DATE_DMY.search(label) or _DATE_DMONY.search(label):
        return _Facts(_LABELLED_AMOUNT, amount, account=found.account,
                      receipt_no=found.receipt_no, refund_no=found.refund_no, text=line)
    readings, negative = _readings(line, amounts, raw)
    if _DISCOUNT.search(label):
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
        return _Facts(_ITEM, amount, readings, key=_key(label), discount=True)
    return _Facts(_ITEM, amount, readings, key=_key(label), negative_qty=negative)


def _label_facts(line: str, raw: str = "") -> _Facts:
    """A line without an amount: the account, receipt number and tender it
    may give, and whether it is words alone. Which one a receipt takes
    depends on what it has read (``_default_line``)."""
    account = receipt_no = None
    refund_no = False
    if (m := _ACCOUNT.match(line)) and _DIGIT.search(m.group("account")):
        account = m.group("account")  # a name ("Pupil: Jane Smith") has no digit
    bare_ref = False
    for m in _RECEIPT_NO.finditer(line) if _DIGIT.search(line) else ():
        if _DIGIT.search(m.group("no")):
            receipt_no = m.group("no")
            refund_no = m.group("label").lower() in ("refund", "return")
            break
    else:
        if (m := _NUMBER_CELL.search(raw or line)) is not None and _DIGIT.search(m.group("no")):
            receipt_no = m.group("no")
        elif "-" in line and _BARE_REF.match(line) and _DIGITS3.search(line):
            receipt_no, bare_ref = line, True
    tender = _tender_word(line.rstrip(":").strip())
    name_only = (account is None and receipt_no is None and tender is None
                 and any(ch.isalpha() for ch in line))
    if name_only and "%" in line and (m := _DISCOUNT_RATE.match(line)) is not None:
        # "Discount: 25.00%": the amount off is on the next line
        return _Facts(_LABEL, text=m.group("label"), discount=True)
    return _Facts(_LABEL, account=account, receipt_no=receipt_no, refund_no=refund_no,
                  bare_ref=bare_ref,
                  tender=tender, key=_key(line.rstrip(":")), text=line, name_only=name_only)


def _qty_column(raw: str) -> tuple[str, str] | None:
    """``(quantity, line without it)`` when the printed line holds one bare
    integer in a column of its own before an amount ("Pasta pot   2   £3.50",
    "Banana  £0.20   -4  -£0.80"): then it is the quantity, not part of the
    description. Two such columns (which one is it?) or none: None."""
    if not raw or "  " not in raw:
        return None
    found = list(_QTY_COLUMN.finditer(raw))
    if len(found) != 1:
        return None
    m = found[0]
    if not _DECIMALS.search(raw, m.end()):
        return None  # after the line's value: a code (a tax rate, a department), not a quantity
    # The columns stay apart (two spaces): a symbol ending the name ("Soup +")
    # is not read as the next amount's currency mark.
    cells = _COLUMN_GAP.split((raw[:m.start("qty")] + "  " + raw[m.end("qty"):]).strip())
    return m.group("qty"), "  ".join(" ".join(c.split()) for c in cells if c)


def _readings(line: str, amounts: list[re.Match[str]],
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
        else:
            column = None
    value = _pence(amounts[-1])
    unit = _pence(amounts[0]) if len(amounts) > 1 else None
    # The words: the line without its amounts, and without a short code
    # after the last one ("S", "Z", "A*": a tax class).
    tail = line[amounts[-1].end():].strip()
    parts = [line[:amounts[0].start()]]
    parts += [line[a.end():b.start()] for a, b in itertools.pairwise(amounts)]
    if tail and not (len(tail) <= 3 and not _DIGIT.search(tail) and ")" not in tail):
        parts.append(tail)
    words = " ".join(" ".join(parts).split())
    desc, qty, sure = words, None, True
    bracket = _QTY_BRACKET.match(words) if column is None and "(" in words else None
    if bracket is not None and _in_brackets(line, amounts[-1]):
        # The one amount is the unit price in brackets: never the line's value.
        unit, value = value, value * int(bracket.group("qty"))
    if column is not None:
        # Certain when quantity x unit = value; else the arithmetic chooses
        # between the amount as the value and as the unit price (below).
        qty = column[0]
        sure = unit is None or int(qty) * abs(unit) == abs(value)
    for rx in (() if column is not None
               else (_QTY_BRACKET, _QTY_FIRST, _QTY_BULLET, _QTY_AT, _QTY_LAST)):
        if (m := rx.match(words)) is not None:
            desc, qty = m.group("desc"), m.group("qty") or m.group("qty2")
            break
    else:
        if column is not None:
            pass
        elif (m := _QTY_ALONE.match(words)) is not None:
            desc, qty = "", m.group("qty")
        elif (m := _QTY_MID.search(words)) is not None:
            desc, qty = (words[:m.start()] + words[m.end():]), m.group("qty") or m.group("qty2")
        elif unit and (m := _QTY_LEADING.match(words)) \
                and int(m.group("qty")) * abs(unit) == abs(value):
            desc, qty = m.group("desc"), m.group("qty")  # "2 Cookie @ 0.50  1.00"
        elif not unit and (m := _QTY_LEADING.match(words)):
            desc, qty = m.group("desc"), m.group("qty")  # "2 Main meal  4.80": value or unit
        else:
            sure = False
    desc = " ".join(desc.split()).strip(" :@-*").strip()
    q = abs(int(qty)) if qty is not None else 1
    if qty is None and unit and abs(value) % abs(unit) == 0 and 0 < abs(value) // abs(unit) < 1000:
        q = abs(value) // abs(unit)  # "Salad box  £2.75  £5.50": the amounts give the quantity
    q = max(1, q)
    first = ReceiptLine(desc, q, value)
    negative = qty is not None and qty.startswith("-")
    if sure and unit is None and q > 1:
        return (first, ReceiptLine(desc, q, value * q)), negative  # or the amount is the unit price
    return (first,), negative


def _unit_price_of(item: ReceiptLine, line: ReceiptLine) -> bool:
    """Whether ``line``'s amount is ``item``'s unit price (quantity above one)."""
    return item.quantity > 1 and line.quantity == 1 and line.amount_pence != 0 \
        and abs(line.amount_pence) * item.quantity == abs(item.amount_pence)


def _in_brackets(line: str, amount: re.Match[str]) -> bool:
    """Whether ``amount`` is printed inside brackets ("(2 x £2.35)")."""
    return line.rfind("(", 0, amount.start()) > line.rfind(")", 0, amount.start()) \
        and ")" in line[amount.end():amount.end() + 2]


def _default_line(line: str, st: _State, rules: ReceiptRules) -> None:
    """The default rules on one line, printed or already normalised: its
    facts (remembered per line text) applied to what the receipt has read so
    far."""
    f = _FACTS.get(line)
    if f is None:
        if len(_FACTS) >= _FACTS_MAX:
            _FACTS.clear()  # one step, safe under threads; the usual lines come back at once
        normal = " ".join(line.split())  # tabs, double spaces: one space (idempotent)
        f = _FACTS[line] = _facts(normal, line) if normal else _NOTHING_FACTS
    name_above, st.name_above = st.name_above, None
    item_above, st.item_above = st.item_above, None
    code_item, st.code_item = st.code_item, None
    discount_above, st.discount_above = st.discount_above, None
    kind = f.kind
    if kind is _CELLS:
        for cell in f.cells:
            _default_line(cell, st, rules)
        return
    site = rules._site_tenders  # type: ignore[attr-defined]
    if discount_above is not None and f.amount is not None and not st.after_final \
            and kind in (_ITEM, _LABELLED_AMOUNT):
        st.items.append((ReceiptLine(discount_above, 1, -abs(f.amount)),))
        return
    if kind is _LABEL and f.discount:
        st.discount_above = f.text
        return
    if code_item is not None and kind is _LABEL and f.name_only:
        st.items[code_item] = tuple(ReceiptLine(f.text, r.quantity, r.amount_pence)
                                    for r in st.items[code_item])
        return
    if kind is _ITEM:
        if f.key and f.key in site:  # the site's own tender word, with its amount
            st.add_tender(f.key)
            if f.amount is not None:
                st.tender_amounts.append(f.amount)
                st.paid_by[f.key] = st.paid_by.get(f.key, 0) + abs(f.amount)
        elif not st.after_total or (f.discount and not st.after_final):
            # After the total: tenders, change, loyalty points; not items
            # (but a discount before the final total).
            readings = f.readings
            if st.after_total and _NOT_A_LINE not in readings:
                # After a total: an amount off still to take (ERPNext), or a
                # summary of discounts already taken. The arithmetic chooses.
                readings += (_NOT_A_LINE,)
            if readings and not readings[0].description and readings[0] is not _NOT_A_LINE:
                if name_above is None:
                    return  # a quantity and amounts with no name: nothing to attribute
                readings = tuple(ReceiptLine(name_above, r.quantity, r.amount_pence)
                                 for r in readings)
            elif item_above is not None and _unit_price_of(item_above[0], readings[0]):
                # "   Portion - £2.70" under " 2 x Chicken wrap  5.40": the unit
                # price (its dash a separator), when indented under the item,
                # and it confirms the item's value; not indented, perhaps an
                # item at that price: the arithmetic chooses.
                if f.indent > item_above[1]:
                    st.items[-1] = st.items[-1][:1]
                    st.item_above = None
                    return
                readings = readings + (_NOT_A_LINE,)
            if f.discount:
                st.discounts.append(len(st.items))
            st.items.append(readings)
            st.item_above = (readings[0], f.indent)
            st.refund = st.refund or f.negative_qty
            if _ARTICLE_NO.match(readings[0].description):
                st.code_item = len(st.items) - 1
    elif kind is _LABEL or (kind is _LABELLED_AMOUNT and not st.after_total):
        if f.account is not None and st.account is None:
            st.account = f.account
        elif f.bare_ref:
            if st.bare_ref is None and not st.items and not st.after_total:
                st.bare_ref = f.receipt_no  # a labelled number wins (``_result``)
        elif f.receipt_no is not None and st.receipt_no is None:
            st.receipt_no = f.receipt_no
            st.refund = st.refund or f.refund_no
        elif f.tender is not None or (f.key and f.key in site):
            st.add_tender(f.tender or f.key)
        if (st.date is None or st.time is None) and f.tender is None:
            # A date may share its line with a number ("14/06/2026 14:00:57
            # Order 00256-009-1711", "20/02/2026 10:09   N°: 200226-151").
            # Read only while needed (most lines come after the date), and
            # remembered like the facts: the same minute is printed again.
            when = _WHEN.get(f.text)
            if when is None:
                if len(_WHEN) >= _FACTS_MAX:
                    _WHEN.clear()
                when = _WHEN[f.text] = _read_when(f.text)
            if st.date is None:
                st.date = when[0]
            if st.time is None:
                st.time = when[1]
        if f.name_only and not st.after_total:
            st.name_above = f.text
    elif kind is _TOTAL_FACT:
        st.totals.append((f.amount, f.rank))
        if st.total is None:
            st.total = f.amount
        st.after_total = True
        st.after_final = st.after_final or f.rank == 2
    elif kind is _SUBTOTAL_FACT:
        if st.subtotal is None:
            st.subtotal = f.amount
            st.items_at_subtotal = len(st.items)
    elif kind is _TAX_FACT:
        if st.tax is None:
            st.tax = f.amount
    elif kind is _TENDER_FACT:
        if f.amount == 0:
            return  # a tender that paid nothing ("Due 0.00", "Voucher 0.00") is not one
        st.add_tender(f.tender or "")
        if f.amount is not None:
            st.tender_amounts.append(f.amount)
            st.paid_by[f.tender or ""] = st.paid_by.get(f.tender or "", 0) + abs(f.amount)
    elif kind is _PAID_FACT and st.paid is None:
        st.paid = f.amount
    elif kind is _CHANGE_FACT and st.change is None:
        st.change = f.amount


def _read_when(text: str) -> tuple[date | None, tuple[int, int, int] | None]:
    """The first valid date and the first valid time in ``text`` (None: none)."""
    when_date = None
    for rx in (_DATE_YMD, _DATE_DMY, _DATE_DMONY, _DATE_MONDY):
        m = rx.search(text)
        if m:
            y = int(m.group("y"))
            y = y + 2000 if y < 100 else y
            month = (_MONTHS.index(m.group("mon")[:3].lower()) + 1
                     if rx is _DATE_DMONY or rx is _DATE_MONDY else int(m.group("m")))
            try:
                when_date = date(y, month, int(m.group("d")))
            except ValueError:
                continue
            break
    when_time = None
    if ":" in text:
        m = _TIME.search(text)
        if m:
            h, mi, s = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
            if m.group("ampm") and 1 <= h <= 12:  # 12 AM is midnight, 12 PM noon
                h = h % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            elif m.group("ampm"):
                h = 99  # "0:30 PM", "13:00 PM": not a time
            if h < 24 and mi < 60 and s < 60:
                when_time = (h, mi, s)
    return when_date, when_time


# Printed times, as _occurred_text makes them (a pure function of its
# arguments), remembered: a service prints the same minutes again and again,
# and the time zone arithmetic is the costliest step left in a receipt.
_OCCURRED: dict[tuple, str] = {}


def _occurred(st: _State, tz: str) -> str | None:
    if st.date is None:
        return None
    key = (st.date, st.time, tz)
    text = _OCCURRED.get(key)
    if text is None:
        if len(_OCCURRED) >= _FACTS_MAX:
            _OCCURRED.clear()
        text = _OCCURRED[key] = _occurred_text(st.date, st.time, tz)
    return text


def _occurred_text(day: date, time: tuple[int, int, int] | None, tz: str) -> str:
    """``day`` and ``time`` as RFC 3339 with the offset of ``tz`` on that day."""
    if time is None:
        return day.isoformat()
    dt = datetime(day.year, day.month, day.day, *time)
    try:
        if ZoneInfo is None:
            raise LookupError("no zoneinfo")
        return dt.replace(tzinfo=ZoneInfo(tz)).isoformat()
    except Exception:  # no tz database: local time without an offset
        return dt.isoformat()


# At most this many combinations of item readings are tried (2**10: ten
# ambiguous lines); beyond it the likeliest readings are taken as they are.
_MAX_COMBINATIONS = 1024


def _paid_total(st: _State) -> int | None:
    """What was handed over less the change (None: not printed)."""
    paid = st.paid if st.paid is not None else (
        sum(st.tender_amounts) if st.tender_amounts else None)
    return None if paid is None else paid - (st.change or 0)


def _choose(items: list[tuple[ReceiptLine, ...]], st: _State,
            total: int | None = None) -> tuple[list[ReceiptLine], bool]:
    """One reading per item: the likeliest whose values add up to what the
    receipt says they add up to, and whether any does. The total (or the
    total less the tax: a tax added on top) is what was charged, and is
    tried first; then the subtotal, which the lines printed above it add up
    to (with an amount off read after it, the whole adds up to the total
    only)."""
    total = st.total if total is None else total
    targets = {t for t in (total, None if total is None or st.tax is None else total - st.tax)
               if t is not None}
    targets |= {-t for t in targets}
    cut = st.items_at_subtotal

    def adds_to_total(lines: list[ReceiptLine]) -> bool:
        return sum(ln.amount_pence for ln in lines) in targets

    def adds_to_subtotal(lines: list[ReceiptLine]) -> bool:
        return abs(sum(ln.amount_pence for ln in lines)) == abs(st.subtotal or 0) \
            and all(ln is _NOT_A_LINE for ln in lines[cut:])

    likeliest = [r[0] for r in items]
    tests = ([adds_to_total] if targets else []) + (
        [adds_to_subtotal] if st.subtotal is not None else [])
    if not tests:
        return likeliest, False
    ambiguous = [i for i, r in enumerate(items) if len(r) > 1]
    combos = 1
    for i in ambiguous:
        combos *= len(items[i])
    if combos > _MAX_COMBINATIONS:
        ambiguous = []  # too many to try: the likeliest readings as they are
    choices: list[tuple[int, ...]] | None = None
    for adds_up in tests:
        if adds_up(likeliest):
            return likeliest, True
        if choices is None:  # the fewest departures from the likeliest readings first
            choices = sorted(itertools.product(*(range(len(items[i])) for i in ambiguous)),
                             key=sum)[1:]
        for choice in choices:
            lines = list(likeliest)
            for i, k in zip(ambiguous, choice, strict=True):
                lines[i] = items[i][k]
            if adds_up(lines):
                return lines, True
    return likeliest, False


def _pick_total(st: _State) -> int | None:
    """The total, of every total the receipt printed: the highest-ranked
    the items add up to; if none adds up, the highest-ranked (the first of
    a rank). A "Total" before a discount is not what was charged when the
    "Grand Total" after it adds up."""
    by_rank = sorted(st.totals, key=lambda t: -t[1])  # stable: print order within a rank
    for amount, _ in by_rank:
        if _choose(st.items, st, amount)[1]:
            return amount
    return by_rank[0][0] if by_rank else st.total


def _result(st: _State, rules: ReceiptRules) -> ParsedReceipt:
    if len(st.totals) > 1:
        st.total = _pick_total(st)
    if st.subtotal is not None and st.total in (st.subtotal, st.subtotal + (st.tax or 0)):
        # A discount printed between a subtotal and a total it took nothing
        # off (the subtotal, or it and the tax, are the total): the lines'
        # values already hold it (Odoo's "Discount:" under the subtotal).
        for i in st.discounts:
            if i >= st.items_at_subtotal:
                st.items[i] = (_NOT_A_LINE,)
    if st.total is None and (paid := _paid_total(st)) is not None \
            and _choose(st.items, st, paid)[1]:
        # No total printed (or none read): what was handed over less the
        # change is one, when the items add up to it.
        st.total = paid
    total = st.total
    lines, adds_up = _choose(st.items, st)
    lines = [ln for ln in lines if ln is not _NOT_A_LINE]
    # A refund needs no banner: a negative total is money going back (OSPOS,
    # ERPNext and Dolibarr's credit notes print none).
    refund = st.refund or (total is not None and total < 0)
    kind = "void" if st.void else "refund" if refund else "sale"
    if kind == "refund":
        if sum(ln.amount_pence for ln in lines) < 0:
            # Printed negative: the items' value is positive, a discount's negative.
            lines = [ReceiptLine(ln.description, ln.quantity, -ln.amount_pence) for ln in lines]
        if total is not None:
            total = -abs(total)
        if total is not None:
            total = -abs(total)
    flags: list[str] = []
    if total is None or not lines:
        flags.append(UNPARSED)
    elif not adds_up:
        flags += [UNPARSED, "lines_total_mismatch"]
    printed = st.late_tenders or st.tenders
    if not printed and st.change:
        printed = ["Cash"]  # change alone (a cash refund's "drawback"): change is cash
    tender, tender_flags = rules.tender_of(printed, st.paid_by)
    flags += tender_flags
    return ParsedReceipt(kind, lines, total, tender, st.receipt_no or st.bare_ref,
                         _occurred(st, rules.timezone),
                         st.account, st.reprint, flags)
