"""Brazil's fiscal payment means (the NFC-e's ``tPag``) as every DANFE
prints them under ``FORMA DE PAGAMENTO``: a transfer or a digital wallet, a
bank deposit, kept as printed and not flagged (TENDERS.md, "Wallets,
instant payments, transfers"); the table's codes a DANFE cannot name
(``Meio 03``) stay flagged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.sale.sale_from_receipt import normalise_tender
from drivers.receipt import interpret
from tests.receipts_score import printed_receipt

W = 48
MEANS = ["Transferência bancária, Carteira Digital", "Transferência bancária",
         "Depósito Bancário"]


def _row(left: str, right: str) -> str:
    return left + " " * max(1, W - len(left) - len(right)) + right


def _danfe(way: str, cents: int) -> object:
    """An NFC-e's DANFE of two items paid ``cents`` by ``way``."""
    money = f"{cents // 100},{cents % 100:02d}"
    return printed_receipt(
        "CNPJ: 12.345.678/0001-90", "MERCADINHO BOA VIAGEM",
        "Documento Auxiliar da Nota Fiscal de Consumidor Eletrônica", "-" * W,
        _row("Código  Descrição", "Valor total"), _row("Qtde  Un  x  Valor unit.", ""),
        "001  ARROZ TIPO 1 5KG", _row("1  UN  x  " + money, money),
        "-" * W, _row("Qtde. total de itens", "1"), _row("Valor total R$", money),
        _row("FORMA DE PAGAMENTO", "VALOR PAGO R$"), _row(way, money),
        "CONSUMIDOR NÃO IDENTIFICADO",
        "NFC-e nº 000002210  Série 001  06/04/2026 14:56:09")


@settings(max_examples=30, deadline=None)
@given(way=st.sampled_from(MEANS), cents=st.integers(100, 99_999))
def test_a_fiscal_transfer_or_wallet_is_kept_as_printed_and_not_flagged(way, cents):
    p = interpret(_danfe(way, cents))
    assert (p.tender, p.total_pence, p.flags) == (way, cents, [])
    # the journal keeps the receipt's word: neither cash, card, account nor free meals
    assert normalise_tender(p.tender, identified=True) == way.lower()


def test_a_payment_code_the_danfe_does_not_name_is_still_held_for_a_person():
    p = interpret(_danfe("Meio 03", 4590))
    assert p.total_pence == 4590 and p.tender is None and "unread_tender" in p.flags
