"""Today's spend and balance on the display (and for the daily-limit flag)
follow the contract's rule: the hub's ``spent_today_pence`` covers what it
has applied, the till adds only its own sales the hub has not applied; a
sale is counted once, whether it is unsent, acknowledged but not yet in a
roster, or in the roster. Proved with a real journal, the simulated hub over
loopback HTTP and a real roster cache, one pull and push at a time."""

from __future__ import annotations

import dataclasses
import time

import pytest

from agent.config import PolicyConfig
from agent.console.views import pupil_view
from agent.sale.balances import Ledger
from agent.sale.policy import judged
from hwsim.hub import Hub
from hwsim.school import generate_school
from sync.client import HubClient
from sync.contract import Transaction
from sync.pusher import Pusher
from sync.roster_pull import pull_roster
from sync.roster_store import RosterStore
from tests.console_support import AVA
from tests.sync_helpers import TILL, TOKEN, journal_with, sale, sync_cfg, token_file

DAY = "2026-11-30"  # the day of tests.sync_helpers.sale


def view(pupil, ledger: Ledger, applied: int, day: str = DAY) -> dict:
    return pupil_view(pupil, ledger, fsm_value_pence=240, default_debt_limit_pence=500,
                      till_seq_applied=applied, day=day)


def test_without_the_hubs_figure_the_till_counts_its_own_sales_and_says_so():
    led = Ledger(240)
    led.add(1, {**sale(1, pupil=AVA.id, total=150)})
    v = view(AVA, led, applied=0)
    assert v["limit_left"] == "£2.50" and v["limit_note"] == "this till's sales only"
    led.forget_applied(1)  # at the hub now, but the hub says nothing of today
    assert view(AVA, led, applied=1)["limit_left"] == "£2.50"


def test_the_hubs_figure_plus_the_tills_unapplied_sales_never_twice():
    led = Ledger(240)
    led.add(1, sale(1, pupil=AVA.id, total=150))
    # Before the hub has it: the hub's figure (another till's 1.00) + ours.
    hub_before = dataclasses.replace(AVA, spent_today_pence=100, spent_today_date=DAY)
    v = view(hub_before, led, applied=0)
    assert v["limit_left"] == "£1.50" and v["limit_note"] == ""
    assert v["balance"] == "£11.00"
    # The hub applied it: its figure and balance now include it, and the
    # roster's till_seq_applied says so; the till stops adding it.
    hub_after = dataclasses.replace(AVA, balance_pence=1100, spent_today_pence=250,
                                    spent_today_date=DAY)
    for forgotten in (False, True):  # before and after the ledger drops it
        if forgotten:
            led.forget_applied(1)
        v = view(hub_after, led, applied=1)
        assert v["limit_left"] == "£1.50" and v["balance"] == "£11.00"


def test_a_figure_for_another_day_counts_as_nothing_today():
    led = Ledger(240)
    yesterday = dataclasses.replace(AVA, spent_today_pence=400, spent_today_date="2026-11-29")
    assert view(yesterday, led, applied=0)["limit_left"] == "£4.00"


@pytest.fixture
def world(tmp_path):
    school = generate_school(seed=8, pupils=10)
    pupil = next(p for p in school if p["id"] == "P000001")
    pupil.update(daily_limit_pence=1000, balance_pence=3000, debt_limit_pence=500)
    hub = Hub(roster=school, token=TOKEN, spend_today=True)
    hub.start("127.0.0.1", 0)
    client = HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL)
    store = RosterStore.in_state_dir(tmp_path / "roster")
    journal = journal_with(tmp_path / "journal", 2)  # two 2.40 account sales, P000001
    yield hub, client, store, journal
    journal.close()
    store.close()
    client.close()
    hub.stop()
    hub.core.close()


def test_against_the_hub_a_sale_is_counted_once_at_every_step(world):
    hub, client, store, journal = world
    other_till = {**sale(50, till="till-2"), "id": "till-2:1", "seq": 1, "kind": "sale"}
    hub.core.push("till-2", {"transactions": [other_till]})  # 2.40 at another till
    ledger = Ledger.from_journal(journal, 240)

    def figures() -> tuple[str, str]:
        info = store.info()
        ledger.forget_applied(info.till_seq_applied)
        v = view(store.get("P000001"), ledger, info.till_seq_applied)
        return v["limit_left"], v["balance"]

    # 1. Nothing of ours sent: the hub knows the other till's 2.40.
    pull_roster(client, store, 1.0)
    assert store.get("P000001").spent_today_pence == 240
    assert figures() == ("£2.80", "£22.80")  # 10.00 - 2.40 - 4.80; 30.00 - 2.40 - 4.80
    # 2. Pushed and acknowledged, no roster since: still once, by the till.
    rep = Pusher(client, journal, 200, time.time).drain()
    assert rep.accepted == 2
    assert figures() == ("£2.80", "£22.80")
    # 3. The roster carries them: counted once, by the hub.
    pull_roster(client, store, 2.0)
    assert store.info().till_seq_applied == 2
    assert store.get("P000001").spent_today_pence == 720
    assert figures() == ("£2.80", "£22.80")
    # 4. A third sale, journaled and not sent: the till adds only that one.
    journal.append(f"{TILL}:3", "sale", sale(3))
    entry = journal.get(f"{TILL}:3")
    ledger.add(entry.seq, entry.transaction)
    assert figures() == ("£0.40", "£20.40")


def test_the_daily_limit_flag_uses_the_same_sum(world):
    hub, client, store, journal = world
    other = {**sale(50, till="till-2", total=900), "id": "till-2:1", "seq": 1, "kind": "sale"}
    hub.core.push("till-2", {"transactions": [other]})
    pull_roster(client, store, 1.0)
    ledger = Ledger(240)
    pupil = store.get("P000001")
    policy = PolicyConfig(school="primary")
    # 9.00 spent at the other till (the hub says so): 2.40 more passes 10.00.
    out = judged(pupil, Transaction.from_json({**sale(1), "id": f"{TILL}:1", "kind": "sale"}),
                 ledger, policy, till_seq_applied=0, roster_age_s=1.0)
    assert "over_daily_limit" in out.flags
