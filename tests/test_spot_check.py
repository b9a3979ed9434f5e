"""The office's spot check (``agent.sale.spot_check``): which receipts read
without a flag the console asks about (one a trading day, the newest few
days, never one twice), and the tally the doctor and the metric say. Pure:
seqs, ids, days, flag codes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agent.sale.spot_check import (
    SPOT_CHECKS_WAITING,
    SpotTally,
    spot_picks,
    spot_rank,
    spot_tally,
)

DAYS = [f"2026-12-{d:02d}" for d in range(1, 11)]
sales = st.lists(st.tuples(st.sampled_from(DAYS), st.uuids().map(str)), max_size=60,
                 unique_by=lambda s: s[1])


@given(sales, st.sets(st.sampled_from(DAYS)), st.sets(st.integers(0, 59)))
def test_one_receipt_a_day_of_the_newest_days_never_a_day_already_checked(
        drawn, checked_days, no_paper):
    listed = [(seq, txn_id, day) for seq, (day, txn_id) in enumerate(drawn)]
    picks = spot_picks(listed, checked_days, askable=lambda seq: seq not in no_paper)
    day_of = {seq: day for seq, _, day in listed}
    newest = sorted({day for _, _, day in listed}, reverse=True)[:SPOT_CHECKS_WAITING]
    assert picks == sorted(picks) and len(picks) <= SPOT_CHECKS_WAITING
    assert len({day_of[s] for s in picks}) == len(picks)  # one a day
    for seq in picks:
        day = day_of[seq]
        assert day in newest and day not in checked_days and seq not in no_paper
        # The day's draw: the first of its sales by the ids' hash that can be shown.
        shown = [(spot_rank(t), s) for s, t, d in listed if d == day and s not in no_paper]
        assert seq == min(shown)[1]
    # Every newest day not yet checked with a receipt to show is asked.
    asked = {day for day in newest if day not in checked_days
             and any(d == day and s not in no_paper for s, _, d in listed)}
    assert {day_of[s] for s in picks} == asked


def test_the_draw_is_stable_and_not_the_order_sales_were_rung_up():
    day = [(seq, f"txn-{seq}", "2026-12-04") for seq in range(1, 41)]
    (pick,) = spot_picks(day, set())
    assert spot_picks(list(reversed(day)), set()) == [pick]  # the same on every reload
    firsts = {spot_picks([(s, f"{salt}-{s}", "d") for s in range(1, 41)], set())[0]
              for salt in "abcdefgh"}
    assert len(firsts) > 1  # ids, not places, decide


def test_the_tally_counts_the_newest_checks_of_sales_no_flag_held():
    checks = [([], "differs"), (["unread_tender"], "differs"), (["unsure_date"], "as_read"),
              ([], "as_read"), ([], "differs")]
    # unread_tender holds a sale for a person: that check is no spot check;
    # unsure_date does not: the sale was read without doubt about its money.
    assert spot_tally(checks) == SpotTally(checked=4, wrong=2)
    assert spot_tally(checks, recent=2) == SpotTally(checked=2, wrong=1)
    assert SpotTally(4, 2).summary() == "spot checks: 4 checked, 2 found wrong"
    advice = SpotTally(20, 2).advice("agent receipt learn --from-reviews")
    assert advice.startswith("the till read 2 of the last 20 spot-checked receipt(s) wrong "
                             "without flagging them")
    assert "`agent receipt learn --from-reviews`" in advice and "supplier" in advice
    assert SpotTally(20, 0).advice("x") == ""
