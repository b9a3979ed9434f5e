"""Card numbers in every form schools' systems print and export match a read
whatever form the reader reports (issue 15, defect 14).

The forms and their sources (see sync/card_ids.py):
- EM4100: 40 bits, an 8-bit version/customer byte then the 32-bit card
  number (https://nigh.github.io/markdown/rfid-packet: version 06, data
  001259E3; Suprema support article 24000040584: card number 4340757 =
  0x00423C15 printed in decimal).
- 8H-10D and 2H+4H reader formats (zgznk 09A-EMID manual): "026F6C3A" is
  printed "0040856634", and as Wiegand 26 facility,card "111,27706".
- Wiegand 26 (HID H10301, HID Tech Tip 5): 8-bit facility code 0-255,
  16-bit card number 0-65535 between two parity bits.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drivers.ascii_lines import AsciiLineDecoder
from drivers.keywedge import KeywedgeDecoder, parse_input_events
from drivers.rdm6300 import Rdm6300Decoder
from hwsim.keywedge import encode_text
from hwsim.rdm6300 import encode_frame
from sync.card_ids import CardIdError, classify, decimal10, describe_forms, matches, wiegand26
from sync.contract import ContractError, Pupil
from sync.contract_parsers import check_roster_consistency, parse_pupil
from sync.roster_store import RosterStore

em40 = st.integers(0, 2**40 - 1)
# Cards whose hex has a letter (low nibble A-F): an all-digit hex id also has
# a decimal reading (see card_ids), a deliberate 1-in-4e9 overlap.
lettered = st.builds(lambda v, n: (v & ~0xF) | n, em40, st.integers(0xA, 0xF))
# Pure functions: no timing to prove, and the suite shares two CPUs.
unhurried = settings(deadline=None)


def hex10(v: int) -> str:
    return f"{v:010X}"


def hex8(v: int) -> str:
    return f"{v & 0xFFFF_FFFF:08X}"


def forms_of(v: int) -> list[str]:
    """One EM4100 card as a school's systems may write it."""
    return [hex10(v), hex8(v), decimal10(v), str(v & 0xFFFF_FFFF), wiegand26(v),
            hex8(v).lower(), ":".join(hex10(v)[i:i + 2] for i in range(0, 10, 2))]


# --- the published examples ------------------------------------------------------------


@pytest.mark.parametrize("entry", ["01026F6C3A", "026F6C3A", "0040856634", "111,27706",
                                   "40856634", "111/27706"])
def test_the_reader_manuals_example_card_in_each_form(entry):
    for read in ("01026F6C3A", "026F6C3A", "0040856634", "111,27706"):
        assert matches(read, entry), (read, entry)


def test_the_published_examples_classify_as_their_forms():
    assert classify("06001259E3")[0] == "hex10"  # nigh.github.io's example tag
    assert matches("06001259E3", decimal10(0x001259E3))
    assert classify("4340757")[0] == "decimal"  # Suprema: printed without its zeros
    assert matches("75423C15", "4340757") is False  # another number entirely
    assert matches("00423C15", "4340757") and matches("4B00423C15", "0004340757")
    assert classify("111,27706")[0] == "wiegand26"
    assert classify("0040856634")[0] == "digits10"


def test_what_is_no_card_number_is_refused_without_echoing_it():
    for bad in ("", "  ", "hello", "256,1", "1,65536", "0x12", "1" * 40, "12;34"):
        with pytest.raises(CardIdError) as exc:
            classify(bad)
        assert bad.strip() == "" or bad not in str(exc.value)
    assert matches("not a card", "026F6C3A") is False


# --- properties ------------------------------------------------------------------------


@unhurried
@given(em40)
def test_every_form_of_a_card_matches_every_other_form_of_it(v):
    forms = forms_of(v)
    for read in forms:
        for entry in forms:
            assert matches(read, entry), (read, entry)


@unhurried
@given(lettered, lettered)
def test_cards_whose_numbers_differ_do_not_match(a, b):
    assume(a & 0xFFFF_FFFF != b & 0xFFFF_FFFF)
    assert not matches(hex8(a), hex8(b))
    assert not matches(hex10(a), hex8(b))
    assert not matches(hex10(a), hex10(b))
    assert not matches(decimal10(a), hex8(b))  # b has a letter: one reading only


@unhurried
@given(lettered, st.integers(0, 255))
def test_a_full_read_does_not_match_another_version_byte_of_the_same_number(a, version):
    assume(version != a >> 32)
    other = (version << 32) | (a & 0xFFFF_FFFF)
    assert not matches(hex10(a), hex10(other))  # both know 40 bits: they differ
    assert matches(hex8(a), hex10(other))  # a reader that drops the byte cannot tell


@unhurried
@given(em40, lettered)
def test_wiegand_compares_the_low_24_bits(a, b):
    assert matches(wiegand26(a), hex10(b)) == (a & 0xFF_FFFF == b & 0xFF_FFFF)
    assert matches(wiegand26(a), hex8(b)) == (a & 0xFF_FFFF == b & 0xFF_FFFF)


