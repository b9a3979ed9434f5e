"""``agent receipt learn`` with what the technician confirms: the till's own
labels (total, tender, number, date, account) learnt from a handful of
samples, generalised (never a sample's value), never reading a layout worse
than the defaults, written to the config and validated by ``agent doctor``."""

from __future__ import annotations

import re
import tomllib

import pytest
from escpos.printer import Dummy

from agent.cli import main
from agent.config import ReceiptConfig, load_config
from agent.sale.receipt_learn import learn, toml_text
from agent.sale.receipt_learn_fields import _AMOUNT, Truth
from agent.sale.receipt_learn_labels import label_regex, shape
from agent.sale.receipt_learn_truth import TruthError, truths_from_toml
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import (
    FIELDS,
    _pairs,
    decode,
    group_layouts,
    learnt_score,
    score,
    technician_truth,
)

HOLDOUTS = [lay for group in ("holdout", "holdout2", "holdout3", "holdout4", "holdout5")
            for lay in group_layouts(group)]
N, SEED = 60, 11
# The first N of the 200 the profile floors read at SEED (the same receipts
# as N rendered alone), so each is read once a process (tests.xdist_scopes).
RENDERED = 200


@pytest.mark.parametrize("layout", HOLDOUTS)
def test_a_profile_from_five_confirmed_samples_never_reads_a_holdout_layout_worse(layout):
    before = score(layout, RENDERED, SEED, first=N)
    after = learnt_score(layout, RENDERED, SEED, 5, first=N)
    assert after.right >= before.right
    assert after.trusted_wrong == 0  # never a wrong total or tender trusted under the profile
    assert all(after.fields[f] >= before.fields[f] for f in FIELDS), (before.fields, after.fields)


# Fully right of 60 receipts a layout, per set, with the defaults and with a
# profile learnt from 5 confirmed samples. Session 7 rules: 268->268, 8->224,
# 52->183, 168->301 (holdout2 to 5). Session 8, after the third to fifth
# holdouts became the defaults' development sets too: 300->300, 355->355,
# 342->351, 360->360; the sixth, blind to the defaults, 146->314. Session 9's
# learner (a bare tender word mapped, purses, month-first dates): 342->360, 146->317.
# Session 10: the sixth became a development set (360->360); the seventh
# and eighth, blind until this session's rules were written, 64->132 and
# 104->172. Session 11's learner (dates in words, decimal counts, the till's
# own number line, set-aside lines), facts rules (dates in words, numbers
# under their own labels, tender and account families) and money rules
# (currency codes, tax bands, amounts without pence): 64->343 / 132->315 and
# 104->366 / 172->366 (the defaults now read what a profile added). The
# ninth and tenth, blind until measured after those rules: 60 / 185 and
# 134 / 214; development sets since: 119 / 203 and 254 / 303; the seventh's
# profile no longer worse than its defaults (343 / 343). Session 12's facts
# rules (a bill's closing time, a fiscal unit's log, the receipt's own
# number over a payment's, meal vouchers): the tenth's defaults read what a
# profile adds (314 / 314), so it is held to its defaults, as a development set.
# Session 12's learner (dates read with the till's other timed lines set aside)
# and number formats (Rp12.500, Ksh 1,010, Diskon): the tenth's profile 314 -> 396;
# with the session's item shapes (options, two-row items): the ninth 320 / 351,
# the tenth 420 / 420 (its defaults read every receipt a profile does).
# rules26: the ninth's defaults read what its profile added (KTP's "Credit
# Paid" under a "Card Surcharge" is a card, TENDERS.md): 351 / 351, held to
# its defaults as the tenth is; no set here is blind any more.
FLOORS = {"holdout2": (300, 300), "holdout3": (360, 360), "holdout4": (342, 360),
          "holdout5": (360, 360), "holdout6": (360, 360), "holdout7": (343, 343),
          "holdout8": (418, 418), "holdout9": (351, 351), "holdout10": (420, 420)}
