"""The default rules on one line: its facts (``facts.facts_of``, judged once
per distinct line) applied to what the receipt has read so far. What a line
says is decided by its kind once (``_apply`` hands it to the rule for its
kind); only what the receipt has read before it is looked at here."""

from __future__ import annotations

from collections.abc import Callable

from drivers.receipt.columns import _ARTICLE_NO, _unit_price_of
from drivers.receipt.dates import _read_when, has_seconds, time_event, unsure_order, us_place
from drivers.receipt.facts import (
    _CELLS,
    _CHANGE_FACT,
    _ITEM,
    _LABEL,
    _LABELLED_AMOUNT,
    _NOTHING,
    _PAID_FACT,
    _SUBTOTAL_FACT,
    _TAX_FACT,
    _TENDER_FACT,
    _TOTAL_FACT,
    _Facts,
    facts_of,
)
from drivers.receipt.item_shapes import (
    counted,
    discounts_summed,
    included,
    modifier_room,
    modifiers_make,
    name_counts,
    option_under,
    unit_price,
)
from drivers.receipt.memo import remembered
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.offs import off_and_after
from drivers.receipt.rules import ReceiptRules
from drivers.receipt.settle import summed_tax
from drivers.receipt.state import _State
from drivers.receipt.tenders import _key, family_tender

_WHEN: dict[str, tuple] = {}  # normalised line -> _read_when(line)


def _apply(f: _Facts, st: _State, rules: ReceiptRules) -> None:
    """The default rules on one line: its facts applied to what the receipt
    has read so far."""
    name_above, st.name_above = st.name_above, None
    item_above, st.item_above = st.item_above, None
    code_item, st.code_item = st.code_item, None
    discount_above, st.discount_above = st.discount_above, None
    total_above, st.total_above = st.total_above, None
    qty_above, st.qty_above = st.qty_above, None
    st.title_above, st.no_title = st.no_title, 0
    st.words_prev, st.words_above = st.words_above, None
    kind = f.kind
    if total_above is not None and f.amount is not None and (
            kind is _NOTHING or (kind is _ITEM and not f.readings[0].description)):
        # A total's label alone, its amount alone on the next line ("TL" / "£2.15").
        f, kind = f._replace(kind=_TOTAL_FACT, rank=total_above[0],
                             refund_no=total_above[1]), _TOTAL_FACT
    if kind is _CELLS:
        for cell in f.cells:
            _apply(facts_of(cell), st, rules)
        return
    if f.money_back and (kind is _TENDER_FACT or f.tender is not None
                         or (st.after_total and f.amount is not None)):
        st.refund = True  # "Refunded to: Cash", "Cash refund  £2.50": money went back
    site = rules._site_tenders  # type: ignore[attr-defined]
    if discount_above is not None and f.amount is not None and not st.after_final \
            and kind in (_ITEM, _LABELLED_AMOUNT):
        st.items.append((ReceiptLine(discount_above, 1, -abs(f.amount)),))
        return
    if kind is _ITEM:
        _item(f, st, site, name_above, item_above, qty_above)
    elif kind is _LABEL:
        _label(f, st, site, item_above, code_item, name_above)
    elif kind is _LABELLED_AMOUNT:
        if not st.after_total:
            _numbers_and_dates(f, st, site)
    elif (money := _MONEY_FACTS.get(kind)) is not None:
        money(f, st)


def _label(f: _Facts, st: _State, site: dict[str, str], item_above: tuple | None,
           code_item: int | None, name_above: str | None = None) -> None:
    """A line without an amount: an amount off's label, the rest of the name
    above, a total's label, an article number's name, else what it numbers
    or dates; an option of the item named above or read above."""
    name_indent = st.name_indent
    _label_said(f, st, site, item_above, code_item)
    if name_above is not None and f.name_only and not st.after_total \
            and option_under(f.text, f.indent, name_indent, counted(name_above)):
        # "1x Flat white" / "   └ Oat milk" / "  £3.40": the item's option,
        # not its name; the name still waits for its value.
        st.name_above, st.name_indent = name_above, name_indent


