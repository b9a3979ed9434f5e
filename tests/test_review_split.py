""""The paper is different" when the paper shows a sale paid in two parts
(part free meal, part account, part cash ...), or two pupils served on one
slip paying a part each: the office types each part,
and the page works out the adjustment at the payment provider by the hub
contract's rule for split payments (an account part taken whole, a free-meal
part covered by the allowance left that day and only its excess taken), or
refuses in words where that rule cannot give an answer on the till. A real
journal and roster cache; what is recorded keeps accounts, never names."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent.clock import FakeClock
from agent.console.adjustment import (
    Adjustment,
    AllowanceUnknown,
    TotalError,
    Worked,
    adjustments,
    charges,
    pupil_parts,
    split_parts,
)
from agent.console.review_form import HELD_AT_PROVIDER, Entered, form_context
from agent.console.review_view import checked_words
from agent.journal.store import Journal
from agent.sale.receipt_learn_office import office_check
from sync.journal_port import PushOutcome
from sync.roster_store import RosterStore
from tests.console_support import school_roster

AVA, BEN = "P-0001", "P-0002"  # Ava has no free meals; Ben has (console_support.SCHOOL)
CARA = "P-0003"


def test_two_parts_typed_as_people_type_them_are_read_in_order():
    assert split_parts(325, [("fsm", "2.40"), ("cash", "85p")]) == [("fsm", 240), ("cash", 85)]


@pytest.mark.parametrize("typed,says", [
    ([("fsm", "2.40"), ("cash", "0.80")], "The parts add up to £3.20, not the £3.25 total"),
    ([("fsm", "2.40"), ("", "0.85")], "Choose how the second part was paid."),
    ([("fsm", ""), ("cash", "0.85")], "Type the first part the paper receipt shows"),
    ([("cash", "2.40"), ("cash", "0.85")], 'Both parts say "Cash": that is one way of paying'),
    ([("account", "3.25"), ("cash", "0.00")], "The second part is £0.00"),
    ([("account", "3.25"), ("cash", "-0.10")], "Type the second part without a minus sign"),
])
def test_parts_that_cannot_be_a_split_of_the_total_are_refused_in_words(typed, says):
    with pytest.raises(TotalError, match=says):
        split_parts(325, typed)


def test_the_free_meal_part_unchanged_leaves_only_the_account_to_put_right():
    # Read: £2.40 free meal + £0.85 account. Paper: £2.40 free meal + £0.85 cash.
    # Whatever was left of the allowance, the provider took £0.85 too much.
    got = adjustments({BEN: {"account": 85, "fsm": 240}},
                      {BEN: {"account": 0, "fsm": 240}}, lambda p: 240)
    assert got == Worked([Adjustment("credit", 85, BEN)], [])


def test_free_meal_parts_above_the_days_allowance_differ_only_in_what_the_account_paid():
    # Read: £3.25 all free meal (the cash part's amount not printed). Paper: £2.73
    # free meal + £0.52 cash. With at most £2.40 of allowance, each part's excess
    # came from the account: £0.52 more was taken than the paper says.
    got = adjustments({BEN: {"account": 0, "fsm": 325}},
                      {BEN: {"account": 0, "fsm": 273}}, lambda p: 240)
    assert got == Worked([Adjustment("credit", 52, BEN)], [])


def test_a_free_meal_part_that_changed_cannot_be_worked_out_for_a_pupil_with_an_allowance():
    # Read: £3.25 from the account. Paper: £2.40 free meal + £0.85 cash. Had the
    # allowance £2.40 left, the provider owes £3.25 back; had it nothing, £0.85.
    refused = adjustments({BEN: {"account": 325, "fsm": 0}},
                          {BEN: {"account": 0, "fsm": 240}}, lambda p: 240)
    assert refused == Worked([], [AllowanceUnknown(BEN, 0, 240, 240, if_all_left=325,
                                                   if_none_left=85)])
    # A pupil with no allowance has nothing left of one: the whole part is taken.
    assert adjustments({AVA: {"account": 325, "fsm": 0}},
                       {AVA: {"account": 0, "fsm": 240}}, lambda p: 0) == Worked(
        [Adjustment("credit", 85, AVA)], [])


def sale(txn_id: str, pupil: str | None, total: int, tender: str, parts=None,
         kind: str = "sale") -> dict:
    return {"id": txn_id, "till_id": "till-1", "kind": kind,
            "occurred_at": "2026-12-04T12:00:00.000Z", "clock_synced": True,
            "pupil_id": pupil, "identified_by": "card" if pupil else None,
            "receipt_no": "000001", "lines": [], "total_pence": total, "tender": tender,
            "offline": False, "flags": ["lines_total_mismatch"],
            **({"tenders": [{"tender": t, "amount_pence": p} for t, p in parts]}
               if parts else {})}


@pytest.fixture
def office(tmp_path):
    """A journal whose sales the provider accepted, the school's roster, and
    the page's answer for a sale and what was typed."""
    school_roster(tmp_path)
    with Journal.in_state_dir(tmp_path, FakeClock()) as j, \
            RosterStore.in_state_dir(tmp_path) as roster:
        def add(txn: dict):
            entry, _ = j.append(txn["id"], txn["kind"], txn)
            j.record_outcomes([PushOutcome(entry.seq, txn["id"], "accepted")], 0.0)
            return entry

        def shown(entry, action="show", **typed):
            return form_context(j, roster, lambda q: [], entry, ZoneInfo("Europe/London"),
                                0.0, Entered(**{"how": "split", **typed}), action)
        yield add, shown, roster