BLIND: set[str] = set()


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_on_the_blind_sets_a_profile_reads_far_more_receipts_right(group):
    layouts = group_layouts(group)
    defaults = sum(score(lay, RENDERED, SEED, first=N).right for lay in layouts)
    learnt = sum(learnt_score(lay, RENDERED, SEED, 5, first=N).right for lay in layouts)
    assert sum(learnt_score(lay, RENDERED, SEED, 5, first=N).trusted_wrong
               for lay in layouts) == 0
    low_defaults, floor = FLOORS[group]
    assert defaults >= low_defaults and learnt >= floor and learnt >= defaults
    assert learnt > defaults or group not in BLIND


def _samples(layout: str, k: int = 5):
    pairs = _pairs(layout, k, SEED + 1000)
    return [decode(d)[0][0] for d, _ in pairs], [technician_truth(t) for _, t in pairs]


def _values(t: Truth) -> list[str]:
    out = [v for v in (t.receipt_no, t.account) if v]
    if t.total:
        out.append(f"{t.total // 100}.{t.total % 100:02d}")
    if t.when:
        out += [t.when[:4], t.when[5:10]]
    return out


_LEARNT_ON = ["holdout3:c4sh", "holdout3:nextpos-mz", "holdout4:tryton-presik",
              "holdout5:campus-card", "holdout5:vendly", "holdout4:saledock",
              # the seventh and eighth holdouts: labels the defaults do not know
              "holdout7:farmacia", "holdout8:cunninghams-school", "holdout8:unicard-refectory",
              "holdout8:paragon-pl", "holdout8:circuit-digest",
              # the ninth and tenth (development sets): labels the defaults do not
              # know (a bilingual total, an opening time, a date's label in
              # Indonesian, a payment method in Spanish)
              "holdout9:powys-ysgol", "holdout9:ksi-cafe", "holdout10:toko-struk",
              "holdout10:trt-simplificada", "holdout10:alpha-plus-ke",
              # a tender word the defaults read and flag, never map ("Credit Paid";
              # read as the card under a card surcharge since rules26)
              "holdout9:ktp-grocer",
              # (holdout22:ebm-rw, the till's own number under a label printed
              # twice: read by the defaults since rules31b, nothing learnt)
              # a pupil's code the defaults leave unread ("Code: 614"), its
              # label learnt from the samples' accounts
              "holdout25:trust-kitchen"]


def _learnt_patterns(layout: str) -> tuple[list[str], list[Truth]]:
    samples, truths = _samples(layout)
    profile = learn(samples, ReceiptConfig(), truths=truths)
    return [getattr(t, f) for t in profile.templates
            for f in ("total", "tender", "receipt_no", "account", "when") if getattr(t, f)], truths


@pytest.mark.parametrize("layout", _LEARNT_ON)
def test_a_learnt_pattern_holds_the_label_never_a_samples_value(layout):
    patterns, truths = _learnt_patterns(layout)
    for rx in patterns:
        assert rx.startswith("^")  # anchored on the line's label
        assert not re.search(r"\d", rx.replace(r"\d", "")), rx  # digits only as \d
        for value in (v for t in truths for v in _values(t)):
            assert value not in rx


def test_patterns_are_learnt_on_the_layouts_the_defaults_misread():
    # Where the defaults read a layout's samples right there is nothing to
    # learn; on these layouts together something is (the check above is
    # never empty).
    assert any(_learnt_patterns(layout)[0] for layout in _LEARNT_ON)


def test_labels_and_values_are_generalised():
    assert label_regex("Paid (Card):") == r"^\W*Paid\W*Card\W*"
    assert label_regex("Till 12 Trans") == r"^\W*Till\W*\d+\W*Trans\W*"
    assert shape("TC2-2603-5352") == r"[^\W\d_]+\d+\-\d+\-\d+"
    assert re.fullmatch(shape("29 JUL 26 08:38"), "3 AUG 26 17:05")


