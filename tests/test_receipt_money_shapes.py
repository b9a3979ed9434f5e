"""Money rules the seventh and eighth holdouts' tills called for, each a
general rule shown on the shapes real tills print and, where the shape has
free parts, as a property over them: a currency's code after a total's word,
a tax summary in other languages (tax bands by letter and rate), a quantity
printed as a float, a charge added on top of the subtotal."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Doce de brigadeiro", "Bolo de fubá", "Coxinha", "Flat white",
                         "Woda gazowana 0,5l", "Pasta pot"])
QTY = st.integers(1, 9)
UNIT = st.integers(5, 9999)  # pence
WIDTH = st.sampled_from([32, 40, 48])


def cols(left: str, right: str, width: int) -> str:
    """Two columns on a line of ``width``: ``right`` right-aligned."""
    return left + " " * max(2, width - len(left) - len(right)) + right


def comma(pence: int) -> str:
    return f"{pence // 100},{pence % 100:02d}"


@pytest.mark.parametrize("label", ["SUMA PLN", "Total GBP", "TOTAL ZAR", "Grand Total EUR",
                                   "Total CHF"])
def test_a_currency_code_after_a_total_word_is_still_the_total(label):
    p = interpret(captured(cols("Espresso", "9,00", 40), cols(label, "9,00", 40)))
    assert p.total_pence == 900 and lines(p) == [("Espresso", 1, 900)] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), WIDTH)
def test_a_fiscal_tax_summary_by_band_letter_and_rate_is_never_an_item(items, width):
    # A Polish paragon: "Sprzed. opod. PTU A", "Kwota A 23,00%", "Podatek PTU".
    body = [cols(name, f"{q} x{comma(u)} {comma(q * u)}A", width) for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    vat = round(total * 23 / 123)
    p = interpret(captured("PARAGON FISKALNY", *body, cols("Sprzed. opod. PTU A", comma(total),
                                                           width),
                           cols("Kwota A 23,00%", comma(vat), width),
                           cols("Podatek PTU", comma(vat), width),
                           f"SUMA PLN      {comma(total)}"))
    assert p.total_pence == total and p.flags == []
    assert lines(p) == [(name, q, q * u) for name, q, u in items]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), WIDTH)
def test_a_quantity_printed_as_a_float_in_its_own_column_is_the_quantity(items, width):
    # The cupom's "R$7,99   3.0   R$23,97" under the item's name.
    body = []
    for name, q, u in items:
        body += [name, f"R${comma(u)}      {q}.0      R${comma(q * u)}"]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*body, cols("TOTAL", f"R${comma(total)}", width)))
    assert lines(p) == [(name, q, q * u) for name, q, u in items] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4),
       st.sampled_from(["TAXA DE SERVIÇO", "Service charge", "Tip"]), st.integers(1, 999),
       WIDTH)
def test_a_charge_added_on_top_of_the_subtotal_is_no_item(items, label, charge, width):
    body = [cols(name if q == 1 else f"{q}x {name}", f"£{q * u / 100:.2f}", width)
            for name, q, u in items]
    sub = sum(q * u for _, q, u in items)
    p = interpret(captured(*body, cols("Subtotal:", f"£{sub / 100:.2f}", width),
                           cols(f"{label}:", f"£{charge / 100:.2f}", width),
                           cols("TOTAL:", f"£{(sub + charge) / 100:.2f}", width)))
    assert p.total_pence == sub + charge and p.flags == []
    assert lines(p) == [(name, q, q * u) for name, q, u in items]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), st.integers(0, 999),
       st.sampled_from([("DESCONTO", "5,00%"), ("DESCONTO", "10,00%"), ("Discount:", "10%"),
                        ("Rabatt", "(12,5 %)")]), st.booleans(), WIDTH)
def test_a_discount_printed_as_its_rate_alone_takes_that_rate_off_to_the_cent(
        items, charge, discount, rounded_up, width):
    # The cupom não fiscal: "SUB-TOTAL" / "TAXA DE SERVIÇO" / "DESCONTO 5,00%"
    # / "TOTAL": the amount off is not printed; the rate of the subtotal and
    # the charge makes the total, whichever way the till rounded it.
    word, rate = discount
    body = []
    for name, q, u in items:
        body += [name, f"R${comma(u)}      {q}.0      R${comma(q * u)}"]
    sub = sum(q * u for _, q, u in items)
    parts = sub + charge
    off = parts * float(rate.strip("()% ").replace(",", ".")) / 100
    total = parts - (-(-off // 1) if rounded_up else off // 1)
    assume(0 < total < parts)
    p = interpret(captured(*body, "TOTAIS", cols("SUB-TOTAL", f"R${comma(sub)}", width),
                           *([cols("TAXA DE SERVIÇO", f"R${comma(charge)}", width)]
                             if charge else []),
                           cols(word, rate, width), cols("TOTAL", f"R${comma(int(total))}", width)))
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert p.total_pence == total and p.flags == []


def test_a_rate_alone_that_does_not_make_the_total_is_not_taken():
    p = interpret(captured("Pastel de carne", "R$8,50      6.0      R$51,00",
                           "SUB-TOTAL       R$51,00", "TAXA DE SERVIÇO       R$5,10",
                           "DESCONTO       10,00%", "TOTAL       R$49,00"))
    assert p.total_pence == 4900 and "lines_total_mismatch" in p.flags


def test_a_discount_after_the_subtotal_is_still_a_line_beside_a_charge():
    p = interpret(captured("Soup                 £3.00", "Subtotal:            £3.00",
                           "Service charge:      £0.30", "Discount:           -£0.33",
                           "TOTAL:               £2.97"))
    assert lines(p) == [("Soup", 1, 300), ("Discount", 1, -33)] and p.total_pence == 297
    assert p.flags == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4),
       st.sampled_from(["Tips", "Tip", "Service charge", "Gratuity"]), st.integers(0, 300),
       st.integers(0, 300), st.booleans(), st.integers(0, 999), WIDTH)
def test_a_charge_on_top_is_no_item_at_zero_nor_when_a_discount_as_large_cancels_it(
        items, label, charge, off, same, tax, width):
    # A food truck's Square-style slip: "Tips: $0.00" is no item, and
    # "Tips: $2.00" / "Discount: $2.00" cancel: the discount was taken.
    off = charge if same else off
    body = [cols(f"{q} {name}", f"${q * u / 100:.2f}", width) for name, q, u in items]
    sub = sum(q * u for _, q, u in items)
    assume(sub > off)  # a sale: a discount larger than the items is another story
    p = interpret(captured(*body, cols("Sub Total:", f"${sub / 100:.2f}", width),
                           cols("Tax:", f"${tax / 100:.2f}", width),
                           cols(f"{label}:", f"${charge / 100:.2f}", width),
                           cols("Discount:", f"${off / 100:.2f}", width),
                           cols("Final Total:", f"${(sub + tax + charge - off) / 100:.2f}", width)))
    want = [(name, q, q * u) for name, q, u in items] + ([("Discount", 1, -off)] if off else [])
    assert p.total_pence == sub + tax + charge - off
    # (a discount as large as the tax and the tip together: taken off, or
    # already in the lines with the tax? the paper cannot say, and says so)
    assert lines(p) == want or (off == tax + charge and "lines_ambiguous" in p.flags)


def test_a_tip_as_large_as_the_discount_leaves_the_discount_a_line():
    p = interpret(captured("3 Birria Taco             $12.75", "Sub Total:                $12.75",
                           "Tax:                       $1.02", "Tips:                      $1.00",
                           "Discount:                  $1.00", "Final Total:              $13.77"))
    assert lines(p) == [("Birria Taco", 3, 1275), ("Discount", 1, -100)]
    assert p.total_pence == 1377 and "Tips" not in str(p.lines)


def test_a_charge_without_a_subtotal_is_a_line():
    # SumUp's "Tip" with no subtotal printed: money charged, a line of its own.
    p = interpret(captured("Flat white           £3.40", "Tip                  £1.00",
                           "Total                £4.40"))
    assert lines(p) == [("Flat white", 1, 340), ("Tip", 1, 100)] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Airtime", "Eggs", "Candles", "Tea"]),
                          st.integers(2, 50), QTY, UNIT), min_size=1, max_size=4), WIDTH)
def test_a_number_ending_a_name_before_the_quantity_column_is_the_names(items, width):
    # "Airtime 20   2   M40.00": the 20 is printed before the amount, in the name.
    body = [f"{f'{name} {n}':<{width - 22}}{q:>8}{f'M{q * u / 100:.2f}':>14}"
            for name, n, q, u in items]
    total = sum(q * u for _, _, q, u in items)
    p = interpret(captured(*body, cols("Total:", f"M{total / 100:.2f}", width)))
    assert lines(p) == [(f"{name} {n}", q, q * u) for name, n, q, u in items]
    assert p.flags == []


def test_a_number_in_a_name_equal_to_the_value_in_whole_units_is_still_the_names():
    p = interpret(captured("Airtime 20                 1        M20.00",
                           "Total:                            M20.00"))
    assert lines(p) == [("Airtime 20", 1, 2000)] and p.flags == []


def test_what_was_paid_printed_above_every_item_ends_no_item():
    # The shop prints the payment in its header: the items still follow.
    p = interpret(captured("Payment:              Cash", "Amount Received:   M300.00",
                           "Change:             M66.38", "Product   QTY   Total",
                           "Tea 100s     2     M91.98", "Milk 1L      6    M141.64",
                           "Total:            M233.62"))
    assert lines(p) == [("Tea 100s", 2, 9198), ("Milk 1L", 6, 14164)] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["SUERO ORAL", "KINDER DELI", "COCA COLA 6"]), QTY,
                          UNIT), min_size=1, max_size=4))
def test_a_whole_quantity_printed_with_two_decimals_before_the_name_is_the_quantity(items):
    # The pharmacy's "2.00 KINDER DELI   10.00   20.00": quantity x unit = value.
    body = [f"{q}.00 {name:<12} {u / 100:>7.2f} {q * u / 100:>7.2f}" for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured("CANT PRODUCTO     PRECIO IMPORTE", *body,
                           f"Total   $ {total / 100:.2f}"))
    assert lines(p) == [(name, q, q * u) for name, q, u in items] and p.flags == []


@pytest.mark.parametrize("printed,want", [
    ("Tea bags x80                2.99", ("Tea bags x80", 1, 299)),
    ("5 Free range eggs x6       12.25", ("Free range eggs x6", 5, 1225)),
    ("2 Free range eggs x6        5.10", ("Free range eggs x6", 2, 510)),
    ("Curry of the day x2         9.90", ("Curry of the day", 2, 990)),
])
def test_a_pack_size_in_a_name_is_no_quantity_when_the_pence_or_a_count_say_so(printed, want):
    value = want[2]
    p = interpret(captured(printed, f"Total            {value / 100:.2f}"))
    assert lines(p) == [want] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, st.integers(0, 4)), min_size=1, max_size=4))
def test_an_items_discount_with_the_value_left_after_it_is_in_the_items_value(items):
    # The gym: "Protein shake" / "  2x @ R45.00" / "  Item Disc: -R9.00   R81.00".
    body, want = [], []
    for name, q, u, tenth in items:
        off = q * u * tenth // 10
        body += [name, f"  {q}x @ R{u / 100:.2f}"]
        if off:
            body.append(f"  Item Disc: -R{off / 100:.2f}      R{(q * u - off) / 100:.2f}")
        else:
            body[-1] += f"      R{q * u / 100:.2f}"
        want.append((name, q, q * u - off))
    total = sum(v for _, _, v in want)
    p = interpret(captured(*body, f"TOTAL:      R{total / 100:.2f}"))
    assert lines(p) == want and p.total_pence == total and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(5, 999)), min_size=1, max_size=4),
       st.integers(0, 20), st.booleans())
def test_amounts_printed_as_a_program_prints_numbers_are_read_when_they_add_up(items, rate,
                                                                                 refund):
    # The canteen's python-escpos bill: rupees as Python prints a float ("290", "676.8").
    def num(paise: int) -> str:
        return f"{paise / 100:g}" if paise % 10 == 0 else f"{paise / 100:.2f}"

    body = [f"{name[:13]:<15}{q:>4}{num(u * 100):>7}{num(q * u * 100):>7}"
            for name, q, u in items]
    sub = sum(q * u * 100 for _, q, u in items)
    tax = round(sub * rate / 100)
    sign = -1 if refund else 1
    p = interpret(captured("Bill No. : 94248", *body, f"{'SUBTOTAL:':>15}  {num(sub)}",
                           f"{'VAT @ ' + str(rate) + '%:':>15} {num(tax)}",
                           f"{'BILL TOTAL:':>15}  {num(sign * (sub + tax))}"))
    assert p.total_pence == sign * (sub + tax) and p.receipt_no == "94248"
    assert lines(p) == [(name[:13], q, q * u * 100) for name, q, u in items]
    # (its whole rupees could be paise printed without a point: said, not trusted)
    assert p.flags == ["whole_amounts"]


@pytest.mark.parametrize("printed", [
    ("Tea        120", "TOTAL:     120", "Cash       120"),
    ("Tea    120", "Toast   80", "TOTAL   200"),
    ("Pasta bake        2.40", "Items:  3", "TOTAL:  3"),
])
def test_a_till_printing_pence_without_the_point_is_never_trusted_at_a_hundred_times(printed):
    p = interpret(captured(*printed))
    # £120, or £1.20 from a till set to print pence without its point: the
    # arithmetic adds up either way, so the reading is flagged, never trusted.
    assert p.total_pence is None or "whole_amounts" in p.flags or "unparsed_receipt" in p.flags


def test_an_amount_printed_with_one_decimal_is_no_doubt():
    p = interpret(captured("Rhum arrange      24.90", "Croissant          1.05",
                           "TOTAL A PAYER TTC   25.95", "Especes             25.95"))
    assert p.total_pence == 2595 and "whole_amounts" not in p.flags
    p = interpret(captured("Paneer Roll   2   37.5   75.0", "BILL TOTAL:  75.0"))
    assert p.total_pence == 7500 and p.flags == []


def test_bare_numbers_that_do_not_add_up_are_never_taken_for_money():
    p = interpret(captured("Paneer Roll      2     75    150", "BILL TOTAL:  160"))
    assert p.total_pence is None and "unparsed_receipt" in p.flags
