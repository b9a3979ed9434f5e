"""A profile never charges the subtotal: a school café's fiş prints "Ara
Toplam" (the subtotal) with its amount, a discount row (0.00 when none was
given) and "GENEL TOPLAM" alone on its row with the total on the row below
it, which the default rules do not read. Samples without a discount print
the subtotal with the total's amount; a later discounted receipt must not be
charged the subtotal on trust."""

from __future__ import annotations

import re

from escpos.printer import Dummy

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth, contradicted
from agent.sale.receipt_learn_rivals import total_rivals
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode

# (tea, simit, discount): the school café's lunches, in kuruş
PLAIN = [(1500, 2500, 0), (3000, 1500, 0), (1500, 5000, 0), (4500, 2500, 0), (1500, 1500, 0)]
MIXED = [(1500, 2500, 0), (3000, 1500, 450), (1500, 5000, 0), (4500, 2500, 700),
         (1500, 1500, 300)]
# The pattern a learner makes for the subtotal's label (``_total_candidates``).
SUBTOTAL = r"^\W*Ara\W*Toplam\W*[^\w\d]*(?P<amount>-?[£$€]?\s?-?\d[\d,]*[.,]\d\d-?)(?!\d)"


def _money(kurus: int) -> str:
    return f"{kurus // 100}.{kurus % 100:02d}"


def _fis(tea: int, simit: int, off: int) -> bytes:
    p = Dummy()
    p.set(align="center", bold=True)
    p.textln("OKUL KANTİNİ")
    p.set(align="left", bold=False)
    p.textln("Fiş No: 4021")
    p.textln("Tarih: 06.04.2026 12:41")
    p.textln("-" * 32)
    p.textln(f"Çay {_money(tea):>28}")
    p.textln(f"Simit {_money(simit):>26}")
    p.textln("-" * 32)
    p.textln(f"Ara Toplam {_money(tea + simit):>18} TL")
    p.textln(f"İndirim (10.0%): -{_money(off)} TL")
    p.textln("=" * 32)
    p.set(align="right", bold=True, double_height=True, double_width=True)
    p.textln("GENEL TOPLAM")
    p.textln(f"{_money(tea + simit - off)} TL")
    p.set(align="center", bold=False, normal_textsize=True)
    p.textln("Teşekkür ederiz")
    p.cut()
    return p.output


def _receipt(tea: int, simit: int, off: int = 0) -> object:
    return decode(_fis(tea, simit, off))[0][0]


def _rules(lunches: list[tuple[int, int, int]]) -> object:
    samples = [_receipt(*x) for x in lunches]
    truths = [Truth(total=a + b - off) for a, b, off in lunches]
    return rules_from_config(learn(samples, ReceiptConfig(), truths=truths).config(
        ReceiptConfig()))


def _trusted_wrong(read: object, true_total: int) -> bool:
    return read.total_pence != true_total and not read.flags  # type: ignore[attr-defined]


def test_a_label_that_prints_another_amount_than_a_samples_total_is_not_the_total():
    subtotal = SUBTOTAL
    lines = [[f"Ara Toplam {_money(a + b)} TL", f"{_money(a + b - off)} TL"]
             for a, b, off in MIXED]
    truths = [Truth(total=a + b - off) for a, b, off in MIXED]
    assert contradicted(subtotal, lines, truths)
    plain = [Truth(total=a + b) for a, b, _ in PLAIN]
    assert not contradicted(subtotal, [[f"Ara Toplam {_money(a + b)} TL"] for a, b, _ in PLAIN],
                            plain)


def test_samples_with_a_discount_never_teach_the_subtotal_as_the_total():
    rules = _rules(MIXED)
    read = interpret(_receipt(3000, 3000, 600), rules)
    assert not _trusted_wrong(read, 5400), (read.total_pence, read.flags)
    assert read.total_pence != 6000, "charged the subtotal above a discount"


def test_an_amount_printed_alone_below_its_label_is_a_rival_of_the_learnt_total():
    subtotal = SUBTOTAL
    lines = [["Çay 15.00", f"Ara Toplam {_money(a + b)} TL", "İndirim (10.0%): -0.00 TL",
              "GENEL TOPLAM", f"{_money(a + b)} TL"] for a, b, _ in PLAIN]
    rival = total_rivals(subtotal, lines, [])
    assert rival and re.search(rival, "237.60 TL")
    assert not re.search(rival, "Ara Toplam 264.00 TL")


def test_samples_without_a_discount_leave_a_discounted_receipt_flagged_not_charged_the_subtotal():
    rules = _rules(PLAIN)
    read = interpret(_receipt(3000, 3000, 600), rules)
    assert read.total_pence == 5400 or "total_unsure" in read.flags, (read.total_pence, read.flags)


def test_a_receipt_like_the_plain_samples_is_not_flagged_for_its_total():
    read = interpret(_receipt(2000, 1500), _rules(PLAIN))
    assert read.total_pence == 3500 and "total_unsure" not in read.flags, read.flags
