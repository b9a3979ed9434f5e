"""A till's profile confirms how it prints amounts: a canteen whose till
prints rupees as a program prints numbers ("BILL TOTAL:  290", "26.5") is
read from whole numbers; the defaults flag each such receipt
``whole_amounts`` (290, or 2.90 from a till printing paise without the
point?), and a profile learnt from samples with their confirmed totals
says which (``amounts = "whole"``), so the till's receipts are no longer
sent to a person for a doubt the technician settled."""

from __future__ import annotations

import dataclasses

from escpos.printer import Dummy

from agent.config import ReceiptConfig, ReceiptTemplate, load_config
from agent.sale.receipt_learn import learn, toml_text
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from agent.sale.receipt_templates import template_problems
from drivers.receipt import TEMPLATE_MISS, interpret
from tests.receipts_score import decode

MENU = [("Filter Coffee", 20), ("Paneer Roll", 75), ("Masala Chai", 15), ("Medu Vada", 40)]


def _bill(i: int, amount=lambda whole: f"{whole:g}") -> tuple[object, Truth]:
    """Receipt ``i`` of a canteen till, each amount printed by ``amount``
    (from the rupees it stands for; default: as a program prints a number),
    and its truth in paise."""
    items = [(name, 1 + (i + k) % 3, price) for k, (name, price) in enumerate(MENU)
             if (i + k) % 4 != 3]
    total = sum(q * p for _n, q, p in items)
    p = Dummy()
    p.textln("ANNAPURNA CANTEEN")
    p.textln(f"Bill No. : {52000 + i}")
    p.textln(f"DATE : Oct/{10 + i % 9}/2026 12:{10 + i:02d}:05")
    p.textln("ITEM           QTY  PRICE    AMT")
    for name, q, price in items:
        p.textln(f"{name:<15}{q:>3}{amount(price):>7}{amount(q * price):>7}")
    p.textln(f"      SUBTOTAL:  {amount(total)}")
    p.textln(f"    BILL TOTAL:  {amount(total)}")
    p.textln("      PAID BY :  CARD")
    p.textln("           THANK YOU")
    p.cut()
    truth = Truth(total=total * 100, tender="card", receipt_no=str(52000 + i),
                  when=f"2026-10-{10 + i % 9:02d}T12:{10 + i:02d}:05", account="",
                  kind="sale", lines=[(n, q, q * pr * 100) for n, q, pr in items])
    return decode(p.output)[0][0], truth


def _learnt(bills: list[tuple[object, Truth]]) -> tuple[object, ReceiptTemplate | None]:
    profile = learn([s for s, _ in bills], ReceiptConfig(), truths=[t for _, t in bills])
    return rules_from_config(profile.config(ReceiptConfig())), profile.layout


def test_a_till_confirmed_to_print_whole_units_is_read_from_them_without_a_doubt():
    rules, layout = _learnt([_bill(i) for i in range(5)])
    assert layout is not None and layout.amounts == "whole"
    for i in range(5, 25):
        sample, truth = _bill(i)
        assert "whole_amounts" in interpret(sample).flags  # the defaults doubt it
        p = interpret(sample, rules)
        assert p.total_pence == truth.total and p.flags == [], (i, p)


def test_under_a_whole_unit_profile_a_receipt_printed_with_pence_is_read_right_or_flagged():
    rules, _layout = _learnt([_bill(i) for i in range(5)])
    for i in range(5, 15):
        sample, truth = _bill(i, amount=lambda whole: f"{whole / 100:.2f}")
        p = interpret(sample, rules)
        assert p.total_pence == truth.total // 100 or TEMPLATE_MISS in p.flags, (i, p)


def test_samples_whose_confirmed_totals_are_in_pence_confirm_no_whole_units():
    # A till printing "290" for 2.90 (pence without the point): the
    # technician confirms 2.90, the reading from whole numbers is wrong, and
    # the profile keeps every such receipt flagged.
    def in_pence(i: int) -> tuple[object, Truth]:
        sample, truth = _bill(i)
        return sample, dataclasses.replace(truth, total=truth.total // 100, lines=None)

    rules, layout = _learnt([in_pence(i) for i in range(5)])
    assert layout is not None and layout.amounts == ""
    sample, _truth = in_pence(7)
    assert "whole_amounts" in interpret(sample, rules).flags


def test_the_amounts_a_profile_confirms_round_trip_and_a_bad_word_is_reported(tmp_path):
    bills = [_bill(i) for i in range(5)]
    profile = learn([s for s, _ in bills], ReceiptConfig(), truths=[t for _, t in bills])
    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "till-1"\n' + toml_text(profile, 5))
    loaded = load_config(str(conf), str(tmp_path)).receipt
    assert [t.amounts for t in loaded.templates] == [
        t.amounts for t in profile.config(ReceiptConfig()).templates]
    assert "whole" in [t.amounts for t in loaded.templates]
    problems = template_problems([ReceiptTemplate(name="till", amounts="pennies")])
    assert len(problems) == 1 and "receipt.templates[0] ('till').amounts" in problems[0]
    assert template_problems([ReceiptTemplate(name="till", amounts="whole")]) == []
