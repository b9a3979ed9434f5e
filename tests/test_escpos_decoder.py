"""The ESC/POS stream decoder, h11 style: what a till sends, fed whole, a byte
at a time and in random chunkings, gives the same receipts; images and
barcodes never leak into the text; the pound sign comes out right however
the till encodes it; garbage never raises."""

from __future__ import annotations

import random

import pytest
from escpos.printer import Dummy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers import escpos_commands
from drivers.escpos import EscposDecoder, EscposError
from drivers.escpos_commands import Token, measure
from drivers.events import (
    Barcode,
    Image,
    ModeChanged,
    ReceiptEnded,
    StatusQuery,
    TextStyle,
    UnknownCommand,
)
from hwsim import escpos_encoder as enc
from hwsim.till import LAYOUTS, SaleSpec, compose, garbage, random_sales

ESC, GS = b"\x1b", b"\x1d"
CUT = GS + b"V\x00"


def run(data: bytes, chunks: list[int] | None = None, *, end: bool = True, **kw) -> list:
    """Feed ``data`` split at ``chunks`` (sizes), all at t=1.0, then end the job."""
    d = EscposDecoder(**kw)
    out: list = []
    i = 0
    for n in chunks or [len(data)]:
        out += d.feed(data[i : i + n], 1.0)
        i += n
    if i < len(data):
        out += d.feed(data[i:], 1.0)
    if end:
        out += d.end_of_job(2.0)
    return out


def receipts(events: list) -> list:
    return [e.receipt for e in events if isinstance(e, ReceiptEnded)]


def one(data: bytes, **kw):
    (r,) = receipts(run(data, **kw))
    return r


def bytewise(n: int) -> list[int]:
    return [1] * n


