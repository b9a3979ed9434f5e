"""A till printing its amounts in whole units of its currency ("Coca-Cola
1,75l - 890 Ft") teaches its item lines from the samples' confirmed items
as any till does: the learnt line reads the name whole, a size in it
included, and the amount as printed or as the reader writes it with its
pence; never a sample's amount. Receipts are the fourteenth holdout's
Hungarian pizza van, rendered by python-escpos and decoded by our decoder."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_items import _item_pattern
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import _pairs, decode, technician_truth, truth_fields

SEED = 11
LAYOUT = "holdout14:nyugta-hu"


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=1, max_value=99999),
       st.sampled_from(["0,33l", "1,75l", "0,5l", "32cm"]))
def test_an_item_line_in_whole_units_is_learnt_with_its_name_and_any_amount(taught, other,
                                                                              size):
    rx = _item_pattern(f"Coca-Cola {size} - {taught} Ft", (f"Coca-Cola {size}", 1, taught * 100))
    assert rx is not None and str(taught) not in re.sub(r"\\d|\[[^]]*\]", "", rx)
    for printed in (f"{other}", f"{other}.00"):  # as printed; as the reader writes it
        m = re.match(rx, f"Ásványvíz {size} - {printed} Ft")
        assert m is not None and (m["description"], m["amount"]) == (f"Ásványvíz {size}",
                                                                    printed)


def test_a_whole_number_in_a_name_is_never_the_items_amount():
    # "32cm" holds no amount; 890 is the item's
    rx = _item_pattern("Pizza 32cm - 890 Ft", ("Pizza 32cm", 1, 89000))
    m = re.match(rx or "", "Pizza 45cm - 3290 Ft")
    assert m is not None and (m["description"], m["amount"]) == ("Pizza 45cm", "3290")
    assert _item_pattern("Pizza 32cm - 890 Ft", ("Pizza 32cm", 1, 3200)) is None


def test_the_pizza_vans_profile_reads_a_drinks_size_in_its_name():
    pairs = _pairs(LAYOUT, 5, SEED + 1000)
    profile = learn([decode(d)[0][0] for d, _ in pairs], ReceiptConfig(),
                    truths=[technician_truth(t) for _, t in pairs])
    rules = rules_from_config(profile.config(ReceiptConfig()))
    sized = [(decode(d)[0][0], t) for d, t in _pairs(LAYOUT, 60, SEED)
             if any(re.search(r"\d,\d+l\b", name) for name, _q, _p in t.lines)]
    assert len(sized) >= 5
    for receipt, truth in sized:
        p = interpret(receipt, rules)
        assert [tuple(x) for x in truth_fields(truth)["lines"]] == [
            (ln.description, ln.quantity, ln.amount_pence) for ln in p.lines]
