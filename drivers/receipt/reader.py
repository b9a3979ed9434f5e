"""The reader: a receipt's lines, one by one, into what it says was sold
(``interpret``), with the per-till templates tried before the default
rules."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from drivers.receipt.amounts import parse_money
from drivers.receipt.columns import _ARTICLE_NO, _unit_price_of, _unwrapped
from drivers.receipt.dates import _occurred_text, _read_when, unsure_order
from drivers.receipt.facts import (
    _CELLS,
    _CHANGE_FACT,
    _FACTS_MAX,
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
from drivers.receipt.model import _NOT_A_LINE, UNPARSED, ParsedReceipt, ReceiptLine, Template
from drivers.receipt.profile import (
    TEMPLATE_MISS,
    knows,
    missing_fields,
    read_date,
    region_of,
    template_misses,
)
from drivers.receipt.rules import DEFAULT_RULES, ReceiptRules
from drivers.receipt.settle import settle
from drivers.receipt.state import _State


def interpret(captured: Any, rules: ReceiptRules | None = None) -> ParsedReceipt:
    """Read a ``drivers.events.CapturedReceipt`` (uses ``text`` and
    ``raster_only``) with ``rules`` (None: the defaults)."""
    rules = rules or DEFAULT_RULES
    text = [str(t) for t in (getattr(captured, "text", None) or [])]
    if getattr(captured, "raster_only", False) and not any(t.strip() for t in text):
        return ParsedReceipt("sale", [], None, None, None, None, None, False,
                             ["raster_only", UNPARSED])
    return _result(_walk(text, rules), rules)


def _walk(text: list[str], rules: ReceiptRules, seen: list[Any] | None = None) -> _State:
    """Read every line into a state; ``seen`` (when given) gets each line
    (normalised), where it is printed and the item read from it (None: none)."""
    st = _State()
    # tabs, double spaces: one space (the default rules also see the printed
    # line: its columns)
    for raw in _unwrapped(text):
        if (f := facts_of(raw)).normal:
            if seen is None:
                _read_line(f, st, rules)
                continue
            items, after_total = len(st.items), st.after_total
            _read_known(f, st, rules)
            region = region_of(after_total, len(st.items))
            seen.append((f.normal, region, items if len(st.items) > items else None))
    if seen is not None:  # the items as read at the end (an article number's name below it)
        seen[:] = [(ln, r, None if i is None else st.items[i][0]) for ln, r, i in seen]
    return st


def lines_read(captured: Any, rules: ReceiptRules | None = None
               ) -> list[tuple[str, str, ReceiptLine | None]]:
    """Each line of a receipt as ``rules`` read it: the line (normalised),
    where it is printed (``profile.REGIONS``) and the item read from it
    (its likeliest reading; None: no item). What ``agent receipt learn``
    learns a till's layout from."""
    seen: list[tuple[str, str, ReceiptLine | None]] = []
    _walk([str(t) for t in (getattr(captured, "text", None) or [])], rules or DEFAULT_RULES, seen)
    return seen


def misses(captured: Any, rules: ReceiptRules) -> list[str]:
    """Why a receipt is ``template_miss`` under ``rules``' complete profile,
    in plain words ([] when it is not)."""
    if not rules._complete:  # type: ignore[attr-defined]
        return []
    st = _walk([str(t) for t in (getattr(captured, "text", None) or [])], rules)
    total = settle(st)[0]  # as ``interpret`` settles it (st is this call's own)
    return template_misses(st.unknown, missing_fields(
        rules.templates, total, st.date, st.time, _number(st), _tenders_printed(st),
        st.account))


def _tenders_printed(st: _State) -> list[str]:
    """The tenders the receipt printed (those after the total win); change
    alone (a cash refund's "drawback") is cash."""
    return st.late_tenders or st.tenders or (["Cash"] if st.change else [])


def _number(st: _State) -> str | None:
    """The receipt's number: labelled, a clear reference, else one nothing
    labels (``_result`` flags that ``unlabelled_number``)."""
    return st.receipt_no or st.bare_ref or st.unlabelled_no


def _read_line(f: _Facts, st: _State, rules: ReceiptRules) -> None:
    """One printed line (its facts): the templates, then the default rules;
    under a complete profile, a line it does not know is noted."""
    if not rules._complete:  # type: ignore[attr-defined]
        _read_known(f, st, rules)
        return
    items, after_total, said = len(st.items), st.after_total, _said(st)
    _read_known(f, st, rules)
    item = len(st.items) > items
    if f.discount or (not item and _said(st) != said):
        return  # a fact the rules know (a total, a tender, a number, a banner, a discount...)
    region = region_of(after_total, len(st.items))
    if not knows(rules.templates, f.normal, region, st.items[-1][0].description if item else None):
        st.unknown.append((f.normal, "items" if item else region))


