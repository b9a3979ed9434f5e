"""Device supervision: readers unplugged and replugged mid-service keep
reading without restarting anything, a reader that is missing or broken
never stops the others, state is published, and nothing identifying a pupil
reaches the logs at INFO or above."""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest

from agent.config import ReaderConfig
from agent.runtime.supervisor import DeviceSupervisor, describe_error
from drivers.events import CardRead, DeviceConnected, DeviceLost, FrameRejected
from drivers.readers import make_reader
from hwsim.ascii_reader import AsciiReaderSim
from hwsim.keywedge import KeywedgeSim
from hwsim.rdm6300 import Rdm6300Sim
from tests.support import wait_for

PUPILS = ["04A1B2C3", "DEADBEEF", "00000001", "7F3E2D1C", "ABCDEF01", "10203040"]


class Events:
    """What the supervisors emitted, in order, waitable."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self.cond = threading.Condition()

    def __call__(self, ev: object) -> None:
        with self.cond:
            self.items.append(ev)
            self.cond.notify_all()

    def wait(self, pred, timeout: float = 5.0) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: pred(self.items), timeout)

    def reads(self, reader: str | None = None) -> list[str]:
        return [e.uid for e in list(self.items)
                if isinstance(e, CardRead) and (reader is None or e.reader == reader)]

    def of(self, cls, device: str | None = None) -> list:
        return [e for e in list(self.items) if isinstance(e, cls)
                and (device is None or getattr(e, "device", getattr(e, "reader", "")) == device)]


def supervise(rc: ReaderConfig, events: Events, **kw) -> DeviceSupervisor:
    kw.setdefault("backoff_initial_s", 0.05)
    kw.setdefault("backoff_max_s", 0.2)
    kw.setdefault("read_timeout_s", 0.05)
    return DeviceSupervisor(make_reader(rc), rc.kind, events, **kw).start()


@pytest.fixture
def stoppers():
    things: list = []
    yield things
    for t in reversed(things):
        t.stop()


def tap_and_wait(sim, uid: str, events: Events, reader: str) -> bool:
    before = len(events.reads(reader))
    sim.present(uid)
    return events.wait(lambda _: len(events.reads(reader)) > before)


def test_an_rdm6300_unplugged_and_replugged_mid_service_keeps_reading(tmp_path, stoppers):
    sim = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    stoppers.append(sim)
    events = Events()
    sup = supervise(ReaderConfig(name="door", kind="rdm6300", path=sim.path, debounce_s=0), events)
    stoppers.append(sup)
    assert events.wait(lambda evs: any(isinstance(e, DeviceConnected) for e in evs))
    first = sup.state()
    assert first.connected and first.connected_since and "/dev/pts/" in first.detail
    for uid in PUPILS[:3]:
        assert tap_and_wait(sim, uid, events, "door")

    sim.unplug()
    assert events.wait(lambda evs: any(isinstance(e, DeviceLost) for e in evs))
    assert wait_for(lambda: sup.state().reopen_count >= 1)
    down = sup.state()
    assert not down.connected and down.last_error and down.errors >= 1
    # Since when, for the staff ("not connected (since 12:41)"): the loss, not
    # the latest of the retries that followed it.
    lost_at = down.disconnected_since
    assert lost_at is not None and first.connected_since < lost_at <= down.last_error_at
    assert wait_for(lambda: sup.state().reopen_count >= 2)
    assert sup.state().disconnected_since == lost_at

    sim.replug()
    assert events.wait(lambda evs: len([e for e in evs if isinstance(e, DeviceConnected)]) == 2)
    for uid in PUPILS[3:]:
        assert tap_and_wait(sim, uid, events, "door")
    assert events.reads("door") == PUPILS
    st = sup.state()
    assert st.connected and st.reads == len(PUPILS) and st.disconnected_since is None
    assert st.connected_since > first.connected_since
    kinds = [type(e).__name__ for e in events.items if not isinstance(e, CardRead)]
    assert kinds == ["DeviceConnected", "DeviceLost", "DeviceConnected"]


def test_a_reader_plugged_in_after_the_agent_started_is_picked_up(tmp_path, stoppers):
    link = str(tmp_path / "ascii")
    events = Events()
    sup = supervise(ReaderConfig(name="counter", kind="ascii", path=link, debounce_s=0), events)
    stoppers.append(sup)
    assert wait_for(lambda: sup.state().reopen_count >= 2)
    st = sup.state()
    assert not st.connected and "FileNotFoundError" in st.last_error
    # Absent from the start: not working since its first try.
    assert st.disconnected_since is not None and st.disconnected_since < st.last_error_at
    # Absent from the start: one DeviceLost, not one per retry.
    assert len(events.of(DeviceLost)) == 1
    sim = AsciiReaderSim(link=link).start()
    stoppers.append(sim)
    assert wait_for(lambda: sup.state().connected)
    assert tap_and_wait(sim, PUPILS[0], events, "counter")


def test_a_missing_device_is_retried_with_backoff_not_in_a_busy_loop(tmp_path, stoppers):
    events = Events()
    sup = supervise(ReaderConfig(name="door", kind="rdm6300", path=str(tmp_path / "none")),
                    events, backoff_initial_s=0.05, backoff_max_s=0.2)
    stoppers.append(sup)
    time.sleep(1.0)
    n = sup.state().reopen_count
    # 0.05 + 0.1 + 0.2 + 0.2 ... (+/- 25%) fits at most ~8 attempts in a second;
    # a loop without backoff would make thousands.
    assert 2 <= n <= 20


def test_a_broken_reader_never_stops_the_others(tmp_path, stoppers):
    good = Rdm6300Sim(link=str(tmp_path / "good")).start()
    noisy = AsciiReaderSim(link=str(tmp_path / "noisy")).start()
    wedge = KeywedgeSim(path=str(tmp_path / "wedge.fifo")).start()
    stoppers += [good, noisy, wedge]
    events = Events()
    sups = [
        supervise(ReaderConfig(name="gone", kind="rdm6300", path=str(tmp_path / "absent")),
                  events),
        supervise(ReaderConfig(name="good", kind="rdm6300", path=good.path, debounce_s=0),
                  events),
        supervise(ReaderConfig(name="noisy", kind="ascii", path=noisy.path), events),
        supervise(ReaderConfig(name="wedge", kind="keyboard", path=wedge.path, grab=False,
                               debounce_s=0), events),
    ]
    stoppers += sups
    assert wait_for(lambda: all(s.state().connected for s in sups[1:]))
    for i in range(20):
        noisy.garbage(30)
        if i % 5 == 0:
            wedge.unplug()
            wedge.replug()
    for uid in PUPILS:
        assert tap_and_wait(good, uid, events, "good")
    assert events.reads("good") == PUPILS
    assert wait_for(lambda: sups[3].state().connected)
    assert tap_and_wait(wedge, PUPILS[0], events, "wedge")
    assert wait_for(lambda: sups[2].state().frames_rejected >= 20)
    assert not sups[0].state().connected


def test_a_failing_consumer_does_not_kill_the_reader(tmp_path, stoppers):
    sim = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    stoppers.append(sim)
    got: list = []
    failed: list = []

    def emit(ev):
        if isinstance(ev, CardRead) and not failed:
            failed.append(ev)
            raise RuntimeError("consumer bug")
        got.append(ev)

    sup = DeviceSupervisor(make_reader(ReaderConfig(name="door", kind="rdm6300", path=sim.path,
                                                    debounce_s=0)),
                           "rdm6300", emit, backoff_initial_s=0.05, read_timeout_s=0.05).start()
    stoppers.append(sup)
    assert wait_for(lambda: sup.state().connected)
    sim.present(PUPILS[0])
    sim.present(PUPILS[1])
    assert wait_for(lambda: any(isinstance(e, CardRead) and e.uid == PUPILS[1] for e in got))
    assert sup.emit_errors == 1 and sup.state().connected


class ExplodingShell:
    """A shell around a real reader whose decoder has a bug on its second
    read (an exception carrying card data in its message)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls = 0

    def open(self) -> str:
        return self.inner.open()

    def read(self, timeout: float, now: float) -> list:
        evs = self.inner.read(timeout, now)
        if evs:
            self.calls += 1
            if self.calls == 2:
                raise ValueError(f"cannot decode {evs[0].uid}")
        return evs

    def close(self) -> None:
        self.inner.close()

    def stats(self) -> dict[str, int]:
        raise RuntimeError("stats broken too")


