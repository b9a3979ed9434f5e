"""A simulated canteen till that prints receipts in ESC/POS.

Receipts are composed from a ``SaleSpec`` in one of several till brands'
layouts (``LAYOUTS``), with the simulator's own encoder, and sent to a
printer over TCP (one connection per receipt, like a raw 9100 client) or a
serial port (``hwsim.till_link``). Some tills ask ``DLE EOT`` and wait for
the reply before printing; a till whose link drops mid-receipt prints the
whole receipt again.

    python -m hwsim till --to 127.0.0.1:9100 --receipts 5 --seed 1 --layout epson
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass

from hwsim import escpos_encoder as enc
from hwsim import raster_font
from hwsim.till_link import FdPort, SerialPort, send_serial, send_tcp

HELP = "simulated canteen till printing ESC/POS receipts to a printer (TCP or serial)"


@dataclass
class SaleSpec:
    """One receipt's content. Amounts in pence, per line (not per unit).
    ``kind`` is "sale" or "refund"; a refund's amounts print negative."""

    lines: list[tuple[str, int, int]]
    tender: str = "Account"
    receipt_no: str = "000001"
    account: str | None = None
    kind: str = "sale"
    reprint: bool = False
    when: str = "28/11/2026 12:01"

    @property
    def total_pence(self) -> int:
        t = sum(p for _, _, p in self.lines)
        return -t if self.kind == "refund" else t


@dataclass(frozen=True)
class Layout:
    """A till brand's way of printing."""

    name: str
    width: int
    encoding: str  # Python codec for text
    pound: bytes  # how the pound sign goes on the wire
    preamble: bytes  # code page / international set selection after ESC @
    cut: str | None  # None: no cutter, the receipt ends by an idle gap
    receipt_no_label: str | None  # None: prints no receipt number
    logo: bool = False
    qr: bool = False
    raster_only: bool = False
    header: tuple[str, ...] = ("OAKFIELD PRIMARY", "Central Canteen")
    # A raster-only till's picture: dots across (512: 72 mm, 576: 80 mm) and
    # the printer font it draws (hwsim.raster_font.FONTS); one image per line
    # ("bands") or the whole receipt as one image ("one").
    raster_width: int = 576
    raster_font: str = "A"
    raster_images: str = "bands"


LAYOUTS: dict[str, Layout] = {
    # An Epson-style canteen till: CP858, pound 0x9C, logo, QR, receipt numbers.
    "epson": Layout("epson", 42, "cp858", b"\x9c", enc.codepage("cp858"), "partial_feed",
                    "Receipt No:", logo=True, qr=True),
    # A Windows-POS till: CP1252, pound 0xA3, full cut, barcode-free.
    "win1252": Layout("win1252", 48, "cp1252", b"\xa3", enc.codepage("cp1252"), "full",
                      "Trans No", header=("Hillside Academy", "Dining Hall")),
    # A UK-set till: ESC R 3, '#' prints as the pound sign, ESC m cut.
    "uk-intl": Layout("uk-intl", 42, "ascii", b"#", enc.international(3), "esc_m",
                      "Ticket", header=("St Mary's C of E", "Lunch")),
    # A cheap 58 mm till: CP437 (pound 0x9C), no receipt number, no cutter.
    "nocut": Layout("nocut", 32, "cp437", b"\x9c", enc.codepage("cp437"), None, None,
                    header=("Tuck Shop",)),
    # A Windows raster driver: the whole receipt is GS v 0 images.
    "raster": Layout("raster", 48, "ascii", b"GBP", b"", "partial", "Receipt",
                     raster_only=True),
}


def raster_layout(width: int = 576, font: str = "A", codepage: str = "cp437",
                  images: str = "bands") -> Layout:
    """A raster-only till: its receipts drawn in ``font`` on ``width`` dots,
    the pound sign as ``codepage``'s byte 0x9C draws it (CP437 and CP858 both)."""
    return Layout(f"raster-{width}{font}-{codepage}", raster_font.columns(font, width),
                  codepage, b"\x9c", b"", "partial", "Receipt", raster_only=True,
                  raster_width=width, raster_font=font, raster_images=images)

MENU = [
    ("Pasta bake", 230), ("Jacket potato", 210), ("Veggie curry", 240),
    ("Fish fingers", 230), ("Cookie", 50), ("Fruit pot", 60), ("Milk", 45),
    ("Water", 40), ("Sandwich", 195), ("Yoghurt", 55), ("Pizza slice", 150),
]


