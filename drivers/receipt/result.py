"""The receipt's reading assembled once every line is read: the money
settled, the tender, the number, the time and the flags."""

from __future__ import annotations

from collections.abc import Callable

from drivers.receipt.chooser import _paid_totals
from drivers.receipt.count_rows import counts_unproved
from drivers.receipt.dates import _occurred_text
from drivers.receipt.memo import remembered
from drivers.receipt.model import UNPARSED, ParsedReceipt
from drivers.receipt.profile import (
    ASIDE,
    TEMPLATE_MISS,
    UNSAID,
    Settled,
    missing_fields,
    offs_kept,
    template_misses,
    untaught,
    vouched,
)
from drivers.receipt.rules import ReceiptRules
from drivers.receipt.settle import LINES_AMBIGUOUS, TOTAL_UNSURE, exact_money_unnamed, settle
from drivers.receipt.split import paid_short
from drivers.receipt.state import _State
from drivers.receipt.stored_value import own_balance
from drivers.receipt.tenders import UNMAPPED_TENDER, _key, card_or_account


def _tenders_printed(st: _State, total: int | None = None) -> list[str]:
    """The tenders the receipt printed (those after the total win); with
    none, money given back (``handed_back``; a cash refund's "drawback") is
    cash."""
    return st.late_tenders or st.tenders or (["Cash"] if handed_back(st, total) else [])


def handed_back(st: _State, total: int | None) -> bool:
    """Whether money was given back to the customer: change printed ("Change
    1.00", "SU CAMBIO: $89.00"), or money handed over under words for it
    more than the total ``total`` and the rest printed after it under other
    words ("TENDERD: 500.00" / "BALANCE: 63.00" under "BILL TOTAL: 437.00":
    South Asian tills' word for the change). Only cash gives change: a card
    is charged the total, no more (``TENDERS.md``, "Money handed over and
    change")."""
    if st.change:
        return True
    paid = st.paid if st.paid is not None else st.paid_whole  # ("TENDERD:  200")
    if paid is None or total is None or abs(paid) <= abs(total):
        return False
    return abs(paid) - abs(total) in {abs(a) for a in st.ignored_after_total}


def change_disagrees(st: _State, total: int | None) -> bool:
    """Whether change was given out of money handed over that, less the
    change, is not the total read: change is counted out of what was
    charged, so the total read is not what the till charged (a subtotal
    read for a total whose label no rule knows)."""
    if not st.change or total is None:
        return False
    paid = _paid_totals(st)
    return bool(paid) and abs(total) not in paid


def subtotal_with_more_after(st: _State, total: int | None) -> bool:
    """Whether no printed total was read (the total is the subtotal, or
    what was paid) while lines with amounts follow the subtotal that no
    rule read as a tax, tender or change: one of them may be the total
    under a label no rule knows ("Razem  £4.12"), and the money handed
    over more than it."""
    return (total is not None and not st.totals and st.subtotal is not None
            and len(st.items) > st.items_at_subtotal)


def cash_for_total(st: _State, total: int | None, tender: str | None) -> bool:
    """Whether the total is the cash handed over, with no printed total, no
    amount paid and no change line read: the change may be printed in words
    no rule reads as change ("Cambio  0,20"), the total under a label no
    rule knows."""
    return (total is not None and not st.totals and st.paid is None and st.change is None
            and tender == "cash" and total in _paid_totals(st))


def handed_over_total(st: _State, total: int | None) -> bool:
    """Whether the money handed over, less any change, is the total (or no
    amount handed over was printed: "Change 0.00" alone): "Paid 3.00" /
    "Change 0.00" under a total of 3.60 paid short by something unnamed."""
    return total is not None and (st.paid is None
                                  or abs(st.paid) - (st.change or 0) == abs(total))


def applied_and_handed(st: _State, total: int | None) -> bool:
    """Whether the tenders print the amount they paid (the total: "Efectivo
    1.00") and the money handed over less the change makes it as well
    ("Recibido 20.00" / "Cambio 19.00": Ecuador's SRI factura prints each
    payment form's own amount, the till the cash received; TENDERS.md):
    nothing paid short, the change taken off twice only by the sum."""
    return total is not None and st.paid is not None and st.change is not None \
        and sum(abs(a) for a in st.tender_amounts) == abs(total) \
        and handed_over_total(st, total)