def test_a_decoder_bug_is_an_error_and_a_reopen_never_a_dead_thread(tmp_path, stoppers, caplog):
    sim = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    stoppers.append(sim)
    events = Events()
    shell = ExplodingShell(make_reader(ReaderConfig(name="door", kind="rdm6300", path=sim.path,
                                                    debounce_s=0)))
    sup = DeviceSupervisor(shell, "rdm6300", events, backoff_initial_s=0.05,
                           read_timeout_s=0.05).start()
    stoppers.append(sup)
    assert wait_for(lambda: sup.state().connected)
    with caplog.at_level(logging.INFO):
        assert tap_and_wait(sim, PUPILS[0], events, "door")
        sim.present(PUPILS[1])  # the decoder's bug: the read raises
        assert events.wait(lambda evs: any(isinstance(e, DeviceLost) for e in evs))
        # Reopened: a card tapped after that is read (one tapped while the
        # port is closed is lost, as on a real reader, so wait for the reopen).
        assert events.wait(lambda evs: sum(isinstance(e, DeviceConnected) for e in evs) == 2)
        assert tap_and_wait(sim, PUPILS[2], events, "door")
        assert tap_and_wait(sim, PUPILS[4], events, "door")
    assert events.reads("door") == [PUPILS[0], PUPILS[2], PUPILS[4]]
    st = sup.state()
    assert st.errors == 1 and st.last_error == "internal error: ValueError"
    assert st.stats == {}  # a broken stats() does not break state()
    assert all(PUPILS[1] not in r.getMessage() for r in caplog.records)


