"""A till's profile and the money handed over for a cash sale: a learnt
profile flags a line its samples never printed (``template_miss``), but
"Valor Entregue: 20,00 €" / "Troco: 0,07 €" under a cash total of 19,93 is
the money handed over and the change, by the receipt's own arithmetic, on
a receipt whose tender (cash) and items the profile reads as its samples
taught: no alarm. Change that does not make the total, or a tender other
than cash, is still flagged. Receipts are the fifteenth holdout's
Portuguese café (its samples all paid exactly), rendered by python-escpos
and decoded by our decoder."""

from __future__ import annotations

import dataclasses
import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import ReceiptRules, interpret
from drivers.receipt.profile import handed_over
from tests.receipts_score import _pairs, decode, read, technician_truth, truth_fields

LAYOUT = "holdout15:fatura-pt"


@functools.cache
def rules() -> ReceiptRules:
    pairs = _pairs(LAYOUT, 5, 11 + 1000)
    assert not any("Valor Entregue" in t for d, _ in pairs for t in decode(d)[0][0].text)
    prof = learn([decode(d)[0][0] for d, _ in pairs], ReceiptConfig(),
                 truths=[technician_truth(t) for _, t in pairs])
    return rules_from_config(prof.config(ReceiptConfig()))


@functools.cache
def handed_cash() -> list[tuple[object, object]]:
    return [(decode(d)[0][0], t) for d, t in _pairs(LAYOUT, 200, 11)
            if "Valor Entregue" in d.decode("cp858", "replace")]


def test_cash_handed_over_with_change_is_no_alarm_on_a_receipt_read_right():
    cases = handed_cash()
    assert len(cases) >= 20
    for receipt, truth in cases:
        p = interpret(receipt, rules())
        assert read(p) == truth_fields(truth)
        # (a discount no sample printed, its money proven by the items adding
        # up: only whether the till prints it as a line is unshown)
        discounted = any("Desconto" in t for t in receipt.text)  # type: ignore[attr-defined]
        assert "template_miss" not in p.flags, receipt.text  # type: ignore
        assert ("lines_ambiguous" in p.flags) == discounted


def _with_change(receipt: object, pence: int) -> object:
    text = [re.sub(r"(Troco:\s+(?:EUR )?)\d+,\d\d", f"\\g<1>{pence // 100},{pence % 100:02d}", t)
            for t in receipt.text]  # type: ignore[attr-defined]
    return dataclasses.replace(receipt, text=text)  # type: ignore[type-var]


@settings(max_examples=40, deadline=None)
@given(case=st.integers(min_value=0, max_value=19), off=st.integers(min_value=1, max_value=500),
       sign=st.sampled_from([1, -1]))
def test_change_that_does_not_make_the_total_is_still_flagged(case, off, sign):
    receipt, truth = handed_cash()[case]
    change = next(int(m.group(1)) * 100 + int(m.group(2)) for t in receipt.text
                  if (m := re.search(r"Troco:\s+(?:EUR )?(\d+),(\d\d)", t)))
    p = interpret(_with_change(receipt, max(change + sign * off, 0) if change + sign * off
                               != change else change + off), rules())
    assert "template_miss" in p.flags


def test_only_lines_whose_amounts_make_the_cash_total_are_the_money_handed_over():
    lines = [("Valor Entregue: 20,00 €", "footer"), ("Troco: 0,07 €", "footer"),
             ("Pontos: 12,00", "footer")]
    assert handed_over(lines, 1993) == {"Valor Entregue: 20,00 €", "Troco: 0,07 €"}
    assert handed_over(lines, 1994) == set()
    assert handed_over([("Valor Entregue: 20,00 €", "items"), ("Troco: 0,07 €", "footer")],
                       1993) == set()  # among the items: new money, flagged