def test_an_account_sale_the_paper_shows_part_paid_in_cash_gives_the_cash_part_back(office):
    add, shown, roster = office
    entry = add(sale("a", AVA, 325, "account"))
    got = shown(entry, total="3.25", pupil=AVA, part1="2.00", part1_how="account",
                part2="1.25", part2_how="cash")
    assert got["errors"] == {}
    assert got["result"]["shown"] == [
        "At ParentPay (or your provider): Other Adjustment > Credit £1.25 to Ava Thompson "
        "(Year 4, account P-0001)."]
    assert got["result"]["notes"] == []  # worked out by the contract's rule: no hedge
    record = got["record"]
    assert record["how"] == "split"
    assert record["parts"] == [{"tender": "account", "pence": 200},
                               {"tender": "cash", "pence": 125}]
    assert record["adjustments"] == [{"action": "credit", "pence": 125, "pupil_id": AVA}]
    assert record["shown"] == ["At ParentPay (or your provider): Other Adjustment > Credit "
                               "£1.25 to the pupil with account P-0001."]  # no name kept
    assert checked_words(record, roster) == [
        "Paper: £3.25, £2.00 pupil account + £1.25 cash; paid by Ava Thompson (Year 4, "
        "account P-0001).",
        "At ParentPay (or your provider): Other Adjustment > Credit £1.25 to Ava Thompson "
        "(Year 4, account P-0001)."]


def test_a_split_read_with_the_wrong_second_tender_is_put_right_from_its_parts(office):
    add, shown, _ = office
    entry = add(sale("b", BEN, 325, "fsm", [("fsm", 240), ("account", 85)]))
    got = shown(entry, total="3.25", pupil=BEN, part1="2.40", part1_how="fsm",
                part2="0.85", part2_how="cash")
    assert got["result"]["shown"] == [
        "At ParentPay (or your provider): Other Adjustment > Credit £0.85 to Ben Okafor "
        "(Year 6, account P-0002)."]


def test_the_form_starts_from_the_two_parts_the_till_read(office, tmp_path):
    add, _, roster = office
    entry = add(sale("c", BEN, 325, "fsm", [("fsm", 240), ("account", 85)]))
    with Journal.in_state_dir(tmp_path, FakeClock(), readonly=True) as j:
        got = form_context(j, roster, lambda q: [], entry, ZoneInfo("Europe/London"), 0.0,
                           None, "")
    e = got["entered"]
    assert (e.how, e.part1, e.part1_how, e.part2, e.part2_how) == (
        "parts", "2.40", "fsm", "0.85", "account")


