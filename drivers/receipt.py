"""Receipt interpretation (pure): a captured receipt's text lines -> what was
sold (lines, total, tender, receipt number, time, account).

``interpret(captured, rules)`` never raises on odd text: a receipt it cannot
make sense of comes back with the flag ``unparsed_receipt`` (the sale is still
journaled with its raw bytes; nothing is dropped).

Per-till templates (``ReceiptRules.templates``, regular expressions with named
groups, built from the config by ``agent.receipt_rules``) are tried on each
line before the default rules. The defaults read the common UK shapes::

    Pasta bake               £2.30       one item (amount = the line's total)
    2 x Cookie               £1.00       quantity first ("2x", "2 @")
    Cookie x2                 1.00       quantity last
    TOTAL                    £3.30       also "Total due", "Amount due", "Balance due"
    Cash                     £5.00       a tender word: cash, card, account, FSM, ...
    CHANGE                   £1.70       ignored (as are SUBTOTAL, VAT, "Balance")
    Receipt No: 1234                     also Rcpt, Trans No, Ticket, Order, Invoice
    Date: 28/11/2026 12:01               dd/mm/yyyy (or yyyy-mm-dd) and HH:MM[:SS]
    Account: P123                        also Acct, Pupil, Pupil ID
    *** REPRINT ***                      the markers, as whole words

Decisions (documented here because the journal depends on them):

* ``BALANCE`` alone is the pupil's account balance printed for information,
  not the amount due; only ``BALANCE DUE`` is a total.
* A receipt is ``unparsed_receipt`` when it prints no total, when it prints a
  total but no item lines, or when its item lines do not add up to the total
  (then also ``lines_total_mismatch``). Lines and total found are still
  returned, so a reviewer sees what was read.
* A refund's lines carry the items' (positive) value and its total is
  negative, whichever way the till prints the signs; a void keeps the signs.
* ``occurred`` is the printed local time as RFC 3339 with the UK offset of
  that date (``2026-11-28T12:01:00+00:00``); a date without a time gives the
  RFC 3339 full-date (``2026-11-28``); nothing printed gives None.
"""

from __future__ import annotations

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

# An amount: optional sign, optional currency mark ("£", "GBP", what a wrong
# code page makes of the pound sign: "ú" (0xA3 in CP437), "œ" (0x9C in
# CP1252), "Â£" (UTF-8 read as CP1252), or any short symbol), pounds and two
# decimals.
MONEY = (r"(?P<sign>-)?\s?(?P<cur>£|GBP|EUR|€|\$|Â£|ú|œ|Ł|[^\w\s.,()-]{1,2})?\s?(?P<sign2>-)?"
         r"(?P<pounds>\d{1,3}(?:,\d{3})+|\d{1,7})[.,](?P<pence>\d{2})(?P<sign3>-)?")
_MONEY_END = re.compile(r"^(?P<label>.*?)\s*(?P<money>" + MONEY + r")\s*$")
_MONEY_ONLY = re.compile(r"^\s*" + MONEY + r"\s*$")

_TOTAL = re.compile(r"^(?:grand\s+)?(?:total(?:\s+(?:due|to\s+pay|amount|gbp))?|amount\s+due|"
                    r"balance\s+(?:due|to\s+pay)|to\s+pay)\s*:?$", re.I)
_IGNORED = re.compile(r"^(?:sub\s*-?\s*total|change(?:\s+due)?|vat\b.*|tax\b.*|"
                      r"(?:new\s+|previous\s+|remaining\s+|account\s+)?balance\b.*|"
                      r"total\s+(?:items|qty|savings?|vat)\b.*|you\s+saved\b.*|"
                      r"tendered|rounding)\s*:?$", re.I)
TENDER_WORDS = ("cash", "card", "account", "acct", "acc", "pupil account", "fsm", "free meal",
                "free school meal", "credit card", "debit card", "contactless", "visa",
                "mastercard", "amex", "voucher", "cheque", "online", "parentpay")
_TENDER = re.compile(r"^(?:(?:paid\s+by|payment|tender(?:ed)?|paid)\s*:?\s*)?(?P<tender>"
                     + "|".join(re.escape(w) for w in sorted(TENDER_WORDS, key=len,
                                                               reverse=True))
                     + r")(?:\s+(?:payment|paid|tendered))?\s*:?$", re.I)