def to_pay_unread(st: _State, total: int | None) -> bool:
    """Whether an amount off was printed after the total read and then, under
    words no rule knows, the total less it ("Valor total 7,98" / "Desconto
    0,40" / "Líquido 7,58"): the amount to pay after the discount, under a
    label no rule reads as a total. Two totals, and no proof which was
    charged (``TAX.md``)."""
    return total is not None and any(
        abs(total) - off in {abs(a) for a in st.words_after_total}
        for off in st.offs_after_total)


def paid_proves(st: _State, total: int) -> bool:
    """Whether what the payment lines say was charged is ``total``: a
    tender's amount, the tenders', or what was handed over less the change
    (``chooser._paid_totals``); or what was handed over less the change
    where either is under words no rule knows ("Maksettu käteisellä:
    40.00€" / "Takaisin: 6.77€", "PAGADO: $6,450.00" / "VUELTO: $92.00",
    "Incasso dato: 70,00" / "Resto ricevuto: 1,00" under "Totale: 69,00");
    or the tenders and such an amount, a part paid, add up to it."""
    if abs(total) in {abs(a) for a in st.tender_amounts} \
            or abs(total) in {abs(a) for a in _paid_totals(st)}:
        return True
    after = [abs(a) for a in st.words_after_total]
    tendered = sum(abs(a) for a in st.tender_amounts)
    if tendered and (tendered + sum(after) == abs(total)
                     or any(tendered + a == abs(total) for a in after)):
        return True  # a split, a part under words no table names ("TICHETE MASA 23.00")
    given = [*after, *(abs(a) for a in st.tender_amounts), *([abs(st.paid)] if st.paid else [])]
    return _less_back(given, [*after, *(abs(a) for a in st.ignored_after_total),
                              *_change(st)], total)


def paid_in_unknown_words(st: _State, total: int) -> bool:
    """Whether an amount under words no rule knows, printed after the total,
    less the change or less another such amount, is the total: money handed
    over under a label that may name how it was paid."""
    after = [abs(a) for a in st.words_after_total]
    return _less_back(after, [*after, *_change(st)], total)


def _change(st: _State) -> list[int]:
    """The change printed, as a list of none or one amount."""
    return [abs(st.change)] if st.change else []


def _less_back(given: list[int], back: list[int], total: int) -> bool:
    """Whether an amount handed over (``given``) less one given back
    (``back``) is ``total``: what the customer paid for it."""
    return any(g - b == abs(total) for g in given for b in back)


def paid_above_unread(st: _State, total: int) -> bool:
    """Whether a line above the total, under words no rule knows, that the
    till's profile sets aside prints the total ("Мобильный платеж: 3 330,00"
    over "ИТОГО: 3 330,00"): tills print the way paid above the total too
    (Kazakhstan's WEBKASSA, ``TENDERS.md``), so it may be the tender,
    unread."""
    return abs(total) in {abs(a) for a in st.aside_above_total}


def amount_unplaced(st: _State, total: int | None) -> bool:
    """Whether an amount other than the total was printed under the total,
    under words no rule knows, and nothing paid proves the total: the
    amount to pay after a discount or a rounding ("Valor total 7,98" /
    "Desconto 0,40" / "Valor a pagar 7,58"), a balance, points? Only a
    payment that is the total says which was charged (``TAX.md``). A line
    a complete profile's samples printed is the till's, and placed."""
    return total is not None and any(abs(a) != abs(total) for i, a in
                                     enumerate(st.words_after_total)
                                     if i not in st.words_placed) \
        and not paid_proves(st, total)


def taxed_after_unread(st: _State, total: int | None) -> bool:
    """Whether, after the total read, an amount under words no rule knows
    is that total plus the tax printed ("TONG CONG 169.000" / "VAT (10%)
    16.900" / "THANH TIEN 185.900"): the total read may be the amount before
    a tax added on top, the one charged under a label no rule reads as a
    total. Two totals, and no proof which was charged (``TAX.md``)."""
    return total is not None and bool(st.tax) and \
        abs(total) + abs(st.tax or 0) in {abs(a) for a in st.words_after_total}


# The contract's tenders that are no payment provider's: money in the hand,
# the pupil's own account or purse, a free meal (a card or a wallet pays
# through a provider, whose slip describes it: ``profile.described``).
_NOT_THROUGH = ("cash", "account", "fsm")