def test_a_changed_free_meal_part_is_not_worked_out_and_the_office_puts_it_right_itself(office):
    add, shown, _ = office
    entry = add(sale("d", BEN, 325, "account"))
    typed = dict(total="3.25", pupil=BEN, part1="2.40", part1_how="fsm", part2="0.85",
                 part2_how="cash")
    got = shown(entry, **typed)
    (said,) = got["result"]["shown"]
    assert said == ("Not worked out on the till: the paper shows a free meal part of £2.40, "
                    "the till read £0.00. What the provider took from the account of Ben Okafor "
                    "(Year 6, account P-0002) depends on the meal allowance left that day (up "
                    "to £2.40), which the till does not know. At the provider, "
                    # The two cases the office can look up, each with its figure.
                    "if all £2.40 was left (their only meal that day): Other Adjustment > "
                    "Credit £3.25; if the allowance was used up before it: Other Adjustment > "
                    "Credit £0.85; anything else: put it right there.")
    assert got["result"]["unknown"] and not got["result"]["nothing"]
    # Recorded only as shown: no adjustment worked out, and it says so.
    record = shown(entry, action="confirm", seen=got["result"]["key"], **typed)["record"]
    assert record["adjustments"] == [] and record["worked_out"] is False
    assert "the account of the pupil with account P-0002 depends" in record["shown"][0]
    assert "Ben" not in str(record)


def test_cash_and_card_need_no_pupil_and_move_nothing(office):
    add, shown, _ = office
    entry = add(sale("e", None, 325, "cash"))
    got = shown(entry, total="3.25", pupil="", part1="3.00", part1_how="card",
                part2="0.25", part2_how="cash")
    assert got["result"]["shown"] == [
        "Nothing to adjust at the provider: no part of it was paid from a pupil's account "
        "or meal allowance."]
    assert got["record"]["parts"] == [{"tender": "card", "pence": 300},
                                      {"tender": "cash", "pence": 25}]


def test_an_account_part_needs_the_pupil_who_paid(office):
    add, shown, _ = office
    entry = add(sale("f", None, 325, "cash"))
    got = shown(entry, total="3.25", pupil="", part1="3.00", part1_how="account",
                part2="0.25", part2_how="cash")
    assert got["errors"] == {"pupil": "Choose who paid: money from an account or a free meal "
                                      "is a pupil's."}


def test_a_refund_paid_back_in_two_parts_takes_back_what_the_account_got_too_much(office):
    add, shown, _ = office
    entry = add(sale("g", AVA, -325, "account", kind="refund"))
    got = shown(entry, total="3.25", pupil=AVA, part1="2.00", part1_how="account",
                part2="1.25", part2_how="cash")
    assert got["result"]["shown"] == [
        "At ParentPay (or your provider): Other Adjustment > Debit £1.25 from Ava Thompson "
        "(Year 4, account P-0001)."]
    assert got["record"]["parts"] == [{"tender": "account", "pence": -200},
                                      {"tender": "cash", "pence": -125}]
    assert got["record"]["paper_total_pence"] == -325


def test_one_way_of_paying_and_its_parts_typed_are_worked_out_by_the_same_rule(office):
    # Read as £3.25 from Ben's account; the paper shows his free meal. Said as
    # one way ("Free school meal") or typed as parts (£2.73 free meal + £0.52
    # account: the same charge with at most £2.40 of allowance left), the page
    # gives the same answer: it depends on the allowance left that day.
    add, shown, _ = office
    entry = add(sale("e", BEN, 325, "account"))
    one = shown(entry, how="fsm", total="3.25", pupil=BEN)
    parts = shown(entry, total="3.25", pupil=BEN, part1="2.73", part1_how="fsm",
                  part2="0.52", part2_how="account")
    for got in (one, parts):
        assert got["errors"] == {} and got["result"]["unknown"], got["result"]
        (said,) = got["result"]["shown"]
        assert "the account of Ben Okafor (Year 6, account P-0002) depends on the meal " \
               "allowance left that day (up to £2.40)" in said
        # ... and the same figures for the cases the office can look up.
        assert said.endswith("if all £2.40 was left (their only meal that day): Other "
                             "Adjustment > Credit £2.40; if the allowance was used up before "
                             "it: nothing to adjust; anything else: put it right there.")
        assert got["result"]["notes"] == []
        assert got["record"]["adjustments"] == [] and got["record"]["worked_out"] is False
    # Read as a £4.00 free meal; the paper shows £3.25, as one way or in parts:
    # whatever was left, £0.75 too much came from the account.
    entry = add(sale("f", BEN, 400, "fsm"))
    one = shown(entry, how="fsm", total="3.25", pupil=BEN)
    parts = shown(entry, total="3.25", pupil=BEN, part1="2.73", part1_how="fsm",
                  part2="0.52", part2_how="account")
    assert one["result"]["shown"] == parts["result"]["shown"] == [
        "At ParentPay (or your provider): Other Adjustment > Credit £0.75 to Ben Okafor "
        "(Year 6, account P-0002)."]