def _due_receipt(*tail: str) -> object:
    p = Dummy()
    p.textln("Pasta bake                2.30")
    p.textln("Cookie                    0.50")
    for line in tail:
        p.textln(line)
    p.cut()
    return decode(p.output)[0][0]


def test_a_label_is_learnt_from_the_line_holding_the_confirmed_total():
    # Icelandic "Samtals": a total no default family holds (Dutch "Te betalen" is one now)
    samples = [_due_receipt("Samtals:               £2.80")] * 3
    base = ReceiptConfig()
    assert all(interpret(s, rules_from_config(base)).total_pence != 280 for s in samples)
    profile = learn(samples, base, truths=[Truth(total=280)] * 3)
    rules = rules_from_config(profile.config(base))
    assert [interpret(s, rules).total_pence for s in samples] == [280] * 3
    label = r"^\W*Samtals\W*[^\w\d]*"
    assert [t.total for t in profile.templates] == [label + _AMOUNT + "(?!\\d)"]


def test_a_proposal_that_reads_a_sample_worse_is_not_kept():
    # Three samples print their number as "Bong 1234"; a fourth, read right by the
    # defaults, prints "Bong 9" (a voucher) before its "Receipt No: 77": the label
    # "Bong" would read that sample's number wrong, so it is not proposed.
    def numbered(*head: str) -> object:
        return _due_receipt(*head, "TOTAL                     2.80")

    bong = [numbered(f"Bong {n}") for n in (1234, 1235, 1236)]
    fourth = numbered("Bong 9", "Receipt No: 77")
    base = ReceiptConfig()
    assert [interpret(s, rules_from_config(base)).receipt_no for s in bong] == [None] * 3
    assert interpret(fourth, rules_from_config(base)).receipt_no == "77"
    alone = learn(bong, base, truths=[Truth(receipt_no=str(n)) for n in (1234, 1235, 1236)])
    assert [t.receipt_no for t in alone.templates] == [
        r"^\W*Bong\W*(?P<receipt_no>\d+)(?![^\W_])"]
    profile = learn([*bong, fourth], base,
                    truths=[*(Truth(receipt_no=str(n)) for n in (1234, 1235, 1236)),
                            Truth(receipt_no="77")])
    assert [t.receipt_no for t in profile.templates if t.receipt_no] == []
    assert interpret(fourth, rules_from_config(profile.config(base))).receipt_no == "77"


def _odd_till(k: int, first: int = 0) -> list[tuple[bytes, int, str]]:
    """``k`` receipts of a till whose total and number labels no default
    rule knows ("Samtals", "Volgnr"): rendered bytes, total, number."""
    out = []
    for i in range(first, first + k):
        p = Dummy()
        p.textln(f"Volgnr {4100 + i}")
        p.textln(f"Pasta bake                {1 + i % 3}.30")
        p.textln("Cookie                    0.50")
        p.textln(f"Samtals:                £{1 + i % 3}.80")
        p.cut()
        out.append((p.output, 180 + 100 * (i % 3), str(4100 + i)))
    return out


def test_a_profile_round_trips_through_the_config_and_doctor_validates_it(tmp_path, capsys):
    odd = _odd_till(5)
    samples = [decode(d)[0][0] for d, _, _ in odd]
    profile = learn(samples, ReceiptConfig(),
                    truths=[Truth(total=t, receipt_no=no) for _, t, no in odd])
    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "till-1"\n' + toml_text(profile, len(samples)))
    cfg = load_config(str(conf), str(tmp_path))
    assert cfg.receipt.templates == profile.config(ReceiptConfig()).templates
    rules = rules_from_config(cfg.receipt)
    others = [(interpret(decode(d)[0][0], rules), t, no) for d, t, no in _odd_till(N, 100)]
    assert all((p.total_pence, p.receipt_no, p.flags) == (t, no, []) for p, t, no in others)
    main(["doctor", "--config", str(conf), "--state-dir", str(tmp_path)])
    out = capsys.readouterr()
    assert "receipt.templates" not in out.out + out.err
    # A hand-broken profile is the doctor's config error, naming template and field.
    conf.write_text(conf.read_text().replace("(?P<amount>", "(?P<amt>"))
    main(["doctor", "--config", str(conf), "--state-dir", str(tmp_path)])
    out = capsys.readouterr()
    assert re.search(r"receipt\.templates\[\d+\] \('learnt-\d+'\)\.total: the pattern needs "
                     r"the named group \(\?P<amount>...\)", out.out + out.err)


