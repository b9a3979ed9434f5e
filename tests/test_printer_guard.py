"""Who can make a sale: only the till. The agent listens on every address with
``allow_from = ["127.0.0.1"]``; 127.0.0.2 plays another host on the school's
network (a pupil's laptop). Real runtime, real journal, the simulated printer
and python-escpos as the client library a till would use."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Network

from agent.cli import main
from agent.config import Config, PrinterConfig
from agent.journal.store import Journal
from agent.runtime import runtime_json
from agent.runtime.service import RuntimeOptions
from hwsim.printer import TcpPrinter
from hwsim.till import SaleSpec, compose, send_tcp
from tests.support import free_port, running_runtime, wait_for

FAST = RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2, publish_min_gap_s=0.02)
REPO = Path(__file__).resolve().parents[1]
OUTSIDER = "127.0.0.2"
DRAWER_KICKS = (b"\x1bp\x00\x19\xfa", b"\x10\x14\x01\x00\x05")  # ESC p, DLE DC4


def sale(n: int, account: str | None = None) -> bytes:
    return compose(SaleSpec([("Pasta bake", 1, 230)], tender="Account" if account else "Cash",
                            receipt_no=f"{n:06d}", account=account))


def guarded(state: Path, printer: TcpPrinter, **kw) -> Config:
    return Config(till_id="till-1", state_dir=str(state), printer=PrinterConfig(
        mode="tcp", listen=f"0.0.0.0:{free_port()}", allow_from=["127.0.0.1"],
        forward="{}:{}".format(*printer.address), **kw))


def port(cfg: Config) -> int:
    return int(cfg.printer.listen.rsplit(":", 1)[1])


def from_outsider(p: int, data: bytes) -> str:
    """Send ``data`` from 127.0.0.2 as a raw 9100 client; what it saw."""
    s = socket.socket()
    s.bind((OUTSIDER, 0))
    try:
        s.settimeout(2)
        s.connect(("127.0.0.1", p))
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        return "closed" if s.recv(8) == b"" else "answered"
    except (ConnectionResetError, BrokenPipeError):
        return "reset"
    except OSError as exc:
        # The reset can land between sendall and shutdown: ENOTCONN then.
        if exc.errno == errno.ENOTCONN:
            return "reset"
        raise
    finally:
        s.close()


def journal(state: Path) -> list:
    with Journal.in_state_dir(state, readonly=True) as j:
        return [(e, j.capture(e.seq)) for e in j.entries()]


def test_a_receipt_from_another_host_is_refused_neither_printed_nor_journaled(
        tmp_path, printer, capsys):
    cfg = guarded(tmp_path / "state", printer)
    with running_runtime(cfg, FAST) as rt:
        # A receipt charging a pupil's account, and the drawer kicks, from a laptop.
        assert from_outsider(port(cfg), sale(1, account="P0042")) == "reset"
        for kick in DRAWER_KICKS:
            assert from_outsider(port(cfg), kick) == "reset"
        st = rt.tap.state()
        assert (st.refused_not_allowed, st.last_refused_from, st.till_sessions) == (
            3, OUTSIDER, 0)
        # The till's own receipts (and its drawer) still go through.
        assert send_tcp("127.0.0.1", port(cfg), sale(2) + DRAWER_KICKS[0]).printed
        assert wait_for(lambda: rt.pipeline.counters["journaled"] == 1)
        assert wait_for(lambda: {"refused_not_allowed": 3, "jobs": 1}.items() <= (
            runtime_json.read(cfg.state_dir) or {}).get("printer", {}).items())
        assert main(["status", "--state-dir", cfg.state_dir]) == 0
        assert ("printer tap       : listening, 1 job(s); listener: 3 refused (not in "
                "allow_from)") in capsys.readouterr().out
    assert printer.jobs == [sale(2) + DRAWER_KICKS[0]]  # nothing of the outsider's
    assert not any(k in printer.core.received for k in DRAWER_KICKS[1:])
    [(entry, capture)] = journal(cfg.state_path)
    assert entry.transaction["receipt_no"] == "000002"
    assert capture.source == "printer:127.0.0.1"  # who sent it, kept with the sale


def test_with_the_printer_off_python_escpos_fails_through_the_agent_as_it_does_direct(tmp_path):
    dead = free_port()
    with pytest.raises(DeviceNotFoundError):
        Network("127.0.0.1", dead, timeout=2).text("Pasta bake  2.30\n")
    cfg = Config(till_id="till-1", state_dir=str(tmp_path / "state"), printer=PrinterConfig(
        mode="tcp", listen=f"127.0.0.1:{free_port()}", forward=f"127.0.0.1:{dead}"))
    with running_runtime(cfg, FAST) as rt:
        till = Network("127.0.0.1", port(cfg), timeout=2)
        with pytest.raises(DeviceNotFoundError):
            till.text("Pasta bake  2.30\n")
        assert not rt.tap.state().listening
    assert journal(cfg.state_path) == []  # the agent read nothing: nothing to journal


def test_the_job_that_finds_the_printer_gone_is_journaled_not_printed_then_tills_are_refused(
        tmp_path, printer):
    cfg = guarded(tmp_path / "state", printer)
    with running_runtime(cfg, FAST) as rt:
        assert send_tcp("127.0.0.1", port(cfg), sale(1)).printed
        printer.unplug()
        # Connected before anyone knew the printer was off: python-escpos may
        # finish without an error, so the agent keeps the sale, flagged.
        till = Network("127.0.0.1", port(cfg), timeout=2)
        with contextlib.suppress(OSError):
            till._raw(sale(2))
            till.close()
        assert wait_for(lambda: rt.pipeline.counters["journaled"] == 2)
        # From now on the till sees exactly what the dead printer shows it.
        assert wait_for(lambda: not rt.tap.state().listening)
        with pytest.raises(DeviceNotFoundError):
            Network("127.0.0.1", port(cfg), timeout=2).text("Pasta bake  2.30\n")
        assert rt.tap.state().jobs_not_printed == 1
    (first, _), (second, cap) = journal(cfg.state_path)
    assert "not_printed" not in first.transaction["flags"]
    assert "not_printed" in second.transaction["flags"]
    assert second.transaction["receipt_no"] == "000002" and cap.source == "printer:127.0.0.1"
    assert printer.jobs == [sale(1)]


IDLER = """
import socket, sys
held = []
for _ in range(1000):
    s = socket.socket()
    s.bind(("127.0.0.2", 0))
    try:
        s.connect(("127.0.0.1", int(sys.argv[1])))
    except OSError:  # reset by the agent already
        pass
    held.append(s)
