"""A fiscal document's own number under the document's name: Brazil's NFC-e /
NF-e / CF-e SAT ("NFC-e nº 000002210", the SEFAZ's nNF) and Russia's 54-ФЗ
"ФД" (the fiscal document's serial in the drive), where the till prints no
other number; never the drive's serial (ФН) nor the fiscal sign (ФП/ФПД)."""

from __future__ import annotations

import pytest

from drivers.receipt import interpret
from tests.test_receipt_reading import captured


def test_a_brazilian_nfce_is_numbered_by_its_nfce_number():
    p = interpret(captured(
        "ARROZ TIO JOAO T1 5KG",
        "2  UN  x  28,90                 57,80",
        "Valor a pagar R$                57,80",
        "Dinheiro                        60,00",
        "Troco R$                         2,20",
        "CONSUMIDOR CPF: 276.686.639-15",
        "NFC-e nº 000002210  Série 001  16/07/2026 17:46:00",
        "Protocolo de autorização: 126230640138281"))
    assert p.receipt_no == "000002210"


@pytest.mark.parametrize("line", ["NF-e Nº 1234", "CF-e SAT nº 001234"])
def test_the_other_brazilian_fiscal_documents_too(line):
    p = interpret(captured("Pão francês                  4,50",
                           "TOTAL R$                     4,50",
                           "Dinheiro                     4,50", line))
    assert p.receipt_no.lstrip("0") == "1234"


def test_a_russian_cheque_is_numbered_by_its_fiscal_document_not_the_drive_or_the_sign():
    p = interpret(captured(
        "КАССОВЫЙ ЧЕК / ПРИХОД",
        "Рентгенография зуба",
        "1 шт. x 600.00       600.00 руб.",
        "ИТОГ: 600.00 руб.",
        "БЕЗНАЛИЧНЫМИ (КАРТА): 600.00 руб.",
        "ФН: 9960440302145896",
        "ФД: 37954   ФПД: 5180429051"))
    assert p.receipt_no == "37954"
    assert p.total_pence == 60000
