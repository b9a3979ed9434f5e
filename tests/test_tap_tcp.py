"""The tcp printer tap between the simulated till and the simulated printer,
over real loopback sockets: bytes pass unchanged both ways, the listener sees
exactly what passed, and a dead printer looks dead to the till."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time

import pytest

from drivers.tap_core import TapState
from drivers.tap_guards import parse_hostport
from drivers.tap_tcp import TcpTap
from hwsim.printer import TcpPrinter
from hwsim.printer_core import PrinterCore
from hwsim.till import compose, garbage, random_sales, send_tcp
from tests.support import wait_for
from tests.tap_support import Recorder


@pytest.fixture
def rig(printer):
    rec = Recorder()
    tap = TcpTap("127.0.0.1:0", "{}:{}".format(*printer.address), rec, drain_timeout=1.0,
                 probe_interval=0.05)
    tap.start()
    yield printer, tap, rec
    tap.stop()


def test_once_a_job_is_sent_its_session_calls_background_and_only_then(rig):
    # The runtime lowers the thread's priority there: a job's teardown must
    # not hold up the sale it carried; its bytes and their hand-off go first.
    printer, tap, rec = rig
    calls = []
    tap.background = lambda: calls.append((threading.current_thread().name, len(rec.till)))
    job = compose(random_sales(1, seed=2)[0], "epson")
    with socket.create_connection(tap.address) as till:
        till.sendall(job)
        assert rec.wait(lambda: len(rec.till) == len(job))
        time.sleep(0.05)
        assert calls == []  # the till has not finished: still on the sale's path
    assert rec.wait(lambda: rec.job_ends == 1)
    assert calls == [("tap-session", len(job))]
    assert wait_for(lambda: printer.core.receipts == [job])


def test_a_lunch_queue_reaches_the_printer_unchanged_and_the_listener_sees_the_same(rig):
    printer, tap, rec = rig
    receipts = [compose(s, lay) for s, lay in zip(random_sales(6, seed=4),
                                                  ["epson", "win1252", "uk-intl", "nocut",
                                                   "raster", "epson"], strict=True)]
    for data in receipts:
        assert send_tcp(*tap.address, data).printed
    assert printer.wait_jobs(6)
    assert printer.jobs == receipts
    assert rec.wait(lambda: rec.job_ends == 6)
    assert bytes(rec.till) == b"".join(receipts) == bytes(printer.core.received)
    assert rec.wait(lambda: not tap.state().till_connected)
    st = tap.state()
    assert (st.mode, st.jobs, st.bytes_from_till, st.forward_errors) == (
        "tcp", 6, len(rec.till), 0)
    assert st.printer_connected


def test_a_till_waiting_for_dle_eot_gets_the_real_printers_reply_through_the_tap(rig):
    printer, tap, rec = rig
    res = send_tcp(*tap.address, compose(random_sales(1)[0]), ask_status=2)
    assert res.printed and res.status == b"\x12"
    assert printer.core.status_requests == [2]
    assert rec.wait(lambda: bytes(rec.printer) == b"\x12")
    assert tap.state().bytes_from_printer == 1


def test_paper_out_reply_reaches_the_till_which_then_does_not_print(rig):
    printer, tap, rec = rig
    printer.core.paper_out = True
    res = send_tcp(*tap.address, compose(random_sales(1)[0]), ask_status=1)
    assert not res.printed and res.status == b"\x1a"
    assert printer.core.receipts == []
    assert rec.wait(lambda: rec.printer == b"\x1a")


def test_the_tap_never_speaks_for_the_printer(rig):
    printer, tap, rec = rig
    printer.core.offline = True
    with socket.create_connection(tap.address, timeout=2) as s:
        s.sendall(b"\x10\x04\x01")
        assert s.recv(8) == b"\x1a"  # the printer's answer, not a made-up "online"
        s.shutdown(socket.SHUT_WR)
        assert s.recv(8) == b""
    assert printer.wait_jobs(1)
    assert printer.jobs == [b"\x10\x04\x01"]  # nothing of the tap's own was sent


def test_a_dead_printer_refuses_tills_and_the_one_job_it_caught_is_kept_flagged(rig):
    printer, tap, rec = rig
    assert send_tcp(*tap.address, b"first" + b"\x1bi").printed
    printer.unplug()
    # This till connected before anyone knew: its job is read, handed on
    # flagged not_printed (the agent journals it) and the connection reset.
    with socket.create_connection(tap.address, timeout=2) as s:
        s.sendall(b"caught" + b"\x1bi")
        s.shutdown(socket.SHUT_WR)
        s.settimeout(2)
        with pytest.raises(ConnectionResetError):
            s.recv(8)
    assert rec.wait(lambda: rec.job_ends == 2)
    assert rec.flags == ["not_printed"] and bytes(rec.till).endswith(b"caught\x1bi")
    assert b"caught" not in printer.core.received
    # From then on the till sees what the dead printer itself would show it.
    assert wait_for(lambda: not tap.state().listening)
    for _ in range(3):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(tap.address, timeout=2)
    st = tap.state()
    assert st.printer_unreachable == 1 and st.jobs_not_printed == 1
    assert not st.printer_connected and "unreachable" in st.last_error
    assert rec.links.count(("printer", False)) == 1
    printer.plug()
    assert wait_for(lambda: tap.state().listening)
    assert send_tcp(*tap.address, b"second" + b"\x1bi").printed
    assert rec.wait(lambda: rec.links.count(("printer", True)) == 2)
    assert tap.state().printer_connected and printer.jobs[-1] == b"second\x1bi"


def test_a_printer_hanging_up_mid_receipt_closes_the_till_side_and_is_counted(rig):
    printer, tap, rec = rig
    printer.faults.drop_after = 50
    with socket.create_connection(tap.address, timeout=2) as s:
        s.sendall(compose(random_sales(1)[0])[:40])
        time.sleep(0.05)
        try:
            s.sendall(b"x" * 2000)
            s.settimeout(2)
            assert s.recv(8) == b""
        except (BrokenPipeError, ConnectionResetError):
            pass
    assert rec.wait(lambda: tap.state().forward_errors >= 1)
    assert rec.wait(lambda: rec.job_ends == 1)


def test_a_till_killed_mid_receipt_then_resending_is_passed_through_both_times(rig):
    printer, tap, rec = rig
    data = compose(random_sales(1, seed=2)[0])
    res = send_tcp(*tap.address, data, drop_after=300)
    assert res.printed and res.attempts == 2
    assert printer.wait_jobs(2)
    assert sorted(printer.jobs, key=len) == [data[:300], data]
    assert rec.wait(lambda: rec.job_ends == 2)
    assert bytes(rec.till) == data[:300] + data  # the agent dedups, the tap passes both


def test_a_till_writing_in_dribs_and_drabs_still_arrives_unchanged(rig):
    printer, tap, rec = rig
    data = compose(random_sales(1, seed=5)[0])
    rng = random.Random(5)
    with socket.create_connection(tap.address, timeout=2) as s:
        i = 0
        while i < len(data):
            n = rng.randint(1, 97)
            s.sendall(data[i : i + n])
            i += n
            if rng.random() < 0.05:
                time.sleep(0.002)
    assert printer.wait_jobs(1)
    assert printer.jobs == [data]
    assert rec.wait(lambda: rec.job_ends == 1)
    assert bytes(rec.till) == data


class JobRecorder(Recorder):
    """Cuts the listener's stream into jobs at each ``on_job_end``."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[bytes] = []
        self._mark = 0

    def on_job_end(self, now: float) -> None:
        self.jobs.append(bytes(self.till[self._mark :]))
        self._mark = len(self.till)
        super().on_job_end(now)


