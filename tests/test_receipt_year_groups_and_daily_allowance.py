"""A pupil's year group or form put first under a bare "Pupil:" ("Pupil:
S4 / 4E2  Callum Robson": Scotland's S1-S6) is the pupil's class, never
the pupil's number, so the number under its own label below ("Acct
7612657  (Young Scot)") is the one account; a free meal's daily allowance
("FSM daily allowance -2.40", what paid printed negative) is the free
meal, and with the card's balance a split (NUMBERS.md, TENDERS.md)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import read
from tests.test_receipt_reading import captured


def cols(left: str, right: str, width: int = 40) -> str:
    return left + " " * max(2, width - len(left) - len(right)) + right


def _slip(year: str, account: int, total: int, allowance: int) -> object:
    """A Young Scot till's slip: what paid printed negative, the allowance first."""
    paid = ([cols("FSM daily allowance", f"-{allowance / 100:.2f}")] if allowance else []) + (
        [cols("From card balance", f"-{(total - allowance) / 100:.2f}")]
        if total > allowance else [])
    return captured("MORAY COUNCIL SCHOOL MEALS", "Serving point 3",
                    "20.02.2026 10:54            Txn 4/004400",
                    f"Pupil: {year}  Callum Robson", f"Acct {account}  (Young Scot)", "-" * 40,
                    cols("Panini", f"{total / 100:.2f}"), "-" * 40,
                    cols("TOTAL DUE", f"{total / 100:.2f}"), *paid,
                    cols("Card balance left", "15.17"), "Unspent allowance clears after lunch")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["S4 / 4E2", "S1 / 1A1", "P7", "Y10", "9RW"]),
       st.integers(1000000, 9999999), st.integers(100, 900), st.integers(0, 240))
def test_the_year_group_first_is_no_account_and_the_allowance_is_the_free_meal(
        year, account, total, allowance):
    allowance = min(allowance, total)
    p = interpret(_slip(year, account, total, allowance))
    assert p.account == str(account) and p.total_pence == total
    # the allowance alone is the free meal, the balance alone the account; both
    # a split in two parts that add up
    want = "fsm" if allowance == total else "account" if not allowance else None
    assert read(p)["tender"] == want and "several_accounts" not in p.flags
    if want is None:
        assert sorted(t.tender for t in p.tenders) == ["account", "fsm"]


@pytest.mark.parametrize("printed", ["Pupil: 30412", "Pupil No: 4E21"])
def test_a_pupils_number_is_still_the_account(printed):
    p = interpret(captured(printed, cols("Panini", "2.00"), cols("TOTAL", "2.00"),
                           cols("Cash", "2.00")))
    assert p.account == printed.split()[-1]