def _label_said(f: _Facts, st: _State, site: dict[str, str], item_above: tuple | None,
                code_item: int | None) -> None:
    """What a line without an amount says (``_label``)."""
    if f.discount:
        st.discount_above = f.text
        return
    if f.name_only and item_above is not None and not st.after_total \
            and option_under(f.text, f.indent, item_above[1], True):
        # "Bottomless Coffee  4  $2.50  $16.00" / "    2xNo onions  -" / "    Add
        # bacon  $1.50": an option with no price keeps the item for those below
        st.item_above = item_above
    if f.name_only and item_above is not None \
            and len(f.text) > len(item_above[0].description) > 0 \
            and f.text.startswith(item_above[0].description):
        # "Cheese toast   3   7.05" / "  Cheese toastie": the name the column cut, whole
        st.items[-1] = tuple(r if r is _NOT_A_LINE else ReceiptLine(f.text, r.quantity,
                                                                      r.amount_pence)
                             for r in st.items[-1])
        return
    if f.total_label is not None:
        st.total_above = f.total_label
        return
    st.total_unread = st.total_unread or f.total_unread
    if code_item is not None and f.name_only:
        st.items[code_item] = tuple(ReceiptLine(f.text, r.quantity, r.amount_pence)
                                    for r in st.items[code_item])
        return
    _numbers_and_dates(f, st, site)


def _numbers_and_dates(f: _Facts, st: _State, site: dict[str, str]) -> None:
    """A label (or, before the total, a labelled amount): the account, the
    receipt's number, a tender, the date and time, or a name alone (perhaps
    the next line's item's)."""
    if f.unplaced is not None and not st.items and not st.after_total:
        st.unplaced.append(f.unplaced)
    if f.no_title:
        st.no_title = f.no_title
    if st.title_above and f.alone_no is not None and _header_number(st, st.title_above == 1):
        # "ORDER SLIP" / "O-306": the number under its label
        st.receipt_no, st.no_belongs = f.alone_no, st.title_above == 1
    elif f.account is not None and st.account is None:
        st.account = f.account
    elif f.bare_ref or f.unlabelled_no:
        if not st.items and not st.after_total:  # a labelled number wins (``_result``)
            if f.bare_ref and st.bare_ref is None:
                st.bare_ref = f.receipt_no
            elif f.unlabelled_no and st.unlabelled_no is None:
                st.unlabelled_no = f.receipt_no
    elif f.receipt_no is not None and (
            st.receipt_no is None or _header_number(st, f.belongs_no or f.weak_no)
            # "  Txn 3476904829" under a card after the total, then "Receipt
            # 7ab2ea04": the receipt's own label wins over a payment's
            or (st.no_late and st.no_weak and not (_weak_late(f, st) or f.belongs_no))):
        # A "Ref" or "Txn" after the total may be the payment's reference (a
        # card slip's) as well as the receipt's: read, and flagged.
        st.unsure_no = st.no_weak = _weak_late(f, st)
        st.receipt_no, st.no_belongs = f.receipt_no, f.belongs_no
        st.no_late = st.after_total
        st.refund = st.refund or f.refund_no
    elif f.receipt_no is not None and st.no_late and f.receipt_no != st.receipt_no \
            and not (f.belongs_no or _weak_late(f, st)):
        # Two numbers under labels after the total ("Txn 6056626542" under the
        # card, "Receipt 36aac799" at the foot): a payment's and the receipt's,
        # and which is which the rules cannot tell.
        st.unsure_no = True
    elif f.tender is not None or (f.key and f.key in site):
        st.add_tender(f.tender or f.key)
        if st.words_prev is not None and f.tender is not None \
                and family_tender(_key(f.tender)) == "card":
            # "myPOS   EUR 38.50" / "  girocard · auth 855468": a payment
            # provider's leg, paid by the card named under it
            st.paid_by[f.tender] = st.paid_by.get(f.tender, 0) + abs(st.words_prev)
            st.tender_amounts.append(st.words_prev)
    if (st.date is None or st.time is None or not st.exact_time or st.opened) \
            and f.tender is None:
        _read_date(f.text, st)
    if f.name_only and not st.after_total:
        st.name_above, st.name_indent = f.text, f.indent


