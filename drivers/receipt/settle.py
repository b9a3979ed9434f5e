"""Settling a receipt's money once every line is read: which printed total
was charged, which reading of each item line, whether it is a sale or a
refund, and the flags that say what the arithmetic could not check."""

from __future__ import annotations

import functools
import itertools
import math
import re

from drivers.receipt.chooser import _MAX_COMBINATIONS, _choose, _paid_totals, _pick_total, _rival
from drivers.receipt.model import _NOT_A_LINE, UNPARSED, ReceiptLine
from drivers.receipt.offs import rate_of
from drivers.receipt.state import _State
from drivers.receipt.tax_lines import included_at, rate_in
from drivers.receipt.tenders import _key, builtin_tender, card_surcharge
from drivers.receipt.total_labels import _TOTAL_WORD

# Two readings of the lines reconcile with the total (a discount between the
# subtotal and the total as much as the tax): the total is sure, the lines not.
LINES_AMBIGUOUS = "lines_ambiguous"
# The total the items add up to is outranked by a final amount that differs
# by what no line read explains ("TOTAL £2.20", "Service charge £0.22",
# "TOTAL DUE £2.42"): which one was charged?
TOTAL_UNSURE = "total_unsure"
# The only sign of a refund is a negative total made by a discount larger than
# the items, printed positive: a refund, or a sale the till got wrong?
KIND_UNSURE = "kind_unsure"


