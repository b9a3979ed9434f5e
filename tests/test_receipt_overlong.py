"""A line longer than any till prints (a mis-set till, garbage on the link) is
read only up to ``LINE_MAX`` characters: the receipt is journaled flagged
``overlong_line`` with its bytes whole, counted, and a hostile line costs the
reader no more than a real one, however long it is."""

from __future__ import annotations

import time
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import Config
from agent.journal.store import Journal
from agent.sale.pipeline import ReceiptPipeline
from drivers.receipt import LINE_MAX, OVERLONG_LINE, interpret, lines_read
from drivers.tap_tcp import TcpTap
from hwsim.till import compose, random_sales, send_tcp
from tests.tap_support import Recorder


def _receipt(*text: str) -> SimpleNamespace:
    return SimpleNamespace(text=list(text), raster_only=False)


def test_the_widest_real_receipt_line_is_well_inside_the_bound():
    # 80 mm paper at the small font prints 64 columns (the corpora's widest)
    assert LINE_MAX >= 4 * 64


def test_a_100000_character_line_through_the_tap_is_journaled_flagged_with_its_bytes_whole(
        tmp_path, printer):
    # Items-like text with no newline: the shape the column rules find costliest
    # (before the bound, an 8,000-character line of it took 0.2 s, quadratic).
    hostile = ("Tea 2.50 " * 11_112)[:100_000]
    job = b"\x1b@Cafe\n" + hostile.encode() + b"\nTOTAL 2.50\nCash 2.50\n\x1dV\x00"
    rec = Recorder()
    tap = TcpTap("127.0.0.1:0", "{}:{}".format(*printer.address), rec, drain_timeout=1.0)
    tap.start()
    try:
        assert send_tcp(*tap.address, job).printed
        assert rec.wait(lambda: rec.job_ends == 1, timeout=10.0)
    finally:
        tap.stop()
    assert bytes(rec.till) == job == bytes(printer.core.received)
    with Journal.in_state_dir(tmp_path) as journal:
        pipeline = ReceiptPipeline(Config(till_id="till-1", state_dir=str(tmp_path)),
                                   journal, None)
        t0 = time.perf_counter()
        for i in range(0, len(job), 4096):  # as the tap's reads hand it over
            pipeline.till_bytes(job[i:i + 4096], 100.0)
        pipeline.job_end(100.2)
        pipeline.flush(200.0)
        elapsed = time.perf_counter() - t0
        [entry] = list(journal.entries())
        assert OVERLONG_LINE in entry.transaction["flags"]
        assert journal.capture(entry.seq).data == job  # kept as the till sent it
    assert pipeline.counters["overlong_line_receipts"] == 1
    assert elapsed < 5.0  # generous: the reader reads 256 characters of it, not 100,000


def test_the_reader_reads_a_long_line_only_up_to_the_bound():
    captured = _receipt("Cafe", "Tea 2.50 " * 1000, "TOTAL 2.50")
    assert max(len(line) for line, _where, _item in lines_read(captured)) <= LINE_MAX


def test_a_receipt_with_no_line_past_the_bound_is_not_flagged():
    data = compose(random_sales(1, seed=3)[0], "epson")
    from tests.receipts_score import decode

    [receipt] = decode(data)[0]
    assert OVERLONG_LINE not in interpret(receipt).flags
    assert OVERLONG_LINE not in interpret(_receipt("Tea" + " " * (LINE_MAX - 7) + "2.50",
                                                   "TOTAL 2.50")).flags


line_text = st.text(alphabet="Tea Cash TOTAL 0123456789.,:/-x@£()", min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(unit=line_text, extra=st.integers(1, 20_000))
def test_a_line_past_the_bound_reads_as_its_first_line_max_characters_flagged(unit, extra):
    long_line = (unit * (1 + (LINE_MAX + extra) // len(unit)))[:LINE_MAX + extra]
    cut = interpret(_receipt("Cafe", long_line[:LINE_MAX], "TOTAL 2.50"))
    read = interpret(_receipt("Cafe", long_line, "TOTAL 2.50"))
    assert read.flags == cut.flags + [OVERLONG_LINE]
    assert (read.lines, read.total_pence, read.tender) == (cut.lines, cut.total_pence,
                                                           cut.tender)


def _cost(line: str) -> float:
    """The best of five readings of a receipt holding ``line`` (seconds)."""
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        interpret(_receipt("Cafe", line, "TOTAL 2.50"))
        best = min(best, time.perf_counter() - t0)
    return best


@settings(max_examples=15, deadline=None)
@given(unit=line_text, length=st.integers(LINE_MAX, 50_000))
def test_any_line_however_long_reads_in_time_linear_in_its_length(unit, length):
    def line(n: int) -> str:
        return (unit * (1 + n // len(unit)))[:n]

    # four times the length costs well under eight times the time (best of
    # five each: coarse enough for a loaded machine)
    assert _cost(line(4 * length)) < 8 * _cost(line(length)) + 0.002


def test_a_number_label_followed_by_a_line_of_spaces_reads_in_time():
    # The spaces between a number's label and its number were matched by
    # four optional runs in a row: "Receipt" and 249 spaces took 16 s to read.
    for label in ("Receipt", "Order No", "Bill #", "Invoice -"):
        line = label + " " * (LINE_MAX - len(label))
        assert _cost(line) < 0.5, label
