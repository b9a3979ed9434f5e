"""The one adjustment the office makes at the payment provider when a paper
receipt differs from the sale the till journaled (agent.console.adjustment):
totals typed as people type them, understood or refused in words; the
difference per pupil as a credit or a debit in the provider's terms, the
pupils named from a real roster cache."""

from __future__ import annotations

import pytest

from agent.console.adjustment import (
    Adjustment,
    AllowanceUnknown,
    TotalError,
    adjustments,
    charges,
    parse_total,
    sentences,
    till_parts,
    year_words,
)
from sync.roster_store import RosterStore
from tests.console_support import school_roster


def worked_out(charged, should, allowance: int = 0) -> list[Adjustment]:
    """The adjustments by the one rule, every pupil's figure known
    (``allowance``: the most any pupil's allowance can have had left)."""
    worked = adjustments(charged, should, lambda p: allowance)
    assert worked.unknown == []
    return worked.adjustments


@pytest.fixture
def roster(tmp_path):
    school_roster(tmp_path)
    with RosterStore.in_state_dir(tmp_path) as store:
        yield store


@pytest.mark.parametrize("typed", ["2.65", "£2.65", "2,65", "265p", " £ 2.65 ", "265 p", "£2.65"])
def test_a_total_typed_the_ways_people_type_it_is_understood(typed):
    assert parse_total(typed) == 265


def test_whole_pounds_need_their_pound_sign_and_pence_their_p():
    assert parse_total("£3") == 300
    assert parse_total("0.00") == 0
    with pytest.raises(TotalError, match=r"Is 265 pounds or pence\? .* 265.00 or 265p"):
        parse_total("265")


@pytest.mark.parametrize("typed,says", [
    ("", "Type the total the paper receipt shows"),
    ("two pounds", "is not an amount of money"),
    ("2.6", "is not an amount of money"),
    ("2.65.1", "is not an amount of money"),
    ("1e3", "is not an amount of money"),
    ("-2.65", "without a minus sign"),
    ("£1200.00", "more than a school meal receipt can be"),
    ("NaN", "is not an amount of money"),
])
def test_nonsense_is_refused_with_a_reason(typed, says):
    with pytest.raises(TotalError, match=says):
        parse_total(typed)


def test_a_total_read_short_is_one_debit_from_the_pupil(roster):
    sale = {"tender": "account", "total_pence": 325}
    adjs = worked_out(charges("P-0001", till_parts(sale)), charges("P-0001", [("account", 385)]))
    assert adjs == [Adjustment("debit", 60, "P-0001")]
    assert sentences(adjs, roster, "account") == [
        "At ParentPay (or your provider): Other Adjustment > Debit £0.60 from Ava Thompson "
        "(Year 4, account P-0001)."]


def test_the_wrong_pupil_is_a_credit_to_one_and_a_debit_from_the_other(roster):
    sale = {"tender": "account", "total_pence": 325}
    adjs = worked_out(charges("P-0001", till_parts(sale)), charges("P-0003", [("account", 325)]))
    assert adjs == [Adjustment("credit", 325, "P-0001"), Adjustment("debit", 325, "P-0003")]
    said = sentences(adjs, roster, "account")
    assert said[0].endswith("Credit £3.25 to Ava Thompson (Year 4, account P-0001).")
    assert said[1].endswith("Debit £3.25 from Cara Lindqvist (Reception, account P-0003).")


def test_cash_moves_nothing_at_the_provider(roster):
    cash = {"tender": "cash", "total_pence": 325}
    assert charges(None, till_parts(cash)) == {}
    assert worked_out({}, charges(None, [("cash", 385)])) == []
    assert sentences([], roster, "cash") == [
        "Nothing to adjust at the provider: it was paid in cash."]
    # Charged to the account, but the paper says cash: all of it back.
    adjs = worked_out(charges("P-0001", till_parts({"tender": "account", "total_pence": 325})),
                      charges("P-0001", [("cash", 325)]))
    assert adjs == [Adjustment("credit", 325, "P-0001")]


def test_a_split_counts_only_its_parts_that_move_a_pupils_money():
    split = {"tender": "fsm", "total_pence": 325,
             "tenders": [{"tender": "fsm", "amount_pence": 273},
                         {"tender": "cash", "amount_pence": 52}]}
    assert charges("P-0002", till_parts(split)) == {"P-0002": {"account": 0, "fsm": 273}}


def test_a_free_meal_charged_to_the_account_depends_on_the_allowance_left_that_day():
    # By the contract's rule a free meal is paid from what was left of the
    # allowance, the rest from the account: with £2.40 a day, the provider owes
    # back between nothing (none left) and £2.40 (all of it left). Not a guess.
    worked = adjustments(charges("P-0002", [("account", 273)]),
                         charges("P-0002", [("fsm", 273)]), lambda p: 240)
    assert worked.adjustments == [] and worked.unknown == [
        AllowanceUnknown("P-0002", 0, 273, 240, if_all_left=240, if_none_left=0)]
    # A pupil without free meals has no allowance: a "free meal" is all from
    # the account, as the till charged it.
    assert worked_out(charges("P-0001", [("account", 273)]),
                      charges("P-0001", [("fsm", 273)])) == []


def test_one_pupils_unknown_leaves_the_other_pupils_adjustment_standing():
    # Read as Ava's account; the paper shows Ben's free meal: Ava is owed it
    # all back whatever Ben's allowance was.
    worked = adjustments(charges("P-0001", [("account", 325)]),
                         charges("P-0002", [("fsm", 325)]),
                         lambda p: 240 if p == "P-0002" else 0)
    assert worked.adjustments == [Adjustment("credit", 325, "P-0001")]
    assert [u.pupil_id for u in worked.unknown] == ["P-0002"]


def test_a_refund_read_too_large_takes_the_extra_back():
    refund = {"tender": "account", "total_pence": -325}
    adjs = worked_out(charges("P-0001", till_parts(refund)),
                      charges("P-0001", [("account", -300)]))
    assert adjs == [Adjustment("debit", 25, "P-0001")]


def test_a_pupil_no_longer_in_the_list_is_named_by_account(roster):
    said = sentences([Adjustment("credit", 100, "P-0999")], roster, "account")
    assert said == ["At ParentPay (or your provider): Other Adjustment > Credit £1.00 to the "
                    "pupil with account P-0999 (not in the till's pupil list)."]


def test_year_groups_in_words():
    assert [year_words(y) for y in ("Y8", "Year 11", "yr7", "Reception", None)] == [
        "Year 8", "Year 11", "Year 7", "Reception", ""]
