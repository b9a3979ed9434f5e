"""Two purses of different names paying one lunch: a college canteen's card
holds a bursary purse, used first, and a cash purse. Both names are only a
purse to the default tables (the family guess: "account"), so the receipt is
flagged ``unmapped_tender``: which tender each purse is, no table says, and
the pupil's account is never charged the whole on trust. Under a profile
learnt from samples paid by the cash purse, a purse no sample printed is
not taken on trust either."""

from __future__ import annotations

from escpos.printer import Dummy

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode


def _money(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


def _lunch(*paid: tuple[str, int]) -> object:
    p = Dummy()
    p.set(bold=True)
    p.textln("ASHGROVE COLLEGE CANTEEN")
    p.set(bold=False)
    p.textln("Till: 4   Txn: 30917")
    p.textln(f"{'Jacket potato':<22}{_money(325):>10}")
    p.textln(f"{'Fruit pot':<22}{_money(120):>10}")
    p.textln(f"{'Total':<22}{_money(445):>10}")
    for name, pence in paid:
        p.textln(f"{name:<22}{_money(pence):>10}")
    p.cut()
    return decode(p.output)[0][0]


def test_two_purses_the_tables_only_guess_are_flagged_not_charged_to_one():
    read = interpret(_lunch(("Bursary purse", 300), ("Cash purse", 145)))
    assert read.total_pence == 445
    assert "unmapped_tender" in read.flags, (read.tender, read.flags)


def test_one_purse_paying_the_whole_is_read_as_the_account_without_a_flag():
    read = interpret(_lunch(("Cash purse", 445)))
    assert (read.tender, read.flags) == ("account", [])


def test_two_purses_the_site_names_are_a_split_read_in_its_parts():
    rules = rules_from_config(ReceiptConfig(tenders={"Bursary purse": "fsm",
                                                     "Cash purse": "account"}))
    read = interpret(_lunch(("Bursary purse", 300), ("Cash purse", 145)), rules)
    assert "unmapped_tender" not in read.flags
    assert [(p.tender, p.amount_pence) for p in read.tenders] == [("fsm", 300), ("account", 145)]


def _profile_rules(paid: list[tuple[str, str]]) -> object:
    """A profile learnt from five lunches, each paid whole by ``paid``'s
    purse (printed name, the technician's contract word)."""
    samples = [_lunch((name, 445)) for name, _word in paid]
    truths = [Truth(total=445, tender=word) for _name, word in paid]
    return rules_from_config(learn(samples, ReceiptConfig(), truths=truths).config(
        ReceiptConfig()))


CASH_PURSE = [("Cash purse", "account")] * 5


def test_the_learner_names_the_purse_its_samples_confirmed():
    samples = [_lunch(("Cash purse", 445)) for _ in range(5)]
    truths = [Truth(total=445, tender="account") for _ in range(5)]
    assert learn(samples, ReceiptConfig(), truths=truths).tenders.get("Cash purse") == "account"


def test_under_a_profile_the_purse_its_samples_paid_by_is_trusted():
    read = interpret(_lunch(("Cash purse", 445)), _profile_rules(CASH_PURSE))
    assert read.tender == "account" and "unmapped_tender" not in read.flags, read.flags


def test_under_a_profile_a_purse_no_sample_printed_is_not_taken_on_trust():
    # the bursary purse paying the whole lunch: a free-meal bursary, or the
    # pupil's account? The guess "a purse: account" is not trusted.
    read = interpret(_lunch(("Bursary purse", 445)), _profile_rules(CASH_PURSE))
    assert "unmapped_tender" in read.flags, (read.tender, read.flags)