def test_the_parts_the_till_read_and_the_same_parts_typed_agree(office):
    # Read as Ben's £2.73 free meal + £0.52 account; the paper shows the same
    # parts on Ava's account. What Ben's account gave depends on his allowance;
    # Ava, without free meals, pays it all: one answer, however it is entered.
    add, shown, _ = office
    entry = add(sale("g", BEN, 325, "fsm", [("fsm", 273), ("account", 52)]))
    read = shown(entry, how="parts", total="3.25", pupil=AVA)
    typed = shown(entry, total="3.25", pupil=AVA, part1="2.73", part1_how="fsm",
                  part2="0.52", part2_how="account")
    assert read["result"]["shown"] == typed["result"]["shown"]
    debit, ben = read["result"]["shown"]
    assert debit == ("At ParentPay (or your provider): Other Adjustment > Debit £3.25 from "
                     "Ava Thompson (Year 4, account P-0001).")
    assert ben.startswith("Not worked out on the till") and "Ben Okafor" in ben
    assert read["record"]["adjustments"] == [{"action": "debit", "pence": 325,
                                             "pupil_id": AVA}]


# Two pupils served on one slip (a smart card till prints each pupil's card, items
# and part; the reader reads no account then, flagged unread_account): the office
# chooses both pupils and types each one's part; worked out per pupil by the same
# rule. The sale as the provider has it is never changed: sent as cash (nobody
# identified) it moved nothing, so each pupil's part is taken; charged whole to the
# pupil who tapped, the other pupil's part goes from one to the other.


def two_pupils(slip: dict) -> dict:
    """``slip`` as the reader leaves a slip with two pupils' cards on it."""
    return {**slip, "flags": ["total_unsure", "unread_account"]}


def test_each_pupils_part_is_read_in_order_with_who_paid_it():
    assert pupil_parts(1060, [(AVA, "account", "6.10"), (BEN, "account", "£4.50")]) == [
        (AVA, "account", 610), (BEN, "account", 450)]


@pytest.mark.parametrize("typed,says", [
    ([(AVA, "account", "6.10"), ("", "account", "4.50")], "Choose the second pupil"),
    ([("", "account", "6.10"), (BEN, "account", "4.50")], "Choose the first pupil"),
    ([(AVA, "account", "6.10"), (AVA, "account", "4.50")], "Both parts are the same pupil's"),
    ([(AVA, "account", "6.10"), (BEN, "", "4.50")], "Choose how the second pupil's part"),
    ([(AVA, "account", "6.10"), (BEN, "account", "0.00")], "The second pupil's part is £0.00"),
    ([(AVA, "account", "6.10"), (BEN, "account", "4.40")],
     "The two pupils' parts add up to £10.50, not the £10.60 total"),
])
def test_parts_that_are_not_two_pupils_paying_the_total_are_refused_in_words(typed, says):
    with pytest.raises(TotalError, match=says):
        pupil_parts(1060, typed)