def settle(st: _State) -> tuple[int | None, list[ReceiptLine], str, list[str]]:
    """The total, the item lines, the kind ("sale", "refund", "void") and the
    flags about them, from what the receipt's lines said."""
    flags: list[str] = []
    if len(st.totals) > 1:
        st.total = _pick_total(st)
        if _outranked(st):
            flags.append(TOTAL_UNSURE)
    if st.subtotal is not None and st.total in (st.subtotal, st.subtotal + (st.tax or 0)):
        # A discount printed between a subtotal and a total it took nothing
        # off (the subtotal, or it and the tax, are the total): the lines'
        # values already hold it (Odoo's "Discount:" under the subtotal).
        after = [i for i in st.discounts if i >= st.items_at_subtotal]
        if after and st.tax and st.total == st.subtotal and all(
                rate_of(st.items[i][0].description, st.items[i][0].amount_pence, st.subtotal)
                for i in after):
            # "Tax (15%): R58.88" / "Discount (15%): -R58.88": each rate, of the
            # subtotal, makes its amount: worked out from it, taken off after it.
            after = []
        if after and 0 < _charges_after(st) == -sum(st.items[i][0].amount_pence for i in after):
            # "Tips: $2.00" / "Discount: $2.00": a charge on top as large as the
            # amount off; the two cancel, and the discount was taken.
            after = []
        if after and st.tax and _choose(st.items, st, st.total - st.tax)[1] \
                and st.total == st.subtotal:
            flags.append(LINES_AMBIGUOUS)  # or it took off as much as the tax added
        for i in after:
            st.items[i] = (_NOT_A_LINE,)
    if st.total is not None and TOTAL_UNSURE not in flags and any(
            abs(r) != abs(st.total) for r in st.rival_totals):
        flags.append(TOTAL_UNSURE)  # the till's samples could not tell the two labels apart
    _way_total_paid(st, flags)
    _rate_taken_off(st)
    _charges_on_top(st)
    if not st.items and st.paid_for is not None:
        _paid_for_line(st)
    if st.total is None:
        # No total printed (or none read): what the payment lines say was
        # charged is one, when the items add up to it.
        st.total = next((paid for paid in _paid_totals(st) if _choose(st.items, st, paid)[1]),
                        None)
        if st.total is not None and st.total_unread:
            # But a total was printed, its value in a shape not read: the
            # cash handed over, a change line read as an item, may add up
            # as well ("TOTAL TTC 71.4€", "Especes 80.00€", "Reste 8.60€").
            flags.append(TOTAL_UNSURE)
    if st.total is None and st.plan is not None:
        _plan_paid(st)  # "Meal plan: 1 meal": the plan paid its meal's price
    if st.total is None and st.subtotal is not None \
            and (st.tax is None or tax_in(st, st.subtotal)) \
            and _choose(st.items, st, st.subtotal)[1]:
        # A subtotal and no total (a receipt before payment): nothing was
        # added to it, and the items add up to it. Or the tax printed is in
        # it: the net before tax and the tax make it ("Sub Total 620.05",
        # "Before VAT 579.49", "VAT 7% 40.56"), so it is what was charged.
        st.total = st.subtotal
    total = st.total
    if total == 0:
        _paid_nothing(st)
    lines, adds_up = _choose(st.items, st)
    if adds_up and LINES_AMBIGUOUS not in flags and _rival(st.items, st):
        flags.append(LINES_AMBIGUOUS)  # the arithmetic chose, but had two answers
    if adds_up and LINES_AMBIGUOUS not in flags and any(
            lines[i] is _NOT_A_LINE and st.items[i][0].description for i in st.unit_rows):
        # "2 x Tea 2.00" / "1 x Tea 1.00": a line with a name of its own, at
        # the item above's unit price, set aside as that price; or an item
        # sold again at it? The arithmetic chose; the paper reads both ways.
        flags.append(LINES_AMBIGUOUS)
    if adds_up and TOTAL_UNSURE not in flags and (_subtotal_unmade(st, lines)
                                                  or _net_unmade(st, lines)):
        # "2 x Doce 1.00" / "1 x Pao 0.50" / "Net 1.50" / "VAT 0.08" / "Total
        # 2.08": a reading that makes the total (2 at 1.00, the second line
        # no item) unmakes the sum printed under the items, which the items
        # as printed make: the receipt contradicts itself (issue 13). So does
        # one that unmakes the amount before tax printed ("Osnovica 2.56").
        flags.append(TOTAL_UNSURE)
    taught_aside = {i for _line, i in st.aside_known}
    if adds_up and LINES_AMBIGUOUS not in flags and any(
            lines[i] is _NOT_A_LINE and st.items[i] != (_NOT_A_LINE,) and i not in taught_aside
            for i in st.words_below if i < len(lines)):
        # "SUB-TOTAL 38.97" / "SERVICE 3.90" / "Newid -0.20" / "TOTAL 42.87":
        # an amount under the items, under words no rule knows, that the
        # arithmetic made nothing of (a charge on top or an amount off
        # taken is placed: no line left to choose; so is one a profile's
        # samples set aside, ``profile.set_aside``). Every amount printed
        # below the items is placed by the reading, or the receipt says
        # what it could not place (``TAX.md``).
        flags.append(LINES_AMBIGUOUS)
    if st.cut_unsure and LINES_AMBIGUOUS not in flags:
        # "Full English breakfas" / "  t": a name's rest cut inside a word or
        # between two, or a note under it? The paper does not say (ITEMS.md).
        flags.append(LINES_AMBIGUOUS)
    st.set_aside = {i for i, ln in enumerate(lines) if ln is _NOT_A_LINE}  # (for a profile)
    # an item printed minus above one printed plus ("Cookie -0.50" / "Pasta
    # bake 2.30"): an amount off follows what it is taken from, so no discount
    first_plus = next((i for i, ln in enumerate(lines) if ln.amount_pence > 0), len(lines))
    returned = any(ln.amount_pence < 0 and i not in st.discounts
                   for i, ln in enumerate(lines[:first_plus]))
    lines = [_unmarked(ln) for ln in lines if ln is not _NOT_A_LINE]
    net = sum(ln.amount_pence for ln in lines)
    # A refund needs no banner: a negative total is money going back (OSPOS,
    # ERPNext and Dolibarr's credit notes print none).
    printed_back = total is not None and total < 0
    # An exchange ("Returned items" ... "Bought" ...) goes the way of its net
    # (``walk._exchanged``): the items returned worth more, money went back.
    exchanged_back = st.sold_from is not None and adds_up and bool(total) and net == -abs(total)
    refund = st.refund or st.refund_among_items or printed_back or exchanged_back
    if st.charge_title and refund and not st.void:
        # "Nota de Débito de e-Ticket" over "Devuelto en efectivo  $135,00":
        # the title says the document charges, a line that money went back.
        # The title decides the kind first (a sale's, no refund), and the
        # paper contradicting it is not trusted (KIND.md).
        flags.append(KIND_UNSURE)
        refund = False
    kind = "void" if st.void else "refund" if refund else "sale"
    if KIND_UNSURE in flags:
        pass  # (said above: the title and the money disagree)
    elif (st.sold_from is not None and not (adds_up and total and net == (
            total if kind == "sale" else -abs(total)))) \
            or (st.banner_unsure and not (st.refund or printed_back)) \
            or (st.refund_half and kind == "sale"):
        # An exchange whose net the total is not, either way: which way the
        # money went the paper does not settle. "VOID / REFUND": halves that
        # name two operations, and nothing else says money went back
        # ("Refunded to Cash Account", holdout14's swipe-academy, does);
        # "MEAL CANCELLED - REFUND" over a receipt nothing else reads as a
        # refund: a title and what befell it, or a banner in two languages
        # (``facts._two_banners``)?
        flags.append(KIND_UNSURE)
    if kind == "refund":
        items = [ln.amount_pence for ln in lines if ln.amount_pence > 0]
        off = [ln.amount_pence for ln in lines if ln.amount_pence < 0]
        if KIND_UNSURE in flags or exchanged_back:
            pass  # (said above)
        elif not st.refund and items and off and sum(items) < -sum(off):
            flags.append(KIND_UNSURE)
        elif st.refund and st.sold_from is None and returned and items and not printed_back:
            # "Returned items" / "Cookie -0.50" / "Pasta bake 2.30" / "TOTAL
            # 1.80": a refund's banner over an item printed minus, then others
            # not: an exchange (the customer pays £1.80), or a refund?
            flags.append(KIND_UNSURE)
        elif not (st.refund or printed_back):
            # "Cookie -0.50" / "  Returned" / "Pasta bake 2.30" / "TOTAL 1.80":
            # a refund's word among the items may be a line's (an exchange, a
            # line returned in a sale); the receipt's, where a banner above the
            # items or after the total, a refund's total or money said to go
            # back ("Refunded to: Account"), or a total printed negative says
            # so (``KIND.md``).
            flags.append(KIND_UNSURE)
        if sum(ln.amount_pence for ln in lines) < 0:
            # Printed negative: the items' value is positive, a discount's negative.
            lines = [ReceiptLine(ln.description, ln.quantity, -ln.amount_pence) for ln in lines]
        if total is not None:
            total = -abs(total)
    elif kind == "sale" and total and total > 0 and adds_up \
            and sum(ln.amount_pence for ln in lines) == -total:
        # The lines add up to minus the total ("Refund  (£3.60)" over "Total
        # (£3.60)"): money going back printed in an accountant's brackets, or
        # a sale? The paper does not say which way the money went.
        flags.append(KIND_UNSURE)
    if st.payout and KIND_UNSURE not in flags:
        # "КАССОВЫЙ ЧЕК / РАСХОД": money paid out, or back from that; no sale
        # and no refund of one (``KIND.md``): the kind is not sure.
        flags.append(KIND_UNSURE)
    if st.headline is not None and total is not None and abs(st.headline) != abs(total) \
            and TOTAL_UNSURE not in flags:
        # "€9.00" / "Total" above the lines, "Total  €6.00" below: two totals
        # that disagree; which was charged the paper does not say.
        flags.append(TOTAL_UNSURE)
    if total is None or not lines:
        flags.insert(0, UNPARSED)
    elif not adds_up:
        flags[:0] = [UNPARSED, "lines_total_mismatch"]
    return total, lines, kind, flags


