"""The serial taps over real pseudo-terminals: the till holds one pty, the
simulated printer another, the tap sits between them (or, read-only, on the
till's TX line alone)."""

from __future__ import annotations

import contextlib
import os
import select
import tty

import pytest

from drivers.tap_serial import SerialReadOnlyTap, SerialTap
from hwsim.printer import PtyPrinter
from hwsim.till import FdPort, compose, random_sales, send_serial
from tests.support import wait_for
from tests.tap_support import Recorder


class SerialRecorder(Recorder):
    def on_job_end(self, now: float) -> None:
        raise AssertionError("a serial link has no jobs")


class TillPty:
    """The till's serial port: a pty whose other end the tap opens by a
    stable name (a symlink, like /dev/serial/by-id/...)."""

    def __init__(self, link: str) -> None:
        self.link = link
        self.master = -1
        self.slave = -1
        self.plug()

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.link)
        os.symlink(os.ttyname(self.slave), self.link)

    def unplug(self) -> None:
        os.unlink(self.link)
        for fd in (self.master, self.slave):
            os.close(fd)
        self.master = self.slave = -1

    def port(self) -> FdPort:
        return FdPort(self.master)

    def pending(self, timeout: float = 0.2) -> bytes:
        """Whatever reached the till's side (nothing, for a read-only tap)."""
        got = b""
        while select.select([self.master], [], [], timeout)[0]:
            got += os.read(self.master, 4096)
            timeout = 0.02
        return got


@pytest.fixture
def rig(tmp_path):
    printer = PtyPrinter(link=str(tmp_path / "printer")).start()
    till = TillPty(str(tmp_path / "till"))
    rec = SerialRecorder()
    tap = SerialTap(till.link, printer.path, 9600, listener=rec, backoff_initial=0.02,
                    backoff_max=0.1)
    tap.start()
    yield till, printer, tap, rec
    tap.stop()
    printer.stop()
    if till.master >= 0:
        till.unplug()


def test_receipts_cross_the_serial_tap_unchanged_and_the_listener_sees_the_same(rig):
    till, printer, tap, rec = rig
    receipts = [compose(s, lay) for s, lay in zip(random_sales(4, seed=8),
                                                  ["epson", "uk-intl", "raster", "nocut"],
                                                  strict=True)]
    for data in receipts:
        assert send_serial(till.port(), data).printed
    stream = b"".join(receipts)
    assert wait_for(lambda: len(printer.core.received) >= len(stream))
    assert bytes(printer.core.received) == stream
    assert rec.wait(lambda: len(rec.till) == len(stream))
    assert bytes(rec.till) == stream
    st = tap.state()
    assert st.mode == "serial" and st.till_connected and st.printer_connected
    assert st.bytes_from_till == len(stream) and st.forward_errors == 0


def test_a_serial_till_waiting_for_dle_eot_gets_the_printers_reply(rig):
    till, printer, tap, rec = rig
    res = send_serial(till.port(), compose(random_sales(1)[0]), ask_status=1)
    assert res.printed and res.status == b"\x12"
    assert rec.wait(lambda: rec.printer == b"\x12")


def test_paper_out_reply_reaches_the_serial_till(rig):
    till, printer, tap, rec = rig
    printer.core.paper_out = True
    res = send_serial(till.port(), compose(random_sales(1)[0]), ask_status=4)
    assert res.status == bytes([0x12 | 0x0C | 0x60])
    assert rec.wait(lambda: rec.printer == res.status)


def test_the_printer_port_vanishing_and_coming_back(rig):
    till, printer, tap, rec = rig
    assert send_serial(till.port(), b"before" + b"\x1bi", ask_status=1).printed
    printer.unplug()
    assert rec.wait(lambda: ("printer", False) in rec.links)
    assert not tap.state().printer_connected
    # While the printer is away the till's bytes wait in its own port, not lost.
    till.port().write(b"during\x1bi")
    printer.plug()
    assert rec.wait(lambda: rec.links.count(("printer", True)) == 2)
    res = send_serial(till.port(), b"after" + b"\x1bi", ask_status=1)
    assert res.printed and res.status == b"\x12"
    assert wait_for(lambda: printer.core.received.endswith(b"after\x1bi"))
    assert b"during\x1bi" in printer.core.received
    st = tap.state()
    assert st.reconnects == 1 and "printer" in st.last_error


def test_the_till_port_vanishing_and_coming_back(rig):
    till, printer, tap, rec = rig
    assert send_serial(till.port(), b"one\x1bi").printed
    assert wait_for(lambda: printer.core.received.endswith(b"one\x1bi"))
    till.unplug()
    assert rec.wait(lambda: ("till", False) in rec.links)
    till.plug()
    assert rec.wait(lambda: rec.links.count(("till", True)) == 2)
    assert send_serial(till.port(), b"two\x1bi", ask_status=2).status == b"\x12"
    assert wait_for(lambda: printer.core.received.endswith(b"two\x1bi"))


def test_a_tap_started_before_its_ports_exist_keeps_trying(tmp_path):
    rec = SerialRecorder()
    till_link, printer_link = str(tmp_path / "till"), str(tmp_path / "printer")
    tap = SerialTap(till_link, printer_link, listener=rec, backoff_initial=0.02,
                    backoff_max=0.05)
    tap.start()
    assert not tap.state().till_connected
    printer = PtyPrinter(link=printer_link).start()
    till = TillPty(till_link)
    try:
        assert rec.wait(lambda: ("till", True) in rec.links and ("printer", True) in rec.links)
        assert send_serial(till.port(), b"late\x1bi", ask_status=1).status == b"\x12"
    finally:
        tap.stop()
        printer.stop()
        till.unplug()


def test_read_only_tap_hears_the_till_and_never_writes_a_byte(tmp_path):
    # Y-cable on the till's TX: the test writes what the till transmits into
    # the pty master; anything the tap wrote would come out of that master.
    tx = TillPty(str(tmp_path / "tx"))
    rec = SerialRecorder()
    tap = SerialReadOnlyTap(tx.link, 9600, listener=rec, backoff_initial=0.02)
    tap.start()
    try:
        stream = b"".join(compose(s) for s in random_sales(3, seed=1))
        stream += b"\x10\x04\x01\x11\x13" * 4  # status asks and XON/XOFF look-alikes
        tx.port().write(stream)
        assert rec.wait(lambda: len(rec.till) == len(stream))
        assert bytes(rec.till) == stream
        assert tx.pending() == b""  # not a single byte back on the line
        st = tap.state()
        assert st.mode == "serial-tap" and st.bytes_from_printer == 0
    finally:
        tap.stop()
        tx.unplug()


def test_read_only_tap_survives_its_port_vanishing(tmp_path):
    tx = TillPty(str(tmp_path / "tx"))
    rec = SerialRecorder()
    tap = SerialReadOnlyTap(tx.link, listener=rec, backoff_initial=0.02, backoff_max=0.05)
    tap.start()
    try:
        tx.port().write(b"first")
        assert rec.wait(lambda: rec.till == b"first")
        tx.unplug()
        assert rec.wait(lambda: ("till", False) in rec.links)
        tx.plug()
        assert rec.wait(lambda: rec.links.count(("till", True)) == 2)
        tx.port().write(b"second")
        assert rec.wait(lambda: rec.till == b"firstsecond")
        assert tx.pending() == b""
        assert tap.state().reconnects == 1
    finally:
        tap.stop()
        tx.unplug()