def test_rejections_are_counted_and_logged_without_data(tmp_path, stoppers, caplog):
    sim = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    stoppers.append(sim)
    events = Events()
    sup = supervise(ReaderConfig(name="door", kind="rdm6300", path=sim.path), events)
    stoppers.append(sup)
    assert wait_for(lambda: sup.state().connected)
    with caplog.at_level(logging.DEBUG, logger="agent.runtime.supervisor"):
        for uid in PUPILS:
            sim.bad_checksum(uid)
        assert events.wait(lambda evs: len([e for e in evs if isinstance(e, FrameRejected)])
                           == len(PUPILS))
    assert sup.state().frames_rejected == len(PUPILS)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1  # rate-limited: the rest at DEBUG
    assert "bad checksum" in warnings[0].getMessage()
    for r in caplog.records:
        assert not any(uid in r.getMessage() for uid in PUPILS)


def test_no_card_uid_reaches_the_logs_at_info_during_a_service(tmp_path, stoppers, caplog):
    rfid = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    ascii_ = AsciiReaderSim(link=str(tmp_path / "ascii"), fmt="decimal").start()
    wedge = KeywedgeSim(path=str(tmp_path / "wedge.fifo")).start()
    stoppers += [rfid, ascii_, wedge]
    events = Events()
    with caplog.at_level(logging.INFO):
        sups = [supervise(ReaderConfig(name="r", kind="rdm6300", path=rfid.path, debounce_s=0),
                          events),
                supervise(ReaderConfig(name="a", kind="ascii", path=ascii_.path, format="decimal",
                                       debounce_s=0), events),
                supervise(ReaderConfig(name="w", kind="keyboard", path=wedge.path, grab=False,
                                       debounce_s=0), events)]
        stoppers += sups
        assert wait_for(lambda: all(s.state().connected for s in sups))
        for i, uid in enumerate(PUPILS):
            sim, name = [(rfid, "r"), (ascii_, "a"), (wedge, "w")][i % 3]
            assert tap_and_wait(sim, uid, events, name)
            if i == 2:
                rfid.bad_checksum(uid)
                rfid.unplug()
                rfid.replug()
        assert wait_for(lambda: sups[0].state().connected)
    assert sorted(events.reads()) == sorted(PUPILS)
    text = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "connected" in text
    decimal = [f"{int(u, 16):010d}" for u in PUPILS]  # as the decimal reader printed them
    assert not any(u in text for u in PUPILS + decimal)
    states = json.dumps([s.state().to_dict() for s in sups])
    assert not any(u in states for u in PUPILS)


