"""Issue 19: a receipt cut off by a crash, re-sent by the till, and replayed
again after a second crash is one sale, never two. Deterministic: the
project's own TapSpool, spool_replay.replay, ReceiptPipeline and Journal in a
temporary state directory; a "kill" is closing everything without a flush."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from agent.config import Config, PolicyConfig, PrinterConfig
from agent.journal.store import Journal
from agent.runtime.loop_items import TillBytes
from agent.runtime.service import Runtime, RuntimeOptions
from agent.runtime.spool_replay import RECOVERED_FLAG, replay
from agent.runtime.tap_spool import SPOOL_DIR, TapSpool
from agent.sale.pipeline import ReceiptPipeline
from hwsim.printer import TcpPrinter
from hwsim.till import SaleSpec, compose, send_tcp
from tests.support import free_port, running_runtime, wait_for

T0 = 1_764_331_200.0  # a school day, 12:00 UTC
FAST = RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2, publish_min_gap_s=0.02)


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

    def __init__(self, state: Path, now: float, policy: PolicyConfig | None = None):
        self.cfg = Config(till_id="till-1", state_dir=str(state),
                          policy=policy or PolicyConfig())
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


def only_capture(state: Path) -> bytes:
    """The bytes captured with the journal's one and only sale."""
    with Journal.in_state_dir(state, readonly=True) as j:
        (entry,) = j.entries()
        return j.capture(entry.seq).data


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


def test_a_receipt_cut_off_twice_then_sent_whole_is_one_sale_with_the_whole_bytes(tmp_path):
    job = receipt(11)
    run = Run(tmp_path, T0)
    run.till_sends(cut_after_first_item(job), T0, whole=False)
    run.kill()
    run = Run(tmp_path, T0 + 2)
    run.till_sends(job[: job.index(b"TOTAL")], T0 + 3, whole=False)  # cut off again, later
    run.kill()
    run = Run(tmp_path, T0 + 5)
    assert len(run.pipeline.correlator.held) == 1  # one receipt, held once
    run.till_sends(job, T0 + 6)
    run.pipeline.tick(T0 + 100)
    assert only_capture(tmp_path) == job
    run.kill()


@pytest.mark.parametrize(("n", "cut"), [
    pytest.param(12, lambda job: job[: job.index(b"Receipt No")], id="before-its-number"),
    # Reads as receipt "0".
    pytest.param(270, lambda job: job[: job.index(b"Receipt No: 000270") + len(b"Receipt No: 0")],
                 id="in-the-middle-of-its-number"),
    # Cut at "Date: 28/11/20", the copy reads as printed in 2020; the day that
    # matters is the day it was captured.
    pytest.param(385, lambda job: job[: job.index(b"Date: 28/11/20") + len(b"Date: 28/11/20")],
                 id="inside-its-date"),
])
def test_a_copy_cut_off_early_is_still_matched_by_its_start_when_resent(tmp_path, n, cut):
    job = receipt(n)
    run = Run(tmp_path, T0)
    run.till_sends(cut(job), T0, whole=False)
    run.kill()
    run = Run(tmp_path, T0 + 2)
    run.till_sends(job, T0 + 3)
    run.pipeline.tick(T0 + 100)
    assert receipt_numbers(tmp_path) == {f"{n:06d}": 1}
    run.kill()


def test_a_full_copy_arriving_after_its_cut_off_copy_was_released_is_no_second_sale(tmp_path):
    job = receipt(13)
    run = Run(tmp_path, T0)
    run.till_sends(cut_after_first_item(job), T0, whole=False)
    run.pipeline.tick(T0 + 30)  # nothing came: released as a sale of its own
    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        (entry,) = j.entries()
        assert "cut_off_receipt" in entry.transaction["flags"]
    run.till_sends(job, T0 + 40)  # the till's re-send, very late
    assert receipt_numbers(tmp_path) == {"000013": 1}
    assert run.pipeline.counters["duplicate"] == 1
    run.kill()


def test_a_cut_off_copy_waits_its_whole_window_from_the_restart(tmp_path):
    """The agent was down for a minute: the till could not re-send meanwhile,
    so the replayed cut-off copy is held from the start, not from its end."""
    run = Run(tmp_path, T0)
    run.till_sends(cut_after_first_item(receipt(14)), T0, whole=False)
    run.kill()
    run = Run(tmp_path, T0 + 60)
    run.pipeline.tick(T0 + 61)
    assert run.pipeline.correlator.held
    run.till_sends(receipt(14), T0 + 62)
    run.pipeline.tick(T0 + 200)
    assert receipt_numbers(tmp_path) == {"000014": 1}
    run.kill()


