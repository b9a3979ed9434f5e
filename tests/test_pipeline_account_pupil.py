"""A till that prints the pupil's account on the receipt: the sale is that
pupil's, with the roster's money as it stands for that receipt, and a roster
update between two receipts is seen by the second."""

from __future__ import annotations

import dataclasses

from agent.clock import FakeClock
from agent.config import Config
from agent.journal.store import Journal
from agent.sale.pipeline import ReceiptPipeline
from hwsim.till import SaleSpec, compose
from sync.contract import Pupil
from sync.roster_store import RosterStore

T0 = 1_795_000_000.0


def pupil(pid: str, balance: int, debt_limit: int = 0) -> Pupil:
    return Pupil(id=pid, display_name=f"Pupil {pid}", year_group="Y4", card_uids=(),
                 biometric_ids=(), balance_pence=balance, fsm=False, daily_limit_pence=None,
                 debt_limit_pence=debt_limit, allergens=(), biometric_consent=True)


class Till:
    def __init__(self, tmp_path, roster, offline: bool = True):
        self.journal = Journal.in_state_dir(tmp_path, FakeClock())
        self.pipeline = ReceiptPipeline(Config(till_id="till-1", state_dir=str(tmp_path)),
                                        self.journal, roster, offline=lambda: offline)
        self.now = T0
        self.no = 0

    def prints(self, account: str, pence: int) -> dict:
        self.no += 1
        data = compose(SaleSpec([("Pasta bake", 1, pence)], tender="Account",
                                receipt_no=f"{self.no:06d}", account=account))
        self.pipeline.till_bytes(data, self.now)
        self.pipeline.job_end(self.now + 0.2)
        self.now += 30
        return list(self.journal.entries())[-1].transaction


class CountingRoster:
    """The real roster store, counting the lookups made of it (and able to
    fail for one pupil, like a damaged row)."""

    def __init__(self, store: RosterStore, broken: str = ""):
        self.store, self.broken, self.gets = store, broken, 0

    def get(self, pid):
        self.gets += 1
        if pid == self.broken:
            raise OSError("disk I/O error")
        return self.store.get(pid)

    def by_card(self, uid):
        return self.store.by_card(uid)

    def by_biometric(self, match_id):
        return self.store.by_biometric(match_id)

    def info(self):
        return self.store.info()


def test_the_printed_account_is_looked_up_once_and_its_money_decides_the_flags(tmp_path):
    store = RosterStore.in_state_dir(tmp_path)
    store.apply([pupil("P000001", 1000)], [], "c1", 0, T0 - 60, True)
    roster = CountingRoster(store)
    till = Till(tmp_path, roster)
    sale = till.prints("P000001", 240)
    assert sale["pupil_id"] == "P000001" and sale["identified_by"] == "receipt"
    assert "offline_debt" not in sale["flags"]
    assert roster.gets == 1
    till.journal.close()


def test_a_roster_update_between_two_receipts_is_seen_by_the_second(tmp_path):
    store = RosterStore.in_state_dir(tmp_path)
    store.apply([pupil("P000001", 1000)], [], "c1", 0, T0 - 60, True)
    till = Till(tmp_path, store)
    assert "offline_debt" not in till.prints("P000001", 240)["flags"]
    # The hub says the pupil spent their money elsewhere.
    store.apply([dataclasses.replace(pupil("P000001", 100), debt_limit_pence=500)], [], "c2",
                1, T0 - 30, True)
    second = till.prints("P000001", 240)
    assert second["flags"] == ["offline_debt"]
    till.journal.close()


def test_a_pupil_the_roster_cannot_read_is_journaled_unknown_and_counted(tmp_path):
    store = RosterStore.in_state_dir(tmp_path)
    store.apply([pupil("P000001", 1000), pupil("P000002", 1000)], [], "c1", 0, T0 - 60, True)
    roster = CountingRoster(store, broken="P000002")
    till = Till(tmp_path, roster)
    bad = till.prints("P000002", 240)
    good = till.prints("P000001", 240)
    assert bad["pupil_id"] is None and "unknown_pupil" in bad["flags"]
    assert good["pupil_id"] == "P000001" and "unknown_pupil" not in good["flags"]
    assert till.pipeline.counters["roster_errors"] == 1
    assert till.pipeline.counters["journaled"] == 2
    till.journal.close()