def _paid_for_line(st: _State) -> None:
    """A receipt that prints no item rows but names what was bought
    ("Purpose: School dinners" / "Amount Paid: GBP 6.00"; "Meals: 10" /
    "Total paid: £23.00"): that is its one line, for the total printed or,
    with none, what the payment lines say was paid (ITEMS.md, "A payment
    receipt's one line"). With neither, a slip's one bare "Amount:" is the sum
    paid and so its total ("Purpose: Milk" / "Amount: £11.40" / "Method:
    Card"; "Amount: -£4.80" money back); two that differ name none."""
    amount = st.total if st.total is not None else next(iter(_paid_totals(st)), None)
    if amount is None and len(set(st.slip_amounts)) == 1 and st.slip_amounts[0]:
        amount = st.total = st.slip_amounts[0]
    if amount is not None and st.paid_for is not None:
        name, quantity = st.paid_for
        st.items.append((ReceiptLine(name, quantity, abs(amount)),))


def _way_total_paid(st: _State, flags: list[str]) -> None:
    """The receipt's one total printed as what one way paid ("Meal Plan
    (Total): 11.32", "Cash (Total):"), no other way read: that way paid it
    (TENDERS.md, "A way paid printed as the total"). Beside another total
    of another amount ("Total 10.40" / "Total (Cash) 10.00": a dual-pricing
    till's price for cash) it names no way paid, and which total was
    charged the paper does not say: flagged."""
    if not st.way_totals:
        return
    if len({amount for amount, _rank in st.totals}) != 1:
        if TOTAL_UNSURE not in flags:
            flags.append(TOTAL_UNSURE)
        return
    if len(st.way_totals) != 1 or st.tenders or st.late_tenders:
        return
    way, amount = st.way_totals[0]
    if amount:
        st.add_tender(way)
        st.tender_amounts.append(amount)
        st.paid_by[way] = abs(amount)