@unhurried
@given(em40, st.sampled_from(["hex10", "hex8", "decimal10", "wiegand26"]))
def test_matching_is_symmetric(v, form):
    text = {"hex10": hex10(v), "hex8": hex8(v), "decimal10": decimal10(v),
            "wiegand26": wiegand26(v)}[form]
    for other in forms_of(v ^ 0x1_0000_0001):
        assert matches(text, other) == matches(other, text)


# --- the roster and every reader kind ------------------------------------------------


CARD = 0x01_026F_6C3A  # version 01, card number 0x026F6C3A (the manual's example)


def pupil(pid: str, cards: list[str]) -> Pupil:
    return Pupil(id=pid, display_name=pid, year_group="Y5", card_uids=tuple(cards),
                 biometric_ids=(), balance_pence=0, fsm=False, daily_limit_pence=None,
                 debt_limit_pence=0, allergens=(), biometric_consent=True)


def reads_of_every_reader_kind() -> dict[str, str]:
    """What each reader kind hands on for the same card, decoded from real
    bytes by the drivers."""
    rdm = Rdm6300Decoder("rdm").feed(encode_frame(hex8(CARD), version=0x01), 1.0)
    rdm_full = Rdm6300Decoder("rdm", full_id=True).feed(encode_frame(hex10(CARD)), 1.0)
    wedge = KeywedgeDecoder("wedge")  # types the 10-digit decimal, format "hex"
    events, _ = parse_input_events(encode_text(decimal10(CARD), 1.0))
    wedge_reads = wedge.feed(events, 2.0)
    wedge_dec = KeywedgeDecoder("wedge", fmt="decimal")
    wedge_dec_reads = wedge_dec.feed(events, 2.0)
    wiegand = AsciiLineDecoder("w26").feed(f"{wiegand26(CARD)}\r\n".encode(), 1.0)
    return {"rdm6300": rdm[0].uid, "rdm6300 full_id": rdm_full[0].uid,
            "keyboard wedge (hex)": wedge_reads[-1].uid,
            "keyboard wedge (decimal)": wedge_dec_reads[-1].uid,
            "ascii wiegand converter": wiegand[0].uid}


@pytest.mark.parametrize("entry", [hex10(CARD), hex8(CARD), decimal10(CARD), wiegand26(CARD),
                                   "40856634", "01:02:6f:6c:3a"])
def test_a_roster_in_any_form_finds_the_pupil_from_any_reader(tmp_path, entry):
    reads = reads_of_every_reader_kind()
    assert reads["rdm6300"] == "026F6C3A" and reads["ascii wiegand converter"] == "111,27706"
    with RosterStore.in_state_dir(tmp_path) as store:
        store.apply([pupil("P1", [entry]), pupil("P2", ["0AAAAAAAAA"])], [], "c", 0, 1.0, True)
        for kind, uid in reads.items():
            found = store.by_card(uid)
            assert found is not None and found.id == "P1", (kind, uid, entry)
        assert store.by_card("0BBBBBBBBB") is None


def test_a_read_that_two_pupils_entries_both_match_is_unknown_not_guessed(tmp_path):
    with RosterStore.in_state_dir(tmp_path) as store:
        # Same 32-bit number, different version bytes: a reader that drops
        # the byte cannot tell them apart; a full read can.
        store.apply([pupil("P1", ["01026F6C3A"]), pupil("P2", ["02026F6C3A"])], [], "c", 0,
                    1.0, True)
        assert store.by_card("026F6C3A") is None
        assert store.by_card("01026F6C3A").id == "P1"
        assert store.by_card("02026F6C3A").id == "P2"


def test_the_contract_accepts_every_form_and_refuses_the_rest():
    base = {"id": "P1", "display_name": "A", "year_group": None, "biometric_ids": [],
            "balance_pence": 0, "fsm": False, "daily_limit_pence": None,
            "debt_limit_pence": 0, "allergens": [], "biometric_consent": True}
    p, _ = parse_pupil({**base, "card_uids": forms_of(CARD)})
    assert p is not None and len(p.card_uids) == 7
    with pytest.raises(ContractError, match=r"card_uids\[0\]: not a card number"):
        parse_pupil({**base, "card_uids": ["Card of Ann"]})
    with pytest.raises(ContractError, match="one card is listed for two pupils"):
        check_roster_consistency([pupil("P1", ["026f6c3a"]), pupil("P2", ["026F6C3A"])])


def test_doctor_names_the_form_the_roster_uses():
    # Digits-only ids count with the form the rest of the roster shows.
    assert describe_forms({"hex8": 1180, "digits8": 30, "wiegand26": 2}) == \
        "1,210 as 8-hex card number, 2 as Wiegand 26 facility,card"
    assert describe_forms({"digits10": 1180}) == \
        "1,180 as 10-digit decimal card number (as printed on the card)"
    assert describe_forms({"hex10": 1000, "digits10": 9}).startswith("1,009 as EM4100 10-hex")
    assert describe_forms({}) == "no cards"


def test_the_cached_roster_counts_its_cards_by_form(tmp_path):
    with RosterStore.in_state_dir(tmp_path) as store:
        store.apply([pupil("P1", [decimal10(CARD)]), pupil("P2", ["0040856635", "012,00345"])],
                    [], "c", 0, 1.0, True)
        assert store.info().card_forms == {"digits10": 2, "wiegand26": 1}
