"""How a sale was paid: tender words in the languages real tills print,
labelled tenders, a payment's reference or a masked card number beside the
word, stored-value cards, a sentence of what was handed over and the change;
and what is never a tender (what was paid, said as an amount)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import CONTRACT_TENDERS, TENDERS, interpret
from drivers.receipt.tender_words import (
    CHEQUE_WORDS,
    GENERIC_WALLET_WORDS,
    TRANSFER_WORDS,
    WALLET_WORDS,
)
from drivers.receipt.tenders import _key
from tests.test_receipt_reading import captured

_ITEMS = ("Tea   1.20", "Total   1.20")


def tender(*after_total: str) -> tuple[str | None, list[str]]:
    p = interpret(captured(*_ITEMS, *after_total))
    return p.tender, p.flags


@pytest.mark.parametrize("printed,want", [
    ("Numerário   1.20", "cash"), ("Multibanco   1.20", "card"), ("Efectivo   1.20", "cash"),
    ("Tarjeta   1.20", "card"), ("Bargeld   1.20", "cash"), ("EC-Karte   1.20", "card"),
    ("Espèces   1.20", "cash"), ("CA   1.20", "cash"),
    ("Pagamento: Cash", "cash"), ("Forma de pago: Efectivo", "cash"),
    ("Zahlungsart: Bar", "cash"), ("Mode de paiement: CB", "card"),
    ("Payment Method             Account", "account"), ("Paid (Card):   1.20", "card"),
    ("Card 577788   1.20", "card"), ("VISA ****8311   1.20", "card"),
    ("Cash refund   1.20", "cash"), ("Refunded in cash   1.20", "cash"),
    ("Cash received   1.20", "cash"), ("Credited CASHLESS   1.20", "account"),
    ("From free meal   1.20", "fsm"), ("From cash account   1.20", "account"),
    ("Returned to cash account   1.20", "account"),
    ("CAMPUS CARD   1.20", "account"), ("Swipe card   1.20", "account"),
    ("School Meal Account   1.20", "account"), ("Method: Card", "card"),
    ("Settled by card", "card"), ("Payment received - Card", "card"), ("Debit   1.20", "card"),
    ("Card (Chip & PIN)   1.20", "card"), ("Amount Tendered (Cash)   1.20", "cash"),
    ("Payment: Cash (GBP)", "cash"), ("Paid by: Card ending 1234", "card"),
    ("  Free meal credit   1.20", "fsm"), ("  Dinner money   1.20", "account"),
    ("Food purse   1.20", "account"), ("Drinks purse   1.20", "account"),
    ("College bill   1.20", "account"), ("Battels   1.20", "account"),
    ("PIN   1,20", "card"), ("Kontant   1,20", "cash"), ("Kort   1,20", "card"),
    ("Gotówka   1,20", "cash"), ("Carta di credito   1,20", "card"),
    ("Sans contact   1,20", "card"),
    # safety28: a tuck shop's parent paying, a Young Scot till's daily free meal
    ("Paid in cash   1.20", "cash"), ("FSM daily allowance   -1.20", "fsm"),
])
def test_the_tenders_real_tills_print_map_to_the_contracts_words(printed, want):
    assert tender(printed) == (want, [])


def test_a_masked_card_number_says_a_card_paid():
    assert tender("Paid with £1.20, your change is £0.00",
                  "Card Number:**** 8165", "Authorisation #:112904") == ("card", [])


def test_a_sentence_of_what_was_handed_over_and_the_change_is_cash():
    assert tender("Paid with £5.00, your change is £3.80") == ("cash", [])


@pytest.mark.parametrize("printed", ["Paid Amount   1.20", "Paid with   1.20",
                                     "Paid by   1.20", "Tendered   1.20", "Tenderd   1.20"])
def test_what_was_paid_said_as_an_amount_is_never_a_tender(printed):
    assert tender(printed)[0] is None


@pytest.mark.parametrize("printed", ["Paid Amount   1.20", "Paid with   1.20",
                                     "Tendered   1.20", "Tenderd   1.20"])
def test_the_total_handed_over_exactly_with_no_tender_word_is_flagged(printed):
    # No change to give and no tender word: cash, or a card's amount printed
    # the same way (``test_receipt_exact_money``).
    assert tender(printed) == (None, ["unread_tender"])


@pytest.mark.parametrize("printed", ["Pagamento: Check", "Paid by: Transfer", "CHARGE   1.20",
                                     "CH   1.20"])
def test_a_tender_the_contract_has_no_word_for_is_flagged_never_guessed(printed):
    got, flags = tender(printed)
    assert got is not None and got not in ("cash", "card", "account", "fsm")
    assert flags == ["unmapped_tender"]


def test_a_line_from_somewhere_is_no_tender():
    # "From" names a tender only when a tender follows it.
    assert interpret(captured("From the kitchen", *_ITEMS)).tender is None


@given(st.sampled_from(sorted(TENDERS)), st.sampled_from(["Paid by: {}", "Payment: {}",
                                                          "Pagamento: {}", "Tender {}"]))
def test_any_known_tender_under_any_tender_label_is_that_tender(word, label):
    assert tender(label.format(word.upper()) + "   1.20") == (TENDERS[word], [])


def test_words_after_the_total_that_pay_it_with_no_tender_read_are_flagged_not_guessed():
    assert tender("Sodexo Pass   1.20") == (None, ["unread_tender"])


@pytest.mark.parametrize("printed", ["Rounded Total   1.20", "Refund   1.20",
                                     "Points earned   12"])
def test_totals_refunds_counts_and_other_amounts_after_the_total_raise_no_tender_flag(printed):
    assert tender(printed) == (None, [])


def test_another_amount_after_the_total_in_unknown_words_doubts_the_total_not_the_tender():
    # "Sodexo Pass 0.60" under "Total 1.20", nothing paid: a part paid, or
    # the amount to pay? No tender flag; the total is doubted (TAX.md, safety21).
    assert tender("Sodexo Pass   0.60") == (None, ["total_unsure"])


def test_a_word_that_is_also_an_item_is_not_taken_for_a_tender():
    p = interpret(captured("Bar   0.80", "Tea   1.20", "Total   2.00", "Cash   2.00"))
    assert [ln.description for ln in p.lines] == ["Bar", "Tea"] and p.tender == "cash"


@pytest.mark.parametrize("printed", ["Top up your account   1.20", "Your account   1.20",
                                     "Previous account   1.20"])
def test_an_account_in_a_footers_words_is_not_what_paid(printed):
    assert tender(printed)[0] is None


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12))
def test_a_word_under_a_tender_label_is_the_tables_or_flagged_never_guessed(word):
    got, flags = tender(f"Paid by: {word}   1.20")
    if _key(word) in TENDERS:
        assert got == TENDERS[_key(word)] and flags == []
    elif _key(word) in WALLET_WORDS + TRANSFER_WORDS and _key(word) not in GENERIC_WALLET_WORDS:
        assert (got, flags) == (word, [])  # a wallet or transfer by name: as printed
    elif _key(word) in CHEQUE_WORDS:
        assert (got, flags) == ("cheque", [])  # a cheque by name: the contract's "cheque"
    elif got not in CONTRACT_TENDERS:
        assert "unmapped_tender" in flags or got is None
    else:  # a tender family: a card's brand, "<kind> account", a stored-value card
        assert flags == []


@given(st.sampled_from(["Food", "Drinks", "Cashless", "Main", "Catering"]),
       st.sampled_from(["balance", "left", "after", "remaining", "balance remaining"]))
def test_a_purses_balance_is_never_what_paid(purse, after):
    assert tender(f"{purse} purse   1.20", f"{purse} purse {after}   8.40") == ("account", [])


@pytest.mark.parametrize("printed", ["Back to dinner money   1.20",
                                     "Refund to food purse   1.20"])
def test_money_back_to_a_purse_is_a_refund_to_the_account(printed):
    p = interpret(captured("Tea   1.20", "Total   -1.20", printed))
    assert (p.kind, p.tender) == ("refund", "account")


@pytest.mark.parametrize("word", ["Split", "Mixed", "Multiple payments", "SPLIT TENDER"])
def test_a_split_named_with_no_parts_is_no_one_tender_and_is_flagged(word):
    assert tender(f"Payment Method       {word}") == (None, ["split_unread"])


def test_a_split_named_above_its_parts_is_read_by_its_parts():
    p = interpret(captured(*_ITEMS, "Payment: Split", "Cash   0.20", "Card   1.00"))
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("cash", 20), ("card", 100)]
    assert "split_unread" not in p.flags and "unmapped_tender" not in p.flags


@given(st.sampled_from(["Food purse", "Cashless wallet", "Drinks purse"]), st.integers(1, 20),
       st.integers(1, 99))
def test_a_purses_rate_with_an_amount_off_is_a_discount_line_not_a_balance(purse, rate, off):
    p = interpret(captured("Main course   3.50", f"{purse} {rate}%   -0.{off:02d}",
                           f"Total Due   {(350 - off) // 100}.{(350 - off) % 100:02d}",
                           f"{purse}   {(350 - off) // 100}.{(350 - off) % 100:02d}"))
    assert [(ln.description, ln.amount_pence) for ln in p.lines] == [
        ("Main course", 350), (f"{purse} {rate}%", -off)]
    assert (p.tender, p.flags) == ("account", [])


@pytest.mark.parametrize("printed,want", [
    ("Karta płatnicza   1.20", "card"), ("Karta platnicza   1.20", "card"),
    ("Tarjeta de crédito   1.20", "card"), ("Cartão bancário   1.20", "card"),
    ("Carte bancaire   1.20", "card"), ("PAGÓ CON TARJETA: $1.20", "card"),
    ("PAGO CON TARJETA: $1.20", "card"),
    ("REEMBOLSO EN EFECTIVO: $1.20", "cash"), ("Refunded via: Card", "card"),
    ("Free Meal Entitlement   1.20", "fsm"), ("FSM credit   1.20", "fsm"),
    ("Universal free school meals   1.20", "fsm"), ("SALARY CARD   1.20", "account"),
    # England's universal infant free school meals (UIFSM), by the scheme's name
    ("Universal Infant Meal   1.20", "fsm"), ("Universal Infant Free School Meal   1.20", "fsm"),
    ("Infant Free Meal   1.20", "fsm"),
    ("REFUND TO SALARY CARD   1.20", "account"), ("Refund to UniCard   1.20", "account"),
    ("College card   1.20", "account"),
])
def test_tender_words_in_their_families_map_to_the_contract(printed, want):
    assert tender(printed) == (want, [])


@pytest.mark.parametrize("printed", ["Carte cadeau   1.20", "Tarjeta regalo   1.20",
                                     "Karta podarunkowa   1.20", "Gutschein   1.20",
                                     "MEAL VOUCHER   1.20", "Staff meal vouchers   1.20"])
def test_a_gift_card_in_any_language_is_a_tender_the_contract_has_no_word_for(printed):
    assert "unmapped_tender" in tender(printed)[1]


@given(st.sampled_from(["Gift Card", "GIFT CARD", "Visa Gift Card", "Amex Gift Card", "eGift Card",
                        "Gift voucher", "Gift certificate", "Store credit", "One4all gift card"]),
       st.sampled_from(["xxxx6120", "****1234", "XXXXXXXXXXXX4021", "ending 7730", ""]),
       st.sampled_from(["", "Paid by: ", "Payment: "]))
def test_a_gift_card_is_the_shops_stored_value_never_a_bank_card(words, number, label):
    # "Gift Card  xxxx6120  $17.09" (a Toast check): the card's number is the
    # gift card's own; sent as printed, flagged for a person, never card.
    got, flags = tender(f"{label}{words}  {number}  1.20")
    assert got is not None and got.casefold() == words.casefold()
    assert got not in CONTRACT_TENDERS and "unmapped_tender" in flags


@pytest.mark.parametrize("printed", ["Card  VISA xxxx1234   1.20", "Card ****1234   1.20",
                                     "VISA ****8311   1.20", "Visa Debit   1.20"])
def test_a_bank_card_beside_its_masked_number_stays_a_card(printed):
    assert tender(printed) == ("card", [])


@given(st.sampled_from(["PAGÓ CON", "PAGO CON", "Pagado con", "Pagou com"]),
       st.integers(121, 5000))
def test_money_handed_over_with_change_given_back_is_cash(label, pence):
    # "PAGÓ CON: $200.00" / "SU CAMBIO: $89.00": no word says how, but only
    # cash gives change (TENDERS.md, "Money handed over and change")
    p = interpret(captured(*_ITEMS, f"{label}: ${pence / 100:.2f}",
                           f"SU CAMBIO: ${(pence - 120) / 100:.2f}"))
    assert (p.tender, p.flags) == ("cash", [])


@pytest.mark.parametrize("label", ["PAGÓ CON", "Recibido", "Tendered", "Zaplaceno"])
def test_money_handed_over_exactly_with_no_way_named_is_flagged_not_guessed(label):
    # "PAGÓ CON: $1.20" / "SU CAMBIO: $0.00": cash with nothing back, or a
    # card printed the same way? The paper does not say.
    p = interpret(captured(*_ITEMS, f"{label}: 1.20", "SU CAMBIO: 0.00"))
    assert p.tender is None and "unread_tender" in p.flags


@pytest.mark.parametrize("change", ["Cambio", "SU CAMBIO", "Vuelto", "Troco", "Resto",
                                    "Reszta", "Rückgeld", "Wechselgeld", "Wisselgeld",
                                    "Cambio entregado", "Troco devolvido", "Resto ricevuto"])
def test_change_in_other_languages_is_change_and_change_is_cash(change):
    # "Recibido: 5.00" / "Cambio: 3.80" (Tryton), "Resto ricevuto: 3.80"
    assert tender("Recibido:   5.00", f"{change}:   3.80") == ("cash", [])


@pytest.mark.parametrize("rest", ["BALANCE", "Balance"])
def test_tendered_more_than_the_total_and_the_rest_printed_back_is_cash(rest):
    # "TENDERD: 5.00" / "BALANCE: 3.80" under a total of 1.20: the balance
    # is what was handed back (South Asian tills' word for the change)
    assert tender("TENDERD:   5.00", f"{rest}:   3.80") == ("cash", [])


def test_tendered_in_whole_notes_and_the_rest_printed_back_is_cash():
    # "TENDERD:  200" (rupees, no paise printed) / "BALANCE:  77.47" under
    # "BILL TOTAL:  122.53": the arithmetic reads the whole figure
    p = interpret(captured("Dosa   122.53", "BILL TOTAL:  122.53", "TENDERD:  200",
                           "BALANCE:  77.47"))
    assert (p.total_pence, p.tender, p.flags) == (12253, "cash", [])


def test_a_balance_that_is_not_what_was_handed_back_says_nothing_of_the_tender():
    # "Tendered 5.00" and a balance that is not the change (an account's):
    # no word says how, and nothing proves change was given
    assert tender("TENDERD:   5.00", "BALANCE:   7.10")[0] is None


def test_money_above_the_total_that_a_profile_sets_aside_is_a_tender_unread():
    # WEBKASSA (Kazakhstan) prints the way paid above "ИТОГО:"; a profile
    # whose arithmetic set "Мобильный платеж" aside reads no tender there,
    # which the journal would fill in: flagged, never trusted.
    import re

    from drivers.receipt.model import Template
    from drivers.receipt.rules import ReceiptRules

    aside = Template("learnt", ignore=re.compile(r"^(?:Мобильный\s+платеж|Бонусы)\b"))
    rules = ReceiptRules(templates=(aside,))
    p = interpret(captured("Чай   1 200,00", "Мобильный платеж:   1 200,00",
                           "ИТОГО:   1 200,00"), rules)
    assert p.total_pence == 120000 and p.tender is None and "unread_tender" in p.flags
    # (an amount set aside under words no rule knows that is not the total
    # says nothing of the tender; "Мобильный платеж" paying part of it is a
    # way paid for part, flagged since rules31b knows the words)
    p = interpret(captured("Чай   1 200,00", "Бонусы:   200,00", "ИТОГО:   1 200,00"), rules)
    assert "unread_tender" not in p.flags


def test_lankaqr_is_an_instant_payment_read_as_printed():
    # Sri Lanka's national QR payment: neither cash nor card, not the account
    assert tender("LankaQR   1.20") == ("LankaQR", [])


def test_south_africas_qr_wallets_are_read_as_printed():
    # SnapScan and Zapper: a QR scanned at the counter, paid from the app
    assert tender("SNAPSCAN:   1.20") == ("SNAPSCAN", [])
    assert tender("Zapper   1.20") == ("Zapper", [])


def refund_paid(*after_total: str) -> tuple[str | None, list[str]]:
    p = interpret(captured("RETURBON", "Spandauer   20,00", "I ALT DKK   -20,00", *after_total))
    assert p.kind == "refund"
    return p.tender, p.flags


@pytest.mark.parametrize("printed", [
    "Palautettu kortille:   20,00",  # Finnish: returned onto the card
    "Tagastatud kaardile   20,00",  # Estonian
])
def test_a_refund_returned_onto_the_card_is_card(printed):
    assert refund_paid(printed) == ("card", [])