def _paid_nothing(st: _State) -> None:
    """A sale that came to £0.00 and one way printed at £0.00 under it, no
    other ("CYFANSWM/TOTAL £0.00" / "Cyfrif/Account £0.00": the item voided
    over the daily limit): that way paid its nothing, as the paper names it
    (TENDERS.md, "A sale of nothing, paid by the one way it names"). Two
    ways at £0.00 ("Cash 0.00", "Card 0.00") name none, nor a way the
    contract has no word for ("Emergency credit voucher £0.00": did it pay
    at all?): unread as before."""
    ways = {_key(w) for w in st.zero_ways}
    if not (st.tenders or st.late_tenders) and len(ways) == 1 \
            and builtin_tender(ways.pop()) is not None:
        st.add_tender(st.zero_ways[0])
        st.paid_by[st.zero_ways[0]] = 0


def _plan_paid(st: _State) -> None:
    """A meal plan that paid in meals and no total printed ("Meal plan: 1
    meal" under "Price: £5.40", perhaps "Paid at till (card): £2.60" for an
    extra): the total is what the items add up to when what is left of it
    after the money paid is the price of as many meals as the plan paid
    (one line of one for "1 meal"; nothing for "no meals left"). The plan
    is then a tender that paid that (TENDERS.md, "A meal plan's meal, paid
    in meals"), or, the meals returned to it ("Returned to plan: 1 meal"),
    the refund's way back; else nothing proves the total and it stays
    unread."""
    if not st.items or math.prod(map(len, st.items)) > _MAX_COMBINATIONS:
        return
    plan, meals, back = st.plan  # type: ignore[misc]
    money = sum(st.tender_amounts) - (st.change or 0)
    if back and money:
        return  # a meal back to the plan and money back too: whose was which?
    # Each reading of the lines (a row may be read more ways than one, "2 x
    # Fruit £0.90"): the ones in which the plan paid its meals' prices; one
    # total, or none is sure.
    proved = {}
    for lines in itertools.product(*st.items):
        lines = tuple(ln for ln in lines if ln is not _NOT_A_LINE)
        total = sum(ln.amount_pence for ln in lines)
        drawn = total - money
        if total > 0 and drawn >= 0 and any(
                sum(ln.quantity for ln in some) == meals
                and sum(ln.amount_pence for ln in some) == drawn
                for n in range(len(lines) + 1) for some in itertools.combinations(lines, n)):
            proved[total] = drawn
    if len(proved) != 1:
        return
    ((total, drawn),) = proved.items()
    st.total = total
    st.refund = st.refund or back  # "Returned to plan: 1 meal": the meal's price back
    if drawn:
        st.paid_by[plan] = drawn
        st.tender_amounts.append(drawn)


def _subtotal_unmade(st: _State, lines: list[ReceiptLine]) -> bool:
    """Whether the items printed above the subtotal (or net) add up to it in
    another reading of them but not in ``lines``, the reading chosen: the
    arithmetic that chose it ignored a sum the paper printed. (A subtotal
    before the amounts off printed above it, "Desc: -$2.00" / "SUBTOTAL" /
    "DESCUENTO", is made by the items alone.)"""
    if st.subtotal is None:
        return False
    return _unmade(st, lines, st.items_at_subtotal, {abs(st.subtotal)})