_TENDER_LABELLED = re.compile(r"^(?:paid\s+by|payment(?:\s+method)?|tender(?:ed)?)\s*:\s*"
                              r"(?P<tender>[A-Za-z][A-Za-z ]{0,30}?)\s*$", re.I)
_RECEIPT_NO = re.compile(
    r"^(?:receipt|rcpt|trans(?:action)?|txn|ticket|order|invoice|bill|sale)\.?\s*"
    r"(?:no\.?|number|num|#|id)?\s*[:#.]?\s*(?P<no>[A-Za-z0-9][A-Za-z0-9/_-]{0,31})\b", re.I)
_ACCOUNT = re.compile(
    r"^(?:account|acct|acc|pupil|student)\.?\s*(?:no\.?|number|id|ref)?\s*[:#]\s*"
    r"(?P<account>[A-Za-z0-9][A-Za-z0-9_-]{0,31})\b", re.I)
_QTY_FIRST = re.compile(r"^(?P<qty>\d{1,3})\s*(?:[xX×*@]\s*|\s+[xX]\s+)(?P<desc>\S.*)$")
_QTY_LAST = re.compile(r"^(?P<desc>.*?\S)\s+(?:[xX×*]\s*(?P<qty>\d{1,3})|(?P<qty2>\d{1,3})\s*"
                       r"[xX×])$")
_QTY_AT = re.compile(r"^(?P<desc>.*?\S)\s+(?P<qty>\d{1,3})\s*@\s*" + MONEY + r"$")
_DATE_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?!\d)")
_DATE_YMD = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
_TIME = re.compile(r"(?<![\d:])(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?![\d:])")
# Refund and void are banner lines ("REFUND", "*** VOID ***", "Sale refunded"),
# not words anywhere: footers say "Refund policy: see our website".
_BANNER_EDGE = r"^[\W_]*(?:(?:sale|transaction|receipt|item)\s+)?"
_REFUND = re.compile(_BANNER_EDGE + r"(?:refund(?:ed)?|credit\s+note|refund\s+receipt)"
                     r"(?:\s+(?:receipt|sale))?[\W_]*$", re.I)
_VOID = re.compile(_BANNER_EDGE + r"(?:void(?:ed)?|cancel+ed|void\s+receipt)"
                   r"(?:\s+(?:receipt|sale))?[\W_]*$", re.I)
# "Customer copy" on a card slip is not a reprint.
_NOT_REPRINT = re.compile(r"\b(?:customer|merchant|cardholder|card\s+holder|store|shop|"
                          r"retailer)(?:'s)?\s+copy\b", re.I)

# --- Fast paths ---------------------------------------------------------------
# The regular expressions above are the definition of what a line means; the
# checks below only skip a regex when a cheap test proves it cannot match (a
# necessary condition), so every result is the regex's own. They exist because
# on the till the interpreter runs between a receipt's end and its journal
# entry, and most lines (headers, rules of dashes, footers) match nothing: the
# regexes spent most of their time failing at every position of such lines.

# The amount at the end of a line, without the label: searched from a start
# position computed by ``_money_end`` instead of trying ``.*?`` at every
# length from 0 (what made _MONEY_END cost up to ~25 us on a line of dashes).
_MONEY_TAIL = re.compile(r"\s*(?P<money>" + MONEY + r")\s*$")
# The longest thing MONEY allows between its optional leading whitespace and
# the pounds: sign, space, currency mark (at most 3 characters: "GBP"), space,
# sign.
_MONEY_PREFIX_MAX = 7
# The word characters a currency mark may hold; any other word character, or
# ".,()", cannot stand between a label and its amount's pounds.
_CURRENCY_WORD_CHARS = frozenset("GBPEURÂúœŁ")
# Under re.I, these are the only non-ASCII characters that match an ASCII
# letter (Kelvin sign ~ k, long s ~ s, dotted and dotless I ~ i; checked over
# every code point by the tests). On a line without them, an ASCII word
# matched case-insensitively is a substring of ``line.lower()``.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
# A line (or an amount's label) the label patterns can read starts with one
# of these words.
_ACCOUNT_STARTS = ("acc", "pupil", "student")
_RECEIPT_NO_STARTS = ("receipt", "rcpt", "trans", "txn", "ticket", "order", "invoice", "bill",
                      "sale")
_TENDER_STARTS = ("paid", "payment", "tender") + TENDER_WORDS
_TOTAL_STARTS = ("grand", "amount", "balance", "to")  # "to" also covers "total"
_IGNORED_STARTS = ("sub", "change", "vat", "tax", "new", "previous", "remaining", "account",
                   "balance", "total", "you", "tendered", "rounding")


