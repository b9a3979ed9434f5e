"""The default rules on an item line: the site's own tender with its
amount, an item's readings with what the lines around it say of it (its
name above, its quantity above or below, its unit price below, a discount
or modifier under it), or after the total words that may be a tender."""

from __future__ import annotations

import re
from collections.abc import Container

from drivers.receipt.amounts import _AMOUNT, _pence
from drivers.receipt.columns import _ARTICLE_NO, _glued_to_name, _unit_price_of
from drivers.receipt.count_rows import above_its_item, count_row
from drivers.receipt.facts import _ITEM, _PAID_FACT, _TENDER_FACT, _Facts, facts_of, money_label
from drivers.receipt.headings import code_off, discount_column, value_less_off
from drivers.receipt.item_shapes import (
    COUNT_UNIT,
    count_before_name_off,
    count_column,
    discounts_summed,
    included,
    labelled_code,
    labelled_price,
    modifier_room,
    modifiers_make,
    name_counts,
    name_goes_on,
    overflows_cell,
    sku_off,
    tax_label_off,
    unit_price,
    wrapped_above_in_cell,
)
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.offs import off_and_after
from drivers.receipt.pay_unread import tender_with_figures
from drivers.receipt.state import _State

# A row that prints its own count first ("1 x 3,10  Rabatt: -20%  2,48"),
# perhaps with the count's unit ("-1 ks x 1,49": a Slovak eKasa refund's
# count row, its minus the refund's): a count row, its name the one above
# as printed, never joined to its words.
_OWN_COUNT = re.compile(r"^-?\d{1,3}\s?(?:" + COUNT_UNIT + r"\.?\s)?[xX×]\s")


# A check link's query ("42&f=929041800688&s=3330.00&t=2026...", a fiscal
# receipt's QR text wrapped over rows, Kazakhstan's OFD): its sum is the
# total the link carries, never a payment printed after the total.
_LINK_QUERY = re.compile(r"[?&][^\s=&?]+=")
# A price stated per something in a footer's sentence ("Meals are £2.00 a
# day", "Dinners cost £2.40 per day", "£1.00 each"): a rate, never what was
# paid nor the total (ITEMS.md).
_A_RATE = re.compile(r"\d\s+(?:a|an|per|each)\s+(?:day|week|meal|lunch|dinner|term|month|"
                     r"child|pupil|person|item)\b|\d\s+each\b", re.I)


