"""The offline policy, rule by rule, for a primary and a secondary school, with
balances from a real journal and a real roster store in tmp_path."""

from __future__ import annotations

import dataclasses

import pytest

from agent.clock import FakeClock
from agent.config import PolicyConfig
from agent.journal.store import Journal
from agent.sale.balances import Ledger
from agent.sale.transaction import Books, Sale, transaction
from sync.contract import Line, Pupil
from sync.roster_store import RosterStore

DAY1 = "2026-11-30T12:0{}:00.000Z"
DAY2 = "2026-12-01T12:0{}:00.000Z"
MEAL = [("Pasta bake", 1, 240)]
COOKIE = [("Cookie", 1, 100)]


def pupil(pid, **kw):
    base = dict(id=pid, display_name=f"Pupil {pid}", year_group="Y3", card_uids=(),
                biometric_ids=(), balance_pence=1000, fsm=False, daily_limit_pence=None,
                debt_limit_pence=1000, allergens=(), biometric_consent=True)
    base.update(kw)
    return Pupil(**base)


def ring_up(tid, pid, lines, *, tender="account", offline=True, when=DAY1.format(1),
            kind="sale", by="card", clock_synced=True, total=None, flags=()):
    """A sale at the till: ``pid`` identified ``by`` a card (or nobody)."""
    return Sale(tid, "till-1", kind, when, tid.rsplit(":", 1)[-1], tuple(Line(*ln) for ln in lines),
                sum(a for _d, _q, a in lines) if total is None else total, tender,
                frozenset(flags), None, pid, by, clock_synced, offline)


class Canteen:
    """One till: its journal, its cached roster, its ledger, its policy."""

    def __init__(self, tmp_path, school, pupils, applied=0, **policy):
        self.policy = PolicyConfig(school=school, meal_price_pence=240, fsm_value_pence=240,
                                   **policy)
        self.journal = Journal.in_state_dir(tmp_path, FakeClock())
        self.roster = RosterStore.in_state_dir(tmp_path)
        self.roster.apply(pupils, [], "c1", applied, 1_795_000_000.0, True)
        self.ledger = Ledger.from_journal(self.journal, self.policy.fsm_value_pence)
        self.n = 0

    def sell(self, pid, lines, *, tender="account", offline=True, when=DAY1, kind="sale",
             roster_age_s=3600.0, clock_synced=True, by="card"):
        """Ring up a sale, apply the policy, journal it; the final transaction."""
        self.n += 1
        total = sum(a for _d, _q, a in lines)
        sale = ring_up(f"till-1:{self.n}", pid, lines, tender=tender, offline=offline,
                       when=when.format(self.n % 10), kind=kind, by=by,
                       clock_synced=clock_synced, total=-total if kind == "refund" else total)
        p = self.roster.get(pid) if pid else None
        books = Books(self.ledger, self.policy, self.roster.info().till_seq_applied,
                      roster_age_s)
        txn = transaction(sale, p, books)
        entry, created = self.journal.append(txn.id, kind, txn)
        assert created
        self.ledger.add(entry.seq, entry.transaction)
        return entry.transaction

    def close(self):
        self.journal.close()


@pytest.fixture
def primary(tmp_path):
    c = Canteen(tmp_path, "primary", [
        pupil("P1", balance_pence=300),
        pupil("P2", balance_pence=-900, debt_limit_pence=1000),
        pupil("P3", balance_pence=0, fsm=True),
        pupil("P4", balance_pence=5000, daily_limit_pence=300),
        pupil("P5", allergens=("peanut", "egg")),
        pupil("P6", balance_pence=500),
    ])
    yield c
    c.close()


@pytest.fixture
def secondary(tmp_path):
    c = Canteen(tmp_path, "secondary", [
        pupil("S1", balance_pence=0, debt_limit_pence=0, year_group="Y9"),
        pupil("S2", balance_pence=2000, year_group="Y10"),
    ])
    yield c
    c.close()


def money_flags(txn):
    return [f for f in txn["flags"] if f in ("offline_debt", "over_debt_limit",
                                               "insufficient_funds", "over_daily_limit")]