def _has_space(text: str) -> bool:
    """Whether ``text`` holds a whitespace character (one ``str.split`` splits at)."""
    return any(c.isspace() for c in text)


def _lowered(text: str) -> str | None:
    """``text.lower()`` for the substring pre-checks, or None when the text
    holds a character that re.I folds onto an ASCII letter (then the
    pre-checks are skipped and the regex decides)."""
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text
                               or "\u212a" in text):
        return None
    return text.lower()


def _money_end(line: str) -> tuple[str, re.Match[str]] | None:
    """``(label, money match)`` for a line ending in an amount, exactly as
    ``_MONEY_END.match(line)`` reads it (label = its ``label`` group, the
    match has the MONEY groups); None when it does not match."""
    if "\n" in line:
        # The label's '.' stops at a newline and '$' matches before a final
        # one: leave such text to the full regex.
        m = _MONEY_END.match(line)
        return (m.group("label"), m) if m else None
    # A match ends (trailing whitespace aside) in "<digit>[.,]<digit><digit>"
    # and an optional "-": most lines do not, and are done in a few steps.
    s = line.rstrip()
    e = len(s) - 1 if s.endswith("-") else len(s)
    if e < 4 or s[e - 3] not in ".," or not (s[e - 1].isdecimal() and s[e - 2].isdecimal()
                                             and s[e - 4].isdecimal()):
        return None
    # The pounds lie inside the run of digits and commas before the decimal
    # separator, starting at ``r`` or later. Before them MONEY allows at most
    # _MONEY_PREFIX_MAX characters after a run of whitespace, none of them a
    # digit, a comma, a full stop, a bracket, or a word character outside the
    # currency marks. So a match starting at or before ``r`` has its pounds at
    # ``r`` and starts no earlier than both bounds below, and any other starts
    # after ``r``: the first match at or after ``k`` is the one the lazy label
    # finds, and it is usually at ``k`` itself (one attempt, not one per
    # position of the label).
    r = e - 4
    while r > 0 and (s[r - 1].isdecimal() or s[r - 1] == ","):
        r -= 1
    floor = max(0, r - _MONEY_PREFIX_MAX)
    while floor > 0 and s[floor - 1].isspace():
        floor -= 1
    k = r
    while k > floor and (s[k - 1] in _CURRENCY_WORD_CHARS
                         or not (s[k - 1].isalnum() or s[k - 1] in "_.,()")):
        k -= 1
    m = _MONEY_TAIL.search(line, k)
    return (line[:m.start()], m) if m else None


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


@dataclass(frozen=True)
class ReceiptRules:
    """Interpretation rules: reprint markers (whole words, any case) and
    per-till templates tried before the defaults."""

    reprint_markers: tuple[str, ...] = DEFAULT_REPRINT_MARKERS
    templates: tuple[Template, ...] = ()
    timezone: str = "Europe/London"

    def __post_init__(self) -> None:
        markers = [m.strip() for m in self.reprint_markers if m and m.strip()]
        pattern = (r"\b(?:" + "|".join(re.escape(m) for m in markers) + r")\b") if markers \
            else r"(?!x)x"
        object.__setattr__(self, "_reprint", re.compile(pattern, re.I))
        # For the substring pre-check: only sound for ASCII markers (None: no
        # pre-check, the regex decides).
        words = tuple(m.lower() for m in markers) if all(m.isascii() for m in markers) else None
        object.__setattr__(self, "_reprint_words", words)
        # Gates may be read from the printed (not normalised) text when every
        # word they look for is free of whitespace (see ``interpret``).
        object.__setattr__(self, "_gates_from_raw",
                           words is not None and not any(_has_space(w) for w in words))
        # The default refund/void banners are read only when no template
        # reads them.
        object.__setattr__(self, "_default_refund", not any(t.refund for t in self.templates))
        object.__setattr__(self, "_default_void", not any(t.void for t in self.templates))

    def is_reprint_line(self, line: str) -> bool:
        """A line carrying a reprint marker (not an item line, not a card
        slip's "customer copy")."""
        words = self._reprint_words  # type: ignore[attr-defined]
        if words is not None and (low := _lowered(line)) is not None \
                and not any(w in low for w in words):
            return False  # no marker in the line: most lines, no regex needed
        return (bool(self._reprint.search(line))  # type: ignore[attr-defined]
                and not _NOT_REPRINT.search(line) and _money_end(line) is None)


