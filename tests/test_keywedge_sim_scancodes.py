"""The keyboard-wedge simulator reports keys as a USB HID keyboard does:
``MSC_SCAN`` carries ``0x70000 | HID usage id`` (Keyboard/Keypad page), and
the kernel's own table turns that usage into the ``EV_KEY`` code that follows.

The reference is the kernel's, not ours: ``hid_keyboard[]`` in
``drivers/hid/hid-input.c`` (Linux; index = HID usage, value = keycode),
copied here for usages 0x00-0x5F and the modifiers 0xE0-0xE7."""

from __future__ import annotations

import struct

from hypothesis import given
from hypothesis import strategies as st

from hwsim.keywedge import _KEYS, TERMINATORS, encode_text

# drivers/hid/hid-input.c, hid_keyboard[0x00..0x5F]
_KERNEL_HID_KEYBOARD = [
    0, 0, 0, 0, 30, 48, 46, 32, 18, 33, 34, 35, 23, 36, 37, 38,
    50, 49, 24, 25, 16, 19, 31, 20, 22, 47, 17, 45, 21, 44, 2, 3,
    4, 5, 6, 7, 8, 9, 10, 11, 28, 1, 14, 15, 57, 12, 13, 26,
    27, 43, 43, 39, 40, 41, 51, 52, 53, 58, 59, 60, 61, 62, 63, 64,
    65, 66, 67, 68, 87, 88, 99, 70, 119, 110, 102, 104, 111, 107, 109, 106,
    105, 108, 103, 69, 98, 55, 74, 78, 96, 79, 80, 81, 75, 76, 77, 71,
]
# hid_keyboard[0xE0..0xE7]: LeftCtrl, LeftShift, LeftAlt, LeftMeta, Right...
_KERNEL_MODIFIERS = {0xE0 + i: k for i, k in enumerate([29, 42, 56, 125, 97, 54, 100, 126])}

_EVENT = struct.Struct("@llHHi")
EV_KEY, EV_MSC, MSC_SCAN = 0x01, 0x04, 0x04


def kernel_keycode(usage: int) -> int:
    return _KERNEL_MODIFIERS.get(usage) or _KERNEL_HID_KEYBOARD[usage]


def scans_and_keys(records: bytes) -> list[tuple[int, int]]:
    """(MSC_SCAN value, the EV_KEY code right after it), in order."""
    events = [_EVENT.unpack_from(records, o) for o in range(0, len(records), _EVENT.size)]
    pairs = []
    for (_, _, t, c, v), (_, _, t2, c2, _) in zip(events, events[1:], strict=False):
        if t == EV_MSC and c == MSC_SCAN:
            assert t2 == EV_KEY, "a scan code is followed by its key"
            pairs.append((v, c2))
    return pairs


@given(text=st.text(alphabet=sorted(_KEYS), min_size=1, max_size=24),
       terminator=st.sampled_from(sorted(TERMINATORS)))
def test_every_scan_code_is_a_hid_usage_the_kernel_maps_to_the_key_sent(text, terminator):
    pairs = scans_and_keys(encode_text(text, 1000.0, terminator=terminator))
    assert pairs, "every key press and release carries its scan code"
    for scan, keycode in pairs:
        assert scan >> 16 == 0x7, "the Keyboard/Keypad usage page"
        assert kernel_keycode(scan & 0xFFFF) == keycode


def test_a_card_number_and_enter_scan_as_a_usb_keyboard_types_them():
    pairs = scans_and_keys(encode_text("0012", 1000.0, terminator="enter"))
    presses = [scan for scan, _ in pairs[::2]]
    assert presses == [0x70027, 0x70027, 0x7001E, 0x7001F, 0x70028]
