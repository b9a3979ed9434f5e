"""A split payment carried whole (issue 13): a receipt that printed two
tenders is journaled with its parts, and the pupil's account is charged
exactly its part, at the till and at the hub, once however often it is
sent. The receipts are real ESC/POS bytes (python-escpos) through the
till's pipeline; the hub is the simulator over loopback HTTP."""

from __future__ import annotations

import dataclasses
import time

from escpos.printer import Dummy

from agent.clock import FakeClock
from agent.config import Config
from agent.journal.store import Journal
from agent.sale.pipeline import ReceiptPipeline
from sync.client import HubClient
from sync.contract import Pupil
from sync.pusher import Pusher
from sync.roster_store import RosterStore
from tests.sync_helpers import TILL, running_hub, sync_cfg, token_file

T0 = 1_795_000_000.0  # 2026-11-19, lunchtime by the till's clock
FSM_VALUE = 240  # the policy's default free-meal value


def pupil(pid: str, balance: int, *, fsm: bool = False, daily_limit: int | None = None
          ) -> Pupil:
    return Pupil(id=pid, display_name=f"Pupil {pid}", year_group="Y9", card_uids=(),
                 biometric_ids=(), balance_pence=balance, fsm=fsm, daily_limit_pence=daily_limit,
                 debt_limit_pence=0, allergens=(), biometric_consent=True)


def money(pence: int) -> str:
    return f"£{pence // 100}.{pence % 100:02d}"


def receipt(no: str, account: str, items: list[tuple[str, int]],
            paid: list[tuple[str, int]], change: int = 0) -> bytes:
    """A school till's receipt, printed the way a POS drives its printer."""
    p = Dummy()
    p.set(align="center", bold=True)
    p.text("ACADEMY CANTEEN\n")
    p.set(align="left", bold=False)
    p.text(f"Receipt No: {no}\n")
    for desc, pence in items:
        p.text(f"{desc:<30}{money(pence):>10}\n")
    p.text(f"{'TOTAL':<30}{money(sum(a for _d, a in items)):>10}\n")
    for word, pence in paid:
        p.text(f"{word:<30}{money(pence):>10}\n")
    if change:
        p.text(f"{'Change':<30}{money(change):>10}\n")
    p.text(f"Account: {account}\n")
    p.cut()
    return p.output


class Till:
    """A till with its pipeline, journal and cached roster."""

    def __init__(self, tmp_path, pupils: list[Pupil]):
        self.roster = RosterStore.in_state_dir(tmp_path)
        self.roster.apply(pupils, [], "c1", 0, T0 - 60, True)
        self.journal = Journal.in_state_dir(tmp_path, FakeClock())
        self.pipeline = ReceiptPipeline(Config(till_id=TILL, state_dir=str(tmp_path)),
                                        self.journal, self.roster, offline=lambda: False)
        self.now = T0

    def prints(self, data: bytes) -> dict:
        self.pipeline.till_bytes(data, self.now)
        self.pipeline.job_end(self.now + 0.2)
        self.now += 60
        return list(self.journal.entries())[-1].transaction

    def balance(self, pid: str) -> int:
        """The provisional balance the till shows (nothing applied by a hub yet)."""
        return self.pipeline.ledger.provisional_balance(self.roster.get(pid).balance_pence,
                                                        pid, 0)

    def close(self) -> None:
        self.journal.close()
        self.roster.close()


def push_all(tmp_path, hub, journal: Journal) -> None:
    client = HubClient(sync_cfg(hub.base_url, token_file(tmp_path)), TILL)
    try:
        Pusher(client, journal, 50, clock=time.time).drain()
    finally:
        client.close()


def hub_roster(*pupils: Pupil) -> list[dict]:
    return [p.to_json() for p in pupils]


def test_an_account_and_cash_split_charges_only_the_account_part_at_the_till_and_hub(tmp_path):
    p1 = pupil("P000001", 1000)
    till = Till(tmp_path, [p1])
    sale = till.prints(receipt("000101", "P000001", [("Pasta bake", 240), ("Cookie", 85)],
                               [("Account", 100), ("Cash", 500)], change=275))
    assert sale["tenders"] == [{"tender": "account", "amount_pence": 100},
                               {"tender": "cash", "amount_pence": 225}]
    assert sale["total_pence"] == 325 and "split_tender" in sale["flags"]
    assert till.balance("P000001") == 900  # not 1000 - 325, not 1000
    with running_hub(hub_roster(p1)) as hub:
        push_all(tmp_path, hub, till.journal)
        assert hub.core.pupil("P000001")["balance_pence"] == 900
    till.close()


def test_a_free_meal_topped_up_in_cash_leaves_the_account_untouched_beyond_the_excess(tmp_path):
    # The meal deal is over the free-meal allowance: the till printed the
    # free meal's part and took the rest in cash. Only the free-meal part's
    # excess over the day's allowance (2.73 - 2.40) is the account's.
    p2 = pupil("P000002", 500, fsm=True)
    till = Till(tmp_path, [p2])
    sale = till.prints(receipt("000102", "P000002", [("Meal deal", 325)],
                               [("Free meal", 273), ("Cash", 100)], change=48))
    assert sale["tenders"] == [{"tender": "fsm", "amount_pence": 273},
                               {"tender": "cash", "amount_pence": 52}]
    assert till.balance("P000002") == 500 - (273 - FSM_VALUE)
    # The allowance is used: a second split that day has no allowance left.
    till.prints(receipt("000103", "P000002", [("Fruit pot", 60)],
                        [("Free meal", 40), ("Cash", 20)]))
    assert till.balance("P000002") == 500 - 33 - 40
    with running_hub(hub_roster(p2)) as hub:
        push_all(tmp_path, hub, till.journal)
        assert hub.core.pupil("P000002")["balance_pence"] == 500 - 33 - 40
    till.close()


