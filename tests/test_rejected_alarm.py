"""The sales_rejected alarm: raised when the hub refuses a sale, cleared when
a person acknowledges the refusals (`agent journal ack-rejected`), raised
again by the next refusal. The refused sales stay in the journal, rejected."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from agent.clock import rfc3339
from agent.config import Config
from agent.journal.store import JOURNAL_FILE, Journal
from agent.journal.sync_summary import rejected_alarm
from agent.runtime import alarms
from hwsim.hub import Hub
from sync.journal_port import PushOutcome
from tests.console_support import FAST
from tests.support import running_runtime, wait_for
from tests.sync_helpers import TOKEN, sync_cfg, token_file


def agent(state_dir: Path, *argv: str) -> str:
    return subprocess.run([sys.executable, "-m", "agent", *argv, "--state-dir", str(state_dir)],
                          capture_output=True, text=True, check=True).stdout


def status_json(state_dir: Path) -> dict:
    return json.loads(agent(state_dir, "status", "--json"))


def codes(alarm_list: list[str]) -> set[str]:
    return {alarms.code_of(a) for a in alarm_list}


def sale(txn_id: str, tender: str) -> dict:
    return {"id": txn_id, "till_id": "till-1", "kind": "sale",
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            "clock_synced": True, "pupil_id": None, "identified_by": None, "receipt_no": None,
            "lines": [{"description": "Flapjack", "quantity": 1, "amount_pence": 80}],
            "total_pence": 80, "tender": tender, "offline": False, "flags": []}


def test_the_rejected_alarm_clears_once_acknowledged_and_returns_with_the_next_refusal(
        tmp_path):
    cfg = Config(till_id="till-1", state_dir=str(tmp_path))
    with Hub(token=TOKEN) as hub:
        cfg.sync = sync_cfg(hub.base_url, token_file(tmp_path))
        with running_runtime(cfg, FAST) as rt:
            # The simulated hub refuses a sale with no tender (the contract allows it).
            rt.journal.append("sale-1", "sale", sale("sale-1", tender=""))
            rt.journal.append("sale-2", "sale", sale("sale-2", tender="cash"))
            # Waited for in the journal (not by running `agent status` again and
            # again): then `agent status` must show it at once.
            assert wait_for(lambda: rt.journal.refusals().total == 1, timeout=10)
            st = status_json(tmp_path)
            assert "sales_rejected" in codes(st["alarms"])
            assert (st["rejected"], st["rejected_new"], st["rejected_last_seq"]) == (1, 1, 1)
            alarm = next(a for a in st["alarms"] if a.startswith("sales_rejected"))
            assert f"the latest seq 1 at {st['rejected_last_at']}" in alarm
            assert "1 not yet acknowledged" in agent(tmp_path, "status")
            # The hub's health report carries it whole (alarms are clipped at 200 characters).
            assert wait_for(lambda: alarm in rt.health_report()["alarms"])

            said = agent(tmp_path, "journal", "ack-rejected")
            assert "acknowledged 1 refused sale(s), the latest seq 1" in said
            # agent status reads the journal as it is now: cleared at once, the
            # refusal itself still there and still listed.
            st = status_json(tmp_path)
            assert "sales_rejected" not in codes(st["alarms"])
            assert (st["rejected"], st["rejected_new"]) == (1, 0)
            text = agent(tmp_path, "status")
            assert "rejected by hub   : 1  (latest seq 1" in text and "all acknowledged" in text
            assert "seq 1 sale-1:" in text
            # The daemon's next publish (the health report for the hub) clears it too.
            assert wait_for(
                lambda: "sales_rejected" not in codes(rt.health_report()["alarms"]), timeout=5)
            assert rt.health_report()["queue"]["rejected"] == 1

            rt.journal.append("sale-3", "sale", sale("sale-3", tender=""))
            assert wait_for(lambda: rt.journal.refusals().total == 2, timeout=10)
            st = status_json(tmp_path)
            assert (st["rejected"], st["rejected_new"]) == (2, 1)
            alarm = next(a for a in st["alarms"] if a.startswith("sales_rejected"))
            assert alarm.startswith("sales_rejected: 1 sale(s) refused by the hub since last "
                                    "acknowledged, the latest seq 3")
            assert "(2 in all;" in alarm


def test_a_refusal_of_an_older_sale_after_the_acknowledgement_raises_the_alarm_again(tmp_path):
    # The hub left sale-1 unanswered and refused sale-2; a person acknowledged
    # that; the next drain sends sale-1 again and the hub refuses it too.
    with Journal(tmp_path / JOURNAL_FILE) as journal:
        journal.append("sale-1", "sale", sale("sale-1", tender=""))
        journal.append("sale-2", "sale", sale("sale-2", tender=""))
        journal.record_outcomes([PushOutcome(2, "sale-2", "rejected", "no tender")], 10.0)
        assert journal.ack_rejected().new == 0
        journal.record_outcomes([PushOutcome(1, "sale-1", "rejected", "no tender")], 20.0)
        refused = journal.refusals()
    assert (refused.total, refused.new, refused.acknowledged) == (2, 1, 1)
    assert rejected_alarm(refused).startswith("sales_rejected: 1 sale(s) refused by the hub")
    # The latest is the highest seq refused, with when its own refusal was recorded.
    assert (refused.last_seq, refused.last_at) == (2, rfc3339(10.0))


def test_the_refused_sales_alarm_says_one_sale_or_two_sales_never_sale_s():
    one = alarms.explain("sales_rejected: x", {"rejected": 1}).sentence
    two = alarms.explain("sales_rejected: x", {"rejected": 2}).sentence
    unknown = alarms.explain("sales_rejected: x").sentence
    assert one.startswith("The payment provider refused 1 sale: kept")
    assert two.startswith("The payment provider refused 2 sales: kept")
    assert unknown.startswith("The payment provider refused an unknown number of sales:")


def test_what_to_do_about_refused_sales_says_it_for_one_and_them_for_more():
    one = alarms.explain("sales_rejected: x", {"rejected": 1}).action
    two = alarms.explain("sales_rejected: x", {"rejected": 2}).action
    unknown = alarms.explain("sales_rejected: x").action
    # What to do in order, as the office reads it on a hard day: serving goes on;
    # find the paper, call the supplier, and nothing entered by hand before it says how.
    assert one == ("Keep serving: other sales are not affected. 1. Find its paper receipt by "
                   "the number and time listed under \"Refused by the payment provider\". "
                   "2. Call the till supplier with them. 3. Put it right at the payment "
                   "provider only as the till supplier tells you: do not ring it up again at "
                   "the till, nor enter it at the payment provider before then, or the pupil "
                   "could be charged twice.")
    assert two.startswith("Keep serving: other sales are not affected. 1. Find the paper "
                          "receipts by the numbers and times listed")
    assert "do not ring them up again" in two and "again by hand" not in two
    assert unknown == two  # not known how many: said for more than one