def _said(st: _State) -> tuple:
    """What the receipt has read so far, but its items (what a line added to
    it tells whether the line gave a fact)."""
    return (len(st.totals), st.subtotal, st.tax, len(st.tenders), len(st.late_tenders),
            st.paid, st.change, st.receipt_no, st.bare_ref, st.account, st.date, st.time,
            st.refund, st.void, st.reprint, st.discount_above)


def _read_known(f: _Facts, st: _State, rules: ReceiptRules) -> None:
    """One printed line: the templates, then the default rules."""
    line = f.normal
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
    if f.banner == "refund" and rules._default_refund:  # type: ignore[attr-defined]
        st.refund = True
    if f.banner == "void" and rules._default_void:  # type: ignore[attr-defined]
        st.void = True
    _apply(f, st, rules)


def _template_line(line: str, t: Template, st: _State) -> bool:
    """Apply one template to a line; True when it claimed the line."""
    if t.name_below and st.item_above is not None and (m := t.name_below.search(line)):
        name, read = (_group(m, "description") or "").strip(), st.items[-1]
        if read[0].description and name.startswith(read[0].description):
            st.items[-1] = tuple(ReceiptLine(name, r.quantity, r.amount_pence) for r in read)
            st.item_above = None
            return True
    if t.total and (m := t.total.search(line)):
        amount = parse_money(_group(m, "amount") or "")
        if amount is not None and amount > 0 and line[:m.start("amount")].endswith("-"):
            amount = -amount  # "£-6.35": a pattern's label took the sign printed on the amount
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
    # A number, an account and a date may share a line ("Bill 40870  29 JUL 26").
    claimed = False
    if t.receipt_no and (m := t.receipt_no.search(line)) and (no := _group(m, "receipt_no")):
        st.receipt_no = st.receipt_no or no.strip()
        claimed = True
    if t.account and (m := t.account.search(line)) and (acc := _group(m, "account")):
        st.account = st.account or acc.strip()
        claimed = True
    if t.when and (m := t.when.search(line)):
        text = " ".join(filter(None, (_group(m, "date"), _group(m, "time"))))
        when_date, when_time = (read_date(text, t.date_format) if t.date_format
                                else _read_when(text))
        if st.date is None:
            st.date = when_date
        if st.time is None:
            st.time = when_time
        claimed = True
    if claimed:
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
    kind = f.kind
    if total_above is not None and f.amount is not None and (
            kind is _NOTHING or (kind is _ITEM and not f.readings[0].description)):
        # A total's label alone, its amount alone on the next line ("TL" / "£2.15").
        f, kind = dataclasses.replace(f, kind=_TOTAL_FACT, rank=total_above[0],
                                      refund_no=total_above[1]), _TOTAL_FACT
    if kind is _CELLS:
        for cell in f.cells:
            _apply(facts_of(cell), st, rules)
        return
    if (kind is _TENDER_FACT or f.tender is not None or (st.after_total and f.amount is not None)) \
            and f.money_back:
        st.refund = True  # "Refunded to: Cash", "Cash refund  £2.50": money went back
    site = rules._site_tenders  # type: ignore[attr-defined]
    if discount_above is not None and f.amount is not None and not st.after_final \
            and kind in (_ITEM, _LABELLED_AMOUNT):
        st.items.append((ReceiptLine(discount_above, 1, -abs(f.amount)),))
        return
    if kind is _LABEL and f.discount:
        st.discount_above = f.text
        return
    if kind is _LABEL and f.name_only and item_above is not None \
            and len(f.text) > len(item_above[0].description) > 0 \
            and f.text.startswith(item_above[0].description):
        # "Cheese toast   3   7.05" / "  Cheese toastie": the name the column cut, whole
        st.items[-1] = tuple(r if r is _NOT_A_LINE else ReceiptLine(f.text, r.quantity,
                                                                      r.amount_pence)
                             for r in st.items[-1])
        return
    if kind is _LABEL and f.total_label is not None:
        st.total_above = f.total_label
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
                if readings[0].quantity == 1 and joined.kind is _ITEM \
                        and joined.readings[0].description:
                    # "2 x Chicken curry & rice w/ naan" / "7.00": the value
                    # wrapped onto a line of its own; the name holds the quantity.
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
            if f.discount:
                st.discounts.append(len(st.items))
            st.items.append(readings)
            st.item_above = (readings[0], f.indent)
            st.refund = st.refund or f.negative_qty
            if _ARTICLE_NO.match(readings[0].description):
                st.code_item = len(st.items) - 1
        elif not f.discount and f.amount and f.unknown_words:
            # After the total, words the rules do not know with an amount
            # (``_result``: perhaps a tender).
            st.words_after_total.append(f.amount)
    elif kind is _LABEL or (kind is _LABELLED_AMOUNT and not st.after_total):
        if f.unplaced is not None and not st.items and not st.after_total:
            st.unplaced.append(f.unplaced)
        if f.account is not None and st.account is None:
            st.account = f.account
        elif f.bare_ref or f.unlabelled_no:
            if not st.items and not st.after_total:  # a labelled number wins (``_result``)
                if f.bare_ref and st.bare_ref is None:
                    st.bare_ref = f.receipt_no
                elif f.unlabelled_no and st.unlabelled_no is None:
                    st.unlabelled_no = f.receipt_no
        elif f.receipt_no is not None and st.receipt_no is None:
            # A "Ref" after the total may be the payment's reference (a card
            # slip's) as well as the receipt's: read, and flagged.
            st.unsure_no = f.weak_no and st.after_total
            st.receipt_no = f.receipt_no
            st.refund = st.refund or f.refund_no
        elif f.tender is not None or (f.key and f.key in site):
            st.add_tender(f.tender or f.key)
        if (st.date is None or st.time is None or st.time[2] == 0) and f.tender is None:
            _read_date(f.text, st)
        if f.name_only and not st.after_total:
            st.name_above = f.text
    elif kind is _TOTAL_FACT:
        st.totals.append((f.amount, f.rank))
        if st.total is None:
            st.total = f.amount
        st.after_total = True
        st.after_final = st.after_final or f.rank == 2
        st.refund = st.refund or f.refund_no
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


