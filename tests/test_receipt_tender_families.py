"""Tenders on tills we have not seen: the words for cash and card in more
languages, the card terminal printed as the tender, a payment label in the
till's language before its word ("Betalingswijze: Cash"), a school purse
named by where the money went ("Taken from balance"), mobile wallets and
bank transfers (read as printed by name, flagged by no name), and change counted back in other
languages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import CONTRACT_TENDERS, TENDERS, interpret
from drivers.receipt.tender_words import GENERIC_WALLET_WORDS, TRANSFER_WORDS, WALLET_WORDS
from drivers.receipt.tenders import _key, paid_outside
from tests.test_receipt_reading import captured
from tests.test_receipt_tenders import _ITEMS, tender


@pytest.mark.parametrize("printed,want", [
    ("Bankkort   1,20", "card"), ("Käteinen   1,20", "cash"), ("Hotovost   1,20", "cash"),
    ("Nakit   1,20", "cash"), ("Készpénz   1,20", "cash"), ("Numerar   1,20", "cash"),
    ("Gotovina   1,20", "cash"), ("Kredi kartı   1,20", "card"), ("Kartica   1,20", "card"),
    ("Pankkikortti   1,20", "card"), ("Dankort   1,20", "card"),
    # the card terminal printed as the tender
    ("Atos   1.20", "card"), ("PDQ   1.20", "card"),
    ("TPE   1,20", "card"), ("Datáfono   1,20", "card"), ("Ingenico   1.20", "card"),
])
def test_cash_and_card_in_more_languages_and_the_card_terminal_map_to_the_contract(printed, want):
    assert tender(printed) == (want, [])


@pytest.mark.parametrize("printed,want", [
    ("Betalingswijze: Cash", "cash"), ("Betalingswijze: Atos", "card"),
    ("Betaalwijze: PIN", "card"), ("Betalingsmåte: Kontant", "cash"),
    ("Betalsätt: Kort", "card"), ("Maksutapa: Käteinen", "cash"),
    ("Forma płatności: Karta", "card"), ("Způsob platby: Hotově", "cash"),
    ("Fizetési mód: Készpénz", "cash"), ("Modalitate de plată: Numerar", "cash"),
    ("Način plaćanja: Gotovina", "cash"), ("Ödeme şekli: Nakit", "cash"),
    ("Metodo di pagamento: Contanti", "cash"), ("Medio de pago: Tarjeta", "card"),
    ("Moyen de paiement: Espèces", "cash"), ("Payé par: Carte bancaire", "card"),
    ("Pay type: Card", "card"), ("Payment: POS", "card"),
])
def test_a_payment_label_in_the_tills_language_names_its_tender(printed, want):
    assert tender(printed) == (want, [])


_LABELS = ["Betalingswijze: {}", "Betalingsmåte: {}", "Maksutapa: {}", "Způsob platby: {}",
           "Ödeme şekli: {}", "Medio de pago: {}", "Pay type: {}"]


@given(st.sampled_from(sorted(TENDERS)), st.sampled_from(_LABELS))
def test_any_known_tender_under_a_payment_label_in_any_language_is_that_tender(word, label):
    assert tender(label.format(word.upper())) == (TENDERS[word], [])


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12),
       st.sampled_from(_LABELS))
def test_an_unknown_word_under_a_payment_label_is_flagged_never_guessed(word, label):
    got, flags = tender(label.format(word))
    if _key(word) in TENDERS:
        assert got == TENDERS[_key(word)] and flags == []
    elif got not in CONTRACT_TENDERS:
        # (a wallet by its name, "pix", is journaled as printed: TENDERS.md)
        assert "unmapped_tender" in flags or got is None or (paid_outside(got) and flags == [])
    else:  # a tender family: a card's brand, "<kind> account", a stored-value card
        assert flags == []


_WAYS_FROM = ["Taken from", "From", "Deducted from", "Paid from", "Debited from"]
_WAYS_TO = ["Returned to", "Credited to", "Refunded to", "Added back to"]
_BALANCES = ["balance", "cash balance", "meal balance", "dinner money balance", "Balance"]


@given(st.sampled_from(_WAYS_FROM), st.sampled_from(_BALANCES))
def test_money_taken_from_a_balance_is_paid_from_the_pupils_account(way, balance):
    assert tender(f"{way} {balance}   1.20") == ("account", [])


@given(st.sampled_from(_WAYS_TO), st.sampled_from(_BALANCES))
def test_money_returned_to_a_balance_is_a_refund_to_the_pupils_account(way, balance):
    p = interpret(captured("Tea   1.20", "REFUNDED   -1.20", f"{way}   {balance}"))
    assert (p.kind, p.tender) == ("refund", "account")


@given(st.sampled_from(_BALANCES), st.sampled_from(["", " now", " remaining", " left",
                                                    " after"]))
def test_a_balance_left_after_the_sale_is_never_what_paid(balance, after):
    got, flags = tender("Account debit   1.20", f"{balance}{after}   8.40")
    assert (got, flags) == ("account", [])


@pytest.mark.parametrize("printed,want", [
    ("Account debit   1.20", "account"), ("FSM allowance used   1.20", "fsm"),
    ("From free meal allocation   1.20", "fsm"),
    ("Settled   Cash at till", "cash"), ("Tilbakebetalt bankkort   1,20", "card"),
])
def test_what_was_taken_from_a_tender_or_where_it_was_paid_is_that_tender(printed, want):
    assert tender(printed) == (want, [])


def test_a_bursary_purse_is_read_as_free_meals_and_flagged_for_the_guess_it_is():
    assert tender("Bursary purse   1.20") == ("fsm", ["unmapped_tender"])


def test_a_bursary_and_a_cash_purse_each_paying_its_part_are_read_as_the_parts_flagged():
    p = interpret(captured("Tea   4.00", "Total   4.00", "Bursary purse   1.50",
                           "Cash purse   2.50"))
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("fsm", 150), ("account", 250)]
    assert "unmapped_tender" in p.flags


def test_a_bursary_purse_the_site_names_is_trusted():
    rules = rules_from_config(ReceiptConfig(tenders={"Bursary purse": "fsm"}))
    p = interpret(captured(*_ITEMS, "Bursary purse   1.20"), rules)
    assert (p.tender, p.flags) == ("fsm", [])


@given(st.sampled_from(WALLET_WORDS + TRANSFER_WORDS))
def test_a_mobile_wallet_or_a_bank_transfer_is_a_tender_kept_as_printed(word):
    # by its name: paid outside the school's ledger, not flagged; by no name
    # ("E-wallet": a school's purse may be called so), flagged
    p = interpret(captured("Tea   1.20", "Total   1.20", f"{word.upper()}   1.20"))
    assert _key(p.tender or "") == _key(word)
    assert ("unmapped_tender" in p.flags) == (word in GENERIC_WALLET_WORDS)
    assert [ln.description for ln in p.lines] == ["Tea"]


def test_a_refund_banner_naming_the_returned_item_is_no_tender():
    p = interpret(captured("REFUND - returned item", "Tea   1.20", "Credited to account   1.20"))
    assert (p.kind, p.tender, p.flags) == ("refund", "account", [])


@pytest.mark.parametrize("paid,change", [
    ("Zaplaceno:   5.00", "Vráceno:   3.80"), ("Betaald:   5.00", "Terug:   3.80"),
    ("Kontant   5,00", "Vekslepenger   3,80"), ("Betalt   5.00", "Växel   3.80"),
])
def test_money_handed_over_and_change_counted_back_in_other_languages_is_cash(paid, change):
    assert tender(paid, change) == ("cash", [])


def test_money_handed_over_with_no_change_counted_back_names_no_tender_and_is_flagged():
    # "Paid with £10.00, your change is £0.00" is printed under a card too:
    # how the sale was paid could not be read (``test_receipt_exact_money``)
    assert tender("Zaplaceno:   1.20", "Vráceno:   0.00") == (None, ["unread_tender"])
    assert tender("Change   0.00") == (None, ["unread_tender"])


@given(st.integers(121, 5000), st.sampled_from(["Terug", "Vráceno", "Vekslepenger"]))
def test_change_in_other_languages_is_taken_off_what_was_handed_over(pence, word):
    p = interpret(captured(*_ITEMS, f"Betaald:   {pence / 100:.2f}",
                           f"{word}:   {(pence - 120) / 100:.2f}"))
    assert (p.total_pence, p.tender, p.flags) == (120, "cash", [])


@pytest.mark.parametrize("printed", ["POS 5419", "POS   1.20", "POS02-SN: 1234"])
def test_a_point_of_sale_named_bare_is_never_a_tender(printed):
    # "POS 5419" under a cash receipt is the till; only "Payment: POS" is the card terminal
    assert tender(printed)[0] is None


@pytest.mark.parametrize("printed", ["Deducted from card   1.20", "Taken from card   1.20"])
def test_money_taken_out_of_a_card_is_flagged_a_pupils_card_or_a_bank_card_not_said(printed):
    got, flags = tender(printed)
    assert got not in CONTRACT_TENDERS and "unmapped_tender" in flags


@pytest.mark.parametrize("printed,want", [
    ("現金   1.20", "cash"), ("カード   1.20", "card"), ("Tiền mặt   1.20", "cash"),
    ("Débito   1,20", "card"), ("EC-Cash   1,20", "card"), ("Pay method: Card", "card"),
    ("Means of payment: Cash", "cash"),
])
def test_cash_and_card_in_the_words_of_further_languages_map_to_the_contract(printed, want):
    assert tender(printed) == (want, [])


@pytest.mark.parametrize("printed", ["Balance used   1.20", "Purse debited   1.20",
                                     "From purse   1.20", "Taken from e-purse   1.20",
                                     "Charged to balance   1.20"])
def test_a_purse_or_balance_money_was_taken_from_is_the_pupils_account(printed):
    assert tender(printed) == ("account", [])


@pytest.mark.parametrize("printed", ["Google Wallet   1.20", "From Google Wallet   1.20",
                                     "Apple Wallet   1.20"])
def test_a_phones_wallet_holds_a_bank_card_never_the_pupils_account(printed):
    assert tender(printed) == ("card", [])


def test_a_refund_to_a_balance_is_a_refund_to_the_pupils_account():
    p = interpret(captured("Tea   1.20", "Total   -1.20", "Refund to balance   1.20"))
    assert (p.kind, p.tender, p.flags) == ("refund", "account", [])


def test_a_kazakh_checks_mobile_payment_above_its_total_is_the_way_paid_flagged():
    # WEBKASSA prints the ways paid above "ИТОГО:" (holdout22 webkassa-kz);
    # "Мобильный платеж" is Russian for "mobile payment": read as printed and
    # flagged as the English is (a school's purse may share the words), never
    # an item, and the total and the item under it read
    p = interpret(captured("Чек №7456599578911", "ПРОДАЖА", "-" * 36,
                           "  1. Хлеб Бородинский нарезной 400г", "   4 шт x 320,00",
                           "   Стоимость                1 280,00", "-" * 36,
                           "Мобильный платеж:           1 280,00",
                           "ИТОГО:                      1 280,00"))
    assert (p.total_pence, p.tender) == (128000, "Мобильный платеж")
    assert [(ln.description, ln.amount_pence) for ln in p.lines] == [
        ("Хлеб Бородинский нарезной 400г", 128000)]
    assert "unmapped_tender" in p.flags