def paid_through(tender: str | None, parts: tuple, printed: list[str], st: _State,
                 total: int | None) -> bool:
    """Whether one card or payment provider paid the whole total: the
    tender read none of the site's own money (``_NOT_THROUGH``), no split,
    no change, and at most one tender printed with an amount, the total
    ("CARD SALE" / "MASTERCARD" / "AMOUNT £2.45": the card, its scheme)."""
    if tender is None or tender in _NOT_THROUGH or parts or st.change or not total:
        return False
    paying = {p for p in printed if p in st.paid_by}
    return len(paying) <= 1 and all(st.paid_by[p] == abs(total) for p in paying)


def _number(st: _State) -> str | None:
    """The receipt's number: labelled, a clear reference, else one nothing
    labels (``_result`` flags that ``unlabelled_number``)."""
    return st.receipt_no or st.bare_ref or st.unlabelled_no


# Printed times, as _occurred_text makes them (a pure function of its
# arguments), remembered: a service prints the same minutes again and again,
# and the time zone arithmetic is the costliest step left in a receipt.
_OCCURRED: dict[tuple, str] = {}


def _occurred(st: _State, tz: str) -> str | None:
    if st.date is None:
        return None
    day, time = st.date, st.time
    return remembered(_OCCURRED, (day, time, tz), _occurred_text, day, time, tz)