DEFAULT_RULES = ReceiptRules()


def parse_money(text: str) -> int | None:
    """Pence from a printed amount ("£2.30", "-£2.30", "2,30", "GBP 1,234.00",
    "2.30-"); None if it is not one."""
    m = _MONEY_ONLY.match(text or "")
    if not m:
        return None
    return _pence(m)


def _pence(m: re.Match[str]) -> int:
    value = int(m.group("pounds").replace(",", "")) * 100 + int(m.group("pence"))
    if m.group("sign") or m.group("sign2") or m.group("sign3"):
        value = -value
    return value


class _State:
    """What has been read so far, and what the receipt can hold at all."""

    # A plain slotted class: made once per receipt, on the sale's path.
    __slots__ = ("lines", "total", "tenders", "receipt_no", "account", "date", "time", "refund",
                 "void", "reprint", "after_total", "may_reprint", "may_refund", "may_void")

    def __init__(self) -> None:
        self.lines: list[ReceiptLine] = []
        self.total: int | None = None
        self.tenders: list[str] = []
        self.receipt_no: str | None = None
        self.account: str | None = None
        self.date: date | None = None
        self.time: tuple[int, int, int] | None = None
        self.refund = self.void = self.reprint = self.after_total = False
        # Gates, from one look at the whole text (``open_gates``): a line
        # test whose gate is False cannot match any line of this receipt.
        self.may_reprint = self.may_refund = self.may_void = True

    def open_gates(self, lines: list[str], rules: ReceiptRules) -> None:
        """Set the gates for ``lines``. A word in a line is a word in the
        joined text (a word across a joint only opens a gate, which is safe)."""
        self.may_refund = rules._default_refund  # type: ignore[attr-defined]
        self.may_void = rules._default_void  # type: ignore[attr-defined]
        low = _lowered("\n".join(lines))
        if low is None:
            return
        words = rules._reprint_words  # type: ignore[attr-defined]
        if words is not None:
            self.may_reprint = False
            for w in words:
                if w in low:
                    self.may_reprint = True
                    break
        # Every match of _REFUND contains "refund" or "credit", of _VOID "void"
        # or "cancel".
        self.may_refund = self.may_refund and ("refund" in low or "credit" in low)
        self.may_void = self.may_void and ("void" in low or "cancel" in low)


def interpret(captured: Any, rules: ReceiptRules | None = None) -> ParsedReceipt:
    """Read a ``drivers.escpos.CapturedReceipt`` (uses ``text`` and
    ``raster_only``) with ``rules`` (None: the defaults)."""
    rules = rules or DEFAULT_RULES
    text = [str(t) for t in (getattr(captured, "text", None) or [])]
    if getattr(captured, "raster_only", False) and not any(t.strip() for t in text):
        return ParsedReceipt("sale", [], None, None, None, None, None, False,
                             ["raster_only", UNPARSED])
    st = _State()
    if not rules.templates and rules._gates_from_raw:  # type: ignore[attr-defined]
        # The gates look for words without whitespace, and such a word is in
        # the normalised lines exactly when it is in the printed ones (only
        # whitespace differs): they are read from the printed text as is.
        st.open_gates(text, rules)
        if not (st.may_reprint or st.may_refund or st.may_void):
            # No template, and no line can be a reprint, refund or void
            # banner: all _read_line would do is the default rules, which
            # take a printed line as it is (_default_line normalises it).
            for raw in text:
                _default_line(raw, st)
            return _result(st, rules)
    # tabs, double spaces: one space
    lines = [line for line in (" ".join(raw.split()) for raw in text) if line]
    st.open_gates(lines, rules)
    for line in lines:
        _read_line(line, st, rules)
    return _result(st, rules)


def _read_line(line: str, st: _State, rules: ReceiptRules) -> None:
    if st.may_reprint and rules.is_reprint_line(line):
        st.reprint = True
    for t in rules.templates:
        if t.refund and t.refund.search(line):
            st.refund = True
        if t.void and t.void.search(line):
            st.void = True
        if _template_line(line, t, st):
            return
    if st.may_refund and _REFUND.match(line):
        st.refund = True
    if st.may_void and _VOID.match(line):
        st.void = True
    _default_line(line, st)


