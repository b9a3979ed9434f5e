"""Two numbers under one receipt label, one of them a count the paper says
is not the receipt's own (NUMBERS.md, "The same label printed twice"):
Rwanda's EBM prints "RECEIPT NUMBER:" in its fiscal device's block as the
device's counters and the receipt's type ("150/211 NS") and again at the
foot as the till's own number; WEBKASSA's Kazakh check prints the check's
place in the shift ("Порядковый номер чека №76") above the check's own
number ("Чек №7456599578911"). The own number is read, with no flag; a
counter printed alone is still read, flagged where it may be another's."""

from __future__ import annotations

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt

# (holdout22 ebm-rw's paper, as its renderer prints it)
EBM_SALE = ("UMUSAMBI CAFE", "KG 11 St, Kimihurura", "TIN: 108877665", "-" * 40,
            "Fanta Citron 500ml", "700.00x 1.00 700.00B", "." * 40,
            "TOTAL                             700.00",
            "TOTAL B-18.00%                    700.00",
            "TOTAL TAX B                       106.78", "-" * 40,
            "CASH                             1000.00",
            "ITEMS NUMBER                           1", "-" * 40,
            "SDC INFORMATION", "Date:                         05/12/2026",
            "Time:                           12:15:29",
            "SDC ID:                     SDC010069183",
            "RECEIPT NUMBER:               150/211 NS", "-" * 40)
EBM_FOOT = ("RECEIPT NUMBER:                     4100",
            "DATE:                         05/12/2026", "MRC:                         WIS01007014",
            "THANK YOU")


def test_the_tills_number_at_the_foot_is_read_over_the_devices_counters():
    p = interpret(printed_receipt(*EBM_SALE, *EBM_FOOT))
    assert (p.receipt_no, p.total_pence) == ("4100", 70000)
    assert "unsure_number" not in p.flags


def test_the_devices_counters_alone_are_read_and_flagged():
    p = interpret(printed_receipt(*EBM_SALE, "THANK YOU"))
    assert p.receipt_no == "150/211" and "unsure_number" in p.flags


def _check(*numbers: str):
    # (holdout22 webkassa-kz's paper, as its renderer prints it)
    return interpret(printed_receipt(
        'ТОО "АРУЖАН ФУД"', "БИН 131240010479", "НДС Серия 91437            № 6685855",
        "-" * 36, "Касса 2.0.2", "Смена 397", *numbers, "Кассир webkassa4@softit.kz",
        "ПРОДАЖА", "-" * 36, "  1. Хлеб Бородинский нарезной 400г", "   4 шт x 320,00",
        "   Стоимость                1 280,00", "-" * 36,
        "Банковская карта:           1 280,00", "ИТОГО:                      1 280,00",
        "в т.ч. НДС 12%:               137,14", "-" * 36,
        "Фискальный признак: 7456599578911", "Время: 23.04.2026 18:49:21"))


def test_the_checks_own_number_is_read_over_its_place_in_the_shift():
    p = _check("Порядковый номер чека №76", "Чек №7456599578911")
    assert (p.receipt_no, p.total_pence) == ("7456599578911", 128000)
    assert "unsure_number" not in p.flags


def test_the_place_in_the_shift_printed_alone_is_the_checks_number():
    assert _check("Порядковый номер чека №76").receipt_no == "76"


def test_two_plain_receipt_numbers_are_still_unsure():
    p = _check("Чек №76", "Чек №7456599578911")
    assert "unsure_number" in p.flags
