"""systemd hears from the agent over a real AF_UNIX datagram socket, as it
would from PID 1: path and abstract sockets, the watchdog interval, and a
manager that has gone away (the agent carries on)."""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid

import pytest

from agent.runtime.sdnotify import Notifier, status_line
from tests.support import free_port as _free_port
from tests.support import wait_for as _wait


@pytest.fixture
def manager(tmp_path):
    """A stand-in for systemd's notify socket on the filesystem."""
    path = tmp_path / "notify.sock"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(str(path))
    s.settimeout(2.0)
    yield path, s
    s.close()


def recv(s: socket.socket) -> str:
    return s.recv(4096).decode()


def test_a_service_start_is_heard_ready_with_its_queue_then_pings_then_stopping(manager):
    path, s = manager
    n = Notifier({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "20000000"})
    assert n.enabled
    assert n.watchdog_interval_s == pytest.approx(10.0)
    assert n.ready(status_line(12, 190.0, "offline"))
    assert recv(s) == "READY=1\nSTATUS=12 pending, oldest 3 min, hub offline"
    assert n.watchdog()
    assert recv(s) == "WATCHDOG=1"
    assert n.status("0 pending, hub online")
    assert recv(s) == "STATUS=0 pending, hub online"
    assert n.stopping()
    assert recv(s) == "STOPPING=1"
    n.close()


def test_an_abstract_socket_is_reached_by_its_at_sign_name():
    name = f"till-agent-test-{uuid.uuid4().hex}"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(b"\0" + name.encode())
    s.settimeout(2.0)
    try:
        n = Notifier({"NOTIFY_SOCKET": "@" + name})
        assert n.ready()
        assert recv(s) == "READY=1"
        n.close()
    finally:
        s.close()


def test_a_status_with_a_newline_cannot_smuggle_a_second_assignment(manager):
    path, s = manager
    n = Notifier({"NOTIFY_SOCKET": str(path)})
    n.status("3 pending\nREADY=1")
    assert recv(s) == "STATUS=3 pending READY=1"
    n.close()


def test_outside_systemd_every_call_is_a_quiet_no_op():
    n = Notifier({})
    assert not n.enabled
    assert n.watchdog_interval_s is None
    assert n.ready("x") is False
    assert n.watchdog() is False
    assert n.status("x") is False
    assert n.stopping() is False


def test_a_watchdog_meant_for_another_process_is_not_ours(manager):
    path, _ = manager
    other = Notifier({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "6000000",
                      "WATCHDOG_PID": str(os.getpid() + 1)})
    assert other.watchdog_interval_s is None
    mine = Notifier({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "6000000",
                     "WATCHDOG_PID": str(os.getpid())})
    assert mine.watchdog_interval_s == pytest.approx(3.0)