def test_a_slip_sent_as_cash_takes_each_pupil_their_own_part(office):
    add, shown, roster = office
    # Nobody tapped: the till sent it as cash, so the provider moved nothing.
    entry = add(two_pupils(sale("two", None, 1060, "cash")))
    got = shown(entry, how="pupils", total="10.60", pupil=AVA, part1="6.10",
                part1_how="account", pupil2=BEN, part2="4.50", part2_how="account")
    assert got["errors"] == {}
    # What the adjustment starts from, said before it.
    assert got["moved_words"] == ("As the till sent it, it takes nothing from any pupil's "
                                  "account (sent as cash).")
    assert got["result"]["shown"] == [
        "At ParentPay (or your provider): Other Adjustment > Debit £6.10 from Ava Thompson "
        "(Year 4, account P-0001).",
        "At ParentPay (or your provider): Other Adjustment > Debit £4.50 from Ben Okafor "
        "(Year 6, account P-0002)."]
    record = shown(entry, action="confirm", seen=got["result"]["key"], how="pupils",
                   total="10.60", pupil=AVA, part1="6.10", part1_how="account", pupil2=BEN,
                   part2="4.50", part2_how="account")["record"]
    assert record["how"] == "pupils" and record["pupil_id"] == AVA
    assert record["parts"] == [{"pupil_id": AVA, "tender": "account", "pence": 610},
                               {"pupil_id": BEN, "tender": "account", "pence": 450}]
    assert record["adjustments"] == [{"action": "debit", "pence": 610, "pupil_id": AVA},
                                     {"action": "debit", "pence": 450, "pupil_id": BEN}]
    assert "Ava" not in str(record) and "Ben" not in str(record)  # accounts, never names
    assert checked_words(record, roster)[0] == (
        "Paper: £10.60, two pupils on one slip: Ava Thompson (Year 4, account P-0001) £6.10 "
        "from the pupil's account, Ben Okafor (Year 6, account P-0002) £4.50 from the pupil's "
        "account.")
    # Two accounts on the paper are no one account a till's profile could learn.
    check = office_check(entry.seq, entry.transaction, {"outcome": "differs",
                                                        "correction": record})
    assert check is not None and check.printed_account == "" and check.tender == ""


def test_a_slip_charged_whole_to_the_pupil_who_tapped_moves_the_other_part_across(office):
    add, shown, _ = office
    entry = add(two_pupils(sale("tapped", AVA, 1060, "account")))
    got = shown(entry, how="pupils", total="10.60", pupil=AVA, part1="6.10",
                part1_how="account", pupil2=CARA, part2="4.50", part2_how="account")
    assert got["moved_words"] == ("As the till sent it, it takes from Ava Thompson (Year 4, "
                                  "account P-0001): £10.60 from the account.")
    assert got["result"]["shown"] == [
        "At ParentPay (or your provider): Other Adjustment > Credit £4.50 to Ava Thompson "
        "(Year 4, account P-0001).",
        "At ParentPay (or your provider): Other Adjustment > Debit £4.50 from Cara Lindqvist "
        "(Reception, account P-0003)."]


# Since hold26 the reader says why (``several_accounts``) and the provider holds
# such a sale until someone there approves it: approved as sent, then adjusted.


def held_two_pupils(slip: dict) -> dict:
    """``slip`` as the reader leaves two pupils' cards on it since hold26: held."""
    return {**slip, "flags": ["several_accounts", "unread_account"]}


def approved_then_adjusted(approved: dict[str, int], record: dict) -> dict[str, int]:
    """Each pupil's charge once the provider approved the sale (``approved``)
    and the office made the adjustments journaled in ``record``."""
    out = dict(approved)
    for a in record["adjustments"]:
        out[a["pupil_id"]] = out.get(a["pupil_id"], 0) + (
            a["pence"] if a["action"] == "debit" else -a["pence"])
    return {p: pence for p, pence in out.items() if pence}


# The paper of a held slip: Ava's £6.10 and Cara's £4.50, each from their account.
AVA_AND_CARA = {"how": "pupils", "total": "10.60", "pupil": AVA, "part1": "6.10",
                "part1_how": "account", "pupil2": CARA, "part2": "4.50", "part2_how": "account"}