def _item(f: _Facts, st: _State, site: Container[str], name_above: str | None,
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
        if st.after_total and f.discount and f.amount:
            st.offs_after_total.append(abs(f.amount))  # (``result.to_pay_unread``)
        read = len(st.items)
        _item_line(f, st, name_above, item_above, qty_above)
        if f.unknown_words and f.amount and len(st.items) > read \
                and (st.subtotal is not None or st.after_total):
            st.words_below.add(read)
    elif not f.discount and f.amount is not None \
            and (words := tender_with_figures(f.key)) is not None \
            and (said := money_label(words)) is not None and said[0] in (_TENDER_FACT, _PAID_FACT):
        # "Espèces:  1 500,00": a payment's label, its amount's thousands left
        # on it; the amount read is not what was paid (``result``: unread_tender).
        # (Before words no rule knows: "Espèces: 1" has a figure among its words.)
        st.pay_unread = True
    elif not f.discount and f.amount and (
            f.unknown_words or f.allowance
            or (_the_total(f.amount, st) and not _LINK_QUERY.search(f.normal))):
        # After the total, words the rules do not know with an amount
        # (``_result``: perhaps a tender), or an allowance's that no rule
        # reads as a tender ("Pocket daily allowance  -2.10" under "TOTAL
        # DUE  2.10": it paid, in a way nothing maps, TENDERS.md), or words
        # it knows that no rule reads, at exactly the total ("Prepaid card
        # £2.60" under "TOTAL £2.60": a bank's or the school's? TENDERS.md,
        # "A payment at the total that no rule reads").
        if len(_AMOUNT.findall(f.normal)) > 1 or _A_RATE.search(f.normal):
            # a row of a table ("Standard Rate  £2.65  £0.25": a tax summary's
            # net and tax): no amount to pay, which prints one (``TAX.md``);
            # nor a price stated in a sentence ("Meals are £2.00 a day")
            st.words_placed.add(len(st.words_after_total))
        if f.unknown_words:
            st.unread_ways.append((f.key, f.amount, len(st.words_after_total)))
        st.words_after_total.append(f.amount)
        st.words_above = f.amount


def _the_total(amount: int, st: _State) -> bool:
    """Whether ``amount`` is the total read (a payment of it, perhaps)."""
    return st.total is not None and abs(amount) == abs(st.total)


def _item_line(f: _Facts, st: _State, name_above: str | None, item_above: tuple | None,
               qty_above: tuple | None) -> None:
    """An item's readings, with what the lines around it say of it: its
    name above, its quantity above or below, its unit price below."""
    readings = f.readings
    if st.columns and not f.discount and readings and readings[0] is not _NOT_A_LINE:
        readings = _under_headings(f, st.columns, readings)
    if included(f.normal) or (f.discount and discounts_summed(f.normal)):
        readings = _summed_or_included(f, st, readings)
    if (st.after_total or st.subtotal is not None) and _NOT_A_LINE not in readings:
        # After a total: an amount off still to take (ERPNext), or a
        # summary of discounts already taken. After a subtotal: an item
        # or what paid for them ("Card 577788 £2.70", "Savings
        # -£1.26"). The arithmetic chooses.
        readings += (_NOT_A_LINE,)
    if name_above is not None and st.columns and readings and readings[0] is not _NOT_A_LINE \
            and f.indent != st.name_at and name_above != " ".join(st.headings_raw.split()) \
            and st.name_under is None \
            and any(c.isupper() for c in name_above) \
            and not (st.items and name_goes_on(name_above, readings[0].description)) \
            and overflows_cell(name_above, st.raw, st.name_indent) \
            and not wrapped_above_in_cell(name_above, st.raw, st.name_indent):
        # Words above a table's row, as long as a name's first row wrapped in
        # its cell, over a row beginning as names do ("Revision guide - GCSE
        # English" / "Literature  1  6.00"): its name's, or a note? Read as
        # the row's, and flagged (``result``: lines_ambiguous).
        st.name_wrap_doubt = True
    if name_above is not None and readings and readings[0] is not _NOT_A_LINE \
            and readings[0].description and (
                (st.items and name_goes_on(name_above, readings[0].description))
                or f.indent == st.name_at
                or wrapped_above_in_cell(name_above, st.raw, st.name_indent)):
        # "Минерална вода Горна" / "баня 0,5 л   0.66 Б": a priced line that
        # begins as a name's rest (a small letter, a measure) under a name
        # alone is that name's last row (ITEMS.md), never an item of its own
        # with the words above the item before's; so is one printed from the
        # name's column under a count in a column of its own ("1   Grüner
        # Veltliner" / "    1/8     3,80   20")
        name_above = count_before_name_off(name_above, readings[0].quantity)
        readings = tuple(r if r is _NOT_A_LINE else ReceiptLine(
            f"{name_above} {r.description}", r.quantity, r.amount_pence) for r in readings)
    elif name_above is not None and st.name_under is not None and readings \
            and (f.indent <= st.name_indent or count_row(f.normal) is not None) \
            and _wrapped_name_above(f, st, name_above, readings[0]):
        return
    if readings and not readings[0].description and readings[0] is not _NOT_A_LINE \
            and name_above is None and item_above is not None and st.items \
            and (whole := _size_in_name_above(f, st, readings[0])) is not None:
        # "Mineralna voda 0,25" / "  4 x 2,50   10,00": the size one space
        # after the name is the name's; the row under it is the item's count
        # and value, which its own arithmetic proves (ITEMS.md)
        st.items[-1] = (whole,)
        st.item_above = (whole, item_above[1], item_above[2], (0,), ())
        return
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
        count = count_row(f.normal)
        if count is not None and undo is not None and not above_its_item(f.normal):
            # "Hot Chocolate €8.00" / "2 x €4.00": the item above's; a fiscal
            # count row ("2.000 BUC x 5.50") is printed above its item, as a
            # cash register's "3 X @1.10" is: the next item's (ITEMS.md)
            count = None
        if "@" in f.normal and len(readings) > 1 or count is not None:
            # "2 X @0.70" alone: a quantity and its unit price, of the
            # item named above or (a cash register) of the next line.
            qty, value = count or (readings[0].quantity, readings[1].amount_pence)
            st.qty_above = (qty, value, None if name_above is None else len(st.items), undo)
        if count is not None and undo is None:
            # "2.000 BUC x 5.50" over "Apa plata  11.00 A": a fiscal printer's
            # count row over its item (ITEMS.md), or under a name alone; the
            # item its value makes takes the count (a name alone above it, a
            # header's "LEI", is then no line), and a count no item proves is
            # flagged (``result``).
            st.counts_ignored.append(count)
        if name_above is None:
            return  # a quantity and amounts with no name: nothing to attribute
        # "2140 Gai Yang" / "(4 x 85.10)  340.40"; "Јогурт 1л (Е)": a tax label, no name's
        name_above = tax_label_off(sku_off(name_above))
        # "2   Heißer Apfelsaft" / "    2 x 3,60   7,20": the count printed twice
        name_above = count_before_name_off(name_above, readings[0].quantity)
        joined = facts_of(f"{name_above}  {f.normal}")
        # ("Tea" / "Price: 1.20": the price's label is no word of the name)
        if joined.kind is _ITEM and joined.readings[0].description \
                and not labelled_price(f.normal) and (
                (readings[0].quantity == 1 and _OWN_COUNT.match(f.normal) is None)
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
        st.unit_rows[len(st.items)] = item_above[0].amount_pence
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


def _under_headings(f: _Facts, columns: tuple[str, ...], readings: tuple) -> tuple:
    """An item row's readings as its table's headings (``columns``) say it
    reads: its code column's article number no part of its name, and under
    a discount column ("VALOR  DESC.": "$4.400  -$440") the value less the
    discount, never the discount as the row's amount (``headings``)."""
    first = readings[0]
    name = code_off(first.description, columns)
    if discount_column(columns) and (value := value_less_off(
            [_pence(a) for a in _AMOUNT.finditer(f.normal)])) is not None:
        return (ReceiptLine(name, first.quantity, value),)
    if name == first.description:
        return readings
    return tuple(r if r is _NOT_A_LINE else ReceiptLine(code_off(r.description, columns),
                                                        r.quantity, r.amount_pence)
                 for r in readings)


def _size_in_name_above(f: _Facts, st: _State, numbers: ReceiptLine) -> ReceiptLine | None:
    """The item above read whole, when its line (``st.raw_prev``, as printed)
    printed one figure one space after its name's words ("Mineralna voda
    0,25", a size) and ``numbers``, a row of a count, unit price and value
    alone under it whose product proves itself ("  4 x 2,50   10,00"), is
    not that figure's count: the figure is the name's, the row the item's."""
    amounts = [_pence(a) for a in _AMOUNT.finditer(f.normal)]
    printed = list(_AMOUNT.finditer(st.raw_prev))
    if len(amounts) != 2 or numbers.quantity * abs(amounts[0]) != abs(amounts[1]) \
            or len(printed) != 1 or not _glued_to_name(st.raw_prev, printed[0]) \
            or (len(st.items[-1]) != 1 and count_column(st.raw_prev) is None) \
            or st.items[-1][0].amount_pence != _pence(printed[0]) \
            or abs(numbers.amount_pence) == abs(_pence(printed[0])):
        return None
    # ("2   Almdudler 0,35" / "    2 x 3,90   7,80": the count printed twice)
    name = count_before_name_off(" ".join(st.raw_prev.split()), numbers.quantity)
    return ReceiptLine(name, numbers.quantity, numbers.amount_pence)


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





def _wrapped_name_above(f: _Facts, st: _State, name: str, reading: ReceiptLine) -> bool:
    """Words alone printed right under a priced item (``st.name_under``),
    when the line after them names itself ("Dates Medjool Premium  1  AED
    89.00" / "Box 1kg" / "Arabic Coffee  1  AED 45.00") or is the item's unit
    price ("... 2  AED 37.00" / "70g" / "@ AED 18.50": 2 x 18.50), not indented
    under them (a heading's, "Promotions" / "  Meal deal saving"): the rest of
    the item's name, wrapped in its cell (a labelled code, "SKU: PM-V", is
    its note). True when the line was the unit price, read as no line."""
    at = st.name_under
    item = st.items[at][0]
    unit = not reading.description and "@" in f.normal \
        and _unit_price_of(item, reading, True)
    count = count_row(f.normal) if not (reading.description or unit) else None
    if count is not None and item is not _NOT_A_LINE and item.quantity in (1, count[0]) \
            and count[1] == abs(item.amount_pence):
        # "Habichuelas rojas La  260.00" / "  Famosa" / "  4 x 65.00": the
        # item's count row under the rest of its name (HiCloud indents it two)
        st.items[at] = (ReceiptLine(item.description, count[0], item.amount_pence),)
        wrapped_name_on(st, at, name)
        return True
    if not (reading.description or unit) or item is _NOT_A_LINE:
        return False
    wrapped_name_on(st, at, name)
    return bool(unit)


def wrapped_name_on(st: _State, at: int, name: str, join: str = " ") -> None:
    """The item ``at`` with the rest of its name wrapped in its cell
    (``name``) added after ``join``; a labelled code ("SKU: PM-V") is its
    note, not added."""
    if not labelled_code(name):
        st.items[at] = tuple(r if r is _NOT_A_LINE else ReceiptLine(
            f"{r.description}{join}{name}", r.quantity, r.amount_pence) for r in st.items[at])
