"""The card-reader shells against the simulated readers over real OS
interfaces: RDM6300 and ASCII readers on pseudo-terminals (pyserial), the
keyboard wedge on a FIFO of ``struct input_event`` records. A queue of pupils
taps cards; readers are unplugged and replugged; noise gets on the line."""

from __future__ import annotations

import os
import time

import pytest

from agent.config import ReaderConfig
from drivers.debounce import Debouncer
from drivers.evdev_reader import EvdevReader
from drivers.events import CardRead, FrameRejected
from drivers.keywedge import KeywedgeDecoder
from drivers.rdm6300 import Rdm6300Decoder
from drivers.readers import make_reader
from drivers.serial_reader import SerialReader
from drivers.shell import DeviceShell
from hwsim.ascii_reader import AsciiReaderSim
from hwsim.keywedge import KeywedgeSim, encode_text
from hwsim.rdm6300 import Rdm6300Sim

PUPILS = ["04A1B2C3", "DEADBEEF", "00000001", "7F3E2D1C", "ABCDEF01", "10203040"]


def collect(shell, until, timeout: float = 3.0) -> list:
    """Read from ``shell`` until ``until(events)`` holds (or give up)."""
    out: list = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not until(out):
        out += shell.read(0.05, time.time())
    return out


def reads(events: list) -> list[str]:
    return [e.uid for e in events if isinstance(e, CardRead)]


def n_reads(n: int):
    return lambda evs: len(reads(evs)) >= n


@pytest.fixture
def rfid(tmp_path):
    sim = Rdm6300Sim(link=str(tmp_path / "usb-rdm6300-if00")).start()
    yield sim
    sim.stop()


@pytest.fixture
def wedge(tmp_path):
    sim = KeywedgeSim(path=str(tmp_path / "wedge.fifo")).start()
    yield sim
    sim.stop()


def serial_shell(sim, decoder, debounce_s: float = 0.0) -> SerialReader:
    return SerialReader("door", sim.path, 9600, decoder, Debouncer(debounce_s))


def test_a_queue_of_pupils_tapping_on_an_rdm6300(rfid):
    shell = serial_shell(rfid, Rdm6300Decoder("door"))
    detail = shell.open()
    assert rfid.path in detail and "/dev/pts/" in detail  # the by-id link, resolved
    try:
        for uid in PUPILS:
            rfid.present(uid)
            assert reads(collect(shell, n_reads(1))) == [uid]
        assert shell.stats()["frames"] == len(PUPILS)
        assert shell.stats()["rejected"] == 0
    finally:
        shell.close()


def test_a_card_left_on_the_reader_is_one_read(rfid):
    shell = serial_shell(rfid, Rdm6300Decoder("door"), debounce_s=1.0)
    shell.open()
    try:
        rfid.hold("04A1B2C3", times=6, interval_s=0.02)
        rfid.present("DEADBEEF")
        got = collect(shell, n_reads(2))
        assert reads(got) == ["04A1B2C3", "DEADBEEF"]
        assert shell.stats()["debounced"] == 5
    finally:
        shell.close()


def test_noise_and_misreads_are_rejected_and_the_next_pupil_still_reads(rfid):
    shell = serial_shell(rfid, Rdm6300Decoder("door"))
    shell.open()
    try:
        rfid.garbage(40)
        rfid.bad_checksum("04A1B2C3")
        rfid.partial("0A0B0C0D")
        rfid.present("DEADBEEF")
        got = collect(shell, n_reads(1))
        assert reads(got) == ["DEADBEEF"]
        rejected = [e for e in got if isinstance(e, FrameRejected)]
        assert {"bad checksum"} <= {e.reason for e in rejected}
        assert all("04A1B2C3" not in repr(e) for e in rejected)
    finally:
        shell.close()


