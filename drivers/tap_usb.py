"""The ``usb`` printer tap: the till prints to us over TCP (exactly like the
``tcp`` tap: the till is set up for a raw port-9100 network printer on
``listen``), and we forward to a USB receipt printer with pyusb.

The printer is found by ``vendor:product``; the printer-class interface
(class 7) is claimed (detaching usblp if the kernel bound it), data goes out
on its bulk OUT endpoint and a poller thread reads its bulk IN endpoint for
status replies, which are passed back to the till connection in progress.
One till connection holds the printer at a time (a second one waits, with its
bytes held back in its own socket, as with a busy network printer). Who may
connect, the job limits and "no printer, no listener" are the TCP tap's
(``drivers.tap_listener.TcpListenerTap``): with the printer absent, tills are
refused until it is plugged in again.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import usb.core
import usb.util

from drivers.tap_core import PRINTER, TapListener
from drivers.tap_guards import JobLimits, JobMeter
from drivers.tap_listener import TcpListenerTap
from drivers.tap_sockets import readable, receive, send_all

log = logging.getLogger("drivers.tap_usb")

PRINTER_CLASS = 7


def parse_usb_id(text: str) -> tuple[int, int]:
    """``"04b8:0202"`` -> (0x04B8, 0x0202)."""
    vid, _, pid = text.partition(":")
    return int(vid, 16), int(pid, 16)


class _UsbPrinter:
    """An opened, claimed USB printer interface."""

    def __init__(self, dev: Any, intf_no: int, ep_out: Any, ep_in: Any) -> None:
        self.dev, self.intf_no, self.ep_out, self.ep_in = dev, intf_no, ep_out, ep_in

    def close(self) -> None:
        with contextlib.suppress(Exception):
            usb.util.release_interface(self.dev, self.intf_no)
        with contextlib.suppress(Exception):
            usb.util.dispose_resources(self.dev)


def open_usb_printer(vendor: int, product: int, backend: Any = None) -> _UsbPrinter:
    """Find, configure and claim the printer; raise OSError if it is not there."""
    dev = usb.core.find(idVendor=vendor, idProduct=product, backend=backend)
    if dev is None:
        raise FileNotFoundError(f"no USB device {vendor:04x}:{product:04x}")
    try:
        cfg = dev.get_active_configuration()
    except usb.core.USBError:
        dev.set_configuration()
        cfg = dev.get_active_configuration()
    intf = usb.util.find_descriptor(cfg, bInterfaceClass=PRINTER_CLASS)
    if intf is None:
        raise OSError(f"{vendor:04x}:{product:04x} has no printer-class interface")
    n = intf.bInterfaceNumber
    with contextlib.suppress(NotImplementedError):
        if dev.is_kernel_driver_active(n):
            dev.detach_kernel_driver(n)  # usblp holds it otherwise
    usb.util.claim_interface(dev, n)

    def direction(d: int) -> Callable[[Any], bool]:
        return lambda e: (usb.util.endpoint_direction(e.bEndpointAddress) == d
                          and usb.util.endpoint_type(e.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK)

    ep_out = usb.util.find_descriptor(intf, custom_match=direction(usb.util.ENDPOINT_OUT))
    ep_in = usb.util.find_descriptor(intf, custom_match=direction(usb.util.ENDPOINT_IN))
    if ep_out is None:
        raise OSError(f"{vendor:04x}:{product:04x} has no bulk OUT endpoint")
    return _UsbPrinter(dev, n, ep_out, ep_in)


class UsbTap(TcpListenerTap):
    """Till (TCP on ``listen``) -> tap -> USB printer ``usb_id``, status back."""

    mode = "usb"

    def __init__(self, listen: str, usb_id: str, listener: TapListener | None,
                 backend: Any = None, clock: Callable[[], float] = time.time,
                 write_timeout_ms: int = 5000, poll_ms: int = 50,
                 idle_timeout: float | None = None, *, allow_from: Iterable[str] = (),
                 max_connections: int = 8, limits: JobLimits | None = None,
                 probe_interval: float = 1.0) -> None:
        super().__init__(listen, listener, clock, allow_from=allow_from,
                         max_connections=max_connections, limits=limits,
                         probe_interval=probe_interval, idle_timeout=idle_timeout)
        self._ids = parse_usb_id(usb_id)
        self._backend = backend
        self.write_timeout_ms = write_timeout_ms
        self.poll_ms = poll_ms
        self._printer: _UsbPrinter | None = None
        self._dev_lock = threading.Lock()
        self._current_till: socket.socket | None = None

    # -- the device ----------------------------------------------------------------

    def _probe_printer(self) -> bool:
        return self._ensure_printer(probe=True) is not None

    def _ensure_printer(self, probe: bool = False) -> _UsbPrinter | None:
        with self._dev_lock:
            if self._printer is not None:
                return self._printer
            try:
                p = open_usb_printer(*self._ids, backend=self._backend)
            except (OSError, ValueError) as exc:  # USBError is an OSError
                if not probe:  # a probe while it is known absent counts nothing
                    self.core.count("printer_unreachable")
                    self.core.forward_error(f"USB printer unavailable: {exc}")
                self.core.link(PRINTER, False, f"unavailable: {exc}")
                return None
            self._printer = p
        self.core.link(PRINTER, True, "usb {:04x}:{:04x}".format(*self._ids))
        if p.ep_in is not None:
            self._spawn(self._poll_in, "tap-usb-in", p)
        return p

    def _drop_printer(self, p: _UsbPrinter, why: str) -> None:
        with self._dev_lock:
            if self._printer is not p:
                return
            self._printer = None
        p.close()
        self.core.link(PRINTER, False, why)

    def _close_printer(self) -> None:
        p = self._printer
        if p is not None:
            self._drop_printer(p, "tap stopped")

    def _poll_in(self, p: _UsbPrinter) -> None:
        """Status replies from bulk IN go to the till connection in progress."""
        while not self._waker.is_set and self._printer is p:
            try:
                data = bytes(p.ep_in.read(64, timeout=self.poll_ms))
            except usb.core.USBTimeoutError:
                continue
            except (usb.core.USBError, OSError) as exc:
                self._drop_printer(p, f"status read: {exc}")
                return
            except Exception as exc:  # a backend bug: report it, never kill silently
                log.error("USB status read failed: %s", type(exc).__name__,
                          exc_info=log.isEnabledFor(logging.DEBUG))
                self._drop_printer(p, f"status read: {type(exc).__name__}")
                return
            if not data:
                continue
            till = self._current_till
            if till is not None:
                try:
                    send_all(till, data, self._waker)
                except OSError:
                    self.core.count("dropped_bytes", len(data))
            else:
                self.core.count("dropped_bytes", len(data))
            self.core.printer_data(data)

    def _write(self, p: _UsbPrinter, data: bytes, first: bool) -> _UsbPrinter:
        """Bulk OUT ``data``. A handle gone stale between jobs (printer
        replugged) is reopened once, if nothing of this job went out yet."""
        try:
            p.ep_out.write(data, timeout=self.write_timeout_ms)
            return p
        except (usb.core.USBError, OSError) as exc:
            self._drop_printer(p, f"write failed: {exc}")
            again = self._ensure_printer() if first else None
            if again is None:
                raise
        again.ep_out.write(data, timeout=self.write_timeout_ms)
        return again

    # -- a till connection -----------------------------------------------------------

    def _serve_till(self, till: socket.socket, peer: str) -> None:
        # One job at a time: the base class holds the job lock around this.
        p = self._ensure_printer()
        if p is None:
            self._printer_gone()  # later tills are refused until it is back
            self._take_unprinted(till, peer)
            return
        self._current_till = till
        started = False
        meter = JobMeter(self.limits, time.monotonic())
        try:
            while True:
                now = time.monotonic()
                verdict = meter.verdict(now)
                if verdict:
                    self._limit_hit(verdict, peer, started)
                    return
                contended = self._contended()
                r = readable([till, self._waker.fd], meter.timeout(now, contended))
                meter.waited(time.monotonic() - now, contended)
                if self._waker.is_set:
                    return
                if not r:
                    continue  # the meter decides
                data = receive(till)
                if data is None:
                    continue
                if not data:
                    self._job_sent()
                    self._job_owner.complete = True  # all forwarded: orderly close
                    return
                printer = [p]  # a write may reopen the printer

                def write(chunk: bytes, first: bool = not started,
                          printer: list[_UsbPrinter] = printer) -> None:
                    printer[0] = self._write(printer[0], chunk, first=first)

                try:
                    self._pass_on(data, meter, peer, started, write)
                except (usb.core.USBError, OSError) as exc:
                    self.core.forward_error(f"USB write: {exc}", dropped=len(data))
                    if self._printer is None:  # not even reopened: refuse tills till it is back
                        self._printer_gone()
                    return
                p, started = printer[0], True
        finally:
            self._current_till = None
            if started:
                self.core.job_end()
