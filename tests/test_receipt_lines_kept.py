"""No priced item line is dropped without a flag (issue 13: a receipt whose
arithmetic never reconciles is flagged). The chooser may read a line as
the unit price of the item above ("2 x Tea  1.00" / "0.50"), but only in a
reading where that item's value is the one the price makes; and a reading
that makes the total but not the subtotal or net printed under the items,
which another reading of them makes, is a contradiction the paper printed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_money_shapes import NAMES, WIDTH, cols
from tests.test_receipt_reading import captured, lines

W = 40


def doce_and_pao(total: str):
    """2 x Doce 1.00, 1 x Pao 0.50, their net 1.50 and 5% VAT 0.08, under ``total``."""
    return interpret(captured(cols("2 x Doce de brigadeiro", "1.00", W),
                              cols("1 x Pao de queijo", "0.50", W),
                              cols("Net", "1.50", W),
                              cols("VAT 5%", "0.08", W),
                              cols("Total", total, W)))


def test_a_named_line_is_not_the_unit_price_of_an_item_read_at_another_value():
    # Found by the random-mode run of test_a_printed_total_the_arithmetic_
    # does_not_make_is_flagged: read as one line, 2 x 1.00 = 2.00 (so that
    # 2.00 + 0.08 makes the total), "Pao de queijo" its unit price, no flag.
    p = doce_and_pao("2.08")
    assert p.flags
    assert lines(p) == [("Doce de brigadeiro", 2, 100), ("Pao de queijo", 1, 50)]


def test_without_a_net_the_same_contradiction_is_flagged_too():
    p = interpret(captured(cols("2 x Doce de brigadeiro", "1.00", W),
                           cols("1 x Pao de queijo", "0.50", W),
                           cols("Total", "2.00", W)))
    assert p.flags and ("Pao de queijo", 1, 50) in lines(p)


def test_a_reading_that_unmakes_the_printed_subtotal_is_flagged():
    # "2 x Cookie 0.50" read at 0.50 each makes the total less its tax (2.00),
    # but the items as printed make the subtotal 1.50, and 1.50 + 0.30 is no
    # 2.30: which was charged, the paper contradicts itself.
    for under in ("Subtotal", "Net"):
        p = interpret(captured(cols("2 x Cookie", "0.50", W),
                               cols("1 x Tea", "1.00", W),
                               cols(under, "1.50", W),
                               cols("VAT 20%", "0.30", W),
                               cols("Total", "2.30", W)))
        assert "total_unsure" in p.flags, under


def test_a_named_line_at_the_unit_price_set_aside_says_the_lines_are_unsure():
    # Tea's unit price under it, or a tea sold again at 1.00? Only the first
    # adds up, but the paper prints an item line: flagged, never dropped quietly.
    p = interpret(captured(cols("2 x Tea", "2.00", W),
                           cols("1 x Tea", "1.00", W),
                           cols("1 x Cake", "0.25", W),
                           cols("Total", "2.25", W)))
    assert p.total_pence == 225 and "lines_ambiguous" in p.flags


def test_a_subtotal_before_the_amounts_off_printed_above_it_is_no_contradiction():
    p = interpret(captured("Soporte Celular Auto",
                           cols("1 x $472.00", "$472.00", W),
                           "  Desc: -$47.20",
                           cols("SUBTOTAL:", "$472.00", W),
                           cols("DESCUENTO:", "-$47.20", W),
                           cols("IVA:", "$42.48", W),
                           cols("TOTAL:", "$467.28", W)))
    assert p.total_pence == 46728 and "total_unsure" not in p.flags


def test_a_unit_price_row_under_its_item_is_still_no_line():
    # "2 x Tea 1.00" / "0.50": the price that makes the value, not an item.
    p = interpret(captured(cols("2 x Tea", "1.00", W),
                           cols("", "0.50", W),
                           cols("Total", "1.00", W)))
    assert p.total_pence == 100 and lines(p) == [("Tea", 2, 100)] and p.flags == []


def test_the_items_as_printed_making_the_total_are_read_so():
    p = doce_and_pao("1.58")
    assert p.flags == [] and p.total_pence == 158
    assert lines(p) == [("Doce de brigadeiro", 2, 100), ("Pao de queijo", 1, 50)]


# Values that divide one another, so that one line's is often another's unit
# price times its quantity: the shape that once dropped a line.
VALUE = st.sampled_from([25, 50, 75, 100, 150, 200, 300, 450, 600])
SUM_LABEL = st.sampled_from([None, "Net", "Subtotal", "Sub Total"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(1, 3), VALUE), min_size=2, max_size=4),
       SUM_LABEL, st.sampled_from([None, 5, 10, 20]), st.data(), WIDTH)
def test_every_item_lines_amount_is_read_or_the_receipt_is_flagged(items, sum_label, rate, data,
                                                                     width):
    if data.draw(st.booleans()):
        # The shape that once dropped a line: an item whose value a line
        # under it, with a name of its own, makes times its quantity.
        name, _q, unit = items[0]
        q = data.draw(st.sampled_from([2, 3]))
        items[:1] = [(name, q, q * unit), (data.draw(NAMES), 1, unit)]
    goods = sum(v for _n, _q, v in items)
    tax = 0 if rate is None else round(goods * rate / 100)
    # The total as printed, or off by what a misreading makes: a value read
    # as a unit price (v x (q - 1) more), with or without another line.
    misread = [v * (q - 1) - dropped for _n, q, v in items
               for dropped in (0, *(w for _m, _p, w in items))]
    off = data.draw(st.one_of(st.just(0), st.sampled_from(misread), st.integers(-300, 300)))
    if goods + tax + off <= 0:
        off = 0
    money = "{:.2f}".format
    body = [cols(f"{q} x {name}", money(v / 100), width) for name, q, v in items]
    if sum_label is not None:
        body.append(cols(sum_label, money(goods / 100), width))
    if rate is not None:
        body.append(cols(f"VAT {rate}%", money(tax / 100), width))
    body.append(cols("Total", money((goods + tax + off) / 100), width))
    p = interpret(captured(*body))
    # Each line read, its amount its value or (the arithmetic's choice) its
    # unit price times its quantity: never one of them gone unflagged.
    assert p.flags or len(p.lines) == len(items) and all(
        ln.amount_pence in (v, q * v) for ln, (_n, q, v) in zip(p.lines, items, strict=True)), \
        "an item line neither read nor flagged"
