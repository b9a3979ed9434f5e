"""`agent report debt`: after an outage, what each pupil owes from the sales
the till made while the hub was unreachable."""

from __future__ import annotations

import csv
import io
import json

import pytest

from agent.cli import main
from agent.clock import FakeClock
from agent.journal.store import Journal
from sync.contract import Pupil
from sync.roster_store import RosterStore


def pupil(pid, name, balance, yg="Y4"):
    return Pupil(id=pid, display_name=name, year_group=yg, card_uids=(), biometric_ids=(),
                 balance_pence=balance, fsm=False, daily_limit_pence=None,
                 debt_limit_pence=1000, allergens=(), biometric_consent=True)


def sale(pid, total, flags, day="2026-11-30", tender="account"):
    return {"till_id": "till-1", "occurred_at": f"{day}T12:00:00.000Z", "clock_synced": True,
            "pupil_id": pid, "identified_by": "card", "receipt_no": None,
            "lines": [{"description": "Meal", "quantity": 1, "amount_pence": total}],
            "total_pence": total, "tender": tender, "offline": bool(flags), "flags": flags}


@pytest.fixture
def outage(tmp_path, monkeypatch):
    """A lunch service where the hub went away at noon on the 30th."""
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    roster = RosterStore.in_state_dir(tmp_path)
    roster.apply([pupil("P1", "Ada Lovelace", 100), pupil("P2", "Alan Turing", -900, "Y3"),
                  pupil("P3", "Grace Hopper", 3000)], [], "c1", 0, 1_795_000_000.0, True)
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        j.append("t:1", "sale", sale("P3", 240, [], day="2026-11-27"))
        j.append("t:2", "sale", sale("P2", 240, ["offline_debt", "over_debt_limit"],
                                     day="2026-11-27"))
        j.append("t:3", "sale", sale("P1", 240, ["offline_debt"]))
        j.append("t:4", "sale", sale("P2", 240, ["offline_debt", "over_debt_limit"]))
        j.append("t:5", "sale", sale("P3", 240, []))  # in credit: owes nothing
        j.append("t:6", "sale", sale("P1", 240, ["offline_debt"], tender="cash"))  # paid cash
    return tmp_path, roster


def report(state, *extra):
    return main(["report", "debt", "--state-dir", str(state), *extra])


def test_the_debt_report_lists_what_each_pupil_owes(outage, capsys):
    state, _roster = outage
    assert report(state, "--json") == 0
    got = json.loads(capsys.readouterr().out)
    by_id = {p["pupil_id"]: p for p in got["pupils"]}
    assert set(by_id) == {"P1", "P2"}
    ada, alan = by_id["P1"], by_id["P2"]
    assert (ada["owed_pence"], ada["sales_pence"], ada["count"]) == (140, 240, 2)
    assert ada["display_name"] == "Ada Lovelace" and ada["year_group"] == "Y4"
    assert (alan["owed_pence"], alan["sales_pence"], alan["count"]) == (480, 480, 2)
    assert alan["dates"] == ["2026-11-27", "2026-11-30"]
    assert alan["flags"] == ["offline_debt", "over_debt_limit"]
    assert got["total_owed_pence"] == 620
    assert [p["pupil_id"] for p in got["pupils"]] == ["P2", "P1"]  # by year group


def test_since_limits_the_report_to_the_outage(outage, capsys):
    state, _ = outage
    assert report(state, "--since", "2026-11-30", "--json") == 0
    alan = {p["pupil_id"]: p for p in json.loads(capsys.readouterr().out)["pupils"]}["P2"]
    assert alan["count"] == 1 and alan["sales_pence"] == 240


def test_after_service_returns_a_top_up_clears_the_debt(outage, capsys):
    state, roster = outage
    # The hub applied everything; Ada's parent paid £5.
    roster.apply([pupil("P1", "Ada Lovelace", 360)], [], "c2", 6, 1_795_100_000.0, False)
    assert report(state, "--json") == 0
    by_id = {p["pupil_id"]: p for p in json.loads(capsys.readouterr().out)["pupils"]}
    assert by_id["P1"]["owed_pence"] == 0 and by_id["P1"]["sales_pence"] == 240
    assert by_id["P2"]["owed_pence"] == 480


def test_a_pupil_who_left_the_roster_still_owes(outage, capsys):
    state, roster = outage
    roster.apply([], ["P2"], "c3", 0, 1_795_100_000.0, False)
    assert report(state, "--json") == 0
    alan = {p["pupil_id"]: p for p in json.loads(capsys.readouterr().out)["pupils"]}["P2"]
    assert alan["display_name"] == "(not in roster)" and alan["owed_pence"] == 480


def test_text_and_csv_for_staff(outage, capsys):
    state, _ = outage
    assert report(state) == 0
    text = capsys.readouterr().out
    assert "Ada Lovelace" in text and "£1.40" in text and "Total owed: £6.20 by 2" in text
    assert report(state, "--csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["pupil_id"], r["owed_pence"]) for r in rows] == [("P2", "480"), ("P1", "140")]


def test_no_journal_no_debt(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    assert report(tmp_path) == 0
    assert "No offline debt" in capsys.readouterr().out