def test_state_is_json_ready_and_stop_releases_the_device(tmp_path, stoppers):
    sim = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    stoppers.append(sim)
    events = Events()
    sup = supervise(ReaderConfig(name="door", kind="rdm6300", path=sim.path), events)
    assert wait_for(lambda: sup.state().connected)
    assert tap_and_wait(sim, PUPILS[0], events, "door")
    d = json.loads(json.dumps(sup.state().to_dict()))
    assert d["name"] == "door" and d["kind"] == "rdm6300" and d["connected"] is True
    assert d["stats"]["frames"] == 1 and d["last_data_at"] is not None
    assert set(d) >= {"connected_since", "errors", "reopen_count", "frames_rejected",
                      "last_error", "detail"}
    assert sup.stop(timeout=2.0)
    assert not sup._thread.is_alive()
    assert sup.shell._ser is None and not sup.state().connected
    n = len(events.items)
    sim.present(PUPILS[1])
    time.sleep(0.2)
    assert len(events.items) == n  # nothing read after stop
    assert sup.stop(timeout=1.0)  # twice is fine


def test_errors_are_described_without_card_data():
    assert describe_error(FileNotFoundError(2, "No such file", "/dev/x")).startswith(
        "FileNotFoundError: [Errno 2]")
    assert describe_error(KeyError("04A1B2C3")) == "internal error: KeyError"
    assert len(describe_error(OSError("x" * 1000))) <= 200


def test_a_card_is_stamped_when_it_arrived_not_when_the_wait_began(tmp_path, stoppers):
    sim = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    stoppers.append(sim)
    events = Events()
    sup = supervise(ReaderConfig(name="door", kind="rdm6300", path=sim.path, debounce_s=0),
                    events, read_timeout_s=2.0)
    stoppers.append(sup)
    assert wait_for(lambda: sup.state().connected)
    time.sleep(0.3)  # the supervisor is now inside a long wait for data
    tapped_at = time.time()
    assert tap_and_wait(sim, PUPILS[0], events, "door")
    [read] = [e for e in events.items if isinstance(e, CardRead)]
    assert read.at >= tapped_at


class FlappingShell:
    """A real reader behind a loose connector: it opens, then fails at once."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name

    def open(self) -> str:
        return self.inner.open()

    def read(self, timeout: float, now: float) -> list:
        raise OSError(5, "Input/output error")

    def close(self) -> None:
        self.inner.close()

    def stats(self) -> dict[str, int]:
        return self.inner.stats()


def test_a_flapping_connection_keeps_backing_off(tmp_path, stoppers):
    sim = Rdm6300Sim(link=str(tmp_path / "rfid")).start()
    stoppers.append(sim)
    events = Events()
    shell = FlappingShell(make_reader(ReaderConfig(name="door", kind="rdm6300", path=sim.path)))
    sup = DeviceSupervisor(shell, "rdm6300", events, backoff_initial_s=0.05,
                           backoff_max_s=0.4, jitter=0.0).start()
    stoppers.append(sup)
    time.sleep(1.2)
    assert sup.stop(2.0)
    st = sup.state()
    # 0.05 + 0.1 + 0.2 + 0.4 + 0.4 ...: a handful, where resetting the
    # backoff on every successful open would reopen ~24 times.
    assert 2 <= st.reopen_count <= 10
    assert st.errors in (st.reopen_count, st.reopen_count + 1)  # each open then failed
    assert len(events.of(DeviceLost)) == st.errors