def test_the_truth_file_is_checked_and_read_in_sample_order():
    data = tomllib.loads('[[receipt]]\ntotal = "£3.30"\ntender = "card"\n'
                        'when = "2026-07-29 08:38"\nreceipt_no = ""\n'
                        '[[receipt]]\nkind = "refund"\ntotal = 250\n')
    first, second, third = truths_from_toml(data, 3)
    assert (first.total, first.tender, first.when, first.receipt_no) == \
        (330, "card", "2026-07-29T08:38", "")
    assert (second.kind, second.total, second.tender) == ("refund", 250, None)
    assert third == Truth()
    for bad, says in (('tender = "visa"', "one of cash"), ('total = "lots"', "an amount"),
                      ('when = "29/07/26"', "YYYY-MM-DD"), ('colour = "red"', "unknown")):
        with pytest.raises(TruthError, match=says):
            truths_from_toml(tomllib.loads(f"[[receipt]]\n{bad}\n"), 1)


def test_the_command_learns_from_a_truth_file_and_writes_a_config_that_loads(tmp_path, capsys):
    odd = _odd_till(4)
    stream = tmp_path / "samples.bin"
    stream.write_bytes(b"".join(d for d, _, _ in odd))
    truth = tmp_path / "truth.toml"
    truth.write_text("".join(
        f'[[receipt]]\ntotal = {t}\nreceipt_no = "{no}"\n' for _, t, no in odd))
    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "till-1"\n')
    args = ["receipt", "learn", str(stream), "--truth", str(truth), "--config", str(conf),
            "--state-dir", str(tmp_path), "--write"]
    assert main(args) == 0
    out = capsys.readouterr().out
    # the defaults know neither label; the profile reads both
    assert "0/2 confirmed fields read right with the config, 2/2 with the profile" in out
    assert "total read from lines matching ^" in out and "written to" in out
    cfg = load_config(str(conf), str(tmp_path))
    rules = rules_from_config(cfg.receipt)
    assert all(interpret(decode(d)[0][0], rules).total_pence == t for d, t, _ in _odd_till(N, 100))


def test_at_the_terminal_each_field_is_asked_beside_what_the_rules_read():
    from agent.sale.receipt_learn import contract_word
    from agent.sale.receipt_learn_truth import ask

    sample = _due_receipt("Zu zahlen:             £2.80", "Karte                   £2.80")
    p = interpret(sample, rules_from_config(ReceiptConfig()))
    asked: list[str] = []
    answers = iter(["2.80", "visa", "card", "-", "", "", ""])

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    t = ask(p, answer, contract_word)
    assert asked[-1] == "  kind [sale]: "  # what the rules read, shown in brackets
    assert [a.split(" [")[0].strip() for a in asked] == [
        "total", "tender", "tender", "receipt_no", "when", "account", "kind"]  # visa: asked again
    assert (t.total, t.tender, t.receipt_no, t.when, t.account) == (280, "card", "", None, None)
    assert t.kind == "sale"  # Enter keeps what the rules read


