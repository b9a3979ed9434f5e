"""Issue 19: a receipt cut off by a crash, re-sent by the till, and replayed
again after a second crash is one sale, never two. Deterministic: the
project's own TapSpool, spool_replay.replay, ReceiptPipeline and Journal in a
temporary state directory; a "kill" is closing everything without a flush."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from agent.config import Config
from agent.journal import Journal
from agent.receipt_pipeline import ReceiptPipeline
from agent.spool_replay import RECOVERED_FLAG, replay
from agent.tap_spool import SPOOL_DIR, TapSpool
from hwsim.till import SaleSpec, compose

T0 = 1_764_331_200.0  # a school day, 12:00 UTC


def receipt(n: int, **kw) -> bytes:
    spec = dict(lines=[("Pasta bake", 1, 230), ("Cookie", 1, 50)], tender="Cash",
                receipt_no=f"{n:06d}")
    spec.update(kw)
    return compose(SaleSpec(**spec))


def cut_after_first_item(job: bytes) -> bytes:
    """What reached the printer (and the spool) before the kill: up to the
    end of the first item line; no TOTAL, no cut."""
    return job[: job.index(b"Pasta bake") + job[job.index(b"Pasta bake"):].index(b"\n") + 1]


class Run:
    """One agent process's life: the spool's new generation, the journal, the
    pipeline, and the replay of what earlier runs left."""

    def __init__(self, state: Path, now: float):
        self.cfg = Config(till_id="till-1", state_dir=str(state))
        self.journal = Journal.in_state_dir(state)
        self.spool = TapSpool(state / SPOOL_DIR, fsync=False)
        older = self.spool.open()
        self.pipeline = ReceiptPipeline(self.cfg, self.journal, None)
        self.report = replay(older, self.pipeline, self.journal, now=now)
        self.replayed = older

    def till_sends(self, job: bytes, t: float, *, whole: bool = True) -> None:
        """The tap: spool, (forward), hand to the main loop; a whole job ends
        with the till's orderly close."""
        self.spool.till_bytes(job, t)
        self.pipeline.till_bytes(job, t)
        if whole:
            self.spool.job_end(t + 0.05)
            self.pipeline.job_end(t + 0.05)

    def kill(self) -> None:
        self.spool.close()
        self.journal.close()


def receipt_numbers(state: Path) -> Counter:
    with Journal.in_state_dir(state, readonly=True) as j:
        return Counter(e.transaction.get("receipt_no") for e in j.entries())


def test_a_cut_off_copy_replayed_after_its_full_resend_is_not_a_second_sale(tmp_path):
    n7 = receipt(7)
    # 1. The till sends receipt 7; the agent dies after the first item line
    #    was spooled and forwarded.
    run = Run(tmp_path, T0)
    run.till_sends(receipt(6), T0 - 5)
    run.till_sends(cut_after_first_item(n7), T0, whole=False)
    run.kill()
    # 2. Next start: the cut-off copy is held; the till re-sends 7 in full;
    #    journaled once. Killed again before any housekeeping.
    run = Run(tmp_path, T0 + 2)
    assert run.pipeline.correlator.held
    run.till_sends(n7, T0 + 3)
    assert not run.pipeline.correlator.held
    assert receipt_numbers(tmp_path) == {"000006": 1, "000007": 1}
    run.till_sends(receipt(8), T0 + 4)
    run.kill()
    # 3. Next start: both generations replayed; the cut-off copy must not
    #    become a sale of its own, now or when its hold would have ended.
    run = Run(tmp_path, T0 + 6)
    run.pipeline.tick(T0 + 60)
    run.pipeline.tick(T0 + 600)
    assert receipt_numbers(tmp_path) == {"000006": 1, "000007": 1, "000008": 1}
    assert run.report.recovered == 0
    assert run.pipeline.counters["recovered"] == 0
    run.kill()


def test_a_resend_matched_to_its_sale_is_not_counted_as_recovered(tmp_path):
    run = Run(tmp_path, T0)
    run.till_sends(cut_after_first_item(receipt(7)), T0, whole=False)
    run.kill()
    run = Run(tmp_path, T0 + 2)
    run.till_sends(receipt(7), T0 + 3)
    run.pipeline.tick(T0 + 60)
    assert receipt_numbers(tmp_path) == {"000007": 1}
    assert run.report.recovered == 0
    assert run.pipeline.counters["recovered"] == 0
    run.kill()


def test_a_receipt_printed_but_not_journaled_is_recovered_and_counted(tmp_path):
    run = Run(tmp_path, T0)
    run.spool.till_bytes(receipt(9), T0)  # spooled and forwarded, then killed
    run.spool.job_end(T0 + 0.05)
    run.kill()
    run = Run(tmp_path, T0 + 2)
    assert receipt_numbers(tmp_path) == {"000009": 1}
    assert run.report.recovered == 1 and run.pipeline.counters["recovered"] == 1
    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        assert RECOVERED_FLAG in j.get_seq(1).transaction["flags"]
    run.kill()
