"""Item rows as fiscal tills abroad print them (safety20), where a figure or a word on
the row is not the item's name: a line's own tax rate between its amounts
(ZATCA's "1 x 2.61  VAT 15% 0.39  3.00", under the name alone), a labelled
quantity under the name (Tanzania's "Qty: 2   8,000.00"), and a size that
ends a name cut at its column ("Termosmugg rostfri 0,5   4   796,00"),
which stays the name's where the arithmetic refuses it as a unit price
(TAX.md, "A tax rate in an item's row")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines


def cols(left: str, right: str, width: int) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def money(pence: int, point: str = ".") -> str:
    return f"{pence // 100}{point}{pence % 100:02d}"


# --- a line's tax rate is never its name --------------------------------------------------


def _zatca(items: list[tuple[str, int, int]], sign: str = "%") -> list[str]:
    """A Saudi simplified invoice at 42 columns: each name alone, then its
    quantity, unit price before VAT, the rate, the VAT and the line's total
    with VAT; cash paid exactly."""
    body = []
    for name, qty, unit in items:
        vat = round(qty * unit * 0.15)
        body += [name, cols(f"  {qty} x {money(unit)}   VAT 15{sign} {money(vat)}",
                            money(qty * unit + vat), 42)]
    total = sum(q * u + round(q * u * 0.15) for _, q, u in items)
    return ["Simplified Tax Invoice", "Invoice No: 000418", "-" * 42, *body, "-" * 42,
            cols("Total (Incl. VAT)", f"SAR {money(total)}", 42), "Payment Method: Cash",
            cols("Amount Paid", money(total), 42)]


def test_a_zatca_items_row_of_figures_takes_the_name_printed_above_it():
    p = interpret(captured(*_zatca([("Karak Tea", 1, 261), ("Laban Up 340ml", 3, 174)])))
    assert lines(p) == [("Karak Tea", 1, 300), ("Laban Up 340ml", 3, 600)]
    assert p.total_pence == 900 and p.tender == "cash" and p.flags == []


def test_a_rate_whose_percent_sign_the_code_page_lost_is_still_a_rate():
    # CP864's "%" is the Arabic percent sign: the till prints "VAT 15" without it
    p = interpret(captured(*_zatca([("Karak Tea", 1, 261)], sign="")))
    assert lines(p) == [("Karak Tea", 1, 300)] and p.flags == []


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Karak Tea", "Chicken Shawarma", "Water 600ml",
                                           "Arabic Coffee Dallah", "Kunafa Nabulsi"]),
                          st.integers(1, 4), st.integers(50, 4000)), min_size=1, max_size=5),
       st.sampled_from(["%", ""]))
def test_each_zatca_line_is_its_name_quantity_and_total_with_vat(items, sign):
    # The arithmetic proves the reading: the lines' totals with VAT make the total.
    p = interpret(captured(*_zatca(items, sign)))
    assert lines(p) == [(n, q, q * u + round(q * u * 0.15)) for n, q, u in items]
    assert not p.flags


# --- a labelled quantity under the name -------------------------------------------------


def test_a_tanzanian_qty_row_gives_its_count_and_value_to_the_name_above():
    p = interpret(captured(
        "PURCHASED ITEMS", "Chipsi mayai", cols("Qty: 2", "8,000.00", 40),
        "Soda 500ml", cols("Qty: 1", "1,000.00", 40), "-" * 40,
        cols("TOTAL EXCL OF TAX:", "7,627.12", 40), cols("DISCOUNT:", "0.00", 40),
        cols("TOTAL TAX:", "1,372.88", 40), cols("TOTAL INCL OF TAX:", "9,000.00", 40)))
    assert lines(p) == [("Chipsi mayai", 2, 800000), ("Soda 500ml", 1, 100000)]
    assert p.total_pence == 900000


def _efd(items: list[tuple[str, int, int]], width: int) -> list[str]:
    """A Tanzanian EFD receipt's items: each name word-wrapped at the paper's
    edge, then its labelled quantity and value; the rules across the paper."""
    body = []
    for name, qty, value in items:
        row = ""
        for word in name.split():
            if row and len(row) + 1 + len(word) > width:
                body.append(row)
                row = word
            else:
                row = f"{row} {word}".strip()
        body += [row, cols(f"Qty: {qty}", f"{value // 100:,}.{value % 100:02d}", width)]
    total = sum(v for _, _, v in items)
    return ["RECEIPT NUMBER:  18305", "-" * width, "PURCHASED ITEMS", *body, "-" * width,
            cols("TOTAL INCL OF TAX:", f"{total // 100:,}.{total % 100:02d}", width)]


def test_a_name_wrapped_at_the_papers_edge_is_one_name():
    p = interpret(captured(*_efd([("Mafuta ya Kupikia Korie Sunflower Oil 3 Litres", 2, 4300000),
                                  ("Soda 500ml", 1, 100000)], 42)))
    assert lines(p) == [("Mafuta ya Kupikia Korie Sunflower Oil 3 Litres", 2, 4300000),
                        ("Soda 500ml", 1, 100000)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([
    "Mafuta ya Kupikia Korie Sunflower Oil 3 Litres", "Chipsi mayai", "Soda 500ml",
    "Dawa ya Meno Whitedent Herbal Toothpaste 140g Family Pack", "Kuku choma nusu"]),
    st.integers(1, 4), st.integers(1, 90).map(lambda k: k * 50000)), min_size=1, max_size=5),
    st.sampled_from([40, 42, 48]))
def test_each_efd_item_is_its_whole_name_however_the_paper_wrapped_it(items, width):
    p = interpret(captured(*_efd(items, width)))
    assert lines(p) == items and p.total_pence == sum(v for _, _, v in items)


# --- a size ending a cut name stays in the name --------------------------------------------


def _kvitto(items: list[tuple[str, int, int]]) -> list[str]:
    """A Swedish kvitto: names cut at 22, the count and the line's value in
    columns, decimal commas and thousands grouped by a space."""
    def kr(p: int) -> str:
        whole = f"{p // 100:,}".replace(",", " ")
        return f"{whole},{p % 100:02d}"
    body = [cols(f"{name[:22]:<22}   {qty:>2}", kr(qty * unit), 40) for name, qty, unit in items]
    total = sum(q * u for _, q, u in items)
    return ["Kvitto: 20437", cols("Artikel", "Antal     Belopp", 40), *body, "-" * 40,
            cols("Totalt SEK", kr(total), 40), cols("Kontant", kr(total), 40)]


def test_a_size_ending_a_name_cut_at_its_column_stays_in_the_name():
    # (a total of "1 152,00": its amounts read in another format, the size is
    # still no amount: every amount on the receipt prints two places)
    p = interpret(captured(*_kvitto([("Termosmugg rostfri 0,5", 4, 19900),
                                     ("Kaffebönor mörkrost 50", 4, 8900)])))
    assert lines(p) == [("Termosmugg rostfri 0,5", 4, 79600),
                        ("Kaffebönor mörkrost 50", 4, 35600)]
    assert p.total_pence == 115200 and p.flags == []


def test_a_two_place_size_the_count_cannot_make_the_value_from_is_the_names():
    # "Coca Cola 0,33   2   5,00": 2 x 0,33 is not 5,00, so 0,33 is no unit price
    p = interpret(captured("Coca Cola 0.33     2      5.00", "Kanelbulle     1     3.20",
                           cols("TOTAL", "8.20", 40), cols("Cash", "8.20", 40)))
    assert lines(p) == [("Coca Cola 0.33", 2, 500), ("Kanelbulle", 1, 320)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Termosmugg rostfri 0,5", "Flaska vatten 1,5",
                                           "Mjölk 0,5", "Kanelbulle", "Tygkasse"]),
                          st.integers(1, 4), st.integers(100, 40000)), min_size=1, max_size=5))
def test_each_kvitto_name_is_as_printed_its_size_and_all(items):
    p = interpret(captured(*_kvitto(items)))
    assert lines(p) == [(n, q, q * u) for n, q, u in items]
    assert p.total_pence == sum(q * u for _, q, u in items)
