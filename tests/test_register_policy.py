"""Meals from a paper register go through the same offline policy as a sale
at the till, and ``agent report debt`` (the one definition of debt) counts
them (issue 15, defect 6). Through the real command line, with the real
roster cache and journal."""

from __future__ import annotations

import json

import pytest

from agent.cli import main
from agent.clock import FakeClock
from agent.journal.store import Journal
from agent.reports.registers import HEADER
from sync.contract import Pupil
from tests.support import till_with_roster

DAY = "2026-11-30"


def pupil(pid, name, balance, fsm=False, debt_limit=500):
    return Pupil(id=pid, display_name=name, year_group="Y3", card_uids=(), biometric_ids=(),
                 balance_pence=balance, fsm=fsm, daily_limit_pence=None,
                 debt_limit_pence=debt_limit, allergens=(), biometric_consent=True)


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    state, cfg = till_with_roster(  # pulled just now: not stale
        tmp_path, [pupil("P1", "Ada Lovelace", 0), pupil("P2", "Ben Okri", 0, fsm=True),
                   pupil("P3", "Cleo Reyes", 1000), pupil("P4", "Dan Wu", 0, debt_limit=0)],
        config="[policy]\nmeal_price_pence = 240\nfsm_value_pence = 240\n")
    return tmp_path, state, str(cfg)


def import_marks(site, pupils, *answers):
    tmp, _state, cfg = site
    reg = tmp / "filled.csv"
    reg.write_text(",".join(HEADER) + "\n"
                   + "".join(f"{DAY},{p},name,Y3,y\n" for p in pupils), encoding="utf-8")
    assert main(["register", "import", str(reg), *answers, "--config", cfg]) == 0


def debt(site, capsys):
    _tmp, _state, cfg = site
    capsys.readouterr()
    assert main(["report", "debt", "--json", "--config", cfg]) == 0
    return {p["pupil_id"]: p for p in json.loads(capsys.readouterr().out)["pupils"]}


def test_a_register_meal_taken_with_nothing_in_the_account_is_debt(site, capsys):
    import_marks(site, ["P1", "P2", "P3"])
    owed = debt(site, capsys)
    assert set(owed) == {"P1"}  # Ben's meal is his free meal; Cleo is in credit
    ada = owed["P1"]
    assert (ada["owed_pence"], ada["sales_pence"], ada["count"]) == (240, 240, 1)
    assert ada["flags"] == ["offline_debt"] and ada["dates"] == [DAY]


def test_a_register_meal_adds_to_debt_the_till_made_earlier(site, capsys):
    _tmp, state, _cfg = site
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append("hall-1:t1", "sale", {
            "till_id": "hall-1", "occurred_at": f"{DAY}T11:50:00.000Z", "clock_synced": True,
            "pupil_id": "P1", "identified_by": "card", "receipt_no": "1",
            "lines": [{"description": "Juice", "quantity": 1, "amount_pence": 100}],
            "total_pence": 100, "tender": "account", "offline": True,
            "flags": ["offline_debt"]})
    # The till sold her a juice that day: the paper meal is another one (line 2).
    import_marks(site, ["P1"], "--keep", "2")
    ada = debt(site, capsys)["P1"]
    assert (ada["owed_pence"], ada["sales_pence"], ada["count"]) == (340, 340, 2)


def test_register_meals_get_the_policys_flags_and_tender(site):
    _tmp, state, _cfg = site
    import_marks(site, ["P1", "P2", "P4"])
    with Journal.in_state_dir(state, readonly=True) as j:
        by = {e.transaction["pupil_id"]: e.transaction for e in j.entries()}
    assert by["P2"]["tender"] == "fsm" and by["P2"]["flags"] == []
    assert by["P1"]["offline"] is True
    # No debt allowed and nothing in the account: past the limit, still journaled.
    assert by["P4"]["flags"] == ["offline_debt", "over_debt_limit"]


def test_importing_again_judges_nothing_twice(site, capsys):
    import_marks(site, ["P1"])
    import_marks(site, ["P1"])
    assert debt(site, capsys)["P1"]["owed_pence"] == 240