def _weak_late(f: _Facts, st: _State) -> bool:
    """Whether a number read after the total is under a label a payment's
    block prints ("Ref", "Txn", "Trans"): perhaps the payment's."""
    return st.after_total and (f.weak_no or f.payment_no)


def _header_number(st: _State, belongs: bool) -> bool:
    """Whether a labelled number read now is the receipt's: none read yet,
    or (in the header) the one read is an order's or a bill's and this one
    is under the receipt's own label ("Order: ORD-7" then "Receipt: RC-1"),
    not a "Ref" (perhaps a payment's: "Order #: 69052" then "Reference: EC3493")."""
    return st.receipt_no is None or (st.no_belongs and not belongs and not st.items
                                     and not st.after_total)


def _item(f: _Facts, st: _State, site: dict[str, str], name_above: str | None,
          item_above: tuple | None, qty_above: tuple | None) -> None:
    """A line with an amount and words no other rule knows: the site's own
    tender, an item (before the total; a discount up to the final total),
    or after the total words that may be a tender."""
    if f.key and f.key in site:  # the site's own tender word, with its amount
        st.add_tender(f.key)
        if f.amount is not None:
            st.tender_amounts.append(f.amount)
            st.paid_by[f.key] = st.paid_by.get(f.key, 0) + abs(f.amount)
    elif not (st.after_total or (st.paid is not None and st.paid_at)) \
            or (f.discount and not st.after_final):
        # After the total, or what was paid ("AMOUNT PAID  £2.10" /
        # "  Free meal credit  £1.20"): tenders, change, loyalty points;
        # not items (but a discount before the final total). What was paid
        # printed above every item (a header's "Amount Received:") ends nothing.
        _item_line(f, st, name_above, item_above, qty_above)
    elif not f.discount and f.amount and f.unknown_words:
        # After the total, words the rules do not know with an amount
        # (``_result``: perhaps a tender).
        st.words_after_total.append(f.amount)
        st.words_above = f.amount


