"""A learnt profile against the default rules it is added to: it never
teaches what makes its own samples read worse (a line set aside that holds
the total), and a line no sample printed is no alarm when the receipt's
arithmetic reconciles and the line is of a kind the profile knows (an
item's name, the till's own words), while a line with a new amount is
still flagged. Receipts are holdout layouts, rendered by python-escpos and
decoded by our decoder."""

from __future__ import annotations

import dataclasses
import re

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import contract_word, learn
from agent.sale.receipt_learn_fields import field_right
from agent.sale.receipt_learn_layout import shapes
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import TEMPLATE_MISS, UNPARSED, interpret, misses
from drivers.receipt.model import Template
from drivers.receipt.profile import fits
from tests.receipts_score import _pairs, decode, technician_truth

SEED = 11


def _learnt(layout: str):
    pairs = _pairs(layout, 5, SEED + 1000)
    samples = [decode(d)[0][0] for d, _ in pairs]
    truths = [technician_truth(t) for _, t in pairs]
    # (the layout as its samples teach it, proven or not: what these tests study)
    profile = learn(samples, ReceiptConfig(), truths=truths, prove_layout=False)
    return profile, rules_from_config(profile.config(ReceiptConfig())), samples, truths


def _receipts(layout: str, n: int = 40):
    return [decode(d)[0][0] for d, _ in _pairs(layout, n, SEED)]


def test_a_line_whose_setting_aside_misreads_a_confirmed_total_is_never_ignored():
    """A cupom sample prints a discount as a rate only: setting its TOTAL line
    aside makes it add up (the subtotal read as the total). The profile does
    not learn that, and reads every sample's total as confirmed."""
    profile, rules, samples, truths = _learnt("holdout7:cupom")
    assert not any(re.match(rx, "TOTAL  R$14,11") for rx in profile.ignore)
    for s, t in zip(samples, truths, strict=True):
        assert field_right(interpret(s, rules), t, "total", contract_word), s.text


def _without(r, drop: str):
    return dataclasses.replace(r, text=[t.replace(drop, "") for t in r.text])


def test_the_tills_own_words_printed_otherwise_are_no_alarm_but_new_words_with_money_are():
    """Farmacia's "¡GRACIAS POR SU COMPRA!" printed without its marks is its
    own words. A footer line in words it never printed still counts against
    the layout's proof (``misses(novel=True)``); on a receipt it is an alarm only where
    it could touch the money (learn19, ``profile.vouched``): "SIGUENOS EN
    REDES" says nothing the defaults read, "PROPINA 5,00" (a tip) does."""
    _profile, rules, _s, _t = _learnt("holdout7:farmacia")
    checked = 0
    for r in _receipts("holdout7:farmacia"):
        p = interpret(r, rules)
        if p.flags:
            continue
        plain = dataclasses.replace(r, text=[t.replace("¡", "").replace("!", "") for t in r.text])
        assert TEMPLATE_MISS not in interpret(plain, rules).flags
        changed = dataclasses.replace(r, text=[*r.text, "SIGUENOS EN REDES"])
        assert TEMPLATE_MISS not in interpret(changed, rules).flags
        assert any("SIGUENOS" in why for why in misses(changed, rules, novel=True))
        tipped = dataclasses.replace(r, text=[*r.text, "PROPINA 5,00"])
        assert TEMPLATE_MISS in interpret(tipped, rules).flags
        checked += 1
    assert checked >= 10


def test_an_items_name_alone_no_sample_printed_so_is_no_alarm_when_the_sums_add_up():
    """Cupom prints an item's name alone above its prices; "Opcional
    Adicional: grande" (a name with a colon) is such a name when the reading
    keeps it as an item and the arithmetic reconciles."""
    _profile, rules, _s, _t = _learnt("holdout7:cupom")
    named = [(r, p) for r in _receipts("holdout7:cupom", 80)
             if UNPARSED not in (p := interpret(r, rules)).flags
             and any(ln.description.startswith("Opcional") for ln in p.lines)]
    assert len(named) >= 5
    for r, _p in named:
        assert not any("Opcional" in why for why in misses(r, rules)), misses(r, rules)


def test_a_new_line_with_an_amount_is_flagged_though_the_sums_add_up():
    """Below escpos-php's total, a line with an amount no sample printed,
    which no rule knows as paying nothing ("Cashback": money handed over),
    is flagged even where the receipt's arithmetic is kept whole."""
    _profile, rules, _s, _t = _learnt("holdout7:escpos-php")
    checked = 0
    for r in _receipts("holdout7:escpos-php"):
        if interpret(r, rules).flags:
            continue
        changed = dataclasses.replace(r, text=[*r.text, "Cashback  12.40"])
        assert TEMPLATE_MISS in interpret(changed, rules).flags
        checked += 1
    assert checked >= 10


def test_a_date_lines_am_pm_ordinal_month_and_weekday_are_any_such_word():
    """Every sample printed the afternoon of the 5th of March, a Thursday: a
    receipt printed in the morning of the 1st of April, a Wednesday, is the
    same line; another label is not."""
    pattern = shapes([("Thu 5th Mar 2026 3:21 PM", "", 0, 0),
                      ("Thu 5th Mar 2026 4:02 PM", "", 0, 1),
                      ("Thu 5th Mar 2026 2:47 PM", "", 0, 2)])
    for line in ("Wed 1st Apr 2026 9:05 AM", "Sunday 22nd December 2026 11:59 pm",
                 "Thu 5th Mar 2026 3:21 PM"):
        assert re.fullmatch(pattern, line), line
    assert not re.fullmatch(pattern, "Thu 5th Mar 2026 3:21 Total")
    assert not re.search(r"Mar|Thu|PM|\dth", pattern)  # none as the samples printed it


def test_a_label_the_profile_prints_elsewhere_takes_a_value_but_no_amount():
    """"VAT" taught below the total: "VAT: DE318402917" above the items is
    the till's own label with a value; "VAT: 2.50" (an amount), a label no
    sample printed ("Pupil: 1234"), and the words of a kind ("PM") are no
    such thing."""
    profile = Template(name="layout", header=re.compile(r"Atelier\ Nordlicht"),
                       footer=re.compile(r"incl\.\ VAT\s+-?\d+%|\s+(?i:[ap]\.?m\.?)"))
    assert fits((profile,), "VAT: DE318402917", "header", set())
    assert not fits((profile,), "VAT: 2.50", "header", set())
    assert not fits((profile,), "Pupil: 1234", "header", set())
    assert not fits((profile,), "PM", "footer", set())
    assert fits((profile,), "Atelier Nordlicht", "header", set())
    assert not fits((profile,), "Atelier Sudlicht", "header", set())


def test_a_line_the_arithmetic_sets_aside_on_a_sample_read_right_is_the_tills_own():
    """A cupom sample read right prints a service charge on top of the
    subtotal ("TAXA DE SERVIÇO R$5,21", read as an item, then set aside by
    the arithmetic): other receipts printing it with any amount are no
    alarm; a line with other words and an amount in its place still is."""
    _profile, rules, _s, _t = _learnt("holdout7:cupom")
    charged = [r for r in _receipts("holdout7:cupom", 80)
               if any(t.startswith("TAXA") for t in r.text)
               and UNPARSED not in interpret(r, rules).flags]
    assert len(charged) >= 5
    for r in charged:
        assert TEMPLATE_MISS not in interpret(r, rules).flags, misses(r, rules)
        tipped = dataclasses.replace(r, text=[t.replace("TAXA DE SERVIÇO", "GORJETA EXTRA")
                                              for t in r.text])
        assert TEMPLATE_MISS in interpret(tipped, rules).flags
