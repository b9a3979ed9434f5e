"""Printer status replies: what the simulated printer answers the till's
DLE EOT (its own encoder, hwsim.printer_core.PrinterCore), GS r and Automatic
Status Back, read on the way back; stray bytes never raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.escpos import EscposDecoder
from drivers.escpos_status import StatusReplyDecoder
from drivers.events import PrinterStatus, StatusQuery
from hwsim import escpos_encoder as enc
from hwsim.printer_core import PrinterCore


def ask(printer: PrinterCore, n: int, now: float = 1.0) -> list[PrinterStatus]:
    """The till asks DLE EOT n through the decoder; the printer's reply comes back."""
    till = EscposDecoder()
    replies = StatusReplyDecoder()
    request = enc.status_request(n)
    for ev in till.feed(request, now):
        if isinstance(ev, StatusQuery):
            replies.expect(ev)
    return replies.feed(printer.feed(request), now + 0.01)


def test_a_healthy_printer_is_online_with_paper():
    p = PrinterCore()
    (s1,) = ask(p, 1)
    assert s1.online is True and s1.raw == b"\x12"
    (s2,) = ask(p, 2)
    assert (s2.cover_open, s2.paper_out, s2.error) == (False, False, False)
    (s4,) = ask(p, 4)
    assert (s4.paper_near_end, s4.paper_out) == (False, False)


def test_paper_out_is_seen_in_every_reply_that_says_so():
    p = PrinterCore(paper_out=True)
    assert ask(p, 1)[0].online is False
    assert ask(p, 2)[0].paper_out is True
    s4 = ask(p, 4)[0]
    assert s4.paper_out is True and s4.paper_near_end is True


def test_an_open_cover_and_a_paper_roll_running_low():
    assert ask(PrinterCore(cover_open=True), 2)[0].cover_open is True
    s4 = ask(PrinterCore(paper_near_end=True), 4)[0]
    assert s4.paper_near_end is True and s4.paper_out is False


def test_an_offline_printer_reports_an_error_as_its_offline_cause():
    s = ask(PrinterCore(offline=True), 2)[0]
    assert s.error is True and s.cover_open is False


def test_replies_to_several_queries_are_matched_in_order():
    d = StatusReplyDecoder()
    for n in (1, 2, 4):
        d.expect(StatusQuery("dle_eot", n, 1.0))
    got = d.feed(b"\x1a\x32\x7e", 1.1)  # offline; paper end stop; paper end
    assert [(s.online, s.paper_out) for s in got] == [(False, None), (None, True), (None, True)]
    assert d.expecting == 0 and d.replies == 3


def test_a_reply_split_across_reads_is_decoded_once_complete():
    d = StatusReplyDecoder()
    assert d.feed(b"\x10\x00", 1.0) == []  # ASB block: first two bytes
    (s,) = d.feed(b"\x0c\x00", 1.1)  # roll paper end
    assert s.paper_out is True and s.online is True and s.raw == b"\x10\x00\x0c\x00"


def test_automatic_status_back_is_recognised_without_having_seen_it_enabled():
    d = StatusReplyDecoder()
    (s,) = d.feed(bytes([0x10 | 0x08 | 0x20, 0x00, 0x00, 0x00]), 5.0)
    assert s.online is False and s.cover_open is True and s.paper_out is False


def test_gs_r_paper_sensor_reply():
    d = StatusReplyDecoder()
    d.expect(StatusQuery("gs_r", 1, 1.0))
    (s,) = d.feed(b"\x0f", 1.1)
    assert s.paper_near_end is True and s.paper_out is True


def test_a_printer_id_reply_is_consumed_and_the_next_reply_still_decoded():
    d = StatusReplyDecoder()
    d.expect(StatusQuery("gs_i", 67, 1.0))
    d.expect(StatusQuery("dle_eot", 1, 1.0))
    (s,) = d.feed(b"_TM-T88V\x00\x12", 1.1)
    assert s.online is True and d.ignored == 0


def test_bytes_nobody_asked_for_are_ignored_and_counted():
    d = StatusReplyDecoder()
    assert d.feed(b"\x12\x12\xff", 1.0) == []
    assert d.ignored == 3


def test_a_query_never_answered_expires():
    d = StatusReplyDecoder()
    d.expect(StatusQuery("dle_eot", 1, 1.0))
    assert d.feed(b"", 2.0) == [] and d.expecting == 1
    assert d.feed(b"\x12", 10.0) == [] and d.expecting == 0 and d.ignored == 1


def test_queries_without_a_reply_are_not_expected():
    d = StatusReplyDecoder()
    d.expect(StatusQuery("asb", 255, 1.0))
    assert d.expecting == 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["dle_eot", "gs_r", "gs_i", "esc_u", "asb"]), max_size=5),
       st.lists(st.integers(0, 255), max_size=5), st.binary(max_size=200),
       st.integers(1, 9))
def test_any_reply_bytes_never_raise(kinds, ns, blob, chunk):
    d = StatusReplyDecoder()
    for k, n in zip(kinds, ns + [1] * len(kinds), strict=False):
        d.expect(StatusQuery(k, n, 0.0))
    out = []
    for i in range(0, len(blob), chunk):
        out += d.feed(blob[i : i + chunk], 0.5)
    assert all(isinstance(s, PrinterStatus) for s in out)
    assert d.replies + d.ignored <= len(blob)
