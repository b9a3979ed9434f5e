"""A school till names its purses by number ("Sold from Purse 1", "Sold
from Purse 2 (FM)") and pays some meals from both. The learner takes the
purse's number as part of the tender's name: five confirmed samples teach
"Purse 1" as the pupil's account, its partner on a split as a tender with
no contract word, so a meal paid by the second purse alone is flagged,
never read as the account, and one paid by the first reads as the account."""

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


def _money(pence: int) -> str:
    return f"\u00a3{pence // 100}.{pence % 100:02d}"


def _printed(meal: int, first: int, second: int) -> bytes:
    """A servery receipt: one meal, paid ``first`` from purse 1 and
    ``second`` from purse 2 (free meals), then both purses' balances."""
    p = Dummy()
    p.textln("ST BRIDE'S ACADEMY")
    p.textln(f"Hot meal {'1 @ ' + _money(meal)[1:]:>23}")
    p.textln(f"{_money(meal)[1:]:>32}")
    p.textln(f"Sale Total {_money(meal):>21}")
    if second:
        p.textln(f"Sold from Purse 2 (FM) {_money(second):>9}")
    if first:
        p.textln(f"Sold from Purse 1 {_money(first):>14}")
    p.textln(f"New Bal Purse 1 {_money(1500):>16}")
    p.textln(f"New Bal Purse 2 {_money(0):>16}")
    p.cut()
    return p.output


def _receipt(meal: int, first: int, second: int) -> object:
    return decode(_printed(meal, first, second))[0][0]


# (meal, from purse 1, from purse 2): one split, the rest from purse 1 alone
SAMPLES = [(235, 235, 0), (310, 100, 210), (260, 260, 0), (195, 195, 0), (280, 280, 0)]


def _rules() -> object:
    truths = [Truth(total=m, tender="" if b else "account") for m, _a, b in SAMPLES]
    profile = learn([_receipt(*s) for s in SAMPLES], ReceiptConfig(), truths=truths)
    return rules_from_config(profile.config(ReceiptConfig()))


RULES = _rules()


def test_the_defaults_cannot_say_whose_money_a_numbered_purse_is():
    # read as printed and flagged (a purse by its number says nothing of
    # whose money it was), never mapped to a contract word: the profile learns it
    read = interpret(_receipt(250, 250, 0))
    assert read.total_pence == 250 and contract_word(read.tender) not in {"account", "fsm"}
    assert "unmapped_tender" in read.flags


@settings(max_examples=10, deadline=None)
@given(meal=st.integers(50, 900))
def test_a_meal_paid_from_the_first_purse_reads_as_the_account(meal: int):
    read = interpret(_receipt(meal, meal, 0), RULES)
    assert read.total_pence == meal and contract_word(read.tender) == "account", read.flags


@settings(max_examples=10, deadline=None)
@given(meal=st.integers(50, 900))
def test_a_meal_paid_from_the_second_purse_alone_is_flagged_never_the_account(meal: int):
    read = interpret(_receipt(meal, 0, meal), RULES)
    assert contract_word(read.tender) != "account"
    assert {"unmapped_tender", "unread_tender", "template_miss"} & set(read.flags), read.flags


@settings(max_examples=10, deadline=None)
@given(meal=st.integers(100, 900), part=st.integers(1, 99))
def test_a_meal_paid_from_both_purses_reads_as_a_split(meal: int, part: int):
    second = meal * part // 100 or 1
    read = interpret(_receipt(meal, meal - second, second), RULES)
    assert contract_word(read.tender) != "account" or "split_tender" in read.flags, (
        read.tender, read.flags)
    assert {"split_tender", "unmapped_tender", "template_miss"} & set(read.flags), read.flags


def _refund(meal: int, purse: str) -> object:
    """The servery's refund of one meal back to ``purse`` ("Purse 1")."""
    p = Dummy()
    p.textln("ST BRIDE'S ACADEMY")
    p.textln(f"Hot meal {'1 @ ' + _money(meal)[1:]:>23}")
    p.textln(f"{_money(meal)[1:] + '-':>32}")
    p.textln(f"REFUND TOTAL {_money(meal) + '-':>19}")
    p.textln(f"Returned to {purse} {_money(meal):>{19 - len(purse)}}")
    p.textln(f"New Bal Purse 1 {_money(1500):>16}")
    p.textln(f"New Bal Purse 2 {_money(0):>16}")
    p.cut()
    return decode(p.output)[0][0]


def test_the_learnt_way_names_its_purse_too():
    # learn18: "Sold from Purse 1" taught as the account, the purse it names
    # is the account (a refund returns to it, printed by the purse's name)
    profile = learn([_receipt(*s) for s in SAMPLES], ReceiptConfig(),
                    truths=[Truth(total=m, tender="" if b else "account") for m, _a, b in SAMPLES])
    assert profile.tenders.get("Purse 1") == "account", profile.tenders
    # of the split sample, the part no sample paid alone is what is not mapped
    assert profile.unmapped and all("Purse 2" in w for w in profile.unmapped), profile.unmapped


@settings(max_examples=10, deadline=None)
@given(meal=st.integers(50, 900))
def test_a_refund_back_to_the_purse_the_samples_paid_from_is_that_purse(meal: int):
    assert "unmapped_tender" in interpret(_refund(meal, "Purse 1")).flags  # (the defaults)
    read = interpret(_refund(meal, "Purse 1"), RULES)
    assert read.kind == "refund" and contract_word(read.tender) == "account", read.flags
    assert "unmapped_tender" not in read.flags


@settings(max_examples=10, deadline=None)
@given(meal=st.integers(50, 900))
def test_a_refund_back_to_a_purse_no_sample_paid_from_alone_stays_flagged(meal: int):
    read = interpret(_refund(meal, "Purse 2 (FM)"), RULES)
    assert contract_word(read.tender) != "account"
    assert {"unmapped_tender", "unread_tender", "template_miss"} & set(read.flags), read.flags


_WAYS = st.sampled_from(["Sold from", "Taken from", "Returned to", "Paid from", "Credited to",
                         "Thank you", "Paid by"])
_PURSES = st.sampled_from(["Purse 1", "Purse 2 (FM)", "Cash balance", "balance", "Dinner Money",
                           "Card", "Meal Credit", "account"])


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.builds(lambda w, p: f"{w} {p}", _WAYS, _PURSES),
                       st.sampled_from(["account", "fsm", "cash"]), max_size=4))
def test_a_purse_is_named_only_by_its_learnt_way_and_never_a_balance(tenders):
    from agent.sale.receipt_learn_tenders import purses_of_ways
    from drivers.receipt.tender_words import purse_of_way

    for name, word in purses_of_ways(tenders).items():
        ways = [w for w in tenders if purse_of_way(" ".join(w.casefold().split()))
                == name.casefold()]
        assert ways and {tenders[w] for w in ways} == {word}, (name, word, tenders)
        assert "balance" not in name.casefold()
