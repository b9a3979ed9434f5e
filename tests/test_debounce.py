"""One read per card presentation, however long the card stays on the reader."""

from __future__ import annotations

from drivers.debounce import Debouncer
from drivers.events import CardRead, FrameRejected


def card(uid: str, at: float) -> CardRead:
    return CardRead("door", uid, at)


def test_a_card_left_on_the_reader_for_a_minute_is_one_read():
    d = Debouncer(debounce_s=2.0)
    repeats = [card("04A1B2C3", 100 + 0.1 * i) for i in range(600)]
    assert d.filter(repeats) == [repeats[0]]
    assert d.suppressed == 599


def test_the_same_card_presented_again_after_the_window_is_a_new_read():
    d = Debouncer(debounce_s=2.0)
    assert len(d.filter([card("04A1B2C3", 100.0)])) == 1
    assert d.filter([card("04A1B2C3", 101.9)]) == []
    assert len(d.filter([card("04A1B2C3", 104.0)])) == 1  # 2.1 s after the last repeat


def test_a_different_card_is_always_a_new_read_even_straight_after():
    d = Debouncer(debounce_s=2.0)
    got = d.filter([card("04A1B2C3", 100.0), card("DEADBEEF", 100.05),
                    card("04A1B2C3", 100.1)])
    assert [e.uid for e in got] == ["04A1B2C3", "DEADBEEF", "04A1B2C3"]


def test_other_events_pass_unchanged_and_in_order():
    d = Debouncer(debounce_s=2.0)
    rej = FrameRejected("door", "bad checksum", 100.02)
    got = d.filter([card("04A1B2C3", 100.0), rej, card("04A1B2C3", 100.05)])
    assert got == [card("04A1B2C3", 100.0), rej]


def test_a_clock_stepping_back_does_not_swallow_a_presentation():
    d = Debouncer(debounce_s=2.0)
    d.filter([card("04A1B2C3", 100.0)])
    assert len(d.filter([card("04A1B2C3", 50.0)])) == 1  # NTP stepped the clock back


def test_zero_debounce_passes_every_read_and_reset_forgets_the_card():
    assert len(Debouncer(0).filter([card("04A1B2C3", 1.0)] * 3)) == 3
    d = Debouncer(2.0)
    d.filter([card("04A1B2C3", 1.0)])
    d.reset()
    assert len(d.filter([card("04A1B2C3", 1.1)])) == 1