def random_chunks(n: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    out, left = [], n
    while left > 0:
        k = min(left, rng.choice([1, 2, 3, 5, 8, 64, 700]))
        out.append(k)
        left -= k
    return out


# --- a lunch queue through every till layout ---------------------------------


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_decodes_the_same_whatever_the_chunking(layout):
    stream = b"".join(compose(s, layout) for s in random_sales(6, seed=11))
    whole = run(stream)
    # Without a cutter, receipts sent back to back end only with the job.
    assert len(receipts(whole)) == (1 if LAYOUTS[layout].cut is None else 6)
    assert run(stream, bytewise(len(stream))) == whole
    for seed in range(3):
        assert run(stream, random_chunks(len(stream), seed)) == whole


@pytest.mark.parametrize("layout", sorted(set(LAYOUTS) - {"raster"}))
def test_a_receipts_text_is_what_the_till_printed(layout):
    spec = SaleSpec([("Pasta bake", 1, 230), ("Cookie", 2, 100)], receipt_no="000123",
                    account="P0042")
    r = one(compose(spec, layout))
    lay = LAYOUTS[layout]
    assert r.text[0] == lay.header[0]
    assert "Pasta bake" in r.text[-8] or any(t.startswith("Pasta bake") for t in r.text)
    assert any(t.startswith("TOTAL") and t.endswith("£3.30") for t in r.text)
    assert "Account: P0042" in r.text and r.text[-1] == "Thank you"
    assert r.ended_by == ("job_end" if lay.cut is None else "cut")
    assert r.raster_only is False and r.stats.unknown == 0 and r.stats.truncated == 0


def test_a_receipt_keeps_exactly_its_own_bytes():
    sales = random_sales(5, seed=4)
    parts = [compose(s, "epson") for s in sales]
    got = receipts(run(b"".join(parts), random_chunks(sum(map(len, parts)), 9)))
    assert [r.raw for r in got] == parts
    # ...so a journaled capture re-parses to the same receipt.
    assert [one(r.raw).text for r in got] == [r.text for r in got]


def test_the_logo_and_the_qr_code_are_events_not_text():
    spec = SaleSpec([("Pasta bake", 1, 230)], receipt_no="000777")
    ev = run(compose(spec, "epson"))
    (img,) = [e for e in ev if isinstance(e, Image)]
    assert (img.kind, img.width, img.height, img.nbytes) == ("raster", 128, 48, 16 * 48)
    (qr,) = [e for e in ev if isinstance(e, Barcode)]
    assert (qr.symbology, qr.data) == ("QR", b"R000777")
    r = receipts(ev)[0]
    assert r.images == [img] and r.barcodes == [qr]
    # The logo's payload is full of ESC/GS look-alikes; none of it is text.
    assert not any("\x1b" in t or "\x1d" in t or "\ufffd" in t for t in r.text)


def test_bold_and_double_size_are_reported_as_text_style():
    ev = run(compose(SaleSpec([("Pasta bake", 1, 230)]), "epson"))
    styles = [(e.bold, e.width, e.height) for e in ev if isinstance(e, TextStyle)]
    assert styles[:3] == [(True, 1, 1), (True, 2, 2), (True, 1, 1)]
    assert styles[-1] == (False, 1, 1)


# --- boundaries --------------------------------------------------------------------

CUTS = [GS + b"V\x00", GS + b"V\x01", GS + b"V0", GS + b"V1", GS + b"VA\x03", GS + b"VB\x00",
        GS + b"Va\x05", GS + b"Vb\x05", GS + b"Vg\x05", GS + b"Vh\x05", ESC + b"i", ESC + b"m"]


@pytest.mark.parametrize("cut", CUTS, ids=lambda c: c.hex())
def test_every_cut_form_ends_a_receipt(cut):
    data = enc.init() + b"Pasta bake  2.30\n" + cut + b"Cookie  0.50\n" + cut
    got = receipts(run(data, end=False))
    assert [r.text for r in got] == [["Pasta bake  2.30"], ["Cookie  0.50"]]
    assert {r.ended_by for r in got} == {"cut"}
    assert b"".join(r.raw for r in got) == data


def test_text_left_unprinted_before_a_cut_belongs_to_that_receipt():
    r = one(b"TOTAL 2.30" + CUT, end=False)
    assert r.text == ["TOTAL 2.30"]


def test_a_printer_without_a_cutter_ends_the_receipt_after_the_idle_gap():
    d = EscposDecoder(idle_gap_s=3.0)
    data = compose(SaleSpec([("Pasta bake", 1, 230)]), "nocut")
    assert receipts(d.feed(data[:100], 10.0)) == []
    assert receipts(d.feed(data[100:], 10.5)) == []
    assert d.tick(12.0) == [] and d.tick(13.4) == []
    (r,) = receipts(d.tick(13.6))
    assert r.ended_by == "idle_gap" and (r.started_at, r.ended_at) == (10.0, 10.5)
    assert d.tick(30.0) == [] and d.flush(31.0) == []


def test_the_end_of_a_tcp_job_ends_the_receipt_and_an_empty_job_ends_nothing():
    d = EscposDecoder()
    assert d.end_of_job(1.0) == []
    assert d.feed(enc.init() + enc.status_request(1), 2.0) == [StatusQuery("dle_eot", 1, 2.0)]
    assert d.end_of_job(2.1) == []
    # That job printed nothing: its setup bytes ended with it (counted), so
    # the next connection's receipt holds only its own bytes.
    assert d.discarded_bytes == len(enc.init())
    (r,) = receipts(d.feed(b"Milk 0.45\n", 5.0) + d.end_of_job(5.2))
    assert (r.ended_by, r.started_at, r.ended_at) == ("job_end", 5.0, 5.2)
    assert r.raw == b"Milk 0.45\n"


def test_a_job_cut_off_mid_logo_does_not_run_into_the_next_job():
    job = enc.init() + enc.raster(32, 24) + b"Milk 0.45\n" + enc.cut("partial")
    d = EscposDecoder()
    assert receipts(d.feed(job[:40], 1.0) + d.end_of_job(1.1)) == []
    (r,) = receipts(d.feed(job, 2.0) + d.end_of_job(2.1))
    assert r.raw == job


def test_shutdown_flushes_the_receipt_in_flight():
    d = EscposDecoder()
    d.feed(b"Pasta bake  2.30\nTOT", 1.0)
    (r,) = receipts(d.flush(2.0))
    assert r.ended_by == "flush" and r.text == ["Pasta bake  2.30", "TOT"]


def test_a_receipt_of_raster_images_only_is_raster_only():
    r = one(compose(SaleSpec([("Pasta bake", 1, 230)]), "raster"))
    assert r.raster_only and r.text == [] and len(r.images) == 9  # one band a line
    assert r.stats.text_bytes == 0 and r.stats.image_bytes == sum(i.nbytes for i in r.images)


# --- code pages ------------------------------------------------------------------


@pytest.mark.parametrize("wire,want", [
    (enc.codepage("cp437") + b"\x9c2.30", "£2.30"),
    (enc.codepage("cp850") + b"\x9c2.30", "£2.30"),
    (enc.codepage("cp858") + b"\x9c2.30 \xd5", "£2.30 €"),
    (enc.codepage("cp1252") + b"\xa32.30 \x80", "£2.30 €"),
    (enc.international(3) + b"#2.30", "£2.30"),
    (b"\xc2\xa32.30", "£2.30"),  # a till sending UTF-8 to a CP437 printer
    (enc.codepage("cp1252") + "£2.30 é".encode(), "£2.30 é"),
    (b"\x9c2.30", "£2.30"),  # the configured default: CP437
], ids=["cp437", "cp850", "cp858", "cp1252", "esc-r-uk", "utf8", "utf8-over-1252", "default"])
def test_the_pound_sign_comes_out_right_however_the_till_encodes_it(wire, want):
    assert one(wire + b"\n").text == [want]


def test_utf8_and_code_page_pounds_on_neighbouring_lines_each_come_out_right():
    # Lines are decoded a block at a time; UTF-8 is still recognised line by line.
    wire = enc.codepage("cp858") + b"\xc2\xa31.00\n\x9c2.00\n\tCash \xa35\r\n"
    assert one(wire).text == ["£1.00", "£2.00", " Cash ú5"]


def test_bare_text_lines_end_with_the_idle_gap_and_blank_ones_end_nothing():
    d = EscposDecoder(idle_gap_s=3.0)
    assert d.feed(b"   \n\t\r\n", 1.0) == [] and d.tick(5.0) == []
    assert d.feed(b"Pasta bake\t2.30\r\nTOTAL 2.30\n", 6.0) == []
    (r,) = receipts(d.tick(10.0))
    assert r.text == ["Pasta bake 2.30", "TOTAL 2.30"] and r.ended_by == "idle_gap"
    assert r.raw == b"   \n\t\r\nPasta bake\t2.30\r\nTOTAL 2.30\n"


def test_a_star_printer_numbers_its_code_pages_differently():
    assert one(ESC + b"t\x20" + b"\xa31.00\n", profile="star").text == ["£1.00"]
    assert one(ESC + GS + b"t\x04" + b"\x9c1.00\n", profile="star").text == ["£1.00"]
    # The same ESC t 32 on an Epson is PC720 (Arabic): not a pound sign.
    assert one(ESC + b"t\x20" + b"\xa31.00\n").text != ["£1.00"]


def test_a_printer_set_up_for_cp1252_needs_no_esc_t():
    assert one(b"\xa31.00\n", codepage="cp1252").text == ["£1.00"]


def test_esc_at_resets_the_code_page_and_the_international_set():
    data = (enc.international(3) + b"#1\n" + enc.init() + b"#2\n"
            + enc.codepage("cp1252") + b"\xa33\n" + enc.init() + b"\xa34\n")
    assert one(data).text == ["£1", "#2", "£3", "ú4"]


def test_a_code_page_switch_in_mid_line_decodes_each_part_in_its_own():
    data = enc.codepage("cp437") + b"\x9c1 " + enc.codepage("cp1252") + b"\xa32\n"
    assert one(data).text == ["£1 £2"]


def test_unknown_profiles_and_code_pages_are_refused_clearly():
    with pytest.raises(EscposError, match="profile 'ibm'"):
        EscposDecoder(profile="ibm")
    with pytest.raises(EscposError, match="code page 'cp9999'"):
        EscposDecoder(codepage="cp9999")
    with pytest.raises(EscposError, match="bytes"):
        EscposDecoder().feed("text", 1.0)  # type: ignore[arg-type]


# --- exact lengths, unknown and truncated commands --------------------------------

PAYLOAD = b"\x1b\x1dVx\n\x1bi TOTAL \x00\xff" * 4  # command and text look-alikes


@pytest.mark.parametrize("name,cmd", [
    ("GS v 0", GS + b"v0\x00\x04\x00\x0b\x00" + PAYLOAD[:44]),
    ("ESC * 8-dot", ESC + b"*\x00\x2c\x00" + PAYLOAD[:44]),
    ("ESC * 24-dot", ESC + b"*\x21\x0a\x00" + PAYLOAD[:30]),
    ("GS ( L", GS + b"(L" + bytes([54, 0]) + b"0p0\x01\x011\x08\x00\x04\x00" + PAYLOAD[:44]),
    ("GS 8 L", GS + b"8L" + bytes([54, 0, 0, 0]) + b"0p0\x01\x011\x08\x00\x04\x00"
     + PAYLOAD[:44]),
    ("GS ( k QR", enc.qr(b"\x1bi TOTAL 9.99\n")),
    ("GS k CODE128", enc.barcode_code128(b"TOTAL 9.99")),
    ("GS k NUL form", GS + b"k\x04TOTAL 9.99\x00"),
    ("FS q", b"\x1cq\x01\x01\x00\x01\x00" + PAYLOAD[:8]),
    ("GS *", GS + b"*\x01\x01" + PAYLOAD[:8]),
    ("ESC &", ESC + b"&\x03\x41\x42\x02" + PAYLOAD[:6] + b"\x01" + PAYLOAD[:3]),
    ("ESC D tabs", ESC + b"D\x08\x10\x18\x00"),
    ("ESC W page area", ESC + b"W" + bytes(8)),
    ("DLE DC4 pulse", b"\x10\x14\x01\x00\x05"),
    ("ESC p drawer", ESC + b"p\x00\x19\xfa"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_payloads_are_skipped_exactly_and_never_leak_into_text(name, cmd):
    data = b"Before\n" + cmd + b"After\n" + CUT
    whole = run(data, end=False)
    r = receipts(whole)[0]
    assert r.text == ["Before", "After"]
    assert r.stats.unknown == 0 and r.stats.truncated == 0
    assert not [e for e in whole if isinstance(e, UnknownCommand)]
    assert run(data, bytewise(len(data)), end=False) == whole


def test_a_barcode_and_a_qr_code_report_their_contents():
    data = b"x\n" + enc.barcode_code128(b"R0001") + GS + b"k\x02501234567890\x00" + CUT
    got = [(b.symbology, b.data) for b in one(data).barcodes]
    assert got == [("CODE128", b"{BR0001"), ("EAN13", b"501234567890")]


def test_an_unknown_command_is_counted_and_the_text_around_it_survives():
    data = b"Pasta bake  2.30\n" + ESC + b"\x81" + b"Cookie  0.50\n" + GS + b"\xf9\x05" + CUT
    ev = run(data, end=False)
    unknown = [e for e in ev if isinstance(e, UnknownCommand)]
    assert [(u.prefix, u.length) for u in unknown] == [(b"\x1b\x81", 2), (b"\x1d\xf9\x05", 3)]
    r = receipts(ev)[0]
    assert r.text == ["Pasta bake  2.30", "Cookie  0.50"] and r.stats.unknown == 2


def test_a_command_missing_its_argument_does_not_swallow_the_next_one():
    # A driver's "ESC r" with no argument before "GS V 0": the cut still cuts.
    ev = run(b"Milk 0.45\n" + ESC + b"r" + CUT + b"Water 0.40\n" + CUT, end=False)
    assert [r.text for r in receipts(ev)] == [["Milk 0.45"], ["Water 0.40"]]


def test_a_truncated_image_waits_for_its_bytes_and_is_counted_if_they_never_come():
    img = enc.raster(64, 8)
    d = EscposDecoder()
    ev = d.feed(b"Logo\n" + img[:20], 1.0)
    assert not [e for e in ev if isinstance(e, Image)]
    ev = d.feed(img[20:40], 1.1)
    (r,) = receipts(d.end_of_job(2.0))
    assert r.stats.truncated == 1 and r.text == ["Logo"]
    assert r.raw == b"Logo\n" + img[:40]


def test_an_implausible_image_length_is_garbage_not_a_command_that_eats_the_next_receipts():
    bogus = GS + b"8L" + bytes([0xFF, 0xFF, 0xFF, 0x7F])
    bogus2 = GS + b"v0\x00\xff\xff\xff\xff"
    ev = run(bogus + bogus2 + b"Milk 0.45\n" + CUT, end=False)
    (r,) = receipts(ev)
    assert r.text[-1].endswith("Milk 0.45") and r.ended_by == "cut"
    assert len([e for e in ev if isinstance(e, UnknownCommand)]) == 2


_FIXED_COMMANDS = [bytes([b, c]) + bytes([arg]) * (n - 2)
                   for b, table in escpos_commands._FIXED.items() for c, n in table.items()
                   for arg in (0x00, 0x01, 0x30)]


@pytest.mark.parametrize("cmd", _FIXED_COMMANDS, ids=lambda c: c.hex())
def test_every_fixed_length_command_takes_its_bytes_and_the_text_after_it_survives(cmd):
    # The decoder takes these in one table lookup, not through measure():
    # the two must agree on every one.
    tok = measure(cmd, 0)
    assert tok is not None and not tok.unknown and tok.length == len(cmd)
    d = EscposDecoder()
    events = d.feed(cmd + b"Pasta bake\n" + CUT, 1.0) + d.end_of_job(2.0)
    lines = [line for r in receipts(events) for line in r.text]
    assert lines == ["Pasta bake"] and d.total_unknown == 0 and d.total_commands == 2
    assert not [e for e in events if isinstance(e, UnknownCommand)]


def test_the_one_step_table_is_measure_s_own_answer_for_every_command_in_it():
    # The decoder's fast path comes from the command table, not a copy of it:
    # every command it may take in one lookup measures the same, name and all.
    for key, step in escpos_commands.one_step_commands().items():
        cmd = bytes([key >> 8, key & 0xFF]) + b"\x01" * (step.length - 2)
        assert measure(cmd + b"Chips\n", 0) == Token(step.length, step.name), cmd.hex()


def test_measure_waits_for_a_whole_command_and_reports_its_length():
    cmd = enc.qr(b"hello")[:12]
    assert measure(cmd, 0) is not None
    assert measure(GS + b"(k\x04", 0) is None
    assert measure(GS + b"(k\x04", 0, final=True).unknown
    assert measure(ESC + b"t\x13", 0).length == 3


# --- status queries, page mode ------------------------------------------------------


def test_status_queries_are_reported_and_are_not_part_of_the_receipt():
    data = (enc.status_request(1) + enc.init() + GS + b"r\x01" + GS + b"a\xff"
            + b"Milk 0.45\n" + enc.status_request(4) + CUT)
    ev = run(data, end=False)
    qs = [(q.kind, q.n) for q in ev if isinstance(q, StatusQuery)]
    assert qs == [("dle_eot", 1), ("gs_r", 1), ("asb", 255), ("dle_eot", 4)]
    r = receipts(ev)[0]
    assert r.raw == enc.init() + b"Milk 0.45\n" + CUT


def test_a_till_polling_status_all_afternoon_does_not_grow_the_next_receipt():
    d = EscposDecoder()
    for t in range(3000):
        d.feed(GS + b"r\x01" + enc.status_request(4), float(t))
        assert d.tick(float(t) + 0.5) == []
    sale = compose(SaleSpec([("Pasta bake", 1, 230)]), "epson")
    (r,) = receipts(d.feed(sale, 5000.0))
    assert r.raw == sale and r.started_at == 5000.0


def test_page_mode_text_is_text_and_ff_prints_the_page():
    data = (ESC + b"L" + ESC + b"W" + bytes([0, 0, 0, 0, 0x40, 2, 0xFF, 1]) + ESC + b"T\x00"
            + b"Receipt No: 9\n" + GS + b"$\x10\x00" + b"TOTAL 1.00" + b"\x0c" + CUT)
    ev = run(data, end=False)
    assert [e.page_mode for e in ev if isinstance(e, ModeChanged)] == [True, False]
    assert receipts(ev)[0].text == ["Receipt No: 9", "TOTAL 1.00"]


# --- python-escpos: an encoder nobody on this project wrote -------------------------


def test_a_receipt_made_with_python_escpos_decodes_cleanly():
    p = Dummy()
    p.set(align="center", bold=True, double_height=True, double_width=True)
    p.textln("OAKFIELD PRIMARY")
    p.set(align="left", normal_textsize=True)
    p.textln("Receipt No: 004711")
    p.textln("Pasta bake                 £2.30")
    p.textln("2 x Cookie                 £1.00")
    p.qr("R004711", native=True)
    p.barcode("4006381333931", "EAN13", function_type="A")
    p.set(bold=True)
    p.textln("TOTAL                      £3.30")
    p.cut()
    data = p.output
    ev = run(data, end=False)
    r = receipts(ev)[0]
    assert r.text == ["OAKFIELD PRIMARY", "Receipt No: 004711", "Pasta bake                 £2.30",
                      "2 x Cookie                 £1.00", "TOTAL                      £3.30"]
    assert r.stats.unknown == 0 and r.ended_by == "cut"
    assert {b.symbology for b in r.barcodes} == {"QR", "EAN13"}
    assert run(data, bytewise(len(data)), end=False) == ev


# --- properties ------------------------------------------------------------------

_spec = st.builds(
    lambda items, kind, reprint, tender: SaleSpec(items, tender, "000001", None, kind, reprint),
    st.lists(st.tuples(st.sampled_from(["Pasta bake", "Cookie", "Milk"]), st.integers(1, 3),
                       st.integers(1, 999)), min_size=1, max_size=4),
    st.sampled_from(["sale", "refund"]), st.booleans(), st.sampled_from(["Cash", "Account"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_spec, st.sampled_from(sorted(LAYOUTS)), st.integers(0, 40)),
                min_size=1, max_size=3), st.data())
def test_any_chunking_of_any_stream_gives_the_same_events(parts, data):
    stream = b"".join(garbage(n, seed=n) + compose(spec, lay) for spec, lay, n in parts)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=30)))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, len(stream)], strict=True)]
    assert run(stream, [s for s in sizes if s] or None) == run(stream)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.lists(st.integers(1, 50), max_size=20))
def test_random_bytes_never_raise_and_every_byte_is_accounted_for(blob, chunks):
    d = EscposDecoder()
    out: list = []
    i = 0
    t = 0.0
    for n in chunks + [len(blob)]:
        out += d.feed(blob[i : i + n], t)
        i += n
        t += 1.0
        out += d.tick(t)
    out += d.end_of_job(t) + d.flush(t + 5)
    assert i >= len(blob)
    got = receipts(out)
    # Every byte is in a receipt, a real-time command, a job that printed
    # nothing of a receipt, or the content-free tail.
    assert (sum(len(r.raw) for r in got) + d.total_status_bytes + len(d.unfinished)
            + d.discarded_bytes
            == len(blob) == d.total_bytes)
    for r in got:
        assert r.text == [t for t in r.text if t.strip()]
        assert r.ended_by in ("cut", "idle_gap", "job_end", "flush")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.integers(1, 7))
def test_random_bytes_decode_the_same_in_any_chunk_size(blob, size):
    whole = run(blob)
    chunked = run(blob, [size] * (len(blob) // size + 1))
    assert chunked == whole
