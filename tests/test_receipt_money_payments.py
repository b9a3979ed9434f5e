"""Money rules the sixth holdout (tests/receipts_holdout6) called for, each
on the shapes real tills print and, where the shape has free parts, as a
property over them: a quantity labelled in brackets, a name ending in an
ampersand, the payment lines under "Amount paid", an amount off at a rate
under a purse's name, a refund's value, tenders that pay less than the
total."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_columns_rules import NAMES, QTY, UNIT, WIDTH, cols, money
from tests.test_receipt_reading import captured, lines

ITEMS = st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4,
                 unique_by=lambda item: item[0])


# --- a quantity labelled in brackets ---------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(ITEMS, WIDTH, st.sampled_from(["(Qty {})", "(qty {})", "(Qty: {})", "(Quantity {})"]))
def test_a_quantity_labelled_in_brackets_is_the_lines_quantity_not_its_name(items, width, mark):
    total = sum(q * u for _, q, u in items)
    printed = [cols(f"{name} {mark.format(q)}", f"{q * u / 100:.2f}", width)
               for name, q, u in items]
    p = interpret(captured(*printed, f"TOTAL {money(total)}", cols("Visa Debit", money(total),
                                                                   width)))
    assert lines(p) == [(name, q, q * u) for name, q, u in items] and p.flags == []


# --- a name ending in an ampersand --------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Veg chilli &", "Fish &", "Ham & cheese &"]), UNIT, WIDTH)
def test_an_ampersand_ending_a_cut_name_stays_in_the_name(name, unit, width):
    # The column cut "Veg chilli & rice" after its "&": the "&" is the name's,
    # not the amount's currency mark.
    p = interpret(captured(cols(name, f"{unit / 100:.2f}", width),
                           cols("Total", money(unit), width)))
    assert lines(p) == [(name, 1, unit)] and p.total_pence == unit


# --- what was paid, line by line -------------------------------------------------------------


def paid_receipt(items, paid_lines, width=40, label="AMOUNT PAID"):
    total = sum(q * u for _, q, u in items)
    return captured("Sale ref   SC1-290911", *(cols(n, f"{q * u / 100:.2f}", width)
                                              for n, q, u in items),
                    cols("Items", str(sum(q for _, q, _ in items)), width),
                    cols(label, money(total), width), *paid_lines)


@settings(max_examples=200, deadline=None)
@given(ITEMS, st.sampled_from(["Free meal credit", "Holiday voucher", "Bursary"]), WIDTH)
def test_lines_under_the_amount_paid_pay_for_the_items_and_are_never_items(items, part, width):
    # "AMOUNT PAID £2.10" / "  Free meal credit £1.20" / "  Dinner money £0.90":
    # a credit line under what was paid is a payment, whatever its words.
    total = sum(q * u for _, q, u in items)
    first = min(120, total - 1) if total > 1 else total
    p = interpret(paid_receipt(items, [cols(f"  {part}", money(first), width),
                                       cols("  Dinner money", money(total - first), width)],
                               width))
    assert p.total_pence == total
    assert lines(p) == [(n, 1, q * u) for n, q, u in items]
    # The words that paid £1.20: a tender the rules know ("Free meal credit"),
    # then the payment is read in its parts, adding up; else it is flagged,
    # never trusted to the account alone.
    if total - first:
        read_in_parts = "split_tender" in p.flags and sum(
            t.amount_pence for t in p.tenders) == total
        assert read_in_parts or "unread_tender" in p.flags


@settings(max_examples=200, deadline=None)
@given(ITEMS, st.integers(0, 2000), WIDTH)
def test_the_amount_paid_is_the_total_when_cash_and_change_follow_it(items, extra, width):
    total = sum(q * u for _, q, u in items)
    p = interpret(paid_receipt(items, [cols("  Cash", money(total + extra), width),
                                       cols("  Change", money(extra), width)], width))
    assert p.total_pence == total and lines(p) == [(n, 1, q * u) for n, q, u in items]
    assert p.flags == []


def test_tenders_that_pay_the_whole_total_raise_no_flag():
    p = interpret(captured("Chicken wrap   2.65", "Total   £2.65", "Dinner money   £2.65"))
    assert p.flags == [] and p.tender == "account"


def test_tenders_that_pay_less_than_the_total_say_a_part_was_not_read():
    p = interpret(captured("Chicken wrap   2.65", "Total   £2.65", "Sodexo pass   £1.65",
                           "Dinner money   £1.00"))
    assert p.total_pence == 265 and "unread_tender" in p.flags


# --- an amount off at a rate -------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(ITEMS, st.sampled_from(["Food purse", "Staff allowance", "Loyalty wallet"]),
       st.integers(1, 20), WIDTH)
def test_a_negative_amount_at_a_rate_is_an_amount_off_never_a_balance(items, purse, rate, width):
    subtotal = sum(q * u for _, q, u in items)
    off = subtotal * rate // 100 or 1
    p = interpret(captured(*(cols(n, f"{q * u / 100:.2f}", width) for n, q, u in items),
                           cols("Sub total", f"{subtotal / 100:.2f}", width),
                           cols(f"{purse} {rate}%", f"-{off / 100:.2f}", width),
                           cols("Total Due", money(subtotal - off), width),
                           cols(f"{purse} balance", money(1056), width)))
    assert p.total_pence == subtotal - off
    assert lines(p) == [(n, 1, q * u) for n, q, u in items] + [(f"{purse} {rate}%", 1, -off)]


def test_a_purse_balance_is_still_no_line():
    p = interpret(captured("Main course   3.50", "Total Due   £3.50", "Food purse   £3.50",
                           "Food purse balance   £10.56"))
    assert lines(p) == [("Main course", 1, 350)] and p.total_pence == 350


# --- a refund's value ----------------------------------------------------------------------------


def test_a_refund_value_is_the_refunds_total():
    p = interpret(captured("REFUND", "Tomato soup   1.40", "Items   1", "REFUND VALUE   £1.40",
                           "  Back to dinner money   £1.40"))
    assert p.kind == "refund" and p.total_pence == -140
    assert lines(p) == [("Tomato soup", 1, 140)]


# --- quantities as unseen tills print them ---------------------------------------------------

QTY_SHAPES = ["{n}  QTA {q}", "{n} (Cant. {q})", "{n}  Menge: {q}", "{n}  Qté {q}", "{n}  {q} pz",
              "{n}  {q} units", "{n}  {q} Stk x {u}", "{n}  ({q})", "{n}  [{q}]",
              "{q}.000 x {u}  {n}", "{q},000 Units x {u}  {n}"]


@settings(max_examples=300, deadline=None)
@given(ITEMS, st.sampled_from(QTY_SHAPES), WIDTH)
def test_a_quantity_however_labelled_is_the_lines_quantity_never_its_name(items, shape, width):
    total = sum(q * u for _, q, u in items)
    printed = [cols(shape.format(n=n, q=q, u=f"{u / 100:.2f}"), f"{q * u / 100:.2f}", width)
               for n, q, u in items]
    p = interpret(captured(*printed, cols("Total", money(total), width)))
    assert lines(p) == [(n, q, q * u) for n, q, u in items] and p.total_pence == total


def test_a_number_in_a_name_is_not_taken_for_its_quantity():
    p = interpret(captured("Toast (2 slices)   1.20", "Gnocchi 4 formaggi   7.50",
                           "Total   £8.70"))
    assert lines(p) == [("Toast (2 slices)", 1, 120), ("Gnocchi 4 formaggi", 1, 750)]


# --- a refund or a total in the words of other languages -------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["GUTSCHRIFT", "Erstattung", "RESO", "Rimborso", "REMBOURSEMENT", "Avoir",
                        "RETOUR", "Reembolso", "ESTORNO", "*** Product return ***"]),
       ITEMS, WIDTH)
def test_a_refund_banner_in_another_language_makes_a_refund(banner, items, width):
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(banner, *(cols(n, f"{q * u / 100:.2f}", width) for n, q, u in items),
                           cols("Total", money(total), width)))
    assert p.kind == "refund" and p.total_pence == -total


def test_refund_words_inside_a_footer_sentence_make_no_refund():
    p = interpret(captured("Cappuccino   3.60", "Total   £3.60", "Retour sous 30 jours",
                           "Reso entro 14 giorni"))
    assert p.kind == "sale" and p.total_pence == 360


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Importo", "Betrag", "Endbetrag", "Suma", "Totale EURO",
                        "Totale complessivo", "Totale documento", "Total returned"]),
       ITEMS, WIDTH)
def test_a_total_in_the_words_of_other_languages_is_the_total(label, items, width):
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*(cols(n, f"{q * u / 100:.2f}", width) for n, q, u in items),
                           cols(label, money(total), width)))
    assert abs(p.total_pence) == total and p.flags == []
    assert (p.kind == "refund") == ("return" in label)


def test_a_net_amount_is_not_taken_for_the_total_charged():
    p = interpret(captured("Cappuccino   3.00", "Netto Betrag   3.00", "MwSt 20%   0.60",
                           "Betrag   3.60"))
    assert p.total_pence == 360 and p.flags == []


# --- when the arithmetic has two answers ------------------------------------------------------


def test_two_readings_that_both_add_up_are_flagged_not_trusted():
    # "3 Soup 1.00": three soups at £1.00 each, or for £1.00? "2 Bun 2.00"
    # the same. £5.00 is 3 x 1.00 + 2.00 as well as 1.00 + 2 x 2.00.
    p = interpret(captured("3 Soup   1.00", "2 Bun   2.00", "Total   £5.00"))
    assert p.total_pence == 500 and "lines_ambiguous" in p.flags


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(2, 5), UNIT), min_size=1, max_size=4,
                unique_by=lambda item: item[0]), WIDTH)
def test_the_one_reading_that_adds_up_is_trusted(items, width):
    # Every line printed as "<qty> <name>  <unit price>": the total is made
    # by every line's quantity x unit, a reading no other combination equals
    # when the units are far apart.
    items = [(n, q, u * 1000 + k) for k, (n, q, u) in enumerate(items)]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*(cols(f"{q} {n}", f"{u / 100:.2f}", width) for n, q, u in items),
                           cols("Total", money(total), width)))
    assert lines(p) == [(n, q, q * u) for n, q, u in items] and p.flags == []


def test_an_amount_off_printed_again_as_savings_is_one_sale_not_two_readings():
    p = interpret(captured("Pot of tea", "  2 x £1.80      £3.60", "  20% off tea    -£0.72",
                           "Subtotal   £3.60", "Savings   -£0.72", "Total   £2.88"))
    assert p.total_pence == 288 and "lines_ambiguous" not in p.flags


# --- amounts off in other words ---------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(ITEMS, st.sampled_from(["Meal deal saving", "Lunch offer", "FSM deduction", "Promo",
                               "Price reduction", "Staff rebate", "Money off"]),
       st.booleans(), WIDTH)
def test_an_offer_or_saving_is_an_amount_off_whichever_sign_it_is_printed_with(items, label,
                                                                              negative, width):
    total = sum(q * u for _, q, u in items)
    off = total // 3 or 1
    p = interpret(captured(*(cols(n, f"{q * u / 100:.2f}", width) for n, q, u in items),
                           cols(label, f"{'-' if negative else ''}{off / 100:.2f}", width),
                           cols("Total", money(total - off), width)))
    assert p.total_pence == total - off and p.kind == "sale"
    assert lines(p) == [(n, 1, q * u) for n, q, u in items] + [(label, 1, -off)]


def test_an_offer_that_was_charged_stays_a_charge_when_the_total_says_so():
    p = interpret(captured("Cappuccino   3.60", "Lunch offer   2.00", "Total   £5.60"))
    assert lines(p) == [("Cappuccino", 1, 360), ("Lunch offer", 1, 200)] and p.flags == []


def test_a_negative_allowance_before_the_total_is_taken_off_when_the_total_says_so():
    p = interpret(captured("Cappuccino   3.60", "Staff allowance   -2.30", "Total   £1.30"))
    assert lines(p) == [("Cappuccino", 1, 360), ("Staff allowance", 1, -230)] and p.flags == []
    # ... and is a balance, no line, when the total is the items' alone
    p = interpret(captured("Cappuccino   3.60", "Staff allowance   -2.30", "Total   £3.60"))
    assert lines(p) == [("Cappuccino", 1, 360)] and p.total_pence == 360 and p.flags == []


def test_a_credit_left_is_a_balance_never_an_amount_off():
    p = interpret(captured("Cappuccino   3.60", "Credit remaining   -2.30", "Total   £1.30"))
    assert "Credit remaining" not in [d for d, _, _ in lines(p)]
    assert "unparsed_receipt" in p.flags


# --- an accountant's negatives ---------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(ITEMS, st.sampled_from(["({}) ", "(£{})", "{} CR", "{} Cr"]), WIDTH)
def test_an_amount_in_brackets_or_marked_cr_is_taken_off(items, shape, width):
    total = sum(q * u for _, q, u in items)
    off = total // 4 or 1
    p = interpret(captured(*(cols(n, f"{q * u / 100:.2f}", width) for n, q, u in items),
                           cols("Lunch deal", shape.format(f"{off / 100:.2f}").strip(), width),
                           cols("Total", money(total - off), width)))
    assert lines(p) == [(n, 1, q * u) for n, q, u in items] + [("Lunch deal", 1, -off)]
    assert p.total_pence == total - off and p.flags == []


def test_a_price_in_brackets_that_was_charged_stays_a_charge_when_the_total_says_so():
    p = interpret(captured("Cappuccino   3.60", "Extra shot   (0.40)", "Total   £4.00"))
    assert lines(p) == [("Cappuccino", 1, 360), ("Extra shot", 1, 40)] and p.flags == []


def test_lines_that_add_up_to_minus_a_positive_total_leave_the_kind_unsure():
    p = interpret(captured("Cappuccino   (£3.60)", "Total   £3.60"))
    assert p.total_pence == 360 and "kind_unsure" in p.flags


# --- a weighed item ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Bananas", "Pick & mix", "Cheddar"]), st.integers(1, 2999),
       st.integers(50, 1999), st.sampled_from(["kg", "g", "lb"]), st.booleans(), WIDTH)
def test_a_weight_and_its_price_per_weight_are_never_the_name(name, grams, per, unit, below,
                                                              width):
    weight = f"{grams / 1000:.3f}{unit}"
    value = max(1, grams * per // 1000)
    detail = f"{weight} @ £{per / 100:.2f}/{unit}"
    printed = [name, cols(detail, f"£{value / 100:.2f}", width)] if below \
        else [cols(f"{name} {detail}", f"£{value / 100:.2f}", width)]
    p = interpret(captured(*printed, cols("Total", money(value), width)))
    assert lines(p) == [(name, 1, value)] and p.total_pence == value


def test_two_kilos_weighed_are_one_item_not_two():
    p = interpret(captured("Bananas 2.000kg @ £0.50/kg  £1.00", "Total  £1.00"))
    assert lines(p) == [("Bananas", 1, 100)] and p.flags == []