def _item_line(f: _Facts, st: _State, name_above: str | None, item_above: tuple | None,
               qty_above: tuple | None) -> None:
    """An item's readings, with what the lines around it say of it: its
    name above, its quantity above or below, its unit price below."""
    readings = f.readings
    if included(f.normal) or (f.discount and discounts_summed(f.normal)):
        readings = _summed_or_included(f, st, readings)
    if (st.after_total or st.subtotal is not None) and _NOT_A_LINE not in readings:
        # After a total: an amount off still to take (ERPNext), or a
        # summary of discounts already taken. After a subtotal: an item
        # or what paid for them ("Card 577788 £2.70", "Savings
        # -£1.26"). The arithmetic chooses.
        readings += (_NOT_A_LINE,)
    if readings and not readings[0].description and readings[0] is not _NOT_A_LINE:
        undo = None
        if name_above is None and len(readings) > 1 and item_above is not None \
                and st.items and abs(readings[1].amount_pence) == abs(
                    item_above[0].amount_pence):
            # "COOKIE  1.00" / "  2 @ 0.50": the quantity of the item above
            # (unless the next line's value is made by it too: a register's)
            undo = (len(st.items) - 1, st.items[-1])
            it = item_above[0]
            st.items[-1] = (ReceiptLine(it.description, readings[1].quantity,
                                        it.amount_pence),)
        if "@" in f.normal and len(readings) > 1:
            # "2 X @0.70" alone: a quantity and its unit price, of the
            # item named above or (a cash register) of the next line.
            st.qty_above = (readings[0].quantity, readings[1].amount_pence,
                            None if name_above is None else len(st.items), undo)
        if name_above is None:
            return  # a quantity and amounts with no name: nothing to attribute
        joined = facts_of(f"{name_above}  {f.normal}")
        if joined.kind is _ITEM and joined.readings[0].description and (
                readings[0].quantity == 1
                or name_counts(name_above, joined.readings[0], readings[0])):
            # "2 x Chicken curry & rice w/ naan" / "7.00": the value
            # wrapped onto a line of its own; the name holds the quantity
            # ("2x Bread" / "@ 18.00 -> 36.00": the one the numbers make).
            readings = joined.readings + readings[len(f.readings):]
        else:
            readings = tuple(ReceiptLine(name_above, r.quantity, r.amount_pence)
                             for r in readings)
    elif item_above is not None and not f.discount \
            and _unit_price_of(item_above[0], readings[0], f.normal.startswith("@")):
        # "   Portion - £2.70" under " 2 x Chicken wrap  5.40": the unit
        # price (its dash a separator), when indented under the item,
        # and it confirms the item's value; not indented, perhaps an
        # item at that price: the arithmetic chooses.
        if f.indent > item_above[1]:
            st.items[-1] = st.items[-1][:1]
            st.item_above = None
            return
        readings = readings + (_NOT_A_LINE,)
    elif item_above is not None and len(item_above) > 2 and not f.discount \
            and f.indent > item_above[1] and readings[0].description \
            and _modifier(f, st, readings, item_above):
        return
    if qty_above is not None and readings[0].description \
            and abs(readings[0].amount_pence) == abs(qty_above[1]):
        # "  2 X @0.70" / "YOGHURT  £1.40": the quantity above is this item's
        readings = (ReceiptLine(readings[0].description, qty_above[0],
                                readings[0].amount_pence), *readings[1:])
        if qty_above[2] is not None:
            st.items[qty_above[2]] = (_NOT_A_LINE,)
        if qty_above[3] is not None:
            st.items[qty_above[3][0]] = qty_above[3][1]  # not the item above's
    if f.discount and item_above is not None and f.indent > 0 \
            and _NOT_A_LINE not in readings:
        # A discount indented under an item may be in its value already
        # (a line discount printed for information): the arithmetic chooses.
        readings += (_NOT_A_LINE,)
    if f.discount and item_above is not None and (pair := off_and_after(f.normal)) is not None:
        # "  2x @ R45.00" / "  Item Disc: -R9.00   R81.00": the item's value after
        # its discount, when the item's value less the amount off makes it.
        off, after = pair
        before = [r for r in st.items[-1] if r is not _NOT_A_LINE
                  and r.amount_pence + off == after]
        if before:
            st.items[-1] = (ReceiptLine(before[0].description, before[0].quantity, after),)
            st.item_above = None
            return
    if f.discount:
        st.discounts.append(len(st.items))
    st.items.append(readings)
    # the item, its indent, its line and the modifiers read under it (what
    # their amounts may sum to, the lines they were read as)
    st.item_above = (readings[0], f.indent, f.normal, (0,), ())
    st.refund = st.refund or f.negative_qty
    if _ARTICLE_NO.match(readings[0].description):
        st.code_item = len(st.items) - 1


def _summed_or_included(f: _Facts, st: _State, readings: tuple) -> tuple:
    """The readings of a discounts' sum ("Total Discount:  -$2.50") or an
    amount included in the prices ("IGI inclòs: 0,54 EUR"): no line when the
    amounts off above make the sum, and likeliest no line otherwise (the
    arithmetic chooses: a bill's one discount is a line)."""
    if f.discount and not included(f.normal):
        off = [r[0].amount_pence for r in st.items
               if r[0] is not _NOT_A_LINE and r[0].amount_pence < 0]
        if off and sum(off) == -abs(f.amount or 0):
            return (_NOT_A_LINE,)
    return (_NOT_A_LINE, *(r for r in readings if r is not _NOT_A_LINE))


def _modifier(f: _Facts, st: _State, readings: tuple, item_above: tuple) -> bool:
    """Whether a priced line indented under an item is a modifier in its
    value ("Milkshake  1  $5.50  $6.25" / "    Extra cheese  $0.75"): read
    as no line when it and the modifiers above it make up what the value
    holds beyond quantity x unit price; as an item or no line (the
    arithmetic chooses) while the value has room for it."""
    item, indent, line, sums, pending = item_above
    unit = unit_price(line)
    added = {a + r.amount_pence for a in sums for r in readings if r is not _NOT_A_LINE}
    if any(modifiers_make(item, unit, a) for a in added):
        for i in pending:
            st.items[i] = (_NOT_A_LINE,)
        st.item_above = (item, indent, line, (), ())
        return True
    room = tuple(a for a in added if modifier_room(item, unit, a))
    if not room:
        return False
    st.items.append((*readings, _NOT_A_LINE) if _NOT_A_LINE not in readings else readings)
    st.item_above = (item, indent, line, room, (*pending, len(st.items) - 1))
    return True


