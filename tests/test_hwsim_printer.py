"""The simulated printer: status replies per the Epson spec, receipts split at
cuts without being fooled by image payloads, and its TCP and pty front ends
with their faults (unplug, mid-receipt drop)."""

from __future__ import annotations

import hashlib
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import serial
from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from hwsim import escpos_encoder as enc
from hwsim.printer import PtyPrinter, TcpPrinter
from hwsim.printer_core import PrinterCore
from hwsim.till import LAYOUTS, compose, random_sales

ROOT = Path(__file__).resolve().parents[1]


def feed_in_chunks(data: bytes, sizes: list[int]) -> PrinterCore:
    core = PrinterCore()
    i = 0
    for n in sizes:
        core.feed(data[i : i + n])
        i += n
    core.feed(data[i:])
    return core


def lunch_stream() -> bytes:
    sales = random_sales(6, seed=3)
    return b"".join(compose(s, lay) for s, lay in zip(sales, ["epson", "win1252", "uk-intl",
                                                              "raster", "epson", "win1252"],
                                                      strict=True))


# --- status replies ------------------------------------------------------------


def test_a_healthy_printer_answers_each_status_request_with_the_fixed_bits_only():
    core = PrinterCore()
    assert core.feed(enc.status_request(1) + enc.status_request(2) + enc.status_request(3)
                     + enc.status_request(4)) == b"\x12\x12\x12\x12"
    assert core.status_requests == [1, 2, 3, 4]
    assert core.received.endswith(b"\x10\x04\x04")
    assert core.receipts == [] and core.unfinished == b""  # status requests print nothing


def test_paper_out_sets_offline_the_paper_end_stop_and_the_roll_sensor_bits():
    core = PrinterCore(paper_out=True)
    assert core.feed(b"\x10\x04\x01") == bytes([0x12 | 0x08])
    assert core.feed(b"\x10\x04\x02") == bytes([0x12 | 0x20])
    assert core.feed(b"\x10\x04\x04") == bytes([0x12 | 0x0C | 0x60])


def test_cover_open_sets_offline_and_the_cover_bit():
    core = PrinterCore(cover_open=True)
    assert core.feed(b"\x10\x04\x01\x10\x04\x02") == bytes([0x1A, 0x16])


def test_paper_near_end_is_reported_by_the_roll_sensor_but_the_printer_stays_online():
    core = PrinterCore(paper_near_end=True)
    assert core.feed(b"\x10\x04\x01\x10\x04\x04") == bytes([0x12, 0x1E])


def test_a_status_request_split_across_reads_is_answered_once_complete():
    core = PrinterCore(offline=True)
    assert core.feed(b"\x10") == b""
    assert core.feed(b"\x04") == b""
    assert core.feed(b"\x01") == b"\x1a"


# --- receipts split at cuts ------------------------------------------------------


def test_every_cut_form_ends_a_receipt():
    stream = b"".join(b"r%d\n" % i + enc.cut(m) for i, m in enumerate(
        ["full", "partial", "full_feed", "partial_feed", "esc_i", "esc_m"]))
    core = PrinterCore()
    core.feed(stream)
    assert [r[:2] for r in core.receipts] == [b"r0", b"r1", b"r2", b"r3", b"r4", b"r5"]
    assert b"".join(core.receipts) == stream


def test_a_logo_whose_pixels_look_like_a_cut_does_not_split_the_receipt():
    logo = enc.raster(64, 8, b"\x1dV\x00\x1bi")
    core = PrinterCore()
    core.feed(enc.init() + logo + b"Pasta bake\n" + enc.cut())
    assert len(core.receipts) == 1