# --- primary -----------------------------------------------------------------

def test_primary_a_pupil_in_credit_gets_no_flags(primary):
    assert primary.sell("P1", MEAL)["flags"] == []


def test_primary_offline_a_pupil_may_go_into_debt_up_to_the_limit(primary):
    primary.sell("P1", MEAL)  # 300 -> 60
    assert money_flags(primary.sell("P1", MEAL)) == ["offline_debt"]  # 60 -> -180


def test_primary_beyond_the_debt_limit_is_flagged_but_still_journaled(primary):
    txn = primary.sell("P2", MEAL)  # -900 - 240 < -1000
    assert money_flags(txn) == ["offline_debt", "over_debt_limit"]
    assert primary.journal.count() == 1


def test_primary_online_debt_within_the_limit_is_the_hubs_business(primary):
    primary.sell("P1", MEAL, offline=False)
    assert money_flags(primary.sell("P1", MEAL, offline=False)) == []
    assert money_flags(primary.sell("P2", MEAL, offline=False)) == ["over_debt_limit"]


def test_the_provisional_balance_counts_this_tills_unsynced_sales_once(tmp_path):
    c = Canteen(tmp_path, "primary", [pupil("P6", balance_pence=500)])
    assert money_flags(c.sell("P6", MEAL)) == []  # 500 -> 260
    assert money_flags(c.sell("P6", MEAL)) == []  # 260 -> 20
    # The hub applies both and the roster says so: balance 20, applied up to seq 2.
    c.roster.apply([pupil("P6", balance_pence=20)], [], "c2", 2, 1_795_000_100.0, False)
    assert c.ledger.provisional_balance(20, "P6", 2) == 20
    assert money_flags(c.sell("P6", MEAL)) == ["offline_debt"]  # 20 -> -220
    assert c.ledger.provisional_balance(20, "P6", 2) == -220
    c.close()


def test_fsm_pays_the_first_meal_of_the_day_without_carry_over(primary):
    first = primary.sell("P3", MEAL)
    assert first["tender"] == "fsm" and money_flags(first) == []
    second = primary.sell("P3", COOKIE)  # the allowance is spent: account, balance 0
    assert second["tender"] == "account" and money_flags(second) == ["offline_debt"]
    tomorrow = primary.sell("P3", MEAL, when=DAY2)
    assert tomorrow["tender"] == "fsm" and money_flags(tomorrow) == []


def test_fsm_a_meal_dearer_than_the_allowance_charges_the_difference(primary):
    txn = primary.sell("P3", [("Roast dinner", 1, 300)])
    assert txn["tender"] == "fsm" and money_flags(txn) == ["offline_debt"]
    assert primary.ledger.provisional_balance(0, "P3", 0) == -60


def test_the_daily_spend_limit(primary):
    assert money_flags(primary.sell("P4", MEAL)) == []
    assert money_flags(primary.sell("P4", COOKIE)) == ["over_daily_limit"]
    assert money_flags(primary.sell("P4", COOKIE, when=DAY2)) == []


def test_cash_sales_never_touch_the_account(primary):
    assert money_flags(primary.sell("P2", MEAL, tender="cash")) == []


def test_allergens_named_in_a_line_alert_the_operator(primary):
    assert "allergen_alert" in primary.sell("P5", [("PEANUT cookie", 1, 90)])["flags"]
    assert "allergen_alert" in primary.sell("P5", [("Scrambled eggs", 1, 120)])["flags"]
    assert "allergen_alert" not in primary.sell("P5", [("Veggie pasta", 1, 240)])["flags"]


def test_a_refund_gets_no_money_flags(primary):
    assert money_flags(primary.sell("P2", MEAL, kind="refund")) == []


def test_an_identified_pupil_the_roster_does_not_know(primary):
    txn = primary.sell(None, MEAL, by="card")
    assert "unknown_pupil" in txn["flags"]
    assert "unknown_pupil" not in primary.sell(None, MEAL, by=None, tender="cash")["flags"]


