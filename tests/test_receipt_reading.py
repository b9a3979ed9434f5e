"""The default rules read receipts as real tills print them: columns,
amounts anywhere, quantities before or after, and the receipt's own
arithmetic to settle what a line means; tenders mapped to the contract's
words. (Whole layouts: tests/test_receipts_corpus.py.)"""

from __future__ import annotations

import pytest

from agent.config import ConfigError, ReceiptConfig, parse_config
from agent.sale.receipt_rules import rules_from_config
from drivers.events import CapturedReceipt, TokenStats
from drivers.receipt import ReceiptRules, interpret


def captured(*text: str) -> CapturedReceipt:
    return CapturedReceipt(raw=b"", text=list(text), barcodes=[], images=[], raster_only=False,
                           ended_by="cut", started_at=0.0, ended_at=1.0,
                           stats=TokenStats(0, 0, 0, 0, 0))


def lines(p) -> list[tuple[str, int, int]]:
    return [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines]


# --- the receipt's arithmetic decides --------------------------------------------------


def test_a_unit_price_column_is_told_from_a_value_by_the_total():
    # SambaPOS prints "- <qty> <name>" and the unit price: 2 cookies are 1.00.
    p = interpret(captured("- 2 Cookie                0.50", "- 1 Pasta bake            2.30",
                           "Total:                    3.30"))
    assert lines(p) == [("Cookie", 2, 100), ("Pasta bake", 1, 230)] and p.flags == []
    # The same line on a till that prints values: 2 cookies are 0.50.
    p = interpret(captured("- 2 Cookie                0.50", "- 1 Pasta bake            2.30",
                           "Total:                    2.80"))
    assert lines(p) == [("Cookie", 2, 50), ("Pasta bake", 1, 230)] and p.flags == []


def test_price_quantity_and_value_in_columns_check_each_other():
    p = interpret(captured("Item               Price    Qty     Value",
                           "Salad box          £2.75     x2     £5.50",
                           "Soup of the day    £1.20     x4     £4.80",
                           "Balance Due                        £10.30"))
    assert lines(p) == [("Salad box", 2, 550), ("Soup of the day", 4, 480)] and p.flags == []


def test_amounts_anywhere_in_a_line_and_a_trailing_tax_code():
    p = interpret(captured("   2 Cookie       @  0.50         1.00   S",
                           "   1 Pasta bake   @  2.30         2.30   Z",
                           "Total:                              3.30"))
    assert lines(p) == [("Cookie", 2, 100), ("Pasta bake", 1, 230)] and p.flags == []


def test_items_before_tax_add_up_to_the_subtotal_and_with_the_tax_to_the_total():
    p = interpret(captured("Pasta bake       £1.92  x1     £1.92", "Cookie  £0.50  x2  £1.00",
                           "Standard VAT     £2.92  £0.38", "Subtotal.            £2.92",
                           "Taxes.               £0.38", "Total.               £3.30"))
    assert lines(p) == [("Pasta bake", 1, 192), ("Cookie", 2, 100)]
    assert p.total_pence == 330 and p.flags == []


def test_a_name_alone_then_its_quantity_price_and_value():
    p = interpret(captured("Hot dog                 1.80", "Toast (2 slices)",
                           "    2 x £ 0.40          0.80", "TOTAL                 £ 2.60"))
    assert lines(p) == [("Hot dog", 1, 180), ("Toast (2 slices)", 2, 80)] and p.flags == []


def test_a_receipt_whose_arithmetic_never_adds_up_is_flagged_and_keeps_what_it_read():
    p = interpret(captured("- 2 Cookie   0.50", "Pasta bake  2.30", "Total:  9.99"))
    assert p.flags == ["unparsed_receipt", "lines_total_mismatch"]
    assert lines(p) == [("Cookie", 2, 50), ("Pasta bake", 1, 230)] and p.total_pence == 999


