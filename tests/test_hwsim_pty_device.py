"""The generic simulated serial device: a real pty with a stable link that a
host opens with pyserial, bytes both ways, and a cable that can be pulled."""

from __future__ import annotations

import os
import select
import termios
import threading
import time

import pytest
import serial

from hwsim.pty_device import PtyDevice


def read_exactly(port: serial.Serial, n: int) -> bytes:
    port.timeout = 2.0
    return port.read(n)


def test_a_request_response_device_answers_what_the_host_writes(tmp_path):
    dev = PtyDevice(link=str(tmp_path / "usb-module-if00"),
                    on_host_bytes=lambda data: b"ACK:" + data.upper()).start()
    try:
        with serial.Serial(dev.path, 57600, timeout=2.0) as port:
            port.write(b"ping")
            assert read_exactly(port, 8) == b"ACK:PING"
    finally:
        dev.stop()


def test_without_a_callback_the_host_bytes_are_queued(tmp_path):
    with PtyDevice(link=str(tmp_path / "dev")) as dev, serial.Serial(dev.path, 9600) as port:
        port.write(b"\x00\xff\x10binary")
        got = b""
        while len(got) < 9:
            got += dev.host_bytes.get(timeout=2.0)
        assert got == b"\x00\xff\x10binary"  # raw: nothing translated or echoed


def test_unplug_removes_the_link_and_fails_the_hosts_port_replug_restores_it(tmp_path):
    link = tmp_path / "dev"
    dev = PtyDevice(link=str(link)).start()
    port = serial.Serial(dev.path, 9600, timeout=0.5)
    dev.unplug()
    assert not link.exists() and not dev.plugged
    with pytest.raises(serial.SerialException):
        port.read(1)
    port.close()
    assert dev.write(b"lost") == 0 and dev.dropped == 4
    dev.replug()
    try:
        assert link.is_symlink() and dev.plugged and dev.plugs == 2
        with serial.Serial(dev.path, 9600, timeout=2.0) as port:
            dev.write(b"back")
            assert port.read(4) == b"back"
    finally:
        dev.stop()
        dev.stop()  # twice is fine


def test_replug_can_wait_until_the_host_has_reopened_the_port(tmp_path):
    dev = PtyDevice(link=str(tmp_path / "dev")).start()
    dev.unplug()
    opened = threading.Event()
    got: list[bytes] = []

    def host() -> None:
        # The host's supervisor retries the port until it is back.
        while not opened.is_set():
            try:
                with serial.Serial(dev.path, 9600, timeout=2.0) as port:
                    opened.set()
                    got.append(port.read(5))
            except serial.SerialException:
                threading.Event().wait(0.02)

    t = threading.Thread(target=host, daemon=True)
    t.start()
    try:
        dev.replug(wait_open_s=5.0)
        assert dev.host_opens >= 1
        dev.write(b"hello")  # not lost to the host's flush on open
        t.join(5.0)
        assert got == [b"hello"]
    finally:
        dev.stop()


def test_replug_waits_for_a_slow_host_to_discard_its_input_before_writing(tmp_path):
    # A loaded till's serial shell: it opens the port, is descheduled for a
    # while, then discards its input as pyserial does on open. What the device
    # writes once ``replug`` has returned must not be thrown away by that discard.
    link = tmp_path / "dev"
    dev = PtyDevice(link=str(link)).start()
    dev.unplug()
    got = bytearray()

    def slow_host() -> None:
        while True:
            try:
                fd = os.open(link, os.O_RDWR | os.O_NOCTTY)
                break
            except FileNotFoundError:
                time.sleep(0.02)
        try:
            time.sleep(0.3)
            termios.tcflush(fd, termios.TCIFLUSH)
            deadline = time.monotonic() + 5.0
            while len(got) < 5 and select.select([fd], [], [], deadline - time.monotonic())[0]:
                got.extend(os.read(fd, 5 - len(got)))
        finally:
            os.close(fd)

    t = threading.Thread(target=slow_host, daemon=True)
    t.start()
    try:
        assert dev.replug(wait_open_s=5.0).host_flushes >= 1
        dev.write(b"hello")
        t.join(6.0)
        assert bytes(got) == b"hello"
    finally:
        dev.stop()


def test_waiting_for_a_host_that_never_comes_gives_up(tmp_path):
    with PtyDevice(link=str(tmp_path / "dev")) as dev:
        assert dev.wait_host_open(0.2) is False