def test_unplug_mid_service_raises_oserror_and_a_reopen_after_replug_reads_again(rfid):
    shell = serial_shell(rfid, Rdm6300Decoder("door"))
    shell.open()
    rfid.present(PUPILS[0])
    assert reads(collect(shell, n_reads(1))) == [PUPILS[0]]
    rfid.partial(PUPILS[1])  # the reader vanishes mid-frame
    rfid.unplug()
    with pytest.raises(OSError):
        collect(shell, lambda evs: False, timeout=2.0)
    shell.close()
    with pytest.raises(OSError):
        shell.open()  # the by-id link is gone while unplugged
    shell.close()
    rfid.replug(wait_open_s=0)
    shell.open()
    try:
        rfid.present(PUPILS[2])
        assert reads(collect(shell, n_reads(1))) == [PUPILS[2]]
    finally:
        shell.close()
    shell.close()  # twice is fine


@pytest.mark.parametrize("fmt", ["hex", "decimal"])
def test_an_ascii_reader_in_either_format_reads_the_rosters_uid(tmp_path, fmt):
    sim = AsciiReaderSim(link=str(tmp_path / "ascii"), fmt=fmt).start()
    shell = make_reader(ReaderConfig(name="counter", kind="ascii", path=sim.path, format=fmt,
                                     debounce_s=0.0))
    try:
        shell.open()
        for uid in PUPILS:
            sim.present(uid)
        sim.garbage(12)
        sim.overlong()
        sim.present(PUPILS[0])
        got = collect(shell, n_reads(len(PUPILS) + 1))
        assert reads(got) == PUPILS + [PUPILS[0]]
        assert shell.stats()["rejected"] >= 2
    finally:
        shell.close()
        sim.stop()


def test_a_keyboard_wedge_on_a_fifo_reads_cards_not_people(wedge):
    shell = make_reader(ReaderConfig(name="wedge", kind="keyboard", path=wedge.path, grab=False,
                                     debounce_s=0.0))
    assert "fifo" in shell.open()
    try:
        wedge.present(PUPILS[0])
        wedge.type_text("12345678", key_gap_s=0.2)  # a person at the reader's keyboard
        wedge.present(PUPILS[1])
        got = collect(shell, n_reads(2))
        assert reads(got) == PUPILS[:2]
        assert [e.reason for e in got if isinstance(e, FrameRejected)]
    finally:
        shell.close()


def test_a_keyboard_wedge_unplugged_and_replugged(wedge):
    shell = EvdevReader("wedge", KeywedgeDecoder("wedge"), path=wedge.path, grab=False)
    shell.open()
    wedge.present(PUPILS[0])
    assert reads(collect(shell, n_reads(1))) == [PUPILS[0]]
    wedge.unplug()
    with pytest.raises(OSError):
        collect(shell, lambda evs: False, timeout=2.0)
    shell.close()
    with pytest.raises(OSError):
        shell.open()
    wedge.replug()
    shell.open()
    try:
        wedge.present(PUPILS[3])
        assert reads(collect(shell, n_reads(1))) == [PUPILS[3]]
    finally:
        shell.close()


def test_a_capture_file_of_input_events_replays(tmp_path):
    cap = tmp_path / "capture.bin"
    data = b"".join(encode_text(u, start=1_700_000_000.0 + i) for i, u in enumerate(PUPILS))
    cap.write_bytes(data)
    shell = EvdevReader("wedge", KeywedgeDecoder("wedge"), path=str(cap), grab=False)
    assert "file" in shell.open()
    try:
        assert reads(collect(shell, n_reads(len(PUPILS)))) == PUPILS
        assert shell.read(0.01, time.time()) == []  # end of the capture: idle, not lost
    finally:
        shell.close()


def test_a_by_id_symlink_to_the_fifo_is_resolved(wedge, tmp_path):
    link = tmp_path / "usb-Reader_Keyboard-event-kbd"
    os.symlink(wedge.path, link)
    shell = EvdevReader("wedge", KeywedgeDecoder("wedge"), path=str(link), grab=False)
    assert wedge.path in shell.open()
    shell.close()


def test_a_vendor_product_reader_that_is_not_there_is_an_oserror():
    shell = EvdevReader("wedge", KeywedgeDecoder("wedge"), vendor_product="ffff:0035")
    with pytest.raises(OSError):
        shell.open()
    shell.close()
    with pytest.raises(OSError):
        EvdevReader("wedge", KeywedgeDecoder("wedge")).open()