def _net_unmade(st: _State, lines: list[ReceiptLine]) -> bool:
    """Whether the amount before tax printed under the items ("Osnovica
    2.56", "Základ DPH", "Before VAT") is one the items above it make in
    another reading but not in ``lines``: the items make the net (the tax
    added on top of them) or the net and its tax (the tax in their prices),
    whichever way the country prints its tax (``TAX.md``, "The amount before
    tax is a sum of the items"). "2 x Burek 2.56" / "Osnovica 2.56" / "PDV 7%
    0.18" / "Ukupno 5.30": two at 2.56 make the total with the tax, and
    unmake the net, which one line's value of 2.56 makes; the paper
    contradicts itself."""
    if st.net is None:
        return False
    sums = {abs(st.net + t) for t in (0, st.tax, st.tax_sum) if t is not None}
    return _unmade(st, lines, st.items_at_net, sums)


def _unmade(st: _State, lines: list[ReceiptLine], cut: int, sums: set[int]) -> bool:
    """Whether the first ``cut`` items make none of ``sums`` in ``lines``,
    the reading chosen, and one of them in another reading."""
    if cut == 0:
        return False
    amounts = [ln.amount_pence for ln in lines[:cut]]
    made = {abs(sum(amounts)), sum(a for a in amounts if a > 0), -sum(a for a in amounts if a < 0)}
    if made & sums:
        return False
    readings = st.items[:cut]
    if math.prod(len(r) for r in readings) > _MAX_COMBINATIONS:
        return False  # too many to try (``chooser``): none tried there either
    return any(abs(sum(ln.amount_pence for ln in other)) in sums
               for other in itertools.product(*readings))


def tax_in(st: _State, gross: int) -> bool:
    """Whether the receipt proves its tax is in ``gross``: the amount before
    tax it printed and its tax (the first line's, or every line's summed)
    make ``gross`` to the penny; or the rate the tax line prints, worked out
    of ``gross``, makes the tax and would not as a rate added on top."""
    if st.net is not None and any(st.net + t == gross for t in (st.tax, st.tax_sum)
                                  if t is not None):
        return True
    return st.tax is not None and st.tax_rate is not None \
        and included_at(gross, st.tax, st.tax_rate)


def exact_money_unnamed(st: _State, total: int | None) -> bool:
    """Whether the money handed over is the total exactly, printed with no
    word for how it was paid ("Received 3,000" / "Change 0", "Zaplaceno:
    77.80" / "Vráceno: 0.00", "Tendered 13.04" alone): cash with nothing to
    give back, or a card's amount a till prints the same way (Floreant's
    "Tendered" / "Change 0.00" under a card sale)? The paper does not say.
    (Change given, "Change 200", is cash's alone: read as cash.) Nothing to
    pay and only tenders that paid nothing ("To pay £0.00" / "Emergency
    credit voucher £0.00") says no more."""
    if st.tenders or st.late_tenders or st.change:
        return False
    if st.paid == 0 and total and (st.refund or st.refund_among_items):
        return False  # "Recibido: 0.00" / "Cambio: 0.00" on a refund: nothing handed over
    return st.change == 0 or (st.paid is not None and total is not None
                              and abs(st.paid) == abs(total)) or (total == 0
                                                                  and st.zero_tenders > 0)


# A mark glued before an item's name: a till's sign for a tax class or a
# changed price ("#Kimchi 500g", "^#Tofu", the receipt's foot often saying
# "# = GST applicable"), not the name's. Not a mark that closes again in the
# word ("*NEW* Wrap").
_MARK_BEFORE_NAME = re.compile(r"^[#^*]{1,3}(?=[^\W\d_])(?![^\W\d_]*[#^*])")


# A tax line that sums the taxes above it ("Total Tax Amount", "Tax total",
# "Toplam KDV", "VAT Summe").
_SUMS_TAXES = re.compile(r"\b" + _TOTAL_WORD + r"\b", re.I)


