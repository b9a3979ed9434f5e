"""The line-reader decoder (Wiegand-to-serial converters): hex and decimal
lines, any line ending, noise and stuck lines; the simulator's encoder and
the decoder agree, and a decimal reader gives the roster's hex uid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.ascii_lines import AsciiLineDecoder, normalise_uid
from drivers.events import CardRead, FrameRejected
from hwsim.ascii_reader import encode_line

hex8 = st.text("0123456789ABCDEF", min_size=8, max_size=8)


def reads(events: list) -> list[str]:
    return [e.uid for e in events if isinstance(e, CardRead)]


def reasons(events: list) -> list[str]:
    return [e.reason for e in events if isinstance(e, FrameRejected)]


@pytest.mark.parametrize("ending", [b"\r\n", b"\n", b"\r", b"\n\r"])
def test_each_line_ending_gives_one_read_per_card(ending):
    dec = AsciiLineDecoder("counter")
    out = dec.feed(b"04A1B2C3" + ending + b"DEADBEEF" + ending, 3.0)
    assert out == [CardRead("counter", "04A1B2C3", 3.0), CardRead("counter", "DEADBEEF", 3.0)]
    assert dec.stats() == {"frames": 2, "rejected": 0}


def test_hex_with_separators_and_lower_case_is_normalised():
    out = AsciiLineDecoder("counter").feed(b"04:a1:b2:c3\r\n04-A1-B2-C3\r\n 04 a1 b2 c3 \r\n", 1)
    assert reads(out) == ["04A1B2C3"] * 3


def test_framing_bytes_around_the_id_are_ignored():
    assert reads(AsciiLineDecoder("c").feed(b"\x0204A1B2C3\x03\r\n", 1)) == ["04A1B2C3"]


def test_a_decimal_reader_gives_the_same_uid_as_a_hex_reader_for_the_same_card():
    dec = AsciiLineDecoder("counter", fmt="decimal")
    # 0x04A1B2C3 = 77705923: a 10-digit reader prints 0077705923.
    assert reads(dec.feed(b"0077705923\r\n", 1)) == ["04A1B2C3"]
    assert reads(dec.feed(encode_line("0000ABCD", fmt="decimal"), 1)) == ["0000ABCD"]


def test_decimal_ids_wider_than_32_bits_become_even_length_hex():
    assert normalise_uid("4294967296", "decimal") == ("0100000000", "")
    assert normalise_uid("4294967295", "decimal") == ("FFFFFFFF", "")


def test_letters_on_a_decimal_reader_are_not_a_card():
    out = AsciiLineDecoder("c", fmt="decimal").feed(b"12AB5678\r\n", 1)
    assert reasons(out) == ["not a card id"]


@pytest.mark.parametrize("line,reason", [
    (b"HELLO WORLD", "not a card id"),
    (b"12", "too short"),
    (b"0123456789ABCDEF012345", "id too long"),
    (b"\xff\xfe\x80\x81", "not a card id"),
    (b"   ", "too short"),
])
def test_lines_that_are_not_cards_are_rejected_with_a_fixed_reason(line, reason):
    dec = AsciiLineDecoder("counter")
    out = dec.feed(line + b"\r\n", 1)
    assert reasons(out) == [reason]
    assert dec.stats()["rejected"] == 1


def test_a_stuck_line_is_rejected_once_and_the_next_card_read():
    dec = AsciiLineDecoder("counter", max_line=40)
    out = []
    for _ in range(100):
        out += dec.feed(b"7" * 50, 1)
    out += dec.feed(b"\r\n04A1B2C3\r\n", 2)
    assert reasons(out) == ["overlong line"]
    assert reads(out) == ["04A1B2C3"]
    assert len(dec._buf) < 50


def test_blank_lines_between_cards_are_not_reported():
    assert AsciiLineDecoder("c").feed(b"\r\n\r\n\n\r", 1) == []


def test_a_rejection_never_carries_the_line():
    [rej] = AsciiLineDecoder("c").feed(b"04A1B2C3ZZ\r\n", 1)
    assert "04A1B2C3" not in repr(rej)


@given(hex8, st.sampled_from(["hex", "decimal"]), st.sampled_from([b"\r\n", b"\n", b"\r"]))
def test_every_card_round_trips_through_the_simulators_encoder(uid, fmt, ending):
    dec = AsciiLineDecoder("c", fmt=fmt)
    assert reads(dec.feed(encode_line(uid, fmt, ending), 1)) == [uid]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["hex", "decimal"]))
def test_random_bytes_never_raise(data, fmt):
    dec = AsciiLineDecoder("c", fmt=fmt)
    out = dec.feed(data, 1)
    assert all(isinstance(e, CardRead | FrameRejected) for e in out)
    assert dec.frames + dec.rejected == len(out)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(hex8.map(encode_line), st.binary(max_size=60)), max_size=10),
       st.lists(st.integers(0, 600), max_size=30))
def test_any_chunking_gives_the_same_events(parts, cuts):
    stream = b"".join(parts)
    whole = AsciiLineDecoder("c").feed(stream, 1)
    dec = AsciiLineDecoder("c")
    out, prev = [], 0
    for c in sorted({c % (len(stream) + 1) for c in cuts}) + [len(stream)]:
        out += dec.feed(stream[prev:c], 1)
        prev = c
    assert out == whole
