"""A university's prepaid meal card that paid, its number read whole (the way
the till read it in brackets); an account's label in two languages each in a
column of its own, the number in the last; a school card's number printed
whole under "Card no." (read, or flagged where not); and dots glued to the
amount they lead to, the column's fill and never the name's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import journal_tender
from tests.test_receipt_columns_rules import QTY, UNIT, WIDTH, cols
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Breakfast bap", "Latte", "Scone & jam", "Soup", "Hot meal of the day"])
ITEMS = st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4,
                 unique_by=lambda x: x[0])


def pounds(pence: int) -> str:
    return f"£{pence / 100:.2f}"


@settings(max_examples=30, deadline=None)
@given(ITEMS, st.integers(10000000, 29999999), st.integers(0, 20000),
       st.sampled_from(["Prepaid meal card", "Pre-paid meal card", "Prepaid campus card"]))
def test_a_prepaid_meal_card_that_paid_is_the_account(items, card, left, way):
    total = sum(q * u for _, q, u in items)
    p = interpret(captured("MINSTER YARD UNIVERSITY", "Trans: R1-004404   Op: Dev",
                           cols("Qty Item", "Amount", 40),
                           *(cols(f"{q:>3} {n}", f"{q * u / 100:.2f}", 40) for n, q, u in items),
                           cols("TOTAL", pounds(total), 40),
                           cols("Meal card (barcode)", str(card), 40),
                           cols(way, pounds(total), 40),
                           cols("Meal card remaining", pounds(left), 40)))
    assert p.total_pence == total and lines(p) == [(n, q, q * u) for n, q, u in items]
    assert journal_tender(p.tender) == "account" and p.account == str(card)
    assert p.flags == []


def test_a_prepaid_card_alone_may_be_a_banks_and_is_never_taken_for_the_account():
    p = interpret(captured("Latte   2.60", "TOTAL   £2.60", "Prepaid card   £2.60",
                           "Card remaining   £4.00"))
    assert journal_tender(p.tender) != "account" and "unread_tender" in p.flags


def test_a_meal_cards_amount_is_never_its_number():
    p = interpret(captured("Latte   2.60", "TOTAL   £2.60", "Meal card   1250.00"))
    assert p.account is None


@settings(max_examples=30, deadline=None)
@given(st.integers(10000, 99999), WIDTH)
def test_an_account_label_in_two_columns_reads_the_number_in_the_last(account, width):
    p = interpret(captured(cols("Trafodyn      Transaction", "08800", width),
                           cols("Rhif cyfrif   Account no.", str(account), width),
                           cols("Pasta bolognese", "2.35", width),
                           cols("CYFANSWM      TOTAL", "£2.35", width),
                           cols("Cyfrif        Account", "£2.35", width)))
    assert p.account == str(account) and journal_tender(p.tender) == "account"
    assert p.receipt_no == "08800" and p.total_pence == 235


def test_a_count_in_the_last_column_is_no_account():
    p = interpret(captured("Table 5     Cust      3", "Soup   2.35", "TOTAL   £2.35",
                           "Cash   £2.35"))
    assert p.account is None


@settings(max_examples=40, deadline=None)
@given(st.integers(10000, 99999999), st.sampled_from(["9SH", "10KM", "7B"]))
def test_a_cards_number_printed_whole_and_unread_is_flagged(card, tutor):
    p = interpret(captured("Txn 55100                  25 May 2026 09:28",
                           "Pupil  KAUR Ffion",
                           cols(f"Card no. {card}", f"Tutor {tutor}", 44),
                           "Bagel   1.20", "Amount spent   £1.20", "From balance   £1.20"))
    assert p.account == str(card) or "unread_account" in p.flags


def test_a_bank_cards_masked_or_last_four_digits_promise_no_account():
    for card in ("Card No: ************4471", "CARD NUMBER: 4471 SWIPED"):
        p = interpret(captured("Soup   2.35", "TOTAL   £2.35", "Visa   £2.35", card))
        assert "unread_account" not in p.flags


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Bagel", "Fruit juice", "Jacket potato",
                                           "Sausage roll"]), QTY, UNIT),
                min_size=1, max_size=4, unique_by=lambda x: x[0]),
       st.sampled_from([40, 44]))
def test_dots_glued_to_the_amount_are_the_columns_fill(items, width):
    total = sum(q * u for _, q, u in items)

    def dotted(name: str, amount: str) -> str:
        return name + "." * (width - len(name) - len(amount)) + amount

    p = interpret(captured("Txn 55100", *(dotted(n if q == 1 else f"{q} x {n}",
                                                 f"{q * u / 100:.2f}") for n, q, u in items),
                           cols("Amount spent", pounds(total), width),
                           cols("From balance", pounds(total), width)))
    assert p.total_pence == total
    assert lines(p) == [(n, q, q * u) for n, q, u in items]
    assert journal_tender(p.tender) == "account"


def test_a_check_links_sum_after_the_total_is_no_payment():
    """A Kazakh fiscal check (WEBKASSA, holdout22 webkassa-kz) prints its QR
    link's text wrapped over rows after the total; the row carrying the
    link's sum ("&s=3240.00") is the link, not a payment at the total (175
    right receipts flagged unread_tender under a learnt profile before); a
    payment at the total in known words there is still flagged."""
    head = ["ТОО \"АРУЖАН ФУД\"", "БИН 131240010479", "Касса 2.0.2", "Смена 397",
            "Порядковый номер чека №76", "Чек №7456599578911", "ПРОДАЖА", "-" * 36,
            "  1. Хлеб Бородинский нарезной 400г", "   4 шт x 320,00",
            "   Стоимость                1 280,00", "  2. Чай Пиала черный 250г",
            "   2 шт x 980,00", "   Стоимость                1 960,00", "-" * 36,
            "Банковская карта:           3 240,00", "ИТОГО:                      3 240,00",
            "в т.ч. НДС 12%:               347,14", "-" * 36, "ФИСКАЛЬНЫЙ ЧЕК"]
    link = ["http://consumer.kofd.kz?i=7456599578", "911&f=361169362294&s=3240.00&t=20260",
            "423T184921", "СПАСИБО ЗА ПОКУПКУ"]
    assert interpret(captured(*head, *link)).total_pence == 324000
    assert "unread_tender" not in interpret(captured(*head, *link)).flags
    assert "unread_tender" in interpret(captured(*head, "Prepaid card  3 240,00")).flags
