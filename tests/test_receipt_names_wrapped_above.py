"""A name wrapped by words in its cell onto the rows above the one with
its count and amount (holdout31 office-shop, safety31; ITEMS.md, "A name
wrapped above its row"): one name, its rows joined, never its last row
alone with the first dropped unflagged."""

from __future__ import annotations

from drivers.receipt import interpret
from tests.receipts_score import printed_receipt
from tests.test_receipt_reading import lines


def cols(left: str, right: str, width: int = 42) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def _office(*rows: str, total: str) -> object:
    # holdout31 office-shop's slip, seed 11: names wrapped at 30 columns
    return printed_receipt(
        "HOLLYMOOR ACADEMY", "School Office - Sales",
        cols("Receipt No. SO-1104", "07-09-2026 16:03"), "Student: Kacper Kowalski (7L)",
        "Adm no: 011520", "-" * 42, "Item                           Qty  Amount", *rows,
        "-" * 42, cols("Amount paid", f"£{total}"), cols("Paid via:", "Card (PDQ)"),
        "Auth code 285583")


def test_a_first_item_wrapped_onto_its_row_is_one_name():
    p = interpret(_office("Year 7 Chester Zoo trip -", "deposit                          1   10.00",
                          "Locker padlock                   3   12.00", total="22.00"))
    assert lines(p) == [("Year 7 Chester Zoo trip - deposit", 1, 1000),
                        ("Locker padlock", 3, 1200)]


def test_a_wrapped_names_rest_in_brackets_is_joined():
    p = interpret(_office("PE polo shirt (age 11-12)        1   10.50",
                          "Y8 Geography trip - Malham",
                          "(balance)                        1   18.00", total="28.50"))
    assert lines(p) == [("PE polo shirt (age 11-12)", 1, 1050),
                        ("Y8 Geography trip - Malham (balance)", 1, 1800)]


def test_a_title_or_a_note_as_long_is_no_part_of_a_name_beginning_as_names_do():
    # ... but as long as a wrapped name's first row over a table's row: its
    # name's, or a note? Read as the row's, and flagged
    p = interpret(_office("With a 10% discount on trips",
                          "Locker padlock                   3   12.00", total="12.00"))
    assert lines(p) == [("Locker padlock", 3, 1200)] and p.flags == ["lines_ambiguous"]
    p = interpret(_office("Revision guide - GCSE English",
                          "Literature                       1    6.00", total="6.00"))
    assert lines(p) == [("Literature", 1, 600)] and p.flags == ["lines_ambiguous"]
    # a heading far short of the cell's edge is no doubt
    p = interpret(_office("Uniform", "PE polo shirt (age 11-12)        1   10.50", total="10.50"))
    assert p.flags == []


def test_a_heading_far_short_of_the_cell_is_no_part_of_the_name():
    p = interpret(_office("Uniform", "PE polo shirt (age 11-12)        1   10.50", total="10.50"))
    assert lines(p) == [("PE polo shirt (age 11-12)", 1, 1050)]


def test_a_tables_headings_in_a_script_without_capitals_are_no_names_first_row():
    # holdout24 egypt-pos (seed 11): the headings over the first row, Arabic
    # letters being neither small nor capital
    p = interpret(printed_receipt(
        "كافيه النيل", "رقم الإيصال: JDXY75J8", "التاريخ: 07/09/2026 07:23 م",
        "طريقة الدفع: بطاقة", "-" * 48, "الصنف                 الكمية     السعر   المجموع",
        "فطير مشلتت                 3     60.00    180.00",
        "بسبوسة                     3     25.00     75.00", "-" * 48,
        "الإجمالي:     255.00 ج.م"))
    assert lines(p) == [("فطير مشلتت", 3, 18000), ("بسبوسة", 3, 7500)]