def test_a_lunch_queue_gives_one_receipt_per_cut_whatever_the_chunking():
    stream = lunch_stream()
    whole = PrinterCore()
    whole.feed(stream)
    assert len(whole.receipts) == 6
    assert b"".join(whole.receipts) + whole.unfinished == stream
    byte_by_byte = feed_in_chunks(stream, [1] * len(stream))
    assert byte_by_byte.receipts == whole.receipts
    rng = random.Random(7)
    for _ in range(5):
        sizes = [rng.randint(1, 300) for _ in range(len(stream) // 50)]
        assert feed_in_chunks(stream, sizes).receipts == whole.receipts


def test_receipts_from_python_escpos_an_independent_encoder_split_at_its_cuts():
    dummy = Dummy()
    for i in range(3):
        dummy.set(bold=True)
        dummy.text(f"Receipt {i}\nPasta bake   2.30\n")
        dummy.qr(f"R{i}", native=True)
        dummy.barcode("123456789012", "EAN13")
        dummy.cut()
    core = PrinterCore()
    core.feed(dummy.output)
    assert len(core.receipts) == 3
    assert all(b"Pasta bake" in r for r in core.receipts)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.lists(st.integers(1, 50), max_size=20))
def test_random_bytes_never_raise_and_every_byte_is_kept(data, sizes):
    core = feed_in_chunks(data, sizes)
    assert bytes(core.received) == data
    whole = PrinterCore()
    whole.feed(data)
    assert core.receipts == whole.receipts
    assert core.status_requests == whole.status_requests


# --- TCP front end ---------------------------------------------------------------


def send(addr: tuple[str, int], data: bytes, want_reply: int = 0) -> bytes:
    with socket.create_connection(addr, timeout=2) as s:
        s.sendall(data)
        got = b""
        while len(got) < want_reply:
            got += s.recv(16)
        return got


def test_tcp_printer_keeps_each_connection_as_a_job_and_answers_status():
    p = TcpPrinter().start()
    try:
        assert send(p.address, b"\x10\x04\x01" + compose(random_sales(1)[0]), 1) == b"\x12"
        assert p.wait_jobs(1)  # jobs are kept in the order their connections close
        send(p.address, b"second job" + enc.cut())
        assert p.wait_jobs(2)
        assert p.jobs[1] == b"second job" + enc.cut()
        assert len(p.core.receipts) == 2
    finally:
        p.stop()


def test_unplugged_tcp_printer_refuses_and_comes_back_on_the_same_port():
    p = TcpPrinter().start()
    addr = p.address
    p.unplug()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(addr, timeout=1)
    p.plug()
    try:
        assert send(addr, b"\x10\x04\x04", 1) == b"\x12"
    finally:
        p.stop()


def test_tcp_printer_can_drop_the_link_mid_receipt():
    p = TcpPrinter().start()
    p.faults.drop_after = 10
    try:
        with socket.create_connection(p.address, timeout=2) as s:
            s.sendall(b"0123456789ABCDEF")
            assert s.recv(16) == b""  # the printer hung up
        assert p.wait_jobs(1)
        assert p.jobs == [b"0123456789"]
        assert p.core.unfinished == b"0123456789"
    finally:
        p.stop()


# --- pty front end ---------------------------------------------------------------


def test_pty_printer_answers_a_serial_till_and_vanishes_when_unplugged(tmp_path):
    link = str(tmp_path / "printer0")
    p = PtyPrinter(link=link).start()
    port = serial.Serial(link, 9600, timeout=1)
    try:
        port.write(b"\x10\x04\x02Hello\n" + enc.cut())
        assert port.read(1) == b"\x12"
        deadline = time.monotonic() + 2
        while not p.core.receipts and time.monotonic() < deadline:
            time.sleep(0.01)
        assert p.core.receipts == [b"Hello\n" + enc.cut()]
        p.unplug()
        assert not os.path.exists(link)
        with pytest.raises(serial.SerialException):
            port.read(1)
    finally:
        port.close()
        p.stop()


def test_every_layout_prints_through_the_simulated_printer_as_one_receipt():
    for name, lay in LAYOUTS.items():
        core = PrinterCore()
        core.feed(compose(random_sales(1, seed=1)[0], name))
        assert len(core.receipts) == (0 if lay.cut is None else 1), name


def test_hwsim_printer_by_hand_on_tcp_prints_where_it_listens_and_counts_receipts():
    proc = subprocess.Popen([sys.executable, "-m", "hwsim", "printer", "--tcp", "127.0.0.1:0"],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("printer listening on 127.0.0.1:")
        port = int(line.rsplit(":", 1)[1])
        assert send(("127.0.0.1", port), b"\x10\x04\x01Pasta\n" + enc.cut(), 1) == b"\x12"
        assert proc.stdout.readline().startswith("receipt 1: ")
    finally:
        proc.terminate()
        proc.wait(5)


def test_hwsim_printer_by_hand_on_a_pty_prints_the_path_a_till_can_open(tmp_path):
    link = str(tmp_path / "ttyPRN")
    proc = subprocess.Popen([sys.executable, "-m", "hwsim", "printer", "--pty", "--link", link,
                             "--paper-out"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == f"printer listening on {link}"
        with serial.Serial(link, 9600, timeout=2) as port:
            port.write(b"\x10\x04\x04")
            assert port.read(1) == bytes([0x7E])
    finally:
        proc.terminate()
        proc.wait(5)


def test_hwsim_printer_saves_every_byte_of_a_job_sent_as_fast_as_a_socket_goes(tmp_path):
    """The printer simulator is the proof that the agent forwards every byte,
    so what it saves must be exactly what arrived: 5 MB straight to it, no
    agent in between, saved byte for byte (21 MB sent this way once saved
    20.2 MB; the file is now written as bytes arrive, so stopping the
    simulator loses nothing either)."""
    saved = tmp_path / "printed.bin"
    proc = subprocess.Popen([sys.executable, "-m", "hwsim", "printer", "--tcp", "127.0.0.1:0",
                             "--save", str(saved)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline().rsplit(":", 1)[1])
        receipt = b"".join(b"Pasta bake %05d   2.40\n" % i for i in range(400)) + enc.cut()
        job = receipt * (5_000_000 // len(receipt))
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(job)
            s.shutdown(socket.SHUT_WR)
            s.recv(1)  # the printer closes once it has read the whole job
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and saved.stat().st_size < len(job):
            time.sleep(0.05)
    finally:
        proc.terminate()
        proc.wait(5)
    assert saved.stat().st_size == len(job)
    assert hashlib.sha256(saved.read_bytes()).digest() == hashlib.sha256(job).digest()
