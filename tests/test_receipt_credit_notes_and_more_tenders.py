"""Credit notes across languages are refunds; tenders in Slovak, Ukrainian
(printed with a Latin "i" where the code page has no "і"), French cash
received and change, West Africa's mobile money, and how a refund was paid
back ("Forma de Reembolso")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured


def _read(*text: str):
    return interpret(captured(*text))


@pytest.mark.parametrize("banner", ["NOTA DE CRÉDITO", "Credit note", "Gutschrift", "Avoir",
                                    "Nota de crédito", "Creditnota", "Dobropis", "Storno",
                                    "Kreditnota", "Nota di credito", "Hyvityslasku"])
def test_a_credit_note_in_any_of_its_languages_is_a_refund(banner):
    p = _read(banner, "Tosta   3,45", "TOTAL:  3,45", "Numerário   3,45")
    assert (p.kind, p.total_pence, p.tender) == ("refund", -345, "cash")


def test_words_about_a_credit_note_in_a_footer_are_no_banner():
    p = _read("Tosta   3,45", "TOTAL:  3,45", "Numerário   3,45",
              "Nota de crédito emitida mediante pedido")
    assert p.kind == "sale"


@pytest.mark.parametrize("printed,want", [
    ("Platobná karta:      3,45 €", "card"), ("Hotovosť:      3,45 €", "cash"),
    ("Vrátené - Hotovosť:      3,45 EUR", "cash"),
    ("Форма оплати: готівка", "cash"), ("Форма оплати: готiвка", "cash"),
    ("Форма оплати: банкiвська карта", "card"), ("Форма оплати: картка", "card"),
    ("Вид оплаты: безналичные", "card"),
    ("Forma de Reembolso:   Multibanco", "card"),
])
def test_tenders_in_slovak_ukrainian_russian_and_a_refunds_way_back_map_to_the_contract(
        printed, want):
    p = _read("Tosta   3,45", "TOTAL:  3,45", printed)
    assert (p.tender, p.flags) == (want, [])


def test_francophone_cash_received_and_change_read_as_cash_never_items():
    p = _read("Tosta   3,45", "TOTAL:  3,45", "Reçu    5,00", "Monnaie    1,55")
    assert (p.tender, p.flags, len(p.lines)) == ("cash", [], 1)


def test_ukrainian_paid_and_change_are_no_items():
    # (the total's label is another family's: "Total" here)
    p = _read("Печиво   77.50", "Total: 77.50", "Оплата: 100.00", "Решта: 22.50",
              "Форма оплати: готiвка")
    assert [ln.description for ln in p.lines] == ["Печиво"]
    assert (p.total_pence, p.tender, p.flags) == (7750, "cash", [])


@pytest.mark.parametrize("wallet", ["Orange Money", "Moov Money", "Free Money"])
def test_west_african_mobile_money_is_a_tender_kept_as_printed(wallet):
    # paid outside the school's ledger, by its name: nothing for a person to check
    p = _read("Tosta   3,45", "TOTAL:  3,45", f"Payé par {wallet}      3,45")
    assert (p.tender, p.flags) == (wallet, [])


def test_a_wallet_no_table_knows_is_kept_as_printed_and_flagged():
    p = _read("Tosta   3,45", "TOTAL:  3,45", "Payé par Wave      3,45")
    assert (p.tender, p.flags) == ("Wave", ["unmapped_tender"])


_UA_TENDERS = {"готівка": "cash", "банківська карта": "card", "безготівкова": "card",
               "картка": "card"}


@given(word=st.sampled_from(sorted(_UA_TENDERS)), data=st.data())
def test_any_cyrillic_i_printed_as_a_latin_i_reads_the_same_tender(word, data):
    # each "і" printed as itself or as the Latin letter, as the code page allows
    latin = [data.draw(st.booleans()) for _ in word]
    printed = "".join("i" if c == "і" and swap else c for c, swap in zip(word, latin, strict=True))
    p = _read("Tosta   3,45", "TOTAL:  3,45", f"Форма оплати: {printed}")
    assert (p.tender, p.flags) == (_UA_TENDERS[word], [])
