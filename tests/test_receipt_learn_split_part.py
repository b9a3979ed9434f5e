"""A split's part the rules do not read, learnt from the arithmetic
(learn18): a Romanian kiosk takes value tickets ("TICHETE VALORICE", a
Romanian fiscal register's payment mode 4; its meal tickets, "TICHETE
MASA", a voucher the rules know since rules31b) and cash ("NUMERAR") on one
bon; the rules know the cash and not the tickets, so a split reads as cash,
flagged. Confirmed as paid two ways ("" : no single
tender; the office's "in parts"), the line next to the cash whose amount
makes the total with it is learnt as a tender line with no word: the split
reads as its two parts, and a sale paid by the vouchers alone is flagged,
never read as cash nor as nothing."""

from __future__ import annotations

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import contract_word, learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode


def _lei(bani: int) -> str:
    return f"{bani // 100}.{bani % 100:02d}"


def _bon(total: int, vouchers: int) -> object:
    """One pie for ``total`` bani, ``vouchers`` of it paid in meal vouchers,
    the rest in cash."""
    p = Dummy()
    p.textln("S.C. CHIOSC CENTRAL S.R.L.")
    p.textln("LEI")
    p.textln(f"{'Placinta cu branza':<22}{_lei(total):>8} B")
    p.textln(f"{'TOTAL':<20}{_lei(total):>12}")
    if vouchers:
        p.textln(f"{'TICHETE VALORICE':<20}{_lei(vouchers):>12}")
    if total - vouchers:
        p.textln(f"{'NUMERAR':<20}{_lei(total - vouchers):>12}")
    p.textln("BON FISCAL")
    p.cut()
    return decode(p.output)[0][0]


# (total, of it in vouchers): the office checked five flagged bons, each paid in parts
CHECKED = [(4680, 2300), (1600, 1000), (10810, 5000), (3250, 3000), (2200, 700)]


def _office_profile() -> object:
    profile = learn([_bon(*c) for c in CHECKED], ReceiptConfig(),
                    truths=[Truth.partial(total=t, tender="") for t, _v in CHECKED])
    return rules_from_config(profile.config(ReceiptConfig()))


RULES = _office_profile()


def test_the_defaults_read_a_split_with_vouchers_as_cash_and_flag_it():
    read = interpret(_bon(4680, 2300))
    assert contract_word(read.tender) == "cash" and len(read.tenders) < 2
    assert "unread_tender" in read.flags


@settings(max_examples=10, deadline=None)
@given(total=st.integers(200, 20000), share=st.integers(1, 99))
def test_a_split_reads_as_its_two_parts(total: int, share: int):
    vouchers = max(1, total * share // 100)
    read = interpret(_bon(total, vouchers), RULES)
    assert read.total_pence == total
    assert sorted(t.amount_pence for t in read.tenders) == sorted([vouchers, total - vouchers]), (
        read.tenders, read.flags)
    assert "split_tender" in read.flags


@settings(max_examples=10, deadline=None)
@given(total=st.integers(200, 20000))
def test_a_sale_paid_by_the_vouchers_alone_is_flagged_never_cash(total: int):
    read = interpret(_bon(total, total), RULES)
    assert contract_word(read.tender) != "cash"
    assert {"unmapped_tender", "unread_tender", "template_miss"} & set(read.flags), read.flags
