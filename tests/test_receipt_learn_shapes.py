"""``agent receipt learn`` learns the till's own ways of printing from the
samples' confirmed truth: a date written out in words ("Thursday 5th of
March 2026"), a count printed with decimals ("2.00 COCA COLA"), item lines
that never swallow the till's own labelled lines; and under the learnt
profile a discount line no sample printed is flagged, never trusted."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_dates import date_runs
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import TEMPLATE_MISS, interpret
from drivers.receipt.profile import read_date
from tests.receipts_score import printed_receipt


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
    return printed_receipt(*lines), Truth(total=total, when=when.isoformat(), kind="sale",
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
    # (the money rules now read these counts: an item line learnt, if any,
    # keeps the till's label out)
    assert all("Subtotal" in rx for rx in learnt)
    p = interpret(others[0][0], rules_from_config(rc))
    assert "Subtotal" not in [ln.description for ln in p.lines]


def test_a_discount_line_no_sample_printed_is_flagged_under_the_profile():
    # Whether the till counts it as an item or takes it off the total, no
    # sample says; the total printed under it, which the items with it add
    # up to, is the money either way: the lines are flagged ambiguous (learn16).
    # Where they do not add up, the receipt is held, never read on trust.
    rc, others = _learnt()
    receipt, truth = others[0]
    text = list(receipt.text)
    at = next(i for i, t in enumerate(text) if t.startswith("Total"))
    for off, held in ((100, False), (150, True)):
        discounted = printed_receipt(*text[:at], "Discount (5%)              -1.00",
                                     f"Total   $ {(truth.total - off) / 100:.2f}",
                                     *text[at + 1:])
        p = interpret(discounted, rules_from_config(rc))
        assert (TEMPLATE_MISS in p.flags) == held
        if not held:
            assert p.total_pence == truth.total - 100 and "lines_ambiguous" in p.flags


def test_a_discount_the_arithmetic_sets_aside_is_no_false_alarm():
    rc, others = _learnt()
    receipt, truth = others[0]
    text = list(receipt.text)
    at = next(i for i, t in enumerate(text) if t.startswith("Total"))
    # ("Discount 0.00": nothing taken off; the total is the items')
    p = interpret(printed_receipt(*text[:at], "Loyalty saving              0.00", *text[at:]),
                  rules_from_config(rc))
    assert p.total_pence == truth.total
    assert [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == truth.lines
    assert p.flags == []


def _two_numbers(i: int) -> tuple[object, Truth]:
    """A till printing a transaction code above its receipt number (the
    defaults take the first number under a number's label)."""
    order, receipt_no = f"TRN-{'KWFHQZ'[i % 6]}{i * 37 % 1000:03d}X", f"RC-{66634858 + 7919 * i}"
    return printed_receipt(f"Trans: {order}", f"Receipt: {receipt_no}",
                           "Latte                £3.40",
                           "TOTAL:               £3.40"), Truth(total=340, receipt_no=receipt_no)


def test_the_tills_number_is_learnt_over_another_code_the_defaults_read_first():
    tills = [_two_numbers(i) for i in range(12)]
    assert interpret(tills[0][0]).receipt_no.startswith("TRN-")
    samples, truths = zip(*tills[:5], strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    rules = rules_from_config(profile.config(ReceiptConfig()))
    assert [interpret(r, rules).receipt_no for r, _ in tills[5:]] == [
        t.receipt_no for _, t in tills[5:]]
    # (the line set aside is the other code's label, never a sample's value)
    ignored = [t.ignore for t in profile.templates if t.ignore]
    assert ignored == [r"^\W*Trans\W*\S+$"]


def _fiscal(i: int, code: str = "B") -> tuple[object, Truth]:
    """A fiscal till: its number on the date's line, a tax summary between
    its items and its total (no item, whatever the defaults take it for)."""
    day = datetime(2026, 4, 13) + timedelta(days=29 * i)
    items = [("Espresso", 2, 900), ("Cappuccino", 1 + i % 3, 1300)]
    total = sum(q * p for _n, q, p in items)

    def pln(pence: int) -> str:
        return f"{pence // 100},{pence % 100:02d}"

    lines = ["Kawiarnia Pod Lipami", f"{day:%Y-%m-%d}            nr wydr.{215384 + 37 * i}",
             "PARAGON FISKALNY"]
    lines += [f"{n:<18}{q} x{pln(p)} {pln(q * p)}{code}" for n, q, p in items]
    lines += [f"Sprzed. opod. PTU {code}        {pln(total)}",
              f"Kwota {code} 08,00%             {pln(total * 8 // 108)}",
              f"Podatek PTU                {pln(total * 8 // 108)}",
              f"SUMA PLN      {pln(total)}", f"Gotówka                {pln(total)}"]
    return printed_receipt(*lines), Truth(total=total, receipt_no=str(215384 + 37 * i),
                                   when=f"{day:%Y-%m-%d}", tender="cash",
                                   lines=[(n, q, q * p) for n, q, p in items])


def test_lines_read_as_items_the_technician_did_not_confirm_are_set_aside_by_their_label():
    samples, truths = zip(*(_fiscal(i) for i in range(5)), strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    rules = rules_from_config(profile.config(ReceiptConfig()))
    # (another tax code's summary too: a capital alone is any capital)
    for receipt, truth in [_fiscal(7), _fiscal(8, code="A")]:
        p = interpret(receipt, rules)
        assert [(ln.description, ln.quantity, ln.amount_pence) for ln in p.lines] == truth.lines
        assert (p.total_pence, p.receipt_no, p.occurred[:10]) == (
            truth.total, truth.receipt_no, truth.when)
        assert TEMPLATE_MISS not in p.flags  # a line the profile sets aside is one it knows


def test_a_truth_file_confirms_the_items_as_printed():
    import pytest

    from agent.sale.receipt_learn_truth import TruthError, truths_from_toml

    [t] = truths_from_toml({"receipt": [{"total": "31.00", "lines": [
        ["Espresso", 2, "18,00"], ["Cappuccino ", 1, 1300], ["Meal deal saving", 1, "-0.40"]]}]}, 1)
    assert t.lines == [("Espresso", 2, 1800), ("Cappuccino", 1, 1300),
                       ("Meal deal saving", 1, -40)]
    for bad in ([["Espresso", "2", "18.00"]], [["Espresso", 2, "eighteen"]], "Espresso", []):
        with pytest.raises(TruthError, match="lines"):
            truths_from_toml({"receipt": [{"lines": bad}]}, 1)


def _shop(i: int) -> tuple[object, Truth]:
    """A shop whose item names sit in a fixed column, cut at 15 characters."""
    names = ["Vanille gousse", "Eau Cristaline", "Flan patissier", "Croissant"]
    name = names[i % 4]
    pence = 120 + 35 * i
    return printed_receipt("EPICERIE DU PORT", "12 rue du Port", "--------------------------",
                    f"1  {name:<15} {pence / 100:>6.2f}", f"TOTAL TTC        {pence / 100:>6.2f}",
                    "MERCI DE VOTRE VISITE"), Truth(
        total=pence, lines=[(f"{name:<15}", 1, pence)])  # confirmed with its column's padding


def test_a_name_confirmed_with_its_columns_padding_still_teaches_the_layout():
    shops = [_shop(i) for i in range(9)]
    samples, truths = zip(*shops[:5], strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    rules = rules_from_config(profile.config(ReceiptConfig()))
    for receipt, truth in shops[5:]:
        p = interpret(receipt, rules)
        assert p.total_pence == truth.total and TEMPLATE_MISS not in p.flags, p.flags


def test_a_date_label_with_an_underscore_is_learnt_with_the_number_on_its_line():
    # "TRANS_DATE:": the learner's date pattern for this label once matched
    # no line (a label's words were joined by what is not a word, and "_"
    # is one), and the number printed on that line was a StopIteration out
    # of learn(). The label is learnt now, and the number with it, where
    # the defaults read the order's ("Order: ORD-705").
    def sample(i: int) -> tuple[object, Truth]:
        return printed_receipt("CORNER CAFE", f"TRANS_DATE: 1{i}/03/2026 10:15   Z{81230 + i}",
                        f"Order: ORD-{700 + i}", "Tea              1.20",
                        "TOTAL            1.20", "Cash             1.20"), Truth(
            total=120, receipt_no=f"Z{81230 + i}", when=f"2026-03-1{i}T10:15", tender="cash")

    samples, truths = zip(*(sample(i) for i in range(3)), strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    receipt, truth = sample(5)
    learnt = interpret(receipt, rules_from_config(profile.config(ReceiptConfig())))
    defaults = interpret(receipt, rules_from_config(ReceiptConfig()))
    assert defaults.receipt_no != truth.receipt_no
    assert (learnt.total_pence, learnt.receipt_no) == (truth.total, truth.receipt_no)
    assert learnt.occurred.startswith(truth.when) and learnt.flags == []
