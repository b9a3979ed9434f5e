"""The walk over a receipt's lines: each line's facts (judged once per
distinct line, ``facts.facts_of``) read into the receipt's state, the till's
templates first, then the default rules (``apply``); under a complete learnt
profile, each line it does not know is noted on the way (no second pass)."""

from __future__ import annotations

from typing import Any

from drivers.receipt.apply import _apply
from drivers.receipt.columns import _unwrapped
from drivers.receipt.count_rows import count_row
from drivers.receipt.facts import _LABEL, _Facts, facts_of
from drivers.receipt.labels import sold_heading
from drivers.receipt.model import _NOT_A_LINE, ReceiptLine
from drivers.receipt.profile import region_of
from drivers.receipt.rules import ReceiptRules
from drivers.receipt.state import _State
from drivers.receipt.template_lines import _template_line


def _walk(text: list[str], rules: ReceiptRules, seen: list[Any] | None = None) -> _State:
    """Read every line into a state; ``seen`` (when given) gets each line
    (normalised), where it is printed, the item read from it (None: none)
    and that item's index (``reader`` says, once the money is settled,
    whether the reading kept it)."""
    st = _State()
    st.width = max(map(len, text), default=0)
    # the edge shown by more than one line (a rule, a link, a name): a name
    # printed up to it may have wrapped (``item_shapes.wrapped_at_edge``)
    st.edge_shown = sum(len(t) == st.width for t in text) > 1
    # Chosen once per receipt: a complete profile also checks every line.
    read = _read_profiled if rules.is_complete else _read_known
    # tabs, double spaces: one space (the default rules also see the printed
    # line: its columns)
    for raw in _unwrapped(text, lambda t: bool(facts_of(t).banner)
                          or rules.is_reprint_line(" ".join(t.split()))):
        st.raw_prev, st.raw = st.raw, raw
        if (f := facts_of(raw)).normal:
            if seen is None:
                read(f, st, rules)
                continue
            items, after_total = len(st.items), st.after_total
            _read_known(f, st, rules)
            region = region_of(after_total, len(st.items))
            seen.append((f.normal, region, items if len(st.items) > items else None))
    if seen is not None:  # the items as read at the end (an article number's name below it)
        seen[:] = [(ln, r, None if i is None else st.items[i][0], i) for ln, r, i in seen]
    return st


def _read_profiled(f: _Facts, st: _State, rules: ReceiptRules) -> None:
    """One printed line (its facts) under a complete profile: the templates,
    then the default rules; a line the profile does not know is noted."""
    items, after_total, said = len(st.items), st.after_total, _said(st)
    words = len(st.words_after_total)
    _read_known(f, st, rules)
    if len(st.words_after_total) > words and rules.knows_line(f.normal, "footer", None):
        # An amount under words no rule knows, printed on the samples the
        # technician confirmed the total of: the till's, placed (``result``).
        st.words_placed.add(words)
    item = len(st.items) > items
    if f.discount and item and st.subtotal is not None:
        # A discount below the subtotal: tills differ on whether it is an
        # item; one the profile was not taught is untaught if the reading
        # keeps it as an item (``profile.untaught``). (One among the items
        # is that item's.)
        if not _aside(rules, f.normal, st, items) \
                and not rules.knows_line(f.normal, "items", desc := st.items[-1][0].description):
            st.untaught_offs.append((f.normal, desc))
        return
    if f.discount or (not item and (_said(st) != said or f.banner)):
        # a fact the rules know (a total, a tender, a number, a banner, a
        # discount...); a banner though the receipt read it already (Wrexham's
        # "AD-DALIAD" / "  REFUND": each half a refund's banner since safety29)
        return
    region = region_of(after_total, len(st.items))
    if item and _aside(rules, f.normal, st, items):
        return  # whatever item lines' shape it has: an alarm if the reading keeps it
    if not rules.knows_line(f.normal, region, st.items[-1][0].description if item else None):
        st.unknown.append((f.normal, "items" if item else region))


def _aside(rules: ReceiptRules, line: str, st: _State, item: int) -> bool:
    """Whether an item line is one the profile's samples printed and their
    arithmetic set aside (``profile.set_aside``): noted with its item, an
    alarm if the reading keeps that item (``result``), though it has the
    shape of the till's item lines ("<item>  -1.50")."""
    if not rules.sets_aside(line):
        return False
    st.aside_known.append((line, item))
    return True


def _exchanged(st: _State) -> None:
    """A sale's heading under a refund's banner that headed the items: an
    exchange. The items read so far were returned (printed as their value,
    they are money back: minus it), the rest sold; which way the money went
    is the net's (``settle``), not the banner's."""
    st.refund, st.sold_from = False, len(st.items)
    if all(r.amount_pence >= 0 for item in st.items for r in item):
        st.items[:] = [tuple(r if r is _NOT_A_LINE else ReceiptLine(
            r.description, r.quantity, -r.amount_pence) for r in item) for item in st.items]


def _said(st: _State) -> tuple:
    """What the receipt has read so far, but its items (what a line added to
    it tells whether the line gave a fact)."""
    return (len(st.totals), st.subtotal, st.tax, len(st.tenders), len(st.late_tenders),
            st.paid, st.change, st.receipt_no, st.bare_ref, st.account, st.date, st.time,
            st.refund, st.refund_among_items, st.void, st.payout, st.reprint,
            st.discount_above, st.net, st.rounding)


def _read_known(f: _Facts, st: _State, rules: ReceiptRules) -> None:
    """One printed line: the templates, then the default rules."""
    line = f.normal
    if rules.is_reprint_line(line):
        st.reprint = True
    for t in rules.templates:
        if t.ignore and t.ignore.search(line):
            st.name_above = None
            if f.unknown_words and f.amount and not st.after_total:
                st.aside_above_total.append(f.amount)  # (``result.paid_above_unread``)
            if (count := count_row(line)) is not None:
                # an ignored count row keeps its count: the item it makes takes it
                st.counts_ignored.append(count)
                st.qty_above = (*count, None, None)
            return
        if t.refund and t.refund.search(line):
            st.refund = True
        if t.void and t.void.search(line):
            st.void = True
        if _template_line(line, t, st):
            st.name_above = None
            return
    if f.banner == "refund" and rules.reads_refund_banner:
        if st.items and not st.after_total:
            st.refund_among_items = True  # (``settle``: a line's, or the receipt's?)
        else:
            st.refund = True
            st.refund_above = st.refund_above or not st.items
    elif st.refund_above and st.sold_from is None and st.items and not st.after_total \
            and f.kind is _LABEL and sold_heading(f.normal):
        # "Returned items" / "Cookie 0.50" / "Bought" / "Pasta bake 2.30": the
        # banner headed the items returned, not the receipt (KIND.md)
        _exchanged(st)
    if f.refund_half or f.banner == "unsure":
        st.refund_half = st.refund_half or f.refund_half
        st.banner_unsure = st.banner_unsure or f.banner == "unsure"
    if f.banner == "void" and rules.reads_void_banner:
        st.void = True
    if f.banner == "payout":
        st.payout = True
    if f.charge_title:
        st.charge_title = True
    _apply(f, st, rules)