def _money(pence: int, layout: Layout) -> bytes:
    sign = b"-" if pence < 0 else b""
    p = abs(pence)
    return sign + layout.pound + f"{p // 100}.{p % 100:02d}".encode()


def _row(left: str, right: bytes, layout: Layout) -> bytes:
    left_b = left.encode(layout.encoding, errors="replace")
    gap = max(1, layout.width - len(left_b) - len(right))
    return left_b + b" " * gap + right + b"\n"


def text_lines(spec: SaleSpec, layout: Layout) -> list[bytes]:
    """The receipt body as encoded text lines (no commands)."""
    sign = -1 if spec.kind == "refund" else 1
    out: list[bytes] = []
    if spec.reprint:
        out.append(b"*** REPRINT ***\n")
    if spec.kind == "refund":
        out.append(b"REFUND\n")
    if layout.receipt_no_label:
        out.append(f"{layout.receipt_no_label} {spec.receipt_no}\n".encode())
    out.append(f"Date: {spec.when}\n".encode())
    rule = b"-" * layout.width + b"\n"
    out.append(rule)
    for desc, qty, pence in spec.lines:
        label = f"{qty} x {desc}" if qty != 1 else desc
        out.append(_row(label, _money(sign * pence, layout), layout))
    out.append(rule)
    out.append(_row("TOTAL", _money(spec.total_pence, layout), layout))
    if spec.tender.lower() == "cash" and spec.kind == "sale":
        given = ((spec.total_pence + 499) // 500) * 500
        out.append(_row("Cash", _money(given, layout), layout))
        out.append(_row("CHANGE", _money(given - spec.total_pence, layout), layout))
    else:
        out.append(_row(spec.tender, _money(spec.total_pence, layout), layout))
    if spec.account:
        out.append(f"Account: {spec.account}\n".encode())
    return out


def printed_lines(spec: SaleSpec, layout: Layout) -> list[str]:
    """What a raster-only till draws: the header and body as text."""
    body = [b.decode(layout.encoding, errors="replace").rstrip("\n")
            for b in text_lines(spec, layout)]
    return list(layout.header) + body


def _raster(spec: SaleSpec, lay: Layout) -> bytes:
    lines = printed_lines(spec, lay)
    if lay.raster_images == "one":
        return raster_font.gs_v0(raster_font.render(lines, lay.raster_width, lay.raster_font))
    return raster_font.bands(lines, lay.raster_width, lay.raster_font)


def compose(spec: SaleSpec, layout: str | Layout = "epson") -> bytes:
    """The bytes the till sends to print ``spec``."""
    lay = LAYOUTS[layout] if isinstance(layout, str) else layout
    doc = enc.Doc().add(enc.init())
    body = text_lines(spec, lay)
    if lay.raster_only:
        doc.add(_raster(spec, lay))
        doc.add(enc.feed(3), enc.cut(lay.cut or "partial"))
        return doc.bytes()
    doc.add(lay.preamble)
    if lay.logo:
        doc.add(enc.align("center"), enc.raster(128, 48, b"\x1b\x1d\xff\x00"), b"\n")
    doc.add(enc.align("center"), enc.bold(True), enc.size(2, 2),
            enc.text(lay.header[0], lay.encoding), enc.size(1, 1), enc.bold(False))
    for h in lay.header[1:]:
        doc.add(enc.text(h, lay.encoding))
    doc.add(enc.align("left"))
    for line in body:
        if line.startswith(b"TOTAL"):
            doc.add(enc.bold(True), line, enc.bold(False))
        else:
            doc.add(line)
    if lay.qr:
        doc.add(enc.align("center"), enc.qr(f"R{spec.receipt_no}".encode()), enc.align("left"))
    doc.add(enc.text("Thank you", lay.encoding))
    if lay.cut:
        doc.add(enc.feed(3), enc.cut(lay.cut))
    else:
        doc.add(enc.feed(4))
    return doc.bytes()


def random_sales(n: int, seed: int = 0, start_no: int = 1, reprint_rate: float = 0.1,
                 refund_rate: float = 0.05) -> list[SaleSpec]:
    """A lunch queue: ``n`` receipts, some reprints (same number as the
    original) and refunds."""
    rng = random.Random(seed)
    out: list[SaleSpec] = []
    no = start_no
    for _ in range(n):
        r = rng.random()
        if out and r < reprint_rate:
            prev = out[-1]
            out.append(SaleSpec(list(prev.lines), prev.tender, prev.receipt_no, prev.account,
                                prev.kind, True, prev.when))
            continue
        items = rng.sample(MENU, rng.randint(1, 3))
        lines = []
        for desc, price in items:
            q = 2 if desc in ("Cookie", "Fruit pot") and rng.random() < 0.3 else 1
            lines.append((desc, q, price * q))
        kind = "refund" if r > 1 - refund_rate else "sale"
        tender = rng.choice(["Account", "Account", "Cash", "Card"])
        account = f"P{rng.randint(1, 300):04d}" if tender == "Account" else None
        minute = 12 * 60 + len(out) // 3
        out.append(SaleSpec(lines, tender, f"{no:06d}", account, kind, False,
                            f"28/11/2026 {minute // 60:02d}:{minute % 60:02d}"))
        no += 1
    return out


def garbage(n: int, seed: int = 0) -> bytes:
    """Line noise: ``n`` random bytes (a till with a bad cable or a confused driver)."""
    return random.Random(seed).randbytes(n)


# --- by hand -------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--to", metavar="HOST:PORT", help="print over TCP (raw 9100)")
    g.add_argument("--serial", metavar="PATH", help="print on a serial port")
    g.add_argument("--pty", action="store_true",
                   help="make a pseudo-terminal, print its path, wait --wait s, then print")
    p.add_argument("--receipts", type=int, default=3, help="how many receipts (default 3)")
    p.add_argument("--seed", type=int, default=0, help="random seed for the sales")
    p.add_argument("--layout", choices=sorted(LAYOUTS), default="epson", help="till brand")
    p.add_argument("--start-no", type=int, default=1, help="first receipt number")
    p.add_argument("--interval", type=float, default=0.5, help="seconds between receipts")
    p.add_argument("--ask-status", type=int, choices=[1, 2, 3, 4],
                   help="send DLE EOT n and wait for the reply before each receipt")
    p.add_argument("--drop-mid-receipt", action="store_true",
                   help="TCP: drop the first attempt of each receipt half-way, then resend")
    p.add_argument("--baudrate", type=int, default=9600)
    p.add_argument("--wait", type=float, default=5.0, help="with --pty: seconds to wait first")
    p.add_argument("--save", metavar="FILE", help="also write the stream to FILE")
    p.add_argument("--garbage", type=int, default=0, metavar="N",
                   help="send N random bytes before each receipt (line noise)")


def main(args: argparse.Namespace) -> int:
    sales = random_sales(args.receipts, args.seed, args.start_no)
    port: FdPort | SerialPort | None = None
    if args.serial:
        port = SerialPort(args.serial, args.baudrate)
    elif args.pty:
        master, slave = os.openpty()
        import tty

        tty.setraw(slave)
        print(f"till pty: {os.ttyname(slave)}", flush=True)
        time.sleep(args.wait)
        port = FdPort(master)
    failed = 0
    saved = open(args.save, "wb") if args.save else None  # noqa: SIM115
    try:
        for i, spec in enumerate(sales):
            data = compose(spec, args.layout)
            if args.garbage:
                data = garbage(args.garbage, args.seed * 1000 + i) + data
            if saved:
                saved.write(data)
            if port is None:
                host, _, p = args.to.rpartition(":")
                half = len(data) // 2 if args.drop_mid_receipt else None
                res = send_tcp(host or "127.0.0.1", int(p), data, ask_status=args.ask_status,
                               drop_after=half)
            else:
                res = send_serial(port, data, ask_status=args.ask_status)
            status = f" status={res.status.hex()}" if res.status else ""
            kind = ("reprint " if spec.reprint else "") + spec.kind
            print(f"receipt {spec.receipt_no} {kind} {len(data)} bytes: "
                  f"{'printed' if res.printed else 'FAILED ' + res.error}"
                  f" (attempts {res.attempts}){status}", flush=True)
            failed += not res.printed
            if i + 1 < len(sales):
                time.sleep(args.interval)
    finally:
        if saved:
            saved.close()
    if failed:
        print(f"{failed} receipt(s) not printed", file=sys.stderr)
    return 1 if failed else 0
