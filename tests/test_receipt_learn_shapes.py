"""``agent receipt learn`` learns the till's own ways of printing from the
samples' confirmed truth: a date written out in words ("Thursday 5th of
March 2026"), a count printed with decimals ("2.00 COCA COLA"), item lines
that never swallow the till's own labelled lines; and under the learnt
profile a discount line no sample printed is flagged, never trusted."""

from __future__ import annotations

from datetime import datetime, timedelta

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_dates import date_runs
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import TEMPLATE_MISS, interpret
from drivers.receipt.profile import read_date
from tests.receipts_score import decode


def _receipt(*lines: str) -> object:
    p = Dummy()
    for line in lines:
        p.textln(line)
    p.cut()
    return decode(p.output)[0][0]


def _ordinal(day: int) -> str:
    ending = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{ending}"


def _in_words(when: datetime) -> str:
    """The way some tills print a date: "Thursday 5th of March 2026 07:01:23 PM"."""
    return (f"{when:%A} {_ordinal(when.day)} of {when:%B %Y} "
            f"{when.hour % 12 or 12:02d}:{when:%M:%S} {'PM' if when.hour >= 12 else 'AM'}")


def test_a_date_in_words_with_an_ordinal_day_is_learnt_as_its_format():
    when = datetime(2026, 3, 5, 19, 1, 23)
    [(prefix, _rx, fmt), *_] = date_runs([_in_words(when)], when.isoformat())
    assert prefix == "" and fmt == "%A %d of %B %Y %I:%M:%S %p"
    assert read_date(_in_words(when), fmt) == (when.date(), (19, 1, 23))


@settings(max_examples=60, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)))
def test_any_date_printed_in_words_reads_back_as_that_date_with_the_learnt_format(when):
    when = when.replace(microsecond=0)
    fmt = "%A %d of %B %Y %I:%M:%S %p"
    assert read_date(_in_words(when), fmt) == (
        when.date(), (when.hour, when.minute, when.second))


def _till(when: datetime, items: list[tuple[int, str, int]]) -> tuple[object, Truth]:
    """A receipt of a till printing its counts with decimals and its date in
    words at the foot, and the truth a technician confirms for it."""
    total = sum(q * p for q, _n, p in items)
    lines = ["FARMACIA CENTRAL", "CANT PRODUCTO     PRECIO IMPORTE"]
    lines += [f"{q}.00 {n:<12}{p / 100:>7.2f}{q * p / 100:>8.2f}" for q, n, p in items]
    lines += [f"Subtotal               {total / 100:>8.2f}", f"Total   $ {total / 100:.2f}",
              _in_words(when)]
    return _receipt(*lines), Truth(total=total, when=when.isoformat(), kind="sale",
                                   lines=[(n, q, q * p) for q, n, p in items])


def _learnt(k: int = 5) -> tuple[ReceiptConfig, list[tuple[object, Truth]]]:
    start = datetime(2026, 3, 5, 19, 1, 23)
    menu = [(1, "SUERO ORAL", 2400), (2, "KINDER DELI", 1000), (3, "AGUA 1 L", 1400),
            (1, "GASAS 10X10", 2200)]
    tills = [_till(start + timedelta(days=37 * i, minutes=71 * i), menu[i % 4:] + menu[:1])
             for i in range(k + 4)]
    samples, truths = zip(*tills[:k], strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    return profile.config(ReceiptConfig()), tills[k:]


def test_a_count_printed_with_decimals_is_learnt_as_the_items_quantity():
    rc, others = _learnt()
    rules = rules_from_config(rc)
    for receipt, truth in others:
        p = interpret(receipt, rules)
        assert [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == truth.lines
        assert p.occurred.startswith(truth.when) and p.total_pence == truth.total
        assert p.flags == []


def test_a_learnt_item_line_never_reads_the_tills_own_labelled_lines_as_items():
    rc, others = _learnt()
    learnt = [t.line.pattern for t in rules_from_config(rc).templates if t.line is not None]
    assert learnt and all("Subtotal" in rx for rx in learnt)  # the till's label, kept out
    p = interpret(others[0][0], rules_from_config(rc))
    assert "Subtotal" not in [ln.description for ln in p.lines]


def test_a_discount_line_no_sample_printed_is_flagged_under_the_profile():
    # Whether the till counts it as an item or takes it off the total, no
    # sample says: the receipt is flagged, never read on trust.
    rc, others = _learnt()
    receipt, truth = others[0]
    text = list(receipt.text)
    at = next(i for i, t in enumerate(text) if t.startswith("Total"))
    less = (truth.total - 100) / 100
    discounted = _receipt(*text[:at], "Discount (5%)              -1.00",
                          f"Total   $ {less:.2f}", *text[at + 1:])
    p = interpret(discounted, rules_from_config(rc))
    assert p.total_pence == truth.total - 100
    assert TEMPLATE_MISS in p.flags


def test_a_discount_the_arithmetic_sets_aside_is_no_false_alarm():
    rc, others = _learnt()
    receipt, truth = others[0]
    text = list(receipt.text)
    at = next(i for i, t in enumerate(text) if t.startswith("Total"))
    # ("Discount 0.00": nothing taken off; the total is the items')
    p = interpret(_receipt(*text[:at], "Loyalty saving              0.00", *text[at:]),
                  rules_from_config(rc))
    assert p.total_pence == truth.total
    assert [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == truth.lines
    assert p.flags == []