def test_a_bare_tender_word_is_learnt_as_the_sites_word_so_a_split_with_it_reads_its_parts():
    samples = [_due_receipt("TOTAL                  £2.80", "CHARGE                 £2.80")] * 3
    base = ReceiptConfig()
    profile = learn(samples, base, truths=[Truth(total=280, tender="card")] * 3)
    assert profile.tenders == {"CHARGE": "card"}
    rules = rules_from_config(profile.config(base))
    split = interpret(_due_receipt("TOTAL                  £2.80", "CASH                   £1.00",
                                   "CHARGE                 £1.80"), rules)
    assert [(p.tender, p.amount_pence) for p in split.tenders] == [("cash", 100), ("card", 180)]
    assert "unmapped_tender" not in split.flags and "split_unreconciled" not in split.flags


def test_a_purse_the_defaults_take_for_a_balance_is_learnt_when_it_pays_the_confirmed_total():
    def paid(amount: str, balance: str) -> object:
        return _due_receipt(f"Total Due              £{amount}",
                            f"Tuck fund              £{amount}",
                            f"Tuck fund balance      £{balance}")

    samples = [paid("2.80", "10.22"), paid("2.80", "4.10"), paid("2.80", "31.05")]
    base = ReceiptConfig()
    assert all(interpret(s, rules_from_config(base)).tender is None for s in samples)  # unknown
    profile = learn(samples, base, truths=[Truth(total=280, tender="account")] * 3)
    rules = rules_from_config(profile.config(base))
    tender_patterns = [t.tender for t in profile.templates if t.tender]
    # Learnt as a word or a pattern; never the balance line's.
    assert not any(re.search(rx, "Tuck fund balance      £3.00") for rx in tender_patterns)
    read = interpret(paid("2.80", "7.70"), rules)
    assert read.tender == "account" and read.tenders == () and read.flags == []


def test_a_till_printing_its_dates_month_first_is_learnt_though_the_samples_read_right():
    # Its 12-hour receipts print month first, its 24-hour ones day first;
    # each sample's date is one only one order makes, so the defaults read
    # them right, and a date both orders make they would read day first.
    def dated(when: str) -> object:
        return _due_receipt(when, "TOTAL                  £2.80", "Cash                   £2.80")

    samples = [dated("4/20/2026, 12:58:44 PM"), dated("13/01/2026, 16:11:03"),
               dated("9/27/2026, 11:01:06 AM")]
    truths = [Truth(total=280, when=w) for w in
              ("2026-04-20T12:58:44", "2026-01-13T16:11:03", "2026-09-27T11:01:06")]
    base = ReceiptConfig()
    # (A leading zero: the defaults read it day first, as day-first tills
    # with a 12-hour clock print it.)
    assert interpret(dated("06/10/2026, 3:15:04 PM")).occurred.startswith("2026-10-06")
    profile = learn(samples, base, truths=truths)
    rules = rules_from_config(profile.config(base))
    assert interpret(dated("06/10/2026, 3:15:04 PM"), rules).occurred.startswith(
        "2026-06-10T15:15:04")
    assert interpret(dated("06/10/2026, 15:15:04"), rules).occurred.startswith(
        "2026-10-06T15:15:04")
    assert all(interpret(s, rules).occurred.startswith(t.when)
               for s, t in zip(samples, truths, strict=True))


def test_a_subtotal_printing_the_same_amount_is_never_learnt_as_the_total():
    # Samples with no discount print the total twice ("Subtotal:" and
    # "Total:", in a currency the defaults may not read); only the line
    # labelled as a total is proposed, so the next receipt, with a discount,
    # is not read at its subtotal.
    from agent.sale.receipt_learn_fields import _total_candidates

    lines = ["Subtotal: Ks145.14", "Total: Ks145.14", "Amount Received: Ks145.14"]
    found = _total_candidates(lines, Truth(total=14514))
    assert len(found) == 1 and found[0].startswith(r"^\W*Total")
    # With no line labelled as a total, every line printing it is a candidate.
    assert len(_total_candidates(["Te betalen Ks1.20", "Ontvangen Ks1.20"],
                                 Truth(total=120))) == 2
