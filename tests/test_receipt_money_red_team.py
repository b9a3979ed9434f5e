"""The money red team (issue 13): receipts composed from the shapes real
tills print, in combinations the scoreboard's corpora do not hold
(``tests/receipt_red_team.py``), printed by python-escpos and read by the
default rules. A wrong total or tender with no flag is a wrong charge to a
parent, trusted and synced once: for every receipt, the money read is the
truth or a flag says to check it. Each counter-example the hunt found is
kept below as the named behaviour it broke."""

from __future__ import annotations

from hypothesis import given, settings

from tests.receipt_red_team import Composed, money_right, receipts, render


@settings(max_examples=150, deadline=None)
@given(receipts())
def test_a_composed_receipts_money_is_read_right_or_flagged(r: Composed):
    p = render(r.printed)
    assert money_right(p, r) or p.flags, (r.printed, p.total_pence, p.tender, p.tenders)


def test_a_deposit_return_is_money_back_for_a_bottle_not_a_refund():
    # "Deposit return -0.05" is an amount under a return's word, not the
    # number of a return: the sale stays a sale, its total positive.
    for word in ("Deposit return", "Bottle return", "Can return"):
        p = render(["Cafe", "Panini        8.56", "Subtotal      8.56", "Service charge   0.05",
                    f"{word}      -0.05", "TOTAL         8.56", "CASH          8.60",
                    "Change        0.04"])
        assert (p.kind, p.total_pence, p.tender) == ("sale", 856, "cash"), word


def test_a_return_number_is_still_a_refunds_number():
    p = render(["Cafe", "Return: 1234", "Panini        8.56", "TOTAL         8.56",
                "Card          8.56"])
    assert (p.kind, p.receipt_no) == ("refund", "1234")


def test_to_pay_alone_is_the_total_in_the_languages_tills_print():
    # "A PAYER" under a subtotal and a tip: what was charged, not the subtotal.
    for label in ("A PAYER", "À payer", "A pagar", "Da pagare"):
        p = render(["Cafe", "Bagel          1.22", "Sous-total     1.22", "Pourboire      0.61",
                    f"{label}        1.83", "Especes        2.00", "Rendu          0.17"])
        assert (p.total_pence, p.tender, p.flags) == (183, "cash", []), label


def test_cash_less_change_that_is_not_the_total_read_is_flagged():
    # A total under a word no rule knows ("Kokku", Estonian): the subtotal is
    # read as the total, but £2.00 handed over less £0.17 change says £1.83
    # was charged. The reading is doubted, never trusted.
    p = render(["Cafe", "Bagel          1.22", "Sub-total      1.22", "Kokku          1.83",
                "CASH           2.00", "Change         0.17"])
    assert p.total_pence == 183 or "total_unsure" in p.flags


def test_an_unknown_total_word_under_a_subtotal_is_never_trusted_as_the_subtotal():
    # "Razem" (Polish) and a tender no table knows under a subtotal and a
    # service charge: the subtotal is not what was charged; flagged.
    p = render(["Cafe", "Tea            1.12", "Sub-total      1.12", "Service 10%    3.00",
                "Razem          4.12", "M-Pesa         4.12"])
    assert p.total_pence == 412 or "total_unsure" in p.flags


def test_the_gross_total_under_a_net_one_is_the_total():
    p = render(["Kantine", "2 x Jacket potato     12.36 EUR", "Cookie                 1.95 EUR",
                "Netto                 11.93 EUR", "MwSt                   2.38 EUR",
                "Brutto                14.31 EUR", "Contanti              20.00 EUR",
                "Resto                  5.69 EUR"])
    assert (p.total_pence, p.tender, p.flags) == (1431, "cash", [])


def test_italian_change_is_never_an_item_nor_the_total():
    # "Resto" is the change handed back: read as an item it made the cash
    # handed over the total.
    p = render(["Kantine", "Cookie                 1.95", "Brutto                 1.95",
                "Contanti               5.00", "Resto                  3.05"])
    assert (p.total_pence, [ln.description for ln in p.lines]) == (195, ["Cookie"])


def test_an_allowance_above_the_total_is_no_tender_when_unknown_words_pay_it():
    # "FSM allowance £2.50" over the items is what the pupil may spend; the
    # payment is "Sodexo" under the total, a word no table knows. Free meal
    # is never trusted for it: the tender is flagged.
    p = render(["Mensa", "Cookie                £0.20", "FSM allowance         £2.50",
                "TOTAL DUE             £0.20", "Sodexo                £0.20"])
    assert p.tender is None or "unread_tender" in p.flags


def test_cash_handed_over_is_never_the_total_when_an_unknown_total_follows_a_subtotal():
    # "Razem" (a total no rule knows) and "Resto" (the change, ignored)
    # under a subtotal, a discount, a service charge and a tax: the items
    # less the discount, with the tax, add up to the cash handed over by
    # chance (£16.91). It is doubted, never trusted.
    p = render(["Mensa", "3 Fish & chips       £2.73", "2 Jacket potato      £4.96",
                "3 x Cookie           £8.52", "Fruit pot            £5.33",
                "Zwischensumme       £21.54", "Rabatt              -£7.26",
                "Service 10%          £1.49", "Net                 £13.14",
                "VAT 20%              £2.63", "Razem               £15.77",
                "Contanti            £16.91", "Resto                £1.14"])
    assert p.total_pence == 1577 or "total_unsure" in p.flags


def test_cash_handed_over_is_never_trusted_as_the_total_when_no_total_was_read():
    # "Summa" (a total no rule knows) and "Cambio" (the change): the items
    # add up to the €0.40 handed over with "Summa" read as one of them. No
    # printed total read: the cash is doubted, or no total read at all.
    p = render(["Mensa", "Cookie        0,20 €", "Crisps        0,20 €",
                "VOID Crisps  -0,20 €", "Summa         0,20 €", "Bargeld       0,40 €",
                "Cambio        0,20 €"])
    assert p.total_pence == 20 or {"total_unsure", "unparsed_receipt"} & set(p.flags)