def test_concurrent_tills_are_served_one_whole_job_at_a_time(printer):
    rec = JobRecorder()
    tap = TcpTap("127.0.0.1:0", "{}:{}".format(*printer.address), rec)
    tap.start()
    receipts = [compose(s) for s in random_sales(5, seed=6, reprint_rate=0)]
    results = [None] * len(receipts)

    def till(i: int) -> None:
        results[i] = send_tcp(*tap.address, receipts[i])

    threads = [threading.Thread(target=till, args=(i,)) for i in range(len(receipts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    try:
        assert all(r.printed for r in results)
        assert printer.wait_jobs(5)
        assert sorted(printer.jobs) == sorted(receipts)
        assert rec.wait(lambda: rec.job_ends == 5)
        # Never interleaved: the listener saw each receipt as one whole job.
        assert sorted(rec.jobs) == sorted(receipts)
        assert tap.state().till_sessions == 5
    finally:
        tap.stop()


def test_a_till_that_holds_the_printer_and_says_nothing_loses_the_job(printer):
    rec = JobRecorder()
    tap = TcpTap("127.0.0.1:0", "{}:{}".format(*printer.address), rec, idle_timeout=0.2)
    tap.start()
    try:
        with socket.create_connection(tap.address, timeout=2) as stuck:
            stuck.sendall(b"half a rec")
            res = send_tcp(*tap.address, b"next till" + b"\x1bi", timeout=3)
            assert res.printed
            stuck.settimeout(2)
            # Reset, not an orderly close: the till must not take it as printed.
            with pytest.raises(ConnectionResetError):
                stuck.recv(8)
        assert rec.wait(lambda: rec.job_ends == 2)
        assert rec.jobs == [b"half a rec", b"next till\x1bi"]
        assert "idle" in tap.state().last_error
    finally:
        tap.stop()


def test_a_listener_that_raises_never_stops_printing(printer):
    rec = Recorder(fail=True)
    tap = TcpTap("127.0.0.1:0", "{}:{}".format(*printer.address), rec)
    tap.start()
    try:
        res = send_tcp(*tap.address, compose(random_sales(1)[0]), ask_status=1)
        assert res.printed and res.status == b"\x12"
        assert printer.wait_jobs(1)
        assert printer.jobs[0].endswith(compose(random_sales(1)[0]))
        assert tap.state().listener_errors >= 3  # link, bytes both ways, job end
    finally:
        tap.stop()


def test_stop_ends_an_idle_till_connection_promptly(rig):
    printer, tap, rec = rig
    s = socket.create_connection(tap.address, timeout=2)
    assert rec.wait(lambda: ("till", True) in rec.links)
    t0 = time.monotonic()
    tap.stop(timeout=2)
    assert time.monotonic() - t0 < 1.5
    s.settimeout(2)
    try:
        assert s.recv(8) == b""
    except ConnectionResetError:
        pass
    s.close()


def test_listen_and_forward_addresses_parse_like_the_config_writes_them():
    assert parse_hostport("0.0.0.0:9100") == ("0.0.0.0", 9100)
    assert parse_hostport("printer.local") == ("printer.local", 9100)
    assert parse_hostport("[::1]:9101") == ("::1", 9101)
    assert parse_hostport(":9100") == ("0.0.0.0", 9100)


def test_state_is_a_snapshot_not_a_live_view(rig):
    printer, tap, rec = rig
    before = tap.state()
    assert isinstance(before, TapState)
    send_tcp(*tap.address, b"x\x1bi")
    assert printer.wait_jobs(1)
    assert rec.wait(lambda: rec.job_ends == 1)
    assert before.jobs == 0 and tap.state().jobs == 1


def test_cover_open_reads_the_same_direct_and_through_the_tap():
    # The same printer answers the same way whether the till goes direct or
    # through the tap: the tap adds nothing.
    core = PrinterCore(cover_open=True)
    p = TcpPrinter(core).start()
    tap = TcpTap("127.0.0.1:0", "{}:{}".format(*p.address), Recorder())
    tap.start()
    try:
        direct = send_tcp(*p.address, b"", ask_status=2).status
        tapped = send_tcp(*tap.address, b"", ask_status=2).status
        assert direct == tapped == b"\x16"
    finally:
        tap.stop()
        p.stop()


def test_line_noise_and_a_slow_printer_still_pass_through_byte_for_byte(rig):
    printer, tap, rec = rig
    printer.faults.slow_bytes_per_s = 400_000  # a printer busy feeding paper
    data = garbage(3000, seed=11) + compose(random_sales(1, seed=11)[0]) + garbage(500, 12)
    data *= 4
    res = send_tcp(*tap.address, data, timeout=5)
    assert res.printed
    assert printer.wait_jobs(1)
    assert printer.jobs == [data]
    assert rec.wait(lambda: rec.job_ends == 1)
    assert bytes(rec.till) == data


def test_a_printer_that_never_hangs_up_does_not_hold_up_the_next_till():
    silent = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    got = bytearray()

    def serve() -> None:  # reads jobs, never closes a connection
        silent.settimeout(3)
        for _ in range(2):
            conn, _ = silent.accept()
            held.append(conn)
            conn.settimeout(0.3)
            with contextlib.suppress(OSError):
                while chunk := conn.recv(4096):
                    got.extend(chunk)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    rec = JobRecorder()
    tap = TcpTap("127.0.0.1:0", f"127.0.0.1:{silent.getsockname()[1]}", rec,
                 drain_timeout=5.0)
    tap.start()
    try:
        t0 = time.monotonic()
        with socket.create_connection(tap.address) as a:
            a.sendall(b"first\x1bi")
        with socket.create_connection(tap.address) as b:
            b.sendall(b"second\x1bi")
        assert rec.wait(lambda: rec.job_ends == 2)
        assert time.monotonic() - t0 < 2.0  # not two drain timeouts
        assert rec.jobs == [b"first\x1bi", b"second\x1bi"]
    finally:
        tap.stop()
        t.join(3)
        for c in held:
            c.close()
        silent.close()