def test_a_stale_or_missing_roster_and_an_unsynced_clock_are_flagged(primary):
    assert "roster_stale" in primary.sell("P1", COOKIE, roster_age_s=37 * 3600)["flags"]
    assert "roster_stale" in primary.sell("P1", COOKIE, roster_age_s=None)["flags"]
    assert "roster_stale" not in primary.sell("P1", COOKIE, roster_age_s=3600)["flags"]
    assert "clock_unsynced" in primary.sell("P1", COOKIE, clock_synced=False)["flags"]


# --- secondary -----------------------------------------------------------------

def test_secondary_short_of_funds_offline_the_main_dish_is_allowed(secondary):
    assert money_flags(secondary.sell("S1", MEAL)) == ["offline_debt"]


def test_secondary_anything_beyond_the_main_dish_is_insufficient_funds(secondary):
    txn = secondary.sell("S1", MEAL + COOKIE)
    assert money_flags(txn) == ["insufficient_funds", "offline_debt"]


def test_secondary_online_a_shortfall_is_insufficient_funds(secondary):
    assert money_flags(secondary.sell("S1", MEAL, offline=False)) == ["insufficient_funds"]


def test_secondary_in_credit_gets_no_flags(secondary):
    assert money_flags(secondary.sell("S2", MEAL + COOKIE)) == []


# --- the policy alone ----------------------------------------------------------

def test_the_policy_keeps_the_tills_own_flags():
    p = pupil("P9", balance_pence=0, debt_limit_pence=0)
    sale = ring_up("t:1", "P9", MEAL, flags=("unparsed_receipt",))
    txn = transaction(sale, p, Books(Ledger(240), PolicyConfig(), 0, 60.0))
    assert txn.flags == ("offline_debt", "over_debt_limit", "unparsed_receipt")


def test_the_debt_limit_falls_back_to_the_policy_default_when_absent():
    p = dataclasses.replace(pupil("P9", balance_pence=0), debt_limit_pence=None)
    sale = ring_up("t:1", "P9", MEAL)
    books = Books(Ledger(240), PolicyConfig(default_debt_limit_pence=1000), 0, 1.0)
    assert transaction(sale, p, books).flags == ("offline_debt",)


@pytest.mark.parametrize("allergen, line, named", [
    ("fish", "Fish fingers", True),
    ("fish", "Shellfish-free soup", False),
    ("nut", "Coconut bar", False),
    ("Nut", "Nuts & raisins", True),
])
def test_allergen_matching_is_whole_word_and_case_insensitive(allergen, line, named):
    p = pupil("P9", allergens=(allergen,))
    txn = transaction(ring_up("t:1", "P9", [(line, 1, 100)]), p,
                      Books(Ledger(240), PolicyConfig(), 0, 1.0))
    assert ("allergen_alert" in txn.flags) is named


# --- the ledger behind the provisional balance ---------------------------------

def test_after_a_restart_the_ledger_replays_the_journal_to_the_same_balances(tmp_path):
    c = Canteen(tmp_path, "primary", [pupil("P6", balance_pence=500),
                                      pupil("P3", balance_pence=0, fsm=True)])
    c.sell("P6", MEAL)
    c.sell("P3", [("Roast dinner", 1, 300)])  # 240 FSM + 60 account
    c.sell("P6", COOKIE, when=DAY2)
    replayed = Ledger.from_journal(c.journal, 240)
    for led in (c.ledger, replayed):
        assert led.provisional_balance(500, "P6", 0) == 160
        assert led.provisional_balance(0, "P3", 0) == -60
        assert led.day("P6", "2026-12-01").charged_pence == 100
    # The hub applied the first two; a ledger built with that knowledge keeps less.
    applied = Ledger.from_journal(c.journal, 240, till_seq_applied=2)
    assert applied.provisional_balance(260, "P6", 2) == 160
    c.ledger.forget_applied(2)
    assert c.ledger.provisional_balance(260, "P6", 2) == 160
    assert c.ledger.unsynced_charges("P3", 2) == 0
    c.close()
