"""Reading raster-only receipts with Tesseract (agent.ocr.reader): the picture's text
goes through the receipt interpreter, and only a reading whose sums work out
is trusted."""

from __future__ import annotations

import pytest

from agent.ocr.reader import OcrLine, TesseractReader, judge, read_bitmap, read_receipt
from drivers.escpos import EscposDecoder
from drivers.events import Image, ReceiptEnded
from drivers.raster import reassemble
from hwsim.till import SaleSpec, compose, raster_layout
from tests.support import escpos_corpus

LUNCH = SaleSpec(lines=[("Pasta bake", 1, 230), ("Cookie", 2, 100)], tender="Card",
                 receipt_no="001234")
CASH = SaleSpec(lines=[("Jacket potato", 1, 210), ("Milk", 1, 45)], tender="Cash",
                receipt_no="001235")


@pytest.fixture(scope="module")
def reader():
    r = TesseractReader()
    yield r
    r.close()


def captured(data: bytes):
    d = EscposDecoder()
    (r,) = [e.receipt for e in d.feed(data, 1.0) + d.flush(2.0) if isinstance(e, ReceiptEnded)]
    return r


def lines(*pairs) -> list[OcrLine]:
    return [OcrLine(t, c) for t, c in pairs]


@pytest.mark.parametrize("width,font,codepage", [(576, "A", "cp858"), (512, "B", "cp437")])
def test_a_raster_receipt_is_read_and_its_sums_vouch_for_it(reader, width, font, codepage):
    r = captured(compose(LUNCH, raster_layout(width, font, codepage)))
    assert r.raster_only and r.text == []
    reading = read_receipt(r, reader)
    assert reading.trusted and reading.flags == []
    p = reading.parsed
    assert (p.total_pence, p.tender, p.receipt_no) == (330, "card", "001234")  # the contract's word
    assert [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == [
        ("Pasta bake", 1, 230), ("Cookie", 2, 100)]
    assert any(t.startswith("TOTAL") and t.endswith("£3.30") for t in reading.text)
    assert reading.confidence > 80 and reading.reader == "tesseract"
    assert 0 < reading.seconds < 5


def test_cash_with_change_reconciles(reader):
    reading = read_receipt(captured(compose(CASH, raster_layout(576, "A", "cp437", "one"))),
                           reader)
    assert reading.trusted and reading.parsed.total_pence == 255
    assert reading.parsed.tender == "cash"


def test_a_misread_item_that_breaks_the_sum_is_flagged_not_guessed():
    got = judge(lines(("Pasta bake £7.30", 90), ("2 x Cookie £1.00", 90), ("TOTAL £3.30", 90),
                      ("Card £3.30", 90)))
    assert not got.trusted and "ocr_unreconciled" in got.flags
    assert "lines_total_mismatch" in got.parsed.flags  # what was read is kept for review


def test_a_misread_tender_or_change_is_flagged():
    ok = lines(("Milk £0.45", 90), ("TOTAL £0.45", 90))
    assert judge(ok + lines(("Cash £5.00", 90), ("CHANGE £4.55", 90))).trusted
    assert not judge(ok + lines(("Cash £5.00", 90), ("CHANGE £4.65", 90))).trusted
    assert not judge(ok + lines(("Card £0.46", 90))).trusted
    assert not judge(ok + lines(("Card", 90))).trusted  # no amount: nothing to check
    assert not judge(ok).trusted  # no tender at all


def test_an_account_read_with_low_confidence_is_dropped():
    base = lines(("Milk £0.45", 90), ("TOTAL £0.45", 90), ("Account £0.45", 90))
    sure = judge(base + lines(("Account: P0195", 95)))
    assert sure.parsed.account == "P0195" and sure.trusted
    unsure = judge(base + lines(("Account: PQ195", 40)))
    assert unsure.parsed.account is None and "ocr_account_unsure" in unsure.flags
    assert unsure.trusted  # the money still reconciles; only the account is not believed


def test_a_receipt_without_pixels_is_flagged(reader):
    reading = read_bitmap(reassemble([Image("nv", 0, 0, 0)]), reader)
    assert not reading.trusted and reading.lines == []
    assert set(reading.flags) == {"ocr_no_pixels", "ocr_unreconciled"}
    assert "unparsed_receipt" in reading.parsed.flags


def test_the_windows_driver_receipts_in_the_corpus_are_read_but_not_trusted(reader):
    # Real driver output in Chinese: Tesseract's English reading cannot add up.
    corpus = escpos_corpus()
    assert corpus is not None
    for name in ("npos/raster.bin", "npos/raster-2.bin"):
        reading = read_receipt(captured((corpus / name).read_bytes()), reader)
        assert reading.lines and not reading.trusted
        assert "ocr_unreconciled" in reading.flags


def test_a_refund_whose_sign_stands_apart_reconciles():
    got = judge(lines(("REFUND", 95), ("Pasta bake - £2.30", 90), ("TOTAL - £2.30", 90),
                      ("Account - £2.30", 90)))
    assert got.trusted and got.parsed.kind == "refund" and got.parsed.total_pence == -230
