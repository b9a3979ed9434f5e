"""The default rules on one line: its facts (``facts.facts_of``, judged once
per distinct line) applied to what the receipt has read so far. What a line
says is decided by its kind once (``_apply`` hands it to the rule for its
kind); only what the receipt has read before it is looked at here. The
rules for each kind live with their kind: a line without an amount in
``apply_labels`` (its numbers and dates, the date in ``apply_dates``), an
item in ``apply_items``, the receipt's arithmetic (totals, tax, tenders,
change) here."""

from __future__ import annotations

import re
from collections.abc import Callable

from drivers.receipt.amounts import _AMOUNT
from drivers.receipt.apply_items import _item, _the_total, wrapped_name_on
from drivers.receipt.apply_labels import _label, _numbers_and_dates
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
    count_column,
    counted,
    item_field,
    labelled_code,
    labelled_price,
    name_cut_rest,
    name_goes_on,
    option_marked,
    wrapped_in_cell,
)
from drivers.receipt.labels import _PAID
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.paid_for import slip_amount
from drivers.receipt.rules import ReceiptRules
from drivers.receipt.settle import summed_tax
from drivers.receipt.state import _State
from drivers.receipt.stored_value import own_purse, purse_paid
from drivers.receipt.tax_lines import NET_ONLY, NET_SUBTOTAL, ROUNDED, SUBTOTAL, rate_in
from drivers.receipt.tenders import builtin_tender

# A label and a whole figure, nothing else ("TENDERD:  200").
_PAID_WHOLE = re.compile(r"^(?P<label>[^\W\d_][^\d:]*?)\s*:?\s+(?P<units>\d{1,6})$")

# A rule across the paper, of dashes, equals or underscores ("------", "====").
_RULE = re.compile(r"^[-=_]{8,}$")