def _template_line(line: str, t: Template, st: _State) -> bool:
    """Apply one template to a line; True when it claimed the line."""
    if t.total and (m := t.total.search(line)):
        amount = parse_money(_group(m, "amount") or "")
        if amount is not None:
            st.total = amount
            st.after_total = True
            return True
    if t.tender and (m := t.tender.search(line)):
        tender = _group(m, "tender")
        if tender:
            st.tenders.append(tender.strip())
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
            st.lines.append(ReceiptLine(desc, qty, amount))
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
# already, an account already, ...). So the line is read once into "facts"
# (a small tuple, ``_facts``) and each receipt applies them to its state
# (``_default_line``). A till prints the same headers, rules, items, totals
# and footers again and again, so the facts are kept per distinct line text
# (``_FACTS``, bounded): a line seen before costs one dict lookup instead of
# its regular expressions. The facts are computed from the text alone (no
# receipt state, no clock), so a remembered answer is the answer.

# Facts: (kind, ...). Kinds (small ints, compared with ``is``):
_NOTHING = 0  # an amount alone, or an ignored label (change, VAT, balance): nothing
_TOTAL_FACT = 1  # (1, pence): the total
_TENDER_FACT = 2  # (2, tender): a tender word
_ITEM = 3  # (3, ReceiptLine): an item, unless after the total
_LABEL = 4  # (4, account, receipt_no, tender, line): a line without an amount
_LABELLED_AMOUNT = 5  # (5, account, ...): as _LABEL, unless after the total
_NOTHING_FACTS = (_NOTHING,)
_FACTS: dict[str, tuple] = {}
_WHEN: dict[str, tuple] = {}  # normalised line -> _read_when(line)
_FACTS_MAX = 2048  # distinct lines remembered (~0.5 MB); then forgotten all at once


def _facts(line: str) -> tuple:
    """What the default rules read in ``line``, whatever the receipt read
    before it (``_default_line`` decides what is used)."""
    found = _money_end(line)
    if found is None:
        return (_LABEL,) + _label_facts(line)
    label = found[0].strip().rstrip(":").strip()
    if not label:
        return _NOTHING_FACTS  # an amount alone (a continuation column): nothing to attribute
    amount = _pence(found[1])
    # As in _label_facts: each label pattern is anchored at a word the label
    # must start with; an item's label starts with none of them.
    low = _lowered(label)
    if (low is None or low.startswith(_TOTAL_STARTS)) and _TOTAL.match(label):
        return (_TOTAL_FACT, amount)
    if (low is None or low.startswith(_IGNORED_STARTS)) and _IGNORED.match(label):
        return _NOTHING_FACTS
    if (low is None or low.startswith(_TENDER_STARTS)) and (
            (t := _TENDER.match(label)) or (t := _TENDER_LABELLED.match(label))):
        return (_TENDER_FACT, t.group("tender"))
    if ((low is None or low.startswith(_RECEIPT_NO_STARTS)) and _RECEIPT_NO.match(label)) \
            or ((low is None or low.startswith(_ACCOUNT_STARTS)) and _ACCOUNT.match(label)) \
            or _may_be_dmy(label):
        return (_LABELLED_AMOUNT,) + _label_facts(line)
    return (_ITEM, _item(label, amount))


def _default_line(line: str, st: _State) -> None:
    """The default rules on one line, printed or already normalised: its
    facts (remembered per line text) applied to what the receipt has read so
    far."""
    f = _FACTS.get(line)
    if f is None:
        if len(_FACTS) >= _FACTS_MAX:
            _FACTS.clear()  # one step, safe under threads; the usual lines come back at once
        normal = " ".join(line.split())  # tabs, double spaces: one space (idempotent)
        f = _FACTS[line] = _facts(normal) if normal else _NOTHING_FACTS
    kind = f[0]
    if kind is _ITEM:
        if not st.after_total:  # after the total: tenders, change, loyalty points; not items
            st.lines.append(f[1])
    elif kind is _LABEL or (kind is _LABELLED_AMOUNT and not st.after_total):
        _, account, receipt_no, tender, normal = f
        if account is not None and st.account is None:
            st.account = account
        elif receipt_no is not None and st.receipt_no is None:
            st.receipt_no = receipt_no
        elif tender is not None:
            st.tenders.append(tender)
        elif st.date is None or st.time is None:  # else nothing left to read here
            # Read only while needed (most lines come after the date), and
            # remembered like the facts: the same minute is printed again.
            when = _WHEN.get(normal)
            if when is None:
                if len(_WHEN) >= _FACTS_MAX:
                    _WHEN.clear()
                when = _WHEN[normal] = _read_when(normal)
            if st.date is None:
                st.date = when[0]
            if st.time is None:
                st.time = when[1]
    elif kind is _TOTAL_FACT:
        if st.total is None:
            st.total = f[1]
        st.after_total = True
    elif kind is _TENDER_FACT:
        st.tenders.append(f[1])


