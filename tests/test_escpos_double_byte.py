"""Katakana (ESC t 1), the pages no codec holds, and Kanji (double-byte) mode.

The bytes come from three places: python-escpos 3.1, a real client library
(``Dummy().text`` of half-width katakana emits ``ESC t 1`` and JIS X 0201
bytes, from its ``escpos/katakana.py`` map); the Epson command pages (FS &
"Select Kanji character mode", FS . "Cancel Kanji character mode", FS C n
"Select Kanji character code system: 0/48 JIS, 1/49 Shift JIS", as in the
TM-P60 specification, sheet 107, and the Chinese models' manuals, e.g. the
Zijiang ZJ-58 user's manual pp. 67-68; for the cheap Chinese models, the
Microcom 814M programming manual p. 68 and the SurePrint SP91 manual p. 66:
"the printer selects Chinese character mode automatically when the power is
turned on", GB18030 four-byte codes included); and the published code points of
the standards (JIS X 0208 日本 = 0x467C 0x4B5C, Shift JIS 0x93FA 0x967B,
GB2312/GB18030 中文 = D6D0 CEC4, Big5 中文 = A4A4 A4E5, KS X 1001 한글 = C7D1 B1DB),
written here as literal bytes, not produced by the codec under test.
"""

from __future__ import annotations

import pytest
from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.escpos import EscposDecoder, EscposError
from drivers.events import ReceiptEnded

ESC, FS = b"\x1b", b"\x1c"
KANJI_ON, KANJI_OFF = FS + b"&", FS + b"."
CUT = b"\x1dV\x00"


def decode(data: bytes, chunks: list[int] | None = None, **kw):
    """(decoder, receipts) for ``data`` fed in ``chunks`` (sizes), then the job's end."""
    d = EscposDecoder(**kw)
    events, i = [], 0
    for n in chunks or []:
        events += d.feed(data[i : i + n], 1.0)
        i += n
    events += d.feed(data[i:], 1.0) + d.end_of_job(2.0)
    return d, [e.receipt for e in events if isinstance(e, ReceiptEnded)]


def lines(data: bytes, chunks: list[int] | None = None, **kw) -> list[str]:
    return [line for r in decode(data, chunks, **kw)[1] for line in r.text]


# --- ESC t: Katakana and the pages without a codec ------------------------------


def test_python_escpos_katakana_reads_as_the_printer_prints_it():
    p = Dummy()
    p.text("ｶﾞｯｺｳ ｷｭｳｼｮｸ 350\n")  # "school lunch" in half-width katakana
    assert p.output.startswith(ESC + b"t\x01")  # python-escpos selects Epson's page 1
    assert lines(p.output + CUT) == ["ｶﾞｯｺｳ ｷｭｳｼｮｸ 350"]


def test_katakana_page_holds_jis_x_0201_and_counts_the_graphic_symbols_as_unknown():
    d, (r,) = decode(ESC + b"t\x01" + bytes(range(0xA1, 0xE0)) + b"\n\x80\x9f\xe0AB\n" + CUT)
    assert r.text[0] == "".join(chr(c) for c in range(0xFF61, 0xFFA0))
    # 0x80-0xA0 and 0xE0-0xFF: Epson's own graphic symbols, no Unicode mapping
    assert r.text[1] == "\ufffd\ufffd\ufffdAB"
    assert r.stats.unknown_text == 3 and d.total_unknown_text == 3


@pytest.mark.parametrize("page", [20, 26, 30, 255])
def test_a_page_without_a_codec_reads_ascii_and_counts_the_rest_never_the_old_page(page):
    data = ESC + b"t\x02" + b"\x9c\n" + ESC + b"t" + bytes([page]) + b"Baht \x9c\xa1\n" + CUT
    d, (r,) = decode(data)
    assert r.text == ["£", "Baht \ufffd\ufffd"]  # cp850's pound, then no page to read
    assert r.stats.unknown_text == 2


def test_an_unnamed_page_number_keeps_the_page_in_force_as_before():
    assert lines(ESC + b"t\x02" + ESC + b"t\x63" + b"\x9c\n" + CUT) == ["£"]


# --- Kanji mode: the switches ------------------------------------------------------

NIHON_SJIS, NIHON_JIS = b"\x93\xfa\x96\x7b", b"\x46\x7c\x4b\x5c"
ZHONGWEN_GB, ZHONGWEN_BIG5, HANGUL = b"\xd6\xd0\xce\xc4", b"\xa4\xa4\xa4\xe5", b"\xc7\xd1\xb1\xdb"


@pytest.mark.parametrize("system, pair, text", [
    ("shift_jis", NIHON_SJIS, "日本"), ("gb18030", ZHONGWEN_GB, "中文"),
    ("GB2312", ZHONGWEN_GB, "中文"), ("big5", ZHONGWEN_BIG5, "中文"),
    ("KS C 5601", HANGUL, "한글"), ("jis", NIHON_JIS, "日本"),
])
def test_fs_amp_turns_double_byte_text_on_and_fs_dot_off(system, pair, text):
    data = (KANJI_ON + pair + b"\n" + KANJI_OFF + b"350 \x9c1.50\n" + CUT)
    d, (r,) = decode(data, double_byte=system)
    assert r.text == [text, "350 £1.50"]  # outside Kanji mode: cp437 as ever
    assert r.stats.unknown_text == 0