def _apply(f: _Facts, st: _State, rules: ReceiptRules) -> None:
    """The default rules on one line: its facts applied to what the receipt
    has read so far."""
    name_above, st.name_above = st.name_above, None
    pupil_row, st.pupil_row = st.pupil_row, None
    name_under, st.name_under = st.name_under, None
    item_above, st.item_above = st.item_above, None
    code_item, st.code_item = st.code_item, None
    discount_above, st.discount_above = st.discount_above, None
    total_above, st.total_above = st.total_above, None
    qty_above, st.qty_above = st.qty_above, None
    st.title_above, st.no_title = st.no_title, 0
    st.words_prev, st.words_above = st.words_above, None
    headline_above, st.headline_above = st.headline_above, None
    kind = f.kind
    if name_under is not None and name_above is not None and _RULE.match(f.normal):
        # the last row's name wrapped in its cell, the table's closing rule under it
        wrapped_name_on(st, name_under, name_above)
    if total_above is not None and f.amount is not None and (
            kind is _NOTHING or (kind is _ITEM and not f.readings[0].description)):
        # A total's label alone, its amount alone on the next line ("TL" / "£2.15").
        f, kind = f._replace(kind=_TOTAL_FACT, rank=total_above[0],
                             refund_no=total_above[1]), _TOTAL_FACT
    if f.amount is not None and not st.items and not st.totals and (
            kind is _NOTHING or (kind is _ITEM and not f.readings[0].description)):
        st.headline_above = f.amount  # an amount alone above the lines: a headline total?
    elif headline_above is not None and kind is _LABEL and f.total_label is not None:
        # "€9.00" / "Total" printed big above the lines (``settle``: it must be
        # the total read below; ``total_labels.headline_total_off`` takes it
        # off when a total line below prints it)
        st.headline = headline_above
    if f.balance_of:
        st.balances_of.append(f.balance_of)  # (``stored_value.own_balance``)
        if st.unread_ways and (way := own_purse(f.balance_of, st.unread_ways, st.total,
                                               sum(st.paid_by.values()),
                                               st.account is not None)) is not None:
            # "cash+  4.75" / "cash+ balance  4.64": the purse that paid, on the
            # holder's card (its words no table knows, its own balance printed)
            st.words_were_way(way)
            _paid_with(st, way[0], way[1])
            st.own_purses.add(way[0])
    if f.ignored_amount and st.after_total:
        st.ignored_after_total.append(f.ignored_amount)  # (``result.paid_proves``)
    if f.ignored_amount is not None and st.after_total:
        _balance_after(f.balance_of, f.ignored_amount, st)
    if f.ignored_amount is not None and slip_amount(f.normal):
        st.slip_amounts.append(f.ignored_amount)  # "Amount: £11.40" (``settle._paid_for_line``)
    if f.name_only and st.after_total and st.paid is None \
            and (m := _PAID_WHOLE.match(f.normal)) and _PAID.match(m["label"]):
        # "TENDERD:  200" among amounts in pence: the notes handed over, in
        # whole units (``result.handed_back`` asks the arithmetic)
        st.paid_whole = int(m["units"]) * 100
    if kind is _CELLS:
        for cell in f.cells:
            _apply(facts_of(cell), st, rules)
        return
    if f.money_back and (kind is _TENDER_FACT or f.tender is not None
                         or (st.after_total and f.amount is not None)):
        st.refund = True  # "Refunded to: Cash", "Cash refund  £2.50": money went back
    site = rules.site_tender_keys
    if discount_above is not None and f.amount is not None and not st.after_final \
            and kind in (_ITEM, _LABELLED_AMOUNT):
        st.items.append((ReceiptLine(discount_above, 1, -abs(f.amount)),))
        return
    if kind is _ITEM:
        if st.item_field is not None and labelled_price(f.normal):
            name_above = st.item_field  # "Meal: Dinner" / ... / "Price: £5.40": the meal's
        st.item_field = None
        st.name_under = name_under
        _item(f, st, site, name_above, item_above, qty_above)
        st.name_under = None
    elif kind is _LABEL and f.columns:
        st.columns = f.columns  # the table's headings: how the rows under them read
        st.headings_raw = st.raw
    elif kind is _LABEL:
        st.item_field = item_field(f.text) or st.item_field
        name_at = st.name_at
        _label(f, st, site, item_above, code_item, name_above, pupil_row)
        if name_above is None and item_above is not None and st.items and f.name_only \
                and not st.after_total and st.items[-1][0] is not _NOT_A_LINE \
                and (at := count_column(st.raw_prev) or name_at) is not None \
                and f.indent == at and not counted(f.text) and not option_marked(f.text):
            # "1  Nile Special   2   4,000   8,000   A" / "   500ml": words alone
            # printed from the name's column under a row that numbers or counts
            # its item in a column of its own: the name's rest, wrapped in its
            # cell (EFRIS's "No Item Qty ...", QRK's "Anz Artikel"; ITEMS.md)
            wrapped_name_on(st, len(st.items) - 1, f.text)
            st.item_above, st.name_above, st.name_at = item_above, None, at
            return
        if name_above is None and item_above is not None and st.items and f.name_only \
                and not st.after_total and st.items[-1][0] is not _NOT_A_LINE \
                and st.headings_raw and (cut := name_cut_rest(
                    st.headings_raw, st.raw_prev, f.text, f.indent)) is not None:
            # "Full English breakfas      2      4.95      9.90" / "  t": a name
            # cut at its cell's width, its rest on the row beneath (ITEMS.md)
            wrapped_name_on(st, len(st.items) - 1, f.text, cut[0])
            st.cut_unsure = st.cut_unsure or not cut[1]
            st.item_above, st.name_above = item_above, None
            return
        if qty_above is not None and f.name_only and st.items and not st.after_total:
            # "2.000 x 0.66" / "Минерална вода Горна" / "баня 0,5 л  1.32": the
            # count row's item is named over two rows; the count waits for its value
            st.qty_above = qty_above
        if name_above is None and item_above is not None and st.name_above == f.text \
                and f.indent <= item_above[1] + 2 and st.items \
                and (wrapped_in_cell(st.raw_prev, f.text, f.indent) or labelled_code(f.text)
                     or (f.indent == item_above[1] and item_above[0] is not _NOT_A_LINE
                         and name_goes_on(item_above[0].description, f.text))):
            # a name alone right under a priced item, not indented (or two in,
            # as HiCloud indents a name's wrapped rows): perhaps the rest of
            # its name, wrapped in its cell (``apply_items._item_line``: the
            # line after it says); so are words from the name's own column
            # that begin as no name begins ("Scientific  1  £12.99" /
            # "calculator fx-83GT CW": ITEMS.md)
            st.name_under = len(st.items) - 1
        elif name_under is not None and name_above is not None and f.name_only \
                and (item := st.items[name_under][0]) is not _NOT_A_LINE \
                and name_goes_on(item.description, f.text):
            # the rest of the name wrapped over a further row ("1 x Galletitas
            # dulces  $2.400,50" / "de chocolate sin" / "gluten"): still the item's
            st.name_above, st.name_under = f"{name_above} {f.text}", name_under
    elif kind is _LABELLED_AMOUNT:
        if not st.after_total:
            _numbers_and_dates(f, st, site)
    elif (money := _MONEY_FACTS.get(kind)) is not None:
        money(f, st)


