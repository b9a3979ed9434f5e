"""What a technician's five samples teach that the defaults cannot know:
a tender printed as a phrase beside a split's other part, a total whose
amount prints on the row under its label, a number under its own label
beside an operator's name that varies, a number the defaults read where
the till prints none; and what a complete profile knows of its own lines."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import TEMPLATE_MISS, interpret
from drivers.receipt.profile import fits
from tests.receipts_score import printed_receipt as _receipt


def _pounds(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


def _school(total: int, *paid: tuple[str, int]) -> object:
    return _receipt("HOLLINS PARK ACADEMY", "Adm No:   072077", "16/02/2026 08:41:22",
                    "----------------------------------------",
                    f"1 @ {_pounds(total)} Flapjack{_pounds(total):>20}",
                    "----------------------------------------",
                    f"TOTAL{_pounds(total):>35}",
                    *(f"{label:<30}{_pounds(p):>10}" for label, p in paid),
                    "----------------------------------------",
                    "Balance remaining                  £2.09")


def test_a_tender_phrase_is_learnt_with_the_split_part_beside_it_left_unnamed():
    # "Pot spend" (a till's own words for the account, unknown to the
    # defaults) on the samples paid by it alone, and beside "Meal token
    # used" on one paid two ways: the receipt's own
    # arithmetic names the other part, which no sample says the word of.
    samples = [_school(120, ("Pot spend", 120)),
               _school(1170, ("Pot spend", 1170)),
               _school(260, ("Meal token used", 255), ("Pot spend", 5)),
               _school(210, ("Pot spend", 210))]
    truths = [Truth(total=120, tender="account"), Truth(total=1170, tender="account"),
              Truth(total=260, tender=""), Truth(total=210, tender="account")]
    base = ReceiptConfig()
    assert interpret(samples[0], rules_from_config(base)).tender is None  # the defaults: unknown
    profile = learn(samples, base, truths=truths)
    rules = rules_from_config(profile.config(base))
    alone = interpret(_school(430, ("Pot spend", 430)), rules)
    assert alone.tender == "account" and alone.flags == []
    split = interpret(_school(300, ("Meal token used", 240), ("Pot spend", 60)), rules)
    assert {(p.tender, p.amount_pence) for p in split.tenders} == {
        ("Meal token used", 240), ("account", 60)}
    assert "split_unreconciled" not in split.flags
    # paid by the part no sample named alone: flagged, never taken for the account
    fsm = interpret(_school(240, ("Meal token used", 240)), rules)
    assert fsm.tender != "account" and "unmapped_tender" in fsm.flags


def test_a_tender_learnt_alone_beside_a_part_no_table_names_is_never_trusted_whole():
    # With the split's other part not taught, the learnt tender paid less
    # than the total: the other part, what was taken from a purse no table
    # names ("Meal token used"), is read as its part and flagged, never
    # guessed; the learnt tender is not charged the whole.
    rules = rules_from_config(ReceiptConfig(templates=[ReceiptTemplate(
        "till", tender=r"^\W*(?P<tender>Pot\W*spend)(?=\W*£)")],
        tenders={"Pot spend": "account"}))
    p = interpret(_school(260, ("Meal token used", 255), ("Pot spend", 5)), rules)
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("Meal token", 255),
                                                               ("account", 5)]
    assert "unmapped_tender" in p.flags


@given(st.integers(1, 99_999), st.integers(1, 99_999))
def test_a_tills_own_tender_line_pays_the_amount_printed_on_it(a, b):
    rules = rules_from_config(ReceiptConfig(templates=[
        ReceiptTemplate("till", tender=r"^\W*(?P<tender>Pot\W*spend)(?=\W*£)"),
        ReceiptTemplate("fsm", tender=r"^\W*(?P<tender>Meal\W*allowance)(?=\W*£)")],
        tenders={"Pot spend": "account", "Meal allowance": "fsm"}))
    p = interpret(_school(a + b, ("Meal allowance", a), ("Pot spend", b)), rules)
    assert {(t.tender, t.amount_pence) for t in p.tenders} == {("fsm", a), ("account", b)}
    assert "split_unreconciled" not in p.flags and "unread_tender" not in p.flags


def _fis(lines: list[tuple[str, int]], discount: int = 0, no: str = "F255883") -> object:
    sub = sum(p for _, p in lines)
    total = sub - discount
    return _receipt("SOLUKVITTUN", "================================", f"Fis No: {no}",
                    "Tarih: 25.08.2026 17:50", "--------------------------------",
                    *(f"{name:<20}{p / 100:>12.2f}" for name, p in lines),
                    "--------------------------------",
                    f"Millisamtala {sub / 100:>18.2f} kr", f"Afslattur:  -{discount / 100:.2f} kr",
                    "================================", "SAMTALS", f"{total / 100:.2f} kr",
                    "Takk fyrir")


def test_a_total_printed_on_the_row_under_its_label_is_learnt_and_no_amount_kept():
    samples = [_fis([("Turk kahvesi", 7500)]), _fis([("Simit", 1505), ("Cay", 4000)]),
               _fis([("Baklava", 24000)], discount=2400), _fis([("Tost", 12000)])]
    truths = [Truth(total=7500), Truth(total=5505), Truth(total=21600), Truth(total=12000)]
    base = ReceiptConfig()
    assert interpret(samples[2], rules_from_config(base)).total_pence != 21600
    profile = learn(samples, base, truths=truths)
    totals = [t.total for t in profile.templates if t.total]
    assert totals and not any(v in rx for rx in totals for v in ("75", "55.05", "216", "120"))
    rules = rules_from_config(profile.config(base))
    assert interpret(_fis([("Simit", 1500)], discount=150), rules).total_pence == 1350
    # the till's rival total (the subtotal's amount) is never the one read
    assert interpret(_fis([("Cay", 90000), ("Tost", 4410)], discount=9441),
                     rules).total_pence == 84969


@given(st.integers(1, 999_999))
def test_a_total_label_alone_reads_the_amount_alone_on_the_row_under_it(pence):
    label = r"^\W*SAMTALS\W*(?:(?P<amount>-?\d[\d,]*[.,]\d\d)(?!\d).*)?$"
    rules = rules_from_config(ReceiptConfig(templates=[ReceiptTemplate("till", total=label)]))
    below = interpret(_receipt("Cay                 2.00", "SAMTALS",
                               f"{pence / 100:.2f} TL"), rules)
    on_row = interpret(_receipt("Cay                 2.00",
                                f"SAMTALS  {pence / 100:.2f} TL"), rules)
    assert below.total_pence == on_row.total_pence == pence


def _ph(operator: str, no: int, pence: int) -> object:
    return _receipt("RasiComputers", "==========================================",
                    f"2026-11-01 10:54:18     {operator:<12} SLIP#{no}",
                    "==========================================",
                    f"  1 Bond Paper A4 Ream   {pence / 100:>17.2f}V",
                    f"  1 Item(s)              {pence / 100:>17.2f}",
                    f"    CASH                 {pence / 100:>17.2f}")


def test_a_number_is_learnt_by_its_own_label_not_the_operator_printed_before_it():
    samples = [_ph("ROWEN", 81829, 26550), _ph("JUN", 82629, 4000), _ph("ALJON", 49857, 70000)]
    truths = [Truth(receipt_no="81829"), Truth(receipt_no="82629"), Truth(receipt_no="49857")]
    base = ReceiptConfig()
    profile = learn(samples, base, truths=truths)
    numbers = [t.receipt_no for t in profile.templates if t.receipt_no]
    assert numbers and not any(re.search(r"ROWEN|JUN|ALJON|8\d{4}", rx) for rx in numbers)
    rules = rules_from_config(profile.config(base))
    assert interpret(_ph("MARIC", 44928, 16500), rules).receipt_no == "44928"


def _frituur(points: int | None) -> object:
    return _receipt("Frituur", "08/01/2026     17:34", "-----------------------------------",
                    "1    Viandel                  2.90", "-----------------------------------",
                    "Totaal:      2.90", "Betalingswijze: Cash",
                    *(["-----------------------------------", f"Stempel ticket: {points}"]
                      if points is not None else []),
                    "***********************************", "Smakelijk!")


def test_a_number_the_defaults_read_where_the_till_prints_none_is_set_aside():
    samples = [_frituur(None), _frituur(9), _frituur(None)]
    truths = [Truth(total=290, tender="cash", receipt_no="")] * 3
    base = ReceiptConfig()
    assert interpret(samples[1], rules_from_config(base)).receipt_no == "9"
    profile = learn(samples, base, truths=truths)
    rules = rules_from_config(profile.config(base))
    unseen = interpret(_frituur(42), rules)
    assert unseen.receipt_no is None
    # both rules the till prints below its total are its own: no false alarm
    assert TEMPLATE_MISS not in unseen.flags


def test_a_learnt_item_name_never_spans_a_rate_or_a_unit_price():
    # "Packing Charges  20.00" taught as an item's shape; "Discount Amount
    # @ 5.00 %  69.00" is a rate's line, never read as an item named so.
    def bill(*extra: str) -> object:
        return _receipt("Bill no # 42747", "Date : 06-09-2026 | Time : 16:20:52",
                        "================================================",
                        "9   Water 1L          1     20.00         20.00",
                        "================================================",
                        "Sub-Total                                  20.00", *extra,
                        "TOTAL                                      40.00")

    samples = [bill("Packing Charges                            20.00")]
    truths = [Truth(total=4000, lines=[("Water 1L", 1, 2000), ("Packing Charges", 1, 2000)])]
    profile = learn(samples, ReceiptConfig(), truths=truths)
    lines = [t.line for t in profile.templates if t.line]
    assert lines
    assert not any(re.search(rx, "Discount Amount        @ 5.00 %            69.00")
                   for rx in lines)


def test_an_items_name_printed_with_its_count_fits_but_a_new_word_beside_it_does_not():
    # "2x Airtime K20" above its price: the name the reading kept, and a count
    # ("2x", "x2"); a word no sample printed beside it is still an alarm.
    kept = {"Airtime K20"}
    assert fits((), "2x Airtime K20", "body", kept)
    assert fits((), "Airtime K20 x2", "header", kept)
    assert not fits((), "2x Airtime K20 promo", "body", kept)
    assert not fits((), "2x Airtime K20", "footer", kept)  # below the total: never an item


def _doklad(*items: tuple[str, int, int]) -> object:
    total = sum(q * p for _n, q, p in items)
    rows = [row for name, q, p in items
            for row in (name, f"{q}ks * {p / 100:.2f}{'21%':>14}{q * p / 100:>12.2f}")]
    return _receipt("D A N O V Y   D O K L A D", "------------------------------------------",
                    *rows, "------------------------------------------",
                    f"CELKEM {total / 100:.2f} Kc", "Uctenka: 202642744")


def test_an_items_name_alone_on_the_row_above_its_values_is_learnt_as_its_shape():
    samples = [_doklad(("Rohlik", 1, 300), ("Pivo Plzen 0,5l", 3, 3290)),
               _doklad(("Kava zrnkova 250g", 4, 15900)), _doklad(("Banany", 2, 3490))]
    truths = [Truth(total=10170, lines=[("Rohlik", 1, 300), ("Pivo Plzen 0,5l", 3, 9870)]),
              Truth(total=63600, lines=[("Kava zrnkova 250g", 4, 63600)]),
              Truth(total=6980, lines=[("Banany", 2, 6980)])]
    base = ReceiptConfig()
    assert [ln.description for ln in interpret(samples[1], rules_from_config(base)).lines] != [
        "Kava zrnkova 250g"]
    profile = learn(samples, base, truths=truths)
    shapes = [t.line for t in profile.templates if t.line]
    assert shapes and not any("Rohlik" in rx or "Banany" in rx for rx in shapes)
    rules = rules_from_config(profile.config(base))
    read = interpret(_doklad(("Eidam platky", 2, 3990), ("Mleko 1l", 1, 2490)), rules)
    assert [(ln.description, ln.quantity, ln.amount_pence) for ln in read.lines] == [
        ("Eidam platky", 2, 7980), ("Mleko 1l", 1, 2490)]
    # (the values with no name above them: no item of the template's, nameless)
    alone = interpret(_receipt("1ks * 3.00                21%        3.00", "CELKEM 3.00 Kc"),
                      rules)
    assert all(ln.description for ln in alone.lines)


def test_a_line_template_may_leave_the_name_to_the_row_above_but_needs_an_amount():
    from agent.sale.receipt_templates import template_problems

    assert template_problems([ReceiptTemplate("till", line=r"^(?P<amount>\d+\.\d\d)$")]) == []
    assert template_problems([ReceiptTemplate("till", line=r"^(?P<description>\w+)$")])
