"""Item rows as tills abroad print them (``drivers/receipt/ITEMS.md``): a row
of column headings is never an item's name, a discount column is never the
row's amount, a name wrapped onto an indented row is one name, a fiscal
printer's count row gives its count to the item under it, a capital in any
cased script begins a new name, and a currency's mark after the figures is
the amount's, not the name's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.headings import CODE, NAME, OFF, PRICE, QTY, VALUE, column_headings
from tests.test_receipt_reading import captured, lines


def cols(left: str, right: str, width: int = 32) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def money(pence: int, point: str = ".") -> str:
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}{point}{abs(pence) % 100:02d}"


# --- a row of column headings ----------------------------------------------------------


@pytest.mark.parametrize(("heading", "columns"), [
    ("CODIGO DESCRIPCION VALOR DESC.", (CODE, NAME, VALUE, OFF)),    # a Chilean boleta
    ("ΠΕΡΙΓΡΑΦΗ ΠΟΣ ΤΙΜΗ ΑΞΙΑ", (NAME, QTY, PRICE, VALUE)),          # a Greek απόδειξη
    ("Artikl Kol Cijena Iznos", (NAME, QTY, PRICE, VALUE)),          # a Croatian račun
    ("CANT DESCRIPCION P.UNI TOTAL", (QTY, NAME, PRICE, VALUE)),     # a Mexican ticket
    ("QTY ITEM AMT", (QTY, NAME, VALUE)),
    ("DESC QTY AMT", (NAME, QTY, VALUE)),  # "DESC" alone: the description's short form
])
def test_a_row_of_column_headings_names_its_columns(heading, columns):
    assert column_headings(heading) == columns


@pytest.mark.parametrize("line", ["Total", "Code Ref", "Sub Total",
                                  "Pan sobao", "Served by Sam", "Στοιχεία Πώλησης"])
def test_words_that_head_no_table_are_no_headings(line):
    assert column_headings(line) is None


@pytest.mark.parametrize("heading", ["ΠΕΡΙΓΡΑΦΗ  ΠΟΣ  ΤΙΜΗ  ΑΞΙΑ",
                                     "DESCRIPTION  QTY  PRICE  AMOUNT",
                                     "Artikl  Kol  Cijena  Iznos"])
def test_a_row_of_column_headings_is_never_part_of_the_first_items_name(heading):
    # The first item's name alone over its count row ("Σιδέρωμα" / "2 x 1.50  3.00"):
    # the headings above it are not its name's first words.
    p = interpret(captured(heading, "Ironing", cols("   2 x 1.50", "3.00"),
                           cols("Shirt", "2.70"), cols("TOTAL", "5.70")))
    assert lines(p) == [("Ironing", 2, 300), ("Shirt", 1, 270)]
    assert p.total_pence == 570 and p.flags == []


def test_a_greek_receipts_heading_rows_and_labels_are_never_items():
    # spherewebgr's Απόδειξη Παροχής Υπηρεσιών: a section heading, the date and
    # number rows, then the services; Καθαρή Αξία (the net), Αξία Φ.Π.Α. (the
    # tax), Τελικό ποσό (the final amount).
    p = interpret(captured(
        "Στοιχεία Πώλησης", cols("Ημερομηνία", "20/01/2026"), cols("Ώρα", "11:20"),
        "Παρεχόμενη Υπηρεσία", "Σιδέρωμα", cols("   2 x 1.50", "€ 3.00"),
        cols("Πουκάμισο", "€ 2.70"), "Ποσά", cols("Καθαρή Αξία", "€ 4.60"),
        cols("Αξία Φ.Π.Α. (24%)", "€ 1.10"), cols("Τελικό ποσό", "€ 5.70")))
    assert lines(p) == [("Σιδέρωμα", 2, 300), ("Πουκάμισο", 1, 270)]
    assert p.total_pence == 570


# --- a discount column after the value ------------------------------------------------


BOLETA_HEAD = f"{'CODIGO':<7}{'DESCRIPCION':<19}{'VALOR':>8}{'DESC.':>8}"


def boleta_row(code: int, name: str, value: int, off: int) -> str:
    return f"{code:<7}{name:<19}{money(value):>8}{'-' + money(off):>8}"


def test_a_chilean_boletas_discount_column_is_not_the_rows_amount():
    # GetFit's boleta: VALOR, then DESC. on every row ("-0.00" where none): the
    # row's amount is the value less its discount, the code no part of the name.
    p = interpret(captured(BOLETA_HEAD, boleta_row(7363, "Empanada x2", 4400, 440),
                           boleta_row(3008, "Barra de cereal", 1200, 0),
                           cols("SUB TOTAL:", "51.60", 42), cols("TOTAL:", "51.60", 42)))
    assert lines(p) == [("Empanada", 2, 3960), ("Barra de cereal", 1, 1200)]
    assert p.total_pence == 5160 and p.flags == []


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.integers(1000, 9999),
                          st.sampled_from(["Cafe", "Jugo natural", "Barra de cereal", "Sandwich"]),
                          st.integers(100, 9999), st.sampled_from([0, 0, 10, 20])),
                min_size=1, max_size=5))
def test_each_row_under_a_discount_column_is_its_value_less_its_discount(rows):
    body = [boleta_row(code, name, value, value * pct // 100)
            for code, name, value, pct in rows]
    want = [(name, 1, value - value * pct // 100) for _, name, value, pct in rows]
    total = sum(a for _, _, a in want)
    p = interpret(captured(BOLETA_HEAD, *body, cols("TOTAL:", money(total), 42)))
    assert lines(p) == want and p.total_pence == total and p.flags == []


def test_without_a_discount_heading_a_negative_last_amount_is_not_taken_off():
    # No heading says the last column is a discount: nothing is guessed, and a
    # reading that does not add up is flagged.
    p = interpret(captured("Cafe   44.00  -4.40", cols("TOTAL:", "39.60", 42)))
    assert "lines_total_mismatch" in p.flags


# --- a name wrapped onto its own row ---------------------------------------------------


def test_a_name_wrapped_onto_an_indented_row_over_its_count_is_one_name():
    # HiCloud POS wraps a name at 24 columns, its rest indented two, then
    # "  {qty} x {price}"; the count row proves the item (4 x 65.00 = 260.00).
    p = interpret(captured(cols("Queso de hoja", "160.00"), "  1 x 160.00",
                           cols("Habichuelas rojas La", "260.00"), "  Famosa", "  4 x 65.00",
                           cols("TOTAL:", "420.00")))
    assert lines(p) == [("Queso de hoja", 1, 16000), ("Habichuelas rojas La Famosa", 4, 26000)]
    assert p.flags == []


def test_an_option_under_a_short_name_stays_no_part_of_it():
    # "Flat White" ends far from its value's column: "Oat milk" did not wrap there.
    p = interpret(captured(cols("Flat White", "6.40"), "  Oat milk", "  2 x 3.20",
                           cols("TOTAL", "6.40")))
    names = [name for name, _, _ in lines(p)]
    assert "Flat White" in names and "Flat White Oat milk" not in names


def test_a_factura_cells_name_wrapped_under_its_count_and_value_is_one_name():
    # An Argentine factura's table: the count, "x" and the name in one cell of
    # 22 columns, the value beside it; the name's rest in small letters on the
    # rows under it from the cell's edge, over one row or two (in capitals too,
    # "TACC": sin trigo, avena, cebada, centeno), the last closed by the rule;
    # the price is the unit's, the total proves it (3 x 7.800,00).
    p = interpret(captured("Descripción               Precio",
                           "1 x Galletitas dulces  $2.400,50", "de chocolate sin", "gluten",
                           "3 x Harina de          $7.800,00", "almendras 500g",
                           "2 x Alfajor de maicena   $950,50",
                           "1 x Fideos de arroz    $1.950,00", "tirabuzón",
                           "1 x Pan de molde sin   $4.200,00", "TACC",
                           "--------------------------------",
                           "Total:                $33.851,50"))
    assert lines(p) == [("Galletitas dulces de chocolate sin gluten", 1, 240050),
                        ("Harina de almendras 500g", 3, 2340000),
                        ("Alfajor de maicena", 2, 190100),
                        ("Fideos de arroz tirabuzón", 1, 195000),
                        ("Pan de molde sin TACC", 1, 420000)]
    assert p.total_pence == 3385150 and p.flags == []


_HEADS = ["Galletitas", "Harina", "Premezcla", "Tapas", "Fideos", "Queso", "Pan"]
_RESTS = ["dulces", "de", "chocolate", "sin", "gluten", "almendras", "500g", "arroz",
          "para", "empanadas", "universal", "1kg", "rallado", "integral"]


def _cell_rows(qty: int, words: list[str], cell: int) -> list[str]:
    """The name's words as a till wraps them in a cell ``cell`` wide: the
    first row after its count, the rest as many rows as they need."""
    rows, row = [], f"{qty} x {words[0]}"
    for w in words[1:]:
        if len(row) + 1 + len(w) > cell:
            rows.append(row)
            row = w
        else:
            row += " " + w
    return [*rows, row]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_HEADS), st.lists(st.sampled_from(_RESTS), max_size=5),
                          st.integers(1, 4), st.integers(100000, 999999)), min_size=1, max_size=4))
def test_a_name_wrapped_in_its_cell_is_read_whole_and_the_items_make_the_total(items):
    # (prices as wide as their column, "$7.800,00": where the next column's
    # text begins is the cell's edge; ITEMS.md leaves a short price open)
    cell, body, want = 22, [], []
    for head, rest, qty, unit in items:
        rows = _cell_rows(qty, [head, *rest], cell)
        body.append(f"{rows[0]:<{cell}} {'$' + money(unit, ','):>9}")
        body += rows[1:]
        want.append((" ".join([head, *rest]), qty, qty * unit))
    total = sum(v for _, _, v in want)
    p = interpret(captured("Descripción               Precio", *body, "-" * 32,
                           cols("Total:", "$" + money(total, ","))))
    assert lines(p) == want and p.total_pence == total


# --- a fiscal printer's count row ------------------------------------------------------


UNITS = st.sampled_from(["BUC", "buc", "kom", "KOM", "бр", "шт", "ks", "szt", "db", "adet"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Apa plata 0.5L", "Covrig", "Placinta", "Cafea"]),
                          st.integers(1, 6), st.integers(50, 2000)), min_size=1, max_size=5),
       UNITS, st.booleans())
def test_a_fiscal_count_row_gives_its_count_to_the_item_under_it(items, unit, each):
    # Datecs, Tremol, Daisy: "2.000 BUC x 5.50" over "Apa plata  11.00 A" (the
    # quantity with three decimals, the unit, the unit price), on every item
    # of more than one, on single ones at the register's setting.
    body = ["LEI"]
    for name, q, price in items:
        if q > 1 or each:
            body.append(f"{q}.000 {unit} x {money(price)}")
        body.append(cols(name, f"{money(q * price)} A"))
    total = sum(q * p for _, q, p in items)
    p = interpret(captured(*body, cols("TOTAL", money(total))))
    assert lines(p) == [(name, q, q * price) for name, q, price in items]
    assert p.total_pence == total and p.flags == []


def test_a_count_row_no_item_under_it_proves_is_flagged_never_dropped():
    p = interpret(captured("3.000 BUC x 4.00", cols("Guma menta", "11.00 A"),
                           cols("TOTAL", "11.00")))
    assert p.flags  # the count of three is nobody's: a person looks


def test_a_fiscal_count_row_between_two_items_it_makes_is_the_item_belows():
    # "2.000 BUC x 5.50" between two items of 11.00: a fiscal printer prints
    # it above its item (as a cash register its "3 X @1.10").
    p = interpret(captured(cols("Apa plata", "11.00 A"), "2.000 BUC x 5.50",
                           cols("Covrig", "11.00 A"), cols("TOTAL", "22.00")))
    assert lines(p) == [("Apa plata", 1, 1100), ("Covrig", 2, 1100)] and p.flags == []


def test_a_plain_count_row_under_the_item_its_value_makes_is_that_items():
    # Loyverse prints "2 x €4.00" under "Hot Chocolate  €8.00": the item
    # above's, even when the item below happens to cost as much.
    p = interpret(captured(cols("Hot Chocolate", "€8.00"), "2 x €4.00",
                           cols("Toasted Special", "€8.00"), cols("Total", "€16.00")))
    assert lines(p) == [("Hot Chocolate", 2, 800), ("Toasted Special", 1, 800)]
    assert p.flags == []


# --- a capital begins a new name in any cased script -----------------------------------


@pytest.mark.parametrize("heading", ["Παρεχόμενη Υπηρεσία", "Оказанные Услуги", "Services"])
def test_a_name_under_a_heading_that_begins_with_a_capital_is_not_the_headings(heading):
    p = interpret(captured(heading, "Σιδέρωμα", cols("   2 x 1.50", "3.00"), cols("TOTAL", "3.00")))
    assert lines(p) == [("Σιδέρωμα", 2, 300)]


# --- a currency's mark after the figures -----------------------------------------------


@pytest.mark.parametrize("mark", ["дин.", "din.", "ден.", "руб.", "грн.", "ман.", "FCFA", "F CFA",
                                  "RSD", "Lekë"])
def test_a_currency_mark_printed_after_the_decimals_is_not_the_items_name(mark):
    # CLDR's "#,##0.00 ¤" in Serbian, Macedonian, Russian, Ukrainian, Azerbaijani,
    # Central and West African French, Albanian.
    p = interpret(captured(cols("Hleb beli", f"120.00 {mark}"), cols("Mleko", f"85.00 {mark}"),
                           cols("UKUPNO", f"205.00 {mark}")))
    assert lines(p) == [("Hleb beli", 1, 12000), ("Mleko", 1, 8500)]


# --- a size in a name over its count row -----------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Mineralna voda 0,25", "Pivo Ožujsko 0,5", "Apă plată 0,5"]),
       st.integers(1, 6), st.integers(100, 900))
def test_a_size_one_space_after_a_name_is_the_names_over_its_count_row(name, q, unit):
    # A Croatian račun at 32 columns: the name alone, then "  4 x 2,50   10,00";
    # the count row's own product proves it, so "0,25" is the bottle's size.
    p = interpret(captured(name, cols(f"  {q} x {money(unit, ',')}", money(q * unit, ",")),
                           cols("UKUPNO EUR:", money(q * unit, ","))))
    assert lines(p) == [(name, q, q * unit)] and p.total_pence == q * unit
