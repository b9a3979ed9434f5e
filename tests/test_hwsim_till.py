"""The simulated till: what each till brand puts on the wire, and how it
behaves towards a printer (status first, retries, resend after a drop)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import tty
from pathlib import Path

from hwsim import escpos_encoder as enc
from hwsim.__main__ import main as hwsim_main
from hwsim.printer import TcpPrinter
from hwsim.printer_core import PrinterCore
from hwsim.till import FdPort, SaleSpec, compose, random_sales, send_serial, send_tcp

ROOT = Path(__file__).resolve().parents[1]

LUNCH = SaleSpec(lines=[("Pasta bake", 1, 230), ("Cookie", 2, 100)], tender="Account",
                 receipt_no="001234", account="P0042")


def test_epson_canteen_till_uses_cp858_pound_0x9c_a_logo_a_qr_and_receipt_numbers():
    data = compose(LUNCH, "epson")
    assert data.startswith(enc.init() + enc.codepage("cp858"))
    assert b"\x9c2.30" in data and b"\x9c3.30" in data
    assert b"2 x Cookie" in data
    assert b"Receipt No: 001234" in data
    assert b"Account: P0042" in data
    assert b"\x1dv0\x00" in data  # GS v 0 logo
    assert b"\x1d(k\x0a\x001P0R001234" in data  # GS ( k store: 3 + 7 data bytes
    assert data.endswith(enc.cut("partial_feed"))


def test_windows_till_uses_cp1252_pound_0xa3_and_a_full_cut():
    data = compose(LUNCH, "win1252")
    assert enc.codepage("cp1252") in data
    assert b"\xa33.30" in data and b"\x9c" not in data
    assert data.endswith(enc.cut("full"))


def test_uk_set_till_selects_esc_r_3_and_prints_the_pound_as_hash():
    data = compose(LUNCH, "uk-intl")
    assert enc.international(3) in data
    assert b"#3.30" in data
    assert data.endswith(enc.cut("esc_m"))


def test_cheap_till_prints_no_receipt_number_and_never_cuts():
    data = compose(LUNCH, "nocut")
    assert b"001234" not in data
    for c in ("full", "partial", "full_feed", "partial_feed", "esc_i", "esc_m"):
        assert not data.endswith(enc.cut(c))
    core = PrinterCore()
    core.feed(data)
    assert core.receipts == [] and core.unfinished == data


def test_raster_driver_sends_nothing_but_images_and_a_cut():
    data = compose(LUNCH, "raster")
    assert b"Pasta" not in data and b"TOTAL" not in data
    assert data.count(b"\x1dv0\x00") >= 10


def test_a_reprint_carries_the_same_receipt_number_and_says_reprint():
    reprint = SaleSpec(**{**LUNCH.__dict__, "reprint": True})
    data = compose(reprint, "epson")
    assert b"REPRINT" in data and b"Receipt No: 001234" in data


def test_a_refund_says_refund_and_prints_a_negative_total():
    refund = SaleSpec(lines=[("Pasta bake", 1, 230)], tender="Account", receipt_no="001300",
                      kind="refund")
    data = compose(refund, "win1252")
    assert b"REFUND" in data
    assert b"TOTAL" in data and b"-\xa32.30" in data
    assert refund.total_pence == -230


def test_a_lunch_queue_is_repeatable_per_seed_and_has_reprints_of_the_previous_sale():
    a, b = random_sales(40, seed=9), random_sales(40, seed=9)
    assert a == b and a != random_sales(40, seed=10)
    reprints = [i for i, s in enumerate(a) if s.reprint]
    assert reprints, "40 sales at a 10% reprint rate should contain one"
    for i in reprints:
        assert a[i].receipt_no == a[i - 1].receipt_no and a[i].lines == a[i - 1].lines


def test_the_till_retries_until_a_late_printer_starts_listening():
    printer = TcpPrinter()
    printer.start()
    addr = printer.address
    printer.unplug()
    threading.Timer(0.15, printer.plug).start()
    try:
        res = send_tcp(*addr, compose(LUNCH), retries=8, retry_delay=0.05)
        assert res.printed and res.attempts > 1
        assert printer.wait_jobs(1)
        assert printer.core.receipts == [compose(LUNCH)]
    finally:
        time.sleep(0.2)
        printer.stop()


def test_a_till_that_asks_status_does_not_print_on_a_printer_out_of_paper():
    printer = TcpPrinter(PrinterCore(paper_out=True)).start()
    try:
        res = send_tcp(*printer.address, compose(LUNCH), ask_status=1)
        assert not res.printed and res.status == b"\x1a" and res.error == "printer offline"
        assert printer.core.receipts == []
    finally:
        printer.stop()


def test_after_a_drop_mid_receipt_the_till_sends_the_whole_receipt_again():
    printer = TcpPrinter().start()
    data = compose(LUNCH)
    try:
        res = send_tcp(*printer.address, data, drop_after=200)
        assert res.printed and res.attempts == 2
        assert res.sent == [data[:200], data]
        assert printer.wait_jobs(2)
        # Two connections, each served by its own thread: under load the
        # dropped one may be noticed last.
        assert sorted(printer.jobs, key=len) == [data[:200], data]
    finally:
        printer.stop()


def test_serial_till_asks_status_over_a_pty_and_waits_for_the_answer():
    till_end, printer_end = os.openpty()
    tty.setraw(printer_end)
    core = PrinterCore(paper_near_end=True)

    def printer() -> None:
        got = b""
        while not got.endswith(enc.cut("partial_feed")):
            chunk = os.read(printer_end, 4096)
            os.write(printer_end, core.feed(chunk))
            got += chunk

    t = threading.Thread(target=printer, daemon=True)
    t.start()
    try:
        res = send_serial(FdPort(till_end), compose(LUNCH), ask_status=4)
        t.join(2)
        assert res.printed and res.status == b"\x1e"
        assert core.receipts == [compose(LUNCH)]
    finally:
        os.close(till_end)
        os.close(printer_end)


def test_hwsim_till_by_hand_prints_a_queue_to_a_printer(capsys):
    printer = TcpPrinter().start()
    try:
        rc = hwsim_main(["till", "--to", "{}:{}".format(*printer.address), "--receipts", "3",
                         "--seed", "1", "--layout", "win1252", "--interval", "0",
                         "--ask-status", "1"])
        assert rc == 0
        assert printer.wait_jobs(3)
        assert len(printer.core.receipts) == 3
        assert capsys.readouterr().out.count("printed") == 3
    finally:
        printer.stop()


def test_both_simulators_explain_themselves_with_help():
    for device in ("till", "printer"):
        out = subprocess.run([sys.executable, "-m", "hwsim", device, "--help"], cwd=ROOT,
                             capture_output=True, text=True, timeout=30)
        assert out.returncode == 0, out.stderr
        assert "--receipts" in out.stdout if device == "till" else "--pty" in out.stdout
