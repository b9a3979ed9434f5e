"""The consent rule end to end: a pupil whose roster entry says
``biometric_consent: false`` puts a finger on the scanner (a simulated module
on a real pty, read by the real shell), the receipt pipeline refuses it and
attaches no sale to it; the same pupil's card, and the account the till
prints on the receipt, still work. Real journal, real roster cache."""

from __future__ import annotations

import logging
import time

import pytest

from agent.clock import FakeClock
from agent.config import Config
from agent.journal.store import Journal
from agent.sale.pipeline import ReceiptPipeline
from drivers.events import BiometricMatch, CardRead
from drivers.fingerprint import FingerprintSession
from drivers.fingerprint_reader import FingerprintReader
from hwsim.fingerprint import FingerprintSim
from hwsim.till import SaleSpec, compose
from sync.contract import Pupil
from sync.roster_store import RosterStore

T0 = 1_795_000_000.0
CONSENTING, REFUSING = "P0001", "P0002"


def pupil(pid: str, card: str, slot: str, consent: bool):
    return Pupil(id=pid, display_name=f"Pupil {pid}", year_group="Y5",
                          card_uids=(card,), biometric_ids=(slot,), balance_pence=2000,
                          fsm=False, daily_limit_pence=None, debt_limit_pence=500,
                          allergens=(), biometric_consent=consent)


class Till:
    """A till with a fingerprint scanner and the agent's receipt pipeline."""

    def __init__(self, tmp_path) -> None:
        self.roster = RosterStore.in_state_dir(tmp_path)
        self.roster.apply([pupil(CONSENTING, "04A2FF01", "4", True),
                           pupil(REFUSING, "0B0B0B0B", "17", False)],
                          [], "c1", 0, time.time(), True)
        self.journal = Journal.in_state_dir(tmp_path, FakeClock())
        self.pipeline = ReceiptPipeline(Config(till_id="till-1", state_dir=str(tmp_path)),
                                        self.journal, self.roster)
        self.sim = FingerprintSim([4, 17], link=str(tmp_path / "finger"), seed=3).start()
        self.reader = FingerprintReader(
            "finger", self.sim.path, 57600,
            FingerprintSession("finger", poll_interval_s=0.02))
        self.reader.open()
        self.now = T0
        self.receipt_no = 0

    def close(self) -> None:
        self.reader.close()
        self.sim.stop()
        self.journal.close()
        self.roster.close()

    def read(self) -> list:
        """One read of the scanner, as the supervisor does it: on a clock that
        moves with the time spent (the session schedules its next request on
        it; a clock held still stalls the session once an answer takes longer
        than one read, as a loaded machine's can)."""
        t0 = time.monotonic()
        events = self.reader.read(0.05, self.now)
        self.now += time.monotonic() - t0
        return events

    def finger(self, slot: int) -> None:
        """A finger on the glass until the scanner reads it, then lifted."""
        self.sim.place(slot)
        end = time.monotonic() + 5.0
        events: list = []
        while time.monotonic() < end and not any(
                isinstance(e, BiometricMatch) for e in events):
            events += self.read()
        self.sim.lift()
        # The scanner keeps polling while the pupil steps away (it must see the
        # glass empty before it reads the next finger).
        end = time.monotonic() + 0.15
        while time.monotonic() < end:
            events += self.read()
        matches = [e for e in events if isinstance(e, BiometricMatch)]
        assert len(matches) == 1, events
        self.pipeline.identification(matches[0], self.now)

    def card(self, uid: str) -> None:
        self.pipeline.identification(CardRead("door", uid, self.now), self.now)

    def prints(self, tender: str = "Cash", account: str | None = None) -> None:
        self.receipt_no += 1
        self.now += 5
        spec = SaleSpec([("Pasta bake", 1, 230)], tender=tender,
                        receipt_no=f"{self.receipt_no:06d}", account=account)
        self.pipeline.till_bytes(compose(spec, "epson"), self.now)
        self.pipeline.job_end(self.now)
        self.now += 30

    def sales(self) -> list[dict]:
        return [e.transaction for e in self.journal.entries()]


@pytest.fixture
def till(tmp_path):
    t = Till(tmp_path)
    yield t
    t.close()


def test_a_pupil_without_consent_is_refused_by_finger_but_served_by_card(till, caplog):
    caplog.set_level(logging.INFO)
    till.finger(17)  # the scanner matches: the pupil is enrolled on the module
    till.prints()  # the operator takes cash instead
    till.card("0B0B0B0B")
    till.prints(tender="Account")
    till.finger(17)
    till.prints(tender="Account", account=REFUSING)  # the till's own account lookup
    till.finger(4)  # a consenting pupil
    till.prints(tender="Account")
    sales = till.sales()
    assert [(s["pupil_id"], s["identified_by"]) for s in sales] == [
        (None, None), (REFUSING, "card"), (REFUSING, "receipt"), (CONSENTING, "biometric")]
    assert till.pipeline.counters["refused"] == 2
    refusals = [r for r in caplog.records if "consent" in r.getMessage()]
    assert refusals and all(r.levelno >= logging.INFO for r in refusals)
    for r in caplog.records:
        if r.levelno >= logging.INFO:
            assert REFUSING not in r.getMessage() and CONSENTING not in r.getMessage()


def test_consent_withdrawn_in_a_roster_update_takes_effect_at_the_next_finger(till):
    till.finger(4)
    till.prints(tender="Account")
    till.roster.apply([pupil(CONSENTING, "04A2FF01", "4", False)], [], "c2", 0, time.time(),
                      False)
    till.finger(4)
    till.prints()
    assert [s["pupil_id"] for s in till.sales()] == [CONSENTING, None]
    assert till.pipeline.counters["refused"] == 1
