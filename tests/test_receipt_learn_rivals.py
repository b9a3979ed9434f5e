"""A profile never trusts a total its samples could not tell from another
label: five lunch-service receipts without a discount print the subtotal
and the total (in words the defaults do not know) with the same amount, so
the learner cannot say which label is the total; a later receipt on which
the two differ is flagged, never charged at whichever it kept."""

from __future__ import annotations

import re

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.cli import main
from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn, toml_text
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_learn_rivals import total_rivals
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode

MEALS = [(230, 50), (310, 60), (210, 120), (400, 50), (275, 85)]


def _money(pence: int) -> str:
    return f"{'-' if pence < 0 else ''}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def _printed(main: int, pudding: int, off: int = 0, paid: str = "Pesa taslimu") -> bytes:
    """A Swahili-speaking till's lunch receipt: its items, a discount line
    (0.00 when none was given), "Jumla ndogo" (subtotal), "Jumla kuu" (total)."""
    p = Dummy()
    p.textln("SHULE YA MSINGI - CHAKULA")
    p.textln(f"Wali na maharage {_money(main):>12}")
    p.textln(f"Ndizi {_money(pudding):>23}")
    p.textln(f"Jumla ndogo {_money(main + pudding):>17}")
    p.textln(f"Punguzo {_money(-off) if off else '0.00':>21}")
    p.textln(f"Jumla kuu {_money(main + pudding - off):>19}")
    p.textln(f"{paid} {_money(main + pudding - off):>{28 - len(paid)}}")
    p.cut()
    return p.output


def _receipt(main: int, pudding: int, off: int = 0) -> object:
    return decode(_printed(main, pudding, off))[0][0]


def _profile_rules() -> object:
    samples = [_receipt(a, b) for a, b in MEALS]
    truths = [Truth(total=a + b, tender="cash") for a, b in MEALS]
    return rules_from_config(learn(samples, ReceiptConfig(), truths=truths).config(
        ReceiptConfig()))


def test_a_profile_learnt_without_a_discount_does_not_charge_the_subtotal_when_one_is_printed():
    rules = _profile_rules()
    read = interpret(_receipt(230, 50, off=50), rules)
    assert read.total_pence == 230 or "total_unsure" in read.flags, (read.total_pence, read.flags)


def test_a_receipt_like_the_samples_is_still_read_right_without_a_flag():
    read = interpret(_receipt(320, 90), _profile_rules())
    assert read.total_pence == 410 and read.flags == []


def test_the_learnt_profile_names_the_rival_label_for_the_technician_to_see():
    samples = [_receipt(a, b) for a, b in MEALS]
    truths = [Truth(total=a + b, tender="cash") for a, b in MEALS]
    text = toml_text(learn(samples, ReceiptConfig(), truths=truths), len(samples))
    assert "total_rival" in text


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 900), st.integers(1, 900)), min_size=2, max_size=5),
       st.integers(-300, 300))
def test_a_rival_label_is_only_one_printing_the_learnt_total_on_every_sample(meals, other):
    # Two labels printing the same amount on every sample are rivals; a
    # line printing another amount on any sample is none.
    def lines(a: int, b: int, k: int) -> list[str]:
        rival = a + b if k % 2 == 0 else a + b + other
        return [f"Kwanza {_money(a)}", f"Pili {_money(b)}", f"Jumla ndogo {_money(a + b)}",
                f"Kiasi {_money(rival)}", f"Jumla kuu {_money(a + b)}"]

    total = r"^\W*Jumla\W*kuu\W*[^\w\d]*(?P<amount>-?\d[\d,]*[.,]\d\d)(?!\d)"
    found = total_rivals(total, [lines(a, b, k) for k, (a, b) in enumerate(meals)], [])
    assert "ndogo" in found
    assert ("Kiasi" in found) == (other == 0)
    assert "kuu" not in found
    assert re.compile(found).groupindex == {"amount": 1}  # one pattern, valid in the config


def test_a_meal_bought_alone_on_every_sample_is_no_rival_of_the_total():
    # Each sample sold one meal: its line prints the total's amount too; the
    # next receipt's two items are no reason to doubt the total.
    found = total_rivals(r"^\W*Jumla\W*kuu\W*[^\w\d]*(?P<amount>\d+[.,]\d\d)(?!\d)",
                         [[f"Wali {_money(p)}", f"Jumla kuu {_money(p)}"] for p in (230, 310)],
                         [])
    assert found == ""
    found = total_rivals(r"^\W*Jumla\W*kuu\W*[^\w\d]*(?P<amount>\d+[.,]\d\d)(?!\d)",
                         [["Kikombe 0.00", f"Wali {_money(p)}", f"Jumla kuu {_money(p)}"]
                          for p in (230, 310)], [], [["Kikombe", "Wali"]] * 2)
    assert found == ""


def test_the_technician_is_told_at_learn_that_the_samples_cannot_decide_the_total(
        tmp_path, capsys):
    stream = tmp_path / "samples.bin"
    stream.write_bytes(b"".join(_printed(a, b) for a, b in MEALS))
    truth = tmp_path / "truth.toml"
    truth.write_text("".join(f'[[receipt]]\ntotal = {a + b}\n' for a, b in MEALS))
    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "till-1"\n')
    assert main(["receipt", "learn", str(stream), "--truth", str(truth), "--config", str(conf),
                 "--state-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "AMBIGUOUS: every sample printed the total under another label too" in out
    assert "flagged total_unsure" in out


def _paid_receipt(main: int, pudding: int, how: str) -> object:
    """A till printing how it was paid on a line of its own, then "Imelipwa"
    (paid) with the amount: on receipts all paid in cash both say cash."""
    p = Dummy()
    p.textln(f"Wali na maharage {_money(main):>12}")
    p.textln(f"Ndizi {_money(pudding):>23}")
    p.textln(f"TOTAL {_money(main + pudding):>23}")
    p.textln(f"Njia: {how}")
    p.textln(f"Imelipwa {_money(main + pudding):>20}")
    p.cut()
    return decode(p.output)[0][0]


def test_a_tender_word_the_samples_all_paid_one_way_cannot_decide_is_marked_ambiguous():
    samples = [_paid_receipt(a, b, "Pesa taslimu") for a, b in MEALS]
    truths = [Truth(total=a + b, tender="cash") for a, b in MEALS]
    profile = learn(samples, ReceiptConfig(), truths=truths)
    assert profile.ambiguous_tenders, profile.tenders
    # One sample paid by card decides it: nothing left ambiguous.
    samples[2] = _paid_receipt(*MEALS[2], "Kadi")
    truths[2] = Truth(total=sum(MEALS[2]), tender="card")
    assert learn(samples, ReceiptConfig(), truths=truths).ambiguous_tenders == []