def _result(st: _State, rules: ReceiptRules, why: list[str] | None = None,
            novel: bool = False,
            defaults: Callable[[], ParsedReceipt] | None = None) -> ParsedReceipt:
    """The reading of a receipt whose every line is read into ``st``;
    ``why`` (when given) gets the reasons it is ``template_miss`` in plain
    words (``reader.misses``), or, ``novel``, every line no sample printed
    that the profile does not know the kind of (``profile.Settled.novel``).
    ``defaults``: the default rules' reading of the same receipt, asked for
    only where lines no sample printed might be ones they vouch for
    (``profile.vouched``)."""
    total, lines, kind, flags = settle(st)
    printed = rules.card_slip_off(_tenders_printed(st, total), st.paid_by, total, st.change)
    # No tender read after the total (none, or one above it: "FSM allowance
    # £2.50" over the items), but words after the total that are no total,
    # tender or balance pay it ("Sodexo Pass £3.20"): perhaps a tender no
    # table knows.
    unread = not st.late_tenders and total is not None and any(
        abs(amount) == abs(total) for amount in st.words_after_total)
    # (a purse the receipt proves the holder's by its own balance: the account)
    ways = rules.with_own_purses(frozenset(st.own_purses))
    tender, tender_flags = ways.tender_of(printed, st.paid_by)
    parts, part_flags = ways.tender_parts(printed, st.paid_by, total, st.change)
    flags += tender_flags + part_flags
    if st.card_surcharge and len(printed) == 1 and card_or_account(_key(printed[0])) \
            and UNMAPPED_TENDER in flags and not rules.names_site_tender(printed):
        # "Card Surcharge $1.13" on top of the subtotal, then "Credit Paid":
        # a surcharge is charged only on a card payment (TENDERS.md), so the
        # word a school may use for its account is the card here.
        tender = "card"
        flags.remove(UNMAPPED_TENDER)
    elif tender == "card" and (held := own_balance(
            printed, st.balances_of, in_parts=total is not None and sum(
                0 < abs(a) < abs(total) for a in st.tender_amounts) > 1)) is not None \
            and not rules.names_site_tender(printed):
        # The card that paid prints its own balance: stored value, the
        # pupil's account; with a card scheme's name as well, not sure.
        if held == "account":
            tender = "account"
        elif UNMAPPED_TENDER not in flags:
            flags.append(UNMAPPED_TENDER)
    if unread:  # the tender read (if any) is doubted, and the flag says so
        flags.append("unread_tender")
    elif paid_short(st.tender_amounts, st.change, total) and not applied_and_handed(st, total):
        flags.append("unread_tender")  # a part paid by words no rule knows as a tender
    elif st.pay_unread and not st.late_tenders:
        flags.append("unread_tender")  # a payment after the total no rule read as a tender
    elif tender is None and exact_money_unnamed(st, total):
        # "Received 3,000" / "Change 0": cash, or a card? Flagged, unless the
        # till's profile says (its samples confirmed it) and the money adds up.
        confirmed = rules.unnamed_sale_tender
        if confirmed is None or UNPARSED in flags or not handed_over_total(st, total):
            flags.append("unread_tender")
        elif confirmed != UNSAID:
            tender = confirmed
    elif tender is None and not parts and total and (
            (not st.tender_amounts and paid_in_unknown_words(st, total))
            or paid_above_unread(st, total)):
        # Money handed over under words no rule knows, less what was given
        # back ("MONTO RECIBIDO 60000" / "CAMBIO 350"; "Готовина 3.800,00" /
        # "Повраћај 38,00"), or printing the total above it ("Мобильный
        # платеж"): perhaps the way it was paid, unread; the journal would
        # fill in a tender (``TENDERS.md``).
        flags.append("unread_tender")
    if TOTAL_UNSURE not in flags and (change_disagrees(st, total)
                                      or subtotal_with_more_after(st, total)
                                      or to_pay_unread(st, total)
                                      or amount_unplaced(st, total)
                                      or taxed_after_unread(st, total)
                                      or cash_for_total(st, total, tender)):
        flags.append(TOTAL_UNSURE)
    if st.name_wrap_doubt and LINES_AMBIGUOUS not in flags:
        flags.append(LINES_AMBIGUOUS)  # a name's first row wrapped above its row, or a note?
    if st.counts_ignored and LINES_AMBIGUOUS not in flags \
            and counts_unproved(st.counts_ignored, lines):
        flags.append(LINES_AMBIGUOUS)  # a count row that no item line shows
    number = _number(st)
    if st.unsure_no:
        flags.append("unsure_number")
    if any(n not in (number, st.account) for n in st.unplaced) \
            or (number is None and (st.no_promised  # "Receipt No:" and nothing read
                                    or st.unplaced_below)):
        # A number after words no rule knows, not read as anything: perhaps
        # the receipt's number or the pupil's account. Below the items
        # (escpos-php canteen's "TN: SA260001" under its thank-you) only where
        # no number was read: a footer prints card and loyalty codes beside it.
        flags.append("unread_number")
    if st.account_promised and st.account is None:
        # "Year 9 Adm No: 012345" printed and no account read: the sale would
        # be charged to whoever tapped, never checked against the paper's pupil.
        flags.append("unread_account")
        if st.accounts_apart:
            # Two pupils' accounts printed ("Card 004765 ..." / "Card 004875
            # ..."): why none was read, so the sale is held whoever tapped.
            flags.append("several_accounts")
    if st.unsure_date:
        flags.append("unsure_date")  # "4/7/2026": 4 July or 7 April
    if (st.receipt_no or st.bare_ref) is None and st.unlabelled_no is not None:
        flags.append("unlabelled_number")  # nothing printed says what it counts
    if rules.is_complete:
        # (a line the samples set aside, which this reading keeps as an item)
        kept = [(line, ASIDE) for line, i in st.aside_known if i not in st.set_aside]
        cash = tender == "cash" and not parts
        read = Settled(UNPARSED not in flags,
                       frozenset(filter(None, (tender, *(p.tender for p in parts)))),
                       total if tender == "cash" else None, st.change,
                       sum(st.paid_by.values()) if cash else None,
                       paid_through(tender, parts, printed, st, total),
                       number if kind == "refund" else None, kind)
        unknown = untaught([*st.unknown, *kept], st.untaught_offs, lines, rules.templates, read)
        missing = missing_fields(rules.templates, total, st.date, st.time, number, printed,
                                 st.account)
        if unknown and defaults is not None and vouched(unknown, missing, ParsedReceipt(
                kind, lines, total, tender, number, _occurred(st, rules.timezone), st.account,
                st.reprint, flags, parts), defaults()):
            unknown = []  # (the defaults read it so, undoubted: those lines say nothing)
        if unknown or missing:
            flags.append(TEMPLATE_MISS)
        elif UNPARSED not in flags and LINES_AMBIGUOUS not in flags \
                and offs_kept(st.untaught_offs, lines):
            # a discount no sample printed, its money proven by the receipt's
            # arithmetic: whether this till prints it as a line is not
            flags.append(LINES_AMBIGUOUS)
        if why is not None:
            if novel:
                unknown = untaught([*st.unknown, *kept], st.untaught_offs, lines,
                                   rules.templates, read._replace(novel=True))
            why[:] = template_misses(unknown, missing)
    return ParsedReceipt(kind, lines, total, tender, number,
                         _occurred(st, rules.timezone),
                         st.account, st.reprint, flags, parts)
