"""What the learner writes for a till's own labels matches the lines it was
learnt from, whatever the till prints between a label's words: an
underscore ("TRANS_NO:"), a number or a rate ("VAT 20% on"). (Two bugs
found by review: such a label was never learnt, such a line never set
aside.)"""

from __future__ import annotations

import re

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_learn_items import set_aside
from agent.sale.receipt_learn_labels import label_regex
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode

WORDS = st.text(st.sampled_from("ABCNOQRSTXabcdeno"), min_size=1, max_size=8)
BETWEEN = st.sampled_from([" ", "_", "  ", ". ", " - ", "_#", " 20% ", " 3 x ", "/"])


def _label(words: list[str], between: list[str]) -> str:
    return words[0] + "".join(b + w for b, w in zip(between, words[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(BETWEEN, min_size=3, max_size=3),
       st.sampled_from([":", " :", "", " #"]))
def test_a_learnt_label_pattern_matches_the_label_it_was_learnt_from(words, between, end):
    label = _label(words, between) + end
    assert re.match(label_regex(label), label + " 4711")


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=3), st.lists(BETWEEN, min_size=2, max_size=2),
       st.integers(1, 99_999))
def test_a_line_set_aside_is_matched_by_the_pattern_learnt_from_it(words, between, pence):
    line = f"{_label(words, between)}   {pence // 100}.{pence % 100:02d}"
    pattern = set_aside([(line, words[0])], [("Pasta bake", 1, 230)])
    assert pattern and re.search(pattern, line)


def _till(i: int) -> tuple[object, Truth]:
    p = Dummy()
    p.textln("CORNER CAFE")
    p.textln(f"TRANS_NO: {4711 + i}")
    p.textln(f"Pasta bake                {1 + i % 3}.30")
    p.textln("Cookie                    0.50")
    p.textln(f"TOTAL                     {1 + i % 3}.80")
    p.cut()
    return decode(p.output)[0][0], Truth(total=180 + 100 * (i % 3), receipt_no=str(4711 + i))


def test_a_number_printed_under_a_label_with_an_underscore_is_learnt():
    samples, truths = zip(*(_till(i) for i in range(3)), strict=True)
    assert {interpret(s).receipt_no for s in samples} == {None}  # the defaults do not know it
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    rules = rules_from_config(profile.config(ReceiptConfig()))
    for i in range(3, 8):
        sample, truth = _till(i)
        assert interpret(sample, rules).receipt_no == truth.receipt_no