def test_a_reader_entry_is_built_with_the_configs_values_and_defaults_alone(tmp_path):
    # The defaults live in agent.config.ReaderConfig only: an entry left at
    # them, and one that sets each value, both reach the shell as written.
    for rc in (ReaderConfig(name="door", kind="rdm6300", path="/dev/ttyUSB0"),
               ReaderConfig(name="door", kind="ascii", path="/dev/ttyUSB0", baudrate=19200,
                            debounce_s=0.5, format="decimal")):
        shell = make_reader(rc)
        assert (shell.baudrate, shell.debounce.debounce_s) == (rc.baudrate, rc.debounce_s)
    wedge = make_reader(ReaderConfig(name="wedge", kind="keyboard", max_key_gap_ms=90.0,
                                     format="decimal", grab=False))
    assert (wedge.decoder.max_key_gap_ms, wedge.decoder.fmt, wedge.grab) == (90.0, "decimal",
                                                                            False)
    assert wedge.debounce.debounce_s == ReaderConfig().debounce_s
    assert shell.decoder.fmt == "decimal"

def test_make_reader_builds_a_shell_per_card_kind_and_none_otherwise(tmp_path):
    for kind, cls in (("keyboard", EvdevReader), ("rdm6300", SerialReader),
                      ("ascii", SerialReader)):
        shell = make_reader(ReaderConfig(name=f"r-{kind}", kind=kind, path=str(tmp_path / "x")))
        assert isinstance(shell, cls) and isinstance(shell, DeviceShell)
        assert shell.name == f"r-{kind}"
        with pytest.raises(OSError):
            shell.open()  # absent device: an OSError for the supervisor
        shell.close()
    assert make_reader(ReaderConfig(name="f", kind="fingerprint")) is None

    class Unknown:
        kind = "barcode"

    assert make_reader(Unknown()) is None


@pytest.mark.parametrize("device,extra", [("rfid", []), ("ascii-reader", ["--format", "decimal"]),
                                          ("keywedge", [])])
def test_each_reader_can_be_run_by_hand(tmp_path, device, extra):
    import subprocess
    import sys
    from pathlib import Path

    where = str(tmp_path / ("wedge.fifo" if device == "keywedge" else "dev"))
    opt = "--path" if device == "keywedge" else "--link"
    repo = str(Path(__file__).resolve().parents[1])
    proc = subprocess.Popen([sys.executable, "-m", "hwsim", device, opt, where, *extra],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=repo,
                            env={**os.environ, "PYTHONPATH": repo})
    try:
        assert "type a card id" in proc.stdout.readline()
        kind = {"rfid": "rdm6300", "ascii-reader": "ascii", "keywedge": "keyboard"}[device]
        shell = make_reader(ReaderConfig(name="r", kind=kind, path=where, grab=False,
                                         format="decimal" if extra else "hex", debounce_s=0))
        shell.open()
        try:
            proc.stdin.write("04A1B2C3\ngarbage 5\nDEADBEEF\n")
            proc.stdin.flush()
            for _ in range(3):
                assert proc.stdout.readline().startswith("ok")
            got = collect(shell, n_reads(2))
            assert reads(got) == ["04A1B2C3", "DEADBEEF"]
            assert any(isinstance(e, FrameRejected) for e in got)
        finally:
            shell.close()
        proc.stdin.close()
        assert proc.wait(5) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_second_agent_cannot_share_the_reader(rfid):
    first = serial_shell(rfid, Rdm6300Decoder("door"))
    second = serial_shell(rfid, Rdm6300Decoder("door"))
    first.open()
    try:
        with pytest.raises(OSError):
            second.open()  # locked: it would steal half the frames
        second.close()
        rfid.present(PUPILS[0])
        assert reads(collect(first, n_reads(1))) == [PUPILS[0]]
    finally:
        first.close()
    second.open()  # free again once the first let go
    second.close()