def summed_tax(so_far: int | None, amount: int | None, line: str) -> int | None:
    """The tax added on top, summed over the tax lines printed before the
    total: each rate's or each authority's ("CGST @ 2.50 %  5.50", "SGST @
    2.50 %  5.50") adds; a line under a total's word ("Total Tax Amount
    11.00") is their sum, printed again. The receipt's arithmetic decides
    whether it or the first tax line alone is what was added (``chooser``)."""
    if amount is None:
        return so_far
    if so_far is None or _sums_taxes(line):
        return amount
    return so_far + amount


@functools.lru_cache(maxsize=1024)  # a till prints the same tax lines all day
def _sums_taxes(line: str) -> bool:
    return _SUMS_TAXES.search(line) is not None


def _unmarked(line: ReceiptLine) -> ReceiptLine:
    """``line`` with a mark glued before its name taken off."""
    if not line.description or line.description[0] not in "#^*":
        return line
    name = _MARK_BEFORE_NAME.sub("", line.description)
    return line if name == line.description else ReceiptLine(name, line.quantity,
                                                              line.amount_pence)


def _charge_indexes(st: _State) -> list[int]:
    """The lines after the subtotal that may be charges on top of it (a
    tip, a service charge): no discount, and perhaps no line at all."""
    return [i for i in range(st.items_at_subtotal, len(st.items)) if i not in st.discounts
            and _NOT_A_LINE in st.items[i] and st.items[i][0].amount_pence >= 0]


def _charges_after(st: _State) -> int:
    """What the charges printed after the subtotal add up to."""
    return sum(st.items[i][0].amount_pence for i in _charge_indexes(st))


def _charges_on_top(st: _State) -> None:
    """A charge added on top of the subtotal (a service charge, a tip:
    "SUB-TOTAL 38.97" / "TAXA DE SERVIÇO 3.90" / "TOTAL 42.87") is read as
    tax is, not as an item: when the items above the subtotal add up to it,
    and the subtotal, its tax, these charges and the amounts off after it
    add up to the total. A discount after the subtotal stays a line."""
    cut = st.items_at_subtotal
    if st.subtotal is None or st.total is None or cut == len(st.items):
        return
    if sum(r[0].amount_pence for r in st.items[:cut]) != st.subtotal:
        return
    after = range(cut, len(st.items))
    charges = _charge_indexes(st)  # a zero one ("Tips: $0.00") is no item either
    if not charges:
        return
    on_top = sum(st.items[i][0].amount_pence for i in after)
    # A refund's total printed negative over positive lines ("TOTAL REFUND -29.15")
    total = abs(st.total) if st.subtotal >= 0 else st.total
    # The first tax line; or every one summed (a rounding after the tax: "SST
    # 6% 1.22", "Rounding Adj. -0.02") when each charge prints its rate of
    # the subtotal ("Service Charge 10%"): worked out from it, so on top of
    # it. (A "Delivery Charges" line with two taxes may be either: a line.)
    taxes = [st.tax or 0]
    if st.tax_sum is not None and st.tax_sum != st.tax and (
            _rated(st, charges) or all(_is_tip(st.items[i][0].description) for i in charges)):
        taxes.append(st.tax_sum)
    roundings = (0, st.rounding) if st.rounding else (0,)  # "Rounding Adj. -0.02" after it
    tax = next((t + r for t in taxes for r in roundings if st.subtotal + t + r + on_top == total),
               None)
    if tax is None and st.tax:
        # the tax printed is in the prices ("GST Included"): only the charges
        # (and a rounding: "Card Surcharge $0.88", "Rounding -$0.01") are on top
        tax = next((r for r in roundings if st.subtotal + r + on_top == total), None)
    if tax is None and _rates_make(st, charges, total, st.subtotal + (st.tax or 0) + on_top):
        tax = total - st.subtotal - on_top  # the parts' pennies over (or under) the total
    if tax is None:
        return
    for i in charges:
        tax += st.items[i][0].amount_pence
        st.card_surcharge = st.card_surcharge or card_surcharge(st.items[i][0].description)
        st.items[i] = (_NOT_A_LINE,)
    st.tax = tax


