"""The keyboard-wedge decoder: a reader typing card ids at machine speed, a
person typing slowly, shift and caps lock, every terminator; and the raw
``struct input_event`` records the simulator writes, split anyhow."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.events import CardRead, FrameRejected
from drivers.keywedge import (
    INPUT_EVENT,
    KEY_CAPSLOCK,
    KEY_ENTER,
    KEY_KPENTER,
    KEY_LEFTSHIFT,
    KEY_TAB,
    KeyEvent,
    KeywedgeDecoder,
    parse_input_events,
)
from hwsim.keywedge import encode_text

hex8 = st.text("0123456789ABCDEF", min_size=8, max_size=8)
CODES = {"1": 2, "2": 3, "3": 4, "4": 5, "5": 6, "6": 7, "7": 8, "8": 9, "9": 10, "0": 11,
         "A": 30, "B": 48, "C": 46, "D": 32, "E": 18, "F": 33, "G": 34, "H": 35}


def typed(text: str, t0: float = 100.0, gap: float = 0.004, end: int | None = KEY_ENTER,
          shift: bool = False) -> list[KeyEvent]:
    """Key events for ``text`` (press/release) then ``end``."""
    evs, t = [], t0
    for ch in text:
        if shift:
            evs.append(KeyEvent(KEY_LEFTSHIFT, 1, t))
        evs += [KeyEvent(CODES[ch], 1, t), KeyEvent(CODES[ch], 0, t + gap / 2)]
        if shift:
            evs.append(KeyEvent(KEY_LEFTSHIFT, 0, t + gap / 2))
        t += gap
    if end is not None:
        evs += [KeyEvent(end, 1, t), KeyEvent(end, 0, t + gap / 2)]
    return evs


def records_to_events(data: bytes, cuts: list[int] | None = None) -> list:
    dec, pending, out, prev = KeywedgeDecoder("wedge"), bytearray(), [], 0
    for c in sorted(set(cuts or [])) + [len(data)]:
        pending += data[prev:c]
        prev = c
        keys, used = parse_input_events(pending)
        del pending[:used]
        out += dec.feed(keys, now=5.0)
    return out


def reads(events: list) -> list[str]:
    return [e.uid for e in events if isinstance(e, CardRead)]


def reasons(events: list) -> list[str]:
    return [e.reason for e in events if isinstance(e, FrameRejected)]


@pytest.mark.parametrize("end", [KEY_ENTER, KEY_KPENTER, KEY_TAB])
def test_a_card_typed_at_reader_speed_is_one_read_whatever_the_terminator(end):
    dec = KeywedgeDecoder("wedge")
    out = dec.feed(typed("04A1B2C3", end=end), now=42.0)
    assert out == [CardRead("wedge", "04A1B2C3", 42.0)]
    assert dec.stats() == {"frames": 1, "rejected": 0, "typing": 0}


def test_letters_with_shift_held_and_without_give_the_same_uid():
    dec = KeywedgeDecoder("wedge")
    assert reads(dec.feed(typed("DEADBEEF", shift=True), 1)) == ["DEADBEEF"]
    assert reads(dec.feed(typed("DEADBEEF", t0=200), 1)) == ["DEADBEEF"]


def test_caps_lock_does_not_change_the_card_id():
    dec = KeywedgeDecoder("wedge")
    caps = [KeyEvent(KEY_CAPSLOCK, 1, 99.0), KeyEvent(KEY_CAPSLOCK, 0, 99.001)]
    assert reads(dec.feed(caps + typed("0A1B2C3D"), 1)) == ["0A1B2C3D"]
    assert dec._caps is True


def test_a_shifted_digit_is_a_symbol_not_part_of_a_card():
    out = KeywedgeDecoder("wedge").feed(typed("12345678", shift=True), 1)
    assert reasons(out) == ["not a card id"]


def test_a_person_typing_slowly_is_never_a_card():
    dec = KeywedgeDecoder("wedge", max_key_gap_ms=60)
    out = dec.feed(typed("12345678", gap=0.25), 1)
    assert reads(out) == []
    assert dec.stats()["typing"] >= 1
    # ...and the reader's next card right after is still read.
    assert reads(dec.feed(typed("DEADBEEF", t0=110.0), 2)) == ["DEADBEEF"]


def test_a_pause_before_enter_abandons_the_line():
    evs = typed("04A1B2C3", end=None) + [KeyEvent(KEY_ENTER, 1, 101.0)]
    out = KeywedgeDecoder("wedge").feed(evs, 1)
    assert reads(out) == [] and reasons(out) == ["typing"]


def test_keys_typed_before_a_pause_do_not_prefix_the_next_card():
    evs = typed("99", end=None) + typed("04A1B2C3", t0=103.0)
    out = KeywedgeDecoder("wedge").feed(evs, 1)
    assert reads(out) == ["04A1B2C3"]


def test_the_gap_is_judged_on_the_events_own_timestamps_not_on_arrival():
    # All events arrive in one batch (a late read): still a card.
    dec = KeywedgeDecoder("wedge")
    assert reads(dec.feed(typed("04A1B2C3", gap=0.05), 1)) == ["04A1B2C3"]
    assert reads(dec.feed(typed("04A1B2C3", t0=300, gap=0.07), 1)) == []


def test_words_that_are_not_hex_are_rejected():
    out = KeywedgeDecoder("wedge").feed(typed("HEAD1234"), 1)
    assert reasons(out) == ["not a card id"]


def test_too_short_and_too_long_lines_are_rejected():
    dec = KeywedgeDecoder("wedge", min_len=4, max_len=20)
    assert reasons(dec.feed(typed("12"), 1)) == ["too short"]
    assert reasons(dec.feed(typed("1" * 64, t0=200), 1)) == ["id too long"]
    assert len(dec._line) == 0


def test_a_bare_enter_is_nothing():
    assert KeywedgeDecoder("wedge").feed(typed(""), 1) == []


def test_autorepeat_and_releases_type_nothing():
    evs = [KeyEvent(2, 1, 100.0), KeyEvent(2, 2, 100.001), KeyEvent(2, 2, 100.002),
           KeyEvent(2, 0, 100.003)] + typed("234567", t0=100.004)
    assert reads(KeywedgeDecoder("wedge").feed(evs, 1)) == ["1234567"]


def test_a_decimal_wedge_gives_the_rosters_hex_uid():
    dec = KeywedgeDecoder("wedge", fmt="decimal")
    assert reads(dec.feed(typed("0077705923"), 1)) == ["04A1B2C3"]


def test_reset_forgets_a_half_typed_line_and_a_stuck_shift():
    dec = KeywedgeDecoder("wedge")
    dec.feed([KeyEvent(KEY_LEFTSHIFT, 1, 100.0)] + typed("0A1B", end=None, t0=100.001), 1)
    dec.reset()
    assert reads(dec.feed(typed("12345678", t0=100.1), 1)) == ["12345678"]


def test_the_simulators_records_decode_to_the_card():
    data = encode_text("04A1B2C3", start=1_700_000_000.25)
    assert len(data) % INPUT_EVENT.size == 0
    assert reads(records_to_events(data)) == ["04A1B2C3"]


def test_a_person_typing_on_the_simulated_reader_is_not_a_card():
    data = encode_text("12345678", start=1_700_000_000.0, key_gap_s=0.3)
    assert reads(records_to_events(data)) == []


def test_other_event_types_in_the_stream_are_skipped():
    syn = INPUT_EVENT.pack(1, 0, 0, 0, 0)
    led = INPUT_EVENT.pack(1, 0, 0x11, 1, 1)
    keys, used = parse_input_events(syn + led + INPUT_EVENT.pack(1, 5, 1, 30, 1) + b"\x01\x02")
    assert keys == [KeyEvent(30, 1, 1.000005)]
    assert used == 3 * INPUT_EVENT.size


@given(hex8, st.booleans(), st.sampled_from(["enter", "tab", "kpenter"]))
def test_every_card_round_trips_through_the_simulators_encoder(uid, shift, term):
    data = encode_text(uid, start=1_700_000_000.0, shift_letters=shift, terminator=term)
    assert reads(records_to_events(data)) == [uid]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=24 * 40))
def test_random_record_bytes_never_raise(data):
    out = records_to_events(data)
    assert all(isinstance(e, CardRead | FrameRejected) for e in out)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(-3, 5),
                          st.floats(-1e9, 1e12, allow_nan=False)), max_size=80))
def test_random_key_events_never_raise(evs):
    dec = KeywedgeDecoder("wedge")
    out = dec.feed([KeyEvent(c, v, t) for c, v, t in evs], 1.0)
    assert dec.frames + dec.rejected == len(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hex8, min_size=1, max_size=5), st.lists(st.integers(0, 10_000), max_size=20))
def test_any_chunking_of_the_records_gives_the_same_reads(uids, cuts):
    data = b"".join(encode_text(u, start=1_700_000_000.0 + i) for i, u in enumerate(uids))
    whole = records_to_events(data)
    assert reads(whole) == uids
    assert records_to_events(data, [c % (len(data) + 1) for c in cuts]) == whole


def test_a_person_typing_a_long_line_is_one_rejection_not_one_per_key():
    dec = KeywedgeDecoder("wedge")
    out = dec.feed(typed("1234567890ABCDEF", gap=0.3), 1)
    assert reasons(out) == ["typing"]
    assert dec.stats()["typing"] == 1


def test_a_card_scanned_right_after_a_person_typed_is_still_read():
    evs = typed("123", gap=0.3, end=None) + typed("04A1B2C3", t0=101.5)
    out = KeywedgeDecoder("wedge").feed(evs, 1)
    assert reads(out) == ["04A1B2C3"]
    assert reasons(out) == ["typing"]
