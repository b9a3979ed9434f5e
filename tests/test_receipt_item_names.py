"""What an item's name holds as real tills print it: a measure with its unit
("Appelsiinimehu 0,33l", "Æblejuice 0,25 l") is the name's, never an
amount; "at" its unit price as a word ("á 28,50") is no part of the name; a
serial number glued to the name in a table's first column ("1003Chicken 65")
is not the name's; a subtotal said to be net in brackets ("Zwischensumme
(Netto)") is never an item."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

QTY = st.integers(1, 6)
UNIT = st.integers(50, 4999)  # cents
# A measure as tills print it in a name: decimal point or comma, a unit
# glued or one space off.
MEASURES = st.sampled_from(["0,33l", "0,25 l", "1,75L", "0.50 kg", "0,5l", "2.25kg", "0.33 cl",
                            "0.75 ltr", "12.00 oz", "1,50 ml"])
NAMES = st.sampled_from(["Appelsiinimehu", "Æblejuice", "Kóla", "Rice", "Vin rouge"])


def money(cents: int, comma: bool) -> str:
    text = f"{cents // 100}.{cents % 100:02d}"
    return text.replace(".", ",") if comma else text


def row(left: str, right: str, width: int = 48) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, MEASURES, QTY, UNIT), min_size=1, max_size=4), st.booleans())
def test_a_measure_with_its_unit_in_an_items_name_is_the_names_never_an_amount(items, comma):
    body = [f"{name + ' ' + measure:<26}{q:>4}{money(u, comma):>9}{money(q * u, comma):>9}"
            for name, measure, q, u in items]
    total = sum(q * u for *_, q, u in items)
    p = interpret(captured(*body, row("TOTAL", money(total, comma))))
    assert lines(p) == [(f"{name} {measure}", q, q * u) for name, measure, q, u in items]
    assert p.total_pence == total and p.flags == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, st.sampled_from(["0,25", "0,5", "1,50", "0.33", "2.00"]), QTY,
                          UNIT), min_size=1, max_size=4), st.booleans())
def test_a_size_without_its_unit_in_a_name_is_the_names_when_the_columns_prove_the_rest(
        items, comma):
    # "Mineralna voda 0,25   1   2,50   2,50": the quantity column, the unit
    # price and the value make each other; the figure one space after the
    # name (a bottle's litres) is the name's.
    body = [f"{name + ' ' + size:<26}{q:>4}{money(u, comma):>9}{money(q * u, comma):>9}"
            for name, size, q, u in items]
    total = sum(q * u for *_, q, u in items)
    p = interpret(captured(*body, row("TOTAL", money(total, comma))))
    assert lines(p) == [(f"{name} {size}", q, q * u) for name, size, q, u in items]
    assert p.total_pence == total


def test_a_tax_class_one_space_after_an_amount_is_still_no_measure():
    # A capital one space off is a tax class ("1.00 L"), not litres.
    p = interpret(captured(row("Bread", "1.00 L"), row("TOTAL", "1.00")))
    assert lines(p) == [("Bread", 1, 100)] and p.total_pence == 100


@pytest.mark.parametrize("at", ["á", "à"])
def test_at_its_unit_price_written_as_a_word_is_no_part_of_the_name(at):
    # Danish "4 x Rugbrød  á  28,50  114,00", French "à": the "@" of the north and south.
    p = interpret(captured(f"4 x Rugbrød, halvt       {at}   28,50  114,00",
                           "Kaffe                                32,00",
                           "I ALT DKK                           146,00"))
    assert lines(p) == [("Rugbrød, halvt", 4, 11400), ("Kaffe", 1, 3200)]
    assert p.total_pence == 14600 and p.flags == []


def test_a_name_ending_in_an_accented_letter_keeps_it():
    p = interpret(captured("2 x Café à  3,00  6,00", "TOTAL  6,00"))
    assert lines(p) == [("Café", 2, 600)]


SERIALS = st.integers(100, 9999)
DISHES = st.sampled_from(["Chicken 65", "Dal Makhan", "Paneer Tik", "Idli (2)", "Water 1L"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(SERIALS, DISHES, QTY, st.integers(1, 400)), min_size=1, max_size=5))
def test_a_serial_number_filling_its_column_is_never_the_items_name(items):
    # An Indian GST bill's "SNo" column, four wide: "1003Chicken 65", "210 Idli (2)".
    body = [f"{str(sno):<4}{name:<11}{q:>8}{f'{rate}.00':>10}{f'{q * rate}.00':>13}"
            for sno, name, q, rate in items]
    total = sum(q * rate for *_, q, rate in items)
    p = interpret(captured("SNo  ITEM NAME       QTY     RATE       AMOUNT", *body,
                           row("TOTAL", f"{total}.00")))
    assert lines(p) == [(name, q, q * rate * 100) for _, name, q, rate in items]
    assert p.total_pence == total * 100


def test_a_number_in_a_name_without_a_table_row_stays_the_names():
    # No quantity column confirmed by the unit price: "100Plus" is the drink's name.
    p = interpret(captured(row("100Plus", "2.50"), row("TOTAL", "2.50")))
    assert lines(p) == [("100Plus", 1, 250)]


@pytest.mark.parametrize("label", ["Zwischensumme (Netto):", "Välisumma (veroton):",
                                   "Subtotal (net)"])
def test_a_subtotal_said_in_brackets_to_be_before_tax_is_never_an_item(label):
    p = interpret(captured(row("Bartpflege", "25.00"), row("Styling Wachs", "45.80"),
                           row(label, "70.80"), row("MwSt 8.1%:", "5.73"),
                           row("Gesamtbetrag:", "76.53")))
    assert lines(p) == [("Bartpflege", 1, 2500), ("Styling Wachs", 1, 4580)]
    assert p.total_pence == 7653


# --- a name on its own row above its count, unit and price ---------------------------------

UNITS = st.sampled_from(["pcs @", "pcs x", "ks. a", "chai x", "goi x", "o x", "ly x", "tui x",
                         "hop x", "kpl x", "db x"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Nuoc mam Nam Ngu 500ml", "Banh mi thit nuong",
                                           "Widget deluxe", "Gao ST25 tui 5kg"]),
                          QTY, UNIT, UNITS), min_size=1, max_size=4), st.booleans())
# found in CI after merging: a name under a count row is the next item's, not
# the rest of the name above (a count row has no name cell to wrap in)
@example(items=[("Nuoc mam Nam Ngu 500ml", 1, 50, "pcs @"), ("Widget deluxe", 1, 50, "pcs @")],
         indent=False)
def test_a_name_on_its_own_row_over_its_count_with_a_unit_is_one_item(items, indent):
    # "Mi goi Hao Hao" / "  2 goi x 4.50  9.00"; "Widget" / "4 pcs @ 159.00  636.00"
    body = []
    for name, q, u, unit in items:
        body += [name, f"{'  ' if indent else ''}{q} {unit} {money(u, False)}"
                 f"{money(q * u, False):>12}"]
    total = sum(q * u for _, q, u, _ in items)
    p = interpret(captured(*body, row("TOTAL", money(total, False))))
    assert lines(p) == [(name, q, q * u) for name, q, u, _ in items]
    assert p.total_pence == total and p.flags == []


def test_a_count_of_the_items_sold_with_its_amount_is_still_no_item():
    p = interpret(captured(row("Bread", "1.20"), row("Milk", "0.80"), row("2 pcs", "2.00")))
    assert lines(p) == [("Bread", 1, 120), ("Milk", 1, 80)] and p.total_pence == 200


# --- the receipt's own number and moment -----------------------------------------------------


@pytest.mark.parametrize("label, number", [
    ("Sorszam: 15  Datum: 2026-09-01 12:36", "15"),  # Hungarian: a serial number
    ("Sorszám: 0042", "0042"),
    ("Bizonylatszám: B-2291", "B-2291"),
    ("Hoa don: HD260712-0035", "HD260712-0035"),  # Vietnamese, without its accents
    ("Hóa đơn: HD260712-0035", "HD260712-0035"),
    ("Biên lai: 7781", "7781"),
])
def test_the_receipts_number_under_its_label_in_more_languages(label, number):
    p = interpret(captured(label, row("Bread", "1.20"), row("TOTAL", "1.20")))
    assert p.receipt_no == number


def test_a_stamp_under_the_documents_own_word_never_refines_the_sales_minute():
    # A Hungarian nyugta: the sale's "Datum:" minute, then "Nyugta:" the moment the
    # document was made, seconds later.
    p = interpret(captured("Sorszam: 5  Datum: 2026-02-19 20:17", row("Pizza", "12.00"),
                           row("TOTAL", "12.00"), "Nyugta: 2026-02-19 20:17:43"))
    assert p.occurred is not None and p.occurred.startswith("2026-02-19T20:17:00")


@pytest.mark.parametrize("place", ["Corner of 5th & Main, Austin TX", "Dayton, OH 45402",
                                   "Springfield IL"])
def test_a_us_towns_state_proves_its_dates_month_first(place):
    p = interpret(captured("LUPE'S TACO TRUCK", place, "10/12/2026 1:11 PM",
                           row("2 Elote", "$10.00"), row("Final Total:", "$10.00")))
    assert p.occurred is not None and p.occurred.startswith("2026-10-12T13:11")
    assert "unsure_date" not in p.flags


def test_a_name_in_capitals_ending_in_a_states_letters_proves_nothing():
    p = interpret(captured("CAFE DE", "10/12/2026 1:11 PM", row("2 Elote", "$10.00"),
                           row("Final Total:", "$10.00")))
    assert "unsure_date" in p.flags


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([("Banh bao nhan thit", "trung cut"),
                                           ("Nuoc suoi Aquafina", "500ml"),
                                           ("Chicken curry with", "rice and naan"),
                                           ("Mi goi Hao Hao", None)]),
                          QTY, UNIT), min_size=1, max_size=4))
def test_a_name_wrapped_over_two_rows_above_its_count_is_one_name(items):
    # A Vietnamese hóa đơn wraps a long name: "Banh bao nhan thit" / "trung cut" /
    # "  5 cai x 22.000 ₫ = 110.000 ₫".
    body = []
    for (first, rest), q, u in items:
        body += [first, *([rest] if rest else []), f"  {q} x {money(u, False)} = "
                 f"{money(q * u, False)}"]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured("San pham - SL - Thanh tien", *body, row("TOTAL", money(total, False))))
    assert lines(p) == [(f"{first} {rest}" if rest else first, q, q * u)
                        for (first, rest), q, u in items]
    assert p.total_pence == total and p.flags == []


def test_a_new_items_name_under_a_name_alone_is_never_its_rest():
    # Both names begin with a capital: the first was a header, the second the item's.
    p = interpret(captured("Item", "Flat white", "  2 x 1.70 = 3.40", row("TOTAL", "3.40")))
    assert lines(p) == [("Flat white", 2, 340)]


@pytest.mark.parametrize("line", ["Y-tunnus: 2931845-6", "CVR-nr. 31457790", "MST: 0343713793",
                                  "Org.nr. 987 654 321 MVA", "KvK 12345678", "VKN: 1234567890",
                                  "RUC: 80012345-6", "UID: CHE-123.456.789",
                                  # the Balkans', Greece's, Romania's, Bulgaria's, Portugal's,
                                  # Indonesia's, Pakistan's, Argentina's, Chile's, the
                                  # Dominican Republic's, Estonia's and Russia's
                                  "OIB: 48213570916", "PIB: 101234567", "JIB: 4200012345678",
                                  "ΑΦΜ: 094019245", "AFM 094019245", "CUI: RO31457802",
                                  "ЕИК: 131468980", "NIPC: 501234567", "NPWP: 0123456789012",
                                  "NTN: 1234567-8", "CUIT: 30-71234567-9", "RUT: 76.123.456-7",
                                  "RNC: 130456789", "KMKR: EE100123456", "ИНН 7701234567",
                                  # a fiscalised receipt's control codes (Croatia, Slovenia,
                                  # Montenegro)
                                  "ZKI: c56e33e825beb34ec86cbacca9a48552",
                                  "JIR: 55a9739d-6961-8578-0e5c-4dc12a1129de",
                                  "ZOI: 9f2b1c7d04e8a6b3c5d7e9f1a2b4c6d8",
                                  "IKOF: 2A3F61C8D0E94B7F8812C4D5E6F70A1B"])
def test_a_company_or_tax_number_further_afield_is_never_an_unread_receipt_number(line):
    p = interpret(captured(line, "KUITTI #KU698c75927a9bf - 16.03.2026 14:15:45",
                           row("Korvapuusti", "6.40€"), row("YHTEENSÄ:", "6.40€")))
    assert p.receipt_no == "KU698c75927a9bf" and p.flags == []