def _read_date(text: str, st: _State) -> None:
    """The date and time a label line gives, while the receipt still needs
    them. A date may share its line with a number ("14/06/2026 14:00:57
    Order 00256-009-1711", "20/02/2026 10:09   N°: 200226-151"); a time may
    stand apart from its date. The same minute printed again with its
    seconds (a footer's "2026-10-08 08:06:52" under a header's "08:06") is
    the same moment, more exactly. Read lines are remembered like the
    facts: the same minute is printed again and again."""
    if ":" not in text and st.date is not None:
        return  # no time here, and the date is known
    when = _WHEN.get(text)
    if when is None:
        if len(_WHEN) >= _FACTS_MAX:
            _WHEN.clear()
        when = _WHEN[text] = _read_when(text)
    day, time = when
    if st.date is None:
        st.date = day
        st.unsure_date = day is not None and unsure_order(text)
    if st.time is None:
        st.time = time
    elif time is not None and time[:2] == st.time[:2] and day in (None, st.date):
        st.time = time  # the same minute, with its seconds


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


def _result(st: _State, rules: ReceiptRules) -> ParsedReceipt:
    total, lines, kind, flags = settle(st)
    printed = _tenders_printed(st)
    unread = not printed and total is not None and any(
        abs(amount) == abs(total) for amount in st.words_after_total)
    tender, tender_flags = rules.tender_of(printed, st.paid_by)
    parts, part_flags = rules.tender_parts(printed, st.paid_by, total, st.change)
    flags += tender_flags + part_flags
    if unread:
        # No tender read, but words after the total that are no total, tender
        # or balance pay it ("Sodexo Pass £3.20"): perhaps a tender no table
        # knows. The tender stays unknown, and the flag says so.
        flags.append("unread_tender")
    number = _number(st)
    if st.unsure_no:
        flags.append("unsure_number")
    if any(n not in (number, st.account) for n in st.unplaced):
        # A number after words no rule knows, not read as anything: perhaps
        # the receipt's number or the pupil's account.
        flags.append("unread_number")
    if st.unsure_date:
        flags.append("unsure_date")  # "4/7/2026": 4 July or 7 April
    if (st.receipt_no or st.bare_ref) is None and st.unlabelled_no is not None:
        flags.append("unlabelled_number")  # nothing printed says what it counts
    if rules._complete and (st.unknown or missing_fields(  # type: ignore[attr-defined]
            rules.templates, total, st.date, st.time, number, printed, st.account)):
        flags.append(TEMPLATE_MISS)
    return ParsedReceipt(kind, lines, total, tender, number,
                         _occurred(st, rules.timezone),
                         st.account, st.reprint, flags, parts)
