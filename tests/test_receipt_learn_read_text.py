"""A till that prints whole yen ("Total  ¥2,937", "Received  2,937",
"Change  0") is read from its amounts written with their pence; its profile
is learnt from that same text, so what it learns matches where it is
applied. Money handed over with no tender word is learnt as cash only when
every sample printing it was confirmed cash: one confirmed card sale
printing it too keeps an exact payment flagged."""

from __future__ import annotations

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import Profile, contract_word, learn
from agent.sale.receipt_learn_fields import Truth, lines_both
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode

# (price of a bowl in yen, bowls, yen handed over: None for the exact amount)
SALES = [(890, 3, None), (750, 3, 3000), (1200, 2, None), (450, 5, 3000), (980, 1, 1000)]


def _yen(n: int) -> str:
    return f"{n:,}"


def _printed(price: int, bowls: int, handed: int | None, paid_word: str = "Received") -> bytes:
    """A noodle bar's receipt in whole yen: the bowls, the total, the money
    handed over and the change (no word names the tender)."""
    total, yen = price * bowls, "\u00a5"
    p = Dummy()
    p.textln("NOODLE BAR KITSUNE")
    p.textln(f"Udon x{bowls} - {yen}{_yen(total)}")
    p.textln(f"Total {yen + _yen(total):>26}")
    p.textln(f"{paid_word} {_yen(handed or total):>{31 - len(paid_word)}}")
    p.textln(f"Change {_yen((handed or total) - total):>25}")
    p.textln("Thank you!")
    p.cut()
    return p.output


def _receipt(price: int, bowls: int, handed: int | None, paid_word: str = "Received") -> object:
    return decode(_printed(price, bowls, handed, paid_word))[0][0]


def _profile(sales: list[tuple[int, int, int | None]], tenders: list[str]) -> Profile:
    samples = [_receipt(*s) for s in sales]
    truths = [Truth(total=p * b * 100, tender=t) for (p, b, _h), t in zip(sales, tenders,
                                                                        strict=True)]
    return learn(samples, ReceiptConfig(), truths=truths)


def _learnt(sales: list[tuple[int, int, int | None]], tenders: list[str]) -> object:
    return rules_from_config(_profile(sales, tenders).config(ReceiptConfig()))


def test_the_defaults_cannot_say_how_an_exact_payment_with_no_tender_word_was_made():
    read = interpret(_receipt(640, 2, None))
    assert read.total_pence == 128000
    assert read.tender is None and "unread_tender" in read.flags, (read.tender, read.flags)


def test_the_learner_sees_the_amounts_as_the_reader_wrote_them():
    lines = lines_both(_receipt(890, 3, None), ReceiptConfig())
    assert "Received 2,670" in lines and "Received 2,670.00" in lines


def test_a_till_whose_every_sample_handed_over_was_cash_reads_an_exact_payment_as_cash():
    profile = _profile(SALES, ["cash"] * len(SALES))
    # (from the money handed over, never from a line that pays nothing: "Thank you!")
    assert profile.tenders == {"Received": "cash"}
    read = interpret(_receipt(640, 2, None), rules_from_config(profile.config(ReceiptConfig())))
    assert read.total_pence == 128000
    assert contract_word(read.tender) == "cash", (read.tender, read.flags)
    assert "unread_tender" not in read.flags and "template_miss" not in read.flags


def test_one_card_sale_printing_the_money_handed_over_keeps_an_exact_payment_flagged():
    rules = _learnt(SALES, ["cash", "cash", "card", "cash", "cash"])
    read = interpret(_receipt(640, 2, None), rules)
    assert read.tender is None or {"unread_tender", "template_miss"} & set(read.flags), (
        read.tender, read.flags)


@settings(max_examples=8, deadline=None)
@given(card=st.sampled_from([0, 2]), price=st.integers(100, 2000), bowls=st.integers(1, 4))
def test_an_exact_payment_is_never_read_as_cash_unflagged_when_a_sample_paid_it_by_card(
        card: int, price: int, bowls: int):
    tenders = ["cash"] * len(SALES)
    tenders[card] = "card"  # (a sample paid exactly: the same line, another tender)
    read = interpret(_receipt(price, bowls, None), _learnt(SALES, tenders))
    assert read.total_pence == price * bowls * 100
    assert read.tender is None or set(read.flags) & {"unread_tender", "template_miss"}, (
        read.tender, read.flags)
