"""The red team in words no rule knows (``tests/receipt_mutants.py``): a
receipt every set's renderer prints and the defaults read fully right,
with one line added where money is decided under a label of pronounceable
nonsense or a language no set covers. Where the paper's own arithmetic
proves the money, it is read as before; otherwise it is flagged. Below
the property, the paper facts it found, as a person reads them."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipt_mutants import PLACES, _paid_is_total, bases, mutate, reading, verdict
from tests.receipts_score import _profile_rules, printed_receipt


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(PLACES), st.randoms(use_true_random=False))
def test_a_line_in_words_no_rule_knows_is_placed_by_the_arithmetic_or_flagged(
        which: int, place: str, rng: random.Random):
    # one base receipt a layout (every layout whose receipts reprint plain
    # and read fully right), worked out once per process
    found = bases(1)
    m = mutate(found[which % len(found)], place, rng)
    if m is None:
        return  # no tender line printed to add to
    assert verdict(m) in ("flagged", "unchanged"), (m.base.layout, place, m.line, m.text)


def test_the_red_team_reaches_most_layouts_and_both_verdicts():
    # a red team whose bases were empty, or whose mutants all passed
    # untouched, would prove nothing
    found = bases(1)
    assert len({b.layout for b in found}) >= 100
    rng = random.Random(1)
    seen = {verdict(m) for b in found[:20] for p in PLACES if (m := mutate(b, p, rng))}
    assert {"flagged", "unchanged"} <= seen


def test_an_amount_under_the_total_with_nothing_paid_is_doubted():
    # "Mimat:" may be the amount to pay after a rounding; no payment says
    # which of the two was charged.
    p = reading(["Cafe", "1 x Panini        £3.05", "1 x Chicken wrap  £2.70",
                 "Total:            £5.75", "Mimat:            £5.76"])
    assert "total_unsure" in p.flags


def test_a_word_about_amounts_inside_an_unknown_word_does_not_make_it_known():
    # "sipaidat" holds "paid" but is no word any rule knows: the amount under
    # it, 0.20 over the total, is placed by nothing paid (the card's line
    # prints none). Found by the red team at seed 17 (holdout18 hicloud-do).
    p = reading(["Colmado", "Queso de hoja             160.00",
                 "Subtotal:              RD$160.00", "ITBIS:                  RD$28.80",
                 "TOTAL:                  RD$188.80", "Athru sipaidat          RD$189.00",
                 "Metodo:                   Tarjeta"])
    assert "total_unsure" in p.flags


def test_an_amount_under_the_total_after_an_amount_off_in_unknown_words_is_doubted():
    # Brazil's "Valor total / Desconto / Valor a pagar", in words no rule has.
    p = reading(["Padaria", "Pao de queijo      7,98", "Valor total   7,98",
                 "Brorsk       -0,40", "Zikask       7,58"])
    assert "total_unsure" in p.flags


def test_a_card_paying_the_total_places_an_unknown_amount_under_it():
    p = reading(["Cafe", "1 x Panini        £3.05", "1 x Chicken wrap  £2.70",
                 "Total:            £5.75", "Mimat:            £5.76",
                 "Card              £5.75"])
    assert (p.total_pence, p.tender, p.flags) == (575, "card", [])


def test_cash_handed_over_less_change_places_an_unknown_amount_under_the_total():
    p = reading(["Cafe", "3 Pc Chicken tikka   9.60", "A total of £9.60",
                 "Salio                £9.62", "Cash  £20.00", "Change  £10.40"])
    assert (p.total_pence, p.tender, p.flags) == (960, "cash", [])


def test_money_handed_over_and_given_back_with_no_way_of_paying_read_is_doubted():
    # Serbia's "Готовина" (cash) / "Повраћај" (change), in words no rule has:
    # money changed hands, and nothing read says how; the journal would fill
    # in a tender (a pupil's account, where one was identified).
    p = reading(["Pekara", "Burek sa sirom      3 x 150,00    450,00",
                 "Ukupno:            450,00", "Zikask:            500,00",
                 "Brorsk:             50,00"])
    assert p.total_pence == 45000 and p.tender is None
    assert "unread_tender" in p.flags


def test_a_label_the_printers_code_page_could_not_print_is_still_words():
    # "Үлдэгдэл" has a letter no code page python-escpos picks holds: it
    # prints "?лдэгдэл", words no rule knows, paying the total: no tender
    # is read, and the flag says a payment went unread.
    r = printed_receipt("Cafe", "Tempura soba   £17.50", "Total          £17.50",
                        "Үлдэгдэл       £17.50")
    assert r.text[-1].startswith("?")
    p = reading(list(r.text))
    assert p.tender is None and "unread_tender" in p.flags


def _points_till(k: int) -> list[str]:
    """A till that prints its loyalty points under the total."""
    return ["Cafe", f"Panini            £{3 + k}.05", f"Total:            £{3 + k}.05",
            f"Brorvik pts:      {20 + k}.00"]


def test_a_profile_learnt_from_the_tills_samples_places_the_line_they_printed():
    # Flagged by default; read cleanly once a profile is learnt from five
    # of its receipts and what the technician confirmed on each.
    assert "total_unsure" in reading(_points_till(0)).flags
    samples = [printed_receipt(*_points_till(k)) for k in range(1, 6)]
    truths = [Truth(total=305 + 100 * k, lines=[("Panini", 1, 305 + 100 * k)])
              for k in range(1, 6)]
    rules = _profile_rules(samples, truths)
    p = interpret(printed_receipt(*_points_till(6)), rules)
    assert (p.total_pence, p.flags) == (905, [])
    # a line under the total its samples never printed is doubted still
    p = interpret(printed_receipt(*_points_till(6), "Zagluk:           £8.55"), rules)
    assert "total_unsure" in p.flags


def test_a_technicians_line_to_ignore_clears_the_alarm_for_their_till():
    rules = rules_from_config(ReceiptConfig(templates=[
        ReceiptTemplate(name="points", ignore=r"^Brorvik pts:")]))
    p = interpret(printed_receipt(*_points_till(6)), rules)
    assert (p.total_pence, p.flags) == (905, [])


def test_cash_handed_over_above_the_total_less_the_change_places_an_amount_under_it():
    # £5.00 handed over, £1.50 back: £3.50 was charged, whatever "Itzulia
    # -£0.10" under the total is (the red team at seed 31 called this reading
    # unproved: it looked for the cash handed over under the total only)
    text = ["*** St Aidan's Sixth Form ***", "Cheese & onion pasty  2 x 1.75   = £3.50",
            "----------------------------", "Cash Amount: £5.00", "Total      : £3.50",
            "Itzulia:    -£0.10", "Change     : £1.50", "TN: SA260001"]
    p = reading(text)
    assert (p.total_pence, p.tender, p.flags) == (350, "cash", [])
    assert _paid_is_total(text, after=1, total_at=4, total=350)


CAFE = ["Cafe", "1 x Panini        £3.05", "1 x Chicken wrap  £2.70", "Total:            £5.75"]


@pytest.mark.parametrize("label", ["Paido", "Totalo", "Dueko", "Fizebrusk paiden"])
def test_a_word_that_only_begins_like_one_about_amounts_is_still_unknown(label):
    # "Paido £5.75" under the total is no total, tender or change any rule
    # reads: money paid in a way nothing maps, flagged as "Zolkad £5.75" is,
    # never dropped (the journal would fill in the pupil's account). Found
    # by fuzz28 in random mode and by the red team at seed 31 (holdout10
    # zollify-booth, holdout25 sac-ie).
    p = reading([*CAFE, f"{label:<18}£5.75"])
    assert (p.total_pence, p.tender) == (575, None)
    assert "unread_tender" in p.flags


@pytest.mark.parametrize("line", ["Savings           £0.50", "Rounded Totals    £5.75",
                                  "Amount Tendered   £5.75"])
def test_a_word_about_amounts_inflected_is_still_about_amounts(line):
    # the word ends in a word about amounts, perhaps with its "s" or "ed":
    # under a card that paid the total, nothing more to say
    p = reading([*CAFE, "Card              £5.75", line])
    assert (p.total_pence, p.tender, p.flags) == (575, "card", [])


@pytest.mark.parametrize("line", ["Pocket daily allowance -2.10", "Daily spend       -2.10"])
def test_minus_the_total_under_words_no_rule_reads_as_a_tender_is_a_way_paid_unread(line):
    # "TOTAL DUE 2.10" then "Daily spend -2.10": the meal's money taken from
    # a purse or an allowance no table maps (neither a second total nor an
    # amount off after the total): flagged, never read as no tender (safety28).
    p = reading(["Canteen", "1 x Pasta bake    £2.10", "TOTAL DUE         2.10", line])
    assert (p.total_pence, p.tender) == (210, None)
    assert "unread_tender" in p.flags
