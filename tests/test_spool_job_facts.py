"""What the tap spool keeps of a print job besides its bytes, so a receipt
recovered after a crash is the sale it would have been: who sent it (the
capture's ``printer:<address>``) and the tap's flags on it. And the job that
finds the printer gone (journaled ``not_printed``: the till believes it
printed, so the journal is its only record) is spooled like any other, so an
agent dying before its commit still journals it at the next start."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

from escpos.printer import Network

from agent.config import Config, PrinterConfig
from agent.journal.store import Journal
from agent.runtime.service import Runtime, RuntimeOptions
from agent.runtime.spool_replay import RECOVERED_FLAG
from hwsim.printer import TcpPrinter
from hwsim.till import SaleSpec, compose, send_tcp
from tests.support import free_port, running_runtime, wait_for

FAST = RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2, publish_min_gap_s=0.02)


def sale(n: int) -> bytes:
    return compose(SaleSpec([("Pasta bake", 1, 230)], tender="Cash", receipt_no=f"{n:06d}"))


def config(state: Path, printer: TcpPrinter) -> Config:
    return Config(till_id="till-1", state_dir=str(state),
                  printer=PrinterConfig(mode="tcp", listen=f"127.0.0.1:{free_port()}",
                                        forward="{}:{}".format(*printer.address),
                                        allow_from=["127.0.0.0/8"]))


def listen(cfg: Config) -> tuple[str, int]:
    host, port = cfg.printer.listen.rsplit(":", 1)
    return host, int(port)


def crash(rt: Runtime) -> None:
    """What SIGKILL leaves: the queue and everything in memory gone, files as they are."""
    rt.tap.stop(timeout=2)
    rt.spool.close()
    for thing in (rt.journal, rt.roster):
        with contextlib.suppress(Exception):
            thing.close()


def journaled(cfg: Config) -> list[tuple[dict, str]]:
    with Journal.in_state_dir(cfg.state_path, readonly=True) as j:
        return [(e.transaction, j.capture(e.seq).source) for e in j.entries()]


def print_from(address: str, to: tuple[str, int], job: bytes) -> None:
    """A till at ``address`` prints ``job`` and waits for the printer's close."""
    with socket.socket() as s:
        s.bind((address, 0))
        s.settimeout(5)
        s.connect(to)
        s.sendall(job)
        s.shutdown(socket.SHUT_WR)
        while s.recv(4096):
            pass


def test_receipts_recovered_after_a_crash_keep_the_till_that_sent_them(tmp_path, printer):
    cfg = config(tmp_path / "state", printer)
    rt = Runtime(cfg, options=FAST)
    rt.start()  # its main loop never runs: the agent dies before journaling
    assert send_tcp(*listen(cfg), sale(1)).printed
    print_from("127.0.0.2", listen(cfg), sale(2))  # the second till on the same printer
    assert printer.wait_jobs(2)
    crash(rt)
    assert journaled(cfg) == []
    with running_runtime(cfg, FAST) as again:
        assert again.replay_report.recovered == 2
    got = {t["receipt_no"]: (source, RECOVERED_FLAG in t["flags"]) for t, source in
           journaled(cfg)}
    assert got == {"000001": ("printer:127.0.0.1", True), "000002": ("printer:127.0.0.2", True)}


def test_the_job_that_found_the_printer_gone_is_journaled_after_a_crash(tmp_path, printer):
    cfg = config(tmp_path / "state", printer)
    rt = Runtime(cfg, options=FAST)
    rt.start()
    printer.unplug()
    # Connected before anyone knew the printer was off: python-escpos may
    # finish without an error; the till believes it printed.
    till = Network(*listen(cfg), timeout=2)
    with contextlib.suppress(OSError):
        till._raw(sale(7))
        till.close()
    assert wait_for(lambda: rt.tap.state().jobs_not_printed == 1)
    assert wait_for(lambda: rt.q.qsize() >= 2)  # its bytes and its end, never journaled
    crash(rt)
    assert journaled(cfg) == []
    with running_runtime(cfg, FAST) as again:
        assert again.replay_report.recovered == 1
    ((txn, source),) = journaled(cfg)
    assert txn["receipt_no"] == "000007" and source == "printer:127.0.0.1"
    assert {"not_printed", RECOVERED_FLAG} <= set(txn["flags"])
    assert printer.jobs == []  # it never printed, then or at the replay


def cut_after_last_chunk(path: Path) -> None:
    """What a power cut leaves when it strikes between a job's last chunk and
    its end: everything up to that chunk's fdatasync, nothing after."""
    from agent.runtime.tap_spool import DATA, encode_record, read_records

    end = at = 0
    for rec in read_records(path):
        at += len(encode_record(rec.kind, rec.t, rec.data))
        if rec.kind == DATA:
            end = at
    with open(path, "r+b") as f:
        f.truncate(end)


def test_a_job_cut_by_a_power_cut_before_its_end_still_names_its_till(tmp_path, printer):
    cfg = config(tmp_path / "state", printer)
    rt = Runtime(cfg, options=FAST)
    rt.start()  # the agent dies before journaling anything
    assert send_tcp(*listen(cfg), sale(1)).printed
    print_from("127.0.0.2", listen(cfg), sale(2))  # the second till on the same printer
    assert printer.wait_jobs(2)
    crash(rt)
    spooled = rt.spool.path
    cut_after_last_chunk(spooled)  # the second job's end never reached the disk
    assert journaled(cfg) == []
    with running_runtime(cfg, FAST) as again:
        assert again.replay_report.recovered == 2
    got = {t["receipt_no"]: source for t, source in journaled(cfg)}
    assert got == {"000001": "printer:127.0.0.1", "000002": "printer:127.0.0.2"}


def test_a_jobs_sender_is_durable_with_its_first_chunk_in_one_sync(tmp_path, monkeypatch):
    import agent.runtime.tap_spool as ts

    synced: list[int] = []
    real = ts.os.fdatasync
    monkeypatch.setattr(ts.os, "fdatasync", lambda fd: (synced.append(fd), real(fd)))
    spool = ts.TapSpool(tmp_path)
    spool.open()
    spool.till_bytes(sale(3), 1.0, sender="127.0.0.2")
    assert len(synced) == 1  # the sender and the chunk: one write, one sync
    spool.till_bytes(b"\x1dV\x00", 1.1)
    spool.job_end(1.2)
    spool.close()
    assert [(r.kind, r.data[:9]) for r in ts.read_records(spool.path)] == [
        (ts.JOB_START, b"127.0.0.2"), (ts.DATA, sale(3)[:9]), (ts.DATA, b"\x1dV\x00"),
        (ts.JOB_END, b"")]
    assert spool.records == 4 and len(synced) == 3


def test_a_spool_from_before_the_sender_came_first_still_replays_with_its_sender(tmp_path,
                                                                                printer):
    import agent.runtime.tap_spool as ts

    cfg = config(tmp_path / "state", printer)
    cfg.state_path.mkdir(mode=0o700)
    old = ts.TapSpool(cfg.state_path / ts.SPOOL_DIR)
    old.open()
    old.till_bytes(sale(4), 1_700_000_000.0)  # the previous agent: chunk, then sender, then end
    old.job_start("127.0.0.2", 1_700_000_000.0)
    old.job_end(1_700_000_000.1)
    old.close()
    with running_runtime(cfg, FAST) as again:
        assert again.replay_report.recovered == 1
    assert [(t["receipt_no"], source) for t, source in journaled(cfg)] == [
        ("000004", "printer:127.0.0.2")]