@pytest.mark.parametrize("label", [
    "Subtotal", "Sub-total:", "Nett of Tax:", "VAT 20%", "Tax", "Taxes.", "Total Taxes",
    "Tendered:", "Cash tendered:", "Change", "CHANGE:", "Received:", "Balance:",
    "Balance remaining:", "Previous balance", "Current Debt:", "Daily limit left:",
    "FSM allowance left:", "Items count:", "Total items"])
def test_lines_that_are_never_items(label):
    p = interpret(captured("Pasta bake  £2.30", f"{label}  £1.23", "Total  £2.30"))
    assert lines(p) == [("Pasta bake", 1, 230)] and p.total_pence == 230
    assert "unparsed_receipt" not in p.flags


@pytest.mark.parametrize("label", ["TOTAL", "Total:", "Total.", "total", "Balance Due",
                                   "Amount due:", "Grand total"])
def test_the_total_with_or_without_its_punctuation(label):
    assert interpret(captured("Pasta bake  £2.30", f"{label}   £2.30")).total_pence == 230


def test_discounts_are_lines_of_their_own():
    p = interpret(captured("Pasta bake  £2.30 x1  £2.30", "Discount 10%  -£0.23  x1  -£0.23",
                           "Staff discount            -0.20", "Total  £1.87"))
    assert lines(p) == [("Pasta bake", 1, 230), ("Discount 10%", 1, -23),
                        ("Staff discount", 1, -20)]
    assert p.flags == []


# --- labels -------------------------------------------------------------------------------


@pytest.mark.parametrize("line,want", [
    ("Receipt:       1042", "1042"), ("Ticket No:1042", "1042"), ("Trans No. 004711", "004711"),
    ("Transaction: 001000", "001000"), ("Order 00012-003-0004", "00012-003-0004"),
    ("Till 2     Receipt 5567", "5567"), ("Refund:        1043", "1043")])
def test_receipt_numbers_under_the_labels_real_tills_use_wherever_they_are(line, want):
    p = interpret(captured(line, "Pasta bake  £2.30", "Total  £2.30"))
    assert p.receipt_no == want
    assert p.kind == ("refund" if line.startswith("Refund") else "sale")


@pytest.mark.parametrize("line,want", [
    ("Account #:     35367", "35367"), ("Adm No: 06188", "06188"),
    ("Admission No. 004512", "004512"),
    ("Acc: 12345", "12345"), ("Account No: 104233", "104233"), ("Pupil: Jane Smith (9S)", None),
    ("Pupil: Jane Smith", None), ("Name: Noah Williams   Form: 10W", None)])
def test_an_account_is_what_a_label_says_and_a_pupils_name_is_never_one(line, want):
    assert interpret(captured(line, "Pasta bake  £2.30", "Total  £2.30")).account == want


@pytest.mark.parametrize("line,want", [
    ("Date:          28-Nov-2026 12:01:05", "2026-11-28T12:01:05+00:00"),
    ("Date:          4 Jul 2026, 15:18:06", "2026-07-04T15:18:06+01:00"),
    ("Sat 28 Nov 2026                 12:01", "2026-11-28T12:01:00+00:00"),
    ("1 March 2026                    07:17", "2026-03-01T07:17:00+00:00"),
    ("Opened:    2026-01-02 12:03:37", "2026-01-02T12:03:37+00:00"),
    ("28/11/2026, 12:01:05", "2026-11-28T12:01:05+00:00")])
def test_dates_with_month_names_or_numbers(line, want):
    assert interpret(captured(line, "Pasta bake  £2.30", "Total  £2.30")).occurred == want


def test_a_time_on_its_own_line_after_a_colon():
    p = interpret(captured("Date:23/07/2026", "Time:07:35", "Milk 0.45", "Total: 0.45"))
    assert p.occurred == "2026-07-23T07:35:00+01:00"


def test_an_item_line_with_negative_quantities_makes_a_refund():
    p = interpret(captured("Cookie", "    -2 x £ 0.50      -1.00", "TOTAL     £ -1.00"))
    assert p.kind == "refund" and lines(p) == [("Cookie", 2, 100)] and p.total_pence == -100


