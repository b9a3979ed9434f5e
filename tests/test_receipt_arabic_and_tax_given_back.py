"""Rules the twenty-fourth holdout (tests/receipts_holdout24) called for,
on the paper real tills print: an Arabic receipt's way of paying printed
above the items ("طريقة الدفع: بطاقة"), its receipt number, subtotal, money
paid and change, and its clock's "ص"/"م"; a tax's label printed with an
amount taken off ("Dto. IVA Ley 19.210  $ -64,18", Uruguay's VAT points
given back on a card sale), a discount line with its law's number in its
name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

RULE = "-" * 48


def cafe(way: str, clock: str = "07:23 م", paid: tuple[str, ...] = ()) -> list[str]:
    """A Giza café's receipt as its shop app prints it (CP1256, logical order):
    the way paid above the items, VAT 14 % on top."""
    return ["كافيه النيل", "الرقم الضريبي: 512-345-678", "س.ت: 98765", RULE,
            "رقم الإيصال: JDXY75J8", f"التاريخ: 07/09/2026 {clock}", f"طريقة الدفع: {way}",
            RULE,
            "الصنف                 الكمية     السعر   المجموع",
            "فطير مشلتت                 3     60.00    180.00",
            "بسبوسة                     3     25.00     75.00",
            RULE,
            "الإجمالي الفرعي:                      255.00 ج.م",
            "ضريبة القيمة المضافة 14%:              35.70 ج.م",
            "الإجمالي:     290.70 ج.م", *paid, "شكراً لزيارتكم"]


@pytest.mark.parametrize(("way", "tender"), [("بطاقة", "card"), ("نقدي", "cash")])
def test_the_way_paid_printed_above_the_items_is_the_tender(way, tender):
    p = interpret(captured(*cafe(way)))
    assert (p.tender, p.total_pence, p.receipt_no) == (tender, 29070, "JDXY75J8")
    # the subtotal is no item; "07:23 م" is the evening
    assert lines(p) == [("فطير مشلتت", 3, 18000), ("بسبوسة", 3, 7500)]
    assert p.occurred == "2026-09-07T19:23:00+01:00"
    assert p.flags == []


def test_instalments_are_read_as_printed_and_flagged_for_the_site_to_map():
    # "تقسيط" (paid in instalments): no contract word, never "no tender"
    p = interpret(captured(*cafe("تقسيط")))
    assert p.tender == "تقسيط" and "unmapped_tender" in p.flags


def test_money_paid_and_change_in_arabic_are_no_unread_tender():
    p = interpret(captured(*cafe("نقدي", paid=(
        "المدفوع:                              300.00 ج.م",
        "الباقي:                                 9.30 ج.م"))))
    assert p.tender == "cash" and p.total_pence == 29070 and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12), st.integers(0, 59), st.sampled_from(["ص", "م"]))
def test_the_arabic_clock_letters_are_morning_and_evening(hour, minute, half):
    p = interpret(captured(*cafe("بطاقة", clock=f"{hour:02d}:{minute:02d} {half}")))
    want = hour % 12 + (12 if half == "م" else 0)
    assert p.occurred == f"2026-09-07T{want:02d}:{minute:02d}:00+01:00"


def eticket(off: str | None) -> list[str]:
    """A Montevideo café's e-Ticket: on a debit card the VAT points given back
    (Ley 19.210) are a row above the total."""
    total = "805,82" if off else "870,00"
    return ["CAFÉ TABARÉ", "RUT 217654320018", "e-Ticket", "Documento: A-0012005",
            "Fecha: 11/11/2026 13:11:45", "-" * 40,
            " 1 Chivito al pan               $ 490,00",
            " 2 Refresco 354ml               $ 220,00",
            "     2 x $ 110,00",
            " 1 Jugo de naranja              $ 160,00",
            *([off] if off else []), "-" * 40,
            f"TOTAL                           $ {total}",
            "Neto IVA T.Básica 22%           $ 660,51",
            "IVA T.Básica 22%                $ 145,31",
            f"Tarjeta débito                  $ {total}", "VISA DEBITO ****6587"]


@pytest.mark.parametrize("label", ["Dto. IVA Ley 19.210", "Descuento IVA Ley 19.210",
                                   "Dcto. IVA Ley 17.934"])
def test_a_tax_given_back_under_the_items_is_a_discount_line_with_its_laws_number(label):
    p = interpret(captured(*eticket(f"{label:<32}$ -64,18")))
    assert p.total_pence == 80582
    assert lines(p) == [("Chivito al pan", 1, 49000), ("Refresco 354ml", 2, 22000),
                        ("Jugo de naranja", 1, 16000), (label, 1, -6418)]


def test_the_tax_table_under_the_total_stays_no_line():
    p = interpret(captured(*eticket(None)))
    assert p.total_pence == 87000 and len(p.lines) == 3
