"""Paper facts school and college tills print (rules30): a sale charged
"To" a purse ("To college bill") is that purse; a refund's way "Back by:"
is how it went back; one way in two languages side by side ("Cinio am ddim
Free meal", "Siec  Cheque") is that way (TENDERS.md); a slip's bare "For:"
names what it was paid for (ITEMS.md); a card's number under its holder's
row is the holder's account (NUMBERS.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import TENDERS, interpret
from drivers.receipt.tenders import _in_two_languages, _tender_word, builtin_tender
from tests.receipts_score import journal_tender
from tests.test_receipt_reading import captured, lines

BAR = "-" * 42


def _buttery(*pay: str, total: str = "1.80") -> list[str]:
    # a college buttery: the university card's number, then where the sale went
    return ["CLARE FEN COLLEGE", "Buttery", "06-Jun-2026 08:04",
            "Check 61200                         Till 3", BAR,
            "1 Soup                                1.80", BAR,
            f"TOTAL                                 {total}",
            "University card                    3900537", *pay]


def test_a_sale_charged_to_the_college_bill_is_the_account():
    p = interpret(captured(*_buttery("To college bill                       1.80")))
    assert (p.total_pence, journal_tender(p.tender), p.account) == (180, "account", "3900537")
    assert p.flags == []


def test_the_bill_beside_the_bars_cash_is_a_split_as_printed():
    p = interpret(captured(*_buttery("To college bill                      24.65",
                                     "Cash (bar)                            5.00",
                                     "Change                                1.20",
                                     total="28.45")))
    assert {(t.tender, t.amount_pence) for t in p.tenders} == {("account", 2465), ("cash", 380)}
    assert "split_tender" in p.flags


@pytest.mark.parametrize("left", ["To pay", "To balance", "To go"])
def test_to_before_words_that_name_no_way_is_no_tender(left):
    # "Allocation used up - to pay £9.33": what is left to pay, never how it was paid
    assert _tender_word(left) is None


def _office(what: str, amount: str, way: str, *end: str) -> list[str]:
    # a primary office's monthly payment slip: no item row, its purpose under "For:"
    return ["ST ALDHELM'S C OF E PRIMARY", "School Office - Payments", "-" * 32,
            "Student: Maisie Owen", "ID:      0253", "Group:   Oak", "Month:   April 2026",
            f"For:     {what}", f"Amount:  {amount}", way, "Date:    2026-04-10",
            "Time:    14:45", "-" * 32, *end]


@pytest.mark.parametrize("way,want", [("Paid by: Cash", "cash"), ("Paid by: Card", "card"),
                                      ("Paid by: Cheque 485367", "cheque")])
def test_a_slips_bare_for_names_what_it_paid_for(way, want):
    p = interpret(captured(*_office("School dinners 20 days", "£46.00", way, "PAID")))
    assert (p.total_pence, lines(p), journal_tender(p.tender), p.account) == (
        4600, [("School dinners 20 days", 1, 4600)], want, "0253")
    assert p.flags == ["unread_number"]  # (the office prints none)


@pytest.mark.parametrize("way,want", [("Back by: Cash", "cash"), ("Back by: Card", "card")])
def test_a_refund_back_by_a_way_is_that_way(way, want):
    p = interpret(captured(*_office("Breakfast club not taken", "-£1.50", way, "REFUNDED")))
    assert (p.kind, p.total_pence, journal_tender(p.tender)) == ("refund", -150, want)


def test_paid_back_in_cash_is_cash():
    p = interpret(captured("REFUND", "Tea   1.20", "TOTAL   -1.20", "Paid back in cash   1.20"))
    assert (p.kind, journal_tender(p.tender)) == ("refund", "cash") and p.flags == []


def test_for_beside_item_rows_is_no_line():
    # a takeaway's order names who it is for: the items are the sale
    p = interpret(captured("For: Jane", "Chips   1.00", "Tea   1.20", "TOTAL   2.20",
                           "Cash   2.20"))
    assert lines(p) == [("Chips", 1, 100), ("Tea", 1, 120)]


def _till_pad(*rows: str, total: str) -> list[str]:
    # a Welsh council's till pad: Welsh in a first column of 14, English in a second
    return ["CYNGOR SIR DDINBYCH", "DENBIGHSHIRE COUNTY COUNCIL", BAR,
            "Trafodyn      Transaction            08803",
            "Rhif cyfrif   Account no.            66833", BAR,
            "Roast dinner x2                       5.20",
            f"CYFANSWM      TOTAL{total:>23}", *rows,
            "Balans        Balance                £5.80", "Diolch / Thank you"]


@pytest.mark.parametrize("row,want", [
    ("Cinio am ddim Free meal              £5.20", "fsm"),
    ("Siec          Cheque                 £5.20", "cheque"),
    ("Cyfrif        Account                £5.20", "account"),
])
def test_one_way_in_two_languages_side_by_side_is_that_way(row, want):
    p = interpret(captured(*_till_pad(row, total="£5.20")))
    assert (journal_tender(p.tender), p.account, p.flags) == (want, "66833", [])


def test_a_refund_to_the_account_in_two_languages_is_the_account():
    p = interpret(captured(*_till_pad("I'r cyfrif    To account             £5.20",
                                      total="-£5.20")[:7],
                           "AD-DALIAD     REFUND", "CYFANSWM      TOTAL                 -£5.20",
                           "I'r cyfrif    To account             £5.20"))
    assert (p.kind, journal_tender(p.tender)) == ("refund", "account")


def test_the_free_meal_then_the_account_in_two_languages_is_a_split():
    p = interpret(captured(*_till_pad("Cinio am ddim Free meal              £2.60",
                                      "Cyfrif        Account                £2.60",
                                      total="£5.20")))
    assert {(t.tender, t.amount_pence) for t in p.tenders} == {("fsm", 260), ("account", 260)}


def test_two_different_ways_side_by_side_are_unread_and_flagged():
    p = interpret(captured("Tea   1.00", "TOTAL   1.00", "Cash Card   1.00"))
    assert p.tender is None and "unread_tender" in p.flags


# Words of one way in the tables, as tills print them (any two, in either order).
_BY_WAY: dict[str, list[str]] = {}
for _word, _way in TENDERS.items():
    if " " not in _word and _word.isalpha():
        _BY_WAY.setdefault(_way, []).append(_word)
_WAYS = sorted(_BY_WAY)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_two_ways_side_by_side_read_as_one_only_where_they_are_one(data):
    a_way, b_way = data.draw(st.sampled_from(_WAYS)), data.draw(st.sampled_from(_WAYS))
    a = data.draw(st.sampled_from(_BY_WAY[a_way]))
    b = data.draw(st.sampled_from(_BY_WAY[b_way]))
    read = _in_two_languages(f"{a.title()} {b.title()}")
    if a_way != b_way:
        # "Cash Card": two ways; which one paid, the paper does not say
        assert read is None
    else:
        assert read is not None and builtin_tender(read.casefold()) == a_way


def _card_till(holder: str, card: str) -> list[str]:
    # a village college's card till: the holder's row, then the card's
    return ["FENLAND VILLAGE COLLEGE", "Catering", "Txn 55100                  25 May 2026 09:28",
            holder, card, "-" * 44, "Bagel...................................1.20",
            "Amount spent                           £1.20",
            "From balance                           £1.20"]


@pytest.mark.parametrize("holder", ["Pupil  KAUR Ffion", "Student  Ella Robson",
                                    "Pupil: KAUR Ffion"])
@pytest.mark.parametrize("card", ["Card no. 72277076                  Tutor 9SH",
                                  "Card no. 72277076"])
def test_a_card_under_its_holders_row_is_the_holders_account(holder, card):
    p = interpret(captured(*_card_till(holder, card)))
    assert (p.account, journal_tender(p.tender), p.flags) == ("72277076", "account", [])


def test_a_card_printed_whole_under_no_holder_is_flagged_never_silent():
    p = interpret(captured(*_card_till("Visitor", "Card no. 72277076")))
    assert p.account is None and "unread_account" in p.flags


@pytest.mark.parametrize("row,want", [("Prydau am ddim/FSM   £1.75", "fsm"),
                                      ("Siec/Cheque   £1.75", "cheque"),
                                      ("Cyfrif/Account   £1.75", "account")])
def test_one_way_in_two_languages_joined_by_a_slash_is_that_way(row, want):
    # Welsh words the tables know beside the English: one way, said twice
    p = interpret(captured("Bacon roll   £1.75", "CYFANSWM/TOTAL   £1.75", row))
    assert (journal_tender(p.tender), p.flags) == (want, [])


def test_two_ways_joined_by_a_slash_stay_unread():
    p = interpret(captured("Bacon roll   £1.75", "CYFANSWM/TOTAL   £1.75", "Cash/Card   £1.75"))
    assert p.tender is None and "unread_tender" in p.flags
