"""What the paper says that a wrong charge to a parent hides in: the
operation a fiscal receipt's title names (a refund is never journaled as a
charge), the amount to pay after a discount (never the gross above it),
a card that prints its own balance (the pupil's cashless card, not a bank
card), a payment line nothing maps (never silence) and a customer's
identity number (never the receipt's). ``drivers/receipt/KIND.md`` and
``TAX.md`` hold the families and their sources."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt
from tests.test_receipt_money_shapes import cols, comma


def _read(*text: str):
    return interpret(printed_receipt(*text))


def _chek(operation: str, pay: str = "НАЛИЧНЫМИ") -> tuple[str, ...]:
    """A 54-ФЗ кассовый чек as a clinic's till prints it: the document's name
    and its operation on one line, one service, the total, how it was paid."""
    return ('ООО "УЛЫБКА ПЛЮС"', "ИНН: 1655398124", "-" * 32,
            f"КАССОВЫЙ ЧЕК / {operation}", "Дата: 06.04.2026 14:56:09", "-" * 32,
            "1. Фторирование зубов", cols("1 шт. x 1500.00", "1500.00 руб.", 32), "-" * 32,
            "ИТОГ: 1500.00 руб.", f"{pay}: 1500.00 руб.", "ФД: 47999   ФПД: 8181722801")


# --- the operation the document's title names ---------------------------------------


def test_a_russian_refund_of_a_sale_is_money_going_back_not_a_charge():
    p = _read(*_chek("ВОЗВРАТ ПРИХОДА"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -150000, "cash")


@pytest.mark.parametrize("title", ["КАССОВЫЙ ЧЕК / ПРИХОД", "ФІСКАЛЬНИЙ ЧЕК"])
def test_a_sale_named_in_the_documents_title_is_a_sale(title):
    p = _read(*_chek("ПРИХОД")[:3], title, *_chek("ПРИХОД")[4:])
    assert (p.kind, p.total_pence) == ("sale", 150000)
    assert "kind_unsure" not in p.flags


@pytest.mark.parametrize("operation", ["РАСХОД", "ВОЗВРАТ РАСХОДА"])
def test_the_shop_paying_out_or_that_undone_is_no_sale_the_reading_can_be_sure_of(operation):
    # 54-ФЗ's other two operations: the money goes the other way, and it is
    # no refund of a sale either: flagged, never journaled as a plain sale.
    assert "kind_unsure" in _read(*_chek(operation)).flags


@pytest.mark.parametrize("title", [
    "NOTA DE CREDITO C",  # Argentina: AFIP's lettered credit note
    "DOCUMENTO COMMERCIALE emesso per RESO MERCE",  # Italy's RT: goods returned
    "emesso per RESO MERCE",  # (its second line, under "DOCUMENTO COMMERCIALE")
    "ФИСКАЛЬНЫЙ ЧЕК ВОЗВРАТ ПРОДАЖИ",  # Kazakhstan: a sale's return
    "ВИДАТКОВИЙ ЧЕК",  # Ukraine's ПРРО: a refund ("ФІСКАЛЬНИЙ ЧЕК" a sale)
    "Видатковий чек (повернення)",
])
def test_a_credit_note_or_a_return_named_in_the_documents_title_is_a_refund(title):
    p = _read("Shop", title, cols("Tea", "2.00", 32), cols("TOTAL", "2.00", 32),
              cols("Cash", "2.00", 32))
    assert (p.kind, p.total_pence) == ("refund", -200)


def test_a_refund_banner_still_needs_the_whole_line():
    # A footer that mentions a return is no banner.
    p = _read("Shop", cols("Tea", "2.00", 32), cols("TOTAL", "2.00", 32),
              cols("Cash", "2.00", 32), "Чек / возврат в течение 14 дней")
    assert (p.kind, p.total_pence) == ("sale", 200)


# --- the amount to pay after a discount ----------------------------------------------


def _danfe(gross: int, off: int, to_pay_label: str) -> tuple[str, ...]:
    """A DANFE NFC-e's totals as the manual orders them: the gross, the
    discount, the amount to pay, then the payment."""
    return ("MERCADINHO BOA VIAGEM LTDA", "Qtde  Un  x  Valor unit.",
            "7891962036106 BISC RECHEADO BAUDUCCO",
            cols("1  UN  x  " + comma(gross), comma(gross), 48), "-" * 48,
            cols("Qtde. total de itens", "1", 48), cols("Valor total R$", comma(gross), 48),
            cols("Desconto R$", comma(off), 48), cols(to_pay_label, comma(gross - off), 48),
            cols("FORMA DE PAGAMENTO", "VALOR PAGO R$", 48),
            cols("Dinheiro", comma(gross - off), 48))


def test_valor_a_pagar_is_what_was_charged_after_the_discount():
    p = _read(*_danfe(798, 40, "Valor a pagar R$"))
    assert (p.total_pence, p.tender) == (758, "cash")
    assert "total_unsure" not in p.flags


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 99999), st.integers(1, 99),
       st.sampled_from(["Valor a pagar R$", "Importe a pagar", "Montant à payer",
                        "Importo da pagare", "Kwota do zapłaty"]))
def test_the_amount_to_pay_after_a_discount_is_the_total_whatever_it_comes_to(gross, off, label):
    # The arithmetic proves it: the gross less the discount is the amount to pay.
    p = _read(*_danfe(gross, off, label))
    assert p.total_pence == gross - off, (p.total_pence, p.flags)


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 99999), st.integers(1, 99))
def test_the_gross_total_is_never_trusted_over_an_unknown_label_that_prints_it_less_the_discount(
        gross, off):
    # Under words no rule knows ("Líquido"), the total less the discount
    # printed after it: two totals, no proof which was charged: flagged.
    p = _read(*_danfe(gross, off, "Líquido R$"))
    assert p.total_pence == gross - off or "total_unsure" in p.flags, (p.total_pence, p.flags)


# --- a card that prints its own balance ----------------------------------------------


def _gpos(tender_line: str, balance_line: str | None) -> tuple[str, ...]:
    text = ["KINGSWAY SIXTH FORM COLLEGE", "Receipt 00031201", "Account No: 143298", "REFUND",
            cols("1  Panini Ham & Cheese", "2.65", 48), cols("REFUND TOTAL", "£2.65", 48),
            cols(tender_line, "£2.65", 48)]
    return (*text, *([cols(balance_line, "£3.89", 48)] if balance_line else []))


def test_a_refund_to_the_card_that_prints_its_balance_goes_back_to_the_pupils_account():
    p = _read(*_gpos("Refund to Card", "Card Balance Remaining"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -265, "account")


def test_a_card_with_no_balance_of_its_own_is_a_bank_card():
    assert _read(*_gpos("Refund to Card", None)).tender == "card"
    # a balance of something else (the pupil's meal purse) says nothing of the card
    assert _read(*_gpos("Refund to Card", "Meal Balance")).tender == "card"


def test_a_card_schemes_card_with_a_balance_is_flagged_not_guessed():
    # A Visa gift card prints its balance too: whose money, the paper does not say.
    p = _read(*_gpos("Refund to Visa Card", "Card Balance Remaining"))
    assert "unmapped_tender" in p.flags


# --- a payment line nothing maps, a customer's identity number ---------------------


@pytest.mark.parametrize("way", ["СБП QR (0.7%)", "Meio 03"])
def test_a_payment_line_with_a_code_or_a_fee_that_nothing_maps_is_never_silence(way):
    p = _read("Shop", cols("Tea", "2.00", 32), cols("TOTAL", "2.00", 32), cols(way, "2.00", 32))
    assert p.total_pence == 200
    assert p.tender is not None or {"unread_tender", "unmapped_tender"} & set(p.flags)


@pytest.mark.parametrize("who", ["DNI 45871236", "DNI: 45871236", "CURP: GOMA800101HDFRRL09",
                                 "NIE: X1234567L"])
def test_a_customers_identity_number_is_never_the_receipts_number(who):
    p = _read("MINIMARKET DONA CARMEN", "BOLETA DE VENTA ELECTRONICA", "B001-00010004",
              "Cliente: Ana Lucia Vargas", f"Documento: {who}", cols("Leche Gloria", "S/ 4.60", 48),
              cols("TOTAL", "S/ 4.60", 48), "Pago: EFECTIVO")
    assert p.receipt_no == "B001-00010004"


def test_a_payments_label_with_its_amounts_thousands_left_on_it_is_still_never_silence():
    # "Espèces: 1" / "500,00": the figure among the words is the amount's own
    # thousands (a space-grouped "1 500,00"), not a code in a way's name.
    p = _read("SUPERETTE EL AMEL", "TICKET", "N°: BL-2026-00300",
              cols("Yaourt Soummam x4", "320,00", 32), cols("TOTAL TTC:", "380,80 DA", 32),
              cols("Espèces:", "1 500,00 DA", 32), cols("Rendu:", "1 119,20 DA", 32))
    assert p.tender == "cash" or {"unread_tender", "unmapped_tender"} & set(p.flags), (
        p.tender, p.flags)
