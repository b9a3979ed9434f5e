"""The fingerprint shell against the simulated module over a real
pseudo-terminal: pupils put fingers down (enrolled, unknown, weak), hold
them, the line gets noisy, the module misbehaves, the scanner is unplugged
and plugged back mid-service."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from agent.runtime.supervisor import DeviceSupervisor
from drivers.events import (
    BiometricMatch,
    BiometricNoMatch,
    DeviceConnected,
    DeviceLost,
    FrameRejected,
)
from drivers.fingerprint import FingerprintSession
from drivers.fingerprint_reader import FingerprintReader
from hwsim.fingerprint import FingerprintSim

ENROLLED = [0, 4, 17, 250]


@pytest.fixture
def sim(tmp_path):
    s = FingerprintSim(ENROLLED, link=str(tmp_path / "finger"), seed=1).start()
    yield s
    s.stop()


def make_reader(path: str, **kw) -> FingerprintReader:
    handshake = kw.pop("handshake_timeout_s", 2.0)
    kw.setdefault("poll_interval_s", 0.02)
    kw.setdefault("response_timeout_s", 1.0)
    return FingerprintReader("finger", path, 57600, FingerprintSession("finger", **kw),
                             handshake_timeout_s=handshake)


@pytest.fixture
def reader(sim):
    r = make_reader(sim.path)
    r.open()
    yield r
    r.close()


def collect(reader: FingerprintReader, seconds: float, until=None) -> list:
    """Read for ``seconds`` (or until ``until(events)``)."""
    events: list = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        events += reader.read(0.05, time.time())
        if until is not None and until(events):
            break
    return events


def reads(events: list) -> list:
    return [e for e in events if isinstance(e, BiometricMatch | BiometricNoMatch)]


def has_read(events: list) -> bool:
    return bool(reads(events))


def test_open_names_the_port_and_the_library(sim):
    r = make_reader(sim.path)
    try:
        detail = r.open()
    finally:
        r.close()
    assert sim.path in detail and "1000-slot library" in detail
    assert sim.commands[:1] == [0x0F]  # ReadSysPara first


def test_an_enrolled_finger_is_matched_to_its_slot(sim, reader):
    assert collect(reader, 0.2) == []
    sim.place(17)
    (ev,) = reads(collect(reader, 3.0, has_read))
    assert isinstance(ev, BiometricMatch)
    assert (ev.reader, ev.match_id, ev.score) == ("finger", "17", 150)


def test_an_unknown_finger_is_no_match(sim, reader):
    sim.place_unknown()
    assert [type(e) for e in reads(collect(reader, 3.0, has_read))] == [BiometricNoMatch]
    sim.lift()
    collect(reader, 0.2)
    sim.place(99)  # enrolled at some other till, not here
    assert [type(e) for e in reads(collect(reader, 3.0, has_read))] == [BiometricNoMatch]


def test_a_weak_match_is_no_match(sim, reader):
    sim.place(4, score=49)
    assert [type(e) for e in reads(collect(reader, 3.0, has_read))] == [BiometricNoMatch]
    assert reader.stats()["low_scores"] == 1
    sim.lift()
    collect(reader, 0.2)
    sim.place(4, score=50)
    assert [e.match_id for e in reads(collect(reader, 3.0, has_read))] == ["4"]


def test_a_finger_held_down_is_one_read_and_the_next_finger_another(sim, reader):
    sim.place(0)
    held = collect(reader, 1.0)  # ~50 GenImg polls while it stays
    assert [e.match_id for e in reads(held)] == ["0"]
    assert sim.commands.count(0x04) == 1  # one search
    sim.lift()
    collect(reader, 0.2)
    sim.place(250)
    assert [e.match_id for e in reads(collect(reader, 3.0, has_read))] == ["250"]


def test_a_smudged_finger_is_imaged_again_and_then_matched(sim, reader):
    sim.place(250, poor_images=2)
    assert [e.match_id for e in reads(collect(reader, 3.0, has_read))] == ["250"]
    assert reader.stats()["poor_images"] == 2
    sim.lift()
    collect(reader, 0.2)
    sim.place(250, poor_images=10)  # too wet to read: the operator is told, once
    events = collect(reader, 1.5)
    assert [type(e) for e in reads(events)] == [BiometricNoMatch]


def test_line_noise_and_bad_checksums_are_rejected_and_reads_go_on(sim, reader):
    sim.garbage(40)
    sim.corrupt_next(2)
    sim.place(4)
    events = collect(reader, 4.0, has_read)
    assert [e.match_id for e in reads(events)] == ["4"]
    rejected = [e for e in events if isinstance(e, FrameRejected)]
    assert {e.reason for e in rejected} <= {"garbage", "checksum"}
    assert "checksum" in {e.reason for e in rejected}
    st = reader.stats()
    assert st["checksum_errors"] >= 2 and st["frames_rejected"] == len(rejected)


def test_a_template_the_module_sends_unasked_never_comes_out(sim, reader, caplog):
    caplog.set_level(logging.DEBUG)
    template = sim.templates[17]
    sim.leak_template(17)
    sim.place(17)
    events = collect(reader, 3.0, has_read)
    assert [e.match_id for e in reads(events)] == ["17"]
    assert reader.stats()["data_packets_discarded"] == 4  # 512 bytes in 128-byte packets
    text = repr(events) + caplog.text + repr(reader.stats())
    assert template.hex() not in text.lower()
    assert template[:16].decode("latin-1") not in text
    assert 0x08 not in sim.commands and 0x0A not in sim.commands  # never asked for one


def test_an_absent_port_and_a_silent_module_fail_to_open(sim, tmp_path):
    with pytest.raises(OSError):
        make_reader(str(tmp_path / "nothing")).open()
    sim.mute = True
    r = make_reader(sim.path, handshake_timeout_s=0.3)
    with pytest.raises(OSError, match="no answer.*nothing came back"):
        r.open()
    r.close()


def test_a_module_at_another_address_or_password_is_named_in_the_error(tmp_path):
    with FingerprintSim([1], link=str(tmp_path / "f1"), address=0x0000BEEF) as other:
        with pytest.raises(OSError, match="another address"):  # it ignores ours
            make_reader(other.path, handshake_timeout_s=0.3).open()
        r = make_reader(other.path, address=0x0000BEEF)
        assert "1000-slot" in r.open()
        r.close()
    with FingerprintSim([1], link=str(tmp_path / "f2"), password=1234) as locked:
        with pytest.raises(OSError, match="password"):
            make_reader(locked.path, password=999, handshake_timeout_s=0.5).open()
        r = make_reader(locked.path, password=1234)
        assert "1000-slot" in r.open()
        r.close()


def test_a_module_that_stops_answering_is_a_lost_device(sim):
    r = make_reader(sim.path, response_timeout_s=0.2)
    r.open()
    try:
        sim.mute = True
        with pytest.raises(OSError, match="stopped answering"):
            collect(r, 5.0)
        assert r.stats()["timeouts"] == 5
    finally:
        r.close()


def test_unplug_and_replug_with_a_plain_reopen_loop(sim):
    """What any supervisor does: on OSError close, reopen until it works."""
    r = make_reader(sim.path)
    r.open()
    try:
        sim.place(4)
        assert has_read(collect(r, 3.0, has_read))
        sim.unplug()
        with pytest.raises(OSError):
            collect(r, 3.0)
        r.close()
        with pytest.raises(OSError):
            r.open()
        sim.replug()
        sim.lift()
        r.open()
        collect(r, 0.2)
        sim.place(250)
        assert [e.match_id for e in reads(collect(r, 3.0, has_read))] == ["250"]
    finally:
        r.close()


def test_unplug_and_replug_under_the_supervisor_mid_service(sim):
    events: list = []
    cond = threading.Condition()

    def emit(ev: object) -> None:
        with cond:
            events.append(ev)
            cond.notify_all()

    def wait_for(pred, timeout: float = 5.0) -> bool:
        with cond:
            return cond.wait_for(lambda: pred(list(events)), timeout)

    def matches(evs):
        return [e.match_id for e in evs if isinstance(e, BiometricMatch)]

    sup = DeviceSupervisor(make_reader(sim.path), "fingerprint", emit,
                                      backoff_initial_s=0.05, backoff_max_s=0.2)
    sup.start()
    try:
        assert wait_for(lambda evs: any(isinstance(e, DeviceConnected) for e in evs))
        sim.place(0)
        assert wait_for(lambda evs: matches(evs) == ["0"])
        sim.lift()
        sim.unplug()
        assert wait_for(lambda evs: any(isinstance(e, DeviceLost) for e in evs))
        time.sleep(0.3)  # a few failed reopens while the scanner is out
        sim.replug()
        assert wait_for(lambda evs: sum(isinstance(e, DeviceConnected) for e in evs) == 2)
        sim.place(17)
        assert wait_for(lambda evs: matches(evs) == ["0", "17"])
        state = sup.state()
        assert state.connected and state.reads == 2 and state.reopen_count >= 1
        assert state.stats["matches"] == 2
    finally:
        sup.stop()


def test_by_hand_from_the_command_line(tmp_path):
    link = tmp_path / "finger0"
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen([sys.executable, "-m", "hwsim", "fingerprint", "--link", str(link),
                             "--enrolled", "3,9"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert "fingerprint module on" in proc.stdout.readline()
        r = make_reader(str(link))
        r.open()
        try:
            proc.stdin.write("place 9\n")
            proc.stdin.flush()
            assert [e.match_id for e in reads(collect(r, 5.0, has_read))] == ["9"]
        finally:
            r.close()
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
