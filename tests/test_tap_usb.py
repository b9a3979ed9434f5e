"""The usb printer tap through pyusb itself, with a fake backend standing in
for the USB bus (the machine edge: no USB here). The till prints over TCP to
the tap, as it would to a network printer."""

from __future__ import annotations

import socket

import pytest
import usb.core

from drivers.tap_usb import UsbTap, open_usb_printer, parse_usb_id
from hwsim.till import compose, random_sales, send_tcp
from hwsim.usb_backend import EP_IN, EP_OUT, FakeUsbPrinterBackend
from tests.support import wait_for
from tests.tap_support import Recorder


@pytest.fixture
def rig():
    backend = FakeUsbPrinterBackend(vendor=0x04B8, product=0x0202)
    rec = Recorder()
    tap = UsbTap("127.0.0.1:0", "04b8:0202", rec, backend=backend, poll_ms=20,
                 probe_interval=0.05)
    tap.start()
    yield backend, tap, rec
    tap.stop()


def test_the_fake_device_looks_like_a_usb_printer_to_pyusb():
    backend = FakeUsbPrinterBackend()
    dev = usb.core.find(idVendor=0x04B8, idProduct=0x0202, backend=backend)
    assert dev is not None
    printer = open_usb_printer(0x04B8, 0x0202, backend=backend)
    try:
        assert backend.kernel_driver_active is False  # usblp detached
        assert backend.claimed == {0}
        assert printer.ep_out.bEndpointAddress == EP_OUT
        assert printer.ep_in.bEndpointAddress == EP_IN
    finally:
        printer.close()
    assert usb.core.find(idVendor=0x1234, idProduct=0x5678, backend=backend) is None


def test_receipts_go_out_on_bulk_out_unchanged_and_the_listener_sees_the_same(rig):
    backend, tap, rec = rig
    receipts = [compose(s, lay) for s, lay in zip(random_sales(3, seed=2),
                                                  ["epson", "raster", "win1252"], strict=True)]
    for data in receipts:
        assert send_tcp(*tap.address, data).printed
    assert rec.wait(lambda: rec.job_ends == 3)
    assert bytes(backend.core.received) == b"".join(receipts) == bytes(rec.till)
    assert len(backend.core.receipts) == 3
    st = tap.state()
    assert st.mode == "usb" and st.jobs == 3 and st.printer_connected


def test_a_till_waiting_for_dle_eot_gets_the_reply_from_bulk_in(rig):
    backend, tap, rec = rig
    backend.core.cover_open = True
    res = send_tcp(*tap.address, compose(random_sales(1)[0]), ask_status=1)
    assert res.status == b"\x1a" and not res.printed  # the till saw the printer offline
    assert rec.wait(lambda: rec.printer == b"\x1a")
    backend.core.cover_open = False
    res = send_tcp(*tap.address, compose(random_sales(1)[0]), ask_status=2)
    assert res.printed and res.status == b"\x12"


def test_an_absent_printer_refuses_tills_and_a_replugged_one_works(rig):
    backend, tap, rec = rig
    assert send_tcp(*tap.address, b"one\x1bi").printed
    backend.unplug()
    assert rec.wait(lambda: ("printer", False) in rec.links)  # the status poller saw it
    # The job that finds the printer gone is reset, never printed ...
    with pytest.raises((ConnectionResetError, BrokenPipeError)), \
            socket.create_connection(tap.address, timeout=2) as s:
        s.sendall(b"lost?")
        s.shutdown(socket.SHUT_WR)
        s.settimeout(2)
        s.recv(8)
    # ... and then tills are refused, as by a network printer switched off.
    assert wait_for(lambda: not tap.state().listening)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(tap.address, timeout=2)
    st = tap.state()
    assert not st.printer_connected and st.forward_errors >= 1 and st.jobs_not_printed == 1
    backend.plug()
    assert wait_for(lambda: tap.state().listening)
    res = send_tcp(*tap.address, b"two\x1bi", ask_status=1)
    assert res.printed and res.status == b"\x12"
    assert rec.wait(lambda: rec.links.count(("printer", True)) == 2)
    assert backend.core.receipts[-1] == b"two\x1bi"
    assert b"lost?" not in backend.core.received


def test_usb_ids_parse_as_hex_vendor_and_product():
    assert parse_usb_id("04b8:0202") == (0x04B8, 0x0202)
    assert parse_usb_id("0DD4:0186") == (0x0DD4, 0x0186)


def test_only_allowed_addresses_reach_the_usb_printer():
    backend = FakeUsbPrinterBackend(vendor=0x04B8, product=0x0202)
    tap = UsbTap("0.0.0.0:0", "04b8:0202", Recorder(), backend=backend, poll_ms=20,
                 allow_from=["127.0.0.1"])
    tap.start()
    try:
        outsider = socket.socket()
        outsider.bind(("127.0.0.2", 0))
        outsider.settimeout(2)
        with pytest.raises((ConnectionResetError, BrokenPipeError)):
            outsider.connect(("127.0.0.1", tap.address[1]))  # reset maybe even before this returns
            outsider.sendall(b"\x1bp\x00\x19\xfa")  # the cash drawer
            outsider.recv(8)
        outsider.close()
        assert send_tcp("127.0.0.1", tap.address[1], b"till\x1bi").printed
        assert backend.core.received == bytearray(b"till\x1bi")
        st = tap.state()
        assert (st.refused_not_allowed, st.last_refused_from) == (1, "127.0.0.2")
    finally:
        tap.stop()
