"""The tap's write-ahead spool: a receipt that reached the printer is on disk
first, so an agent that dies before journaling it journals it at the next
start, exactly once."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

from agent.config import Config, PrinterConfig
from agent.journal.store import Journal
from agent.journal.sync_summary import read_till_queue
from agent.runtime.service import Runtime, RuntimeOptions
from agent.runtime.spool_replay import RECOVERED_FLAG
from agent.runtime.tap_spool import (
    DATA,
    JOB_END,
    TapSpool,
    encode_record,
    generations,
    read_records,
)
from drivers.tap_tcp import TcpTap
from hwsim.printer import TcpPrinter
from hwsim.till import SaleSpec, compose, send_tcp
from tests.support import free_port, running_runtime, wait_for

FAST = RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2, publish_min_gap_s=0.02)


def sale(n: int) -> SaleSpec:
    return SaleSpec([("Pasta bake", 1, 230), ("Cookie", 1, 50)], tender="Cash",
                    receipt_no=f"{n:06d}")


def config(state: Path, printer: TcpPrinter) -> Config:
    return Config(till_id="till-1", state_dir=str(state),
                  printer=PrinterConfig(mode="tcp", listen=f"127.0.0.1:{free_port()}",
                                        forward="{}:{}".format(*printer.address)))


def till(cfg: Config) -> tuple[str, int]:
    host, port = cfg.printer.listen.rsplit(":", 1)
    return host, int(port)


def crash(rt: Runtime) -> None:
    """What SIGKILL leaves: the queue and everything in memory gone, files as
    they are (no flush, no shutdown)."""
    rt.tap.stop(timeout=2)
    rt.spool.close()
    for thing in (rt.journal, rt.roster):
        with contextlib.suppress(Exception):
            thing.close()


def handle_queue(rt: Runtime, items: int) -> None:
    """The main loop gets through ``items`` queue items before the crash."""
    for _ in range(items):
        rt._dispatch(rt.q.get(timeout=5))


def journal_of(cfg: Config) -> list:
    with Journal.in_state_dir(cfg.state_path, readonly=True) as j:
        return list(j.entries())



def running(cfg: Config):
    return running_runtime(cfg, FAST)


# --- the file format ----------------------------------------------------------


def test_records_survive_a_torn_tail_and_stop_at_damage(tmp_path):
    spool = TapSpool(tmp_path)
    assert spool.open() == []
    spool.till_bytes(b"\x1b@Pasta bake", 1.5)
    spool.job_end(2.0)
    spool.close()
    path = generations(tmp_path)[0][1]
    with open(path, "ab") as f:  # the crash tore the next record mid-write
        f.write(encode_record(DATA, 3.0, b"half a receipt")[:9])
    got = list(read_records(path))
    assert [(r.kind, r.t, r.data) for r in got] == [(DATA, 1.5, b"\x1b@Pasta bake"),
                                                     (JOB_END, 2.0, b"")]
    raw = bytearray(path.read_bytes())
    raw[20] ^= 0xFF  # a flipped bit inside the first record
    path.write_bytes(bytes(raw))
    assert list(read_records(path)) == []


def test_a_new_generation_each_start_and_rotation_keeps_the_previous_one(tmp_path):
    first = TapSpool(tmp_path, rotate_bytes=100)
    first.open()
    first.till_bytes(b"x" * 200, 1.0)
    first.close()
    second = TapSpool(tmp_path, rotate_bytes=100)
    older = second.open()
    assert [p.name for p in older] == ["tap-00000001.bin"]
    second.discard(older)
    second.till_bytes(b"y" * 200, 2.0)
    assert second.rotate_if_large()  # 2 -> 3, keeps 2
    second.till_bytes(b"z" * 200, 3.0)
    assert second.rotate_if_large()  # 3 -> 4, keeps 3, drops 2
    assert [g for g, _p in generations(tmp_path)] == [3, 4]
    second.close()


def test_every_byte_the_printer_received_was_spooled_first(tmp_path, printer):
    spool = TapSpool(tmp_path / "spool")
    spool.open()
    tap = TcpTap(f"127.0.0.1:{free_port()}", "{}:{}".format(*printer.address), None)
    tap.core.spool = spool
    tap.start()
    try:
        for n in (1, 2, 3):
            assert send_tcp(*tap.address, compose(sale(n))).printed
        assert printer.wait_jobs(3)
    finally:
        tap.stop(timeout=2)
        spool.close()
    recs = list(read_records(spool.path))
    assert b"".join(r.data for r in recs if r.kind == DATA) == bytes(printer.core.received)
    assert sum(r.kind == JOB_END for r in recs) == 3


# --- the crash window ---------------------------------------------------------


def test_receipts_printed_as_the_agent_died_are_journaled_at_the_next_start(tmp_path,
                                                                          printer):
    cfg = config(tmp_path / "state", printer)
    rt = Runtime(cfg, options=FAST)
    rt.start()
    for n in (1, 2, 3):
        assert send_tcp(*till(cfg), compose(sale(n))).printed
    assert printer.wait_jobs(3)
    # The main loop journaled the first receipt (its bytes and its job end),
    # then the agent was killed with two printed receipts still in its queue.
    assert wait_for(lambda: rt.q.qsize() >= 6)
    while rt.pipeline.counters["journaled"] < 1:
        handle_queue(rt, 1)
    crash(rt)
    assert [e.transaction["receipt_no"] for e in journal_of(cfg)] == ["000001"]

    with running(cfg) as again:
        assert again.replay_report.recovered == 2
        assert again.replay_report.already_journaled == 1
        spool = again.snapshot()["spool"]  # what runtime.json tells status/doctor
        assert spool["enabled"] and spool["recovered_at_start"] == 2
    got = journal_of(cfg)
    assert [e.transaction["receipt_no"] for e in got] == ["000001", "000002", "000003"]
    assert [RECOVERED_FLAG in e.transaction["flags"] for e in got] == [False, True, True]
    assert read_till_queue(cfg.state_path).recovered_at_start == 2  # agent status says so
    # Clean stop: everything is journaled, so the next start replays nothing.
    with running(cfg) as third:
        assert third.replay_report is None
    assert len(journal_of(cfg)) == 3


def test_a_receipt_cut_off_by_the_crash_and_resent_by_the_till_is_one_sale(tmp_path,
                                                                         printer):
    cfg = config(tmp_path / "state", printer)
    rt = Runtime(cfg, options=FAST)
    rt.start()
    job = compose(sale(7))
    with socket.create_connection(till(cfg)) as s:
        s.sendall(job[: len(job) // 2])
        assert wait_for(lambda: len(printer.core.received) >= len(job) // 2)
        crash(rt)  # the till's connection dies with the agent
    with running(cfg) as again:
        # The till prints the whole receipt again once the agent is back.
        assert send_tcp(*till(cfg), job, retries=20, retry_delay=0.05).printed
        assert wait_for(lambda: again.pipeline.counters["journal"] >= 1, 10)
    got = journal_of(cfg)
    assert [e.transaction["receipt_no"] for e in got] == ["000007"]
    assert got[0].transaction["total_pence"] == 280


def test_a_polling_till_never_waits_for_the_disk_but_receipt_bytes_do(tmp_path, monkeypatch):
    import agent.runtime.tap_spool as ts

    synced = []
    monkeypatch.setattr(ts.os, "fdatasync", lambda fd: synced.append(fd))
    spool = TapSpool(tmp_path)
    spool.open()
    spool.till_bytes(b"\x10\x04\x01", 1.0)  # DLE EOT 1: printer status?
    spool.till_bytes(b"\x10\x04\x02\x10\x04\x04", 1.1)
    assert synced == []
    spool.till_bytes(b"\x1b@Pasta bake  \x9c2.30\n\x10\x04\x01", 1.2)
    assert len(synced) == 1
    spool.close()
    assert [r.data for r in read_records(spool.path)][0] == b"\x10\x04\x01"


def test_a_run_killed_mid_job_does_not_run_into_the_next_runs_bytes(tmp_path):
    """Run A died with half of receipt 9 spooled; run B got the till's resend
    and died before journaling it. The next start replays both files: one
    sale, with exactly the bytes of the whole job."""
    from agent.runtime.spool_replay import replay
    from agent.sale.pipeline import ReceiptPipeline

    job = compose(sale(9))
    spool_dir = tmp_path / "spool"
    a = TapSpool(spool_dir)
    a.open()
    a.till_bytes(job[: len(job) // 2], 100.0)
    a.close()
    b = TapSpool(spool_dir)
    b.open()
    b.till_bytes(job, 102.0)
    b.job_end(102.1)
    b.close()
    cfg = Config(till_id="till-1", state_dir=str(tmp_path))
    with Journal.in_state_dir(tmp_path) as journal:
        pipeline = ReceiptPipeline(cfg, journal, None)
        report = replay([p for _g, p in generations(spool_dir)], pipeline, journal)
        pipeline.flush(200.0)
        got = list(journal.entries())
        assert [e.transaction["receipt_no"] for e in got] == ["000009"]
        assert journal.capture(got[0].seq).data == job
    assert report.files == 2 and report.recovered >= 1