def test_in_jis_kanji_mode_every_pair_of_printable_bytes_is_a_kanji():
    # JIS code: a first byte 0x21-0x7E starts a JIS X 0208 character (Seiko
    # DPU-30 manual 5.3.2), so "30" is the kanji at row 0x33, cell 0x30 (EUC-JP B3 B0).
    assert lines(KANJI_ON + b"30\n" + CUT, double_byte="jis") == ["外"]


def test_a_model_without_double_byte_ignores_the_switches_as_before():
    assert lines(KANJI_ON + b"\x9c1.50\n" + CUT) == ["£1.50"]


def test_fs_c_chooses_a_japanese_models_code_system_and_a_chinese_model_ignores_it():
    data = (KANJI_ON + FS + b"C\x00" + NIHON_JIS + b"\n" + FS + b"C1" + NIHON_SJIS + b"\n"
            + CUT)
    assert lines(data, double_byte="shift_jis") == ["日本", "日本"]
    assert lines(KANJI_ON + FS + b"C\x00" + ZHONGWEN_GB + b"\n" + CUT,
                 double_byte="gb18030") == ["中文"]


def test_a_pair_split_between_two_reads_is_one_character():
    data = KANJI_ON + ZHONGWEN_GB + b"\n" + CUT
    for cut_at in range(1, len(data)):
        assert lines(data, [cut_at], double_byte="gb18030") == ["中文"]


def test_esc_t_in_kanji_mode_waits_for_fs_dot():
    data = (KANJI_ON + ESC + b"t\x02" + ZHONGWEN_GB + b"\n" + KANJI_OFF + b"\x9c\n" + CUT)
    assert lines(data, double_byte="gb18030") == ["中文", "£"]


def test_a_gb18030_four_byte_code_is_one_character():
    # GB18030 maps all of Unicode: the pound (U+00A3) is the four-byte code 81 30 84 35.
    assert lines(b"\x81\x30\x84\x35" + b"2.10\n" + CUT, double_byte="gb18030",
                 double_byte_at_power_on=True) == ["£2.10"]


def test_power_on_double_byte_reads_a_uk_till_that_never_sends_fs_dot():
    # A Chinese 58 mm printer powering up in Chinese mode: the till's CP437
    # pound (0x9C) is a lead byte whose pair is not a character. The printer
    # prints no pound; the tap says so (U+FFFD, counted), never a guess.
    data = b"Fish pie \x9c2.10\n" + CUT
    d, (r,) = decode(data, double_byte="gb18030", double_byte_at_power_on=True)
    assert r.text == ["Fish pie \ufffd2.10"]
    assert r.stats.unknown_text == 1
    # The same till sending FS . first reads as it always did; ESC @ goes
    # back to the power-on mode.
    fixed = KANJI_OFF + b"\x9c2.10\n" + ESC + b"@" + ZHONGWEN_GB + b"\n" + CUT
    assert lines(fixed, double_byte="gb18030", double_byte_at_power_on=True) == [
        "£2.10", "中文"]


def test_a_lone_lead_byte_at_a_cut_and_an_invalid_pair_are_counted_not_raised():
    data = KANJI_ON + b"A\x93" + CUT + b"\x81\x20B\n" + CUT
    d, (r1, r2) = decode(data, double_byte="shift_jis")
    assert r1.text == ["A\ufffd"] and r2.text == ["\ufffd B"]
    assert (r1.stats.unknown_text, r2.stats.unknown_text, d.total_unknown_text) == (1, 1, 2)


def test_configuration_mistakes_are_clear_errors():
    with pytest.raises(EscposError, match="double-byte"):
        EscposDecoder(double_byte="utf-16")
    with pytest.raises(EscposError, match="double_byte"):
        EscposDecoder(double_byte_at_power_on=True)


# --- properties ------------------------------------------------------------------

_cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5) | st.sampled_from(
    list("0123456789 .£")), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(_cjk, min_size=1, max_size=6), st.lists(st.integers(1, 9), max_size=30))
def test_a_receipt_in_double_byte_mode_fed_in_any_chunking_decodes_to_the_same_lines(
        items, sizes):
    body = b"".join(KANJI_ON + t.replace("£", "").encode("gb18030") + b"\n"
                    + KANJI_OFF + b"\x9c1.00\n" for t in items)
    data = body + CUT
    whole = lines(data, double_byte="gb18030")
    assert lines(data, sizes, double_byte="gb18030") == whole
    expected = [s for t in items for s in (t.replace("£", "").rstrip(), "£1.00") if s]
    assert whole == expected


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["jis", "shift_jis", "gb18030", "big5",
                                                 "cp949"]), st.booleans())
def test_any_bytes_in_any_double_byte_system_never_raise(data, system, on):
    d, got = decode(data, [7] * (len(data) // 7), double_byte=system,
                    double_byte_at_power_on=on)
    assert d.total_unknown_text >= sum(r.stats.unknown_text for r in got)
