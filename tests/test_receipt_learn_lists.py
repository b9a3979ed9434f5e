"""A till that prints a list of names (a table's guests, the staff who
served: "Priya, Aisha, Tom") teaches its profile any such list: under the
profile a receipt of the till listing other names, or more of them, is no
false alarm, while a line of another shape still is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import TEMPLATE_MISS, interpret
from tests.receipts_score import printed_receipt

SAMPLE_NAMES = ["Tom", "Priya", "Aisha", "John", "Jane"]
MENU = [("Flat White", 475), ("Tea", 365), ("Choc Mudcake", 640), ("Cortado", 455)]




def _till(guests: list[str], k: int, extra: tuple[str, ...] = ()) -> tuple[object, Truth]:
    items = [MENU[(k + i) % 4] for i in range(1 + k % 3)]
    total = sum(p for _n, p in items)
    lines = ["The Corner Cafe", f"Table: {k % 9 + 1}", ", ".join(guests), *extra, "-" * 32]
    lines += [f"{n:<24}£{p / 100:>6.2f}" for n, p in items]
    lines += ["-" * 32, f"Total:{'':<18}£{total / 100:>6.2f}",
              f"Card:{'':<19}£{total / 100:>6.2f}"]
    return printed_receipt(*lines), Truth(total=total, tender="card", kind="sale",
                                   lines=[(n, 1, p) for n, p in items])


def _rules() -> object:
    groups = [SAMPLE_NAMES[:2], SAMPLE_NAMES[1:4], ["Tom"], SAMPLE_NAMES[2:], ["Jane", "John"]]
    samples, truths = zip(*(_till(g, k) for k, g in enumerate(groups)), strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths), prove_layout=False)
    return rules_from_config(profile.config(ReceiptConfig()))


RULES = _rules()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Owen", "Mei Ling", "Zoë", "Kwame", "Anne-Marie", "Priya"]),
                min_size=2, max_size=6), st.integers(0, 20))
def test_any_list_of_names_is_known_to_a_profile_taught_lists(guests, k):
    receipt, truth = _till(guests, k)
    p = interpret(receipt, RULES)
    assert p.total_pence == truth.total and TEMPLATE_MISS not in p.flags, p.flags


def test_a_line_of_another_shape_is_still_one_the_profile_was_not_taught():
    receipt, _truth = _till(["Owen", "Tom"], 3, extra=("Voucher 7781 applied",))
    assert TEMPLATE_MISS in interpret(receipt, RULES).flags