def test_a_split_within_the_allowance_and_paid_by_card_charges_the_account_nothing(tmp_path):
    p3 = pupil("P000003", 500, fsm=True)
    till = Till(tmp_path, [p3])
    sale = till.prints(receipt("000104", "P000003", [("Meal deal", 330)],
                               [("Free meal", 230), ("Card", 100)]))
    assert [t["tender"] for t in sale["tenders"]] == ["fsm", "card"]
    assert till.balance("P000003") == 500
    with running_hub(hub_roster(p3)) as hub:
        push_all(tmp_path, hub, till.journal)
        assert hub.core.pupil("P000003")["balance_pence"] == 500
    till.close()


def test_the_same_split_sale_sent_again_is_one_effect_at_the_hub(tmp_path):
    p1 = pupil("P000001", 1000)
    till = Till(tmp_path, [p1])
    till.prints(receipt("000105", "P000001", [("Pasta bake", 240)],
                        [("Account", 140), ("Cash", 100)]))
    with running_hub(hub_roster(p1)) as hub:
        push_all(tmp_path, hub, till.journal)
        # The answer was lost: the till sends the same transaction again.
        entry = list(till.journal.entries())[-1]
        again = hub.core.push(TILL, {"transactions": [{**entry.transaction, "seq": entry.seq}]})
        assert [r["status"] for r in again] == ["duplicate"]
        assert hub.core.pupil("P000001")["balance_pence"] == 860
        assert len(hub.core.ledger(TILL)) == 1
    till.close()


def test_a_split_whose_parts_do_not_add_up_is_journaled_flagged_without_parts(tmp_path):
    p1 = pupil("P000001", 1000)
    till = Till(tmp_path, [p1])
    sale = till.prints(receipt("000106", "P000001", [("Pasta bake", 240)],
                               [("Account", 100), ("Cash", 100)]))
    assert "tenders" not in sale
    assert {"split_tender", "split_unreconciled"} <= set(sale["flags"])
    till.close()


def test_the_daily_limit_and_the_balance_weigh_only_the_account_part(tmp_path):
    p4 = pupil("P000004", 150, daily_limit=200)
    till = Till(tmp_path, [p4])
    # 3.25 in all, 1.00 of it from the account: within the limit and the balance.
    first = till.prints(receipt("000108", "P000004", [("Pasta bake", 240), ("Cookie", 85)],
                                [("Account", 100), ("Cash", 225)]))
    assert not {"over_daily_limit", "insufficient_funds", "over_debt_limit"} & set(first["flags"])
    # Another 1.20 from the account: 2.20 today passes the parent's 2.00, and
    # the 0.50 left on the account.
    second = till.prints(receipt("000109", "P000004", [("Jacket potato", 210)],
                                 [("Account", 120), ("Card", 90)]))
    assert "over_daily_limit" in second["flags"]
    assert {"insufficient_funds", "over_debt_limit"} & set(second["flags"])
    till.close()


def test_a_refund_with_an_account_part_by_the_printed_account_alone_waits_for_review(tmp_path):
    # Money moves one way by default: a refund's account part credits the
    # account only after a person has looked, as a whole account refund would.
    p1 = pupil("P000001", 1000)
    till = Till(tmp_path, [p1])
    p = Dummy()
    for row in ("REFUND", "Receipt No: 000110", f"{'Pasta bake':<30}{'-£2.40':>10}",
                f"{'TOTAL':<30}{'-£2.40':>10}", f"{'Account':<30}{'-£1.00':>10}",
                f"{'Cash':<30}{'-£1.40':>10}", "Account: P000001"):
        p.text(row + "\n")
    p.cut()
    refund = till.prints(p.output)
    # The cash part is the larger: the tender alone would not say the account is credited.
    assert refund["kind"] == "refund" and refund["tender"] == "cash"
    assert refund["tenders"] == [{"tender": "account", "amount_pence": -100},
                                 {"tender": "cash", "amount_pence": -140}]
    assert "review_refund_by_account" in refund["flags"]
    assert till.balance("P000001") == 1000
    till.close()


def test_the_hub_rejects_parts_that_do_not_add_up_and_moves_no_balance():
    p1 = pupil("P000001", 1000)
    with running_hub(hub_roster(p1)) as hub:
        bad = {"id": "till-1:1", "till_id": TILL, "seq": 1, "kind": "sale",
               "occurred_at": "2026-11-19T12:00:00.000Z", "clock_synced": True,
               "pupil_id": "P000001", "identified_by": "receipt", "receipt_no": "1",
               "lines": [], "total_pence": 325, "tender": "cash", "offline": False,
               "flags": ["split_tender"],
               "tenders": [{"tender": "account", "amount_pence": 300},
                           {"tender": "cash", "amount_pence": 225}]}
        assert hub.core.push(TILL, {"transactions": [bad]}) == [
            {"id": "till-1:1", "status": "rejected", "reason": "invalid: tenders"}]
        assert hub.core.pupil("P000001")["balance_pence"] == 1000


def test_a_hub_that_ignores_the_parts_reads_the_same_sale_as_before():
    # The fields it knows are what the till sent before the parts existed.
    from sync.contract import TenderPart, Transaction
    txn = Transaction("till-1:1", TILL, "sale", "2026-11-19T12:00:00.000Z", True, "P000001",
                      "receipt", "000107", (), 325, "cash", False, ("split_tender",))
    split = dataclasses.replace(txn, tenders=(TenderPart("account", 100),
                                              TenderPart("cash", 225)))
    assert {k: v for k, v in split.to_json().items() if k != "tenders"} == txn.to_json()
