"""Item shapes around an item line (``drivers/receipt/item_shapes.py``):
what real tills print under an item's name or value, and what it is. An
option or modifier under an item belongs to it (never an item, never its
name); a name over a line of numbers is one item when the numbers' own
arithmetic confirms its quantity; a discounts' sum and an amount included
in the prices are never items; an arrow between amounts is no minus."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines

NAMES = st.sampled_from(["Flat white", "Sourdough toastie", "Mealie Meal 10kg", "Eggs tray 30",
                         "Patty Melt", "Iogurt natural x4", "Bread"])
QTY = st.integers(1, 6)
UNIT = st.integers(5, 4999)  # pence
WIDTH = st.sampled_from([32, 42, 48])
OPTIONS = st.sampled_from(["└ Oat milk", "+ Extra shot, Vanilla", "- No onions", "• Decaf",
                           "├ Large", "> Side salad"])


def cols(left: str, right: str, width: int) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def pounds(pence: int) -> str:
    return f"-£{-pence / 100:.2f}" if pence < 0 else f"£{pence / 100:.2f}"


def money(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


# --- an option under an item's name is never its name -------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, st.lists(OPTIONS, max_size=2)), min_size=1,
                max_size=4), WIDTH)
def test_an_option_printed_under_an_items_name_is_never_the_items_name(items, width):
    # BitSpace POS: "2x Latte", its options "   └ Oat milk", "   + Extra
    # shot" under it, then the line's value alone on a row of its own.
    body = []
    for name, q, u, options in items:
        body += [f"{q}x {name}", *(f"   {o}" for o in options), f"{pounds(q * u):>{width}}"]
    total = sum(q * u for _, q, u, _ in items)
    p = interpret(captured(*body, cols("TOTAL:", pounds(total), width)))
    assert lines(p) == [(name, q, q * u) for name, q, u, _ in items]
    assert p.total_pence == total and p.flags == []


def test_an_option_indented_under_a_name_without_a_mark_is_an_option_too():
    p = interpret(captured("1x Flat white", "      Oat milk", "               £3.40",
                           "TOTAL:         £3.40"))
    assert lines(p) == [("Flat white", 1, 340)] and p.flags == []


def test_an_indented_name_under_a_columns_header_is_the_items_name():
    # "Item" is a header, not an item's name: the indented line under it is.
    p = interpret(captured("Item", "  Chicken wrap", "     2 x 2.70     5.40",
                           "Total   £5.40"))
    assert lines(p) == [("Chicken wrap", 2, 540)]


def test_an_indented_header_line_under_a_name_still_says_what_it_says():
    # Dolibarr's TakePOS: the date is right-aligned under the school's name
    # lines (an option's indent, but a date is a fact, not an option).
    p = interpret(captured("Broadfield Academy", "School kitchen - cashless & cash",
                           "                 Date 12/07/2026",
                           "Macaroni chee    3    2.10    6.30", "Total   £6.30"))
    assert p.occurred == "2026-07-12" and lines(p) == [("Macaroni chee", 3, 630)]


# --- a name over a line of numbers ----------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4),
       st.sampled_from(["->", "=", "=>"]), WIDTH)
def test_a_name_over_its_unit_price_and_value_is_one_item_of_the_names_quantity(
        items, arrow, width):
    # ZM Store POS: "2x Bread" over "  @ 18.00  ->  36.00".
    body = []
    for name, q, u in items:
        body += [f"{q}x {name}", f"  @ {money(u)}  {arrow}  {money(q * u)}"]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*body, "-" * 21, f"TOTAL: {money(total)}"))
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert p.total_pence == total and p.flags == []


def test_an_arrow_between_two_amounts_is_no_minus_sign():
    p = interpret(captured("Bathing Soap", "  3 @ 14.25  ->  42.75", "TOTAL: 42.75"))
    assert lines(p) == [("Bathing Soap", 3, 4275)] and p.kind == "sale"


def test_a_unit_price_and_value_printed_as_a_program_prints_numbers_are_read_and_flagged():
    # "@ 5  ->  10": whole kwacha, or a till printing ngwee without the
    # point? The arithmetic reconciles either way: read, and flagged.
    p = interpret(captured("2x Rape bundle", "  @ 5  ->  10", "1x Sugar 2kg", "  @ 52.5  ->  52.5",
                           "TOTAL: 62.5"))
    assert lines(p) == [("Rape bundle", 2, 1000), ("Sugar 2kg", 1, 5250)]
    assert p.total_pence == 6250


# --- a modifier under an item is in its value -------------------------------------------------

MODS = st.sampled_from([("Extra cheese", 75), ("Add bacon", 150), ("Side of gravy", 125),
                        ("No onions", 0), ("Whipped cream", 0)])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, st.lists(st.tuples(MODS, st.integers(1, 2)),
                                                     max_size=2, unique_by=lambda m: m[0][0])),
                min_size=1, max_size=4, unique_by=lambda i: i[0]))
def test_a_priced_modifier_indented_under_an_item_whose_value_holds_it_is_never_an_item(items):
    # The ksi_cafe diner: "Milkshake  1  $5.50  $6.25" / "    Extra cheese
    # $0.75": the modifier's price in the Price column only, in the dish's
    # Amount ((price + modifiers) x quantity); "2x" before a modifier twice.
    body, want = [], []
    for name, q, u, mods in items:
        value = (u + sum(p * c for (_, p), c in mods)) * q
        body.append(f"{name[:20]:<20}{q:>6}{'$' + money(u):>11}{'$' + money(value):>11}")
        for (mod, price), c in mods:
            label = f"{c}x{mod}" if c > 1 else mod
            body.append(f"    {label:<22}{'$' + money(price) if price else '-':>11}")
        want.append((name[:20].strip(), q, value))
    total = sum(v for _, _, v in want)
    p = interpret(captured(f"{'Entree':<20}{'Qty':>6}{'Price':>11}{'Amount':>11}", *body,
                           "-" * 48, f"{'Subtotal':<37}{'$' + money(total):>11}",
                           f"TOTAL:            ${money(total)}"))
    assert lines(p) == want and p.total_pence == total


def test_a_line_indented_under_an_item_that_its_value_does_not_hold_is_still_an_item():
    # The dish's value is its quantity x unit price: nothing in it for the
    # line below, which is an item at its own price.
    p = interpret(captured("Patty Melt          1     $11.50     $11.50",
                           "    Extra cheese               $0.75",
                           "TOTAL:            $12.25"))
    assert lines(p) == [("Patty Melt", 1, 1150), ("Extra cheese", 1, 75)]


# --- a discounts' sum and an amount in the prices are never items -----------------------------


@pytest.mark.parametrize("label", ["Total Discount:", "Descompte Acumulat:",
                                   "Descuento acumulado:", "Discount total:"])
def test_a_discounts_sum_under_the_discounts_it_sums_is_never_a_line(label):
    p = interpret(captured("Loyalty Punch Card                 -$2.50",
                           "Patty Melt          1     $11.50     $11.50",
                           f"{label:<35}-$2.50", "TOTAL:            $9.00"))
    assert lines(p) == [("Loyalty Punch Card", 1, -250), ("Patty Melt", 1, 1150)]
    assert p.flags == []


def test_a_discounts_sum_with_no_discount_above_is_the_bills_discount():
    p = interpret(captured("Patty Melt          1     $11.50     $11.50",
                           "Total Discount:                    -$2.50", "TOTAL:            $9.00"))
    assert lines(p) == [("Patty Melt", 1, 1150), ("Total Discount", 1, -250)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4),
       st.sampled_from(["IGI inclòs:", "IVA incluido:", "TVA incluse", "inkl. MwSt. 19%",
                        "GST included"]), st.sampled_from(["EUR", "€", ""]))
def test_an_amount_included_in_the_prices_is_never_an_item_and_adds_nothing(items, label, cur):
    body = [f" {q}  {name:<24}{money(u).replace('.', ','):>8}{money(q * u).replace('.', ','):>8}"
            for name, q, u in items]
    total = sum(q * u for _, q, u in items)
    tax = total * 45 // 1045
    p = interpret(captured(*body, f"{label} {money(tax).replace('.', ',')} {cur}".strip(),
                           f"Total: {money(total).replace('.', ',')} EUR"))
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert p.total_pence == total


def test_an_items_name_that_says_what_it_includes_is_still_an_item():
    p = interpret(captured("Breakfast incl. coffee   4.50", "Tea   1.20", "Total   5.70"))
    assert lines(p) == [("Breakfast incl. coffee", 1, 450), ("Tea", 1, 120)]


# --- a tax and a discount of equal amounts ----------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, st.integers(200, 4999)), min_size=1, max_size=4),
       st.sampled_from([5, 10, 15]))
def test_a_discount_whose_rate_of_the_subtotal_makes_it_is_a_line_beside_an_equal_tax(
        items, rate):
    # The gym's bar: VAT 15 % on top, an order discount of 15 % off: the
    # two amounts equal, the total the subtotal. Each rate of the subtotal
    # makes its amount: the discount came off after the subtotal.
    sub = sum(q * u for _, q, u in items)
    off = round(sub * rate / 100)
    body = [cols(name, f"{q}x @ R{money(u)}  R{money(q * u)}", 40) for name, q, u in items]
    p = interpret(captured(*body, cols("Subtotal:", f"R{money(sub)}", 40),
                           cols(f"Tax ({rate}%):", f"R{money(off)}", 40),
                           cols(f"Discount ({rate}%):", f"-R{money(off)}", 40),
                           cols("TOTAL:", f"R{money(sub)}", 40)))
    assert lines(p) == [(name, q, q * u) for name, q, u in items] + [
        (f"Discount ({rate}%)", 1, -off)]
    assert p.total_pence == sub and p.flags == []


# --- a grocer's tax invoice: marks before names, a subtotal with its count of items -------


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, st.sampled_from(["", "#", "^"])), min_size=1,
                max_size=4), st.integers(1, 200))
def test_a_mark_before_a_name_and_a_subtotals_count_of_items_are_no_part_of_any_item(
        items, surcharge):
    # An Australian grocer: "#Kimchi 500g" ("# = GST applicable"), "SUBTOTAL
    # 11 items", a card surcharge on top.
    body = []
    for name, q, u, mark in items:
        body += [f"{mark}{name}", cols(f"  {q} @ ${money(u)}", f"${money(q * u)}", 42)]
    sub = sum(q * u for _, q, u, _ in items)
    count = sum(q for _, q, _, _ in items)
    p = interpret(captured(*body, "-" * 42, cols(f"SUBTOTAL  {count} items", f"${money(sub)}", 42),
                           cols("Card Surcharge", f"${money(surcharge)}", 42),
                           cols("TOTAL", f"${money(sub + surcharge)}", 42), "-" * 42,
                           cols("Credit Paid", f"${money(sub + surcharge)}", 42),
                           "^ = price changed  # = GST applicable"))
    assert lines(p) == [(name, q, q * u) for name, q, u, _ in items]
    assert p.total_pence == sub + surcharge


# --- a count's unit between the count and the unit price is never a name -------------------

# What tills print between a count and its unit price, in the languages of
# Europe's and Asia's tills: a unit ("ks", "kom", "szt", "db", "St", "pcs",
# "stk", "chai") and a "times" ("x", "@", French "à", Danish "á", Czech "a").
COUNT_WORDS = st.sampled_from(["{q} ks. a", "{q} ks a", "{q} kom x", "{q} szt x", "{q} db x",
                               "{q}St x", "{q} Stk x", "{q} pcs x", "{q} stk á", "{q} à",
                               "{q} chai x", "{q} buc x", "{q} adet x", "{q} x"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT, COUNT_WORDS), min_size=1, max_size=4),
       st.booleans(), WIDTH)
def test_a_count_with_its_unit_under_a_name_is_that_items_count_never_its_name(
        items, rate_column, width):
    # Czech, Croatian, Polish, Hungarian, German, Danish tills: the name on
    # its own row, then "4 ks. a 159.00  21%  636.00" (the rate's column maybe).
    body = []
    for name, q, u, words in items:
        rate = "  21%" if rate_column else ""
        body += [name, cols(f"{words.format(q=q)} {money(u)}{rate}", money(q * u), width)]
    total = sum(q * u for _, q, u, _ in items)
    p = interpret(captured(*body, cols("CELKEM", money(total), width),
                           cols("Hotove", money(total), width)))
    assert lines(p) == [(name, q, q * u) for name, q, u, _ in items]
    assert p.total_pence == total


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4), WIDTH)
def test_a_refunds_count_row_with_its_unit_is_the_count_of_the_name_above(items, width):
    # A Slovak eKasa refund (VRÁTENIE): "Horalky" / "  -1 ks x 0,59   -0,59 19%";
    # the minus is the refund's, one as well as four.
    body = []
    for name, q, u in items:
        body += [name, cols(f"  -{q} ks x {money(u)}", f"-{money(q * u)} 19%", width)]
    total = sum(q * u for _, q, u in items)
    p = interpret(captured("VRÁTENIE", *body, cols("SPOLU:", f"-{money(total)} EUR", width),
                           cols("Vrátené - Hotovosť:", f"{money(total)} EUR", width)))
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert p.kind == "refund" and p.total_pence == -total


@pytest.mark.parametrize("row", ["Chleb 2 kom x 3.50     7.00", "Chleb 2 szt x 3.50     7.00",
                                 "Chleb 2 ks a 3.50     7.00", "Chleb 2 à 3.50     7.00"])
def test_a_count_with_its_unit_after_the_name_on_one_row_is_the_count(row):
    p = interpret(captured(row, "TOTAL  7.00", "Cash  7.00"))
    assert lines(p) == [("Chleb", 2, 700)]