def _rate_taken_off(st: _State) -> None:
    """A discount printed as its rate alone after the subtotal, its amount
    not printed ("SUB-TOTAL R$50,50" / "TAXA DE SERVIÇO R$5,05" / "DESCONTO
    5,00%" / "TOTAL R$52,77"): where the items above make the subtotal and
    the total is it (with the charges printed on top of it, and its tax)
    less that rate of them, to the cent, the charges are no items and the
    items are what the total was charged for (``chooser``: ``rate_made``;
    ITEMS.md). An amount off printed after the subtotal: not this."""
    if st.rate_off is None or st.subtotal is None or st.total is None \
            or not 0 < st.total < st.subtotal + _charges_after(st) + (st.tax or 0):
        return
    cut = st.items_at_subtotal
    charges = _charge_indexes(st)
    if sum(r[0].amount_pence for r in st.items[:cut]) != st.subtotal \
            or len(charges) != len(st.items) - cut:
        return
    for tax in {0, st.tax or 0}:
        parts = st.subtotal + _charges_after(st) + tax
        off = parts * st.rate_off / 100
        if st.total in (parts - math.floor(off), parts - math.ceil(off)):
            for i in charges:
                st.items[i] = (_NOT_A_LINE,)
            st.rate_made = st.total
            return


# A tip by the words tills print for it (en, fr, de, es/pt, it, nl, sv,
# da/no, pl, cs/sk, hu, tr, ru/uk): money given on top of the bill, after
# its taxes, like a service charge; never an item sold.
_TIP = re.compile(r"^(?:tips?|gratuit(?:y|ies)|service(?:\s+charge)?|pourboires?|trinkgeld|"
                  r"propinas?|gorjeta|mancia|fooi|dricks|drikkepenge|drikkepenger|tips?\s+"
                  r"added|napiwek|spropitn[ée]|sprepitn[ée]|borraval[óo]|bah[şs]i[şs]|"
                  r"чаевые|чайові)\b", re.I)


def _is_tip(name: str) -> bool:
    """Whether a line's ``name`` is a tip's, in any of the languages ``_TIP`` knows."""
    return _TIP.match(name.strip()) is not None


def _rated(st: _State, charges: list[int]) -> bool:
    """Whether every charge in ``st.items`` at ``charges`` prints a rate that
    makes its amount of the subtotal, or of it less the amounts off after it."""
    off = sum(st.items[i][0].amount_pence for i in st.discounts if i >= st.items_at_subtotal)
    bases = {st.subtotal or 0, (st.subtotal or 0) + off}
    return all(any(rate_of(st.items[i][0].description, st.items[i][0].amount_pence, b)
                   for b in bases) for i in charges)


def _rates_make(st: _State, charges: list[int], total: int, parts: int) -> bool:
    """Whether the total is the subtotal with every rate printed on top of
    it, to the penny, where the parts printed add up to a penny a part more
    or less (``TAX.md``, "Levies on top of the subtotal"): a till works out
    each tax and levy to the penny on its own line and the total from the
    exact sum (Ghana's VAT 15 %, NHIL 2.5 % and GETFund 2.5 %: "GH¢ 59.00"
    / "8.85" / "1.48" / "1.48" / "TOTAL 70.80"). Every part must print its
    rate and make it of the subtotal; the rates, not the parts, then prove
    the total."""
    subtotal = st.subtotal or 0
    if subtotal <= 0 or st.discounts or (st.tax and st.tax_rate is None) \
            or st.tax_sum not in (None, st.tax) or not _rated(st, charges):
        return False
    rates = [rate_in(st.items[i][0].description) or 0.0 for i in charges]
    if st.tax:
        if not rate_of(f"{st.tax_rate}%", st.tax, subtotal):
            return False
        rates.append(st.tax_rate or 0.0)
    exact = subtotal * (100 + sum(rates)) / 100
    return abs(exact - total) < 0.5 and 0 < abs(parts - total) <= len(rates)


def _outranked(st: _State) -> bool:
    """Whether a higher-ranked total than the one chosen was printed with
    another amount, the difference not a tender's (a part paid before the
    amount still due: "Total £2.50", "FSM £2.30", "Balance due £0.20")."""
    ranks = [rank for amount, rank in st.totals if amount == st.total]
    if not ranks:
        return False  # per-rate totals' sum: all of one rank
    paid = [abs(a) for a in st.tender_amounts]
    return any(rank > max(ranks) and abs(amount) != abs(st.total or 0)
               and abs(abs(st.total or 0) - abs(amount)) not in (*paid, sum(paid))
               for amount, rank in st.totals)
