"""Money rules the thirteenth and fourteenth holdouts' tills called for,
each general: a currency in brackets after a total's word in any code or
local mark ("TOTAL (RM)"), a service charge, a tax and a rounding added on
top of the subtotal (a sale's or a refund's), tenders inflected as their
language inflects them ("Maksettu käteisellä"), an account abbreviated
("Debited from Cash Acct"), money back to a card in the Nordic words
("Retur til Dankort"), Asia's e-wallets (flagged, never guessed), totals
in Hungarian and Vietnamese words, and whole amounts after a dash with a
float total in a box ("|Vegosszeg: 2241.0 Ft|")."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.total_labels import total_rank
from tests.test_receipt_money_shapes import NAMES, QTY, UNIT, WIDTH, cols
from tests.test_receipt_reading import captured, lines


@pytest.mark.parametrize("label", ["TOTAL (RM)", "Total (MYR)", "I alt (kr)", "Total (SGD)",
                                   "TOTAL (Ft)", "Total (¥)"])
def test_a_currency_in_brackets_after_a_total_word_is_still_the_total(label):
    p = interpret(captured(cols("Espresso", "9.00", 40), cols(label, "9.00", 40),
                           cols("Cash", "10.00", 40), cols("Change", "1.00", 40)))
    assert p.total_pence == 900 and lines(p) == [("Espresso", 1, 900)] and p.flags == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, QTY, UNIT), min_size=1, max_size=4),
       st.sampled_from([5, 10, 12]), st.integers(1, 999), st.integers(-2, 2), st.booleans(),
       WIDTH)
def test_a_service_charge_a_tax_and_a_rounding_on_top_of_the_subtotal_are_no_items(
        items, rate, tax, rounding, refund, width):
    # Malaysia's tax invoice: "Subtotal", "Service Charge 10%" (its rate of
    # the subtotal), "SST 6%", "Rounding Adj.", "TOTAL (RM)"; a refund
    # prints its total negative (its lines with a quantity too: the tax
    # comes off the refund's size, ``test_receipt_refund_arithmetic``).
    body = [cols(f"{q} {name}", f"{q * u / 100:.2f}", width) for name, q, u in items]
    sub = sum(q * u for _, q, u in items)
    charge = round(sub * rate / 100)
    assume(charge > 0)
    total = sub + charge + tax + rounding
    foot = [cols("Subtotal", f"{sub / 100:.2f}", width),
            cols(f"Service Charge {rate}%", f"{charge / 100:.2f}", width),
            cols("SST 6%", f"{tax / 100:.2f}", width)]
    if rounding:
        foot.append(cols("Rounding Adj.", f"{rounding / 100:.2f}", width))
    label, shown = ("TOTAL REFUND (RM)", -total) if refund else ("TOTAL (RM)", total)
    p = interpret(captured(*body, *foot, cols(label, f"{shown / 100:.2f}", width)))
    assert p.total_pence == (-total if refund else total)
    assert lines(p) == [(name, q, q * u) for name, q, u in items]
    assert "lines_total_mismatch" not in p.flags and "total_unsure" not in p.flags


def _tender(*after_total: str) -> tuple[str | None, list[str]]:
    p = interpret(captured("Tea   1.20", "Total   1.20", *after_total))
    return p.tender, p.flags


@pytest.mark.parametrize("printed,want", [
    # Finnish adessive, Estonian and Hungarian "with cash" / "by card"
    ("Maksettu käteisellä:   1,20", "cash"), ("Maksettu kortilla:   1,20", "card"),
    ("Maksettu käteisenä:   1,20", "cash"),
    ("Pankkikortilla   1,20", "card"), ("Sularahas   1,20", "cash"),
    ("Készpénzzel   1,20", "cash"),
    # an account abbreviated, named by where the money went
    ("Debited from Cash Acct   £1.20", "account"), ("Taken from Meal A/C   £1.20", "account"),
])
def test_a_tender_as_its_language_inflects_it_or_an_account_abbreviated_maps(printed, want):
    assert _tender(printed) == (want, [])


@pytest.mark.parametrize("printed", ["Retur til Dankort   1,20", "Tilbage til kort   1,20",
                                     "Refunded to Cash Acct   £1.20"])
def test_money_back_to_a_card_or_an_account_in_nordic_and_english_words(printed):
    p = interpret(captured("*** REFUND ***", "Tea   1.20", "Total   -1.20", printed))
    want = "account" if "Acct" in printed else "card"
    assert (p.kind, p.tender, p.total_pence) == ("refund", want, -120)
    assert "unmapped_tender" not in p.flags and "unread_tender" not in p.flags


@pytest.mark.parametrize("printed", ["TNG eWallet   1.20", "DuitNow QR   1.20", "Suica   1.20",
                                     "GrabPay   1.20", "ShopeePay   1.20", "PayNow   1.20"])
def test_asias_e_wallets_are_tenders_read_as_printed_by_name(printed):
    # each names its scheme: paid outside the school's ledger, nothing to check
    got, flags = _tender(printed)
    assert got == printed.split("   ")[0] and "unmapped_tender" not in flags


@pytest.mark.parametrize("printed", ["eWallet   1.20", "E-wallet   1.20", "Mobile payment   1.20"])
def test_a_wallet_by_no_name_is_flagged_a_school_purse_may_be_called_so(printed):
    got, flags = _tender(printed)
    assert got == printed.split("   ")[0] and "unmapped_tender" in flags


@pytest.mark.parametrize("label,rank", [("Végösszeg", 2), ("Vegosszeg", 2), ("Teljes összeg", 1),
                                        ("TONG CONG", 1), ("Tổng cộng", 1), ("Tổng tiền", 1),
                                        ("Tổng thanh toán", 2), ("Thành tiền", 2),
                                        ("THANH TIEN", 2)])
def test_a_total_in_hungarian_and_vietnamese_words_with_or_without_accents(label, rank):
    assert total_rank(label) == rank


def test_the_lines_sum_in_vietnamese_is_not_the_final_amount():
    assert total_rank("Tổng thành tiền") != 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(1, 10), st.integers(1, 400)), min_size=1,
                max_size=4), st.sampled_from([8, 10]), st.booleans())
def test_a_vietnamese_total_with_its_tax_on_top_is_the_amount_in_money_under_it(
        items, rate, accents):
    # "TONG CONG: 420.000 ₫" / "VAT (10%): 42.000 ₫" / "THANH TIEN: 462.000 ₫":
    # the sum, its tax added, the amount to pay (whole dong, "." thousands)
    def vnd(dong: int) -> str:
        return f"{dong:,}".replace(",", ".") + " ₫"
    rows = []
    for name, qty, thousands in items:
        rows += [name, f"  {qty} x {vnd(thousands * 1000)} = {vnd(qty * thousands * 1000)}"]
    goods = sum(q * t * 1000 for _, q, t in items)
    tax = goods * rate // 100
    words = ("Tổng cộng", "Thành tiền") if accents else ("TONG CONG", "THANH TIEN")
    p = interpret(captured(*rows, "-" * 32, f"{words[0]}:   {vnd(goods)}",
                           f"VAT ({rate}%):   {vnd(tax)}", f"{words[1]}:   {vnd(goods + tax)}"))
    assert p.total_pence == (goods + tax) * 100


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(100, 9999)), min_size=1, max_size=4),
       st.integers(0, 99), st.sampled_from(["Ft", "HUF", ""]))
def test_whole_amounts_after_a_dash_and_a_float_total_in_a_box_read_by_their_arithmetic(
        items, pct, mark):
    # Hungary's delivery slip: "Gyros pizza 45cm - 4690 Ft", a discount and
    # the final sum printed as a program prints a float, between pipes.
    sub = sum(u for _, u in items)
    off = sub * pct // 100
    unit = f" {mark}" if mark else ""
    p = interpret(captured(*(f"{name} - {u}{unit}" for name, u in items),
                           "-" * 32, f"Teljes osszeg: {sub}{unit}",
                           f"Kedvezmeny: {off}.0{unit}", "-" * 32,
                           f"   |Vegosszeg: {sub - off}.0{unit}|"))
    assert p.total_pence == (sub - off) * 100
    want = [(name, 1, u * 100) for name, u in items] + ([("Kedvezmeny", 1, -off * 100)]
                                                          if off else [])
    assert lines(p) == want and "whole_amounts" in p.flags


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(1, 999)), min_size=1, max_size=3), WIDTH)
def test_whole_yen_after_its_mark_read_by_their_arithmetic(items, width):
    # Japan's receipt: "Total  ¥300" and its tender "Suica  ¥300", no decimals.
    total = sum(u for _, u in items)
    p = interpret(captured(*(cols(name, f"¥{u}", width) for name, u in items),
                           cols("Total", f"¥{total}", width), cols("Suica", f"¥{total}", width)))
    assert p.total_pence == total * 100 and p.tender == "Suica"
    assert lines(p) == [(name, 1, u * 100) for name, u in items]
    assert "whole_amounts" in p.flags and "unmapped_tender" not in p.flags