# --- tenders --------------------------------------------------------------------------------


@pytest.mark.parametrize("printed,want", [
    ("On Account  £2.30", "account"), ("Debt", "account"), ("Free", "fsm"),
    ("Cashless", "account"), ("Paid by: Cashless", "account"), ("Credit Card  2.30", "card"),
    ("CARD SALE", "card"), ("VISA DEBIT:   2.30", "card"), ("Customer Account  2.30", "account"),
    ("Cash", "cash"), ("Paid by: Free School Meal", "fsm"), ("Mag card", "card"),
    ("Payment: FSM", "fsm")])
def test_printed_tenders_map_to_the_contracts_words(printed, want):
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", printed))
    assert p.tender == want and p.flags == []


def test_an_unmapped_tender_is_flagged_not_guessed():
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", "Check  £2.30"))
    assert p.tender == "Check" and "unmapped_tender" in p.flags
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", "Paid by: Dinner Tokens"))
    assert p.tender == "Dinner Tokens" and "unmapped_tender" in p.flags


def test_the_sites_tender_words_extend_the_table():
    rules = ReceiptRules(tenders=(("Dinner Tokens", "fsm"), ("Lunch Card", "account")))
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", "Paid by: Dinner Tokens"), rules)
    assert p.tender == "fsm" and p.flags == []
    p = interpret(captured("Pasta bake  £2.30", "Total  £2.30", "LUNCH CARD  £2.30"), rules)
    assert p.tender == "account" and p.flags == []
    # Without the site's words the same line is an item after the total: no tender at all.
    assert interpret(captured("Pasta bake  £2.30", "Total  £2.30", "LUNCH CARD  £2.30")
                     ).tender is None


def test_a_tender_after_the_total_wins_over_a_marker_before_it():
    p = interpret(captured("FSM", "Pasta bake  £2.30", "Total  £2.30", "Paid by: Cash"))
    assert p.tender == "cash" and "split_tender" not in p.flags


def test_the_config_extends_the_tenders_and_refuses_words_outside_the_contract():
    cfg = parse_config('till_id = "t1"\n[receipt.tenders]\n"Dinner Tokens" = "fsm"\n')
    assert cfg.receipt.tenders == {"Dinner Tokens": "fsm"}
    rules = rules_from_config(cfg.receipt)
    p = interpret(captured("Milk 0.45", "Total 0.45", "Dinner Tokens"), rules)
    assert p.tender == "fsm"
    with pytest.raises(ConfigError) as exc:
        parse_config('till_id = "t1"\n[receipt.tenders]\n"Tokens" = "tokens"\n')
    assert "receipt.tenders.Tokens: 'tokens' is not one of" in exc.value.render()
    assert rules_from_config(ReceiptConfig()).tenders == ()


def test_without_a_total_what_was_handed_over_less_the_change_is_one_if_the_items_agree():
    p = interpret(captured("Pasta bake  £2.30", "Cookie  £1.00", "Cash  £5.00", "Change  £1.70"))
    assert p.total_pence == 330 and p.tender == "cash" and p.flags == []
    p = interpret(captured("- 2 Cookie  0.50", "Tendered:  2.00", "Change:  1.00"))
    assert p.total_pence == 100 and lines(p) == [("Cookie", 2, 100)] and p.flags == []
    # Handed over and change that do not agree with the items: no total is made up.
    p = interpret(captured("Pasta bake  £2.30", "Cash  £5.00", "Change  £1.00"))
    assert p.total_pence is None and p.flags == ["unparsed_receipt"]


def test_a_template_missing_a_named_group_is_a_config_error_at_load():
    text = ('till_id = "t1"\n[[receipt.templates]]\nname = "x"\n'
            "total = '^TOTAL (\\\\S+)'\n")
    with pytest.raises(ConfigError) as exc:
        parse_config(text)
    assert "receipt.templates[0] ('x').total: the pattern needs the named group " \
           "(?P<amount>...)" in exc.value.render()