def _item(label: str, amount: int) -> ReceiptLine:
    m = _QTY_FIRST.match(label) if label[0].isdecimal() else None  # it starts with \d
    if m:
        return ReceiptLine(m.group("desc").strip(), max(1, int(m.group("qty"))), amount)
    # _QTY_AT needs an "@"; _QTY_LAST ends in a digit or an x (the label is
    # stripped, so its '$' is the end of the string).
    m = _QTY_AT.match(label) if "@" in label else None
    if m:
        return ReceiptLine(m.group("desc").strip(), max(1, int(m.group("qty"))), amount)
    last = label[-1:]
    m = _QTY_LAST.match(label) if last in ("x", "X", "\u00d7") or last.isdecimal() else None
    if m:
        q = m.group("qty") or m.group("qty2")
        return ReceiptLine(m.group("desc").strip(), max(1, int(q)), amount)
    return ReceiptLine(label, 1, amount)


def _label_facts(line: str) -> tuple:
    """``(account, receipt_no, tender, line)`` a line without an amount may
    give (None: not there). Which one a receipt takes depends on what it has
    read (``_default_line``): the account if it has none, else the receipt
    number if it has none, else a tender, else the date and time it still
    lacks (read from ``line`` then)."""
    # Each label pattern is anchored at a word the (lowered) line must start
    # with; a header or footer line starts with none and skips all of them.
    low = _lowered(line)
    account = receipt_no = tender = None
    if (low is None or low.startswith(_ACCOUNT_STARTS)) and (m := _ACCOUNT.match(line)):
        account = m.group("account")
    if (low is None or low.startswith(_RECEIPT_NO_STARTS)) \
            and (m := _RECEIPT_NO.match(line)) and any(ch.isdigit() for ch in m.group("no")):
        receipt_no = m.group("no")
    if (low is None or low.startswith(_TENDER_STARTS)) and (
            (t := _TENDER_LABELLED.match(line)) or (t := _TENDER.match(line))):
        tender = t.group("tender")
    return (account, receipt_no, tender, line)


def _may_be_dmy(text: str) -> bool:
    """_DATE_DMY.search(text), skipped when ``text`` has none of its separators."""
    return ("/" in text or "." in text or "-" in text) and _DATE_DMY.search(text) is not None


def _read_when(text: str) -> tuple[date | None, tuple[int, int, int] | None]:
    """The first valid date and the first valid time in ``text`` (None: none)."""
    when_date = when_time = None
    # Each date/time pattern needs its separator: skip the search without it.
    if "/" in text or "." in text or "-" in text:
        for rx in (_DATE_YMD, _DATE_DMY):
            if rx is _DATE_YMD and "-" not in text:
                continue
            m = rx.search(text)
            if m:
                y = int(m.group("y"))
                y = y + 2000 if y < 100 else y
                try:
                    when_date = date(y, int(m.group("m")), int(m.group("d")))
                except ValueError:
                    continue
                break
    if ":" in text:
        m = _TIME.search(text)
        if m:
            h, mi, s = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
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


def _result(st: _State, rules: ReceiptRules) -> ParsedReceipt:
    kind = "void" if st.void else "refund" if st.refund else "sale"
    lines = st.lines
    total = st.total
    if kind == "refund":
        lines = [ReceiptLine(ln.description, ln.quantity, abs(ln.amount_pence)) for ln in lines]
        if total is not None:
            total = -abs(total)
    flags: list[str] = []
    if total is None or not lines:
        flags.append(UNPARSED)
    elif sum(ln.amount_pence for ln in lines) != (abs(total) if kind == "refund" else total):
        flags += [UNPARSED, "lines_total_mismatch"]
    tender = st.tenders[0] if st.tenders else None
    if len(st.tenders) > 1 and len({t.lower() for t in st.tenders}) > 1:
        flags.append("split_tender")
    return ParsedReceipt(kind, lines, total, tender, st.receipt_no, _occurred(st, rules.timezone),
                         st.account, st.reprint, flags)
