"""The decoder over bytes nobody on this project wrote: other projects'
ESC/POS encoders and a real Windows raster driver (../shared/escpos-corpus,
read in place, never copied)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from drivers.escpos import EscposDecoder
from drivers.events import ReceiptEnded, UnknownCommand
from drivers.receipt import interpret
from tests.support import escpos_corpus, not_here

_found = escpos_corpus()
if _found is None:  # another project's files: only where the workplace provides them
    not_here("the shared ESC/POS corpus (shared/escpos-corpus) is not on this machine; "
             "set TILL_AGENT_ESCPOS_CORPUS")
CORPUS: Path = _found

FILES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.bin"))

# Files that are not Epson ESC/POS: other printer dialects (Daruma, Bematech,
# Star line mode, Elgin's own mode), bare image buffers from a dithering test
# (no commands at all), and the Windows driver's streams (vendor commands at
# the end, checked on their own below).
NOT_EPSON = ("grandchef/dr800_", "grandchef/mp-", "grandchef/tsp-143_", "grandchef/vox_",
             "grandchef/bayer_filter", "grandchef/floyd_steinberg_filter",
             "grandchef/threshold_filter", "npos/raster")
EPSON = [f for f in FILES if not f.startswith(NOT_EPSON)]


def decode(data: bytes, chunks: list[int] | None = None):
    d = EscposDecoder()
    events = []
    i = 0
    for n in chunks or [len(data)]:
        events += d.feed(data[i : i + n], 1.0)
        i += n
    events += d.feed(data[i:], 1.0) + d.end_of_job(2.0)
    return d, events, [e.receipt for e in events if isinstance(e, ReceiptEnded)]


def test_the_corpus_is_there():
    assert len(FILES) >= 80 and len(EPSON) >= 50


@pytest.mark.parametrize("name", FILES)
def test_every_file_decodes_the_same_in_any_chunking_and_every_byte_is_accounted_for(name):
    data = (CORPUS / name).read_bytes()
    d, events, got = decode(data)
    rng = random.Random(name)
    sizes = [rng.randint(1, 97) for _ in range(len(data) // 40 + 2)]
    assert decode(data, sizes)[1] == events
    assert (sum(len(r.raw) for r in got) + d.total_status_bytes + len(d.unfinished)
            + d.discarded_bytes
            == len(data))
    if len(data) <= 400:
        assert decode(data, [1] * len(data))[1] == events


@pytest.mark.parametrize("name", EPSON)
def test_epson_style_files_have_no_unknown_or_truncated_commands(name):
    d, events, got = decode((CORPUS / name).read_bytes())
    assert [e.prefix for e in events if isinstance(e, UnknownCommand)] == []
    assert d.total_truncated == 0
    for r in got:
        assert not any(ch in t for t in r.text for ch in "\x1b\x1d\x1c\x10")


@pytest.mark.parametrize("name", ["npos/raster.bin", "npos/raster-2.bin"])
def test_the_windows_driver_receipts_are_raster_only(name):
    data = (CORPUS / name).read_bytes()
    _, _, (r,) = decode(data)
    assert r.raster_only and r.text == [] and len(r.images) > 10
    assert r.stats.image_bytes > 0.95 * len(data)
    p = interpret(r)
    assert "raster_only" in p.flags and "unparsed_receipt" in p.flags


def test_images_and_codes_never_leak_into_text():
    _, _, (r,) = decode((CORPUS / "escpos-php/graphics.bin").read_bytes())
    assert r.text == ["Regular Tux.", "Wide Tux.", "Tall Tux.",
                      "Large Tux in correct proportion."]
    assert len(r.images) == 4
    _, _, (r,) = decode((CORPUS / "escpos-php/bit-image.bin").read_bytes())
    assert r.text[-4:] == ["Regular Tux (bit image).", "Wide Tux (bit image).",
                           "Tall Tux (bit image).", "Large Tux in correct proportion (bit image)."]
    assert [i.kind for i in r.images] == ["column"] * 4 or len(r.images) == 4
    _, _, (r,) = decode((CORPUS / "escpos-php/qr-code.bin").read_bytes())
    assert r.text[:3] == ["QR code demo", "Most simple example", "Same example, centred"]
    assert r.barcodes[0].symbology == "QR" and r.barcodes[0].data == b"Testing 123"
    assert not any("Testing 123" in t for t in r.text)
    _, _, (r,) = decode((CORPUS / "escpos-php/pdf417-code.bin").read_bytes())
    assert {b.symbology for b in r.barcodes} == {"PDF417"}
    _, _, (r,) = decode((CORPUS / "escpos-php/barcode.bin").read_bytes())
    assert r.barcodes and not any(t == "ABC" for t in r.text)


def test_text_in_many_code_pages_comes_out_as_written():
    _, _, (r,) = decode((CORPUS / "escpos-php/character-encodings.bin").read_bytes())
    for line in ["Falsches Üben von Xylophonmusik quält jeden größeren Zwerg.",
                 "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία",
                 "В чащах юга жил бы цитрус? Да, но фальшивый экземпляр!",
                 "Pchnąć w tę łódź jeża lub ośm skrzyń fig.",
                 "Pijamalı hasta, yağız şoföre çabucak güvendi.",
                 "Árvíztűrő tükörfúrógép."]:
        assert line in r.text


def test_a_python_escpos_receipt_from_the_corpus_is_interpreted():
    _, _, (r,) = decode((CORPUS / "coby/receipt.bin").read_bytes())
    assert r.text[:5] == ["THERMAL PRINTER TEST", "Netum 80-V-UL", "=" * 48, "Order #12345",
                          "Date: 2025-11-09 14:30:00"]
    p = interpret(r)
    assert [(ln.description, ln.amount_pence) for ln in p.lines] == [
        ("Item 1", 1000), ("Item 2 with a long name", 2550), ("Item 3", 599)]
    assert p.total_pence == 4149 and p.receipt_no == "12345" and p.flags == []
    assert p.occurred == "2025-11-09T14:30:00+00:00"


def test_the_escpos_php_receipt_with_a_logo_is_interpreted():
    _, _, (r,) = decode((CORPUS / "escpos-php/receipt-with-logo.bin").read_bytes())
    assert len(r.images) == 1 and r.text[0] == "ExampleMart Ltd."
    p = interpret(r)
    assert p.total_pence == 1425 and p.flags == []
    assert [ln.description for ln in p.lines][:4] == ["Example item #1", "Another thing",
                                                      "Something else", "A final item"]


def test_receipts_split_at_their_cuts():
    _, _, got = decode((CORPUS / "npos/receipt.bin").read_bytes())
    assert [r.ended_by for r in got] == ["cut", "job_end"]
    assert got[0].text[-1] == "Hello world! (NOT bold)"
    _, _, got = decode((CORPUS / "escpos-php/demo.bin").read_bytes())
    assert len(got) >= 10 and all(r.ended_by == "cut" for r in got)