def _total(f: _Facts, st: _State) -> None:
    st.totals.append((f.amount, f.rank))
    if st.total is None:
        st.total = f.amount
    st.after_total = True
    st.after_final = st.after_final or f.rank == 2
    st.refund = st.refund or f.refund_no


def _subtotal(f: _Facts, st: _State) -> None:
    if st.subtotal is None:
        st.subtotal = f.amount
        st.items_at_subtotal = len(st.items)


def _tax(f: _Facts, st: _State) -> None:
    if st.tax is None:
        st.tax = f.amount
    if not st.after_total:
        st.tax_sum = summed_tax(st.tax_sum, f.amount, f.normal)


def _tender(f: _Facts, st: _State) -> None:
    if f.amount == 0:
        return  # a tender that paid nothing ("Due 0.00", "Voucher 0.00") is not one
    st.add_tender(f.tender or "")
    if f.amount is not None:
        st.tender_amounts.append(f.amount)
        st.paid_by[f.tender or ""] = st.paid_by.get(f.tender or "", 0) + abs(f.amount)


def _paid(f: _Facts, st: _State) -> None:
    if st.paid is None:
        st.paid, st.paid_at = f.amount, len(st.items)


def _change(f: _Facts, st: _State) -> None:
    if st.change is None:
        st.change = f.amount


# The receipt's arithmetic, by the kind of line that prints it (the first
# printed wins, but every total is kept: ``settle`` picks the one charged).
_MONEY_FACTS: dict[int, Callable[[_Facts, _State], None]] = {
    _TOTAL_FACT: _total, _SUBTOTAL_FACT: _subtotal, _TAX_FACT: _tax, _TENDER_FACT: _tender,
    _PAID_FACT: _paid, _CHANGE_FACT: _change}


def _read_date(text: str, st: _State) -> None:
    """The date and time a label line gives, while the receipt still needs
    them. A date may share its line with a number ("14/06/2026 14:00:57
    Order 00256-009-1711", "20/02/2026 10:09   N°: 200226-151"); a time may
    stand apart from its date. The same minute printed again with its
    seconds (a footer's "2026-10-08 08:06:52" under a header's "08:06") is
    the same moment, more exactly; but not under a label naming another
    moment (a fiscal unit's "Ende", a bill's "Opened", "Printed"). A bill
    read from its opening time ("Opened:") was sold at its closing time
    ("Closed:", "Refunded:": the last printed). A US till's dates (its
    address says so, ``us_place``) are month first. Read lines are remembered like the facts: the
    same minute is printed again and again."""
    if ":" not in text and st.date is not None:
        return  # no time here, and the date is known
    day, time = remembered(_WHEN, text, _read_when, text)
    if day is None and time is None:
        st.month_first = st.month_first or (st.date is None and us_place(text))
        return
    if st.month_first:
        day, time = _read_when(text, month_first=True)  # a US till's: not remembered
    event = time_event(text)
    if st.date is None:
        st.date = day
        st.unsure_date = day is not None and not st.month_first and unsure_order(text)
        st.opened = day is not None and event == "open"
    elif st.opened and event == "close" and day is not None:
        # "Opened: 10/01/2026 08:20 AM" / "Closed: 10/01/2026 08:47 AM"
        st.date, st.time = day, time  # a refund's "Refunded:" after it: later still
        st.unsure_date = not st.month_first and unsure_order(text)
        st.exact_time = time is not None and has_seconds(text)
        return
    if st.time is None:
        st.time = time
        st.exact_time = time is not None and has_seconds(text)
    elif time is not None and event is None and not st.exact_time \
            and time[:2] == st.time[:2] and day in (None, st.date):
        st.time, st.exact_time = time, has_seconds(text)  # the same minute, with its seconds