def _total(f: _Facts, st: _State) -> None:
    if st.after_total and st.total and f.amount == -st.total and not f.refund_no:
        # "Daily spend  -2.10" under "TOTAL DUE  2.10": no total (none is
        # minus the one read), the money that paid it under words no rule
        # reads as a tender (``result``: unread_tender, TENDERS.md).
        st.words_after_total.append(f.amount)
    st.totals.append((f.amount, f.rank))
    if f.tender and f.amount is not None:
        st.way_totals.append((f.tender, f.amount))  # "Cash (Total):" (``settle``)
    if st.total is None:
        st.total = f.amount
    st.after_total = True
    st.after_final = st.after_final or f.rank == 2
    st.refund = st.refund or f.refund_no


def _subtotal(f: _Facts, st: _State) -> None:
    if f.rank in (NET_SUBTOTAL, NET_ONLY) and st.net is None:
        st.net = f.amount  # the amount before tax (``settle``: is the tax in the prices?)
        st.items_at_net = len(st.items)
    if f.rank in (SUBTOTAL, NET_SUBTOTAL) and st.subtotal is None:
        st.subtotal = f.amount
        st.items_at_subtotal = len(st.items)
    elif f.rank == SUBTOTAL and f.amount and _section_sum(st) == f.amount:
        # "Subtotal 6.10" / "Card 004875 Aisling Ryan" / "Panini 4.50" /
        # "Subtotal 4.50": a subtotal per section (a pupil's, a seat's, a
        # guest's), each summing the items printed since the one before: the
        # items are one receipt's, the subtotal theirs together (ITEMS.md)
        st.subtotal = (st.subtotal or 0) + f.amount
        st.items_at_subtotal = len(st.items)


def _section_sum(st: _State) -> int | None:
    """What the items read since the subtotal add up to (as first read);
    None when none was read since."""
    since = st.items[st.items_at_subtotal:]
    return sum(r[0].amount_pence for r in since) if since else None


def _tax(f: _Facts, st: _State) -> None:
    if f.rank == ROUNDED:  # "Rundung -0.02": its own adjustment (``chooser``)
        st.rounding = (st.rounding or 0) + (f.amount or 0)
        return
    if st.after_total and f.amount and _the_total(f.amount, st) \
            and len(_AMOUNT.findall(f.normal)) == 1 and rate_in(f.normal) is None:
        # A tax's word at exactly the total, after it ("Tax-Free Childcare
        # 4.50" under "Amount due £4.50"): no tax is the whole sale, so these
        # are words that paid it, perhaps a way no rule reads (``result``:
        # unread_tender), never a tax that leaves the sale with no tender.
        st.words_after_total.append(f.amount)
        return
    if st.tax is None:
        st.tax, st.tax_rate = f.amount, rate_in(f.normal)
    if not st.after_total:
        st.tax_sum = summed_tax(st.tax_sum, f.amount, f.normal)


def _tender(f: _Facts, st: _State) -> None:
    if f.amount == 0:
        st.zero_tenders += 1  # (``settle.exact_money_unnamed``: a sale of nothing to pay)
        st.zero_ways.append(f.tender or "")  # (``settle._paid_nothing``)
        return  # a tender that paid nothing ("Due 0.00", "Voucher 0.00") is not one
    _paid_with(st, f.tender or "", f.amount)


def _paid_with(st: _State, way: str, amount: int | None) -> None:
    """A payment read: ``way`` paid ``amount`` (None: not printed)."""
    st.add_tender(way)
    if amount is not None:
        st.tender_amounts.append(amount)
        st.paid_by[way] = st.paid_by.get(way, 0) + abs(amount)


def _balance_after(holder: str, amount: int, st: _State) -> None:
    """An amount set aside after the total (a balance, a limit; "" for
    ``holder`` where its words name none), after perhaps a purse's balance
    at what was left to pay: then that purse paid it, or, where the words
    do not prove it, a payment unread (``stored_value.purse_paid``)."""
    if st.balances_after:
        before = st.balances_after[-1]
        paid = purse_paid(before, amount, st.total, sum(st.paid_by.values()))
        if paid == "account":
            _paid_with(st, *before)  # "Cashless balance £6.00" / "Balance remaining £8.73"
            if builtin_tender(before[0]) != "account":
                st.own_purses.add(before[0])  # "Card balance €9.60": the card's own balance
        elif paid is not None:
            st.pay_unread = True
    st.balances_after.append((holder, amount))


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