@pytest.mark.parametrize("usec", ["", "0", "-5", "soon"])
def test_no_or_nonsense_watchdog_usec_means_no_watchdog(manager, usec):
    path, _ = manager
    assert Notifier({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": usec}).watchdog_interval_s \
        is None


def test_a_manager_that_went_away_is_logged_once_and_never_raises(tmp_path, caplog):
    n = Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone.sock")})
    with caplog.at_level(logging.WARNING, logger="agent.runtime.sdnotify"):
        for _ in range(5):
            assert n.watchdog() is False
        assert n.status("1 pending") is False
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "NOTIFY_SOCKET" in warnings[0].getMessage()


def test_a_manager_restarted_mid_service_is_reached_again(tmp_path):
    path = tmp_path / "notify.sock"
    n = Notifier({"NOTIFY_SOCKET": str(path)})
    assert n.watchdog() is False  # not there yet
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(str(path))
    s.settimeout(2.0)
    try:
        assert n.watchdog() is True
        assert recv(s) == "WATCHDOG=1"
    finally:
        s.close()
        n.close()


@pytest.mark.parametrize(("pending", "age", "hub", "line"), [
    (0, None, "online", "0 pending, hub online"),
    (12, 190.0, "offline", "12 pending, oldest 3 min, hub offline"),
    (1, 12.0, "online", "1 pending, oldest 12 s, hub online"),
    (400, 5 * 3600.0, "auth_failed", "400 pending, oldest 5.0 h, hub auth_failed"),
    (9, 3 * 86400.0, "offline", "9 pending, oldest 3.0 days, hub offline"),
    (0, 500.0, "", "0 pending, hub unknown"),
])
def test_the_status_line_tells_the_till_queue_in_a_few_words(pending, age, hub, line):
    assert status_line(pending, age, hub) == line


# --- the running agent under a fake NOTIFY_SOCKET -------------------------------------


def _drain(s: socket.socket, for_s: float) -> list[str]:
    out = []
    deadline = time.monotonic() + for_s
    while time.monotonic() < deadline:
        s.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            out.append(s.recv(4096).decode())
        except (TimeoutError, BlockingIOError):
            break
    return out


def test_a_stalled_main_loop_stops_the_watchdog_pings_and_they_resume_after(tmp_path, manager):
    """READY with the queue, periodic WATCHDOG, STATUS; then the main loop is
    stuck on a journal another process has locked (as on a hung disk): no
    WATCHDOG=1 while it is stuck, so systemd would restart it."""
    import sqlite3
    import threading

    from agent.config import Config, PrinterConfig, SyncConfig
    from agent.runtime.service import Runtime, RuntimeOptions
    from hwsim.printer import TcpPrinter
    from hwsim.till import SaleSpec, compose, send_tcp

    path, s = manager
    notifier = Notifier({"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "300000"})
    assert notifier.watchdog_interval_s == pytest.approx(0.15)
    printer = TcpPrinter().start()
    port = _free_port()
    cfg = Config(till_id="till-1", state_dir=str(tmp_path / "state"),
                 sync=SyncConfig(enabled=False),
                 printer=PrinterConfig(mode="tcp", listen=f"127.0.0.1:{port}",
                                       forward="{}:{}".format(*printer.address)))
    rt = Runtime(cfg, notifier=notifier,
                 options=RuntimeOptions(tick_interval_s=0.02, publish_interval_s=0.2,
                                        publish_min_gap_s=0.02))
    rt.start()
    loop = threading.Thread(target=rt.run, daemon=True)
    loop.start()
    locker = None
    try:
        first = _drain(s, 0.6)
        ready = [m for m in first if m.startswith("READY=1")]
        assert len(ready) == 1 and "\nSTATUS=0 pending, hub not configured" in ready[0]
        assert sum(m == "WATCHDOG=1" for m in first) >= 3
        assert any(m.startswith("STATUS=") for m in first[1:])

        # Another process holds the journal's write lock: the next append waits.
        locker = sqlite3.connect(tmp_path / "state" / "journal.sqlite", timeout=0)
        locker.execute("BEGIN EXCLUSIVE")
        sale = SaleSpec([("Pasta bake", 1, 230)], tender="Cash", receipt_no="000001")
        assert send_tcp("127.0.0.1", port, compose(sale)).printed  # printing never waits
        # The sale reached the journal writer, which now waits for the lock.
        assert _wait(lambda: len(rt.pipeline.writer.backlog) == 1)
        _drain(s, 0.05)  # what was sent before it got stuck
        iterations = rt.loop_iterations
        stuck = _drain(s, 1.0)
        assert rt.loop_iterations == iterations
        assert rt.pipeline.counters["journaled"] == 0
        assert "WATCHDOG=1" not in stuck

        locker.rollback()
        locker.close()
        locker = None
        assert _wait(lambda: rt.pipeline.counters["journaled"] == 1, 12.0)
        after = _drain(s, 0.5)
        assert "WATCHDOG=1" in after
    finally:
        if locker is not None:
            locker.rollback()
            locker.close()
        rt.request_stop()
        loop.join(8)
        printer.stop()
        notifier.close()
    assert not loop.is_alive()
    tail = _drain(s, 0.3)
    assert "STOPPING=1" in tail