def shown_then_confirmed(shown, entry) -> tuple[dict, dict]:
    """The page for ``AVA_AND_CARA`` typed, and the record once confirmed as shown."""
    got = shown(entry, **AVA_AND_CARA)
    return got, shown(entry, action="confirm", seen=got["result"]["key"],
                      **AVA_AND_CARA)["record"]


def test_a_held_slip_of_two_pupils_is_approved_as_sent_then_each_gets_their_part(office):
    add, shown, _ = office
    # Ava tapped: the whole slip is on her, held at the provider.
    got, record = shown_then_confirmed(shown, add(held_two_pupils(sale("held", AVA, 1060,
                                                                       "account"))))
    assert got["moved_words"] == (
        "As the till sent it, the provider holds it: it moves no money until someone there "
        "approves it. Approved, it takes from Ava Thompson (Year 4, account P-0001): £10.60 "
        "from the account.")
    assert got["result"]["shown"] == [
        "At ParentPay (or your provider): Other Adjustment > Credit £4.50 to Ava Thompson "
        "(Year 4, account P-0001).",
        "At ParentPay (or your provider): Other Adjustment > Debit £4.50 from Cara Lindqvist "
        "(Reception, account P-0003)."]
    assert got["result"]["notes"] == [HELD_AT_PROVIDER]
    # Approved as the note says, then adjusted: each pupil pays their own part, once.
    assert approved_then_adjusted({AVA: 1060}, record) == {AVA: 610, CARA: 450}


@given(st.integers(1, 5000), st.integers(1, 5000), st.sampled_from([AVA, CARA, BEN, None]))
def test_approved_as_sent_then_adjusted_each_pupil_pays_their_own_part(first, second, tapped):
    # Whoever tapped (one of the two, another pupil, nobody), the whole slip
    # from the account as sent; the paper: Ava's part and Cara's.
    approved = charges(tapped, [("account", first + second)])
    should = {**charges(AVA, [("account", first)]), **charges(CARA, [("account", second)])}
    worked = adjustments(approved, should, lambda p: 0)
    record = {"adjustments": [{"action": a.action, "pence": a.pence, "pupil_id": a.pupil_id}
                              for a in worked.adjustments]}
    assert worked.unknown == []
    assert approved_then_adjusted({p: m["account"] for p, m in approved.items()},
                                  record) == {AVA: first, CARA: second}


def test_a_held_slip_of_two_pupils_nobody_tapped_is_approved_then_each_part_taken(office):
    add, shown, _ = office
    got, record = shown_then_confirmed(shown, add(held_two_pupils(sale("nobody", None, 1060,
                                                                       "account"))))
    assert got["moved_words"].endswith("approves it. Approved, it takes nothing from any "
                                       "pupil's account (sent as pupil account, with no pupil "
                                       "identified).")
    assert got["result"]["notes"] == [HELD_AT_PROVIDER]
    assert approved_then_adjusted({}, record) == {AVA: 610, CARA: 450}


def test_the_second_pupil_must_be_one_the_till_knows(office):
    add, shown, _ = office
    entry = add(two_pupils(sale("unknown", AVA, 1060, "account")))
    got = shown(entry, how="pupils", total="10.60", pupil=AVA, part1="6.10",
                part1_how="account", pupil2="P-9999", part2="4.50", part2_how="account")
    assert got["errors"] == {"pupil": "That pupil is not in the till's pupil list: find them "
                                      "by name."}
    assert got["record"] is None


def test_what_the_sale_as_sent_moves_is_said_for_a_free_meal_and_a_refund(office):
    add, shown, _ = office
    meal = add(sale("meal", BEN, 325, "fsm", [("fsm", 240), ("account", 85)]))
    assert shown(meal)["moved_words"] == (
        "As the till sent it, it takes from Ben Okafor (Year 6, account P-0002): £0.85 from "
        "the account and £2.40 from the free-meal allowance (from the account where the "
        "allowance did not cover it).")
    back = add(sale("back", AVA, -150, "account", kind="refund"))
    assert shown(back)["moved_words"] == ("As the till sent it, it pays back to Ava Thompson "
                                          "(Year 4, account P-0001): £1.50 to the account.")
