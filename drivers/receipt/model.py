"""What the interpreter gives back (``ParsedReceipt``, ``ReceiptLine``) and
what a till's own template holds (``Template``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNPARSED = "unparsed_receipt"


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One item line; ``amount_pence`` is the line's total (quantity included)."""

    description: str
    quantity: int
    amount_pence: int


@dataclass(frozen=True, slots=True)
class TenderPart:
    """One tender of a split payment: the contract's word (or the tender as
    printed, when no table maps it) and what it paid, in pence (less any
    change given, for cash; negative in a refund, like the total)."""

    tender: str
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
    # A split payment's parts in printed order (at least two, adding up to the
    # total); empty for one tender, and for a split whose parts do not add up
    # (flagged ``split_unreconciled``).
    tenders: tuple[TenderPart, ...] = ()

    def __repr__(self) -> str:
        # The account is a pupil reference: not in a repr.
        return (f"ParsedReceipt(kind={self.kind!r}, {len(self.lines)} lines, "
                f"total_pence={self.total_pence!r}, tender={self.tender!r}, "
                f"tenders={self.tenders!r}, "
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
    # group: description; the whole name of the item just read, printed on
    # the line below it (the item line truncated it: "Cheese toast" ...
    # "Cheese toastie")
    name_below: re.Pattern[str] | None = None
    # group: amount; a line every sample printed the total on too, under
    # another label: where it prints another amount, which was charged?
    total_rival: re.Pattern[str] | None = None
    # How ``when``'s date group is printed, as ``datetime.strptime`` reads it
    # ("%b/%d/%Y %H:%M:%S"); "" the default date rules.
    date_format: str = ""
    # A complete profile (``drivers.receipt.profile``): every line this till
    # prints, by where it is printed (above the items, among them, below the
    # total) and the shapes of its item lines; each a pattern the whole line
    # matches. A receipt with a line none of them knows is ``template_miss``.
    header: re.Pattern[str] | None = None
    body: re.Pattern[str] | None = None
    footer: re.Pattern[str] | None = None
    items: re.Pattern[str] | None = None
    # Lines the samples printed that their arithmetic set aside (read as an
    # item, confirmed none): known only where the reading sets them aside.
    aside: re.Pattern[str] | None = None
    expect: tuple[str, ...] = ()  # fields every receipt of this till prints (profile.EXPECTABLE)
    # ``profile.WHOLE_UNITS``: the till prints whole units of its currency, confirmed.
    amounts: str = ""
    # What a sale is that hands over exactly its total and prints no word for
    # how it was paid, as the samples confirmed (``profile.unnamed_tender``).
    unnamed_tender: str = ""
_NOT_A_LINE = ReceiptLine("", 0, 0)  # a reading of a line that is no item line at all
