"""A till's profile learns which of two rows under the same label is the
till's own number (Rwanda's EBM prints "RECEIPT NUMBER:" in the fiscal
device's block, its counters and the receipt's type, and again at the foot,
the till's own; the defaults know the counters' shape since rules31b), and
that a way paid by a word a school's purse may share ("MOBILE MONEY"), or a
meal voucher by its name ("TICHETE MASA"), is what it says, once the
technician has confirmed it so."""

from __future__ import annotations

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import UNMAPPED_TENDER, interpret
from tests.receipts_score import journal_tender, printed_receipt


def _ebm(i: int, way: str = "CASH") -> tuple[object, Truth]:
    """An EBM receipt: the SDC block's "RECEIPT NUMBER: 151/212 NS", then
    the till's own "RECEIPT NUMBER: 4101" at the foot."""
    pence = 120000 + 50000 * (i % 3)
    amount = f"{pence // 100}.00"
    receipt = printed_receipt(
        "KIGALI FRESH MARKET", "TIN: 102345678", "-" * 32,
        "Inyange Milk 500ml", f"{amount}x 1.00 {amount}B", "." * 32,
        f"TOTAL{amount:>27}", f"TOTAL B-18.00%{amount:>18}", "-" * 32,
        f"{way}{amount:>{32 - len(way)}}", "ITEMS NUMBER                   1", "-" * 32,
        "SDC INFORMATION", f"Date:{'15/03/2026':>27}", f"Time:{'07:48:08':>27}",
        f"RECEIPT NUMBER:{f'{150 + i}/{211 + i} NS':>17}", "-" * 32,
        f"RECEIPT NUMBER:{4100 + i:>17}", f"DATE:{'15/03/2026':>27}", "THANK YOU")
    return receipt, Truth(total=pence, receipt_no=str(4100 + i), tender=way.lower(),
                          when="2026-03-15T07:48:08")


def _profile(samples: list[tuple[object, Truth]]):
    rc = ReceiptConfig()
    profile = learn([s for s, _ in samples], rc, truths=[t for _, t in samples])
    return rules_from_config(profile.config(rc))


def test_the_defaults_read_the_tills_own_number_under_the_fiscal_devices_counters():
    p = interpret(_ebm(9)[0], None)
    assert p.receipt_no == "4109" and "unsure_number" not in p.flags


def test_a_profile_reads_the_tills_own_number_where_the_same_label_prints_twice():
    rules = _profile([_ebm(i) for i in range(5)])
    p = interpret(_ebm(10)[0], rules)
    assert (p.receipt_no, p.total_pence, journal_tender(p.tender)) == ("4110", 170000, "cash")
    assert "unsure_number" not in p.flags


def test_mobile_money_is_held_for_a_person_until_the_technician_says_what_it_is():
    receipt, _ = _ebm(9, "MOBILE MONEY")
    assert UNMAPPED_TENDER in interpret(receipt, None).flags  # a school's purse may share it
    rules = _profile([_ebm(i, "MOBILE MONEY" if i % 2 else "CASH") for i in range(5)])
    p = interpret(receipt, rules)
    assert journal_tender(p.tender) == "mobile money" and UNMAPPED_TENDER not in p.flags


def test_mobile_money_confirmed_as_the_pupils_account_is_learnt_as_the_account():
    samples = [_ebm(i, "MOBILE MONEY") for i in range(5)]
    samples = [(r, Truth(total=t.total, receipt_no=t.receipt_no, tender="account",
                         when=t.when)) for r, t in samples]
    p = interpret(_ebm(9, "MOBILE MONEY")[0], _profile(samples))
    assert journal_tender(p.tender) == "account" and UNMAPPED_TENDER not in p.flags


def _bon(i: int, way: str) -> tuple[object, Truth]:
    """A Romanian bon fiscal (holdout17 bon-fiscal-ro's paper) paid one way."""
    pence = 1200 + 350 * (i % 4)
    amount = f"{pence // 100}.{pence % 100:02d}"
    receipt = printed_receipt(
        "S.C. CHIOSC CENTRAL S.R.L.", "CIF: RO31457802", "LEI",
        f"Placinta cu branza{amount:>14} B", f"TOTAL{amount:>27}",
        f"{way}{amount:>{32 - len(way)}}",
        "TVA B 11%                   1.19", f"Nr. bon: {40 + i:04d}            Z: 0160",
        "DATA: 21/01/2026      ORA: 13:48", "BON FISCAL")
    tender = "voucher" if way == "TICHETE MASA" else "cash"
    return receipt, Truth(total=pence, receipt_no=f"{40 + i:04d}", tender=tender,
                          when="2026-01-21T13:48")


def test_a_meal_voucher_confirmed_as_a_voucher_is_no_longer_held():
    receipt, _ = _bon(9, "TICHETE MASA")
    p = interpret(receipt, None)
    assert p.tender == "voucher" and UNMAPPED_TENDER in p.flags  # for the site to map
    rules = _profile([_bon(i, "TICHETE MASA" if i % 2 else "NUMERAR") for i in range(5)])
    p = interpret(receipt, rules)
    assert p.tender == "voucher" and UNMAPPED_TENDER not in p.flags