print(len(held), flush=True)
sys.stdin.read()
"""


def timed_receipt(p: int, n: int) -> float:
    t0 = time.monotonic()
    assert send_tcp("127.0.0.1", p, sale(n), timeout=5).printed
    return time.monotonic() - t0


def test_outsiders_flooding_trickling_or_idling_do_not_delay_the_till_or_make_threads(
        tmp_path, printer):
    cfg = guarded(tmp_path / "state", printer)
    stop = threading.Event()

    def flood() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                from_outsider(port(cfg), b"\x1bp\x00\x19\xfa" + b"x" * 65536)

    def trickle() -> None:
        while not stop.is_set():
            s = socket.socket()
            s.bind((OUTSIDER, 0))
            with contextlib.suppress(OSError):
                s.connect(("127.0.0.1", port(cfg)))
                while not stop.wait(0.2):
                    s.send(b"x")
            s.close()

    with running_runtime(cfg, FAST) as rt:
        threads_before = threading.active_count()
        # 1,000 idle connections, held by another process (as another host would).
        idler = subprocess.Popen([sys.executable, "-c", IDLER, str(port(cfg))],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert idler.stdout.readline().strip() == "1000"
        attackers = [threading.Thread(target=f, daemon=True) for f in (flood, trickle)]
        for t in attackers:
            t.start()
        try:
            delays = [timed_receipt(port(cfg), n) for n in range(1, 6)]
            assert wait_for(lambda: rt.tap.state().refused_not_allowed >= 1000)
            # Only ours: the agent made no thread per outsider's connection.
            assert threading.active_count() - threads_before <= len(attackers) + 2
        finally:
            stop.set()
            for t in attackers:
                t.join(3)
            idler.communicate("", timeout=5)
        assert wait_for(lambda: rt.pipeline.counters["journaled"] == 5)
    assert max(delays) < 1.0, delays
    assert printer.jobs == [sale(n) for n in range(1, 6)]


def test_an_allowed_client_trickling_loses_the_printer_to_the_till_within_a_second(
        tmp_path, printer):
    cfg = guarded(tmp_path / "state", printer)
    with running_runtime(cfg, FAST) as rt:
        with socket.create_connection(("127.0.0.1", port(cfg))) as slow:
            slow.sendall(b"\x1b@")
            assert wait_for(lambda: printer.connections == 2)  # the probe, then this job
            stop = threading.Event()

            def drip() -> None:
                with contextlib.suppress(OSError):
                    while not stop.wait(0.3):
                        slow.send(b".")

            t = threading.Thread(target=drip, daemon=True)
            t.start()
            try:
                delay = timed_receipt(port(cfg), 1)
            finally:
                stop.set()
                t.join(2)
        assert wait_for(lambda: rt.pipeline.counters["journaled"] >= 1)
        st = rt.tap.state()
    assert delay < 1.0 + 0.25, delay  # a rate window, and the holder's next look
    assert st.jobs_too_slow == 1 and "slower than" in st.last_error
    # Printed whole, once. The printer records a job when it sees its
    # connection close, so the cut-off job may land after the sale's.
    assert printer.jobs.count(sale(1)) == 1
    cut_off = [j for j in printer.jobs if j != sale(1)]
    assert len(cut_off) == 1 and cut_off[0].rstrip(b".") == b"\x1b@"


def test_connections_over_the_cap_are_refused_and_counted(tmp_path, printer):
    cfg = guarded(tmp_path / "state", printer, max_connections=3)
    with running_runtime(cfg, FAST) as rt:
        held = [socket.create_connection(("127.0.0.1", port(cfg))) for _ in range(6)]
        try:
            assert wait_for(lambda: rt.tap.state().refused_busy == 3)
            assert rt.tap.state().till_sessions == 3
        finally:
            for s in held:
                s.close()
        assert wait_for(lambda: not rt.tap.state().till_connected)  # their sessions ended
        assert send_tcp("127.0.0.1", port(cfg), sale(1), timeout=5).printed


def test_a_listener_open_to_other_hosts_without_allow_from_is_a_config_error():
    from agent.config import ConfigError, parse_config

    with pytest.raises(ConfigError) as exc:
        parse_config('[printer]\nmode = "tcp"\nlisten = "0.0.0.0:9100"\n'
                     'forward = "192.0.2.10:9100"\n')
    assert "printer.listen" in str(exc.value) and "allow_from" in str(exc.value)
    with pytest.raises(ConfigError) as exc:
        parse_config('[printer]\nmode = "tcp"\nlisten = "0.0.0.0:9100"\n'
                     'forward = "192.0.2.10:9100"\nallow_from = ["the till"]\n')
    assert "printer.allow_from" in str(exc.value)
    with pytest.raises(ConfigError) as exc:
        parse_config('[printer]\nmode = "tcp"\nlisten = "127.0.0.1:9100"\n'
                     'forward = "192.0.2.10:9100"\nmax_connections = 0\nmax_job_s = 0\n')
    assert {"printer.max_connections: must be at least 1",
            "printer.max_job_s: must be more than 0"} <= set(exc.value.problems)
    cfg = parse_config('[printer]\nmode = "tcp"\nlisten = "127.0.0.1:9100"\n'
                       'forward = "192.0.2.10:9100"\n')
    assert cfg.printer.allow_from == []  # loopback: only this PC can connect
    cfg = parse_config('[printer]\nmode = "tcp"\nlisten = "0.0.0.0:9100"\n'
                       'forward = "192.0.2.10:9100"\nallow_from = ["192.0.2.0/28"]\n')
    assert cfg.printer.allow_from == ["192.0.2.0/28"]


def test_a_95_mb_job_without_a_cut_is_printed_whole_but_kept_to_1_mib(tmp_path):
    # The printer: counts what it gets (a simulator keeping 95 MB would
    # measure itself, not the agent).
    sink = socket.create_server(("127.0.0.1", 0))
    got = [0]

    def swallow() -> None:
        while True:
            try:
                conn, _ = sink.accept()
            except OSError:
                return
            with conn:
                while chunk := conn.recv(1 << 16):
                    got[0] += len(chunk)

    threading.Thread(target=swallow, daemon=True).start()
    state, p = tmp_path / "state", free_port()
    conf = tmp_path / "agent.toml"
    conf.write_text(f'till_id = "till-1"\nstate_dir = "{state}"\n[sync]\nenabled = false\n'
                    f'[printer]\nmode = "tcp"\nlisten = "0.0.0.0:{p}"\n'
                    f'allow_from = ["127.0.0.1"]\nforward = "127.0.0.1:{sink.getsockname()[1]}"\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    agent = subprocess.Popen([sys.executable, "-m", "agent", "run", "--config", str(conf)],
                             env=env, cwd=REPO, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: (runtime_json.read(state) or {}).get("ready"), 10)
        before = state_bytes(state)
        line = b"Pasta bake                2.30\n" * 2048  # 64 KiB of receipt text
        total = 95 * 1024 * 1024 // len(line) * len(line)
        # Its total first: the receipt its end closes is whole, so it is
        # journaled at once (one without a cut or a total would be held 15 s
        # for the till's re-send: a wait that proves nothing about the job's size).
        head = b"\x1b@TOTAL                     2.30\n"
        with socket.create_connection(("127.0.0.1", p)) as till:
            till.sendall(head)
            for _ in range(total // len(line)):
                till.sendall(line)
        assert wait_for(lambda: got[0] == total + len(head), 30)
        assert wait_for(lambda: (runtime_json.read(state) or {}).get("counters", {})
                        .get("receipts") == 1, 10)
        assert wait_for(lambda: (runtime_json.read(state) or {}).get("counters", {})
                        .get("journaled") == 1, 30)
        peak_mb = vm_kb(agent.pid, "VmHWM") / 1024
        published = runtime_json.read(state)
    finally:
        agent.terminate()
        agent.wait(10)
        agent.stderr.close()
        sink.close()
    grown_mb = (state_bytes(state) - before) / 1e6  # journal (checkpointed at stop), spool
    print(f"95 MB job: agent peak RSS {peak_mb:.0f} MB, state grew {grown_mb:.1f} MB")
    assert peak_mb < 100, f"agent peaked at {peak_mb:.0f} MB"
    assert grown_mb < 5, f"state grew {grown_mb:.1f} MB"
    assert published["printer"]["jobs_truncated"] == 1
    # Kept: 1 MiB of bytes, their text, and the 32,768 lines parsed from it.
    assert state_bytes(state) - before < 5e6
    [(entry, capture)] = journal(state)
    assert "job_truncated" in entry.transaction["flags"]
    assert len(capture.data) == 1 << 20


def state_bytes(state: Path) -> int:
    return sum(f.stat().st_size for f in state.rglob("*") if f.is_file())


def vm_kb(pid: int, field: str) -> int:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith(field + ":"):
            return int(row.split()[1])
    raise AssertionError(f"no {field} for {pid}")


def test_allow_from_matches_addresses_and_networks_whatever_the_listeners_family():
    from drivers.tap_guards import AllowList

    allow = AllowList.parse(["192.0.2.20", "10.1.0.0/24", "fe80::1"])
    assert allow.allows("192.0.2.20") and allow.allows("10.1.0.77")
    assert allow.allows("::ffff:192.0.2.20")  # an IPv4 till on a dual-stack listener
    assert allow.allows("fe80::1%eth0")
    assert not allow.allows("192.0.2.21") and not allow.allows("10.1.1.1")
    assert not allow.allows("not an address")
    assert AllowList.parse([]).allows("203.0.113.9")  # none listed: a loopback listener
    with pytest.raises(ValueError, match="'till-1' is not an IP address"):
        AllowList.parse(["till-1"])


def test_a_job_keeps_its_first_bytes_and_loses_the_printer_only_for_its_own_slowness():
    from drivers.tap_guards import JobLimits, JobMeter

    m = JobMeter(JobLimits(max_bytes=100, max_s=60, min_bytes_per_s=64, rate_window_s=0.5,
                           idle_s=10), started=0.0)
    assert (m.keep(60), m.keep(60), m.keep(60)) == (60, 40, 0) and m.truncated
    # Nobody waiting: a quiet till may hold the printer (polling its status).
    m.waited(5.0, contended=False)
    assert m.verdict(5.0) == ""
    # Someone waits: half a second with too little from this one ends it.
    m.waited(0.5, contended=True)
    m.keep(10)
    assert m.verdict(5.5) == "too_slow"
    # A job that keeps sending keeps the printer; only time spent waiting for
    # the till counts (the shell leaves out time blocked on the printer).
    fast = JobMeter(JobLimits(min_bytes_per_s=64, rate_window_s=0.5), started=0.0)
    for _ in range(4):
        fast.waited(0.2, contended=True)
        fast.keep(100)
        fast.waited(0.3, contended=True)
        assert fast.verdict(0.5) == ""
    assert fast.timeout(0.5, contended=True) <= 0.5
    assert fast.verdict(60.0) == "too_long"
    idle = JobMeter(JobLimits(idle_s=1.0), started=0.0)
    idle.waited(1.0, contended=False)
    assert idle.verdict(1.0) == "idle"