def test_the_hold_for_a_re_send_is_the_sites_setting(tmp_path):
    """``policy.resend_window_s``: held that long after the restart, then
    journaled as it is, flagged."""
    run = Run(tmp_path, T0)
    run.till_sends(cut_after_first_item(receipt(16)), T0, whole=False)
    run.kill()
    run = Run(tmp_path, T0 + 60, PolicyConfig(resend_window_s=4.0))
    run.pipeline.tick(T0 + 63.9)
    assert run.pipeline.correlator.held and not receipt_numbers(tmp_path)
    run.pipeline.tick(T0 + 64.1)
    assert not run.pipeline.correlator.held
    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        (entry,) = j.entries()
        assert "cut_off_receipt" in entry.transaction["flags"]
    run.kill()


# --- spool housekeeping in the running agent ----------------------------------


def runtime_config(state: Path, printer: TcpPrinter) -> Config:
    return Config(till_id="till-1", state_dir=str(state),
                  printer=PrinterConfig(mode="tcp", listen=f"127.0.0.1:{free_port()}",
                                        forward="{}:{}".format(*printer.address)))


def left_by_a_dead_run(state: Path, data: bytes, *, whole: bool) -> Path:
    spool = TapSpool(state / SPOOL_DIR, fsync=False)
    spool.open()
    spool.till_bytes(data, time.time() - 1)
    if whole:
        spool.job_end(time.time() - 0.9)
    spool.close()
    return spool.path


def test_replayed_spool_files_go_while_the_till_keeps_printing(tmp_path, printer):
    cfg = runtime_config(tmp_path, printer)
    old = left_by_a_dead_run(tmp_path, receipt(21), whole=True)
    rt = Runtime(cfg, options=FAST)
    rt.start()
    assert receipt_numbers(tmp_path) == {"000021": 1}
    host, port = cfg.printer.listen.rsplit(":", 1)
    loop = threading.Thread(target=rt.run, daemon=True)
    try:
        # The till is mid-receipt from before the main loop's first round to
        # the end: housekeeping must not wait for it to go quiet.
        with socket.create_connection((host, int(port))) as till:
            job = receipt(22)
            till.sendall(job[: job.index(b"TOTAL")])
            assert wait_for(lambda: any(isinstance(item, TillBytes) for item in list(rt.q.queue)))
            loop.start()
            assert wait_for(lambda: not old.exists(), 3)
            assert rt.pipeline.decoder_busy()
    finally:
        rt.request_stop()
        loop.join(6)


def test_a_held_copy_keeps_its_spool_file_until_its_resend_settles_it(tmp_path, printer):
    cfg = runtime_config(tmp_path, printer)
    job = receipt(23)
    old = left_by_a_dead_run(tmp_path, cut_after_first_item(job), whole=False)
    with running_runtime(cfg, FAST) as rt:
        assert rt.pipeline.correlator.held
        time.sleep(0.3)  # a few housekeeping rounds
        assert old.exists()  # a kill now must still find the cut-off copy
        host, port = cfg.printer.listen.rsplit(":", 1)
        assert send_tcp(host, int(port), job).printed
        assert wait_for(lambda: not rt.pipeline.correlator.held)
        assert wait_for(lambda: not old.exists(), 3)
    assert receipt_numbers(tmp_path) == {"000023": 1}
    assert rt.snapshot()["spool"]["recovered_at_start"] == 0


def test_a_copy_cut_off_after_its_total_gives_way_to_the_whole_job(tmp_path):
    """The agent died after TOTAL but before the cut: the tap reset the job, so
    the till sends it again; the sale is journaled once, with the whole job."""
    job = receipt(15)
    run = Run(tmp_path, T0)
    run.till_sends(job[: job.index(b"Thank you")], T0, whole=False)
    run.kill()
    run = Run(tmp_path, T0 + 2)
    assert run.pipeline.correlator.held
    run.till_sends(job, T0 + 3)
    run.pipeline.tick(T0 + 100)
    assert only_capture(tmp_path) == job
    run.kill()
